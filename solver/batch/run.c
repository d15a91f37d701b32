/* run.c - ars_study_run: worker threads solve blocks of points, the calling
 * thread records what they finish.
 *
 * Each worker takes whole blocks (consecutive points; batch.h). For a block
 * it creates one session (one built program, GLPK state on this thread),
 * then makes each point's model (one changed number of one item: from the
 * loaded model, path_struct.c; else by applying the compiled paths to a copy
 * of the study's document) and re-solves it in place from the previous basis.
 * A block always starts from a fresh session and solves its points in
 * order, so a point's numbers are the same whichever worker, shard or
 * resumed run solves it; on resume the points of a partly done block that
 * are already recorded are solved again (not recorded) to rebuild the same
 * chain of bases.
 *
 * Rows go through a queue to the calling thread, which adds them to the
 * results and calls on_point and on_progress: the callbacks never run
 * concurrently and never on a worker. */
#include "batch/batch.h"
#include "model/model.h"
#include "model/path.h"
#include "lp/backend.h"
#include "lp/result.h"
#include "lp/verify.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct item {
    struct item *next;
    size_t point;
    const char *status;
    char *error;
    double metrics[]; /* [nmetrics] */
} item;

typedef struct run {
    const ars_study *s;
    const ars_study_run_opts *o;
    const ars_study_results *r; /* read by workers only through `done` below */
    unsigned char *need;        /* [npoints] 1 = solve and record */
    size_t *blocks, nblocks;
    atomic_size_t next_block;
    volatile int stop; /* set by the calling thread; seen by solves */
    /* ars_study_run_opts.stop: the points being solved end with what they
     * have (a MIP keeps its incumbent) and are recorded; no new ones. */
    volatile int wind_down;
    ars_solve_opts sopts;

    pthread_mutex_t mu;
    pthread_cond_t cv;
    item *head, *tail;
    int running; /* workers not finished */

    int fatal; /* a study-level error from a worker (first one kept) */
    ars_error fatal_err;
} run;

void ars_study_run_opts_default(ars_study_run_opts *o)
{
    memset(o, 0, sizeof *o);
    o->progress_interval = 0.25;
    o->solver = ars_solver_default();
}

static void push(run *R, item *it)
{
    pthread_mutex_lock(&R->mu);
    it->next = NULL;
    if (R->tail)
        R->tail->next = it;
    else
        R->head = it;
    R->tail = it;
    /* No wake-up per point: the calling thread polls every few ms, which
     * costs nothing when points come by thousands per second. */
    pthread_mutex_unlock(&R->mu);
}

static void set_fatal(run *R, int code, const ars_error *e)
{
    pthread_mutex_lock(&R->mu);
    if (!R->fatal) {
        R->fatal = code;
        R->fatal_err = *e;
    }
    R->stop = 1;
    pthread_mutex_unlock(&R->mu);
}

static item *new_item(const ars_study *s, size_t point, const char *status, const char *error)
{
    item *it = ars__malloc(sizeof *it + (s->nmetrics ? s->nmetrics : 1) * sizeof(double));
    size_t k;
    if (!it)
        return NULL;
    it->point = point;
    it->status = status;
    it->error = error ? ars__strdup(error) : NULL;
    for (k = 0; k < s->nmetrics; k++)
        it->metrics[k] = NAN;
    return it;
}

/* The row of a solved point. A plan that fails verification (verify.h) is
 * recorded as an error naming the worst residual: its numbers must not be
 * used. */
static item *solved_item(const ars_study *s, size_t i, int rc, const ars_result *res,
                         const ars_error *e)
{
    char name[256], msg[512];
    if (rc != ARS_OK || !res)
        return new_item(s, i, "error", e->message);
    if (ars_result_verified(res) == 0) {
        snprintf(msg, sizeof msg,
                 "the plan does not satisfy the model when recomputed: %s off by %.3g "
                 "(relative %.3g)",
                 ars__residual_name(res, &res->verification.worst_rel, name, sizeof name),
                 res->verification.worst_rel.abs, res->verification.worst_rel.rel);
        return new_item(s, i, "error", msg);
    }
    return new_item(s, i, ars_result_status(res), NULL);
}

static void first_diag(const ars_diag *d, char *out, size_t n)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == ARS_SEV_ERROR) {
            snprintf(out, n, "the changed model is not valid: %s: %s", d->items[i].pointer,
                     d->items[i].message);
            return;
        }
    snprintf(out, n, "the changed model is not valid");
}

/* Makes the model of point i. *out NULL with ARS_OK means the study's own
 * model (a tornado's base point). *overlay 1: *out shares the study's model
 * (path.h ars__path_overlay), free it with ars__path_overlay_free. */
static int make_variant(const ars_study *s, size_t i, ars_model **out, int *overlay, char *msg,
                        size_t msglen)
{
    const char *text[ARS__STUDY_MAX_PARAMS];
    char bufs[ARS__STUDY_MAX_PARAMS][40];
    double num[ARS__STUDY_MAX_PARAMS];
    const ars_model *m = ars__study_model(s);
    cJSON *doc;
    ars_diag diag;
    ars_error e;
    size_t j, napplied = 0, only = 0;
    int rc = ARS_OK;
    *out = NULL;
    *overlay = 0;
    if (s->type == ARS_STUDY_TORNADO && i == 0)
        return ARS_OK;
    /* Text only for grids (pointers to the values, no formatting). */
    ars__study_point(s, i, num, s->type == ARS_STUDY_GRID ? text : NULL, bufs);
    /* One number changed: the point's model without the JSON round trip
     * when path_struct.c can prove it the same (else the full path below,
     * which also gives the loader's error for a bad value). */
    for (j = 0; j < s->nparams; j++)
        if (s->type != ARS_STUDY_TORNADO || (i - 1) / 2 == j) {
            napplied++;
            only = j;
        }
    if (napplied == 1 &&
        (s->type != ARS_STUDY_GRID ||
         (ars__path_is_numeric(s->params[only].compiled) && !isnan(num[only]))) &&
        ars__path_overlay(s->params[only].compiled, m,
                          s->params[only].scale ? ARS__OP_MUL : ARS__OP_SET, num[only], out)) {
        *overlay = 1;
        return ARS_OK;
    }
    doc = cJSON_Duplicate(m->doc, 1);
    if (!doc) {
        snprintf(msg, msglen, "out of memory");
        return ARS_ENOMEM;
    }
    ars_error_clear(&e);
    for (j = 0; j < s->nparams && rc == ARS_OK; j++) {
        const ars__study_param *p = &s->params[j];
        if (s->type == ARS_STUDY_TORNADO && (i - 1) / 2 != j)
            continue;
        if (s->type != ARS_STUDY_GRID || (ars__path_is_numeric(p->compiled) && !isnan(num[j])))
            rc = ars__path_apply_number(p->compiled, doc, p->scale ? ARS__OP_MUL : ARS__OP_SET,
                                        num[j], &e);
        else
            rc = ars__path_apply_text(p->compiled, doc, ARS__OP_SET, text[j], &e);
    }
    if (rc != ARS_OK) {
        cJSON_Delete(doc);
        snprintf(msg, msglen, "%s", e.message);
        return rc;
    }
    ars_diag_init(&diag);
    rc = ars__model_load_doc(doc, NULL, 0, NULL, out, &diag); /* takes doc */
    if (rc == ARS_EINVALID)
        first_diag(&diag, msg, msglen);
    else if (rc != ARS_OK)
        snprintf(msg, msglen, "%s", ars_strerror(rc));
    ars_diag_free(&diag);
    return rc;
}

static void free_variant(ars_model *m, int overlay)
{
    if (overlay)
        ars__path_overlay_free(m);
    else
        ars_model_free(m);
}

/* Fills the metrics of a solved point. Returns ARS_OK, or ARS_ESTUDY when a
 * metric is not in a result that has a plan (the study names a quantity
 * that does not exist: an error of the study, not of the point). */
static int fill_metrics(const ars_study *s, const ars_result *res, item *it, ars_error *err)
{
    cJSON *doc;
    size_t k;
    char msg[300];
    const char *st = ars_result_status(res);
    int has_plan =
        strcmp(st, "optimal") == 0 || strcmp(st, "feasible") == 0 || strcmp(st, "time_limit") == 0;
    /* A sweep point should cost its solve: the usual metrics come from
     * the result itself, the JSON (all of the plan) only when one needs it. */
    for (k = 0; k < s->nmetrics; k++)
        if (!ars__result_metric(res, s->metrics[k].path, &it->metrics[k]))
            break;
    if (k == s->nmetrics)
        return ARS_OK;
    doc = ars_result_to_json(res);
    if (!doc) {
        it->status = "error";
        it->error = ars__strdup("out of memory while reading the result");
        return ARS_OK;
    }
    for (k = 0; k < s->nmetrics; k++) {
        double v;
        if (ars__metric_eval(doc, s->metrics[k].path, ars__study_model(s), &v, msg, sizeof msg) ==
            0)
            it->metrics[k] = v;
        else if (has_plan) {
            cJSON_Delete(doc);
            return ars_error_set(err, ARS_ESTUDY, s->metrics[k].name,
                                 "metric \"%s\" is not in the result: %s (docs/result-json.md "
                                 "lists what a result holds)",
                                 s->metrics[k].name, msg);
        }
    }
    cJSON_Delete(doc);
    return ARS_OK;
}

/* The naive loop benchmarks compare against: the point's assignments as
 * text through ars_model_apply, then a cold ars_solve (build, presolve,
 * solve) with no session and no basis kept. */
static void cold_point(run *R, size_t i)
{
    const ars_study *s = R->s;
    char **sets = NULL;
    size_t nsets = 0;
    ars_model *variant = NULL;
    ars_result *res = NULL;
    ars_diag diag;
    ars_error e;
    item *it;
    int rc;
    char msg[1024];
    if (!R->need[i])
        return; /* no chain to keep: nothing to solve */
    ars_error_clear(&e);
    ars_diag_init(&diag);
    rc = ars_study_point_sets(s, i, &sets, &nsets, &e);
    if (rc == ARS_OK)
        rc = ars_model_apply(ars__study_model(s), (const char *const *)sets, nsets, &variant, &diag,
                             &e);
    ars_study_strings_free(sets, nsets);
    if (rc != ARS_OK) {
        if (rc == ARS_EINVALID)
            first_diag(&diag, msg, sizeof msg);
        else
            snprintf(msg, sizeof msg, "%s", e.message);
        ars_diag_free(&diag);
        if ((it = new_item(s, i, "invalid", msg)) != NULL)
            push(R, it);
        return;
    }
    ars_diag_free(&diag);
    rc = ars_solve(variant, &R->sopts, &res, &e);
    if (rc == ARS_ECANCELLED || R->stop) {
        ars_result_free(res);
        ars_model_free(variant);
        return;
    }
    it = solved_item(s, i, rc, res, &e);
    if (it && rc == ARS_OK && res && fill_metrics(s, res, it, &e) != ARS_OK) {
        ars__free(it->error);
        ars__free(it);
        it = NULL;
        set_fatal(R, e.code, &e);
    }
    if (it)
        push(R, it);
    ars_result_free(res);
    ars_model_free(variant);
}

static void *worker(void *arg)
{
    run *R = arg;
    const ars_study *s = R->s;
    for (;;) {
        size_t bi = atomic_fetch_add(&R->next_block, 1), b, i, end;
        ars_session *sess = NULL;
        if (bi >= R->nblocks || R->stop || R->wind_down)
            break;
        b = R->blocks[bi];
        end = (b + 1) * s->block;
        if (end > s->npoints)
            end = s->npoints;
        /* Past the last point this block needs, the chain has no use. */
        while (end > b * s->block && !R->need[end - 1])
            end--;
        for (i = b * s->block; i < end && !R->stop && !R->wind_down; i++) {
            ars_model *variant = NULL;
            ars_result *res = NULL;
            ars_error e;
            char msg[1024];
            item *it = NULL;
            int rc, overlay = 0;
            ars_error_clear(&e);
            msg[0] = '\0';
            if (R->o->cold) {
                cold_point(R, i);
                continue;
            }
            rc = make_variant(s, i, &variant, &overlay, msg, sizeof msg);
            if (rc != ARS_OK) {
                if (R->need[i])
                    it = new_item(s, i, "invalid", msg);
                if (R->need[i] && !it) {
                    ars_error_set(&e, ARS_ENOMEM, "", "out of memory");
                    set_fatal(R, ARS_ENOMEM, &e);
                }
                if (it)
                    push(R, it);
                continue;
            }
            if (!sess) {
                rc = ars_session_create(ars__study_model(s), &R->sopts, &sess, &e);
                if (rc != ARS_OK) {
                    /* The study's own model cannot be built: nothing will. */
                    free_variant(variant, overlay);
                    set_fatal(R, rc, &e);
                    break;
                }
            }
            rc = ars_session_solve(sess, variant ? variant : ars__study_model(s), &res, NULL, &e);
            if (rc == ARS_ECANCELLED || R->stop) {
                ars_result_free(res);
                free_variant(variant, overlay);
                break; /* not recorded: a resume solves it */
            }
            if (R->need[i]) {
                it = solved_item(s, i, rc, res, &e);
                if (!it) {
                    ars_error_set(&e, ARS_ENOMEM, "", "out of memory");
                    set_fatal(R, ARS_ENOMEM, &e);
                } else if (rc == ARS_OK && res) {
                    int mrc = fill_metrics(s, res, it, &e);
                    if (mrc != ARS_OK) {
                        ars__free(it->error);
                        ars__free(it);
                        it = NULL;
                        set_fatal(R, mrc, &e);
                    }
                }
                if (it)
                    push(R, it);
            }
            ars_result_free(res);
            free_variant(variant, overlay);
            if (rc != ARS_OK) {
                /* After a solver failure the session's GLPK state may be
                 * gone: the next point starts a fresh one. */
                ars_session_free(sess);
                sess = NULL;
            }
        }
        ars_session_free(sess);
    }
    /* GLPK keeps per-thread state; this thread is done with it. */
    ars__backend_thread_cleanup();
    pthread_mutex_lock(&R->mu);
    R->running--;
    pthread_cond_signal(&R->cv);
    pthread_mutex_unlock(&R->mu);
    return NULL;
}

static int cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

int ars_study_run(const ars_study *s, const ars_study_run_opts *o, ars_study_results *r,
                  ars_error *err)
{
    ars_study_run_opts defaults;
    run R;
    pthread_t *threads = NULL;
    size_t i, nb, total = 0, done_before = 0, done_now = 0, failed = 0, todo = 0;
    int nworkers, started = 0, rc = ARS_OK, cb_stop = 0;
    double t0 = ars__now(), last = 0, interval;

    if (!o) {
        ars_study_run_opts_default(&defaults);
        o = &defaults;
    }
    if (r->study != s)
        return ars_error_set(err, ARS_EUSAGE, "results", "the results belong to another study");
    if (o->shard_count > 1 && o->shard_index >= o->shard_count)
        return ars_error_set(err, ARS_EUSAGE, "shard",
                             "shard %u of %u: the index must be below "
                             "the count (0-based)",
                             o->shard_index, o->shard_count);
    memset(&R, 0, sizeof R);
    R.s = s;
    R.o = o;
    R.r = r;
    ars_solve_opts_default(&R.sopts);
    R.sopts.time_limit = o->time_limit > 0 ? o->time_limit : s->time_limit;
    R.sopts.cancel = &R.stop;
    R.sopts.stop = &R.wind_down;
    R.sopts.solver = o->solver;
    /* Explanations (shadow prices, bottlenecks) only when a metric reads
     * them: they are computed for every point. */
    R.sopts.explain = 0;
    for (i = 0; i < s->nmetrics; i++)
        if (strncmp(s->metrics[i].path, "shadow_prices", 13) == 0 ||
            strncmp(s->metrics[i].path, "bottlenecks", 11) == 0 ||
            strncmp(s->metrics[i].path, "degenerate", 10) == 0 ||
            strncmp(s->metrics[i].path, "cost_ranges", 11) == 0)
            R.sopts.explain = 1;
    /* Ranges only when a metric reads them (they cost about a warm solve). */
    R.sopts.ranging = 0;
    for (i = 0; i < s->nmetrics; i++)
        if (strstr(s->metrics[i].path, "range"))
            R.sopts.ranging = 1;
    /* Every point's plan is verified (bench/verify.sh: well under 1% of a
     * solve); one that fails is recorded as an error. */
    R.sopts.verify = 1;

    nb = (s->npoints + s->block - 1) / s->block;
    R.need = ars__calloc(s->npoints ? s->npoints : 1, 1);
    R.blocks = ars__malloc((nb ? nb : 1) * sizeof *R.blocks);
    if (!R.need || !R.blocks) {
        ars__free(R.need);
        ars__free(R.blocks);
        return ars_error_set(err, ARS_ENOMEM, "", "out of memory");
    }
    for (i = 0; i < s->npoints; i++) {
        if (!ars_study_in_shard(s, i, o->shard_index, o->shard_count))
            continue;
        total++;
        if (ars_study_results_has(r, i)) {
            done_before++;
            continue;
        }
        if (o->skip && o->skip[i])
            continue;
        R.need[i] = 1;
        todo++;
    }
    for (i = 0; i < nb; i++) {
        size_t p, end = (i + 1) * s->block < s->npoints ? (i + 1) * s->block : s->npoints;
        for (p = i * s->block; p < end; p++)
            if (R.need[p]) {
                R.blocks[R.nblocks++] = i;
                break;
            }
    }
    atomic_init(&R.next_block, 0);
    nworkers = o->workers > 0 ? o->workers : cores();
    if ((size_t)nworkers > R.nblocks)
        nworkers = (int)R.nblocks;
    interval = o->progress_interval > 0 ? o->progress_interval : 0.25;

    pthread_mutex_init(&R.mu, NULL);
    pthread_cond_init(&R.cv, NULL);
    if (nworkers > 0) {
        threads = ars__calloc((size_t)nworkers, sizeof *threads);
        if (!threads)
            rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
    }
    R.running = 0;
    for (i = 0; rc == ARS_OK && i < (size_t)nworkers; i++) {
        pthread_mutex_lock(&R.mu);
        R.running++;
        pthread_mutex_unlock(&R.mu);
        if (pthread_create(&threads[i], NULL, worker, &R) != 0) {
            pthread_mutex_lock(&R.mu);
            R.running--;
            pthread_mutex_unlock(&R.mu);
            if (started == 0)
                rc = ars_error_set(err, ARS_EINTERNAL, "workers", "cannot start a thread");
            break;
        }
        started++;
    }

    for (;;) {
        item *batch;
        int running;
        struct timespec ts;
        double now;
        pthread_mutex_lock(&R.mu);
        if (!R.head && R.running > 0) {
            double wait = interval < 0.01 ? interval : 0.01;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += (long)(wait * 1e9);
            ts.tv_sec += ts.tv_nsec / 1000000000L;
            ts.tv_nsec %= 1000000000L;
            pthread_cond_timedwait(&R.cv, &R.mu, &ts);
        }
        batch = R.head;
        R.head = R.tail = NULL;
        running = R.running;
        pthread_mutex_unlock(&R.mu);

        if (o->cancel && *o->cancel)
            R.stop = 1;
        if (o->stop && *o->stop)
            R.wind_down = 1;
        while (batch) {
            item *next = batch->next;
            ars_study_row row;
            row.point = batch->point;
            row.status = batch->status;
            row.error = batch->error;
            row.metrics = batch->metrics;
            if (!cb_stop) {
                if (ars_study_results_add(r, &row) != ARS_OK) {
                    rc = ars_error_set(err, ARS_ENOMEM, "", "out of memory");
                    cb_stop = 1;
                    R.stop = 1;
                } else {
                    done_now++;
                    if (strcmp(row.status, "optimal") != 0 && strcmp(row.status, "feasible"))
                        failed++;
                    if (o->on_point && o->on_point(s, &row, o->user) != 0) {
                        /* The caller could not keep the row (a failed
                         * write): stop, it is in r but maybe not on disk. */
                        cb_stop = 1;
                        R.stop = 1;
                        if (rc == ARS_OK)
                            rc = ars_error_set(err, ARS_ECANCELLED, "on_point",
                                               "stopped by the caller after point %zu", row.point);
                    }
                }
            }
            ars__free(batch->error);
            ars__free(batch);
            batch = next;
        }
        now = ars__now();
        if (o->on_progress && (now - last >= interval || running == 0)) {
            ars_study_progress pr;
            pr.done = done_before + done_now;
            pr.total = total;
            pr.failed = failed;
            pr.elapsed = now - t0;
            pr.rate = pr.elapsed > 0 ? (double)done_now / pr.elapsed : 0;
            pr.eta = pr.rate > 0 ? (double)(todo - done_now) / pr.rate : -1;
            o->on_progress(&pr, o->user);
            last = now;
        }
        if (running == 0) {
            pthread_mutex_lock(&R.mu);
            batch = R.head;
            pthread_mutex_unlock(&R.mu);
            if (!batch)
                break;
        }
    }
    for (i = 0; i < (size_t)started; i++)
        pthread_join(threads[i], NULL);
    ars__free(threads);
    pthread_mutex_destroy(&R.mu);
    pthread_cond_destroy(&R.cv);
    ars__free(R.need);
    ars__free(R.blocks);
    if (rc == ARS_OK && R.fatal) {
        if (err)
            *err = R.fatal_err;
        rc = R.fatal;
    }
    if (rc == ARS_OK && ((o->cancel && *o->cancel) || (o->stop && *o->stop)))
        rc = ars_error_set(err, ARS_ECANCELLED, "", "cancelled after %zu of %zu points",
                           done_before + done_now, total);
    return rc;
}
