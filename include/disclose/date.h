/* disclose — business dates.
 *
 * A business date is a calendar day in Asia/Shanghai with no time of day
 * (DESIGN principle 10), held as the number of days since 1970-01-01 so that
 * comparison and day arithmetic are integer operations. Pure functions, no
 * I/O, safe from any thread.
 */
#ifndef DISCLOSE_DATE_H
#define DISCLOSE_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "export.h"

typedef int32_t dsc_date_t; /* days since 1970-01-01 */

/* No date: used for optional fields. */
#define DSC_DATE_NONE INT32_MIN

/* "YYYY-MM-DD" plus its terminating NUL. */
#define DSC_DATE_STRLEN 11

/* The date of a civil year, month (1–12) and day (1–31). The caller checks
 * validity first with dsc_date_valid_ymd; out-of-range parts give a
 * meaningless but defined result. */
DSC_EXTERN dsc_date_t dsc_date_from_ymd(int year, int month, int day);

/* Splits a date into civil year, month and day. Any pointer may be NULL. */
DSC_EXTERN void dsc_date_to_ymd(dsc_date_t date, int *year, int *month,
                                int *day);

/* True when year (1–9999), month and day name a day that exists (so
 * 2023-02-29 does not, 2024-02-29 does). */
DSC_EXTERN bool dsc_date_valid_ymd(int year, int month, int day);

/* Parses exactly "YYYY-MM-DD" (ten characters, nothing before or after) into
 * *out. Returns DSC_INVALID for any other text or for a day that does not
 * exist. */
DSC_EXTERN dsc_err_t dsc_date_parse(const char *text,
                                    dsc_date_t *out) DSC_MUST_CHECK;

/* Writes "YYYY-MM-DD" into buf (at least DSC_DATE_STRLEN bytes) and returns
 * buf. */
DSC_EXTERN char *dsc_date_format(dsc_date_t date, char buf[DSC_DATE_STRLEN]);

/* ISO weekday: 1 = Monday … 7 = Sunday. */
DSC_EXTERN int dsc_date_weekday(dsc_date_t date);

/* Today in Asia/Shanghai (UTC+8, no daylight saving since 1991), from the
 * system clock. Callers that honour DISCLOSE_TODAY check it first. */
DSC_EXTERN dsc_date_t dsc_date_today_shanghai(void);

#endif /* DISCLOSE_DATE_H */
