/* `disclosed`: the daemon that hosts the loop and the workers (CONTRACT §8).
 *
 * It connects, runs until SIGTERM or SIGINT, then drains — the engine fails
 * nothing that was acknowledged, and work in flight finishes or is reported
 * unavailable — and exits 0. `--once` runs every worker once for the
 * business date and exits (the deadline worker: lapses, escalations,
 * re-derived deadlines; the statistics worker comes with its issue). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conninfo.h"
#include "deadline_worker.h"
#include "disclose/disclose.h"

typedef struct daemon {
  uv_loop_t loop;
  dsc_engine_t *engine;
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

static void stop(daemon_t *d) {
  if (d->stopping)
    return;
  d->stopping = true;
  deadline_worker_stop(&d->deadlines);
  uv_close((uv_handle_t *)&d->sigterm, on_closed);
  uv_close((uv_handle_t *)&d->sigint, on_closed);
  dsc_engine_close(d->engine, on_engine_closed, d);
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
  char *conninfo;
  dsc_err_t err;

  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--once") == 0) {
      d.once = true;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      puts("usage: disclosed [--once]");
      return 0;
    } else {
      fprintf(stderr, "disclosed: usage: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  conninfo = dsc_daemon_conninfo();
  if (conninfo == NULL) {
    fprintf(stderr, "disclosed: unavailable: no database configured: set "
                    "DISCLOSE_DB or run ops/up\n");
    return 10;
  }
  uv_loop_init(&d.loop);
  opts.conninfo = conninfo;
  opts.fail_fast = d.once; /* a daemon waits for the database to return */
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
