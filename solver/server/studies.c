/* studies.c - asynchronous studies for POST/GET/DELETE /v1/studies.
 *
 * One runner thread takes queued studies in order and runs each with
 * ars_study_run (its own worker threads). With a data directory every study
 * lives in DIR/<id>/:
 *   spec.json   {"id", "created", "model", "study"}, written atomically
 *               before the study is acknowledged;
 *   points.csv  the CSV header, then one row per completed point, appended
 *               and fsync'ed as each point completes;
 *   state.json  {"state", "error"} once the study is done, failed or
 *               cancelled (atomically).
 * A study with no state.json is unfinished: at start-up it is queued again
 * and resumes without redoing the points already in points.csv (a last row
 * cut off by a crash is dropped). Ids are 16 random hex digits and are the
 * only names that reach the file system. */
#include "server/server.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { ST_QUEUED, ST_RUNNING, ST_DONE, ST_FAILED, ST_CANCELLED };
static const char *const state_names[] = {"queued", "running", "done", "failed", "cancelled"};

#define MAX_SPEC_BYTES ((size_t)256 << 20)

typedef struct study {
    char id[17];
    int state;
    char *error;
    double created; /* seconds since the epoch */
    cJSON *spec;    /* the study document as given (for the listing) */
    ars_model *model;
    ars_study *study;
    ars_study_results *results;
    size_t total, done, failed;
    volatile int run_cancel; /* stops ars_study_run */
    int user_cancel;         /* DELETE asked for it (else: shutdown) */
    int fd;                  /* points.csv while running, else -1 */
    struct ars__studies *owner;
    struct study *next, *qnext;
} study;

struct ars__studies {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    study *all, *qhead, *qtail, *running;
    pthread_t thread;
    int started, stopping;
    char *dir;
    unsigned long long points_done;
    int workers;
    double time_limit;
    ars_limits limits;
};

static void study_free(study *s)
{
    if (!s)
        return;
    ars_study_results_free(s->results);
    ars_study_free(s->study);
    ars_model_free(s->model);
    cJSON_Delete(s->spec);
    ars__free(s->error);
    ars__free(s);
}

static void path_of(const ars__studies *st, const char *id, const char *file, char *out, size_t len)
{
    if (file)
        snprintf(out, len, "%s/%s/%s", st->dir, id, file);
    else
        snprintf(out, len, "%s/%s", st->dir, id);
}

static void set_error(study *s, const char *msg)
{
    ars__free(s->error);
    s->error = ars__strdup(msg);
}

/* Records a terminal state on disk so that a restart does not rerun it. */
static void write_state(ars__studies *st, study *s)
{
    char path[4096];
    cJSON *doc;
    char *text;
    ars_error err;
    if (!st->dir)
        return;
    doc = cJSON_CreateObject();
    if (!doc)
        return;
    cJSON_AddStringToObject(doc, "state", state_names[s->state]);
    if (s->error)
        cJSON_AddStringToObject(doc, "error", s->error);
    text = cJSON_PrintUnformatted(doc);
    cJSON_Delete(doc);
    if (!text)
        return;
    path_of(st, s->id, "state.json", path, sizeof path);
    if (ars_write_file_atomic(path, text, strlen(text), &err) != ARS_OK)
        fprintf(stderr, "arsenal serve: study %s: %s\n", s->id, err.message);
    cJSON_free(text);
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Runner thread: one completed point. It is on disk (appended and
 * fsync'ed) before it counts as done. */
static int on_point(const ars_study *sy, const ars_study_row *row, void *user)
{
    study *s = user;
    ars__studies *st = NULL;
    char *line;
    int ok = 1;
    (void)sy;
    if (s->fd >= 0) {
        line = ars_study_row_csv(s->study, row);
        ok = line && write_all(s->fd, line, strlen(line)) == 0 && fsync(s->fd) == 0;
        free(line);
    }
    st = s->owner;
    pthread_mutex_lock(&st->mu);
    if (ok) {
        s->done++;
        if (strcmp(row->status, "optimal") != 0 && strcmp(row->status, "feasible") != 0)
            s->failed++;
        st->points_done++;
    } else {
        char msg[256];
        snprintf(msg, sizeof msg, "cannot append to points.csv: %s", strerror(errno));
        set_error(s, msg);
    }
    pthread_mutex_unlock(&st->mu);
    return ok ? 0 : 1;
}

static void run_one(ars__studies *st, study *s)
{
    ars_study_run_opts o;
    ars_error err;
    int rc;
    char path[4096];
    s->fd = -1;
    if (st->dir) {
        path_of(st, s->id, "points.csv", path, sizeof path);
        s->fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (s->fd < 0) {
            pthread_mutex_lock(&st->mu);
            s->state = ST_FAILED;
            set_error(s, "cannot open points.csv for appending");
            pthread_mutex_unlock(&st->mu);
            write_state(st, s);
            return;
        }
    }
    ars_study_run_opts_default(&o);
    o.workers = st->workers;
    o.cancel = &s->run_cancel;
    o.on_point = on_point;
    o.user = s;
    o.time_limit = st->time_limit;
    ars_error_clear(&err);
    rc = ars_study_run(s->study, &o, s->results, &err);
    if (s->fd >= 0)
        close(s->fd);
    s->fd = -1;
    pthread_mutex_lock(&st->mu);
    if (rc == ARS_OK && !s->error) {
        s->state = ST_DONE;
    } else if (rc == ARS_ECANCELLED && s->user_cancel) {
        s->state = ST_CANCELLED;
    } else if (rc == ARS_ECANCELLED && !s->error) {
        /* Shutdown: leave it unfinished on disk; the next start resumes. */
        s->state = ST_QUEUED;
        pthread_mutex_unlock(&st->mu);
        return;
    } else {
        s->state = ST_FAILED;
        if (!s->error)
            set_error(s, err.message[0] ? err.message : ars_strerror(rc));
    }
    pthread_mutex_unlock(&st->mu);
    write_state(st, s);
}

static void *runner_main(void *arg)
{
    ars__studies *st = arg;
    for (;;) {
        study *s;
        pthread_mutex_lock(&st->mu);
        while (!st->qhead && !st->stopping)
            pthread_cond_wait(&st->cv, &st->mu);
        if (st->stopping) {
            pthread_mutex_unlock(&st->mu);
            break;
        }
        s = st->qhead;
        st->qhead = s->qnext;
        if (!st->qhead)
            st->qtail = NULL;
        s->qnext = NULL;
        s->state = ST_RUNNING;
        st->running = s;
        pthread_mutex_unlock(&st->mu);
        run_one(st, s);
        pthread_mutex_lock(&st->mu);
        st->running = NULL;
        pthread_cond_broadcast(&st->cv);
        pthread_mutex_unlock(&st->mu);
    }
    return NULL;
}

/* Adds s to the store (and to the queue when it is to run); mu held. */
static void add_locked(ars__studies *st, study *s)
{
    s->owner = st;
    s->next = st->all;
    st->all = s;
    if (s->state == ST_QUEUED) {
        s->qnext = NULL;
        if (st->qtail)
            st->qtail->qnext = s;
        else
            st->qhead = s;
        st->qtail = s;
        pthread_cond_signal(&st->cv);
    }
}

static study *find_locked(ars__studies *st, const char *id)
{
    study *s;
    for (s = st->all; s; s = s->next)
        if (strcmp(s->id, id) == 0)
            return s;
    return NULL;
}

/* ------------------------------------------------------------- loading */

/* Builds model, study and results of s from a spec {"model","study"};
 * on failure err says why. */
static int build(ars__studies *st, study *s, const cJSON *env, ars_error *err, int *status)
{
    const cJSON *mj = cJSON_GetObjectItemCaseSensitive(env, "model");
    const cJSON *sj = cJSON_GetObjectItemCaseSensitive(env, "study");
    ars_diag d;
    int rc;
    *status = 422;
    if (!cJSON_IsObject(sj)) {
        *status = 400;
        return ars_error_set(err, ARS_ESTUDY, "/study",
                             "expected a study object (docs/studies.md)");
    }
    ars_diag_init(&d);
    if (mj) {
        char *text;
        if (!cJSON_IsObject(mj)) {
            *status = 400;
            return ars_error_set(err, ARS_EINVALID, "/model", "expected a model object");
        }
        text = cJSON_PrintUnformatted(mj);
        if (!text)
            return ars_error_set(err, ARS_ENOMEM, NULL, "out of memory");
        rc = ars_model_load_text(text, strlen(text), &st->limits, &s->model, &d);
        cJSON_free(text);
    } else {
        size_t len;
        const char *def = ars_default_model_text(&len);
        rc = ars_model_load_text(def, len, &st->limits, &s->model, &d);
    }
    if (rc != ARS_OK) {
        size_t i;
        const char *ptr = "", *msg = ars_strerror(rc);
        for (i = 0; i < d.count; i++)
            if (d.items[i].severity == ARS_SEV_ERROR) {
                ptr = d.items[i].pointer ? d.items[i].pointer : "";
                msg = d.items[i].message ? d.items[i].message : msg;
                break;
            }
        ars_error_set(err, rc, "", "/model%s: %s", ptr, msg);
        snprintf(err->field, sizeof err->field, "/model%s", ptr);
        ars_diag_free(&d);
        return rc;
    }
    ars_diag_free(&d);
    rc = ars_study_parse(sj, s->model, &s->study, err);
    if (rc != ARS_OK) {
        char f[sizeof err->field];
        /* Pointers into the study are prefixed with its place in the body. */
        memcpy(f, err->field, sizeof f);
        memcpy(err->field, "/study", 6);
        memcpy(err->field + 6, f, sizeof f - 6);
        err->field[sizeof err->field - 1] = '\0';
        return rc;
    }
    rc = ars_study_results_create(s->study, &s->results);
    if (rc != ARS_OK)
        return ars_error_set(err, rc, NULL, "out of memory");
    s->total = ars_study_npoints(s->study);
    s->spec = cJSON_Duplicate(sj, 1);
    *status = 0;
    return ARS_OK;
}

static char *read_small_file(const char *path, size_t max, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct stat sb;
    char *buf;
    size_t got = 0;
    if (fd < 0)
        return NULL;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (size_t)sb.st_size > max) {
        close(fd);
        return NULL;
    }
    buf = ars__malloc((size_t)sb.st_size + 1);
    if (!buf) {
        close(fd);
        return NULL;
    }
    while (got < (size_t)sb.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            break;
        }
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

static int is_id(const char *s)
{
    size_t i;
    for (i = 0; s[i]; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return i == 16;
}

/* Loads DIR/<id>; a study that cannot be read is listed as failed with the
 * reason, never dropped silently. */
static void load_one(ars__studies *st, const char *id)
{
    char path[4096];
    size_t len = 0;
    char *text;
    cJSON *env = NULL, *state_doc = NULL;
    ars_error err;
    int status;
    study *s = ars__calloc(1, sizeof *s);
    if (!s)
        return;
    memcpy(s->id, id, 17);
    s->fd = -1;
    s->state = ST_QUEUED;
    ars_error_clear(&err);
    path_of(st, id, "spec.json", path, sizeof path);
    text = read_small_file(path, MAX_SPEC_BYTES, &len);
    if (text)
        env = cJSON_ParseWithLength(text, len);
    ars__free(text);
    if (!env) {
        s->state = ST_FAILED;
        set_error(s, "spec.json is missing or unreadable");
        goto add;
    }
    {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(env, "created");
        s->created = cJSON_IsNumber(c) ? c->valuedouble : 0;
    }
    if (build(st, s, env, &err, &status) != ARS_OK) {
        s->state = ST_FAILED;
        set_error(s, err.message);
        goto add;
    }
    path_of(st, id, "points.csv", path, sizeof path);
    text = read_small_file(path, (size_t)1 << 40, &len);
    if (text) {
        size_t used = 0;
        if (ars_study_results_load_csv(s->results, text, len, &used, &err) != ARS_OK) {
            s->state = ST_FAILED;
            set_error(s, err.message);
        } else if (used < len && truncate(path, (off_t)used) != 0) {
            /* A row cut off by a crash must go before appending again. */
            s->state = ST_FAILED;
            set_error(s, "cannot truncate the cut-off last row of points.csv");
        }
        ars__free(text);
        s->done = ars_study_results_count(s->results);
    } else {
        s->state = ST_FAILED;
        set_error(s, "points.csv is missing or unreadable");
    }
    path_of(st, id, "state.json", path, sizeof path);
    text = read_small_file(path, 1 << 20, &len);
    if (text)
        state_doc = cJSON_ParseWithLength(text, len);
    ars__free(text);
    if (state_doc && s->state != ST_FAILED) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(state_doc, "state");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(state_doc, "error");
        int k;
        for (k = ST_DONE; k <= ST_CANCELLED; k++)
            if (cJSON_IsString(v) && strcmp(v->valuestring, state_names[k]) == 0)
                s->state = k;
        if (cJSON_IsString(e))
            set_error(s, e->valuestring);
    }
    cJSON_Delete(state_doc);
add:
    cJSON_Delete(env);
    pthread_mutex_lock(&st->mu);
    add_locked(st, s);
    pthread_mutex_unlock(&st->mu);
}

int ars__studies_open(ars__studies **out, const char *dir, const ars_server_opts *o, ars_error *err)
{
    ars__studies *st = ars__calloc(1, sizeof *st);
    *out = NULL;
    if (!st)
        return ars_error_set(err, ARS_ENOMEM, NULL, "out of memory");
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->cv, NULL);
    st->workers = o->study_workers;
    st->time_limit = o->time_limit;
    st->limits = o->limits;
    if (dir) {
        DIR *dp;
        struct dirent *e;
        st->dir = ars__strdup(dir);
        if (!st->dir) {
            ars__studies_close(st);
            return ars_error_set(err, ARS_ENOMEM, NULL, "out of memory");
        }
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            ars__studies_close(st);
            return ars_error_set(err, ARS_EIO, "--data", "cannot create %s: %s", dir,
                                 strerror(errno));
        }
        dp = opendir(dir);
        if (!dp) {
            ars__studies_close(st);
            return ars_error_set(err, ARS_EIO, "--data", "cannot read %s: %s", dir,
                                 strerror(errno));
        }
        while ((e = readdir(dp)) != NULL)
            if (is_id(e->d_name))
                load_one(st, e->d_name);
        closedir(dp);
    }
    if (pthread_create(&st->thread, NULL, runner_main, st) != 0) {
        ars__studies_close(st);
        return ars_error_set(err, ARS_ENOMEM, NULL, "cannot start the study thread");
    }
    st->started = 1;
    *out = st;
    return ARS_OK;
}

void ars__studies_interrupt(ars__studies *st)
{
    pthread_mutex_lock(&st->mu);
    st->stopping = 1;
    if (st->running)
        st->running->run_cancel = 1;
    pthread_cond_broadcast(&st->cv);
    pthread_mutex_unlock(&st->mu);
}

int ars__studies_idle(ars__studies *st)
{
    int idle;
    pthread_mutex_lock(&st->mu);
    idle = st->running == NULL;
    pthread_mutex_unlock(&st->mu);
    return idle;
}

void ars__studies_close(ars__studies *st)
{
    study *s, *next;
    if (!st)
        return;
    if (st->started) {
        ars__studies_interrupt(st);
        pthread_join(st->thread, NULL);
    }
    for (s = st->all; s; s = next) {
        next = s->next;
        study_free(s);
    }
    pthread_cond_destroy(&st->cv);
    pthread_mutex_destroy(&st->mu);
    ars__free(st->dir);
    ars__free(st);
}

unsigned long long ars__studies_points_done(ars__studies *st)
{
    unsigned long long n;
    pthread_mutex_lock(&st->mu);
    n = st->points_done;
    pthread_mutex_unlock(&st->mu);
    return n;
}

void ars__studies_counts(ars__studies *st, size_t counts[5])
{
    study *s;
    pthread_mutex_lock(&st->mu);
    for (s = st->all; s; s = s->next)
        counts[s->state]++;
    pthread_mutex_unlock(&st->mu);
}

/* ------------------------------------------------------------ endpoints */

static void new_id(char id[17])
{
    unsigned char b[8];
    size_t i;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    ssize_t got = fd >= 0 ? read(fd, b, sizeof b) : -1;
    if (fd >= 0)
        close(fd);
    if (got != (ssize_t)sizeof b) {
        /* No urandom: time and address still make clashes unlikely, and
         * create checks for them. */
        unsigned long long x = (unsigned long long)time(NULL) * 6364136223846793005ULL ^
                               (unsigned long long)(uintptr_t)b ^ (unsigned long long)uv_hrtime();
        memcpy(b, &x, sizeof b);
    }
    for (i = 0; i < 8; i++)
        snprintf(id + 2 * i, 3, "%02x", b[i]);
}

/* Writes the study's folder: spec.json and points.csv with its header. */
static int persist_new(ars__studies *st, study *s, const cJSON *env, ars_error *err)
{
    char dir[4096], path[4096];
    cJSON *doc = cJSON_CreateObject();
    char *text = NULL, *header = NULL;
    int rc = ARS_ENOMEM;
    path_of(st, s->id, NULL, dir, sizeof dir);
    if (mkdir(dir, 0700) != 0) {
        cJSON_Delete(doc);
        return ars_error_set(err, ARS_EIO, NULL, "cannot create the study folder: %s",
                             strerror(errno));
    }
    if (!doc)
        goto out;
    cJSON_AddStringToObject(doc, "id", s->id);
    cJSON_AddNumberToObject(doc, "created", s->created);
    if (cJSON_GetObjectItemCaseSensitive(env, "model"))
        cJSON_AddItemToObject(doc, "model",
                              cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(env, "model"), 1));
    cJSON_AddItemToObject(doc, "study",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(env, "study"), 1));
    text = cJSON_PrintUnformatted(doc);
    header = ars_study_csv_header(s->study);
    if (!text || !header)
        goto out;
    /* points.csv first: a spec without it would load as failed. */
    path_of(st, s->id, "points.csv", path, sizeof path);
    rc = ars_write_file_atomic(path, header, strlen(header), err);
    if (rc == ARS_OK) {
        path_of(st, s->id, "spec.json", path, sizeof path);
        rc = ars_write_file_atomic(path, text, strlen(text), err);
    }
out:
    if (rc == ARS_ENOMEM && err && !err->message[0])
        ars_error_set(err, rc, NULL, "out of memory");
    cJSON_Delete(doc);
    cJSON_free(text);
    free(header);
    return rc;
}

void ars__run_study_create(ars__job *j)
{
    ars__studies *st = j->srv->studies;
    const char *end = NULL;
    cJSON *env = NULL, *doc;
    const cJSON *it;
    study *s = NULL;
    ars_error err;
    int status = 0, rc;
    char loc[64];
    ars_error_clear(&err);
    if (!st) {
        ars__resp_error(&j->resp, 503, "unavailable", NULL, -1, "studies are not available");
        return;
    }
    if (j->body_len == 0 || memchr(j->body, '\0', j->body_len)) {
        ars__resp_error(&j->resp, 400, "bad_json", "", -1,
                        "expected a JSON object {\"model\", \"study\"} (empty or NUL byte)");
        return;
    }
    env = cJSON_ParseWithLengthOpts(j->body, j->body_len + 1, &end, 1);
    if (!cJSON_IsObject(env)) {
        cJSON_Delete(env);
        ars__resp_error(&j->resp, 400, "bad_json", "", -1,
                        "expected a JSON object {\"model\", \"study\"}");
        return;
    }
    for (it = env->child; it; it = it->next)
        if (strcmp(it->string, "model") != 0 && strcmp(it->string, "study") != 0) {
            ars__resp_error(&j->resp, 400, "bad_request", it->string, -1,
                            "unknown field \"%s\"; expected model and study", it->string);
            goto fail;
        }
    s = ars__calloc(1, sizeof *s);
    if (!s) {
        ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        goto fail;
    }
    s->fd = -1;
    s->created = (double)time(NULL);
    rc = build(st, s, env, &err, &status);
    if (rc != ARS_OK) {
        if (rc == ARS_ENOMEM)
            ars__resp_error(&j->resp, 503, "out_of_memory", NULL, -1, "out of memory");
        else
            ars__resp_error(&j->resp, status ? status : 422,
                            rc == ARS_EPATH ? "bad_path" : "invalid", err.field, -1, "%s",
                            err.message);
        goto fail;
    }
    pthread_mutex_lock(&st->mu);
    do
        new_id(s->id);
    while (find_locked(st, s->id));
    pthread_mutex_unlock(&st->mu);
    if (st->dir && persist_new(st, s, env, &err) != ARS_OK) {
        ars__resp_error(&j->resp, err.code == ARS_ENOMEM ? 503 : 507, NULL, NULL, -1,
                        "cannot store the study: %s", err.message);
        goto fail;
    }
    cJSON_Delete(env);
    env = NULL;
    s->state = ST_QUEUED;
    doc = cJSON_CreateObject();
    if (doc) {
        cJSON_AddStringToObject(doc, "id", s->id);
        cJSON_AddStringToObject(doc, "state", "queued");
        cJSON_AddNumberToObject(doc, "total", (double)s->total);
        snprintf(loc, sizeof loc, "/v1/studies/%s", s->id);
        cJSON_AddStringToObject(doc, "location", loc);
    }
    ars__resp_json(&j->resp, 202, doc);
    ars__resp_add_header(&j->resp, "Location: /v1/studies/%s\r\n", s->id);
    pthread_mutex_lock(&st->mu);
    add_locked(st, s);
    pthread_mutex_unlock(&st->mu);
    return;
fail:
    study_free(s);
    cJSON_Delete(env);
}

static cJSON *summary_locked(const study *s)
{
    cJSON *o = cJSON_CreateObject(), *p;
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "id", s->id);
    cJSON_AddStringToObject(o, "state", state_names[s->state]);
    cJSON_AddNumberToObject(o, "created", s->created);
    if (s->study)
        cJSON_AddStringToObject(o, "type", ars_study_type_name(s->study));
    p = cJSON_AddObjectToObject(o, "progress");
    if (p) {
        cJSON_AddNumberToObject(p, "done", (double)s->done);
        cJSON_AddNumberToObject(p, "total", (double)s->total);
        cJSON_AddNumberToObject(p, "failed", (double)s->failed);
    }
    if (s->error)
        cJSON_AddStringToObject(o, "error", s->error);
    return o;
}

void ars__studies_list(ars__srv *srv, ars__resp *resp)
{
    ars__studies *st = srv->studies;
    cJSON *doc = cJSON_CreateObject(), *arr = doc ? cJSON_AddArrayToObject(doc, "studies") : NULL;
    study *s;
    if (!st || !arr) {
        cJSON_Delete(doc);
        ars__resp_error(resp, 503, "unavailable", NULL, -1, "studies are not available");
        return;
    }
    pthread_mutex_lock(&st->mu);
    for (s = st->all; s; s = s->next)
        cJSON_AddItemToArray(arr, summary_locked(s));
    pthread_mutex_unlock(&st->mu);
    ars__resp_json(resp, 200, doc);
}

static int wants_csv(const ars__req *req)
{
    const char *a = req->accept.data ? req->accept.data : "";
    return strstr(a, "text/csv") != NULL;
}

static int wants_svg(const ars__req *req)
{
    const char *a = req->accept.data ? req->accept.data : "";
    return strstr(a, "image/svg+xml") != NULL;
}

/* The chart `arsenal sweep --svg` draws, once the study has ended. */
static void study_svg(study *s, int terminal, ars__resp *resp)
{
    ars_error err;
    char *svg = NULL;
    size_t len = 0;
    if (!terminal) {
        ars__resp_error(resp, 409, "not_finished", NULL, -1,
                        "the study is %s; its chart is served once it has ended",
                        state_names[s->state]);
        return;
    }
    ars_error_clear(&err);
    if (ars_study_results_svg(s->results, NULL, &svg, &len, &err) != ARS_OK) {
        ars__resp_error(resp, err.code == ARS_ENOMEM ? 503 : 409,
                        err.code == ARS_ENOMEM ? "out_of_memory" : "no_chart", NULL, -1, "%s",
                        err.message);
        return;
    }
    resp->body = ars__malloc(len + 1);
    if (!resp->body) {
        free(svg);
        ars__resp_error(resp, 503, "out_of_memory", NULL, -1, "out of memory");
        return;
    }
    memcpy(resp->body, svg, len);
    resp->body[len] = '\0';
    resp->body_len = len;
    resp->status = 200;
    resp->content_type = "image/svg+xml";
    free(svg);
}

void ars__studies_get(ars__srv *srv, const char *id, const ars__req *req, ars__resp *resp)
{
    ars__studies *st = srv->studies;
    study *s;
    cJSON *doc;
    int terminal;
    if (!st) {
        ars__resp_error(resp, 503, "unavailable", NULL, -1, "studies are not available");
        return;
    }
    pthread_mutex_lock(&st->mu);
    s = find_locked(st, id);
    if (!s) {
        pthread_mutex_unlock(&st->mu);
        ars__resp_error(resp, 404, NULL, NULL, -1, "no study with this id");
        return;
    }
    /* Results are only read once the runner is done with them. */
    terminal = s->state >= ST_DONE && s->results;
    if (wants_svg(req)) {
        study_svg(s, terminal, resp);
        pthread_mutex_unlock(&st->mu);
        return;
    }
    if (wants_csv(req)) {
        size_t len = 0;
        char *csv;
        if (!terminal) {
            pthread_mutex_unlock(&st->mu);
            ars__resp_error(resp, 409, "not_finished", NULL, -1,
                            "the study is %s; its CSV is served once it has ended",
                            state_names[s->state]);
            return;
        }
        csv = ars_study_results_csv(s->results, &len);
        pthread_mutex_unlock(&st->mu);
        if (!csv) {
            ars__resp_error(resp, 503, "out_of_memory", NULL, -1, "out of memory");
            return;
        }
        resp->status = 200;
        resp->content_type = "text/csv; charset=utf-8";
        resp->body = ars__malloc(len + 1);
        if (resp->body) {
            memcpy(resp->body, csv, len);
            resp->body[len] = '\0';
            resp->body_len = len;
        }
        free(csv);
        return;
    }
    doc = summary_locked(s);
    if (doc && s->spec)
        cJSON_AddItemToObject(doc, "study", cJSON_Duplicate(s->spec, 1));
    if (doc && terminal)
        cJSON_AddItemToObject(doc, "results", ars_study_results_json(s->results));
    pthread_mutex_unlock(&st->mu);
    ars__resp_json(resp, 200, doc);
}

void ars__studies_delete(ars__srv *srv, const char *id, ars__resp *resp)
{
    ars__studies *st = srv->studies;
    study *s, **pp;
    int status = 202, write = 0;
    if (!st) {
        ars__resp_error(resp, 503, "unavailable", NULL, -1, "studies are not available");
        return;
    }
    pthread_mutex_lock(&st->mu);
    s = find_locked(st, id);
    if (!s) {
        pthread_mutex_unlock(&st->mu);
        ars__resp_error(resp, 404, NULL, NULL, -1, "no study with this id");
        return;
    }
    if (s->state >= ST_DONE) {
        int state = s->state;
        pthread_mutex_unlock(&st->mu);
        ars__resp_error(resp, 409, "finished", NULL, -1, "the study has already ended (%s)",
                        state_names[state]);
        return;
    }
    s->user_cancel = 1;
    if (s->state == ST_RUNNING) {
        s->run_cancel = 1;
    } else {
        for (pp = &st->qhead; *pp; pp = &(*pp)->qnext)
            if (*pp == s) {
                *pp = s->qnext;
                break;
            }
        st->qtail = NULL;
        for (pp = &st->qhead; *pp; pp = &(*pp)->qnext)
            st->qtail = *pp;
        s->qnext = NULL;
        s->state = ST_CANCELLED;
        status = 200;
        write = 1;
    }
    pthread_mutex_unlock(&st->mu);
    if (write)
        write_state(st, s);
    {
        cJSON *doc = cJSON_CreateObject();
        if (doc) {
            cJSON_AddStringToObject(doc, "id", id);
            cJSON_AddStringToObject(doc, "state", status == 200 ? "cancelled" : "cancelling");
        }
        ars__resp_json(resp, status, doc);
    }
}
