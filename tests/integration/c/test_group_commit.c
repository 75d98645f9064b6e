/* tests/integration/c/test_group_commit.c — group commit through the
 * public C API (include/disclose/engine.h, request.h), issue 2.
 *
 *   test_group_commit MODE N IDS_FILE [ROUNDS KILL_AFTER]
 *
 * Submits applications as "admin" on 2024-03-01 to the database of
 * DISCLOSE_DB and appends every acknowledged id to IDS_FILE, one a line,
 * flushed and fsynced inside the callback that acknowledged it. MODE:
 *
 *   one_turn  N submissions in one loop turn, before the loop first runs:
 *             the engine must commit them together.
 *   turns     N submissions, each in a loop turn of its own: the next is
 *             made only once the previous callback ran.
 *   durable   ROUNDS timer ticks, each submitting N in that tick; the
 *             process kills itself with SIGKILL right after recording the
 *             KILL_AFTER-th id (no engine close, nothing flushed but the
 *             ids file), so the caller can check that every recorded id
 *             survived the caller's death.
 *
 * Every callback also asks a second engine — its own connection — to show
 * the new request: a callback that ran before COMMIT would find nothing
 * there. The checks on the database (one transaction id for the whole
 * turn) are made afterwards with psql by group_commit.sh, which runs this
 * program: the project allows no blocking libpq call in C, not even here
 * (tests/lint/banned.sh).
 *
 * On success prints one line "acknowledged A observed O first_callback_ms M"
 * and exits 0; any failure is printed to stderr and exits 1; usage errors
 * exit 2.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "disclose/engine.h"
#include "disclose/request.h"
#include "fixture_submission.h"

static const char SUBMISSION[] = DSC_FIXTURE_SUBMISSION;

typedef enum { MODE_ONE_TURN, MODE_TURNS, MODE_DURABLE } run_mode_t;

typedef struct run run_t;

/* One submission: its callback's data. */
typedef struct slot {
  run_t *run;
  int index;
  int64_t id;
  bool acked;
  bool observed;
} slot_t;

struct run {
  run_mode_t mode;
  uv_loop_t loop;
  uv_timer_t tick; /* durable mode: one round per tick */
  bool tick_open;
  dsc_engine_t *engine;   /* submits */
  dsc_engine_t *observer; /* shows, on a connection of its own */
  dsc_ctx_t ctx;
  FILE *ids;
  slot_t *slots;
  int total;      /* submissions planned */
  int per_round;  /* durable: submissions per tick */
  int submitted;  /* dsc_request_submit calls made */
  int acked;      /* callbacks with DSC_OK */
  int observed;   /* shows that found the request */
  int answered;   /* callbacks of either kind, failed or not */
  int kill_after; /* durable: SIGKILL after recording this many */
  int failures;
  bool in_submit; /* a callback must never run inside the call */
  bool closing;
  uint64_t submit_ns, first_callback_ns;
};

static void failf(run_t *r, const char *what, dsc_err_t err,
                  const dsc_detail_t *detail) {
  char buf[512];
  fprintf(stderr, "test_group_commit: %s: %s (%s)\n", what,
          detail ? dsc_detail_format(detail, DSC_LANG_EN, buf, sizeof buf)
                 : dsc_strerror(err, DSC_LANG_EN),
          dsc_err_name(err));
  r->failures++;
}

static void close_engines(run_t *r) {
  if (r->closing)
    return;
  r->closing = true;
  if (r->tick_open) {
    uv_timer_stop(&r->tick);
    uv_close((uv_handle_t *)&r->tick, NULL);
    r->tick_open = false;
  }
  dsc_engine_close(r->engine, NULL, NULL);
  dsc_engine_close(r->observer, NULL, NULL);
}

/* Every submission answered and every show back: the run is over. A
 * failure ends it early; the engines then fail what is left. */
static void maybe_finish(run_t *r) {
  if (r->failures > 0 ||
      (r->submitted == r->total && r->answered == 2 * r->total))
    close_engines(r);
}

static void on_shown(dsc_engine_t *engine, dsc_result_t *result, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  (void)engine;

  r->answered++;
  if (r->closing)
    return;
  if (result->err != DSC_OK) {
    fprintf(stderr,
            "test_group_commit: request %" PRId64
            " was acknowledged but another connection cannot see it:\n",
            s->id);
    failf(r, "show", result->err, &result->detail);
  } else {
    s->observed = true;
    r->observed++;
  }
  maybe_finish(r);
}

/* Appends the id to the ids file and forces it to disk before anything
 * else happens: what is in the file was acknowledged. */
static bool record_id(run_t *r, int64_t id) {
  if (fprintf(r->ids, "%" PRId64 "\n", id) < 0 || fflush(r->ids) != 0 ||
      fsync(fileno(r->ids)) != 0) {
    perror("test_group_commit: writing the ids file");
    return false;
  }
  return true;
}

static void on_submitted(dsc_engine_t *engine, dsc_result_t *result,
                         void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  (void)engine;

  r->answered++;
  if (r->first_callback_ns == 0)
    r->first_callback_ns = uv_hrtime();
  if (r->in_submit) {
    fprintf(stderr, "test_group_commit: a callback ran inside "
                    "dsc_request_submit\n");
    r->failures++;
  }
  if (r->closing)
    return;
  if (result->err != DSC_OK) {
    failf(r, "submit", result->err, &result->detail);
    maybe_finish(r);
    return;
  }
  if (result->id <= 0 || s->acked) {
    fprintf(stderr, "test_group_commit: submission %d: bad id %" PRId64 "%s\n",
            s->index, result->id, s->acked ? " (second callback)" : "");
    r->failures++;
    maybe_finish(r);
    return;
  }
  s->acked = true;
  s->id = result->id;
  r->acked++;
  if (!record_id(r, s->id)) {
    r->failures++;
    maybe_finish(r);
    return;
  }
  if (r->mode == MODE_DURABLE && r->acked == r->kill_after) {
    /* Die like a crash: no close, no flush, no atexit. */
    raise(SIGKILL);
  }
  dsc_err_t err = dsc_request_show(r->observer, &r->ctx, s->id, on_shown, s);
  if (err != DSC_OK) {
    r->answered++; /* the show will never call back */
    failf(r, "dsc_request_show", err, NULL);
  }
  maybe_finish(r);
}

static bool submit_one(run_t *r) {
  slot_t *s = &r->slots[r->submitted];
  dsc_err_t err;

  s->run = r;
  s->index = r->submitted;
  r->in_submit = true;
  err = dsc_request_submit(r->engine, &r->ctx, SUBMISSION,
                           sizeof SUBMISSION - 1, on_submitted, s);
  r->in_submit = false;
  if (err != DSC_OK) {
    failf(r, "dsc_request_submit", err, NULL);
    return false;
  }
  if (r->submit_ns == 0)
    r->submit_ns = uv_hrtime();
  r->submitted++;
  return true;
}

/* Durable mode: one round of per_round submissions in this loop turn. */
static void on_tick(uv_timer_t *t) {
  run_t *r = t->data;

  for (int i = 0; i < r->per_round && r->submitted < r->total; i++) {
    if (!submit_one(r)) {
      maybe_finish(r);
      return;
    }
  }
  if (r->submitted == r->total) {
    uv_timer_stop(&r->tick);
    uv_close((uv_handle_t *)&r->tick, NULL);
    r->tick_open = false;
  }
}

static int positive(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  return (*s && *end == '\0' && v > 0 && v <= 100000) ? (int)v : 0;
}

static int usage(void) {
  fprintf(stderr, "usage: test_group_commit one_turn|turns N IDS_FILE\n"
                  "       test_group_commit durable N IDS_FILE ROUNDS "
                  "KILL_AFTER\n");
  return 2;
}

static int drive(run_t *r) {
  switch (r->mode) {
  case MODE_ONE_TURN:
    /* All of them before the loop turns even once. */
    while (r->submitted < r->total && submit_one(r))
      ;
    maybe_finish(r);
    break;
  case MODE_TURNS:
    /* Each in a turn of its own: wait for the callback first. */
    while (r->failures == 0 && r->submitted < r->total) {
      slot_t *s = &r->slots[r->submitted];
      if (!submit_one(r))
        break;
      while (!s->acked && r->failures == 0)
        uv_run(&r->loop, UV_RUN_ONCE);
    }
    maybe_finish(r);
    break;
  case MODE_DURABLE:
    uv_timer_init(&r->loop, &r->tick);
    r->tick.data = r;
    r->tick_open = true;
    uv_timer_start(&r->tick, on_tick, 0, 1);
    break;
  }
  return uv_run(&r->loop, UV_RUN_DEFAULT);
}

int main(int argc, char **argv) {
  run_t r;
  const char *conninfo = getenv("DISCLOSE_DB");
  dsc_engine_options_t opts;
  dsc_date_t on = dsc_date_from_ymd(2024, 3, 1);
  int rounds = 1, status;

  memset(&r, 0, sizeof r);
  if (argc < 4)
    return usage();
  if (strcmp(argv[1], "one_turn") == 0 && argc == 4)
    r.mode = MODE_ONE_TURN;
  else if (strcmp(argv[1], "turns") == 0 && argc == 4)
    r.mode = MODE_TURNS;
  else if (strcmp(argv[1], "durable") == 0 && argc == 6)
    r.mode = MODE_DURABLE;
  else
    return usage();
  r.per_round = positive(argv[2]);
  if (r.mode == MODE_DURABLE) {
    rounds = positive(argv[4]);
    r.kill_after = positive(argv[5]);
  }
  if (r.per_round == 0 || rounds == 0 ||
      (r.mode == MODE_DURABLE && r.kill_after == 0))
    return usage();
  r.total = r.per_round * rounds;
  if (conninfo == NULL || *conninfo == '\0') {
    fprintf(stderr, "test_group_commit: DISCLOSE_DB is not set\n");
    return 2;
  }
  r.ids = fopen(argv[3], "w");
  r.slots = calloc((size_t)r.total, sizeof *r.slots);
  if (r.ids == NULL || r.slots == NULL) {
    perror("test_group_commit");
    return 1;
  }
  r.ctx.actor = "admin"; /* has the supervisor role */
  r.ctx.on = r.ctx.today = on;

  memset(&opts, 0, sizeof opts);
  opts.conninfo = conninfo;
  opts.fail_fast = true; /* a test must fail, not wait for a reconnect */
  if (uv_loop_init(&r.loop) != 0 ||
      dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK ||
      dsc_engine_create(&r.loop, &opts, &r.observer) != DSC_OK) {
    fprintf(stderr, "test_group_commit: cannot create the engines\n");
    return 1;
  }

  status = drive(&r);
  if (status != 0 || uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, "test_group_commit: the loop did not wind down\n");
    r.failures++;
  }
  if (fclose(r.ids) != 0) {
    perror("test_group_commit: closing the ids file");
    r.failures++;
  }
  if (r.failures == 0 && (r.acked != r.total || r.observed != r.total)) {
    fprintf(stderr,
            "test_group_commit: %d submitted, %d acknowledged, %d observed\n",
            r.total, r.acked, r.observed);
    r.failures++;
  }
  printf("acknowledged %d observed %d first_callback_ms %" PRIu64 "\n", r.acked,
         r.observed,
         r.first_callback_ns > r.submit_ns
             ? (r.first_callback_ns - r.submit_ns) / 1000000u
             : 0u);
  free(r.slots);
  return r.failures == 0 ? 0 : 1;
}
