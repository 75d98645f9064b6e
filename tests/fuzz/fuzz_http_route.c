/* tests/fuzz/fuzz_http_route.c — libFuzzer driver for web/http's router
 * (web/http/router.c): the input is "METHOD PATH", split at the first
 * space (a method of the whole input when there is none), matched against
 * a fixed table of API-like routes, and also registered as a pattern.
 *
 * Whatever the bytes, nothing may crash or read out of bounds, and:
 *   - FOUND gives a route of that method whose literal segments equal the
 *     path's and whose captures are non-empty, slash-free pieces of the
 *     path, in order; rebuilding the path from the pattern and the
 *     captures gives the path back;
 *   - BAD_METHOD comes with a non-empty Allow list without the method;
 *   - BAD_PATH only for a path not starting with '/' or holding a control
 *     byte;
 *   - a pattern the router accepts matches itself (as a path, with its
 *     captures standing for themselves) with its method.
 * Build: cmake -DDSC_FUZZ=ON -DCMAKE_C_COMPILER=clang (tests/fuzz/). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void handler(void) {}

static const char *const table[][2] = {
    {"GET", "/api/v1/health"},
    {"GET", "/api/v1/requests"},
    {"POST", "/api/v1/requests"},
    {"GET", "/api/v1/requests/{id}"},
    {"POST", "/api/v1/requests/{id}/actions/{action}"},
    {"GET", "/api/v1/requests/{id}/letters/{number}"},
    {"DELETE", "/api/v1/sessions/{token}"},
    {"GET", "/"},
};

static bool has_control(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)p[i] < 0x20 || p[i] == 0x7F)
      return true;
  return false;
}

/* Rebuilds the path from the route and the captures: equal to path. */
static void check_found(const dsc__route_match_t *m, const char *method,
                        size_t mlen, const char *path, size_t plen) {
  const dsc__route_t *rt = m->route;
  size_t off = 0, cap = 0;

  FUZZ_REQUIRE(strlen(rt->method) == mlen &&
               memcmp(rt->method, method, mlen) == 0);
  for (size_t i = 0; i < rt->nseg; i++) {
    const char *piece;
    size_t len;
    FUZZ_REQUIRE(off < plen && path[off] == '/');
    off++;
    if (rt->seg[i].capture) {
      FUZZ_REQUIRE(cap < m->ncap);
      piece = m->cap[cap].value;
      len = m->cap[cap].len;
      FUZZ_REQUIRE(len > 0 && memchr(piece, '/', len) == NULL);
      FUZZ_REQUIRE(piece == path + off);
      cap++;
    } else {
      piece = rt->seg[i].text;
      len = rt->seg[i].len;
    }
    FUZZ_REQUIRE(off + len <= plen && memcmp(path + off, piece, len) == 0);
    off += len;
  }
  FUZZ_REQUIRE(cap == m->ncap);
  FUZZ_REQUIRE(off == plen || (rt->nseg == 0 && plen == 1));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *in = (const char *)data;
  const char *sp = memchr(in, ' ', size);
  size_t mlen = sp ? (size_t)(sp - in) : size;
  const char *path = sp ? sp + 1 : "";
  size_t plen = sp ? size - mlen - 1 : 0;
  dsc__router_t r;
  dsc__route_match_t m;
  char *method, *pattern;

  dsc__router_init(&r);
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    FUZZ_REQUIRE(dsc__router_add(&r, table[i][0], table[i][1], handler, NULL,
                                 NULL) == DSC_OK);
  switch (dsc__router_match(&r, in, mlen, path, plen, &m)) {
  case DSC__ROUTE_FOUND:
    check_found(&m, in, mlen, path, plen);
    break;
  case DSC__ROUTE_BAD_METHOD:
    FUZZ_REQUIRE(m.allow[0] != '\0' && memchr(m.allow, '\0', sizeof m.allow));
    break;
  case DSC__ROUTE_BAD_PATH:
    FUZZ_REQUIRE(plen == 0 || path[0] != '/' || has_control(path, plen));
    break;
  case DSC__ROUTE_NOT_FOUND:
    FUZZ_REQUIRE(plen > 0 && path[0] == '/' && !has_control(path, plen));
    break;
  }
  dsc__router_free(&r);

  /* The input as a route of its own: accepted, it must match itself. */
  method = strndup(in, mlen);
  pattern = strndup(path, plen);
  FUZZ_REQUIRE(method != NULL && pattern != NULL);
  dsc__router_init(&r);
  if (strlen(method) == mlen && strlen(pattern) == plen &&
      dsc__router_add(&r, method, pattern, handler, NULL, NULL) == DSC_OK) {
    FUZZ_REQUIRE(dsc__router_match(&r, method, mlen, pattern, plen, &m) ==
                 DSC__ROUTE_FOUND);
    FUZZ_REQUIRE(m.route == &r.routes[0]);
  }
  dsc__router_free(&r);
  free(method);
  free(pattern);
  return 0;
}
