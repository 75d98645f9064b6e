/* A staff member's password, proved to PostgreSQL (internal).
 *
 * The HTTP API's login (engine/ops/session.c) checks a password by
 * connecting as the staff member with it: PostgreSQL's own SCRAM exchange
 * decides, the password never appears in a statement, and the statement
 * that opens the session runs on that connection, under the member's own
 * name (migrations/0022). One connection per login, closed at once.
 */
#ifndef DSC_ENGINE_LOGIN_H
#define DSC_ENGINE_LOGIN_H

#include <libpq-fe.h>
#include <uv.h>

#include "disclose/error.h"

/* The end of a login. err is DSC_OK with res the statement's result;
 * DSC_UNAUTHENTICATED when the server refused the login (a wrong password,
 * no such role, NOLOGIN) or let it in without asking for the password (a
 * trust or peer line: refused, for it would let anyone in); DSC_UNAVAILABLE
 * when no server answered, or it was busy or starting; the statement's
 * failure as dsc__pg_result_error maps it. res is NULL unless err is
 * DSC_OK, and is cleared after the call. */
typedef struct dsc__login dsc__login_t;

typedef void (*dsc__login_cb)(void *arg, dsc_err_t err,
                              const dsc_detail_t *detail, const PGresult *res);

/* Connects to conninfo (a libpq conninfo or URI) as user with password,
 * *out the handle until cb runs,
 * which are passed as separate parameters and never spliced into the text,
 * runs sql with nparams text parameters, and closes. Everything is copied
 * (libpq keeps its own copy of the password until the connection is
 * closed); cb runs exactly once, on the loop thread, never from inside this
 * call; timeout_ms (0: 10 s) bounds the whole attempt. DSC_INVALID for a
 * conninfo libpq cannot parse (field "login_conninfo"), DSC_NOMEM. */
dsc_err_t dsc__login_start(uv_loop_t *loop, const char *conninfo,
                           const char *user, const char *password,
                           const char *sql, int nparams,
                           const char *const *params, unsigned timeout_ms,
                           dsc__login_cb cb, void *arg, dsc__login_t **out,
                           dsc_detail_t *detail);

/* Ends a login still under way: its callback runs now, with
 * DSC_UNAVAILABLE, and nothing of it touches the caller afterwards (the
 * handle frees itself once libuv let go of its handles). For an engine
 * that closes. */
void dsc__login_cancel(dsc__login_t *l);

#endif
