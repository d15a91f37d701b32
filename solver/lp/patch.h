/* patch.h - changing a loaded program's bounds to another set of bounds,
 * only where they differ: how a session loads a variant of the same shape
 * and how licence values load each case (patch.c). */
#ifndef ARS_LP_PATCH_H
#define ARS_LP_PATCH_H

#include "lp/backend.h"

/* The bounds of a program, or of a variant of it (same rows and columns). */
typedef struct ars__bounds_view {
    int ncols, nrows;
    const double *col_lb, *col_ub, *row_lb, *row_ub;
} ars__bounds_view;

/* Sets in the backend every column and row bound that differs between from
 * and to to its `to` value, except row skip_row (-1: none). *changed (may be
 * NULL) is increased by their number. ARS_OK, ARS_ENOMEM or the backend's
 * error. */
int ars__patch_bounds(ars__backend *be, const ars__bounds_view *from, const ars__bounds_view *to,
                      int skip_row, int *changed, ars_error *err);

#endif
