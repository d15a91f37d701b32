/* verify.c - recomputes every constraint of model-format.md section 8 and
 * the objective of section 9 from the model and the plan (see verify.h for
 * what is and is not trusted).
 *
 * The sums a constraint needs (output of a line, labour of a country, what
 * arrives in theatre...) are accumulated in one pass over the model's
 * entities, so the whole check is linear in the size of the model times T:
 * far cheaper than the simplex that produced the plan. */
#include "lp/verify.h"

#include "util/util.h"

#include <math.h>
#include <string.h>

typedef enum {
    V_NONNEGATIVE = 0,
    V_INTEGER,
    V_START,
    V_CAPACITY,
    V_RAMP,
    V_EXPANSION_MAX,
    V_EXPANSION_STEP,
    V_COMPONENT_BALANCE,
    V_SUPPLIER_CAPACITY,
    V_LINE_LICENCE,
    V_COMPONENT_LICENCE,
    V_REVIEW_ONCE,
    V_REVIEW_SUBMITTED,
    V_REVIEW_SLOTS,
    V_WORKFORCE,
    V_CORRIDOR_CAPACITY,
    V_STOCK_BALANCE,
    V_STOCK_CAPACITY,
    V_RESERVE,
    V_TERMINAL,
    V_DRAWDOWN_AVAILABLE,
    V_DRAWDOWN_TOTAL,
    V_REQUIREMENT,
    V_SUBSTITUTION_CAP,
    V_PAYEE_PAID,
    V_PAYMENT_ELIGIBLE,
    V_FUND,
    V_OBJ_SHORTFALL,
    V_OBJ_COST,
    V_SWING,
    V_OBJ_VARIATION,
    V_NKINDS
} ars__verify_kind;

static const char *const kind_names[V_NKINDS] = {
    "nonnegative",
    "integer",
    "start",
    "capacity",
    "ramp",
    "expansion_max",
    "expansion_step",
    "component_balance",
    "supplier_capacity",
    "line_licence",
    "component_licence",
    "review_once",
    "review_submitted",
    "review_slots",
    "workforce",
    "corridor_capacity",
    "stock_balance",
    "stock_capacity",
    "reserve",
    "terminal",
    "drawdown_available",
    "drawdown_total",
    "requirement",
    "substitution_cap",
    "payee_paid",
    "payment_eligible",
    "fund",
    "objective.shortfall",
    "objective.cost",
    "swing",
    "objective.variation",
};

typedef struct vctx {
    struct ars_result *r;
    const struct ars_model *m;
    const ars__program *p;
    ars__verification *v;
    int T;
    double floor; /* the least scale a constraint is judged on (plan_floor) */
} vctx;

static double col(const vctx *c, int j)
{
    return j < 0 ? 0 : c->r->x[j];
}

static double maxd(double a, double b)
{
    return a > b ? a : b;
}

static int is_integrality(int kind)
{
    return kind == V_INTEGER || kind == V_EXPANSION_STEP;
}

/* How far a residual is towards failing: 1 at its tolerance. */
static double score(const ars__residual *w)
{
    if (w->kind < 0)
        return -1;
    return w->rel / (is_integrality(w->kind) ? ARS_VERIFY_INT_TOLERANCE : ARS_VERIFY_TOLERANCE);
}

static void note(vctx *c, int kind, int a, int b, int cc, int t, double viol, double rel)
{
    ars__verification *v = c->v;
    ars__residual w = {kind, a, b, cc, t, viol, rel};
    v->checked++;
    if (score(&w) > 1)
        v->violations++;
    if (viol > v->worst_abs.abs)
        v->worst_abs = w;
    if (score(&w) > score(&v->worst_rel) && rel > 0)
        v->worst_rel = w;
}

/* Records one constraint instance violated by `viol` (0 when it holds; NaN
 * counts as a violation), judged on `scale`: the magnitude of the
 * constraint's own terms and right-hand side, never less than c->floor. A
 * bound on one column (>= 0, = 0 before start) has no terms to compare
 * with and passes 1: it is judged in absolute units, as GLPK judges
 * bounds. */
static void record(vctx *c, int kind, int a, int b, int cc, int t, double viol, double scale)
{
    if (!(viol >= 0))
        viol = isnan(viol) ? HUGE_VAL : 0;
    note(c, kind, a, b, cc, t, viol, viol / maxd(c->floor, scale));
}

/* GLPK's round-off grows with the largest value it computes, not with the
 * row it lands in: on a generated model whose payments reach 1e9 a stock
 * row whose terms were all near 0 was off by 2.6e-12. The floor is
 * therefore ARS_VERIFY_PLAN_NOISE times the plan's largest finite value,
 * within [ARS_VERIFY_FLOOR, 1] (never more lenient than an absolute unit). */
static double plan_floor(const struct ars_result *r, int n)
{
    double big = 0, f;
    int j;
    for (j = 0; j < n; j++)
        if (isfinite(r->x[j]) && fabs(r->x[j]) > big)
            big = fabs(r->x[j]);
    f = ARS_VERIFY_PLAN_NOISE * big;
    return f < ARS_VERIFY_FLOOR ? ARS_VERIFY_FLOOR : f > 1 ? 1 : f;
}

/* An integrality gap, in units of the integer (a review start, a number
 * of expansion steps). GLPK accepts integer points to within its own
 * tol_int (1e-5) and rounds only the integer columns it reports, so a
 * continuous column tied to one (e = step n) keeps up to that gap. */
static void record_int(vctx *c, int kind, int a, int t, double gap)
{
    if (!(gap >= 0))
        gap = isnan(gap) ? HUGE_VAL : 0;
    note(c, kind, a, -1, -1, t, gap, gap);
}

/* Excess of lhs over rhs; NaN stays NaN (a corrupted value must not pass
 * an inequality by comparing false). */
static double excess(double lhs, double rhs)
{
    double d = lhs - rhs;
    return isnan(d) ? d : d > 0 ? d : 0;
}

static void le(vctx *c, int kind, int a, int b, int cc, int t, double lhs, double rhs, double scale)
{
    record(c, kind, a, b, cc, t, excess(lhs, rhs), maxd(scale, fabs(rhs)));
}

static void eq(vctx *c, int kind, int a, int b, int cc, int t, double lhs, double rhs, double scale)
{
    record(c, kind, a, b, cc, t, fabs(lhs - rhs), maxd(scale, fabs(rhs)));
}

/* A[q T + t] = A_q(t) of section 5: whether licence q is approved and
 * usable in t, from its status and, for a scheduled review, from the
 * plan's z (sum of z[q,tau] for tau <= t - review, a running sum). */
static void fill_approval(const vctx *c, double *A)
{
    const struct ars_model *m = c->m;
    int q, t, T = c->T;
    for (q = 0; q < m->nlicences; q++) {
        const ars__licence *L = &m->licences[q];
        double started = 0;
        for (t = 0; t < T; t++) {
            double a;
            switch (L->status) {
            case ARS_LIC_GRANTED:
                a = t >= L->effective;
                break;
            case ARS_LIC_DENIED:
                a = 0;
                break;
            default:
                if (!m->review_slots) {
                    a = t >= L->submitted + L->review;
                } else {
                    if (t - L->review >= 0)
                        started += col(c, ars__col_z(c->p, q, t - L->review));
                    a = started;
                }
            }
            A[(size_t)q * (size_t)T + (size_t)t] = a;
        }
    }
}

static void check_columns(vctx *c)
{
    const ars__program *p = c->p;
    int j, integers = !c->m->objective.relax;
    for (j = 0; j < p->ncols; j++) {
        double x = c->r->x[j];
        record(c, V_NONNEGATIVE, j, -1, -1, -1, excess(0, x), 1);
        /* Review starts are binary and expansion steps whole numbers; the
         * step multiple itself is checked on e below, from the data. */
        if (integers && (p->col_tag[j].family == ARS_COL_Z || p->col_tag[j].family == ARS_COL_N))
            record_int(c, V_INTEGER, j, -1, fabs(x - floor(x + 0.5)));
    }
}

/* Sections 8.1 to 8.3: start, capacity, ramp, expansion. out[t] gets the
 * line's output in capacity units. */
static void check_line(vctx *c, int l, double *out, double *mag)
{
    const ars__line *ln = &c->m->lines[l];
    const ars__program *p = c->p;
    int T = c->T, k, t;
    double added = 0, ordered = 0;
    for (t = 0; t < T; t++) {
        out[t] = mag[t] = 0;
        for (k = 0; k < ln->nproduces; k++) {
            double x = col(c, ars__col_x(p, l, k, t));
            out[t] += ln->produces[k].rate * x;
            mag[t] += fabs(ln->produces[k].rate * x);
            if (t < ln->start)
                record(c, V_START, l, k, -1, t, fabs(x), 1);
        }
    }
    for (t = 0; t < T; t++) {
        double cap;
        if (ln->has_expansion && t - ln->expansion_lead >= 0)
            added += col(c, ars__col_e(p, l, t - ln->expansion_lead));
        cap = ln->availability[t] * (ln->capacity[t] + added);
        le(c, V_CAPACITY, l, -1, -1, t, out[t], cap, mag[t]);
    }
    if (ln->has_ramp)
        for (t = 0; t < T; t++) {
            double prev, lim;
            if (t == 0 && !ln->has_output0)
                continue;
            prev = t == 0 ? ln->output0 : out[t - 1];
            lim = (1 + ln->ramp) * prev + ln->ramp_floor;
            le(c, V_RAMP, l, -1, -1, t, out[t], lim, maxd(mag[t], fabs(lim)));
        }
    if (ln->has_expansion) {
        for (t = 0; t < T; t++) {
            double e = col(c, ars__col_e(p, l, t));
            ordered += e;
            if (ln->expansion_step > 0 && !c->m->objective.relax) {
                double n = e / ln->expansion_step;
                record_int(c, V_EXPANSION_STEP, l, t, fabs(n - floor(n + 0.5)));
            }
        }
        le(c, V_EXPANSION_MAX, l, -1, -1, -1, ordered, ln->expansion_max, ordered);
    }
}

/* Section 8.5 gating: x <= U A for the line's own licence and for each
 * controlled component of foreign origin in the bom. A is fill_approval's
 * table; covering is scratch [nlicences]. */
static void check_gates(vctx *c, int l, const double *A, int *covering)
{
    const struct ars_model *m = c->m;
    const ars__line *ln = &m->lines[l];
    int T = c->T, k, j, q, t, n;
    for (k = 0; k < ln->nproduces; k++) {
        const ars__produce *pr = &ln->produces[k];
        if (ln->license >= 0)
            for (t = 0; t < T; t++) {
                double x = col(c, ars__col_x(c->p, l, k, t));
                double U = ln->availability[t] *
                           (ln->capacity[t] + (ln->has_expansion ? ln->expansion_max : 0)) /
                           pr->rate;
                double lim = U * A[(size_t)ln->license * (size_t)T + (size_t)t];
                le(c, V_LINE_LICENCE, l, k, -1, t, x, lim, x);
            }
        for (j = 0; j < pr->nbom; j++) {
            const ars__component *cm = &m->components[pr->bom[j].component];
            if (!cm->controlled || cm->origin == ln->country)
                continue;
            for (q = n = 0; q < m->nlicences; q++)
                if (ars__licence_covers(m, q, l, pr->bom[j].component))
                    covering[n++] = q;
            for (t = 0; t < T; t++) {
                double x = col(c, ars__col_x(c->p, l, k, t)), a = 0, lim;
                double U = ln->availability[t] *
                           (ln->capacity[t] + (ln->has_expansion ? ln->expansion_max : 0)) /
                           pr->rate;
                for (q = 0; q < n; q++)
                    a += A[(size_t)covering[q] * (size_t)T + (size_t)t];
                lim = U * a;
                le(c, V_COMPONENT_LICENCE, l, k, j, t, x, lim, x);
            }
        }
    }
}

static void check_reviews(vctx *c)
{
    const struct ars_model *m = c->m;
    int T = c->T, q, t, tau;
    if (!m->review_slots)
        return;
    for (q = 0; q < m->nlicences; q++) {
        const ars__licence *L = &m->licences[q];
        double sum = 0;
        if (L->status != ARS_LIC_PENDING)
            continue;
        for (t = 0; t < T; t++) {
            double z = col(c, ars__col_z(c->p, q, t));
            sum += z;
            if (t < L->submitted)
                record(c, V_REVIEW_SUBMITTED, q, -1, -1, t, fabs(z), 1);
        }
        le(c, V_REVIEW_ONCE, q, -1, -1, -1, sum, 1, sum);
    }
    for (t = 0; t < T; t++) {
        double used = 0;
        for (q = 0; q < m->nlicences; q++) {
            const ars__licence *L = &m->licences[q];
            if (L->status != ARS_LIC_PENDING)
                continue;
            for (tau = t - L->review + 1; tau <= t; tau++)
                if (tau >= 0)
                    used += L->slots * col(c, ars__col_z(c->p, q, tau));
        }
        le(c, V_REVIEW_SLOTS, -1, -1, -1, t, used, m->review_slots[t], used);
    }
}

/* Scratch sums, one [T] row per entity, filled in one pass over the lines. */
typedef struct sums {
    double *labor, *labor_mag;   /* [ncountries T] */
    double *mass;                /* [ncountries T] tonnes leaving from country */
    double *use, *use_mag;       /* [ncomponents T] components consumed */
    double *arrive, *arrive_mag; /* [nproducts T] arriving in theatre */
    double *used, *used_mag;     /* [nproducts T] used for requirements */
    double *bought;              /* [ncomponents T] purchases arriving */
    double *spend;               /* [npayees T] */
    double *out, *out_mag;       /* [T] */
    int *covering;               /* [nlicences] */
    double *approval;            /* [nlicences T] A_q(t) */
} sums;

static void sums_free(sums *s)
{
    ars__free(s->labor);
    ars__free(s->labor_mag);
    ars__free(s->mass);
    ars__free(s->use);
    ars__free(s->use_mag);
    ars__free(s->arrive);
    ars__free(s->arrive_mag);
    ars__free(s->used);
    ars__free(s->used_mag);
    ars__free(s->bought);
    ars__free(s->spend);
    ars__free(s->out);
    ars__free(s->out_mag);
    ars__free(s->covering);
    ars__free(s->approval);
}

static double *zeros(int n, int T)
{
    return ars__calloc((size_t)(n > 0 ? n : 1) * (size_t)T, sizeof(double));
}

static int sums_init(sums *s, const struct ars_model *m)
{
    int T = m->T;
    memset(s, 0, sizeof *s);
    s->labor = zeros(m->ncountries, T);
    s->labor_mag = zeros(m->ncountries, T);
    s->mass = zeros(m->ncountries, T);
    s->use = zeros(m->ncomponents, T);
    s->use_mag = zeros(m->ncomponents, T);
    s->arrive = zeros(m->nproducts, T);
    s->arrive_mag = zeros(m->nproducts, T);
    s->used = zeros(m->nproducts, T);
    s->used_mag = zeros(m->nproducts, T);
    s->bought = zeros(m->ncomponents, T);
    s->spend = zeros(ars__npayees(m), T);
    s->out = zeros(1, T);
    s->out_mag = zeros(1, T);
    s->covering = ars__calloc((size_t)(m->nlicences > 0 ? m->nlicences : 1), sizeof(int));
    s->approval = zeros(m->nlicences, T);
    if (!s->labor || !s->labor_mag || !s->mass || !s->use || !s->use_mag || !s->arrive ||
        !s->arrive_mag || !s->used || !s->used_mag || !s->bought || !s->spend || !s->out ||
        !s->out_mag || !s->covering || !s->approval) {
        sums_free(s);
        return ARS_ENOMEM;
    }
    return ARS_OK;
}

#define AT(arr, i, t) (arr)[(size_t)(i) * (size_t)T + (size_t)(t)]

static void accumulate_lines(vctx *c, sums *s)
{
    const struct ars_model *m = c->m;
    int T = c->T, l, k, j, t;
    for (l = 0; l < m->nlines; l++) {
        const ars__line *ln = &m->lines[l];
        int lead = ars__lead_to_theatre(m, ln->country), pay = ars__payee_of_line(m, l);
        for (k = 0; k < ln->nproduces; k++) {
            const ars__produce *pr = &ln->produces[k];
            const ars__product *prod = &m->products[pr->product];
            for (t = 0; t < T; t++) {
                double x = col(c, ars__col_x(c->p, l, k, t));
                AT(s->labor, ln->country, t) += pr->labor * x;
                AT(s->labor_mag, ln->country, t) += fabs(pr->labor * x);
                AT(s->mass, ln->country, t) += prod->mass * x;
                for (j = 0; j < pr->nbom; j++) {
                    AT(s->use, pr->bom[j].component, t) += pr->bom[j].qty * x;
                    AT(s->use_mag, pr->bom[j].component, t) += fabs(pr->bom[j].qty * x);
                }
                /* What would arrive after the last period never arrives. */
                if (t + lead < T) {
                    AT(s->arrive, pr->product, t + lead) += x;
                    AT(s->arrive_mag, pr->product, t + lead) += fabs(x);
                }
                AT(s->spend, pay, t) += pr->cost[t] * x;
            }
        }
        if (ln->has_expansion)
            for (t = 0; t < T; t++)
                AT(s->spend, pay, t) += ln->expansion_cost[t] * col(c, ars__col_e(c->p, l, t));
    }
}

/* Section 8.4: component pools and supplier capacity. */
static void check_components(vctx *c, const sums *s)
{
    const struct ars_model *m = c->m;
    int T = c->T, i, sp, t;
    for (sp = 0; sp < m->nsuppliers; sp++) {
        const ars__supplier *su = &m->suppliers[sp];
        for (t = 0; t < T; t++) {
            double b = col(c, ars__col_b(c->p, sp, t));
            le(c, V_SUPPLIER_CAPACITY, sp, -1, -1, t, b, su->capacity[t], b);
            AT(s->spend, ars__payee_of_supplier(m, sp), t) += su->cost[t] * b;
            if (t + su->lead < T)
                AT(s->bought, su->component, t + su->lead) += b;
        }
    }
    for (i = 0; i < m->ncomponents; i++) {
        double prev = m->components[i].initial;
        for (t = 0; t < T; t++) {
            double in = AT(s->bought, i, t), mag, cs = col(c, ars__col_cs(c->p, i, t));
            mag = fabs(prev) + fabs(in) + AT(s->use_mag, i, t);
            eq(c, V_COMPONENT_BALANCE, i, -1, -1, t, cs, prev + in - AT(s->use, i, t),
               maxd(mag, fabs(cs)));
            prev = cs;
        }
    }
}

/* Sections 8.6, 8.7: workforce and corridors. */
static void check_people_transport(vctx *c, const sums *s)
{
    const struct ars_model *m = c->m;
    int T = c->T, i, t;
    for (i = 0; i < m->nworkforce; i++) {
        int cn = m->workforce[i].country;
        for (t = 0; t < T; t++)
            le(c, V_WORKFORCE, i, -1, -1, t, AT(s->labor, cn, t), m->workforce[i].available[t],
               AT(s->labor_mag, cn, t));
    }
    for (i = 0; i < m->ncorridors; i++) {
        const ars__corridor *co = &m->corridors[i];
        for (t = 0; t < T; t++) {
            double load = AT(s->mass, co->from, t);
            if (co->capacity)
                le(c, V_CORRIDOR_CAPACITY, i, -1, -1, t, load, co->capacity[t], fabs(load));
            AT(s->spend, ars__payee_of_corridor(m, i), t) += (co->cost ? co->cost[t] : 0) * load;
        }
    }
}

/* Sections 8.8 to 8.10: drawdowns, theatre stock, requirements. */
static void check_theatre(vctx *c, sums *s)
{
    const struct ars_model *m = c->m;
    const ars__program *p = c->p;
    int T = c->T, k, i, r, t;
    for (k = 0; k < m->ndrawdowns; k++) {
        const ars__drawdown *dd = &m->drawdowns[k];
        double total = 0;
        for (t = 0; t < T; t++) {
            double d = col(c, ars__col_d(p, k, t));
            total += d;
            le(c, V_DRAWDOWN_AVAILABLE, k, -1, -1, t, d, dd->available[t], d);
            AT(s->spend, ars__payee_of_drawdown(m, k), t) += dd->cost[t] * d;
            if (t + dd->lead < T) {
                AT(s->arrive, dd->product, t + dd->lead) += d;
                AT(s->arrive_mag, dd->product, t + dd->lead) += fabs(d);
            }
        }
        if (dd->has_total)
            le(c, V_DRAWDOWN_TOTAL, k, -1, -1, -1, total, dd->total, total);
    }
    for (r = 0; r < m->nrequirements; r++)
        for (k = 0; k < m->requirements[r].nmet_by; k++)
            for (t = 0; t < T; t++) {
                double u = col(c, ars__col_u(p, r, k, t));
                AT(s->used, m->requirements[r].met_by[k].product, t) += u;
                AT(s->used_mag, m->requirements[r].met_by[k].product, t) += fabs(u);
            }
    for (i = 0; i < m->nproducts; i++) {
        const ars__stock *st = &m->stocks[i];
        double prev = st->initial;
        for (t = 0; t < T; t++) {
            double inv = col(c, ars__col_inv(p, i, t)), rhs, mag;
            rhs = prev + AT(s->arrive, i, t) - AT(s->used, i, t);
            mag = fabs(prev) + AT(s->arrive_mag, i, t) + AT(s->used_mag, i, t);
            eq(c, V_STOCK_BALANCE, i, -1, -1, t, inv, rhs, maxd(mag, fabs(inv)));
            if (st->capacity)
                le(c, V_STOCK_CAPACITY, i, -1, -1, t, inv, st->capacity[t], fabs(inv));
            if (st->reserve) {
                double rs = col(c, ars__col_rs(p, i, t));
                /* inv + rs >= reserve, written as reserve - inv <= rs */
                le(c, V_RESERVE, i, -1, -1, t, st->reserve[t] - inv, rs,
                   maxd(fabs(inv) + fabs(rs), fabs(st->reserve[t])));
            }
            prev = inv;
        }
        if (st->terminal > 0) {
            /* inv[T] + tg >= terminal, written as terminal - inv[T] <= tg */
            double tg = col(c, ars__col_tg(p, i));
            le(c, V_TERMINAL, i, -1, -1, -1, st->terminal - prev, tg,
               maxd(fabs(prev) + fabs(tg), st->terminal));
        }
    }
    for (r = 0; r < m->nrequirements; r++) {
        const ars__requirement *rq = &m->requirements[r];
        for (t = 0; t < T; t++) {
            double met = 0, mag = 0, sh = col(c, ars__col_sh(p, r, t));
            int a;
            for (a = 0; a < rq->nmet_by; a++) {
                double v = rq->met_by[a].effect * col(c, ars__col_u(p, r, a, t));
                met += v;
                mag += fabs(v);
            }
            eq(c, V_REQUIREMENT, r, -1, -1, t, met + sh, rq->demand[t], mag + fabs(sh));
            for (a = 0; a < rq->nmet_by; a++)
                if (rq->met_by[a].max_share < 1) {
                    double v = rq->met_by[a].effect * col(c, ars__col_u(p, r, a, t));
                    le(c, V_SUBSTITUTION_CAP, r, a, -1, t, v,
                       rq->met_by[a].max_share * rq->demand[t], fabs(v));
                }
        }
    }
}

/* Section 8.11: every payee's spend is paid by funds eligible for it, and
 * no fund pays more than it has (cumulatively, with carryover). Payment
 * columns are per payee group; the group's eligibility is re-derived. */
static int check_money(vctx *c, const sums *s)
{
    const struct ars_model *m = c->m;
    const ars__program *p = c->p;
    int T = c->T, np = ars__npayees(m), f, g, i, j, t;
    int *seen, *unfit;
    if (m->nfunds == 0)
        return ARS_OK; /* money is unlimited */
    seen = ars__calloc((size_t)(np > 0 ? np : 1), sizeof(int));
    unfit = ars__malloc(sizeof(int) * (size_t)m->nfunds);
    if (!seen || !unfit) {
        ars__free(seen);
        ars__free(unfit);
        return ARS_ENOMEM;
    }
    for (g = 0; g < p->ngroups; g++) {
        const ars__payee_group *gr = &p->groups[g];
        for (i = 0; i < gr->npayees; i++)
            seen[gr->payees[i]]++;
        /* A fund may pay the group only if it may pay each payee: unfit[i]
         * is a payee of the group fund i may not pay, -1 when none. */
        for (i = 0; i < gr->nfunds; i++) {
            unfit[i] = -1;
            for (j = 0; j < gr->npayees && unfit[i] < 0; j++)
                if (!ars__fund_may_pay(m, gr->funds[i], gr->payees[j]))
                    unfit[i] = gr->payees[j];
        }
        for (t = 0; t < T; t++) {
            double paid = 0, spent = 0, mag = 0;
            for (i = 0; i < gr->nfunds; i++) {
                double v = col(c, ars__col_pay(p, gr->funds[i], g, t));
                paid += v;
                mag += fabs(v);
                if (unfit[i] >= 0)
                    record(c, V_PAYMENT_ELIGIBLE, gr->funds[i], unfit[i], -1, t, fabs(v), fabs(v));
            }
            for (i = 0; i < gr->npayees; i++) {
                spent += AT(s->spend, gr->payees[i], t);
                mag += fabs(AT(s->spend, gr->payees[i], t));
            }
            eq(c, V_PAYEE_PAID, gr->payees[0], gr->npayees, -1, t, paid, spent, mag);
        }
    }
    ars__free(unfit);
    /* A payee in no group has nobody paying it: its spend must be 0. */
    for (j = 0; j < np; j++)
        if (seen[j] != 1)
            for (t = 0; t < T; t++)
                record(c, V_PAYEE_PAID, j, 1, -1, t,
                       seen[j] == 0 ? fabs(AT(s->spend, j, t)) : HUGE_VAL,
                       fabs(AT(s->spend, j, t)));
    ars__free(seen);
    for (f = 0; f < m->nfunds; f++) {
        const ars__fund *fu = &m->funds[f];
        double bank = 0, in = 0, out = 0;
        for (t = 0; t < T; t++) {
            double paid = 0;
            for (g = 0; g < p->ngroups; g++)
                paid += col(c, ars__col_pay(p, f, g, t));
            if (fu->carryover) {
                /* bank[t] = bank[t-1] + amount[t] - paid >= 0 */
                in += fu->amount[t];
                out += fabs(paid);
                bank += fu->amount[t] - paid;
                record(c, V_FUND, f, -1, -1, t, excess(0, bank), maxd(in, out));
            } else {
                le(c, V_FUND, f, -1, -1, t, paid, fu->amount[t], fabs(paid));
            }
        }
    }
    return ARS_OK;
}

/* Section 9: S and C from the model, compared with the reported ones. */
static void check_objective(vctx *c, const sums *s)
{
    const struct ars_model *m = c->m;
    const ars__program *p = c->p;
    int T = c->T, np = ars__npayees(m), r, i, j, t;
    double S = 0, C = 0;
    for (r = 0; r < m->nrequirements; r++)
        for (t = 0; t < T; t++)
            S += m->requirements[r].priority * col(c, ars__col_sh(p, r, t));
    for (i = 0; i < m->nproducts; i++)
        if (m->stocks[i].reserve_priority != 0)
            for (t = 0; t < T; t++)
                S += m->stocks[i].reserve_priority * col(c, ars__col_rs(p, i, t));
    for (i = 0; i < m->nproducts; i++)
        if (m->stocks[i].terminal > 0)
            S += m->stocks[i].terminal_priority * col(c, ars__col_tg(p, i));
    for (t = 0; t < T; t++) {
        double period = 0;
        for (j = 0; j < np; j++)
            period += AT(s->spend, j, t);
        for (i = 0; i < m->nproducts; i++)
            period += m->products[i].holding_cost * col(c, ars__col_inv(p, i, t));
        C += pow(1 + m->objective.discount, -(double)t) * period;
    }
    c->v->S = S;
    c->v->C = C;
    /* S and C are reported to users in absolute units (values under 1e-9
     * print as 0), so they are compared on a scale of at least 1. */
    record(c, V_OBJ_SHORTFALL, -1, -1, -1, -1, fabs(S - c->r->S),
           maxd(1, maxd(fabs(S), fabs(c->r->S))));
    record(c, V_OBJ_COST, -1, -1, -1, -1, fabs(C - c->r->C), maxd(1, maxd(fabs(C), fabs(c->r->C))));
}

/* Section 9 (1.1): V recomputed from each line's output (check_line's
 * out), compared with the reported one; where the smooth stage chose the
 * plan, each swing row too (up - down is the change of output). The
 * reported V is then the stage's optimum, sum up + down: a plan whose up
 * and down both count for one change, or a wrong row, shows here. */
static void check_variation(vctx *c, int l, const double *out, const double *mag, double *V,
                            double *V_mag)
{
    const ars__program *p = c->p;
    int t;
    for (t = 0; t < c->T; t++)
        *V_mag += mag[t];
    for (t = 1; t < c->T; t++) {
        double diff = out[t] - out[t - 1];
        *V += fabs(diff);
        if (c->r->smoothed && ars__col_up(p, l, t) >= 0) {
            double up = col(c, ars__col_up(p, l, t)), down = col(c, ars__col_down(p, l, t));
            /* At least one unit of output, as V itself is judged: a
             * line making next to nothing (0.003 units) is otherwise
             * judged on a scale below GLPK's own feasibility tolerance,
             * and its round-off (1e-8) read as a swing. */
            eq(c, V_SWING, l, -1, -1, t, up - down, diff,
               maxd(1, maxd(mag[t] + mag[t - 1], fabs(up) + fabs(down))));
        }
    }
}

int ars__verify(struct ars_result *r)
{
    vctx c;
    sums s;
    double t0 = ars__now();
    int l, rc;
    double V = 0, V_mag = 0;
    memset(&r->verification, 0, sizeof r->verification);
    if (!r->has_solution || !r->x)
        return ARS_OK;
    c.r = r;
    c.m = r->model;
    c.p = r->prog;
    c.v = &r->verification;
    c.T = c.m->T;
    c.floor = plan_floor(r, c.p->ncols);
    c.v->worst_abs.kind = c.v->worst_rel.kind = -1;
    if (sums_init(&s, c.m))
        return ARS_ENOMEM;
    check_columns(&c);
    fill_approval(&c, s.approval);
    for (l = 0; l < c.m->nlines; l++) {
        check_line(&c, l, s.out, s.out_mag);
        check_variation(&c, l, s.out, s.out_mag, &V, &V_mag);
        check_gates(&c, l, s.approval, s.covering);
    }
    c.v->V = V;
    /* On the scale of the outputs it is made of (a flat plan of large
     * outputs has V = 0 and the outputs' round-off), at least 1 as S and C. */
    record(&c, V_OBJ_VARIATION, -1, -1, -1, -1, fabs(V - r->V),
           maxd(1, maxd(V_mag, maxd(V, fabs(r->V)))));
    check_reviews(&c);
    accumulate_lines(&c, &s);
    check_components(&c, &s);
    check_people_transport(&c, &s);
    check_theatre(&c, &s);
    rc = check_money(&c, &s);
    if (rc == ARS_OK)
        check_objective(&c, &s);
    sums_free(&s);
    if (rc != ARS_OK) {
        memset(&r->verification, 0, sizeof r->verification);
        return rc;
    }
    c.v->ok = c.v->violations == 0;
    c.v->done = 1;
    c.v->ms = (ars__now() - t0) * 1000.0;
    return ARS_OK;
}

/* ---------------------------------------------------------------- output */

const char *ars__residual_name(const struct ars_result *r, const ars__residual *res, char *buf,
                               size_t len)
{
    const struct ars_model *m = r->model;
    const char *k, *per;
    char cb[256];
    if (res->kind < 0 || res->kind >= V_NKINDS) {
        snprintf(buf, len, "none");
        return buf;
    }
    k = kind_names[res->kind];
    per = res->t >= 0 ? m->periods[res->t] : "";
    switch (res->kind) {
    case V_NONNEGATIVE:
    case V_INTEGER:
        snprintf(buf, len, "%s[%s]", k, ars__col_name(r->prog, res->a, cb, sizeof cb));
        break;
    case V_START:
    case V_LINE_LICENCE:
        snprintf(buf, len, "%s[%s,%s,%s]", k, m->lines[res->a].id,
                 m->products[m->lines[res->a].produces[res->b].product].id, per);
        break;
    case V_COMPONENT_LICENCE: {
        const ars__produce *pr = &m->lines[res->a].produces[res->b];
        snprintf(buf, len, "%s[%s,%s,%s,%s]", k, m->lines[res->a].id, m->products[pr->product].id,
                 m->components[pr->bom[res->c].component].id, per);
        break;
    }
    case V_CAPACITY:
    case V_RAMP:
    case V_SWING:
    case V_EXPANSION_STEP:
        snprintf(buf, len, "%s[%s,%s]", k, m->lines[res->a].id, per);
        break;
    case V_EXPANSION_MAX:
        snprintf(buf, len, "%s[%s]", k, m->lines[res->a].id);
        break;
    case V_COMPONENT_BALANCE:
        snprintf(buf, len, "%s[%s,%s]", k, m->components[res->a].id, per);
        break;
    case V_SUPPLIER_CAPACITY:
        snprintf(buf, len, "%s[%s,%s]", k, m->suppliers[res->a].id, per);
        break;
    case V_REVIEW_ONCE:
        snprintf(buf, len, "%s[%s]", k, m->licences[res->a].id);
        break;
    case V_REVIEW_SUBMITTED:
        snprintf(buf, len, "%s[%s,%s]", k, m->licences[res->a].id, per);
        break;
    case V_REVIEW_SLOTS:
        snprintf(buf, len, "%s[%s]", k, per);
        break;
    case V_WORKFORCE:
        snprintf(buf, len, "%s[%s,%s]", k, m->countries[m->workforce[res->a].country].id, per);
        break;
    case V_CORRIDOR_CAPACITY:
        snprintf(buf, len, "%s[%s,%s]", k, m->corridors[res->a].id, per);
        break;
    case V_STOCK_BALANCE:
    case V_STOCK_CAPACITY:
    case V_RESERVE:
        snprintf(buf, len, "%s[%s,%s]", k, m->products[res->a].id, per);
        break;
    case V_DRAWDOWN_AVAILABLE:
        snprintf(buf, len, "%s[%s,%s]", k, m->drawdowns[res->a].id, per);
        break;
    case V_DRAWDOWN_TOTAL:
        snprintf(buf, len, "%s[%s]", k, m->drawdowns[res->a].id);
        break;
    case V_REQUIREMENT:
        snprintf(buf, len, "%s[%s,%s]", k, m->requirements[res->a].id, per);
        break;
    case V_SUBSTITUTION_CAP:
        snprintf(buf, len, "%s[%s,%s,%s]", k, m->requirements[res->a].id,
                 m->products[m->requirements[res->a].met_by[res->b].product].id, per);
        break;
    case V_TERMINAL:
        snprintf(buf, len, "%s[%s]", k, m->products[res->a].id);
        break;
    case V_PAYEE_PAID:
        /* b: the number of payees sharing the payment (1: this one alone) */
        if (res->b > 1)
            snprintf(buf, len, "%s[%s+%d,%s]", k, ars__payee_id(m, res->a), res->b - 1, per);
        else
            snprintf(buf, len, "%s[%s,%s]", k, ars__payee_id(m, res->a), per);
        break;
    case V_PAYMENT_ELIGIBLE:
        snprintf(buf, len, "%s[%s,%s,%s]", k, m->funds[res->a].id, ars__payee_id(m, res->b), per);
        break;
    case V_FUND:
        snprintf(buf, len, "%s[%s,%s]", k, m->funds[res->a].id, per);
        break;
    default:
        snprintf(buf, len, "%s", k);
        break;
    }
    return buf;
}

static cJSON *residual_json(const struct ars_result *r, const ars__residual *res, double value)
{
    char buf[512];
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    if (!cJSON_AddNumberToObject(o, "value", value) ||
        !cJSON_AddItemToObject(o, "constraint",
                               res->kind >= 0
                                   ? cJSON_CreateString(ars__residual_name(r, res, buf, sizeof buf))
                                   : cJSON_CreateNull())) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

int ars__verify_json(const struct ars_result *r, cJSON *root)
{
    const ars__verification *v = &r->verification;
    cJSON *o, *rec;
    if (!v->done)
        return 0;
    if (!cJSON_AddBoolToObject(root, "verified", v->ok))
        return -1;
    o = cJSON_AddObjectToObject(root, "verification");
    if (!o || !cJSON_AddBoolToObject(o, "verified", v->ok) ||
        !cJSON_AddNumberToObject(o, "tolerance", ARS_VERIFY_TOLERANCE) ||
        !cJSON_AddNumberToObject(o, "checked", (double)v->checked) ||
        !cJSON_AddNumberToObject(o, "violations", (double)v->violations) ||
        !cJSON_AddItemToObject(o, "max_abs_residual",
                               residual_json(r, &v->worst_abs, v->worst_abs.abs)) ||
        !cJSON_AddItemToObject(o, "max_rel_residual",
                               residual_json(r, &v->worst_rel, v->worst_rel.rel)))
        return -1;
    rec = cJSON_AddObjectToObject(o, "recomputed");
    if (!rec || !cJSON_AddNumberToObject(rec, "shortfall", v->S) ||
        !cJSON_AddNumberToObject(rec, "cost", v->C) ||
        !cJSON_AddNumberToObject(rec, "variation", v->V) ||
        !cJSON_AddNumberToObject(o, "ms", round(v->ms * 1000) / 1000))
        return -1;
    if (!v->ok) {
        char name[512], msg[768];
        ars__residual_name(r, &v->worst_rel, name, sizeof name);
        snprintf(msg, sizeof msg,
                 "the plan does not satisfy the model: %ld constraint(s) violated beyond a "
                 "relative %g, worst %s by %.6g (relative %.3g)",
                 v->violations, ARS_VERIFY_TOLERANCE, name, v->worst_rel.abs, v->worst_rel.rel);
        if (!cJSON_AddStringToObject(o, "warning", msg))
            return -1;
    }
    return 0;
}

void ars__verify_print(const struct ars_result *r, FILE *fp)
{
    const ars__verification *v = &r->verification;
    char name[512];
    if (!v->done)
        return;
    if (v->ok) {
        fprintf(
            fp,
            "verified: %ld constraints recomputed from the model, largest relative residual %.2g",
            v->checked, v->worst_rel.rel);
        if (v->worst_rel.kind >= 0 && v->worst_rel.rel > 0)
            fprintf(fp, " (%s)", ars__residual_name(r, &v->worst_rel, name, sizeof name));
        fputc('\n', fp);
        return;
    }
    fprintf(fp,
            "WARNING: NOT VERIFIED: %ld of %ld constraints recomputed from the model are violated; "
            "worst %s by %.6g (relative %.3g)\n",
            v->violations, v->checked, ars__residual_name(r, &v->worst_rel, name, sizeof name),
            v->worst_rel.abs, v->worst_rel.rel);
}
