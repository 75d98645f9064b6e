/* A bounded, growable output buffer (internal), for the renderings that
 * write a document piece by piece: the annual report's formats and a
 * letter's HTML. Appends never fail visibly; the first allocation failure
 * (or passing DSC__RBUF_MAX) sets failed and later appends do nothing, so a
 * renderer checks once, at the end. Everything goes through dsc__malloc. */
#ifndef DSC_ENGINE_RBUF_H
#define DSC_ENGINE_RBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclose/error.h"

#define DSC__RBUF_MAX ((size_t)16 << 20)
typedef struct dsc__rbuf {
  char *p;
  size_t len; /* bytes written, NUL not counted */
  size_t cap; /* bytes allocated */
  bool failed;
} dsc__rbuf_t;

void dsc__rbuf_add(dsc__rbuf_t *b, const char *s, size_t n);
void dsc__rbuf_str(dsc__rbuf_t *b, const char *s);
void dsc__rbuf_i64(dsc__rbuf_t *b, int64_t v);

/* Appends s[0..n) as HTML text: & < > " and ' become entities, so the text
 * can stand in an element or a quoted attribute and never makes markup. */
void dsc__rbuf_html(dsc__rbuf_t *b, const char *s, size_t n);

/* Hands the text to *out (and its length to *len, when not NULL), or frees
 * it and returns DSC_NOMEM. */
dsc_err_t dsc__rbuf_finish(dsc__rbuf_t *b, char **out, size_t *len);

#endif
