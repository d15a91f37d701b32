/* loader.h - internal pieces of the model loader shared by its files:
 * the strict JSON scanner, pointer -> line:column location, id tables and
 * "did you mean" suggestions. Nothing outside solver/model uses these. */
#ifndef ARS_MODEL_LOADER_H
#define ARS_MODEL_LOADER_H

#include "model/model.h"

#include <stddef.h>

/* ------------------------------------------------------------ scanner */

/* The first syntax problem of a text: byte offset, 1-based line and column
 * (column counts UTF-8 characters) and a message. */
typedef struct ars__scan_error {
    size_t offset;
    int line, col;
    int is_limit; /* 1 when the problem is the nesting limit */
    char message[256];
} ars__scan_error;

/* Checks that text[0..len) is exactly one strict RFC 8259 JSON value (no
 * BOM, valid UTF-8, no NUL or raw control characters, no \u0000, nesting at
 * most max_depth, numbers of at most 63 characters). Returns 0 when valid,
 * -1 with *e filled otherwise. Never allocates. */
int ars__json_scan(const char *text, size_t len, int max_depth, ars__scan_error *e);

/* Values of a valid JSON text are numbered in document order (pre-order:
 * the root is 0, then each member/element before the next sibling). For each
 * of the n sorted sequence numbers seq[i], fills line/col of the value
 * (vline/vcol) and of its key when it is an object member (kline/kcol, else
 * the value's). Entries beyond the end of the text get 0. */
void ars__json_locate(const char *text, size_t len, const size_t *seq, size_t n, int *vline,
                      int *vcol, int *kline, int *kcol);

/* Line and column of a byte offset (for messages about raw text). */
void ars__text_linecol(const char *text, size_t len, size_t offset, int *line, int *col);

/* ----------------------------------------------------------- id tables */

/* Open-addressing map from borrowed NUL-terminated strings to ints. */
typedef struct ars__idmap {
    const char **keys;
    int *vals;
    size_t cap, count;
} ars__idmap;

void ars__idmap_init(ars__idmap *m);
void ars__idmap_free(ars__idmap *m);
/* Returns the value of key, or -1. */
int ars__idmap_get(const ars__idmap *m, const char *key);
/* Inserts key -> val unless present. Returns 1 inserted, 0 already present
 * (*old set to the existing value when old != NULL), ARS_ENOMEM. key is
 * borrowed: it must outlive the map. */
int ars__idmap_put(ars__idmap *m, const char *key, int val, int *old);

/* Levenshtein distance between a and b, or limit + 1 when it exceeds limit. */
int ars__edit_distance(const char *a, const char *b, int limit);

/* The candidate closest to word by edit distance, if close enough to be a
 * plausible typo (distance <= max(1, len/3), or equal ignoring case);
 * NULL otherwise. */
const char *ars__suggest(const char *word, const char *const *cands, size_t n);

#endif
