/* The allocator hook (include/disclose/alloc.h) and the engine's
 * allocation functions (alloc.h).
 *
 * The current allocator is process-wide state: the one documented exception
 * to "all state hangs off an engine handle". cJSON keeps its allocation hooks
 * in a process-wide variable with no user pointer, and the documents it
 * allocates cross the API (dsc_result_t.json is freed by the application
 * with cJSON_Delete), so an allocator per engine could not cover them.
 * dsc_set_allocator is therefore a set-once, before-anything call, like
 * libuv's uv_replace_allocator and SQLite's SQLITE_CONFIG_MALLOC.
 */
#include "disclose/alloc.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void *libc_malloc(size_t size, void *ud) {
  (void)ud;
  return malloc(size);
}

static void *libc_realloc(void *ptr, size_t size, void *ud) {
  (void)ud;
  return realloc(ptr, size);
}

static void libc_free(void *ptr, void *ud) {
  (void)ud;
  free(ptr);
}

/* Written only by dsc_set_allocator, which callers must not race with
 * anything; read by every allocation. */
static dsc_allocator_t current = {libc_malloc, libc_realloc, libc_free, NULL};

/* Failed allocations on this thread (dsc__alloc_failures). Per thread, so
 * that concurrent intakes on other threads cannot disturb the count. */
static _Thread_local unsigned long failures;

/* cJSON's hooks have no user pointer and no realloc (cJSON then grows its
 * print buffers with malloc + copy + free), so these trampolines forward
 * to the current allocator through the functions below. */
static void *cjson_malloc(size_t size) { return dsc__malloc(size); }
static void cjson_free(void *ptr) { dsc__free(ptr); }

dsc_err_t dsc_set_allocator(const dsc_allocator_t *a) {
  if (a == NULL) {
    current = (dsc_allocator_t){libc_malloc, libc_realloc, libc_free, NULL};
    cJSON_InitHooks(NULL);
    return DSC_OK;
  }
  if (a->malloc == NULL || a->realloc == NULL || a->free == NULL)
    return DSC_MISUSE;
  current = *a;
  cJSON_InitHooks(
      &(cJSON_Hooks){.malloc_fn = cjson_malloc, .free_fn = cjson_free});
  return DSC_OK;
}

/* Counts a failure when p is NULL; returns p. */
static void *counted(void *p) {
  if (p == NULL)
    failures++;
  return p;
}

unsigned long dsc__alloc_failures(void) { return failures; }

void *dsc__malloc(size_t n) {
  return counted(current.malloc(n ? n : 1, current.ud));
}

void *dsc__calloc(size_t n, size_t size) {
  void *p;
  if (n == 0 || size == 0)
    n = size = 1;
  if (n > SIZE_MAX / size)
    return counted(NULL);
  p = dsc__malloc(n * size);
  if (p != NULL)
    memset(p, 0, n * size);
  return p;
}

void *dsc__realloc(void *p, size_t n) {
  if (p == NULL)
    return dsc__malloc(n);
  return counted(current.realloc(p, n ? n : 1, current.ud));
}

void dsc__free(void *p) {
  if (p != NULL)
    current.free(p, current.ud);
}

void dsc_free(void *p) { dsc__free(p); }

char *dsc__strndup(const char *s, size_t n) {
  char *d;
  if (n == SIZE_MAX)
    return counted(NULL);
  d = dsc__malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

char *dsc__strdup(const char *s) { return dsc__strndup(s, strlen(s)); }
