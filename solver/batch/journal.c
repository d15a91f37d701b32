/* journal.c - the file a study's completed points are appended to as they
 * finish, read back to resume: arsenal sweep's FILE.partial and the
 * server's DIR/<id>/points.csv. One place for the format, the append and
 * fsync policy, the recovery of a row cut off by a crash, and the study
 * fingerprint that keeps a resume from continuing another study's file.
 *
 * A journal is
 *   # arsenal study model=<16 hex> study=<16 hex> format=1.1
 *   point,<parameters>,status,error,<metrics>
 *   <one row per point, in completion order>
 * A finished CSV output stays plain CSV (spreadsheets and CSV readers choke
 * on a comment line); its fingerprint line is the file FILE.fingerprint
 * beside it, written after it, so a crash between the two leaves a
 * mismatch that refuses a resume rather than one that accepts the wrong
 * rows. model hashes the model after the study's `set` (its parsed document, so
 * formatting does not count), study the study definition as ars_study_to_json
 * writes it, format the model format version this arsenal reads. */
#include "batch/batch.h"
#include "model/model.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FINGERPRINT_TAG "# arsenal study "
#define MODEL_FORMAT "1.1"

struct ars_study_journal {
    int fd;
    char *path;
    double sync_interval, last_sync;
    int sync_failed;
};

/* FNV-1a, 64 bits: a fingerprint that tells two studies apart, not a
 * defence against someone forging a file (no dependency offers a hash, and
 * this needs no security). */
static uint64_t fnv1a64(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static int hash_json(const cJSON *j, uint64_t *out)
{
    char *text = j ? cJSON_PrintUnformatted(j) : NULL;
    if (!text)
        return -1;
    *out = fnv1a64(text);
    cJSON_free(text);
    return 0;
}

char *ars_study_fingerprint(const ars_study *s)
{
    const ars_model *m = ars__study_model(s);
    cJSON *def = ars_study_to_json(s);
    uint64_t hm, hs;
    char *line = NULL;
    int ok = m && m->doc && hash_json(m->doc, &hm) == 0 && hash_json(def, &hs) == 0;
    cJSON_Delete(def);
    if (ok && (line = malloc(96)) != NULL)
        snprintf(line, 96, FINGERPRINT_TAG "model=%016" PRIx64 " study=%016" PRIx64 " format=%s\n",
                 hm, hs, MODEL_FORMAT);
    return line;
}

size_t ars_study_fingerprint_len(const char *text, size_t len)
{
    const char *nl;
    size_t tag = strlen(FINGERPRINT_TAG);
    if (len < tag || memcmp(text, FINGERPRINT_TAG, tag) != 0)
        return 0;
    nl = memchr(text, '\n', len);
    return nl ? (size_t)(nl - text) + 1 : 0;
}

/* The value of key=... in a fingerprint line, into out. */
static void field_of(const char *line, size_t len, const char *key, char *out, size_t outlen)
{
    size_t k = strlen(key), i, n = 0;
    out[0] = '\0';
    for (i = 0; i + k < len; i++)
        if ((i == 0 || line[i - 1] == ' ') && memcmp(line + i, key, k) == 0 && line[i + k] == '=') {
            i += k + 1;
            while (i < len && line[i] != ' ' && line[i] != '\n' && n + 1 < outlen)
                out[n++] = line[i++];
            out[n] = '\0';
            return;
        }
}

/* ARS_OK when text starts with s's fingerprint; else ARS_ESTUDY naming the
 * part that differs. *fplen is the length of the line. */
static int check_fingerprint(const ars_study *s, const char *name, const char *text, size_t len,
                             size_t *fplen, ars_error *err)
{
    char *want = ars_study_fingerprint(s);
    static const char *const parts[] = {"model", "study", "format"};
    static const char *const what[] = {
        "the model differs (another model file, or another --set)",
        "the study definition differs (type, parameters, values, seed, samples, block or metrics)",
        "the format version differs (written by another arsenal)"};
    size_t n = ars_study_fingerprint_len(text, len), k;
    int rc = ARS_OK;
    *fplen = n;
    if (!want)
        return ars_error_set(err, ARS_ENOMEM, name, "out of memory");
    if (n == 0) {
        rc = ars_error_set(err, ARS_ESTUDY, name,
                           "%s does not start with a study fingerprint (\"%s...\"), so it cannot "
                           "be checked to be this study's; run without --resume",
                           name, FINGERPRINT_TAG "model=");
    } else if (n != strlen(want) || memcmp(text, want, n) != 0) {
        char a[40] = "", b[40] = "";
        for (k = 0; k < 3; k++) {
            field_of(text, n, parts[k], a, sizeof a);
            field_of(want, strlen(want), parts[k], b, sizeof b);
            if (strcmp(a, b) != 0)
                break;
        }
        if (k < 3)
            rc = ars_error_set(err, ARS_ESTUDY, name,
                               "%s was written by another study: %s (%s %s in the file, %s now)",
                               name, what[k], parts[k], a, b);
        else
            rc = ars_error_set(err, ARS_ESTUDY, name,
                               "%s was written by another study: its fingerprint line is not "
                               "this study's",
                               name);
    }
    free(want);
    return rc;
}

static char *read_all(const char *path, size_t *len, int *missing)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    char *buf;
    size_t got = 0;
    *missing = 0;
    if (fd < 0) {
        *missing = errno == ENOENT;
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (errno == 0)
            errno = EINVAL;
        close(fd);
        return NULL;
    }
    buf = ars__malloc((size_t)st.st_size + 1);
    if (!buf) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

/* Loads the complete rows of text (a journal when fp is NULL: its first
 * line is the fingerprint; else a finished output whose fingerprint is fp,
 * read from fp_name) into r; *used: the bytes up to the last complete line. */
static int load_text(const ars_study *s, const char *name, const char *text, size_t len,
                     const char *fp, const char *fp_name, ars_study_results *r, size_t *used,
                     ars_error *err)
{
    size_t fplen = 0, rows_used = 0;
    int rc;
    *used = 0;
    if (!fp && !memchr(text, '\n', len))
        return ARS_OK; /* killed before its first line was complete: start again */
    rc = fp ? check_fingerprint(s, fp_name, fp, strlen(fp), &fplen, err)
            : check_fingerprint(s, name, text, len, &fplen, err);
    if (rc != ARS_OK)
        return rc;
    if (fp)
        fplen = 0;
    if (r) {
        rc = ars_study_results_load_csv(r, text + fplen, len - fplen, &rows_used, err);
        if (rc != ARS_OK) {
            size_t line;
            char msg[sizeof err->message];
            /* load_csv counts from the header; a journal's fingerprint is 1. */
            if (sscanf(err->field, "line %zu", &line) == 1)
                snprintf(err->field, sizeof err->field, "line %zu", line + (fplen > 0));
            memcpy(msg, err->message, sizeof msg);
            return ars_error_set(err, rc, err->field, "%s, %s: %s", name, err->field, msg);
        }
        /* No complete header yet: the journal is written again from the top. */
        *used = rows_used > 0 ? fplen + rows_used : 0;
    } else {
        const char *nl = text + len;
        while (nl > text && nl[-1] != '\n')
            nl--;
        *used = (size_t)(nl - text);
    }
    return ARS_OK;
}

/* The fingerprint line, and the CSV header unless the rows copied next
 * bring their own. */
static int fresh_header(const ars_study *s, int fd, int with_header)
{
    char *fp = ars_study_fingerprint(s), *h = with_header ? ars_study_csv_header(s) : NULL;
    int rc = -1;
    if (!fp || (with_header && !h))
        errno = ENOMEM;
    else if (ars__write_all(fd, fp, strlen(fp)) == 0 &&
             (!h || ars__write_all(fd, h, strlen(h)) == 0))
        rc = 0;
    free(fp);
    free(h);
    return rc;
}

int ars_study_journal_open(const ars_study *s, const char *path, const char *seed, int resume,
                           double sync_interval, ars_study_results *r, ars_study_journal **out,
                           ars_error *err)
{
    ars_study_journal *j;
    char *text = NULL;
    size_t len = 0, used = 0;
    int missing = 1, rc = ARS_OK, from_seed = 0, created = 0;
    *out = NULL;
    j = ars__calloc(1, sizeof *j);
    if (!j || !(j->path = ars__strdup(path))) {
        ars__free(j);
        return ars_error_set(err, ARS_ENOMEM, path, "out of memory");
    }
    j->fd = -1;
    j->sync_interval = sync_interval;
    if (resume) {
        text = read_all(path, &len, &missing);
        if (!text && missing && seed) {
            text = read_all(seed, &len, &missing);
            from_seed = text != NULL;
        }
        if (!text && !missing) {
            rc = ars_error_set(err, errno == ENOMEM ? ARS_ENOMEM : ARS_EIO, path,
                               "cannot read %s: %s", from_seed ? seed : path, strerror(errno));
            goto fail;
        }
        if (from_seed) {
            char *fp_name = ars__malloc(strlen(seed) + 16), *fp = NULL;
            size_t fp_len = 0;
            int fp_missing = 0;
            if (fp_name) {
                snprintf(fp_name, strlen(seed) + 16, "%s.fingerprint", seed);
                fp = read_all(fp_name, &fp_len, &fp_missing);
            }
            if (!fp)
                rc = ars_error_set(err, ARS_ESTUDY, seed,
                                   "%s has no readable %s, so it cannot be checked to be this "
                                   "study's; run without --resume",
                                   seed, fp_name ? fp_name : "fingerprint");
            else
                rc = load_text(s, seed, text, len, fp, fp_name, r, &used, err);
            ars__free(fp);
            ars__free(fp_name);
            if (rc != ARS_OK)
                goto fail;
            /* The journal starts with the fingerprint, then the rows. */
        } else if (text) {
            rc = load_text(s, path, text, len, NULL, NULL, r, &used, err);
            if (rc != ARS_OK)
                goto fail;
        }
    }
    if (text && !from_seed) {
        /* Drop a line cut off by a crash, then append after the rest. */
        j->fd = open(path, O_WRONLY | O_CLOEXEC);
        if (j->fd >= 0 && (ftruncate(j->fd, (off_t)used) != 0 || lseek(j->fd, 0, SEEK_END) < 0))
            goto io_fail;
    } else {
        j->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        created = j->fd >= 0;
        if (j->fd >= 0 && fresh_header(s, j->fd, !(from_seed && used > 0)) != 0)
            goto io_fail;
        /* The seed's header and complete rows follow the fingerprint. */
        if (j->fd >= 0 && from_seed && used > 0 && ars__write_all(j->fd, text, used) != 0)
            goto io_fail;
        used = 1;
    }
    if (j->fd < 0)
        goto io_fail;
    if (used == 0 && fresh_header(s, j->fd, 1) != 0)
        goto io_fail;
    if (fsync(j->fd) != 0 || ars__fsync_dir_of(path) != 0)
        goto io_fail;
    ars__free(text);
    j->last_sync = ars__now();
    *out = j;
    return ARS_OK;
io_fail:
    rc = ars_error_set(err, errno == ENOMEM ? ARS_ENOMEM : ARS_EIO, path, "cannot write %s: %s",
                       path, strerror(errno));
fail:
    ars__free(text);
    if (j->fd >= 0)
        close(j->fd);
    if (created) /* a journal that never held a complete header */
        unlink(path);
    ars__free(j->path);
    ars__free(j);
    return rc;
}

/* One write() per row, so a kill keeps every complete line. fsync at most
 * every sync_interval seconds, so thousands of small points per second are
 * not bound by the disk. */
int ars_study_journal_append(ars_study_journal *j, const ars_study_row *row, const ars_study *s,
                             ars_error *err)
{
    char *line = ars_study_row_csv(s, row);
    double t;
    if (!line)
        return ars_error_set(err, ARS_ENOMEM, j->path, "out of memory");
    if (ars__write_all(j->fd, line, strlen(line)) != 0) {
        int saved = errno;
        free(line);
        return ars_error_set(err, ARS_EIO, j->path, "cannot append to %s: %s", j->path,
                             strerror(saved));
    }
    free(line);
    t = ars__now();
    if (t - j->last_sync >= j->sync_interval) {
        if (fsync(j->fd) != 0)
            return ars_error_set(err, ARS_EIO, j->path, "cannot append to %s: %s", j->path,
                                 strerror(errno));
        j->last_sync = t;
    }
    return ARS_OK;
}

int ars_study_journal_close(ars_study_journal *j, ars_error *err)
{
    int rc = ARS_OK;
    if (!j)
        return ARS_OK;
    if (fsync(j->fd) != 0) {
        rc = ars_error_set(err, ARS_EIO, j->path, "cannot write %s: %s", j->path, strerror(errno));
        close(j->fd);
    } else if (close(j->fd) != 0) {
        rc = ars_error_set(err, ARS_EIO, j->path, "cannot write %s: %s", j->path, strerror(errno));
    }
    ars__free(j->path);
    ars__free(j);
    return rc;
}

int ars_study_write_csv_file(const ars_study_results *r, const char *path, ars_error *err)
{
    char *csv, *fp = NULL, *fp_name = NULL;
    size_t len = 0;
    int rc;
    csv = ars_study_results_csv(r, &len);
    if (!csv)
        return ars_error_set(err, ARS_ENOMEM, path, "out of memory writing %s", path);
    rc = ars_write_file_atomic(path, csv, len, err);
    free(csv);
    if (rc != ARS_OK || strcmp(path, "-") == 0)
        return rc;
    fp = ars_study_fingerprint(r->study);
    fp_name = ars__malloc(strlen(path) + 16);
    if (!fp || !fp_name)
        rc = ars_error_set(err, ARS_ENOMEM, path, "out of memory writing %s", path);
    else {
        snprintf(fp_name, strlen(path) + 16, "%s.fingerprint", path);
        rc = ars_write_file_atomic(fp_name, fp, strlen(fp), err);
    }
    free(fp);
    ars__free(fp_name);
    return rc;
}
