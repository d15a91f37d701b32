/* atomic_file.c - write a whole file or nothing: a temporary beside the
 * target, every write, fsync and close checked, rename, fsync the folder.
 * The only way arsenal replaces a file, so a full disk or an I/O error can
 * never leave a truncated file where a good one was. */
#include "arsenal.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int ars__write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int ars__fsync_dir_of(const char *path)
{
    char *copy = ars__strdup(path);
    int fd, rc = 0;
    if (!copy)
        return -1;
    /* Without this the rename itself may be lost in a power cut. */
    fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ars__free(copy);
    if (fd < 0)
        return -1;
    /* Some file systems refuse fsync on a folder (EINVAL): nothing to do. */
    if (fsync(fd) != 0 && errno != EINVAL)
        rc = -1;
    close(fd);
    return rc;
}

int ars__atomic_begin(ars__atomic *a, const char *path, ars_error *err)
{
    ars__buf b;
    int saved;
    a->fd = -1;
    a->tmp = NULL;
    a->path = path;
    ars__buf_init(&b, 0);
    ars__buf_printf(&b, "%s.tmp-XXXXXX", path);
    if (b.failed) {
        ars__buf_free(&b);
        return ars_error_set(err, ARS_ENOMEM, path, "out of memory");
    }
    a->fd = mkstemp(b.data);
    if (a->fd < 0) {
        saved = errno;
        ars__buf_free(&b);
        return ars_error_set(err, ARS_EIO, path, "cannot create a temporary file beside %s: %s",
                             path, strerror(saved));
    }
    a->tmp = ars__buf_take(&b);
    return ARS_OK;
}

void ars__atomic_abort(ars__atomic *a)
{
    if (a->fd >= 0)
        close(a->fd);
    if (a->tmp)
        unlink(a->tmp);
    ars__free(a->tmp);
    a->fd = -1;
    a->tmp = NULL;
}

int ars__atomic_commit(ars__atomic *a, ars_error *err)
{
    int saved, fd = a->fd;
    a->fd = -1;
    /* fsync reports write-back errors (ENOSPC on delayed allocation, EIO)
     * that write() could not; close may report them too (NFS). */
    if (fsync(fd) != 0) {
        saved = errno;
        close(fd);
        ars__atomic_abort(a);
        return ars_error_set(err, ARS_EIO, a->path, "cannot write %s: %s", a->path,
                             strerror(saved));
    }
    if (close(fd) != 0) {
        saved = errno;
        ars__atomic_abort(a);
        return ars_error_set(err, ARS_EIO, a->path, "cannot write %s: %s", a->path,
                             strerror(saved));
    }
    /* mkstemp creates 0600; results are ordinary files. */
    (void)chmod(a->tmp, 0644);
    if (rename(a->tmp, a->path) != 0) {
        saved = errno;
        ars__atomic_abort(a);
        return ars_error_set(err, ARS_EIO, a->path, "cannot rename the temporary file to %s: %s",
                             a->path, strerror(saved));
    }
    ars__free(a->tmp);
    a->tmp = NULL;
    if (ars__fsync_dir_of(a->path) != 0)
        return ars_error_set(err, ARS_EIO, a->path, "cannot sync the folder of %s: %s", a->path,
                             strerror(errno));
    return ARS_OK;
}

int ars_write_file_atomic(const char *path, const char *data, size_t len, ars_error *err)
{
    ars__atomic a;
    int rc, saved;
    if (strcmp(path, "-") == 0) {
        if ((len > 0 && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0 ||
            ferror(stdout))
            return ars_error_set(err, ARS_EIO, "-", "cannot write to standard output: %s",
                                 strerror(errno));
        return ARS_OK;
    }
    rc = ars__atomic_begin(&a, path, err);
    if (rc != ARS_OK)
        return rc;
    if (ars__write_all(a.fd, data, len) != 0) {
        saved = errno;
        ars__atomic_abort(&a);
        return ars_error_set(err, ARS_EIO, path, "cannot write %s: %s", path, strerror(saved));
    }
    return ars__atomic_commit(&a, err);
}
