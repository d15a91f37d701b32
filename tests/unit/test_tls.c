/* test_tls.c - solver/server/tls.c without sockets: an OpenSSL client on
 * memory BIOs talks to an ars__tls session through the seam conn.c uses
 * (recv, output, seal). A certificate and keys are made here. The socket
 * side (curl, stalled and garbage clients, nginx) is tests/cli/server_tls.sh. */
#include "server/tls.h"
#include "test.h"
#include "util/util.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[4096];
static char cert_path[4200], key_path[4200], other_path[4200];

static int write_key(const char *path, EVP_PKEY *k)
{
    FILE *f = fopen(path, "w");
    int ok = f && PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) == 1;
    if (f)
        fclose(f);
    return ok;
}

/* A self-signed P-256 certificate for "localhost", its key, and another key. */
static int make_files(void)
{
    EVP_PKEY *key = EVP_EC_gen("P-256"), *other = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    FILE *f;
    int ok = key && other && x;
    snprintf(dir, sizeof dir, "%s/tls-test-XXXXXX", ARS_BINARY_DIR);
    if (!mkdtemp(dir))
        ok = 0;
    snprintf(cert_path, sizeof cert_path, "%s/cert.pem", dir);
    snprintf(key_path, sizeof key_path, "%s/key.pem", dir);
    snprintf(other_path, sizeof other_path, "%s/other.pem", dir);
    if (ok) {
        X509_NAME *name = X509_get_subject_name(x);
        ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
        X509_gmtime_adj(X509_getm_notBefore(x), 0);
        X509_gmtime_adj(X509_getm_notAfter(x), 3600);
        X509_set_pubkey(x, key);
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1,
                                   -1, 0);
        X509_set_issuer_name(x, name);
        ok = X509_sign(x, key, EVP_sha256()) > 0;
    }
    if (ok) {
        f = fopen(cert_path, "w");
        ok = f && PEM_write_X509(f, x) == 1;
        if (f)
            fclose(f);
    }
    ok = ok && write_key(key_path, key) && write_key(other_path, other);
    X509_free(x);
    EVP_PKEY_free(key);
    EVP_PKEY_free(other);
    return ok;
}

/* A client on memory BIOs. */
typedef struct client {
    SSL_CTX *ctx;
    SSL *ssl;
    BIO *in, *out; /* in: bytes from the server; out: bytes to it */
} client;

static void client_open(client *c, int max_version, const char *ciphers)
{
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (max_version)
        SSL_CTX_set_max_proto_version(c->ctx, max_version);
    if (ciphers)
        SSL_CTX_set_cipher_list(c->ctx, ciphers);
    c->ssl = SSL_new(c->ctx);
    c->in = BIO_new(BIO_s_mem());
    c->out = BIO_new(BIO_s_mem());
    BIO_set_mem_eof_return(c->in, -1);
    SSL_set_bio(c->ssl, c->in, c->out);
    SSL_set_connect_state(c->ssl);
}

static void client_close(client *c)
{
    SSL_free(c->ssl);
    SSL_CTX_free(c->ctx);
}

/* Moves the client's pending bytes to the server; returns recv's result and
 * appends plaintext to plain (up to cap per call). */
static int to_server(client *c, ars__tls *t, char *plain, size_t cap, size_t *got)
{
    size_t pending = BIO_ctrl_pending(c->out);
    char *buf = malloc(pending + 1);
    int n = buf ? BIO_read(c->out, buf, (int)pending) : 0;
    int rc = ars__tls_recv(t, buf, n > 0 ? (size_t)n : 0, plain, cap, got);
    free(buf);
    return rc;
}

static void to_client(client *c, ars__tls *t)
{
    size_t len = 0;
    char *out = ars__tls_output(t, &len);
    if (out)
        BIO_write(c->in, out, (int)len);
    ars__free(out);
}

/* Runs the handshake; returns the server's last recv result. */
static int handshake(client *c, ars__tls *t)
{
    int rc = ARS__TLS_OK, i;
    for (i = 0; i < 10 && rc == ARS__TLS_OK; i++) {
        char plain[16];
        size_t got = 0;
        int r = SSL_do_handshake(c->ssl);
        rc = to_server(c, t, plain, sizeof plain, &got);
        to_client(c, t);
        if (r == 1 && ars__tls_ready(t))
            break;
    }
    ERR_clear_error();
    return rc;
}

static ars__tls_ctx *server_ctx(void)
{
    ars__tls_ctx *ctx = NULL;
    ars_error err;
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars__tls_ctx_new(&ctx, cert_path, key_path, &err), ARS_OK);
    return ctx;
}

static void ctx_errors_name_the_flag(void)
{
    ars__tls_ctx *ctx = NULL;
    ars_error err;
    char missing[4200];
    snprintf(missing, sizeof missing, "%s/none.pem", dir);
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars__tls_ctx_new(&ctx, missing, key_path, &err), ARS_EIO);
    ASSERT_STR_EQ(err.field, "--tls-cert");
    ASSERT_CONTAINS(err.message, "none.pem");
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars__tls_ctx_new(&ctx, cert_path, other_path, &err), ARS_EINVALID);
    ASSERT_STR_EQ(err.field, "--tls-key");
    ASSERT_CONTAINS(err.message, "is not the private key of the certificate");
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars__tls_ctx_new(&ctx, key_path, key_path, &err), ARS_EINVALID);
    ASSERT_STR_EQ(err.field, "--tls-cert");
    ars_error_clear(&err);
    ASSERT_INT_EQ(ars__tls_ctx_new(&ctx, cert_path, NULL, &err), ARS_EUSAGE);
    ASSERT_STR_EQ(err.field, "--tls-key");
    ASSERT_TRUE(ctx == NULL);
}

/* 100 000 bytes from the client arrive whole and in order through a 1000-byte
 * buffer: what does not fit waits in the session for the next recv. */
static void data_through_a_small_buffer(void)
{
    ars__tls_ctx *ctx = server_ctx();
    ars__tls *t = ars__tls_new(ctx);
    client c;
    static char sent[100000], got_all[100000];
    size_t total = 0, got = 0, len = 0, i;
    char *sealed, reply[16];
    int rc, r, rounds = 0;
    size_t n = 0;
    client_open(&c, 0, NULL);
    sealed = ars__tls_seal(t, "early", 5, 0, &len);
    ASSERT_TRUE(sealed == NULL); /* nothing can be sent before the handshake */
    ASSERT_INT_EQ(handshake(&c, t), ARS__TLS_OK);
    ASSERT_TRUE(ars__tls_ready(t));
    ASSERT_STR_EQ(SSL_get_version(c.ssl), "TLSv1.3");
    for (i = 0; i < sizeof sent; i++)
        sent[i] = (char)('a' + i % 23);
    ASSERT_INT_EQ(SSL_write_ex(c.ssl, sent, sizeof sent, &n), 1);
    rc = to_server(&c, t, got_all, 1000, &got);
    while (rc == ARS__TLS_OK && got > 0 && total + got < sizeof got_all && rounds++ < 1000) {
        total += got;
        rc = ars__tls_recv(t, NULL, 0, got_all + total,
                           sizeof got_all - total < 1000 ? sizeof got_all - total : 1000, &got);
    }
    total += got;
    ASSERT_INT_EQ(rc, ARS__TLS_OK);
    ASSERT_INT_EQ(total, sizeof sent);
    ASSERT_TRUE(memcmp(sent, got_all, sizeof sent) == 0);
    ASSERT_TRUE(rounds >= 99); /* it really came in 1000-byte pieces */

    /* 100 000 bytes back, twice: the write buffer that held the first is
     * replaced, and the second still arrives whole. */
    for (r = 0; r < 2; r++) {
        size_t back = 0;
        sealed = ars__tls_seal(t, sent, sizeof sent, 0, &len);
        ASSERT_TRUE(sealed != NULL && len > sizeof sent);
        if (sealed)
            BIO_write(c.in, sealed, (int)len);
        ars__free(sealed);
        memset(got_all, 0, sizeof got_all);
        while (back < sizeof got_all &&
               SSL_read_ex(c.ssl, got_all + back, sizeof got_all - back, &n) == 1)
            back += n;
        ASSERT_INT_EQ(back, sizeof sent);
        ASSERT_TRUE(memcmp(sent, got_all, sizeof sent) == 0);
    }
    ERR_clear_error();

    /* The answer, with close_notify after it. */
    sealed = ars__tls_seal(t, "answer", 6, 1, &len);
    ASSERT_TRUE(sealed != NULL);
    BIO_write(c.in, sealed, (int)len);
    ars__free(sealed);
    n = 0;
    r = SSL_read_ex(c.ssl, reply, sizeof reply, &n);
    ASSERT_INT_EQ(r, 1);
    ASSERT_INT_EQ(n, 6);
    ASSERT_TRUE(memcmp(reply, "answer", 6) == 0);
    r = SSL_read_ex(c.ssl, reply, sizeof reply, &n);
    ASSERT_INT_EQ(SSL_get_error(c.ssl, r), SSL_ERROR_ZERO_RETURN);

    /* The client's close_notify is the end of the stream. */
    SSL_shutdown(c.ssl);
    ASSERT_INT_EQ(to_server(&c, t, reply, sizeof reply, &got), ARS__TLS_EOF);
    ERR_clear_error();
    client_close(&c);
    ars__tls_free(t);
    ars__tls_ctx_free(ctx);
}

static void refused_handshakes(void)
{
    ars__tls_ctx *ctx = server_ctx();
    ars__tls *t = ars__tls_new(ctx);
    static const char http[] = "GET /v1/healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    char plain[64];
    size_t got = 9, len = 0;
    client c;
    /* Plain HTTP instead of a ClientHello. */
    ASSERT_INT_EQ(ars__tls_recv(t, http, sizeof http - 1, plain, sizeof plain, &got),
                  ARS__TLS_ERROR);
    ASSERT_INT_EQ(got, 0);
    ASSERT_TRUE(!ars__tls_ready(t));
    ASSERT_TRUE(ars__tls_seal(t, "x", 1, 0, &len) == NULL);
    ars__tls_free(t);

    /* TLS 1.2 with a CBC suite, which OpenSSL would accept by default. */
    t = ars__tls_new(ctx);
    client_open(&c, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-SHA");
    ASSERT_INT_EQ(handshake(&c, t), ARS__TLS_ERROR);
    client_close(&c);
    ars__tls_free(t);

    /* The same client with an AEAD suite gets through. */
    t = ars__tls_new(ctx);
    client_open(&c, TLS1_2_VERSION, "ECDHE-ECDSA-AES128-GCM-SHA256");
    ASSERT_INT_EQ(handshake(&c, t), ARS__TLS_OK);
    ASSERT_TRUE(ars__tls_ready(t));
    ASSERT_STR_EQ(SSL_get_cipher_name(c.ssl), "ECDHE-ECDSA-AES128-GCM-SHA256");
    client_close(&c);
    ars__tls_free(t);
    ars__tls_ctx_free(ctx);
}

int main(void)
{
    if (!make_files()) {
        fprintf(stderr, "cannot make a test certificate\n");
        return 1;
    }
    RUN_TEST(ctx_errors_name_the_flag);
    RUN_TEST(data_through_a_small_buffer);
    RUN_TEST(refused_handshakes);
    unlink(cert_path);
    unlink(key_path);
    unlink(other_path);
    rmdir(dir);
    TEST_EXIT();
}
