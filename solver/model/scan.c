/* scan.c - a strict JSON scanner run before cJSON.
 *
 * cJSON accepts things a model file must not contain (a BOM, `01`, `1.`,
 * "\u0000" silently cut, invalid UTF-8) and its own error position is a bare
 * pointer. This scanner checks RFC 8259 exactly, without allocating, enforces
 * our nesting limit before cJSON recurses, and gives line:column with a
 * message saying what was expected. The same walk, in "locate" mode, maps
 * the n-th value of the document back to its line and column. */
#include "model/loader.h"

#include <stdio.h>
#include <string.h>

typedef struct scanner {
    const unsigned char *s;
    size_t n, i;
    /* Location bookkeeping: line of s[i] and where it starts; the column of
     * a position is found by counting characters from a cached point. */
    int line;
    size_t line_start;
    size_t col_off;
    int col_at;
    ars__scan_error *e;
} scanner;

static void sc_col(scanner *z, size_t off, int *line, int *col)
{
    size_t k;
    /* Column counts characters, not bytes: skip UTF-8 continuation bytes. */
    if (z->col_off < z->line_start || z->col_off > off) {
        z->col_off = z->line_start;
        z->col_at = 1;
    }
    for (k = z->col_off; k < off; k++)
        if ((z->s[k] & 0xC0) != 0x80)
            z->col_at++;
    z->col_off = off;
    *line = z->line;
    *col = z->col_at;
}

static int fail(scanner *z, size_t off, const char *fmt, const char *arg)
{
    if (z->e) {
        z->e->offset = off;
        sc_col(z, off, &z->e->line, &z->e->col);
        snprintf(z->e->message, sizeof z->e->message, fmt, arg ? arg : "");
    }
    return -1;
}

static void skip_ws(scanner *z)
{
    while (z->i < z->n) {
        unsigned char c = z->s[z->i];
        if (c == '\n') {
            z->line++;
            z->line_start = z->i + 1;
        } else if (c != ' ' && c != '\t' && c != '\r') {
            break;
        }
        z->i++;
    }
}

/* What the character at i looks like, for messages. */
static const char *show(scanner *z, size_t i, char *buf, size_t len)
{
    unsigned char c;
    if (i >= z->n)
        return "end of input";
    c = z->s[i];
    if (c >= 0x21 && c < 0x7f)
        snprintf(buf, len, "'%c'", c);
    else
        snprintf(buf, len, "byte 0x%02X", c);
    return buf;
}

/* Length of the UTF-8 sequence at i (1..4), or 0 when invalid. */
static int utf8_len(scanner *z, size_t i)
{
    const unsigned char *s = z->s + i;
    size_t left = z->n - i;
    unsigned c = s[0];
    int k, need;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (left < (size_t)need + 1)
        return 0;
    for (k = 1; k <= need; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    /* Overlong forms, surrogates and code points past U+10FFFF. */
    if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return need + 1;
}

static int hex4(scanner *z, size_t i, unsigned *out)
{
    unsigned v = 0;
    int k;
    if (z->n - i < 4)
        return -1;
    for (k = 0; k < 4; k++) {
        unsigned char c = z->s[i + (size_t)k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* z->i is at the opening quote. */
static int scan_string(scanner *z)
{
    size_t start = z->i;
    z->i++;
    for (;;) {
        unsigned char c;
        if (z->i >= z->n)
            return fail(z, start, "unterminated string (truncated file?)%s", NULL);
        c = z->s[z->i];
        if (c == '"') {
            z->i++;
            return 0;
        }
        if (c == '\\') {
            unsigned char e;
            if (z->i + 1 >= z->n)
                return fail(z, start, "unterminated string (truncated file?)%s", NULL);
            e = z->s[z->i + 1];
            if (e == 'u') {
                unsigned v, w;
                if (hex4(z, z->i + 2, &v) < 0)
                    return fail(z, z->i, "invalid \\u escape: expected 4 hex digits%s", NULL);
                if (v == 0)
                    return fail(z, z->i, "NUL character (\\u0000) in string%s", NULL);
                if (v >= 0xDC00 && v <= 0xDFFF)
                    return fail(z, z->i, "invalid \\u escape: lone low surrogate%s", NULL);
                if (v >= 0xD800 && v <= 0xDBFF) {
                    if (z->i + 7 >= z->n || z->s[z->i + 6] != '\\' || z->s[z->i + 7] != 'u' ||
                        hex4(z, z->i + 8, &w) < 0 || w < 0xDC00 || w > 0xDFFF)
                        return fail(z, z->i,
                                    "invalid \\u escape: high surrogate without a low one%s", NULL);
                    z->i += 12;
                } else {
                    z->i += 6;
                }
                continue;
            }
            if (!strchr("\"\\/bfnrt", e) || e == 0) {
                char buf[16];
                return fail(z, z->i, "invalid escape in string: backslash before %s",
                            show(z, z->i + 1, buf, sizeof buf));
            }
            z->i += 2;
            continue;
        }
        if (c < 0x20) {
            if (c == 0)
                return fail(z, z->i, "NUL byte in string%s", NULL);
            return fail(z, z->i,
                        "raw control character in string (write it as \\n, \\t or \\uXXXX)%s",
                        NULL);
        }
        if (c >= 0x80) {
            int k = utf8_len(z, z->i);
            if (k == 0)
                return fail(z, z->i, "invalid UTF-8 in string%s", NULL);
            z->i += (size_t)k;
            continue;
        }
        z->i++;
    }
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

static int scan_number(scanner *z)
{
    size_t start = z->i;
    if (z->s[z->i] == '-')
        z->i++;
    if (z->i < z->n && z->s[z->i] == 'I')
        return fail(z, start, "Infinity is not valid JSON: every number must be finite%s", NULL);
    if (z->i >= z->n || !is_digit(z->s[z->i]))
        return fail(z, start, "invalid number: expected a digit after '-'%s", NULL);
    if (z->s[z->i] == '0') {
        z->i++;
        if (z->i < z->n && is_digit(z->s[z->i]))
            return fail(z, start, "invalid number: leading zero%s", NULL);
    } else {
        while (z->i < z->n && is_digit(z->s[z->i]))
            z->i++;
    }
    if (z->i < z->n && z->s[z->i] == '.') {
        z->i++;
        if (z->i >= z->n || !is_digit(z->s[z->i]))
            return fail(z, start, "invalid number: expected a digit after '.'%s", NULL);
        while (z->i < z->n && is_digit(z->s[z->i]))
            z->i++;
    }
    if (z->i < z->n && (z->s[z->i] == 'e' || z->s[z->i] == 'E')) {
        z->i++;
        if (z->i < z->n && (z->s[z->i] == '+' || z->s[z->i] == '-'))
            z->i++;
        if (z->i >= z->n || !is_digit(z->s[z->i]))
            return fail(z, start, "invalid number: expected a digit in the exponent%s", NULL);
        while (z->i < z->n && is_digit(z->s[z->i]))
            z->i++;
    }
    /* cJSON copies a number into a 64-byte buffer; longer ones are cut. */
    if (z->i - start > 63)
        return fail(z, start, "number too long (more than 63 characters)%s", NULL);
    return 0;
}

static int scan_literal(scanner *z)
{
    static const char *const words[] = {"true", "false", "null"};
    size_t k;
    for (k = 0; k < 3; k++) {
        size_t l = strlen(words[k]);
        if (z->n - z->i >= l && memcmp(z->s + z->i, words[k], l) == 0) {
            z->i += l;
            return 0;
        }
    }
    if (z->n - z->i >= 3 && memcmp(z->s + z->i, "NaN", 3) == 0)
        return fail(z, z->i, "NaN is not valid JSON: every number must be finite%s", NULL);
    if (z->n - z->i >= 8 && memcmp(z->s + z->i, "Infinity", 8) == 0)
        return fail(z, z->i, "Infinity is not valid JSON: every number must be finite%s", NULL);
    {
        char buf[16];
        return fail(z, z->i, "expected a JSON value, found %s", show(z, z->i, buf, sizeof buf));
    }
}

/* Location sink for ars__json_locate. */
typedef struct locate_sink {
    const size_t *seq;
    size_t n, next;
    size_t count; /* values seen so far */
    int *vline, *vcol, *kline, *kcol;
} locate_sink;

enum { ST_VALUE, ST_AFTER, ST_KEY };

static int scan(scanner *z, int max_depth, locate_sink *loc)
{
    /* '{' or '[' per open container; max_depth is at most 1000. */
    unsigned char stack[1001];
    int depth = 0, state = ST_VALUE;
    int kl = 0, kc = 0, has_key = 0;
    char buf[16];
    if (max_depth > 1000)
        max_depth = 1000;
    if (z->n >= 3 && z->s[0] == 0xEF && z->s[1] == 0xBB && z->s[2] == 0xBF)
        return fail(
            z, 0, "byte order mark (BOM) at the start: save the file as UTF-8 without BOM%s", NULL);
    skip_ws(z);
    if (z->i >= z->n)
        return fail(z, z->i, "empty model%s", NULL);
    for (;;) {
        if (state == ST_VALUE) {
            unsigned char c;
            skip_ws(z);
            if (z->i >= z->n)
                return fail(z, z->i,
                            "unexpected end of input: expected a value (truncated file?)%s", NULL);
            if (loc) {
                while (loc->next < loc->n && loc->seq[loc->next] < loc->count)
                    loc->next++;
                while (loc->next < loc->n && loc->seq[loc->next] == loc->count) {
                    int l, col;
                    sc_col(z, z->i, &l, &col);
                    loc->vline[loc->next] = l;
                    loc->vcol[loc->next] = col;
                    loc->kline[loc->next] = has_key ? kl : l;
                    loc->kcol[loc->next] = has_key ? kc : col;
                    loc->next++;
                }
                if (loc->next >= loc->n)
                    return 0;
                loc->count++;
            }
            has_key = 0;
            c = z->s[z->i];
            if (c == '{' || c == '[') {
                if (depth >= max_depth) {
                    char lim[32];
                    snprintf(lim, sizeof lim, "%d", max_depth);
                    if (z->e)
                        z->e->is_limit = 1;
                    return fail(z, z->i, "nesting deeper than the limit max_depth=%s", lim);
                }
                stack[depth++] = c;
                z->i++;
                skip_ws(z);
                if (z->i < z->n && z->s[z->i] == (c == '{' ? '}' : ']')) {
                    z->i++;
                    depth--;
                    state = ST_AFTER;
                } else {
                    state = c == '{' ? ST_KEY : ST_VALUE;
                }
                continue;
            }
            if (c == '"') {
                if (scan_string(z) < 0)
                    return -1;
            } else if (c == '-' || is_digit(c)) {
                if (scan_number(z) < 0)
                    return -1;
            } else if (c == ']' || c == '}') {
                return fail(z, z->i, "expected a value, found %s (trailing comma?)",
                            show(z, z->i, buf, sizeof buf));
            } else {
                if (scan_literal(z) < 0)
                    return -1;
            }
            state = ST_AFTER;
        } else if (state == ST_AFTER) {
            unsigned char c;
            skip_ws(z);
            if (depth == 0) {
                if (z->i < z->n)
                    return fail(z, z->i, "unexpected data after JSON: %s",
                                show(z, z->i, buf, sizeof buf));
                return 0;
            }
            if (z->i >= z->n)
                return fail(z, z->i, "unexpected end of input: expected '%s' (truncated file?)",
                            stack[depth - 1] == '{' ? "}" : "]");
            c = z->s[z->i];
            if (c == ',') {
                z->i++;
                state = stack[depth - 1] == '{' ? ST_KEY : ST_VALUE;
            } else if (c == (stack[depth - 1] == '{' ? '}' : ']')) {
                z->i++;
                depth--;
            } else {
                return fail(z, z->i,
                            stack[depth - 1] == '{'
                                ? "expected ',' or '}' after an object member, found %s"
                                : "expected ',' or ']' after an array element, found %s",
                            show(z, z->i, buf, sizeof buf));
            }
        } else {
            skip_ws(z);
            if (z->i >= z->n)
                return fail(z, z->i,
                            "unexpected end of input: expected a string key (truncated file?)%s",
                            NULL);
            if (z->s[z->i] != '"')
                return fail(z, z->i,
                            z->s[z->i] == '}' ? "expected a string key, found %s (trailing comma?)"
                                              : "expected a string key, found %s",
                            show(z, z->i, buf, sizeof buf));
            if (loc)
                sc_col(z, z->i, &kl, &kc);
            if (scan_string(z) < 0)
                return -1;
            has_key = 1;
            skip_ws(z);
            if (z->i >= z->n || z->s[z->i] != ':')
                return fail(z, z->i, "expected ':' after an object key, found %s",
                            show(z, z->i, buf, sizeof buf));
            z->i++;
            state = ST_VALUE;
        }
    }
}

static void sc_init(scanner *z, const char *text, size_t len, ars__scan_error *e)
{
    memset(z, 0, sizeof *z);
    z->s = (const unsigned char *)text;
    z->n = len;
    z->line = 1;
    z->col_at = 1;
    z->e = e;
}

int ars__json_scan(const char *text, size_t len, int max_depth, ars__scan_error *e)
{
    scanner z;
    memset(e, 0, sizeof *e);
    sc_init(&z, text, len, e);
    return scan(&z, max_depth, NULL);
}

void ars__json_locate(const char *text, size_t len, const size_t *seq, size_t n, int *vline,
                      int *vcol, int *kline, int *kcol)
{
    scanner z;
    locate_sink loc;
    size_t i;
    for (i = 0; i < n; i++)
        vline[i] = vcol[i] = kline[i] = kcol[i] = 0;
    if (n == 0 || !text)
        return;
    sc_init(&z, text, len, NULL);
    memset(&loc, 0, sizeof loc);
    loc.seq = seq;
    loc.n = n;
    loc.vline = vline;
    loc.vcol = vcol;
    loc.kline = kline;
    loc.kcol = kcol;
    (void)scan(&z, 1000, &loc);
}

void ars__text_linecol(const char *text, size_t len, size_t offset, int *line, int *col)
{
    size_t i;
    int l = 1, c = 1;
    for (i = 0; i < offset && i < len; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
