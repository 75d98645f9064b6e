/* web/http/request.c — h2o's request becomes ours: a separately allocated
 * dsc_http_req_t holding copies of everything a handler may read, so that
 * it stays valid when h2o frees its request (the client went away) before
 * an asynchronous handler replies. Routing and the accessors. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "http_int.h"

char *dsc__http_req_strndup(dsc_http_req_t *req, const char *s, size_t len) {
  dsc__http_blob_t *b = malloc(sizeof *b + len + 1);
  if (b == NULL)
    return NULL;
  if (len > 0)
    memcpy(b->s, s, len);
  b->s[len] = '\0';
  b->next = req->blobs;
  req->blobs = b;
  return b->s;
}

void dsc__http_req_detach(dsc_http_req_t *req) {
  dsc_http_server_t *s = req->server;
  if (req->link != NULL) {
    req->link->req = NULL;
    req->link = NULL;
  }
  req->h2o = NULL;
  if (s == NULL)
    return;
  h2o_linklist_unlink(&req->live);
  s->nlive--;
  req->server = NULL;
  dsc__http_server_progress(s);
}

void dsc__http_req_free(dsc_http_req_t *req) {
  dsc__http_blob_t *b, *next;
  if (req == NULL)
    return;
  dsc__http_req_detach(req);
  for (b = req->blobs; b != NULL; b = next) {
    next = b->next;
    free(b);
  }
  free(req->headers);
  free(req->out_headers);
  free(req);
}

/* h2o disposes the link with its request's pool: from then on the
 * h2o_req_t is gone and must not be touched. */
static void on_link_disposed(void *p) {
  dsc__http_req_link_t *link = p;
  dsc_http_req_t *req = link->req;
  if (req == NULL)
    return;
  req->link = NULL;
  req->gone = true;
  dsc__http_req_detach(req);
}

static void copy_peer(dsc_http_req_t *req, h2o_conn_t *c) {
  struct sockaddr_storage ss;
  socklen_t len;
  const void *addr = NULL;

  memcpy(req->peer, "unix", 5);
  if (c->callbacks->get_peername == NULL)
    return;
  memset(&ss, 0, sizeof ss);
  len = c->callbacks->get_peername(c, (struct sockaddr *)&ss);
  if (len == 0)
    return;
  if (ss.ss_family == AF_INET)
    addr = &((const struct sockaddr_in *)&ss)->sin_addr;
  else if (ss.ss_family == AF_INET6)
    addr = &((const struct sockaddr_in6 *)&ss)->sin6_addr;
  if (addr == NULL ||
      inet_ntop(ss.ss_family, addr, req->peer, sizeof req->peer) == NULL)
    memcpy(req->peer, "unix", 5);
}

/* Copies what the accessors give out. False when out of memory. */
static bool copy_request(dsc_http_req_t *req, h2o_req_t *r) {
  h2o_conn_t *c = r->conn;
  h2o_socket_t *sock =
      c->callbacks->get_socket ? c->callbacks->get_socket(c) : NULL;

  req->tls = sock != NULL && sock->ssl != NULL;
  copy_peer(req, c);
  req->method = dsc__http_req_strndup(req, r->method.base, r->method.len);
  req->path = dsc__http_req_strndup(req, r->path_normalized.base,
                                    r->path_normalized.len);
  req->body = dsc__http_req_strndup(req, r->entity.base, r->entity.len);
  req->body_len = r->entity.len;
  req->authority =
      dsc__http_req_strndup(req, r->authority.base, r->authority.len);
  if (req->method == NULL || req->path == NULL || req->body == NULL ||
      req->authority == NULL)
    return false;
  if (r->query_at != SIZE_MAX && r->query_at < r->path.len) {
    req->query = dsc__http_req_strndup(req, r->path.base + r->query_at + 1,
                                       r->path.len - r->query_at - 1);
    if (req->query == NULL)
      return false;
  }
  if (r->headers.size > 0) {
    req->headers = calloc(r->headers.size, sizeof *req->headers);
    if (req->headers == NULL)
      return false;
  }
  for (size_t i = 0; i < r->headers.size; i++) {
    const h2o_header_t *h = &r->headers.entries[i];
    dsc__http_kv_t *kv = &req->headers[req->nheaders];
    kv->name = dsc__http_req_strndup(req, h->name->base, h->name->len);
    kv->value = dsc__http_req_strndup(req, h->value.base, h->value.len);
    if (kv->name == NULL || kv->value == NULL)
      return false;
    req->nheaders++;
  }
  return true;
}

/* The request line and headers as HTTP/1.1 would carry them: what
 * max_headers bounds, whichever protocol brought them. */
static size_t header_bytes(const h2o_req_t *r) {
  size_t n = r->method.len + 1 + r->path.len + sizeof " HTTP/1.1\r\n" - 1;
  for (size_t i = 0; i < r->headers.size; i++)
    n += r->headers.entries[i].name->len + 2 + r->headers.entries[i].value.len +
         2;
  return n;
}

/* Hooks req to r: the link in r's pool tells us when r is freed. */
static void attach(dsc_http_server_t *s, dsc_http_req_t *req, h2o_req_t *r) {
  req->link =
      h2o_mem_alloc_shared(&r->pool, sizeof *req->link, on_link_disposed);
  req->link->req = req;
  req->h2o = r;
  req->server = s;
  h2o_linklist_insert(&s->live, &req->live);
  s->nlive++;
}

static void route(dsc_http_server_t *s, dsc_http_req_t *req) {
  dsc__route_match_t m;
  dsc_detail_t d;

  switch (dsc__router_match(&s->router, req->method, strlen(req->method),
                            req->path, strlen(req->path), &m)) {
  case DSC__ROUTE_FOUND:
    for (size_t i = 0; i < m.ncap; i++) {
      dsc__http_kv_t *kv = &req->params[i];
      kv->name = dsc__http_req_strndup(req, m.cap[i].name, m.cap[i].name_len);
      kv->value = dsc__http_req_strndup(req, m.cap[i].value, m.cap[i].len);
      if (kv->name == NULL || kv->value == NULL) {
        dsc_http_reply_error(req, DSC_NOMEM, NULL);
        return;
      }
      req->nparams++;
    }
    ((dsc_http_handler_fn)m.route->fn)(req, m.route->data);
    return;
  case DSC__ROUTE_NOT_FOUND:
    dsc_detail_set(&d, DSC_NOT_FOUND, "path", "no such resource",
                   "没有这个资源");
    dsc_http_reply_error(req, DSC_NOT_FOUND, &d);
    return;
  case DSC__ROUTE_BAD_METHOD:
    dsc_http_add_header(req, "allow", m.allow);
    dsc_detail_set(&d, DSC_USAGE, "method",
                   "this resource does not take this method",
                   "该资源不支持此方法");
    dsc__http_send_error(req, 405, DSC_USAGE, &d);
    dsc__http_req_free(req);
    return;
  case DSC__ROUTE_BAD_PATH:
    dsc_detail_set(&d, DSC_USAGE, "path", "the path holds control characters",
                   "路径含有控制字符");
    dsc_http_reply_error(req, DSC_USAGE, &d);
    return;
  }
}

int dsc__http_on_req(h2o_handler_t *self, h2o_req_t *r) {
  dsc_http_server_t *s = ((dsc__http_h2o_handler_t *)self)->server;
  dsc_http_req_t *req = calloc(1, sizeof *req);
  dsc_detail_t d;

  if (req == NULL) {
    h2o_send_error_503(r, "Service Unavailable", "out of memory", 0);
    return 0;
  }
  attach(s, req, r);
  if (!copy_request(req, r)) {
    dsc__http_send_error(req, 503, DSC_NOMEM, NULL);
  } else if (s->phase != DSC__HTTP_OPEN) {
    dsc_detail_set(&d, DSC_UNAVAILABLE, "", "the server is stopping",
                   "服务正在停止");
    dsc__http_send_error(req, 503, DSC_UNAVAILABLE, &d);
  } else if (header_bytes(r) > s->opt.max_headers) {
    /* Over the limit the connection is not worth keeping. */
    r->http1_is_persistent = 0;
    dsc_detail_set(&d, DSC_USAGE, "headers",
                   "the request's headers are too large", "请求头过大");
    dsc__http_send_error(req, 431, DSC_USAGE, &d);
  } else {
    route(s, req);
    return 0;
  }
  dsc__http_req_free(req);
  return 0;
}

/* ---- accessors --------------------------------------------------------*/

const char *dsc_http_method(const dsc_http_req_t *req) { return req->method; }

const char *dsc_http_path(const dsc_http_req_t *req) { return req->path; }

const char *dsc_http_param(dsc_http_req_t *req, const char *name) {
  for (size_t i = 0; i < req->nparams; i++)
    if (strcmp(req->params[i].name, name) == 0)
      return req->params[i].value;
  return NULL;
}

const char *dsc_http_header(dsc_http_req_t *req, const char *name) {
  for (size_t i = 0; i < req->nheaders; i++)
    if (strcmp(req->headers[i].name, name) == 0)
      return req->headers[i].value;
  return NULL;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes s[0..len) of a query ('+' is a space, %xx a byte) into out
 * (room for len + 1). False when it would hold a NUL byte, which no
 * NUL-terminated string can carry faithfully. */
static bool query_decode(const char *s, size_t len, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    int hi, lo;
    if (s[i] == '+') {
      out[o++] = ' ';
    } else if (s[i] == '%' && i + 2 < len && (hi = hex_value(s[i + 1])) >= 0 &&
               (lo = hex_value(s[i + 2])) >= 0) {
      out[o++] = (char)(hi << 4 | lo);
      i += 2;
    } else {
      out[o++] = s[i];
    }
  }
  out[o] = '\0';
  return strlen(out) == o;
}

const char *dsc_http_query(dsc_http_req_t *req, const char *name) {
  const char *p = req->query, *found = NULL;
  size_t found_len = 0;
  char *key, *value;

  if (p == NULL)
    return NULL;
  key = malloc(strlen(p) + 1);
  if (key == NULL)
    return NULL;
  while (*p != '\0') {
    size_t len = strcspn(p, "&"), klen = strcspn(p, "=");
    if (klen > len)
      klen = len;
    if (query_decode(p, klen, key) && strcmp(key, name) == 0) {
      found = klen < len ? p + klen + 1 : p + len;
      found_len = klen < len ? len - klen - 1 : 0;
    }
    p += len;
    if (*p == '&')
      p++;
  }
  free(key);
  if (found == NULL)
    return NULL;
  value = dsc__http_req_strndup(req, found, found_len);
  if (value == NULL || !query_decode(found, found_len, value))
    return NULL;
  return value;
}

const char *dsc_http_cookie(dsc_http_req_t *req, const char *name) {
  size_t nlen = strlen(name);
  for (size_t i = 0; i < req->nheaders; i++) {
    const char *p = req->headers[i].value;
    if (strcmp(req->headers[i].name, "cookie") != 0)
      continue;
    while (*p != '\0') {
      size_t len;
      while (*p == ' ' || *p == ';')
        p++;
      len = strcspn(p, ";");
      if (len > nlen && strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
        const char *v = p + nlen + 1;
        size_t vlen = len - nlen - 1;
        while (vlen > 0 && v[vlen - 1] == ' ')
          vlen--;
        return dsc__http_req_strndup(req, v, vlen);
      }
      p += len;
    }
  }
  return NULL;
}

const char *dsc_http_body(const dsc_http_req_t *req, size_t *len) {
  if (len != NULL)
    *len = req->body_len;
  return req->body;
}

const char *dsc_http_peer(dsc_http_req_t *req) { return req->peer; }

const char *dsc_http_authority(const dsc_http_req_t *req) {
  return req->authority;
}

bool dsc_http_is_tls(const dsc_http_req_t *req) { return req->tls; }

bool dsc_http_gone(const dsc_http_req_t *req) { return req->gone; }

/* The q-value of one Accept-Language entry ("zh-CN;q=0.8"): 1000 for
 * none, else thousandths; a malformed q counts as 0 (not acceptable). */
static int lang_q(const char *p, size_t len) {
  const char *q = memchr(p, ';', len);
  int v = 0, digits = 0;
  if (q == NULL)
    return 1000;
  q++;
  while (q < p + len && *q == ' ')
    q++;
  if (p + len - q < 2 || (q[0] != 'q' && q[0] != 'Q') || q[1] != '=')
    return 0;
  q += 2;
  if (q < p + len && *q == '1')
    return 1000;
  if (q >= p + len || *q != '0')
    return 0;
  q++;
  if (q < p + len && *q == '.')
    for (q++; q < p + len && *q >= '0' && *q <= '9' && digits < 3; q++) {
      v = v * 10 + (*q - '0');
      digits++;
    }
  while (digits++ < 3)
    v *= 10;
  return v;
}

dsc_lang_t dsc_http_lang(dsc_http_req_t *req) {
  const char *p = dsc_http_header(req, "accept-language");
  int best_q = 0;
  dsc_lang_t best = DSC_LANG_EN;

  if (p == NULL)
    return DSC_LANG_EN;
  while (*p != '\0') {
    size_t len = strcspn(p, ",");
    const char *tag = p;
    int q;
    while (tag < p + len && *tag == ' ')
      tag++;
    q = lang_q(tag, len - (size_t)(tag - p));
    if (q > best_q) {
      best_q = q;
      best = p + len - tag >= 2 && strncasecmp(tag, "zh", 2) == 0 ? DSC_LANG_ZH
                                                                  : DSC_LANG_EN;
    }
    p += len;
    if (*p == ',')
      p++;
  }
  return best;
}
