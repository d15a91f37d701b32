/* solve.c - the solve sequence of model-format.md section 9: a list of
 * stages, each minimising its objective while every earlier stage's optimum
 * is held. Lexicographic: S, then C; weighted: one stage; with
 * objective.smooth either is followed by the smooth stage (V, see
 * smooth_begin). Time limit and cancel over the whole solve.
 *
 * Holding an earlier optimum exactly. GLPK enforces a row bound only to its
 * primal feasibility tolerance (about 1e-7 (1 + |bound|)), so a bound row
 * S <= S* alone lets the cost stage give up shortfall for money. With
 * `tolerance` 0 (the default), every column and row that the earlier
 * stage's duals price (non-zero reduced cost or dual) is fixed at its
 * active bound before the next stage, as hierarchical multi-objective
 * solvers do: any point of that face has the earlier objective at its
 * optimum, so the next stage cannot trade it. The bound row stays as a
 * guard for what the duals call zero. The bounds are put back after the
 * last stage.
 *
 * Each stage keeps its own optimal basis, and a warm solve starts every
 * stage from that stage's basis of the previous variant (only bounds and
 * right-hand sides changed, so each stays dual feasible: dual simplex).
 * The cost stage's is taken before its face is fixed (finish_on_face).
 *
 * A MIP runs the stages as MIPs, then the LP with the integer decisions
 * fixed at their rounded values runs them again: the plan and the duals
 * come from that LP, so no integrality tolerance leaks into the plan. */
#include "lp/solve.h"

#include "lp/ranging.h"
#include "lp/verify.h"

#include "util/util.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void ars_solve_opts_default(ars_solve_opts *o)
{
    memset(o, 0, sizeof *o);
    o->verify = 1;
    o->ranging = 1;
    o->solver = ars_solver_default();
}

static void bases_free(ars__basis *b)
{
    int k;
    for (k = 0; k < ARS__NBASES; k++) {
        ars__free(b[k].rows);
        ars__free(b[k].cols);
        b[k].rows = b[k].cols = NULL;
        b[k].has = 0;
    }
}

static int bases_alloc(ars__basis *b, const ars__program *p)
{
    int k, ok = 1;
    for (k = 0; k < ARS__NBASES; k++) {
        b[k].rows = ars__malloc((size_t)(p->nrows > 0 ? p->nrows : 1));
        b[k].cols = ars__malloc((size_t)(p->ncols > 0 ? p->ncols : 1));
        b[k].has = 0;
        ok = ok && b[k].rows && b[k].cols;
    }
    if (!ok)
        bases_free(b);
    return ok ? ARS_OK : ARS_ENOMEM;
}

void ars__bases_free(ars__basis copy[ARS__NBASES])
{
    bases_free(copy);
}

int ars__solver_save_bases(const ars__solver *s, ars__basis copy[ARS__NBASES])
{
    int k;
    if (bases_alloc(copy, s->prog) != ARS_OK)
        return ARS_ENOMEM;
    for (k = 0; k < ARS__NBASES; k++) {
        memcpy(copy[k].rows, s->basis[k].rows, (size_t)s->prog->nrows);
        memcpy(copy[k].cols, s->basis[k].cols, (size_t)s->prog->ncols);
        copy[k].has = s->basis[k].has;
    }
    return ARS_OK;
}

void ars__solver_restore_bases(ars__solver *s, const ars__basis copy[ARS__NBASES])
{
    int k;
    for (k = 0; k < ARS__NBASES; k++) {
        memcpy(s->basis[k].rows, copy[k].rows, (size_t)s->prog->nrows);
        memcpy(s->basis[k].cols, copy[k].cols, (size_t)s->prog->ncols);
        s->basis[k].has = copy[k].has;
    }
    s->has_basis = copy[0].has;
}

int ars__solver_init(ars__solver *s, ars__program *prog, int solver, ars_error *err)
{
    int rc;
    memset(s, 0, sizeof *s);
    if (bases_alloc(s->basis, prog) != ARS_OK)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    rc = ars__backend_load_with(solver, prog, 1, &s->be, err);
    if (rc) {
        bases_free(s->basis);
        return rc;
    }
    s->prog = ars__program_ref(prog);
    return ARS_OK;
}

void ars__solver_release(ars__solver *s)
{
    ars__backend_free(s->be);
    bases_free(s->basis);
    ars__program_unref(s->prog);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------ stages */

static void objective_shortfall(const ars__program *p, double *obj)
{
    memcpy(obj, p->obj_s, sizeof(double) * (size_t)p->ncols);
}

static void objective_cost(const ars__program *p, double *obj)
{
    memcpy(obj, p->obj_c, sizeof(double) * (size_t)p->ncols);
}

static void objective_weighted(const ars__program *p, double *obj)
{
    const ars__objective *ob = &p->model->objective;
    int j;
    for (j = 0; j < p->ncols; j++)
        obj[j] = ob->shortfall_weight * p->obj_s[j] + ob->cost_weight * p->obj_c[j];
}

/* The variation V of spec 1.1 section 9: sum up + down (formulate.c). */
static void objective_variation(const ars__program *p, double *obj)
{
    int j;
    for (j = 0; j < p->ncols; j++)
        obj[j] = p->col_tag[j].family == ARS_COL_UP || p->col_tag[j].family == ARS_COL_DOWN;
}

/* One stage of the sequence. Adding a stage is one more entry in a table
 * below: the earlier optima are held by fixing their priced columns and
 * rows, whatever the objectives. */
typedef struct stage_def {
    const char *name; /* in messages: "<name> stage: infeasible" */
    void (*objective)(const ars__program *p, double *obj);
    int bound_on_lex_row; /* 1: the previous stage's objective is S, also
                             held by the bound row p->lex_row <= S* + tolerance */
    int hint;             /* ARS_STAGE_*: lets a backend pick its algorithm */
    int smooth;           /* 1: the smooth stage (see smooth_begin): last, LP only,
                             run only with objective.smooth, no duals reported */
} stage_def;

static const stage_def lexicographic_stages[] = {
    {"shortfall", objective_shortfall, 0, ARS_STAGE_SHORTFALL, 0},
    {"cost", objective_cost, 1, ARS_STAGE_COST, 0},
    {"smooth", objective_variation, 0, ARS_STAGE_SMOOTH, 1},
};
static const stage_def weighted_stages[] = {
    {"weighted", objective_weighted, 0, ARS_STAGE_WEIGHTED, 0},
    {"smooth", objective_variation, 0, ARS_STAGE_SMOOTH, 1},
};

typedef struct run_ctx {
    ars__solver *s;
    ars__program *p;
    struct ars_result *r;
    const stage_def *stages;
    int nstages;
    int fix_face;                       /* tolerance 0: hold earlier optima by fixing (see top) */
    double *obj;                        /* [ncols] the stage's objective */
    double *y, *d;                      /* [nrows], [ncols] duals of the stage just solved */
    double *prev_obj;                   /* [ncols] the previous stage's objective */
    double prev_opt;                    /* and its optimum */
    double *y0, *d0;                    /* the shortfall stage's, for the cost stage's duals */
    double *y1, *d1;                    /* least_rate's */
    unsigned char *row_stat, *col_stat; /* its basis */
    /* A cost stage's basis without the face (finish_on_face). */
    unsigned char *row_stat2, *col_stat2;
    /* Face fixing: which bound a column / row was fixed at by us
     * (ARS_AT_LOWER / ARS_AT_UPPER), 0 when not fixed by us. */
    unsigned char *col_side, *row_side;
    int *idx;        /* [max(nrows, ncols)] scratch for batched bound changes */
    double *lb, *ub; /* likewise */
    double deadline;
    volatile int *cancel;
    volatile int *stop;        /* ars_solve_opts.stop: end the search, keep the best plan */
    double *warmup;            /* [ncols] a cold shortfall stage's warm-up objective, or NULL */
    double *held_x, *held_act; /* [ncols], [nrows] the plan before the smooth stage */
    double held_S, held_C;     /* and its S and C */
    double smooth_t0;          /* when the smooth stage began */
    int swing_on;              /* the swing rows are = 0 (smooth stage), not free */
    double lex_lb, lex_ub;     /* the lex row's bounds, as set_stage set them */
    unsigned char *smooth_rows, *smooth_cols; /* the smooth stage's first basis */
    double mip_gap;
    int ranging;          /* explain with ranging (ars_solve_opts.ranging) */
    int stood_in;         /* the stages started from the weighted stand-in's optimum */
    int stand_in_stopped; /* ... which took too long: the run is redone cold */
} run_ctx;

static double time_left(const run_ctx *c)
{
    double left;
    if (c->deadline <= 0)
        return 0;
    left = c->deadline - ars__now();
    return left > 0.001 ? left : 0.001;
}

static int cancelled(const run_ctx *c)
{
    return c->cancel && *c->cancel;
}

static int stop_asked(const run_ctx *c)
{
    return c->stop && *c->stop;
}

/* The relative gap of a stopped branch-and-cut for a note: CBC's stays
 * unknown (clp_backend.c). */
static const char *gap_text(double gap, char *buf, size_t size)
{
    if (!isfinite(gap))
        return "not known";
    snprintf(buf, size, "%.3g", gap);
    return buf;
}

/* A backend may start a cold shortfall stage from the optimum of a
 * weighted objective (CLP: bench/RESULTS.md); S weighs 10x the model's
 * weight there, which left fewer pivots in total than 1x on the generated
 * models measured. NULL when out of memory: the hint is only a hint. */
static const double *shortfall_warmup(run_ctx *c)
{
    const ars__program *p = c->p;
    const ars__objective *ob = &p->model->objective;
    int j;
    c->warmup = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    if (!c->warmup)
        return NULL;
    for (j = 0; j < p->ncols; j++)
        c->warmup[j] = 10 * ob->shortfall_weight * p->obj_s[j] + ob->cost_weight * p->obj_c[j];
    return c->warmup;
}

/* A stop asked for between stages: the plan of the stages before stands. */
static void stopped_before(run_ctx *c, int k, int *stage_status)
{
    *stage_status = ARS_ST_FEASIBLE;
    ars__result_note(c->r,
                     "interrupted before the %s stage: the plan is the best found for the "
                     "stages before it but not for this one",
                     c->stages[k].name);
}

static double cur_col_lb(const run_ctx *c, int j)
{
    return c->s->col_lb ? c->s->col_lb[j] : c->p->col_lb[j];
}
static double cur_col_ub(const run_ctx *c, int j)
{
    return c->s->col_ub ? c->s->col_ub[j] : c->p->col_ub[j];
}
static double cur_row_lb(const run_ctx *c, int i)
{
    return c->s->row_lb ? c->s->row_lb[i] : c->p->row_lb[i];
}
static double cur_row_ub(const run_ctx *c, int i)
{
    return c->s->row_ub ? c->s->row_ub[i] : c->p->row_ub[i];
}

static void smooth_lex_bounds(const run_ctx *c, double slack, double *lb, double *ub);
static double variation_of(const ars__program *p, const double *x, double *swings);

/* Sets stage k's objective, and the lex row: free in stage 0, <= bound
 * where the stage holds S on it. */
static int set_stage(run_ctx *c, int k, double lex_ub, ars_error *err)
{
    int lex = c->p->lex_row, rc;
    double lb = -HUGE_VAL, ub = c->stages[k].bound_on_lex_row ? lex_ub : HUGE_VAL;
    if (c->stages[k].smooth)
        smooth_lex_bounds(c, 0, &lb, &ub);
    c->stages[k].objective(c->p, c->obj);
    c->lex_lb = lb;
    c->lex_ub = ub;
    rc = ars__backend_set_objective(c->s->be, c->obj, err);
    if (rc == ARS_OK && lex >= 0)
        rc = ars__backend_set_row_bounds(c->s->be, 1, &lex, &lb, &ub, err);
    return rc;
}

static double dot(const double *a, const double *b, int n)
{
    double s = 0;
    int j;
    for (j = 0; j < n; j++)
        s += a[j] * b[j];
    return s;
}

/* How small a reduced cost or dual of the previous stage may be and still
 * count as pricing its column or row, relative to that stage's largest
 * objective coefficient. The first is about GLPK's dual feasibility
 * tolerance: below it a dual may be rounding noise of a zero one (after a
 * warm dual simplex especially), and fixing its column would cut the face,
 * not hold it, costing the next stage its optimum. When what is left
 * unfixed still lets the held objective slip by more than 1e-9 relative
 * (the bound row only holds it to GLPK's primal tolerance), the next is
 * used, and the stage solved again from where it stopped. The last, every
 * nonzero price, is for the smooth stage alone: the plans it cuts off can
 * only cost it some variation, whereas the cost stage would lose its
 * optimum. Left free below 1e-9 of the largest cost, a column priced 1e-4
 * let the smooth stage trade C for V (tests/unit/test_solve_smooth.c's near
 * tie, with either backend), and so did CLP's small prices on size m of
 * bench/lib.sh: the stage was left out. (On size s CLP's C still moves
 * 1.9e-7 with every price fixed, through its tolerances: bench/RESULTS.md.) */
static const double face_tiers[] = {1e-7, 1e-9, 0};
#define NFACE_TIERS ((int)(sizeof face_tiers / sizeof *face_tiers))

/* The bound a priced column or row is fixed at: the one its basis status
 * holds it at (ARS_AT_LOWER / ARS_AT_UPPER, the value in *at), or 0 when
 * it is basic, free, already fixed or at an infinite bound. */
static unsigned char face_side(int st, double lo, double hi, double *at)
{
    if (lo == hi)
        return 0;
    if (st == ARS_AT_LOWER && lo > -HUGE_VAL) {
        *at = lo;
        return ARS_AT_LOWER;
    }
    if (st == ARS_AT_UPPER && hi < HUGE_VAL) {
        *at = hi;
        return ARS_AT_UPPER;
    }
    return 0;
}

/* Fixes at its active bound every non-basic column and row that the
 * previous stage prices beyond face_tiers[tier] (see above). */
static int fix_face(run_ctx *c, int tier, ars_error *err)
{
    const ars__program *p = c->p;
    double cmax = 1, eps;
    int j, i, n = 0, rc;
    for (j = 0; j < p->ncols; j++)
        if (fabs(c->prev_obj[j]) > cmax)
            cmax = fabs(c->prev_obj[j]);
    eps = face_tiers[tier] * cmax;
    for (j = 0; j < p->ncols; j++) {
        if (c->col_side[j] || fabs(c->d[j]) <= eps)
            continue;
        c->col_side[j] = face_side(c->col_stat[j], cur_col_lb(c, j), cur_col_ub(c, j), &c->lb[n]);
        if (c->col_side[j]) {
            c->ub[n] = c->lb[n];
            c->idx[n++] = j;
        }
    }
    if (n && (rc = ars__backend_set_col_bounds(c->s->be, n, c->idx, c->lb, c->ub, err)) != ARS_OK)
        return rc;
    n = 0;
    for (i = 0; i < p->nrows; i++) {
        if (i == p->lex_row || c->row_side[i] || fabs(c->y[i]) <= eps)
            continue;
        c->row_side[i] = face_side(c->row_stat[i], cur_row_lb(c, i), cur_row_ub(c, i), &c->lb[n]);
        if (c->row_side[i]) {
            c->ub[n] = c->lb[n];
            c->idx[n++] = i;
        }
    }
    if (n && (rc = ars__backend_set_row_bounds(c->s->be, n, c->idx, c->lb, c->ub, err)) != ARS_OK)
        return rc;
    return ARS_OK;
}

/* Sets every swing row to = 0 (on) or back to free. */
static int swing_rows(run_ctx *c, int on, ars_error *err)
{
    const ars__program *p = c->p;
    int i, n = 0;
    for (i = 0; i < p->nrows; i++)
        if (p->row_tag[i].family == ARS_ROW_SWING) {
            c->idx[n] = i;
            c->lb[n] = on ? 0 : -HUGE_VAL;
            c->ub[n] = on ? 0 : HUGE_VAL;
            n++;
        }
    c->swing_on = on;
    return n ? ars__backend_set_row_bounds(c->s->be, n, c->idx, c->lb, c->ub, err) : ARS_OK;
}

/* Fills c->idx, c->lb, c->ub with the n columns (or rows) that side marks:
 * their bounds in the model, or (fixed) the one each was fixed at. Returns
 * how many. */
static int side_bounds(run_ctx *c, const unsigned char *side, int n, int rows, int fixed)
{
    int k, m = 0;
    for (k = 0; k < n; k++)
        if (side[k]) {
            c->idx[m] = k;
            c->lb[m] = rows ? cur_row_lb(c, k) : cur_col_lb(c, k);
            c->ub[m] = rows ? cur_row_ub(c, k) : cur_col_ub(c, k);
            if (fixed && side[k] == ARS_AT_LOWER)
                c->ub[m] = c->lb[m];
            else if (fixed)
                c->lb[m] = c->ub[m];
            m++;
        }
    return m;
}

/* Sets every column and row fix_face fixed to the bound it was fixed at
 * (fixed) or back to the model's bounds, keeping the record of which. */
static int face_bounds(run_ctx *c, int fixed, ars_error *err)
{
    int n = side_bounds(c, c->col_side, c->p->ncols, 0, fixed), rc;
    if (n && (rc = ars__backend_set_col_bounds(c->s->be, n, c->idx, c->lb, c->ub, err)) != ARS_OK)
        return rc;
    n = side_bounds(c, c->row_side, c->p->nrows, 1, fixed);
    return n ? ars__backend_set_row_bounds(c->s->be, n, c->idx, c->lb, c->ub, err) : ARS_OK;
}

/* Puts back the bounds fix_face changed, and the swing rows. */
static int unfix_face(run_ctx *c, ars_error *err)
{
    int rc = face_bounds(c, 0, err);
    if (rc != ARS_OK)
        return rc;
    memset(c->col_side, 0, (size_t)c->p->ncols);
    memset(c->row_side, 0, (size_t)c->p->nrows);
    return c->swing_on ? swing_rows(c, 0, err) : ARS_OK;
}

/* The basis just solved, with what fix_face fixed reported at the bound it
 * was fixed at: that is its status in the model's own bounds, where the
 * basis is kept and reported. */
static int read_basis(run_ctx *c, ars_error *err)
{
    int j, i, rc = ars__backend_get_basis(c->s->be, c->row_stat, c->col_stat, err);
    if (rc != ARS_OK)
        return rc;
    for (j = 0; j < c->p->ncols; j++)
        if (c->col_side[j] && c->col_stat[j] != ARS_BASIC)
            c->col_stat[j] = c->col_side[j];
    for (i = 0; i < c->p->nrows; i++)
        if (c->row_side[i] && c->row_stat[i] != ARS_BASIC)
            c->row_stat[i] = c->row_side[i];
    return ARS_OK;
}

static void save_basis(run_ctx *c, int k)
{
    memcpy(c->s->basis[k].rows, c->row_stat, (size_t)c->p->nrows);
    memcpy(c->s->basis[k].cols, c->col_stat, (size_t)c->p->ncols);
    c->s->basis[k].has = 1;
}

static int alloc_duals(struct ars_result *r, int stage)
{
    const ars__program *p = r->prog;
    if (!r->dual[stage])
        r->dual[stage] = ars__calloc((size_t)(p->nrows > 0 ? p->nrows : 1), sizeof(double));
    if (!r->redcost[stage])
        r->redcost[stage] = ars__calloc((size_t)(p->ncols > 0 ? p->ncols : 1), sizeof(double));
    return r->dual[stage] && r->redcost[stage] ? ARS_OK : ARS_ENOMEM;
}

/* Ranging of the stage just solved, while its basis is loaded (explain
 * only). A failure leaves the ranges out with a note; the plan stands,
 * unless GLPK itself failed, which the next call reports. */
static void range_stage(run_ctx *c, int stage)
{
    struct ars_result *r = c->r;
    int lex = c->p->model->objective.mode != ARS_OBJ_WEIGHTED;
    ars_error e;
    if (!r->explain || !c->ranging)
        return;
    ars_error_clear(&e);
    r->ranging_failed[stage] = 0;
    if (ars__ranging_stage(c->s->be, r, stage, lex ? stage == 1 : stage == 0, &e) != ARS_OK) {
        r->ranging_failed[stage] = 1;
        ars__result_note(r, "ranging unavailable: %.400s", e.message);
    }
}

/* The cost stage's duals as if S were held by the bound row alone.
 *
 * On the face (the priced columns and rows fixed), the cost stage's duals
 * y', d' say nothing of the trade between S and C: a fixed row's dual is
 * what forcing it costs. The program "min C, S <= S*" has the optimal
 * duals y = y' + mu y0, d = d' + mu d0 (y0, d0: the shortfall stage's)
 * with the lex row's dual y'_L - mu, for any mu >= 0 that gives every fixed
 * column and row the sign its bound needs (d0 is zero on the free ones, so
 * they keep theirs). The least such mu is the rate at which C falls when S
 * may rise: one more unit of shortfall saves mu - y'_L of cost. Those are
 * the duals reported, and that rate is r->cost_per_shortfall. */
static void hold_duals_on_lex_row(run_ctx *c)
{
    const ars__program *p = c->p;
    double mu = 0, cand;
    int j, i;
    for (j = 0; j < p->ncols; j++)
        if (c->col_side[j] && c->d0[j] != 0 && (cand = -c->d[j] / c->d0[j]) > mu)
            mu = cand;
    for (i = 0; i < p->nrows; i++)
        if (c->row_side[i] && c->y0[i] != 0 && (cand = -c->y[i] / c->y0[i]) > mu)
            mu = cand;
    for (j = 0; j < p->ncols; j++)
        c->d[j] += mu * c->d0[j];
    for (i = 0; i < p->nrows; i++)
        if (i != p->lex_row)
            c->y[i] += mu * c->y0[i];
    if (p->lex_row >= 0) {
        c->y[p->lex_row] -= mu;
        c->r->cost_per_shortfall = -c->y[p->lex_row];
    } else {
        c->r->cost_per_shortfall = mu;
    }
}

/* The least rate of the cost stage, found by probing: the duals that
 * hold_duals_on_lex_row combines are those of two vertices, and the least
 * mu over them can lie far above the least over all optimal duals
 * (measured with CLP on a one-demand variant of a 2,390-row model: 1.87e9
 * where C falls at 4.54e7 per unit of S). C is convex in the lex row's
 * bound b; its slope just above b = S* is the least rate. So the cost
 * stage is solved without the face at b a little above, and the basis
 * found is re-solved at b itself: when it is still optimal there (no
 * pivot), C is linear between the two with that basis's price, which is
 * then the least rate, and its duals are optimal at S* too (those
 * reported). Otherwise the step shrinks and the probe goes on from there
 * by dual simplex. Leaves the stage without the face at its held bound,
 * with *found 1 and the probe's optimum loaded, or *found 0 and some
 * basis loaded (back_on_face puts the stage's own back).
 *
 * Its budget is an eighth of the solve's pivots, at least RATE_PIVOTS and
 * at most RATE_PIVOTS_MAX. Over 86 solves (43 models from the tutorial to
 * models/large.json's 25.9k rows, both backends; bench/RESULTS.md, "The
 * least-rate probe's budget") it found a lower rate 7 times, within 561
 * pivots, and confirmed the vertex's (50 times) within 917; it ran out of
 * its budget 26 times, on the steepest models (C falling over 3.5e5 times
 * faster than S rises, in relative terms), after up to 33,568 pivots: 64 s
 * of a 231 s GLPK solve spent for nothing. */
#define RATE_STEP 1e-7
#define RATE_STEPS 3
#define RATE_PIVOTS 100
#define RATE_PIVOTS_MAX 1000

static int least_rate(run_ctx *c, int *found, ars_error *err)
{
    const ars__program *p = c->p;
    ars__solver *s = c->s;
    ars__solve_params prm;
    ars__solve_info info;
    double held = c->r->lex_bound, mu = c->r->cost_per_shortfall, lb = -HUGE_VAL, ub, t;
    long budget = c->r->iterations / 8;
    int rc, step, lex = p->lex_row;
    *found = 0;
    if (budget > RATE_PIVOTS_MAX)
        budget = RATE_PIVOTS_MAX;
    if (budget < RATE_PIVOTS)
        budget = RATE_PIVOTS;
    if ((rc = face_bounds(c, 0, err)) != ARS_OK ||
        (rc = ars__backend_set_basis(s->be, c->row_stat, c->col_stat, err)) != ARS_OK)
        return rc;
    for (step = 0, t = RATE_STEP; step < RATE_STEPS && budget > 0; step++, t /= 16) {
        memset(&prm, 0, sizeof prm);
        prm.warm = prm.no_cold_retry = 1;
        /* First from the stage's optimum, which stays feasible; then
         * from the last probe's, which stays dual feasible. */
        prm.dual = step > 0;
        prm.it_limit = (int)budget;
        prm.time_limit = time_left(c);
        prm.cancel = c->cancel;
        ub = held + t * fmax(1, fabs(c->r->S_star));
        if ((rc = ars__backend_set_row_bounds(s->be, 1, &lex, &lb, &ub, err)) != ARS_OK ||
            (rc = ars__backend_solve_lp(s->be, &prm, &info, err)) != ARS_OK)
            return rc;
        c->r->iterations += info.iterations;
        budget -= info.iterations;
        if (info.status != ARS_ST_OPTIMAL || cancelled(c))
            return ARS_OK;
        if ((rc = ars__backend_duals(s->be, c->y1, c->d1, err)) != ARS_OK)
            return rc;
        /* The price there is at most the least rate (C is convex in b),
         * the vertices' at least: equal, it is the least (the usual case,
         * and the vertices' duals stay the ones reported). */
        if (-c->y1[lex] >= mu - 1e-9 * fabs(mu))
            return ARS_OK;
        prm.dual = 1;
        prm.it_limit = 1;
        if ((rc = ars__backend_set_row_bounds(s->be, 1, &lex, &lb, &held, err)) != ARS_OK ||
            (rc = ars__backend_solve_lp(s->be, &prm, &info, err)) != ARS_OK)
            return rc;
        c->r->iterations += info.iterations;
        budget -= info.iterations;
        if (info.status == ARS_ST_OPTIMAL && info.iterations == 0) {
            c->r->cost_per_shortfall = -c->y1[lex];
            *found = 1;
            return ARS_OK;
        }
    }
    return ARS_OK;
}

/* After least_rate: the face fixed again, the lex row at its held bound
 * and the stage's own optimal basis loaded, as the later stages expect;
 * solved again from it (no pivot) when ranging is to read it. */
static int back_on_face(run_ctx *c, int resolve, ars_error *err)
{
    ars__solve_params prm;
    ars__solve_info info;
    double lb = -HUGE_VAL, held = c->r->lex_bound;
    int rc;
    if ((rc = face_bounds(c, 1, err)) != ARS_OK ||
        (rc = ars__backend_set_row_bounds(c->s->be, 1, &c->p->lex_row, &lb, &held, err)) !=
            ARS_OK ||
        (rc = ars__backend_set_basis(c->s->be, c->row_stat, c->col_stat, err)) != ARS_OK ||
        !resolve)
        return rc;
    memset(&prm, 0, sizeof prm);
    prm.warm = 1;
    prm.time_limit = time_left(c);
    prm.cancel = c->cancel;
    if ((rc = ars__backend_solve_lp(c->s->be, &prm, &info, err)) != ARS_OK)
        return rc;
    c->r->iterations += info.iterations;
    return ARS_OK;
}

/* Duals of the LP stage just solved, into c->y / c->d and, for the stages
 * the result reports (shortfall and cost), into the result. */
static int read_duals(run_ctx *c, int stage, ars_error *err)
{
    int rc = ars__backend_duals(c->s->be, c->y, c->d, err), found = 0;
    if (rc != ARS_OK)
        return rc;
    if (stage == 0) {
        memcpy(c->y0, c->y, sizeof(double) * (size_t)c->p->nrows);
        memcpy(c->d0, c->d, sizeof(double) * (size_t)c->p->ncols);
    } else if (c->stages[stage].bound_on_lex_row) {
        if (c->fix_face)
            hold_duals_on_lex_row(c);
        else if (c->p->lex_row >= 0)
            c->r->cost_per_shortfall = -c->y[c->p->lex_row];
        if (c->fix_face && c->p->lex_row >= 0 && !c->s->values_only) {
            if ((rc = least_rate(c, &found, err)) != ARS_OK)
                return rc;
            if (!found &&
                (rc = back_on_face(c, stage < 2 && c->r->explain && c->ranging, err)) != ARS_OK)
                return rc;
        }
    }
    if (stage >= 2)
        return ARS_OK;
    if (alloc_duals(c->r, stage))
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory reading duals");
    /* The probe's duals are reported and ranged (without the face: the
     * prices of S held by the row alone); c->y, c->d stay those of the
     * face's basis, which the smooth stage fixes its face by. */
    memcpy(c->r->dual[stage], found ? c->y1 : c->y, sizeof(double) * (size_t)c->p->nrows);
    memcpy(c->r->redcost[stage], found ? c->d1 : c->d, sizeof(double) * (size_t)c->p->ncols);
    range_stage(c, stage);
    return found ? back_on_face(c, 0, err) : ARS_OK;
}

static void drop_duals(struct ars_result *r)
{
    int stage;
    for (stage = 0; stage < 2; stage++) {
        ars__free(r->dual[stage]);
        ars__free(r->redcost[stage]);
        ars__free(r->bound_lo[stage]);
        ars__free(r->bound_hi[stage]);
        ars__free(r->unique[stage]);
        r->dual[stage] = NULL;
        r->redcost[stage] = NULL;
        r->bound_lo[stage] = r->bound_hi[stage] = NULL;
        r->unique[stage] = NULL;
    }
    ars__free(r->cost_lo);
    ars__free(r->cost_hi);
    r->cost_lo = r->cost_hi = NULL;
}

/* The plan of the stage just solved. A column fixed (by the face, or by
 * the data) may have stayed basic, where GLPK leaves it within its primal
 * tolerance of its value (1e-9 off, say) rather than on it: it is put on
 * it, so that held objectives and plans from integer data come out exact. */
static int read_plan(run_ctx *c, int mip, ars_error *err)
{
    int j, rc = ars__backend_primal(c->s->be, mip, c->r->x, c->r->row_act, err);
    if (rc != ARS_OK || mip)
        return rc;
    for (j = 0; j < c->p->ncols; j++) {
        double lo = cur_col_lb(c, j), hi = cur_col_ub(c, j);
        if (c->col_side[j])
            c->r->x[j] = c->col_side[j] == ARS_AT_LOWER ? lo : hi;
        else if (lo == hi)
            c->r->x[j] = lo;
    }
    return ARS_OK;
}

/* The bound row S <= S* guards what the face leaves free. At S* exactly,
 * GLPK (which judges it to its own tolerances, on its scaled copy) can call
 * the face or, in branch and cut, the cost stage infeasible although the
 * previous optimum lies on it. Spec 1.1 allows S to exceed S* by
 * 1e-9 max(1, |S*|): a MIP's row always gets that much room (the plan's S
 * then comes from the LP with the integers fixed, which minimises S
 * again); an LP's only when the cost stage fails at S* exactly. */
#define LEX_SLACK 1e-9

/* An LP's room is half of that: the cost stage uses all the room it gets
 * wherever C falls as S rises, and the S* it is measured from is GLPK's
 * floating-point optimum, which may itself lie above the exact one (by
 * 1.0e-10 relative on a one-demand variant of `arsenal-gen --lines 40
 * --periods 16 --seed 7`, against glp_exact): with the whole 1e-9 as room
 * the returned S was 1.10e-9 above the exact S*, outside the spec. */
#define LEX_ROOM_LP 5e-10

/* The bound an earlier optimum S* allows the cost stage on the lex row. */
static double lex_bound(const run_ctx *c, double S_star, double slack)
{
    double tol = c->p->model->objective.tolerance;
    if (tol < slack)
        tol = slack;
    return S_star + tol * (fabs(S_star) > 1 ? fabs(S_star) : 1);
}

/* 1 when the plan just solved lets the previous stage's objective exceed
 * its optimum by more than 1e-9 max(1, |optimum|) (spec 1.1 section 9),
 * 0 when not, or an error code (< 0). Reads the plan into the result. */
static int held_slips(run_ctx *c, ars_error *err)
{
    int rc = read_plan(c, 0, err);
    double v;
    if (rc != ARS_OK)
        return rc;
    v = dot(c->prev_obj, c->r->x, c->p->ncols);
    return v - c->prev_opt > 1e-9 * (fabs(c->prev_opt) > 1 ? fabs(c->prev_opt) : 1);
}

/* ------------------------------------------------------- smooth stage */

/* Spec 1.1 section 9: the smooth stage minimises the variation V with every
 * earlier objective held at its optimum, no slack. It starts from the last
 * objective stage's optimum, which is feasible for it (primal simplex), on
 * that stage's optimal face: run_lp_stages fixes the face whatever the
 * tolerance, so the held objective cannot move by more than the duals call
 * zero; S stays held as in the cost stage (the stage-0 face and the lex
 * row). It is LP only: a MIP's runs on the LP with the integers fixed. */

/* 1 when v exceeds the held value by more than 1e-9 max(1, |held|). */
static int exceeds(double v, double held)
{
    return v - held > 1e-9 * (fabs(held) > 1 ? fabs(held) : 1);
}

/* Keeps the plan of the stages before, to hold it against and go back to,
 * and sets the swing rows to = 0. The previous optimum has them basic (they
 * were free) with up and down at 0: each row's up (or down, where output
 * fell) takes its place in the basis at the row's activity, which keeps
 * the basis regular (up and down appear in their row alone) and makes it
 * primal feasible, so the stage starts from that optimum. */
static int smooth_begin(run_ctx *c, ars_error *err)
{
    const ars__program *p = c->p;
    int i, rc, up, down;
    c->smooth_t0 = ars__now();
    memcpy(c->held_x, c->r->x, sizeof(double) * (size_t)p->ncols);
    memcpy(c->held_act, c->r->row_act, sizeof(double) * (size_t)p->nrows);
    c->held_S = dot(p->obj_s, c->r->x, p->ncols);
    c->held_C = dot(p->obj_c, c->r->x, p->ncols);
    unsigned char *rs = c->smooth_rows, *cs = c->smooth_cols;
    if ((rc = swing_rows(c, 1, err)) != ARS_OK ||
        (rc = ars__backend_get_basis(c->s->be, rs, cs, err)) != ARS_OK)
        return rc;
    for (i = 0; i < p->nrows; i++) {
        const ars__tag *g = &p->row_tag[i];
        if (g->family != ARS_ROW_SWING || rs[i] != ARS_BASIC)
            continue;
        up = ars__col_up(p, g->a, g->t);
        down = ars__col_down(p, g->a, g->t);
        if (cs[up] == ARS_BASIC || cs[down] == ARS_BASIC)
            continue;
        rs[i] = ARS_FIXED;
        cs[c->r->row_act[i] >= 0 ? up : down] = ARS_BASIC;
    }
    return ars__backend_set_basis(c->s->be, rs, cs, err);
}

/* The lex row in the smooth stage: S at most its value in the plan before
 * (the stage-0 face holds it from below) or, with a tolerance (no stage-0
 * face), equal to it, which with C's face holds C; free in weighted mode.
 * Equal to it, too, where the cost stage used the room above S*: the
 * stage-0 face then leaves S free down to S*, and C rises as S falls (on a
 * generated MIP's fixed LP, `arsenal-gen --lines 20 --products 5 --periods
 * 12 --components 10 --funds 4 --licences 3 --requirements 5 --seed 25
 * --mip`, the smooth plan had S 5e-10 lower and C 3.5e-9 higher, and was
 * left out on both backends). slack: the room spec 1.1 allows, relative
 * (smooth_retry). */
static void smooth_lex_bounds(const run_ctx *c, double slack, double *lb, double *ub)
{
    double room = slack * (fabs(c->held_S) > 1 ? fabs(c->held_S) : 1), at = c->held_S;
    *lb = -HUGE_VAL;
    *ub = HUGE_VAL;
    if (c->stages != lexicographic_stages)
        return;
    if (c->p->lex_row >= 0 && c->held_act[c->p->lex_row] > at)
        at = c->held_act[c->p->lex_row];
    *ub = at + room;
    if (!c->fix_face)
        *lb = c->held_S - room;
    else if (at > c->r->S_star)
        *lb = at - room;
}

/* On a face where S is held exactly, a warm solve of a generated model came
 * out infeasible to GLPK's tolerances although the plan before lies on it:
 * the stage is solved again from its first basis with the lex row given
 * half the 1e-9 max(1, |S|) spec 1.1 allows (LEX_ROOM_LP). Returns the new status in *status. */
static int smooth_retry(run_ctx *c, int *status, ars_error *err)
{
    ars__solve_params prm;
    ars__solve_info info;
    int lex = c->p->lex_row, rc;
    if (lex < 0 || c->stages != lexicographic_stages)
        return ARS_OK;
    smooth_lex_bounds(c, LEX_ROOM_LP, &c->lex_lb, &c->lex_ub);
    if ((rc = ars__backend_set_row_bounds(c->s->be, 1, &lex, &c->lex_lb, &c->lex_ub, err)) !=
            ARS_OK ||
        (rc = ars__backend_set_basis(c->s->be, c->smooth_rows, c->smooth_cols, err)) != ARS_OK)
        return rc;
    memset(&prm, 0, sizeof prm);
    prm.warm = 1;
    prm.time_limit = time_left(c);
    prm.cancel = c->cancel;
    prm.stage = ARS_STAGE_SMOOTH;
    rc = ars__backend_solve_lp(c->s->be, &prm, &info, err);
    c->r->iterations += info.iterations;
    *status = info.status;
    return rc;
}

/* Ends the smooth stage (status: how its LP ended). Its plan stands when
 * it is optimal and leaves S and C (lexicographic) or the weighted
 * objective where they were to 1e-9 relative; otherwise the plan of the
 * stages before is put back with a note, and a stage that did not end
 * optimal makes the status feasible (a warm answer is then redone cold).
 * Its duals are not read: the plan lies on the earlier stages' optimal
 * face, so their duals, the ones reported, stay optimal for it. */
static int smooth_end(run_ctx *c, int k, int status, int *stage_status, ars_error *err)
{
    struct ars_result *r = c->r;
    const ars__program *p = c->p;
    const ars__objective *ob = &p->model->objective;
    int rc, moved;
    if (status == ARS_ST_INFEASIBLE && !cancelled(c) &&
        (rc = smooth_retry(c, &status, err)) != ARS_OK)
        return rc;
    r->smooth_ms += (ars__now() - c->smooth_t0) * 1000.0;
    if (status == ARS_ST_OPTIMAL) {
        double S, C;
        if ((rc = read_plan(c, 0, err)) != ARS_OK)
            return rc;
        S = dot(p->obj_s, r->x, p->ncols);
        C = dot(p->obj_c, r->x, p->ncols);
        moved = c->stages == lexicographic_stages
                    ? exceeds(S, c->held_S) || exceeds(C, c->held_C)
                    : exceeds(ob->shortfall_weight * S + ob->cost_weight * C,
                              ob->shortfall_weight * c->held_S + ob->cost_weight * c->held_C);
        if (!moved) {
            /* Within its tolerance an optimum may lie above the plan it
             * started from: CLP's on the 40,751-row model of `bench/lib.sh`
             * size m had V 1.5e-7 relative above (9,446,624.3 against
             * 9,446,622.9). The plan before is then the stage's answer. */
            r->smoothed = 1;
            if (variation_of(p, r->x, NULL) > variation_of(p, c->held_x, NULL)) {
                memcpy(r->x, c->held_x, sizeof(double) * (size_t)p->ncols);
                memcpy(r->row_act, c->held_act, sizeof(double) * (size_t)p->nrows);
                r->V = variation_of(p, r->x, r->x);
            } else {
                r->V = dot(c->obj, r->x, p->ncols);
            }
            return ARS_OK;
        }
    }
    memcpy(r->x, c->held_x, sizeof(double) * (size_t)p->ncols);
    memcpy(r->row_act, c->held_act, sizeof(double) * (size_t)p->nrows);
    if (status != ARS_ST_OPTIMAL) {
        /* Stopped by the time limit the plan is not what was asked for; a
         * warm start that fails otherwise is confirmed cold; a cold one
         * (the face infeasible to the solver's tolerances although the
         * previous optimum lies on it) leaves an optimal plan, not smoothed. */
        if (status == ARS_ST_TIME_LIMIT || r->warm)
            *stage_status = ARS_ST_FEASIBLE;
        ars__result_note(r,
                         "%s stage stopped (%s): the plan is optimal for the stages before it, "
                         "its variation not minimised",
                         c->stages[k].name, ars__status_name(status));
    } else {
        ars__result_note(r,
                         "%s stage left out: its plan moved an earlier objective by more than "
                         "1e-9 relative; the plan is the one before it",
                         c->stages[k].name);
    }
    return ARS_OK;
}

/* V of plan x from the model's rates (spec 1.1 section 9), whichever stage
 * chose it. With swings (a plan, x itself), its up and down columns get
 * each change of output, as the smooth stage's plan has them. */
static double variation_of(const ars__program *p, const double *x, double *swings)
{
    const struct ars_model *m = p->model;
    double V = 0, prev = 0, out;
    int l, k, t;
    for (l = 0; l < m->nlines; l++)
        for (t = 0; t < p->T; t++, prev = out) {
            out = 0;
            for (k = 0; k < m->lines[l].nproduces; k++)
                out += m->lines[l].produces[k].rate * x[ars__col_x(p, l, k, t)];
            if (t > 0)
                V += fabs(out - prev);
            if (t > 0 && swings && ars__col_up(p, l, t) >= 0) {
                swings[ars__col_up(p, l, t)] = out > prev ? out - prev : 0;
                swings[ars__col_down(p, l, t)] = out < prev ? prev - out : 0;
            }
        }
    return V;
}

/* ------------------------------------------------------------- export */

/* path with ".name" before its extension (after the last '/'), or at the
 * end when it has none; ars__free. */
static char *stage_path(const char *path, const char *name)
{
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    size_t at = dot && dot > (slash ? slash : path) ? (size_t)(dot - path) : strlen(path);
    size_t len = strlen(path) + strlen(name) + 2;
    char *out = ars__malloc(len);
    if (out)
        snprintf(out, len, "%.*s.%s%s", (int)at, path, name, path + at);
    return out;
}

/* Writes stage k's program as the backend has it now (see
 * ars__export_stages): the model's bounds with the face fixed, the lex
 * row's and the swing rows' bounds of the stage, and, in a MIP's smooth
 * stage, the integer columns fixed and continuous. */
static int export_stage(run_ctx *c, int k, ars_error *err)
{
    const ars__program *p = c->p;
    ars__program tmp;
    int j, i, rc = ARS_OK, fixed_ints = p->mip && c->stages[k].smooth;
    size_t nc = (size_t)(p->ncols > 0 ? p->ncols : 1), nr = (size_t)(p->nrows > 0 ? p->nrows : 1);
    double *clb = ars__malloc(sizeof(double) * nc), *cub = ars__malloc(sizeof(double) * nc);
    double *rlb = ars__malloc(sizeof(double) * nr), *rub = ars__malloc(sizeof(double) * nr);
    unsigned char *kind = ars__malloc(nc);
    if (!clb || !cub || !rlb || !rub || !kind) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory exporting a stage");
        goto out;
    }
    for (j = 0; j < p->ncols; j++) {
        clb[j] = cur_col_lb(c, j);
        cub[j] = cur_col_ub(c, j);
        kind[j] = fixed_ints ? ARS_KIND_CONT : p->col_kind[j];
        if (fixed_ints && p->col_kind[j] != ARS_KIND_CONT)
            clb[j] = cub[j] = floor(c->r->x[j] + 0.5);
        else if (c->col_side[j])
            clb[j] = cub[j] = c->col_side[j] == ARS_AT_LOWER ? clb[j] : cub[j];
    }
    for (i = 0; i < p->nrows; i++) {
        rlb[i] = cur_row_lb(c, i);
        rub[i] = cur_row_ub(c, i);
        if (i == p->lex_row) {
            rlb[i] = c->lex_lb;
            rub[i] = c->lex_ub;
        } else if (p->row_tag[i].family == ARS_ROW_SWING && c->swing_on) {
            rlb[i] = rub[i] = 0;
        } else if (c->row_side[i]) {
            rlb[i] = rub[i] = c->row_side[i] == ARS_AT_LOWER ? rlb[i] : rub[i];
        }
    }
    memcpy(&tmp, p, sizeof tmp);
    tmp.col_lb = clb;
    tmp.col_ub = cub;
    tmp.row_lb = rlb;
    tmp.row_ub = rub;
    tmp.col_kind = kind;
    for (i = 0; i < 2 && rc == ARS_OK; i++) {
        const char *base = i == 0 ? c->s->export_lp : c->s->export_mps;
        char *path;
        if (!base)
            continue;
        path = k == 0 ? NULL : stage_path(base, c->stages[k].name);
        if (k > 0 && !path)
            rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory exporting a stage");
        else
            rc = ars__backend_write(&tmp, c->obj, i == 0 ? ARS_WRITE_LP : ARS_WRITE_MPS,
                                    path ? path : base, err);
        ars__free(path);
    }
    if (rc == ARS_OK)
        c->s->exported = k + 1;
out:
    ars__free(clb);
    ars__free(cub);
    ars__free(rlb);
    ars__free(rub);
    ars__free(kind);
    return rc;
}

/* How stage 0 of a run of LP stages starts. */
enum { START_COLD, START_SAVED, START_LOADED };

/* The cost stage's basis kept for the next variant is that of "min C,
 * S <= S*" with the model's own bounds, not the one on the face: a variant
 * moves the face (a new demand changes which columns the shortfall stage
 * prices), and a basis taken with the old face fixed is then neither primal
 * nor dual feasible (measured at 1,774 rows: a dual phase 1 and 250-800
 * pivots, about a cold cost stage). Without the face only bounds and
 * right-hand sides change between variants, so the kept basis stays dual
 * feasible as in weighted mode. The face is fixed after that solve and the
 * stage finished from its optimum by dual simplex (fixing keeps dual
 * feasibility), so the plan is held on the face as before. */
static int cost_stage_without_face(const run_ctx *c, int k, int start, int save)
{
    /* GLPK only: CLP's dual simplex on the face after it did not end on
     * a what-if of every capacity times 1e-12 (tests/cli/gen_models.sh);
     * CLP keeps the face fixed before the cost stage. */
    if (!(k > 0 && c->fix_face && c->stages[k].bound_on_lex_row) ||
        ars__backend_solver(c->s->be) != ARS_SOLVER_GLPK)
        return 0;
    /* The LP of a MIP with its integers fixed: from the cost stage's
     * relaxation basis, which fixing integers leaves dual feasible. */
    if (start == START_LOADED)
        return c->s->basis[k].has;
    return save;
}

/* The room the cost stage gets on the lex row from its start: GLPK's
 * without the face, and CLP's on the face in a cold run; finish_on_face
 * then tries S* exactly on the face from that optimum (the room alone
 * leaks into the answer: S 70.000000035 for 70 on tests/cli/stdin.sh's
 * model, where C falls as S rises), the room's optimum standing where that
 * does not end within FACE_PIVOTS. Where C is steep in S, the face at S*
 * exactly leaves CLP's primal simplex on a knife edge: on size `m` of
 * bench/lib.sh (40,751 rows, C falling by 1.8e15 for a unit of S) its cost
 * stage from the shortfall stage's polished optimum ran for over 15 minutes,
 * refactorizing every few pivots, and `arsenal solve --solver clp` did not
 * finish; with the room it took 28,682 pivots, 43 s (bench/RESULTS.md). */
static double cost_stage_room(const run_ctx *c, int k, int start, int save)
{
    if (cost_stage_without_face(c, k, start, save))
        return LEX_ROOM_LP;
    if (k > 0 && c->fix_face && c->stages[k].bound_on_lex_row && start == START_COLD &&
        ars__backend_solver(c->s->be) != ARS_SOLVER_GLPK)
        return LEX_ROOM_LP;
    return 0;
}

#define FACE_PIVOTS 500

/* Keeps the basis of the solve without the face (or, CLP's, on it with
 * the room: cost_stage_room) as stage k's, fixes the face and finishes the
 * stage from there at S* exactly. When the face does not solve
 * (GLPK's tolerances at S* exactly), the spec's room on the lex row, and
 * failing that the solve without the face stands (held by the row).
 *
 * That last is GLPK's own optimum, and yet its basis, factorized afresh,
 * need not be: on size `s` of bench/lib.sh with `--seed 1` (14,624 rows,
 * C falling 2.3e12 for a unit of S) GLPK's primal simplex went on from it
 * for 216,440 pivots (its stall limit, glpk_backend.c) and then the dual
 * for 71, 175 s of a 214 s solve, where solving again from the shortfall
 * stage's optimum took 1,420 pivots. So GLPK gets FACE_PIVOTS from that
 * basis, then a last attempt from the shortfall stage's optimum (still in
 * c->row_stat / col_stat: read_basis reads stage k's after this), which is
 * feasible there and is where the stage's own solve started. */
static int finish_on_face(run_ctx *c, int k, int keep, ars__solve_info *info, ars_error *err)
{
    ars__solver *s = c->s;
    ars__solve_params prm;
    int rc, attempt, attempts = ars__backend_solver(s->be) == ARS_SOLVER_GLPK ? 4 : 3;
    if (keep) {
        if ((rc = ars__backend_get_basis(s->be, s->basis[k].rows, s->basis[k].cols, err)) != ARS_OK)
            return rc;
        s->basis[k].has = 1;
    } else if ((rc = ars__backend_get_basis(s->be, c->row_stat2, c->col_stat2, err)) != ARS_OK) {
        return rc;
    }
    if ((rc = fix_face(c, 0, err)) != ARS_OK)
        return rc;
    for (attempt = 0; attempt < attempts; attempt++) {
        /* The room is tried from the basis without the face again: a
         * failed attempt at S* exactly may leave GLPK's cold retry's
         * basis (infeasible on the face), from which the dual simplex took
         * 15,708 pivots where this takes tens (every fund and demand
         * changed at 2,390 rows, after the shortfall stage's polish). */
        if (attempt == 1 &&
            (rc = ars__backend_set_basis(s->be, keep ? s->basis[k].rows : c->row_stat2,
                                         keep ? s->basis[k].cols : c->col_stat2, err)) != ARS_OK)
            return rc;
        if (attempt < 2 && c->p->lex_row >= 0) {
            /* S* exactly first, even where the solve without the face
             * needed the room: on the face the row only guards. */
            double lb = -HUGE_VAL, held = c->r->lex_bound =
                                       lex_bound(c, c->r->S_star, attempt == 0 ? 0 : LEX_ROOM_LP);
            if ((rc = ars__backend_set_row_bounds(s->be, 1, &c->p->lex_row, &lb, &held, err)) !=
                ARS_OK)
                return rc;
        } else if (attempt == 2) {
            if ((rc = unfix_face(c, err)) != ARS_OK ||
                (rc = ars__backend_set_basis(s->be, keep ? s->basis[k].rows : c->row_stat2,
                                             keep ? s->basis[k].cols : c->col_stat2, err)) !=
                    ARS_OK)
                return rc;
        } else if (attempt == 3 &&
                   (rc = ars__backend_set_basis(s->be, c->row_stat, c->col_stat, err)) != ARS_OK) {
            return rc;
        }
        memset(&prm, 0, sizeof prm);
        prm.warm = 1;
        prm.dual = attempt < 2;
        /* The next attempt is the fallback: GLPK's cold retry of a failed
         * warm start cost 1.9 s here for an answer the room gives at once. */
        prm.no_cold_retry = attempt < attempts - 1;
        /* From the optimum without the face a few pivots finish the stage
         * (0-340 measured over 43 generated models); where the face at S*
         * is infeasible to GLPK's tolerances its dual simplex may search
         * for minutes instead (14,740 rows: over 100 s) before the room is
         * tried. */
        prm.it_limit = attempt < attempts - 1 ? FACE_PIVOTS : 0;
        if (s->warm_it_limit > 0 && (prm.it_limit <= 0 || s->warm_it_limit < prm.it_limit))
            prm.it_limit = s->warm_it_limit;
        prm.time_limit = time_left(c);
        prm.cancel = c->cancel;
        prm.stage = c->stages[k].hint;
        rc = ars__backend_solve_lp(s->be, &prm, info, err);
        c->r->iterations += info->iterations;
        if (rc == ARS_OK && attempt < attempts - 1 && info->status != ARS_ST_OPTIMAL &&
            prm.it_limit == FACE_PIVOTS && info->iterations >= FACE_PIVOTS && !cancelled(c) &&
            !(c->deadline > 0 && ars__now() >= c->deadline))
            continue;
        if (rc != ARS_OK || info->status == ARS_ST_OPTIMAL || info->status == ARS_ST_TIME_LIMIT ||
            info->status == ARS_ST_CANCELLED || cancelled(c))
            return rc;
    }
    return ARS_OK;
}

/* Stage k is the cost stage, to be started from its own basis of the
 * previous variant (without the face: GLPK's; on it: CLP's), or else from
 * the shortfall stage's optimum: not after the stand-in, from whose
 * optimum it goes on instead. */
static int cost_from_shortfall(const run_ctx *c, int k, int without_face)
{
    return k > 0 && c->stages[k].bound_on_lex_row && !c->stood_in && (without_face || c->fix_face);
}

/* A warm cost stage (without the face, or on it) by dual simplex from its
 * own basis of the previous variant, stopped after half the pivots the last cost
 * stage from the shortfall optimum took (at least 20), and then solved that
 * way: by primal simplex from the shortfall stage's optimum just found
 * (still loaded in c->row_stat / col_stat). Which is faster depends on the
 * model: at 1,774 rows a demand change takes 80-230 dual pivots against
 * 1,100 primal; at 459 rows a fund change 150-520 dual against 35 primal.
 * CLP's, on the face of the previous variant, had no such limit: on
 * `arsenal-gen --lines 30 --periods 16 --funds 3 --seed 3`, a fund x1.3
 * after another, it took 7,739 dual pivots (1.0 s, the cold solve 0.46 s)
 * where the cold run's stage took 1,681 primal. */
static int cost_stage_warm(run_ctx *c, int k, ars__solve_params *prm, ars__solve_info *info,
                           ars_error *err)
{
    ars__solver *s = c->s;
    int limit = s->cost_from_shortfall_its / 2, rc, spent;
    if (limit < 20)
        limit = 20;
    if (s->cost_from_shortfall_its > 0 && (prm->it_limit <= 0 || limit < prm->it_limit))
        prm->it_limit = limit;
    rc = ars__backend_solve_lp(s->be, prm, info, err);
    /* Not ours to redo: an answer, a stop, or the tests' own limit. */
    if (rc != ARS_OK || info->status == ARS_ST_OPTIMAL || info->iterations < prm->it_limit ||
        s->cost_from_shortfall_its <= 0 || prm->it_limit == s->warm_it_limit || cancelled(c) ||
        (c->deadline > 0 && ars__now() >= c->deadline))
        return rc;
    spent = info->iterations;
    if ((rc = ars__backend_set_basis(s->be, c->row_stat, c->col_stat, err)) != ARS_OK)
        return rc;
    prm->dual = 0;
    prm->it_limit = s->warm_it_limit;
    prm->time_limit = time_left(c);
    rc = ars__backend_solve_lp(s->be, prm, info, err);
    if (rc == ARS_OK)
        s->cost_from_shortfall_its = info->iterations;
    info->iterations += spent;
    return rc;
}

/* ------------------------------------------------------ weighted stand-in */

/* A warm lexicographic run does not start its stages from their own bases
 * of the previous variant (a fund or demand change moves S*, and the
 * shortfall and cost stages then pivot hundreds of times each: measured
 * 686 + 193 dual pivots on the 8,051-row model) but from the optimum of one
 * weighted LP, the stand-in: min C + w S with w above the cost stage's
 * price of S (lambda, cost_per_shortfall). For w > lambda its optima are
 * exactly the lexicographic ones: the lexicographic optimum x* minimises
 * S, and C + lambda S (LP duality of the cost stage), hence their sum with
 * any (w - lambda) S; and a point that minimises C + w S = (C + lambda S) +
 * (w - lambda) S must reach both minima. A variant changes only bounds and
 * right-hand sides, so the stand-in's basis of the previous variant stays
 * dual feasible and dual simplex re-solves it in about as few pivots as a
 * weighted model (58 on that model, against 879). The shortfall and cost
 * stages then go on from its optimum by primal simplex as in a cold run,
 * usually proving it optimal in a pivot or two; where the variant's lambda
 * has outgrown w they simply pivot further. The answer is always the
 * stages': the stand-in only chooses where they start. Both backends; a
 * CLP run that does not stand in keeps CLP's own cost stage
 * (cost_stage_without_face). */

/* Twice the price of S: margin for a variant whose lambda grows, not so
 * large that C drowns in the stand-in's objective. */
#define STAND_IN_MARGIN 2.0

static void objective_stand_in(const run_ctx *c, double w)
{
    const ars__program *p = c->p;
    int j;
    for (j = 0; j < p->ncols; j++)
        c->obj[j] = p->obj_c[j] + w * p->obj_s[j];
}

static int stand_in_usable(const run_ctx *c)
{
    const ars__solver *s = c->s;
    return c->stages == lexicographic_stages && c->fix_face && c->p->lex_row >= 0 && !c->p->mip &&
           !s->values_only && !s->warm_primal;
}

/* Solves the stand-in by simplex (dual: from its basis of the previous
 * variant; primal: from a basis feasible here) with the lex row between 0
 * (S >= 0 holds anyway) and lex_ub. *optimal: 1 when it ended optimal with
 * the lex row basic or at 0, where the next variant's stand-in (lex row
 * >= 0) and the shortfall stage (lex row free: a free non-basic row is at 0
 * in GLPK) find it as it is; the basis is then kept at ARS__STAND_IN with
 * the weight it was found with. */
static int solve_stand_in(run_ctx *c, double w, int dual, double lex_ub, int it_limit, int *optimal,
                          ars_error *err)
{
    ars__solver *s = c->s;
    ars__basis *b = &s->basis[ARS__STAND_IN];
    ars__solve_params prm;
    ars__solve_info info;
    double lex_lb = 0;
    int rc, lex = c->p->lex_row;
    *optimal = 0;
    objective_stand_in(c, w);
    if ((rc = ars__backend_set_objective(s->be, c->obj, err)) != ARS_OK ||
        (rc = ars__backend_set_row_bounds(s->be, 1, &lex, &lex_lb, &lex_ub, err)) != ARS_OK)
        return rc;
    memset(&prm, 0, sizeof prm);
    prm.warm = 1;
    prm.dual = dual;
    prm.it_limit = it_limit;
    prm.time_limit = time_left(c);
    prm.cancel = c->cancel;
    prm.stage = ARS_STAGE_WEIGHTED;
    rc = ars__backend_solve_lp(s->be, &prm, &info, err);
    c->r->iterations += info.iterations;
    b->has = 0;
    if (rc != ARS_OK || info.status != ARS_ST_OPTIMAL) {
        c->stand_in_stopped = rc == ARS_OK && it_limit > 0 && info.iterations >= it_limit;
        return rc;
    }
    if ((rc = ars__backend_get_basis(s->be, b->rows, b->cols, err)) != ARS_OK)
        return rc;
    s->stand_in_weight = w;
    b->has = *optimal = b->rows[lex] == ARS_BASIC || b->rows[lex] == ARS_AT_LOWER;
    return ARS_OK;
}

/* The start of a warm run: the stand-in from its basis of the previous
 * variant. *used: its optimum is loaded for the shortfall stage. A variant
 * far from the previous one (every fund and demand changed) takes dual
 * simplex longer than a cold solve takes in all (measured at 2,390 rows:
 * 5,159 pivots against 2,900): past a quarter of the last cold solve's
 * pivots the stand-in stops, c->stand_in_stopped says so, and the run is
 * redone cold (run_lp_stages), which the stages' own bases did no better. */
static int stand_in_stage(run_ctx *c, int *used, ars_error *err)
{
    ars__solver *s = c->s;
    ars__basis *b = &s->basis[ARS__STAND_IN];
    long limit = s->cold_its / 4;
    int rc;
    *used = 0;
    if (!b->has || !(s->stand_in_weight > 0))
        return ARS_OK;
    if (limit < 50)
        limit = 50;
    if (s->warm_it_limit > 0 && s->warm_it_limit < limit)
        limit = s->warm_it_limit;
    if ((rc = ars__backend_set_basis(s->be, b->rows, b->cols, err)) != ARS_OK)
        return rc;
    return solve_stand_in(c, s->stand_in_weight, 1, HUGE_VAL,
                          s->cold_its > 0 || s->warm_it_limit > 0 ? (int)limit : 0, used, err);
}

/* After a run, the stand-in's basis for the next variant. From the cost
 * stage's basis without the face (a run that did not use the stand-in):
 * its point x* is the stand-in's optimum too, so primal simplex only has to
 * bring the lex row into the basis (measured: one pivot on each generated
 * model); the lex row keeps the cost stage's bound meanwhile so that x*
 * stays feasible. From the stand-in's own basis where its weight is no
 * longer above the new lambda with margin: primal simplex again, the
 * objective alone having changed. */
#define STAND_IN_KEEP_PIVOTS 50

static int keep_stand_in(run_ctx *c, int used, ars_error *err)
{
    ars__solver *s = c->s;
    ars__basis *from;
    double lambda = c->r->cost_per_shortfall, w = STAND_IN_MARGIN * lambda;
    int rc, optimal, limit = s->warm_it_limit;
    if (used && s->stand_in_weight > 1.5 * lambda)
        return ARS_OK;
    from = used ? &s->basis[ARS__STAND_IN] : &s->basis[1];
    if (!(isfinite(lambda) && lambda > 0) || !from->has) {
        s->basis[ARS__STAND_IN].has = 0;
        return ARS_OK;
    }
    if ((rc = ars__backend_set_basis(s->be, from->rows, from->cols, err)) != ARS_OK)
        return rc;
    /* CLP's cost stage basis is taken on the face (cost_stage_without_face):
     * with the face released its primal simplex usually reaches the
     * stand-in in a pivot, but after a variant that moved the plan far it
     * took thousands (4,755-7,094 after "all funds and demands" at 2,390
     * rows, longer than the cold solve); past 50 the stand-in is dropped
     * and the next variant starts from the stages' own bases. */
    if (!used && ars__backend_solver(s->be) != ARS_SOLVER_GLPK &&
        (limit <= 0 || limit > STAND_IN_KEEP_PIVOTS))
        limit = STAND_IN_KEEP_PIVOTS;
    return solve_stand_in(c, w, 0, used ? HUGE_VAL : lex_bound(c, c->r->S_star, LEX_ROOM_LP), limit,
                          &optimal, err);
}

/* Runs the stages as LPs. start: stage 0 from scratch, from its saved
 * basis, or from the basis loaded (the MIP's, with the integers fixed).
 * Later stages start from their saved basis when the run is warm (dual
 * simplex), else from the previous stage's optimum (primal simplex: it
 * stays feasible). save: keep each stage's basis for the next variant.
 * *stage_status: the first stage's status; on a later stage that does not
 * end optimal the plan of the stage before stands (status feasible, with a
 * message). Reads plan and duals into the result. */
static int run_lp_stages(run_ctx *c, int start, int save, int *stage_status, ars_error *err)
{
    struct ars_result *r = c->r;
    ars__solver *s = c->s;
    ars__solve_params prm;
    ars__solve_info info;
    int k, rc = ARS_OK, rc2, tier, without_face, finish_face;
    double held = HUGE_VAL;

    *stage_status = ARS_ST_ERROR;
    r->nstages = 0;
    c->stood_in = 0;
    if (start == START_SAVED && stand_in_usable(c)) {
        if ((rc = stand_in_stage(c, &c->stood_in, err)) != ARS_OK)
            return rc;
        if (c->stand_in_stopped) {
            *stage_status = ARS_ST_TIME_LIMIT;
            ars__result_note(r, "the warm start was stopped: the variant is solved from scratch");
            return ARS_OK;
        }
    }
    for (k = 0; k < c->nstages; k++) {
        if (cancelled(c))
            return ARS_ECANCELLED;
        if (k > 0 && stop_asked(c)) {
            stopped_before(c, k, stage_status);
            break;
        }
        tier = 0;
        if (c->stages[k].smooth && (rc = smooth_begin(c, err)) != ARS_OK)
            break;
        without_face = !c->stood_in && cost_stage_without_face(c, k, start, save);
        /* (Without the face, or CLP's on it with the room.) */
        finish_face = !c->stood_in && cost_stage_room(c, k, start, save) > 0;
        if (k > 0 && (c->fix_face || c->stages[k].smooth) && !without_face &&
            (rc = fix_face(c, tier, err)) != ARS_OK)
            break;
        if ((rc = set_stage(c, k, held, err)) != ARS_OK)
            break;
        memset(&prm, 0, sizeof prm);
        prm.time_limit = time_left(c);
        prm.cancel = c->cancel;
        if (k == 0 && start == START_LOADED) {
            prm.warm = prm.dual = 1;
        } else if (c->stood_in) {
            /* From the stand-in's optimum (stage 0), then the previous
             * stage's: each feasible where it starts. */
            prm.warm = 1;
        } else if (start == START_SAVED && s->basis[k].has && !c->stages[k].smooth) {
            /* (The smooth stage starts from the previous stage's optimum,
             * warm or cold: faster than its own basis of the previous
             * variant, which the new face may leave neither primal nor dual
             * feasible; bench/RESULTS.md.) */
            if ((rc = ars__backend_set_basis(s->be, s->basis[k].rows, s->basis[k].cols, err)) !=
                ARS_OK)
                break;
            prm.warm = 1;
            /* Only bounds and right-hand sides changed since: dual simplex,
             * unless the caller knows they were only relaxed (the basis then
             * stays primal feasible, and primal simplex goes on from it). */
            prm.dual = !(k == 0 && s->warm_primal);
        } else if (k > 0 && without_face && start == START_LOADED) {
            if ((rc = ars__backend_set_basis(s->be, s->basis[k].rows, s->basis[k].cols, err)) !=
                ARS_OK)
                break;
            prm.warm = prm.dual = 1;
        } else if (k > 0) {
            prm.warm = 1; /* the previous optimum is feasible here */
            prm.presolve = start == START_COLD;
        }
        if (prm.warm && start == START_SAVED) {
            prm.it_limit = s->warm_it_limit;
            prm.polish_its = s->cold_its / 4 < INT_MAX ? (int)(s->cold_its / 4) : INT_MAX;
        }
        prm.stage = c->stages[k].hint;
        /* A MIP's objective stages are written as MIPs (run_mip_stages). */
        if ((s->export_lp || s->export_mps) && (!c->p->mip || c->stages[k].smooth) &&
            (rc = export_stage(c, k, err)) != ARS_OK)
            break;
        if (!prm.warm && c->stages[k].hint == ARS_STAGE_SHORTFALL)
            prm.warmup = shortfall_warmup(c);
        if (cost_from_shortfall(c, k, without_face) && start == START_SAVED && s->basis[k].has) {
            rc = cost_stage_warm(c, k, &prm, &info, err);
        } else {
            rc = ars__backend_solve_lp(s->be, &prm, &info, err);
            if (rc == ARS_OK && cost_from_shortfall(c, k, without_face) && !prm.dual)
                s->cost_from_shortfall_its = info.iterations;
        }
        ars__free(c->warmup);
        c->warmup = NULL;
        r->iterations += info.iterations;
        if (rc == ARS_OK && k > 0 && c->fix_face && !c->stages[k].smooth &&
            info.status != ARS_ST_OPTIMAL && info.status != ARS_ST_TIME_LIMIT &&
            info.status != ARS_ST_CANCELLED && !cancelled(c)) {
            /* On badly scaled data the face with S <= S* exactly can come
             * out infeasible to GLPK's tolerances although the previous
             * optimum lies on it: the row gets the room spec 1.1 allows,
             * and failing that (coefficients 1e-12 apart) the previous
             * optimum is held by the row alone. The room is tried from
             * where the failed solve stopped (GLPK ends a whole cost stage
             * a hair outside S*: measured, 0-16 pivots from there against
             * a full stage again from the previous stage's basis), the row
             * alone from the previous stage's basis. */
            int attempt, dual = prm.dual;
            for (attempt = 0; attempt < 2 && rc == ARS_OK && info.status != ARS_ST_OPTIMAL;
                 attempt++) {
                double lb = -HUGE_VAL;
                held = r->lex_bound = lex_bound(c, r->S_star, LEX_ROOM_LP);
                if (attempt == 1 && (rc = unfix_face(c, err)) != ARS_OK)
                    break;
                if (c->stages[k].bound_on_lex_row && c->p->lex_row >= 0 &&
                    (rc = ars__backend_set_row_bounds(s->be, 1, &c->p->lex_row, &lb, &held, err)) !=
                        ARS_OK)
                    break;
                if (attempt == 1 &&
                    (rc = ars__backend_set_basis(s->be, c->row_stat, c->col_stat, err)) != ARS_OK)
                    break;
                memset(&prm, 0, sizeof prm);
                prm.warm = 1;
                prm.dual = attempt == 0 && dual;
                prm.time_limit = time_left(c);
                prm.cancel = c->cancel;
                rc = ars__backend_solve_lp(s->be, &prm, &info, err);
                r->iterations += info.iterations;
            }
        }
        /* (CLP's solve with the room was on the face already: fixing it
         * again changes nothing, and S* exactly is tried from there.) */
        if (rc == ARS_OK && finish_face && info.status == ARS_ST_OPTIMAL)
            rc = finish_on_face(c, k, without_face && save, &info, err);
        while (rc == ARS_OK && k > 0 && (c->fix_face || c->stages[k].smooth) &&
               info.status == ARS_ST_OPTIMAL && tier + 1 < NFACE_TIERS - !c->stages[k].smooth &&
               (rc = held_slips(c, err)) > 0) {
            if ((rc = fix_face(c, ++tier, err)) != ARS_OK)
                break;
            memset(&prm, 0, sizeof prm);
            prm.warm = prm.dual = 1; /* more fixed: still dual feasible */
            prm.time_limit = time_left(c);
            prm.cancel = c->cancel;
            rc = ars__backend_solve_lp(s->be, &prm, &info, err);
            r->iterations += info.iterations;
        }
        if (rc == ARS_OK && c->stages[k].smooth && info.status != ARS_ST_CANCELLED &&
            !cancelled(c)) {
            rc = smooth_end(c, k, info.status, stage_status, err);
            break;
        }
        if (rc != ARS_OK)
            break;
        if (info.status == ARS_ST_CANCELLED || cancelled(c)) {
            rc = ARS_ECANCELLED;
            break;
        }
        if (k == 0)
            *stage_status = info.status;
        if (info.status != ARS_ST_OPTIMAL) {
            if (k == 0 && info.status == ARS_ST_FEASIBLE) {
                /* Stopped with a feasible point: that is the plan, and
                 * no later stage can hold an optimum not reached. */
                if ((rc = read_plan(c, 0, err)) != ARS_OK)
                    break;
                r->nstages = 1;
                r->S_star = dot(c->p->obj_s, r->x, c->p->ncols);
                ars__result_note(r,
                                 "%s stage stopped by its limit: the plan is feasible, not optimal",
                                 c->stages[k].name);
            } else if (k == 0) {
                ars__result_note(r, "%s stage: %s", c->stages[k].name,
                                 ars__status_name(info.status));
            } else {
                /* A later stage ran out of time: the plan of the stage
                 * before stands, its objective optimal but not the rest. */
                *stage_status = ARS_ST_FEASIBLE;
                ars__result_note(
                    r,
                    "%s stage stopped (%s): the plan is optimal for the stages before it "
                    "but not for this one",
                    c->stages[k].name, ars__status_name(info.status));
            }
            break;
        }
        if ((rc = read_plan(c, 0, err)) != ARS_OK || (rc = read_basis(c, err)) != ARS_OK ||
            (rc = read_duals(c, k, err)) != ARS_OK)
            break;
        /* (The cost stage's basis after the stand-in is taken on the face:
         * not one to start a later variant from.) */
        if (save && !without_face && !(c->stood_in && k > 0))
            save_basis(c, k);
        r->nstages = k + 1;
        memcpy(c->prev_obj, c->obj, sizeof(double) * (size_t)c->p->ncols);
        c->prev_opt = dot(c->obj, r->x, c->p->ncols);
        if (k == 0)
            r->S_star = dot(c->p->obj_s, r->x, c->p->ncols);
        if (k + 1 < c->nstages && c->stages[k + 1].bound_on_lex_row)
            held = r->lex_bound = lex_bound(c, dot(c->p->obj_s, r->x, c->p->ncols),
                                            cost_stage_room(c, k + 1, start, save));
    }
    if (r->nstages > 0) {
        r->row_stat =
            r->row_stat ? r->row_stat : ars__malloc((size_t)(c->p->nrows > 0 ? c->p->nrows : 1));
        r->col_stat =
            r->col_stat ? r->col_stat : ars__malloc((size_t)(c->p->ncols > 0 ? c->p->ncols : 1));
        if (r->row_stat && r->col_stat) {
            memcpy(r->row_stat, c->row_stat, (size_t)c->p->nrows);
            memcpy(r->col_stat, c->col_stat, (size_t)c->p->ncols);
        }
    }
    if (!ars__backend_dead(s->be) && (rc2 = unfix_face(c, err)) != ARS_OK && rc == ARS_OK)
        rc = rc2;
    return rc;
}

/* The stages as MIPs: stage 0 from its saved relaxation basis when warm,
 * each later stage with the lex row bound and the previous incumbent as its
 * first incumbent. The plan is the last incumbent. */
static int run_mip_stages(run_ctx *c, int warm, int *stage_status, ars_error *err)
{
    struct ars_result *r = c->r;
    ars__solver *s = c->s;
    ars__solve_params prm;
    ars__solve_info info;
    int k, rc = ARS_OK;
    double held = HUGE_VAL;

    *stage_status = ARS_ST_ERROR;
    r->nstages = 0;
    for (k = 0; k < c->nstages && !c->stages[k].smooth; k++) {
        if (cancelled(c))
            return ARS_ECANCELLED;
        if (k > 0 && stop_asked(c)) {
            stopped_before(c, k, stage_status);
            return ARS_OK;
        }
        if ((rc = set_stage(c, k, held, err)) != ARS_OK)
            return rc;
        memset(&prm, 0, sizeof prm);
        prm.time_limit = time_left(c);
        prm.mip_gap = c->mip_gap;
        prm.cancel = c->cancel;
        prm.stop = c->stop;
        prm.mip_start = k > 0 ? r->x : NULL;
        if (warm && s->basis[k].has) {
            if ((rc = ars__backend_set_basis(s->be, s->basis[k].rows, s->basis[k].cols, err)) !=
                ARS_OK)
                return rc;
            prm.warm = 1;
            prm.dual = !(k == 0 && s->warm_primal);
        } else if (k > 0) {
            prm.warm = 1;
        }
        prm.stage = c->stages[k].hint;
        if ((s->export_lp || s->export_mps) && (rc = export_stage(c, k, err)) != ARS_OK)
            return rc;
        rc = ars__backend_solve_mip(s->be, &prm, &info, err);
        r->iterations += info.iterations;
        if (rc != ARS_OK)
            return rc;
        /* A stop with no plan yet: nothing to keep at the first stage; at a
         * later one the plan of the stages before stands. */
        if ((info.status == ARS_ST_CANCELLED && !(k > 0 && info.stopped)) || cancelled(c))
            return ARS_ECANCELLED;
        if (info.stopped && info.status == ARS_ST_CANCELLED) {
            stopped_before(c, k, stage_status);
            return ARS_OK;
        }
        if (info.status != ARS_ST_OPTIMAL && info.status != ARS_ST_FEASIBLE) {
            if (k == 0) {
                *stage_status = info.status;
                ars__result_note(r, "%s stage: %s", c->stages[k].name,
                                 ars__status_name(info.status));
            } else {
                *stage_status = ARS_ST_FEASIBLE;
                ars__result_note(r,
                                 "%s stage stopped (%s): the plan is the best found for the stages "
                                 "before it but not for this one",
                                 c->stages[k].name, ars__status_name(info.status));
            }
            return ARS_OK;
        }
        if (k == 0 || info.status == ARS_ST_FEASIBLE)
            *stage_status = info.status;
        r->mip_gap = info.mip_gap;
        if ((rc = read_plan(c, 1, err)) != ARS_OK)
            return rc;
        /* The relaxation's basis, for the same stage of the next variant;
         * a stage stopped early has none worth keeping. */
        if ((rc = ars__backend_get_basis(s->be, s->basis[k].rows, s->basis[k].cols, err)) != ARS_OK)
            return rc;
        s->basis[k].has = info.status == ARS_ST_OPTIMAL;
        r->nstages = k + 1;
        if (k == 0)
            r->S_star = dot(c->p->obj_s, r->x, c->p->ncols);
        if (info.stopped) {
            *stage_status = ARS_ST_FEASIBLE;
            char gapbuf[32];
            ars__result_note(r,
                             "interrupted: branch-and-cut stopped at the %s stage with the best "
                             "plan found so far (relative gap %s)%s",
                             c->stages[k].name, gap_text(info.mip_gap, gapbuf, sizeof gapbuf),
                             k + 1 < c->nstages ? "; the stages after it were not run" : "");
            return ARS_OK;
        }
        if (k + 1 < c->nstages && c->stages[k + 1].bound_on_lex_row)
            held = r->lex_bound = lex_bound(c, dot(c->p->obj_s, r->x, c->p->ncols), LEX_SLACK);
    }
    return ARS_OK;
}

/* The MIP's plan and duals from the LP with every integer column fixed at
 * its rounded value in the incumbent: the stages run again as LPs (the
 * continuous decisions re-optimised lexicographically around the integer
 * ones), and their plan replaces the incumbent, so no value accepted by
 * GLPK's integrality tolerance (a review at 1e-7 opening a gate) reaches
 * the plan. Kinds and bounds are put back after. When that LP does not
 * solve, the incumbent stands without duals. */
static int mip_fixed_lp(run_ctx *c, ars_error *err)
{
    ars__program *p = c->p;
    struct ars_result *r = c->r;
    int j, n = 0, rc = ARS_OK, status = ARS_ST_ERROR, mip_stages = r->nstages;
    int *idx = ars__malloc(sizeof(int) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *lb = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *ub = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *x = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *act = ars__malloc(sizeof(double) * (size_t)(p->nrows > 0 ? p->nrows : 1));
    unsigned char *cont = ars__calloc((size_t)(p->ncols > 0 ? p->ncols : 1), 1);
    if (!idx || !lb || !ub || !cont || !x || !act) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
        goto out;
    }
    memcpy(x, r->x, sizeof(double) * (size_t)p->ncols);
    memcpy(act, r->row_act, sizeof(double) * (size_t)p->nrows);
    for (j = 0; j < p->ncols; j++)
        if (p->col_kind[j] != ARS_KIND_CONT) {
            idx[n] = j;
            lb[n] = ub[n] = floor(r->x[j] + 0.5);
            n++;
        }
    if ((rc = ars__backend_set_col_bounds(c->s->be, n, idx, lb, ub, err)) != ARS_OK ||
        (rc = ars__backend_set_kinds(c->s->be, cont, err)) != ARS_OK)
        goto restore;
    /* Set before the stages: ranging (read_duals) asks whether the duals
     * come with the integers fixed. Cleared below if they do not come. */
    r->duals_fixed = 1;
    /* Stage 0 of the fixed LP from stage 0's relaxation basis (kept by
     * run_mip_stages), not from the cost stage's that is loaded: that one
     * is optimal for C, and a dual simplex for S from it first needs a
     * dual phase 1 (models/large.json: 15.3k pivots, most of a cold
     * lexicographic solve). Fixing integer columns keeps the former dual
     * feasible. */
    if (c->s->basis[0].has && c->nstages > 1 &&
        (rc = ars__backend_set_basis(c->s->be, c->s->basis[0].rows, c->s->basis[0].cols, err)) !=
            ARS_OK)
        goto restore;
    rc = run_lp_stages(c, START_LOADED, 0, &status, err);
    if (rc == ARS_OK && r->nstages == mip_stages)
        for (j = 0; j < n; j++)
            r->x[idx[j]] = lb[j]; /* exactly the rounded value (see read_plan) */
    if (rc == ARS_OK && r->nstages < mip_stages) {
        /* Partial duals would mislead: keep none, and the incumbent. */
        drop_duals(r);
        r->duals_fixed = 0;
        r->fixed_lp_failed = 1;
        r->nstages = mip_stages;
        memcpy(r->x, x, sizeof(double) * (size_t)p->ncols);
        memcpy(r->row_act, act, sizeof(double) * (size_t)p->nrows);
        ars__result_note(
            r,
            "shadow prices unavailable: the LP with integer decisions fixed did not solve "
            "(%s); the plan is the MIP's point",
            ars__status_name(status));
    }
restore:
    if (!ars__backend_dead(c->s->be)) {
        int rc2;
        for (j = 0; j < n; j++) {
            lb[j] = cur_col_lb(c, idx[j]);
            ub[j] = cur_col_ub(c, idx[j]);
        }
        rc2 = ars__backend_set_col_bounds(c->s->be, n, idx, lb, ub, err);
        if (rc2 == ARS_OK)
            rc2 = ars__backend_set_kinds(c->s->be, p->col_kind, err);
        if (rc2 != ARS_OK && rc == ARS_OK)
            rc = rc2;
    }
out:
    ars__free(idx);
    ars__free(lb);
    ars__free(ub);
    ars__free(x);
    ars__free(act);
    ars__free(cont);
    return rc;
}

static void ctx_free(run_ctx *c)
{
    ars__free(c->obj);
    ars__free(c->y);
    ars__free(c->d);
    ars__free(c->y0);
    ars__free(c->d0);
    ars__free(c->y1);
    ars__free(c->d1);
    ars__free(c->prev_obj);
    ars__free(c->row_stat);
    ars__free(c->col_stat);
    ars__free(c->row_stat2);
    ars__free(c->col_stat2);
    ars__free(c->col_side);
    ars__free(c->row_side);
    ars__free(c->idx);
    ars__free(c->lb);
    ars__free(c->ub);
    ars__free(c->held_x);
    ars__free(c->held_act);
    ars__free(c->smooth_rows);
    ars__free(c->smooth_cols);
}

static int ctx_alloc(run_ctx *c, const ars__program *p)
{
    size_t nc = (size_t)(p->ncols > 0 ? p->ncols : 1), nr = (size_t)(p->nrows > 0 ? p->nrows : 1);
    size_t n = nc > nr ? nc : nr;
    c->obj = ars__malloc(sizeof(double) * nc);
    c->y = ars__malloc(sizeof(double) * nr);
    c->d = ars__malloc(sizeof(double) * nc);
    c->y0 = ars__malloc(sizeof(double) * nr);
    c->prev_obj = ars__malloc(sizeof(double) * nc);
    c->d0 = ars__malloc(sizeof(double) * nc);
    c->y1 = ars__malloc(sizeof(double) * nr);
    c->d1 = ars__malloc(sizeof(double) * nc);
    c->row_stat = ars__malloc(nr);
    c->col_stat = ars__malloc(nc);
    c->row_stat2 = ars__malloc(nr);
    c->col_stat2 = ars__malloc(nc);
    c->col_side = ars__calloc(nc, 1);
    c->row_side = ars__calloc(nr, 1);
    c->idx = ars__malloc(sizeof(int) * n);
    c->lb = ars__malloc(sizeof(double) * n);
    c->ub = ars__malloc(sizeof(double) * n);
    c->held_x = ars__malloc(sizeof(double) * nc);
    c->held_act = ars__malloc(sizeof(double) * nr);
    c->smooth_rows = ars__malloc(nr);
    c->smooth_cols = ars__malloc(nc);
    return c->obj && c->y && c->d && c->y0 && c->d0 && c->y1 && c->d1 && c->prev_obj &&
                   c->row_stat && c->col_stat && c->row_stat2 && c->col_stat2 && c->col_side &&
                   c->row_side && c->idx && c->lb && c->ub && c->held_x && c->held_act &&
                   c->smooth_rows && c->smooth_cols
               ? ARS_OK
               : ARS_ENOMEM;
}

/* One run of the sequence, warm (from the saved bases) or cold. */
static int run_once(ars__solver *s, int warm, const ars_solve_opts *o, double deadline,
                    ars_result **out, ars_error *err)
{
    run_ctx c;
    struct ars_result *r;
    ars__program *p = s->prog;
    const ars__objective *ob = &p->model->objective;
    double t0 = ars__now();
    int rc = ARS_OK, status = ARS_ST_ERROR, lex = ob->mode != ARS_OBJ_WEIGHTED, k;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.p = p;
    c.deadline = deadline;
    c.cancel = o ? o->cancel : NULL;
    c.stop = o ? o->stop : NULL;
    c.mip_gap = ob->mip_gap;
    c.stages = lex ? lexicographic_stages : weighted_stages;
    /* The smooth stage only where the program has its columns, and not
     * for a licence-value case, which reads S and C alone. */
    c.nstages = (lex ? 2 : 1) + (p->up_off && !s->values_only);
    c.fix_face = ob->tolerance == 0;
    r = c.r = ars__result_new(p);
    if (!r || ctx_alloc(&c, p) != ARS_OK) {
        ctx_free(&c);
        ars_result_free(r);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory solving");
    }
    r->mode = ob->mode;
    r->mip = p->mip;
    r->solver = ars__backend_solver(s->be);
    r->explain = o && o->explain;
    c.ranging = o && o->explain && o->ranging;
    r->warm = warm && s->has_basis;
    r->nstages = 0;
    if (!r->warm)
        for (k = 0; k < ARS__NBASES; k++)
            s->basis[k].has = 0;

    if (p->mip) {
        rc = run_mip_stages(&c, r->warm, &status, err);
        s->has_basis = s->basis[0].has;
        if (rc == ARS_OK && r->nstages > 0 && !s->values_only)
            rc = mip_fixed_lp(&c, err);
    } else {
        rc = run_lp_stages(&c, r->warm ? START_SAVED : START_COLD, 1, &status, err);
        s->has_basis = s->basis[0].has;
        r->stood_in = c.stood_in;
        if (rc == ARS_OK && !r->warm && status == ARS_ST_OPTIMAL)
            s->cold_its = r->iterations;
        if (rc == ARS_OK && status == ARS_ST_OPTIMAL && s->keep_stand_in && stand_in_usable(&c) &&
            !cancelled(&c))
            rc = keep_stand_in(&c, c.stood_in, err);
    }
    if (rc == ARS_ECANCELLED)
        goto cancel;
    if (rc != ARS_OK)
        goto fail;
    r->status = status;
    if (r->nstages == 0)
        goto done;
    r->has_solution = 1;
    /* A MIP point read for its values only carries the cost stage's room
     * on S; its shortfall is the first stage's optimum. */
    r->S = p->mip && s->values_only && lex && r->nstages > 1 ? r->S_star
                                                             : dot(p->obj_s, r->x, p->ncols);
    r->C = dot(p->obj_c, r->x, p->ncols);
    if (!r->smoothed)
        r->V = variation_of(p, r->x, NULL);
    r->weighted = ob->shortfall_weight * r->S + ob->cost_weight * r->C;
    if (!lex)
        r->S_star = r->S;
    if ((!o || o->verify) && ars__verify(r) != ARS_OK)
        ars__result_note(r, "the plan could not be verified: out of memory");
done:
    r->solve_ms = (ars__now() - t0) * 1000.0;
    ctx_free(&c);
    *out = r;
    return ARS_OK;
cancel:
    ctx_free(&c);
    ars_result_free(r);
    return ars_error_set(err, ARS_ECANCELLED, "", "the solve was cancelled");
fail:
    r->status = ARS_ST_ERROR;
    r->has_solution = 0;
    r->nstages = 0;
    s->has_basis = 0;
    ars__result_note(r, "%.500s", err ? err->message : "solver failure");
    r->solve_ms = (ars__now() - t0) * 1000.0;
    ctx_free(&c);
    *out = r;
    return rc;
}

/* A warm answer is only as good as a cold one: a model with shortfall
 * variables has a plan, and a warm start that reports anything else (a
 * dual simplex that stalls, or wrongly calls a variant infeasible) is
 * confirmed or corrected by a cold solve while time is left. A MIP stopped
 * by its own mip_gap is "feasible" by request, warm or cold. */
static int warm_answer_stands(const ars__solver *s, const ars_result *r)
{
    /* A warm plan that fails its own verification (a MIP whose fixed LP
     * did not solve from the warm basis, leaving the incumbent's
     * tolerance-sized leaks) is redone cold too. */
    if (r->verification.done && !r->verification.ok)
        return 0;
    /* Nor does one whose LP with the integers fixed stopped where a cold
     * one solves it: its plan is the incumbent's and its prices are gone,
     * so a what-if would read every bottleneck as gone. */
    if (r->fixed_lp_failed)
        return 0;
    if (r->status == ARS_ST_OPTIMAL)
        return 1;
    return r->status == ARS_ST_FEASIBLE && s->prog->mip && s->prog->model->objective.mip_gap > 0 &&
           r->nnotes == 0;
}

int ars__solver_run(ars__solver *s, int warm, const ars_solve_opts *o, ars_result **out,
                    ars_error *err)
{
    const ars__objective *ob = &s->prog->model->objective;
    double t0 = ars__now(), limit, deadline;
    int rc;
    limit = o && o->time_limit > 0 ? o->time_limit : ob->time_limit;
    deadline = limit > 0 ? t0 + limit : 0;
    rc = run_once(s, warm, o, deadline, out, err);
    /* A stopped search is the answer asked for, warm or not. */
    if (rc == ARS_ECANCELLED || !*out || !(*out)->warm || (o && o->stop && *o->stop) ||
        (rc == ARS_OK && warm_answer_stands(s, *out)))
        return rc;
    if (ars__backend_dead(s->be) || (deadline > 0 && ars__now() >= deadline))
        return rc;
    ars_result_free(*out);
    *out = NULL;
    if (err)
        ars_error_clear(err);
    return run_once(s, 0, o, deadline, out, err);
}

int ars__solver_run_budgeted(ars__solver *s, int warm, double cold_ms, const ars_solve_opts *o,
                             ars_result **out, ars_error *err)
{
    double budget = 4 * cold_ms / 1000.0;
    if (!(cold_ms > 0))
        return ars__solver_run(s, warm, o, out, err);
    return ars__solver_run_within(s, warm, budget < 1 ? 1 : budget, o, out, err);
}

int ars__solver_run_within(ars__solver *s, int warm, double budget, const ars_solve_opts *o,
                           ars_result **out, ars_error *err)
{
    ars_solve_opts wo;
    double limit, t0 = ars__now();
    int rc;
    if (!warm || !s->has_basis || !(budget > 0))
        return ars__solver_run(s, warm, o, out, err);
    if (o)
        wo = *o;
    else
        ars_solve_opts_default(&wo);
    limit = wo.time_limit > 0 ? wo.time_limit : s->prog->model->objective.time_limit;
    if (limit > 0 && budget >= limit)
        return ars__solver_run(s, warm, o, out, err); /* the caller's limit is the tighter */
    wo.time_limit = budget;
    rc = ars__solver_run(s, 1, &wo, out, err);
    if (rc == ARS_OK && *out &&
        ((*out)->status == ARS_ST_TIME_LIMIT || (*out)->status == ARS_ST_FEASIBLE ||
         (*out)->fixed_lp_failed) &&
        ars__now() - t0 >= 0.9 * budget) {
        ars_result_free(*out);
        *out = NULL;
        if (limit > 0) {
            wo.time_limit = limit - (ars__now() - t0);
            if (wo.time_limit < 0.001)
                wo.time_limit = 0.001;
        } else {
            wo.time_limit = 0;
        }
        rc = ars__solver_run(s, 0, &wo, out, err);
    }
    return rc;
}

int ars__export_stages(const struct ars_model *m, const char *lp_path, const char *mps_path,
                       int *nstages, ars_error *err)
{
    ars__program *p = NULL;
    ars__solver s;
    ars_solve_opts o;
    ars_result *r = NULL;
    int rc;
    if (nstages)
        *nstages = 0;
    if ((rc = ars__formulate(m, &p, err)) != ARS_OK)
        return rc;
    rc = ars__solver_init(&s, p, ars_solver_default(), err);
    ars__program_unref(p);
    if (rc != ARS_OK)
        return rc;
    s.export_lp = lp_path;
    s.export_mps = mps_path;
    ars_solve_opts_default(&o);
    o.verify = 0;
    o.ranging = 0;
    rc = ars__solver_run(&s, 0, &o, &r, err);
    if (nstages)
        *nstages = s.exported;
    ars_result_free(r);
    ars__solver_release(&s);
    return rc;
}
