/* result.h - the internal result of a solve (struct ars_result), shared by
 * the output code (result.c), explanations, verification, what-if and
 * sweeps. Every per-column or per-row array is indexed like the program
 * (lp.h accessors give the index of x[l,p,t], cap[l,t], ...).
 *
 * Stages: in lexicographic mode stage 0 minimises the shortfall score S and
 * stage 1 minimises the cost C with S held at its optimum; in weighted mode
 * there is one stage, minimising shortfall_weight S + cost_weight C. dual[s]
 * and redcost[s] are GLPK's row duals and reduced costs of stage s: how much
 * that stage's objective rises per unit increase of a row's bound (or of a
 * column's value). For a MIP they come from the LP with every integer
 * column fixed at its value in the returned plan (duals_fixed = 1).
 */
#ifndef ARS_LP_RESULT_H
#define ARS_LP_RESULT_H

#include "lp/backend.h"
#include "lp/lp.h"

/* One "what if this licence were approved from period `from`" re-solve
 * (licence_value.c). */
typedef struct ars__licence_case {
    int from;    /* approval period tried; -1: the case does not apply */
    int status;  /* ars__status of the re-solve */
    int warm;    /* 1 when it started from the plan's basis */
    int same;    /* 1 when `from` is the planned approval: the plan itself */
    double S, C; /* shortfall score and cost of the re-solved plan */
    double ms;
    /* [nrequirements] shortfall over the horizon of each requirement in the
     * re-solved plan (owned; NULL when the case has no plan of its own). */
    double *req_short;
} ars__licence_case;

/* What a pending or denied licence is worth: approved at the start of the
 * horizon, and one period earlier than the plan has it. */
typedef struct ars__licence_value {
    int licence;
    int planned; /* first period usable in the plan, -1 never within the horizon */
    ars__licence_case at_start, earlier;
} ars__licence_value;

/* One recomputed constraint (verify.c): which one, and by how much it is
 * violated. kind is an ars__verify_kind; a, b, c, t are its model indices
 * (line, slot, component slot, period...), -1 when unused. */
typedef struct ars__residual {
    int kind;
    int a, b, c, t;
    double abs, rel;
} ars__residual;

typedef struct ars__verification {
    int done;        /* 1 when the plan was verified */
    int ok;          /* every residual within ARS_VERIFY_TOLERANCE */
    long checked;    /* constraint instances recomputed */
    long violations; /* of them, over tolerance */
    ars__residual worst_abs, worst_rel;
    double S, C; /* shortfall score and cost recomputed from the model */
    double V;    /* and the variation (spec 1.1 section 9) */
    double ms;
} ars__verification;

struct ars_result {
    const struct ars_model *model; /* not owned */
    ars__program *prog;            /* one reference held */

    int status;       /* ars__status (never ARS_ST_CANCELLED here) */
    int has_solution; /* 1 when x holds a plan (optimal or feasible) */
    int mode;         /* ars__objective_mode used */
    int mip;          /* the program had integer columns (not relaxed) */
    int solver;       /* ars_solver that solved it */
    int nstages;      /* objective stages solved: 2 lexicographic, 1 weighted (the smooth
                         stage is not counted: see smoothed); 0 when no solution */
    int duals_fixed;  /* duals from the LP with integers fixed (MIP) */
    int explain;      /* shadow prices and bottlenecks in the output (explain.h) */

    double S, C;               /* shortfall score and discounted cost of the plan,
                                  recomputed from x and the objective vectors */
    double weighted;           /* shortfall_weight S + cost_weight C (model weights) */
    double S_star;             /* stage-0 optimum (lexicographic), else S */
    double mip_gap;            /* MIP: relative gap of the plan's stage (0 optimal, NaN unknown) */
    double lex_bound;          /* S* + tolerance max(1,|S*|) used in stage 1 */
    double V;                  /* variation of the plan (spec 1.1 section 9): the smooth
                                  stage's optimum sum up + down when it ran, else
                                  recomputed from x */
    int smoothed;              /* 1 when the smooth stage chose the plan */
    double cost_per_shortfall; /* lexicographic LP (or MIP with integers
                                  fixed): the cost one more unit of S would
                                  save, the cost stage's dual on S <= S*;
                                  NaN when not known */

    double *x;                          /* [ncols] column values of the plan, NULL without one */
    double *row_act;                    /* [nrows] row activities of the plan */
    int fixed_lp_failed;                /* MIP: the LP with the integers fixed did
                                           not solve; plan from the incumbent,
                                           no duals (solve.c mip_fixed_lp) */
    double *dual[2];                    /* [nrows] row duals per stage; NULL when not available */
    double *redcost[2];                 /* [ncols] reduced costs per stage; NULL likewise */
    unsigned char *row_stat, *col_stat; /* basis (ARS_BASIC ...) at the end
                                           of the last LP solved, or NULL */

    /* Ranging (explain only; NULL otherwise or when it failed). Per stage s,
     * bound_lo[s][k]..bound_hi[s][k] is the interval of the right-hand side
     * of row k (k < nrows) or of the bound of column k - nrows over which
     * dual[s] / redcost[s] of it holds; computed for the rows and columns
     * explain.c prices, NaN elsewhere. cost_lo[j]..cost_hi[j] is the
     * interval of column j's objective coefficient in the cost stage
     * (stage 1 lexicographic, stage 0 weighted) over which the plan's basis
     * stays optimal; computed for cost-bearing decisions, NaN elsewhere.
     * For a MIP both come from the LP with the integers fixed. */
    double *bound_lo[2], *bound_hi[2];
    /* unique[s][k]: 1 when the stage's price of a ranged row or column k is
     * the same in every optimal basis (its left and right derivatives
     * agree, ranging.c), 0 when not or not settled, -1 where not tested:
     * stage 0 tests its prices, stage 1 those stage 0 does not price.
     * ranging_failed[s]: ranging was asked for and stage s has none (its
     * prices' uniqueness is unknown). */
    signed char *unique[2];
    unsigned char ranging_failed[2];
    double *cost_lo, *cost_hi;

    /* Solver statistics. */
    int rows, cols;
    size_t nonzeros;
    long iterations;
    double build_ms, solve_ms;
    double smooth_ms; /* of solve_ms, the smooth stage's (0 when it did not run) */
    int warm;         /* 1 when stage 0 started from a previous basis (session) */
    int stood_in;     /* 1 when the stages started from the weighted stand-in's
                         optimum (solve.c, stand_in_stage) */
    /* Why there is no plan, and what an analysis after the solve could not
     * do, in the order they happened (ars__result_note). */
    char **notes;
    int nnotes;

    ars__verification verification; /* ars_solve_opts.verify (verify.h) */

    /* Licence values (ars_solve_opts.licence_value), NULL when not asked. */
    int nlicence_values;
    ars__licence_value *licence_values;
};

/* Allocates a result for program p (takes a reference) with arrays for a
 * plan; returns NULL when out of memory. */
struct ars_result *ars__result_new(ars__program *p);

/* Value of column j in the plan (0 when there is no plan or j < 0). Inline
 * so that what result.c calls (explain, licence values) can read the plan
 * without calling back into result.c. */
static inline double ars__result_col(const struct ars_result *r, int j)
{
    if (!r || !r->has_solution || j < 0 || j >= r->cols)
        return 0;
    return r->x[j];
}

/* Spend of payee j in period t under the plan (section 6). */
double ars__result_payee_spend(const struct ars_result *r, int payee, int t);

/* Approval period of licence q under the plan: the first period it is
 * usable, -1 when never within the horizon; *review_start gets the period
 * its review starts (-1 when none or not a decision). */
int ars__result_licence_approved(const struct ars_result *r, int q, int *review_start);

/* Adds a note to r (a failed allocation drops the note: notes never fail
 * a solve). */
void ars__result_note(struct ars_result *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The notes joined with "; " (ars__free), NULL when there are none or on
 * allocation failure. */
char *ars__result_notes_text(const struct ars_result *r);
/* The value at a metric path (solver/batch/metric.c) read from the result
 * itself, for the paths sweeps read at every point: objective.shortfall,
 * .cost, .weighted and requirements.ID.total.{demand, met, shortfall,
 * fill_rate}, equal to what the result JSON holds there. Returns 1 with *v
 * set, 0 when the path is another (or there is no plan): read the JSON. */
int ars__result_metric(const struct ars_result *r, const char *path, double *v);

#endif /* ARS_LP_RESULT_H */
