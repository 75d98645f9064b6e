/* Staff actions on a request: read the snapshot and its history, let the
 * pure transition table and the pure statutory clock decide, write the new
 * snapshot and the event in one statement that checks the version (DESIGN
 * principles 1, 2 and 6). Two round trips, and no lock held between them:
 * a concurrent change makes the write find no row, which is reported as a
 * conflict rather than overwritten. */
#include <stdio.h>
#include <string.h>

#include "act_args.h"
#include "actions.h"
#include "alloc.h"
#include "busy.h"
#include "calendar_cache.h"
#include "engine_int.h"
#include "lapse.h"
#include "pgarray.h"
#include "route.h"
#include "row.h"
#include "turn.h"

typedef struct act_state {
  dsc_engine_t *engine;
  bool owner;    /* holds its request: the engine's only action under way on
                    it (see "one action at a time" below) */
  bool answered; /* its row of the merged read arrived */
  int64_t id;
  dsc__act_args_t args;
  /* read back */
  bool found;
  dsc__row_t row;
  bool actor_found, target_found;
  unsigned actor_roles;
  int ordinal; /* the applicant's applications this month, for the quote */
  int agency_reply_days;      /* the agency's default reply window (0019), 0
                                 if unknown */
  dsc__act_earlier_t earlier; /* what dsc_duplicate_of said of the
                                 args.duplicate_of (migration 0017) */
  int writes, wrote;
  dsc__pg_t *pg; /* the connection of its read, and of its write */
} act_state_t;

static void release(act_state_t *st);

static void free_act_state(void *p) {
  act_state_t *st = p;
  if (st == NULL)
    return;
  if (st->owner)
    release(st);
  dsc__act_args_clear(&st->args);
  dsc__row_clear(&st->row);
  dsc__free(st);
}

/* ---- step 3: the result of the write ----------------------------------- */

static void on_written(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  if (PQntuples(res) == 1)
    st->wrote++;
}

static void on_write_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->wrote != st->writes) {
    dsc_detail_set(&op->result.detail, DSC_CONFLICT, "version",
                   "the request changed underneath; read it again",
                   "申请已被他人更改，请重新读取");
    op->result.err = DSC_CONFLICT;
  } else {
    op->result.id = st->id;
  }
  dsc__op_finish(op);
}

/* ---- step 2: decide and write ------------------------------------------ */

/* The fee of a notice: the 109号 quote of the method named, or without
 * one by count (the cheaper method when pages are given), and nothing
 * else — an amount given must be that quote (Arts. 3–5). A quote of
 * nothing is a refusal (条例 Art. 42), and so is a fee by count for an
 * applicant without an identity number, whose count cannot be established
 * (D14). dsc_fee_charge decides; the ordinal came with the read. */
static dsc_err_t fee_from_quote(act_state_t *st, dsc_fee_quote_t *q,
                                dsc_detail_t *d) {
  dsc_err_t err =
      dsc_fee_charge(st->ordinal, st->args.pages, st->args.fee_method,
                     st->args.amount_fen, q, d);
  if (err == DSC_OK)
    st->args.amount_fen = q->amount_fen;
  return err;
}

/* What the action does to the snapshot's own columns; the clock's columns
 * follow from the replay. */
static void apply_transition(dsc__op_t *op, const dsc_transition_t *tr) {
  act_state_t *st = op->state;
  dsc__row_t *r = &st->row;

  r->state = tr->next;
  r->hold = tr->hold;
  if (tr->outcome_effect == DSC_OUTCOME_SET)
    r->outcome = tr->outcome;
  else if (tr->outcome_effect == DSC_OUTCOME_CLEAR)
    r->outcome = DSC_OUTCOME_NONE;
  switch (st->args.action) {
  case DSC_ACTION_ASSIGN:
    dsc__free(r->assignee);
    r->assignee =
        dsc__strdup(st->args.to); /* st->args.to stays for the payload */
    break;
  case DSC_ACTION_DRAFT:
    dsc__free(r->drafter);
    r->drafter = dsc__strdup(op->actor);
    break;
  case DSC_ACTION_PUBLISH:
    dsc__free(r->published_url);
    r->published_url = dsc__strdup(st->args.url);
    break;
  case DSC_ACTION_ANSWER:
    r->answered_on = r->closed_on = op->on;
    break;
  case DSC_ACTION_WITHDRAW:
    r->closed_on = op->on;
    break;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    /* A late supplement accepted reopens what the lapse closed. */
    if (tr->next != DSC_STATE_WITHDRAWN)
      r->closed_on = DSC_DATE_NONE;
    break;
  case DSC_ACTION_FEE_NOTICE:
    r->fee_amount_fen = st->args.amount_fen;
    break;
  case DSC_ACTION_FEE_PAID:
    r->fee_paid_on = op->on;
    break;
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_REVIEW:
  case DSC_ACTION_REQUEST_SUPPLEMENT:
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_CONSULT_AGENCY:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_DELIVERED:
  case DSC_ACTION_REFER_SECRECY:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_REQUIRE_REASONS:
  case DSC_ACTION_REASONS_RECEIVED:
  case DSC_ACTION_LONGER_PERIOD:
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
  case DSC_ACTION__COUNT:
    break;
  }
}

/* The clock after the action. When it cannot be computed (a date after the
 * loaded calendar), the columns keep what is known, the due date becomes
 * unknown, and generation 0 asks the re-derivation to fill them in once the
 * calendar reaches them: the action itself is never blocked by it. */
static void settle_clock(dsc__op_t *op) {
  act_state_t *st = op->state;
  dsc_engine_t *e = op->engine;
  dsc__row_t *r = &st->row;
  dsc_clock_t after;

  if (dsc__row_clock(r, e->calendar, dsc__row_clock_date(r), e->due_soon_days,
                     &after, NULL) == DSC_OK) {
    dsc__row_set_clock(r, &after, e->calendar_generation);
    return;
  }
  if (st->args.action == DSC_ACTION_SUPPLEMENT_RECEIVED)
    r->clock_start = op->on;
  if (st->args.action == DSC_ACTION_REQUEST_SUPPLEMENT)
    r->clock_start = DSC_DATE_NONE;
  if (r->hold == DSC_HOLD_NONE)
    r->hold_since = r->hold_lapses_on = DSC_DATE_NONE;
  r->due_on = DSC_DATE_NONE;
  r->calendar_generation = 0;
}

static void decide_and_write(dsc__op_t *op) {
  act_state_t *st = op->state;
  dsc_engine_t *e = op->engine;
  dsc__row_t *r = &st->row;
  dsc_machine_actor_t actor = {op->actor, st->actor_roles};
  dsc_machine_request_t req;
  dsc_transition_t tr;
  dsc_fee_quote_t quote;
  bool quoted = false;
  dsc_detail_t d;
  dsc_err_t err;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  int version = r->version;
  dsc_hold_t lapsed_hold;
  dsc_date_t lapsed_on;
  dsc__pg_batch_t *batch;
  char *payload;

  if (!st->found) {
    dsc_detail_setf(&d, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)st->id);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&d, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (st->args.action == DSC_ACTION_ASSIGN && !st->target_found) {
    dsc__detail_unknown_staff(&d, "to", st->args.to);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (op->on < r->last_on || op->on < r->received_on) {
    dsc_date_t limit =
        r->last_on > r->received_on ? r->last_on : r->received_on;
    dsc_detail_setf(&d, DSC_INVALID, "on",
                    "%s is before the request's last event (%s)",
                    "%s 早于该申请的上一次操作（%s）",
                    dsc_date_format(op->on, a), dsc_date_format(limit, b));
    dsc__op_fail(op, DSC_INVALID, &d);
    return;
  }

  batch = dsc__pg_batch_new(st->pg, on_write_done, op);
  if (batch == NULL || dsc__op_bind_session(op, batch) != DSC_OK) {
    if (batch)
      dsc__pg_batch_discard(batch);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  /* Writes of actions decided together share one commit (pgloop.h). */
  dsc__pg_batch_set_mergeable(batch);
  /* A hold that lapsed before this action is lapsed first, dated on its
   * lapse day, exactly as the deadline worker would have done. */
  lapsed_hold = r->hold;
  lapsed_on = r->hold_lapses_on;
  err = dsc__lapse_if_due(e, r, op->on, batch, on_written, op, &d);
  if (err == DSC_OK && r->version != version) {
    st->writes++;
    version = r->version;
  } else {
    lapsed_hold = DSC_HOLD_NONE;
  }
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, &d);
    return;
  }

  req = (dsc_machine_request_t){r->state, r->hold, r->assignee, r->drafter,
                                r->outcome};
  err = dsc_machine_decide(&req, st->args.action, &actor, &st->args.params, &tr,
                           &d);
  if (err == DSC_CONFLICT && lapsed_hold != DSC_HOLD_NONE)
    /* The action came after its window closed: say so, not "wrong state". */
    err = dsc_detail_setf(&d, DSC_STATUTE, "on",
                          "the %s hold lapsed on %s, before %s: the request "
                          "is %s now (CONTRACT §7; a late supplement with a "
                          "good reason is a supervisor's, --late-reason)",
                          "%s 暂停期已于 %s 届满，早于 %s：该申请现为 %s 状态"
                          "（有正当理由的逾期补正由主管以 --late-reason 受理）",
                          dsc_hold_name(lapsed_hold),
                          dsc_date_format(lapsed_on, a),
                          dsc_date_format(op->on, b), dsc_state_name(r->state));
  /* A notice that names no window gives the agency's (migrations/0019). */
  if (dsc__action_is(st->args.action, DSC__ACT_AGENCY_WINDOW) &&
      st->args.days == 0)
    st->args.days = st->agency_reply_days > 0
                        ? st->agency_reply_days
                        : DSC_CLOCK_SUPPLEMENT_REPLY_DEFAULT;
  if (err == DSC_OK &&
      (dsc__action_is(st->args.action, DSC__ACT_CLOCK_CHECKED) ||
       dsc__act_needs_history(&st->args))) {
    dsc_clock_t before;
    dsc_clock_event_t ev = {st->args.action, op->on, st->args.days,
                            st->args.delivered_on};
    err = dsc__row_clock(r, e->calendar, op->on, e->due_soon_days, &before, &d);
    if (err == DSC_OK &&
        dsc__action_is(st->args.action, DSC__ACT_CLOCK_CHECKED))
      err = dsc_clock_check(e->calendar, &before, &ev, &d);
    if (err == DSC_OK)
      err = dsc__act_check_history(&st->args, &before, &d);
  }
  if (err == DSC_OK)
    err = dsc__act_check_duplicate(&st->args, st->id, &st->earlier, &d);
  if (err == DSC_OK && st->args.action == DSC_ACTION_FEE_NOTICE) {
    err = fee_from_quote(st, &quote, &d);
    quoted = err == DSC_OK;
  }
  if (err == DSC_OK)
    err = dsc__row_push_event(r, st->args.action, op->on, st->args.days,
                              st->args.delivered_on);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, err == DSC_NOMEM ? NULL : &d);
    return;
  }
  apply_transition(op, &tr);
  if ((st->args.action == DSC_ACTION_ASSIGN && r->assignee == NULL) ||
      (st->args.action == DSC_ACTION_DRAFT && r->drafter == NULL) ||
      (st->args.action == DSC_ACTION_PUBLISH && r->published_url == NULL)) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  settle_clock(op);

  payload = dsc__act_args_payload(&st->args, r->fee_amount_fen,
                                  quoted ? &quote : NULL);
  err = payload ? dsc__row_write(batch, r, version, st->args.action, op->actor,
                                 op->on, payload, on_written, op)
                : DSC_NOMEM;
  cJSON_free(payload);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, NULL);
    return;
  }
  st->writes++;
  dsc__pg_batch_send(batch);
}

/* ---- one action at a time per request ---------------------------------- */

/* An action holds its request from its call until it ends: a later action
 * of this engine on the same request waits, in call order, and reads only
 * after the one before it committed, so that two actions of one loop turn
 * on one request both apply, in order, instead of reading the same version
 * and losing one to the version check. (Actions of other engines still
 * meet the version check.) busy.h keeps the requests held. */

/* The op ended: the next action waiting on its request holds it and goes
 * to the next merged read; with none, the request is free. */
static void release(act_state_t *st) {
  dsc_engine_t *e = st->engine;
  dsc__op_t *next = dsc__busy_pass(e->act_busy, st->id);

  dsc__route_end(e, st->pg);
  st->owner = false;
  if (next == NULL)
    return;
  ((act_state_t *)next->state)->owner = true;
  if (e->closing) {
    dsc__op_fail(next, DSC_UNAVAILABLE, NULL);
    return;
  }
  dsc__op_queue_push(&e->acts, next);
  dsc__engine_kick(e);
}

/* Queues a validated action for the next merged read, or behind the action
 * under way on its request. DSC_NOMEM (op untouched). */
static dsc_err_t enqueue(dsc__op_t *op) {
  dsc_engine_t *e = op->engine;
  act_state_t *st = op->state;
  dsc_err_t err = dsc__busy_claim(&e->act_busy, st->id, op, &st->owner);

  if (err == DSC_OK && st->owner) {
    dsc__op_queue_push(&e->acts, op);
    dsc__engine_kick(e);
  }
  return err;
}

void dsc__act_close(dsc_engine_t *e) {
  dsc__op_queue_t waiting = {0};
  dsc__op_t *op;

  dsc__busy_drain(e->act_busy, &waiting);
  while ((op = dsc__op_queue_pop(&e->acts)) != NULL)
    dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
  while ((op = dsc__op_queue_pop(&waiting)) != NULL)
    dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
}

void dsc__act_free(dsc_engine_t *e) {
  dsc__busy_free(e->act_busy);
  e->act_busy = NULL;
}

/* ---- step 1: the merged read ------------------------------------------- */

/* At most this many actions share one read statement. */
#define DSC_ACT_READ_MAX 1000

typedef struct read_group {
  int n;
  dsc__op_t *ops[];
} read_group_t;

/* Rows of the merged read: one per action, led by its position. */
static void on_read_rows(void *arg, const PGresult *res) {
  read_group_t *g = arg;

  for (int i = 0; i < PQntuples(res); i++) {
    int64_t n = dsc__cell_int(res, i, 0);
    act_state_t *st;
    if (n < 1 || n > g->n)
      continue;
    st = g->ops[n - 1]->state;
    st->answered = true;
    st->actor_found = dsc__cell(res, i, 1 + DSC_ROW_NCOLUMNS) != NULL;
    st->actor_roles =
        dsc__roles_from_array(dsc__cell(res, i, 1 + DSC_ROW_NCOLUMNS));
    st->target_found = dsc__cell(res, i, 2 + DSC_ROW_NCOLUMNS) != NULL;
    st->args.params.target_roles =
        dsc__roles_from_array(dsc__cell(res, i, 2 + DSC_ROW_NCOLUMNS));
    st->agency_reply_days = (int)dsc__cell_int(res, i, 3 + DSC_ROW_NCOLUMNS);
    if (dsc__cell(res, i, 1) != NULL)
      st->found = dsc__row_read(res, i, 1, &st->row) == DSC_OK;
  }
}

static void on_ordinal(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  if (PQntuples(res) == 1)
    st->ordinal = (int)dsc__cell_int(res, 0, 0);
}

static bool cell_true(const PGresult *res, int col) {
  const char *v = dsc__cell(res, 0, col);
  return v != NULL && v[0] == 't';
}

static void on_earlier(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  /* No row: the asker may not read the request (then it was not found
   * either, and that is what is said). */
  if (PQntuples(res) == 1) {
    st->earlier.found = cell_true(res, 0);
    st->earlier.identified = cell_true(res, 1);
    st->earlier.same_applicant = cell_true(res, 2);
    st->earlier.answered = cell_true(res, 3);
  }
}

static void send_group(dsc_engine_t *e, dsc__pg_t *pg, read_group_t *g);

static void on_group_read(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  read_group_t *g = arg;

  for (int i = 0; i < g->n; i++) {
    dsc__op_t *op = g->ops[i];
    act_state_t *st = op->state;
    if (err != DSC_OK && g->n > 1 && err != DSC_UNAVAILABLE) {
      /* Find the one action that made the read fail: each reads alone. */
      read_group_t *one = dsc__malloc(sizeof *one + sizeof one->ops[0]);
      if (one == NULL) {
        dsc__op_fail(op, DSC_NOMEM, NULL);
        continue;
      }
      one->n = 1;
      one->ops[0] = op;
      st->answered = st->found = false;
      memset(&st->earlier, 0, sizeof st->earlier);
      dsc__row_clear(&st->row);
      send_group(op->engine, st->pg, one);
    } else if (err != DSC_OK) {
      dsc__op_fail(op, err, d);
    } else if (!st->answered) {
      dsc__op_fail(op, DSC_INTERNAL, NULL);
    } else {
      dsc__calendar_need(op, decide_and_write);
    }
  }
  dsc__free(g);
}

/* One batch: the read of every action of the group, plus the applicant's
 * ordinal for each fee notice (every notice charges the quote) and, for a
 * draft naming the request it repeats, what dsc__act_check_duplicate needs of
 * that one — read in the same transaction as the request. */
static void send_group(dsc_engine_t *e, dsc__pg_t *pg, read_group_t *g) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(pg, on_group_read, g);
  dsc__pgarray_t ids, actors, targets;
  const char *v[3];
  dsc_err_t err = b ? DSC_OK : DSC_NOMEM;
  char num[24];

  dsc__pgarray_init(&ids);
  dsc__pgarray_init(&actors);
  dsc__pgarray_init(&targets);
  for (int i = 0; i < g->n; i++) {
    act_state_t *st = g->ops[i]->state;
    if (st->pg == NULL) /* not when read again alone */
      dsc__route_begin(e, pg);
    st->pg = pg;
    snprintf(num, sizeof num, "%lld", (long long)st->id);
    dsc__pgarray_add(&ids, num);
    dsc__pgarray_add(&actors, g->ops[i]->actor);
    /* Only an assignment's target is looked up. */
    dsc__pgarray_add(&targets,
                     st->args.action == DSC_ACTION_ASSIGN ? st->args.to : NULL);
  }
  v[0] = dsc__pgarray_finish(&ids);
  v[1] = dsc__pgarray_finish(&actors);
  v[2] = dsc__pgarray_finish(&targets);
  if (v[0] == NULL || v[1] == NULL || v[2] == NULL)
    err = DSC_NOMEM;
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_PLAN_GENERIC, 0, NULL, NULL, NULL);
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_ACTION_READ_MANY, 3, v, on_read_rows, g);
  for (int i = 0; i < g->n && err == DSC_OK; i++) {
    act_state_t *st = g->ops[i]->state;
    if (st->args.action == DSC_ACTION_FEE_NOTICE) {
      const char *id[1] = {num};
      snprintf(num, sizeof num, "%lld", (long long)st->id);
      err = dsc__pg_batch_add(b, DSC_SQL_APPLICANT_ORDINAL, 1, id, on_ordinal,
                              g->ops[i]);
    } else if (st->args.duplicate_of >
               0) { /* the args' check: a draft's only */
      char earlier[24];
      const char *v2[2] = {num, earlier};
      snprintf(num, sizeof num, "%lld", (long long)st->id);
      snprintf(earlier, sizeof earlier, "%lld",
               (long long)st->args.duplicate_of);
      err = dsc__pg_batch_add(b, DSC_SQL_DUPLICATE_OF, 2, v2, on_earlier,
                              g->ops[i]);
    }
  }
  dsc__pgarray_free(&ids);
  dsc__pgarray_free(&actors);
  dsc__pgarray_free(&targets);
  if (err != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    for (int i = 0; i < g->n; i++)
      dsc__op_fail(g->ops[i], err, NULL);
    dsc__free(g);
    return;
  }
  dsc__pg_batch_send(b);
}

void dsc__act_flush(dsc_engine_t *e) {
  /* Groups of equal size, DSC_ACT_READ_MAX at most. */
  int groups = ((int)e->acts.count + DSC_ACT_READ_MAX - 1) / DSC_ACT_READ_MAX;
  for (int k = 0; k < groups; k++) {
    int left = groups - k;
    int n = ((int)e->acts.count + left - 1) / left;
    read_group_t *g = dsc__malloc(sizeof *g + (size_t)n * sizeof g->ops[0]);
    if (g == NULL) {
      dsc__op_t *op;
      while ((op = dsc__op_queue_pop(&e->acts)) != NULL)
        dsc__op_fail(op, DSC_NOMEM, NULL);
      return;
    }
    g->n = n;
    for (int i = 0; i < n; i++)
      g->ops[i] = dsc__op_queue_pop(&e->acts);
    /* A turn of more than one group is busy (route.c). */
    send_group(e, dsc__route_pick(e, groups > 1), g);
  }
}

dsc_err_t dsc_request_act(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                          dsc_action_t action, const dsc_action_args_t *args,
                          dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  act_state_t *st;
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_act_state, &op)) !=
      DSC_OK)
    return err;
  st = op->state;
  st->engine = e;
  st->id = id;
  if (dsc__act_args_copy(&st->args, action, args, ctx->on) != DSC_OK)
    return dsc__op_abandon(op);

  if (!dsc__op_require_actor_on(op, ctx))
    return DSC_OK;
  if ((err = dsc__act_args_check(&st->args, ctx->today, ctx->on,
                                 &op->result.detail)) != DSC_OK) {
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");

  if ((err = enqueue(op)) != DSC_OK) {
    dsc__op_discard(op);
    return err;
  }
  return DSC_OK;
}
