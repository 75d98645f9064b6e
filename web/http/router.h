/* web/http/router.h — METHOD + path-pattern matching, with no HTTP in it:
 * the server's dispatcher, the unit tests and the fuzz driver use it
 * alone. Internal to web/http (the public face is dsc_http_route).
 *
 * A pattern is "/" followed by segments separated by "/": a literal
 * ("requests") or a capture ("{id}", a name of [a-z0-9_]). A path matches
 * when it has as many segments and each literal is equal; a capture takes
 * any non-empty segment. Paths come normalised by h2o (percent-decoded
 * once, no "." or ".." segments), so the router decodes nothing more: a
 * second decoding would turn "%252e" into "." behind the normaliser's
 * back. */
#ifndef DSC_WEB_HTTP_ROUTER_H
#define DSC_WEB_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "disclose/error.h"

#define DSC__ROUTE_MAX_SEGMENTS 16 /* segments of a pattern */
#define DSC__ROUTE_MAX_CAPTURES 8  /* captures of a pattern */
#define DSC__ROUTE_MAX_METHOD 15   /* bytes of a method name */
#define DSC__ROUTE_MAX_NAME 31     /* bytes of a capture's name */

typedef struct dsc__route_seg {
  const char *text; /* the literal, or the capture's name (in pattern) */
  size_t len;
  bool capture;
} dsc__route_seg_t;

typedef struct dsc__route {
  char method[DSC__ROUTE_MAX_METHOD + 1];
  char *pattern; /* owned copy; the segments point into it */
  size_t nseg;
  dsc__route_seg_t seg[DSC__ROUTE_MAX_SEGMENTS];
  void (*fn)(void); /* the handler, opaque here (dsc_http_handler_fn) */
  void *data;
} dsc__route_t;

typedef struct dsc__router {
  dsc__route_t *routes; /* owned, in registration order */
  size_t n, cap;
} dsc__router_t;

typedef struct dsc__route_capture {
  const char *name; /* in the route's pattern, not NUL-terminated */
  size_t name_len;
  const char *value; /* in the matched path, not NUL-terminated */
  size_t len;
} dsc__route_capture_t;

typedef enum dsc__route_result {
  DSC__ROUTE_FOUND,      /* route and captures are set */
  DSC__ROUTE_NOT_FOUND,  /* no pattern matches the path: 404 */
  DSC__ROUTE_BAD_METHOD, /* patterns match, with other methods: 405 */
  DSC__ROUTE_BAD_PATH    /* not "/...", or control bytes: 400 */
} dsc__route_result_t;

typedef struct dsc__route_match {
  const dsc__route_t *route; /* FOUND: the first route registered */
  size_t ncap;
  dsc__route_capture_t cap[DSC__ROUTE_MAX_CAPTURES];
  char allow[128]; /* BAD_METHOD: "GET, POST", the registration order */
} dsc__route_match_t;

/* An empty router; needs no allocation. */
void dsc__router_init(dsc__router_t *r);

/* Frees what the router owns. Accepts NULL. */
void dsc__router_free(dsc__router_t *r);

/* Adds METHOD PATTERN → fn(data); method and pattern are copied.
 * DSC_INVALID (detail names "method" or "pattern") for a method that is
 * not 1–15 upper-case letters or a pattern that is not as above (empty
 * segment, braces in a literal, a bad or repeated capture name, too many
 * segments or captures), DSC_CONFLICT for the same method and pattern
 * twice, DSC_NOMEM. */
dsc_err_t dsc__router_add(dsc__router_t *r, const char *method,
                          const char *pattern, void (*fn)(void), void *data,
                          dsc_detail_t *d);

/* Matches method[0..mlen) and path[0..plen) (any bytes: neither needs a
 * NUL). OUT: *m, whose pointers point into the router and into path. */
dsc__route_result_t dsc__router_match(const dsc__router_t *r,
                                      const char *method, size_t mlen,
                                      const char *path, size_t plen,
                                      dsc__route_match_t *m);

#endif /* DSC_WEB_HTTP_ROUTER_H */
