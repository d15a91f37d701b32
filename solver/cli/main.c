/* main.c - the arsenal command line: dispatches to the subcommands. */
#include "arsenal.h"
#include "cli/cli.h"

#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
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
    fprintf(fp, "\n'arsenal <command> --help' describes each command. Every command also takes\n"
                "--solver glpk|clp: GLPK (the default) or COIN-OR (CLP for LPs, CBC for MIPs);\n"
                "the environment's ARSENAL_SOLVER sets the default. 'arsenal --version' lists\n"
                "the solvers built in.\n");
}

/* Takes --solver NAME / --solver=NAME out of a command's arguments (every
 * command has it) and makes it the process's default solver; the
 * environment's ARSENAL_SOLVER, when set, must name a solver too. Returns
 * 0, or ARS_EXIT_USAGE after a message. */
static int take_solver(int *argc, char **argv)
{
    int i, k = 1, s;
    const char *env = getenv("ARSENAL_SOLVER"), *name = NULL;
    ars_error err;
    ars_error_clear(&err);
    if (env && *env) {
        if (ars_solver_parse(env, &s, &err) != ARS_OK) {
            fprintf(stderr, "arsenal: ARSENAL_SOLVER: %s\n", err.message);
            return ARS_EXIT_USAGE;
        }
        ars_solver_set_default(s);
    }
    for (i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--solver") == 0) {
            if (i + 1 >= *argc) {
                fprintf(stderr, "arsenal: --solver needs glpk or clp\n");
                return ARS_EXIT_USAGE;
            }
            name = argv[++i];
        } else if (strncmp(argv[i], "--solver=", 9) == 0) {
            name = argv[i] + 9;
        } else {
            argv[k++] = argv[i];
        }
    }
    argv[k] = NULL;
    *argc = k;
    if (name) {
        if (ars_solver_parse(name, &s, &err) != ARS_OK) {
            fprintf(stderr, "arsenal: --solver: %s\n", err.message);
            return ARS_EXIT_USAGE;
        }
        ars_solver_set_default(s);
    }
    return 0;
}

/* CLP allocates its work arrays afresh in every simplex call and frees
 * them at its end (its C interface cannot keep them between calls), and
 * glibc hands memory of that size back to the kernel at once: every warm
 * re-solve of a what-if, sweep or server session then faults the same
 * pages in again, zeroed by the kernel. Kept in the process (freed blocks
 * up to 16 MiB at the top of the heap, blocks under 4 MiB from the heap),
 * a 41-point sweep with --solver clp of an 8,051-row model ran 1.14x as
 * fast on one worker and 1.27x on two, for up to 6 MiB more peak memory
 * (bench/alloc.sh). Malloc settings of the user's own (GLIBC_TUNABLES) are
 * left as they are. */
static void keep_freed_memory(void)
{
#ifdef __GLIBC__
    const char *tunables = getenv("GLIBC_TUNABLES");
    if (tunables && strstr(tunables, "glibc.malloc."))
        return;
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 16 << 20);
#endif
}

int main(int argc, char **argv)
{
    size_t i;
    /* Numbers are read and written with '.' whatever the user's locale. */
    setlocale(LC_ALL, "C");
    keep_freed_memory();
    if (argc < 2) {
        usage(stderr);
        return ARS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        int s;
        printf("arsenal %s\nsolvers:", ars_version());
        for (s = 0; s < ARS_SOLVER_COUNT; s++)
            if (ars_solver_available(s))
                printf(" %s", ars_solver_name(s));
        printf(" (default %s)\n", ars_solver_name(ars_solver_default()));
        return ARS_EXIT_OK;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return ARS_EXIT_OK;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            int n = argc - 1;
            if (take_solver(&n, argv + 1) != 0)
                return ARS_EXIT_USAGE;
            return commands[i].run(n, argv + 1);
        }
    fprintf(stderr, "arsenal: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return ARS_EXIT_USAGE;
}
