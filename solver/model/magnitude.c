/* magnitude.c - refuses numbers a double-precision simplex cannot honour
 * and warns about a coefficient range it cannot hold (magnitude.h says
 * why). Driven by a table of the model's fields that reach the program
 * (model-format.md sections 8 and 9, solver/lp/formulate.c), walked on the
 * JSON document so that every offending value is reported at its own
 * pointer and line:column, whether or not the rest of the model is valid. */
#include "model/magnitude.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* When a field's values are coefficients of the matrix (rather than
 * bounds, right-hand sides or objective coefficients only): always, or only
 * when the rows that hold them exist. */
enum {
    COEF_NEVER = 0,
    COEF_ALWAYS,
    COEF_WITH_FUNDS,     /* costs: in the spend rows */
    COEF_WITH_WORKFORCE, /* labor: in the workforce rows */
    COEF_WITH_CORRIDORS, /* mass: in the corridor rows */
    COEF_WITH_LICENSING  /* review slots a licence occupies: in the slots rows */
};

typedef struct rule {
    const char *path; /* segments separated by '/'; '*' is every element or member */
    int series;       /* a number or an array of numbers, one per period */
    int coef;         /* COEF_* */
} rule;

/* Every number of the model that becomes a coefficient, a bound or a
 * right-hand side (or an objective coefficient, which the cost and
 * shortfall stages turn into a bound row). Fields that only choose the
 * structure (lead, review, start) or tune the solver (tolerance, mip_gap,
 * time_limit, discount) are not here. */
static const rule RULES[] = {
    {"lines/*/capacity", 1, COEF_NEVER},
    {"lines/*/availability", 1, COEF_NEVER},
    {"lines/*/ramp", 0, COEF_NEVER},
    {"lines/*/ramp_floor", 0, COEF_NEVER},
    {"lines/*/output0", 0, COEF_NEVER},
    {"lines/*/expansion/cost", 1, COEF_WITH_FUNDS},
    {"lines/*/expansion/max", 0, COEF_NEVER},
    {"lines/*/expansion/step", 0, COEF_ALWAYS},
    {"lines/*/produces/*/rate", 0, COEF_ALWAYS},
    {"lines/*/produces/*/cost", 1, COEF_WITH_FUNDS},
    {"lines/*/produces/*/labor", 0, COEF_WITH_WORKFORCE},
    {"lines/*/produces/*/bom/*", 0, COEF_ALWAYS},
    {"products/*/mass", 0, COEF_WITH_CORRIDORS},
    {"products/*/holding_cost", 0, COEF_NEVER},
    {"components/*/initial", 0, COEF_NEVER},
    {"suppliers/*/capacity", 1, COEF_NEVER},
    {"suppliers/*/cost", 1, COEF_WITH_FUNDS},
    {"drawdowns/*/available", 1, COEF_NEVER},
    {"drawdowns/*/total", 0, COEF_NEVER},
    {"drawdowns/*/cost", 1, COEF_WITH_FUNDS},
    {"corridors/*/capacity", 1, COEF_NEVER},
    {"corridors/*/cost", 1, COEF_WITH_FUNDS},
    {"licenses/*/slots", 0, COEF_WITH_LICENSING},
    {"licensing/review_slots", 1, COEF_NEVER},
    {"workforce/*/available", 1, COEF_NEVER},
    {"funds/*/amount", 1, COEF_NEVER},
    {"requirements/*/demand", 1, COEF_NEVER},
    /* the lexicographic bound row S <= S* holds the priorities */
    {"requirements/*/priority", 0, COEF_ALWAYS},
    {"requirements/*/met_by/*", 0, COEF_ALWAYS},
    {"requirements/*/met_by/*/effect", 0, COEF_ALWAYS},
    {"requirements/*/met_by/*/max_share", 0, COEF_NEVER},
    {"stocks/*/initial", 0, COEF_NEVER},
    {"stocks/*/reserve", 1, COEF_NEVER},
    {"stocks/*/reserve_priority", 0, COEF_ALWAYS},
    {"stocks/*/capacity", 1, COEF_NEVER},
    {"stocks/*/terminal", 0, COEF_NEVER},
    {"stocks/*/terminal_priority", 0, COEF_ALWAYS},
    {"objective/shortfall_weight", 0, COEF_NEVER},
    {"objective/cost_weight", 0, COEF_NEVER},
};

/* Where the smallest or largest coefficient was seen. */
typedef struct extreme {
    double value; /* 0 while none seen */
    const cJSON *node;
    char pointer[256];
} extreme;

typedef struct walker {
    ars__vctx *c;
    int coef_rows[COEF_WITH_LICENSING + 1]; /* whether the rows of each COEF_* exist */
    int coef;                               /* the current rule's COEF_* */
    extreme lo, hi;
} walker;

static void remember(walker *w, extreme *e, double x, const cJSON *node)
{
    const ars__buf *p = &w->c->path;
    size_t n = p->data ? p->len : 0;
    if (n >= sizeof e->pointer)
        n = sizeof e->pointer - 1;
    e->value = x;
    e->node = node;
    memcpy(e->pointer, p->data ? p->data : "", n);
    e->pointer[n] = '\0';
}

static void check_value(walker *w, const cJSON *v)
{
    double x = v->valuedouble;
    char num[40];
    /* Zero is exact; negative, non-finite and over-1e15 values are refused
     * by validate.c with the rule they break. */
    if (!isfinite(x) || x <= 0 || x > 1e15)
        return;
    if (x < ARS_MAGNITUDE_MIN || x > ARS_MAGNITUDE_MAX) {
        ars__fmt_double(num, sizeof num, x);
        ars__vreport(w->c, ARS_SEV_ERROR, v, 0,
                     "expected 0 or a magnitude between 1e-9 and 1e12 (a double-precision "
                     "solver cannot honour others: change the unit), found the number %s",
                     num);
        return;
    }
    if (!w->coef_rows[w->coef])
        return;
    if (w->lo.value == 0 || x < w->lo.value)
        remember(w, &w->lo, x, v);
    if (x > w->hi.value)
        remember(w, &w->hi, x, v);
}

static void leaf(walker *w, const cJSON *v, int series)
{
    if (cJSON_IsNumber(v)) {
        check_value(w, v);
    } else if (series && cJSON_IsArray(v)) {
        const cJSON *e;
        int t = 0;
        for (e = v->child; e; e = e->next, t++)
            if (cJSON_IsNumber(e)) {
                size_t mark = ars__vpushi(w->c, t);
                check_value(w, e);
                ars__vpop(w->c, mark);
            }
    }
}

/* Follows the rest of a rule's path (rest) from v. */
static void walk(walker *w, const cJSON *v, const char *rest, int series)
{
    char seg[64];
    const char *slash;
    size_t n;
    if (w->c->oom)
        return;
    if (!*rest) {
        leaf(w, v, series);
        return;
    }
    slash = strchr(rest, '/');
    n = slash ? (size_t)(slash - rest) : strlen(rest);
    if (n >= sizeof seg)
        return;
    memcpy(seg, rest, n);
    seg[n] = '\0';
    rest += n + (slash ? 1 : 0);
    if (strcmp(seg, "*") == 0) {
        const cJSON *e;
        int i = 0;
        if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
            return;
        /* Object members here are ids (a bom, a met_by), and an id may
         * start with `_`: no member is skipped as a comment. */
        for (e = v->child; e; e = e->next, i++) {
            size_t mark;
            if (cJSON_IsObject(v) && !e->string)
                continue;
            mark = cJSON_IsArray(v) ? ars__vpushi(w->c, i) : ars__vpush(w->c, e->string);
            walk(w, e, rest, series);
            ars__vpop(w->c, mark);
        }
    } else if (cJSON_IsObject(v)) {
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, seg);
        if (e) {
            size_t mark = ars__vpush(w->c, seg);
            walk(w, e, rest, series);
            ars__vpop(w->c, mark);
        }
    }
}

static int nonempty_array(const cJSON *root, const char *name)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, name);
    return cJSON_IsArray(a) && a->child != NULL;
}

/* The coefficient range, with the 1s every balance row has. */
static void warn_range(walker *w)
{
    ars__vctx *c = w->c;
    double lo = w->lo.value > 0 && w->lo.value < 1 ? w->lo.value : 1;
    double hi = w->hi.value > 1 ? w->hi.value : 1;
    const extreme *far;
    char slo[40], shi[40], sratio[40];
    if (hi / lo <= ARS_COEFFICIENT_RANGE_WARN)
        return;
    far = hi >= 1 / lo ? &w->hi : &w->lo;
    ars__fmt_double(slo, sizeof slo, lo);
    ars__fmt_double(shi, sizeof shi, hi);
    snprintf(sratio, sizeof sratio, "%.3g", hi / lo);
    ars__vpop(c, 0);
    ars__buf_puts(&c->path, far->pointer);
    ars__vreport(c, ARS_SEV_WARNING, far->node, 0,
                 "the program's coefficients span a ratio of %s, over 1e9: largest %s%s%s, "
                 "smallest %s%s%s (balance rows also hold 1s); the solver's relative tolerances "
                 "(about 1e-7) cannot honour both ends: change units (e.g. thousands of units, "
                 "millions of money)",
                 sratio, shi, hi > 1 ? " at " : "", hi > 1 ? w->hi.pointer : "", slo,
                 lo < 1 ? " at " : "", lo < 1 ? w->lo.pointer : "");
    ars__vpop(c, 0);
}

void ars__check_magnitudes(ars__vctx *c)
{
    const cJSON *root = c->m ? c->m->doc : NULL;
    walker w;
    size_t i;
    if (c->oom || c->limit_hit || !cJSON_IsObject(root))
        return;
    memset(&w, 0, sizeof w);
    w.c = c;
    w.coef_rows[COEF_ALWAYS] = 1;
    w.coef_rows[COEF_WITH_FUNDS] = nonempty_array(root, "funds");
    w.coef_rows[COEF_WITH_WORKFORCE] = nonempty_array(root, "workforce");
    w.coef_rows[COEF_WITH_CORRIDORS] = nonempty_array(root, "corridors");
    w.coef_rows[COEF_WITH_LICENSING] =
        cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "licensing"));
    for (i = 0; i < sizeof RULES / sizeof RULES[0] && !c->oom; i++) {
        w.coef = RULES[i].coef;
        walk(&w, root, RULES[i].path, RULES[i].series);
    }
    if (!c->oom && c->nerrors_added == 0)
        warn_range(&w);
}
