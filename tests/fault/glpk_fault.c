/* glpk_fault.c - an LD_PRELOAD library for the CLI tests that corrupts the
 * column values GLPK reports (and CLP's LP values, when built with COIN-OR),
 * so that a test sees arsenal catch a wrong plan (verification fails:
 * `solve` and `whatif` exit 4) with no test hook in arsenal itself.
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
#include <string.h>
#ifdef ARSENAL_HAVE_COIN
#include <coin/Clp_C_Interface.h>
#endif

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

#ifdef ARSENAL_HAVE_COIN
/* CLP hands out its own array: the corrupted values go to a copy, one per
 * thread, grown as needed, so that reading them twice does not corrupt
 * twice. */
static _Thread_local double *clp_copy;
static _Thread_local int clp_copy_len;

typedef const double *(*clp_values_fn)(Clp_Simplex *);

const double *Clp_getColSolution(Clp_Simplex *model)
{
    static clp_values_fn real;
    const double *x;
    int n, j;
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "Clp_getColSolution");
    x = real(model);
    n = Clp_getNumCols(model);
    if (!getenv("ARS_FAULT_ABOVE") || n <= 0)
        return x;
    if (n > clp_copy_len) {
        double *grown = realloc(clp_copy, sizeof(double) * (size_t)n);
        if (!grown)
            return x;
        clp_copy = grown;
        clp_copy_len = n;
    }
    for (j = 0; j < n; j++)
        clp_copy[j] = corrupt(x[j]);
    return clp_copy;
}

/* The main thread's copy, so a leak checker sees none (other threads' copies
 * go with their thread: arsenal's CLI solves on the main thread). */
__attribute__((destructor)) static void free_clp_copy(void)
{
    free(clp_copy);
    clp_copy = NULL;
}
#endif
