/* atomic_file.c - write a whole file or nothing: temporary, fsync, rename. */
#include "arsenal.h"
#include "util/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *data, size_t len)
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

int ars_write_file_atomic(const char *path, const char *data, size_t len, ars_error *err)
{
    ars__buf tmp;
    int fd, saved;
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return ars_error_set(err, ARS_EIO, "-", "cannot write to standard output: %s",
                                 strerror(errno));
        return ARS_OK;
    }
    ars__buf_init(&tmp, 0);
    ars__buf_printf(&tmp, "%s.tmp-XXXXXX", path);
    if (tmp.failed) {
        ars__buf_free(&tmp);
        return ars_error_set(err, ARS_ENOMEM, path, "out of memory");
    }
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        saved = errno;
        ars__buf_free(&tmp);
        return ars_error_set(err, ARS_EIO, path, "cannot create a temporary file beside %s: %s",
                             path, strerror(saved));
    }
    if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        saved = errno;
        close(fd);
        unlink(tmp.data);
        ars__buf_free(&tmp);
        return ars_error_set(err, ARS_EIO, path, "cannot write %s: %s", path, strerror(saved));
    }
    if (close(fd) != 0) {
        saved = errno;
        unlink(tmp.data);
        ars__buf_free(&tmp);
        return ars_error_set(err, ARS_EIO, path, "cannot write %s: %s", path, strerror(saved));
    }
    /* mkstemp creates 0600; results are ordinary files. */
    (void)chmod(tmp.data, 0644);
    if (rename(tmp.data, path) != 0) {
        saved = errno;
        unlink(tmp.data);
        ars__buf_free(&tmp);
        return ars_error_set(err, ARS_EIO, path, "cannot rename the temporary file to %s: %s", path,
                             strerror(saved));
    }
    ars__buf_free(&tmp);
    return ARS_OK;
}
