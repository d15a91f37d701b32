/* server.h - internals of `arsenal serve`, shared by the files of solver/server.
 *
 * The layers, each in its own file:
 *   http.c     request parsing on a byte buffer (no sockets) and response bytes;
 *   router.c   auth, routing, media types, limits: a request becomes either a
 *              response or a job for the worker pool;
 *   pool.c     worker threads with a bounded queue; results come back to the
 *              loop through one uv_async_t;
 *   conn.c     libuv TCP connections, deadlines, keep-alive, shutdown;
 *   handlers.c the work functions that load models and solve (worker threads);
 *   studies.c  asynchronous studies kept in the data directory;
 *   metrics.c  counters and histograms in Prometheus text format;
 *   web.c      the planner's web page (web/, compiled in) and the shipped
 *              models (models/), served from memory.
 * Everything here runs on the loop thread unless its comment says otherwise. */
#ifndef ARS_SERVER_SERVER_H
#define ARS_SERVER_SERVER_H

#include "arsenal.h"
#include "util/util.h"

#include <http_parser.h>
#include <pthread.h>
#include <uv.h>

/* Request line plus headers, and header count: Node.js's limits after
 * CVE-2018-12121 (reliability.md section 4). */
#define ARS__MAX_HEADER_BYTES 8192
#define ARS__MAX_HEADERS 100

/* ------------------------------------------------------------ requests */

/* One parsed request. Strings are NUL-terminated and owned by the parser. */
typedef struct ars__req {
    int method;            /* enum http_method */
    ars__buf url;          /* request target as sent */
    ars__buf content_type; /* "" when absent */
    ars__buf accept;
    ars__buf authorization;
    ars__buf accept_encoding; /* web.c: gzip */
    ars__buf if_none_match;   /* web.c: 304 */
    ars__buf body;
    int has_content_length;
    unsigned long long content_length;
    int expect_continue;
    int keep_alive;
    int discard_body; /* set by the caller: count the body but do not keep it */
    size_t body_seen;
} ars__req;

enum { ARS__HP_MORE = 0, ARS__HP_HEADERS, ARS__HP_DONE, ARS__HP_ERROR };

/* An HTTP/1.1 request parser with our limits on top of http-parser. */
typedef struct ars__hp {
    http_parser parser;
    ars__req req;
    int stage; /* 0 before the first byte, 1 headers, 2 body, 3 done, 4 error */
    int headers_reported;
    ars__buf field, value;
    int in_value;
    size_t header_bytes;
    int nheaders;
    int at_line_start; /* fold scanner: the previous header byte was '\n' */
    int seen_ct, seen_auth;
    size_t max_body;
    int err_status;
    const char *err_msg;
    /* Our own check of chunked framing (http-parser accepts junk where the
     * CRLF after chunk data belongs, and "2 2" as a size): */
    int chunked;
    int ck_state;     /* where in the chunk syntax the next byte is */
    uint64_t ck_left; /* data bytes left in the current chunk, or its size so far */
    int ck_digits;    /* hex digits of the current size */
} ars__hp;

void ars__hp_init(ars__hp *hp, size_t max_body);
/* Gets ready for the next request on the same connection. */
void ars__hp_reset(ars__hp *hp);
void ars__hp_free(ars__hp *hp);
/* Parses from data[0..len) and sets *used to the bytes consumed. Returns
 * ARS__HP_HEADERS once when the headers are complete (the caller may look at
 * them and set req.discard_body), ARS__HP_DONE when the request is complete
 * (bytes after it belong to the next request), ARS__HP_MORE when all of data
 * was consumed, or ARS__HP_ERROR with err_status (400, 413, 431) and err_msg.
 * After an error the parser accepts nothing more: close the connection. */
int ars__hp_feed(ars__hp *hp, const char *data, size_t len, size_t *used);

/* ----------------------------------------------------------- responses */

typedef struct ars__resp {
    int status;
    const char *content_type; /* static string */
    char *body;               /* owned (ars__malloc) */
    size_t body_len;
    const char *cache_control; /* static string; NULL: no-store */
    char headers[512];         /* extra header lines, each ending in "\r\n" */
    int close;                 /* close the connection after this response */
    char error[64];            /* the error code of an error response, for the log */
} ars__resp;

const char *ars__status_text(int status);
void ars__resp_clear(ars__resp *r);
/* Sets a JSON body {"error","message"[,"field"][,"limit"]}. field may be NULL;
 * limit < 0 leaves it out. */
void ars__resp_error(ars__resp *r, int status, const char *error, const char *field, double limit,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Takes a JSON document (deleted here) as the body. */
void ars__resp_json(ars__resp *r, int status, cJSON *doc);
void ars__resp_add_header(ars__resp *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The complete response bytes (status line, headers, body); NULL on OOM. */
char *ars__resp_serialize(const ars__resp *r, int keep_alive, size_t *len);

/* ---------------------------------------------------------------- jobs */

typedef struct ars__job ars__job;
typedef struct ars__srv ars__srv;

/* Endpoints, for metrics and the access log. */
enum {
    ARS__EP_CHECK = 0,
    ARS__EP_SOLVE,
    ARS__EP_WHATIF,
    ARS__EP_STUDY_CREATE,
    ARS__EP_STUDY_GET,
    ARS__EP_STUDY_DELETE,
    ARS__EP_STUDY_LIST,
    ARS__EP_HEALTHZ,
    ARS__EP_METRICS,
    ARS__EP_WEB,
    ARS__EP_MODELS,
    ARS__EP_EXPORT,
    ARS__EP_OTHER,
    ARS__EP_COUNT
};
const char *ars__ep_name(int ep);

/* A unit of work for the pool. run() is called on a worker thread and fills
 * resp; done() is called on the loop thread afterwards (or instead, with
 * resp set to a 503, when the job was cancelled before it started). */
struct ars__job {
    void (*run)(ars__job *j);
    void (*done)(ars__job *j);
    int ep;
    char *body; /* request body, NUL-terminated, owned */
    size_t body_len;
    int explain;
    int licence_value;
    int no_verify;     /* ?verify=0: skip checking the plan against the model */
    int charts;        /* ?charts=1: the plan's SVG charts in the result */
    int tables;        /* ?tables=1: the CSV tables of `arsenal export --format csv` */
    int export_format; /* /v1/export?format=: 0 not given (LP), 1 lp, 2 mps */
    int solver;        /* ?solver=: ars_solver; -1: the server's default (--solver) */
    double time_limit;
    ars_limits limits;
    volatile int cancel; /* the client went away, or shutdown's grace ran out */
    int shutdown_cancel; /* cancel came from shutdown, not from the client */
    ars__resp resp;
    void *owner; /* the connection (loop thread only) */
    ars__srv *srv;
    ars__job *next;
};

void ars__job_free(ars__job *j);

typedef struct ars__pool {
    pthread_t *threads;
    int nthreads, started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    ars__job *qhead, *qtail;
    int qlen, qmax;
    ars__job *running; /* linked through next while running */
    int nrunning;
    int stopping;
    ars__job *done_head, *done_tail;
    uv_async_t async;
    int async_open;
} ars__pool;

/* Starts nthreads workers and a queue of at most qmax waiting jobs. */
int ars__pool_start(ars__pool *p, uv_loop_t *loop, int nthreads, int qmax);
/* Queues j; -1 when the queue is full (the caller answers 503). */
int ars__pool_submit(ars__pool *p, ars__job *j);
/* Sets cancel on every queued and running job. */
void ars__pool_cancel_all(ars__pool *p, int shutdown);
void ars__pool_stats(ars__pool *p, int *queued, int *running);
/* Joins the workers (after the queue drained) and closes the async handle;
 * the pool memory must stay valid until the loop has run the close. */
void ars__pool_stop(ars__pool *p);

/* ------------------------------------------------------------- metrics */

#define ARS__NBUCKETS 14
typedef struct ars__metrics {
    struct {
        int ep, status;
        unsigned long long n;
    } counts[192];
    int ncounts;
    unsigned long long hist[ARS__EP_COUNT][ARS__NBUCKETS];
    unsigned long long nobs[ARS__EP_COUNT];
    double sum[ARS__EP_COUNT];
    unsigned long long conns_accepted, conns_rejected, conns_evicted, timeouts,
        cancelled_by_disconnect;
} ars__metrics;

void ars__metrics_observe(ars__metrics *m, int ep, int status, double seconds);

/* ------------------------------------------------------------- studies */

typedef struct ars__studies ars__studies;
/* Opens the store: loads every study of dir (NULL: memory only), queues the
 * unfinished ones and starts the runner thread. */
int ars__studies_open(ars__studies **out, const char *dir, const ars_server_opts *o,
                      ars_error *err);
/* Stops the running study (it stays resumable on disk) and joins the
 * runner. */
void ars__studies_close(ars__studies *s);
/* Asks the runner to stop at the next point; idle() tells when it has. */
void ars__studies_interrupt(ars__studies *s);
int ars__studies_idle(ars__studies *s);
unsigned long long ars__studies_points_done(ars__studies *s);
void ars__studies_counts(ars__studies *s, size_t counts[5]);

/* -------------------------------------------------------------- server */

struct ars__srv {
    ars_server_opts opts;
    char **tokens;
    size_t ntokens;
    uv_loop_t *loop;
    ars__pool *pool;       /* NULL in the socket-less mode (fuzzing, unit tests) */
    ars__studies *studies; /* NULL: studies unavailable */
    ars__metrics metrics;
    int draining;
    int nconns;
    unsigned long long req_seq;
};

/* Loads bearer tokens from opts (file, then the environment value): one per
 * line or separated by commas/whitespace; '#' starts a comment line. Errors
 * never show a token. */
int ars__tokens_load(const ars_server_opts *o, char ***tokens, size_t *n, ars_error *err);
void ars__tokens_free(char **tokens, size_t n);
/* 1 when `given` equals one of the tokens; time does not depend on where
 * the strings differ. */
int ars__token_match(char *const *tokens, size_t n, const char *given, size_t glen);

/* The route of a request, decided when its headers are complete. */
typedef struct ars__route {
    int ep;
    int handler;    /* index in router.c's table, -1 for none */
    char id[40];    /* study id for /v1/studies/{id}, name for /v1/models/{name} */
    int web_file;   /* H_WEB: index of the static file */
    int sniff_json; /* no Content-Type, or curl's form default: the body decides */
} ars__route;

/* Looks at a request whose headers are complete. Returns 0 to read the body
 * and call ars__route_request; otherwise fills resp with the error: 1 when
 * the body may still be read and discarded (keep-alive survives), 2 when the
 * connection must close without reading it (413 from Content-Length). */
int ars__route_headers(ars__srv *srv, const ars__req *req, ars__route *rt, ars__resp *resp);
/* A complete request: fills resp (returns 0) or makes a job for the pool
 * (returns 1, *job set; the request body moves into the job). */
int ars__route_request(ars__srv *srv, ars__req *req, const ars__route *rt, ars__resp *resp,
                       ars__job **job);

/* The socket-less server context used by the fuzz target and unit tests. */
int ars__srv_init(ars__srv *srv, const ars_server_opts *o, ars_error *err);
void ars__srv_free(ars__srv *srv);

/* Work functions (handlers.c), run on worker threads. */
void ars__run_check(ars__job *j);
void ars__run_solve(ars__job *j);
void ars__run_whatif(ars__job *j);

/* Studies endpoints (studies.c): creation is a job (it loads the model and
 * writes the spec to disk); the others run on the loop thread. */
void ars__run_study_create(ars__job *j);
void ars__studies_get(ars__srv *srv, const char *id, const ars__req *req, ars__resp *resp);
void ars__studies_delete(ars__srv *srv, const char *id, ars__resp *resp);
void ars__studies_list(ars__srv *srv, ars__resp *resp);

/* Export of the program (handlers.c): LP or MPS text of the body's model. */
void ars__run_export(ars__job *j);

/* The web page and the shipped models (web.c). ars__web_file returns the
 * index of the static file at path[0..len) ("/" is index.html), or -1. */
int ars__web_file(const char *path, size_t len);
/* Compresses the page once; 0 or -1 out of memory. Safe to call twice. */
int ars__web_init(void);
void ars__web_serve(int file, const ars__req *req, ars__resp *resp);
/* GET /v1/models and GET /v1/models/{name}. */
void ars__models_list(ars__resp *resp);
void ars__models_get(const char *name, ars__resp *resp);

/* Metrics text (metrics.c). */
char *ars__metrics_render(ars__srv *srv, size_t *len);

#endif
