/* sweep.c - arsenal sweep: grid, tornado and Monte Carlo studies of a model.
 *
 * The command line is turned into the study JSON (docs/studies.md), the
 * same format --study reads and the server accepts, so there is one parser.
 * Completed points are appended to OUTPUT.partial as they finish (the
 * journal, solver/batch/journal.c) and the sorted final file replaces
 * OUTPUT atomically at the end. */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;
static volatile int cancel_flag;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
    cancel_flag = 1;
}

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: arsenal sweep [MODEL] STUDY [options]\n"
            "\n"
            "Solves many variants of MODEL (default: the embedded baseline) and writes one row\n"
            "per point: point, parameters, status, error, metrics.\n"
            "\n"
            "STUDY is one of:\n"
            "  --param PATH (--values a,b,c | --from A --to B --steps N) [--scale]\n"
            "                        grid; several --param give the cartesian product;\n"
            "                        --scale (after its --param) multiplies instead of sets\n"
            "  --tornado PATH [PATH...] [--delta 20%%]\n"
            "                        each parameter down and up by delta, ranked by effect\n"
            "  --vary 'PATH*~uniform(0.6,1.0)' ... --samples N [--seed S]\n"
            "                        Monte Carlo; also normal(mu,sigma), triangular(a,mode,b),\n"
            "                        and for integer fields randint(a,b), choice(v1,v2,...);\n"
            "                        '=~' sets the value, '*~' scales it\n"
            "  --study FILE          a study as JSON (docs/studies.md)\n"
            "\n"
            "options:\n"
            "  --set PATH=VALUE      change the model before the study (repeatable)\n"
            "  --metric PATH         add a result quantity as a metric (repeatable), e.g.\n"
            "                        shortfall, cost, fires_155.fill_rate@2026Q1..,\n"
            "                        plan.funds.usai.spent; a series is summed over its\n"
            "                        periods, except fill_rate (sum of met / sum of demand)\n"
            "                        and levels: stock, carried, added_capacity, reserve\n"
            "                        (the last period) (docs/studies.md)\n"
            "  --no-default-metrics  only the --metric ones\n"
            "  --workers N           threads (default: one per core)\n"
            "  --shard I/N           run shard I (0-based) of N; combine with arsenal merge\n"
            "  --output FILE         default: standard output\n"
            "  --format csv|json     default csv\n"
            "  --resume              continue an interrupted study in --output\n"
            "  --summary FILE        write the summary (statistics, tornado ranking) as JSON\n"
            "  --svg FILE            write a chart; --svg-metric NAME picks the metric\n"
            "  --time-limit S        seconds per point\n"
            "  --block N             points per warm-started chain (docs/studies.md)\n"
            "  --progress | --no-progress   progress bar on stderr (default: when a terminal)\n"
            "  --quiet               no summary table\n"
            "  --cold                benchmark baseline: build and solve every point from\n"
            "                        scratch (no warm start); same output, slower\n"
            "\n"
            "exit status: 0 every point solved, 1 some points infeasible or failed,\n"
            "2 usage or input error, 3 solver or I/O failure, 130 interrupted (--resume\n"
            "continues).\n");
}

/* A number, or a string when the text is not one. */
static cJSON *value_item(const char *t)
{
    char *end;
    double d;
    errno = 0;
    d = strtod(t, &end);
    if (t[0] && !*end && errno == 0 && isfinite(d))
        return cJSON_CreateNumber(d);
    return cJSON_CreateString(t);
}

static int need_arg(int i, int argc, char **argv)
{
    if (i + 1 >= argc) {
        fprintf(stderr, "arsenal sweep: %s needs a value\n", argv[i]);
        return 0;
    }
    return 1;
}

static int parse_double_arg(const char *flag, const char *t, double *out)
{
    char *end;
    errno = 0;
    *out = strtod(t, &end);
    if (!t[0] || *end || errno || !isfinite(*out)) {
        fprintf(stderr, "arsenal sweep: %s expects a number, found \"%s\"\n", flag, t);
        return 0;
    }
    return 1;
}

static int parse_count_arg(const char *flag, const char *t, long long lo, long long hi,
                           long long *out)
{
    char *end;
    errno = 0;
    *out = strtoll(t, &end, 10);
    if (!t[0] || *end || errno || *out < lo || *out > hi) {
        fprintf(stderr, "arsenal sweep: %s expects an integer in [%lld, %lld], found \"%s\"\n",
                flag, lo, hi, t);
        return 0;
    }
    return 1;
}

static char *read_file(const char *path, size_t *len, int *missing)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (missing)
        *missing = 0;
    if (!fp) {
        if (missing && errno == ENOENT)
            *missing = 1;
        return NULL;
    }
    for (;;) {
        size_t got;
        if (cap - n < 65536) {
            char *nb = realloc(buf, cap + 65536 + 1);
            if (!nb) {
                free(buf);
                fclose(fp);
                return NULL;
            }
            buf = nb;
            cap += 65536;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0)
            break;
    }
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

typedef struct ctx {
    ars_study_journal *j; /* NULL: no --output file */
    const char *journal_path;
    int journal_failed;
    int progress;
    int bar_shown;
} ctx;

static int on_point(const ars_study *s, const ars_study_row *row, void *user)
{
    ctx *c = user;
    ars_error err;
    if (!c->j)
        return 0;
    if (ars_study_journal_append(c->j, row, s, &err) != ARS_OK) {
        fprintf(stderr, "\narsenal sweep: %s\n", err.message);
        c->journal_failed = 1;
        return 1;
    }
    return 0;
}

static void on_progress(const ars_study_progress *p, void *user)
{
    ctx *c = user;
    char bar[31];
    size_t filled, i;
    if (!c->progress || p->total == 0)
        return;
    filled = p->done * 30 / p->total;
    for (i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r  [%s] %zu/%zu  %.1f points/s", bar, p->done, p->total, p->rate);
    if (p->eta >= 0)
        fprintf(stderr, "  %d:%02d left   ", (int)(p->eta / 60), (int)fmod(p->eta, 60));
    else
        fprintf(stderr, "              ");
    fflush(stderr);
    c->bar_shown = 1;
}

int ars_cli_sweep(int argc, char **argv)
{
    const char *model_path = NULL, *study_path = NULL, *output = NULL, *format = "csv";
    const char *summary_path = NULL, *svg_path = NULL, *svg_metric = NULL;
    int workers = 0, resume = 0, quiet = 0, progress = -1, cold = 0, i, rc, exit_code = 0;
    unsigned shard_i = 0, shard_n = 0;
    long long ll;
    cJSON *spec = cJSON_CreateObject(), *params = cJSON_CreateArray(), *sets = cJSON_CreateArray();
    cJSON *metrics = cJSON_CreateArray(), *last_param = NULL;
    const char *type = NULL;
    int have_values = 0, nflags_study = 0;
    ars_model *model = NULL;
    ars_study *study = NULL;
    ars_study_results *res = NULL;
    ars_study_run_opts ro;
    ars_diag diag;
    ars_error err;
    ctx c;
    char *journal_path = NULL;
    struct sigaction sa, old_int, old_term;

    memset(&c, 0, sizeof c);
    ars_diag_init(&diag);
    ars_error_clear(&err);
    if (!spec || !params || !sets || !metrics) {
        fprintf(stderr, "arsenal sweep: out of memory\n");
        exit_code = 3;
        goto done;
    }

#define USAGE_FAIL()                                                                               \
    do {                                                                                           \
        exit_code = 2;                                                                             \
        goto done;                                                                                 \
    } while (0)
#define SET_TYPE(t)                                                                                \
    do {                                                                                           \
        if (type && strcmp(type, t) != 0) {                                                        \
            fprintf(stderr, "arsenal sweep: %s is for a %s study, but this is a %s study\n",       \
                    argv[i], t, type);                                                             \
            USAGE_FAIL();                                                                          \
        }                                                                                          \
        type = t;                                                                                  \
        nflags_study++;                                                                            \
    } while (0)

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            goto done;
        } else if (strcmp(a, "--study") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            study_path = argv[++i];
        } else if (strcmp(a, "--param") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            SET_TYPE("grid");
            if (last_param && !have_values) {
                fprintf(stderr,
                        "arsenal sweep: --param %s has no --values or --from/--to/--steps\n",
                        cJSON_GetObjectItem(last_param, "path")->valuestring);
                USAGE_FAIL();
            }
            last_param = cJSON_CreateObject();
            cJSON_AddItemToArray(params, last_param);
            cJSON_AddStringToObject(last_param, "path", argv[++i]);
            have_values = 0;
        } else if (strcmp(a, "--values") == 0 || strcmp(a, "--from") == 0 ||
                   strcmp(a, "--to") == 0 || strcmp(a, "--steps") == 0 ||
                   strcmp(a, "--scale") == 0) {
            if (!last_param) {
                fprintf(stderr, "arsenal sweep: %s must follow a --param\n", a);
                USAGE_FAIL();
            }
            if (strcmp(a, "--scale") == 0) {
                cJSON_AddTrueToObject(last_param, "scale");
                continue;
            }
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            if (strcmp(a, "--values") == 0) {
                cJSON *vals = cJSON_AddArrayToObject(last_param, "values");
                char *copy = strdup(argv[++i]), *tok, *save = NULL;
                if (!copy) {
                    exit_code = 3;
                    goto done;
                }
                for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
                    cJSON_AddItemToArray(vals, value_item(tok));
                free(copy);
            } else if (strcmp(a, "--steps") == 0) {
                if (!parse_count_arg(a, argv[i + 1], 1, 10000000, &ll))
                    USAGE_FAIL();
                i++;
                cJSON_AddNumberToObject(last_param, "steps", (double)ll);
            } else {
                double d;
                if (!parse_double_arg(a, argv[i + 1], &d))
                    USAGE_FAIL();
                i++;
                cJSON_AddNumberToObject(last_param, a + 2, d);
            }
            have_values = 1;
        } else if (strcmp(a, "--tornado") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            SET_TYPE("tornado");
            /* Several paths may follow one --tornado. */
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
                cJSON_AddItemToArray(params, cJSON_CreateString(argv[++i]));
        } else if (strcmp(a, "--delta") == 0) {
            double d;
            char t[64];
            size_t n;
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            snprintf(t, sizeof t, "%s", argv[++i]);
            n = strlen(t);
            if (n > 0 && t[n - 1] == '%') {
                t[n - 1] = '\0';
                if (!parse_double_arg(a, t, &d))
                    USAGE_FAIL();
                d /= 100.0;
            } else if (!parse_double_arg(a, t, &d)) {
                USAGE_FAIL();
            }
            cJSON_DeleteItemFromObjectCaseSensitive(spec, "delta");
            cJSON_AddNumberToObject(spec, "delta", d);
        } else if (strcmp(a, "--vary") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            SET_TYPE("monte_carlo");
            cJSON_AddItemToArray(params, cJSON_CreateString(argv[++i]));
        } else if (strcmp(a, "--samples") == 0 || strcmp(a, "--seed") == 0 ||
                   strcmp(a, "--block") == 0) {
            if (!need_arg(i, argc, argv) ||
                !parse_count_arg(a, argv[i + 1], strcmp(a, "--seed") == 0 ? 0 : 1,
                                 9007199254740992LL, &ll))
                USAGE_FAIL();
            i++;
            cJSON_DeleteItemFromObjectCaseSensitive(spec, a + 2); /* the last one counts */
            cJSON_AddNumberToObject(spec, a + 2, (double)ll);
        } else if (strcmp(a, "--time-limit") == 0) {
            double d;
            if (!need_arg(i, argc, argv) || !parse_double_arg(a, argv[i + 1], &d))
                USAGE_FAIL();
            i++;
            cJSON_DeleteItemFromObjectCaseSensitive(spec, "time_limit");
            cJSON_AddNumberToObject(spec, "time_limit", d);
        } else if (strcmp(a, "--set") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            cJSON_AddItemToArray(sets, cJSON_CreateString(argv[++i]));
        } else if (strcmp(a, "--metric") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            cJSON_AddItemToArray(metrics, cJSON_CreateString(argv[++i]));
        } else if (strcmp(a, "--no-default-metrics") == 0) {
            cJSON_AddFalseToObject(spec, "default_metrics");
        } else if (strcmp(a, "--workers") == 0) {
            if (!need_arg(i, argc, argv) || !parse_count_arg(a, argv[i + 1], 1, 4096, &ll))
                USAGE_FAIL();
            i++;
            workers = (int)ll;
        } else if (strcmp(a, "--shard") == 0) {
            unsigned si, sn;
            char extra;
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            i++;
            if (sscanf(argv[i], "%u/%u%c", &si, &sn, &extra) != 2 || sn == 0 || si >= sn) {
                fprintf(stderr,
                        "arsenal sweep: --shard expects I/N with 0 <= I < N (e.g. 0/4), "
                        "found \"%s\"\n",
                        argv[i]);
                USAGE_FAIL();
            }
            shard_i = si;
            shard_n = sn;
        } else if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            output = argv[++i];
        } else if (strcmp(a, "--format") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            format = argv[++i];
            if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0) {
                fprintf(stderr, "arsenal sweep: --format expects csv or json, found \"%s\"\n",
                        format);
                USAGE_FAIL();
            }
        } else if (strcmp(a, "--cold") == 0) {
            cold = 1;
        } else if (strcmp(a, "--resume") == 0) {
            resume = 1;
        } else if (strcmp(a, "--summary") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            summary_path = argv[++i];
        } else if (strcmp(a, "--svg") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            svg_path = argv[++i];
        } else if (strcmp(a, "--svg-metric") == 0) {
            if (!need_arg(i, argc, argv))
                USAGE_FAIL();
            svg_metric = argv[++i];
        } else if (strcmp(a, "--progress") == 0) {
            progress = 1;
        } else if (strcmp(a, "--no-progress") == 0) {
            progress = 0;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "arsenal sweep: unknown option %s (see arsenal sweep --help)\n", a);
            USAGE_FAIL();
        } else if (!model_path) {
            model_path = a;
        } else {
            fprintf(stderr, "arsenal sweep: one model only, found \"%s\" after \"%s\"\n", a,
                    model_path);
            USAGE_FAIL();
        }
    }
    if (last_param && !have_values) {
        fprintf(stderr, "arsenal sweep: --param %s has no --values or --from/--to/--steps\n",
                cJSON_GetObjectItem(last_param, "path")->valuestring);
        USAGE_FAIL();
    }

    /* The study: from --study, or from the flags. */
    if (study_path) {
        size_t len;
        char *text;
        cJSON *file_spec, *it;
        if (nflags_study) {
            fprintf(stderr, "arsenal sweep: --study and --param/--tornado/--vary do not mix\n");
            USAGE_FAIL();
        }
        text = read_file(study_path, &len, NULL);
        if (!text) {
            fprintf(stderr, "arsenal sweep: cannot read %s: %s\n", study_path, strerror(errno));
            USAGE_FAIL();
        }
        file_spec = cJSON_ParseWithLength(text, len);
        free(text);
        if (!file_spec) {
            fprintf(stderr, "arsenal sweep: %s is not valid JSON (near \"%.20s\")\n", study_path,
                    cJSON_GetErrorPtr() ? cJSON_GetErrorPtr() : "");
            USAGE_FAIL();
        }
        /* Flags that are not the study's definition still apply. */
        cJSON_ArrayForEach(it, spec)
        {
            cJSON_DeleteItemFromObjectCaseSensitive(file_spec, it->string);
            cJSON_AddItemToObject(file_spec, it->string, cJSON_Duplicate(it, 1));
        }
        cJSON_Delete(spec);
        spec = file_spec;
        if (cJSON_GetArraySize(metrics) > 0) {
            cJSON *m = cJSON_GetObjectItemCaseSensitive(spec, "metrics");
            if (!m)
                m = cJSON_AddArrayToObject(spec, "metrics");
            if (cJSON_IsArray(m))
                cJSON_ArrayForEach(it, metrics) cJSON_AddItemToArray(m, cJSON_Duplicate(it, 1));
        }
        if (cJSON_GetArraySize(sets) > 0) {
            cJSON *st = cJSON_GetObjectItemCaseSensitive(spec, "set");
            if (!st)
                st = cJSON_AddArrayToObject(spec, "set");
            if (cJSON_IsArray(st))
                cJSON_ArrayForEach(it, sets) cJSON_AddItemToArray(st, cJSON_Duplicate(it, 1));
        }
    } else {
        if (!type) {
            fprintf(stderr, "arsenal sweep: no study: give --param, --tornado, --vary or "
                            "--study (see arsenal sweep --help)\n");
            USAGE_FAIL();
        }
        cJSON_AddStringToObject(spec, "type", type);
        cJSON_AddItemToObject(spec, "parameters", params);
        params = NULL;
        if (cJSON_GetArraySize(sets) > 0) {
            cJSON_AddItemToObject(spec, "set", sets);
            sets = NULL;
        }
        if (cJSON_GetArraySize(metrics) > 0) {
            cJSON_AddItemToObject(spec, "metrics", metrics);
            metrics = NULL;
        }
    }
    if (resume && (!output || strcmp(output, "-") == 0)) {
        fprintf(stderr, "arsenal sweep: --resume needs the --output file of the interrupted "
                        "study\n");
        USAGE_FAIL();
    }

    /* The model. */
    if (model_path) {
        rc = ars_cli_read_model(model_path, &model, &diag, &err);
        if (rc != ARS_OK) {
            if (rc == ARS_EINVALID)
                ars_diag_print(&diag, ars_cli_input_name(model_path), stderr);
            else
                fprintf(stderr, "arsenal sweep: %s: %s\n", model_path, err.message);
            exit_code = 2;
            goto done;
        }
    } else {
        size_t len;
        const char *text = ars_default_model_text(&len);
        model_path = "(baseline)";
        rc = ars_model_load_text(text, len, NULL, &model, &diag);
        if (rc != ARS_OK) {
            ars_diag_print(&diag, ars_cli_input_name(model_path), stderr);
            exit_code = 3;
            goto done;
        }
    }

    rc = ars_study_parse(spec, model, &study, &err);
    if (rc != ARS_OK) {
        fprintf(stderr, "arsenal sweep: study%s%s: %s\n", err.field[0] ? " " : "", err.field,
                err.message);
        exit_code = rc == ARS_ENOMEM ? 3 : 2;
        goto done;
    }
    if (ars_study_results_create(study, &res) != ARS_OK) {
        fprintf(stderr, "arsenal sweep: out of memory\n");
        exit_code = 3;
        goto done;
    }

    /* The journal: OUTPUT.partial, beside the output, which is replaced
     * only once the study is complete (a full disk or a kill leaves the
     * previous output as it was). --resume continues the journal, or the
     * finished CSV output when there is none (docs/cluster.md's merged
     * file); either must carry this study's fingerprint. */
    if (output && strcmp(output, "-") != 0) {
        size_t n = strlen(output) + 16;
        journal_path = malloc(n);
        if (!journal_path) {
            exit_code = 3;
            goto done;
        }
        snprintf(journal_path, n, "%s.partial", output);
        c.journal_path = journal_path;
        rc = ars_study_journal_open(study, journal_path, strcmp(format, "csv") == 0 ? output : NULL,
                                    resume, 0.05, res, &c.j, &err);
        if (rc != ARS_OK) {
            fprintf(stderr, "arsenal sweep: %s%s%s%s\n", resume ? "--resume: " : "",
                    strncmp(err.field, "line ", 5) == 0 ? err.field : "",
                    strncmp(err.field, "line ", 5) == 0 ? ": " : "", err.message);
            exit_code = rc == ARS_ESTUDY ? 2 : 3;
            goto done;
        }
    }

    c.progress = progress >= 0 ? progress : isatty(2);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);

    ars_study_run_opts_default(&ro);
    ro.workers = workers;
    ro.shard_index = shard_i;
    ro.shard_count = shard_n;
    ro.cancel = &cancel_flag;
    ro.cold = cold;
    ro.on_point = on_point;
    ro.on_progress = on_progress;
    ro.user = &c;
    rc = ars_study_run(study, &ro, res, &err);

    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (c.bar_shown)
        fputc('\n', stderr);
    {
        ars_error cerr;
        if (ars_study_journal_close(c.j, &cerr) != ARS_OK) {
            fprintf(stderr, "arsenal sweep: %s\n", cerr.message);
            c.journal_failed = 1;
        }
        c.j = NULL;
    }
    if (rc == ARS_ECANCELLED || interrupted) {
        fprintf(stderr, "arsenal sweep: interrupted with %zu of %zu points done%s%s%s\n",
                ars_study_results_count(res), ars_study_npoints(study),
                journal_path ? "; they are in " : "", journal_path ? journal_path : "",
                journal_path ? " (continue with --resume)" : "");
        exit_code = c.journal_failed ? 3 : 130;
        if (!journal_path) {
            size_t len;
            char *csv = ars_study_results_csv(res, &len);
            if (csv)
                fwrite(csv, 1, len, stdout);
            free(csv);
        }
        goto done;
    }
    if (rc != ARS_OK) {
        fprintf(stderr, "arsenal sweep: %s%s%s\n", err.field[0] ? err.field : "",
                err.field[0] ? ": " : "", err.message);
        exit_code = rc == ARS_ESTUDY || rc == ARS_EPATH ? 2 : 3;
        /* A file with the header and no row helps no one. */
        if (journal_path && !resume && ars_study_results_count(res) == 0)
            unlink(journal_path);
        goto done;
    }
    if (c.journal_failed) {
        exit_code = 3;
        goto done;
    }

    /* The final files, each written whole or not at all. */
    {
        char *text = NULL;
        size_t len = 0;
        cJSON *j = NULL;
        if (strcmp(format, "csv") == 0) {
            rc = ars_study_write_csv_file(res, output ? output : "-", &err);
        } else {
            j = ars_study_results_json(res);
            text = j ? cJSON_Print(j) : NULL;
            len = text ? strlen(text) : 0;
            cJSON_Delete(j);
            if (text) {
                char *t2 = realloc(text, len + 2);
                if (t2) {
                    text = t2;
                    text[len++] = '\n';
                    text[len] = '\0';
                }
            }
            rc = text ? ars_write_file_atomic(output ? output : "-", text, len, &err)
                      : ars_error_set(&err, ARS_ENOMEM, "", "out of memory writing the output");
            free(text);
        }
        if (rc != ARS_OK) {
            fprintf(stderr, "arsenal sweep: %s\n", err.message);
            exit_code = 3;
            goto done;
        }
        if (journal_path)
            unlink(journal_path);
        if (summary_path) {
            j = ars_study_summary_json(res);
            text = j ? cJSON_Print(j) : NULL;
            cJSON_Delete(j);
            if (!text || ars_write_file_atomic(summary_path, text, strlen(text), &err) != ARS_OK) {
                fprintf(stderr, "arsenal sweep: %s\n", text ? err.message : "out of memory");
                exit_code = 3;
            }
            free(text);
        }
        if (svg_path) {
            rc = ars_study_results_svg(res, svg_metric, &text, &len, &err);
            if (rc == ARS_OK)
                rc = ars_write_file_atomic(svg_path, text, len, &err);
            free(text);
            if (rc != ARS_OK) {
                fprintf(stderr, "arsenal sweep: %s%s%s\n", err.field, err.field[0] ? ": " : "",
                        err.message);
                exit_code = rc == ARS_ESTUDY ? 2 : 3;
            }
        }
    }
    if (!quiet)
        ars_study_summary_print(res, output && strcmp(output, "-") != 0 ? stdout : stderr);
    if (exit_code == 0) {
        cJSON *sum = ars_study_summary_json(res), *by, *it;
        by = cJSON_GetObjectItemCaseSensitive(sum, "by_status");
        cJSON_ArrayForEach(it, by) if (strcmp(it->string, "optimal") != 0) exit_code = 1;
        cJSON_Delete(sum);
    }

done:
    if (c.j) {
        ars_error cerr;
        if (ars_study_journal_close(c.j, &cerr) != ARS_OK)
            fprintf(stderr, "arsenal sweep: %s\n", cerr.message);
    }
    free(journal_path);
    ars_study_results_free(res);
    ars_study_free(study);
    ars_model_free(model);
    ars_diag_free(&diag);
    cJSON_Delete(spec);
    cJSON_Delete(params);
    cJSON_Delete(sets);
    cJSON_Delete(metrics);
    return exit_code;
}
