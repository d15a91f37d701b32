/* session.c - one loaded program re-solved for variants of its model. A
 * variant with the same structure (lp.h: same rows, columns, kinds and
 * pattern) is patched in place, only the entries that changed, and solved
 * warm from the previous stage-0 basis; any other variant is rebuilt. */
#include "lp/patch.h"
#include "lp/post_solve.h"
#include "lp/solve.h"

#include "util/util.h"

#include <pthread.h>
#include <string.h>

struct ars_session {
    const struct ars_model *base;
    ars_solve_opts opts;
    ars__solver solver;
    pthread_t owner;
    double cold_ms; /* the last cold solve's time: the warm solves' stall budget */
};

int ars_session_create(const ars_model *base, const ars_solve_opts *o, ars_session **out,
                       ars_error *err)
{
    ars_session *s;
    ars__program *p = NULL;
    int rc;
    *out = NULL;
    if (!base)
        return ars_error_set(err, ARS_EUSAGE, "", "a session needs a base model");
    s = ars__calloc(1, sizeof *s);
    if (!s)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory creating a session");
    s->base = base;
    s->owner = pthread_self();
    if (o)
        s->opts = *o;
    else
        ars_solve_opts_default(&s->opts);
    rc = ars__formulate(base, &p, err);
    if (rc == ARS_OK) {
        rc = ars__solver_init(&s->solver, p, s->opts.solver, err);
        ars__program_unref(p);
    }
    if (rc) {
        ars__free(s);
        return rc;
    }
    s->solver.keep_stand_in = 1; /* variants follow (solve.c, stand_in_stage) */
    *out = s;
    return ARS_OK;
}

/* Patches every bound and coefficient of np that differs from the loaded
 * program. The objective is set by every solve. */
static int patch(ars__solver *sv, const ars__program *np, ars_error *err)
{
    const ars__program *op = sv->prog;
    ars__bounds_view from = {op->ncols, op->nrows, op->col_lb, op->col_ub, op->row_lb, op->row_ub};
    ars__bounds_view to = {np->ncols, np->nrows, np->col_lb, np->col_ub, np->row_lb, np->row_ub};
    int i, rc;
    /* The lexicographic bound row is set by every solve. */
    if ((rc = ars__patch_bounds(sv->be, &from, &to, np->lex_row, NULL, err)) != ARS_OK)
        return rc;
    for (i = 0; i < np->nrows; i++) {
        int a = np->row_start[i], len = np->row_start[i + 1] - a;
        if (len > 0 && memcmp(np->val + a, op->val + a, sizeof(double) * (size_t)len) != 0 &&
            (rc = ars__backend_set_row(sv->be, i, len, np->col_idx + a, np->val + a, err)) !=
                ARS_OK)
            return rc;
    }
    return ARS_OK;
}

int ars_session_solve(ars_session *s, const ars_model *variant, ars_result **out, int *warm,
                      ars_error *err)
{
    ars__program *np = NULL;
    int rc, is_warm = 0;
    *out = NULL;
    if (warm)
        *warm = 0;
    if (!s || !variant)
        return ars_error_set(err, ARS_EUSAGE, "", "ars_session_solve needs a session and a model");
    if (!pthread_equal(s->owner, pthread_self()))
        return ars_error_set(err, ARS_EUSAGE, "",
                             "a session must be used on the thread that "
                             "created it (GLPK state is per thread)");
    rc = ars__formulate(variant, &np, err);
    if (rc)
        return rc;
    if (s->solver.be && !ars__backend_dead(s->solver.be) &&
        ars__program_same_structure(s->solver.prog, np)) {
        rc = patch(&s->solver, np, err);
        if (rc == ARS_OK) {
            ars__program_unref(s->solver.prog);
            s->solver.prog = ars__program_ref(np);
            is_warm = s->solver.has_basis;
        }
    } else {
        rc = ARS_EINTERNAL; /* rebuild below */
    }
    if (rc != ARS_OK) {
        /* Another structure, or a failed patch (the loaded problem may be
         * half patched): load the variant afresh. */
        if (err)
            ars_error_clear(err);
        ars__solver_release(&s->solver);
        rc = ars__solver_init(&s->solver, np, s->opts.solver, err);
        s->solver.keep_stand_in = 1;
        is_warm = 0;
    }
    ars__program_unref(np);
    if (rc)
        return rc;
    rc = ars__solver_run_budgeted(&s->solver, is_warm, s->cold_ms, &s->opts, out, err);
    if (rc == ARS_OK && *out && (*out)->verification.done && !(*out)->verification.ok) {
        /* A plan from the patched problem that fails its verification
         * (seen: a MIP whose licence gate leaks 1e-3 after patches, where
         * the same variant loaded afresh solves clean) is solved again on
         * a freshly loaded problem before it is reported. */
        ars__program *p = ars__program_ref(s->solver.prog);
        ars_result_free(*out);
        *out = NULL;
        ars__solver_release(&s->solver);
        rc = ars__solver_init(&s->solver, p, s->opts.solver, err);
        ars__program_unref(p);
        if (rc)
            return rc;
        s->solver.keep_stand_in = 1;
        rc = ars__solver_run(&s->solver, 0, &s->opts, out, err);
    }
    if (rc == ARS_OK && *out && !(*out)->warm && (*out)->status == ARS_ST_OPTIMAL)
        s->cold_ms = (*out)->solve_ms;
    if (rc == ARS_OK)
        rc = ars__post_solve(&s->solver, &s->opts, out, err);
    if (warm && *out)
        *warm = (*out)->warm;
    return rc;
}

void ars_session_free(ars_session *s)
{
    if (!s)
        return;
    ars__solver_release(&s->solver);
    ars__free(s);
}
