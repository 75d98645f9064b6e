/* The front ends' database address (see conninfo.h). */
#include "conninfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DSC_DEFAULT_CONNINFO_FILE
#define DSC_DEFAULT_CONNINFO_FILE "var/conninfo"
#endif

char *dsc_front_conninfo(void) {
  const char *env = getenv("DISCLOSE_DB");
  char buf[1024];
  FILE *f;
  size_t n;

  if (env && *env)
    return strdup(env);
  f = fopen(DSC_DEFAULT_CONNINFO_FILE, "r");
  if (f == NULL)
    return NULL;
  n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  buf[strcspn(buf, "\r\n")] = '\0';
  return buf[0] ? strdup(buf) : NULL;
}
