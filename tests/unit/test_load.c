/* test_load.c - valid models resolve to the right indices, series and
 * defaults; the payee, fund, licence and lead helpers follow the spec;
 * allocation failures at every point end in ARS_ENOMEM or success. */
#include "model/model.h"
#include "test.h"
#include "util/util.h"

/* Countries are interned declared-first: DE=0, UA=1, PL=2, US=3 (all
 * declared, so the fund eligible by bloc is legal). Payees: rhm=0,
 * ua_plant=1, nammo=2, pda=3, rail_pl=4. */
static const char *MODEL_A =
    "{\"arsenal\":1,\"name\":\"t\",\"periods\":[\"2025Q1\",\"2025Q2\",\"2025Q3\"],\n"
    " \"countries\":[{\"id\":\"DE\",\"bloc\":\"western\"},{\"id\":\"UA\",\"bloc\":\"ukraine\"},\n"
    "   {\"id\":\"PL\",\"bloc\":\"western\"},{\"id\":\"US\",\"bloc\":\"western\"}],\n"
    " \"products\":[{\"id\":\"shell\",\"mass\":0.05},{\"id\":\"drone\",\"category\":\"drones\"}],\n"
    " \"components\":[{\"id\":\"tnt\",\"initial\":10},\n"
    "   {\"id\":\"seeker\",\"controlled\":\"ITAR\",\"origin\":\"US\",\"initial\":5}],\n"
    " \"lines\":[\n"
    "  "
    "{\"id\":\"rhm\",\"country\":\"DE\",\"operator\":\"Rheinmetall\",\"capacity\":[100,110,120],\n"
    "   \"availability\":0.9,\"start\":\"2025Q2\",\"ramp\":0.5,\n"
    "   \"expansion\":{\"cost\":5,\"lead\":2,\"max\":50,\"step\":10},\n"
    "   \"produces\":[{\"product\":\"shell\",\"rate\":2,\"cost\":[1,2,3],\"labor\":0.5,"
    "\"bom\":{\"tnt\":1.5}}]},\n"
    "  {\"id\":\"ua_plant\",\"country\":\"UA\",\"capacity\":10,\"license\":\"lic_a\",\n"
    "   \"produces\":[{\"product\":\"drone\",\"bom\":{\"seeker\":1}},{\"product\":\"shell\"}]}],\n"
    " \"suppliers\":[{\"id\":\"nammo\",\"component\":\"tnt\",\"country\":\"PL\",\"operator\":"
    "\"Nammo\",\"capacity\":5,\"lead\":1}],\n"
    " \"drawdowns\":[{\"id\":\"pda\",\"product\":\"shell\",\"country\":\"US\",\"available\":[1,1,1]"
    ","
    "\"total\":2}],\n"
    " \"corridors\":[{\"id\":\"rail_pl\",\"from\":\"DE\",\"lead\":1,\"capacity\":100,\"cost\":2}],"
    "\n"
    " \"licenses\":[{\"id\":\"lic_a\",\"status\":\"pending\",\"submitted\":\"2025Q1\",\"review\":1,"
    "\"covers\":{\"lines\":[\"ua_plant\"]}},\n"
    "   {\"id\":\"lic_b\",\"regime\":\"ITAR\",\"status\":\"granted\",\"effective\":\"2025Q2\","
    "\"covers\":{\"countries\":[\"UA\"],\"components\":[\"seeker\"]}}],\n"
    " \"funds\":[{\"id\":\"usai\",\"amount\":100,\"eligible\":{\"countries\":[\"US\"],\"blocs\":["
    "\"ukraine\"]}},\n"
    "   "
    "{\"id\":\"eu\",\"amount\":[1,2,3],\"carryover\":true,\"eligible\":{\"operators\":[\"Nammo\"],"
    "\"payees\":[\"rail_pl\"]}},\n"
    "   {\"id\":\"open\",\"amount\":1}],\n"
    " \"requirements\":[{\"id\":\"fires\",\"demand\":[5,6,7],\"priority\":2,\"met_by\":{\"shell\":"
    "1,"
    "\"drone\":0.3}}],\n"
    " \"stocks\":[{\"product\":\"shell\",\"initial\":3,\"reserve\":2,\"reserve_priority\":1}],\n"
    " \"scenarios\":{\"cliff\":{\"description\":\"no US "
    "money\",\"set\":[\"funds.usai.amount=0\"]}},\n"
    " \"_source\":\"hand-made for tests\"}\n";

static ars_model *load(const char *text, ars_diag *d)
{
    ars_model *m = NULL;
    int rc;
    ars_diag_init(d);
    rc = ars_model_load_text(text, strlen(text), NULL, &m, d);
    if (rc != ARS_OK) {
        ars_diag_print(d, "inline", stderr);
        return NULL;
    }
    return m;
}

static void test_resolution(void)
{
    ars_diag d;
    ars_model *m = load(MODEL_A, &d);
    int t;
    ASSERT_TRUE(m != NULL);
    if (!m)
        return;
    ASSERT_INT_EQ(d.nerrors, 0);
    ASSERT_INT_EQ(d.nwarnings, 0);
    ASSERT_STR_EQ(ars_model_name(m), "t");
    ASSERT_STR_EQ(m->currency, "USD");
    ASSERT_INT_EQ(m->T, 3);
    ASSERT_STR_EQ(m->periods[2], "2025Q3");
    ASSERT_INT_EQ(m->ncountries, 4);
    ASSERT_STR_EQ(m->countries[3].id, "US");
    ASSERT_INT_EQ(m->countries[1].bloc, ARS_BLOC_UKRAINE);
    ASSERT_INT_EQ(m->theatre, 1);
    /* products and defaults */
    ASSERT_INT_EQ(m->nproducts, 2);
    ASSERT_NEAR(m->products[0].mass, 0.05, 1e-15);
    ASSERT_INT_EQ(m->products[0].category, ARS_CAT_OTHER);
    ASSERT_INT_EQ(m->products[1].category, ARS_CAT_DRONES);
    ASSERT_STR_EQ(m->products[1].name, "drone"); /* name defaults to the id */
    ASSERT_NEAR(m->products[1].holding_cost, 0, 0);
    /* components */
    ASSERT_TRUE(m->components[0].controlled == NULL);
    ASSERT_INT_EQ(m->components[0].origin, -1);
    ASSERT_NEAR(m->components[0].initial, 10, 0);
    ASSERT_STR_EQ(m->components[1].controlled, "ITAR");
    ASSERT_INT_EQ(m->components[1].origin, 3);
    /* line 0: every field given */
    {
        const ars__line *L = &m->lines[0];
        ASSERT_INT_EQ(L->country, 0);
        ASSERT_STR_EQ(L->operator_name, "Rheinmetall");
        ASSERT_NEAR(L->capacity[1], 110, 0);
        for (t = 0; t < 3; t++)
            ASSERT_NEAR(L->availability[t], 0.9, 0);
        ASSERT_INT_EQ(L->start, 1);
        ASSERT_INT_EQ(L->has_ramp, 1);
        ASSERT_NEAR(L->ramp, 0.5, 0);
        ASSERT_INT_EQ(L->has_output0, 0);
        ASSERT_INT_EQ(L->has_expansion, 1);
        ASSERT_NEAR(L->expansion_cost[2], 5, 0);
        ASSERT_INT_EQ(L->expansion_lead, 2);
        ASSERT_NEAR(L->expansion_max, 50, 0);
        ASSERT_NEAR(L->expansion_step, 10, 0);
        ASSERT_INT_EQ(L->license, -1);
        ASSERT_INT_EQ(L->nproduces, 1);
        ASSERT_INT_EQ(L->produces[0].product, 0);
        ASSERT_NEAR(L->produces[0].rate, 2, 0);
        ASSERT_NEAR(L->produces[0].cost[2], 3, 0);
        ASSERT_NEAR(L->produces[0].labor, 0.5, 0);
        ASSERT_INT_EQ(L->produces[0].nbom, 1);
        ASSERT_INT_EQ(L->produces[0].bom[0].component, 0);
        ASSERT_NEAR(L->produces[0].bom[0].qty, 1.5, 0);
    }
    /* line 1: defaults */
    {
        const ars__line *L = &m->lines[1];
        ASSERT_INT_EQ(L->country, 1);
        ASSERT_TRUE(L->operator_name == NULL);
        for (t = 0; t < 3; t++) {
            ASSERT_NEAR(L->capacity[t], 10, 0);
            ASSERT_NEAR(L->availability[t], 1, 0);
            ASSERT_NEAR(L->produces[0].cost[t], 0, 0);
        }
        ASSERT_INT_EQ(L->start, 0);
        ASSERT_INT_EQ(L->has_ramp, 0);
        ASSERT_INT_EQ(L->has_expansion, 0);
        ASSERT_TRUE(L->expansion_cost == NULL);
        ASSERT_INT_EQ(L->license, 0);
        ASSERT_INT_EQ(L->nproduces, 2);
        ASSERT_NEAR(L->produces[0].rate, 1, 0);
        ASSERT_INT_EQ(L->produces[1].product, 0);
        ASSERT_INT_EQ(L->produces[1].nbom, 0);
    }
    ASSERT_INT_EQ(m->suppliers[0].component, 0);
    ASSERT_INT_EQ(m->suppliers[0].country, 2);
    ASSERT_INT_EQ(m->suppliers[0].lead, 1);
    ASSERT_NEAR(m->suppliers[0].cost[0], 0, 0);
    ASSERT_INT_EQ(m->drawdowns[0].product, 0);
    ASSERT_INT_EQ(m->drawdowns[0].country, 3);
    ASSERT_INT_EQ(m->drawdowns[0].has_total, 1);
    ASSERT_NEAR(m->drawdowns[0].total, 2, 0);
    ASSERT_INT_EQ(m->drawdowns[0].lead, 0);
    ASSERT_INT_EQ(m->corridors[0].from, 0);
    ASSERT_NEAR(m->corridors[0].capacity[2], 100, 0);
    ASSERT_NEAR(m->corridors[0].cost[1], 2, 0);
    ASSERT_INT_EQ(m->corridor_of_country[0], 0);
    ASSERT_INT_EQ(m->corridor_of_country[1], -1);
    /* licences */
    ASSERT_INT_EQ(m->licences[0].status, ARS_LIC_PENDING);
    ASSERT_INT_EQ(m->licences[0].submitted, 0);
    ASSERT_INT_EQ(m->licences[0].review, 1);
    ASSERT_NEAR(m->licences[0].slots, 1, 0);
    ASSERT_INT_EQ(m->licences[0].ncover_lines, 1);
    ASSERT_INT_EQ(m->licences[0].cover_lines[0], 1);
    ASSERT_INT_EQ(m->licences[0].has_cover_countries, 0);
    ASSERT_INT_EQ(m->licences[1].status, ARS_LIC_GRANTED);
    ASSERT_INT_EQ(m->licences[1].effective, 1);
    ASSERT_STR_EQ(m->licences[1].regime, "ITAR");
    ASSERT_TRUE(m->review_slots == NULL);
    /* funds */
    ASSERT_INT_EQ(m->nfunds, 3);
    ASSERT_INT_EQ(m->funds[1].carryover, 1);
    ASSERT_NEAR(m->funds[1].amount[2], 3, 0);
    ASSERT_INT_EQ(m->funds[2].has_eligible, 0);
    /* requirements, stocks, objective defaults */
    ASSERT_NEAR(m->requirements[0].priority, 2, 0);
    ASSERT_NEAR(m->requirements[0].demand[1], 6, 0);
    ASSERT_INT_EQ(m->requirements[0].nmet_by, 2);
    ASSERT_INT_EQ(m->requirements[0].met_by[1].product, 1);
    ASSERT_NEAR(m->requirements[0].met_by[1].effect, 0.3, 0);
    ASSERT_INT_EQ(m->stocks[0].declared, 1);
    ASSERT_NEAR(m->stocks[0].initial, 3, 0);
    ASSERT_NEAR(m->stocks[0].reserve[2], 2, 0);
    ASSERT_TRUE(m->stocks[0].capacity == NULL);
    ASSERT_INT_EQ(m->stocks[1].declared, 0);
    ASSERT_TRUE(m->stocks[1].reserve == NULL);
    ASSERT_INT_EQ(m->objective.mode, ARS_OBJ_LEXICOGRAPHIC);
    ASSERT_NEAR(m->objective.shortfall_weight, 1e6, 0);
    ASSERT_NEAR(m->objective.cost_weight, 1, 0);
    ASSERT_NEAR(m->objective.tolerance, 0, 0); /* spec 1.1 section 9: default 0 */
    ASSERT_INT_EQ(ars_model_scenario_count(m), 1);
    ASSERT_STR_EQ(ars_model_scenario_name(m, 0), "cliff");
    ASSERT_STR_EQ(ars_model_scenario_description(m, 0), "no US money");
    ASSERT_STR_EQ(m->scenarios[0].set[0], "funds.usai.amount=0");
    ASSERT_INT_EQ(ars__period_index(m, "2025Q2"), 1);
    ASSERT_INT_EQ(ars__period_index(m, "2024Q4"), -1);
    ars_model_free(m);
    ars_diag_free(&d);
}

static void test_helpers(void)
{
    ars_diag d;
    ars_model *m = load(MODEL_A, &d);
    /* Expected eligibility, payee by payee (rhm, ua_plant, nammo, pda,
     * rail_pl), worked out from the eligible lists above:
     *  usai: countries [US] or bloc ukraine -> ua_plant (UA), pda (US);
     *  eu:   operator Nammo or payee rail_pl -> nammo, rail_pl;
     *  open: no `eligible` -> everyone. */
    static const int may[3][5] = {{0, 1, 0, 1, 0}, {0, 0, 1, 0, 1}, {1, 1, 1, 1, 1}};
    int f, j;
    ASSERT_TRUE(m != NULL);
    if (!m)
        return;
    ASSERT_INT_EQ(ars__npayees(m), 5);
    ASSERT_STR_EQ(ars__payee_id(m, 0), "rhm");
    ASSERT_STR_EQ(ars__payee_id(m, 2), "nammo");
    ASSERT_STR_EQ(ars__payee_id(m, 4), "rail_pl");
    ASSERT_INT_EQ(ars__payee_country(m, 3), 3);
    ASSERT_INT_EQ(ars__payee_country(m, 4), 0); /* a corridor's country is its `from` */
    ASSERT_STR_EQ(ars__payee_operator(m, 2), "Nammo");
    ASSERT_TRUE(ars__payee_operator(m, 3) == NULL);
    for (f = 0; f < 3; f++)
        for (j = 0; j < 5; j++)
            ASSERT_INT_EQ(ars__fund_may_pay(m, f, j), may[f][j]);
    /* Licence cover (section 5): lic_a lists ua_plant; lic_b covers
     * lines in UA using seeker. rhm is in DE. */
    ASSERT_INT_EQ(ars__licence_covers(m, 0, 1, 1), 1);
    ASSERT_INT_EQ(ars__licence_covers(m, 0, 0, 1), 0);
    ASSERT_INT_EQ(ars__licence_covers(m, 1, 1, 1), 1);
    ASSERT_INT_EQ(ars__licence_covers(m, 1, 0, 1), 0);
    ASSERT_INT_EQ(ars__licence_covers(m, 1, 1, 0), 0);
    /* Lead: DE has a corridor of lead 1; UA (the theatre) none -> 0. */
    ASSERT_INT_EQ(ars__lead_to_theatre(m, 0), 1);
    ASSERT_INT_EQ(ars__lead_to_theatre(m, 1), 0);
    ASSERT_INT_EQ(ars__lead_to_theatre(m, 2), 0);
    ars_model_free(m);
    ars_diag_free(&d);
}

static void test_default_model(void)
{
    size_t len;
    const char *text = ars_default_model_text(&len);
    ars_model *m = NULL;
    ars_diag d;
    ars_diag_init(&d);
    ASSERT_TRUE(len > 0);
    ASSERT_INT_EQ(strlen(text), len);
    ASSERT_INT_EQ(ars_model_load_text(text, len, NULL, &m, &d), ARS_OK);
    ASSERT_INT_EQ(d.nerrors, 0);
    ASSERT_TRUE(m != NULL && m->T >= 1);
    ars_model_free(m);
    ars_diag_free(&d);
}

/* The text need not be NUL-terminated: the loader must not read past len. */
static void test_unterminated_text(void)
{
    size_t n = strlen(MODEL_A);
    char *buf = malloc(n);
    ars_model *m = NULL;
    ars_diag d;
    memcpy(buf, MODEL_A, n);
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_load_text(buf, n, NULL, &m, &d), ARS_OK);
    ars_model_free(m);
    ars_diag_free(&d);
    free(buf);
}

/* Every allocation of a load, failed in turn: each run ends in ARS_ENOMEM
 * (nothing leaked: ASan checks) or, once n passes the last allocation, in
 * success. */
static void test_alloc_failures(void)
{
    long n;
    int ok = 0;
    for (n = 1; n < 100000 && !ok; n++) {
        ars_model *m = NULL;
        ars_diag d;
        int rc;
        ars_diag_init(&d);
        ars__alloc_fail_after(n, 0);
        rc = ars_model_load_text(MODEL_A, strlen(MODEL_A), NULL, &m, &d);
        ars__alloc_fail_after(0, 0);
        if (rc == ARS_OK) {
            ok = 1;
            ASSERT_INT_EQ(m->nlines, 2);
        } else if (rc != ARS_ENOMEM) {
            fprintf(stderr, "n=%ld: rc=%d\n", n, rc);
            ASSERT_INT_EQ(rc, ARS_ENOMEM);
            ars_diag_print(&d, "inline", stderr);
            ok = 1;
        } else {
            ASSERT_TRUE(m == NULL);
        }
        ars_model_free(m);
        ars_diag_free(&d);
    }
    ASSERT_TRUE(ok);
    fprintf(stderr, "  (%ld allocations tried)\n", n - 1);
}

/* The error and warning paths allocate too (diagnostics, pointers,
 * suggestions): fail each of their allocations in turn as well. */
static void test_alloc_failures_on_errors(void)
{
    static const char *bad =
        "{\"arsenal\":1,\"periods\":[\"P1\",\"P2\"],\"products\":[{\"id\":\"shell\"}],"
        "\"lines\":[{\"id\":\"l\",\"country\":\"UA\",\"Capacity\":1,"
        "\"produces\":[{\"product\":\"shel\",\"rate\":0}]}],"
        "\"requirements\":[{\"id\":\"r\",\"demand\":[1,2,3]}]}";
    long n;
    int done = 0;
    for (n = 1; n < 100000 && !done; n++) {
        ars_model *m = NULL;
        ars_diag d;
        int rc;
        ars_diag_init(&d);
        ars__alloc_fail_after(n, 0);
        rc = ars_model_load_text(bad, strlen(bad), NULL, &m, &d);
        ars__alloc_fail_after(0, 0);
        ASSERT_TRUE(m == NULL);
        if (rc == ARS_EINVALID) {
            /* Capacity (unknown, and capacity missing), shel, rate, demand. */
            done = 1;
            ASSERT_INT_EQ(d.nerrors, 5);
        } else {
            ASSERT_INT_EQ(rc, ARS_ENOMEM);
        }
        ars_model_free(m);
        ars_diag_free(&d);
    }
    ASSERT_TRUE(done);
}

int main(void)
{
    RUN_TEST(test_resolution);
    RUN_TEST(test_helpers);
    RUN_TEST(test_default_model);
    RUN_TEST(test_unterminated_text);
    RUN_TEST(test_alloc_failures);
    RUN_TEST(test_alloc_failures_on_errors);
    TEST_EXIT();
}
