/* lp.h - the program arsenal builds from a model (model-format.md section 8):
 * rows and columns with bounds, kinds, two objective vectors and a sparse
 * matrix, each row and column tagged with its family and domain indices.
 *
 * This is solver-independent: formulate.c fills it from a model, the backend
 * (backend.h) loads it into GLPK, and explain/verify/what-if read it to name
 * things in domain terms. Indices are 0-based everywhere (rows 0..nrows-1,
 * columns 0..ncols-1, periods 0..T-1).
 *
 * Structure is kept stable for a given model shape: every column exists for
 * every period even where its value is forced to 0 (forced through bounds),
 * and every matrix entry whose coefficient depends on data is kept even when
 * the coefficient is 0 today. Two programs built from models that differ
 * only in numbers therefore have the same rows, columns and pattern, and a
 * session patches bounds, coefficients and objectives in place.
 */
#ifndef ARS_LP_LP_H
#define ARS_LP_LP_H

#include "model/model.h"

#include <stdatomic.h>
#include <stddef.h>

/* Column families (model-format.md section 8 names, plus the two helper
 * families `ec` and `n`). Indices in the column tag (a, b, c, t):
 *   X    x[l,p,t]    a = line, b = slot in lines[a].produces, t
 *   E    e[l,t]      a = line, t                 (lines with expansion only)
 *   EC   ec[l,t]     a = line, t: capacity added by expansions usable in t
 *   N    n[l,t]      a = line, t: number of `step`s ordered (integer; lines
 *                    with expansion.step only); e[l,t] = step n[l,t]
 *   B    b[s,t]      a = supplier, t
 *   D    d[k,t]      a = drawdown, t
 *   CS   cs[m,t]     a = component, t (stock at the end of t)
 *   U    u[r,p,t]    a = requirement, b = slot in requirements[a].met_by, t
 *   SH   sh[r,t]     a = requirement, t
 *   INV  inv[p,t]    a = product, t (theatre stock at the end of t)
 *   RS   rs[p,t]     a = product, t (reserve gap)
 *   TG   tg[p]       a = product (terminal gap; products with terminal > 0 only)
 *   PAY  pay[f,g,t]  a = fund, b = payee group (see below), t
 *   BANK bank[f,t]   a = fund, t (carried money; fixed 0 without carryover)
 *   Z    z[q,t]      a = licence, t (review of q starts in t; binary; only
 *                    pending licences when the model has `licensing`)
 *   UP   up[l,t]     a = line, t >= 1: rise of out[l] from t-1 to t; with
 *   DOWN down[l,t]   its fall, what the variation V sums (objective.smooth
 *                    only; spec 1.1 section 9) */
typedef enum {
    ARS_COL_X = 0,
    ARS_COL_E,
    ARS_COL_EC,
    ARS_COL_N,
    ARS_COL_B,
    ARS_COL_D,
    ARS_COL_CS,
    ARS_COL_U,
    ARS_COL_SH,
    ARS_COL_INV,
    ARS_COL_RS,
    ARS_COL_TG,
    ARS_COL_PAY,
    ARS_COL_BANK,
    ARS_COL_Z,
    ARS_COL_UP,
    ARS_COL_DOWN,
    ARS_COL_NFAMILIES
} ars__col_family;

/* Row families. Indices in the row tag (a, b, c, t), and the constraint:
 *   CAP      cap[l,t]        a = line: sum_p rate x - avail ec <= avail cap
 *   RAMP     ramp[l,t]       a = line: out[t] - (1+ramp) out[t-1] <= floor;
 *                            at t = 0 the row reads out[0] <= (1+ramp)
 *                            output0 + floor, and is free without output0
 *   ECUM     ecum[l,t]       a = line: ec[t] - ec[t-1] - e[t-lead] = 0
 *   EXPMAX   expmax[l]       a = line: sum_t e <= max
 *   ESTEP    estep[l,t]      a = line: e - step n = 0
 *   COMP     comp[m,t]       a = component: cs[t] - cs[t-1] - sum_s b[s,t-lead_s]
 *                            + sum bom x = initial (t = 0) or 0
 *   GATE     gate[l,p,t]     a = line, b = produce slot: the line's own
 *                            licence is reviewed under `licensing`:
 *                            x - U sum_{tau <= t-review} z[q,tau] <= 0
 *   GATEC    gatec[l,p,m,t]  a = line, b = produce slot, c = slot in that
 *                            produce's bom: controlled component covered by
 *                            at least one licence under review scheduling:
 *                            x - U sum_{q in Qz} sum z <= U (number of
 *                            covering licences approved by data in t)
 *   REVIEW   review[q]       a = licence: sum_t z[q,t] <= 1
 *   SLOTS    slots[t]        sum_q slots_q sum_{tau in (t-review_q, t]} z <= review_slots[t]
 *   WORK     work[c,t]       a = workforce entry: sum labor x <= available
 *   CORR     corr[c,t]       a = corridor: sum mass x <= capacity (free when unlimited)
 *   STOCK    stock[p,t]      a = product: inv[t] - inv[t-1] - arrivals + sum_r u
 *                            = initial (t = 0) or 0
 *   RESERVE  reserve[p,t]    a = product: inv + rs >= reserve (0 without one)
 *   TERMINAL terminal[p]     a = product with terminal > 0: inv[p,T-1] + tg >= terminal
 *   DDTOTAL  ddtotal[k]      a = drawdown: sum_t d <= total (free without one)
 *   REQ      req[r,t]        a = requirement: sum effect u + sh = demand
 *   SHARE    share[r,p,t]    a = requirement, b = slot in its met_by (entries with
 *                            max_share < 1 only): effect u <= max_share demand
 *   SPEND    spend[g,t]      a = payee group: sum_f pay[f,g,t] - sum_{j in g}
 *                            spend[j,t] = 0 (only when the model has funds)
 *   FUND     fund[f,t]       a = fund: sum_g pay[f,g,t] + bank[t] - bank[t-1]
 *                            <= amount[t] (bank fixed 0 without carryover, so
 *                            this is pay <= amount)
 *   LEX      lex             S <= S* + tolerance max(1, |S*|) in stage 2 of
 *                            the lexicographic objective; free otherwise
 *   SWING    swing[l,t]      a = line, t >= 1: out[t] - out[t-1] - up + down
 *                            = 0 in the smooth stage; free otherwise
 *                            (objective.smooth only)
 * Bounds carry the rest: supplier capacity (b <= capacity), drawdown
 * availability (d <= available), stock capacity (inv <= capacity), x = 0
 * before `start` or while a licence approved by data is not, e <= max. The
 * shadow price of such a limit is the reduced cost of its column. */
typedef enum {
    ARS_ROW_CAP = 0,
    ARS_ROW_RAMP,
    ARS_ROW_ECUM,
    ARS_ROW_EXPMAX,
    ARS_ROW_ESTEP,
    ARS_ROW_COMP,
    ARS_ROW_GATE,
    ARS_ROW_GATEC,
    ARS_ROW_REVIEW,
    ARS_ROW_SLOTS,
    ARS_ROW_WORK,
    ARS_ROW_CORR,
    ARS_ROW_STOCK,
    ARS_ROW_RESERVE,
    ARS_ROW_TERMINAL,
    ARS_ROW_DDTOTAL,
    ARS_ROW_REQ,
    ARS_ROW_SHARE,
    ARS_ROW_SPEND,
    ARS_ROW_FUND,
    ARS_ROW_LEX,
    ARS_ROW_SWING,
    ARS_ROW_NFAMILIES
} ars__row_family;

typedef enum { ARS_KIND_CONT = 0, ARS_KIND_INT = 1, ARS_KIND_BIN = 2 } ars__col_kind;

/* Family and indices of one row or column; unused indices are -1. */
typedef struct ars__tag {
    unsigned char family;
    int a, b, c, t;
} ars__tag;

/* Payees with the same set of eligible funds share payment variables
 * (model-format.md section 8.11 allows it; the optimum is the same). */
typedef struct ars__payee_group {
    int npayees;
    int *payees; /* payee numbers (model.h numbering), ascending */
    int nfunds;
    int *funds; /* eligible funds, ascending; 0 = the group cannot spend */
} ars__payee_group;

typedef struct ars__program {
    const struct ars_model *model; /* not owned; must outlive the program */
    int T;
    int nrows, ncols;

    /* Columns. Bounds use -HUGE_VAL / HUGE_VAL for "none". */
    ars__tag *col_tag;
    unsigned char *col_kind; /* ars__col_kind (after `relax`) */
    double *col_lb, *col_ub;
    double *obj_s; /* shortfall score S per column */
    double *obj_c; /* discounted cost C per column */

    /* Rows. */
    ars__tag *row_tag;
    double *row_lb, *row_ub;

    /* Matrix by rows (CSR): row i has entries row_start[i] .. row_start[i+1]-1,
     * column indices strictly ascending (no duplicates). Entries whose value
     * is 0 are kept when the coefficient comes from data (see top). */
    int *row_start; /* [nrows+1] */
    int *col_idx;   /* [nnz] */
    double *val;    /* [nnz] */
    size_t nnz;

    int mip; /* 1 when some column is integer or binary */
    int lex_row;

    /* Payee groups (only when the model has funds). */
    int ngroups;
    ars__payee_group *groups;
    int *group_of_payee; /* [npayees] */

    /* Layout, used by the accessors below; -1 where a thing has no columns
     * or rows. */
    int *x_off;  /* [nlines] first x column of line l; x[l,k,t] = x_off[l] + k T + t */
    int *e_off;  /* [nlines] */
    int *ec_off; /* [nlines] */
    int *n_off;  /* [nlines] */
    int b_off, d_off, cs_off, sh_off, inv_off, rs_off, bank_off;
    int *u_off;      /* [nrequirements] u[r,i,t] = u_off[r] + i T + t */
    int *tg_off;     /* [nproducts] tg[p], -1 without a terminal goal */
    int *pay_off;    /* [nfunds * ngroups] pay[f,g,t] = pay_off[f ngroups + g] + t */
    int *z_off;      /* [nlicences] */
    int *up_off;     /* [nlines] up[l,t] = up_off[l] + t - 1, down[l,t] = that + T - 1
                        (t >= 1); NULL without objective.smooth */
    int *cap_row;    /* [nlines] cap[l,t] = cap_row[l] + t */
    int *ramp_row;   /* [nlines] */
    int *ecum_row;   /* [nlines] */
    int *expmax_row; /* [nlines] */
    int *estep_row;  /* [nlines] */
    int comp_row;
    int *gate_row;   /* [nlines] gate[l,k,t] = gate_row[l] + k T + t, -1 none */
    int *gatec_row;  /* [total bom entries] indexed via gatec_base */
    int *gatec_base; /* [nlines] index into gatec_row of line l's first produce */
    int *review_row; /* [nlicences] */
    int slots_row, work_row, corr_row, stock_row, reserve_row, ddtotal_row, req_row;
    int *terminal_row; /* [nproducts] terminal[p], -1 without a terminal goal */
    int *share_base;   /* [nrequirements] index into share_row of r's first met_by slot */
    int *share_row;    /* [met_by entries] share[r,i,t] = share_row[share_base[r] + i] + t */
    int spend_row, fund_row;
    int *swing_row; /* [nlines] swing[l,t] = swing_row[l] + t - 1 (t >= 1); NULL likewise */

    /* Licence approval by data: approved[q T + t] = 1 when licence q is
     * approved and usable in t without a decision (granted from effective,
     * pending without `licensing` from submitted + review). Licences with z
     * columns have 0 here; their approval is sum_{tau <= t-review} z. */
    unsigned char *approved;

    double build_ms;
    atomic_int refs; /* reference count (results and a session share a program) */
} ars__program;

/* Builds the program of model m (formulate.c). On failure returns ARS_ENOMEM
 * or ARS_EINVALID (a non-finite number or bad index, named in err) and *out
 * is NULL. */
int ars__formulate(const struct ars_model *m, ars__program **out, ars_error *err);

/* Reference counting: a new program has one reference; ars__program_unref
 * frees it when the last goes. Both accept NULL. The count is atomic, so a
 * result may be freed on another thread than the session that made it. */
ars__program *ars__program_ref(ars__program *p);
void ars__program_unref(ars__program *p);

/* Column accessors: the column index, or -1 when the thing has no such
 * column (e.g. e of a line without expansion). Arguments are not range
 * checked beyond the family layout: pass valid model indices. k is the slot
 * in lines[l].produces, i the slot in requirements[r].met_by. */
int ars__col_x(const ars__program *p, int l, int k, int t);
int ars__col_e(const ars__program *p, int l, int t);
int ars__col_ec(const ars__program *p, int l, int t);
int ars__col_n(const ars__program *p, int l, int t);
int ars__col_b(const ars__program *p, int s, int t);
int ars__col_d(const ars__program *p, int k, int t);
int ars__col_cs(const ars__program *p, int m, int t);
int ars__col_u(const ars__program *p, int r, int i, int t);
int ars__col_sh(const ars__program *p, int r, int t);
int ars__col_inv(const ars__program *p, int prod, int t);
int ars__col_rs(const ars__program *p, int prod, int t);
int ars__col_tg(const ars__program *p, int prod);
int ars__col_pay(const ars__program *p, int f, int g, int t);
int ars__col_bank(const ars__program *p, int f, int t);
int ars__col_z(const ars__program *p, int q, int t);
int ars__col_up(const ars__program *p, int l, int t);
int ars__col_down(const ars__program *p, int l, int t);

/* Row accessors, same conventions; j is the slot in the produce's bom. */
int ars__row_cap(const ars__program *p, int l, int t);
int ars__row_ramp(const ars__program *p, int l, int t);
int ars__row_ecum(const ars__program *p, int l, int t);
int ars__row_expmax(const ars__program *p, int l);
int ars__row_estep(const ars__program *p, int l, int t);
int ars__row_comp(const ars__program *p, int m, int t);
int ars__row_gate(const ars__program *p, int l, int k, int t);
int ars__row_gatec(const ars__program *p, int l, int k, int j, int t);
int ars__row_review(const ars__program *p, int q);
int ars__row_slots(const ars__program *p, int t);
int ars__row_work(const ars__program *p, int w, int t);
int ars__row_corr(const ars__program *p, int c, int t);
int ars__row_stock(const ars__program *p, int prod, int t);
int ars__row_reserve(const ars__program *p, int prod, int t);
int ars__row_ddtotal(const ars__program *p, int k);
int ars__row_req(const ars__program *p, int r, int t);
int ars__row_share(const ars__program *p, int r, int i, int t);
int ars__row_terminal(const ars__program *p, int prod);
int ars__row_spend(const ars__program *p, int g, int t);
int ars__row_fund(const ars__program *p, int f, int t);
int ars__row_swing(const ars__program *p, int l, int t);

/* Readable names (`cap[rhm_ua,2025Q3]`, `x[rhm_ua,shell_155,2025Q3]`),
 * truncated to fit buf (GLPK accepts at most 255 characters). Return buf. */
const char *ars__col_name(const ars__program *p, int j, char *buf, size_t len);
const char *ars__row_name(const ars__program *p, int i, char *buf, size_t len);
/* Family names: "x", "cap", ... */
const char *ars__col_family_name(int family);
const char *ars__row_family_name(int family);

/* Name of a payee group: the payee id when it has one payee, otherwise the
 * first payee id followed by "+N" (N more). */
const char *ars__group_name(const ars__program *p, int g, char *buf, size_t len);

/* 1 when a and b have the same rows, columns, kinds and matrix pattern, so
 * that b can be patched into a solver loaded with a. */
int ars__program_same_structure(const ars__program *a, const ars__program *b);

/* Fills col_lb/col_ub [ncols] and row_lb/row_ub [nrows] with p's bounds as
 * they would be were licence q approved by data from period `from` on (0:
 * the whole horizon) and its review decisions, if any, fixed at 0: what a
 * licence is worth (licence_value.c) is then a warm re-solve with these
 * bounds, on the same structure. ARS_ENOMEM or ARS_OK. */
int ars__program_licence_bounds(const ars__program *p, int q, int from, double *col_lb,
                                double *col_ub, double *row_lb, double *row_ub);

#endif /* ARS_LP_LP_H */
