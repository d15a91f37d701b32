/* licence_value.c - what a pending or denied licence is worth (issue 3,
 * item 4): the shortfall and cost of the plan were the licence approved at
 * the start of the horizon, and one period earlier than the plan has it.
 *
 * Each case is the loaded program with the bounds that approval by data
 * would give (ars__program_licence_bounds: same rows and columns, the
 * licence's review decisions fixed at 0), solved warm from the plan's
 * stage-0 basis, then the bounds are put back. The other licences stay as
 * the model has them, so under `licensing` their review schedule is
 * re-optimised around the freed slots. The re-solves skip verification:
 * their plans use a licence the model does not approve, which is the point. */
#include "lp/licence_value.h"

#include "lp/explain.h"

#include "util/numfmt.h"
#include "util/util.h"

#include <math.h>
#include <string.h>

typedef struct bounds {
    double *col_lb, *col_ub, *row_lb, *row_ub;
    int *idx;
    double *lb, *ub;
} bounds;

static void bounds_free(bounds *b)
{
    ars__free(b->col_lb);
    ars__free(b->col_ub);
    ars__free(b->row_lb);
    ars__free(b->row_ub);
    ars__free(b->idx);
    ars__free(b->lb);
    ars__free(b->ub);
    memset(b, 0, sizeof *b);
}

static int bounds_alloc(bounds *b, const ars__program *p)
{
    size_t nc = (size_t)(p->ncols > 0 ? p->ncols : 1), nr = (size_t)(p->nrows > 0 ? p->nrows : 1);
    size_t n = nc > nr ? nc : nr;
    memset(b, 0, sizeof *b);
    b->col_lb = ars__malloc(sizeof(double) * nc);
    b->col_ub = ars__malloc(sizeof(double) * nc);
    b->row_lb = ars__malloc(sizeof(double) * nr);
    b->row_ub = ars__malloc(sizeof(double) * nr);
    b->idx = ars__malloc(sizeof(int) * n);
    b->lb = ars__malloc(sizeof(double) * n);
    b->ub = ars__malloc(sizeof(double) * n);
    if (!b->col_lb || !b->col_ub || !b->row_lb || !b->row_ub || !b->idx || !b->lb || !b->ub) {
        bounds_free(b);
        return ARS_ENOMEM;
    }
    return ARS_OK;
}

/* Sets in the backend every bound where (from_lb, from_ub) and (to_lb,
 * to_ub) differ to the `to` values; *changed counts them. */
static int apply(ars__backend *be, bounds *w, int rows, int n, const double *from_lb,
                 const double *from_ub, const double *to_lb, const double *to_ub, int *changed,
                 ars_error *err)
{
    int i, k = 0;
    for (i = 0; i < n; i++)
        if (from_lb[i] != to_lb[i] || from_ub[i] != to_ub[i]) {
            w->idx[k] = i;
            w->lb[k] = to_lb[i];
            w->ub[k] = to_ub[i];
            k++;
        }
    *changed += k;
    if (!k)
        return ARS_OK;
    return rows ? ars__backend_set_row_bounds(be, k, w->idx, w->lb, w->ub, err)
                : ars__backend_set_col_bounds(be, k, w->idx, w->lb, w->ub, err);
}

typedef struct saved_basis {
    unsigned char *rows, *cols;
    int has;
} saved_basis;

/* Each requirement's shortfall over the horizon in plan rr (NULL when out
 * of memory: the case then reports S and C only). */
static double *req_shortfalls(const struct ars_result *rr)
{
    const struct ars_model *m = rr->model;
    double *v = ars__calloc((size_t)m->nrequirements + 1, sizeof *v);
    int q, t;
    for (q = 0; v && q < m->nrequirements; q++)
        for (t = 0; t < m->T; t++)
            v[q] += ars__result_col(rr, ars__col_sh(rr->prog, q, t));
    return v;
}

/* Solves one case: approval of q from c->from. The loaded program is put
 * back as it was whatever happens, unless the backend died. */
static int solve_case(ars__solver *s, const struct ars_result *base, const saved_basis *sb,
                      const ars_solve_opts *vo, int q, bounds *w, ars__licence_case *c,
                      ars_error *err)
{
    const ars__program *p = s->prog;
    ars_result *vr = NULL;
    int rc, rc2, changed = 0, dummy = 0;
    double t0 = ars__now();

    rc = ars__program_licence_bounds(p, q, c->from, w->col_lb, w->col_ub, w->row_lb, w->row_ub);
    if (rc)
        return ars_error_set(err, rc, "", "out of memory computing licence bounds");
    if ((rc = apply(s->be, w, 0, p->ncols, p->col_lb, p->col_ub, w->col_lb, w->col_ub, &changed,
                    err)) == ARS_OK)
        rc =
            apply(s->be, w, 1, p->nrows, p->row_lb, p->row_ub, w->row_lb, w->row_ub, &changed, err);
    if (rc == ARS_OK && changed == 0) {
        /* Approval from `from` changes nothing the program can see (the
         * licence gates no output): the plan stands. */
        c->status = base->status;
        c->S = base->S;
        c->C = base->C;
        c->same = 1;
        c->ms = (ars__now() - t0) * 1000.0;
        return ARS_OK;
    }
    if (rc == ARS_OK) {
        memcpy(s->basis_rows, sb->rows, (size_t)p->nrows);
        memcpy(s->basis_cols, sb->cols, (size_t)p->ncols);
        s->has_basis = sb->has;
        s->skip_mip_duals = 1;
        /* Approval only widens bounds (x may be positive where it was held
         * at 0), except that the licence's own review starts are fixed at
         * 0: the plan's basis stays primal feasible or nearly so, and
         * primal simplex from it beat the dual on every model measured
         * (bench/RESULTS.md, licence value). */
        s->warm_primal = 1;
        rc = ars__solver_run_budgeted(s, 1, base->solve_ms, vo, &vr, err);
        s->warm_primal = 0;
        s->skip_mip_duals = 0;
        if (vr) {
            c->status = vr->status;
            c->warm = vr->warm;
            c->S = vr->has_solution ? vr->S : NAN;
            c->C = vr->has_solution ? vr->C : NAN;
            if (vr->has_solution)
                c->req_short = req_shortfalls(vr);
        }
        ars_result_free(vr);
    }
    if (!ars__backend_dead(s->be)) {
        ars_error e2;
        rc2 = apply(s->be, w, 0, p->ncols, w->col_lb, w->col_ub, p->col_lb, p->col_ub, &dummy, &e2);
        if (rc2 == ARS_OK)
            rc2 = apply(s->be, w, 1, p->nrows, w->row_lb, w->row_ub, p->row_lb, p->row_ub, &dummy,
                        &e2);
        if (rc2 != ARS_OK && rc == ARS_OK) {
            if (err)
                *err = e2;
            rc = rc2;
        }
    }
    c->ms = (ars__now() - t0) * 1000.0;
    return rc;
}

/* The period a pending licence is planned to become usable, for the "one
 * period earlier" case: from the plan, or from its schedule when that
 * falls after the horizon (the case then asks for the last period). */
static int planned_for_earlier(const struct ars_result *r, int q, int planned)
{
    const ars__licence *L = &r->model->licences[q];
    if (planned >= 0)
        return planned;
    if (L->status == ARS_LIC_PENDING && ars__col_z(r->prog, q, 0) < 0)
        return L->submitted + L->review;
    return -1;
}

int ars__licence_values(ars__solver *s, struct ars_result *r, const ars_solve_opts *o,
                        ars_error *err)
{
    const struct ars_model *m = s->prog->model;
    ars_solve_opts vo;
    saved_basis sb;
    bounds w;
    int q, n = 0, rc = ARS_OK;

    if (!r->has_solution)
        return ARS_OK;
    for (q = 0; q < m->nlicences; q++)
        n += m->licences[q].status != ARS_LIC_GRANTED;
    if (n == 0)
        return ARS_OK;
    r->licence_values = ars__calloc((size_t)n, sizeof *r->licence_values);
    sb.rows = ars__malloc((size_t)(s->prog->nrows > 0 ? s->prog->nrows : 1));
    sb.cols = ars__malloc((size_t)(s->prog->ncols > 0 ? s->prog->ncols : 1));
    if (!r->licence_values || !sb.rows || !sb.cols || bounds_alloc(&w, s->prog) != ARS_OK) {
        ars__free(r->licence_values);
        r->licence_values = NULL;
        ars__free(sb.rows);
        ars__free(sb.cols);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory valuing licences");
    }
    memcpy(sb.rows, s->basis_rows, (size_t)s->prog->nrows);
    memcpy(sb.cols, s->basis_cols, (size_t)s->prog->ncols);
    sb.has = s->has_basis;
    if (o)
        vo = *o;
    else
        ars_solve_opts_default(&vo);
    vo.explain = 0;
    vo.licence_value = 0;
    vo.verify = 0;

    for (q = 0; q < m->nlicences && rc == ARS_OK; q++) {
        ars__licence_value *v;
        int plan_t;
        if (m->licences[q].status == ARS_LIC_GRANTED)
            continue;
        v = &r->licence_values[r->nlicence_values++];
        v->licence = q;
        v->planned = ars__result_licence_approved(r, q, NULL);
        v->at_start.from = 0;
        v->at_start.status = ARS_ST_ERROR;
        plan_t = planned_for_earlier(r, q, v->planned);
        v->earlier.from = plan_t >= 1 ? (plan_t - 1 < m->T ? plan_t - 1 : m->T - 1) : -1;
        v->earlier.status = ARS_ST_ERROR;
        rc = solve_case(s, r, &sb, &vo, q, &w, &v->at_start, err);
        if (rc == ARS_OK && v->earlier.from >= 0) {
            if (v->earlier.from == 0) {
                v->earlier = v->at_start;
                v->earlier.req_short = NULL;
                if (v->at_start.req_short) {
                    size_t bytes = sizeof(double) * (size_t)m->nrequirements;
                    v->earlier.req_short = ars__malloc(bytes > 0 ? bytes : 1);
                    if (v->earlier.req_short)
                        memcpy(v->earlier.req_short, v->at_start.req_short, bytes);
                }
            } else {
                rc = solve_case(s, r, &sb, &vo, q, &w, &v->earlier, err);
            }
        }
    }
    /* The session goes on from the plan's basis, not the last case's. */
    memcpy(s->basis_rows, sb.rows, (size_t)s->prog->nrows);
    memcpy(s->basis_cols, sb.cols, (size_t)s->prog->ncols);
    s->has_basis = sb.has;
    ars__free(sb.rows);
    ars__free(sb.cols);
    bounds_free(&w);
    return rc;
}

/* ------------------------------------------------------------- output */

static const char *const status_names[] = {"granted", "denied", "pending"};

static cJSON *num_or_null(double v)
{
    return isfinite(v) ? cJSON_CreateNumber(fabs(v) < 1e-9 ? 0 : v) : cJSON_CreateNull();
}

/* How much of requirement q's shortfall the case removes, in the
 * requirement's own unit (explain.h); 0 where the case is the plan. */
static double removed(const struct ars_result *r, const ars__licence_case *c, int q,
                      double *base_out)
{
    double base = 0;
    int t;
    for (t = 0; t < r->model->T; t++)
        base += ars__result_col(r, ars__col_sh(r->prog, q, t));
    if (base_out)
        *base_out = base;
    return c->req_short ? base - c->req_short[q] : 0;
}

/* "by_requirement": what the licence is worth to each requirement, in its
 * units (interceptors, shells), where it is worth anything. 0 on out of
 * memory. */
static int add_by_requirement(const struct ars_result *r, const ars__licence_case *c, cJSON *o)
{
    const struct ars_model *m = r->model;
    cJSON *arr = cJSON_AddArrayToObject(o, "by_requirement");
    int q;
    if (!arr)
        return 0;
    for (q = 0; q < m->nrequirements; q++) {
        char unit[128];
        double per, d = removed(r, c, q, NULL);
        cJSON *e;
        if (fabs(d) <= 1e-6 * fmax(1, fabs(c->req_short ? c->req_short[q] : 0)))
            continue;
        ars__explain_req_unit(m, q, unit, sizeof unit, &per);
        e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(arr, e) ||
            !cJSON_AddStringToObject(e, "requirement", m->requirements[q].id) ||
            !cJSON_AddStringToObject(e, "unit", unit) ||
            !cJSON_AddNumberToObject(e, "shortfall_reduction", ars__explain_tidy(d / per)))
            return 0;
    }
    return 1;
}

static void print_by_requirement(const struct ars_result *r, FILE *fp, const ars__licence_case *c)
{
    const struct ars_model *m = r->model;
    int q;
    for (q = 0; q < m->nrequirements; q++) {
        char unit[128], v[64];
        double per, d = removed(r, c, q, NULL);
        if (fabs(d) <= 1e-6 * fmax(1, fabs(c->req_short ? c->req_short[q] : 0)))
            continue;
        ars__explain_req_unit(m, q, unit, sizeof unit, &per);
        ars__fmt_sig(v, sizeof v, ars__explain_tidy(fabs(d) / per), 6);
        fprintf(fp, "%62s%s %s %s %s %s\n", "", d > 0 ? "removes" : "adds", v, unit,
                d > 0 ? "from" : "to", m->requirements[q].id);
    }
}

static cJSON *case_json(const struct ars_result *r, const ars__licence_case *c)
{
    const struct ars_model *m = r->model;
    int ok = c->status == ARS_ST_OPTIMAL || c->status == ARS_ST_FEASIBLE;
    cJSON *o;
    if (c->from < 0)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddItemToObject(o, "approved_from", cJSON_CreateString(m->periods[c->from]));
    cJSON_AddItemToObject(o, "status", cJSON_CreateString(ars__status_name(c->status)));
    cJSON_AddItemToObject(o, "shortfall", num_or_null(ok ? c->S : NAN));
    cJSON_AddItemToObject(o, "cost", num_or_null(ok ? c->C : NAN));
    cJSON_AddItemToObject(o, "shortfall_reduction", num_or_null(ok ? r->S - c->S : NAN));
    cJSON_AddItemToObject(o, "cost_change", num_or_null(ok ? c->C - r->C : NAN));
    if (ok)
        (void)add_by_requirement(r, c, o); /* out of memory: S and C still stand */
    cJSON_AddItemToObject(o, "warm", cJSON_CreateBool(c->warm));
    cJSON_AddItemToObject(o, "same_as_plan", cJSON_CreateBool(c->same));
    cJSON_AddItemToObject(o, "ms", cJSON_CreateNumber(round(c->ms * 1000) / 1000));
    return o;
}

int ars__licence_value_json(const struct ars_result *r, cJSON *root)
{
    const struct ars_model *m = r->model;
    cJSON *lv, *arr;
    int i;
    if (!r->licence_values)
        return 0;
    lv = cJSON_CreateObject();
    if (!lv || !cJSON_AddItemToObject(root, "licence_value", lv))
        return -1;
    cJSON_AddItemToObject(lv, "method",
                          cJSON_CreateString("the licence approved by data from approved_from, "
                                             "re-solved warm from the plan's basis"));
    arr = cJSON_CreateArray();
    if (!arr || !cJSON_AddItemToObject(lv, "licences", arr))
        return -1;
    for (i = 0; i < r->nlicence_values; i++) {
        const ars__licence_value *v = &r->licence_values[i];
        const ars__licence *L = &m->licences[v->licence];
        cJSON *o = cJSON_CreateObject();
        if (!o || !cJSON_AddItemToArray(arr, o))
            return -1;
        cJSON_AddItemToObject(o, "licence", cJSON_CreateString(L->id));
        cJSON_AddItemToObject(o, "regime",
                              L->regime ? cJSON_CreateString(L->regime) : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "status", cJSON_CreateString(status_names[L->status]));
        cJSON_AddItemToObject(o, "planned_approval",
                              v->planned >= 0 ? cJSON_CreateString(m->periods[v->planned])
                                              : cJSON_CreateNull());
        cJSON_AddItemToObject(o, "at_start", case_json(r, &v->at_start));
        cJSON_AddItemToObject(o, "one_period_earlier", case_json(r, &v->earlier));
    }
    return 0;
}

static void print_case(const struct ars_result *r, FILE *fp, const char *lead,
                       const ars__licence_case *c, const char *what)
{
    const struct ars_model *m = r->model;
    char from[96], s[64], ds[64], dc[64];
    snprintf(from, sizeof from, "%s (%s)", m->periods[c->from], what);
    if (c->status != ARS_ST_OPTIMAL && c->status != ARS_ST_FEASIBLE) {
        fprintf(fp, "%s %-18.18s %s\n", lead, from, ars__status_name(c->status));
        return;
    }
    ars__fmt_amount(s, sizeof s, c->S);
    ars__fmt_sig_signed(ds, sizeof ds, c->S - r->S, 6);
    ars__fmt_money(dc + 1, sizeof dc - 1, c->C - r->C);
    dc[0] = c->C - r->C > 0 ? '+' : ' ';
    fprintf(fp, "%s %-18.18s %14s %14s %14s\n", lead, from, s, ds, dc);
    print_by_requirement(r, fp, c);
}

void ars__licence_value_print(const struct ars_result *r, FILE *fp)
{
    const struct ars_model *m = r->model;
    int i;
    if (!r->licence_values || r->nlicence_values == 0)
        return;
    fprintf(fp, "\nlicence value (re-solved warm with the licence approved by data)\n");
    fprintf(fp, "%-20s %-8s %-10s %-18s %14s %14s %14s\n", "licence", "status", "planned",
            "approved from", "shortfall", "change", "cost change");
    for (i = 0; i < r->nlicence_values; i++) {
        const ars__licence_value *v = &r->licence_values[i];
        const ars__licence *L = &m->licences[v->licence];
        char lead[64];
        snprintf(lead, sizeof lead, "%-20.20s %-8s %-10.10s", L->id, status_names[L->status],
                 v->planned >= 0 ? m->periods[v->planned] : "never");
        print_case(r, fp, lead, &v->at_start, "start");
        if (v->earlier.from >= 0 && v->earlier.from != v->at_start.from)
            print_case(r, fp, "                                        ", &v->earlier, "1 earlier");
    }
}
