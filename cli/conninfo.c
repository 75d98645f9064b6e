/* The front ends' database address (see conninfo.h). */
#include "conninfo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef DSC_DEFAULT_CONNINFO_FILE
#define DSC_DEFAULT_CONNINFO_FILE "var/conninfo"
#endif

/* NULL when the file is missing, unreadable (another account's ".owner")
 * or empty: the caller then tries the next one. */
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

/* DISCLOSE_DB, else the first file of the two that gives a line. */
static char *conninfo_from(const char *preferred, const char *fallback) {
  const char *env = getenv("DISCLOSE_DB");
  char *line;

  if (env && *env)
    return strdup(env);
  line = first_line(preferred);
  return line ? line : first_line(fallback);
}

char *dsc_front_conninfo(void) {
  return conninfo_from(DSC_DEFAULT_CONNINFO_FILE ".owner",
                       DSC_DEFAULT_CONNINFO_FILE);
}

char *dsc_daemon_conninfo(void) {
  return conninfo_from(DSC_DEFAULT_CONNINFO_FILE ".engine",
                       DSC_DEFAULT_CONNINFO_FILE);
}
