/* ranging.h - over what amounts a shadow price holds, and over what costs
 * the plan stays optimal.
 *
 * Computed with GLPK's sensitivity analysis (backend.h range_*) right after
 * each stage's duals are read, while that stage's optimal basis is still
 * loaded, and only when the result is explained. The intervals are of the
 * program's right-hand sides, bounds and objective coefficients; explain.c
 * and the functions below turn them into the model's parameters
 * (`lines.ID.capacity@P`, `suppliers.ID.cost@P`, ...).
 *
 * Each interval is that of one number with every other held: the basis,
 * hence the price or the plan's optimality, is guaranteed over it and may
 * or may not change beyond. Where a model parameter sets more than one
 * coefficient (a line's cost is also what a fund pays for it), the others
 * are held at their current values. */
#ifndef ARS_LP_RANGING_H
#define ARS_LP_RANGING_H

#include "lp/backend.h"
#include "lp/result.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* Fills r->bound_lo[stage] / bound_hi[stage] for the rows and columns of
 * the resource families explain.c prices whose stage dual is non-zero, and,
 * when cost_stage is set, r->cost_lo / cost_hi for the cost-bearing
 * decisions (output, expansion, purchases, drawdowns). be must hold the
 * stage's optimal basis. On failure nothing of this stage is kept. */
int ars__ranging_stage(ars__backend *be, struct ars_result *r, int stage, int cost_stage,
                       ars_error *err);

/* Adds "cost_ranges" to root (when computed). 0, or -1 out of memory. */
int ars__cost_ranges_json(const struct ars_result *r, cJSON *root);

/* The `top` unused decisions closest to entering the plan, for the table:
 * how much cheaper each would have to be. */
void ars__cost_ranges_print(const struct ars_result *r, FILE *fp, int top);

#endif /* ARS_LP_RANGING_H */
