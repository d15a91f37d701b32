/* explain.c - shadow prices and bottlenecks (explain.h).
 *
 * Sign convention: GLPK's dual of a row is d(objective)/d(bound) of a
 * minimisation, so a binding "<= resource" row has a dual <= 0. We report
 * its negative: the amount by which the stage's objective falls per extra
 * unit of the resource (positive = more of it helps). Limits carried by
 * column upper bounds (supplier capacity, drawdown availability, stock
 * capacity) are priced by the column's reduced cost in the same way, and
 * only while the column sits at that bound; a fixed column whose reduced
 * cost says that a higher bound would not help is priced 0.
 *
 * Stage 0 of a lexicographic solve minimises S, stage 1 minimises C with S
 * held, so dual[0] gives "shortfall_value" and dual[1] "cost_value"; a
 * weighted solve has one stage and reports "weighted_value". */
#include "lp/explain.h"

#include "lp/ranging.h"

#include "util/numfmt.h"
#include "util/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
    K_CAP,
    K_COMP,
    K_SUPPLIER,
    K_WORK,
    K_CORR,
    K_FUND,
    K_STOCK,
    K_SLOTS,
    K_DDTOTAL,
    K_DRAW,
    K_SHARE,    /* a substitution cap: thing = flat met_by number (share_base) */
    K_TERMINAL, /* a terminal stock goal: thing = product */
    K_COUNT
};

/* Per kind: JSON kind, id prefix, the key naming the thing. */
static const struct {
    const char *kind, *prefix, *key;
} kinds[K_COUNT] = {
    {"line_capacity", "cap", "line"},
    {"component_pool", "comp", "component"},
    {"supplier_capacity", "supplier", "supplier"},
    {"workforce", "work", "country"},
    {"corridor", "corr", "corridor"},
    {"fund", "fund", "fund"},
    {"stock_capacity", "stock", "product"},
    {"review_slots", "slots", NULL},
    {"drawdown_total", "ddtotal", "drawdown"},
    {"drawdown_availability", "draw", "drawdown"},
    {"substitution_cap", "share", "requirement"},
    {"terminal_stock", "terminal", "product"},
};

/* Below this a dual is solver noise, not a binding resource. */
#define EPS 1e-9

typedef struct price {
    int kind, thing, t; /* t = -1 for a whole-horizon limit */
    int row, col;       /* the row or the column priced (-1 for the other) */
    double v[2];        /* value per unit in stage 0 and 1 */
    int degenerate;     /* another optimal basis may price it differently */
} price;

typedef struct plist {
    price *a;
    int n, cap;
} plist;

static int lex(const struct ars_result *r)
{
    return r->mode != ARS_OBJ_WEIGHTED;
}

static int push(plist *l, int kind, int thing, int t, int row, int col, const double v[2])
{
    if (fabs(v[0]) <= EPS && fabs(v[1]) <= EPS)
        return 0;
    if (l->n == l->cap) {
        int nc = l->cap ? 2 * l->cap : 64;
        price *na = ars__realloc(l->a, sizeof *na * (size_t)nc);
        if (!na)
            return -1;
        l->a = na;
        l->cap = nc;
    }
    l->a[l->n].kind = kind;
    l->a[l->n].thing = thing;
    l->a[l->n].t = t;
    l->a[l->n].row = row;
    l->a[l->n].col = col;
    l->a[l->n].v[0] = v[0];
    l->a[l->n].v[1] = v[1];
    l->a[l->n].degenerate = 0;
    l->n++;
    return 0;
}

/* scale: units of the row's right-hand side per unit of the model's
 * parameter (a line's capacity row counts availability x capacity, and
 * "one more unit of capacity" means one more of the parameter). */
static int add_row_scaled(const struct ars_result *r, plist *l, int kind, int thing, int t, int row,
                          double scale)
{
    double v[2] = {0, 0};
    int s;
    if (row < 0)
        return 0;
    for (s = 0; s < r->nstages && s < 2; s++)
        if (r->dual[s] && fabs(r->dual[s][row]) > ARS__DUAL_TOL)
            v[s] = -r->dual[s][row] * scale;
    return push(l, kind, thing, t, row, -1, v);
}

static int add_row(const struct ars_result *r, plist *l, int kind, int thing, int t, int row)
{
    return add_row_scaled(r, l, kind, thing, t, row, 1);
}

/* A limit carried by column j's upper bound. At a stage's optimum a column
 * whose reduced cost is negative sits at its upper bound (complementary
 * slackness), so the sign alone says the bound binds; the final plan's
 * value is not used because stage 1 may move it by the lexicographic
 * tolerance. */
static int add_col(const struct ars_result *r, plist *l, int kind, int thing, int t, int j)
{
    const ars__program *p = r->prog;
    double v[2] = {0, 0};
    int s;
    if (j < 0 || !isfinite(p->col_ub[j]))
        return 0;
    for (s = 0; s < r->nstages && s < 2; s++)
        if (r->redcost[s] && -r->redcost[s][j] > ARS__DUAL_TOL)
            v[s] = -r->redcost[s][j];
    return push(l, kind, thing, t, -1, j, v);
}

static int is_degenerate(const struct ars_result *r, const price *c);

/* Requirement and met_by slot of a flat met_by number (the thing of a
 * substitution cap). */
static void share_entry(const struct ars_model *m, int flat, int *req, int *slot)
{
    int r = 0;
    while (r + 1 < m->nrequirements && flat >= m->requirements[r].nmet_by) {
        flat -= m->requirements[r].nmet_by;
        r++;
    }
    *req = r;
    *slot = flat;
}

/* All non-zero prices, ordered by kind, thing, period. */
static int collect(const struct ars_result *r, plist *l)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int T = m->T, i, t, rc = 0;
    memset(l, 0, sizeof *l);
    if (!r->has_solution || r->nstages < 1 || !r->dual[0] || !r->redcost[0])
        return 0;
    for (i = 0; i < m->nlines; i++)
        for (t = 0; t < T; t++)
            rc |= add_row_scaled(r, l, K_CAP, i, t, ars__row_cap(p, i, t),
                                 m->lines[i].availability[t]);
    for (i = 0; i < m->ncomponents; i++)
        for (t = 0; t < T; t++)
            rc |= add_row(r, l, K_COMP, i, t, ars__row_comp(p, i, t));
    for (i = 0; i < m->nsuppliers; i++)
        for (t = 0; t < T; t++)
            rc |= add_col(r, l, K_SUPPLIER, i, t, ars__col_b(p, i, t));
    for (i = 0; i < m->nworkforce; i++)
        for (t = 0; t < T; t++)
            rc |= add_row(r, l, K_WORK, i, t, ars__row_work(p, i, t));
    for (i = 0; i < m->ncorridors; i++)
        for (t = 0; t < T; t++)
            rc |= add_row(r, l, K_CORR, i, t, ars__row_corr(p, i, t));
    for (i = 0; i < m->nfunds; i++)
        for (t = 0; t < T; t++)
            rc |= add_row(r, l, K_FUND, i, t, ars__row_fund(p, i, t));
    for (i = 0; i < m->nproducts; i++)
        if (m->stocks && m->stocks[i].capacity)
            for (t = 0; t < T; t++)
                rc |= add_col(r, l, K_STOCK, i, t, ars__col_inv(p, i, t));
    /* A slots row holds only the binary review starts z. With the integers
     * fixed (MIP duals) its dual is an artefact of the basis: more slots
     * cannot move a fixed z, so it is left out rather than reported. */
    if (m->review_slots && !r->duals_fixed)
        for (t = 0; t < T; t++)
            rc |= add_row(r, l, K_SLOTS, -1, t, ars__row_slots(p, t));
    for (i = 0; i < m->ndrawdowns; i++)
        rc |= add_row(r, l, K_DDTOTAL, i, -1, ars__row_ddtotal(p, i));
    for (i = 0; i < m->ndrawdowns; i++)
        for (t = 0; t < T; t++)
            rc |= add_col(r, l, K_DRAW, i, t, ars__col_d(p, i, t));
    /* A substitution cap is priced per percent of share: its right-hand
     * side is max_share x demand, so one percent more is demand / 100 more
     * units of it. */
    for (i = 0; i < m->nrequirements; i++) {
        int k;
        for (k = 0; k < m->requirements[i].nmet_by; k++)
            for (t = 0; t < T; t++)
                rc |=
                    add_row_scaled(r, l, K_SHARE, p->share_base[i] + k, t,
                                   ars__row_share(p, i, k, t), m->requirements[i].demand[t] / 100);
    }
    /* A terminal goal is priced as one more unit of stock left after the
     * last period (one unit less of the goal to make up): the negative of
     * the price of raising the goal. */
    for (i = 0; i < m->nproducts; i++)
        rc |= add_row_scaled(r, l, K_TERMINAL, i, -1, ars__row_terminal(p, i), -1);
    for (i = 0; i < l->n; i++)
        l->a[i].degenerate = is_degenerate(r, &l->a[i]);
    return rc ? -1 : 0;
}

static int price_range(const struct ars_result *r, const price *c, int s, double out[2]);
static int price_param(const struct ars_result *r, const price *c, char *path, size_t len,
                       double *current, double *scale);

/* Every column of the row at 0 in the plan. */
static int row_idle(const struct ars_result *r, int row)
{
    const ars__program *p = r->prog;
    int k;
    for (k = p->row_start[row]; k < p->row_start[row + 1]; k++)
        if (fabs(r->x[p->col_idx[k]]) > EPS)
            return 0;
    return 1;
}

static int same_number(double a, double b)
{
    return fabs(a - b) <= EPS * fmax(1, fabs(b));
}

/* A price is degenerate when it is not unique: the plan sits at a corner
 * where several optimal bases meet, each pricing the resource differently,
 * and which price GLPK returns depends on where the simplex started (a warm
 * what-if and a cold solve disagree). With ranging, the leading stage's
 * prices are tested exactly (ranging.c): unique when the optimum's
 * derivatives below and above the current amount agree, whatever basis the
 * solve ended in, so warm and cold agree on the flag. A price the test did
 * not reach (a cost-only price of the cost stage, or no ranging) falls
 * back on two signs of degeneracy seen from the basis at hand: the limit
 * is 0 and nothing runs through it (a line whose licence is denied, its
 * capacity row at 0 = 0), and an interval that is empty on one side, the
 * price holding only for a move the other way. */
static int is_degenerate(const struct ars_result *r, const price *c)
{
    const ars__program *p = r->prog;
    double iv[2], cur, scale;
    char path[256];
    int s, k = c->row >= 0 ? c->row : p->nrows + c->col;
    int judge = fabs(c->v[0]) > EPS ? 0 : 1; /* the stage whose price this is */
    if (r->unique[judge] && r->unique[judge][k] >= 0)
        return !r->unique[judge][k];
    /* Ranging was asked for and failed: nothing shows the price unique. */
    if (r->ranging_failed[judge])
        return 1;
    if (r->x && c->row >= 0) {
        double b = isfinite(p->row_ub[c->row]) ? p->row_ub[c->row] : p->row_lb[c->row];
        if (fabs(b) <= EPS && row_idle(r, c->row))
            return 1;
    } else if (r->x && c->col >= 0 && fabs(p->col_ub[c->col]) <= EPS && fabs(r->x[c->col]) <= EPS)
        return 1;
    /* The interval as GLPK gives it, before price_range reads a negative
     * lower end as 0: the price may well hold down to 0. */
    /* The cost stage holds S at its optimum, so for a resource with a
     * shortfall price its cost range ends at the current amount by
     * construction (less of it would raise S*): only the leading stage's
     * range says something about the basis. */
    for (s = 0; s < r->nstages && s < 2; s++)
        if (fabs(c->v[s]) > EPS && (s == 0 || fabs(c->v[0]) <= EPS) && price_range(r, c, s, iv) &&
            price_param(r, c, path, sizeof path, &cur, &scale)) {
            if (same_number(r->bound_lo[s][k] / scale, cur) ||
                same_number(r->bound_hi[s][k] / scale, cur))
                return 1;
        }
    return 0;
}

static const char *thing_id(const struct ars_model *m, int kind, int i)
{
    switch (kind) {
    case K_CAP:
        return m->lines[i].id;
    case K_COMP:
        return m->components[i].id;
    case K_SUPPLIER:
        return m->suppliers[i].id;
    case K_WORK:
        return m->countries[m->workforce[i].country].id;
    case K_CORR:
        return m->corridors[i].id;
    case K_FUND:
        return m->funds[i].id;
    case K_STOCK:
        return m->products[i].id;
    case K_DDTOTAL:
    case K_DRAW:
        return m->drawdowns[i].id;
    case K_SHARE: {
        int req, slot;
        share_entry(m, i, &req, &slot);
        return m->requirements[req].id;
    }
    case K_TERMINAL:
        return m->products[i].id;
    default:
        return NULL;
    }
}

/* The product of a substitution cap (it is named by requirement and
 * product); NULL for other kinds. */
static const char *share_product(const struct ars_model *m, int kind, int i)
{
    int req, slot;
    if (kind != K_SHARE)
        return NULL;
    share_entry(m, i, &req, &slot);
    return m->products[m->requirements[req].met_by[slot].product].id;
}

/* Adds "product" to a substitution cap's entry; 1, or 0 out of memory. */
static int add_share_product(const struct ars_model *m, cJSON *o, int kind, int i)
{
    const char *prod = share_product(m, kind, i);
    return !prod || cJSON_AddStringToObject(o, "product", prod) != NULL;
}

/* What one unit of the resource is, per period where it has periods. */
static void unit_text(const struct ars_model *m, int kind, int i, char *buf, size_t len)
{
    switch (kind) {
    case K_CAP:
        snprintf(buf, len, "capacity unit per period at line %s", m->lines[i].id);
        break;
    case K_COMP:
        snprintf(buf, len, "unit of component %s available per period", m->components[i].id);
        break;
    case K_SUPPLIER:
        snprintf(buf, len, "unit of %s per period from supplier %s",
                 m->components[m->suppliers[i].component].id, m->suppliers[i].id);
        break;
    case K_WORK:
        snprintf(buf, len, "worker-period per period in %s",
                 m->countries[m->workforce[i].country].id);
        break;
    case K_CORR:
        snprintf(buf, len, "tonne per period on corridor %s", m->corridors[i].id);
        break;
    case K_FUND:
        snprintf(buf, len, "%s per period in fund %s", m->currency ? m->currency : "money unit",
                 m->funds[i].id);
        break;
    case K_STOCK:
        snprintf(buf, len, "unit of %s theatre storage per period", m->products[i].id);
        break;
    case K_SLOTS:
        snprintf(buf, len, "licence review slot per period");
        break;
    case K_DDTOTAL:
        snprintf(buf, len, "unit of %s in the total of drawdown %s",
                 m->products[m->drawdowns[i].product].id, m->drawdowns[i].id);
        break;
    case K_SHARE:
        snprintf(buf, len, "percent of %s's demand that %s may cover per period",
                 thing_id(m, kind, i), share_product(m, kind, i));
        break;
    case K_TERMINAL:
        snprintf(buf, len, "unit of %s left in theatre stock after the last period",
                 m->products[i].id);
        break;
    default:
        snprintf(buf, len, "unit of %s available per period from drawdown %s",
                 m->products[m->drawdowns[i].product].id, m->drawdowns[i].id);
        break;
    }
}

/* A bottleneck: consecutive periods of one resource with a non-zero price.
 * Its values are sums over those periods: the effect of one more unit in
 * every period of the run (for a whole-horizon limit, of one more unit). */
typedef struct group {
    int kind, thing, from, to, first; /* first: first run of this resource */
    double v[2];
} group;

static int group_cmp(const void *a, const void *b)
{
    const group *x = a, *y = b;
    int i;
    for (i = 0; i < 2; i++) {
        if (x->v[i] > y->v[i] + EPS)
            return -1;
        if (x->v[i] < y->v[i] - EPS)
            return 1;
    }
    /* Stable for equal values: model order. */
    if (x->kind != y->kind)
        return x->kind - y->kind;
    if (x->thing != y->thing)
        return x->thing - y->thing;
    return x->from - y->from;
}

/* Groups of the prices whose degenerate flag is `degenerate`. */
static int make_groups(const plist *l, int degenerate, group **out, int *n)
{
    group *g = ars__malloc(sizeof *g * (size_t)(l->n > 0 ? l->n : 1));
    int i, k = 0;
    *out = NULL;
    *n = 0;
    if (!g)
        return -1;
    for (i = 0; i < l->n; i++) {
        const price *c = &l->a[i];
        group *last = k > 0 ? &g[k - 1] : NULL;
        if (c->degenerate != degenerate)
            continue;
        if (last && last->kind == c->kind && last->thing == c->thing && c->t >= 0 &&
            last->to == c->t - 1) {
            last->to = c->t;
            last->v[0] += c->v[0];
            last->v[1] += c->v[1];
            continue;
        }
        g[k].kind = c->kind;
        g[k].thing = c->thing;
        g[k].from = g[k].to = c->t;
        g[k].first = !(last && last->kind == c->kind && last->thing == c->thing);
        g[k].v[0] = c->v[0];
        g[k].v[1] = c->v[1];
        k++;
    }
    qsort(g, (size_t)k, sizeof *g, group_cmp);
    *out = g;
    *n = k;
    return 0;
}

static void group_id(const struct ars_model *m, const group *g, char *buf, size_t len)
{
    const char *id = thing_id(m, g->kind, g->thing), *prod = share_product(m, g->kind, g->thing);
    int w = snprintf(buf, len, "%s%s%s%s%s", kinds[g->kind].prefix, id ? ":" : "", id ? id : "",
                     prod ? ":" : "", prod ? prod : "");
    /* A resource binding in two separate runs gets the later run's first
     * period in the id, so ids stay unique and the first run keeps the
     * plain id that what-if matches across variants. */
    if (!g->first && g->from >= 0 && w >= 0 && (size_t)w < len)
        snprintf(buf + w, len - (size_t)w, "@%s", m->periods[g->from]);
}

/* " in P", " from A to B", or nothing for a whole-horizon limit. */
static void span_text(const struct ars_model *m, const group *g, char *span, size_t len)
{
    if (g->from < 0)
        span[0] = '\0';
    else if (g->from == g->to)
        snprintf(span, len, " in %s", m->periods[g->from]);
    else
        snprintf(span, len, " from %s to %s", m->periods[g->from], m->periods[g->to]);
}

/* A substitution cap's shortfall value in the requirement's own units
 * (S counts `priority` per unit short): " (N units of R)", else "". */
static const char *share_units(const struct ars_result *r, const group *g)
{
    static _Thread_local char out[160];
    const struct ars_model *m = r->model;
    char v[64];
    int req, slot;
    if (g->kind != K_SHARE)
        return "";
    share_entry(m, g->thing, &req, &slot);
    ars__fmt_sig(v, sizeof v, ars__explain_tidy(g->v[0] / m->requirements[req].priority), 4);
    snprintf(out, sizeof out, " (%s units of %s)", v, m->requirements[req].id);
    return out;
}

static void group_text(const struct ars_result *r, const group *g, char *buf, size_t len)
{
    const struct ars_model *m = r->model;
    char unit[256], v0[64], v1[64], span[128];
    unit_text(m, g->kind, g->thing, unit, sizeof unit);
    ars__fmt_sig(v0, sizeof v0, ars__explain_tidy(g->v[0]), 4);
    ars__fmt_sig(v1, sizeof v1, ars__explain_tidy(g->v[1]), 4);
    span_text(m, g, span, sizeof span);
    if (!lex(r))
        snprintf(buf, len, "one more %s%s lowers the weighted objective by %s", unit, span, v0);
    else if (fabs(g->v[0]) > EPS) {
        char cost[96] = "", c1[64];
        if (fabs(g->v[1]) > EPS) {
            ars__fmt_sig(c1, sizeof c1, fabs(ars__explain_tidy(g->v[1])), 4);
            snprintf(cost, sizeof cost, " and %s cost by %s", g->v[1] > 0 ? "lowers" : "raises",
                     c1);
        }
        /* Long ids may cut the sentence; it stays a valid string. */
        if (snprintf(buf, len, "one more %s%s removes %s units of weighted shortfall%s%s", unit,
                     span, v0, share_units(r, g), cost) < 0)
            buf[0] = '\0';
    } else
        snprintf(buf, len, "one more %s%s lowers cost by %s at the same shortfall", unit, span, v1);
}

/* Adds the value fields shared by prices and bottlenecks. */
static int add_values(const struct ars_result *r, cJSON *o, const double v[2])
{
    if (lex(r))
        return cJSON_AddItemToObject(o, "shortfall_value", ars__explain_number(v[0])) &&
               cJSON_AddItemToObject(o, "cost_value",
                                     r->nstages > 1 ? ars__explain_number(v[1])
                                                    : cJSON_CreateNull());
    return cJSON_AddItemToObject(o, "weighted_value", ars__explain_number(v[0]));
}

static const char *duals_from(const struct ars_result *r)
{
    if (!r->has_solution || r->nstages < 1 || !r->dual[0])
        return "none";
    return r->duals_fixed ? "lp_with_integers_fixed" : "lp";
}

/* The model parameter a price's row right-hand side or column bound is:
 * bound = scale * parameter. path gets "" where no single parameter is
 * (a component pool after the first period: the bound is extra units in
 * that period, current 0). 0 when the bound does not map to one. */
static int price_param(const struct ars_result *r, const price *c, char *path, size_t len,
                       double *current, double *scale)
{
    const struct ars_model *m = r->model;
    const char *per = c->t >= 0 ? m->periods[c->t] : "";
    *scale = 1;
    path[0] = '\0';
    switch (c->kind) {
    case K_CAP:
        *scale = m->lines[c->thing].availability[c->t];
        *current = m->lines[c->thing].capacity[c->t];
        snprintf(path, len, "lines.%s.capacity@%s", m->lines[c->thing].id, per);
        return *scale > 0;
    case K_COMP:
        *current = c->t == 0 ? m->components[c->thing].initial : 0;
        if (c->t == 0)
            snprintf(path, len, "components.%s.initial", m->components[c->thing].id);
        return 1;
    case K_SUPPLIER:
        *current = m->suppliers[c->thing].capacity[c->t];
        snprintf(path, len, "suppliers.%s.capacity@%s", m->suppliers[c->thing].id, per);
        return 1;
    case K_WORK:
        *current = m->workforce[c->thing].available[c->t];
        snprintf(path, len, "workforce.%s.available@%s",
                 m->countries[m->workforce[c->thing].country].id, per);
        return 1;
    case K_CORR:
        if (!m->corridors[c->thing].capacity)
            return 0;
        *current = m->corridors[c->thing].capacity[c->t];
        snprintf(path, len, "corridors.%s.capacity@%s", m->corridors[c->thing].id, per);
        return 1;
    case K_FUND:
        *current = m->funds[c->thing].amount[c->t];
        snprintf(path, len, "funds.%s.amount@%s", m->funds[c->thing].id, per);
        return 1;
    case K_STOCK:
        if (!m->stocks[c->thing].capacity)
            return 0;
        *current = m->stocks[c->thing].capacity[c->t];
        snprintf(path, len, "stocks.%s.capacity@%s", m->products[c->thing].id, per);
        return 1;
    case K_SLOTS:
        *current = m->review_slots[c->t];
        snprintf(path, len, "licensing.review_slots@%s", per);
        return 1;
    case K_DDTOTAL:
        *current = m->drawdowns[c->thing].total;
        snprintf(path, len, "drawdowns.%s.total", m->drawdowns[c->thing].id);
        return m->drawdowns[c->thing].has_total;
    case K_SHARE: {
        /* The range is of max_share itself (a fraction), as the path names
         * it; the price is per percent of it. */
        int req, slot;
        share_entry(m, c->thing, &req, &slot);
        *scale = m->requirements[req].demand[c->t];
        *current = m->requirements[req].met_by[slot].max_share;
        snprintf(path, len, "requirements.%s.met_by.%s.max_share", m->requirements[req].id,
                 share_product(m, c->kind, c->thing));
        return *scale > 0;
    }
    case K_TERMINAL:
        *current = m->stocks[c->thing].terminal;
        snprintf(path, len, "stocks.%s.terminal", m->products[c->thing].id);
        return 1;
    default:
        *current = m->drawdowns[c->thing].available[c->t];
        snprintf(path, len, "drawdowns.%s.available@%s", m->drawdowns[c->thing].id, per);
        return 1;
    }
}

/* Interval of the parameter over which stage s's price of c holds; 0 when
 * not computed. Amounts cannot go below 0, so a lower end below it reads
 * 0; an extra amount (no parameter) is left as it is. */
static int price_range(const struct ars_result *r, const price *c, int s, double out[2])
{
    const ars__program *p = r->prog;
    char path[256];
    double cur, scale;
    int k = c->row >= 0 ? c->row : p->nrows + c->col;
    if (s >= r->nstages || !r->bound_lo[s] || isnan(r->bound_lo[s][k]) ||
        !price_param(r, c, path, sizeof path, &cur, &scale))
        return 0;
    out[0] = r->bound_lo[s][k] / scale;
    out[1] = r->bound_hi[s][k] / scale;
    if (path[0] && out[0] < 0)
        out[0] = 0;
    return 1;
}

static cJSON *interval_json(const double v[2])
{
    cJSON *o = cJSON_CreateObject();
    if (o && (!cJSON_AddItemToObject(o, "from", ars__explain_number(v[0])) ||
              !cJSON_AddItemToObject(o, "to", ars__explain_number(v[1])))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* "ranges": {"parameter", "current", "shortfall"|"weighted": {from, to} |
 * null, "cost": ... } on a price entry, when ranging ran. */
static int add_ranges(const struct ars_result *r, cJSON *o, const price *c)
{
    char path[256];
    double cur, scale, v[2];
    cJSON *g;
    int s;
    if (!r->bound_lo[0] && !r->bound_lo[1])
        return 1;
    if (!price_param(r, c, path, sizeof path, &cur, &scale))
        return cJSON_AddNullToObject(o, "ranges") != NULL;
    if (!(g = cJSON_AddObjectToObject(o, "ranges")) ||
        !cJSON_AddItemToObject(g, "parameter",
                               path[0] ? cJSON_CreateString(path) : cJSON_CreateNull()) ||
        !cJSON_AddItemToObject(g, "current", ars__explain_number(cur)))
        return 0;
    for (s = 0; s < (lex(r) ? 2 : 1); s++) {
        const char *key = !lex(r) ? "weighted" : s == 0 ? "shortfall" : "cost";
        if (!cJSON_AddItemToObject(g, key,
                                   fabs(c->v[s]) > EPS && price_range(r, c, s, v)
                                       ? interval_json(v)
                                       : cJSON_CreateNull()))
            return 0;
    }
    return 1;
}

static double money_per_unit(const struct ars_model *m, const group *g);
static int kind_cmp(const void *a, const void *b);

/* Ids of the groups that can be bought, by value per unit of money, the
 * one ranking across kinds that compares like with like. Returns their
 * number; *out (caller frees) holds pointers into g. -1 out of memory. */
static int by_money(const struct ars_model *m, group *g, int n, group ***out)
{
    group **v = ars__malloc(sizeof *v * (size_t)(n > 0 ? n : 1));
    int i, k = 0;
    *out = v;
    if (!v)
        return -1;
    for (i = 0; i < n; i++)
        if (money_per_unit(m, &g[i]) > 0)
            v[k++] = &g[i];
    for (i = 1; i < k; i++) {
        group *x = v[i];
        double vx = x->v[0] / money_per_unit(m, x);
        int j = i - 1;
        while (j >= 0 && v[j]->v[0] / money_per_unit(m, v[j]) < vx) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
    return k;
}

/* A substitution cap's shortfall value in units of its requirement
 * ("requirement_value"); nothing for other kinds. 0 out of memory. */
static int add_requirement_value(const struct ars_result *r, cJSON *o, int kind, int thing,
                                 const double v[2])
{
    int req, slot;
    if (kind != K_SHARE || !lex(r))
        return 1;
    share_entry(r->model, thing, &req, &slot);
    return cJSON_AddItemToObject(
               o, "requirement_value",
               ars__explain_number(v[0] / r->model->requirements[req].priority)) != 0;
}

/* One bottleneck entry (docs/result-json.md). 0 on out of memory. */
static int add_group(const struct ars_result *r, cJSON *arr, const group *g)
{
    const struct ars_model *m = r->model;
    const char *id = thing_id(m, g->kind, g->thing);
    char buf[512];
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
        cJSON_Delete(o);
        return 0;
    }
    group_id(m, g, buf, sizeof buf);
    if (!cJSON_AddStringToObject(o, "id", buf) ||
        !cJSON_AddStringToObject(o, "kind", kinds[g->kind].kind) ||
        (id && !cJSON_AddStringToObject(o, kinds[g->kind].key, id)) ||
        !cJSON_AddItemToObject(o, "from",
                               g->from >= 0 ? cJSON_CreateString(m->periods[g->from])
                                            : cJSON_CreateNull()) ||
        !cJSON_AddItemToObject(
            o, "to", g->to >= 0 ? cJSON_CreateString(m->periods[g->to]) : cJSON_CreateNull()) ||
        !cJSON_AddItemToObject(o, "value", ars__explain_number(g->v[0])) ||
        !add_values(r, o, g->v) || !add_share_product(m, o, g->kind, g->thing) ||
        !add_requirement_value(r, o, g->kind, g->thing, g->v))
        return 0;
    {
        double mp = money_per_unit(m, g);
        if (!cJSON_AddItemToObject(o, "money_per_unit",
                                   mp > 0 ? cJSON_CreateNumber(mp) : cJSON_CreateNull()) ||
            !cJSON_AddItemToObject(o, "value_per_money",
                                   mp > 0 ? ars__explain_number(g->v[0] / mp) : cJSON_CreateNull()))
            return 0;
    }
    unit_text(m, g->kind, g->thing, buf, sizeof buf);
    if (!cJSON_AddStringToObject(o, "unit", buf))
        return 0;
    group_text(r, g, buf, sizeof buf);
    return cJSON_AddStringToObject(o, "text", buf) != NULL;
}

int ars__explain_json(const struct ars_result *r, cJSON *root)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    plist l;
    group *g = NULL, *dg = NULL;
    cJSON *sp, *bn, *dn, *o;
    char buf[512];
    int n = 0, nd = 0, i, ok = 1;
    if (!cJSON_AddStringToObject(root, "duals_from", duals_from(r)) ||
        !(sp = cJSON_AddArrayToObject(root, "shadow_prices")) ||
        !(bn = cJSON_AddArrayToObject(root, "bottlenecks")) ||
        !(dn = cJSON_AddArrayToObject(root, "degenerate")))
        return -1;
    if (collect(r, &l) || make_groups(&l, 0, &g, &n) || make_groups(&l, 1, &dg, &nd)) {
        ars__free(l.a);
        ars__free(g);
        return -1;
    }
    for (i = 0; ok && i < l.n; i++) {
        const price *c = &l.a[i];
        const char *id = thing_id(m, c->kind, c->thing);
        ok = (o = cJSON_CreateObject()) != NULL && cJSON_AddItemToArray(sp, o);
        if (!ok) {
            cJSON_Delete(o);
            break;
        }
        if (c->row >= 0)
            ars__row_name(p, c->row, buf, sizeof buf);
        else
            ars__col_name(p, c->col, buf, sizeof buf);
        ok = cJSON_AddStringToObject(o, "kind", kinds[c->kind].kind) &&
             cJSON_AddStringToObject(o, c->row >= 0 ? "row" : "column", buf) &&
             (!id || cJSON_AddStringToObject(o, kinds[c->kind].key, id)) &&
             cJSON_AddItemToObject(o, "period",
                                   c->t >= 0 ? cJSON_CreateString(m->periods[c->t])
                                             : cJSON_CreateNull()) &&
             add_values(r, o, c->v) && add_share_product(m, o, c->kind, c->thing) &&
             add_requirement_value(r, o, c->kind, c->thing, c->v) &&
             cJSON_AddBoolToObject(o, "degenerate", c->degenerate) && add_ranges(r, o, c);
    }
    /* Values of different kinds are in different units (per missile, per
     * tonne): ranked within a kind, kinds in a fixed order. */
    qsort(g, (size_t)n, sizeof *g, kind_cmp);
    for (i = 0; ok && i < n; i++)
        ok = add_group(r, bn, &g[i]);
    for (i = 0; ok && i < nd; i++)
        ok = add_group(r, dn, &dg[i]);
    if (ok) {
        group **pm = NULL;
        int k, npm = by_money(m, g, n, &pm);
        cJSON *arr = cJSON_AddArrayToObject(root, "bottlenecks_per_money");
        ok = npm >= 0 && arr != NULL;
        for (k = 0; ok && k < npm; k++) {
            group_id(m, pm[k], buf, sizeof buf);
            ok = cJSON_AddItemToArray(arr, cJSON_CreateString(buf));
        }
        ars__free(pm);
    }
    ars__free(l.a);
    ars__free(g);
    ars__free(dg);
    if (ok && ars__cost_ranges_json(r, root) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

/* The range of a bottleneck's first period, under its line in the table:
 * over what amount its leading value (shortfall, else cost) holds. */
static void print_range(const struct ars_result *r, const plist *l, const group *g, FILE *fp)
{
    char path[256], lo[64], hi[64], now[64];
    double cur, scale, v[2];
    int i, s = lex(r) && fabs(g->v[0]) <= EPS ? 1 : 0;
    for (i = 0; i < l->n; i++) {
        const price *c = &l->a[i];
        if (c->kind != g->kind || c->thing != g->thing || c->t != g->from)
            continue;
        if (!price_range(r, c, s, v) || !price_param(r, c, path, sizeof path, &cur, &scale))
            return;
        ars__fmt_sig(lo, sizeof lo, ars__explain_tidy(v[0]), 6);
        ars__fmt_sig(hi, sizeof hi, ars__explain_tidy(v[1]), 6);
        ars__fmt_sig(now, sizeof now, ars__explain_tidy(cur), 6);
        if (v[0] == v[1])
            fprintf(fp,
                    "  %-24s %s price holds only at %s = %s (degenerate: it changes with any "
                    "change)\n",
                    "",
                    !lex(r)  ? "weighted"
                    : s == 0 ? "shortfall"
                             : "cost",
                    path[0] ? path : "this amount", now);
        else if (path[0])
            fprintf(fp, "  %-24s %s price holds for %s from %s to %s (now %s)\n", "",
                    !lex(r)  ? "weighted"
                    : s == 0 ? "shortfall"
                             : "cost",
                    path, lo, hi, now);
        else
            fprintf(fp, "  %-24s %s price holds for %s to %s extra units in %s\n", "",
                    !lex(r)  ? "weighted"
                    : s == 0 ? "shortfall"
                             : "cost",
                    lo, hi, r->model->periods[c->t]);
        return;
    }
}

void ars__explain_print(const struct ars_result *r, FILE *fp, int top)
{
    plist l;
    group *g = NULL, *dg = NULL;
    char id[256], text[512];
    int n = 0, nd = 0, i;
    if (collect(r, &l) || make_groups(&l, 0, &g, &n) || make_groups(&l, 1, &dg, &nd)) {
        ars__free(l.a);
        ars__free(g);
        fprintf(fp, "\nbottlenecks: out of memory\n");
        return;
    }
    if (!r->dual[0]) {
        fprintf(fp, "\nbottlenecks: no shadow prices (");
        for (i = 0; i < r->nnotes; i++)
            fprintf(fp, "%s%s", i ? "; " : "", r->notes[i] ? r->notes[i] : "");
        fprintf(fp, "%s)\n", r->nnotes ? "" : "none");
    } else if (n == 0)
        fprintf(fp, "\nbottlenecks: none (no resource limits the plan)\n");
    else {
        /* Per kind, since a capacity unit and a tonne do not compare; the
         * best two of each, the first with its range. */
        group **pm = NULL;
        int npm, shown = 0;
        qsort(g, (size_t)n, sizeof *g, kind_cmp);
        fprintf(fp, "\ntop bottlenecks by kind (%d in all%s)\n", n,
                r->duals_fixed ? "; duals from the LP with integers fixed" : "");
        for (i = 0; i < n; i++) {
            int first = i == 0 || g[i].kind != g[i - 1].kind;
            if (first)
                shown = 0;
            if (shown >= 2 || (!first && shown >= 1 && top < 2))
                continue;
            group_id(r->model, &g[i], id, sizeof id);
            group_text(r, &g[i], text, sizeof text);
            fprintf(fp, "  %-24.24s %s\n", id, text);
            if (first)
                print_range(r, &l, &g[i], fp);
            shown++;
        }
        npm = by_money(r->model, g, n, &pm);
        if (npm > 0) {
            fprintf(fp, "per unit of money (%s), where it can buy the resource:",
                    r->model->currency ? r->model->currency : "money unit");
            for (i = 0; i < npm && i < top; i++) {
                char v[64];
                group_id(r->model, pm[i], id, sizeof id);
                ars__fmt_sig(v, sizeof v,
                             ars__explain_tidy(pm[i]->v[0] / money_per_unit(r->model, pm[i])), 4);
                fprintf(fp, "%s %s %s", i ? "," : "", id, v);
            }
            fprintf(fp, " (weighted shortfall removed)\n");
        }
        ars__free(pm);
    }
    if (nd > 0) {
        /* Listed, not ranked: another optimal basis prices them otherwise. */
        fprintf(fp, "degenerate (not ranked; the plan sits at a corner where their price is not "
                    "unique):\n ");
        for (i = 0; i < nd; i++) {
            group_id(r->model, &dg[i], id, sizeof id);
            fprintf(fp, " %s%s", id, i + 1 < nd ? "," : "\n");
        }
    }
    ars__cost_ranges_print(r, fp, top);
    ars__free(l.a);
    ars__free(g);
    ars__free(dg);
}

/* ------------------------------------------- one requirement (--for) */

/* The resources that can reach requirement `req`: the lines making a
 * product that meets it, their components, suppliers, workers and
 * corridors, the funds that may pay those lines and suppliers, the
 * drawdowns and theatre stock of its products, licence review slots when
 * a licence gates one of the lines. */
typedef struct chain {
    unsigned char *line, *comp, *prod, *country;
    int slots;
    int req; /* the requirement itself (its substitution caps) */
} chain;

static void chain_free(chain *c)
{
    ars__free(c->line);
    ars__free(c->comp);
    ars__free(c->prod);
    ars__free(c->country);
}

static int chain_make(const struct ars_model *m, int req, chain *c)
{
    const ars__requirement *R = &m->requirements[req];
    int i, k, j;
    memset(c, 0, sizeof *c);
    c->req = req;
    c->line = ars__calloc((size_t)m->nlines + 1, 1);
    c->comp = ars__calloc((size_t)m->ncomponents + 1, 1);
    c->prod = ars__calloc((size_t)m->nproducts + 1, 1);
    c->country = ars__calloc((size_t)m->ncountries + 1, 1);
    if (!c->line || !c->comp || !c->prod || !c->country) {
        chain_free(c);
        return -1;
    }
    for (k = 0; k < R->nmet_by; k++)
        c->prod[R->met_by[k].product] = 1;
    for (i = 0; i < m->nlines; i++)
        for (k = 0; k < m->lines[i].nproduces; k++) {
            const ars__produce *pr = &m->lines[i].produces[k];
            if (!c->prod[pr->product])
                continue;
            c->line[i] = 1;
            c->country[m->lines[i].country] = 1;
            if (m->lines[i].license >= 0)
                c->slots = 1;
            for (j = 0; j < pr->nbom; j++)
                c->comp[pr->bom[j].component] = 1;
        }
    return 0;
}

static int in_chain(const struct ars_model *m, const chain *c, const price *p)
{
    int i;
    switch (p->kind) {
    case K_CAP:
        return c->line[p->thing];
    case K_COMP:
        return c->comp[p->thing];
    case K_SUPPLIER:
        return c->comp[m->suppliers[p->thing].component];
    case K_WORK:
        return c->country[m->workforce[p->thing].country];
    case K_CORR:
        for (i = 0; i < m->ncountries; i++)
            if (c->country[i] && m->corridor_of_country && m->corridor_of_country[i] == p->thing)
                return 1;
        return 0;
    case K_FUND:
        for (i = 0; i < m->nlines; i++)
            if (c->line[i] && ars__fund_may_pay(m, p->thing, ars__payee_of_line(m, i)))
                return 1;
        for (i = 0; i < m->nsuppliers; i++)
            if (c->comp[m->suppliers[i].component] &&
                ars__fund_may_pay(m, p->thing, ars__payee_of_supplier(m, i)))
                return 1;
        return 0;
    case K_STOCK:
        return c->prod[p->thing];
    case K_SLOTS:
        return c->slots;
    case K_SHARE: {
        int req, slot;
        share_entry(m, p->thing, &req, &slot);
        return req == c->req;
    }
    case K_TERMINAL:
        return c->prod[p->thing];
    default:
        return c->prod[m->drawdowns[p->thing].product];
    }
}

/* The requirement's own unit: that of the product it counts one for one
 * ("rounds of shell_155" for 155 mm fires, which drones meet at 0.1), else
 * of its only product, else units of the requirement. *per is requirement
 * units per that unit (the product's effect). */
void ars__explain_req_unit(const struct ars_model *m, int req, char *buf, size_t len, double *per)
{
    const ars__requirement *R = &m->requirements[req];
    int k, pick = R->nmet_by == 1 ? 0 : -1;
    for (k = 0; k < R->nmet_by && pick < 0; k++)
        if (R->met_by[k].effect == 1)
            pick = k;
    *per = 1;
    if (pick < 0) {
        snprintf(buf, len, "units of %s", R->id);
        return;
    }
    {
        const ars__product *P = &m->products[R->met_by[pick].product];
        *per = R->met_by[pick].effect;
        /* Model units are singular ("round"); the sentences count several. */
        if (P->unit && P->unit[0])
            snprintf(buf, len, "%s%s of %s", P->unit,
                     P->unit[strlen(P->unit) - 1] == 's' ? "" : "s", P->id);
        else
            snprintf(buf, len, "units of %s", P->id);
    }
}

/* Money that buys one more unit of the resource in every period of the
 * run (what the group's value is for): a fund is money, one unit a period;
 * a line with an expansion option buys lasting capacity at its expansion
 * cost in the run's first period. 0 where it cannot be bought. */
static double money_per_unit(const struct ars_model *m, const group *g)
{
    if (g->kind == K_FUND)
        return g->from >= 0 ? g->to - g->from + 1 : 1;
    if (g->kind == K_CAP && m->lines[g->thing].has_expansion && g->from >= 0)
        return m->lines[g->thing].expansion_cost[g->from];
    return 0;
}

/* Prices of resources on the requirement's chain, in periods at or before
 * one where it falls short (a unit earlier can still arrive in time; one
 * after its last shortfall cannot help it), with their stage-0 value turned
 * into the requirement's units: S counts `priority` per unit short, so one
 * more unit of a resource worth y of S is worth y / priority of this
 * requirement's shortfall. That is what it removes of it when the extra
 * unit goes to this requirement; the plan sends it where it helps S most,
 * which may be a requirement of higher priority. */
static int req_prices(const struct ars_result *r, int req, const plist *all, plist *out)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    double prio = m->requirements[req].priority;
    int last_short = -1, t, i;
    chain c;
    memset(out, 0, sizeof *out);
    for (t = 0; t < m->T; t++)
        if (ars__result_col(r, ars__col_sh(p, req, t)) > EPS)
            last_short = t;
    if (last_short < 0 || prio <= 0)
        return 0;
    if (chain_make(m, req, &c) != 0)
        return -1;
    for (i = 0; i < all->n; i++) {
        const price *a = &all->a[i];
        double v[2];
        if (fabs(a->v[0]) <= EPS || a->t > last_short || !in_chain(m, &c, a))
            continue;
        v[0] = a->v[0] / prio;
        v[1] = 0;
        if (push(out, a->kind, a->thing, a->t, a->row, a->col, v) != 0) {
            chain_free(&c);
            return -1;
        }
        out->a[out->n - 1].degenerate = a->degenerate;
    }
    chain_free(&c);
    return 0;
}

static int kind_cmp(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    return group_cmp(a, b);
}

static void req_text(const struct ars_result *r, int req, const group *g, const char *unit,
                     double per, char *buf, size_t len)
{
    const struct ars_model *m = r->model;
    char what[256], v[64], span[128];
    unit_text(m, g->kind, g->thing, what, sizeof what);
    ars__fmt_sig(v, sizeof v, ars__explain_tidy(g->v[0] / per), 4);
    span_text(m, g, span, sizeof span);
    snprintf(buf, len, "one more %s%s is worth %s %s of %s's shortfall", what, span, v, unit,
             m->requirements[req].id);
}

static int explain_requirement(const struct ars_result *r, int req, cJSON **out, FILE *fp)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    const ars__requirement *R = &m->requirements[req];
    plist all, l;
    group *g = NULL, *dg = NULL, **money = NULL;
    int n = 0, nd = 0, nm = 0, i, ok = 1, t;
    char unit[128], buf[512], id[256], v[64];
    double per, total = 0;
    cJSON *root = NULL, *bind = NULL, *dgn = NULL, *mon = NULL;
    memset(&l, 0, sizeof l);
    if (out)
        *out = NULL;
    if (collect(r, &all) != 0 || req_prices(r, req, &all, &l) != 0 ||
        make_groups(&l, 0, &g, &n) != 0 || make_groups(&l, 1, &dg, &nd) != 0) {
        ars__free(all.a);
        ars__free(l.a);
        ars__free(g);
        return -1;
    }
    ars__explain_req_unit(m, req, unit, sizeof unit, &per);
    for (t = 0; r->has_solution && t < m->T; t++)
        total += ars__explain_tidy(ars__result_col(r, ars__col_sh(p, req, t)));
    /* Within a kind the units agree (shells per capacity unit); across
     * kinds only money compares like with like. */
    qsort(g, (size_t)n, sizeof *g, kind_cmp);
    nm = by_money(m, g, n, &money);
    if (nm < 0)
        ok = 0;
    if (ok && out) {
        ok = (root = cJSON_CreateObject()) != NULL &&
             cJSON_AddStringToObject(root, "requirement", R->id) &&
             cJSON_AddStringToObject(root, "name", R->name ? R->name : R->id) &&
             cJSON_AddNumberToObject(root, "priority", R->priority) &&
             cJSON_AddStringToObject(root, "unit", unit) &&
             cJSON_AddItemToObject(root, "shortfall", ars__explain_number(total / per)) &&
             (bind = cJSON_AddArrayToObject(root, "binding")) &&
             (mon = cJSON_AddArrayToObject(root, "per_money")) &&
             (dgn = cJSON_AddArrayToObject(root, "degenerate"));
        for (i = 0; ok && i < n; i++) {
            const char *tid = thing_id(m, g[i].kind, g[i].thing);
            double mp = money_per_unit(m, &g[i]);
            cJSON *o = cJSON_CreateObject();
            ok = o && cJSON_AddItemToArray(bind, o);
            if (!ok) {
                cJSON_Delete(o);
                break;
            }
            group_id(m, &g[i], id, sizeof id);
            unit_text(m, g[i].kind, g[i].thing, buf, sizeof buf);
            ok = cJSON_AddStringToObject(o, "id", id) &&
                 cJSON_AddStringToObject(o, "kind", kinds[g[i].kind].kind) &&
                 (!tid || cJSON_AddStringToObject(o, kinds[g[i].kind].key, tid)) &&
                 add_share_product(m, o, g[i].kind, g[i].thing) &&
                 cJSON_AddItemToObject(o, "from",
                                       g[i].from >= 0 ? cJSON_CreateString(m->periods[g[i].from])
                                                      : cJSON_CreateNull()) &&
                 cJSON_AddItemToObject(o, "to",
                                       g[i].to >= 0 ? cJSON_CreateString(m->periods[g[i].to])
                                                    : cJSON_CreateNull()) &&
                 cJSON_AddItemToObject(o, "removes", ars__explain_number(g[i].v[0] / per)) &&
                 cJSON_AddStringToObject(o, "resource_unit", buf) &&
                 cJSON_AddItemToObject(o, "money_per_unit",
                                       mp > 0 ? cJSON_CreateNumber(mp) : cJSON_CreateNull()) &&
                 cJSON_AddItemToObject(o, "removes_per_money",
                                       mp > 0 ? ars__explain_number(g[i].v[0] / per / mp)
                                              : cJSON_CreateNull());
            if (ok) {
                req_text(r, req, &g[i], unit, per, buf, sizeof buf);
                ok = cJSON_AddStringToObject(o, "text", buf) != NULL;
            }
        }
        for (i = 0; ok && i < nm; i++) {
            group_id(m, money[i], id, sizeof id);
            ok = cJSON_AddItemToArray(mon, cJSON_CreateString(id));
        }
        for (i = 0; ok && i < nd; i++) {
            group_id(m, &dg[i], id, sizeof id);
            ok = cJSON_AddItemToArray(dgn, cJSON_CreateString(id));
        }
        if (ok)
            *out = root;
        else
            cJSON_Delete(root);
    }
    if (ok && fp) {
        char tot[64], prio[64];
        ars__fmt_amount(tot, sizeof tot, ars__explain_tidy(total / per));
        ars__fmt_sig(prio, sizeof prio, R->priority, 6);
        fprintf(fp, "\nwhat binds %s (%s; priority %s): short by %s %s over the horizon\n", R->id,
                R->name ? R->name : R->id, prio, tot, unit);
        if (!r->dual[0]) {
            fprintf(fp, "  no shadow prices (");
            for (i = 0; i < r->nnotes; i++)
                fprintf(fp, "%s%s", i ? "; " : "", r->notes[i] ? r->notes[i] : "");
            fprintf(fp, "%s)\n", r->nnotes ? "" : "none");
        } else if (total <= EPS)
            fprintf(fp, "  nothing: the requirement is met in full\n");
        else if (n == 0)
            fprintf(fp, "  no resource on its supply chain has a shortfall price\n");
        for (i = 0; i < n; i++) {
            if (i == 0 || g[i].kind != g[i - 1].kind)
                fprintf(fp, "  %s\n", kinds[g[i].kind].kind);
            group_id(m, &g[i], id, sizeof id);
            req_text(r, req, &g[i], unit, per, buf, sizeof buf);
            fprintf(fp, "    %-24.24s %s\n", id, buf);
        }
        if (nm > 1 || (nm == 1 && n > 1)) {
            fprintf(fp, "  per unit of money (%s), where the resource can be bought\n",
                    m->currency ? m->currency : "money unit");
            for (i = 0; i < nm; i++) {
                group_id(m, money[i], id, sizeof id);
                ars__fmt_sig(v, sizeof v,
                             ars__explain_tidy(money[i]->v[0] / per / money_per_unit(m, money[i])),
                             4);
                fprintf(fp, "    %-24.24s %s %s per %s%s\n", id, v, unit,
                        m->currency ? m->currency : "money unit",
                        money[i]->kind == K_CAP ? " spent on expansion" : "");
            }
        }
        if (nd > 0) {
            fprintf(fp, "  degenerate (not ranked):");
            for (i = 0; i < nd; i++) {
                group_id(m, &dg[i], id, sizeof id);
                fprintf(fp, " %s%s", id, i + 1 < nd ? "," : "\n");
            }
        }
    }
    ars__free(money);
    ars__free(all.a);
    ars__free(l.a);
    ars__free(g);
    ars__free(dg);
    return ok ? 0 : -1;
}

int ars_result_explain_requirement(const ars_result *r, const char *req, cJSON **json, FILE *fp,
                                   ars_error *err)
{
    const struct ars_model *m;
    char ids[512];
    size_t n = 0;
    int i;
    if (json)
        *json = NULL;
    if (!r || !req)
        return ars_error_set(err, ARS_EUSAGE, "requirement", "no result or no requirement");
    m = r->model;
    for (i = 0; i < m->nrequirements; i++)
        if (strcmp(m->requirements[i].id, req) == 0)
            break;
    if (i == m->nrequirements) {
        int k;
        ids[0] = '\0';
        for (k = 0; k < m->nrequirements && n < sizeof ids; k++)
            n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%s", k ? ", " : "",
                                  m->requirements[k].id);
        return ars_error_set(err, ARS_EUSAGE, "requirement",
                             "no requirement \"%s\" in the model; it has %s", req, ids);
    }
    if (!r->explain)
        return ars_error_set(err, ARS_EUSAGE, "requirement",
                             "the result was solved without explanations");
    if (explain_requirement(r, i, json, fp) != 0)
        return ars_error_set(err, ARS_ENOMEM, "requirement", "out of memory");
    return ARS_OK;
}
