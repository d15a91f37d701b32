/* path.h - parameter paths (docs/model-format.md section 10): compile a path once,
 * apply it to model documents many times.
 *
 * A path such as `lines[country=UA].availability@2026Q1..` is compiled
 * against the model schema (section names, field names and field kinds are
 * fixed by the format), so syntax errors, unknown fields and @periods on a
 * non-series are found at compile time, without a document. Applying it to a
 * document resolves ids, filters and period labels and changes the values in
 * place. Used by ars_model_apply (whatif, solve --set), sweeps and the server.
 *
 * Errors come back through ars_error with code ARS_EPATH and field = the
 * path text; the message repeats the assignment and says what was expected.
 *
 * Semantics worth knowing (docs/parameter-paths.md has the full story):
 *   - A selector or id that matches nothing is an error, never a no-op.
 *   - An optional field that is absent has its default (availability 1,
 *     cost 0, ...) for `*=` and `+=`; `=` creates it. An absent field that has
 *     no default (a ramp, a corridor capacity: "no limit") is skipped when a
 *     `*` or a filter selected the item, and an error when ids did.
 *   - A series changed in only some periods becomes an array of T numbers.
 *   - On error the document may be partly changed: apply to a copy.
 */
#ifndef ARS_MODEL_PATH_H
#define ARS_MODEL_PATH_H

#include "arsenal.h"

#include <stddef.h>

typedef enum { ARS__OP_SET = 0, ARS__OP_MUL = 1, ARS__OP_ADD = 2 } ars__op;

/* What a compiled path names, from the schema. */
typedef enum {
    ARS__PK_NUMBER = 0, /* a plain number (rate, lead, objective.discount, bom entry) */
    ARS__PK_SERIES,     /* a number or an array of T numbers */
    ARS__PK_STRING,     /* free text (name, operator, regime) */
    ARS__PK_ENUM,       /* one of a fixed list (status, category, mode, bloc) */
    ARS__PK_BOOL,       /* carryover, relax */
    ARS__PK_REF,        /* an id of another item (country, license, origin) */
    ARS__PK_PERIOD,     /* a period label (start, effective, submitted) */
    ARS__PK_NULLSTRING, /* text or null (components.controlled) */
    ARS__PK_IDLIST      /* an array of ids (covers.lines, eligible.countries) */
} ars__path_kind;

typedef struct ars__path ars__path;

/* Compiles a path (no operation, no value). On success *out is owned by the
 * caller (free with ars__path_free). ARS_EPATH on a bad path, ARS_ENOMEM. */
int ars__path_compile(const char *text, ars__path **out, ars_error *err);
void ars__path_free(ars__path *p);
/* The text it was compiled from. */
const char *ars__path_text(const ars__path *p);
/* ars__path_kind of the value it names; numeric kinds are NUMBER and SERIES. */
int ars__path_value_kind(const ars__path *p);
int ars__path_is_numeric(const ars__path *p);
/* 1 when the path carries @periods. */
int ars__path_has_periods(const ars__path *p);

/* Applies `op value` to every value the path names in doc. Only numeric
 * paths take numbers. ARS_OK, ARS_EPATH (nothing matched, type mismatch,
 * period outside the horizon, result not finite) or ARS_ENOMEM. */
int ars__path_apply_number(const ars__path *p, cJSON *doc, ars__op op, double value,
                           ars_error *err);
/* As above with the value as text: a number, a JSON array of T numbers for a
 * whole series, a string, true/false, null, or a JSON array of ids, as the
 * field takes. */
int ars__path_apply_text(const ars__path *p, cJSON *doc, ars__op op, const char *value,
                         ars_error *err);

/* The numbers the path names in doc, in document order (a series gives the
 * values of its selected periods; absent fields with a default give the
 * default). *vals is allocated (ars__free), *n its length. Numeric paths
 * only; the same matching errors as applying. */
int ars__path_get_numbers(const ars__path *p, const cJSON *doc, double **vals, size_t *n,
                          ars_error *err);

/* One parsed assignment `PATH=VALUE`, `PATH*=FACTOR` or `PATH+=DELTA`. */
typedef struct ars__set {
    ars__path *path;
    ars__op op;
    char *value;   /* the value text, trimmed */
    int is_number; /* 1 when the value is one number (then in `number`) */
    double number;
    char *text; /* the whole assignment as given, for messages */
} ars__set;

/* Parses and compiles an assignment and checks its value against the kind of
 * the field (a number for numeric fields, a listed word for enums, ...).
 * Fill-in style: on failure *out is left empty (safe to ars__set_clear). */
int ars__set_parse(const char *text, ars__set *out, ars_error *err);
void ars__set_clear(ars__set *s);
/* Applies a parsed assignment to doc. */
int ars__set_apply(const ars__set *s, cJSON *doc, ars_error *err);
/* Parses and applies assignments in order (the scenario rule). */
int ars__doc_apply_sets(cJSON *doc, const char *const *sets, size_t nsets, ars_error *err);

/* Like ars__set_apply, and also appends to `touched` (may be NULL) the RFC
 * 6901 pointer of every value changed, each followed by '\n', so that a
 * validation error of the patched model can be traced back to the assignment
 * that caused it. */
struct ars__buf;
int ars__set_apply_traced(const ars__set *s, cJSON *doc, struct ars__buf *touched, ars_error *err);

/* A model that is `base` with `op value` applied to what p names, sharing
 * all else with base (path_struct.c): 1 and *out when p names one number or
 * series of one item by id and the changed values pass the loader's checks
 * for them; 0 (nothing made) otherwise, and the caller applies the path to
 * a copy of the document and loads it. *out lives no longer than base and
 * is freed with ars__path_overlay_free, never ars_model_free. */
int ars__path_overlay(const ars__path *p, const ars_model *base, ars__op op, double value,
                      ars_model **out);
void ars__path_overlay_free(ars_model *m);

#endif /* ARS_MODEL_PATH_H */
