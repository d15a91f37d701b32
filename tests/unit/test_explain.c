/* test_explain.c - shadow prices and bottlenecks (explain.c) on models small
 * enough to solve by hand, and the shape of the default model's answer. */
#include "solve_helpers.h"

#define TOL 1e-6

static cJSON *solve_json(const char *rel)
{
    ars_model *m = load_model(rel);
    cJSON *j = solve_explained_json(m);
    ars_model_free(m);
    return j;
}

/* The entry of array `key` whose member `field` is `value`. */
static const cJSON *find(const cJSON *root, const char *key, const char *field, const char *value)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, key))
    {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, field);
        if (cJSON_IsString(f) && strcmp(f->valuestring, value) == 0)
            return e;
    }
    return NULL;
}

static double numf(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *strf(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void test_capacity(void)
{
    /* One line, capacity 10 a period at rate 1; demand 15 a period with
     * priority 2, two periods. Stage 0 minimises S = 2 (15 - x_t) summed,
     * with x_t <= 10: one more unit of capacity in t lets x_t rise by 1
     * and S fall by the priority 2. So each cap row's shortfall value is
     * 2, and the bottleneck groups P1..P2 into one entry worth 2 + 2 = 4.
     * In the cost stage S is held, so the line runs at capacity; one more
     * unit of capacity would lower S, which the cost stage does not ask
     * for and which saves no cost: capacity has no cost value. */
    cJSON *j = solve_json("tests/models/explain_capacity.json");
    const cJSON *b = find(j, "bottlenecks", "id", "cap:a");
    const cJSON *sp = find(j, "shadow_prices", "row", "cap[a,P2]");
    ASSERT_STR_EQ(strf(j, "duals_from"), "lp");
    ASSERT_TRUE(sp != NULL);
    ASSERT_NEAR(numf(sp, "shortfall_value"), 2, TOL);
    ASSERT_NEAR(numf(sp, "cost_value"), 0, TOL);
    ASSERT_STR_EQ(strf(sp, "line"), "a");
    ASSERT_STR_EQ(strf(sp, "period"), "P2");
    ASSERT_INT_EQ(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "bottlenecks")), 1);
    ASSERT_TRUE(b != NULL);
    ASSERT_STR_EQ(strf(b, "kind"), "line_capacity");
    ASSERT_STR_EQ(strf(b, "from"), "P1");
    ASSERT_STR_EQ(strf(b, "to"), "P2");
    ASSERT_NEAR(numf(b, "value"), 4, TOL);
    ASSERT_NEAR(numf(b, "shortfall_value"), 4, TOL);
    ASSERT_CONTAINS(strf(b, "unit"), "line a");
    ASSERT_CONTAINS(strf(b, "text"), "removes 4 units of weighted shortfall");
    cJSON_Delete(j);
}

static void test_fund_cost_stage(void)
{
    /* Demand 15 (priority 10) from two lines of capacity 10: cheap (UA,
     * cost 1) paid only by ua_fund (8), dear (US, cost 3) paid only by
     * us_fund (100). Stage 0: cheap makes up to 8, dear up to 10, so
     * S* = 0 and no fund binds: shortfall value 0. Stage 1: minimise
     * x_cheap + 3 x_dear with x_cheap + x_dear = 15: cheap 8 (ua_fund
     * spent), dear 7, C = 29. One more unit of money in ua_fund moves one
     * shell from dear to cheap: C falls by 3 - 1 = 2. */
    cJSON *j = solve_json("tests/models/explain_fund.json");
    const cJSON *sp = find(j, "shadow_prices", "fund", "ua_fund");
    const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "bottlenecks"), 0);
    ASSERT_TRUE(sp != NULL);
    ASSERT_NEAR(numf(sp, "shortfall_value"), 0, TOL);
    ASSERT_NEAR(numf(sp, "cost_value"), 2, TOL);
    ASSERT_TRUE(find(j, "shadow_prices", "fund", "us_fund") == NULL);
    ASSERT_STR_EQ(strf(b, "id"), "fund:ua_fund");
    ASSERT_NEAR(numf(b, "cost_value"), 2, TOL);
    ASSERT_CONTAINS(strf(b, "text"), "lowers cost by 2");
    cJSON_Delete(j);
}

static void test_supplier_bound(void)
{
    /* Demand 15 (priority 3); each shell needs a fuze; 4 fuzes in stock and
     * supplier fz sells up to 6 (cost 2), so 10 shells, 5 short, S = 15.
     * Stage 0: one more fuze in stock, or one more unit of fz's capacity
     * (a column bound, priced by b's reduced cost), makes one more shell:
     * both worth 3. Stage 1 (S held): one more fuze in stock replaces one
     * bought at 2: the pool's cost value is 2; more capacity at fz saves
     * nothing once S is held, cost value 0. Ranking: equal shortfall value,
     * then cost value, so the pool comes first. */
    cJSON *j = solve_json("tests/models/explain_supplier.json");
    const cJSON *bn = cJSON_GetObjectItemCaseSensitive(j, "bottlenecks");
    const cJSON *sup = find(j, "shadow_prices", "supplier", "fz");
    ASSERT_TRUE(sup != NULL);
    ASSERT_STR_EQ(strf(sup, "column"), "b[fz,P1]");
    ASSERT_NEAR(numf(sup, "shortfall_value"), 3, TOL);
    ASSERT_NEAR(numf(sup, "cost_value"), 0, TOL);
    ASSERT_INT_EQ(cJSON_GetArraySize(bn), 2);
    ASSERT_STR_EQ(strf(cJSON_GetArrayItem(bn, 0), "id"), "comp:fuze");
    ASSERT_NEAR(numf(cJSON_GetArrayItem(bn, 0), "shortfall_value"), 3, TOL);
    ASSERT_NEAR(numf(cJSON_GetArrayItem(bn, 0), "cost_value"), 2, TOL);
    ASSERT_STR_EQ(strf(cJSON_GetArrayItem(bn, 1), "id"), "supplier:fz");
    cJSON_Delete(j);
}

static void test_default_model(void)
{
    /* The baseline is a MIP: duals from the LP with integers fixed. Its
     * top bottleneck must carry a positive value, a unit and a period
     * range (the what-if comparison reads id and value). */
    cJSON *j = solve_json("models/baseline.json");
    const cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "bottlenecks"), 0);
    ASSERT_STR_EQ(strf(j, "duals_from"), "lp_with_integers_fixed");
    ASSERT_TRUE(b != NULL);
    ASSERT_TRUE(numf(b, "value") > 0);
    ASSERT_TRUE(strf(b, "id") != NULL);
    ASSERT_TRUE(strf(b, "unit") != NULL && strf(b, "unit")[0] != '\0');
    ASSERT_TRUE(strf(b, "from") != NULL);
    cJSON_Delete(j);
}

/* The JSON of `variant` solved warm in a session whose base is `base`
 * (solved first), with ranging; *warm tells whether it was warm. */
static cJSON *solve_warm_json(const ars_model *base, const ars_model *variant, int *warm)
{
    ars_session *s = NULL;
    ars_result *r0 = NULL, *r = NULL;
    ars_error err;
    ars_solve_opts o;
    cJSON *j;
    ars_solve_opts_default(&o);
    o.explain = 1;
    ars_error_clear(&err);
    if (ars_session_create(base, &o, &s, &err) != ARS_OK ||
        ars_session_solve(s, base, &r0, NULL, &err) != ARS_OK ||
        ars_session_solve(s, variant, &r, warm, &err) != ARS_OK || !r) {
        fprintf(stderr, "session solve failed: %s\n", err.message);
        exit(2);
    }
    j = ars_result_to_json(r);
    ars_result_free(r0);
    ars_result_free(r);
    ars_session_free(s);
    if (!j)
        exit(2);
    return j;
}

static ars_model *scenario(const ars_model *m, const char *name)
{
    ars_model *out = NULL;
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    if (ars_model_apply_scenario(m, name, &out, &d, &err) != ARS_OK) {
        fprintf(stderr, "scenario %s: %s\n", name, err.message);
        exit(2);
    }
    ars_diag_free(&d);
    return out;
}

static int in_array(const cJSON *root, const char *key, const char *id)
{
    return find(root, key, "id", id) != NULL;
}

static void test_degenerate_price(void)
{
    /* tests/models/degenerate_price.json derives it: at capacity 10 every
     * price in [1, 3] is an optimal dual of cap[L,P1]. A warm re-solve from
     * the basis of capacity 8 reports 3, one from capacity 12 reports 1;
     * both, and the cold solve, must call it degenerate and leave it out
     * of the ranking. At 8 and 12 the price is unique (3 and 1). */
    ars_model *root = load_model("tests/models/degenerate_price.json");
    ars_model *m8 = scenario(root, "short"), *m12 = scenario(root, "spare");
    ars_model *eq = scenario(root, "equal"), *eq12 = NULL;
    const char *eq12_set[] = {"lines.L.capacity=12"};
    cJSON *j[3], *b8 = solve_explained_json(m8), *b12 = solve_explained_json(m12);
    double want[3] = {3, 1, NAN};
    int warm[3] = {0, 0, 0}, i;
    ars_diag d;
    ars_error err;
    j[0] = solve_warm_json(m8, root, &warm[0]);
    j[1] = solve_warm_json(m12, root, &warm[1]);
    j[2] = solve_explained_json(root);
    for (i = 0; i < 3; i++) {
        const cJSON *sp = find(j[i], "shadow_prices", "row", "cap[L,P1]");
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(j[i], "objective");
        ASSERT_NEAR(numf(o, "shortfall"), 5, TOL);
        ASSERT_TRUE(sp != NULL);
        if (!sp)
            continue;
        ASSERT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sp, "degenerate")));
        /* An optimal dual: within the derivatives. */
        ASSERT_TRUE(numf(sp, "shortfall_value") > 1 - TOL && numf(sp, "shortfall_value") < 3 + TOL);
        if (!isnan(want[i]))
            ASSERT_NEAR(numf(sp, "shortfall_value"), want[i], TOL);
        ASSERT_TRUE(!in_array(j[i], "bottlenecks", "cap:L"));
        ASSERT_TRUE(in_array(j[i], "degenerate", "cap:L"));
    }
    ASSERT_TRUE(warm[0] && warm[1]);
    /* The two bases did price it differently. */
    ASSERT_TRUE(fabs(numf(find(j[0], "shadow_prices", "row", "cap[L,P1]"), "shortfall_value") -
                     numf(find(j[1], "shadow_prices", "row", "cap[L,P1]"), "shortfall_value")) > 1);
    ASSERT_NEAR(numf(find(b8, "bottlenecks", "id", "cap:L"), "value"), 3, TOL);
    ASSERT_NEAR(numf(find(b12, "bottlenecks", "id", "cap:L"), "value"), 1, TOL);
    for (i = 0; i < 3; i++)
        cJSON_Delete(j[i]);

    /* Equal priorities: S = 3 (15 - capacity) around 10, a unique price of
     * 3 whichever basis reports it, ranked on every path. */
    ars_diag_init(&d);
    if (ars_model_apply(eq, eq12_set, 1, &eq12, &d, &err) != ARS_OK)
        exit(2);
    ars_diag_free(&d);
    j[0] = solve_warm_json(eq12, eq, &warm[0]);
    j[1] = solve_explained_json(eq);
    for (i = 0; i < 2; i++) {
        const cJSON *sp = find(j[i], "shadow_prices", "row", "cap[L,P1]");
        ASSERT_TRUE(sp != NULL);
        ASSERT_NEAR(numf(sp, "shortfall_value"), 3, TOL);
        ASSERT_TRUE(!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sp, "degenerate")));
        ASSERT_NEAR(numf(find(j[i], "bottlenecks", "id", "cap:L"), "value"), 3, TOL);
        cJSON_Delete(j[i]);
    }
    cJSON_Delete(b8);
    cJSON_Delete(b12);
    ars_model_free(eq12);
    ars_model_free(eq);
    ars_model_free(m8);
    ars_model_free(m12);
    ars_model_free(root);
}

int main(void)
{
    test_capacity();
    test_fund_cost_stage();
    test_supplier_bound();
    test_default_model();
    test_degenerate_price();
    return ars_test_failures ? 1 : 0;
}
