/* ranging.c - sensitivity ranges of a solved stage (ranging.h). */
#include "lp/ranging.h"

#include "lp/explain.h"

#include "util/numfmt.h"
#include "util/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Below this a dual is solver noise (as in explain.c). */
#define EPS 1e-9

static double *nan_array(int n)
{
    double *a = ars__malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    int i;
    if (a)
        for (i = 0; i < n; i++)
            a[i] = NAN;
    return a;
}

/* The rows and columns explain.c prices: resource rows (format 1.1's
 * substitution caps and terminal goals among them), and the columns
 * whose upper bound is a resource (supplier capacity, drawdown
 * availability, stock capacity) while that bound binds. */
static int priced_row(int family)
{
    switch (family) {
    case ARS_ROW_CAP:
    case ARS_ROW_COMP:
    case ARS_ROW_WORK:
    case ARS_ROW_CORR:
    case ARS_ROW_FUND:
    case ARS_ROW_SLOTS:
    case ARS_ROW_DDTOTAL:
    case ARS_ROW_SHARE:
    case ARS_ROW_TERMINAL:
        return 1;
    default:
        return 0;
    }
}

static int priced_col(const ars__program *p, int j)
{
    int f = p->col_tag[j].family;
    return (f == ARS_COL_B || f == ARS_COL_D || f == ARS_COL_INV) && isfinite(p->col_ub[j]);
}

/* Decisions with a cost of their own in the model. */
static int cost_col(const struct ars_result *r, int j)
{
    const ars__program *p = r->prog;
    const ars__tag *tg = &p->col_tag[j];
    if (p->col_lb[j] >= p->col_ub[j])
        return 0; /* fixed (before start, licence not approved): no choice to price */
    switch (tg->family) {
    case ARS_COL_X:
    case ARS_COL_B:
    case ARS_COL_D:
        return 1;
    case ARS_COL_E:
        /* With steps, e moves only with the integer n, fixed for MIP duals. */
        return !(r->duals_fixed && r->model->lines[tg->a].expansion_step > 0);
    default:
        return 0;
    }
}

static void drop_stage(struct ars_result *r, int stage, int cost_stage)
{
    ars__free(r->bound_lo[stage]);
    ars__free(r->bound_hi[stage]);
    ars__free(r->unique[stage]);
    r->bound_lo[stage] = r->bound_hi[stage] = NULL;
    r->unique[stage] = NULL;
    if (cost_stage) {
        ars__free(r->cost_lo);
        ars__free(r->cost_hi);
        r->cost_lo = r->cost_hi = NULL;
    }
}

/* ------------------------------------------------ uniqueness of a price
 *
 * The optimal value v(b) of a stage, as a function of one right-hand side
 * or bound b, is convex and piecewise linear, and the stage's optimal duals
 * for b are exactly the slopes between its left and right derivatives at
 * the current value. A price is unique (every optimal basis, warm or cold,
 * reports it) when those two derivatives are equal. The basis at hand
 * gives one side for free: its dual is the slope on its whole range, so a
 * range reaching past the current value on a side settles that side.
 * An empty side (the basis is primal degenerate there) is settled by
 * moving b a little that way and re-solving: the new basis's dual is the
 * slope on that side when that basis is optimal at the current value too;
 * with a kink in between the step is shortened. */

/* Relative agreement of two prices (as a what-if compares them). */
#define SAME_PRICE 1e-6
/* A range end this close to the current value (relative, the solvers'
 * primal feasibility tolerance) leaves that side empty. */
#define AT_VALUE 1e-7
#define PROBE_STEPS 3
#define PROBE_ITERATIONS 200

typedef struct probe {
    ars__backend *be;
    const ars__program *p;
    unsigned char *rows, *cols;   /* the stage's optimal basis */
    unsigned char *rows2, *cols2; /* a probe's basis */
    double *y, *d;                /* a probe's duals */
} probe;

/* The bound of row or column k that binds (0 lower, 1 upper, 2 both, for
 * an equality row) and its value. A priced column is priced at its upper
 * bound (a supplier's capacity, a drawdown's availability), even where
 * that is 0 and the column fixed: one more unit raises the bound only. A
 * row's side follows the sign of its dual g: at an upper bound, raising
 * it can only lower a minimum (g <= 0). */
static int active_bound(const ars__program *p, int k, double g, double *cur)
{
    double lb, ub;
    if (k >= p->nrows) {
        *cur = p->col_ub[k - p->nrows];
        return 1;
    }
    lb = p->row_lb[k];
    ub = p->row_ub[k];
    if (lb == ub) {
        *cur = ub;
        return 2;
    }
    if (isfinite(ub) && (g < 0 || !isfinite(lb))) {
        *cur = ub;
        return 1;
    }
    *cur = lb;
    return 0;
}

/* Whether k's active bound may take the value v without crossing its
 * other bound: moved past it the program has no point at all. */
static int bound_allowed(const probe *pr, int k, int which, double v)
{
    const ars__program *p = pr->p;
    int rowk = k < p->nrows, i = rowk ? k : k - p->nrows;
    double lb = rowk ? p->row_lb[i] : p->col_lb[i], ub = rowk ? p->row_ub[i] : p->col_ub[i];
    return which == 2 || (which == 1 ? v >= lb : v <= ub);
}

static int set_active(probe *pr, int k, int which, double v, ars_error *err)
{
    const ars__program *p = pr->p;
    int rowk = k < p->nrows, i = rowk ? k : k - p->nrows;
    double lb = rowk ? p->row_lb[i] : p->col_lb[i], ub = rowk ? p->row_ub[i] : p->col_ub[i];
    if (which != 1)
        lb = v;
    if (which != 0)
        ub = v;
    return rowk ? ars__backend_set_row_bounds(pr->be, 1, &i, &lb, &ub, err)
                : ars__backend_set_col_bounds(pr->be, 1, &i, &lb, &ub, err);
}

static int same_price(double a, double b)
{
    return fabs(a - b) <= SAME_PRICE * fmax(fabs(a), fabs(b)) + EPS;
}

/* The slope of the stage's optimum on side dir (+1 above, -1 below) of
 * the current value cur of k's active bound, into *slope; NaN when it
 * could not be settled (the stage has no optimum that way: the prices
 * are unbounded on that side; or every step met a kink). g is the price
 * at cur. The bound is put back; the basis left is optimal at cur (the
 * stage's own after a probe that did not end optimal). */
static int side_slope(probe *pr, int k, int which, double cur, int dir, double g0, double *slope,
                      ars_error *err)
{
    const ars__program *p = pr->p;
    double t = 1e-3 * fmax(1, fabs(cur));
    int step, rc = ARS_OK, rc2, lost = 0;
    *slope = NAN;
    /* Each probe starts from the optimal basis the last one ended in: it
     * is dual feasible whatever the bounds, so the dual simplex goes on
     * from it without factorising afresh. */
    for (step = 0; step < PROBE_STEPS && rc == ARS_OK; step++, t /= 16) {
        ars__solve_params prm;
        ars__solve_info info;
        double g;
        memset(&prm, 0, sizeof prm);
        prm.warm = prm.dual = 1;
        prm.it_limit = PROBE_ITERATIONS;
        if (!bound_allowed(pr, k, which, cur + dir * t))
            break; /* nothing that way: the slope is not that of the other side */
        if ((rc = set_active(pr, k, which, cur + dir * t, err)) != ARS_OK ||
            (rc = ars__backend_solve_lp(pr->be, &prm, &info, err)) != ARS_OK)
            break;
        if (info.status != ARS_ST_OPTIMAL) {
            lost = 1;
            break;
        }
        if ((rc = ars__backend_get_basis(pr->be, pr->rows2, pr->cols2, err)) != ARS_OK ||
            (rc = ars__backend_duals(pr->be, pr->y, pr->d, err)) != ARS_OK)
            break;
        /* Off its bound (basic) the resource is priced 0 by this basis. */
        g = (k < p->nrows ? pr->rows2[k] : pr->cols2[k - p->nrows]) == ARS_BASIC ? 0
            : k < p->nrows                                                       ? pr->y[k]
                           : pr->d[k - p->nrows];
        /* Any price at cur + dir t lies beyond the slope on that side of
         * cur, and that slope beyond g0 (v is convex): equal to g0, it is
         * the slope. This settles a side whose basis at cur + dir t is not
         * feasible at cur (a warm what-if's basis met one on the baseline
         * where its range ended 6e-8 past cur, and the cold basis's 1e-3). */
        if (same_price(g, g0)) {
            *slope = g0;
            break;
        }
        /* The new basis is optimal at cur too (primal feasible there within
         * the solver's tolerance: no pivot from it) exactly when the stage's
         * optimum is linear with slope g from cur to cur + dir t. */
        prm.it_limit = 1;
        if ((rc = set_active(pr, k, which, cur, err)) != ARS_OK ||
            (rc = ars__backend_solve_lp(pr->be, &prm, &info, err)) != ARS_OK)
            break;
        if (info.status == ARS_ST_OPTIMAL && info.iterations == 0) {
            *slope = g;
            break;
        }
    }
    rc2 = set_active(pr, k, which, cur, err);
    if (rc2 == ARS_OK && (lost || rc != ARS_OK || isnan(*slope)))
        rc2 = ars__backend_set_basis(pr->be, pr->rows, pr->cols, err);
    return rc != ARS_OK ? rc : rc2;
}

/* r->unique[stage][k] for every ranged k: 1 when both derivatives equal
 * the dual, 0 otherwise. Leaves the stage's optimum loaded as found. */
static int mark_unique(ars__backend *be, struct ars_result *r, int stage, const int *var, int n,
                       ars_error *err)
{
    const ars__program *p = r->prog;
    int nv = p->nrows + p->ncols, i, rc = ARS_OK, probed = 0;
    probe pr;
    memset(&pr, 0, sizeof pr);
    pr.be = be;
    pr.p = p;
    r->unique[stage] = ars__malloc((size_t)(nv > 0 ? nv : 1));
    pr.rows = ars__malloc((size_t)(p->nrows > 0 ? p->nrows : 1));
    pr.cols = ars__malloc((size_t)(p->ncols > 0 ? p->ncols : 1));
    pr.rows2 = ars__malloc((size_t)(p->nrows > 0 ? p->nrows : 1));
    pr.cols2 = ars__malloc((size_t)(p->ncols > 0 ? p->ncols : 1));
    pr.y = ars__malloc(sizeof(double) * (size_t)(p->nrows > 0 ? p->nrows : 1));
    pr.d = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    if (!r->unique[stage] || !pr.rows || !pr.cols || !pr.rows2 || !pr.cols2 || !pr.y || !pr.d) {
        rc = ars_error_set(err, ARS_ENOMEM, "ranging", "out of memory");
        goto out;
    }
    memset(r->unique[stage], 0xff, (size_t)nv); /* -1: not ranged */
    if ((rc = ars__backend_get_basis(be, pr.rows, pr.cols, err)) != ARS_OK)
        goto out;
    /* Probing starts from the basis, which must be optimal as it stands:
     * a warm solve can end "optimal" on a basis that, factorised afresh,
     * is not (seen after a what-if's warm MIP re-solve), and every probe
     * from it would re-solve the whole stage. */
    {
        ars__solve_params prm;
        ars__solve_info info;
        memset(&prm, 0, sizeof prm);
        prm.warm = prm.dual = 1;
        prm.it_limit = PROBE_ITERATIONS;
        if ((rc = ars__backend_set_basis(be, pr.rows, pr.cols, err)) != ARS_OK ||
            (rc = ars__backend_solve_lp(be, &prm, &info, err)) != ARS_OK)
            goto out;
        if (info.status != ARS_ST_OPTIMAL || info.iterations > 0) {
            rc = ars__backend_set_basis(be, pr.rows, pr.cols, err);
            if (rc == ARS_OK)
                rc = ars_error_set(err, ARS_ESOLVER, "ranging",
                                   "the stage's basis is not optimal once factorised afresh "
                                   "(%d simplex iterations from it)",
                                   info.iterations);
            goto out;
        }
    }
    for (i = 0; i < n && rc == ARS_OK; i++) {
        int k = var[i], which;
        double g = k < p->nrows ? r->dual[stage][k] : r->redcost[stage][k - p->nrows];
        double cur, lo = r->bound_lo[stage][k], hi = r->bound_hi[stage][k], below, above, tol;
        if (isnan(lo) || isnan(hi)) {
            r->unique[stage][k] = 0; /* basic: not a binding resource of this basis */
            continue;
        }
        which = active_bound(p, k, g, &cur);
        tol = AT_VALUE * fmax(1, fabs(cur));
        below = above = g;
        if (lo >= cur - tol && (rc = side_slope(&pr, k, which, cur, -1, g, &below, err)) != ARS_OK)
            break;
        if (hi <= cur + tol && !isnan(below) && same_price(below, g) &&
            (rc = side_slope(&pr, k, which, cur, +1, g, &above, err)) != ARS_OK)
            break;
        probed |= lo >= cur - tol || hi <= cur + tol;
        r->unique[stage][k] =
            !isnan(below) && !isnan(above) && same_price(below, g) && same_price(above, g);
    }
    if (rc == ARS_OK && probed) {
        /* The stage's optimum back in place, for what reads it next. */
        ars__solve_params prm;
        ars__solve_info info;
        memset(&prm, 0, sizeof prm);
        prm.warm = 1;
        if ((rc = ars__backend_set_basis(be, pr.rows, pr.cols, err)) == ARS_OK &&
            (rc = ars__backend_solve_lp(be, &prm, &info, err)) == ARS_OK &&
            info.status != ARS_ST_OPTIMAL)
            rc = ars_error_set(err, ARS_ESOLVER, "ranging",
                               "the stage's optimum did not come back after probing its prices");
    }
out:
    if (rc != ARS_OK) {
        ars__free(r->unique[stage]);
        r->unique[stage] = NULL;
    }
    ars__free(pr.rows);
    ars__free(pr.cols);
    ars__free(pr.rows2);
    ars__free(pr.cols2);
    ars__free(pr.y);
    ars__free(pr.d);
    return rc;
}

int ars__ranging_stage(ars__backend *be, struct ars_result *r, int stage, int cost_stage,
                       ars_error *err)
{
    const ars__program *p = r->prog;
    int nv = p->nrows + p->ncols, n = 0, i, j, rc = ARS_OK;
    int *var = ars__malloc(sizeof(int) * (size_t)(nv > 0 ? nv : 1));
    double *lo = ars__malloc(sizeof(double) * (size_t)(nv > 0 ? nv : 1));
    double *hi = ars__malloc(sizeof(double) * (size_t)(nv > 0 ? nv : 1));
    drop_stage(r, stage, cost_stage);
    r->bound_lo[stage] = nan_array(nv);
    r->bound_hi[stage] = nan_array(nv);
    if (cost_stage) {
        r->cost_lo = nan_array(p->ncols);
        r->cost_hi = nan_array(p->ncols);
    }
    if (!var || !lo || !hi || !r->bound_lo[stage] || !r->bound_hi[stage] ||
        (cost_stage && (!r->cost_lo || !r->cost_hi))) {
        rc = ars_error_set(err, ARS_ENOMEM, "ranging", "out of memory");
        goto out;
    }
    for (i = 0; i < p->nrows; i++)
        if (priced_row(p->row_tag[i].family) && fabs(r->dual[stage][i]) > EPS)
            var[n++] = i;
    for (j = 0; j < p->ncols; j++)
        if (priced_col(p, j) && -r->redcost[stage][j] > EPS)
            var[n++] = p->nrows + j;
    if ((rc = ars__backend_range_bounds(be, n, var, lo, hi, err)) != ARS_OK)
        goto out;
    for (i = 0; i < n; i++) {
        r->bound_lo[stage][var[i]] = lo[i];
        r->bound_hi[stage][var[i]] = hi[i];
    }
    if (cost_stage) {
        for (j = n = 0; j < p->ncols; j++)
            if (cost_col(r, j))
                var[n++] = j;
        if ((rc = ars__backend_range_costs(be, n, var, lo, hi, err)) != ARS_OK)
            goto out;
        for (i = 0; i < n; i++) {
            r->cost_lo[var[i]] = lo[i];
            r->cost_hi[var[i]] = hi[i];
        }
    }
    /* Whether each price is unique, in the stage explain.c judges it by:
     * the leading stage's prices there, and in the cost stage the prices
     * of resources the leading stage does not price (a resource it prices
     * has its cost range end at the current amount by construction: less
     * of it would raise S*). The cost stage runs on the leading stage's
     * optimal face, which these resources do not bound. */
    if (stage == 0 || (stage == 1 && r->dual[0] && r->redcost[0])) {
        for (i = n = 0; i < p->nrows; i++)
            if (priced_row(p->row_tag[i].family) && fabs(r->dual[stage][i]) > ARS__DUAL_TOL &&
                (stage == 0 || fabs(r->dual[0][i]) <= ARS__DUAL_TOL))
                var[n++] = i;
        for (j = 0; j < p->ncols; j++)
            if (priced_col(p, j) && -r->redcost[stage][j] > ARS__DUAL_TOL &&
                (stage == 0 || -r->redcost[0][j] <= ARS__DUAL_TOL))
                var[n++] = p->nrows + j;
        rc = mark_unique(be, r, stage, var, n, err);
    }
out:
    if (rc != ARS_OK)
        drop_stage(r, stage, cost_stage);
    ars__free(var);
    ars__free(lo);
    ars__free(hi);
    return rc;
}

/* ---------------------------------------------------------------- output */

/* A cost coefficient in the model's terms: the objective coefficient of the
 * column is w disc[t] (param + extra), w the weight of cost in the stage's
 * objective (1 in the cost stage, cost_weight in a weighted solve), extra
 * what else rides on the same column (a corridor's cost per tonne times
 * the product's mass, for output). */
typedef struct cost_param {
    char path[384];
    char subject[384];
    double current, scale, extra;
} cost_param;

static int describe(const struct ars_result *r, int j, cost_param *cp)
{
    const struct ars_model *m = r->model;
    const ars__tag *tg = &r->prog->col_tag[j];
    const char *per = m->periods[tg->t];
    double w = r->mode == ARS_OBJ_WEIGHTED ? m->objective.cost_weight : 1;
    cp->scale = w * pow(1 + m->objective.discount, -(double)tg->t);
    cp->extra = 0;
    switch (tg->family) {
    case ARS_COL_X: {
        const ars__line *ln = &m->lines[tg->a];
        const ars__produce *pr = &ln->produces[tg->b];
        int cor = ln->country >= 0 ? m->corridor_of_country[ln->country] : -1;
        const char *prod = m->products[pr->product].id;
        snprintf(cp->path, sizeof cp->path, "lines.%s.produces.%s.cost@%s", ln->id, prod, per);
        snprintf(cp->subject, sizeof cp->subject, "%s from line %s in %s", prod, ln->id, per);
        cp->current = pr->cost[tg->t];
        if (cor >= 0)
            cp->extra = (m->corridors[cor].cost ? m->corridors[cor].cost[tg->t] : 0) *
                        m->products[pr->product].mass;
        break;
    }
    case ARS_COL_E:
        snprintf(cp->path, sizeof cp->path, "lines.%s.expansion.cost@%s", m->lines[tg->a].id, per);
        snprintf(cp->subject, sizeof cp->subject, "expansion of line %s ordered in %s",
                 m->lines[tg->a].id, per);
        cp->current = m->lines[tg->a].expansion_cost[tg->t];
        break;
    case ARS_COL_B:
        snprintf(cp->path, sizeof cp->path, "suppliers.%s.cost@%s", m->suppliers[tg->a].id, per);
        snprintf(cp->subject, sizeof cp->subject, "%s from supplier %s in %s",
                 m->components[m->suppliers[tg->a].component].id, m->suppliers[tg->a].id, per);
        cp->current = m->suppliers[tg->a].cost[tg->t];
        break;
    case ARS_COL_D:
        snprintf(cp->path, sizeof cp->path, "drawdowns.%s.cost@%s", m->drawdowns[tg->a].id, per);
        snprintf(cp->subject, sizeof cp->subject, "%s from drawdown %s in %s",
                 m->products[m->drawdowns[tg->a].product].id, m->drawdowns[tg->a].id, per);
        cp->current = m->drawdowns[tg->a].cost[tg->t];
        break;
    default:
        return -1;
    }
    return cp->scale > 0 ? 0 : -1;
}

static double to_param(const cost_param *cp, double coef)
{
    if (!isfinite(coef))
        return coef;
    return coef / cp->scale - cp->extra;
}

/* In the plan (a positive quantity), unused, or held at its upper bound. A
 * basic column at 0 (a degenerate optimum) is unused too. */
static const char *col_status(const struct ars_result *r, int j)
{
    if (r->col_stat && r->col_stat[j] == ARS_AT_UPPER)
        return "at_limit";
    if (r->col_stat && r->col_stat[j] == ARS_FIXED)
        return "fixed";
    return r->x[j] > 1e-9 ? "in_plan" : "unused";
}

/* How much cheaper an unused decision would have to be to enter; NaN when
 * it is in use, or when not even a cost of 0 would bring it in (output
 * that would arrive after the horizon, say). */
static double cheaper_by(const struct ars_result *r, int j, const cost_param *cp)
{
    double at;
    if (!r->col_stat || r->col_stat[j] != ARS_AT_LOWER || !isfinite(r->cost_lo[j]))
        return NAN;
    at = to_param(cp, r->cost_lo[j]);
    if (at <= 1e-9 * (1 + fabs(cp->current)))
        return NAN; /* it would have to be free, or paid for, to be wanted */
    return cp->current - at;
}

int ars__cost_ranges_json(const struct ars_result *r, cJSON *root)
{
    const ars__program *p = r->prog;
    const char *cur = r->model->currency ? r->model->currency : "money units";
    cJSON *a, *o;
    cost_param cp;
    char buf[256], text[1024];
    int j, ok = 1;
    if (!r->cost_lo)
        return 0;
    if (!(a = cJSON_AddArrayToObject(root, "cost_ranges")))
        return -1;
    for (j = 0; ok && j < p->ncols; j++) {
        double cb;
        if (isnan(r->cost_lo[j]) || describe(r, j, &cp) != 0)
            continue;
        cb = cheaper_by(r, j, &cp);
        ok = (o = cJSON_CreateObject()) != NULL && cJSON_AddItemToArray(a, o);
        if (!ok) {
            cJSON_Delete(o);
            break;
        }
        ok = cJSON_AddStringToObject(o, "parameter", cp.path) &&
             cJSON_AddStringToObject(o, "column", ars__col_name(p, j, buf, sizeof buf)) &&
             cJSON_AddStringToObject(o, "status", col_status(r, j)) &&
             cJSON_AddItemToObject(o, "quantity", ars__explain_number(r->x[j])) &&
             cJSON_AddItemToObject(o, "current", ars__explain_number(cp.current)) &&
             cJSON_AddItemToObject(o, "from", ars__explain_number(to_param(&cp, r->cost_lo[j]))) &&
             cJSON_AddItemToObject(o, "to", ars__explain_number(to_param(&cp, r->cost_hi[j])));
        if (ok && isfinite(cb)) {
            char by[64], to[64], now[64];
            ars__fmt_sig(by, sizeof by, ars__explain_tidy(cb), 4);
            ars__fmt_sig(to, sizeof to, ars__explain_tidy(cp.current - cb), 4);
            ars__fmt_sig(now, sizeof now, ars__explain_tidy(cp.current), 4);
            snprintf(text, sizeof text,
                     "%s would have to be %s %s per unit cheaper (%s instead of %s) to "
                     "enter the plan",
                     cp.subject, by, cur, to, now);
            ok = cJSON_AddItemToObject(o, "cheaper_by", ars__explain_number(cb)) &&
                 cJSON_AddStringToObject(o, "text", text);
        }
    }
    return ok ? 0 : -1;
}

typedef struct near {
    int col;
    double by;
} near;

static int near_cmp(const void *a, const void *b)
{
    const near *x = a, *y = b;
    if (x->by != y->by)
        return x->by < y->by ? -1 : 1;
    return x->col - y->col;
}

void ars__cost_ranges_print(const struct ars_result *r, FILE *fp, int top)
{
    const ars__program *p = r->prog;
    const char *cur = r->model->currency ? r->model->currency : "money units";
    near *v;
    cost_param cp;
    int j, n = 0, i;
    if (!r->cost_lo)
        return;
    v = ars__malloc(sizeof *v * (size_t)(p->ncols > 0 ? p->ncols : 1));
    if (!v)
        return;
    for (j = 0; j < p->ncols; j++) {
        double cb;
        if (isnan(r->cost_lo[j]) || describe(r, j, &cp) != 0)
            continue;
        cb = cheaper_by(r, j, &cp);
        if (isfinite(cb) && cb > EPS) {
            v[n].col = j;
            v[n].by = cb;
            n++;
        }
    }
    if (n > 0) {
        qsort(v, (size_t)n, sizeof *v, near_cmp);
        fprintf(fp, "closest unused options (%d of %d): how much cheaper per unit to enter\n",
                n < top ? n : top, n);
        for (i = 0; i < n && i < top; i++) {
            char by[64], to[64], now[64];
            describe(r, v[i].col, &cp);
            ars__fmt_sig(by, sizeof by, ars__explain_tidy(v[i].by), 4);
            ars__fmt_sig(to, sizeof to, ars__explain_tidy(cp.current - v[i].by), 4);
            ars__fmt_sig(now, sizeof now, ars__explain_tidy(cp.current), 4);
            fprintf(fp, "  %-56.56s %s %s cheaper (%s instead of %s)\n", cp.subject, by, cur, to,
                    now);
        }
    }
    ars__free(v);
}
