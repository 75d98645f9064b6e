/* `disclose verify`: events whose business date lies far from the day they
 * were recorded. The business date (`--on`) is the caller's word; the
 * recording time (`at`) is the server's. A few working days apart is how
 * paper arrives; more is either a data migration (marked as the
 * operator's), a supervisor's exception, or someone backdating — a finding
 * for a person to look at, never an integrity failure by itself. */
#include <stdlib.h>
#include <string.h>

#include "verify_int.h"

/* A date from the start of "YYYY-MM-DD..." (the recording time's day in
 * Shanghai). */
static bool day_of(const char *s, dsc_date_t *out) {
  char day[DSC_DATE_STRLEN];
  if (s == NULL || strlen(s) < DSC_DATE_STRLEN - 1)
    return false;
  memcpy(day, s, DSC_DATE_STRLEN - 1);
  day[DSC_DATE_STRLEN - 1] = '\0';
  return dsc_date_parse(day, out) == DSC_OK;
}

void dsc__verify_late(const dsc_calendar_t *cal, int64_t id, int limit,
                      const cJSON *events, cJSON *list, int64_t *total) {
  const cJSON *ev;

  cJSON_ArrayForEach(ev, events) {
    dsc__vev_t v;
    dsc_date_t on_day, at_day;
    bool counted;
    int workdays = 0;
    cJSON *o;

    dsc__vev_read(ev, &v);
    if (dsc_date_parse(v.on, &on_day) != DSC_OK || !day_of(v.at, &at_day))
      continue;
    /* n calendar days hold at most n working days: no count needed. */
    if (abs(at_day - on_day) <= limit)
      continue;
    counted = dsc_calendar_workdays_between(cal, on_day, at_day, &workdays,
                                            NULL) == DSC_OK;
    if (counted && abs(workdays) <= limit)
      continue;
    if (++*total > DSC_VERIFY_LATE_LISTED)
      continue;
    o = cJSON_CreateObject();
    if (o == NULL)
      continue;
    cJSON_AddItemToArray(list, o);
    cJSON_AddNumberToObject(o, "request_id", (double)id);
    cJSON_AddNumberToObject(o, "seq", v.seq);
    cJSON_AddStringToObject(o, "action", v.action);
    cJSON_AddStringToObject(o, "actor", v.actor);
    if (v.operator_login)
      cJSON_AddStringToObject(o, "operator", v.operator_login);
    cJSON_AddStringToObject(o, "on", v.on);
    cJSON_AddStringToObject(o, "at", v.at);
    cJSON_AddNumberToObject(o, "limit", limit);
    if (counted)
      cJSON_AddNumberToObject(o, "workdays", workdays);
    else
      cJSON_AddNullToObject(o, "workdays");
  }
}
