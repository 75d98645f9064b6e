/* The pipeline (see pgloop.h and pgloop_int.h): batches and their queues;
 * sending them back to back in pipeline mode, the mergeable ones of a run
 * sharing one transaction, and a script with pipeline mode off; reading the
 * results and matching them to what was sent. The connection it runs on is
 * connection.c's, which it reaches through the handle's two hooks; the rows
 * of a transaction go out through coalesce.c.
 *
 * libpq on libuv. The rule this file keeps, from libpq's asynchronous and
 * pipeline chapters (the socket's, from libuv's poll documentation, are
 * connection.c's):
 *
 * - Results are read only while PQisBusy is false, every result is cleared,
 *   and results are matched against what was sent, in order: a prepare, an
 *   execution (each ended by a NULL), a Sync.
 */
#include <string.h>

#include "alloc.h"
#include "pgloop_int.h"

/* At most this many statements share one merged transaction. */
#define DSC_PG_MERGE_MAX 2000

/* Transactions of mergeable batches sent before the first is answered.
 * While they are in flight the next mergeable batches wait, so that the
 * writes that arrive during one commit's execution and fsync share the
 * next commit instead of each paying its own (measured over HTTP, where
 * actions arrive one per loop turn: every write its own transaction and
 * fsync, all in series on one server process). Two, not one, so that the
 * server finds the next transaction waiting when a commit returns: the
 * group commit of submissions (ops/submit.c) keeps the same two. */
#define DSC_PG_MERGED_IN_FLIGHT 2

/* ---- queues and batches ---------------------------------------------- */

static void queue_push(dsc__pg_queue_t *q, dsc__pg_batch_t *b) {
  b->next = NULL;
  if (q->tail)
    q->tail->next = b;
  else
    q->head = b;
  q->tail = b;
}

static dsc__pg_batch_t *queue_pop(dsc__pg_queue_t *q) {
  dsc__pg_batch_t *b = q->head;
  if (b) {
    q->head = b->next;
    if (q->head == NULL)
      q->tail = NULL;
    b->next = NULL;
  }
  return b;
}

/* Drops what a batch holds from having been sent: its results and its
 * expectations. */
static void batch_unsend(dsc__pg_batch_t *b) {
  for (int i = 0; i < b->nstmts; i++) {
    PQclear(b->stmts[i].held);
    b->stmts[i].held = NULL;
  }
  for (int i = 0; i < b->nrowsets; i++)
    dsc__free(b->rowsets[i].rows);
  dsc__free(b->rowsets);
  b->rowsets = NULL;
  b->nrowsets = 0;
  dsc__free(b->expect);
  b->expect = NULL;
  b->nexpect = b->pos = 0;
  b->synced = false;
}

static void batch_free(dsc__pg_batch_t *b) {
  if (b == NULL)
    return;
  batch_unsend(b);
  for (int i = 0; i < b->nstmts; i++)
    for (int k = 0; k < b->stmts[i].nparams; k++)
      dsc__free(b->stmts[i].values[k]);
  dsc__free(b->stmts);
  dsc__free(b->expect);
  dsc__free(b->script);
  dsc__free(b);
}

static void batch_fail(dsc__pg_batch_t *b, dsc_err_t err, const char *message,
                       const char *message_zh) {
  if (b->err == DSC_OK) {
    b->err = err;
    dsc_detail_set(&b->detail, err, "database", message, message_zh);
  }
}

/* Calls the batch's done callback once and frees it. */
static void batch_finish(dsc__pg_batch_t *b) {
  b->pg->outstanding--;
  if (b->done)
    b->done(b->arg, b->err, b->err == DSC_OK ? NULL : &b->detail);
  batch_free(b);
}

void dsc__pg_fail_queue(dsc__pg_queue_t *q, const char *message) {
  dsc__pg_batch_t *b;
  while ((b = queue_pop(q)) != NULL) {
    batch_fail(b, DSC_UNAVAILABLE, message, "数据库连接中断");
    batch_finish(b);
  }
}

/* ---- sending ----------------------------------------------------------- */

/* Sends b's own statements (not its rows), with room in its expectations
 * for `rows` rows more. */
static bool send_own(dsc__pg_t *pg, dsc__pg_batch_t *b, int rows) {
  batch_unsend(b); /* what a failed earlier attempt left */
  b->expect =
      dsc__calloc((size_t)(b->nstmts + rows) * 2 + 1, sizeof *b->expect);
  if (b->expect == NULL)
    return false;
  for (int i = 0; i < b->nstmts; i++) {
    dsc__pg_stmt_t *s = &b->stmts[i];
    if (s->row)
      continue;
    if (!dsc__pg_send_exec(pg, b, s->id, s->nparams,
                           (const char *const *)s->values))
      return false;
    b->expect[b->nexpect++] =
        (dsc__pg_expect_t){.kind = DSC__PG_EXPECT_EXEC, .stmt = s};
  }
  return true;
}

/* How many pending batches, from the head, go into one transaction: a run
 * of mergeable ones of at most DSC_PG_MERGE_MAX statements, else one. */
static int merge_run(const dsc__pg_t *pg) {
  const dsc__pg_batch_t *b = pg->pending.head;
  int n = 0, stmts = 0;
  if (b == NULL || !b->mergeable)
    return 1;
  for (; b && b->mergeable && !b->script &&
         (n == 0 || stmts + b->nstmts <= DSC_PG_MERGE_MAX);
       b = b->next) {
    stmts += b->nstmts;
    n++;
  }
  return n;
}

/* Sends the first `run` pending batches as one transaction, moving each to
 * the in-flight queue once its own statements are sent: each batch's own
 * statements in order, then the rows of all of them, carried by the last
 * batch, then the Sync that ends the transaction. */
static bool send_run(dsc__pg_t *pg, int run) {
  dsc__pg_stmt_t **rows;
  int nrows = 0, k = 0;
  dsc__pg_batch_t *b = pg->pending.head;
  bool ok;

  for (int i = 0; i < run; i++, b = b->next)
    for (int j = 0; j < b->nstmts; j++)
      nrows += b->stmts[j].row;
  rows = dsc__calloc((size_t)nrows + 1, sizeof *rows);
  if (rows == NULL)
    return false;
  b = pg->pending.head;
  for (int i = 0; i < run; i++, b = b->next)
    for (int j = 0; j < b->nstmts; j++)
      if (b->stmts[j].row)
        rows[k++] = &b->stmts[j];
  for (int i = 0; i < run; i++) {
    bool last = i == run - 1;
    b = pg->pending.head;
    ok = send_own(pg, b, last ? nrows : 0) &&
         (!last || nrows == 0 || dsc__pg_send_rows(pg, b, rows, nrows));
    if (ok && last) {
      ok = PQpipelineSync(pg->conn) == 1;
      b->expect[b->nexpect++] = (dsc__pg_expect_t){.kind = DSC__PG_EXPECT_SYNC};
    }
    if (!ok) {
      dsc__free(rows);
      return false;
    }
    b->synced = last;
    if (last && b->mergeable)
      pg->merged_in_flight++;
    queue_push(&pg->inflight, queue_pop(&pg->pending));
  }
  dsc__free(rows);
  return true;
}

/* Sends what can be sent: batches back to back in the pipeline; a script
 * only once nothing else is in flight, with pipeline mode off. */
void dsc__pg_pump(dsc__pg_t *pg) {
  bool sent = false;

  while (pg->state == DSC__PG_READY && pg->pending.head && !pg->in_script) {
    dsc__pg_batch_t *b = pg->pending.head;
    if (b->script) {
      if (pg->inflight.head)
        break;
      if (PQexitPipelineMode(pg->conn) != 1 ||
          !PQsendQuery(pg->conn, b->script)) {
        pg->lost(pg, PQerrorMessage(pg->conn));
        return;
      }
      pg->in_script = true;
    } else {
      /* Mergeable batches queued together share one transaction: one
       * Sync, one commit, one fsync for all of them (the group commit of
       * transitions). The queue keeps its order: what waits behind a
       * held write would have waited behind the commit in the server's
       * one process anyway. */
      if (b->mergeable && pg->merged_in_flight >= DSC_PG_MERGED_IN_FLIGHT)
        break;
      if (!send_run(pg, merge_run(pg))) {
        pg->lost(pg, PQerrorMessage(pg->conn));
        return;
      }
      sent = true;
      continue;
    }
    queue_push(&pg->inflight, queue_pop(&pg->pending));
    sent = true;
  }
  if (sent)
    pg->flush(pg);
}

/* ---- receiving --------------------------------------------------------- */

static void record_result_error(dsc__pg_batch_t *b, const PGresult *res) {
  if (b->err == DSC_OK)
    b->err = dsc__pg_result_error(res, &b->detail);
}

static bool result_ok(const PGresult *res) {
  ExecStatusType st = PQresultStatus(res);
  return st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK;
}

static void finish_head(dsc__pg_t *pg) {
  batch_finish(queue_pop(&pg->inflight));
}

/* The Sync of a merged transaction arrived for the head batch: the members
 * waiting in pg->merged and the head committed together, or not at all.
 * On success each member hears its results, then its end, in order. On a
 * failure of a transaction of several members, each is sent again on its
 * own, so that only the guilty one fails; its neighbours heard nothing. */
static void finish_merged(dsc__pg_t *pg) {
  dsc__pg_queue_t members = pg->merged;
  dsc__pg_batch_t *b, *head = queue_pop(&pg->inflight);
  bool failed = false;
  int n = 0;

  memset(&pg->merged, 0, sizeof pg->merged);
  queue_push(&members, head);
  for (b = members.head; b; b = b->next) {
    failed = failed || b->err != DSC_OK;
    n++;
  }
  if (failed && n > 1) {
    dsc__pg_queue_t again = {0};
    while ((b = queue_pop(&members)) != NULL) {
      batch_unsend(b);
      b->err = DSC_OK;
      b->mergeable = false;
      queue_push(&again, b);
    }
    again.tail->next = pg->pending.head;
    if (pg->pending.head == NULL)
      pg->pending.tail = again.tail;
    pg->pending.head = again.head;
    return;
  }
  while ((b = queue_pop(&members)) != NULL) {
    for (int i = 0; b->err == DSC_OK && i < b->nstmts; i++)
      if (b->stmts[i].held && b->stmts[i].cb)
        b->stmts[i].cb(b->stmts[i].arg, b->stmts[i].held);
    batch_finish(b);
  }
}

/* One result (or the NULL that ends a statement) for the head batch. */
static void take_result(dsc__pg_t *pg, PGresult *res) {
  dsc__pg_batch_t *b = pg->inflight.head;
  dsc__pg_expect_t *e;

  if (b->script) {
    if (res == NULL) { /* the whole script is done */
      pg->in_script = false;
      if (PQenterPipelineMode(pg->conn) != 1) {
        pg->lost(pg, PQerrorMessage(pg->conn));
        return;
      }
      finish_head(pg);
      return;
    }
    if (!result_ok(res))
      record_result_error(b, res);
    else if (b->script_cb && PQresultStatus(res) == PGRES_TUPLES_OK &&
             b->err == DSC_OK)
      b->script_cb(b->arg, res);
    PQclear(res);
    return;
  }

  /* A member of a merged transaction whose statements are all rows, which
   * its transaction's last batch carries: nothing of its own to wait for. */
  while (b && !b->synced && b->nexpect == 0) {
    queue_push(&pg->merged, queue_pop(&pg->inflight));
    b = pg->inflight.head;
  }
  if (b == NULL) {
    PQclear(res);
    return;
  }
  if (res && PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
    /* The Sync answers for the whole batch: the transaction ended. */
    PQclear(res);
    if (b->mergeable) {
      pg->merged_in_flight--;
      finish_merged(pg);
    } else {
      finish_head(pg);
    }
    return;
  }
  if (b->pos >= b->nexpect) { /* nothing expected: tolerate a stray NULL */
    PQclear(res);
    return;
  }
  e = &b->expect[b->pos];
  if (res == NULL) {
    if (e->kind != DSC__PG_EXPECT_SYNC)
      b->pos++;
    /* A member of a merged transaction before its last: answered, it
     * waits for the Sync that comes with the last one. */
    if (!b->synced && b->pos >= b->nexpect)
      queue_push(&pg->merged, queue_pop(&pg->inflight));
    return;
  }
  if (e->kind == DSC__PG_EXPECT_PREPARE) {
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
      pg->prepared[e->prepared] = true;
    } else {
      pg->prepare_sent[e->prepared] = false; /* prepare again next time */
      if (PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
        record_result_error(b, res);
    }
  } else if (e->kind == DSC__PG_EXPECT_ROWS) {
    if (result_ok(res)) {
      if (!dsc__pg_deliver_rows(b, e->rows, res))
        batch_fail(b, DSC_INTERNAL,
                   "a result of several rows could not be split",
                   "无法拆分多行语句的结果");
    } else if (PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
      record_result_error(b, res);
    else if (b->err == DSC_OK)
      batch_fail(b, DSC_INTERNAL, "pipeline aborted", "管道已中止");
  } else if (e->kind == DSC__PG_EXPECT_EXEC) {
    dsc__pg_stmt_t *s = e->stmt;
    if (result_ok(res)) {
      if (b->mergeable && s->cb) {
        s->held = res; /* delivered once the transaction committed */
        return;
      }
      if (s->cb && b->err == DSC_OK)
        s->cb(s->arg, res);
    } else if (PQresultStatus(res) != PGRES_PIPELINE_ABORTED) {
      record_result_error(b, res);
    } else if (b->err == DSC_OK) {
      batch_fail(b, DSC_INTERNAL, "pipeline aborted", "管道已中止");
    }
  }
  PQclear(res);
}

void dsc__pg_drain(dsc__pg_t *pg) {
  /* Batches queued by the callbacks below wait for the end of the drain,
   * so that the writes of many operations decided in one read go out
   * together and can share a transaction. */
  pg->draining = true;
  while (pg->state == DSC__PG_READY && pg->inflight.head) {
    if (PQisBusy(pg->conn))
      break;
    take_result(pg, PQgetResult(pg->conn));
  }
  pg->draining = false;
  if (pg->state == DSC__PG_READY)
    dsc__pg_pump(pg);
}

/* ---- public (internal) API --------------------------------------------- */

dsc__pg_batch_t *dsc__pg_batch_new(dsc__pg_t *pg, dsc__pg_done_cb done,
                                   void *arg) {
  dsc__pg_batch_t *b = dsc__calloc(1, sizeof *b);
  if (b == NULL)
    return NULL;
  b->pg = pg;
  b->done = done;
  b->arg = arg;
  return b;
}

dsc_err_t dsc__pg_batch_add(dsc__pg_batch_t *b, dsc_sql_id_t id, int nparams,
                            const char *const *values, dsc__pg_result_cb cb,
                            void *arg) {
  const dsc_sql_t *sql = dsc__sql(id);
  dsc__pg_stmt_t *s;

  if (sql == NULL || sql->nparams != nparams || nparams > DSC_PG_MAX_PARAMS)
    return DSC_MISUSE;
  if (b->nstmts == b->cap) {
    int cap = b->cap ? b->cap * 2 : 4;
    dsc__pg_stmt_t *grown = dsc__realloc(b->stmts, (size_t)cap * sizeof *grown);
    if (grown == NULL)
      return DSC_NOMEM;
    b->stmts = grown;
    b->cap = cap;
  }
  s = &b->stmts[b->nstmts];
  memset(s, 0, sizeof *s);
  s->id = id;
  s->cb = cb;
  s->arg = arg;
  for (int k = 0; k < nparams; k++) {
    if (values[k] == NULL)
      continue;
    s->values[k] = dsc__strdup(values[k]);
    if (s->values[k] == NULL) {
      for (int j = 0; j < k; j++)
        dsc__free(s->values[j]);
      return DSC_NOMEM;
    }
  }
  s->nparams = nparams;
  b->nstmts++;
  return DSC_OK;
}

dsc_err_t dsc__pg_batch_add_row(dsc__pg_batch_t *b, dsc_sql_id_t id,
                                dsc_sql_id_t many, int64_t key, int nparams,
                                const char *const *values, dsc__pg_result_cb cb,
                                void *arg) {
  const dsc_sql_t *m = dsc__sql(many);
  dsc_err_t err;

  if (m == NULL || m->nparams != nparams)
    return DSC_MISUSE;
  if ((err = dsc__pg_batch_add(b, id, nparams, values, cb, arg)) != DSC_OK)
    return err;
  b->stmts[b->nstmts - 1].row = true;
  b->stmts[b->nstmts - 1].many = many;
  b->stmts[b->nstmts - 1].key = key;
  return DSC_OK;
}

int dsc__pg_batch_size(const dsc__pg_batch_t *b) { return b->nstmts; }

int dsc__pg_outstanding(const dsc__pg_t *pg) { return pg->outstanding; }

/* The refusal dsc__pg_batch_send arms (below). It lives with the sending
 * rather than with the connection whose timer it runs on, so that the
 * pipeline names no function of connection.c. */
static void on_refuse(uv_timer_t *t) {
  dsc__pg_t *pg = t->data;
  if (pg->state == DSC__PG_WAITING)
    dsc__pg_fail_queue(&pg->pending, "database unavailable");
}

void dsc__pg_batch_send(dsc__pg_batch_t *b) {
  dsc__pg_t *pg = b->pg;
  pg->outstanding++;
  queue_push(&pg->pending, b);
  /* Sending now is fine: results, and so callbacks, only ever arrive
   * from the loop. While results are being read, sending waits for the
   * end of the drain (which pumps). */
  if (pg->state == DSC__PG_READY && !pg->draining)
    dsc__pg_pump(pg);
  /* A fail-fast engine in an outage refuses new work at once (from the
   * loop, never inside this call) rather than holding it until the next
   * attempt; the attempts themselves keep their backoff. */
  else if (pg->state == DSC__PG_WAITING && pg->opts.fail_fast &&
           pg->outage_logged)
    uv_timer_start(&pg->refuse, on_refuse, 0, 0);
}

void dsc__pg_batch_set_mergeable(dsc__pg_batch_t *b) { b->mergeable = true; }

void dsc__pg_batch_discard(dsc__pg_batch_t *b) { batch_free(b); }

dsc_err_t dsc__pg_script(dsc__pg_t *pg, const char *sql, dsc__pg_result_cb cb,
                         dsc__pg_done_cb done, void *arg) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(pg, done, arg);
  if (b == NULL)
    return DSC_NOMEM;
  b->script = dsc__strdup(sql);
  if (b->script == NULL) {
    batch_free(b);
    return DSC_NOMEM;
  }
  b->script_cb = cb;
  dsc__pg_batch_send(b);
  return DSC_OK;
}

dsc_err_t dsc__pg_result_error(const PGresult *res, dsc_detail_t *detail) {
  const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
  dsc_err_t err = DSC_INTERNAL;

  if (state == NULL)
    state = "";
  if (primary == NULL)
    primary = PQresultErrorMessage(res);
  if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0 ||
      strncmp(state, "53", 2) == 0)
    err = DSC_UNAVAILABLE;
  else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
           strcmp(state, "23505") == 0 || strcmp(state, "55P03") == 0)
    err = DSC_CONFLICT;
  else if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
    err = DSC_INVALID;
  else if (strcmp(state, "42501") == 0)
    err = DSC_FORBIDDEN;
  else if (strcmp(state, "DS006") == 0) /* a transition the table refuses */
    err = DSC_CONFLICT;
  else if (strcmp(state, "DS401") == 0) /* no live API session (0022) */
    err = DSC_UNAUTHENTICATED;
  else if (strcmp(state, "P0002") == 0) /* no_data_found: no such row */
    err = DSC_NOT_FOUND;
  else if (strcmp(state, "42P01") == 0 || strcmp(state, "42703") == 0 ||
           strcmp(state, "42883") == 0) {
    return dsc_detail_setf(detail, DSC_UNAVAILABLE, "database",
                           "the schema is missing or out of date (%s, SQLSTATE "
                           "%s): run `disclose migrate`",
                           "数据库结构缺失或过旧（%s，SQLSTATE %s）：请运行 "
                           "`disclose migrate`",
                           primary, state);
  }
  if (err != DSC_INTERNAL && err != DSC_UNAVAILABLE) {
    /* The database's own refusals (migrations/0012) read "field: why". */
    size_t n = strspn(primary, "abcdefghijklmnopqrstuvwxyz_");
    if (n > 0 && n < 32 && strncmp(primary + n, ": ", 2) == 0) {
      char field[32];
      memcpy(field, primary, n);
      field[n] = '\0';
      return dsc_detail_setf(detail, err, field, "%s (refused by the database)",
                             "%s（数据库拒绝）", primary + n + 2);
    }
  }
  return dsc_detail_setf(detail, err, "database", "%s (SQLSTATE %s)",
                         "%s（SQLSTATE %s）", primary, state);
}
