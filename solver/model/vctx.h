/* vctx.h - the validation context shared by validate.c (sections and
 * resolution) and warn.c (warnings on a resolved model): the JSON pointer
 * being built, the diagnostics, and nodes awaiting a line:column. */
#ifndef ARS_MODEL_VCTX_H
#define ARS_MODEL_VCTX_H

#include "model/loader.h"
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
    ars__section products, components, lines, suppliers, drawdowns, corridors, licences, funds,
        requirements;
    ars__idmap payees; /* payee id -> payee number */
} ars__vctx;

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

/* Warnings on a model that validated without errors (warn.c). */
void ars__model_warnings(ars__vctx *c);

#endif
