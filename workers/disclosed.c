/* `disclosed`: the daemon that hosts the loop and the workers (CONTRACT §8).
 *
 * It connects, runs until SIGTERM or SIGINT, then drains — the engine fails
 * nothing that was acknowledged, and work in flight finishes or is reported
 * unavailable — and exits 0. `--once` runs every worker once for the
 * business date and exits (the deadline worker: lapses, escalations,
 * re-derived deadlines; the statistics worker comes with its issue).
 *
 * With `--listen SPEC` (repeatable) it also serves the HTTP API (web/api)
 * on the same loop; on a signal the server drains first (stops accepting,
 * lets the requests in flight answer), then the engine closes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "conninfo.h"
#include "deadline_worker.h"
#include "disclose/disclose.h"
#include "http.h"

/* The most --listen options taken. */
#define MAX_LISTEN 8

typedef struct daemon {
  uv_loop_t loop;
  dsc_engine_t *engine;
  dsc_http_server_t *http; /* NULL without --listen */
  dsc_api_t *api;
  uv_signal_t sigterm, sigint;
  deadline_worker_t deadlines;
  bool once;
  bool stopping;
  int exit_code;
} daemon_t;

static void log_line(void *data, const char *message) {
  (void)data;
  fprintf(stderr, "disclosed: %s\n", message);
}

static void on_closed(uv_handle_t *h) { (void)h; }

static void on_engine_closed(void *data) {
  daemon_t *d = data;
  d->engine = NULL;
}

/* The server is closed before the engine, so that the requests in flight
 * still have an engine to answer them. */
static void on_http_closed(void *data) {
  daemon_t *d = data;
  d->http = NULL;
  dsc_api_free(d->api);
  d->api = NULL;
  dsc_engine_close(d->engine, on_engine_closed, d);
}

static void stop(daemon_t *d) {
  if (d->stopping)
    return;
  d->stopping = true;
  deadline_worker_stop(&d->deadlines);
  uv_close((uv_handle_t *)&d->sigterm, on_closed);
  uv_close((uv_handle_t *)&d->sigint, on_closed);
  if (d->http != NULL)
    dsc_http_server_close(d->http, on_http_closed, d);
  else
    dsc_engine_close(d->engine, on_engine_closed, d);
}

/* The HTTP server on the daemon's loop, with the API mounted and a
 * listener per spec. Prints the failure and returns its exit code. */
static int start_http(daemon_t *d, const dsc_http_options_t *o,
                      const char *origin, const char *const *specs,
                      int nspecs) {
  dsc_detail_t det;
  char msg[512];
  dsc_err_t err;

  dsc_detail_clear(&det);
  err = dsc_http_server_create(&d->loop, o, &d->http, &det);
  if (err == DSC_OK)
    err = dsc_api_create(d->engine, origin, &d->api);
  if (err == DSC_OK)
    err = dsc_api_mount(d->http, d->api);
  for (int i = 0; err == DSC_OK && i < nspecs; i++) {
    err = dsc_http_listen(d->http, specs[i], &det);
    if (err == DSC_OK)
      fprintf(stderr, "disclosed: listening on %s\n", specs[i]);
  }
  if (err == DSC_OK)
    return 0;
  fprintf(stderr, "disclosed: %s: %s\n", dsc_err_name(err),
          dsc_detail_format(&det, DSC_LANG_EN, msg, sizeof msg));
  return dsc_err_exit_code(err);
}

/* A byte count for --max-body: digits only, at least 1. */
static bool parse_bytes(const char *s, size_t *out) {
  char *end;
  unsigned long long v;
  if (s == NULL || *s < '0' || *s > '9')
    return false;
  errno = 0;
  v = strtoull(s, &end, 10);
  if (errno != 0 || *end != '\0' || v == 0 || v > SIZE_MAX)
    return false;
  *out = (size_t)v;
  return true;
}

/* NOTIFY disclose: something the workers care about changed. */
static void on_notify(void *data, const char *payload) {
  daemon_t *d = data;
  if (strcmp(payload, "calendar") == 0)
    deadline_worker_poke(&d->deadlines);
}

static void on_signal(uv_signal_t *s, int signum) {
  daemon_t *d = s->data;
  fprintf(stderr, "disclosed: %s received, stopping\n",
          signum == SIGTERM ? "SIGTERM" : "SIGINT");
  stop(d);
}

static void on_once_finished(deadline_worker_t *w, dsc_err_t err) {
  daemon_t *d = w->data;
  if (err != DSC_OK)
    d->exit_code = dsc_err_exit_code(err);
  stop(d);
}

/* The first ping proves the connection; a daemon that cannot reach the
 * database keeps retrying with backoff inside the engine. Then the workers
 * start on the loop. */
static void on_ping(dsc_engine_t *e, dsc_result_t *r, void *data) {
  daemon_t *d = data;
  char msg[512];
  if (r->err != DSC_OK) {
    fprintf(stderr, "disclosed: %s\n",
            dsc_detail_format(&r->detail, DSC_LANG_EN, msg, sizeof msg));
    d->exit_code = dsc_err_exit_code(r->err);
    if (d->once) {
      stop(d);
      return;
    }
  } else if (!d->once) {
    fprintf(stderr, "disclosed: database reachable\n");
  }
  if (d->stopping)
    return;
  d->deadlines.once = d->once;
  d->deadlines.data = d;
  d->deadlines.finished = on_once_finished;
  deadline_worker_start(&d->deadlines, &d->loop, e);
}

int main(int argc, char **argv) {
  static daemon_t d;
  dsc_engine_options_t opts = {0};
  dsc_http_options_t http = {0};
  const char *listen[MAX_LISTEN];
  const char *origin = NULL; /* the desk's origin, for the CSRF check */
  int nlisten = 0;
  char *conninfo;
  dsc_err_t err;

  for (int i = 1; i < argc; i++) {
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(argv[i], "--once") == 0) {
      d.once = true;
    } else if (strcmp(argv[i], "--listen") == 0 && next != NULL &&
               nlisten < MAX_LISTEN) {
      listen[nlisten++] = argv[++i];
    } else if (strcmp(argv[i], "--max-body") == 0 &&
               parse_bytes(next, &http.max_body)) {
      i++;
    } else if (strcmp(argv[i], "--tls-cert") == 0 && next != NULL) {
      http.tls_cert = argv[++i];
    } else if (strcmp(argv[i], "--tls-key") == 0 && next != NULL) {
      http.tls_key = argv[++i];
    } else if (strcmp(argv[i], "--origin") == 0 && next != NULL) {
      origin = argv[++i];
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      puts("usage: disclosed [--once] [--listen SPEC]... [--max-body BYTES] "
           "[--tls-cert FILE --tls-key FILE] [--origin URL]\n"
           "  DISCLOSE_LOGIN_DB: where staff passwords are checked (SCRAM "
           "over TCP)");
      return 0;
    } else {
      fprintf(stderr, "disclosed: usage: bad option or missing value: %s\n",
              argv[i]);
      return 2;
    }
  }
  if (d.once && nlisten > 0) {
    fprintf(stderr, "disclosed: usage: --once serves no HTTP (no --listen)\n");
    return 2;
  }
  conninfo = dsc_daemon_conninfo();
  if (conninfo == NULL) {
    fprintf(stderr, "disclosed: unavailable: no database configured: set "
                    "DISCLOSE_DB or run ops/up\n");
    return 10;
  }
  uv_loop_init(&d.loop);
  opts.conninfo = conninfo;
  /* Staff logins to the API prove their password to PostgreSQL over
   * this conninfo (session.h); without it the API refuses logins. */
  opts.login_conninfo = getenv("DISCLOSE_LOGIN_DB");
  opts.fail_fast = d.once; /* a daemon waits for the database to return */
  /* Many callers at once (the API): two server processes share the work. */
  opts.connections = 2;
  opts.log = log_line;
  opts.notify = on_notify;
  opts.notify_data = &d;
  err = dsc_engine_create(&d.loop, &opts, &d.engine);
  free(conninfo);
  if (err != DSC_OK) {
    fprintf(stderr, "disclosed: %s\n", dsc_strerror(err, DSC_LANG_EN));
    return dsc_err_exit_code(err);
  }
  uv_signal_init(&d.loop, &d.sigterm);
  uv_signal_init(&d.loop, &d.sigint);
  d.sigterm.data = d.sigint.data = &d;
  uv_signal_start(&d.sigterm, on_signal, SIGTERM);
  uv_signal_start(&d.sigint, on_signal, SIGINT);
  if (nlisten > 0) {
    int rc = start_http(&d, &http, origin, listen, nlisten);
    if (rc != 0) {
      d.exit_code = rc;
      stop(&d);
      uv_run(&d.loop, UV_RUN_DEFAULT);
      uv_loop_close(&d.loop);
      return rc;
    }
  }
  if (dsc_engine_ping(d.engine, on_ping, &d) != DSC_OK) {
    d.exit_code = dsc_err_exit_code(DSC_NOMEM);
    stop(&d);
  }
  if (!d.once)
    fprintf(stderr, "disclosed: running\n");
  uv_run(&d.loop, UV_RUN_DEFAULT);
  uv_loop_close(&d.loop);
  return d.exit_code;
}
