/* magnitude.h - the numbers a double-precision simplex can honour.
 *
 * GLPK works in doubles with relative tolerances of about 1e-7 (primal and
 * dual feasibility) and scales rows and columns by powers of two derived
 * from the matrix. A coefficient, bound or right-hand side far from 1
 * defeats both: a subnormal (1e-320) gives a scale factor of infinity
 * (GLPK stops with "invalid scale factor"), a 1e15 demand leaves residuals
 * of 1e8 that the tolerance accepts, a 1e12 BOM against a 2e-12 supplier
 * lets a plan use ten times the component that exists. The loader refuses
 * such values (docs/model-validation.md, "Magnitudes"). */
#ifndef ARS_MODEL_MAGNITUDE_H
#define ARS_MODEL_MAGNITUDE_H

#include "model/schema.h"
#include "model/vctx.h"

/* Above this ratio between the largest and the smallest matrix coefficient
 * the model is legal but warned about: GLPK's relative tolerances cannot
 * hold both ends at once. */
#define ARS_COEFFICIENT_RANGE_WARN 1e9

/* Walks c->m->doc (whatever else is wrong with it) and reports, at each
 * offending number's pointer, every non-zero value outside
 * [ARS_MAGNITUDE_MIN, ARS_MAGNITUDE_MAX] (schema.h) in a field of the
 * schema with a coefficient class; then, when the load has no error at all,
 * a warning if the coefficient range exceeds ARS_COEFFICIENT_RANGE_WARN.
 * Values that validate.c already refuses (negative where a number must be
 * >= 0, over 1e15, not a number) are left to it. */
void ars__check_magnitudes(ars__vctx *c);

#endif
