/* magnitude.c - refuses numbers a double-precision simplex cannot honour
 * and warns about a coefficient range it cannot hold (magnitude.h says
 * why). Driven by the coefficient class of the schema's fields (schema.h:
 * which fields reach the program, and when they are matrix coefficients),
 * walked on the JSON document so that every offending value is reported at
 * its own pointer and line:column, whether or not the rest of the model is
 * valid. */
#include "model/magnitude.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Where the smallest or largest coefficient was seen. */
typedef struct extreme {
    double value; /* 0 while none seen */
    const cJSON *node;
    char pointer[256];
} extreme;

/* The way from the root to the value being checked, one step per level, on
 * the walk's stack: the JSON pointer is spelled out only for a value that
 * is reported or remembered, not for each of the millions that pass. */
typedef struct step {
    const struct step *up;
    const char *key; /* member name; NULL for an array element */
    int index;
} step;

typedef struct walker {
    ars__vctx *c;
    int coef_rows[ARS__COEF_WITH_LICENSING + 1]; /* whether the rows of each class exist */
    extreme lo, hi;
} walker;

static void push_steps(ars__vctx *c, const step *s)
{
    if (!s)
        return;
    push_steps(c, s->up);
    if (s->key)
        ars__vpush(c, s->key);
    else
        ars__vpushi(c, s->index);
}

/* Sets the context's pointer to the value at s (pop back to 0 after). */
static void point_at(ars__vctx *c, const step *s)
{
    ars__vpop(c, 0);
    push_steps(c, s);
}

static void remember(walker *w, extreme *e, double x, const cJSON *node, const step *at)
{
    const ars__buf *p = &w->c->path;
    size_t n;
    point_at(w->c, at);
    n = p->data && !p->failed ? p->len : 0;
    if (n >= sizeof e->pointer)
        n = sizeof e->pointer - 1;
    e->value = x;
    e->node = node;
    memcpy(e->pointer, n ? p->data : "", n);
    e->pointer[n] = '\0';
    ars__vpop(w->c, 0);
}

static void check_value(walker *w, const ars__field *f, const cJSON *v, const step *at)
{
    double x = v->valuedouble, size = fabs(x);
    char num[40];
    /* Zero is exact; non-finite and over-1e15 values, and negative ones
     * where the field's domain has none, are refused by validate.c with the
     * rule they break. */
    if (!isfinite(x) || x == 0 || size > ARS__MAX_MAGNITUDE || (x < 0 && f->domain != ARS__DOM_ANY))
        return;
    if (size < ARS_MAGNITUDE_MIN || size > ARS_MAGNITUDE_MAX) {
        ars__fmt_double(num, sizeof num, x);
        point_at(w->c, at);
        ars__vreport(w->c, ARS_SEV_ERROR, v, 0,
                     "expected 0 or a magnitude between 1e-9 and 1e12 (a double-precision "
                     "solver cannot honour others: change the unit), found the number %s",
                     num);
        ars__vpop(w->c, 0);
        return;
    }
    if (!w->coef_rows[ars__field_coef(f)])
        return;
    if (w->lo.value == 0 || size < w->lo.value)
        remember(w, &w->lo, size, v, at);
    if (size > w->hi.value)
        remember(w, &w->hi, size, v, at);
}

static void walk(walker *w, const ars__table *t, const cJSON *o, const step *at);

/* The numbers of a limited field: one, a series' elements, or a map's
 * values (whose members are ids, and an id may start with `_`: none is
 * skipped as a comment; an entry written as an object is walked along the
 * map's entry table). */
static void leaf(walker *w, const ars__field *f, const cJSON *v, const step *at)
{
    const cJSON *e;
    step s = {at, NULL, 0};
    if (cJSON_IsNumber(v)) {
        check_value(w, f, v, at);
        return;
    }
    if (f->type == ARS__FT_SERIES && cJSON_IsArray(v)) {
        for (e = v->child; e; e = e->next, s.index++)
            if (cJSON_IsNumber(e))
                check_value(w, f, e, &s);
    } else if (f->type == ARS__FT_MAP && cJSON_IsObject(v)) {
        for (e = v->child; e; e = e->next) {
            s.key = e->string;
            if (e->string && cJSON_IsNumber(e))
                check_value(w, f, e, &s);
            else if (e->string && f->sub && cJSON_IsObject(e))
                walk(w, f->sub, e, &s);
        }
    }
}

/* The fields of table t in the object o, and the tables below them. */
static void walk(walker *w, const ars__table *t, const cJSON *o, const step *at)
{
    size_t k;
    for (k = 0; k < t->nfields && !w->c->oom; k++) {
        const ars__field *f = &t->fields[k];
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, f->name);
        step s = {at, f->name, 0};
        if (!v)
            continue;
        if (f->type == ARS__FT_OBJECT && cJSON_IsObject(v)) {
            walk(w, f->sub, v, &s);
        } else if (f->type == ARS__FT_ITEMS && cJSON_IsArray(v)) {
            const cJSON *e;
            step item = {&s, NULL, 0};
            for (e = v->child; e; e = e->next, item.index++)
                if (cJSON_IsObject(e))
                    walk(w, f->sub, e, &item);
        } else if (ars__field_coef(f) != ARS__COEF_NONE) {
            leaf(w, f, v, &s);
        }
    }
}

static int nonempty_array(const cJSON *root, const char *name)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, name);
    return cJSON_IsArray(a) && a->child != NULL;
}

/* The coefficient range, with the 1s every balance row has. */
static void warn_range(walker *w)
{
    ars__vctx *c = w->c;
    double lo = w->lo.value > 0 && w->lo.value < 1 ? w->lo.value : 1;
    double hi = w->hi.value > 1 ? w->hi.value : 1;
    const extreme *far;
    char slo[40], shi[40], sratio[40];
    if (hi / lo <= ARS_COEFFICIENT_RANGE_WARN)
        return;
    far = hi >= 1 / lo ? &w->hi : &w->lo;
    ars__fmt_double(slo, sizeof slo, lo);
    ars__fmt_double(shi, sizeof shi, hi);
    snprintf(sratio, sizeof sratio, "%.3g", hi / lo);
    ars__vpop(c, 0);
    ars__buf_puts(&c->path, far->pointer);
    ars__vreport(c, ARS_SEV_WARNING, far->node, 0,
                 "the program's coefficients span a ratio of %s, over 1e9: largest %s%s%s, "
                 "smallest %s%s%s (balance rows also hold 1s); the solver's relative tolerances "
                 "(about 1e-7) cannot honour both ends: change units (e.g. thousands of units, "
                 "millions of money)",
                 sratio, shi, hi > 1 ? " at " : "", hi > 1 ? w->hi.pointer : "", slo,
                 lo < 1 ? " at " : "", lo < 1 ? w->lo.pointer : "");
    ars__vpop(c, 0);
}

void ars__check_magnitudes(ars__vctx *c)
{
    const cJSON *root = c->m ? c->m->doc : NULL;
    walker w;
    if (c->oom || c->limit_hit || !cJSON_IsObject(root))
        return;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.coef_rows[ARS__COEF_ALWAYS] = 1;
    w.coef_rows[ARS__COEF_WITH_FUNDS] = nonempty_array(root, "funds");
    w.coef_rows[ARS__COEF_WITH_WORKFORCE] = nonempty_array(root, "workforce");
    w.coef_rows[ARS__COEF_WITH_CORRIDORS] = nonempty_array(root, "corridors");
    w.coef_rows[ARS__COEF_WITH_LICENSING] =
        cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "licensing"));
    walk(&w, &ars__schema_root, root, NULL);
    if (!c->oom && c->nerrors_added == 0)
        warn_range(&w);
}
