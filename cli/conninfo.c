/* The front ends' database address (see conninfo.h). */
#include "conninfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DSC_DEFAULT_CONNINFO_FILE
#define DSC_DEFAULT_CONNINFO_FILE "var/conninfo"
#endif

static char *first_line(const char *path) {
  char buf[1024];
  FILE *f = fopen(path, "r");
  size_t n;

  if (f == NULL)
    return NULL;
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  buf[strcspn(buf, "\r\n")] = '\0';
  return buf[0] ? strdup(buf) : NULL;
}

char *dsc_front_conninfo(void) {
  const char *env = getenv("DISCLOSE_DB");
  if (env && *env)
    return strdup(env);
  return first_line(DSC_DEFAULT_CONNINFO_FILE);
}

char *dsc_front_owner_conninfo(void) {
  const char *env = getenv("DISCLOSE_DB");
  char *owner;
  if (env && *env)
    return strdup(env);
  owner = first_line(DSC_DEFAULT_CONNINFO_FILE ".owner");
  return owner ? owner : first_line(DSC_DEFAULT_CONNINFO_FILE);
}
