/* The engine's allocation functions (internal): everything the engine
 * allocates goes through these, so one switch — dsc_set_allocator() in
 * include/disclose/alloc.h, which also covers cJSON — moves it all to
 * another heap, or to a test allocator that fails on purpose.
 *
 * They take any size (0 is rounded up to 1, so NULL always means "out of
 * memory"), and dsc__realloc(NULL, n) and dsc__free(NULL) work as in libc.
 * A block must be freed by the allocator that made it: never mix these with
 * libc's malloc/free. */
#ifndef DSC_ENGINE_ALLOC_H
#define DSC_ENGINE_ALLOC_H

#include <stddef.h>

void *dsc__malloc(size_t n);
void *dsc__calloc(size_t n, size_t size); /* NULL when n * size overflows */
void *dsc__realloc(void *p, size_t n);
void dsc__free(void *p);
char *dsc__strdup(const char *s);
char *dsc__strndup(const char *s, size_t n); /* copies n bytes, adds a NUL */

/* How many allocations have failed on the calling thread so far, cJSON's
 * included. cJSON's parser returns NULL both for bad JSON and when memory
 * runs out; a caller that must tell DSC_NOMEM from DSC_INVALID reads this
 * before and after the call and compares. */
unsigned long dsc__alloc_failures(void);

#endif
