/* test_models.c - the shipped models: each validates, the embedded default is
 * models/baseline.json byte for byte, the tutorial solves to its hand
 * solution, and every baseline scenario solves to optimality and moves the
 * weighted shortfall in the direction its question expects. */
#include "arsenal.h"
#include "test.h"

#include <math.h>

static ars_model *load(const char *rel)
{
    ars_model *m = NULL;
    ars_diag d;
    ars_error err;
    char path[1024];
    int rc;
    snprintf(path, sizeof path, "%s/%s", ARS_SOURCE_DIR, rel);
    ars_diag_init(&d);
    ars_error_clear(&err);
    rc = ars_model_load_file(path, NULL, &m, &d, &err);
    if (rc != ARS_OK || d.nerrors) {
        fprintf(stderr, "%s: %s\n", rel, err.message);
        ars_diag_print(&d, rel, stderr);
    }
    ASSERT_INT_EQ(rc, ARS_OK);
    ASSERT_INT_EQ(d.nerrors, 0);
    ars_diag_free(&d);
    return m;
}

/* Solves m; returns 1 and S, C when optimal. */
static int solve(const ars_model *m, const char *what, double *S, double *C)
{
    ars_solve_opts o;
    ars_result *r = NULL;
    ars_error err;
    int rc, ok;
    ars_solve_opts_default(&o);
    ars_error_clear(&err);
    rc = ars_solve(m, &o, &r, &err);
    if (rc != ARS_OK)
        fprintf(stderr, "%s: %s\n", what, err.message);
    ASSERT_INT_EQ(rc, ARS_OK);
    ok = rc == ARS_OK && r && strcmp(ars_result_status(r), "optimal") == 0;
    if (!ok)
        fprintf(stderr, "%s: status %s\n", what, r ? ars_result_status(r) : "(none)");
    ASSERT_TRUE(ok);
    if (ok) {
        *S = ars_result_shortfall(r);
        *C = ars_result_cost(r);
    }
    ars_result_free(r);
    return ok;
}

static int scenario(const ars_model *base, const char *name, double *S, double *C)
{
    ars_model *v = NULL;
    ars_diag d;
    ars_error err;
    int rc, ok = 0;
    ars_diag_init(&d);
    ars_error_clear(&err);
    rc = ars_model_apply_scenario(base, name, &v, &d, &err);
    if (rc != ARS_OK) {
        fprintf(stderr, "scenario %s: %s %s\n", name, err.field, err.message);
        ars_diag_print(&d, name, stderr);
    }
    ASSERT_INT_EQ(rc, ARS_OK);
    if (rc == ARS_OK)
        ok = solve(v, name, S, C);
    ars_model_free(v);
    ars_diag_free(&d);
    return ok;
}

static void test_embedded_is_baseline(void)
{
    size_t flen = 0, elen = 0;
    char *file = ars_test_read("models/baseline.json", &flen);
    const char *emb = ars_default_model_text(&elen);
    ASSERT_INT_EQ(elen, flen);
    ASSERT_TRUE(emb && elen == flen && memcmp(emb, file, flen) == 0);
    free(file);
}

/* The tutorial's hand solution (also written out in its _hand_solution):
 * UA line limited by 150 t of fill at 0.0108 t a shell; German plant limited
 * by capacity 6250 in Q1-Q2 and by 200000 kUSD at 8.64 + 0.06 x 0.3 a shell in
 * Q3-Q4; demand 60000 a quarter. */
static void test_tutorial(void)
{
    ars_model *m = load("models/tutorial.json");
    const double ua = 150 / 0.0108, de_price = 8.64 + 0.06 * 0.3, de_q34 = 200000 / de_price;
    const double S0 = 4 * 60000 - 4 * ua - 2 * 6250 - 2 * de_q34;
    const double C0 = 4 * (ua * 2.0 + 150 * 44.09) + 2 * 6250 * de_price + 2 * 200000;
    double S, C;
    if (!m)
        return;
    if (solve(m, "tutorial", &S, &C)) {
        ASSERT_NEAR(S, S0, 1e-6);
        ASSERT_NEAR(C, C0, 1e-6);
    }
    /* 200 t of fill: the line runs at 20000 x 0.85 = 17000. */
    if (scenario(m, "more_explosives", &S, &C))
        ASSERT_NEAR(S, S0 - 4 * (17000 - ua), 1e-6);
    /* no European money in Q3-Q4: the German plant makes nothing then. */
    if (scenario(m, "german_money_stops", &S, &C))
        ASSERT_NEAR(S, S0 + 2 * de_q34, 1e-6);
    ars_model_free(m);
}

/* Each scenario of the baseline and the direction its question expects:
 * +1 the weighted shortfall must rise, -1 it must fall, 0 it must not move,
 * WEIGHTED_GIVES_UP_S it must rise beyond the solver's tolerance while the
 * cost falls. A scenario added to the model without an entry here fails the
 * test. */
#define WEIGHTED_GIVES_UP_S 2
static const struct {
    const char *name;
    int dir;
} expected[] = {
    /* USAI stops from 2025Q3. PURL pays exactly the payees USAI pays (both:
     * US plants, Valleyfield, Solar) and the base plan leaves more of PURL's
     * 1M a quarter unspent than USAI spends in every quarter from 2025Q3
     * (tests/cli/scenarios.sh checks this on the plan), so the base plan
     * stays feasible at the same S and C; removing money cannot lower S. */
    {"funding_cliff", 0},
    {"europe_cliff", +1},      /* the largest fund, spent in full, stops */
    {"strike_campaign", +1},   /* Ukrainian capacity cut where it binds */
    {"itar_relief", -1},       /* GBAD line in Ukraine produces from its start */
    {"licensing_surge", -1},   /* pending reviews no longer queue for one slot */
    {"energetics_shock", +1},  /* charge sets bind US and JV shell output */
    {"coproduction_push", -1}, /* more money for Ukrainian makers, whose money binds */
    {"drones_for_shells", -1}, /* FPV drones count for more of the 155 mm need */
    /* weighted: the S-optimal plan is still feasible, so S can only rise; it
     * rises where an order costs more than the shortfall it removes is worth,
     * and then C must fall (w S + C <= w S0 + C0 with S > S0) */
    {"value_for_money", WEIGHTED_GIVES_UP_S},
};

static void test_baseline_scenarios(void)
{
    ars_model *m = load("models/baseline.json");
    double S0, C0, S, C;
    size_t i, j, n;
    if (!m)
        return;
    if (!solve(m, "baseline", &S0, &C0)) {
        ars_model_free(m);
        return;
    }
    ASSERT_TRUE(S0 > 0); /* the baseline is built to have a shortfall to move */
    n = ars_model_scenario_count(m);
    ASSERT_INT_EQ(n, sizeof expected / sizeof expected[0]);
    for (i = 0; i < n; i++) {
        const char *name = ars_model_scenario_name(m, i);
        int dir = 0, found = 0;
        for (j = 0; j < sizeof expected / sizeof expected[0]; j++)
            if (strcmp(expected[j].name, name) == 0) {
                dir = expected[j].dir;
                found = 1;
            }
        if (!found) {
            fprintf(stderr, "scenario %s has no expected direction in test_models.c\n", name);
            ASSERT_TRUE(0);
            continue;
        }
        if (!scenario(m, name, &S, &C))
            continue;
        if (dir == WEIGHTED_GIVES_UP_S) {
            if (!(S - S0 > 1e-6 * S0 && C < C0))
                fprintf(stderr, "scenario %s: S %.9g vs %.9g, C %.9g vs %.9g\n", name, S, S0, C,
                        C0);
            ASSERT_TRUE(S - S0 > 1e-6 * S0);
            ASSERT_TRUE(C < C0);
            continue;
        }
        if (dir == 0) {
            /* unchanged up to the solver's relative tolerance */
            if (!(fabs(S - S0) <= 1e-6 * S0))
                fprintf(stderr, "scenario %s: S %.9g vs baseline %.9g, expected the same\n", name,
                        S, S0);
            ASSERT_TRUE(fabs(S - S0) <= 1e-6 * S0);
            continue;
        }
        /* a move of at least 0.1% of S0, so that solver tolerance cannot pass for a direction */
        if (!(dir * (S - S0) > 1e-3 * S0))
            fprintf(stderr, "scenario %s: S %.6g vs baseline %.6g, expected %s\n", name, S, S0,
                    dir > 0 ? "higher" : "lower");
        ASSERT_TRUE(dir * (S - S0) > 1e-3 * S0);
    }
    ars_model_free(m);
}

static void test_large_validates(void)
{
    ars_model *m = load("models/large.json");
    ASSERT_TRUE(m != NULL);
    if (m)
        ASSERT_TRUE(ars_model_scenario_count(m) >= 1);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_embedded_is_baseline);
    RUN_TEST(test_tutorial);
    RUN_TEST(test_baseline_scenarios);
    RUN_TEST(test_large_validates);
    TEST_EXIT();
}
