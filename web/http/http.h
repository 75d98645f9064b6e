/* web/http — the HTTP front of disclose: a small server on h2o (Debian's
 * libh2o, built on libuv) that runs on the caller's uv loop, routes
 * METHOD + path patterns to asynchronous handlers and maps the engine's
 * error table onto HTTP statuses.
 *
 * This is a front end's header, not the engine's: the daemon (disclosed)
 * and the API handlers (web/api) use it. Everything runs on the loop's
 * thread; nothing here is thread-safe. docs/api.md, "The server", is the
 * user-facing description of the limits and statuses.
 */
#ifndef DSC_WEB_HTTP_H
#define DSC_WEB_HTTP_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <uv.h>

#include "disclose/error.h"

typedef struct dsc_http_server dsc_http_server_t;
typedef struct dsc_http_req dsc_http_req_t; /* one request in flight */
typedef void (*dsc_http_handler_fn)(dsc_http_req_t *req, void *data);

typedef struct dsc_http_options {
  size_t max_body;          /* bytes; 0 = 1 MiB. A larger Content-Length is
                               refused with 413 before the body is read; a
                               chunked body is cut off at the limit (413). */
  size_t max_headers;       /* bytes of request line + headers; 0 = 16 KiB
                               (431 or close when over) */
  unsigned io_timeout_ms;   /* 0 = 10 s: idle keep-alive, slow headers or
                               body (slow-loris) close the connection */
  unsigned max_connections; /* 0 = 4096: beyond, new connections are closed
                               at once (the others keep being served) */
  const char *tls_cert, *tls_key; /* PEM files; both or neither (HTTPS with
                               ALPN h2 + http/1.1 via h2o's OpenSSL glue) */
} dsc_http_options_t;

/* Creates a server on loop (which must outlive it) with the options o
 * (NULL: all defaults; the strings are read here, not kept). It listens
 * nowhere until dsc_http_listen. Raises this process's RLIMIT_NOFILE soft
 * limit to its hard limit, so that thousands of idle connections fit.
 * OUT: *out, released with dsc_http_server_close.
 * Errors (with detail d, which may be NULL): DSC_INVALID naming "tls" when
 * only one of tls_cert and tls_key is given, DSC_UNAVAILABLE naming "tls"
 * when the certificate or key cannot be loaded, DSC_NOMEM. */
dsc_err_t dsc_http_server_create(uv_loop_t *loop, const dsc_http_options_t *o,
                                 dsc_http_server_t **out, dsc_detail_t *d);

/* Starts listening on spec: "127.0.0.1:8080", "[::1]:8080", "8080"
 * (= 127.0.0.1:8080, loopback by default), "unix:/path/sock" or
 * "/path/sock" (a stale socket file is replaced). May be called several
 * times. DSC_INVALID naming "listen" for a bad spec, DSC_UNAVAILABLE
 * (field "listen") when bind fails, DSC_MISUSE once the server is closing,
 * DSC_NOMEM. */
dsc_err_t dsc_http_listen(dsc_http_server_t *s, const char *spec,
                          dsc_detail_t *d);

/* Registers METHOD PATTERN: literal segments and {name} captures, e.g.
 * "/api/v1/requests/{id}/actions/{action}". Matching is on the normalised
 * path (h2o's path_normalized: percent-decoded once, no "." or ".."
 * segments); an empty segment ("//", a trailing "/") never matches. A
 * path that matches no pattern → 404 JSON error; one that matches with
 * another method → 405 with Allow. method and pattern are copied; data is
 * passed to fn. Errors: DSC_INVALID (a bad method or pattern), DSC_CONFLICT
 * (the same method and pattern twice), DSC_NOMEM. */
dsc_err_t dsc_http_route(dsc_http_server_t *s, const char *method,
                         const char *pattern, dsc_http_handler_fn fn,
                         void *data);

/* Stops listening, lets the requests in flight answer (for at most
 * io_timeout; those still unanswered then get 503 and their handlers'
 * later replies are dropped), closes every connection, frees everything
 * once libuv released its handles, then cb(data) (cb may be NULL) on the
 * loop, never from inside this call. Accepts NULL (then cb is not called).
 * Requests the handlers still hold stay valid until they reply. */
void dsc_http_server_close(dsc_http_server_t *s, void (*cb)(void *),
                           void *data);

/* Accessors: strings are NUL-terminated, owned by req, valid until the
 * reply is sent (even when the client went away). */
const char *dsc_http_method(const dsc_http_req_t *req);
const char *dsc_http_path(const dsc_http_req_t *req); /* normalised */
/* A capture of the route's pattern ({name}); NULL for another name. */
const char *dsc_http_param(dsc_http_req_t *req, const char *name);
/* A query parameter, decoded (%xx and '+'); NULL if absent; the last one if
 * repeated. */
const char *dsc_http_query(dsc_http_req_t *req, const char *name);
/* A request header by lower-case name; NULL if absent; the first one if
 * repeated. */
const char *dsc_http_header(dsc_http_req_t *req, const char *name);
/* A cookie's value from the Cookie header(s); NULL if absent. */
const char *dsc_http_cookie(dsc_http_req_t *req, const char *name);
/* The request body (never NULL; "" when there is none); *len its length
 * (len may be NULL). The body is NUL-terminated too. */
const char *dsc_http_body(const dsc_http_req_t *req, size_t *len);
/* The host the client addressed: Host for HTTP/1 (h2o keeps it out of
 * the headers), :authority for HTTP/2; "" when it sent none. */
const char *dsc_http_authority(const dsc_http_req_t *req);
/* The peer's address: "127.0.0.1", "::1", or "unix" for a unix socket. */
const char *dsc_http_peer(dsc_http_req_t *req);
bool dsc_http_is_tls(const dsc_http_req_t *req);
/* Accept-Language: the most preferred tag (q-values, then order) starting
 * with "zh" → DSC_LANG_ZH, else DSC_LANG_EN. */
dsc_lang_t dsc_http_lang(dsc_http_req_t *req);
/* The client went away (or the server gave up on the request while
 * closing): a reply will send nothing. */
bool dsc_http_gone(const dsc_http_req_t *req);

/* Exactly one reply per request, from the handler or any later loop
 * callback (the handlers are asynchronous: they call the engine and reply
 * in its callback). Safe after the client went away: then nothing is sent
 * and req is freed. After the reply req must not be used. Every response
 * carries Cache-Control: no-store and X-Content-Type-Options: nosniff, and
 * Strict-Transport-Security over TLS. */

/* Adds a response header; name and value are copied. Before the reply. */
void dsc_http_add_header(dsc_http_req_t *req, const char *name,
                         const char *value);
/* Replies with status and body as JSON (Content-Type: application/json;
 * charset=utf-8). Takes body (freed here; NULL sends an empty object). */
void dsc_http_reply_json(dsc_http_req_t *req, int status, cJSON *body);
/* Replies with status and len bytes of body (copied) as content_type. */
void dsc_http_reply_raw(dsc_http_req_t *req, int status,
                        const char *content_type, const char *body, size_t len);

/* The one mapping from the error table to statuses: USAGE 400, INVALID
 * 422, UNAUTHENTICATED 401, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409,
 * STATUTE 422, CALENDAR_GAP 422, INTEGRITY 500, UNAVAILABLE 503, NOMEM
 * 503, BUSY 503, THROTTLED 429, MISUSE/INTERNAL 500; 500 for a value
 * outside the table (and for DSC_OK, which is no error). */
int dsc_http_status_of(dsc_err_t err);
/* Replies with dsc_http_status_of(err) (plus Retry-After: 5 for
 * UNAVAILABLE, 1 for BUSY, 60 for THROTTLED) and the body
 * {"error": {"kind": dsc_err_name, "field": detail field or null,
 * "message": the detail's message in the request's language (message_zh
 * when ZH and non-empty, else English), or dsc_strerror}}. detail may be
 * NULL. */
void dsc_http_reply_error(dsc_http_req_t *req, dsc_err_t err,
                          const dsc_detail_t *detail);

#endif /* DSC_WEB_HTTP_H */
