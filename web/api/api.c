/* web/api/api.c — the endpoints. For now only GET /api/v1/health; the
 * others join dsc_api_mount as they are written. */
#include "api.h"

/* The engine's ping answers: the request may be gone by then, which
 * dsc_http_reply_* handles. */
static void on_health_ping(dsc_engine_t *e, dsc_result_t *r, void *data) {
  dsc_http_req_t *req = data;
  cJSON *body;

  (void)e;
  if (r->err != DSC_OK) {
    dsc_http_reply_error(req, r->err, &r->detail);
    return;
  }
  body = cJSON_CreateObject();
  if (body == NULL || cJSON_AddStringToObject(body, "status", "ok") == NULL) {
    cJSON_Delete(body);
    dsc_http_reply_error(req, DSC_NOMEM, NULL);
    return;
  }
  dsc_http_reply_json(req, 200, body);
}

/* GET /api/v1/health: 200 {"status":"ok"} once the database answered a
 * ping, else the mapped error (503 unavailable while it is down). */
static void get_health(dsc_http_req_t *req, void *data) {
  dsc_err_t err = dsc_engine_ping(data, on_health_ping, req);
  if (err != DSC_OK)
    dsc_http_reply_error(req, err, NULL);
}

dsc_err_t dsc_api_mount(dsc_http_server_t *s, dsc_engine_t *e) {
  return dsc_http_route(s, "GET", "/api/v1/health", get_health, e);
}
