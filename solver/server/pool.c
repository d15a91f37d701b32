/* pool.c - the solver worker pool: our own threads with a bounded queue, so
 * that solves never share libuv's pool (which fs and DNS work also use) and
 * the queue depth is ours to cap. Finished jobs go back to the loop through
 * one uv_async_t. */
#include "server/server.h"

#include <string.h>

void ars__job_free(ars__job *j)
{
    if (!j)
        return;
    ars__free(j->body);
    ars__resp_clear(&j->resp);
    ars__free(j);
}

static void finish(ars__pool *p, ars__job *j)
{
    /* Called with p->mu held. */
    j->next = NULL;
    if (p->done_tail)
        p->done_tail->next = j;
    else
        p->done_head = j;
    p->done_tail = j;
}

static void remove_running(ars__pool *p, ars__job *j)
{
    ars__job **pp;
    for (pp = &p->running; *pp; pp = &(*pp)->next)
        if (*pp == j) {
            *pp = j->next;
            break;
        }
    p->nrunning--;
}

static void *worker_main(void *arg)
{
    ars__pool *p = arg;
    for (;;) {
        ars__job *j;
        pthread_mutex_lock(&p->mu);
        while (!p->qhead && !p->stopping)
            pthread_cond_wait(&p->cv, &p->mu);
        if (!p->qhead) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        j = p->qhead;
        p->qhead = j->next;
        if (!p->qhead)
            p->qtail = NULL;
        p->qlen--;
        j->next = p->running;
        p->running = j;
        p->nrunning++;
        pthread_mutex_unlock(&p->mu);

        if (j->cancel)
            ars__resp_error(&j->resp, 503, "cancelled", NULL, -1,
                            "the request was cancelled before it started");
        else
            j->run(j);

        pthread_mutex_lock(&p->mu);
        remove_running(p, j);
        finish(p, j);
        pthread_mutex_unlock(&p->mu);
        uv_async_send(&p->async);
    }
    return NULL;
}

static void on_async(uv_async_t *a)
{
    ars__pool *p = a->data;
    ars__job *list;
    pthread_mutex_lock(&p->mu);
    list = p->done_head;
    p->done_head = p->done_tail = NULL;
    pthread_mutex_unlock(&p->mu);
    while (list) {
        ars__job *j = list;
        list = j->next;
        j->next = NULL;
        j->done(j);
    }
}

int ars__pool_start(ars__pool *p, uv_loop_t *loop, int nthreads, int qmax)
{
    int i, rc;
    memset(p, 0, sizeof *p);
    p->qmax = qmax;
    if (pthread_mutex_init(&p->mu, NULL) != 0)
        return -1;
    if (pthread_cond_init(&p->cv, NULL) != 0) {
        pthread_mutex_destroy(&p->mu);
        return -1;
    }
    rc = uv_async_init(loop, &p->async, on_async);
    if (rc != 0) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
        return -1;
    }
    p->async.data = p;
    p->async_open = 1;
    p->threads = ars__calloc((size_t)nthreads, sizeof *p->threads);
    if (!p->threads)
        return -1;
    p->nthreads = nthreads;
    for (i = 0; i < nthreads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0)
            return -1;
        p->started++;
    }
    return 0;
}

int ars__pool_submit(ars__pool *p, ars__job *j)
{
    pthread_mutex_lock(&p->mu);
    /* Waiting jobs beyond qmax are refused; a job goes straight to an idle
     * worker when one is free, so the queue only holds what waits. */
    if (p->qlen >= p->qmax + (p->started - p->nrunning)) {
        pthread_mutex_unlock(&p->mu);
        return -1;
    }
    j->next = NULL;
    if (p->qtail)
        p->qtail->next = j;
    else
        p->qhead = j;
    p->qtail = j;
    p->qlen++;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return 0;
}

void ars__pool_cancel_all(ars__pool *p, int shutdown)
{
    ars__job *j;
    pthread_mutex_lock(&p->mu);
    for (j = p->qhead; j; j = j->next) {
        j->shutdown_cancel = shutdown;
        j->cancel = 1;
    }
    for (j = p->running; j; j = j->next) {
        j->shutdown_cancel = shutdown;
        j->cancel = 1;
    }
    pthread_mutex_unlock(&p->mu);
}

void ars__pool_stats(ars__pool *p, int *queued, int *running)
{
    pthread_mutex_lock(&p->mu);
    *queued = p->qlen;
    *running = p->nrunning;
    pthread_mutex_unlock(&p->mu);
}

void ars__pool_stop(ars__pool *p)
{
    int i;
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    for (i = 0; i < p->started; i++)
        pthread_join(p->threads[i], NULL);
    ars__free(p->threads);
    p->threads = NULL;
    p->started = 0;
    /* Jobs that finished after the last async callback. */
    on_async(&p->async);
    if (p->async_open) {
        uv_close((uv_handle_t *)&p->async, NULL);
        p->async_open = 0;
    }
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
}
