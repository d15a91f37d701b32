/* export.c - arsenal export (being built; replaced by its owner). */
#include "cli/cli.h"

#include <stdio.h>

int ars_cli_export(int argc, char **argv)
{
    (void)argc;
    fprintf(stderr, "arsenal: '%s' is not built yet\n", argv[0]);
    return 2;
}
