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

/* The way from the root to the value being checked, one step per level, on
 * the walk's stack: the JSON pointer is spelled out only for a value that
 * is reported or remembered, not for each of the millions that pass. */
typedef struct step {
    const struct step *up;
    const char *key; /* member name; NULL for an array element */
    int index;
} step;

#define MAX_SEGMENTS 8

typedef struct walker {
    ars__vctx *c;
    int coef_rows[COEF_WITH_LICENSING + 1]; /* whether the rows of each COEF_* exist */
    const rule *rule;
    const char *seg[MAX_SEGMENTS]; /* the rule's path, split */
    int nseg;
    char segbuf[128];
    extreme lo, hi;
} walker;

static void push_steps(ars__vctx *c, const step *s)
{
    if (!s)
        return;
    push_steps(c, s->up);
    if (s->key)
        ars__vpush(c, s->key);
    else
        ars__vpushi(c, s->index);
}

/* Sets the context's pointer to the value at s (pop back to 0 after). */
static void point_at(ars__vctx *c, const step *s)
{
    ars__vpop(c, 0);
    push_steps(c, s);
}

static void remember(walker *w, extreme *e, double x, const cJSON *node, const step *at)
{
    const ars__buf *p = &w->c->path;
    size_t n;
    point_at(w->c, at);
    n = p->data && !p->failed ? p->len : 0;
    if (n >= sizeof e->pointer)
        n = sizeof e->pointer - 1;
    e->value = x;
    e->node = node;
    memcpy(e->pointer, n ? p->data : "", n);
    e->pointer[n] = '\0';
    ars__vpop(w->c, 0);
}

static void check_value(walker *w, const cJSON *v, const step *at)
{
    double x = v->valuedouble;
    char num[40];
    /* Zero is exact; negative, non-finite and over-1e15 values are refused
     * by validate.c with the rule they break. */
    if (!isfinite(x) || x <= 0 || x > 1e15)
        return;
    if (x < ARS_MAGNITUDE_MIN || x > ARS_MAGNITUDE_MAX) {
        ars__fmt_double(num, sizeof num, x);
        point_at(w->c, at);
        ars__vreport(w->c, ARS_SEV_ERROR, v, 0,
                     "expected 0 or a magnitude between 1e-9 and 1e12 (a double-precision "
                     "solver cannot honour others: change the unit), found the number %s",
                     num);
        ars__vpop(w->c, 0);
        return;
    }
    if (!w->coef_rows[w->rule->coef])
        return;
    if (w->lo.value == 0 || x < w->lo.value)
        remember(w, &w->lo, x, v, at);
    if (x > w->hi.value)
        remember(w, &w->hi, x, v, at);
}

static void leaf(walker *w, const cJSON *v, const step *at)
{
    if (cJSON_IsNumber(v)) {
        check_value(w, v, at);
    } else if (w->rule->series && cJSON_IsArray(v)) {
        const cJSON *e;
        step s = {at, NULL, 0};
        for (e = v->child; e; e = e->next, s.index++)
            if (cJSON_IsNumber(e))
                check_value(w, e, &s);
    }
}

/* Follows the rule's path from segment `depth` on, at v. */
static void walk(walker *w, const cJSON *v, int depth, const step *at)
{
    const char *seg;
    if (w->c->oom)
        return;
    if (depth == w->nseg) {
        leaf(w, v, at);
        return;
    }
    seg = w->seg[depth];
    if (seg[0] == '*' && !seg[1]) {
        const cJSON *e;
        step s = {at, NULL, 0};
        if (!cJSON_IsArray(v) && !cJSON_IsObject(v))
            return;
        /* Object members here are ids (a bom, a met_by), and an id may
         * start with `_`: no member is skipped as a comment. */
        for (e = v->child; e; e = e->next, s.index++) {
            if (cJSON_IsObject(v) && !e->string)
                continue;
            s.key = cJSON_IsObject(v) ? e->string : NULL;
            walk(w, e, depth + 1, &s);
        }
    } else if (cJSON_IsObject(v)) {
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, seg);
        step s = {at, seg, 0};
        if (e)
            walk(w, e, depth + 1, &s);
    }
}

/* Splits r's path into w->seg. 0, or -1 when it does not fit (a bug in
 * RULES, caught by the tests of every field). */
static int split_rule(walker *w, const rule *r)
{
    char *p;
    size_t n = strlen(r->path);
    if (n >= sizeof w->segbuf)
        return -1;
    memcpy(w->segbuf, r->path, n + 1);
    w->rule = r;
    w->nseg = 0;
    for (p = w->segbuf; p;) {
        char *slash = strchr(p, '/');
        if (w->nseg == MAX_SEGMENTS)
            return -1;
        w->seg[w->nseg++] = p;
        if (slash)
            *slash++ = '\0';
        p = slash;
    }
    return 0;
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
    for (i = 0; i < sizeof RULES / sizeof RULES[0] && !c->oom; i++)
        if (split_rule(&w, &RULES[i]) == 0)
            walk(&w, root, 0, NULL);
    if (!c->oom && c->nerrors_added == 0)
        warn_range(&w);
}
