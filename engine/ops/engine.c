/* The engine handle: creation, the end-of-turn handler, operations'
 * common life cycle, and orderly closing. */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void on_turn_end(uv_prepare_t *h);
static void on_inbox(uv_async_t *h);

static void log_from_pg(void *data, const char *message) {
  dsc__engine_log(data, message);
}

void dsc__engine_log(dsc_engine_t *e, const char *message) {
  if (e->log)
    e->log(e->log_data, message);
}

dsc_err_t dsc_engine_create(uv_loop_t *loop, const dsc_engine_options_t *opts,
                            dsc_engine_t **out) {
  dsc_engine_t *e;
  dsc__pg_options_t pgo = {0};
  dsc_err_t err;

  if (out == NULL)
    return DSC_MISUSE;
  *out = NULL;
  if (loop == NULL || opts == NULL || opts->conninfo == NULL)
    return DSC_INVALID;
  e = dsc__calloc(1, sizeof *e);
  if (e == NULL)
    return DSC_NOMEM;
  e->loop = loop;
  e->max_queued = opts->max_queued ? opts->max_queued : 10000;
  e->due_soon_days = opts->due_soon_days > 0 ? opts->due_soon_days : 5;
  e->log = opts->log;
  e->log_data = opts->log_data;
  pgo.fail_fast = opts->fail_fast;
  pgo.connect_timeout_ms = opts->connect_timeout_ms;
  pgo.log = log_from_pg;
  pgo.log_data = e;
  pgo.notify = opts->notify;
  pgo.notify_data = opts->notify_data;
  e->act_pg_options = pgo;
  e->act_pg_options.notify = NULL;
  e->conninfo = dsc__strdup(opts->conninfo); /* NULL: no second connection */
  err = dsc__pg_create(loop, opts->conninfo, &pgo, &e->pg);
  if (err != DSC_OK) {
    dsc__free(e->conninfo);
    dsc__free(e);
    return err;
  }
  uv_prepare_init(loop, &e->turn_end);
  e->turn_end.data = e;
  uv_idle_init(loop, &e->wake);
  e->wake.data = e;
  e->open_handles = 2;
  atomic_init(&e->submissions, 0);
  /* Without its mutex or async handle (only when the process runs out of
   * file descriptors) the engine still works, but turns other threads
   * away (inbox_closed). */
  e->inbox_ok = uv_mutex_init(&e->inbox_lock) == 0;
  if (e->inbox_ok && uv_async_init(loop, &e->inbox_wake, on_inbox) != 0) {
    uv_mutex_destroy(&e->inbox_lock);
    e->inbox_ok = false;
  }
  if (e->inbox_ok) {
    e->inbox_wake.data = e;
    e->open_handles++;
  }
  e->inbox_closed = !e->inbox_ok;
  *out = e;
  return DSC_OK;
}

void dsc_engine_set_data(dsc_engine_t *e, void *data) { e->data = data; }
void *dsc_engine_get_data(const dsc_engine_t *e) { return e->data; }

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
 * time, then commit every submission of this turn in one transaction
 * (STYLE practice 11, after Redis's beforeSleep). */
static void on_wake(uv_idle_t *h) { uv_idle_stop(h); }

static void on_inbox(uv_async_t *h) { dsc__submit_take_inbox(h->data); }

static void on_turn_end(uv_prepare_t *h) {
  dsc_engine_t *e = h->data;
  dsc__op_t *op;
  dsc__op_queue_t ready = e->deferred;
  unsigned long before = e->finished;

  memset(&e->deferred, 0, sizeof e->deferred);
  while ((op = dsc__op_queue_pop(&ready)) != NULL)
    dsc__op_finish(op);
  if (e->intake.count > 0 && !e->closing)
    dsc__submit_flush(e);
  if (e->acts.count > 0 && !e->closing)
    dsc__act_flush(e);
  if (e->deferred.count == 0 && e->intake.count == 0 && e->acts.count == 0)
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
      (state_size && (op->state = dsc__calloc(1, state_size)) == NULL)) {
    dsc__free(op->actor);
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
static void engine_release(dsc_engine_t *e) {
  dsc_engine_close_cb cb = e->close_cb;
  void *data = e->close_data;

  if (--e->open_handles > 0)
    return;
  if (e->inbox_ok)
    uv_mutex_destroy(&e->inbox_lock);
  dsc_calendar_destroy(e->calendar);
  dsc__act_free(e);
  dsc__free(e->conninfo);
  dsc__free(e);
  if (cb)
    cb(data);
}

static void on_pg_closed(void *arg) {
  dsc_engine_t *e = arg;
  e->pg = NULL;
  engine_release(e);
}

static void on_act_pg_closed(void *arg) {
  dsc_engine_t *e = arg;
  e->act_pg = NULL;
  engine_release(e);
}

static void on_turn_end_closed(uv_handle_t *h) { engine_release(h->data); }

void dsc_engine_close(dsc_engine_t *e, dsc_engine_close_cb cb, void *data) {
  dsc__op_t *op;

  if (e == NULL || e->closing)
    return;
  e->closing = true;
  e->close_cb = cb;
  e->close_data = data;
  while ((op = dsc__op_queue_pop(&e->deferred)) != NULL)
    dsc__op_finish(op);
  /* From now on other threads are turned away; what they handed over
   * already is failed with the rest. */
  if (e->inbox_ok) {
    uv_mutex_lock(&e->inbox_lock);
    e->inbox_closed = true;
    uv_mutex_unlock(&e->inbox_lock);
    dsc__submit_take_inbox(e);
  }
  while ((op = dsc__op_queue_pop(&e->deferred)) != NULL)
    dsc__op_finish(op);
  while ((op = dsc__op_queue_pop(&e->intake)) != NULL)
    dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
  dsc__act_close(e);
  dsc__calendar_fail_waiters(e, DSC_UNAVAILABLE, NULL);
  e->open_handles++; /* the connection, released by on_pg_closed */
  dsc__pg_close(e->pg, on_pg_closed, e);
  if (e->act_pg) {
    e->open_handles++; /* released by on_act_pg_closed */
    dsc__pg_close(e->act_pg, on_act_pg_closed, e);
  }
  uv_prepare_stop(&e->turn_end);
  uv_close((uv_handle_t *)&e->turn_end, on_turn_end_closed);
  uv_idle_stop(&e->wake);
  uv_close((uv_handle_t *)&e->wake, on_turn_end_closed);
  if (e->inbox_ok)
    uv_close((uv_handle_t *)&e->inbox_wake, on_turn_end_closed);
}

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

dsc_err_t dsc_engine_ping(dsc_engine_t *e, dsc_result_cb cb, void *data) {
  return dsc__op_single(e, DSC_SQL_PING, NULL, cb, data);
}

/* ---- small shared helpers --------------------------------------------- */

const char *dsc__cell(const PGresult *res, int row, int col) {
  if (row >= PQntuples(res) || col >= PQnfields(res) ||
      PQgetisnull(res, row, col))
    return NULL;
  return PQgetvalue(res, row, col);
}

int64_t dsc__cell_int(const PGresult *res, int row, int col) {
  const char *v = dsc__cell(res, row, col);
  return v ? strtoll(v, NULL, 10) : 0;
}

dsc_date_t dsc__cell_date(const PGresult *res, int row, int col) {
  const char *v = dsc__cell(res, row, col);
  dsc_date_t d;
  if (v == NULL || dsc_date_parse(v, &d) != DSC_OK)
    return DSC_DATE_NONE;
  return d;
}

unsigned dsc__roles_from_array(const char *literal) {
  unsigned roles = 0;
  char word[32];
  size_t n = 0;

  if (literal == NULL)
    return 0;
  for (const char *p = literal;; p++) {
    if (*p == '{' || *p == '"')
      continue;
    if (*p == ',' || *p == '}' || *p == '\0') {
      dsc_role_t r;
      word[n] = '\0';
      if (n > 0 && dsc_role_parse(word, &r) == DSC_OK)
        roles |= (unsigned)r;
      n = 0;
      if (*p == '\0')
        break;
      continue;
    }
    if (n + 1 < sizeof word)
      word[n++] = *p;
  }
  return roles;
}

const char *dsc__roles_to_array(unsigned roles, char *buf, size_t buflen) {
  size_t used = 0;
  int n = snprintf(buf, buflen, "{");
  used = (size_t)n;
  for (unsigned bit = 1; bit <= DSC_ROLE_ALL; bit <<= 1) {
    if (!(roles & bit))
      continue;
    n = snprintf(buf + used, buflen - used, "%s%s", used > 1 ? "," : "",
                 dsc_role_name((dsc_role_t)bit));
    if (n < 0 || (size_t)n >= buflen - used)
      break;
    used += (size_t)n;
  }
  snprintf(buf + used, buflen - used, "}");
  return buf;
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

bool dsc__is_identifier(const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n == 0 || n > 64)
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  }
  return true;
}
