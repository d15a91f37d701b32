/* cli.h - the arsenal subcommands; each lives in its own file of solver/cli
 * and uses only the public API (include/arsenal.h).
 *
 * Every command takes the arguments after its name (argv[0] is the command
 * name) and returns the process exit status: 0 success, 1 a result worth a
 * look (warnings only, infeasible, ...), 2 usage or input errors, 3 solver
 * or I/O failure. Each command documents its own statuses in its --help. */
#ifndef ARS_CLI_CLI_H
#define ARS_CLI_CLI_H

#include "arsenal.h"

int ars_cli_check(int argc, char **argv);
int ars_cli_solve(int argc, char **argv);
int ars_cli_whatif(int argc, char **argv);
int ars_cli_sweep(int argc, char **argv);
int ars_cli_merge(int argc, char **argv);
int ars_cli_export(int argc, char **argv);
int ars_cli_serve(int argc, char **argv);

/* The model a command names: "-" reads standard input, a FIFO or character
 * device (/dev/stdin behind a pipe) is read as a stream, anything else is a
 * file (ars_model_load_file). Same statuses and outputs as that function. */
int ars_cli_load_model(const char *path, ars_model **out, ars_diag *d, ars_error *err);
/* The name to print diagnostics under: "(standard input)" for "-". */
const char *ars_cli_input_name(const char *path);

#endif
