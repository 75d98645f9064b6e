/* tests/unit/test_http.c — web/http without sockets: the router (captures,
 * 404 against 405, trailing and doubled slashes, percent-decoding through
 * h2o's normaliser, long and hostile paths, bad patterns), the status of
 * every code of the error table, and the JSON error body in both
 * languages. */
#include <h2o.h>
#include <string.h>

#include "dsc_test.h"
#include "http_int.h"
#include "router.h"

static void h_a(void) {}
static void h_b(void) {}

/* The routes the cases match against. */
static void routes(dsc__router_t *r) {
  dsc__router_init(r);
  DSC_ASSERT_EQ(dsc__router_add(r, "GET", "/api/v1/requests", h_a, NULL, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__router_add(r, "POST", "/api/v1/requests", h_b, NULL, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(
      dsc__router_add(r, "GET", "/api/v1/requests/{id}", h_a, NULL, NULL),
      DSC_OK);
  DSC_ASSERT_EQ(dsc__router_add(r, "POST",
                                "/api/v1/requests/{id}/actions/{action}", h_b,
                                NULL, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__router_add(r, "GET", "/", h_a, NULL, NULL), DSC_OK);
}

static dsc__route_result_t match(const dsc__router_t *r, const char *method,
                                 const char *path, dsc__route_match_t *m) {
  return dsc__router_match(r, method, strlen(method), path, strlen(path), m);
}

static void expect_cap(const dsc__route_match_t *m, size_t i, const char *name,
                       const char *value) {
  DSC_ASSERT(i < m->ncap);
  DSC_ASSERT_EQ(m->cap[i].name_len, strlen(name));
  DSC_ASSERT(memcmp(m->cap[i].name, name, strlen(name)) == 0);
  DSC_ASSERT_EQ(m->cap[i].len, strlen(value));
  DSC_ASSERT(memcmp(m->cap[i].value, value, strlen(value)) == 0);
}

DSC_TEST(route_captures) {
  dsc__router_t r;
  dsc__route_match_t m;
  routes(&r);
  DSC_ASSERT_EQ(match(&r, "POST", "/api/v1/requests/42/actions/assign", &m),
                DSC__ROUTE_FOUND);
  DSC_ASSERT(m.route->fn == h_b);
  DSC_ASSERT_EQ(m.ncap, 2);
  expect_cap(&m, 0, "id", "42");
  expect_cap(&m, 1, "action", "assign");
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/7", &m), DSC__ROUTE_FOUND);
  expect_cap(&m, 0, "id", "7");
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests", &m), DSC__ROUTE_FOUND);
  DSC_ASSERT_EQ(m.ncap, 0);
  DSC_ASSERT(m.route->fn == h_a);
  DSC_ASSERT_EQ(match(&r, "POST", "/api/v1/requests", &m), DSC__ROUTE_FOUND);
  DSC_ASSERT(m.route->fn == h_b);
  DSC_ASSERT_EQ(match(&r, "GET", "/", &m), DSC__ROUTE_FOUND);
  dsc__router_free(&r);
}

DSC_TEST(route_404_and_405) {
  dsc__router_t r;
  dsc__route_match_t m;
  routes(&r);
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/nothing", &m), DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/1/actions", &m),
                DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "DELETE", "/api/v1/requests", &m),
                DSC__ROUTE_BAD_METHOD);
  DSC_ASSERT_STR_EQ(m.allow, "GET, POST");
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/1/actions/x", &m),
                DSC__ROUTE_BAD_METHOD);
  DSC_ASSERT_STR_EQ(m.allow, "POST");
  /* Methods are case-sensitive (RFC 9110 §9.1). */
  DSC_ASSERT_EQ(match(&r, "get", "/api/v1/requests", &m),
                DSC__ROUTE_BAD_METHOD);
  dsc__router_free(&r);
}

DSC_TEST(route_slashes) {
  dsc__router_t r;
  dsc__route_match_t m;
  routes(&r);
  /* One URL per resource: a trailing or doubled slash is another path. */
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/", &m),
                DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1//requests", &m),
                DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET", "//api/v1/requests", &m),
                DSC__ROUTE_NOT_FOUND);
  /* An empty capture never matches. */
  DSC_ASSERT_EQ(match(&r, "POST", "/api/v1/requests//actions/x", &m),
                DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET", "", &m), DSC__ROUTE_BAD_PATH);
  DSC_ASSERT_EQ(match(&r, "GET", "api/v1/requests", &m), DSC__ROUTE_BAD_PATH);
  dsc__router_free(&r);
}

/* The path as h2o hands it over: normalised from what the client sent. */
static char *normalise(h2o_mem_pool_t *pool, const char *raw) {
  size_t query_at, *norm;
  h2o_iovec_t p =
      h2o_url_normalize_path(pool, raw, strlen(raw), &query_at, &norm);
  char *s = h2o_mem_alloc_pool(pool, p.len + 1);
  memcpy(s, p.base, p.len);
  s[p.len] = '\0';
  return s;
}

DSC_TEST(route_percent_decoding) {
  dsc__router_t r;
  dsc__route_match_t m;
  h2o_mem_pool_t pool;
  routes(&r);
  h2o_mem_init_pool(&pool);
  DSC_ASSERT_EQ(
      match(&r, "GET", normalise(&pool, "/api/v1/requests/%E5%BC%A0%20x"), &m),
      DSC__ROUTE_FOUND);
  expect_cap(&m, 0, "id", "张 x");
  /* Decoded once, by the normaliser only: %252e is "%2e", never ".". */
  DSC_ASSERT_EQ(
      match(&r, "GET", normalise(&pool, "/api/v1/requests/%252e%252e"), &m),
      DSC__ROUTE_FOUND);
  expect_cap(&m, 0, "id", "%2e%2e");
  /* Literals may be encoded too. */
  DSC_ASSERT_EQ(match(&r, "GET", normalise(&pool, "/api/v1/%72equests"), &m),
                DSC__ROUTE_FOUND);
  /* Traversal is resolved before the router: it never climbs out. */
  DSC_ASSERT_STR_EQ(normalise(&pool, "/api/v1/../../etc/passwd"),
                    "/etc/passwd");
  DSC_ASSERT_EQ(
      match(&r, "GET", normalise(&pool, "/api/v1/../../etc/passwd"), &m),
      DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET",
                      normalise(&pool, "/api/v1/%2e%2e/%2e%2e/etc/passwd"), &m),
                DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(
      match(&r, "GET", normalise(&pool, "/api/v1/requests/./1/../2"), &m),
      DSC__ROUTE_FOUND);
  expect_cap(&m, 0, "id", "2");
  /* A decoded NUL or control byte is refused, not cut short. */
  DSC_ASSERT_EQ(
      match(&r, "GET", "/api/v1/requests/1\0x", &m) == DSC__ROUTE_FOUND, 1);
  DSC_ASSERT_EQ(
      dsc__router_match(&r, "GET", 3, "/api/v1/requests/1\0x", 20, &m),
      DSC__ROUTE_BAD_PATH);
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/a\nb", &m),
                DSC__ROUTE_BAD_PATH);
  h2o_mem_clear_pool(&pool);
  dsc__router_free(&r);
}

DSC_TEST(route_long_and_hostile_paths) {
  dsc__router_t r;
  dsc__route_match_t m;
  size_t n = 1 << 20;
  char *p = malloc(n + 1);
  routes(&r);
  DSC_ASSERT(p != NULL);
  for (size_t i = 0; i < n; i++)
    p[i] = i % 2 == 0 ? '/' : 'a';
  p[n] = '\0';
  DSC_ASSERT_EQ(match(&r, "GET", p, &m), DSC__ROUTE_NOT_FOUND);
  memset(p, '/', n);
  DSC_ASSERT_EQ(match(&r, "GET", p, &m), DSC__ROUTE_NOT_FOUND);
  memcpy(p, "/api/v1/requests/", 17);
  memset(p + 17, 'x', n - 17);
  DSC_ASSERT_EQ(match(&r, "GET", p, &m), DSC__ROUTE_FOUND);
  DSC_ASSERT_EQ(m.cap[0].len, n - 17);
  DSC_ASSERT_EQ(match(&r, "GET", "/{id}", &m), DSC__ROUTE_NOT_FOUND);
  DSC_ASSERT_EQ(match(&r, "GET", "/api/v1/requests/%00", &m),
                DSC__ROUTE_FOUND); /* not decoded here: h2o did it */
  free(p);
  dsc__router_free(&r);
}

DSC_TEST(route_bad_patterns) {
  dsc__router_t r;
  dsc_detail_t d;
  const char *bad[] = {"",
                       "api",
                       "/a//b",
                       "/a/",
                       "/{}",
                       "/{Id}",
                       "/{id",
                       "/a{id}",
                       "/{id}/{id}",
                       "/{a}/{b}/{c}/{d}/{e}/{f}/{g}/{h}/{i}",
                       "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17",
                       "/{abcdefghijabcdefghijabcdefghijab}"};
  dsc__router_init(&r);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    dsc_detail_clear(&d);
    if (dsc__router_add(&r, "GET", bad[i], h_a, NULL, &d) != DSC_INVALID)
      DSC_FAIL_("pattern accepted: \"%s\"", bad[i]);
    DSC_ASSERT_STR_EQ(d.field, "pattern");
  }
  DSC_ASSERT_EQ(dsc__router_add(&r, "get", "/a", h_a, NULL, &d), DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "method");
  DSC_ASSERT_EQ(dsc__router_add(&r, "", "/a", h_a, NULL, &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc__router_add(&r, "GET", "/a", h_a, NULL, &d), DSC_OK);
  DSC_ASSERT_EQ(dsc__router_add(&r, "GET", "/a", h_b, NULL, &d), DSC_CONFLICT);
  DSC_ASSERT_EQ(r.n, 1);
  dsc__router_free(&r);
}

DSC_TEST(status_of_every_code) {
  for (int e = 0; e < DSC_ERR__COUNT; e++) {
    int st = dsc_http_status_of((dsc_err_t)e);
    if (st < 400 || st > 599)
      DSC_FAIL_("%s maps to %d", dsc_err_name((dsc_err_t)e), st);
  }
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_USAGE), 400);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_INVALID), 422);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_UNAUTHENTICATED), 401);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_FORBIDDEN), 403);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_NOT_FOUND), 404);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_CONFLICT), 409);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_STATUTE), 422);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_CALENDAR_GAP), 422);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_INTEGRITY), 500);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_UNAVAILABLE), 503);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_NOMEM), 503);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_BUSY), 503);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_THROTTLED), 429);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_MISUSE), 500);
  DSC_ASSERT_EQ(dsc_http_status_of(DSC_INTERNAL), 500);
  DSC_ASSERT_EQ(dsc_http_status_of((dsc_err_t)999), 500);
  DSC_ASSERT_EQ(dsc__http_retry_after(DSC_UNAVAILABLE), 5);
  DSC_ASSERT_EQ(dsc__http_retry_after(DSC_BUSY), 1);
  DSC_ASSERT_EQ(dsc__http_retry_after(DSC_THROTTLED), 60);
  DSC_ASSERT_EQ(dsc__http_retry_after(DSC_NOMEM), 0);
}

/* The body as text, for exact comparison. */
static void expect_body(dsc_err_t err, const dsc_detail_t *d, dsc_lang_t lang,
                        const char *want) {
  cJSON *body = dsc__http_error_body(err, d, lang);
  char *text;
  DSC_ASSERT(body != NULL);
  text = cJSON_PrintUnformatted(body);
  DSC_ASSERT_STR_EQ(text, want);
  cJSON_free(text);
  cJSON_Delete(body);
}

DSC_TEST(error_body_languages) {
  dsc_detail_t d;
  dsc_detail_set(&d, DSC_CONFLICT, "state", "already answered", "已答复");
  expect_body(DSC_CONFLICT, &d, DSC_LANG_EN,
              "{\"error\":{\"kind\":\"conflict\",\"field\":\"state\","
              "\"message\":\"already answered\"}}");
  expect_body(DSC_CONFLICT, &d, DSC_LANG_ZH,
              "{\"error\":{\"kind\":\"conflict\",\"field\":\"state\","
              "\"message\":\"已答复\"}}");
  /* No Chinese message: English in both. */
  dsc_detail_set(&d, DSC_INVALID, "received_on", "not a date", NULL);
  expect_body(DSC_INVALID, &d, DSC_LANG_ZH,
              "{\"error\":{\"kind\":\"invalid\",\"field\":\"received_on\","
              "\"message\":\"not a date\"}}");
  /* No detail: the table's message, and a null field. */
  expect_body(DSC_THROTTLED, NULL, DSC_LANG_EN,
              "{\"error\":{\"kind\":\"throttled\",\"field\":null,"
              "\"message\":\"too many attempts\"}}");
  expect_body(DSC_UNAUTHENTICATED, NULL, DSC_LANG_ZH,
              "{\"error\":{\"kind\":\"unauthenticated\",\"field\":null,"
              "\"message\":\"未登录\"}}");
  /* A cleared detail counts as none. */
  dsc_detail_clear(&d);
  expect_body(DSC_NOT_FOUND, &d, DSC_LANG_EN,
              "{\"error\":{\"kind\":\"not_found\",\"field\":null,"
              "\"message\":\"not found\"}}");
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(route_captures),
    DSC_TEST_ENTRY(route_404_and_405),
    DSC_TEST_ENTRY(route_slashes),
    DSC_TEST_ENTRY(route_percent_decoding),
    DSC_TEST_ENTRY(route_long_and_hostile_paths),
    DSC_TEST_ENTRY(route_bad_patterns),
    DSC_TEST_ENTRY(status_of_every_code),
    DSC_TEST_ENTRY(error_body_languages),
};

DSC_TEST_MAIN(cases)
