/* The supervisors' figures over HTTP (docs/api.md, "Statistics"): the
 * deadline dashboard, the annual report compiled and rendered in each
 * format, and the sections the agency enters itself — what
 * `disclose-stats dashboard`, `annual-report`, `active` and `text` do,
 * through the same calls (stats.h, report.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

/* At most this many figures in one entry (section 二 has ten; the CLI
 * takes as many --set). */
#define MAX_VALUES 32

/* ---- the dashboard ------------------------------------------------------- */

/* GET /api/v1/dashboard[?due_within=N]: `disclose-stats dashboard --json
 * [--due-within N]`. Any staff member. */
static void dashboard_checked(api_call_t *c) {
  long days = 0;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_query_count(c, "due_within", 1, 250, &days, NULL) ||
      !api_ctx(c, &ctx))
    return;
  err = dsc_dashboard(c->api->engine, &ctx, (int)days, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void dashboard(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c)
    api_auth(c, dashboard_checked);
}

/* ---- the annual report --------------------------------------------------- */

/* The year of the path in c->id: a positive number (else 404 like any id);
 * the engine says which years have a report (422, field "year"). */
static bool path_year(api_call_t *c) {
  if (!api_path_id(c, "year", &c->id))
    return false;
  if (c->id > 9999) {
    api_failf(c, DSC_INVALID, "year", "must be a year (YYYY)",
              "必须是年份（YYYY）");
    return false;
  }
  return true;
}

static const struct {
  const char *name, *type;
  dsc_report_format_t format;
} formats[] = {
    {"json", "application/json; charset=utf-8", DSC_REPORT_JSON},
    {"markdown", "text/markdown; charset=utf-8", DSC_REPORT_MD},
    {"md", "text/markdown; charset=utf-8", DSC_REPORT_MD},
    {"csv", "text/csv; charset=utf-8", DSC_REPORT_CSV},
    {"html", "text/html; charset=utf-8", DSC_REPORT_HTML},
};

/* Replies the rendering text[0..len) as c->format asks, with the CLI's
 * bytes: CSV starts with the UTF-8 BOM Excel needs unless ?bom=0
 * (`--no-bom`). */
static void reply_rendering(api_call_t *c, const char *text, size_t len) {
  const char *bom = dsc_http_query(c->req, "bom");
  char *out;
  if (formats[c->format].format != DSC_REPORT_CSV ||
      (bom && strcmp(bom, "0") == 0)) {
    api_reply_raw(c, 200, formats[c->format].type, text, len);
    return;
  }
  if ((out = malloc(len + 3)) == NULL) {
    api_fail(c, DSC_NOMEM, NULL);
    return;
  }
  memcpy(out, "\xEF\xBB\xBF", 3);
  memcpy(out + 3, text, len);
  api_reply_raw(c, 200, formats[c->format].type, out, len + 3);
  free(out);
}

/* The compiled report (result->json "report": its JSON rendering, parsed)
 * rendered in c->format. */
static void on_compiled(dsc_engine_t *e, dsc_result_t *r, void *data) {
  api_call_t *c = data;
  const cJSON *rep = cJSON_GetObjectItemCaseSensitive(r->json, "report");
  dsc_report_t *report = NULL;
  char *json = NULL, *text = NULL;
  size_t len = 0;
  dsc_detail_t d;
  dsc_err_t err = r->err;
  (void)e;

  dsc_detail_clear(&d);
  if (err == DSC_OK && !cJSON_IsObject(rep))
    err = DSC_INTERNAL;
  else if (err == DSC_OK && ((report = malloc(sizeof *report)) == NULL ||
                             (json = cJSON_PrintUnformatted(rep)) == NULL))
    err = DSC_NOMEM;
  if (err == DSC_OK)
    err = dsc_report_parse_json(json, strlen(json), report, &d);
  if (err == DSC_OK)
    err = dsc_report_render(report, formats[c->format].format, &text, &len);
  cJSON_free(json);
  free(report);
  if (r->err != DSC_OK)
    api_fail(c, r->err, &r->detail);
  else if (err != DSC_OK)
    api_fail(c, err, &d);
  else
    reply_rendering(c, text, len);
  dsc_report_free_text(text);
}

/* GET /api/v1/reports/{year}?agency=A&format=json|markdown|csv|html&bom=0:
 * `disclose-stats annual-report --year Y [--agency A] [--format F]`. The
 * compilation is stored when it differs from the last one, as the CLI's
 * is; supervisors and admins (the engine's rule). */
static void report_checked(api_call_t *c) {
  const char *f = dsc_http_query(c->req, "format");
  const char *bom = dsc_http_query(c->req, "bom");
  dsc_ctx_t ctx;
  dsc_err_t err;

  c->format = -1;
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (strcmp(f ? f : "json", formats[i].name) == 0)
      c->format = (int)i;
  if (c->format < 0) {
    api_failf(c, DSC_INVALID, "format", "one of json, markdown, csv, html",
              "须为 json、markdown、csv、html 之一");
    return;
  }
  if (bom && strcmp(bom, "0") != 0 && strcmp(bom, "1") != 0) {
    api_failf(c, DSC_INVALID, "bom", "0 or 1", "须为 0 或 1");
    return;
  }
  if (!api_ctx(c, &ctx))
    return;
  err = dsc_report_compile(c->api->engine, &ctx, (int)c->id,
                           dsc_http_query(c->req, "agency"), NULL, on_compiled,
                           c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void report(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && path_year(c))
    api_auth(c, report_checked);
}

/* ---- the sections the agency enters -------------------------------------- */

/* GET /api/v1/reports/{year}/sections?agency=A: the figures of section 二
 * and the texts of sections 一, 五, 六 as they stand (`disclose-stats
 * active --year Y --json`); any staff member. */
static void sections_checked(api_call_t *c) {
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_ctx(c, &ctx))
    return;
  err = dsc_report_sections_read(c->api->engine, &ctx, (int)c->id,
                                 dsc_http_query(c->req, "agency"),
                                 api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void sections(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && path_year(c))
    api_auth(c, sections_checked);
}

static const char *const active_keys[] = {"agency", "values", "on", NULL};
static const char *const text_keys[] = {"agency", "text", "on", NULL};

/* One figure's value as the CLI's --set KEY=VALUE gives it: a whole
 * number, a string ("12.5" 万元), or null to take the figure back. */
static bool value_text(const cJSON *v, char *buf, size_t n) {
  if (cJSON_IsNull(v))
    buf[0] = '\0';
  else if (cJSON_IsString(v))
    return (size_t)snprintf(buf, n, "%s", v->valuestring) < n;
  else if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 1e12 &&
           v->valuedouble == (double)(long long)v->valuedouble)
    snprintf(buf, n, "%lld", (long long)v->valuedouble);
  else
    return false;
  return true;
}

/* PUT /api/v1/reports/{year}/active {agency?, values: {key: value}}:
 * `disclose-stats active --year Y --set KEY=VALUE ...`, all or none;
 * supervisors. The sections as they now stand. */
static void active_checked(api_call_t *c) {
  const cJSON *values = cJSON_GetObjectItemCaseSensitive(c->body, "values");
  const char *keys[MAX_VALUES], *vals[MAX_VALUES], *agency;
  char buf[MAX_VALUES][64];
  const cJSON *v;
  size_t n = 0;
  dsc_ctx_t ctx;
  dsc_err_t err;

  if (!api_known_keys(c, active_keys) ||
      !api_string(c, "agency", false, &agency))
    return;
  if (!cJSON_IsObject(values) || values->child == NULL ||
      cJSON_GetArraySize(values) > MAX_VALUES) {
    api_failf(c, DSC_INVALID, "values",
              "required: an object of at most 32 figures, such as "
              "{\"rules.made\": 3}",
              "必填：最多 32 项的对象，如 {\"rules.made\": 3}");
    return;
  }
  cJSON_ArrayForEach(v, values) {
    if (!value_text(v, buf[n], sizeof buf[n])) {
      api_failf(c, DSC_INVALID, v->string,
                "a whole number, a decimal string, or null",
                "须为整数、数字字符串或 null");
      return;
    }
    keys[n] = v->string;
    vals[n] = buf[n];
    n++;
  }
  if (!api_ctx(c, &ctx))
    return;
  err = dsc_report_active_enter(c->api->engine, &ctx, (int)c->id, agency, keys,
                                vals, n, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void active(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && path_year(c) && api_body(c, false))
    api_auth(c, active_checked);
}

/* A text as people write it: a BOM dropped, CRLF line ends made LF, in
 * place (what the CLI does to --file); returns the new length. */
static size_t normalise_text(char *text) {
  size_t len = strlen(text), o = 0, i = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (; i < len; i++)
    if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
      text[o++] = text[i];
  text[o] = '\0';
  return o;
}

/* PUT /api/v1/reports/{year}/sections/{section} {agency?, text}: the text
 * of section 1, 5 or 6 (`disclose-stats text --year Y --section N --file
 * F`); supervisors. The sections as they now stand. */
static void text_checked(api_call_t *c) {
  cJSON *text = cJSON_GetObjectItemCaseSensitive(c->body, "text");
  const char *agency, *given;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, text_keys) ||
      !api_string(c, "agency", false, &agency) ||
      !api_string(c, "text", true, &given) || !api_ctx(c, &ctx))
    return;
  err = dsc_report_text_enter(
      c->api->engine, &ctx, (int)c->id, agency, (int)c->arg, text->valuestring,
      normalise_text(text->valuestring), api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void text_put(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c == NULL || !path_year(c) || !api_path_id(c, "section", &c->arg))
    return;
  if (c->arg > 9 || dsc_report_text_of_section((int)c->arg) < 0) {
    api_failf(c, DSC_NOT_FOUND, "section",
              "no such section: 1 (总体情况), 5 (存在的主要问题及改进情况) "
              "or 6 (其他需要报告的事项) hold the agency's text",
              "无此部分：本机关填写的文字为第1、5、6部分");
    return;
  }
  if (api_body(c, false))
    api_auth(c, text_checked);
}

dsc_err_t api_mount_stats(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "GET", "/api/v1/dashboard", dashboard, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/reports/{year}", report, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "GET", "/api/v1/reports/{year}/sections",
                            sections, api)) != DSC_OK ||
      (err = dsc_http_route(s, "PUT", "/api/v1/reports/{year}/active", active,
                            api)) != DSC_OK ||
      (err =
           dsc_http_route(s, "PUT", "/api/v1/reports/{year}/sections/{section}",
                          text_put, api)) != DSC_OK)
    return err;
  return DSC_OK;
}
