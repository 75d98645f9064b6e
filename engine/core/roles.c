/* Role masks as PostgreSQL text[] literals, both ways: the staff table
 * and the database's functions keep roles as text[]. */
#include "roles.h"

#include <stdio.h>

#include "disclose/machine.h"

unsigned dsc__roles_from_array(const char *literal) {
  unsigned roles = 0;
  char word[32];
  size_t n = 0;

  if (literal == NULL)
    return 0;
  for (const char *p = literal;; p++) {
    if (*p == '{' || *p == '"')
      continue;
    if (*p == ',' || *p == '}' || *p == '\0') {
      dsc_role_t r;
      word[n] = '\0';
      if (n > 0 && dsc_role_parse(word, &r) == DSC_OK)
        roles |= (unsigned)r;
      n = 0;
      if (*p == '\0')
        break;
      continue;
    }
    if (n + 1 < sizeof word)
      word[n++] = *p;
  }
  return roles;
}

const char *dsc__roles_to_array(unsigned roles, char *buf, size_t buflen) {
  size_t used = 0;
  int n = snprintf(buf, buflen, "{");
  used = (size_t)n;
  for (unsigned bit = 1; bit <= DSC_ROLE_ALL; bit <<= 1) {
    if (!(roles & bit))
      continue;
    n = snprintf(buf + used, buflen - used, "%s%s", used > 1 ? "," : "",
                 dsc_role_name((dsc_role_t)bit));
    if (n < 0 || (size_t)n >= buflen - used)
      break;
    used += (size_t)n;
  }
  snprintf(buf + used, buflen - used, "}");
  return buf;
}
