/* test_verify.c - the verifier: it passes on every shipped
 * and test model, it catches corrupted plans and a corrupted program, and
 * its recomputed objective matches values derived by hand. */
#include "solve_helpers.h"

#include "lp/verify.h"

/* With tolerance 0 (spec 1.1 section 9) the cost stage holds S at S*:
 * plans match the hand values to round-off. */
#define TOL 1e-9

static const char *const every_model[] = {
    "tests/models/all_families.json",
    "tests/models/capacity.json",
    "tests/models/components.json",
    "tests/models/corridor.json",
    "tests/models/discount.json",
    "tests/models/drawdown_stock.json",
    "tests/models/expansion.json",
    "tests/models/explain_capacity.json",
    "tests/models/explain_fund.json",
    "tests/models/explain_supplier.json",
    "tests/models/export_weighted.json",
    "tests/models/funds.json",
    "tests/models/licences.json",
    "tests/models/paths_fixture.json",
    "tests/models/ramp.json",
    "tests/models/requirements.json",
    "tests/models/slots.json",
    "tests/models/weighted.json",
    "tests/models/whatif_tiny.json",
    "models/baseline.json",
    "tests/models/no_country.json",
    "tests/models/ranging.json",
    "models/tutorial.json",
};

static const char *worst(const ars_result *r, char *buf, size_t len)
{
    return ars__residual_name(r, &r->verification.worst_rel, buf, len);
}

/* Re-runs the verifier on r after a test changed its plan. */
static void reverify(ars_result *r)
{
    if (ars__verify(r) != ARS_OK) {
        fprintf(stderr, "verify: out of memory\n");
        exit(2);
    }
}

static void test_every_model_verifies(void)
{
    size_t i;
    char buf[512];
    for (i = 0; i < sizeof every_model / sizeof every_model[0]; i++) {
        ars_model *m = load_model(every_model[i]);
        ars_result *r = solve_model(m);
        const ars__verification *v = &r->verification;
        if (!v->done || !v->ok)
            fprintf(stderr, "%s: done %d ok %d, worst %s rel %g\n", every_model[i], v->done, v->ok,
                    worst(r, buf, sizeof buf), v->worst_rel.rel);
        ASSERT_TRUE(v->done);
        ASSERT_TRUE(v->ok);
        ASSERT_INT_EQ(v->violations, 0);
        ASSERT_TRUE(v->checked > 0);
        ASSERT_TRUE(v->worst_rel.rel <= ARS_VERIFY_TOLERANCE);
        ASSERT_NEAR(v->S, r->S, 1e-7);
        ASSERT_NEAR(v->C, r->C, 1e-7);
        ars_result_free(r);
        ars_model_free(m);
    }
}

/* capacity.json by hand: line a (capacity 10, availability 1 then 0.5,
 * rate 2, cost 3) makes 5 then 2.5 shells; line late (capacity 4 from P2,
 * cost 100) makes 4 in P2. Demand 10 a period: shortfall 5 + 3.5 = 8.5,
 * cost 3 (5 + 2.5) + 100 * 4 = 422.5. */
static void test_recomputed_objective_by_hand(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r = solve_model(m);
    ASSERT_TRUE(r->verification.ok);
    ASSERT_NEAR(r->verification.S, 8.5, TOL);
    ASSERT_NEAR(r->verification.C, 422.5, TOL);
    ars_result_free(r);
    ars_model_free(m);
}

/* capacity.json by hand, the variation: line a (rate 2) uses its whole
 * capacity, 10 units in P1 and 10 x 0.5 = 5 in P2, a change of 5; line
 * late makes its 4 from P2 on, a change of 4: V = 9, and the smooth stage
 * chose the plan (up[a,P2] = 0, down[a,P2] = 5). Counting a change as
 * both up and down (up and down 1 more) breaks no swing row but makes the
 * reported V wrong; one more up alone breaks swing[a,P2]. */
static void test_variation_by_hand(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r = solve_model(m);
    int a = idx_of("a", m->nlines, line_id, m);
    int up = ars__col_up(r->prog, a, 1), down = ars__col_down(r->prog, a, 1);
    char buf[512];
    ASSERT_TRUE(r->verification.ok);
    ASSERT_TRUE(r->smoothed);
    ASSERT_NEAR(r->V, 9, TOL);
    ASSERT_NEAR(r->verification.V, 9, TOL);
    ASSERT_NEAR(r->x[up], 0, TOL);
    ASSERT_NEAR(r->x[down], 5, TOL);
    r->V += 1;
    reverify(r);
    ASSERT_TRUE(!r->verification.ok);
    ASSERT_STR_EQ(worst(r, buf, sizeof buf), "objective.variation");
    r->V -= 1;
    r->x[up] += 1;
    reverify(r);
    ASSERT_TRUE(!r->verification.ok);
    ASSERT_STR_EQ(worst(r, buf, sizeof buf), "swing[a,P2]");
    ASSERT_NEAR(r->verification.worst_rel.abs, 1, TOL);
    r->x[up] -= 1;
    reverify(r);
    ASSERT_TRUE(r->verification.ok);
    ars_result_free(r);
    ars_model_free(m);
}

/* no_country.json by hand: a supplier and a drawdown without `country`
 * (optional; the program once refused them). 6 fuzes make 6 shells (cost 2
 * + 1 each), the drawdown adds 3 (cost 1): shortfall 15 - 9 = 6, cost 21. */
static void test_optional_countries(void)
{
    ars_model *m = load_model("tests/models/no_country.json");
    ars_result *r = solve_model(m);
    ASSERT_TRUE(r->verification.ok);
    ASSERT_NEAR(r->verification.S, 6, TOL);
    ASSERT_NEAR(r->verification.C, 21, TOL);
    ars_result_free(r);
    ars_model_free(m);
}

/* One more shell at line a in P1 uses 2 more capacity units than the 10
 * there are: capacity[a,P1] is off by 2 in 12 (relative 1/6), the largest
 * relative residual (the stock balance is off by 1 in 11, the cost by 3 in
 * 425.5, the variation by 2, line a's output changing 12 - 5 = 7 instead
 * of 5, in the 12 + 5 + 4 units of output it is made of). The JSON says verified: false with a
 * warning naming it, and so does the table. */
static void test_corrupted_output_is_caught(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r;
    /* Without the smooth stage's rows: their residuals (a shell more in P1
     * also changes swing[a,P2] and V) are test_variation_by_hand's. */
    m->objective.smooth = 0;
    r = solve_model(m);
    ASSERT_NEAR(r->V, 9, TOL);
    int a = idx_of("a", m->nlines, line_id, m);
    char buf[512];
    cJSON *j;
    const cJSON *v;
    char *text = NULL;
    size_t len = 0;
    FILE *fp;
    r->x[ars__col_x(r->prog, a, 0, 0)] += 1;
    reverify(r);
    ASSERT_TRUE(r->verification.done);
    ASSERT_TRUE(!r->verification.ok);
    ASSERT_STR_EQ(worst(r, buf, sizeof buf), "capacity[a,P1]");
    ASSERT_NEAR(r->verification.worst_rel.abs, 2, TOL);
    ASSERT_NEAR(r->verification.worst_rel.rel, 2.0 / 12, TOL);
    /* capacity, the stock balance, the cost and the variation are wrong */
    ASSERT_INT_EQ(r->verification.violations, 4);
    ASSERT_NEAR(r->verification.C, 425.5, TOL);

    j = ars_result_to_json(r);
    ASSERT_TRUE(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(j, "verified")));
    v = cJSON_GetObjectItemCaseSensitive(j, "verification");
    ASSERT_CONTAINS(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "warning")),
                    "capacity[a,P1]");
    ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                      cJSON_GetObjectItemCaseSensitive(v, "max_rel_residual"), "constraint")),
                  "capacity[a,P1]");
    cJSON_Delete(j);

    fp = open_memstream(&text, &len);
    ars_result_print_table(r, fp);
    fclose(fp);
    ASSERT_CONTAINS(text, "NOT VERIFIED");
    ASSERT_CONTAINS(text, "capacity[a,P1]");
    free(text);
    ars_result_free(r);
    ars_model_free(m);
}

/* funds.json by hand: line dr (from P2, drones at 10 each) is paid only by
 * fund bank (100 a period, carryover), so in P2 it has 200 and makes the 20
 * drones recon needs. Paying 250 instead overpays the line by 50 and
 * overdraws the fund by 50 over the two periods. */
static void test_overdrawn_fund_is_caught(void)
{
    ars_model *m = load_model("tests/models/funds.json");
    ars_result *r = solve_model(m);
    const ars__program *p = r->prog;
    int bank = -1, dr = idx_of("dr", m->nlines, line_id, m), f, j;
    char buf[512];
    for (f = 0; f < m->nfunds; f++)
        if (strcmp(m->funds[f].id, "bank") == 0)
            bank = f;
    ASSERT_TRUE(r->verification.ok);
    ASSERT_NEAR(X(r, "dr", 1), 20, TOL);
    j = ars__col_pay(p, bank, p->group_of_payee[ars__payee_of_line(m, dr)], 1);
    ASSERT_NEAR(r->x[j], 200, TOL);
    r->x[j] = 250;
    reverify(r);
    ASSERT_TRUE(!r->verification.ok);
    ASSERT_NEAR(r->verification.worst_abs.abs, 50, TOL);
    ASSERT_INT_EQ(r->verification.violations, 2);
    worst(r, buf, sizeof buf);
    ASSERT_TRUE(strcmp(buf, "fund[bank,P2]") == 0 || strcmp(buf, "payee_paid[dr,P2]") == 0);
    ars_result_free(r);
    ars_model_free(m);
}

/* Every column made negative is caught; so is a unit more of any stock,
 * use, shortfall or payment, each of which sits in an equality (a balance,
 * a requirement, a payee's spend). all_families.json has every family. */
static void test_every_family_perturbed(void)
{
    ars_model *m = load_model("tests/models/all_families.json");
    ars_result *r = solve_model(m);
    const ars__program *p = r->prog;
    int j, missed = 0, tried = 0;
    char buf[256];
    ASSERT_TRUE(r->verification.ok);
    for (j = 0; j < p->ncols; j++) {
        double keep = r->x[j];
        int fam = p->col_tag[j].family;
        r->x[j] = -1;
        reverify(r);
        if (r->verification.ok) {
            fprintf(stderr, "  %s = -1 not caught\n", ars__col_name(p, j, buf, sizeof buf));
            missed++;
        }
        tried++;
        if (fam == ARS_COL_INV || fam == ARS_COL_CS || fam == ARS_COL_U || fam == ARS_COL_SH ||
            fam == ARS_COL_PAY) {
            r->x[j] = keep + 1;
            reverify(r);
            if (r->verification.ok) {
                fprintf(stderr, "  %s + 1 not caught\n", ars__col_name(p, j, buf, sizeof buf));
                missed++;
            }
            tried++;
        }
        r->x[j] = keep;
    }
    reverify(r);
    ASSERT_TRUE(r->verification.ok);
    ASSERT_TRUE(tried > p->ncols);
    ASSERT_INT_EQ(missed, 0);
    ars_result_free(r);
    ars_model_free(m);
}

/* A review start of 0.5 is not a decision: the plan fails (the gates it
 * half opens are the worst residual). A number of expansion steps off a
 * whole number by 1e-4 fails on integrality alone (n enters no constraint
 * the verifier reads: e = step n is checked on e), one off by 1e-6 is
 * within GLPK's integrality tolerance 1e-5 and passes. */
static void test_fractional_decisions_are_caught(void)
{
    ars_model *m = load_model("tests/models/slots.json");
    ars_result *r = solve_model(m);
    const ars__program *p = r->prog;
    int j, found = -1;
    char buf[512];
    ASSERT_TRUE(r->verification.ok);
    for (j = 0; j < p->ncols && found < 0; j++)
        if (p->col_tag[j].family == ARS_COL_Z && r->x[j] > 0.5)
            found = j;
    ASSERT_TRUE(found >= 0);
    if (found >= 0) {
        r->x[found] = 0.5;
        reverify(r);
        ASSERT_TRUE(!r->verification.ok);
    }
    ars_result_free(r);
    ars_model_free(m);

    m = load_model("tests/models/expansion.json");
    r = solve_model(m);
    p = r->prog;
    for (j = 0, found = -1; j < p->ncols && found < 0; j++)
        if (p->col_tag[j].family == ARS_COL_N)
            found = j;
    ASSERT_TRUE(found >= 0 && r->verification.ok);
    if (found >= 0) {
        double keep = r->x[found];
        r->x[found] = keep + 1e-4;
        reverify(r);
        ASSERT_TRUE(!r->verification.ok);
        ASSERT_INT_EQ(r->verification.violations, 1);
        ASSERT_CONTAINS(worst(r, buf, sizeof buf), "integer[n[");
        ASSERT_NEAR(r->verification.worst_rel.abs, 1e-4, 1e-9);
        r->x[found] = keep + 1e-6;
        reverify(r);
        ASSERT_TRUE(r->verification.ok);
    }
    ars_result_free(r);
    ars_model_free(m);
}

/* NaN in the plan fails: in an inequality-only column (a reserve gap rs
 * with no reserve goal) as much as anywhere. */
static void test_nan_is_caught(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r = solve_model(m);
    int j = ars__col_rs(r->prog, 0, 0);
    ASSERT_TRUE(j >= 0 && r->verification.ok);
    r->x[j] = NAN;
    reverify(r);
    ASSERT_TRUE(!r->verification.ok);
    ars_result_free(r);
    ars_model_free(m);
}

/* A bug in the program rather than in the plan: the capacity row of line a
 * in P1 built with twice its right-hand side, or with half the rate. GLPK
 * solves the wrong program exactly (10 shells, 20 capacity units where
 * there are 10); the verifier, which reads neither the row bounds nor the
 * matrix, reports capacity[a,P1] over by 10. A wrong cost coefficient shows
 * as a cost that does not recompute. */
enum { BUG_RHS, BUG_RATE, BUG_COST };

static ars_result *solve_buggy(const ars_model *m, int bug)
{
    ars__program *p = NULL;
    ars__solver s;
    ars_result *r = NULL;
    ars_solve_opts o;
    ars_error err;
    int a = idx_of("a", m->nlines, line_id, m), row, x, e;
    ars_error_clear(&err);
    if (ars__formulate(m, &p, &err) != ARS_OK) {
        fprintf(stderr, "formulate: %s\n", err.message);
        exit(2);
    }
    row = ars__row_cap(p, a, 0);
    x = ars__col_x(p, a, 0, 0);
    if (bug == BUG_RHS)
        p->row_ub[row] *= 2;
    for (e = p->row_start[row]; e < p->row_start[row + 1]; e++)
        if (bug == BUG_RATE && p->col_idx[e] == x)
            p->val[e] /= 2;
    if (bug == BUG_COST)
        p->obj_c[x] = 1;
    ars_solve_opts_default(&o);
    if (ars__solver_init(&s, p, ars_solver_default(), &err) != ARS_OK ||
        ars__solver_run(&s, 0, &o, &r, &err) != ARS_OK) {
        fprintf(stderr, "solve: %s\n", err.message);
        exit(2);
    }
    ars__solver_release(&s);
    ars__program_unref(p);
    return r;
}

static void test_corrupted_program_is_caught(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    char buf[512];
    int bug;
    for (bug = BUG_RHS; bug <= BUG_RATE; bug++) {
        ars_result *r = solve_buggy(m, bug);
        ASSERT_NEAR(X(r, "a", 0), 10, TOL);
        ASSERT_TRUE(r->verification.done);
        ASSERT_TRUE(!r->verification.ok);
        ASSERT_STR_EQ(worst(r, buf, sizeof buf), "capacity[a,P1]");
        ASSERT_NEAR(r->verification.worst_rel.abs, 10, TOL);
        ars_result_free(r);
    }
    {
        /* cost 1 instead of 3 for a's 5 shells in P1: C reads 412.5, the
         * model says 422.5 */
        ars_result *r = solve_buggy(m, BUG_COST);
        ASSERT_TRUE(!r->verification.ok);
        ASSERT_STR_EQ(worst(r, buf, sizeof buf), "objective.cost");
        ASSERT_NEAR(r->C, 412.5, TOL);
        ASSERT_NEAR(r->verification.C, 422.5, TOL);
        ars_result_free(r);
    }
    ars_model_free(m);
}

/* One line l (capacity 1e4) makes shells from tnt (1 per shell), bought
 * from supplier s (capacity CAP); fires needs DEMAND shells. The solve
 * makes x = b = u = DEMAND, cs = 0. */
static ars_model *pool_model(const char *cap, const char *demand)
{
    char text[1024];
    ars_model *m = NULL;
    ars_diag d;
    snprintf(text, sizeof text,
             "{\"arsenal\": 1, \"periods\": [\"P1\"], \"products\": [{\"id\": \"shell\"}],"
             " \"components\": [{\"id\": \"tnt\"}],"
             " \"lines\": [{\"id\": \"l\", \"country\": \"UA\", \"capacity\": 10000,"
             "   \"produces\": [{\"product\": \"shell\", \"bom\": {\"tnt\": 1}}]}],"
             " \"suppliers\": [{\"id\": \"s\", \"component\": \"tnt\", \"capacity\": %s}],"
             " \"requirements\": [{\"id\": \"fires\", \"demand\": %s,"
             "   \"met_by\": {\"shell\": 1}}]}",
             cap, demand);
    ars_diag_init(&d);
    if (ars_model_load_text(text, strlen(text), NULL, &m, &d) != ARS_OK) {
        ars_diag_print(&d, "pool_model", stderr);
        exit(2);
    }
    ars_diag_free(&d);
    return m;
}

/* Issue 13 item 6: a BOM of 1e12 tnt per shell against a supplier capacity
 * of 2e-12 (data the loader now refuses, set here behind its back) and a
 * plan that makes 2e-23 shells: it uses 1e12 x 2e-23 = 2e-11 tnt where
 * 2e-12 exist, ten times as much. Every other constraint holds exactly
 * (demand set to 2e-23 too, no costs). The pool's residual is 2e-11 - 2e-12
 * = 1.8e-11; its terms are 2e-12 bought and 2e-11 used, under the floor
 * 1e-6, so the relative residual is 1.8e-11 / 1e-6 = 1.8e-5: over the
 * tolerance 1e-6, the only violation. Judged on an absolute unit
 * (max(1, terms), the old rule) it was 1.8e-11 and passed. */
static void test_tiny_pool_overuse_is_caught(void)
{
    ars_model *m = pool_model("1", "1");
    ars_result *r = solve_model(m);
    const ars__program *p = r->prog;
    char buf[512];
    ASSERT_TRUE(r->verification.ok);
    ASSERT_NEAR(r->x[ars__col_x(p, 0, 0, 0)], 1, TOL);
    m->lines[0].produces[0].bom[0].qty = 1e12;
    m->suppliers[0].capacity[0] = 2e-12;
    m->requirements[0].demand[0] = 2e-23;
    r->x[ars__col_x(p, 0, 0, 0)] = 2e-23;
    r->x[ars__col_b(p, 0, 0)] = 2e-12;
    r->x[ars__col_u(p, 0, 0, 0)] = 2e-23;
    r->x[ars__col_cs(p, 0, 0)] = 0;
    r->x[ars__col_sh(p, 0, 0)] = 0;
    r->x[ars__col_inv(p, 0, 0)] = 0;
    reverify(r);
    ASSERT_TRUE(!r->verification.ok);
    ASSERT_INT_EQ(r->verification.violations, 1);
    ASSERT_STR_EQ(worst(r, buf, sizeof buf), "component_balance[tnt,P1]");
    ASSERT_NEAR(r->verification.worst_rel.abs / 1.8e-11, 1, 1e-9);
    ASSERT_NEAR(r->verification.worst_rel.rel / 1.8e-5, 1, 1e-9);
    ars_result_free(r);
    ars_model_free(m);
}

/* The same absolute error weighs by the constraint's own terms: 1e-8 tnt
 * left in stock that was never bought is 1e-8 / (1e-3 bought + 1e-3 used)
 * = 5e-6 relative when the pool moves 1e-3 a period (fails), and 1e-8 /
 * (1e3 + 1e3) = 5e-12 when it moves 1e3 (passes). A stock of 1e-13 in a
 * pool where nothing moves is round-off: 1e-13 / 1e-6 (the floor) = 1e-7,
 * passes; 1e-11 there is 1e-5 and fails. */
static void test_residual_on_the_constraints_scale(void)
{
    static const struct {
        const char *cap, *demand;
        double extra, rel;
        int ok;
    } cases[] = {
        {"0.001", "0.001", 1e-8, 5e-6, 0},
        {"1000", "1000", 1e-8, 5e-12, 1},
        {"0", "0", 1e-13, 1e-7, 1},
        {"0", "0", 1e-11, 1e-5, 0},
    };
    size_t i;
    char buf[512];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ars_model *m = pool_model(cases[i].cap, cases[i].demand);
        ars_result *r = solve_model(m);
        int j = ars__col_cs(r->prog, 0, 0);
        ASSERT_TRUE(r->verification.ok);
        ASSERT_NEAR(r->x[j], 0, 1e-15);
        r->x[j] = cases[i].extra;
        reverify(r);
        if (r->verification.ok != cases[i].ok)
            fprintf(stderr, "  case %zu: ok %d, worst %s rel %g\n", i, r->verification.ok,
                    worst(r, buf, sizeof buf), r->verification.worst_rel.rel);
        ASSERT_INT_EQ(r->verification.ok, cases[i].ok);
        ASSERT_STR_EQ(worst(r, buf, sizeof buf), "component_balance[tnt,P1]");
        ASSERT_NEAR(r->verification.worst_rel.rel / cases[i].rel, 1, 1e-9);
        ars_result_free(r);
        ars_model_free(m);
    }
}

/* The floor rises with the plan: GLPK's round-off grows with the largest
 * value it computes (cli_gen_models once saw a stock row with terms near 0
 * off by 2.6e-12 where payments reach 1e9). Line l makes DEMAND shells;
 * fuze is made by nobody, so stock_balance[fuze,P1] has only inv[fuze,P1]
 * (0). Set to 2.6e-12, that row is off by 2.6e-12: with demand 1e9 the
 * plan's largest value is 1e9, the floor min(1, 1e-9 x 1e9) = 1 and the
 * residual 2.6e-12 relative (passes); with demand 1 the floor is 1e-6 and
 * it is 2.6e-6 (fails). */
static void test_floor_follows_the_plan(void)
{
    static const struct {
        const char *demand;
        double rel;
        int ok;
    } cases[] = {{"1e9", 2.6e-12, 1}, {"1", 2.6e-6, 0}};
    size_t i;
    char buf[512];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[512];
        ars_model *m = NULL;
        ars_result *r;
        ars_diag d;
        int fuze, j;
        snprintf(text, sizeof text,
                 "{\"arsenal\": 1, \"periods\": [\"P1\"],"
                 " \"products\": [{\"id\": \"shell\"}, {\"id\": \"fuze\"}],"
                 " \"lines\": [{\"id\": \"l\", \"country\": \"UA\", \"capacity\": 1e10,"
                 "   \"produces\": [{\"product\": \"shell\"}]}],"
                 " \"requirements\": [{\"id\": \"fires\", \"demand\": %s,"
                 "   \"met_by\": {\"shell\": 1}}]}",
                 cases[i].demand);
        ars_diag_init(&d);
        ASSERT_INT_EQ(ars_model_load_text(text, strlen(text), NULL, &m, &d), ARS_OK);
        ars_diag_free(&d);
        if (!m)
            continue;
        r = solve_model(m);
        fuze = idx_of("fuze", m->nproducts, product_id, m);
        j = ars__col_inv(r->prog, fuze, 0);
        ASSERT_TRUE(r->verification.ok);
        ASSERT_NEAR(r->x[j], 0, 1e-15);
        r->x[j] = 2.6e-12;
        reverify(r);
        ASSERT_INT_EQ(r->verification.ok, cases[i].ok);
        ASSERT_STR_EQ(worst(r, buf, sizeof buf), "stock_balance[fuze,P1]");
        ASSERT_NEAR(r->verification.worst_rel.rel / cases[i].rel, 1, 1e-9);
        ars_result_free(r);
        ars_model_free(m);
    }
}

/* verify = 0 leaves the result unverified and says nothing about it. */
static void test_verify_off(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r = NULL;
    ars_solve_opts o;
    ars_error err;
    cJSON *j;
    ars_solve_opts_default(&o);
    o.verify = 0;
    ASSERT_INT_EQ(ars_solve(m, &o, &r, &err), ARS_OK);
    ASSERT_TRUE(!r->verification.done);
    j = ars_result_to_json(r);
    ASSERT_TRUE(cJSON_GetObjectItemCaseSensitive(j, "verified") == NULL);
    ASSERT_TRUE(cJSON_GetObjectItemCaseSensitive(j, "verification") == NULL);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_every_model_verifies);
    RUN_TEST(test_recomputed_objective_by_hand);
    RUN_TEST(test_variation_by_hand);
    RUN_TEST(test_optional_countries);
    RUN_TEST(test_corrupted_output_is_caught);
    RUN_TEST(test_overdrawn_fund_is_caught);
    RUN_TEST(test_every_family_perturbed);
    RUN_TEST(test_fractional_decisions_are_caught);
    RUN_TEST(test_nan_is_caught);
    RUN_TEST(test_corrupted_program_is_caught);
    RUN_TEST(test_verify_off);
    RUN_TEST(test_tiny_pool_overuse_is_caught);
    RUN_TEST(test_residual_on_the_constraints_scale);
    RUN_TEST(test_floor_follows_the_plan);
    TEST_EXIT();
}
