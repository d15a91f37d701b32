/* values.c - reading one JSON value as the format means it, at the current
 * pointer, and saying what is wrong: numbers of a domain, integers, ids,
 * references with "did you mean", countries, period labels, enum words,
 * arrays and objects. The schema walk (walk.c) and the rules across fields
 * (rules.c) both read values with these. */
#include "model/vctx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR ARS__ERR
#define DESC ARS__DESC

const cJSON *ars__member(const cJSON *obj, const char *name)
{
    return obj ? cJSON_GetObjectItemCaseSensitive(obj, name) : NULL;
}

int ars__valid_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char ch = s[n];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_' || ch == '-'))
            return 0;
    }
    return n >= 1 && n <= 64;
}

char *ars__vdup(ars__vctx *c, const char *s)
{
    char *d;
    if (!s)
        return NULL;
    d = ars__strdup(s);
    if (!d)
        c->oom = 1;
    return d;
}

/* count zeroed elements of size sz (count may be 0). */
void *ars__valloc(ars__vctx *c, int count, size_t size)
{
    void *p = ars__calloc(count > 0 ? (size_t)count : 1, size);
    if (!p)
        c->oom = 1;
    return p;
}

int ars__num_value(ars__vctx *c, const cJSON *v, ars__domain d, double *out)
{
    char dbuf[96];
    double x;
    if (!cJSON_IsNumber(v)) {
        ERR(c, v, "expected %s, found %s", ars__domain_expect(d), DESC(v));
        return 0;
    }
    x = v->valuedouble;
    if (!isfinite(x)) {
        ERR(c, v, "expected a finite number, found %s", DESC(v));
        return 0;
    }
    if (fabs(x) > ARS__MAX_MAGNITUDE) {
        ERR(c, v, "expected %s of magnitude at most 1e15, found %s", ars__domain_expect(d),
            DESC(v));
        return 0;
    }
    if ((d == ARS__DOM_GE0 && x < 0) || (d == ARS__DOM_GT0 && x <= 0) ||
        (d == ARS__DOM_FRAC && (x < 0 || x > 1)) || (d == ARS__DOM_SHARE && (x <= 0 || x > 1))) {
        ERR(c, v, "expected %s, found %s", ars__domain_expect(d), DESC(v));
        return 0;
    }
    *out = x;
    return 1;
}

int ars__get_int(ars__vctx *c, const cJSON *obj, const char *name, int lo, int hi, int required,
                 int def, int *out)
{
    const cJSON *v = ars__member(obj, name);
    char dbuf[96];
    size_t mark;
    *out = def;
    mark = ars__vpush(c, name);
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (an integer)", name);
        ars__vpop(c, mark);
        return 0;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
        floor(v->valuedouble) != v->valuedouble || v->valuedouble < lo || v->valuedouble > hi) {
        ERR(c, v, "expected an integer from %d to %d, found %s", lo, hi, DESC(v));
        ars__vpop(c, mark);
        return 0;
    }
    *out = (int)v->valuedouble;
    ars__vpop(c, mark);
    return 1;
}

const char *ars__id_value(ars__vctx *c, const cJSON *v)
{
    char dbuf[96];
    if (!cJSON_IsString(v) || !ars__valid_id(v->valuestring)) {
        ERR(c, v, "expected %s, found %s", ARS__ID_EXPECT, DESC(v));
        return NULL;
    }
    return v->valuestring;
}

const char *ars__get_str(ars__vctx *c, const cJSON *obj, const char *name, int required)
{
    const cJSON *v = ars__member(obj, name);
    char dbuf[96];
    size_t mark = ars__vpush(c, name);
    const char *s = NULL;
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (a string)", name);
    } else if (!cJSON_IsString(v)) {
        ERR(c, v, "expected a string, found %s", DESC(v));
    } else {
        s = v->valuestring;
    }
    ars__vpop(c, mark);
    return s;
}

int ars__resolve_ref(ars__vctx *c, const cJSON *v, const char *s, const ars__section *sec,
                     int at_key)
{
    int k = ars__idmap_get(&sec->map, s);
    const char *hint;
    if (k >= 0)
        return k;
    hint = ars__suggest(s, sec->ids, (size_t)sec->n);
    if (hint)
        ars__vreport(c, ARS_SEV_ERROR, v, at_key, "unknown %s \"%s\" (did you mean \"%s\"?)",
                     sec->what, s, hint);
    else if (sec->n == 0)
        ars__vreport(c, ARS_SEV_ERROR, v, at_key, "unknown %s \"%s\" (the model has no %s)",
                     sec->what, s, sec->name);
    else
        ars__vreport(c, ARS_SEV_ERROR, v, at_key, "unknown %s \"%s\" (not an id in /%s)", sec->what,
                     s, sec->name);
    return -1;
}

int ars__ref_value(ars__vctx *c, const cJSON *v, const ars__section *sec)
{
    char dbuf[96];
    if (!cJSON_IsString(v)) {
        ERR(c, v, "expected the id of a %s, found %s", sec->what, DESC(v));
        return -1;
    }
    return ars__resolve_ref(c, v, v->valuestring, sec, 0);
}

/* Country ids need no declaration: any id names a country. Interning gives
 * each distinct id one index. */
int ars__intern_country(ars__vctx *c, const char *id, int declared, int bloc)
{
    struct ars_model *m = c->m;
    int k = ars__idmap_get(&c->countries, id), r;
    if (k >= 0)
        return k;
    if ((size_t)m->ncountries == c->countries_cap) {
        size_t ncap = c->countries_cap ? c->countries_cap * 2 : 16;
        ars__country *p = ars__realloc(m->countries, ncap * sizeof *p);
        if (!p) {
            c->oom = 1;
            return -1;
        }
        m->countries = p;
        c->countries_cap = ncap;
    }
    k = m->ncountries;
    m->countries[k].id = ars__strdup(id);
    m->countries[k].bloc = bloc;
    m->countries[k].declared = declared;
    if (!m->countries[k].id) {
        c->oom = 1;
        return -1;
    }
    m->ncountries++;
    /* The key is the model's copy, which lives as long as the map. */
    r = ars__idmap_put(&c->countries, m->countries[k].id, k, NULL);
    if (r < 0) {
        c->oom = 1;
        return -1;
    }
    return k;
}

int ars__country_value(ars__vctx *c, const cJSON *v)
{
    const char *id = ars__id_value(c, v);
    if (!id)
        return -1;
    return ars__intern_country(c, id, 0, -1);
}

int ars__period_value(ars__vctx *c, const cJSON *v)
{
    char dbuf[96];
    int k;
    if (!cJSON_IsString(v)) {
        ERR(c, v, "expected a period label, found %s", DESC(v));
        return -1;
    }
    if (c->T < 0)
        return -1; /* `periods` itself is broken and already reported */
    k = ars__idmap_get(&c->periods, v->valuestring);
    if (k < 0) {
        const char *hint =
            ars__suggest(v->valuestring, (const char *const *)c->m->periods, (size_t)c->T);
        if (hint)
            ERR(c, v, "unknown period \"%s\" (did you mean \"%s\"?)", v->valuestring, hint);
        else
            ERR(c, v, "unknown period \"%s\" (expected a label from /periods)", v->valuestring);
    }
    return k;
}

int ars__enum_value(ars__vctx *c, const cJSON *v, const char *const *words)
{
    char dbuf[96], list[200];
    int k;
    const char *hint;
    size_t n = 0;
    if (cJSON_IsString(v)) {
        for (k = 0; words[k]; k++, n++)
            if (strcmp(words[k], v->valuestring) == 0)
                return k;
    }
    ars__words_list(words, list, sizeof list);
    if (cJSON_IsString(v)) {
        hint = ars__suggest(v->valuestring, words, n);
        if (hint) {
            ERR(c, v, "expected one of %s, found %s (did you mean \"%s\"?)", list, DESC(v), hint);
            return -1;
        }
    }
    ERR(c, v, "expected one of %s, found %s", list, DESC(v));
    return -1;
}

const cJSON *ars__get_array(ars__vctx *c, const cJSON *obj, const char *name, int required,
                            const char *what)
{
    const cJSON *v = ars__member(obj, name);
    char dbuf[96];
    size_t mark = ars__vpush(c, name);
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (an array of %s)", name, what);
    } else if (!cJSON_IsArray(v)) {
        ERR(c, v, "expected an array of %s, found %s", what, DESC(v));
        v = NULL;
    }
    ars__vpop(c, mark);
    return v;
}

const cJSON *ars__get_object(ars__vctx *c, const cJSON *obj, const char *name, int required,
                             const char *what)
{
    const cJSON *v = ars__member(obj, name);
    char dbuf[96];
    size_t mark = ars__vpush(c, name);
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (%s)", name, what);
    } else if (!cJSON_IsObject(v)) {
        ERR(c, v, "expected %s, found %s", what, DESC(v));
        v = NULL;
    }
    ars__vpop(c, mark);
    return v;
}
