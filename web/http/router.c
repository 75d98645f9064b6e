/* web/http/router.c — patterns and their matching (router.h). */
#include "router.h"

#include <stdlib.h>
#include <string.h>

void dsc__router_init(dsc__router_t *r) { memset(r, 0, sizeof *r); }

void dsc__router_free(dsc__router_t *r) {
  if (r == NULL)
    return;
  for (size_t i = 0; i < r->n; i++)
    free(r->routes[i].pattern);
  free(r->routes);
  dsc__router_init(r);
}

static bool method_valid(const char *m) {
  size_t n = strlen(m);
  if (n == 0 || n > DSC__ROUTE_MAX_METHOD)
    return false;
  for (size_t i = 0; i < n; i++)
    if (m[i] < 'A' || m[i] > 'Z')
      return false;
  return true;
}

static bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* Control bytes never reach a handler: they would cut a capture at a NUL
 * or end up in a log line. */
static bool control_byte(unsigned char c) { return c < 0x20 || c == 0x7F; }

/* One segment of a pattern, s[0..len): a literal or a capture. */
static const char *parse_segment(const char *s, size_t len,
                                 dsc__route_seg_t *seg) {
  if (len == 0)
    return "an empty segment";
  if (s[0] == '{') {
    if (len < 3 || s[len - 1] != '}' || len - 2 > DSC__ROUTE_MAX_NAME)
      return "a capture is {name}, of at most 31 characters";
    for (size_t i = 1; i + 1 < len; i++)
      if (!name_char(s[i]))
        return "a capture's name is of a-z, 0-9 and _";
    seg->text = s + 1;
    seg->len = len - 2;
    seg->capture = true;
    return NULL;
  }
  for (size_t i = 0; i < len; i++)
    if (s[i] == '{' || s[i] == '}' || control_byte((unsigned char)s[i]))
      return "a literal segment holds no braces or control characters";
  seg->text = s;
  seg->len = len;
  seg->capture = false;
  return NULL;
}

/* Splits pattern (a private copy) into rt's segments. */
static const char *parse_pattern(dsc__route_t *rt) {
  const char *p = rt->pattern;
  size_t ncap = 0;

  if (p[0] != '/')
    return "a pattern starts with /";
  if (p[1] == '\0')
    return NULL; /* "/" itself: no segment */
  p++;
  for (;;) {
    const char *end = strchr(p, '/'), *why;
    size_t len = end ? (size_t)(end - p) : strlen(p);
    dsc__route_seg_t *seg;
    if (rt->nseg == DSC__ROUTE_MAX_SEGMENTS)
      return "too many segments";
    seg = &rt->seg[rt->nseg];
    why = parse_segment(p, len, seg);
    if (why != NULL)
      return why;
    if (seg->capture) {
      if (++ncap > DSC__ROUTE_MAX_CAPTURES)
        return "too many captures";
      for (size_t i = 0; i < rt->nseg; i++)
        if (rt->seg[i].capture && rt->seg[i].len == seg->len &&
            memcmp(rt->seg[i].text, seg->text, seg->len) == 0)
          return "a capture's name is used twice";
    }
    rt->nseg++;
    if (end == NULL)
      return NULL;
    p = end + 1;
  }
}

dsc_err_t dsc__router_add(dsc__router_t *r, const char *method,
                          const char *pattern, void (*fn)(void), void *data,
                          dsc_detail_t *d) {
  dsc__route_t rt;
  const char *why;

  if (method == NULL || !method_valid(method))
    return dsc_detail_set(d, DSC_INVALID, "method",
                          "a method is 1 to 15 upper-case letters",
                          "方法名应为 1 至 15 个大写字母");
  if (pattern == NULL)
    return dsc_detail_set(d, DSC_INVALID, "pattern", "no pattern", "缺少路径");
  memset(&rt, 0, sizeof rt);
  memcpy(rt.method, method, strlen(method) + 1);
  rt.pattern = strdup(pattern);
  if (rt.pattern == NULL)
    return dsc_detail_set(d, DSC_NOMEM, "", "out of memory", NULL);
  why = parse_pattern(&rt);
  if (why != NULL) {
    free(rt.pattern);
    return dsc_detail_set(d, DSC_INVALID, "pattern", why, NULL);
  }
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->routes[i].method, method) == 0 &&
        strcmp(r->routes[i].pattern, pattern) == 0) {
      free(rt.pattern);
      return dsc_detail_set(d, DSC_CONFLICT, "pattern",
                            "this method and pattern are already routed",
                            "该方法和路径已注册");
    }
  if (r->n == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 16;
    dsc__route_t *grown = realloc(r->routes, cap * sizeof *grown);
    if (grown == NULL) {
      free(rt.pattern);
      return dsc_detail_set(d, DSC_NOMEM, "", "out of memory", NULL);
    }
    r->routes = grown;
    r->cap = cap;
  }
  rt.fn = fn;
  rt.data = data;
  r->routes[r->n++] = rt;
  return DSC_OK;
}

/* The path's segments, at most DSC__ROUTE_MAX_SEGMENTS + 1 of them: one
 * more than any pattern has is enough to know that none matches. */
typedef struct path_segs {
  size_t n;
  const char *s[DSC__ROUTE_MAX_SEGMENTS + 1];
  size_t len[DSC__ROUTE_MAX_SEGMENTS + 1];
} path_segs_t;

static void split_path(const char *path, size_t plen, path_segs_t *ps) {
  size_t i = 1;
  ps->n = 0;
  if (plen == 1)
    return; /* "/" */
  while (ps->n <= DSC__ROUTE_MAX_SEGMENTS) {
    const char *end = memchr(path + i, '/', plen - i);
    size_t len = end ? (size_t)(end - (path + i)) : plen - i;
    ps->s[ps->n] = path + i;
    ps->len[ps->n] = len;
    ps->n++;
    if (end == NULL)
      return;
    i += len + 1;
  }
}

static bool route_matches(const dsc__route_t *rt, const path_segs_t *ps) {
  if (rt->nseg != ps->n)
    return false;
  for (size_t i = 0; i < ps->n; i++) {
    const dsc__route_seg_t *seg = &rt->seg[i];
    if (ps->len[i] == 0)
      return false; /* "//" or a trailing "/" */
    if (!seg->capture &&
        (seg->len != ps->len[i] || memcmp(seg->text, ps->s[i], seg->len)))
      return false;
  }
  return true;
}

/* Adds method to the Allow list unless it is there already. */
static void allow_add(char *allow, size_t cap, const char *method) {
  size_t used = strlen(allow), mlen = strlen(method);
  const char *p = allow;
  while ((p = strstr(p, method)) != NULL) {
    if ((p == allow || p[-1] == ' ') && (p[mlen] == ',' || p[mlen] == '\0'))
      return;
    p += mlen;
  }
  if (used + 2 + mlen + 1 > cap)
    return; /* cannot happen with 8 methods of 15 bytes; never overflow */
  if (used > 0) {
    memcpy(allow + used, ", ", 2);
    used += 2;
  }
  memcpy(allow + used, method, mlen + 1);
}

dsc__route_result_t dsc__router_match(const dsc__router_t *r,
                                      const char *method, size_t mlen,
                                      const char *path, size_t plen,
                                      dsc__route_match_t *m) {
  path_segs_t ps;

  memset(m, 0, sizeof *m);
  if (plen == 0 || path[0] != '/')
    return DSC__ROUTE_BAD_PATH;
  for (size_t i = 0; i < plen; i++)
    if (control_byte((unsigned char)path[i]))
      return DSC__ROUTE_BAD_PATH;
  split_path(path, plen, &ps);
  for (size_t i = 0; i < r->n; i++) {
    const dsc__route_t *rt = &r->routes[i];
    if (!route_matches(rt, &ps))
      continue;
    if (strlen(rt->method) != mlen || memcmp(rt->method, method, mlen) != 0) {
      allow_add(m->allow, sizeof m->allow, rt->method);
      continue;
    }
    m->route = rt;
    for (size_t k = 0; k < rt->nseg; k++) {
      if (!rt->seg[k].capture)
        continue;
      m->cap[m->ncap].name = rt->seg[k].text;
      m->cap[m->ncap].name_len = rt->seg[k].len;
      m->cap[m->ncap].value = ps.s[k];
      m->cap[m->ncap].len = ps.len[k];
      m->ncap++;
    }
    m->allow[0] = '\0';
    return DSC__ROUTE_FOUND;
  }
  return m->allow[0] != '\0' ? DSC__ROUTE_BAD_METHOD : DSC__ROUTE_NOT_FOUND;
}
