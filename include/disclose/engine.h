/* disclose — the engine handle, the calling context, results, and the
 * administrative operations (migrate, staff, agencies).
 *
 * A dsc_engine_t lives on one libuv loop and must be used from that loop's
 * thread. Every operation is asynchronous: it returns at once (DSC_OK when
 * the work was queued, or an error for misuse, a full queue or no memory)
 * and its callback runs later on the loop thread — never from inside the
 * call that started it. The engine never blocks the loop: it talks to
 * PostgreSQL through non-blocking libpq (DESIGN principle 3).
 */
#ifndef DISCLOSE_ENGINE_H
#define DISCLOSE_ENGINE_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

#include "date.h"
#include "error.h"
#include "export.h"

typedef struct dsc_engine dsc_engine_t;

typedef void (*dsc_log_cb)(void *data, const char *message);

typedef struct dsc_engine_options {
  const char *conninfo;        /* libpq conninfo or URI; copied. Required. */
  bool fail_fast;              /* fail queued work at once when the database
                                  cannot be reached (CLIs) instead of waiting
                                  for the reconnect (daemons) */
  unsigned connect_timeout_ms; /* per connection attempt; 0 = 10 s */
  unsigned max_queued;         /* intake queue bound; 0 = 10000 */
  int due_soon_days;           /* due_soon threshold in working days
                                  (CONTRACT §7); 0 = 5 */
  dsc_log_cb log;              /* one line per notable event, or NULL; never
                                  given identity or phone numbers */
  void *log_data;
  dsc_log_cb notify; /* when set, the engine LISTENs on the
                        channel `disclose` and passes each
                        NOTIFY's payload here ("calendar" after
                        an import), on the loop thread */
  void *notify_data;
  const char *login_conninfo; /* where staff passwords are checked for the
                                 HTTP API's logins (session.h): a libpq
                                 conninfo whose server asks for a password
                                 (SCRAM over TCP); user and password are
                                 added per login. Copied. NULL: logins are
                                 refused as unavailable. */
  unsigned connections;       /* the database connections work is spread over:
                                 0 or 1, one (a CLI; a second opens only for the
                                 staff actions of a very busy turn); 2, reads,
                                 session checks and submission groups go to the
                                 less busy of two, the second opened the first
                                 time the first is busy (a daemon serving many
                                 callers: the server works on two processes) */
} dsc_engine_options_t;

/* Who acts, and on which business dates (CONTRACT §2). */
typedef struct dsc_ctx {
  const char *actor;   /* staff login; copied by each operation */
  const char *session; /* the token of the HTTP API session the actor
                          logged in with (session.h), or NULL on a
                          connection of the actor's own: a daemon acts
                          for a staff member only through a live session
                          of theirs, which the database checks on every
                          write. Copied. */
  dsc_date_t on;       /* the business date of the action */
  dsc_date_t today;    /* "today" (DISCLOSE_TODAY or the Shanghai date) */
} dsc_ctx_t;

/* The outcome of one operation, valid only during its callback. json is
 * the operation's document (the show object, a list, an appeal, a staff
 * record...) or NULL; the callback may keep it by setting result->json to
 * NULL and freeing it later with cJSON_Delete. */
typedef struct dsc_result {
  dsc_err_t err;
  dsc_detail_t detail; /* what went wrong, when err != DSC_OK */
  int64_t id;          /* the request or appeal id, when there is one */
  cJSON *json;
} dsc_result_t;

typedef void (*dsc_result_cb)(dsc_engine_t *engine, dsc_result_t *result,
                              void *data);
typedef void (*dsc_engine_close_cb)(void *data);

/* Creates an engine on loop and starts connecting. Returns DSC_INVALID
 * (no conninfo), DSC_NOMEM. The engine owns copies of every option string.
 */
DSC_EXTERN dsc_err_t dsc_engine_create(uv_loop_t *loop,
                                       const dsc_engine_options_t *opts,
                                       dsc_engine_t **out) DSC_MUST_CHECK;

/* Fails every operation still queued or in flight with DSC_UNAVAILABLE
 * (their callbacks run before this returns), closes the connection, and
 * frees the engine once libuv has released its handles; then cb (may be
 * NULL) runs on the loop. Accepts NULL. */
DSC_EXTERN void dsc_engine_close(dsc_engine_t *engine, dsc_engine_close_cb cb,
                                 void *data);

/* A user pointer carried by the engine. */
DSC_EXTERN void dsc_engine_set_data(dsc_engine_t *engine, void *data);
DSC_EXTERN void *dsc_engine_get_data(const dsc_engine_t *engine);

/* Asks the database for one row: a health check that proves the
 * connection and the session set-up work. DSC_UNAVAILABLE when the
 * database cannot be reached (at once with fail_fast, else once it
 * answers). */
DSC_EXTERN dsc_err_t dsc_engine_ping(dsc_engine_t *engine, dsc_result_cb cb,
                                     void *data);

/* Asks the database who is connected. result->json is {"login": the
 * session's role, "kind": "operator" (the schema's owner or a superuser:
 * may act for any staff member) | "staff" (an active staff member's own
 * login) | "engine" (the daemon's role: records the system actor's
 * actions) | "none", "today": the server's business date}. The front ends
 * take the actor and "today" from it (CONTRACT §2). DSC_UNAVAILABLE when
 * the database cannot be reached. */
DSC_EXTERN dsc_err_t dsc_engine_whoami(dsc_engine_t *engine, dsc_result_cb cb,
                                       void *data);

/* Applies the migrations compiled into the library, each in its own
 * transaction, serialised across processes by an advisory lock. result
 * ->json is {"applied": [names], "already": N}. Fails with DSC_INTEGRITY
 * when an applied migration's text changed, or when the database holds a
 * migration this build does not know (it is newer). */
DSC_EXTERN dsc_err_t dsc_migrate(dsc_engine_t *engine, dsc_result_cb cb,
                                 void *data);

/* Adds a staff member with the given roles (a mask of DSC_ROLE_* from
 * machine.h, `system` excluded). The actor must be an admin. name is
 * copied. Errors: DSC_INVALID (login or name), DSC_FORBIDDEN,
 * DSC_NOT_FOUND (unknown actor), DSC_CONFLICT (login taken). */
DSC_EXTERN dsc_err_t dsc_staff_add(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                   const char *login, const char *name,
                                   unsigned roles, dsc_result_cb cb,
                                   void *data);

/* Replaces a staff member's roles (a mask as for dsc_staff_add), in the
 * staff table and in the database login's group roles; the change is kept
 * in staff_history. The actor must be an admin. result->json is the staff
 * record {"login", "name", "roles", "active"}. Errors: DSC_INVALID,
 * DSC_FORBIDDEN, DSC_NOT_FOUND (no such staff member). */
DSC_EXTERN dsc_err_t dsc_staff_set_roles(dsc_engine_t *engine,
                                         const dsc_ctx_t *ctx,
                                         const char *login, unsigned roles,
                                         dsc_result_cb cb, void *data);

/* Disables a staff member: they can no longer log in (NOLOGIN) and their
 * open sessions end; the record stays, for the history names them (staff
 * are never deleted). The actor must be an admin. result->json as for
 * dsc_staff_set_roles. Errors as dsc_staff_set_roles. */
DSC_EXTERN dsc_err_t dsc_staff_disable(dsc_engine_t *engine,
                                       const dsc_ctx_t *ctx, const char *login,
                                       dsc_result_cb cb, void *data);

/* Adds an agency served by the same center. The actor must be an admin.
 * Errors as dsc_staff_add. */
DSC_EXTERN dsc_err_t dsc_agency_add(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                    const char *code, const char *name,
                                    dsc_result_cb cb, void *data);

/* Sets how many working days before the server's date an action of the
 * agency `code` may be dated without a supervisor's reason (0..60; the
 * default is 3; migrations/0012). The actor must be an admin. result->json
 * is {"id", "code", "name", "backdate_workdays"}. Errors: DSC_INVALID,
 * DSC_FORBIDDEN, DSC_NOT_FOUND (no such agency). */
DSC_EXTERN dsc_err_t dsc_agency_set_backdate(dsc_engine_t *engine,
                                             const dsc_ctx_t *ctx,
                                             const char *code, int workdays,
                                             dsc_result_cb cb, void *data);

/* Sets the agency's default reply window for a supplement notice (Art. 30)
 * and a demand for reasons (Art. 35): the working days an applicant has
 * when the notice names none (5..60; the default is 15; migrations/0019).
 * The actor must be an admin. result->json is {"id", "code", "name",
 * "supplement_reply_days"}. Errors as dsc_agency_set_backdate (field
 * "supplement-reply-within"). */
DSC_EXTERN dsc_err_t dsc_agency_set_supplement_window(
    dsc_engine_t *engine, const dsc_ctx_t *ctx, const char *code, int workdays,
    dsc_result_cb cb, void *data);

/* Sets one of what the agency's letters say of it (migrations/0020,
 * docs/letters.md): setting is "full_name", "short_name" (the 文号
 * prefix), "address", "phone", "contact", "seal_caption",
 * "reconsideration_body", "court" or "fee_payment" (how a fee is paid,
 * for the fee notice); value one line of at most 200
 * characters (copied). The actor must be an admin. result->json is {"id",
 * "code", "name", <setting>: value}. Errors: DSC_INVALID (field "setting"
 * or "value"), DSC_FORBIDDEN, DSC_NOT_FOUND (no such agency). */
DSC_EXTERN dsc_err_t dsc_agency_set_letter(
    dsc_engine_t *engine, const dsc_ctx_t *ctx, const char *code,
    const char *setting, const char *value, dsc_result_cb cb, void *data);

/* Sets whether the agency's answers wait for their letter (migrations/0021):
 * when required, `answer` is refused until the 答复书 is issued. The actor
 * must be an admin. result->json is {"id", "code", "name",
 * "letter_required"}. Errors: DSC_FORBIDDEN, DSC_NOT_FOUND (no such
 * agency), DSC_INVALID ("code"). */
DSC_EXTERN dsc_err_t dsc_agency_require_letter(dsc_engine_t *engine,
                                               const dsc_ctx_t *ctx,
                                               const char *code, bool required,
                                               dsc_result_cb cb, void *data);

#endif /* DISCLOSE_ENGINE_H */
