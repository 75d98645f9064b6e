/* The language of human output for the front ends (CONTRACT §2). */
#ifndef DSC_CLI_LANG_H
#define DSC_CLI_LANG_H

#include "disclose/error.h"

/* Chinese when the first of LC_ALL, LC_MESSAGES, LANG that is set starts
 * with "zh", English otherwise. */
dsc_lang_t dsc_front_lang(void);

#endif
