/* validate.c - checks every rule of the model format and resolves the
 * document into the indexed struct ars_model (model.h).
 *
 * One pass per section, in an order that makes references resolvable:
 * first the ids of every section (so any section may name any other), then
 * the fields. Every problem is recorded and the pass goes on, so one run
 * reports all errors of a file. Line and column are attached at the end in
 * one walk over the text (see locate_pending), not per error. */
#include "model/magnitude.h"
#include "model/vctx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Numbers above this magnitude are rejected: they are typos or overflow,
 * and they would wreck the conditioning of the program. */
#define ARS__MAX_MAGNITUDE 1e15
/* Upper bound of integer fields such as lead and review (periods). */
#define ARS__MAX_INT 1000000

/* ------------------------------------------------------------ pointer */

size_t ars__vpush(ars__vctx *c, const char *seg)
{
    size_t mark = c->path.len;
    ars__buf_append(&c->path, "/", 1);
    for (; *seg; seg++) {
        if (*seg == '~')
            ars__buf_append(&c->path, "~0", 2);
        else if (*seg == '/')
            ars__buf_append(&c->path, "~1", 2);
        else
            ars__buf_append(&c->path, seg, 1);
    }
    return mark;
}

size_t ars__vpushi(ars__vctx *c, int idx)
{
    /* Called for every array element: digits by hand, not printf. */
    size_t mark = c->path.len;
    char d[16];
    int n = 0;
    unsigned v = idx < 0 ? 0u : (unsigned)idx;
    d[15] = '/';
    do {
        d[14 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < 14);
    ars__buf_append(&c->path, "/", 1);
    ars__buf_append(&c->path, d + 15 - n, (size_t)n);
    return mark;
}

void ars__vpop(ars__vctx *c, size_t mark)
{
    if (c->path.failed)
        return;
    c->path.len = mark;
    if (c->path.data)
        c->path.data[mark] = '\0';
}

void ars__vreport(ars__vctx *c, ars_severity sev, const cJSON *node, int at_key, const char *fmt,
                  ...)
{
    ars__buf msg;
    va_list ap;
    if (c->oom)
        return;
    if (sev == ARS_SEV_ERROR) {
        if (c->capped)
            return;
        if (c->nerrors_added >= ARS__MAX_ERRORS) {
            c->capped = 1;
            if (ars_diag_add(c->diag, ARS_SEV_ERROR, "", 0, 0, "too many errors: stopped after %d",
                             ARS__MAX_ERRORS) != ARS_OK)
                c->oom = 1;
            return;
        }
        c->nerrors_added++;
    }
    if (c->path.failed) {
        c->oom = 1;
        return;
    }
    ars__buf_init(&msg, 0);
    va_start(ap, fmt);
    ars__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (msg.failed || ars_diag_add(c->diag, sev, c->path.data ? c->path.data : "", 0, 0, "%s",
                                   msg.data) != ARS_OK) {
        ars__buf_free(&msg);
        c->oom = 1;
        return;
    }
    ars__buf_free(&msg);
    if (node && c->text) {
        if (c->npend == c->cappend) {
            size_t ncap = c->cappend ? c->cappend * 2 : 16;
            ars__pending *p = ars__realloc(c->pend, ncap * sizeof *p);
            if (!p) {
                c->oom = 1;
                return;
            }
            c->pend = p;
            c->cappend = ncap;
        }
        c->pend[c->npend].node = node;
        c->pend[c->npend].item = c->diag->count - 1;
        c->pend[c->npend].at_key = at_key;
        c->pend[c->npend].seq = 0;
        c->npend++;
    }
}

#define ERR(c, node, ...) ars__vreport((c), ARS_SEV_ERROR, (node), 0, __VA_ARGS__)
#define ERRK(c, node, ...) ars__vreport((c), ARS_SEV_ERROR, (node), 1, __VA_ARGS__)
#define LIMIT(c, node, ...)                                                                        \
    do {                                                                                           \
        (c)->limit_hit = 1;                                                                        \
        ars__vreport((c), ARS_SEV_ERROR, (node), 0, __VA_ARGS__);                                  \
    } while (0)

/* ----------------------------------------------------------- describing */

/* "the string \"x\"", "the number 2.9", "an array", ... for messages. */
static const char *describe(const cJSON *v, char *buf, size_t len)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v)) {
        size_t o = 0, k;
        const char *s = v->valuestring;
        o += (size_t)snprintf(buf, len, "the string \"");
        for (k = 0; s[k] && o + 8 < len; k++) {
            unsigned char ch = (unsigned char)s[k];
            if (k >= 40) {
                o += (size_t)snprintf(buf + o, len - o, "...");
                break;
            }
            if (ch < 0x20 || ch == 0x7f)
                o += (size_t)snprintf(buf + o, len - o, "\\u%04x", ch);
            else
                buf[o++] = (char)ch;
        }
        snprintf(buf + o, len - o, "\"");
        return buf;
    }
    if (cJSON_IsNumber(v)) {
        char num[40];
        if (!isfinite(v->valuedouble))
            return "a number too large to represent (overflow to infinity)";
        /* %.15g writes integers in full (10, 3000000000) and most
         * decimals as typed; %.17g when that would not read back. */
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        if (strtod(num, NULL) != v->valuedouble)
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
        snprintf(buf, len, "the number %s", num);
        return buf;
    }
    if (cJSON_IsTrue(v))
        return "true";
    if (cJSON_IsFalse(v))
        return "false";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an invalid value";
}

#define DESC(v) describe((v), dbuf, sizeof dbuf)

/* ------------------------------------------------------------- fields */

static const cJSON *field(const cJSON *obj, const char *name)
{
    return obj ? cJSON_GetObjectItemCaseSensitive(obj, name) : NULL;
}

/* Reports every member of obj not in allowed (NULL-terminated), except
 * names starting with '_'. */
static void check_fields(ars__vctx *c, const cJSON *obj, const char *const *allowed)
{
    const cJSON *it;
    for (it = obj->child; it; it = it->next) {
        size_t k, n = 0, mark;
        const char *hint;
        int ok = 0;
        if (it->string[0] == '_')
            continue;
        for (k = 0; allowed[k]; k++, n++)
            if (strcmp(allowed[k], it->string) == 0)
                ok = 1;
        if (ok)
            continue;
        hint = ars__suggest(it->string, allowed, n);
        mark = ars__vpush(c, it->string);
        if (hint)
            ERRK(c, it, "unknown field \"%s\" (did you mean \"%s\"?)", it->string, hint);
        else
            ERRK(c, it, "unknown field \"%s\" (names starting with '_' are free for comments)",
                 it->string);
        ars__vpop(c, mark);
    }
}

/* Duplicate keys anywhere in the document: cJSON keeps every member but
 * lookups see only the first, so a second value would be silently
 * ignored. Small objects compare pairwise; large ones (bom, met_by,
 * scenarios can be big) use a table. */
static void check_dups(ars__vctx *c, const cJSON *v)
{
    const cJSON *it;
    int idx = 0;
    if (cJSON_IsObject(v)) {
        int n = 0;
        for (it = v->child; it; it = it->next)
            n++;
        if (n > 24) {
            ars__idmap seen;
            ars__idmap_init(&seen);
            for (it = v->child; it; it = it->next) {
                int r = ars__idmap_put(&seen, it->string, 0, NULL);
                if (r < 0) {
                    c->oom = 1;
                    break;
                }
                if (r == 0) {
                    size_t mark = ars__vpush(c, it->string);
                    ERRK(c, it, "duplicate key \"%s\" (a JSON object may name a field once)",
                         it->string);
                    ars__vpop(c, mark);
                }
            }
            ars__idmap_free(&seen);
        } else {
            for (it = v->child; it; it = it->next) {
                const cJSON *p;
                for (p = v->child; p != it; p = p->next)
                    if (strcmp(p->string, it->string) == 0)
                        break;
                if (p != it) {
                    size_t mark = ars__vpush(c, it->string);
                    ERRK(c, it, "duplicate key \"%s\" (a JSON object may name a field once)",
                         it->string);
                    ars__vpop(c, mark);
                }
            }
        }
        for (it = v->child; it; it = it->next) {
            if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
                size_t mark = ars__vpush(c, it->string);
                check_dups(c, it);
                ars__vpop(c, mark);
            }
        }
    } else if (cJSON_IsArray(v)) {
        for (it = v->child; it; it = it->next, idx++) {
            if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
                size_t mark = ars__vpushi(c, idx);
                check_dups(c, it);
                ars__vpop(c, mark);
            }
        }
    }
}

/* -------------------------------------------------------------- values */

enum { NUM_ANY = 0, NUM_GE0 = 1, NUM_GT0 = 2, NUM_FRAC = 3 };

static const char *num_expect(int kind)
{
    switch (kind) {
    case NUM_GE0:
        return "a number >= 0";
    case NUM_GT0:
        return "a number > 0";
    case NUM_FRAC:
        return "a fraction between 0 and 1";
    default:
        return "a number";
    }
}

/* Checks v (at the current pointer) as a number of the given kind. */
static int num_value(ars__vctx *c, const cJSON *v, int kind, double *out)
{
    char dbuf[96];
    double x;
    if (!cJSON_IsNumber(v)) {
        ERR(c, v, "expected %s, found %s", num_expect(kind), DESC(v));
        return 0;
    }
    x = v->valuedouble;
    if (!isfinite(x)) {
        ERR(c, v, "expected a finite number, found %s", DESC(v));
        return 0;
    }
    if (fabs(x) > ARS__MAX_MAGNITUDE) {
        ERR(c, v, "expected %s of magnitude at most 1e15, found %s", num_expect(kind), DESC(v));
        return 0;
    }
    if ((kind == NUM_GE0 && x < 0) || (kind == NUM_GT0 && x <= 0) ||
        (kind == NUM_FRAC && (x < 0 || x > 1))) {
        ERR(c, v, "expected %s, found %s", num_expect(kind), DESC(v));
        return 0;
    }
    *out = x;
    return 1;
}

/* Optional or required number member. Returns 1 when present and valid. */
static int get_num(ars__vctx *c, const cJSON *obj, const char *name, int kind, int required,
                   double def, double *out)
{
    const cJSON *v = field(obj, name);
    size_t mark;
    int ok;
    *out = def;
    mark = ars__vpush(c, name);
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (%s)", name, num_expect(kind));
        ars__vpop(c, mark);
        return 0;
    }
    ok = num_value(c, v, kind, out);
    if (!ok)
        *out = def;
    ars__vpop(c, mark);
    return ok;
}

/* Integer member in [lo, hi]. The double is checked, never valueint (which
 * cJSON saturates and truncates). */
static int get_int(ars__vctx *c, const cJSON *obj, const char *name, int lo, int hi, int required,
                   int def, int *out)
{
    const cJSON *v = field(obj, name);
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

static int get_bool(ars__vctx *c, const cJSON *obj, const char *name, int def, int *out)
{
    const cJSON *v = field(obj, name);
    char dbuf[96];
    size_t mark;
    *out = def;
    if (!v)
        return 0;
    mark = ars__vpush(c, name);
    if (!cJSON_IsBool(v))
        ERR(c, v, "expected true or false, found %s", DESC(v));
    else
        *out = cJSON_IsTrue(v);
    ars__vpop(c, mark);
    return 1;
}

static int valid_id(const char *s)
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

#define ID_EXPECT "an id (1 to 64 characters from A-Z a-z 0-9 _ -)"

/* Checks v (at the current pointer) is an id string; returns it or NULL. */
static const char *id_value(ars__vctx *c, const cJSON *v)
{
    char dbuf[96];
    if (!cJSON_IsString(v) || !valid_id(v->valuestring)) {
        ERR(c, v, "expected %s, found %s", ID_EXPECT, DESC(v));
        return NULL;
    }
    return v->valuestring;
}

/* Optional or required string member; returns the document's string. */
static const char *get_str(ars__vctx *c, const cJSON *obj, const char *name, int required)
{
    const cJSON *v = field(obj, name);
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

static char *dup_or_oom(ars__vctx *c, const char *s)
{
    char *d;
    if (!s)
        return NULL;
    d = ars__strdup(s);
    if (!d)
        c->oom = 1;
    return d;
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

/* A series member: one number or exactly T numbers. Absent: NULL when
 * has_def is 0, else T copies of def. */
static double *get_series(ars__vctx *c, const cJSON *obj, const char *name, int kind, int required,
                          int has_def, double def)
{
    const cJSON *v = field(obj, name);
    char dbuf[96];
    size_t mark = ars__vpush(c, name);
    double *out = NULL, x;
    int t;
    if (!v) {
        if (required)
            ERR(c, obj,
                "missing required field \"%s\" (a series: %s, or an array of one per period)", name,
                num_expect(kind));
        else if (has_def && (out = alloc_series(c)) != NULL)
            for (t = 0; t < c->T; t++)
                out[t] = def;
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
             * pointer; num_value reports the rest. */
            if (cJSON_IsNumber(e) &&
                e->valuedouble >= (kind == NUM_ANY ? -ARS__MAX_MAGNITUDE : 0) &&
                e->valuedouble <= (kind == NUM_FRAC ? 1 : ARS__MAX_MAGNITUDE) &&
                (kind != NUM_GT0 || e->valuedouble > 0)) {
                if (out)
                    out[t] = e->valuedouble;
                continue;
            }
            m2 = ars__vpushi(c, t);
            if (num_value(c, e, kind, &x)) {
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
        if (num_value(c, v, kind, &x) && (out = alloc_series(c)) != NULL)
            for (t = 0; t < c->T; t++)
                out[t] = x;
    } else {
        ERR(c, v, "expected a series (%s, or an array of %d numbers), found %s", num_expect(kind),
            c->T, DESC(v));
    }
    ars__vpop(c, mark);
    return out;
}

/* The element of section sec named by string v (at the current pointer),
 * with "did you mean" for a near miss. */
static int ref_value(ars__vctx *c, const cJSON *v, ars__section *sec)
{
    char dbuf[96];
    int k;
    const char *hint;
    if (!cJSON_IsString(v)) {
        ERR(c, v, "expected the id of a %s, found %s", sec->what, DESC(v));
        return -1;
    }
    k = ars__idmap_get(&sec->map, v->valuestring);
    if (k >= 0)
        return k;
    hint = ars__suggest(v->valuestring, sec->ids, (size_t)sec->n);
    if (hint)
        ERR(c, v, "unknown %s \"%s\" (did you mean \"%s\"?)", sec->what, v->valuestring, hint);
    else if (sec->n == 0)
        ERR(c, v, "unknown %s \"%s\" (the model has no %s)", sec->what, v->valuestring, sec->name);
    else
        ERR(c, v, "unknown %s \"%s\" (not an id in /%s)", sec->what, v->valuestring, sec->name);
    return -1;
}

static int get_ref(ars__vctx *c, const cJSON *obj, const char *name, ars__section *sec,
                   int required)
{
    const cJSON *v = field(obj, name);
    size_t mark = ars__vpush(c, name);
    int k = -1;
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (the id of a %s)", name, sec->what);
    } else {
        k = ref_value(c, v, sec);
    }
    ars__vpop(c, mark);
    return k;
}

/* Country ids need no declaration: any id names a country. Interning gives
 * each distinct id one index. */
static int intern_country(ars__vctx *c, const char *id, int declared, int bloc)
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

static int country_value(ars__vctx *c, const cJSON *v)
{
    const char *id = id_value(c, v);
    if (!id)
        return -1;
    return intern_country(c, id, 0, -1);
}

static int get_country(ars__vctx *c, const cJSON *obj, const char *name, int required)
{
    const cJSON *v = field(obj, name);
    size_t mark = ars__vpush(c, name);
    int k = -1;
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (a country id)", name);
    } else {
        k = country_value(c, v);
    }
    ars__vpop(c, mark);
    return k;
}

static int period_value(ars__vctx *c, const cJSON *v)
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

static int get_period(ars__vctx *c, const cJSON *obj, const char *name, int def, int *out)
{
    const cJSON *v = field(obj, name);
    size_t mark;
    int k;
    *out = def;
    if (!v)
        return 0;
    mark = ars__vpush(c, name);
    k = period_value(c, v);
    if (k >= 0)
        *out = k;
    ars__vpop(c, mark);
    return k >= 0;
}

/* Matches s against a list of words; reports and returns -1 when none. */
static int enum_value(ars__vctx *c, const cJSON *v, const char *const *words, const char *list)
{
    char dbuf[96];
    int k;
    const char *hint;
    size_t n = 0;
    if (cJSON_IsString(v)) {
        for (k = 0; words[k]; k++, n++)
            if (strcmp(words[k], v->valuestring) == 0)
                return k;
        hint = ars__suggest(v->valuestring, words, n);
        if (hint) {
            ERR(c, v, "expected one of %s, found %s (did you mean \"%s\"?)", list, DESC(v), hint);
            return -1;
        }
    }
    ERR(c, v, "expected one of %s, found %s", list, DESC(v));
    return -1;
}

static int get_enum(ars__vctx *c, const cJSON *obj, const char *name, const char *const *words,
                    const char *list, int required, int def)
{
    const cJSON *v = field(obj, name);
    size_t mark = ars__vpush(c, name);
    int k = def;
    if (!v) {
        if (required)
            ERR(c, obj, "missing required field \"%s\" (one of %s)", name, list);
    } else {
        k = enum_value(c, v, words, list);
        if (k < 0)
            k = def;
    }
    ars__vpop(c, mark);
    return k;
}

/* An array member (absent: NULL, no error unless required). */
static const cJSON *get_array(ars__vctx *c, const cJSON *obj, const char *name, int required,
                              const char *what)
{
    const cJSON *v = field(obj, name);
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

static const cJSON *get_object(ars__vctx *c, const cJSON *obj, const char *name, int required,
                               const char *what)
{
    const cJSON *v = field(obj, name);
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

/* Allocates count zeroed elements of size sz (count may be 0). */
static void *alloc_items(ars__vctx *c, int count, size_t sz)
{
    void *p = ars__calloc(count > 0 ? (size_t)count : 1, sz);
    if (!p)
        c->oom = 1;
    return p;
}

/* --------------------------------------------------------------- ids */

static void section_init(ars__section *s, const char *name, const char *what)
{
    memset(s, 0, sizeof *s);
    s->name = name;
    s->what = what;
    ars__idmap_init(&s->map);
}

static void section_free(ars__section *s)
{
    ars__free(s->ids);
    ars__idmap_free(&s->map);
}

/* Reads the ids of one section; payee_base >= 0 also registers them as
 * payees numbered payee_base + i. */
static void section_ids(ars__vctx *c, ars__section *s, int payee_base)
{
    const cJSON *e;
    int i = 0;
    char dbuf[96];
    if (!s->arr)
        return;
    s->ids = ars__calloc((size_t)s->n + 1, sizeof *s->ids);
    if (!s->ids) {
        c->oom = 1;
        return;
    }
    for (e = s->arr->child; e; e = e->next, i++) {
        size_t mark = ars__vpushi(c, i), m2;
        const cJSON *v;
        const char *id;
        int old, r;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected a %s object, found %s", s->what, DESC(e));
            ars__vpop(c, mark);
            continue;
        }
        v = field(e, "id");
        m2 = ars__vpush(c, "id");
        if (!v) {
            ERR(c, e, "missing required field \"id\" (%s)", ID_EXPECT);
            ars__vpop(c, mark);
            continue;
        }
        id = id_value(c, v);
        if (!id) {
            ars__vpop(c, mark);
            continue;
        }
        r = ars__idmap_put(&s->map, id, i, &old);
        if (r < 0) {
            c->oom = 1;
        } else if (r == 0) {
            ERR(c, v, "duplicate %s id \"%s\" (already used by /%s/%d)", s->what, id, s->name, old);
        } else {
            s->ids[i] = id;
            if (payee_base >= 0) {
                r = ars__idmap_put(&c->payees, id, payee_base + i, &old);
                if (r < 0) {
                    c->oom = 1;
                } else if (r == 0) {
                    const struct ars_model *m = c->m;
                    const char *other = old < m->nlines                         ? "lines"
                                        : old < m->nlines + m->nsuppliers       ? "suppliers"
                                        : old < ars__npayees(m) - m->ncorridors ? "drawdowns"
                                                                                : "corridors";
                    int oi = old < m->nlines                   ? old
                             : old < m->nlines + m->nsuppliers ? old - m->nlines
                             : old < ars__npayees(m) - m->ncorridors
                                 ? old - m->nlines - m->nsuppliers
                                 : old - (ars__npayees(m) - m->ncorridors);
                    ERR(c, v,
                        "id \"%s\" is already used by /%s/%d: lines, suppliers, drawdowns and "
                        "corridors are all payees and need distinct ids",
                        id, other, oi);
                }
            }
        }
        (void)m2;
        ars__vpop(c, mark);
    }
}

/* ------------------------------------------------------------ periods */

/* Periods must be in time order. Labels carry no calendar, so order is
 * checked only when every label has the same shape of digits and other
 * characters ("2025Q1", "P7", "2025-03"): then their numbers, compared left
 * to right, must increase. Other label sets ("jan", "feb") are taken as
 * given. */
static void shape_of(const char *s, char *out, size_t len)
{
    size_t o = 0;
    while (*s && o + 2 < len) {
        if (*s >= '0' && *s <= '9') {
            out[o++] = '#';
            while (*s >= '0' && *s <= '9')
                s++;
        } else {
            out[o++] = *s++;
        }
    }
    out[o] = '\0';
}

/* <0, 0, >0 comparing the digit runs of a and b (same shape) as numbers. */
static int cmp_numbers(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9') {
            const char *ea, *eb;
            size_t la, lb;
            int r;
            while (*a == '0' && a[1] >= '0' && a[1] <= '9')
                a++;
            while (*b == '0' && b[1] >= '0' && b[1] <= '9')
                b++;
            for (ea = a; *ea >= '0' && *ea <= '9'; ea++)
                ;
            for (eb = b; *eb >= '0' && *eb <= '9'; eb++)
                ;
            la = (size_t)(ea - a);
            lb = (size_t)(eb - b);
            if (la != lb)
                return la < lb ? -1 : 1;
            r = strncmp(a, b, la);
            if (r)
                return r;
            a = ea;
            b = eb;
        } else {
            a++;
            b++;
        }
    }
    return 0;
}

static void load_periods(ars__vctx *c, const cJSON *root)
{
    struct ars_model *m = c->m;
    const cJSON *arr = get_array(c, root, "periods", 1, "period labels");
    const cJSON *e;
    char dbuf[96];
    int n, i = 0, ok = 1, same_shape = 1;
    char shape0[80], shape[80];
    size_t mark;
    c->T = -1;
    if (!arr)
        return;
    n = cJSON_GetArraySize(arr);
    mark = ars__vpush(c, "periods");
    if (n < 1) {
        ERR(c, arr, "expected at least one period, found an empty array");
        ars__vpop(c, mark);
        return;
    }
    if (n > c->lim.max_periods) {
        LIMIT(c, arr, "%d periods, over the limit max_periods=%d", n, c->lim.max_periods);
        ars__vpop(c, mark);
        return;
    }
    m->periods = ars__calloc((size_t)n, sizeof *m->periods);
    if (!m->periods) {
        c->oom = 1;
        ars__vpop(c, mark);
        return;
    }
    m->T = n;
    for (e = arr->child; e; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i);
        int old, r;
        if (!cJSON_IsString(e) || !valid_id(e->valuestring)) {
            ERR(c, e, "expected a period label (1 to 64 characters from A-Z a-z 0-9 _ -), found %s",
                DESC(e));
            ok = 0;
            ars__vpop(c, m2);
            continue;
        }
        m->periods[i] = ars__strdup(e->valuestring);
        if (!m->periods[i]) {
            c->oom = 1;
            ars__vpop(c, m2);
            break;
        }
        r = ars__idmap_put(&c->periods, m->periods[i], i, &old);
        if (r < 0) {
            c->oom = 1;
        } else if (r == 0) {
            ERR(c, e, "duplicate period \"%s\" (already /periods/%d)", e->valuestring, old);
            ok = 0;
        } else if (i > 0 && m->periods[i - 1] && same_shape) {
            shape_of(e->valuestring, shape, sizeof shape);
            if (strcmp(shape, shape0) != 0)
                same_shape = 0;
            else if (cmp_numbers(m->periods[i - 1], e->valuestring) >= 0) {
                ERR(c, e, "periods must be in time order: \"%s\" comes after \"%s\"",
                    e->valuestring, m->periods[i - 1]);
                ok = 0;
            }
        } else if (i == 0) {
            shape_of(e->valuestring, shape0, sizeof shape0);
        } else {
            same_shape = 0;
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
    /* Series lengths are checked against T even when a label is bad. */
    c->T = n;
    (void)ok;
}

/* ----------------------------------------------------------- sections */

static const char *const BLOCS[] = {"ukraine", "western", "other", NULL};
#define BLOC_LIST "\"ukraine\", \"western\", \"other\""

static void load_countries(ars__vctx *c, const cJSON *root)
{
    static const char *const F[] = {"id", "bloc", NULL};
    const cJSON *arr = get_array(c, root, "countries", 0, "countries");
    const cJSON *e;
    char dbuf[96];
    int i = 0;
    size_t mark;
    if (!arr)
        return;
    mark = ars__vpush(c, "countries");
    for (e = arr->child; e; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i);
        const cJSON *v;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected a country object {\"id\", \"bloc\"}, found %s", DESC(e));
        } else {
            int bloc;
            check_fields(c, e, F);
            bloc = get_enum(c, e, "bloc", BLOCS, BLOC_LIST, 1, -1);
            v = field(e, "id");
            if (!v) {
                ars__vpush(c, "id");
                ERR(c, e, "missing required field \"id\" (%s)", ID_EXPECT);
            } else {
                const char *id;
                ars__vpush(c, "id");
                id = id_value(c, v);
                if (id) {
                    int k = ars__idmap_get(&c->countries, id);
                    if (k >= 0)
                        ERR(c, v, "duplicate country id \"%s\" (already used by /countries/%d)", id,
                            k);
                    else
                        intern_country(c, id, 1, bloc);
                }
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static const char *const CATEGORIES[] = {"munitions",   "artillery", "drones",
                                         "air_defense", "other",     NULL};
#define CATEGORY_LIST "\"munitions\", \"artillery\", \"drones\", \"air_defense\", \"other\""

/* Calls fn for each object entry of a section, with the pointer set. */
#define FOR_ENTRIES(c, sec, i, e)                                                                  \
    for ((i) = 0, (e) = (sec)->arr ? (sec)->arr->child : NULL; (e); (e) = (e)->next, (i)++)

static void load_products(ars__vctx *c)
{
    static const char *const F[] = {"id", "name", "category", "unit", "mass", "holding_cost", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->products;
    const cJSON *e;
    int i;
    size_t mark = ars__vpush(c, s->name);
    m->products = alloc_items(c, s->n, sizeof *m->products);
    m->stocks = alloc_items(c, s->n, sizeof *m->stocks);
    if (!m->products || !m->stocks) {
        ars__vpop(c, mark);
        return;
    }
    m->nproducts = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__product *p = &m->products[i];
        size_t m2 = ars__vpushi(c, i);
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            p->id = dup_or_oom(c, s->ids[i]);
            p->name = dup_or_oom(c, get_str(c, e, "name", 0));
            if (!p->name)
                p->name = dup_or_oom(c, s->ids[i]);
            p->unit = dup_or_oom(c, get_str(c, e, "unit", 0));
            p->category = get_enum(c, e, "category", CATEGORIES, CATEGORY_LIST, 0, ARS_CAT_OTHER);
            get_num(c, e, "mass", NUM_GE0, 0, 0, &p->mass);
            get_num(c, e, "holding_cost", NUM_GE0, 0, 0, &p->holding_cost);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_components(ars__vctx *c)
{
    static const char *const F[] = {"id", "name", "unit", "initial", "controlled", "origin", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->components;
    const cJSON *e;
    int i;
    size_t mark;
    if (!s->arr)
        return;
    mark = ars__vpush(c, s->name);
    m->components = alloc_items(c, s->n, sizeof *m->components);
    if (!m->components) {
        ars__vpop(c, mark);
        return;
    }
    m->ncomponents = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__component *p = &m->components[i];
        size_t m2 = ars__vpushi(c, i);
        p->origin = -1;
        if (cJSON_IsObject(e)) {
            const cJSON *ctl = field(e, "controlled");
            check_fields(c, e, F);
            p->id = dup_or_oom(c, s->ids[i]);
            p->name = dup_or_oom(c, get_str(c, e, "name", 0));
            if (!p->name)
                p->name = dup_or_oom(c, s->ids[i]);
            p->unit = dup_or_oom(c, get_str(c, e, "unit", 0));
            get_num(c, e, "initial", NUM_GE0, 0, 0, &p->initial);
            /* `controlled: null` is the same as absent (the spec allows it). */
            if (ctl && !cJSON_IsNull(ctl)) {
                char dbuf[96];
                size_t m3 = ars__vpush(c, "controlled");
                if (!cJSON_IsString(ctl) || !ctl->valuestring[0])
                    ERR(c, ctl, "expected a regime label such as \"ITAR\", or null, found %s",
                        DESC(ctl));
                else
                    p->controlled = dup_or_oom(c, ctl->valuestring);
                ars__vpop(c, m3);
                p->origin = get_country(c, e, "origin", 1);
            } else if (field(e, "origin")) {
                /* An origin without a regime is harmless data (provenance). */
                p->origin = -1;
                get_country(c, e, "origin", 0);
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_produces(ars__vctx *c, ars__line *L, const cJSON *arr)
{
    static const char *const F[] = {"product", "rate", "cost", "labor", "bom", NULL};
    const cJSON *e;
    int i = 0, n = cJSON_GetArraySize(arr);
    char dbuf[96];
    size_t mark = ars__vpush(c, "produces");
    if (n > c->lim.max_items) {
        LIMIT(c, arr, "%d entries, over the limit max_items=%d", n, c->lim.max_items);
        ars__vpop(c, mark);
        return;
    }
    L->produces = alloc_items(c, n, sizeof *L->produces);
    if (!L->produces) {
        ars__vpop(c, mark);
        return;
    }
    L->nproduces = n;
    for (e = arr->child; e; e = e->next, i++) {
        ars__produce *p = &L->produces[i];
        size_t m2 = ars__vpushi(c, i);
        const cJSON *bom;
        p->product = -1;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected an object {\"product\", \"rate\", ...}, found %s", DESC(e));
            ars__vpop(c, m2);
            continue;
        }
        check_fields(c, e, F);
        p->product = get_ref(c, e, "product", &c->products, 1);
        if (p->product >= 0) {
            int j;
            for (j = 0; j < i; j++)
                if (L->produces[j].product == p->product) {
                    size_t m3 = ars__vpush(c, "product");
                    ERR(c, field(e, "product"),
                        "product \"%s\" already appears in produces/%d of this line: a product "
                        "may appear once per line",
                        c->products.ids[p->product], j);
                    ars__vpop(c, m3);
                    break;
                }
        }
        get_num(c, e, "rate", NUM_GT0, 0, 1, &p->rate);
        p->cost = get_series(c, e, "cost", NUM_GE0, 0, 1, 0);
        get_num(c, e, "labor", NUM_GE0, 0, 0, &p->labor);
        bom = get_object(c, e, "bom", 0, "an object of component id -> units per product unit");
        if (bom) {
            const cJSON *b;
            int nb = cJSON_GetArraySize(bom), k = 0;
            size_t m3 = ars__vpush(c, "bom");
            if (nb > c->lim.max_items) {
                LIMIT(c, bom, "%d entries, over the limit max_items=%d", nb, c->lim.max_items);
                nb = 0;
            }
            p->bom = nb ? alloc_items(c, nb, sizeof *p->bom) : NULL;
            for (b = nb ? bom->child : NULL; b && p->bom; b = b->next) {
                size_t m4 = ars__vpush(c, b->string);
                int comp = ars__idmap_get(&c->components.map, b->string);
                double q;
                if (comp < 0) {
                    const char *hint =
                        ars__suggest(b->string, c->components.ids, (size_t)c->components.n);
                    if (hint)
                        ERRK(c, b, "unknown component \"%s\" (did you mean \"%s\"?)", b->string,
                             hint);
                    else if (c->components.n == 0)
                        ERRK(c, b, "unknown component \"%s\" (the model has no components)",
                             b->string);
                    else
                        ERRK(c, b, "unknown component \"%s\" (not an id in /components)",
                             b->string);
                }
                if (num_value(c, b, NUM_GE0, &q) && comp >= 0) {
                    p->bom[k].component = comp;
                    p->bom[k].qty = q;
                    k++;
                }
                ars__vpop(c, m4);
            }
            p->nbom = k;
            ars__vpop(c, m3);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_lines(ars__vctx *c)
{
    static const char *const F[] = {"id",           "name",    "country",  "operator",   "capacity",
                                    "availability", "start",   "ramp",     "ramp_floor", "output0",
                                    "expansion",    "license", "produces", NULL};
    static const char *const FX[] = {"cost", "lead", "max", "step", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->lines;
    const cJSON *e;
    int i;
    size_t mark = ars__vpush(c, s->name);
    m->lines = alloc_items(c, s->n, sizeof *m->lines);
    if (!m->lines) {
        ars__vpop(c, mark);
        return;
    }
    m->nlines = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__line *L = &m->lines[i];
        size_t m2 = ars__vpushi(c, i);
        const cJSON *x, *pr;
        L->country = -1;
        L->license = -1;
        if (!cJSON_IsObject(e)) {
            ars__vpop(c, m2);
            continue;
        }
        check_fields(c, e, F);
        L->id = dup_or_oom(c, s->ids[i]);
        L->name = dup_or_oom(c, get_str(c, e, "name", 0));
        if (!L->name)
            L->name = dup_or_oom(c, s->ids[i]);
        L->operator_name = dup_or_oom(c, get_str(c, e, "operator", 0));
        L->country = get_country(c, e, "country", 1);
        L->capacity = get_series(c, e, "capacity", NUM_GE0, 1, 0, 0);
        L->availability = get_series(c, e, "availability", NUM_FRAC, 0, 1, 1);
        get_period(c, e, "start", 0, &L->start);
        L->has_ramp = get_num(c, e, "ramp", NUM_GE0, 0, 0, &L->ramp);
        get_num(c, e, "ramp_floor", NUM_GE0, 0, 0, &L->ramp_floor);
        L->has_output0 = get_num(c, e, "output0", NUM_GE0, 0, 0, &L->output0);
        x = get_object(c, e, "expansion", 0, "an object {\"cost\", \"lead\", \"max\", \"step\"}");
        if (x) {
            size_t m3 = ars__vpush(c, "expansion");
            check_fields(c, x, FX);
            L->has_expansion = 1;
            L->expansion_cost = get_series(c, x, "cost", NUM_GE0, 0, 1, 0);
            get_int(c, x, "lead", 0, ARS__MAX_INT, 0, 0, &L->expansion_lead);
            get_num(c, x, "max", NUM_GE0, 1, 0, &L->expansion_max);
            get_num(c, x, "step", NUM_GT0, 0, 0, &L->expansion_step);
            ars__vpop(c, m3);
        }
        if (field(e, "license"))
            L->license = get_ref(c, e, "license", &c->licences, 0);
        pr = get_array(c, e, "produces", 0, "products made");
        if (pr)
            load_produces(c, L, pr);
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_suppliers(ars__vctx *c)
{
    static const char *const F[] = {"id",       "component", "country", "operator",
                                    "capacity", "cost",      "lead",    NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->suppliers;
    const cJSON *e;
    int i;
    size_t mark;
    if (!s->arr)
        return;
    mark = ars__vpush(c, s->name);
    m->suppliers = alloc_items(c, s->n, sizeof *m->suppliers);
    if (!m->suppliers) {
        ars__vpop(c, mark);
        return;
    }
    m->nsuppliers = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__supplier *p = &m->suppliers[i];
        size_t m2 = ars__vpushi(c, i);
        p->component = p->country = -1;
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            p->id = dup_or_oom(c, s->ids[i]);
            p->operator_name = dup_or_oom(c, get_str(c, e, "operator", 0));
            p->component = get_ref(c, e, "component", &c->components, 1);
            p->country = get_country(c, e, "country", 0);
            p->capacity = get_series(c, e, "capacity", NUM_GE0, 1, 0, 0);
            p->cost = get_series(c, e, "cost", NUM_GE0, 0, 1, 0);
            get_int(c, e, "lead", 0, ARS__MAX_INT, 0, 0, &p->lead);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_drawdowns(ars__vctx *c)
{
    static const char *const F[] = {"id",    "product", "country", "available",
                                    "total", "cost",    "lead",    NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->drawdowns;
    const cJSON *e;
    int i;
    size_t mark;
    if (!s->arr)
        return;
    mark = ars__vpush(c, s->name);
    m->drawdowns = alloc_items(c, s->n, sizeof *m->drawdowns);
    if (!m->drawdowns) {
        ars__vpop(c, mark);
        return;
    }
    m->ndrawdowns = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__drawdown *p = &m->drawdowns[i];
        size_t m2 = ars__vpushi(c, i);
        p->product = p->country = -1;
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            p->id = dup_or_oom(c, s->ids[i]);
            p->product = get_ref(c, e, "product", &c->products, 1);
            p->country = get_country(c, e, "country", 0);
            p->available = get_series(c, e, "available", NUM_GE0, 1, 0, 0);
            p->has_total = get_num(c, e, "total", NUM_GE0, 0, 0, &p->total);
            p->cost = get_series(c, e, "cost", NUM_GE0, 0, 1, 0);
            get_int(c, e, "lead", 0, ARS__MAX_INT, 0, 0, &p->lead);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_corridors(ars__vctx *c)
{
    static const char *const F[] = {"id", "from", "lead", "capacity", "cost", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->corridors;
    const cJSON *e;
    int i;
    size_t mark;
    if (!s->arr)
        return;
    mark = ars__vpush(c, s->name);
    m->corridors = alloc_items(c, s->n, sizeof *m->corridors);
    if (!m->corridors) {
        ars__vpop(c, mark);
        return;
    }
    m->ncorridors = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__corridor *p = &m->corridors[i];
        size_t m2 = ars__vpushi(c, i);
        p->from = -1;
        if (cJSON_IsObject(e)) {
            int j;
            check_fields(c, e, F);
            p->id = dup_or_oom(c, s->ids[i]);
            p->from = get_country(c, e, "from", 1);
            for (j = 0; j < i && p->from >= 0; j++)
                if (m->corridors[j].from == p->from) {
                    size_t m3 = ars__vpush(c, "from");
                    ERR(c, field(e, "from"),
                        "a second corridor from \"%s\" (already /corridors/%d): at most one "
                        "corridor per country",
                        m->countries[p->from].id, j);
                    ars__vpop(c, m3);
                    break;
                }
            get_int(c, e, "lead", 0, ARS__MAX_INT, 0, 0, &p->lead);
            p->capacity = get_series(c, e, "capacity", NUM_GE0, 0, 0, 0);
            p->cost = get_series(c, e, "cost", NUM_GE0, 0, 1, 0);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

/* A list of references: resolves each element with fn into out[]. */
static int *ref_list(ars__vctx *c, const cJSON *arr, ars__section *sec, int *count)
{
    const cJSON *e;
    int n = cJSON_GetArraySize(arr), i = 0, k = 0;
    int *out = alloc_items(c, n, sizeof *out);
    *count = 0;
    if (!out)
        return NULL;
    for (e = arr->child; e; e = e->next, i++) {
        size_t mark = ars__vpushi(c, i);
        int r = sec ? ref_value(c, e, sec) : country_value(c, e);
        if (r >= 0)
            out[k++] = r;
        ars__vpop(c, mark);
    }
    *count = k;
    return out;
}

static const char *const STATUSES[] = {"granted", "denied", "pending", NULL};

static void load_licences(ars__vctx *c)
{
    static const char *const F[] = {"id",        "regime", "covers", "status", "effective",
                                    "submitted", "review", "slots",  NULL};
    static const char *const FC[] = {"lines", "countries", "components", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->licences;
    const cJSON *e;
    int i;
    size_t mark;
    if (!s->arr)
        return;
    mark = ars__vpush(c, s->name);
    m->licences = alloc_items(c, s->n, sizeof *m->licences);
    if (!m->licences) {
        ars__vpop(c, mark);
        return;
    }
    m->nlicences = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__licence *q = &m->licences[i];
        size_t m2 = ars__vpushi(c, i);
        const cJSON *cov;
        q->status = -1;
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            q->id = dup_or_oom(c, s->ids[i]);
            q->regime = dup_or_oom(c, get_str(c, e, "regime", 0));
            q->status =
                get_enum(c, e, "status", STATUSES, "\"granted\", \"denied\", \"pending\"", 1, -1);
            get_period(c, e, "effective", 0, &q->effective);
            get_period(c, e, "submitted", 0, &q->submitted);
            get_int(c, e, "review", 0, ARS__MAX_INT, 0, 1, &q->review);
            get_num(c, e, "slots", NUM_GE0, 0, 1, &q->slots);
            cov = get_object(c, e, "covers", 1,
                             "an object {\"lines\", \"countries\", \"components\"}");
            if (cov) {
                const cJSON *a;
                size_t m3 = ars__vpush(c, "covers");
                int lines_any, cc_any;
                check_fields(c, cov, FC);
                a = get_array(c, cov, "lines", 0, "line ids");
                if (a) {
                    size_t m4 = ars__vpush(c, "lines");
                    q->cover_lines = ref_list(c, a, &c->lines, &q->ncover_lines);
                    ars__vpop(c, m4);
                }
                a = get_array(c, cov, "countries", 0, "country ids");
                if (a) {
                    size_t m4 = ars__vpush(c, "countries");
                    q->has_cover_countries = 1;
                    q->cover_countries = ref_list(c, a, NULL, &q->ncover_countries);
                    ars__vpop(c, m4);
                }
                a = get_array(c, cov, "components", 0, "component ids");
                if (a) {
                    size_t m4 = ars__vpush(c, "components");
                    q->has_cover_components = 1;
                    q->cover_components = ref_list(c, a, &c->components, &q->ncover_components);
                    ars__vpop(c, m4);
                }
                /* It covers something through `lines`, or through the
                 * country/component clause when that clause can match. */
                lines_any = cJSON_GetArraySize(field(cov, "lines")) > 0;
                cc_any = (field(cov, "countries") || field(cov, "components")) &&
                         !(field(cov, "countries") &&
                           cJSON_GetArraySize(field(cov, "countries")) == 0) &&
                         !(field(cov, "components") &&
                           cJSON_GetArraySize(field(cov, "components")) == 0);
                if (!lines_any && !cc_any)
                    ERR(c, cov,
                        "the licence covers nothing: give a non-empty \"lines\", \"countries\" or "
                        "\"components\"");
                ars__vpop(c, m3);
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_workforce(ars__vctx *c, const cJSON *arr)
{
    static const char *const F[] = {"country", "available", NULL};
    struct ars_model *m = c->m;
    const cJSON *e;
    char dbuf[96];
    int i = 0, n = cJSON_GetArraySize(arr);
    size_t mark = ars__vpush(c, "workforce");
    m->workforce = alloc_items(c, n, sizeof *m->workforce);
    if (!m->workforce) {
        ars__vpop(c, mark);
        return;
    }
    m->nworkforce = n;
    for (e = arr->child; e; e = e->next, i++) {
        ars__workforce *w = &m->workforce[i];
        size_t m2 = ars__vpushi(c, i);
        w->country = -1;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected an object {\"country\", \"available\"}, found %s", DESC(e));
        } else {
            int j;
            check_fields(c, e, F);
            w->country = get_country(c, e, "country", 1);
            for (j = 0; j < i && w->country >= 0; j++)
                if (m->workforce[j].country == w->country) {
                    size_t m3 = ars__vpush(c, "country");
                    ERR(c, field(e, "country"),
                        "a second workforce entry for \"%s\" (already /workforce/%d)",
                        m->countries[w->country].id, j);
                    ars__vpop(c, m3);
                    break;
                }
            w->available = get_series(c, e, "available", NUM_GE0, 1, 0, 0);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_funds(ars__vctx *c)
{
    static const char *const F[] = {"id", "name", "amount", "carryover", "eligible", NULL};
    static const char *const FE[] = {"countries", "blocs", "operators", "payees", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->funds;
    const cJSON *e;
    char dbuf[96];
    int i;
    size_t mark;
    /* Payee ids as candidates for "did you mean". */
    ars__section payees;
    if (!s->arr)
        return;
    section_init(&payees, "lines, suppliers, drawdowns or corridors", "payee");
    payees.map = c->payees;
    {
        int np = ars__npayees(m), j;
        payees.ids = alloc_items(c, np, sizeof *payees.ids);
        payees.n = payees.ids ? np : 0;
        for (j = 0; j < payees.n; j++)
            payees.ids[j] = j < m->nlines                   ? c->lines.ids[j]
                            : j < m->nlines + m->nsuppliers ? c->suppliers.ids[j - m->nlines]
                            : j < np - m->ncorridors
                                ? c->drawdowns.ids[j - m->nlines - m->nsuppliers]
                                : c->corridors.ids[j - (np - m->ncorridors)];
    }
    mark = ars__vpush(c, s->name);
    m->funds = alloc_items(c, s->n, sizeof *m->funds);
    if (!m->funds) {
        ars__free(payees.ids);
        ars__vpop(c, mark);
        return;
    }
    m->nfunds = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__fund *f = &m->funds[i];
        size_t m2 = ars__vpushi(c, i);
        const cJSON *el;
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            f->id = dup_or_oom(c, s->ids[i]);
            f->name = dup_or_oom(c, get_str(c, e, "name", 0));
            if (!f->name)
                f->name = dup_or_oom(c, s->ids[i]);
            f->amount = get_series(c, e, "amount", NUM_GE0, 1, 0, 0);
            get_bool(c, e, "carryover", 0, &f->carryover);
            el = get_object(c, e, "eligible", 0,
                            "an object {\"countries\", \"blocs\", \"operators\", \"payees\"}");
            if (el) {
                const cJSON *a, *x;
                size_t m3 = ars__vpush(c, "eligible");
                int k;
                check_fields(c, el, FE);
                f->has_eligible = 1;
                a = get_array(c, el, "countries", 0, "country ids");
                if (a) {
                    size_t m4 = ars__vpush(c, "countries");
                    f->countries = ref_list(c, a, NULL, &f->n_countries);
                    ars__vpop(c, m4);
                }
                a = get_array(c, el, "blocs", 0, "blocs");
                if (a) {
                    size_t m4 = ars__vpush(c, "blocs");
                    f->blocs = alloc_items(c, cJSON_GetArraySize(a), sizeof *f->blocs);
                    k = 0;
                    for (x = a->child; x && f->blocs; x = x->next, k++) {
                        size_t m5 = ars__vpushi(c, k);
                        int b = enum_value(c, x, BLOCS, BLOC_LIST);
                        if (b >= 0)
                            f->blocs[f->n_blocs++] = b;
                        ars__vpop(c, m5);
                    }
                    ars__vpop(c, m4);
                }
                a = get_array(c, el, "operators", 0, "operator names");
                if (a) {
                    size_t m4 = ars__vpush(c, "operators");
                    f->operators = alloc_items(c, cJSON_GetArraySize(a), sizeof *f->operators);
                    k = 0;
                    for (x = a->child; x && f->operators; x = x->next, k++) {
                        size_t m5 = ars__vpushi(c, k);
                        if (!cJSON_IsString(x) || !x->valuestring[0])
                            ERR(c, x, "expected an operator name (a non-empty string), found %s",
                                DESC(x));
                        else if ((f->operators[f->n_operators] = dup_or_oom(c, x->valuestring)))
                            f->n_operators++;
                        ars__vpop(c, m5);
                    }
                    ars__vpop(c, m4);
                }
                a = get_array(c, el, "payees", 0, "payee ids");
                if (a) {
                    size_t m4 = ars__vpush(c, "payees");
                    f->payees = ref_list(c, a, &payees, &f->n_payees);
                    ars__vpop(c, m4);
                }
                ars__vpop(c, m3);
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
    ars__free(payees.ids);
}

static void load_requirements(ars__vctx *c)
{
    static const char *const F[] = {"id", "name", "demand", "priority", "met_by", NULL};
    struct ars_model *m = c->m;
    ars__section *s = &c->requirements;
    const cJSON *e;
    int i;
    size_t mark = ars__vpush(c, s->name);
    m->requirements = alloc_items(c, s->n, sizeof *m->requirements);
    if (!m->requirements) {
        ars__vpop(c, mark);
        return;
    }
    m->nrequirements = s->n;
    FOR_ENTRIES(c, s, i, e)
    {
        ars__requirement *r = &m->requirements[i];
        size_t m2 = ars__vpushi(c, i);
        const cJSON *mb;
        if (cJSON_IsObject(e)) {
            check_fields(c, e, F);
            r->id = dup_or_oom(c, s->ids[i]);
            r->name = dup_or_oom(c, get_str(c, e, "name", 0));
            if (!r->name)
                r->name = dup_or_oom(c, s->ids[i]);
            r->demand = get_series(c, e, "demand", NUM_GE0, 1, 0, 0);
            get_num(c, e, "priority", NUM_GT0, 0, 1, &r->priority);
            mb = get_object(c, e, "met_by", 0, "an object of product id -> effect per unit");
            if (mb) {
                const cJSON *b;
                int nb = cJSON_GetArraySize(mb), k = 0;
                size_t m3 = ars__vpush(c, "met_by");
                if (nb > c->lim.max_items) {
                    LIMIT(c, mb, "%d entries, over the limit max_items=%d", nb, c->lim.max_items);
                    nb = 0;
                }
                r->met_by = nb ? alloc_items(c, nb, sizeof *r->met_by) : NULL;
                for (b = nb ? mb->child : NULL; b && r->met_by; b = b->next) {
                    size_t m4 = ars__vpush(c, b->string);
                    int p = ars__idmap_get(&c->products.map, b->string);
                    double eff;
                    if (p < 0) {
                        const char *hint =
                            ars__suggest(b->string, c->products.ids, (size_t)c->products.n);
                        if (hint)
                            ERRK(c, b, "unknown product \"%s\" (did you mean \"%s\"?)", b->string,
                                 hint);
                        else
                            ERRK(c, b, "unknown product \"%s\" (not an id in /products)",
                                 b->string);
                    }
                    if (num_value(c, b, NUM_GT0, &eff) && p >= 0) {
                        r->met_by[k].product = p;
                        r->met_by[k].effect = eff;
                        k++;
                    }
                    ars__vpop(c, m4);
                }
                r->nmet_by = k;
                ars__vpop(c, m3);
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void load_stocks(ars__vctx *c, const cJSON *arr)
{
    static const char *const F[] = {"product",          "initial",  "reserve",
                                    "reserve_priority", "capacity", NULL};
    struct ars_model *m = c->m;
    const cJSON *e;
    char dbuf[96];
    int i = 0;
    size_t mark = ars__vpush(c, "stocks");
    int *first = alloc_items(c, m->nproducts, sizeof *first);
    if (!first) {
        ars__vpop(c, mark);
        return;
    }
    for (e = arr->child; e; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i);
        int p;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected an object {\"product\", \"initial\", ...}, found %s", DESC(e));
            ars__vpop(c, m2);
            continue;
        }
        check_fields(c, e, F);
        p = get_ref(c, e, "product", &c->products, 1);
        if (p >= 0 && p < m->nproducts && m->stocks) {
            ars__stock *st = &m->stocks[p];
            if (st->declared) {
                size_t m3 = ars__vpush(c, "product");
                ERR(c, field(e, "product"),
                    "a second stocks entry for product \"%s\" (already /stocks/%d)",
                    c->products.ids[p], first[p]);
                ars__vpop(c, m3);
            } else {
                st->declared = 1;
                first[p] = i;
                get_num(c, e, "initial", NUM_GE0, 0, 0, &st->initial);
                st->reserve = get_series(c, e, "reserve", NUM_GE0, 0, 0, 0);
                get_num(c, e, "reserve_priority", NUM_GE0, 0, 0, &st->reserve_priority);
                st->capacity = get_series(c, e, "capacity", NUM_GE0, 0, 0, 0);
            }
        }
        ars__vpop(c, m2);
    }
    ars__free(first);
    ars__vpop(c, mark);
}

static void load_objective(ars__vctx *c, const cJSON *o)
{
    static const char *const F[] = {"mode",       "shortfall_weight", "cost_weight",
                                    "discount",   "tolerance",        "relax",
                                    "time_limit", "mip_gap",          NULL};
    static const char *const MODES[] = {"lexicographic", "weighted", NULL};
    ars__objective *ob = &c->m->objective;
    size_t mark = ars__vpush(c, "objective");
    check_fields(c, o, F);
    ob->mode =
        get_enum(c, o, "mode", MODES, "\"lexicographic\", \"weighted\"", 0, ARS_OBJ_LEXICOGRAPHIC);
    get_num(c, o, "shortfall_weight", NUM_GE0, 0, 1e6, &ob->shortfall_weight);
    get_num(c, o, "cost_weight", NUM_GE0, 0, 1, &ob->cost_weight);
    get_num(c, o, "discount", NUM_GE0, 0, 0, &ob->discount);
    get_num(c, o, "tolerance", NUM_GE0, 0, 1e-7, &ob->tolerance);
    get_bool(c, o, "relax", 0, &ob->relax);
    get_num(c, o, "time_limit", NUM_GE0, 0, 0, &ob->time_limit);
    get_num(c, o, "mip_gap", NUM_GE0, 0, 0, &ob->mip_gap);
    ars__vpop(c, mark);
}

static void load_scenarios(ars__vctx *c, const cJSON *o)
{
    static const char *const F[] = {"description", "set", NULL};
    struct ars_model *m = c->m;
    const cJSON *e;
    char dbuf[96];
    int n = cJSON_GetArraySize(o);
    size_t mark = ars__vpush(c, "scenarios");
    m->scenarios = alloc_items(c, n, sizeof *m->scenarios);
    if (!m->scenarios) {
        ars__vpop(c, mark);
        return;
    }
    for (e = o->child; e; e = e->next) {
        size_t m2 = ars__vpush(c, e->string);
        ars__scenario *sc;
        const cJSON *set, *x;
        int k = 0;
        if (e->string[0] == '_') {
            ars__vpop(c, m2);
            continue;
        }
        if (!valid_id(e->string)) {
            ERRK(c, e,
                 "expected a scenario name (1 to 64 characters from A-Z a-z 0-9 _ -), found \"%s\"",
                 e->string);
        }
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "expected an object {\"description\", \"set\"}, found %s", DESC(e));
            ars__vpop(c, m2);
            continue;
        }
        check_fields(c, e, F);
        sc = &m->scenarios[m->nscenarios++];
        sc->name = dup_or_oom(c, e->string);
        sc->description = dup_or_oom(c, get_str(c, e, "description", 0));
        set = get_array(c, e, "set", 1, "parameter assignments (strings)");
        if (set) {
            size_t m3 = ars__vpush(c, "set");
            sc->set = alloc_items(c, cJSON_GetArraySize(set), sizeof *sc->set);
            for (x = set->child; x && sc->set; x = x->next, k++) {
                size_t m4 = ars__vpushi(c, k);
                if (!cJSON_IsString(x) || !x->valuestring[0])
                    ERR(c, x, "expected a parameter assignment such as \"PATH=VALUE\", found %s",
                        DESC(x));
                else if ((sc->set[sc->nset] = dup_or_oom(c, x->valuestring)))
                    sc->nset++;
                ars__vpop(c, m4);
            }
            ars__vpop(c, m3);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

/* ------------------------------------------------------ cross checks */

/* A fund matching on blocs needs every payee's country to have one. */
static void check_blocs(ars__vctx *c)
{
    struct ars_model *m = c->m;
    int f, uses = -1, j;
    for (f = 0; f < m->nfunds && uses < 0; f++)
        if (m->funds[f].n_blocs > 0)
            uses = f;
    if (uses < 0)
        return;
    for (j = 0; j < ars__npayees(m); j++) {
        int cty = ars__payee_country(m, j);
        const char *sec, *fld;
        int idx;
        size_t mark, m2;
        const cJSON *node;
        if (cty < 0 || m->countries[cty].declared)
            continue;
        if (j < m->nlines) {
            sec = "lines", fld = "country", idx = j;
        } else if (j < m->nlines + m->nsuppliers) {
            sec = "suppliers", fld = "country", idx = j - m->nlines;
        } else if (j < ars__npayees(m) - m->ncorridors) {
            sec = "drawdowns", fld = "country", idx = j - m->nlines - m->nsuppliers;
        } else {
            sec = "corridors", fld = "from", idx = j - (ars__npayees(m) - m->ncorridors);
        }
        node = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(m->doc, sec), idx);
        mark = ars__vpush(c, sec);
        ars__vpushi(c, idx);
        m2 = ars__vpush(c, fld);
        ERR(c, field(node, fld),
            "country \"%s\" is not declared in /countries, but fund \"%s\" is eligible by bloc "
            "(/funds/%d/eligible/blocs): declare it with its bloc",
            m->countries[cty].id, m->funds[uses].id ? m->funds[uses].id : "?", uses);
        (void)m2;
        ars__vpop(c, mark);
    }
}

/* ------------------------------------------------------------- limits */

/* Rough size of the program, from counts alone, so an oversized model is
 * refused before series are expanded or anything is built. The solver may
 * share or drop columns; this is an upper-side estimate. */
static void check_estimate(ars__vctx *c, const cJSON *root)
{
    double T = c->T, X = 0, B = 0, E = 0, U = 0, cols, nz;
    double L = c->lines.n, S = c->suppliers.n, K = c->drawdowns.n, C = c->corridors.n;
    double M = c->components.n, Q = c->licences.n, F = c->funds.n, R = c->requirements.n;
    double P = c->products.n, J = L + S + K + C;
    const cJSON *e, *pr;
    (void)root;
    if (c->T <= 0)
        return;
    for (e = c->lines.arr ? c->lines.arr->child : NULL; e; e = e->next) {
        const cJSON *p;
        if (!cJSON_IsObject(e))
            continue;
        if (field(e, "expansion"))
            E++;
        pr = field(e, "produces");
        if (!cJSON_IsArray(pr))
            continue;
        for (p = pr->child; p; p = p->next) {
            X++;
            B += cJSON_IsObject(field(p, "bom")) ? cJSON_GetArraySize(field(p, "bom")) : 0;
        }
    }
    for (e = c->requirements.arr ? c->requirements.arr->child : NULL; e; e = e->next)
        if (cJSON_IsObject(field(e, "met_by")))
            U += cJSON_GetArraySize(field(e, "met_by"));
    cols = T * (X + E + S + K + M + U + R + 2 * P + F * (J > 0 ? J : 1) + F + Q);
    nz = T * (5 * X + B + 3 * E + 3 * S + 3 * K + 2 * U + R + 4 * P + 2 * F * J + 2 * F + 4 * Q);
    if (cols > (double)c->lim.max_variables) {
        size_t mark = ars__vpush(c, "periods");
        LIMIT(c, field(root, "periods"),
              "the program would have about %.0f columns (%d periods), over the limit "
              "max_variables=%zu",
              cols, c->T, c->lim.max_variables);
        ars__vpop(c, mark);
    } else if (nz > (double)c->lim.max_nonzeros) {
        size_t mark = ars__vpush(c, "periods");
        LIMIT(c, field(root, "periods"),
              "the program would have about %.0f non-zeros (%d periods), over the limit "
              "max_nonzeros=%zu",
              nz, c->T, c->lim.max_nonzeros);
        ars__vpop(c, mark);
    }
}

/* ----------------------------------------------------------- location */

static int cmp_pend_node(const void *a, const void *b)
{
    const ars__pending *x = a, *y = b;
    if (x->node != y->node)
        return (size_t)x->node < (size_t)y->node ? -1 : 1;
    return 0;
}

static int cmp_pend_seq(const void *a, const void *b)
{
    const ars__pending *x = a, *y = b;
    if (x->seq != y->seq)
        return x->seq < y->seq ? -1 : 1;
    return 0;
}

static void number_nodes(const cJSON *v, size_t *seq, ars__pending *p, size_t n)
{
    /* Iterative pre-order walk (cJSON has no parent links, so parents are
     * kept on a stack; the scanner bounds the depth to 1000). */
    const cJSON *stack[1002];
    int depth = 0;
    const cJSON *cur = v;
    while (cur) {
        ars__pending key;
        ars__pending *hit;
        key.node = cur;
        hit = bsearch(&key, p, n, sizeof *p, cmp_pend_node);
        if (hit) {
            /* Every pending entry of this node (they are adjacent). */
            ars__pending *lo = hit, *hi = hit;
            while (lo > p && lo[-1].node == cur)
                lo--;
            while (hi + 1 < p + n && hi[1].node == cur)
                hi++;
            for (; lo <= hi; lo++)
                lo->seq = *seq;
        }
        (*seq)++;
        if (cur->child && depth < 1001) {
            stack[depth++] = cur;
            cur = cur->child;
            continue;
        }
        while (cur != v && !cur->next) {
            if (depth == 0)
                return;
            cur = stack[--depth];
        }
        if (cur == v)
            return;
        cur = cur->next;
    }
}

static void locate_pending(ars__vctx *c)
{
    size_t seq = 0, i, nu = 0;
    size_t *seqs;
    int *vl, *vc, *kl, *kc;
    if (c->npend == 0 || !c->text)
        return;
    qsort(c->pend, c->npend, sizeof *c->pend, cmp_pend_node);
    number_nodes(c->m->doc, &seq, c->pend, c->npend);
    qsort(c->pend, c->npend, sizeof *c->pend, cmp_pend_seq);
    seqs = ars__malloc(c->npend * sizeof *seqs);
    vl = ars__malloc(c->npend * sizeof *vl);
    vc = ars__malloc(c->npend * sizeof *vc);
    kl = ars__malloc(c->npend * sizeof *kl);
    kc = ars__malloc(c->npend * sizeof *kc);
    if (seqs && vl && vc && kl && kc) {
        for (i = 0; i < c->npend; i++)
            if (nu == 0 || seqs[nu - 1] != c->pend[i].seq)
                seqs[nu++] = c->pend[i].seq;
        ars__json_locate(c->text, c->len, seqs, nu, vl, vc, kl, kc);
        for (i = 0, nu = 0; i < c->npend; i++) {
            ars_diag_item *it = &c->diag->items[c->pend[i].item];
            while (seqs[nu] != c->pend[i].seq)
                nu++;
            it->line = c->pend[i].at_key ? kl[nu] : vl[nu];
            it->col = c->pend[i].at_key ? kc[nu] : vc[nu];
        }
    }
    /* Without memory the items simply keep line 0 (unknown). */
    ars__free(seqs);
    ars__free(vl);
    ars__free(vc);
    ars__free(kl);
    ars__free(kc);
}

/* --------------------------------------------------------------- root */

static const char *const ROOT_FIELDS[] = {
    "arsenal",   "name",      "description", "periods", "theatre",      "currency",
    "countries", "products",  "components",  "lines",   "suppliers",    "drawdowns",
    "corridors", "licenses",  "workforce",   "funds",   "requirements", "stocks",
    "licensing", "objective", "scenarios",   NULL};

static void section_arr(ars__vctx *c, const cJSON *root, ars__section *s, int required)
{
    s->arr = get_array(c, root, s->name, required, s->name);
    s->n = s->arr ? cJSON_GetArraySize(s->arr) : 0;
    if (s->n > c->lim.max_items) {
        size_t mark = ars__vpush(c, s->name);
        LIMIT(c, s->arr, "%d entries, over the limit max_items=%d", s->n, c->lim.max_items);
        ars__vpop(c, mark);
        s->arr = NULL;
        s->n = 0;
    }
}

static void validate(ars__vctx *c)
{
    struct ars_model *m = c->m;
    const cJSON *root = m->doc, *v;
    char dbuf[96];
    int version;
    if (!cJSON_IsObject(root)) {
        ERR(c, root, "expected the model object {\"arsenal\": 1, ...}, found %s", DESC(root));
        return;
    }
    check_dups(c, root);
    check_fields(c, root, ROOT_FIELDS);
    if (get_int(c, root, "arsenal", 0, 1000000, 1, 0, &version) && version != 1) {
        size_t mark = ars__vpush(c, "arsenal");
        ERR(c, field(root, "arsenal"), "unsupported format version %d (this arsenal reads 1)",
            version);
        ars__vpop(c, mark);
    }
    m->name = dup_or_oom(c, get_str(c, root, "name", 0));
    m->description = dup_or_oom(c, get_str(c, root, "description", 0));
    m->currency = dup_or_oom(c, get_str(c, root, "currency", 0));
    if (!m->currency && !c->oom)
        m->currency = dup_or_oom(c, "USD");
    load_periods(c, root);

    section_arr(c, root, &c->products, 1);
    section_arr(c, root, &c->components, 0);
    section_arr(c, root, &c->lines, 1);
    section_arr(c, root, &c->suppliers, 0);
    section_arr(c, root, &c->drawdowns, 0);
    section_arr(c, root, &c->corridors, 0);
    section_arr(c, root, &c->licences, 0);
    section_arr(c, root, &c->funds, 0);
    section_arr(c, root, &c->requirements, 1);
    {
        static const char *const other[] = {"countries", "workforce", "stocks"};
        size_t k;
        for (k = 0; k < 3; k++) {
            v = field(root, other[k]);
            if (cJSON_IsArray(v) && cJSON_GetArraySize(v) > c->lim.max_items) {
                size_t mark = ars__vpush(c, other[k]);
                LIMIT(c, v, "%d entries, over the limit max_items=%d", cJSON_GetArraySize(v),
                      c->lim.max_items);
                ars__vpop(c, mark);
            }
        }
    }
    if (c->limit_hit || c->oom)
        return;
    check_estimate(c, root);
    if (c->limit_hit || c->oom)
        return;

    /* Payee numbering needs the four counts before ids are registered. */
    m->nlines = c->lines.n;
    m->nsuppliers = c->suppliers.n;
    m->ndrawdowns = c->drawdowns.n;
    m->ncorridors = c->corridors.n;
    {
        size_t mark;
        ars__section *all[] = {&c->products,  &c->components, &c->lines,
                               &c->suppliers, &c->drawdowns,  &c->corridors,
                               &c->licences,  &c->funds,      &c->requirements};
        size_t k;
        for (k = 0; k < sizeof all / sizeof all[0]; k++) {
            int base = all[k] == &c->lines       ? 0
                       : all[k] == &c->suppliers ? m->nlines
                       : all[k] == &c->drawdowns ? m->nlines + m->nsuppliers
                       : all[k] == &c->corridors ? m->nlines + m->nsuppliers + m->ndrawdowns
                                                 : -1;
            mark = ars__vpush(c, all[k]->name);
            section_ids(c, all[k], base);
            ars__vpop(c, mark);
        }
        m->nlines = m->nsuppliers = m->ndrawdowns = m->ncorridors = 0;
    }
    if (c->oom)
        return;

    /* Declared countries first, then the theatre, then every other country
     * in order of appearance. */
    load_countries(c, root);
    v = field(root, "theatre");
    if (v) {
        size_t mark = ars__vpush(c, "theatre");
        m->theatre = country_value(c, v);
        ars__vpop(c, mark);
    } else {
        m->theatre = intern_country(c, "UA", 0, -1);
    }
    load_products(c);
    load_components(c);
    load_lines(c);
    load_suppliers(c);
    load_drawdowns(c);
    load_corridors(c);
    load_licences(c);
    v = get_object(c, root, "licensing", 0, "an object {\"review_slots\": series}");
    if (v) {
        static const char *const F[] = {"review_slots", NULL};
        size_t mark = ars__vpush(c, "licensing");
        check_fields(c, v, F);
        m->review_slots = get_series(c, v, "review_slots", NUM_GE0, 1, 0, 0);
        ars__vpop(c, mark);
    }
    v = get_array(c, root, "workforce", 0, "workforce entries");
    if (v)
        load_workforce(c, v);
    load_funds(c);
    load_requirements(c);
    v = get_array(c, root, "stocks", 0, "stock entries");
    if (v && m->stocks)
        load_stocks(c, v);
    m->objective.mode = ARS_OBJ_LEXICOGRAPHIC;
    m->objective.shortfall_weight = 1e6;
    m->objective.cost_weight = 1;
    m->objective.tolerance = 1e-7;
    v = get_object(c, root, "objective", 0, "an object {\"mode\", ...}");
    if (v)
        load_objective(c, v);
    v = get_object(c, root, "scenarios", 0,
                   "an object of scenario name -> {\"description\", \"set\"}");
    if (v)
        load_scenarios(c, v);
    if (c->oom)
        return;

    m->corridor_of_country = alloc_items(c, m->ncountries, sizeof *m->corridor_of_country);
    if (m->corridor_of_country) {
        int k;
        for (k = 0; k < m->ncountries; k++)
            m->corridor_of_country[k] = -1;
        for (k = 0; k < m->ncorridors; k++)
            if (m->corridors[k].from >= 0 && m->corridor_of_country[m->corridors[k].from] < 0)
                m->corridor_of_country[m->corridors[k].from] = k;
    }
    if (m->nfunds > 0 && !c->oom)
        check_blocs(c);
}

int ars__model_load_doc(cJSON *doc, const char *text, size_t len, const ars_limits *lim,
                        struct ars_model **out, ars_diag *diag)
{
    ars__vctx c;
    struct ars_model *m;
    size_t errors_before = diag->nerrors;
    int rc;
    *out = NULL;
    memset(&c, 0, sizeof c);
    if (lim)
        c.lim = *lim;
    else
        ars_limits_default(&c.lim);
    c.diag = diag;
    c.text = text;
    c.len = len;
    c.T = -1;
    ars__buf_init(&c.path, 0);
    /* An empty pointer buffer is "" (the whole document). */
    ars__buf_append(&c.path, "", 0);
    ars__idmap_init(&c.periods);
    ars__idmap_init(&c.countries);
    ars__idmap_init(&c.payees);
    section_init(&c.products, "products", "product");
    section_init(&c.components, "components", "component");
    section_init(&c.lines, "lines", "line");
    section_init(&c.suppliers, "suppliers", "supplier");
    section_init(&c.drawdowns, "drawdowns", "drawdown");
    section_init(&c.corridors, "corridors", "corridor");
    section_init(&c.licences, "licenses", "licence");
    section_init(&c.funds, "funds", "fund");
    section_init(&c.requirements, "requirements", "requirement");
    m = ars__calloc(1, sizeof *m);
    if (!m) {
        cJSON_Delete(doc);
        ars__buf_free(&c.path);
        return ARS_ENOMEM;
    }
    m->doc = doc;
    m->theatre = -1;
    c.m = m;

    validate(&c);
    ars__check_magnitudes(&c);
    if (!c.oom && diag->nerrors == errors_before)
        ars__model_warnings(&c);
    if (c.path.failed)
        c.oom = 1;
    if (!c.oom)
        locate_pending(&c);

    if (c.oom)
        rc = ARS_ENOMEM;
    else if (c.limit_hit)
        rc = ARS_ELIMIT;
    else if (diag->nerrors > errors_before)
        rc = ARS_EINVALID;
    else
        rc = ARS_OK;

    ars__buf_free(&c.path);
    ars__free(c.pend);
    ars__idmap_free(&c.periods);
    ars__idmap_free(&c.countries);
    ars__idmap_free(&c.payees);
    section_free(&c.products);
    section_free(&c.components);
    section_free(&c.lines);
    section_free(&c.suppliers);
    section_free(&c.drawdowns);
    section_free(&c.corridors);
    section_free(&c.licences);
    section_free(&c.funds);
    section_free(&c.requirements);
    if (rc != ARS_OK) {
        ars_model_free(m);
        return rc;
    }
    *out = m;
    return ARS_OK;
}
