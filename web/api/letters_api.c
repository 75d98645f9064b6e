/* A request's letters over HTTP (docs/api.md, "Letters"): issuing (or
 * previewing) one from the record, the request's letters, one as stored
 * in JSON, text or A4 HTML, its delivery, and the answers not yet
 * delivered — what `disclose letter`, `deliver` and `list --undelivered`
 * do, through the same calls (letter_store.h). The engine checks who may;
 * the API adds only the handler's reading rule (api_visible), since the
 * daemon reads as itself. */
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

static const char *const issue_keys[] = {"kind",     "preview", "to",
                                         "corrects", "on",      NULL};
static const char *const deliver_keys[] = {"method", "on", "tracking", "letter",
                                           NULL};

/* ---- issuing ------------------------------------------------------------- */

static void free_templates(void *t) { dsc_letter_templates_free(t); }

/* The templates a center keeps in DISCLOSE_LETTERS_DIR (docs/templates.md),
 * read again for every letter as the CLI does, so that an edited template
 * serves the next letter without a restart; NULL in c->scratch: the
 * built-in ones. false once replied (a template the loader refuses). */
static bool load_templates(api_call_t *c) {
  const char *dir = getenv("DISCLOSE_LETTERS_DIR");
  dsc_letter_templates_t *t = NULL;
  dsc_detail_t d;
  dsc_err_t err;
  if (dir == NULL || *dir == '\0')
    return true;
  if ((err = dsc_letter_templates_load(dir, &t, &d)) != DSC_OK) {
    api_fail(c, err, &d);
    return false;
  }
  c->scratch = t;
  c->scratch_free = free_templates;
  return true;
}

/* POST /api/v1/requests/{id}/letters: 201 and the letter as issued, or
 * 200 and the letter as it would read for a preview (nothing stored). */
static void issue_visible(api_call_t *c) {
  const cJSON *preview = cJSON_GetObjectItemCaseSensitive(c->body, "preview");
  dsc_letter_args_t a = {0};
  const char *kind;
  dsc_ctx_t ctx;
  dsc_err_t err;

  if (!api_known_keys(c, issue_keys) || !api_string(c, "kind", true, &kind) ||
      !api_string(c, "to", false, &a.to) ||
      !api_string(c, "corrects", false, &a.corrects))
    return;
  if (dsc_letter_kind_parse(kind, &a.kind) != DSC_OK) {
    api_failf(c, DSC_INVALID, "kind",
              "one of answer, supplement-notice, extension-notice, "
              "consultation, fee-notice, closing-notice",
              "须为 answer、supplement-notice、extension-notice、"
              "consultation、fee-notice、closing-notice 之一");
    return;
  }
  if (preview && !cJSON_IsBool(preview)) {
    api_failf(c, DSC_INVALID, "preview", "must be true or false",
              "须为 true 或 false");
    return;
  }
  if (!api_ctx(c, &ctx) || !load_templates(c))
    return;
  a.preview = cJSON_IsTrue(preview);
  a.templates = c->scratch;
  c->status = a.preview ? 200 : 201;
  err = dsc_letter_issue(c->api->engine, &ctx, c->id, &a, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void issue(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id) && api_body(c, false))
    api_auth_visible(c, issue_visible);
}

/* ---- reading ------------------------------------------------------------- */

/* GET /api/v1/requests/{id}/letters: `letter ID --list --json`. */
static void list_visible(api_call_t *c) {
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_ctx(c, &ctx))
    return;
  err = dsc_letter_list(c->api->engine, &ctx, c->id, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void list(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id))
    api_auth_visible(c, list_visible);
}

/* The letter in the format asked for (c->format): the engine's
 * JSON, the text exactly as issued, or its A4 HTML. */
static void on_letter(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  dsc_letter_format_t format = (dsc_letter_format_t)c->format;
  const cJSON *text = cJSON_GetObjectItemCaseSensitive(r->json, "text");
  char *html = NULL;
  size_t len = 0;
  dsc_detail_t d;
  dsc_err_t err;

  if (r->err != DSC_OK || format == DSC_LETTER_JSON) {
    api_on_result(e, r, data);
    return;
  }
  if (!cJSON_IsString(text)) {
    api_failf(c, DSC_INTERNAL, "text", "the engine returned no text",
              "引擎未返回文书正文");
    return;
  }
  if (format == DSC_LETTER_TEXT) {
    api_reply_raw(c, 200, "text/plain; charset=utf-8", text->valuestring,
                  strlen(text->valuestring));
    return;
  }
  err = dsc_letter_html(text->valuestring, strlen(text->valuestring), NULL,
                        &html, &len, &d);
  if (err != DSC_OK) {
    api_fail(c, err, &d);
    return;
  }
  api_reply_raw(c, 200, "text/html; charset=utf-8", html, len);
  dsc_free(html);
}

/* GET /api/v1/requests/{id}/letters/{number}?format=json|text|html: an
 * issued letter as stored (`letter ID --number N --format F`). */
static void get_visible(api_call_t *c) {
  const char *f = dsc_http_query(c->req, "format");
  dsc_letter_format_t format = DSC_LETTER_JSON;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (f && dsc_letter_format_parse(f, &format) != DSC_OK) {
    api_failf(c, DSC_INVALID, "format", "one of json, text, html",
              "须为 json、text、html 之一");
    return;
  }
  if (!api_ctx(c, &ctx))
    return;
  c->format = (int)format;
  err = dsc_letter_get(c->api->engine, &ctx, c->id,
                       dsc_http_param(c->req, "number"), on_letter, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void get(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id))
    api_auth_visible(c, get_visible);
}

/* ---- delivering ---------------------------------------------------------- */

/* POST /api/v1/requests/{id}/deliveries {method, on?, tracking?, letter?}:
 * the letter reached its addressee on `on` (`deliver --json`). */
static void deliver_visible(api_call_t *c) {
  const char *method, *tracking, *letter;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, deliver_keys) ||
      !api_string(c, "method", true, &method) ||
      !api_string(c, "tracking", false, &tracking) ||
      !api_string(c, "letter", false, &letter) || !api_ctx(c, &ctx))
    return;
  err = dsc_letter_deliver(c->api->engine, &ctx, c->id, letter, method,
                           tracking, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void deliver(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id) && api_body(c, false))
    api_auth_visible(c, deliver_visible);
}

/* ---- the answers not yet delivered --------------------------------------- */

/* For a member who reads only what is assigned to them: the undelivered
 * letters, and the ids of their requests, read a page at a time. */
typedef struct undelivered {
  cJSON *letters;
  int64_t *mine;
  size_t n, cap;
} undelivered_t;

static void free_undelivered(void *p) {
  undelivered_t *u = p;
  if (u == NULL)
    return;
  cJSON_Delete(u->letters);
  free(u->mine);
  free(u);
}

static int by_id(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* u->mine is in id order: the list's pages come by id. */
static bool is_mine(const undelivered_t *u, double id) {
  int64_t key = (int64_t)id;
  return u->n > 0 && bsearch(&key, u->mine, u->n, sizeof key, by_id) != NULL;
}

/* Keeps the letters of the member's own requests, and replies. */
static void reply_mine(api_call_t *c) {
  undelivered_t *u = c->scratch;
  cJSON *l = u->letters->child, *next;
  for (; l; l = next) {
    next = l->next;
    if (!is_mine(u, cJSON_GetNumberValue(
                        cJSON_GetObjectItemCaseSensitive(l, "request_id"))))
      cJSON_Delete(cJSON_DetachItemViaPointer(u->letters, l));
  }
  l = u->letters;
  u->letters = NULL;
  api_reply(c, 200, l);
}

static void next_page(api_call_t *c, int64_t after);

static void on_mine(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  undelivered_t *u = c->scratch;
  const cJSON *it;
  int64_t last = 0;
  (void)e;
  if (r->err != DSC_OK) {
    api_fail(c, r->err, &r->detail);
    return;
  }
  cJSON_ArrayForEach(it, r->json) {
    if (u->n == u->cap) {
      size_t cap = u->cap ? 2 * u->cap : 256;
      int64_t *grown = realloc(u->mine, cap * sizeof *grown);
      if (grown == NULL) {
        api_fail(c, DSC_NOMEM, NULL);
        return;
      }
      u->mine = grown;
      u->cap = cap;
    }
    last = (int64_t)cJSON_GetNumberValue(
        cJSON_GetObjectItemCaseSensitive(it, "id"));
    u->mine[u->n++] = last;
  }
  if (cJSON_GetArraySize(r->json) == DSC_LIST_MAX_LIMIT)
    next_page(c, last);
  else
    reply_mine(c);
}

static void next_page(api_call_t *c, int64_t after) {
  dsc_ctx_t ctx = {.actor = c->login, .on = c->today, .today = c->today};
  dsc_list_filter_t f = {
      .assignee = c->login, .after = after, .limit = DSC_LIST_MAX_LIMIT};
  dsc_err_t err = dsc_request_list(c->api->engine, &ctx, &f, on_mine, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void on_undelivered(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  undelivered_t *u;
  if (r->err != DSC_OK || !api_reads_only_assigned(c)) {
    api_on_result(e, r, data);
    return;
  }
  if ((u = calloc(1, sizeof *u)) == NULL) {
    api_fail(c, DSC_NOMEM, NULL);
    return;
  }
  u->letters = r->json;
  r->json = NULL;
  c->scratch = u;
  c->scratch_free = free_undelivered;
  next_page(c, 0);
}

/* GET /api/v1/letters/undelivered?days=N: `list --undelivered N --json`
 * (N = 0 when not given: every answer letter not delivered). */
static void undelivered_checked(api_call_t *c) {
  long days = 0;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_query_count(c, "days", 0, 36500, &days, NULL) || !api_ctx(c, &ctx))
    return;
  err = dsc_letter_undelivered(c->api->engine, &ctx, (int)days, on_undelivered,
                               c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void undelivered(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c)
    api_auth(c, undelivered_checked);
}

dsc_err_t api_mount_letters(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "POST", "/api/v1/requests/{id}/letters", issue,
                            api)) != DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/requests/{id}/letters", list,
                            api)) != DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/requests/{id}/letters/{number}",
                            get, api)) != DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/requests/{id}/deliveries",
                            deliver, api)) != DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/letters/undelivered",
                            undelivered, api)) != DSC_OK)
    return err;
  return DSC_OK;
}
