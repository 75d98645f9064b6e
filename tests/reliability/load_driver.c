/* tests/reliability/load_driver.c — steady intake load for the outage and
 * failover tests (db_outage.sh, failover.sh; issue 6 parts 2 and 3).
 *
 *   rel_load_driver LOG KEY_PREFIX [options]
 *     --interval-ms N        one submission every N ms (default 20)
 *     --max-queued N         the engine's intake bound (default 100)
 *     --fail-fast            fail queued work while the database is away
 *                            (what the CLIs do) instead of waiting for the
 *                            reconnect (what daemons do)
 *     --connect-timeout-ms N per connection attempt (default 2000)
 *     --drain-ms N           after SIGTERM, how long outstanding
 *                            submissions may take to call back (default
 *                            30000); past that the driver reports a hang
 *
 * Submits applications as admin (a supervisor, so no staff need adding)
 * on 2024-03-01, the n-th with idempotency key KEY_PREFIX-n, through the
 * public C API against DISCLOSE_DB, until SIGTERM; then waits for every
 * outstanding callback and exits. One line per event goes to LOG (times
 * are milliseconds since the epoch; acknowledgements are fsynced in their
 * callback before anything else happens):
 *
 *   ack <n> <id> <submitted_ms> <callback_ms>
 *   fail <n> <error kind> <submitted_ms> <callback_ms>
 *   refused <n> <error kind> <ms>        dsc_request_submit returned an error
 *   engine <ms> <message>                the engine's log hook
 *   summary acked=A failed=F refused=R busy=B max_outstanding=M
 *           max_latency_ms=L
 *
 * Exit 0 when every submission called back exactly once and in time; 1
 * when one did not (a hang, a second callback, a bad id); 2 on usage.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "rel_common.h"

#define PROG "rel_load_driver"

typedef struct run run_t;

typedef struct sub {
  run_t *run;
  long n;
  int64_t submitted_ms;
  bool answered;
} sub_t;

struct run {
  uv_loop_t loop;
  uv_timer_t tick, drain;
  uv_signal_t sigterm;
  dsc_engine_t *engine;
  rel_log_t log;
  const char *prefix;
  long next;
  long outstanding, max_outstanding;
  long acked, failed, refused, busy;
  int64_t max_latency_ms;
  long drain_ms;
  bool stopping;
  bool closed;
  int status;
  dsc_ctx_t ctx;
  char day[DSC_DATE_STRLEN];
};

static void on_handle_closed(uv_handle_t *h) { (void)h; }

static void close_all(run_t *r) {
  if (r->closed)
    return;
  r->closed = true;
  uv_timer_stop(&r->tick);
  uv_timer_stop(&r->drain);
  uv_close((uv_handle_t *)&r->tick, on_handle_closed);
  uv_close((uv_handle_t *)&r->drain, on_handle_closed);
  uv_close((uv_handle_t *)&r->sigterm, on_handle_closed);
  dsc_engine_close(r->engine, NULL, NULL);
}

static void engine_log(void *data, const char *message) {
  run_t *r = data;
  rel_log_line(&r->log, false, "engine %" PRId64 " %s", rel_now_ms(), message);
}

static void maybe_done(run_t *r) {
  if (r->stopping && r->outstanding == 0)
    close_all(r);
}

static void on_submitted(dsc_engine_t *e, dsc_result_t *res, void *data) {
  sub_t *s = data;
  run_t *r = s->run;
  int64_t now = rel_now_ms();
  (void)e;

  if (s->answered) {
    fprintf(stderr, PROG ": submission %ld called back twice\n", s->n);
    r->status = 1;
    return;
  }
  s->answered = true;
  r->outstanding--;
  if (now - s->submitted_ms > r->max_latency_ms)
    r->max_latency_ms = now - s->submitted_ms;
  if (res->err == DSC_OK && res->id > 0) {
    r->acked++;
    if (!rel_log_line(&r->log, true, "ack %ld %" PRId64 " %" PRId64 " %" PRId64,
                      s->n, res->id, s->submitted_ms, now))
      r->status = 1;
  } else {
    if (res->err == DSC_OK) {
      fprintf(stderr, PROG ": submission %ld: DSC_OK without an id\n", s->n);
      r->status = 1;
    }
    r->failed++;
    rel_log_line(&r->log, false, "fail %ld %s %" PRId64 " %" PRId64, s->n,
                 dsc_err_name(res->err), s->submitted_ms, now);
  }
  free(s);
  maybe_done(r);
}

static void on_tick(uv_timer_t *t) {
  run_t *r = t->data;
  char key[96], *json;
  sub_t *s;
  dsc_err_t err;

  if (r->stopping)
    return;
  s = calloc(1, sizeof *s);
  snprintf(key, sizeof key, "%s-%ld", r->prefix, ++r->next);
  json = rel_submission(key, r->day);
  if (s == NULL || json == NULL) {
    fprintf(stderr, PROG ": out of memory\n");
    free(s);
    free(json);
    r->status = 1;
    return;
  }
  s->run = r;
  s->n = r->next;
  s->submitted_ms = rel_now_ms();
  err = dsc_request_submit(r->engine, &r->ctx, json, strlen(json), on_submitted,
                           s);
  free(json);
  if (err != DSC_OK) {
    if (err == DSC_BUSY)
      r->busy++;
    r->refused++;
    rel_log_line(&r->log, false, "refused %ld %s %" PRId64, s->n,
                 dsc_err_name(err), s->submitted_ms);
    free(s);
    return;
  }
  if (++r->outstanding > r->max_outstanding)
    r->max_outstanding = r->outstanding;
}

static void on_drain_timeout(uv_timer_t *t) {
  run_t *r = t->data;
  fprintf(stderr,
          PROG ": %ld submissions had not called back %ld ms after the "
               "stop: a hang\n",
          r->outstanding, r->drain_ms);
  rel_log_line(&r->log, true, "hang outstanding=%ld", r->outstanding);
  r->status = 1;
  close_all(r); /* fails them (each is freed by its callback) */
}

static void on_sigterm(uv_signal_t *sig, int signum) {
  run_t *r = sig->data;
  (void)signum;
  if (r->stopping)
    return;
  r->stopping = true;
  uv_timer_stop(&r->tick);
  uv_timer_start(&r->drain, on_drain_timeout, (uint64_t)r->drain_ms, 0);
  maybe_done(r);
}

static int usage(void) {
  fprintf(stderr, "usage: " PROG " LOG KEY_PREFIX [--interval-ms N] "
                  "[--max-queued N] [--fail-fast] [--connect-timeout-ms N] "
                  "[--drain-ms N]\n");
  return 2;
}

int main(int argc, char **argv) {
  static run_t r;
  const char *conninfo = rel_conninfo(PROG);
  dsc_engine_options_t opts;
  long interval = 20, max_queued = 100, connect_timeout = 2000;

  if (argc < 3 || conninfo == NULL)
    return usage();
  memset(&opts, 0, sizeof opts);
  r.drain_ms = 30000;
  for (int i = 3; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--fail-fast") == 0) {
      opts.fail_fast = true;
      continue;
    }
    if (strcmp(a, "--interval-ms") == 0 &&
        rel_parse_long(v, 1, 60000, &interval))
      ;
    else if (strcmp(a, "--max-queued") == 0 &&
             rel_parse_long(v, 1, 1000000, &max_queued))
      ;
    else if (strcmp(a, "--connect-timeout-ms") == 0 &&
             rel_parse_long(v, 1, 600000, &connect_timeout))
      ;
    else if (strcmp(a, "--drain-ms") == 0 &&
             rel_parse_long(v, 1, 600000, &r.drain_ms))
      ;
    else
      return usage();
    i++;
  }
  r.prefix = argv[2];
  r.ctx.actor = "admin";
  r.ctx.on = r.ctx.today = dsc_date_from_ymd(2024, 3, 1);
  rel_date(r.ctx.on, r.day);
  if (!rel_log_open(&r.log, argv[1]) || uv_loop_init(&r.loop) != 0)
    return 1;
  opts.conninfo = conninfo;
  opts.max_queued = (unsigned)max_queued;
  opts.connect_timeout_ms = (unsigned)connect_timeout;
  opts.log = engine_log;
  opts.log_data = &r;
  if (dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK) {
    fprintf(stderr, PROG ": cannot create the engine\n");
    return 1;
  }
  uv_timer_init(&r.loop, &r.tick);
  uv_timer_init(&r.loop, &r.drain);
  uv_signal_init(&r.loop, &r.sigterm);
  r.tick.data = r.drain.data = r.sigterm.data = &r;
  uv_signal_start(&r.sigterm, on_sigterm, SIGTERM);
  uv_timer_start(&r.tick, on_tick, 0, (uint64_t)interval);
  uv_run(&r.loop, UV_RUN_DEFAULT);
  if (uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, PROG ": the loop did not wind down\n");
    r.status = 1;
  }
  rel_log_line(&r.log, true,
               "summary acked=%ld failed=%ld refused=%ld busy=%ld "
               "max_outstanding=%ld max_latency_ms=%" PRId64,
               r.acked, r.failed, r.refused, r.busy, r.max_outstanding,
               r.max_latency_ms);
  rel_log_close(&r.log);
  printf("acked=%ld failed=%ld refused=%ld busy=%ld max_outstanding=%ld "
         "max_latency_ms=%" PRId64 "\n",
         r.acked, r.failed, r.refused, r.busy, r.max_outstanding,
         r.max_latency_ms);
  return r.status;
}
