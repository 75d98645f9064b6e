/* disclose — the working-day calendar (工作日).
 *
 * A working day is a Monday–Friday that the State Council has not made a
 * holiday, or a Saturday/Sunday that it has made a make-up working day
 * (《国务院关于职工工作时间的规定》第七条 and the yearly 国务院办公厅
 * 节假日安排通知; see domain/statutes.md §4). Periods of the 条例
 * are counted in working days, and the day an event happens is never counted
 * (民法典 第二百零一条, 民事诉讼法 第八十五条): a period of n working days
 * from D ends on wd_add(D, n), the n-th working day strictly after D
 * (CONTRACT §7).
 *
 * A dsc_calendar_t covers whole years, 1 January first_year to 31 December
 * last_year, and answers only inside them: a date or a result outside the
 * loaded years is DSC_CALENDAR_GAP naming the missing year, never a guess
 * (DESIGN principle 5).
 *
 * Working days are numbered: the calendar keeps, for every day of the range,
 * its ordinal (the number of working days on or before it since 1 January
 * first_year) and, for every ordinal, the date of that working day. Adding n
 * working days is then two array look-ups, O(1), and counting the working
 * days between two dates is one subtraction. Memory: 4 bytes per day plus 4
 * bytes per working day, about 2.4 KiB per loaded year (20 KiB for
 * 2019–2026), in one allocation.
 *
 * Thread safety: a calendar is immutable once created; any number of threads
 * may query one calendar at the same time without locking. Nothing here does
 * I/O or keeps global state.
 */
#ifndef DISCLOSE_CALENDAR_H
#define DISCLOSE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "export.h"

/* The years a calendar may cover, as calendar_years.year allows
 * (migrations/0002_workday_calendar.sql). */
#define DSC_CALENDAR_MIN_YEAR 1900
#define DSC_CALENDAR_MAX_YEAR 9999

/* The largest CSV dsc_calendar_parse_csv accepts, in bytes (the shipped file
 * is about 5 KiB), and the longest name of one row, in bytes. */
#define DSC_CALENDAR_CSV_MAX (1024 * 1024)
#define DSC_CALENDAR_NAME_MAX 255

/* An exception to the Monday–Friday rule, as the State Council fixes it. */
typedef enum dsc_day_kind {
  DSC_DAY_HOLIDAY = 1, /* a Monday–Friday that is a day off (放假) */
  DSC_DAY_WORKDAY = 2  /* a Saturday/Sunday that is worked (调休上班) */
} dsc_day_kind_t;

/* One row of a holiday arrangement: a plain value. */
typedef struct dsc_calendar_exception {
  dsc_date_t date;     /* the day */
  dsc_day_kind_t kind; /* holiday on a Mon–Fri, or workday on a Sat/Sun */
} dsc_calendar_exception_t;

/* A loaded working-day calendar: opaque, immutable, created on the heap. */
typedef struct dsc_calendar dsc_calendar_t;

/* Builds the calendar of 1 January first_year … 31 December last_year from
 * the exception rows (in any order). Rows outside those years are checked
 * like the others but otherwise ignored: the shipped data has 2018-12-29 and
 * 2018-12-31 from the 2019 notice, which a calendar loaded from 2019 does not
 * need. The caller must pass every row of every covered year: a year without
 * its rows would silently count its holidays as working days.
 *
 * rows[0..nrows) is read, not kept. On success *out owns a new calendar,
 * released with dsc_calendar_destroy. detail (may be NULL) is written only
 * on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID when the years are not DSC_CALENDAR_MIN_YEAR ≤ first_year ≤
 *     last_year ≤ DSC_CALENDAR_MAX_YEAR (field "calendar"), or a row's kind
 *     is not a dsc_day_kind_t, a holiday is not on a Monday–Friday, a workday
 *     is not on a Saturday/Sunday, a row's date is not between 0001 and 9999,
 *     or two rows share a date (field "date", the message names the date);
 *   DSC_MISUSE when out is NULL or rows is NULL with nrows > 0;
 *   DSC_NOMEM. */
DSC_EXTERN dsc_err_t dsc_calendar_create(int first_year, int last_year,
                                         const dsc_calendar_exception_t *rows,
                                         size_t nrows, dsc_calendar_t **out,
                                         dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees a calendar. Accepts NULL. */
DSC_EXTERN void dsc_calendar_destroy(dsc_calendar_t *cal);

/* The first and last loaded years (0 for a NULL calendar). */
DSC_EXTERN int dsc_calendar_first_year(const dsc_calendar_t *cal);
DSC_EXTERN int dsc_calendar_last_year(const dsc_calendar_t *cal);

/* True when d is a working day. False outside the loaded years (and for a
 * NULL calendar): callers that must tell "not a working day" from "unknown"
 * use dsc_calendar_add_workdays or dsc_calendar_workdays_between, which
 * report the gap. */
DSC_EXTERN bool dsc_calendar_is_workday(const dsc_calendar_t *cal,
                                        dsc_date_t d);

/* wd_add(from, n) (CONTRACT §7): OUT: *out = the n-th working day strictly
 * after from, for n ≥ 1 (from itself never counts, working day or not); for
 * n = 0, *out = from. O(1). *out is written only on success; detail (may be
 * NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_CALENDAR_GAP when from lies outside the loaded years, or the result
 *     lies after them (also for n = 0: the calendar does not vouch for dates
 *     it does not hold). Field "calendar", message "no working-day calendar
 *     for 2027" naming from's year, or the first year after the range;
 *   DSC_MISUSE when n < 0, cal or out is NULL, or from is not a date of
 *     0001–9999 (such as DSC_DATE_NONE; field "date"). */
DSC_EXTERN dsc_err_t
dsc_calendar_add_workdays(const dsc_calendar_t *cal, dsc_date_t from, int n,
                          dsc_date_t *out, dsc_detail_t *detail) DSC_MUST_CHECK;

/* OUT: *out = the number of working days d with a < d ≤ b when a ≤ b, and
 * minus the number with b < d ≤ a when b < a; so add_workdays(a, k) = b
 * implies workdays_between(a, b) = k. Used for workdays_left and for the
 * working days of a paused span (CONTRACT §7). O(1). *out is written only on
 * success; detail (may be NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_CALENDAR_GAP when a or b lies outside the loaded years (field
 *     "calendar", naming a's year if a is outside, else b's);
 *   DSC_MISUSE when cal or out is NULL, or a or b is not a date of
 *     0001–9999 (field "date"). */
DSC_EXTERN dsc_err_t dsc_calendar_workdays_between(
    const dsc_calendar_t *cal, dsc_date_t a, dsc_date_t b, int *out,
    dsc_detail_t *detail) DSC_MUST_CHECK;

/* Parses the holiday CSV of `disclose calendar import` and
 * domain/cn_workdays.csv: text[0..len) (need not be NUL-terminated) is a
 * header line `date,kind,name` then one row per line, `YYYY-MM-DD,kind,name`,
 * with LF or CRLF line ends and an optional newline after the last row. An
 * optional UTF-8 byte-order mark before the header is skipped (spreadsheet
 * exports write one). kind is `holiday` or `workday`; the date must exist; a
 * holiday must fall on a Monday–Friday and a workday on a Saturday/Sunday;
 * no date may appear twice. name is UTF-8 without commas, quotes or control
 * characters, at most DSC_CALENDAR_NAME_MAX bytes, and may be empty. There
 * is no quoting and no blank line.
 *
 * All or nothing. On success: OUT: *rows and *names (when names is not NULL)
 * are new arrays of *nrows entries in file order, names[i] the NUL-terminated
 * name of rows[i]; the caller releases them with dsc_calendar_rows_free. A
 * file with a header and no rows gives *nrows = 0 and NULL arrays. On
 * failure *rows, *names and *nrows are set to NULL/0.
 *
 * Returns DSC_OK;
 *   DSC_INVALID: field "line N" (N counts from 1, the header being line 1)
 *     and a message saying what is wrong with it, so that dsc_detail_format
 *     renders "line 7: 2024-10-05 is a Saturday; a holiday must fall on
 *     Monday–Friday". When several lines are wrong, the first is named. Field
 *     "file" when len exceeds DSC_CALENDAR_CSV_MAX;
 *   DSC_MISUSE when text (with len > 0), rows or nrows is NULL;
 *   DSC_NOMEM. */
DSC_EXTERN dsc_err_t dsc_calendar_parse_csv(
    const char *text, size_t len, dsc_calendar_exception_t **rows,
    char ***names, size_t *nrows, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees what dsc_calendar_parse_csv returned: each of names[0..n), names,
 * and rows. Either array may be NULL. */
DSC_EXTERN void dsc_calendar_rows_free(dsc_calendar_exception_t *rows,
                                       char **names, size_t n);

#endif /* DISCLOSE_CALENDAR_H */
