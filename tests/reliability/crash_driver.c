/* tests/reliability/crash_driver.c — the child of the crash-durability
 * test (crash_durability.sh, issue 6 part 1).
 *
 *   rel_crash_driver N ACK_LOG
 *
 * The plan is fixed: N applications, the i-th with idempotency key
 * "rel-crash-<i>", each taken through assign (clerk1 → li), draft (li),
 * review (wang approves) and answer (clerk1), all on 2024-03-01, through
 * the public C API against DISCLOSE_DB.
 *
 * Every run starts from the beginning of the plan: it re-submits all N in
 * one loop turn (one group commit) with the same keys, shows them all to
 * learn where each stands, then takes the unfinished ones REL_WINDOW at a
 * time (default 4) through their next steps until answered. Whatever the
 * engine acknowledged — a callback with DSC_OK — is appended to ACK_LOG
 * and fsynced inside that callback, before anything else happens:
 *
 *   S <i> <id>             submission i acknowledged as request id
 *   A <i> <id> <action>    action acknowledged on request id
 *
 * The parent SIGKILLs this process at random moments and starts it again.
 * On start it reads ACK_LOG and holds the database to it: a re-submission
 * must come back with the id acknowledged before (exit 3, "duplicate"),
 * and a request must be at least as far along as its acknowledged actions
 * say (exit 3, "lost"). REL_PACE_MS (default 8) is the longest random
 * pause before each action, so that kills land everywhere.
 *
 * REL_FAULT makes the driver lie, to show that the checks catch a liar:
 *   early_ack  log each action before calling the engine, not after;
 *   phantom    log the acknowledgement of a submission that never was.
 *
 * A conflict is not an error here: the killed run's backend may still
 * commit its last transaction a moment after the new run looked, so an
 * action that meets a conflict looks again and goes on from there, and a
 * submission is retried (at most 5 times each). Exit 0 when the whole plan
 * is done, 1 on any other engine error, 2 on usage, 3 when the database
 * broke a promise of ACK_LOG.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uv.h>

#include "rel_common.h"

#define PROG "rel_crash_driver"
#define MAX_N 5000

/* The steps after submission, in order; the bit of each in a mask. */
enum { STEP_ASSIGN, STEP_DRAFT, STEP_REVIEW, STEP_ANSWER, STEP__COUNT };

static const char *const step_action[STEP__COUNT] = {"assign", "draft",
                                                     "review", "answer"};
/* The state a request is in once the step is done. */
static const char *const step_state[STEP__COUNT] = {"assigned", "drafted",
                                                    "reviewed", "answered"};

typedef struct run run_t;

typedef struct item {
  run_t *run;
  int index;
  int64_t logged_id; /* from ACK_LOG, 0 when none */
  unsigned logged_steps;
  int64_t id;
  int next_step; /* STEP__COUNT: done */
  bool active;   /* taking its steps (one of the window) */
  int retries;   /* conflicts met */
  uv_timer_t pause;
} item_t;

struct run {
  uv_loop_t loop;
  dsc_engine_t *engine;
  rel_log_t log;
  item_t *items;
  int n;
  int submitted_acks;
  int *ready; /* indexes of items with steps to go, in show order */
  int nready, next_ready;
  int active; /* items whose steps run (at most window) */
  int done;
  int window;
  int pace_ms;
  int status; /* exit status once the loop ends */
  bool early_ack;
  uint64_t rng;
  dsc_date_t day;
};

static void finish(run_t *r, int status) {
  if (r->status == 0)
    r->status = status;
  if (r->engine) {
    dsc_engine_t *e = r->engine;
    r->engine = NULL;
    dsc_engine_close(e, NULL, NULL);
  }
  for (int i = 0; i < r->n; i++)
    if (!uv_is_closing((uv_handle_t *)&r->items[i].pause))
      uv_close((uv_handle_t *)&r->items[i].pause, NULL);
}

static void engine_failed(run_t *r, const char *what, const item_t *it,
                          const dsc_result_t *res) {
  char buf[600];
  fprintf(stderr, PROG ": %s of item %d (request %" PRId64 "): %s (%s)\n", what,
          it->index, it->id,
          dsc_detail_format(&res->detail, DSC_LANG_EN, buf, sizeof buf),
          dsc_err_name(res->err));
  finish(r, 1);
}

static int state_rank(const char *state) {
  if (state == NULL)
    return -2;
  if (strcmp(state, "received") == 0)
    return -1;
  for (int s = 0; s < STEP__COUNT; s++)
    if (strcmp(state, step_state[s]) == 0)
      return s;
  return -2;
}

static void pump(run_t *r);
static void do_step(item_t *it);
static void on_shown(dsc_engine_t *e, dsc_result_t *res, void *data);

/* An item reached the end of the plan (active: it was one of the window). */
static void item_done(item_t *it, bool active) {
  run_t *r = it->run;
  if (active)
    r->active--;
  r->done++;
  if (r->done == r->n)
    finish(r, 0);
  else
    pump(r);
}

static void on_acted(dsc_engine_t *e, dsc_result_t *res, void *data) {
  item_t *it = data;
  run_t *r = it->run;
  (void)e;

  if (r->engine == NULL)
    return; /* closing: the engine fails what is left */
  if (res->err == DSC_CONFLICT && it->retries++ < 5) {
    /* The previous run's transaction on this request may have committed
     * after our show (its backend outlives the kill for a moment): look
     * again and go on from there. */
    dsc_ctx_t ctx = {.actor = "clerk1", .on = r->day, .today = r->day};
    if (dsc_request_show(r->engine, &ctx, it->id, on_shown, it) != DSC_OK) {
      fprintf(stderr, PROG ": dsc_request_show refused the call\n");
      finish(r, 1);
    }
    return;
  }
  if (res->err != DSC_OK) {
    engine_failed(r, step_action[it->next_step], it, res);
    return;
  }
  if (!r->early_ack &&
      !rel_log_line(&r->log, true, "A %d %" PRId64 " %s", it->index, it->id,
                    step_action[it->next_step])) {
    finish(r, 1);
    return;
  }
  it->next_step++;
  if (it->next_step == STEP__COUNT)
    item_done(it, true);
  else
    do_step(it);
}

static void on_pause(uv_timer_t *t) {
  item_t *it = t->data;
  run_t *r = it->run;
  dsc_action_args_t args;
  dsc_ctx_t ctx = {.actor = NULL, .on = r->day, .today = r->day};
  dsc_action_t action = DSC_ACTION_ASSIGN;

  if (r->engine == NULL)
    return;
  memset(&args, 0, sizeof args);
  switch (it->next_step) {
  case STEP_ASSIGN:
    ctx.actor = "clerk1";
    args.to = "li";
    action = DSC_ACTION_ASSIGN;
    break;
  case STEP_DRAFT:
    ctx.actor = "li";
    args.outcome = DSC_OUTCOME_DISCLOSED;
    action = DSC_ACTION_DRAFT;
    break;
  case STEP_REVIEW:
    ctx.actor = "wang";
    args.approve = true;
    action = DSC_ACTION_REVIEW;
    break;
  default:
    ctx.actor = "clerk1";
    action = DSC_ACTION_ANSWER;
    break;
  }
  if (r->early_ack &&
      !rel_log_line(&r->log, true, "A %d %" PRId64 " %s", it->index, it->id,
                    step_action[it->next_step])) {
    finish(r, 1);
    return;
  }
  if (dsc_request_act(r->engine, &ctx, it->id, action, &args, on_acted, it) !=
      DSC_OK) {
    fprintf(stderr, PROG ": dsc_request_act refused the call\n");
    finish(r, 1);
  }
}

/* The next step after a random pause of up to pace_ms. */
static void do_step(item_t *it) {
  run_t *r = it->run;
  unsigned ms = r->pace_ms > 0 ? rel_below(&r->rng, (unsigned)r->pace_ms) : 0;
  uv_timer_start(&it->pause, on_pause, ms, 0);
}

static void on_shown(dsc_engine_t *e, dsc_result_t *res, void *data) {
  item_t *it = data;
  run_t *r = it->run;
  const cJSON *state;
  int rank, logged = -1;
  (void)e;

  if (r->engine == NULL)
    return;
  if (res->err != DSC_OK) {
    engine_failed(r, "show", it, res);
    return;
  }
  state = cJSON_GetObjectItemCaseSensitive(res->json, "state");
  rank = state_rank(cJSON_IsString(state) ? state->valuestring : NULL);
  if (rank == -2) {
    fprintf(stderr, PROG ": request %" PRId64 " is in an unexpected state\n",
            it->id);
    finish(r, 1);
    return;
  }
  for (int s = 0; s < STEP__COUNT; s++)
    if (it->logged_steps & (1u << s))
      logged = s;
  if (rank < logged) {
    fprintf(stderr,
            PROG ": lost: request %" PRId64 " (item %d) is %s, but its %s was "
                 "acknowledged\n",
            it->id, it->index, state->valuestring, step_action[logged]);
    finish(r, 3);
    return;
  }
  it->next_step = rank + 1;
  if (it->active) { /* a second look after a conflict */
    if (it->next_step == STEP__COUNT)
      item_done(it, true);
    else
      do_step(it);
    return;
  }
  if (it->next_step == STEP__COUNT) {
    item_done(it, false);
    return;
  }
  r->ready[r->nready++] = it->index;
  pump(r);
}

/* Starts the steps of ready items, window at a time. */
static void pump(run_t *r) {
  while (r->engine && r->active < r->window && r->next_ready < r->nready) {
    item_t *it = &r->items[r->ready[r->next_ready++]];
    r->active++;
    it->active = true;
    do_step(it);
  }
}

/* Every item acknowledged: where does each stand? Asked all at once. */
static void show_all(run_t *r) {
  for (int i = 0; i < r->n && r->engine; i++) {
    dsc_ctx_t ctx = {.actor = "clerk1", .on = r->day, .today = r->day};
    if (dsc_request_show(r->engine, &ctx, r->items[i].id, on_shown,
                         &r->items[i]) != DSC_OK) {
      fprintf(stderr, PROG ": dsc_request_show refused the call\n");
      finish(r, 1);
    }
  }
}

static void on_submitted(dsc_engine_t *e, dsc_result_t *res, void *data);

/* Submits item it (again): key rel-crash-<index>, received on the day. */
static bool submit_item(run_t *r, item_t *it) {
  char key[32], day[DSC_DATE_STRLEN], *json;
  dsc_ctx_t ctx = {.actor = "clerk1", .on = r->day, .today = r->day};
  dsc_err_t err;

  snprintf(key, sizeof key, "rel-crash-%d", it->index);
  json = rel_submission(key, rel_date(r->day, day));
  if (json == NULL) {
    fprintf(stderr, PROG ": out of memory\n");
    return false;
  }
  err =
      dsc_request_submit(r->engine, &ctx, json, strlen(json), on_submitted, it);
  free(json);
  if (err != DSC_OK)
    fprintf(stderr, PROG ": cannot submit item %d: %s\n", it->index,
            dsc_err_name(err));
  return err == DSC_OK;
}

static void on_submitted(dsc_engine_t *e, dsc_result_t *res, void *data) {
  item_t *it = data;
  run_t *r = it->run;
  (void)e;

  if (r->engine == NULL)
    return;
  if (res->err == DSC_CONFLICT && it->retries++ < 5) {
    /* The key is being inserted by the killed run's transaction, which
     * had not ended when ours looked: ask again. */
    if (!submit_item(r, it))
      finish(r, 1);
    return;
  }
  if (res->err != DSC_OK) {
    engine_failed(r, "submit", it, res);
    return;
  }
  if (res->id <= 0 || (it->logged_id != 0 && res->id != it->logged_id)) {
    fprintf(stderr,
            PROG ": duplicate: key rel-crash-%d gave request %" PRId64
                 ", but request %" PRId64 " was acknowledged for it\n",
            it->index, res->id, it->logged_id);
    finish(r, 3);
    return;
  }
  it->id = res->id;
  /* A replayed acknowledgement is in the log already. */
  if (it->logged_id == 0 &&
      !rel_log_line(&r->log, true, "S %d %" PRId64, it->index, it->id)) {
    finish(r, 1);
    return;
  }
  if (++r->submitted_acks == r->n)
    show_all(r);
}

/* Reads what earlier runs acknowledged. */
static bool read_ack_log(run_t *r, const char *path) {
  FILE *f = fopen(path, "r");
  char line[256];
  int lineno = 0;

  if (f == NULL)
    return true; /* the first run */
  while (fgets(line, sizeof line, f)) {
    char kind, action[32];
    int index, k;
    int64_t id;
    lineno++;
    k = sscanf(line, "%c %d %" SCNd64 " %31s", &kind, &index, &id, action);
    if (k < 3 || index < 0 || id <= 0 ||
        !((kind == 'S' && k == 3) || (kind == 'A' && k == 4))) {
      fprintf(stderr, PROG ": %s:%d: bad line: %s", path, lineno, line);
      fclose(f);
      return false;
    }
    if (index >= r->n)
      continue; /* not in this plan: the checks of the script see it */
    if (kind == 'S') {
      if (r->items[index].logged_id != 0 && r->items[index].logged_id != id) {
        fprintf(stderr,
                PROG ": duplicate: the log has requests %" PRId64
                     " and %" PRId64 " for key rel-crash-%d\n",
                r->items[index].logged_id, id, index);
        fclose(f);
        r->status = 3;
        return false;
      }
      r->items[index].logged_id = id;
    } else {
      for (int s = 0; s < STEP__COUNT; s++)
        if (strcmp(action, step_action[s]) == 0)
          r->items[index].logged_steps |= 1u << s;
    }
  }
  fclose(f);
  return true;
}

int main(int argc, char **argv) {
  static run_t r;
  const char *conninfo = rel_conninfo(PROG);
  const char *fault = getenv("REL_FAULT");
  dsc_engine_options_t opts;
  long n, window = 4, pace = 8;

  if (argc != 3 || !rel_parse_long(argv[1], 1, MAX_N, &n) ||
      (getenv("REL_WINDOW") &&
       !rel_parse_long(getenv("REL_WINDOW"), 1, 1000, &window)) ||
      (getenv("REL_PACE_MS") &&
       !rel_parse_long(getenv("REL_PACE_MS"), 0, 10000, &pace))) {
    fprintf(stderr, "usage: " PROG " N ACK_LOG (REL_WINDOW, REL_PACE_MS)\n");
    return 2;
  }
  if (conninfo == NULL)
    return 2;
  r.n = (int)n;
  r.window = (int)window;
  r.pace_ms = (int)pace;
  r.early_ack = fault && strcmp(fault, "early_ack") == 0;
  r.rng = (uint64_t)rel_now_ms() ^ ((uint64_t)getpid() << 32);
  r.day = dsc_date_from_ymd(2024, 3, 1);
  r.items = calloc((size_t)r.n, sizeof *r.items);
  r.ready = calloc((size_t)r.n, sizeof *r.ready);
  if (r.items == NULL || r.ready == NULL || uv_loop_init(&r.loop) != 0) {
    fprintf(stderr, PROG ": out of memory\n");
    return 1;
  }
  if (!rel_log_open(&r.log, argv[2]) || !read_ack_log(&r, argv[2]))
    return r.status ? r.status : 1;
  if (fault && strcmp(fault, "phantom") == 0 &&
      !rel_log_line(&r.log, true, "S %d %" PRId64, r.n + 7, INT64_C(999999)))
    return 1;

  memset(&opts, 0, sizeof opts);
  opts.conninfo = conninfo;
  opts.fail_fast = true; /* a test fails; it does not wait */
  if (dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK) {
    fprintf(stderr, PROG ": cannot create the engine\n");
    return 1;
  }
  /* Everything planned, again, in one loop turn: one group commit. */
  for (int i = 0; i < r.n; i++) {
    r.items[i].run = &r;
    r.items[i].index = i;
    uv_timer_init(&r.loop, &r.items[i].pause);
    r.items[i].pause.data = &r.items[i];
  }
  for (int i = 0; i < r.n; i++) {
    if (!submit_item(&r, &r.items[i])) {
      finish(&r, 1);
      break;
    }
  }
  uv_run(&r.loop, UV_RUN_DEFAULT);
  if (uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, PROG ": the loop did not wind down\n");
    if (r.status == 0)
      r.status = 1;
  }
  rel_log_close(&r.log);
  free(r.items);
  free(r.ready);
  if (r.status == 0)
    printf("done %d\n", r.n);
  return r.status;
}
