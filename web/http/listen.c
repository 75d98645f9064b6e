/* web/http/listen.c — listeners (TCP and unix sockets), accepting
 * connections into h2o, the connection cap, and shutting connections down
 * when the server closes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "http_int.h"

/* The sockaddr or path a spec names. */
typedef struct listen_addr {
  bool is_pipe;
  struct sockaddr_storage sa;
  char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
} listen_addr_t;

static bool parse_port(const char *s, int *port) {
  long v = 0;
  if (*s == '\0' || strlen(s) > 5)
    return false;
  for (; *s != '\0'; s++) {
    if (*s < '0' || *s > '9')
      return false;
    v = v * 10 + (*s - '0');
  }
  if (v < 1 || v > 65535)
    return false;
  *port = (int)v;
  return true;
}

/* Addresses only, never host names: resolving one would block the loop. */
static bool parse_spec(const char *spec, listen_addr_t *a) {
  char host[64];
  const char *colon;
  int port;

  memset(a, 0, sizeof *a);
  if (strncmp(spec, "unix:", 5) == 0 || spec[0] == '/') {
    const char *path = spec[0] == '/' ? spec : spec + 5;
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof a->path || path[0] != '/')
      return false;
    a->is_pipe = true;
    memcpy(a->path, path, len + 1);
    return true;
  }
  if (parse_port(spec, &port))
    return uv_ip4_addr("127.0.0.1", port, (struct sockaddr_in *)&a->sa) == 0;
  if (spec[0] == '[') {
    const char *close = strchr(spec, ']');
    if (close == NULL || close[1] != ':' ||
        (size_t)(close - spec - 1) >= sizeof host ||
        !parse_port(close + 2, &port))
      return false;
    memcpy(host, spec + 1, (size_t)(close - spec - 1));
    host[close - spec - 1] = '\0';
    return uv_ip6_addr(host, port, (struct sockaddr_in6 *)&a->sa) == 0;
  }
  colon = strrchr(spec, ':');
  if (colon == NULL || (size_t)(colon - spec) >= sizeof host ||
      !parse_port(colon + 1, &port))
    return false;
  memcpy(host, spec, (size_t)(colon - spec));
  host[colon - spec] = '\0';
  return uv_ip4_addr(host, port, (struct sockaddr_in *)&a->sa) == 0;
}

static void on_listener_closed(uv_handle_t *h) {
  dsc__http_listener_t *l = h->data;
  dsc_http_server_t *s = l->server;
  h2o_linklist_unlink(&l->link);
  s->nlisteners--;
  free(l);
  dsc__http_server_progress(s);
}

static void on_conn_closed(uv_handle_t *h) {
  dsc__http_conn_t *c =
      H2O_STRUCT_FROM_MEMBER(dsc__http_conn_t, h, (dsc__http_stream_t *)h);
  dsc_http_server_t *s = c->server;
  h2o_linklist_unlink(&c->link);
  s->nconns--;
  free(c);
  dsc__http_server_progress(s);
}

static void on_connection(uv_stream_t *listener, int status) {
  dsc__http_listener_t *l = listener->data;
  dsc_http_server_t *s = l->server;
  dsc__http_conn_t *c;
  h2o_socket_t *sock;

  if (status != 0)
    return; /* EMFILE and the like: libuv keeps listening */
  c = calloc(1, sizeof *c);
  if (c == NULL)
    return;
  c->server = s;
  if (listener->type == UV_NAMED_PIPE)
    uv_pipe_init(s->loop, &c->h.pipe, 0);
  else
    uv_tcp_init(s->loop, &c->h.tcp);
  h2o_linklist_insert(&s->conns, &c->link);
  s->nconns++;
  if (uv_accept(listener, &c->h.stream) != 0 ||
      s->nconns > s->opt.max_connections || s->phase != DSC__HTTP_OPEN) {
    /* Over the cap the newcomer is closed at once; those already
     * connected keep being served. */
    uv_close(&c->h.handle, on_conn_closed);
    return;
  }
  if (listener->type == UV_TCP)
    uv_tcp_nodelay(&c->h.tcp, 1);
  sock = h2o_uv_socket_create(&c->h.stream, on_conn_closed);
  h2o_accept(&s->accept_ctx, sock);
}

/* Binds a unix socket at path, replacing a stale socket file left by a
 * previous run (never any other kind of file). */
static int bind_pipe(uv_pipe_t *p, const char *path) {
  struct stat st;
  if (lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
    (void)unlink(path);
  return uv_pipe_bind(p, path);
}

dsc_err_t dsc_http_listen(dsc_http_server_t *s, const char *spec,
                          dsc_detail_t *d) {
  listen_addr_t a;
  dsc__http_listener_t *l;
  int rc;

  if (s == NULL || s->phase != DSC__HTTP_OPEN)
    return dsc_detail_set(d, DSC_MISUSE, "listen", "the server is closing",
                          "服务正在关闭");
  if (spec == NULL || !parse_spec(spec, &a))
    return dsc_detail_setf(d, DSC_INVALID, "listen",
                           "%s is not HOST:PORT, [IPV6]:PORT, PORT, "
                           "unix:/PATH or /PATH",
                           "%s 不是 HOST:PORT、[IPV6]:PORT、PORT、unix:/PATH "
                           "或 /PATH",
                           spec ? spec : "(null)");
  l = calloc(1, sizeof *l);
  if (l == NULL)
    return dsc_detail_set(d, DSC_NOMEM, "listen", "out of memory", NULL);
  l->server = s;
  l->h.handle.data = l;
  if (a.is_pipe) {
    uv_pipe_init(s->loop, &l->h.pipe, 0);
    l->h.handle.data = l;
    rc = bind_pipe(&l->h.pipe, a.path);
  } else {
    uv_tcp_init(s->loop, &l->h.tcp);
    l->h.handle.data = l;
    rc = uv_tcp_bind(&l->h.tcp, (const struct sockaddr *)&a.sa, 0);
  }
  h2o_linklist_insert(&s->listeners, &l->link);
  s->nlisteners++;
  if (rc == 0)
    rc = uv_listen(&l->h.stream, SOMAXCONN, on_connection);
  if (rc != 0) {
    uv_close(&l->h.handle, on_listener_closed);
    return dsc_detail_setf(d, DSC_UNAVAILABLE, "listen",
                           "cannot listen on %s: %s", "无法监听 %s：%s", spec,
                           uv_strerror(rc));
  }
  return DSC_OK;
}

void dsc__http_listeners_close(dsc_http_server_t *s) {
  for (h2o_linklist_t *n = s->listeners.next; n != &s->listeners; n = n->next) {
    dsc__http_listener_t *l =
        H2O_STRUCT_FROM_MEMBER(dsc__http_listener_t, link, n);
    if (!uv_is_closing(&l->h.handle))
      uv_close(&l->h.handle, on_listener_closed);
  }
}

void dsc__http_conns_shutdown(dsc_http_server_t *s, int how) {
  for (h2o_linklist_t *n = s->conns.next; n != &s->conns; n = n->next) {
    dsc__http_conn_t *c = H2O_STRUCT_FROM_MEMBER(dsc__http_conn_t, link, n);
    uv_os_fd_t fd;
    if (!uv_is_closing(&c->h.handle) && uv_fileno(&c->h.handle, &fd) == 0)
      (void)shutdown(fd, how);
  }
}
