/* warn.c - warnings on a model that loaded without errors: things that are
 * legal but almost certainly not what the planner meant (a line that can
 * never produce, money nobody may spend, a limit that limits nothing).
 * Warnings never stop a solve. The list is in docs/model-validation.md. */
#include "model/vctx.h"

#include <stdio.h>
#include <string.h>

#define WARN(c, node, ...) ars__vreport((c), ARS_SEV_WARNING, (node), 0, __VA_ARGS__)
#define WARNK(c, node, ...) ars__vreport((c), ARS_SEV_WARNING, (node), 1, __VA_ARGS__)

static const cJSON *item(const cJSON *doc, const char *sec, int i)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, sec), i);
}

static const cJSON *member(const cJSON *obj, const char *name)
{
    return obj ? cJSON_GetObjectItemCaseSensitive(obj, name) : NULL;
}

static int series_positive(const double *s, int T)
{
    int t;
    if (!s)
        return 0;
    for (t = 0; t < T; t++)
        if (s[t] > 0)
            return 1;
    return 0;
}

/* A line's product that needs a controlled component from another country
 * with no licence that covers it (or only denied ones) never produces; a
 * component with no supplier and no initial stock cannot be used at all. */
static void warn_gating(ars__vctx *c)
{
    const struct ars_model *m = c->m;
    int l, p, b, q;
    const cJSON *jl;
    int *has_supplier = ars__calloc(m->ncomponents > 0 ? (size_t)m->ncomponents : 1, sizeof(int));
    if (!has_supplier) {
        c->oom = 1;
        return;
    }
    for (b = 0; b < m->nsuppliers; b++)
        if (m->suppliers[b].component >= 0)
            has_supplier[m->suppliers[b].component] = 1;
    /* Walk the document's lines beside the resolved ones (GetArrayItem
     * per line would be quadratic). */
    jl = member(m->doc, "lines") ? member(m->doc, "lines")->child : NULL;
    for (l = 0; l < m->nlines; l++, jl = jl ? jl->next : NULL) {
        const ars__line *L = &m->lines[l];
        const cJSON *jp = member(jl, "produces") ? member(jl, "produces")->child : NULL;
        for (p = 0; p < L->nproduces; p++, jp = jp ? jp->next : NULL) {
            const ars__produce *pr = &L->produces[p];
            const cJSON *jbom = member(jp, "bom");
            for (b = 0; b < pr->nbom; b++) {
                const ars__component *cm = &m->components[pr->bom[b].component];
                int covering = 0, usable = 0;
                size_t mark;
                if (pr->bom[b].qty <= 0)
                    continue;
                mark = ars__vpush(c, "lines");
                ars__vpushi(c, l);
                ars__vpush(c, "produces");
                ars__vpushi(c, p);
                ars__vpush(c, "bom");
                ars__vpush(c, cm->id);
                if (!has_supplier[pr->bom[b].component] && cm->initial <= 0)
                    WARNK(c, member(jbom, cm->id),
                          "line \"%s\" can never make \"%s\": component \"%s\" has no supplier "
                          "and no initial stock",
                          L->id, m->products[pr->product].id, cm->id);
                if (cm->controlled && cm->origin >= 0 && cm->origin != L->country) {
                    for (q = 0; q < m->nlicences; q++)
                        if (ars__licence_covers(m, q, l, pr->bom[b].component)) {
                            covering++;
                            if (m->licences[q].status != ARS_LIC_DENIED)
                                usable++;
                        }
                    if (covering == 0)
                        WARNK(c, member(jbom, cm->id),
                              "line \"%s\" can never make \"%s\": component \"%s\" is controlled "
                              "(%s, origin %s) and no licence covers its use at this line",
                              L->id, m->products[pr->product].id, cm->id, cm->controlled,
                              m->countries[cm->origin].id);
                    else if (usable == 0)
                        WARNK(c, member(jbom, cm->id),
                              "line \"%s\" can never make \"%s\": component \"%s\" is controlled "
                              "(%s, origin %s) and every licence covering it is denied",
                              L->id, m->products[pr->product].id, cm->id, cm->controlled,
                              m->countries[cm->origin].id);
                }
                ars__vpop(c, mark);
            }
        }
    }
    ars__free(has_supplier);
}

static void warn_licences(ars__vctx *c)
{
    const struct ars_model *m = c->m;
    int l, q;
    for (l = 0; l < m->nlines; l++) {
        const ars__line *L = &m->lines[l];
        if (L->license >= 0 && m->licences[L->license].status == ARS_LIC_DENIED) {
            size_t mark = ars__vpush(c, "lines");
            ars__vpushi(c, l);
            ars__vpush(c, "license");
            WARN(c, member(item(m->doc, "lines", l), "license"),
                 "line \"%s\" can never produce: its licence \"%s\" is denied", L->id,
                 m->licences[L->license].id);
            ars__vpop(c, mark);
        }
    }
    /* A pending review that cannot finish inside the horizon never makes
     * its licence usable. */
    for (q = 0; q < m->nlicences; q++) {
        const ars__licence *Q = &m->licences[q];
        if (Q->status == ARS_LIC_PENDING && Q->submitted + Q->review >= m->T) {
            size_t mark = ars__vpush(c, "licenses");
            ars__vpushi(c, q);
            WARN(c, item(m->doc, "licenses", q),
                 "pending licence \"%s\" cannot be approved within the horizon: review of %d "
                 "period(s) from \"%s\" ends after the last period \"%s\"",
                 Q->id, Q->review, m->periods[Q->submitted], m->periods[m->T - 1]);
            ars__vpop(c, mark);
        }
    }
}

static int payee_has_cost(const struct ars_model *m, int j)
{
    int T = m->T, p;
    if (j < m->nlines) {
        const ars__line *L = &m->lines[j];
        for (p = 0; p < L->nproduces; p++)
            if (series_positive(L->produces[p].cost, T))
                return 1;
        return L->has_expansion && series_positive(L->expansion_cost, T);
    }
    j -= m->nlines;
    if (j < m->nsuppliers)
        return series_positive(m->suppliers[j].cost, T);
    j -= m->nsuppliers;
    if (j < m->ndrawdowns)
        return series_positive(m->drawdowns[j].cost, T);
    j -= m->ndrawdowns;
    if (!series_positive(m->corridors[j].cost, T))
        return 0;
    /* Transport is charged per tonne: with no mass there is nothing to pay. */
    for (p = 0; p < m->nproducts; p++)
        if (m->products[p].mass > 0)
            return 1;
    return 0;
}

static void warn_funds(ars__vctx *c)
{
    const struct ars_model *m = c->m;
    int j, f;
    if (m->nfunds == 0)
        return;
    for (j = 0; j < ars__npayees(m); j++) {
        const char *sec;
        int idx, any = 0;
        size_t mark;
        if (!payee_has_cost(m, j))
            continue;
        for (f = 0; f < m->nfunds && !any; f++)
            any = ars__fund_may_pay(m, f, j);
        if (any)
            continue;
        if (j < m->nlines)
            sec = "lines", idx = j;
        else if (j < m->nlines + m->nsuppliers)
            sec = "suppliers", idx = j - m->nlines;
        else if (j < ars__npayees(m) - m->ncorridors)
            sec = "drawdowns", idx = j - m->nlines - m->nsuppliers;
        else
            sec = "corridors", idx = j - (ars__npayees(m) - m->ncorridors);
        mark = ars__vpush(c, sec);
        ars__vpushi(c, idx);
        WARN(c, item(m->doc, sec, idx),
             "%s \"%s\" has costs but no fund is eligible to pay it, so it cannot spend (and "
             "cannot operate)",
             sec[0] == 'l'   ? "line"
             : sec[0] == 's' ? "supplier"
             : sec[0] == 'd' ? "drawdown"
                             : "corridor",
             ars__payee_id(m, j));
        ars__vpop(c, mark);
    }
}

/* A fund eligible for a country where nothing can be paid: most likely a
 * line, supplier or drawdown is missing, or the wrong country was named. */
static void warn_fund_countries(ars__vctx *c)
{
    const struct ars_model *m = c->m;
    const cJSON *funds = member(m->doc, "funds"), *fe;
    int f = 0, j, k;
    for (fe = funds ? funds->child : NULL; fe; fe = fe->next, f++) {
        const cJSON *list = member(member(fe, "eligible"), "countries"), *x;
        if (!cJSON_IsArray(list))
            continue;
        for (x = list->child, k = 0; x; x = x->next, k++) {
            int cty = ars__idmap_get(&c->countries, x->valuestring), paid = 0;
            size_t mark;
            for (j = 0; j < ars__npayees(m) && !paid; j++)
                paid = ars__payee_country(m, j) == cty;
            if (paid)
                continue;
            mark = ars__vpush(c, "funds");
            ars__vpushi(c, f);
            ars__vpush(c, "eligible");
            ars__vpush(c, "countries");
            ars__vpushi(c, k);
            WARN(c, x,
                 "fund \"%s\" is eligible for country \"%s\", but no line, supplier, drawdown "
                 "or corridor is there, so this entry pays nothing",
                 m->funds[f].id, x->valuestring);
            ars__vpop(c, mark);
        }
    }
}

/* A field of stocks entry i (the JSON object e) that does nothing because
 * the field `zero` beside it is 0. */
static void warn_stock(ars__vctx *c, const cJSON *e, int i, const char *field, const char *product,
                       const char *zero)
{
    size_t mark = ars__vpush(c, "stocks");
    ars__vpushi(c, i);
    ars__vpush(c, field);
    WARN(c, member(e, field), "the %s of \"%s\" has no effect: its \"%s\" is 0", field, product,
         zero);
    ars__vpop(c, mark);
}

static void warn_limits(ars__vctx *c)
{
    const struct ars_model *m = c->m;
    int k, p, massive = 0;
    for (p = 0; p < m->nproducts; p++)
        if (m->products[p].mass > 0)
            massive = 1;
    for (k = 0; k < m->ncorridors && !massive; k++) {
        if (m->corridors[k].capacity) {
            size_t mark = ars__vpush(c, "corridors");
            ars__vpushi(c, k);
            ars__vpush(c, "capacity");
            WARN(c, member(item(m->doc, "corridors", k), "capacity"),
                 "corridor \"%s\" has a capacity in tonnes, but every product has mass 0, so it "
                 "limits nothing (give products a \"mass\")",
                 m->corridors[k].id);
            ars__vpop(c, mark);
        }
    }
    for (p = 0; p < m->nproducts; p++) {
        const ars__stock *s = &m->stocks[p];
        int no_reserve =
            s->declared && series_positive(s->reserve, m->T) && s->reserve_priority <= 0;
        /* A weight without a goal is most likely a forgotten terminal (a
         * weight of 1, the default, says nothing either way). */
        int no_terminal = s->declared && s->terminal <= 0 && s->terminal_priority != 1;
        const cJSON *arr = member(m->doc, "stocks"), *e;
        int i = 0;
        if (!no_reserve && !no_terminal)
            continue; /* the entry is looked up only for a warning */
        for (e = arr ? arr->child : NULL; e; e = e->next, i++) {
            const cJSON *pv = member(e, "product");
            if (cJSON_IsString(pv) && strcmp(pv->valuestring, m->products[p].id) == 0)
                break;
        }
        if (no_reserve)
            warn_stock(c, e, i, "reserve", m->products[p].id, "reserve_priority");
        if (no_terminal)
            warn_stock(c, e, i, "terminal_priority", m->products[p].id, "terminal");
    }
}

void ars__model_warnings(ars__vctx *c)
{
    warn_gating(c);
    warn_licences(c);
    warn_funds(c);
    warn_fund_countries(c);
    warn_limits(c);
}
