/* formulate.c - builds the program of model-format.md sections 8 and 9 from
 * a loaded model (lp.h describes every family). Nothing here looks an id up
 * by string, and every number and index is checked before it is stored, so
 * that nothing non-finite or out of range can ever reach GLPK. */
#include "lp/lp.h"

#include "util/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    int j;
    double v;
} entry;

typedef struct builder {
    const struct ars_model *m;
    ars__program *p;
    ars_error *err;
    int rc;
    int T;
    int rows_cap;
    size_t nnz_cap;
    entry *scratch;
    size_t nscratch, scratch_cap;
    double *disc; /* [T] discount factor of period t */
} builder;

/* A list of items per key (counting sort), to reach "every line in country
 * c" or "every produce making product p" without scanning everything. */
typedef struct index_list {
    int *start; /* [nkeys + 1] */
    int *item;  /* [start[nkeys]] */
} index_list;

static void index_list_free(index_list *x)
{
    ars__free(x->start);
    ars__free(x->item);
    x->start = x->item = NULL;
}

/* keys[i] in [0, nkeys) or -1 (item skipped). */
static int index_list_build(index_list *x, int nkeys, const int *keys, int nitems)
{
    int i, *fill;
    x->start = ars__calloc((size_t)nkeys + 1, sizeof(int));
    x->item = ars__malloc(sizeof(int) * (size_t)(nitems > 0 ? nitems : 1));
    fill = ars__calloc((size_t)nkeys + 1, sizeof(int));
    if (!x->start || !x->item || !fill) {
        ars__free(fill);
        index_list_free(x);
        return ARS_ENOMEM;
    }
    for (i = 0; i < nitems; i++)
        if (keys[i] >= 0)
            x->start[keys[i] + 1]++;
    for (i = 0; i < nkeys; i++)
        x->start[i + 1] += x->start[i];
    for (i = 0; i < nitems; i++)
        if (keys[i] >= 0)
            x->item[x->start[keys[i]] + fill[keys[i]]++] = i;
    ars__free(fill);
    return ARS_OK;
}

/* ------------------------------------------------------------- checking */

static int bad_index(builder *b, const char *field, int v, int n)
{
    b->rc = ars_error_set(b->err, ARS_EINVALID, field, "index %d is out of range 0..%d", v, n - 1);
    return b->rc;
}

#define CHECK_INDEX(b, v, n, ...)                                                                  \
    do {                                                                                           \
        if ((v) < 0 || (v) >= (n)) {                                                               \
            char f_[128];                                                                          \
            snprintf(f_, sizeof f_, __VA_ARGS__);                                                  \
            return bad_index(b, f_, (v), (n));                                                     \
        }                                                                                          \
    } while (0)

static int check_series(builder *b, const double *s, const char *what, int i, const char *field)
{
    int t;
    char f[160];
    if (!s) {
        snprintf(f, sizeof f, "/%s/%d/%s", what, i, field);
        b->rc = ars_error_set(b->err, ARS_EINVALID, f, "series is missing");
        return b->rc;
    }
    for (t = 0; t < b->T; t++)
        if (!isfinite(s[t])) {
            snprintf(f, sizeof f, "/%s/%d/%s/%d", what, i, field, t);
            b->rc =
                ars_error_set(b->err, ARS_EINVALID, f, "expected a finite number, found %g", s[t]);
            return b->rc;
        }
    return ARS_OK;
}

static int check_number(builder *b, double v, const char *what, int i, const char *field)
{
    char f[160];
    if (isfinite(v))
        return ARS_OK;
    snprintf(f, sizeof f, "/%s/%d/%s", what, i, field);
    b->rc = ars_error_set(b->err, ARS_EINVALID, f, "expected a finite number, found %g", v);
    return b->rc;
}

/* The loader validates the model; this re-checks everything the program
 * depends on, because a model can also be built or patched in memory and a
 * single bad index or NaN would abort the process inside GLPK. */
static int check_model(builder *b)
{
    const struct ars_model *m = b->m;
    int i, k, j, T = m->T;
    if (T < 1)
        return ars_error_set(b->err, ARS_EINVALID, "/periods", "expected at least one period");
    if (m->theatre < 0 || m->theatre >= m->ncountries)
        return bad_index(b, "/theatre", m->theatre, m->ncountries);
    for (i = 0; i < m->nproducts; i++) {
        const ars__stock *st = &m->stocks[i];
        if (check_number(b, m->products[i].mass, "products", i, "mass") ||
            check_number(b, m->products[i].holding_cost, "products", i, "holding_cost") ||
            check_number(b, st->initial, "stocks", i, "initial") ||
            check_number(b, st->reserve_priority, "stocks", i, "reserve_priority") ||
            check_number(b, st->terminal, "stocks", i, "terminal") ||
            check_number(b, st->terminal_priority, "stocks", i, "terminal_priority") ||
            (st->reserve && check_series(b, st->reserve, "stocks", i, "reserve")) ||
            (st->capacity && check_series(b, st->capacity, "stocks", i, "capacity")))
            return b->rc;
    }
    for (i = 0; i < m->ncomponents; i++)
        if (check_number(b, m->components[i].initial, "components", i, "initial"))
            return b->rc;
    for (i = 0; i < m->nlines; i++) {
        const ars__line *l = &m->lines[i];
        CHECK_INDEX(b, l->country, m->ncountries, "/lines/%d/country", i);
        CHECK_INDEX(b, l->start, T, "/lines/%d/start", i);
        if (l->license >= 0)
            CHECK_INDEX(b, l->license, m->nlicences, "/lines/%d/license", i);
        if (check_series(b, l->capacity, "lines", i, "capacity") ||
            check_series(b, l->availability, "lines", i, "availability") ||
            check_number(b, l->ramp, "lines", i, "ramp") ||
            check_number(b, l->ramp_floor, "lines", i, "ramp_floor") ||
            check_number(b, l->output0, "lines", i, "output0"))
            return b->rc;
        if (l->has_expansion) {
            if (check_series(b, l->expansion_cost, "lines", i, "expansion/cost") ||
                check_number(b, l->expansion_max, "lines", i, "expansion/max") ||
                check_number(b, l->expansion_step, "lines", i, "expansion/step"))
                return b->rc;
            if (l->expansion_lead < 0)
                return bad_index(b, "/lines/expansion/lead", l->expansion_lead, T);
        }
        for (k = 0; k < l->nproduces; k++) {
            const ars__produce *pr = &l->produces[k];
            char f[96];
            CHECK_INDEX(b, pr->product, m->nproducts, "/lines/%d/produces/%d/product", i, k);
            snprintf(f, sizeof f, "produces/%d/cost", k);
            if (check_series(b, pr->cost, "lines", i, f))
                return b->rc;
            snprintf(f, sizeof f, "produces/%d/labor", k);
            if (check_number(b, pr->labor, "lines", i, f))
                return b->rc;
            if (!isfinite(pr->rate) || pr->rate <= 0) {
                snprintf(f, sizeof f, "/lines/%d/produces/%d/rate", i, k);
                return ars_error_set(b->err, ARS_EINVALID, f, "expected a number > 0, found %g",
                                     pr->rate);
            }
            for (j = 0; j < pr->nbom; j++) {
                CHECK_INDEX(b, pr->bom[j].component, m->ncomponents, "/lines/%d/produces/%d/bom/%d",
                            i, k, j);
                snprintf(f, sizeof f, "produces/%d/bom/%d", k, j);
                if (check_number(b, pr->bom[j].qty, "lines", i, f))
                    return b->rc;
            }
        }
    }
    for (i = 0; i < m->nsuppliers; i++) {
        const ars__supplier *s = &m->suppliers[i];
        CHECK_INDEX(b, s->component, m->ncomponents, "/suppliers/%d/component", i);
        if (s->country >= 0) /* optional: -1 when absent */
            CHECK_INDEX(b, s->country, m->ncountries, "/suppliers/%d/country", i);
        if (s->lead < 0)
            return bad_index(b, "/suppliers/lead", s->lead, T);
        if (check_series(b, s->capacity, "suppliers", i, "capacity") ||
            check_series(b, s->cost, "suppliers", i, "cost"))
            return b->rc;
    }
    for (i = 0; i < m->ndrawdowns; i++) {
        const ars__drawdown *d = &m->drawdowns[i];
        CHECK_INDEX(b, d->product, m->nproducts, "/drawdowns/%d/product", i);
        if (d->country >= 0) /* optional: -1 when absent */
            CHECK_INDEX(b, d->country, m->ncountries, "/drawdowns/%d/country", i);
        if (d->lead < 0)
            return bad_index(b, "/drawdowns/lead", d->lead, T);
        if (check_series(b, d->available, "drawdowns", i, "available") ||
            check_series(b, d->cost, "drawdowns", i, "cost") ||
            (d->has_total && check_number(b, d->total, "drawdowns", i, "total")))
            return b->rc;
    }
    for (i = 0; i < m->ncorridors; i++) {
        const ars__corridor *c = &m->corridors[i];
        CHECK_INDEX(b, c->from, m->ncountries, "/corridors/%d/from", i);
        if (c->lead < 0)
            return bad_index(b, "/corridors/lead", c->lead, T);
        if ((c->capacity && check_series(b, c->capacity, "corridors", i, "capacity")) ||
            (c->cost && check_series(b, c->cost, "corridors", i, "cost")))
            return b->rc;
    }
    for (i = 0; i < m->nlicences; i++) {
        const ars__licence *q = &m->licences[i];
        if (q->status < ARS_LIC_GRANTED || q->status > ARS_LIC_PENDING)
            return bad_index(b, "/licenses/status", q->status, 3);
        CHECK_INDEX(b, q->effective, T, "/licenses/%d/effective", i);
        CHECK_INDEX(b, q->submitted, T, "/licenses/%d/submitted", i);
        if (q->review < 0)
            return bad_index(b, "/licenses/review", q->review, T);
        if (check_number(b, q->slots, "licenses", i, "slots"))
            return b->rc;
        for (k = 0; k < q->ncover_lines; k++)
            CHECK_INDEX(b, q->cover_lines[k], m->nlines, "/licenses/%d/covers/lines/%d", i, k);
        for (k = 0; q->has_cover_countries && k < q->ncover_countries; k++)
            CHECK_INDEX(b, q->cover_countries[k], m->ncountries, "/licenses/%d/covers/countries/%d",
                        i, k);
        for (k = 0; q->has_cover_components && k < q->ncover_components; k++)
            CHECK_INDEX(b, q->cover_components[k], m->ncomponents,
                        "/licenses/%d/covers/components/%d", i, k);
    }
    if (m->review_slots)
        for (i = 0; i < T; i++)
            if (!isfinite(m->review_slots[i]))
                return ars_error_set(b->err, ARS_EINVALID, "/licensing/review_slots",
                                     "expected finite numbers, found %g", m->review_slots[i]);
    for (i = 0; i < m->nworkforce; i++) {
        CHECK_INDEX(b, m->workforce[i].country, m->ncountries, "/workforce/%d/country", i);
        if (check_series(b, m->workforce[i].available, "workforce", i, "available"))
            return b->rc;
    }
    for (i = 0; i < m->nfunds; i++)
        if (check_series(b, m->funds[i].amount, "funds", i, "amount"))
            return b->rc;
    for (i = 0; i < m->nrequirements; i++) {
        const ars__requirement *r = &m->requirements[i];
        if (check_series(b, r->demand, "requirements", i, "demand") ||
            check_number(b, r->priority, "requirements", i, "priority"))
            return b->rc;
        for (k = 0; k < r->nmet_by; k++) {
            CHECK_INDEX(b, r->met_by[k].product, m->nproducts, "/requirements/%d/met_by/%d", i, k);
            if (check_number(b, r->met_by[k].effect, "requirements", i, "met_by") ||
                check_number(b, r->met_by[k].max_share, "requirements", i, "met_by"))
                return b->rc;
        }
    }
    if (!isfinite(m->objective.discount) || m->objective.discount <= -1)
        return ars_error_set(b->err, ARS_EINVALID, "/objective/discount",
                             "expected a finite number > -1, found %g", m->objective.discount);
    return ARS_OK;
}

/* -------------------------------------------------------------- columns */

static int set_col(builder *b, int j, int family, int a, int bb, int t, int kind, double lb,
                   double ub)
{
    ars__program *p = b->p;
    if (isnan(lb) || isnan(ub) || lb == HUGE_VAL || ub == -HUGE_VAL) {
        char name[256];
        p->col_tag[j].family = (unsigned char)family;
        p->col_tag[j].a = a;
        p->col_tag[j].b = bb;
        p->col_tag[j].t = t;
        b->rc = ars_error_set(b->err, ARS_EINVALID, ars__col_name(p, j, name, sizeof name),
                              "bounds [%g, %g] are not numbers", lb, ub);
        return b->rc;
    }
    p->col_tag[j].family = (unsigned char)family;
    p->col_tag[j].a = a;
    p->col_tag[j].b = bb;
    p->col_tag[j].c = -1;
    p->col_tag[j].t = t;
    p->col_kind[j] = (unsigned char)kind;
    p->col_lb[j] = lb;
    p->col_ub[j] = ub;
    return ARS_OK;
}

static int *alloc_offsets(int n)
{
    int *o = ars__malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    int i;
    if (o)
        for (i = 0; i < n; i++)
            o[i] = -1;
    return o;
}

/* A product with a terminal stock goal (1.1): its gap column and row. */
static int has_terminal(const struct ars_model *m, int prod)
{
    return m->stocks[prod].terminal > 0;
}

/* A met_by entry whose share cap can bind (1.1): one row per period. */
static int has_share_cap(const ars__met_by *e)
{
    return e->max_share < 1;
}

/* A licence whose review start is a decision (binary z). */
static int has_z(const struct ars_model *m, int q)
{
    return m->review_slots && m->licences[q].status == ARS_LIC_PENDING;
}

/* approved[q T + t] for licences approved by data (see lp.h). */
static void fill_approved(const struct ars_model *m, unsigned char *ap)
{
    int q, t, T = m->T;
    for (q = 0; q < m->nlicences; q++) {
        const ars__licence *L = &m->licences[q];
        for (t = 0; t < T; t++) {
            int a = 0;
            if (L->status == ARS_LIC_GRANTED)
                a = t >= L->effective;
            else if (L->status == ARS_LIC_PENDING && !m->review_slots)
                a = t >= L->submitted + L->review;
            ap[(size_t)q * (size_t)T + (size_t)t] = (unsigned char)a;
        }
    }
}

/* A component m used at line l is gated when it is controlled by another
 * country (section 5). */
static int comp_gated(const struct ars_model *m, int l, int comp)
{
    const ars__component *c = &m->components[comp];
    return c->controlled && c->origin != m->lines[l].country;
}

/* A licence whose approval is decided by z columns, unless it is `forced`:
 * the licence that ars__program_licence_bounds treats as approved by data
 * (-1: none). */
static int decided_by_z(const struct ars_model *m, int q, int forced)
{
    return q != forced && has_z(m, q);
}

/* Upper bound of x[l,k,t] from data alone: 0 before `start` and while a
 * licence decided by data is not approved; +inf otherwise (capacity and the
 * gating rows do the rest). ap is the approval table (lp.h `approved`),
 * `forced` as in decided_by_z. */
static double x_upper_with(const ars__program *p, const unsigned char *ap, int forced, int l, int k,
                           int t)
{
    const struct ars_model *m = p->model;
    const ars__line *ln = &m->lines[l];
    const ars__produce *pr = &ln->produces[k];
    int j, q, T = m->T;
    if (t < ln->start)
        return 0;
    if (ln->license >= 0 && !decided_by_z(m, ln->license, forced) &&
        !ap[(size_t)ln->license * (size_t)T + (size_t)t])
        return 0;
    for (j = 0; j < pr->nbom; j++) {
        int comp = pr->bom[j].component, any_z = 0, open = 0;
        if (!comp_gated(m, l, comp))
            continue;
        for (q = 0; q < m->nlicences; q++) {
            if (!ars__licence_covers(m, q, l, comp))
                continue;
            if (decided_by_z(m, q, forced))
                any_z = 1;
            else if (ap[(size_t)q * (size_t)T + (size_t)t])
                open = 1;
        }
        if (!any_z && !open)
            return 0;
    }
    return HUGE_VAL;
}

static double x_upper(const ars__program *p, int l, int k, int t)
{
    return x_upper_with(p, p->approved, -1, l, k, t);
}

/* ---------------------------------------------- variation (smooth stage) */

/* Spec 1.1 section 9: V = sum_l sum_{t >= 2} |out[l,t] - out[l,t-1]|. The
 * change of each line's output from one period to the next is split into
 * up - down, both >= 0 and in neither S nor C, so the objective stages do
 * not see them; the smooth stage minimises sum up + down, which at its
 * optimum is V. Only with objective.smooth: without it the program has none
 * of them. Every line with products gets all T-1, also before its `start`
 * (where they are 0), so that the structure does not depend on data.
 * Returns the column count with them, or -1 with b->rc set. */
static int swing_layout(builder *b, int n)
{
    const struct ars_model *m = b->m;
    int l, T = b->T;
    if (!m->objective.smooth || T < 2)
        return n;
    if ((long long)n + 2LL * m->nlines * (T - 1) >= 0x7fffffffLL) {
        b->rc = ars_error_set(b->err, ARS_ELIMIT, "", "the program would have over %d columns",
                              0x7fffffff);
        return -1;
    }
    if (!(b->p->up_off = alloc_offsets(m->nlines))) {
        b->rc = ARS_ENOMEM;
        return -1;
    }
    for (l = 0; l < m->nlines; l++)
        if (m->lines[l].nproduces > 0) {
            b->p->up_off[l] = n;
            n += 2 * (T - 1);
        }
    return n;
}

static int swing_columns(builder *b)
{
    ars__program *p = b->p;
    int l, t;
    for (l = 0; p->up_off && l < b->m->nlines; l++)
        for (t = 1; t < b->T && p->up_off[l] >= 0; t++)
            if (set_col(b, ars__col_up(p, l, t), ARS_COL_UP, l, -1, t, ARS_KIND_CONT, 0,
                        HUGE_VAL) ||
                set_col(b, ars__col_down(p, l, t), ARS_COL_DOWN, l, -1, t, ARS_KIND_CONT, 0,
                        HUGE_VAL))
                return b->rc;
    return ARS_OK;
}

static int build_columns(builder *b)
{
    const struct ars_model *m = b->m;
    ars__program *p = b->p;
    int T = b->T, l, k, t, s, i, r, f, g, q, n = 0, j;
    int relax = m->objective.relax;

    p->x_off = alloc_offsets(m->nlines);
    p->e_off = alloc_offsets(m->nlines);
    p->ec_off = alloc_offsets(m->nlines);
    p->n_off = alloc_offsets(m->nlines);
    p->u_off = alloc_offsets(m->nrequirements);
    p->z_off = alloc_offsets(m->nlicences);
    p->tg_off = alloc_offsets(m->nproducts);
    if (!p->x_off || !p->e_off || !p->ec_off || !p->n_off || !p->u_off || !p->z_off || !p->tg_off)
        return ARS_ENOMEM;
    if (m->nfunds > 0) {
        p->pay_off = alloc_offsets(m->nfunds * p->ngroups);
        if (!p->pay_off)
            return ARS_ENOMEM;
    }

    /* Layout. Counts are bounded by the loader's limits (max_variables), but
     * guard against int overflow all the same. */
    {
        long long total = 0;
        for (l = 0; l < m->nlines; l++) {
            const ars__line *ln = &m->lines[l];
            total += (long long)ln->nproduces * T;
            if (ln->has_expansion)
                total += 2LL * T + (ln->expansion_step > 0 ? T : 0);
        }
        for (r = 0; r < m->nrequirements; r++)
            total += (long long)(m->requirements[r].nmet_by + 1) * T;
        total += (long long)(m->nsuppliers + m->ndrawdowns + m->ncomponents) * T;
        total +=
            2LL * m->nproducts * T + m->nproducts + (long long)m->nfunds * (p->ngroups + 1) * T;
        total += (long long)m->nlicences * T;
        if (total >= 0x7fffffffLL)
            return ars_error_set(b->err, ARS_ELIMIT, "", "the program would have %lld columns",
                                 total);
    }
    for (l = 0; l < m->nlines; l++) {
        const ars__line *ln = &m->lines[l];
        p->x_off[l] = n;
        n += ln->nproduces * T;
        if (ln->has_expansion) {
            p->e_off[l] = n;
            n += T;
            p->ec_off[l] = n;
            n += T;
            if (ln->expansion_step > 0) {
                p->n_off[l] = n;
                n += T;
            }
        }
    }
    p->b_off = n;
    n += m->nsuppliers * T;
    p->d_off = n;
    n += m->ndrawdowns * T;
    p->cs_off = n;
    n += m->ncomponents * T;
    for (r = 0; r < m->nrequirements; r++) {
        p->u_off[r] = n;
        n += m->requirements[r].nmet_by * T;
    }
    p->sh_off = n;
    n += m->nrequirements * T;
    p->inv_off = n;
    n += m->nproducts * T;
    p->rs_off = n;
    n += m->nproducts * T;
    for (i = 0; i < m->nproducts; i++)
        if (has_terminal(m, i))
            p->tg_off[i] = n++;
    for (f = 0; f < m->nfunds; f++)
        for (g = 0; g < p->ngroups; g++) {
            const ars__payee_group *gr = &p->groups[g];
            for (i = 0; i < gr->nfunds; i++)
                if (gr->funds[i] == f) {
                    p->pay_off[f * p->ngroups + g] = n;
                    n += T;
                }
        }
    p->bank_off = -1;
    if (m->nfunds > 0) {
        p->bank_off = n;
        n += m->nfunds * T;
    }
    for (q = 0; q < m->nlicences; q++)
        if (has_z(m, q)) {
            p->z_off[q] = n;
            n += T;
        }
    if ((n = swing_layout(b, n)) < 0)
        return b->rc;
    p->ncols = n;

    p->col_tag = ars__calloc((size_t)(n > 0 ? n : 1), sizeof(ars__tag));
    p->col_kind = ars__calloc((size_t)(n > 0 ? n : 1), 1);
    p->col_lb = ars__calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    p->col_ub = ars__calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    p->obj_s = ars__calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    p->obj_c = ars__calloc((size_t)(n > 0 ? n : 1), sizeof(double));
    if (!p->col_tag || !p->col_kind || !p->col_lb || !p->col_ub || !p->obj_s || !p->obj_c)
        return ARS_ENOMEM;

#define SETC(j_, fam_, a_, b_, t_, kind_, lb_, ub_)                                                \
    do {                                                                                           \
        if (set_col(b, (j_), (fam_), (a_), (b_), (t_), (kind_), (lb_), (ub_)))                     \
            return b->rc;                                                                          \
    } while (0)

    for (l = 0; l < m->nlines; l++) {
        const ars__line *ln = &m->lines[l];
        int cor = m->corridor_of_country ? m->corridor_of_country[ln->country] : -1;
        for (k = 0; k < ln->nproduces; k++) {
            const ars__produce *pr = &ln->produces[k];
            double mass = m->products[pr->product].mass;
            for (t = 0; t < T; t++) {
                j = ars__col_x(p, l, k, t);
                SETC(j, ARS_COL_X, l, k, t, ARS_KIND_CONT, 0, x_upper(p, l, k, t));
                p->obj_c[j] = b->disc[t] * pr->cost[t];
                if (cor >= 0 && m->corridors[cor].cost)
                    p->obj_c[j] += b->disc[t] * m->corridors[cor].cost[t] * mass;
            }
        }
        if (ln->has_expansion) {
            int step = ln->expansion_step > 0;
            for (t = 0; t < T; t++) {
                j = ars__col_e(p, l, t);
                SETC(j, ARS_COL_E, l, -1, t, ARS_KIND_CONT, 0, ln->expansion_max);
                p->obj_c[j] = b->disc[t] * ln->expansion_cost[t];
                SETC(ars__col_ec(p, l, t), ARS_COL_EC, l, -1, t, ARS_KIND_CONT, 0, HUGE_VAL);
                /* n <= floor(max / step) follows from integrality only:
                 * relaxed, n is bounded by e = step n <= max alone (spec
                 * 1.1 section 9, `relax`). */
                if (step)
                    SETC(ars__col_n(p, l, t), ARS_COL_N, l, -1, t,
                         relax ? ARS_KIND_CONT : ARS_KIND_INT, 0,
                         relax ? ln->expansion_max / ln->expansion_step
                               : floor(ln->expansion_max / ln->expansion_step + 1e-9));
            }
        }
    }
    for (s = 0; s < m->nsuppliers; s++)
        for (t = 0; t < T; t++) {
            j = ars__col_b(p, s, t);
            SETC(j, ARS_COL_B, s, -1, t, ARS_KIND_CONT, 0, m->suppliers[s].capacity[t]);
            p->obj_c[j] = b->disc[t] * m->suppliers[s].cost[t];
        }
    for (k = 0; k < m->ndrawdowns; k++)
        for (t = 0; t < T; t++) {
            j = ars__col_d(p, k, t);
            SETC(j, ARS_COL_D, k, -1, t, ARS_KIND_CONT, 0, m->drawdowns[k].available[t]);
            p->obj_c[j] = b->disc[t] * m->drawdowns[k].cost[t];
        }
    for (i = 0; i < m->ncomponents; i++)
        for (t = 0; t < T; t++)
            SETC(ars__col_cs(p, i, t), ARS_COL_CS, i, -1, t, ARS_KIND_CONT, 0, HUGE_VAL);
    for (r = 0; r < m->nrequirements; r++) {
        for (i = 0; i < m->requirements[r].nmet_by; i++)
            for (t = 0; t < T; t++)
                SETC(ars__col_u(p, r, i, t), ARS_COL_U, r, i, t, ARS_KIND_CONT, 0, HUGE_VAL);
        for (t = 0; t < T; t++) {
            j = ars__col_sh(p, r, t);
            SETC(j, ARS_COL_SH, r, -1, t, ARS_KIND_CONT, 0, HUGE_VAL);
            p->obj_s[j] = m->requirements[r].priority;
        }
    }
    for (i = 0; i < m->nproducts; i++) {
        const ars__stock *st = &m->stocks[i];
        for (t = 0; t < T; t++) {
            j = ars__col_inv(p, i, t);
            SETC(j, ARS_COL_INV, i, -1, t, ARS_KIND_CONT, 0,
                 st->capacity ? st->capacity[t] : HUGE_VAL);
            p->obj_c[j] = b->disc[t] * m->products[i].holding_cost;
            j = ars__col_rs(p, i, t);
            SETC(j, ARS_COL_RS, i, -1, t, ARS_KIND_CONT, 0, HUGE_VAL);
            p->obj_s[j] = st->reserve_priority;
        }
        if ((j = ars__col_tg(p, i)) >= 0) {
            SETC(j, ARS_COL_TG, i, -1, -1, ARS_KIND_CONT, 0, HUGE_VAL);
            p->obj_s[j] = st->terminal_priority;
        }
    }
    for (f = 0; f < m->nfunds; f++) {
        for (g = 0; g < p->ngroups; g++)
            if (ars__col_pay(p, f, g, 0) >= 0)
                for (t = 0; t < T; t++)
                    SETC(ars__col_pay(p, f, g, t), ARS_COL_PAY, f, g, t, ARS_KIND_CONT, 0,
                         HUGE_VAL);
        for (t = 0; t < T; t++)
            SETC(ars__col_bank(p, f, t), ARS_COL_BANK, f, -1, t, ARS_KIND_CONT, 0,
                 m->funds[f].carryover ? HUGE_VAL : 0);
    }
    for (q = 0; q < m->nlicences; q++)
        if (p->z_off[q] >= 0)
            for (t = 0; t < T; t++)
                SETC(ars__col_z(p, q, t), ARS_COL_Z, q, -1, t, relax ? ARS_KIND_CONT : ARS_KIND_BIN,
                     0, t < m->licences[q].submitted ? 0 : 1);
    if (swing_columns(b))
        return b->rc;
#undef SETC
    for (j = 0; j < n; j++) {
        if (!isfinite(p->obj_s[j]) || !isfinite(p->obj_c[j])) {
            char name[256];
            return ars_error_set(b->err, ARS_EINVALID, ars__col_name(p, j, name, sizeof name),
                                 "objective coefficient is not finite (%g, %g)", p->obj_s[j],
                                 p->obj_c[j]);
        }
        if (p->col_kind[j] != ARS_KIND_CONT)
            p->mip = 1;
    }
    return ARS_OK;
}

/* ----------------------------------------------------------------- rows */

static int grow_rows(builder *b)
{
    ars__program *p = b->p;
    int cap = b->rows_cap ? b->rows_cap * 2 : 1024;
    ars__tag *tag = ars__realloc(p->row_tag, sizeof(ars__tag) * (size_t)cap);
    double *lb, *ub;
    int *st;
    if (!tag)
        return ARS_ENOMEM;
    p->row_tag = tag;
    lb = ars__realloc(p->row_lb, sizeof(double) * (size_t)cap);
    if (!lb)
        return ARS_ENOMEM;
    p->row_lb = lb;
    ub = ars__realloc(p->row_ub, sizeof(double) * (size_t)cap);
    if (!ub)
        return ARS_ENOMEM;
    p->row_ub = ub;
    st = ars__realloc(p->row_start, sizeof(int) * ((size_t)cap + 1));
    if (!st)
        return ARS_ENOMEM;
    p->row_start = st;
    b->rows_cap = cap;
    return ARS_OK;
}

/* Starts a row; entries follow with add(), then end_row(). */
static int begin_row(builder *b, int family, int a, int bb, int c, int t, double lb, double ub)
{
    ars__program *p = b->p;
    int i;
    if (b->rc)
        return b->rc;
    if (p->nrows + 1 >= b->rows_cap && grow_rows(b))
        return b->rc = ARS_ENOMEM;
    i = p->nrows;
    p->row_tag[i].family = (unsigned char)family;
    p->row_tag[i].a = a;
    p->row_tag[i].b = bb;
    p->row_tag[i].c = c;
    p->row_tag[i].t = t;
    p->row_lb[i] = lb;
    p->row_ub[i] = ub;
    b->nscratch = 0;
    if (isnan(lb) || isnan(ub) || lb == HUGE_VAL || ub == -HUGE_VAL) {
        char name[256];
        p->nrows++; /* so the name can be made */
        ars__row_name(p, i, name, sizeof name);
        p->nrows--;
        b->rc =
            ars_error_set(b->err, ARS_EINVALID, name, "bounds [%g, %g] are not numbers", lb, ub);
    }
    return b->rc;
}

static void add(builder *b, int j, double v)
{
    if (b->rc)
        return;
    if (j < 0 || j >= b->p->ncols) {
        b->rc = ars_error_set(b->err, ARS_EINTERNAL, "", "column %d out of range 0..%d", j,
                              b->p->ncols - 1);
        return;
    }
    if (!isfinite(v)) {
        char name[256];
        b->rc = ars_error_set(b->err, ARS_EINVALID, ars__col_name(b->p, j, name, sizeof name),
                              "coefficient %g is not finite", v);
        return;
    }
    if (b->nscratch == b->scratch_cap) {
        size_t cap = b->scratch_cap ? b->scratch_cap * 2 : 64;
        entry *e = ars__realloc(b->scratch, sizeof(entry) * cap);
        if (!e) {
            b->rc = ARS_ENOMEM;
            return;
        }
        b->scratch = e;
        b->scratch_cap = cap;
    }
    b->scratch[b->nscratch].j = j;
    b->scratch[b->nscratch].v = v;
    b->nscratch++;
}

static int cmp_entry(const void *x, const void *y)
{
    int a = ((const entry *)x)->j, c = ((const entry *)y)->j;
    return (a > c) - (a < c);
}

/* Sorts the row's entries by column and merges duplicates (GLPK rejects a
 * duplicate (i, j) with a fatal error). */
static int end_row(builder *b)
{
    ars__program *p = b->p;
    size_t n = b->nscratch, i, w = 0;
    if (b->rc)
        return b->rc;
    if (n > 1) {
        int sorted = 1;
        for (i = 1; i < n && sorted; i++)
            if (b->scratch[i].j <= b->scratch[i - 1].j)
                sorted = 0;
        if (!sorted) {
            qsort(b->scratch, n, sizeof(entry), cmp_entry);
            for (i = 0; i < n; i++) {
                if (w > 0 && b->scratch[w - 1].j == b->scratch[i].j)
                    b->scratch[w - 1].v += b->scratch[i].v;
                else
                    b->scratch[w++] = b->scratch[i];
            }
            n = w;
        }
    }
    if (p->nnz + n > b->nnz_cap) {
        size_t cap = b->nnz_cap ? b->nnz_cap : 4096;
        int *ci;
        double *v;
        while (cap < p->nnz + n)
            cap *= 2;
        ci = ars__realloc(p->col_idx, sizeof(int) * cap);
        if (!ci)
            return b->rc = ARS_ENOMEM;
        p->col_idx = ci;
        v = ars__realloc(p->val, sizeof(double) * cap);
        if (!v)
            return b->rc = ARS_ENOMEM;
        p->val = v;
        b->nnz_cap = cap;
    }
    if (p->nnz + n > 0x7ffffff0u)
        return b->rc = ars_error_set(b->err, ARS_ELIMIT, "", "the program has too many non-zeros");
    p->row_start[p->nrows] = (int)p->nnz;
    for (i = 0; i < n; i++) {
        p->col_idx[p->nnz] = b->scratch[i].j;
        p->val[p->nnz] = b->scratch[i].v;
        p->nnz++;
    }
    p->nrows++;
    p->row_start[p->nrows] = (int)p->nnz;
    return ARS_OK;
}

/* Units of product p made in t that can still serve a purpose: every
 * requirement it meets, from t on, at its effect, and the largest reserve
 * from t on or the terminal stock if larger. Output beyond that only ends in stock that no goal
 * counts, at a cost >= 0, so an optimal plan never needs it. */
static double useful_output(const struct ars_model *m, int product, int t)
{
    double sum = 0, reserve = 0;
    int r, i, tt;
    for (r = 0; r < m->nrequirements; r++) {
        const ars__requirement *rq = &m->requirements[r];
        for (i = 0; i < rq->nmet_by; i++)
            if (rq->met_by[i].product == product)
                for (tt = t; tt < m->T; tt++)
                    sum += rq->demand[tt] / rq->met_by[i].effect;
    }
    if (m->stocks && m->stocks[product].reserve)
        for (tt = t; tt < m->T; tt++)
            if (m->stocks[product].reserve[tt] > reserve)
                reserve = m->stocks[product].reserve[tt];
    if (m->stocks && m->stocks[product].terminal > reserve)
        reserve = m->stocks[product].terminal;
    return sum + reserve;
}

/* Capacity at most usable by (l, k) in t, in product units: the big-M of
 * the licence gating rows (section 8.5). A capacity of 1e7 makes the gate
 * x <= U A weak: a review decision within GLPK's integrality tolerance
 * (1e-5) of 0 would open it for 100 units. Where the line has no ramp
 * (whose limit on the next period can make more output worth making now),
 * U is also cut to the output that can serve a purpose, which keeps at
 * least one optimal plan. Never below 1, so that the row keeps its
 * pattern when a what-if changes demand. */
static double gate_u(const struct ars_model *m, int l, int k, int t)
{
    const ars__line *ln = &m->lines[l];
    double extra = ln->has_expansion ? ln->expansion_max : 0;
    double U = ln->availability[t] * (ln->capacity[t] + extra) / ln->produces[k].rate;
    if (!ln->has_ramp) {
        double useful = useful_output(m, ln->produces[k].product, t);
        if (useful < 1)
            useful = 1;
        if (useful < U)
            U = useful;
    }
    return U;
}

/* Adds -coef * sum_{tau <= t - review_q} z[q,tau]. */
static void add_z_approval(builder *b, int q, int t, double coef)
{
    int tau, last = t - b->m->licences[q].review;
    for (tau = 0; tau <= last; tau++)
        add(b, ars__col_z(b->p, q, tau), -coef);
}

typedef struct lists {
    index_list lines_of_country;   /* key country -> lines */
    index_list produce_of_product; /* key product -> produce number (flat) */
    index_list drawdowns_of_product;
    index_list suppliers_of_component;
    index_list bom_of_component; /* key component -> flat bom number */
    index_list use_of_product;   /* key product -> flat met_by number */
    int *flat_line, *flat_k;     /* flat produce number -> (line, slot) */
    int *bom_line, *bom_k, *bom_j;
    int *use_r, *use_i;
} lists;

static void lists_free(lists *x)
{
    index_list_free(&x->lines_of_country);
    index_list_free(&x->produce_of_product);
    index_list_free(&x->drawdowns_of_product);
    index_list_free(&x->suppliers_of_component);
    index_list_free(&x->bom_of_component);
    index_list_free(&x->use_of_product);
    ars__free(x->flat_line);
    ars__free(x->flat_k);
    ars__free(x->bom_line);
    ars__free(x->bom_k);
    ars__free(x->bom_j);
    ars__free(x->use_r);
    ars__free(x->use_i);
}

static int lists_build(const struct ars_model *m, lists *x)
{
    int l, k, j, n = 0, nb = 0, nu = 0, r, i, *keys = NULL, *kb = NULL, *ku = NULL;
    int rc = ARS_ENOMEM, sz;
    memset(x, 0, sizeof *x);
    for (l = 0; l < m->nlines; l++) {
        n += m->lines[l].nproduces;
        for (k = 0; k < m->lines[l].nproduces; k++)
            nb += m->lines[l].produces[k].nbom;
    }
    for (r = 0; r < m->nrequirements; r++)
        nu += m->requirements[r].nmet_by;
    sz = (n > nb ? n : nb);
    sz = (sz > nu ? sz : nu);
    sz = sz > m->nlines ? sz : m->nlines;
    sz = sz > m->ndrawdowns ? sz : m->ndrawdowns;
    sz = sz > m->nsuppliers ? sz : m->nsuppliers;
    keys = ars__malloc(sizeof(int) * (size_t)(sz + 1));
    x->flat_line = ars__malloc(sizeof(int) * (size_t)(n + 1));
    x->flat_k = ars__malloc(sizeof(int) * (size_t)(n + 1));
    x->bom_line = ars__malloc(sizeof(int) * (size_t)(nb + 1));
    x->bom_k = ars__malloc(sizeof(int) * (size_t)(nb + 1));
    x->bom_j = ars__malloc(sizeof(int) * (size_t)(nb + 1));
    x->use_r = ars__malloc(sizeof(int) * (size_t)(nu + 1));
    x->use_i = ars__malloc(sizeof(int) * (size_t)(nu + 1));
    kb = ars__malloc(sizeof(int) * (size_t)(nb + 1));
    ku = ars__malloc(sizeof(int) * (size_t)(nu + 1));
    if (!keys || !x->flat_line || !x->flat_k || !x->bom_line || !x->bom_k || !x->bom_j ||
        !x->use_r || !x->use_i || !kb || !ku)
        goto out;
    for (l = 0; l < m->nlines; l++)
        keys[l] = m->lines[l].country;
    if (index_list_build(&x->lines_of_country, m->ncountries, keys, m->nlines))
        goto out;
    n = nb = 0;
    for (l = 0; l < m->nlines; l++)
        for (k = 0; k < m->lines[l].nproduces; k++) {
            const ars__produce *pr = &m->lines[l].produces[k];
            x->flat_line[n] = l;
            x->flat_k[n] = k;
            keys[n++] = pr->product;
            for (j = 0; j < pr->nbom; j++) {
                x->bom_line[nb] = l;
                x->bom_k[nb] = k;
                x->bom_j[nb] = j;
                kb[nb++] = pr->bom[j].component;
            }
        }
    if (index_list_build(&x->produce_of_product, m->nproducts, keys, n) ||
        index_list_build(&x->bom_of_component, m->ncomponents, kb, nb))
        goto out;
    for (i = 0; i < m->ndrawdowns; i++)
        keys[i] = m->drawdowns[i].product;
    if (index_list_build(&x->drawdowns_of_product, m->nproducts, keys, m->ndrawdowns))
        goto out;
    for (i = 0; i < m->nsuppliers; i++)
        keys[i] = m->suppliers[i].component;
    if (index_list_build(&x->suppliers_of_component, m->ncomponents, keys, m->nsuppliers))
        goto out;
    nu = 0;
    for (r = 0; r < m->nrequirements; r++)
        for (i = 0; i < m->requirements[r].nmet_by; i++) {
            x->use_r[nu] = r;
            x->use_i[nu] = i;
            ku[nu++] = m->requirements[r].met_by[i].product;
        }
    if (index_list_build(&x->use_of_product, m->nproducts, ku, nu))
        goto out;
    rc = ARS_OK;
out:
    ars__free(keys);
    ars__free(kb);
    ars__free(ku);
    return rc;
}

/* -spend[j,t] of payee j into the current row (section 6). */
static void add_spend(builder *b, const lists *ls, int payee, int t)
{
    const struct ars_model *m = b->m;
    ars__program *p = b->p;
    int L = m->nlines, S = m->nsuppliers, K = m->ndrawdowns, k, i;
    if (payee < L) {
        const ars__line *ln = &m->lines[payee];
        for (k = 0; k < ln->nproduces; k++)
            add(b, ars__col_x(p, payee, k, t), -ln->produces[k].cost[t]);
        if (ln->has_expansion)
            add(b, ars__col_e(p, payee, t), -ln->expansion_cost[t]);
    } else if (payee < L + S) {
        int s = payee - L;
        add(b, ars__col_b(p, s, t), -m->suppliers[s].cost[t]);
    } else if (payee < L + S + K) {
        int d = payee - L - S;
        add(b, ars__col_d(p, d, t), -m->drawdowns[d].cost[t]);
    } else {
        const ars__corridor *c = &m->corridors[payee - L - S - K];
        const index_list *lc = &ls->lines_of_country;
        for (i = lc->start[c->from]; i < lc->start[c->from + 1]; i++) {
            int l = lc->item[i];
            const ars__line *ln = &m->lines[l];
            for (k = 0; k < ln->nproduces; k++)
                add(b, ars__col_x(p, l, k, t),
                    -(c->cost ? c->cost[t] : 0) * m->products[ln->produces[k].product].mass);
        }
    }
}

static int build_rows(builder *b, const lists *ls)
{
    const struct ars_model *m = b->m;
    ars__program *p = b->p;
    int T = b->T, l, k, t, i, j, q, r, f, g, tau;
    const double inf = HUGE_VAL;

    p->cap_row = alloc_offsets(m->nlines);
    p->ramp_row = alloc_offsets(m->nlines);
    p->ecum_row = alloc_offsets(m->nlines);
    p->expmax_row = alloc_offsets(m->nlines);
    p->estep_row = alloc_offsets(m->nlines);
    p->gate_row = alloc_offsets(m->nlines);
    p->gatec_base = alloc_offsets(m->nlines);
    p->review_row = alloc_offsets(m->nlicences);
    p->terminal_row = alloc_offsets(m->nproducts);
    p->share_base = alloc_offsets(m->nrequirements);
    {
        int nu = 0;
        for (r = 0; r < m->nrequirements; r++) {
            p->share_base[r] = nu;
            nu += m->requirements[r].nmet_by;
        }
        p->share_row = alloc_offsets(nu);
    }
    if (!p->terminal_row || !p->share_base || !p->share_row)
        return ARS_ENOMEM;
    {
        int nb = 0;
        for (l = 0; l < m->nlines; l++)
            for (k = 0; k < m->lines[l].nproduces; k++)
                nb += m->lines[l].produces[k].nbom;
        p->gatec_row = alloc_offsets(nb);
    }
    if (!p->cap_row || !p->ramp_row || !p->ecum_row || !p->expmax_row || !p->estep_row ||
        !p->gate_row || !p->gatec_base || !p->review_row || !p->gatec_row)
        return ARS_ENOMEM;
    if (grow_rows(b))
        return ARS_ENOMEM;
    p->row_start[0] = 0;

    /* 1. Capacity; 3. expansion (cumulative capacity, max, steps); 2. ramp. */
    for (l = 0; l < m->nlines; l++) {
        const ars__line *ln = &m->lines[l];
        p->cap_row[l] = p->nrows;
        for (t = 0; t < T; t++) {
            begin_row(b, ARS_ROW_CAP, l, -1, -1, t, -inf, ln->availability[t] * ln->capacity[t]);
            for (k = 0; k < ln->nproduces; k++)
                add(b, ars__col_x(p, l, k, t), ln->produces[k].rate);
            if (ln->has_expansion)
                add(b, ars__col_ec(p, l, t), -ln->availability[t]);
            end_row(b);
        }
        if (ln->has_expansion) {
            p->ecum_row[l] = p->nrows;
            for (t = 0; t < T; t++) {
                begin_row(b, ARS_ROW_ECUM, l, -1, -1, t, 0, 0);
                add(b, ars__col_ec(p, l, t), 1);
                if (t > 0)
                    add(b, ars__col_ec(p, l, t - 1), -1);
                if (t - ln->expansion_lead >= 0)
                    add(b, ars__col_e(p, l, t - ln->expansion_lead), -1);
                end_row(b);
            }
            p->expmax_row[l] = p->nrows;
            begin_row(b, ARS_ROW_EXPMAX, l, -1, -1, -1, -inf, ln->expansion_max);
            for (t = 0; t < T; t++)
                add(b, ars__col_e(p, l, t), 1);
            end_row(b);
            if (ln->expansion_step > 0) {
                p->estep_row[l] = p->nrows;
                for (t = 0; t < T; t++) {
                    begin_row(b, ARS_ROW_ESTEP, l, -1, -1, t, 0, 0);
                    add(b, ars__col_e(p, l, t), 1);
                    add(b, ars__col_n(p, l, t), -ln->expansion_step);
                    end_row(b);
                }
            }
        }
        if (ln->has_ramp) {
            p->ramp_row[l] = p->nrows;
            for (t = 0; t < T; t++) {
                /* At t = 0 the previous output is output0 (data); without
                 * it the row stays in the program, free, so that adding
                 * output0 in a what-if only changes a bound. */
                double ub = t > 0             ? ln->ramp_floor
                            : ln->has_output0 ? (1 + ln->ramp) * ln->output0 + ln->ramp_floor
                                              : inf;
                begin_row(b, ARS_ROW_RAMP, l, -1, -1, t, -inf, ub);
                for (k = 0; k < ln->nproduces; k++) {
                    add(b, ars__col_x(p, l, k, t), ln->produces[k].rate);
                    if (t > 0)
                        add(b, ars__col_x(p, l, k, t - 1), -(1 + ln->ramp) * ln->produces[k].rate);
                }
                end_row(b);
            }
        }
    }
    if (b->rc)
        return b->rc;

    /* 4. Component pools. */
    p->comp_row = p->nrows;
    for (i = 0; i < m->ncomponents; i++) {
        const index_list *sl = &ls->suppliers_of_component, *bl = &ls->bom_of_component;
        for (t = 0; t < T; t++) {
            double rhs = t == 0 ? m->components[i].initial : 0;
            int a;
            begin_row(b, ARS_ROW_COMP, i, -1, -1, t, rhs, rhs);
            add(b, ars__col_cs(p, i, t), 1);
            if (t > 0)
                add(b, ars__col_cs(p, i, t - 1), -1);
            for (a = sl->start[i]; a < sl->start[i + 1]; a++) {
                int s = sl->item[a], tt = t - m->suppliers[s].lead;
                if (tt >= 0)
                    add(b, ars__col_b(p, s, tt), -1);
            }
            for (a = bl->start[i]; a < bl->start[i + 1]; a++) {
                int n = bl->item[a], bl_l = ls->bom_line[n], bl_k = ls->bom_k[n];
                add(b, ars__col_x(p, bl_l, bl_k, t),
                    m->lines[bl_l].produces[bl_k].bom[ls->bom_j[n]].qty);
            }
            end_row(b);
        }
    }

    /* 5. Licence gating through review decisions (gating by data is in the
     * bounds of x). */
    if (m->review_slots) {
        int nb = 0;
        for (l = 0; l < m->nlines; l++) {
            const ars__line *ln = &m->lines[l];
            p->gatec_base[l] = nb;
            if (ln->license >= 0 && has_z(m, ln->license)) {
                p->gate_row[l] = p->nrows;
                for (k = 0; k < ln->nproduces; k++)
                    for (t = 0; t < T; t++) {
                        double U = gate_u(m, l, k, t);
                        begin_row(b, ARS_ROW_GATE, l, k, -1, t, -inf, 0);
                        add(b, ars__col_x(p, l, k, t), 1);
                        add_z_approval(b, ln->license, t, U);
                        end_row(b);
                    }
            }
            for (k = 0; k < ln->nproduces; k++) {
                const ars__produce *pr = &ln->produces[k];
                for (j = 0; j < pr->nbom; j++, nb++) {
                    int comp = pr->bom[j].component, any_z = 0;
                    if (!comp_gated(m, l, comp))
                        continue;
                    for (q = 0; q < m->nlicences && !any_z; q++)
                        any_z = has_z(m, q) && ars__licence_covers(m, q, l, comp);
                    if (!any_z)
                        continue;
                    p->gatec_row[nb] = p->nrows;
                    for (t = 0; t < T; t++) {
                        double U = gate_u(m, l, k, t), open = 0;
                        for (q = 0; q < m->nlicences; q++)
                            if (!has_z(m, q) && ars__licence_covers(m, q, l, comp))
                                open += p->approved[(size_t)q * (size_t)T + (size_t)t];
                        begin_row(b, ARS_ROW_GATEC, l, k, j, t, -inf, U * open);
                        add(b, ars__col_x(p, l, k, t), 1);
                        for (q = 0; q < m->nlicences; q++)
                            if (has_z(m, q) && ars__licence_covers(m, q, l, comp))
                                add_z_approval(b, q, t, U);
                        end_row(b);
                    }
                }
            }
        }
        for (q = 0; q < m->nlicences; q++)
            if (has_z(m, q)) {
                p->review_row[q] = p->nrows;
                begin_row(b, ARS_ROW_REVIEW, q, -1, -1, -1, -inf, 1);
                for (t = 0; t < T; t++)
                    add(b, ars__col_z(p, q, t), 1);
                end_row(b);
            }
        p->slots_row = p->nrows;
        for (t = 0; t < T; t++) {
            begin_row(b, ARS_ROW_SLOTS, -1, -1, -1, t, -inf, m->review_slots[t]);
            for (q = 0; q < m->nlicences; q++) {
                if (!has_z(m, q))
                    continue;
                for (tau = t - m->licences[q].review + 1; tau <= t; tau++)
                    if (tau >= 0)
                        add(b, ars__col_z(p, q, tau), m->licences[q].slots);
            }
            end_row(b);
        }
    } else {
        int nb = 0;
        p->slots_row = -1;
        for (l = 0; l < m->nlines; l++) {
            p->gatec_base[l] = nb;
            for (k = 0; k < m->lines[l].nproduces; k++)
                nb += m->lines[l].produces[k].nbom;
        }
    }
    if (b->rc)
        return b->rc;

    /* 6. Workforce. */
    p->work_row = p->nrows;
    for (i = 0; i < m->nworkforce; i++) {
        const index_list *lc = &ls->lines_of_country;
        int c = m->workforce[i].country, a;
        for (t = 0; t < T; t++) {
            begin_row(b, ARS_ROW_WORK, i, -1, -1, t, -inf, m->workforce[i].available[t]);
            for (a = lc->start[c]; a < lc->start[c + 1]; a++) {
                const ars__line *ln = &m->lines[lc->item[a]];
                for (k = 0; k < ln->nproduces; k++)
                    add(b, ars__col_x(p, lc->item[a], k, t), ln->produces[k].labor);
            }
            end_row(b);
        }
    }

    /* 7. Corridors (load counted when it leaves). */
    p->corr_row = p->nrows;
    for (i = 0; i < m->ncorridors; i++) {
        const ars__corridor *c = &m->corridors[i];
        const index_list *lc = &ls->lines_of_country;
        int a;
        for (t = 0; t < T; t++) {
            begin_row(b, ARS_ROW_CORR, i, -1, -1, t, -inf, c->capacity ? c->capacity[t] : inf);
            for (a = lc->start[c->from]; a < lc->start[c->from + 1]; a++) {
                const ars__line *ln = &m->lines[lc->item[a]];
                for (k = 0; k < ln->nproduces; k++)
                    add(b, ars__col_x(p, lc->item[a], k, t),
                        m->products[ln->produces[k].product].mass);
            }
            end_row(b);
        }
    }

    /* 8. Theatre stock and reserve. */
    p->stock_row = p->nrows;
    for (i = 0; i < m->nproducts; i++) {
        const index_list *pl = &ls->produce_of_product, *dl = &ls->drawdowns_of_product,
                         *ul = &ls->use_of_product;
        for (t = 0; t < T; t++) {
            double rhs = t == 0 ? m->stocks[i].initial : 0;
            int a;
            begin_row(b, ARS_ROW_STOCK, i, -1, -1, t, rhs, rhs);
            add(b, ars__col_inv(p, i, t), 1);
            if (t > 0)
                add(b, ars__col_inv(p, i, t - 1), -1);
            for (a = pl->start[i]; a < pl->start[i + 1]; a++) {
                int n = pl->item[a], xl = ls->flat_line[n];
                int tt = t - ars__lead_to_theatre(m, m->lines[xl].country);
                if (tt >= 0)
                    add(b, ars__col_x(p, xl, ls->flat_k[n], tt), -1);
            }
            for (a = dl->start[i]; a < dl->start[i + 1]; a++) {
                int d = dl->item[a], tt = t - m->drawdowns[d].lead;
                if (tt >= 0)
                    add(b, ars__col_d(p, d, tt), -1);
            }
            for (a = ul->start[i]; a < ul->start[i + 1]; a++)
                add(b, ars__col_u(p, ls->use_r[ul->item[a]], ls->use_i[ul->item[a]], t), 1);
            end_row(b);
        }
    }
    p->reserve_row = p->nrows;
    for (i = 0; i < m->nproducts; i++)
        for (t = 0; t < T; t++) {
            const double *rv = m->stocks[i].reserve;
            begin_row(b, ARS_ROW_RESERVE, i, -1, -1, t, rv ? rv[t] : 0, inf);
            add(b, ars__col_inv(p, i, t), 1);
            add(b, ars__col_rs(p, i, t), 1);
            end_row(b);
        }
    /* 8 (1.1). Terminal stock: a soft goal on the stock after the last
     * period. */
    for (i = 0; i < m->nproducts; i++)
        if (has_terminal(m, i)) {
            p->terminal_row[i] = p->nrows;
            begin_row(b, ARS_ROW_TERMINAL, i, -1, -1, -1, m->stocks[i].terminal, inf);
            add(b, ars__col_inv(p, i, T - 1), 1);
            add(b, ars__col_tg(p, i), 1);
            end_row(b);
        }

    /* 9. Drawdown totals. */
    p->ddtotal_row = p->nrows;
    for (k = 0; k < m->ndrawdowns; k++) {
        begin_row(b, ARS_ROW_DDTOTAL, k, -1, -1, -1, -inf,
                  m->drawdowns[k].has_total ? m->drawdowns[k].total : inf);
        for (t = 0; t < T; t++)
            add(b, ars__col_d(p, k, t), 1);
        end_row(b);
    }

    /* 10. Requirements. */
    p->req_row = p->nrows;
    for (r = 0; r < m->nrequirements; r++) {
        const ars__requirement *rq = &m->requirements[r];
        for (t = 0; t < T; t++) {
            begin_row(b, ARS_ROW_REQ, r, -1, -1, t, rq->demand[t], rq->demand[t]);
            for (i = 0; i < rq->nmet_by; i++)
                add(b, ars__col_u(p, r, i, t), rq->met_by[i].effect);
            add(b, ars__col_sh(p, r, t), 1);
            end_row(b);
        }
    }
    /* 10 (1.1). Substitution caps: a product covers at most max_share of
     * the demand in each period. */
    for (r = 0; r < m->nrequirements; r++) {
        const ars__requirement *rq = &m->requirements[r];
        for (i = 0; i < rq->nmet_by; i++) {
            if (!has_share_cap(&rq->met_by[i]))
                continue;
            p->share_row[p->share_base[r] + i] = p->nrows;
            for (t = 0; t < T; t++) {
                begin_row(b, ARS_ROW_SHARE, r, i, -1, t, -inf,
                          rq->met_by[i].max_share * rq->demand[t]);
                add(b, ars__col_u(p, r, i, t), rq->met_by[i].effect);
                end_row(b);
            }
        }
    }

    /* 11. Money. */
    p->spend_row = p->fund_row = -1;
    if (m->nfunds > 0) {
        p->spend_row = p->nrows;
        for (g = 0; g < p->ngroups; g++) {
            const ars__payee_group *gr = &p->groups[g];
            for (t = 0; t < T; t++) {
                begin_row(b, ARS_ROW_SPEND, g, -1, -1, t, 0, 0);
                for (i = 0; i < gr->nfunds; i++)
                    add(b, ars__col_pay(p, gr->funds[i], g, t), 1);
                for (i = 0; i < gr->npayees; i++)
                    add_spend(b, ls, gr->payees[i], t);
                end_row(b);
            }
        }
        p->fund_row = p->nrows;
        for (f = 0; f < m->nfunds; f++)
            for (t = 0; t < T; t++) {
                begin_row(b, ARS_ROW_FUND, f, -1, -1, t, -inf, m->funds[f].amount[t]);
                for (g = 0; g < p->ngroups; g++)
                    if (ars__col_pay(p, f, g, t) >= 0)
                        add(b, ars__col_pay(p, f, g, t), 1);
                add(b, ars__col_bank(p, f, t), 1);
                if (t > 0)
                    add(b, ars__col_bank(p, f, t - 1), -1);
                end_row(b);
            }
    }

    /* The lexicographic bound on S (free until stage 2 sets it). */
    p->lex_row = p->nrows;
    begin_row(b, ARS_ROW_LEX, -1, -1, -1, -1, -inf, inf);
    for (j = 0; j < p->ncols; j++)
        if (p->col_tag[j].family == ARS_COL_SH || p->col_tag[j].family == ARS_COL_RS ||
            p->col_tag[j].family == ARS_COL_TG)
            add(b, j, p->obj_s[j]);
    end_row(b);
    return b->rc;
}

/* swing[l,t]: out[t] - out[t-1] - up[l,t] + down[l,t], after every other
 * row (see swing_layout). Free in the program: the smooth stage sets it to
 * = 0 (solve.c), so that in the stages before it the rows are basic and
 * change neither their bases nor their duals. */
static int build_swing_rows(builder *b)
{
    const struct ars_model *m = b->m;
    ars__program *p = b->p;
    int l, k, t;
    if (!p->up_off)
        return ARS_OK;
    if (!(p->swing_row = alloc_offsets(m->nlines)))
        return ARS_ENOMEM;
    for (l = 0; l < m->nlines; l++) {
        const ars__line *ln = &m->lines[l];
        if (p->up_off[l] < 0)
            continue;
        p->swing_row[l] = p->nrows;
        for (t = 1; t < b->T; t++) {
            begin_row(b, ARS_ROW_SWING, l, -1, -1, t, -HUGE_VAL, HUGE_VAL);
            for (k = 0; k < ln->nproduces; k++) {
                add(b, ars__col_x(p, l, k, t), ln->produces[k].rate);
                add(b, ars__col_x(p, l, k, t - 1), -ln->produces[k].rate);
            }
            add(b, ars__col_up(p, l, t), -1);
            add(b, ars__col_down(p, l, t), 1);
            end_row(b);
        }
    }
    return b->rc;
}

/* ---------------------------------------------------------- payee groups */

static int build_groups(const struct ars_model *m, ars__program *p)
{
    int J = ars__npayees(m), F = m->nfunds, j, f, g, *funds, nf;
    int *head = NULL, hsize = 1, h;
    if (F == 0)
        return ARS_OK;
    p->group_of_payee = ars__malloc(sizeof(int) * (size_t)(J > 0 ? J : 1));
    p->groups = ars__calloc((size_t)(J > 0 ? J : 1), sizeof(ars__payee_group));
    funds = ars__malloc(sizeof(int) * (size_t)F);
    while (hsize < 2 * J)
        hsize *= 2;
    head = ars__malloc(sizeof(int) * (size_t)hsize);
    if (!p->group_of_payee || !p->groups || !funds || !head) {
        ars__free(funds);
        ars__free(head);
        return ARS_ENOMEM;
    }
    for (h = 0; h < hsize; h++)
        head[h] = -1;
    for (j = 0; j < J; j++) {
        unsigned long hash = 2166136261u;
        nf = 0;
        for (f = 0; f < F; f++)
            if (ars__fund_may_pay(m, f, j)) {
                funds[nf++] = f;
                hash = (hash ^ (unsigned long)f) * 16777619u;
            }
        hash = (hash ^ (unsigned long)nf) * 16777619u;
        /* Open addressing on the fund set; groups are numbered in order of
         * their first payee, so the program is deterministic. */
        for (h = (int)(hash & (unsigned long)(hsize - 1));; h = (h + 1) & (hsize - 1)) {
            g = head[h];
            if (g < 0) {
                ars__payee_group *gr = &p->groups[p->ngroups];
                gr->funds = ars__malloc(sizeof(int) * (size_t)(nf > 0 ? nf : 1));
                gr->payees = ars__malloc(sizeof(int) * (size_t)(J));
                if (!gr->funds || !gr->payees) {
                    ars__free(gr->funds);
                    ars__free(gr->payees);
                    gr->funds = gr->payees = NULL;
                    ars__free(funds);
                    ars__free(head);
                    return ARS_ENOMEM;
                }
                memcpy(gr->funds, funds, sizeof(int) * (size_t)nf);
                gr->nfunds = nf;
                g = head[h] = p->ngroups++;
                break;
            }
            if (p->groups[g].nfunds == nf &&
                (nf == 0 || memcmp(p->groups[g].funds, funds, sizeof(int) * (size_t)nf) == 0))
                break;
        }
        p->groups[g].payees[p->groups[g].npayees++] = j;
        p->group_of_payee[j] = g;
    }
    ars__free(funds);
    ars__free(head);
    return ARS_OK;
}

/* ----------------------------------------------------------------- main */

int ars__formulate(const struct ars_model *m, ars__program **out, ars_error *err)
{
    builder b;
    lists ls;
    ars__program *p;
    double t0 = ars__now();
    int rc, t;

    *out = NULL;
    memset(&b, 0, sizeof b);
    memset(&ls, 0, sizeof ls);
    b.m = m;
    b.err = err;
    b.T = m ? m->T : 0;
    if (!m)
        return ars_error_set(err, ARS_EINVALID, "", "no model");
    rc = check_model(&b);
    if (rc)
        return rc;
    p = ars__calloc(1, sizeof *p);
    if (!p)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory building the program");
    atomic_init(&p->refs, 1);
    p->model = m;
    p->T = m->T;
    b.p = p;
    b.disc = ars__malloc(sizeof(double) * (size_t)m->T);
    p->approved = ars__calloc((size_t)(m->nlicences > 0 ? m->nlicences : 1) * (size_t)m->T, 1);
    rc = ARS_ENOMEM;
    if (!b.disc || !p->approved)
        goto fail;
    for (t = 0; t < m->T; t++)
        b.disc[t] = pow(1 + m->objective.discount, -(double)t);
    fill_approved(m, p->approved);
    if ((rc = build_groups(m, p)) != ARS_OK)
        goto fail;
    if ((rc = lists_build(m, &ls)) != ARS_OK)
        goto fail;
    if ((rc = build_columns(&b)) != ARS_OK)
        goto fail;
    if ((rc = build_rows(&b, &ls)) != ARS_OK || (rc = build_swing_rows(&b)) != ARS_OK)
        goto fail;
    lists_free(&ls);
    ars__free(b.scratch);
    ars__free(b.disc);
    p->build_ms = (ars__now() - t0) * 1000.0;
    *out = p;
    return ARS_OK;
fail:
    lists_free(&ls);
    ars__free(b.scratch);
    ars__free(b.disc);
    ars__program_unref(p);
    if (rc == ARS_ENOMEM)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory building the program");
    return rc;
}

/* Recomputes, from the model, every bound that depends on licence approval
 * (x upper bounds, the right-hand sides of gate and gatec rows, z bounds),
 * with q approved by data from `from` on. q keeps its z columns, fixed at
 * 0, so that it occupies no review slot and the structure is unchanged. */
int ars__program_licence_bounds(const ars__program *p, int q, int from, double *col_lb,
                                double *col_ub, double *row_lb, double *row_ub)
{
    const struct ars_model *m = p->model;
    int T = m->T, t, j, i, qq;
    size_t n = (size_t)(m->nlicences > 0 ? m->nlicences : 1) * (size_t)T;
    unsigned char *ap = ars__malloc(n);
    if (!ap)
        return ARS_ENOMEM;
    memcpy(ap, p->approved, n);
    for (t = 0; t < T; t++)
        ap[(size_t)q * (size_t)T + (size_t)t] = (unsigned char)(t >= from);
    memcpy(col_lb, p->col_lb, sizeof(double) * (size_t)p->ncols);
    memcpy(col_ub, p->col_ub, sizeof(double) * (size_t)p->ncols);
    memcpy(row_lb, p->row_lb, sizeof(double) * (size_t)p->nrows);
    memcpy(row_ub, p->row_ub, sizeof(double) * (size_t)p->nrows);
    for (j = 0; j < p->ncols; j++) {
        const ars__tag *g = &p->col_tag[j];
        if (g->family == ARS_COL_X)
            col_ub[j] = x_upper_with(p, ap, q, g->a, g->b, g->t);
        else if (g->family == ARS_COL_Z && g->a == q)
            col_lb[j] = col_ub[j] = 0;
    }
    for (i = 0; i < p->nrows; i++) {
        const ars__tag *g = &p->row_tag[i];
        if (g->family == ARS_ROW_GATE && m->lines[g->a].license == q) {
            /* x - U sum z <= 0 with z = 0: approval by data lifts it to
             * x <= U, which capacity already implies. */
            row_ub[i] = ap[(size_t)q * (size_t)T + (size_t)g->t] ? gate_u(m, g->a, g->b, g->t) : 0;
        } else if (g->family == ARS_ROW_GATEC) {
            int comp = m->lines[g->a].produces[g->b].bom[g->c].component;
            double open = 0;
            for (qq = 0; qq < m->nlicences; qq++)
                if (!decided_by_z(m, qq, q) && ars__licence_covers(m, qq, g->a, comp))
                    open += ap[(size_t)qq * (size_t)T + (size_t)g->t];
            row_ub[i] = gate_u(m, g->a, g->b, g->t) * open;
        }
    }
    ars__free(ap);
    return ARS_OK;
}
