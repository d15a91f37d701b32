/* study.c - the study format (docs/studies.md): parsing, points, shards.
 *
 * Parsing here is the syntax and the arithmetic of a study; checking its
 * paths against a model (which needs the parameter-path module) is in
 * study_check.c, so this file can be tested on its own. */
#include "batch/batch.h"
#include "model/model.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[] = {"grid", "tornado", "monte_carlo"};
static const char *const dist_names[] = {"uniform", "normal", "triangular", "randint", "choice"};
#define NDISTS 5

static int nomem(ars_error *err)
{
    return ars_error_set(err, ARS_ENOMEM, "", "out of memory while reading the study");
}

void ars_study_strings_free(char **v, size_t n)
{
    size_t i;
    if (!v)
        return;
    for (i = 0; i < n; i++)
        ars__free(v[i]);
    ars__free(v);
}

static void param_free(ars__study_param *p)
{
    ars__free(p->path);
    ars__free(p->name);
    ars_study_strings_free(p->values, p->nvalues);
    ars__free(p->num);
    ars__free(p->choices);
}

void ars_study_free(ars_study *s)
{
    size_t i;
    if (!s)
        return;
    if (s->cleanup)
        s->cleanup(s);
    for (i = 0; i < s->nparams; i++)
        param_free(&s->params[i]);
    ars__free(s->params);
    for (i = 0; i < s->nmetrics; i++) {
        ars__free(s->metrics[i].name);
        ars__free(s->metrics[i].path);
    }
    ars__free(s->metrics);
    ars_study_strings_free(s->sets, s->nsets);
    ars__free(s);
}

const ars_model *ars__study_model(const ars_study *s)
{
    return s->patched ? s->patched : s->base;
}

ars_study_type ars_study_get_type(const ars_study *s)
{
    return (ars_study_type)s->type;
}

const char *ars_study_type_name(const ars_study *s)
{
    return type_names[s->type];
}

size_t ars_study_npoints(const ars_study *s)
{
    return s->npoints;
}

size_t ars_study_nparams(const ars_study *s)
{
    return s->nparams;
}

const char *ars_study_param_name(const ars_study *s, size_t j)
{
    return j < s->nparams ? s->params[j].name : NULL;
}

size_t ars_study_nmetrics(const ars_study *s)
{
    return s->nmetrics;
}

const char *ars_study_metric_name(const ars_study *s, size_t k)
{
    return k < s->nmetrics ? s->metrics[k].name : NULL;
}

/* ------------------------------------------------------------ parsing */

/* ptr + suffix into out, cut to fit (pointers here are short). */
static void subptr(char *out, size_t n, const char *ptr, const char *suffix)
{
    size_t a = strlen(ptr), b = strlen(suffix);
    if (a >= n)
        a = n - 1;
    memcpy(out, ptr, a);
    if (b > n - 1 - a)
        b = n - 1 - a;
    memcpy(out + a, suffix, b);
    out[a + b] = '\0';
}

/* A JSON number that is an integer in [lo, hi]. */
static int get_count(const cJSON *v, const char *ptr, double lo, double hi, size_t *out,
                     ars_error *err)
{
    double d;
    if (!cJSON_IsNumber(v))
        return ars_error_set(err, ARS_ESTUDY, ptr, "expected an integer in [%g, %g]", lo, hi);
    d = v->valuedouble;
    if (!isfinite(d) || d != floor(d) || d < lo || d > hi)
        return ars_error_set(err, ARS_ESTUDY, ptr, "expected an integer in [%g, %g], found %.17g",
                             lo, hi, d);
    *out = (size_t)d;
    return ARS_OK;
}

static int get_number(const cJSON *v, const char *ptr, double *out, ars_error *err)
{
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return ars_error_set(err, ARS_ESTUDY, ptr, "expected a finite number");
    *out = v->valuedouble;
    return ARS_OK;
}

/* Unknown members are errors (a typo must not be ignored); members whose
 * name starts with '_' are comments. */
static int check_members(const cJSON *obj, const char *ptr, const char *const *allowed,
                         ars_error *err)
{
    const cJSON *it;
    size_t i;
    cJSON_ArrayForEach(it, obj)
    {
        int ok = it->string && it->string[0] == '_';
        for (i = 0; !ok && allowed[i]; i++)
            ok = strcmp(it->string, allowed[i]) == 0;
        if (!ok) {
            char p[256];
            snprintf(p, sizeof p, "%s/%s", ptr, it->string ? it->string : "");
            return ars_error_set(err, ARS_ESTUDY, p,
                                 "unknown field '%s' (expected one of the "
                                 "fields listed in docs/studies.md)",
                                 it->string ? it->string : "");
        }
    }
    return ARS_OK;
}

static char *fmt_num(double v)
{
    char buf[40];
    ars__num_text(buf, sizeof buf, v);
    return ars__strdup(buf);
}

static int set_names(ars__study_param *p)
{
    size_t n = strlen(p->path);
    p->name = ars__malloc(n + 2);
    if (!p->name)
        return ARS_ENOMEM;
    memcpy(p->name, p->path, n);
    p->name[n] = p->scale ? '*' : '\0';
    p->name[n + 1] = '\0';
    return ARS_OK;
}

static int check_path_text(const char *path, const char *ptr, ars_error *err)
{
    const char *c;
    if (!path[0])
        return ars_error_set(err, ARS_ESTUDY, ptr, "expected a parameter path, found \"\"");
    for (c = path; *c; c++)
        if ((unsigned char)*c < 0x20)
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "parameter path \"%s\" holds a character that paths do not use",
                                 path);
    return ARS_OK;
}

static int parse_grid_param(const cJSON *v, const char *ptr, ars__study_param *p, ars_error *err)
{
    static const char *const allowed[] = {"path", "values", "from", "to", "steps", "scale", NULL};
    const cJSON *path, *values, *from, *to, *steps, *scale, *it;
    char sub[256];
    size_t k;
    int rc;
    if (!cJSON_IsObject(v))
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "expected an object {\"path\", \"values\"} or {\"path\", \"from\", "
                             "\"to\", \"steps\"}");
    if ((rc = check_members(v, ptr, allowed, err)) != ARS_OK)
        return rc;
    path = cJSON_GetObjectItemCaseSensitive(v, "path");
    values = cJSON_GetObjectItemCaseSensitive(v, "values");
    from = cJSON_GetObjectItemCaseSensitive(v, "from");
    to = cJSON_GetObjectItemCaseSensitive(v, "to");
    steps = cJSON_GetObjectItemCaseSensitive(v, "steps");
    scale = cJSON_GetObjectItemCaseSensitive(v, "scale");
    subptr(sub, sizeof sub, ptr, "/path");
    if (!cJSON_IsString(path))
        return ars_error_set(err, ARS_ESTUDY, sub, "expected the parameter path as a string");
    if ((rc = check_path_text(path->valuestring, sub, err)) != ARS_OK)
        return rc;
    if (scale && !cJSON_IsBool(scale)) {
        subptr(sub, sizeof sub, ptr, "/scale");
        return ars_error_set(err, ARS_ESTUDY, sub, "expected true or false");
    }
    p->scale = cJSON_IsTrue(scale);
    if (!(p->path = ars__strdup(path->valuestring)) || set_names(p) != ARS_OK)
        return nomem(err);
    if (values && (from || to || steps)) {
        subptr(sub, sizeof sub, ptr, "/values");
        return ars_error_set(err, ARS_ESTUDY, sub,
                             "give either \"values\" or \"from\"/\"to\"/\"steps\", not both");
    }
    if (values) {
        subptr(sub, sizeof sub, ptr, "/values");
        if (!cJSON_IsArray(values) || cJSON_GetArraySize(values) < 1)
            return ars_error_set(err, ARS_ESTUDY, sub, "expected a non-empty array of values");
        p->nvalues = (size_t)cJSON_GetArraySize(values);
        if (p->nvalues > ARS__STUDY_MAX_POINTS)
            return ars_error_set(err, ARS_ELIMIT, sub, "at most %u values", ARS__STUDY_MAX_POINTS);
        p->values = ars__calloc(p->nvalues, sizeof *p->values);
        p->num = ars__calloc(p->nvalues, sizeof *p->num);
        if (!p->values || !p->num)
            return nomem(err);
        p->numeric = 1;
        k = 0;
        cJSON_ArrayForEach(it, values)
        {
            {
                char idx[32];
                snprintf(idx, sizeof idx, "/values/%zu", k);
                subptr(sub, sizeof sub, ptr, idx);
            }
            if (cJSON_IsNumber(it)) {
                if (!isfinite(it->valuedouble))
                    return ars_error_set(err, ARS_ESTUDY, sub, "expected a finite number");
                p->num[k] = it->valuedouble;
                p->values[k] = fmt_num(it->valuedouble);
            } else if (cJSON_IsString(it) && it->valuestring[0]) {
                char *end;
                double d;
                errno = 0;
                d = strtod(it->valuestring, &end);
                if (*end == '\0' && errno == 0 && isfinite(d) &&
                    !isspace((unsigned char)*it->valuestring)) {
                    p->num[k] = d;
                    p->values[k] = fmt_num(d);
                } else {
                    if (p->scale)
                        return ars_error_set(err, ARS_ESTUDY, sub,
                                             "a factor (\"scale\": true) must be a number, "
                                             "found \"%s\"",
                                             it->valuestring);
                    p->num[k] = NAN;
                    p->numeric = 0;
                    p->values[k] = ars__strdup(it->valuestring);
                }
            } else {
                return ars_error_set(err, ARS_ESTUDY, sub, "expected a number or a string");
            }
            if (!p->values[k])
                return nomem(err);
            k++;
        }
        return ARS_OK;
    }
    if (!from || !to || !steps)
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "a grid parameter needs \"values\" or all of \"from\", \"to\", "
                             "\"steps\"");
    subptr(sub, sizeof sub, ptr, "/from");
    if ((rc = get_number(from, sub, &p->from, err)) != ARS_OK)
        return rc;
    subptr(sub, sizeof sub, ptr, "/to");
    if ((rc = get_number(to, sub, &p->to, err)) != ARS_OK)
        return rc;
    subptr(sub, sizeof sub, ptr, "/steps");
    if ((rc = get_count(steps, sub, 1, 1e7, &p->nvalues, err)) != ARS_OK)
        return rc;
    if (p->nvalues == 1 && p->from != p->to)
        return ars_error_set(err, ARS_ESTUDY, sub,
                             "1 step cannot go from %.17g to %.17g (steps counts the values, "
                             "both ends included)",
                             p->from, p->to);
    p->from_range = 1;
    p->numeric = 1;
    p->values = ars__calloc(p->nvalues, sizeof *p->values);
    p->num = ars__calloc(p->nvalues, sizeof *p->num);
    if (!p->values || !p->num)
        return nomem(err);
    for (k = 0; k < p->nvalues; k++) {
        /* The last value is exactly `to`, not from + n * step rounded. */
        double x = k + 1 == p->nvalues
                       ? p->to
                       : p->from + (p->to - p->from) * (double)k / (double)(p->nvalues - 1);
        p->num[k] = x;
        if (!(p->values[k] = fmt_num(x)))
            return nomem(err);
    }
    return ARS_OK;
}

static int parse_tornado_param(const cJSON *v, const char *ptr, double delta, ars__study_param *p,
                               ars_error *err)
{
    static const char *const allowed[] = {"path", "delta", NULL};
    const cJSON *path = v, *d = NULL;
    char sub[256];
    int rc;
    p->delta = delta;
    subptr(sub, sizeof sub, ptr, "");
    if (cJSON_IsObject(v)) {
        if ((rc = check_members(v, ptr, allowed, err)) != ARS_OK)
            return rc;
        path = cJSON_GetObjectItemCaseSensitive(v, "path");
        d = cJSON_GetObjectItemCaseSensitive(v, "delta");
        subptr(sub, sizeof sub, ptr, "/path");
    }
    if (!cJSON_IsString(path))
        return ars_error_set(err, ARS_ESTUDY, sub,
                             "expected a parameter path (a string, or {\"path\", \"delta\"})");
    if ((rc = check_path_text(path->valuestring, sub, err)) != ARS_OK)
        return rc;
    if (d) {
        subptr(sub, sizeof sub, ptr, "/delta");
        if ((rc = get_number(d, sub, &p->delta, err)) != ARS_OK)
            return rc;
        if (!(p->delta > 0 && p->delta <= 1))
            return ars_error_set(err, ARS_ESTUDY, sub,
                                 "expected a fraction in (0, 1] (0.2 moves by 20%%), found %.17g",
                                 p->delta);
    }
    p->scale = 1;
    if (!(p->path = ars__strdup(path->valuestring)) || set_names(p) != ARS_OK)
        return nomem(err);
    return ARS_OK;
}

/* The bound on randint's ends: integers this large and their difference
 * are exact in a double. */
#define RANDINT_MAX 1e15

/* Reads "name(a,b[,c])" (choice: any number of values) into the
 * distribution and its arguments, p->path already set: errors name it. */
static int parse_dist_call(const char *text, const char *ptr, ars__study_param *p, ars_error *err)
{
    const char *open = strchr(text, '('), *c;
    double *args = NULL;
    size_t nargs = 0, cap = 0, want, n;
    int i;
    if (!open || text[strlen(text) - 1] != ')')
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "%s: expected uniform(a,b), normal(mu,sigma), triangular(a,mode,b), "
                             "randint(a,b) or choice(v1,v2,...) after the operation, found \"%s\"",
                             p->path, text);
    n = (size_t)(open - text);
    p->dist = -1;
    for (i = 0; i < NDISTS; i++)
        if (strlen(dist_names[i]) == n && strncmp(text, dist_names[i], n) == 0)
            p->dist = i;
    if (p->dist < 0)
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "%s: unknown distribution \"%.*s\" (expected uniform, normal, "
                             "triangular, randint or choice)",
                             p->path, (int)n, text);
    c = open + 1;
    while (*c == ' ')
        c++;
    while (*c != ')') {
        char *end;
        double v;
        if (nargs == 3 && p->dist != ARS__DIST_CHOICE) {
            ars__free(args);
            return ars_error_set(err, ARS_ESTUDY, ptr, "%s: too many arguments in \"%s\"", p->path,
                                 text);
        }
        errno = 0;
        v = strtod(c, &end);
        if (end == c || errno != 0 || !isfinite(v)) {
            ars__free(args);
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "%s: expected a finite number at \"%s\" in \"%s\"", p->path, c,
                                 text);
        }
        if (nargs == cap) {
            double *na = ars__realloc(args, sizeof *na * (cap ? 2 * cap : 4));
            if (!na) {
                ars__free(args);
                return nomem(err);
            }
            args = na;
            cap = cap ? 2 * cap : 4;
        }
        args[nargs++] = v;
        while (*end == ' ')
            end++;
        if (*end == ',')
            end++;
        else if (*end != ')') {
            ars__free(args);
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "%s: expected ',' or ')' at \"%s\" in \"%s\"", p->path, end, text);
        }
        c = end;
        while (*c == ' ')
            c++;
    }
    if (c[1] != '\0') {
        ars__free(args);
        return ars_error_set(err, ARS_ESTUDY, ptr, "%s: unexpected text after ')' in \"%s\"",
                             p->path, text);
    }
    if (p->dist == ARS__DIST_CHOICE) {
        if (nargs == 0)
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "%s: choice(v1,v2,...) needs at least one value, found \"%s\"",
                                 p->path, text);
        ars__free(p->choices);
        p->choices = args;
        p->nchoices = nargs;
        p->a = p->b = p->c = 0;
        return ARS_OK;
    }
    want = p->dist == ARS__DIST_TRIANGULAR ? 3 : 2;
    if (nargs != want) {
        ars__free(args);
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "%s: %s takes %zu arguments, found %zu in \"%s\"", p->path,
                             dist_names[p->dist], want, nargs, text);
    }
    p->a = args[0];
    p->b = args[1];
    p->c = nargs > 2 ? args[2] : 0;
    ars__free(args);
    if (p->dist == ARS__DIST_UNIFORM && !(p->a <= p->b))
        return ars_error_set(err, ARS_ESTUDY, ptr, "%s: uniform(a,b) needs a <= b, found \"%s\"",
                             p->path, text);
    if (p->dist == ARS__DIST_NORMAL && !(p->b >= 0))
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "%s: normal(mu,sigma) needs sigma >= 0, found \"%s\"", p->path, text);
    if (p->dist == ARS__DIST_TRIANGULAR && !(p->a <= p->b && p->b <= p->c))
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "%s: triangular(a,mode,b) needs a <= mode <= b, found \"%s\"", p->path,
                             text);
    if (p->dist == ARS__DIST_RANDINT) {
        if (p->a != floor(p->a) || p->b != floor(p->b) || fabs(p->a) > RANDINT_MAX ||
            fabs(p->b) > RANDINT_MAX)
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "%s: randint(a,b) needs integers a and b (at most 1e15 in "
                                 "magnitude), found \"%s\"",
                                 p->path, text);
        if (!(p->a <= p->b))
            return ars_error_set(err, ARS_ESTUDY, ptr,
                                 "%s: randint(a,b) needs a <= b, found \"%s\"", p->path, text);
    }
    return ARS_OK;
}

/* "PATH*~dist(...)" or "PATH=~dist(...)". The path itself may hold '=' in a
 * [key=value] selector, so the operation is the first '~' outside brackets. */
static int parse_vary_text(const char *text, const char *ptr, ars__study_param *p, ars_error *err)
{
    const char *c;
    int depth = 0;
    size_t n;
    int rc;
    for (c = text; *c; c++) {
        if (*c == '[')
            depth++;
        else if (*c == ']')
            depth--;
        else if (*c == '~' && depth == 0)
            break;
    }
    if (!*c || c == text || (c[-1] != '*' && c[-1] != '='))
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "expected PATH*~dist(...) (scale) or PATH=~dist(...) (set), found "
                             "\"%s\"",
                             text);
    p->scale = c[-1] == '*';
    n = (size_t)(c - 1 - text);
    if (!(p->path = ars__malloc(n + 1)))
        return nomem(err);
    memcpy(p->path, text, n);
    p->path[n] = '\0';
    if ((rc = check_path_text(p->path, ptr, err)) != ARS_OK)
        return rc;
    if (set_names(p) != ARS_OK)
        return nomem(err);
    return parse_dist_call(c + 1, ptr, p, err);
}

static int parse_mc_param(const cJSON *v, const char *ptr, ars__study_param *p, ars_error *err)
{
    static const char *const allowed[] = {"path", "scale", "distribution", "args", NULL};
    const cJSON *path, *scale, *dist, *args, *it;
    char sub[256];
    ars__buf call;
    int rc, first = 1;
    if (cJSON_IsString(v))
        return parse_vary_text(v->valuestring, ptr, p, err);
    if (!cJSON_IsObject(v))
        return ars_error_set(err, ARS_ESTUDY, ptr,
                             "expected \"PATH*~uniform(a,b)\" or {\"path\", \"scale\", "
                             "\"distribution\", \"args\"}");
    if ((rc = check_members(v, ptr, allowed, err)) != ARS_OK)
        return rc;
    path = cJSON_GetObjectItemCaseSensitive(v, "path");
    scale = cJSON_GetObjectItemCaseSensitive(v, "scale");
    dist = cJSON_GetObjectItemCaseSensitive(v, "distribution");
    args = cJSON_GetObjectItemCaseSensitive(v, "args");
    subptr(sub, sizeof sub, ptr, "/path");
    if (!cJSON_IsString(path))
        return ars_error_set(err, ARS_ESTUDY, sub, "expected the parameter path as a string");
    if ((rc = check_path_text(path->valuestring, sub, err)) != ARS_OK)
        return rc;
    if (scale && !cJSON_IsBool(scale)) {
        subptr(sub, sizeof sub, ptr, "/scale");
        return ars_error_set(err, ARS_ESTUDY, sub, "expected true or false");
    }
    p->scale = cJSON_IsTrue(scale);
    if (!(p->path = ars__strdup(path->valuestring)) || set_names(p) != ARS_OK)
        return nomem(err);
    subptr(sub, sizeof sub, ptr, "/distribution");
    if (!cJSON_IsString(dist))
        return ars_error_set(err, ARS_ESTUDY, sub,
                             "expected \"uniform\", \"normal\", \"triangular\", \"randint\" or "
                             "\"choice\"");
    subptr(sub, sizeof sub, ptr, "/args");
    if (!cJSON_IsArray(args))
        return ars_error_set(err, ARS_ESTUDY, sub, "expected an array of numbers");
    ars__buf_init(&call, 4096);
    ars__buf_printf(&call, "%s(", dist->valuestring);
    cJSON_ArrayForEach(it, args)
    {
        char num[40];
        if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble)) {
            ars__buf_free(&call);
            return ars_error_set(err, ARS_ESTUDY, sub, "expected an array of finite numbers");
        }
        ars__num_text(num, sizeof num, it->valuedouble);
        ars__buf_printf(&call, "%s%s", first ? "" : ",", num);
        first = 0;
    }
    ars__buf_puts(&call, ")");
    if (call.failed) {
        ars__buf_free(&call);
        return nomem(err);
    }
    rc = parse_dist_call(call.data, ptr, p, err);
    ars__buf_free(&call);
    return rc;
}

static int add_metric(ars_study *s, const char *name, const char *path, int user)
{
    ars__study_metric *m;
    if (s->nmetrics % 16 == 0) {
        m = ars__realloc(s->metrics, (s->nmetrics + 16) * sizeof *m);
        if (!m)
            return ARS_ENOMEM;
        s->metrics = m;
    }
    m = &s->metrics[s->nmetrics];
    m->name = ars__strdup(name);
    m->path = ars__strdup(path);
    m->user = user;
    if (!m->name || !m->path) {
        ars__free(m->name);
        ars__free(m->path);
        return ARS_ENOMEM;
    }
    s->nmetrics++;
    return ARS_OK;
}

/* Default metrics: the two objective terms, then each requirement's
 * shortfall and fill rate (names are also their result paths). */
static int add_default_metrics(ars_study *s, const ars_model *m)
{
    int r;
    char buf[200], path[220];
    if (add_metric(s, "shortfall", "objective.shortfall", 0) != ARS_OK ||
        add_metric(s, "cost", "objective.cost", 0) != ARS_OK)
        return ARS_ENOMEM;
    for (r = 0; m && r < m->nrequirements; r++) {
        /* Totals over the horizon (a sum of per-period fill rates would
         * mean nothing). */
        snprintf(buf, sizeof buf, "requirements.%s.shortfall", m->requirements[r].id);
        snprintf(path, sizeof path, "requirements.%s.total.shortfall", m->requirements[r].id);
        if (add_metric(s, buf, path, 0) != ARS_OK)
            return ARS_ENOMEM;
        snprintf(buf, sizeof buf, "requirements.%s.fill_rate", m->requirements[r].id);
        snprintf(path, sizeof path, "requirements.%s.total.fill_rate", m->requirements[r].id);
        if (add_metric(s, buf, path, 0) != ARS_OK)
            return ARS_ENOMEM;
    }
    return ARS_OK;
}

static size_t default_block(size_t n)
{
    /* Long enough chains to amortise the cold solve that starts each block
     * (a warm re-solve is 20-100x cheaper), short enough to give every
     * worker several blocks on studies of a few hundred points. A function
     * of the study alone: results must not depend on the worker count. */
    size_t b = (n + 31) / 32;
    if (b < 16)
        b = 16;
    if (b > 64)
        b = 64;
    return b;
}

int ars__study_parse_spec(const cJSON *spec, const ars_model *m, ars_study **out, ars_error *err)
{
    static const char *const allowed[] = {
        "type", "set",   "parameters", "metrics", "default_metrics", "delta", "samples",
        "seed", "block", "time_limit", NULL};
    const cJSON *type, *set, *params, *metrics, *defm, *delta, *samples, *seed, *block, *tl, *it;
    ars_study *s;
    char sub[256], canon[512], why[400];
    size_t k;
    int rc, i;

    *out = NULL;
    if (!cJSON_IsObject(spec))
        return ars_error_set(err, ARS_ESTUDY, "", "a study is a JSON object (docs/studies.md)");
    if ((rc = check_members(spec, "", allowed, err)) != ARS_OK)
        return rc;
    s = ars__calloc(1, sizeof *s);
    if (!s)
        return nomem(err);
    s->base = m;
    s->default_metrics = 1;
    s->delta = 0.2;

    type = cJSON_GetObjectItemCaseSensitive(spec, "type");
    set = cJSON_GetObjectItemCaseSensitive(spec, "set");
    params = cJSON_GetObjectItemCaseSensitive(spec, "parameters");
    metrics = cJSON_GetObjectItemCaseSensitive(spec, "metrics");
    defm = cJSON_GetObjectItemCaseSensitive(spec, "default_metrics");
    delta = cJSON_GetObjectItemCaseSensitive(spec, "delta");
    samples = cJSON_GetObjectItemCaseSensitive(spec, "samples");
    seed = cJSON_GetObjectItemCaseSensitive(spec, "seed");
    block = cJSON_GetObjectItemCaseSensitive(spec, "block");
    tl = cJSON_GetObjectItemCaseSensitive(spec, "time_limit");

    s->type = -1;
    if (cJSON_IsString(type))
        for (i = 0; i < 3; i++)
            if (strcmp(type->valuestring, type_names[i]) == 0)
                s->type = i;
    if (s->type < 0) {
        rc = ars_error_set(
            err, ARS_ESTUDY, "/type", "expected \"grid\", \"tornado\" or \"monte_carlo\"%s%s%s",
            cJSON_IsString(type) ? ", found \"" : "", cJSON_IsString(type) ? type->valuestring : "",
            cJSON_IsString(type) ? "\"" : "");
        goto fail;
    }
    if (set) {
        if (!cJSON_IsArray(set)) {
            rc = ars_error_set(err, ARS_ESTUDY, "/set", "expected an array of \"PATH=VALUE\"");
            goto fail;
        }
        s->nsets = (size_t)cJSON_GetArraySize(set);
        if (!(s->sets = ars__calloc(s->nsets, sizeof *s->sets))) {
            rc = nomem(err);
            goto fail;
        }
        k = 0;
        cJSON_ArrayForEach(it, set)
        {
            if (!cJSON_IsString(it)) {
                snprintf(sub, sizeof sub, "/set/%zu", k);
                rc = ars_error_set(err, ARS_ESTUDY, sub, "expected a string \"PATH=VALUE\"");
                goto fail;
            }
            if (!(s->sets[k++] = ars__strdup(it->valuestring))) {
                rc = nomem(err);
                goto fail;
            }
        }
    }
    if (delta) {
        if ((rc = get_number(delta, "/delta", &s->delta, err)) != ARS_OK)
            goto fail;
        if (!(s->delta > 0 && s->delta <= 1)) {
            rc = ars_error_set(err, ARS_ESTUDY, "/delta",
                               "expected a fraction in (0, 1] (0.2 moves by 20%%), found %.17g",
                               s->delta);
            goto fail;
        }
        if (s->type != ARS_STUDY_TORNADO) {
            rc = ars_error_set(err, ARS_ESTUDY, "/delta", "\"delta\" is for tornado studies");
            goto fail;
        }
    }
    if (samples || seed) {
        if (s->type != ARS_STUDY_MONTE_CARLO) {
            rc = ars_error_set(err, ARS_ESTUDY, samples ? "/samples" : "/seed",
                               "\"samples\" and \"seed\" are for monte_carlo studies");
            goto fail;
        }
    }
    if (s->type == ARS_STUDY_MONTE_CARLO) {
        size_t sd = 0;
        if (!samples) {
            rc = ars_error_set(err, ARS_ESTUDY, "/samples",
                               "a monte_carlo study needs \"samples\" (the number of points)");
            goto fail;
        }
        if ((rc = get_count(samples, "/samples", 1, ARS__STUDY_MAX_POINTS, &s->samples, err)) !=
            ARS_OK)
            goto fail;
        /* 2^53: every integer up to it is exact in a JSON number. */
        if (seed && (rc = get_count(seed, "/seed", 0, 9007199254740992.0, &sd, err)) != ARS_OK)
            goto fail;
        s->seed = (uint64_t)sd;
    }
    if (tl) {
        if ((rc = get_number(tl, "/time_limit", &s->time_limit, err)) != ARS_OK)
            goto fail;
        if (s->time_limit < 0) {
            rc = ars_error_set(err, ARS_ESTUDY, "/time_limit", "expected seconds >= 0, found %.17g",
                               s->time_limit);
            goto fail;
        }
    }
    if (defm && !cJSON_IsBool(defm)) {
        rc = ars_error_set(err, ARS_ESTUDY, "/default_metrics", "expected true or false");
        goto fail;
    }
    if (defm)
        s->default_metrics = cJSON_IsTrue(defm);

    if (!cJSON_IsArray(params) || cJSON_GetArraySize(params) < 1) {
        rc = ars_error_set(err, ARS_ESTUDY, "/parameters",
                           "expected a non-empty array of parameters");
        goto fail;
    }
    s->nparams = (size_t)cJSON_GetArraySize(params);
    if (s->nparams > ARS__STUDY_MAX_PARAMS) {
        rc = ars_error_set(err, ARS_ELIMIT, "/parameters", "at most %d parameters, found %zu",
                           ARS__STUDY_MAX_PARAMS, s->nparams);
        goto fail;
    }
    if (!(s->params = ars__calloc(s->nparams, sizeof *s->params))) {
        rc = nomem(err);
        goto fail;
    }
    k = 0;
    cJSON_ArrayForEach(it, params)
    {
        snprintf(sub, sizeof sub, "/parameters/%zu", k);
        if (s->type == ARS_STUDY_GRID)
            rc = parse_grid_param(it, sub, &s->params[k], err);
        else if (s->type == ARS_STUDY_TORNADO)
            rc = parse_tornado_param(it, sub, s->delta, &s->params[k], err);
        else
            rc = parse_mc_param(it, sub, &s->params[k], err);
        if (rc != ARS_OK)
            goto fail;
        k++;
    }

    /* Points. */
    if (s->type == ARS_STUDY_GRID) {
        s->npoints = 1;
        for (k = 0; k < s->nparams; k++) {
            if (s->npoints > ARS__STUDY_MAX_POINTS / s->params[k].nvalues) {
                rc = ars_error_set(err, ARS_ELIMIT, "/parameters",
                                   "the grid has more than %u points", ARS__STUDY_MAX_POINTS);
                goto fail;
            }
            s->npoints *= s->params[k].nvalues;
        }
    } else if (s->type == ARS_STUDY_TORNADO) {
        s->npoints = 1 + 2 * s->nparams;
    } else {
        s->npoints = s->samples;
    }
    s->block = default_block(s->npoints);
    if (block &&
        (rc = get_count(block, "/block", 1, ARS__STUDY_MAX_BLOCK, &s->block, err)) != ARS_OK)
        goto fail;

    /* Metrics. */
    if (s->default_metrics && add_default_metrics(s, m) != ARS_OK) {
        rc = nomem(err);
        goto fail;
    }
    if (metrics) {
        if (!cJSON_IsArray(metrics)) {
            rc = ars_error_set(err, ARS_ESTUDY, "/metrics",
                               "expected an array of result paths (docs/studies.md)");
            goto fail;
        }
        k = 0;
        cJSON_ArrayForEach(it, metrics)
        {
            size_t j;
            snprintf(sub, sizeof sub, "/metrics/%zu", k++);
            if (!cJSON_IsString(it) || !it->valuestring[0]) {
                rc = ars_error_set(err, ARS_ESTUDY, sub,
                                   "expected a result path such as "
                                   "\"funds.usai.spend\"");
                goto fail;
            }
            if (ars__metric_resolve(it->valuestring, m, canon, sizeof canon, why, sizeof why) !=
                0) {
                rc = ars_error_set(err, ARS_ESTUDY, sub,
                                   "metric \"%s\": %s (docs/result-json.md lists what a result "
                                   "holds)",
                                   it->valuestring, why);
                goto fail;
            }
            for (j = 0; j < s->nmetrics; j++)
                if (strcmp(s->metrics[j].name, it->valuestring) == 0 ||
                    strcmp(s->metrics[j].path, canon) == 0)
                    break;
            if (j < s->nmetrics)
                continue; /* already a default metric */
            if (s->nmetrics >= ARS__STUDY_MAX_METRICS) {
                rc = ars_error_set(err, ARS_ELIMIT, sub, "at most %d metrics",
                                   ARS__STUDY_MAX_METRICS);
                goto fail;
            }
            if (add_metric(s, it->valuestring, canon, 1) != ARS_OK) {
                rc = nomem(err);
                goto fail;
            }
            s->nuser_metrics++;
        }
    }
    if (s->nmetrics == 0) {
        rc = ars_error_set(err, ARS_ESTUDY, "/metrics",
                           "no metrics: give \"metrics\" or leave \"default_metrics\" on");
        goto fail;
    }
    *out = s;
    return ARS_OK;
fail:
    ars_study_free(s);
    return rc;
}

/* ------------------------------------------------------------- points */

void ars__study_point(const ars_study *s, size_t i, double *num, const char **text,
                      char (*bufs)[40])
{
    size_t j;
    if (s->type == ARS_STUDY_GRID) {
        /* Mixed radix, the last parameter varying fastest. */
        size_t rest = i;
        for (j = s->nparams; j-- > 0;) {
            const ars__study_param *p = &s->params[j];
            size_t k = rest % p->nvalues;
            rest /= p->nvalues;
            if (num)
                num[j] = p->num[k];
            if (text)
                text[j] = p->values[k];
        }
        return;
    }
    if (s->type == ARS_STUDY_TORNADO) {
        /* 0 is the base; 2j+1 moves parameter j down, 2j+2 up. */
        for (j = 0; j < s->nparams; j++) {
            double f = 1.0;
            if (i > 0 && (i - 1) / 2 == j)
                f = (i - 1) % 2 == 0 ? 1.0 - s->params[j].delta : 1.0 + s->params[j].delta;
            if (num)
                num[j] = f;
            if (text) {
                ars__num_text(bufs[j], sizeof bufs[j], f);
                text[j] = bufs[j];
            }
        }
        return;
    }
    {
        uint64_t st = ars__rng_for_point(s->seed, (uint64_t)i);
        for (j = 0; j < s->nparams; j++) {
            const ars__study_param *p = &s->params[j];
            double v = p->dist == ARS__DIST_CHOICE
                           ? p->choices[ars__rng_below(p->nchoices, &st)]
                           : ars__dist_sample(p->dist, p->a, p->b, p->c, &st);
            if (num)
                num[j] = v;
            if (text) {
                ars__num_text(bufs[j], sizeof bufs[j], v);
                text[j] = bufs[j];
            }
        }
    }
}

size_t ars_study_point_value(const ars_study *s, size_t i, size_t j, char *buf, size_t len)
{
    const char *text[ARS__STUDY_MAX_PARAMS];
    char bufs[ARS__STUDY_MAX_PARAMS][40];
    if (i >= s->npoints || j >= s->nparams) {
        if (len)
            buf[0] = '\0';
        return 0;
    }
    ars__study_point(s, i, NULL, text, bufs);
    return (size_t)snprintf(buf, len, "%s", text[j]);
}

int ars_study_point_sets(const ars_study *s, size_t i, char ***sets, size_t *nsets, ars_error *err)
{
    const char *text[ARS__STUDY_MAX_PARAMS];
    char bufs[ARS__STUDY_MAX_PARAMS][40];
    char **v;
    size_t j, n = 0;
    *sets = NULL;
    *nsets = 0;
    if (i >= s->npoints)
        return ars_error_set(err, ARS_ESTUDY, "point", "point %zu is outside the study (0..%zu)", i,
                             s->npoints - 1);
    ars__study_point(s, i, NULL, text, bufs);
    v = ars__calloc(s->nparams + 1, sizeof *v);
    if (!v)
        return nomem(err);
    for (j = 0; j < s->nparams; j++) {
        ars__buf b;
        /* A tornado point leaves the other parameters alone rather than
         * multiplying them by 1 (which would still be a no-op). */
        if (s->type == ARS_STUDY_TORNADO && (i == 0 || (i - 1) / 2 != j))
            continue;
        ars__buf_init(&b, 0);
        ars__buf_printf(&b, "%s%s%s", s->params[j].path, s->params[j].scale ? "*=" : "=", text[j]);
        if (b.failed) {
            ars__buf_free(&b);
            ars_study_strings_free(v, n);
            return nomem(err);
        }
        v[n++] = ars__buf_take(&b);
    }
    *sets = v;
    *nsets = n;
    return ARS_OK;
}

int ars_study_in_shard(const ars_study *s, size_t i, unsigned index, unsigned count)
{
    if (count <= 1)
        return 1;
    /* Whole blocks go to a shard, so a shard solves exactly the chains a
     * single run solves and gives the same numbers. */
    return (i / s->block) % count == index;
}

/* ---------------------------------------------------------- to_json */

cJSON *ars_study_to_json(const ars_study *s)
{
    cJSON *o = cJSON_CreateObject(), *arr, *p, *mets;
    size_t j, k;
    int ok = o != NULL;
    if (!ok)
        return NULL;
    ok &= cJSON_AddStringToObject(o, "type", type_names[s->type]) != NULL;
    if (s->nsets) {
        arr = cJSON_AddArrayToObject(o, "set");
        ok &= arr != NULL;
        for (j = 0; ok && j < s->nsets; j++)
            ok &= cJSON_AddItemToArray(arr, cJSON_CreateString(s->sets[j]));
    }
    arr = cJSON_AddArrayToObject(o, "parameters");
    ok &= arr != NULL;
    for (j = 0; ok && j < s->nparams; j++) {
        const ars__study_param *q = &s->params[j];
        if (s->type == ARS_STUDY_GRID) {
            cJSON *vals;
            p = cJSON_CreateObject();
            ok &= p != NULL && cJSON_AddItemToArray(arr, p);
            if (!ok)
                break;
            ok &= cJSON_AddStringToObject(p, "path", q->path) != NULL;
            if (q->scale)
                ok &= cJSON_AddTrueToObject(p, "scale") != NULL;
            if (q->from_range) {
                ok &= cJSON_AddNumberToObject(p, "from", q->from) != NULL;
                ok &= cJSON_AddNumberToObject(p, "to", q->to) != NULL;
                ok &= cJSON_AddNumberToObject(p, "steps", (double)q->nvalues) != NULL;
            } else {
                vals = cJSON_AddArrayToObject(p, "values");
                ok &= vals != NULL;
                for (k = 0; ok && k < q->nvalues; k++)
                    ok &= cJSON_AddItemToArray(vals, isnan(q->num[k])
                                                         ? cJSON_CreateString(q->values[k])
                                                         : cJSON_CreateNumber(q->num[k]));
            }
        } else if (s->type == ARS_STUDY_TORNADO) {
            p = cJSON_CreateObject();
            ok &= p != NULL && cJSON_AddItemToArray(arr, p);
            if (!ok)
                break;
            ok &= cJSON_AddStringToObject(p, "path", q->path) != NULL;
            ok &= cJSON_AddNumberToObject(p, "delta", q->delta) != NULL;
        } else {
            char a[40], b[40], c[40];
            ars__buf t;
            ars__num_text(a, sizeof a, q->a);
            ars__num_text(b, sizeof b, q->b);
            ars__num_text(c, sizeof c, q->c);
            ars__buf_init(&t, 0);
            ars__buf_printf(&t, "%s%s~%s(", q->path, q->scale ? "*" : "=", dist_names[q->dist]);
            if (q->dist == ARS__DIST_CHOICE) {
                size_t v;
                for (v = 0; v < q->nchoices; v++) {
                    ars__num_text(a, sizeof a, q->choices[v]);
                    ars__buf_printf(&t, "%s%s", v ? "," : "", a);
                }
            } else {
                ars__buf_printf(&t, "%s,%s", a, b);
                if (q->dist == ARS__DIST_TRIANGULAR)
                    ars__buf_printf(&t, ",%s", c);
            }
            ars__buf_puts(&t, ")");
            ok &= !t.failed && cJSON_AddItemToArray(arr, cJSON_CreateString(t.data));
            ars__buf_free(&t);
        }
    }
    if (ok && s->type == ARS_STUDY_MONTE_CARLO) {
        ok &= cJSON_AddNumberToObject(o, "samples", (double)s->samples) != NULL;
        ok &= cJSON_AddNumberToObject(o, "seed", (double)s->seed) != NULL;
    }
    if (ok && s->type == ARS_STUDY_TORNADO)
        ok &= cJSON_AddNumberToObject(o, "delta", s->delta) != NULL;
    if (ok) {
        ok &= cJSON_AddBoolToObject(o, "default_metrics", s->default_metrics) != NULL;
        mets = cJSON_AddArrayToObject(o, "metrics");
        ok &= mets != NULL;
        for (k = 0; ok && k < s->nmetrics; k++)
            if (s->metrics[k].user)
                ok &= cJSON_AddItemToArray(mets, cJSON_CreateString(s->metrics[k].name));
        ok &= cJSON_AddNumberToObject(o, "block", (double)s->block) != NULL;
        if (s->time_limit > 0)
            ok &= cJSON_AddNumberToObject(o, "time_limit", s->time_limit) != NULL;
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
