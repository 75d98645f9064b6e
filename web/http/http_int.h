/* web/http/http_int.h — the server's and the request's insides, shared by
 * the files of web/http only (server.c: create and close; listen.c:
 * listeners, accept and the connection cap; request.c: from h2o's request
 * to ours, and the accessors; reply.c: the replies; errors.c: statuses).
 */
#ifndef DSC_WEB_HTTP_INT_H
#define DSC_WEB_HTTP_INT_H

#include <h2o.h>
#include <stdbool.h>

#include "http.h"
#include "router.h"

/* The server's life: open (serving), draining (closing: listeners gone,
 * requests in flight may answer), teardown (connections being shut),
 * disposing (everything closed; waiting for libuv to free the last
 * handles). */
typedef enum dsc__http_phase {
  DSC__HTTP_OPEN,
  DSC__HTTP_DRAINING,
  DSC__HTTP_TEARDOWN,
  DSC__HTTP_DISPOSING
} dsc__http_phase_t;

/* A stream handle: TCP or a unix socket. */
typedef union dsc__http_stream {
  uv_handle_t handle;
  uv_stream_t stream;
  uv_tcp_t tcp;
  uv_pipe_t pipe;
} dsc__http_stream_t;

typedef struct dsc__http_listener {
  h2o_linklist_t link; /* in server->listeners */
  dsc_http_server_t *server;
  dsc__http_stream_t h;
} dsc__http_listener_t;

/* One accepted connection. h2o owns its protocol state; we own the handle,
 * and learn of its end in conn_closed, which h2o's socket calls. */
typedef struct dsc__http_conn {
  h2o_linklist_t link; /* in server->conns */
  dsc_http_server_t *server;
  dsc__http_stream_t h;
} dsc__http_conn_t;

/* The one h2o handler at "/": h2o allocates it (h2o_create_handler) and
 * passes it back with every request. */
typedef struct dsc__http_h2o_handler {
  h2o_handler_t super;
  dsc_http_server_t *server;
} dsc__http_h2o_handler_t;

struct dsc_http_server {
  uv_loop_t *loop;
  dsc_http_options_t opt; /* defaults applied; tls strings not kept */
  h2o_globalconf_t config;
  h2o_context_t ctx;
  h2o_accept_ctx_t accept_ctx;
  SSL_CTX *ssl; /* NULL without TLS */
  dsc__router_t router;
  h2o_linklist_t listeners; /* dsc__http_listener_t */
  size_t nlisteners;        /* including those closing */
  h2o_linklist_t conns;     /* dsc__http_conn_t */
  size_t nconns;            /* including those closing */
  h2o_linklist_t live;      /* dsc_http_req_t attached to h2o */
  size_t nlive;
  dsc__http_phase_t phase;
  uv_timer_t timer; /* drain, then teardown deadlines */
  uv_idle_t closer; /* never started: the last handle closed (server.c) */
  void (*close_cb)(void *);
  void *close_data;
};

/* The link between h2o's request and ours, allocated in h2o's request
 * pool (h2o_mem_alloc_shared): h2o disposes it with the request, which
 * tells us that the h2o_req_t is gone. */
typedef struct dsc__http_req_link {
  dsc_http_req_t *req; /* NULL once we no longer care */
} dsc__http_req_link_t;

typedef struct dsc__http_kv {
  const char *name, *value;
} dsc__http_kv_t;

/* Strings the request owns, freed with it. */
typedef struct dsc__http_blob {
  struct dsc__http_blob *next;
  char s[];
} dsc__http_blob_t;

struct dsc_http_req {
  dsc_http_server_t *server; /* NULL once detached from h2o */
  h2o_req_t *h2o;            /* NULL once gone or answered */
  dsc__http_req_link_t *link;
  h2o_linklist_t live; /* in server->live while h2o is set */
  bool gone;
  bool tls;
  const char *method, *path, *query; /* query: raw, after '?', or NULL */
  const char *authority;             /* Host (HTTP/1) or :authority (HTTP/2) */
  const char *body;
  size_t body_len;
  char peer[64];
  dsc__http_kv_t *headers; /* lower-case names, in request order */
  size_t nheaders;
  dsc__http_kv_t params[DSC__ROUTE_MAX_CAPTURES];
  size_t nparams;
  dsc__http_kv_t *out_headers; /* added by dsc_http_add_header */
  size_t nout, out_cap;
  dsc__http_blob_t *blobs;
};

/* ---- server.c ---------------------------------------------------------*/

/* Called whenever a listener, a connection or a live request ends: moves a
 * closing server on (draining → teardown → disposing) once nothing holds it
 * back. */
void dsc__http_server_progress(dsc_http_server_t *s);

/* ---- listen.c ---------------------------------------------------------*/

/* Closes every listener (their handles free themselves). */
void dsc__http_listeners_close(dsc_http_server_t *s);
/* shutdown(2) how (SHUT_RD: no more requests; SHUT_RDWR: give up on
 * writes too) on every open connection: h2o sees the end of input and
 * closes it in its own time. */
void dsc__http_conns_shutdown(dsc_http_server_t *s, int how);

/* ---- request.c --------------------------------------------------------*/

/* The h2o handler's on_req: ours for every request. */
int dsc__http_on_req(h2o_handler_t *self, h2o_req_t *r);
/* A copy of s[0..len) with a NUL, owned by req; NULL when out of memory. */
char *dsc__http_req_strndup(dsc_http_req_t *req, const char *s, size_t len);
/* Unhooks req from h2o and the server (nothing can be sent after). */
void dsc__http_req_detach(dsc_http_req_t *req);
/* Frees req and what it owns. */
void dsc__http_req_free(dsc_http_req_t *req);

/* ---- reply.c ----------------------------------------------------------*/

/* Sends status with body while req is attached, then detaches it (but
 * does not free it). */
void dsc__http_send(dsc_http_req_t *req, int status, const char *ctype,
                    const char *body, size_t len);
/* Sends the JSON error body of err with an explicit status (404, 405, 431
 * have no code of their own in the table), then detaches req. */
void dsc__http_send_error(dsc_http_req_t *req, int status, dsc_err_t err,
                          const dsc_detail_t *detail);

/* ---- errors.c ---------------------------------------------------------*/

/* The error body {"error": {...}} of err in lang; NULL without memory. */
cJSON *dsc__http_error_body(dsc_err_t err, const dsc_detail_t *detail,
                            dsc_lang_t lang);
/* Retry-After seconds for err, or 0 for none. */
int dsc__http_retry_after(dsc_err_t err);

#endif /* DSC_WEB_HTTP_INT_H */
