/* licence_value_bench.c - licence values by warm re-solves against the same
 * cases built and solved from scratch.
 *
 * usage: arsenal-licence-value-bench MODEL.json [--label TEXT]
 *
 * Solves the model with licence_value on; every case of the result's
 * "licence_value" (a licence approved from some period, re-solved warm from
 * the plan's basis, timed by the library) is then solved cold: the variant
 * model with `licenses.ID.status=granted` and `licenses.ID.effective=PERIOD`,
 * built and solved by ars_solve. Prints one markdown table row:
 *   | label | rows x cols | cases | cold s | warm s | speed-up | S rel diff | C rel diff |
 * the largest relative differences of S and of C between a warm case and
 * its cold twin: a second formulation of the same question. Exits 1 when S
 * differs by more than 1e-6. C is reported, not held to that: the cost
 * stage may trade S up to the lexicographic tolerance for cost, and where
 * cost is steep in S two optimal answers differ in C well beyond 1e-6.
 * Uses the public API only; wall-clock sums over the cases.
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

static double reldiff(double a, double b)
{
    double s = fmax(1, fmax(fabs(a), fabs(b)));
    return fabs(a - b) / s;
}

static ars_result *solve(const ars_model *m, int lv)
{
    ars_solve_opts o;
    ars_result *r = NULL;
    ars_error err;
    ars_solve_opts_default(&o);
    o.licence_value = lv;
    if (ars_solve(m, &o, &r, &err) != ARS_OK || !r) {
        fprintf(stderr, "licence_value_bench: solve: %s\n", err.message);
        exit(2);
    }
    return r;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *label = NULL;
    ars_model *m = NULL;
    ars_diag d;
    ars_error err;
    ars_result *r;
    cJSON *j, *lics, *lic;
    double warm = 0, cold = 0, maxdiff = 0, maxdiff_c = 0;
    int i, cases = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else
            path = argv[i];
    }
    if (!path) {
        fprintf(stderr, "usage: arsenal-licence-value-bench MODEL.json [--label TEXT]\n");
        return 2;
    }
    ars_diag_init(&d);
    if (ars_model_load_file(path, NULL, &m, &d, &err) != ARS_OK) {
        ars_diag_print(&d, path, stderr);
        return 2;
    }
    ars_diag_free(&d);
    r = solve(m, 1);
    j = ars_result_to_json(r);
    lics = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "licence_value"), "licences");
    cJSON_ArrayForEach(lic, lics)
    {
        const char *id = cJSON_GetObjectItem(lic, "licence")->valuestring;
        const char *which[2] = {"at_start", "one_period_earlier"};
        int k;
        for (k = 0; k < 2; k++) {
            cJSON *c = cJSON_GetObjectItem(lic, which[k]);
            char s1[256], s2[256];
            const char *sets[2] = {s1, s2};
            ars_model *vm = NULL;
            ars_result *vr;
            double t0;
            if (!cJSON_IsObject(c) || cJSON_IsTrue(cJSON_GetObjectItem(c, "same_as_plan")))
                continue;
            snprintf(s1, sizeof s1, "licenses.%s.status=granted", id);
            snprintf(s2, sizeof s2, "licenses.%s.effective=%s", id,
                     cJSON_GetObjectItem(c, "approved_from")->valuestring);
            t0 = now_s();
            ars_diag_init(&d);
            if (ars_model_apply(m, sets, 2, &vm, &d, &err) != ARS_OK) {
                fprintf(stderr, "licence_value_bench: %s: %s\n", err.field, err.message);
                return 2;
            }
            ars_diag_free(&d);
            vr = solve(vm, 0);
            cold += now_s() - t0;
            warm += cJSON_GetObjectItem(c, "ms")->valuedouble / 1000.0;
            maxdiff = fmax(maxdiff, reldiff(cJSON_GetObjectItem(c, "shortfall")->valuedouble,
                                            ars_result_shortfall(vr)));
            maxdiff_c = fmax(maxdiff_c, reldiff(cJSON_GetObjectItem(c, "cost")->valuedouble,
                                                ars_result_cost(vr)));
            cases++;
            ars_result_free(vr);
            ars_model_free(vm);
        }
    }
    printf("| %s | %d x %d | %d | %.3f | %.3f | %.1fx | %.1e | %.1e |\n", label ? label : path,
           cJSON_GetObjectItem(cJSON_GetObjectItem(j, "solver"), "rows")->valueint,
           cJSON_GetObjectItem(cJSON_GetObjectItem(j, "solver"), "cols")->valueint, cases, cold,
           warm, warm > 0 ? cold / warm : 0, maxdiff, maxdiff_c);
    cJSON_Delete(j);
    ars_result_free(r);
    ars_model_free(m);
    return maxdiff > 1e-6 ? 1 : 0;
}
