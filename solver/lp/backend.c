/* backend.c - backend.h's functions: each goes to the implementation the
 * backend was loaded with (backend_impl.h); and the solver names of
 * arsenal.h. */
#include "lp/backend_impl.h"

#include "util/util.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct ars__backend {
    int solver; /* ars_solver */
    ars__glpk *glpk;
#ifdef ARSENAL_HAVE_COIN
    ars__clp *clp;
#endif
};

#ifdef ARSENAL_HAVE_COIN
#define CALL(b, fn, ...)                                                                           \
    ((b)->solver == ARS_SOLVER_CLP ? ars__clp_##fn((b)->clp, __VA_ARGS__)                          \
                                   : ars__glpk_##fn((b)->glpk, __VA_ARGS__))
#else
#define CALL(b, fn, ...) ars__glpk_##fn((b)->glpk, __VA_ARGS__)
#endif

const char *ars_solver_name(int solver)
{
    return solver == ARS_SOLVER_CLP ? "clp" : solver == ARS_SOLVER_GLPK ? "glpk" : "unknown";
}

int ars_solver_available(int solver)
{
#ifdef ARSENAL_HAVE_COIN
    if (solver == ARS_SOLVER_CLP)
        return 1;
#endif
    return solver == ARS_SOLVER_GLPK;
}

int ars_solver_parse(const char *name, int *out, ars_error *err)
{
    int s;
    for (s = 0; s < ARS_SOLVER_COUNT; s++)
        if (name && strcmp(name, ars_solver_name(s)) == 0) {
            if (!ars_solver_available(s))
                return ars_error_set(err, ARS_EUSAGE, "solver",
                                     "solver '%s' is not built in (this arsenal was built without "
                                     "COIN-OR CLP/CBC; see README, Dependencies)",
                                     name);
            *out = s;
            return ARS_OK;
        }
    return ars_error_set(err, ARS_EUSAGE, "solver", "unknown solver '%s' (glpk or clp)",
                         name ? name : "");
}

static atomic_int chosen_default = -1;

void ars_solver_set_default(int solver)
{
    atomic_store(&chosen_default, ars_solver_available(solver) ? solver : -1);
}

int ars_solver_default(void)
{
    int s = atomic_load(&chosen_default);
    const char *env = getenv("ARSENAL_SOLVER");
    if (s >= 0)
        return s;
    if (env && *env && ars_solver_parse(env, &s, NULL) == ARS_OK)
        return s;
    return ARS_SOLVER_GLPK;
}

int ars__backend_load_with(int solver, const ars__program *p, int names, ars__backend **out,
                           ars_error *err)
{
    ars__backend *b;
    int rc;
    *out = NULL;
    if (!ars_solver_available(solver))
        return ars_error_set(err, ARS_EUSAGE, "solver", "solver '%s' is not built in",
                             ars_solver_name(solver));
    b = ars__calloc(1, sizeof *b);
    if (!b)
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory loading the program");
    b->solver = solver;
#ifdef ARSENAL_HAVE_COIN
    if (solver == ARS_SOLVER_CLP)
        rc = ars__clp_load(p, names, &b->clp, err);
    else
#endif
        rc = ars__glpk_load(p, names, &b->glpk, err);
    if (rc) {
        ars__free(b);
        return rc;
    }
    *out = b;
    return ARS_OK;
}

int ars__backend_load(const ars__program *p, int names, ars__backend **out, ars_error *err)
{
    return ars__backend_load_with(ars_solver_default(), p, names, out, err);
}

int ars__backend_solver(const ars__backend *b)
{
    return b ? b->solver : ARS_SOLVER_GLPK;
}

void ars__backend_free(ars__backend *b)
{
    if (!b)
        return;
#ifdef ARSENAL_HAVE_COIN
    ars__clp_free(b->clp);
#endif
    ars__glpk_free(b->glpk);
    ars__free(b);
}

int ars__backend_dead(const ars__backend *b)
{
    if (!b)
        return 1;
#ifdef ARSENAL_HAVE_COIN
    if (b->solver == ARS_SOLVER_CLP)
        return ars__clp_dead(b->clp);
#endif
    return ars__glpk_dead(b->glpk);
}

int ars__backend_set_col_bounds(ars__backend *b, int n, const int *idx, const double *lb,
                                const double *ub, ars_error *err)
{
    return CALL(b, set_col_bounds, n, idx, lb, ub, err);
}

int ars__backend_set_row_bounds(ars__backend *b, int n, const int *idx, const double *lb,
                                const double *ub, ars_error *err)
{
    return CALL(b, set_row_bounds, n, idx, lb, ub, err);
}

int ars__backend_set_row(ars__backend *b, int i, int len, const int *cols, const double *vals,
                         ars_error *err)
{
    return CALL(b, set_row, i, len, cols, vals, err);
}

int ars__backend_set_objective(ars__backend *b, const double *coef, ars_error *err)
{
    return CALL(b, set_objective, coef, err);
}

int ars__backend_set_kinds(ars__backend *b, const unsigned char *kind, ars_error *err)
{
    return CALL(b, set_kinds, kind, err);
}

int ars__backend_solve_lp(ars__backend *b, const ars__solve_params *prm, ars__solve_info *info,
                          ars_error *err)
{
    return CALL(b, solve_lp, prm, info, err);
}

int ars__backend_solve_mip(ars__backend *b, const ars__solve_params *prm, ars__solve_info *info,
                           ars_error *err)
{
    return CALL(b, solve_mip, prm, info, err);
}

int ars__backend_primal(ars__backend *b, int mip, double *col, double *row_activity, ars_error *err)
{
    return CALL(b, primal, mip, col, row_activity, err);
}

int ars__backend_duals(ars__backend *b, double *row_dual, double *col_dual, ars_error *err)
{
    return CALL(b, duals, row_dual, col_dual, err);
}

int ars__backend_get_basis(ars__backend *b, unsigned char *row_stat, unsigned char *col_stat,
                           ars_error *err)
{
    return CALL(b, get_basis, row_stat, col_stat, err);
}

int ars__backend_set_basis(ars__backend *b, const unsigned char *row_stat,
                           const unsigned char *col_stat, ars_error *err)
{
    return CALL(b, set_basis, row_stat, col_stat, err);
}

int ars__backend_range_bounds(ars__backend *b, int n, const int *var, double *lo, double *hi,
                              ars_error *err)
{
    return CALL(b, range_bounds, n, var, lo, hi, err);
}

int ars__backend_range_costs(ars__backend *b, int n, const int *col, double *lo, double *hi,
                             ars_error *err)
{
    return CALL(b, range_costs, n, col, lo, hi, err);
}

int ars__backend_provoke_fault(ars__backend *b, ars_error *err)
{
    return CALL(b, provoke_fault, err);
}

int ars__backend_write(const ars__program *p, const double *obj, int format, const char *path,
                       ars_error *err)
{
    /* Files are written by GLPK whatever solves: LP and MPS are the same. */
    return ars__glpk_write(p, obj, format, path, err);
}
