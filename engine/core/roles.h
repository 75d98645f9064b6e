/* Role masks and PostgreSQL text[] literals (internal). */
#ifndef DSC_ENGINE_ROLES_H
#define DSC_ENGINE_ROLES_H

#include <stddef.h>

/* A role mask from a text[] literal such as {clerk,admin}; unknown words
 * and NULL count for nothing. */
unsigned dsc__roles_from_array(const char *literal);

/* A text[] literal for a role mask, in buf (at least 96 bytes); returns
 * buf. */
const char *dsc__roles_to_array(unsigned roles, char *buf, size_t buflen);

#endif
