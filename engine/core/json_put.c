/* Fields of a payload that is written whole or not at all (json_put.h). */
#include "json_put.h"

bool dsc__json_put_string(cJSON *o, const char *key, const char *value) {
  return value == NULL || cJSON_AddStringToObject(o, key, value) != NULL;
}

bool dsc__json_put_number(cJSON *o, const char *key, double value) {
  return cJSON_AddNumberToObject(o, key, value) != NULL;
}

bool dsc__json_put_date(cJSON *o, const char *key, dsc_date_t day) {
  char text[DSC_DATE_STRLEN];
  if (day == DSC_DATE_NONE)
    return cJSON_AddNullToObject(o, key) != NULL;
  return cJSON_AddStringToObject(o, key, dsc_date_format(day, text)) != NULL;
}
