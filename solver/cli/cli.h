/* cli.h - the arsenal subcommands; each lives in its own file of solver/cli
 * and uses only the public API (include/arsenal.h).
 *
 * Every command takes the arguments after its name (argv[0] is the command
 * name) and returns the process exit status, an ars_cli_exit. Each command
 * documents its own statuses in its --help. */
#ifndef ARS_CLI_CLI_H
#define ARS_CLI_CLI_H

#include "arsenal.h"

#include <stddef.h>
#include <stdio.h>

typedef enum ars_cli_exit {
    ARS_EXIT_OK = 0,        /* success */
    ARS_EXIT_NOTE = 1,      /* a result worth a look: warnings only, infeasible, ... */
    ARS_EXIT_USAGE = 2,     /* bad usage or invalid input (model, path, file) */
    ARS_EXIT_FAIL = 3,      /* solver, I/O or memory failure */
    ARS_EXIT_UNVERIFIED = 4 /* a plan failed its verification: do not trust it */
} ars_cli_exit;

int ars_cli_check(int argc, char **argv);
int ars_cli_solve(int argc, char **argv);
int ars_cli_whatif(int argc, char **argv);
int ars_cli_sweep(int argc, char **argv);
int ars_cli_merge(int argc, char **argv);
int ars_cli_export(int argc, char **argv);
int ars_cli_serve(int argc, char **argv);
int ars_cli_schema(int argc, char **argv);

/* Shared by the commands (common.c). */

/* Loads the model at path (NULL: the embedded one; "-": standard input)
 * for command cmd through ars_cli_read_model; errors, and warnings unless
 * quiet, go to stderr. ARS_EXIT_OK with *m set, or the exit status of the
 * failure (*m NULL). */
int ars_cli_load_model(const char *cmd, const char *path, int quiet, ars_model **m);

/* j printed as JSON with a final newline; NULL on allocation failure. */
char *ars_cli_json_text(const cJSON *j, size_t *len);
/* What print writes for arg, as text; NULL on allocation failure. */
typedef void (*ars_cli_printer)(FILE *fp, const void *arg);
char *ars_cli_table_text(ars_cli_printer print, const void *arg, size_t *len);

/* Writes text atomically to output (NULL or "-": stdout). ARS_EXIT_OK, or
 * ARS_EXIT_FAIL with the reason on stderr. */
int ars_cli_write(const char *cmd, const char *output, const char *text, size_t len);

/* The model a command names (input.c): "-" reads standard input, a FIFO or
 * character device (/dev/stdin behind a pipe) is read as a stream, anything
 * else is a file (ars_model_load_file). Same statuses and outputs as that
 * function; diagnostics are left in d for the caller to print. */
int ars_cli_read_model(const char *path, ars_model **out, ars_diag *d, ars_error *err);
/* The name to print diagnostics under: "(standard input)" for "-". */
const char *ars_cli_input_name(const char *path);

#endif
