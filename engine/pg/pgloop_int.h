/* The pipelined connection's internals, shared by the three files that
 * implement pgloop.h and by no other (STYLE practice 1: the interface the
 * rest of the engine may use is pgloop.h). As libpq cuts fe-connect from
 * fe-exec:
 *
 * connection.c  the connection's life: the socket watch, connecting,
 *               reconnecting with backoff, a lost connection, closing;
 * pgloop.c      the pipeline: batches and their queues, sending them (the
 *               merged transactions), reading the results and matching
 *               them to what was sent;
 * coalesce.c    the row coalescer: the rows of a transaction sent as
 *               executions of their statements of several rows, each
 *               execution's result split back into one per row.
 *
 * They call each other in one direction only, connection.c -> pgloop.c ->
 * coalesce.c, so that each can be read without the ones above it
 * (tests/lint/cycles.sh fails on a circle). Where the pipeline needs the
 * connection, it goes through the two hooks the connection sets in the
 * handle (lost, flush), as hiredis's async.c reaches its event-loop adapter
 * through the hooks the adapter sets.
 */
#ifndef DSC_ENGINE_PGLOOP_INT_H
#define DSC_ENGINE_PGLOOP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "pgloop.h"

#define DSC_PG_MAX_PARAMS 32

typedef enum {
  DSC__PG_EXPECT_PREPARE,
  DSC__PG_EXPECT_EXEC,
  DSC__PG_EXPECT_ROWS,
  DSC__PG_EXPECT_SYNC
} dsc__pg_expect_kind_t;

typedef struct dsc__pg_stmt {
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
} dsc__pg_stmt_t;

/* One execution of a statement of several rows: its rows, in the order of
 * its parameters' elements. */
typedef struct dsc__pg_rowset {
  dsc_sql_id_t many;
  int n;
  dsc__pg_stmt_t **rows;
} dsc__pg_rowset_t;

typedef struct dsc__pg_expect {
  dsc__pg_expect_kind_t kind;
  dsc_sql_id_t prepared;  /* DSC__PG_EXPECT_PREPARE */
  dsc__pg_stmt_t *stmt;   /* DSC__PG_EXPECT_EXEC: of this batch or, for a
                             row, of any batch of its transaction */
  dsc__pg_rowset_t *rows; /* DSC__PG_EXPECT_ROWS */
} dsc__pg_expect_t;

struct dsc__pg_batch {
  dsc__pg_t *pg;
  struct dsc__pg_batch *next;
  char *script; /* a script instead of statements, or NULL */
  dsc__pg_result_cb script_cb;
  dsc__pg_stmt_t *stmts;
  int nstmts, cap;
  dsc__pg_expect_t *expect; /* built when sent */
  int nexpect, pos;
  /* The transaction's rows, when this batch ends it. */
  dsc__pg_rowset_t *rowsets;
  int nrowsets;
  dsc__pg_done_cb done;
  void *arg;
  dsc_err_t err; /* the first failure */
  dsc_detail_t detail;
  bool mergeable; /* may share its transaction with its neighbours */
  bool synced;    /* sent with the Sync that ends its transaction */
};

typedef enum {
  DSC__PG_WAITING, /* not connected; the timer starts the next attempt */
  DSC__PG_CONNECTING,
  DSC__PG_READY,
  DSC__PG_CLOSING
} dsc__pg_state_t;

typedef struct dsc__pg_queue {
  dsc__pg_batch_t *head, *tail;
} dsc__pg_queue_t;

struct dsc__pg {
  uv_loop_t *loop;
  char *conninfo;
  dsc__pg_options_t opts;
  dsc__pg_state_t state;
  PGconn *conn;
  uv_poll_t *poll;
  int poll_events;
  uv_timer_t timer;
  dsc__pg_queue_t pending;  /* queued, not yet sent */
  dsc__pg_queue_t inflight; /* sent, awaiting results, in send order */
  dsc__pg_queue_t merged;   /* answered members of the open merged
                               transaction, awaiting its Sync */
  int outstanding;          /* batches sent and not yet finished */
  int merged_in_flight;     /* transactions of mergeable batches sent and
                               not yet answered by their Sync */
  bool draining;            /* reading results: sending waits for the end */
  bool in_script;           /* pipeline mode is off while a script runs */
  bool flushing;
  bool prepared[DSC_SQL__COUNT];
  bool prepare_sent[DSC_SQL__COUNT];
  bool outage_logged; /* "unavailable" said; "reachable again" owed */
  unsigned attempts;
  uint64_t rng;
  void (*close_cb)(void *);
  void *close_arg;
  int open_handles;  /* handles whose close callback is outstanding */
  uv_timer_t refuse; /* fail-fast: refuses work queued during an outage */
  /* The two things the pipeline asks of the connection, set by
   * dsc__pg_create (connection.c): drop a connection that failed (every
   * batch sent on it then fails with DSC_UNAVAILABLE), and flush what was
   * sent, watching for WRITABLE while some remains (false when that failed
   * and the connection was dropped). */
  void (*lost)(dsc__pg_t *pg, const char *why);
  bool (*flush)(dsc__pg_t *pg);
};

/* ---- the pipeline (pgloop.c), for the connection ----------------------- */

/* Fails every batch of q with DSC_UNAVAILABLE and message, and frees it. */
void dsc__pg_fail_queue(dsc__pg_queue_t *q, const char *message);

/* Sends what can be sent of the pending batches. */
void dsc__pg_pump(dsc__pg_t *pg);

/* Reads the results that have arrived, then sends what waited for that. */
void dsc__pg_drain(dsc__pg_t *pg);

/* ---- the row coalescer (coalesce.c), for the pipeline ------------------- */

/* One execution of statement id for batch b, prepared first on its first
 * use on this connection. False when libpq refused to queue it. */
bool dsc__pg_send_exec(dsc__pg_t *pg, dsc__pg_batch_t *b, dsc_sql_id_t id,
                       int nparams, const char *const *values);

/* Sends the n rows of a transaction, carried by its last batch b, as few
 * executions as their keys allow. False when out of memory or when libpq
 * refused to queue one. */
bool dsc__pg_send_rows(dsc__pg_t *pg, dsc__pg_batch_t *b, dsc__pg_stmt_t **rows,
                       int n);

/* Splits the result of set's execution into one per row and delivers each
 * to its row; false, having delivered none, when it could not be split. */
bool dsc__pg_deliver_rows(dsc__pg_batch_t *b, dsc__pg_rowset_t *set,
                          const PGresult *res);

#endif
