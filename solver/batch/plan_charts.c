/* plan_charts.c - the charts of one plan as plain SVG: output by line over
 * time, fill rate by requirement over time, and each fund's spend against
 * its amount over time. `arsenal solve --charts DIR` writes them and the
 * server returns them with /v1/solve?charts=1, so the web page and the CLI
 * show the same drawing. They are drawn from the result JSON
 * (docs/result-json.md), which is what both already have.
 *
 * Axes get "nice" ticks (1, 2, 2.5 or 5 times a power of ten), the period
 * names along x (thinned to fit), axis titles, and a legend; one colour per
 * series from a palette that stays distinguishable for common colour
 * blindness (Okabe and Ito's). The root element carries data-chart and the
 * y range drawn (data-y-max) so tests can check a chart against the plan. */
#include "batch/batch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 820.0
#define H 440.0
#define ML 80.0 /* margins: left, right (legend), top, bottom */
#define MR 230.0
#define MT 46.0
#define MB 64.0
#define MAX_SERIES 12 /* more are summed into "other" */

static const char *const palette[] = {"#0072b2", "#e69f00", "#009e73", "#cc79a7",
                                      "#56b4e9", "#d55e00", "#f0e442", "#000000",
                                      "#999999", "#7f3c8d", "#8c564b", "#3969ac"};

const char *const ars_plan_chart_names[] = {"output", "fill_rate", "funds", NULL};

typedef struct series {
    char name[96];
    double *v; /* [T] */
    int dashed;
    int colour;
} series;

typedef struct chart {
    const char *kind, *title, *ylabel;
    int percent; /* y values are fractions shown as % */
    int T;
    const cJSON *periods;
    series s[2 * MAX_SERIES + 1];
    int n;
} chart;

static void text(ars__buf *b, double x, double y, const char *anchor, const char *extra,
                 const char *s)
{
    ars__buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>", x, y, anchor,
                    extra ? extra : "");
    ars__buf_xml_text(b, s);
    ars__buf_puts(b, "</text>\n");
}

/* The step of about `want` ticks over [0, hi]: 1, 2, 2.5 or 5 times a power
 * of ten. */
static double nice_step(double hi, int want)
{
    double raw = hi / want, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
}

/* Tick labels like the CLI table: 1.5k, 10.19M, 2B for large values. */
static void tick_label(char *out, size_t n, double v, int percent)
{
    double a = fabs(v);
    if (percent)
        snprintf(out, n, "%.0f%%", v * 100);
    else if (a >= 1e9)
        snprintf(out, n, "%.4gB", v / 1e9);
    else if (a >= 1e6)
        snprintf(out, n, "%.4gM", v / 1e6);
    else if (a >= 1e4)
        snprintf(out, n, "%.4gk", v / 1e3);
    else
        snprintf(out, n, "%.4g", v);
}

static series *add_series(chart *c, const char *name, const char *suffix)
{
    series *s;
    if (c->n >= (int)(sizeof c->s / sizeof c->s[0]))
        return NULL;
    s = &c->s[c->n];
    s->v = ars__calloc((size_t)(c->T > 0 ? c->T : 1), sizeof *s->v);
    if (!s->v)
        return NULL;
    snprintf(s->name, sizeof s->name, "%s%s", name, suffix ? suffix : "");
    s->colour = c->n;
    c->n++;
    return s;
}

/* Adds the T numbers of arr to v. */
static void add_values(double *v, const cJSON *arr, int T)
{
    int t = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, arr)
    {
        if (t >= T)
            break;
        if (cJSON_IsNumber(x))
            v[t] += x->valuedouble;
        t++;
    }
}

/* The series named name; past MAX_SERIES - 1 series, one "other" sums
 * the rest. */
static series *find_or_add(chart *c, const char *name)
{
    int i;
    for (i = 0; i < c->n; i++)
        if (strcmp(c->s[i].name, name) == 0)
            return &c->s[i];
    if (c->n < MAX_SERIES - 1)
        return add_series(c, name, NULL);
    for (i = 0; i < c->n; i++)
        if (strcmp(c->s[i].name, "other") == 0)
            return &c->s[i];
    return add_series(c, "other", NULL);
}

static int build(chart *c, const cJSON *res, const char *which, ars_error *err)
{
    const cJSON *plan = cJSON_GetObjectItemCaseSensitive(res, "plan"), *x;
    c->periods = cJSON_GetObjectItemCaseSensitive(res, "periods");
    c->T = cJSON_GetArraySize(c->periods);
    if (!cJSON_IsObject(plan) || c->T <= 0)
        return ars_error_set(err, ARS_EUSAGE, "charts", "the result has no plan to chart");
    if (strcmp(which, "output") == 0) {
        c->kind = "output";
        c->title = "Output by line";
        c->ylabel = "units made per period";
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(plan, "production"))
        {
            const cJSON *line = cJSON_GetObjectItemCaseSensitive(x, "line");
            series *s = cJSON_IsString(line) ? find_or_add(c, line->valuestring) : NULL;
            if (!s)
                return ars_error_set(err, ARS_ENOMEM, "charts", "out of memory");
            add_values(s->v, cJSON_GetObjectItemCaseSensitive(x, "output"), c->T);
        }
    } else if (strcmp(which, "fill_rate") == 0) {
        c->kind = "fill_rate";
        c->title = "Fill rate by requirement";
        c->ylabel = "met / demand";
        c->percent = 1;
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(res, "requirements"))
        {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "id");
            series *s;
            if (c->n >= MAX_SERIES)
                break; /* fill rates do not add up: the first twelve only */
            s = cJSON_IsString(id) ? add_series(c, id->valuestring, NULL) : NULL;
            if (!s)
                return ars_error_set(err, ARS_ENOMEM, "charts", "out of memory");
            add_values(s->v, cJSON_GetObjectItemCaseSensitive(x, "fill_rate"), c->T);
        }
    } else if (strcmp(which, "funds") == 0) {
        int k = 0;
        c->kind = "funds";
        c->title = "Fund spend against amount";
        c->ylabel = "money per period";
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(plan, "funds"))
        {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "fund");
            series *spent, *amount;
            if (k >= MAX_SERIES)
                break;
            if (!cJSON_IsString(id))
                continue;
            spent = add_series(c, id->valuestring, " spent");
            amount = spent ? add_series(c, id->valuestring, " amount") : NULL;
            if (!amount)
                return ars_error_set(err, ARS_ENOMEM, "charts", "out of memory");
            /* Spend and amount of one fund share a colour; the amount is
             * dashed. */
            spent->colour = amount->colour = k++;
            amount->dashed = 1;
            add_values(spent->v, cJSON_GetObjectItemCaseSensitive(x, "spent"), c->T);
            add_values(amount->v, cJSON_GetObjectItemCaseSensitive(x, "amount"), c->T);
        }
    } else {
        return ars_error_set(err, ARS_EUSAGE, "charts",
                             "no chart named \"%s\"; expected output, fill_rate or funds", which);
    }
    return ARS_OK;
}

static double px(const chart *c, int t)
{
    double w = W - ML - MR;
    return c->T == 1 ? ML + w / 2 : ML + w * t / (c->T - 1);
}

static void draw(ars__buf *b, const chart *c)
{
    double ymax = 0, step, y, ph = H - MT - MB;
    char label[48];
    int i, t, ticks, every;
    for (i = 0; i < c->n; i++)
        for (t = 0; t < c->T; t++)
            if (isfinite(c->s[i].v[t]) && c->s[i].v[t] > ymax)
                ymax = c->s[i].v[t];
    if (c->percent)
        ymax = 1;
    else if (!(ymax > 0))
        ymax = 1;
    step = c->percent ? 0.2 : nice_step(ymax, 5);
    ticks = (int)ceil(ymax / step - 1e-9);
    ymax = ticks * step;

    ars__buf_printf(b,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"12\" "
                    "data-chart=\"%s\" data-series=\"%d\" data-y-max=\"%.17g\">\n",
                    W, H, W, H, c->kind, c->n, ymax);
    ars__buf_printf(b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", W,
                    H);
    text(b, ML + (W - ML - MR) / 2, 26, "middle", " font-size=\"16\" font-weight=\"bold\"",
         c->title);

    /* y grid and tick labels */
    for (i = 0; i <= ticks; i++) {
        y = H - MB - ph * i / ticks;
        ars__buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                        ML, y, W - MR, y, i == 0 ? "#333333" : "#e3e3e3");
        tick_label(label, sizeof label, step * i, c->percent);
        text(b, ML - 8, y + 4, "end", NULL, label);
    }
    /* x ticks: period names, thinned to about ten */
    every = c->T > 10 ? (c->T + 9) / 10 : 1;
    for (t = 0; t < c->T; t++) {
        const cJSON *p = cJSON_GetArrayItem(c->periods, t);
        double x = px(c, t);
        ars__buf_printf(
            b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n", x,
            H - MB, x, H - MB + 5);
        if (t % every == 0 && cJSON_IsString(p))
            text(b, x, H - MB + 19, "middle", NULL, p->valuestring);
    }
    ars__buf_printf(b,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333333\"/>\n",
                    ML, MT, ML, H - MB);
    text(b, ML + (W - ML - MR) / 2, H - 16, "middle", NULL, "period");
    ars__buf_printf(b,
                    "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" "
                    "transform=\"rotate(-90 20 %.1f)\">",
                    MT + ph / 2, MT + ph / 2);
    ars__buf_xml_text(b, c->ylabel);
    ars__buf_puts(b, "</text>\n");

    /* series, then the legend on the right */
    for (i = 0; i < c->n; i++) {
        const series *s = &c->s[i];
        const char *col = palette[s->colour % (int)(sizeof palette / sizeof palette[0])];
        ars__buf_printf(b,
                        "<polyline class=\"series\" fill=\"none\" stroke=\"%s\" "
                        "stroke-width=\"2\"%s points=\"",
                        col, s->dashed ? " stroke-dasharray=\"6 4\"" : "");
        for (t = 0; t < c->T; t++) {
            double v = isfinite(s->v[t]) ? s->v[t] : 0;
            ars__buf_printf(b, "%s%.1f,%.1f", t ? " " : "", px(c, t), H - MB - ph * v / ymax);
        }
        ars__buf_puts(b, "\"/>\n");
        if (c->T <= 24)
            for (t = 0; t < c->T; t++) {
                double v = isfinite(s->v[t]) ? s->v[t] : 0;
                if (!s->dashed)
                    ars__buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
                                    px(c, t), H - MB - ph * v / ymax, col);
            }
        y = MT + 8 + 20 * i;
        ars__buf_printf(b,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        "stroke-width=\"2\"%s/>\n",
                        W - MR + 16, y, W - MR + 40, y, col,
                        s->dashed ? " stroke-dasharray=\"6 4\"" : "");
        {
            /* Long ids would run off the picture: cut (at a character
             * boundary) with an ellipsis. */
            char shown[sizeof s->name + 4];
            size_t n = strlen(s->name);
            if (n > 28) {
                n = 26;
                while (n > 0 && ((unsigned char)s->name[n] & 0xc0) == 0x80)
                    n--;
                snprintf(shown, sizeof shown, "%.*s\xe2\x80\xa6", (int)n, s->name);
            } else {
                snprintf(shown, sizeof shown, "%s", s->name);
            }
            text(b, W - MR + 46, y + 4, "start", NULL, shown);
        }
    }
    if (c->n == 0)
        text(b, ML + (W - ML - MR) / 2, MT + ph / 2, "middle", " fill=\"#666666\"",
             strcmp(c->kind, "funds") == 0 ? "this model has no funds" : "nothing to chart");
    ars__buf_puts(b, "</svg>\n");
}

int ars_plan_chart_svg(const cJSON *result, const char *which, char **out, size_t *len,
                       ars_error *err)
{
    chart c;
    ars__buf b;
    int rc, i;
    *out = NULL;
    *len = 0;
    memset(&c, 0, sizeof c);
    rc = build(&c, result, which, err);
    if (rc == ARS_OK) {
        ars__buf_init(&b, 0);
        draw(&b, &c);
        if (b.failed) {
            ars__buf_free(&b);
            rc = ars_error_set(err, ARS_ENOMEM, "charts", "out of memory drawing %s", which);
        } else {
            *len = b.len;
            *out = ars__buf_take(&b);
        }
    }
    for (i = 0; i < c.n; i++)
        ars__free(c.s[i].v);
    return rc;
}
