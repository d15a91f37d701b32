/* export.c - the program for other solvers (LP / MPS through the backend)
 * and the plan as CSV tables for spreadsheets. */
#include "arsenal.h"
#include "lp/backend.h"
#include "lp/explain.h"
#include "lp/lp.h"
#include "lp/result.h"
#include "lp/solve.h"
#include "util/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ars_model_export(const ars_model *m, const char *lp_path, const char *mps_path, ars_error *err)
{
    ars__program *p = NULL;
    double *obj;
    int rc, j;
    if (!m || (!lp_path && !mps_path))
        return ars_error_set(err, ARS_EUSAGE, "", "ars_model_export needs a model and a file");
    rc = ars__formulate(m, &p, err);
    if (rc != ARS_OK)
        return rc;
    obj = ars__malloc(sizeof(double) * ((size_t)p->ncols + 1));
    if (!obj) {
        ars__program_unref(p);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory exporting the program");
    }
    /* The same stage-0 objective as solve.c's set_stage. */
    for (j = 0; j < p->ncols; j++)
        obj[j] = m->objective.mode == ARS_OBJ_WEIGHTED
                     ? m->objective.shortfall_weight * p->obj_s[j] +
                           m->objective.cost_weight * p->obj_c[j]
                     : p->obj_s[j];
    if (lp_path)
        rc = ars__backend_write(p, obj, ARS_WRITE_LP, lp_path, err);
    if (rc == ARS_OK && mps_path)
        rc = ars__backend_write(p, obj, ARS_WRITE_MPS, mps_path, err);
    ars__free(obj);
    ars__program_unref(p);
    return rc;
}

int ars_model_export_stages(const ars_model *m, const char *lp_path, const char *mps_path,
                            int *nstages, ars_error *err)
{
    if (!m || (!lp_path && !mps_path))
        return ars_error_set(err, ARS_EUSAGE, "",
                             "ars_model_export_stages needs a model and a file");
    /* Every stage after the first holds the optima of the ones before: the
     * solve sequence writes each as it reaches it (solve.c). */
    return ars__export_stages(m, lp_path, mps_path, nstages, err);
}

/* Ids are validated (no control characters), but may hold commas or
 * quotes: quote every text field the RFC 4180 way. */
static void csv_text(ars__buf *b, const char *s)
{
    ars__buf_append(b, "\"", 1);
    for (; *s; s++) {
        if (*s == '"')
            ars__buf_append(b, "\"", 1);
        ars__buf_append(b, s, 1);
    }
    ars__buf_append(b, "\",", 2);
}

/* Solver dust and -0 print as 0; %.17g reads back to the same double. */
static void csv_num(ars__buf *b, double v, const char *end)
{
    ars__buf_printf(b, "%.17g%s", fabs(v) < 1e-9 ? 0.0 : v, end);
}

static int write_table(const char *dir, const char *file, ars__buf *b, ars_error *err)
{
    char path[4096];
    int rc;
    if (b->failed) {
        ars__buf_free(b);
        return ars_error_set(err, ARS_ENOMEM, file, "out of memory writing the table");
    }
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, file) >= sizeof path) {
        ars__buf_free(b);
        return ars_error_set(err, ARS_EUSAGE, dir, "folder name too long (over %zu characters)",
                             sizeof path - 32);
    }
    rc = ars_write_file_atomic(path, b->data ? b->data : "", b->len, err);
    ars__buf_free(b);
    return rc;
}

/* A text field of o, or an empty cell when o has none there. */
static void csv_opt_text(ars__buf *b, const cJSON *o, const char *key)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
    if (s)
        csv_text(b, s);
    else
        ars__buf_puts(b, ",");
}

static void csv_opt_num(ars__buf *b, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v))
        csv_num(b, v->valuedouble, ",");
    else
        ars__buf_puts(b, ",");
}

/* bottlenecks.csv: the ranked list of explain.c, one row per bottleneck, in
 * the JSON's order and with its fields, so both outputs agree. Empty cells
 * where the JSON has null or nothing (cost_value in weighted mode...). */
static int write_bottlenecks(const ars_result *r, const char *dir, ars_error *err)
{
    static const char *const thing_keys[] = {"line",     "component", "supplier", "country",
                                             "corridor", "fund",      "product",  "drawdown"};
    cJSON *root = cJSON_CreateObject(), *e;
    ars__buf b;
    int rank = 0;
    size_t k;
    if (!root || ars__explain_json(r, root) != 0) {
        cJSON_Delete(root);
        return ars_error_set(err, ARS_ENOMEM, "bottlenecks.csv", "out of memory");
    }
    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "rank,id,kind,thing,from,to,value,shortfall_value,cost_value,weighted_value,"
                      "unit\n");
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "bottlenecks"))
    {
        const char *thing = NULL;
        for (k = 0; !thing && k < sizeof thing_keys / sizeof thing_keys[0]; k++)
            thing = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, thing_keys[k]));
        ars__buf_printf(&b, "%d,", ++rank);
        csv_opt_text(&b, e, "id");
        csv_opt_text(&b, e, "kind");
        if (thing)
            csv_text(&b, thing);
        else
            ars__buf_puts(&b, ",");
        csv_opt_text(&b, e, "from");
        csv_opt_text(&b, e, "to");
        csv_opt_num(&b, e, "value");
        csv_opt_num(&b, e, "shortfall_value");
        csv_opt_num(&b, e, "cost_value");
        csv_opt_num(&b, e, "weighted_value");
        csv_opt_text(&b, e, "unit");
        b.len--; /* the row ends with the unit: its comma becomes the newline */
        ars__buf_puts(&b, "\n");
    }
    cJSON_Delete(root);
    return write_table(dir, "bottlenecks.csv", &b, err);
}

int ars_result_write_csv(const ars_result *r, const char *dir, ars_error *err)
{
    const struct ars_model *m;
    const ars__program *p;
    ars__buf b;
    int l, k, t, q, j, i, rc, T;
    if (!r || !dir)
        return ars_error_set(err, ARS_EUSAGE, "",
                             "ars_result_write_csv needs a result and a folder");
    if (!r->has_solution || !r->x)
        return ars_error_set(err, ARS_EUSAGE, "result", "status %s: there is no plan to write",
                             ars__status_name(r->status));
    m = r->model;
    p = r->prog;
    T = m->T;

    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "line,product,period,quantity\n");
    for (l = 0; l < m->nlines; l++)
        for (k = 0; k < m->lines[l].nproduces; k++)
            for (t = 0; t < T; t++) {
                csv_text(&b, m->lines[l].id);
                csv_text(&b, m->products[m->lines[l].produces[k].product].id);
                csv_text(&b, m->periods[t]);
                csv_num(&b, ars__result_col(r, ars__col_x(p, l, k, t)), "\n");
            }
    if ((rc = write_table(dir, "plan.csv", &b, err)) != ARS_OK)
        return rc;

    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "requirement,period,demand,shortfall\n");
    for (q = 0; q < m->nrequirements; q++)
        for (t = 0; t < T; t++) {
            csv_text(&b, m->requirements[q].id);
            csv_text(&b, m->periods[t]);
            csv_num(&b, m->requirements[q].demand[t], ",");
            csv_num(&b, ars__result_col(r, ars__col_sh(p, q, t)), "\n");
        }
    if ((rc = write_table(dir, "shortfalls.csv", &b, err)) != ARS_OK)
        return rc;

    /* Payees of a group share payment columns; each payee's spend is split
     * over the group's funds in the group's proportions, as result.c's
     * "payments" does, so both outputs agree. */
    ars__buf_init(&b, 0);
    ars__buf_puts(&b, "fund,payee,period,amount\n");
    for (j = 0; m->nfunds > 0 && j < ars__npayees(m); j++) {
        const ars__payee_group *g = &p->groups[p->group_of_payee[j]];
        int gi = p->group_of_payee[j];
        for (i = 0; i < g->nfunds; i++)
            for (t = 0; t < T; t++) {
                double tot = 0, pf = ars__result_col(r, ars__col_pay(p, g->funds[i], gi, t));
                int i2;
                for (i2 = 0; i2 < g->nfunds; i2++)
                    tot += ars__result_col(r, ars__col_pay(p, g->funds[i2], gi, t));
                csv_text(&b, m->funds[g->funds[i]].id);
                csv_text(&b, ars__payee_id(m, j));
                csv_text(&b, m->periods[t]);
                csv_num(&b, tot > 0 ? ars__result_payee_spend(r, j, t) * pf / tot : 0, "\n");
            }
    }
    if ((rc = write_table(dir, "payments.csv", &b, err)) != ARS_OK)
        return rc;
    return write_bottlenecks(r, dir, err);
}
