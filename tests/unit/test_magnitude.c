/* test_magnitude.c - the magnitude limits of solver/model/magnitude.c:
 * every field that reaches the program refuses a non-zero value below
 * 1e-9 or above 1e12 at its own pointer (0 and both limits are accepted);
 * the errors come with the other validation errors; the coefficient range
 * warning fires above 1e9 and names the far end; values set by a
 * parameter path after loading meet the same limits; the fields with a
 * coefficient class in the schema are exactly the fields of the cases.
 *
 * Models are written with ' for " (converted before loading). */
#include "model/magnitude.h"
#include "model/model.h"
#include "model/schema.h"
#include "test.h"

#define HEAD "{'arsenal':1,'periods':['P1','P2'],"
#define PRODS "'products':[{'id':'p'}],"
#define REQS "'requirements':[{'id':'r','demand':1,'met_by':{'p':1}}]"

static char *quotes(const char *s)
{
    char *t = strdup(s), *c;
    for (c = t; *c; c++)
        if (*c == '\'')
            *c = '"';
    return t;
}

/* Loads json (with ' for "), returns the loader's code; d is left for
 * the caller to inspect and free. */
static int load(const char *json, ars_diag *d, ars_model **out)
{
    char *t = quotes(json);
    ars_model *m = NULL;
    int rc;
    ars_diag_init(d);
    rc = ars_model_load_text(t, strlen(t), NULL, &m, d);
    free(t);
    if (out)
        *out = m;
    else
        ars_model_free(m);
    return rc;
}

static const ars_diag_item *find(const ars_diag *d, ars_severity sev, const char *pointer)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == sev && strcmp(d->items[i].pointer, pointer) == 0)
            return &d->items[i];
    return NULL;
}

typedef struct mcase {
    const char *json;    /* a model with one value out of limits, written as X */
    const char *pointer; /* where the error must be */
} mcase;

/* One model per field of magnitude.c's table; X is replaced by the value
 * under test. The models are valid with X = 1. */
static const mcase FIELDS[] = {
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':[1,X],'produces':[{'product':'p'}]}]"
                "," REQS "}",
     "/lines/0/capacity/1"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'availability':X,'produces':[{"
                "'product':'p'}]}]," REQS "}",
     "/lines/0/availability"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'ramp':X,"
                "'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/ramp"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'ramp':1,'ramp_floor':X,"
                "'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/ramp_floor"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'ramp':1,'output0':X,"
                "'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/output0"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'expansion':{'cost':[0,X],'max':"
                "1},'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/expansion/cost/1"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'expansion':{'max':X,'step':1},"
                "'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/expansion/max"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'expansion':{'max':1,'step':X},"
                "'produces':[{'product':'p'}]}]," REQS "}",
     "/lines/0/expansion/step"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','rate':"
                "X}]}]," REQS "}",
     "/lines/0/produces/0/rate"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p','cost':"
                "X}]}]," REQS "}",
     "/lines/0/produces/0/cost"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{'product':'p',"
                "'labor':X}]}]," REQS "}",
     "/lines/0/produces/0/labor"},
    {HEAD PRODS "'components':[{'id':'_c','initial':1}],'lines':[{'id':'l','country':'UA',"
                "'capacity':1,'produces':[{'product':'p','bom':{'_c':X}}]}]," REQS "}",
     "/lines/0/produces/0/bom/_c"},
    {HEAD "'products':[{'id':'p','mass':X,'holding_cost':1}],'lines':[]," REQS "}",
     "/products/0/mass"},
    {HEAD "'products':[{'id':'p','holding_cost':X}],'lines':[]," REQS "}",
     "/products/0/holding_cost"},
    {HEAD PRODS "'components':[{'id':'c','initial':X}],'lines':[]," REQS "}",
     "/components/0/initial"},
    {HEAD PRODS "'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c','capacity':X}],"
                "'lines':[]," REQS "}",
     "/suppliers/0/capacity"},
    {HEAD PRODS "'components':[{'id':'c'}],'suppliers':[{'id':'s','component':'c','capacity':1,"
                "'cost':[X,1]}],'lines':[]," REQS "}",
     "/suppliers/0/cost/0"},
    {HEAD PRODS "'drawdowns':[{'id':'d','product':'p','available':X}],'lines':[]," REQS "}",
     "/drawdowns/0/available"},
    {HEAD PRODS "'drawdowns':[{'id':'d','product':'p','available':1,'total':X}],'lines':[]," REQS
                "}",
     "/drawdowns/0/total"},
    {HEAD PRODS "'drawdowns':[{'id':'d','product':'p','available':1,'cost':X}],'lines':[]," REQS
                "}",
     "/drawdowns/0/cost"},
    {HEAD PRODS "'corridors':[{'id':'k','from':'PL','capacity':X}],'lines':[]," REQS "}",
     "/corridors/0/capacity"},
    {HEAD PRODS "'corridors':[{'id':'k','from':'PL','cost':X}],'lines':[]," REQS "}",
     "/corridors/0/cost"},
    {HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'license':'q','produces':[{"
                "'product':'p'}]}],'licenses':[{'id':'q','status':'pending','covers':{'lines':['l']"
                "},'slots':X}],'licensing':{'review_slots':1}," REQS "}",
     "/licenses/0/slots"},
    {HEAD PRODS "'lines':[],'licensing':{'review_slots':X}," REQS "}", "/licensing/review_slots"},
    {HEAD PRODS "'lines':[],'workforce':[{'country':'UA','available':X}]," REQS "}",
     "/workforce/0/available"},
    {HEAD PRODS "'lines':[],'funds':[{'id':'f','amount':[1,X]}]," REQS "}", "/funds/0/amount/1"},
    {HEAD PRODS "'lines':[],'requirements':[{'id':'r','demand':X,'met_by':{'p':1}}]}",
     "/requirements/0/demand"},
    {HEAD PRODS "'lines':[],'requirements':[{'id':'r','demand':1,'priority':X,'met_by':{'p':1}}]}",
     "/requirements/0/priority"},
    {HEAD PRODS "'lines':[],'requirements':[{'id':'r','demand':1,'met_by':{'p':X}}]}",
     "/requirements/0/met_by/p"},
    {HEAD PRODS "'lines':[],'requirements':[{'id':'r','demand':1,'met_by':{'p':{'effect':X}}}]}",
     "/requirements/0/met_by/p/effect"},
    {HEAD PRODS "'lines':[],'requirements':[{'id':'r','demand':1,'met_by':{'p':{'effect':1,"
                "'max_share':X}}}]}",
     "/requirements/0/met_by/p/max_share"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','initial':X}]," REQS "}", "/stocks/0/initial"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','reserve':X,'reserve_priority':1}]," REQS "}",
     "/stocks/0/reserve"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','reserve':1,'reserve_priority':X}]," REQS "}",
     "/stocks/0/reserve_priority"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','capacity':[1,X]}]," REQS "}",
     "/stocks/0/capacity/1"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','terminal':X}]," REQS "}",
     "/stocks/0/terminal"},
    {HEAD PRODS "'lines':[],'stocks':[{'product':'p','terminal':1,'terminal_priority':X}]," REQS
                "}",
     "/stocks/0/terminal_priority"},
    {HEAD PRODS "'lines':[],'objective':{'shortfall_weight':X}," REQS "}",
     "/objective/shortfall_weight"},
    {HEAD PRODS "'lines':[],'objective':{'cost_weight':X}," REQS "}", "/objective/cost_weight"},
};

/* json with every X replaced by v. */
static char *with_value(const char *json, const char *v)
{
    size_t n = strlen(json), k = strlen(v), i, o = 0;
    char *out = malloc(n * (k + 1) + 1);
    for (i = 0; i < n; i++) {
        if (json[i] == 'X') {
            memcpy(out + o, v, k);
            o += k;
        } else {
            out[o++] = json[i];
        }
    }
    out[o] = '\0';
    return out;
}

/* Each field: 1, 0 and both limits load without a diagnostic at that
 * pointer (availability only up to 1, a fraction; 0 only where validate.c
 * allows it); 1e-320 (subnormal), 9.99e-10 and 1.000001e12 are one error
 * there, naming the value. */
static void test_every_field(void)
{
    static const char *const ok[] = {"1", "0", "1e-9", "1e12"};
    static const char *const bad[] = {"1e-320", "9.99e-10", "1.000001e+12"};
    size_t i, k;
    for (i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
        int frac = strstr(FIELDS[i].pointer, "availability") != NULL ||
                   strstr(FIELDS[i].pointer, "max_share") != NULL;
        /* fields that must be > 0 (validate.c) */
        int positive = strstr(FIELDS[i].pointer, "rate") || strstr(FIELDS[i].pointer, "step") ||
                       strstr(FIELDS[i].pointer, "/priority") ||
                       strstr(FIELDS[i].pointer, "terminal_priority") ||
                       strstr(FIELDS[i].pointer, "met_by");
        for (k = 0; k < 4; k++) {
            ars_diag d;
            char *json = with_value(FIELDS[i].json, ok[k]);
            int rc;
            if ((frac && k == 3) || (positive && k == 1)) {
                free(json);
                continue;
            }
            rc = load(json, &d, NULL);
            if (rc != ARS_OK || find(&d, ARS_SEV_ERROR, FIELDS[i].pointer)) {
                fprintf(stderr, "  %s = %s: rc %d\n", FIELDS[i].pointer, ok[k], rc);
                ars_diag_print(&d, "case", stderr);
            }
            ASSERT_INT_EQ(rc, ARS_OK);
            ars_diag_free(&d);
            free(json);
        }
        for (k = 0; k < 3; k++) {
            ars_diag d;
            char *json;
            const ars_diag_item *it;
            int rc;
            if (frac && k == 2)
                continue;
            json = with_value(FIELDS[i].json, bad[k]);
            rc = load(json, &d, NULL);
            it = find(&d, ARS_SEV_ERROR, FIELDS[i].pointer);
            if (!it || d.nerrors != 1) {
                fprintf(stderr, "  %s = %s: rc %d\n", FIELDS[i].pointer, bad[k], rc);
                ars_diag_print(&d, "case", stderr);
            }
            ASSERT_INT_EQ(rc, ARS_EINVALID);
            ASSERT_INT_EQ(d.nerrors, 1);
            ASSERT_TRUE(it != NULL);
            if (it) {
                ASSERT_CONTAINS(it->message, "expected 0 or a magnitude between 1e-9 and 1e12");
                ASSERT_CONTAINS(it->message, bad[k]);
            }
            ars_diag_free(&d);
            free(json);
        }
    }
}

/* Reported with the other errors of the file, at line:column; a value that
 * validate.c refuses (negative, over 1e15) is not reported twice. */
static void test_with_other_errors(void)
{
    ars_diag d;
    const ars_diag_item *it;
    ASSERT_INT_EQ(load(HEAD "'products':[{'id':'p','mass':-1}],"
                            "'lines':[{'id':'l','country':'UA','capacity':1e16,'produces':[{"
                            "'product':'p','rate':1e-320}]}]," REQS "}",
                       &d, NULL),
                  ARS_EINVALID);
    ASSERT_INT_EQ(d.nerrors, 3);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/products/0/mass") != NULL);
    ASSERT_TRUE(find(&d, ARS_SEV_ERROR, "/lines/0/capacity") != NULL);
    it = find(&d, ARS_SEV_ERROR, "/lines/0/produces/0/rate");
    ASSERT_TRUE(it != NULL);
    if (it) {
        /* {"arsenal":1,"periods":["P1","P2"],"products":[{"id":"p","mass":-1}],
         * is 69 characters, "lines":[{"id":"l","country":"UA","capacity":1e16,
         * "produces":[{"product":"p","rate": 84 more: the value is at 154 */
        ASSERT_INT_EQ(it->line, 1);
        ASSERT_INT_EQ(it->col, 154);
        ASSERT_CONTAINS(it->message, "found the number 1e-320");
    }
    ars_diag_free(&d);
}

/* The range: bom 2e9 against the unit coefficients of the balance rows is
 * a ratio of 2e9 (warned, at the bom); 1e9 is not warned; 5e-6 x 5e3
 * (mass with a corridor, against a rate) is 1e9 exactly: not warned, and
 * 2e-6 x 5e3 = 2.5e9 is, at the mass (further from 1 than 5e3). A cost is a
 * coefficient only when there are funds; a capacity never is. */
static void test_range_warning(void)
{
    ars_diag d;
    const ars_diag_item *it;
#define BOM(q)                                                                                     \
    HEAD PRODS "'components':[{'id':'c','initial':1}],'lines':[{'id':'l','country':'UA',"          \
               "'capacity':1,'produces':[{'product':'p','bom':{'c':" q "}}]}]," REQS "}"
    ASSERT_INT_EQ(load(BOM("2e9"), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 1);
    it = find(&d, ARS_SEV_WARNING, "/lines/0/produces/0/bom/c");
    ASSERT_TRUE(it != NULL);
    if (it) {
        ASSERT_CONTAINS(it->message, "span a ratio of 2e+09, over 1e9");
        ASSERT_CONTAINS(it->message, "largest 2e+09 at /lines/0/produces/0/bom/c");
        ASSERT_CONTAINS(it->message, "smallest 1 (balance rows");
    }
    ars_diag_free(&d);
    ASSERT_INT_EQ(load(BOM("1e9"), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
    /* with errors, no warning */
    ASSERT_INT_EQ(load(HEAD PRODS "'components':[{'id':'c','initial':1}],'lines':[{'id':'l',"
                                  "'country':'UA','capacity':-1,'produces':[{'product':'p',"
                                  "'bom':{'c':2e9}}]}]," REQS "}",
                       &d, NULL),
                  ARS_EINVALID);
    ASSERT_INT_EQ(d.count, 1);
    ars_diag_free(&d);
#undef BOM
#define MASS(mass)                                                                                 \
    HEAD "'products':[{'id':'p','mass':" mass "}],'corridors':[{'id':'k','from':'PL'}],"           \
         "'lines':[{'id':'l','country':'PL','capacity':1,'produces':[{'product':'p','rate':5e3}]}" \
         "]," REQS "}"
    ASSERT_INT_EQ(load(MASS("5e-6"), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
    ASSERT_INT_EQ(load(MASS("2e-6"), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 1);
    it = find(&d, ARS_SEV_WARNING, "/products/0/mass");
    ASSERT_TRUE(it != NULL);
    if (it)
        ASSERT_CONTAINS(it->message, "span a ratio of 2.5e+09");
    ars_diag_free(&d);
#undef MASS
    /* mass without a corridor is no coefficient: 1e-9 alone is no range */
    ASSERT_INT_EQ(load(HEAD "'products':[{'id':'p','mass':1e-9}],'lines':[]," REQS "}", &d, NULL),
                  ARS_OK);
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
#define COST(funds)                                                                                \
    HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1e12,'produces':[{'product':'p',"     \
               "'cost':1e10}]}]," funds REQS "}"
    ASSERT_INT_EQ(load(COST(""), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 0);
    ars_diag_free(&d);
    ASSERT_INT_EQ(load(COST("'funds':[{'id':'f','amount':1e12}],"), &d, NULL), ARS_OK);
    ASSERT_INT_EQ(d.count, 1);
    ASSERT_TRUE(find(&d, ARS_SEV_WARNING, "/lines/0/produces/0/cost") != NULL);
    ars_diag_free(&d);
#undef COST
}

/* --set, scenarios and sweeps change values after the load; the changed
 * model is loaded again, so the same limits apply and the error names the
 * assignment and the value. */
static void test_parameter_paths(void)
{
    ars_model *m = NULL, *changed = NULL;
    ars_diag d, d2;
    ars_error err;
    const char *set1[] = {"lines.l.produces.p.rate=1e-15"};
    const char *set2[] = {"requirements.r.demand*=1e15"};
    const char *set3[] = {"requirements.r.demand*=1e12"};
    ASSERT_INT_EQ(load(HEAD PRODS "'lines':[{'id':'l','country':'UA','capacity':1,'produces':[{"
                                  "'product':'p'}]}]," REQS "}",
                       &d, &m),
                  ARS_OK);
    ars_diag_free(&d);
    ars_error_clear(&err);
    ars_diag_init(&d2);
    ASSERT_INT_EQ(ars_model_apply(m, set1, 1, &changed, &d2, &err), ARS_EINVALID);
    ASSERT_TRUE(changed == NULL);
    ASSERT_CONTAINS(err.message, "lines.l.produces.p.rate=1e-15 makes the model invalid: "
                                 "/lines/0/produces/0/rate: expected 0 or a magnitude between "
                                 "1e-9 and 1e12");
    ASSERT_CONTAINS(err.message, "found the number 1e-15");
    ars_diag_free(&d2);
    ars_diag_init(&d2);
    ASSERT_INT_EQ(ars_model_apply(m, set2, 1, &changed, &d2, &err), ARS_EINVALID);
    ASSERT_CONTAINS(err.message, "/requirements/0/demand: expected 0 or a magnitude");
    ASSERT_CONTAINS(err.message, "found the number 1e+15");
    ars_diag_free(&d2);
    ars_diag_init(&d2);
    ASSERT_INT_EQ(ars_model_apply(m, set3, 1, &changed, &d2, &err), ARS_OK);
    ASSERT_TRUE(changed != NULL);
    if (changed)
        ASSERT_NEAR(changed->requirements[0].demand[1], 1e12, 1e-15);
    ars_model_free(changed);
    ars_diag_free(&d2);
    ars_model_free(m);
}

/* pointer with its array indices dropped: /lines/0/capacity/1 ->
 * /lines/capacity */
static void field_path(const char *pointer, char *out, size_t size)
{
    size_t o = 0;
    const char *p = pointer;
    while (*p == '/') {
        size_t n = strcspn(p + 1, "/");
        if (strspn(p + 1, "0123456789") != n && o + n + 2 < size) {
            memcpy(out + o, p, n + 1);
            o += n + 1;
        }
        p += n + 1;
    }
    out[o] = '\0';
}

/* Whether a case of FIELDS is at the limited field whose path is path (a
 * map's case names one of its entries). */
static int has_case(const char *path, int map)
{
    size_t i, n = strlen(path);
    char got[256];
    for (i = 0; i < sizeof FIELDS / sizeof FIELDS[0]; i++) {
        field_path(FIELDS[i].pointer, got, sizeof got);
        if (strcmp(got, path) == 0 && !map)
            return 1;
        if (map && strncmp(got, path, n) == 0 && got[n] == '/' && !strchr(got + n + 1, '/'))
            return 1;
    }
    return 0;
}

/* The limited fields of t (below path), each checked for a case; returns
 * how many. */
static size_t limited_fields(const ars__table *t, const char *path)
{
    size_t k, count = 0;
    for (k = 0; k < t->nfields; k++) {
        const ars__field *f = &t->fields[k];
        char sub[256];
        snprintf(sub, sizeof sub, "%s/%s", path, f->name);
        if (f->sub && (f->type == ARS__FT_OBJECT || f->type == ARS__FT_ITEMS))
            count += limited_fields(f->sub, sub);
        if (f->sub && f->type == ARS__FT_MAP) {
            /* An entry written as an object: the cases name entry p. */
            char entry[300];
            snprintf(entry, sizeof entry, "%s/p", sub);
            count += limited_fields(f->sub, entry);
        }
        if (ars__field_coef(f) == ARS__COEF_NONE)
            continue;
        count++;
        if (!has_case(sub, f->type == ARS__FT_MAP))
            fprintf(stderr, "  %s has a coefficient class but no case in FIELDS\n", sub);
        ASSERT_TRUE(has_case(sub, f->type == ARS__FT_MAP));
    }
    return count;
}

/* Every field the schema limits has a case above, and (as every case is
 * refused, so limited, and the cases name distinct fields) no case is
 * limited by anything but the schema. */
static void test_schema_limits_every_case(void)
{
    ASSERT_INT_EQ(limited_fields(&ars__schema_root, ""), sizeof FIELDS / sizeof FIELDS[0]);
}

int main(void)
{
    RUN_TEST(test_schema_limits_every_case);
    RUN_TEST(test_every_field);
    RUN_TEST(test_with_other_errors);
    RUN_TEST(test_range_warning);
    RUN_TEST(test_parameter_paths);
    TEST_EXIT();
}
