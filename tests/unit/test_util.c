/* test_util.c - error table, diagnostics, buffers, atomic writes, fault injection. */
#include "arsenal.h"
#include "util/numfmt.h"
#include "util/util.h"
#include "test.h"

#include <unistd.h>

static void error_table_names_every_code(void)
{
    ASSERT_STR_EQ(ars_err_name(ARS_OK), "ARS_OK");
    ASSERT_STR_EQ(ars_err_name(ARS_EINVALID), "ARS_EINVALID");
    ASSERT_STR_EQ(ars_strerror(ARS_ENOMEM), "out of memory");
    ASSERT_STR_EQ(ars_err_name(ARS_EINTERNAL), "ARS_EINTERNAL");
    ASSERT_STR_EQ(ars_strerror(-999), "unknown error");
}

static void diag_counts_and_prints_errors_before_warnings(void)
{
    ars_diag d;
    char *txt;
    cJSON *j;
    ars_diag_init(&d);
    ASSERT_INT_EQ(ars_diag_add(&d, ARS_SEV_WARNING, "/lines/0", 0, 0, "w %d", 1), ARS_OK);
    ASSERT_INT_EQ(ars_diag_add(&d, ARS_SEV_ERROR, "/lines/1/capacity", 3, 7, "expected %s", "x"),
                  ARS_OK);
    ASSERT_INT_EQ(d.nerrors, 1);
    ASSERT_INT_EQ(d.nwarnings, 1);
    j = ars_diag_to_json(&d);
    txt = cJSON_PrintUnformatted(j);
    ASSERT_STR_EQ(txt, "{\"errors\":[{\"pointer\":\"/lines/1/capacity\",\"message\":\"expected "
                       "x\",\"line\":3,\"col\":7}],\"warnings\":[{\"pointer\":\"/lines/0\","
                       "\"message\":\"w 1\"}]}");
    cJSON_free(txt);
    cJSON_Delete(j);
    ars_diag_free(&d);
}

static void buf_respects_its_cap(void)
{
    ars__buf b;
    ars__buf_init(&b, 8);
    ars__buf_puts(&b, "12345678");
    ASSERT_TRUE(!b.failed);
    ars__buf_puts(&b, "9");
    ASSERT_TRUE(b.failed);
    ars__buf_free(&b);
}

static void shortest_double_roundtrips(void)
{
    char s[64];
    ars__fmt_double(s, sizeof s, 0.1);
    ASSERT_STR_EQ(s, "0.1");
    ars__fmt_double(s, sizeof s, 1e9);
    ASSERT_STR_EQ(s, "1e+09");
    ars__fmt_double(s, sizeof s, 1.0 / 3.0);
    ASSERT_STR_EQ(s, "0.3333333333333333");
}

static void atomic_write_leaves_old_file_on_failure(void)
{
    ars_error err;
    char dir[] = "/tmp/ars-test-XXXXXX";
    char path[256];
    FILE *fp;
    char got[16] = {0};
    ASSERT_TRUE(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/out.json", dir);
    ASSERT_INT_EQ(ars_write_file_atomic(path, "old", 3, &err), ARS_OK);
    /* A folder that does not exist: the write fails and says where. */
    ASSERT_INT_EQ(ars_write_file_atomic("/nonexistent-dir/x.json", "new", 3, &err), ARS_EIO);
    ASSERT_CONTAINS(err.message, "/nonexistent-dir/x.json");
    fp = fopen(path, "rb");
    ASSERT_TRUE(fp != NULL);
    if (fp) {
        ASSERT_INT_EQ(fread(got, 1, sizeof got - 1, fp), 3);
        fclose(fp);
    }
    ASSERT_STR_EQ(got, "old");
    unlink(path);
    rmdir(dir);
}

static void injected_allocation_failure_is_reported(void)
{
    void *p;
    ars__alloc_fail_after(1, 0);
    p = ars__malloc(10);
    ASSERT_TRUE(p == NULL);
    p = ars__malloc(10);
    ASSERT_TRUE(p != NULL);
    ars__free(p);
}

/* Expected strings written by hand from the rules in numfmt.h. */
static void numbers_for_people_group_and_never_use_exponents(void)
{
    char b[64];
    ars__fmt_fixed(b, sizeof b, 1234567.891, 2);
    ASSERT_STR_EQ(b, "1,234,567.89");
    ars__fmt_fixed(b, sizeof b, -999.999, 2);
    ASSERT_STR_EQ(b, "-1,000.00");
    ars__fmt_fixed(b, sizeof b, -0.001, 2);
    ASSERT_STR_EQ(b, "0.00");
    ars__fmt_amount(b, sizeof b, 140000);
    ASSERT_STR_EQ(b, "140,000");
    ars__fmt_amount(b, sizeof b, 4589167.69414513);
    ASSERT_STR_EQ(b, "4,589,167.69");
    ars__fmt_amount(b, sizeof b, 999);
    ASSERT_STR_EQ(b, "999");
    ars__fmt_money(b, sizeof b, 10188744.3);
    ASSERT_STR_EQ(b, "10.19M");
    ars__fmt_money(b, sizeof b, 999996000);
    ASSERT_STR_EQ(b, "1.00B");
    ars__fmt_money(b, sizeof b, 564927.4);
    ASSERT_STR_EQ(b, "564,927");
    ars__fmt_money(b, sizeof b, 12.5);
    ASSERT_STR_EQ(b, "12.50");
    ars__fmt_money(b, sizeof b, -2.5e9);
    ASSERT_STR_EQ(b, "-2.50B");
    ars__fmt_sig(b, sizeof b, 12670.4, 4);
    ASSERT_STR_EQ(b, "12,670");
    ars__fmt_sig(b, sizeof b, 66437.2, 4);
    ASSERT_STR_EQ(b, "66,437");
    ars__fmt_sig(b, sizeof b, 78.1666, 4);
    ASSERT_STR_EQ(b, "78.17");
    ars__fmt_sig(b, sizeof b, 0.8, 4);
    ASSERT_STR_EQ(b, "0.8");
    ars__fmt_sig(b, sizeof b, 0.000414546, 4);
    ASSERT_STR_EQ(b, "0.0004145");
    ars__fmt_sig(b, sizeof b, 9.99996, 4);
    ASSERT_STR_EQ(b, "10");
    ars__fmt_sig(b, sizeof b, 0, 4);
    ASSERT_STR_EQ(b, "0");
    ars__fmt_sig_signed(b, sizeof b, 67665.6, 6);
    ASSERT_STR_EQ(b, "+67,665.6");
    ars__fmt_sig_signed(b, sizeof b, -2, 4);
    ASSERT_STR_EQ(b, "-2");
    ars__fmt_sig(b, sizeof b, 1.0 / 0.0, 4);
    ASSERT_STR_EQ(b, "no limit");
}

int main(void)
{
    RUN_TEST(numbers_for_people_group_and_never_use_exponents);
    RUN_TEST(error_table_names_every_code);
    RUN_TEST(diag_counts_and_prints_errors_before_warnings);
    RUN_TEST(buf_respects_its_cap);
    RUN_TEST(shortest_double_roundtrips);
    RUN_TEST(atomic_write_leaves_old_file_on_failure);
    RUN_TEST(injected_allocation_failure_is_reported);
    TEST_EXIT();
}
