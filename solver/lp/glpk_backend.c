/* glpk_backend.c - the GLPK implementation of backend.h; the only file of
 * arsenal that calls glp_*.
 *
 * GLPK aborts the process on a fatal error unless the error hook leaves by
 * longjmp; after that the thread's GLPK environment must be freed, which
 * invalidates every problem object of the thread (GLPK manual, "Error
 * handling"; reliability.md section 2). So every call below runs under a
 * guard that installs the hook with its own jmp_buf, and a per-thread
 * generation number tells a backend whether its glp_prob died in a fault.
 * Nothing between setjmp and the end of a guarded body allocates our own
 * memory, so a longjmp leaks nothing of ours. */
#include "lp/backend_impl.h"

#include "util/util.h"

#include <float.h>
#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

struct ars__glpk {
    glp_prob *P;
    unsigned long generation;
    pthread_t owner;
    int nrows, ncols;
    int *ind;       /* [ncols + 1] scratch for glp_set_mat_row */
    double *vv;     /* [ncols + 1] */
    double *start1; /* [ncols + 1] 1-based MIP start for glp_ios_heur_sol */
};

typedef struct thread_state {
    unsigned long generation;
    int live;
    void (*log)(void *ctx, const char *text);
    void *log_ctx;
    char last[512]; /* GLPK's latest terminal output, for error messages */
} thread_state;

static _Thread_local thread_state tl;

const char *ars__status_name(int st)
{
    static const char *const names[] = {"optimal",    "feasible", "infeasible", "unbounded",
                                        "time_limit", "error",    "cancelled"};
    return st >= 0 && st <= ARS_ST_CANCELLED ? names[st] : "error";
}

void ars__backend_set_log(void (*fn)(void *ctx, const char *text), void *ctx)
{
    tl.log = fn;
    tl.log_ctx = ctx;
}

/* Keeps the tail of GLPK's output (its fatal messages come this way too)
 * and never lets it reach stdout. */
static int term_hook(void *info, const char *s)
{
    size_t have = strlen(tl.last), add = strlen(s);
    (void)info;
    if (add >= sizeof tl.last) {
        s += add - (sizeof tl.last - 1);
        add = sizeof tl.last - 1;
    }
    if (have + add >= sizeof tl.last) {
        size_t drop = have + add - (sizeof tl.last - 1);
        memmove(tl.last, tl.last + drop, have - drop + 1);
        have -= drop;
    }
    memcpy(tl.last + have, s, add + 1);
    if (tl.log)
        tl.log(tl.log_ctx, s);
    return 1; /* handled: GLPK prints nothing */
}

static void error_hook(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* The tail of GLPK's output as one line, from its first error where there
 * is one: ahead of it GLPK may have written warnings by the dozen ("basis
 * matrix is ill-conditioned"), and the tail kept can start mid-word. */
static const char *last_message(void)
{
    static _Thread_local char one[512];
    static const char *const marks[] = {"Error", "Assertion failed", "glp_"};
    const char *from = NULL, *at;
    size_t i, n = 0, k;
    for (k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if ((at = strstr(tl.last, marks[k])) != NULL && (!from || at < from))
            from = at;
    if (!from)
        from = tl.last;
    for (i = (size_t)(from - tl.last); tl.last[i] && n + 1 < sizeof one; i++)
        one[n++] = tl.last[i] == '\n' ? ' ' : tl.last[i];
    while (n > 0 && one[n - 1] == ' ')
        n--;
    one[n] = '\0';
    return n ? one : "(no message)";
}

static int enter(ars__glpk *b, ars_error *err, const char *what)
{
    if (b && !pthread_equal(b->owner, pthread_self()))
        return ars_error_set(err, ARS_EINTERNAL, what,
                             "a GLPK problem was used from another thread than its own");
    if (b && b->generation != tl.generation)
        return ars_error_set(err, ARS_ESOLVER, what,
                             "the solver was reset by an earlier GLPK failure on this thread");
    tl.last[0] = '\0';
    glp_term_hook(term_hook, NULL);
    return ARS_OK;
}

/* After the longjmp: GLPK's state is undefined, so free the whole
 * environment; every problem of this thread is gone with it. */
static int fault(ars__glpk *b, ars_error *err, const char *what)
{
    char msg[512];
    snprintf(msg, sizeof msg, "%s", last_message());
    glp_free_env();
    tl.generation++;
    if (b)
        b->P = NULL;
    /* Seen as an assertion deep in GLPK's simplex on an ill-conditioned
     * basis (a generated MIP, bench/RESULTS.md): GLPK's numerics on that
     * model, which the other backend need not share. */
    return ars_error_set(err, ARS_ESOLVER, what, "GLPK failed: %s%s", msg,
#ifdef ARSENAL_HAVE_COIN
                         "; the COIN-OR backend (--solver clp) may solve it"
#else
                         ""
#endif
    );
}

#define GUARD_BEGIN(b, err, what)                                                                  \
    jmp_buf jb_;                                                                                   \
    if (enter((b), (err), (what)))                                                                 \
        return (err) ? (err)->code : ARS_ESOLVER;                                                  \
    if (setjmp(jb_))                                                                               \
        return fault((b), (err), (what));                                                          \
    glp_error_hook(error_hook, &jb_)

#define GUARD_END() glp_error_hook(NULL, NULL)

static int bnd_type(double lb, double ub)
{
    int hl = lb > -HUGE_VAL, hu = ub < HUGE_VAL;
    if (hl && hu)
        return lb == ub ? GLP_FX : GLP_DB;
    if (hl)
        return GLP_LO;
    if (hu)
        return GLP_UP;
    return GLP_FR;
}

static int bad_bounds(double lb, double ub)
{
    return isnan(lb) || isnan(ub) || lb == HUGE_VAL || ub == -HUGE_VAL || lb > ub;
}

int ars__glpk_dead(const ars__glpk *b)
{
    return !b || !b->P || b->generation != tl.generation;
}

static int check_bounds(const ars__program *p, ars_error *err)
{
    int i;
    char name[256];
    for (i = 0; i < p->ncols; i++)
        if (bad_bounds(p->col_lb[i], p->col_ub[i]) || !isfinite(p->obj_s[i]))
            return ars_error_set(err, ARS_EINVALID, ars__col_name(p, i, name, sizeof name),
                                 "bounds [%g, %g] are empty or not numbers", p->col_lb[i],
                                 p->col_ub[i]);
    for (i = 0; i < p->nrows; i++)
        if (bad_bounds(p->row_lb[i], p->row_ub[i]))
            return ars_error_set(err, ARS_EINVALID, ars__row_name(p, i, name, sizeof name),
                                 "bounds [%g, %g] are empty or not numbers", p->row_lb[i],
                                 p->row_ub[i]);
    for (i = 0; i < p->nrows; i++) {
        int a;
        for (a = p->row_start[i]; a < p->row_start[i + 1]; a++)
            if (p->col_idx[a] < 0 || p->col_idx[a] >= p->ncols || !isfinite(p->val[a]) ||
                (a > p->row_start[i] && p->col_idx[a] <= p->col_idx[a - 1]))
                return ars_error_set(err, ARS_EINTERNAL, ars__row_name(p, i, name, sizeof name),
                                     "bad matrix entry (column %d, value %g)", p->col_idx[a],
                                     p->val[a]);
    }
    return ARS_OK;
}

static int glp_kind(int kind)
{
    /* Binary columns are loaded as integer: GLP_BV would reset their bounds
     * to [0, 1], and a review that may not start yet is fixed at 0. */
    return kind == ARS_KIND_CONT ? GLP_CV : GLP_IV;
}

static int load_body(ars__glpk *b, const ars__program *p, int names)
{
    glp_prob *P = b->P;
    int i, j, a;
    char name[256];
    glp_set_obj_dir(P, GLP_MIN);
    if (p->nrows > 0)
        glp_add_rows(P, p->nrows);
    if (p->ncols > 0)
        glp_add_cols(P, p->ncols);
    for (i = 0; i < p->nrows; i++) {
        glp_set_row_bnds(P, i + 1, bnd_type(p->row_lb[i], p->row_ub[i]), p->row_lb[i],
                         p->row_ub[i]);
        if (names)
            glp_set_row_name(P, i + 1, ars__row_name(p, i, name, sizeof name));
    }
    for (j = 0; j < p->ncols; j++) {
        if (p->col_kind[j] != ARS_KIND_CONT)
            glp_set_col_kind(P, j + 1, glp_kind(p->col_kind[j]));
        glp_set_col_bnds(P, j + 1, bnd_type(p->col_lb[j], p->col_ub[j]), p->col_lb[j],
                         p->col_ub[j]);
        glp_set_obj_coef(P, j + 1, p->obj_s[j]);
        if (names)
            glp_set_col_name(P, j + 1, ars__col_name(p, j, name, sizeof name));
    }
    for (i = 0; i < p->nrows; i++) {
        int len = 0;
        for (a = p->row_start[i]; a < p->row_start[i + 1]; a++)
            if (p->val[a] != 0) {
                len++;
                b->ind[len] = p->col_idx[a] + 1;
                b->vv[len] = p->val[a];
            }
        if (len > 0)
            glp_set_mat_row(P, i + 1, len, b->ind, b->vv);
    }
    /* Costs (money) and shortfall weights (1e6) differ by many orders of
     * magnitude; GLPK's automatic scaling keeps the simplex stable. */
    glp_scale_prob(P, GLP_SF_AUTO);
    return ARS_OK;
}

static int load_guarded(ars__glpk *b, const ars__program *p, int names, ars_error *err)
{
    GUARD_BEGIN(b, err, "load");
    b->P = glp_create_prob();
    load_body(b, p, names);
    GUARD_END();
    return ARS_OK;
}

int ars__glpk_load(const ars__program *p, int names, ars__glpk **out, ars_error *err)
{
    ars__glpk *b;
    int rc;
    *out = NULL;
    rc = check_bounds(p, err);
    if (rc)
        return rc;
    b = ars__calloc(1, sizeof *b);
    if (!b)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    b->owner = pthread_self();
    b->nrows = p->nrows;
    b->ncols = p->ncols;
    b->ind = ars__malloc(sizeof(int) * ((size_t)p->ncols + 1));
    b->vv = ars__malloc(sizeof(double) * ((size_t)p->ncols + 1));
    b->start1 = ars__malloc(sizeof(double) * ((size_t)p->ncols + 1));
    if (!b->ind || !b->vv || !b->start1) {
        ars__free(b->ind);
        ars__free(b->vv);
        ars__free(b->start1);
        ars__free(b);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    }
    b->generation = tl.generation;
    tl.live++;
    rc = load_guarded(b, p, names, err);
    if (rc) {
        ars__glpk_free(b);
        return rc;
    }
    *out = b;
    return ARS_OK;
}

void ars__glpk_free(ars__glpk *b)
{
    if (!b)
        return;
    if (!pthread_equal(b->owner, pthread_self())) {
        /* Deleting on another thread aborts inside GLPK; leaking the
         * problem is the lesser harm. The caller broke the contract. */
        ars__free(b->ind);
        ars__free(b->vv);
        ars__free(b->start1);
        ars__free(b);
        return;
    }
    if (b->P && b->generation == tl.generation) {
        jmp_buf jb;
        if (setjmp(jb) == 0) {
            glp_error_hook(error_hook, &jb);
            glp_delete_prob(b->P);
            glp_error_hook(NULL, NULL);
        } else {
            glp_free_env();
            tl.generation++;
        }
    }
    ars__free(b->ind);
    ars__free(b->vv);
    ars__free(b->start1);
    ars__free(b);
    if (--tl.live <= 0) {
        tl.live = 0;
        /* No problem left on this thread: give GLPK's environment back, so
         * nothing of it outlives the solve (leak checkers, thread exit). */
        glp_free_env();
    }
}

void ars__backend_thread_cleanup(void)
{
    if (tl.live == 0)
        glp_free_env();
}

int ars__glpk_set_col_bounds(ars__glpk *b, int n, const int *idx, const double *lb,
                             const double *ub, ars_error *err)
{
    int i;
    for (i = 0; i < n; i++)
        if (idx[i] < 0 || idx[i] >= b->ncols || bad_bounds(lb[i], ub[i]))
            return ars_error_set(err, ARS_EINVALID, "column bounds",
                                 "column %d bounds [%g, %g] are out of range or empty", idx[i],
                                 lb[i], ub[i]);
    {
        GUARD_BEGIN(b, err, "set column bounds");
        for (i = 0; i < n; i++)
            glp_set_col_bnds(b->P, idx[i] + 1, bnd_type(lb[i], ub[i]), lb[i], ub[i]);
        GUARD_END();
    }
    return ARS_OK;
}

int ars__glpk_set_row_bounds(ars__glpk *b, int n, const int *idx, const double *lb,
                             const double *ub, ars_error *err)
{
    int i;
    for (i = 0; i < n; i++)
        if (idx[i] < 0 || idx[i] >= b->nrows || bad_bounds(lb[i], ub[i]))
            return ars_error_set(err, ARS_EINVALID, "row bounds",
                                 "row %d bounds [%g, %g] are out of range or empty", idx[i], lb[i],
                                 ub[i]);
    {
        GUARD_BEGIN(b, err, "set row bounds");
        for (i = 0; i < n; i++)
            glp_set_row_bnds(b->P, idx[i] + 1, bnd_type(lb[i], ub[i]), lb[i], ub[i]);
        GUARD_END();
    }
    return ARS_OK;
}

static int set_mat_row_guarded(ars__glpk *b, int i, int n, ars_error *err)
{
    GUARD_BEGIN(b, err, "set row");
    glp_set_mat_row(b->P, i + 1, n, b->ind, b->vv);
    GUARD_END();
    return ARS_OK;
}

int ars__glpk_set_row(ars__glpk *b, int i, int len, const int *cols, const double *vals,
                      ars_error *err)
{
    int a, n = 0;
    if (i < 0 || i >= b->nrows || len < 0 || len > b->ncols)
        return ars_error_set(err, ARS_EINVALID, "row", "row %d (%d entries) is out of range", i,
                             len);
    for (a = 0; a < len; a++) {
        if (cols[a] < 0 || cols[a] >= b->ncols || !isfinite(vals[a]) ||
            (a > 0 && cols[a] <= cols[a - 1]))
            return ars_error_set(err, ARS_EINVALID, "row",
                                 "row %d: entry %d (column %d, value %g) is out of range, not "
                                 "finite or not in ascending column order",
                                 i, a, cols[a], vals[a]);
        if (vals[a] != 0) {
            n++;
            b->ind[n] = cols[a] + 1;
            b->vv[n] = vals[a];
        }
    }
    return set_mat_row_guarded(b, i, n, err);
}

int ars__glpk_set_objective(ars__glpk *b, const double *coef, ars_error *err)
{
    int j;
    for (j = 0; j < b->ncols; j++)
        if (!isfinite(coef[j]))
            return ars_error_set(err, ARS_EINVALID, "objective", "coefficient of column %d is %g",
                                 j, coef[j]);
    {
        GUARD_BEGIN(b, err, "set objective");
        for (j = 0; j < b->ncols; j++)
            glp_set_obj_coef(b->P, j + 1, coef[j]);
        GUARD_END();
    }
    return ARS_OK;
}

int ars__glpk_set_kinds(ars__glpk *b, const unsigned char *kind, ars_error *err)
{
    int j;
    GUARD_BEGIN(b, err, "set kinds");
    for (j = 0; j < b->ncols; j++)
        glp_set_col_kind(b->P, j + 1, glp_kind(kind[j]));
    GUARD_END();
    return ARS_OK;
}

static int tm_ms(double seconds)
{
    if (seconds <= 0)
        return INT_MAX;
    if (seconds * 1000.0 >= (double)INT_MAX)
        return INT_MAX;
    return seconds * 1000.0 < 1 ? 1 : (int)(seconds * 1000.0);
}

static int lp_status(glp_prob *P, int ret)
{
    switch (ret) {
    case 0:
        switch (glp_get_status(P)) {
        case GLP_OPT:
            return ARS_ST_OPTIMAL;
        case GLP_FEAS:
            return ARS_ST_FEASIBLE;
        case GLP_NOFEAS:
            return ARS_ST_INFEASIBLE;
        case GLP_UNBND:
            return ARS_ST_UNBOUNDED;
        default:
            /* Dual simplex proves primal infeasibility through an unbounded
             * dual, and primal simplex unboundedness the other way. */
            if (glp_get_dual_stat(P) == GLP_NOFEAS && glp_get_prim_stat(P) == GLP_FEAS)
                return ARS_ST_UNBOUNDED;
            if (glp_get_prim_stat(P) == GLP_NOFEAS)
                return ARS_ST_INFEASIBLE;
            return ARS_ST_ERROR;
        }
    case GLP_ETMLIM:
    case GLP_EITLIM:
        return glp_get_prim_stat(P) == GLP_FEAS ? ARS_ST_FEASIBLE : ARS_ST_TIME_LIMIT;
    case GLP_ENOPFS:
        return ARS_ST_INFEASIBLE;
    case GLP_ENODFS:
        return ARS_ST_UNBOUNDED;
    default:
        return ARS_ST_ERROR;
    }
}

static const char *glpk_ret_text(int ret)
{
    switch (ret) {
    case GLP_EBADB:
        return "invalid initial basis";
    case GLP_ESING:
        return "singular basis matrix";
    case GLP_ECOND:
        return "ill-conditioned basis matrix";
    case GLP_EBOUND:
        return "incorrect bounds (a lower bound above an upper bound)";
    case GLP_EFAIL:
        return "solver failure";
    case GLP_EROOT:
        return "no optimal basis of the LP relaxation";
    case GLP_ESTOP:
        return "stopped by the application";
    default:
        return "failure";
    }
}

/* The shortfall stage is polished: its optimum at GLPK's default dual
 * tolerance (1e-7 on the scaled reduced costs) is taken on by primal
 * simplex with 1e-10. The default calls the price of S on a column in money
 * zero where a dollar buys 1e-10 of shortfall (cost_per_shortfall 1e10 on
 * generated models), and GLPK stops short of S*. Measured on `arsenal-gen
 * --lines 10 --periods 8 --seed 7`, one fund x0.9: 24 such columns left at
 * -1e-8 scaled, S = 17805.2602 cold against the exact optimum 17805.1939625
 * (glp_exact: 3.7e-6 relative; 2.9% in C, that steep in S), and warm and
 * cold apart by that much; polished, 36 pivots to within 1e-10 of it.
 * Solving with 1e-10 from the start stalls instead (the 5,726-row model, a
 * fund x0.8: over 150 s against 20 s; polished: 12,351 + 790 pivots). The
 * polish gets a quarter of the pivots the solve took (at least
 * POLISH_MIN_ITS); past that the default tolerance finishes from where it
 * stopped, as unpolished. */
#define SHORTFALL_TOL_DJ 1e-10
#define POLISH_MIN_ITS 50

/* 1 when a non-basic column or row of the optimum just found has a reduced
 * cost of the wrong sign beyond SHORTFALL_TOL_DJ, scaled as GLPK judges it
 * (minimisation): only then does the polish run, which otherwise costs a
 * warm solve of two pivots a quarter of its time for nothing. */
static int shortfall_unpriced(glp_prob *P)
{
    int j, i, st;
    double d, eps;
    for (j = 1; j <= glp_get_num_cols(P); j++) {
        st = glp_get_col_stat(P, j);
        d = glp_get_col_dual(P, j) * glp_get_sjj(P, j);
        eps = SHORTFALL_TOL_DJ * (1 + 1e-3 * fabs(glp_get_obj_coef(P, j) * glp_get_sjj(P, j)));
        if ((st == GLP_NL && d < -eps) || (st == GLP_NU && d > eps) ||
            (st == GLP_NF && fabs(d) > eps))
            return 1;
    }
    for (i = 1; i <= glp_get_num_rows(P); i++) {
        st = glp_get_row_stat(P, i);
        d = glp_get_row_dual(P, i) / glp_get_rii(P, i);
        if ((st == GLP_NL && d < -SHORTFALL_TOL_DJ) || (st == GLP_NU && d > SHORTFALL_TOL_DJ) ||
            (st == GLP_NF && fabs(d) > SHORTFALL_TOL_DJ))
            return 1;
    }
    return 0;
}

/* A basic column or row outside its bounds by more than POLISH_TOL_BND,
 * scaled as GLPK judges it. GLPK's default primal tolerance (1e-7 scaled)
 * lets a basic payment column end at -3.0e-7 where the rows around it are
 * worth 0.15: the plan then fails its own verification (2e-6 relative in
 * payee_paid; `arsenal-gen --lines 6 --periods 3 --seed 3`, one fund x0.9,
 * the cost stage). Such an optimum is polished by primal simplex at
 * POLISH_TOL_BND, as the shortfall stage's at SHORTFALL_TOL_DJ. */
#define POLISH_TOL_BND 1e-9

static double beyond(int type, double lb, double ub, double x)
{
    double v = 0;
    if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && lb - x > v)
        v = lb - x;
    if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x - ub > v)
        v = x - ub;
    return v;
}

/* x outside [lb, ub] (per type) by more than POLISH_TOL_BND in GLPK's
 * scaled terms, f being the scale factor of the value (1/sjj for a column,
 * rii for a row). */
static int outside_scaled(int type, double lb, double ub, double x, double f)
{
    double size = fmax(type == GLP_UP ? 0 : fabs(lb), type == GLP_LO ? 0 : fabs(ub));
    return beyond(type, lb, ub, x) * f > POLISH_TOL_BND * (1 + size * f);
}

static int bounds_unmet(glp_prob *P)
{
    int j, i;
    for (j = 1; j <= glp_get_num_cols(P); j++)
        if (glp_get_col_stat(P, j) == GLP_BS &&
            outside_scaled(glp_get_col_type(P, j), glp_get_col_lb(P, j), glp_get_col_ub(P, j),
                           glp_get_col_prim(P, j), 1 / glp_get_sjj(P, j)))
            return 1;
    for (i = 1; i <= glp_get_num_rows(P); i++)
        if (glp_get_row_stat(P, i) == GLP_BS &&
            outside_scaled(glp_get_row_type(P, i), glp_get_row_lb(P, i), glp_get_row_ub(P, i),
                           glp_get_row_prim(P, i), glp_get_rii(P, i)))
            return 1;
    return 0;
}

/* GLPK's primal simplex can pivot without end: measured on `arsenal-gen
 * --lines 20 --periods 16 --seed 7` with its first fund x0.9 (a 1,605-row
 * LP, C so steep in S that a unit of S is worth 1e13), the cold cost
 * stage's objective went up and down in its eighth digit for over 500,000
 * primal pivots, with the textbook ratio test too once it had stalled. A
 * solve the caller set no limit on therefore stops after STALL_PIVOTS per
 * row and column (at least STALL_MIN) and goes on from where it stopped by
 * dual simplex (GLPK's dual, then primal), unlimited: there 12 pivots. */
#define STALL_PIVOTS 5
#define STALL_MIN 5000

static int simplex_unstalled(glp_prob *P, glp_smcp *parm, int limit, double deadline)
{
    double left;
    long cap = (long)STALL_PIVOTS * (glp_get_num_rows(P) + glp_get_num_cols(P));
    int ret, meth;
    if (limit > 0) {
        parm->it_lim = limit;
        return glp_simplex(P, parm);
    }
    parm->it_lim = cap < STALL_MIN ? STALL_MIN : cap < INT_MAX ? (int)cap : INT_MAX;
    ret = glp_simplex(P, parm);
    if (ret != GLP_EITLIM)
        return ret;
    meth = parm->meth;
    parm->meth = GLP_DUALP;
    parm->it_lim = INT_MAX;
    left = deadline > 0 ? deadline - ars__now() : 0;
    parm->tm_lim = deadline > 0 ? tm_ms(left > 0.001 ? left : 0.001) : INT_MAX;
    ret = glp_simplex(P, parm);
    parm->meth = meth;
    return ret;
}

/* Primal simplex from the optimum just found with the tolerances given (0:
 * GLPK's own), for a quarter of the pivots the solve took (at least
 * POLISH_MIN_ITS, and at least prm->polish_its); past that the defaults
 * finish from where it stopped. A warm solve's own pivots are no measure:
 * on the 8,051-row model, one fund x0.8 after x0.9, the warm shortfall
 * stage took 338 pivots, its polish stopped at 84, and S came out 8.7e-9
 * above the cold solve's (C 1.2% below, that steep in S). */
static int polish(ars__glpk *b, const ars__solve_params *prm, double deadline, int its,
                  double tol_dj, double tol_bnd)
{
    glp_smcp parm;
    double left = deadline > 0 ? deadline - ars__now() : 0;
    int ret, cap = its / 4 > POLISH_MIN_ITS ? its / 4 : POLISH_MIN_ITS;
    if (prm->warm && prm->polish_its > cap)
        cap = prm->polish_its;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_ERR; /* to term_hook: kept for error messages, never printed */
    parm.meth = GLP_PRIMAL;
    parm.presolve = GLP_OFF;
    parm.tm_lim = deadline > 0 ? tm_ms(left > 0.001 ? left : 0.001) : INT_MAX;
    parm.it_lim = prm->it_limit > 0 && prm->it_limit < cap ? prm->it_limit : cap;
    if (tol_dj > 0)
        parm.tol_dj = tol_dj;
    if (tol_bnd > 0)
        parm.tol_bnd = tol_bnd;
    ret = glp_simplex(b->P, &parm);
    /* Nor where the tighter tolerances end anywhere but at an optimum and
     * the caller has no other way to go on: on the LP with the integers
     * fixed of `arsenal-gen --lines 20 --products 5 --periods 12
     * --components 10 --funds 4 --licences 3 --requirements 5 --seed 5
     * --mip`, one demand x1.2, the polish of the shortfall stage's optimum
     * came out "no primal feasible solution", the stage was reported
     * infeasible, and the plan kept S 1e-9 where the optimum is 0, without
     * shadow prices (tests/cli/mip_exact.sh). A caller that set
     * no_cold_retry (the cost stage on its face at S* exactly) gets the
     * "infeasible" and tries the spec's room next, which ends within the
     * tolerance (tests/cli/plan_in_bounds.sh). */
    if (ret != GLP_EITLIM && !(ret == 0 && glp_get_status(b->P) != GLP_OPT && !prm->no_cold_retry))
        return ret;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_ERR; /* to term_hook: kept for error messages, never printed */
    parm.presolve = GLP_OFF;
    left = deadline > 0 ? deadline - ars__now() : 0;
    parm.tm_lim = deadline > 0 ? tm_ms(left > 0.001 ? left : 0.001) : INT_MAX;
    return simplex_unstalled(b->P, &parm, prm->it_limit, deadline);
}

/* One simplex run; warm runs that fail numerically are retried cold. */
static int simplex_body(ars__glpk *b, const ars__solve_params *prm, double deadline,
                        ars__solve_info *info)
{
    glp_smcp parm;
    int ret, it0 = glp_get_it_cnt(b->P), warm = prm->warm, presolve_checked = 0, no_presolve = 0;
    int polishing = 1, dual = prm->dual;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_ERR; /* to term_hook: kept for error messages, never printed */
    for (;;) {
        double left = deadline > 0 ? deadline - ars__now() : 0;
        parm.meth = dual ? GLP_DUALP : GLP_PRIMAL;
        parm.presolve = warm || no_presolve ? GLP_OFF : GLP_ON;
        parm.tm_lim = deadline > 0 ? tm_ms(left > 0.001 ? left : 0.001) : INT_MAX;
        if (!warm)
            glp_std_basis(b->P);
        ret = simplex_unstalled(b->P, &parm, prm->it_limit, deadline);
        /* A warm start that fails numerically is retried cold, by primal
         * simplex: the dual one failed again from scratch (GLP_EFAIL, with
         * and without presolve) on a cost stage whose warm dual had failed
         * (bench/whatif.sh, every fund and demand changed at 2,390 rows). */
        if (warm &&
            (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EFAIL)) {
            if (prm->no_cold_retry)
                break;
            warm = dual = 0;
            continue;
        }
        /* GLPK's presolver judges feasibility on the unscaled data with
         * absolute tolerances: with every capacity times 1e-12 it calls a
         * model infeasible that the simplex solves (a model with shortfall
         * variables always has a plan). Its "no feasible (or bounded)
         * solution" is confirmed by the simplex on the whole problem. */
        if (parm.presolve == GLP_ON && !presolve_checked &&
            (ret == GLP_ENOPFS || ret == GLP_ENODFS || ret == GLP_EFAIL ||
             (ret == 0 && glp_get_status(b->P) != GLP_OPT))) {
            presolve_checked = 1;
            no_presolve = 1;
            continue;
        }
        if (ret == 0 && polishing && glp_get_status(b->P) == GLP_OPT) {
            int dj = prm->stage == ARS_STAGE_SHORTFALL && shortfall_unpriced(b->P),
                bnd = bounds_unmet(b->P);
            if (dj || bnd)
                ret = polish(b, prm, deadline, glp_get_it_cnt(b->P) - it0,
                             dj ? SHORTFALL_TOL_DJ : 0, bnd ? POLISH_TOL_BND : 0);
            if (ret == GLP_EBADB || ret == GLP_ESING || ret == GLP_ECOND || ret == GLP_EFAIL) {
                /* Numerically failed from an optimal basis: solved again
                 * from scratch, unpolished. */
                polishing = warm = dual = 0;
                no_presolve = 0;
                presolve_checked = 0;
                continue;
            }
        }
        break;
    }
    info->glpk_ret = ret;
    info->status = lp_status(b->P, ret);
    info->iterations = glp_get_it_cnt(b->P) - it0;
    info->objective = glp_get_obj_val(b->P);
    return ret;
}

int ars__glpk_solve_lp(ars__glpk *b, const ars__solve_params *prm, ars__solve_info *info,
                       ars_error *err)
{
    double t0 = ars__now();
    double deadline = prm->time_limit > 0 ? t0 + prm->time_limit : 0;
    memset(info, 0, sizeof *info);
    info->status = ARS_ST_ERROR;
    {
        GUARD_BEGIN(b, err, "simplex");
        simplex_body(b, prm, deadline, info);
        GUARD_END();
    }
    info->seconds = ars__now() - t0;
    if (info->status == ARS_ST_ERROR && !(prm->no_cold_retry && prm->warm))
        return ars_error_set(err, ARS_ESOLVER, "simplex", "GLPK simplex: %s (code %d): %s",
                             glpk_ret_text(info->glpk_ret), info->glpk_ret, last_message());
    return ARS_OK;
}

typedef struct cb_info {
    volatile int *cancel, *stop;
    const double *start1;
    int start_used;
    int cancelled, stopped;
    double gap; /* at the last node selection or the stop; NaN: no incumbent */
} cb_info;

/* glp_ios_mip_gap scans the open nodes: called once per node selection and
 * at a stop, not at every callback. */
static void note_gap(glp_tree *T, cb_info *ci)
{
    double g = glp_ios_mip_gap(T);
    ci->gap = g < DBL_MAX ? g : NAN;
}

static void mip_callback(glp_tree *T, void *ctx)
{
    cb_info *ci = ctx;
    if (ci->cancel && *ci->cancel) {
        ci->cancelled = 1;
        glp_ios_terminate(T);
        return;
    }
    if (ci->stop && *ci->stop && !(ci->start1 && !ci->start_used)) {
        /* The user wants the best plan found so far (a first Ctrl-C). A
         * known start is offered first (at the next GLP_IHEUR), so it is
         * never lost to an early stop. */
        ci->stopped = 1;
        note_gap(T, ci);
        glp_ios_terminate(T);
        return;
    }
    if (glp_ios_reason(T) == GLP_ISELECT)
        note_gap(T, ci);
    /* Only then: given to the search as its first incumbent, the stage
     * before's plan led GLPK's branch and cut wrong twice on generated MIPs
     * (`arsenal-gen --lines 20 --products 5 --periods 12 --components 10
     * --funds 4 --licences 3 --requirements 5 --mip`): with seed 20250101
     * it pruned the node holding the cost stage's optimum as "no primal
     * feasible solution" (C 3.6e-4 above CBC's and glpsol's), with seed 25
     * and smooth false a node's LP failed ("cannot solve current LP
     * relaxation", exit 3). Without it both are right; on 33 MIPs (those,
     * models/baseline.json, models/large.json) the same S and C, in
     * 0.9x-1.1x the time, 1.2x-1.9x on the two that branch longest
     * (bench/RESULTS.md; tests/cli/mip_exact.sh). */
    if (glp_ios_reason(T) == GLP_IHEUR && ci->start1 && !ci->start_used && ci->stop && *ci->stop) {
        ci->start_used = 1;
        glp_ios_heur_sol(T, ci->start1);
    }
}

int ars__glpk_solve_mip(ars__glpk *b, const ars__solve_params *prm, ars__solve_info *info,
                        ars_error *err)
{
    double t0 = ars__now();
    double deadline = prm->time_limit > 0 ? t0 + prm->time_limit : 0;
    cb_info ci;
    int j;
    memset(info, 0, sizeof *info);
    memset(&ci, 0, sizeof ci);
    info->status = ARS_ST_ERROR;
    info->mip_gap = NAN;
    ci.cancel = prm->cancel;
    ci.stop = prm->stop;
    ci.gap = NAN;
    if (prm->mip_start) {
        for (j = 0; j < b->ncols; j++)
            b->start1[j + 1] = prm->mip_start[j];
        ci.start1 = b->start1;
    }
    if (prm->cancel && *prm->cancel) {
        info->status = ARS_ST_CANCELLED;
        return ARS_OK;
    }
    {
        glp_iocp iocp;
        int ret = 0, it0, attempt;
        GUARD_BEGIN(b, err, "branch and cut");
        it0 = glp_get_it_cnt(b->P);
        for (attempt = 0;; attempt++) {
            simplex_body(b, prm, deadline, info);
            if (info->status != ARS_ST_OPTIMAL)
                break;
            double left = deadline > 0 ? deadline - ars__now() : 0;
            glp_init_iocp(&iocp);
            iocp.msg_lev = GLP_MSG_ERR; /* to term_hook: kept for error messages, never printed */
            iocp.presolve = GLP_OFF;
            iocp.tm_lim = deadline > 0 ? tm_ms(left > 0.001 ? left : 0.001) : INT_MAX;
            if (prm->mip_gap > 0)
                iocp.mip_gap = prm->mip_gap;
            iocp.cb_func = mip_callback;
            iocp.cb_info = &ci;
            ret = glp_intopt(b->P, &iocp);
            /* A node's LP can fail in GLPK ("current LP relaxation has no
             * dual feasible solution", then "cannot solve current LP
             * relaxation": seen once, on seed 25 of mip_callback's models,
             * when the incumbent was still offered at the first GLP_IHEUR).
             * The search is run once more, from the relaxation solved
             * again, rather than the stage given up. */
            if (ret == GLP_EFAIL && attempt == 0 && !ci.cancelled && !ci.stopped &&
                !(deadline > 0 && ars__now() >= deadline)) {
                ci.start_used = 0;
                ci.gap = NAN;
                continue;
            }
            break;
        }
        if (info->status == ARS_ST_OPTIMAL) {
            info->glpk_ret = ret;
            switch (ret) {
            case 0:
                switch (glp_mip_status(b->P)) {
                case GLP_OPT:
                    info->status = ARS_ST_OPTIMAL;
                    break;
                case GLP_FEAS:
                    info->status = ARS_ST_FEASIBLE;
                    break;
                case GLP_NOFEAS:
                    info->status = ARS_ST_INFEASIBLE;
                    break;
                default:
                    info->status = ARS_ST_ERROR;
                }
                break;
            case GLP_ETMLIM:
            case GLP_EMIPGAP:
                info->status = glp_mip_status(b->P) == GLP_FEAS || glp_mip_status(b->P) == GLP_OPT
                                   ? ARS_ST_FEASIBLE
                                   : ARS_ST_TIME_LIMIT;
                break;
            case GLP_ESTOP:
                if (ci.stopped && !ci.cancelled)
                    info->status =
                        glp_mip_status(b->P) == GLP_FEAS || glp_mip_status(b->P) == GLP_OPT
                            ? ARS_ST_FEASIBLE
                            : ARS_ST_CANCELLED;
                else
                    info->status = ci.cancelled ? ARS_ST_CANCELLED : ARS_ST_ERROR;
                info->stopped = ci.stopped && !ci.cancelled;
                break;
            case GLP_ENOPFS:
                info->status = ARS_ST_INFEASIBLE;
                break;
            case GLP_ENODFS:
                info->status = ARS_ST_UNBOUNDED;
                break;
            default:
                info->status = ARS_ST_ERROR;
            }
            info->objective = glp_mip_obj_val(b->P);
            info->mip_gap = info->status == ARS_ST_OPTIMAL ? 0 : ci.gap;
        } else if (info->status == ARS_ST_FEASIBLE) {
            /* The relaxation ran out of time: no integer point yet. */
            info->status = ARS_ST_TIME_LIMIT;
        }
        info->iterations = glp_get_it_cnt(b->P) - it0;
        GUARD_END();
    }
    info->seconds = ars__now() - t0;
    if (info->status == ARS_ST_ERROR)
        return ars_error_set(err, ARS_ESOLVER, "branch and cut", "GLPK: %s (code %d): %s",
                             glpk_ret_text(info->glpk_ret), info->glpk_ret, last_message());
    return ARS_OK;
}

int ars__glpk_primal(ars__glpk *b, int mip, double *col, double *row_activity, ars_error *err)
{
    int i;
    GUARD_BEGIN(b, err, "read solution");
    for (i = 0; col && i < b->ncols; i++)
        col[i] = mip ? glp_mip_col_val(b->P, i + 1) : glp_get_col_prim(b->P, i + 1);
    for (i = 0; row_activity && i < b->nrows; i++)
        row_activity[i] = mip ? glp_mip_row_val(b->P, i + 1) : glp_get_row_prim(b->P, i + 1);
    GUARD_END();
    return ARS_OK;
}

int ars__glpk_duals(ars__glpk *b, double *row_dual, double *col_dual, ars_error *err)
{
    int i;
    GUARD_BEGIN(b, err, "read duals");
    for (i = 0; row_dual && i < b->nrows; i++)
        row_dual[i] = glp_get_row_dual(b->P, i + 1);
    for (i = 0; col_dual && i < b->ncols; i++)
        col_dual[i] = glp_get_col_dual(b->P, i + 1);
    GUARD_END();
    return ARS_OK;
}

int ars__glpk_get_basis(ars__glpk *b, unsigned char *row_stat, unsigned char *col_stat,
                        ars_error *err)
{
    int i;
    GUARD_BEGIN(b, err, "read basis");
    for (i = 0; row_stat && i < b->nrows; i++)
        row_stat[i] = (unsigned char)glp_get_row_stat(b->P, i + 1);
    for (i = 0; col_stat && i < b->ncols; i++)
        col_stat[i] = (unsigned char)glp_get_col_stat(b->P, i + 1);
    GUARD_END();
    return ARS_OK;
}

int ars__glpk_set_basis(ars__glpk *b, const unsigned char *row_stat, const unsigned char *col_stat,
                        ars_error *err)
{
    int i;
    for (i = 0; i < b->nrows; i++)
        if (row_stat[i] < GLP_BS || row_stat[i] > GLP_NS)
            return ars_error_set(err, ARS_EINVALID, "basis", "row %d status %d", i, row_stat[i]);
    for (i = 0; i < b->ncols; i++)
        if (col_stat[i] < GLP_BS || col_stat[i] > GLP_NS)
            return ars_error_set(err, ARS_EINVALID, "basis", "column %d status %d", i, col_stat[i]);
    {
        GUARD_BEGIN(b, err, "set basis");
        for (i = 0; i < b->nrows; i++)
            glp_set_row_stat(b->P, i + 1, row_stat[i]);
        for (i = 0; i < b->ncols; i++)
            glp_set_col_stat(b->P, i + 1, col_stat[i]);
        GUARD_END();
    }
    return ARS_OK;
}

/* Under the guard: checks the preconditions that glp_analyze_* would
 * otherwise answer with a fatal error (which would cost the thread its
 * GLPK environment). 0 when ranging may go ahead. */
static int ranging_ready(ars__glpk *b)
{
    if (glp_get_status(b->P) != GLP_OPT)
        return GLP_EFAIL;
    if (!glp_bf_exists(b->P))
        return glp_factorize(b->P);
    return 0;
}

static int ranging_result(int ready, ars_error *err)
{
    if (ready == 0)
        return ARS_OK;
    return ars_error_set(err, ARS_ESOLVER, "ranging", "no optimal basis to range (%s)",
                         ready == GLP_EFAIL ? "the last LP is not optimal"
                                            : "the basis cannot be factorised");
}

static double from_glpk(double v)
{
    return v <= -DBL_MAX ? -HUGE_VAL : v >= DBL_MAX ? HUGE_VAL : v;
}

int ars__glpk_range_bounds(ars__glpk *b, int n, const int *var, double *lo, double *hi,
                           ars_error *err)
{
    int i, ready;
    for (i = 0; i < n; i++)
        if (var[i] < 0 || var[i] >= b->nrows + b->ncols)
            return ars_error_set(err, ARS_EINTERNAL, "ranging", "variable %d out of range", var[i]);
    {
        GUARD_BEGIN(b, err, "ranging");
        ready = ranging_ready(b);
        for (i = 0; ready == 0 && i < n; i++) {
            int k = var[i] + 1, v1, v2;
            int stat =
                k <= b->nrows ? glp_get_row_stat(b->P, k) : glp_get_col_stat(b->P, k - b->nrows);
            lo[i] = hi[i] = NAN;
            if (stat == GLP_BS)
                continue;
            glp_analyze_bound(b->P, k, &lo[i], &v1, &hi[i], &v2);
            lo[i] = from_glpk(lo[i]);
            hi[i] = from_glpk(hi[i]);
        }
        GUARD_END();
    }
    return ranging_result(ready, err);
}

int ars__glpk_range_costs(ars__glpk *b, int n, const int *col, double *lo, double *hi,
                          ars_error *err)
{
    int i, ready;
    for (i = 0; i < n; i++)
        if (col[i] < 0 || col[i] >= b->ncols)
            return ars_error_set(err, ARS_EINTERNAL, "ranging", "column %d out of range", col[i]);
    {
        GUARD_BEGIN(b, err, "ranging");
        ready = ranging_ready(b);
        for (i = 0; ready == 0 && i < n; i++) {
            int j = col[i] + 1, v1, v2;
            double x1, x2, c = glp_get_obj_coef(b->P, j), d = glp_get_col_dual(b->P, j);
            switch (glp_get_col_stat(b->P, j)) {
            case GLP_BS:
                glp_analyze_coef(b->P, b->nrows + j, &lo[i], &v1, &x1, &hi[i], &v2, &x2);
                lo[i] = from_glpk(lo[i]);
                hi[i] = from_glpk(hi[i]);
                break;
            case GLP_NL:
                lo[i] = c - d;
                hi[i] = HUGE_VAL;
                break;
            case GLP_NU:
                lo[i] = -HUGE_VAL;
                hi[i] = c - d;
                break;
            default: /* fixed or free non-basic: no cost moves it */
                lo[i] = -HUGE_VAL;
                hi[i] = HUGE_VAL;
            }
        }
        GUARD_END();
    }
    return ranging_result(ready, err);
}

int ars__glpk_provoke_fault(ars__glpk *b, ars_error *err)
{
    GUARD_BEGIN(b, err, "provoked fault");
    glp_add_cols(b->P, 0); /* fatal in GLPK: "ncs = 0; invalid number of columns" */
    GUARD_END();
    return ars_error_set(err, ARS_EINTERNAL, "provoked fault", "GLPK did not fail");
}

/* CPLEX LP names: letters, digits and GLPK's CHAR_SET (glpk api/wrcpx.c);
 * anything else would make GLPK fall back to r_N / x_N names. */
static void lp_name(char *s)
{
    static const char ok[] = "!\"#$%&()/,.;?@_`'{}|~";
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '[')
            *s = '(';
        else if (c == ']')
            *s = ')';
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) &&
                 (c == '\0' || !strchr(ok, c)))
            *s = '_';
    }
}

/* Free rows (lex outside stage 2, ramp without output0, unlimited
 * corridors, ...) constrain nothing, and GLPK's free MPS writer lets the
 * first of them stand for the objective, so they are left out. Deleted from
 * the highest index down, in batches of the scratch array's size, so the
 * indices still to delete stay valid. Runs under the caller's guard. */
static void drop_free_rows(ars__glpk *b, const ars__program *p)
{
    int i, n = 0;
    if (b->ncols < 1)
        return;
    for (i = p->nrows - 1; i >= 0; i--) {
        if (p->row_lb[i] != -HUGE_VAL || p->row_ub[i] != HUGE_VAL)
            continue;
        if (n == b->ncols) {
            glp_del_rows(b->P, n, b->ind);
            n = 0;
        }
        b->ind[++n] = i + 1;
    }
    if (n > 0)
        glp_del_rows(b->P, n, b->ind);
}

static int write_guarded(ars__glpk *b, const ars__program *p, int format, const char *tmp,
                         ars_error *err)
{
    int i, j, ret;
    char name[256];
    GUARD_BEGIN(b, err, "write");
    glp_set_obj_name(b->P, "obj");
    if (format == ARS_WRITE_LP) {
        for (i = 0; i < p->nrows; i++) {
            lp_name((char *)ars__row_name(p, i, name, sizeof name));
            glp_set_row_name(b->P, i + 1, name);
        }
        for (j = 0; j < p->ncols; j++) {
            lp_name((char *)ars__col_name(p, j, name, sizeof name));
            glp_set_col_name(b->P, j + 1, name);
        }
        drop_free_rows(b, p);
        ret = glp_write_lp(b->P, NULL, tmp);
    } else {
        drop_free_rows(b, p);
        ret = glp_write_mps(b->P, GLP_MPS_FILE, NULL, tmp);
    }
    GUARD_END();
    if (ret != 0)
        return ars_error_set(err, ARS_EIO, "write", "GLPK could not write the file: %s",
                             last_message());
    return ARS_OK;
}

/* GLPK's writers check for errors before they close the file but not the
 * close itself, so a file small enough to sit in the stdio buffer (or the
 * last buffer of any file) can be lost to a full disk while glp_write_*
 * reports success. Both formats end with a fixed line ("End" for CPLEX LP,
 * "ENDATA" for MPS); a file is complete when it ends with that line. */
static int ends_complete(int fd, int format)
{
    const char *mark = format == ARS_WRITE_LP ? "\nEnd\n" : "\nENDATA\n";
    size_t n = strlen(mark);
    char tail[16];
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)n ||
        pread(fd, tail, n, st.st_size - (off_t)n) != (ssize_t)n)
        return 0;
    return memcmp(tail, mark, n) == 0;
}

int ars__glpk_write(const ars__program *p, const double *obj, int format, const char *path,
                    ars_error *err)
{
    ars__glpk *b = NULL;
    ars__atomic a;
    int rc;
    if (format != ARS_WRITE_LP && format != ARS_WRITE_MPS)
        return ars_error_set(err, ARS_EUSAGE, "format", "unknown export format %d", format);
    /* The temporary stays open here: GLPK rewrites it by name, and its
     * size and fsync are then checked through this descriptor. */
    rc = ars__atomic_begin(&a, path, err);
    if (rc != ARS_OK)
        return rc;
    rc = ars__glpk_load(p, 1, &b, err);
    if (rc == ARS_OK)
        rc = ars__glpk_set_objective(b, obj, err);
    if (rc == ARS_OK)
        rc = write_guarded(b, p, format, a.tmp, err);
    ars__glpk_free(b);
    if (rc == ARS_OK && !ends_complete(a.fd, format))
        rc = ars_error_set(err, ARS_EIO, path,
                           "cannot write %s: the file GLPK wrote is incomplete (disk full?)", path);
    if (rc != ARS_OK) {
        ars__atomic_abort(&a);
        return rc;
    }
    return ars__atomic_commit(&a, err);
}
