/* svg.c - one chart per study, written as plain SVG so it opens in any
 * browser with no other tool: a line chart over one grid parameter, a heat
 * map over two, tornado bars, or a Monte Carlo histogram.
 *
 * The root element carries the data ranges it draws (data-x-min, ...) in
 * round-trip form, so tests and tools can check the chart against the CSV.
 * For people: axes with "nice" ticks (1-2-5 steps, 5 to 10 labels, k and M
 * suffixes), titles from the model's names with units, a legend and the
 * base on the tornado, values in heat-map cells, the mean and p5/p95 on
 * the histogram. */
#include "batch/batch.h"
#include "lp/explain.h"
#include "model/model.h"
#include "util/numfmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 760.0
#define H 460.0
#define ML 90.0 /* margins: left, right, top, bottom */
#define MR 30.0
#define MT 64.0
#define MB 90.0

static void esc(ars__buf *b, const char *s)
{
    ars__buf_xml_text(b, s);
}

static void attr_num(ars__buf *b, const char *name, double v)
{
    char t[40];
    if (isnan(v))
        return; /* nothing to carry (no point has a value): no "nan" in the file */
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

static void header(ars__buf *b, const char *kind)
{
    ars__buf_printf(b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\" "
                    "data-chart=\"%s\"",
                    W, H, W, H, kind);
}

static void frame(ars__buf *b, const char *title, const char *xlabel, const char *ylabel)
{
    ars__buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", W,
                    H);
    text(b, W / 2, 22, "middle", " font-size=\"15\" font-weight=\"bold\" class=\"title\"", title);
    text(b, ML + (W - ML - MR) / 2, H - 46, "middle", " class=\"x-title\"", xlabel);
    ars__buf_printf(b,
                    "<text x=\"18\" y=\"%.2f\" text-anchor=\"middle\" class=\"y-title\" "
                    "transform=\"rotate(-90 18 %.2f)\">",
                    MT + (H - MT - MB) / 2, MT + (H - MT - MB) / 2);
    esc(b, ylabel);
    ars__buf_puts(b, "</text>\n");
}

static void axes_lines(ars__buf *b)
{
    ars__buf_printf(b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n"
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\"/>\n",
                    ML, H - MB, W - MR, H - MB, ML, MT, ML, H - MB);
}

static double sx(double v, double lo, double hi)
{
    return ML + (v - lo) / (hi - lo) * (W - ML - MR);
}

static double sy(double v, double lo, double hi)
{
    return H - MB - (v - lo) / (hi - lo) * (H - MT - MB);
}

/* ------------------------------------------------------------ ticks */

int ars__nice_ticks(double lo, double hi, double *ticks, int cap, double *step_out)
{
    static const double mant[3] = {1, 2, 5};
    double span, step = 0, first, last;
    int e, i, n = 0, e0;
    if (!isfinite(lo) || !isfinite(hi) || cap < 2)
        return 0;
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi == lo) {
        double pad = lo != 0 ? fabs(lo) * 0.1 : 1;
        lo -= pad;
        hi += pad;
    }
    span = hi - lo;
    e0 = (int)floor(log10(span));
    /* The smallest 1-2-5 step giving at most 10 ticks once both ends are
     * rounded out to a tick; successive steps differ by at most 2.5, so
     * the one chosen gives 5 or more. */
    for (e = e0 - 2; e <= e0 + 2 && step == 0; e++)
        for (i = 0; i < 3; i++) {
            double st = mant[i] * pow(10, e);
            if (ceil(hi / st - 1e-9) - floor(lo / st + 1e-9) + 1 > 10)
                continue;
            step = st;
            break;
        }
    if (step == 0)
        step = pow(10, e0 + 1);
    first = floor(lo / step + 1e-9) * step;
    last = ceil(hi / step - 1e-9) * step;
    for (i = 0; n < cap && first + i * step <= last + step * 1e-6; i++) {
        double t = first + i * step;
        ticks[n++] = fabs(t) < step * 1e-9 ? 0 : t;
    }
    if (step_out)
        *step_out = step;
    return n;
}

void ars__tick_label(char *buf, size_t len, double v, double step, double maxabs, int percent)
{
    double div = 1;
    const char *suffix = "";
    int decimals;
    char num[64];
    if (percent) {
        v *= 100;
        step *= 100;
        maxabs *= 100;
    }
    /* Thousands and millions as k and M from 10,000 on: "250k" reads at a
     * glance where "250,000" needs counting. */
    if (maxabs >= 1e6) {
        div = 1e6;
        suffix = "M";
    } else if (maxabs >= 1e4) {
        div = 1e3;
        suffix = "k";
    }
    decimals = step > 0 ? (int)ceil(-log10(step / div) - 1e-9) : 0;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    ars__fmt_fixed(num, sizeof num, v / div, decimals);
    snprintf(buf, len, "%s%s%s", num, suffix, percent ? "%" : "");
}

/* An axis: its drawing range (the outer ticks) and its tick values. */
typedef struct axis {
    double t[16], step, lo, hi, maxabs;
    int n, percent;
} axis;

static void axis_make(axis *a, double lo, double hi, int percent)
{
    memset(a, 0, sizeof *a);
    a->percent = percent;
    a->n = ars__nice_ticks(lo, hi, a->t, 16, &a->step);
    if (a->n < 2) {
        a->lo = lo;
        a->hi = hi;
        widen(&a->lo, &a->hi);
        a->n = 0;
        return;
    }
    a->lo = a->t[0];
    a->hi = a->t[a->n - 1];
    a->maxabs = fmax(fabs(a->lo), fabs(a->hi));
}

/* Tick labels and light grid lines; vertical: the y axis. */
static void draw_ticks(ars__buf *b, const axis *a, int vertical)
{
    int i;
    char l[64];
    for (i = 0; i < a->n; i++) {
        ars__tick_label(l, sizeof l, a->t[i], a->step, a->maxabs, a->percent);
        if (vertical) {
            double y = sy(a->t[i], a->lo, a->hi);
            ars__buf_printf(b,
                            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                            "stroke=\"#dddddd\"/>\n",
                            ML, y, W - MR, y);
            text(b, ML - 6, y + 4, "end", " class=\"y-tick\"", l);
        } else {
            double x = sx(a->t[i], a->lo, a->hi);
            ars__buf_printf(b,
                            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" "
                            "stroke=\"#dddddd\"/>\n",
                            x, MT, x, H - MB);
            text(b, x, H - MB + 18, "middle", " class=\"x-tick\"", l);
        }
    }
}

/* A value printed on the chart (cell, marker) with a little more precision
 * than the ticks of its range. */
static void value_label(double v, double lo, double hi, int percent, char *out, size_t n)
{
    axis a;
    axis_make(&a, lo, hi, percent);
    if (a.n >= 2) {
        char *dot, *end;
        size_t z;
        ars__tick_label(out, n, v, a.step / 10, a.maxabs, percent);
        /* "50.0" reads as 50: zeros after the point say nothing here. */
        dot = strchr(out, '.');
        if (dot) {
            end = dot + strspn(dot + 1, "0123456789") + 1;
            z = (size_t)(end - dot);
            while (z > 1 && dot[z - 1] == '0')
                z--;
            if (z == 1)
                z = 0;
            memmove(dot + z, end, strlen(end) + 1);
        }
        return;
    }
    ars__fmt_sig(out, n, v, 4);
}

/* ------------------------------------------------------- names, units */

static const char *model_name_of(const ars_model *m, const char *section, const char *id)
{
    int i;
    if (!m)
        return id;
    if (strcmp(section, "requirements") == 0) {
        for (i = 0; i < m->nrequirements; i++)
            if (strcmp(m->requirements[i].id, id) == 0)
                return m->requirements[i].name ? m->requirements[i].name : id;
    } else if (strcmp(section, "lines") == 0) {
        for (i = 0; i < m->nlines; i++)
            if (strcmp(m->lines[i].id, id) == 0)
                return m->lines[i].name ? m->lines[i].name : id;
    } else if (strcmp(section, "funds") == 0) {
        for (i = 0; i < m->nfunds; i++)
            if (strcmp(m->funds[i].id, id) == 0)
                return m->funds[i].name ? m->funds[i].name : id;
    }
    return id;
}

static int requirement_index(const ars_model *m, const char *id)
{
    int i;
    for (i = 0; m && i < m->nrequirements; i++)
        if (strcmp(m->requirements[i].id, id) == 0)
            return i;
    return -1;
}

/* What a metric is, for people: a title ("Fill rate of 155 mm fires") and
 * an axis title with its unit ("fill rate (%)"); *percent for a ratio. */
static void metric_words(const ars_study *s, size_t k, char *title, size_t tlen, char *axis_title,
                         size_t alen, int *percent)
{
    const ars_model *m = ars__study_model(s);
    const char *path = s->metrics[k].path, *cur = m && m->currency ? m->currency : "money";
    char sec[64] = "", id[128] = "", rest[128] = "";
    *percent = 0;
    snprintf(title, tlen, "%s", s->metrics[k].name);
    snprintf(axis_title, alen, "%s", s->metrics[k].name);
    if (strcmp(path, "objective.shortfall") == 0) {
        snprintf(title, tlen, "Weighted shortfall");
        snprintf(axis_title, alen, "weighted shortfall S (priority x units short)");
        return;
    }
    if (strcmp(path, "objective.cost") == 0) {
        snprintf(title, tlen, "Cost");
        snprintf(axis_title, alen, "discounted cost (%s)", cur);
        return;
    }
    if (sscanf(path, "%63[^.].%127[^.].%127[^@]", sec, id, rest) < 3)
        return;
    if (strcmp(sec, "requirements") == 0) {
        const char *leaf = strrchr(rest, '.') ? strrchr(rest, '.') + 1 : rest;
        const char *name = model_name_of(m, sec, id);
        int r = requirement_index(m, id);
        char unit[128] = "units";
        double per;
        if (r >= 0)
            ars__explain_req_unit(m, r, unit, sizeof unit, &per);
        if (strcmp(leaf, "fill_rate") == 0) {
            snprintf(title, tlen, "Fill rate of %s", name);
            snprintf(axis_title, alen, "fill rate over the horizon (%%)");
            *percent = 1;
        } else {
            snprintf(title, tlen, "%s of %s", leaf, name);
            if (title[0] >= 'a' && title[0] <= 'z')
                title[0] = (char)(title[0] - 'a' + 'A');
            snprintf(axis_title, alen, "%s (%s)", leaf, unit);
        }
        return;
    }
    if (strcmp(sec, "plan") == 0 && strcmp(id, "funds") == 0) {
        char fund[128] = "", field[64] = "";
        if (sscanf(rest, "%127[^.].%63s", fund, field) == 2) {
            snprintf(title, tlen, "%s: %s", model_name_of(m, "funds", fund), field);
            snprintf(axis_title, alen, "%s (%s)", field, cur);
        }
    }
}

/* A parameter for people: "capacity of line Bohdana (x base)". */
static void param_words(const ars_study *s, size_t j, char *out, size_t len)
{
    const ars__study_param *p = &s->params[j];
    char sec[64] = "", id[128] = "", field[128] = "";
    if (sscanf(p->path, "%63[^.].%127[^.].%127[^@]", sec, id, field) == 3 && !strchr(id, '[') &&
        !strchr(sec, '[')) {
        const char *name = model_name_of(ars__study_model(s), sec, id);
        size_t sl = strlen(sec);
        /* "lines" -> "line": sections are plural nouns. */
        snprintf(out, len, "%s of %.*s %s%s", field,
                 (int)(sl > 1 && sec[sl - 1] == 's' ? sl - 1 : sl), sec, name,
                 p->scale ? " (x base)" : "");
        return;
    }
    snprintf(out, len, "%s%s", p->path, p->scale ? " (x base)" : "");
}

static void subtitle(ars__buf *b, const ars_study *s, const char *what)
{
    const ars_model *m = ars__study_model(s);
    char t[400];
    snprintf(t, sizeof t, "%s%s%s", m && m->name ? m->name : "", m && m->name ? ": " : "", what);
    text(b, W / 2, 40, "middle", " font-size=\"11\" fill=\"#555555\" class=\"subtitle\"", t);
}

/* ----------------------------------------------------------- charts */

/* Metric k over the rows, with the x of each point (a numeric parameter,
 * or the position of a string value). */
static void line_chart(ars__buf *b, const ars_study_results *r, size_t k, int by_param)
{
    const ars_study *s = r->study;
    const ars__study_param *p = &s->params[0];
    double xlo = NAN, xhi = NAN, ylo = NAN, yhi = NAN;
    char title[300], ytitle[300], xtitle[300], full[700], sub[64];
    size_t i, n = 0;
    int started = 0, percent;
    axis ax, ay;
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
    metric_words(s, k, title, sizeof title, ytitle, sizeof ytitle, &percent);
    if (by_param)
        param_words(s, 0, xtitle, sizeof xtitle);
    else
        snprintf(xtitle, sizeof xtitle, "point of the study");
    snprintf(full, sizeof full, "%s by %s", title, by_param ? xtitle : "point");
    frame(b, full, xtitle, ytitle);
    snprintf(sub, sizeof sub, "%zu points", n);
    subtitle(b, s, sub);
    if (n == 0) {
        axes_lines(b);
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        ars__free(xs);
        return;
    }
    axis_make(&ay, ylo, yhi, percent);
    draw_ticks(b, &ay, 1);
    if (by_param && !p->numeric) {
        ax.lo = -0.5;
        ax.hi = (double)p->nvalues - 0.5;
        for (i = 0; i < p->nvalues; i++)
            text(b, sx((double)i, ax.lo, ax.hi), H - MB + 18, "middle", " class=\"x-tick\"",
                 p->values[i]);
    } else {
        axis_make(&ax, xlo, xhi, 0);
        draw_ticks(b, &ax, 0);
    }
    axes_lines(b);
    ars__buf_puts(b, "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"");
    for (i = 0; i < r->nrows; i++) {
        double y = r->rows[i].metrics[k];
        if (isnan(y))
            continue;
        ars__buf_printf(b, "%s%.2f,%.2f", started ? " " : "", sx(xs[i], ax.lo, ax.hi),
                        sy(y, ay.lo, ay.hi));
        started = 1;
    }
    ars__buf_puts(b, "\"/>\n");
    for (i = 0; i < r->nrows; i++) {
        double y = r->rows[i].metrics[k];
        if (isnan(y))
            continue;
        ars__buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"#1f77b4\"/>\n",
                        sx(xs[i], ax.lo, ax.hi), sy(y, ay.lo, ay.hi));
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
    char l0[64], l1[64], fill[16], title[300], vtitle[300], xtitle[300], ytitle[300], t2[700];
    size_t i, n = 0, rest = 1, j;
    int percent;
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
    metric_words(s, k, title, sizeof title, vtitle, sizeof vtitle, &percent);
    param_words(s, 0, xtitle, sizeof xtitle);
    param_words(s, 1, ytitle, sizeof ytitle);
    frame(b, title, xtitle, ytitle);
    snprintf(t2, sizeof t2, "each cell: %s", vtitle);
    subtitle(b, s, t2);
    cw = (W - ML - MR) / (double)px->nvalues;
    ch = (H - MT - MB) / (double)py->nvalues;
    dv0 = vlo;
    dv1 = vhi;
    widen(&dv0, &dv1);
    for (i = 0; i < r->nrows; i++) {
        size_t pt = r->rows[i].point, ix, iy;
        double v = r->rows[i].metrics[k], t = 0;
        char val[40], shown[64];
        if (pt % rest != 0)
            continue;
        iy = (pt / rest) % py->nvalues;
        ix = (pt / rest) / py->nvalues;
        if (isnan(v))
            snprintf(fill, sizeof fill, "#cccccc");
        else {
            t = (v - dv0) / (dv1 - dv0);
            colour(t, fill, sizeof fill);
        }
        ars__num_text(val, sizeof val, v);
        ars__buf_printf(b,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        "fill=\"%s\" stroke=\"white\"><title>",
                        ML + (double)ix * cw, H - MB - (double)(iy + 1) * ch, cw, ch, fill);
        esc(b, px->values[ix]);
        ars__buf_puts(b, ", ");
        esc(b, py->values[iy]);
        ars__buf_printf(b, ": %s</title></rect>\n", val);
        /* The value in the cell, light on dark cells. */
        if (isnan(v))
            snprintf(shown, sizeof shown, "-");
        else
            value_label(v, vlo, vhi, percent, shown, sizeof shown);
        if (cw >= 28 && ch >= 14)
            text(b, ML + ((double)ix + 0.5) * cw, H - MB - ((double)iy + 0.5) * ch + 4, "middle",
                 t > 0.55 ? " class=\"cell\" fill=\"white\" font-size=\"11\""
                          : " class=\"cell\" font-size=\"11\"",
                 shown);
    }
    /* Every value of both parameters under its column or beside its row. */
    for (i = 0; i < px->nvalues; i++)
        text(b, ML + ((double)i + 0.5) * cw, H - MB + 18, "middle",
             i == 0                 ? " class=\"x-min\""
             : i + 1 == px->nvalues ? " class=\"x-max\""
                                    : " class=\"x-tick\"",
             px->values[i]);
    for (i = 0; i < py->nvalues; i++)
        text(b, ML - 6, H - MB - ((double)i + 0.5) * ch + 4, "end",
             i == 0                 ? " class=\"y-min\""
             : i + 1 == py->nvalues ? " class=\"y-max\""
                                    : " class=\"y-tick\"",
             py->values[i]);
    axes_lines(b);
    value_label(vlo, vlo, vhi, percent, l0, sizeof l0);
    value_label(vhi, vlo, vhi, percent, l1, sizeof l1);
    colour(0, fill, sizeof fill);
    ars__buf_printf(b,
                    "<rect x=\"%.2f\" y=\"%.2f\" width=\"12\" height=\"12\" fill=\"%s\" "
                    "stroke=\"#999999\"/>\n",
                    W - MR - 220, H - 28, fill);
    text(b, W - MR - 204, H - 18, "start", " class=\"v-min\"", l0);
    colour(1, fill, sizeof fill);
    ars__buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    W - MR - 110, H - 28, fill);
    text(b, W - MR - 94, H - 18, "start", " class=\"v-max\"", l1);
}

static void vline(ars__buf *b, double x, const char *stroke, const char *dash, const char *label,
                  int row)
{
    ars__buf_printf(b,
                    "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\" "
                    "stroke-width=\"2\"%s%s%s/>\n",
                    x, MT, x, H - MB, stroke, dash ? " stroke-dasharray=\"" : "", dash ? dash : "",
                    dash ? "\"" : "");
    /* Near the right edge the label goes to the left of its line. */
    if (x > W - MR - 90)
        text(b, x - 4, MT + 12 + 14 * row, "end", " font-size=\"11\" class=\"marker\"", label);
    else
        text(b, x + 4, MT + 12 + 14 * row, "start", " font-size=\"11\" class=\"marker\"", label);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void histogram(ars__buf *b, const ars_study_results *r, size_t k)
{
    const ars_study *s = r->study;
    double lo = NAN, hi = NAN, d0, d1, bw, sum = 0, *vals, mean, p5, p95;
    size_t i, n = 0, nb, maxc = 0;
    size_t counts[40] = {0};
    char title[300], xtitle[300], sub[64], lab[128], num[64];
    int percent;
    axis ax, ay;
    vals = ars__malloc((r->nrows ? r->nrows : 1) * sizeof *vals);
    if (!vals) {
        b->failed = 1;
        return;
    }
    for (i = 0; i < r->nrows; i++) {
        double v = r->rows[i].metrics[k];
        if (isnan(v))
            continue;
        if (n == 0 || v < lo)
            lo = v;
        if (n == 0 || v > hi)
            hi = v;
        vals[n++] = v;
        sum += v;
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
    for (i = 0; i < n; i++) {
        size_t bi = (size_t)floor((vals[i] - d0) / bw);
        if (bi >= nb)
            bi = nb - 1; /* the maximum belongs to the last bin */
        counts[bi]++;
    }
    for (i = 0; i < nb; i++)
        if (counts[i] > maxc)
            maxc = counts[i];
    qsort(vals, n, sizeof *vals, cmp_double);
    mean = n ? sum / (double)n : NAN;
    p5 = n ? ars__percentile(vals, n, 5) : NAN;
    p95 = n ? ars__percentile(vals, n, 95) : NAN;
    attr_num(b, "data-x-min", lo);
    attr_num(b, "data-x-max", hi);
    attr_num(b, "data-y-min", 0);
    attr_num(b, "data-y-max", (double)maxc);
    ars__buf_printf(b, " data-n=\"%zu\" data-bins=\"%zu\"", n, nb);
    attr_num(b, "data-mean", mean);
    attr_num(b, "data-p5", p5);
    attr_num(b, "data-p95", p95);
    ars__buf_puts(b, ">\n");
    metric_words(s, k, title, sizeof title, xtitle, sizeof xtitle, &percent);
    frame(b, title, xtitle, "points of the study");
    snprintf(sub, sizeof sub, "Monte Carlo, %zu points", n);
    subtitle(b, s, sub);
    if (n == 0) {
        axes_lines(b);
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        ars__free(vals);
        return;
    }
    axis_make(&ax, d0, d1, percent);
    axis_make(&ay, 0, (double)maxc, 0);
    if (ay.step < 1) {
        /* Counts are whole: ticks at each count instead of at fractions. */
        ay.n = 0;
        for (i = 0; i <= maxc && ay.n < 16; i++)
            ay.t[ay.n++] = (double)i;
        ay.step = 1;
        ay.lo = 0;
        ay.hi = (double)maxc;
    }
    draw_ticks(b, &ax, 0);
    draw_ticks(b, &ay, 1);
    for (i = 0; i < nb; i++) {
        double x = sx(d0 + (double)i * bw, ax.lo, ax.hi),
               x1 = sx(d0 + (double)(i + 1) * bw, ax.lo, ax.hi);
        double y = sy((double)counts[i], ay.lo, ay.hi);
        ars__buf_printf(b,
                        "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                        "fill=\"#1f77b4\" stroke=\"white\"><title>%zu</title></rect>\n",
                        x, y, x1 - x, H - MB - y, counts[i]);
    }
    axes_lines(b);
    value_label(p5, lo, hi, percent, num, sizeof num);
    snprintf(lab, sizeof lab, "p5 %s", num);
    vline(b, sx(p5, ax.lo, ax.hi), "#555555", "4 3", lab, 0);
    value_label(mean, lo, hi, percent, num, sizeof num);
    snprintf(lab, sizeof lab, "mean %s", num);
    vline(b, sx(mean, ax.lo, ax.hi), "#d62728", NULL, lab, 1);
    value_label(p95, lo, hi, percent, num, sizeof num);
    snprintf(lab, sizeof lab, "p95 %s", num);
    vline(b, sx(p95, ax.lo, ax.hi), "#555555", "4 3", lab, 2);
    ars__free(vals);
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

static void legend_box(ars__buf *b, double x, const char *fill, const char *label)
{
    ars__buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n", x,
                    H - 28, fill);
    text(b, x + 16, H - 18, "start", " class=\"legend\"", label);
}

static void tornado(ars__buf *b, const ars_study_results *r, size_t k)
{
    const ars_study *s = r->study;
    bar *bars = ars__calloc(s->nparams, sizeof *bars);
    double base = metric_at(r, 0, k), lo = base, hi = base, bh, delta;
    char title[300], xtitle[300], name[300], lab[200], num[64], full[400];
    size_t j, n = 0;
    int percent;
    axis ax;
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
    metric_words(s, k, title, sizeof title, xtitle, sizeof xtitle, &percent);
    snprintf(full, sizeof full, "What moves: %s", title);
    frame(b, full, xtitle, "");
    delta = s->nparams > 0 ? s->params[0].delta : 0;
    snprintf(lab, sizeof lab, "each parameter %g%% down and up, the others at base", delta * 100);
    subtitle(b, s, lab);
    if (n == 0) {
        axes_lines(b);
        text(b, W / 2, H / 2, "middle", NULL, "no point with a value");
        ars__free(bars);
        return;
    }
    axis_make(&ax, lo, hi, percent);
    draw_ticks(b, &ax, 0);
    bh = (H - MT - MB - 10) / (double)s->nparams;
    for (j = 0; j < s->nparams; j++) {
        double y = MT + 10 + (double)j * bh + bh * 0.3, h = bh * 0.6;
        double xb = isnan(base) ? sx(ax.lo, ax.lo, ax.hi) : sx(base, ax.lo, ax.hi);
        if (!isnan(bars[j].down)) {
            double x = sx(bars[j].down, ax.lo, ax.hi);
            ars__buf_printf(b,
                            "<rect class=\"down\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                            "height=\"%.2f\" fill=\"#1f77b4\"/>\n",
                            x < xb ? x : xb, y, fabs(x - xb), h);
        }
        if (!isnan(bars[j].up)) {
            double x = sx(bars[j].up, ax.lo, ax.hi);
            ars__buf_printf(b,
                            "<rect class=\"up\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
                            "height=\"%.2f\" fill=\"#ff7f0e\"/>\n",
                            x < xb ? x : xb, y, fabs(x - xb), h);
        }
        /* Names inside the plot, above each bar: they are long. */
        param_words(s, bars[j].j, name, sizeof name);
        text(b, ML + 4, y - 3, "start", " font-size=\"11\" class=\"bar-name\"", name);
    }
    axes_lines(b);
    if (!isnan(base)) {
        value_label(base, lo, hi, percent, num, sizeof num);
        snprintf(lab, sizeof lab, "base %s", num);
        ars__buf_printf(b,
                        "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"black\" "
                        "stroke-dasharray=\"4 3\" class=\"base\"/>\n",
                        sx(base, ax.lo, ax.hi), MT, sx(base, ax.lo, ax.hi), H - MB);
        text(b, sx(base, ax.lo, ax.hi), MT - 4, "middle", " font-size=\"11\" class=\"base-label\"",
             lab);
    }
    /* Legend: which colour is which move. */
    snprintf(lab, sizeof lab, "parameter %g%% lower", delta * 100);
    legend_box(b, ML, "#1f77b4", lab);
    snprintf(lab, sizeof lab, "parameter %g%% higher", delta * 100);
    legend_box(b, ML + 180, "#ff7f0e", lab);
    legend_box(b, ML + 360, "none", "");
    text(b, ML + 360, H - 18, "start", " class=\"legend\"", "- - - base value");
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
        char canon[512], why[300];
        for (k = 0; k < s->nmetrics; k++)
            if (strcmp(s->metrics[k].name, metric) == 0)
                break;
        /* Any name of the same quantity: "fires.fill_rate" is the default
         * "requirements.fires.fill_rate". */
        if (k == s->nmetrics && ars__metric_resolve(metric, ars__study_model(s), canon,
                                                    sizeof canon, why, sizeof why) == 0)
            for (k = 0; k < s->nmetrics; k++)
                if (strcmp(s->metrics[k].path, canon) == 0)
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
    header(&b, kind);
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
