/* explain.h - shadow prices and bottlenecks of a solved result, named in
 * domain terms (docs/result-json.md, "Explanations"). Computed on demand from the duals
 * and reduced costs kept in struct ars_result, so a result without
 * `explain` pays nothing. */
#ifndef ARS_LP_EXPLAIN_H
#define ARS_LP_EXPLAIN_H

#include "lp/result.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* The solvers' dual feasibility tolerance (GLPK's tol_dj, CLP's dual
 * tolerance): a dual or reduced cost within it is 0 to them, and which
 * noise of that size a basis carries depends on the basis. Prices within
 * it are not prices. */
#define ARS__DUAL_TOL 1e-7

/* Adds "duals_from", "shadow_prices" and "bottlenecks" to root. Returns 0 on
 * success, -1 when out of memory (root keeps what was added). */
int ars__explain_json(const struct ars_result *r, cJSON *root);

/* A dual or range value as reported: simplex round-off removed (rounded to
 * 1e-9), and a JSON number, or null when infinite (an unlimited end). */
double ars__explain_tidy(double v);
cJSON *ars__explain_number(double v);

/* The unit requirement req is counted in, for people: "rounds of
 * shell_155" (the product it counts one for one, else its only product),
 * else "units of REQ"; *per is requirement units per that unit. */
void ars__explain_req_unit(const struct ars_model *m, int req, char *buf, size_t len, double *per);

/* Prints the top `top` bottlenecks, one line each, for the table summary. */
void ars__explain_print(const struct ars_result *r, FILE *fp, int top);

#endif /* ARS_LP_EXPLAIN_H */
