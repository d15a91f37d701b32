/* result.c - the result of a solve: accessors, the JSON document of
 * docs/result-json.md and the table for a terminal. */
#include "lp/result.h"

#include "lp/explain.h"
#include "lp/licence_value.h"
#include "lp/verify.h"

#include "util/numfmt.h"
#include "util/util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct ars_result *ars__result_new(ars__program *p)
{
    struct ars_result *r = ars__calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->prog = ars__program_ref(p);
    r->model = p->model;
    r->x = ars__calloc((size_t)(p->ncols > 0 ? p->ncols : 1), sizeof(double));
    r->row_act = ars__calloc((size_t)(p->nrows > 0 ? p->nrows : 1), sizeof(double));
    r->rows = p->nrows;
    r->cols = p->ncols;
    r->nonzeros = p->nnz;
    r->build_ms = p->build_ms;
    r->status = ARS_ST_ERROR;
    r->cost_per_shortfall = NAN;
    if (!r->x || !r->row_act) {
        ars_result_free(r);
        return NULL;
    }
    return r;
}

void ars_result_free(ars_result *r)
{
    int s;
    if (!r)
        return;
    ars__free(r->x);
    ars__free(r->row_act);
    for (s = 0; s < 2; s++) {
        ars__free(r->dual[s]);
        ars__free(r->redcost[s]);
        ars__free(r->bound_lo[s]);
        ars__free(r->bound_hi[s]);
        ars__free(r->unique[s]);
    }
    ars__free(r->cost_lo);
    ars__free(r->cost_hi);
    ars__free(r->row_stat);
    ars__free(r->col_stat);
    for (s = 0; s < r->nlicence_values; s++) {
        ars__free(r->licence_values[s].at_start.req_short);
        ars__free(r->licence_values[s].earlier.req_short);
    }
    ars__free(r->licence_values);
    for (s = 0; s < r->nnotes; s++)
        ars__free(r->notes[s]);
    ars__free(r->notes);
    ars__program_unref(r->prog);
    ars__free(r);
}

void ars__result_note(struct ars_result *r, const char *fmt, ...)
{
    ars__buf b;
    va_list ap;
    char **grown;
    ars__buf_init(&b, 0);
    va_start(ap, fmt);
    ars__buf_vprintf(&b, fmt, ap);
    va_end(ap);
    grown = b.failed ? NULL : ars__realloc(r->notes, (size_t)(r->nnotes + 1) * sizeof *grown);
    if (!grown) {
        ars__buf_free(&b);
        return;
    }
    r->notes = grown;
    r->notes[r->nnotes++] = ars__buf_take(&b);
}

char *ars__result_notes_text(const struct ars_result *r)
{
    ars__buf b;
    int i;
    if (r->nnotes == 0)
        return NULL;
    ars__buf_init(&b, 0);
    for (i = 0; i < r->nnotes; i++)
        ars__buf_printf(&b, "%s%s", i ? "; " : "", r->notes[i] ? r->notes[i] : "");
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    return ars__buf_take(&b);
}

const char *ars_result_status(const ars_result *r)
{
    return r ? ars__status_name(r->status) : "error";
}

double ars_result_shortfall(const ars_result *r)
{
    return r && r->has_solution ? r->S : NAN;
}

double ars_result_cost(const ars_result *r)
{
    return r && r->has_solution ? r->C : NAN;
}

const ars_model *ars_result_model(const ars_result *r)
{
    return r ? r->model : NULL;
}

double ars__result_payee_spend(const struct ars_result *r, int payee, int t)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int L = m->nlines, S = m->nsuppliers, K = m->ndrawdowns, k, l;
    double s = 0;
    if (payee < L) {
        const ars__line *ln = &m->lines[payee];
        for (k = 0; k < ln->nproduces; k++)
            s += ln->produces[k].cost[t] * ars__result_col(r, ars__col_x(p, payee, k, t));
        if (ln->has_expansion)
            s += ln->expansion_cost[t] * ars__result_col(r, ars__col_e(p, payee, t));
    } else if (payee < L + S) {
        s = m->suppliers[payee - L].cost[t] * ars__result_col(r, ars__col_b(p, payee - L, t));
    } else if (payee < L + S + K) {
        int d = payee - L - S;
        s = m->drawdowns[d].cost[t] * ars__result_col(r, ars__col_d(p, d, t));
    } else {
        const ars__corridor *c = &m->corridors[payee - L - S - K];
        if (!c->cost)
            return 0;
        for (l = 0; l < L; l++) {
            const ars__line *ln = &m->lines[l];
            if (ln->country != c->from)
                continue;
            for (k = 0; k < ln->nproduces; k++)
                s += c->cost[t] * m->products[ln->produces[k].product].mass *
                     ars__result_col(r, ars__col_x(p, l, k, t));
        }
    }
    return s;
}

int ars__result_licence_approved(const struct ars_result *r, int q, int *review_start)
{
    const struct ars_model *m = r->model;
    const ars__licence *L = &m->licences[q];
    int t, T = m->T;
    if (review_start)
        *review_start = -1;
    if (L->status == ARS_LIC_GRANTED)
        return L->effective;
    if (L->status == ARS_LIC_DENIED)
        return -1;
    if (ars__col_z(r->prog, q, 0) < 0)
        return L->submitted + L->review < T ? L->submitted + L->review : -1;
    for (t = 0; t < T; t++)
        if (ars__result_col(r, ars__col_z(r->prog, q, t)) > 0.5) {
            if (review_start)
                *review_start = t;
            return t + L->review < T ? t + L->review : -1;
        }
    return -1;
}

/* ------------------------------------------------------------------ JSON */

/* GLPK leaves round-off of 1e-12 and the like on values that are 0. */
static double clean(double v)
{
    return fabs(v) < 1e-9 ? 0 : v;
}

static cJSON *series(const double *v, int T)
{
    cJSON *a = cJSON_CreateArray();
    int t;
    for (t = 0; a && t < T; t++) {
        cJSON *n = cJSON_CreateNumber(clean(v[t]));
        if (!n) {
            cJSON_Delete(a);
            return NULL;
        }
        cJSON_AddItemToArray(a, n);
    }
    return a;
}

/* Values of columns col(t) for t = 0..T-1 via an accessor-like closure. */
static cJSON *col_series(const struct ars_result *r, int first, int T)
{
    cJSON *a = cJSON_CreateArray();
    int t;
    for (t = 0; a && t < T; t++) {
        cJSON *n = cJSON_CreateNumber(first < 0 ? 0 : clean(r->x[first + t]));
        if (!n) {
            cJSON_Delete(a);
            return NULL;
        }
        cJSON_AddItemToArray(a, n);
    }
    return a;
}

static const char *const status_names[] = {"granted", "denied", "pending"};

/* Share of requirement q's demand that met_by entry k covers per period
 * (effect x used / demand; 0 where there is no demand). */
static cJSON *use_share(const struct ars_result *r, int q, int k)
{
    const ars__requirement *rq = &r->model->requirements[q];
    cJSON *a = cJSON_CreateArray();
    int t;
    for (t = 0; a && t < r->model->T; t++) {
        double u = ars__result_col(r, ars__col_u(r->prog, q, k, t));
        double v = rq->demand[t] > 0 ? clean(rq->met_by[k].effect * u / rq->demand[t]) : 0;
        if (!cJSON_AddItemToArray(a, cJSON_CreateNumber(v))) {
            cJSON_Delete(a);
            return NULL;
        }
    }
    return a;
}

static cJSON *period_or_null(const struct ars_model *m, int t)
{
    return t >= 0 && t < m->T ? cJSON_CreateString(m->periods[t]) : cJSON_CreateNull();
}

#define ADD(obj, key, item)                                                                        \
    do {                                                                                           \
        cJSON *it_ = (item);                                                                       \
        if (!it_ || !cJSON_AddItemToObject((obj), (key), it_)) {                                   \
            cJSON_Delete(it_);                                                                     \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

#define PUSH(arr, item)                                                                            \
    do {                                                                                           \
        cJSON *it_ = (item);                                                                       \
        if (!it_ || !cJSON_AddItemToArray((arr), it_)) {                                           \
            cJSON_Delete(it_);                                                                     \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

/* Requirement q's totals over the horizon, as "requirements[].total"
 * reports them (the same sums in the same order, so the same doubles). */
static void requirement_totals(const struct ars_result *r, int q, double *td, double *tm,
                               double *ts)
{
    const ars__requirement *rq = &r->model->requirements[q];
    int t;
    *td = *tm = *ts = 0;
    for (t = 0; t < r->model->T; t++) {
        double sh = clean(ars__result_col(r, ars__col_sh(r->prog, q, t)));
        *td += rq->demand[t];
        *tm += rq->demand[t] - sh;
        *ts += sh;
    }
}

int ars__result_metric(const struct ars_result *r, const char *path, double *v)
{
    static const char prefix[] = "requirements.";
    const struct ars_model *m = r->model;
    const char *rest;
    int q;
    if (!r->has_solution)
        return 0;
    if (strcmp(path, "objective.shortfall") == 0)
        return *v = clean(r->S), 1;
    if (strcmp(path, "objective.cost") == 0)
        return *v = clean(r->C), 1;
    if (strcmp(path, "objective.weighted") == 0)
        return *v = clean(r->weighted), 1;
    if (strcmp(path, "objective.variation") == 0)
        return *v = clean(r->V), 1;
    if (strncmp(path, prefix, sizeof prefix - 1) != 0)
        return 0;
    path += sizeof prefix - 1;
    for (q = 0; q < m->nrequirements; q++) {
        size_t n = strlen(m->requirements[q].id);
        double td, tm, ts;
        if (strncmp(path, m->requirements[q].id, n) != 0 || strncmp(path + n, ".total.", 7) != 0)
            continue;
        rest = path + n + 7;
        requirement_totals(r, q, &td, &tm, &ts);
        if (strcmp(rest, "demand") == 0)
            return *v = td, 1;
        if (strcmp(rest, "met") == 0)
            return *v = clean(tm), 1;
        if (strcmp(rest, "shortfall") == 0)
            return *v = clean(ts), 1;
        if (strcmp(rest, "fill_rate") == 0)
            return *v = td > 0 ? clean(tm / td) : 1, 1;
        return 0;
    }
    return 0;
}

static cJSON *requirements_json(const struct ars_result *r)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int T = m->T, q, t;
    cJSON *arr = cJSON_CreateArray(), *o = NULL, *tot;
    double *met = ars__malloc(sizeof(double) * (size_t)T);
    double *sh = ars__malloc(sizeof(double) * (size_t)T);
    double *fill = ars__malloc(sizeof(double) * (size_t)T);
    if (!arr || !met || !sh || !fill)
        goto fail;
    for (q = 0; q < m->nrequirements; q++) {
        const ars__requirement *rq = &m->requirements[q];
        double td = 0, tm = 0, ts = 0;
        for (t = 0; t < T; t++) {
            sh[t] = clean(ars__result_col(r, ars__col_sh(p, q, t)));
            met[t] = rq->demand[t] - sh[t];
            fill[t] = rq->demand[t] > 0 ? met[t] / rq->demand[t] : 1;
            td += rq->demand[t];
            tm += met[t];
            ts += sh[t];
        }
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "id", cJSON_CreateString(rq->id));
        ADD(o, "name", rq->name ? cJSON_CreateString(rq->name) : cJSON_CreateNull());
        ADD(o, "priority", cJSON_CreateNumber(rq->priority));
        ADD(o, "demand", series(rq->demand, T));
        ADD(o, "met", series(met, T));
        ADD(o, "shortfall", series(sh, T));
        ADD(o, "fill_rate", series(fill, T));
        tot = cJSON_CreateObject();
        ADD(o, "total", tot);
        requirement_totals(r, q, &td, &tm, &ts);
        ADD(tot, "demand", cJSON_CreateNumber(td));
        ADD(tot, "met", cJSON_CreateNumber(clean(tm)));
        ADD(tot, "shortfall", cJSON_CreateNumber(clean(ts)));
        ADD(tot, "fill_rate", cJSON_CreateNumber(td > 0 ? clean(tm / td) : 1));
        PUSH(arr, o);
        o = NULL;
    }
    ars__free(met);
    ars__free(sh);
    ars__free(fill);
    return arr;
fail:
    cJSON_Delete(o);
    cJSON_Delete(arr);
    ars__free(met);
    ars__free(sh);
    ars__free(fill);
    return NULL;
}

static const char *payee_kind(const struct ars_model *m, int j)
{
    if (j < m->nlines)
        return "line";
    j -= m->nlines;
    if (j < m->nsuppliers)
        return "supplier";
    j -= m->nsuppliers;
    return j < m->ndrawdowns ? "drawdown" : "corridor";
}

/* Payments per fund and payee. Payees of one group share payment
 * variables; each payee's spend is split over the group's funds in the
 * group's proportions, which is a valid payment plan for every payee
 * because they all have the same eligible funds. */
static int money_json(const struct ars_result *r, cJSON *plan)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int T = m->T, J = ars__npayees(m), j, f, t, g, i;
    cJSON *spend = cJSON_CreateArray(), *pays = NULL, *funds = NULL, *o = NULL;
    double *v = ars__malloc(sizeof(double) * (size_t)T);
    double *w = ars__malloc(sizeof(double) * (size_t)T);
    double *u = ars__malloc(sizeof(double) * (size_t)T);
    if (!spend || !v || !w || !u)
        goto fail;
    ADD(plan, "spend", spend);
    for (j = 0; j < J; j++) {
        for (t = 0; t < T; t++)
            v[t] = ars__result_payee_spend(r, j, t);
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "payee", cJSON_CreateString(ars__payee_id(m, j)));
        ADD(o, "kind", cJSON_CreateString(payee_kind(m, j)));
        ADD(o, "amount", series(v, T));
        PUSH(spend, o);
        o = NULL;
    }
    if (m->nfunds == 0) {
        ars__free(v);
        ars__free(w);
        ars__free(u);
        return ARS_OK;
    }
    pays = cJSON_CreateArray();
    ADD(plan, "payments", pays);
    for (j = 0; j < J; j++) {
        g = p->group_of_payee[j];
        for (i = 0; i < p->groups[g].nfunds; i++) {
            f = p->groups[g].funds[i];
            for (t = 0; t < T; t++) {
                double tot = 0, pf = ars__result_col(r, ars__col_pay(p, f, g, t));
                int i2;
                for (i2 = 0; i2 < p->groups[g].nfunds; i2++)
                    tot += ars__result_col(r, ars__col_pay(p, p->groups[g].funds[i2], g, t));
                v[t] = tot > 0 ? ars__result_payee_spend(r, j, t) * pf / tot : 0;
            }
            o = cJSON_CreateObject();
            if (!o)
                goto fail;
            ADD(o, "fund", cJSON_CreateString(m->funds[f].id));
            ADD(o, "payee", cJSON_CreateString(ars__payee_id(m, j)));
            ADD(o, "amount", series(v, T));
            PUSH(pays, o);
            o = NULL;
        }
    }
    funds = cJSON_CreateArray();
    ADD(plan, "funds", funds);
    for (f = 0; f < m->nfunds; f++) {
        double ta = 0, ts = 0;
        for (t = 0; t < T; t++) {
            v[t] = 0;
            for (g = 0; g < p->ngroups; g++)
                v[t] += ars__result_col(r, ars__col_pay(p, f, g, t));
            w[t] = ars__result_col(r, ars__col_bank(p, f, t));
            u[t] = m->funds[f].amount[t];
            ta += u[t];
            ts += v[t];
        }
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "fund", cJSON_CreateString(m->funds[f].id));
        ADD(o, "carryover", cJSON_CreateBool(m->funds[f].carryover));
        ADD(o, "amount", series(u, T));
        ADD(o, "spent", series(v, T));
        ADD(o, "carried", series(w, T));
        ADD(o, "total_amount", cJSON_CreateNumber(ta));
        ADD(o, "total_spent", cJSON_CreateNumber(clean(ts)));
        PUSH(funds, o);
        o = NULL;
    }
    ars__free(v);
    ars__free(w);
    ars__free(u);
    return ARS_OK;
fail:
    cJSON_Delete(o);
    ars__free(v);
    ars__free(w);
    ars__free(u);
    return ARS_ENOMEM;
}

static cJSON *plan_json(const struct ars_result *r)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int T = m->T, l, k, i, q;
    cJSON *plan = cJSON_CreateObject(), *a, *o = NULL;
    if (!plan)
        return NULL;

    a = cJSON_CreateArray();
    ADD(plan, "production", a);
    for (l = 0; l < m->nlines; l++)
        for (k = 0; k < m->lines[l].nproduces; k++) {
            o = cJSON_CreateObject();
            if (!o)
                goto fail;
            ADD(o, "line", cJSON_CreateString(m->lines[l].id));
            ADD(o, "product", cJSON_CreateString(m->products[m->lines[l].produces[k].product].id));
            ADD(o, "lead", cJSON_CreateNumber(ars__lead_to_theatre(m, m->lines[l].country)));
            ADD(o, "output", col_series(r, ars__col_x(p, l, k, 0), T));
            PUSH(a, o);
            o = NULL;
        }
    a = cJSON_CreateArray();
    ADD(plan, "expansions", a);
    for (l = 0; l < m->nlines; l++) {
        if (!m->lines[l].has_expansion)
            continue;
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "line", cJSON_CreateString(m->lines[l].id));
        ADD(o, "ordered", col_series(r, ars__col_e(p, l, 0), T));
        ADD(o, "added_capacity", col_series(r, ars__col_ec(p, l, 0), T));
        PUSH(a, o);
        o = NULL;
    }
    a = cJSON_CreateArray();
    ADD(plan, "purchases", a);
    for (i = 0; i < m->nsuppliers; i++) {
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "supplier", cJSON_CreateString(m->suppliers[i].id));
        ADD(o, "component", cJSON_CreateString(m->components[m->suppliers[i].component].id));
        ADD(o, "lead", cJSON_CreateNumber(m->suppliers[i].lead));
        ADD(o, "quantity", col_series(r, ars__col_b(p, i, 0), T));
        PUSH(a, o);
        o = NULL;
    }
    a = cJSON_CreateArray();
    ADD(plan, "component_stock", a);
    for (i = 0; i < m->ncomponents; i++) {
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "component", cJSON_CreateString(m->components[i].id));
        ADD(o, "stock", col_series(r, ars__col_cs(p, i, 0), T));
        PUSH(a, o);
        o = NULL;
    }
    a = cJSON_CreateArray();
    ADD(plan, "drawdowns", a);
    for (i = 0; i < m->ndrawdowns; i++) {
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "drawdown", cJSON_CreateString(m->drawdowns[i].id));
        ADD(o, "product", cJSON_CreateString(m->products[m->drawdowns[i].product].id));
        ADD(o, "lead", cJSON_CreateNumber(m->drawdowns[i].lead));
        ADD(o, "quantity", col_series(r, ars__col_d(p, i, 0), T));
        PUSH(a, o);
        o = NULL;
    }
    a = cJSON_CreateArray();
    ADD(plan, "theatre_stock", a);
    for (i = 0; i < m->nproducts; i++) {
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "product", cJSON_CreateString(m->products[i].id));
        ADD(o, "stock", col_series(r, ars__col_inv(p, i, 0), T));
        ADD(o, "reserve",
            m->stocks[i].reserve ? series(m->stocks[i].reserve, T) : cJSON_CreateNull());
        ADD(o, "reserve_gap", col_series(r, ars__col_rs(p, i, 0), T));
        ADD(o, "terminal", cJSON_CreateNumber(m->stocks[i].terminal));
        ADD(o, "terminal_gap", cJSON_CreateNumber(clean(ars__result_col(r, ars__col_tg(p, i)))));
        PUSH(a, o);
        o = NULL;
    }
    a = cJSON_CreateArray();
    ADD(plan, "use", a);
    for (i = 0; i < m->nrequirements; i++)
        for (k = 0; k < m->requirements[i].nmet_by; k++) {
            o = cJSON_CreateObject();
            if (!o)
                goto fail;
            ADD(o, "requirement", cJSON_CreateString(m->requirements[i].id));
            ADD(o, "product",
                cJSON_CreateString(m->products[m->requirements[i].met_by[k].product].id));
            ADD(o, "quantity", col_series(r, ars__col_u(p, i, k, 0), T));
            ADD(o, "max_share", cJSON_CreateNumber(m->requirements[i].met_by[k].max_share));
            ADD(o, "share", use_share(r, i, k));
            PUSH(a, o);
            o = NULL;
        }
    a = cJSON_CreateArray();
    ADD(plan, "shortfalls", a);
    for (i = 0; i < m->nrequirements; i++) {
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "requirement", cJSON_CreateString(m->requirements[i].id));
        ADD(o, "shortfall", col_series(r, ars__col_sh(p, i, 0), T));
        PUSH(a, o);
        o = NULL;
    }
    if (money_json(r, plan) != ARS_OK)
        goto fail;
    a = cJSON_CreateArray();
    ADD(plan, "licences", a);
    for (q = 0; q < m->nlicences; q++) {
        int start, ap = ars__result_licence_approved(r, q, &start);
        o = cJSON_CreateObject();
        if (!o)
            goto fail;
        ADD(o, "licence", cJSON_CreateString(m->licences[q].id));
        ADD(o, "regime",
            m->licences[q].regime ? cJSON_CreateString(m->licences[q].regime) : cJSON_CreateNull());
        ADD(o, "status", cJSON_CreateString(status_names[m->licences[q].status]));
        ADD(o, "scheduled", cJSON_CreateBool(ars__col_z(p, q, 0) >= 0));
        ADD(o, "review_start", period_or_null(m, start));
        ADD(o, "approved", period_or_null(m, ap));
        PUSH(a, o);
        o = NULL;
    }
    return plan;
fail:
    cJSON_Delete(o);
    cJSON_Delete(plan);
    return NULL;
}

int ars_result_verified(const ars_result *r)
{
    if (!r || !r->verification.done)
        return -1;
    return r->verification.ok;
}

cJSON *ars_result_to_json(const ars_result *r)
{
    const struct ars_model *m;
    cJSON *root, *o, *a;
    int t;
    if (!r)
        return NULL;
    m = r->model;
    root = cJSON_CreateObject();
    if (!root)
        return NULL;
    ADD(root, "status", cJSON_CreateString(ars_result_status(r)));
    ADD(root, "model", m->name ? cJSON_CreateString(m->name) : cJSON_CreateNull());
    ADD(root, "mode",
        cJSON_CreateString(r->mode == ARS_OBJ_WEIGHTED ? "weighted" : "lexicographic"));
    if (r->nnotes > 0) {
        char *notes = ars__result_notes_text(r);
        ADD(root, "message", notes ? cJSON_CreateString(notes) : NULL);
        ars__free(notes);
    }
    o = cJSON_CreateObject();
    ADD(root, "objective", o);
    if (r->has_solution) {
        ADD(o, "shortfall", cJSON_CreateNumber(clean(r->S)));
        ADD(o, "cost", cJSON_CreateNumber(clean(r->C)));
        ADD(o, "weighted", cJSON_CreateNumber(clean(r->weighted)));
        ADD(o, "variation", cJSON_CreateNumber(clean(r->V)));
        ADD(o, "smoothed", cJSON_CreateBool(r->smoothed));
        if (r->mode != ARS_OBJ_WEIGHTED)
            ADD(o, "cost_per_shortfall",
                isfinite(r->cost_per_shortfall) ? cJSON_CreateNumber(clean(r->cost_per_shortfall))
                                                : cJSON_CreateNull());
    } else {
        ADD(o, "shortfall", cJSON_CreateNull());
        ADD(o, "cost", cJSON_CreateNull());
        ADD(o, "weighted", cJSON_CreateNull());
        ADD(o, "variation", cJSON_CreateNull());
    }
    a = cJSON_CreateArray();
    ADD(root, "periods", a);
    for (t = 0; t < m->T; t++)
        PUSH(a, cJSON_CreateString(m->periods[t]));
    if (r->has_solution) {
        ADD(root, "requirements", requirements_json(r));
        ADD(root, "plan", plan_json(r));
    } else {
        ADD(root, "requirements", cJSON_CreateNull());
        ADD(root, "plan", cJSON_CreateNull());
    }
    o = cJSON_CreateObject();
    ADD(root, "solver", o);
    ADD(o, "backend", cJSON_CreateString(ars_solver_name(r->solver)));
    ADD(o, "rows", cJSON_CreateNumber(r->rows));
    ADD(o, "cols", cJSON_CreateNumber(r->cols));
    ADD(o, "nonzeros", cJSON_CreateNumber((double)r->nonzeros));
    ADD(o, "iterations", cJSON_CreateNumber((double)r->iterations));
    ADD(o, "build_ms", cJSON_CreateNumber(round(r->build_ms * 1000) / 1000));
    ADD(o, "solve_ms", cJSON_CreateNumber(round(r->solve_ms * 1000) / 1000));
    ADD(o, "smooth_ms", cJSON_CreateNumber(round(r->smooth_ms * 1000) / 1000));
    ADD(o, "warm", cJSON_CreateBool(r->warm));
    ADD(o, "mip", cJSON_CreateBool(r->mip));
    if (r->mip && r->has_solution && isfinite(r->mip_gap))
        ADD(o, "mip_gap", cJSON_CreateNumber(r->mip_gap));
    ADD(o, "relaxed", cJSON_CreateBool(m->objective.relax));
    ADD(o, "duals",
        cJSON_CreateString(r->nstages == 0 || !r->dual[0] ? "none"
                           : r->duals_fixed               ? "lp_with_integers_fixed"
                                                          : "lp"));
    if (ars__verify_json(r, root) != 0)
        goto fail;
    if (r->explain && ars__explain_json(r, root) != 0)
        goto fail;
    if (ars__licence_value_json(r, root) != 0)
        goto fail;
    return root;
fail:
    cJSON_Delete(root);
    return NULL;
}

/* ----------------------------------------------------------------- table */

static void num(char *buf, size_t len, double v)
{
    ars__fmt_amount(buf, len, clean(v));
}

static void money(char *buf, size_t len, double v)
{
    ars__fmt_money(buf, len, clean(v));
}

static void print_row_series(FILE *fp, const char *label, const double *v, int t0, int t1)
{
    char b[64];
    int t;
    fprintf(fp, "  %-26.26s", label);
    for (t = t0; t < t1; t++) {
        num(b, sizeof b, v[t]);
        fprintf(fp, " %12s", b);
    }
    fputc('\n', fp);
}

static void col_values(const struct ars_result *r, int first, double *v, int T)
{
    int t;
    for (t = 0; t < T; t++)
        v[t] = first < 0 ? 0 : ars__result_col(r, first + t);
}

static void print_plan(const struct ars_result *r, FILE *fp, double *v)
{
    const struct ars_model *m = r->model;
    const ars__program *p = r->prog;
    int T = m->T, prod, l, k, i, t0, t;
    const int width = 7; /* periods per block: fits 120 columns */
    char label[96];
    fprintf(fp, "\nPlan by product and period\n");
    for (prod = 0; prod < m->nproducts; prod++) {
        for (t0 = 0; t0 < T; t0 += width) {
            int t1 = t0 + width < T ? t0 + width : T;
            fprintf(fp, "\n%-28.28s", m->products[prod].id);
            for (t = t0; t < t1; t++)
                fprintf(fp, " %12.12s", m->periods[t]);
            fputc('\n', fp);
            for (l = 0; l < m->nlines; l++)
                for (k = 0; k < m->lines[l].nproduces; k++) {
                    if (m->lines[l].produces[k].product != prod)
                        continue;
                    snprintf(label, sizeof label, "made %s", m->lines[l].id);
                    col_values(r, ars__col_x(p, l, k, 0), v, T);
                    print_row_series(fp, label, v, t0, t1);
                }
            for (i = 0; i < m->ndrawdowns; i++) {
                if (m->drawdowns[i].product != prod)
                    continue;
                snprintf(label, sizeof label, "drawn %s", m->drawdowns[i].id);
                col_values(r, ars__col_d(p, i, 0), v, T);
                print_row_series(fp, label, v, t0, t1);
            }
            for (i = 0; i < m->nrequirements; i++)
                for (k = 0; k < m->requirements[i].nmet_by; k++) {
                    if (m->requirements[i].met_by[k].product != prod)
                        continue;
                    snprintf(label, sizeof label, "used %s", m->requirements[i].id);
                    col_values(r, ars__col_u(p, i, k, 0), v, T);
                    print_row_series(fp, label, v, t0, t1);
                }
            col_values(r, ars__col_inv(p, prod, 0), v, T);
            print_row_series(fp, "theatre stock", v, t0, t1);
        }
        if (m->stocks[prod].terminal > 0) {
            char goal[64], gap[64];
            ars__fmt_amount(goal, sizeof goal, m->stocks[prod].terminal);
            ars__fmt_amount(gap, sizeof gap, clean(ars__result_col(r, ars__col_tg(p, prod))));
            fprintf(fp, "terminal stock goal %s, short by %s\n", goal, gap);
        }
    }
    for (l = 0; l < m->nlines; l++) {
        if (!m->lines[l].has_expansion)
            continue;
        for (t0 = 0; t0 < T; t0 += width) {
            int t1 = t0 + width < T ? t0 + width : T;
            fprintf(fp, "\n%-28.28s", "expansion");
            for (t = t0; t < t1; t++)
                fprintf(fp, " %12.12s", m->periods[t]);
            fputc('\n', fp);
            snprintf(label, sizeof label, "ordered %s", m->lines[l].id);
            col_values(r, ars__col_e(p, l, 0), v, T);
            print_row_series(fp, label, v, t0, t1);
        }
    }
    for (i = 0; i < m->nsuppliers; i++) {
        for (t0 = 0; t0 < T; t0 += width) {
            int t1 = t0 + width < T ? t0 + width : T;
            fprintf(fp, "\n%-28.28s", m->components[m->suppliers[i].component].id);
            for (t = t0; t < t1; t++)
                fprintf(fp, " %12.12s", m->periods[t]);
            fputc('\n', fp);
            snprintf(label, sizeof label, "bought %s", m->suppliers[i].id);
            col_values(r, ars__col_b(p, i, 0), v, T);
            print_row_series(fp, label, v, t0, t1);
        }
    }
}

void ars_result_print_table(const ars_result *r, FILE *fp)
{
    const struct ars_model *m;
    const ars__program *p;
    char b1[64], b2[64], b3[64];
    int T, i, t, f, g, note;
    double *v;
    if (!r || !fp)
        return;
    m = r->model;
    p = r->prog;
    T = m->T;
    fprintf(fp, "arsenal: %s   status: %s   (%s%s)\n", m->name ? m->name : "model",
            ars_result_status(r), r->mode == ARS_OBJ_WEIGHTED ? "weighted" : "lexicographic",
            r->mip ? ", MIP" : "");
    for (note = 0; note < r->nnotes; note++)
        fprintf(fp, "note: %s\n", r->notes[note] ? r->notes[note] : "");
    if (!r->has_solution) {
        fprintf(fp, "no plan\n");
        return;
    }
    num(b1, sizeof b1, r->S);
    money(b2, sizeof b2, r->C);
    fprintf(fp, "weighted shortfall %s   cost %s %s", b1, b2, m->currency ? m->currency : "");
    num(b3, sizeof b3, r->V);
    fprintf(fp, "   variation %s%s\n", b3, r->smoothed ? " (smoothed)" : "");
    ars__verify_print(r, fp);
    if (r->explain)
        ars__explain_print(r, fp, 5);
    ars__licence_value_print(r, fp);

    fprintf(fp, "\n%-28s %12s %12s %12s %8s\n", "requirement", "demand", "met", "shortfall",
            "fill");
    for (i = 0; i < m->nrequirements; i++) {
        double d = 0, s = 0;
        for (t = 0; t < T; t++) {
            d += m->requirements[i].demand[t];
            s += clean(ars__result_col(r, ars__col_sh(p, i, t)));
        }
        num(b1, sizeof b1, d);
        num(b2, sizeof b2, d - s);
        num(b3, sizeof b3, s);
        fprintf(fp, "%-28.28s %12s %12s %12s %7.1f%%\n", m->requirements[i].id, b1, b2, b3,
                d > 0 ? 100.0 * (d - s) / d : 100.0);
    }
    if (m->nfunds > 0) {
        fprintf(fp, "\n%-28s %12s %12s %8s\n", "fund", "spent", "amount", "used");
        for (f = 0; f < m->nfunds; f++) {
            double a = 0, s = 0;
            for (t = 0; t < T; t++) {
                a += m->funds[f].amount[t];
                for (g = 0; g < p->ngroups; g++)
                    s += ars__result_col(r, ars__col_pay(p, f, g, t));
            }
            money(b1, sizeof b1, s);
            money(b2, sizeof b2, a);
            fprintf(fp, "%-28.28s %12s %12s %7.1f%%\n", m->funds[f].id, b1, b2,
                    a > 0 ? 100.0 * clean(s) / a : 0.0);
        }
    }
    if (m->nlicences > 0) {
        fprintf(fp, "\n%-28s %-9s %s\n", "licence", "status", "usable from");
        for (i = 0; i < m->nlicences; i++) {
            int start, ap = ars__result_licence_approved(r, i, &start);
            fprintf(fp, "%-28.28s %-9s %s", m->licences[i].id, status_names[m->licences[i].status],
                    ap >= 0 ? m->periods[ap] : "never (within the horizon)");
            if (start >= 0)
                fprintf(fp, " (review starts %s)", m->periods[start]);
            fputc('\n', fp);
        }
    }
    fprintf(fp,
            "\nsolver: %d rows, %d columns, %zu non-zeros, %ld iterations, build %.1f ms, "
            "solve %.1f ms%s\n",
            r->rows, r->cols, r->nonzeros, r->iterations, r->build_ms, r->solve_ms,
            r->warm ? ", warm" : "");
    v = ars__malloc(sizeof(double) * (size_t)T);
    if (!v)
        return;
    print_plan(r, fp, v);
    ars__free(v);
}
