/* tls.h - TLS for `arsenal serve`: OpenSSL driven through memory BIOs, so
 * the loop never blocks on a handshake and conn.c keeps working on plaintext.
 *
 * The transport seam: conn.c hands every ciphertext byte the socket gives
 * to ars__tls_recv and gets plaintext back; it passes every response through
 * ars__tls_seal and writes the ciphertext; whatever the session has to say
 * by itself (handshake records, session tickets) comes out of
 * ars__tls_output after each receive. Everything runs on the loop thread. */
#ifndef ARS_SERVER_TLS_H
#define ARS_SERVER_TLS_H

#include "arsenal.h"

#include <stddef.h>

typedef struct ars__tls_ctx ars__tls_ctx;
typedef struct ars__tls ars__tls;

/* Loads the certificate chain (PEM, leaf first) and its private key (PEM,
 * not encrypted) and checks that they belong together. TLS 1.2 and 1.3
 * only, forward-secret AEAD cipher suites only. Errors name the file and
 * what is wrong with it. */
int ars__tls_ctx_new(ars__tls_ctx **out, const char *cert_file, const char *key_file,
                     ars_error *err);
void ars__tls_ctx_free(ars__tls_ctx *ctx);

/* A server session for one accepted connection; NULL when out of memory. */
ars__tls *ars__tls_new(ars__tls_ctx *ctx);
void ars__tls_free(ars__tls *t);

enum { ARS__TLS_OK = 0, ARS__TLS_EOF = -1, ARS__TLS_ERROR = -2 };

/* Takes len ciphertext bytes from the socket (len may be 0 to drain what is
 * buffered) and decrypts into plain[0..cap), setting *got. Ciphertext that
 * does not fit stays buffered for the next call. Returns ARS__TLS_OK,
 * ARS__TLS_EOF when the peer sent close_notify and nothing more is left,
 * or ARS__TLS_ERROR for anything that is not TLS, a failed handshake or
 * out of memory: close the connection. */
int ars__tls_recv(ars__tls *t, const char *cipher, size_t len, char *plain, size_t cap,
                  size_t *got);

/* 1 once the handshake is complete: before it, nothing can be sent. */
int ars__tls_ready(const ars__tls *t);

/* Encrypts plain[0..len) and returns the ciphertext to write (ars__malloc'd,
 * *out_len bytes), preceded by any record the session still had to send and
 * followed by close_notify when close_notify is set. NULL when the session
 * cannot send (no handshake yet, a fatal error, out of memory). */
char *ars__tls_seal(ars__tls *t, const char *plain, size_t len, int close_notify, size_t *out_len);

/* Records the session produced by itself, to write now; NULL when none. */
char *ars__tls_output(ars__tls *t, size_t *out_len);

#endif
