/* licence_value.h - what each pending or denied licence is worth, by warm
 * re-solves of the loaded program; asked for with
 * ars_solve_opts.licence_value. */
#ifndef ARS_LP_LICENCE_VALUE_H
#define ARS_LP_LICENCE_VALUE_H

#include "lp/result.h"
#include "lp/solve.h"

#include <cjson/cJSON.h>
#include <stdio.h>

/* Fills r->licence_values: for every licence that is not granted, the plan
 * re-solved with it approved by data at the start of the horizon and one
 * period before its planned approval. s must hold the program r was solved
 * with and the plan's stage-0 basis (right after ars__solver_run); s is left
 * as it was (bounds and basis). Re-solves use o's time limit and cancel
 * flag; a case whose re-solve fails carries that status. Returns ARS_OK,
 * ARS_ECANCELLED, ARS_ENOMEM, or a backend error (the backend may then be
 * dead). */
int ars__licence_values(ars__solver *s, struct ars_result *r, const ars_solve_opts *o,
                        ars_error *err);

/* Adds "licence_value" to root when r has licence values. 0, or -1 when out
 * of memory. */
int ars__licence_value_json(const struct ars_result *r, cJSON *root);

/* The table section: one line per case. */
void ars__licence_value_print(const struct ars_result *r, FILE *fp);

#endif /* ARS_LP_LICENCE_VALUE_H */
