/* metrics.c - request counters and latency histograms, rendered in the
 * Prometheus text exposition format (version 0.0.4). */
#include "server/server.h"

#include <stdio.h>
#include <string.h>

static const char *const ep_names[ARS__EP_COUNT] = {
    "check",          "solve",        "whatif",  "studies_create", "studies_get",
    "studies_delete", "studies_list", "healthz", "metrics",        "web",
    "models",         "export",       "other"};

/* Upper bounds in seconds; the last bucket is +Inf. */
static const double bounds[ARS__NBUCKETS - 1] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                 0.1,    0.25,  0.5,    1,     2.5,  10};

const char *ars__ep_name(int ep)
{
    if (ep < 0 || ep >= ARS__EP_COUNT)
        return "other";
    return ep_names[ep];
}

void ars__metrics_observe(ars__metrics *m, int ep, int status, double seconds)
{
    int i;
    if (ep < 0 || ep >= ARS__EP_COUNT)
        ep = ARS__EP_OTHER;
    for (i = 0; i < m->ncounts; i++)
        if (m->counts[i].ep == ep && m->counts[i].status == status)
            break;
    if (i == m->ncounts) {
        /* The table has room for every endpoint with a dozen statuses;
         * beyond that a request is counted under the last row. */
        if (m->ncounts < (int)(sizeof m->counts / sizeof m->counts[0])) {
            m->counts[i].ep = ep;
            m->counts[i].status = status;
            m->counts[i].n = 0;
            m->ncounts++;
        } else {
            i = m->ncounts - 1;
        }
    }
    m->counts[i].n++;
    for (i = 0; i < ARS__NBUCKETS - 1; i++)
        if (seconds <= bounds[i])
            break;
    m->hist[ep][i]++;
    m->nobs[ep]++;
    m->sum[ep] += seconds;
}

char *ars__metrics_render(ars__srv *srv, size_t *len)
{
    ars__metrics *m = &srv->metrics;
    ars__buf b;
    int i, ep, queued = 0, running = 0;
    size_t st[5] = {0, 0, 0, 0, 0};
    static const char *const st_names[5] = {"queued", "running", "done", "failed", "cancelled"};
    char num[64];
    ars__buf_init(&b, 0);
    if (srv->pool)
        ars__pool_stats(srv->pool, &queued, &running);
    ars__buf_puts(&b, "# HELP arsenal_http_requests_total HTTP requests by endpoint and status.\n"
                      "# TYPE arsenal_http_requests_total counter\n");
    for (i = 0; i < m->ncounts; i++)
        ars__buf_printf(&b, "arsenal_http_requests_total{endpoint=\"%s\",status=\"%d\"} %llu\n",
                        ars__ep_name(m->counts[i].ep), m->counts[i].status, m->counts[i].n);
    ars__buf_puts(&b, "# HELP arsenal_http_request_duration_seconds Time from the first byte "
                      "of a request to its response.\n"
                      "# TYPE arsenal_http_request_duration_seconds histogram\n");
    for (ep = 0; ep < ARS__EP_COUNT; ep++) {
        unsigned long long cum = 0;
        if (!m->nobs[ep])
            continue;
        for (i = 0; i < ARS__NBUCKETS; i++) {
            cum += m->hist[ep][i];
            if (i < ARS__NBUCKETS - 1)
                ars__fmt_double(num, sizeof num, bounds[i]);
            else
                snprintf(num, sizeof num, "+Inf");
            ars__buf_printf(
                &b,
                "arsenal_http_request_duration_seconds_bucket{endpoint=\"%s\",le=\"%s\"}"
                " %llu\n",
                ars__ep_name(ep), num, cum);
        }
        ars__fmt_double(num, sizeof num, m->sum[ep]);
        ars__buf_printf(&b, "arsenal_http_request_duration_seconds_sum{endpoint=\"%s\"} %s\n",
                        ars__ep_name(ep), num);
        ars__buf_printf(&b, "arsenal_http_request_duration_seconds_count{endpoint=\"%s\"} %llu\n",
                        ars__ep_name(ep), m->nobs[ep]);
    }
    ars__buf_printf(&b,
                    "# HELP arsenal_queue_depth Requests waiting for a solver worker.\n"
                    "# TYPE arsenal_queue_depth gauge\narsenal_queue_depth %d\n"
                    "# HELP arsenal_solves_running Requests being solved now.\n"
                    "# TYPE arsenal_solves_running gauge\narsenal_solves_running %d\n"
                    "# HELP arsenal_workers Solver worker threads.\n"
                    "# TYPE arsenal_workers gauge\narsenal_workers %d\n"
                    "# HELP arsenal_connections_open Open client connections.\n"
                    "# TYPE arsenal_connections_open gauge\narsenal_connections_open %d\n"
                    "# HELP arsenal_connections_total Accepted connections.\n"
                    "# TYPE arsenal_connections_total counter\narsenal_connections_total %llu\n"
                    "# HELP arsenal_connections_rejected_total Connections refused over the cap.\n"
                    "# TYPE arsenal_connections_rejected_total counter\n"
                    "arsenal_connections_rejected_total %llu\n"
                    "# HELP arsenal_timeouts_total Connections closed by a header, body, idle or "
                    "write deadline.\n"
                    "# TYPE arsenal_timeouts_total counter\narsenal_timeouts_total %llu\n"
                    "# HELP arsenal_cancelled_by_disconnect_total Solves cancelled because the "
                    "client went away.\n"
                    "# TYPE arsenal_cancelled_by_disconnect_total counter\n"
                    "arsenal_cancelled_by_disconnect_total %llu\n",
                    queued, running, srv->pool ? srv->pool->started : 0, srv->nconns,
                    m->conns_accepted, m->conns_rejected, m->timeouts, m->cancelled_by_disconnect);
    if (srv->studies) {
        ars__studies_counts(srv->studies, st);
        ars__buf_printf(&b,
                        "# HELP arsenal_study_points_done_total Study points completed.\n"
                        "# TYPE arsenal_study_points_done_total counter\n"
                        "arsenal_study_points_done_total %llu\n",
                        ars__studies_points_done(srv->studies));
        ars__buf_puts(&b, "# HELP arsenal_studies Studies by state.\n"
                          "# TYPE arsenal_studies gauge\n");
        for (i = 0; i < 5; i++)
            ars__buf_printf(&b, "arsenal_studies{state=\"%s\"} %zu\n", st_names[i], st[i]);
    }
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return ars__buf_take(&b);
}
