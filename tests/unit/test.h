/* test.h - assertion macros that print both operands, for one-process tests. */
#ifndef ARS_TEST_H
#define ARS_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ars_test_failures;

#define ASSERT_TRUE(c)                                                                             \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #c);                       \
            ars_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#define ASSERT_INT_EQ(a, b)                                                                        \
    do {                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                      \
        if (va_ != vb_) {                                                                          \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b,  \
                    va_, vb_);                                                                     \
            ars_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

/* |a - b| <= tol * max(1, |b|) */
#define ASSERT_NEAR(a, b, tol)                                                                     \
    do {                                                                                           \
        double va_ = (double)(a), vb_ = (double)(b);                                               \
        double sc_ = fabs(vb_) > 1 ? fabs(vb_) : 1;                                                \
        if (!(fabs(va_ - vb_) <= (tol)*sc_)) {                                                     \
            fprintf(stderr, "%s:%d: %s ~= %s failed: %.12g vs %.12g (tol %g)\n", __FILE__,         \
                    __LINE__, #a, #b, va_, vb_, (double)(tol));                                    \
            ars_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#define ASSERT_STR_EQ(a, b)                                                                        \
    do {                                                                                           \
        const char *sa_ = (a), *sb_ = (b);                                                         \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                               \
            fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n", __FILE__, __LINE__, #a,  \
                    #b, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");                               \
            ars_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#define ASSERT_CONTAINS(hay, needle)                                                               \
    do {                                                                                           \
        const char *h_ = (hay), *n_ = (needle);                                                    \
        if (!h_ || !strstr(h_, n_)) {                                                              \
            fprintf(stderr, "%s:%d: expected \"%s\" to contain \"%s\"\n", __FILE__, __LINE__,      \
                    h_ ? h_ : "(null)", n_);                                                       \
            ars_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#define RUN_TEST(fn)                                                                               \
    do {                                                                                           \
        int before_ = ars_test_failures;                                                           \
        fn();                                                                                      \
        fprintf(stderr, "%s %s\n", ars_test_failures == before_ ? "ok  " : "FAIL", #fn);           \
    } while (0)

#define TEST_EXIT() return ars_test_failures ? 1 : 0

/* Reads a whole file relative to the source tree; aborts the test on failure. */
static inline char *ars_test_read(const char *rel, size_t *len)
{
    char path[4096];
    FILE *fp;
    char *buf;
    long n;
    snprintf(path, sizeof path, "%s/%s", ARS_SOURCE_DIR, rel);
    fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(2);
    }
    buf[n] = '\0';
    fclose(fp);
    if (len)
        *len = (size_t)n;
    return buf;
}

#endif
