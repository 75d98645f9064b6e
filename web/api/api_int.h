/* The HTTP API's handlers (internal; docs/api.md): what every endpoint
 * shares — one call in flight, who is acting, the body, the reply.
 *
 * A handler makes a call (api_call_new), authenticates it (api_auth: the
 * session's token from the Authorization header or the cookie, checked by
 * the database, and the CSRF rule for cookies), then calls the engine's
 * public C API — the same as the CLI's — with a context whose actor and
 * session come from that check and nowhere else, and replies from the
 * engine's callback. Every path ends in exactly one api_reply or api_fail,
 * which frees the call.
 */
#ifndef DSC_WEB_API_INT_H
#define DSC_WEB_API_INT_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "disclose/disclose.h"
#include "http.h"

/* The session cookie's name. */
#define API_COOKIE "disclose_session"

struct dsc_api {
  dsc_engine_t *engine;
  char *origin; /* the origin browsers show ("https://desk.example.gov.cn")
                   for the CSRF check, or NULL: the request's own Host */
};

typedef struct api_call api_call_t;
typedef void (*api_step_fn)(api_call_t *c);

struct api_call {
  dsc_http_req_t *req;
  dsc_api_t *api;
  cJSON *body; /* the parsed JSON body (api_body), or NULL */
  /* Who acts, as the database said (api_auth). */
  char token[DSC_SESSION_TOKEN_LEN + 1];
  char login[65];
  unsigned roles;
  dsc_date_t today;
  api_step_fn then;
  api_step_fn after_visible; /* api_auth_visible's step */
  /* The endpoint's own: the request it is about, the action. */
  int64_t id;
  dsc_action_t action;
  int64_t arg; /* a second number of the path (a report's section) */
  int status;  /* the success status (200, 201) */
  int format;  /* the reply's format, for letters (dsc_letter_format_t) and
                  reports (dsc_report_format_t) */
  /* What the endpoint keeps while the engine works (templates, a list
   * being filtered), freed with the call by scratch_free. */
  void *scratch;
  void (*scratch_free)(void *);
};

/* A call for req, or NULL (then 503 was replied). */
api_call_t *api_call_new(dsc_http_req_t *req, dsc_api_t *api);

/* Replies body (taken; NULL: an empty object) with status, and frees c. */
void api_reply(api_call_t *c, int status, cJSON *body);

/* Replies the error (dsc_http_reply_error) and frees c. detail may be
 * NULL. */
void api_fail(api_call_t *c, dsc_err_t err, const dsc_detail_t *detail);

/* Replies err with the field and message given (English, Chinese). */
void api_failf(api_call_t *c, dsc_err_t err, const char *field, const char *en,
               const char *zh);

/* Authenticates c: a token from "Authorization: Bearer" or the session
 * cookie, checked by the database (dsc_session_check); for a cookie on a
 * method that changes state, the Origin header must be the API's origin
 * (CSRF). Then runs then(c), or replies 401/403. */
void api_auth(api_call_t *c, api_step_fn then);

/* Parses the body as a JSON object into c->body: false (and the reply
 * sent) when the content type is not application/json (415), the body is
 * not JSON or not an object (400). An empty body is {} when allow_empty. */
bool api_body(api_call_t *c, bool allow_empty);

/* The context of an action: the authenticated actor and session, today
 * as the database said, on from the body's "on" (default today). false
 * (and the reply sent) for an "on" that is not a date. */
bool api_ctx(api_call_t *c, dsc_ctx_t *ctx);

/* The result callback that replies the engine's document (taken) with
 * c->status, or its error. data is the call. */
void api_on_result(dsc_engine_t *e, dsc_result_t *r, void *data);

/* A member whose only role is handler reads only the requests assigned
 * to them (migrations/0012's dsc_reads_only_assigned, kept here for the
 * daemon, which reads as itself). */
bool api_reads_only_assigned(const api_call_t *c);

/* Parses a positive request or appeal id from the path; false (and 404
 * replied) otherwise. */
bool api_path_id(api_call_t *c, const char *name, int64_t *out);

/* Reports a refused engine call (queue full, closing, no memory) that
 * never started: replies and frees. */
void api_not_started(api_call_t *c, dsc_err_t err);

/* Replies len bytes of body as content_type (with "; charset=utf-8"
 * where it is text) and frees c: letters and reports as text, HTML,
 * Markdown or CSV. */
void api_reply_raw(api_call_t *c, int status, const char *content_type,
                   const char *body, size_t len);

/* Refuses (422, field "body", and the reply sent) a body holding a key
 * not in keys (NULL-terminated), as api_action_args does: a misspelt key
 * must not be dropped silently. */
bool api_known_keys(api_call_t *c, const char *const *keys);

/* Replies 422, field "body": the body's key is not one the endpoint
 * takes. */
void api_unknown_key(api_call_t *c, const char *key);

/* The body's key as a string in *out: NULL when absent and not required;
 * false (and 422 naming the key sent) when it is not a string, or absent
 * and required. */
bool api_string(api_call_t *c, const char *key, bool required,
                const char **out);

/* The query parameter name as a whole number in [min, max] in *out (left
 * alone when absent; *given says whether it was there, given may be
 * NULL); false (and 422 naming it sent) for anything else. */
bool api_query_count(api_call_t *c, const char *name, long min, long max,
                     long *out, bool *given);

/* Runs then(c) when the member may read request c->id: anyone but a
 * member whose only role is handler, who reads only the requests
 * assigned to them (api_reads_only_assigned) — another's is 404, as the
 * database's row security makes it for their own connection. The daemon
 * reads as itself, so the API checks before reading a request's letters,
 * its fee quote, or issuing or delivering its letters. */
void api_visible(api_call_t *c, api_step_fn then);

/* api_auth, then api_visible, then then(c). */
void api_auth_visible(api_call_t *c, api_step_fn then);

/* The endpoints, registered by dsc_api_mount. */
dsc_err_t api_mount_session(dsc_http_server_t *s, dsc_api_t *api);
dsc_err_t api_mount_requests(dsc_http_server_t *s, dsc_api_t *api);
dsc_err_t api_mount_appeals(dsc_http_server_t *s, dsc_api_t *api);
dsc_err_t api_mount_letters(dsc_http_server_t *s, dsc_api_t *api);
dsc_err_t api_mount_stats(dsc_http_server_t *s, dsc_api_t *api);
dsc_err_t api_mount_admin(dsc_http_server_t *s, dsc_api_t *api);

/* Maps an action's JSON body onto dsc_action_args_t (act_body.c): the keys
 * are the CLI's option names with '_' for '-'. Strings point into body.
 * DSC_INVALID naming the key for a value of the wrong type or an unknown
 * key. */
dsc_err_t api_action_args(const cJSON *body, dsc_action_args_t *a,
                          dsc_detail_t *d);

#endif
