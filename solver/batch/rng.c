/* rng.c - random streams for Monte Carlo studies.
 *
 * Every point has its own stream derived from (seed, point index) alone, so
 * a sample does not depend on which worker, shard or resumed run draws it.
 * splitmix64 is used because it is tiny, passes BigCrush, and any 64-bit
 * state is valid, which makes seeding by a hash trivially correct. */
#include "batch/batch.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* The splitmix64 output function (Stafford's variant 13). */
uint64_t ars__mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t ars__rng_next(uint64_t *state)
{
    *state += 0x9E3779B97F4A7C15ull;
    return ars__mix64(*state);
}

/* Seed and index are each hashed before combining so that neighbouring
 * seeds or indices do not give overlapping streams. */
uint64_t ars__rng_for_point(uint64_t seed, uint64_t index)
{
    return ars__mix64(seed + 0x9E3779B97F4A7C15ull) ^ ars__mix64(index + 0x632BE59BD9B4E019ull);
}

double ars__rng_uniform(uint64_t *state)
{
    /* The top 53 bits fill a double's mantissa exactly. */
    return (double)(ars__rng_next(state) >> 11) * 0x1.0p-53;
}

uint64_t ars__rng_below(uint64_t n, uint64_t *state)
{
    /* The largest multiple of n that 64 bits hold, m = 2^64 - (2^64 mod n):
     * draws below it fall on each residue equally often; one at or above
     * it (probability under n / 2^64) is drawn again. */
    uint64_t rem = (UINT64_MAX % n + 1) % n, x;
    do
        x = ars__rng_next(state);
    while (rem != 0 && x > UINT64_MAX - rem);
    return x % n;
}

double ars__dist_sample(int dist, double a, double b, double c, uint64_t *state)
{
    double u, u2, f;
    switch (dist) {
    case ARS__DIST_RANDINT:
        /* a and b are integers below 2^53 in magnitude (study.c checks),
         * so b - a + 1 and the sum below are exact. */
        return a + (double)ars__rng_below((uint64_t)(b - a) + 1, state);
    case ARS__DIST_NORMAL:
        /* Box-Muller with both uniforms always drawn, so every sample
         * consumes the same amount of the stream. 1-u is in (0, 1]. */
        u = 1.0 - ars__rng_uniform(state);
        u2 = ars__rng_uniform(state);
        return a + b * sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * u2);
    case ARS__DIST_TRIANGULAR:
        /* triangular(a, mode b, c) by inverting its distribution function. */
        u = ars__rng_uniform(state);
        if (c <= a)
            return a;
        f = (b - a) / (c - a);
        if (u < f)
            return a + sqrt(u * (c - a) * (b - a));
        return c - sqrt((1.0 - u) * (c - a) * (c - b));
    default:
        u = ars__rng_uniform(state);
        return a + (b - a) * u;
    }
}

void ars__num_text(char *out, size_t outlen, double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(out, outlen, "%.0f", v); /* -0.0 gives "-0", which reads back */
        return;
    }
    /* 15 significant digits round-trip almost every number; 16 or 17 only
     * when needed (cheaper than trying every precision from 1). */
    if (isfinite(v)) {
        int prec;
        for (prec = 15; prec <= 17; prec++) {
            snprintf(out, outlen, "%.*g", prec, v);
            if (strtod(out, NULL) == v)
                return;
        }
    }
    ars__fmt_double(out, outlen, v);
}
