/* The front ends' output language (see lang.h). */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

dsc_lang_t dsc_front_lang(void) {
  const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return strncmp(v, "zh", 2) == 0 ? DSC_LANG_ZH : DSC_LANG_EN;
  }
  return DSC_LANG_EN;
}
