/* walk.c - reads a model document by walking the schema's tables: for each
 * field its type, domain, default and reference, reported at its pointer
 * with what was expected and what was found, stored at its offset in the
 * model. Rules that span fields are in rules.c; the order of the sections
 * and the parts read by hand (periods, countries, stocks, scenarios) are in
 * validate.c. */
#include "model/vctx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR ARS__ERR
#define ERRK ARS__ERRK
#define LIMIT ARS__LIMIT
#define DESC ARS__DESC

void ars__check_fields(ars__vctx *c, const cJSON *obj, const ars__table *t)
{
    const cJSON *it;
    for (it = obj->child; it; it = it->next) {
        const char *names[40];
        size_t k, n = 0, mark;
        const char *hint;
        if (it->string[0] == '_')
            continue;
        for (k = 0; k < t->nfields && strcmp(t->fields[k].name, it->string) != 0; k++)
            ;
        if (k < t->nfields)
            continue;
        for (k = 0; k < t->nfields && n < sizeof names / sizeof names[0]; k++)
            names[n++] = t->fields[k].name;
        hint = ars__suggest(it->string, names, n);
        mark = ars__vpush(c, it->string);
        if (hint)
            ERRK(c, it, "unknown field \"%s\" (did you mean \"%s\"?)", it->string, hint);
        else
            ERRK(c, it, "unknown field \"%s\" (names starting with '_' are free for comments)",
                 it->string);
        ars__vpop(c, mark);
    }
}

static int get_num(ars__vctx *c, const cJSON *obj, const ars__field *f, double *out)
{
    const cJSON *v = ars__member(obj, f->name);
    double def = (f->flags & ARS__FL_DEFAULT) ? f->def : 0;
    size_t mark;
    int ok;
    *out = def;
    mark = ars__vpush(c, f->name);
    if (!v) {
        if (f->flags & ARS__FL_REQUIRED)
            ERR(c, obj, "missing required field \"%s\" (%s)", f->name,
                ars__domain_expect(f->domain));
        ars__vpop(c, mark);
        return 0;
    }
    ok = ars__num_value(c, v, f->domain, out);
    if (!ok)
        *out = def;
    ars__vpop(c, mark);
    return ok;
}

/* The double is checked, never valueint (which cJSON saturates and
 * truncates). */
static void get_bool(ars__vctx *c, const cJSON *obj, const ars__field *f, int *out)
{
    const cJSON *v = ars__member(obj, f->name);
    char dbuf[96];
    size_t mark;
    *out = (int)f->def;
    if (!v)
        return;
    mark = ars__vpush(c, f->name);
    if (!cJSON_IsBool(v))
        ERR(c, v, "expected true or false, found %s", DESC(v));
    else
        *out = cJSON_IsTrue(v);
    ars__vpop(c, mark);
}

static double *alloc_series(ars__vctx *c)
{
    double *p;
    if (c->T <= 0)
        return NULL;
    p = ars__malloc((size_t)c->T * sizeof *p);
    if (!p)
        c->oom = 1;
    return p;
}

/* One number or exactly T numbers. Absent: NULL unless the field has a
 * default that is stored (then T copies of it). */
static double *get_series(ars__vctx *c, const cJSON *obj, const ars__field *f)
{
    const cJSON *v = ars__member(obj, f->name);
    ars__domain kind = f->domain;
    char dbuf[96];
    size_t mark = ars__vpush(c, f->name);
    double *out = NULL, x;
    int t;
    if (!v) {
        if (f->flags & ARS__FL_REQUIRED)
            ERR(c, obj,
                "missing required field \"%s\" (a series: %s, or an array of one per period)",
                f->name, ars__domain_expect(kind));
        else if ((f->flags & ARS__FL_DEFAULT) && !(f->flags & ARS__FL_KEEP_NULL) &&
                 (out = alloc_series(c)) != NULL)
            for (t = 0; t < c->T; t++)
                out[t] = f->def;
    } else if (cJSON_IsArray(v)) {
        int n = cJSON_GetArraySize(v), ok = 1;
        const cJSON *e;
        if (c->T >= 0 && n != c->T) {
            ERR(c, v,
                "expected a number or an array of %d numbers (one per period), found an array of "
                "%d",
                c->T, n);
            ok = 0;
        }
        if (ok)
            out = alloc_series(c);
        t = 0;
        for (e = v->child; e; e = e->next, t++) {
            size_t m2;
            /* The common case (a valid number) without touching the
             * pointer; ars__num_value reports the rest. */
            if (cJSON_IsNumber(e) &&
                e->valuedouble >= (kind == ARS__DOM_ANY ? -ARS__MAX_MAGNITUDE : 0) &&
                e->valuedouble <=
                    (kind == ARS__DOM_FRAC || kind == ARS__DOM_SHARE ? 1 : ARS__MAX_MAGNITUDE) &&
                ((kind != ARS__DOM_GT0 && kind != ARS__DOM_SHARE) || e->valuedouble > 0)) {
                if (out)
                    out[t] = e->valuedouble;
                continue;
            }
            m2 = ars__vpushi(c, t);
            if (ars__num_value(c, e, kind, &x)) {
                if (out)
                    out[t] = x;
            } else {
                ok = 0;
            }
            ars__vpop(c, m2);
        }
        if (!ok) {
            ars__free(out);
            out = NULL;
        }
    } else if (cJSON_IsNumber(v)) {
        if (ars__num_value(c, v, kind, &x) && (out = alloc_series(c)) != NULL)
            for (t = 0; t < c->T; t++)
                out[t] = x;
    } else {
        ERR(c, v, "expected a series (%s, or an array of %d numbers), found %s",
            ars__domain_expect(kind), c->T, DESC(v));
    }
    ars__vpop(c, mark);
    return out;
}

/* The element of section sec named by string v, with "did you mean" for a
 * near miss; at_key reports at the member's key (map entries). */
/* ------------------------------------------------------------ fields */

#define AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))

/* A reference field (REF or COUNTRY): absent, optional or required. */
static int get_ref(ars__vctx *c, const cJSON *obj, const ars__field *f, int required)
{
    const cJSON *v = ars__member(obj, f->name);
    size_t mark = ars__vpush(c, f->name);
    int k = -1;
    if (!v) {
        if (required && f->type == ARS__FT_REF)
            ERR(c, obj, "missing required field \"%s\" (the id of a %s)", f->name,
                c->sec[f->ref].what);
        else if (required)
            ERR(c, obj, "missing required field \"%s\" (a country id)", f->name);
    } else if (f->type == ARS__FT_REF) {
        k = ars__ref_value(c, v, &c->sec[f->ref]);
    } else {
        k = ars__country_value(c, v);
    }
    ars__vpop(c, mark);
    return k;
}

/* An array of references, countries or words into an int array. */
static void get_list(ars__vctx *c, const cJSON *obj, const ars__field *f, void *base)
{
    const cJSON *arr = ars__get_array(c, obj, f->name, 0, f->what), *e;
    size_t mark;
    int i = 0, k = 0, *out;
    if (!arr)
        return;
    mark = ars__vpush(c, f->name);
    if (f->flags & ARS__FL_HAS)
        *AT(base, f->has, int) = 1;
    out = ars__valloc(c, cJSON_GetArraySize(arr), sizeof *out);
    for (e = arr->child; e && out; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i);
        int r = f->elem == ARS__FT_REF       ? ars__ref_value(c, e, &c->sec[f->ref])
                : f->elem == ARS__FT_COUNTRY ? ars__country_value(c, e)
                                             : ars__enum_value(c, e, f->words);
        if (r >= 0)
            out[k++] = r;
        ars__vpop(c, m2);
    }
    *AT(base, f->offset, int *) = out;
    *AT(base, f->count, int) = k;
    ars__vpop(c, mark);
}

static void get_names(ars__vctx *c, const cJSON *obj, const ars__field *f, void *base)
{
    const cJSON *arr = ars__get_array(c, obj, f->name, 0, f->what), *e;
    char dbuf[96];
    size_t mark;
    int i = 0, k = 0;
    char **out;
    if (!arr)
        return;
    mark = ars__vpush(c, f->name);
    out = ars__valloc(c, cJSON_GetArraySize(arr), sizeof *out);
    for (e = arr->child; e && out; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i);
        if (!cJSON_IsString(e) || !e->valuestring[0])
            ERR(c, e, "expected an operator name (a non-empty string), found %s", DESC(e));
        else if ((out[k] = ars__vdup(c, e->valuestring)) != NULL)
            k++;
        ars__vpop(c, m2);
    }
    *AT(base, f->offset, char **) = out;
    *AT(base, f->count, int) = k;
    ars__vpop(c, mark);
}

static void apply_defaults(const ars__table *t, void *base);

/* An object of section id -> number; with f->sub an entry may also be an
 * object of its fields (met_by's {"effect", "max_share"}), the number
 * meaning the first of them. */
static void get_map(ars__vctx *c, const cJSON *obj, const ars__field *f, void *base)
{
    const cJSON *map = ars__get_object(c, obj, f->name, 0, f->what), *b;
    const ars__section *sec = &c->sec[f->ref];
    size_t size = f->sub ? f->sub->size : sizeof(ars__map_entry);
    char *out, dbuf[96];
    int nb, k = 0;
    size_t mark;
    if (!map)
        return;
    nb = cJSON_GetArraySize(map);
    mark = ars__vpush(c, f->name);
    if (nb > c->lim.max_items) {
        LIMIT(c, map, "%d entries, over the limit max_items=%d", nb, c->lim.max_items);
        nb = 0;
    }
    out = nb ? ars__valloc(c, nb, size) : NULL;
    for (b = nb ? map->child : NULL; b && out; b = b->next) {
        size_t m2 = ars__vpush(c, b->string);
        int id = ars__resolve_ref(c, b, b->string, sec, 1);
        ars__map_entry *e = (ars__map_entry *)(void *)(out + (size_t)k * size);
        double x;
        if (f->sub && cJSON_IsObject(b)) {
            size_t before = c->nerrors_added;
            ars__check_fields(c, b, f->sub);
            ars__walk_fields(c, f->sub, e, b, NULL, NULL, 0);
            if (id >= 0 && c->nerrors_added == before) {
                e->id = id;
                k++;
            }
        } else if (f->sub && !cJSON_IsNumber(b)) {
            ERR(c, b, "%s, found %s", f->sub->item, DESC(b));
        } else if (ars__num_value(c, b, f->domain, &x) && id >= 0) {
            if (f->sub)
                apply_defaults(f->sub, e);
            e->id = id;
            e->value = x;
            k++;
        }
        ars__vpop(c, m2);
    }
    *AT(base, f->offset, void *) = out;
    *AT(base, f->count, int) = k;
    ars__vpop(c, mark);
}

/* Sets what absent reference fields mean (-1) before an item is read, so
 * an item that is not an object still reads as "nothing". */
static void init_item(const ars__table *t, void *base)
{
    size_t k;
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        if (f->type == ARS__FT_REF || f->type == ARS__FT_COUNTRY ||
            (f->type == ARS__FT_ENUM && (f->flags & ARS__FL_REQUIRED)))
            *AT(base, f->offset, int) = -1;
    }
}

/* Scalar defaults of an object that is absent (objective). */
static void apply_defaults(const ars__table *t, void *base)
{
    size_t k;
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        if (!(f->flags & ARS__FL_DEFAULT))
            continue;
        if (f->type == ARS__FT_NUMBER)
            *AT(base, f->offset, double) = f->def;
        else if (f->type == ARS__FT_INTEGER || f->type == ARS__FT_BOOL || f->type == ARS__FT_ENUM)
            *AT(base, f->offset, int) = (int)f->def;
    }
}

static void read_items(ars__vctx *c, const ars__field *f, void *base, const cJSON *arr,
                       const ars__section *sec);

/* What an optional field that is absent means, stored without building
 * its pointer: nothing can be reported about it. Same values as the
 * readers below give an absent field. */
static void absent_field(ars__vctx *c, const ars__field *f, void *base, const char *id)
{
    void *at = AT(base, f->offset, char);
    double def = (f->flags & ARS__FL_DEFAULT) ? f->def : 0;
    int t;
    switch (f->type) {
    case ARS__FT_NUMBER:
        *(double *)at = def;
        if (f->flags & ARS__FL_HAS)
            *AT(base, f->has, int) = 0;
        break;
    case ARS__FT_INTEGER:
    case ARS__FT_ENUM:
    case ARS__FT_BOOL:
        *(int *)at = (int)def;
        break;
    case ARS__FT_SERIES: {
        double *out = NULL;
        if ((f->flags & ARS__FL_DEFAULT) && !(f->flags & ARS__FL_KEEP_NULL) &&
            (out = alloc_series(c)) != NULL)
            for (t = 0; t < c->T; t++)
                out[t] = def;
        *(double **)at = out;
        break;
    }
    case ARS__FT_STRING:
        *(char **)at = (f->flags & ARS__FL_NAME_ID) ? ars__vdup(c, id) : NULL;
        break;
    case ARS__FT_REF:
    case ARS__FT_COUNTRY:
        *(int *)at = -1;
        break;
    case ARS__FT_PERIOD:
        *(int *)at = 0;
        break;
    case ARS__FT_OBJECT:
        apply_defaults(f->sub, at);
        break;
    default:
        break;
    }
}

static void read_field(ars__vctx *c, const ars__field *f, void *base, const cJSON *obj,
                       const char *id)
{
    int required = (f->flags & ARS__FL_REQUIRED) != 0;
    void *at = AT(base, f->offset, char);
    switch (f->type) {
    case ARS__FT_NUMBER: {
        int ok = get_num(c, obj, f, (double *)at);
        if (f->flags & ARS__FL_HAS)
            *AT(base, f->has, int) = ok;
        break;
    }
    case ARS__FT_INTEGER:
        ars__get_int(c, obj, f->name, 0, ARS__MAX_INT, required, (int)f->def, (int *)at);
        break;
    case ARS__FT_SERIES:
        *(double **)at = get_series(c, obj, f);
        break;
    case ARS__FT_STRING: {
        const char *s = ars__get_str(c, obj, f->name, required);
        *(char **)at = ars__vdup(c, s ? s : (f->flags & ARS__FL_NAME_ID) ? id : NULL);
        break;
    }
    case ARS__FT_ENUM: {
        const cJSON *v = ars__member(obj, f->name);
        size_t mark = ars__vpush(c, f->name);
        int k = (int)f->def;
        if (!v) {
            char list[200];
            ars__words_list(f->words, list, sizeof list);
            if (required)
                ERR(c, obj, "missing required field \"%s\" (one of %s)", f->name, list);
        } else if ((k = ars__enum_value(c, v, f->words)) < 0) {
            k = (int)f->def;
        }
        *(int *)at = k;
        ars__vpop(c, mark);
        break;
    }
    case ARS__FT_BOOL:
        get_bool(c, obj, f, (int *)at);
        break;
    case ARS__FT_ID:
        *(char **)at = ars__vdup(c, id);
        break;
    case ARS__FT_REF:
    case ARS__FT_COUNTRY: {
        int k;
        if (f->flags & ARS__FL_IF_PREV) {
            /* Required and kept only when the field before it is set
             * (a component's origin, when it is controlled). */
            const cJSON *prev = ars__member(obj, f[-1].name);
            int on = prev && !cJSON_IsNull(prev);
            if (!on && !ars__member(obj, f->name))
                break;
            k = get_ref(c, obj, f, on);
            *(int *)at = on ? k : -1;
            break;
        }
        *(int *)at = get_ref(c, obj, f, required);
        break;
    }
    case ARS__FT_PERIOD: {
        const cJSON *v = ars__member(obj, f->name);
        size_t mark;
        int k;
        *(int *)at = 0;
        if (!v)
            break;
        mark = ars__vpush(c, f->name);
        k = ars__period_value(c, v);
        if (k >= 0)
            *(int *)at = k;
        ars__vpop(c, mark);
        break;
    }
    case ARS__FT_REGIME: {
        /* null is the same as absent. */
        const cJSON *v = ars__member(obj, f->name);
        char dbuf[96];
        size_t mark;
        if (!v || cJSON_IsNull(v))
            break;
        mark = ars__vpush(c, f->name);
        if (!cJSON_IsString(v) || !v->valuestring[0])
            ERR(c, v, "expected a regime label such as \"ITAR\", or null, found %s", DESC(v));
        else
            *(char **)at = ars__vdup(c, v->valuestring);
        ars__vpop(c, mark);
        break;
    }
    case ARS__FT_LIST:
        get_list(c, obj, f, base);
        break;
    case ARS__FT_NAMES:
        get_names(c, obj, f, base);
        break;
    case ARS__FT_OBJECT: {
        const cJSON *v = ars__get_object(c, obj, f->name, required, f->what);
        size_t mark;
        if (!v) {
            apply_defaults(f->sub, at);
            break;
        }
        mark = ars__vpush(c, f->name);
        ars__check_fields(c, v, f->sub);
        if (f->flags & ARS__FL_HAS)
            *AT(base, f->has, int) = 1;
        ars__walk_fields(c, f->sub, at, v, id, NULL, 0);
        ars__vpop(c, mark);
        break;
    }
    case ARS__FT_ITEMS: {
        const cJSON *arr = ars__get_array(c, obj, f->name, required, f->what);
        if (arr)
            read_items(c, f, base, arr, NULL);
        break;
    }
    case ARS__FT_MAP:
        get_map(c, obj, f, base);
        break;
    default:
        /* LABELS, SCENARIOS, SETS: read by hand in validate.c. */
        break;
    }
}

void ars__walk_field(ars__vctx *c, const ars__field *f, void *base, const cJSON *obj,
                     const char *id, const void *items, int index)
{
    if (!(f->flags & (ARS__FL_REQUIRED | ARS__FL_IF_PREV)) && !ars__member(obj, f->name))
        absent_field(c, f, base, id);
    else
        read_field(c, f, base, obj, id);
    if (f->rule) {
        ars__rule_arg a;
        size_t mark = ars__vpush(c, f->name);
        a.f = f;
        a.obj = obj;
        a.base = base;
        a.items = items;
        a.index = index;
        f->rule(c, &a);
        ars__vpop(c, mark);
    }
}

void ars__walk_fields(ars__vctx *c, const ars__table *t, void *base, const cJSON *obj,
                      const char *id, const void *items, int index)
{
    size_t k;
    for (k = 0; k < t->nfields; k++)
        ars__walk_field(c, &t->fields[k], base, obj, id, items, index);
}

/* The entries of an ITEMS array into a new array of t's structs at
 * base + f->offset; sec (may be NULL) gives each entry's id. */
static void read_items(ars__vctx *c, const ars__field *f, void *base, const cJSON *arr,
                       const ars__section *sec)
{
    const ars__table *t = f->sub;
    const cJSON *e;
    char dbuf[96];
    int i = 0, n = cJSON_GetArraySize(arr);
    size_t mark = ars__vpush(c, f->name);
    char *out;
    if ((f->flags & ARS__FL_LIMITED) && n > c->lim.max_items) {
        LIMIT(c, arr, "%d entries, over the limit max_items=%d", n, c->lim.max_items);
        ars__vpop(c, mark);
        return;
    }
    out = ars__valloc(c, n, t->size);
    if (!out) {
        ars__vpop(c, mark);
        return;
    }
    *AT(base, f->offset, void *) = out;
    *AT(base, f->count, int) = n;
    for (e = arr->child; e; e = e->next, i++) {
        void *item = out + (size_t)i * t->size;
        size_t m2 = ars__vpushi(c, i);
        init_item(t, item);
        if (cJSON_IsObject(e)) {
            ars__check_fields(c, e, t);
            ars__walk_fields(c, t, item, e, sec ? sec->ids[i] : NULL, out, i);
        } else if (t->item) {
            ERR(c, e, "%s, found %s", t->item, DESC(e));
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

void ars__walk_section(ars__vctx *c, const ars__field *f, ars__sec sec)
{
    const ars__section *s = &c->sec[sec];
    if (s->arr) {
        read_items(c, f, c->m, s->arr, s);
    } else {
        /* Absent: an empty array, so later passes need no NULL checks. */
        void *out = ars__valloc(c, 0, f->sub->size);
        *AT(c->m, f->offset, void *) = out;
    }
}
