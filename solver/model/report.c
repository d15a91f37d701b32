/* report.c - where a validation problem is and how it is said: the RFC
 * 6901 pointer built while walking the document, the diagnostics (capped at
 * ARS__MAX_ERRORS), the words for a found value, and duplicate keys. */
#include "model/vctx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t ars__vpush(ars__vctx *c, const char *seg)
{
    size_t mark = c->path.len, plain;
    ars__buf_append(&c->path, "/", 1);
    for (;;) {
        /* Runs of characters that need no escape go in one append: a
         * segment is pushed for every field read. */
        plain = strcspn(seg, "~/");
        if (plain)
            ars__buf_append(&c->path, seg, plain);
        seg += plain;
        if (!*seg)
            break;
        ars__buf_append(&c->path, *seg == '~' ? "~0" : "~1", 2);
        seg++;
    }
    return mark;
}

size_t ars__vpushi(ars__vctx *c, int idx)
{
    /* Called for every array element: digits by hand, not printf. */
    size_t mark = c->path.len;
    char d[16];
    int n = 0;
    unsigned v = idx < 0 ? 0u : (unsigned)idx;
    d[15] = '/';
    do {
        d[14 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && n < 14);
    ars__buf_append(&c->path, "/", 1);
    ars__buf_append(&c->path, d + 15 - n, (size_t)n);
    return mark;
}

void ars__vpop(ars__vctx *c, size_t mark)
{
    if (c->path.failed)
        return;
    c->path.len = mark;
    if (c->path.data)
        c->path.data[mark] = '\0';
}

void ars__vreport(ars__vctx *c, ars_severity sev, const cJSON *node, int at_key, const char *fmt,
                  ...)
{
    ars__buf msg;
    va_list ap;
    if (c->oom)
        return;
    if (sev == ARS_SEV_ERROR) {
        if (c->capped)
            return;
        if (c->nerrors_added >= ARS__MAX_ERRORS) {
            c->capped = 1;
            if (ars_diag_add(c->diag, ARS_SEV_ERROR, "", 0, 0, "too many errors: stopped after %d",
                             ARS__MAX_ERRORS) != ARS_OK)
                c->oom = 1;
            return;
        }
        c->nerrors_added++;
    }
    if (c->path.failed) {
        c->oom = 1;
        return;
    }
    ars__buf_init(&msg, 0);
    va_start(ap, fmt);
    ars__buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    if (msg.failed || ars_diag_add(c->diag, sev, c->path.data ? c->path.data : "", 0, 0, "%s",
                                   msg.data) != ARS_OK) {
        ars__buf_free(&msg);
        c->oom = 1;
        return;
    }
    ars__buf_free(&msg);
    if (node && c->text) {
        if (c->npend == c->cappend) {
            size_t ncap = c->cappend ? c->cappend * 2 : 16;
            ars__pending *p = ars__realloc(c->pend, ncap * sizeof *p);
            if (!p) {
                c->oom = 1;
                return;
            }
            c->pend = p;
            c->cappend = ncap;
        }
        c->pend[c->npend].node = node;
        c->pend[c->npend].item = c->diag->count - 1;
        c->pend[c->npend].at_key = at_key;
        c->pend[c->npend].seq = 0;
        c->npend++;
    }
}

const char *ars__describe(const cJSON *v, char *buf, size_t len)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v)) {
        size_t o = 0, k;
        const char *s = v->valuestring;
        o += (size_t)snprintf(buf, len, "the string \"");
        for (k = 0; s[k] && o + 8 < len; k++) {
            unsigned char ch = (unsigned char)s[k];
            if (k >= 40) {
                o += (size_t)snprintf(buf + o, len - o, "...");
                break;
            }
            if (ch < 0x20 || ch == 0x7f)
                o += (size_t)snprintf(buf + o, len - o, "\\u%04x", ch);
            else
                buf[o++] = (char)ch;
        }
        snprintf(buf + o, len - o, "\"");
        return buf;
    }
    if (cJSON_IsNumber(v)) {
        char num[40];
        if (!isfinite(v->valuedouble))
            return "a number too large to represent (overflow to infinity)";
        /* %.15g writes integers in full (10, 3000000000) and most
         * decimals as typed; %.17g when that would not read back. */
        snprintf(num, sizeof num, "%.15g", v->valuedouble);
        if (strtod(num, NULL) != v->valuedouble)
            snprintf(num, sizeof num, "%.17g", v->valuedouble);
        snprintf(buf, len, "the number %s", num);
        return buf;
    }
    if (cJSON_IsTrue(v))
        return "true";
    if (cJSON_IsFalse(v))
        return "false";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "an invalid value";
}

/* Duplicate keys anywhere in the document: cJSON keeps every member but
 * lookups see only the first, so a second value would be silently
 * ignored. Small objects compare pairwise; large ones (bom, met_by,
 * scenarios can be big) use a table. */
void ars__check_dups(ars__vctx *c, const cJSON *v)
{
    const cJSON *it;
    int idx = 0;
    if (cJSON_IsObject(v)) {
        int n = 0;
        for (it = v->child; it; it = it->next)
            n++;
        if (n > 24) {
            ars__idmap seen;
            ars__idmap_init(&seen);
            for (it = v->child; it; it = it->next) {
                int r = ars__idmap_put(&seen, it->string, 0, NULL);
                if (r < 0) {
                    c->oom = 1;
                    break;
                }
                if (r == 0) {
                    size_t mark = ars__vpush(c, it->string);
                    ARS__ERRK(c, it, "duplicate key \"%s\" (a JSON object may name a field once)",
                              it->string);
                    ars__vpop(c, mark);
                }
            }
            ars__idmap_free(&seen);
        } else {
            for (it = v->child; it; it = it->next) {
                const cJSON *p;
                for (p = v->child; p != it; p = p->next)
                    if (strcmp(p->string, it->string) == 0)
                        break;
                if (p != it) {
                    size_t mark = ars__vpush(c, it->string);
                    ARS__ERRK(c, it, "duplicate key \"%s\" (a JSON object may name a field once)",
                              it->string);
                    ars__vpop(c, mark);
                }
            }
        }
        for (it = v->child; it; it = it->next) {
            if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
                size_t mark = ars__vpush(c, it->string);
                ars__check_dups(c, it);
                ars__vpop(c, mark);
            }
        }
    } else if (cJSON_IsArray(v)) {
        for (it = v->child; it; it = it->next, idx++) {
            if (cJSON_IsObject(it) || cJSON_IsArray(it)) {
                size_t mark = ars__vpushi(c, idx);
                ars__check_dups(c, it);
                ars__vpop(c, mark);
            }
        }
    }
}

const char *ars__domain_expect(ars__domain d)
{
    switch (d) {
    case ARS__DOM_GE0:
        return "a number >= 0";
    case ARS__DOM_GT0:
        return "a number > 0";
    case ARS__DOM_FRAC:
        return "a fraction between 0 and 1";
    case ARS__DOM_SHARE:
        return "a share over 0 and at most 1";
    default:
        return "a number";
    }
}

void ars__words_list(const char *const *words, char *out, size_t len)
{
    size_t o = 0, k;
    out[0] = '\0';
    for (k = 0; words[k] && o < len; k++) {
        int w = snprintf(out + o, len - o, "%s\"%s\"", k ? ", " : "", words[k]);
        if (w < 0)
            return;
        o += (size_t)w;
    }
}
