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
 * its relative form divides by the constraint's own scale: the larger of
 * its right-hand side and the sum of |coefficient x value| of its terms,
 * at least the floor below (1e-6 for a plan of small values). A constraint whose terms are all tiny
 * is judged on them, not on an absolute unit: a plan that uses 2e-11 of a component of which 2e-12
 * exist fails (a relative residual of 1.8e-5), whereas dividing by max(1, ...) called it 1.8e-11
 * and passed it. Bounds on one column (>= 0, 0 before `start`) and the objective (S and C) are
 * judged in absolute units (scale at least 1). The plan is verified when
 * every relative residual and objective difference is within
 * ARS_VERIFY_TOLERANCE and every integrality gap within
 * ARS_VERIFY_INT_TOLERANCE. */
#ifndef ARS_LP_VERIFY_H
#define ARS_LP_VERIFY_H

#include "lp/result.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* GLPK's primal feasibility tolerance is 1e-7 on the scaled problem; 1e-6
 * relative leaves room for the scaling without hiding a real violation (a
 * wrong coefficient or a corrupted value is off by far more). */
#define ARS_VERIFY_TOLERANCE 1e-6

/* The least scale a constraint is judged on: ARS_VERIFY_PLAN_NOISE times
 * the plan's largest value, at least ARS_VERIFY_FLOOR and at most 1.
 * GLPK's round-off grows with the largest value it computes (a stock row
 * whose terms were all near 0 was off by 2.6e-12 in a generated model
 * whose payments reach 1e9), so a residual under 1e-15 of the plan's
 * largest value (a few units of double rounding) never counts. In a plan
 * whose values are all small, the floor of 1e-6 lets round-off of up to
 * 1e-12 pass while a violation of a thousandth of the smallest value a
 * model may hold (1e-9, magnitude.h) still counts. */
#define ARS_VERIFY_FLOOR 1e-6
#define ARS_VERIFY_PLAN_NOISE 1e-9

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
