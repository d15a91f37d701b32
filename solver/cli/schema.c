/* schema.c - arsenal schema: the model format as a JSON Schema (draft
 * 2020-12) for editors and validators, or as the markdown field reference
 * that docs/model-format.md carries. Both come from the format's tables,
 * the same ones `arsenal check` validates with. */
#include "arsenal.h"
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp, "usage: arsenal schema [--format json|markdown] [--output FILE]\n"
                "\n"
                "Prints the model format as a JSON Schema (draft 2020-12; the default) or as the\n"
                "markdown field reference of docs/model-format.md. Editors that read JSON Schema\n"
                "validate and complete models with it; references between sections, series\n"
                "lengths and rules across fields are checked by `arsenal check` only.\n"
                "\n"
                "  --format json|markdown   what to print (default json)\n"
                "  --output FILE            write FILE atomically instead of stdout\n"
                "\n"
                "exit status: 0 written, 2 bad usage or the file could not be written,\n"
                "3 out of memory\n");
}

int ars_cli_schema(int argc, char **argv)
{
    const char *format = "json", *output = "-";
    ars_error err;
    char *text;
    int i, rc;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return ARS_EXIT_OK;
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            format = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            format = argv[i] + 9;
        } else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) {
            output = argv[++i];
        } else if (strncmp(argv[i], "--output=", 9) == 0) {
            output = argv[i] + 9;
        } else {
            fprintf(stderr, "arsenal schema: unknown or incomplete option '%s'\n", argv[i]);
            usage(stderr);
            return ARS_EXIT_USAGE;
        }
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "markdown") != 0) {
        fprintf(stderr, "arsenal schema: --format must be json or markdown, not '%s'\n", format);
        return ARS_EXIT_USAGE;
    }
    text = ars_schema_text(strcmp(format, "json") == 0 ? ARS_SCHEMA_JSON : ARS_SCHEMA_MARKDOWN);
    if (!text) {
        fprintf(stderr, "arsenal schema: out of memory\n");
        return ARS_EXIT_FAIL;
    }
    if (strcmp(format, "json") == 0) {
        /* cJSON's text has no final newline; a file should. */
        size_t n = strlen(text);
        char *t = realloc(text, n + 2);
        if (!t) {
            free(text);
            fprintf(stderr, "arsenal schema: out of memory\n");
            return ARS_EXIT_FAIL;
        }
        text = t;
        text[n] = '\n';
        text[n + 1] = '\0';
    }
    ars_error_clear(&err);
    rc = ars_write_file_atomic(output, text, strlen(text), &err);
    free(text);
    if (rc != ARS_OK) {
        fprintf(stderr, "arsenal schema: %s\n", err.message);
        return rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
    }
    return ARS_EXIT_OK;
}
