/* main.c - the arsenal command line: dispatches to the subcommands. */
#include "arsenal.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("arsenal %s\n", ars_version());
        return 0;
    }
    fprintf(stderr, "usage: arsenal <command> [options]\n");
    return 2;
}
