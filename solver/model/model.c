/* model.c - the loaded model (model.h): the default limits, freeing, the
 * public accessors, and the lookups every later module uses (payees, fund
 * eligibility, licence cover, transport lead). Validation uses them too,
 * so they live apart from loading, which calls validation. */
#include "model/model.h"
#include "util/util.h"

#include <string.h>

void ars_limits_default(ars_limits *lim)
{
    lim->max_bytes = (size_t)64 << 20;
    lim->max_depth = 64;
    lim->max_periods = 10000;
    lim->max_items = 100000;
    lim->max_variables = 5000000;
    lim->max_nonzeros = 20000000;
}

static void free_series(double *p)
{
    ars__free(p);
}

void ars_model_free(ars_model *m)
{
    int i, k;
    size_t s;
    if (!m)
        return;
    cJSON_Delete(m->doc);
    ars__free(m->name);
    ars__free(m->description);
    ars__free(m->currency);
    if (m->periods)
        for (i = 0; i < m->T; i++)
            ars__free(m->periods[i]);
    ars__free(m->periods);
    for (i = 0; i < m->ncountries; i++)
        ars__free(m->countries[i].id);
    ars__free(m->countries);
    for (i = 0; m->products && i < m->nproducts; i++) {
        ars__free(m->products[i].id);
        ars__free(m->products[i].name);
        ars__free(m->products[i].unit);
    }
    ars__free(m->products);
    for (i = 0; m->stocks && i < m->nproducts; i++) {
        free_series(m->stocks[i].reserve);
        free_series(m->stocks[i].capacity);
    }
    ars__free(m->stocks);
    for (i = 0; i < m->ncomponents; i++) {
        ars__free(m->components[i].id);
        ars__free(m->components[i].name);
        ars__free(m->components[i].unit);
        ars__free(m->components[i].controlled);
    }
    ars__free(m->components);
    for (i = 0; i < m->nlines; i++) {
        ars__line *L = &m->lines[i];
        ars__free(L->id);
        ars__free(L->name);
        ars__free(L->operator_name);
        free_series(L->capacity);
        free_series(L->availability);
        free_series(L->expansion_cost);
        for (k = 0; k < L->nproduces; k++) {
            free_series(L->produces[k].cost);
            ars__free(L->produces[k].bom);
        }
        ars__free(L->produces);
    }
    ars__free(m->lines);
    for (i = 0; i < m->nsuppliers; i++) {
        ars__free(m->suppliers[i].id);
        ars__free(m->suppliers[i].operator_name);
        free_series(m->suppliers[i].capacity);
        free_series(m->suppliers[i].cost);
    }
    ars__free(m->suppliers);
    for (i = 0; i < m->ndrawdowns; i++) {
        ars__free(m->drawdowns[i].id);
        free_series(m->drawdowns[i].available);
        free_series(m->drawdowns[i].cost);
    }
    ars__free(m->drawdowns);
    for (i = 0; i < m->ncorridors; i++) {
        ars__free(m->corridors[i].id);
        free_series(m->corridors[i].capacity);
        free_series(m->corridors[i].cost);
    }
    ars__free(m->corridors);
    ars__free(m->corridor_of_country);
    for (i = 0; i < m->nlicences; i++) {
        ars__free(m->licences[i].id);
        ars__free(m->licences[i].regime);
        ars__free(m->licences[i].cover_lines);
        ars__free(m->licences[i].cover_countries);
        ars__free(m->licences[i].cover_components);
    }
    ars__free(m->licences);
    free_series(m->review_slots);
    for (i = 0; i < m->nworkforce; i++)
        free_series(m->workforce[i].available);
    ars__free(m->workforce);
    for (i = 0; i < m->nfunds; i++) {
        ars__fund *f = &m->funds[i];
        ars__free(f->id);
        ars__free(f->name);
        free_series(f->amount);
        ars__free(f->countries);
        ars__free(f->blocs);
        for (k = 0; k < f->n_operators; k++)
            ars__free(f->operators[k]);
        ars__free(f->operators);
        ars__free(f->payees);
    }
    ars__free(m->funds);
    for (i = 0; i < m->nrequirements; i++) {
        ars__free(m->requirements[i].id);
        ars__free(m->requirements[i].name);
        free_series(m->requirements[i].demand);
        ars__free(m->requirements[i].met_by);
    }
    ars__free(m->requirements);
    for (s = 0; s < m->nscenarios; s++) {
        ars__free(m->scenarios[s].name);
        ars__free(m->scenarios[s].description);
        for (k = 0; (size_t)k < m->scenarios[s].nset; k++)
            ars__free(m->scenarios[s].set[k]);
        ars__free(m->scenarios[s].set);
    }
    ars__free(m->scenarios);
    ars__free(m);
}

const cJSON *ars_model_json(const ars_model *m)
{
    return m ? m->doc : NULL;
}

const char *ars_model_name(const ars_model *m)
{
    return m && m->name ? m->name : "";
}

size_t ars_model_scenario_count(const ars_model *m)
{
    return m ? m->nscenarios : 0;
}

const char *ars_model_scenario_name(const ars_model *m, size_t i)
{
    return m && i < m->nscenarios ? m->scenarios[i].name : NULL;
}

const char *ars_model_scenario_description(const ars_model *m, size_t i)
{
    return m && i < m->nscenarios ? m->scenarios[i].description : NULL;
}

/* ------------------------------------------------------------ helpers */

const char *ars__payee_id(const struct ars_model *m, int j)
{
    if (j < 0)
        return NULL;
    if (j < m->nlines)
        return m->lines[j].id;
    j -= m->nlines;
    if (j < m->nsuppliers)
        return m->suppliers[j].id;
    j -= m->nsuppliers;
    if (j < m->ndrawdowns)
        return m->drawdowns[j].id;
    j -= m->ndrawdowns;
    return j < m->ncorridors ? m->corridors[j].id : NULL;
}

int ars__payee_country(const struct ars_model *m, int j)
{
    if (j < 0)
        return -1;
    if (j < m->nlines)
        return m->lines[j].country;
    j -= m->nlines;
    if (j < m->nsuppliers)
        return m->suppliers[j].country;
    j -= m->nsuppliers;
    if (j < m->ndrawdowns)
        return m->drawdowns[j].country;
    j -= m->ndrawdowns;
    return j < m->ncorridors ? m->corridors[j].from : -1;
}

const char *ars__payee_operator(const struct ars_model *m, int j)
{
    if (j < 0)
        return NULL;
    if (j < m->nlines)
        return m->lines[j].operator_name;
    j -= m->nlines;
    if (j < m->nsuppliers)
        return m->suppliers[j].operator_name;
    return NULL; /* drawdowns and corridors have no operator */
}

int ars__fund_may_pay(const struct ars_model *m, int f, int j)
{
    const ars__fund *F = &m->funds[f];
    int k, c;
    const char *op;
    if (!F->has_eligible)
        return 1;
    c = ars__payee_country(m, j);
    if (c >= 0) {
        for (k = 0; k < F->n_countries; k++)
            if (F->countries[k] == c)
                return 1;
        if (m->countries[c].bloc >= 0)
            for (k = 0; k < F->n_blocs; k++)
                if (F->blocs[k] == m->countries[c].bloc)
                    return 1;
    }
    op = ars__payee_operator(m, j);
    if (op)
        for (k = 0; k < F->n_operators; k++)
            if (strcmp(F->operators[k], op) == 0)
                return 1;
    for (k = 0; k < F->n_payees; k++)
        if (F->payees[k] == j)
            return 1;
    return 0;
}

int ars__lead_to_theatre(const struct ars_model *m, int c)
{
    int k;
    if (c < 0 || c >= m->ncountries || !m->corridor_of_country)
        return 0;
    k = m->corridor_of_country[c];
    return k >= 0 ? m->corridors[k].lead : 0;
}

int ars__licence_covers(const struct ars_model *m, int q, int l, int comp)
{
    const ars__licence *Q = &m->licences[q];
    int k, ok;
    for (k = 0; k < Q->ncover_lines; k++)
        if (Q->cover_lines[k] == l)
            return 1;
    if (!Q->has_cover_countries && !Q->has_cover_components)
        return 0;
    if (Q->has_cover_countries) {
        ok = 0;
        for (k = 0; k < Q->ncover_countries && !ok; k++)
            ok = Q->cover_countries[k] == m->lines[l].country;
        if (!ok)
            return 0;
    }
    if (Q->has_cover_components) {
        ok = 0;
        for (k = 0; k < Q->ncover_components && !ok; k++)
            ok = Q->cover_components[k] == comp;
        if (!ok)
            return 0;
    }
    return 1;
}

int ars__period_index(const struct ars_model *m, const char *label)
{
    int t;
    /* Linear: called for parameter paths and output, never in a hot loop. */
    for (t = 0; t < m->T; t++)
        if (m->periods[t] && strcmp(m->periods[t], label) == 0)
            return t;
    return -1;
}
