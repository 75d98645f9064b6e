/* disclose — staff sessions of the HTTP API (issue 15; docs/api.md,
 * migrations/0022).
 *
 * A daemon serving the API connects as its own role, which records only
 * the system's actions. A staff member logs in with their database login
 * and password: the engine proves the password to PostgreSQL by connecting
 * as the member (SCRAM), and that connection opens the session under the
 * member's own name. The session's token is the only credential the
 * client keeps; the database keeps its SHA-256 alone. Every action the
 * daemon takes for the member carries the token (dsc_ctx_t.session), and
 * the database lets it act as the member only while the session lives.
 *
 * Asynchronous like every engine operation (engine.h).
 */
#ifndef DISCLOSE_SESSION_H
#define DISCLOSE_SESSION_H

#include "engine.h"

/* A session token's length: 32 random bytes, base64url without padding. */
#define DSC_SESSION_TOKEN_LEN 43

typedef struct dsc_login_args {
  const char *login;    /* the staff member's login */
  const char *password; /* theirs; the engine's copy is wiped once libpq
                           took it */
  const char *client;   /* the client's address: counted by the throttle
                           and kept with the session */
  const char *agent;    /* the client's User-Agent, kept with the session;
                           may be NULL */
} dsc_login_args_t;

/* Logs a staff member in. Throttled first: after max_failures failed
 * attempts within the policy's window (19 in a minute) for the login or
 * from the client, the attempt is refused with DSC_THROTTLED without
 * trying the password. Then the password is proved to PostgreSQL through
 * the engine's login_conninfo. result->json is {"token", "session" (id),
 * "login", "name", "roles": [...], "idle_expires_at", "expires_at"}; the
 * caller gives the token to the client and keeps no copy. Errors:
 * DSC_INVALID (a login or password that cannot be one: field "login" or
 * "password"; nothing tried), DSC_UNAUTHENTICATED (refused; recorded in
 * login_attempts), DSC_THROTTLED, DSC_UNAVAILABLE (no login_conninfo, or
 * no database). Strings are copied. */
DSC_EXTERN dsc_err_t dsc_session_login(dsc_engine_t *engine,
                                       const dsc_login_args_t *args,
                                       dsc_result_cb cb, void *data);

/* Who a token belongs to: result->json is {"session", "login", "name",
 * "roles": [...], "today" (the server's business date), "idle_expires_at",
 * "expires_at"}, and the session's idle expiry moves on. token is copied.
 * DSC_UNAUTHENTICATED (field "session") for a token that is malformed,
 * unknown, ended or expired, or whose member is disabled. */
DSC_EXTERN dsc_err_t dsc_session_check(dsc_engine_t *engine, const char *token,
                                       dsc_result_cb cb, void *data);

/* Logs out: ends the token's session. result->json is {"ended": true} or
 * {"ended": false} when there was no live session to end. */
DSC_EXTERN dsc_err_t dsc_session_end(dsc_engine_t *engine, const char *token,
                                     dsc_result_cb cb, void *data);

/* Sets a staff login's password (for the API's login and psql over TCP):
 * the member themself (ctx->actor == login) or an admin. The SCRAM
 * verifier is computed here, so the password itself never reaches the
 * database; the member's sessions end. password: 8 to 1024 bytes. result
 * ->json is the staff record {"login", "name", "roles", "active"}.
 * Errors: DSC_INVALID ("password", "login"), DSC_FORBIDDEN, DSC_NOT_FOUND,
 * DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_staff_set_password(dsc_engine_t *engine,
                                            const dsc_ctx_t *ctx,
                                            const char *login,
                                            const char *password,
                                            dsc_result_cb cb, void *data);

#endif /* DISCLOSE_SESSION_H */
