/* metric.c - a metric is a path into the result JSON (docs/result-json.md):
 * `objective.shortfall`, `funds.usai.spend`, `lines.rhm.output@2026Q1..`.
 *
 * Segments go into objects by key and into arrays of objects by the item's
 * id (its "id" member, else the first of a few naming members, so that
 * `requirements.fires` finds {"requirement": "fires"} too), or by position
 * when the segment is a number and no item has it as id. The end must be a
 * number, or a series (an array of numbers, one per period, or an object
 * keyed by period label), which is summed over the periods an optional
 * `@from..to` selects, as in parameter paths. */
#include "batch/batch.h"
#include "model/model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const id_keys[] = {"id",      "requirement", "product", "line", "fund",
                                      "licence", "license",     "payee",   "name", NULL};

static const cJSON *find_item(const cJSON *arr, const char *seg)
{
    const cJSON *it;
    size_t k;
    char *end;
    unsigned long idx;
    for (k = 0; id_keys[k]; k++) {
        cJSON_ArrayForEach(it, arr)
        {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, id_keys[k]);
            if (cJSON_IsString(id) && strcmp(id->valuestring, seg) == 0)
                return it;
        }
    }
    errno = 0;
    idx = strtoul(seg, &end, 10);
    if (seg[0] && !*end && errno == 0 && idx < (unsigned long)cJSON_GetArraySize(arr))
        return cJSON_GetArrayItem(arr, (int)idx);
    return NULL;
}

/* Periods lo..hi (inclusive indices) from "@A", "@A..", "@..B", "@A..B". */
static int period_range(const ars_model *m, const char *sel, int *lo, int *hi, char *msg,
                        size_t msglen)
{
    const char *dots = strstr(sel, "..");
    char a[80], b[80];
    *lo = 0;
    *hi = m ? m->T - 1 : -1;
    if (!m) {
        snprintf(msg, msglen, "@%s needs the model's periods", sel);
        return -1;
    }
    if (!dots) {
        *lo = *hi = ars__period_index(m, sel);
        if (*lo < 0) {
            snprintf(msg, msglen, "no period \"%s\" in the model", sel);
            return -1;
        }
        return 0;
    }
    snprintf(a, sizeof a, "%.*s", (int)(dots - sel), sel);
    snprintf(b, sizeof b, "%s", dots + 2);
    if (a[0] && (*lo = ars__period_index(m, a)) < 0) {
        snprintf(msg, msglen, "no period \"%s\" in the model", a);
        return -1;
    }
    if (b[0] && (*hi = ars__period_index(m, b)) < 0) {
        snprintf(msg, msglen, "no period \"%s\" in the model", b);
        return -1;
    }
    if (*lo > *hi) {
        snprintf(msg, msglen, "period range \"%s\" runs backwards", sel);
        return -1;
    }
    return 0;
}

int ars__metric_eval(const cJSON *result, const char *path, const ars_model *m, double *v,
                     char *msg, size_t msglen)
{
    char buf[512], *seg, *save = NULL, *at;
    const cJSON *node = result;
    int lo = 0, hi = -1, ranged = 0, t;
    double sum = 0;
    if (strlen(path) >= sizeof buf) {
        snprintf(msg, msglen, "metric path too long");
        return -1;
    }
    memcpy(buf, path, strlen(path) + 1);
    at = strchr(buf, '@');
    if (at) {
        *at = '\0';
        if (period_range(m, at + 1, &lo, &hi, msg, msglen) != 0)
            return -1;
        ranged = 1;
    }
    for (seg = strtok_r(buf, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
        const cJSON *next = NULL;
        if (cJSON_IsObject(node))
            next = cJSON_GetObjectItemCaseSensitive(node, seg);
        else if (cJSON_IsArray(node))
            next = find_item(node, seg);
        if (!next) {
            snprintf(msg, msglen, "no \"%s\" in the result at this point of the path%s", seg,
                     cJSON_IsArray(node) ? " (no item has that id)" : "");
            return -1;
        }
        node = next;
    }
    if (cJSON_IsNumber(node)) {
        if (ranged) {
            snprintf(msg, msglen, "@periods given but the value is a single number");
            return -1;
        }
        *v = node->valuedouble;
        return 0;
    }
    if (cJSON_IsArray(node)) {
        int n = cJSON_GetArraySize(node);
        if (m && n != m->T) {
            snprintf(msg, msglen, "the value is an array of %d, not a series of %d periods", n,
                     m->T);
            return -1;
        }
        if (!ranged)
            hi = n - 1;
        for (t = lo; t <= hi; t++) {
            const cJSON *x = cJSON_GetArrayItem(node, t);
            if (!cJSON_IsNumber(x)) {
                snprintf(msg, msglen, "the series holds something other than numbers");
                return -1;
            }
            sum += x->valuedouble;
        }
        *v = sum;
        return 0;
    }
    if (cJSON_IsObject(node) && m) {
        /* A series keyed by period label. */
        if (!ranged)
            hi = m->T - 1;
        for (t = lo; t <= hi; t++) {
            const cJSON *x = cJSON_GetObjectItemCaseSensitive(node, m->periods[t]);
            if (!cJSON_IsNumber(x)) {
                snprintf(msg, msglen, "the value is an object, not a number or a series by period");
                return -1;
            }
            sum += x->valuedouble;
        }
        *v = sum;
        return 0;
    }
    if (cJSON_IsNull(node)) {
        *v = NAN; /* not defined for this plan (e.g. never approved) */
        return 0;
    }
    snprintf(msg, msglen, "the value is %s, not a number",
             cJSON_IsString(node) ? "a string"
             : cJSON_IsBool(node) ? "a boolean"
                                  : "not numeric");
    return -1;
}
