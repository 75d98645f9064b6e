/* One API call: authentication, the body, the context, the reply
 * (api_int.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

api_call_t *api_call_new(dsc_http_req_t *req, dsc_api_t *api) {
  api_call_t *c = calloc(1, sizeof *c);
  if (c == NULL) {
    dsc_http_reply_error(req, DSC_NOMEM, NULL);
    return NULL;
  }
  c->req = req;
  c->api = api;
  c->status = 200;
  c->today = DSC_DATE_NONE;
  return c;
}

static void call_free(api_call_t *c) {
  cJSON_Delete(c->body);
  if (c->scratch_free)
    c->scratch_free(c->scratch);
  /* The token is a credential: it does not outlive the call. */
  memset(c->token, 0, sizeof c->token);
  free(c);
}

void api_reply(api_call_t *c, int status, cJSON *body) {
  if (body == NULL)
    body = cJSON_CreateObject();
  dsc_http_reply_json(c->req, status, body);
  call_free(c);
}

void api_fail(api_call_t *c, dsc_err_t err, const dsc_detail_t *detail) {
  dsc_http_reply_error(c->req, err, detail);
  call_free(c);
}

void api_failf(api_call_t *c, dsc_err_t err, const char *field, const char *en,
               const char *zh) {
  dsc_detail_t d;
  dsc_detail_set(&d, err, field, en, zh);
  api_fail(c, err, &d);
}

void api_not_started(api_call_t *c, dsc_err_t err) {
  api_fail(c, err == DSC_OK ? DSC_INTERNAL : err, NULL);
}

void api_on_result(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  cJSON *doc;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  doc = r->json;
  r->json = NULL;
  api_reply(c, c->status, doc);
}

/* ---- who is acting ---------------------------------------------------- */

static bool changes_state(const char *method) {
  return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
         strcmp(method, "OPTIONS") != 0;
}

/* A cookie travels with every request the browser makes to us, whoever's
 * page made it: a request that changes state must say it comes from our
 * own pages (Origin), or it is a cross-site forgery (OWASP's "verifying
 * origin with standard headers"). */
static bool origin_is_ours(api_call_t *c) {
  const char *origin = dsc_http_header(c->req, "origin");
  const char *host;
  size_t n;
  if (origin == NULL)
    return false;
  if (c->api->origin)
    return strcmp(origin, c->api->origin) == 0;
  host = dsc_http_authority(c->req);
  if (host[0] == '\0')
    return false;
  if (strncmp(origin, "https://", 8) == 0 && dsc_http_is_tls(c->req))
    n = 8;
  else if (strncmp(origin, "http://", 7) == 0 && !dsc_http_is_tls(c->req))
    n = 7;
  else
    return false;
  return strcmp(origin + n, host) == 0;
}

static unsigned roles_of(const cJSON *doc) {
  const cJSON *r, *roles = cJSON_GetObjectItemCaseSensitive(doc, "roles");
  unsigned mask = 0;
  cJSON_ArrayForEach(r, roles) {
    dsc_role_t role;
    if (cJSON_IsString(r) && dsc_role_parse(r->valuestring, &role) == DSC_OK)
      mask |= (unsigned)role;
  }
  return mask;
}

static void on_checked(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  const cJSON *login, *today;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  login = cJSON_GetObjectItemCaseSensitive(r->json, "login");
  today = cJSON_GetObjectItemCaseSensitive(r->json, "today");
  if (!cJSON_IsString(login) || strlen(login->valuestring) >= sizeof c->login ||
      !cJSON_IsString(today) ||
      dsc_date_parse(today->valuestring, &c->today) != DSC_OK) {
    api_fail(c, DSC_INTERNAL, NULL);
    return;
  }
  snprintf(c->login, sizeof c->login, "%s", login->valuestring);
  c->roles = roles_of(r->json);
  c->then(c);
}

static const char *bearer_token(api_call_t *c) {
  const char *h = dsc_http_header(c->req, "authorization");
  if (h == NULL || strncmp(h, "Bearer ", 7) != 0)
    return NULL;
  return h + 7;
}

void api_auth(api_call_t *c, api_step_fn then) {
  const char *token = bearer_token(c);
  dsc_err_t err;

  if (token == NULL) {
    token = dsc_http_cookie(c->req, API_COOKIE);
    if (token && changes_state(dsc_http_method(c->req)) && !origin_is_ours(c)) {
      api_failf(c, DSC_FORBIDDEN, "origin",
                "a request that changes something must come from the desk's "
                "own pages (Origin)",
                "修改操作须来自本系统页面（Origin 不符）");
      return;
    }
  }
  if (token == NULL || strlen(token) != DSC_SESSION_TOKEN_LEN) {
    api_failf(c, DSC_UNAUTHENTICATED, "session",
              "no session, or it ended: log in again",
              "未登录或会话已结束：请重新登录");
    return;
  }
  memcpy(c->token, token, DSC_SESSION_TOKEN_LEN);
  c->token[DSC_SESSION_TOKEN_LEN] = '\0';
  c->then = then;
  err = dsc_session_check(c->api->engine, c->token, on_checked, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

bool api_reads_only_assigned(const api_call_t *c) {
  return c->roles == (unsigned)DSC_ROLE_HANDLER;
}

/* ---- the body and the context ------------------------------------------ */

bool api_body(api_call_t *c, bool allow_empty) {
  size_t len = 0;
  const char *body = dsc_http_body(c->req, &len);
  const char *type = dsc_http_header(c->req, "content-type");
  const char *end = NULL;

  if (len == 0 && allow_empty) {
    c->body = cJSON_CreateObject();
    if (c->body != NULL)
      return true;
    api_fail(c, DSC_NOMEM, NULL);
    return false;
  }
  if (type == NULL || strncmp(type, "application/json", 16) != 0 ||
      (type[16] != '\0' && type[16] != ';')) {
    /* 415 rather than the table's 400 for usage: the client sent a type
     * we do not read, and says so in a header it can act on. */
    cJSON *doc = cJSON_CreateObject(),
          *e = cJSON_AddObjectToObject(doc, "error");
    bool zh = dsc_http_lang(c->req) == DSC_LANG_ZH;
    cJSON_AddStringToObject(e, "kind", dsc_err_name(DSC_USAGE));
    cJSON_AddStringToObject(e, "field", "content-type");
    cJSON_AddStringToObject(e, "message",
                            zh ? "请求体须为 application/json"
                               : "the body must be application/json");
    dsc_http_add_header(c->req, "accept", "application/json");
    api_reply(c, 415, doc);
    return false;
  }
  c->body = cJSON_ParseWithLengthOpts(body, len, &end, false);
  if (c->body == NULL || !cJSON_IsObject(c->body)) {
    api_failf(c, DSC_USAGE, "body", "not a JSON object",
              "请求体不是 JSON 对象");
    return false;
  }
  return true;
}

bool api_ctx(api_call_t *c, dsc_ctx_t *ctx) {
  const cJSON *on = cJSON_GetObjectItemCaseSensitive(c->body, "on");
  memset(ctx, 0, sizeof *ctx);
  ctx->actor = c->login;
  ctx->session = c->token;
  ctx->today = c->today;
  ctx->on = c->today;
  if (on != NULL && (!cJSON_IsString(on) ||
                     dsc_date_parse(on->valuestring, &ctx->on) != DSC_OK)) {
    api_failf(c, DSC_INVALID, "on", "not a date (YYYY-MM-DD)",
              "不是有效日期（YYYY-MM-DD）");
    return false;
  }
  return true;
}

bool api_path_id(api_call_t *c, const char *name, int64_t *out) {
  const char *s = dsc_http_param(c->req, name);
  char *end = NULL;
  long long v;
  if (s == NULL || s[0] < '1' || s[0] > '9' || strlen(s) > 18)
    goto bad;
  v = strtoll(s, &end, 10);
  if (*end != '\0' || v <= 0)
    goto bad;
  *out = v;
  return true;
bad:
  api_failf(c, DSC_NOT_FOUND, name, "no such id", "无此编号");
  return false;
}

/* ---- shared by the endpoints ------------------------------------------- */

void api_reply_raw(api_call_t *c, int status, const char *content_type,
                   const char *body, size_t len) {
  dsc_http_reply_raw(c->req, status, content_type, body, len);
  call_free(c);
}

bool api_known_keys(api_call_t *c, const char *const *keys) {
  const cJSON *v;
  cJSON_ArrayForEach(v, c->body) {
    const char *const *k = keys;
    while (*k && strcmp(*k, v->string) != 0)
      k++;
    if (*k == NULL) {
      api_unknown_key(c, v->string);
      return false;
    }
  }
  return true;
}

void api_unknown_key(api_call_t *c, const char *key) {
  dsc_detail_t d;
  dsc_detail_setf(&d, DSC_INVALID, "body", "unknown key \"%.40s\"",
                  "未知字段“%.40s”", key);
  api_fail(c, DSC_INVALID, &d);
}

bool api_string(api_call_t *c, const char *key, bool required,
                const char **out) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->body, key);
  *out = NULL;
  if (v == NULL && !required)
    return true;
  if (!cJSON_IsString(v)) {
    api_failf(c, DSC_INVALID, key,
              v ? "must be a string" : "required: a string",
              v ? "须为字符串" : "必填：字符串");
    return false;
  }
  *out = v->valuestring;
  return true;
}

bool api_query_count(api_call_t *c, const char *name, long min, long max,
                     long *out, bool *given) {
  const char *s = dsc_http_query(c->req, name);
  char *end = NULL;
  long v;
  if (given)
    *given = s != NULL;
  if (s == NULL)
    return true;
  v = strtol(s, &end, 10);
  if (s[0] < '0' || s[0] > '9' || *end != '\0' || v < min || v > max) {
    dsc_detail_t d;
    dsc_detail_setf(&d, DSC_INVALID, name, "a whole number from %ld to %ld",
                    "须为 %ld 至 %ld 的整数", min, max);
    api_fail(c, DSC_INVALID, &d);
    return false;
  }
  *out = v;
  return true;
}

static void on_visible(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  const cJSON *assignee;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  assignee = cJSON_GetObjectItemCaseSensitive(r->json, "assignee");
  if (!cJSON_IsString(assignee) ||
      strcmp(assignee->valuestring, c->login) != 0) {
    api_failf(c, DSC_NOT_FOUND, "id", "no such request", "无此申请");
    return;
  }
  c->then(c);
}

void api_visible(api_call_t *c, api_step_fn then) {
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  dsc_err_t err;
  if (!api_reads_only_assigned(c)) {
    then(c);
    return;
  }
  c->then = then;
  err = dsc_request_show(c->api->engine, &ctx, c->id, on_visible, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void visible_step(api_call_t *c) { api_visible(c, c->after_visible); }

void api_auth_visible(api_call_t *c, api_step_fn then) {
  c->after_visible = then;
  api_auth(c, visible_step);
}
