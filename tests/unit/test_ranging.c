/* test_ranging.c - ranging: the intervals over which a
 * shadow price holds and over which a cost keeps the plan optimal, on
 * models solved by hand, and checked a second way on every LP test model:
 * the model re-solved with the parameter moved inside its interval (through
 * the parameter path the output names) has the same price. */
#include "solve_helpers.h"

#define TOL 1e-6

static const cJSON *entry(const cJSON *root, const char *list, const char *key, const char *value)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, list))
    {
        const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, key));
        if (v && strcmp(v, value) == 0)
            return e;
    }
    fprintf(stderr, "no %s entry with %s = %s\n", list, key, value);
    return NULL;
}

/* A number, or HUGE_VAL for null (an unlimited end). */
static double num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNull(v))
        return HUGE_VAL;
    if (!cJSON_IsNumber(v)) {
        fprintf(stderr, "no number at %s\n", key);
        return NAN;
    }
    return v->valuedouble;
}

/* A range is that of the optimal basis the solver reports. Where the
 * optimum is degenerate, CLP may report another optimal basis than GLPK's
 * (its shortfall stage starts from the weighted optimum), whose interval is
 * another part of the one over which the price truly holds. So GLPK's is
 * checked exactly, CLP's to lie within [lo, hi] (the true interval, derived
 * by hand) and to contain the current value. */
static void assert_range(const cJSON *range, double from, double to, double lo, double hi,
                         double current)
{
    double f = num(range, "from"), t = num(range, "to");
    if (ars_solver_default() == ARS_SOLVER_GLPK) {
        ASSERT_NEAR(f, from, TOL);
        ASSERT_NEAR(t, to, TOL);
    } else {
        ASSERT_TRUE(f >= lo - TOL && t <= hi + TOL);
        ASSERT_TRUE(f <= current + TOL && t >= current - TOL);
    }
}

static const cJSON *range_of(const cJSON *price, const char *stage)
{
    return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(price, "ranges"),
                                            stage);
}

/* explain_capacity.json: line a, capacity 10 at rate 1, demand 15 a period
 * (priority 2). x = capacity, sh = 15 - x. Moving the capacity c keeps the
 * basis (x, sh basic) while x = c >= 0 and sh = 15 - c >= 0: the shortfall
 * price 2 holds for c in [0, 15]. No cost price, so no cost range. Shells
 * made in P1 may also be stocked for P2 (capacity 10, short 5), so the
 * price truly holds up to c = 20, which another optimal basis shows. */
static void test_capacity_shortfall_range(void)
{
    ars_model *m = load_model("tests/models/explain_capacity.json");
    cJSON *j = solve_explained_json(m);
    const cJSON *p = entry(j, "shadow_prices", "row", "cap[a,P1]"), *rg;
    ASSERT_TRUE(p != NULL);
    rg = cJSON_GetObjectItemCaseSensitive(p, "ranges");
    ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rg, "parameter")),
                  "lines.a.capacity@P1");
    ASSERT_NEAR(num(rg, "current"), 10, TOL);
    assert_range(range_of(p, "shortfall"), 0, 15, 0, 20, 10);
    ASSERT_TRUE(cJSON_IsNull(range_of(p, "cost")));
    cJSON_Delete(j);
    ars_model_free(m);
}

/* capacity.json, period P2: line a has availability 0.5 and rate 2, so a
 * capacity c gives 0.5 c usable units and 0.25 c shells; line late adds 4;
 * demand 10. One more unit of capacity (the parameter) is a quarter shell:
 * price 0.25, holding while 0.25 c <= 10 - 4, i.e. c in [0, 24]. Price and
 * range are both of the capacity parameter, not of the usable amount. */
static void test_range_is_of_the_parameter(void)
{
    ars_model *m = load_model("tests/models/capacity.json");
    cJSON *j = solve_explained_json(m);
    const cJSON *p = entry(j, "shadow_prices", "row", "cap[a,P2]");
    ASSERT_TRUE(p != NULL);
    ASSERT_NEAR(num(p, "shortfall_value"), 0.25, TOL);
    assert_range(range_of(p, "shortfall"), 0, 24, 0, 24, 10);
    cJSON_Delete(j);
    ars_model_free(m);
}

/* explain_supplier.json: 4 fuzes in stock, supplier fz sells up to 6, one
 * fuze a shell, demand 15 (priority 3): 10 shells. The supplier's capacity
 * k keeps the price 3 while 4 + k <= 15 and k >= 0: [0, 11]. The stock's
 * initial amount s likewise while s + 6 <= 15: up to 9, and down to 0 (an
 * amount; the basis would allow s = -6, which no model can say). */
static void test_bound_and_pool_ranges(void)
{
    ars_model *m = load_model("tests/models/explain_supplier.json");
    cJSON *j = solve_explained_json(m);
    const cJSON *b = entry(j, "shadow_prices", "column", "b[fz,P1]");
    const cJSON *c = entry(j, "shadow_prices", "row", "comp[fuze,P1]");
    ASSERT_TRUE(b && c);
    if (b && c) {
        ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                          cJSON_GetObjectItemCaseSensitive(b, "ranges"), "parameter")),
                      "suppliers.fz.capacity@P1");
        ASSERT_NEAR(num(range_of(b, "shortfall"), "from"), 0, TOL);
        ASSERT_NEAR(num(range_of(b, "shortfall"), "to"), 11, TOL);
        ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                          cJSON_GetObjectItemCaseSensitive(c, "ranges"), "parameter")),
                      "components.fuze.initial");
        ASSERT_NEAR(num(range_of(c, "shortfall"), "from"), 0, TOL);
        ASSERT_NEAR(num(range_of(c, "shortfall"), "to"), 9, TOL);
    }
    cJSON_Delete(j);
    ars_model_free(m);
}

/* ranging.json: demand 15 from cheap (10 at 2), dear (10 at 5), idle (10 at
 * 9). S* = 0; the cost stage makes cheap 10, dear 5, idle 0, C = 45.
 *   - cap[cheap]: cost price 5 - 2 = 3 while dear stays between 0 and its
 *     capacity: cheap's capacity in [5, 15].
 *   - cheap's cost: it stays full while it is no dearer than dear: up to 5.
 *   - dear's cost: between cheap's 2 and idle's 9 it stays the marginal
 *     line.
 *   - idle's cost: unused while above dear's 5: it would have to be 4
 *     cheaper. */
static void test_cost_ranges_by_hand(void)
{
    ars_model *m = load_model("tests/models/ranging.json");
    cJSON *j = solve_explained_json(m);
    const cJSON *p = entry(j, "shadow_prices", "row", "cap[cheap,P1]");
    const cJSON *cheap = entry(j, "cost_ranges", "column", "x[cheap,shell,P1]");
    const cJSON *dear = entry(j, "cost_ranges", "column", "x[dear,shell,P1]");
    const cJSON *idle = entry(j, "cost_ranges", "column", "x[idle,shell,P1]");
    ASSERT_TRUE(p && cheap && dear && idle);
    if (!(p && cheap && dear && idle)) {
        cJSON_Delete(j);
        ars_model_free(m);
        return;
    }
    ASSERT_NEAR(num(p, "cost_value"), 3, TOL);
    ASSERT_NEAR(num(range_of(p, "cost"), "from"), 5, TOL);
    ASSERT_NEAR(num(range_of(p, "cost"), "to"), 15, TOL);
    ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cheap, "parameter")),
                  "lines.cheap.produces.shell.cost@P1");
    ASSERT_TRUE(num(cheap, "from") == HUGE_VAL); /* null: no lower limit */
    ASSERT_NEAR(num(cheap, "to"), 5, TOL);
    ASSERT_NEAR(num(dear, "from"), 2, TOL);
    ASSERT_NEAR(num(dear, "to"), 9, TOL);
    ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(idle, "status")), "unused");
    ASSERT_NEAR(num(idle, "from"), 5, TOL);
    ASSERT_TRUE(num(idle, "to") == HUGE_VAL);
    ASSERT_NEAR(num(idle, "cheaper_by"), 4, TOL);
    ASSERT_CONTAINS(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(idle, "text")),
                    "4 USD per unit cheaper");
    ASSERT_TRUE(cJSON_GetObjectItemCaseSensitive(dear, "cheaper_by") == NULL);
    cJSON_Delete(j);
    ars_model_free(m);
}

/* The same plan just inside a cost range, another just outside: dear's
 * cost at 8.9 keeps idle out; at 9.1 idle replaces dear. */
static void test_cost_range_edges(void)
{
    ars_model *m = load_model("tests/models/ranging.json");
    const char *inside[] = {"lines.dear.produces.shell.cost=8.9"};
    const char *outside[] = {"lines.dear.produces.shell.cost=9.1"};
    ars_model *a = NULL, *b = NULL;
    ars_diag d;
    ars_error err;
    ars_result *ra, *rb;
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_model_apply(m, inside, 1, &a, &d, &err), ARS_OK);
    ASSERT_INT_EQ(ars_model_apply(m, outside, 1, &b, &d, &err), ARS_OK);
    ars_diag_free(&d);
    ra = solve_model(a);
    rb = solve_model(b);
    ASSERT_NEAR(X(ra, "dear", 0), 5, TOL);
    ASSERT_NEAR(X(ra, "idle", 0), 0, TOL);
    ASSERT_NEAR(X(rb, "dear", 0), 0, TOL);
    ASSERT_NEAR(X(rb, "idle", 0), 5, TOL);
    ars_result_free(ra);
    ars_result_free(rb);
    ars_model_free(a);
    ars_model_free(b);
    ars_model_free(m);
}

/* A second formulation of every range of every LP test model: move the
 * parameter (by the path the output names) to a point strictly inside its
 * interval, re-solve from scratch, and the price of the same row or column
 * in that stage is unchanged. Cost-stage ranges hold with S held at its
 * optimum, so they are checked where the resource has no shortfall price
 * (moving it then leaves S* alone). */
static const char *const lp_models[] = {
    "tests/models/capacity.json",
    "tests/models/components.json",
    "tests/models/corridor.json",
    "tests/models/discount.json",
    "tests/models/drawdown_stock.json",
    "tests/models/explain_capacity.json",
    "tests/models/explain_fund.json",
    "tests/models/explain_supplier.json",
    "tests/models/export_weighted.json",
    "tests/models/funds.json",
    "tests/models/licences.json",
    "tests/models/ramp.json",
    "tests/models/ranging.json",
    "tests/models/requirements.json",
    "tests/models/weighted.json",
    "tests/models/whatif_tiny.json",
    "models/tutorial.json",
};

static const cJSON *same_price(const cJSON *root, const cJSON *p)
{
    const char *key = cJSON_GetObjectItemCaseSensitive(p, "row") ? "row" : "column";
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, key));
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "shadow_prices"))
    {
        const char *v = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, key));
        if (v && strcmp(v, id) == 0)
            return e;
    }
    return NULL;
}

static void test_ranges_hold_when_resolved(void)
{
    static const char *const stages[][2] = {
        {"shortfall", "shortfall_value"}, {"cost", "cost_value"}, {"weighted", "weighted_value"}};
    size_t i;
    int checked = 0, s;
    for (i = 0; i < sizeof lp_models / sizeof lp_models[0]; i++) {
        ars_model *m = load_model(lp_models[i]);
        cJSON *j = solve_explained_json(m);
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(j, "shadow_prices"))
        {
            const cJSON *rg = cJSON_GetObjectItemCaseSensitive(p, "ranges");
            const char *path =
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rg, "parameter"));
            for (s = 0; path && s < 3; s++) {
                const cJSON *iv = cJSON_GetObjectItemCaseSensitive(rg, stages[s][0]);
                double lo, hi, cur = num(rg, "current"), v, before, after;
                char set[512];
                const char *sets[1];
                ars_model *vm = NULL;
                ars_diag d;
                ars_error err;
                cJSON *vj;
                const cJSON *q;
                if (!cJSON_IsObject(iv))
                    continue;
                if (s == 1 && fabs(num(p, "shortfall_value")) > 1e-9)
                    continue;
                lo = num(iv, "from");
                hi = num(iv, "to");
                if (!(hi - lo > 1e-6))
                    continue; /* degenerate: holds at the point only */
                /* Inside, and away from the ends by a quarter of the way. */
                v = hi == HUGE_VAL ? cur + 0.5 * (fabs(cur) + 1) : lo + 0.75 * (hi - lo);
                if (v < lo + 0.25 * (hi - lo) && hi != HUGE_VAL)
                    v = lo + 0.25 * (hi - lo);
                snprintf(set, sizeof set, "%s=%.17g", path, v);
                sets[0] = set;
                ars_diag_init(&d);
                ars_error_clear(&err);
                if (ars_model_apply(m, sets, 1, &vm, &d, &err) != ARS_OK) {
                    fprintf(stderr, "%s: cannot apply %s: %s\n", lp_models[i], set, err.message);
                    ars_test_failures++;
                    ars_diag_free(&d);
                    continue;
                }
                ars_diag_free(&d);
                vj = solve_explained_json(vm);
                q = same_price(vj, p);
                before = num(p, stages[s][1]);
                after = q ? num(q, stages[s][1]) : 0;
                if (!(fabs(after - before) <= 1e-6 * fmax(1, fabs(before)))) {
                    fprintf(stderr, "%s: %s: %s price %.9g became %.9g (range %g..%g)\n",
                            lp_models[i], set, stages[s][0], before, after, lo, hi);
                    ars_test_failures++;
                }
                checked++;
                cJSON_Delete(vj);
                ars_model_free(vm);
            }
        }
        cJSON_Delete(j);
        ars_model_free(m);
    }
    fprintf(stderr, "  %d ranges re-solved inside their interval\n", checked);
    ASSERT_TRUE(checked >= 10);
}

/* Without explain nothing is ranged (and nothing is paid for it); nor
 * with explain and ranging off (what-if, sweeps), where the prices stay. */
static void test_no_ranging_without_explain(void)
{
    ars_model *m = load_model("tests/models/ranging.json");
    ars_result *r = solve_model(m);
    ars_solve_opts o;
    ars_error err;
    cJSON *j;
    ASSERT_TRUE(r->bound_lo[0] == NULL && r->bound_lo[1] == NULL && r->cost_lo == NULL);
    ars_result_free(r);
    ars_solve_opts_default(&o);
    o.explain = 1;
    o.ranging = 0;
    r = NULL;
    ASSERT_INT_EQ(ars_solve(m, &o, &r, &err), ARS_OK);
    ASSERT_TRUE(r->bound_lo[0] == NULL && r->bound_lo[1] == NULL && r->cost_lo == NULL);
    j = ars_result_to_json(r);
    ASSERT_TRUE(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "shadow_prices")) == 1);
    ASSERT_TRUE(cJSON_GetObjectItemCaseSensitive(j, "cost_ranges") == NULL);
    ASSERT_TRUE(cJSON_GetObjectItemCaseSensitive(
                    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "shadow_prices"), 0),
                    "ranges") == NULL);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_model_free(m);
}

int main(void)
{
    RUN_TEST(test_capacity_shortfall_range);
    RUN_TEST(test_range_is_of_the_parameter);
    RUN_TEST(test_bound_and_pool_ranges);
    RUN_TEST(test_cost_ranges_by_hand);
    RUN_TEST(test_cost_range_edges);
    RUN_TEST(test_ranges_hold_when_resolved);
    RUN_TEST(test_no_ranging_without_explain);
    TEST_EXIT();
}
