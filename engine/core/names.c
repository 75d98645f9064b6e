/* Name-table look-up (see names.h). */
#include "names.h"

#include <string.h>

int dsc__name_index(const char *const *names, size_t n, const char *name) {
  if (name == NULL)
    return -1;
  for (size_t i = 0; i < n; i++)
    if (names[i] != NULL && strcmp(names[i], name) == 0)
      return (int)i;
  return -1;
}

bool dsc__is_identifier(const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n == 0 || n > 64)
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
      return false;
  }
  return true;
}
