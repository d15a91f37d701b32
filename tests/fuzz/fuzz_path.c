/* fuzz_path.c - libFuzzer target for parameter paths: any assignment text is
 * parsed and, when it parses, applied to a copy of the path fixture model and
 * the result validated again. Never a crash, a leak or a hang. */
#include "arsenal.h"
#include "model/model.h"
#include "model/path.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static cJSON *fixture;

static void load_fixture(void)
{
    char path[4096];
    FILE *fp;
    char *text;
    long n;
    snprintf(path, sizeof path, "%s/tests/models/paths_fixture.json", ARS_SOURCE_DIR);
    fp = fopen(path, "rb");
    if (!fp) {
        fprintf(stderr, "fuzz_path: cannot open %s\n", path);
        abort();
    }
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    text = malloc((size_t)n + 1);
    if (!text || fread(text, 1, (size_t)n, fp) != (size_t)n)
        abort();
    text[n] = '\0';
    fclose(fp);
    fixture = cJSON_Parse(text);
    free(text);
    if (!fixture)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;
    ars__set set;
    ars_error err;
    if (!fixture)
        load_fixture();
    if (size > 4096)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&set, 0, sizeof set);
    if (ars__set_parse(text, &set, &err) == ARS_OK) {
        cJSON *doc = cJSON_Duplicate(fixture, 1);
        if (doc && ars__set_apply(&set, doc, &err) == ARS_OK) {
            ars_model *m = NULL;
            ars_diag d;
            ars_diag_init(&d);
            /* Takes ownership of doc whatever the outcome. */
            (void)ars__model_load_doc(doc, NULL, 0, NULL, &m, &d);
            ars_model_free(m);
            ars_diag_free(&d);
        } else {
            cJSON_Delete(doc);
        }
    }
    ars__set_clear(&set);
    free(text);
    return 0;
}
