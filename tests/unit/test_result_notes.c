/* test_result_notes.c - a result keeps every note an analysis adds, in
 * order: a later note no longer replaces an earlier one. Checked in the
 * JSON "message" and in the table's "note:" lines of a solved tiny model. */
#include "arsenal.h"
#include "lp/result.h"
#include "test.h"

static const char *MODEL = "{\"arsenal\":1,\"periods\":[\"P1\"],\"products\":[{\"id\":\"p\"}],"
                           "\"lines\":[{\"id\":\"l\",\"country\":\"UA\",\"capacity\":10,"
                           "\"produces\":[{\"product\":\"p\"}]}],"
                           "\"requirements\":[{\"id\":\"r\",\"demand\":6,\"met_by\":{\"p\":1}}]}";

static void test_notes_accumulate(void)
{
    ars_model *m = NULL;
    ars_result *r = NULL;
    ars_diag d;
    ars_error err;
    cJSON *j;
    char *table = NULL, *first, *second;
    size_t len = 0;
    FILE *mem;
    ars_diag_init(&d);
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars_model_load_text(MODEL, strlen(MODEL), NULL, &m, &d), ARS_OK);
    ASSERT_INT_EQ(ars_solve(m, NULL, &r, &err), ARS_OK);
    if (!r) {
        ars_model_free(m);
        ars_diag_free(&d);
        return;
    }
    /* A clean optimal solve has no note. */
    ASSERT_INT_EQ(r->nnotes, 0);
    j = ars_result_to_json(r);
    ASSERT_TRUE(cJSON_GetObjectItem(j, "message") == NULL);
    cJSON_Delete(j);

    ars__result_note(r, "ranging unavailable: %s", "first");
    ars__result_note(r, "licence values unavailable: %d", 2);
    ASSERT_INT_EQ(r->nnotes, 2);
    j = ars_result_to_json(r);
    ASSERT_STR_EQ(cJSON_GetStringValue(cJSON_GetObjectItem(j, "message")),
                  "ranging unavailable: first; licence values unavailable: 2");
    cJSON_Delete(j);

    mem = open_memstream(&table, &len);
    ars_result_print_table(r, mem);
    fclose(mem);
    first = strstr(table, "note: ranging unavailable: first\n");
    second = strstr(table, "note: licence values unavailable: 2\n");
    ASSERT_TRUE(first != NULL);
    ASSERT_TRUE(second != NULL && first < second);
    free(table);
    ars_result_free(r);
    ars_model_free(m);
    ars_diag_free(&d);
}

int main(void)
{
    RUN_TEST(test_notes_accumulate);
    TEST_EXIT();
}
