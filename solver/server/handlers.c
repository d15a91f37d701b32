/* handlers.c - the work of /v1/check, /v1/solve and /v1/whatif. Runs on
 * pool worker threads: every model is loaded, solved, turned into JSON and
 * freed on the same thread (GLPK state is per thread), and nothing here
 * touches libuv or the connection. */
#include "server/server.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
        ars__resp_json(&j->resp, 200, ars_result_to_json(r));
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

/* Solves one variant on the session and appends its entry. Returns 0, or
 * -1 when the whole request must stop (response set). */
static int whatif_variant(ars__job *j, ars_session *s, const ars_result *base, const char *name,
                          const char *scenario, const char *const *sets, size_t nsets,
                          const ars_model *bm, cJSON *out)
{
    ars_model *vm = NULL;
    ars_result *vr = NULL;
    ars_diag d;
    ars_error err;
    int rc, warm = 0;
    cJSON *entry = cJSON_CreateObject(), *delta;
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
    cJSON_AddItemToObject(entry, "result", ars_result_to_json(vr));
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
    const cJSON *vlist;
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
    cJSON_AddItemToObject(out, "variants", variants);
    if (nsets && whatif_variant(j, s, br, "set", NULL, sets, nsets, bm, variants) != 0)
        goto done;
    for (k = 0; k < nscen; k++)
        if (whatif_variant(j, s, br, scen[k], scen[k], NULL, 0, bm, variants) != 0)
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
        rc = whatif_variant(j, s, br, nm ? nm->valuestring : fallback, NULL, vs, nvs, bm, variants);
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
