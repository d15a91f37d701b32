/* numfmt.c - numbers for people (numfmt.h). */
#include "util/numfmt.h"

#include "arsenal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Inserts a comma every three digits of the integer part of text (which
 * printf wrote: optional '-', digits, optional '.' and decimals). */
static void group(char *buf, size_t len, const char *text)
{
    const char *digits = text + (text[0] == '-'), *dot = strchr(digits, '.');
    size_t nint = dot ? (size_t)(dot - digits) : strlen(digits), i, o = 0;
    char out[128];
    if (digits != text)
        out[o++] = '-';
    for (i = 0; i < nint && o + 2 < sizeof out; i++) {
        if (i > 0 && (nint - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    snprintf(buf, len, "%s%s", out, dot ? dot : "");
}

static int special(char *buf, size_t len, double v)
{
    if (isnan(v)) {
        snprintf(buf, len, "-");
        return 1;
    }
    if (isinf(v)) {
        snprintf(buf, len, "%s", v > 0 ? "no limit" : "-no limit");
        return 1;
    }
    return 0;
}

void ars__fmt_fixed(char *buf, size_t len, double v, int decimals)
{
    char text[96];
    if (special(buf, len, v))
        return;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 12)
        decimals = 12;
    /* Beyond 1e30 no one reads digits; the magnitude is the message. */
    if (fabs(v) >= 1e30) {
        snprintf(buf, len, "%s", v > 0 ? "over 1e30" : "under -1e30");
        return;
    }
    snprintf(text, sizeof text, "%.*f", decimals, v);
    /* "-0" and "-0.00" read as zero. */
    if (text[0] == '-' && strspn(text + 1, "0.") == strlen(text + 1))
        memmove(text, text + 1, strlen(text));
    group(buf, len, text);
}

static int integral(double v)
{
    /* Simplex round-off on large values is far below a unit. */
    return fabs(v - round(v)) <= fmax(1e-6, 1e-12 * fabs(v));
}

void ars__fmt_amount(char *buf, size_t len, double v)
{
    ars__fmt_fixed(buf, len, v, integral(v) ? 0 : 2);
}

void ars__fmt_money(char *buf, size_t len, double v)
{
    double a = fabs(v);
    char num[64];
    if (special(buf, len, v))
        return;
    /* Thresholds where two decimals of the smaller unit would round up to
     * 1000 of it: 999,995,000 is 1.00B, not 1000.00M. */
    if (a >= 999.995e9) {
        ars__fmt_fixed(num, sizeof num, v / 1e12, 2);
        snprintf(buf, len, "%sT", num);
    } else if (a >= 999.995e6) {
        ars__fmt_fixed(num, sizeof num, v / 1e9, 2);
        snprintf(buf, len, "%sB", num);
    } else if (a >= 1e6) {
        ars__fmt_fixed(num, sizeof num, v / 1e6, 2);
        snprintf(buf, len, "%sM", num);
    } else
        ars__fmt_fixed(buf, len, v, a >= 100 ? 0 : 2);
}

void ars__fmt_sig(char *buf, size_t len, double v, int sig)
{
    int mag, decimals;
    char text[96];
    size_t n;
    if (special(buf, len, v))
        return;
    if (sig < 1)
        sig = 1;
    if (v == 0) {
        snprintf(buf, len, "0");
        return;
    }
    mag = (int)floor(log10(fabs(v)));
    decimals = sig - 1 - mag;
    if (decimals <= 0) {
        ars__fmt_fixed(buf, len, v, 0);
        return;
    }
    if (decimals > 12)
        decimals = 12;
    snprintf(text, sizeof text, "%.*f", decimals, v);
    /* Rounding may carry into another digit (9.9996 -> 10.000); trailing
     * zeros after the point say nothing. */
    n = strlen(text);
    while (n > 0 && text[n - 1] == '0')
        text[--n] = '\0';
    if (n > 0 && text[n - 1] == '.')
        text[--n] = '\0';
    if (strcmp(text, "-0") == 0)
        memmove(text, text + 1, strlen(text));
    group(buf, len, text);
}

void ars__fmt_sig_signed(char *buf, size_t len, double v, int sig)
{
    char num[96];
    ars__fmt_sig(num, sizeof num, v, sig);
    snprintf(buf, len, "%s%s", v > 0 && strcmp(num, "0") != 0 ? "+" : "", num);
}

char *ars_format_number(char *buf, size_t len, double v, int style)
{
    char num[96];
    int sign = style & ARS_FMT_SIGNED;
    if (!buf || len == 0)
        return buf;
    switch (style & ~ARS_FMT_SIGNED) {
    case ARS_FMT_MONEY:
        ars__fmt_money(num, sizeof num, v);
        break;
    case ARS_FMT_SIG4:
        ars__fmt_sig(num, sizeof num, v, 4);
        break;
    case ARS_FMT_SIG6:
        ars__fmt_sig(num, sizeof num, v, 6);
        break;
    default:
        ars__fmt_amount(num, sizeof num, v);
        break;
    }
    snprintf(buf, len, "%s%s", sign && v > 0 && strcmp(num, "0") != 0 ? "+" : "", num);
    return buf;
}
