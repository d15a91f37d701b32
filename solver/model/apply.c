/* apply.c - ars_model_apply and ars_model_apply_scenario: a changed copy of a
 * model, validated again by the loader. Kept apart from path.c so the path
 * language links (and is tested) without the loader. */
#include "arsenal.h"
#include "model/model.h"
#include "model/path.h"
#include "util/util.h"

#include <stdio.h>
#include <string.h>

/* 1 when pointer `inner` is `outer` or lies below it. */
static int ptr_within(const char *inner, const char *outer, size_t nouter)
{
    return strncmp(inner, outer, nouter) == 0 && (inner[nouter] == '\0' || inner[nouter] == '/');
}

/* Which assignment made the model invalid: the last one that changed the
 * value a diagnostic points at (or below it, or the object that holds it). */
static long blame(const ars__buf *touched, size_t nsets, const char *ptr)
{
    size_t i;
    int pass;
    for (pass = 0; pass < 2; pass++) {
        for (i = nsets; i-- > 0;) {
            const char *s = touched[i].data;
            while (s && *s) {
                const char *nl = strchr(s, '\n');
                size_t n = nl ? (size_t)(nl - s) : strlen(s);
                if (pass == 0 ? ptr_within(ptr, s, n)
                              : (n > strlen(ptr) && ptr_within(s, ptr, strlen(ptr))))
                    return (long)i;
                s = nl ? nl + 1 : s + n;
            }
        }
    }
    return -1;
}

int ars_model_apply(const ars_model *base, const char *const *sets, size_t nsets, ars_model **out,
                    ars_diag *diag, ars_error *err)
{
    ars__set *parsed = NULL;
    ars__buf *touched = NULL;
    cJSON *doc = NULL;
    size_t i, nparsed = 0;
    int rc = ARS_OK;
    if (out)
        *out = NULL;
    if (!base || !out || !diag || (nsets && !sets))
        return ars_error_set(err, ARS_EUSAGE, "",
                             "ars_model_apply: base, out and diag are "
                             "required, and sets when nsets > 0");
    if (nsets) {
        parsed = ars__calloc(nsets, sizeof *parsed);
        touched = ars__calloc(nsets, sizeof *touched);
        if (!parsed || !touched) {
            rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
            goto done;
        }
    }
    /* Parse every assignment before copying anything: a typo in the last
     * one fails as fast as one in the first. */
    for (i = 0; i < nsets; i++) {
        ars__buf_init(&touched[i], 0);
        rc = ars__set_parse(sets[i], &parsed[i], err);
        if (rc)
            goto done;
        nparsed++;
    }
    doc = cJSON_Duplicate(base->doc, 1);
    if (!doc) {
        rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory copying the model");
        goto done;
    }
    for (i = 0; i < nsets; i++) {
        rc = ars__set_apply_traced(&parsed[i], doc, &touched[i], err);
        if (rc == ARS_ENOMEM)
            ars_error_set(err, ARS_ENOMEM, parsed[i].text, "out of memory");
        if (rc)
            goto done;
    }
    rc = ars__model_load_doc(doc, NULL, 0, NULL, out, diag);
    doc = NULL; /* the loader owns it now */
    if (rc == ARS_EINVALID) {
        const ars_diag_item *bad = NULL;
        long who;
        for (i = 0; i < diag->count && !bad; i++)
            if (diag->items[i].severity == ARS_SEV_ERROR)
                bad = &diag->items[i];
        who = bad ? blame(touched, nsets, bad->pointer) : -1;
        if (who >= 0)
            ars_error_set(err, ARS_EINVALID, ars__path_text(parsed[who].path),
                          "%s makes the model invalid: %s: %s", parsed[who].text, bad->pointer,
                          bad->message);
        else
            ars_error_set(err, ARS_EINVALID, "", "the changed model is invalid%s%s%s%s",
                          bad ? ": " : "", bad ? bad->pointer : "", bad ? ": " : "",
                          bad ? bad->message : "");
    } else if (rc) {
        ars_error_set(err, rc, "", "the changed model cannot be loaded: %s", ars_strerror(rc));
    }
done:
    cJSON_Delete(doc);
    for (i = 0; i < nparsed; i++)
        ars__set_clear(&parsed[i]);
    if (touched)
        for (i = 0; i < nsets; i++)
            ars__buf_free(&touched[i]);
    ars__free(parsed);
    ars__free(touched);
    return rc;
}

int ars_model_apply_scenario(const ars_model *base, const char *name, ars_model **out,
                             ars_diag *diag, ars_error *err)
{
    size_t i;
    int rc;
    if (out)
        *out = NULL;
    if (!base || !name)
        return ars_error_set(err, ARS_EUSAGE, "",
                             "ars_model_apply_scenario: base and name are "
                             "required");
    for (i = 0; i < base->nscenarios; i++)
        if (strcmp(base->scenarios[i].name, name) == 0)
            break;
    if (i == base->nscenarios) {
        ars__buf names;
        size_t k;
        ars__buf_init(&names, 512);
        for (k = 0; k < base->nscenarios; k++)
            ars__buf_printf(&names, "%s%s", k ? ", " : "", base->scenarios[k].name);
        rc = ars_error_set(err, ARS_ENOTFOUND, name, "no scenario '%s' in the model; it has %s",
                           name, base->nscenarios ? (names.data ? names.data : "") : "none");
        ars__buf_free(&names);
        return rc;
    }
    rc = ars_model_apply(base, (const char *const *)base->scenarios[i].set, base->scenarios[i].nset,
                         out, diag, err);
    if (rc && err) {
        /* Prefix the scenario's name; the message may lose its tail. */
        char msg[sizeof err->message + 80];
        size_t n;
        snprintf(msg, sizeof msg, "scenario '%.60s': %s", name, err->message);
        n = strlen(msg);
        if (n >= sizeof err->message)
            n = sizeof err->message - 1;
        memcpy(err->message, msg, n);
        err->message[n] = '\0';
    }
    return rc;
}
