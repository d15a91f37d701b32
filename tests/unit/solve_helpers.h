/* solve_helpers.h - loading and solving test models, and finding things by
 * id, for the tests/unit/test_solve_*.c programs. */
#ifndef ARS_TEST_SOLVE_HELPERS_H
#define ARS_TEST_SOLVE_HELPERS_H

#include "lp/result.h"
#include "lp/solve.h"
#include "test.h"

static inline ars_model *load_model(const char *rel)
{
    char *text;
    size_t len;
    ars_model *m = NULL;
    ars_diag d;
    ars_diag_init(&d);
    text = ars_test_read(rel, &len);
    if (ars_model_load_text(text, len, NULL, &m, &d) != ARS_OK) {
        ars_diag_print(&d, rel, stderr);
        fprintf(stderr, "cannot load %s\n", rel);
        exit(2);
    }
    ars_diag_free(&d);
    free(text);
    return m;
}

/* A model from JSON text in the test; exits on a load error. */
static inline ars_model *load_model_text(const char *json)
{
    ars_model *m = NULL;
    ars_diag d;
    ars_diag_init(&d);
    if (ars_model_load_text(json, strlen(json), NULL, &m, &d) != ARS_OK) {
        ars_diag_print(&d, "inline model", stderr);
        exit(2);
    }
    ars_diag_free(&d);
    return m;
}

/* base with one assignment PATH=VALUE applied; exits when it fails. */
static inline ars_model *apply_set(const ars_model *base, const char *set)
{
    ars_model *v = NULL;
    ars_diag d;
    ars_error err;
    ars_diag_init(&d);
    if (ars_model_apply(base, &set, 1, &v, &d, &err) != ARS_OK) {
        fprintf(stderr, "%s: %s\n", set, err.message);
        exit(2);
    }
    ars_diag_free(&d);
    return v;
}

/* m solved cold, with explain (shadow prices, ranging) when asked. */
static inline ars_result *solve_model_with(const ars_model *m, int explain)
{
    ars_result *r = NULL;
    ars_error err;
    ars_solve_opts o;
    ars_solve_opts_default(&o);
    o.explain = explain;
    ars_error_clear(&err);
    if (ars_solve(m, &o, &r, &err) != ARS_OK || !r) {
        fprintf(stderr, "solve failed: %s: %s\n", err.field, err.message);
        exit(2);
    }
    return r;
}

static inline ars_result *solve_model(const ars_model *m)
{
    return solve_model_with(m, 0);
}

static inline ars_result *solve_explained(const ars_model *m)
{
    return solve_model_with(m, 1);
}

/* m solved cold with explain, as its result JSON. */
static inline cJSON *solve_explained_json(const ars_model *m)
{
    ars_result *r = solve_explained(m);
    cJSON *j = ars_result_to_json(r);
    ars_result_free(r);
    if (!j) {
        fprintf(stderr, "no JSON for the result\n");
        exit(2);
    }
    return j;
}

static inline int idx_of(const char *id, int n, const char *(*get)(const ars_model *, int),
                         const ars_model *m)
{
    int i;
    for (i = 0; i < n; i++)
        if (strcmp(get(m, i), id) == 0)
            return i;
    fprintf(stderr, "no '%s' in the model\n", id);
    exit(2);
}

static inline const char *line_id(const ars_model *m, int i)
{
    return m->lines[i].id;
}
static inline const char *supplier_id(const ars_model *m, int i)
{
    return m->suppliers[i].id;
}
static inline const char *req_id(const ars_model *m, int i)
{
    return m->requirements[i].id;
}
static inline const char *licence_id(const ars_model *m, int i)
{
    return m->licences[i].id;
}
static inline const char *drawdown_id(const ars_model *m, int i)
{
    return m->drawdowns[i].id;
}
static inline const char *product_id(const ars_model *m, int i)
{
    return m->products[i].id;
}

/* Output of the first product of line `id` in period t. */
static inline double X(const ars_result *r, const char *id, int t)
{
    int l = idx_of(id, r->model->nlines, line_id, r->model);
    return ars__result_col(r, ars__col_x(r->prog, l, 0, t));
}
static inline double E(const ars_result *r, const char *id, int t)
{
    int l = idx_of(id, r->model->nlines, line_id, r->model);
    return ars__result_col(r, ars__col_e(r->prog, l, t));
}
static inline double SH(const ars_result *r, const char *id, int t)
{
    int q = idx_of(id, r->model->nrequirements, req_id, r->model);
    return ars__result_col(r, ars__col_sh(r->prog, q, t));
}
static inline double Bq(const ars_result *r, const char *id, int t)
{
    int s = idx_of(id, r->model->nsuppliers, supplier_id, r->model);
    return ars__result_col(r, ars__col_b(r->prog, s, t));
}
static inline double Dq(const ars_result *r, const char *id, int t)
{
    int k = idx_of(id, r->model->ndrawdowns, drawdown_id, r->model);
    return ars__result_col(r, ars__col_d(r->prog, k, t));
}
static inline double INV(const ars_result *r, const char *id, int t)
{
    int p = idx_of(id, r->model->nproducts, product_id, r->model);
    return ars__result_col(r, ars__col_inv(r->prog, p, t));
}
static inline int APPROVED(const ars_result *r, const char *id, int *start)
{
    int q = idx_of(id, r->model->nlicences, licence_id, r->model);
    return ars__result_licence_approved(r, q, start);
}

#endif
