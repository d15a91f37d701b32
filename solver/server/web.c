/* web.c - the planner's web page and the shipped models, served from
 * memory. The page (web/index.html, style.css, app.js) talks to the server
 * only through the HTTP API, so it gets no privileges the API does not
 * have: its files need no token (they hold no data), everything they fetch
 * does. Each file is served with its type, an ETag (If-None-Match gives
 * 304), "Cache-Control: no-cache" (the names carry no version, so browsers
 * revalidate, which costs one 304), gzip when the client accepts it, and a
 * Content-Security-Policy that allows only this origin's script and style:
 * no inline code, no other origin, no framing. */
#include "server/embedded.h"
#include "server/server.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#define CSP                                                                                        \
    "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; "           \
    "img-src 'self' blob: data:; connect-src 'self'; form-action 'none'; "                         \
    "frame-ancestors 'none'; base-uri 'none'\r\n"

typedef struct web_file {
    unsigned char *gz; /* gzip of the file; NULL when it would not be smaller */
    size_t gz_len;
    char etag[24]; /* quoted FNV-1a of the bytes */
} web_file;

static web_file *files;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_failed;

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

static int gzip_bytes(const unsigned char *in, size_t n, unsigned char **out, size_t *out_len)
{
    z_stream z;
    uLong cap;
    unsigned char *buf;
    memset(&z, 0, sizeof z);
    /* windowBits 15 + 16: a gzip wrapper, which every browser accepts for
     * Content-Encoding: gzip (raw zlib "deflate" is not portable). */
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    cap = deflateBound(&z, (uLong)n) + 32;
    buf = ars__malloc(cap);
    if (!buf) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&z);
        ars__free(buf);
        return -1;
    }
    *out_len = z.total_out;
    deflateEnd(&z);
    *out = buf;
    return 0;
}

static void init_files(void)
{
    size_t i;
    files = ars__calloc(ars__web_files_count ? ars__web_files_count : 1, sizeof *files);
    if (!files) {
        init_failed = 1;
        return;
    }
    for (i = 0; i < ars__web_files_count; i++) {
        const ars__embedded *e = &ars__web_files[i];
        web_file *f = &files[i];
        snprintf(f->etag, sizeof f->etag, "\"%016llx\"",
                 (unsigned long long)fnv1a(e->data, e->len));
        if (gzip_bytes(e->data, e->len, &f->gz, &f->gz_len) != 0) {
            init_failed = 1;
            return;
        }
        if (f->gz_len >= e->len) {
            ars__free(f->gz);
            f->gz = NULL;
        }
    }
}

int ars__web_init(void)
{
    pthread_once(&init_once, init_files);
    return init_failed ? -1 : 0;
}

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (dot && strcmp(dot, ".html") == 0)
        return "text/html; charset=utf-8";
    if (dot && strcmp(dot, ".css") == 0)
        return "text/css; charset=utf-8";
    if (dot && strcmp(dot, ".js") == 0)
        return "text/javascript; charset=utf-8";
    return "application/octet-stream";
}

int ars__web_file(const char *path, size_t len)
{
    size_t i;
    if (len == 1 && path[0] == '/') {
        path = "/index.html";
        len = strlen(path);
    }
    if (len < 2 || path[0] != '/')
        return -1;
    for (i = 0; i < ars__web_files_count; i++)
        if (strlen(ars__web_files[i].name) == len - 1 &&
            memcmp(ars__web_files[i].name, path + 1, len - 1) == 0)
            return (int)i;
    return -1;
}

/* 1 when a comma-separated header lists token (case-insensitive) without
 * q=0. */
static int lists_token(const char *h, const char *token)
{
    size_t tl = strlen(token);
    while (*h) {
        size_t n;
        const char *q;
        while (*h == ' ' || *h == '\t' || *h == ',')
            h++;
        n = strcspn(h, ",");
        if (n >= tl && strncasecmp(h, token, tl) == 0 &&
            (n == tl || h[tl] == ';' || h[tl] == ' ' || h[tl] == '\t')) {
            q = strstr(h, "q=");
            if (!q || q >= h + n)
                return 1;
            return strtod(q + 2, NULL) > 0;
        }
        h += n;
    }
    return 0;
}

/* 1 when If-None-Match names etag (weak or strong) or is "*". */
static int etag_matches(const char *inm, const char *etag)
{
    size_t el = strlen(etag);
    const char *p;
    if (strchr(inm, '*'))
        return 1;
    for (p = strstr(inm, etag); p; p = strstr(p + 1, etag))
        if (p[el] == '\0' || p[el] == ',' || p[el] == ' ')
            return 1;
    return 0;
}

void ars__web_serve(int file, const ars__req *req, ars__resp *resp)
{
    const ars__embedded *e;
    const web_file *f;
    const char *ae = req->accept_encoding.data ? req->accept_encoding.data : "";
    const char *inm = req->if_none_match.data ? req->if_none_match.data : "";
    const unsigned char *data;
    size_t len;
    char etag[28];
    int gz;
    if (ars__web_init() != 0 || file < 0 || (size_t)file >= ars__web_files_count) {
        ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory preparing the page");
        return;
    }
    e = &ars__web_files[file];
    f = &files[file];
    gz = f->gz && lists_token(ae, "gzip");
    /* The gzip bytes are a different representation, so another ETag. */
    snprintf(etag, sizeof etag, "%.*s%s\"", (int)strlen(f->etag) - 1, f->etag, gz ? "-gz" : "");
    resp->cache_control = "no-cache";
    ars__resp_add_header(resp, "ETag: %s\r\nVary: Accept-Encoding\r\n", etag);
    ars__resp_add_header(resp, "%s", CSP);
    ars__resp_add_header(resp, "Referrer-Policy: no-referrer\r\n");
    if (inm[0] && etag_matches(inm, etag)) {
        resp->status = 304;
        return;
    }
    data = gz ? f->gz : e->data;
    len = gz ? f->gz_len : e->len;
    resp->body = ars__malloc(len + 1);
    if (!resp->body) {
        ars__resp_clear(resp);
        ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
        return;
    }
    memcpy(resp->body, data, len);
    resp->body_len = len;
    resp->status = 200;
    resp->content_type = type_of(e->name);
    if (gz)
        ars__resp_add_header(resp, "Content-Encoding: gzip\r\n");
}

/* ---------------------------------------------------------------- models */

static int is_default(const ars__embedded *e)
{
    return strcmp(e->name, "baseline.json") == 0;
}

void ars__models_list(ars__resp *resp)
{
    cJSON *doc = cJSON_CreateObject(), *arr = cJSON_CreateArray();
    size_t i;
    if (!doc || !arr) {
        cJSON_Delete(doc);
        cJSON_Delete(arr);
        ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
        return;
    }
    cJSON_AddItemToObject(doc, "models", arr);
    for (i = 0; i < ars__model_files_count; i++) {
        const ars__embedded *e = &ars__model_files[i];
        cJSON *o = cJSON_CreateObject();
        char name[64];
        size_t n = strlen(e->name);
        if (!o)
            break;
        snprintf(name, sizeof name, "%.*s", (int)(n > 5 ? n - 5 : n), e->name);
        cJSON_AddStringToObject(o, "name", name);
        cJSON_AddNumberToObject(o, "bytes", (double)e->len);
        cJSON_AddBoolToObject(o, "default", is_default(e));
        cJSON_AddItemToArray(arr, o);
    }
    ars__resp_json(resp, 200, doc);
}

void ars__models_get(const char *name, ars__resp *resp)
{
    size_t i, n = strlen(name);
    for (i = 0; i < ars__model_files_count; i++) {
        const ars__embedded *e = &ars__model_files[i];
        if (strlen(e->name) == n + 5 && strncmp(e->name, name, n) == 0 &&
            strcmp(e->name + n, ".json") == 0) {
            resp->body = ars__malloc(e->len + 1);
            if (!resp->body) {
                ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
                return;
            }
            memcpy(resp->body, e->data, e->len);
            resp->body[e->len] = '\0';
            resp->body_len = e->len;
            resp->status = 200;
            resp->content_type = "application/json";
            return;
        }
    }
    ars__resp_error(resp, 404, NULL, NULL, -1,
                    "no shipped model named \"%s\"; GET /v1/models lists them", name);
}
