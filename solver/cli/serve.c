/* serve.c - arsenal serve: the HTTP optimization service (solver/server). */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: arsenal serve [options]\n"
            "\n"
            "Runs the HTTP/1.1 service described in docs/openapi.yaml until SIGTERM or SIGINT.\n"
            "\n"
            "  --listen ADDR:PORT      address to bind (default 127.0.0.1:8080; port 0 picks one)\n"
            "  --port-file FILE        write the bound port to FILE\n"
            "  --token-file FILE       the bearer token: its first line, trimmed (16 to 512\n"
            "                          characters; no other line; mode 600 or stricter);\n"
            "                          ARSENAL_TOKENS adds more. Required beyond loopback.\n"
            "  --tls-cert FILE         serve HTTPS: PEM certificate chain, leaf first\n"
            "  --tls-key FILE          the certificate's PEM private key (not encrypted)\n"
            "                          TLS 1.2/1.3, ECDHE with AES-GCM or ChaCha20 only; the\n"
            "                          handshake counts against --header-timeout.\n"
            "  --plain-http            serve plain HTTP beyond loopback: a TLS proxy in front\n"
            "                          terminates TLS (without it, plain HTTP beyond loopback\n"
            "                          is refused: tokens must not travel in clear text)\n"
            "  --data DIR              keep studies in DIR (default: in memory only)\n"
            "  --log FILE              access log, one JSON line per request (default stderr)\n"
            "  --workers N             solver threads (default: the number of cores)\n"
            "  --queue N               requests that may wait for a worker (default 64)\n"
            "  --max-connections N     open connections (default 256)\n"
            "  --max-connections-per-address N  from one address (default 32); over a cap\n"
            "                          the oldest connection still sending its headers is\n"
            "                          closed, or the new one gets 503 when none is\n"
            "  --study-workers N       threads of a running study (default 1)\n"
            "  --max-body BYTES        request body limit (default 16777216)\n"
            "  --max-columns N         model size limit: estimated columns (default 5000000)\n"
            "  --max-nonzeros N        model size limit: estimated non-zeros (default 20000000)\n"
            "  --max-periods N         model size limit: periods (default 10000)\n"
            "  --max-items N           model size limit: entries per section (default 100000)\n"
            "  --time-limit S          most solver seconds per request (default 60)\n"
            "  --solver glpk|clp       the solver of every request that does not ask for one\n"
            "                          (?solver= on /v1/solve and /v1/whatif)\n"
            "  --header-timeout S      seconds to receive request headers (default 10)\n"
            "  --body-timeout S        seconds to receive a request body (default 30)\n"
            "  --idle-timeout S        keep-alive idle seconds (default 5)\n"
            "  --grace S               seconds for solves to finish at shutdown (default 10)\n"
            "  --web on|off            the planner's web page at / (default on)\n"
            "\n"
            "exit status: 0 after a clean shutdown, 2 bad usage, 3 cannot start\n");
}

static int num(const char *flag, const char *v, double lo, double hi, double *out)
{
    char *end = NULL;
    double d;
    errno = 0;
    d = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(d) || d < lo || d > hi) {
        fprintf(stderr, "arsenal serve: %s expects a number in [%g, %g], not '%s'\n", flag, lo, hi,
                v);
        return -1;
    }
    *out = d;
    return 0;
}

int ars_cli_serve(int argc, char **argv)
{
    ars_server_opts o;
    ars_error err;
    int i, rc;
    ars_server_opts_default(&o);
    o.tokens = getenv("ARSENAL_TOKENS");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        double d = 0;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return ARS_EXIT_OK;
        }
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "arsenal serve: unexpected argument '%s'\n", a);
            usage(stderr);
            return ARS_EXIT_USAGE;
        }
        if (strcmp(a, "--plain-http") == 0) {
            o.plain_http = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "arsenal serve: %s needs a value\n", a);
            return ARS_EXIT_USAGE;
        }
        v = argv[++i];
        if (strcmp(a, "--listen") == 0)
            o.listen = v;
        else if (strcmp(a, "--port-file") == 0)
            o.port_file = v;
        else if (strcmp(a, "--token-file") == 0)
            o.token_file = v;
        else if (strcmp(a, "--tls-cert") == 0)
            o.tls_cert = v;
        else if (strcmp(a, "--tls-key") == 0)
            o.tls_key = v;
        else if (strcmp(a, "--data") == 0)
            o.data_dir = v;
        else if (strcmp(a, "--log") == 0)
            o.log_path = v;
        else if (strcmp(a, "--workers") == 0 && num(a, v, 1, 1024, &d) == 0 && d == floor(d))
            o.workers = (int)d;
        else if (strcmp(a, "--queue") == 0 && num(a, v, 0, 1e6, &d) == 0 && d == floor(d))
            o.queue_max = (int)d;
        else if (strcmp(a, "--max-connections") == 0 && num(a, v, 1, 1e6, &d) == 0 && d == floor(d))
            o.max_connections = (int)d;
        else if (strcmp(a, "--max-connections-per-address") == 0 && num(a, v, 1, 1e6, &d) == 0 &&
                 d == floor(d))
            o.max_connections_per_address = (int)d;
        else if (strcmp(a, "--study-workers") == 0 && num(a, v, 1, 1024, &d) == 0 && d == floor(d))
            o.study_workers = (int)d;
        else if (strcmp(a, "--max-body") == 0 && num(a, v, 1, 1 << 30, &d) == 0 && d == floor(d))
            o.max_body = (size_t)d;
        else if (strcmp(a, "--max-columns") == 0 && num(a, v, 1, 1e9, &d) == 0 && d == floor(d))
            o.limits.max_variables = (size_t)d;
        else if (strcmp(a, "--max-nonzeros") == 0 && num(a, v, 1, 1e10, &d) == 0 && d == floor(d))
            o.limits.max_nonzeros = (size_t)d;
        else if (strcmp(a, "--max-periods") == 0 && num(a, v, 1, 1e6, &d) == 0 && d == floor(d))
            o.limits.max_periods = (int)d;
        else if (strcmp(a, "--max-items") == 0 && num(a, v, 1, 1e8, &d) == 0 && d == floor(d))
            o.limits.max_items = (int)d;
        else if (strcmp(a, "--time-limit") == 0 && num(a, v, 0.001, 1e6, &d) == 0)
            o.time_limit = d;
        else if (strcmp(a, "--header-timeout") == 0 && num(a, v, 0.01, 86400, &d) == 0)
            o.header_timeout = d;
        else if (strcmp(a, "--body-timeout") == 0 && num(a, v, 0.01, 86400, &d) == 0)
            o.body_timeout = d;
        else if (strcmp(a, "--idle-timeout") == 0 && num(a, v, 0.01, 86400, &d) == 0)
            o.idle_timeout = d;
        else if (strcmp(a, "--grace") == 0 && num(a, v, 0, 86400, &d) == 0)
            o.grace = d;
        else if (strcmp(a, "--web") == 0 && (strcmp(v, "on") == 0 || strcmp(v, "off") == 0))
            o.web = v[1] == 'n';
        else {
            if (d == 0 && strncmp(a, "--", 2) == 0 &&
                (strstr("--workers--queue--max-connections--max-connections-per-address--study-"
                        "workers--max-body--max-columns"
                        "--max-nonzeros--max-periods--max-items--time-limit--header-timeout"
                        "--body-timeout--idle-timeout--grace--web",
                        a) == NULL))
                fprintf(stderr, "arsenal serve: unknown option '%s'\n", a);
            else
                fprintf(stderr, "arsenal serve: bad value '%s' for %s\n", v, a);
            return ARS_EXIT_USAGE;
        }
    }
    ars_error_clear(&err);
    rc = ars_server_run(&o, &err);
    if (rc != ARS_OK) {
        fprintf(stderr, "arsenal serve: %s%s%s\n", err.field[0] ? err.field : "",
                err.field[0] ? ": " : "", err.message[0] ? err.message : ars_strerror(rc));
        return rc == ARS_EUSAGE ? ARS_EXIT_USAGE : ARS_EXIT_FAIL;
    }
    return ARS_EXIT_OK;
}
