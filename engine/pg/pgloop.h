/* libpq on libuv, the interface (internal): connection.c is the one file that
 * touches a PostgreSQL socket, pgloop.c the pipeline, coalesce.c its rows.
 *
 * A dsc__pg_t is one non-blocking connection driven by the loop. Work is
 * queued as *batches*: a list of prepared statements sent in pipeline mode
 * and closed by a Sync, so that the statements of one batch run as one
 * implicit transaction and the Sync's answer proves the commit (libpq
 * "Pipeline Mode"; protocol "Extended Query": a Sync ends the implicit
 * transaction). A *script* is one multi-statement text (a migration) sent
 * with the simple-query protocol outside pipeline mode.
 *
 * Callbacks run on the loop thread, never from inside the call that queued
 * the work. Parameters are copied when the work is queued.
 */
#ifndef DSC_ENGINE_PGLOOP_H
#define DSC_ENGINE_PGLOOP_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <uv.h>

#include "disclose/error.h"
#include "sql.h"

typedef struct dsc__pg dsc__pg_t;
typedef struct dsc__pg_batch dsc__pg_batch_t;

/* One statement's successful result (PGRES_TUPLES_OK or COMMAND_OK). The
 * result is cleared after the call returns. */
typedef void (*dsc__pg_result_cb)(void *arg, const PGresult *res);

/* The end of a batch or script. err is DSC_OK only when every statement
 * succeeded and the transaction ended (Sync answered); otherwise the
 * detail names the SQLSTATE and the server's message, and nothing of the
 * batch was committed — except DSC_UNAVAILABLE after the batch was sent,
 * where the outcome is unknown. */
typedef void (*dsc__pg_done_cb)(void *arg, dsc_err_t err,
                                const dsc_detail_t *detail);

typedef void (*dsc__pg_log_cb)(void *data, const char *message);

/* A NOTIFY on the channel listened to: its payload ("" when none). */
typedef void (*dsc__pg_notify_cb)(void *data, const char *payload);

typedef struct dsc__pg_options {
  bool fail_fast; /* fail queued work when a connection attempt fails
                     (the CLI) rather than wait for the reconnect */
  unsigned connect_timeout_ms; /* per attempt; 0 = 10 s */
  dsc__pg_log_cb log;          /* state changes worth a log line, or NULL */
  void *log_data;
  dsc__pg_notify_cb notify; /* when set, every session LISTENs on the
                               channel `disclose` (re-issued after each
                               reconnect) and NOTIFYs arrive here */
  void *notify_data;
} dsc__pg_options_t;

/* Creates a connection handle and starts connecting. conninfo is copied. */
dsc_err_t dsc__pg_create(uv_loop_t *loop, const char *conninfo,
                         const dsc__pg_options_t *opts, dsc__pg_t **out);

/* Fails every queued and in-flight piece of work with DSC_UNAVAILABLE,
 * closes the connection and frees the handle once libuv has closed its
 * handles; cb (may be NULL) runs then. */
void dsc__pg_close(dsc__pg_t *pg, void (*cb)(void *arg), void *arg);

/* The SCRAM-SHA-256 verifier of user's password, made here by libpq
 * (PQencryptPasswordConn, no round trip), so that a password is never a
 * statement's parameter. Free with PQfreemem. NULL when not connected or
 * out of memory. */
char *dsc__pg_password_verifier(dsc__pg_t *pg, const char *user,
                                const char *password);

/* True once connected and the statement registry is prepared. */
bool dsc__pg_ready(const dsc__pg_t *pg);

/* Starts a batch; add statements, then dsc__pg_batch_send queues it. NULL
 * when out of memory. */
dsc__pg_batch_t *dsc__pg_batch_new(dsc__pg_t *pg, dsc__pg_done_cb done,
                                   void *arg);

/* Appends an execution of registry statement id with nparams text values
 * (NULL = SQL NULL), copied. cb (may be NULL) receives its result. Returns
 * DSC_NOMEM or DSC_MISUSE (parameter count disagrees with the registry);
 * the batch stays usable for dsc__pg_batch_discard. */
dsc_err_t dsc__pg_batch_add(dsc__pg_batch_t *b, dsc_sql_id_t id, int nparams,
                            const char *const *values, dsc__pg_result_cb cb,
                            void *arg);

/* Appends one row of a statement that also exists for several rows: an
 * execution of id, like dsc__pg_batch_add, except that when its
 * transaction (the batch, or the merged transaction it joins) holds other
 * rows of the same `many`, they are sent together as one execution of
 * `many`. That statement takes id's parameters, each as an array with one
 * element per row (a text[] literal, cast by the statement), and returns
 * id's result columns preceded by the row's position in the arrays (from
 * 1); each row's cb then receives its own rows, with id's columns, as id
 * would have returned them. Rows sharing a key (e.g. the request written)
 * never go into one execution: the key's second row goes into the next
 * execution, and so on, in the order added. All rows of a transaction run
 * after the statements added with dsc__pg_batch_add to its batches, so a
 * row must not depend on such a statement of the same transaction. A
 * failing execution fails the whole transaction, which a merged one retries
 * batch by batch (dsc__pg_batch_set_mergeable). DSC_MISUSE when the
 * parameter counts disagree, DSC_NOMEM. */
dsc_err_t dsc__pg_batch_add_row(dsc__pg_batch_t *b, dsc_sql_id_t id,
                                dsc_sql_id_t many, int64_t key, int nparams,
                                const char *const *values, dsc__pg_result_cb cb,
                                void *arg);

/* Lets the batch share its transaction with the mergeable batches queued
 * next to it (DSC_PG_MERGE_MAX statements at most): one Sync, one commit
 * for all — the group commit of transitions. Its statements' results are
 * then delivered only after that commit, and if the shared transaction
 * fails, every member is retried alone, so each batch still commits or
 * fails as a whole and only on its own account. For batches whose
 * statements never depend on each other's effects within the transaction
 * beyond what a version check decides. While two such transactions are in
 * flight the next mergeable batch waits, and what is queued behind it,
 * so that it gathers the writes that arrive during a commit. */
void dsc__pg_batch_set_mergeable(dsc__pg_batch_t *b);

/* Number of statements added so far. */
int dsc__pg_batch_size(const dsc__pg_batch_t *b);

/* The batches sent on pg and not yet finished (queued, in flight, or
 * waiting for their merged transaction's commit): how busy it is. */
int dsc__pg_outstanding(const dsc__pg_t *pg);

/* Queues the batch; its done callback will run exactly once. */
void dsc__pg_batch_send(dsc__pg_batch_t *b);

/* Frees a batch that was never sent, without calling back. */
void dsc__pg_batch_discard(dsc__pg_batch_t *b);

/* Queues a multi-statement script (copied); cb receives the result of each
 * statement that returns rows. */
dsc_err_t dsc__pg_script(dsc__pg_t *pg, const char *sql, dsc__pg_result_cb cb,
                         dsc__pg_done_cb done, void *arg);

/* Maps a failed result to an error code and detail (SQLSTATE kept). */
dsc_err_t dsc__pg_result_error(const PGresult *res, dsc_detail_t *detail);

#endif
