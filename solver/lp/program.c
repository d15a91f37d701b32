/* program.c - accessors, names, reference counting and structure comparison
 * of the program (lp.h). */
#include "lp/lp.h"

#include "util/util.h"

#include <stdio.h>
#include <string.h>

static const char *const col_families[ARS_COL_NFAMILIES] = {"x",   "e",    "ec", "n",   "b",   "d",
                                                            "cs",  "u",    "sh", "inv", "rs",  "tg",
                                                            "pay", "bank", "z",  "up",  "down"};
static const char *const row_families[ARS_ROW_NFAMILIES] = {
    "cap",    "ramp",  "ecum",  "expmax", "estep", "comp",    "gate",     "gatec",
    "review", "slots", "work",  "corr",   "stock", "reserve", "terminal", "ddtotal",
    "req",    "share", "spend", "fund",   "lex",   "swing"};

const char *ars__col_family_name(int family)
{
    return family >= 0 && family < ARS_COL_NFAMILIES ? col_families[family] : "?";
}

const char *ars__row_family_name(int family)
{
    return family >= 0 && family < ARS_ROW_NFAMILIES ? row_families[family] : "?";
}

ars__program *ars__program_ref(ars__program *p)
{
    if (p)
        atomic_fetch_add(&p->refs, 1);
    return p;
}

static void program_free(ars__program *p)
{
    int g;
    ars__free(p->col_tag);
    ars__free(p->col_kind);
    ars__free(p->col_lb);
    ars__free(p->col_ub);
    ars__free(p->obj_s);
    ars__free(p->obj_c);
    ars__free(p->row_tag);
    ars__free(p->row_lb);
    ars__free(p->row_ub);
    ars__free(p->row_start);
    ars__free(p->col_idx);
    ars__free(p->val);
    for (g = 0; g < p->ngroups; g++) {
        ars__free(p->groups[g].payees);
        ars__free(p->groups[g].funds);
    }
    ars__free(p->groups);
    ars__free(p->group_of_payee);
    ars__free(p->x_off);
    ars__free(p->e_off);
    ars__free(p->ec_off);
    ars__free(p->n_off);
    ars__free(p->u_off);
    ars__free(p->pay_off);
    ars__free(p->z_off);
    ars__free(p->cap_row);
    ars__free(p->ramp_row);
    ars__free(p->ecum_row);
    ars__free(p->expmax_row);
    ars__free(p->estep_row);
    ars__free(p->gate_row);
    ars__free(p->gatec_row);
    ars__free(p->gatec_base);
    ars__free(p->review_row);
    ars__free(p->tg_off);
    ars__free(p->terminal_row);
    ars__free(p->share_base);
    ars__free(p->share_row);
    ars__free(p->up_off);
    ars__free(p->swing_row);
    ars__free(p->approved);
    ars__free(p);
}

void ars__program_unref(ars__program *p)
{
    if (p && atomic_fetch_sub(&p->refs, 1) == 1)
        program_free(p);
}

/* ------------------------------------------------------------ accessors */

static int per_t(int base, int t)
{
    return base < 0 ? -1 : base + t;
}

int ars__col_x(const ars__program *p, int l, int k, int t)
{
    return p->x_off[l] + k * p->T + t;
}
int ars__col_e(const ars__program *p, int l, int t)
{
    return per_t(p->e_off[l], t);
}
int ars__col_ec(const ars__program *p, int l, int t)
{
    return per_t(p->ec_off[l], t);
}
int ars__col_n(const ars__program *p, int l, int t)
{
    return per_t(p->n_off[l], t);
}
int ars__col_b(const ars__program *p, int s, int t)
{
    return p->b_off + s * p->T + t;
}
int ars__col_d(const ars__program *p, int k, int t)
{
    return p->d_off + k * p->T + t;
}
int ars__col_cs(const ars__program *p, int m, int t)
{
    return p->cs_off + m * p->T + t;
}
int ars__col_u(const ars__program *p, int r, int i, int t)
{
    return p->u_off[r] + i * p->T + t;
}
int ars__col_sh(const ars__program *p, int r, int t)
{
    return p->sh_off + r * p->T + t;
}
int ars__col_inv(const ars__program *p, int prod, int t)
{
    return p->inv_off + prod * p->T + t;
}
int ars__col_rs(const ars__program *p, int prod, int t)
{
    return p->rs_off + prod * p->T + t;
}
int ars__col_tg(const ars__program *p, int prod)
{
    return p->tg_off ? p->tg_off[prod] : -1;
}
int ars__col_pay(const ars__program *p, int f, int g, int t)
{
    if (!p->pay_off)
        return -1;
    return per_t(p->pay_off[f * p->ngroups + g], t);
}
int ars__col_bank(const ars__program *p, int f, int t)
{
    return p->bank_off < 0 ? -1 : p->bank_off + f * p->T + t;
}
int ars__col_z(const ars__program *p, int q, int t)
{
    return per_t(p->z_off[q], t);
}
/* up and down exist from the second period on (they measure the change
 * from the period before). */
int ars__col_up(const ars__program *p, int l, int t)
{
    return !p->up_off || t < 1 ? -1 : per_t(p->up_off[l], t - 1);
}
int ars__col_down(const ars__program *p, int l, int t)
{
    return !p->up_off || t < 1 || p->up_off[l] < 0 ? -1 : p->up_off[l] + p->T - 1 + t - 1;
}

int ars__row_cap(const ars__program *p, int l, int t)
{
    return per_t(p->cap_row[l], t);
}
int ars__row_ramp(const ars__program *p, int l, int t)
{
    return per_t(p->ramp_row[l], t);
}
int ars__row_ecum(const ars__program *p, int l, int t)
{
    return per_t(p->ecum_row[l], t);
}
int ars__row_expmax(const ars__program *p, int l)
{
    return p->expmax_row[l];
}
int ars__row_estep(const ars__program *p, int l, int t)
{
    return per_t(p->estep_row[l], t);
}
int ars__row_comp(const ars__program *p, int m, int t)
{
    return p->comp_row + m * p->T + t;
}
int ars__row_gate(const ars__program *p, int l, int k, int t)
{
    return p->gate_row[l] < 0 ? -1 : p->gate_row[l] + k * p->T + t;
}
int ars__row_gatec(const ars__program *p, int l, int k, int j, int t)
{
    const ars__line *ln = &p->model->lines[l];
    int idx = p->gatec_base[l], i;
    for (i = 0; i < k; i++)
        idx += ln->produces[i].nbom;
    return per_t(p->gatec_row[idx + j], t);
}
int ars__row_review(const ars__program *p, int q)
{
    return p->review_row[q];
}
int ars__row_slots(const ars__program *p, int t)
{
    return per_t(p->slots_row, t);
}
int ars__row_work(const ars__program *p, int w, int t)
{
    return p->work_row + w * p->T + t;
}
int ars__row_corr(const ars__program *p, int c, int t)
{
    return p->corr_row + c * p->T + t;
}
int ars__row_stock(const ars__program *p, int prod, int t)
{
    return p->stock_row + prod * p->T + t;
}
int ars__row_reserve(const ars__program *p, int prod, int t)
{
    return p->reserve_row + prod * p->T + t;
}
int ars__row_ddtotal(const ars__program *p, int k)
{
    return p->ddtotal_row + k;
}
int ars__row_req(const ars__program *p, int r, int t)
{
    return p->req_row + r * p->T + t;
}
int ars__row_share(const ars__program *p, int r, int i, int t)
{
    return p->share_row ? per_t(p->share_row[p->share_base[r] + i], t) : -1;
}
int ars__row_terminal(const ars__program *p, int prod)
{
    return p->terminal_row ? p->terminal_row[prod] : -1;
}
int ars__row_spend(const ars__program *p, int g, int t)
{
    return p->spend_row < 0 ? -1 : p->spend_row + g * p->T + t;
}
int ars__row_fund(const ars__program *p, int f, int t)
{
    return p->fund_row < 0 ? -1 : p->fund_row + f * p->T + t;
}
int ars__row_swing(const ars__program *p, int l, int t)
{
    return !p->swing_row || t < 1 ? -1 : per_t(p->swing_row[l], t - 1);
}

/* ---------------------------------------------------------------- names */

const char *ars__group_name(const ars__program *p, int g, char *buf, size_t len)
{
    const ars__payee_group *gr = &p->groups[g];
    if (gr->npayees <= 1)
        snprintf(buf, len, "%s", gr->npayees ? ars__payee_id(p->model, gr->payees[0]) : "none");
    else
        snprintf(buf, len, "%s+%d", ars__payee_id(p->model, gr->payees[0]), gr->npayees - 1);
    return buf;
}

static const char *period(const ars__program *p, int t)
{
    return t >= 0 && t < p->T ? p->model->periods[t] : "?";
}

const char *ars__col_name(const ars__program *p, int j, char *buf, size_t len)
{
    const struct ars_model *m = p->model;
    const ars__tag *g;
    const char *fam;
    char grp[160];
    if (j < 0 || j >= p->ncols || !m) {
        snprintf(buf, len, "col%d", j);
        return buf;
    }
    g = &p->col_tag[j];
    fam = ars__col_family_name(g->family);
    switch (g->family) {
    case ARS_COL_X:
        snprintf(buf, len, "x[%s,%s,%s]", m->lines[g->a].id,
                 m->products[m->lines[g->a].produces[g->b].product].id, period(p, g->t));
        break;
    case ARS_COL_E:
    case ARS_COL_EC:
    case ARS_COL_N:
        snprintf(buf, len, "%s[%s,%s]", fam, m->lines[g->a].id, period(p, g->t));
        break;
    case ARS_COL_B:
        snprintf(buf, len, "b[%s,%s]", m->suppliers[g->a].id, period(p, g->t));
        break;
    case ARS_COL_D:
        snprintf(buf, len, "d[%s,%s]", m->drawdowns[g->a].id, period(p, g->t));
        break;
    case ARS_COL_CS:
        snprintf(buf, len, "cs[%s,%s]", m->components[g->a].id, period(p, g->t));
        break;
    case ARS_COL_U:
        snprintf(buf, len, "u[%s,%s,%s]", m->requirements[g->a].id,
                 m->products[m->requirements[g->a].met_by[g->b].product].id, period(p, g->t));
        break;
    case ARS_COL_SH:
        snprintf(buf, len, "sh[%s,%s]", m->requirements[g->a].id, period(p, g->t));
        break;
    case ARS_COL_INV:
    case ARS_COL_RS:
        snprintf(buf, len, "%s[%s,%s]", fam, m->products[g->a].id, period(p, g->t));
        break;
    case ARS_COL_TG:
        snprintf(buf, len, "tg[%s]", m->products[g->a].id);
        break;
    case ARS_COL_PAY:
        snprintf(buf, len, "pay[%s,%s,%s]", m->funds[g->a].id,
                 ars__group_name(p, g->b, grp, sizeof grp), period(p, g->t));
        break;
    case ARS_COL_BANK:
        snprintf(buf, len, "bank[%s,%s]", m->funds[g->a].id, period(p, g->t));
        break;
    case ARS_COL_Z:
        snprintf(buf, len, "z[%s,%s]", m->licences[g->a].id, period(p, g->t));
        break;
    case ARS_COL_UP:
    case ARS_COL_DOWN:
        snprintf(buf, len, "%s[%s,%s]", fam, m->lines[g->a].id, period(p, g->t));
        break;
    default:
        snprintf(buf, len, "col%d", j);
    }
    return buf;
}

const char *ars__row_name(const ars__program *p, int i, char *buf, size_t len)
{
    const struct ars_model *m = p->model;
    const ars__tag *g;
    const char *fam;
    char grp[160];
    if (i < 0 || i >= p->nrows || !m) {
        snprintf(buf, len, "row%d", i);
        return buf;
    }
    g = &p->row_tag[i];
    fam = ars__row_family_name(g->family);
    switch (g->family) {
    case ARS_ROW_CAP:
    case ARS_ROW_RAMP:
    case ARS_ROW_ECUM:
    case ARS_ROW_ESTEP:
        snprintf(buf, len, "%s[%s,%s]", fam, m->lines[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_EXPMAX:
        snprintf(buf, len, "expmax[%s]", m->lines[g->a].id);
        break;
    case ARS_ROW_COMP:
        snprintf(buf, len, "comp[%s,%s]", m->components[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_GATE:
        snprintf(buf, len, "gate[%s,%s,%s]", m->lines[g->a].id,
                 m->products[m->lines[g->a].produces[g->b].product].id, period(p, g->t));
        break;
    case ARS_ROW_GATEC: {
        const ars__produce *pr = &m->lines[g->a].produces[g->b];
        snprintf(buf, len, "gatec[%s,%s,%s,%s]", m->lines[g->a].id, m->products[pr->product].id,
                 m->components[pr->bom[g->c].component].id, period(p, g->t));
        break;
    }
    case ARS_ROW_REVIEW:
        snprintf(buf, len, "review[%s]", m->licences[g->a].id);
        break;
    case ARS_ROW_SLOTS:
        snprintf(buf, len, "slots[%s]", period(p, g->t));
        break;
    case ARS_ROW_WORK:
        snprintf(buf, len, "work[%s,%s]", m->countries[m->workforce[g->a].country].id,
                 period(p, g->t));
        break;
    case ARS_ROW_CORR:
        snprintf(buf, len, "corr[%s,%s]", m->corridors[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_STOCK:
    case ARS_ROW_RESERVE:
        snprintf(buf, len, "%s[%s,%s]", fam, m->products[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_TERMINAL:
        snprintf(buf, len, "terminal[%s]", m->products[g->a].id);
        break;
    case ARS_ROW_DDTOTAL:
        snprintf(buf, len, "ddtotal[%s]", m->drawdowns[g->a].id);
        break;
    case ARS_ROW_REQ:
        snprintf(buf, len, "req[%s,%s]", m->requirements[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_SHARE:
        snprintf(buf, len, "share[%s,%s,%s]", m->requirements[g->a].id,
                 m->products[m->requirements[g->a].met_by[g->b].product].id, period(p, g->t));
        break;
    case ARS_ROW_SPEND:
        snprintf(buf, len, "spend[%s,%s]", ars__group_name(p, g->a, grp, sizeof grp),
                 period(p, g->t));
        break;
    case ARS_ROW_FUND:
        snprintf(buf, len, "fund[%s,%s]", m->funds[g->a].id, period(p, g->t));
        break;
    case ARS_ROW_LEX:
        snprintf(buf, len, "lex");
        break;
    case ARS_ROW_SWING:
        snprintf(buf, len, "swing[%s,%s]", m->lines[g->a].id, period(p, g->t));
        break;
    default:
        snprintf(buf, len, "row%d", i);
    }
    return buf;
}

/* ------------------------------------------------------------ structure */

/* Field by field: the padding inside ars__tag is not compared. */
static int same_tags(const ars__tag *x, const ars__tag *y, int n)
{
    int i;
    for (i = 0; i < n; i++)
        if (x[i].family != y[i].family || x[i].a != y[i].a || x[i].b != y[i].b ||
            x[i].c != y[i].c || x[i].t != y[i].t)
            return 0;
    return 1;
}

int ars__program_same_structure(const ars__program *a, const ars__program *b)
{
    if (!a || !b || a->nrows != b->nrows || a->ncols != b->ncols || a->nnz != b->nnz)
        return 0;
    if (memcmp(a->col_kind, b->col_kind, (size_t)a->ncols) != 0)
        return 0;
    if (memcmp(a->row_start, b->row_start, sizeof(int) * ((size_t)a->nrows + 1)) != 0)
        return 0;
    if (a->nnz && memcmp(a->col_idx, b->col_idx, sizeof(int) * a->nnz) != 0)
        return 0;
    /* Same counts could still tag rows differently (one line fewer, one
     * supplier more); the families must line up for names and explanations
     * to stay right. */
    return same_tags(a->col_tag, b->col_tag, a->ncols) &&
           same_tags(a->row_tag, b->row_tag, a->nrows);
}
