/* PostgreSQL array literals (see pgarray.h). */
#include "pgarray.h"

#include <string.h>

#include "alloc.h"

void dsc__pgarray_init(dsc__pgarray_t *a) { memset(a, 0, sizeof *a); }

/* Room for need more bytes, growing geometrically so a group of a thousand
 * elements reallocates about a dozen times, not a thousand. */
static bool reserve(dsc__pgarray_t *a, size_t need) {
  size_t cap;
  char *p;

  if (a->failed)
    return false;
  if (a->cap - a->len >= need)
    return true;
  cap = a->cap ? a->cap : 256;
  while (cap - a->len < need) {
    if (cap > ((size_t)-1) / 2) {
      a->failed = true;
      return false;
    }
    cap *= 2;
  }
  if ((p = dsc__realloc(a->buf, cap)) == NULL) {
    a->failed = true;
    return false;
  }
  a->buf = p;
  a->cap = cap;
  return true;
}

void dsc__pgarray_add(dsc__pgarray_t *a, const char *v) {
  size_t vlen = v ? strlen(v) : 0;

  /* Worst case: the separator ("{" or ","), every byte escaped, the two
   * quotes, and the closing "}" with its NUL kept available. */
  if (!reserve(a, 1 + 2 * vlen + 2 + 2))
    return;
  a->buf[a->len++] = a->n == 0 ? '{' : ',';
  a->n++;
  if (v == NULL) {
    memcpy(a->buf + a->len, "NULL", 4);
    a->len += 4;
    return;
  }
  a->buf[a->len++] = '"';
  for (const char *c = v; *c; c++) {
    if (*c == '\\' || *c == '"')
      a->buf[a->len++] = '\\';
    a->buf[a->len++] = *c;
  }
  a->buf[a->len++] = '"';
}

const char *dsc__pgarray_finish(dsc__pgarray_t *a) {
  if (!reserve(a, 3))
    return NULL;
  if (a->n == 0)
    a->buf[a->len++] = '{';
  a->buf[a->len++] = '}';
  a->buf[a->len] = '\0';
  return a->buf;
}

void dsc__pgarray_free(dsc__pgarray_t *a) {
  dsc__free(a->buf);
  dsc__pgarray_init(a);
}
