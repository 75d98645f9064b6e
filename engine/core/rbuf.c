/* The bounded output buffer (rbuf.h), and HTML escaping into it. */
#include "rbuf.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

/* Makes room for n more bytes and the NUL; false (and failed) if it cannot.
 */
static bool rbuf_reserve(dsc__rbuf_t *b, size_t n) {
  size_t need, cap;
  char *p;

  if (b->failed)
    return false;
  if (n > DSC__RBUF_MAX - b->len - 1) {
    b->failed = true;
    return false;
  }
  need = b->len + n + 1;
  if (need <= b->cap)
    return true;
  cap = b->cap ? b->cap : 4096;
  while (cap < need)
    cap *= 2;
  if (cap > DSC__RBUF_MAX)
    cap = DSC__RBUF_MAX;
  p = dsc__realloc(b->p, cap);
  if (p == NULL) {
    b->failed = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

void dsc__rbuf_add(dsc__rbuf_t *b, const char *s, size_t n) {
  if (!rbuf_reserve(b, n))
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

void dsc__rbuf_str(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_add(b, s, strlen(s));
}

void dsc__rbuf_i64(dsc__rbuf_t *b, int64_t v) {
  char num[24];
  int n = snprintf(num, sizeof num, "%" PRId64, v);

  dsc__rbuf_add(b, num, (size_t)n);
}

void dsc__rbuf_html(dsc__rbuf_t *b, const char *s, size_t n) {
  const char *run = s, *end = s + n;

  for (; s < end; s++) {
    const char *e = NULL;

    switch (*s) {
    case '&':
      e = "&amp;";
      break;
    case '<':
      e = "&lt;";
      break;
    case '>':
      e = "&gt;";
      break;
    case '"':
      e = "&quot;";
      break;
    case '\'':
      e = "&#39;";
      break;
    default:
      continue;
    }
    dsc__rbuf_add(b, run, (size_t)(s - run));
    dsc__rbuf_str(b, e);
    run = s + 1;
  }
  dsc__rbuf_add(b, run, (size_t)(s - run));
}

dsc_err_t dsc__rbuf_finish(dsc__rbuf_t *b, char **out, size_t *len) {
  /* An empty rendering still owes the caller a string. */
  if (!b->failed && b->p == NULL)
    dsc__rbuf_add(b, "", 0);
  if (b->failed) {
    dsc__free(b->p);
    *b = (dsc__rbuf_t){0};
    return DSC_NOMEM;
  }
  *out = b->p;
  if (len != NULL)
    *len = b->len;
  *b = (dsc__rbuf_t){0};
  return DSC_OK;
}
