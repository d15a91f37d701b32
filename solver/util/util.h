/* util.h - small internal helpers shared by every module: allocation,
 * growable strings, number formatting. */
#ifndef ARS_UTIL_UTIL_H
#define ARS_UTIL_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* One allocation wrapper, so tests can make the Nth allocation fail. Each
 * returns NULL on failure (never aborts). ars__free accepts NULL. */
void *ars__malloc(size_t n);
void *ars__calloc(size_t count, size_t size);
void *ars__realloc(void *p, size_t n);
char *ars__strdup(const char *s);
void ars__free(void *p);

/* Fault injection for tests: the nth allocation from now (1-based) fails,
 * and every one after it when `sticky`; 0 turns injection off. Per thread. */
void ars__alloc_fail_after(long n, int sticky);
/* Allocations so far on this thread (for fault-injection loops). */
long ars__alloc_count(void);

/* A growable NUL-terminated byte buffer with a cap. A failed append sets
 * `failed` and later appends do nothing, so callers check once at the end. */
typedef struct ars__buf {
    char *data;
    size_t len, cap;
    size_t max; /* 0 = no cap */
    int failed;
} ars__buf;

void ars__buf_init(ars__buf *b, size_t max);
void ars__buf_free(ars__buf *b);
void ars__buf_append(ars__buf *b, const char *s, size_t n);
void ars__buf_puts(ars__buf *b, const char *s);
/* Appends s as XML character data or attribute text: <, >, & and " escaped,
 * control characters other than tab (not allowed in XML 1.0) dropped. */
void ars__buf_xml_text(ars__buf *b, const char *s);
void ars__buf_printf(ars__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ars__buf_vprintf(ars__buf *b, const char *fmt, va_list ap);
/* Hands the data over (caller frees with ars__free); the buffer is reset. */
char *ars__buf_take(ars__buf *b);

/* Shortest "%.17g"-style text that reads back to the same double. */
void ars__fmt_double(char *out, size_t outlen, double v);

/* Monotonic clock in seconds. */
double ars__now(void);

#endif /* ARS_UTIL_UTIL_H */
