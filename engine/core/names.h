/* Name tables (internal): the enums of the public headers map to stable
 * names through arrays indexed by value. */
#ifndef DSC_ENGINE_NAMES_H
#define DSC_ENGINE_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The index of name in names[0..n), or -1 (also for a NULL name; NULL
 * entries never match). The tables are a few dozen entries long, so a
 * linear scan beats anything cleverer. */
int dsc__name_index(const char *const *names, size_t n, const char *name);

/* A login or code: 1 to 64 ASCII letters, digits, '_', '-' or '.'. */
bool dsc__is_identifier(const char *s);

#endif
