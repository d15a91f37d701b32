/* tls.c - the TLS layer of `arsenal serve` (see tls.h): one SSL_CTX for the
 * server, one SSL per connection between two memory BIOs. The socket is
 * never given to OpenSSL, so a handshake is just bytes in and bytes out on
 * the loop thread, and a client that stalls mid-handshake costs nothing but
 * its connection slot until conn.c's deadline closes it. */
#include "server/tls.h"
#include "util/util.h"

#include <errno.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <string.h>

/* Mozilla's "intermediate" TLS 1.2 list: ECDHE key exchange (forward
 * secrecy) with AEAD ciphers only; TLS 1.3's own suites are all of that kind. */
#define TLS12_CIPHERS                                                                              \
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"                                   \
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"                                   \
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

/* A memory BIO keeps the largest buffer it ever held; after a large
 * response the write side is replaced, so an idle keep-alive connection
 * does not keep megabytes. */
#define WBIO_KEEP_BYTES 65536

struct ars__tls_ctx {
    SSL_CTX *ctx;
};

struct ars__tls {
    SSL *ssl;
    BIO *rbio, *wbio; /* owned by ssl */
    int failed;
};

/* The text of the oldest queued OpenSSL error (the one that says why), and
 * an empty queue afterwards. */
static const char *openssl_reason(char *buf, size_t size)
{
    unsigned long e = ERR_peek_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    snprintf(buf, size, "%s", r ? r : "unknown OpenSSL error");
    ERR_clear_error();
    return buf;
}

/* An encrypted key would make OpenSSL ask for a passphrase on the terminal,
 * which a service must never do: refuse it instead. */
static int no_passphrase(char *buf, int size, int rwflag, void *user)
{
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)user;
    return -1;
}

/* Offers HTTP/1.1 to clients that negotiate ALPN (curl offers h2 first). */
static int select_alpn(SSL *ssl, const unsigned char **out, unsigned char *outlen,
                       const unsigned char *in, unsigned int inlen, void *arg)
{
    static const unsigned char http11[] = "\x08http/1.1";
    unsigned char *chosen = NULL;
    (void)ssl;
    (void)arg;
    if (SSL_select_next_proto(&chosen, outlen, http11, sizeof http11 - 1, in, inlen) !=
        OPENSSL_NPN_NEGOTIATED)
        return SSL_TLSEXT_ERR_NOACK;
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
}

static int readable(const char *flag, const char *path, ars_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ars_error_set(err, ARS_EIO, flag, "cannot read %s: %s", path, strerror(errno));
    fclose(f);
    return ARS_OK;
}

int ars__tls_ctx_new(ars__tls_ctx **out, const char *cert_file, const char *key_file,
                     ars_error *err)
{
    ars__tls_ctx *c;
    char why[256];
    int rc;
    *out = NULL;
    if (!cert_file || !key_file)
        return ars_error_set(err, ARS_EUSAGE, cert_file ? "--tls-key" : "--tls-cert",
                             "TLS needs both --tls-cert and --tls-key");
    rc = readable("--tls-cert", cert_file, err);
    if (rc == ARS_OK)
        rc = readable("--tls-key", key_file, err);
    if (rc != ARS_OK)
        return rc;
    c = ars__calloc(1, sizeof *c);
    if (!c)
        return ars_error_set(err, ARS_ENOMEM, NULL, "out of memory");
    ERR_clear_error();
    c->ctx = SSL_CTX_new(TLS_server_method());
    if (!c->ctx) {
        rc = ars_error_set(err, ARS_ENOMEM, "--tls-cert", "cannot create a TLS context: %s",
                           openssl_reason(why, sizeof why));
        goto fail;
    }
    if (SSL_CTX_set_min_proto_version(c->ctx, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(c->ctx, TLS12_CIPHERS) != 1) {
        rc = ars_error_set(err, ARS_EINTERNAL, "--tls-cert", "cannot set TLS versions/ciphers: %s",
                           openssl_reason(why, sizeof why));
        goto fail;
    }
    SSL_CTX_set_options(c->ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    SSL_CTX_set_default_passwd_cb(c->ctx, no_passphrase);
    SSL_CTX_set_alpn_select_cb(c->ctx, select_alpn, NULL);
    if (SSL_CTX_use_certificate_chain_file(c->ctx, cert_file) != 1) {
        rc = ars_error_set(err, ARS_EINVALID, "--tls-cert",
                           "%s holds no usable PEM certificate (OpenSSL: %s)", cert_file,
                           openssl_reason(why, sizeof why));
        goto fail;
    }
    if (SSL_CTX_use_PrivateKey_file(c->ctx, key_file, SSL_FILETYPE_PEM) != 1) {
        unsigned long e = ERR_peek_error();
        /* A key of the wrong kind for the certificate is reported here, a
         * key of the same kind but another pair by check_private_key. */
        if (ERR_GET_REASON(e) == X509_R_KEY_TYPE_MISMATCH ||
            ERR_GET_REASON(e) == X509_R_KEY_VALUES_MISMATCH)
            rc = ars_error_set(err, ARS_EINVALID, "--tls-key",
                               "%s is not the private key of the certificate in %s (OpenSSL: %s)",
                               key_file, cert_file, openssl_reason(why, sizeof why));
        else
            rc = ars_error_set(err, ARS_EINVALID, "--tls-key",
                               "%s holds no usable PEM private key; encrypted keys are not "
                               "supported (OpenSSL: %s)",
                               key_file, openssl_reason(why, sizeof why));
        goto fail;
    }
    if (SSL_CTX_check_private_key(c->ctx) != 1) {
        rc = ars_error_set(err, ARS_EINVALID, "--tls-key",
                           "%s is not the private key of the certificate in %s (OpenSSL: %s)",
                           key_file, cert_file, openssl_reason(why, sizeof why));
        goto fail;
    }
    *out = c;
    return ARS_OK;
fail:
    ars__tls_ctx_free(c);
    return rc;
}

void ars__tls_ctx_free(ars__tls_ctx *c)
{
    if (!c)
        return;
    SSL_CTX_free(c->ctx);
    ars__free(c);
}

ars__tls *ars__tls_new(ars__tls_ctx *ctx)
{
    ars__tls *t = ars__calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->ssl = SSL_new(ctx->ctx);
    t->rbio = BIO_new(BIO_s_mem());
    t->wbio = BIO_new(BIO_s_mem());
    if (!t->ssl || !t->rbio || !t->wbio) {
        SSL_free(t->ssl);
        BIO_free(t->rbio);
        BIO_free(t->wbio);
        ars__free(t);
        ERR_clear_error();
        return NULL;
    }
    /* An empty read BIO means "wait for more", not end of stream. */
    BIO_set_mem_eof_return(t->rbio, -1);
    SSL_set_bio(t->ssl, t->rbio, t->wbio);
    SSL_set_accept_state(t->ssl);
    return t;
}

void ars__tls_free(ars__tls *t)
{
    if (!t)
        return;
    SSL_free(t->ssl);
    ars__free(t);
}

int ars__tls_ready(const ars__tls *t)
{
    return !t->failed && SSL_is_init_finished(t->ssl);
}

int ars__tls_recv(ars__tls *t, const char *cipher, size_t len, char *plain, size_t cap, size_t *got)
{
    *got = 0;
    if (t->failed)
        return ARS__TLS_ERROR;
    while (len > 0) {
        int chunk = len > (1u << 30) ? 1 << 30 : (int)len;
        int w = BIO_write(t->rbio, cipher, chunk);
        if (w <= 0) {
            t->failed = 1;
            ERR_clear_error();
            return ARS__TLS_ERROR;
        }
        cipher += w;
        len -= (size_t)w;
    }
    while (*got < cap) {
        size_t n = 0;
        int r, e;
        ERR_clear_error();
        r = SSL_read_ex(t->ssl, plain + *got, cap - *got, &n);
        if (r == 1) {
            *got += n;
            continue;
        }
        e = SSL_get_error(t->ssl, r);
        if (e == SSL_ERROR_WANT_READ)
            break;
        if (e == SSL_ERROR_ZERO_RETURN)
            return *got > 0 ? ARS__TLS_OK : ARS__TLS_EOF;
        /* Not TLS, a failed handshake, a bad record: the connection is
         * over. The alert OpenSSL may have queued is not worth waiting for. */
        t->failed = 1;
        ERR_clear_error();
        return ARS__TLS_ERROR;
    }
    return ARS__TLS_OK;
}

char *ars__tls_output(ars__tls *t, size_t *out_len)
{
    size_t pending = BIO_ctrl_pending(t->wbio);
    char *out;
    *out_len = 0;
    if (pending == 0)
        return NULL;
    out = ars__malloc(pending);
    if (!out)
        return NULL;
    if (BIO_read(t->wbio, out, (int)pending) != (int)pending) {
        ars__free(out);
        t->failed = 1;
        ERR_clear_error();
        return NULL;
    }
    if (pending > WBIO_KEEP_BYTES) {
        BIO *fresh = BIO_new(BIO_s_mem());
        if (fresh) {
            SSL_set0_wbio(t->ssl, fresh); /* frees the old one, now empty */
            t->wbio = fresh;
        }
    }
    *out_len = pending;
    return out;
}

char *ars__tls_seal(ars__tls *t, const char *plain, size_t len, int close_notify, size_t *out_len)
{
    size_t done = 0;
    char *out;
    *out_len = 0;
    if (!ars__tls_ready(t))
        return NULL;
    while (done < len) {
        size_t n = 0;
        ERR_clear_error();
        /* The memory BIO takes everything, so a write never waits. */
        if (SSL_write_ex(t->ssl, plain + done, len - done, &n) != 1) {
            t->failed = 1;
            ERR_clear_error();
            return NULL;
        }
        done += n;
    }
    if (close_notify) {
        ERR_clear_error();
        SSL_shutdown(t->ssl);
        ERR_clear_error();
    }
    out = ars__tls_output(t, out_len);
    if (!out && len > 0)
        t->failed = 1;
    return out;
}
