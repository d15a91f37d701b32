/* test_solve_backend.c - the solver interface on hand-built programs:
 * status mapping (infeasible and unbounded are unreachable from a valid
 * model, see test_solve_families.c), time limit on a hard MIP, cancel,
 * recovery from a fatal GLPK error, and silence on stdout. */
#include "solve_helpers.h"

#include "util/util.h"

#include <pthread.h>
#include <unistd.h>

/* A program of n columns and nr rows in dense form a[i*n + j]. */
static ars__program *hand_program(int nr, int n, const double *a, const double *rlb,
                                  const double *rub, const double *obj, int kind)
{
    ars__program *p = ars__calloc(1, sizeof *p);
    int i, j, k = 0;
    atomic_init(&p->refs, 1);
    p->nrows = nr;
    p->ncols = n;
    p->col_tag = ars__calloc((size_t)n, sizeof(ars__tag));
    p->col_kind = ars__calloc((size_t)n, 1);
    p->col_lb = ars__calloc((size_t)n, sizeof(double));
    p->col_ub = ars__calloc((size_t)n, sizeof(double));
    p->obj_s = ars__calloc((size_t)n, sizeof(double));
    p->obj_c = ars__calloc((size_t)n, sizeof(double));
    p->row_tag = ars__calloc((size_t)nr, sizeof(ars__tag));
    p->row_lb = ars__calloc((size_t)nr, sizeof(double));
    p->row_ub = ars__calloc((size_t)nr, sizeof(double));
    p->row_start = ars__calloc((size_t)nr + 1, sizeof(int));
    p->col_idx = ars__calloc((size_t)(nr * n), sizeof(int));
    p->val = ars__calloc((size_t)(nr * n), sizeof(double));
    for (j = 0; j < n; j++) {
        p->col_kind[j] = (unsigned char)kind;
        p->col_ub[j] = kind == ARS_KIND_BIN ? 1 : HUGE_VAL;
        p->obj_s[j] = obj[j];
        if (kind != ARS_KIND_CONT)
            p->mip = 1;
    }
    for (i = 0; i < nr; i++) {
        p->row_lb[i] = rlb[i];
        p->row_ub[i] = rub[i];
        p->row_start[i] = k;
        for (j = 0; j < n; j++)
            if (a[i * n + j] != 0) {
                p->col_idx[k] = j;
                p->val[k++] = a[i * n + j];
            }
    }
    p->row_start[nr] = k;
    p->nnz = (size_t)k;
    p->lex_row = -1;
    return p;
}

static int solve_hand(ars__program *p, double time_limit, volatile int *cancel)
{
    ars__backend *b = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    ars_error err;
    int rc;
    memset(&prm, 0, sizeof prm);
    prm.time_limit = time_limit;
    prm.cancel = cancel;
    rc = ars__backend_load(p, 0, &b, &err);
    ASSERT_INT_EQ(rc, ARS_OK);
    if (rc)
        return -1;
    rc = p->mip ? ars__backend_solve_mip(b, &prm, &info, &err)
                : ars__backend_solve_lp(b, &prm, &info, &err);
    ASSERT_INT_EQ(rc, ARS_OK);
    ars__backend_free(b);
    return info.status;
}

static void test_infeasible_unbounded(void)
{
    /* x >= 0 and x <= -1: infeasible. */
    double a1[] = {1}, lo1[] = {-HUGE_VAL}, up1[] = {-1}, obj1[] = {1};
    /* min -x - y, x - y <= 1, x, y >= 0: unbounded along x = y. */
    double a2[] = {1, -1}, lo2[] = {-HUGE_VAL}, up2[] = {1}, obj2[] = {-1, -1};
    /* min x + y with x + y >= 2.5, integers: optimal 3. */
    double a3[] = {1, 1}, lo3[] = {2.5}, up3[] = {HUGE_VAL}, obj3[] = {1, 1};
    ars__program *p = hand_program(1, 1, a1, lo1, up1, obj1, ARS_KIND_CONT);
    ASSERT_STR_EQ(ars__status_name(solve_hand(p, 0, NULL)), "infeasible");
    ars__program_unref(p);
    p = hand_program(1, 2, a2, lo2, up2, obj2, ARS_KIND_CONT);
    ASSERT_STR_EQ(ars__status_name(solve_hand(p, 0, NULL)), "unbounded");
    ars__program_unref(p);
    p = hand_program(1, 1, a1, lo1, up1, obj1, ARS_KIND_INT);
    ASSERT_STR_EQ(ars__status_name(solve_hand(p, 0, NULL)), "infeasible");
    ars__program_unref(p);
    p = hand_program(1, 2, a3, lo3, up3, obj3, ARS_KIND_INT);
    {
        ars__backend *b = NULL;
        ars__solve_params prm;
        ars__solve_info info;
        ars_error err;
        double x[2];
        memset(&prm, 0, sizeof prm);
        ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
        ASSERT_INT_EQ(ars__backend_solve_mip(b, &prm, &info, &err), ARS_OK);
        ASSERT_STR_EQ(ars__status_name(info.status), "optimal");
        ASSERT_INT_EQ(ars__backend_primal(b, 1, x, NULL, &err), ARS_OK);
        ASSERT_NEAR(x[0] + x[1], 3, 1e-9);
        ars__backend_free(b);
    }
    ars__program_unref(p);
}

static void *cancel_later(void *flag)
{
    usleep(300000);
    *(volatile int *)flag = 1;
    return NULL;
}

/* A market-split instance (Cornuejols and Dawande): 4 equality rows over 30
 * binaries with coefficients in 0..99 and right-hand sides of half the row
 * sums; branch and bound needs far longer than the limit. */
static void test_time_limit_and_cancel(void)
{
    enum { NR = 4, N = 30 };
    double a[NR * N], lo[NR], up[NR], obj[N];
    unsigned long s = 12345;
    int i, j, st;
    double t0;
    volatile int stop = 1;
    ars__program *p;
    for (i = 0; i < NR; i++) {
        double sum = 0;
        for (j = 0; j < N; j++) {
            s = s * 6364136223846793005UL + 1442695040888963407UL;
            a[i * N + j] = (double)((s >> 33) % 100);
            sum += a[i * N + j];
        }
        lo[i] = up[i] = floor(sum / 2);
    }
    for (j = 0; j < N; j++)
        obj[j] = 0;
    p = hand_program(NR, N, a, lo, up, obj, ARS_KIND_BIN);
    t0 = ars__now();
    st = solve_hand(p, 0.2, NULL);
    /* No incumbent within 0.2 s: time_limit; should one be found, feasible. */
    ASSERT_TRUE(st == ARS_ST_TIME_LIMIT || st == ARS_ST_FEASIBLE);
    ASSERT_TRUE(ars__now() - t0 < 30);
    /* A cancel flag already set stops the MIP before any work. */
    ASSERT_STR_EQ(ars__status_name(solve_hand(p, 0, &stop)), "cancelled");
    /* One set by another thread 0.3 s into an unlimited search stops it
     * within seconds (CBC: through its cut callback). */
    {
        pthread_t th;
        volatile int later = 0;
        ASSERT_INT_EQ(pthread_create(&th, NULL, cancel_later, (void *)&later), 0);
        t0 = ars__now();
        ASSERT_STR_EQ(ars__status_name(solve_hand(p, 0, &later)), "cancelled");
        ASSERT_TRUE(ars__now() - t0 < 10);
        pthread_join(th, NULL);
    }
    ars__program_unref(p);

    /* Through ars_solve: ARS_ECANCELLED and no result. */
    {
        ars_model *m = load_model("tests/models/capacity.json");
        ars_solve_opts o;
        ars_result *r = NULL;
        ars_error err;
        ars_solve_opts_default(&o);
        o.cancel = &stop;
        ASSERT_INT_EQ(ars_solve(m, &o, &r, &err), ARS_ECANCELLED);
        ASSERT_TRUE(r == NULL);
        ars_model_free(m);
    }
}

/* The stop flag (a first Ctrl-C) ends branch-and-cut keeping the
 * incumbent. By hand: max 1.1 x0 + x1 + 1.2 x2 (minimise the negative)
 * over binaries with 2 x0 + 2 x1 + 2 x2 <= 3. The root relaxation is
 * fractional (x2 = 1, x0 = 0.5: bound -1.75), so branch-and-cut runs; the
 * start (1, 0, 0) has objective -1.1, so the incumbent is at most -1.1 and
 * the gap at the stop at most |-1.1 - -1.75| / 1.1 = 0.5909.
 * Without a start there is no incumbent: cancelled, and `stopped` says the
 * stop flag did it. */
static void test_stop_keeps_incumbent(void)
{
    double a[3] = {2, 2, 2}, lo[1] = {-HUGE_VAL}, up[1] = {3}, obj[3] = {-1.1, -1, -1.2};
    double start[3] = {1, 0, 0}, x[3];
    volatile int stop = 1;
    ars__program *p = hand_program(1, 3, a, lo, up, obj, ARS_KIND_BIN);
    ars__backend *b = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    ars_error err;
    int j;
    for (j = 0; j < 3; j++)
        p->col_ub[j] = 1;
    memset(&prm, 0, sizeof prm);
    prm.stop = &stop;
    prm.mip_start = start;
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_solve_mip(b, &prm, &info, &err), ARS_OK);
    ASSERT_STR_EQ(ars__status_name(info.status), "feasible");
    ASSERT_INT_EQ(info.stopped, 1);
    ASSERT_TRUE(info.objective <= -1.1 + 1e-9);
    /* CBC shows no bound at a stop (clp_backend.c): its gap is not known. */
    if (ars__backend_solver(b) == ARS_SOLVER_CLP)
        ASSERT_TRUE(isnan(info.mip_gap));
    else
        ASSERT_TRUE(info.mip_gap > 0 && info.mip_gap <= 0.65 / 1.1 + 1e-9);
    ASSERT_INT_EQ(ars__backend_primal(b, 1, x, NULL, &err), ARS_OK);
    ASSERT_NEAR(x[0] + x[1] + x[2], 1, 1e-9);
    ars__backend_free(b);
    b = NULL;
    prm.mip_start = NULL;
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_solve_mip(b, &prm, &info, &err), ARS_OK);
    ASSERT_STR_EQ(ars__status_name(info.status), "cancelled");
    ASSERT_INT_EQ(info.stopped, 1);
    ars__backend_free(b);
    ars__program_unref(p);
}

static void test_error_hook_recovery(void)
{
    double a[] = {1}, lo[] = {-HUGE_VAL}, up[] = {4}, obj[] = {-1};
    ars__program *p = hand_program(1, 1, a, lo, up, obj, ARS_KIND_CONT);
    ars__backend *b = NULL, *other = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    ars_error err;
    char path[] = "/tmp/ars_stdout_XXXXXX";
    int fd = mkstemp(path), saved = dup(1);
    ars_model *m = load_model("tests/models/capacity.json");
    ars_result *r;
    memset(&prm, 0, sizeof prm);
    ASSERT_TRUE(fd >= 0 && saved >= 0);
    fflush(stdout);
    dup2(fd, 1); /* everything GLPK might print now lands in the file */

    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_load(p, 0, &other, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_provoke_fault(b, &err), ARS_ESOLVER);
    ASSERT_CONTAINS(err.message, ars__backend_solver(b) == ARS_SOLVER_GLPK ? "GLPK failed"
                                                                           : "CLP simplex failed");
    ASSERT_TRUE(ars__backend_dead(b));
    ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &info, &err), ARS_ESOLVER);
    if (ars__backend_solver(b) == ARS_SOLVER_GLPK) {
        /* glp_add_cols(P, 0) is fatal in GLPK: the hook must catch it. */
        /* Every problem of the thread went with the environment. */
        ASSERT_TRUE(ars__backend_dead(other));
        ASSERT_INT_EQ(ars__backend_solve_lp(other, &prm, &info, &err), ARS_ESOLVER);
    } else {
        /* A NaN objective put into CLP: an error, not a status; CLP keeps
         * no shared state, so the other problem solves (max x, x <= 4). */
        ASSERT_TRUE(!ars__backend_dead(other));
        ASSERT_INT_EQ(ars__backend_solve_lp(other, &prm, &info, &err), ARS_OK);
        ASSERT_STR_EQ(ars__status_name(info.status), "optimal");
        ASSERT_NEAR(info.objective, -4, 1e-9);
    }
    ars__backend_free(b);
    ars__backend_free(other);
    if (ars_solver_default() == ARS_SOLVER_CLP) {
        /* An objective coefficient that Debian's CLP and CBC would abort
         * on (an assertion at 1e25) is refused, naming the column. */
        double big[1] = {1e26};
        ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
        ASSERT_INT_EQ(ars__backend_set_objective(b, big, &err), ARS_EINVALID);
        ASSERT_CONTAINS(err.message, "column 0");
        ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &info, &err), ARS_OK);
        ASSERT_STR_EQ(ars__status_name(info.status), "optimal");
        ars__backend_free(b);
    }

    /* The next solve on this thread works: capacity.json, S = 8.5. */
    r = solve_model(m);
    ASSERT_STR_EQ(ars_result_status(r), "optimal");
    ASSERT_NEAR(ars_result_shortfall(r), 8.5, 1e-6);
    ars_result_free(r);

    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    ASSERT_INT_EQ(lseek(fd, 0, SEEK_END), 0); /* nothing reached stdout */
    close(fd);
    unlink(path);
    ars__program_unref(p);
    ars_model_free(m);
}

static void test_bad_numbers_refused(void)
{
    /* A NaN bound would make GLPK report "optimal" with a NaN objective:
     * refused before it gets there, naming the column. */
    double a[] = {1}, lo[] = {-HUGE_VAL}, up[] = {4}, obj[] = {1};
    ars__program *p = hand_program(1, 1, a, lo, up, obj, ARS_KIND_CONT);
    ars__backend *b = NULL;
    ars_error err;
    p->col_ub[0] = NAN;
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_EINVALID);
    ASSERT_TRUE(b == NULL);
    p->col_ub[0] = 1;
    p->col_lb[0] = 2; /* lb > ub */
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_EINVALID);
    ars__program_unref(p);
}

/* Ranging where GLPK's glp_analyze_* would raise a fatal error: before any
 * solve, with a variable out of range, on a basic variable (bounds) and on a
 * non-basic one (costs). Each is refused or answered without harm, and the
 * backend stays alive for the optimum that follows. By hand for
 * min x + 2y, x + y >= 3, x <= 2: x = 2, y = 1; the row's right-hand side 3
 * keeps that basis from 2 (y reaches 0) up, and x's cost keeps it up to 2
 * (then y is as cheap). */
static void test_ranging_never_aborts(void)
{
    double a[] = {1, 1}, lo[] = {3}, up[] = {HUGE_VAL}, obj[] = {1, 2};
    ars__program *p = hand_program(1, 2, a, lo, up, obj, ARS_KIND_CONT);
    ars__backend *b = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    ars_error err;
    int row = 0, cols[2] = {0, 1}, bad = 5;
    double l[2], h[2];
    p->col_ub[0] = 2;
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_range_bounds(b, 1, &row, l, h, &err), ARS_ESOLVER);
    ASSERT_INT_EQ(ars__backend_range_costs(b, 2, cols, l, h, &err), ARS_ESOLVER);
    ASSERT_INT_EQ(ars__backend_range_bounds(b, 1, &bad, l, h, &err), ARS_EINTERNAL);
    ASSERT_TRUE(!ars__backend_dead(b));
    memset(&prm, 0, sizeof prm);
    ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &info, &err), ARS_OK);
    ASSERT_STR_EQ(ars__status_name(info.status), "optimal");
    ASSERT_INT_EQ(ars__backend_range_bounds(b, 1, &row, l, h, &err), ARS_OK);
    ASSERT_NEAR(l[0], 2, 1e-9);
    ASSERT_TRUE(h[0] == HUGE_VAL);
    /* x non-basic at its upper bound 2, y basic */
    ASSERT_INT_EQ(ars__backend_range_costs(b, 2, cols, l, h, &err), ARS_OK);
    ASSERT_TRUE(l[0] == -HUGE_VAL);
    ASSERT_NEAR(h[0], 2, 1e-9);
    ASSERT_NEAR(l[1], 1, 1e-9);
    ASSERT_TRUE(h[1] == HUGE_VAL);
    /* a basic column's bound has no range: NaN, not a fatal error */
    cols[0] = p->nrows + 1;
    ASSERT_INT_EQ(ars__backend_range_bounds(b, 1, cols, l, h, &err), ARS_OK);
    ASSERT_TRUE(isnan(l[0]) && isnan(h[0]));
    ASSERT_TRUE(!ars__backend_dead(b));
    ars__backend_free(b);
    ars__program_unref(p);
}

/* A cold solve given a warm-up objective (the shortfall stage's start,
 * solve.c) counts the warm-up's pivots too: the session's stall budgets
 * are fractions of a cold run's pivots. With CLP the warm-up is a dual
 * simplex of its own, and the count of that same solve run alone is a
 * lower bound (before, Clp_primal's restarted count dropped it); the
 * objective proper then starts at the warm-up's optimum.
 * GLPK ignores the warm-up. The LP: x + y + z >= 4, x + 2y >= 3,
 * y + 3z >= 5, 2x + z <= 9, all >= 0; the warm-up is min x + y + z, the
 * objective min 2x + y + 2z. */
static void test_warmup_pivots_counted(void)
{
    double a[] = {1, 1, 1, 1, 2, 0, 0, 1, 3, 2, 0, 1};
    double lo[] = {4, 3, 5, -HUGE_VAL}, up[] = {HUGE_VAL, HUGE_VAL, HUGE_VAL, 9};
    double warm_obj[] = {1, 1, 1}, obj[] = {2, 1, 2};
    ars__program *p = hand_program(4, 3, a, lo, up, obj, ARS_KIND_CONT);
    ars__backend *b = NULL;
    ars__solve_params prm;
    ars__solve_info alone, with;
    ars_error err;
    if (ars_solver_default() != ARS_SOLVER_CLP) {
        ars__program_unref(p);
        return;
    }
    memset(&prm, 0, sizeof prm);
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_set_objective(b, warm_obj, &err), ARS_OK);
    prm.stage = ARS_STAGE_WEIGHTED;
    ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &alone, &err), ARS_OK);
    ASSERT_INT_EQ(ars__backend_set_objective(b, obj, &err), ARS_OK);
    prm.stage = ARS_STAGE_SHORTFALL;
    prm.warmup = warm_obj;
    ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &with, &err), ARS_OK);
    ASSERT_STR_EQ(ars__status_name(alone.status), "optimal");
    ASSERT_STR_EQ(ars__status_name(with.status), "optimal");
    /* By hand: x + y + z = 4 is reachable (y = 4 - t, z = t, t >= 1/2); the
     * objective is then y + 2z = 4 + t, least at t = 1/2. */
    ASSERT_NEAR(alone.objective, 4, 1e-9);
    ASSERT_NEAR(with.objective, 4.5, 1e-9);
    ASSERT_TRUE(alone.iterations > 0);
    ASSERT_TRUE(with.iterations >= alone.iterations);
    ars__backend_free(b);
    ars__program_unref(p);
}

/* Money-sized numbers (bounds of billions, costs of millions, as fund
 * amounts and shortfall weights are): CLP solves them with the rim scaled
 * by powers of two (clp_backend.c), and the answer must come back in the
 * model's own units, cold and warm. By hand: min 1e6 x + 2e6 y subject to
 * x + y >= 3e9, x <= 2e9 (a row), x, y >= 0. The cheaper x goes to its
 * limit, y covers the rest: x = 2e9, y = 1e9, 4e15. Duals: y basic gives
 * pi0 = 2e6; x basic with both rows tight, 1e6 = pi0 + pi1, pi1 = -1e6;
 * reduced costs 0. Then x + y >= 4e9, warm by dual simplex: y = 2e9,
 * 2e15 + 4e15 = 6e15, the same duals. */
static void test_money_sized_numbers(void)
{
    const double a[] = {1, 1, 1, 0}, rlb[] = {3e9, -HUGE_VAL}, rub[] = {HUGE_VAL, 2e9},
                 obj[] = {1e6, 2e6};
    ars__program *p = hand_program(2, 2, a, rlb, rub, obj, ARS_KIND_CONT);
    ars__backend *b = NULL;
    ars__solve_params prm;
    ars__solve_info info;
    ars_error err;
    double x[2], act[2], pi[2], d[2], lo = 4e9, up = HUGE_VAL;
    int row = 0, pass;
    memset(&prm, 0, sizeof prm);
    ASSERT_INT_EQ(ars__backend_load(p, 0, &b, &err), ARS_OK);
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            ASSERT_INT_EQ(ars__backend_set_row_bounds(b, 1, &row, &lo, &up, &err), ARS_OK);
            prm.warm = prm.dual = 1;
        }
        ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &info, &err), ARS_OK);
        ASSERT_INT_EQ(info.status, ARS_ST_OPTIMAL);
        ASSERT_NEAR(info.objective, pass ? 6e15 : 4e15, 1);
        ASSERT_INT_EQ(ars__backend_primal(b, 0, x, act, &err), ARS_OK);
        ASSERT_NEAR(x[0], 2e9, 1e-6);
        ASSERT_NEAR(x[1], pass ? 2e9 : 1e9, 1e-6);
        ASSERT_NEAR(act[0], pass ? 4e9 : 3e9, 1e-6);
        ASSERT_NEAR(act[1], 2e9, 1e-6);
        ASSERT_INT_EQ(ars__backend_duals(b, pi, d, &err), ARS_OK);
        ASSERT_NEAR(pi[0], 2e6, 1e-6);
        ASSERT_NEAR(pi[1], -1e6, 1e-6);
        ASSERT_NEAR(d[0], 0, 1e-6);
        ASSERT_NEAR(d[1], 0, 1e-6);
    }
    /* the model keeps its own bounds: the row is back where it was set */
    ASSERT_INT_EQ(ars__backend_solve_lp(b, &prm, &info, &err), ARS_OK);
    ASSERT_NEAR(info.objective, 6e15, 1);
    ars__backend_free(b);
    ars__program_unref(p);
}

int main(void)
{
    RUN_TEST(test_infeasible_unbounded);
    RUN_TEST(test_time_limit_and_cancel);
    RUN_TEST(test_stop_keeps_incumbent);
    RUN_TEST(test_error_hook_recovery);
    RUN_TEST(test_bad_numbers_refused);
    RUN_TEST(test_ranging_never_aborts);
    RUN_TEST(test_warmup_pivots_counted);
    RUN_TEST(test_money_sized_numbers);
    TEST_EXIT();
}
