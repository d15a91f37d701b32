/* validate.c - checks every rule of the model format and resolves the
 * document into the indexed struct ars_model (model.h).
 *
 * The fields themselves are read by walking the schema (walk.c over
 * schema.c); this file fixes the order that makes references resolvable:
 * first the ids of every section (so any section may name any other), then
 * the fields, section by section, then the rules across sections (rules.c).
 * Every problem is recorded and the pass goes on, so one run reports all
 * errors of a file. Line and column are attached at the end in one walk
 * over the text (locate.c), not per error. */
#include "model/magnitude.h"
#include "model/path.h"
#include "model/rules.h"
#include "model/vctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ERR ARS__ERR
#define ERRK ARS__ERRK
#define LIMIT ARS__LIMIT
#define DESC ARS__DESC

static const ars__field *root_field(const char *name)
{
    return ars__schema_field(&ars__schema_root, name, strlen(name));
}

/* Declared countries come first in the model's country list, each with its
 * bloc; ids need not be declared otherwise. */
static void load_countries(ars__vctx *c, const cJSON *root)
{
    const ars__table *t = root_field("countries")->sub;
    const cJSON *arr = ars__get_array(c, root, "countries", 0, "countries");
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
            ERR(c, e, "%s, found %s", t->item, DESC(e));
        } else {
            ars__country probe;
            ars__check_fields(c, e, t);
            ars__walk_field(c, ars__schema_field(t, "bloc", 4), &probe, e, NULL, NULL, 0);
            v = ars__member(e, "id");
            ars__vpush(c, "id");
            if (!v) {
                ERR(c, e, "missing required field \"id\" (%s)", ARS__ID_EXPECT);
            } else {
                const char *id = ars__id_value(c, v);
                if (id) {
                    int k = ars__idmap_get(&c->countries, id);
                    if (k >= 0)
                        ERR(c, v, "duplicate country id \"%s\" (already used by /countries/%d)", id,
                            k);
                    else
                        ars__intern_country(c, id, 1, probe.bloc);
                }
            }
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

/* Every product has a stock (model.h); an entry of `stocks` fills in the
 * one of its product, once. */
static void load_stocks(ars__vctx *c, const cJSON *arr)
{
    const ars__table *t = root_field("stocks")->sub;
    struct ars_model *m = c->m;
    const cJSON *e;
    char dbuf[96];
    int i = 0;
    size_t mark = ars__vpush(c, "stocks");
    int *first = ars__valloc(c, m->nproducts, sizeof *first);
    if (!first) {
        ars__vpop(c, mark);
        return;
    }
    for (e = arr->child; e; e = e->next, i++) {
        size_t m2 = ars__vpushi(c, i), k;
        ars__stock probe;
        int p;
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "%s, found %s", t->item, DESC(e));
            ars__vpop(c, m2);
            continue;
        }
        ars__check_fields(c, e, t);
        ars__walk_field(c, &t->fields[0], &probe, e, NULL, NULL, 0);
        p = probe.product;
        if (p >= 0 && p < m->nproducts) {
            ars__stock *st = &m->stocks[p];
            if (st->declared) {
                size_t m3 = ars__vpush(c, "product");
                ERR(c, ars__member(e, "product"),
                    "a second stocks entry for product \"%s\" (already /stocks/%d)",
                    c->sec[ARS__SEC_PRODUCTS].ids[p], first[p]);
                ars__vpop(c, m3);
            } else {
                st->declared = 1;
                first[p] = i;
                for (k = 1; k < t->nfields; k++)
                    ars__walk_field(c, &t->fields[k], st, e, NULL, NULL, 0);
            }
        }
        ars__vpop(c, m2);
    }
    ars__free(first);
    ars__vpop(c, mark);
}

static void load_scenarios(ars__vctx *c, const cJSON *o)
{
    const ars__table *t = root_field("scenarios")->sub;
    struct ars_model *m = c->m;
    const cJSON *e;
    char dbuf[96];
    int n = cJSON_GetArraySize(o);
    size_t mark = ars__vpush(c, "scenarios");
    m->scenarios = ars__valloc(c, n, sizeof *m->scenarios);
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
        if (!ars__valid_id(e->string)) {
            ERRK(c, e,
                 "expected a scenario name (1 to 64 characters from A-Z a-z 0-9 _ -), found \"%s\"",
                 e->string);
        }
        if (!cJSON_IsObject(e)) {
            ERR(c, e, "%s, found %s", t->item, DESC(e));
            ars__vpop(c, m2);
            continue;
        }
        ars__check_fields(c, e, t);
        sc = &m->scenarios[m->nscenarios++];
        sc->name = ars__vdup(c, e->string);
        sc->description = ars__vdup(c, ars__get_str(c, e, "description", 0));
        set = ars__get_array(c, e, "set", 1, "parameter assignments (strings)");
        if (set) {
            size_t m3 = ars__vpush(c, "set");
            sc->set = ars__valloc(c, cJSON_GetArraySize(set), sizeof *sc->set);
            for (x = set->child; x && sc->set; x = x->next, k++) {
                size_t m4 = ars__vpushi(c, k);
                if (!cJSON_IsString(x) || !x->valuestring[0])
                    ERR(c, x, "expected a parameter assignment such as \"PATH=VALUE\", found %s",
                        DESC(x));
                else if ((sc->set[sc->nset] = ars__vdup(c, x->valuestring)))
                    sc->nset++;
                ars__vpop(c, m4);
            }
            ars__vpop(c, m3);
        }
        ars__vpop(c, m2);
    }
    ars__vpop(c, mark);
}

static void section_arr(ars__vctx *c, const cJSON *root, ars__section *s, int required)
{
    s->arr = ars__get_array(c, root, s->name, required, s->name);
    s->n = s->arr ? cJSON_GetArraySize(s->arr) : 0;
    if (s->n > c->lim.max_items) {
        size_t mark = ars__vpush(c, s->name);
        LIMIT(c, s->arr, "%d entries, over the limit max_items=%d", s->n, c->lim.max_items);
        ars__vpop(c, mark);
        s->arr = NULL;
        s->n = 0;
    }
}

/* The ids of every id section, each payee numbered across lines,
 * suppliers, drawdowns and corridors (model.h). */
static void read_ids(ars__vctx *c)
{
    struct ars_model *m = c->m;
    ars__section *payees = &c->sec[ARS__SEC_PAYEES];
    int k, np;
    /* Payee numbering needs the four counts before ids are registered. */
    m->nlines = c->sec[ARS__SEC_LINES].n;
    m->nsuppliers = c->sec[ARS__SEC_SUPPLIERS].n;
    m->ndrawdowns = c->sec[ARS__SEC_DRAWDOWNS].n;
    m->ncorridors = c->sec[ARS__SEC_CORRIDORS].n;
    for (k = ARS__SEC_PRODUCTS; k < ARS__SEC_PAYEES; k++) {
        int base = k == ARS__SEC_LINES       ? 0
                   : k == ARS__SEC_SUPPLIERS ? m->nlines
                   : k == ARS__SEC_DRAWDOWNS ? m->nlines + m->nsuppliers
                   : k == ARS__SEC_CORRIDORS ? m->nlines + m->nsuppliers + m->ndrawdowns
                                             : -1;
        size_t mark = ars__vpush(c, c->sec[k].name);
        ars__rule_section_ids(c, (ars__sec)k, base);
        ars__vpop(c, mark);
    }
    /* Payee ids as candidates for "did you mean". */
    np = ars__npayees(m);
    payees->ids = ars__valloc(c, np, sizeof *payees->ids);
    payees->n = payees->ids ? np : 0;
    for (k = 0; k < payees->n; k++) {
        ars__sec s = k < m->nlines                   ? ARS__SEC_LINES
                     : k < m->nlines + m->nsuppliers ? ARS__SEC_SUPPLIERS
                     : k < np - m->ncorridors        ? ARS__SEC_DRAWDOWNS
                                                     : ARS__SEC_CORRIDORS;
        int base = s == ARS__SEC_LINES       ? 0
                   : s == ARS__SEC_SUPPLIERS ? m->nlines
                   : s == ARS__SEC_DRAWDOWNS ? m->nlines + m->nsuppliers
                                             : np - m->ncorridors;
        if (c->sec[s].ids)
            payees->ids[k] = c->sec[s].ids[k - base];
    }
    m->nlines = m->nsuppliers = m->ndrawdowns = m->ncorridors = 0;
}

static void validate(ars__vctx *c)
{
    /* The id sections in the order the document's sections are read. */
    static const ars__sec SECTIONS[] = {
        ARS__SEC_PRODUCTS,  ARS__SEC_COMPONENTS, ARS__SEC_LINES,
        ARS__SEC_SUPPLIERS, ARS__SEC_DRAWDOWNS,  ARS__SEC_CORRIDORS,
        ARS__SEC_LICENCES,  ARS__SEC_FUNDS,      ARS__SEC_REQUIREMENTS};
    struct ars_model *m = c->m;
    const cJSON *root = m->doc, *v;
    char dbuf[96];
    int version, known_countries;
    size_t k;
    if (!cJSON_IsObject(root)) {
        ERR(c, root, "%s, found %s", ars__schema_root.item, DESC(root));
        return;
    }
    ars__check_dups(c, root);
    ars__check_fields(c, root, &ars__schema_root);
    if (ars__get_int(c, root, "arsenal", 0, ARS__MAX_INT, 1, 0, &version) &&
        version != (int)root_field("arsenal")->def) {
        size_t mark = ars__vpush(c, "arsenal");
        ERR(c, ars__member(root, "arsenal"), "unsupported format version %d (this arsenal reads 1)",
            version);
        ars__vpop(c, mark);
    }
    m->name = ars__vdup(c, ars__get_str(c, root, "name", 0));
    m->description = ars__vdup(c, ars__get_str(c, root, "description", 0));
    m->currency = ars__vdup(c, ars__get_str(c, root, "currency", 0));
    if (!m->currency && !c->oom)
        m->currency = ars__vdup(c, "USD");
    ars__rule_periods(c, root);

    for (k = 0; k < sizeof SECTIONS / sizeof SECTIONS[0]; k++) {
        ars__section *s = &c->sec[SECTIONS[k]];
        section_arr(c, root, s, (root_field(s->name)->flags & ARS__FL_REQUIRED) != 0);
    }
    {
        static const char *const other[] = {"countries", "workforce", "stocks"};
        for (k = 0; k < 3; k++) {
            v = ars__member(root, other[k]);
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
    ars__rule_estimate(c, root);
    if (c->limit_hit || c->oom)
        return;
    read_ids(c);
    if (c->oom)
        return;

    /* Declared countries first, then the theatre, then every other country
     * in order of appearance. */
    load_countries(c, root);
    v = ars__member(root, "theatre");
    if (v) {
        size_t mark = ars__vpush(c, "theatre");
        m->theatre = ars__country_value(c, v);
        ars__vpop(c, mark);
    } else {
        m->theatre = ars__intern_country(c, "UA", 0, -1);
    }
    m->stocks = ars__valloc(c, c->sec[ARS__SEC_PRODUCTS].n, sizeof *m->stocks);
    if (!m->stocks)
        return;
    for (k = 0; k < (size_t)c->sec[ARS__SEC_PRODUCTS].n; k++) {
        m->stocks[k].product = (int)k;
        m->stocks[k].terminal_priority = 1; /* the default; no goal while terminal is 0 */
    }
    for (k = 0; k < 7; k++) /* products .. licenses */
        ars__walk_section(c, root_field(c->sec[SECTIONS[k]].name), SECTIONS[k]);
    ars__walk_field(c, root_field("licensing"), m, root, NULL, NULL, 0);
    ars__walk_field(c, root_field("workforce"), m, root, NULL, NULL, 0);
    known_countries = m->ncountries;
    ars__walk_section(c, root_field("funds"), ARS__SEC_FUNDS);
    if (!c->oom)
        ars__rule_fund_countries(c, known_countries);
    ars__walk_section(c, root_field("requirements"), ARS__SEC_REQUIREMENTS);
    v = ars__get_array(c, root, "stocks", 0, root_field("stocks")->what);
    if (v)
        load_stocks(c, v);
    ars__walk_field(c, root_field("objective"), m, root, NULL, NULL, 0);
    v = ars__get_object(c, root, "scenarios", 0, root_field("scenarios")->what);
    if (v)
        load_scenarios(c, v);
    if (c->oom)
        return;

    m->corridor_of_country = ars__valloc(c, m->ncountries, sizeof *m->corridor_of_country);
    if (m->corridor_of_country) {
        int i;
        for (i = 0; i < m->ncountries; i++)
            m->corridor_of_country[i] = -1;
        for (i = 0; i < m->ncorridors; i++)
            if (m->corridors[i].from >= 0 && m->corridor_of_country[m->corridors[i].from] < 0)
                m->corridor_of_country[m->corridors[i].from] = i;
    }
    /* Where the rules across sections run. */
    if (m->nfunds > 0 && !c->oom)
        ars__rule_blocs(c);
}

/* 1 when pointer `inner` is `outer` (n characters) or lies below it. */
static int ptr_within(const char *inner, const char *outer, size_t n)
{
    return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

/* The last assignment that changed the value at ptr or above it, or -1. */
static int blame_set(const ars__buf *touched, int n, const char *ptr)
{
    int i;
    for (i = n; i-- > 0;) {
        const char *s = touched[i].data;
        while (s && *s) {
            const char *nl = strchr(s, '\n');
            size_t len = nl ? (size_t)(nl - s) : strlen(s);
            if (ptr_within(ptr, s, len))
                return i;
            s = nl ? nl + 1 : s + len;
        }
    }
    return -1;
}

/* Applies one scenario's assignments to a copy of the document and loads
 * it. Returns ARS_OK, ARS_ENOMEM, or another code with *bad the index of
 * the assignment to blame (-1: the list as a whole) and msg filled. */
static int try_scenario(ars__vctx *c, const ars__scenario *sc, int *bad, char *msg, size_t len)
{
    ars__buf *touched = ars__calloc(sc->nset ? sc->nset : 1, sizeof *touched);
    cJSON *doc = cJSON_Duplicate(c->m->doc, 1);
    struct ars_model *patched = NULL;
    ars_error err;
    ars_diag d;
    int rc = ARS_OK, i, n = (int)sc->nset;
    *bad = -1;
    if (!touched || !doc) {
        ars__free(touched);
        cJSON_Delete(doc);
        return ARS_ENOMEM;
    }
    ars_error_clear(&err);
    for (i = 0; i < n && rc == ARS_OK; i++) {
        ars__set one;
        ars__buf_init(&touched[i], 0);
        rc = ars__set_parse(sc->set[i], &one, &err);
        if (rc == ARS_OK)
            rc = ars__set_apply_traced(&one, doc, &touched[i], &err);
        ars__set_clear(&one);
        if (rc != ARS_OK) {
            *bad = i;
            snprintf(msg, len, "%s", err.message);
        }
    }
    if (rc == ARS_OK) {
        ars_diag_init(&d);
        rc = ars__model_load_doc(doc, NULL, 0, &c->lim, &patched, &d);
        doc = NULL; /* the loader owns it */
        if (rc == ARS_EINVALID) {
            size_t k;
            for (k = 0; k < d.count; k++)
                if (d.items[k].severity == ARS_SEV_ERROR)
                    break;
            if (k < d.count) {
                *bad = blame_set(touched, n, d.items[k].pointer);
                snprintf(msg, len, "%s%s%s: %s", *bad >= 0 ? sc->set[*bad] : "",
                         *bad >= 0 ? " makes the model invalid: "
                                   : "the changed model is invalid: ",
                         d.items[k].pointer, d.items[k].message);
            }
        } else if (rc != ARS_OK) {
            snprintf(msg, len, "the changed model cannot be loaded: %s", ars_strerror(rc));
        }
        ars_model_free(patched);
        ars_diag_free(&d);
    }
    cJSON_Delete(doc);
    for (i = 0; i < n; i++)
        ars__buf_free(&touched[i]);
    ars__free(touched);
    return rc;
}

/* Every scenario's `set` compiles, applies and leaves a valid model, so
 * `solve --scenario` and `whatif` cannot fail on a model that checks
 * clean. Reported at /scenarios/NAME/set/I. */
static void check_scenarios(ars__vctx *c)
{
    struct ars_model *m = c->m;
    const cJSON *scen = ars__member(m->doc, "scenarios"), *e;
    size_t s = 0;
    char msg[2048];
    for (e = scen ? scen->child : NULL; e && s < m->nscenarios && !c->oom; e = e->next) {
        const ars__scenario *sc;
        const cJSON *set = ars__member(e, "set");
        size_t mark;
        int bad, rc;
        if (!cJSON_IsObject(e) || strcmp(e->string, m->scenarios[s].name) != 0)
            continue;
        sc = &m->scenarios[s++];
        rc = try_scenario(c, sc, &bad, msg, sizeof msg);
        if (rc == ARS_ENOMEM)
            c->oom = 1;
        if (rc == ARS_OK || rc == ARS_ENOMEM)
            continue;
        mark = ars__vpush(c, "scenarios");
        ars__vpush(c, e->string);
        ars__vpush(c, "set");
        if (bad >= 0)
            ars__vpushi(c, bad);
        ERR(c, bad >= 0 ? cJSON_GetArrayItem(set, bad) : set, "scenario \"%s\": %s", sc->name, msg);
        ars__vpop(c, mark);
    }
}

int ars__model_load_doc(cJSON *doc, const char *text, size_t len, const ars_limits *lim,
                        struct ars_model **out, ars_diag *diag)
{
    ars__vctx c;
    struct ars_model *m;
    size_t errors_before = diag->nerrors;
    int rc, k;
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
    for (k = ARS__SEC_PRODUCTS; k <= ARS__SEC_PAYEES; k++) {
        c.sec[k].name = ars__sec_name((ars__sec)k);
        c.sec[k].what = ars__sec_item((ars__sec)k);
        ars__idmap_init(&c.sec[k].map);
    }
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
    /* Only a model read from text: a patched copy (ars_model_apply) is
     * not checked again against its scenarios, which may not suit it. */
    if (text && !c.oom && diag->nerrors == errors_before)
        check_scenarios(&c);
    if (!c.oom && diag->nerrors == errors_before)
        ars__model_warnings(&c);
    if (c.path.failed)
        c.oom = 1;
    if (!c.oom)
        ars__locate_pending(&c);

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
    for (k = ARS__SEC_PRODUCTS; k <= ARS__SEC_PAYEES; k++) {
        ars__free(c.sec[k].ids);
        ars__idmap_free(&c.sec[k].map);
    }
    if (rc != ARS_OK) {
        ars_model_free(m);
        return rc;
    }
    *out = m;
    return ARS_OK;
}
