/* summary.c - what a study says in a few numbers: counts by status, per
 * metric statistics (mean, standard deviation, percentiles), and the
 * tornado ranking. */
#include "batch/batch.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double ars__percentile(const double *v, size_t n, double p)
{
    double h, lo;
    size_t i;
    if (n == 0)
        return NAN;
    /* Linear interpolation between closest ranks: rank h = (n-1) p/100. */
    h = (double)(n - 1) * p / 100.0;
    lo = floor(h);
    i = (size_t)lo;
    if (i + 1 >= n)
        return v[n - 1];
    return v[i] + (h - lo) * (v[i + 1] - v[i]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct metric_stats {
    size_t n;
    double min, max, mean, sd, p5, p50, p95;
    size_t argmin, argmax;
} metric_stats;

/* Statistics of metric k over the rows where it is a number. Returns -1 on
 * allocation failure. */
static int stats_of(const ars_study_results *r, size_t k, metric_stats *st)
{
    double *v = ars__malloc((r->nrows ? r->nrows : 1) * sizeof *v);
    double sum = 0, ss = 0;
    size_t i, n = 0;
    memset(st, 0, sizeof *st);
    if (!v)
        return -1;
    st->min = st->max = st->mean = st->sd = st->p5 = st->p50 = st->p95 = NAN;
    for (i = 0; i < r->nrows; i++) {
        double x = r->rows[i].metrics[k];
        if (isnan(x))
            continue;
        if (n == 0 || x < st->min) {
            st->min = x;
            st->argmin = r->rows[i].point;
        }
        if (n == 0 || x > st->max) {
            st->max = x;
            st->argmax = r->rows[i].point;
        }
        v[n++] = x;
        sum += x;
    }
    st->n = n;
    if (n > 0) {
        st->mean = sum / (double)n;
        /* Two passes: the textbook one-pass formula loses digits. */
        for (i = 0; i < n; i++)
            ss += (v[i] - st->mean) * (v[i] - st->mean);
        st->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
        qsort(v, n, sizeof *v, cmp_double);
        st->p5 = ars__percentile(v, n, 5);
        st->p50 = ars__percentile(v, n, 50);
        st->p95 = ars__percentile(v, n, 95);
    }
    ars__free(v);
    return 0;
}

static const ars__row *row_of(const ars_study_results *r, size_t point)
{
    size_t lo = 0, hi = r->nrows;
    if (!ars_study_results_has(r, point))
        return NULL;
    ars__results_sort((ars_study_results *)r);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->rows[mid].point < point)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nrows && r->rows[lo].point == point ? &r->rows[lo] : NULL;
}

typedef struct tornado_entry {
    size_t param;
    double down, up, swing;
} tornado_entry;

static int cmp_tornado(const void *a, const void *b)
{
    const tornado_entry *x = a, *y = b;
    /* Largest swing first; a parameter without both ends last; ties keep
     * the order of the study. */
    int xn = isnan(x->swing), yn = isnan(y->swing);
    if (xn != yn)
        return xn - yn;
    if (!xn && x->swing != y->swing)
        return x->swing > y->swing ? -1 : 1;
    return x->param < y->param ? -1 : x->param > y->param;
}

/* The ranking of metric k (caller frees). */
static tornado_entry *tornado_rank(const ars_study_results *r, size_t k, double *base)
{
    const ars_study *s = r->study;
    tornado_entry *t = ars__calloc(s->nparams, sizeof *t);
    const ars__row *b;
    size_t j;
    if (!t)
        return NULL;
    b = row_of(r, 0);
    *base = b ? b->metrics[k] : NAN;
    for (j = 0; j < s->nparams; j++) {
        const ars__row *d = row_of(r, 2 * j + 1), *u = row_of(r, 2 * j + 2);
        t[j].param = j;
        t[j].down = d ? d->metrics[k] : NAN;
        t[j].up = u ? u->metrics[k] : NAN;
        t[j].swing = fabs(t[j].up - t[j].down);
    }
    qsort(t, s->nparams, sizeof *t, cmp_tornado);
    return t;
}

static int solved(const ars__row *row)
{
    return strcmp(row->status, "optimal") == 0 || strcmp(row->status, "feasible") == 0;
}

/* The row of the first point (lowest index) that has no plan, or NULL. */
static const ars__row *first_failure(const ars_study_results *r)
{
    size_t i;
    ars__results_sort((ars_study_results *)r);
    for (i = 0; i < r->nrows; i++)
        if (!solved(&r->rows[i]))
            return &r->rows[i];
    return NULL;
}

static cJSON *num_or_null(double v)
{
    return isnan(v) ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

cJSON *ars_study_summary_json(const ars_study_results *r)
{
    const ars_study *s = r->study;
    cJSON *o = cJSON_CreateObject(), *bys, *mets, *torn;
    size_t i, k;
    int ok = o != NULL;
    if (!ok)
        return NULL;
    ars__results_sort((ars_study_results *)r);
    ok &= cJSON_AddStringToObject(o, "type", ars_study_type_name(s)) != NULL;
    ok &= cJSON_AddNumberToObject(o, "points", (double)s->npoints) != NULL;
    ok &= cJSON_AddNumberToObject(o, "completed", (double)r->nrows) != NULL;
    bys = ok ? cJSON_AddObjectToObject(o, "by_status") : NULL;
    ok &= bys != NULL;
    for (i = 0; ok && i < r->nrows; i++) {
        cJSON *c = cJSON_GetObjectItemCaseSensitive(bys, r->rows[i].status);
        if (c)
            cJSON_SetNumberValue(c, c->valuedouble + 1);
        else
            ok &= cJSON_AddNumberToObject(bys, r->rows[i].status, 1) != NULL;
    }
    /* Why points failed, from the first of them. */
    {
        const ars__row *ff = ok ? first_failure(r) : NULL;
        cJSON *f = ff ? cJSON_AddObjectToObject(o, "first_failure") : NULL;
        ok &= !ff ||
              (f && cJSON_AddNumberToObject(f, "point", (double)ff->point) &&
               cJSON_AddStringToObject(f, "status", ff->status) &&
               cJSON_AddItemToObject(
                   f, "error", ff->error ? cJSON_CreateString(ff->error) : cJSON_CreateNull()));
    }
    mets = ok ? cJSON_AddObjectToObject(o, "metrics") : NULL;
    ok &= mets != NULL;
    for (k = 0; ok && k < s->nmetrics; k++) {
        metric_stats st;
        cJSON *m;
        if (stats_of(r, k, &st) != 0) {
            ok = 0;
            break;
        }
        m = cJSON_AddObjectToObject(mets, s->metrics[k].name);
        ok &= m != NULL;
        ok &= ok && cJSON_AddNumberToObject(m, "n", (double)st.n) != NULL;
        ok &= ok && cJSON_AddItemToObject(m, "mean", num_or_null(st.mean));
        ok &= ok && cJSON_AddItemToObject(m, "sd", num_or_null(st.sd));
        ok &= ok && cJSON_AddItemToObject(m, "min", num_or_null(st.min));
        ok &= ok && cJSON_AddItemToObject(m, "p5", num_or_null(st.p5));
        ok &= ok && cJSON_AddItemToObject(m, "p50", num_or_null(st.p50));
        ok &= ok && cJSON_AddItemToObject(m, "p95", num_or_null(st.p95));
        ok &= ok && cJSON_AddItemToObject(m, "max", num_or_null(st.max));
        if (ok && st.n > 0) {
            ok &= cJSON_AddNumberToObject(m, "min_point", (double)st.argmin) != NULL;
            ok &= cJSON_AddNumberToObject(m, "max_point", (double)st.argmax) != NULL;
        }
    }
    if (ok && s->type == ARS_STUDY_TORNADO) {
        torn = cJSON_AddArrayToObject(o, "tornado");
        ok &= torn != NULL;
        for (k = 0; ok && k < s->nmetrics; k++) {
            double base;
            tornado_entry *t = tornado_rank(r, k, &base);
            cJSON *e = cJSON_CreateObject(), *rank;
            ok &= t != NULL && e != NULL && cJSON_AddItemToArray(torn, e);
            ok &= ok && cJSON_AddStringToObject(e, "metric", s->metrics[k].name) != NULL;
            ok &= ok && cJSON_AddItemToObject(e, "base", num_or_null(base));
            rank = ok ? cJSON_AddArrayToObject(e, "ranking") : NULL;
            ok &= rank != NULL;
            for (i = 0; ok && i < s->nparams; i++) {
                const ars__study_param *p = &s->params[t[i].param];
                cJSON *x = cJSON_CreateObject();
                ok &= x != NULL && cJSON_AddItemToArray(rank, x);
                ok &= ok && cJSON_AddStringToObject(x, "parameter", p->path) != NULL;
                ok &= ok && cJSON_AddNumberToObject(x, "down_factor", 1 - p->delta) != NULL;
                ok &= ok && cJSON_AddNumberToObject(x, "up_factor", 1 + p->delta) != NULL;
                ok &= ok && cJSON_AddItemToObject(x, "down", num_or_null(t[i].down));
                ok &= ok && cJSON_AddItemToObject(x, "up", num_or_null(t[i].up));
                ok &= ok && cJSON_AddItemToObject(x, "swing", num_or_null(t[i].swing));
            }
            ars__free(t);
        }
    }
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

void ars_study_summary_print(const ars_study_results *r, FILE *fp)
{
    const ars_study *s = r->study;
    const ars__row *ff = first_failure(r);
    size_t i, k, failed = 0;
    ars__results_sort((ars_study_results *)r);
    for (i = 0; i < r->nrows; i++)
        if (!solved(&r->rows[i]))
            failed++;
    fprintf(fp, "%s study: %zu of %zu points done, %zu not solved to optimality\n",
            ars_study_type_name(s), r->nrows, s->npoints, failed);
    if (r->nrows > 0 && failed == r->nrows) {
        /* No statistics to show: a table of dashes would say nothing of
         * why. The first failure usually is every failure (a draw the
         * model refuses). */
        fprintf(
            fp,
            "\nno point has a plan, so there are no statistics; the first, point %zu, is %s%s%s\n",
            ff->point, ff->status, ff->error ? ": " : "", ff->error ? ff->error : "");
        return;
    }
    if (s->type == ARS_STUDY_TORNADO) {
        double base;
        tornado_entry *t = tornado_rank(r, 0, &base);
        char a[64], b[64], c[64];
        if (!t)
            return;
        ars__fmt_sig(a, sizeof a, base, 6);
        fprintf(fp, "\ntornado ranking by %s (base %s):\n", s->metrics[0].name, a);
        fprintf(fp, "  %-4s %-48s %14s %14s %14s\n", "rank", "parameter", "down", "up", "swing");
        for (i = 0; i < s->nparams; i++) {
            ars__fmt_sig(a, sizeof a, t[i].down, 6);
            ars__fmt_sig(b, sizeof b, t[i].up, 6);
            ars__fmt_sig(c, sizeof c, t[i].swing, 6);
            fprintf(fp, "  %-4zu %-48s %14s %14s %14s\n", i + 1, s->params[t[i].param].name, a, b,
                    c);
        }
        ars__free(t);
        return;
    }
    fprintf(fp, "\n  %-44s %12s %12s %12s %12s %12s\n", "metric", "mean", "sd", "p5", "p50", "p95");
    for (k = 0; k < s->nmetrics; k++) {
        metric_stats st;
        double v[5];
        char cells[5][64];
        int c;
        if (stats_of(r, k, &st) != 0)
            return;
        v[0] = st.mean;
        /* A spread of 1e-12 of the mean is round-off between solves. */
        v[1] = st.sd <= 1e-9 * fmax(1, fabs(st.mean)) ? 0 : st.sd;
        v[2] = st.p5;
        v[3] = st.p50;
        v[4] = st.p95;
        for (c = 0; c < 5; c++)
            ars__fmt_sig(cells[c], sizeof cells[c], v[c], 6);
        fprintf(fp, "  %-44s %12s %12s %12s %12s %12s\n", s->metrics[k].name, cells[0], cells[1],
                cells[2], cells[3], cells[4]);
    }
}

/* The whole results document: the study, every point, and the summary.
 * Here rather than in results.c so that results do not depend on their
 * summary, which reads them. */
cJSON *ars_study_results_json(const ars_study_results *r)
{
    const ars_study *s = r->study;
    cJSON *o = cJSON_CreateObject(), *cols, *pts, *sum;
    size_t i;
    int ok = o != NULL;
    if (!ok)
        return NULL;
    ars__results_sort((ars_study_results *)r);
    ok &= cJSON_AddItemToObject(o, "study", ars_study_to_json(s));
    ok &= cJSON_AddNumberToObject(o, "npoints", (double)s->npoints) != NULL;
    cols = cJSON_AddArrayToObject(o, "columns");
    ok &= cols != NULL;
    ok &= ok && cJSON_AddItemToArray(cols, cJSON_CreateString("point"));
    for (i = 0; ok && i < s->nparams; i++)
        ok &= cJSON_AddItemToArray(cols, cJSON_CreateString(s->params[i].name));
    ok &= ok && cJSON_AddItemToArray(cols, cJSON_CreateString("status"));
    ok &= ok && cJSON_AddItemToArray(cols, cJSON_CreateString("error"));
    for (i = 0; ok && i < s->nmetrics; i++)
        ok &= cJSON_AddItemToArray(cols, cJSON_CreateString(s->metrics[i].name));
    pts = ok ? cJSON_AddArrayToObject(o, "points") : NULL;
    ok &= pts != NULL;
    for (i = 0; ok && i < r->nrows; i++) {
        ars_study_row row;
        row.point = r->rows[i].point;
        row.status = r->rows[i].status;
        row.error = r->rows[i].error;
        row.metrics = r->rows[i].metrics;
        ok &= cJSON_AddItemToArray(pts, ars_study_row_json(s, &row));
    }
    sum = ok ? ars_study_summary_json(r) : NULL;
    ok &= sum != NULL && cJSON_AddItemToObject(o, "summary", sum);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}
