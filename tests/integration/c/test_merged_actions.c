/* tests/integration/c/test_merged_actions.c — staff actions of one loop
 * turn through the public C API (include/disclose/engine.h, request.h):
 * their reads merged into one statement, their writes into one statement
 * of several rows (engine/ops/act.c, engine/pg/pgloop.h dsc__pg_batch_add_row),
 * and actions on one request taken one after the other.
 *
 *   test_merged_actions assign N IDS_FILE
 *       Submits N applications (one loop turn) and waits for them; then,
 *       in one loop turn, assigns all N to "li". Every assign must succeed.
 *   test_merged_actions submit N IDS_FILE
 *       Only the submissions.
 *   test_merged_actions reassign IDS_FILE LOGIN
 *       Assigns every request of IDS_FILE to LOGIN in one loop turn,
 *       whatever each outcome; prints "result ID ERROR_NAME [DETAIL]" per
 *       request.
 *   test_merged_actions sequence N IDS_FILE
 *       Submits N; then, in one loop turn, assigns each request to "li"
 *       and then to "zhao". Both must succeed, the one to li called back
 *       first.
 *   test_merged_actions lapse N IDS_FILE
 *       Submits N on 2024-03-01, assigns them to "li", li consults a third
 *       party on each (the window lapses on 2024-03-22), then, in one loop
 *       turn on 2024-04-15, assigns each to "zhao": every assign must
 *       succeed, each after the lapse it applies first.
 *   test_merged_actions trickle-assign N IDS_FILE
 *       Submits N; then assigns each to "li", one action per loop turn (an
 *       idle handle starts the next), as actions arrive over HTTP. Every
 *       assign must succeed.
 *   test_merged_actions trickle-submit N IDS_FILE
 *       Submits one and waits for it, then the N - 1 others one per loop
 *       turn. Every submission must succeed.
 *
 * DSC_MA_CONNECTIONS, when set, is the engine's connections option.
 *
 * Acknowledged ids go to IDS_FILE, one a line. Every mode prints a last
 * line "ok O failed F" (actions of the last turn). Every callback must run
 * on the loop, never inside the call, and exactly once. The checks on the
 * database are made by merged_actions.sh with psql: no C file may make a
 * blocking libpq call (tests/lint/banned.sh).
 *
 * Exit status: 0 when every expectation held, 1 otherwise (printed to
 * stderr), 2 on a usage error.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "disclose/engine.h"
#include "disclose/request.h"
#include "fixture_submission.h"

static const char SUBMISSION[] = DSC_FIXTURE_SUBMISSION;

typedef struct run run_t;

/* One operation: its callback's data. */
typedef struct slot {
  run_t *run;
  int64_t id;
  const char *to;
  dsc_err_t err;
  char detail[256];
  int order; /* when it called back: 1, 2, ... */
  bool answered;
} slot_t;

struct run {
  uv_loop_t loop;
  dsc_engine_t *engine;
  int failures;
  bool in_call;
  int started, answered, order;
  int64_t *ids;
  int n;
  slot_t *slots;
  /* The trickle modes: what the idle handle starts, one per turn. */
  uv_idle_t idle;
  const dsc_ctx_t *ctx;
  bool trickle_submits;
  int next;
};

static void on_done(dsc_engine_t *engine, dsc_result_t *result, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  (void)engine;

  if (r->in_call) {
    fprintf(stderr, "test_merged_actions: a callback ran inside the call\n");
    r->failures++;
  }
  if (s->answered) {
    fprintf(stderr, "test_merged_actions: a second callback\n");
    r->failures++;
    return;
  }
  s->answered = true;
  s->err = result->err;
  s->order = ++r->order;
  r->answered++;
  if (result->err != DSC_OK)
    dsc_detail_format(&result->detail, DSC_LANG_EN, s->detail,
                      sizeof s->detail);
  else if (s->id == 0)
    s->id = result->id;
  else if (result->id != s->id) {
    fprintf(stderr,
            "test_merged_actions: the callback of request %" PRId64
            " names %" PRId64 "\n",
            s->id, result->id);
    r->failures++;
  }
}

/* Runs the loop until every operation started so far has called back. */
static void wait_all(run_t *r) {
  while (r->answered < r->started)
    uv_run(&r->loop, UV_RUN_ONCE);
}

static slot_t *new_slots(run_t *r, int n) {
  free(r->slots);
  r->slots = calloc((size_t)n, sizeof *r->slots);
  if (r->slots == NULL) {
    perror("test_merged_actions");
    exit(1);
  }
  r->started = r->answered = r->order = 0;
  return r->slots;
}

static bool submit_all(run_t *r, const dsc_ctx_t *ctx, FILE *ids) {
  slot_t *slots = new_slots(r, r->n);
  for (int i = 0; i < r->n; i++) {
    dsc_err_t err;
    slots[i].run = r;
    r->in_call = true;
    err = dsc_request_submit(r->engine, ctx, SUBMISSION, sizeof SUBMISSION - 1,
                             on_done, &slots[i]);
    r->in_call = false;
    if (err != DSC_OK) {
      fprintf(stderr, "test_merged_actions: submit: %s\n", dsc_err_name(err));
      return false;
    }
    r->started++;
  }
  wait_all(r);
  for (int i = 0; i < r->n; i++) {
    if (slots[i].err != DSC_OK || slots[i].id <= 0) {
      fprintf(stderr, "test_merged_actions: submission %d: %s %s\n", i,
              dsc_err_name(slots[i].err), slots[i].detail);
      return false;
    }
    r->ids[i] = slots[i].id;
    fprintf(ids, "%" PRId64 "\n", slots[i].id);
  }
  return true;
}

/* Starts one action; the slot must be zeroed. */
static bool act(run_t *r, slot_t *s, const dsc_ctx_t *ctx, int64_t id,
                dsc_action_t action, const char *to) {
  dsc_action_args_t args;
  char delivered[DSC_DATE_STRLEN];
  dsc_err_t err;

  memset(&args, 0, sizeof args);
  args.to = to;
  /* The letter reaches the third party the day it is sent, so that its
   * window (Art. 32: from the receipt) has a lapse date. */
  if (action == DSC_ACTION_CONSULT_THIRD_PARTY)
    args.delivered_on = dsc_date_format(ctx->on, delivered);
  s->run = r;
  s->id = id;
  s->to = to;
  r->in_call = true;
  err = dsc_request_act(r->engine, ctx, id, action, &args, on_done, s);
  r->in_call = false;
  if (err != DSC_OK) {
    fprintf(stderr, "test_merged_actions: act: %s\n", dsc_err_name(err));
    return false;
  }
  r->started++;
  return true;
}

/* The same action on every request, in one loop turn. */
static bool act_all(run_t *r, const dsc_ctx_t *ctx, dsc_action_t action,
                    const char *to) {
  slot_t *slots = new_slots(r, r->n);
  for (int i = 0; i < r->n; i++)
    if (!act(r, &slots[i], ctx, r->ids[i], action, to))
      return false;
  wait_all(r);
  return true;
}

/* One operation per loop turn: the idle callback runs once each turn. */
static void on_idle(uv_idle_t *h) {
  run_t *r = h->data;
  slot_t *s = &r->slots[r->next];
  dsc_err_t err = DSC_OK;

  if (r->trickle_submits) {
    s->run = r;
    r->in_call = true;
    err = dsc_request_submit(r->engine, r->ctx, SUBMISSION,
                             sizeof SUBMISSION - 1, on_done, s);
    r->in_call = false;
    if (err == DSC_OK)
      r->started++;
  } else if (!act(r, s, r->ctx, r->ids[r->next], DSC_ACTION_ASSIGN, "li")) {
    err = DSC_INTERNAL;
  }
  if (err != DSC_OK) {
    fprintf(stderr, "test_merged_actions: trickle: %s\n", dsc_err_name(err));
    r->failures++;
  }
  if (++r->next == r->n || err != DSC_OK)
    uv_idle_stop(h);
}

/* Submissions or assigns, one per loop turn, then the wait for all. */
static bool trickle(run_t *r, const dsc_ctx_t *ctx, bool submits) {
  new_slots(r, r->n);
  r->ctx = ctx;
  r->trickle_submits = submits;
  r->next = 0;
  r->idle.data = r;
  if (uv_idle_init(&r->loop, &r->idle) != 0)
    return false;
  /* The first submission alone, so that the engine has its calendar (it
   * holds submissions until the calendar arrives, and they would all
   * arrive meanwhile and share one group). */
  if (submits) {
    on_idle(&r->idle);
    wait_all(r);
  }
  if (r->next < r->n && uv_idle_start(&r->idle, on_idle) != 0)
    r->failures++;
  while (r->next < r->n && r->failures == 0)
    uv_run(&r->loop, UV_RUN_ONCE);
  wait_all(r);
  uv_close((uv_handle_t *)&r->idle, NULL);
  return r->failures == 0;
}

/* Every action of the last turn succeeded. */
static void expect_all_ok(run_t *r, const char *what) {
  for (int i = 0; i < r->started; i++)
    if (r->slots[i].err != DSC_OK) {
      fprintf(stderr, "test_merged_actions: %s of request %" PRId64 ": %s %s\n",
              what, r->slots[i].id, dsc_err_name(r->slots[i].err),
              r->slots[i].detail);
      r->failures++;
    }
}

static void summary(run_t *r) {
  int ok = 0;
  for (int i = 0; i < r->started; i++)
    ok += r->slots[i].err == DSC_OK;
  printf("ok %d failed %d\n", ok, r->started - ok);
}

static int read_ids(run_t *r, const char *path) {
  FILE *f = fopen(path, "r");
  long long v;
  int cap = 16;

  if (f == NULL)
    return -1;
  r->ids = malloc((size_t)cap * sizeof *r->ids);
  while (r->ids && fscanf(f, "%lld", &v) == 1) {
    if (r->n == cap) {
      int64_t *grown = realloc(r->ids, (size_t)(cap *= 2) * sizeof *grown);
      if (grown == NULL)
        break;
      r->ids = grown;
    }
    r->ids[r->n++] = v;
  }
  fclose(f);
  return r->n;
}

static int usage(void) {
  fprintf(stderr, "usage: test_merged_actions assign|submit|sequence|lapse|"
                  "trickle-assign|trickle-submit N IDS_FILE\n"
                  "       test_merged_actions reassign IDS_FILE LOGIN\n");
  return 2;
}

int main(int argc, char **argv) {
  static run_t r;
  const char *conninfo = getenv("DISCLOSE_DB"), *mode;
  dsc_engine_options_t opts;
  dsc_ctx_t ctx = {0}, li = {0}, later = {0};
  FILE *ids = NULL;

  if (argc != 4)
    return usage();
  mode = argv[1];
  if (strcmp(mode, "reassign") == 0) {
    if (read_ids(&r, argv[2]) <= 0)
      return usage();
  } else {
    char *end;
    long n = strtol(argv[2], &end, 10);
    r.n = *end == '\0' && n > 0 && n <= 10000 ? (int)n : 0;
    if (r.n == 0 || (r.ids = calloc((size_t)r.n, sizeof *r.ids)) == NULL ||
        (ids = fopen(argv[3], "w")) == NULL)
      return usage();
  }
  if (conninfo == NULL || *conninfo == '\0') {
    fprintf(stderr, "test_merged_actions: DISCLOSE_DB is not set\n");
    return 2;
  }
  ctx.actor = "admin"; /* has the supervisor role */
  ctx.on = ctx.today = dsc_date_from_ymd(2024, 3, 1);
  li = ctx;
  li.actor = "li";
  later = ctx;
  later.on = later.today = dsc_date_from_ymd(2024, 4, 15);
  memset(&opts, 0, sizeof opts);
  opts.conninfo = conninfo;
  opts.fail_fast = true;
  if (getenv("DSC_MA_CONNECTIONS"))
    opts.connections =
        (unsigned)strtoul(getenv("DSC_MA_CONNECTIONS"), NULL, 10);
  if (uv_loop_init(&r.loop) != 0 ||
      dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK) {
    fprintf(stderr, "test_merged_actions: cannot create the engine\n");
    return 1;
  }

  if (strcmp(mode, "reassign") == 0) {
    if (act_all(&r, &ctx, DSC_ACTION_ASSIGN, argv[3]))
      for (int i = 0; i < r.n; i++)
        printf("result %" PRId64 " %s %s\n", r.slots[i].id,
               dsc_err_name(r.slots[i].err), r.slots[i].detail);
    else
      r.failures++;
  } else if (strcmp(mode, "trickle-submit") == 0) {
    if (trickle(&r, &ctx, true)) {
      expect_all_ok(&r, "submission");
      for (int i = 0; i < r.n; i++)
        fprintf(ids, "%" PRId64 "\n", r.slots[i].id);
    } else {
      r.failures++;
    }
  } else if (!submit_all(&r, &ctx, ids)) {
    r.failures++;
  } else if (strcmp(mode, "assign") == 0) {
    if (act_all(&r, &ctx, DSC_ACTION_ASSIGN, "li"))
      expect_all_ok(&r, "assign");
    else
      r.failures++;
  } else if (strcmp(mode, "trickle-assign") == 0) {
    if (trickle(&r, &ctx, false))
      expect_all_ok(&r, "assign");
    else
      r.failures++;
  } else if (strcmp(mode, "sequence") == 0) {
    slot_t *s = new_slots(&r, 2 * r.n);
    for (int i = 0; i < r.n && r.failures == 0; i++)
      if (!act(&r, &s[2 * i], &ctx, r.ids[i], DSC_ACTION_ASSIGN, "li") ||
          !act(&r, &s[2 * i + 1], &ctx, r.ids[i], DSC_ACTION_ASSIGN, "zhao"))
        r.failures++;
    wait_all(&r);
    expect_all_ok(&r, "assign");
    for (int i = 0; i < r.n; i++)
      if (s[2 * i].order > s[2 * i + 1].order) {
        fprintf(stderr,
                "test_merged_actions: request %" PRId64 ": the second "
                "assign called back before the first\n",
                r.ids[i]);
        r.failures++;
      }
  } else if (strcmp(mode, "lapse") == 0) {
    if (!act_all(&r, &ctx, DSC_ACTION_ASSIGN, "li") ||
        (expect_all_ok(&r, "assign"),
         !act_all(&r, &li, DSC_ACTION_CONSULT_THIRD_PARTY, NULL)) ||
        (expect_all_ok(&r, "consult"),
         !act_all(&r, &later, DSC_ACTION_ASSIGN, "zhao")))
      r.failures++;
    else
      expect_all_ok(&r, "assign after the lapse");
  } else if (strcmp(mode, "submit") != 0) {
    return usage();
  }
  summary(&r);

  dsc_engine_close(r.engine, NULL, NULL);
  if (uv_run(&r.loop, UV_RUN_DEFAULT) != 0 || uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, "test_merged_actions: the loop did not wind down\n");
    r.failures++;
  }
  if (ids && fclose(ids) != 0) {
    perror("test_merged_actions: closing the ids file");
    r.failures++;
  }
  free(r.ids);
  free(r.slots);
  return r.failures == 0 ? 0 : 1;
}
