/* alloc.c - the one allocation wrapper, with per-thread fault injection. */
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local long fail_at; /* allocation number that fails, 0 = never */
static _Thread_local int fail_sticky;
static _Thread_local long alloc_count;

void ars__alloc_fail_after(long n, int sticky)
{
    fail_at = n > 0 ? alloc_count + n : 0;
    fail_sticky = sticky;
}

long ars__alloc_count(void)
{
    return alloc_count;
}

static int should_fail(void)
{
    alloc_count++;
    if (fail_at == 0)
        return 0;
    if (alloc_count == fail_at)
        return 1;
    return fail_sticky && alloc_count > fail_at;
}

void *ars__malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *ars__calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    if (count == 0 || size == 0)
        return calloc(1, 1);
    return calloc(count, size);
}

void *ars__realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

char *ars__strdup(const char *s)
{
    size_t n;
    char *d;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    d = ars__malloc(n);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    return d;
}

void ars__free(void *p)
{
    free(p);
}
