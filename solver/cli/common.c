/* common.c - what every subcommand does the same way: load the model it was
 * given (a file, "-" for standard input, or the embedded one; input.c) and
 * say what is wrong with it, turn a result
 * into JSON or table text, and write that text atomically. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ars_cli_load_model(const char *cmd, const char *path, int quiet, ars_model **m)
{
    const char *name = path ? ars_cli_input_name(path) : "(embedded model)";
    ars_diag d;
    ars_error err;
    int rc;
    *m = NULL;
    ars_diag_init(&d);
    ars_error_clear(&err);
    if (path) {
        rc = ars_cli_read_model(path, m, &d, &err);
    } else {
        size_t n;
        const char *def = ars_default_model_text(&n);
        rc = ars_model_load_text(def, n, NULL, m, &d);
    }
    if (rc != ARS_OK) {
        ars_diag_print(&d, name, stderr);
        /* A file that could not be read has no diagnostics: say why. */
        if (d.nerrors == 0)
            fprintf(stderr, "arsenal %s: %s%s%s\n", cmd, err.field, err.field[0] ? ": " : "",
                    err.message[0] ? err.message : ars_strerror(rc));
        ars_diag_free(&d);
        return rc == ARS_ENOMEM || rc == ARS_EIO ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
    }
    if (!quiet && d.nwarnings > 0)
        ars_diag_print(&d, name, stderr);
    ars_diag_free(&d);
    return ARS_EXIT_OK;
}

char *ars_cli_json_text(const cJSON *j, size_t *len)
{
    char *s = j ? cJSON_Print(j) : NULL, *text = NULL;
    *len = 0;
    if (!s)
        return NULL;
    *len = strlen(s);
    text = malloc(*len + 2);
    if (text) {
        memcpy(text, s, *len);
        text[(*len)++] = '\n';
        text[*len] = '\0';
    } else {
        *len = 0;
    }
    cJSON_free(s);
    return text;
}

char *ars_cli_table_text(ars_cli_printer print, const void *arg, size_t *len)
{
    char *text = NULL;
    FILE *mem = open_memstream(&text, len);
    if (!mem)
        return NULL;
    print(mem, arg);
    if (fclose(mem) != 0) {
        free(text);
        *len = 0;
        return NULL;
    }
    return text;
}

int ars_cli_write(const char *cmd, const char *output, const char *text, size_t len)
{
    ars_error err;
    ars_error_clear(&err);
    if (ars_write_file_atomic(output ? output : "-", text, len, &err) != ARS_OK) {
        fprintf(stderr, "arsenal %s: %s: %s\n", cmd, err.field[0] ? err.field : "output",
                err.message);
        return ARS_EXIT_FAIL;
    }
    return ARS_EXIT_OK;
}
