/* rules.h - the rules of the model format that span fields, items or
 * sections, which the schema's one-field-at-a-time walk cannot express
 * (rules.c). Field rules are named in the schema rows they follow; the
 * model rules run once the sections are read. */
#ifndef ARS_MODEL_RULES_H
#define ARS_MODEL_RULES_H

#include "model/schema.h"

struct ars__vctx;

/* Field rules (an ars__rule_fn each). */
void ars__rule_product_once_per_line(struct ars__vctx *c, const ars__rule_arg *a);
void ars__rule_one_corridor_per_country(struct ars__vctx *c, const ars__rule_arg *a);
void ars__rule_one_workforce_per_country(struct ars__vctx *c, const ars__rule_arg *a);
void ars__rule_licence_covers_something(struct ars__vctx *c, const ars__rule_arg *a);

/* Ids of the sections: unique within a section, and for payees (lines,
 * suppliers, drawdowns, corridors) unique across the four. */
void ars__rule_section_ids(struct ars__vctx *c, ars__sec s, int payee_base);

/* Periods: labels, unique, in time order when their shape says so. */
void ars__rule_periods(struct ars__vctx *c, const void *root);

/* A program too large for the limits, estimated from counts before any
 * series is expanded. */
void ars__rule_estimate(struct ars__vctx *c, const void *root);

/* Every payee's country is declared when a fund is eligible by bloc. */
void ars__rule_blocs(struct ars__vctx *c);

/* A fund's `eligible.countries` names countries the model knows: the first
 * `known` of the model's countries were named before the funds were read. */
void ars__rule_fund_countries(struct ars__vctx *c, int known);

#endif
