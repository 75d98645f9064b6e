/* Adding a field to a JSON object that will be written into the record
 * (internal). cJSON's own Add functions return NULL when out of memory and
 * most callers drop it, which leaves an event without a field it was
 * given; these return false instead, so a payload is written whole or not
 * at all. Chain them: `ok = ok && dsc__json_put_string(o, "k", v);`. */
#ifndef DSC_ENGINE_JSON_PUT_H
#define DSC_ENGINE_JSON_PUT_H

#include <cjson/cJSON.h>
#include <stdbool.h>

#include "disclose/date.h"

/* key: value, or nothing when value is NULL (not given). False when out of
 * memory. */
bool dsc__json_put_string(cJSON *o, const char *key, const char *value);

/* key: value. False when out of memory. */
bool dsc__json_put_number(cJSON *o, const char *key, double value);

/* key: "YYYY-MM-DD", or key: null for DSC_DATE_NONE. False when out of
 * memory. */
bool dsc__json_put_date(cJSON *o, const char *key, dsc_date_t day);

#endif
