/* http.c - HTTP/1.1 request parsing on byte buffers (http-parser plus our own
 * limits) and response serialisation. No sockets here, so the fuzz target
 * and the unit tests drive it directly. */
#include "server/server.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Caps of the header values we keep; longer ones are an error (431) since
 * no valid request needs them. */
#define MAX_URL 2048
#define MAX_SMALL_HEADER 256
#define MAX_AUTH_HEADER 1024

static ars__hp *hp_of(http_parser *p)
{
    return (ars__hp *)p->data;
}

static int fail(ars__hp *hp, int status, const char *msg)
{
    if (!hp->err_status) {
        hp->err_status = status;
        hp->err_msg = msg;
    }
    return 1; /* a non-zero return stops http_parser_execute */
}

static int count_header_bytes(ars__hp *hp, size_t n)
{
    hp->header_bytes += n;
    if (hp->header_bytes > ARS__MAX_HEADER_BYTES)
        return fail(hp, 431, "request line and headers exceed 8192 bytes");
    return 0;
}

static int on_message_begin(http_parser *p)
{
    hp_of(p)->stage = 1;
    return 0;
}

static int on_url(http_parser *p, const char *at, size_t n)
{
    ars__hp *hp = hp_of(p);
    if (count_header_bytes(hp, n))
        return 1;
    if (hp->req.url.len + n > MAX_URL)
        return fail(hp, 431, "request target exceeds 2048 bytes");
    ars__buf_append(&hp->req.url, at, n);
    return hp->req.url.failed ? fail(hp, 500, "out of memory") : 0;
}

/* Stores a completed header if it is one we use. Header names are compared
 * without case (RFC 9110); a repeated Content-Type or Authorization is
 * ambiguous and refused. */
static int commit_header(ars__hp *hp)
{
    const char *f = hp->field.data ? hp->field.data : "";
    const char *v = hp->value.data ? hp->value.data : "";
    ars__buf *dst = NULL;
    size_t cap = MAX_SMALL_HEADER;
    size_t i;
    if (hp->field.failed || hp->value.failed)
        return fail(hp, 500, "out of memory");
    hp->nheaders++;
    if (hp->nheaders > ARS__MAX_HEADERS)
        return fail(hp, 431, "more than 100 header fields");
    for (i = 0; f[i]; i++)
        if (f[i] == ' ' || f[i] == '\t')
            return fail(hp, 400, "whitespace in a header field name");
    for (i = 0; v[i]; i++)
        if (v[i] == '\r' || v[i] == '\n')
            return fail(hp, 400, "line break in a header value");
    if (strcasecmp(f, "content-type") == 0) {
        if (hp->seen_ct++)
            return fail(hp, 400, "repeated Content-Type header");
        dst = &hp->req.content_type;
    } else if (strcasecmp(f, "accept") == 0) {
        dst = &hp->req.accept;
        if (hp->req.accept.len)
            ars__buf_puts(dst, ",");
    } else if (strcasecmp(f, "accept-encoding") == 0 || strcasecmp(f, "if-none-match") == 0) {
        dst = f[0] == 'a' || f[0] == 'A' ? &hp->req.accept_encoding : &hp->req.if_none_match;
        if (dst->len)
            ars__buf_puts(dst, ",");
    } else if (strcasecmp(f, "authorization") == 0) {
        if (hp->seen_auth++)
            return fail(hp, 400, "repeated Authorization header");
        dst = &hp->req.authorization;
        cap = MAX_AUTH_HEADER;
    } else if (strcasecmp(f, "expect") == 0) {
        if (strcasecmp(v, "100-continue") == 0)
            hp->req.expect_continue = 1;
        else
            return fail(hp, 417, "only Expect: 100-continue is supported");
    }
    if (dst) {
        if (dst->len + hp->value.len > cap)
            return fail(hp, 431, "a header value is too long");
        ars__buf_append(dst, v, hp->value.len);
        if (dst->failed)
            return fail(hp, 500, "out of memory");
    }
    hp->field.len = 0;
    hp->value.len = 0;
    if (hp->field.data)
        hp->field.data[0] = '\0';
    if (hp->value.data)
        hp->value.data[0] = '\0';
    return 0;
}

static int on_header_field(http_parser *p, const char *at, size_t n)
{
    ars__hp *hp = hp_of(p);
    if (count_header_bytes(hp, n + 4))
        return 1;
    if (hp->in_value) {
        if (commit_header(hp))
            return 1;
        hp->in_value = 0;
    }
    ars__buf_append(&hp->field, at, n);
    return 0;
}

static int on_header_value(http_parser *p, const char *at, size_t n)
{
    ars__hp *hp = hp_of(p);
    if (count_header_bytes(hp, n))
        return 1;
    hp->in_value = 1;
    ars__buf_append(&hp->value, at, n);
    return 0;
}

static int on_headers_complete(http_parser *p)
{
    ars__hp *hp = hp_of(p);
    if (hp->in_value && commit_header(hp))
        return 1;
    hp->in_value = 0;
    hp->req.method = (int)p->method;
    hp->req.keep_alive = http_should_keep_alive(p);
    if (p->http_major != 1)
        return fail(hp, 400, "only HTTP/1.x is served");
    /* http-parser sets content_length to ULLONG_MAX when absent, and keeps
     * the declared length while chunked bodies count down. */
    if (!(p->flags & F_CHUNKED) && p->content_length != (uint64_t)-1) {
        hp->req.has_content_length = 1;
        hp->req.content_length = p->content_length;
    }
    hp->stage = 2;
    /* Pause so that the caller sees the headers before any body byte. */
    http_parser_pause(p, 1);
    return 0;
}

static int on_body(http_parser *p, const char *at, size_t n)
{
    ars__hp *hp = hp_of(p);
    hp->req.body_seen += n;
    if (hp->req.body_seen > hp->max_body)
        return fail(hp, 413, "request body exceeds the limit");
    if (hp->req.discard_body)
        return 0;
    ars__buf_append(&hp->req.body, at, n);
    return hp->req.body.failed ? fail(hp, 500, "out of memory") : 0;
}

static int on_message_complete(http_parser *p)
{
    ars__hp *hp = hp_of(p);
    hp->stage = 3;
    /* Pause so that bytes of a pipelined next request stay with the caller. */
    http_parser_pause(p, 1);
    return 0;
}

static const http_parser_settings settings = {
    .on_message_begin = on_message_begin,
    .on_url = on_url,
    .on_header_field = on_header_field,
    .on_header_value = on_header_value,
    .on_headers_complete = on_headers_complete,
    .on_body = on_body,
    .on_message_complete = on_message_complete,
};

static void req_init(ars__req *r, size_t max_body)
{
    memset(r, 0, sizeof *r);
    ars__buf_init(&r->url, MAX_URL);
    ars__buf_init(&r->content_type, MAX_SMALL_HEADER);
    ars__buf_init(&r->accept, MAX_SMALL_HEADER);
    ars__buf_init(&r->authorization, MAX_AUTH_HEADER);
    ars__buf_init(&r->accept_encoding, MAX_SMALL_HEADER);
    ars__buf_init(&r->if_none_match, MAX_SMALL_HEADER);
    ars__buf_init(&r->body, max_body);
}

static void req_free(ars__req *r)
{
    ars__buf_free(&r->url);
    ars__buf_free(&r->content_type);
    ars__buf_free(&r->accept);
    ars__buf_free(&r->authorization);
    ars__buf_free(&r->accept_encoding);
    ars__buf_free(&r->if_none_match);
    ars__buf_free(&r->body);
}

void ars__hp_init(ars__hp *hp, size_t max_body)
{
    memset(hp, 0, sizeof *hp);
    hp->max_body = max_body;
    ars__buf_init(&hp->field, ARS__MAX_HEADER_BYTES);
    ars__buf_init(&hp->value, ARS__MAX_HEADER_BYTES);
    req_init(&hp->req, max_body);
    http_parser_init(&hp->parser, HTTP_REQUEST);
    hp->parser.data = hp;
    hp->at_line_start = 0;
}

void ars__hp_reset(ars__hp *hp)
{
    size_t max_body = hp->max_body;
    ars__hp_free(hp);
    ars__hp_init(hp, max_body);
}

void ars__hp_free(ars__hp *hp)
{
    req_free(&hp->req);
    ars__buf_free(&hp->field);
    ars__buf_free(&hp->value);
}

/* http-parser accepts obs-fold (a header line that starts with a space or a
 * tab, RFC 7230 3.2.4 says reject it); we look for it in the raw bytes of
 * the header section. */
static int scan_fold(ars__hp *hp, const char *data, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = data[i];
        if (hp->at_line_start && (c == ' ' || c == '\t'))
            return fail(hp, 400, "folded header line (obs-fold)");
        hp->at_line_start = c == '\n';
    }
    return 0;
}

int ars__hp_feed(ars__hp *hp, const char *data, size_t len, size_t *used)
{
    size_t n;
    enum http_errno e;
    int stage_before = hp->stage;
    *used = 0;
    if (hp->stage == 4)
        return ARS__HP_ERROR;
    if (hp->stage == 3)
        return ARS__HP_DONE;
    if (hp->stage == 2 && !hp->headers_reported) {
        hp->headers_reported = 1;
        return ARS__HP_HEADERS;
    }
    if (len == 0)
        return ARS__HP_MORE;
    http_parser_pause(&hp->parser, 0);
    n = http_parser_execute(&hp->parser, &settings, data, len);
    e = HTTP_PARSER_ERRNO(&hp->parser);
    *used = n;
    /* The parser pauses at the end of the headers, so everything consumed
     * in a call that started before the body is header bytes. */
    if (stage_before <= 1 && !hp->err_status && e != HPE_OK && e != HPE_PAUSED) {
        /* the parser's own error wins */
    } else if (stage_before <= 1 && !hp->err_status) {
        scan_fold(hp, data, n);
    }
    if (hp->err_status || (e != HPE_OK && e != HPE_PAUSED)) {
        if (!hp->err_status) {
            if (e == HPE_HEADER_OVERFLOW)
                fail(hp, 431, "headers too large");
            else
                fail(hp, 400, http_errno_description(e));
        }
        hp->stage = 4;
        return ARS__HP_ERROR;
    }
    if (hp->stage == 2 && !hp->headers_reported) {
        hp->headers_reported = 1;
        return ARS__HP_HEADERS;
    }
    if (hp->stage == 3)
        return ARS__HP_DONE;
    return ARS__HP_MORE;
}

/* ----------------------------------------------------------- responses */

const char *ars__status_text(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Unknown";
    }
}

void ars__resp_clear(ars__resp *r)
{
    ars__free(r->body);
    memset(r, 0, sizeof *r);
}

static const char *error_code_of(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 406:
        return "not_acceptable";
    case 408:
        return "request_timeout";
    case 409:
        return "conflict";
    case 413:
        return "too_large";
    case 415:
        return "unsupported_media_type";
    case 417:
        return "expectation_failed";
    case 422:
        return "invalid";
    case 431:
        return "headers_too_large";
    case 503:
        return "unavailable";
    case 507:
        return "insufficient_storage";
    default:
        return "internal";
    }
}

/* A fixed body for when even building the error fails (out of memory). */
static const char oom_body[] = "{\"error\":\"internal\",\"message\":\"out of memory\"}";

void ars__resp_json(ars__resp *r, int status, cJSON *doc)
{
    char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    ars__free(r->body);
    r->body = NULL;
    r->content_type = "application/json";
    if (!text) {
        r->status = 500;
        snprintf(r->error, sizeof r->error, "internal");
        r->body = ars__strdup(oom_body);
        r->body_len = r->body ? strlen(r->body) : 0;
        return;
    }
    r->status = status;
    r->body_len = strlen(text);
    r->body = ars__malloc(r->body_len + 2);
    if (r->body) {
        memcpy(r->body, text, r->body_len);
        r->body[r->body_len++] = '\n';
        r->body[r->body_len] = '\0';
    } else {
        r->body_len = 0;
    }
    cJSON_free(text);
}

void ars__resp_error(ars__resp *r, int status, const char *error, const char *field, double limit,
                     const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    cJSON *doc = cJSON_CreateObject();
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!error)
        error = error_code_of(status);
    snprintf(r->error, sizeof r->error, "%s", error);
    if (doc) {
        cJSON_AddStringToObject(doc, "error", error);
        cJSON_AddStringToObject(doc, "message", msg);
        if (field)
            cJSON_AddStringToObject(doc, "field", field);
        if (limit >= 0)
            cJSON_AddNumberToObject(doc, "limit", limit);
    }
    ars__resp_json(r, status, doc);
}

void ars__resp_add_header(ars__resp *r, const char *fmt, ...)
{
    size_t used = strlen(r->headers);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->headers + used, sizeof r->headers - used, fmt, ap);
    va_end(ap);
}

char *ars__resp_serialize(const ars__resp *r, int keep_alive, size_t *len)
{
    ars__buf b;
    ars__buf_init(&b, 0);
    ars__buf_printf(&b, "HTTP/1.1 %d %s\r\n", r->status, ars__status_text(r->status));
    if (r->content_type)
        ars__buf_printf(&b, "Content-Type: %s\r\n", r->content_type);
    /* A 304 has no body; a Content-Length there would have to be the
     * 200's, so it is left out. */
    if (r->status != 304)
        ars__buf_printf(&b, "Content-Length: %zu\r\n", r->body_len);
    ars__buf_printf(&b, "Cache-Control: %s\r\n", r->cache_control ? r->cache_control : "no-store");
    ars__buf_puts(&b, "X-Content-Type-Options: nosniff\r\n");
    ars__buf_puts(&b, r->headers);
    ars__buf_puts(&b, keep_alive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
    if (r->body_len)
        ars__buf_append(&b, r->body, r->body_len);
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return ars__buf_take(&b);
}
