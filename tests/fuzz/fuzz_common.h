/* tests/fuzz/fuzz_common.h — shared by the libFuzzer drivers: a strict
 * UTF-8 checker of our own (an oracle must not reuse the code it checks),
 * an allocator that fails one chosen allocation, and FUZZ_REQUIRE, which
 * aborts with the broken invariant so that libFuzzer records the input.
 *
 * Header-only: each driver is one translation unit, so everything here is
 * static. */
#ifndef DSC_FUZZ_COMMON_H
#define DSC_FUZZ_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose/alloc.h"

/* An invariant that must hold for every input: on failure, say which and
 * abort, which libFuzzer reports as a crash with this input saved. */
#define FUZZ_REQUIRE(cond)                                                     \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,     \
              #cond);                                                          \
      abort();                                                                 \
    }                                                                          \
  } while (0)

/* The number of code points in s[0..n) when it is well-formed UTF-8 (RFC
 * 3629: shortest form, no surrogates, nothing above U+10FFFF), else
 * SIZE_MAX. */
static size_t fuzz_utf8_length(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, count = 0;

  while (i < n) {
    unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      count++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return SIZE_MAX;
    }
    if (n - i < len)
      return SIZE_MAX;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xC0) != 0x80)
        return SIZE_MAX;
      cp = (cp << 6) | (p[i + k] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return SIZE_MAX;
    i += len;
    count++;
  }
  return count;
}

static bool fuzz_utf8_valid(const char *s) {
  return s != NULL && fuzz_utf8_length(s, strlen(s)) != SIZE_MAX;
}

/* A NUL-terminated array of n bytes holds valid UTF-8 text without control
 * characters (detail fields and messages must be printable). */
static bool fuzz_printable_text(const char *s, size_t n) {
  const char *end = memchr(s, '\0', n);
  if (end == NULL)
    return false;
  for (const char *p = s; p < end; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7F)
      return false;
  return fuzz_utf8_valid(s);
}

/* ---- the failing allocator ---------------------------------------------
 * Counts the library's allocations and fails the one numbered fail_at
 * (0-based); SIZE_MAX fails none. Installed once, before the library
 * allocates anything, and never replaced (dsc_set_allocator's rule). */

static size_t fuzz_alloc_count;
static size_t fuzz_alloc_fail_at = SIZE_MAX;
static size_t fuzz_alloc_failed;

static bool fuzz_alloc_should_fail(void) {
  if (fuzz_alloc_count++ == fuzz_alloc_fail_at) {
    fuzz_alloc_failed++;
    return true;
  }
  return false;
}

static void *fuzz_malloc(size_t size, void *ud) {
  (void)ud;
  return fuzz_alloc_should_fail() ? NULL : malloc(size);
}

static void *fuzz_realloc(void *ptr, size_t size, void *ud) {
  (void)ud;
  return fuzz_alloc_should_fail() ? NULL : realloc(ptr, size);
}

static void fuzz_free(void *ptr, void *ud) {
  (void)ud;
  free(ptr);
}

static void fuzz_alloc_install(void) {
  static const dsc_allocator_t a = {fuzz_malloc, fuzz_realloc, fuzz_free, NULL};
  FUZZ_REQUIRE(dsc_set_allocator(&a) == DSC_OK);
}

/* Starts counting; allocation number fail_at (SIZE_MAX: none) will fail. */
static void fuzz_alloc_arm(size_t fail_at) {
  fuzz_alloc_count = 0;
  fuzz_alloc_failed = 0;
  fuzz_alloc_fail_at = fail_at;
}

/* FNV-1a over the input: picks which allocation to fail, the same for the
 * same input, so that a crash reproduces. */
static uint64_t fuzz_hash(const uint8_t *data, size_t size) {
  uint64_t h = 1469598103934665603u;
  for (size_t i = 0; i < size; i++) {
    h ^= data[i];
    h *= 1099511628211u;
  }
  return h;
}

#endif /* DSC_FUZZ_COMMON_H */
