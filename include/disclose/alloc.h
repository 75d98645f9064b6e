/* disclose — the allocator hook.
 *
 * Everything the library allocates — engines, intakes, calendars, the
 * strings they own, and the cJSON documents it builds or parses — goes
 * through one table of functions, libc's by default. An application that
 * wants its own heap (an arena, accounting, a test that fails the n-th
 * allocation) installs its table once, before it creates anything.
 */
#ifndef DISCLOSE_ALLOC_H
#define DISCLOSE_ALLOC_H

#include <stddef.h>

#include "error.h"
#include "export.h"

/* An allocator: malloc, realloc and free with a user pointer. The library
 * never asks for 0 bytes, never passes NULL to realloc (it calls malloc
 * instead) and never frees NULL, so the functions need not handle those
 * cases. Each must behave like its libc namesake otherwise: return memory
 * aligned for any type, or NULL when out of memory (realloc then leaves the
 * old block untouched). They may be called from any thread that uses the
 * library, at the same time. */
typedef struct dsc_allocator {
  void *(*malloc)(size_t size, void *ud);             /* a new block */
  void *(*realloc)(void *ptr, size_t size, void *ud); /* resize ptr */
  void (*free)(void *ptr, void *ud);                  /* release ptr */
  void *ud; /* passed to each function; owned by the caller */
} dsc_allocator_t;

/* Installs the allocator a (the table is copied; a->ud must outlive its
 * use), or libc's malloc/realloc/free again when a is NULL. It also
 * installs a as cJSON's allocator (cJSON_InitHooks), so the cJSON documents
 * the library returns (dsc_result_t.json) and those the application builds
 * come from and go back to the same heap: free them with cJSON_Delete and
 * cJSON_free as usual.
 *
 * Process-wide and not thread-safe: call it before creating any engine or
 * other library object and before any other thread uses the library or
 * cJSON, and never while something allocated by the previous allocator is
 * still alive (it would be freed by the wrong one). This is the one piece of
 * global state in the library, because cJSON's hooks are process-wide too.
 *
 * Returns DSC_OK, or DSC_MISUSE (changing nothing) when a is not NULL and
 * one of its three functions is NULL. */
DSC_EXTERN dsc_err_t dsc_set_allocator(const dsc_allocator_t *a);

/* Frees p, a block the library allocated and handed to the caller to free
 * "with dsc_free" (a letter's text, its HTML, its fields' JSON), through
 * the current allocator, which must be the one that allocated it. Accepts
 * NULL. */
DSC_EXTERN void dsc_free(void *p);

#endif /* DISCLOSE_ALLOC_H */
