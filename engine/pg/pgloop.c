/* Over 700 lines: its three jobs (the connection and its backoff, the
 * pipeline, the row coalescer) are to be cut apart as libpq cuts fe-connect
 * from fe-exec (issue 13, part 4, still to do).
 *
 * libpq on libuv (see pgloop.h). The rules this file keeps, from libuv's
 * poll documentation and libpq's asynchronous and pipeline chapters:
 *
 * - One uv_poll_t per socket, and never across a libpq call that may close
 *   or replace the socket: while connecting, the poll handle is closed
 *   before each PQconnectPoll and a new one made on PQsocket afterwards
 *   (a multi-host conninfo moves to another socket between attempts).
 *   uv_close removes the descriptor from epoll at once, so the descriptor
 *   is still open when libuv lets go of it.
 * - WRITABLE is watched only while PQflush reports unsent data; READABLE is
 *   always watched, and a readable socket is consumed even while flushing,
 *   so neither side can wait on the other.
 * - Results are read only while PQisBusy is false, every result is cleared,
 *   and results are matched against what was sent, in order: a prepare, an
 *   execution (each ended by a NULL), a Sync.
 */
#include "pgloop.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "pgarray.h"

#define DSC_PG_MAX_PARAMS 32
#define DSC_PG_BACKOFF_MIN_MS 100u
#define DSC_PG_BACKOFF_MAX_MS 5000u
/* At most this many statements share one merged transaction. */
#define DSC_PG_MERGE_MAX 2000

typedef enum {
  EXPECT_PREPARE,
  EXPECT_EXEC,
  EXPECT_ROWS,
  EXPECT_SYNC
} expect_kind_t;

typedef struct stmt {
  dsc_sql_id_t id;
  dsc_sql_id_t many; /* a row (dsc__pg_batch_add_row): its statement of
                        several rows */
  bool row;
  int64_t key;
  int nparams;
  char *values[DSC_PG_MAX_PARAMS];
  dsc__pg_result_cb cb;
  void *arg;
  PGresult *held; /* a mergeable batch's result, delivered after COMMIT */
} stmt_t;

/* One execution of a statement of several rows: its rows, in the order of
 * its parameters' elements. */
typedef struct rowset {
  dsc_sql_id_t many;
  int n;
  stmt_t **rows;
} rowset_t;

typedef struct expect {
  expect_kind_t kind;
  dsc_sql_id_t prepared; /* EXPECT_PREPARE */
  stmt_t *stmt;          /* EXPECT_EXEC: of this batch or, for a row, of any
                            batch of its transaction */
  rowset_t *rows;        /* EXPECT_ROWS */
  bool got_result;
} expect_t;

struct dsc__pg_batch {
  dsc__pg_t *pg;
  struct dsc__pg_batch *next;
  char *script; /* a script instead of statements, or NULL */
  dsc__pg_result_cb script_cb;
  stmt_t *stmts;
  int nstmts, cap;
  expect_t *expect; /* built when sent */
  int nexpect, pos;
  rowset_t *rowsets; /* the transaction's rows, when this batch ends it */
  int nrowsets;
  dsc__pg_done_cb done;
  void *arg;
  dsc_err_t err; /* the first failure */
  dsc_detail_t detail;
  bool mergeable; /* may share its transaction with its neighbours */
  bool synced;    /* sent with the Sync that ends its transaction */
};

typedef enum {
  PG_WAITING, /* not connected; the timer starts the next attempt */
  PG_CONNECTING,
  PG_READY,
  PG_CLOSING
} pg_state_t;

typedef struct batch_queue {
  dsc__pg_batch_t *head, *tail;
} batch_queue_t;

struct dsc__pg {
  uv_loop_t *loop;
  char *conninfo;
  dsc__pg_options_t opts;
  pg_state_t state;
  PGconn *conn;
  uv_poll_t *poll;
  int poll_events;
  uv_timer_t timer;
  batch_queue_t pending;  /* queued, not yet sent */
  batch_queue_t inflight; /* sent, awaiting results, in send order */
  batch_queue_t merged;   /* answered members of the open merged
                             transaction, awaiting its Sync */
  bool draining;          /* reading results: sending waits for the end */
  bool in_script;         /* pipeline mode is off while a script runs */
  bool flushing;
  bool prepared[DSC_SQL__COUNT];
  bool prepare_sent[DSC_SQL__COUNT];
  bool was_ready;     /* connected at least once */
  bool outage_logged; /* "unavailable" said; "reachable again" owed */
  unsigned attempts;
  uint64_t rng;
  void (*close_cb)(void *);
  void *close_arg;
  int open_handles;  /* handles whose close callback is outstanding */
  uv_timer_t refuse; /* fail-fast: refuses work queued during an outage */
};

/* ---- queues and batches ---------------------------------------------- */

static void queue_push(batch_queue_t *q, dsc__pg_batch_t *b) {
  b->next = NULL;
  if (q->tail)
    q->tail->next = b;
  else
    q->head = b;
  q->tail = b;
}

static dsc__pg_batch_t *queue_pop(batch_queue_t *q) {
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
  if (b->done)
    b->done(b->arg, b->err, b->err == DSC_OK ? NULL : &b->detail);
  batch_free(b);
}

static void fail_queue(batch_queue_t *q, const char *message) {
  dsc__pg_batch_t *b;
  while ((b = queue_pop(q)) != NULL) {
    batch_fail(b, DSC_UNAVAILABLE, message, "数据库连接中断");
    batch_finish(b);
  }
}

/* ---- logging --------------------------------------------------------- */

static void pg_log(dsc__pg_t *pg, const char *what, const char *why) {
  char line[512];
  if (pg->opts.log == NULL)
    return;
  snprintf(line, sizeof line, "%s%s%s", what, why ? ": " : "", why ? why : "");
  /* libpq messages end in a newline; a log line does not. */
  line[strcspn(line, "\n")] = '\0';
  pg->opts.log(pg->opts.log_data, line);
}

static void quiet_notice(void *arg, const char *message) {
  (void)arg;
  (void)message; /* NOTICEs ("relation exists, skipping") are not errors */
}

/* ---- the socket watch -------------------------------------------------- */

static void on_handle_closed(uv_handle_t *h);
static void on_poll(uv_poll_t *poll, int status, int events);

static void unwatch(dsc__pg_t *pg) {
  if (pg->poll) {
    uv_close((uv_handle_t *)pg->poll, on_handle_closed);
    pg->poll = NULL;
    pg->poll_events = 0;
  }
}

static bool watch(dsc__pg_t *pg, int events) {
  int fd;

  if (pg->poll && pg->poll_events == events)
    return true;
  if (pg->poll == NULL) {
    fd = PQsocket(pg->conn);
    if (fd < 0)
      return false;
    pg->poll = dsc__calloc(1, sizeof *pg->poll);
    if (pg->poll == NULL)
      return false;
    if (uv_poll_init(pg->loop, pg->poll, fd) != 0) {
      /* Not yet known to the loop: free it directly. */
      dsc__free(pg->poll);
      pg->poll = NULL;
      return false;
    }
    pg->poll->data = pg;
    pg->open_handles++;
  }
  if (uv_poll_start(pg->poll, events, on_poll) != 0)
    return false;
  pg->poll_events = events;
  return true;
}

/* ---- connection life cycle ------------------------------------------- */

static void start_connect(dsc__pg_t *pg);
static void pump(dsc__pg_t *pg);

static unsigned backoff_ms(dsc__pg_t *pg) {
  unsigned base = DSC_PG_BACKOFF_MIN_MS;
  uint64_t z;

  for (unsigned i = 1; i < pg->attempts && base < DSC_PG_BACKOFF_MAX_MS; i++)
    base *= 2;
  if (base > DSC_PG_BACKOFF_MAX_MS)
    base = DSC_PG_BACKOFF_MAX_MS;
  /* ±25 % jitter, so that several engines do not reconnect in step. */
  z = (pg->rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 31)) * 0xBF58476D1CE4E5B9ull;
  return base - base / 4 + (unsigned)(z % (base / 2 + 1));
}

static void on_refuse(uv_timer_t *t) {
  dsc__pg_t *pg = t->data;
  if (pg->state == PG_WAITING)
    fail_queue(&pg->pending, "database unavailable");
}

static void on_timer(uv_timer_t *t) {
  dsc__pg_t *pg = t->data;
  if (pg->state == PG_CONNECTING) { /* the attempt took too long */
    unwatch(pg);
    PQfinish(pg->conn);
    pg->conn = NULL;
    pg->state = PG_WAITING;
    if (!pg->outage_logged)
      pg_log(pg, "database unavailable", "connection timed out");
    pg->outage_logged = true;
    if (pg->opts.fail_fast)
      fail_queue(&pg->pending, "connection timed out");
    uv_timer_start(&pg->timer, on_timer, backoff_ms(pg), 0);
    return;
  }
  if (pg->state == PG_WAITING)
    start_connect(pg);
}

/* The connection is gone: everything sent has an unknown outcome. */
static void connection_lost(dsc__pg_t *pg, const char *why) {
  char msg[256];

  snprintf(msg, sizeof msg, "%s", why ? why : "connection lost");
  msg[strcspn(msg, "\n")] = '\0';
  /* One line per outage, however many attempts it takes. */
  if (!pg->outage_logged)
    pg_log(pg, "database unavailable", msg);
  pg->outage_logged = true;
  unwatch(pg);
  if (pg->conn)
    PQfinish(pg->conn);
  pg->conn = NULL;
  pg->in_script = false;
  pg->flushing = false;
  pg->state = PG_WAITING;
  uv_timer_stop(&pg->timer);
  fail_queue(&pg->merged, msg);
  fail_queue(&pg->inflight, msg);
  if (pg->opts.fail_fast)
    fail_queue(&pg->pending, msg);
  if (pg->state == PG_WAITING)
    uv_timer_start(&pg->timer, on_timer, backoff_ms(pg), 0);
}

static void connected(dsc__pg_t *pg) {
  dsc__pg_batch_t *setup;

  uv_timer_stop(&pg->timer);
  if (PQsetnonblocking(pg->conn, 1) != 0 ||
      PQenterPipelineMode(pg->conn) != 1) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return;
  }
  PQsetNoticeProcessor(pg->conn, quiet_notice, NULL);
  memset(pg->prepared, 0, sizeof pg->prepared);
  memset(pg->prepare_sent, 0, sizeof pg->prepare_sent);
  if (pg->outage_logged)
    pg_log(pg, "database reachable again", NULL);
  pg->outage_logged = false;
  pg->attempts = 0;
  pg->state = PG_READY;
  if (!watch(pg, UV_READABLE)) {
    connection_lost(pg, "cannot watch the socket");
    return;
  }
  /* Session settings go first, ahead of any queued work. */
  setup = dsc__pg_batch_new(pg, NULL, NULL);
  if (setup &&
      dsc__pg_batch_add(setup, DSC_SQL_SESSION_SETUP, 0, NULL, NULL, NULL) ==
          DSC_OK &&
      (pg->opts.notify == NULL ||
       dsc__pg_batch_add(setup, DSC_SQL_LISTEN, 0, NULL, NULL, NULL) ==
           DSC_OK)) {
    setup->next = pg->pending.head;
    pg->pending.head = setup;
    if (pg->pending.tail == NULL)
      pg->pending.tail = setup;
  } else {
    batch_free(setup);
  }
  pump(pg);
}

static void connect_step(dsc__pg_t *pg) {
  PostgresPollingStatusType st;

  unwatch(pg); /* the socket may change inside PQconnectPoll */
  st = PQconnectPoll(pg->conn);
  switch (st) {
  case PGRES_POLLING_READING:
    if (!watch(pg, UV_READABLE))
      connection_lost(pg, "cannot watch the socket");
    break;
  case PGRES_POLLING_WRITING:
    if (!watch(pg, UV_WRITABLE))
      connection_lost(pg, "cannot watch the socket");
    break;
  case PGRES_POLLING_OK:
    connected(pg);
    break;
  case PGRES_POLLING_FAILED:
  case PGRES_POLLING_ACTIVE:
    connection_lost(pg, PQerrorMessage(pg->conn));
    break;
  }
}

static void start_connect(dsc__pg_t *pg) {
  unsigned timeout =
      pg->opts.connect_timeout_ms ? pg->opts.connect_timeout_ms : 10000u;
  pg->attempts++;
  pg->state = PG_CONNECTING;
  pg->conn = PQconnectStart(pg->conninfo);
  if (pg->conn == NULL) {
    connection_lost(pg, "out of memory");
    return;
  }
  if (PQstatus(pg->conn) == CONNECTION_BAD) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return;
  }
  uv_timer_start(&pg->timer, on_timer, timeout, 0);
  /* libpq: act as if PQconnectPoll had asked for a writable socket. */
  if (!watch(pg, UV_WRITABLE))
    connection_lost(pg, "cannot watch the socket");
}

/* ---- sending ----------------------------------------------------------- */

static bool flush(dsc__pg_t *pg) {
  int r = PQflush(pg->conn);
  if (r < 0) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return false;
  }
  pg->flushing = (r == 1);
  if (!watch(pg, pg->flushing ? UV_READABLE | UV_WRITABLE : UV_READABLE)) {
    connection_lost(pg, "cannot watch the socket");
    return false;
  }
  return true;
}

/* Prepares statement id first if this connection has not yet been asked
 * to, then sends one execution of it; b expects the prepare's answer. */
static bool send_exec(dsc__pg_t *pg, dsc__pg_batch_t *b, dsc_sql_id_t id,
                      int nparams, const char *const *values) {
  const dsc_sql_t *sql = dsc__sql(id);
  if (!pg->prepare_sent[id]) {
    if (!PQsendPrepare(pg->conn, sql->name, sql->text, sql->nparams, NULL))
      return false;
    pg->prepare_sent[id] = true;
    b->expect[b->nexpect++] =
        (expect_t){.kind = EXPECT_PREPARE, .prepared = id};
  }
  return PQsendQueryPrepared(pg->conn, sql->name, nparams, values, NULL, NULL,
                             0) == 1;
}

/* Sends b's own statements (not its rows), with room in its expectations
 * for `rows` rows more. */
static bool send_own(dsc__pg_t *pg, dsc__pg_batch_t *b, int rows) {
  batch_unsend(b); /* what a failed earlier attempt left */
  b->expect =
      dsc__calloc((size_t)(b->nstmts + rows) * 2 + 1, sizeof *b->expect);
  if (b->expect == NULL)
    return false;
  for (int i = 0; i < b->nstmts; i++) {
    stmt_t *s = &b->stmts[i];
    if (s->row)
      continue;
    if (!send_exec(pg, b, s->id, s->nparams, (const char *const *)s->values))
      return false;
    b->expect[b->nexpect++] = (expect_t){.kind = EXPECT_EXEC, .stmt = s};
  }
  return true;
}

/* One execution of set->many for the rows of set, carried by b. */
static bool send_rowset(dsc__pg_t *pg, dsc__pg_batch_t *b, rowset_t *set) {
  int nparams = set->rows[0]->nparams;
  dsc__pgarray_t arrays[DSC_PG_MAX_PARAMS];
  const char *values[DSC_PG_MAX_PARAMS] = {0};
  bool ok = true;

  for (int k = 0; k < nparams; k++) {
    dsc__pgarray_init(&arrays[k]);
    for (int j = 0; j < set->n; j++)
      dsc__pgarray_add(&arrays[k], set->rows[j]->values[k]);
    ok = (values[k] = dsc__pgarray_finish(&arrays[k])) != NULL && ok;
  }
  ok = ok && send_exec(pg, b, set->many, nparams, values);
  for (int k = 0; k < nparams; k++)
    dsc__pgarray_free(&arrays[k]);
  if (ok)
    b->expect[b->nexpect++] = (expect_t){.kind = EXPECT_ROWS, .rows = set};
  return ok;
}

/* A slot of the table that numbers the rows of one key. */
typedef struct key_count {
  int64_t key;
  dsc_sql_id_t many;
  int count; /* 0: free */
} key_count_t;

/* For each row, how many rows of the same statement and key come before it
 * in the transaction: its round. */
static int number_rounds(stmt_t *const *rows, int n, int *round) {
  size_t cap = 16, mask;
  key_count_t *t;
  int max = 0;

  while (cap < 2 * (size_t)n)
    cap *= 2;
  if ((t = dsc__calloc(cap, sizeof *t)) == NULL)
    return -1;
  mask = cap - 1;
  for (int j = 0; j < n; j++) {
    uint64_t h = ((uint64_t)rows[j]->key ^ ((uint64_t)rows[j]->many << 40)) *
                 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 20) & mask;
    while (t[i].count > 0 &&
           (t[i].key != rows[j]->key || t[i].many != rows[j]->many))
      i = (i + 1) & mask;
    t[i].key = rows[j]->key;
    t[i].many = rows[j]->many;
    round[j] = t[i].count++;
    if (round[j] > max)
      max = round[j];
  }
  dsc__free(t);
  return max;
}

/* Sends the rows of a transaction, carried by its last batch b: by rounds
 * (a key's first row in the first round, its second in the next, ...), so
 * that no statement of several rows sees one key twice and the rows of a
 * key run in the order they were added; in each round, the rows of one
 * statement go as one execution of its statement of several rows, or of
 * itself when there is only one. */
static bool send_rows(dsc__pg_t *pg, dsc__pg_batch_t *b, stmt_t **rows, int n) {
  int *round = dsc__calloc((size_t)n, sizeof *round);
  bool *sent = dsc__calloc((size_t)n, sizeof *sent);
  int max = round ? number_rounds(rows, n, round) : -1;
  bool ok = max >= 0 && sent != NULL &&
            (b->rowsets = dsc__calloc((size_t)n, sizeof *b->rowsets)) != NULL;

  for (int r = 0; ok && r <= max; r++)
    for (int j = 0; ok && j < n; j++) {
      rowset_t *set;
      int m = 0;
      if (round[j] != r || sent[j])
        continue;
      set = &b->rowsets[b->nrowsets];
      if ((set->rows = dsc__calloc((size_t)(n - j), sizeof *set->rows)) ==
          NULL) {
        ok = false;
        break;
      }
      b->nrowsets++;
      set->many = rows[j]->many;
      for (int k = j; k < n; k++)
        if (round[k] == r && !sent[k] && rows[k]->many == set->many) {
          set->rows[m++] = rows[k];
          sent[k] = true;
        }
      set->n = m;
      if (m == 1) {
        ok = send_exec(pg, b, rows[j]->id, rows[j]->nparams,
                       (const char *const *)rows[j]->values);
        if (ok)
          b->expect[b->nexpect++] =
              (expect_t){.kind = EXPECT_EXEC, .stmt = rows[j]};
      } else {
        ok = send_rowset(pg, b, set);
      }
    }
  dsc__free(round);
  dsc__free(sent);
  return ok;
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
  stmt_t **rows;
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
         (!last || nrows == 0 || send_rows(pg, b, rows, nrows));
    if (ok && last) {
      ok = PQpipelineSync(pg->conn) == 1;
      b->expect[b->nexpect++] = (expect_t){.kind = EXPECT_SYNC};
    }
    if (!ok) {
      dsc__free(rows);
      return false;
    }
    b->synced = last;
    queue_push(&pg->inflight, queue_pop(&pg->pending));
  }
  dsc__free(rows);
  return true;
}

/* Sends what can be sent: batches back to back in the pipeline; a script
 * only once nothing else is in flight, with pipeline mode off. */
static void pump(dsc__pg_t *pg) {
  bool sent = false;

  while (pg->state == PG_READY && pg->pending.head && !pg->in_script) {
    dsc__pg_batch_t *b = pg->pending.head;
    if (b->script) {
      if (pg->inflight.head)
        break;
      if (PQexitPipelineMode(pg->conn) != 1 ||
          !PQsendQuery(pg->conn, b->script)) {
        connection_lost(pg, PQerrorMessage(pg->conn));
        return;
      }
      pg->in_script = true;
    } else {
      /* Mergeable batches queued together share one transaction: one
       * Sync, one commit, one fsync for all of them (the group commit of
       * transitions). */
      if (!send_run(pg, merge_run(pg))) {
        connection_lost(pg, PQerrorMessage(pg->conn));
        return;
      }
      sent = true;
      continue;
    }
    queue_push(&pg->inflight, queue_pop(&pg->pending));
    sent = true;
  }
  if (sent)
    flush(pg);
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
  batch_queue_t members = pg->merged;
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
    batch_queue_t again = {0};
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

/* The result of a statement of several rows, split into one result per
 * row with the columns after the first (the row's position, from 1), as
 * the statement of one row would have returned it. Delivered as that
 * statement's result would be (held until the commit in a mergeable
 * batch). */
static void deliver_rows(dsc__pg_batch_t *b, rowset_t *set,
                         const PGresult *res) {
  int ncols = PQnfields(res), ntuples = PQntuples(res);
  PGresAttDesc attrs[DSC_PG_MAX_PARAMS];
  PGresult **out;
  bool ok = ncols >= 1 && ncols - 1 <= DSC_PG_MAX_PARAMS;

  out = ok ? dsc__calloc((size_t)set->n, sizeof *out) : NULL;
  ok = out != NULL;
  for (int c = 1; ok && c < ncols; c++)
    attrs[c - 1] =
        (PGresAttDesc){PQfname(res, c),   PQftable(res, c), PQftablecol(res, c),
                       PQfformat(res, c), PQftype(res, c),  PQfsize(res, c),
                       PQfmod(res, c)};
  for (int j = 0; ok && j < set->n; j++)
    ok = (out[j] = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK)) != NULL &&
         PQsetResultAttrs(out[j], ncols - 1, ncols > 1 ? attrs : NULL) == 1;
  for (int t = 0; ok && t < ntuples; t++) {
    long n = strtol(PQgetvalue(res, t, 0), NULL, 10);
    PGresult *r;
    if (n < 1 || n > set->n) {
      ok = false;
      break;
    }
    r = out[n - 1];
    for (int c = 1; ok && c < ncols; c++)
      ok =
          PQsetvalue(r, PQntuples(r), c - 1,
                     PQgetisnull(res, t, c) ? NULL : PQgetvalue(res, t, c),
                     PQgetisnull(res, t, c) ? -1 : PQgetlength(res, t, c)) == 1;
  }
  if (!ok) {
    batch_fail(b, DSC_INTERNAL, "a result of several rows could not be split",
               "无法拆分多行语句的结果");
  }
  for (int j = 0; out && j < set->n; j++) {
    stmt_t *s = set->rows[j];
    if (ok && b->mergeable && s->cb) {
      s->held = out[j];
      continue;
    }
    if (ok && s->cb && b->err == DSC_OK)
      s->cb(s->arg, out[j]);
    PQclear(out[j]);
  }
  dsc__free(out);
}

/* One result (or the NULL that ends a statement) for the head batch. */
static void take_result(dsc__pg_t *pg, PGresult *res) {
  dsc__pg_batch_t *b = pg->inflight.head;
  expect_t *e;

  if (b->script) {
    if (res == NULL) { /* the whole script is done */
      pg->in_script = false;
      if (PQenterPipelineMode(pg->conn) != 1) {
        connection_lost(pg, PQerrorMessage(pg->conn));
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
    if (b->mergeable)
      finish_merged(pg);
    else
      finish_head(pg);
    return;
  }
  if (b->pos >= b->nexpect) { /* nothing expected: tolerate a stray NULL */
    PQclear(res);
    return;
  }
  e = &b->expect[b->pos];
  if (res == NULL) {
    if (e->kind != EXPECT_SYNC)
      b->pos++;
    /* A member of a merged transaction before its last: answered, it
     * waits for the Sync that comes with the last one. */
    if (!b->synced && b->pos >= b->nexpect)
      queue_push(&pg->merged, queue_pop(&pg->inflight));
    return;
  }
  if (e->kind == EXPECT_PREPARE) {
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
      pg->prepared[e->prepared] = true;
    } else {
      pg->prepare_sent[e->prepared] = false; /* prepare again next time */
      if (PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
        record_result_error(b, res);
    }
  } else if (e->kind == EXPECT_ROWS) {
    if (result_ok(res))
      deliver_rows(b, e->rows, res);
    else if (PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
      record_result_error(b, res);
    else if (b->err == DSC_OK)
      batch_fail(b, DSC_INTERNAL, "pipeline aborted", "管道已中止");
  } else if (e->kind == EXPECT_EXEC) {
    stmt_t *s = e->stmt;
    if (result_ok(res)) {
      if (b->mergeable && s->cb) {
        s->held = res; /* delivered once the transaction committed */
        e->got_result = true;
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
  e->got_result = true;
  PQclear(res);
}

static void drain(dsc__pg_t *pg) {
  /* Batches queued by the callbacks below wait for the end of the drain,
   * so that the writes of many operations decided in one read go out
   * together and can share a transaction. */
  pg->draining = true;
  while (pg->state == PG_READY && pg->inflight.head) {
    if (PQisBusy(pg->conn))
      break;
    take_result(pg, PQgetResult(pg->conn));
  }
  pg->draining = false;
  if (pg->state == PG_READY)
    pump(pg);
}

static void on_poll(uv_poll_t *poll, int status, int events) {
  dsc__pg_t *pg = poll->data;

  if (pg->state == PG_CONNECTING) {
    connect_step(pg);
    return;
  }
  if (pg->state != PG_READY)
    return;
  if (status < 0) {
    connection_lost(pg, uv_strerror(status));
    return;
  }
  if (events & UV_READABLE) {
    PGnotify *n;
    if (!PQconsumeInput(pg->conn)) {
      connection_lost(pg, PQerrorMessage(pg->conn));
      return;
    }
    while ((n = PQnotifies(pg->conn)) != NULL) {
      if (pg->opts.notify)
        pg->opts.notify(pg->opts.notify_data, n->extra ? n->extra : "");
      PQfreemem(n);
    }
  }
  if (pg->flushing && !flush(pg))
    return;
  drain(pg);
}

/* ---- public (internal) API --------------------------------------------- */

dsc_err_t dsc__pg_create(uv_loop_t *loop, const char *conninfo,
                         const dsc__pg_options_t *opts, dsc__pg_t **out) {
  dsc__pg_t *pg;

  *out = NULL;
  pg = dsc__calloc(1, sizeof *pg);
  if (pg == NULL)
    return DSC_NOMEM;
  pg->conninfo = dsc__strdup(conninfo ? conninfo : "");
  if (pg->conninfo == NULL) {
    dsc__free(pg);
    return DSC_NOMEM;
  }
  if (opts)
    pg->opts = *opts;
  pg->loop = loop;
  pg->rng = uv_hrtime() ^ (uint64_t)(uintptr_t)pg;
  uv_timer_init(loop, &pg->timer);
  uv_timer_init(loop, &pg->refuse);
  pg->refuse.data = pg;
  pg->timer.data = pg;
  pg->open_handles = 2;
  start_connect(pg);
  *out = pg;
  return DSC_OK;
}

bool dsc__pg_ready(const dsc__pg_t *pg) { return pg->state == PG_READY; }

static void on_handle_closed(uv_handle_t *h) {
  dsc__pg_t *pg = h->data;
  if (h != (uv_handle_t *)&pg->timer && h != (uv_handle_t *)&pg->refuse)
    dsc__free(h); /* a poll handle, allocated by watch() */
  if (--pg->open_handles == 0 && pg->state == PG_CLOSING) {
    void (*cb)(void *) = pg->close_cb;
    void *arg = pg->close_arg;
    dsc__free(pg->conninfo);
    dsc__free(pg);
    if (cb)
      cb(arg);
  }
}

void dsc__pg_close(dsc__pg_t *pg, void (*cb)(void *arg), void *arg) {
  if (pg == NULL || pg->state == PG_CLOSING)
    return;
  pg->state = PG_CLOSING;
  pg->close_cb = cb;
  pg->close_arg = arg;
  unwatch(pg);
  if (pg->conn)
    PQfinish(pg->conn);
  pg->conn = NULL;
  fail_queue(&pg->merged, "engine closed");
  fail_queue(&pg->inflight, "engine closed");
  fail_queue(&pg->pending, "engine closed");
  uv_timer_stop(&pg->timer);
  uv_close((uv_handle_t *)&pg->timer, on_handle_closed);
  uv_close((uv_handle_t *)&pg->refuse, on_handle_closed);
}

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
  stmt_t *s;

  if (sql == NULL || sql->nparams != nparams || nparams > DSC_PG_MAX_PARAMS)
    return DSC_MISUSE;
  if (b->nstmts == b->cap) {
    int cap = b->cap ? b->cap * 2 : 4;
    stmt_t *grown = dsc__realloc(b->stmts, (size_t)cap * sizeof *grown);
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

void dsc__pg_batch_send(dsc__pg_batch_t *b) {
  dsc__pg_t *pg = b->pg;
  queue_push(&pg->pending, b);
  /* Sending now is fine: results, and so callbacks, only ever arrive
   * from the loop. While results are being read, sending waits for the
   * end of the drain (which pumps). */
  if (pg->state == PG_READY && !pg->draining)
    pump(pg);
  /* A fail-fast engine in an outage refuses new work at once (from the
   * loop, never inside this call) rather than holding it until the next
   * attempt; the attempts themselves keep their backoff. */
  else if (pg->state == PG_WAITING && pg->opts.fail_fast && pg->outage_logged)
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
