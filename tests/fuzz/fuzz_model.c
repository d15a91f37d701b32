/* fuzz_model.c - libFuzzer target for the model loader: any byte string must
 * load or be rejected with diagnostics, never crash, leak or hang. */
#include "arsenal.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ars_model *m = NULL;
    ars_diag d;
    ars_limits lim;
    ars_limits_default(&lim);
    /* Keep each input cheap so the fuzzer explores breadth, not big models. */
    lim.max_periods = 64;
    lim.max_items = 256;
    ars_diag_init(&d);
    if (ars_model_load_text((const char *)data, size, &lim, &m, &d) == ARS_OK) {
        cJSON *j = ars_diag_to_json(&d);
        cJSON_Delete(j);
    }
    ars_model_free(m);
    ars_diag_free(&d);
    return 0;
}
