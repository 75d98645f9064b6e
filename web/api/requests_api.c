/* /api/v1/requests: submitting, reading, listing and acting on requests
 * (docs/api.md) — CONTRACT §5's commands over HTTP, through the same
 * public C API as the CLI, as the logged-in member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

/* ---- reading --------------------------------------------------------------
 */

/* A handler-only member sees only what is assigned to them: anything else
 * is "not found", as the database's row security makes it for the CLI. */
static void on_shown(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  const cJSON *assignee;
  if (r->err == DSC_OK && api_reads_only_assigned(c)) {
    assignee = cJSON_GetObjectItemCaseSensitive(r->json, "assignee");
    if (!cJSON_IsString(assignee) ||
        strcmp(assignee->valuestring, c->login) != 0) {
      api_failf(c, DSC_NOT_FOUND, "id", "no such request", "无此申请");
      return;
    }
  }
  api_on_result(e, r, data);
}

static void show_checked(api_call_t *c) {
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  const char *explain = dsc_http_query(c->req, "explain");
  bool explained =
      explain && (strcmp(explain, "1") == 0 || strcmp(explain, "true") == 0);
  dsc_err_t err =
      explained ? dsc_request_explain(c->api->engine, &ctx, c->id, on_shown, c)
                : dsc_request_show(c->api->engine, &ctx, c->id, on_shown, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void show(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id))
    api_auth(c, show_checked);
}

/* ---- the fee quote ----------------------------------------------------------
 */

/* GET /api/v1/requests/{id}/fee-quote?pages=N[&method=count|volume]: what
 * `fee-quote ID --pages N [--method M] --json` prints. */
static void quote_visible(api_call_t *c) {
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  dsc_fee_method_t method = DSC_FEE_CHEAPER;
  const char *m = dsc_http_query(c->req, "method");
  long pages = 0;
  bool given;
  dsc_detail_t d;
  dsc_err_t err;

  if (!api_query_count(c, "pages", 0, DSC_FEE_PAGES_MAX, &pages, &given))
    return;
  if (!given) {
    api_failf(c, DSC_INVALID, "pages", "required: the pages to provide",
              "必填：提供的页数");
    return;
  }
  if (m && (err = dsc_fee_method_parse(m, &method, &d)) != DSC_OK) {
    api_fail(c, err, &d);
    return;
  }
  err = dsc_request_fee_quote(c->api->engine, &ctx, c->id, (int)pages, method,
                              api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void quote(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id))
    api_auth_visible(c, quote_visible);
}

/* ---- listing --------------------------------------------------------------
 */

/* {"items": [...], "next": the query of the next page, or null}. */
static void on_listed(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  cJSON *doc, *items;
  const cJSON *last;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  items = r->json;
  r->json = NULL;
  doc = cJSON_CreateObject();
  if (doc == NULL) {
    cJSON_Delete(items);
    api_fail(c, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddItemToObject(doc, "items", items);
  last = cJSON_GetArrayItem(items, cJSON_GetArraySize(items) - 1);
  if (cJSON_GetArraySize(items) == (int)c->id && last != NULL)
    cJSON_AddNumberToObject(
        doc, "next_after",
        cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(last, "id")));
  else
    cJSON_AddNullToObject(doc, "next_after");
  api_reply(c, 200, doc);
}

static void list_checked(api_call_t *c) {
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  dsc_list_filter_t f = {0};
  long after = 0, limit = DSC_LIST_DEFAULT_LIMIT, within = 0;
  bool given;
  const char *overdue = dsc_http_query(c->req, "overdue");
  dsc_err_t err;

  if (!api_query_count(c, "after", 0, 9007199254740991L, &after, &given) ||
      !api_query_count(c, "limit", 1, DSC_LIST_MAX_LIMIT, &limit, &given) ||
      !api_query_count(c, "due_within", 0, 366, &within, &f.due_within_set))
    return;
  f.state = dsc_http_query(c->req, "state");
  f.assignee = dsc_http_query(c->req, "assignee");
  f.overdue =
      overdue && (strcmp(overdue, "1") == 0 || strcmp(overdue, "true") == 0);
  f.due_within = (int)within;
  f.after = after;
  f.limit = (int)limit;
  if (api_reads_only_assigned(c)) {
    if (f.assignee && strcmp(f.assignee, c->login) != 0) {
      api_failf(c, DSC_FORBIDDEN, "assignee",
                "a handler lists only the requests assigned to them",
                "承办人只能查看分配给本人的申请");
      return;
    }
    f.assignee = c->login;
  }
  c->id = limit; /* a full page has a next one */
  err = dsc_request_list(c->api->engine, &ctx, &f, on_listed, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void list(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c)
    api_auth(c, list_checked);
}

/* ---- submitting -----------------------------------------------------------
 */

/* 201 with Location and the request as registered (what `submit --json`
 * prints too). */
static void on_submitted(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  char where[64];
  dsc_err_t err;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  snprintf(where, sizeof where, "/api/v1/requests/%lld", (long long)r->id);
  dsc_http_add_header(c->req, "location", where);
  err = dsc_request_show(e, &ctx, r->id, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void submit_checked(api_call_t *c) {
  const char *key = dsc_http_header(c->req, "idempotency-key");
  const cJSON *in_body =
      cJSON_GetObjectItemCaseSensitive(c->body, "idempotency_key");
  dsc_ctx_t ctx;
  char *json;
  dsc_err_t err;

  if (!api_ctx(c, &ctx))
    return;
  /* The header and the body's key are one key: given twice, they agree. */
  if (key != NULL) {
    if (in_body &&
        (!cJSON_IsString(in_body) || strcmp(in_body->valuestring, key) != 0)) {
      api_failf(c, DSC_INVALID, "idempotency_key",
                "differs from the Idempotency-Key header",
                "与 Idempotency-Key 请求头不一致");
      return;
    }
    if (in_body == NULL &&
        cJSON_AddStringToObject(c->body, "idempotency_key", key) == NULL) {
      api_fail(c, DSC_NOMEM, NULL);
      return;
    }
  }
  cJSON_DeleteItemFromObjectCaseSensitive(c->body, "on");
  json = cJSON_PrintUnformatted(c->body);
  if (json == NULL) {
    api_fail(c, DSC_NOMEM, NULL);
    return;
  }
  c->status = 201;
  err = dsc_request_submit(c->api->engine, &ctx, json, strlen(json),
                           on_submitted, c);
  cJSON_free(json);
  if (err != DSC_OK) {
    if (err == DSC_BUSY)
      dsc_http_add_header(c->req, "retry-after", "1");
    api_not_started(c, err);
  }
}

static void submit(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, submit_checked);
}

/* ---- acting -----------------------------------------------------------------
 */

/* The actions of one request that this endpoint takes; appeals, letters
 * and deliveries have endpoints of their own, and the system's actions
 * are the workers'. */
static bool is_request_action(dsc_action_t a) {
  switch (a) {
  case DSC_ACTION_ASSIGN:
  case DSC_ACTION_DRAFT:
  case DSC_ACTION_REVIEW:
  case DSC_ACTION_ANSWER:
  case DSC_ACTION_PUBLISH:
  case DSC_ACTION_WITHDRAW:
  case DSC_ACTION_REQUEST_SUPPLEMENT:
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_CONSULT_AGENCY:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_FEE_NOTICE:
  case DSC_ACTION_FEE_PAID:
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_DELIVERED:
  case DSC_ACTION_REFER_SECRECY:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_REQUIRE_REASONS:
  case DSC_ACTION_REASONS_RECEIVED:
  case DSC_ACTION_LONGER_PERIOD:
    return true;
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
  case DSC_ACTION__COUNT:
    break;
  }
  return false;
}

/* After the action, the request as it now stands (what the CLI's --json
 * prints too). */
static void on_acted(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  dsc_err_t err;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  err = dsc_request_show(e, &ctx, c->id, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void act_checked(api_call_t *c) {
  dsc_action_args_t a;
  dsc_detail_t d;
  dsc_ctx_t ctx;
  dsc_err_t err;

  if (!api_ctx(c, &ctx))
    return;
  if ((err = api_action_args(c->body, &a, &d)) != DSC_OK) {
    api_fail(c, err, &d);
    return;
  }
  err =
      dsc_request_act(c->api->engine, &ctx, c->id, c->action, &a, on_acted, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void act(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c == NULL || !api_path_id(c, "id", &c->id))
    return;
  if (dsc_action_parse(dsc_http_param(req, "action"), &c->action) != DSC_OK ||
      !is_request_action(c->action)) {
    api_failf(c, DSC_NOT_FOUND, "action",
              "not an action of this endpoint (docs/api.md)", "该接口无此操作");
    return;
  }
  if (api_body(c, true))
    api_auth_visible(c, act_checked);
}

dsc_err_t api_mount_requests(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "POST", "/api/v1/requests", submit, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/requests", list, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/requests/{id}", show, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/requests/{id}/fee-quote", quote,
                            api)) != DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/requests/{id}/actions/{action}",
                            act, api)) != DSC_OK)
    return err;
  return DSC_OK;
}
