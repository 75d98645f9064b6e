/* The engine handle and its operations' common shape (internal). */
#ifndef DSC_ENGINE_ENGINE_INT_H
#define DSC_ENGINE_ENGINE_INT_H

#include <stdatomic.h>

#include "cell.h"
#include "disclose/calendar.h"
#include "disclose/engine.h"
#include "disclose/request.h"
#include "names.h"
#include "pgloop.h"
#include "roles.h"

typedef struct dsc__op dsc__op_t;

/* One asynchronous operation: who asked, for whom to call back, and the
 * result being built. Operations with several steps keep their own state
 * behind `state`, freed with free_state when the op ends. */
struct dsc__op {
  dsc_engine_t *engine;
  dsc__op_t *next; /* in the deferred or intake queue */
  dsc_result_cb cb;
  void *data;
  dsc_result_t result;
  char *actor;
  char *session; /* the actor's API session token (dsc_ctx_t), or NULL */
  dsc_date_t on;
  dsc_date_t today;
  void *state;
  void (*free_state)(void *state);
  void (*calendar_then)(dsc__op_t *op); /* waiting for the calendar */
};

typedef struct dsc__op_queue {
  dsc__op_t *head, *tail;
  unsigned count;
} dsc__op_queue_t;

struct dsc_engine {
  uv_loop_t *loop;
  dsc__pg_t *pg;
  uv_prepare_t turn_end;     /* runs just before the loop blocks */
  uv_idle_t wake;            /* keeps the loop from blocking once after
                                callbacks ran in turn_end (see engine.c) */
  unsigned long finished;    /* callbacks run so far */
  dsc__op_queue_t deferred;  /* results known at once, delivered next turn */
  dsc__op_queue_t intake;    /* submissions waiting for the next group commit */
  unsigned groups_in_flight; /* group commits sent and not yet answered */
  /* Staff actions waiting for the next merged read, and the requests with
   * an action under way (act.c, busy.h). */
  dsc__op_queue_t acts;
  struct dsc__busy *act_busy;
  /* A second connection for the staff actions of a busy turn (route.c),
   * opened on first need with the first one's settings (no LISTEN), and
   * the actions sent and not yet ended on each. */
  dsc__pg_t *act_pg;
  char *conninfo;
  char *login_conninfo;   /* staff logins' connections (session.c), or NULL */
  dsc__op_queue_t logins; /* logins whose connection is under way */
  dsc__pg_options_t act_pg_options;
  unsigned act_inflight_main, act_inflight_second;
  bool spread; /* options.connections >= 2: dsc__route_spread may use both */
  /* Submissions handed over by other threads (dsc_request_submit_from_
   * thread): the only state touched off the loop thread, under inbox_lock. */
  uv_mutex_t inbox_lock;
  dsc__op_queue_t inbox;
  uv_async_t inbox_wake;
  bool inbox_ok;           /* the mutex and async handle exist */
  bool inbox_closed;       /* under inbox_lock: closing */
  atomic_uint submissions; /* accepted and not yet ended, any thread */
  unsigned max_queued;
  int due_soon_days;
  /* The working-day calendar, loaded on first need (calendar_cache.c). */
  dsc_calendar_t *calendar;
  int64_t calendar_generation;
  bool calendar_loading;
  dsc__op_queue_t calendar_waiters;
  /* What the end of a turn runs after the deferred results (op.c), set
   * by engine.c, which alone names the subsystems: flush their queues,
   * and whether any has work left for the next turn. */
  void (*turn)(dsc_engine_t *e);
  bool (*turn_pending)(const dsc_engine_t *e);
  bool closing;
  int open_handles;
  dsc_log_cb log;
  void *log_data;
  void *data;
  dsc_engine_close_cb close_cb;
  void *close_data;
};

/* Makes an op for ctx (actor copied; ctx may be NULL for migrate) with a
 * zeroed state of state_size bytes (0: none), released by free_state
 * (NULL: dsc__free), which must accept a state still all zero. NULL when
 * out of memory. */
dsc__op_t *dsc__op_new(dsc_engine_t *e, const dsc_ctx_t *ctx, dsc_result_cb cb,
                       void *data, size_t state_size,
                       void (*free_state)(void *state));

/* Frees an op that was never queued, without calling back: for a public
 * call that fails before it starts anything. Accepts NULL. */
void dsc__op_discard(dsc__op_t *op);

/* The start of a public operation: DSC_MISUSE for a NULL engine or
 * context, DSC_UNAVAILABLE when the engine is closing, DSC_NOMEM; on
 * DSC_OK *out is a new op as dsc__op_new makes it (NULL otherwise). */
dsc_err_t dsc__op_open(dsc_engine_t *e, const dsc_ctx_t *ctx, dsc_result_cb cb,
                       void *data, size_t state_size,
                       void (*free_state)(void *state), dsc__op_t **out);

/* Discards op (dsc__op_discard) and returns DSC_NOMEM: a public call that
 * ran out of memory before it started anything ends with
 * `return dsc__op_abandon(op);`. */
dsc_err_t dsc__op_abandon(dsc__op_t *op);

/* The op's queues. */
void dsc__op_queue_push(dsc__op_queue_t *q, dsc__op_t *op);
dsc__op_t *dsc__op_queue_pop(dsc__op_queue_t *q);

/* True when the op names an acting staff member; otherwise defers the
 * DSC_INVALID "actor" refusal and returns false. */
bool dsc__op_require_actor(dsc__op_t *op);

/* dsc__op_require_actor, and then ctx's business date (dsc__check_on):
 * true when both hold; otherwise the refusal is deferred and false. For
 * the operations that record an event dated ctx->on. */
bool dsc__op_require_actor_on(dsc__op_t *op, const dsc_ctx_t *ctx);

/* DSC_NOT_FOUND: no active staff member `login`, named as field. */
dsc_err_t dsc__detail_unknown_staff(dsc_detail_t *detail, const char *field,
                                    const char *login);

/* Ends op with its result as it stands: calls back, frees. Only from loop
 * callbacks, never from inside a public call. */
void dsc__op_finish(dsc__op_t *op);

/* Ends op with an error (detail copied; may be NULL). */
void dsc__op_fail(dsc__op_t *op, dsc_err_t err, const dsc_detail_t *detail);

/* Queues op to be finished at the end of this loop turn: for results known
 * inside a public call, which must not call back synchronously. */
void dsc__op_defer(dsc__op_t *op);

/* Records an error in op's result and defers it; returns DSC_OK so that a
 * public function can `return dsc__op_defer_error(...)`. */
dsc_err_t dsc__op_defer_error(dsc__op_t *op, dsc_err_t err, const char *field,
                              const char *message, const char *message_zh);

/* Runs the one statement id (no parameters) for a new op without a
 * context: on_row (may be NULL) sees its result with the op as argument
 * and may fill op->result; cb gets the result after it. DSC_MISUSE,
 * DSC_UNAVAILABLE (closing), DSC_NOMEM. */
dsc_err_t dsc__op_single(dsc_engine_t *e, dsc_sql_id_t id,
                         dsc__pg_result_cb on_row, dsc_result_cb cb,
                         void *data);

/* Sends statement id with values[0..n) for op, in a batch of its own on the
 * engine's connection: on_row (may be NULL) sees its result, on_done ends
 * the batch (both get op). DSC_OK, or DSC_NOMEM with nothing sent: the
 * caller ends op. */
dsc_err_t dsc__op_send_one(dsc__op_t *op, dsc_sql_id_t id, int n,
                           const char *const *values, dsc__pg_result_cb on_row,
                           dsc__pg_done_cb on_done);

/* dsc__op_send_one on the connection pg. */
dsc_err_t dsc__op_send_one_on(dsc__op_t *op, dsc__pg_t *pg, dsc_sql_id_t id,
                              int n, const char *const *values,
                              dsc__pg_result_cb on_row,
                              dsc__pg_done_cb on_done);

/* Adds to b, first, the statement that lets the daemon act in b's
 * transaction for op's actor through their API session (migrations/0022,
 * dsc_web_bind): nothing when op has no session. DSC_NOMEM. Every batch
 * that writes for a staff member calls it before its writes. */
dsc_err_t dsc__op_bind_session(const dsc__op_t *op, dsc__pg_batch_t *b);

/* Ends the logins under way (session.c): each fails with
 * DSC_UNAVAILABLE, now. For dsc_engine_close. */
void dsc__session_close(dsc_engine_t *e);

/* The end of a versioned write's batch: err fails op; a write that matched
 * no row (no result built, no error recorded) met a concurrent change, and
 * op ends with DSC_CONFLICT on "version" saying en / zh; otherwise op ends
 * with the result built. */
void dsc__op_end_write(dsc__op_t *op, dsc_err_t err, const dsc_detail_t *d,
                       const char *en, const char *zh);

/* Wakes the end-of-turn handler (deferred results, then e->turn). */
void dsc__engine_kick(dsc_engine_t *e);

/* Logs one line through the engine's hook. */
void dsc__engine_log(dsc_engine_t *e, const char *message);

/* Checks the action date against today: never in the future. */
dsc_err_t dsc__check_on(const dsc_ctx_t *ctx, dsc_detail_t *detail);

#endif
