/* fuzz_http.c - libFuzzer target for request handling without sockets: the
 * bytes go through the HTTP parser (split in two at a point taken from the
 * first byte, to reach the paths where a request spans reads), each request
 * through the router and auth, and every response is serialised. Jobs that
 * would go to the worker pool are freed unrun. */
#include "server/server.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void answer(ars__resp *r)
{
    size_t len = 0;
    char *bytes = ars__resp_serialize(r, 1, &len);
    ars__free(bytes);
    ars__resp_clear(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ars__srv srv;
    static int ready;
    ars__hp hp;
    size_t off = 0, cut;
    int guard = 0, early = 0;
    ars__route rt;
    if (!ready) {
        ars_server_opts o;
        ars_error err;
        ars_server_opts_default(&o);
        o.max_body = 4096;
        o.tokens = "fuzz-token-0123456789";
        if (ars__srv_init(&srv, &o, &err) != ARS_OK)
            return 0;
        ready = 1;
    }
    if (size == 0)
        return 0;
    cut = 1 + data[0] % (size > 1 ? size - 1 : 1);
    data++;
    size--;
    if (cut > size)
        cut = size;
    ars__hp_init(&hp, srv.opts.max_body);
    while (off < size && guard++ < 10000) {
        size_t used = 0, end = off < cut ? cut : size;
        int ev = ars__hp_feed(&hp, (const char *)data + off, end - off, &used);
        ars__resp resp;
        ars__job *job = NULL;
        off += used;
        memset(&resp, 0, sizeof resp);
        if (ev == ARS__HP_ERROR) {
            ars__resp_error(&resp, hp.err_status, NULL, NULL, -1, "%s", hp.err_msg);
            answer(&resp);
            break;
        }
        if (ev == ARS__HP_HEADERS) {
            int rc = ars__route_headers(&srv, &hp.req, &rt, &resp);
            if (rc == 2) {
                answer(&resp);
                break;
            }
            if (rc == 1) {
                hp.req.discard_body = 1;
                early = 1;
                answer(&resp);
            }
            continue;
        }
        if (ev == ARS__HP_DONE) {
            if (!early) {
                if (ars__route_request(&srv, &hp.req, &rt, &resp, &job) == 1)
                    ars__job_free(job);
                else
                    answer(&resp);
            }
            early = 0;
            ars__hp_reset(&hp);
            continue;
        }
        if (used == 0 && end == size)
            break;
    }
    ars__hp_free(&hp);
    return 0;
}
