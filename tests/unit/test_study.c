/* test_study.c - the study format, points, random streams, CSV round trips,
 * resume bookkeeping, merge, summary statistics and charts; nothing here
 * solves (test_sweep_run.c does). */
#include "batch/batch.h"
#include "test.h"

#include <stdint.h>

static ars_study *parse(const char *json, ars_error *err)
{
    cJSON *spec = cJSON_Parse(json);
    ars_study *s = NULL;
    int rc;
    ars_error_clear(err);
    if (!spec) {
        fprintf(stderr, "bad test JSON: %s\n", json);
        return NULL;
    }
    rc = ars__study_parse_spec(spec, NULL, &s, err);
    cJSON_Delete(spec);
    if (rc != ARS_OK)
        return NULL;
    return s;
}

static void grid_points_are_mixed_radix_last_fastest(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"grid\",\"parameters\":["
                         "{\"path\":\"lines.a.capacity\",\"values\":[10,20,30]},"
                         "{\"path\":\"licenses.l.status\",\"values\":[\"granted\",\"denied\"]}]}",
                         &err);
    char buf[64], **sets;
    size_t n;
    ASSERT_TRUE(s != NULL);
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_npoints(s), 6);
    /* Point 4 = (index 2 of the first, index 0 of the second): 4 = 2*2 + 0. */
    ars_study_point_value(s, 4, 0, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "30");
    ars_study_point_value(s, 4, 1, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "granted");
    ars_study_point_value(s, 3, 1, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "denied");
    ASSERT_INT_EQ(ars_study_point_sets(s, 3, &sets, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 2);
    ASSERT_STR_EQ(sets[0], "lines.a.capacity=20");
    ASSERT_STR_EQ(sets[1], "licenses.l.status=denied");
    ars_study_strings_free(sets, n);
    /* Defaults: shortfall and cost only without a model. */
    ASSERT_INT_EQ(ars_study_nmetrics(s), 2);
    ASSERT_STR_EQ(ars_study_metric_name(s, 1), "cost");
    ars_study_free(s);
}

static void grid_range_includes_both_ends_and_scale_marks_the_column(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"grid\",\"parameters\":[{\"path\":\"funds.f.amount@2025Q1..\","
                         "\"from\":0,\"to\":1,\"steps\":5,\"scale\":true}],"
                         "\"metrics\":[\"funds.f.spent\",\"cost\"]}",
                         &err);
    char buf[64], **sets;
    size_t n;
    ASSERT_TRUE(s != NULL);
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_npoints(s), 5);
    ASSERT_STR_EQ(ars_study_param_name(s, 0), "funds.f.amount@2025Q1..*");
    ars_study_point_value(s, 1, 0, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "0.25");
    ars_study_point_value(s, 4, 0, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "1");
    ASSERT_INT_EQ(ars_study_point_sets(s, 2, &sets, &n, &err), ARS_OK);
    ASSERT_STR_EQ(sets[0], "funds.f.amount@2025Q1..*=0.5");
    ars_study_strings_free(sets, n);
    /* "cost" is a default already: not added twice. */
    ASSERT_INT_EQ(ars_study_nmetrics(s), 3);
    ASSERT_STR_EQ(ars_study_metric_name(s, 2), "funds.f.spent");
    ars_study_free(s);
}

static void bad_studies_name_the_field(void)
{
    ars_error err;
    ASSERT_TRUE(parse("{\"type\":\"grid\",\"parameters\":[{\"path\":\"a.b.c\",\"value\":[1]}]}",
                      &err) == NULL);
    ASSERT_STR_EQ(err.field, "/parameters/0/value");
    ASSERT_TRUE(parse("{\"type\":\"grid\",\"parameters\":[{\"path\":\"a.b.c\",\"from\":0,\"to\":1,"
                      "\"steps\":0}]}",
                      &err) == NULL);
    ASSERT_STR_EQ(err.field, "/parameters/0/steps");
    ASSERT_TRUE(parse("{\"type\":\"sweep\",\"parameters\":[]}", &err) == NULL);
    ASSERT_STR_EQ(err.field, "/type");
    ASSERT_CONTAINS(err.message, "\"sweep\"");
    ASSERT_TRUE(parse("{\"type\":\"monte_carlo\",\"samples\":10,"
                      "\"parameters\":[\"a.b.c*~triangular(1,0,2)\"]}",
                      &err) == NULL);
    ASSERT_STR_EQ(err.field, "/parameters/0");
    ASSERT_CONTAINS(err.message, "a <= mode <= b");
    ASSERT_TRUE(parse("{\"type\":\"monte_carlo\",\"samples\":10,"
                      "\"parameters\":[\"a.b.c*~gamma(1,2)\"]}",
                      &err) == NULL);
    ASSERT_CONTAINS(err.message, "unknown distribution \"gamma\"");
    ASSERT_TRUE(
        parse("{\"type\":\"monte_carlo\",\"parameters\":[\"a.b.c*~uniform(0,1)\"]}", &err) == NULL);
    ASSERT_STR_EQ(err.field, "/samples");
    ASSERT_TRUE(parse("{\"type\":\"tornado\",\"delta\":1.5,\"parameters\":[\"a.b.c\"]}", &err) ==
                NULL);
    ASSERT_STR_EQ(err.field, "/delta");
    ASSERT_TRUE(parse("{\"type\":\"monte_carlo\",\"samples\":10,\"parameters\":[\"a.b.c~uniform(0,"
                      "1)\"]}",
                      &err) == NULL);
    ASSERT_CONTAINS(err.message, "PATH*~dist");
    /* 10^5 x 10^5 points is past the limit, caught before multiplying over. */
    ASSERT_TRUE(parse("{\"type\":\"grid\",\"parameters\":["
                      "{\"path\":\"a.b.c\",\"from\":0,\"to\":1,\"steps\":100000},"
                      "{\"path\":\"a.b.d\",\"from\":0,\"to\":1,\"steps\":100000}]}",
                      &err) == NULL);
    ASSERT_INT_EQ(err.code, ARS_ELIMIT);
}

static void tornado_points_move_one_parameter_at_a_time(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"tornado\",\"delta\":0.2,\"parameters\":[\"a.x.capacity\","
                         "{\"path\":\"b.y.demand\",\"delta\":0.5}]}",
                         &err);
    char buf[64], **sets;
    size_t n;
    ASSERT_TRUE(s != NULL);
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_npoints(s), 5);
    ASSERT_INT_EQ(ars_study_point_sets(s, 0, &sets, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 0);
    ars_study_strings_free(sets, n);
    ASSERT_INT_EQ(ars_study_point_sets(s, 4, &sets, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 1);
    ASSERT_STR_EQ(sets[0], "b.y.demand*=1.5");
    ars_study_strings_free(sets, n);
    ars_study_point_value(s, 1, 0, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "0.8");
    ars_study_point_value(s, 1, 1, buf, sizeof buf);
    ASSERT_STR_EQ(buf, "1");
    ars_study_free(s);
}

static void splitmix64_matches_the_reference_stream(void)
{
    /* Reference values of splitmix64 started from state 0 (Vigna's
     * splitmix64.c): e220a8397b1dcdaf, 6e789e6aa1b965f4, 06c45d188009454f. */
    uint64_t st = 0;
    ASSERT_TRUE(ars__rng_next(&st) == 0xe220a8397b1dcdafull);
    ASSERT_TRUE(ars__rng_next(&st) == 0x6e789e6aa1b965f4ull);
    ASSERT_TRUE(ars__rng_next(&st) == 0x06c45d188009454full);
}

static void monte_carlo_samples_follow_their_distributions(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"monte_carlo\",\"samples\":20000,\"seed\":7,\"parameters\":["
                         "\"a.x.capacity*~uniform(0.6,1.0)\",\"b.y.demand=~normal(10,2)\","
                         "{\"path\":\"c.z.cost\",\"distribution\":\"triangular\",\"args\":[0,1,4]}"
                         "]}",
                         &err);
    double sum[3] = {0}, ss = 0, lo = 1, hi = 0, num[3], again[3];
    size_t i, n = 20000;
    ASSERT_TRUE(s != NULL);
    if (!s)
        return;
    ASSERT_STR_EQ(ars_study_param_name(s, 0), "a.x.capacity*");
    ASSERT_STR_EQ(ars_study_param_name(s, 1), "b.y.demand");
    for (i = 0; i < n; i++) {
        ars__study_point(s, i, num, NULL, NULL);
        sum[0] += num[0];
        sum[1] += num[1];
        sum[2] += num[2];
        ss += (num[1] - 10) * (num[1] - 10);
        lo = num[0] < lo ? num[0] : lo;
        hi = num[0] > hi ? num[0] : hi;
    }
    /* Means: uniform (0.6+1)/2 = 0.8; normal 10; triangular (0+1+4)/3 =
     * 5/3. Standard errors with 20000 samples: 0.0008, 0.014, 0.006; the
     * tolerances are about 4 of them (the stream is fixed by the seed, so
     * this cannot flake). */
    ASSERT_NEAR(sum[0] / (double)n, 0.8, 0.004);
    ASSERT_NEAR(sum[1] / (double)n, 10.0, 0.006);
    ASSERT_NEAR(sum[2] / (double)n, 5.0 / 3.0, 0.015);
    ASSERT_NEAR(sqrt(ss / (double)n), 2.0, 0.05);
    ASSERT_TRUE(lo >= 0.6 && hi < 1.0);
    /* A point's sample depends on (seed, index) only, not on what was drawn
     * before. */
    ars__study_point(s, 12345, num, NULL, NULL);
    ars__study_point(s, 3, again, NULL, NULL);
    ars__study_point(s, 12345, again, NULL, NULL);
    ASSERT_TRUE(memcmp(num, again, sizeof num) == 0);
    ars_study_free(s);
}

/* Counts of each value against their exact probabilities: a count of n
 * draws at probability q is binomial, standard deviation sqrt(n q (1-q));
 * 5 of them is the tolerance (the stream is fixed by the seed, so this
 * cannot flake; a sampler giving a value 5% more than its share fails). */
static void assert_frequencies(const size_t *count, const double *prob, size_t nvalues, size_t n)
{
    size_t v;
    for (v = 0; v < nvalues; v++) {
        double want = (double)n * prob[v];
        double sd = sqrt((double)n * prob[v] * (1 - prob[v]));
        ASSERT_NEAR((double)count[v], want, 5 * sd);
    }
}

static void discrete_draws_are_exact_and_deterministic(void)
{
    ars_error err;
    /* randint(1,6): each of 1..6 with probability 1/6; choice(1,2,2,5):
     * 2 with 1/2 (listed twice), 1 and 5 with 1/4 each. */
    ars_study *s =
        parse("{\"type\":\"monte_carlo\",\"samples\":60000,\"seed\":11,\"parameters\":["
              "\"licenses.q.review=~randint(1,6)\",\"lines.l.capacity=~choice(1,2,2,5)\","
              "{\"path\":\"funds.f.amount\",\"scale\":true,\"distribution\":\"randint\","
              "\"args\":[-2,-2]}]}",
              &err);
    ars_study *again = NULL, *other = NULL, *back = NULL;
    size_t die[6] = {0}, pick[3] = {0}, i, n = 60000, differ = 0;
    double pdie[6] = {1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6};
    double ppick[3] = {0.25, 0.5, 0.25}, num[3], num2[3];
    cJSON *js;
    ASSERT_TRUE(s != NULL);
    if (!s) {
        fprintf(stderr, "%s: %s\n", err.field, err.message);
        return;
    }
    for (i = 0; i < n; i++) {
        ars__study_point(s, i, num, NULL, NULL);
        ASSERT_TRUE(num[0] == floor(num[0]) && num[0] >= 1 && num[0] <= 6);
        if (num[0] >= 1 && num[0] <= 6)
            die[(size_t)num[0] - 1]++;
        ASSERT_TRUE(num[1] == 1 || num[1] == 2 || num[1] == 5);
        pick[num[1] == 1 ? 0 : num[1] == 2 ? 1 : 2]++;
        ASSERT_TRUE(num[2] == -2); /* randint(a,a) is a */
    }
    assert_frequencies(die, pdie, 6, n);
    assert_frequencies(pick, ppick, 3, n);
    /* Per seed: the same study draws the same values; another seed others;
     * and the study written back as JSON (for resume) draws the same. */
    again = parse("{\"type\":\"monte_carlo\",\"samples\":60000,\"seed\":11,\"parameters\":["
                  "\"licenses.q.review=~randint(1,6)\",\"lines.l.capacity=~choice(1,2,2,5)\","
                  "\"funds.f.amount*~randint(-2,-2)\"]}",
                  &err);
    other = parse("{\"type\":\"monte_carlo\",\"samples\":60000,\"seed\":12,\"parameters\":["
                  "\"licenses.q.review=~randint(1,6)\",\"lines.l.capacity=~choice(1,2,2,5)\","
                  "\"funds.f.amount*~randint(-2,-2)\"]}",
                  &err);
    js = ars_study_to_json(s);
    ASSERT_TRUE(js != NULL);
    if (js) {
        char *text = cJSON_PrintUnformatted(js);
        ASSERT_CONTAINS(text, "licenses.q.review=~randint(1,6)");
        ASSERT_CONTAINS(text, "lines.l.capacity=~choice(1,2,2,5)");
        ASSERT_CONTAINS(text, "funds.f.amount*~randint(-2,-2)");
        back = parse(text, &err);
        free(text);
        cJSON_Delete(js);
    }
    ASSERT_TRUE(again != NULL && other != NULL && back != NULL);
    for (i = 0; again && other && back && i < 1000; i++) {
        ars__study_point(s, i, num, NULL, NULL);
        ars__study_point(again, i, num2, NULL, NULL);
        ASSERT_TRUE(memcmp(num, num2, sizeof num) == 0);
        ars__study_point(back, i, num2, NULL, NULL);
        ASSERT_TRUE(memcmp(num, num2, sizeof num) == 0);
        ars__study_point(other, i, num2, NULL, NULL);
        differ += num[0] != num2[0];
    }
    /* Two independent die streams agree 1 time in 6: about 167 of 1000. */
    ASSERT_TRUE(differ > 700);
    ars_study_free(s);
    ars_study_free(again);
    ars_study_free(other);
    ars_study_free(back);
}

static void bad_discrete_parameters_name_the_parameter(void)
{
    static const struct {
        const char *param, *field, *says;
    } cases[] = {
        {"\"licenses.q.review=~randint(1.5,6)\"", "/parameters/0", "needs integers"},
        {"\"licenses.q.review=~randint(6,1)\"", "/parameters/0", "needs a <= b"},
        {"\"licenses.q.review=~randint(1)\"", "/parameters/0", "takes 2 arguments"},
        {"\"licenses.q.review=~randint(1,2,3)\"", "/parameters/0", "takes 2 arguments"},
        {"\"licenses.q.review=~randint(0,1e16)\"", "/parameters/0", "at most 1e15"},
        {"\"licenses.q.review=~choice()\"", "/parameters/0", "at least one value"},
        {"\"licenses.q.review=~choice(1,x)\"", "/parameters/0", "expected a finite number"},
        {"{\"path\":\"licenses.q.review\",\"distribution\":\"choice\",\"args\":[]}",
         "/parameters/0", "at least one value"},
        {"{\"path\":\"licenses.q.review\",\"distribution\":\"randint\",\"args\":[3,2]}",
         "/parameters/0", "needs a <= b"},
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char json[512];
        ars_error err;
        snprintf(json, sizeof json, "{\"type\":\"monte_carlo\",\"samples\":10,\"parameters\":[%s]}",
                 cases[i].param);
        ASSERT_TRUE(parse(json, &err) == NULL);
        ASSERT_STR_EQ(err.field, cases[i].field);
        ASSERT_CONTAINS(err.message, cases[i].says);
        ASSERT_CONTAINS(err.message, "licenses.q.review");
    }
}

static void percentiles_interpolate_between_ranks(void)
{
    /* n = 5: rank h = 4p/100; p5 -> h 0.2 -> 1 + 0.2 = 1.2; p95 -> h 3.8 ->
     * 4 + 0.8 = 4.8; p50 -> the middle value 3. */
    double v[5] = {1, 2, 3, 4, 5};
    ASSERT_NEAR(ars__percentile(v, 5, 5), 1.2, 1e-12);
    ASSERT_NEAR(ars__percentile(v, 5, 50), 3, 1e-12);
    ASSERT_NEAR(ars__percentile(v, 5, 95), 4.8, 1e-12);
    ASSERT_NEAR(ars__percentile(v, 1, 95), 1, 1e-12);
}

static void csv_fields_quote_and_split_back(void)
{
    ars__buf b;
    char **f;
    int n;
    ars__buf_init(&b, 0);
    ars__csv_field(&b, "lines[country=UA].capacity");
    ars__buf_puts(&b, ",");
    ars__csv_field(&b, "say \"no\", twice");
    ASSERT_STR_EQ(b.data, "lines[country=UA].capacity,\"say \"\"no\"\", twice\"");
    n = ars__csv_split(b.data, b.len, &f);
    ASSERT_INT_EQ(n, 2);
    if (n == 2) {
        ASSERT_STR_EQ(f[0], "lines[country=UA].capacity");
        ASSERT_STR_EQ(f[1], "say \"no\", twice");
        ars_study_strings_free(f, 2);
    }
    ASSERT_INT_EQ(ars__csv_split("a,\"b", 4, &f), -1);
    ars__buf_free(&b);
}

/* A results table of a 2x2 grid with made-up metric values. */
static ars_study *grid22(void)
{
    ars_error err;
    return parse("{\"type\":\"grid\",\"parameters\":[{\"path\":\"a.x.capacity\",\"values\":[1,2]},"
                 "{\"path\":\"b.y.demand\",\"values\":[10,20]}]}",
                 &err);
}

static void add_row(ars_study_results *r, size_t point, const char *status, const char *error,
                    double m0, double m1)
{
    double m[2] = {m0, m1};
    ars_study_row row = {point, status, error, m};
    ASSERT_INT_EQ(ars_study_results_add(r, &row), ARS_OK);
}

static void resume_reads_back_complete_lines_only(void)
{
    ars_study *s = grid22();
    ars_study_results *r, *back;
    ars_error err;
    char *csv, *csv2;
    size_t len, used;
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_results_create(s, &r), ARS_OK);
    add_row(r, 2, "optimal", NULL, 0.1, 1e20);
    add_row(r, 0, "infeasible", "no plan, \"really\"", NAN, NAN);
    csv = ars_study_results_csv(r, &len);
    ASSERT_STR_EQ(csv, "point,a.x.capacity,b.y.demand,status,error,shortfall,cost\n"
                       "0,1,10,infeasible,\"no plan, \"\"really\"\"\",,\n"
                       "2,2,10,optimal,,0.1,1e+20\n");
    /* Cut in the middle of the last line, as a crash would. */
    ASSERT_INT_EQ(ars_study_results_create(s, &back), ARS_OK);
    ASSERT_INT_EQ(ars_study_results_load_csv(back, csv, len - 5, &used, &err), ARS_OK);
    ASSERT_INT_EQ(ars_study_results_count(back), 1);
    ASSERT_INT_EQ(used, strlen("point,a.x.capacity,b.y.demand,status,error,shortfall,cost\n"
                               "0,1,10,infeasible,\"no plan, \"\"really\"\"\",,\n"));
    ASSERT_INT_EQ(ars_study_results_load_csv(back, csv, len, &used, &err), ARS_OK);
    ASSERT_INT_EQ(used, len);
    csv2 = ars_study_results_csv(back, NULL);
    ASSERT_STR_EQ(csv2, csv);
    free(csv2);
    ars_study_results_free(back);
    /* Another study's file is refused, naming what differs. */
    ASSERT_INT_EQ(ars_study_results_create(s, &back), ARS_OK);
    csv[8] = 'b'; /* "a.x" -> "b.x" in the header */
    ASSERT_INT_EQ(ars_study_results_load_csv(back, csv, len, &used, &err), ARS_ESTUDY);
    ASSERT_STR_EQ(err.field, "line 1");
    csv[8] = 'a';
    /* A row whose parameters are not the study's point. */
    {
        const char *bad = "point,a.x.capacity,b.y.demand,status,error,shortfall,cost\n"
                          "1,2,10,optimal,,1,2\n";
        ASSERT_INT_EQ(ars_study_results_load_csv(back, bad, strlen(bad), &used, &err), ARS_ESTUDY);
        ASSERT_STR_EQ(err.field, "line 2");
        ASSERT_CONTAINS(err.message, "a.x.capacity = 2 here but 1");
    }
    ars_study_results_free(back);
    free(csv);
    ars_study_results_free(r);
    ars_study_free(s);
}

static void merge_gives_the_single_run_file(void)
{
    ars_study *s = grid22();
    ars_study_results *all, *sh[2];
    ars_error err;
    char *full, *parts[2], *merged;
    size_t len, lens[2], mlen, i;
    const char *names[2] = {"a.csv", "b.csv"};
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_results_create(s, &all), ARS_OK);
    ASSERT_INT_EQ(ars_study_results_create(s, &sh[0]), ARS_OK);
    ASSERT_INT_EQ(ars_study_results_create(s, &sh[1]), ARS_OK);
    for (i = 0; i < 4; i++) {
        add_row(all, i, "optimal", NULL, (double)i, 2.0 * (double)i);
        /* Shards by point parity here (merge must not care how). */
        add_row(sh[(i + 1) % 2], i, "optimal", NULL, (double)i, 2.0 * (double)i);
    }
    full = ars_study_results_csv(all, &len);
    parts[0] = ars_study_results_csv(sh[0], &lens[0]);
    parts[1] = ars_study_results_csv(sh[1], &lens[1]);
    ASSERT_INT_EQ(
        ars_study_merge_csv((const char *const *)parts, lens, names, 2, &merged, &mlen, &err),
        ARS_OK);
    ASSERT_STR_EQ(merged, full);
    free(merged);
    /* The same point with another value in two files is an error. */
    parts[0][lens[0] - 2] = '9';
    ASSERT_INT_EQ(
        ars_study_merge_csv((const char *const *)parts, lens, names, 2, &merged, &mlen, &err),
        ARS_OK); /* still no overlap */
    free(merged);
    {
        const char *t[2] = {full, parts[0]};
        size_t l[2] = {len, lens[0]};
        ASSERT_INT_EQ(ars_study_merge_csv(t, l, names, 2, &merged, &mlen, &err), ARS_ESTUDY);
        ASSERT_CONTAINS(err.message, "differs between a.csv line");
    }
    free(full);
    free(parts[0]);
    free(parts[1]);
    ars_study_results_free(all);
    ars_study_results_free(sh[0]);
    ars_study_results_free(sh[1]);
    ars_study_free(s);
}

static double jnum(const cJSON *o, const char *a, const char *b, const char *c)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    x = b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
    x = c ? cJSON_GetObjectItemCaseSensitive(x, c) : x;
    return cJSON_IsNumber(x) ? x->valuedouble : NAN;
}

static void summary_statistics_by_hand(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"monte_carlo\",\"samples\":9,\"parameters\":["
                         "\"a.x.capacity*~uniform(0,1)\"]}",
                         &err);
    ars_study_results *r;
    cJSON *j;
    static const double v[8] = {2, 4, 4, 4, 5, 5, 7, 9};
    size_t i;
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_results_create(s, &r), ARS_OK);
    for (i = 0; i < 8; i++)
        add_row(r, i, "optimal", NULL, v[i], 1);
    add_row(r, 8, "infeasible", NULL, NAN, NAN);
    j = ars_study_summary_json(r);
    /* mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32, sample sd
     * sqrt(32/7); p50 at rank 3.5 -> (4+5)/2; p5 at rank 0.35 -> 2 + 0.35 *
     * 2 = 2.7; p95 at rank 6.65 -> 7 + 0.65 * 2 = 8.3. */
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "mean"), 5, 1e-12);
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "sd"), sqrt(32.0 / 7.0), 1e-12);
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "p50"), 4.5, 1e-12);
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "p5"), 2.7, 1e-12);
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "p95"), 8.3, 1e-12);
    ASSERT_NEAR(jnum(j, "metrics", "shortfall", "n"), 8, 0);
    ASSERT_NEAR(jnum(j, "by_status", "infeasible", NULL), 1, 0);
    ASSERT_NEAR(jnum(j, "metrics", "cost", "sd"), 0, 0);
    cJSON_Delete(j);
    ars_study_results_free(r);
    ars_study_free(s);
}

static void tornado_ranking_orders_by_swing(void)
{
    ars_error err;
    ars_study *s = parse("{\"type\":\"tornado\",\"parameters\":[\"a.x.capacity\",\"b.y.demand\","
                         "\"c.z.cost\"]}",
                         &err);
    ars_study_results *r;
    cJSON *j, *rank;
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_results_create(s, &r), ARS_OK);
    /* Swings: a 3, b 10, c 3 (ties keep the study's order: a before c). */
    add_row(r, 0, "optimal", NULL, 50, 0);
    add_row(r, 1, "optimal", NULL, 52, 0);
    add_row(r, 2, "optimal", NULL, 49, 0);
    add_row(r, 3, "optimal", NULL, 45, 0);
    add_row(r, 4, "optimal", NULL, 55, 0);
    add_row(r, 5, "optimal", NULL, 48.5, 0);
    add_row(r, 6, "optimal", NULL, 51.5, 0);
    j = ars_study_summary_json(r);
    rank = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetArrayItem(cJSON_GetObjectItem(j, "tornado"), 0), "ranking");
    ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetArrayItem(rank, 0), "parameter")->valuestring,
                  "b.y.demand");
    ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetArrayItem(rank, 1), "parameter")->valuestring,
                  "a.x.capacity");
    ASSERT_STR_EQ(cJSON_GetObjectItem(cJSON_GetArrayItem(rank, 2), "parameter")->valuestring,
                  "c.z.cost");
    ASSERT_NEAR(cJSON_GetObjectItem(cJSON_GetArrayItem(rank, 0), "swing")->valuedouble, 10, 0);
    cJSON_Delete(j);
    ars_study_results_free(r);
    ars_study_free(s);
}

static void charts_carry_their_data_ranges(void)
{
    ars_study *s = grid22();
    ars_study_results *r;
    ars_error err;
    char *svg;
    size_t len;
    if (!s)
        return;
    ASSERT_INT_EQ(ars_study_results_create(s, &r), ARS_OK);
    add_row(r, 0, "optimal", NULL, 3, 0);
    add_row(r, 1, "optimal", NULL, -1.5, 0);
    add_row(r, 3, "optimal", NULL, 7, 0);
    ASSERT_INT_EQ(ars_study_results_svg(r, NULL, &svg, &len, &err), ARS_OK);
    ASSERT_CONTAINS(svg, "data-chart=\"heatmap\"");
    ASSERT_CONTAINS(svg, "data-v-min=\"-1.5\" data-v-max=\"7\" data-n=\"3\"");
    ASSERT_CONTAINS(svg, "data-x-min=\"1\" data-x-max=\"2\" data-y-min=\"10\" data-y-max=\"20\"");
    free(svg);
    ASSERT_INT_EQ(ars_study_results_svg(r, "nothing", &svg, &len, &err), ARS_ESTUDY);
    ars_study_results_free(r);
    ars_study_free(s);
}

/* Two periods; the requirement meets all of 100 and none of 300. */
static const char metric_model[] =
    "{\"arsenal\":1,\"periods\":[\"2025Q1\",\"2025Q2\"],\"products\":[{\"id\":\"p\"}],"
    "\"lines\":[{\"id\":\"l\",\"country\":\"UA\",\"capacity\":100,"
    "\"produces\":[{\"product\":\"p\",\"cost\":1}]}],"
    "\"requirements\":[{\"id\":\"r\",\"demand\":[100,300],\"met_by\":{\"p\":1}}]}";
static const char metric_result[] =
    "{\"objective\":{\"shortfall\":300,\"cost\":100,\"weighted\":300},"
    "\"requirements\":[{\"id\":\"r\",\"demand\":[100,300],\"met\":[100,0],"
    "\"shortfall\":[0,300],\"fill_rate\":[1,0],"
    "\"total\":{\"demand\":400,\"met\":100,\"shortfall\":300,\"fill_rate\":0.25}}],"
    "\"plan\":{\"theatre_stock\":[{\"product\":\"p\",\"stock\":[5,7],\"reserve\":null,"
    "\"reserve_gap\":[0,0]}],\"production\":[{\"line\":\"l\",\"product\":\"p\",\"lead\":0,"
    "\"output\":[100,100]}]}}";

static ars_model *load_metric_model(void)
{
    ars_model *m = NULL;
    ars_diag d;
    ars_diag_init(&d);
    if (ars_model_load_text(metric_model, strlen(metric_model), NULL, &m, &d) != ARS_OK)
        m = NULL;
    ars_diag_free(&d);
    return m;
}

/* A fill rate over periods is met over demand (100/400), not the sum of the
 * per-period rates (1) nor their mean (0.5); stocks are levels (the last
 * period), flows add up. */
static void series_metrics_aggregate_by_what_they_measure(void)
{
    ars_model *m = load_metric_model();
    cJSON *doc = cJSON_Parse(metric_result);
    double v = -1;
    char msg[300];
    ASSERT_TRUE(m != NULL && doc != NULL);
    if (!m || !doc)
        goto out;
    ASSERT_INT_EQ(ars__metric_eval(doc, "requirements.r.fill_rate", m, &v, msg, sizeof msg), 0);
    ASSERT_NEAR(v, 0.25, 1e-15);
    ASSERT_INT_EQ(ars__metric_eval(doc, "requirements.r.fill_rate@2025Q2", m, &v, msg, sizeof msg),
                  0);
    ASSERT_NEAR(v, 0, 1e-15);
    ASSERT_INT_EQ(ars__metric_eval(doc, "requirements.r.shortfall", m, &v, msg, sizeof msg), 0);
    ASSERT_NEAR(v, 300, 1e-15);
    ASSERT_INT_EQ(ars__metric_eval(doc, "plan.theatre_stock.p.stock", m, &v, msg, sizeof msg), 0);
    ASSERT_NEAR(v, 7, 1e-15);
    ASSERT_INT_EQ(
        ars__metric_eval(doc, "plan.theatre_stock.p.stock@..2025Q1", m, &v, msg, sizeof msg), 0);
    ASSERT_NEAR(v, 5, 1e-15);
    ASSERT_INT_EQ(ars__metric_eval(doc, "plan.production.l.output", m, &v, msg, sizeof msg), 0);
    ASSERT_NEAR(v, 200, 1e-15);
    ASSERT_INT_EQ(ars__metric_aggregation("fill_rate"), ARS__AGG_RATIO);
    ASSERT_INT_EQ(ars__metric_aggregation("carried"), ARS__AGG_LAST);
    ASSERT_INT_EQ(ars__metric_aggregation("spent"), ARS__AGG_SUM);
out:
    cJSON_Delete(doc);
    ars_model_free(m);
}

/* Short forms resolve to full paths; a path no result can hold is refused
 * when the study is read, naming what could follow. */
static void metric_paths_resolve_or_are_refused_up_front(void)
{
    ars_model *m = load_metric_model();
    char canon[256], msg[400];
    ASSERT_TRUE(m != NULL);
    if (!m)
        return;
    ASSERT_INT_EQ(ars__metric_resolve("shortfall", m, canon, sizeof canon, msg, sizeof msg), 0);
    ASSERT_STR_EQ(canon, "objective.shortfall");
    ASSERT_INT_EQ(
        ars__metric_resolve("r.fill_rate@2025Q2", m, canon, sizeof canon, msg, sizeof msg), 0);
    ASSERT_STR_EQ(canon, "requirements.r.fill_rate@2025Q2");
    /* Over the whole horizon: the total, the default metric's path. */
    ASSERT_INT_EQ(ars__metric_resolve("r.fill_rate", m, canon, sizeof canon, msg, sizeof msg), 0);
    ASSERT_STR_EQ(canon, "requirements.r.total.fill_rate");
    ASSERT_INT_EQ(
        ars__metric_resolve("production.l.output", m, canon, sizeof canon, msg, sizeof msg), 0);
    ASSERT_STR_EQ(canon, "plan.production.l.output");
    ASSERT_INT_EQ(
        ars__metric_resolve("bottlenecks.0.value", m, canon, sizeof canon, msg, sizeof msg), 0);
    ASSERT_INT_EQ(ars__metric_resolve("shortfal", m, canon, sizeof canon, msg, sizeof msg), -1);
    ASSERT_CONTAINS(msg, "one of: objective, requirements");
    ASSERT_INT_EQ(
        ars__metric_resolve("requirements.x.met", m, canon, sizeof canon, msg, sizeof msg), -1);
    ASSERT_CONTAINS(msg, "no requirement \"x\"");
    ASSERT_INT_EQ(
        ars__metric_resolve("objective.cost@2025Q1", m, canon, sizeof canon, msg, sizeof msg), -1);
    ASSERT_CONTAINS(msg, "single number");
    ASSERT_INT_EQ(
        ars__metric_resolve("requirements.r.total", m, canon, sizeof canon, msg, sizeof msg), -1);
    ASSERT_CONTAINS(msg, "fill_rate");
    ars_model_free(m);
}

/* Ticks: 1, 2 or 5 times a power of ten, 5 to 10 of them, the first at or
 * below the data and the last at or above, over ranges of every size. */
static void chart_ticks_are_nice_and_few(void)
{
    static const double ranges[][2] = {{0, 1},          {4.72e6, 5.31e6}, {-3, 7},
                                       {0.62, 0.645},   {1, 1},           {0, 100000},
                                       {123.4, 123.45}, {-5e-4, 2e-3},    {0, 37}};
    size_t i;
    for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
        double t[16], step, m;
        int n = ars__nice_ticks(ranges[i][0], ranges[i][1], t, 16, &step), k;
        ASSERT_TRUE(n >= 5 && n <= 10);
        ASSERT_TRUE(t[0] <= ranges[i][0] && t[n - 1] >= ranges[i][1]);
        m = step / pow(10, floor(log10(step) + 1e-9));
        ASSERT_TRUE(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9);
        for (k = 1; k < n; k++)
            ASSERT_NEAR(t[k] - t[k - 1], step, 1e-9);
    }
    ASSERT_INT_EQ(ars__nice_ticks(NAN, 1, (double[16]){0}, 16, NULL), 0);
}

/* Labels: as many decimals as the step needs, k from 10,000, M from a
 * million, percent for ratios; never an exponent. */
static void chart_tick_labels_read_as_numbers(void)
{
    char b[64];
    double t[16], step;
    int n = ars__nice_ticks(4.72e6, 5.31e6, t, 16, &step);
    ASSERT_NEAR(step, 1e5, 1e-9);
    ars__tick_label(b, sizeof b, t[0], step, fmax(fabs(t[0]), fabs(t[n - 1])), 0);
    ASSERT_STR_EQ(b, "4.7M");
    ars__tick_label(b, sizeof b, 250000, 50000, 400000, 0);
    ASSERT_STR_EQ(b, "250k");
    ars__tick_label(b, sizeof b, 1500, 500, 3000, 0);
    ASSERT_STR_EQ(b, "1,500");
    ars__tick_label(b, sizeof b, 0.25, 0.05, 1, 0);
    ASSERT_STR_EQ(b, "0.25");
    ars__tick_label(b, sizeof b, 0.625, 0.005, 0.65, 1);
    ASSERT_STR_EQ(b, "62.5%");
    ars__tick_label(b, sizeof b, 2.63723e-5, 1e-5, 5e-5, 0);
    ASSERT_STR_EQ(b, "0.00003");
}

int main(void)
{
    RUN_TEST(chart_ticks_are_nice_and_few);
    RUN_TEST(chart_tick_labels_read_as_numbers);
    RUN_TEST(series_metrics_aggregate_by_what_they_measure);
    RUN_TEST(metric_paths_resolve_or_are_refused_up_front);
    RUN_TEST(grid_points_are_mixed_radix_last_fastest);
    RUN_TEST(grid_range_includes_both_ends_and_scale_marks_the_column);
    RUN_TEST(bad_studies_name_the_field);
    RUN_TEST(tornado_points_move_one_parameter_at_a_time);
    RUN_TEST(splitmix64_matches_the_reference_stream);
    RUN_TEST(monte_carlo_samples_follow_their_distributions);
    RUN_TEST(discrete_draws_are_exact_and_deterministic);
    RUN_TEST(bad_discrete_parameters_name_the_parameter);
    RUN_TEST(percentiles_interpolate_between_ranks);
    RUN_TEST(csv_fields_quote_and_split_back);
    RUN_TEST(resume_reads_back_complete_lines_only);
    RUN_TEST(merge_gives_the_single_run_file);
    RUN_TEST(summary_statistics_by_hand);
    RUN_TEST(tornado_ranking_orders_by_swing);
    RUN_TEST(charts_carry_their_data_ranges);
    TEST_EXIT();
}
