/* test_server.c - the server's socket-less layers: the HTTP parser and its
 * limits, token comparison, routing decisions, response bytes, and the
 * worker pool's bounded queue. The socket side is in tests/cli/server_*.sh. */
#include "server/server.h"
#include "test.h"

#include <unistd.h>

/* Feeds text (optionally in pieces of `step` bytes) until the request is
 * complete or fails; returns the last event. */
static int feed_all(ars__hp *hp, const char *text, size_t step, size_t *consumed)
{
    size_t len = strlen(text), off = 0;
    int ev = ARS__HP_MORE, guard = 0;
    while (guard++ < 100000) {
        size_t used = 0, n = len - off;
        if (step && n > step)
            n = step;
        ev = ars__hp_feed(hp, text + off, n, &used);
        off += used;
        if (ev == ARS__HP_HEADERS)
            continue;
        if (ev == ARS__HP_DONE || ev == ARS__HP_ERROR || off == len)
            break;
    }
    if (consumed)
        *consumed = off;
    return ev;
}

static void parse_simple_get(void)
{
    ars__hp hp;
    ars__hp_init(&hp, 1024);
    ASSERT_INT_EQ(feed_all(&hp,
                           "GET /v1/healthz?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/csv\r\n\r\n", 0,
                           NULL),
                  ARS__HP_DONE);
    ASSERT_INT_EQ(hp.req.method, HTTP_GET);
    ASSERT_STR_EQ(hp.req.url.data, "/v1/healthz?x=1");
    ASSERT_STR_EQ(hp.req.accept.data, "text/csv");
    ASSERT_INT_EQ(hp.req.keep_alive, 1);
    ars__hp_free(&hp);
}

/* The same request byte by byte gives the same result: header names and
 * values split across reads are joined. */
static void parse_split_byte_by_byte(void)
{
    ars__hp hp;
    const char *req = "POST /v1/solve HTTP/1.1\r\nContent-Type: application/json\r\n"
                      "Authorization: Bearer abc\r\nContent-Length: 7\r\n\r\n{\"a\":1}";
    ars__hp_init(&hp, 1024);
    ASSERT_INT_EQ(feed_all(&hp, req, 1, NULL), ARS__HP_DONE);
    ASSERT_STR_EQ(hp.req.content_type.data, "application/json");
    ASSERT_STR_EQ(hp.req.authorization.data, "Bearer abc");
    ASSERT_STR_EQ(hp.req.body.data, "{\"a\":1}");
    ASSERT_INT_EQ(hp.req.content_length, 7);
    ars__hp_free(&hp);
}

/* Two pipelined requests: the parser stops after the first, leaving the
 * second's bytes unconsumed. */
static void parse_pipelined_stops_at_end(void)
{
    ars__hp hp;
    const char *two = "GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n";
    size_t used = 0;
    ars__hp_init(&hp, 1024);
    ASSERT_INT_EQ(feed_all(&hp, two, 0, &used), ARS__HP_DONE);
    /* "GET /a HTTP/1.1\r\n\r\n" is 19 bytes */
    ASSERT_INT_EQ(used, 19);
    ars__hp_reset(&hp);
    ASSERT_INT_EQ(feed_all(&hp, two + used, 0, NULL), ARS__HP_DONE);
    ASSERT_STR_EQ(hp.req.url.data, "/b");
    ars__hp_free(&hp);
}

static int error_of(const char *req, size_t max_body)
{
    ars__hp hp;
    int ev, st;
    ars__hp_init(&hp, max_body);
    ev = feed_all(&hp, req, 0, NULL);
    st = ev == ARS__HP_ERROR ? hp.err_status : 0;
    ars__hp_free(&hp);
    return st;
}

static void parse_errors(void)
{
    char big[10000];
    ars__buf many;
    int i;
    ASSERT_INT_EQ(error_of("NOT A REQUEST\r\n\r\n", 10), 400);
    ASSERT_INT_EQ(error_of("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 10), 400); /* obs-fold */
    ASSERT_INT_EQ(error_of("GET / HTTP/1.1\r\nHost : a\r\n\r\n", 10), 400);   /* space */
    ASSERT_INT_EQ(error_of("POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n"
                           "\r\n{}",
                           10),
                  400);
    ASSERT_INT_EQ(
        error_of("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}", 10), 400);
    ASSERT_INT_EQ(error_of("GET / HTTP/1.1\r\nContent-Type: a\r\nContent-Type: b\r\n\r\n", 10),
                  400);
    ASSERT_INT_EQ(error_of("GET / HTTP/1.1\r\nExpect: 200-ok\r\n\r\n", 10), 417);
    /* body over max_body (10): 413 from the running count */
    ASSERT_INT_EQ(error_of("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n01234567890", 10), 413);
    ASSERT_INT_EQ(error_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                           "b\r\n01234567890\r\n0\r\n\r\n",
                           10),
                  413);
    /* 8192 bytes of request line and headers at most */
    snprintf(big, sizeof big, "GET / HTTP/1.1\r\nX: %09000d\r\n\r\n", 0);
    ASSERT_INT_EQ(error_of(big, 10), 431);
    ars__buf_init(&many, 0);
    ars__buf_puts(&many, "GET / HTTP/1.1\r\n");
    for (i = 0; i < 101; i++)
        ars__buf_printf(&many, "X-%d: v\r\n", i);
    ars__buf_puts(&many, "\r\n");
    ASSERT_INT_EQ(error_of(many.data, 10), 431);
    ars__buf_free(&many);
}

/* Initialises hp and feeds it a chunked POST with this body (whole, or
 * byte by byte when step is 1); returns the last event. */
static int feed_chunked(ars__hp *hp, const char *body, size_t step)
{
    ars__buf b;
    int ev;
    ars__buf_init(&b, 0);
    ars__buf_printf(&b, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n%s", body);
    ars__hp_init(hp, 100);
    ev = feed_all(hp, b.data, step, NULL);
    ars__buf_free(&b);
    return ev;
}

/* Chunked framing is checked byte for byte (http-parser lets junk stand
 * for the CRLF after chunk data and reads "2 2" as a size). */
static void parse_chunked_exact(void)
{
    static const char *const good[] = {
        "2\r\n{}\r\n0\r\n\r\n",
        "1\r\n{\r\n1;ext=v\r\n}\r\n0\r\n\r\n",
        "2 ;ext\r\n{}\r\n0\r\nX-Trailer: y\r\n\r\n",
        "02\r\n{}\r\n000\r\n\r\n",
    };
    static const char *const bad[] = {
        "2\r\n{}XX0\r\n\r\n",     /* junk instead of CRLF after the data */
        "2 2\r\n{}\r\n0\r\n\r\n", /* a space inside the size */
        "2\n{}\n0\n\n",           /* bare LF */
        "2\r\n{}\r\n0\r\n\rX",    /* junk instead of the final LF */
        " 2\r\n{}\r\n0\r\n\r\n",  /* white space before the size */
        "2\r\n{}\r\n0\r\n \r\n",  /* a trailer line starting with a space */
    };
    size_t i, step;
    for (step = 0; step <= 1; step++) {
        for (i = 0; i < sizeof good / sizeof good[0]; i++) {
            ars__hp hp;
            ASSERT_INT_EQ(feed_chunked(&hp, good[i], step), ARS__HP_DONE);
            ASSERT_STR_EQ(hp.req.body.data, "{}");
            ars__hp_free(&hp);
        }
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            ars__hp hp;
            ASSERT_INT_EQ(feed_chunked(&hp, bad[i], step), ARS__HP_ERROR);
            ASSERT_INT_EQ(hp.err_status, 400);
            ars__hp_free(&hp);
        }
    }
}

/* Absolute-form targets are served by their path; other forms are 400;
 * CONNECT is 405. */
static void parse_targets(void)
{
    ars__hp hp;
    ars__hp_init(&hp, 100);
    ASSERT_INT_EQ(
        feed_all(&hp, "GET http://example.org:8080/v1/healthz?x=1 HTTP/1.1\r\n\r\n", 0, NULL),
        ARS__HP_DONE);
    ASSERT_STR_EQ(hp.req.url.data, "/v1/healthz?x=1");
    ars__hp_free(&hp);
    ars__hp_init(&hp, 100);
    ASSERT_INT_EQ(feed_all(&hp, "GET HTTPS://h/ HTTP/1.1\r\n\r\n", 0, NULL), ARS__HP_DONE);
    ASSERT_STR_EQ(hp.req.url.data, "/");
    ars__hp_free(&hp);
    ASSERT_INT_EQ(error_of("GET http://example.org HTTP/1.1\r\n\r\n", 10), 400);
    ASSERT_INT_EQ(error_of("GET http:///v1/healthz HTTP/1.1\r\n\r\n", 10), 400);
    ASSERT_INT_EQ(error_of("GET ftp://h/v1/healthz HTTP/1.1\r\n\r\n", 10), 400);
    ASSERT_INT_EQ(error_of("OPTIONS * HTTP/1.1\r\n\r\n", 10), 400);
    ASSERT_INT_EQ(error_of("CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n", 10),
                  405);
}

static void tokens_compare_in_full(void)
{
    char t1[] = "0123456789abcdef", t2[] = "another-token-0123";
    char *toks[] = {t1, t2};
    ASSERT_INT_EQ(ars__token_match(toks, 2, "0123456789abcdef", 16), 1);
    ASSERT_INT_EQ(ars__token_match(toks, 2, "another-token-0123", 18), 1);
    ASSERT_INT_EQ(ars__token_match(toks, 2, "0123456789abcde", 15), 0);
    ASSERT_INT_EQ(ars__token_match(toks, 2, "0123456789abcdeF", 16), 0);
    ASSERT_INT_EQ(ars__token_match(toks, 2, "0123456789abcdef0", 17), 0);
    ASSERT_INT_EQ(ars__token_match(toks, 2, "", 0), 0);
    ASSERT_INT_EQ(ars__token_match(toks, 0, "0123456789abcdef", 16), 0);
}

static void tokens_load_rules(void)
{
    ars_server_opts o;
    ars_error err;
    char **t = NULL;
    size_t n = 0;
    ars_server_opts_default(&o);
    o.tokens = "0123456789abcdef, second-token-long-enough\n# comment\n";
    ASSERT_INT_EQ(ars__tokens_load(&o, &t, &n, &err), ARS_OK);
    ASSERT_INT_EQ(n, 2);
    ASSERT_STR_EQ(t[1], "second-token-long-enough");
    ars__tokens_free(t, n);
    o.tokens = "tooshort";
    ASSERT_INT_EQ(ars__tokens_load(&o, &t, &n, &err), ARS_EUSAGE);
    ASSERT_TRUE(strstr(err.message, "tooshort") == NULL);
}

/* Routes a complete request text; returns the header decision and fills
 * resp / rt. */
static int route(ars__srv *srv, const char *text, ars__route *rt, ars__resp *resp)
{
    ars__hp hp;
    size_t used = 0;
    int ev, rc;
    ars__hp_init(&hp, srv->opts.max_body);
    ev = ars__hp_feed(&hp, text, strlen(text), &used);
    ASSERT_INT_EQ(ev, ARS__HP_HEADERS);
    rc = ars__route_headers(srv, &hp.req, rt, resp);
    ars__hp_free(&hp);
    return rc;
}

static void router_decisions(void)
{
    ars__srv srv;
    ars_server_opts o;
    ars_error err;
    ars__route rt;
    ars__resp r;
    ars_server_opts_default(&o);
    o.max_body = 100;
    o.tokens = "0123456789abcdef";
    ASSERT_INT_EQ(ars__srv_init(&srv, &o, &err), ARS_OK);
    memset(&r, 0, sizeof r);
    ASSERT_INT_EQ(route(&srv, "GET /v1/healthz HTTP/1.1\r\n\r\n", &rt, &r), 0);
    ASSERT_INT_EQ(rt.ep, ARS__EP_HEALTHZ);
    ASSERT_INT_EQ(route(&srv, "GET /metrics HTTP/1.1\r\n\r\n", &rt, &r), 1);
    ASSERT_INT_EQ(r.status, 401);
    ars__resp_clear(&r);
    ASSERT_INT_EQ(route(&srv,
                        "GET /nothing HTTP/1.1\r\nAuthorization: Bearer 0123456789abcdef\r\n\r\n",
                        &rt, &r),
                  1);
    ASSERT_INT_EQ(r.status, 404);
    ars__resp_clear(&r);
    ASSERT_INT_EQ(route(&srv,
                        "GET /v1/solve HTTP/1.1\r\nAuthorization: bearer 0123456789abcdef\r\n\r\n",
                        &rt, &r),
                  1);
    ASSERT_INT_EQ(r.status, 405);
    ASSERT_CONTAINS(r.headers, "Allow: POST");
    ars__resp_clear(&r);
    ASSERT_INT_EQ(route(&srv,
                        "POST /v1/solve HTTP/1.1\r\nAuthorization: Bearer 0123456789abcdef\r\n"
                        "Content-Type: application/json\r\nContent-Length: 101\r\n\r\n",
                        &rt, &r),
                  2);
    ASSERT_INT_EQ(r.status, 413);
    ars__resp_clear(&r);
    ASSERT_INT_EQ(route(&srv,
                        "POST /v1/solve HTTP/1.1\r\nAuthorization: Bearer 0123456789abcdef\r\n"
                        "Content-Type: text/json\r\nContent-Length: 2\r\n\r\n",
                        &rt, &r),
                  1);
    ASSERT_INT_EQ(r.status, 415);
    ars__resp_clear(&r);
    ASSERT_INT_EQ(route(&srv,
                        "GET /v1/studies/0123456789abcdef HTTP/1.1\r\n"
                        "Authorization: Bearer 0123456789abcdef\r\n\r\n",
                        &rt, &r),
                  0);
    ASSERT_STR_EQ(rt.id, "0123456789abcdef");
    ASSERT_INT_EQ(rt.ep, ARS__EP_STUDY_GET);
    ASSERT_INT_EQ(route(&srv,
                        "GET /v1/studies/../../etc/passwd HTTP/1.1\r\n"
                        "Authorization: Bearer 0123456789abcdef\r\n\r\n",
                        &rt, &r),
                  1);
    ASSERT_INT_EQ(r.status, 404);
    ars__resp_clear(&r);
    ars__srv_free(&srv);
}

static void response_bytes(void)
{
    ars__resp r;
    size_t len = 0;
    char *bytes;
    memset(&r, 0, sizeof r);
    ars__resp_error(&r, 503, "busy", NULL, 4, "all %d workers are busy", 2);
    ars__resp_add_header(&r, "Retry-After: 1\r\n");
    bytes = ars__resp_serialize(&r, 0, &len);
    ASSERT_TRUE(bytes != NULL);
    ASSERT_TRUE(strncmp(bytes, "HTTP/1.1 503 Service Unavailable\r\n", 34) == 0);
    ASSERT_CONTAINS(bytes, "Retry-After: 1\r\n");
    ASSERT_CONTAINS(bytes,
                    "Connection: close\r\n\r\n{\"error\":\"busy\",\"message\":\"all 2 workers "
                    "are busy\",\"limit\":4}\n");
    /* Content-Length is the body's length: the text after the blank line */
    {
        char want[64];
        snprintf(want, sizeof want, "Content-Length: %zu\r\n",
                 strlen(strstr(bytes, "\r\n\r\n") + 4));
        ASSERT_CONTAINS(bytes, want);
    }
    ars__free(bytes);
    ars__resp_clear(&r);
}

/* Pool: one worker, queue 1. A job that blocks until released holds the
 * worker, one more waits, a third is refused; all finished jobs come back
 * on the loop thread. */
static volatile int release_flag;
static int done_count;
static void blocking_run(ars__job *j)
{
    while (!release_flag && !j->cancel)
        usleep(1000);
    j->resp.status = 200;
}
static void count_done(ars__job *j)
{
    done_count++;
    ars__job_free(j);
}
static void pool_bounded_queue(void)
{
    uv_loop_t loop;
    ars__pool pool;
    ars__job *j[3];
    int i, q = 0, r = 0;
    double t0;
    uv_loop_init(&loop);
    ASSERT_INT_EQ(ars__pool_start(&pool, &loop, 1, 1), 0);
    for (i = 0; i < 3; i++) {
        j[i] = ars__calloc(1, sizeof *j[i]);
        j[i]->run = blocking_run;
        j[i]->done = count_done;
    }
    ASSERT_INT_EQ(ars__pool_submit(&pool, j[0]), 0);
    /* Waits are on the condition, bounded in time only against a hang: a
     * loaded machine may take far longer than usual to run the worker. */
    t0 = ars__now();
    while (r == 0 && ars__now() - t0 < 60) {
        usleep(1000);
        ars__pool_stats(&pool, &q, &r);
    }
    ASSERT_INT_EQ(r, 1);
    ASSERT_INT_EQ(ars__pool_submit(&pool, j[1]), 0);
    ASSERT_INT_EQ(ars__pool_submit(&pool, j[2]), -1);
    ars__job_free(j[2]);
    ars__pool_stats(&pool, &q, &r);
    ASSERT_INT_EQ(q, 1);
    release_flag = 1;
    t0 = ars__now();
    while (done_count < 2 && ars__now() - t0 < 60)
        uv_run(&loop, UV_RUN_NOWAIT), usleep(1000);
    ASSERT_INT_EQ(done_count, 2);
    ars__pool_stop(&pool);
    uv_run(&loop, UV_RUN_DEFAULT);
    ASSERT_INT_EQ(uv_loop_close(&loop), 0);
}

int main(void)
{
    RUN_TEST(parse_simple_get);
    RUN_TEST(parse_split_byte_by_byte);
    RUN_TEST(parse_pipelined_stops_at_end);
    RUN_TEST(parse_errors);
    RUN_TEST(parse_chunked_exact);
    RUN_TEST(parse_targets);
    RUN_TEST(tokens_compare_in_full);
    RUN_TEST(tokens_load_rules);
    RUN_TEST(router_decisions);
    RUN_TEST(response_bytes);
    RUN_TEST(pool_bounded_queue);
    TEST_EXIT();
}
