/* solve.h - the solve sequence (solve.c) shared by ars_solve and sessions:
 * objectives, the two lexicographic stages, MIP dual recovery. */
#ifndef ARS_LP_SOLVE_H
#define ARS_LP_SOLVE_H

#include "lp/backend.h"
#include "lp/lp.h"
#include "lp/result.h"

/* A loaded program and what a later warm solve needs. */
typedef struct ars__solver {
    ars__program *prog; /* the program loaded in be (one reference) */
    ars__backend *be;
    unsigned char *basis_rows, *basis_cols; /* stage-0 optimal basis of the last solve */
    int has_basis;
    int skip_mip_duals; /* 1: a MIP's duals are not wanted (licence-value
                           re-solves read only S and C), saving two LPs */
    int warm_primal;    /* 1: a warm stage 0 uses primal simplex: the bounds
                           were only relaxed since the saved basis */
} ars__solver;

/* Loads prog (takes a reference) into a new backend of `solver` (ars_solver). */
int ars__solver_init(ars__solver *s, ars__program *prog, int solver, ars_error *err);
void ars__solver_release(ars__solver *s);

/* Solves the loaded program. warm: start stage 0 from the saved basis
 * (presolve off, dual simplex). Returns ARS_OK with *out set (any status),
 * ARS_ECANCELLED (no result), or an error code with *out set to a result
 * of status "error" when one could be made. */
int ars__solver_run(ars__solver *s, int warm, const ars_solve_opts *o, ars_result **out,
                    ars_error *err);

/* A warm solve with a stall budget: GLPK's simplex can stall on a warm
 * start that a cold one solves quickly (numerical trouble after the
 * change), so the warm run gets max(1 s, 4 cold_ms) of the time allowed and
 * is redone from scratch if it runs out of that budget. cold_ms: how long a
 * cold solve of this program took (<= 0: unknown, no budget). Otherwise as
 * ars__solver_run; (*out)->warm says which one answered. */
int ars__solver_run_budgeted(ars__solver *s, int warm, double cold_ms, const ars_solve_opts *o,
                             ars_result **out, ars_error *err);
/* The same with the warm run's budget in seconds given directly (tests). */
int ars__solver_run_within(ars__solver *s, int warm, double budget, const ars_solve_opts *o,
                           ars_result **out, ars_error *err);

#endif /* ARS_LP_SOLVE_H */
