/* path_struct.c - a sweep point's model without the JSON round trip.
 *
 * ars_model_apply copies the whole document, applies the assignment and
 * loads (validates) the copy again: on the baseline that costs about as
 * much as a warm re-solve. For the commonest sweep, one number or series of
 * one item named by id (`requirements.fires_155.demand`, `funds.F.amount`),
 * the loaded model differs from the base in that value alone, so the point
 * shares everything else with the base and only the changed values are
 * checked, with the same rules the loader applies to them. Anything this
 * cannot prove identical to the loader's answer (another path shape, a field
 * with a cross-field rule or a presence flag, a value the loader would
 * refuse) is declined, and the caller takes the full path, which then gives
 * the loader's own error. */
#include "model/model.h"
#include "model/path_impl.h"

#include <math.h>
#include <string.h>

/* The variant and what it owns; `m` first so that the model pointer handed
 * out is the overlay's. */
typedef struct overlay {
    struct ars_model m;
    void *items;    /* the copied section array */
    double *series; /* the changed series, or NULL */
} overlay;

#define AT(base, off, type) ((type *)(void *)((char *)(base) + (off)))
#define CAT(base, off, type) ((type const *)(const void *)((const char *)(base) + (off)))

/* 1 when x is a value the loader accepts for f (values.c ars__num_value,
 * magnitude.c check_value). */
static int acceptable(const ars__field *f, double x)
{
    ars__domain d = f->domain;
    double size = fabs(x);
    if (!isfinite(x) || size > ARS__MAX_MAGNITUDE)
        return 0;
    if ((d == ARS__DOM_GE0 && x < 0) || (d == ARS__DOM_GT0 && x <= 0) ||
        (d == ARS__DOM_FRAC && (x < 0 || x > 1)) || (d == ARS__DOM_SHARE && (x <= 0 || x > 1)))
        return 0;
    if (ars__field_coef(f) != ARS__COEF_NONE && x != 0 &&
        (size < ARS_MAGNITUDE_MIN || size > ARS_MAGNITUDE_MAX))
        return 0;
    return 1;
}

int ars__path_overlay(const ars__path *p, const ars_model *base, ars__op op, double value,
                      ars_model **out)
{
    const ars__field *sec, *leaf, *key;
    const ars__table *t;
    char *arr;
    int n, i, k, T = base->T, nvals;
    double *cur = NULL, *vals, one;
    size_t ncur = 0;
    overlay *o;
    *out = NULL;
    if (!p || p->nhops != 3 || p->has_periods || p->in_map || !base->doc || T <= 0 ||
        (op != ARS__OP_SET && op != ARS__OP_MUL))
        return 0;
    sec = p->hops[0].f;
    leaf = p->hops[2].f;
    if (p->hops[0].type != HOP_FIELD || p->hops[1].type != HOP_SELECT || p->hops[1].sel != SEL_ID ||
        p->hops[2].type != HOP_FIELD || !p->hops[1].id)
        return 0;
    if (sec->type != ARS__FT_ITEMS || !(t = sec->sub) || !t->key || !t->size || leaf != p->leaf ||
        (leaf->type != ARS__FT_NUMBER && leaf->type != ARS__FT_SERIES) || leaf->rule ||
        (leaf->flags & ARS__FL_HAS))
        return 0;
    /* Only a field of the item itself: the path compiler already checked
     * that it belongs to t. */
    key = ars__schema_field(t, t->key, strlen(t->key));
    if (!key || key->type != ARS__FT_ID)
        return 0;
    arr = *CAT(base, sec->offset, char *);
    n = *CAT(base, sec->count, int);
    for (i = 0; i < n; i++)
        if (strcmp(*AT(arr + (size_t)i * t->size, key->offset, char *), p->hops[1].id) == 0)
            break;
    if (!arr || i == n)
        return 0;
    /* The loaded value must be the document's (no value this field holds is
     * derived at load): otherwise the struct is not what a load of the
     * changed document would give. */
    if (leaf->type == ARS__FT_SERIES) {
        vals = *AT(arr + (size_t)i * t->size, leaf->offset, double *);
        nvals = T;
    } else {
        vals = AT(arr + (size_t)i * t->size, leaf->offset, double);
        nvals = 1;
    }
    /* A series written as one number reads as that number. */
    if (!vals || ars__path_get_numbers(p, base->doc, &cur, &ncur, NULL) != ARS_OK ||
        (ncur != (size_t)nvals && ncur != 1)) {
        ars__free(cur);
        return 0;
    }
    for (k = 0; k < nvals; k++)
        if (memcmp(&cur[ncur == 1 ? 0 : k], &vals[k], sizeof(double)) != 0)
            break;
    ars__free(cur);
    if (k < nvals)
        return 0;
    for (k = 0; k < nvals; k++) {
        one = op == ARS__OP_MUL ? vals[k] * value : value;
        if (!acceptable(leaf, one))
            return 0;
    }
    o = ars__calloc(1, sizeof *o);
    if (!o)
        return 0;
    o->m = *base;
    o->items = ars__malloc((size_t)n * t->size);
    if (leaf->type == ARS__FT_SERIES)
        o->series = ars__malloc(sizeof(double) * (size_t)T);
    if (!o->items || (leaf->type == ARS__FT_SERIES && !o->series)) {
        ars__free(o->items);
        ars__free(o->series);
        ars__free(o);
        return 0;
    }
    memcpy(o->items, arr, (size_t)n * t->size);
    *AT(&o->m, sec->offset, void *) = o->items;
    if (leaf->type == ARS__FT_SERIES) {
        for (k = 0; k < T; k++)
            o->series[k] = op == ARS__OP_MUL ? vals[k] * value : value;
        *AT((char *)o->items + (size_t)i * t->size, leaf->offset, double *) = o->series;
    } else {
        *AT((char *)o->items + (size_t)i * t->size, leaf->offset, double) =
            op == ARS__OP_MUL ? vals[0] * value : value;
    }
    *out = &o->m;
    return 1;
}

void ars__path_overlay_free(ars_model *m)
{
    overlay *o = (overlay *)(void *)m;
    if (!o)
        return;
    ars__free(o->items);
    ars__free(o->series);
    ars__free(o);
}
