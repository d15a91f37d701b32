/* verify_bench.c - what checking a plan against the model costs, against
 * the solve it checks, in the same invocation.
 *
 * usage: arsenal-verify-bench MODEL.json [--reps N] [--label TEXT]
 *
 * Solves the model N times (default 3) with verification on. Each result
 * carries the library's own timings: "solver.solve_ms" (load and solve,
 * both lexicographic stages, MIP duals) and "verification.ms" (the
 * recomputation of every constraint family and of S and C). Prints one
 * markdown table row with the medians:
 *   | label | rows x cols | non-zeros | checked | solve ms | verify ms | verify/solve | verified |
 * Also solves once with verification off and fails (exit 1) when S or C
 * differ from the verified solve's: checking must not change the answer.
 * Uses the public API only.
 */
#include "arsenal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double num_at(const cJSON *o, const char *a, const char *b)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);
    if (b)
        x = cJSON_GetObjectItemCaseSensitive(x, b);
    if (!cJSON_IsNumber(x)) {
        fprintf(stderr, "verify_bench: no number at %s%s%s\n", a, b ? "." : "", b ? b : "");
        exit(2);
    }
    return x->valuedouble;
}

static ars_result *solve(const ars_model *m, int verify)
{
    ars_solve_opts o;
    ars_result *r = NULL;
    ars_error err;
    ars_solve_opts_default(&o);
    o.verify = verify;
    if (ars_solve(m, &o, &r, &err) != ARS_OK || !r) {
        fprintf(stderr, "verify_bench: solve: %s\n", err.message);
        exit(2);
    }
    return r;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *label = NULL;
    int reps = 3, i, all_ok = 1;
    double *solve_ms, *verify_ms, checked = 0, rows = 0, cols = 0, nnz = 0, S = 0, C = 0;
    ars_model *m = NULL;
    ars_diag d;
    ars_error err;
    ars_result *r;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else {
            fprintf(stderr, "usage: arsenal-verify-bench MODEL.json [--reps N] [--label TEXT]\n");
            return 2;
        }
    }
    if (!path || reps < 1) {
        fprintf(stderr, "usage: arsenal-verify-bench MODEL.json [--reps N] [--label TEXT]\n");
        return 2;
    }
    ars_diag_init(&d);
    if (ars_model_load_file(path, NULL, &m, &d, &err) != ARS_OK) {
        ars_diag_print(&d, path, stderr);
        fprintf(stderr, "verify_bench: %s\n", err.message);
        return 2;
    }
    ars_diag_free(&d);
    solve_ms = calloc((size_t)reps, sizeof *solve_ms);
    verify_ms = calloc((size_t)reps, sizeof *verify_ms);
    if (!solve_ms || !verify_ms)
        return 3;
    for (i = 0; i < reps; i++) {
        cJSON *j;
        r = solve(m, 1);
        j = ars_result_to_json(r);
        if (!j) {
            fprintf(stderr, "verify_bench: no JSON\n");
            return 3;
        }
        solve_ms[i] = num_at(j, "solver", "solve_ms");
        verify_ms[i] = num_at(j, "verification", "ms");
        checked = num_at(j, "verification", "checked");
        rows = num_at(j, "solver", "rows");
        cols = num_at(j, "solver", "cols");
        nnz = num_at(j, "solver", "nonzeros");
        all_ok &= ars_result_verified(r) == 1;
        S = ars_result_shortfall(r);
        C = ars_result_cost(r);
        cJSON_Delete(j);
        ars_result_free(r);
    }
    r = solve(m, 0);
    if (ars_result_verified(r) != -1 ||
        fabs(ars_result_shortfall(r) - S) > 1e-9 * fmax(1, fabs(S)) ||
        fabs(ars_result_cost(r) - C) > 1e-9 * fmax(1, fabs(C))) {
        fprintf(stderr,
                "verify_bench: the unverified solve differs (S %.17g vs %.17g, C %.17g vs %.17g)\n",
                ars_result_shortfall(r), S, ars_result_cost(r), C);
        return 1;
    }
    ars_result_free(r);
    {
        double sm = median(solve_ms, reps), vm = median(verify_ms, reps);
        printf("| %s | %.0f x %.0f | %.0f | %.0f | %.1f | %.2f | %.2f%% | %s |\n",
               label ? label : path, rows, cols, nnz, checked, sm, vm,
               sm > 0 ? 100.0 * vm / sm : 0.0, all_ok ? "yes" : "NO");
    }
    free(solve_ms);
    free(verify_ms);
    ars_model_free(m);
    return all_ok ? 0 : 1;
}
