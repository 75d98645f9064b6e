/* /api/v1/session: logging in, who am I, logging out (docs/api.md). The
 * password goes to PostgreSQL and nowhere else (session.h); the token comes
 * back once, in the body for scripts and the CLI and in an HttpOnly cookie
 * for browsers. */
#include <stdio.h>
#include <string.h>

#include "api_int.h"

/* The cookie: HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it), for the whole API, and Secure behind TLS: ours, a
 * proxy's that says so (X-Forwarded-Proto, trusted because the daemon
 * listens where only the proxy reaches it: docs/operations.md), or when the
 * desk's origin (--origin) is https. max_age 0 clears it. */
static void set_cookie(api_call_t *c, const char *token, long max_age) {
  const char *proto = dsc_http_header(c->req, "x-forwarded-proto");
  bool secure =
      dsc_http_is_tls(c->req) ||
      (proto != NULL && strcmp(proto, "https") == 0) ||
      (c->api->origin != NULL && strncmp(c->api->origin, "https://", 8) == 0);
  char v[160];
  snprintf(v, sizeof v,
           "%s=%s; Path=/; Max-Age=%ld; HttpOnly; SameSite=Strict%s",
           API_COOKIE, token, max_age, secure ? "; Secure" : "");
  dsc_http_add_header(c->req, "set-cookie", v);
}

static void on_logged_in(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  const cJSON *token;
  cJSON *doc;
  (void)e;
  if (r->err != DSC_OK) {
    if (r->err == DSC_THROTTLED)
      dsc_http_add_header(c->req, "retry-after", "60");
    api_fail(c, r->err, &r->detail);
    return;
  }
  doc = r->json;
  r->json = NULL;
  token = cJSON_GetObjectItemCaseSensitive(doc, "token");
  /* The absolute expiry bounds the cookie too: 12 hours by default. */
  if (cJSON_IsString(token))
    set_cookie(c, token->valuestring, 12L * 3600);
  api_reply(c, 201, doc);
}

static void login(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  const cJSON *login, *password;
  dsc_login_args_t a;
  dsc_err_t err;

  if (c == NULL || !api_body(c, false))
    return;
  login = cJSON_GetObjectItemCaseSensitive(c->body, "login");
  password = cJSON_GetObjectItemCaseSensitive(c->body, "password");
  if (!cJSON_IsString(login)) {
    api_failf(c, DSC_INVALID, "login", "required: the staff login",
              "必填：登录名");
    return;
  }
  if (!cJSON_IsString(password)) {
    api_failf(c, DSC_INVALID, "password", "required", "必填");
    return;
  }
  a = (dsc_login_args_t){.login = login->valuestring,
                         .password = password->valuestring,
                         .client = dsc_http_peer(req),
                         .agent = dsc_http_header(req, "user-agent")};
  err = dsc_session_login(c->api->engine, &a, on_logged_in, c);
  /* The engine holds its own copy; the body's goes now. */
  memset(password->valuestring, 0, strlen(password->valuestring));
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void whoami_checked(api_call_t *c) {
  cJSON *doc = cJSON_CreateObject(), *roles;
  char today[DSC_DATE_STRLEN];
  if (doc == NULL) {
    api_fail(c, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddStringToObject(doc, "login", c->login);
  roles = cJSON_AddArrayToObject(doc, "roles");
  for (unsigned bit = 1; bit <= DSC_ROLE_ALL; bit <<= 1)
    if (c->roles & bit)
      cJSON_AddItemToArray(roles,
                           cJSON_CreateString(dsc_role_name((dsc_role_t)bit)));
  cJSON_AddStringToObject(doc, "today", dsc_date_format(c->today, today));
  api_reply(c, 200, doc);
}

static void whoami(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c)
    api_auth(c, whoami_checked);
}

static void on_logged_out(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  set_cookie(c, "", 0);
  api_reply(c, 200, NULL);
}

static void logout_checked(api_call_t *c) {
  dsc_err_t err = dsc_session_end(c->api->engine, c->token, on_logged_out, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void logout(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c)
    api_auth(c, logout_checked);
}

/* PUT /api/v1/session/password {"password"}: one's own new password; an
 * admin sets another's through /api/v1/staff/{login}/password. The
 * session ends with it (every session of the member does). */
static void password_checked(api_call_t *c) {
  const cJSON *pw = cJSON_GetObjectItemCaseSensitive(c->body, "password");
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!cJSON_IsString(pw)) {
    api_failf(c, DSC_INVALID, "password", "required", "必填");
    return;
  }
  if (!api_ctx(c, &ctx))
    return;
  err = dsc_staff_set_password(c->api->engine, &ctx, c->login, pw->valuestring,
                               api_on_result, c);
  memset(pw->valuestring, 0, strlen(pw->valuestring));
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void set_password(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, password_checked);
}

dsc_err_t api_mount_session(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "POST", "/api/v1/session", login, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/session", whoami, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "DELETE", "/api/v1/session", logout, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "PUT", "/api/v1/session/password", set_password,
                            api)) != DSC_OK)
    return err;
  return DSC_OK;
}
