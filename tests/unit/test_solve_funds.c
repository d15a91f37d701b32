/* test_solve_funds.c - funds (section 6): eligibility and carryover. */
#include "solve_helpers.h"

#define TOL 1e-9 /* tolerance 0: S held exactly, hand values met to round-off */

static double fund_spent(const ars_result *r, int f, int t)
{
    double s = 0;
    int g;
    for (g = 0; g < r->prog->ngroups; g++)
        s += ars__result_col(r, ars__col_pay(r->prog, f, g, t));
    return s;
}

static void test_eligibility_and_carryover(void)
{
    ars_model *m = load_model("tests/models/funds.json");
    ars_result *r = solve_model(m);
    /* fires P1 (15): line ua (UA, cost 1) has no eligible fund (usai pays
     * US only, bank pays dr only) so it cannot produce; us (US, cost 5)
     * makes 10 paid by usai: 5 short.
     * recon P2 (20, priority 1): dr (cost 10) is paid only by bank,
     * 100 a period with carryover: 200 in P2 buys 20 drones.
     * S = 5, C = 50 + 200 = 250. */
    ASSERT_NEAR(ars_result_shortfall(r), 5, TOL);
    ASSERT_NEAR(ars_result_cost(r), 250, TOL);
    ASSERT_NEAR(X(r, "ua", 0), 0, TOL);
    ASSERT_NEAR(X(r, "us", 0), 10, TOL);
    ASSERT_NEAR(X(r, "dr", 1), 20, TOL);
    ASSERT_NEAR(fund_spent(r, 0, 0), 50, TOL);
    ASSERT_NEAR(fund_spent(r, 1, 1), 200, TOL);
    ASSERT_NEAR(ars__result_col(r, ars__col_bank(r->prog, 1, 0)), 100, TOL);
    ars_result_free(r);

    /* Without carryover bank has 100 in P2: 10 drones, 10 short.
     * S = 5 + 10 = 15, C = 50 + 100 = 150. */
    m->funds[1].carryover = 0;
    r = solve_model(m);
    ASSERT_NEAR(ars_result_shortfall(r), 15, TOL);
    ASSERT_NEAR(ars_result_cost(r), 150, TOL);
    ASSERT_NEAR(X(r, "dr", 1), 10, TOL);
    ASSERT_NEAR(ars__result_col(r, ars__col_bank(r->prog, 1, 0)), 0, TOL);
    ars_result_free(r);
    ars_model_free(m);
}

static void test_groups_share_payments(void)
{
    /* all_families: ua_shell, ua_drone and fuze_ua are all eligible for
     * ua_budget only, so they share one group; payments per payee in the
     * JSON are split in the group's proportions and add up to its spend. */
    ars_model *m = load_model("tests/models/all_families.json");
    ars_result *r = solve_model(m);
    const ars__program *p = r->prog;
    int g = p->group_of_payee[0], t;
    ASSERT_TRUE(p->groups[g].npayees >= 2);
    for (t = 0; t < m->T; t++) {
        double spend = 0;
        int i;
        for (i = 0; i < p->groups[g].npayees; i++)
            spend += ars__result_payee_spend(r, p->groups[g].payees[i], t);
        ASSERT_NEAR(spend, fund_spent(r, 0, t), 1e-6);
    }
    ars_result_free(r);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_eligibility_and_carryover);
    RUN_TEST(test_groups_share_payments);
    TEST_EXIT();
}
