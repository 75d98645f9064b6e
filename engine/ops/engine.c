/* The engine handle: creation, the turn it registers with op.c (the one
 * place that names the subsystems that run at the end of a loop turn), and
 * orderly closing. */
#include "engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "turn.h"

/* The other threads' submissions, handed over through the inbox. */
static void on_inbox(uv_async_t *h) { dsc__submit_take_inbox(h->data); }

/* The end of each loop turn (op.c calls it): commit every submission of
 * this turn in one transaction, read every action of it with one
 * statement. The one place that names the subsystems. */
static void engine_turn(dsc_engine_t *e) {
  if (e->intake.count > 0)
    dsc__submit_flush(e);
  if (e->acts.count > 0)
    dsc__act_flush(e);
}

static bool engine_turn_pending(const dsc_engine_t *e) {
  return e->intake.count > 0 || e->acts.count > 0;
}

static void log_from_pg(void *data, const char *message) {
  dsc__engine_log(data, message);
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
  e->turn = engine_turn;
  e->turn_pending = engine_turn_pending;
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
  e->spread = opts->connections >= 2;
  e->act_pg_options = pgo;
  e->act_pg_options.notify = NULL;
  e->conninfo = dsc__strdup(opts->conninfo); /* NULL: no second connection */
  if (opts->login_conninfo &&
      (e->login_conninfo = dsc__strdup(opts->login_conninfo)) == NULL) {
    dsc__free(e->conninfo);
    dsc__free(e);
    return DSC_NOMEM;
  }
  err = dsc__pg_create(loop, opts->conninfo, &pgo, &e->pg);
  if (err != DSC_OK) {
    dsc__free(e->conninfo);
    dsc__free(e->login_conninfo);
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
  dsc__free(e->login_conninfo);
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
  dsc__session_close(e);
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

dsc_err_t dsc_engine_ping(dsc_engine_t *e, dsc_result_cb cb, void *data) {
  return dsc__op_single(e, DSC_SQL_PING, NULL, cb, data);
}

/* ---- small shared helpers --------------------------------------------- */
