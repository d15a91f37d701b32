/* solve.c - arsenal solve: loads a model (default: the embedded baseline),
 * solves it and prints the plan as a table or as JSON. */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: arsenal solve [MODEL.json] [--format table|json] [--output FILE]\n"
            "                     [--time-limit SECONDS] [--scenario NAME] [--set PATH=VALUE ...]\n"
            "                     [--explain] [--for REQUIREMENT] [--licence-value] [--no-verify]\n"
            "                     [--charts DIR] [--quiet]\n"
            "\n"
            "Solves a model (default: the embedded baseline) and prints the plan.\n"
            "  --format table|json  table: a one-screen summary, then the plan by product and\n"
            "                       period; json: the complete result (docs/result-json.md).\n"
            "                       Default: table when writing to a terminal, json otherwise.\n"
            "  --output FILE        write there instead of stdout, atomically (a failed run\n"
            "                       leaves no partial file); checked before solving\n"
            "  --time-limit S       stop after S seconds (overrides objective.time_limit)\n"
            "  --scenario NAME      solve the model with that scenario's \"set\" applied (arsenal\n"
            "                       whatif --list-scenarios lists them); --set applies after it\n"
            "  --set PATH=VALUE     change a parameter first (docs/model-format.md section 10),\n"
            "                       e.g. --set funds.usai.amount@2026Q1..=0; repeatable,\n"
            "                       also PATH*=FACTOR and PATH+=DELTA\n"
            "  --explain            shadow prices with their ranges, ranked bottlenecks and\n"
            "                       cost ranges: the top 5 in the table; \"shadow_prices\",\n"
            "                       \"bottlenecks\" and \"cost_ranges\" in JSON\n"
            "  --for REQUIREMENT    (implies --explain) what binds that requirement and what\n"
            "                       one more unit of each resource removes of its shortfall,\n"
            "                       in its own units (shells, interceptors), by resource kind\n"
            "                       and per unit of money; \"requirement_explanation\" in JSON\n"
            "  --licence-value      (also --license-value) what each pending or denied\n"
            "                       licence is worth: the plan\n"
            "                       re-solved (warm) with it approved at the start of the\n"
            "                       horizon and one period before its planned approval\n"
            "  --no-verify          skip checking the plan against the model (every\n"
            "                       constraint and the objective recomputed from the data)\n"
            "  --charts DIR         also write the plan's charts there as SVG (output.svg,\n"
            "                       fill_rate.svg, funds.svg), each atomically; the web\n"
            "                       page of arsenal serve draws the same\n"
            "  --quiet              no warnings or notes on stderr\n"
            "  --solver glpk|clp    GLPK (default; ARSENAL_SOLVER sets it) or COIN-OR: CLP for\n"
            "                       LPs, CBC for MIPs (every command takes it)\n"
            "\n"
            "Ctrl-C (SIGINT) during branch-and-cut stops the search and writes the best plan\n"
            "found so far (status feasible, with its relative gap, verified); a second\n"
            "Ctrl-C quits at once (exit 130).\n"
            "\n"
            "exit status: 0 optimal or feasible plan; 1 infeasible, unbounded or out of time\n"
            "without a plan, or interrupted before one was found; 2 usage or model errors;\n"
            "3 solver or I/O failure; 4 the plan was written but does not satisfy the model\n"
            "when recomputed (see \"verification\"); 130 a second Ctrl-C\n");
}

/* The first SIGINT asks branch-and-cut to stop and report its incumbent;
 * the second ends the process: a user who presses Ctrl-C twice means it. */
static volatile int stop_search;
static volatile sig_atomic_t sigints;

static void on_sigint(int sig)
{
    static const char msg[] = "\narsenal solve: interrupted: stopping the search to report the "
                              "best plan found so far (Ctrl-C again to quit)\n";
    (void)sig;
    if (sigints++ > 0)
        _exit(130);
    stop_search = 1;
    if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
        /* nothing to do: the flag is what matters */
    }
}

/* Refuses an output that cannot be written or that is the input, before
 * any time is spent solving. */
static int check_output(const char *out, const char *in)
{
    struct stat so, si;
    char *copy, *dir;
    int ok;
    if (strcmp(out, "-") == 0)
        return ARS_EXIT_OK;
    if (stat(out, &so) == 0) {
        if (S_ISDIR(so.st_mode)) {
            fprintf(stderr, "arsenal solve: --output '%s' is a directory\n", out);
            return ARS_EXIT_USAGE;
        }
        if (in && stat(in, &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino) {
            fprintf(stderr,
                    "arsenal solve: --output '%s' is the input model; refusing to "
                    "overwrite it\n",
                    out);
            return ARS_EXIT_USAGE;
        }
    }
    copy = strdup(out);
    if (!copy) {
        fprintf(stderr, "arsenal solve: out of memory\n");
        return ARS_EXIT_FAIL;
    }
    dir = dirname(copy);
    ok = access(dir, W_OK | X_OK) == 0;
    if (!ok)
        fprintf(stderr, "arsenal solve: --output '%s': cannot write in folder '%s': %s\n", out, dir,
                strerror(errno));
    free(copy);
    return ok ? ARS_EXIT_OK : ARS_EXIT_FAIL;
}

static int ars_result_has_plan(const ars_result *r)
{
    const char *st = ars_result_status(r);
    return strcmp(st, "optimal") == 0 || strcmp(st, "feasible") == 0;
}

typedef struct table_args {
    const ars_result *res;
    const char *for_req; /* --for, or NULL */
} table_args;

static void print_table(FILE *fp, const void *arg)
{
    const table_args *ta = arg;
    ars_error err;
    ars_error_clear(&err);
    /* The answer asked for first, on the first screen. */
    if (ta->for_req && ars_result_has_plan(ta->res) &&
        ars_result_explain_requirement(ta->res, ta->for_req, NULL, fp, &err) == ARS_OK)
        fputc('\n', fp);
    ars_result_print_table(ta->res, fp);
}

static int parse_seconds(const char *s, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (errno || end == s || *end != '\0' || !isfinite(v) || v <= 0)
        return -1;
    *out = v;
    return 0;
}

/* Refuses an unknown --for before any time is spent solving. */
static int has_requirement(const ars_model *m, const char *id)
{
    const cJSON *e;
    char ids[512];
    size_t n = 0;
    ids[0] = '\0';
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ars_model_json(m), "requirements"))
    {
        const cJSON *rid = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (!cJSON_IsString(rid))
            continue;
        if (strcmp(rid->valuestring, id) == 0)
            return 1;
        if (n < sizeof ids)
            n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%s", n ? ", " : "", rid->valuestring);
    }
    fprintf(stderr, "arsenal solve: --for: no requirement \"%s\" in the model; it has %s\n", id,
            ids);
    return 0;
}

/* The plan's charts into dir (made if missing), each file atomically. */
static int write_charts(const ars_result *res, const char *dir)
{
    cJSON *j = ars_result_to_json(res);
    ars_error err;
    size_t i;
    int rc = ARS_OK;
    if (!j) {
        fprintf(stderr, "arsenal solve: out of memory drawing the charts\n");
        return ARS_EXIT_FAIL;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "arsenal solve: --charts '%s': %s\n", dir, strerror(errno));
        cJSON_Delete(j);
        return ARS_EXIT_FAIL;
    }
    for (i = 0; rc == ARS_OK && ars_plan_chart_names[i]; i++) {
        char path[4096], *svg = NULL;
        size_t len = 0;
        ars_error_clear(&err);
        snprintf(path, sizeof path, "%s/%s.svg", dir, ars_plan_chart_names[i]);
        rc = ars_plan_chart_svg(j, ars_plan_chart_names[i], &svg, &len, &err);
        if (rc == ARS_OK)
            rc = ars_write_file_atomic(path, svg, len, &err);
        free(svg);
        if (rc != ARS_OK)
            fprintf(stderr, "arsenal solve: --charts %s: %s\n", path, err.message);
    }
    cJSON_Delete(j);
    return rc == ARS_OK ? ARS_EXIT_OK : ARS_EXIT_FAIL;
}

int ars_cli_solve(int argc, char **argv)
{
    const char *path = NULL, *format = NULL, *output = NULL, *for_req = NULL, *charts = NULL;
    double time_limit = 0;
    int quiet = 0, explain = 0, licence_value = 0, verify = 1, i, rc, exit_code;
    ars_model *m = NULL;
    ars_result *res = NULL;
    ars_diag d;
    ars_error err;
    ars_solve_opts opts;
    char *text = NULL;
    size_t len = 0;
    /* At most one --set per argument: no allocation, so no early return
     * below can leak it. */
    const char *sets[argc > 0 ? argc : 1];
    const char *scenario = NULL;
    size_t nsets = 0;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return ARS_EXIT_OK;
        } else if (strcmp(a, "--charts") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal solve: --charts needs a folder\n");
                return ARS_EXIT_USAGE;
            }
            charts = argv[++i];
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "--output") == 0 ||
                   strcmp(a, "--time-limit") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal solve: %s needs a value\n", a);
                return ARS_EXIT_USAGE;
            }
            if (a[2] == 'f')
                format = argv[++i];
            else if (a[2] == 'o')
                output = argv[++i];
            else if (parse_seconds(argv[++i], &time_limit)) {
                fprintf(stderr, "arsenal solve: --time-limit expects seconds > 0, not '%s'\n",
                        argv[i]);
                return ARS_EXIT_USAGE;
            }
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else if (strncmp(a, "--output=", 9) == 0) {
            output = a + 9;
        } else if (strncmp(a, "--time-limit=", 13) == 0) {
            if (parse_seconds(a + 13, &time_limit)) {
                fprintf(stderr, "arsenal solve: --time-limit expects seconds > 0, not '%s'\n",
                        a + 13);
                return ARS_EXIT_USAGE;
            }
        } else if (strcmp(a, "--scenario") == 0 || strncmp(a, "--scenario=", 11) == 0) {
            if (a[10] == '\0' && i + 1 >= argc) {
                fprintf(stderr, "arsenal solve: --scenario needs a scenario name\n");
                return ARS_EXIT_USAGE;
            }
            if (scenario) {
                fprintf(stderr, "arsenal solve: one --scenario at a time (arsenal whatif compares "
                                "several)\n");
                return ARS_EXIT_USAGE;
            }
            scenario = a[10] == '=' ? a + 11 : argv[++i];
        } else if (strcmp(a, "--set") == 0 || strncmp(a, "--set=", 6) == 0) {
            if (a[5] == '\0' && i + 1 >= argc) {
                fprintf(stderr, "arsenal solve: --set needs PATH=VALUE\n");
                return ARS_EXIT_USAGE;
            }
            sets[nsets++] = a[5] == '=' ? a + 6 : argv[++i];
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--explain") == 0) {
            explain = 1;
        } else if (strcmp(a, "--for") == 0 || strncmp(a, "--for=", 6) == 0) {
            if (a[5] == '\0' && i + 1 >= argc) {
                fprintf(stderr, "arsenal solve: --for needs a requirement id\n");
                return ARS_EXIT_USAGE;
            }
            for_req = a[5] == '=' ? a + 6 : argv[++i];
            explain = 1;
        } else if (strcmp(a, "--licence-value") == 0 || strcmp(a, "--license-value") == 0) {
            licence_value = 1;
        } else if (strcmp(a, "--no-verify") == 0) {
            verify = 0;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "arsenal solve: unknown option '%s'\n", a);
            usage(stderr);
            return ARS_EXIT_USAGE;
        } else if (path) {
            fprintf(stderr, "arsenal solve: one model at a time ('%s' and '%s')\n", path, a);
            return ARS_EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (!format)
        format = !output && isatty(STDOUT_FILENO) ? "table" : "json";
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "arsenal solve: --format must be table or json, not '%s'\n", format);
        return ARS_EXIT_USAGE;
    }
    if (output && (rc = check_output(output, path)) != ARS_EXIT_OK)
        return rc;

    if ((rc = ars_cli_load_model("solve", path, quiet, &m)) != ARS_EXIT_OK)
        return rc;
    ars_error_clear(&err);
    if (scenario) {
        ars_model *changed = NULL;
        ars_diag_init(&d);
        rc = ars_model_apply_scenario(m, scenario, &changed, &d, &err);
        if (rc != ARS_OK) {
            ars_diag_print(&d, scenario, stderr);
            fprintf(stderr, "arsenal solve: --scenario: %s\n", err.message);
            ars_diag_free(&d);
            ars_model_free(m);
            return rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
        }
        ars_diag_free(&d);
        ars_model_free(m);
        m = changed;
    }
    if (nsets > 0) {
        ars_model *changed = NULL;
        ars_diag_init(&d);
        rc = ars_model_apply(m, sets, nsets, &changed, &d, &err);
        if (rc != ARS_OK) {
            ars_diag_print(&d, "--set", stderr);
            if (d.nerrors == 0)
                fprintf(stderr, "arsenal solve: --set %s%s%s\n", err.field,
                        err.field[0] ? ": " : "", err.message);
            ars_diag_free(&d);
            ars_model_free(m);
            return rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
        }
        ars_diag_free(&d);
        ars_model_free(m);
        m = changed;
    }

    if (for_req && !has_requirement(m, for_req)) {
        ars_model_free(m);
        return ARS_EXIT_USAGE;
    }
    ars_solve_opts_default(&opts);
    opts.time_limit = time_limit;
    opts.explain = explain;
    opts.licence_value = licence_value;
    opts.verify = verify;
    opts.stop = &stop_search;
    {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        rc = ars_solve(m, &opts, &res, &err);
        /* No search left to stop: a Ctrl-C from now on quits (130). The
         * handler stays, so that a second Ctrl-C that comes while the
         * result is written still quits rather than being ignored. */
        sigints = 1;
    }
    if (rc == ARS_ECANCELLED && stop_search) {
        fprintf(stderr, "arsenal solve: interrupted before branch-and-cut found a plan\n");
        ars_result_free(res);
        ars_model_free(m);
        return ARS_EXIT_NOTE;
    }
    if (rc != ARS_OK && !res) {
        fprintf(stderr, "arsenal solve: %s%s%s\n", err.field[0] ? err.field : "",
                err.field[0] ? ": " : "", err.message);
        ars_model_free(m);
        return rc == ARS_EINVALID ? ARS_EXIT_USAGE : ARS_EXIT_FAIL;
    }
    if (rc != ARS_OK && !quiet)
        fprintf(stderr, "arsenal solve: %s\n", err.message);

    if (strcmp(format, "json") == 0) {
        cJSON *j = ars_result_to_json(res), *fr = NULL;
        if (j && for_req && ars_result_has_plan(res)) {
            if (ars_result_explain_requirement(res, for_req, &fr, NULL, &err) != ARS_OK ||
                !cJSON_AddItemToObject(j, "requirement_explanation", fr)) {
                cJSON_Delete(fr);
                cJSON_Delete(j);
                j = NULL;
            }
        }
        text = ars_cli_json_text(j, &len);
        cJSON_Delete(j);
    } else {
        table_args ta = {res, for_req};
        text = ars_cli_table_text(print_table, &ta, &len);
    }
    if (!text) {
        fprintf(stderr, "arsenal solve: out of memory formatting the result\n");
        ars_result_free(res);
        ars_model_free(m);
        return ARS_EXIT_FAIL;
    }
    exit_code = ars_cli_write("solve", output, text, len);
    if (exit_code == ARS_EXIT_OK) {
        const char *st = ars_result_status(res);
        if (strcmp(st, "optimal") == 0 || strcmp(st, "feasible") == 0)
            exit_code = ARS_EXIT_OK;
        else if (strcmp(st, "error") == 0)
            exit_code = ARS_EXIT_FAIL;
        else
            exit_code = ARS_EXIT_NOTE;
        if (exit_code == ARS_EXIT_OK && ars_result_verified(res) == 0) {
            /* Loud even with --quiet: the numbers must not be trusted. */
            fprintf(stderr, "arsenal solve: WARNING: the plan does not satisfy the model when "
                            "recomputed; see \"verification\" in the result\n");
            exit_code = ARS_EXIT_UNVERIFIED;
        }
        if (!quiet && exit_code != ARS_EXIT_OK && exit_code != ARS_EXIT_UNVERIFIED && output)
            fprintf(stderr, "arsenal solve: status %s\n", st);
        /* Charts need a plan; without one the status already says why. */
        if (charts && (exit_code == ARS_EXIT_OK || exit_code == ARS_EXIT_UNVERIFIED) &&
            write_charts(res, charts) != ARS_EXIT_OK)
            exit_code = ARS_EXIT_FAIL;
    }
    free(text);
    ars_result_free(res);
    ars_model_free(m);
    return exit_code;
}
