/* path_apply.c - applying a compiled parameter path to a model document:
 * resolving ids, filters and period labels, and changing (or reading) the
 * values it names in place. */
#include "model/loader.h"
#include "model/path_impl.h"

#include <ctype.h>
#include <stdint.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------- applying */

enum { MODE_APPLY, MODE_READ };
enum { V_NUM, V_JSON };

typedef struct walk {
    const ars__path *p;
    int mode;
    ars__op op;
    int vtype; /* V_NUM: `num`; V_JSON: `json` (strings, bools, arrays, null) */
    double num;
    const cJSON *json;
    int T, t0, t1; /* selected periods [t0, t1] of series leaves */
    size_t ntargets;
    char skipwhy[300];
    ars_error *err;
    const char *subject; /* "PATH OP VALUE", starts every message */
    ars__buf *touched;
    double *vals;
    size_t nvals, capvals;
    char ptr[1024];
    size_t plen;
} walk;

static const char *json_type(const cJSON *j)
{
    if (cJSON_IsNumber(j))
        return "a number";
    if (cJSON_IsString(j))
        return "a string";
    if (cJSON_IsBool(j))
        return "a boolean";
    if (cJSON_IsNull(j))
        return "null";
    if (cJSON_IsArray(j))
        return "an array";
    if (cJSON_IsObject(j))
        return "an object";
    return "nothing";
}

static int werr(walk *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int werr(walk *w, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ars_error_set(w->err, ARS_EPATH, w->p->text, "%s: %s", w->subject, msg);
}

/* Something the path needs is not there. Under explicit ids that is an
 * error; under `*` or a filter the item is skipped (the reason is kept for
 * the "matches nothing" message if every item is skipped). */
static int absent(walk *w, int explicit_ids, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int absent(walk *w, int explicit_ids, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->skipwhy, sizeof w->skipwhy, fmt, ap);
    va_end(ap);
    if (explicit_ids)
        return werr(w, "matches nothing: %s", w->skipwhy);
    return ARS_OK;
}

static size_t push(walk *w, const char *seg)
{
    size_t old = w->plen;
    int n = snprintf(w->ptr + w->plen, sizeof w->ptr - w->plen, "/%s", seg);
    if (n > 0 && (size_t)n < sizeof w->ptr - w->plen)
        w->plen += (size_t)n;
    else
        w->ptr[w->plen] = '\0';
    return old;
}

static size_t push_index(walk *w, int i)
{
    char s[24];
    snprintf(s, sizeof s, "%d", i);
    return push(w, s);
}

static void pop(walk *w, size_t old)
{
    w->plen = old;
    w->ptr[old] = '\0';
}

static int touch(walk *w)
{
    w->ntargets++;
    if (w->touched) {
        ars__buf_append(w->touched, w->ptr, w->plen);
        ars__buf_append(w->touched, "\n", 1);
        if (w->touched->failed)
            return ARS_ENOMEM;
    }
    return ARS_OK;
}

static int read_value(walk *w, double v)
{
    if (w->nvals == w->capvals) {
        size_t nc = w->capvals ? w->capvals * 2 : 16;
        double *nv = ars__realloc(w->vals, nc * sizeof *nv);
        if (!nv)
            return ARS_ENOMEM;
        w->vals = nv;
        w->capvals = nc;
    }
    w->vals[w->nvals++] = v;
    return ARS_OK;
}

static int calc(walk *w, double x, double *out)
{
    double r = w->op == ARS__OP_SET ? w->num : w->op == ARS__OP_MUL ? x * w->num : x + w->num;
    if (!isfinite(r))
        return werr(w, "the result at %s is not a finite number (%g %s %g)", w->ptr, x,
                    ars__pf_op_text(w->op), w->num);
    *out = r;
    return ARS_OK;
}

/* Changes one existing number item in place. */
static int op_number(walk *w, cJSON *item)
{
    double r = 0;
    int rc;
    if (w->mode == MODE_READ)
        return read_value(w, item->valuedouble);
    rc = calc(w, item->valuedouble, &r);
    if (rc)
        return rc;
    cJSON_SetNumberValue(item, r);
    return ARS_OK;
}

static int add_member(cJSON *obj, const char *name, cJSON *item)
{
    if (!item)
        return ARS_ENOMEM;
    if (!cJSON_AddItemToObject(obj, name, item)) {
        cJSON_Delete(item);
        return ARS_ENOMEM;
    }
    return ARS_OK;
}

/* Replaces member `name` of obj (which frees the old item). The name is
 * copied first because it may belong to the item being replaced. */
static int replace_member(cJSON *obj, const char *name, cJSON *item)
{
    char *key;
    if (!item)
        return ARS_ENOMEM;
    key = ars__strdup(name);
    if (!key || !cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item)) {
        ars__free(key);
        cJSON_Delete(item);
        return ARS_ENOMEM;
    }
    ars__free(key);
    return ARS_OK;
}

static int leaf_number(walk *w, cJSON *obj, const char *name, cJSON *child, int has_def, double def,
                       const char *absent_means, int explicit_ids)
{
    double r = 0;
    int rc;
    if (child && !cJSON_IsNumber(child))
        return werr(w, "type mismatch at %s: expected a number, found %s", w->ptr,
                    json_type(child));
    if (child) {
        rc = op_number(w, child);
        return rc ? rc : touch(w);
    }
    if (w->mode == MODE_READ) {
        if (!has_def)
            return absent(w, explicit_ids, "%s is absent (%s), so it has no value", w->ptr,
                          absent_means);
        rc = read_value(w, def);
        return rc ? rc : touch(w);
    }
    if (w->op != ARS__OP_SET && !has_def)
        return absent(w, explicit_ids,
                      "%s is absent (%s), so %s has nothing to change; give it "
                      "a value with =",
                      w->ptr, absent_means, ars__pf_op_text(w->op));
    rc = calc(w, def, &r);
    if (rc)
        return rc;
    rc = add_member(obj, name, cJSON_CreateNumber(r));
    return rc ? rc : touch(w);
}

static int leaf_series(walk *w, cJSON *obj, const ars__field *f, cJSON *child, int explicit_ids)
{
    int full = w->t0 == 0 && w->t1 == w->T - 1;
    int t, rc;
    cJSON *arr, *el;
    if (child && !cJSON_IsNumber(child) && !cJSON_IsArray(child))
        return werr(w,
                    "type mismatch at %s: expected a series (a number or an array of %d "
                    "numbers), found %s",
                    w->ptr, w->T, json_type(child));
    if (w->vtype == V_JSON) {
        /* A whole series given as an array: `=` only, no @periods (checked
         * before the walk). */
        rc = child ? replace_member(obj, f->name, cJSON_Duplicate(w->json, 1))
                   : add_member(obj, f->name, cJSON_Duplicate(w->json, 1));
        return rc ? rc : touch(w);
    }
    if (!child) {
        if (w->mode == MODE_READ) {
            if (!ars__pf_has_def(f))
                return absent(w, explicit_ids, "%s is absent (%s), so it has no value", w->ptr,
                              ars__pf_absent(f));
            for (t = w->t0; t <= w->t1; t++)
                if ((rc = read_value(w, f->def)) != ARS_OK)
                    return rc;
            return touch(w);
        }
        if (!ars__pf_has_def(f) && (w->op != ARS__OP_SET || !full))
            return absent(w, explicit_ids,
                          "%s is absent (%s), so %s%s has nothing to change; give the whole "
                          "series a value with = first",
                          w->ptr, ars__pf_absent(f), w->p->has_periods ? "@periods with " : "",
                          ars__pf_op_text(w->op));
        if (full) {
            double r = 0;
            rc = calc(w, f->def, &r);
            if (rc)
                return rc;
            rc = add_member(obj, f->name, cJSON_CreateNumber(r));
            return rc ? rc : touch(w);
        }
        /* Some periods of a defaulted series: the others keep the default. */
        arr = cJSON_CreateArray();
        if (!arr)
            return ARS_ENOMEM;
        for (t = 0; t < w->T; t++) {
            el = cJSON_CreateNumber(f->def);
            if (!el || !cJSON_AddItemToArray(arr, el)) {
                cJSON_Delete(el);
                cJSON_Delete(arr);
                return ARS_ENOMEM;
            }
        }
        rc = add_member(obj, f->name, arr);
        if (rc)
            return rc;
        child = arr;
    }
    if (cJSON_IsNumber(child)) {
        double v = child->valuedouble;
        if (full || w->mode == MODE_READ) {
            if (w->mode == MODE_READ && !full) {
                for (t = w->t0; t <= w->t1; t++)
                    if ((rc = read_value(w, v)) != ARS_OK)
                        return rc;
                return touch(w);
            }
            rc = op_number(w, child);
            return rc ? rc : touch(w);
        }
        /* A scalar changed in some periods only becomes an array of T. */
        arr = cJSON_CreateArray();
        if (!arr)
            return ARS_ENOMEM;
        for (t = 0; t < w->T; t++) {
            el = cJSON_CreateNumber(v);
            if (!el || !cJSON_AddItemToArray(arr, el)) {
                cJSON_Delete(el);
                cJSON_Delete(arr);
                return ARS_ENOMEM;
            }
        }
        rc = replace_member(obj, f->name, arr);
        if (rc)
            return rc;
        child = arr;
    }
    if (cJSON_GetArraySize(child) != w->T)
        return werr(w, "%s is an array of %d numbers; a series has one per period (%d)", w->ptr,
                    cJSON_GetArraySize(child), w->T);
    t = 0;
    cJSON_ArrayForEach(el, child)
    {
        if (!cJSON_IsNumber(el))
            return werr(w, "type mismatch at %s/%d: expected a number, found %s", w->ptr, t,
                        json_type(el));
        if (t >= w->t0 && t <= w->t1 && (rc = op_number(w, el)) != ARS_OK)
            return rc;
        t++;
    }
    return touch(w);
}

/* Non-numeric leaves: the value is a JSON item (string, bool, null, array). */
static int leaf_other(walk *w, cJSON *obj, const ars__field *f, cJSON *child)
{
    int rc;
    if (w->mode == MODE_READ)
        return werr(w, "%s is %s, not a number", w->ptr, ars__pf_kind_words(ars__pf_kind(f)));
    if (w->vtype != V_JSON)
        return werr(w, "type mismatch: %s is %s, not a number", w->ptr,
                    ars__pf_kind_words(ars__pf_kind(f)));
    if (child)
        rc = replace_member(obj, f->name, cJSON_Duplicate(w->json, 1));
    else
        rc = add_member(obj, f->name, cJSON_Duplicate(w->json, 1));
    return rc ? rc : touch(w);
}

static int leaf_field(walk *w, cJSON *obj, const ars__field *f, int explicit_ids)
{
    cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, f->name);
    size_t old = push(w, f->name);
    int rc;
    if (ars__pf_kind(f) == F_NUM)
        rc = leaf_number(w, obj, f->name, child, ars__pf_has_def(f), f->def, ars__pf_absent(f),
                         explicit_ids);
    else if (ars__pf_kind(f) == F_SERIES)
        rc = leaf_series(w, obj, f, child, explicit_ids);
    else
        rc = leaf_other(w, obj, f, child);
    pop(w, old);
    return rc;
}

static int cond_match(const cond *c, const cJSON *item)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, c->key);
    if (cJSON_IsString(v))
        return strcmp(v->valuestring, c->value) == 0;
    if (cJSON_IsNumber(v)) {
        char *end;
        double x = strtod(c->value, &end);
        return *end == '\0' && end != c->value && x == v->valuedouble;
    }
    if (cJSON_IsTrue(v))
        return strcmp(c->value, "true") == 0;
    if (cJSON_IsFalse(v))
        return strcmp(c->value, "false") == 0;
    return 0;
}

/* The key of coll's item closest to the id that matched nothing, or NULL. */
static const char *suggest_id(const hop *h, const cJSON *coll)
{
    const char **cands;
    const char *best = NULL;
    const cJSON *item;
    size_t n = 0;
    int count = cJSON_GetArraySize(coll);
    if (count <= 0 || !(cands = ars__calloc((size_t)count, sizeof *cands)))
        return NULL;
    cJSON_ArrayForEach(item, coll)
    {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(item, h->f->sub->key);
        if (cJSON_IsString(key))
            cands[n++] = key->valuestring;
    }
    best = ars__suggest(h->id, cands, n);
    ars__free(cands);
    return best;
}

static void describe_sel(const hop *h, const cJSON *coll, char *out, size_t n)
{
    if (h->sel == SEL_ID) {
        const char *hint = suggest_id(h, coll);
        snprintf(out, n, "no %s item with %s '%s'%s%s%s", h->f->name,
                 ars__pf_kind(h->f) == F_MAP ? "id" : h->f->sub->key, h->id,
                 hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    } else if (h->sel == SEL_ALL)
        snprintf(out, n, "%s is empty", h->f->name);
    else {
        size_t len = 0;
        int i;
        len = (size_t)snprintf(out, n, "no %s item has ", h->f->name);
        for (i = 0; i < h->nconds && len < n; i++)
            len += (size_t)snprintf(out + len, n - len, "%s%s=%s", i ? " and " : "",
                                    h->conds[i].key, h->conds[i].value);
    }
}

static int walk_hop(walk *w, int hi, cJSON *node, int explicit_ids);

/* One entry `key` (e, NULL when absent) of a map. An entry of a map with
 * an entry table (met_by) may be a number, which is its first member (the
 * effect), or an object: the path names the member it ends with, else the
 * first. Changing another member of an entry written as a number rewrites
 * it as an object ({"effect": n, "max_share": ...}); reading one gives its
 * default. */
static int map_entry(walk *w, cJSON *coll, const char *key, cJSON *e, int explicit_ids)
{
    const ars__field *map = w->p->leaf;
    const ars__field *first = map->sub ? &map->sub->fields[0] : NULL;
    const ars__field *ef = w->p->entry_field ? w->p->entry_field : first;
    cJSON *obj;
    int rc;
    if (first && cJSON_IsObject(e))
        return leaf_field(w, e, ef, explicit_ids);
    if (ef == first || (e && !cJSON_IsNumber(e)))
        return leaf_number(w, coll, key, e, 0, 0, "no entry", explicit_ids);
    if (w->mode == MODE_READ) {
        size_t old = push(w, ef->name);
        rc = leaf_number(w, coll, ef->name, NULL, ars__pf_has_def(ef), ef->def, ars__pf_absent(ef),
                         explicit_ids);
        pop(w, old);
        return rc;
    }
    obj = cJSON_CreateObject();
    if (!obj)
        return ARS_ENOMEM;
    if (e && !cJSON_AddItemToObject(obj, first->name, cJSON_Duplicate(e, 1))) {
        cJSON_Delete(obj);
        return ARS_ENOMEM;
    }
    rc = e ? replace_member(coll, key, obj) : add_member(coll, key, obj);
    return rc ? rc : leaf_field(w, obj, ef, explicit_ids);
}

static int walk_select(walk *w, int hi, cJSON *coll, int explicit_ids)
{
    const hop *h = &w->p->hops[hi];
    int matched = 0, idx = 0, rc;
    int sub_explicit = explicit_ids && h->sel == SEL_ID;
    char why[300];
    cJSON *item, *next;
    if (ars__pf_kind(h->f) == F_MAP) {
        /* Map entries are the leaf (compile guarantees the map is last). */
        if (h->sel == SEL_ID) {
            cJSON *e = cJSON_GetObjectItemCaseSensitive(coll, h->id);
            size_t old = push(w, h->id);
            if (e || (w->mode == MODE_APPLY && w->op == ARS__OP_SET))
                rc = map_entry(w, coll, h->id, e, explicit_ids);
            else
                rc = absent(w, explicit_ids, "%s has no entry '%s' (= adds one)", w->ptr, h->id);
            pop(w, old);
            return rc;
        }
        /* map_entry may replace the entry: the next one is taken first. */
        for (item = coll->child; item; item = next) {
            size_t old = push(w, item->string);
            next = item->next;
            rc = map_entry(w, coll, item->string, item, 0);
            pop(w, old);
            if (rc)
                return rc;
            matched++;
        }
        if (!matched)
            return absent(w, explicit_ids, "%s has no entries", w->ptr);
        return ARS_OK;
    }
    cJSON_ArrayForEach(item, coll)
    {
        const cJSON *key = cJSON_GetObjectItemCaseSensitive(item, h->f->sub->key);
        int ok;
        if (!cJSON_IsObject(item)) {
            idx++;
            continue;
        }
        if (h->sel == SEL_ID)
            ok = cJSON_IsString(key) && strcmp(key->valuestring, h->id) == 0;
        else if (h->sel == SEL_ALL)
            ok = 1;
        else {
            int c;
            ok = 1;
            for (c = 0; c < h->nconds && ok; c++)
                ok = cond_match(&h->conds[c], item);
        }
        if (ok) {
            size_t old = push_index(w, idx);
            rc = walk_hop(w, hi + 1, item, sub_explicit);
            pop(w, old);
            if (rc)
                return rc;
            matched++;
            if (h->sel == SEL_ID)
                break;
        }
        idx++;
    }
    if (!matched) {
        describe_sel(h, coll, why, sizeof why);
        if (hi > 1)
            return absent(w, explicit_ids, "%s: %s", w->ptr, why);
        return absent(w, explicit_ids, "%s", why);
    }
    return ARS_OK;
}

static int leaf_has_default(const ars__path *p)
{
    return !p->in_map && ars__pf_has_def(p->leaf);
}

static int walk_hop(walk *w, int hi, cJSON *node, int explicit_ids)
{
    const hop *h = &w->p->hops[hi];
    cJSON *child;
    size_t old;
    int rc;
    if (h->type == HOP_SELECT)
        return walk_select(w, hi, node, explicit_ids);
    if (hi == w->p->nhops - 1)
        return leaf_field(w, node, h->f, explicit_ids);
    child = cJSON_GetObjectItemCaseSensitive(node, h->f->name);
    old = push(w, h->f->name);
    if (!child) {
        int create = 0;
        if (w->mode == MODE_APPLY && ars__pf_kind(h->f) == F_OBJ)
            create = w->op == ARS__OP_SET || leaf_has_default(w->p);
        else if (w->mode == MODE_APPLY && ars__pf_kind(h->f) == F_MAP)
            create = w->op == ARS__OP_SET && w->p->hops[hi + 1].sel == SEL_ID;
        if (!create) {
            if (hi == 0)
                rc = absent(w, explicit_ids, "the model has no %s", h->f->name);
            else
                rc = absent(w, explicit_ids, "%s is absent", w->ptr);
            pop(w, old);
            return rc;
        }
        child = cJSON_CreateObject();
        rc = add_member(node, h->f->name, child);
        if (rc) {
            pop(w, old);
            return rc;
        }
    }
    if (ars__pf_kind(h->f) == F_KEYED ? !cJSON_IsArray(child) : !cJSON_IsObject(child)) {
        rc = werr(w, "type mismatch at %s: expected %s, found %s", w->ptr,
                  ars__pf_kind(h->f) == F_KEYED ? "an array" : "an object", json_type(child));
        pop(w, old);
        return rc;
    }
    rc = walk_hop(w, hi + 1, child, explicit_ids);
    pop(w, old);
    return rc;
}

static int find_period(const cJSON *periods, const char *label)
{
    const cJSON *el;
    int i = 0;
    cJSON_ArrayForEach(el, periods)
    {
        if (cJSON_IsString(el) && strcmp(el->valuestring, label) == 0)
            return i;
        i++;
    }
    return -1;
}

static void horizon_text(const cJSON *periods, char *out, size_t n)
{
    const cJSON *a = cJSON_GetArrayItem(periods, 0);
    const cJSON *b = cJSON_GetArrayItem(periods, cJSON_GetArraySize(periods) - 1);
    snprintf(out, n, "%s..%s", cJSON_IsString(a) ? a->valuestring : "?",
             cJSON_IsString(b) ? b->valuestring : "?");
}

/* Digits and letters by class, other characters as they are: "2025Q1" and
 * "2028Q3" share a shape, "2026-Q1" has another. */
static int same_shape(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        int ca = isdigit((unsigned char)*a) ? '9' : isalpha((unsigned char)*a) ? 'A' : *a;
        int cb = isdigit((unsigned char)*b) ? '9' : isalpha((unsigned char)*b) ? 'A' : *b;
        if (ca != cb)
            return 0;
    }
    return *a == *b;
}

/* A label of the model's shape that it lacks lies outside the horizon; any
 * other is no period of this model at all (a typo in its format). */
static int unknown_period(walk *w, const cJSON *periods, const char *label, const char *hz)
{
    const cJSON *first = cJSON_GetArrayItem(periods, 0);
    if (cJSON_IsString(first) && same_shape(label, first->valuestring))
        return werr(w, "period '%s' is outside the horizon %s", label, hz);
    return werr(w, "'%s' is not a period of this model; periods are %s", label, hz);
}

/* Resolves T and the selected period range against the document. */
static int resolve_periods(walk *w, const cJSON *doc)
{
    const cJSON *periods = cJSON_GetObjectItemCaseSensitive(doc, "periods");
    char hz[160];
    w->T = 0;
    w->t0 = 0;
    w->t1 = -1;
    if (w->p->kind != ARS__PK_SERIES || w->p->in_map)
        return ARS_OK;
    if (!cJSON_IsArray(periods) || cJSON_GetArraySize(periods) < 1)
        return werr(w, "the model has no periods, so a series cannot be resolved");
    w->T = cJSON_GetArraySize(periods);
    w->t1 = w->T - 1;
    horizon_text(periods, hz, sizeof hz);
    if (w->p->pfrom) {
        w->t0 = find_period(periods, w->p->pfrom);
        if (w->t0 < 0)
            return unknown_period(w, periods, w->p->pfrom, hz);
    }
    if (w->p->pto) {
        w->t1 = find_period(periods, w->p->pto);
        if (w->t1 < 0)
            return unknown_period(w, periods, w->p->pto, hz);
    }
    if (w->t0 > w->t1)
        return werr(w, "periods in the wrong order: %s comes after %s", w->p->pfrom, w->p->pto);
    return ARS_OK;
}

static int run_walk(walk *w, cJSON *doc)
{
    int rc;
    if (!cJSON_IsObject(doc))
        return werr(w, "the model document is not a JSON object");
    rc = resolve_periods(w, doc);
    if (rc)
        return rc;
    if (w->vtype == V_JSON && w->p->kind == ARS__PK_PERIOD && cJSON_IsString(w->json)) {
        const cJSON *periods = cJSON_GetObjectItemCaseSensitive(doc, "periods");
        char hz[160];
        if (find_period(periods, w->json->valuestring) < 0) {
            horizon_text(periods, hz, sizeof hz);
            return unknown_period(w, periods, w->json->valuestring, hz);
        }
    }
    if (w->vtype == V_JSON && w->p->kind == ARS__PK_SERIES && cJSON_GetArraySize(w->json) != w->T)
        return werr(w, "a whole series needs %d numbers (one per period), found %d", w->T,
                    cJSON_GetArraySize(w->json));
    w->ptr[0] = '\0';
    w->plen = 0;
    rc = walk_hop(w, 0, doc, 1);
    if (rc)
        return rc;
    if (w->ntargets == 0)
        return werr(w, "matches nothing: %s", w->skipwhy[0] ? w->skipwhy : "no such value");
    return ARS_OK;
}

static void make_subject(char *out, size_t n, const ars__path *p, ars__op op, const char *value)
{
    snprintf(out, n, "%s%s%s", p->text, ars__pf_op_text(op), value);
}

static int apply_number_traced(const ars__path *p, cJSON *doc, ars__op op, double value,
                               const char *subject, ars__buf *touched, ars_error *err)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_APPLY;
    w.op = op;
    w.vtype = V_NUM;
    w.num = value;
    w.err = err;
    w.subject = subject;
    w.touched = touched;
    if (!ars__path_is_numeric(p))
        return werr(&w, "type mismatch: %s is %s, so it takes = with a word, not a number",
                    p->leaf->name, ars__pf_kind_words(ars__pf_kind(p->leaf)));
    if (!isfinite(value))
        return werr(&w, "the value is not a finite number");
    return run_walk(&w, doc);
}

int ars__path_apply_number(const ars__path *p, cJSON *doc, ars__op op, double value, ars_error *err)
{
    char num[40], subject[400];
    ars__fmt_double(num, sizeof num, value);
    make_subject(subject, sizeof subject, p, op, num);
    return apply_number_traced(p, doc, op, value, subject, NULL, err);
}

/* Parses a number written in plain decimal notation (no hex, inf or nan). */
static int apply_text_traced(const ars__path *p, cJSON *doc, ars__op op, const char *value,
                             const char *subject, ars__buf *touched, ars_error *err)
{
    walk w;
    cJSON *j = NULL;
    double v;
    int rc;
    if (ars__path_is_numeric(p) && ars__pf_parse_number(value, &v))
        return apply_number_traced(p, doc, op, v, subject, touched, err);
    if (op != ARS__OP_SET) {
        if (ars__path_is_numeric(p))
            return ars__pf_err(err, p->text, "%s: %s needs a number, found '%s'", subject,
                               ars__pf_op_text(op), value);
        return ars__pf_err(err, p->text, "%s: type mismatch: %s is %s; only = applies to it",
                           subject, p->leaf->name, ars__pf_kind_words(ars__pf_kind(p->leaf)));
    }
    if (p->kind == ARS__PK_NUMBER)
        return ars__pf_err(err, p->text, "%s: expected a number, found '%s'", subject, value);
    rc = ars__pf_value_json(p, subject, value, &j, err);
    if (rc)
        return rc;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_APPLY;
    w.op = op;
    w.vtype = V_JSON;
    w.json = j;
    w.err = err;
    w.subject = subject;
    w.touched = touched;
    rc = run_walk(&w, doc);
    cJSON_Delete(j);
    return rc;
}

int ars__path_apply_text(const ars__path *p, cJSON *doc, ars__op op, const char *value,
                         ars_error *err)
{
    char subject[600];
    make_subject(subject, sizeof subject, p, op, value ? value : "");
    return apply_text_traced(p, doc, op, value ? value : "", subject, NULL, err);
}

/* Reading and applying share one walk, which takes a mutable document;
 * READ mode never changes it, so the const is set aside here only (through
 * an integer, so that -Wcast-qual still guards every other cast). */
static cJSON *readonly_doc(const cJSON *doc)
{
    return (cJSON *)(uintptr_t)doc;
}

int ars__path_get_numbers(const ars__path *p, const cJSON *doc, double **vals, size_t *n,
                          ars_error *err)
{
    walk w;
    int rc;
    *vals = NULL;
    *n = 0;
    memset(&w, 0, sizeof w);
    w.p = p;
    w.mode = MODE_READ;
    w.err = err;
    w.subject = p->text;
    if (!ars__path_is_numeric(p))
        return werr(&w, "%s is %s, not a number", p->leaf->name,
                    ars__pf_kind_words(ars__pf_kind(p->leaf)));
    rc = run_walk(&w, readonly_doc(doc));
    if (rc) {
        ars__free(w.vals);
        return rc;
    }
    *vals = w.vals;
    *n = w.nvals;
    return ARS_OK;
}

/* -------------------------------------------------------- assignments */

int ars__set_apply_traced(const ars__set *s, cJSON *doc, ars__buf *touched, ars_error *err)
{
    if (s->is_number)
        return apply_number_traced(s->path, doc, s->op, s->number, s->text, touched, err);
    return apply_text_traced(s->path, doc, s->op, s->value, s->text, touched, err);
}

int ars__set_apply(const ars__set *s, cJSON *doc, ars_error *err)
{
    return ars__set_apply_traced(s, doc, NULL, err);
}

int ars__doc_apply_sets(cJSON *doc, const char *const *sets, size_t nsets, ars_error *err)
{
    size_t i;
    for (i = 0; i < nsets; i++) {
        ars__set s;
        int rc = ars__set_parse(sets[i], &s, err);
        if (!rc)
            rc = ars__set_apply(&s, doc, err);
        ars__set_clear(&s);
        if (rc)
            return rc;
    }
    return ARS_OK;
}
