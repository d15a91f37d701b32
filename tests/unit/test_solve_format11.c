/* test_solve_format11.c - the two families format 1.1 adds to section 8:
 * substitution caps (met_by entries with max_share, constraint 10) and
 * terminal stock (constraint 8, the tg term of S). Every optimum, shadow
 * price and what-if result is derived by hand beside its assertions. */
#include "solve_helpers.h"

/* Spec 1.1 section 9: S within 1e-9 of the optimum, plans of integer data
 * clean; the hand values hold to round-off with both backends. */
#define TOL 1e-9

/* Products used of met_by slot k of requirement 0 in period t. */
static double U(const ars_result *r, int k, int t)
{
    return ars__result_col(r, ars__col_u(r->prog, 0, k, t));
}

/* The shadow price entry of the row called `row`, NULL when not priced. */
static const cJSON *price_of(const cJSON *root, const char *row)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "shadow_prices"))
    {
        const cJSON *f = cJSON_GetObjectItemCaseSensitive(e, "row");
        if (cJSON_IsString(f) && strcmp(f->valuestring, row) == 0)
            return e;
    }
    return NULL;
}

static double numf(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static void test_capped_substitute(void)
{
    ars_model *m = load_model("tests/models/substitution_cap.json");
    ars_result *r = solve_explained(m);
    cJSON *j = ars_result_to_json(r), *use;
    const cJSON *p1, *p2;
    /* Demand [200, 100], priority 2. Shells: effect 1, at most 100 a
     * period, cost 10. Drones: effect 0.5, plenty, cost 1, max_share 0.3:
     * effect x drones <= 0.3 demand, i.e. at most 60 and 30 units of effect,
     * 120 and 60 drones. P1: 100 shells + 60 from drones = 160, short 40.
     * P2: drones are cheaper per unit of effect (2 vs 10), so the cost stage
     * fills their cap, 60 drones = 30, and 70 shells the rest: short 0.
     * S = 2 x 40 = 80; C = 100x10 + 120 + 70x10 + 60 = 1880. Without the
     * cap drones alone would meet both periods (S 0). */
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_INT_EQ(ars_result_verified(r), 1);
    ASSERT_NEAR(ars_result_shortfall(r), 80, TOL);
    ASSERT_NEAR(ars_result_cost(r), 1880, TOL);
    ASSERT_NEAR(U(r, 0, 0), 100, TOL);
    ASSERT_NEAR(U(r, 1, 0), 120, TOL);
    ASSERT_NEAR(U(r, 0, 1), 70, TOL);
    ASSERT_NEAR(U(r, 1, 1), 60, TOL);
    ASSERT_NEAR(SH(r, "fires", 0), 40, TOL);
    ASSERT_NEAR(SH(r, "fires", 1), 0, TOL);
    /* Only the capped entry has share rows. */
    ASSERT_TRUE(ars__row_share(r->prog, 0, 0, 0) < 0);
    ASSERT_TRUE(ars__row_share(r->prog, 0, 1, 0) >= 0);
    /* The plan's use reports the cap and the share covered: 60/200 and
     * 30/100. */
    use = cJSON_GetArrayItem(
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "plan"), "use"), 1);
    ASSERT_NEAR(numf(use, "max_share"), 0.3, TOL);
    ASSERT_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(use, "share"), 0)->valuedouble,
                0.3, TOL);
    ASSERT_NEAR(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(use, "share"), 1)->valuedouble,
                0.3, TOL);
    /* One more percent of share in P1 is 200/100 = 2 more units of effect
     * from drones, 2 less short, S falls by 2 x priority 2 = 4: 2 units of
     * fires. In P2 nothing is short (no shortfall value); at the same S one
     * more percent (1 unit of effect) lets 2 drones (2) replace a shell
     * (10): cost falls by 8. */
    p1 = price_of(j, "share[fires,drone,P1]");
    p2 = price_of(j, "share[fires,drone,P2]");
    ASSERT_TRUE(p1 != NULL && p2 != NULL);
    if (!p1 || !p2)
        exit(1);
    ASSERT_STR_EQ(cJSON_GetObjectItemCaseSensitive(p1, "kind")->valuestring, "substitution_cap");
    ASSERT_STR_EQ(cJSON_GetObjectItemCaseSensitive(p1, "product")->valuestring, "drone");
    ASSERT_NEAR(numf(p1, "shortfall_value"), 4, TOL);
    ASSERT_NEAR(numf(p1, "requirement_value"), 2, TOL);
    ASSERT_NEAR(numf(p2, "shortfall_value"), 0, TOL);
    ASSERT_NEAR(numf(p2, "cost_value"), 8, TOL);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_model_free(m);
}

static void test_max_share_whatif(void)
{
    ars_model *base = load_model("tests/models/substitution_cap.json");
    ars_model *m = apply_set(base, "requirements.fires.met_by.drone.max_share=0.5");
    ars_result *r = solve_model(m);
    /* Cap 0.5: drones may cover 100 and 50. P1: 100 shells + 100 = 200,
     * nothing short; P2: 100 drones (50) + 50 shells. S = 0,
     * C = 1000 + 200 + 500 + 100 = 1800. */
    ASSERT_NEAR(ars_result_shortfall(r), 0, TOL);
    ASSERT_NEAR(ars_result_cost(r), 1800, TOL);
    ASSERT_NEAR(U(r, 1, 0), 200, TOL);
    ASSERT_NEAR(U(r, 1, 1), 100, TOL);
    ars_result_free(r);
    ars_model_free(m);

    /* max_share on an entry written as a plain number (shell: 1) rewrites
     * it as an object: shells cover at most 0.25 x [200, 100] = 50, 25.
     * P1: 50 + 60 = 110, short 90; P2: 25 + 30 = 55, short 45.
     * S = 2 x 135 = 270. */
    m = apply_set(base, "requirements.fires.met_by.shell.max_share=0.25");
    r = solve_model(m);
    ASSERT_NEAR(m->requirements[0].met_by[0].effect, 1, 0);
    ASSERT_NEAR(m->requirements[0].met_by[0].max_share, 0.25, 0);
    ASSERT_NEAR(ars_result_shortfall(r), 270, TOL);
    ASSERT_INT_EQ(ars_result_verified(r), 1);
    ars_result_free(r);
    ars_model_free(m);

    /* The entry's own path names the effect when it is an object: effect
     * 1 for drones, same cap 0.3 of the demand: 60 and 30 drones, P1 short
     * 40 (S 80 as before), C = 1000 + 60 + 700 + 30 = 1790. */
    m = apply_set(base, "requirements.fires.met_by.drone=1");
    r = solve_model(m);
    ASSERT_NEAR(m->requirements[0].met_by[1].effect, 1, 0);
    ASSERT_NEAR(m->requirements[0].met_by[1].max_share, 0.3, 0);
    ASSERT_NEAR(ars_result_shortfall(r), 80, TOL);
    ASSERT_NEAR(ars_result_cost(r), 1790, TOL);
    ars_result_free(r);
    ars_model_free(m);
    ars_model_free(base);
}

static void test_terminal_goal(void)
{
    ars_model *m = load_model("tests/models/terminal.json");
    ars_result *r = solve_explained(m);
    cJSON *j = ars_result_to_json(r);
    const cJSON *tp, *st;
    /* 100 in stock, 20 made a period (cost 1), demand 80 a period
     * (priority 1), 50 wanted at the end at priority 2. Each unit kept
     * back costs 1 of shortfall and saves 2 of terminal gap, so 50 are
     * kept: 100 + 40 - 50 = 90 used, 160 - 90 = 70 short. S = 70 (tg 0),
     * C = 40 (the plant runs: S first). */
    ASSERT_NEAR(ars_result_shortfall(r), 70, TOL);
    ASSERT_NEAR(ars_result_cost(r), 40, TOL);
    ASSERT_NEAR(INV(r, "shell", 1), 50, TOL);
    ASSERT_NEAR(ars__result_col(r, ars__col_tg(r->prog, 0)), 0, TOL);
    ASSERT_NEAR(SH(r, "fires", 0) + SH(r, "fires", 1), 70, TOL);
    ASSERT_INT_EQ(ars_result_verified(r), 1);
    /* One more unit left at the end (one unit less to keep back) goes to
     * the demand: S falls by 1. */
    tp = price_of(j, "terminal[shell]");
    ASSERT_TRUE(tp != NULL);
    if (!tp)
        exit(1);
    ASSERT_STR_EQ(cJSON_GetObjectItemCaseSensitive(tp, "kind")->valuestring, "terminal_stock");
    ASSERT_NEAR(numf(tp, "shortfall_value"), 1, TOL);
    st = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(
                                cJSON_GetObjectItemCaseSensitive(j, "plan"), "theatre_stock"),
                            0);
    ASSERT_NEAR(numf(st, "terminal"), 50, 0);
    ASSERT_NEAR(numf(st, "terminal_gap"), 0, TOL);
    cJSON_Delete(j);
    ars_result_free(r);

    /* Terminal priority 0.5, under the demand's 1: every unit goes to the
     * front, the depot is emptied. 140 used, 20 short, gap 50:
     * S = 20 + 0.5 x 50 = 45. One more unit at the end lowers the gap:
     * worth 0.5. */
    m->stocks[0].terminal_priority = 0.5;
    r = solve_explained(m);
    j = ars_result_to_json(r);
    ASSERT_NEAR(ars_result_shortfall(r), 45, TOL);
    ASSERT_NEAR(ars_result_cost(r), 40, TOL);
    ASSERT_NEAR(INV(r, "shell", 1), 0, TOL);
    ASSERT_NEAR(ars__result_col(r, ars__col_tg(r->prog, 0)), 50, TOL);
    ASSERT_NEAR(SH(r, "fires", 0) + SH(r, "fires", 1), 20, TOL);
    ASSERT_INT_EQ(ars_result_verified(r), 1);
    ASSERT_NEAR(numf(price_of(j, "terminal[shell]"), "shortfall_value"), 0.5, TOL);
    cJSON_Delete(j);
    ars_result_free(r);

    /* Without a goal there is no terminal row or gap column. */
    m->stocks[0].terminal = 0;
    r = solve_model(m);
    ASSERT_TRUE(ars__row_terminal(r->prog, 0) < 0 && ars__col_tg(r->prog, 0) < 0);
    ASSERT_NEAR(ars_result_shortfall(r), 20, TOL);
    ars_result_free(r);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_capped_substitute);
    RUN_TEST(test_max_share_whatif);
    RUN_TEST(test_terminal_goal);
    TEST_EXIT();
}
