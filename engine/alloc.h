/* The engine's allocation hooks (internal): everything the engine
 * allocates goes through these, so one switch (dsc_set_allocator, later a
 * failing test allocator) covers it all. */
#ifndef DSC_ENGINE_ALLOC_H
#define DSC_ENGINE_ALLOC_H

#include <stddef.h>

void *dsc__malloc(size_t n);
void *dsc__calloc(size_t n, size_t size);
void *dsc__realloc(void *p, size_t n);
void dsc__free(void *p);
char *dsc__strdup(const char *s);
char *dsc__strndup(const char *s, size_t n);

#endif
