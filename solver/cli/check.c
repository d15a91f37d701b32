/* check.c - arsenal check: validates a model and prints its errors and
 * warnings, one per line, or as JSON. */
#include "arsenal.h"
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: arsenal check [--format text|json] [--verbose] [MODEL.json | -]\n"
            "\n"
            "Validates a model (default: the embedded baseline) against the model format and\n"
            "prints every error and warning as\n"
            "  FILE:LINE:COL: error: /json/pointer: message\n"
            "or, with --format json, {\"errors\": [...], \"warnings\": [...]}. A clean model\n"
            "prints nothing (--verbose: \"MODEL: ok\" on stdout). \"-\" reads the model from\n"
            "standard input.\n"
            "\n"
            "exit status: 0 clean, 1 warnings only, 2 errors (or bad usage), 3 out of memory\n");
}

int ars_cli_check(int argc, char **argv)
{
    const char *path = NULL, *format = "text";
    ars_model *m = NULL;
    ars_diag d;
    ars_error err;
    int i, rc, status, verbose = 0;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return ARS_EXIT_OK;
        } else if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal check: --format needs a value (text or json)\n");
                return ARS_EXIT_USAGE;
            }
            format = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            format = argv[i] + 9;
        } else if (strcmp(argv[i], "--verbose") == 0 || strcmp(argv[i], "-v") == 0) {
            verbose = 1;
        } else if (strcmp(argv[i], "--") == 0 && i + 1 < argc && !path && i + 2 == argc) {
            path = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "arsenal check: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return ARS_EXIT_USAGE;
        } else if (path) {
            fprintf(stderr, "arsenal check: one model at a time ('%s' and '%s')\n", path, argv[i]);
            return ARS_EXIT_USAGE;
        } else {
            path = argv[i];
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "arsenal check: --format must be text or json, not '%s'\n", format);
        return ARS_EXIT_USAGE;
    }
    ars_diag_init(&d);
    ars_error_clear(&err);
    if (path) {
        rc = ars_cli_read_model(path, &m, &d, &err);
    } else {
        size_t len;
        const char *text = ars_default_model_text(&len);
        rc = ars_model_load_text(text, len, NULL, &m, &d);
        if (rc != ARS_OK)
            ars_error_set(&err, rc, "", "%s", ars_strerror(rc));
    }
    /* A file that could not be read has no diagnostics: report why. */
    if (rc != ARS_OK && d.nerrors == 0)
        (void)ars_diag_add(&d, ARS_SEV_ERROR, "", 0, 0, "%s",
                           err.message[0] ? err.message : ars_strerror(rc));
    if (strcmp(format, "json") == 0) {
        cJSON *j = ars_diag_to_json(&d);
        char *s = j ? cJSON_Print(j) : NULL;
        if (!s) {
            fprintf(stderr, "arsenal check: out of memory\n");
            cJSON_Delete(j);
            ars_model_free(m);
            ars_diag_free(&d);
            return ARS_EXIT_FAIL;
        }
        printf("%s\n", s);
        cJSON_free(s);
        cJSON_Delete(j);
    } else {
        const char *name = path ? ars_cli_input_name(path) : "(default model)";
        ars_diag_print(&d, name, stdout);
        if (d.nerrors == 0 && d.nwarnings == 0) {
            /* Silence is success, as for other Unix checkers. */
            if (verbose)
                printf("%s: ok\n", name);
        } else
            fprintf(stderr, "%s: %zu error(s), %zu warning(s)\n", name, d.nerrors, d.nwarnings);
    }
    if (rc == ARS_ENOMEM)
        status = ARS_EXIT_FAIL;
    else if (rc != ARS_OK || d.nerrors > 0)
        status = ARS_EXIT_USAGE;
    else
        status = d.nwarnings > 0 ? ARS_EXIT_NOTE : ARS_EXIT_OK;
    ars_model_free(m);
    ars_diag_free(&d);
    return status;
}
