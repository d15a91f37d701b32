/* clp_backend.c - the COIN-OR implementation of backend.h: CLP's simplex
 * for LPs, CBC's branch and cut for MIPs; the only file of arsenal that
 * calls Clp_* / Cbc_* (their C interfaces, Debian 12: CLP 1.17, CBC 2.10).
 *
 * Where it differs from GLPK:
 * - CLP keeps no per-thread state, so a failure never takes other backends
 *   with it; a backend is dead only after provoke_fault poisoned it.
 * - CBC's C interface forbids changing a model after Cbc_solve, so each MIP
 *   solve builds a fresh Cbc model from the CLP model's current data. CBC's
 *   solver driver (CbcMain1) keeps process-wide state and installs its own
 *   SIGINT handler, so CBC runs one at a time (a mutex) and the caller's
 *   SIGINT disposition is put back after each run.
 * - CBC's C interface has no event callback; cancel and stop are checked
 *   in a cut callback, which CBC calls at every node: it answers with a cut
 *   no point satisfies, so the search ends at once; cancel reports
 *   cancelled, stop the incumbent (feasible; cancelled when there is none).
 *   The interface shows no best bound during the search, and the one left
 *   after the forced end describes the cut-off tree, so a stopped CBC run
 *   reports no relative gap (NaN, "not known"), where GLPK reports its own.
 * - CLP's time limit is CPU time of the whole process (CoinCpuTime), so in
 *   a server solving several models at once it may stop a solve early;
 *   CBC's is set to wall-clock time.
 * - Ranging hands the final basis to GLPK (a copy of the current program
 *   loaded there, the basis set, a simplex that confirms it optimal), and
 *   GLPK's glp_analyze_* answer, so ranges are GLPK's on the same basis.
 * - Writing files stays with GLPK (backend.c).
 * - CBC runs without its preprocessing, which throws on some models, and
 *   with SIGABRT caught: an assert() of CLP or CBC fails the search instead
 *   of ending the process (cbc_abort_back).
 * - CLP's tolerances are absolute, so an LP's bounds and objective reach it
 *   scaled by powers of two where they are large (rim_scale below).
 * Nothing prints: both libraries run at log level 0. */
#include "lp/backend_impl.h"

#include "util/util.h"

#include <coin/Cbc_C_Interface.h>
#include <coin/Clp_C_Interface.h>

#include <float.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* CLP's status codes of a row or column (ClpSimplex::Status). */
enum {
    CLP_FREE = 0,
    CLP_BASIC = 1,
    CLP_AT_UPPER = 2,
    CLP_AT_LOWER = 3,
    CLP_SUPERBASIC = 4,
    CLP_FIXED = 5
};

struct ars__clp {
    Clp_Simplex *m;
    int nrows, ncols;
    int dead;
    unsigned char *kind; /* [ncols] ars__col_kind */
    /* Row patterns (CSR) as loaded; a row replaced by set_row gets its own. */
    int *row_start, *row_cols;
    int **row_own, *row_own_len;
    double *scratch;             /* [4 max(nrows, ncols)] */
    unsigned char *start_status; /* [ncols + nrows] a warm dual's first basis */
    /* The last MIP's incumbent. */
    int mip_has;
    double *mip_x, *mip_act;
    /* 1 while the basis is the optimum of the last LP with nothing changed
     * since: ranging may go ahead. */
    int lp_optimal;
    ars__glpk *handoff; /* GLPK copy for ranging, valid while lp_optimal */
    /* 1 while CLP's row and column statuses are a basis of this LP (set, or
     * left by a simplex); 0 after loading and after a MIP: CBC solves its
     * own copy and hands back no basis, so a warm start asked for after a
     * MIP (the LP with the integers fixed) would start from whatever an
     * older LP left, and is run cold. */
    int has_basis;
};

static pthread_mutex_t cbc_lock = PTHREAD_MUTEX_INITIALIZER;

/* CLP and CBC as Debian builds them check themselves with assert(): on a
 * generated MIP (`arsenal-gen --lines 20 --products 5 --periods 12
 * --components 10 --funds 4 --licences 3 --requirements 5 --seed 7 --mip`,
 * its second demand x1.2) a primal simplex inside CBC's search failed one
 * (ClpPrimalColumnSteepest.cpp:729) and abort() ended the process, which
 * in `arsenal serve` is the server. A branch and cut therefore runs with
 * SIGABRT caught: the handler jumps back out of CBC on the thread that
 * aborted (any other abort still ends the process: the handler returns and
 * abort() goes on), and the search counts as failed. What CBC had
 * allocated is lost, and its process-wide state is left as the jump found
 * it, so no branch and cut runs again in this process (cbc_broken). */
static _Thread_local sigjmp_buf *cbc_abort_jump;
static int cbc_broken; /* under cbc_lock */

static void cbc_abort_back(int sig)
{
    (void)sig;
    if (cbc_abort_jump)
        siglongjmp(*cbc_abort_jump, 1);
}

const char *ars__clp_versions(void)
{
    static char text[64];
    snprintf(text, sizeof text, "CLP %s, CBC %s", Clp_Version(), Cbc_getVersion());
    return text;
}

static double to_coin(double v)
{
    return v == HUGE_VAL ? DBL_MAX : v == -HUGE_VAL ? -DBL_MAX : v;
}

static double from_coin(double v)
{
    return v >= 1e30 ? HUGE_VAL : v <= -1e30 ? -HUGE_VAL : v;
}

/* Debian builds CLP and CBC with assertions on: an objective coefficient
 * of 1e25 or more (ClpSimplex::createRim) aborts the process, so such a
 * coefficient is refused before it gets there. */
#define OBJ_LIMIT 1e25

static int bad_bounds(double lb, double ub)
{
    return isnan(lb) || isnan(ub) || lb == HUGE_VAL || ub == -HUGE_VAL || lb > ub;
}

static int check_program(const ars__program *p, ars_error *err)
{
    int i, a;
    char name[256];
    for (i = 0; i < p->ncols; i++)
        if (bad_bounds(p->col_lb[i], p->col_ub[i]) || !(fabs(p->obj_s[i]) < OBJ_LIMIT))
            return ars_error_set(err, ARS_EINVALID, ars__col_name(p, i, name, sizeof name),
                                 "bounds [%g, %g] are empty or not numbers", p->col_lb[i],
                                 p->col_ub[i]);
    for (i = 0; i < p->nrows; i++)
        if (bad_bounds(p->row_lb[i], p->row_ub[i]))
            return ars_error_set(err, ARS_EINVALID, ars__row_name(p, i, name, sizeof name),
                                 "bounds [%g, %g] are empty or not numbers", p->row_lb[i],
                                 p->row_ub[i]);
    for (i = 0; i < p->nrows; i++)
        for (a = p->row_start[i]; a < p->row_start[i + 1]; a++)
            if (p->col_idx[a] < 0 || p->col_idx[a] >= p->ncols || !isfinite(p->val[a]) ||
                (a > p->row_start[i] && p->col_idx[a] <= p->col_idx[a - 1]))
                return ars_error_set(err, ARS_EINTERNAL, ars__row_name(p, i, name, sizeof name),
                                     "bad matrix entry (column %d, value %g)", p->col_idx[a],
                                     p->val[a]);
    return ARS_OK;
}

static int dead_error(ars__clp *b, ars_error *err, const char *what)
{
    return ars_error_set(err, ARS_ESOLVER, what,
                         "the CLP problem was lost in an earlier failure; load it again");
}

/* Anything that changes the program invalidates the optimum and its GLPK
 * copy. */
static void changed(ars__clp *b)
{
    b->lp_optimal = 0;
    b->mip_has = 0;
    ars__glpk_free(b->handoff);
    b->handoff = NULL;
}

/* Column-major copy of the program without its zero entries (CLP and CBC
 * load by columns). */
static int to_columns(int nrows, int ncols, const int *rstart, const int *rcols,
                      const double *rvals, CoinBigIndex **start_out, int **index_out,
                      double **value_out)
{
    CoinBigIndex *start = ars__calloc((size_t)ncols + 1, sizeof *start);
    size_t nnz = (size_t)(rstart[nrows] > 0 ? rstart[nrows] : 1);
    int *index = ars__malloc(sizeof(int) * nnz), i, j, a;
    double *value = ars__malloc(sizeof(double) * nnz);
    CoinBigIndex *fill = ars__malloc(sizeof *fill * ((size_t)ncols + 1));
    if (!start || !index || !value || !fill) {
        ars__free(start);
        ars__free(index);
        ars__free(value);
        ars__free(fill);
        return ARS_ENOMEM;
    }
    for (a = 0; a < rstart[nrows]; a++)
        if (rvals[a] != 0)
            start[rcols[a] + 1]++;
    for (j = 0; j < ncols; j++)
        start[j + 1] += start[j];
    memcpy(fill, start, sizeof *fill * ((size_t)ncols + 1));
    for (i = 0; i < nrows; i++)
        for (a = rstart[i]; a < rstart[i + 1]; a++)
            if (rvals[a] != 0) {
                CoinBigIndex k = fill[rcols[a]]++;
                index[k] = i;
                value[k] = rvals[a];
            }
    ars__free(fill);
    *start_out = start;
    *index_out = index;
    *value_out = value;
    return ARS_OK;
}

int ars__clp_load(const ars__program *p, int names, ars__clp **out, ars_error *err)
{
    ars__clp *b;
    CoinBigIndex *start = NULL;
    int *index = NULL, i, j, n = p->nrows > p->ncols ? p->nrows : p->ncols;
    double *value = NULL, *cl, *cu, *rl, *ru;
    (void)names; /* CLP needs no names: files are written by GLPK */
    *out = NULL;
    if (check_program(p, err))
        return err ? err->code : ARS_EINVALID;
    b = ars__calloc(1, sizeof *b);
    if (!b)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    b->nrows = p->nrows;
    b->ncols = p->ncols;
    b->kind = ars__malloc((size_t)(p->ncols > 0 ? p->ncols : 1));
    b->row_start = ars__malloc(sizeof(int) * ((size_t)p->nrows + 1));
    b->row_cols = ars__malloc(sizeof(int) * (p->nnz > 0 ? p->nnz : 1));
    b->row_own = ars__calloc((size_t)(p->nrows > 0 ? p->nrows : 1), sizeof(int *));
    b->row_own_len = ars__calloc((size_t)(p->nrows > 0 ? p->nrows : 1), sizeof(int));
    b->scratch = ars__malloc(sizeof(double) * (size_t)(4 * (n > 0 ? n : 1)));
    b->start_status = ars__malloc((size_t)p->ncols + (size_t)p->nrows + 1);
    b->mip_x = ars__malloc(sizeof(double) * (size_t)(p->ncols > 0 ? p->ncols : 1));
    b->mip_act = ars__malloc(sizeof(double) * (size_t)(p->nrows > 0 ? p->nrows : 1));
    if (!b->kind || !b->row_start || !b->row_cols || !b->row_own || !b->row_own_len ||
        !b->scratch || !b->start_status || !b->mip_x || !b->mip_act ||
        to_columns(p->nrows, p->ncols, p->row_start, p->col_idx, p->val, &start, &index, &value) !=
            ARS_OK) {
        ars__clp_free(b);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    }
    memcpy(b->kind, p->col_kind, (size_t)p->ncols);
    memcpy(b->row_start, p->row_start, sizeof(int) * ((size_t)p->nrows + 1));
    if (p->nnz > 0)
        memcpy(b->row_cols, p->col_idx, sizeof(int) * p->nnz);
    cl = b->scratch;
    cu = cl + n;
    rl = cu + n;
    ru = rl + n;
    for (j = 0; j < p->ncols; j++) {
        cl[j] = to_coin(p->col_lb[j]);
        cu[j] = to_coin(p->col_ub[j]);
    }
    for (i = 0; i < p->nrows; i++) {
        rl[i] = to_coin(p->row_lb[i]);
        ru[i] = to_coin(p->row_ub[i]);
    }
    b->m = Clp_newModel();
    if (!b->m) {
        ars__free(start);
        ars__free(index);
        ars__free(value);
        ars__clp_free(b);
        return ars_error_set(err, ARS_ESOLVER, "load", "CLP could not create a model");
    }
    Clp_setLogLevel(b->m, 0);
    Clp_loadProblem(b->m, p->ncols, p->nrows, start, index, value, cl, cu, p->obj_s, rl, ru);
    Clp_setOptimizationDirection(b->m, 1);
    ars__free(start);
    ars__free(index);
    ars__free(value);
    *out = b;
    return ARS_OK;
}

void ars__clp_free(ars__clp *b)
{
    int i;
    if (!b)
        return;
    if (b->m)
        Clp_deleteModel(b->m);
    ars__glpk_free(b->handoff);
    for (i = 0; b->row_own && i < b->nrows; i++)
        ars__free(b->row_own[i]);
    ars__free(b->row_own);
    ars__free(b->row_own_len);
    ars__free(b->kind);
    ars__free(b->row_start);
    ars__free(b->row_cols);
    ars__free(b->scratch);
    ars__free(b->start_status);
    ars__free(b->mip_x);
    ars__free(b->mip_act);
    ars__free(b);
}

int ars__clp_dead(const ars__clp *b)
{
    return !b || !b->m || b->dead;
}

static int set_bounds(ars__clp *b, int rows, int n, const int *idx, const double *lb,
                      const double *ub, ars_error *err)
{
    int i, count = rows ? b->nrows : b->ncols;
    double *lo = b->scratch, *up = b->scratch + count;
    const char *what = rows ? "row bounds" : "column bounds";
    if (b->dead)
        return dead_error(b, err, what);
    for (i = 0; i < n; i++)
        if (idx[i] < 0 || idx[i] >= count || bad_bounds(lb[i], ub[i]))
            return ars_error_set(err, ARS_EINVALID, what,
                                 "%s %d bounds [%g, %g] are out of range or empty",
                                 rows ? "row" : "column", idx[i], lb[i], ub[i]);
    if (n == 0)
        return ARS_OK;
    memcpy(lo, rows ? Clp_getRowLower(b->m) : Clp_getColLower(b->m), sizeof(double) * count);
    memcpy(up, rows ? Clp_getRowUpper(b->m) : Clp_getColUpper(b->m), sizeof(double) * count);
    for (i = 0; i < n; i++) {
        lo[idx[i]] = to_coin(lb[i]);
        up[idx[i]] = to_coin(ub[i]);
    }
    if (rows) {
        Clp_chgRowLower(b->m, lo);
        Clp_chgRowUpper(b->m, up);
    } else {
        Clp_chgColumnLower(b->m, lo);
        Clp_chgColumnUpper(b->m, up);
    }
    changed(b);
    return ARS_OK;
}

int ars__clp_set_col_bounds(ars__clp *b, int n, const int *idx, const double *lb, const double *ub,
                            ars_error *err)
{
    return set_bounds(b, 0, n, idx, lb, ub, err);
}

int ars__clp_set_row_bounds(ars__clp *b, int n, const int *idx, const double *lb, const double *ub,
                            ars_error *err)
{
    return set_bounds(b, 1, n, idx, lb, ub, err);
}

static void row_pattern(const ars__clp *b, int i, const int **cols, int *len)
{
    if (b->row_own[i]) {
        *cols = b->row_own[i];
        *len = b->row_own_len[i];
    } else {
        *cols = b->row_cols + b->row_start[i];
        *len = b->row_start[i + 1] - b->row_start[i];
    }
}

int ars__clp_set_row(ars__clp *b, int i, int len, const int *cols, const double *vals,
                     ars_error *err)
{
    const int *old;
    int a, k = 0, nold, *own;
    if (b->dead)
        return dead_error(b, err, "set row");
    if (i < 0 || i >= b->nrows || len < 0 || len > b->ncols)
        return ars_error_set(err, ARS_EINVALID, "row", "row %d (%d entries) is out of range", i,
                             len);
    for (a = 0; a < len; a++)
        if (cols[a] < 0 || cols[a] >= b->ncols || !isfinite(vals[a]) ||
            (a > 0 && cols[a] <= cols[a - 1]))
            return ars_error_set(err, ARS_EINVALID, "row",
                                 "row %d: entry %d (column %d, value %g) is out of range, not "
                                 "finite or not in ascending column order",
                                 i, a, cols[a], vals[a]);
    own = ars__malloc(sizeof(int) * (size_t)(len > 0 ? len : 1));
    if (!own)
        return ars_error_set(err, ARS_ENOMEM, "row", "out of memory");
    /* Entries of the old pattern that the new row lacks are removed (both
     * patterns ascend), then every new entry is set; a zero removes. */
    row_pattern(b, i, &old, &nold);
    for (a = 0; a < nold; a++) {
        while (k < len && cols[k] < old[a])
            k++;
        if (k == len || cols[k] != old[a])
            Clp_modifyCoefficient(b->m, i, old[a], 0.0, 0);
    }
    for (a = 0; a < len; a++) {
        Clp_modifyCoefficient(b->m, i, cols[a], vals[a], 0);
        own[a] = cols[a];
    }
    ars__free(b->row_own[i]);
    b->row_own[i] = own;
    b->row_own_len[i] = len;
    changed(b);
    return ARS_OK;
}

int ars__clp_set_objective(ars__clp *b, const double *coef, ars_error *err)
{
    int j;
    if (b->dead)
        return dead_error(b, err, "set objective");
    for (j = 0; j < b->ncols; j++)
        if (!(fabs(coef[j]) < OBJ_LIMIT))
            return ars_error_set(err, ARS_EINVALID, "objective",
                                 "coefficient of column %d is %g (CLP takes below %g)", j, coef[j],
                                 OBJ_LIMIT);
    Clp_chgObjCoefficients(b->m, coef);
    changed(b);
    return ARS_OK;
}

int ars__clp_set_kinds(ars__clp *b, const unsigned char *kind, ars_error *err)
{
    if (b->dead)
        return dead_error(b, err, "set kinds");
    memcpy(b->kind, kind, (size_t)b->ncols);
    b->mip_has = 0;
    return ARS_OK;
}

/* The all-slack basis: rows basic, columns at a finite bound (lower first)
 * or free. A cold solve starts here, not from whatever the last one left. */
static void slack_basis(ars__clp *b)
{
    const double *lo = Clp_getColLower(b->m), *up = Clp_getColUpper(b->m);
    int i, j;
    for (i = 0; i < b->nrows; i++)
        Clp_setRowStatus(b->m, i, CLP_BASIC);
    for (j = 0; j < b->ncols; j++)
        Clp_setColumnStatus(b->m, j,
                            lo[j] > -1e30  ? CLP_AT_LOWER
                            : up[j] < 1e30 ? CLP_AT_UPPER
                                           : CLP_FREE);
}

/* Algorithm per objective (bench/RESULTS.md, docs/architecture.md): the
 * shortfall score alone is highly degenerate, where CLP's dual simplex
 * stalls, cold (18.7 s against primal's 2.5 s on the 5,726-row model) and
 * warm after a demand change alike (26,496 dual iterations, redone cold
 * past the stall budget, against 3,029 primal), so that stage always goes
 * by primal simplex, also where the caller asks for dual after bound
 * changes. Elsewhere the dual is faster cold, and warm it is what the
 * caller asks for. Tried and dropped: dual for nrows/4 pivots, then
 * primal (one fund amount 3.2x faster warm than cold, but one demand
 * 0.24x). */
static int shortfall_primal(const ars__solve_params *prm)
{
    return prm->stage == ARS_STAGE_SHORTFALL;
}

static int finite_solution(ars__clp *b)
{
    const double *x = Clp_getColSolution(b->m);
    int j;
    if (!isfinite(Clp_getObjValue(b->m)))
        return 0;
    for (j = 0; j < b->ncols; j++)
        if (!isfinite(x[j]))
            return 0;
    return 1;
}

static int clp_status(ars__clp *b)
{
    switch (Clp_status(b->m)) {
    case 0:
        return finite_solution(b) ? ARS_ST_OPTIMAL : ARS_ST_ERROR;
    case 1:
        return ARS_ST_INFEASIBLE;
    case 2:
        return ARS_ST_UNBOUNDED;
    case 3: /* stopped on time (or iterations) */
        return Clp_numberPrimalInfeasibilities(b->m) == 0 && finite_solution(b) ? ARS_ST_FEASIBLE
                                                                                : ARS_ST_TIME_LIMIT;
    default: /* 4: numerical difficulties, 5: stopped by an event */
        return ARS_ST_ERROR;
    }
}

/* Rim scaling. CLP's tolerances are absolute (1e-7 on values and on
 * reduced costs) and its scaling balances the matrix only, not the
 * right-hand sides and bounds: on the 26.5k-row generated model (fund
 * amounts of 3.9e9, money carried over in the billions, quantities in the
 * thousands) its dual simplex on the weighted objective loses dual
 * feasibility and does not finish in minutes. CLP's own remedy, automatic
 * rim scaling (`clp -autoScale on`, 69 s there), is not in its C
 * interface, so the bounds and objective go to CLP divided by powers of
 * two that bring the largest finite one down to RIM_BOUND and RIM_OBJ
 * (weighted objective there: 2^-9 each, 28 s by `clp`); powers of two
 * are exact, so the answer unscaled carries no rounding noise of its own.
 * A model whose numbers are already that small is solved as it is. */
#define RIM_BOUND 1e7
#define RIM_OBJ 3e4
/* The cold cost stage's objective (C alone, from the shortfall stage's
 * optimum through presolve) goes lower: at 3e4 CLP's absolute 1e-7 on
 * reduced costs is 3e-12 of the largest cost, and the primal chased such
 * pivots: 37.7k on the 26.5k-row model (91 s CPU), 18.1k (34 s) with the
 * largest at 30; 7.5k and 2.9k on the 14,740-row one (same S, C within
 * 2e-9). */
#define RIM_OBJ_COST 30

typedef struct rim {
    double bound_scale, obj_scale;
    double *saved; /* col lower, col upper, row lower, row upper, objective */
} rim;

/* The power of two that brings largest down to target (1 if it is already). */
static double pow2_down(double largest, double target)
{
    double s = 1;
    while (largest * s > target)
        s *= 0.5;
    return s;
}

static double largest_finite(const double *v, int n, double largest)
{
    int i;
    for (i = 0; i < n; i++)
        if (fabs(v[i]) < 1e30 && fabs(v[i]) > largest)
            largest = fabs(v[i]);
    return largest;
}

static void scale_array(double *v, int n, double s)
{
    int i;
    for (i = 0; v && i < n; i++)
        if (fabs(v[i]) < 1e30)
            v[i] *= s;
}

/* Puts the rim arrays (saved: the five above) back into CLP, each times
 * its factor. */
static void put_rim(ars__clp *b, const double *saved, double bound_scale, double obj_scale)
{
    static void (*const put[5])(Clp_Simplex *, const double *) = {
        Clp_chgColumnLower, Clp_chgColumnUpper, Clp_chgRowLower, Clp_chgRowUpper,
        Clp_chgObjCoefficients};
    size_t nc = (size_t)b->ncols, nr = (size_t)b->nrows, at = 0;
    int k;
    for (k = 0; k < 5; k++) {
        size_t n = k == 2 || k == 3 ? nr : nc;
        memcpy(b->scratch, saved + at, sizeof(double) * n);
        scale_array(b->scratch, (int)n, k == 4 ? obj_scale : bound_scale);
        put[k](b->m, b->scratch);
        at += n;
    }
}

/* CLP's solution arrays times the factors (a warm start's values follow
 * the rim into the scaled problem; the answer comes back out of it). */
static void scale_solution(ars__clp *b, double bound_scale, double obj_scale)
{
    scale_array(Clp_primalColumnSolution(b->m), b->ncols, bound_scale);
    scale_array(Clp_primalRowSolution(b->m), b->nrows, bound_scale);
    scale_array(Clp_dualRowSolution(b->m), b->nrows, obj_scale);
    scale_array(Clp_dualColumnSolution(b->m), b->ncols, obj_scale);
}

static void rim_scale(ars__clp *b, rim *r, double obj_target)
{
    int nc = b->ncols, nr = b->nrows;
    double largest = 0;
    largest = largest_finite(Clp_getColLower(b->m), nc, largest);
    largest = largest_finite(Clp_getColUpper(b->m), nc, largest);
    largest = largest_finite(Clp_getRowLower(b->m), nr, largest);
    largest = largest_finite(Clp_getRowUpper(b->m), nr, largest);
    r->bound_scale = pow2_down(largest, RIM_BOUND);
    r->obj_scale = pow2_down(largest_finite(Clp_getObjCoefficients(b->m), nc, 0), obj_target);
    r->saved = NULL;
    if (r->bound_scale == 1 && r->obj_scale == 1)
        return;
    /* Out of memory: solved unscaled, slower where it mattered, not wrong. */
    r->saved = ars__malloc(sizeof(double) * (3 * (size_t)nc + 2 * (size_t)nr + 1));
    if (!r->saved) {
        r->bound_scale = r->obj_scale = 1;
        return;
    }
    memcpy(r->saved, Clp_getColLower(b->m), sizeof(double) * (size_t)nc);
    memcpy(r->saved + nc, Clp_getColUpper(b->m), sizeof(double) * (size_t)nc);
    memcpy(r->saved + 2 * (size_t)nc, Clp_getRowLower(b->m), sizeof(double) * (size_t)nr);
    memcpy(r->saved + 2 * (size_t)nc + nr, Clp_getRowUpper(b->m), sizeof(double) * (size_t)nr);
    memcpy(r->saved + 2 * (size_t)nc + 2 * (size_t)nr, Clp_getObjCoefficients(b->m),
           sizeof(double) * (size_t)nc);
    put_rim(b, r->saved, r->bound_scale, r->obj_scale);
    scale_solution(b, r->bound_scale, r->obj_scale);
}

static void rim_unscale(ars__clp *b, rim *r)
{
    if (!r->saved)
        return;
    put_rim(b, r->saved, 1, 1);
    scale_solution(b, 1 / r->bound_scale, 1 / r->obj_scale);
    ars__free(r->saved);
    r->saved = NULL;
}

/* How far CLP's values lie outside their bounds, in the model's own terms:
 * the largest violation of a column's bounds, or of a row's by its activity
 * recomputed from the columns, relative to the rim scale (1 in the model's
 * terms) plus the bound's magnitude and, for a row, its terms' (a sum of
 * billions rounds off by 1e-7). */
static double beyond(double lo, double up, double v)
{
    return lo > -1e30 && lo - v > 0 ? lo - v : up < 1e30 && v - up > 0 ? v - up : 0;
}

static double finite_magnitude(double lo, double up)
{
    return fmax(fabs(lo) < 1e30 ? fabs(lo) : 0, fabs(up) < 1e30 ? fabs(up) : 0);
}

static double worst_bound_gap(ars__clp *b, double bound_scale)
{
    const double *x = Clp_getColSolution(b->m), *cl = Clp_getColLower(b->m),
                 *cu = Clp_getColUpper(b->m), *rl = Clp_getRowLower(b->m),
                 *ru = Clp_getRowUpper(b->m), *val = Clp_getElements(b->m);
    const CoinBigIndex *start = Clp_getVectorStarts(b->m);
    const int *len = Clp_getVectorLengths(b->m), *row = Clp_getIndices(b->m);
    double *act = b->scratch, *size = b->scratch + b->nrows, worst = 0, g;
    int i, j;
    CoinBigIndex a;
    memset(act, 0, sizeof(double) * 2 * (size_t)b->nrows);
    for (j = 0; j < b->ncols; j++) {
        /* Against the bound it passes, as the verification (and GLPK)
         * judge a bound: a purchase at -3.2e-6 under its capacity of
         * 3,906 was 8e-10 of that, and failed verification (`arsenal-gen
         * --lines 20 --products 5 --periods 12 --components 10 --funds 4
         * --licences 3 --requirements 5 --seed 8 --mip`, its third fund
         * x1.1, the smooth stage; tests/cli/plan_in_bounds.sh). */
        g = beyond(cl[j], cu[j], x[j]) / (bound_scale + fabs(x[j] < cl[j] ? cl[j] : cu[j]));
        if (g > worst)
            worst = g;
        for (a = start[j]; a < start[j] + len[j]; a++) {
            act[row[a]] += val[a] * x[j];
            size[row[a]] += fabs(val[a] * x[j]);
        }
    }
    for (i = 0; i < b->nrows; i++) {
        g = beyond(rl[i], ru[i], act[i]) /
            (bound_scale + fmax(finite_magnitude(rl[i], ru[i]), size[i]));
        if (g > worst)
            worst = g;
    }
    return worst;
}

/* Primal simplex from the current basis, through CLP's presolve, which
 * carries the basis over: after the warm-up on the 26.5k-row model, the
 * shortfall stage takes 13.3k iterations and 28 s by `clp` so, 20.2k and
 * 45 s by a plain primal from the same basis. */
static void primal_presolved(ars__clp *b)
{
    Clp_Solve *opts = ClpSolve_new();
    ClpSolve_setSolveType(opts, 1, 0);
    ClpSolve_setPresolveType(opts, 0, 0);
    Clp_initialSolveWithOptions(b->m, opts);
    ClpSolve_delete(opts);
}

/* An optimum may leave basic values outside their bounds by up to CLP's
 * primal tolerance (1e-7, absolute) in the rim-scaled problem, which is
 * 1/scale times that in the model's terms: the cold cost stage of
 * tests/cli/gen_models.sh's "tiny capacities" model, through presolve at a
 * rim scale of 1/32, ended with an inventory at -1.9e-6 next to flows of
 * 0.3, which verification rejects (relative 5.8e-6; the clean-up primal
 * without scaling keeps that basis, as it is within the tolerance), and a
 * warm one-demand variant of `arsenal-gen --lines 40 --periods 16 --seed
 * 7`, at 1/128, left a basic column at -1.3e-5 (tests/cli/
 * plan_in_bounds.sh). Such an optimum is polished, as GLPK's are
 * (glpk_backend.c, POLISH_TOL_BND): primal simplex from its basis, without
 * scaling, with the tolerance at POLISH_GAP in the model's terms, and back
 * at CLP's own where that does not end optimal. Returns the pivots. */
#define POLISH_GAP 1e-9
/* Where a warm optimum is left further out than this after its polish
 * (verification allows 1e-6), it is solved again cold (*still_out). */
#define WARM_GAP_COLD 1e-7
static int polish_bounds(ars__clp *b, double bound_scale, int *still_out)
{
    double tol = Clp_primalTolerance(b->m);
    int its;
    *still_out = 0;
    if (worst_bound_gap(b, bound_scale) <= POLISH_GAP)
        return 0;
    Clp_setPrimalTolerance(b->m, POLISH_GAP * bound_scale);
    Clp_scaling(b->m, 0);
    Clp_setMaximumIterations(b->m, INT_MAX);
    Clp_setNumberIterations(b->m, 0);
    Clp_primal(b->m, 0);
    its = Clp_numberIterations(b->m);
    Clp_setPrimalTolerance(b->m, tol);
    if (clp_status(b) != ARS_ST_OPTIMAL) {
        Clp_setNumberIterations(b->m, 0);
        Clp_primal(b->m, 0);
        its += Clp_numberIterations(b->m);
    }
    *still_out = worst_bound_gap(b, bound_scale) > WARM_GAP_COLD;
    return its;
}

/* Runs one simplex; returns its iterations (Clp_primal restarts CLP's
 * count, which would lose the warm-up's). */
static void set_limits(ars__clp *b, double deadline, int it_limit)
{
    double left = deadline > 0 ? deadline - ars__now() : 0;
    Clp_setMaximumSeconds(b->m, deadline > 0 ? (left > 0.001 ? left : 0.001) : -1.0);
    /* A limit of 0 is CLP's own "none" (INT_MAX), and the model keeps
     * whatever was set last. */
    Clp_setMaximumIterations(b->m, it_limit > 0 ? it_limit : INT_MAX);
    Clp_setNumberIterations(b->m, 0);
}

static int run_simplex(ars__clp *b, const ars__solve_params *prm, int warm, double deadline,
                       int it_limit)
{
    set_limits(b, deadline, it_limit);
    if (warm) {
        if (prm->presolve && !prm->dual)
            primal_presolved(b);
        else if (prm->dual && !shortfall_primal(prm))
            Clp_dual(b->m, 0);
        else
            Clp_primal(b->m, 0);
        return Clp_numberIterations(b->m);
    }
    if (prm->warmup) {
        /* The warm-up objective's optimum by dual simplex, then this
         * objective from its basis by primal (still primal feasible). */
        Clp_Solve *opts = ClpSolve_new();
        double *own = ars__malloc(sizeof(double) * (size_t)(b->ncols > 0 ? b->ncols : 1));
        if (own) {
            int its;
            memcpy(own, Clp_getObjCoefficients(b->m), sizeof(double) * (size_t)b->ncols);
            /* Scaled on its own (a factor on an objective moves no optimum). */
            memcpy(b->scratch, prm->warmup, sizeof(double) * (size_t)b->ncols);
            scale_array(b->scratch, b->ncols,
                        pow2_down(largest_finite(prm->warmup, b->ncols, 0), RIM_OBJ));
            Clp_chgObjCoefficients(b->m, b->scratch);
            slack_basis(b);
            ClpSolve_setSolveType(opts, 0, 0);
            ClpSolve_setPresolveType(opts, 0, 0);
            Clp_initialSolveWithOptions(b->m, opts);
            ClpSolve_delete(opts);
            Clp_chgObjCoefficients(b->m, own);
            ars__free(own);
            its = Clp_numberIterations(b->m);
            if (Clp_status(b->m) == 0) {
                Clp_setNumberIterations(b->m, 0);
                primal_presolved(b);
                return its + Clp_numberIterations(b->m);
            }
        } else {
            ClpSolve_delete(opts);
        }
    }
    {
        Clp_Solve *opts = ClpSolve_new();
        slack_basis(b);
        Clp_setNumberIterations(b->m, 0);
        /* ClpSolve::usePrimal (1) or useDual (0), presolve on (0). */
        ClpSolve_setSolveType(opts, shortfall_primal(prm) ? 1 : 0, 0);
        ClpSolve_setPresolveType(opts, 0, 0);
        Clp_initialSolveWithOptions(b->m, opts);
        ClpSolve_delete(opts);
    }
    return Clp_numberIterations(b->m);
}

/* One LP solve. A warm start that ends in anything but an optimum is
 * solved again cold (unless the caller goes on from another start:
 * no_cold_retry): CLP may stall or err from a basis a cold start never
 * meets.
 *
 * Scaling: CLP's scale factors are not powers of two, so unscaling leaves
 * 1e-12 noise on values that are exact (50.000000000001 for 50), and now
 * and then small infeasibilities. A cold solve (thousands of pivots, where
 * scaling pays) is therefore followed by a primal pass from its optimal
 * basis without scaling, which recomputes the values in the model's own
 * terms, as GLPK's are, and pivots only where the unscaled basis is not
 * optimal. A warm solve runs its first UNSCALED_PIVOTS pivots without
 * scaling: most warm solves need fewer, their answer is then already in
 * the model's terms, and CLP does not compute scale factors anew (turning
 * scaling off for the clean-up drops them, so each scaled call did):
 * measured at 2,390 rows, a warm call that does not pivot took 3.5-7 ms
 * scaled with its clean-up, about 2 ms unscaled. (What remains is CLP's
 * own start-up: its C interface has no startFinishOptions, so each call
 * factorizes afresh.) A warm solve that needs more goes on from there with
 * scaling, as a cold one: unscaled, the long ones pivoted more and took
 * longer (from the cost stage's basis to the weighted stand-in's optimum
 * after "all funds and demands" at 2,390 rows: 5,514 pivots, 3.4 s; scaled
 * runs of the same variants went warm within their budget). A dual
 * simplex starts that over scaled from the basis it was given, not from
 * where its unscaled pivots left it: on the 8,051-row model (`arsenal-gen
 * --lines 100 --products 10 --periods 24 --components 30 --seed 3`), one
 * demand x1.1, the weighted stand-in went on for 2,051 pivots (its budget)
 * after the unscaled 300 and the variant was redone cold, 2.5 s against
 * 1.5 s cold; started over scaled it ends in 1,409, the variant warm in
 * 0.9 s (bench/RESULTS.md).
 *
 * The iteration limit counts each run of this call afresh, as GLPK's
 * it_lim does (a warm run and the cold one after it), the two parts of a
 * warm run together. */
#define UNSCALED_PIVOTS 300
/* 1e-10, as GLPK's polish (it was 1e-9). A warm shortfall stage starts
 * next to its optimum (the stand-in's, or its own of the previous variant),
 * where 1e-9 was not enough: on `arsenal-gen --lines 30 --periods 16 --seed
 * 17`, a fund x0.8 after x0.9, the stage ended after 3 pivots with S 8.7e-8
 * relative above the cold optimum (a unit of S worth 9e9 there); at 1e-10,
 * 11 pivots and the cold S (tests/cli/warm_exact.sh). Nor was it for a cold
 * one's polish: over 140 generated models and variants (`arsenal-gen
 * --lines 30 --periods 16 --funds 3` and the xs size, seeds 1-10), CLP's S
 * lay above GLPK's by more than 1e-9 relative on 10, by 1.8e-6 on `--seed
 * 10` with its first demand x0.9 (S 213.655, where a dollar buys 1e-10 of
 * it); polished at 1e-10, on none (tests/cli/shortfall_exact.sh), for 17%
 * more pivots on the 14,740-row model (bench/RESULTS.md). */
#define SHORTFALL_DUAL_TOL 1e-10

/* A cold solve that ended in numerical difficulties, once more from the
 * slack basis without presolve, by the same simplex: on `arsenal-gen
 * --lines 20 --products 5 --periods 12 --components 10 --funds 4 --licences
 * 3 --requirements 5 --seed 5`, its second demand x1.2, the cost stage
 * failed warm (primal through presolve) and cold (dual through presolve),
 * and `arsenal solve --solver clp` exited 3 where GLPK solves it; without
 * presolve the dual simplex ends with GLPK's S and C to 2e-12
 * (tests/cli/simplex_ends.sh). */
static int cold_without_presolve(ars__clp *b, const ars__solve_params *prm, double deadline)
{
    slack_basis(b);
    set_limits(b, deadline, prm->it_limit);
    if (shortfall_primal(prm))
        Clp_primal(b->m, 0);
    else
        Clp_dual(b->m, 0);
    return Clp_numberIterations(b->m);
}

static void simplex_body(ars__clp *b, const ars__solve_params *prm, double deadline,
                         ars__solve_info *info)
{
    int it0 = 0, warm = prm->warm && b->has_basis, scaling = Clp_scalingFlag(b->m);
    double dual_tol = Clp_dualTolerance(b->m);
    rim r;
    rim_scale(b, &r, prm->stage == ARS_STAGE_COST && prm->presolve ? RIM_OBJ_COST : RIM_OBJ);
    for (;;) {
        int scaled = !warm;
        /* The shortfall stage at a tighter dual tolerance, as GLPK's is
         * polished (glpk_backend.c, SHORTFALL_TOL_DJ): at CLP's 1e-7 a
         * price of S of 1e-10 a dollar reads as zero, and the stage
         * stopped 1.9e-5 above the exact S* (tests/cli/shortfall_exact.sh).
         * A cold one is solved at CLP's own tolerance and then polished
         * from its optimum at the tighter one, as GLPK's is: at 1e-9 from
         * the start (measured when the tolerance was 1e-9), the 14,740-row
         * model's stage took 28.8k pivots and ended on a basis from which
         * the cost stage took 14.2k; polished, 23.3k and 7.5k
         * (bench/RESULTS.md, "Size m"). */
        int polish_dj = prm->stage == ARS_STAGE_SHORTFALL && !warm;
        Clp_setDualTolerance(
            b->m, prm->stage == ARS_STAGE_SHORTFALL && !polish_dj ? SHORTFALL_DUAL_TOL : dual_tol);
        if (warm && prm->presolve && !prm->dual) {
            it0 += run_simplex(b, prm, 1, deadline, prm->it_limit);
            scaled = 1;
        } else if (warm) {
            int limit = prm->it_limit, its;
            if (prm->dual)
                memcpy(b->start_status, Clp_statusArray(b->m), (size_t)b->ncols + (size_t)b->nrows);
            Clp_scaling(b->m, 0);
            its = run_simplex(b, prm, 1, deadline,
                              limit > 0 && limit < UNSCALED_PIVOTS ? limit : UNSCALED_PIVOTS);
            it0 += its;
            if (Clp_status(b->m) == 3 && its >= UNSCALED_PIVOTS && (limit <= 0 || its < limit) &&
                !(deadline > 0 && ars__now() >= deadline)) {
                if (prm->dual)
                    Clp_copyinStatus(b->m, b->start_status);
                Clp_scaling(b->m, scaling);
                it0 += run_simplex(b, prm, 1, deadline, limit > 0 ? limit - its : 0);
                scaled = 1;
            }
        } else {
            it0 += run_simplex(b, prm, 0, deadline, prm->it_limit);
            if (Clp_status(b->m) == 4 && !(deadline > 0 && ars__now() >= deadline))
                it0 += cold_without_presolve(b, prm, deadline);
        }
        info->status = clp_status(b);
        if (info->status == ARS_ST_OPTIMAL && polish_dj) {
            Clp_setDualTolerance(b->m, SHORTFALL_DUAL_TOL);
            Clp_setNumberIterations(b->m, 0);
            Clp_primal(b->m, 0);
            it0 += Clp_numberIterations(b->m);
            info->status = clp_status(b);
        }
        if (info->status == ARS_ST_OPTIMAL && scaled) {
            double scaled_gap = worst_bound_gap(b, r.bound_scale);
            Clp_scaling(b->m, 0);
            Clp_setNumberIterations(b->m, 0);
            Clp_setMaximumIterations(b->m, INT_MAX); /* a clean-up, not the search it_limit stops */
            Clp_primal(b->m, 0);
            it0 += Clp_numberIterations(b->m);
            info->status = clp_status(b);
            if (info->status != ARS_ST_OPTIMAL ||
                worst_bound_gap(b, r.bound_scale) > fmax(scaled_gap, POLISH_GAP)) {
                /* The unscaled pass can fail where the scaled optimum is
                 * sound: on `arsenal-gen --lines 15 --products 6 --periods
                 * 12 --seed 37`, every fund x0.9 and demand x1.05, the cost
                 * stage's came out "primal infeasible" warm and "numerical
                 * difficulties" cold, and `arsenal solve --solver clp`
                 * failed where GLPK solves it. Or it ends "optimal" on values
                 * that the scaled one did not have: on the `arsenal-gen
                 * --lines 20 --products 5 --periods 12 --components 10
                 * --funds 4 --licences 3 --requirements 5 --seed 3 --mip`
                 * model's LP with the integers fixed, the cost stage's
                 * optimal basis, within 6e-12 of its bounds scaled, put a
                 * basic payment at -0.0044 unscaled, without a pivot (CLP
                 * raises its working tolerance where the factorization is
                 * that inaccurate), and the plan failed verification. The
                 * scaled optimum is then found again from there, and its
                 * values stand (tests/cli/simplex_ends.sh). */
                Clp_scaling(b->m, scaling);
                Clp_setNumberIterations(b->m, 0);
                Clp_primal(b->m, 0);
                it0 += Clp_numberIterations(b->m);
                info->status = clp_status(b);
            }
        }
        if (info->status == ARS_ST_OPTIMAL) {
            int still_out;
            it0 += polish_bounds(b, r.bound_scale, &still_out);
            info->status = clp_status(b);
            /* A warm optimum the polish leaves outside its bounds (its
             * basis too inaccurate unscaled, as above) is solved again
             * cold, which ends scaled and keeps the scaled values. */
            if (warm && info->status == ARS_ST_OPTIMAL && still_out)
                info->status = ARS_ST_ERROR;
            /* A cold one, of a stage on an earlier stage's face, once more
             * without presolve: on the xs model of `arsenal-gen --seed 19`
             * (bench/lib.sh), its third demand x1.1, the cost stage through
             * presolve ended "optimal" with a purchase at -0.0028, which
             * the polish kept (CLP widens its own tolerance where its
             * factorization is that inaccurate) and the plan failed
             * verification; without presolve the face at S* exactly is
             * infeasible, and the stage takes the room spec 1.1 allows on
             * S (solve.c). (The first stage has a plan whatever the data:
             * not run for it.) */
            if (!warm && info->status == ARS_ST_OPTIMAL && still_out &&
                (prm->stage == ARS_STAGE_COST || prm->stage == ARS_STAGE_SMOOTH) &&
                !(deadline > 0 && ars__now() >= deadline)) {
                it0 += cold_without_presolve(b, prm, deadline);
                info->status = clp_status(b);
                if (info->status == ARS_ST_OPTIMAL) {
                    it0 += polish_bounds(b, r.bound_scale, &still_out);
                    info->status = clp_status(b);
                }
            }
        }
        Clp_scaling(b->m, scaling);
        if (warm && !prm->no_cold_retry && info->status != ARS_ST_OPTIMAL &&
            info->status != ARS_ST_FEASIBLE && info->status != ARS_ST_TIME_LIMIT) {
            warm = 0;
            continue;
        }
        break;
    }
    info->glpk_ret = Clp_status(b->m);
    info->iterations = it0;
    info->objective = Clp_getObjValue(b->m) / (r.bound_scale * r.obj_scale);
    rim_unscale(b, &r);
    Clp_setDualTolerance(b->m, dual_tol);
}

int ars__clp_solve_lp(ars__clp *b, const ars__solve_params *prm, ars__solve_info *info,
                      ars_error *err)
{
    double t0 = ars__now();
    double deadline = prm->time_limit > 0 ? t0 + prm->time_limit : 0;
    memset(info, 0, sizeof *info);
    info->status = ARS_ST_ERROR;
    if (b->dead)
        return dead_error(b, err, "simplex");
    changed(b);
    simplex_body(b, prm, deadline, info);
    b->has_basis = info->status != ARS_ST_ERROR;
    info->seconds = ars__now() - t0;
    b->lp_optimal = info->status == ARS_ST_OPTIMAL;
    if (info->status == ARS_ST_ERROR && !(prm->no_cold_retry && prm->warm))
        return ars_error_set(err, ARS_ESOLVER, "simplex",
                             "CLP simplex failed (status %d, secondary %d)%s", Clp_status(b->m),
                             Clp_secondaryStatus(b->m),
                             Clp_status(b->m) == 0   ? ": the solution is not finite"
                             : Clp_status(b->m) == 4 ? ": numerical difficulties"
                                                     : "");
    return ARS_OK;
}

typedef struct cut_ctx {
    volatile int *cancel, *stop;
    int cancelled, stopped;
} cut_ctx;

/* Called by CBC at every node: once cancel or stop is set, a cut that no
 * point satisfies (the first column beyond one of its bounds) ends the
 * search; the incumbent, if any, stays CBC's best solution. */
static void cancel_cut(void *osi, void *cuts, void *app)
{
    cut_ctx *cc = app;
    int idx = 0;
    double coef = 1, lo, up;
    if (Osi_getNumCols(osi) < 1)
        return;
    if (cc->cancel && *cc->cancel)
        cc->cancelled = 1;
    else if (cc->stop && *cc->stop)
        cc->stopped = 1;
    else
        return;
    lo = Osi_getColLower(osi)[0];
    up = Osi_getColUpper(osi)[0];
    if (up < 1e30)
        OsiCuts_addRowCut(cuts, 1, &idx, &coef, 'G', up + 1);
    else
        OsiCuts_addRowCut(cuts, 1, &idx, &coef, 'L', (lo > -1e30 ? lo : 0) - 1);
}

/* A Cbc model of the CLP model's current data (CBC's C interface cannot
 * take a model from CLP's). */
static Cbc_Model *cbc_model(ars__clp *b)
{
    const CoinBigIndex *cstart = Clp_getVectorStarts(b->m);
    const int *len = Clp_getVectorLengths(b->m), *cidx = Clp_getIndices(b->m);
    const double *cval = Clp_getElements(b->m);
    CoinBigIndex *start = ars__malloc(sizeof *start * ((size_t)b->ncols + 1)), k = 0;
    size_t nnz = (size_t)Clp_getNumElements(b->m);
    int *index = ars__malloc(sizeof(int) * (nnz > 0 ? nnz : 1)), j;
    double *value = ars__malloc(sizeof(double) * (nnz > 0 ? nnz : 1));
    Cbc_Model *c = NULL;
    if (start && index && value) {
        for (j = 0; j < b->ncols; j++) {
            CoinBigIndex a;
            start[j] = k;
            for (a = cstart[j]; a < cstart[j] + len[j]; a++) {
                index[k] = cidx[a];
                value[k++] = cval[a];
            }
        }
        start[b->ncols] = k;
        c = Cbc_newModel();
    }
    if (c) {
        Cbc_setLogLevel(c, 0);
        Cbc_loadProblem(c, b->ncols, b->nrows, start, index, value, Clp_getColLower(b->m),
                        Clp_getColUpper(b->m), Clp_getObjCoefficients(b->m), Clp_getRowLower(b->m),
                        Clp_getRowUpper(b->m));
        Cbc_setObjSense(c, 1);
        for (j = 0; j < b->ncols; j++)
            if (b->kind[j] != ARS_KIND_CONT)
                Cbc_setInteger(c, j);
    }
    ars__free(start);
    ars__free(index);
    ars__free(value);
    return c;
}

static int cbc_status(Cbc_Model *c, const cut_ctx *cc, int *abandoned)
{
    int has = Cbc_bestSolution(c) != NULL;
    *abandoned = 0;
    if (cc->cancelled)
        return ARS_ST_CANCELLED;
    if (cc->stopped)
        return has ? ARS_ST_FEASIBLE : ARS_ST_CANCELLED;
    if (Cbc_isAbandoned(c) || Cbc_isInitialSolveAbandoned(c)) {
        *abandoned = 1;
        return ARS_ST_ERROR;
    }
    if (Cbc_isContinuousUnbounded(c))
        return ARS_ST_UNBOUNDED;
    if (Cbc_isProvenOptimal(c))
        return has ? ARS_ST_OPTIMAL : ARS_ST_ERROR;
    if (Cbc_isProvenInfeasible(c) || Cbc_isInitialSolveProvenPrimalInfeasible(c))
        return ARS_ST_INFEASIBLE;
    switch (Cbc_secondaryStatus(c)) {
    case 2: /* stopped on the gap */
    case 3: /* nodes */
    case 4: /* time */
    case 5: /* user event */
    case 6: /* solutions */
    case 8: /* iterations */
        return has ? ARS_ST_FEASIBLE : ARS_ST_TIME_LIMIT;
    case 7:
        return ARS_ST_UNBOUNDED;
    default:
        return ARS_ST_ERROR;
    }
}

/* A stop asked before CBC starts: GLPK would take the start as its first
 * incumbent and end there, so this does the same without CBC (which may
 * finish a small MIP in presolve without ever calling the cut callback).
 * The start is checked against the bounds and rows as GLPK checks a
 * heuristic solution; without a valid one the run is cancelled. */
static void stop_at_start(ars__clp *b, const double *start, ars__solve_info *info)
{
    const CoinBigIndex *cstart = Clp_getVectorStarts(b->m);
    const int *len = Clp_getVectorLengths(b->m), *cidx = Clp_getIndices(b->m);
    const double *cval = Clp_getElements(b->m), *obj = Clp_getObjCoefficients(b->m);
    const double *clo = Clp_getColLower(b->m), *cup = Clp_getColUpper(b->m);
    const double *rlo = Clp_getRowLower(b->m), *rup = Clp_getRowUpper(b->m);
    const double tol = 1e-6;
    double z = 0;
    int i, j, ok = start != NULL;
    info->status = ARS_ST_CANCELLED;
    info->stopped = 1;
    for (i = 0; ok && i < b->nrows; i++)
        b->mip_act[i] = 0;
    for (j = 0; ok && j < b->ncols; j++) {
        CoinBigIndex a;
        double x = start[j];
        ok = isfinite(x) && x >= clo[j] - tol && x <= cup[j] + tol &&
             (b->kind[j] == ARS_KIND_CONT || fabs(x - nearbyint(x)) <= tol);
        for (a = cstart[j]; ok && a < cstart[j] + len[j]; a++)
            b->mip_act[cidx[a]] += cval[a] * x;
        b->mip_x[j] = x;
        z += obj[j] * x;
    }
    for (i = 0; ok && i < b->nrows; i++)
        ok = b->mip_act[i] >= rlo[i] - tol * (1 + fabs(rlo[i])) &&
             b->mip_act[i] <= rup[i] + tol * (1 + fabs(rup[i]));
    b->mip_has = ok;
    if (ok) {
        info->status = ARS_ST_FEASIBLE;
        info->objective = z;
    }
}

int ars__clp_solve_mip(ars__clp *b, const ars__solve_params *prm, ars__solve_info *info,
                       ars_error *err)
{
    double t0 = ars__now();
    Cbc_Model *c;
    cut_ctx cc;
    struct sigaction saved_int, saved_abrt, on_abrt;
    sigjmp_buf jump;
    int abandoned = 0, aborted = 0, j, *idx = NULL;
    char num[32];
    memset(info, 0, sizeof *info);
    memset(&cc, 0, sizeof cc);
    info->status = ARS_ST_ERROR;
    info->mip_gap = NAN;
    if (b->dead)
        return dead_error(b, err, "branch and cut");
    changed(b);
    if (prm->cancel && *prm->cancel) {
        info->status = ARS_ST_CANCELLED;
        return ARS_OK;
    }
    b->has_basis = 0;
    if (prm->stop && *prm->stop) {
        stop_at_start(b, prm->mip_start, info);
        info->seconds = ars__now() - t0;
        return ARS_OK;
    }
    c = cbc_model(b);
    if (!c)
        return ars_error_set(err, ARS_ENOMEM, "branch and cut", "out of memory");
    /* CBC 2.10's preprocessing (CglPreProcess) throws on some of our MIPs
     * (ClpModel::getColumnName with an index one past the last column, on
     * arsenal-gen --seed 6 --lines 10 --periods 6 --licences 6 --mip), and
     * Cbc_solve then prints the error on stdout and returns no status that
     * tells it from a search ended early. Without preprocessing it does not
     * happen. */
    Cbc_setParameter(c, "preprocess", "off");
    if (prm->time_limit > 0) {
        Cbc_setParameter(c, "timeMode", "elapsed");
        Cbc_setMaximumSeconds(c, prm->time_limit);
    }
    if (prm->mip_gap > 0)
        Cbc_setAllowableFractionGap(c, prm->mip_gap);
    if (prm->mip_start) {
        idx = ars__malloc(sizeof(int) * (size_t)(b->ncols > 0 ? b->ncols : 1));
        if (idx) {
            for (j = 0; j < b->ncols; j++)
                idx[j] = j;
            Cbc_setMIPStartI(c, b->ncols, idx, prm->mip_start);
        }
    }
    cc.cancel = prm->cancel;
    cc.stop = prm->stop;
    if (prm->cancel || prm->stop)
        Cbc_addCutCallback(c, cancel_cut, "cancel", &cc);
    /* One CBC at a time (see top); keep SIGINT as the caller set it, and
     * SIGABRT (cbc_abort_back). */
    pthread_mutex_lock(&cbc_lock);
    if (cbc_broken) {
        pthread_mutex_unlock(&cbc_lock);
        ars__free(idx);
        Cbc_deleteModel(c);
        return ars_error_set(err, ARS_ESOLVER, "branch and cut",
                             "CBC stopped on an internal assertion earlier in this process and "
                             "is not used again until it restarts; GLPK (--solver glpk) may "
                             "solve this model");
    }
    memset(&on_abrt, 0, sizeof on_abrt);
    on_abrt.sa_handler = cbc_abort_back;
    sigemptyset(&on_abrt.sa_mask);
    sigaction(SIGINT, NULL, &saved_int);
    sigaction(SIGABRT, &on_abrt, &saved_abrt);
    if (sigsetjmp(jump, 1) == 0) {
        cbc_abort_jump = &jump;
        Cbc_solve(c);
    } else {
        aborted = cbc_broken = 1;
    }
    cbc_abort_jump = NULL;
    sigaction(SIGABRT, &saved_abrt, NULL);
    sigaction(SIGINT, &saved_int, NULL);
    pthread_mutex_unlock(&cbc_lock);
    ars__free(idx);
    if (aborted) {
        info->seconds = ars__now() - t0;
        return ars_error_set(err, ARS_ESOLVER, "branch and cut",
                             "CBC stopped on an internal assertion of CLP or CBC (its message "
                             "is on stderr); GLPK (--solver glpk) may solve this model");
    }
    info->status = cbc_status(c, &cc, &abandoned);
    info->stopped = cc.stopped && !cc.cancelled;
    info->iterations = Cbc_getIterationCount(c);
    info->glpk_ret = Cbc_secondaryStatus(c);
    if (info->status == ARS_ST_OPTIMAL || info->status == ARS_ST_FEASIBLE) {
        const double *x = Cbc_getColSolution(c), *act = Cbc_getRowActivity(c);
        for (j = 0; j < b->ncols; j++)
            b->mip_x[j] = x[j];
        for (j = 0; j < b->nrows; j++)
            b->mip_act[j] = act[j];
        info->objective = Cbc_getObjValue(c);
        b->mip_has = isfinite(info->objective);
        for (j = 0; b->mip_has && j < b->ncols; j++)
            b->mip_has = isfinite(b->mip_x[j]);
        if (!b->mip_has)
            info->status = ARS_ST_ERROR;
        if (info->status == ARS_ST_OPTIMAL) {
            info->mip_gap = 0;
        } else if (info->status == ARS_ST_FEASIBLE && !info->stopped) {
            /* A time or gap limit: CBC's bound is that of the open tree. As
             * glp_ios_mip_gap computes it, so both backends mean the same. */
            double bound = Cbc_getBestPossibleObjValue(c);
            if (isfinite(bound) && fabs(bound) < 1e30)
                info->mip_gap =
                    fabs(info->objective - bound) / (fabs(info->objective) + DBL_EPSILON);
        }
    }
    snprintf(num, sizeof num, "%d", Cbc_secondaryStatus(c));
    Cbc_deleteModel(c);
    info->seconds = ars__now() - t0;
    if (info->status == ARS_ST_ERROR)
        return ars_error_set(err, ARS_ESOLVER, "branch and cut", "CBC %s (secondary status %s)",
                             abandoned ? "abandoned the search (numerical difficulties)"
                                       : "failed or returned a solution that is not finite",
                             num);
    return ARS_OK;
}

int ars__clp_primal(ars__clp *b, int mip, double *col, double *row_activity, ars_error *err)
{
    const double *x, *act;
    if (b->dead)
        return dead_error(b, err, "read solution");
    if (mip && !b->mip_has)
        return ars_error_set(err, ARS_ESOLVER, "read solution", "CBC found no integer point");
    x = mip ? b->mip_x : Clp_getColSolution(b->m);
    act = mip ? b->mip_act : Clp_getRowActivity(b->m);
    if (col)
        memcpy(col, x, sizeof(double) * (size_t)b->ncols);
    if (row_activity)
        memcpy(row_activity, act, sizeof(double) * (size_t)b->nrows);
    return ARS_OK;
}

int ars__clp_duals(ars__clp *b, double *row_dual, double *col_dual, ars_error *err)
{
    if (b->dead)
        return dead_error(b, err, "read duals");
    if (row_dual)
        memcpy(row_dual, Clp_getRowPrice(b->m), sizeof(double) * (size_t)b->nrows);
    if (col_dual)
        memcpy(col_dual, Clp_getReducedCost(b->m), sizeof(double) * (size_t)b->ncols);
    return ARS_OK;
}

/* CLP's status of a non-basic variable in GLPK's terms, from its bounds:
 * fixed, free, or at the bound its value sits on. */
static unsigned char to_ars(int st, double lo, double up, double value)
{
    int has_lo = lo > -1e30, has_up = up < 1e30;
    if (st == CLP_BASIC)
        return ARS_BASIC;
    if (has_lo && has_up && lo == up)
        return ARS_FIXED;
    if (!has_lo && !has_up)
        return ARS_FREE_NONBASIC;
    if (st == CLP_AT_UPPER && has_up)
        return ARS_AT_UPPER;
    if (st == CLP_AT_LOWER && has_lo)
        return ARS_AT_LOWER;
    /* free, superbasic or fixed away from a bound: the nearer bound */
    if (has_lo && has_up)
        return fabs(value - up) < fabs(value - lo) ? ARS_AT_UPPER : ARS_AT_LOWER;
    return has_lo ? ARS_AT_LOWER : ARS_AT_UPPER;
}

static int to_clp(unsigned char st)
{
    switch (st) {
    case ARS_BASIC:
        return CLP_BASIC;
    case ARS_AT_UPPER:
        return CLP_AT_UPPER;
    case ARS_FREE_NONBASIC:
        return CLP_FREE;
    case ARS_FIXED:
        return CLP_FIXED;
    default:
        return CLP_AT_LOWER;
    }
}

int ars__clp_get_basis(ars__clp *b, unsigned char *row_stat, unsigned char *col_stat,
                       ars_error *err)
{
    int i;
    if (b->dead)
        return dead_error(b, err, "read basis");
    for (i = 0; row_stat && i < b->nrows; i++)
        row_stat[i] = to_ars(Clp_getRowStatus(b->m, i), Clp_getRowLower(b->m)[i],
                             Clp_getRowUpper(b->m)[i], Clp_getRowActivity(b->m)[i]);
    for (i = 0; col_stat && i < b->ncols; i++)
        col_stat[i] = to_ars(Clp_getColumnStatus(b->m, i), Clp_getColLower(b->m)[i],
                             Clp_getColUpper(b->m)[i], Clp_getColSolution(b->m)[i]);
    return ARS_OK;
}

int ars__clp_set_basis(ars__clp *b, const unsigned char *row_stat, const unsigned char *col_stat,
                       ars_error *err)
{
    int i;
    if (b->dead)
        return dead_error(b, err, "set basis");
    for (i = 0; i < b->nrows; i++)
        if (row_stat[i] < ARS_BASIC || row_stat[i] > ARS_FIXED)
            return ars_error_set(err, ARS_EINVALID, "basis", "row %d status %d", i, row_stat[i]);
    for (i = 0; i < b->ncols; i++)
        if (col_stat[i] < ARS_BASIC || col_stat[i] > ARS_FIXED)
            return ars_error_set(err, ARS_EINVALID, "basis", "column %d status %d", i, col_stat[i]);
    for (i = 0; i < b->nrows; i++)
        Clp_setRowStatus(b->m, i, to_clp(row_stat[i]));
    for (i = 0; i < b->ncols; i++)
        Clp_setColumnStatus(b->m, i, to_clp(col_stat[i]));
    changed(b);
    b->has_basis = 1;
    return ARS_OK;
}

/* The GLPK copy for ranging: the current program, the current basis, and
 * a warm primal simplex that finds it optimal (no pivots when GLPK agrees
 * with CLP; a few when GLPK's tolerances see it otherwise, ending at GLPK's
 * own optimum). */
static int make_handoff(ars__clp *b, ars_error *err)
{
    ars__program tmp;
    const double *cl = Clp_getColLower(b->m), *cu = Clp_getColUpper(b->m);
    const double *rl = Clp_getRowLower(b->m), *ru = Clp_getRowUpper(b->m);
    const CoinBigIndex *cstart = Clp_getVectorStarts(b->m);
    const int *len = Clp_getVectorLengths(b->m), *cidx = Clp_getIndices(b->m);
    const double *cval = Clp_getElements(b->m);
    size_t nnz = (size_t)Clp_getNumElements(b->m);
    unsigned char *rs = NULL, *cs = NULL;
    int i, j, rc = ARS_ENOMEM, *fill = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    memset(&tmp, 0, sizeof tmp);
    tmp.nrows = b->nrows;
    tmp.ncols = b->ncols;
    tmp.lex_row = -1;
    tmp.col_tag = ars__calloc((size_t)b->ncols + 1, sizeof(ars__tag));
    tmp.row_tag = ars__calloc((size_t)b->nrows + 1, sizeof(ars__tag));
    tmp.col_kind = ars__calloc((size_t)b->ncols + 1, 1);
    tmp.col_lb = ars__malloc(sizeof(double) * ((size_t)b->ncols + 1));
    tmp.col_ub = ars__malloc(sizeof(double) * ((size_t)b->ncols + 1));
    tmp.obj_s = ars__malloc(sizeof(double) * ((size_t)b->ncols + 1));
    tmp.row_lb = ars__malloc(sizeof(double) * ((size_t)b->nrows + 1));
    tmp.row_ub = ars__malloc(sizeof(double) * ((size_t)b->nrows + 1));
    tmp.row_start = ars__calloc((size_t)b->nrows + 2, sizeof(int));
    tmp.col_idx = ars__malloc(sizeof(int) * (nnz + 1));
    tmp.val = ars__malloc(sizeof(double) * (nnz + 1));
    fill = ars__malloc(sizeof(int) * ((size_t)b->nrows + 1));
    rs = ars__malloc((size_t)b->nrows + 1);
    cs = ars__malloc((size_t)b->ncols + 1);
    if (!tmp.col_tag || !tmp.row_tag || !tmp.col_kind || !tmp.col_lb || !tmp.col_ub || !tmp.obj_s ||
        !tmp.row_lb || !tmp.row_ub || !tmp.row_start || !tmp.col_idx || !tmp.val || !fill || !rs ||
        !cs) {
        rc = ars_error_set(err, ARS_ENOMEM, "ranging", "out of memory");
        goto out;
    }
    for (j = 0; j < b->ncols; j++) {
        tmp.col_lb[j] = from_coin(cl[j]);
        tmp.col_ub[j] = from_coin(cu[j]);
        tmp.obj_s[j] = Clp_getObjCoefficients(b->m)[j];
    }
    for (i = 0; i < b->nrows; i++) {
        tmp.row_lb[i] = from_coin(rl[i]);
        tmp.row_ub[i] = from_coin(ru[i]);
    }
    /* Columns to rows: walking columns in order keeps each row's column
     * indices ascending. */
    for (j = 0; j < b->ncols; j++) {
        CoinBigIndex a;
        for (a = cstart[j]; a < cstart[j] + len[j]; a++)
            tmp.row_start[cidx[a] + 1]++;
    }
    for (i = 0; i < b->nrows; i++)
        tmp.row_start[i + 1] += tmp.row_start[i];
    memcpy(fill, tmp.row_start, sizeof(int) * (size_t)b->nrows);
    for (j = 0; j < b->ncols; j++) {
        CoinBigIndex a;
        for (a = cstart[j]; a < cstart[j] + len[j]; a++) {
            int k = fill[cidx[a]]++;
            tmp.col_idx[k] = j;
            tmp.val[k] = cval[a];
        }
    }
    tmp.nnz = (size_t)tmp.row_start[b->nrows];
    if ((rc = ars__glpk_load(&tmp, 0, &b->handoff, err)) != ARS_OK)
        goto out;
    if ((rc = ars__clp_get_basis(b, rs, cs, err)) != ARS_OK ||
        (rc = ars__glpk_set_basis(b->handoff, rs, cs, err)) != ARS_OK)
        goto fail;
    memset(&prm, 0, sizeof prm);
    prm.warm = 1;
    if ((rc = ars__glpk_solve_lp(b->handoff, &prm, &info, err)) != ARS_OK)
        goto fail;
    if (info.status != ARS_ST_OPTIMAL) {
        rc = ars_error_set(err, ARS_ESOLVER, "ranging",
                           "GLPK does not find CLP's final basis optimal (%s)",
                           ars__status_name(info.status));
        goto fail;
    }
    goto out;
fail:
    ars__glpk_free(b->handoff);
    b->handoff = NULL;
out:
    ars__free(tmp.col_tag);
    ars__free(tmp.row_tag);
    ars__free(tmp.col_kind);
    ars__free(tmp.col_lb);
    ars__free(tmp.col_ub);
    ars__free(tmp.obj_s);
    ars__free(tmp.row_lb);
    ars__free(tmp.row_ub);
    ars__free(tmp.row_start);
    ars__free(tmp.col_idx);
    ars__free(tmp.val);
    ars__free(fill);
    ars__free(rs);
    ars__free(cs);
    return rc;
}

static int ranging_ready(ars__clp *b, ars_error *err)
{
    if (b->dead)
        return dead_error(b, err, "ranging");
    if (!b->lp_optimal)
        return ars_error_set(err, ARS_ESOLVER, "ranging",
                             "no optimal basis to range (the last LP is not optimal)");
    if (!b->handoff)
        return make_handoff(b, err);
    return ARS_OK;
}

int ars__clp_range_bounds(ars__clp *b, int n, const int *var, double *lo, double *hi,
                          ars_error *err)
{
    int i, rc;
    for (i = 0; i < n; i++)
        if (var[i] < 0 || var[i] >= b->nrows + b->ncols)
            return ars_error_set(err, ARS_EINTERNAL, "ranging", "variable %d out of range", var[i]);
    if ((rc = ranging_ready(b, err)) != ARS_OK)
        return rc;
    return ars__glpk_range_bounds(b->handoff, n, var, lo, hi, err);
}

int ars__clp_range_costs(ars__clp *b, int n, const int *col, double *lo, double *hi, ars_error *err)
{
    int i, rc;
    for (i = 0; i < n; i++)
        if (col[i] < 0 || col[i] >= b->ncols)
            return ars_error_set(err, ARS_EINTERNAL, "ranging", "column %d out of range", col[i]);
    if ((rc = ranging_ready(b, err)) != ARS_OK)
        return rc;
    return ars__glpk_range_costs(b->handoff, n, col, lo, hi, err);
}

/* For tests of the failure path: a NaN objective coefficient put straight
 * into CLP (past every check above), then a simplex; whatever CLP makes of
 * it must come back as an error, never as a status. The backend is dead
 * afterwards. (Not CBC: Debian's build asserts on it, see OBJ_LIMIT.) */
int ars__clp_provoke_fault(ars__clp *b, ars_error *err)
{
    ars__solve_params prm;
    ars__solve_info info;
    int rc;
    if (b->dead)
        return dead_error(b, err, "provoked fault");
    if (b->ncols > 0) {
        memcpy(b->scratch, Clp_getObjCoefficients(b->m), sizeof(double) * (size_t)b->ncols);
        b->scratch[0] = NAN;
        Clp_chgObjCoefficients(b->m, b->scratch);
    }
    memset(&prm, 0, sizeof prm);
    rc = ars__clp_solve_lp(b, &prm, &info, err);
    b->dead = 1;
    if (rc == ARS_OK)
        return ars_error_set(err, ARS_EINTERNAL, "provoked fault",
                             "CLP reported %s for a NaN objective", ars__status_name(info.status));
    return rc;
}
