/* web/http/errors.c — the error table as HTTP: one status per code and
 * the JSON error body (docs/api.md, "The server"). */
#include <string.h>

#include "http_int.h"

/* A switch without a default over every code: -Wswitch-enum (an error
 * under -Werror) names any code added to DSC_ERROR_MAP and not mapped
 * here. */
int dsc_http_status_of(dsc_err_t err) {
  switch (err) {
  case DSC_USAGE:
    return 400;
  case DSC_INVALID:
  case DSC_STATUTE:
  case DSC_CALENDAR_GAP:
    return 422;
  case DSC_UNAUTHENTICATED:
    return 401;
  case DSC_FORBIDDEN:
    return 403;
  case DSC_NOT_FOUND:
    return 404;
  case DSC_CONFLICT:
    return 409;
  case DSC_THROTTLED:
    return 429;
  case DSC_UNAVAILABLE:
  case DSC_NOMEM:
  case DSC_BUSY:
    return 503;
  case DSC_OK: /* no error: a caller's mistake */
  case DSC_INTEGRITY:
  case DSC_MISUSE:
  case DSC_INTERNAL:
  case DSC_ERR__COUNT:
    return 500;
  }
  return 500; /* a value outside the enum */
}

int dsc__http_retry_after(dsc_err_t err) {
  if (err == DSC_UNAVAILABLE)
    return 5; /* the engine reconnects with backoff */
  if (err == DSC_BUSY)
    return 1; /* the intake queue drains within a loop turn or two */
  if (err == DSC_THROTTLED)
    return 60;
  return 0;
}

cJSON *dsc__http_error_body(dsc_err_t err, const dsc_detail_t *detail,
                            dsc_lang_t lang) {
  cJSON *body = cJSON_CreateObject(), *e = cJSON_CreateObject();
  const char *message = dsc_strerror(err, lang);
  bool ok;

  if (detail != NULL && detail->code != DSC_OK) {
    if (lang == DSC_LANG_ZH && detail->message_zh[0] != '\0')
      message = detail->message_zh;
    else if (detail->message[0] != '\0')
      message = detail->message;
  }
  ok = body != NULL && e != NULL && cJSON_AddItemToObject(body, "error", e);
  if (!ok) {
    cJSON_Delete(body);
    cJSON_Delete(e);
    return NULL;
  }
  ok = cJSON_AddStringToObject(e, "kind", dsc_err_name(err)) != NULL;
  if (detail != NULL && detail->code != DSC_OK && detail->field[0] != '\0')
    ok = ok && cJSON_AddStringToObject(e, "field", detail->field) != NULL;
  else
    ok = ok && cJSON_AddNullToObject(e, "field") != NULL;
  ok = ok && cJSON_AddStringToObject(e, "message", message) != NULL;
  if (!ok) {
    cJSON_Delete(body);
    return NULL;
  }
  return body;
}
