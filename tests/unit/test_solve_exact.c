/* test_solve_exact.c - the lexicographic default gives exact answers (spec
 * 1.1 section 9: tolerance 0, S within 1e-9 max(1, |S*|) of S*, clean plans
 * from integer data), warm re-solves of every stage agree with hand values,
 * a warm start that does not end optimal is redone cold, `relax` drops the
 * bounds that only follow from integrality, and a MIP with a weak big-M
 * gate solves verified. Every expected number is derived by hand in the
 * comment above it. */
#include "solve_helpers.h"

#include "batch/batch.h"
#include "lp/verify.h"

#include <math.h>

/* Two lines on one product, two periods, demand 50 a period (priority 1):
 * a makes 20 at 15, b makes 10 at 25. Both run flat out: shortfall 20 a
 * period, S = 40; C = 2 (20 x 15 + 10 x 25) = 1100. Giving up one unit of S
 * would let b make one shell less: the cost stage's price of S is 25. */
static const char two_lines[] =
    "{\"arsenal\": 1, \"name\": \"two lines\", \"periods\": [\"P1\", \"P2\"],"
    " \"products\": [{\"id\": \"shell\"}],"
    " \"lines\": ["
    "  {\"id\": \"a\", \"country\": \"UA\", \"capacity\": 20,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 15}]},"
    "  {\"id\": \"b\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 25}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": 50, \"met_by\": {\"shell\": 1}}]}";

/* Demand d a period against a (20 at 15) and b (10 at 25): S = 2 max(0,
 * d - 30), C = 2 (15 min(d, 20) + 25 min(max(d - 20, 0), 10)). */
static double two_lines_S(double d)
{
    return 2 * fmax(0, d - 30);
}
static double two_lines_C(double d)
{
    return 2 * (15 * fmin(d, 20) + 25 * fmin(fmax(d - 20, 0), 10));
}

static void test_exact_cost_stage(void)
{
    ars_model *m = load_model_text(two_lines);
    ars_result *r = solve_model(m);
    int t;
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_NEAR(ars_result_shortfall(r), 40, 1e-9 * 40);
    ASSERT_NEAR(ars_result_cost(r), 1100, 1e-9 * 1100);
    /* Clean plan: capacities reached exactly, not 9.9999996. */
    for (t = 0; t < 2; t++) {
        ASSERT_NEAR(X(r, "a", t), 20, 1e-9);
        ASSERT_NEAR(X(r, "b", t), 10, 1e-9);
    }
    ASSERT_NEAR(r->cost_per_shortfall, 25, 1e-9);
    ASSERT_TRUE(r->verification.done && r->verification.ok);
    ars_result_free(r);
    ars_model_free(m);
}

/* With a tolerance asked for, the cost stage may give up that much S:
 * b's output falls by the allowed 40 x 1e-3 = 0.04 of shortfall, saving 25
 * each: S = 40.04, C = 1100 - 1. The tolerance is honoured, not exceeded. */
static void test_explicit_tolerance(void)
{
    ars_model *base = load_model_text(two_lines);
    ars_model *m = apply_set(base, "objective.tolerance=1e-3");
    ars_result *r = solve_model(m);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_NEAR(ars_result_shortfall(r), 40.04, 1e-6);
    ASSERT_NEAR(ars_result_cost(r), 1099, 1e-4);
    ars_result_free(r);
    ars_model_free(m);
    ars_model_free(base);
}

/* A session re-solving demand variants: every stage warm from its own
 * basis of the previous variant, answers equal to the hand values. Demand
 * 25 has no shortfall at all: S is exactly 0. */
static void test_warm_stages_exact(void)
{
    static const double demands[] = {60, 25, 45, 30, 50, 12};
    ars_model *base = load_model_text(two_lines);
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    size_t i;
    int warm = 0;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    ASSERT_INT_EQ(ars_session_solve(s, base, &r, &warm, &err), ARS_OK);
    ASSERT_INT_EQ(warm, 0);
    ars_result_free(r);
    for (i = 0; i < sizeof demands / sizeof *demands; i++) {
        char set[64];
        ars_model *v;
        snprintf(set, sizeof set, "requirements.fires.demand=%g", demands[i]);
        v = apply_set(base, set);
        r = NULL;
        ASSERT_INT_EQ(ars_session_solve(s, v, &r, &warm, &err), ARS_OK);
        ASSERT_INT_EQ(warm, 1);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_NEAR(ars_result_shortfall(r), two_lines_S(demands[i]), 1e-9);
        ASSERT_NEAR(ars_result_cost(r), two_lines_C(demands[i]), 1e-9 * two_lines_C(demands[i]));
        if (demands[i] <= 30) {
            cJSON *j = ars_result_to_json(r);
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(j, "objective");
            const cJSON *sh = cJSON_GetObjectItemCaseSensitive(o, "shortfall");
            ASSERT_TRUE(ars_result_shortfall(r) == 0 || fabs(ars_result_shortfall(r)) < 1e-12);
            ASSERT_TRUE(cJSON_IsNumber(sh) && sh->valuedouble == 0);
            cJSON_Delete(j);
        }
        ars_result_free(r);
        ars_model_free(v);
    }
    ars_session_free(s);
    ars_model_free(base);
}

/* One shell line (10 a period at 1), shells held at 0.5 a period, demand
 * d in P2 and P4 only. Each P2/P4 is served by its own period's 10 and by
 * up to 10 made a period early: S = 2 max(0, d - 20) and C = 2 (min(d, 20)
 * + 0.5 max(0, min(d, 20) - 10)). One more unit of S lets the plan make
 * the dearest shell less: 1.5 (made early and held) once d > 10, 1 while
 * every shell is made when needed. S cannot fall below S* there (it is 0,
 * or every line is flat out), so every price from that up is an optimal
 * dual of the cost stage: the least one is the answer, warm or cold. */
static const char held_shells[] =
    "{\"arsenal\": 1, \"name\": \"held shells\", \"periods\": [\"P1\", \"P2\", \"P3\", \"P4\"],"
    " \"products\": [{\"id\": \"shell\", \"holding_cost\": 0.5}],"
    " \"lines\": [{\"id\": \"a\", \"country\": \"UA\", \"capacity\": 10,"
    "   \"produces\": [{\"product\": \"shell\", \"cost\": 1}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": [0, 10, 0, 10], \"met_by\": {\"shell\": "
    "1}}]}";

static void test_least_cost_per_shortfall(void)
{
    static const double demands[] = {10, 14, 8, 25, 10};
    ars_model *base = load_model_text(held_shells);
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    size_t i;
    int warm = 0;
    ASSERT_INT_EQ(ars_session_create(base, NULL, &s, &err), ARS_OK);
    for (i = 0; i < sizeof demands / sizeof *demands; i++) {
        double d = demands[i], made = fmin(d, 20);
        char set[64];
        ars_model *v, *v2;
        snprintf(set, sizeof set, "requirements.fires.demand@P2=%g", d);
        v = apply_set(base, set);
        snprintf(set, sizeof set, "requirements.fires.demand@P4=%g", d);
        v2 = apply_set(v, set);
        r = NULL;
        ASSERT_INT_EQ(ars_session_solve(s, v2, &r, &warm, &err), ARS_OK);
        ASSERT_INT_EQ(warm, i > 0);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_NEAR(ars_result_shortfall(r), 2 * fmax(0, d - 20), 1e-9);
        ASSERT_NEAR(ars_result_cost(r), 2 * (made + 0.5 * fmax(0, made - 10)), 1e-9 * 50);
        ASSERT_NEAR(r->cost_per_shortfall, d > 10 ? 1.5 : 1, 1e-9);
        ars_result_free(r);
        ars_model_free(v2);
        ars_model_free(v);
    }
    ars_session_free(s);
    ars_model_free(base);
}

/* A warm start that stops before its optimum (here: after one simplex
 * iteration, as a stalled dual simplex would) is not reported: the solve
 * is redone cold, whose answer is the hand value for demand 25: S = 0,
 * C = 2 (20 x 15 + 5 x 25) = 850 (in each period the dual simplex must
 * take line b off its bound: two pivots at least). */
static void test_warm_not_optimal_redone_cold(void)
{
    ars_model *base = load_model_text(two_lines),
              *v = apply_set(base, "requirements.fires.demand=25");
    ars__program *p = NULL, *pv = NULL;
    ars__solver sv;
    ars_result *r = NULL;
    ars_error err;
    ASSERT_INT_EQ(ars__formulate(base, &p, &err), ARS_OK);
    ASSERT_INT_EQ(ars__formulate(v, &pv, &err), ARS_OK);
    ASSERT_INT_EQ(ars__solver_init(&sv, p, ars_solver_default(), &err), ARS_OK);
    ASSERT_INT_EQ(ars__solver_run(&sv, 0, NULL, &r, &err), ARS_OK);
    ars_result_free(r);
    r = NULL;
    /* The variant changes only the demand rows' right-hand sides. */
    {
        int i, n = 0, idx[8];
        double lb[8], ub[8];
        for (i = 0; i < p->nrows && n < 8; i++)
            if (p->row_lb[i] != pv->row_lb[i] || p->row_ub[i] != pv->row_ub[i]) {
                idx[n] = i;
                lb[n] = pv->row_lb[i];
                ub[n] = pv->row_ub[i];
                n++;
            }
        ASSERT_INT_EQ(n, 2);
        ASSERT_INT_EQ(ars__backend_set_row_bounds(sv.be, n, idx, lb, ub, &err), ARS_OK);
        ars__program_unref(sv.prog);
        sv.prog = ars__program_ref(pv);
    }
    sv.warm_it_limit = 1;
    ASSERT_INT_EQ(ars__solver_run(&sv, 1, NULL, &r, &err), ARS_OK);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_INT_EQ(r->warm, 0);
    ASSERT_NEAR(r->S, 0, 1e-9);
    ASSERT_NEAR(r->C, 850, 1e-9 * 850);
    ars_result_free(r);
    /* Without the limit the same warm start stands. */
    sv.warm_it_limit = 0;
    r = NULL;
    ASSERT_INT_EQ(ars__solver_run(&sv, 1, NULL, &r, &err), ARS_OK);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_INT_EQ(r->warm, 1);
    ASSERT_NEAR(r->S, 0, 1e-9);
    ASSERT_NEAR(r->C, 850, 1e-9 * 850);
    ars_result_free(r);
    ars__solver_release(&sv);
    ars__program_unref(p);
    ars__program_unref(pv);
    ars_model_free(v);
    ars_model_free(base);
}

/* Expansion of at most 34 in steps of 40 on a line with no capacity,
 * demand 30. As a MIP the step count n <= floor(34 / 40) = 0: nothing can
 * be made, S = 30. Relaxed, n is continuous and only e = 40 n <= 34 binds:
 * n = 0.75 gives 30 units, S = 0, at expansion cost 30 x 1 = 30. */
static const char expansion_step[] =
    "{\"arsenal\": 1, \"name\": \"step over max\", \"periods\": [\"P1\"],"
    " \"products\": [{\"id\": \"shell\"}],"
    " \"lines\": [{\"id\": \"a\", \"country\": \"UA\", \"capacity\": 0,"
    "   \"expansion\": {\"cost\": 1, \"max\": 34, \"step\": 40},"
    "   \"produces\": [{\"product\": \"shell\"}]}],"
    " \"requirements\": [{\"id\": \"fires\", \"demand\": 30, \"met_by\": {\"shell\": 1}}]}";

static void test_relax_drops_integrality_bounds(void)
{
    ars_model *m = load_model_text(expansion_step), *rel = apply_set(m, "objective.relax=true");
    ars_result *r = solve_model(m);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_NEAR(ars_result_shortfall(r), 30, 1e-9);
    ars_result_free(r);
    r = solve_model(rel);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_NEAR(ars_result_shortfall(r), 0, 1e-9);
    ASSERT_NEAR(ars_result_cost(r), 30, 1e-9);
    ars_result_free(r);
    ars_model_free(rel);
    ars_model_free(m);
}

/* all_families.json with one capacity of 1e7: the licence gate
 * x <= U sum z has U about 1e7, so a review decision GLPK accepts as 0
 * (within its integrality tolerance) would let an unlicensed line make
 * units. The plan comes from the LP with the integers fixed at their
 * rounded values: it passes its own verification, and no line makes
 * anything in a period its licence is not approved. More capacity cannot
 * make the plan worse: S is at most the model's own S (the gate's U is cut
 * to the useful output, so the MIP does not settle on a leaking incumbent
 * whose rounding loses what the leak bought). */
static void test_weak_big_m_gate_verified(void)
{
    ars_model *base = load_model("tests/models/all_families.json");
    int l;
    for (l = 0; l < base->nlines; l++)
        if (base->lines[l].license >= 0)
            break;
    ASSERT_TRUE(l < base->nlines);
    if (l < base->nlines) {
        char set[128];
        ars_model *m;
        ars_result *r = solve_model(base);
        double S_base = ars_result_shortfall(r);
        int k, t;
        ars_result_free(r);
        snprintf(set, sizeof set, "lines.%s.capacity=1e7", base->lines[l].id);
        m = apply_set(base, set);
        r = solve_model(m);
        ASSERT_STR_EQ(ars_result_status(r), "optimal");
        ASSERT_TRUE(r->verification.done && r->verification.ok);
        ASSERT_INT_EQ(r->duals_fixed, 1);
        ASSERT_TRUE(ars_result_shortfall(r) <= S_base + 1e-9 * S_base);
        for (k = 0; k < m->lines[l].nproduces; k++)
            for (t = 0; t < m->T; t++) {
                int q = m->lines[l].license, approved = ars__result_licence_approved(r, q, NULL);
                if (approved < 0 || t < approved)
                    ASSERT_NEAR(ars__result_col(r, ars__col_x(r->prog, l, k, t)), 0, 1e-9);
            }
        ars_result_free(r);
        ars_model_free(m);
    }
    ars_model_free(base);
}

/* Sweeps read their default metrics from the result, not from its JSON:
 * the two must give the same doubles. Two-lines model, demand 50: shortfall
 * 40 (of demand 100, so fill rate 0.6), cost 1100. */
static void test_metrics_from_result_equal_json(void)
{
    static const char *const paths[] = {"objective.shortfall",
                                        "objective.cost",
                                        "objective.weighted",
                                        "requirements.fires.total.demand",
                                        "requirements.fires.total.met",
                                        "requirements.fires.total.shortfall",
                                        "requirements.fires.total.fill_rate"};
    ars_model *m = load_model_text(two_lines);
    ars_result *r = solve_model(m);
    cJSON *j = ars_result_to_json(r);
    size_t i;
    double v, w;
    char msg[200];
    for (i = 0; i < sizeof paths / sizeof *paths; i++) {
        ASSERT_INT_EQ(ars__result_metric(r, paths[i], &v), 1);
        ASSERT_INT_EQ(ars__metric_eval(j, paths[i], m, &w, msg, sizeof msg), 0);
        ASSERT_TRUE(v == w);
    }
    ASSERT_INT_EQ(ars__result_metric(r, "requirements.fires.total.shortfall", &v), 1);
    ASSERT_NEAR(v, 40, 1e-9);
    ASSERT_INT_EQ(ars__result_metric(r, "requirements.fires.total.fill_rate", &v), 1);
    ASSERT_NEAR(v, 0.6, 1e-12);
    /* Anything else is left to the JSON. */
    ASSERT_INT_EQ(ars__result_metric(r, "requirements.nope.total.shortfall", &v), 0);
    ASSERT_INT_EQ(ars__result_metric(r, "funds.x.spend", &v), 0);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_exact_cost_stage);
    RUN_TEST(test_explicit_tolerance);
    RUN_TEST(test_warm_stages_exact);
    RUN_TEST(test_least_cost_per_shortfall);
    RUN_TEST(test_warm_not_optimal_redone_cold);
    RUN_TEST(test_relax_drops_integrality_bounds);
    RUN_TEST(test_weak_big_m_gate_verified);
    RUN_TEST(test_metrics_from_result_equal_json);
    TEST_EXIT();
}
