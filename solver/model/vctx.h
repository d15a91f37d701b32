/* vctx.h - the validation context shared by the files of the validator:
 * report.c (the JSON pointer being built, diagnostics), locate.c (line and
 * column of the nodes reported), walk.c (reading fields by the schema),
 * rules.c (rules across fields), validate.c (the order of the sections) and
 * warn.c (warnings on a resolved model). */
#ifndef ARS_MODEL_VCTX_H
#define ARS_MODEL_VCTX_H

#include "model/loader.h"
#include "model/schema.h"
#include "util/util.h"

#include <stdarg.h>

/* After this many errors the loader stops adding more (one last item says
 * so): a generated file with a systematic mistake would otherwise produce
 * millions of lines. */
#define ARS__MAX_ERRORS 1000

typedef struct ars__pending {
    const cJSON *node;
    size_t item; /* index in diag->items */
    int at_key;  /* locate the member's key rather than its value */
    size_t seq;  /* pre-order number of node in the document */
} ars__pending;

/* An id section: its array, the id of each entry (borrowed from the
 * document, NULL when missing or invalid) and an id -> index map. */
typedef struct ars__section {
    const char *name; /* "products", ... */
    const char *what; /* "product", ... for messages */
    const cJSON *arr; /* NULL when absent */
    int n;
    const char **ids;
    ars__idmap map;
} ars__section;

typedef struct ars__vctx {
    ars_diag *diag;
    ars_limits lim;
    const char *text;
    size_t len;
    int oom;
    int limit_hit;
    size_t nerrors_added;
    int capped;
    ars__buf path;
    ars__pending *pend;
    size_t npend, cappend;
    struct ars_model *m;
    int T; /* number of periods, -1 while unknown (broken `periods`) */
    ars__idmap periods;
    ars__idmap countries;
    size_t countries_cap;
    /* Indexed by ars__sec; sec[ARS__SEC_PAYEES].map maps a payee id to its
     * payee number. */
    ars__section sec[ARS__SEC_PAYEES + 1];
} ars__vctx;

/* ------------------------------------------------- report.c: pointers */

/* Pointer building: push a segment (escaped per RFC 6901), then pop back
 * to the returned length. */
size_t ars__vpush(ars__vctx *c, const char *seg);
size_t ars__vpushi(ars__vctx *c, int idx);
void ars__vpop(ars__vctx *c, size_t mark);

/* Adds a diagnostic at the current pointer; node (may be NULL) is where it
 * is located in the text, at its key when at_key. */
void ars__vreport(ars__vctx *c, ars_severity sev, const cJSON *node, int at_key, const char *fmt,
                  ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#define ARS__ERR(c, node, ...) ars__vreport((c), ARS_SEV_ERROR, (node), 0, __VA_ARGS__)
#define ARS__ERRK(c, node, ...) ars__vreport((c), ARS_SEV_ERROR, (node), 1, __VA_ARGS__)
/* An error that also stops validation early (a size limit). */
#define ARS__LIMIT(c, node, ...)                                                                   \
    do {                                                                                           \
        (c)->limit_hit = 1;                                                                        \
        ars__vreport((c), ARS_SEV_ERROR, (node), 0, __VA_ARGS__);                                  \
    } while (0)

/* "the string \"x\"", "the number 2.9", "an array", ... for messages. */
const char *ars__describe(const cJSON *v, char *buf, size_t len);
#define ARS__DESC(v) ars__describe((v), dbuf, sizeof dbuf)

/* "a number >= 0", "a fraction between 0 and 1", ... */
const char *ars__domain_expect(ars__domain d);
/* `"a", "b", "c"` for an enum's words. */
void ars__words_list(const char *const *words, char *out, size_t len);

/* Duplicate keys anywhere under v (cJSON keeps both, lookups see one). */
void ars__check_dups(ars__vctx *c, const cJSON *v);

/* ---------------------------------------- locate.c: line and column */

/* Attaches line:column to every diagnostic reported with a node. */
void ars__locate_pending(ars__vctx *c);

/* ------------------------------------------ values.c: basic helpers */

const cJSON *ars__member(const cJSON *obj, const char *name);
/* 1 when s is an id: 1 to 64 characters from A-Z a-z 0-9 _ - */
int ars__valid_id(const char *s);
#define ARS__ID_EXPECT "an id (1 to 64 characters from A-Z a-z 0-9 _ -)"
char *ars__vdup(ars__vctx *c, const char *s);
void *ars__valloc(ars__vctx *c, int count, size_t size);

/* ------------------------------------------ walk.c: fields by schema */

/* Reports every member of obj that t does not list (names starting with
 * '_' are free). */
void ars__check_fields(ars__vctx *c, const cJSON *obj, const ars__table *t);
/* Reads every field of t from obj into base (the struct of t); items and
 * index locate base among its siblings for rules. */
void ars__walk_fields(ars__vctx *c, const ars__table *t, void *base, const cJSON *obj,
                      const char *id, const void *items, int index);
/* Reads one field of obj into base. */
void ars__walk_field(ars__vctx *c, const ars__field *f, void *base, const cJSON *obj,
                     const char *id, const void *items, int index);
/* The entries of a root section (an id section when sec != NONE) into the
 * model: allocates the array and reads every object entry. */
void ars__walk_section(ars__vctx *c, const ars__field *f, ars__sec sec);

/* ------------------------------------------- values.c: typed readers */

/* At the current pointer, reporting what is wrong. */
int ars__num_value(ars__vctx *c, const cJSON *v, ars__domain d, double *out);
const char *ars__id_value(ars__vctx *c, const cJSON *v);
int ars__ref_value(ars__vctx *c, const cJSON *v, const ars__section *sec);
/* The item of sec named s (the string of node v, or its key when at_key). */
int ars__resolve_ref(ars__vctx *c, const cJSON *v, const char *s, const ars__section *sec,
                     int at_key);
int ars__period_value(ars__vctx *c, const cJSON *v);
int ars__country_value(ars__vctx *c, const cJSON *v);
int ars__intern_country(ars__vctx *c, const char *id, int declared, int bloc);
int ars__enum_value(ars__vctx *c, const cJSON *v, const char *const *words);
const cJSON *ars__get_array(ars__vctx *c, const cJSON *obj, const char *name, int required,
                            const char *what);
const cJSON *ars__get_object(ars__vctx *c, const cJSON *obj, const char *name, int required,
                             const char *what);
int ars__get_int(ars__vctx *c, const cJSON *obj, const char *name, int lo, int hi, int required,
                 int def, int *out);
const char *ars__get_str(ars__vctx *c, const cJSON *obj, const char *name, int required);

/* Warnings on a model that validated without errors (warn.c). */
void ars__model_warnings(ars__vctx *c);

#endif
