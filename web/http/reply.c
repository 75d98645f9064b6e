/* web/http/reply.c — the one reply per request: headers every response
 * carries, JSON and raw bodies, errors. A reply on a request whose client
 * went away sends nothing and frees the request. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

static const char *reason_of(int status) {
  switch (status) {
  case 200:
    return "OK";
  case 201:
    return "Created";
  case 202:
    return "Accepted";
  case 204:
    return "No Content";
  case 400:
    return "Bad Request";
  case 401:
    return "Unauthorized";
  case 403:
    return "Forbidden";
  case 404:
    return "Not Found";
  case 405:
    return "Method Not Allowed";
  case 409:
    return "Conflict";
  case 413:
    return "Payload Too Large";
  case 422:
    return "Unprocessable Content";
  case 429:
    return "Too Many Requests";
  case 431:
    return "Request Header Fields Too Large";
  case 500:
    return "Internal Server Error";
  case 503:
    return "Service Unavailable";
  default:
    return "Status";
  }
}

/* A header name is a token; a value holds no control character (a CR or
 * LF would let a caller inject headers). */
static bool header_ok(const char *name, const char *value) {
  if (name[0] == '\0')
    return false;
  for (const char *p = name; *p != '\0'; p++)
    if (!isalnum((unsigned char)*p) && strchr("!#$%&'*+-.^_`|~", *p) == NULL)
      return false;
  for (const char *p = value; *p != '\0'; p++)
    if ((unsigned char)*p < 0x20 && *p != '\t')
      return false;
  return true;
}

void dsc_http_add_header(dsc_http_req_t *req, const char *name,
                         const char *value) {
  char *n, *v;
  if (req->h2o == NULL || !header_ok(name, value))
    return;
  if (req->nout == req->out_cap) {
    size_t cap = req->out_cap ? 2 * req->out_cap : 4;
    dsc__http_kv_t *grown = realloc(req->out_headers, cap * sizeof *grown);
    if (grown == NULL)
      return;
    req->out_headers = grown;
    req->out_cap = cap;
  }
  n = dsc__http_req_strndup(req, name, strlen(name));
  v = dsc__http_req_strndup(req, value, strlen(value));
  if (n == NULL || v == NULL)
    return;
  /* HTTP/2 requires lower-case names; HTTP/1 does not care. */
  for (char *p = n; *p != '\0'; p++)
    *p = (char)tolower((unsigned char)*p);
  req->out_headers[req->nout].name = n;
  req->out_headers[req->nout].value = v;
  req->nout++;
}

/* Adds name: value to r's response, copied into r's pool (h2o keeps
 * pointers, and our strings die with our request before h2o writes). */
static void put_header(h2o_req_t *r, const char *name, const char *value) {
  h2o_iovec_t n = h2o_strdup(&r->pool, name, strlen(name));
  h2o_iovec_t v = h2o_strdup(&r->pool, value, strlen(value));
  h2o_add_header_by_str(&r->pool, &r->res.headers, n.base, n.len, 1, NULL,
                        v.base, v.len);
}

void dsc__http_send(dsc_http_req_t *req, int status, const char *ctype,
                    const char *body, size_t len) {
  h2o_req_t *r = req->h2o;
  dsc_http_server_t *s = req->server;

  if (r == NULL)
    return;
  /* Unhook from h2o's pool first: should h2o free the request while
   * sending, the dispose callback must find nothing of ours. */
  req->link->req = NULL;
  req->link = NULL;
  r->res.status = status;
  r->res.reason = reason_of(status);
  put_header(r, "content-type", ctype);
  put_header(r, "cache-control", "no-store");
  put_header(r, "x-content-type-options", "nosniff");
  if (req->tls)
    put_header(r, "strict-transport-security", "max-age=31536000");
  for (size_t i = 0; i < req->nout; i++)
    put_header(r, req->out_headers[i].name, req->out_headers[i].value);
  if (s->phase != DSC__HTTP_OPEN)
    r->http1_is_persistent = 0; /* closing: no more requests here */
  r->res.content_length = len;
  h2o_send_inline(r, body, len);
  dsc__http_req_detach(req);
}

void dsc_http_reply_raw(dsc_http_req_t *req, int status,
                        const char *content_type, const char *body,
                        size_t len) {
  dsc__http_send(req, status, content_type, body, len);
  dsc__http_req_free(req);
}

/* Sends body as JSON (taking it), then detaches req. */
static void send_json(dsc_http_req_t *req, int status, cJSON *body) {
  static const char nomem[] =
      "{\"error\":{\"kind\":\"no_memory\",\"field\":null,"
      "\"message\":\"out of memory\"}}";
  char *text = body ? cJSON_PrintUnformatted(body) : NULL;

  cJSON_Delete(body);
  if (text == NULL)
    dsc__http_send(req, 503, "application/json; charset=utf-8", nomem,
                   sizeof nomem - 1);
  else
    dsc__http_send(req, status, "application/json; charset=utf-8", text,
                   strlen(text));
  cJSON_free(text);
}

void dsc_http_reply_json(dsc_http_req_t *req, int status, cJSON *body) {
  if (body == NULL)
    body = cJSON_CreateObject();
  send_json(req, status, body);
  dsc__http_req_free(req);
}

void dsc__http_send_error(dsc_http_req_t *req, int status, dsc_err_t err,
                          const dsc_detail_t *detail) {
  int retry = dsc__http_retry_after(err);
  if (req->h2o == NULL)
    return;
  if (retry > 0) {
    char buf[16];
    snprintf(buf, sizeof buf, "%d", retry);
    dsc_http_add_header(req, "retry-after", buf);
  }
  send_json(req, status, dsc__http_error_body(err, detail, dsc_http_lang(req)));
}

void dsc_http_reply_error(dsc_http_req_t *req, dsc_err_t err,
                          const dsc_detail_t *detail) {
  dsc__http_send_error(req, dsc_http_status_of(err), err, detail);
  dsc__http_req_free(req);
}
