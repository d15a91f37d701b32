/* test_plan_charts.c - the plan's SVG charts (solver/batch/plan_charts.c),
 * drawn from result JSON written by hand, so every number below follows
 * from the input alone. */
#include "arsenal.h"
#include "util/util.h"
#include "test.h"

/* A result of two periods; plan is spliced into "plan". */
static cJSON *result(const char *plan)
{
    char text[16384];
    snprintf(text, sizeof text,
             "{\"periods\": [\"2025Q1\", \"2025Q2\"],"
             " \"requirements\": [{\"id\": \"r1\", \"fill_rate\": [0.5, 1]},"
             "                    {\"id\": \"r<2>\", \"fill_rate\": [0.25, 0.75]}],"
             " \"plan\": {%s}}",
             plan);
    return cJSON_Parse(text);
}

static char *draw(const cJSON *res, const char *which, int expect_rc)
{
    char *svg = NULL;
    size_t len = 0;
    ars_error err;
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars_plan_chart_svg(res, which, &svg, &len, &err), expect_rc);
    if (svg)
        ASSERT_INT_EQ(strlen(svg), len);
    return svg;
}

static void output_sums_products_of_a_line_and_rounds_the_axis(void)
{
    /* Line a makes 1000 + 1500 = 2500 in 2025Q2 (two products), line b 300:
     * the largest value is 2500; about five ticks over it step by 500
     * (2500 / 5 = 500 = 5 x 10^2), so the axis ends at 2500 exactly. */
    cJSON *res = result("\"production\": ["
                        "{\"line\": \"a\", \"product\": \"p\", \"output\": [200, 1000]},"
                        "{\"line\": \"a\", \"product\": \"q\", \"output\": [0, 1500]},"
                        "{\"line\": \"b\", \"product\": \"p\", \"output\": [300, 300]}]");
    char *svg = draw(res, "output", ARS_OK);
    ASSERT_CONTAINS(svg, "data-chart=\"output\"");
    ASSERT_CONTAINS(svg, "data-series=\"2\"");
    ASSERT_CONTAINS(svg, "data-y-max=\"2500\"");
    ASSERT_CONTAINS(svg, ">2500</text>"); /* the top tick, below 10k written out */
    ASSERT_CONTAINS(svg, ">500</text>");
    ASSERT_CONTAINS(svg, ">units made per period</text>");
    ASSERT_CONTAINS(svg, ">2025Q2</text>");
    /* line a: 200 then 2500 of 2500, so its second point is at the top of
     * the plot (y = 46, the top margin) and its first at
     * 376 - 330 * 200 / 2500 = 349.6 */
    ASSERT_CONTAINS(svg, "80.0,349.6 590.0,46.0\"");
    free(svg);
    cJSON_Delete(res);
}

static void money_ticks_in_millions_and_amounts_dashed(void)
{
    /* Amount 12M a period: 12M / 5 = 2.4M, the next nice step is 2.5M, so
     * the axis ends at 5 x 2.5M = 12.5M. */
    cJSON *res = result("\"funds\": [{\"fund\": \"f\", \"spent\": [3000000, 12000000],"
                        " \"amount\": [12000000, 12000000]}]");
    char *svg = draw(res, "funds", ARS_OK);
    ASSERT_CONTAINS(svg, "data-y-max=\"12500000\"");
    ASSERT_CONTAINS(svg, ">12.5M</text>");
    ASSERT_CONTAINS(svg, ">2.5M</text>");
    ASSERT_CONTAINS(svg, ">f spent</text>");
    ASSERT_CONTAINS(svg, ">f amount</text>");
    ASSERT_CONTAINS(svg, "stroke-dasharray");
    ASSERT_CONTAINS(svg, "data-series=\"2\"");
    free(svg);
    cJSON_Delete(res);
}

static void fill_rate_in_percent_and_names_escaped(void)
{
    cJSON *res = result("\"production\": []");
    char *svg = draw(res, "fill_rate", ARS_OK);
    ASSERT_CONTAINS(svg, "data-y-max=\"1\"");
    ASSERT_CONTAINS(svg, ">100%</text>");
    ASSERT_CONTAINS(svg, ">20%</text>");
    ASSERT_CONTAINS(svg, ">r&lt;2&gt;</text>");
    ASSERT_TRUE(strstr(svg, "r<2>") == NULL);
    /* r1 at 50% then 100%: y = 376 - 330 * 0.5 = 211 */
    ASSERT_CONTAINS(svg, "80.0,211.0 590.0,46.0\"");
    free(svg);
    cJSON_Delete(res);
}

static void many_lines_fold_into_other_and_long_names_are_cut(void)
{
    /* 14 lines of 1 unit each: 11 get their own series, the last three are
     * summed into "other" (3 units). */
    char plan[8192];
    size_t n = 0;
    int i;
    cJSON *res;
    char *svg;
    n += (size_t)snprintf(plan + n, sizeof plan - n, "\"production\": [");
    for (i = 0; i < 14; i++)
        n += (size_t)snprintf(plan + n, sizeof plan - n,
                              "%s{\"line\": \"line_with_a_very_long_name_%02d\", \"product\": "
                              "\"p\", \"output\": [1, 1]}",
                              i ? "," : "", i);
    snprintf(plan + n, sizeof plan - n, "]");
    res = result(plan);
    svg = draw(res, "output", ARS_OK);
    ASSERT_CONTAINS(svg, "data-series=\"12\"");
    ASSERT_CONTAINS(svg, ">other</text>");
    ASSERT_CONTAINS(svg, "data-y-max=\"3\"");
    /* 30 bytes: cut to 26 and an ellipsis */
    ASSERT_CONTAINS(svg, ">line_with_a_very_long_name\xe2\x80\xa6</text>");
    free(svg);
    cJSON_Delete(res);
}

static void no_plan_and_unknown_chart_are_usage_errors(void)
{
    cJSON *none = cJSON_Parse("{\"periods\": [\"P1\"], \"plan\": null}");
    cJSON *res = result("\"production\": []");
    char *svg;
    int i;
    ASSERT_TRUE(draw(none, "output", ARS_EUSAGE) == NULL);
    ASSERT_TRUE(draw(res, "pie", ARS_EUSAGE) == NULL);
    svg = draw(res, "funds", ARS_OK);
    ASSERT_CONTAINS(svg, "this model has no funds");
    free(svg);
    for (i = 0; ars_plan_chart_names[i]; i++)
        ;
    ASSERT_INT_EQ(i, 3);
    cJSON_Delete(none);
    cJSON_Delete(res);
}

static void out_of_memory_is_reported(void)
{
    cJSON *res =
        result("\"production\": [{\"line\": \"a\", \"product\": \"p\", \"output\": [1, 2]}]");
    char *svg = NULL;
    size_t len = 0;
    ars_error err;
    long k;
    /* Every allocation in turn fails: an error or a whole chart, never a
     * crash or a part. */
    for (k = 1; k < 40; k++) {
        int rc;
        ars_error_clear(&err);
        ars__alloc_fail_after(k, 1);
        rc = ars_plan_chart_svg(res, "output", &svg, &len, &err);
        ars__alloc_fail_after(0, 0);
        if (rc == ARS_OK) {
            ASSERT_CONTAINS(svg, "</svg>\n");
            free(svg);
        } else {
            ASSERT_INT_EQ(rc, ARS_ENOMEM);
            ASSERT_TRUE(svg == NULL);
        }
        svg = NULL;
    }
    cJSON_Delete(res);
}

int main(void)
{
    RUN_TEST(output_sums_products_of_a_line_and_rounds_the_axis);
    RUN_TEST(money_ticks_in_millions_and_amounts_dashed);
    RUN_TEST(fill_rate_in_percent_and_names_escaped);
    RUN_TEST(many_lines_fold_into_other_and_long_names_are_cut);
    RUN_TEST(no_plan_and_unknown_chart_are_usage_errors);
    RUN_TEST(out_of_memory_is_reported);
    TEST_EXIT();
}
