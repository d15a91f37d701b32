/* post_solve.h - the analyses that follow a solve (post_solve.c). */
#ifndef ARS_LP_POST_SOLVE_H
#define ARS_LP_POST_SOLVE_H

#include "lp/solve.h"

/* After ars__solver_run returned ARS_OK with *out, on the same solver: the
 * analyses o asks for that re-solve from the plan (licence values). A
 * failure keeps the plan with a note; only cancellation returns an error
 * (ARS_ECANCELLED, *out freed and NULL). */
int ars__post_solve(ars__solver *s, const ars_solve_opts *o, ars_result **out, ars_error *err);

#endif /* ARS_LP_POST_SOLVE_H */
