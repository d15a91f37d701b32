/* patch.c - see patch.h. */
#include "lp/patch.h"
#include "util/util.h"

int ars__patch_bounds(ars__backend *be, const ars__bounds_view *from, const ars__bounds_view *to,
                      int skip_row, int *changed, ars_error *err)
{
    int n = to->ncols > to->nrows ? to->ncols : to->nrows, i, k = 0, rc = ARS_OK;
    int *idx = ars__malloc(sizeof(int) * (size_t)(n > 0 ? n : 1));
    double *lb = ars__malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    double *ub = ars__malloc(sizeof(double) * (size_t)(n > 0 ? n : 1));
    if (!idx || !lb || !ub) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory changing bounds");
        goto out;
    }
    for (i = 0; i < to->ncols; i++)
        if (from->col_lb[i] != to->col_lb[i] || from->col_ub[i] != to->col_ub[i]) {
            idx[k] = i;
            lb[k] = to->col_lb[i];
            ub[k] = to->col_ub[i];
            k++;
        }
    if (changed)
        *changed += k;
    if (k && (rc = ars__backend_set_col_bounds(be, k, idx, lb, ub, err)) != ARS_OK)
        goto out;
    k = 0;
    for (i = 0; i < to->nrows; i++)
        if (i != skip_row &&
            (from->row_lb[i] != to->row_lb[i] || from->row_ub[i] != to->row_ub[i])) {
            idx[k] = i;
            lb[k] = to->row_lb[i];
            ub[k] = to->row_ub[i];
            k++;
        }
    if (changed)
        *changed += k;
    if (k)
        rc = ars__backend_set_row_bounds(be, k, idx, lb, ub, err);
out:
    ars__free(idx);
    ars__free(lb);
    ars__free(ub);
    return rc;
}
