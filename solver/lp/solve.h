/* solve.h - the solve sequence (solve.c) shared by ars_solve and sessions:
 * objectives, the lexicographic stages, the MIP plan from the LP with the
 * integer decisions fixed. */
#ifndef ARS_LP_SOLVE_H
#define ARS_LP_SOLVE_H

#include "lp/backend.h"
#include "lp/lp.h"
#include "lp/result.h"

/* The most stages one solve runs: shortfall and cost (lexicographic), with
 * room for the smooth stage of spec 1.1 section 9. */
#define ARS__MAX_STAGES 3
/* The bases kept: one per stage, and at ARS__STAND_IN the weighted
 * stand-in's of a warm lexicographic run (solve.c, stand_in_stage). */
#define ARS__STAND_IN ARS__MAX_STAGES
#define ARS__NBASES (ARS__MAX_STAGES + 1)

/* A basis (status per row and column, ARS_BASIC ...) kept from a stage's
 * optimum, to start the same stage of the next variant from. */
typedef struct ars__basis {
    unsigned char *rows, *cols;
    int has;
} ars__basis;

/* A loaded program and what a later warm solve needs. */
typedef struct ars__solver {
    ars__program *prog; /* the program loaded in be (one reference) */
    ars__backend *be;
    ars__basis basis[ARS__NBASES]; /* each stage's optimal basis of the last solve */
    int has_basis;                 /* basis[0] may start a warm solve */
    int values_only;               /* 1: only S and C are read (licence-value cases): a
                                      MIP skips the LP with the integers fixed (4-10x the
                                      warm MIP on the default model); S is then the
                                      shortfall stage's optimum, C the cost stage's */
    int warm_primal;               /* 1: a warm stage 0 uses primal simplex: the bounds
                                      were only relaxed since the saved basis */
    int warm_it_limit;             /* tests: > 0 stops each warm LP stage after this many
                                      simplex iterations (a warm start that stalls) */
    /* Pivots of the last cost stage solved from the shortfall stage's
     * optimum (0: none yet): bounds a warm one (solve.c, cost_stage_warm). */
    int cost_from_shortfall_its;
    /* Warm lexicographic LP runs start from a weighted stand-in (solve.c,
     * stand_in_stage): the weight on S its basis was found with (0: none
     * yet), and 1 where the caller re-solves variants (sessions), so that
     * a run that does not use the stand-in finds its basis for the next. */
    double stand_in_weight;
    int keep_stand_in;
    long cold_its; /* simplex iterations of the last cold LP run (0: none) */
    /* The bounds loaded in be where a caller changed them behind prog's
     * back (licence value's cases); NULL: prog's. The cost stage fixes
     * columns and rows on the optimal face and puts these back after. */
    const double *col_lb, *col_ub, *row_lb, *row_ub;
    /* ars__export_stages: each stage's program is written as it is about to
     * be solved, to these paths (stage names inserted after the first). */
    const char *export_lp, *export_mps;
    int exported; /* stages written */
} ars__solver;

/* Copies of every stage's basis (for callers that solve other cases in
 * between and go on from the plan's bases). */
int ars__solver_save_bases(const ars__solver *s, ars__basis copy[ARS__NBASES]);
void ars__solver_restore_bases(ars__solver *s, const ars__basis copy[ARS__NBASES]);
void ars__bases_free(ars__basis copy[ARS__NBASES]);

/* Loads prog (takes a reference) into a new backend of `solver` (ars_solver). */
int ars__solver_init(ars__solver *s, ars__program *prog, int solver, ars_error *err);
void ars__solver_release(ars__solver *s);

/* Solves the loaded program. warm: start every stage from its saved basis
 * (presolve off, dual simplex). A warm solve that ends in anything but
 * optimal is solved again cold (while time is left) before its status is
 * reported: a warm start must never change an answer. Returns ARS_OK with *out set (any status),
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

/* Solves m cold and writes the program of every stage as it is about to be
 * solved, objective and bounds as the solver has them (the earlier stages'
 * optima held by the lex row and the fixed face; the swing rows = 0 in the
 * smooth stage; a MIP's smooth stage with the integer decisions fixed), in
 * CPLEX LP to lp_path and/or free MPS to mps_path (either may be NULL). The
 * first stage goes to the path itself, stage NAME to the path with ".NAME"
 * before its extension (model.lp, model.cost.lp, model.smooth.lp). A stage
 * the solve does not reach (the first one infeasible) is not written;
 * *nstages (may be NULL) gets how many were. */
int ars__export_stages(const struct ars_model *m, const char *lp_path, const char *mps_path,
                       int *nstages, ars_error *err);

#endif /* ARS_LP_SOLVE_H */
