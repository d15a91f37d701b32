/* svg.c - one chart per study, written as plain SVG so it opens in any
 * browser with no other tool: a line chart over one grid parameter, a heat
 * map over two, tornado bars, or a Monte Carlo histogram.
 *
 * The root element carries the data ranges it draws (data-x-min, ...) in
 * round-trip form, so tests and tools can check the chart against the CSV;
 * the same numbers are printed at the ends of the axes. */
#include "batch/batch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 760.0
#define H 460.0
#define ML 90.0 /* margins: left, right, top, bottom */
#define MR 30.0
#define MT 50.0
#define MB 70.0

static void esc(ars__buf *b, const char *s)
{
    ars__buf_xml_text(b, s);
}

static void attr_num(ars__buf *b, const char *name, double v)
{
    char t[40];
    ars__num_text(t, sizeof t, v);
    ars__buf_printf(b, " %s=\"%s\"", name, t);
}

static void text(ars__buf *b, double x, double y, const char *anchor, const char *extra,
                 const char *s)
{
    ars__buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"%s>", x, y, anchor,
                    extra ? extra : "");
    esc(b, s);
    ars__buf_puts(b, "</text>\n");
}

static void label_num(char *out, size_t n, double v)
{
    snprintf(out, n, "%.6g", v);
}

/* Drawing range: the data range, widened when it is a single value so the
 * scale stays finite. */
static void widen(double *lo, double *hi)
{
    if (*hi > *lo)
        return;
    double pad = fabs(*lo) > 0 ? fabs(*lo) * 0.1 : 1.0;
    *lo -= pad;
    *hi += pad;
}

static void header(ars__buf *b, const char *kind, const char *title)
{
    ars__buf_printf(b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\" "
                    "data-chart=\"%s\"",
                    W, H, W, H, kind);
    (void)title;
}

static void frame(ars__buf *b, const char *title, const char *xlabel, const char *ylabel)
{
    ars__buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", W,
                    H);
    text(b, W / 2, 24, "middle", " font-size=\"15\" font-weight=\"bold\"", title);
    text(b, ML + (W - ML - MR) / 2, H - 18, "middle", NULL, xlabel);
    ars__buf_printf(b,
                    "<text x=\"18\" y=\"%.2f\" text-anchor=\"middle\" "
                    "transform=\"rotate(-90 18 %.2f)\">",
                    MT + (H - MT - MB) / 2, MT + (H - MT - MB) / 2);
    esc(b, ylabel);
    ars__buf_puts(b, "</text>\n");
    ars__buf_printf(b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n"
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n",
                    ML, H - MB, W - MR, H - MB, ML, MT, ML, H - MB);
}

/* Labels at both ends of the x axis and the y axis. */
static void axis_ends(ars__buf *b, const char *x0, const char *x1, const char *y0, const char *y1)
{
    if (x0)
        text(b, ML, H - MB + 18, "middle", " class=\"x-min\"", x0);
    if (x1)
        text(b, W - MR, H - MB + 18, "middle", " class=\"x-max\"", x1);
    if (y0)
        text(b, ML - 6, H - MB + 4, "end", " class=\"y-min\"", y0);
    if (y1)
        text(b, ML - 6, MT + 4, "end", " class=\"y-max\"", y1);
}

static double sx(double v, double lo, double hi)
{
    return ML + (v - lo) / (hi - lo) * (W - ML - MR);
}

static double sy(double v, double lo, double hi)
{
    return H - MB - (v - lo) / (hi - lo) * (H - MT - MB);
}

/* Metric k over the rows, with the x of each point (a numeric parameter,
 * or the position of a string value). */
static void line_chart(ars__buf *b, const ars_study_results *r, size_t k, int by_param)
{
    const ars_study *s = r->study;
    const ars__study_param *p = &s->params[0];
    double xlo = NAN, xhi = NAN, ylo = NAN, yhi = NAN, dx0, dx1, dy0, dy1;
    char l0[40], l1[40], l2[40], l3[40];
    size_t i, n = 0;
    int started = 0;
    double *xs = ars__malloc((r->nrows ? r->nrows : 1) * sizeof *xs);
    if (!xs) {
        b->failed = 1;
        return;
    }
    for (i = 0; i < r->nrows; i++) {
        double x;
        if (by_param) {
            size_t kk = r->rows[i].point % p->nvalues;
            x = p->numeric ? p->num[kk] : (double)kk;
        } else {
            x = (double)r->rows[i].point;
        }
        xs[i] = x;
        if (isnan(r->rows[i].metrics[k]))
            continue;
        if (n == 0 || x < xlo)
            xlo = x;
        if (n == 0 || x > xhi)
            xhi = x;
        if (n == 0 || r->rows[i].metrics[k] < ylo)
            ylo = r->rows[i].metrics[k];
        if (n == 0 || r->rows[i].metrics[k] > yhi)
            yhi = r->rows[i].metrics[k];
        n++;
    }
    attr_num(b, "data-x-min", xlo);
    attr_num(b, "data-x-max", xhi);
    attr_num(b, "data-y-min", ylo);
    attr_num(b, "data-y-max", yhi);
    ars__buf_printf(b, " data-n=\"%zu\">\n", n);
    frame(b, s->metrics[k].name, by_param ? p->name : "point", s->metrics[k].name);
    if (n == 0) {
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        ars__free(xs);
        return;
    }
    dx0 = xlo;
    dx1 = xhi;
    dy0 = ylo;
    dy1 = yhi;
    widen(&dx0, &dx1);
    widen(&dy0, &dy1);
    if (by_param && !p->numeric) {
        label_num(l0, sizeof l0, xlo);
        snprintf(l0, sizeof l0, "%s", p->values[(size_t)xlo]);
        snprintf(l1, sizeof l1, "%s", p->values[(size_t)xhi]);
    } else {
        label_num(l0, sizeof l0, xlo);
        label_num(l1, sizeof l1, xhi);
    }
    label_num(l2, sizeof l2, ylo);
    label_num(l3, sizeof l3, yhi);
    axis_ends(b, l0, l1, l2, l3);
    ars__buf_puts(b, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
    for (i = 0; i < r->nrows; i++) {
        double y = r->rows[i].metrics[k];
        if (isnan(y))
            continue;
        ars__buf_printf(b, "%s%.2f,%.2f", started ? " " : "", sx(xs[i], dx0, dx1), sy(y, dy0, dy1));
        started = 1;
    }
    ars__buf_puts(b, "\"/>\n");
    for (i = 0; i < r->nrows; i++) {
        double y = r->rows[i].metrics[k];
        if (isnan(y))
            continue;
        ars__buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#1f77b4\"/>\n",
                        sx(xs[i], dx0, dx1), sy(y, dy0, dy1));
    }
    ars__free(xs);
}

static void colour(double t, char *out, size_t n)
{
    /* Light yellow (low) to dark red (high). */
    static const double c0[3] = {255, 255, 204}, c1[3] = {189, 0, 38};
    snprintf(out, n, "#%02x%02x%02x", (int)lround(c0[0] + t * (c1[0] - c0[0])),
             (int)lround(c0[1] + t * (c1[1] - c0[1])), (int)lround(c0[2] + t * (c1[2] - c0[2])));
}

static void heat_map(ars__buf *b, const ars_study_results *r, size_t k)
{
    const ars_study *s = r->study;
    const ars__study_param *px = &s->params[0], *py = &s->params[1];
    double vlo = NAN, vhi = NAN, cw, ch, dv0, dv1;
    char l0[64], l1[64], l2[64], l3[64], fill[16];
    size_t i, n = 0, rest = 1, j;
    for (j = 2; j < s->nparams; j++)
        rest *= s->params[j].nvalues;
    for (i = 0; i < r->nrows; i++) {
        double v = r->rows[i].metrics[k];
        /* Only the first value of any further parameters is drawn. */
        if (isnan(v) || r->rows[i].point % rest != 0)
            continue;
        if (n == 0 || v < vlo)
            vlo = v;
        if (n == 0 || v > vhi)
            vhi = v;
        n++;
    }
    if (px->numeric) {
        attr_num(b, "data-x-min", px->num[0]);
        attr_num(b, "data-x-max", px->num[px->nvalues - 1]);
    }
    if (py->numeric) {
        attr_num(b, "data-y-min", py->num[0]);
        attr_num(b, "data-y-max", py->num[py->nvalues - 1]);
    }
    attr_num(b, "data-v-min", vlo);
    attr_num(b, "data-v-max", vhi);
    ars__buf_printf(b, " data-n=\"%zu\">\n", n);
    frame(b, s->metrics[k].name, px->name, py->name);
    snprintf(l0, sizeof l0, "%s", px->values[0]);
    snprintf(l1, sizeof l1, "%s", px->values[px->nvalues - 1]);
    snprintf(l2, sizeof l2, "%s", py->values[0]);
    snprintf(l3, sizeof l3, "%s", py->values[py->nvalues - 1]);
    cw = (W - ML - MR) / (double)px->nvalues;
    ch = (H - MT - MB) / (double)py->nvalues;
    dv0 = vlo;
    dv1 = vhi;
    widen(&dv0, &dv1);
    for (i = 0; i < r->nrows; i++) {
        size_t pt = r->rows[i].point, ix, iy;
        double v = r->rows[i].metrics[k];
        char val[40];
        if (pt % rest != 0)
            continue;
        iy = (pt / rest) % py->nvalues;
        ix = (pt / rest) / py->nvalues;
        if (isnan(v))
            snprintf(fill, sizeof fill, "#cccccc");
        else
            colour((v - dv0) / (dv1 - dv0), fill, sizeof fill);
        ars__num_text(val, sizeof val, v);
        ars__buf_printf(b,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        "fill=\"%s\"><title>",
                        ML + (double)ix * cw, H - MB - (double)(iy + 1) * ch, cw, ch, fill);
        esc(b, px->values[ix]);
        ars__buf_puts(b, ", ");
        esc(b, py->values[iy]);
        ars__buf_printf(b, ": %s</title></rect>\n", val);
    }
    /* Cell centres carry the labels of the first and last values. */
    text(b, ML + cw / 2, H - MB + 18, "middle", " class=\"x-min\"", l0);
    text(b, W - MR - cw / 2, H - MB + 18, "middle", " class=\"x-max\"", l1);
    text(b, ML - 6, H - MB - ch / 2 + 4, "end", " class=\"y-min\"", l2);
    text(b, ML - 6, MT + ch / 2 + 4, "end", " class=\"y-max\"", l3);
    label_num(l0, sizeof l0, vlo);
    label_num(l1, sizeof l1, vhi);
    colour(0, fill, sizeof fill);
    ars__buf_printf(b, "<rect x=\"%.2f\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    W - MR - 200, fill);
    text(b, W - MR - 184, 44, "start", " class=\"v-min\"", l0);
    colour(1, fill, sizeof fill);
    ars__buf_printf(b, "<rect x=\"%.2f\" y=\"34\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    W - MR - 100, fill);
    text(b, W - MR - 84, 44, "start", " class=\"v-max\"", l1);
}

static void histogram(ars__buf *b, const ars_study_results *r, size_t k)
{
    const ars_study *s = r->study;
    double lo = NAN, hi = NAN, d0, d1, bw;
    size_t i, n = 0, nb, maxc = 0;
    size_t counts[40] = {0};
    char l0[40], l1[40], l2[40], l3[40];
    for (i = 0; i < r->nrows; i++) {
        double v = r->rows[i].metrics[k];
        if (isnan(v))
            continue;
        if (n == 0 || v < lo)
            lo = v;
        if (n == 0 || v > hi)
            hi = v;
        n++;
    }
    /* About sqrt(n) bins, between 5 and 40. */
    nb = (size_t)ceil(sqrt((double)n));
    nb = nb < 5 ? 5 : nb > 40 ? 40 : nb;
    d0 = lo;
    d1 = hi;
    widen(&d0, &d1);
    if (hi > lo) {
        d0 = lo;
        d1 = hi;
    }
    bw = (d1 - d0) / (double)nb;
    for (i = 0; i < r->nrows; i++) {
        double v = r->rows[i].metrics[k];
        size_t bi;
        if (isnan(v))
            continue;
        bi = (size_t)floor((v - d0) / bw);
        if (bi >= nb)
            bi = nb - 1; /* the maximum belongs to the last bin */
        counts[bi]++;
    }
    for (i = 0; i < nb; i++)
        if (counts[i] > maxc)
            maxc = counts[i];
    attr_num(b, "data-x-min", lo);
    attr_num(b, "data-x-max", hi);
    attr_num(b, "data-y-min", 0);
    attr_num(b, "data-y-max", (double)maxc);
    ars__buf_printf(b, " data-n=\"%zu\" data-bins=\"%zu\">\n", n, nb);
    frame(b, s->metrics[k].name, s->metrics[k].name, "points");
    if (n == 0) {
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        return;
    }
    label_num(l0, sizeof l0, lo);
    label_num(l1, sizeof l1, hi);
    snprintf(l2, sizeof l2, "0");
    snprintf(l3, sizeof l3, "%zu", maxc);
    axis_ends(b, l0, l1, l2, l3);
    for (i = 0; i < nb; i++) {
        double x = sx(d0 + (double)i * bw, d0, d1), x1 = sx(d0 + (double)(i + 1) * bw, d0, d1);
        double y = sy((double)counts[i], 0, (double)maxc);
        ars__buf_printf(b,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        "fill=\"#1f77b4\" stroke=\"white\"><title>%zu</title></rect>\n",
                        x, y, x1 - x, H - MB - y, counts[i]);
    }
}

typedef struct bar {
    size_t j;
    double down, up, swing;
} bar;

static int cmp_bar(const void *a, const void *b)
{
    const bar *x = a, *y = b;
    int xn = isnan(x->swing), yn = isnan(y->swing);
    if (xn != yn)
        return xn - yn;
    if (!xn && x->swing != y->swing)
        return x->swing > y->swing ? -1 : 1;
    return x->j < y->j ? -1 : x->j > y->j;
}

static double metric_at(const ars_study_results *r, size_t point, size_t k)
{
    size_t i;
    for (i = 0; i < r->nrows; i++)
        if (r->rows[i].point == point)
            return r->rows[i].metrics[k];
    return NAN;
}

static void tornado(ars__buf *b, const ars_study_results *r, size_t k)
{
    const ars_study *s = r->study;
    bar *bars = ars__calloc(s->nparams, sizeof *bars);
    double base = metric_at(r, 0, k), lo = base, hi = base, d0, d1, bh;
    char l0[40], l1[40];
    size_t j, n = 0;
    if (!bars) {
        b->failed = 1;
        return;
    }
    if (!isnan(base))
        n++;
    for (j = 0; j < s->nparams; j++) {
        bars[j].j = j;
        bars[j].down = metric_at(r, 2 * j + 1, k);
        bars[j].up = metric_at(r, 2 * j + 2, k);
        bars[j].swing = fabs(bars[j].up - bars[j].down);
        if (!isnan(bars[j].down)) {
            lo = isnan(lo) || bars[j].down < lo ? bars[j].down : lo;
            hi = isnan(hi) || bars[j].down > hi ? bars[j].down : hi;
            n++;
        }
        if (!isnan(bars[j].up)) {
            lo = isnan(lo) || bars[j].up < lo ? bars[j].up : lo;
            hi = isnan(hi) || bars[j].up > hi ? bars[j].up : hi;
            n++;
        }
    }
    qsort(bars, s->nparams, sizeof *bars, cmp_bar);
    attr_num(b, "data-x-min", lo);
    attr_num(b, "data-x-max", hi);
    attr_num(b, "data-base", base);
    ars__buf_printf(b, " data-n=\"%zu\">\n", n);
    frame(b, s->metrics[k].name, s->metrics[k].name, "");
    if (n == 0) {
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        ars__free(bars);
        return;
    }
    d0 = lo;
    d1 = hi;
    widen(&d0, &d1);
    label_num(l0, sizeof l0, lo);
    label_num(l1, sizeof l1, hi);
    axis_ends(b, l0, l1, NULL, NULL);
    bh = (H - MT - MB) / (double)s->nparams;
    for (j = 0; j < s->nparams; j++) {
        double y = MT + (double)j * bh + bh * 0.15, h = bh * 0.7;
        double xb = isnan(base) ? sx(d0, d0, d1) : sx(base, d0, d1);
        const char *name = s->params[bars[j].j].name;
        if (!isnan(bars[j].down)) {
            double x = sx(bars[j].down, d0, d1);
            ars__buf_printf(b,
                            "<rect class=\"down\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                            "height=\"%.2f\" fill=\"#1f77b4\"/>\n",
                            x < xb ? x : xb, y, fabs(x - xb), h);
        }
        if (!isnan(bars[j].up)) {
            double x = sx(bars[j].up, d0, d1);
            ars__buf_printf(b,
                            "<rect class=\"up\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                            "height=\"%.2f\" fill=\"#ff7f0e\"/>\n",
                            x < xb ? x : xb, y, fabs(x - xb), h);
        }
        /* Names inside the plot, above each bar, since paths are long. */
        text(b, ML + 4, y - 2, "start", " font-size=\"10\"", name);
    }
    if (!isnan(base))
        ars__buf_printf(b,
                        "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\" "
                        "stroke-dasharray=\"4 3\"/>\n",
                        sx(base, d0, d1), MT, sx(base, d0, d1), H - MB);
    ars__free(bars);
}

int ars_study_results_svg(const ars_study_results *r, const char *metric, char **out, size_t *len,
                          ars_error *err)
{
    const ars_study *s = r->study;
    size_t k = 0;
    ars__buf b;
    const char *kind;
    *out = NULL;
    if (len)
        *len = 0;
    if (metric) {
        for (k = 0; k < s->nmetrics; k++)
            if (strcmp(s->metrics[k].name, metric) == 0)
                break;
        if (k == s->nmetrics)
            return ars_error_set(err, ARS_ESTUDY, "--svg-metric",
                                 "\"%s\" is not a metric of this study (its first is \"%s\")",
                                 metric, s->metrics[0].name);
    }
    ars__results_sort((ars_study_results *)r);
    ars__buf_init(&b, 0);
    if (s->type == ARS_STUDY_TORNADO)
        kind = "tornado";
    else if (s->type == ARS_STUDY_MONTE_CARLO)
        kind = "histogram";
    else if (s->nparams == 1)
        kind = "line";
    else if (s->nparams == 2)
        kind = "heatmap";
    else
        kind = "line-by-point";
    header(&b, kind, s->metrics[k].name);
    ars__buf_printf(&b, " data-metric=\"");
    esc(&b, s->metrics[k].name);
    ars__buf_puts(&b, "\"");
    if (s->type == ARS_STUDY_TORNADO)
        tornado(&b, r, k);
    else if (s->type == ARS_STUDY_MONTE_CARLO)
        histogram(&b, r, k);
    else if (s->nparams == 2)
        heat_map(&b, r, k);
    else
        line_chart(&b, r, k, s->nparams == 1);
    ars__buf_puts(&b, "</svg>\n");
    if (b.failed) {
        ars__buf_free(&b);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory while drawing the chart");
    }
    if (len)
        *len = b.len;
    *out = ars__buf_take(&b);
    return ARS_OK;
}
