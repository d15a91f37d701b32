/* whatif_bench.c - warm re-solve in a session against a cold build and solve.
 *
 * usage: arsenal-whatif-bench MODEL.json [--reps N] [--label TEXT] [--only KIND]
 *        KIND: fund, demand or all (default: every kind)
 *
 * Loads the model, solves it in a session (the base), then re-solves
 * variants that change only right-hand sides and bounds (fund amounts and
 * demand, as a what-if does) two ways: warm, in the session, from the
 * previous basis; and cold, ars_solve (build + solve from scratch). Each
 * variant is timed both ways, alternating between two variants so every warm
 * solve has something to change. Prints one markdown table row:
 *   | label | mode | rows x cols | kind | cold median s | warm median s | speed-up |
 *   S rel diff | C rel diff | warm |
 * The relative differences of S and of C between warm and cold of the same
 * variant check that warm answers are the cold ones (C separately: where C
 * is steep in S, cost_per_shortfall, a difference of S at round-off level
 * moves it). Uses the public API
 * only. Timings are wall-clock medians; run on an otherwise idle machine.
 */
#include "arsenal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static double reldiff(double a, double b)
{
    double s = fmax(fabs(a), fabs(b));
    return s > 0 ? fabs(a - b) / s : 0;
}

static ars_model *variant(const ars_model *base, const char *const *sets, size_t n)
{
    ars_model *v = NULL;
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    if (ars_model_apply(base, sets, n, &v, &d, &err) != ARS_OK) {
        fprintf(stderr, "whatif_bench: %s: %s\n", err.field, err.message);
        exit(2);
    }
    ars_diag_free(&d);
    return v;
}

/* First id of a section of the model, for variants that touch one item. */
static const char *first_id(const ars_model *m, const char *section)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(ars_model_json(m), section);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(a, 0), "id");
    return cJSON_IsString(id) ? id->valuestring : NULL;
}

/* Times `reps` solves alternating between variants a and b (so each warm
 * solve has something to change) and prints one row. */
static int bench_kind(const ars_model *base, const char *label, const char *kind,
                      const char *const *sa, const char *const *sb, size_t n, int reps)
{
    ars_model *v[2];
    ars_solve_opts o;
    ars_session *s = NULL;
    ars_result *r = NULL;
    ars_error err;
    double *cold = calloc((size_t)reps, sizeof *cold), *warm = calloc((size_t)reps, sizeof *warm);
    double maxdiff_S = 0, maxdiff_C = 0;
    int i, nwarm = 0, rows = 0, cols = 0;
    if (!cold || !warm)
        return 3;
    v[0] = variant(base, sa, n);
    v[1] = variant(base, sb, n);
    ars_solve_opts_default(&o);
    if (ars_session_create(base, &o, &s, &err) != ARS_OK ||
        ars_session_solve(s, base, &r, NULL, &err) != ARS_OK) {
        fprintf(stderr, "whatif_bench: base: %s\n", err.message);
        return 3;
    }
    {
        cJSON *j = ars_result_to_json(r);
        const cJSON *sv = cJSON_GetObjectItemCaseSensitive(j, "solver");
        const cJSON *nr = cJSON_GetObjectItemCaseSensitive(sv, "rows");
        const cJSON *nc = cJSON_GetObjectItemCaseSensitive(sv, "cols");
        rows = cJSON_IsNumber(nr) ? (int)nr->valuedouble : 0;
        cols = cJSON_IsNumber(nc) ? (int)nc->valuedouble : 0;
        cJSON_Delete(j);
    }
    ars_result_free(r);
    for (i = 0; i < reps; i++) {
        ars_model *m = v[i % 2];
        ars_result *rw = NULL, *rc = NULL;
        int was_warm = 0;
        double t0 = now_s();
        if (ars_session_solve(s, m, &rw, &was_warm, &err) != ARS_OK) {
            fprintf(stderr, "whatif_bench: warm: %s\n", err.message);
            return 3;
        }
        warm[i] = now_s() - t0;
        nwarm += was_warm;
        t0 = now_s();
        if (ars_solve(m, &o, &rc, &err) != ARS_OK) {
            fprintf(stderr, "whatif_bench: cold: %s\n", err.message);
            return 3;
        }
        cold[i] = now_s() - t0;
        maxdiff_S = fmax(maxdiff_S, reldiff(ars_result_shortfall(rw), ars_result_shortfall(rc)));
        maxdiff_C = fmax(maxdiff_C, reldiff(ars_result_cost(rw), ars_result_cost(rc)));
        ars_result_free(rw);
        ars_result_free(rc);
    }
    {
        double c = median(cold, reps), w = median(warm, reps);
        const cJSON *ob = cJSON_GetObjectItemCaseSensitive(ars_model_json(base), "objective");
        const cJSON *md = cJSON_GetObjectItemCaseSensitive(ob, "mode");
        const char *mode = cJSON_IsString(md) ? md->valuestring : "lexicographic";
        printf("| %s | %s | %d x %d | %s | %.4f | %.4f | %.1fx | %.1e | %.1e | %d/%d |\n", label,
               mode, rows, cols, kind, c, w, w > 0 ? c / w : 0, maxdiff_S, maxdiff_C, nwarm, reps);
        fflush(stdout);
    }
    free(cold);
    free(warm);
    ars_session_free(s);
    ars_model_free(v[0]);
    ars_model_free(v[1]);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *label = NULL, *fund, *req, *only = NULL;
    int reps = 3, i, rc = 0;
    ars_model *base = NULL;
    ars_diag d;
    ars_error err;
    char a1[200], b1[200], a2[200], b2[200];
    /* Right-hand-side changes only: the structure stays, so the session
     * patches the program and starts from its basis. From one number of one
     * fund (a typical what-if) to every fund and every demand at once. */
    static const char *const all_a[] = {"funds.*.amount*=0.9", "requirements.*.demand*=1.05"};
    static const char *const all_b[] = {"funds.*.amount*=1.1", "requirements.*.demand*=0.95"};

    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--label") && i + 1 < argc)
            label = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            only = argv[++i];
        else
            path = argv[i];
    }
    if (!path || reps < 1 || reps > 1000 ||
        (only && strcmp(only, "fund") && strcmp(only, "demand") && strcmp(only, "all"))) {
        fprintf(stderr, "usage: arsenal-whatif-bench MODEL.json [--reps N] [--label TEXT] "
                        "[--only fund|demand|all]\n");
        return 2;
    }
    ars_diag_init(&d);
    if (ars_model_load_file(path, NULL, &base, &d, &err) != ARS_OK) {
        ars_diag_print(&d, path, stderr);
        fprintf(stderr, "whatif_bench: %s\n", err.message);
        return 2;
    }
    ars_diag_free(&d);
    if (!label)
        label = path;
    fund = first_id(base, "funds");
    req = first_id(base, "requirements");
    if (fund && (!only || !strcmp(only, "fund"))) {
        const char *sa[1] = {a1}, *sb[1] = {b1};
        snprintf(a1, sizeof a1, "funds.%s.amount*=0.9", fund);
        snprintf(b1, sizeof b1, "funds.%s.amount*=0.8", fund);
        rc |= bench_kind(base, label, "one fund amount", sa, sb, 1, reps);
    }
    if (req && (!only || !strcmp(only, "demand"))) {
        const char *sa[1] = {a2}, *sb[1] = {b2};
        snprintf(a2, sizeof a2, "requirements.%s.demand*=1.1", req);
        snprintf(b2, sizeof b2, "requirements.%s.demand*=1.2", req);
        rc |= bench_kind(base, label, "one demand", sa, sb, 1, reps);
    }
    if (!only || !strcmp(only, "all"))
        rc |= bench_kind(base, label, "all funds and demands", all_a, all_b, 2, reps);
    ars_model_free(base);
    return rc;
}
