/* Masks for showing personal data (include/disclose/personal.h): what a
 * clerk's screen, a list or a JSON document may carry. Pure functions.
 *
 * Characters are UTF-8 code points, counted as dsc_id_mask counts them:
 * the first byte always starts a character and every later byte that is
 * not a continuation byte starts the next, so malformed text still masks
 * without a character ever being cut. */
#include "disclose/personal.h"

#include <stdbool.h>
#include <string.h>

/* A bounded writer: a mask that does not fit leaves "" in the buffer. */
typedef struct out {
  char *buf;
  size_t cap, len;
  bool full;
} out_t;

static bool char_start(const char *s, size_t i) {
  return i == 0 || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static size_t count_chars(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += char_start(s, i);
  return n;
}

/* The byte offset of character k of s[0..len), or len past the last. */
static size_t char_offset(const char *s, size_t len, size_t k) {
  for (size_t i = 0; i < len; i++)
    if (char_start(s, i) && k-- == 0)
      return i;
  return len;
}

/* Appends s[0..n); with clean, control characters become spaces, so a
 * kept line break or tab cannot break the line a mask is shown on. */
static void put(out_t *o, const char *s, size_t n, bool clean) {
  if (o->full || n >= o->cap - o->len) {
    o->full = true;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    o->buf[o->len++] = clean && (c < 0x20 || c == 0x7F) ? ' ' : (char)c;
  }
}

static void stars(out_t *o, size_t n) {
  while (n-- > 0)
    put(o, "*", 1, false);
}

/* Keeps the first head and last tail characters of s, one '*' for each
 * character between. */
static void keep_ends(out_t *o, const char *s, size_t head, size_t tail) {
  size_t len = strlen(s), n = count_chars(s, len);
  size_t h = char_offset(s, len, head), t = char_offset(s, len, n - tail);

  put(o, s, h, true);
  stars(o, n - head - tail);
  put(o, s + t, len - t, true);
}

/* Starts a mask: false (with buf set to "") when there is nothing to do. */
static bool start(out_t *o, const char *s, char *buf, size_t buflen) {
  *o = (out_t){buf, buflen, 0, false};
  if (buflen == 0)
    return false;
  buf[0] = '\0';
  return s != NULL;
}

static char *finish(out_t *o) {
  o->buf[o->full ? 0 : o->len] = '\0';
  return o->buf;
}

char *dsc_personal_mask_id(const char *id, char *buf, size_t buflen) {
  /* One rule for identity numbers, kept where `show` has always used it. */
  return dsc_id_mask(id, buf, buflen);
}

char *dsc_personal_mask_phone(const char *phone, char *buf, size_t buflen) {
  out_t o;

  if (!start(&o, phone, buf, buflen))
    return buf;
  /* 3 + 4 kept of a mobile number's 11 hides the 4 digits that identify
   * the subscriber within the prefix; a shorter number (a landline
   * without area code, a typo) would show most of itself, so it shows
   * nothing. */
  if (count_chars(phone, strlen(phone)) >= 11)
    keep_ends(&o, phone, 3, 4);
  else
    keep_ends(&o, phone, 0, 0);
  return finish(&o);
}

char *dsc_personal_mask_email(const char *email, char *buf, size_t buflen) {
  const char *at;
  out_t o;

  if (!start(&o, email, buf, buflen))
    return buf;
  /* The last '@': a quoted local part may hold one, a domain never. */
  at = strrchr(email, '@');
  if (at == NULL || at == email) {
    put(&o, "***", 3, false);
    return finish(&o);
  }
  if (count_chars(email, (size_t)(at - email)) >= 2)
    put(&o, email, char_offset(email, strlen(email), 1), true);
  put(&o, "***", 3, false);
  put(&o, at, strlen(at), true);
  return finish(&o);
}

char *dsc_personal_mask_address(const char *address, char *buf, size_t buflen) {
  size_t len, n, keep;
  out_t o;

  if (!start(&o, address, buf, buflen))
    return buf;
  len = strlen(address);
  n = count_chars(address, len);
  if (n == 0)
    return finish(&o);
  /* Six characters are a province, city and district ("北京市东城区"):
   * where, not who. A short address would be given away by six, so never
   * more than half. */
  keep = n / 2 < 6 ? n / 2 : 6;
  put(&o, address, char_offset(address, len, keep), true);
  put(&o, "\xE2\x80\xA6", 3, false); /* … */
  return finish(&o);
}
