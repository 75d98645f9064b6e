/* tests/reliability/random_driver.c — random staff actions on a shared set
 * of requests, for the concurrency test (concurrency_random.sh, issue 6
 * part 4).
 *
 *   rel_random_driver submit N IDS_FILE
 *     Submits N applications (keys rel-rand-<i>) received on the simulated
 *     first day, in one loop turn, as clerk1, and writes their ids to
 *     IDS_FILE, one a line.
 *
 *   rel_random_driver act IDS_FILE LOG ACTIONS SEED [INFLIGHT]
 *     Makes ACTIONS random actions, INFLIGHT at a time (default 4), on the
 *     requests of IDS_FILE: assign, draft, review (approve or reject),
 *     answer, withdraw, request-supplement, supplement-received,
 *     consult-third-party, third-party-replied and extend. Seven times in
 *     ten the action is the one that would move the request on from the
 *     state this driver believes it is in (what its own acknowledgements
 *     and the show after each refusal told it; the other drivers make it
 *     wrong often), by the person who may take it; otherwise anything, by
 *     anyone in the cast, with arguments that are sometimes wrong. One
 *     line per answer goes to LOG:
 *
 *       ok <id> <action> <actor> <on>
 *       err <id> <action> <actor> <error kind>
 *
 * Time is simulated, shared with the script and the deadline worker:
 * "today" is REL_DAY0 (YYYY-MM-DD) plus one day every REL_MS_PER_DAY
 * milliseconds since REL_T0_MS (epoch ms), at most REL_DAY_MAX, so that
 * holds started on one day lapse a few seconds later while the drivers
 * still act. Actions are dated today, one in ten on a random earlier day
 * (which an action after the request's last event must refuse).
 *
 * The refusals a random action may meet are invalid, not_found,
 * forbidden, conflict and statutory; any other error, or a callback that
 * never comes, is a failure. Exit 0, 1 on failure, 2 on usage.
 *
 * REL_FAULT=drop_ack leaves the first acknowledged action out of LOG: the
 * script must then find an event nobody acknowledged.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "rel_common.h"

#define PROG "rel_random_driver"
#define MAX_IDS 10000

/* The cast (concurrency_random.sh adds them): clerk1 (clerk), li and zhao
 * (handlers), wang and chen (reviewers), sup (supervisor). */
static const char *const handlers[] = {"li", "zhao"};
static const char *const anyone[] = {"clerk1", "li",   "zhao",
                                     "wang",   "chen", "sup"};
static const char *const assignees[] = {"li", "zhao", "wang", "nobody"};
static const char *const outcomes[] = {"disclosed",
                                       "partially_disclosed",
                                       "withheld.state_secret",
                                       "unavailable.not_held",
                                       "other.no_supplement",
                                       "not_processed.duplicate"};

/* What this driver believes about a request. */
typedef struct belief {
  dsc_state_t state;
  const char *assignee; /* one of handlers[], or NULL */
  bool on_hold;
} belief_t;

typedef struct run run_t;

typedef struct slot {
  run_t *run;
  int target; /* index into ids */
  dsc_action_t action;
  dsc_action_args_t args;
  const char *actor;
  dsc_date_t on;
  char delivered[DSC_DATE_STRLEN]; /* args.delivered_on of a consultation */
  bool busy;
} slot_t;

struct run {
  uv_loop_t loop;
  dsc_engine_t *engine;
  rel_log_t log;
  int64_t *ids;
  belief_t *beliefs;
  int nids;
  long actions, started, answered;
  long unexpected;
  slot_t *slots;
  int inflight;
  uint64_t rng;
  /* the simulated clock */
  dsc_date_t day0, day_max;
  int64_t t0_ms, ms_per_day;
  FILE *ids_out;
  int status;
  bool drop_ack;
};

static const char *pick(run_t *r, const char *const *names, unsigned n) {
  return names[rel_below(&r->rng, n)];
}

static dsc_date_t today(const run_t *r) {
  int64_t days = (rel_now_ms() - r->t0_ms) / r->ms_per_day;
  dsc_date_t d = r->day0 + (dsc_date_t)(days > 0 ? days : 0);
  return d < r->day_max ? d : r->day_max;
}

static bool expected_refusal(dsc_err_t err) {
  return err == DSC_INVALID || err == DSC_NOT_FOUND || err == DSC_FORBIDDEN ||
         err == DSC_CONFLICT || err == DSC_STATUTE;
}

static void finish(run_t *r) {
  dsc_engine_t *e = r->engine;
  r->engine = NULL;
  dsc_engine_close(e, NULL, NULL);
}

static void start_one(run_t *r, slot_t *s);

/* The slot is free again: the next action, or the end of the run once
 * every slot is free (a slot stays busy through the show after a
 * refusal). */
static void next(run_t *r, slot_t *s) {
  s->busy = false;
  if (r->engine == NULL)
    return;
  if (r->started < r->actions) {
    start_one(r, s);
    return;
  }
  for (int i = 0; i < r->inflight; i++)
    if (r->slots[i].busy)
      return;
  finish(r);
}

/* After a refusal: what the request really is now. */
static void on_shown(dsc_engine_t *e, dsc_result_t *res, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  belief_t *b = &r->beliefs[s->target];
  const cJSON *state, *assignee;
  dsc_state_t st;
  (void)e;

  if (res->err == DSC_OK) {
    state = cJSON_GetObjectItemCaseSensitive(res->json, "state");
    assignee = cJSON_GetObjectItemCaseSensitive(res->json, "assignee");
    if (cJSON_IsString(state) &&
        dsc_state_parse(state->valuestring, &st) == DSC_OK)
      b->state = st;
    b->assignee = NULL;
    for (unsigned i = 0; i < 2 && cJSON_IsString(assignee); i++)
      if (strcmp(assignee->valuestring, handlers[i]) == 0)
        b->assignee = handlers[i];
    b->on_hold =
        !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(res->json, "hold"));
  } else if (res->err != DSC_CALENDAR_GAP) {
    char buf[600];
    fprintf(stderr, PROG ": show %" PRId64 ": %s (%s)\n", r->ids[s->target],
            dsc_detail_format(&res->detail, DSC_LANG_EN, buf, sizeof buf),
            dsc_err_name(res->err));
    r->unexpected++;
  }
  next(r, s);
}

static void learn(belief_t *b, const slot_t *s) {
  dsc_action_t a = s->action;

  if (a == DSC_ACTION_ASSIGN) {
    b->state = DSC_STATE_ASSIGNED;
    b->assignee = strcmp(s->args.to, "li") == 0 ? handlers[0] : handlers[1];
  } else if (a == DSC_ACTION_DRAFT) {
    b->state = DSC_STATE_DRAFTED;
  } else if (a == DSC_ACTION_REVIEW) {
    b->state = s->args.approve ? DSC_STATE_REVIEWED : DSC_STATE_ASSIGNED;
  } else if (a == DSC_ACTION_ANSWER) {
    b->state = DSC_STATE_ANSWERED;
  } else if (a == DSC_ACTION_WITHDRAW) {
    b->state = DSC_STATE_WITHDRAWN;
  } else if (a == DSC_ACTION_REQUEST_SUPPLEMENT ||
             a == DSC_ACTION_CONSULT_THIRD_PARTY) {
    b->on_hold = true;
  } else if (a == DSC_ACTION_SUPPLEMENT_RECEIVED ||
             a == DSC_ACTION_THIRD_PARTY_REPLIED) {
    b->on_hold = false;
  }
}

static void on_acted(dsc_engine_t *e, dsc_result_t *res, void *data) {
  slot_t *s = data;
  run_t *r = s->run;
  int64_t id = r->ids[s->target];
  char on[DSC_DATE_STRLEN];
  (void)e;

  r->answered++;
  if (res->err == DSC_OK) {
    if (res->id != id) {
      fprintf(stderr, PROG ": %s on %" PRId64 " acknowledged as %" PRId64 "\n",
              dsc_action_name(s->action), id, res->id);
      r->unexpected++;
    }
    if (r->drop_ack) /* REL_FAULT=drop_ack: hide one acknowledgement */
      r->drop_ack = false;
    else
      rel_log_line(&r->log, false, "ok %" PRId64 " %s %s %s", id,
                   dsc_action_name(s->action), s->actor, rel_date(s->on, on));
    learn(&r->beliefs[s->target], s);
    next(r, s);
    return;
  }
  rel_log_line(&r->log, false, "err %" PRId64 " %s %s %s", id,
               dsc_action_name(s->action), s->actor, dsc_err_name(res->err));
  if (!expected_refusal(res->err)) {
    char buf[600];
    fprintf(stderr, PROG ": %s on %" PRId64 " by %s: %s (%s)\n",
            dsc_action_name(s->action), id, s->actor,
            dsc_detail_format(&res->detail, DSC_LANG_EN, buf, sizeof buf),
            dsc_err_name(res->err));
    r->unexpected++;
  }
  if (r->engine && (res->err == DSC_CONFLICT || res->err == DSC_STATUTE)) {
    dsc_ctx_t ctx = {.actor = "clerk1", .on = today(r), .today = today(r)};
    if (dsc_request_show(r->engine, &ctx, id, on_shown, s) == DSC_OK)
      return;
    r->unexpected++;
  }
  next(r, s);
}

/* The action that would move the request on, by whom may take it. */
static void natural(run_t *r, slot_t *s, const belief_t *b) {
  const char *handler = b->assignee ? b->assignee : pick(r, handlers, 2);
  unsigned k = rel_below(&r->rng, 100);

  switch (b->state) {
  case DSC_STATE_RECEIVED:
    s->action = k < 90 ? DSC_ACTION_ASSIGN : DSC_ACTION_WITHDRAW;
    s->actor = "clerk1";
    s->args.to = pick(r, handlers, 2);
    return;
  case DSC_STATE_ASSIGNED:
    s->actor = handler;
    if (b->on_hold) {
      s->action = k < 50 ? DSC_ACTION_THIRD_PARTY_REPLIED
                         : DSC_ACTION_SUPPLEMENT_RECEIVED;
    } else if (k < 60) {
      s->action = DSC_ACTION_DRAFT;
      s->args.outcome =
          (dsc_outcome_t)(DSC_OUTCOME_DISCLOSED + (int)rel_below(&r->rng, 4));
    } else if (k < 85) {
      s->action = DSC_ACTION_CONSULT_THIRD_PARTY;
      s->args.note = "征求第三方意见";
    } else {
      s->action = DSC_ACTION_REQUEST_SUPPLEMENT;
      s->args.note = "请写明所需信息的名称";
      s->args.days = 5 + (int)rel_below(&r->rng, 11);
    }
    return;
  case DSC_STATE_DRAFTED:
    s->action = DSC_ACTION_REVIEW;
    s->actor = rel_below(&r->rng, 2) ? "wang" : "chen";
    s->args.approve = k < 75;
    s->args.comment = "请补充法律依据";
    return;
  case DSC_STATE_REVIEWED:
    s->action = k < 85 ? DSC_ACTION_ANSWER : DSC_ACTION_EXTEND;
    s->actor = k < 85 ? "clerk1" : "sup";
    s->args.days = 10;
    s->args.reason = "需协调多个部门";
    return;
  case DSC_STATE_NONE:
  case DSC_STATE_ANSWERED:
  case DSC_STATE_PUBLISHED:
  case DSC_STATE_WITHDRAWN:
  case DSC_STATE__COUNT:
    break;
  }
  s->action = DSC_ACTION_WITHDRAW; /* refused: it is closed */
  s->actor = "clerk1";
}

/* Anything, by anyone, with arguments that are sometimes wrong. */
static void anything(run_t *r, slot_t *s) {
  static const dsc_action_t actions[] = {DSC_ACTION_ASSIGN,
                                         DSC_ACTION_DRAFT,
                                         DSC_ACTION_REVIEW,
                                         DSC_ACTION_ANSWER,
                                         DSC_ACTION_WITHDRAW,
                                         DSC_ACTION_REQUEST_SUPPLEMENT,
                                         DSC_ACTION_SUPPLEMENT_RECEIVED,
                                         DSC_ACTION_CONSULT_THIRD_PARTY,
                                         DSC_ACTION_THIRD_PARTY_REPLIED,
                                         DSC_ACTION_EXTEND};
  dsc_outcome_t outcome = DSC_OUTCOME_NONE;

  s->action = actions[rel_below(&r->rng, 10)];
  s->actor = pick(r, anyone, 6);
  s->args.to = pick(r, assignees, 4);
  if (dsc_outcome_parse(pick(r, outcomes, 6), &outcome) == DSC_OK)
    s->args.outcome = outcome;
  s->args.approve = rel_below(&r->rng, 2) != 0;
  s->args.comment = rel_below(&r->rng, 4) ? "请补充法律依据" : NULL;
  s->args.note = rel_below(&r->rng, 6) ? "请写明所需信息的名称" : NULL;
  s->args.days = (int)rel_below(&r->rng, 26);
  s->args.reason = rel_below(&r->rng, 8) ? "需协调多个部门" : NULL;
}

static void start_one(run_t *r, slot_t *s) {
  dsc_ctx_t ctx = {0};
  belief_t *b;

  memset(&s->args, 0, sizeof s->args);
  /* Closed requests are mostly left alone. */
  s->target = (int)rel_below(&r->rng, (unsigned)r->nids);
  for (int tries = 0;
       tries < 3 && (r->beliefs[s->target].state == DSC_STATE_ANSWERED ||
                     r->beliefs[s->target].state == DSC_STATE_WITHDRAWN);
       tries++)
    s->target = (int)rel_below(&r->rng, (unsigned)r->nids);
  b = &r->beliefs[s->target];
  if (rel_below(&r->rng, 10) < 7)
    natural(r, s, b);
  else
    anything(r, s);
  ctx.today = today(r);
  s->on = ctx.today;
  if (rel_below(&r->rng, 10) == 0 && ctx.today > r->day0)
    s->on = r->day0 +
            (dsc_date_t)rel_below(&r->rng, (unsigned)(ctx.today - r->day0));
  /* A consultation's letter arrives the day it is sent, so that its window
   * has a lapse date and the worker has holds to lapse (Art. 32). */
  if (s->action == DSC_ACTION_CONSULT_THIRD_PARTY)
    s->args.delivered_on = dsc_date_format(s->on, s->delivered);
  ctx.actor = s->actor;
  ctx.on = s->on;
  s->busy = true;
  r->started++;
  if (dsc_request_act(r->engine, &ctx, r->ids[s->target], s->action, &s->args,
                      on_acted, s) != DSC_OK) {
    fprintf(stderr, PROG ": dsc_request_act refused the call\n");
    s->busy = false;
    r->answered++;
    r->unexpected++;
    finish(r); /* the engine fails what is in flight */
  }
}

/* ---- submit mode ------------------------------------------------------- */

static void on_submitted(dsc_engine_t *e, dsc_result_t *res, void *data) {
  run_t *r = data;
  char buf[600];
  (void)e;

  r->answered++;
  if (res->err != DSC_OK) {
    fprintf(stderr, PROG ": submit: %s (%s)\n",
            dsc_detail_format(&res->detail, DSC_LANG_EN, buf, sizeof buf),
            dsc_err_name(res->err));
    r->status = 1;
  } else {
    fprintf(r->ids_out, "%" PRId64 "\n", res->id);
  }
  if (r->answered == r->started)
    finish(r);
}

static int submit_mode(run_t *r, long n, const char *path) {
  dsc_ctx_t ctx = {.actor = "clerk1", .on = r->day0, .today = r->day0};
  char on[DSC_DATE_STRLEN];

  r->ids_out = fopen(path, "w");
  if (r->ids_out == NULL) {
    perror(path);
    return 1;
  }
  for (long i = 0; i < n; i++) {
    char key[32], *json;
    snprintf(key, sizeof key, "rel-rand-%ld", i);
    json = rel_submission(key, rel_date(r->day0, on));
    if (json == NULL || dsc_request_submit(r->engine, &ctx, json, strlen(json),
                                           on_submitted, r) != DSC_OK) {
      fprintf(stderr, PROG ": cannot submit %ld\n", i);
      free(json);
      return 1;
    }
    free(json);
    r->started++;
  }
  uv_run(&r->loop, UV_RUN_DEFAULT);
  if (fclose(r->ids_out) != 0)
    r->status = 1;
  return r->status;
}

/* ---- act mode ---------------------------------------------------------- */

static bool read_ids(run_t *r, const char *path) {
  FILE *f = fopen(path, "r");
  char line[64];
  long v;

  if (f == NULL) {
    perror(path);
    return false;
  }
  r->ids = calloc(MAX_IDS, sizeof *r->ids);
  r->beliefs = calloc(MAX_IDS, sizeof *r->beliefs);
  while (r->ids && r->beliefs && r->nids < MAX_IDS &&
         fgets(line, sizeof line, f)) {
    line[strcspn(line, "\n")] = '\0';
    if (!rel_parse_long(line, 1, INT32_MAX, &v)) {
      fprintf(stderr, PROG ": %s: bad id '%s'\n", path, line);
      fclose(f);
      return false;
    }
    r->beliefs[r->nids].state = DSC_STATE_RECEIVED;
    r->ids[r->nids++] = v;
  }
  fclose(f);
  return r->ids != NULL && r->beliefs != NULL && r->nids > 0;
}

static int act_mode(run_t *r, int argc, char **argv) {
  long seed, inflight = 4;

  if (argc < 6 || argc > 7 ||
      !rel_parse_long(argv[4], 1, 10000000, &r->actions) ||
      !rel_parse_long(argv[5], 0, INT32_MAX, &seed) ||
      (argc == 7 && !rel_parse_long(argv[6], 1, 64, &inflight)))
    return 2;
  if (!read_ids(r, argv[2]) || !rel_log_open(&r->log, argv[3]))
    return 1;
  r->rng = (uint64_t)seed * 0x2545F4914F6CDD1Dull + 1;
  r->drop_ack =
      getenv("REL_FAULT") && strcmp(getenv("REL_FAULT"), "drop_ack") == 0;
  r->inflight = (int)inflight;
  r->slots = calloc((size_t)r->inflight, sizeof *r->slots);
  if (r->slots == NULL)
    return 1;
  for (int i = 0; i < r->inflight && r->started < r->actions && r->engine;
       i++) {
    r->slots[i].run = r;
    start_one(r, &r->slots[i]);
  }
  uv_run(&r->loop, UV_RUN_DEFAULT);
  rel_log_close(&r->log);
  for (int i = 0; i < r->inflight; i++)
    if (r->slots[i].busy) {
      fprintf(stderr, PROG ": an action never called back\n");
      r->unexpected++;
    }
  printf("actions %ld answered %ld unexpected %ld\n", r->started, r->answered,
         r->unexpected);
  free(r->slots);
  free(r->ids);
  free(r->beliefs);
  return r->unexpected == 0 ? 0 : 1;
}

/* The simulated clock from the environment. */
static bool read_clock(run_t *r) {
  const char *day0 = getenv("REL_DAY0"), *max = getenv("REL_DAY_MAX");
  const char *t0 = getenv("REL_T0_MS");
  long per = 0;

  if (day0 == NULL || max == NULL || dsc_date_parse(day0, &r->day0) != DSC_OK ||
      dsc_date_parse(max, &r->day_max) != DSC_OK ||
      !rel_parse_long(getenv("REL_MS_PER_DAY"), 1, 1000000, &per)) {
    fprintf(stderr, PROG ": set REL_DAY0, REL_DAY_MAX, REL_MS_PER_DAY and "
                         "REL_T0_MS\n");
    return false;
  }
  /* Epoch milliseconds need more than a long on 32-bit systems. */
  if (t0 == NULL || sscanf(t0, "%" SCNd64, &r->t0_ms) != 1) {
    fprintf(stderr, PROG ": bad REL_T0_MS\n");
    return false;
  }
  r->ms_per_day = per;
  return true;
}

int main(int argc, char **argv) {
  static run_t r;
  const char *conninfo = rel_conninfo(PROG);
  dsc_engine_options_t opts;
  long n;
  int status;

  if (conninfo == NULL || !read_clock(&r))
    return 2;
  if (uv_loop_init(&r.loop) != 0)
    return 1;
  memset(&opts, 0, sizeof opts);
  opts.conninfo = conninfo;
  opts.fail_fast = true;
  if (dsc_engine_create(&r.loop, &opts, &r.engine) != DSC_OK) {
    fprintf(stderr, PROG ": cannot create the engine\n");
    return 1;
  }
  if (argc == 4 && strcmp(argv[1], "submit") == 0 &&
      rel_parse_long(argv[2], 1, MAX_IDS, &n))
    status = submit_mode(&r, n, argv[3]);
  else if (argc >= 2 && strcmp(argv[1], "act") == 0)
    status = act_mode(&r, argc, argv);
  else
    status = 2;
  if (status == 2)
    fprintf(stderr, "usage: " PROG " submit N IDS_FILE\n"
                    "       " PROG " act IDS_FILE LOG ACTIONS SEED "
                    "[INFLIGHT]\n");
  if (r.engine) {
    finish(&r);
    uv_run(&r.loop, UV_RUN_DEFAULT);
  }
  if (uv_loop_close(&r.loop) != 0) {
    fprintf(stderr, PROG ": the loop did not wind down\n");
    status = status ? status : 1;
  }
  return status;
}
