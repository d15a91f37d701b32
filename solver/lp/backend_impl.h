/* backend_impl.h - the implementations behind backend.h, one prefix each:
 * ars__glpk_* (glpk_backend.c) and ars__clp_* (clp_backend.c, only when
 * built with COIN-OR: ARSENAL_HAVE_COIN). Each function means what its
 * ars__backend_* namesake in backend.h says; backend.c is their only
 * caller outside the implementations themselves. */
#ifndef ARS_LP_BACKEND_IMPL_H
#define ARS_LP_BACKEND_IMPL_H

#include "lp/backend.h"

typedef struct ars__glpk ars__glpk;

int ars__glpk_load(const ars__program *p, int names, ars__glpk **out, ars_error *err);
void ars__glpk_free(ars__glpk *b);
int ars__glpk_dead(const ars__glpk *b);
int ars__glpk_set_col_bounds(ars__glpk *b, int n, const int *idx, const double *lb,
                             const double *ub, ars_error *err);
int ars__glpk_set_row_bounds(ars__glpk *b, int n, const int *idx, const double *lb,
                             const double *ub, ars_error *err);
int ars__glpk_set_row(ars__glpk *b, int i, int len, const int *cols, const double *vals,
                      ars_error *err);
int ars__glpk_set_objective(ars__glpk *b, const double *coef, ars_error *err);
int ars__glpk_set_kinds(ars__glpk *b, const unsigned char *kind, ars_error *err);
int ars__glpk_solve_lp(ars__glpk *b, const ars__solve_params *prm, ars__solve_info *info,
                       ars_error *err);
int ars__glpk_solve_mip(ars__glpk *b, const ars__solve_params *prm, ars__solve_info *info,
                        ars_error *err);
int ars__glpk_primal(ars__glpk *b, int mip, double *col, double *row_activity, ars_error *err);
int ars__glpk_duals(ars__glpk *b, double *row_dual, double *col_dual, ars_error *err);
int ars__glpk_get_basis(ars__glpk *b, unsigned char *row_stat, unsigned char *col_stat,
                        ars_error *err);
int ars__glpk_set_basis(ars__glpk *b, const unsigned char *row_stat, const unsigned char *col_stat,
                        ars_error *err);
int ars__glpk_range_bounds(ars__glpk *b, int n, const int *var, double *lo, double *hi,
                           ars_error *err);
int ars__glpk_range_costs(ars__glpk *b, int n, const int *col, double *lo, double *hi,
                          ars_error *err);
int ars__glpk_provoke_fault(ars__glpk *b, ars_error *err);
int ars__glpk_write(const ars__program *p, const double *obj, int format, const char *path,
                    ars_error *err);

#ifdef ARSENAL_HAVE_COIN
typedef struct ars__clp ars__clp;

/* "CLP x.y.z, CBC x.y.z" of the libraries linked in. */
const char *ars__clp_versions(void);
int ars__clp_load(const ars__program *p, int names, ars__clp **out, ars_error *err);
void ars__clp_free(ars__clp *b);
int ars__clp_dead(const ars__clp *b);
int ars__clp_set_col_bounds(ars__clp *b, int n, const int *idx, const double *lb, const double *ub,
                            ars_error *err);
int ars__clp_set_row_bounds(ars__clp *b, int n, const int *idx, const double *lb, const double *ub,
                            ars_error *err);
int ars__clp_set_row(ars__clp *b, int i, int len, const int *cols, const double *vals,
                     ars_error *err);
int ars__clp_set_objective(ars__clp *b, const double *coef, ars_error *err);
int ars__clp_set_kinds(ars__clp *b, const unsigned char *kind, ars_error *err);
int ars__clp_solve_lp(ars__clp *b, const ars__solve_params *prm, ars__solve_info *info,
                      ars_error *err);
int ars__clp_solve_mip(ars__clp *b, const ars__solve_params *prm, ars__solve_info *info,
                       ars_error *err);
int ars__clp_primal(ars__clp *b, int mip, double *col, double *row_activity, ars_error *err);
int ars__clp_duals(ars__clp *b, double *row_dual, double *col_dual, ars_error *err);
int ars__clp_get_basis(ars__clp *b, unsigned char *row_stat, unsigned char *col_stat,
                       ars_error *err);
int ars__clp_set_basis(ars__clp *b, const unsigned char *row_stat, const unsigned char *col_stat,
                       ars_error *err);
int ars__clp_range_bounds(ars__clp *b, int n, const int *var, double *lo, double *hi,
                          ars_error *err);
int ars__clp_range_costs(ars__clp *b, int n, const int *col, double *lo, double *hi,
                         ars_error *err);
int ars__clp_provoke_fault(ars__clp *b, ars_error *err);
#endif

#endif /* ARS_LP_BACKEND_IMPL_H */
