/* Allocation hooks (see alloc.h). Plain libc for now; one place to change. */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

void *dsc__malloc(size_t n) { return malloc(n ? n : 1); }
void *dsc__calloc(size_t n, size_t size) {
  return calloc(n ? n : 1, size ? size : 1);
}
void *dsc__realloc(void *p, size_t n) { return realloc(p, n ? n : 1); }
void dsc__free(void *p) { free(p); }

char *dsc__strndup(const char *s, size_t n) {
  char *d = dsc__malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

char *dsc__strdup(const char *s) { return dsc__strndup(s, strlen(s)); }
