/* whatif.c - arsenal whatif: the base and its variants (--set, --scenario)
 * solved in one session and compared side by side.
 *
 * Everything is compared through ars_result_to_json (docs/result-json.md),
 * so this file depends on the result's documented data only. The comparison
 * is built once as JSON; the table is a rendering of that JSON. */
#include "arsenal.h"
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void usage(FILE *fp)
{
    fprintf(fp, "usage: arsenal whatif [MODEL.json] [--set PATH=VALUE]... [--scenario NAME]...\n"
                "                      [--variant NAME PATH=VALUE...]... [--all-scenarios]\n"
                "                      [--list-scenarios] [--format table|json]\n"
                "                      [--output FILE] [--top N] [--time-limit S] [--cold]\n"
                "                      [--no-explain] [--quiet]\n"
                "\n"
                "Solves the base model (default: the embedded baseline) and each variant, and\n"
                "shows what changes: weighted shortfall and cost, shortfall and fill rate per\n"
                "requirement, spend per fund, bottlenecks, licence approvals, and the output\n"
                "that changed most, by product and line.\n"
                "  --set PATH=VALUE   change a parameter (also PATH*=FACTOR, PATH+=DELTA; see\n"
                "                     docs/parameter-paths.md); all --set together make one\n"
                "                     variant named \"set\", applied in order\n"
                "  --scenario NAME    a scenario of the model (repeatable; shown in that order)\n"
                "  --variant NAME PATH=VALUE...  an ad-hoc variant: the assignments after NAME\n"
                "                     (every argument up to the next option that holds '=')\n"
                "                     applied in order, in a column of its own like a scenario;\n"
                "                     repeatable, mixed with --scenario in the order given\n"
                "  --all-scenarios    every scenario of the model\n"
                "  --list-scenarios   list the model's scenarios and exit\n"
                "  --format table|json  default: table on a terminal, json otherwise\n"
                "  --output FILE      write there atomically instead of stdout\n"
                "  --top N            products whose output changed most, and their lines,\n"
                "                     per variant (default 5); changes under 1e-6 of the\n"
                "                     amounts compared are round-off and not shown\n"
                "  --time-limit S     seconds per solve\n"
                "  --cold             build and solve each variant from scratch (default: warm\n"
                "                     re-solve from the base's basis when the structure allows)\n"
                "  --no-explain       skip shadow prices and bottlenecks, and the ranging that\n"
                "                     tells degenerate prices, left out of the comparison\n"
                "  --quiet            no warnings on stderr\n"
                "\n"
                "exit status: 0 every solve found a verified plan; 1 some solve is infeasible,\n"
                "unbounded or out of time; 2 usage, model or path errors; 3 solver or I/O\n"
                "failure; 4 some plan (base or variant) fails verification against its model\n"
                "(as arsenal solve; 4 wins over 1, 3 over both)\n");
}

/* A variant asked for on the command line: a scenario of the model, or
 * --variant NAME with its assignments (argv[first .. first + n)). */
typedef struct spec {
    const char *name;
    int is_variant;
    int first, n;
} spec;

/* One column of the comparison: the base (index 0) or a variant. */
typedef struct column {
    const char *name;
    const char *description;
    const char **sets;
    size_t nsets;
    int is_scenario;
    ars_model *model; /* NULL for the base */
    ars_result *res;
    cJSON *json;
    int warm;
    double seconds;
} column;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ------------------------------------------------------ JSON helpers */

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* For printing: "" instead of NULL. */
static const char *pstr(const cJSON *o, const char *key)
{
    const char *s = str(o, key);
    return s ? s : "";
}

/* The item of array `arr` whose member `key` is the string `id`. */
static const cJSON *find_by(const cJSON *arr, const char *key, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, arr)
    {
        const char *s = str(e, key);
        if (s && id && strcmp(s, id) == 0)
            return e;
    }
    return NULL;
}

static cJSON *number_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(v) : cJSON_CreateNull();
}

/* true / false from the result's verification, null when not checked. */
static cJSON *verified_json(const ars_result *r)
{
    int v = ars_result_verified(r);
    return v < 0 ? cJSON_CreateNull() : cJSON_CreateBool(v);
}

/* The library's diff of the variant against the base, its members moved
 * into v after the variant's own. 0 on out of memory. */
static int add_diff(cJSON *v, const cJSON *base, const cJSON *variant, int top)
{
    cJSON *diff = ars_result_diff(base, variant, top);
    if (!diff)
        return 0;
    while (diff->child) {
        cJSON *it = cJSON_DetachItemViaPointer(diff, diff->child);
        cJSON_AddItemToObject(v, it->string, it);
    }
    cJSON_Delete(diff);
    return 1;
}

static cJSON *build_report(const ars_model *base, column *cols, int ncols, int top)
{
    cJSON *root = cJSON_CreateObject(), *arr, *o;
    int i;
    size_t k;
    if (!root)
        return NULL;
    if (!cJSON_AddItemToObject(root, "model",
                               ars_model_name(base) ? cJSON_CreateString(ars_model_name(base))
                                                    : cJSON_CreateNull()) ||
        !cJSON_AddItemToObject(root, "periods", cJSON_Duplicate(get(cols[0].json, "periods"), 1)) ||
        !cJSON_AddItemToObject(root, "solver",
                               cJSON_Duplicate(get(get(cols[0].json, "solver"), "backend"), 0)))
        goto oom;
    o = cJSON_AddObjectToObject(root, "base");
    if (!o || !cJSON_AddStringToObject(o, "status", ars_result_status(cols[0].res)) ||
        !cJSON_AddItemToObject(o, "verified", verified_json(cols[0].res)) ||
        !cJSON_AddItemToObject(o, "shortfall",
                               number_or_null(num(get(cols[0].json, "objective"), "shortfall"))) ||
        !cJSON_AddItemToObject(o, "cost",
                               number_or_null(num(get(cols[0].json, "objective"), "cost"))) ||
        !cJSON_AddNumberToObject(o, "seconds", round(cols[0].seconds * 1e4) / 1e4))
        goto oom;
    arr = cJSON_AddArrayToObject(root, "variants");
    if (!arr)
        goto oom;
    for (i = 1; i < ncols; i++) {
        cJSON *v = cJSON_CreateObject(), *sets;
        if (!v || !cJSON_AddItemToArray(arr, v) ||
            !cJSON_AddStringToObject(v, "name", cols[i].name) ||
            !cJSON_AddItemToObject(v, "description",
                                   cols[i].description ? cJSON_CreateString(cols[i].description)
                                                       : cJSON_CreateNull()) ||
            !(sets = cJSON_AddArrayToObject(v, "set")))
            goto oom;
        for (k = 0; k < cols[i].nsets; k++)
            if (!cJSON_AddItemToArray(sets, cJSON_CreateString(cols[i].sets[k])))
                goto oom;
        if (!cJSON_AddStringToObject(v, "status", ars_result_status(cols[i].res)) ||
            !cJSON_AddItemToObject(v, "verified", verified_json(cols[i].res)) ||
            !cJSON_AddBoolToObject(v, "warm", cols[i].warm) ||
            !cJSON_AddNumberToObject(v, "seconds", round(cols[i].seconds * 1e4) / 1e4) ||
            !add_diff(v, cols[0].json, cols[i].json, top))
            goto oom;
    }
    return root;
oom:
    cJSON_Delete(root);
    return NULL;
}

/* ----------------------------------------------------------- table */

/* How a cell's numbers read: units, a share, or money. */
enum { AS_AMOUNT, AS_PERCENT, AS_MONEY };

static void fmt_num(char *out, size_t n, double v, int as)
{
    if (!isfinite(v))
        snprintf(out, n, "-");
    else if (as == AS_MONEY)
        ars_format_number(out, n, v, ARS_FMT_MONEY);
    else
        ars_format_number(out, n, v, ARS_FMT_AMOUNT);
}

static void fmt_delta(char *out, size_t n, double d, int as)
{
    if (as == AS_PERCENT) {
        snprintf(out, n, "%+.1f", d * 100);
        return;
    }
    ars_format_number(out, n, d, (as == AS_MONEY ? ARS_FMT_MONEY : ARS_FMT_SIG6) | ARS_FMT_SIGNED);
}

/* "value (+delta)" for a variant cell; the base cell is the value alone. */
static void cell(char *out, size_t n, const cJSON *t, int is_base, int as)
{
    double b = num(t, "base"), v = num(t, "variant"), d = num(t, "delta");
    char x[40], y[40];
    double val = is_base ? b : v;
    if (as == AS_PERCENT)
        snprintf(x, sizeof x, isfinite(val) ? "%.1f%%" : "-", val * 100);
    else
        fmt_num(x, sizeof x, val, as);
    if (is_base || !isfinite(d) || d == 0) {
        snprintf(out, n, "%s", x);
        return;
    }
    fmt_delta(y, sizeof y, d, as);
    snprintf(out, n, "%s (%s)", x, y);
}

#define NAMEW 26
#define COLW 27

/* One row: a label, then for each variant the cell of the triple found by
 * `pick` (the base column uses the first variant's triple's base value). */
static void row_triples(FILE *fp, const char *label, const cJSON *variants, const char *section,
                        const char *idkey, const char *id, const char *field, int as)
{
    const cJSON *v;
    int first = 1;
    char c[128];
    fprintf(fp, "%-*.*s", NAMEW, NAMEW, label);
    cJSON_ArrayForEach(v, variants)
    {
        const cJSON *t = section ? get(find_by(get(v, section), idkey, id), field) : get(v, field);
        if (first) {
            cell(c, sizeof c, t, 1, as);
            fprintf(fp, " %-*s", COLW, c);
            first = 0;
        }
        cell(c, sizeof c, t, 0, as);
        fprintf(fp, " %-*s", COLW, c);
    }
    fputc('\n', fp);
}

/* Largest magnitude first: |value|, or |delta| of a changed one. */
static double bottleneck_size(const cJSON *e)
{
    const cJSON *t = get(e, "value");
    double v = cJSON_IsObject(t) ? num(t, "delta") : num(e, "value");
    return isfinite(v) ? fabs(v) : 0;
}

static int cmp_bottleneck_size(const void *a, const void *b)
{
    double x = bottleneck_size(*(const cJSON *const *)a),
           y = bottleneck_size(*(const cJSON *const *)b);
    return x < y ? 1 : x > y ? -1 : 0;
}

/* One list of the bottleneck comparison, the `top` largest, and how many
 * more the JSON has. Returns 1 when it printed anything. */
static int print_bottlenecks(FILE *fp, const cJSON *arr, const char *what, int top)
{
    const cJSON *e, **v;
    int n = cJSON_GetArraySize(arr), k = 0, i;
    char a[40], b[40];
    if (n <= 0)
        return 0;
    v = malloc(sizeof *v * (size_t)n);
    if (!v)
        return 0;
    cJSON_ArrayForEach(e, arr) v[k++] = e;
    qsort(v, (size_t)k, sizeof *v, cmp_bottleneck_size);
    for (i = 0; i < k && i < top; i++) {
        const cJSON *t = get(v[i], "value");
        if (cJSON_IsObject(t)) {
            ars_format_number(a, sizeof a, num(t, "base"), ARS_FMT_SIG6);
            ars_format_number(b, sizeof b, num(t, "variant"), ARS_FMT_SIG6);
            fprintf(fp, "  bottleneck %-10s %s %s -> %s\n", what, pstr(v[i], "id"), a, b);
        } else {
            double x = num(v[i], "value");
            ars_format_number(a, sizeof a, x, ARS_FMT_SIG6);
            /* Value is the shortfall value: 0 is a limit on cost alone. */
            if (x == 0)
                fprintf(fp, "  bottleneck %-10s %s (on cost only)\n", what, pstr(v[i], "id"));
            else
                fprintf(fp, "  bottleneck %-10s %s (%s %s)\n", what, pstr(v[i], "id"),
                        strcmp(what, "went away:") == 0 ? "was" : "value", a);
        }
    }
    if (k > top)
        fprintf(fp, "  ... and %d more %s (the JSON lists them all)\n", k - top,
                strcmp(what, "changed:") == 0 ? "changed"
                : what[0] == 'a'              ? "appeared"
                                              : "gone");
    free(v);
    return 1;
}

/* What print_table prints: the comparison and its --top. */
typedef struct table_args {
    const cJSON *report;
    int top;
} table_args;

static void print_table(FILE *fp, const void *arg)
{
    const table_args *ta = arg;
    const cJSON *rep = ta->report;
    int top = ta->top;
    const cJSON *variants = get(rep, "variants"), *v, *first = cJSON_GetArrayItem(variants, 0);
    const cJSON *e;
    const char *model = str(rep, "model");
    int any;
    fprintf(fp, "arsenal whatif: %s\n\n", model ? model : "model");
    fprintf(fp, "%-*s %-*s", NAMEW, "", COLW, "base");
    cJSON_ArrayForEach(v, variants) fprintf(fp, " %-*.*s", COLW, COLW, pstr(v, "name"));
    fputc('\n', fp);
    fprintf(fp, "%-*s %-*s", NAMEW, "status", COLW, pstr(get(rep, "base"), "status"));
    cJSON_ArrayForEach(v, variants)
    {
        char s[64];
        snprintf(s, sizeof s, "%s%s", pstr(v, "status"),
                 cJSON_IsTrue(get(v, "warm")) ? " (warm)" : "");
        fprintf(fp, " %-*s", COLW, s);
    }
    fputc('\n', fp);
    row_triples(fp, "weighted shortfall", variants, NULL, NULL, NULL, "shortfall", AS_AMOUNT);
    row_triples(fp, "cost", variants, NULL, NULL, NULL, "cost", AS_MONEY);
    row_triples(fp, "variation", variants, NULL, NULL, NULL, "variation", AS_AMOUNT);

    if (cJSON_GetArraySize(get(first, "requirements")) > 0) {
        fprintf(fp, "\nshortfall by requirement\n");
        cJSON_ArrayForEach(e, get(first, "requirements")) row_triples(
            fp, str(e, "id"), variants, "requirements", "id", str(e, "id"), "shortfall", AS_AMOUNT);
        fprintf(fp, "\nfill rate\n");
        cJSON_ArrayForEach(e, get(first, "requirements"))
            row_triples(fp, str(e, "id"), variants, "requirements", "id", str(e, "id"), "fill_rate",
                        AS_PERCENT);
    }
    if (cJSON_GetArraySize(get(first, "funds")) > 0) {
        fprintf(fp, "\nspend by fund\n");
        cJSON_ArrayForEach(e, get(first, "funds")) row_triples(
            fp, pstr(e, "id"), variants, "funds", "id", str(e, "id"), "spent", AS_MONEY);
    }

    /* Per-variant lists: bottlenecks, licences, lines. */
    cJSON_ArrayForEach(v, variants)
    {
        const cJSON *bn = get(v, "bottlenecks");
        char a[40], b[40], dd[40];
        fprintf(fp, "\n%s vs base", pstr(v, "name"));
        if (str(v, "description"))
            fprintf(fp, ": %s", str(v, "description"));
        fputc('\n', fp);
        any = 0;
        if (bn) {
            any |= print_bottlenecks(fp, get(bn, "appeared"), "appeared:", top);
            any |= print_bottlenecks(fp, get(bn, "went_away"), "went away:", top);
            any |= print_bottlenecks(fp, get(bn, "changed"), "changed:", top);
        }
        cJSON_ArrayForEach(e, get(v, "licences"))
        {
            fprintf(fp, "  licence %s approved: %s -> %s\n", pstr(e, "id"),
                    str(e, "base") ? str(e, "base") : "never",
                    str(e, "variant") ? str(e, "variant") : "never");
            any = 1;
        }
        cJSON_ArrayForEach(e, get(v, "products"))
        {
            const cJSON *t = get(e, "output"), *l;
            double d = num(t, "delta");
            if (isfinite(d) && d != 0) {
                fmt_num(a, sizeof a, num(t, "base"), AS_AMOUNT);
                fmt_num(b, sizeof b, num(t, "variant"), AS_AMOUNT);
                fmt_delta(dd, sizeof dd, d, AS_AMOUNT);
                fprintf(fp, "  output of %s: %s -> %s (%s)\n", pstr(e, "product"), a, b, dd);
            } else
                fprintf(fp, "  output of %s: the same in total, moved between lines\n",
                        pstr(e, "product"));
            cJSON_ArrayForEach(l, get(e, "lines"))
            {
                const cJSON *lt = get(l, "output");
                fmt_num(a, sizeof a, num(lt, "base"), AS_AMOUNT);
                fmt_num(b, sizeof b, num(lt, "variant"), AS_AMOUNT);
                fmt_delta(dd, sizeof dd, num(lt, "delta"), AS_AMOUNT);
                fprintf(fp, "      %-28s %s -> %s (%s)\n", pstr(l, "line"), a, b, dd);
            }
            any = 1;
        }
        if (!any)
            fprintf(fp, "  no change in bottlenecks, licence approvals or line output\n");
    }
}

/* ------------------------------------------------------ scenarios */

static int list_scenarios(const ars_model *m, const char *format, char **text, size_t *len)
{
    const cJSON *sc = get(ars_model_json(m), "scenarios"), *e, *s;
    FILE *mem = open_memstream(text, len);
    if (!mem)
        return -1;
    if (strcmp(format, "json") == 0) {
        cJSON *out = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(out, "scenarios");
        char *p;
        cJSON_ArrayForEach(e, sc)
        {
            cJSON *o;
            if (e->string[0] == '_')
                continue;
            o = cJSON_CreateObject();
            cJSON_AddItemToArray(arr, o);
            cJSON_AddStringToObject(o, "name", e->string);
            cJSON_AddItemToObject(o, "description",
                                  str(e, "description") ? cJSON_CreateString(str(e, "description"))
                                                        : cJSON_CreateNull());
            cJSON_AddItemToObject(o, "set", cJSON_Duplicate(get(e, "set"), 1));
        }
        p = cJSON_Print(out);
        cJSON_Delete(out);
        if (!p) {
            fclose(mem);
            return -1;
        }
        fprintf(mem, "%s\n", p);
        cJSON_free(p);
    } else {
        if (ars_model_scenario_count(m) == 0)
            fprintf(mem, "the model has no scenarios\n");
        cJSON_ArrayForEach(e, sc)
        {
            if (e->string[0] == '_')
                continue;
            fprintf(mem, "%s%s%s\n", e->string, str(e, "description") ? ": " : "",
                    str(e, "description") ? str(e, "description") : "");
            cJSON_ArrayForEach(s, get(e, "set")) if (cJSON_IsString(s))
                fprintf(mem, "    %s\n", s->valuestring);
        }
    }
    return fclose(mem) == 0 ? 0 : -1;
}

/* ----------------------------------------------------------- main */

static int need_value(int i, int argc, const char *opt)
{
    if (i + 1 >= argc) {
        fprintf(stderr, "arsenal whatif: %s needs a value\n", opt);
        return 0;
    }
    return 1;
}

/* A variant's name is a column heading and a JSON value: an id, as
 * scenario names are, and not the base's. */
static int valid_variant_name(const char *s)
{
    size_t n = strlen(s), k;
    if (n == 0 || n > 64 || strcmp(s, "base") == 0)
        return 0;
    for (k = 0; k < n; k++)
        if (!(isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
            return 0;
    return 1;
}

static void print_err(const char *what, const ars_error *err)
{
    fprintf(stderr, "arsenal whatif: %s%s%s\n", what, what[0] ? ": " : "", err->message);
}

int ars_cli_whatif(int argc, char **argv)
{
    const char *path = NULL, *format = NULL, *output = NULL;
    const char **sets = NULL;
    spec *scen = NULL;
    size_t nsets = 0, nscen = 0;
    int list = 0, all = 0, cold = 0, explain = 1, quiet = 0, top = 5, i, ncols = 0, rc;
    int exit_code = ARS_EXIT_OK;
    double time_limit = 0;
    ars_model *base = NULL;
    ars_diag d;
    ars_error err;
    ars_solve_opts opts;
    ars_session *sess = NULL;
    column *cols = NULL;
    char *text = NULL;
    size_t len = 0, k;
    cJSON *rep = NULL;

    sets = calloc((size_t)argc, sizeof *sets);
    scen = calloc((size_t)argc + 1, sizeof *scen);
    if (!sets || !scen) {
        free(sets);
        free(scen);
        fprintf(stderr, "arsenal whatif: out of memory\n");
        return ARS_EXIT_FAIL;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            exit_code = ARS_EXIT_OK;
            goto done_args;
        } else if (strcmp(a, "--set") == 0) {
            if (!need_value(i, argc, a))
                goto usage_err;
            sets[nsets++] = argv[++i];
        } else if (strncmp(a, "--set=", 6) == 0) {
            sets[nsets++] = a + 6;
        } else if (strcmp(a, "--scenario") == 0) {
            if (!need_value(i, argc, a))
                goto usage_err;
            scen[nscen++].name = argv[++i];
        } else if (strncmp(a, "--scenario=", 11) == 0) {
            scen[nscen++].name = a + 11;
        } else if (strcmp(a, "--variant") == 0) {
            spec *v = &scen[nscen];
            size_t j;
            if (!need_value(i, argc, a))
                goto usage_err;
            v->name = argv[++i];
            v->is_variant = 1;
            v->first = i + 1;
            while (i + 1 < argc && argv[i + 1][0] != '-' && strchr(argv[i + 1], '='))
                i++, v->n++;
            if (!valid_variant_name(v->name) || v->n == 0) {
                fprintf(stderr,
                        "arsenal whatif: --variant NAME PATH=VALUE...: a name (letters, digits, _ "
                        "-; not base) and at least one assignment, not '%s'%s\n",
                        v->name, v->n ? "" : " alone");
                goto usage_err;
            }
            for (j = 0; j < nscen; j++)
                if (strcmp(scen[j].name, v->name) == 0) {
                    fprintf(stderr, "arsenal whatif: two variants named '%s'\n", v->name);
                    goto usage_err;
                }
            nscen++;
        } else if (strcmp(a, "--format") == 0 || strcmp(a, "--output") == 0 ||
                   strcmp(a, "--top") == 0 || strcmp(a, "--time-limit") == 0) {
            char *end;
            if (!need_value(i, argc, a))
                goto usage_err;
            i++;
            if (a[2] == 'f') {
                format = argv[i];
            } else if (a[2] == 'o') {
                output = argv[i];
            } else if (a[3] == 'o') {
                long t;
                errno = 0;
                t = strtol(argv[i], &end, 10);
                if (errno || *end || end == argv[i] || t < 0 || t > 100000) {
                    fprintf(stderr, "arsenal whatif: --top expects a count 0..100000, not '%s'\n",
                            argv[i]);
                    goto usage_err;
                }
                top = (int)t;
            } else {
                errno = 0;
                time_limit = strtod(argv[i], &end);
                if (errno || *end || end == argv[i] || !isfinite(time_limit) || time_limit <= 0) {
                    fprintf(stderr, "arsenal whatif: --time-limit expects seconds > 0, not '%s'\n",
                            argv[i]);
                    goto usage_err;
                }
            }
        } else if (strcmp(a, "--list-scenarios") == 0) {
            list = 1;
        } else if (strcmp(a, "--all-scenarios") == 0) {
            all = 1;
        } else if (strcmp(a, "--cold") == 0) {
            cold = 1;
        } else if (strcmp(a, "--no-explain") == 0) {
            explain = 0;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "arsenal whatif: unknown option '%s'\n", a);
            usage(stderr);
            goto usage_err;
        } else if (path) {
            fprintf(stderr, "arsenal whatif: one model at a time ('%s' and '%s')\n", path, a);
            goto usage_err;
        } else {
            path = a;
        }
    }
    if (!format)
        format = !output && isatty(STDOUT_FILENO) ? "table" : "json";
    if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr, "arsenal whatif: --format must be table or json, not '%s'\n", format);
        goto usage_err;
    }

    if ((exit_code = ars_cli_load_model("whatif", path, quiet, &base)) != ARS_EXIT_OK)
        goto done_args;
    ars_error_clear(&err);

    if (list) {
        if (list_scenarios(base, format, &text, &len) != 0) {
            fprintf(stderr, "arsenal whatif: out of memory\n");
            exit_code = ARS_EXIT_FAIL;
            goto done;
        }
        goto write;
    }
    if (all) {
        size_t ns = ars_model_scenario_count(base);
        spec *more = realloc(scen, (nscen + ns + 1) * sizeof *scen);
        if (!more) {
            fprintf(stderr, "arsenal whatif: out of memory\n");
            exit_code = ARS_EXIT_FAIL;
            goto done;
        }
        scen = more;
        for (k = 0; k < ns; k++) {
            memset(&scen[nscen], 0, sizeof scen[nscen]);
            scen[nscen++].name = ars_model_scenario_name(base, k);
        }
    }
    if (nsets == 0 && nscen == 0) {
        fprintf(stderr, "arsenal whatif: nothing to compare: give --set PATH=VALUE, --scenario "
                        "NAME or --variant NAME PATH=VALUE... (--list-scenarios shows the "
                        "model's scenarios)\n");
        exit_code = ARS_EXIT_USAGE;
        goto done;
    }

    /* Build every variant before solving anything: a typo fails at once. */
    cols = calloc(1 + nscen + (nsets ? 1 : 0), sizeof *cols);
    if (!cols) {
        fprintf(stderr, "arsenal whatif: out of memory\n");
        exit_code = ARS_EXIT_FAIL;
        goto done;
    }
    cols[ncols++].name = "base";
    for (k = 0; k < nscen; k++) {
        column *c = &cols[ncols];
        size_t s;
        const cJSON *js;
        if (scen[k].is_variant) {
            ars_diag_init(&d);
            rc = ars_model_apply(base, (const char *const *)argv + scen[k].first, (size_t)scen[k].n,
                                 &c->model, &d, &err);
            if (rc) {
                if (rc == ARS_EINVALID)
                    ars_diag_print(&d, scen[k].name, stderr);
                print_err(scen[k].name, &err);
                ars_diag_free(&d);
                exit_code = rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
                goto done;
            }
            ars_diag_free(&d);
            ncols++;
            c->name = scen[k].name;
            c->sets = (const char **)argv + scen[k].first;
            c->nsets = (size_t)scen[k].n;
            continue;
        }
        js = get(get(ars_model_json(base), "scenarios"), scen[k].name);
        ars_diag_init(&d);
        rc = ars_model_apply_scenario(base, scen[k].name, &c->model, &d, &err);
        if (rc) {
            if (rc == ARS_EINVALID)
                ars_diag_print(&d, scen[k].name, stderr);
            print_err("", &err);
            ars_diag_free(&d);
            exit_code = rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
            goto done;
        }
        ars_diag_free(&d);
        ncols++;
        c->name = scen[k].name;
        c->is_scenario = 1;
        c->description = str(js, "description");
        c->nsets = (size_t)cJSON_GetArraySize(get(js, "set"));
        c->sets = calloc(c->nsets ? c->nsets : 1, sizeof *c->sets);
        if (!c->sets) {
            exit_code = ARS_EXIT_FAIL;
            goto done;
        }
        s = 0;
        {
            const cJSON *x;
            cJSON_ArrayForEach(x, get(js, "set")) c->sets[s++] =
                cJSON_IsString(x) ? x->valuestring : "";
        }
    }
    if (nsets) {
        column *c = &cols[ncols];
        ars_diag_init(&d);
        rc = ars_model_apply(base, sets, nsets, &c->model, &d, &err);
        if (rc) {
            if (rc == ARS_EINVALID)
                ars_diag_print(&d, "--set", stderr);
            print_err("--set", &err);
            ars_diag_free(&d);
            exit_code = rc == ARS_ENOMEM ? ARS_EXIT_FAIL : ARS_EXIT_USAGE;
            goto done;
        }
        ars_diag_free(&d);
        ncols++;
        c->name = "set";
        c->sets = sets;
        c->nsets = nsets;
    }

    ars_solve_opts_default(&opts);
    opts.time_limit = time_limit;
    opts.explain = explain;
    /* Ranges are not shown, but ranging tests each price for uniqueness
     * (ranging.c) and a degenerate one is left out of the comparison:
     * without it a warm and a cold solve at the same optimum may still
     * price differently. */
    opts.ranging = explain;
    if (!cold) {
        rc = ars_session_create(base, &opts, &sess, &err);
        if (rc) {
            print_err("", &err);
            exit_code = rc == ARS_EINVALID || rc == ARS_ELIMIT ? ARS_EXIT_USAGE : ARS_EXIT_FAIL;
            goto done;
        }
    }
    for (i = 0; i < ncols; i++) {
        const ars_model *m = i == 0 ? base : cols[i].model;
        double t0 = now_s();
        if (cold)
            rc = ars_solve(m, &opts, &cols[i].res, &err);
        else
            rc = ars_session_solve(sess, m, &cols[i].res, &cols[i].warm, &err);
        cols[i].seconds = now_s() - t0;
        if (rc != ARS_OK && !cols[i].res) {
            fprintf(stderr, "arsenal whatif: solving %s: %s\n", cols[i].name, err.message);
            exit_code = rc == ARS_EINVALID ? ARS_EXIT_USAGE : ARS_EXIT_FAIL;
            goto done;
        }
        if (rc != ARS_OK && !quiet)
            fprintf(stderr, "arsenal whatif: %s: %s\n", cols[i].name, err.message);
        cols[i].json = ars_result_to_json(cols[i].res);
        if (!cols[i].json) {
            fprintf(stderr, "arsenal whatif: out of memory\n");
            exit_code = ARS_EXIT_FAIL;
            goto done;
        }
        {
            const char *st = ars_result_status(cols[i].res);
            if (strcmp(st, "error") == 0)
                exit_code = ARS_EXIT_FAIL;
            else if (strcmp(st, "optimal") != 0 && strcmp(st, "feasible") != 0 &&
                     exit_code == ARS_EXIT_OK)
                exit_code = ARS_EXIT_NOTE;
            if (!quiet && strcmp(st, "optimal") != 0)
                fprintf(stderr, "arsenal whatif: %s: status %s\n", cols[i].name, st);
            if (ars_result_verified(cols[i].res) == 0) {
                /* Loud even with --quiet, as in arsenal solve. */
                fprintf(stderr,
                        "arsenal whatif: WARNING: %s: the plan does not satisfy the model when "
                        "recomputed; see \"verification\" in its result\n",
                        cols[i].name);
                /* A wrong plan outweighs a missing one: 4 over 1, as one
                 * unverified plan makes `arsenal solve` exit 4. */
                if (exit_code == ARS_EXIT_OK || exit_code == ARS_EXIT_NOTE)
                    exit_code = ARS_EXIT_UNVERIFIED;
            }
        }
    }

    rep = build_report(base, cols, ncols, top);
    if (!rep) {
        fprintf(stderr, "arsenal whatif: out of memory\n");
        exit_code = ARS_EXIT_FAIL;
        goto done;
    }
    if (strcmp(format, "json") == 0)
        text = ars_cli_json_text(rep, &len);
    else {
        table_args ta = {rep, top};
        text = ars_cli_table_text(print_table, &ta, &len);
    }
    if (!text) {
        fprintf(stderr, "arsenal whatif: out of memory formatting the comparison\n");
        exit_code = ARS_EXIT_FAIL;
        goto done;
    }
write:
    if (ars_cli_write("whatif", output, text, len) != ARS_EXIT_OK)
        exit_code = ARS_EXIT_FAIL;
done:
    free(text);
    cJSON_Delete(rep);
    if (cols) {
        for (i = 0; i < ncols; i++) {
            cJSON_Delete(cols[i].json);
            ars_result_free(cols[i].res);
            if (cols[i].is_scenario)
                free(cols[i].sets);
        }
        /* Results refer to their models: free the models after them. */
        for (i = 0; i < ncols; i++)
            ars_model_free(cols[i].model);
        free(cols);
    }
    ars_session_free(sess);
    ars_model_free(base);
done_args:
    free(sets);
    free(scen);
    return exit_code;
usage_err:
    free(sets);
    free(scen);
    return ARS_EXIT_USAGE;
}
