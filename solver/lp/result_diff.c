/* result_diff.c - what changed from a base result to a variant's: the
 * comparison `arsenal whatif` prints and /v1/whatif returns, computed from
 * the two results' JSON so that both show the same numbers. Output changes
 * are grouped by product and round-off (under 1e-6 of the amounts compared)
 * is left out, so ties the solver broke another way and re-solve noise do
 * not read as news; degenerate prices are not among the results'
 * bottlenecks (explain.c), so their diff is the same warm or cold. */
#include "arsenal.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The item of array `arr` whose member `key` is the string `id`. */
static const cJSON *find_by(const cJSON *arr, const char *key, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        const char *s = str(e, key);
        if (s && id && strcmp(s, id) == 0)
            return e;
    }
    return NULL;
}

static double sum_series(const cJSON *a)
{
    const cJSON *e;
    double s = 0;
    if (cJSON_IsNumber(a))
        return a->valuedouble;
    cJSON_ArrayForEach(e, a) if (cJSON_IsNumber(e)) s += e->valuedouble;
    return s;
}

/* Differences within solver noise are reported as 0, so a variant that
 * changes nothing shows zero deltas whichever basis each solve ended in. */
static double delta_of(double b, double v)
{
    double d = v - b, scale = fmax(1.0, fmax(fabs(b), fabs(v)));
    if (isnan(b) || isnan(v))
        return NAN;
    return fabs(d) <= 1e-9 * scale ? 0.0 : d;
}

static cJSON *number_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* {"base": b, "variant": v, "delta": v - b}. Returns 0 on out of memory. */
static int add_triple(cJSON *o, const char *key, double b, double v)
{
    cJSON *t = cJSON_AddObjectToObject(o, key);
    if (!t)
        return 0;
    return cJSON_AddItemToObject(t, "base", number_or_null(b)) &&
           cJSON_AddItemToObject(t, "variant", number_or_null(v)) &&
           cJSON_AddItemToObject(t, "delta", number_or_null(delta_of(b, v)));
}

/* A bottleneck's name: its "id" or, without one, its string members
 * joined (e.g. "line_capacity rhm_ua 2026Q1..2026Q4"); its value: the first
 * of "value", "shortfall_value", "shadow_price". The explain work defines
 * the entries; this keeps whatif working whatever names it settles on. */
static void bottleneck_name(const cJSON *b, char *out, size_t n)
{
    const cJSON *e;
    size_t len = 0;
    const char *id = str(b, "id");
    if (id) {
        snprintf(out, n, "%s", id);
        return;
    }
    out[0] = '\0';
    cJSON_ArrayForEach(e, b)
    {
        int w;
        if (!cJSON_IsString(e) || strcmp(e->string, "unit") == 0 ||
            strcmp(e->string, "text") == 0 || strcmp(e->string, "message") == 0)
            continue;
        w = snprintf(out + len, n - len, "%s%s", len ? " " : "", e->valuestring);
        if (w < 0 || (size_t)w >= n - len)
            return;
        len += (size_t)w;
    }
}

static double bottleneck_value(const cJSON *b)
{
    static const char *const keys[] = {"value", "shortfall_value", "shadow_price", NULL};
    int i;
    for (i = 0; keys[i]; i++) {
        double v = num(b, keys[i]);
        if (!isnan(v))
            return v;
    }
    return NAN;
}

static const cJSON *find_bottleneck(const cJSON *arr, const char *name)
{
    const cJSON *e;
    char nm[256];
    cJSON_ArrayForEach(e, arr)
    {
        bottleneck_name(e, nm, sizeof nm);
        if (strcmp(nm, name) == 0)
            return e;
    }
    return NULL;
}

/* ----------------------------------------------------- comparison */

typedef struct line_delta {
    const char *line, *product;
    double b, v, d;
} line_delta;

static int cmp_line_delta(const void *a, const void *b)
{
    const line_delta *x = a, *y = b;
    double dx = fabs(x->d), dy = fabs(y->d);
    if (dx != dy)
        return dx < dy ? 1 : -1;
    return strcmp(x->line, y->line);
}

/* A change worth showing: above round-off relative to the amounts
 * compared (a plan re-solved from another basis moves by 1e-9 of them). */
static int changed(double x, double y)
{
    double d = delta_of(x, y);
    return isfinite(d) && fabs(d) > 1e-6 * fmax(fabs(x), fabs(y));
}

typedef struct product_delta {
    const char *product;
    double b, v, d;
    int first, n; /* its lines: ld[first .. first + n - 1] */
} product_delta;

static int cmp_product_delta(const void *a, const void *b)
{
    const product_delta *x = a, *y = b;
    double dx = fabs(x->d), dy = fabs(y->d);
    if (dx != dy)
        return dx < dy ? 1 : -1;
    /* Equal net change (often none: output moved between lines): the one
     * with the larger moves first. */
    if (x->n != y->n)
        return y->n - x->n;
    return strcmp(x->product, y->product);
}

static int cmp_by_product(const void *a, const void *b)
{
    const line_delta *x = a, *y = b;
    int c = strcmp(x->product, y->product);
    return c ? c : cmp_line_delta(a, b);
}

/* "lines": the (line, product) pairs whose output over the horizon changed
 * most; "products": the same grouped by product, with each product's net
 * change, so that two lines trading the same output (a tie the solver broke
 * the other way) read as a move, not as two changes. Changes below 1e-6 of
 * the amounts compared are round-off and left out. 0 on out of memory. */
static int output_changes(cJSON *o, const cJSON *bplan, const cJSON *vplan, int top)
{
    const cJSON *e;
    cJSON *arr, *parr;
    line_delta *ld;
    product_delta *pd;
    int nld = 0, npd = 0, cap = cJSON_GetArraySize(get(bplan, "production")), i, k;
    ld = ars__calloc((size_t)(cap > 0 ? cap : 1), sizeof *ld);
    pd = ars__calloc((size_t)(cap > 0 ? cap : 1), sizeof *pd);
    if (!ld || !pd) {
        ars__free(ld);
        ars__free(pd);
        return 0;
    }
    cJSON_ArrayForEach(e, get(bplan, "production"))
    {
        const char *line = str(e, "line"), *prod = str(e, "product");
        const cJSON *ve;
        double x = sum_series(get(e, "output")), y = NAN;
        if (!line || !prod)
            continue;
        cJSON_ArrayForEach(ve, get(vplan, "production"))
        {
            const char *l2 = str(ve, "line"), *p2 = str(ve, "product");
            if (l2 && p2 && !strcmp(l2, line) && !strcmp(p2, prod)) {
                y = sum_series(get(ve, "output"));
                break;
            }
        }
        if (isnan(y) || nld >= cap)
            continue;
        ld[nld].line = line;
        ld[nld].product = prod;
        ld[nld].b = x;
        ld[nld].v = y;
        ld[nld].d = y - x;
        nld++;
    }
    /* Products: totals over every line, and the lines that changed. */
    qsort(ld, (size_t)nld, sizeof *ld, cmp_by_product);
    for (i = 0; i < nld; i++) {
        if (npd == 0 || strcmp(pd[npd - 1].product, ld[i].product) != 0) {
            pd[npd].product = ld[i].product;
            pd[npd].first = i;
            npd++;
        }
        pd[npd - 1].b += ld[i].b;
        pd[npd - 1].v += ld[i].v;
        if (changed(ld[i].b, ld[i].v))
            pd[npd - 1].n++;
    }
    for (k = 0; k < npd; k++)
        pd[k].d = changed(pd[k].b, pd[k].v) ? pd[k].v - pd[k].b : 0;
    parr = cJSON_AddArrayToObject(o, "products");
    {
        /* Only products with a changed line; by net change. */
        int kept = 0;
        for (k = 0; k < npd; k++)
            if (pd[k].n > 0)
                pd[kept++] = pd[k];
        npd = kept;
    }
    qsort(pd, (size_t)npd, sizeof *pd, cmp_product_delta);
    for (k = 0; parr && k < npd && k < top; k++) {
        cJSON *r = cJSON_CreateObject(), *la;
        int shown = 0;
        if (!r || !cJSON_AddItemToArray(parr, r) ||
            !cJSON_AddStringToObject(r, "product", pd[k].product) ||
            !add_triple(r, "output", pd[k].b, pd[k].d == 0 ? pd[k].b : pd[k].v) ||
            !(la = cJSON_AddArrayToObject(r, "lines")))
            parr = NULL;
        /* Lines of a product sit together, largest change first. */
        for (i = pd[k].first;
             parr && i < nld && shown < top && strcmp(ld[i].product, pd[k].product) == 0; i++) {
            cJSON *x;
            if (!changed(ld[i].b, ld[i].v))
                continue;
            x = cJSON_CreateObject();
            if (!x || !cJSON_AddItemToArray(la, x) ||
                !cJSON_AddStringToObject(x, "line", ld[i].line) ||
                !add_triple(x, "output", ld[i].b, ld[i].v))
                parr = NULL;
            shown++;
        }
    }
    /* The flat list, as before: largest changes over all products. */
    k = 0;
    for (i = 0; i < nld; i++)
        if (changed(ld[i].b, ld[i].v))
            ld[k++] = ld[i];
    nld = k;
    qsort(ld, (size_t)nld, sizeof *ld, cmp_line_delta);
    arr = parr ? cJSON_AddArrayToObject(o, "lines") : NULL;
    for (i = 0; arr && i < nld && i < top; i++) {
        cJSON *r = cJSON_CreateObject();
        if (!r || !cJSON_AddItemToArray(arr, r) ||
            !cJSON_AddStringToObject(r, "line", ld[i].line) ||
            !cJSON_AddStringToObject(r, "product", ld[i].product) ||
            !add_triple(r, "output", ld[i].b, ld[i].v))
            arr = NULL;
    }
    ars__free(ld);
    ars__free(pd);
    return arr != NULL;
}

/* Adds the comparison of variant v against base b to o. 0 on out of memory. */
static int compare(cJSON *o, const cJSON *b, const cJSON *v, int top)
{
    const cJSON *bo = get(b, "objective"), *vo = get(v, "objective");
    const cJSON *bplan = get(b, "plan"), *vplan = get(v, "plan");
    const cJSON *e, *bb = get(b, "bottlenecks"), *vb = get(v, "bottlenecks");
    cJSON *arr;

    if (!add_triple(o, "shortfall", num(bo, "shortfall"), num(vo, "shortfall")) ||
        !add_triple(o, "cost", num(bo, "cost"), num(vo, "cost")) ||
        !add_triple(o, "variation", num(bo, "variation"), num(vo, "variation")))
        return 0;

    arr = cJSON_AddArrayToObject(o, "requirements");
    if (!arr)
        return 0;
    cJSON_ArrayForEach(e, get(b, "requirements"))
    {
        const char *id = str(e, "id");
        const cJSON *ve = find_by(get(v, "requirements"), "id", id);
        const cJSON *bt = get(e, "total"), *vt = get(ve, "total");
        cJSON *r = cJSON_CreateObject();
        if (!r || !cJSON_AddItemToArray(arr, r) || !cJSON_AddStringToObject(r, "id", id) ||
            !add_triple(r, "shortfall", num(bt, "shortfall"), num(vt, "shortfall")) ||
            !add_triple(r, "fill_rate", num(bt, "fill_rate"), num(vt, "fill_rate")))
            return 0;
    }

    arr = cJSON_AddArrayToObject(o, "funds");
    if (!arr)
        return 0;
    cJSON_ArrayForEach(e, get(bplan, "funds"))
    {
        const char *id = str(e, "fund");
        const cJSON *ve = find_by(get(vplan, "funds"), "fund", id);
        cJSON *r = cJSON_CreateObject();
        if (!r || !cJSON_AddItemToArray(arr, r) || !cJSON_AddStringToObject(r, "id", id) ||
            !add_triple(r, "spent", num(e, "total_spent"), num(ve, "total_spent")) ||
            !add_triple(r, "amount", num(e, "total_amount"), num(ve, "total_amount")))
            return 0;
    }

    /* Bottlenecks only when the results carry them (explain). */
    if (cJSON_IsArray(bb) || cJSON_IsArray(vb)) {
        cJSON *bo2 = cJSON_AddObjectToObject(o, "bottlenecks");
        cJSON *app, *gone, *chg;
        char nm[256];
        if (!bo2 || !(app = cJSON_AddArrayToObject(bo2, "appeared")) ||
            !(gone = cJSON_AddArrayToObject(bo2, "went_away")) ||
            !(chg = cJSON_AddArrayToObject(bo2, "changed")))
            return 0;
        cJSON_ArrayForEach(e, vb)
        {
            bottleneck_name(e, nm, sizeof nm);
            if (!find_bottleneck(bb, nm)) {
                cJSON *r = cJSON_CreateObject();
                if (!r || !cJSON_AddItemToArray(app, r) || !cJSON_AddStringToObject(r, "id", nm) ||
                    !cJSON_AddItemToObject(r, "value", number_or_null(bottleneck_value(e))))
                    return 0;
            }
        }
        cJSON_ArrayForEach(e, bb)
        {
            const cJSON *ve;
            bottleneck_name(e, nm, sizeof nm);
            ve = find_bottleneck(vb, nm);
            if (!ve) {
                cJSON *r = cJSON_CreateObject();
                if (!r || !cJSON_AddItemToArray(gone, r) || !cJSON_AddStringToObject(r, "id", nm) ||
                    !cJSON_AddItemToObject(r, "value", number_or_null(bottleneck_value(e))))
                    return 0;
            } else {
                double x = bottleneck_value(e), y = bottleneck_value(ve);
                if (changed(x, y)) {
                    cJSON *r = cJSON_CreateObject();
                    if (!r || !cJSON_AddItemToArray(chg, r) ||
                        !cJSON_AddStringToObject(r, "id", nm) || !add_triple(r, "value", x, y))
                        return 0;
                }
            }
        }
    }

    arr = cJSON_AddArrayToObject(o, "licences");
    if (!arr)
        return 0;
    cJSON_ArrayForEach(e, get(bplan, "licences"))
    {
        const char *id = str(e, "licence");
        const cJSON *ve = find_by(get(vplan, "licences"), "licence", id);
        const char *x = str(e, "approved"), *y = str(ve, "approved");
        if ((x == NULL) != (y == NULL) || (x && y && strcmp(x, y) != 0)) {
            cJSON *r = cJSON_CreateObject();
            if (!r || !cJSON_AddItemToArray(arr, r) || !cJSON_AddStringToObject(r, "id", id) ||
                !cJSON_AddItemToObject(r, "base", x ? cJSON_CreateString(x) : cJSON_CreateNull()) ||
                !cJSON_AddItemToObject(r, "variant",
                                       y ? cJSON_CreateString(y) : cJSON_CreateNull()))
                return 0;
        }
    }

    return output_changes(o, bplan, vplan, top);
}

cJSON *ars_result_diff(const cJSON *base, const cJSON *variant, int top)
{
    cJSON *o = cJSON_CreateObject();
    if (o && !compare(o, base, variant, top)) {
        cJSON_Delete(o);
        o = NULL;
    }
    return o;
}
