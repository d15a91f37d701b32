/* post_solve.c - what follows a solve, in one fixed order, and ars_solve,
 * the whole sequence for one model (formulate, solve, the analyses).
 *
 * Analyses that need a stage's basis loaded run inside ars__solver_run:
 * ranging right after each stage (explain only), verification of the plan
 * at its end. Those that re-solve from the plan run here, after it:
 * licence values. Explanations are computed when the result is shown. An
 * analysis that fails adds a note to the result; the plan stands. */
#include "lp/post_solve.h"
#include "lp/licence_value.h"
#include "lp/lp.h"
#include "util/util.h"

static int licence_values(ars__solver *s, const ars_solve_opts *o, ars_result **out, ars_error *err)
{
    int rc = ars__licence_values(s, *out, o, err);
    if (rc == ARS_ECANCELLED) {
        ars_result_free(*out);
        *out = NULL;
    } else if (rc != ARS_OK) {
        /* The plan stands; only its licence values are missing. */
        ars__free((*out)->licence_values);
        (*out)->licence_values = NULL;
        (*out)->nlicence_values = 0;
        ars__result_note(*out, "licence values unavailable: %.400s",
                         err ? err->message : "solver failure");
        if (err)
            ars_error_clear(err);
        rc = ARS_OK;
    }
    return rc;
}

int ars__post_solve(ars__solver *s, const ars_solve_opts *o, ars_result **out, ars_error *err)
{
    if (o && o->licence_value)
        return licence_values(s, o, out, err);
    return ARS_OK;
}

int ars_solve(const ars_model *m, const ars_solve_opts *o, ars_result **out, ars_error *err)
{
    ars__program *p = NULL;
    ars__solver s;
    int rc;
    *out = NULL;
    if (!m || !out)
        return ars_error_set(err, ARS_EUSAGE, "", "ars_solve needs a model and an output");
    rc = ars__formulate(m, &p, err);
    if (rc)
        return rc;
    rc = ars__solver_init(&s, p, o ? o->solver : ars_solver_default(), err);
    ars__program_unref(p);
    if (rc)
        return rc;
    rc = ars__solver_run(&s, 0, o, out, err);
    if (rc == ARS_OK)
        rc = ars__post_solve(&s, o, out, err);
    ars__solver_release(&s);
    return rc;
}
