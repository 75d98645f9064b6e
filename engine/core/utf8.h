/* UTF-8 helpers shared by the engine's modules (internal). */
#ifndef DSC_ENGINE_UTF8_H
#define DSC_ENGINE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF) and holds no NUL byte. */
bool dsc__utf8_valid(const char *s, size_t len);

/* The number of code points in well-formed UTF-8 s[0..len). */
size_t dsc__utf8_length(const char *s, size_t len);

/* Copies at most cap-1 bytes of src[0..len) into dst, cutting only at a code
 * point boundary, and terminates it. cap must be at least 1. */
/* True when s is one line of text: 1 … max code points of valid UTF-8,
 * not only spaces, without control characters (a line end or an escape
 * would break a letter's layout or a terminal). NULL is not one. */
bool dsc__utf8_is_line(const char *s, size_t max);

void dsc__utf8_copy_truncated(char *dst, size_t cap, const char *src,
                              size_t len);

#endif
