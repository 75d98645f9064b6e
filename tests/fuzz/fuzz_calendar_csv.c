/* tests/fuzz/fuzz_calendar_csv.c — libFuzzer driver for the working-day
 * calendar: dsc_calendar_parse_csv (`disclose calendar import`), then
 * dsc_calendar_create over the years the file holds and wd_add.
 *
 * Whatever the bytes, nothing may crash, leak or read out of bounds, and:
 *   - the parse succeeds or refuses with DSC_INVALID naming "line N" (N no
 *     further than the file goes) or "file"; a refusal returns no rows;
 *   - the same parse without names gives the same answer;
 *   - accepted rows are real dates with a known kind, holidays on
 *     Monday–Friday and workdays on Saturday/Sunday, no date twice, names
 *     UTF-8 of at most 255 bytes without comma, quote or control character;
 *   - the calendar of those years (at most 16 of them) builds, holds each
 *     row's kind, and wd_add / workdays_between agree with each other and
 *     with a day-by-day count of our own;
 *   - with one allocation failed, the parse and the build return DSC_NOMEM.
 * Build: cmake -DDSC_FUZZ=ON -DCMAKE_C_COMPILER=clang (tests/fuzz/). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "disclose/calendar.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Years per calendar built: enough for a year boundary or two, few enough
 * to keep each run fast. */
#define MAX_SPAN 16

/* ISO weekday of a day number (1970-01-01, day 0, was a Thursday),
 * computed here rather than by the library under test. */
static int weekday(dsc_date_t d) {
  int r = (int)(((int64_t)d + 3) % 7);
  return (r < 0 ? r + 7 : r) + 1;
}

static int cmp_date(const void *a, const void *b) {
  dsc_date_t x = *(const dsc_date_t *)a, y = *(const dsc_date_t *)b;
  return (x > y) - (x < y);
}

/* Lines in the input: what a "line N" refusal may name at most. */
static size_t count_lines(const uint8_t *data, size_t size) {
  size_t n = 1;
  for (size_t i = 0; i < size; i++)
    n += data[i] == '\n';
  return n;
}

static void check_refused(const dsc_detail_t *d, const uint8_t *data,
                          size_t size) {
  unsigned long line;
  char *end;

  FUZZ_REQUIRE(d->code == DSC_INVALID);
  FUZZ_REQUIRE(fuzz_printable_text(d->field, sizeof d->field));
  FUZZ_REQUIRE(memchr(d->message, '\0', sizeof d->message) != NULL &&
               d->message[0] != '\0' && fuzz_utf8_valid(d->message));
  FUZZ_REQUIRE(memchr(d->message_zh, '\0', sizeof d->message_zh) != NULL &&
               fuzz_utf8_valid(d->message_zh));
  if (strcmp(d->field, "file") == 0)
    return;
  FUZZ_REQUIRE(strncmp(d->field, "line ", 5) == 0);
  line = strtoul(d->field + 5, &end, 10);
  FUZZ_REQUIRE(*end == '\0' && line >= 1 && line <= count_lines(data, size));
}

static void check_rows(const dsc_calendar_exception_t *rows, char **names,
                       size_t n, const uint8_t *data, size_t size) {
  dsc_date_t *dates;

  FUZZ_REQUIRE(n + 1 <= count_lines(data, size));
  for (size_t i = 0; i < n; i++) {
    int y, m, d, wd;
    size_t len;
    dsc_date_to_ymd(rows[i].date, &y, &m, &d);
    FUZZ_REQUIRE(dsc_date_valid_ymd(y, m, d));
    wd = weekday(rows[i].date);
    FUZZ_REQUIRE((rows[i].kind == DSC_DAY_HOLIDAY && wd <= 5) ||
                 (rows[i].kind == DSC_DAY_WORKDAY && wd >= 6));
    FUZZ_REQUIRE(names[i] != NULL);
    len = strlen(names[i]);
    FUZZ_REQUIRE(len <= DSC_CALENDAR_NAME_MAX);
    FUZZ_REQUIRE(fuzz_utf8_length(names[i], len) != SIZE_MAX);
    for (size_t k = 0; k < len; k++) {
      unsigned char c = (unsigned char)names[i][k];
      FUZZ_REQUIRE(c >= 0x20 && c != 0x7F && c != ',' && c != '"');
    }
  }
  dates = malloc((n ? n : 1) * sizeof *dates);
  FUZZ_REQUIRE(dates != NULL);
  for (size_t i = 0; i < n; i++)
    dates[i] = rows[i].date;
  qsort(dates, n, sizeof *dates, cmp_date);
  for (size_t i = 1; i < n; i++)
    FUZZ_REQUIRE(dates[i] != dates[i - 1]);
  free(dates);
}

/* Our own day-by-day table of the working days of [start, end], from the
 * weekday rule and the rows: 1 for a working day. */
static unsigned char *oracle_table(const dsc_calendar_exception_t *rows,
                                   size_t n, dsc_date_t start, dsc_date_t end) {
  unsigned char *t = malloc((size_t)(end - start + 1));
  FUZZ_REQUIRE(t != NULL);
  for (dsc_date_t x = start; x <= end; x++)
    t[x - start] = weekday(x) <= 5;
  for (size_t i = 0; i < n; i++)
    if (rows[i].date >= start && rows[i].date <= end)
      t[rows[i].date - start] = rows[i].kind == DSC_DAY_WORKDAY;
  return t;
}

/* Builds the calendar of the rows' years (clamped to the library's range
 * and to MAX_SPAN years) and checks it against oracle_table. */
static void check_calendar(const dsc_calendar_exception_t *rows, size_t n,
                           const uint8_t *data, size_t size) {
  int first = 9999, last = 1900;
  dsc_calendar_t *cal = NULL;
  dsc_detail_t d;
  dsc_date_t start, end, after;
  unsigned char *wd;
  uint64_t h = fuzz_hash(data, size);

  for (size_t i = 0; i < n; i++) {
    int y;
    dsc_date_to_ymd(rows[i].date, &y, NULL, NULL);
    if (y >= DSC_CALENDAR_MIN_YEAR && y < first)
      first = y;
    if (y > last)
      last = y;
  }
  if (first > last) /* no row in the library's years */
    first = last = 2024;
  if (last - first >= MAX_SPAN)
    last = first + MAX_SPAN - 1;
  FUZZ_REQUIRE(dsc_calendar_create(first, last, rows, n, &cal, &d) == DSC_OK);
  FUZZ_REQUIRE(dsc_calendar_first_year(cal) == first);
  FUZZ_REQUIRE(dsc_calendar_last_year(cal) == last);
  start = dsc_date_from_ymd(first, 1, 1);
  end = dsc_date_from_ymd(last, 12, 31);
  wd = oracle_table(rows, n, start, end);

  for (size_t i = 0; i < n && i < 64; i++)
    if (rows[i].date >= start && rows[i].date <= end)
      FUZZ_REQUIRE(dsc_calendar_is_workday(cal, rows[i].date) ==
                   (rows[i].kind == DSC_DAY_WORKDAY));

  /* A few wd_add look-ups from dates the input picks, checked against the
   * table: the result is a working day strictly after from, with exactly k
   * working days in (from, result]; past the last year, a gap. */
  for (int t = 0; t < 8; t++) {
    dsc_date_t from = start + (dsc_date_t)(h % (uint64_t)(end - start + 1));
    int k = (int)((h >> 20) % 45), between, count = 0;
    dsc_date_t to;
    dsc_err_t err;

    h = h * 6364136223846793005u + 1442695040888963407u;
    FUZZ_REQUIRE(dsc_calendar_is_workday(cal, from) == (wd[from - start] == 1));
    err = dsc_calendar_add_workdays(cal, from, k, &to, &d);
    if (err == DSC_CALENDAR_GAP) {
      for (dsc_date_t x = from + 1; x <= end; x++)
        count += wd[x - start];
      FUZZ_REQUIRE(count < k);
      continue;
    }
    FUZZ_REQUIRE(err == DSC_OK);
    if (k == 0) {
      FUZZ_REQUIRE(to == from);
      continue;
    }
    FUZZ_REQUIRE(to > from && to <= end);
    FUZZ_REQUIRE(wd[to - start] == 1);
    for (dsc_date_t x = from + 1; x <= to; x++)
      count += wd[x - start];
    FUZZ_REQUIRE(count == k);
    FUZZ_REQUIRE(dsc_calendar_workdays_between(cal, from, to, &between, &d) ==
                 DSC_OK);
    FUZZ_REQUIRE(between == k);
    FUZZ_REQUIRE(dsc_calendar_workdays_between(cal, to, from, &between, &d) ==
                 DSC_OK);
    FUZZ_REQUIRE(between == -k);
  }
  FUZZ_REQUIRE(dsc_calendar_add_workdays(cal, end, 1, &after, &d) ==
               DSC_CALENDAR_GAP);
  free(wd);
  dsc_calendar_destroy(cal);

  /* The same build with one of its allocations failing. */
  fuzz_alloc_arm(SIZE_MAX);
  FUZZ_REQUIRE(dsc_calendar_create(first, last, rows, n, &cal, &d) == DSC_OK);
  dsc_calendar_destroy(cal);
  if (fuzz_alloc_count > 0) {
    size_t made = fuzz_alloc_count;
    cal = NULL;
    fuzz_alloc_arm((size_t)(fuzz_hash(data, size) % made));
    FUZZ_REQUIRE(dsc_calendar_create(first, last, rows, n, &cal, &d) ==
                 DSC_NOMEM);
    fuzz_alloc_arm(SIZE_MAX);
    FUZZ_REQUIRE(cal == NULL);
  }
}
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_alloc_install();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  dsc_calendar_exception_t *rows = NULL, *rows2 = NULL;
  char **names = NULL;
  size_t n = 0, n2 = 0, allocations;
  dsc_detail_t d, d2;
  dsc_err_t err, err2;

  fuzz_alloc_arm(SIZE_MAX);
  err = dsc_calendar_parse_csv(text, size, &rows, &names, &n, &d);
  allocations = fuzz_alloc_count;
  FUZZ_REQUIRE(err == DSC_OK || err == DSC_INVALID);

  /* Without names: the same verdict and the same rows. */
  err2 = dsc_calendar_parse_csv(text, size, &rows2, NULL, &n2, &d2);
  FUZZ_REQUIRE(err2 == err && n2 == n);
  FUZZ_REQUIRE(n == 0 || memcmp(rows, rows2, n * sizeof *rows) == 0);
  dsc_calendar_rows_free(rows2, NULL, n2);

  if (err != DSC_OK) {
    FUZZ_REQUIRE(rows == NULL && names == NULL && n == 0);
    check_refused(&d, data, size);
    FUZZ_REQUIRE(strcmp(d.field, d2.field) == 0);
  } else {
    FUZZ_REQUIRE((n == 0) == (rows == NULL) && (n == 0) == (names == NULL));
    check_rows(rows, names, n, data, size);
    check_calendar(rows, n, data, size);
  }
  dsc_calendar_rows_free(rows, names, n);

  /* The parse again, with one of its allocations failing. */
  if (allocations > 0) {
    rows = NULL;
    names = NULL;
    fuzz_alloc_arm((size_t)(fuzz_hash(data, size) % allocations));
    err = dsc_calendar_parse_csv(text, size, &rows, &names, &n, &d);
    FUZZ_REQUIRE(fuzz_alloc_failed == 1);
    fuzz_alloc_arm(SIZE_MAX);
    FUZZ_REQUIRE(err == DSC_NOMEM);
    FUZZ_REQUIRE(rows == NULL && names == NULL && n == 0);
  }
  return 0;
}
