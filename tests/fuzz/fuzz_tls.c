/* fuzz_tls.c - libFuzzer target for the server side of TLS (solver/server/
 * tls.c) as conn.c drives it: client bytes go to a fresh session in pieces
 * (their size taken from the first byte, to reach records and handshake
 * messages that span reads) through a small plaintext buffer, whatever the
 * session has to send is taken after each piece, and a session that gets
 * through the handshake seals an answer. The certificate is made at start. */
#include "server/tls.h"
#include "util/util.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ars__tls_ctx *make_ctx(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], cert[4200], key[4200];
    EVP_PKEY *k = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    FILE *f;
    ars__tls_ctx *ctx = NULL;
    ars_error err;
    snprintf(dir, sizeof dir, "%s/fuzz-tls-XXXXXX", tmp && *tmp ? tmp : P_tmpdir);
    if (!k || !x || !mkdtemp(dir))
        abort();
    snprintf(cert, sizeof cert, "%s/cert.pem", dir);
    snprintf(key, sizeof key, "%s/key.pem", dir);
    ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
    X509_gmtime_adj(X509_getm_notBefore(x), 0);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_set_pubkey(x, k);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
                               (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(x, X509_get_subject_name(x));
    if (X509_sign(x, k, EVP_sha256()) <= 0)
        abort();
    f = fopen(cert, "w");
    if (!f || PEM_write_X509(f, x) != 1)
        abort();
    fclose(f);
    f = fopen(key, "w");
    if (!f || PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) != 1)
        abort();
    fclose(f);
    ars_error_clear(&err);
    if (ars__tls_ctx_new(&ctx, cert, key, &err) != ARS_OK)
        abort();
    unlink(cert);
    unlink(key);
    rmdir(dir);
    X509_free(x);
    EVP_PKEY_free(k);
    return ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ars__tls_ctx *ctx;
    char plain[100];
    size_t off = 1, piece, got = 0, len = 0;
    int rc = ARS__TLS_OK;
    ars__tls *t;
    char *out;
    if (!ctx)
        ctx = make_ctx();
    if (size == 0)
        return 0;
    piece = (size_t)data[0] % 64 + 1;
    t = ars__tls_new(ctx);
    if (!t)
        return 0;
    while (off < size && rc == ARS__TLS_OK) {
        size_t n = size - off < piece ? size - off : piece;
        rc = ars__tls_recv(t, (const char *)data + off, n, plain, sizeof plain, &got);
        off += n;
        /* Drain what a full plaintext buffer left in the session. */
        while (rc == ARS__TLS_OK && got == sizeof plain)
            rc = ars__tls_recv(t, NULL, 0, plain, sizeof plain, &got);
        out = ars__tls_output(t, &len);
        ars__free(out);
    }
    if (ars__tls_ready(t)) {
        out = ars__tls_seal(t, "HTTP/1.1 200 OK\r\n\r\n", 19, 1, &len);
        ars__free(out);
    }
    ars__tls_free(t);
    return 0;
}
