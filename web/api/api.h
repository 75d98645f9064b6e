/* The HTTP API of disclose (docs/api.md): the endpoints under /api/v1,
 * mounted on an HTTP server (web/http/http.h) and served by the engine
 * the daemon runs. */
#ifndef DSC_WEB_API_H
#define DSC_WEB_API_H

#include "disclose/engine.h"
#include "http.h"

typedef struct dsc_api dsc_api_t;

/* The API's state for engine: origin (copied; may be NULL) is the origin
 * the desk's pages are served from, for the CSRF check of cookie requests
 * ("https://desk.example.gov.cn"); NULL takes each request's own Host.
 * DSC_NOMEM. Free with dsc_api_free after the server closed. */
dsc_err_t dsc_api_create(dsc_engine_t *engine, const char *origin,
                         dsc_api_t **out);

/* Registers every endpoint on s. DSC_NOMEM, or the router's refusal. */
dsc_err_t dsc_api_mount(dsc_http_server_t *s, dsc_api_t *api);

/* Frees api. Accepts NULL. */
void dsc_api_free(dsc_api_t *api);

#endif
