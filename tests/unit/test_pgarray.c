/* PostgreSQL array literals (engine/core/pgarray.c): known cases, and random
 * elements read back by a reference parser written from PostgreSQL's array
 * input rules (a quoted element ends at an unescaped quote; a backslash
 * takes the next byte literally; the bare word NULL is SQL NULL). */
#include <stdlib.h>
#include <string.h>

#include "disclose/alloc.h"
#include "dsc_test.h"
#include "pgarray.h"

/* ---- reference parser --------------------------------------------------- */

#define REF_MAX 64

typedef struct ref_array {
  int n;
  char *v[REF_MAX]; /* NULL: SQL NULL */
} ref_array_t;

static void ref_clear(ref_array_t *r) {
  for (int i = 0; i < r->n; i++)
    free(r->v[i]);
  r->n = 0;
}

/* Parses s into r; false when s is not a one-dimensional array literal. */
static bool ref_parse(const char *s, ref_array_t *r) {
  size_t i = 0, len = strlen(s);

  r->n = 0;
  if (len < 2 || s[0] != '{' || s[len - 1] != '}')
    return false;
  i = 1;
  if (s[i] == '}')
    return i + 1 == len;
  for (;;) {
    if (r->n == REF_MAX)
      return false;
    if (strncmp(s + i, "NULL", 4) == 0 &&
        (s[i + 4] == ',' || s[i + 4] == '}')) {
      r->v[r->n++] = NULL;
      i += 4;
    } else if (s[i] == '"') {
      char *out = malloc(len);
      size_t o = 0;
      for (i++; s[i] != '"'; i++) {
        if (s[i] == '\0')
          return free(out), false;
        if (s[i] == '\\') {
          if (s[++i] == '\0')
            return free(out), false;
        }
        out[o++] = s[i];
      }
      out[o] = '\0';
      r->v[r->n++] = out;
      i++;
    } else {
      return false; /* the builder always quotes */
    }
    if (s[i] == '}')
      return i + 1 == len;
    if (s[i] != ',')
      return false;
    i++;
  }
}

/* ---- cases --------------------------------------------------------------- */

static char *build(const char *const *v, int n) {
  dsc__pgarray_t a;
  const char *lit;
  char *copy;

  dsc__pgarray_init(&a);
  for (int i = 0; i < n; i++)
    dsc__pgarray_add(&a, v[i]);
  lit = dsc__pgarray_finish(&a);
  copy = lit ? strdup(lit) : NULL;
  dsc__pgarray_free(&a);
  return copy;
}

DSC_TEST(known_literals) {
  static const struct {
    int n;
    const char *v[4];
    const char *want;
  } cases[] = {
      {0, {NULL}, "{}"},
      {1, {""}, "{\"\"}"},
      {1, {NULL}, "{NULL}"},
      {1, {"NULL"}, "{\"NULL\"}"},
      {2, {"a,b", "}"}, "{\"a,b\",\"}\"}"},
      {2, {"say \"hi\"", "C:\\dir"}, "{\"say \\\"hi\\\"\",\"C:\\\\dir\"}"},
      {3, {"张三", NULL, " x "}, "{\"张三\",NULL,\" x \"}"},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    char *got = build(cases[k].v, cases[k].n);
    DSC_ASSERT(got != NULL);
    DSC_ASSERT_STR_EQ(got, cases[k].want);
    free(got);
  }
}

DSC_TEST(random_elements_read_back) {
  static const char alphabet[] = "ab\"\\,{} NUL\t'$;\xe5\xbc\xa0";
  uint64_t seed = dsc_test_seed();
  ref_array_t r = {0};

  for (int round = 0; round < 20000; round++) {
    int n = (int)(dsc_test_rand(&seed) % 12);
    char *v[12], *lit;
    for (int i = 0; i < n; i++) {
      size_t len = dsc_test_rand(&seed) % 40;
      if (dsc_test_rand(&seed) % 7 == 0) {
        v[i] = NULL;
        continue;
      }
      v[i] = malloc(len + 1);
      for (size_t c = 0; c < len; c++)
        v[i][c] = alphabet[dsc_test_rand(&seed) % (sizeof alphabet - 1)];
      v[i][len] = '\0';
    }
    lit = build((const char *const *)v, n);
    DSC_ASSERT(lit != NULL);
    DSC_ASSERT(ref_parse(lit, &r));
    DSC_ASSERT_EQ(r.n, n);
    for (int i = 0; i < n; i++) {
      if (v[i] == NULL)
        DSC_ASSERT(r.v[i] == NULL);
      else {
        DSC_ASSERT(r.v[i] != NULL);
        DSC_ASSERT_STR_EQ(r.v[i], v[i]);
      }
      free(v[i]);
    }
    ref_clear(&r);
    free(lit);
  }
}

DSC_TEST(long_arrays_grow) {
  dsc__pgarray_t a;
  const char *lit;
  ref_array_t r = {0};

  dsc__pgarray_init(&a);
  for (int i = 0; i < REF_MAX; i++)
    dsc__pgarray_add(&a, i % 2 ? "\"\\\"\\"
                               : "一段很长的描述一段很长的描述一段很长的描述");
  lit = dsc__pgarray_finish(&a);
  DSC_ASSERT(lit != NULL);
  DSC_ASSERT(ref_parse(lit, &r));
  DSC_ASSERT_EQ(r.n, REF_MAX);
  DSC_ASSERT_STR_EQ(r.v[1], "\"\\\"\\");
  ref_clear(&r);
  dsc__pgarray_free(&a);
  DSC_ASSERT(a.buf == NULL && a.n == 0);
}

/* An allocator that fails from the fail_at-th call on. */
typedef struct failing {
  long calls, fail_at;
} failing_t;
static void *failing_malloc(size_t n, void *ud) {
  failing_t *f = ud;
  return ++f->calls >= f->fail_at ? NULL : malloc(n);
}
static void *failing_realloc(void *p, size_t n, void *ud) {
  failing_t *f = ud;
  return ++f->calls >= f->fail_at ? NULL : realloc(p, n);
}
static void failing_free(void *p, void *ud) {
  (void)ud;
  free(p);
}

DSC_TEST(out_of_memory_is_reported_once_at_finish) {
  for (long k = 1; k <= 4; k++) {
    failing_t f = {0, k};
    const dsc_allocator_t failing = {failing_malloc, failing_realloc,
                                     failing_free, &f};
    dsc__pgarray_t a;
    DSC_ASSERT_EQ(dsc_set_allocator(&failing), DSC_OK);
    dsc__pgarray_init(&a);
    /* 40 elements of 100 bytes need several doublings from 256 bytes. */
    for (int i = 0; i < 40; i++)
      dsc__pgarray_add(&a, "0123456789012345678901234567890123456789012345678"
                           "901234567890123456789012345678901234567890123456"
                           "789");
    DSC_ASSERT(dsc__pgarray_finish(&a) == NULL);
    dsc__pgarray_free(&a);
    DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
  }
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(known_literals),
    DSC_TEST_ENTRY(random_elements_read_back),
    DSC_TEST_ENTRY(long_arrays_grow),
    DSC_TEST_ENTRY(out_of_memory_is_reported_once_at_finish),
};
DSC_TEST_MAIN(cases)
