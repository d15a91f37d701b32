/* verify.h - checks a plan against the model it claims to satisfy, so that
 * a wrong answer from the solver or from the formulation cannot pass as a
 * plan.
 *
 * Every constraint family of model-format.md section 8 is recomputed from
 * the loaded model (model.h) and the plan's column values, and so are S and
 * C of section 9. Nothing is taken from GLPK's row activities, from the
 * program's matrix, row bounds or objective vectors, or from the approval
 * table formulate.c derives: the verifier reads only the column layout
 * (lp.h accessors) and the payee groups, whose eligibility it re-derives
 * from the funds' rules. A bug in the formulation, in the backend, or a
 * solution corrupted on the way then shows as a residual.
 *
 * A residual is by how much a constraint is violated (0 when it holds);
 * its relative form divides by max(1, the largest magnitude in it: the
 * right-hand side or the sum of |terms|). The plan is verified when every
 * relative residual and objective difference is within ARS_VERIFY_TOLERANCE
 * and every integrality gap within ARS_VERIFY_INT_TOLERANCE. */
#ifndef ARS_LP_VERIFY_H
#define ARS_LP_VERIFY_H

#include "lp/result.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* GLPK's primal feasibility tolerance is 1e-7 on the scaled problem; 1e-6
 * relative leaves room for the scaling without hiding a real violation (a
 * wrong coefficient or a corrupted value is off by far more). */
#define ARS_VERIFY_TOLERANCE 1e-6

/* Integrality gaps (review starts, expansion steps) are judged against
 * GLPK's own integrality tolerance (tol_int), which accepts them. */
#define ARS_VERIFY_INT_TOLERANCE 1e-5

/* Recomputes r's plan and fills r->verification. Does nothing when r has no
 * plan. ARS_OK, or ARS_ENOMEM (r->verification left not done). */
int ars__verify(struct ars_result *r);

/* Name of a residual's constraint, as in docs/result-json.md:
 * `capacity[rhm_ua,2025Q3]`, `fund[usai,2026Q1]`, `nonnegative[x[...]]`. */
const char *ars__residual_name(const struct ars_result *r, const ars__residual *res, char *buf,
                               size_t len);

/* Adds "verified" and the "verification" object to root (when verification
 * ran). 0, or -1 when out of memory. */
int ars__verify_json(const struct ars_result *r, cJSON *root);

/* One line for the table summary, and a warning line when not verified. */
void ars__verify_print(const struct ars_result *r, FILE *fp);

#endif /* ARS_LP_VERIFY_H */
