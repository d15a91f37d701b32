/* idmap.c - string -> index tables for resolving ids, and the edit distance
 * behind "did you mean". Lookups are exact and case-sensitive: a model's ids
 * are case-sensitive, so "UA" and "ua" are different countries. */
#include "model/loader.h"
#include "util/util.h"

#include <ctype.h>
#include <string.h>

void ars__idmap_init(ars__idmap *m)
{
    memset(m, 0, sizeof *m);
}

void ars__idmap_free(ars__idmap *m)
{
    ars__free(m->keys);
    ars__free(m->vals);
    memset(m, 0, sizeof *m);
}

/* FNV-1a: ids are short, so a simple byte hash is enough. */
static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211u;
    }
    return h;
}

int ars__idmap_get(const ars__idmap *m, const char *key)
{
    size_t i;
    if (m->cap == 0)
        return -1;
    i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

static int grow(ars__idmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 16, i;
    const char **nk = ars__calloc(ncap, sizeof *nk);
    int *nv = ars__calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        ars__free(nk);
        ars__free(nv);
        return ARS_ENOMEM;
    }
    for (i = 0; i < m->cap; i++) {
        size_t j;
        if (!m->keys[i])
            continue;
        j = hash_str(m->keys[i]) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = m->keys[i];
        nv[j] = m->vals[i];
    }
    ars__free(m->keys);
    ars__free(m->vals);
    m->keys = nk;
    m->vals = nv;
    m->cap = ncap;
    return ARS_OK;
}

int ars__idmap_put(ars__idmap *m, const char *key, int val, int *old)
{
    size_t i;
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((m->count + 1) * 2 > m->cap && grow(m) != ARS_OK)
        return ARS_ENOMEM;
    i = hash_str(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0) {
            if (old)
                *old = m->vals[i];
            return 0;
        }
        i = (i + 1) & (m->cap - 1);
    }
    m->keys[i] = key;
    m->vals[i] = val;
    m->count++;
    return 1;
}

int ars__edit_distance(const char *a, const char *b, int limit)
{
    /* Two rows of the classic dynamic programme; ids are at most 64
     * characters, longer words (unknown field names) are cut off by the
     * length difference test first. */
    int row0[130], row1[130];
    int la = (int)strlen(a), lb = (int)strlen(b), i, j;
    int *prev = row0, *cur = row1;
    if (la - lb > limit || lb - la > limit)
        return limit + 1;
    if (la > 128 || lb > 128)
        return limit + 1;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        int best;
        cur[0] = i;
        best = cur[0];
        for (j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            int v = sub < del ? sub : del;
            cur[j] = v < ins ? v : ins;
            if (cur[j] < best)
                best = cur[j];
        }
        if (best > limit)
            return limit + 1;
        {
            int *t = prev;
            prev = cur;
            cur = t;
        }
    }
    return prev[lb] > limit ? limit + 1 : prev[lb];
}

static int equal_nocase(const char *a, const char *b)
{
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
        a++;
        b++;
    }
    return *a == *b;
}

const char *ars__suggest(const char *word, const char *const *cands, size_t n)
{
    size_t i;
    int len = (int)strlen(word);
    int limit = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    int bestd = limit + 1;
    for (i = 0; i < n; i++) {
        int d;
        if (!cands[i])
            continue;
        /* A case slip ("Capacity") is the commonest typo: always suggest. */
        if (equal_nocase(word, cands[i]))
            return cands[i];
        d = ars__edit_distance(word, cands[i], bestd - 1 < limit ? bestd - 1 : limit);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    return best;
}
