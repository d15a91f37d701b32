/* glpk_fault.c - an LD_PRELOAD library for the CLI tests that corrupts the
 * column values GLPK reports, so that a test sees arsenal catch a wrong plan
 * (verification fails: `solve` and `whatif` exit 4) with no test hook in
 * arsenal itself.
 *
 *   ARS_FAULT_ABOVE=X   every column value (LP primal or MIP value) above X
 *                       is reported one larger
 *
 * A threshold rather than an exact value, so that the fault does not depend
 * on the last digits a solve leaves. Without ARS_FAULT_ABOVE the values pass
 * through unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <glpk.h>
#include <stdlib.h>

typedef double (*col_value_fn)(glp_prob *, int);

static double corrupt(double v)
{
    const char *spec = getenv("ARS_FAULT_ABOVE");
    char *end;
    double above;
    if (!spec)
        return v;
    above = strtod(spec, &end);
    if (end == spec || *end)
        return v;
    return v > above ? v + 1 : v;
}

static col_value_fn next(const char *name)
{
    col_value_fn f;
    void *sym = dlsym(RTLD_NEXT, name);
    /* a function pointer from dlsym's void *, without a cast ISO C lacks */
    *(void **)&f = sym;
    return f;
}

double glp_get_col_prim(glp_prob *P, int j)
{
    static col_value_fn real;
    if (!real)
        real = next("glp_get_col_prim");
    return corrupt(real(P, j));
}

double glp_mip_col_val(glp_prob *P, int j)
{
    static col_value_fn real;
    if (!real)
        real = next("glp_mip_col_val");
    return corrupt(real(P, j));
}
