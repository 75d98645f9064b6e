/* tests/integration/c/test_engine_paths.c — the engine's concurrent paths
 * through the public C API (include/disclose/engine.h, request.h): actions
 * decided together (merged writes, engine/pg/pgloop.h
 * dsc__pg_batch_set_mergeable), and submissions from other threads
 * (dsc_request_submit_from_thread, max_queued back-pressure).
 *
 *   test_engine_paths assign N IDS_FILE [VICTIM]
 *       Submits N applications in one loop turn and waits for them; then,
 *       in one loop turn before the loop runs again, assigns all N to the
 *       handler "li". Every assign must succeed except the one on request
 *       VICTIM (0 or absent: none), which must fail; each failure is
 *       printed as "failure ID KIND: DETAIL". After each assign's callback
 *       a second engine (its own connection) shows the request: it must
 *       already see the assignment (version 2, assigned to li), or, for the
 *       victim, the untouched request (version 1, received). Prints
 *       "assigned OK failed F observed O".
 *   test_engine_paths threads THREADS PER IDS_FILE
 *       THREADS threads each make PER dsc_request_submit_from_thread calls
 *       (idempotency key ep-THREAD-I) while the loop runs on the main
 *       thread; thread 0 also submits one invalid application, which must
 *       come back through its callback as DSC_INVALID. Every call must
 *       return DSC_OK. Prints "acknowledged A invalid I busy B other O".
 *   test_engine_paths backpressure THREADS PER MAX_QUEUED IDS_FILE
 *       The same on an engine created with max_queued = MAX_QUEUED, the
 *       threads submitting as fast as they can, never waiting for a
 *       callback: each call returns DSC_OK (a callback follows) or DSC_BUSY
 *       (none does). A thread's PER attempts come in 10 bursts; before
 *       each burst but the first it waits until everything accepted so far
 *       has called back, so that every burst finds the queue empty and a
 *       queue that never gave its places back would show.
 *       Prints "attempts T acknowledged A busy B other O max_inflight M
 *       vmhwm_kb K"; max_inflight is the most submissions the threads had
 *       been told were accepted and whose callbacks had not yet run.
 *
 * Acknowledged ids go to IDS_FILE, one a line: "ID" (assign) or
 * "ID KEY" (threads, backpressure). Every callback must run on the loop
 * thread, never inside the call that started it, and exactly once. The
 * checks on the database are made by engine_paths.sh with psql: no C file
 * may make a blocking libpq call (tests/lint/banned.sh).
 *
 * Exit status: 0 when every expectation held, 1 otherwise (printed to
 * stderr), 2 on a usage error.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uv.h>

#include "disclose/engine.h"
#include "disclose/request.h"
#include "fixture_submission.h"

/* The fixture application (fixture_submission.h); %s is the channel (a
 * bad one makes it invalid) and the two numbers make its idempotency key. */
#define SUBMISSION_KEYED                                                       \
  DSC_FIXTURE_APPLICATION("%s") ", \"idempotency_key\": \"ep-%d-%d\"}"

/* The same without a key, for the loop-thread modes. */
static const char SUBMISSION[] = DSC_FIXTURE_SUBMISSION;

/* backpressure: each thread's attempts come in this many bursts. */
#define BP_ROUNDS 10

typedef enum { MODE_ASSIGN, MODE_THREADS, MODE_BACKPRESSURE } run_mode_t;

typedef struct run run_t;

/* One operation: its callback's data. */
typedef struct slot {
  run_t *run;
  int index;      /* the request's number, or the submission's */
  int thread;     /* threaded modes: the submitting thread */
  int64_t id;     /* the request submitted, or acted on */
  const char *to; /* assign: the handler named */
  dsc_err_t err;  /* what the callback said */
  bool answered;
  bool invalid; /* threads: the deliberately invalid submission */
} slot_t;

/* One submitting thread. Its counters are its own until it is joined. */
typedef struct worker {
  run_t *run;
  pthread_t tid;
  int index;
  int busy;              /* DSC_BUSY returns */
  int other;             /* returns neither DSC_OK nor DSC_BUSY */
  dsc_err_t other_err;   /* the last of those */
  dsc_err_t invalid_ret; /* what the invalid submission's call returned */
} worker_t;

struct run {
  run_mode_t mode;
  uv_loop_t loop;
  pthread_t loop_thread;
  dsc_engine_t *engine;
  dsc_engine_t *observer; /* assign: shows, on a connection of its own */
  dsc_ctx_t ctx;
  FILE *ids;
  int failures; /* loop thread (and main, outside uv_run) only */
  bool closing;
  bool in_call; /* a callback must never run inside the call */

  /* assign */
  int n;
  int64_t victim;
  slot_t *subs; /* n submissions */
  int sub_answered, sub_acked;
  slot_t *acts; /* n */
  int nacts, acts_answered, acts_ok, acts_failed;
  int shows_sent, shows_answered, observed;

  /* threads, backpressure */
  int nthreads, per_thread, nstarted;
  worker_t *workers;
  slot_t *tslots; /* nthreads * per_thread */
  slot_t invalid;
  uv_async_t done_async; /* a thread finished */
  bool done_async_open;
  atomic_int accepted;     /* calls that returned DSC_OK */
  atomic_int threads_done; /* threads past their last call */
  atomic_int answered;     /* callbacks (written by the loop thread) */
  int acked, refused, max_inflight;
};

/* ---- common ------------------------------------------------------------ */

static void failf(run_t *r, const char *what, dsc_err_t err,
                  const dsc_detail_t *detail) {
  char buf[512];
  fprintf(stderr, "test_engine_paths: %s: %s (%s)\n", what,
          detail ? dsc_detail_format(detail, DSC_LANG_EN, buf, sizeof buf)
                 : dsc_strerror(err, DSC_LANG_EN),
          dsc_err_name(err));
  r->failures++;
}

static void fail_msg(run_t *r, const char *message, int64_t id) {
  fprintf(stderr, "test_engine_paths: %s (request %" PRId64 ")\n", message, id);
  r->failures++;
}

/* Every callback: on the loop thread, not inside the call. */
static void check_callback(run_t *r, const char *what) {
  if (!pthread_equal(pthread_self(), r->loop_thread)) {
    fprintf(stderr,
            "test_engine_paths: a %s callback ran off the loop "
            "thread\n",
            what);
    r->failures++;
  }
  if (r->in_call) {
    fprintf(stderr, "test_engine_paths: a %s callback ran inside the call\n",
            what);
    r->failures++;
  }
}

static void close_engines(run_t *r) {
  if (r->closing)
    return;
  r->closing = true;
  dsc_engine_close(r->engine, NULL, NULL);
  dsc_engine_close(r->observer, NULL, NULL);
}

static int number(const char *s, int max) {
  char *end;
  long v = strtol(s, &end, 10);
  return (*s && *end == '\0' && v > 0 && v <= max) ? (int)v : 0;
}

/* The peak resident set of this process, in kB (-1 if unknown). */
static long vm_hwm_kb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;

  if (f == NULL)
    return -1;
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, "VmHWM:", 6) == 0) {
      kb = strtol(line + 6, NULL, 10);
      break;
    }
  fclose(f);
  return kb;
}

/* ---- assign: submissions, then actions in one turn -------------------- */

static void maybe_finish_acts(run_t *r) {
  if (r->failures > 0 ||
      (r->acts_answered == r->nacts && r->shows_answered == r->shows_sent))
    close_engines(r);
}

static void on_submitted(dsc_engine_t *engine, dsc_result_t *result,
                         void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  (void)engine;

  check_callback(r, "submit");
  r->sub_answered++;
  if (r->closing)
    return;
  if (result->err != DSC_OK) {
    failf(r, "submit", result->err, &result->detail);
    return;
  }
  if (result->id <= 0 || s->answered) {
    fail_msg(r, s->answered ? "a second submit callback" : "submit: bad id",
             result->id);
    return;
  }
  s->answered = true;
  s->id = result->id;
  r->sub_acked++;
  fprintf(r->ids, "%" PRId64 "\n", s->id);
}

/* What the observer must see once an assign's callback ran: the assign
 * committed (version 2, assigned to li), or nothing of it (version 1,
 * received) when it failed. */
static void on_shown(dsc_engine_t *engine, dsc_result_t *result, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  const cJSON *version, *state, *assignee;
  bool done = s->err == DSC_OK;
  (void)engine;

  check_callback(r, "show");
  r->shows_answered++;
  if (r->closing)
    return;
  if (result->err != DSC_OK) {
    failf(r, "show", result->err, &result->detail);
  } else {
    version = cJSON_GetObjectItemCaseSensitive(result->json, "version");
    state = cJSON_GetObjectItemCaseSensitive(result->json, "state");
    assignee = cJSON_GetObjectItemCaseSensitive(result->json, "assignee");
    if (!cJSON_IsNumber(version) || !cJSON_IsString(state) ||
        version->valuedouble != (done ? 2 : 1) ||
        strcmp(state->valuestring, done ? "assigned" : "received") != 0 ||
        (done && (!cJSON_IsString(assignee) ||
                  strcmp(assignee->valuestring, s->to) != 0))) {
      char *text = cJSON_PrintUnformatted(result->json);
      fprintf(stderr,
              "test_engine_paths: after the %s assign's callback another "
              "connection shows request %" PRId64 " as %s\n",
              done ? "successful" : "failed", s->id, text ? text : "?");
      cJSON_free(text);
      r->failures++;
    } else {
      r->observed++;
    }
  }
  maybe_finish_acts(r);
}

static void on_acted(dsc_engine_t *engine, dsc_result_t *result, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  char buf[512];
  dsc_err_t err;
  (void)engine;

  check_callback(r, "act");
  r->acts_answered++;
  if (s->answered) {
    fail_msg(r, "a second act callback", s->id);
    return;
  }
  s->answered = true;
  s->err = result->err;
  if (r->closing)
    return;
  if (result->err == DSC_OK && result->id != s->id) {
    fail_msg(r, "act: the callback names another request", result->id);
  } else if (r->mode == MODE_ASSIGN) {
    if (s->id == r->victim && result->err == DSC_OK) {
      fail_msg(r, "the assign the trigger refuses succeeded", s->id);
    } else if (s->id == r->victim) {
      r->acts_failed++;
      printf("failure %" PRId64 " %s: %s\n", s->id, dsc_err_name(result->err),
             dsc_detail_format(&result->detail, DSC_LANG_EN, buf, sizeof buf));
    } else if (result->err != DSC_OK) {
      r->acts_failed++;
      printf("failure %" PRId64 " %s: %s\n", s->id, dsc_err_name(result->err),
             dsc_detail_format(&result->detail, DSC_LANG_EN, buf, sizeof buf));
      snprintf(buf, sizeof buf, "assign of request %" PRId64, s->id);
      failf(r, buf, result->err, &result->detail);
    } else {
      r->acts_ok++;
    }
    err = dsc_request_show(r->observer, &r->ctx, s->id, on_shown, s);
    if (err != DSC_OK)
      failf(r, "dsc_request_show", err, NULL);
    else
      r->shows_sent++;
  }
  maybe_finish_acts(r);
}

static bool submit_all(run_t *r) {
  for (int i = 0; i < r->n; i++) {
    slot_t *s = &r->subs[i];
    dsc_err_t err;
    s->run = r;
    s->index = i;
    r->in_call = true;
    err = dsc_request_submit(r->engine, &r->ctx, SUBMISSION,
                             sizeof SUBMISSION - 1, on_submitted, s);
    r->in_call = false;
    if (err != DSC_OK) {
      failf(r, "dsc_request_submit", err, NULL);
      return false;
    }
  }
  /* Each turn may end the wait; the engine's handles keep uv_run going. */
  while (r->sub_answered < r->n && r->failures == 0)
    uv_run(&r->loop, UV_RUN_ONCE);
  return r->failures == 0;
}

static bool act_one(run_t *r, slot_t *s, int64_t id, const char *to) {
  dsc_action_args_t args;
  dsc_err_t err;

  memset(&args, 0, sizeof args);
  args.to = to;
  s->run = r;
  s->id = id;
  s->to = to;
  r->in_call = true;
  err = dsc_request_act(r->engine, &r->ctx, id, DSC_ACTION_ASSIGN, &args,
                        on_acted, s);
  r->in_call = false;
  if (err != DSC_OK) {
    failf(r, "dsc_request_act", err, NULL);
    return false;
  }
  r->nacts++;
  return true;
}

static int run_acts(run_t *r) {
  bool victim_seen = r->victim == 0;

  if (submit_all(r)) {
    /* All the actions in this one turn, the loop not running. */
    for (int i = 0; i < r->n; i++) {
      int64_t id = r->subs[i].id;
      victim_seen = victim_seen || id == r->victim;
      if (!act_one(r, &r->acts[i], id, "li"))
        break;
    }
    if (!victim_seen) {
      fprintf(stderr,
              "test_engine_paths: no request %" PRId64 " among those "
              "submitted\n",
              r->victim);
      r->failures++;
    }
  }
  maybe_finish_acts(r); /* closes at once when nothing was started */
  return uv_run(&r->loop, UV_RUN_DEFAULT);
}

static void report_acts(run_t *r) {
  if (r->failures == 0 &&
      (r->acts_ok + r->acts_failed != r->n || r->observed != r->n)) {
    fprintf(stderr, "test_engine_paths: %d assigns, %d answered, %d seen\n",
            r->n, r->acts_ok + r->acts_failed, r->observed);
    r->failures++;
  }
  printf("assigned %d failed %d observed %d\n", r->acts_ok, r->acts_failed,
         r->observed);
}

/* ---- threads, backpressure --------------------------------------------- */

/* Closes the engines only once every thread is past its last call (so none
 * can be inside dsc_request_submit_from_thread while the engine goes away)
 * and every accepted submission has called back. */
static void maybe_finish_threads(run_t *r) {
  if (!r->closing && atomic_load(&r->threads_done) == r->nstarted &&
      atomic_load(&r->answered) == atomic_load(&r->accepted))
    close_engines(r);
}

static void on_thread_submitted(dsc_engine_t *engine, dsc_result_t *result,
                                void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  int inflight = atomic_load(&r->accepted) - atomic_load(&r->answered);
  (void)engine;

  check_callback(r, "submit");
  if (inflight > r->max_inflight)
    r->max_inflight = inflight;
  atomic_fetch_add(&r->answered, 1);
  if (s->answered) {
    fail_msg(r, "a second submit callback", result->id);
    return;
  }
  s->answered = true;
  s->err = result->err;
  if (s->invalid) {
    if (result->err != DSC_INVALID ||
        strcmp(result->detail.field, "channel") != 0)
      failf(r, "the invalid submission", result->err, &result->detail);
    else
      r->refused++;
  } else if (result->err != DSC_OK) {
    failf(r, "threaded submit", result->err, &result->detail);
  } else if (result->id <= 0) {
    fail_msg(r, "threaded submit: bad id", result->id);
  } else {
    s->id = result->id;
    r->acked++;
    fprintf(r->ids, "%" PRId64 " ep-%d-%d\n", s->id, s->thread, s->index);
  }
  maybe_finish_threads(r);
}

static void on_done_async(uv_async_t *h) { maybe_finish_threads(h->data); }

/* backpressure: between its rounds a thread waits until every submission
 * accepted so far has called back, polling every millisecond. */
static void wait_drained(run_t *r) {
  struct timespec ms = {0, 1000000};
  while (atomic_load(&r->answered) < atomic_load(&r->accepted))
    nanosleep(&ms, NULL);
}

static void *worker_main(void *arg) {
  worker_t *w = arg;
  run_t *r = w->run;
  char json[1024];
  int len;
  dsc_err_t err;

  for (int i = 0; i < r->per_thread; i++) {
    slot_t *s = &r->tslots[w->index * r->per_thread + i];
    if (r->mode == MODE_BACKPRESSURE && i > 0 &&
        i % (r->per_thread / BP_ROUNDS) == 0)
      wait_drained(r);
    if (r->mode == MODE_THREADS && w->index == 0 && i == r->per_thread / 2) {
      len = snprintf(json, sizeof json, SUBMISSION_KEYED, "telepathy", w->index,
                     -1);
      r->invalid.run = r;
      r->invalid.thread = w->index;
      r->invalid.index = -1;
      r->invalid.invalid = true;
      w->invalid_ret =
          dsc_request_submit_from_thread(r->engine, &r->ctx, json, (size_t)len,
                                         on_thread_submitted, &r->invalid);
      if (w->invalid_ret == DSC_OK)
        atomic_fetch_add(&r->accepted, 1);
    }
    len = snprintf(json, sizeof json, SUBMISSION_KEYED, "online", w->index, i);
    s->run = r;
    s->thread = w->index;
    s->index = i;
    /* From here on the slot belongs to the loop thread (if accepted). */
    err = dsc_request_submit_from_thread(r->engine, &r->ctx, json, (size_t)len,
                                         on_thread_submitted, s);
    if (err == DSC_OK) {
      atomic_fetch_add(&r->accepted, 1);
    } else if (err == DSC_BUSY) {
      w->busy++;
    } else {
      w->other++;
      w->other_err = err;
    }
  }
  atomic_fetch_add(&r->threads_done, 1);
  uv_async_send(&r->done_async);
  return NULL;
}

/* The connection works: start the threads, from the loop thread. */
static void on_ping(dsc_engine_t *engine, dsc_result_t *result, void *data) {
  run_t *r = data;
  (void)engine;

  check_callback(r, "ping");
  if (result->err != DSC_OK) {
    failf(r, "ping", result->err, &result->detail);
    close_engines(r);
    return;
  }
  for (int t = 0; t < r->nthreads; t++) {
    worker_t *w = &r->workers[t];
    w->run = r;
    w->index = t;
    if (pthread_create(&w->tid, NULL, worker_main, w) != 0) {
      fprintf(stderr, "test_engine_paths: cannot start thread %d\n", t);
      r->failures++;
      break;
    }
    r->nstarted++;
  }
  maybe_finish_threads(r);
}

static int run_threads(run_t *r) {
  int status;
  dsc_err_t err;

  if (uv_async_init(&r->loop, &r->done_async, on_done_async) != 0) {
    fprintf(stderr, "test_engine_paths: uv_async_init failed\n");
    r->failures++;
    close_engines(r);
    return uv_run(&r->loop, UV_RUN_DEFAULT);
  }
  r->done_async.data = r;
  r->done_async_open = true;
  /* It must not keep the loop alive: the engine's handles do, until it
   * is closed. */
  uv_unref((uv_handle_t *)&r->done_async);
  err = dsc_engine_ping(r->engine, on_ping, r);
  if (err != DSC_OK) {
    failf(r, "dsc_engine_ping", err, NULL);
    close_engines(r);
  }
  status = uv_run(&r->loop, UV_RUN_DEFAULT);
  for (int t = 0; t < r->nstarted; t++)
    pthread_join(r->workers[t].tid, NULL);
  /* Only now that no thread can signal it. */
  uv_close((uv_handle_t *)&r->done_async, NULL);
  r->done_async_open = false;
  if (uv_run(&r->loop, UV_RUN_DEFAULT) != 0)
    status = 1;
  return status;
}

static void report_threads(run_t *r) {
  int attempts = r->nthreads * r->per_thread, busy = 0, other = 0;
  int answered_slots = 0;
  dsc_err_t other_err = DSC_OK;

  for (int t = 0; t < r->nstarted; t++) {
    busy += r->workers[t].busy;
    if (r->workers[t].other > 0) {
      other += r->workers[t].other;
      other_err = r->workers[t].other_err;
    }
  }
  for (int i = 0; i < attempts; i++)
    answered_slots += r->tslots[i].answered;
  if (other > 0) {
    fprintf(stderr,
            "test_engine_paths: %d calls returned neither ok nor busy "
            "(last: %s)\n",
            other, dsc_err_name(other_err));
    r->failures++;
  }
  if (r->nstarted != r->nthreads || answered_slots != r->acked ||
      r->acked + busy != attempts) {
    fprintf(stderr,
            "test_engine_paths: %d threads of %d; %d attempts, %d "
            "acknowledged (%d slots answered), %d busy\n",
            r->nstarted, r->nthreads, attempts, r->acked, answered_slots, busy);
    r->failures++;
  }
  if (r->mode == MODE_THREADS) {
    if (r->workers[0].invalid_ret != DSC_OK || r->refused != 1 || busy != 0) {
      fprintf(stderr,
              "test_engine_paths: the invalid submission's call returned "
              "%s, %d refused through the callback, %d busy\n",
              dsc_err_name(r->workers[0].invalid_ret), r->refused, busy);
      r->failures++;
    }
    printf("acknowledged %d invalid %d busy %d other %d\n", r->acked,
           r->refused, busy, other);
    return;
  }
  printf("attempts %d acknowledged %d busy %d other %d max_inflight %d "
         "vmhwm_kb %ld\n",
         attempts, r->acked, busy, other, r->max_inflight, vm_hwm_kb());
}

/* ---- main -------------------------------------------------------------- */

static int usage(void) {
  fprintf(stderr,
          "usage: test_engine_paths assign N IDS_FILE [VICTIM]\n"
          "       test_engine_paths threads THREADS PER IDS_FILE\n"
          "       test_engine_paths backpressure THREADS PER MAX_QUEUED "
          "IDS_FILE\n");
  return 2;
}

int main(int argc, char **argv) {
  static run_t r; /* large, and zeroed */
  const char *conninfo = getenv("DISCLOSE_DB");
  const char *ids_path;
  dsc_engine_options_t opts;
  dsc_date_t on = dsc_date_from_ymd(2024, 3, 1);
  unsigned max_queued = 0;
  int status;

  if (argc < 4)
    return usage();
  memset(&opts, 0, sizeof opts);
  if (strcmp(argv[1], "assign") == 0 && (argc == 4 || argc == 5)) {
    r.mode = MODE_ASSIGN;
    r.n = number(argv[2], 10000);
    ids_path = argv[3];
    if (argc == 5 && (r.victim = number(argv[4], 1000000000)) == 0)
      return usage();
  } else if (strcmp(argv[1], "threads") == 0 && argc == 5) {
    r.mode = MODE_THREADS;
    r.nthreads = number(argv[2], 64);
    r.per_thread = number(argv[3], 100000);
    r.n = r.nthreads * r.per_thread;
    ids_path = argv[4];
  } else if (strcmp(argv[1], "backpressure") == 0 && argc == 6) {
    r.mode = MODE_BACKPRESSURE;
    r.nthreads = number(argv[2], 64);
    r.per_thread = number(argv[3], 100000);
    r.n = r.nthreads * r.per_thread;
    max_queued = (unsigned)number(argv[4], 100000);
    ids_path = argv[5];
    if (max_queued == 0 || r.per_thread < BP_ROUNDS)
      return usage();
  } else {
    return usage();
  }
  if (r.n == 0)
    return usage();
  if (conninfo == NULL || *conninfo == '\0') {
    fprintf(stderr, "test_engine_paths: DISCLOSE_DB is not set\n");
    return 2;
  }

  r.ids = fopen(ids_path, "w");
  if (r.mode == MODE_ASSIGN) {
    r.subs = calloc((size_t)r.n, sizeof *r.subs);
    r.acts = calloc((size_t)r.n, sizeof *r.acts);
  } else {
    r.workers = calloc((size_t)r.nthreads, sizeof *r.workers);
    r.tslots = calloc((size_t)r.n, sizeof *r.tslots);
  }
  if (r.ids == NULL || ((r.subs == NULL || r.acts == NULL) &&
                        (r.workers == NULL || r.tslots == NULL))) {
    perror("test_engine_paths");
    return 1;
  }
  r.ctx.actor = "admin"; /* has the supervisor role */
  r.ctx.on = r.ctx.today = on;
  r.loop_thread = pthread_self();
  atomic_init(&r.accepted, 0);
  atomic_init(&r.threads_done, 0);
  atomic_init(&r.answered, 0);

  opts.conninfo = conninfo;
  opts.fail_fast = true; /* a test must fail, not wait for a reconnect */
  opts.max_queued = max_queued;
  if (uv_loop_init(&r.loop) != 0 ||
      dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK ||
      (r.mode == MODE_ASSIGN &&
       dsc_engine_create(&r.loop, &opts, &r.observer) != DSC_OK)) {
    fprintf(stderr, "test_engine_paths: cannot create the engines\n");
    return 1;
  }

  if (r.mode == MODE_ASSIGN)
    status = run_acts(&r);
  else
    status = run_threads(&r);
  if (status != 0 || uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, "test_engine_paths: the loop did not wind down\n");
    r.failures++;
  }
  if (fclose(r.ids) != 0) {
    perror("test_engine_paths: closing the ids file");
    r.failures++;
  }
  if (r.mode == MODE_ASSIGN)
    report_acts(&r);
  else
    report_threads(&r);
  free(r.subs);
  free(r.acts);
  free(r.workers);
  free(r.tslots);
  return r.failures == 0 ? 0 : 1;
}
