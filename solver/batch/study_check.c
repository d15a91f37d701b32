/* study_check.c - ars_study_parse: the study's syntax (study.c), then its
 * paths compiled and tried on the model, so that a study that cannot run
 * fails before any point is solved (and the server can answer 400). */
#include "batch/batch.h"
#include "model/model.h"
#include "model/path.h"

#include <math.h>
#include <string.h>

static void cleanup(ars_study *s)
{
    size_t j;
    for (j = 0; j < s->nparams; j++) {
        ars__path_free(s->params[j].compiled);
        s->params[j].compiled = NULL;
    }
    ars_model_free(s->patched);
    s->patched = NULL;
}

/* The first error of a diagnostic list, as one line. */
static void first_diag(const ars_diag *d, char *out, size_t n)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == ARS_SEV_ERROR) {
            snprintf(out, n, "%s: %s", d->items[i].pointer, d->items[i].message);
            return;
        }
    snprintf(out, n, "the changed model is not valid");
}

int ars_study_parse(const cJSON *spec, const ars_model *base, ars_study **out, ars_error *err)
{
    ars_study *s = NULL;
    ars_diag diag;
    cJSON *doc = NULL;
    size_t j;
    int rc;
    *out = NULL;
    if (!base)
        return ars_error_set(err, ARS_EUSAGE, "", "a study needs a model");
    if ((rc = ars__study_parse_spec(spec, base, &s, err)) != ARS_OK)
        return rc;
    s->cleanup = cleanup;
    ars_diag_init(&diag);
    if (s->nsets) {
        rc = ars_model_apply(base, (const char *const *)s->sets, s->nsets, &s->patched, &diag, err);
        if (rc == ARS_EINVALID) {
            char msg[600];
            first_diag(&diag, msg, sizeof msg);
            rc = ars_error_set(err, ARS_ESTUDY, "/set",
                               "the study's base changes make an invalid model: %s", msg);
        } else if (rc != ARS_OK && err) {
            char f[256];
            snprintf(f, sizeof f, "%s", err->field);
            snprintf(err->field, sizeof err->field, "/set (%.200s)", f);
        }
        ars_diag_free(&diag);
        if (rc != ARS_OK)
            goto fail;
    }
    /* Compile every path, and apply each once (first grid value; factor 1;
     * the Monte Carlo centre) so that a path that matches nothing, or a
     * string field given numbers, is reported now with its parameter. */
    doc = cJSON_Duplicate(ars__study_model(s)->doc, 1);
    if (!doc) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
        goto fail;
    }
    for (j = 0; j < s->nparams; j++) {
        ars__study_param *p = &s->params[j];
        char ptr[64];
        ars_error e2;
        ars_error_clear(&e2);
        snprintf(ptr, sizeof ptr, "/parameters/%zu", j);
        rc = ars__path_compile(p->path, &p->compiled, &e2);
        if (rc == ARS_OK) {
            int numeric = ars__path_is_numeric(p->compiled);
            int needs_number = p->scale || s->type != ARS_STUDY_GRID;
            if (numeric && s->type == ARS_STUDY_GRID && !p->numeric) {
                size_t k;
                for (k = 0; k < p->nvalues && !isnan(p->num[k]); k++)
                    ;
                rc = ars_error_set(err, ARS_ESTUDY, ptr, "%s takes numbers, found \"%s\"", p->path,
                                   p->values[k < p->nvalues ? k : 0]);
                goto fail;
            }
            if (needs_number && !numeric) {
                rc = ars_error_set(err, ARS_ESTUDY, ptr,
                                   "%s names a value that is not a number, so it cannot be %s",
                                   p->path, p->scale ? "scaled" : "given numbers");
                goto fail;
            }
            if (p->scale)
                rc = ars__path_apply_number(p->compiled, doc, ARS__OP_MUL, 1.0, &e2);
            else if (s->type == ARS_STUDY_GRID)
                rc = numeric
                         ? ars__path_apply_number(p->compiled, doc, ARS__OP_SET, p->num[0], &e2)
                         : ars__path_apply_text(p->compiled, doc, ARS__OP_SET, p->values[0], &e2);
            else
                rc = ars__path_apply_number(p->compiled, doc, ARS__OP_MUL, 1.0, &e2);
        }
        if (rc != ARS_OK) {
            rc = ars_error_set(err, rc == ARS_ENOMEM ? ARS_ENOMEM : ARS_EPATH, ptr, "%s",
                               e2.message);
            goto fail;
        }
    }
    cJSON_Delete(doc);
    *out = s;
    return ARS_OK;
fail:
    cJSON_Delete(doc);
    ars_study_free(s);
    return rc;
}
