/* test_solve_session.c - warm re-solves in a session agree with cold
 * solves of the same variant (to 1e-9 relative), and a variant of another
 * structure is rebuilt. */
#include "solve_helpers.h"

static void agree(ars_session *s, const ars_model *v, int expect_warm)
{
    ars_result *w = NULL, *c = solve_model(v);
    ars_error err;
    int warm = -1;
    ASSERT_INT_EQ(ars_session_solve(s, v, &w, &warm, &err), ARS_OK);
    if (!w) {
        ars_result_free(c);
        return;
    }
    ASSERT_INT_EQ(warm, expect_warm);
    ASSERT_STR_EQ(ars_result_status(w), ars_result_status(c));
    ASSERT_NEAR(ars_result_shortfall(w), ars_result_shortfall(c), 1e-9);
    ASSERT_NEAR(ars_result_cost(w), ars_result_cost(c), 1e-9);
    ars_result_free(w);
    ars_result_free(c);
}

static void test_lp_variants(void)
{
    ars_model *base = load_model("tests/models/components.json");
    ars_model *v = load_model("tests/models/components.json");
    ars_model *other = load_model("tests/models/ramp.json");
    ars_session *s = NULL;
    ars_error err;
    int t;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    agree(s, base, 0); /* first solve: nothing to start from */
    /* Numbers only: demand, supplier capacity and cost, initial stock. */
    for (t = 0; t < v->T; t++) {
        v->requirements[0].demand[t] = 4 + t;
        v->suppliers[0].capacity[t] = 2.5;
        v->suppliers[0].cost[t] = 3 + t;
    }
    v->components[0].initial = 1;
    agree(s, v, 1);
    /* By hand for v: fuzes 1 + 2.5 + 2.5 against demand 4, 5, 6: shells
     * 1, 2.5, 2.5: S = 15 - 6 = 9. */
    {
        ars_result *r = solve_model(v);
        ASSERT_NEAR(ars_result_shortfall(r), 9, 1e-6);
        ars_result_free(r);
    }
    agree(s, base, 1);  /* back to the base, warm */
    agree(s, other, 0); /* another structure: rebuilt */
    agree(s, other, 1);
    ars_session_free(s);
    ars_model_free(base);
    ars_model_free(v);
    ars_model_free(other);
}

static void test_mip_variants(void)
{
    ars_model *base = load_model("tests/models/all_families.json");
    ars_model *v = load_model("tests/models/all_families.json");
    ars_session *s = NULL;
    ars_error err;
    int t;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    agree(s, base, 0);
    for (t = 0; t < v->T; t++) {
        v->funds[0].amount[t] = 500;
        v->lines[0].capacity[t] = 60 + 10 * t;
        v->requirements[0].demand[t] = 200;
    }
    agree(s, v, 1);
    agree(s, base, 1);
    ars_session_free(s);
    ars_model_free(base);
    ars_model_free(v);
}

/* Warm lexicographic re-solves start from a weighted stand-in, min C + w S
 * with w twice the last cost stage's price of S (solve.c). Two lines make
 * shells, cheap (10 at 1) and dear (10 at 3), against a demand d: by hand,
 * S = max(0, d - 20), C = min(d, 10) + 3 clamp(d - 10, 0, 10), and the
 * price of S is 1 while the cheap line suffices, 3 once the dear one is
 * used. From d = 5 (price 1, w = 2) to d = 15 the stand-in would rather
 * leave 5 short than pay 3 for them: the shortfall stage must still reach
 * S = 0, and the stand-in is re-weighed for the next variant. */
static void test_stand_in_weight_outgrown(void)
{
    static const double demand[] = {5, 15, 25, 8, 15, 30, 12};
    ars_model *base = load_model("tests/models/stand_in.json");
    ars_model *v = load_model("tests/models/stand_in.json");
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    size_t i;
    int warm, used = 0;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    for (i = 0; i < sizeof demand / sizeof demand[0]; i++) {
        double d = demand[i], dear = d - 10 < 0 ? 0 : d - 10 > 10 ? 10 : d - 10;
        v->requirements[0].demand[0] = d;
        ASSERT_INT_EQ(ars_session_solve(s, v, &r, &warm, &err), ARS_OK);
        if (!r)
            break;
        ASSERT_INT_EQ(warm, i > 0);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_NEAR(ars_result_shortfall(r), d > 20 ? d - 20 : 0, 1e-9);
        ASSERT_NEAR(ars_result_cost(r), (d < 10 ? d : 10) + 3 * dear, 1e-9);
        ASSERT_INT_EQ(r->verification.ok, 1);
        used += r->stood_in;
        ars_result_free(r);
        r = NULL;
    }
    /* Every warm variant went by the stand-in (each run keeps its basis),
     * with either backend. */
    ASSERT_INT_EQ(used, (int)(sizeof demand / sizeof demand[0]) - 1);
    ars_session_free(s);
    ars_model_free(base);
    ars_model_free(v);
}

/* A warm start that stalls is redone from scratch. The stall is made
 * certain: the saved basis is replaced by the all-slack one (every row
 * basic), far from the optimum of the baseline's LP relaxation, and the
 * warm run gets a budget of 0.1 ms, which its hundreds of iterations
 * overrun. The answer then comes from a cold solve (warm = 0) and equals
 * the plain cold solve's; with a generous budget the same start stays warm
 * and reaches the same optimum. */
static void test_stalled_warm_solve_goes_cold(void)
{
    ars_model *m = load_model("models/baseline.json");
    ars__program *p = NULL;
    ars__solver sv;
    ars_result *cold = NULL, *r = NULL;
    ars_error err;
    int i, j, pass;
    m->objective.relax = 1;
    ASSERT_INT_EQ(ars__formulate(m, &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__solver_init(&sv, p, ars_solver_default(), &err), ARS_OK);
    ASSERT_INT_EQ(ars__solver_run(&sv, 0, NULL, &cold, &err), ARS_OK);
    ASSERT_STR_EQ(ars_result_status(cold), "optimal");
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < p->nrows; i++)
            sv.basis[0].rows[i] = ARS_BASIC;
        for (j = 0; j < p->ncols; j++)
            sv.basis[0].cols[j] = ARS_AT_LOWER;
        sv.has_basis = 1;
        ASSERT_INT_EQ(ars__solver_run_within(&sv, 1, pass == 0 ? 1e-4 : 600, NULL, &r, &err),
                      ARS_OK);
        if (!r)
            break;
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_INT_EQ(r->warm, pass == 0 ? 0 : 1);
        ASSERT_NEAR(r->S, cold->S, 1e-9 * (fabs(cold->S) > 1 ? fabs(cold->S) : 1));
        ASSERT_NEAR(r->C, cold->C, 1e-9 * (fabs(cold->C) > 1 ? fabs(cold->C) : 1));
        ars_result_free(r);
        r = NULL;
    }
    ars_result_free(cold);
    ars__solver_release(&sv);
    ars__program_unref(p);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_stalled_warm_solve_goes_cold);
    RUN_TEST(test_lp_variants);
    RUN_TEST(test_stand_in_weight_outgrown);
    RUN_TEST(test_mip_variants);
    TEST_EXIT();
}
