/* licence_value_out.c - licence values as the result shows them: the
 * "licence_value" JSON and the table section. Apart from their computation
 * (licence_value.c, which re-solves through the solver) so that showing a
 * result needs nothing that solves. */
#include "lp/licence_value.h"

#include "lp/explain.h"

#include "util/numfmt.h"
#include "util/util.h"

#include <math.h>
#include <string.h>

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
