/* router.c - from a parsed request to a response or a job: bearer-token
 * auth, the route table, methods, media types and the body limit. Runs on
 * the loop thread and never does more than look at the request: models are
 * loaded and solved by jobs on the worker pool. */
#include "server/server.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---------------------------------------------------------------- tokens */

/* Shorter tokens are guessable; refuse them rather than run weakly. */
#define MIN_TOKEN_LEN 16
#define MAX_TOKEN_LEN 512

static int push_token(const char *text, size_t tl, const char *origin, char ***tokens, size_t *n,
                      ars_error *err)
{
    char **nt;
    char *t;
    /* The error names the token by its position only: never echo it. */
    if (tl < MIN_TOKEN_LEN || tl > MAX_TOKEN_LEN)
        return ars_error_set(err, ARS_EUSAGE, origin,
                             "token %zu has %zu characters; expected %d to %d", *n + 1, tl,
                             MIN_TOKEN_LEN, MAX_TOKEN_LEN);
    t = ars__malloc(tl + 1);
    nt = ars__realloc(*tokens, (*n + 1) * sizeof *nt);
    if (!t || !nt) {
        ars__free(t);
        if (nt)
            *tokens = nt;
        return ars_error_set(err, ARS_ENOMEM, origin, "out of memory reading tokens");
    }
    memcpy(t, text, tl);
    t[tl] = '\0';
    *tokens = nt;
    nt[(*n)++] = t;
    return ARS_OK;
}

static int add_tokens(const char *text, size_t len, const char *origin, char ***tokens, size_t *n,
                      ars_error *err)
{
    size_t i = 0;
    while (i < len) {
        size_t start;
        int rc;
        while (i < len && (isspace((unsigned char)text[i]) || text[i] == ','))
            i++;
        if (i < len && text[i] == '#') {
            while (i < len && text[i] != '\n')
                i++;
            continue;
        }
        start = i;
        while (i < len && !isspace((unsigned char)text[i]) && text[i] != ',')
            i++;
        if (i == start)
            continue;
        rc = push_token(text + start, i - start, origin, tokens, n, err);
        if (rc != ARS_OK)
            return rc;
    }
    return ARS_OK;
}

/* A store the compiler may not drop as dead, for a buffer that held a
 * secret. */
static void wipe(char *p, size_t n)
{
    volatile char *v = p;
    while (n--)
        *v++ = 0;
}

/* --token-file: exactly one token, its first line with surrounding white
 * space trimmed; anything else is refused, as is a file that group or
 * others may read (a secret kept like an ssh key). No message shows any
 * of the file's bytes. */
static int load_token_file(const char *path, char ***tokens, size_t *n, ars_error *err)
{
    char buf[4096];
    struct stat st;
    size_t got = 0, i, line = 0, tok_start = 0, tok_end = 0;
    ssize_t r;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY), rc;
    if (fd < 0)
        return ars_error_set(err, ARS_EIO, "--token-file", "cannot open %s: %s", path,
                             strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return ars_error_set(err, ARS_EUSAGE, "--token-file", "%s is not a regular file", path);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return ars_error_set(err, ARS_EUSAGE, "--token-file",
                             "%s has mode %04o: group or others may use it; the token must be "
                             "readable by its owner only (chmod 600 %s)",
                             path, (unsigned)(st.st_mode & 07777), path);
    }
    while (got < sizeof buf && (r = read(fd, buf + got, sizeof buf - got)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = errno;
            close(fd);
            wipe(buf, sizeof buf);
            return ars_error_set(err, ARS_EIO, "--token-file", "cannot read %s: %s", path,
                                 strerror(rc));
        }
        got += (size_t)r;
    }
    close(fd);
    if (got == sizeof buf) {
        wipe(buf, sizeof buf);
        return ars_error_set(err, ARS_ELIMIT, "--token-file",
                             "%s is over %zu bytes; expected one token", path, sizeof buf - 1);
    }
    /* Line by line: the first holds the token, every other must be blank. */
    for (i = 0; i < got; line++) {
        size_t s = i, e;
        while (i < got && buf[i] != '\n')
            i++;
        e = i;
        if (i < got)
            i++;
        while (s < e && isspace((unsigned char)buf[s]))
            s++;
        while (e > s && isspace((unsigned char)buf[e - 1]))
            e--;
        if (line == 0) {
            tok_start = s;
            tok_end = e;
        } else if (e > s) {
            wipe(buf, sizeof buf);
            return ars_error_set(err, ARS_EUSAGE, "--token-file",
                                 "%s has text on line %zu: it must hold exactly one token, on "
                                 "its first line",
                                 path, line + 1);
        }
    }
    rc = ARS_OK;
    if (tok_end == tok_start) {
        rc = ars_error_set(err, ARS_EUSAGE, "--token-file", "%s has no token on its first line",
                           path);
    } else {
        for (i = tok_start; i < tok_end; i++)
            if (isspace((unsigned char)buf[i]) || (unsigned char)buf[i] < 0x21 ||
                (unsigned char)buf[i] == 0x7f)
                break;
        if (i < tok_end)
            rc = ars_error_set(err, ARS_EUSAGE, "--token-file",
                               "the token in %s contains a space or control character at "
                               "position %zu",
                               path, i - tok_start + 1);
        else
            rc = push_token(buf + tok_start, tok_end - tok_start, "--token-file", tokens, n, err);
    }
    wipe(buf, sizeof buf);
    return rc;
}

int ars__tokens_load(const ars_server_opts *o, char ***tokens, size_t *n, ars_error *err)
{
    int rc = ARS_OK;
    *tokens = NULL;
    *n = 0;
    if (o->token_file)
        rc = load_token_file(o->token_file, tokens, n, err);
    if (rc == ARS_OK && o->tokens)
        rc = add_tokens(o->tokens, strlen(o->tokens), "ARSENAL_TOKENS", tokens, n, err);
    if (rc != ARS_OK) {
        ars__tokens_free(*tokens, *n);
        *tokens = NULL;
        *n = 0;
    }
    return rc;
}

void ars__tokens_free(char **tokens, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        volatile char *p = tokens[i];
        size_t k = strlen(tokens[i]);
        while (k--)
            *p++ = 0;
        ars__free(tokens[i]);
    }
    ars__free(tokens);
}

/* Compares every byte of every token whatever matches, so the time taken
 * tells nothing about which prefix was right (Redis's
 * time_independent_strcmp does the same with a fixed-size buffer). */
int ars__token_match(char *const *tokens, size_t n, const char *given, size_t glen)
{
    size_t i, k;
    unsigned ok = 0;
    for (i = 0; i < n; i++) {
        size_t tl = strlen(tokens[i]);
        unsigned diff = (unsigned)(tl != glen);
        for (k = 0; k < MAX_TOKEN_LEN; k++) {
            unsigned char a = k < tl ? (unsigned char)tokens[i][k] : 0;
            unsigned char b = k < glen ? (unsigned char)given[k] : 0;
            diff |= (unsigned)(a ^ b);
        }
        ok |= (unsigned)(diff == 0);
    }
    return ok != 0 && glen <= MAX_TOKEN_LEN;
}

/* ----------------------------------------------------------------- routes */

enum {
    H_HEALTHZ,
    H_METRICS,
    H_CHECK,
    H_SOLVE,
    H_WHATIF,
    H_STUDIES,
    H_STUDY,
    H_MODELS,
    H_MODEL,
    H_EXPORT,
    H_WEB
};

static const struct {
    const char *path; /* exact, or a prefix ending in '/' for H_STUDY and H_MODEL */
    int handler;
    const char *allow;
} routes[] = {
    {"/v1/healthz", H_HEALTHZ, "GET"},        {"/metrics", H_METRICS, "GET"},
    {"/v1/check", H_CHECK, "POST"},           {"/v1/solve", H_SOLVE, "POST"},
    {"/v1/whatif", H_WHATIF, "POST"},         {"/v1/studies", H_STUDIES, "GET, POST"},
    {"/v1/studies/", H_STUDY, "GET, DELETE"}, {"/v1/models", H_MODELS, "GET"},
    {"/v1/models/", H_MODEL, "GET"},          {"/v1/export", H_EXPORT, "POST"},
};

/* Study ids are 16 lower-case hex digits: nothing else can reach the
 * store, so no request can name a file. */
static int valid_study_id(const char *s, size_t n)
{
    size_t i;
    if (n != 16)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* Shipped model names: letters, digits, '_' and '-', as in models/. */
static int valid_model_name(const char *s, size_t n)
{
    size_t i;
    if (n == 0 || n >= sizeof(((ars__route *)0)->id))
        return 0;
    for (i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

static size_t path_len(const char *url)
{
    size_t n = strcspn(url, "?#");
    return n;
}

static int media_is_json(const char *ct)
{
    size_t n = strcspn(ct, ";");
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

/* No type at all, or the one curl sends by default with --data: the
 * client most likely did not say, rather than meant a form. */
static int media_unsaid(const char *ct)
{
    size_t n = strcspn(ct, ";");
    while (n > 0 && (ct[n - 1] == ' ' || ct[n - 1] == '\t'))
        n--;
    return n == 0 || (n == 33 && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0);
}

/* The body reads as a JSON object or array: its first byte after white
 * space opens one (the handler's parser reports anything wrong after). */
static int body_looks_json(const ars__req *req)
{
    size_t i;
    for (i = 0; i < req->body.len; i++) {
        char c = req->body.data[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return 0;
}

static int method_allowed(int handler, int method)
{
    switch (handler) {
    case H_HEALTHZ:
    case H_METRICS:
    case H_MODELS:
    case H_MODEL:
    case H_WEB:
        return method == HTTP_GET;
    case H_STUDIES:
        return method == HTTP_GET || method == HTTP_POST;
    case H_STUDY:
        return method == HTTP_GET || method == HTTP_DELETE;
    default:
        return method == HTTP_POST;
    }
}

static int endpoint_of(int handler, int method)
{
    switch (handler) {
    case H_HEALTHZ:
        return ARS__EP_HEALTHZ;
    case H_METRICS:
        return ARS__EP_METRICS;
    case H_CHECK:
        return ARS__EP_CHECK;
    case H_SOLVE:
        return ARS__EP_SOLVE;
    case H_WHATIF:
        return ARS__EP_WHATIF;
    case H_STUDIES:
        return method == HTTP_POST ? ARS__EP_STUDY_CREATE : ARS__EP_STUDY_LIST;
    case H_STUDY:
        return method == HTTP_DELETE ? ARS__EP_STUDY_DELETE : ARS__EP_STUDY_GET;
    case H_MODELS:
    case H_MODEL:
        return ARS__EP_MODELS;
    case H_EXPORT:
        return ARS__EP_EXPORT;
    case H_WEB:
        return ARS__EP_WEB;
    default:
        return ARS__EP_OTHER;
    }
}

static int authorized(ars__srv *srv, const ars__req *req)
{
    const char *a = req->authorization.data ? req->authorization.data : "";
    size_t n;
    if (srv->ntokens == 0)
        return 1;
    if (strncasecmp(a, "Bearer ", 7) != 0)
        return 0;
    a += 7;
    while (*a == ' ')
        a++;
    n = strlen(a);
    while (n > 0 && a[n - 1] == ' ')
        n--;
    return ars__token_match(srv->tokens, srv->ntokens, a, n);
}

int ars__route_headers(ars__srv *srv, const ars__req *req, ars__route *rt, ars__resp *resp)
{
    const char *url = req->url.data ? req->url.data : "";
    size_t plen = path_len(url);
    size_t i;
    int h = -1;
    memset(rt, 0, sizeof *rt);
    rt->handler = -1;
    rt->ep = ARS__EP_OTHER;
    for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t rl = strlen(routes[i].path);
        if (routes[i].handler == H_STUDY || routes[i].handler == H_MODEL) {
            if (plen > rl && strncmp(url, routes[i].path, rl) == 0) {
                if (routes[i].handler == H_STUDY ? !valid_study_id(url + rl, plen - rl)
                                                 : !valid_model_name(url + rl, plen - rl))
                    break; /* not an id or a name: 404 below */
                memcpy(rt->id, url + rl, plen - rl);
                rt->id[plen - rl] = '\0';
                h = routes[i].handler;
                break;
            }
        } else if (plen == rl && strncmp(url, routes[i].path, rl) == 0) {
            h = routes[i].handler;
            break;
        }
    }
    if (h < 0 && srv->opts.web && (rt->web_file = ars__web_file(url, plen)) >= 0) {
        h = H_WEB;
        i = sizeof routes / sizeof routes[0]; /* no entry in routes */
    }
    if (h >= 0)
        rt->ep = endpoint_of(h, req->method);
    /* Health checks stay open so that load balancers need no token, and
     * so do the page's own files, which hold no data: the page asks for
     * the token and sends it with every API call. Every other path
     * (unknown ones too, so paths cannot be probed) needs one. */
    if (h != H_HEALTHZ && h != H_WEB && !authorized(srv, req)) {
        ars__resp_error(resp, 401, NULL, NULL, -1, "a valid bearer token is required");
        ars__resp_add_header(resp, "WWW-Authenticate: Bearer realm=\"arsenal\"\r\n");
        return 1;
    }
    if (h < 0) {
        ars__resp_error(resp, 404, NULL, NULL, -1, "no such endpoint; see docs/openapi.yaml");
        return 1;
    }
    if (!method_allowed(h, req->method)) {
        const char *allow = h == H_WEB ? "GET" : routes[i].allow;
        ars__resp_error(resp, 405, NULL, NULL, -1, "method %s is not allowed here; allowed: %s",
                        http_method_str((enum http_method)req->method), allow);
        ars__resp_add_header(resp, "Allow: %s\r\n", allow);
        return 1;
    }
    if (req->method == HTTP_POST) {
        if (req->has_content_length && req->content_length > srv->opts.max_body) {
            ars__resp_error(resp, 413, NULL, "Content-Length", (double)srv->opts.max_body,
                            "request body of %llu bytes exceeds the limit of %zu bytes",
                            req->content_length, srv->opts.max_body);
            return 2;
        }
        const char *ct = req->content_type.data ? req->content_type.data : "";
        if (media_unsaid(ct))
            rt->sniff_json = 1;
        else if (!media_is_json(ct)) {
            ars__resp_error(resp, 415, NULL, "Content-Type", -1,
                            "expected Content-Type: application/json");
            return 1;
        }
    }
    rt->handler = h;
    return 0;
}

/* Reads the query of the solve endpoint: explain=0|1, licence_value=0|1,
 * verify=0|1, charts=0|1, tables=0|1, time_limit=SECONDS, and format=lp|mps of
 * the export endpoint. */
static int parse_query(ars__srv *srv, const char *url, ars__job *j, ars__resp *resp)
{
    const char *q = strchr(url, '?');
    char key[32], val[64];
    if (!q)
        return 0;
    q++;
    while (*q) {
        size_t kl = strcspn(q, "=&"), vl = 0;
        const char *v = NULL;
        if (q[kl] == '=') {
            v = q + kl + 1;
            vl = strcspn(v, "&");
        }
        if (kl >= sizeof key || vl >= sizeof val) {
            ars__resp_error(resp, 400, NULL, "query", -1, "query parameter too long");
            return -1;
        }
        memcpy(key, q, kl);
        key[kl] = '\0';
        if (v)
            memcpy(val, v, vl);
        val[vl] = '\0';
        if (kl == 0) {
            /* an empty pair ("a=1&&b=2") is harmless */
        } else if (strcmp(key, "explain") == 0 || strcmp(key, "licence_value") == 0 ||
                   strcmp(key, "license_value") == 0 || strcmp(key, "verify") == 0 ||
                   strcmp(key, "charts") == 0 || strcmp(key, "tables") == 0) {
            int on;
            if (strcmp(val, "1") == 0 || strcmp(val, "true") == 0 || !v)
                on = 1;
            else if (strcmp(val, "0") == 0 || strcmp(val, "false") == 0)
                on = 0;
            else {
                char field[48];
                snprintf(field, sizeof field, "query.%s", key);
                ars__resp_error(resp, 400, NULL, field, -1,
                                "%s must be 0, 1, true or false, not \"%s\"", key, val);
                return -1;
            }
            if (key[0] == 'e')
                j->explain = on;
            else if (key[0] == 'l')
                j->licence_value = on;
            else if (key[0] == 'c')
                j->charts = on;
            else if (key[0] == 't')
                j->tables = on;
            else
                j->no_verify = !on; /* verification is on unless asked off */
        } else if (strcmp(key, "format") == 0) {
            if (strcmp(val, "lp") == 0 || strcmp(val, "mps") == 0) {
                j->export_format = val[0] == 'm' ? 2 : 1;
            } else {
                ars__resp_error(resp, 400, NULL, "query.format", -1,
                                "format must be lp or mps, not \"%s\"", val);
                return -1;
            }
        } else if (strcmp(key, "solver") == 0) {
            ars_error e;
            ars_error_clear(&e);
            if (ars_solver_parse(val, &j->solver, &e) != ARS_OK) {
                ars__resp_error(resp, 400, NULL, "query.solver", -1, "%s", e.message);
                return -1;
            }
        } else if (strcmp(key, "time_limit") == 0) {
            char *end = NULL;
            double t = strtod(val, &end);
            if (!v || end == val || *end || !(t > 0) || t > 1e6) {
                ars__resp_error(resp, 400, NULL, "query.time_limit", srv->opts.time_limit,
                                "time_limit must be seconds > 0, not \"%s\"", val);
                return -1;
            }
            /* A request may ask for less time than the server allows,
             * never more. */
            if (t < j->time_limit)
                j->time_limit = t;
        } else {
            ars__resp_error(resp, 400, NULL, "query", -1,
                            "unknown query parameter \"%s\"; expected explain, licence_value, "
                            "verify, charts, tables, solver, time_limit or format",
                            key);
            return -1;
        }
        q += kl + (v ? 1 + vl : 0);
        if (*q == '&')
            q++;
    }
    return 0;
}

static void healthz(ars__srv *srv, ars__resp *resp)
{
    cJSON *doc = cJSON_CreateObject();
    if (doc) {
        cJSON_AddStringToObject(doc, "status", srv->draining ? "draining" : "ok");
        cJSON_AddStringToObject(doc, "version", ars_version());
    }
    ars__resp_json(resp, srv->draining ? 503 : 200, doc);
}

static void metrics(ars__srv *srv, ars__resp *resp)
{
    size_t len = 0;
    char *text = ars__metrics_render(srv, &len);
    if (!text) {
        ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
        return;
    }
    resp->status = 200;
    resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
    resp->body = text;
    resp->body_len = len;
}

int ars__route_request(ars__srv *srv, ars__req *req, const ars__route *rt, ars__resp *resp,
                       ars__job **jobp)
{
    ars__job *j;
    void (*run)(ars__job *) = NULL;
    *jobp = NULL;
    if (rt->sniff_json && !body_looks_json(req)) {
        ars__resp_error(resp, 415, NULL, "Content-Type", -1,
                        "the body is not JSON; send it with Content-Type: application/json");
        return 0;
    }
    switch (rt->handler) {
    case H_HEALTHZ:
        healthz(srv, resp);
        return 0;
    case H_METRICS:
        metrics(srv, resp);
        return 0;
    case H_CHECK:
        run = ars__run_check;
        break;
    case H_SOLVE:
        run = ars__run_solve;
        break;
    case H_WHATIF:
        run = ars__run_whatif;
        break;
    case H_STUDIES:
        if (req->method == HTTP_GET) {
            ars__studies_list(srv, resp);
            return 0;
        }
        run = ars__run_study_create;
        break;
    case H_STUDY:
        if (req->method == HTTP_GET)
            ars__studies_get(srv, rt->id, req, resp);
        else
            ars__studies_delete(srv, rt->id, resp);
        return 0;
    case H_MODELS:
        ars__models_list(resp);
        return 0;
    case H_MODEL:
        ars__models_get(rt->id, resp);
        return 0;
    case H_WEB:
        ars__web_serve(rt->web_file, req, resp);
        return 0;
    case H_EXPORT:
        run = ars__run_export;
        break;
    default:
        ars__resp_error(resp, 404, NULL, NULL, -1, "no such endpoint");
        return 0;
    }
    if (srv->draining) {
        ars__resp_error(resp, 503, "shutting_down", NULL, -1, "the server is shutting down");
        resp->close = 1;
        return 0;
    }
    j = ars__calloc(1, sizeof *j);
    if (!j) {
        ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
        return 0;
    }
    j->run = run;
    j->ep = rt->ep;
    j->srv = srv;
    j->time_limit = srv->opts.time_limit;
    j->limits = srv->opts.limits;
    j->solver = -1;
    if (parse_query(srv, req->url.data ? req->url.data : "", j, resp) != 0) {
        ars__job_free(j);
        return 0;
    }
    /* What-if takes explain too: the page compares bottlenecks across
     * variants, as `arsenal whatif` does. */
    if (rt->handler != H_SOLVE && ((j->explain && rt->handler != H_WHATIF) || j->licence_value ||
                                   j->no_verify || j->charts || j->tables)) {
        const char *what = j->explain         ? "explain"
                           : j->licence_value ? "licence_value"
                           : j->charts        ? "charts"
                           : j->tables        ? "tables"
                                              : "verify";
        char field[48];
        snprintf(field, sizeof field, "query.%s", what);
        ars__resp_error(resp, 400, NULL, field, -1, "%s applies to /v1/solve", what);
        ars__job_free(j);
        return 0;
    }
    if (rt->handler != H_EXPORT && j->export_format) {
        ars__resp_error(resp, 400, NULL, "query.format", -1, "format applies to /v1/export");
        ars__job_free(j);
        return 0;
    }
    if (j->solver >= 0 && rt->handler != H_SOLVE && rt->handler != H_WHATIF) {
        ars__resp_error(resp, 400, NULL, "query.solver", -1,
                        "solver applies to /v1/solve and /v1/whatif (studies use the server's "
                        "--solver)");
        ars__job_free(j);
        return 0;
    }
    j->body_len = req->body.len;
    j->body = ars__buf_take(&req->body);
    if (!j->body) {
        j->body = ars__strdup("");
        j->body_len = 0;
        if (!j->body) {
            ars__job_free(j);
            ars__resp_error(resp, 500, NULL, NULL, -1, "out of memory");
            return 0;
        }
    }
    *jobp = j;
    return 1;
}

/* ------------------------------------------------------------- context */

void ars_server_opts_default(ars_server_opts *o)
{
    long cores = 0;
    memset(o, 0, sizeof *o);
    o->listen = "127.0.0.1:8080";
#ifdef _SC_NPROCESSORS_ONLN
    cores = sysconf(_SC_NPROCESSORS_ONLN);
#endif
    o->workers = cores > 0 ? (int)cores : 1;
    o->queue_max = 64;
    o->max_connections = 256;
    o->max_connections_per_address = 32;
    o->study_workers = 1;
    o->max_body = (size_t)16 << 20;
    ars_limits_default(&o->limits);
    o->time_limit = 60;
    /* Shorter than the body's: a real client sends its request line and
     * headers at once; only a slow one needs long. */
    o->header_timeout = 5;
    o->body_timeout = 30;
    o->idle_timeout = 5;
    o->grace = 10;
    o->web = 1;
}

int ars__srv_init(ars__srv *srv, const ars_server_opts *o, ars_error *err)
{
    int rc;
    memset(srv, 0, sizeof *srv);
    srv->opts = *o;
    if (srv->opts.limits.max_bytes == 0 || srv->opts.limits.max_bytes > srv->opts.max_body)
        srv->opts.limits.max_bytes = srv->opts.max_body;
    rc = ars__tokens_load(o, &srv->tokens, &srv->ntokens, err);
    if (rc == ARS_OK && srv->opts.web && ars__web_init() != 0)
        rc = ars_error_set(err, ARS_ENOMEM, "web", "out of memory compressing the web page");
    return rc;
}

void ars__srv_free(ars__srv *srv)
{
    ars__tokens_free(srv->tokens, srv->ntokens);
    srv->tokens = NULL;
    srv->ntokens = 0;
}
