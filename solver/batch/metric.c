/* metric.c - a metric is a path into the result JSON (docs/result-json.md):
 * `objective.shortfall`, `plan.funds.usai.spent`, `plan.production.rhm.output@2026Q1..`.
 *
 * Segments go into objects by key and into arrays of objects by the item's
 * id (its "id" member, else the first of a few naming members, so that
 * `requirements.fires` finds {"requirement": "fires"} too), or by position
 * when the segment is a number and no item has it as id. The end must be a
 * number, or a series (an array of numbers, one per period, or an object
 * keyed by period label) over the periods an optional `@from..to` selects,
 * as in parameter paths. How a series is aggregated depends on what it
 * measures (ars__metric_aggregation): flows are summed, levels give their
 * last period, and a fill rate is the ratio of the sums of its `met` and
 * `demand` siblings, so a metric named like a ratio is a ratio. */
#include "batch/batch.h"
#include "model/model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const id_keys[] = {"id",      "requirement", "product", "line", "fund",
                                      "licence", "license",     "payee",   "name", NULL};

static const cJSON *find_item(const cJSON *arr, const char *seg)
{
    const cJSON *it;
    size_t k;
    char *end;
    unsigned long idx;
    for (k = 0; id_keys[k]; k++) {
        cJSON_ArrayForEach(it, arr)
        {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, id_keys[k]);
            if (cJSON_IsString(id) && strcmp(id->valuestring, seg) == 0)
                return it;
        }
    }
    errno = 0;
    idx = strtoul(seg, &end, 10);
    if (seg[0] && !*end && errno == 0 && idx < (unsigned long)cJSON_GetArraySize(arr))
        return cJSON_GetArrayItem(arr, (int)idx);
    return NULL;
}

/* Periods lo..hi (inclusive indices) from "@A", "@A..", "@..B", "@A..B". */
static int period_range(const ars_model *m, const char *sel, int *lo, int *hi, char *msg,
                        size_t msglen)
{
    const char *dots = strstr(sel, "..");
    char a[80], b[80];
    *lo = 0;
    *hi = m ? m->T - 1 : -1;
    if (!m) {
        snprintf(msg, msglen, "@%s needs the model's periods", sel);
        return -1;
    }
    if (!dots) {
        *lo = *hi = ars__period_index(m, sel);
        if (*lo < 0) {
            snprintf(msg, msglen, "no period \"%s\" in the model", sel);
            return -1;
        }
        return 0;
    }
    snprintf(a, sizeof a, "%.*s", (int)(dots - sel), sel);
    snprintf(b, sizeof b, "%s", dots + 2);
    if (a[0] && (*lo = ars__period_index(m, a)) < 0) {
        snprintf(msg, msglen, "no period \"%s\" in the model", a);
        return -1;
    }
    if (b[0] && (*hi = ars__period_index(m, b)) < 0) {
        snprintf(msg, msglen, "no period \"%s\" in the model", b);
        return -1;
    }
    if (*lo > *hi) {
        snprintf(msg, msglen, "period range \"%s\" runs backwards", sel);
        return -1;
    }
    return 0;
}

ars__metric_agg ars__metric_aggregation(const char *key)
{
    /* End-of-period levels: adding them over periods counts the same units
     * several times. */
    static const char *const levels[] = {"stock", "carried", "added_capacity", "reserve", NULL};
    size_t k;
    if (strcmp(key, "fill_rate") == 0)
        return ARS__AGG_RATIO;
    for (k = 0; levels[k]; k++)
        if (strcmp(key, levels[k]) == 0)
            return ARS__AGG_LAST;
    return ARS__AGG_SUM;
}

/* Period t of a series: an array of numbers, or an object keyed by period
 * label. Returns 0 with *x, -1 when that is no number. */
static int series_at(const cJSON *node, int t, const ars_model *m, double *x)
{
    const cJSON *v = cJSON_IsArray(node) ? cJSON_GetArrayItem(node, t)
                     : m                 ? cJSON_GetObjectItemCaseSensitive(node, m->periods[t])
                                         : NULL;
    if (!cJSON_IsNumber(v))
        return -1;
    *x = v->valuedouble;
    return 0;
}

static int series_sum(const cJSON *node, int lo, int hi, const ars_model *m, double *sum)
{
    int t;
    double x;
    *sum = 0;
    for (t = lo; t <= hi; t++) {
        if (series_at(node, t, m, &x) != 0)
            return -1;
        *sum += x;
    }
    return 0;
}

/* A series' value over periods lo..hi, aggregated as its key says. */
static int aggregate(const cJSON *parent, const cJSON *node, const char *key, int lo, int hi,
                     const ars_model *m, double *v, char *msg, size_t msglen)
{
    double met, demand;
    switch (ars__metric_aggregation(key)) {
    case ARS__AGG_LAST:
        if (series_at(node, hi, m, v) == 0)
            return 0;
        break;
    case ARS__AGG_RATIO:
        /* The ratio of the totals, as `total.fill_rate` is: the mean of the
         * per-period rates would weigh a small period like a large one. */
        if (series_sum(cJSON_GetObjectItemCaseSensitive(parent, "met"), lo, hi, m, &met) == 0 &&
            series_sum(cJSON_GetObjectItemCaseSensitive(parent, "demand"), lo, hi, m, &demand) ==
                0) {
            *v = demand > 0 ? met / demand : 1;
            return 0;
        }
        if (series_sum(node, lo, hi, m, v) == 0) {
            *v /= hi - lo + 1;
            return 0;
        }
        break;
    case ARS__AGG_SUM:
        if (series_sum(node, lo, hi, m, v) == 0)
            return 0;
        break;
    }
    snprintf(msg, msglen,
             cJSON_IsArray(node) ? "the series holds something other than numbers"
                                 : "the value is an object, not a number or a series by period");
    return -1;
}

int ars__metric_eval(const cJSON *result, const char *path, const ars_model *m, double *v,
                     char *msg, size_t msglen)
{
    char buf[512], *seg, *save = NULL, *at;
    const cJSON *node = result, *parent = NULL;
    const char *key = "";
    int lo = 0, hi = -1, ranged = 0;
    if (strlen(path) >= sizeof buf) {
        snprintf(msg, msglen, "metric path too long");
        return -1;
    }
    memcpy(buf, path, strlen(path) + 1);
    at = strchr(buf, '@');
    if (at) {
        *at = '\0';
        if (period_range(m, at + 1, &lo, &hi, msg, msglen) != 0)
            return -1;
        ranged = 1;
    }
    for (seg = strtok_r(buf, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
        const cJSON *next = NULL;
        if (cJSON_IsObject(node))
            next = cJSON_GetObjectItemCaseSensitive(node, seg);
        else if (cJSON_IsArray(node))
            next = find_item(node, seg);
        if (!next) {
            snprintf(msg, msglen, "no \"%s\" in the result at this point of the path%s", seg,
                     cJSON_IsArray(node) ? " (no item has that id)" : "");
            return -1;
        }
        parent = node;
        node = next;
        key = seg;
    }
    if (cJSON_IsNumber(node)) {
        if (ranged) {
            snprintf(msg, msglen, "@periods given but the value is a single number");
            return -1;
        }
        *v = node->valuedouble;
        return 0;
    }
    if (cJSON_IsArray(node)) {
        int n = cJSON_GetArraySize(node);
        if (m && n != m->T) {
            snprintf(msg, msglen, "the value is an array of %d, not a series of %d periods", n,
                     m->T);
            return -1;
        }
        if (!ranged)
            hi = n - 1;
        if (n == 0) {
            snprintf(msg, msglen, "the series is empty");
            return -1;
        }
        return aggregate(parent, node, key, lo, hi, m, v, msg, msglen);
    }
    if (cJSON_IsObject(node) && m) {
        if (!ranged)
            hi = m->T - 1;
        return aggregate(parent, node, key, lo, hi, m, v, msg, msglen);
    }
    if (cJSON_IsNull(node)) {
        *v = NAN; /* not defined for this plan (e.g. never approved) */
        return 0;
    }
    snprintf(msg, msglen, "the value is %s, not a number",
             cJSON_IsString(node) ? "a string"
             : cJSON_IsBool(node) ? "a boolean"
                                  : "not numeric");
    return -1;
}

/* What a result of a study's point holds (docs/result-json.md), to refuse
 * a metric path before any point is solved. Explanations are open: which
 * items they list depends on the plan. Points are solved without licence
 * values, so those are not there. */
enum { SH_NUM, SH_SERIES, SH_OBJ, SH_ARR, SH_OPEN };
enum {
    ID_REQ = 1,
    ID_LINE = 2,
    ID_PRODUCT = 4,
    ID_COMPONENT = 8,
    ID_SUPPLIER = 16,
    ID_DRAWDOWN = 32,
    ID_FUND = 64,
    ID_CORRIDOR = 128,
    ID_PAYEE = ID_LINE | ID_SUPPLIER | ID_DRAWDOWN | ID_CORRIDOR
};

typedef struct shape {
    const char *key;
    int kind;
    const struct shape *sub; /* SH_OBJ: members; SH_ARR: an item's members */
    int ids;                 /* SH_ARR: what names its items */
} shape;

#define END                                                                                        \
    {                                                                                              \
        NULL, 0, NULL, 0                                                                           \
    }
static const shape objective_sh[] = {
    {"shortfall", SH_NUM, NULL, 0}, {"cost", SH_NUM, NULL, 0}, {"weighted", SH_NUM, NULL, 0}, END};
static const shape req_total_sh[] = {{"demand", SH_NUM, NULL, 0},
                                     {"met", SH_NUM, NULL, 0},
                                     {"shortfall", SH_NUM, NULL, 0},
                                     {"fill_rate", SH_NUM, NULL, 0},
                                     END};
static const shape req_sh[] = {{"priority", SH_NUM, NULL, 0},
                               {"demand", SH_SERIES, NULL, 0},
                               {"met", SH_SERIES, NULL, 0},
                               {"shortfall", SH_SERIES, NULL, 0},
                               {"fill_rate", SH_SERIES, NULL, 0},
                               {"total", SH_OBJ, req_total_sh, 0},
                               END};
static const shape production_sh[] = {
    {"lead", SH_NUM, NULL, 0}, {"output", SH_SERIES, NULL, 0}, END};
static const shape expansions_sh[] = {
    {"ordered", SH_SERIES, NULL, 0}, {"added_capacity", SH_SERIES, NULL, 0}, END};
static const shape quantity_sh[] = {
    {"lead", SH_NUM, NULL, 0}, {"quantity", SH_SERIES, NULL, 0}, END};
static const shape stock_sh[] = {{"stock", SH_SERIES, NULL, 0}, END};
static const shape theatre_sh[] = {
    {"stock", SH_SERIES, NULL, 0},       {"reserve", SH_SERIES, NULL, 0},
    {"reserve_gap", SH_SERIES, NULL, 0}, {"terminal", SH_NUM, NULL, 0},
    {"terminal_gap", SH_NUM, NULL, 0},   END};
static const shape shortfalls_sh[] = {{"shortfall", SH_SERIES, NULL, 0}, END};
static const shape amount_sh[] = {{"amount", SH_SERIES, NULL, 0}, END};
static const shape funds_sh[] = {
    {"amount", SH_SERIES, NULL, 0},   {"spent", SH_SERIES, NULL, 0},
    {"carried", SH_SERIES, NULL, 0},  {"total_amount", SH_NUM, NULL, 0},
    {"total_spent", SH_NUM, NULL, 0}, END};
static const shape plan_sh[] = {{"production", SH_ARR, production_sh, ID_LINE | ID_PRODUCT},
                                {"expansions", SH_ARR, expansions_sh, ID_LINE},
                                {"purchases", SH_ARR, quantity_sh, ID_SUPPLIER | ID_COMPONENT},
                                {"component_stock", SH_ARR, stock_sh, ID_COMPONENT},
                                {"drawdowns", SH_ARR, quantity_sh, ID_DRAWDOWN | ID_PRODUCT},
                                {"theatre_stock", SH_ARR, theatre_sh, ID_PRODUCT},
                                {"use", SH_ARR, quantity_sh, ID_REQ | ID_PRODUCT},
                                {"shortfalls", SH_ARR, shortfalls_sh, ID_REQ},
                                {"spend", SH_ARR, amount_sh, ID_PAYEE},
                                {"payments", SH_ARR, amount_sh, ID_FUND | ID_PAYEE},
                                {"funds", SH_ARR, funds_sh, ID_FUND},
                                {"licences", SH_OPEN, NULL, 0},
                                END};
static const shape solver_sh[] = {{"rows", SH_NUM, NULL, 0},
                                  {"cols", SH_NUM, NULL, 0},
                                  {"nonzeros", SH_NUM, NULL, 0},
                                  {"iterations", SH_NUM, NULL, 0},
                                  {"build_ms", SH_NUM, NULL, 0},
                                  {"solve_ms", SH_NUM, NULL, 0},
                                  END};
static const shape result_sh[] = {
    {"objective", SH_OBJ, objective_sh, 0}, {"requirements", SH_ARR, req_sh, ID_REQ},
    {"plan", SH_OBJ, plan_sh, 0},           {"solver", SH_OBJ, solver_sh, 0},
    {"verification", SH_OPEN, NULL, 0},     {"shadow_prices", SH_OPEN, NULL, 0},
    {"cost_ranges", SH_OPEN, NULL, 0},      {"bottlenecks", SH_OPEN, NULL, 0},
    {"degenerate", SH_OPEN, NULL, 0},       END};
#undef END

static const shape *find_key(const shape *sh, const char *key)
{
    for (; sh->key; sh++)
        if (strcmp(sh->key, key) == 0)
            return sh;
    return NULL;
}

static void list_keys(const shape *sh, char *out, size_t len)
{
    size_t n = 0;
    out[0] = '\0';
    for (; sh->key && n < len; sh++)
        n += (size_t)snprintf(out + n, len - n, "%s%s", n ? ", " : "", sh->key);
}

static int has_id(const ars_model *m, int ids, const char *seg)
{
    int i;
#define SCAN(flag, n, arr)                                                                         \
    if (ids & (flag))                                                                              \
        for (i = 0; i < m->n; i++)                                                                 \
            if (strcmp(m->arr[i].id, seg) == 0)                                                    \
                return 1;
    SCAN(ID_REQ, nrequirements, requirements)
    SCAN(ID_LINE, nlines, lines)
    SCAN(ID_PRODUCT, nproducts, products)
    SCAN(ID_COMPONENT, ncomponents, components)
    SCAN(ID_SUPPLIER, nsuppliers, suppliers)
    SCAN(ID_DRAWDOWN, ndrawdowns, drawdowns)
    SCAN(ID_FUND, nfunds, funds)
    SCAN(ID_CORRIDOR, ncorridors, corridors)
#undef SCAN
    return 0;
}

static const char *id_words(int ids)
{
    return ids == ID_REQ                         ? "requirement"
           : ids == ID_LINE                      ? "line"
           : ids == ID_FUND                      ? "fund"
           : ids == ID_COMPONENT                 ? "component"
           : ids == ID_PRODUCT                   ? "product"
           : ids == (ID_LINE | ID_PRODUCT)       ? "line or product"
           : ids == (ID_SUPPLIER | ID_COMPONENT) ? "supplier or component"
           : ids == (ID_DRAWDOWN | ID_PRODUCT)   ? "drawdown or product"
           : ids == (ID_REQ | ID_PRODUCT)        ? "requirement or product"
                                                 : "payee";
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int ars__metric_resolve(const char *path, const ars_model *m, char *canon, size_t canonlen,
                        char *msg, size_t msglen)
{
    char buf[512], first[200], keys[300], *seg, *save = NULL, *at;
    const shape *level = result_sh, *sh = NULL;
    int in_array = 0, ids = 0, lo, hi;
    size_t flen = strcspn(path, ".@");
    const char *prefix = "";
    if (strlen(path) >= sizeof buf || flen >= sizeof first) {
        snprintf(msg, msglen, "metric path too long");
        return -1;
    }
    memcpy(first, path, flen);
    first[flen] = '\0';
    /* Short forms people type: the objective's terms, a requirement or a
     * plan section without the member above it. */
    if (!find_key(result_sh, first)) {
        if (find_key(objective_sh, first))
            prefix = "objective.";
        else if (find_key(plan_sh, first))
            prefix = "plan.";
        else if (m && has_id(m, ID_REQ, first))
            prefix = "requirements.";
    }
    if ((size_t)snprintf(canon, canonlen, "%s%s", prefix, path) >= canonlen) {
        snprintf(msg, msglen, "metric path too long");
        return -1;
    }
    /* A requirement's series over the whole horizon is its total: the same
     * number as the default metric, so the same path (and no duplicate). */
    {
        static const char *const leaves[] = {".demand", ".met", ".shortfall", ".fill_rate", NULL};
        size_t k, cl = strlen(canon);
        if (strncmp(canon, "requirements.", 13) == 0 && !strchr(canon, '@') &&
            strchr(canon + 13, '.') && !strstr(canon, ".total."))
            for (k = 0; leaves[k]; k++) {
                size_t ll = strlen(leaves[k]);
                char *dot = strchr(canon + 13, '.');
                if (cl > ll && strcmp(canon + cl - ll, leaves[k]) == 0 && dot == canon + cl - ll &&
                    cl + 6 < canonlen) {
                    memmove(dot + 6, dot, ll + 1);
                    memcpy(dot, ".total", 6);
                    break;
                }
            }
    }
    snprintf(buf, sizeof buf, "%s", canon);
    at = strchr(buf, '@');
    if (at) {
        *at = '\0';
        if (period_range(m, at + 1, &lo, &hi, msg, msglen) != 0)
            return -1;
    }
    for (seg = strtok_r(buf, ".", &save); seg; seg = strtok_r(NULL, ".", &save)) {
        if (in_array) {
            if (m && !all_digits(seg) && !has_id(m, ids, seg)) {
                snprintf(msg, msglen, "no %s \"%s\" in the model", id_words(ids), seg);
                return -1;
            }
            in_array = 0;
            continue;
        }
        if (!level) {
            snprintf(msg, msglen, "\"%s\" follows a number: the path ends before it", seg);
            return -1;
        }
        sh = find_key(level, seg);
        if (!sh) {
            list_keys(level, keys, sizeof keys);
            snprintf(msg, msglen, "no \"%s\" in the result at this point of the path (one of: %s)",
                     seg, keys);
            return -1;
        }
        if (sh->kind == SH_OPEN)
            return 0;
        level = sh->sub;
        if (sh->kind == SH_ARR) {
            in_array = 1;
            ids = sh->ids;
        }
    }
    if (!sh || in_array || sh->kind == SH_OBJ || sh->kind == SH_ARR) {
        if (in_array) {
            list_keys(level, keys, sizeof keys);
            snprintf(msg, msglen,
                     "the path ends before a number; continue with a %s id, then one "
                     "of: %s",
                     id_words(ids), keys);
        } else if (level) {
            list_keys(level, keys, sizeof keys);
            snprintf(msg, msglen, "the path ends before a number; continue with one of: %s", keys);
        } else
            snprintf(msg, msglen, "the path ends before a number");
        return -1;
    }
    if (at && sh->kind == SH_NUM) {
        snprintf(msg, msglen, "@periods given but \"%s\" is a single number, not a series",
                 sh->key);
        return -1;
    }
    return 0;
}
