/* web/api — the JSON API of disclose over web/http (docs/api.md). */
#ifndef DSC_WEB_API_H
#define DSC_WEB_API_H

#include "disclose/engine.h"
#include "http.h"

/* Registers every endpoint of the API on s, each calling e (which must
 * outlive s's requests: close the server before the engine). Errors as
 * dsc_http_route (DSC_INVALID, DSC_CONFLICT when mounted twice,
 * DSC_NOMEM). */
dsc_err_t dsc_api_mount(dsc_http_server_t *s, dsc_engine_t *e);

#endif /* DSC_WEB_API_H */
