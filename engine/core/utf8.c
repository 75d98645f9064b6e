/* UTF-8 validation and boundary-safe copying. */
#include "utf8.h"

#include <string.h>

bool dsc__utf8_valid(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;

  while (i < len) {
    unsigned c = p[i];
    size_t n;
    unsigned cp, min;

    if (c == 0)
      return false;
    if (c < 0x80) {
      i++;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, cp = c & 0x07, min = 0x10000;
    } else {
      return false;
    }
    if (len - i <= n)
      return false;
    for (size_t k = 1; k <= n; k++) {
      if ((p[i + k] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

size_t dsc__utf8_length(const char *s, size_t len) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      n++;
  return n;
}

void dsc__utf8_copy_truncated(char *dst, size_t cap, const char *src,
                              size_t len) {
  size_t n = len < cap - 1 ? len : cap - 1;

  /* Step back over continuation bytes so no code point is split. */
  if (n < len)
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
      n--;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

bool dsc__utf8_is_line(const char *s, size_t max) {
  size_t n = s ? strlen(s) : 0;
  if (n == 0 || !dsc__utf8_valid(s, n) || dsc__utf8_length(s, n) > max)
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
      return false;
  return strspn(s, " ") < n;
}
