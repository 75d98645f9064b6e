/* PostgreSQL array literals built from C strings (internal).
 *
 * A multi-row statement takes one array parameter per column (`unnest`),
 * so that a group of writes costs one statement instead of one per row.
 * Every element is written quoted, with backslash escapes for `"` and `\`
 * (the array input syntax), so no value can end an element or the array
 * early; a NULL element is written as the bare word NULL.
 */
#ifndef DSC_ENGINE_PGARRAY_H
#define DSC_ENGINE_PGARRAY_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dsc__pgarray {
  char *buf; /* owned; "{" … while building */
  size_t len, cap;
  size_t n;    /* elements added */
  bool failed; /* out of memory: every later call is a no-op */
} dsc__pgarray_t;

/* Starts an empty array (no allocation yet). */
void dsc__pgarray_init(dsc__pgarray_t *a);

/* Appends v (NULL: SQL NULL). Out of memory is remembered, not returned:
 * dsc__pgarray_finish reports it once for the whole array. */
void dsc__pgarray_add(dsc__pgarray_t *a, const char *v);

/* Closes the literal and returns it (owned by a until dsc__pgarray_free);
 * NULL when an allocation failed along the way. */
const char *dsc__pgarray_finish(dsc__pgarray_t *a);

/* Frees the buffer and re-initialises a. */
void dsc__pgarray_free(dsc__pgarray_t *a);

#endif
