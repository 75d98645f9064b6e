/* `disclose verify` (issues 6 and 11): every event chain, every history
 * against the rules, and every snapshot against the replay of its events.
 *
 * The chain is checked in SQL (dsc_event_hash of migrations/0005 over each
 * event and its predecessor's stored hash, and seq contiguity), so the
 * database's own arithmetic is what is trusted. The snapshots are checked
 * here, page by page: version and state against the last event, assignee,
 * outcome and dates against what the history says, and the deadline
 * columns against the pure clock's replay (engine/core/deadline.c) with the
 * calendar the row was computed with. Before the snapshot, each history
 * is replayed through the transition table with its actors' roles of the
 * time (verify_rules.c), and events recorded far from their business date
 * are listed as findings (verify_late.c). The first disagreement is
 * reported; nothing is written. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/clock_ops.h"
#include "engine_int.h"
#include "row.h"
#include "verify_int.h"

#define VERIFY_PAGE 500

typedef struct verify_state {
  int64_t events, requests, checked;
  bool chain_broken;
  int64_t break_request;
  int break_seq;
  char break_reason[16];
  int64_t after_id;
  int page_rows;
  bool broken; /* a snapshot disagrees */
  int64_t bad_request;
  char bad_field[40], bad_snapshot[64], bad_replay[64];
  dsc__staff_times_t staff; /* staff_history, for the rules */
  bool staff_nomem;
  bool rule_broken; /* a history the rules refuse */
  int64_t rule_request;
  dsc__rule_break_t rule;
  cJSON *late; /* the late-entry findings listed so far */
  int64_t late_total;
} verify_state_t;

static void free_verify_state(void *p) {
  verify_state_t *st = p;
  if (st == NULL)
    return;
  dsc__staff_times_clear(&st->staff);
  cJSON_Delete(st->late);
  dsc__free(st);
}

static void on_counts(void *arg, const PGresult *res) {
  verify_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1) {
    st->events = dsc__cell_int(res, 0, 0);
    st->requests = dsc__cell_int(res, 0, 1);
  }
}

static void on_chain(void *arg, const PGresult *res) {
  verify_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1) {
    st->chain_broken = true;
    st->break_request = dsc__cell_int(res, 0, 0);
    st->break_seq = (int)dsc__cell_int(res, 0, 1);
    snprintf(st->break_reason, sizeof st->break_reason, "%s",
             dsc__cell(res, 0, 2));
  }
}

/* The letters' digests and index (after the chain: a broken chain is the
 * first thing to say). */
static void on_letters(void *arg, const PGresult *res) {
  verify_state_t *st = ((dsc__op_t *)arg)->state;
  if (!st->chain_broken)
    on_chain(arg, res);
}

static void on_staff_times(void *arg, const PGresult *res) {
  verify_state_t *st = ((dsc__op_t *)arg)->state;
  st->staff_nomem = dsc__staff_times_read(&st->staff, res) != DSC_OK;
}

/* ---- one snapshot against its history ----------------------------------- */

static void disagree(verify_state_t *st, int64_t id, const char *field,
                     const char *snapshot, const char *replay) {
  if (st->broken)
    return;
  st->broken = true;
  st->bad_request = id;
  snprintf(st->bad_field, sizeof st->bad_field, "%s", field);
  snprintf(st->bad_snapshot, sizeof st->bad_snapshot, "%s",
           snapshot ? snapshot : "null");
  snprintf(st->bad_replay, sizeof st->bad_replay, "%s",
           replay ? replay : "null");
}

static void check_date(verify_state_t *st, int64_t id, const char *field,
                       dsc_date_t snapshot, dsc_date_t replay) {
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  if (snapshot != replay)
    disagree(st, id, field,
             snapshot == DSC_DATE_NONE ? NULL : dsc_date_format(snapshot, a),
             replay == DSC_DATE_NONE ? NULL : dsc_date_format(replay, b));
}

static void check_text(verify_state_t *st, int64_t id, const char *field,
                       const char *snapshot, const char *replay) {
  if ((snapshot == NULL) != (replay == NULL) ||
      (snapshot && strcmp(snapshot, replay) != 0))
    disagree(st, id, field, snapshot, replay);
}

static void check_int(verify_state_t *st, int64_t id, const char *field,
                      long snapshot, long replay) {
  char a[24], b[24];
  if (snapshot != replay) {
    snprintf(a, sizeof a, "%ld", snapshot);
    snprintf(b, sizeof b, "%ld", replay);
    disagree(st, id, field, a, b);
  }
}

/* What the history says of the columns the clock does not derive. */
typedef struct story {
  int n;
  const char *state, *assignee, *outcome;
  dsc_date_t answered_on, closed_on;
} story_t;

static const char *str_item(const cJSON *a, int i) {
  const cJSON *x = cJSON_GetArrayItem(a, i);
  return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* events: [[seq, action, state, on_date, to, outcome, hold], ...] */
static bool tell(const cJSON *events, story_t *s) {
  const cJSON *ev;
  memset(s, 0, sizeof *s);
  s->answered_on = s->closed_on = DSC_DATE_NONE;
  cJSON_ArrayForEach(ev, events) {
    const char *action = str_item(ev, 1), *on = str_item(ev, 3);
    dsc_date_t d = DSC_DATE_NONE;
    if (action == NULL || on == NULL || dsc_date_parse(on, &d) != DSC_OK)
      return false;
    s->n++;
    s->state = str_item(ev, 2);
    if (strcmp(action, "assign") == 0)
      s->assignee = str_item(ev, 4);
    else if (strcmp(action, "draft") == 0)
      s->outcome = str_item(ev, 5);
    else if (strcmp(action, "review") == 0 && s->state &&
             strcmp(s->state, "assigned") == 0)
      s->outcome = NULL; /* a rejected draft takes its outcome with it */
    else if (strcmp(action, "answer") == 0)
      s->answered_on = s->closed_on = d;
    else if (strcmp(action, "withdraw") == 0) {
      s->outcome = "other.other";
      s->closed_on = d;
    } else if (strcmp(action, "lapse") == 0 && s->state &&
               strcmp(s->state, "withdrawn") == 0) {
      /* What the lapse of that hold gives, as the machine decides it. */
      dsc_hold_t hold = DSC_HOLD_NONE;
      dsc_outcome_t outcome = DSC_OUTCOME_NONE;
      if (dsc_hold_parse(str_item(ev, 6), &hold) == DSC_OK)
        outcome = dsc_machine_lapse_outcome(hold);
      s->outcome =
          outcome == DSC_OUTCOME_NONE ? NULL : dsc_outcome_code(outcome);
      s->closed_on = d;
    } else if (strcmp(action, "supplement-received") == 0 &&
               s->closed_on != DSC_DATE_NONE && s->state &&
               strcmp(s->state, "withdrawn") != 0) {
      /* A late supplement accepted reopens what the lapse closed. */
      s->outcome = NULL;
      s->closed_on = DSC_DATE_NONE;
    }
  }
  return true;
}

static void check_row(dsc__op_t *op, const PGresult *res, int i) {
  verify_state_t *st = op->state;
  dsc_engine_t *e = op->engine;
  dsc__row_t r;
  story_t story;
  cJSON *events;
  dsc_clock_t c;
  int64_t id = dsc__cell_int(res, i, 0);

  if (dsc__row_read(res, i, 0, &r) != DSC_OK) {
    disagree(st, id, "row", "unreadable", NULL);
    return;
  }
  events = cJSON_Parse(dsc__cell(res, i, DSC_ROW_NCOLUMNS));
  if (events)
    dsc__verify_late(e->calendar, id,
                     dsc__cell(res, i, DSC_ROW_NCOLUMNS + 1)
                         ? (int)dsc__cell_int(res, i, DSC_ROW_NCOLUMNS + 1)
                         : DSC_VERIFY_LATE_WORKDAYS,
                     events, st->late, &st->late_total);
  if (events && !dsc__verify_rules(&st->staff, events, &st->rule)) {
    st->rule_broken = true;
    st->rule_request = id;
  } else if (events == NULL || !tell(events, &story)) {
    disagree(st, id, "events", "unreadable", NULL);
  } else {
    check_int(st, id, "version", r.version, story.n);
    check_text(st, id, "state", dsc_state_name(r.state), story.state);
    check_text(st, id, "assignee", r.assignee, story.assignee);
    check_text(st, id, "outcome",
               r.outcome == DSC_OUTCOME_NONE ? NULL
                                             : dsc_outcome_code(r.outcome),
               story.outcome);
    check_date(st, id, "answered_on", r.answered_on, story.answered_on);
    check_date(st, id, "closed_on", r.closed_on, story.closed_on);
  }
  cJSON_Delete(events);
  /* The deadline columns, when they were computed with this calendar. */
  if (!st->rule_broken && r.calendar_generation == e->calendar_generation &&
      dsc__row_clock(&r, e->calendar, dsc__row_clock_date(&r), e->due_soon_days,
                     &c, NULL) == DSC_OK) {
    check_date(st, id, "clock_start", r.clock_start, c.clock_start);
    check_date(st, id, "due_on", r.due_on, c.due_on);
    check_int(st, id, "extended_days", r.extended_days, c.extended_days);
    check_int(st, id, "paused_workdays", r.paused_workdays, c.paused_workdays);
    check_date(st, id, "supplement_notice_due_on", r.supplement_notice_due_on,
               c.supplement_notice_due_on);
    check_text(st, id, "hold",
               r.hold == DSC_HOLD_NONE ? NULL : dsc_hold_name(r.hold),
               c.hold == DSC_HOLD_NONE ? NULL : dsc_hold_name(c.hold));
    check_date(st, id, "hold_lapses_on",
               r.hold == DSC_HOLD_NONE ? DSC_DATE_NONE : r.hold_lapses_on,
               c.hold == DSC_HOLD_NONE ? DSC_DATE_NONE : c.hold_lapses_on);
  }
  dsc__row_clear(&r);
  st->checked++;
}

static void send_page(dsc__op_t *op);

static void on_page(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  verify_state_t *st = op->state;
  int n = PQntuples(res);
  st->page_rows = n;
  for (int i = 0; i < n && !st->broken && !st->rule_broken; i++)
    check_row(op, res, i);
  if (n > 0)
    st->after_id = dsc__cell_int(res, n - 1, 0);
}

/* The history of st->rule_request breaks the rules: say which event, whose,
 * and the machine's reason. */
static void rule_break(dsc__op_t *op, cJSON *o) {
  verify_state_t *st = op->state;
  const dsc__rule_break_t *rb = &st->rule;
  cJSON *b = cJSON_AddObjectToObject(o, "rule_break");
  char en[640], zh[640]; /* dsc_detail_set cuts them to its size */

  cJSON_AddNumberToObject(b, "request_id", (double)st->rule_request);
  cJSON_AddNumberToObject(b, "seq", rb->seq);
  cJSON_AddStringToObject(b, "action", rb->action);
  cJSON_AddStringToObject(b, "actor", rb->actor);
  cJSON_AddStringToObject(b, "field", rb->why.field);
  cJSON_AddStringToObject(b, "reason", rb->why.message);
  /* The reason differs by language, so each message is formatted alone. */
  snprintf(en, sizeof en,
           "request %lld: event %d (%s by %s) breaks the rules: %s",
           (long long)st->rule_request, rb->seq, rb->action, rb->actor,
           rb->why.message);
  snprintf(zh, sizeof zh, "申请 %lld：第 %d 条记录（%s，%s）违反办理规则：%s",
           (long long)st->rule_request, rb->seq, rb->action, rb->actor,
           rb->why.message_zh[0] ? rb->why.message_zh : rb->why.message);
  dsc_detail_set(&op->result.detail, DSC_INTEGRITY, rb->why.field, en, zh);
  op->result.err = DSC_INTEGRITY;
}

static void finish(dsc__op_t *op) {
  verify_state_t *st = op->state;
  cJSON *o = op->result.json = cJSON_CreateObject(), *b;

  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddNumberToObject(o, "events", (double)st->events);
  cJSON_AddNumberToObject(o, "requests", (double)st->requests);
  cJSON_AddNumberToObject(o, "snapshots_checked", (double)st->checked);
  cJSON_AddBoolToObject(o, "ok",
                        !st->chain_broken && !st->broken && !st->rule_broken);
  cJSON_AddNumberToObject(o, "late_workdays_limit", DSC_VERIFY_LATE_WORKDAYS);
  cJSON_AddNumberToObject(o, "late_entries_total", (double)st->late_total);
  cJSON_AddItemToObject(o, "late_entries", st->late);
  st->late = NULL; /* now o's */
  if (st->chain_broken) {
    b = cJSON_AddObjectToObject(o, "chain_break");
    cJSON_AddNumberToObject(b, "request_id", (double)st->break_request);
    cJSON_AddNumberToObject(b, "seq", st->break_seq);
    cJSON_AddStringToObject(b, "reason", st->break_reason);
    dsc_detail_setf(&op->result.detail, DSC_INTEGRITY, "chain",
                    "request %lld: event %d breaks the chain (%s)",
                    "申请 %lld：第 %d 条记录的哈希链断裂（%s）",
                    (long long)st->break_request, st->break_seq,
                    strcmp(st->break_reason, "gap") == 0 ? "a missing event"
                    : strcmp(st->break_reason, "letter") == 0
                        ? "a letter's text is not its digest"
                    : strcmp(st->break_reason, "index") == 0
                        ? "the letters' index disagrees with the letter"
                        : "content changed");
    op->result.err = DSC_INTEGRITY;
  } else if (st->rule_broken) {
    rule_break(op, o);
  } else if (st->broken) {
    b = cJSON_AddObjectToObject(o, "snapshot_mismatch");
    cJSON_AddNumberToObject(b, "request_id", (double)st->bad_request);
    cJSON_AddStringToObject(b, "field", st->bad_field);
    cJSON_AddStringToObject(b, "snapshot", st->bad_snapshot);
    cJSON_AddStringToObject(b, "replay", st->bad_replay);
    dsc_detail_setf(&op->result.detail, DSC_INTEGRITY, "snapshot",
                    "request %lld: %s is %s but its events say %s",
                    "申请 %lld：%s 为 %s，与其记录重放结果 %s 不符",
                    (long long)st->bad_request, st->bad_field, st->bad_snapshot,
                    st->bad_replay);
    op->result.err = DSC_INTEGRITY;
  }
  dsc__op_finish(op);
}

static void on_page_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  verify_state_t *st = op->state;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->page_rows == VERIFY_PAGE && !st->broken && !st->rule_broken)
    send_page(op);
  else
    finish(op);
}

static void send_page(dsc__op_t *op) {
  verify_state_t *st = op->state;
  char after[24];
  const char *v[1] = {after};
  dsc__pg_batch_t *b = dsc__pg_batch_new(op->engine->pg, on_page_done, op);

  snprintf(after, sizeof after, "%lld", (long long)st->after_id);
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_VERIFY_EVENTS, 1, v, on_page,
                                     op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static void on_chain_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  verify_state_t *st = op->state;
  if (err == DSC_OK && st->staff_nomem)
    err = DSC_NOMEM;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, err == DSC_NOMEM ? NULL : d);
    return;
  }
  if (st->chain_broken)
    finish(op); /* the history itself is in doubt: stop at the break */
  else
    send_page(op);
}

static void check_chains(dsc__op_t *op) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(op->engine->pg, on_chain_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_VERIFY_COUNTS, 0, NULL, on_counts, op) ||
      dsc__pg_batch_add(b, DSC_SQL_VERIFY_CHAIN, 0, NULL, on_chain, op) ||
      dsc__pg_batch_add(b, DSC_SQL_VERIFY_LETTERS, 0, NULL, on_letters, op) ||
      dsc__pg_batch_add(b, DSC_SQL_VERIFY_STAFF_TIMES, 0, NULL, on_staff_times,
                        op)) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

dsc_err_t dsc_verify(dsc_engine_t *e, const dsc_ctx_t *ctx, dsc_result_cb cb,
                     void *data) {
  dsc__op_t *op;
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof(verify_state_t),
                          free_verify_state, &op)) != DSC_OK)
    return err;
  ((verify_state_t *)op->state)->late = cJSON_CreateArray();
  if (((verify_state_t *)op->state)->late == NULL)
    return dsc__op_abandon(op);
  return dsc__op_start_with_calendar(op, check_chains);
}
