/* Operations' common life cycle: making, queueing, deferring and ending
 * them, the end-of-turn handler that delivers what was deferred and runs
 * the turn engine.c registered, and the small checks every operation
 * shares. It names no subsystem: engine.c does (the way Redis's ae.c knows
 * nothing of the server and calls the beforeSleep it was given). */
#include "engine_int.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"

static void on_turn_end(uv_prepare_t *h);

void dsc__engine_log(dsc_engine_t *e, const char *message) {
  if (e->log)
    e->log(e->log_data, message);
}

void dsc__engine_kick(dsc_engine_t *e) {
  if (!e->closing)
    uv_prepare_start(&e->turn_end, on_turn_end);
}

dsc__op_t *dsc__op_queue_pop(dsc__op_queue_t *q) {
  dsc__op_t *op = q->head;
  if (op) {
    q->head = op->next;
    if (q->head == NULL)
      q->tail = NULL;
    op->next = NULL;
    q->count--;
  }
  return op;
}

void dsc__op_queue_push(dsc__op_queue_t *q, dsc__op_t *op) {
  op->next = NULL;
  if (q->tail)
    q->tail->next = op;
  else
    q->head = op;
  q->tail = op;
  q->count++;
}

/* Just before the loop blocks: deliver results that were known at call
 * time, then run the engine's turn (engine.c: the group commit of this
 * turn's submissions, the merged read of its actions), as Redis's ae.c
 * runs the beforeSleep that server.c registers (STYLE practice 11). */
static void on_wake(uv_idle_t *h) { uv_idle_stop(h); }

static void on_turn_end(uv_prepare_t *h) {
  dsc_engine_t *e = h->data;
  dsc__op_t *op;
  dsc__op_queue_t ready = e->deferred;
  unsigned long before = e->finished;

  memset(&e->deferred, 0, sizeof e->deferred);
  while ((op = dsc__op_queue_pop(&ready)) != NULL)
    dsc__op_finish(op);
  if (!e->closing)
    e->turn(e);
  if (e->deferred.count == 0 && !e->turn_pending(e))
    uv_prepare_stop(&e->turn_end);
  /* A callback that ran here, after the loop's I/O, may have ended what
   * the caller waits for (uv_run(UV_RUN_ONCE) in a CLI): an active idle
   * handle makes this turn's poll return at once instead of blocking on an
   * idle connection. It stops itself on the next turn. */
  if (e->finished != before && !e->closing)
    uv_idle_start(&e->wake, on_wake);
}

dsc__op_t *dsc__op_new(dsc_engine_t *e, const dsc_ctx_t *ctx, dsc_result_cb cb,
                       void *data, size_t state_size,
                       void (*free_state)(void *state)) {
  dsc__op_t *op = dsc__calloc(1, sizeof *op);
  if (op == NULL)
    return NULL;
  op->engine = e;
  op->cb = cb;
  op->data = data;
  op->on = op->today = DSC_DATE_NONE;
  if (ctx) {
    op->on = ctx->on;
    op->today = ctx->today;
  }
  if ((ctx && ctx->actor && (op->actor = dsc__strdup(ctx->actor)) == NULL) ||
      (ctx && ctx->session &&
       (op->session = dsc__strdup(ctx->session)) == NULL) ||
      (state_size && (op->state = dsc__calloc(1, state_size)) == NULL)) {
    dsc__free(op->actor);
    dsc__free(op->session);
    dsc__free(op);
    return NULL;
  }
  op->free_state = free_state ? free_state : dsc__free;
  return op;
}

void dsc__op_discard(dsc__op_t *op) {
  if (op == NULL)
    return;
  cJSON_Delete(op->result.json);
  op->free_state(op->state);
  dsc__free(op->actor);
  dsc__free(op->session);
  dsc__free(op);
}

void dsc__op_finish(dsc__op_t *op) {
  op->engine->finished++;
  if (op->cb)
    op->cb(op->engine, &op->result, op->data);
  dsc__op_discard(op); /* frees the json unless the callback took it */
}

void dsc__op_fail(dsc__op_t *op, dsc_err_t err, const dsc_detail_t *detail) {
  op->result.err = err;
  if (detail)
    op->result.detail = *detail;
  else
    dsc_detail_set(&op->result.detail, err, NULL, NULL, NULL);
  cJSON_Delete(op->result.json);
  op->result.json = NULL;
  dsc__op_finish(op);
}

void dsc__op_defer(dsc__op_t *op) {
  dsc_engine_t *e = op->engine;
  dsc__op_queue_push(&e->deferred, op);
  dsc__engine_kick(e);
}

dsc_err_t dsc__op_defer_error(dsc__op_t *op, dsc_err_t err, const char *field,
                              const char *message, const char *message_zh) {
  op->result.err = err;
  dsc_detail_set(&op->result.detail, err, field, message, message_zh);
  dsc__op_defer(op);
  return DSC_OK;
}

/* Frees the engine when the last of its handles (the end-of-turn handle
 * and the connection) has closed. */
static void on_single_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  if (err != DSC_OK)
    dsc__op_fail(arg, err, d);
  else
    dsc__op_finish(arg);
}

dsc_err_t dsc__op_single(dsc_engine_t *e, dsc_sql_id_t id,
                         dsc__pg_result_cb on_row, dsc_result_cb cb,
                         void *data) {
  dsc__op_t *op;
  dsc__pg_batch_t *b;

  if (e == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, NULL, cb, data, 0, NULL);
  b = op ? dsc__pg_batch_new(e->pg, on_single_done, op) : NULL;
  if (b == NULL || dsc__pg_batch_add(b, id, 0, NULL, on_row, op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_discard(op);
    return DSC_NOMEM;
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

dsc_err_t dsc__op_bind_session(const dsc__op_t *op, dsc__pg_batch_t *b) {
  const char *v[1] = {op->session};
  if (op->session == NULL)
    return DSC_OK;
  return dsc__pg_batch_add(b, DSC_SQL_WEB_BIND, 1, v, NULL, NULL);
}

dsc_err_t dsc__op_send_one(dsc__op_t *op, dsc_sql_id_t id, int n,
                           const char *const *values, dsc__pg_result_cb on_row,
                           dsc__pg_done_cb on_done) {
  return dsc__op_send_one_on(op, op->engine->pg, id, n, values, on_row,
                             on_done);
}

dsc_err_t dsc__op_send_one_on(dsc__op_t *op, dsc__pg_t *pg, dsc_sql_id_t id,
                              int n, const char *const *values,
                              dsc__pg_result_cb on_row,
                              dsc__pg_done_cb on_done) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(pg, on_done, op);
  if (b == NULL || dsc__op_bind_session(op, b) != DSC_OK ||
      dsc__pg_batch_add(b, id, n, values, on_row, op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    return DSC_NOMEM;
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

void dsc__op_end_write(dsc__op_t *op, dsc_err_t err, const dsc_detail_t *d,
                       const char *en, const char *zh) {
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL && op->result.err == DSC_OK)
    op->result.err =
        dsc_detail_set(&op->result.detail, DSC_CONFLICT, "version", en, zh);
  dsc__op_finish(op);
}

dsc_err_t dsc__check_on(const dsc_ctx_t *ctx, dsc_detail_t *detail) {
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  if (ctx->on == DSC_DATE_NONE || ctx->today == DSC_DATE_NONE)
    return dsc_detail_set(detail, DSC_MISUSE, "on", "no business date",
                          "缺少业务日期");
  if (ctx->on > ctx->today)
    return dsc_detail_setf(detail, DSC_INVALID, "on",
                           "%s is after today (%s): actions cannot be dated "
                           "in the future",
                           "%s 晚于今天（%s）：不能登记未来日期的操作",
                           dsc_date_format(ctx->on, a),
                           dsc_date_format(ctx->today, b));
  return DSC_OK;
}

dsc_err_t dsc__op_open(dsc_engine_t *e, const dsc_ctx_t *ctx, dsc_result_cb cb,
                       void *data, size_t state_size,
                       void (*free_state)(void *state), dsc__op_t **out) {
  *out = NULL;
  if (e == NULL || ctx == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  *out = dsc__op_new(e, ctx, cb, data, state_size, free_state);
  return *out != NULL ? DSC_OK : DSC_NOMEM;
}

dsc_err_t dsc__op_abandon(dsc__op_t *op) {
  dsc__op_discard(op);
  return DSC_NOMEM;
}

bool dsc__op_require_actor_on(dsc__op_t *op, const dsc_ctx_t *ctx) {
  dsc_err_t err;
  if (!dsc__op_require_actor(op))
    return false;
  if ((err = dsc__check_on(ctx, &op->result.detail)) == DSC_OK)
    return true;
  op->result.err = err;
  dsc__op_defer(op);
  return false;
}

bool dsc__op_require_actor(dsc__op_t *op) {
  if (op->actor != NULL && dsc__is_identifier(op->actor))
    return true;
  dsc__op_defer_error(op, DSC_INVALID, "actor",
                      "no acting staff member (--as or DISCLOSE_ACTOR)",
                      "未指定操作人员（--as 或 DISCLOSE_ACTOR）");
  return false;
}

dsc_err_t dsc__detail_unknown_staff(dsc_detail_t *detail, const char *field,
                                    const char *login) {
  return dsc_detail_setf(detail, DSC_NOT_FOUND, field,
                         "no active staff member \"%s\"", "没有在职人员“%s”",
                         login ? login : "");
}
