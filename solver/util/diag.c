/* diag.c - lists of model errors and warnings, printed or as JSON. */
#include "arsenal.h"
#include "util/util.h"

#include <stdarg.h>
#include <string.h>

void ars_diag_init(ars_diag *d)
{
    memset(d, 0, sizeof *d);
}

void ars_diag_free(ars_diag *d)
{
    size_t i;
    if (!d)
        return;
    for (i = 0; i < d->count; i++) {
        ars__free(d->items[i].pointer);
        ars__free(d->items[i].message);
    }
    ars__free(d->items);
    memset(d, 0, sizeof *d);
}

int ars_diag_add(ars_diag *d, ars_severity sev, const char *pointer, int line, int col,
                 const char *fmt, ...)
{
    ars__buf msg;
    va_list ap;
    ars_diag_item *it;
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        ars_diag_item *p = ars__realloc(d->items, ncap * sizeof *p);
        if (!p)
            return ARS_ENOMEM;
        d->items = p;
        d->cap = ncap;
    }
    ars__buf_init(&msg, 0);
    va_start(ap, fmt);
    ars__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (msg.failed) {
        ars__buf_free(&msg);
        return ARS_ENOMEM;
    }
    it = &d->items[d->count];
    it->pointer = ars__strdup(pointer ? pointer : "");
    it->message = ars__buf_take(&msg);
    if (!it->pointer || !it->message) {
        ars__free(it->pointer);
        ars__free(it->message);
        return ARS_ENOMEM;
    }
    it->severity = sev;
    it->line = line;
    it->col = col;
    d->count++;
    if (sev == ARS_SEV_ERROR)
        d->nerrors++;
    else
        d->nwarnings++;
    return ARS_OK;
}

static void print_sev(const ars_diag *d, ars_severity sev, const char *filename, FILE *fp)
{
    size_t i;
    const char *word = sev == ARS_SEV_ERROR ? "error" : "warning";
    for (i = 0; i < d->count; i++) {
        const ars_diag_item *it = &d->items[i];
        if (it->severity != sev)
            continue;
        if (it->line > 0)
            fprintf(fp, "%s:%d:%d: %s: %s: %s\n", filename, it->line, it->col, word,
                    it->pointer[0] ? it->pointer : "/", it->message);
        else
            fprintf(fp, "%s: %s: %s: %s\n", filename, word, it->pointer[0] ? it->pointer : "/",
                    it->message);
    }
}

void ars_diag_print(const ars_diag *d, const char *filename, FILE *fp)
{
    if (!filename)
        filename = "model";
    print_sev(d, ARS_SEV_ERROR, filename, fp);
    print_sev(d, ARS_SEV_WARNING, filename, fp);
}

cJSON *ars_diag_to_json(const ars_diag *d)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *errs = cJSON_AddArrayToObject(root, "errors");
    cJSON *warns = cJSON_AddArrayToObject(root, "warnings");
    size_t i;
    if (!root || !errs || !warns) {
        cJSON_Delete(root);
        return NULL;
    }
    for (i = 0; i < d->count; i++) {
        const ars_diag_item *it = &d->items[i];
        cJSON *o = cJSON_CreateObject();
        if (!o) {
            cJSON_Delete(root);
            return NULL;
        }
        cJSON_AddItemToArray(it->severity == ARS_SEV_ERROR ? errs : warns, o);
        if (!cJSON_AddStringToObject(o, "pointer", it->pointer) ||
            !cJSON_AddStringToObject(o, "message", it->message)) {
            cJSON_Delete(root);
            return NULL;
        }
        if (it->line > 0) {
            cJSON_AddNumberToObject(o, "line", it->line);
            cJSON_AddNumberToObject(o, "col", it->col);
        }
    }
    return root;
}
