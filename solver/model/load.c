/* load.c - loading a model from text or a file (strict scan, parse, then
 * validate.c), and the embedded default. */
#include "model/loader.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const char ars__default_model[];
extern const size_t ars__default_model_len;

/* cJSON allocates through our wrapper so that fault injection reaches the
 * parser too. cJSON_InitHooks must run before any thread uses cJSON, hence
 * a constructor: it runs before main. Both wrappers end in malloc/free, so
 * an object allocated either way may be freed either way. */
#if defined(__GNUC__)
__attribute__((constructor))
#endif
static void
json_hooks_init(void)
{
    cJSON_Hooks h;
    h.malloc_fn = ars__malloc;
    h.free_fn = ars__free;
    cJSON_InitHooks(&h);
}

const char *ars_default_model_text(size_t *len)
{
    if (len)
        *len = ars__default_model_len;
    return ars__default_model;
}

int ars_model_load_text(const char *text, size_t len, const ars_limits *lim, ars_model **out,
                        ars_diag *diag)
{
    ars_limits l;
    ars__scan_error se;
    const char *end = NULL;
    char *copy;
    cJSON *doc;
    int rc;
    *out = NULL;
    if (lim)
        l = *lim;
    else
        ars_limits_default(&l);
    if (!text)
        len = 0;
    if (len > l.max_bytes) {
        if (ars_diag_add(diag, ARS_SEV_ERROR, "", 0, 0,
                         "model of %zu bytes, over the limit max_bytes=%zu", len,
                         l.max_bytes) != ARS_OK)
            return ARS_ENOMEM;
        return ARS_ELIMIT;
    }
    if (ars__json_scan(text ? text : "", len, l.max_depth < 1 ? 1 : l.max_depth, &se) != 0) {
        if (ars_diag_add(diag, ARS_SEV_ERROR, "", se.line, se.col, "%s", se.message) != ARS_OK)
            return ARS_ENOMEM;
        return se.is_limit ? ARS_ELIMIT : ARS_EINVALID;
    }
    /* cJSON must see the terminating NUL (require_null_terminated), and the
     * caller's text need not have one: parse a terminated copy. */
    copy = ars__malloc(len + 1);
    if (!copy)
        return ARS_ENOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    doc = cJSON_ParseWithLengthOpts(copy, len + 1, &end, 1);
    if (!doc) {
        /* The scanner accepted the text, so cJSON can only have run out
         * of memory. */
        ars__free(copy);
        return ARS_ENOMEM;
    }
    rc = ars__model_load_doc(doc, copy, len, &l, out, diag);
    ars__free(copy);
    return rc;
}

int ars_model_load_file(const char *path, const ars_limits *lim, ars_model **out, ars_diag *diag,
                        ars_error *err)
{
    ars_limits l;
    struct stat st;
    char *buf;
    size_t len = 0, cap;
    int fd, rc;
    *out = NULL;
    if (lim)
        l = *lim;
    else
        ars_limits_default(&l);
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat on the
     * open descriptor then decides, with no window for a swap. */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return ars_error_set(err, ARS_EIO, path, "cannot open: %s", strerror(errno));
    if (fstat(fd, &st) != 0) {
        rc = errno;
        close(fd);
        return ars_error_set(err, ARS_EIO, path, "cannot stat: %s", strerror(rc));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return ars_error_set(err, ARS_EIO, path, "not a regular file (%s)",
                             S_ISDIR(st.st_mode)                          ? "a directory"
                             : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                             : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                          : "a special file");
    }
    if ((unsigned long long)st.st_size > (unsigned long long)l.max_bytes) {
        close(fd);
        return ars_error_set(err, ARS_ELIMIT, path,
                             "file of %lld bytes, over the limit max_bytes=%zu",
                             (long long)st.st_size, l.max_bytes);
    }
    /* Read to EOF, not just st_size bytes (the file may grow), but never
     * past the limit. */
    cap = (size_t)st.st_size + 1;
    buf = ars__malloc(cap + 1);
    if (!buf) {
        close(fd);
        return ars_error_set(err, ARS_ENOMEM, path, "out of memory reading %lld bytes",
                             (long long)st.st_size);
    }
    for (;;) {
        ssize_t r;
        if (len == cap) {
            char *nb;
            if (len > l.max_bytes) {
                ars__free(buf);
                close(fd);
                return ars_error_set(err, ARS_ELIMIT, path,
                                     "file grew past the limit max_bytes=%zu", l.max_bytes);
            }
            nb = ars__realloc(buf, cap * 2 + 1);
            if (!nb) {
                ars__free(buf);
                close(fd);
                return ars_error_set(err, ARS_ENOMEM, path, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            rc = errno;
            ars__free(buf);
            close(fd);
            return ars_error_set(err, ARS_EIO, path, "read failed: %s", strerror(rc));
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    if (len > l.max_bytes) {
        ars__free(buf);
        return ars_error_set(err, ARS_ELIMIT, path,
                             "file of more than %zu bytes, over the limit max_bytes=%zu",
                             l.max_bytes, l.max_bytes);
    }
    rc = ars_model_load_text(buf, len, &l, out, diag);
    ars__free(buf);
    if (rc == ARS_ENOMEM)
        ars_error_set(err, ARS_ENOMEM, path, "out of memory loading the model");
    else if (rc == ARS_ELIMIT)
        ars_error_set(err, ARS_ELIMIT, path, "the model exceeds a limit (see the diagnostics)");
    else if (rc == ARS_EINVALID)
        ars_error_set(err, ARS_EINVALID, path, "invalid model: %zu error(s)", diag->nerrors);
    return rc;
}
