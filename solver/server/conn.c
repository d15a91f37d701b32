/* conn.c - the libuv side of `arsenal serve`: the listener, connections with
 * header/body/idle/write deadlines, keep-alive and pipelining, the access
 * log, signals and graceful shutdown.
 *
 * A connection reads into one fixed buffer and parses one request at a time;
 * while that request is being answered it keeps reading only until the
 * buffer is full (so a client that pipelines without reading cannot grow
 * our memory). An end of stream after a complete request is a half-close:
 * the answer is still sent (probe_peer tells a client that left, whose
 * solve is then cancelled).
 * Connection memory is freed only when both the handle's close callback has
 * run and no job refers to it (libuv's rule, plus a reference count).
 * With TLS, the bytes pass through tls.c on their way in and out (tls_in,
 * tls_pull and send_bytes); everything else sees plaintext only. */
#include "server/server.h"
#include "server/tls.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define IN_CAP 65536
#define LINGER_SECONDS 2.0
#define SWEEP_MS 50

enum { C_IDLE, C_READING, C_BUSY, C_LINGER, C_CLOSING };

typedef struct net net;

typedef struct conn {
    uv_tcp_t tcp; /* first, so the handle pointer is the connection */
    net *n;
    struct conn *prev, *next;
    int refs; /* the handle, plus a job in flight */
    int state;
    int reading;
    ars__hp hp;
    char *in;
    size_t in_len;
    double deadline; /* loop seconds; 0 = none */
    ars__job *job;
    int close_after;
    int early; /* an error decided at the headers, answered after the body */
    ars__resp early_resp;
    ars__route route;
    double t_start;
    char remote[64];
    char host[48]; /* the peer's address without its port, for the per-address cap */
    double since;  /* loop seconds when it began waiting for its current request */
    int rejected;  /* over the connection cap: answered 503 and closed */
    int peer_eof;  /* the client shut down its side (half-close or gone) */
    double next_probe;
    unsigned long long req_id;
    ars__tls *tls; /* NULL for plain HTTP */
} conn;

struct net {
    ars__srv srv;
    uv_loop_t loop;
    uv_tcp_t listener;
    int listening;
    uv_timer_t sweep;
    uv_signal_t sig_term, sig_int;
    ars__pool pool;
    conn *conns;
    FILE *log;
    int log_owned;
    double drain_deadline;
    int cancelled;
    int stopping;
    int pool_stopped;
    ars__tls_ctx *tls;     /* NULL for plain HTTP */
    char tls_rbuf[IN_CAP]; /* ciphertext of one read, decrypted at once */
};

typedef struct wreq {
    uv_write_t w;
    char *data;
    int final;
} wreq;

static double loop_now(net *n)
{
    return (double)uv_now(&n->loop) / 1000.0;
}

static double hr_now(void)
{
    return (double)uv_hrtime() / 1e9;
}

static void process(conn *c);
static void maybe_finish(net *n);

/* --------------------------------------------------------- lifecycle */

static void conn_unref(conn *c)
{
    if (--c->refs > 0)
        return;
    ars__hp_free(&c->hp);
    ars__resp_clear(&c->early_resp);
    ars__tls_free(c->tls);
    ars__free(c->in);
    ars__free(c);
}

static void on_close(uv_handle_t *h)
{
    conn *c = (conn *)h;
    net *n = c->n;
    conn_unref(c);
    maybe_finish(n);
}

static void conn_close(conn *c)
{
    net *n = c->n;
    if (c->state == C_CLOSING)
        return;
    c->state = C_CLOSING;
    if (c->prev)
        c->prev->next = c->next;
    else
        n->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->prev = c->next = NULL;
    n->srv.nconns--;
    if (c->job) {
        /* The client went away: stop its solve. The job keeps its
         * reference and finds the connection closed when it ends. */
        c->job->cancel = 1;
        n->srv.metrics.cancelled_by_disconnect++;
    }
    uv_close((uv_handle_t *)&c->tcp, on_close);
}

/* --------------------------------------------------------- access log */

static void access_log(conn *c, const ars__resp *r, double seconds, size_t bytes_out)
{
    net *n = c->n;
    cJSON *doc;
    char *line, ts[32], path[256];
    time_t now = time(NULL);
    struct tm tmv;
    const char *url = c->hp.req.url.data ? c->hp.req.url.data : "";
    size_t plen = strcspn(url, "?#");
    if (!n->log)
        return;
    gmtime_r(&now, &tmv);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tmv);
    /* The path only: a query may carry values the operator did not mean
     * to keep, and headers (Authorization) are never logged. */
    if (plen >= sizeof path)
        plen = sizeof path - 1;
    memcpy(path, url, plen);
    path[plen] = '\0';
    doc = cJSON_CreateObject();
    if (!doc)
        return;
    cJSON_AddStringToObject(doc, "time", ts);
    cJSON_AddNumberToObject(doc, "id", (double)c->req_id);
    cJSON_AddStringToObject(doc, "remote", c->remote);
    cJSON_AddStringToObject(
        doc, "method",
        c->hp.stage >= 2 ? http_method_str((enum http_method)c->hp.parser.method) : "-");
    cJSON_AddStringToObject(doc, "path", path);
    cJSON_AddStringToObject(doc, "endpoint", ars__ep_name(c->route.ep));
    cJSON_AddNumberToObject(doc, "status", r->status);
    cJSON_AddNumberToObject(doc, "bytes_in", (double)c->hp.req.body_seen);
    cJSON_AddNumberToObject(doc, "bytes_out", (double)bytes_out);
    cJSON_AddNumberToObject(doc, "ms", (double)(long long)(seconds * 1e6) / 1000.0);
    if (r->error[0])
        cJSON_AddStringToObject(doc, "error", r->error);
    line = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    if (line) {
        fprintf(n->log, "%s\n", line);
        fflush(n->log);
        cJSON_free(line);
    }
}

/* ------------------------------------------------------------- writes */

static void start_reading(conn *c);

static void on_shutdown(uv_shutdown_t *req, int status)
{
    ars__free(req);
}

static void on_write(uv_write_t *w, int status)
{
    wreq *r = (wreq *)w;
    conn *c = (conn *)w->handle;
    int final = r->final;
    net *n = c->n;
    ars__free(r->data);
    ars__free(r);
    if (c->state == C_CLOSING)
        return;
    if (status < 0) {
        /* Stop writing on the first error: libuv would queue more. */
        conn_close(c);
        return;
    }
    if (!final)
        return;
    if (c->peer_eof) {
        /* Nothing more can come: the answer is out, close (no linger, the
         * client already sent its FIN). */
        conn_close(c);
        return;
    }
    if (c->close_after) {
        uv_shutdown_t *sr = ars__calloc(1, sizeof *sr);
        /* Lingering close: half-close, then read and drop what the client
         * still sends for a moment, so that its unread request bytes do
         * not turn into a reset that destroys our response. */
        if (!sr || uv_shutdown(sr, (uv_stream_t *)&c->tcp, on_shutdown) != 0) {
            ars__free(sr);
            conn_close(c);
            return;
        }
        c->state = C_LINGER;
        c->in_len = 0;
        c->deadline = loop_now(n) + LINGER_SECONDS;
        start_reading(c);
        return;
    }
    if (n->srv.draining) {
        /* Answered before the shutdown began: no further requests. */
        conn_close(c);
        return;
    }
    c->state = C_IDLE;
    ars__hp_reset(&c->hp);
    ars__resp_clear(&c->early_resp);
    c->early = 0;
    c->since = loop_now(n);
    c->deadline = loop_now(n) + n->srv.opts.idle_timeout;
    process(c);
    if (c->state == C_IDLE || c->state == C_READING)
        start_reading(c);
}

static int write_raw(conn *c, char *data, size_t len, int final)
{
    wreq *r = ars__calloc(1, sizeof *r);
    uv_buf_t b;
    if (!r) {
        ars__free(data);
        conn_close(c);
        return -1;
    }
    r->data = data;
    r->final = final;
    b = uv_buf_init(data, (unsigned)len);
    if (uv_write(&r->w, (uv_stream_t *)&c->tcp, &b, 1, on_write) != 0) {
        ars__free(data);
        ars__free(r);
        conn_close(c);
        return -1;
    }
    return 0;
}

/* Writes plaintext (owned); final marks a response's last bytes. */
static int send_bytes(conn *c, char *data, size_t len, int final)
{
    if (c->tls) {
        /* Before the handshake nothing can be said (a connection over the
         * cap): close instead. After a response that ends the connection,
         * close_notify follows it. */
        char *sealed = ars__tls_seal(c->tls, data, len, final && c->close_after, &len);
        ars__free(data);
        if (!sealed) {
            conn_close(c);
            return -1;
        }
        data = sealed;
    }
    return write_raw(c, data, len, final);
}

/* Sends the response to the current request and decides what follows. */
static void respond(conn *c, ars__resp *r)
{
    net *n = c->n;
    size_t len = 0;
    char *data;
    int keep_alive =
        c->hp.stage == 3 && c->hp.req.keep_alive && !r->close && !n->srv.draining && !c->peer_eof;
    double seconds = c->t_start > 0 ? hr_now() - c->t_start : 0;
    data = ars__resp_serialize(r, keep_alive, &len);
    ars__metrics_observe(&n->srv.metrics, c->route.ep, r->status, seconds);
    access_log(c, r, seconds, len);
    if (!data) {
        conn_close(c);
        return;
    }
    c->state = C_BUSY;
    c->close_after = !keep_alive;
    /* A client that does not read its response is dropped after the body
     * deadline rather than holding the buffer for ever. */
    c->deadline = loop_now(n) + n->srv.opts.body_timeout;
    send_bytes(c, data, len, 1);
}

static void respond_error(conn *c, int status, const char *msg, int close)
{
    ars__resp r;
    memset(&r, 0, sizeof r);
    ars__resp_error(&r, status, NULL, NULL, -1, "%s", msg);
    r.close = close;
    respond(c, &r);
    ars__resp_clear(&r);
}

/* ------------------------------------------------------------ requests */

static void job_done(ars__job *j)
{
    conn *c = j->owner;
    net *n = c->n;
    c->job = NULL;
    if (c->state != C_CLOSING) {
        if (j->cancel && j->shutdown_cancel && j->resp.status == 0)
            ars__resp_error(&j->resp, 503, "shutting_down", NULL, -1,
                            "the solve was cancelled: the server is shutting down");
        if (j->resp.status == 0)
            ars__resp_error(&j->resp, 500, NULL, NULL, -1, "the request produced no answer");
        respond(c, &j->resp);
    }
    ars__job_free(j);
    conn_unref(c);
    maybe_finish(n);
}

static void handle_complete(conn *c)
{
    net *n = c->n;
    ars__resp r;
    ars__job *j = NULL;
    memset(&r, 0, sizeof r);
    if (c->early) {
        respond(c, &c->early_resp);
        return;
    }
    if (ars__route_request(&n->srv, &c->hp.req, &c->route, &r, &j) == 0) {
        respond(c, &r);
        ars__resp_clear(&r);
        return;
    }
    j->owner = c;
    j->done = job_done;
    if (ars__pool_submit(&n->pool, j) != 0) {
        ars__job_free(j);
        ars__resp_error(&r, 503, "busy", NULL, (double)n->srv.opts.queue_max,
                        "all %d workers are busy and %d requests are waiting; retry later",
                        n->pool.started, n->srv.opts.queue_max);
        ars__resp_add_header(&r, "Retry-After: 1\r\n");
        respond(c, &r);
        ars__resp_clear(&r);
        return;
    }
    c->job = j;
    c->refs++;
    c->state = C_BUSY;
    c->deadline = 0; /* the solve is bounded by its time limit */
}

/* Ciphertext from the socket: decrypts what fits into the input buffer and
 * returns its length as a plain read would (UV_EOF after close_notify,
 * UV_EPROTO for anything that is not TLS), and sends whatever the session
 * has to say (the handshake). The caller adds the length to in_len. */
static ssize_t tls_in(conn *c, const char *cipher, size_t len)
{
    size_t got = 0, out_len = 0;
    int rc = ars__tls_recv(c->tls, cipher, len, c->in + c->in_len, IN_CAP - c->in_len, &got);
    char *out = ars__tls_output(c->tls, &out_len);
    if (out && write_raw(c, out, out_len, 0) != 0)
        return UV_ECONNRESET;
    if (rc == ARS__TLS_EOF)
        return UV_EOF;
    return rc == ARS__TLS_OK ? (ssize_t)got : UV_EPROTO;
}

/* Decrypts what the session still holds once the input buffer has room
 * again (a full buffer left it there). End of stream is left to on_read,
 * which sees it from the socket as well. */
static int tls_pull(conn *c)
{
    ssize_t got;
    if (!c->tls || !c->in || c->in_len >= IN_CAP)
        return 0;
    got = tls_in(c, NULL, 0);
    if (got == UV_EOF)
        return 0;
    if (got < 0) {
        conn_close(c);
        return -1;
    }
    c->in_len += (size_t)got;
    return 0;
}

static void consume(conn *c, size_t used)
{
    if (used == 0)
        return;
    memmove(c->in, c->in + used, c->in_len - used);
    c->in_len -= used;
}

/* Parses buffered bytes while the connection is between requests or
 * reading one; stops at a complete request. */
static void process(conn *c)
{
    net *n = c->n;
    static char continue_line[] = "HTTP/1.1 100 Continue\r\n\r\n";
    if (tls_pull(c) != 0)
        return;
    while ((c->state == C_IDLE || c->state == C_READING) && c->in_len > 0) {
        size_t used = 0;
        int ev;
        if (c->state == C_IDLE) {
            if (n->srv.draining) {
                conn_close(c);
                return;
            }
            c->state = C_READING;
            c->t_start = hr_now();
            c->deadline = loop_now(n) + n->srv.opts.header_timeout;
            memset(&c->route, 0, sizeof c->route);
            c->route.ep = ARS__EP_OTHER;
            c->req_id = ++n->srv.req_seq;
        }
        ev = ars__hp_feed(&c->hp, c->in, c->in_len, &used);
        consume(c, used);
        if (tls_pull(c) != 0)
            return;
        if (ev == ARS__HP_ERROR) {
            /* Anything unparseable closes the connection: a request whose
             * end we cannot know must not let its bytes become another. */
            respond_error(c, c->hp.err_status, c->hp.err_msg ? c->hp.err_msg : "bad request", 1);
            return;
        }
        if (ev == ARS__HP_HEADERS) {
            int rc = ars__route_headers(&n->srv, &c->hp.req, &c->route, &c->early_resp);
            c->deadline = loop_now(n) + n->srv.opts.body_timeout;
            if (rc == 2) {
                c->early_resp.close = 1;
                respond(c, &c->early_resp);
                return;
            }
            if (rc == 1) {
                c->early = 1;
                c->hp.req.discard_body = 1;
            } else if (c->hp.req.expect_continue) {
                char *copy = ars__strdup(continue_line);
                if (!copy || send_bytes(c, copy, strlen(continue_line), 0) != 0)
                    return;
            }
            continue;
        }
        if (ev == ARS__HP_DONE) {
            handle_complete(c);
            return;
        }
        if (used == 0)
            break;
    }
}

static void on_alloc(uv_handle_t *h, size_t suggested, uv_buf_t *buf)
{
    conn *c = (conn *)h;
    if (!c->in)
        c->in = ars__malloc(IN_CAP);
    if (!c->in || c->in_len >= IN_CAP) {
        *buf = uv_buf_init(NULL, 0); /* read_cb gets UV_ENOBUFS */
        return;
    }
    if (c->tls) {
        *buf = uv_buf_init(c->n->tls_rbuf, sizeof c->n->tls_rbuf);
        return;
    }
    *buf = uv_buf_init(c->in + c->in_len, (unsigned)(IN_CAP - c->in_len));
}

static void stop_reading(conn *c)
{
    if (c->reading) {
        uv_read_stop((uv_stream_t *)&c->tcp);
        c->reading = 0;
    }
}

/* An end of stream while a solve runs is a half-close (the client waits
 * for its answer) or a client that left; only data tells them apart: a
 * closed socket answers it with a reset, so the next write fails and the
 * solve is cancelled. The data is an interim "100 Continue", which every
 * HTTP/1.1 client skips (RFC 9110 15.2); HTTP/1.0 gets none (it may not
 * parse 1xx), so its solves run to the end. */
static void probe_peer(conn *c)
{
    static const char line[] = "HTTP/1.1 100 Continue\r\n\r\n";
    char *copy;
    c->next_probe = loop_now(c->n) + 0.5;
    if (c->hp.parser.http_major != 1 || c->hp.parser.http_minor < 1)
        return;
    copy = ars__strdup(line);
    if (copy)
        send_bytes(c, copy, sizeof line - 1, 0);
}

static void on_read(uv_stream_t *s, ssize_t nread, const uv_buf_t *buf)
{
    conn *c = (conn *)s;
    if (c->state == C_CLOSING)
        return;
    if (c->tls && nread > 0)
        nread = tls_in(c, buf->base, (size_t)nread);
    if (nread == UV_ENOBUFS) {
        stop_reading(c);
        return;
    }
    if (nread == UV_EOF && c->state == C_BUSY) {
        /* A complete request is being answered: answer it, then close. */
        c->peer_eof = 1;
        stop_reading(c);
        if (c->job)
            probe_peer(c);
        return;
    }
    if (nread < 0) {
        conn_close(c);
        return;
    }
    if (nread == 0)
        return;
    c->in_len += (size_t)nread;
    if (c->state == C_LINGER) {
        c->in_len = 0;
        return;
    }
    if (c->state == C_BUSY) {
        /* Keep reading only to notice a client that leaves; bytes of the
         * next request wait in the buffer, and a full buffer stops reading. */
        if (c->in_len >= IN_CAP)
            stop_reading(c);
        return;
    }
    process(c);
    if (c->in_len >= IN_CAP && (c->state == C_IDLE || c->state == C_READING)) {
        /* Cannot happen with our header and body caps, but never spin. */
        respond_error(c, 431, "request too large to buffer", 1);
    }
}

static void start_reading(conn *c)
{
    if (c->reading || c->state == C_CLOSING)
        return;
    if (uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read) == 0)
        c->reading = 1;
}

/* ------------------------------------------------------------ accepts */

static void peer_name(conn *c)
{
    struct sockaddr_storage ss;
    int len = sizeof ss;
    char host[INET6_ADDRSTRLEN] = "?";
    int port = 0;
    snprintf(c->remote, sizeof c->remote, "?");
    if (uv_tcp_getpeername(&c->tcp, (struct sockaddr *)&ss, &len) != 0)
        return;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        uv_ip4_name(a, host, sizeof host);
        snprintf(c->host, sizeof c->host, "%s", host);
        port = ntohs(a->sin_port);
        snprintf(c->remote, sizeof c->remote, "%s:%d", host, port);
    } else if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        uv_ip6_name(a, host, sizeof host);
        snprintf(c->host, sizeof c->host, "%s", host);
        port = ntohs(a->sin6_port);
        snprintf(c->remote, sizeof c->remote, "[%s]:%d", host, port);
    }
}

/* A connection that has not sent a complete request line and headers yet
 * (fresh, dribbling, or idle between keep-alive requests): nothing of it is
 * lost by closing it, and a client that holds many such connections is how
 * slow clients starve real ones. */
static int in_headers(const conn *c)
{
    return c->state == C_IDLE || (c->state == C_READING && c->hp.stage < 2);
}

/* The connection in its headers that has waited longest, other than
 * `except`, among all (host NULL) or those of one address. */
static conn *oldest_in_headers(net *n, const conn *except, const char *host)
{
    conn *c, *best = NULL;
    for (c = n->conns; c; c = c->next)
        if (c != except && in_headers(c) && (!host || strcmp(c->host, host) == 0) &&
            (!best || c->since < best->since))
            best = c;
    return best;
}

/* Makes room for the new connection c under the per-address and the total
 * cap by closing the oldest connections still in their headers (of its own
 * address first); 0 when c may stay, -1 when every slot holds a request
 * being read or answered. */
static int make_room(net *n, conn *c)
{
    const ars_server_opts *o = &n->srv.opts;
    conn *it, *victim;
    int same = 0;
    for (it = n->conns; it; it = it->next)
        same += strcmp(it->host, c->host) == 0;
    while (same > o->max_connections_per_address) {
        victim = oldest_in_headers(n, c, c->host);
        if (!victim)
            return -1;
        conn_close(victim);
        n->srv.metrics.conns_evicted++;
        same--;
    }
    while (n->srv.nconns > o->max_connections) {
        victim = oldest_in_headers(n, c, NULL);
        if (!victim)
            return -1;
        conn_close(victim);
        n->srv.metrics.conns_evicted++;
    }
    return 0;
}

static void on_connection(uv_stream_t *server, int status)
{
    net *n = server->data;
    conn *c;
    if (status < 0) {
        /* EMFILE and friends: libuv already drained the backlog with its
         * reserved descriptor; nothing to do but note it. */
        if (n->log)
            fprintf(n->log, "{\"event\":\"accept_error\",\"error\":\"%s\"}\n", uv_err_name(status));
        return;
    }
    c = ars__calloc(1, sizeof *c);
    if (!c) {
        uv_tcp_t *tmp = ars__calloc(1, sizeof *tmp);
        /* Out of memory: accept and drop, so the backlog does not spin. */
        if (tmp && uv_tcp_init(&n->loop, tmp) == 0) {
            if (uv_accept(server, (uv_stream_t *)tmp) == 0)
                uv_close((uv_handle_t *)tmp, (uv_close_cb)ars__free);
            else
                uv_close((uv_handle_t *)tmp, (uv_close_cb)ars__free);
        } else {
            ars__free(tmp);
        }
        return;
    }
    c->n = n;
    c->refs = 1;
    c->route.ep = ARS__EP_OTHER;
    ars__hp_init(&c->hp, n->srv.opts.max_body);
    if (uv_tcp_init(&n->loop, &c->tcp) != 0) {
        ars__hp_free(&c->hp);
        ars__free(c);
        return;
    }
    c->next = n->conns;
    if (n->conns)
        n->conns->prev = c;
    n->conns = c;
    n->srv.nconns++;
    if (uv_accept(server, (uv_stream_t *)&c->tcp) != 0) {
        conn_close(c);
        return;
    }
    /* The handshake runs inside tls_in as bytes arrive, within the deadline
     * set below for the request headers. */
    if (n->tls && !(c->tls = ars__tls_new(n->tls))) {
        conn_close(c);
        return;
    }
    uv_tcp_nodelay(&c->tcp, 1);
    peer_name(c);
    n->srv.metrics.conns_accepted++;
    c->state = C_IDLE;
    c->since = loop_now(n);
    c->deadline = loop_now(n) + n->srv.opts.header_timeout;
    if (make_room(n, c) != 0) {
        n->srv.metrics.conns_rejected++;
        c->rejected = 1;
        c->t_start = hr_now();
        respond_error(c, 503, "too many connections; retry later", 1);
        return;
    }
    start_reading(c);
}

/* ------------------------------------------------------------ timers */

static void on_sweep(uv_timer_t *t)
{
    net *n = t->data;
    double now = loop_now(n);
    conn *c = n->conns, *next;
    for (; c; c = next) {
        next = c->next;
        if (c->peer_eof && c->job && now >= c->next_probe)
            probe_peer(c);
        if (c->deadline <= 0 || now < c->deadline)
            continue;
        if (c->state == C_READING) {
            n->srv.metrics.timeouts++;
            respond_error(c, 408,
                          c->hp.stage >= 2 ? "the request body did not arrive in time"
                                           : "the request headers did not arrive in time",
                          1);
        } else {
            /* Idle keep-alive, a lingering close, or a client that does
             * not read its response. */
            if (c->state != C_LINGER)
                n->srv.metrics.timeouts++;
            conn_close(c);
        }
    }
    if (n->srv.draining && !n->cancelled && now >= n->drain_deadline) {
        /* Grace is over: running solves stop at their next check. */
        n->cancelled = 1;
        ars__pool_cancel_all(&n->pool, 1);
    }
    maybe_finish(n);
}

/* ---------------------------------------------------------- shutdown */

static void close_handle(uv_handle_t *h)
{
    if (!uv_is_closing(h))
        uv_close(h, NULL);
}

static void maybe_finish(net *n)
{
    int queued = 0, running = 0;
    if (!n->srv.draining || n->stopping)
        return;
    if (n->conns)
        return;
    ars__pool_stats(&n->pool, &queued, &running);
    if (queued || running)
        return;
    if (n->srv.studies && !ars__studies_idle(n->srv.studies))
        return;
    n->stopping = 1;
    close_handle((uv_handle_t *)&n->sweep);
    close_handle((uv_handle_t *)&n->sig_term);
    close_handle((uv_handle_t *)&n->sig_int);
    /* The pool's async handle would keep the loop alive: the workers are
     * idle, so join them and close it now. */
    ars__pool_stop(&n->pool);
    n->pool_stopped = 1;
}

static void begin_drain(net *n, int signum)
{
    conn *c, *next;
    if (n->srv.draining)
        return;
    n->srv.draining = 1;
    n->drain_deadline = loop_now(n) + n->srv.opts.grace;
    if (n->log) {
        fprintf(n->log, "{\"event\":\"shutdown\",\"signal\":%d,\"grace_s\":%g}\n", signum,
                n->srv.opts.grace);
        fflush(n->log);
    }
    if (n->listening) {
        uv_close((uv_handle_t *)&n->listener, NULL);
        n->listening = 0;
    }
    /* Connections between requests go now; those in the middle of one get
     * their answer (503 for new work) and close after it. */
    for (c = n->conns; c; c = next) {
        next = c->next;
        if (c->state == C_IDLE || c->state == C_LINGER)
            conn_close(c);
    }
    if (n->srv.studies)
        ars__studies_interrupt(n->srv.studies);
    maybe_finish(n);
}

static void on_signal(uv_signal_t *s, int signum)
{
    begin_drain(s->data, signum);
}

/* ------------------------------------------------------------- setup */

static int parse_listen(const char *spec, struct sockaddr_storage *ss, int *loopback,
                        ars_error *err)
{
    char host[128];
    const char *colon, *hs, *he;
    char *end;
    long port;
    if (!spec || !*spec)
        return ars_error_set(err, ARS_EUSAGE, "--listen", "empty; expected ADDR:PORT");
    if (spec[0] == '[') {
        hs = spec + 1;
        he = strchr(spec, ']');
        if (!he || he[1] != ':')
            return ars_error_set(err, ARS_EUSAGE, "--listen", "\"%s\": expected [IPv6]:PORT", spec);
        colon = he + 1;
    } else {
        colon = strrchr(spec, ':');
        if (!colon)
            return ars_error_set(err, ARS_EUSAGE, "--listen", "\"%s\": expected ADDR:PORT", spec);
        hs = spec;
        he = colon;
    }
    if ((size_t)(he - hs) >= sizeof host)
        return ars_error_set(err, ARS_EUSAGE, "--listen", "address too long");
    memcpy(host, hs, (size_t)(he - hs));
    host[he - hs] = '\0';
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (colon[1] == '\0' || *end || errno || port < 0 || port > 65535)
        return ars_error_set(err, ARS_EUSAGE, "--listen",
                             "\"%s\": port must be 0 to 65535 (0 picks a free one)", spec);
    memset(ss, 0, sizeof *ss);
    if (spec[0] == '[') {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        if (uv_ip6_addr(host, (int)port, a) != 0)
            return ars_error_set(err, ARS_EUSAGE, "--listen", "\"%s\" is not an IPv6 address",
                                 host);
        *loopback = memcmp(&a->sin6_addr, &in6addr_loopback, sizeof a->sin6_addr) == 0;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        if (uv_ip4_addr(host, (int)port, a) != 0)
            return ars_error_set(err, ARS_EUSAGE, "--listen",
                                 "\"%s\" is not an IPv4 address (names are not resolved)", host);
        *loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
    }
    return ARS_OK;
}

static int check_opts(const ars_server_opts *o, ars_error *err)
{
    if (o->workers < 1 || o->workers > 1024)
        return ars_error_set(err, ARS_EUSAGE, "--workers", "%d: expected 1 to 1024", o->workers);
    if (o->queue_max < 0 || o->queue_max > 1000000)
        return ars_error_set(err, ARS_EUSAGE, "--queue", "%d: expected 0 to 1000000", o->queue_max);
    if (o->max_connections < 1 || o->max_connections > 1000000)
        return ars_error_set(err, ARS_EUSAGE, "--max-connections", "%d: expected 1 to 1000000",
                             o->max_connections);
    if (o->max_connections_per_address < 1 || o->max_connections_per_address > 1000000)
        return ars_error_set(err, ARS_EUSAGE, "--max-connections-per-address",
                             "%d: expected 1 to 1000000", o->max_connections_per_address);
    if (o->study_workers < 1 || o->study_workers > 1024)
        return ars_error_set(err, ARS_EUSAGE, "--study-workers", "%d: expected 1 to 1024",
                             o->study_workers);
    if (o->max_body < 1)
        return ars_error_set(err, ARS_EUSAGE, "--max-body", "expected at least 1 byte");
    if (!(o->time_limit > 0) || !(o->header_timeout > 0) || !(o->body_timeout > 0) ||
        !(o->idle_timeout > 0) || !(o->grace >= 0))
        return ars_error_set(err, ARS_EUSAGE, "timeouts", "every timeout must be > 0 seconds");
    return ARS_OK;
}

static int write_port_file(const char *path, int port, ars_error *err)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%d\n", port);
    return ars_write_file_atomic(path, text, (size_t)len, err);
}

int ars_server_run(const ars_server_opts *o, ars_error *err)
{
    net *n;
    struct sockaddr_storage ss;
    int loopback = 0, rc, port = 0, namelen;
    char shown[160];
    struct sigaction sa;

    rc = check_opts(o, err);
    if (rc != ARS_OK)
        return rc;
    rc = parse_listen(o->listen, &ss, &loopback, err);
    if (rc != ARS_OK)
        return rc;
    n = ars__calloc(1, sizeof *n);
    if (!n)
        return ars_error_set(err, ARS_ENOMEM, NULL, "out of memory");
    rc = ars__srv_init(&n->srv, o, err);
    if (rc != ARS_OK) {
        ars__free(n);
        return rc;
    }
    if (!loopback && n->srv.ntokens == 0) {
        ars__srv_free(&n->srv);
        ars__free(n);
        return ars_error_set(err, ARS_EUSAGE, "--listen",
                             "%s is beyond loopback: give bearer tokens (--token-file or "
                             "ARSENAL_TOKENS) or listen on 127.0.0.1",
                             o->listen);
    }
    /* Tokens must not cross a network in clear text. */
    if (!loopback && !o->tls_cert && !o->tls_key && !o->plain_http) {
        ars__srv_free(&n->srv);
        ars__free(n);
        return ars_error_set(err, ARS_EUSAGE, "--listen",
                             "%s is beyond loopback: serve HTTPS (--tls-cert and --tls-key), "
                             "or give --plain-http when a TLS proxy in front terminates it",
                             o->listen);
    }
    if (o->tls_cert || o->tls_key) {
        rc = ars__tls_ctx_new(&n->tls, o->tls_cert, o->tls_key, err);
        if (rc != ARS_OK) {
            ars__srv_free(&n->srv);
            ars__free(n);
            return rc;
        }
    }
    /* A client that resets its connection must not kill the server on the
     * next write (exit 141 observed); write errors come back as EPIPE. */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);

    if (o->log_path) {
        n->log = fopen(o->log_path, "a");
        if (!n->log) {
            rc = ars_error_set(err, ARS_EIO, "--log", "cannot open %s: %s", o->log_path,
                               strerror(errno));
            ars__srv_free(&n->srv);
            ars__free(n);
            return rc;
        }
        n->log_owned = 1;
    } else {
        n->log = stderr;
    }

    rc = uv_loop_init(&n->loop);
    if (rc != 0) {
        rc = ars_error_set(err, ARS_EIO, NULL, "uv_loop_init: %s", uv_strerror(rc));
        goto fail_early;
    }
    rc = ars__studies_open(&n->srv.studies, o->data_dir, &n->srv.opts, err);
    if (rc != ARS_OK)
        goto fail_loop;
    n->srv.loop = &n->loop;
    n->srv.pool = &n->pool;
    if (ars__pool_start(&n->pool, &n->loop, o->workers, o->queue_max) != 0) {
        rc = ars_error_set(err, ARS_ENOMEM, "--workers", "cannot start %d worker threads",
                           o->workers);
        ars__pool_stop(&n->pool);
        goto fail_studies;
    }
    uv_tcp_init(&n->loop, &n->listener);
    n->listener.data = n;
    rc = uv_tcp_bind(&n->listener, (const struct sockaddr *)&ss, 0);
    if (rc == 0)
        rc = uv_listen((uv_stream_t *)&n->listener, 511, on_connection);
    if (rc != 0) {
        rc = ars_error_set(err, ARS_EIO, "--listen", "cannot listen on %s: %s", o->listen,
                           uv_strerror(rc));
        uv_close((uv_handle_t *)&n->listener, NULL);
        ars__pool_stop(&n->pool);
        goto fail_studies;
    }
    n->listening = 1;
    namelen = sizeof ss;
    if (uv_tcp_getsockname(&n->listener, (struct sockaddr *)&ss, &namelen) == 0)
        port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                              : ((struct sockaddr_in *)&ss)->sin_port);
    if (o->port_file && write_port_file(o->port_file, port, err) != ARS_OK) {
        rc = err ? err->code : ARS_EIO;
        uv_close((uv_handle_t *)&n->listener, NULL);
        ars__pool_stop(&n->pool);
        goto fail_studies;
    }
    uv_timer_init(&n->loop, &n->sweep);
    n->sweep.data = n;
    uv_timer_start(&n->sweep, on_sweep, SWEEP_MS, SWEEP_MS);
    uv_signal_init(&n->loop, &n->sig_term);
    uv_signal_init(&n->loop, &n->sig_int);
    n->sig_term.data = n->sig_int.data = n;
    uv_signal_start(&n->sig_term, on_signal, SIGTERM);
    uv_signal_start(&n->sig_int, on_signal, SIGINT);

    snprintf(shown, sizeof shown, "%s", o->listen);
    fprintf(stderr,
            "arsenal serve: listening on port %d (%s, %s), %d workers, auth %s, studies in %s\n",
            port, shown, n->tls ? "https" : "http", o->workers, n->srv.ntokens ? "on" : "off",
            o->data_dir ? o->data_dir : "memory");
    fflush(stderr);

    uv_run(&n->loop, UV_RUN_DEFAULT);

    /* Every connection is gone and no job is left. */
    if (!n->pool_stopped)
        ars__pool_stop(&n->pool);
    ars__studies_close(n->srv.studies);
    n->srv.studies = NULL;
    uv_run(&n->loop, UV_RUN_DEFAULT);
    uv_loop_close(&n->loop);
    if (n->log) {
        fprintf(n->log, "{\"event\":\"stopped\"}\n");
        fflush(n->log);
    }
    if (n->log_owned)
        fclose(n->log);
    ars__srv_free(&n->srv);
    ars__tls_ctx_free(n->tls);
    ars__free(n);
    return ARS_OK;

fail_studies:
    ars__studies_close(n->srv.studies);
fail_loop:
    uv_run(&n->loop, UV_RUN_DEFAULT);
    uv_loop_close(&n->loop);
fail_early:
    if (n->log_owned)
        fclose(n->log);
    ars__srv_free(&n->srv);
    ars__tls_ctx_free(n->tls);
    ars__free(n);
    return rc;
}
