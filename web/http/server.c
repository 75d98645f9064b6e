/* web/http/server.c — the server's life: creation (h2o's configuration and
 * context on the caller's loop, TLS, the file limit) and the close that
 * drains, shuts the connections and frees everything once libuv let go. */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "http_int.h"

#include <h2o/multithread.h>
#include <openssl/ssl.h>

#define DEFAULT_MAX_BODY ((size_t)1 << 20)
#define DEFAULT_MAX_HEADERS ((size_t)16 << 10)
#define DEFAULT_IO_TIMEOUT_MS 10000u
#define DEFAULT_MAX_CONNECTIONS 4096u
/* After the connections were told to end (SHUT_RD), how long a client
 * that does not read its last response may hold one. */
#define TEARDOWN_GRACE_MS 1000u

/* Each idle connection is a descriptor: without this, the usual soft
 * limit of 1024 would refuse connections long before max_connections. */
static void raise_nofile(void) {
  struct rlimit rl;
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    (void)setrlimit(RLIMIT_NOFILE, &rl); /* at worst, the old limit */
  }
}

static dsc_err_t tls_setup(dsc_http_server_t *s, const char *cert,
                           const char *key, dsc_detail_t *d) {
  if ((cert == NULL) != (key == NULL))
    return dsc_detail_set(d, DSC_INVALID, "tls",
                          "a certificate needs its key, and a key its "
                          "certificate",
                          "证书与私钥须同时提供");
  if (cert == NULL)
    return DSC_OK;
  s->ssl = SSL_CTX_new(TLS_server_method());
  if (s->ssl == NULL)
    return dsc_detail_set(d, DSC_NOMEM, "tls", "out of memory", NULL);
  SSL_CTX_set_min_proto_version(s->ssl, TLS1_2_VERSION);
  SSL_CTX_set_options(s->ssl,
                      SSL_OP_NO_COMPRESSION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_use_certificate_chain_file(s->ssl, cert) != 1)
    return dsc_detail_setf(d, DSC_UNAVAILABLE, "tls",
                           "cannot load the certificate %s", "无法读取证书 %s",
                           cert);
  if (SSL_CTX_use_PrivateKey_file(s->ssl, key, SSL_FILETYPE_PEM) != 1 ||
      SSL_CTX_check_private_key(s->ssl) != 1)
    return dsc_detail_setf(d, DSC_UNAVAILABLE, "tls",
                           "cannot load the key %s, or it does not match "
                           "the certificate",
                           "无法读取私钥 %s，或与证书不匹配", key);
  /* ALPN offers h2 first, then http/1.1. */
  h2o_ssl_register_alpn_protocols(s->ssl, h2o_http2_alpn_protocols);
  return DSC_OK;
}

dsc_err_t dsc_http_server_create(uv_loop_t *loop, const dsc_http_options_t *o,
                                 dsc_http_server_t **out, dsc_detail_t *d) {
  static const dsc_http_options_t none = {0};
  dsc_http_server_t *s;
  h2o_hostconf_t *host;
  dsc__http_h2o_handler_t *h;
  dsc_err_t err;

  *out = NULL;
  if (o == NULL)
    o = &none;
  s = calloc(1, sizeof *s);
  if (s == NULL)
    return dsc_detail_set(d, DSC_NOMEM, "", "out of memory", NULL);
  s->loop = loop;
  s->opt.max_body = o->max_body ? o->max_body : DEFAULT_MAX_BODY;
  s->opt.max_headers = o->max_headers ? o->max_headers : DEFAULT_MAX_HEADERS;
  s->opt.io_timeout_ms =
      o->io_timeout_ms ? o->io_timeout_ms : DEFAULT_IO_TIMEOUT_MS;
  s->opt.max_connections =
      o->max_connections ? o->max_connections : DEFAULT_MAX_CONNECTIONS;
  err = tls_setup(s, o->tls_cert, o->tls_key, d);
  if (err != DSC_OK) {
    SSL_CTX_free(s->ssl);
    free(s);
    return err;
  }
  raise_nofile();

  h2o_config_init(&s->config);
  /* h2o refuses a larger Content-Length with 413 before reading the body,
   * and cuts a chunked body off at the limit. */
  s->config.max_request_entity_size = s->opt.max_body;
  /* http1: from the first byte of a request to its last (headers and
   * body), and idle keep-alive; not re-armed by each byte, so a client
   * sending a byte a second is cut off too. http2: idle connections. */
  s->config.http1.req_timeout = s->opt.io_timeout_ms;
  s->config.http2.idle_timeout = s->opt.io_timeout_ms;
  s->config.handshake_timeout = s->opt.io_timeout_ms;
  s->config.server_name = h2o_iovec_init(H2O_STRLIT("disclose"));
  host = h2o_config_register_host(&s->config,
                                  h2o_iovec_init(H2O_STRLIT("default")), 65535);
  h = (void *)h2o_create_handler(h2o_config_register_path(host, "/", 0),
                                 sizeof *h);
  h->super.on_req = dsc__http_on_req;
  h->server = s;
  h2o_context_init(&s->ctx, loop, &s->config);
  s->accept_ctx.ctx = &s->ctx;
  s->accept_ctx.hosts = s->config.hosts;
  s->accept_ctx.ssl_ctx = s->ssl;

  dsc__router_init(&s->router);
  h2o_linklist_init_anchor(&s->listeners);
  h2o_linklist_init_anchor(&s->conns);
  h2o_linklist_init_anchor(&s->live);
  uv_timer_init(loop, &s->timer);
  uv_idle_init(loop, &s->closer);
  *out = s;
  return DSC_OK;
}

dsc_err_t dsc_http_route(dsc_http_server_t *s, const char *method,
                         const char *pattern, dsc_http_handler_fn fn,
                         void *data) {
  if (s == NULL || fn == NULL || s->phase != DSC__HTTP_OPEN)
    return DSC_MISUSE;
  /* The handler travels as void (*)(void) through the router, which
   * knows nothing of handlers; request.c casts it back. */
  return dsc__router_add(&s->router, method, pattern, (void (*)(void))fn, data,
                         NULL);
}

/* ---- closing ----------------------------------------------------------*/

static void on_closer_closed(uv_handle_t *h) {
  dsc_http_server_t *s = h->data;
  void (*cb)(void *) = s->close_cb;
  void *data = s->close_data;
  free(s);
  if (cb != NULL)
    cb(data);
}

/* h2o's timers were closed before the server's timer; libuv finishes a
 * loop turn's closes together, so the closer, closed from this callback,
 * finishes in a later turn, after every handle embedded in the server. */
static void on_timer_closed(uv_handle_t *h) {
  dsc_http_server_t *s = h->data;
  s->closer.data = s;
  uv_close((uv_handle_t *)&s->closer, on_closer_closed);
}

/* h2o_context_dispose without its last step: it runs uv_run(NOWAIT) to
 * finish closing its timers, and uv_run must not be called from a
 * callback of the same loop (which this always is). The timers are
 * embedded in ctx, so the server is freed only after they closed
 * (on_timer_closed). */
static void context_dispose(h2o_context_t *ctx) {
  h2o_globalconf_t *config = ctx->globalconf;
  h2o_timeout_t *timeouts[] = {&ctx->zero_timeout,
                               &ctx->one_sec_timeout,
                               &ctx->hundred_ms_timeout,
                               &ctx->handshake_timeout,
                               &ctx->http1.req_timeout,
                               &ctx->http2.idle_timeout,
                               &ctx->http2.graceful_shutdown_timeout,
                               &ctx->proxy.io_timeout};

  for (size_t i = 0; config->hosts[i] != NULL; ++i) {
    h2o_hostconf_t *host = config->hosts[i];
    for (size_t j = 0; j != host->paths.size; ++j)
      h2o_context_dispose_pathconf_context(ctx, host->paths.entries + j);
    h2o_context_dispose_pathconf_context(ctx, &host->fallback_path);
  }
  free(ctx->_pathconfs_inited.entries);
  free(ctx->_module_configs);
  /* The graceful shutdown of http2 re-sends GOAWAY from a timer entry of
   * the context's own; it may still be waiting. */
  if (h2o_timeout_is_linked(&ctx->http2._graceful_shutdown_timeout))
    h2o_timeout_unlink(&ctx->http2._graceful_shutdown_timeout);
  for (size_t i = 0; i < sizeof timeouts / sizeof timeouts[0]; i++)
    h2o_timeout_dispose(ctx->loop, timeouts[i]);
  h2o_filecache_destroy(ctx->filecache);
  for (size_t i = 0; i != ctx->storage.size; ++i)
    if (ctx->storage.entries[i].dispose != NULL)
      ctx->storage.entries[i].dispose(ctx->storage.entries[i].data);
  free(ctx->storage.entries);
  h2o_multithread_unregister_receiver(ctx->queue,
                                      &ctx->receivers.hostinfo_getaddr);
  h2o_multithread_destroy_queue(ctx->queue);
  if (ctx->_timestamp_cache.value != NULL)
    h2o_mem_release_shared(ctx->_timestamp_cache.value);
}

static void dispose(dsc_http_server_t *s) {
  s->phase = DSC__HTTP_DISPOSING;
  uv_timer_stop(&s->timer);
  context_dispose(&s->ctx);
  h2o_config_dispose(&s->config);
  SSL_CTX_free(s->ssl);
  s->ssl = NULL;
  dsc__router_free(&s->router);
  s->timer.data = s;
  uv_close((uv_handle_t *)&s->timer, on_timer_closed);
}

static void on_teardown_timeout(uv_timer_t *t) {
  dsc_http_server_t *s = t->data;
  dsc__http_conns_shutdown(s, SHUT_RDWR);
}

static void start_teardown(dsc_http_server_t *s) {
  s->phase = DSC__HTTP_TEARDOWN;
  uv_timer_stop(&s->timer);
  dsc__http_conns_shutdown(s, SHUT_RD);
  s->timer.data = s;
  uv_timer_start(&s->timer, on_teardown_timeout, TEARDOWN_GRACE_MS, 0);
  dsc__http_server_progress(s);
}

/* Requests still unanswered when the drain ends get 503 now; their
 * handlers' replies, whenever they come, are dropped. */
static void on_drain_timeout(uv_timer_t *t) {
  dsc_http_server_t *s = t->data;
  dsc_detail_t d;

  dsc_detail_set(&d, DSC_UNAVAILABLE, "", "the server is stopping",
                 "服务正在停止");
  while (s->phase == DSC__HTTP_DRAINING && !h2o_linklist_is_empty(&s->live)) {
    dsc_http_req_t *req =
        H2O_STRUCT_FROM_MEMBER(dsc_http_req_t, live, s->live.next);
    req->gone = true;
    dsc__http_send_error(req, 503, DSC_UNAVAILABLE, &d);
  }
}

void dsc__http_server_progress(dsc_http_server_t *s) {
  switch (s->phase) {
  case DSC__HTTP_OPEN:
  case DSC__HTTP_DISPOSING:
    return;
  case DSC__HTTP_DRAINING:
    if (s->nlive == 0)
      start_teardown(s);
    return;
  case DSC__HTTP_TEARDOWN:
    if (s->nconns == 0 && s->nlisteners == 0)
      dispose(s);
    return;
  }
}

void dsc_http_server_close(dsc_http_server_t *s, void (*cb)(void *),
                           void *data) {
  if (s == NULL || s->phase != DSC__HTTP_OPEN)
    return;
  s->close_cb = cb;
  s->close_data = data;
  s->phase = DSC__HTTP_DRAINING;
  dsc__http_listeners_close(s);
  /* http2: GOAWAY; http1: the next responses say Connection: close. */
  h2o_context_request_shutdown(&s->ctx);
  s->timer.data = s;
  uv_timer_start(&s->timer, on_drain_timeout, s->opt.io_timeout_ms, 0);
  dsc__http_server_progress(s);
}
