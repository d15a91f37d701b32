/* handlers.c - the work of /v1/check, /v1/solve and /v1/whatif. Runs on
 * pool worker threads: every model is loaded, solved, turned into JSON and
 * freed on the same thread (GLPK state is per thread), and nothing here
 * touches libuv or the connection. */
#include "server/server.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Loader errors that come from reading the JSON text itself (the scanner
 * reports them on the whole document with a line and column) are a bad
 * request; errors about the content of valid JSON are 422. */
static int diag_is_syntax(const ars_diag *d)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == ARS_SEV_ERROR && d->items[i].line > 0 &&
            (!d->items[i].pointer || d->items[i].pointer[0] == '\0'))
            return 1;
    return 0;
}

static const char *first_error(const ars_diag *d, const char **pointer)
{
    size_t i;
    for (i = 0; i < d->count; i++)
        if (d->items[i].severity == ARS_SEV_ERROR) {
            *pointer = d->items[i].pointer ? d->items[i].pointer : "";
            return d->items[i].message ? d->items[i].message : "";
        }
    *pointer = "";
    return "invalid model";
}

/* The error response of a model that failed to load: 400 for JSON syntax
 * and nesting, 422 for content and size limits, with every diagnostic. */
static void model_error(ars__resp *resp, int rc, const ars_diag *d, const char *where)
{
    const char *ptr, *msg;
    cJSON *doc, *diag;
    char field[300];
    int status;
    if (rc == ARS_ENOMEM) {
        ars__resp_error(resp, 503, "out_of_memory", NULL, -1,
                        "out of memory while loading the model; retry later");
        return;
    }
    msg = first_error(d, &ptr);
    status = diag_is_syntax(d) ? 400 : 422;
    snprintf(field, sizeof field, "%s%s", where, ptr);
    doc = cJSON_CreateObject();
    diag = ars_diag_to_json(d);
    if (!doc || !diag) {
        cJSON_Delete(doc);
        cJSON_Delete(diag);
        ars__resp_error(resp, 503, "out_of_memory", NULL, -1, "out of memory");
        return;
    }
    cJSON_AddStringToObject(doc, "error",
                            status == 400 ? "bad_json" : (rc == ARS_ELIMIT ? "limit" : "invalid"));
    cJSON_AddStringToObject(doc, "message", msg);
    cJSON_AddStringToObject(doc, "field", field);
    cJSON_AddItemToObject(doc, "diagnostics", diag);
    snprintf(resp->error, sizeof resp->error, "%s",
             status == 400 ? "bad_json" : (rc == ARS_ELIMIT ? "limit" : "invalid"));
    ars__resp_json(resp, status, doc);
}

static int load_body_model(ars__job *j, ars_model **m, ars__resp *resp)
{
    ars_diag d;
    int rc;
    ars_diag_init(&d);
    rc = ars_model_load_text(j->body, j->body_len, &j->limits, m, &d);
    if (rc != ARS_OK)
        model_error(resp, rc, &d, "");
    ars_diag_free(&d);
    return rc;
}

void ars__run_check(ars__job *j)
{
    ars_model *m = NULL;
    ars_diag d;
    cJSON *doc;
    int rc;
    ars_diag_init(&d);
    rc = ars_model_load_text(j->body, j->body_len, &j->limits, &m, &d);
    if (rc == ARS_ENOMEM) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
    } else {
        /* Checking is the answer here: an invalid model is a successful
         * check that says so, with every diagnostic. */
        doc = ars_diag_to_json(&d);
        if (doc) {
            cJSON_AddBoolToObject(doc, "valid", rc == ARS_OK);
            if (m && ars_model_name(m))
                cJSON_AddStringToObject(doc, "name", ars_model_name(m));
        }
        ars__resp_json(&j->resp, 200, doc);
    }
    ars_model_free(m);
    ars_diag_free(&d);
}

/* The answer when a solve returned an error code. */
static void solve_error(ars__job *j, int rc, const ars_error *err)
{
    if (rc == ARS_ECANCELLED) {
        if (j->shutdown_cancel)
            ars__resp_error(&j->resp, 503, "shutting_down", NULL, -1,
                            "the solve was cancelled: the server is shutting down");
        else
            ars__resp_error(&j->resp, 503, "cancelled", NULL, -1, "the solve was cancelled");
    } else if (rc == ARS_ENOMEM) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1,
                        "out of memory while solving; retry later or send a smaller model");
    } else if (rc == ARS_ELIMIT || rc == ARS_EINVALID) {
        ars__resp_error(&j->resp, 422, rc == ARS_ELIMIT ? "limit" : "invalid",
                        err->field[0] ? err->field : NULL, -1, "%s", err->message);
    } else {
        ars__resp_error(&j->resp, 500, "solver_failed", err->field[0] ? err->field : NULL, -1, "%s",
                        err->message[0] ? err->message : ars_strerror(rc));
    }
}

static void solve_opts(const ars__job *j, ars_solve_opts *o)
{
    ars_solve_opts_default(o);
    o->time_limit = j->time_limit;
    o->explain = j->explain;
    o->licence_value = j->licence_value;
    o->verify = !j->no_verify;
    o->cancel = (volatile int *)&j->cancel;
    if (j->solver >= 0)
        o->solver = j->solver;
}

/* "charts": {name: SVG text} of the plan, the drawings of `arsenal solve
 * --charts`; null without a plan. -1 out of memory. */
static int add_charts(cJSON *doc)
{
    cJSON *charts;
    const cJSON *plan = cJSON_GetObjectItemCaseSensitive(doc, "plan");
    size_t i;
    if (!cJSON_IsObject(plan))
        return cJSON_AddNullToObject(doc, "charts") ? 0 : -1;
    charts = cJSON_AddObjectToObject(doc, "charts");
    if (!charts)
        return -1;
    for (i = 0; ars_plan_chart_names[i]; i++) {
        char *svg = NULL;
        size_t len = 0;
        ars_error err;
        cJSON *item;
        ars_error_clear(&err);
        if (ars_plan_chart_svg(doc, ars_plan_chart_names[i], &svg, &len, &err) != ARS_OK)
            return -1;
        item = cJSON_AddStringToObject(charts, ars_plan_chart_names[i], svg);
        free(svg);
        if (!item)
            return -1;
    }
    return 0;
}

static char *slurp(const char *path, size_t *len);

/* "tables": {"plan.csv": text, "shortfalls.csv", "payments.csv",
 * "bottlenecks.csv"}, what `arsenal export --format csv` writes (the
 * library writes them only to a folder, so they go through a private
 * temporary one, removed before the answer); null without a plan. -1 when
 * they could not be made. */
static int add_tables(cJSON *doc, const ars_result *r)
{
    static const char *const names[] = {"plan.csv", "shortfalls.csv", "payments.csv",
                                        "bottlenecks.csv"};
    const char *tmpdir = getenv("TMPDIR");
    char dir[512], path[600];
    cJSON *tables;
    ars_error err;
    size_t i;
    int rc = 0;
    if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "plan")))
        return cJSON_AddNullToObject(doc, "tables") ? 0 : -1;
    snprintf(dir, sizeof dir, "%s/arsenal-tables-XXXXXX",
             tmpdir && tmpdir[0] && strlen(tmpdir) < 400 ? tmpdir : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    ars_error_clear(&err);
    tables = cJSON_AddObjectToObject(doc, "tables");
    if (!tables || ars_result_write_csv(r, dir, &err) != ARS_OK)
        rc = -1;
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t len = 0;
        char *text;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        text = rc == 0 ? slurp(path, &len) : NULL;
        unlink(path);
        if (rc == 0 && (!text || !cJSON_AddStringToObject(tables, names[i], text)))
            rc = -1;
        ars__free(text);
    }
    rmdir(dir);
    return rc;
}

void ars__run_solve(ars__job *j)
{
    ars_model *m = NULL;
    ars_result *r = NULL;
    ars_solve_opts o;
    ars_error err;
    int rc;
    if (load_body_model(j, &m, &j->resp) != ARS_OK)
        return;
    solve_opts(j, &o);
    ars_error_clear(&err);
    rc = ars_solve(m, &o, &r, &err);
    if (rc == ARS_OK || (r && rc != ARS_ECANCELLED)) {
        /* A solver failure that still produced a result (status "error")
         * is reported in the result, like the CLI does. */
        cJSON *doc = ars_result_to_json(r);
        const char *failed = NULL;
        if (doc && j->charts && add_charts(doc) != 0)
            failed = "the charts (out of memory)";
        else if (doc && j->tables && add_tables(doc, r) != 0)
            failed = "the CSV tables (out of memory, or no temporary folder in TMPDIR or /tmp)";
        if (failed) {
            cJSON_Delete(doc);
            ars__resp_error(&j->resp, 500, "internal", NULL, -1,
                            "the plan was solved but %s could not be made", failed);
        } else {
            ars__resp_json(&j->resp, 200, doc);
        }
    } else {
        solve_error(j, rc, &err);
    }
    ars_result_free(r);
    ars_model_free(m);
}

/* ----------------------------------------------------------------- whatif */

/* Parses a JSON request envelope strictly: no NUL bytes, nothing after the
 * document, and a nesting limit. */
static cJSON *parse_envelope(ars__job *j)
{
    const char *end = NULL;
    cJSON *doc;
    size_t i, line = 1, col = 1;
    if (j->body_len == 0) {
        ars__resp_error(&j->resp, 400, "bad_json", "", -1, "empty body; expected a JSON object");
        return NULL;
    }
    if (memchr(j->body, '\0', j->body_len)) {
        ars__resp_error(&j->resp, 400, "bad_json", "", -1, "NUL byte in the body");
        return NULL;
    }
    /* The length includes the terminating NUL so that cJSON's
     * require_null_terminated rejects trailing data. */
    doc = cJSON_ParseWithLengthOpts(j->body, j->body_len + 1, &end, 1);
    if (!doc) {
        size_t off = end && end >= j->body ? (size_t)(end - j->body) : 0;
        for (i = 0; i < off && i < j->body_len; i++) {
            if (j->body[i] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        ars__resp_error(&j->resp, 400, "bad_json", "", -1,
                        "invalid JSON (or data after it) at line %zu, column %zu", line, col);
        return NULL;
    }
    if (!cJSON_IsObject(doc)) {
        cJSON_Delete(doc);
        ars__resp_error(&j->resp, 400, "bad_json", "", -1, "expected a JSON object");
        return NULL;
    }
    return doc;
}

/* Loads the "model" member of an envelope, or the embedded default model
 * when it is absent. */
static int load_member_model(ars__job *j, const cJSON *env, ars_model **m)
{
    const cJSON *mj = cJSON_GetObjectItemCaseSensitive(env, "model");
    ars_diag d;
    int rc;
    char *text;
    ars_diag_init(&d);
    if (!mj) {
        size_t len;
        const char *def = ars_default_model_text(&len);
        rc = ars_model_load_text(def, len, &j->limits, m, &d);
    } else if (!cJSON_IsObject(mj)) {
        ars__resp_error(&j->resp, 400, "bad_request", "/model", -1,
                        "model must be an object (a model document)");
        return ARS_EINVALID;
    } else {
        /* The loader reads text; print the member back. Line and column
         * in its errors then refer to this compact text, but pointers
         * (prefixed with /model) name the place exactly. */
        text = cJSON_PrintUnformatted(mj);
        if (!text) {
            ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
            return ARS_ENOMEM;
        }
        rc = ars_model_load_text(text, strlen(text), &j->limits, m, &d);
        cJSON_free(text);
    }
    if (rc != ARS_OK)
        model_error(&j->resp, rc, &d, "/model");
    ars_diag_free(&d);
    return rc;
}

/* The string array at key (may be absent: n = 0). */
static int string_list(ars__job *j, const cJSON *obj, const char *key, const char *where,
                       const char ***out, size_t *n)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, key), *it;
    size_t k = 0;
    *out = NULL;
    *n = 0;
    if (!a)
        return 0;
    if (!cJSON_IsArray(a)) {
        ars__resp_error(&j->resp, 400, "bad_request", where, -1, "%s must be an array of strings",
                        key);
        return -1;
    }
    *n = (size_t)cJSON_GetArraySize(a);
    *out = ars__calloc(*n ? *n : 1, sizeof **out);
    if (!*out) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        return -1;
    }
    cJSON_ArrayForEach(it, a)
    {
        if (!cJSON_IsString(it)) {
            ars__resp_error(&j->resp, 400, "bad_request", where, -1, "%s[%zu] must be a string",
                            key, k);
            ars__free((void *)*out);
            *out = NULL;
            return -1;
        }
        (*out)[k++] = it->valuestring;
    }
    return 0;
}

static void add_delta(cJSON *obj, const char *key, double base, double v)
{
    if (isfinite(base) && isfinite(v))
        cJSON_AddNumberToObject(obj, key, v - base);
    else
        cJSON_AddNullToObject(obj, key);
}

/* Lines in a variant's diff, as `arsenal whatif --top` gives by default. */
#define WHATIF_TOP_LINES 5

/* Solves one variant on the session and appends its entry: the deltas of S
 * and C, the diff `arsenal whatif` shows (against base_json, the base's
 * result) and the variant's result. Returns 0, or -1 when the whole request
 * must stop (response set). */
static int whatif_variant(ars__job *j, ars_session *s, const ars_result *base,
                          const cJSON *base_json, const char *name, const char *scenario,
                          const char *const *sets, size_t nsets, const ars_model *bm, cJSON *out)
{
    ars_model *vm = NULL;
    ars_result *vr = NULL;
    ars_diag d;
    ars_error err;
    int rc, warm = 0;
    cJSON *entry = cJSON_CreateObject(), *delta, *rj;
    ars_diag_init(&d);
    ars_error_clear(&err);
    if (!entry) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        return -1;
    }
    cJSON_AddItemToArray(out, entry);
    cJSON_AddStringToObject(entry, "name", name);
    if (scenario)
        rc = ars_model_apply_scenario(bm, scenario, &vm, &d, &err);
    else
        rc = ars_model_apply(bm, sets, nsets, &vm, &d, &err);
    if (rc != ARS_OK) {
        const char *ptr = "";
        if (rc == ARS_ENOMEM) {
            ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        } else if (d.nerrors) {
            const char *msg = first_error(&d, &ptr);
            ars__resp_error(&j->resp, 422, "invalid", ptr, -1, "variant \"%s\": %s", name, msg);
        } else {
            ars__resp_error(&j->resp, 422, rc == ARS_EPATH ? "bad_path" : "invalid",
                            err.field[0] ? err.field : NULL, -1, "variant \"%s\": %s", name,
                            err.message[0] ? err.message : ars_strerror(rc));
        }
        ars_diag_free(&d);
        return -1;
    }
    ars_diag_free(&d);
    rc = ars_session_solve(s, vm, &vr, &warm, &err);
    if (rc != ARS_OK && !(vr && rc != ARS_ECANCELLED)) {
        solve_error(j, rc, &err);
        ars_result_free(vr);
        ars_model_free(vm);
        return -1;
    }
    cJSON_AddStringToObject(entry, "status", ars_result_status(vr));
    cJSON_AddBoolToObject(entry, "warm_start", warm);
    delta = cJSON_AddObjectToObject(entry, "delta");
    if (delta) {
        add_delta(delta, "shortfall", ars_result_shortfall(base), ars_result_shortfall(vr));
        add_delta(delta, "cost", ars_result_cost(base), ars_result_cost(vr));
    }
    rj = ars_result_to_json(vr);
    if (rj)
        cJSON_AddItemToObject(entry, "diff", ars_result_diff(base_json, rj, WHATIF_TOP_LINES));
    cJSON_AddItemToObject(entry, "result", rj);
    ars_result_free(vr);
    ars_model_free(vm);
    return 0;
}

/* Body: {"model": {...} (default: the embedded model), "set": [...],
 * "scenarios": ["name", ...], "variants": [{"name", "set": [...]}]}. "set"
 * makes one variant named "set"; each scenario and each variant another.
 * The base is solved once and every variant re-solves on the same session
 * (warm start where only numbers changed). */
void ars__run_whatif(ars__job *j)
{
    cJSON *env = parse_envelope(j), *out = NULL, *variants, *it;
    const cJSON *vlist, *bj;
    ars_model *bm = NULL;
    ars_session *s = NULL;
    ars_result *br = NULL;
    ars_solve_opts o;
    ars_error err;
    const char **sets = NULL, **scen = NULL;
    size_t nsets = 0, nscen = 0, k, nvariants = 0;
    int rc;
    if (!env)
        return;
    for (it = env->child; it; it = it->next)
        if (strcmp(it->string, "model") && strcmp(it->string, "set") &&
            strcmp(it->string, "scenarios") && strcmp(it->string, "variants")) {
            ars__resp_error(&j->resp, 400, "bad_request", it->string, -1,
                            "unknown field \"%s\"; expected model, set, scenarios, variants",
                            it->string);
            goto done;
        }
    if (string_list(j, env, "set", "/set", &sets, &nsets) != 0 ||
        string_list(j, env, "scenarios", "/scenarios", &scen, &nscen) != 0)
        goto done;
    vlist = cJSON_GetObjectItemCaseSensitive(env, "variants");
    if (vlist && !cJSON_IsArray(vlist)) {
        ars__resp_error(&j->resp, 400, "bad_request", "/variants", -1,
                        "variants must be an array of {\"name\", \"set\"}");
        goto done;
    }
    nvariants = (nsets ? 1 : 0) + nscen + (size_t)(vlist ? cJSON_GetArraySize(vlist) : 0);
    if (nvariants == 0) {
        ars__resp_error(&j->resp, 400, "bad_request", "", -1,
                        "nothing to compare: give set, scenarios or variants");
        goto done;
    }
    if (load_member_model(j, env, &bm) != ARS_OK)
        goto done;
    solve_opts(j, &o);
    /* As `arsenal whatif`: ranges are not shown, but ranging tests each
     * price for uniqueness (ranging.c); a degenerate one is left out of the
     * bottleneck diff, which is then the same warm or cold. */
    o.ranging = o.explain;
    ars_error_clear(&err);
    rc = ars_session_create(bm, &o, &s, &err);
    if (rc == ARS_OK)
        rc = ars_session_solve(s, bm, &br, NULL, &err);
    if (rc != ARS_OK && !(br && rc != ARS_ECANCELLED)) {
        solve_error(j, rc, &err);
        goto done;
    }
    out = cJSON_CreateObject();
    variants = out ? cJSON_CreateArray() : NULL;
    if (!out || !variants) {
        cJSON_Delete(variants);
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        goto done;
    }
    cJSON_AddItemToObject(out, "base", ars_result_to_json(br));
    bj = cJSON_GetObjectItemCaseSensitive(out, "base");
    cJSON_AddItemToObject(out, "variants", variants);
    if (nsets && whatif_variant(j, s, br, bj, "set", NULL, sets, nsets, bm, variants) != 0)
        goto done;
    for (k = 0; k < nscen; k++)
        if (whatif_variant(j, s, br, bj, scen[k], scen[k], NULL, 0, bm, variants) != 0)
            goto done;
    k = 0;
    cJSON_ArrayForEach(it, vlist)
    {
        const cJSON *nm = cJSON_GetObjectItemCaseSensitive(it, "name");
        const char **vs = NULL;
        size_t nvs = 0;
        char where[64], fallback[32];
        snprintf(where, sizeof where, "/variants/%zu/set", k);
        if (!cJSON_IsObject(it) || (nm && !cJSON_IsString(nm))) {
            ars__resp_error(&j->resp, 400, "bad_request", where, -1,
                            "variants[%zu] must be {\"name\": string, \"set\": [strings]}", k);
            goto done;
        }
        if (string_list(j, it, "set", where, &vs, &nvs) != 0)
            goto done;
        snprintf(fallback, sizeof fallback, "variant %zu", k + 1);
        rc = whatif_variant(j, s, br, bj, nm ? nm->valuestring : fallback, NULL, vs, nvs, bm,
                            variants);
        ars__free((void *)vs);
        if (rc != 0)
            goto done;
        k++;
    }
    ars__resp_json(&j->resp, 200, out);
    out = NULL;
done:
    cJSON_Delete(out);
    ars_result_free(br);
    ars_session_free(s);
    ars_model_free(bm);
    ars__free((void *)sets);
    ars__free((void *)scen);
    cJSON_Delete(env);
}

/* ----------------------------------------------------------------- export */

/* Reads all of path into a NUL-terminated buffer. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ars__buf b;
    char chunk[65536];
    size_t got;
    if (!fp)
        return NULL;
    ars__buf_init(&b, 0);
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        ars__buf_append(&b, chunk, got);
    if (ferror(fp))
        b.failed = 1;
    fclose(fp);
    if (b.failed) {
        ars__buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return ars__buf_take(&b);
}

/* GLPK writes programs only to files, so the export goes through a private
 * temporary file (mkstemp: no name from the request) that is removed
 * before the answer. */
void ars__run_export(ars__job *j)
{
    ars_model *m = NULL;
    ars_error err;
    const char *tmpdir = getenv("TMPDIR");
    char path[512];
    char *text;
    size_t len = 0;
    int fd, mps = j->export_format == 2;
    if (load_body_model(j, &m, &j->resp) != ARS_OK)
        return;
    snprintf(path, sizeof path, "%s/arsenal-export-XXXXXX",
             tmpdir && tmpdir[0] && strlen(tmpdir) < 400 ? tmpdir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0) {
        ars__resp_error(&j->resp, 500, "io", NULL, -1, "cannot create a temporary file: %s",
                        strerror(errno));
        ars_model_free(m);
        return;
    }
    close(fd);
    ars_error_clear(&err);
    if (ars_model_export(m, mps ? NULL : path, mps ? path : NULL, &err) != ARS_OK) {
        unlink(path);
        solve_error(j, err.code ? err.code : ARS_EIO, &err);
        ars_model_free(m);
        return;
    }
    text = slurp(path, &len);
    unlink(path);
    ars_model_free(m);
    if (!text) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "cannot read the export back");
        return;
    }
    j->resp.status = 200;
    j->resp.content_type = "text/plain; charset=utf-8";
    j->resp.body = text;
    j->resp.body_len = len;
}
