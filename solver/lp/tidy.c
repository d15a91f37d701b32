/* tidy.c - how numbers read from the simplex are shown: round-off below
 * 1e-9 removed, so a dual of 1.9999999999 reads as 2. Shared by explain.c
 * and ranging.c. */
#include "lp/explain.h"

#include <math.h>

double ars__explain_tidy(double v)
{
    /* Duals carry simplex round-off: 1.9999999999 reads as 2. */
    double r = round(v * 1e9) / 1e9;
    return r == 0 ? 0 : r;
}

cJSON *ars__explain_number(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(ars__explain_tidy(v)) : cJSON_CreateNull();
}
