/* tests/tools/http_fixture.c — a tiny server on web/http for the HTTP
 * tests (tests/integration/test_http_server.sh), with no database:
 *
 *   GET  /echo             200 {"method", "path", "peer", "tls", "lang",
 *                          "q": query a, "h": header x-test, "c": cookie c}
 *   POST /echo             200 {"length": the body's length}
 *   GET  /slow             200 {"slow": true} after 300 ms (a uv timer)
 *   GET  /err              409 conflict, with a detail in both languages
 *   GET  /items/{id}/parts/{part}   200 {"id", "part"} (the captures)
 *
 * usage: http_fixture [--max-body N] [--max-headers N] [--timeout MS]
 *                     [--max-conns N] [--tls-cert F --tls-key F] SPEC...
 * Prints "ready" on stdout once listening and "slow-gone" on stderr when
 * a /slow client left before its reply; SIGTERM closes the server (drain)
 * and exits 0 once everything is freed, so ASan sees no leak. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

typedef struct fixture {
  uv_loop_t loop;
  dsc_http_server_t *server;
  uv_signal_t sigterm;
} fixture_t;

static void add_str(cJSON *o, const char *name, const char *v) {
  if (v != NULL)
    cJSON_AddStringToObject(o, name, v);
  else
    cJSON_AddNullToObject(o, name);
}

static void get_echo(dsc_http_req_t *req, void *data) {
  cJSON *o = cJSON_CreateObject();
  (void)data;
  add_str(o, "method", dsc_http_method(req));
  add_str(o, "path", dsc_http_path(req));
  add_str(o, "peer", dsc_http_peer(req));
  cJSON_AddBoolToObject(o, "tls", dsc_http_is_tls(req));
  add_str(o, "lang", dsc_http_lang(req) == DSC_LANG_ZH ? "zh" : "en");
  add_str(o, "q", dsc_http_query(req, "a"));
  add_str(o, "h", dsc_http_header(req, "x-test"));
  add_str(o, "c", dsc_http_cookie(req, "c"));
  dsc_http_add_header(req, "X-Fixture", "1");
  dsc_http_reply_json(req, 200, o);
}

static void post_echo(dsc_http_req_t *req, void *data) {
  size_t len;
  cJSON *o = cJSON_CreateObject();
  (void)data;
  dsc_http_body(req, &len);
  cJSON_AddNumberToObject(o, "length", (double)len);
  dsc_http_reply_json(req, 200, o);
}

static void on_slow_timer_closed(uv_handle_t *h) { free(h); }

static void on_slow(uv_timer_t *t) {
  dsc_http_req_t *req = t->data;
  cJSON *o = cJSON_CreateObject();
  if (dsc_http_gone(req))
    fprintf(stderr, "slow-gone\n");
  cJSON_AddBoolToObject(o, "slow", 1);
  dsc_http_reply_json(req, 200, o); /* safe when gone: sends nothing */
  uv_close((uv_handle_t *)t, on_slow_timer_closed);
}

static void get_slow(dsc_http_req_t *req, void *data) {
  fixture_t *f = data;
  uv_timer_t *t = malloc(sizeof *t);
  if (t == NULL) {
    dsc_http_reply_error(req, DSC_NOMEM, NULL);
    return;
  }
  uv_timer_init(&f->loop, t);
  t->data = req;
  uv_timer_start(t, on_slow, 300, 0);
}

static void get_err(dsc_http_req_t *req, void *data) {
  dsc_detail_t d;
  (void)data;
  dsc_detail_set(&d, DSC_CONFLICT, "state", "the request is already answered",
                 "申请已答复");
  dsc_http_reply_error(req, DSC_CONFLICT, &d);
}

static void get_parts(dsc_http_req_t *req, void *data) {
  cJSON *o = cJSON_CreateObject();
  (void)data;
  add_str(o, "id", dsc_http_param(req, "id"));
  add_str(o, "part", dsc_http_param(req, "part"));
  dsc_http_reply_json(req, 200, o);
}

static void on_closed(void *data) {
  fixture_t *f = data;
  f->server = NULL;
}

static void on_sigterm(uv_signal_t *s, int signum) {
  fixture_t *f = s->data;
  (void)signum;
  uv_close((uv_handle_t *)&f->sigterm, NULL);
  dsc_http_server_close(f->server, on_closed, f);
}

static unsigned long num_arg(const char *s) {
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (*s == '\0' || *end != '\0') {
    fprintf(stderr, "http_fixture: not a number: %s\n", s);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  static fixture_t f;
  dsc_http_options_t o = {0};
  dsc_detail_t d;
  char msg[512];
  int i;

  for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
    if (strcmp(argv[i], "--max-body") == 0)
      o.max_body = num_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--max-headers") == 0)
      o.max_headers = num_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--timeout") == 0)
      o.io_timeout_ms = (unsigned)num_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--max-conns") == 0)
      o.max_connections = (unsigned)num_arg(argv[i + 1]);
    else if (strcmp(argv[i], "--tls-cert") == 0)
      o.tls_cert = argv[i + 1];
    else if (strcmp(argv[i], "--tls-key") == 0)
      o.tls_key = argv[i + 1];
    else
      break;
  }
  if (i >= argc) {
    fprintf(stderr, "usage: http_fixture [OPTIONS] SPEC...\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  uv_loop_init(&f.loop);
  dsc_detail_clear(&d);
  if (dsc_http_server_create(&f.loop, &o, &f.server, &d) != DSC_OK) {
    fprintf(stderr, "http_fixture: %s\n",
            dsc_detail_format(&d, DSC_LANG_EN, msg, sizeof msg));
    return 1;
  }
  if (dsc_http_route(f.server, "GET", "/echo", get_echo, &f) != DSC_OK ||
      dsc_http_route(f.server, "POST", "/echo", post_echo, &f) != DSC_OK ||
      dsc_http_route(f.server, "GET", "/slow", get_slow, &f) != DSC_OK ||
      dsc_http_route(f.server, "GET", "/err", get_err, &f) != DSC_OK ||
      dsc_http_route(f.server, "GET", "/items/{id}/parts/{part}", get_parts,
                     &f) != DSC_OK) {
    fprintf(stderr, "http_fixture: cannot route\n");
    return 1;
  }
  for (; i < argc; i++)
    if (dsc_http_listen(f.server, argv[i], &d) != DSC_OK) {
      fprintf(stderr, "http_fixture: %s\n",
              dsc_detail_format(&d, DSC_LANG_EN, msg, sizeof msg));
      dsc_http_server_close(f.server, NULL, NULL);
      uv_run(&f.loop, UV_RUN_DEFAULT);
      uv_loop_close(&f.loop);
      return 1;
    }
  uv_signal_init(&f.loop, &f.sigterm);
  f.sigterm.data = &f;
  uv_signal_start(&f.sigterm, on_sigterm, SIGTERM);
  printf("ready\n");
  fflush(stdout);
  uv_run(&f.loop, UV_RUN_DEFAULT);
  if (uv_loop_close(&f.loop) != 0) {
    fprintf(stderr, "http_fixture: handles left open on the loop\n");
    return 1;
  }
  return 0;
}
