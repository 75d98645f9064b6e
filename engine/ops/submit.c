/* Intake and group commit (DESIGN principle 4, STYLE practice 11).
 *
 * dsc_request_submit validates at once (pure, no I/O) and queues the
 * submission. At the end of the loop turn the queued submissions (up to
 * DSC_GROUP_COMMIT_MAX) become one multi-row statement in one batch,
 * committed by its Sync; each caller hears back only after that commit. A
 * row that fails aborts the whole statement, so a failed group of several
 * is retried one submission per statement, and only the guilty one fails.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/deadline.h"
#include "disclose/intake.h"
#include "engine_int.h"
#include "pgarray.h"
#include "route.h"
#include "turn.h"

/* At most this many submissions share one transaction. */
#define DSC_GROUP_COMMIT_MAX 1000

/* Group commits sent before the first is answered. While they are in
 * flight new submissions wait in the queue, so that the next group takes
 * everything that arrived during one commit's execution and fsync instead
 * of one small group per loop turn (measured: 1-row groups, each with its
 * own fsync, when every turn flushed). Two, not one, so that the server
 * finds the next group waiting when a commit returns. */
#define DSC_GROUPS_IN_FLIGHT 2

typedef struct submit_state {
  dsc_engine_t *engine; /* for the submissions count, when counted */
  dsc_intake_t *intake;
  char *payload; /* the event's payload: the normalised submission */
  bool answered; /* the statement's row arrived */
  bool agency_found;
  unsigned actor_roles; /* 0 and !actor_found: no such staff member */
  bool actor_found;
  int64_t new_id, existing_id;
  int attempts;
  /* The statutory clock at registration, from the calendar at flush. */
  dsc_date_t due_on, supplement_notice_due_on;
  int64_t calendar_generation;
} submit_state_t;

static void free_submit_state(void *p) {
  submit_state_t *st = p;
  if (st == NULL)
    return;
  if (st->engine)
    atomic_fetch_sub(&st->engine->submissions, 1);
  dsc_intake_destroy(st->intake);
  cJSON_free(st->payload);
  dsc__free(st);
}

/* Adds the date field key when the date was given. */
static void add_fact(cJSON *o, const char *key, dsc_date_t on) {
  char date[DSC_DATE_STRLEN];
  if (on != DSC_DATE_NONE)
    cJSON_AddStringToObject(o, key, dsc_date_format(on, date));
}

/* The submission as recorded in its event: the whole application, so the
 * snapshot can be rebuilt from the history alone. It stays a submission
 * (CONTRACT §5 and its receipt fields): the Art. 31 facts given are kept
 * beside the received_on derived from them, the evidence of how the clock
 * started. */
static char *submission_payload(const dsc_intake_t *in, dsc_date_t received) {
  char date[DSC_DATE_STRLEN];
  cJSON *o = cJSON_CreateObject(), *a;
  char *text;

  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject(o, "agency", in->agency);
  cJSON_AddStringToObject(o, "channel", dsc_channel_name(in->channel));
  cJSON_AddStringToObject(o, "received_on", dsc_date_format(received, date));
  if (in->receipt.post_kind != DSC_POST_KIND_NONE)
    cJSON_AddStringToObject(o, "post_kind",
                            dsc_post_kind_name(in->receipt.post_kind));
  add_fact(o, "handed_in_on", in->receipt.handed_in_on);
  add_fact(o, "signed_on", in->receipt.signed_on);
  add_fact(o, "confirmed_on", in->receipt.confirmed_on);
  a = cJSON_AddObjectToObject(o, "applicant");
  if (a) {
    cJSON_AddStringToObject(a, "type",
                            dsc_applicant_type_name(in->applicant_type));
    cJSON_AddStringToObject(a, "name", in->applicant_name);
    if (in->id_number)
      cJSON_AddStringToObject(a, "id_number", in->id_number);
    if (in->phone)
      cJSON_AddStringToObject(a, "phone", in->phone);
    if (in->email)
      cJSON_AddStringToObject(a, "email", in->email);
    if (in->address)
      cJSON_AddStringToObject(a, "address", in->address);
  }
  cJSON_AddStringToObject(o, "description", in->description);
  if (in->form != DSC_FORM_NONE)
    cJSON_AddStringToObject(o, "form", dsc_form_name(in->form));
  if (in->idempotency_key)
    cJSON_AddStringToObject(o, "idempotency_key", in->idempotency_key);
  text = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return text;
}

/* Counts a submission against max_queued (any thread): false when the
 * engine already holds that many that have not ended. */
static bool reserve(dsc_engine_t *e) {
  if (atomic_fetch_add(&e->submissions, 1) < e->max_queued)
    return true;
  atomic_fetch_sub(&e->submissions, 1);
  return false;
}

/* Validates a submission (pure, any thread) into a new op. A refusal is
 * recorded in the op's result, to be delivered on the loop thread; NULL
 * only when out of memory. The op holds one reserved submission, released
 * when it ends. */
static dsc__op_t *prepare(dsc_engine_t *e, const dsc_ctx_t *ctx,
                          const char *json, size_t len, dsc_result_cb cb,
                          void *data) {
  dsc__op_t *op =
      dsc__op_new(e, ctx, cb, data, sizeof(submit_state_t), free_submit_state);
  submit_state_t *st;
  dsc_detail_t *d;
  dsc_err_t err;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];

  if (op == NULL) {
    atomic_fetch_sub(&e->submissions, 1);
    return NULL;
  }
  st = op->state;
  st->engine = e;
  d = &op->result.detail;
  if (op->actor == NULL || !dsc__is_identifier(op->actor)) {
    op->result.err =
        dsc_detail_set(d, DSC_INVALID, "actor",
                       "no acting staff member (--as or DISCLOSE_ACTOR)",
                       "未指定操作人员（--as 或 DISCLOSE_ACTOR）");
    return op;
  }
  if ((err = dsc__check_on(ctx, d)) != DSC_OK ||
      (err = dsc_intake_parse(json, len, &st->intake, d)) != DSC_OK) {
    if (err == DSC_NOMEM) {
      dsc__op_discard(op);
      return NULL;
    }
    op->result.err = err;
    return op;
  }
  /* No Art. 31 fact and no received_on: paper registered the day it came. */
  if (st->intake->received_on == DSC_DATE_NONE)
    st->intake->received_on = ctx->on;
  /* The refusal names the field the day came from (signed_on, say). */
  if (st->intake->received_on > ctx->on) {
    op->result.err = dsc_detail_setf(
        d, DSC_INVALID,
        st->intake->received_from ? st->intake->received_from : "received_on",
        "%s is after the date of registration (%s)", "%s 晚于登记日期（%s）",
        dsc_date_format(st->intake->received_on, a),
        dsc_date_format(ctx->on, b));
    return op;
  }
  st->payload = submission_payload(st->intake, st->intake->received_on);
  if (st->payload == NULL) {
    dsc__op_discard(op);
    return NULL;
  }
  return op;
}

/* A prepared op enters the loop's queues: a refusal is delivered at the
 * end of the turn, a valid submission waits for the group commit. */
static void enqueue(dsc__op_t *op) {
  if (op->result.err != DSC_OK)
    dsc__op_defer(op);
  else
    dsc__op_queue_push(&op->engine->intake, op);
  dsc__engine_kick(op->engine);
}

dsc_err_t dsc_request_submit(dsc_engine_t *e, const dsc_ctx_t *ctx,
                             const char *json, size_t len, dsc_result_cb cb,
                             void *data) {
  dsc__op_t *op;

  if (e == NULL || ctx == NULL || json == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  if (!reserve(e))
    return DSC_BUSY;
  if ((op = prepare(e, ctx, json, len, cb, data)) == NULL)
    return DSC_NOMEM;
  enqueue(op);
  return DSC_OK;
}

dsc_err_t dsc_request_submit_from_thread(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                         const char *json, size_t len,
                                         dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  bool closed;

  if (e == NULL || ctx == NULL || json == NULL)
    return DSC_MISUSE;
  if (!reserve(e))
    return DSC_BUSY;
  /* Validation runs here, on the caller's thread, in parallel with the
   * loop; only the hand-over takes the lock. */
  if ((op = prepare(e, ctx, json, len, cb, data)) == NULL)
    return DSC_NOMEM;
  /* The wake-up is sent under the lock: dsc_engine_close marks the inbox
   * closed under the same lock before it closes the async handle, so no
   * send can reach a closed handle. */
  uv_mutex_lock(&e->inbox_lock);
  closed = e->inbox_closed;
  if (!closed) {
    dsc__op_queue_push(&e->inbox, op);
    uv_async_send(&e->inbox_wake);
  }
  uv_mutex_unlock(&e->inbox_lock);
  if (closed) {
    dsc__op_discard(op);
    return DSC_UNAVAILABLE;
  }
  return DSC_OK;
}

void dsc__submit_take_inbox(dsc_engine_t *e) {
  dsc__op_queue_t taken;
  dsc__op_t *op;

  uv_mutex_lock(&e->inbox_lock);
  taken = e->inbox;
  memset(&e->inbox, 0, sizeof e->inbox);
  uv_mutex_unlock(&e->inbox_lock);
  while ((op = dsc__op_queue_pop(&taken)) != NULL) {
    if (e->closing)
      dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
    else
      enqueue(op);
  }
}

/* ---- the batch --------------------------------------------------------- */

/* The submissions of one group commit, in the order of the statement's
 * arrays and of its answer rows. */
typedef struct group {
  dsc_engine_t *engine;
  int n;
  dsc__op_t *ops[];
} group_t;

/* One answer row per submission, in order; rows missing from the answer
 * leave their submissions unanswered (settled as an internal error). */
static void on_group_rows(void *arg, const PGresult *res) {
  group_t *g = arg;
  int rows = PQntuples(res);

  for (int i = 0; i < g->n && i < rows; i++) {
    submit_state_t *st = g->ops[i]->state;
    st->answered = true;
    st->agency_found = dsc__cell(res, i, 0) != NULL;
    st->actor_found = dsc__cell(res, i, 1) != NULL;
    st->actor_roles = dsc__roles_from_array(dsc__cell(res, i, 1));
    st->new_id = dsc__cell_int(res, i, 2);
    st->existing_id = dsc__cell_int(res, i, 3);
  }
}

static void requeue_alone(dsc__op_t *op);

/* What one submission's row says, once its batch committed. */
static void settle(dsc__op_t *op) {
  submit_state_t *st = op->state;

  if (!st->answered) {
    dsc__op_fail(op, DSC_INTERNAL, NULL);
    return;
  }
  if (!st->agency_found) {
    dsc_detail_setf(&op->result.detail, DSC_NOT_FOUND, "agency",
                    "no agency with code \"%s\"", "没有代码为“%s”的机关",
                    st->intake->agency);
    op->result.err = DSC_NOT_FOUND;
    dsc__op_finish(op);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&op->result.detail, "actor", op->actor);
    op->result.err = DSC_NOT_FOUND;
    dsc__op_finish(op);
    return;
  }
  if (st->new_id > 0 || st->existing_id > 0) {
    op->result.id = st->new_id > 0 ? st->new_id : st->existing_id;
    dsc__op_finish(op);
    return;
  }
  if (!(st->actor_roles & dsc_machine_roles_for(DSC_ACTION_SUBMIT))) {
    dsc_detail_setf(&op->result.detail, DSC_FORBIDDEN, "role",
                    "%s may not register applications (needs clerk or "
                    "supervisor)",
                    "%s 无权登记申请（需要 clerk 或 supervisor 角色）",
                    op->actor);
    op->result.err = DSC_FORBIDDEN;
    dsc__op_finish(op);
    return;
  }
  /* The key was being inserted by a concurrent transaction that had not
   * committed when this statement took its snapshot, or by an earlier
   * submission of the same group (a statement does not see its own
   * inserts): ask again, alone. */
  if (st->attempts < 3) {
    requeue_alone(op);
    return;
  }
  dsc__op_fail(op, DSC_CONFLICT, NULL);
}

static void on_group_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  group_t *g = arg;

  g->engine->groups_in_flight--;
  if (g->engine->intake.count > 0)
    dsc__engine_kick(g->engine); /* the queue's turn to become a group */

  for (int i = 0; i < g->n; i++) {
    dsc__op_t *op = g->ops[i];
    if (err == DSC_OK)
      settle(op);
    else if (g->n > 1 && err != DSC_UNAVAILABLE)
      requeue_alone(op); /* find the one submission that failed */
    else
      dsc__op_fail(op, err, d);
  }
  dsc__free(g);
}

/* The statement's array parameters, in the registry's order ($3, the roles
 * that may submit, is the one scalar). */
enum {
  COL_AGENCY,
  COL_ACTOR,
  COL_CHANNEL,
  COL_FORM,
  COL_RECEIVED,
  COL_TYPE,
  COL_NAME,
  COL_ID_NUMBER,
  COL_PHONE,
  COL_EMAIL,
  COL_ADDRESS,
  COL_DESCRIPTION,
  COL_KEY,
  COL_ON,
  COL_PAYLOAD,
  COL_DUE,
  COL_SUPPLEMENT_DUE,
  COL_GENERATION,
  NCOLS
};

static void add_row(dsc__pgarray_t *cols, dsc__op_t *op) {
  submit_state_t *st = op->state;
  const dsc_intake_t *in = st->intake;
  char received[DSC_DATE_STRLEN], on[DSC_DATE_STRLEN];
  char due[DSC_DATE_STRLEN], sup[DSC_DATE_STRLEN], gen[24];

  snprintf(gen, sizeof gen, "%lld", (long long)st->calendar_generation);
  dsc__pgarray_add(&cols[COL_AGENCY], in->agency);
  dsc__pgarray_add(&cols[COL_ACTOR], op->actor);
  dsc__pgarray_add(&cols[COL_CHANNEL], dsc_channel_name(in->channel));
  dsc__pgarray_add(&cols[COL_FORM],
                   in->form == DSC_FORM_NONE ? NULL : dsc_form_name(in->form));
  dsc__pgarray_add(&cols[COL_RECEIVED],
                   dsc_date_format(in->received_on, received));
  dsc__pgarray_add(&cols[COL_TYPE],
                   dsc_applicant_type_name(in->applicant_type));
  dsc__pgarray_add(&cols[COL_NAME], in->applicant_name);
  dsc__pgarray_add(&cols[COL_ID_NUMBER], in->id_number);
  dsc__pgarray_add(&cols[COL_PHONE], in->phone);
  dsc__pgarray_add(&cols[COL_EMAIL], in->email);
  dsc__pgarray_add(&cols[COL_ADDRESS], in->address);
  dsc__pgarray_add(&cols[COL_DESCRIPTION], in->description);
  dsc__pgarray_add(&cols[COL_KEY], in->idempotency_key);
  dsc__pgarray_add(&cols[COL_ON], dsc_date_format(op->on, on));
  dsc__pgarray_add(&cols[COL_PAYLOAD], st->payload);
  dsc__pgarray_add(&cols[COL_DUE], st->due_on == DSC_DATE_NONE
                                       ? NULL
                                       : dsc_date_format(st->due_on, due));
  dsc__pgarray_add(&cols[COL_SUPPLEMENT_DUE],
                   st->supplement_notice_due_on == DSC_DATE_NONE
                       ? NULL
                       : dsc_date_format(st->supplement_notice_due_on, sup));
  dsc__pgarray_add(&cols[COL_GENERATION], gen);
  st->attempts++;
}

/* Adds the group's one statement to b. DSC_NOMEM. */
static dsc_err_t add_statement(dsc__pg_batch_t *b, group_t *g) {
  dsc__pgarray_t cols[NCOLS];
  const char *v[NCOLS + 1];
  char roles[96];
  dsc_err_t err = DSC_OK;

  /* Submissions through API sessions: their tokens first (a repeat of the
   * one before adds nothing but a word to the setting). */
  for (int i = 0; i < g->n && err == DSC_OK; i++)
    if (g->ops[i]->session &&
        (i == 0 || g->ops[i - 1]->session == NULL ||
         strcmp(g->ops[i]->session, g->ops[i - 1]->session) != 0))
      err = dsc__op_bind_session(g->ops[i], b);
  if (err != DSC_OK)
    return err;
  for (int c = 0; c < NCOLS; c++)
    dsc__pgarray_init(&cols[c]);
  for (int i = 0; i < g->n; i++)
    add_row(cols, g->ops[i]);
  for (int c = 0, p = 0; c < NCOLS; c++, p++) {
    if (p == 2)
      v[p++] = dsc__roles_to_array(dsc_machine_roles_for(DSC_ACTION_SUBMIT),
                                   roles, sizeof roles);
    if ((v[p] = dsc__pgarray_finish(&cols[c])) == NULL)
      err = DSC_NOMEM;
  }
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_SUBMIT, NCOLS + 1, v, on_group_rows, g);
  for (int c = 0; c < NCOLS; c++)
    dsc__pgarray_free(&cols[c]);
  return err;
}

static void send_group(dsc_engine_t *e, dsc__op_t **ops, int n) {
  group_t *g = dsc__malloc(sizeof *g + (size_t)n * sizeof g->ops[0]);
  /* Each group is a transaction of its own: the two in flight can run on
   * two connections, two server processes (route.h). */
  dsc__pg_batch_t *b =
      g ? dsc__pg_batch_new(dsc__route_spread(e), on_group_done, g) : NULL;

  if (b != NULL) {
    g->engine = e;
    g->n = n;
    memcpy(g->ops, ops, (size_t)n * sizeof *ops);
    if (add_statement(b, g) == DSC_OK) {
      e->groups_in_flight++;
      dsc__pg_batch_send(b);
      return;
    }
    dsc__pg_batch_discard(b);
  }
  dsc__free(g);
  for (int i = 0; i < n; i++)
    dsc__op_fail(ops[i], DSC_NOMEM, NULL);
}

static void requeue_alone(dsc__op_t *op) {
  submit_state_t *st = op->state;
  st->answered = false;
  st->new_id = st->existing_id = 0;
  send_group(op->engine, &op, 1);
}

/* The clock of a new request (CONTRACT §7): due on the 20th working day
 * after receipt, supplement notice by the 7th. A receipt date outside the
 * loaded calendar is refused (exit 8): the center must load the year before
 * it can count anything in it. A deadline that falls after the calendar's
 * last year is stored as unknown, not guessed, and filled in by the
 * re-derivation once the next year is imported: an application that
 * arrived must be registered even in December. */
static bool start_clock(dsc_engine_t *e, dsc__op_t *op) {
  submit_state_t *st = op->state;
  dsc_date_t r = st->intake->received_on;
  dsc_detail_t d;
  dsc_err_t err;
  int n;

  err = dsc_calendar_workdays_between(e->calendar, r, r, &n, &d);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &d);
    return false;
  }
  st->calendar_generation = e->calendar_generation;
  if (dsc_calendar_add_workdays(e->calendar, r, DSC_CLOCK_ANSWER_DAYS,
                                &st->due_on, NULL) != DSC_OK) {
    st->due_on = DSC_DATE_NONE;
    st->calendar_generation = 0;
  }
  if (dsc_calendar_add_workdays(
          e->calendar, r, DSC_CLOCK_SUPPLEMENT_NOTICE_DAYS,
          &st->supplement_notice_due_on, NULL) != DSC_OK) {
    st->supplement_notice_due_on = DSC_DATE_NONE;
    st->calendar_generation = 0;
  }
  return true;
}

void dsc__submit_flush(dsc_engine_t *e) {
  dsc__op_t *ops[DSC_GROUP_COMMIT_MAX];

  if (e->calendar == NULL) {
    dsc__calendar_load(e); /* flushes again once it arrives */
    return;
  }
  while (e->groups_in_flight < DSC_GROUPS_IN_FLIGHT && e->intake.head) {
    int n = 0;
    while (n < DSC_GROUP_COMMIT_MAX && e->intake.head) {
      dsc__op_t *op = dsc__op_queue_pop(&e->intake);
      if (start_clock(e, op))
        ops[n++] = op;
    }
    if (n > 0)
      send_group(e, ops, n);
  }
}
