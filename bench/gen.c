/* gen.c - arsenal-gen: synthetic arsenal models for tests and benchmarks.
 *
 * Writes one model (model-format.md, version 1.1) to stdout and, with --dat, the
 * matching GNU MathProg data file for bench/arsenal.mod, so that the same
 * program can be solved by arsenal and by glpsol and the optima compared.
 *
 * Every model is valid by construction: ids are unique, every series has T
 * values, every controlled component used outside its origin is covered by
 * some licence, every licence covers a use, every payee has an eligible fund,
 * every country named is declared. The same flags and seed always give the
 * same bytes: the generator has its own PRNG (xoshiro256** seeded through
 * splitmix64) and prints every number from a value already rounded to 6
 * significant digits, so the JSON and the .dat carry identical decimals.
 *
 * Stand-alone on purpose (only libc and libm): it must not share code with
 * the solver it cross-checks.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ PRNG */

typedef struct {
    uint64_t s[4];
} rng_t;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng_t *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void rng_seed(rng_t *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

/* Uniform in [0, 1). */
static double unif(rng_t *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static double uni(rng_t *r, double a, double b)
{
    return a + (b - a) * unif(r);
}

/* Uniform integer in [lo, hi]; the modulo bias is irrelevant at these ranges. */
static int irand(rng_t *r, int lo, int hi)
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int chance(rng_t *r, double p)
{
    return unif(r) < p;
}

/* Rounds to 6 significant digits through the same text both writers print,
 * so what arsenal reads from the JSON equals what glpsol reads from the .dat. */
static double snap(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.6g", x);
    return strtod(buf, NULL);
}

/* ------------------------------------------------------------- utilities */

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "arsenal-gen: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

/* Every allocation lives until the process ends; they are kept in one list
 * and freed at exit so leak checkers see a clean run. */
static void **arena;
static size_t arena_len, arena_cap;

static void arena_free(void)
{
    for (size_t i = 0; i < arena_len; i++)
        free(arena[i]);
    free(arena);
    arena = NULL;
    arena_len = arena_cap = 0;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p && arena_len == arena_cap) {
        size_t ncap = arena_cap ? arena_cap * 2 : 256;
        void **na = realloc(arena, ncap * sizeof *na);
        if (!na) {
            free(p);
            p = NULL;
        } else {
            if (!arena)
                atexit(arena_free);
            arena = na;
            arena_cap = ncap;
        }
    }
    if (!p) {
        fprintf(stderr, "arsenal-gen: out of memory\n");
        exit(1);
    }
    arena[arena_len++] = p;
    return p;
}

/* A series: T values, printed as one number when all are equal. */
typedef struct {
    double *v;
    int cst;
} series_t;

static int T;

static series_t ser_const(double c)
{
    series_t s = {xcalloc((size_t)T, sizeof(double)), 1};
    c = snap(c);
    for (int t = 0; t < T; t++)
        s.v[t] = c;
    return s;
}

/* A value that drifts by `growth` over the horizon with +-noise per period;
 * with probability pconst it is one number instead. */
static series_t ser_gen(rng_t *r, double base, double growth, double noise, double pconst)
{
    if (T == 1 || chance(r, pconst))
        return ser_const(base);
    series_t s = {xcalloc((size_t)T, sizeof(double)), 0};
    for (int t = 0; t < T; t++) {
        double v = base * (1.0 + growth * t / (T - 1)) * (1.0 + uni(r, -noise, noise));
        s.v[t] = snap(v < 0 ? 0 : v);
    }
    return s;
}

static double ser_mean(const series_t *s)
{
    double a = 0;
    for (int t = 0; t < T; t++)
        a += s->v[t];
    return a / T;
}

/* ------------------------------------------------------------- the model */

enum { BLOC_UKRAINE, BLOC_WESTERN, BLOC_OTHER };
static const char *const BLOCS[] = {"ukraine", "western", "other"};

/* Country table; the first entry is the theatre. `lead` < 0: no corridor. */
static const struct {
    const char *id;
    int bloc;
    double weight; /* share of lines */
    int lead;      /* corridor lead to the theatre */
} COUNTRIES[] = {
    {"UA", BLOC_UKRAINE, 4.0, -1}, {"PL", BLOC_WESTERN, 1.5, 0}, {"DE", BLOC_WESTERN, 1.5, 1},
    {"FR", BLOC_WESTERN, 1.0, 1},  {"GB", BLOC_WESTERN, 1.0, 1}, {"CZ", BLOC_WESTERN, 1.0, 0},
    {"US", BLOC_WESTERN, 2.0, 2},  {"KR", BLOC_OTHER, 1.0, 2},   {"TR", BLOC_OTHER, 0.5, -1},
};
#define NCOUNTRY ((int)(sizeof COUNTRIES / sizeof COUNTRIES[0]))
#define C_UA 0
#define C_US 6
#define NOPS 3 /* operators per country */

static const char *const CATEGORIES[] = {"munitions", "artillery", "drones", "air_defense",
                                         "other"};
static const char *const UNITS[] = {"round", "system", "drone", "missile", "unit"};

typedef struct {
    char id[24];
    int cat;
    double mass, hold, basecost;
    double pot; /* rough output potential per period, for sizing demand */
    int nreq;
    int stock, has_scap;
    double sinit, rprio;
    double term, tprio; /* terminal stock goal (0: none) and its weight */
    series_t sres, scap;
} product_t;

typedef struct {
    char id[24];
    double init, need, basecost;
    int ctrl, origin;
} component_t;

#define MAXPROD 4
#define MAXBOM 3

typedef struct {
    int p;
    double rate, labor;
    series_t cost;
    int nb;
    int bm[MAXBOM];
    double bq[MAXBOM];
} produce_t;

typedef struct {
    char id[24];
    int country, op, start;
    series_t cap, avail;
    int has_ramp, has_out0, has_floor;
    double ramp, rfloor, out0;
    int has_exp, elead;
    double ecost, emax, estep;
    int lic; /* licence gating the line, -1: none */
    int np;
    produce_t pr[MAXPROD];
} line_t;

typedef struct {
    char id[24];
    int comp, country, op, lead;
    series_t cap, cost;
} supplier_t;

typedef struct {
    char id[24];
    int prod, country, lead, has_total;
    double total;
    series_t avail, cost;
} drawdown_t;

typedef struct {
    char id[24];
    int from, lead, has_cap;
    series_t cap;
    double cost;
} corridor_t;

enum { LIC_GRANTED, LIC_PENDING, LIC_DENIED };
static const char *const LIC_STATUS[] = {"granted", "pending", "denied"};

typedef struct {
    char id[24];
    int status, eff, sub, review, slots;
    int nl, lines[2];
    int has_c, country;       /* covers.countries = [country] */
    int has_m, nm, comps[16]; /* covers.components */
} licence_t;

enum { PAY_LINE, PAY_SUPPLIER, PAY_DRAWDOWN, PAY_CORRIDOR };

typedef struct {
    char id[24];
    char name[48];
    series_t amount;
    int carry, has_elig;
    unsigned cmask, bmask; /* eligible countries, blocs */
    int nops, ops[4];      /* eligible operators: country * NOPS + k */
    int npay, paytype[4], payidx[4];
} fund_t;

typedef struct {
    char id[24];
    series_t demand;
    double prio;
    int nm, prods[MAXPROD];
    double eff[MAXPROD];
    double share[MAXPROD]; /* max_share; 1: no cap (written as a plain number) */
} requirement_t;

typedef struct {
    int country;
    series_t avail;
} workforce_t;

typedef struct {
    int N, P, M, F, Q, R;
    uint64_t seed;
    int mip, lexi;
    product_t *prod;
    component_t *comp;
    line_t *line;
    int NS;
    supplier_t *sup;
    int NK;
    drawdown_t *dd;
    int NC;
    corridor_t *cor;
    int corr_of[NCOUNTRY]; /* corridor index per country, -1: none */
    licence_t *lic;
    int NW;
    workforce_t *wf;
    fund_t *fund;
    requirement_t *req;
    double discount, sweight, time_limit;
    int has_sweight;
    series_t slots;
} model_t;

static int pick_country(rng_t *r)
{
    double tot = 0;
    for (int c = 0; c < NCOUNTRY; c++)
        tot += COUNTRIES[c].weight;
    double u = uni(r, 0, tot);
    for (int c = 0; c < NCOUNTRY; c++) {
        if (u < COUNTRIES[c].weight)
            return c;
        u -= COUNTRIES[c].weight;
    }
    return 0;
}

static int line_uses(const line_t *l, int m)
{
    for (int i = 0; i < l->np; i++)
        for (int j = 0; j < l->pr[i].nb; j++)
            if (l->pr[i].bm[j] == m)
                return 1;
    return 0;
}

/* A use of controlled component m at line l needs a licence (spec section 5). */
static int needs_licence(const model_t *g, const line_t *l, int m)
{
    return g->comp[m].ctrl && g->comp[m].origin != l->country;
}

/* Does licence q cover controlled component m at line l (spec section 5)? */
static int covers(const model_t *g, const licence_t *q, int l, int m)
{
    for (int i = 0; i < q->nl; i++)
        if (q->lines[i] == l)
            return 1;
    if (!q->has_c && !q->has_m)
        return 0;
    if (q->has_c && q->country != g->line[l].country)
        return 0;
    if (q->has_m) {
        for (int i = 0; i < q->nm; i++)
            if (q->comps[i] == m)
                return 1;
        return 0;
    }
    return 1;
}

static void payee_info(const model_t *g, int type, int idx, int *country, int *op)
{
    switch (type) {
    case PAY_LINE:
        *country = g->line[idx].country;
        *op = g->line[idx].op;
        break;
    case PAY_SUPPLIER:
        *country = g->sup[idx].country;
        *op = g->sup[idx].op;
        break;
    case PAY_DRAWDOWN:
        *country = g->dd[idx].country;
        *op = -1;
        break;
    default:
        *country = g->cor[idx].from;
        *op = -1;
    }
}

static const char *payee_id(const model_t *g, int type, int idx)
{
    switch (type) {
    case PAY_LINE:
        return g->line[idx].id;
    case PAY_SUPPLIER:
        return g->sup[idx].id;
    case PAY_DRAWDOWN:
        return g->dd[idx].id;
    default:
        return g->cor[idx].id;
    }
}

static int eligible(const model_t *g, const fund_t *f, int type, int idx)
{
    if (!f->has_elig)
        return 1;
    int c, op;
    payee_info(g, type, idx, &c, &op);
    if (f->cmask & (1u << c))
        return 1;
    if (f->bmask & (1u << COUNTRIES[c].bloc))
        return 1;
    for (int i = 0; i < f->nops; i++)
        if (f->ops[i] == op)
            return 1;
    for (int i = 0; i < f->npay; i++)
        if (f->paytype[i] == type && f->payidx[i] == idx)
            return 1;
    return 0;
}

static void generate(model_t *g)
{
    rng_t rng;
    rng_t *r = &rng;
    rng_seed(r, g->seed);

    /* Products: unit costs from a few hundred (shells) to tens of thousands. */
    g->prod = xcalloc((size_t)g->P, sizeof(product_t));
    for (int p = 0; p < g->P; p++) {
        product_t *pp = &g->prod[p];
        snprintf(pp->id, sizeof pp->id, "p%04d", p + 1);
        pp->cat = p % 5;
        pp->basecost = snap(pow(10.0, uni(r, 2.5, 4.5)));
        pp->mass = snap(uni(r, 0.005, 0.2));
        pp->hold = chance(r, 0.6) ? snap(pp->basecost * uni(r, 0.002, 0.02)) : 0;
    }

    /* Components: about a quarter export-controlled (ITAR, origin US). */
    g->comp = xcalloc((size_t)g->M, sizeof(component_t));
    for (int m = 0; m < g->M; m++) {
        component_t *c = &g->comp[m];
        snprintf(c->id, sizeof c->id, "c%04d", m + 1);
        c->ctrl = g->Q > 0 && (m % 4 == 3);
        c->origin = c->ctrl ? C_US : -1;
        c->basecost = snap(pow(10.0, uni(r, 0.5, 3.0)));
    }

    /* Lines. */
    g->line = xcalloc((size_t)g->N, sizeof(line_t));
    for (int i = 0; i < g->N; i++) {
        line_t *l = &g->line[i];
        snprintf(l->id, sizeof l->id, "l%05d", i + 1);
        l->country = pick_country(r);
        l->op = l->country * NOPS + irand(r, 0, NOPS - 1);
        l->lic = -1;
        double base = uni(r, 500, 20000);
        l->cap = ser_gen(r, base, uni(r, 0, 1.0), 0.05, 0.5);
        if (l->country == C_UA)
            l->avail = ser_gen(r, uni(r, 0.6, 0.9), 0, 0.1, 0.4);
        else
            l->avail = chance(r, 0.7) ? ser_const(1) : ser_const(uni(r, 0.9, 1.0));
        l->start = (T > 2 && chance(r, 0.1)) ? irand(r, 1, T / 2) : 0;
        if (chance(r, 0.3)) {
            l->has_ramp = 1;
            l->ramp = snap(uni(r, 0.05, 0.3));
            l->has_floor = chance(r, 0.7);
            l->rfloor = l->has_floor ? snap(base * uni(r, 0.05, 0.2)) : 0;
            l->has_out0 = chance(r, 0.5);
            l->out0 = l->has_out0 ? snap(base * uni(r, 0.2, 0.8)) : 0;
        }
        if (chance(r, 0.3)) {
            l->has_exp = 1;
            l->emax = snap(base * uni(r, 0.2, 1.0));
            l->elead = irand(r, 0, 3 < T - 1 ? 3 : T - 1);
            /* In a MIP, half the expansions come in 1-2 big steps (a second
             * shift, a new hall): few integer decisions keep GLPK's
             * branch-and-cut within seconds at test sizes. */
            if (g->mip && chance(r, 0.5))
                l->estep = snap(l->emax / uni(r, 1.0, 2.5));
        }
        int np = irand(r, 1, g->P < MAXPROD ? g->P : MAXPROD);
        l->np = np;
        for (int k = 0; k < np; k++) {
            produce_t *pr = &l->pr[k];
            int p, again;
            do { /* distinct products; the first one cycles so all get made */
                p = k == 0 ? i % g->P : irand(r, 0, g->P - 1);
                again = 0;
                for (int j = 0; j < k; j++)
                    again |= l->pr[j].p == p;
            } while (again);
            pr->p = p;
            pr->rate = chance(r, 0.6) ? 1 : snap(uni(r, 0.5, 2.0));
            pr->labor = chance(r, 0.8) ? snap(uni(r, 0.002, 0.05)) : 0;
            pr->cost =
                ser_gen(r, g->prod[p].basecost * uni(r, 0.7, 1.3), uni(r, -0.1, 0.2), 0.03, 0.6);
            int nb = g->M > 0 ? irand(r, 0, g->M < MAXBOM ? g->M : MAXBOM) : 0;
            pr->nb = 0;
            for (int j = 0; j < nb; j++) {
                int m = irand(r, 0, g->M - 1);
                int dup = 0;
                for (int q = 0; q < pr->nb; q++)
                    if (pr->bm[q] == m)
                        dup = 1;
                if (dup)
                    continue;
                pr->bm[pr->nb] = m;
                pr->bq[pr->nb] = chance(r, 0.5) ? 1 : snap(uni(r, 0.5, 4.0));
                pr->nb++;
            }
            double share = ser_mean(&l->avail) * ser_mean(&l->cap) / pr->rate / np;
            g->prod[p].pot += share;
        }
        /* Added capacity costs a few units' worth of the first product. */
        if (l->has_exp)
            l->ecost = snap(ser_mean(&l->pr[0].cost) / l->pr[0].rate * uni(r, 1, 4));
    }

    /* Licences. A third gate lines directly (line.license); the rest cover
     * controlled components by country (or by component anywhere), placed
     * where uses are, so every licence covers something. Uses left uncovered
     * lose the component from their bill of materials instead of producing a
     * validator warning. */
    g->lic = xcalloc((size_t)g->Q, sizeof(licence_t));
    int nuse[NCOUNTRY] = {0};
    for (int i = 0; i < g->N; i++)
        for (int m = 0; m < g->M; m++)
            if (line_uses(&g->line[i], m) && needs_licence(g, &g->line[i], m))
                nuse[g->line[i].country]++;
    int order[NCOUNTRY], nord = 0;
    for (int c = 0; c < NCOUNTRY; c++)
        if (nuse[c] > 0)
            order[nord++] = c;
    for (int a = 1; a < nord; a++) /* most uses first; stable on country order */
        for (int b = a; b > 0 && nuse[order[b]] > nuse[order[b - 1]]; b--) {
            int tmp = order[b];
            order[b] = order[b - 1];
            order[b - 1] = tmp;
        }
    int nqline = g->Q / 3;
    if (nord == 0)
        nqline = g->Q;
    if (nqline > g->N)
        nqline = g->N;
    int nqcomp = g->Q - nqline;
    for (int q = 0; q < g->Q; q++) {
        licence_t *L = &g->lic[q];
        snprintf(L->id, sizeof L->id, "lic%03d", q + 1);
        L->slots = 1;
        L->review = 1;
        double u = unif(r);
        L->status = (q == 0 || u < 0.4) ? LIC_GRANTED : (u < 0.93 ? LIC_PENDING : LIC_DENIED);
        /* Only the component-wide licences (which duplicate a country
         * licence's cover) may be denied: a use whose every licence is denied,
         * or a pending licence approved after the horizon, draws a warning. */
        if (L->status == LIC_DENIED && !(q >= nord && q < nqcomp))
            L->status = LIC_PENDING;
        if (L->status == LIC_PENDING && T < 2)
            L->status = LIC_GRANTED;
        if (L->status == LIC_GRANTED)
            L->eff = chance(r, 0.5) ? 0 : irand(r, 0, T - 1);
        if (L->status == LIC_PENDING) {
            L->sub = irand(r, 0, (T - 1) / 3);
            L->review = irand(r, 1, T - 1 - L->sub < 4 ? T - 1 - L->sub : 4);
            L->slots = chance(r, 0.8) ? 1 : 2;
        }
    }
    for (int k = 0; k < nqcomp; k++) {
        licence_t *L = &g->lic[k];
        if (k < nord) {
            int c = order[k];
            L->has_c = 1;
            L->country = c;
            if (chance(r, 0.5)) { /* only the components used there */
                L->has_m = 1;
                for (int m = 0; m < g->M && L->nm < 16; m++) {
                    int used = 0;
                    for (int i = 0; i < g->N && !used; i++)
                        used = g->line[i].country == c && line_uses(&g->line[i], m) &&
                               needs_licence(g, &g->line[i], m);
                    if (used)
                        L->comps[L->nm++] = m;
                }
            }
        } else { /* a component anywhere: pick a used controlled one */
            int found = -1, tries = 0;
            while (found < 0 && tries++ < 1000) {
                int i = irand(r, 0, g->N - 1);
                const line_t *l = &g->line[i];
                for (int m = 0; m < g->M && found < 0; m++)
                    if (line_uses(l, m) && needs_licence(g, l, m)) {
                        int cov = 0;
                        for (int q2 = 0; q2 < k; q2++)
                            cov |= g->lic[q2].has_c && g->lic[q2].country == l->country;
                        if (cov)
                            found = m;
                    }
            }
            if (found < 0) { /* fall back to the first covered use */
                for (int i = 0; i < g->N && found < 0; i++)
                    for (int m = 0; m < g->M && found < 0; m++)
                        if (line_uses(&g->line[i], m) && needs_licence(g, &g->line[i], m) &&
                            g->line[i].country == order[0])
                            found = m;
            }
            L->has_m = 1;
            L->nm = 1;
            L->comps[0] = found;
        }
    }
    /* Drop uses that no licence covers (countries beyond the licence count). */
    for (int i = 0; i < g->N; i++) {
        line_t *l = &g->line[i];
        for (int k = 0; k < l->np; k++) {
            produce_t *pr = &l->pr[k];
            for (int j = 0; j < pr->nb;) {
                int m = pr->bm[j], cov = 0;
                if (!needs_licence(g, l, m))
                    cov = 1;
                for (int q = 0; q < nqcomp && !cov; q++)
                    cov = g->lic[q].status != LIC_DENIED && covers(g, &g->lic[q], i, m);
                if (cov) {
                    j++;
                    continue;
                }
                pr->nb--;
                pr->bm[j] = pr->bm[pr->nb];
                pr->bq[j] = pr->bq[pr->nb];
            }
        }
    }
    /* Line licences: distinct lines, chosen by a stride through the lines. */
    for (int k = 0; k < nqline; k++) {
        licence_t *L = &g->lic[nqcomp + k];
        int li = (int)(((uint64_t)k * 7919u + (g->seed % 97u)) % (uint64_t)g->N);
        while (g->line[li].lic >= 0)
            li = (li + 1) % g->N;
        g->line[li].lic = nqcomp + k;

        L->nl = 1;
        L->lines[0] = li;
    }

    /* Component needs, for sizing stocks and suppliers. */
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        double full = ser_mean(&l->avail) * ser_mean(&l->cap);
        for (int k = 0; k < l->np; k++)
            for (int j = 0; j < l->pr[k].nb; j++)
                g->comp[l->pr[k].bm[j]].need += full / l->pr[k].rate / l->np * l->pr[k].bq[j];
    }
    for (int m = 0; m < g->M; m++)
        g->comp[m].init = chance(r, 0.6) ? snap(g->comp[m].need * uni(r, 0, 2)) : 0;

    /* Suppliers: 1-3 per component; controlled ones from their origin. */
    g->sup = xcalloc((size_t)g->M * 3 + 1, sizeof(supplier_t));
    for (int m = 0; m < g->M; m++) {
        int ns = irand(r, 1, 3);
        for (int k = 0; k < ns; k++) {
            supplier_t *s = &g->sup[g->NS];
            snprintf(s->id, sizeof s->id, "s%05d", g->NS + 1);
            s->comp = m;
            s->country = g->comp[m].ctrl ? g->comp[m].origin : pick_country(r);
            s->op = s->country * NOPS + irand(r, 0, NOPS - 1);
            s->lead = irand(r, 0, 2);
            double need = g->comp[m].need > 0 ? g->comp[m].need : 100;
            s->cap = ser_gen(r, need * uni(r, 0.5, 1.2) / ns, uni(r, 0, 0.5), 0.05, 0.5);
            s->cost = ser_gen(r, g->comp[m].basecost * uni(r, 0.8, 1.3), 0.1, 0.02, 0.7);
            g->NS++;
        }
    }

    /* Drawdowns from partners' stocks. */
    g->NK = g->P >= 4 ? g->P / 4 : 1;
    g->dd = xcalloc((size_t)g->NK, sizeof(drawdown_t));
    static const int DD_COUNTRIES[] = {C_US, 2, 1, 4};
    for (int k = 0; k < g->NK; k++) {
        drawdown_t *d = &g->dd[k];
        snprintf(d->id, sizeof d->id, "dd%03d", k + 1);
        d->prod = irand(r, 0, g->P - 1);
        d->country = DD_COUNTRIES[k % 4];
        d->lead = irand(r, 0, 1);
        double pot = g->prod[d->prod].pot > 0 ? g->prod[d->prod].pot : 1000;
        d->avail = ser_gen(r, pot * uni(r, 0.1, 0.4), -0.5, 0.1, 0.3);
        d->has_total = chance(r, 0.6);
        d->total = d->has_total ? snap(ser_mean(&d->avail) * T * uni(r, 0.3, 0.8)) : 0;
        d->cost = ser_gen(r, g->prod[d->prod].basecost * uni(r, 1.0, 1.5), 0, 0, 1.0);
    }

    /* Corridors from every country with lines and a route in the table. */
    g->cor = xcalloc(NCOUNTRY, sizeof(corridor_t));
    double mass_out[NCOUNTRY] = {0};
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        for (int k = 0; k < l->np; k++)
            mass_out[l->country] += ser_mean(&l->avail) * ser_mean(&l->cap) / l->pr[k].rate /
                                    l->np * g->prod[l->pr[k].p].mass;
    }
    for (int c = 0; c < NCOUNTRY; c++) {
        g->corr_of[c] = -1;
        if (COUNTRIES[c].lead < 0 || mass_out[c] <= 0)
            continue;
        corridor_t *co = &g->cor[g->NC];
        snprintf(co->id, sizeof co->id, "cor_%s", COUNTRIES[c].id);
        co->from = c;
        co->lead = COUNTRIES[c].lead < T ? COUNTRIES[c].lead : T - 1;
        co->has_cap = chance(r, 0.7);
        if (co->has_cap)
            co->cap = ser_gen(r, mass_out[c] * uni(r, 0.5, 1.1), 0.3, 0.05, 0.5);
        co->cost = chance(r, 0.8) ? snap(uni(r, 20, 400)) : 0;
        g->corr_of[c] = g->NC++;
    }

    /* Workforce for most countries with lines. */
    g->wf = xcalloc(NCOUNTRY, sizeof(workforce_t));
    double labor_need[NCOUNTRY] = {0};
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        for (int k = 0; k < l->np; k++)
            labor_need[l->country] +=
                ser_mean(&l->avail) * ser_mean(&l->cap) / l->pr[k].rate / l->np * l->pr[k].labor;
    }
    for (int c = 0; c < NCOUNTRY; c++) {
        if (labor_need[c] <= 0 || !chance(r, 0.8))
            continue;
        workforce_t *w = &g->wf[g->NW++];
        w->country = c;
        w->avail = ser_gen(r, labor_need[c] * uni(r, 0.6, 1.0), 0.2, 0.02, 0.5);
    }

    /* Requirements: the first product cycles so every product meets one. */
    g->req = xcalloc((size_t)g->R, sizeof(requirement_t));
    for (int q = 0; q < g->R; q++) {
        requirement_t *rq = &g->req[q];
        snprintf(rq->id, sizeof rq->id, "r%04d", q + 1);
        rq->prio = snap(uni(r, 1, 10));
        int nm = irand(r, 1, g->P < MAXPROD ? g->P : MAXPROD);
        for (int k = 0; k < nm; k++) {
            int p = k == 0 ? q % g->P : irand(r, 0, g->P - 1), dup = 0;
            for (int j = 0; j < rq->nm; j++)
                dup |= rq->prods[j] == p;
            if (dup)
                continue;
            rq->prods[rq->nm] = p;
            rq->eff[rq->nm] = k == 0 ? 1 : snap(uni(r, 0.2, 1.5));
            rq->nm++;
            g->prod[p].nreq++;
        }
    }
    for (int q = 0; q < g->R; q++) {
        requirement_t *rq = &g->req[q];
        double d = 0;
        for (int k = 0; k < rq->nm; k++) {
            const product_t *p = &g->prod[rq->prods[k]];
            d += rq->eff[k] * (p->pot > 0 ? p->pot : 100) / p->nreq;
        }
        rq->demand = ser_gen(r, d * uni(r, 0.5, 1.2), uni(r, 0, 0.8), 0.1, 0.3);
    }

    /* Theatre stocks for about half the products. */
    for (int p = 0; p < g->P; p++) {
        product_t *pp = &g->prod[p];
        if (!chance(r, 0.5))
            continue;
        pp->stock = 1;
        double per = pp->pot > 0 ? pp->pot : 100;
        pp->sinit = chance(r, 0.7) ? snap(per * uni(r, 0, 1.5)) : 0;
        pp->sres = chance(r, 0.7) ? ser_gen(r, per * uni(r, 0.1, 0.5), 0.2, 0, 0.6) : ser_const(0);
        pp->rprio = pp->sres.v[0] > 0 || !pp->sres.cst ? snap(uni(r, 0.05, 1)) : 0;
        pp->has_scap = chance(r, 0.4);
        /* At least the initial stock, so the model stays feasible. */
        if (pp->has_scap)
            pp->scap = ser_gen(r, pp->sinit + per * uni(r, 1, 4), 0, 0, 0.7);
    }

    /* Funds, in the patterns planners use: national budget for Ukrainian
     * payees, a bloc-wide fund, country-specific ones, one by operator and
     * payee, one without restriction; some carry unspent money over. */
    g->fund = xcalloc((size_t)g->F, sizeof(fund_t));
    double spend_pot = 0;
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        for (int k = 0; k < l->np; k++)
            spend_pot += ser_mean(&l->avail) * ser_mean(&l->cap) / l->pr[k].rate / l->np *
                         ser_mean(&l->pr[k].cost);
    }
    static const char *const FUND_NAMES[] = {"Ukrainian state budget",
                                             "European Peace Facility",
                                             "USAI",
                                             "Czech initiative",
                                             "ERA loans",
                                             "Danish model"};
    double wsum = 0, *w = xcalloc((size_t)g->F, sizeof(double));
    for (int f = 0; f < g->F; f++)
        wsum += (w[f] = uni(r, 0.5, 1.5));
    double budget = spend_pot * uni(r, 0.5, 0.9);
    for (int f = 0; f < g->F; f++) {
        fund_t *fd = &g->fund[f];
        snprintf(fd->id, sizeof fd->id, "f%03d", f + 1);
        snprintf(fd->name, sizeof fd->name, "%s %d", FUND_NAMES[f % 6], f / 6 + 1);
        fd->carry = chance(r, 0.4);
        fd->amount = ser_gen(r, budget * w[f] / wsum, uni(r, -0.6, 0.3), 0.05, 0.4);
        fd->has_elig = 1;
        switch (f % 6) {
        case 0:
            fd->bmask = 1u << BLOC_UKRAINE;
            break;
        case 1:
            fd->bmask = 1u << BLOC_WESTERN;
            fd->cmask = 1u << C_UA;
            break;
        case 2:
            fd->cmask = 1u << C_US;
            break;
        case 3:
            fd->cmask = (1u << 5) | (1u << C_UA) | (1u << 8);
            break;
        case 4:
            /* Lists without duplicates: a repeated id may be rejected. */
            fd->ops[0] = irand(r, 0, NCOUNTRY * NOPS - 1);
            fd->ops[1] = irand(r, 0, NCOUNTRY * NOPS - 1);
            fd->nops = fd->ops[0] == fd->ops[1] ? 1 : 2;
            fd->paytype[0] = PAY_LINE;
            fd->payidx[0] = irand(r, 0, g->N - 1);
            fd->npay = 1;
            if (g->NS > 0) {
                fd->paytype[1] = PAY_SUPPLIER;
                fd->payidx[1] = irand(r, 0, g->NS - 1);
                fd->npay = 2;
            }
            break;
        default:
            fd->has_elig = 0;
        }
    }
    /* Every payee needs an eligible fund: add its country to one. */
    if (g->F > 0) {
        int counts[4] = {g->N, g->NS, g->NK, g->NC};
        for (int type = 0; type < 4; type++)
            for (int idx = 0; idx < counts[type]; idx++) {
                int ok = 0;
                for (int f = 0; f < g->F && !ok; f++)
                    ok = eligible(g, &g->fund[f], type, idx);
                if (ok)
                    continue;
                int c, op;
                payee_info(g, type, idx, &c, &op);
                g->fund[(c + type) % g->F].cmask |= 1u << c;
            }
        /* A listed country where no payee is pays nothing, and the
         * validator warns about it: keep only countries payees are in
         * (the program is the same). */
        unsigned present = 0;
        for (int type = 0; type < 4; type++)
            for (int idx = 0; idx < counts[type]; idx++) {
                int c, op;
                payee_info(g, type, idx, &c, &op);
                present |= 1u << c;
            }
        for (int f = 0; f < g->F; f++)
            g->fund[f].cmask &= present;
    }

    g->discount = snap(uni(r, 0, 0.03));
    g->has_sweight = chance(r, 0.5);
    g->sweight = g->has_sweight ? (chance(r, 0.5) ? 1e5 : 1e6) : 1e6;
    if (g->mip)
        g->slots = ser_gen(r, irand(r, 1, 2), 0, 0, 1.0);

    /* Format 1.1 fields from a stream of their own, so that every field
     * above stays what the same seed gave before they existed: caps on
     * about a third of the substitutes (entries after the first), and a
     * terminal goal on about a third of the stocks, weighted below or
     * above the demand's priorities (1 to 10). */
    rng_seed(r, g->seed ^ 0x5ca1ab1e0f0e11ULL);
    for (int q = 0; q < g->R; q++) {
        requirement_t *rq = &g->req[q];
        for (int k = 0; k < rq->nm; k++)
            rq->share[k] = k > 0 && chance(r, 0.35) ? snap(uni(r, 0.1, 0.8)) : 1;
    }
    for (int p = 0; p < g->P; p++) {
        product_t *pp = &g->prod[p];
        pp->term = 0;
        pp->tprio = 1;
        if (!pp->stock || !chance(r, 0.35))
            continue;
        pp->term = snap((pp->pot > 0 ? pp->pot : 100) * uni(r, 0.1, 1));
        if (chance(r, 0.7))
            pp->tprio = snap(uni(r, 0.5, 12));
    }
}

/* ----------------------------------------------------------- JSON output */

static void json_series(FILE *o, const series_t *s)
{
    if (s->cst) {
        fprintf(o, "%.6g", s->v[0]);
        return;
    }
    fputc('[', o);
    for (int t = 0; t < T; t++)
        fprintf(o, t ? ", %.6g" : "%.6g", s->v[t]);
    fputc(']', o);
}

static const char *period_label(int t)
{
    static char buf[32];
    snprintf(buf, sizeof buf, "%dQ%d", 2025 + t / 4, t % 4 + 1);
    return buf;
}

static void op_name(char *buf, size_t n, int op)
{
    snprintf(buf, n, "op-%s-%d", COUNTRIES[op / NOPS].id, op % NOPS + 1);
}

static void write_json(const model_t *g, FILE *o, const char *cmdline)
{
    char opn[32];
    fprintf(o, "{\n  \"arsenal\": 1,\n");
    fprintf(o, "  \"name\": \"generated-%" PRIu64 "\",\n", g->seed);
    fprintf(o, "  \"description\": \"Synthetic model from arsenal-gen (not real data)\",\n");
    fprintf(o, "  \"_generator\": \"%s\",\n", cmdline);
    fprintf(o, "  \"theatre\": \"UA\",\n  \"currency\": \"USD\",\n");
    fprintf(o, "  \"periods\": [");
    for (int t = 0; t < T; t++)
        fprintf(o, "%s\"%s\"", t ? ", " : "", period_label(t));
    fprintf(o, "],\n  \"countries\": [\n");
    for (int c = 0; c < NCOUNTRY; c++)
        fprintf(o, "    {\"id\": \"%s\", \"bloc\": \"%s\"}%s\n", COUNTRIES[c].id,
                BLOCS[COUNTRIES[c].bloc], c + 1 < NCOUNTRY ? "," : "");

    fprintf(o, "  ],\n  \"products\": [\n");
    for (int p = 0; p < g->P; p++) {
        const product_t *pp = &g->prod[p];
        fprintf(o,
                "    {\"id\": \"%s\", \"name\": \"Product %d\", \"category\": \"%s\", "
                "\"unit\": \"%s\", \"mass\": %.6g",
                pp->id, p + 1, CATEGORIES[pp->cat], UNITS[pp->cat], pp->mass);
        if (pp->hold > 0)
            fprintf(o, ", \"holding_cost\": %.6g", pp->hold);
        fprintf(o, "}%s\n", p + 1 < g->P ? "," : "");
    }

    fprintf(o, "  ],\n  \"components\": [\n");
    for (int m = 0; m < g->M; m++) {
        const component_t *c = &g->comp[m];
        fprintf(o, "    {\"id\": \"%s\", \"name\": \"Component %d\", \"unit\": \"piece\"", c->id,
                m + 1);
        if (c->init > 0)
            fprintf(o, ", \"initial\": %.6g", c->init);
        if (c->ctrl)
            fprintf(o, ", \"controlled\": \"ITAR\", \"origin\": \"%s\"", COUNTRIES[c->origin].id);
        fprintf(o, "}%s\n", m + 1 < g->M ? "," : "");
    }

    fprintf(o, "  ],\n  \"lines\": [\n");
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        op_name(opn, sizeof opn, l->op);
        fprintf(o, "    {\"id\": \"%s\", \"name\": \"Line %d\", \"country\": \"%s\", ", l->id,
                i + 1, COUNTRIES[l->country].id);
        fprintf(o, "\"operator\": \"%s\", \"capacity\": ", opn);
        json_series(o, &l->cap);
        if (!(l->avail.cst && l->avail.v[0] == 1)) {
            fprintf(o, ", \"availability\": ");
            json_series(o, &l->avail);
        }
        if (l->start > 0)
            fprintf(o, ", \"start\": \"%s\"", period_label(l->start));
        if (l->has_ramp) {
            fprintf(o, ", \"ramp\": %.6g", l->ramp);
            if (l->has_floor)
                fprintf(o, ", \"ramp_floor\": %.6g", l->rfloor);
            if (l->has_out0)
                fprintf(o, ", \"output0\": %.6g", l->out0);
        }
        if (l->has_exp) {
            fprintf(o, ",\n      \"expansion\": {\"cost\": %.6g, \"lead\": %d, \"max\": %.6g",
                    l->ecost, l->elead, l->emax);
            if (l->estep > 0)
                fprintf(o, ", \"step\": %.6g", l->estep);
            fputc('}', o);
        }
        if (l->lic >= 0)
            fprintf(o, ", \"license\": \"%s\"", g->lic[l->lic].id);
        fprintf(o, ",\n      \"produces\": [");
        for (int k = 0; k < l->np; k++) {
            const produce_t *pr = &l->pr[k];
            fprintf(o, "%s\n        {\"product\": \"%s\"", k ? "," : "", g->prod[pr->p].id);
            if (pr->rate != 1)
                fprintf(o, ", \"rate\": %.6g", pr->rate);
            fprintf(o, ", \"cost\": ");
            json_series(o, &pr->cost);
            if (pr->labor > 0)
                fprintf(o, ", \"labor\": %.6g", pr->labor);
            if (pr->nb > 0) {
                fprintf(o, ", \"bom\": {");
                for (int j = 0; j < pr->nb; j++)
                    fprintf(o, "%s\"%s\": %.6g", j ? ", " : "", g->comp[pr->bm[j]].id, pr->bq[j]);
                fputc('}', o);
            }
            fputc('}', o);
        }
        fprintf(o, "]}%s\n", i + 1 < g->N ? "," : "");
    }

    fprintf(o, "  ],\n  \"suppliers\": [\n");
    for (int s = 0; s < g->NS; s++) {
        const supplier_t *sp = &g->sup[s];
        op_name(opn, sizeof opn, sp->op);
        fprintf(o,
                "    {\"id\": \"%s\", \"component\": \"%s\", \"country\": \"%s\", "
                "\"operator\": \"%s\", \"lead\": %d, \"capacity\": ",
                sp->id, g->comp[sp->comp].id, COUNTRIES[sp->country].id, opn, sp->lead);
        json_series(o, &sp->cap);
        fprintf(o, ", \"cost\": ");
        json_series(o, &sp->cost);
        fprintf(o, "}%s\n", s + 1 < g->NS ? "," : "");
    }

    fprintf(o, "  ],\n  \"drawdowns\": [\n");
    for (int k = 0; k < g->NK; k++) {
        const drawdown_t *d = &g->dd[k];
        fprintf(o,
                "    {\"id\": \"%s\", \"product\": \"%s\", \"country\": \"%s\", \"lead\": %d, "
                "\"available\": ",
                d->id, g->prod[d->prod].id, COUNTRIES[d->country].id, d->lead);
        json_series(o, &d->avail);
        if (d->has_total)
            fprintf(o, ", \"total\": %.6g", d->total);
        fprintf(o, ", \"cost\": ");
        json_series(o, &d->cost);
        fprintf(o, "}%s\n", k + 1 < g->NK ? "," : "");
    }

    fprintf(o, "  ],\n  \"corridors\": [\n");
    for (int c = 0; c < g->NC; c++) {
        const corridor_t *co = &g->cor[c];
        fprintf(o, "    {\"id\": \"%s\", \"from\": \"%s\", \"lead\": %d", co->id,
                COUNTRIES[co->from].id, co->lead);
        if (co->has_cap) {
            fprintf(o, ", \"capacity\": ");
            json_series(o, &co->cap);
        }
        if (co->cost > 0)
            fprintf(o, ", \"cost\": %.6g", co->cost);
        fprintf(o, "}%s\n", c + 1 < g->NC ? "," : "");
    }

    fprintf(o, "  ],\n  \"licenses\": [\n");
    for (int q = 0; q < g->Q; q++) {
        const licence_t *L = &g->lic[q];
        fprintf(o, "    {\"id\": \"%s\", \"regime\": \"ITAR\", \"status\": \"%s\"", L->id,
                LIC_STATUS[L->status]);
        if (L->status == LIC_GRANTED && L->eff > 0)
            fprintf(o, ", \"effective\": \"%s\"", period_label(L->eff));
        if (L->status == LIC_PENDING) {
            fprintf(o, ", \"submitted\": \"%s\", \"review\": %d", period_label(L->sub), L->review);
            if (L->slots != 1)
                fprintf(o, ", \"slots\": %d", L->slots);
        }
        fprintf(o, ", \"covers\": {");
        const char *sep = "";
        if (L->nl > 0) {
            fprintf(o, "\"lines\": [\"%s\"]", g->line[L->lines[0]].id);
            sep = ", ";
        }
        if (L->has_c) {
            fprintf(o, "%s\"countries\": [\"%s\"]", sep, COUNTRIES[L->country].id);
            sep = ", ";
        }
        if (L->has_m) {
            fprintf(o, "%s\"components\": [", sep);
            for (int k = 0; k < L->nm; k++)
                fprintf(o, "%s\"%s\"", k ? ", " : "", g->comp[L->comps[k]].id);
            fputc(']', o);
        }
        fprintf(o, "}}%s\n", q + 1 < g->Q ? "," : "");
    }

    if (g->mip) {
        fprintf(o, "  ],\n  \"licensing\": {\"review_slots\": ");
        json_series(o, &g->slots);
        fprintf(o, "},\n  \"workforce\": [\n");
    } else {
        fprintf(o, "  ],\n  \"workforce\": [\n");
    }
    for (int k = 0; k < g->NW; k++) {
        fprintf(o, "    {\"country\": \"%s\", \"available\": ", COUNTRIES[g->wf[k].country].id);
        json_series(o, &g->wf[k].avail);
        fprintf(o, "}%s\n", k + 1 < g->NW ? "," : "");
    }

    if (g->F > 0) {
        fprintf(o, "  ],\n  \"funds\": [\n");
        for (int f = 0; f < g->F; f++) {
            const fund_t *fd = &g->fund[f];
            fprintf(o, "    {\"id\": \"%s\", \"name\": \"%s\", \"amount\": ", fd->id, fd->name);
            json_series(o, &fd->amount);
            if (fd->carry)
                fprintf(o, ", \"carryover\": true");
            if (fd->has_elig) {
                const char *sep = "";
                fprintf(o, ",\n      \"eligible\": {");
                if (fd->cmask) {
                    fprintf(o, "\"countries\": [");
                    const char *s2 = "";
                    for (int c = 0; c < NCOUNTRY; c++)
                        if (fd->cmask & (1u << c)) {
                            fprintf(o, "%s\"%s\"", s2, COUNTRIES[c].id);
                            s2 = ", ";
                        }
                    fputc(']', o);
                    sep = ", ";
                }
                if (fd->bmask) {
                    fprintf(o, "%s\"blocs\": [", sep);
                    const char *s2 = "";
                    for (int b = 0; b < 3; b++)
                        if (fd->bmask & (1u << b)) {
                            fprintf(o, "%s\"%s\"", s2, BLOCS[b]);
                            s2 = ", ";
                        }
                    fputc(']', o);
                    sep = ", ";
                }
                if (fd->nops) {
                    fprintf(o, "%s\"operators\": [", sep);
                    for (int k = 0; k < fd->nops; k++) {
                        op_name(opn, sizeof opn, fd->ops[k]);
                        fprintf(o, "%s\"%s\"", k ? ", " : "", opn);
                    }
                    fputc(']', o);
                    sep = ", ";
                }
                if (fd->npay) {
                    fprintf(o, "%s\"payees\": [", sep);
                    for (int k = 0; k < fd->npay; k++)
                        fprintf(o, "%s\"%s\"", k ? ", " : "",
                                payee_id(g, fd->paytype[k], fd->payidx[k]));
                    fputc(']', o);
                }
                fputc('}', o);
            }
            fprintf(o, "}%s\n", f + 1 < g->F ? "," : "");
        }
    }

    fprintf(o, "  ],\n  \"requirements\": [\n");
    for (int q = 0; q < g->R; q++) {
        const requirement_t *rq = &g->req[q];
        fprintf(o, "    {\"id\": \"%s\", \"name\": \"Requirement %d\", \"demand\": ", rq->id,
                q + 1);
        json_series(o, &rq->demand);
        fprintf(o, ", \"priority\": %.6g, \"met_by\": {", rq->prio);
        for (int k = 0; k < rq->nm; k++) {
            if (rq->share[k] < 1)
                fprintf(o, "%s\"%s\": {\"effect\": %.6g, \"max_share\": %.6g}", k ? ", " : "",
                        g->prod[rq->prods[k]].id, rq->eff[k], rq->share[k]);
            else
                fprintf(o, "%s\"%s\": %.6g", k ? ", " : "", g->prod[rq->prods[k]].id, rq->eff[k]);
        }
        fprintf(o, "}}%s\n", q + 1 < g->R ? "," : "");
    }

    fprintf(o, "  ],\n  \"stocks\": [");
    int first = 1;
    for (int p = 0; p < g->P; p++) {
        const product_t *pp = &g->prod[p];
        if (!pp->stock)
            continue;
        fprintf(o,
                "%s\n    {\"product\": \"%s\", \"initial\": %.6g, \"reserve\": ", first ? "" : ",",
                pp->id, pp->sinit);
        json_series(o, &pp->sres);
        if (pp->rprio > 0)
            fprintf(o, ", \"reserve_priority\": %.6g", pp->rprio);
        if (pp->has_scap) {
            fprintf(o, ", \"capacity\": ");
            json_series(o, &pp->scap);
        }
        if (pp->term > 0) {
            fprintf(o, ", \"terminal\": %.6g", pp->term);
            if (pp->tprio != 1)
                fprintf(o, ", \"terminal_priority\": %.6g", pp->tprio);
        }
        fputc('}', o);
        first = 0;
    }
    fprintf(o, "\n  ],\n  \"objective\": {\"mode\": \"%s\", \"discount\": %.6g",
            g->lexi ? "lexicographic" : "weighted", g->discount);
    if (g->has_sweight)
        fprintf(o, ", \"shortfall_weight\": %.6g, \"cost_weight\": 1", g->sweight);
    if (g->time_limit > 0)
        fprintf(o, ", \"time_limit\": %.6g", g->time_limit);
    fprintf(o, "}\n}\n");
}

/* ------------------------------------------------------ MathProg output */

/* Symbols are quoted: ids may contain '-' and start with digits. */
static void dat_series(FILE *o, const char *name, const char *id1, const char *id2,
                       const series_t *s)
{
    (void)name;
    if (id2)
        fprintf(o, "['%s','%s',*]", id1, id2);
    else
        fprintf(o, "['%s',*]", id1);
    for (int t = 0; t < T; t++)
        fprintf(o, " %d %.6g", t + 1, s->v[t]);
    fputc('\n', o);
}

/* Writes `param NAME0` (one value per constant series) and `param NAME`
 * (per-period values of the others): the .mod defaults NAME to NAME0. */
typedef const series_t *(*ser_get)(const model_t *, int, const char **, const char **);

static void dat_series_param(FILE *o, const model_t *g, const char *name, int n, ser_get get)
{
    const char *a, *b;
    fprintf(o, "param %s0 :=\n", name);
    for (int i = 0; i < n; i++) {
        const series_t *s = get(g, i, &a, &b);
        if (s && s->cst) {
            if (b)
                fprintf(o, "'%s' '%s' %.6g\n", a, b, s->v[0]);
            else
                fprintf(o, "'%s' %.6g\n", a, s->v[0]);
        }
    }
    fprintf(o, ";\nparam %s :=\n", name);
    for (int i = 0; i < n; i++) {
        const series_t *s = get(g, i, &a, &b);
        if (s && !s->cst)
            dat_series(o, name, a, b, s);
    }
    fprintf(o, ";\n");
}

static const series_t *get_cap(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->line[i].id;
    *b = NULL;
    return &g->line[i].cap;
}
static const series_t *get_avail(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->line[i].id;
    *b = NULL;
    return &g->line[i].avail;
}
/* Line-product pairs enumerated as i * MAXPROD + k. */
static const series_t *get_pcost(const model_t *g, int i, const char **a, const char **b)
{
    const line_t *l = &g->line[i / MAXPROD];
    if (i % MAXPROD >= l->np)
        return NULL;
    *a = l->id;
    *b = g->prod[l->pr[i % MAXPROD].p].id;
    return &l->pr[i % MAXPROD].cost;
}
static const series_t *get_scap(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->sup[i].id;
    *b = NULL;
    return &g->sup[i].cap;
}
static const series_t *get_scost(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->sup[i].id;
    *b = NULL;
    return &g->sup[i].cost;
}
static const series_t *get_kavail(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->dd[i].id;
    *b = NULL;
    return &g->dd[i].avail;
}
static const series_t *get_kcost(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->dd[i].id;
    *b = NULL;
    return &g->dd[i].cost;
}
static const series_t *get_cocap(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->cor[i].id;
    *b = NULL;
    return g->cor[i].has_cap ? &g->cor[i].cap : NULL;
}
static const series_t *get_wavail(const model_t *g, int i, const char **a, const char **b)
{
    *a = COUNTRIES[g->wf[i].country].id;
    *b = NULL;
    return &g->wf[i].avail;
}
static const series_t *get_famount(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->fund[i].id;
    *b = NULL;
    return &g->fund[i].amount;
}
static const series_t *get_demand(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->req[i].id;
    *b = NULL;
    return &g->req[i].demand;
}
static const series_t *get_sres(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->prod[i].id;
    *b = NULL;
    return g->prod[i].stock ? &g->prod[i].sres : NULL;
}
static const series_t *get_stcap(const model_t *g, int i, const char **a, const char **b)
{
    *a = g->prod[i].id;
    *b = NULL;
    return g->prod[i].stock && g->prod[i].has_scap ? &g->prod[i].scap : NULL;
}

static void write_dat(const model_t *g, FILE *o)
{
    char opn[32];
    fprintf(o, "# Data for bench/arsenal.mod, written by arsenal-gen (seed %" PRIu64 ").\n",
            g->seed);
    fprintf(o, "data;\nparam T := %d;\nparam theatre := 'UA';\n", T);
    fprintf(o, "param sw := %.17g;\nparam cw := 1;\nparam discount := %.6g;\n", g->sweight,
            g->discount);
    fprintf(o, "set C :=");
    for (int c = 0; c < NCOUNTRY; c++)
        fprintf(o, " '%s'", COUNTRIES[c].id);
    fprintf(o, ";\nparam bloc :=");
    for (int c = 0; c < NCOUNTRY; c++)
        fprintf(o, " '%s' '%s'", COUNTRIES[c].id, BLOCS[COUNTRIES[c].bloc]);
    fprintf(o, ";\n");

    fprintf(o, "set P :=");
    for (int p = 0; p < g->P; p++)
        fprintf(o, " '%s'", g->prod[p].id);
    fprintf(o, ";\nparam mass :=");
    for (int p = 0; p < g->P; p++)
        fprintf(o, " '%s' %.6g", g->prod[p].id, g->prod[p].mass);
    fprintf(o, ";\nparam hold :=");
    for (int p = 0; p < g->P; p++)
        if (g->prod[p].hold > 0)
            fprintf(o, " '%s' %.6g", g->prod[p].id, g->prod[p].hold);
    fprintf(o, ";\n");

    fprintf(o, "set M :=");
    for (int m = 0; m < g->M; m++)
        fprintf(o, " '%s'", g->comp[m].id);
    fprintf(o, ";\nparam cinit :=");
    for (int m = 0; m < g->M; m++)
        if (g->comp[m].init > 0)
            fprintf(o, " '%s' %.6g", g->comp[m].id, g->comp[m].init);
    fprintf(o, ";\nset CTRL :=");
    for (int m = 0; m < g->M; m++)
        if (g->comp[m].ctrl)
            fprintf(o, " '%s'", g->comp[m].id);
    fprintf(o, ";\nparam origin :=");
    for (int m = 0; m < g->M; m++)
        if (g->comp[m].ctrl)
            fprintf(o, " '%s' '%s'", g->comp[m].id, COUNTRIES[g->comp[m].origin].id);
    fprintf(o, ";\n");

    fprintf(o, "set L :=\n");
    for (int i = 0; i < g->N; i++)
        fprintf(o, "'%s'\n", g->line[i].id);
    fprintf(o, ";\nparam : lcountry lop start rfloor :=\n");
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        op_name(opn, sizeof opn, l->op);
        fprintf(o, "'%s' '%s' '%s' %d %.6g\n", l->id, COUNTRIES[l->country].id, opn, l->start + 1,
                l->rfloor);
    }
    fprintf(o, ";\n");
    dat_series_param(o, g, "cap", g->N, get_cap);
    dat_series_param(o, g, "avail", g->N, get_avail);
    fprintf(o, "set RAMPED :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].has_ramp)
            fprintf(o, " '%s'", g->line[i].id);
    fprintf(o, ";\nparam ramp :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].has_ramp)
            fprintf(o, " '%s' %.6g", g->line[i].id, g->line[i].ramp);
    fprintf(o, ";\nset OUT0 :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].has_out0)
            fprintf(o, " '%s'", g->line[i].id);
    fprintf(o, ";\nparam out0 :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].has_out0)
            fprintf(o, " '%s' %.6g", g->line[i].id, g->line[i].out0);
    fprintf(o, ";\nset EXP :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].has_exp)
            fprintf(o, " '%s'", g->line[i].id);
    fprintf(o, ";\nparam : ecost elead emax estep :=\n");
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        if (l->has_exp)
            fprintf(o, "'%s' %.6g %d %.6g %.6g\n", l->id, l->ecost, l->elead, l->emax, l->estep);
    }
    fprintf(o, ";\nset LLIC :=");
    for (int i = 0; i < g->N; i++)
        if (g->line[i].lic >= 0)
            fprintf(o, " '%s' '%s'", g->line[i].id, g->lic[g->line[i].lic].id);
    fprintf(o, ";\n");
    for (int i = 0; i < g->N; i++) {
        const line_t *l = &g->line[i];
        fprintf(o, "set PofL['%s'] :=", l->id);
        for (int k = 0; k < l->np; k++)
            fprintf(o, " '%s'", g->prod[l->pr[k].p].id);
        fprintf(o, ";\n");
    }
    fprintf(o, "param : rate labor :=\n");
    for (int i = 0; i < g->N; i++)
        for (int k = 0; k < g->line[i].np; k++) {
            const produce_t *pr = &g->line[i].pr[k];
            fprintf(o, "'%s' '%s' %.6g %.6g\n", g->line[i].id, g->prod[pr->p].id, pr->rate,
                    pr->labor);
        }
    fprintf(o, ";\n");
    dat_series_param(o, g, "pcost", g->N * MAXPROD, get_pcost);
    for (int i = 0; i < g->N; i++)
        for (int k = 0; k < g->line[i].np; k++) {
            const produce_t *pr = &g->line[i].pr[k];
            if (pr->nb == 0)
                continue;
            fprintf(o, "set BofLP['%s','%s'] :=", g->line[i].id, g->prod[pr->p].id);
            for (int j = 0; j < pr->nb; j++)
                fprintf(o, " '%s'", g->comp[pr->bm[j]].id);
            fprintf(o, ";\n");
        }
    fprintf(o, "param bom :=\n");
    for (int i = 0; i < g->N; i++)
        for (int k = 0; k < g->line[i].np; k++) {
            const produce_t *pr = &g->line[i].pr[k];
            for (int j = 0; j < pr->nb; j++)
                fprintf(o, "'%s' '%s' '%s' %.6g\n", g->line[i].id, g->prod[pr->p].id,
                        g->comp[pr->bm[j]].id, pr->bq[j]);
        }
    fprintf(o, ";\n");

    fprintf(o, "set S :=");
    for (int s = 0; s < g->NS; s++)
        fprintf(o, " '%s'", g->sup[s].id);
    fprintf(o, ";\nparam : scomp scountry sop slead :=\n");
    for (int s = 0; s < g->NS; s++) {
        const supplier_t *sp = &g->sup[s];
        op_name(opn, sizeof opn, sp->op);
        fprintf(o, "'%s' '%s' '%s' '%s' %d\n", sp->id, g->comp[sp->comp].id,
                COUNTRIES[sp->country].id, opn, sp->lead);
    }
    fprintf(o, ";\n");
    dat_series_param(o, g, "scap", g->NS, get_scap);
    dat_series_param(o, g, "scost", g->NS, get_scost);

    fprintf(o, "set K :=");
    for (int k = 0; k < g->NK; k++)
        fprintf(o, " '%s'", g->dd[k].id);
    fprintf(o, ";\nparam : kprod kcountry klead :=\n");
    for (int k = 0; k < g->NK; k++)
        fprintf(o, "'%s' '%s' '%s' %d\n", g->dd[k].id, g->prod[g->dd[k].prod].id,
                COUNTRIES[g->dd[k].country].id, g->dd[k].lead);
    fprintf(o, ";\nset KTOT :=");
    for (int k = 0; k < g->NK; k++)
        if (g->dd[k].has_total)
            fprintf(o, " '%s'", g->dd[k].id);
    fprintf(o, ";\nparam ktotal :=");
    for (int k = 0; k < g->NK; k++)
        if (g->dd[k].has_total)
            fprintf(o, " '%s' %.6g", g->dd[k].id, g->dd[k].total);
    fprintf(o, ";\n");
    dat_series_param(o, g, "kavail", g->NK, get_kavail);
    dat_series_param(o, g, "kcost", g->NK, get_kcost);

    fprintf(o, "set CO :=");
    for (int c = 0; c < g->NC; c++)
        fprintf(o, " '%s'", g->cor[c].id);
    fprintf(o, ";\nparam : cofrom colead cocost :=\n");
    for (int c = 0; c < g->NC; c++)
        fprintf(o, "'%s' '%s' %d %.6g\n", g->cor[c].id, COUNTRIES[g->cor[c].from].id,
                g->cor[c].lead, g->cor[c].cost);
    fprintf(o, ";\nset COCAP :=");
    for (int c = 0; c < g->NC; c++)
        if (g->cor[c].has_cap)
            fprintf(o, " '%s'", g->cor[c].id);
    fprintf(o, ";\n");
    dat_series_param(o, g, "cocap", g->NC, get_cocap);

    fprintf(o, "set Q :=");
    for (int q = 0; q < g->Q; q++)
        fprintf(o, " '%s'", g->lic[q].id);
    fprintf(o, ";\nparam : qstatus qeff qsub qrev qslots :=\n");
    for (int q = 0; q < g->Q; q++) {
        const licence_t *L = &g->lic[q];
        fprintf(o, "'%s' '%s' %d %d %d %d\n", L->id, LIC_STATUS[L->status], L->eff + 1, L->sub + 1,
                L->review, L->slots);
    }
    fprintf(o, ";\nset QL :=");
    for (int q = 0; q < g->Q; q++)
        for (int k = 0; k < g->lic[q].nl; k++)
            fprintf(o, " '%s' '%s'", g->lic[q].id, g->line[g->lic[q].lines[k]].id);
    fprintf(o, ";\nset QHASC :=");
    for (int q = 0; q < g->Q; q++)
        if (g->lic[q].has_c)
            fprintf(o, " '%s'", g->lic[q].id);
    fprintf(o, ";\nset QC :=");
    for (int q = 0; q < g->Q; q++)
        if (g->lic[q].has_c)
            fprintf(o, " '%s' '%s'", g->lic[q].id, COUNTRIES[g->lic[q].country].id);
    fprintf(o, ";\nset QHASM :=");
    for (int q = 0; q < g->Q; q++)
        if (g->lic[q].has_m)
            fprintf(o, " '%s'", g->lic[q].id);
    fprintf(o, ";\nset QM :=");
    for (int q = 0; q < g->Q; q++)
        for (int k = 0; k < g->lic[q].nm; k++)
            fprintf(o, " '%s' '%s'", g->lic[q].id, g->comp[g->lic[q].comps[k]].id);
    fprintf(o, ";\nparam haslicensing := %d;\n", g->mip);
    if (g->mip) {
        fprintf(o, "param rslots :=");
        for (int t = 0; t < T; t++)
            fprintf(o, " %d %.6g", t + 1, g->slots.v[t]);
        fprintf(o, ";\n");
    }

    fprintf(o, "set W :=");
    for (int k = 0; k < g->NW; k++)
        fprintf(o, " '%s'", COUNTRIES[g->wf[k].country].id);
    fprintf(o, ";\n");
    dat_series_param(o, g, "wavail", g->NW, get_wavail);

    fprintf(o, "set F :=");
    for (int f = 0; f < g->F; f++)
        fprintf(o, " '%s'", g->fund[f].id);
    fprintf(o, ";\n");
    dat_series_param(o, g, "famount", g->F, get_famount);
    fprintf(o, "set FCARRY :=");
    for (int f = 0; f < g->F; f++)
        if (g->fund[f].carry)
            fprintf(o, " '%s'", g->fund[f].id);
    fprintf(o, ";\nset FHAS :=");
    for (int f = 0; f < g->F; f++)
        if (g->fund[f].has_elig)
            fprintf(o, " '%s'", g->fund[f].id);
    fprintf(o, ";\nset FEC :=");
    for (int f = 0; f < g->F; f++)
        for (int c = 0; c < NCOUNTRY; c++)
            if (g->fund[f].has_elig && (g->fund[f].cmask & (1u << c)))
                fprintf(o, " '%s' '%s'", g->fund[f].id, COUNTRIES[c].id);
    fprintf(o, ";\nset FEB :=");
    for (int f = 0; f < g->F; f++)
        for (int b = 0; b < 3; b++)
            if (g->fund[f].has_elig && (g->fund[f].bmask & (1u << b)))
                fprintf(o, " '%s' '%s'", g->fund[f].id, BLOCS[b]);
    fprintf(o, ";\nset FEO :=");
    for (int f = 0; f < g->F; f++)
        for (int k = 0; k < g->fund[f].nops; k++) {
            op_name(opn, sizeof opn, g->fund[f].ops[k]);
            fprintf(o, " '%s' '%s'", g->fund[f].id, opn);
        }
    fprintf(o, ";\nset FEP :=");
    for (int f = 0; f < g->F; f++)
        for (int k = 0; k < g->fund[f].npay; k++)
            fprintf(o, " '%s' '%s'", g->fund[f].id,
                    payee_id(g, g->fund[f].paytype[k], g->fund[f].payidx[k]));
    fprintf(o, ";\n");

    fprintf(o, "set R :=");
    for (int q = 0; q < g->R; q++)
        fprintf(o, " '%s'", g->req[q].id);
    fprintf(o, ";\nparam prio :=");
    for (int q = 0; q < g->R; q++)
        fprintf(o, " '%s' %.6g", g->req[q].id, g->req[q].prio);
    fprintf(o, ";\n");
    dat_series_param(o, g, "demand", g->R, get_demand);
    for (int q = 0; q < g->R; q++) {
        fprintf(o, "set MbyR['%s'] :=", g->req[q].id);
        for (int k = 0; k < g->req[q].nm; k++)
            fprintf(o, " '%s'", g->prod[g->req[q].prods[k]].id);
        fprintf(o, ";\n");
    }
    fprintf(o, "param eff :=\n");
    for (int q = 0; q < g->R; q++)
        for (int k = 0; k < g->req[q].nm; k++)
            fprintf(o, "'%s' '%s' %.6g\n", g->req[q].id, g->prod[g->req[q].prods[k]].id,
                    g->req[q].eff[k]);
    fprintf(o, ";\nparam msh :=\n");
    for (int q = 0; q < g->R; q++)
        for (int k = 0; k < g->req[q].nm; k++)
            if (g->req[q].share[k] < 1)
                fprintf(o, "'%s' '%s' %.6g\n", g->req[q].id, g->prod[g->req[q].prods[k]].id,
                        g->req[q].share[k]);
    fprintf(o, ";\n");

    fprintf(o, "set STK :=");
    for (int p = 0; p < g->P; p++)
        if (g->prod[p].stock)
            fprintf(o, " '%s'", g->prod[p].id);
    fprintf(o, ";\nparam : sinit rprio :=\n");
    for (int p = 0; p < g->P; p++)
        if (g->prod[p].stock)
            fprintf(o, "'%s' %.6g %.6g\n", g->prod[p].id, g->prod[p].sinit, g->prod[p].rprio);
    fprintf(o, ";\n");
    dat_series_param(o, g, "sres", g->P, get_sres);
    fprintf(o, "set SCAP :=");
    for (int p = 0; p < g->P; p++)
        if (g->prod[p].stock && g->prod[p].has_scap)
            fprintf(o, " '%s'", g->prod[p].id);
    fprintf(o, ";\n");
    dat_series_param(o, g, "stcap", g->P, get_stcap);
    fprintf(o, "param : term tprio :=\n");
    for (int p = 0; p < g->P; p++)
        if (g->prod[p].stock && g->prod[p].term > 0)
            fprintf(o, "'%s' %.6g %.6g\n", g->prod[p].id, g->prod[p].term, g->prod[p].tprio);
    fprintf(o, ";\n");
    fprintf(o, "end;\n");
}

/* ------------------------------------------------------------------ main */

static const char USAGE[] =
    "usage: arsenal-gen [options] > model.json\n"
    "Writes a synthetic, valid arsenal model (model-format.md v1.1: some substitutes\n"
    "capped with max_share, some stocks with a terminal goal) to stdout.\n"
    "The same options and seed always give identical bytes.\n"
    "\n"
    "  --lines N          production lines (default 20)\n"
    "  --products P       products (default 5)\n"
    "  --periods T        periods, quarters from 2025Q1 (default 12, at most 10000)\n"
    "  --components M     components; every 4th is ITAR-controlled (default 10)\n"
    "  --funds F          funds; 0 writes no funds section: money unlimited (default 4)\n"
    "  --licences Q       licences, also --licenses; at most N (default 3)\n"
    "  --requirements R   requirements (default 5)\n"
    "  --seed S           PRNG seed, unsigned 64-bit (default 1)\n"
    "  --mip              add integer expansion steps and a licensing section with\n"
    "                     review slots (binary review starts): a MIP; default is an LP\n"
    "  --mode MODE        objective mode: weighted (default) or lexicographic\n"
    "  --time-limit SEC   write objective.time_limit (benchmarks stop GLPK with it)\n"
    "  --dat FILE         also write the GNU MathProg data for bench/arsenal.mod\n"
    "                     (weighted mode only: glpsol solves one objective)\n"
    "  --help             this text\n";

static long parse_count(const char *flag, const char *v, long lo, long hi)
{
    char *end;
    errno = 0;
    long x = v ? strtol(v, &end, 10) : 0;
    if (!v || errno || *end || end == v || x < lo || x > hi) {
        fprintf(stderr, "arsenal-gen: %s: expected an integer in [%ld, %ld], got '%s'\n", flag, lo,
                hi, v ? v : "(nothing)");
        exit(2);
    }
    return x;
}

int main(int argc, char **argv)
{
    model_t g;
    memset(&g, 0, sizeof g);
    g.N = 20;
    g.P = 5;
    g.M = 10;
    g.F = 4;
    g.Q = 3;
    g.R = 5;
    g.seed = 1;
    T = 12;
    const char *dat = NULL;
    char cmdline[512] = "arsenal-gen";
    size_t cl = strlen(cmdline);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int used = 1;
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (!strcmp(a, "--lines")) {
            g.N = (int)parse_count(a, v, 1, 1000000);
        } else if (!strcmp(a, "--products")) {
            g.P = (int)parse_count(a, v, 1, 100000);
        } else if (!strcmp(a, "--periods")) {
            T = (int)parse_count(a, v, 1, 10000);
        } else if (!strcmp(a, "--components")) {
            g.M = (int)parse_count(a, v, 0, 100000);
        } else if (!strcmp(a, "--funds")) {
            g.F = (int)parse_count(a, v, 0, 10000);
        } else if (!strcmp(a, "--licences") || !strcmp(a, "--licenses")) {
            g.Q = (int)parse_count(a, v, 0, 10000);
        } else if (!strcmp(a, "--requirements")) {
            g.R = (int)parse_count(a, v, 1, 100000);
        } else if (!strcmp(a, "--seed")) {
            char *end;
            errno = 0;
            if (!v || v[0] == '-')
                die("--seed: expected an unsigned 64-bit integer, got '%s'", v ? v : "(nothing)");
            g.seed = strtoull(v, &end, 10);
            if (errno || *end || end == v)
                die("--seed: expected an unsigned 64-bit integer, got '%s'", v);
        } else if (!strcmp(a, "--mode")) {
            if (v && !strcmp(v, "weighted"))
                g.lexi = 0;
            else if (v && !strcmp(v, "lexicographic"))
                g.lexi = 1;
            else
                die("--mode: expected 'weighted' or 'lexicographic', got '%s'",
                    v ? v : "(nothing)");
        } else if (!strcmp(a, "--dat")) {
            if (!v)
                die("--dat: expected a file name, got %s", "(nothing)");
            dat = v;
        } else if (!strcmp(a, "--time-limit")) {
            char *end;
            errno = 0;
            g.time_limit = v ? strtod(v, &end) : -1;
            if (!v || errno || *end || end == v || !(g.time_limit > 0 && g.time_limit <= 1e6))
                die("--time-limit: expected seconds in (0, 1e6], got '%s'", v ? v : "(nothing)");
        } else if (!strcmp(a, "--mip")) {
            g.mip = 1;
            used = 0;
        } else {
            die("unknown option '%s' (see --help)", a);
        }
        if (strcmp(a, "--dat")) { /* the .dat name is not part of the model */
            int n = snprintf(cmdline + cl, sizeof cmdline - cl, " %s%s%s", a, used ? " " : "",
                             used ? v : "");
            if (n > 0 && (size_t)n < sizeof cmdline - cl)
                cl += (size_t)n;
        }
        i += used;
    }
    if (g.Q > g.N) {
        /* Each licence must cover a use; past one per line there may be none. */
        fprintf(stderr, "arsenal-gen: --licences: at most --lines (%d), got %d\n", g.N, g.Q);
        return 2;
    }
    if (dat && g.lexi)
        die("--dat: the MathProg twin solves one weighted objective; %s",
            "drop --mode lexicographic");

    generate(&g);

    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    write_json(&g, stdout, cmdline);
    if (fflush(stdout) || ferror(stdout)) {
        fprintf(stderr, "arsenal-gen: writing the model to stdout failed\n");
        return 1;
    }
    if (dat) {
        FILE *f = fopen(dat, "w");
        if (!f) {
            fprintf(stderr, "arsenal-gen: --dat: cannot open '%s': %s\n", dat, strerror(errno));
            return 1;
        }
        write_dat(&g, f);
        if (ferror(f) | fclose(f)) {
            fprintf(stderr, "arsenal-gen: --dat: writing '%s' failed\n", dat);
            return 1;
        }
    }
    return 0;
}
