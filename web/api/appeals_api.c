/* Appeals over HTTP (docs/api.md, "Appeals"): reconsideration and
 * litigation against a request, about the agency's work as a whole
 * (`appeal --general`), and their decisions — what `disclose appeal` and
 * `appeal-decided` do, through the same calls (request.h). Who may is the
 * engine's rule (clerk or supervisor), checked there and by the database
 * again. */
#include "api_int.h"

static const char *const file_keys[] = {"kind", "result", "on", NULL};
static const char *const general_keys[] = {"agency", "kind", "result", "on",
                                           NULL};
static const char *const decision_keys[] = {"result", "on", NULL};

/* The body's kind (required) and result (optional); false once replied. */
static bool kind_result(api_call_t *c, const char *const *keys,
                        const char **kind, const char **result) {
  return api_known_keys(c, keys) && api_string(c, "kind", true, kind) &&
         api_string(c, "result", false, result);
}

/* POST /api/v1/requests/{id}/appeals: 201 and the appeal object. */
static void file_checked(api_call_t *c) {
  const char *kind, *result;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!kind_result(c, file_keys, &kind, &result) || !api_ctx(c, &ctx))
    return;
  c->status = 201;
  err = dsc_appeal_file(c->api->engine, &ctx, c->id, kind, result,
                        api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void file(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id) && api_body(c, false))
    api_auth(c, file_checked);
}

/* POST /api/v1/appeals: an appeal about the agency's disclosure work as a
 * whole, no request (Art. 51); 201 and the appeal object with
 * "request_id": null. */
static void general_checked(api_call_t *c) {
  const char *agency, *kind, *result;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!kind_result(c, general_keys, &kind, &result) ||
      !api_string(c, "agency", false, &agency) || !api_ctx(c, &ctx))
    return;
  c->status = 201;
  err = dsc_appeal_file_general(c->api->engine, &ctx, agency, kind, result,
                                api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void general(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_body(c, false))
    api_auth(c, general_checked);
}

/* POST /api/v1/appeals/{id}/decision {"result"}: 200 and the appeal. */
static void decide_checked(api_call_t *c) {
  const char *result;
  dsc_ctx_t ctx;
  dsc_err_t err;
  if (!api_known_keys(c, decision_keys) ||
      !api_string(c, "result", true, &result) || !api_ctx(c, &ctx))
    return;
  err =
      dsc_appeal_decide(c->api->engine, &ctx, c->id, result, api_on_result, c);
  if (err != DSC_OK)
    api_not_started(c, err);
}

static void decide(dsc_http_req_t *req, void *data) {
  api_call_t *c = api_call_new(req, data);
  if (c && api_path_id(c, "id", &c->id) && api_body(c, false))
    api_auth(c, decide_checked);
}

dsc_err_t api_mount_appeals(dsc_http_server_t *s, dsc_api_t *api) {
  dsc_err_t err;
  if ((err = dsc_http_route(s, "POST", "/api/v1/requests/{id}/appeals", file,
                            api)) != DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/appeals", general, api)) !=
          DSC_OK ||
      (err = dsc_http_route(s, "POST", "/api/v1/appeals/{id}/decision", decide,
                            api)) != DSC_OK)
    return err;
  return DSC_OK;
}
