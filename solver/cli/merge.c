/* merge.c - arsenal merge: combines the CSV outputs of `arsenal sweep
 * --shard I/N` runs into exactly the file one run of the whole study
 * writes (same header, rows sorted by point). */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *fp)
{
    fprintf(fp, "usage: arsenal merge A.csv B.csv ... [--output FILE] [--expect N]\n"
                "\n"
                "Combines shard outputs of one sweep (arsenal sweep --shard I/N) into the file a\n"
                "single run writes. The headers must be equal; a point in two files must have\n"
                "the same row. --expect N checks that points 0..N-1 are all there.\n"
                "To get the summary and chart of the merged study, run the same sweep with\n"
                "--resume --output FILE on the merged file: nothing is left to solve.\n"
                "\n"
                "exit status: 0 merged, 1 merged but points are missing (--expect),\n"
                "2 usage or input error, 3 I/O failure.\n");
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!fp)
        return NULL;
    do {
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap + 65536 + 1);
            if (!nb) {
                free(buf);
                fclose(fp);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    if (ferror(fp)) {
        free(buf);
        fclose(fp);
        return NULL;
    }
    fclose(fp);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The shards' fingerprints (FILE.fingerprint, written by arsenal sweep)
 * must be one study's; the merged file gets it, so that a resume of the
 * merged file is checked as a shard's would be. Returns the common line
 * (NULL with *code 0 when some shard has none: the merge goes on, the
 * merged file then cannot be resumed), or NULL with *code 2. */
static char *common_fingerprint(const char **names, size_t n, int *code)
{
    char *first = NULL, *first_of = NULL;
    size_t k, len;
    *code = 0;
    for (k = 0; k < n; k++) {
        char path[4096], *fp;
        snprintf(path, sizeof path, "%s.fingerprint", names[k]);
        fp = slurp(path, &len);
        if (!fp) {
            fprintf(stderr,
                    "arsenal merge: warning: %s has no %s; the merged file gets no fingerprint "
                    "and cannot be resumed\n",
                    names[k], path);
            free(first);
            return NULL;
        }
        if (!first) {
            first = fp;
            first_of = (char *)names[k];
        } else if (strcmp(fp, first) != 0) {
            fprintf(stderr,
                    "arsenal merge: %s and %s are not shards of one study (their .fingerprint "
                    "files differ: another model, --set or study definition)\n",
                    first_of, names[k]);
            free(fp);
            free(first);
            *code = 2;
            return NULL;
        } else {
            free(fp);
        }
    }
    return first;
}

int ars_cli_merge(int argc, char **argv)
{
    char *fingerprint = NULL;
    const char *output = "-";
    const char **names = calloc((size_t)argc, sizeof *names);
    char **texts = calloc((size_t)argc, sizeof *texts);
    size_t *lens = calloc((size_t)argc, sizeof *lens);
    size_t n = 0, outlen = 0, k;
    long long expect = -1;
    char *out = NULL;
    ars_error err;
    int i, code = 0;
    ars_error_clear(&err);
    if (!names || !texts || !lens) {
        fprintf(stderr, "arsenal merge: out of memory\n");
        code = 3;
        goto done;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            goto done;
        } else if (strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "-o") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal merge: --output needs a file\n");
                code = 2;
                goto done;
            }
            output = argv[++i];
        } else if (strcmp(argv[i], "--expect") == 0) {
            char *end;
            if (i + 1 >= argc) {
                fprintf(stderr, "arsenal merge: --expect needs a number of points\n");
                code = 2;
                goto done;
            }
            errno = 0;
            expect = strtoll(argv[++i], &end, 10);
            if (!argv[i][0] || *end || errno || expect < 0) {
                fprintf(stderr, "arsenal merge: --expect expects a count, found \"%s\"\n", argv[i]);
                code = 2;
                goto done;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "arsenal merge: unknown option %s\n", argv[i]);
            code = 2;
            goto done;
        } else {
            names[n] = argv[i];
            texts[n] = slurp(argv[i], &lens[n]);
            if (!texts[n]) {
                fprintf(stderr, "arsenal merge: cannot read %s: %s\n", argv[i], strerror(errno));
                code = 2;
                goto done;
            }
            n++;
        }
    }
    if (n == 0) {
        usage(stderr);
        code = 2;
        goto done;
    }
    fingerprint = common_fingerprint(names, n, &code);
    if (code != 0)
        goto done;
    if (ars_study_merge_csv((const char *const *)texts, lens, names, n, &out, &outlen, &err) !=
        ARS_OK) {
        fprintf(stderr, "arsenal merge: %s\n", err.message);
        code = err.code == ARS_ENOMEM ? 3 : 2;
        goto done;
    }
    if (expect >= 0) {
        /* Rows are sorted and unique: count them and check the last. */
        size_t rows = 0, missing;
        const char *p = strchr(out, '\n');
        while (p && p[1]) {
            rows++;
            p = strchr(p + 1, '\n');
        }
        missing = (size_t)expect > rows ? (size_t)expect - rows : 0;
        if (missing || rows > (size_t)expect) {
            fprintf(stderr, "arsenal merge: %zu rows for %lld points (%s)\n", rows, expect,
                    missing ? "some shards are missing or unfinished" : "more rows than points");
            code = 1;
        }
    }
    if (ars_write_file_atomic(output, out, outlen, &err) != ARS_OK) {
        fprintf(stderr, "arsenal merge: %s\n", err.message);
        code = 3;
    } else if (fingerprint && strcmp(output, "-") != 0) {
        char path[4096];
        snprintf(path, sizeof path, "%s.fingerprint", output);
        if (ars_write_file_atomic(path, fingerprint, strlen(fingerprint), &err) != ARS_OK) {
            fprintf(stderr, "arsenal merge: %s\n", err.message);
            code = 3;
        }
    }
done:
    free(fingerprint);
    for (k = 0; k < n; k++)
        free(texts[k]);
    free(texts);
    free(lens);
    free(names);
    free(out);
    return code;
}
