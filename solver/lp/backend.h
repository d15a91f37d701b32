/* backend.h - our own small solver interface, with two implementations
 * chosen when a program is loaded: GLPK (glpk_backend.c, the only file that
 * calls glp_*) and COIN-OR CLP/CBC (clp_backend.c, the only file that calls
 * Clp_* / Cbc_*, built when CMake finds them). backend.c dispatches each
 * call to the implementation the backend was loaded with. What follows
 * describes GLPK; clp_backend.c says where CLP/CBC differ (no process-wide
 * state to lose, so no dead backends; ranging through a GLPK copy).
 *
 * Threads: a backend is created, used and freed on one thread (GLPK keeps
 * its environment per thread). Every call is guarded: a fatal GLPK error is
 * caught (glp_error_hook + longjmp), the thread's GLPK environment is freed,
 * every backend of that thread is marked dead, and the call returns
 * ARS_ESOLVER with GLPK's last message in err. A dead backend answers every
 * call with ARS_ESOLVER; free it and load again. GLPK never writes to
 * stdout: its terminal output goes to the log hook below (or nowhere).
 *
 * Rows and columns are 0-based here, as in lp.h.
 */
#ifndef ARS_LP_BACKEND_H
#define ARS_LP_BACKEND_H

#include "lp/lp.h"

typedef struct ars__backend ars__backend;

typedef enum {
    ARS_ST_OPTIMAL = 0,
    ARS_ST_FEASIBLE, /* a time or gap limit stopped it with a feasible point */
    ARS_ST_INFEASIBLE,
    ARS_ST_UNBOUNDED,
    ARS_ST_TIME_LIMIT, /* stopped by the time limit without a feasible point */
    ARS_ST_ERROR,
    ARS_ST_CANCELLED
} ars__status;

/* "optimal", "feasible", "infeasible", "unbounded", "time_limit", "error",
 * "cancelled". */
const char *ars__status_name(int st);

/* Basis status of a row or column (GLPK's GLP_BS.. order). */
enum { ARS_BASIC = 1, ARS_AT_LOWER, ARS_AT_UPPER, ARS_FREE_NONBASIC, ARS_FIXED };

typedef struct ars__solve_params {
    int warm;                /* 1: start from the current basis, presolve off */
    int dual;                /* 1: dual simplex (after bound / rhs changes) */
    double time_limit;       /* seconds, <= 0: none */
    double mip_gap;          /* relative, <= 0: GLPK default */
    volatile int *cancel;    /* MIP only: checked in the branch-and-cut callback */
    volatile int *stop;      /* MIP only: end branch-and-cut, keeping the incumbent
                                (FEASIBLE; CANCELLED when there is none) */
    const double *mip_start; /* MIP only, [ncols] or NULL: a known feasible
                                point offered as the first incumbent */
    int it_limit;            /* > 0: stop the simplex after this many
                                iterations (status as for the time limit);
                                tests use it to make a warm start stall */
    int stage;               /* ars__stage_hint: what the objective is, so a
                                backend may pick its cold-start algorithm */
    int no_cold_retry;       /* warm LP: a start that fails numerically ends the
                                solve with status ARS_ST_ERROR and ARS_OK, for a
                                caller that goes on from another start, instead
                                of being solved again from scratch. */
    const double *warmup;    /* cold LP only, [ncols] or NULL: an objective whose
                                optimum is a good start for this one (the
                                weighted objective for the shortfall stage); a
                                backend may solve it first and go on from its
                                basis. GLPK ignores it. */
    int presolve;            /* warm LP: 1 where the backend may run its presolve
                                first (a cold run's later stage, from the
                                previous stage's optimum with the face fixed:
                                many fixed columns to remove). GLPK ignores it. */
    int polish_its;          /* warm LP: pivots a polish at tighter tolerances
                                may take at least (a quarter of a cold run's:
                                a warm solve's own few are too few), 0: none
                                beyond the backend's rule. CLP ignores it. */
} ars__solve_params;

/* The objective of a solve, as a hint: the shortfall score alone is highly
 * degenerate (CLP's primal simplex beats its dual there, bench/RESULTS.md),
 * the weighted and cost objectives are not. GLPK only polishes the
 * shortfall stage's optimum at a tighter dual tolerance (glpk_backend.c,
 * SHORTFALL_TOL_DJ). */
enum {
    ARS_STAGE_ANY = 0,
    ARS_STAGE_SHORTFALL,
    ARS_STAGE_WEIGHTED,
    ARS_STAGE_COST,
    ARS_STAGE_SMOOTH /* the variation V, started from the previous stage's optimum */
};

typedef struct ars__solve_info {
    int status; /* ars__status */
    double objective;
    int iterations; /* simplex iterations of this call */
    double seconds;
    int glpk_ret;   /* raw return code, for messages */
    int stopped;    /* MIP: ended by the stop flag */
    double mip_gap; /* MIP: relative gap of the incumbent to the best bound (0 when
                       optimal, NaN when not known) */
} ars__solve_info;

/* Sets the thread's log hook for GLPK's terminal output (NULL: discard).
 * Per thread; default is to discard. */
void ars__backend_set_log(void (*fn)(void *ctx, const char *text), void *ctx);

/* Loads p (bounds, kinds, matrix without its zero entries, objective obj_s,
 * row and column names when `names`) into the solver `solver` (ars_solver);
 * ARS_EUSAGE when that one is not built in. */
int ars__backend_load_with(int solver, const ars__program *p, int names, ars__backend **out,
                           ars_error *err);
/* The same with ars_solver_default(). */
int ars__backend_load(const ars__program *p, int names, ars__backend **out, ars_error *err);
/* The ars_solver b was loaded with. */
int ars__backend_solver(const ars__backend *b);
void ars__backend_free(ars__backend *b);
int ars__backend_dead(const ars__backend *b);

/* In-place changes (each one guarded call for a batch of items). n items
 * with indices idx[]; lb/ub may be -HUGE_VAL/HUGE_VAL. */
int ars__backend_set_col_bounds(ars__backend *b, int n, const int *idx, const double *lb,
                                const double *ub, ars_error *err);
int ars__backend_set_row_bounds(ars__backend *b, int n, const int *idx, const double *lb,
                                const double *ub, ars_error *err);
/* Replaces row i's coefficients (zeros are dropped). */
int ars__backend_set_row(ars__backend *b, int i, int len, const int *cols, const double *vals,
                         ars_error *err);
/* The whole objective: coef[j] for every column (minimised). */
int ars__backend_set_objective(ars__backend *b, const double *coef, ars_error *err);
/* Column kinds (ars__col_kind), for every column. */
int ars__backend_set_kinds(ars__backend *b, const unsigned char *kind, ars_error *err);

/* Solves the LP relaxation (simplex). */
int ars__backend_solve_lp(ars__backend *b, const ars__solve_params *prm, ars__solve_info *info,
                          ars_error *err);
/* Solves the MIP: the LP relaxation first (warm or cold), then branch and
 * cut with presolve off. Values are then those of the incumbent. */
int ars__backend_solve_mip(ars__backend *b, const ars__solve_params *prm, ars__solve_info *info,
                           ars_error *err);

/* Read-outs after a solve, into caller arrays of ncols / nrows. `mip`: the
 * MIP incumbent (glp_mip_*) instead of the basic solution. */
int ars__backend_primal(ars__backend *b, int mip, double *col, double *row_activity,
                        ars_error *err);
/* Row duals and reduced costs of the basic solution. */
int ars__backend_duals(ars__backend *b, double *row_dual, double *col_dual, ars_error *err);
/* Basis status per row / column (ARS_BASIC ...). */
int ars__backend_get_basis(ars__backend *b, unsigned char *row_stat, unsigned char *col_stat,
                           ars_error *err);
int ars__backend_set_basis(ars__backend *b, const unsigned char *row_stat,
                           const unsigned char *col_stat, ars_error *err);

/* Sensitivity ranging of the current basic solution, which must be the
 * optimum of the last LP solved, with nothing changed since (GLPK's
 * glp_analyze_bound / glp_analyze_coef; the basis is factorised first if
 * it is not). Otherwise ARS_ESOLVER, and nothing is filled.
 *
 * range_bounds: var[i] names a row (0..nrows-1) or a column (nrows + j).
 * When it is non-basic, lo[i]..hi[i] is the interval of its active bound
 * (a row's right-hand side, a column's bound) over which the basis stays
 * primal feasible, so optimal with the same duals; -HUGE_VAL / HUGE_VAL
 * where nothing limits it. A basic one gets NaN.
 *
 * range_costs: for column col[i], the interval of its objective
 * coefficient over which the basis stays dual feasible, so the solution
 * stays optimal: glp_analyze_coef for a basic column; for a non-basic one
 * it follows from the reduced cost d (at its lower bound: c - d and up; at
 * its upper bound: up to c - d; fixed or free: unlimited). */
int ars__backend_range_bounds(ars__backend *b, int n, const int *var, double *lo, double *hi,
                              ars_error *err);
int ars__backend_range_costs(ars__backend *b, int n, const int *col, double *lo, double *hi,
                             ars_error *err);

/* Writes p with objective obj[ncols] (minimised) to `path` in `format`
 * (ARS_WRITE_LP: CPLEX LP, ARS_WRITE_MPS: free MPS) with the readable row
 * and column names. GLPK writes to a temporary file in the same folder,
 * which is renamed over path only when complete, so a failure leaves no
 * partial file. The CPLEX LP format forbids '[', ']' and some other
 * characters in names; there they become '(', ')' and '_'. Uses its own
 * GLPK problem on the calling thread. */
enum { ARS_WRITE_LP = 0, ARS_WRITE_MPS = 1 };
int ars__backend_write(const ars__program *p, const double *obj, int format, const char *path,
                       ars_error *err);

/* For tests of the recovery path: makes GLPK raise a fatal error (adds 0
 * columns) under the guard. Returns ARS_ESOLVER, the backend is dead. */
int ars__backend_provoke_fault(ars__backend *b, ars_error *err);

/* Frees this thread's GLPK environment when no backend of the thread is
 * alive (call before a thread that used GLPK exits; harmless otherwise). */
void ars__backend_thread_cleanup(void);

#endif /* ARS_LP_BACKEND_H */
