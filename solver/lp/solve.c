/* solve.c - the solve sequence of model-format.md section 9: lexicographic
 * (minimise S, then C with S held within tolerance, the second stage warm
 * from the first) or weighted; time limit and cancel over the whole solve;
 * for a MIP, duals from the LP with the integer decisions fixed. */
#include "lp/solve.h"

#include "lp/ranging.h"
#include "lp/verify.h"

#include "util/util.h"

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

int ars__solver_init(ars__solver *s, ars__program *prog, int solver, ars_error *err)
{
    int rc;
    memset(s, 0, sizeof *s);
    s->basis_rows = ars__malloc((size_t)(prog->nrows > 0 ? prog->nrows : 1));
    s->basis_cols = ars__malloc((size_t)(prog->ncols > 0 ? prog->ncols : 1));
    if (!s->basis_rows || !s->basis_cols) {
        ars__free(s->basis_rows);
        ars__free(s->basis_cols);
        s->basis_rows = s->basis_cols = NULL;
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    }
    rc = ars__backend_load_with(solver, prog, 1, &s->be, err);
    if (rc) {
        ars__free(s->basis_rows);
        ars__free(s->basis_cols);
        s->basis_rows = s->basis_cols = NULL;
        return rc;
    }
    s->prog = ars__program_ref(prog);
    return ARS_OK;
}

void ars__solver_release(ars__solver *s)
{
    ars__backend_free(s->be);
    ars__free(s->basis_rows);
    ars__free(s->basis_cols);
    ars__program_unref(s->prog);
    memset(s, 0, sizeof *s);
}

typedef struct run_ctx {
    ars__solver *s;
    ars__program *p;
    struct ars_result *r;
    double *obj; /* [ncols] scratch objective */
    double deadline;
    volatile int *cancel;
    double mip_gap;
    int ranging; /* explain with ranging (ars_solve_opts.ranging) */
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

/* ars_solve_opts.stop: end the search, keep the best plan found so far. */
static int stop_asked(const ars_solve_opts *o)
{
    return o && o->stop && *o->stop;
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

/* Stage objective: 0 = S (lexicographic) or the weighted sum; 1 = C. */
static int set_stage(run_ctx *c, int stage, double lex_ub, ars_error *err)
{
    const ars__program *p = c->p;
    const ars__objective *ob = &p->model->objective;
    int j, lex = p->lex_row, rc;
    double lb = -HUGE_VAL, ub = lex_ub;
    for (j = 0; j < p->ncols; j++) {
        if (stage == 1)
            c->obj[j] = p->obj_c[j];
        else if (ob->mode == ARS_OBJ_WEIGHTED)
            c->obj[j] = ob->shortfall_weight * p->obj_s[j] + ob->cost_weight * p->obj_c[j];
        else
            c->obj[j] = p->obj_s[j];
    }
    rc = ars__backend_set_objective(c->s->be, c->obj, err);
    if (rc == ARS_OK)
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
    if (ars__ranging_stage(c->s->be, r, stage, lex ? stage == 1 : stage == 0, &e) != ARS_OK)
        ars__result_note(r, "ranging unavailable: %.400s", e.message);
}

static int read_duals(run_ctx *c, int stage, ars_error *err)
{
    int rc;
    if (alloc_duals(c->r, stage))
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory reading duals");
    rc = ars__backend_duals(c->s->be, c->r->dual[stage], c->r->redcost[stage], err);
    if (rc == ARS_OK)
        range_stage(c, stage);
    return rc;
}

/* Duals of a MIP: fix every integer column at its value in the plan, solve
 * the LP of each stage warm, read its duals, then restore the kinds and
 * bounds so the loaded program stays the model's. A failure here only
 * leaves the duals out. */
static int mip_duals(run_ctx *c, ars_error *err)
{
    ars__program *p = c->p;
    struct ars_result *r = c->r;
    ars__solve_params prm;
    ars__solve_info info;
    int j, n = 0, rc = ARS_OK, stage;
    int *idx = ars__malloc(sizeof(int) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *lb = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    double *ub = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    unsigned char *cont = ars__calloc((size_t)(p->ncols > 0 ? p->ncols : 1), 1);
    if (!idx || !lb || !ub || !cont) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
        goto out;
    }
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
    for (stage = 0; stage < r->nstages; stage++) {
        memset(&prm, 0, sizeof prm);
        prm.warm = 1;
        prm.dual = 1;
        prm.time_limit = time_left(c);
        if ((rc = set_stage(c, stage, stage == 1 ? r->lex_bound : HUGE_VAL, err)) != ARS_OK)
            break;
        rc = ars__backend_solve_lp(c->s->be, &prm, &info, err);
        r->iterations += info.iterations;
        if (rc != ARS_OK || info.status != ARS_ST_OPTIMAL)
            break;
        if ((rc = read_duals(c, stage, err)) != ARS_OK)
            break;
    }
    if (stage < r->nstages) {
        /* Partial duals would mislead: keep none. */
        for (stage = 0; stage < 2; stage++) {
            ars__free(r->dual[stage]);
            ars__free(r->redcost[stage]);
            ars__free(r->bound_lo[stage]);
            ars__free(r->bound_hi[stage]);
            r->dual[stage] = NULL;
            r->redcost[stage] = NULL;
            r->bound_lo[stage] = r->bound_hi[stage] = NULL;
        }
        ars__free(r->cost_lo);
        ars__free(r->cost_hi);
        r->cost_lo = r->cost_hi = NULL;
        r->duals_fixed = 0;
        ars__result_note(
            r, "shadow prices unavailable: the LP with integer decisions fixed did not solve");
    }
restore:
    if (!ars__backend_dead(c->s->be)) {
        int rc2;
        for (j = 0; j < n; j++) {
            lb[j] = p->col_lb[idx[j]];
            ub[j] = p->col_ub[idx[j]];
        }
        rc2 = ars__backend_set_col_bounds(c->s->be, n, idx, lb, ub, err);
        if (rc2 == ARS_OK)
            rc2 = ars__backend_set_kinds(c->s->be, p->col_kind, err);
        if (rc2 != ARS_OK)
            rc = rc2;
    }
out:
    ars__free(idx);
    ars__free(lb);
    ars__free(ub);
    ars__free(cont);
    return rc;
}

static int solve_stage(run_ctx *c, const ars__solve_params *prm, ars__solve_info *info,
                       ars_error *err)
{
    int rc = c->p->mip ? ars__backend_solve_mip(c->s->be, prm, info, err)
                       : ars__backend_solve_lp(c->s->be, prm, info, err);
    c->r->iterations += info->iterations;
    return rc;
}

static int read_plan(run_ctx *c, ars_error *err)
{
    return ars__backend_primal(c->s->be, c->p->mip, c->r->x, c->r->row_act, err);
}

int ars__solver_run(ars__solver *s, int warm, const ars_solve_opts *o, ars_result **out,
                    ars_error *err)
{
    run_ctx c;
    struct ars_result *r;
    ars__program *p = s->prog;
    const ars__objective *ob = &p->model->objective;
    ars__solve_params prm;
    ars__solve_info info;
    double t0 = ars__now(), limit;
    char gapbuf[32];
    int rc = ARS_OK, lex = ob->mode != ARS_OBJ_WEIGHTED;

    *out = NULL;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.p = p;
    limit = o && o->time_limit > 0 ? o->time_limit : ob->time_limit;
    c.deadline = limit > 0 ? t0 + limit : 0;
    c.cancel = o ? o->cancel : NULL;
    c.mip_gap = ob->mip_gap;
    r = c.r = ars__result_new(p);
    c.obj = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    if (!r || !c.obj) {
        ars__free(c.obj);
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

    /* Stage 0: S (lexicographic) or the weighted objective. */
    if ((rc = set_stage(&c, 0, HUGE_VAL, err)) != ARS_OK)
        goto fail;
    if (r->warm &&
        (rc = ars__backend_set_basis(s->be, s->basis_rows, s->basis_cols, err)) != ARS_OK)
        goto fail;
    memset(&prm, 0, sizeof prm);
    prm.warm = r->warm;
    /* Only bounds and right-hand sides changed since: dual simplex, unless
     * the caller knows they were only relaxed (the basis then stays primal
     * feasible, and primal simplex goes on from it). */
    prm.dual = r->warm && !s->warm_primal;
    prm.stage = lex ? ARS_STAGE_SHORTFALL : ARS_STAGE_WEIGHTED;
    if (lex && !r->warm) {
        /* A backend may start the shortfall stage from the optimum of a
         * weighted objective (CLP: bench/RESULTS.md); S weighs 10x the
         * model's weight there, which left fewer pivots in total than 1x
         * on the generated models measured. set_stage has handed S to the
         * backend, so c.obj is free again. */
        for (int j = 0; j < p->ncols; j++)
            c.obj[j] = 10 * ob->shortfall_weight * p->obj_s[j] + ob->cost_weight * p->obj_c[j];
        prm.warmup = c.obj;
    }
    prm.time_limit = time_left(&c);
    prm.mip_gap = c.mip_gap;
    prm.cancel = c.cancel;
    prm.stop = o ? o->stop : NULL;
    if ((rc = solve_stage(&c, &prm, &info, err)) != ARS_OK)
        goto fail;
    if (info.status == ARS_ST_CANCELLED || cancelled(&c))
        goto cancel;
    r->mip_gap = info.mip_gap;
    if (info.stopped)
        ars__result_note(
            r,
            "interrupted: branch-and-cut stopped at the %s stage with the best plan found "
            "so far (relative gap %s)%s",
            lex ? "shortfall" : "weighted", gap_text(info.mip_gap, gapbuf, sizeof gapbuf),
            lex ? "; the cost stage was not run" : "");
    if (info.status != ARS_ST_OPTIMAL && info.status != ARS_ST_FEASIBLE) {
        r->status = info.status;
        ars__result_note(r, "%s stage: %s", lex ? "shortfall" : "weighted",
                         ars__status_name(info.status));
        goto done;
    }
    r->status = info.status;
    r->has_solution = 1;
    r->nstages = 1;
    if ((rc = read_plan(&c, err)) != ARS_OK)
        goto fail;
    if (!p->mip && (rc = read_duals(&c, 0, err)) != ARS_OK)
        goto fail;
    if ((rc = ars__backend_get_basis(s->be, s->basis_rows, s->basis_cols, err)) != ARS_OK)
        goto fail;
    s->has_basis = !p->mip || info.status == ARS_ST_OPTIMAL;
    r->S_star = dot(p->obj_s, r->x, p->ncols);

    /* Stage 1: C with S <= S* + tolerance max(1, |S*|), warm from stage 0
     * (its optimum is feasible there, so primal simplex goes on from it). */
    if (lex && stop_asked(o)) {
        r->status = ARS_ST_FEASIBLE;
        if (!info.stopped)
            ars__result_note(
                r, "interrupted before the cost stage: the plan has the least shortfall but "
                   "its cost is not minimised");
    } else if (lex) {
        r->lex_bound = r->S_star + ob->tolerance * (fabs(r->S_star) > 1 ? fabs(r->S_star) : 1);
        if (cancelled(&c))
            goto cancel;
        if ((rc = set_stage(&c, 1, r->lex_bound, err)) != ARS_OK)
            goto fail;
        memset(&prm, 0, sizeof prm);
        prm.warm = 1;
        prm.stage = ARS_STAGE_COST;
        prm.time_limit = time_left(&c);
        prm.mip_gap = c.mip_gap;
        prm.cancel = c.cancel;
        prm.stop = o ? o->stop : NULL;
        prm.mip_start = p->mip ? r->x : NULL;
        if ((rc = solve_stage(&c, &prm, &info, err)) != ARS_OK)
            goto fail;
        /* A stop with no cost-stage plan yet keeps the shortfall stage's. */
        if ((info.status == ARS_ST_CANCELLED && !info.stopped) || cancelled(&c))
            goto cancel;
        if (info.status == ARS_ST_OPTIMAL || info.status == ARS_ST_FEASIBLE) {
            r->mip_gap = info.mip_gap;
            if (info.stopped)
                ars__result_note(
                    r,
                    "interrupted: branch-and-cut stopped at the cost stage with the best "
                    "plan found so far (relative gap %s)",
                    gap_text(info.mip_gap, gapbuf, sizeof gapbuf));
            if ((rc = read_plan(&c, err)) != ARS_OK)
                goto fail;
            if (!p->mip && (rc = read_duals(&c, 1, err)) != ARS_OK)
                goto fail;
            r->nstages = 2;
            if (info.status == ARS_ST_FEASIBLE)
                r->status = ARS_ST_FEASIBLE;
        } else {
            /* The cost stage ran out of time: the stage-0 plan stands,
             * with the best shortfall but not the least cost. */
            r->status = ARS_ST_FEASIBLE;
            ars__result_note(
                r,
                "cost stage stopped (%s): the plan has the least shortfall found but its "
                "cost is not minimised",
                info.stopped ? "interrupted" : ars__status_name(info.status));
        }
    }
    if (p->mip && !s->skip_mip_duals && (rc = mip_duals(&c, err)) != ARS_OK)
        goto fail;
    if (!ars__backend_dead(s->be)) {
        r->row_stat = ars__malloc((size_t)(p->nrows > 0 ? p->nrows : 1));
        r->col_stat = ars__malloc((size_t)(p->ncols > 0 ? p->ncols : 1));
        if (r->row_stat && r->col_stat &&
            (rc = ars__backend_get_basis(s->be, r->row_stat, r->col_stat, err)) != ARS_OK)
            goto fail;
    }
    r->S = dot(p->obj_s, r->x, p->ncols);
    r->C = dot(p->obj_c, r->x, p->ncols);
    r->weighted = ob->shortfall_weight * r->S + ob->cost_weight * r->C;
    if (!lex)
        r->S_star = r->S;
    if ((!o || o->verify) && ars__verify(r) != ARS_OK)
        ars__result_note(r, "the plan could not be verified: out of memory");
done:
    r->solve_ms = (ars__now() - t0) * 1000.0;
    ars__free(c.obj);
    *out = r;
    return ARS_OK;
cancel:
    ars__free(c.obj);
    ars_result_free(r);
    return ars_error_set(err, ARS_ECANCELLED, "", "the solve was cancelled");
fail:
    r->status = ARS_ST_ERROR;
    r->has_solution = 0;
    r->nstages = 0;
    s->has_basis = 0;
    ars__result_note(r, "%.500s", err ? err->message : "solver failure");
    r->solve_ms = (ars__now() - t0) * 1000.0;
    ars__free(c.obj);
    *out = r;
    return rc;
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
        ((*out)->status == ARS_ST_TIME_LIMIT || (*out)->status == ARS_ST_FEASIBLE) &&
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
