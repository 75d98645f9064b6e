/* The API's state and its endpoints (api.h), and /api/v1/health. */
#include <stdlib.h>
#include <string.h>

#include "api_int.h"

dsc_err_t dsc_api_create(dsc_engine_t *engine, const char *origin,
                         dsc_api_t **out) {
  dsc_api_t *api = calloc(1, sizeof *api);
  *out = NULL;
  if (api == NULL || (origin && (api->origin = strdup(origin)) == NULL)) {
    free(api);
    return DSC_NOMEM;
  }
  api->engine = engine;
  *out = api;
  return DSC_OK;
}

void dsc_api_free(dsc_api_t *api) {
  if (api == NULL)
    return;
  free(api->origin);
  free(api);
}

static void on_pinged(dsc_engine_t *e, dsc_result_t *r, void *data) {
  dsc_http_req_t *req = data;
  cJSON *doc;
  (void)e;
  if (r->err != DSC_OK) {
    dsc_http_reply_error(req, r->err, &r->detail);
    return;
  }
  doc = cJSON_CreateObject();
  cJSON_AddStringToObject(doc, "status", "ok");
  dsc_http_reply_json(req, 200, doc);
}

/* GET /api/v1/health: the daemon runs and reaches its database. No
 * session: a load balancer asks it. */
static void health(dsc_http_req_t *req, void *data) {
  dsc_api_t *api = data;
  dsc_err_t err = dsc_engine_ping(api->engine, on_pinged, req);
  if (err != DSC_OK)
    dsc_http_reply_error(req, err, NULL);
}

dsc_err_t dsc_api_mount(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "GET", "/api/v1/health", health, api)) !=
          DSC_OK ||
      (err = api_mount_session(s, api)) != DSC_OK ||
      (err = api_mount_requests(s, api)) != DSC_OK ||
      (err = api_mount_appeals(s, api)) != DSC_OK ||
      (err = api_mount_letters(s, api)) != DSC_OK ||
      (err = api_mount_stats(s, api)) != DSC_OK ||
      (err = api_mount_admin(s, api)) != DSC_OK)
    return err;
  return DSC_OK;
}
