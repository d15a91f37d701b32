/* buf.c - growable strings with a cap, number formatting, clock. */
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void ars__buf_init(ars__buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max;
}

void ars__buf_free(ars__buf *b)
{
    ars__free(b->data);
    memset(b, 0, sizeof *b);
}

static int reserve(ars__buf *b, size_t extra)
{
    size_t need, ncap;
    char *p;
    if (b->failed)
        return -1;
    if (extra > (size_t)-1 / 2 - b->len) {
        b->failed = 1;
        return -1;
    }
    need = b->len + extra + 1;
    if (b->max && need > b->max + 1) {
        b->failed = 1;
        return -1;
    }
    if (need <= b->cap)
        return 0;
    ncap = b->cap ? b->cap : 256;
    while (ncap < need)
        ncap *= 2;
    p = ars__realloc(b->data, ncap);
    if (!p) {
        b->failed = 1;
        return -1;
    }
    b->data = p;
    b->cap = ncap;
    return 0;
}

void ars__buf_append(ars__buf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ars__buf_puts(ars__buf *b, const char *s)
{
    ars__buf_append(b, s, strlen(s));
}

void ars__buf_vprintf(ars__buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;
    if (b->failed)
        return;
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(b, (size_t)n) != 0) {
        b->failed = 1;
        return;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void ars__buf_printf(ars__buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ars__buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *ars__buf_take(ars__buf *b)
{
    char *d = b->data;
    if (!d)
        d = ars__strdup("");
    memset(b, 0, sizeof *b);
    return d;
}

void ars__buf_xml_text(ars__buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            ars__buf_puts(b, "&lt;");
            break;
        case '>':
            ars__buf_puts(b, "&gt;");
            break;
        case '&':
            ars__buf_puts(b, "&amp;");
            break;
        case '"':
            ars__buf_puts(b, "&quot;");
            break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                ars__buf_append(b, s, 1);
        }
    }
}

void ars__fmt_double(char *out, size_t outlen, double v)
{
    int prec;
    if (!isfinite(v)) {
        snprintf(out, outlen, "%s", isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf"));
        return;
    }
    for (prec = 1; prec <= 17; prec++) {
        snprintf(out, outlen, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            return;
    }
}

double ars__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
