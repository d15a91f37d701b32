/* rules.c - the rules of the format that span fields, items or sections:
 * what the schema's walk over one field at a time cannot say. Field rules
 * run right after the field they follow (named in its schema row), so their
 * errors come in document order; the model rules run from validate.c. */
#include "model/rules.h"
#include "model/vctx.h"

#include <stdio.h>
#include <string.h>

#define ERR ARS__ERR
#define DESC ARS__DESC

/* ------------------------------------------------------- field rules */

void ars__rule_product_once_per_line(ars__vctx *c, const ars__rule_arg *a)
{
    const ars__produce *p = a->base, *all = a->items;
    int j;
    if (p->product < 0)
        return;
    for (j = 0; j < a->index; j++)
        if (all[j].product == p->product) {
            ERR(c, ars__member(a->obj, "product"),
                "product \"%s\" already appears in produces/%d of this line: a product "
                "may appear once per line",
                c->sec[ARS__SEC_PRODUCTS].ids[p->product], j);
            return;
        }
}

void ars__rule_one_corridor_per_country(ars__vctx *c, const ars__rule_arg *a)
{
    const ars__corridor *p = a->base, *all = a->items;
    int j;
    for (j = 0; j < a->index && p->from >= 0; j++)
        if (all[j].from == p->from) {
            ERR(c, ars__member(a->obj, "from"),
                "a second corridor from \"%s\" (already /corridors/%d): at most one "
                "corridor per country",
                c->m->countries[p->from].id, j);
            return;
        }
}

void ars__rule_one_workforce_per_country(ars__vctx *c, const ars__rule_arg *a)
{
    const ars__workforce *w = a->base, *all = a->items;
    int j;
    for (j = 0; j < a->index && w->country >= 0; j++)
        if (all[j].country == w->country) {
            ERR(c, ars__member(a->obj, "country"),
                "a second workforce entry for \"%s\" (already /workforce/%d)",
                c->m->countries[w->country].id, j);
            return;
        }
}

/* It covers something through `lines`, or through the country/component
 * clause when that clause can match. */
void ars__rule_licence_covers_something(ars__vctx *c, const ars__rule_arg *a)
{
    const cJSON *cov = ars__member(a->obj, "covers");
    const cJSON *lines, *countries, *components;
    int lines_any, cc_any;
    if (!cJSON_IsObject(cov))
        return;
    lines = ars__member(cov, "lines");
    countries = ars__member(cov, "countries");
    components = ars__member(cov, "components");
    lines_any = cJSON_GetArraySize(lines) > 0;
    cc_any = (countries || components) && !(countries && cJSON_GetArraySize(countries) == 0) &&
             !(components && cJSON_GetArraySize(components) == 0);
    if (!lines_any && !cc_any)
        ERR(c, cov,
            "the licence covers nothing: give a non-empty \"lines\", \"countries\" or "
            "\"components\"");
}

/* --------------------------------------------------------------- ids */

/* Reads the ids of one section; payee_base >= 0 also registers them as
 * payees numbered payee_base + i. */
void ars__rule_section_ids(ars__vctx *c, ars__sec sec, int payee_base)
{
    ars__section *s = &c->sec[sec];
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
            ARS__ERR(c, e, "expected a %s object, found %s", s->what, ARS__DESC(e));
            ars__vpop(c, mark);
            continue;
        }
        v = ars__member(e, "id");
        m2 = ars__vpush(c, "id");
        if (!v) {
            ARS__ERR(c, e, "missing required field \"id\" (%s)", ARS__ID_EXPECT);
            ars__vpop(c, mark);
            continue;
        }
        id = ars__id_value(c, v);
        if (!id) {
            ars__vpop(c, mark);
            continue;
        }
        r = ars__idmap_put(&s->map, id, i, &old);
        if (r < 0) {
            c->oom = 1;
        } else if (r == 0) {
            ARS__ERR(c, v, "duplicate %s id \"%s\" (already used by /%s/%d)", s->what, id, s->name,
                     old);
        } else {
            s->ids[i] = id;
            if (payee_base >= 0) {
                r = ars__idmap_put(&c->sec[ARS__SEC_PAYEES].map, id, payee_base + i, &old);
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
                    ARS__ERR(c, v,
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

/* ----------------------------------------------------------- periods */

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

void ars__rule_periods(ars__vctx *c, const void *rootp)
{
    const cJSON *root = rootp;
    struct ars_model *m = c->m;
    const cJSON *arr = ars__get_array(c, root, "periods", 1, "period labels");
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
        ARS__ERR(c, arr, "expected at least one period, found an empty array");
        ars__vpop(c, mark);
        return;
    }
    if (n > c->lim.max_periods) {
        ARS__LIMIT(c, arr, "%d periods, over the limit max_periods=%d", n, c->lim.max_periods);
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
        if (!cJSON_IsString(e) || !ars__valid_id(e->valuestring)) {
            ARS__ERR(c, e,
                     "expected a period label (1 to 64 characters from A-Z a-z 0-9 _ -), found %s",
                     ARS__DESC(e));
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
            ARS__ERR(c, e, "duplicate period \"%s\" (already /periods/%d)", e->valuestring, old);
            ok = 0;
        } else if (i > 0 && m->periods[i - 1] && same_shape) {
            shape_of(e->valuestring, shape, sizeof shape);
            if (strcmp(shape, shape0) != 0)
                same_shape = 0;
            else if (cmp_numbers(m->periods[i - 1], e->valuestring) >= 0) {
                ARS__ERR(c, e, "periods must be in time order: \"%s\" comes after \"%s\"",
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

/* ------------------------------------------------------ model rules */

/* A fund matching on blocs needs every payee's country to have one. */
void ars__rule_blocs(ars__vctx *c)
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
        ARS__ERR(
            c, ars__member(node, fld),
            "country \"%s\" is not declared in /countries, but fund \"%s\" is eligible by bloc "
            "(/funds/%d/eligible/blocs): declare it with its bloc",
            m->countries[cty].id, m->funds[uses].id ? m->funds[uses].id : "?", uses);
        (void)m2;
        ars__vpop(c, mark);
    }
}

/* Rough size of the program, from counts alone, so an oversized model is
 * refused before series are expanded or anything is built. The solver may
 * share or drop columns; this is an upper-side estimate. */
void ars__rule_estimate(ars__vctx *c, const void *rootp)
{
    const cJSON *root = rootp;
    double T = c->T, X = 0, B = 0, E = 0, U = 0, cols, nz;
    double L = c->sec[ARS__SEC_LINES].n, S = c->sec[ARS__SEC_SUPPLIERS].n;
    double K = c->sec[ARS__SEC_DRAWDOWNS].n, C = c->sec[ARS__SEC_CORRIDORS].n;
    double M = c->sec[ARS__SEC_COMPONENTS].n, Q = c->sec[ARS__SEC_LICENCES].n;
    double F = c->sec[ARS__SEC_FUNDS].n, R = c->sec[ARS__SEC_REQUIREMENTS].n;
    double P = c->sec[ARS__SEC_PRODUCTS].n, J = L + S + K + C;
    const cJSON *e, *pr;
    if (c->T <= 0)
        return;
    for (e = c->sec[ARS__SEC_LINES].arr ? c->sec[ARS__SEC_LINES].arr->child : NULL; e;
         e = e->next) {
        const cJSON *p;
        if (!cJSON_IsObject(e))
            continue;
        if (ars__member(e, "expansion"))
            E++;
        pr = ars__member(e, "produces");
        if (!cJSON_IsArray(pr))
            continue;
        for (p = pr->child; p; p = p->next) {
            X++;
            B += cJSON_IsObject(ars__member(p, "bom")) ? cJSON_GetArraySize(ars__member(p, "bom"))
                                                       : 0;
        }
    }
    for (e = c->sec[ARS__SEC_REQUIREMENTS].arr ? c->sec[ARS__SEC_REQUIREMENTS].arr->child : NULL; e;
         e = e->next)
        if (cJSON_IsObject(ars__member(e, "met_by")))
            U += cJSON_GetArraySize(ars__member(e, "met_by"));
    cols = T * (X + E + S + K + M + U + R + 2 * P + F * (J > 0 ? J : 1) + F + Q);
    nz = T * (5 * X + B + 3 * E + 3 * S + 3 * K + 2 * U + R + 4 * P + 2 * F * J + 2 * F + 4 * Q);
    if (cols > (double)c->lim.max_variables) {
        size_t mark = ars__vpush(c, "periods");
        ARS__LIMIT(c, ars__member(root, "periods"),
                   "the program would have about %.0f columns (%d periods), over the limit "
                   "max_variables=%zu",
                   cols, c->T, c->lim.max_variables);
        ars__vpop(c, mark);
    } else if (nz > (double)c->lim.max_nonzeros) {
        size_t mark = ars__vpush(c, "periods");
        ARS__LIMIT(c, ars__member(root, "periods"),
                   "the program would have about %.0f non-zeros (%d periods), over the limit "
                   "max_nonzeros=%zu",
                   nz, c->T, c->lim.max_nonzeros);
        ars__vpop(c, mark);
    }
}

void ars__rule_fund_countries(ars__vctx *c, int known)
{
    struct ars_model *m = c->m;
    const char **cands = ars__valloc(c, known > 0 ? known : 1, sizeof *cands);
    const cJSON *funds = cJSON_GetObjectItemCaseSensitive(m->doc, "funds"), *fe;
    int f = 0, k;
    if (!cands)
        return;
    for (k = 0; k < known; k++)
        cands[k] = m->countries[k].id;
    for (fe = funds ? funds->child : NULL; fe; fe = fe->next, f++) {
        const cJSON *list = ars__member(ars__member(fe, "eligible"), "countries"), *x;
        int j = 0;
        if (!cJSON_IsArray(list))
            continue;
        for (x = list->child; x; x = x->next, j++) {
            int cty = cJSON_IsString(x) ? ars__idmap_get(&c->countries, x->valuestring) : -1;
            const char *hint;
            size_t mark;
            /* Below `known`, another field named the country first; an
             * invalid id was already reported by the walk. */
            if (cty < known)
                continue;
            hint = ars__suggest(x->valuestring, cands, (size_t)known);
            mark = ars__vpush(c, "funds");
            ars__vpushi(c, f);
            ars__vpush(c, "eligible");
            ars__vpush(c, "countries");
            ars__vpushi(c, j);
            if (hint)
                ARS__ERR(c, x,
                         "\"%s\" is not a country of this model (did you mean \"%s\"?): no "
                         "payee, licence or workforce is there and /countries does not declare it",
                         x->valuestring, hint);
            else
                ARS__ERR(c, x,
                         "\"%s\" is not a country of this model: no payee, licence or workforce "
                         "is there and /countries does not declare it",
                         x->valuestring);
            ars__vpop(c, mark);
        }
    }
    ars__free(cands);
}
