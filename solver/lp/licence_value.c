/* licence_value.c - what a pending or denied licence is worth: the
 * shortfall and cost of the plan were the licence approved at
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
#include "lp/patch.h"

#include "util/util.h"

#include <math.h>
#include <string.h>

typedef struct bounds {
    double *col_lb, *col_ub, *row_lb, *row_ub;
} bounds;

static void bounds_free(bounds *b)
{
    ars__free(b->col_lb);
    ars__free(b->col_ub);
    ars__free(b->row_lb);
    ars__free(b->row_ub);
    memset(b, 0, sizeof *b);
}

static int bounds_alloc(bounds *b, const ars__program *p)
{
    size_t nc = (size_t)(p->ncols > 0 ? p->ncols : 1), nr = (size_t)(p->nrows > 0 ? p->nrows : 1);
    memset(b, 0, sizeof *b);
    b->col_lb = ars__malloc(sizeof(double) * nc);
    b->col_ub = ars__malloc(sizeof(double) * nc);
    b->row_lb = ars__malloc(sizeof(double) * nr);
    b->row_ub = ars__malloc(sizeof(double) * nr);
    if (!b->col_lb || !b->col_ub || !b->row_lb || !b->row_ub) {
        bounds_free(b);
        return ARS_ENOMEM;
    }
    return ARS_OK;
}

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
static int solve_case(ars__solver *s, const struct ars_result *base, const ars__basis *plan_bases,
                      const ars_solve_opts *vo, int q, bounds *w, ars__licence_case *c,
                      ars_error *err)
{
    const ars__program *p = s->prog;
    ars_result *vr = NULL;
    ars__bounds_view plan = {p->ncols, p->nrows, p->col_lb, p->col_ub, p->row_lb, p->row_ub};
    ars__bounds_view approved = {p->ncols, p->nrows, w->col_lb, w->col_ub, w->row_lb, w->row_ub};
    int rc, rc2, changed = 0;
    double t0 = ars__now();

    rc = ars__program_licence_bounds(p, q, c->from, w->col_lb, w->col_ub, w->row_lb, w->row_ub);
    if (rc)
        return ars_error_set(err, rc, "", "out of memory computing licence bounds");
    rc = ars__patch_bounds(s->be, &plan, &approved, -1, &changed, err);
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
        ars__solver_restore_bases(s, plan_bases);
        s->values_only = 1;
        /* The cost stage puts back what it fixes to these, not to p's. */
        s->col_lb = w->col_lb;
        s->col_ub = w->col_ub;
        s->row_lb = w->row_lb;
        s->row_ub = w->row_ub;
        /* Approval only widens bounds (x may be positive where it was held
         * at 0), except that the licence's own review starts are fixed at
         * 0: the plan's basis stays primal feasible or nearly so, and
         * primal simplex from it beat the dual on every model measured
         * (bench/RESULTS.md, licence value). */
        s->warm_primal = 1;
        rc = ars__solver_run_budgeted(s, 1, base->solve_ms, vo, &vr, err);
        s->warm_primal = 0;
        s->values_only = 0;
        s->col_lb = s->col_ub = s->row_lb = s->row_ub = NULL;
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
        rc2 = ars__patch_bounds(s->be, &approved, &plan, -1, NULL, &e2);
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
    ars__basis sb[ARS__NBASES];
    bounds w;
    int q, n = 0, rc = ARS_OK;

    if (!r->has_solution)
        return ARS_OK;
    for (q = 0; q < m->nlicences; q++)
        n += m->licences[q].status != ARS_LIC_GRANTED;
    if (n == 0)
        return ARS_OK;
    r->licence_values = ars__calloc((size_t)n, sizeof *r->licence_values);
    if (!r->licence_values || ars__solver_save_bases(s, sb) != ARS_OK) {
        ars__free(r->licence_values);
        r->licence_values = NULL;
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory valuing licences");
    }
    if (bounds_alloc(&w, s->prog) != ARS_OK) {
        ars__free(r->licence_values);
        r->licence_values = NULL;
        ars__bases_free(sb);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory valuing licences");
    }
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
        rc = solve_case(s, r, sb, &vo, q, &w, &v->at_start, err);
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
                rc = solve_case(s, r, sb, &vo, q, &w, &v->earlier, err);
            }
        }
    }
    /* The session goes on from the plan's basis, not the last case's. */
    ars__solver_restore_bases(s, sb);
    ars__bases_free(sb);
    bounds_free(&w);
    return rc;
}

/* ------------------------------------------------------------- output */
