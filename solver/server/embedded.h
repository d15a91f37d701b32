/* embedded.h - files compiled into the binary by cmake/embed_files.cmake:
 * the web page (web/) and the shipped models (models/). */
#ifndef ARS_SERVER_EMBEDDED_H
#define ARS_SERVER_EMBEDDED_H

#include <stddef.h>

typedef struct ars__embedded {
    const char *name; /* file name, no folder */
    const unsigned char *data;
    size_t len;
} ars__embedded;

extern const ars__embedded ars__web_files[];
extern const size_t ars__web_files_count;
extern const ars__embedded ars__model_files[];
extern const size_t ars__model_files_count;

#endif
