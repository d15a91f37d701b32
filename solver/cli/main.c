/* main.c - the arsenal command line: dispatches to the subcommands. */
#include "arsenal.h"
#include "cli/cli.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"solve", ars_cli_solve, "solve a model (default: the embedded baseline) and print the plan"},
    {"check", ars_cli_check, "validate a model: errors and warnings"},
    {"whatif", ars_cli_whatif, "compare the base with changed parameters or scenarios"},
    {"sweep", ars_cli_sweep, "batch sensitivity study: grid, tornado or Monte Carlo"},
    {"merge", ars_cli_merge, "combine the outputs of sweep shards"},
    {"export", ars_cli_export, "write the program as CPLEX LP or MPS, or the result as CSV"},
    {"serve", ars_cli_serve, "run the HTTP optimization service"},
    {"schema", ars_cli_schema, "print the model format as a JSON Schema or a field reference"},
};

static void usage(FILE *fp)
{
    size_t i;
    fprintf(fp, "usage: arsenal <command> [options]\n\ncommands:\n");
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(fp, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp, "\n'arsenal <command> --help' describes each command.\n");
}

int main(int argc, char **argv)
{
    size_t i;
    /* Numbers are read and written with '.' whatever the user's locale. */
    setlocale(LC_ALL, "C");
    if (argc < 2) {
        usage(stderr);
        return ARS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("arsenal %s\n", ars_version());
        return ARS_EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return ARS_EXIT_OK;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "arsenal: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return ARS_EXIT_USAGE;
}
