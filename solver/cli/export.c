/* export.c - arsenal export: the program as CPLEX LP / free MPS for another
 * solver, or the solved plan as CSV tables for spreadsheets. */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void usage(FILE *fp)
{
    fprintf(fp, "usage: arsenal export [MODEL.json] [--lp FILE] [--mps FILE]\n"
                "       arsenal export [MODEL.json] --format csv --output DIR\n"
                "\n"
                "Writes a model (default: the embedded baseline) for another solver or a\n"
                "spreadsheet. Every file is written atomically (no partial file on failure).\n"
                "  --lp FILE        the program in CPLEX LP format, with readable names\n"
                "                   ('[' ']' become '(' ')' there, as the format requires)\n"
                "  --mps FILE       the program in free MPS format, with readable names\n"
                "                   One file per stage, each as arsenal solves it (the model is\n"
                "                   solved to reach the later ones): FILE the first stage (S, or\n"
                "                   shortfall_weight S + cost_weight C in weighted mode),\n"
                "                   FILE with .cost / .smooth before its extension the cost and\n"
                "                   smooth stages, the earlier optima held (docs/export.md)\n"
                "  --format csv     solve, then write plan.csv, shortfalls.csv, payments.csv\n"
                "  --output DIR     and bottlenecks.csv into DIR (an existing folder)\n"
                "  --quiet          no warnings on stderr\n"
                "\n"
                "exit status: 0 written; 1 no plan to write (infeasible ...); 2 usage or model\n"
                "errors; 3 solver or I/O failure\n");
}

static int fail(const char *what, int rc, const ars_error *err)
{
    fprintf(stderr, "arsenal export: %s%s%s%s%s\n", what, err->field[0] ? ": " : "", err->field,
            ": ", err->message[0] ? err->message : ars_strerror(rc));
    return rc == ARS_EINVALID || rc == ARS_EUSAGE ? ARS_EXIT_USAGE : ARS_EXIT_FAIL;
}

int ars_cli_export(int argc, char **argv)
{
    const char *path = NULL, *lp = NULL, *mps = NULL, *format = NULL, *outdir = NULL;
    int quiet = 0, i, rc, exit_code = ARS_EXIT_OK;
    ars_model *m = NULL;
    ars_error err;

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return ARS_EXIT_OK;
        }
        if (strcmp(a, "--lp") == 0)
            slot = &lp;
        else if (strcmp(a, "--mps") == 0)
            slot = &mps;
        else if (strcmp(a, "--format") == 0)
            slot = &format;
        else if (strcmp(a, "--output") == 0)
            slot = &outdir;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal export: %s needs a value\n", a);
                return ARS_EXIT_USAGE;
            }
            *slot = argv[++i];
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "arsenal export: unknown option '%s'\n", a);
            usage(stderr);
            return ARS_EXIT_USAGE;
        } else if (path) {
            fprintf(stderr, "arsenal export: one model at a time ('%s' and '%s')\n", path, a);
            return ARS_EXIT_USAGE;
        } else {
            path = a;
        }
    }
    if (format && strcmp(format, "csv") != 0) {
        fprintf(stderr, "arsenal export: --format must be csv, not '%s'\n", format);
        return ARS_EXIT_USAGE;
    }
    if (!!format != !!outdir) {
        fprintf(stderr, "arsenal export: --format csv and --output DIR go together\n");
        return ARS_EXIT_USAGE;
    }
    if (!lp && !mps && !format) {
        fprintf(stderr, "arsenal export: nothing to write (--lp, --mps or --format csv)\n");
        usage(stderr);
        return ARS_EXIT_USAGE;
    }
    if (outdir) {
        struct stat st;
        if (stat(outdir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "arsenal export: --output '%s' is not a folder: %s\n", outdir,
                    stat(outdir, &st) != 0 ? strerror(errno) : "not a directory");
            return ARS_EXIT_USAGE;
        }
    }

    if ((rc = ars_cli_load_model("export", path, quiet, &m)) != ARS_EXIT_OK)
        return rc;
    ars_error_clear(&err);

    if (lp || mps) {
        rc = ars_model_export_stages(m, lp, mps, NULL, &err);
        if (rc != ARS_OK)
            exit_code = fail("writing the program", rc, &err);
    }
    if (exit_code == ARS_EXIT_OK && format) {
        ars_result *res = NULL;
        ars_solve_opts opts;
        ars_solve_opts_default(&opts);
        rc = ars_solve(m, &opts, &res, &err);
        if (rc != ARS_OK) {
            exit_code = fail("solving", rc, &err);
        } else {
            const char *st = ars_result_status(res);
            if (strcmp(st, "optimal") != 0 && strcmp(st, "feasible") != 0) {
                fprintf(stderr, "arsenal export: status %s: no plan to write\n", st);
                exit_code = ARS_EXIT_NOTE;
            } else if ((rc = ars_result_write_csv(res, outdir, &err)) != ARS_OK) {
                exit_code = fail("writing CSV", rc, &err);
            }
        }
        ars_result_free(res);
    }
    ars_model_free(m);
    return exit_code;
}
