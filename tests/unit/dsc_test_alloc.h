/* The unit tests' counting allocator (tests/unit/test_alloc.c is its own
 * test): it wraps libc with a header that tags each block, so a block freed
 * through the hook that libc allocated directly (or one the hook allocated
 * that libc frees) is caught, counts what is live, and can fail the k-th
 * allocation, once ("one shot": later allocations succeed again) or from
 * then on ("persistent"), as SQLite's test_malloc.c does.
 * dsc_test_fail_each runs an operation with each of its allocations
 * failing in turn. Static functions: each test binary includes it once. */
#ifndef DSC_TEST_ALLOC_H
#define DSC_TEST_ALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "disclose/alloc.h"
#include "disclose/error.h"
#include "dsc_test.h"

#define TAG_LIVE 0x4453434cu /* "DSCL" */
#define TAG_DEAD 0x44454144u /* "DEAD" */

/* Before every block; the union keeps the block after it aligned for any
 * type. */
typedef union header {
  max_align_t align;
  struct {
    uint32_t tag;
    size_t size;
  } h;
} header_t;

typedef struct dsc_test_counter {
  long live;         /* blocks allocated and not yet freed */
  long calls;        /* successful malloc and realloc calls */
  long attempts;     /* malloc and realloc calls, failed ones included */
  long fail_at;      /* the attempt that fails (1-based); 0: none */
  bool persistent;   /* fail every attempt from fail_at on */
  long failed;       /* attempts failed on purpose */
  long bad_frees;    /* frees of blocks this allocator did not make */
  size_t zero_sizes; /* requests for 0 bytes (the contract says none) */
} dsc_test_counter_t;

static bool t_should_fail(dsc_test_counter_t *c) {
  c->attempts++;
  if (c->fail_at > 0 && (c->attempts == c->fail_at ||
                         (c->persistent && c->attempts > c->fail_at))) {
    c->failed++;
    return true;
  }
  return false;
}

static void *t_malloc(size_t size, void *ud) {
  dsc_test_counter_t *c = ud;
  header_t *h;
  if (size == 0)
    c->zero_sizes++;
  if (t_should_fail(c))
    return NULL;
  h = malloc(sizeof *h + size);
  if (h == NULL)
    return NULL;
  h->h.tag = TAG_LIVE;
  h->h.size = size;
  c->live++;
  c->calls++;
  return h + 1;
}

/* The header of a block this allocator made, or NULL (and counted). */
static header_t *header_of(dsc_test_counter_t *c, void *ptr) {
  header_t *h = (header_t *)ptr - 1;
  if (h->h.tag != TAG_LIVE) {
    c->bad_frees++;
    return NULL;
  }
  return h;
}

static void *t_realloc(void *ptr, size_t size, void *ud) {
  dsc_test_counter_t *c = ud;
  header_t *h, *n;
  if (ptr == NULL || size == 0)
    c->zero_sizes++; /* neither may happen: counted as a contract breach */
  if (ptr == NULL)
    return t_malloc(size, ud);
  if ((h = header_of(c, ptr)) == NULL)
    return NULL;
  if (t_should_fail(c))
    return NULL;
  n = realloc(h, sizeof *n + size);
  if (n == NULL)
    return NULL;
  n->h.size = size;
  c->calls++;
  return n + 1;
}

static void t_free(void *ptr, void *ud) {
  dsc_test_counter_t *c = ud;
  header_t *h;
  if (ptr == NULL) {
    c->zero_sizes++; /* the contract says the library never frees NULL */
    return;
  }
  if ((h = header_of(c, ptr)) == NULL)
    return;
  h->h.tag = TAG_DEAD;
  c->live--;
  free(h);
}

/* Installs a test allocator counting into c, failing as c says. */
static void dsc_test_alloc_install(dsc_test_counter_t *c) {
  dsc_allocator_t a = {t_malloc, t_realloc, t_free, c};
  DSC_ASSERT_EQ(dsc_set_allocator(&a), DSC_OK);
}

/* Restores libc and checks the allocator was used by the book. */
static void dsc_test_alloc_uninstall(const dsc_test_counter_t *c) {
  DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
  DSC_ASSERT_EQ(c->bad_frees, 0);
  DSC_ASSERT_EQ(c->zero_sizes, 0);
}

/* One run of an operation under the test allocator: DSC_OK with the
 * result released, or the error it returned. arg is the test's own. */
typedef dsc_err_t (*dsc_test_op_fn)(void *arg, dsc_detail_t *detail);

/* Runs op once under a counting allocator: it must succeed, allocate
 * through the hook, and give every block back. Returns the number of
 * allocations it made. */
static long dsc_test_count_op(const char *what, dsc_test_op_fn op, void *arg) {
  dsc_test_counter_t c = {0};
  dsc_detail_t d;
  dsc_err_t err;

  dsc_test_alloc_install(&c);
  err = op(arg, &d);
  dsc_test_alloc_uninstall(&c);
  if (err != DSC_OK)
    DSC_FAIL_("%s: %s", what, dsc_err_name(err));
  if (c.calls == 0)
    DSC_FAIL_("%s allocated nothing through the hook", what);
  if (c.live != 0)
    DSC_FAIL_("%s: %ld blocks still live after release", what, c.live);
  return c.calls;
}

/* Fails the k-th allocation of op for k = 1, 2, ... until op no longer
 * reaches the failure. Each failed run must return DSC_NOMEM with the
 * detail saying so and free everything it took; a run whose failure was
 * not reached must succeed. A failure is never swallowed: a run that
 * returned DSC_OK although an allocation failed could have lost a field.
 * With persistent failures every later allocation fails too, as when the
 * heap is really exhausted. */
static void dsc_test_fail_each(const char *what, dsc_test_op_fn op, void *arg,
                               bool persistent) {
  long needed = dsc_test_count_op(what, op, arg), k;

  for (k = 1;; k++) {
    dsc_test_counter_t c = {.fail_at = k, .persistent = persistent};
    dsc_detail_t d;
    dsc_err_t err;

    dsc_test_alloc_install(&c);
    err = op(arg, &d);
    dsc_test_alloc_uninstall(&c);
    if (c.live != 0)
      DSC_FAIL_("%s, allocation %ld failing: %ld blocks leaked (%s)", what, k,
                c.live, dsc_err_name(err));
    if (c.failed == 0) {
      if (err != DSC_OK)
        DSC_FAIL_("%s: %s with no allocation failing", what, dsc_err_name(err));
      break;
    }
    if (err != DSC_NOMEM) {
      char buf[600];
      DSC_FAIL_("%s, allocation %ld of %ld failing%s: %s (%s), not no_memory",
                what, k, needed, persistent ? " and all after" : "",
                dsc_err_name(err),
                dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
    }
    DSC_ASSERT_EQ(d.code, DSC_NOMEM);
  }
  /* The loop ends at the first k past the last allocation. */
  DSC_ASSERT_EQ(k, needed + 1);
}

#endif
