/* input.c - where a command's model comes from: a file, or a stream ("-"
 * for standard input, a FIFO such as /dev/stdin behind a pipe). Files go
 * through ars_model_load_file, which refuses anything but a regular file
 * (a FIFO there could block a server); a command-line user who names a
 * stream means it, so the stream is read here up to the size limit. */
#include "arsenal.h"
#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ars_cli_input_name(const char *path)
{
    return path && strcmp(path, "-") == 0 ? "(standard input)" : path;
}

static int read_stream(FILE *fp, const char *name, size_t max, char **text, size_t *len,
                       ars_error *err)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return ars_error_set(err, ARS_ENOMEM, name, "out of memory");
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb;
            if (cap > max) {
                free(buf);
                return ars_error_set(err, ARS_ELIMIT, name,
                                     "more than max_bytes=%zu bytes of input", max);
            }
            nb = realloc(buf, cap * 2 + 1);
            if (!nb) {
                free(buf);
                return ars_error_set(err, ARS_ENOMEM, name, "out of memory");
            }
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
        if (got == 0) {
            if (ferror(fp)) {
                int e = errno;
                free(buf);
                return ars_error_set(err, ARS_EIO, name, "cannot read: %s", strerror(e));
            }
            break;
        }
    }
    if (n > max) {
        free(buf);
        return ars_error_set(err, ARS_ELIMIT, name,
                             "input of %zu bytes, over the limit max_bytes=%zu", n, max);
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return ARS_OK;
}

int ars_cli_read_model(const char *path, ars_model **out, ars_diag *d, ars_error *err)
{
    struct stat st;
    ars_limits lim;
    FILE *fp;
    char *text = NULL;
    size_t len = 0;
    int rc, is_stdin = strcmp(path, "-") == 0;
    *out = NULL;
    if (!is_stdin && (stat(path, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))))
        return ars_model_load_file(path, NULL, out, d, err);
    ars_limits_default(&lim);
    if (is_stdin)
        fp = stdin;
    else {
        /* A FIFO nobody writes to must not block the open: opened without
         * waiting, then read blocking, it ends at once (an empty model)
         * unless a writer such as the shell's pipe holds it. */
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), flags;
        if (fd < 0)
            return ars_error_set(err, ARS_EIO, path, "cannot open: %s", strerror(errno));
        flags = fcntl(fd, F_GETFL);
        if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 || !(fp = fdopen(fd, "rb"))) {
            int e = errno;
            close(fd);
            return ars_error_set(err, ARS_EIO, path, "cannot open: %s", strerror(e));
        }
    }
    rc = read_stream(fp, ars_cli_input_name(path), lim.max_bytes, &text, &len, err);
    if (!is_stdin)
        fclose(fp);
    if (rc != ARS_OK)
        return rc;
    rc = ars_model_load_text(text, len, &lim, out, d);
    free(text);
    return rc;
}
