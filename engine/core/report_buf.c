/* The annual report's cleaning of user text, so that no agency name can
 * break a format, and its JSON pieces. The output buffer is rbuf.c's. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "report_int.h"

/* ---- text -----------------------------------------------------------------
 */

/* The length of a well-formed UTF-8 sequence at s[0..n), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned cp, min;
  size_t k;

  if (s[0] < 0x80)
    return 1;
  if ((s[0] & 0xE0) == 0xC0)
    k = 1, cp = s[0] & 0x1Fu, min = 0x80;
  else if ((s[0] & 0xF0) == 0xE0)
    k = 2, cp = s[0] & 0x0Fu, min = 0x800;
  else if ((s[0] & 0xF8) == 0xF0)
    k = 3, cp = s[0] & 0x07u, min = 0x10000;
  else
    return 0;
  if (n <= k)
    return 0;
  for (size_t i = 1; i <= k; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = (cp << 6) | (s[i] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return k + 1;
}

/* dsc__report_clean, keeping line feeds and tabs when keep_lf. */
static const char *clean(const char *field, size_t cap, char *dst,
                         bool keep_lf) {
  const unsigned char *s = (const unsigned char *)field;
  const unsigned char *nul = memchr(field, '\0', cap);
  size_t n = nul != NULL ? (size_t)(nul - s) : cap, i = 0, o = 0;

  while (i < n) {
    size_t k = utf8_seq(s + i, n - i);

    if (k == 0) {
      memcpy(dst + o, "\xEF\xBF\xBD", 3); /* U+FFFD */
      o += 3;
      i++;
    } else if (k == 1 && (s[i] < 0x20 || s[i] == 0x7F)) {
      dst[o++] = keep_lf && (s[i] == '\n' || s[i] == '\t') ? (char)s[i] : ' ';
      i++;
    } else {
      memcpy(dst + o, s + i, k);
      o += k;
      i += k;
    }
  }
  dst[o] = '\0';
  return dst;
}

const char *dsc__report_clean(const char *field, size_t cap, char *dst) {
  return clean(field, cap, dst, false);
}

char *dsc__report_text(const dsc_report_t *r, int which) {
  const char *text = r->texts[which];
  char *dst = dsc__malloc(DSC__REPORT_CLEAN_MAX(sizeof r->texts[which]));

  if (dst != NULL)
    clean(text, sizeof r->texts[which], dst, true);
  return dst;
}

void dsc__rbuf_json_str(dsc__rbuf_t *b, const char *s) {
  const char *run = s;

  dsc__rbuf_add(b, "\"", 1);
  for (; *s != '\0'; s++)
    if (*s == '\n' || *s == '\t') { /* only a text keeps these */
      dsc__rbuf_add(b, run, (size_t)(s - run));
      dsc__rbuf_add(b, *s == '\n' ? "\\n" : "\\t", 2);
      run = s + 1;
    } else if (*s == '"' || *s == '\\') {
      dsc__rbuf_add(b, run, (size_t)(s - run));
      dsc__rbuf_add(b, "\\", 1);
      run = s;
    }
  dsc__rbuf_add(b, run, (size_t)(s - run));
  dsc__rbuf_add(b, "\"", 1);
}

void dsc__rbuf_json_yuan(dsc__rbuf_t *b, int64_t fen) {
  uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
  unsigned frac = (unsigned)(mag % 100);
  char num[32];
  int n;

  if (frac == 0)
    n = snprintf(num, sizeof num, "%s%" PRIu64, fen < 0 ? "-" : "", mag / 100);
  else if (frac % 10 == 0)
    n = snprintf(num, sizeof num, "%s%" PRIu64 ".%u", fen < 0 ? "-" : "",
                 mag / 100, frac / 10);
  else
    n = snprintf(num, sizeof num, "%s%" PRIu64 ".%02u", fen < 0 ? "-" : "",
                 mag / 100, frac);
  dsc__rbuf_add(b, num, (size_t)n);
}
