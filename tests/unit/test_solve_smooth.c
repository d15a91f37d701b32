/* test_solve_smooth.c - the smooth stage of spec 1.1 section 9: among the
 * plans that are equally good, the one of least variation V; S and C never
 * move for it; a MIP's runs on the LP with the integers fixed; a warm
 * re-solve gives what a cold one gives. Every expected number is derived
 * by hand in the comment above it. */
#include "solve_helpers.h"

#include <math.h>

/* Two lines of equal cost (1 a shell) and capacity (10 a period) on one
 * product, stored for free; line b opens in P3. The front wants D shells
 * in P4 and nothing before, so every split of D over the periods and lines
 * ties on S and C: S = max(0, D - 60), C = min(D, 60).
 *
 * V by hand: a flat line adds nothing; b's changes are x3 (from 0 in P2)
 * and |x4 - x3|, together at least max(x3, x4) >= (what b makes) / 2. Line
 * a makes at most 40, so b makes at least D - 40: V = 0 for D <= 40 (a
 * alone, flat at D / 4), (D - 40) / 2 for 40 < D <= 60 (a at 10, b at
 * (D - 40) / 2 in P3 and P4, the only plan reaching it), 10 beyond. */
static const char tie[] =
    "{\"arsenal\": 1, \"name\": \"tie\", \"periods\": [\"P1\", \"P2\", \"P3\", \"P4\"],"
    " \"products\": [{\"id\": \"shell\"}],"
    " \"lines\": ["
    "  {\"id\": \"a\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]},"
    "  {\"id\": \"b\", \"country\": \"UA\", \"capacity\": 10, \"start\": \"P3\","
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": [0, 0, 0, 50],"
    "   \"met_by\": {\"shell\": 1}}]}";

static double tie_S(double D)
{
    return fmax(0, D - 60);
}
static double tie_C(double D)
{
    return fmin(D, 60);
}
static double tie_V(double D)
{
    return D <= 40 ? 0 : D <= 60 ? (D - 40) / 2 : 10;
}

static void assert_tie_plan(const ars_result *r)
{
    int t;
    for (t = 0; t < 4; t++)
        ASSERT_NEAR(X(r, "a", t), 10, 1e-9);
    ASSERT_NEAR(X(r, "b", 2), 5, 1e-9);
    ASSERT_NEAR(X(r, "b", 3), 5, 1e-9);
}

static void test_ties_least_variation(void)
{
    ars_model *m = load_model_text(tie), *off = apply_set(m, "objective.smooth=false");
    ars_result *r = solve_model(m), *r0 = solve_model(off);
    cJSON *j;
    const cJSON *o;
    int i;
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_TRUE(r->smoothed);
    ASSERT_TRUE(!r0->smoothed);
    ASSERT_NEAR(r->V, 5, 1e-9);
    assert_tie_plan(r);
    /* S and C exactly as without the stage, and as by hand. */
    ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
    ASSERT_NEAR(ars_result_cost(r), 50, 1e-9 * 50);
    ASSERT_NEAR(ars_result_shortfall(r0), ars_result_shortfall(r), 1e-9);
    ASSERT_NEAR(ars_result_cost(r0), ars_result_cost(r), 1e-9 * 50);
    /* Whatever plan the cost stage left has at least the least V. */
    ASSERT_TRUE(r0->V >= 5 - 1e-9);
    /* The shadow prices are the shortfall and cost stages', as without the
     * stage: the swing rows come after every other row, so the rows both
     * programs have share their indices. */
    for (i = 0; i < r0->prog->nrows; i++) {
        ASSERT_NEAR(r->dual[0][i], r0->dual[0][i], 1e-9);
        ASSERT_NEAR(r->dual[1][i], r0->dual[1][i], 1e-9);
    }
    ASSERT_NEAR(r->cost_per_shortfall, r0->cost_per_shortfall, 1e-9);
    ASSERT_TRUE(r->verification.done && r->verification.ok);
    ASSERT_NEAR(r->verification.V, 5, 1e-9);
    j = ars_result_to_json(r);
    o = cJSON_GetObjectItemCaseSensitive(j, "objective");
    ASSERT_NEAR(cJSON_GetObjectItemCaseSensitive(o, "variation")->valuedouble, 5, 1e-9);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_result_free(r0);
    ars_model_free(off);
    ars_model_free(m);
}

/* Weighted mode: the one stage holds 1e6 S + C at its optimum (S = 0,
 * C = 50); the smooth stage finds the same plan, V = 5. */
static void test_ties_weighted(void)
{
    ars_model *base = load_model_text(tie), *m = apply_set(base, "objective.mode=weighted");
    ars_result *r = solve_model(m);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_TRUE(r->smoothed);
    ASSERT_NEAR(r->V, 5, 1e-9);
    assert_tie_plan(r);
    ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
    ASSERT_NEAR(ars_result_cost(r), 50, 1e-9 * 50);
    ASSERT_TRUE(r->verification.ok);
    ars_result_free(r);
    ars_model_free(m);
    ars_model_free(base);
}

/* Holding costs 0.5 a shell a period; the front wants 10 in P2 and in P4.
 * The only plan of C = 20 makes each 10 in its period (0, 10, 0, 10: V =
 * 30); the flat plan of V = 0 (5 a period) holds 5 shells in P1 and in P3,
 * C = 25. The smooth stage must not buy V with cost, in either mode. A
 * second product, mortar, has no stock room: made in P1 and P3 for a
 * demand of 10 then (V = 30), where smoothing could only come from making
 * less, i.e. from S. With a tolerance of 1e-3 the cost stage gives up
 * 0.001 of S (one unit short saves its cost 1): S = 0.001, C = 39.999, and
 * the smooth stage, holding both (no stage-0 face then: S held on the lex
 * row), puts that unit where it shortens two changes (a peak inside the
 * horizon): V = 60 - 2 x 0.001. */
static const char no_trade[] =
    "{\"arsenal\": 1, \"name\": \"no trade\", \"periods\": [\"P1\", \"P2\", \"P3\", \"P4\"],"
    " \"products\": [{\"id\": \"shell\", \"holding_cost\": 0.5}, {\"id\": \"mortar\"}],"
    " \"stocks\": [{\"product\": \"mortar\", \"capacity\": 0}],"
    " \"lines\": ["
    "  {\"id\": \"a\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]},"
    "  {\"id\": \"m\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"mortar\", \"cost\": 1}]}],"
    " \"requirements\": ["
    "  {\"id\": \"fires\", \"demand\": [0, 10, 0, 10], \"met_by\": {\"shell\": 1}},"
    "  {\"id\": \"mortars\", \"demand\": [10, 0, 10, 0], \"met_by\": {\"mortar\": 1}}]}";

static void test_no_trade(void)
{
    static const char *const sets[] = {"objective.mode=lexicographic", "objective.mode=weighted",
                                       "objective.tolerance=0.001"};
    static const double shell[] = {0, 10, 0, 10}, mortar[] = {10, 0, 10, 0};
    ars_model *base = load_model_text(no_trade);
    size_t i;
    int t, l_m = idx_of("m", base->nlines, line_id, base);
    for (i = 0; i < sizeof sets / sizeof *sets; i++) {
        ars_model *m = apply_set(base, sets[i]);
        ars_result *r = solve_model(m);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_TRUE(r->smoothed);
        ASSERT_TRUE(r->verification.ok);
        if (m->objective.tolerance > 0) {
            ASSERT_NEAR(ars_result_shortfall(r), 0.001, 1e-9);
            ASSERT_NEAR(ars_result_cost(r), 39.999, 1e-9 * 40);
            ASSERT_NEAR(r->V, 59.998, 1e-9 * 60);
            ars_result_free(r);
            ars_model_free(m);
            continue;
        }
        ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
        /* 20 shells + 20 mortars at 1, nothing held */
        ASSERT_NEAR(ars_result_cost(r), 40, 1e-9 * 40);
        ASSERT_NEAR(r->V, 60, 1e-9 * 60);
        for (t = 0; t < 4; t++) {
            ASSERT_NEAR(X(r, "a", t), shell[t], 1e-9);
            ASSERT_NEAR(ars__result_col(r, ars__col_x(r->prog, l_m, 0, t)), mortar[t], 1e-9);
        }
        ars_result_free(r);
        ars_model_free(m);
    }
    ars_model_free(base);
}

/* A MIP: line a (capacity 5) can add one step of 5 of capacity, at 1 a
 * unit ordered in P1 and 2 later; line b (15, cost 1) opens in P3; the
 * front wants 60 in P4 at priority 100. Without the step a and b make 20
 * + 30 = 50; the step in P1 (cost 5) makes 70 possible, so S = 0 and C =
 * 60 + 5 = 65, the step later costs more. With it fixed, the LP's least V
 * is 10 as in `tie`: a flat at 10, b 10 and 10 (b makes at least 60 - 40,
 * and its changes are at least half of that). */
static const char mip[] =
    "{\"arsenal\": 1, \"name\": \"mip\", \"periods\": [\"P1\", \"P2\", \"P3\", \"P4\"],"
    " \"products\": [{\"id\": \"shell\"}],"
    " \"lines\": ["
    "  {\"id\": \"a\", \"country\": \"UA\", \"capacity\": 5,"
    "   \"expansion\": {\"cost\": [1, 2, 2, 2], \"max\": 5, \"step\": 5},"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]},"
    "  {\"id\": \"b\", \"country\": \"UA\", \"capacity\": 15, \"start\": \"P3\","
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": [0, 0, 0, 60], \"priority\": 100,"
    "   \"met_by\": {\"shell\": 1}}]}";

static void test_mip_on_fixed_lp(void)
{
    ars_model *m = load_model_text(mip), *off = apply_set(m, "objective.smooth=false");
    ars_result *r = solve_model(m), *r0 = solve_model(off);
    int t;
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_TRUE(r->mip);
    ASSERT_TRUE(r->duals_fixed);
    ASSERT_TRUE(r->smoothed);
    ASSERT_NEAR(E(r, "a", 0), 5, 1e-9);
    ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
    ASSERT_NEAR(ars_result_cost(r), 65, 1e-9 * 65);
    ASSERT_NEAR(ars_result_shortfall(r0), 0, 1e-9);
    ASSERT_NEAR(ars_result_cost(r0), 65, 1e-9 * 65);
    ASSERT_NEAR(r->V, 10, 1e-9);
    for (t = 0; t < 4; t++)
        ASSERT_NEAR(X(r, "a", t), 10, 1e-9);
    ASSERT_NEAR(X(r, "b", 2), 10, 1e-9);
    ASSERT_NEAR(X(r, "b", 3), 10, 1e-9);
    ASSERT_TRUE(r->verification.ok);
    ars_result_free(r);
    ars_result_free(r0);
    ars_model_free(off);
    ars_model_free(m);
}

/* What-if: a session re-solves demand variants of `tie` warm (every stage,
 * the smooth one included, from its basis of the previous variant); S, C
 * and V equal the hand values and a cold solve of the same variant. */
static void test_warm_equals_cold(void)
{
    static const double demands[] = {60, 45, 70, 30, 55, 50};
    ars_model *base = load_model_text(tie);
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    size_t i;
    int warm = 0;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    ASSERT_INT_EQ(ars_session_solve(s, base, &r, &warm, &err), ARS_OK);
    ASSERT_NEAR(r->V, 5, 1e-9);
    ars_result_free(r);
    for (i = 0; i < sizeof demands / sizeof *demands; i++) {
        char set[64];
        double D = demands[i];
        ars_model *v;
        ars_result *cold;
        snprintf(set, sizeof set, "requirements.fires.demand@P4=%g", D);
        v = apply_set(base, set);
        r = NULL;
        ASSERT_INT_EQ(ars_session_solve(s, v, &r, &warm, &err), ARS_OK);
        ASSERT_INT_EQ(warm, 1);
        cold = solve_model(v);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_TRUE(r->smoothed && cold->smoothed);
        ASSERT_NEAR(ars_result_shortfall(r), tie_S(D), 1e-9);
        ASSERT_NEAR(ars_result_cost(r), tie_C(D), 1e-9 * tie_C(D));
        ASSERT_NEAR(r->V, tie_V(D), 1e-9);
        ASSERT_NEAR(ars_result_shortfall(cold), ars_result_shortfall(r), 1e-9);
        ASSERT_NEAR(ars_result_cost(cold), ars_result_cost(r), 1e-9 * tie_C(D));
        ASSERT_NEAR(cold->V, r->V, 1e-9);
        ASSERT_TRUE(r->verification.ok);
        ars_result_free(cold);
        ars_result_free(r);
        ars_model_free(v);
    }
    ars_session_free(s);
    ars_model_free(base);
}

/* What-if on a production rate, a coefficient of the swing rows as well as
 * of the capacity rows, which a session patches in place. With line
 * b at rate 2 (capacity units a shell) it makes at most 5 shells a period
 * in P3 and P4, a 10 a period: S = max(0, D - 50), C = min(D, 50). V is in
 * capacity units: a flat adds nothing, so for 40 < D < 50 a makes 40 and b
 * the rest, D - 40, at half of it in P3 and in P4 (any other split has b
 * change more: V >= 2 max(b3, b4)), V = D - 40; every line full beyond
 * (V = 10). Back at rate 1 the hand values of `tie` hold again. Each
 * variant warm in one session, and cold; the split of b is the smooth
 * stage's own doing (the cost stage ties on it). */
static void test_rate_change_warm(void)
{
    static const struct {
        double rate, D, S, C, V;
    } cases[] = {{2, 45, 0, 45, 5}, {2, 60, 10, 50, 10}, {1, 45, 0, 45, 2.5}, {2, 44, 0, 44, 4}};
    ars_model *base = load_model_text(tie);
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    size_t i;
    int warm = 0;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    ASSERT_INT_EQ(ars_session_solve(s, base, &r, &warm, &err), ARS_OK);
    ars_result_free(r);
    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        char set[64];
        ars_model *rated, *v;
        ars_result *cold;
        double b = cases[i].rate == 2 && cases[i].D < 50 ? (cases[i].D - 40) / 2 : -1;
        snprintf(set, sizeof set, "lines.b.produces.shell.rate=%g", cases[i].rate);
        rated = apply_set(base, set);
        snprintf(set, sizeof set, "requirements.fires.demand@P4=%g", cases[i].D);
        v = apply_set(rated, set);
        r = NULL;
        ASSERT_INT_EQ(ars_session_solve(s, v, &r, &warm, &err), ARS_OK);
        ASSERT_INT_EQ(warm, 1);
        cold = solve_model(v);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_STR_EQ(ars_result_status(cold), "optimal");
        ASSERT_TRUE(r->smoothed && cold->smoothed);
        ASSERT_NEAR(ars_result_shortfall(r), cases[i].S, 1e-9);
        ASSERT_NEAR(ars_result_cost(r), cases[i].C, 1e-9 * cases[i].C);
        ASSERT_NEAR(r->V, cases[i].V, 1e-9);
        ASSERT_NEAR(ars_result_shortfall(cold), cases[i].S, 1e-9);
        ASSERT_NEAR(ars_result_cost(cold), cases[i].C, 1e-9 * cases[i].C);
        ASSERT_NEAR(cold->V, cases[i].V, 1e-9);
        ASSERT_TRUE(r->verification.ok && cold->verification.ok);
        if (b >= 0) {
            ASSERT_NEAR(X(r, "b", 2), b, 1e-9);
            ASSERT_NEAR(X(r, "b", 3), b, 1e-9);
            ASSERT_NEAR(X(cold, "b", 2), b, 1e-9);
            ASSERT_NEAR(X(cold, "b", 3), b, 1e-9);
        }
        ars_result_free(cold);
        ars_result_free(r);
        ars_model_free(v);
        ars_model_free(rated);
    }
    ars_session_free(s);
    ars_model_free(base);
}

/* A near tie the face does not hold. Lines a (40 in P4, 0 before) and c
 * (5 a period) make shells at 1, b (10 a period) at 1.0001, z at 1e6; the
 * front wants 40 in P4, stored for free. S = 0 and C = 40: a and c, any
 * split. b's reduced cost, 1e-4, is under 1e-9 of the largest cost (z's
 * 1e6), so a face fixed down to that left b free, and b alone would make
 * the plan flat (V = 0) at C = 40.004: C moved, and the stage was left out
 * (V of the cost stage's vertex, 35 to 45). With every priced column fixed,
 * b stays at 0 and V is least with c flat at 5 (V 0) and a at 20 in P4 (V
 * 20): V = 20. The same with a opening in P4 instead of its capacity of 0
 * before, and in weighted mode (S + C held: 40). */
static const char near_tie[] =
    "{\"arsenal\": 1, \"name\": \"near_tie\", \"periods\": [\"P1\", \"P2\", \"P3\", \"P4\"],"
    " \"products\": [{\"id\": \"shell\"}],"
    " \"lines\": ["
    "  {\"id\": \"a\", \"country\": \"UA\", \"capacity\": [0, 0, 0, 40],"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]},"
    "  {\"id\": \"b\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1.0001}]},"
    "  {\"id\": \"c\", \"country\": \"UA\", \"capacity\": 5,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]},"
    "  {\"id\": \"z\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1000000}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": [0, 0, 0, 40],"
    "   \"met_by\": {\"shell\": 1}}]}";

static void test_near_tie_holds_cost(void)
{
    static const char *const sets[] = {"objective.smooth=true", "lines.a.start=P4",
                                       "objective.mode=weighted"};
    ars_model *base = load_model_text(near_tie);
    size_t i;
    int t;
    for (i = 0; i < sizeof sets / sizeof *sets; i++) {
        ars_model *m = apply_set(base, sets[i]);
        ars_result *r = solve_model(m);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_TRUE(r->smoothed);
        ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
        ASSERT_NEAR(ars_result_cost(r), 40, 1e-9 * 40);
        ASSERT_NEAR(r->V, 20, 1e-9 * 20);
        for (t = 0; t < 4; t++) {
            ASSERT_NEAR(X(r, "b", t), 0, 1e-9);
            ASSERT_NEAR(X(r, "c", t), 5, 1e-9);
            ASSERT_NEAR(X(r, "a", t), t == 3 ? 20 : 0, 1e-9);
        }
        ASSERT_TRUE(r->verification.ok);
        ars_result_free(r);
        ars_model_free(m);
    }
    ars_model_free(base);
}

/* On the shipped baseline: the smoothed plan has the same S and C as the
 * unsmoothed one (1e-9 relative: a MIP's stages keep that room on S) and
 * no more variation, whichever backend, since the unsmoothed plan is one
 * of the plans the smooth stage chooses among. How much less is not a
 * property to assert: the unsmoothed V is whichever optimal vertex the
 * simplex ends in (GLPK's was 15.7M, 4.7M after the warm cost-stage
 * change; CBC's 20.4M, CLP's LP 4.3M), while the smoothed V is the least
 * one, the same on every backend (bench/smooth.sh reports the ratio). */
static void test_baseline_no_more_variation(void)
{
    ars_model *m = load_model("models/baseline.json"),
              *off = apply_set(m, "objective.smooth=false");
    ars_result *r = solve_model(m), *r0 = solve_model(off);
    double S = ars_result_shortfall(r0), C = ars_result_cost(r0);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_TRUE(r->smoothed);
    ASSERT_NEAR(ars_result_shortfall(r), S, 1e-9 * fmax(1, S));
    ASSERT_NEAR(ars_result_cost(r), C, 1e-9 * fmax(1, C));
    ASSERT_TRUE(r->V <= r0->V * (1 + 1e-9));
    ASSERT_TRUE(r->verification.ok);
    ars_result_free(r);
    ars_result_free(r0);
    ars_model_free(off);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_ties_least_variation);
    RUN_TEST(test_ties_weighted);
    RUN_TEST(test_no_trade);
    RUN_TEST(test_mip_on_fixed_lp);
    RUN_TEST(test_warm_equals_cold);
    RUN_TEST(test_rate_change_warm);
    RUN_TEST(test_near_tie_holds_cost);
    RUN_TEST(test_baseline_no_more_variation);
    TEST_EXIT();
}
