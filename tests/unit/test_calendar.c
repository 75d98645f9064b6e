/* The working-day calendar: the shipped State Council data, checked against
 * an independent day-by-day reference, the worked examples of
 * domain/statutes.md §4, the calendar gap, and the CSV loader's rules. */
#include "disclose/calendar.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cn_workdays_fixture.h"
#include "dsc_test.h"

/* ---- helpers ------------------------------------------------------------ */

static dsc_date_t D(const char *s) {
  dsc_date_t d = DSC_DATE_NONE;
  if (dsc_date_parse(s, &d) != DSC_OK)
    DSC_FAIL_("bad date literal %s", s);
  return d;
}

static int year_of(dsc_date_t d) {
  int y;
  dsc_date_to_ymd(d, &y, NULL, NULL);
  return y;
}

/* The calendar of the shipped CSV, loaded 2019–2026 like the migration's
 * calendar_years. */
static dsc_calendar_t *shipped(void) {
  dsc_calendar_exception_t *rows = NULL;
  char **names = NULL;
  size_t n = 0;
  dsc_calendar_t *cal = NULL;
  dsc_detail_t det;

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(DSC_CN_WORKDAYS_CSV,
                                       strlen(DSC_CN_WORKDAYS_CSV), &rows,
                                       &names, &n, &det),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_calendar_create(2019, 2026, rows, n, &cal, &det), DSC_OK);
  dsc_calendar_rows_free(rows, names, n);
  return cal;
}

/* wd_add on the shipped calendar, asserting success. */
static dsc_date_t wd_add(const dsc_calendar_t *cal, const char *from, int n) {
  dsc_date_t out = DSC_DATE_NONE;
  dsc_detail_t det;
  dsc_err_t rc = dsc_calendar_add_workdays(cal, D(from), n, &out, &det);
  if (rc != DSC_OK)
    DSC_FAIL_("wd_add(%s, %d): %s %s", from, n, dsc_err_name(rc), det.message);
  return out;
}

#define ASSERT_WD_ADD(cal, from, n, expect)                                    \
  do {                                                                         \
    char got_[DSC_DATE_STRLEN];                                                \
    dsc_date_format(wd_add(cal, from, n), got_);                               \
    DSC_ASSERT_STR_EQ(got_, expect);                                           \
  } while (0)

static void assert_gap(dsc_err_t rc, const dsc_detail_t *det, int year) {
  char expect[64];
  snprintf(expect, sizeof expect, "no working-day calendar for %d", year);
  DSC_ASSERT_EQ(rc, DSC_CALENDAR_GAP);
  DSC_ASSERT_EQ(det->code, DSC_CALENDAR_GAP);
  DSC_ASSERT_STR_EQ(det->field, "calendar");
  DSC_ASSERT_STR_EQ(det->message, expect);
}

/* ---- the independent reference ----------------------------------------- */

/* A slow, obviously-right model that shares nothing with
 * engine/core/calendar.c: it reads the fixture text itself, finds a date's
 * exception by a linear search, takes the weekday from a known Tuesday, and
 * counts working days by stepping one date at a time. */
typedef struct ref {
  dsc_date_t start, end; /* the loaded years, 2019-01-01 … 2026-12-31 */
  size_t n;
  dsc_date_t date[256];
  char kind[256]; /* 'h' or 'w' */
} ref_t;

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

static void ref_load(ref_t *r) {
  const char *p = strchr(DSC_CN_WORKDAYS_CSV, '\n') + 1; /* skip header */

  r->start = dsc_date_from_ymd(2019, 1, 1);
  r->end = dsc_date_from_ymd(2026, 12, 31);
  r->n = 0;
  while (*p != '\0') {
    DSC_ASSERT(r->n < 256);
    r->date[r->n] =
        dsc_date_from_ymd(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2));
    DSC_ASSERT(strncmp(p + 11, "holiday,", 8) == 0 ||
               strncmp(p + 11, "workday,", 8) == 0);
    r->kind[r->n++] = p[11];
    p = strchr(p, '\n') + 1;
  }
}

static bool ref_is_workday(const ref_t *r, dsc_date_t d) {
  /* 2019-01-01 was a Tuesday: offset 0 = Tuesday … 4 = Saturday,
   * 5 = Sunday, 6 = Monday. */
  long off = ((long)d - (long)dsc_date_from_ymd(2019, 1, 1)) % 7;
  bool weekend = ((off + 7) % 7 == 4) || ((off + 7) % 7 == 5);

  for (size_t i = 0; i < r->n; i++)
    if (r->date[i] == d)
      return r->kind[i] == 'w';
  return !weekend;
}

/* DSC_OK with *out, or DSC_CALENDAR_GAP with the missing year. */
static dsc_err_t ref_add(const ref_t *r, dsc_date_t from, int n,
                         dsc_date_t *out, int *gap_year) {
  dsc_date_t d = from;
  if (from < r->start || from > r->end) {
    *gap_year = year_of(from);
    return DSC_CALENDAR_GAP;
  }
  while (n > 0) {
    d++;
    if (d > r->end) {
      *gap_year = year_of(r->end) + 1;
      return DSC_CALENDAR_GAP;
    }
    if (ref_is_workday(r, d))
      n--;
  }
  *out = d;
  return DSC_OK;
}

static dsc_err_t ref_between(const ref_t *r, dsc_date_t a, dsc_date_t b,
                             int *out, int *gap_year) {
  int count = 0;
  dsc_date_t lo = a < b ? a : b, hi = a < b ? b : a;
  if (a < r->start || a > r->end) {
    *gap_year = year_of(a);
    return DSC_CALENDAR_GAP;
  }
  if (b < r->start || b > r->end) {
    *gap_year = year_of(b);
    return DSC_CALENDAR_GAP;
  }
  for (dsc_date_t d = lo + 1; d <= hi; d++)
    count += ref_is_workday(r, d);
  *out = a <= b ? count : -count;
  return DSC_OK;
}

/* ---- the shipped data --------------------------------------------------- */

DSC_TEST(parse_shipped_csv) {
  dsc_calendar_exception_t *rows = NULL;
  char **names = NULL;
  size_t n = 0, holidays = 0;
  dsc_detail_t det;
  ref_t ref;

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(DSC_CN_WORKDAYS_CSV,
                                       strlen(DSC_CN_WORKDAYS_CSV), &rows,
                                       &names, &n, &det),
                DSC_OK);
  /* statutes.md §4: 147 holiday rows + 53 workday rows. */
  DSC_ASSERT_EQ(n, 200);
  for (size_t i = 0; i < n; i++)
    holidays += rows[i].kind == DSC_DAY_HOLIDAY;
  DSC_ASSERT_EQ(holidays, 147);
  DSC_ASSERT_EQ(rows[0].date, D("2018-12-29"));
  DSC_ASSERT_EQ(rows[0].kind, DSC_DAY_WORKDAY);
  DSC_ASSERT_STR_EQ(names[0], "元旦");
  DSC_ASSERT_EQ(rows[199].date, D("2026-10-10"));
  DSC_ASSERT_STR_EQ(names[199], "国庆节");

  /* Row for row what the reference read on its own. */
  ref_load(&ref);
  DSC_ASSERT_EQ(ref.n, n);
  for (size_t i = 0; i < n; i++) {
    DSC_ASSERT_EQ(rows[i].date, ref.date[i]);
    DSC_ASSERT_EQ(rows[i].kind,
                  ref.kind[i] == 'h' ? DSC_DAY_HOLIDAY : DSC_DAY_WORKDAY);
  }
  dsc_calendar_rows_free(rows, names, n);
}

DSC_TEST(every_day_matches_reference) {
  /* Exhaustively, one month either side of the loaded years. */
  dsc_calendar_t *cal = shipped();
  ref_t ref;
  int workdays = 0;

  ref_load(&ref);
  DSC_ASSERT_EQ(dsc_calendar_first_year(cal), 2019);
  DSC_ASSERT_EQ(dsc_calendar_last_year(cal), 2026);
  for (dsc_date_t d = D("2018-12-01"); d <= D("2027-01-31"); d++) {
    bool in = d >= ref.start && d <= ref.end;
    if (dsc_calendar_is_workday(cal, d) != (in && ref_is_workday(&ref, d))) {
      char buf[DSC_DATE_STRLEN];
      DSC_FAIL_("is_workday(%s) disagrees", dsc_date_format(d, buf));
    }
    workdays += in && ref_is_workday(&ref, d);
  }
  /* And the total agrees with one subtraction. */
  {
    int between = 0;
    dsc_detail_t det;
    DSC_ASSERT_EQ(dsc_calendar_workdays_between(
                      cal, D("2019-01-01"), D("2026-12-31"), &between, &det),
                  DSC_OK);
    /* 2019-01-01 is a holiday, so (start, end] holds every working day. */
    DSC_ASSERT_EQ(between, workdays);
  }
  dsc_calendar_destroy(cal);
}

/* ---- properties against the reference ----------------------------------- */

DSC_TEST(property_add_workdays_matches_day_walk) {
  dsc_calendar_t *cal = shipped();
  uint64_t state = dsc_test_seed();
  ref_t ref;
  dsc_date_t lo = D("2019-01-01"), hi = D("2026-12-31");

  ref_load(&ref);
  for (int iter = 0; iter < 20000; iter++) {
    dsc_date_t from, got = DSC_DATE_NONE, want = DSC_DATE_NONE;
    int n = (int)(dsc_test_rand(&state) % 61), gap_year = 0;
    dsc_detail_t det;
    dsc_err_t rc, ref_rc;

    /* Mostly inside the loaded years; one draw in ten within 45 days
     * either side of them, so both gaps are exercised too. */
    if (iter % 10 == 0)
      from = (dsc_date_t)(lo - 45 +
                          (dsc_date_t)(dsc_test_rand(&state) %
                                       (uint64_t)(hi - lo + 91)));
    else
      from = lo + (dsc_date_t)(dsc_test_rand(&state) % (uint64_t)(hi - lo + 1));

    rc = dsc_calendar_add_workdays(cal, from, n, &got, &det);
    ref_rc = ref_add(&ref, from, n, &want, &gap_year);
    if (rc != ref_rc || (rc == DSC_OK && got != want)) {
      char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN], c[DSC_DATE_STRLEN];
      DSC_FAIL_("wd_add(%s, %d): got %s %s, reference %s %s",
                dsc_date_format(from, a), n, dsc_err_name(rc),
                rc == DSC_OK ? dsc_date_format(got, b) : det.message,
                dsc_err_name(ref_rc),
                ref_rc == DSC_OK ? dsc_date_format(want, c) : "gap");
    }
    if (rc == DSC_CALENDAR_GAP) {
      assert_gap(rc, &det, gap_year);
    } else if (n > 0) {
      int k = 0;
      /* The result is a working day, and exactly n lie in (from, result]. */
      DSC_ASSERT(dsc_calendar_is_workday(cal, got));
      DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, from, got, &k, &det),
                    DSC_OK);
      DSC_ASSERT_EQ(k, n);
    }
  }
  dsc_calendar_destroy(cal);
}

DSC_TEST(property_workdays_between_matches_day_walk) {
  dsc_calendar_t *cal = shipped();
  uint64_t state = dsc_test_seed();
  ref_t ref;
  dsc_date_t lo = D("2019-01-01"), hi = D("2026-12-31");

  ref_load(&ref);
  for (int iter = 0; iter < 6000; iter++) {
    dsc_date_t a, b;
    int got = 0, want = 0, gap_year = 0;
    dsc_detail_t det;
    dsc_err_t rc, ref_rc;

    a = lo - 30 +
        (dsc_date_t)(dsc_test_rand(&state) % (uint64_t)(hi - lo + 61));
    if (iter % 20 == 0) /* a long span, anywhere */
      b = lo - 30 +
          (dsc_date_t)(dsc_test_rand(&state) % (uint64_t)(hi - lo + 61));
    else /* a span of up to 120 days either way, as a paused clock has */
      b = a + (dsc_date_t)(dsc_test_rand(&state) % 241) - 120;

    rc = dsc_calendar_workdays_between(cal, a, b, &got, &det);
    ref_rc = ref_between(&ref, a, b, &want, &gap_year);
    if (rc != ref_rc || (rc == DSC_OK && got != want)) {
      char x[DSC_DATE_STRLEN], y[DSC_DATE_STRLEN];
      DSC_FAIL_("between(%s, %s): got %s %d, reference %s %d",
                dsc_date_format(a, x), dsc_date_format(b, y), dsc_err_name(rc),
                got, dsc_err_name(ref_rc), want);
    }
    if (rc == DSC_CALENDAR_GAP)
      assert_gap(rc, &det, gap_year);
  }
  dsc_calendar_destroy(cal);
}

/* ---- the worked examples of statutes.md §4, by hand --------------------- */

DSC_TEST(worked_example_national_day_2024) {
  dsc_calendar_t *cal = shipped();
  /* Received 2024-09-27 (Fri); counting starts the next day:
   *   #1 09-29 (Sun, make-up), #2 09-30 (Mon);
   *   10-01…10-04 and 10-07 off, 10-05/06 weekend;
   *   #3–7 10-08…10-12 (Tue–Sat, 10-12 make-up), #8–12 10-14…18,
   *   #13–17 10-21…25, #18–20 10-28, 10-29, 10-30  → 2024-10-30 (Wed). */
  ASSERT_WD_ADD(cal, "2024-09-27", 20, "2024-10-30");
  /* With one 20-day extension, 40 in all, continuing:
   *   #21–22 10-31, 11-01, #23–27 11-04…08, #28–32 11-11…15,
   *   #33–37 11-18…22, #38–40 11-25, 26, 27  → 2024-11-27 (Wed). */
  ASSERT_WD_ADD(cal, "2024-09-27", 40, "2024-11-27");
  /* Extending from the due date gives the same day. */
  ASSERT_WD_ADD(cal, "2024-10-30", 20, "2024-11-27");
  dsc_calendar_destroy(cal);
}

DSC_TEST(worked_example_supplement_2025) {
  dsc_calendar_t *cal = shipped();
  /* 补正 window of 7 from 2025-09-26 (Fri):
   *   #1 09-28 (Sun, make-up), #2–3 09-29, 09-30;
   *   10-01…03 and 10-06…08 off (National Day + Mid-Autumn), 10-04/05
   *   weekend; #4–6 10-09 (Thu), 10-10 (Fri), 10-11 (Sat, make-up);
   *   10-12 Sun; #7 10-13 (Mon)  → 2025-10-13. */
  ASSERT_WD_ADD(cal, "2025-09-26", 7, "2025-10-13");
  dsc_calendar_destroy(cal);
}

DSC_TEST(worked_example_spring_festival_2025) {
  dsc_calendar_t *cal = shipped();
  /* 2025-01-20 (Mon) + 20:
   *   #1–4 01-21…24, 01-25 (Sat) off, #5 01-26 (Sun, make-up), #6 01-27;
   *   01-28…31, 02-03, 02-04 off, 02-01/02 weekend;
   *   #7–10 02-05…08 (Wed–Sat, 02-08 make-up), #11–15 02-10…14,
   *   #16–20 02-17…21  → 2025-02-21 (Fri). */
  ASSERT_WD_ADD(cal, "2025-01-20", 20, "2025-02-21");
  dsc_calendar_destroy(cal);
}

DSC_TEST(worked_example_spring_festival_2026) {
  dsc_calendar_t *cal = shipped();
  /* 2026-02-10 (Tue) + 20:
   *   #1–3 02-11…13, #4 02-14 (Sat, make-up), 02-15 (Sun) off;
   *   02-16…20 and 02-23 off, 02-21/22 weekend;
   *   #5–9 02-24…28 (Tue–Sat, 02-28 make-up), #10–14 03-02…06,
   *   #15–19 03-09…13, #20 03-16 (Mon)  → 2026-03-16. */
  ASSERT_WD_ADD(cal, "2026-02-10", 20, "2026-03-16");
  dsc_calendar_destroy(cal);
}

DSC_TEST(worked_example_third_party_new_year_2024) {
  dsc_calendar_t *cal = shipped();
  /* Third-party window of 15 from 2023-12-29 (Fri): 12-30/31 weekend,
   * 2024-01-01 (Mon) 元旦 off; #1–4 01-02…05, #5–9 01-08…12,
   * #10–14 01-15…19, #15 01-22 (Mon)  → 2024-01-22. */
  ASSERT_WD_ADD(cal, "2023-12-29", 15, "2024-01-22");
  dsc_calendar_destroy(cal);
}

/* ---- notable arrangements ------------------------------------------------ */

DSC_TEST(spring_festival_2020_extension) {
  dsc_calendar_t *cal = shipped();
  /* 国办发明电〔2020〕1号 extended the holiday to 2-2 (Sun): 01-31 (Fri) became
   * a day off and the make-up workday 02-01 (Sat) was cancelled; work resumed
   * on 02-03 (Mon). */
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2020-01-31")));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2020-02-01")));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2020-02-02")));
  DSC_ASSERT(dsc_calendar_is_workday(cal, D("2020-02-03")));
  /* The original make-up day 01-19 (Sun) still stood. */
  DSC_ASSERT(dsc_calendar_is_workday(cal, D("2020-01-19")));
  /* 01-23 (Thu) + 1: 01-24…31 off (01-25/26 weekend), 02-01/02 weekend
   *   → 02-03. */
  ASSERT_WD_ADD(cal, "2020-01-23", 1, "2020-02-03");
  /* 01-23 + 5: #1 02-03 … #5 02-07 (Fri). */
  ASSERT_WD_ADD(cal, "2020-01-23", 5, "2020-02-07");
  dsc_calendar_destroy(cal);
}

DSC_TEST(national_day_2019_make_up_days) {
  dsc_calendar_t *cal = shipped();
  int k = 0;
  dsc_detail_t det;

  DSC_ASSERT(dsc_calendar_is_workday(cal, D("2019-09-29"))); /* Sun */
  DSC_ASSERT(dsc_calendar_is_workday(cal, D("2019-10-12"))); /* Sat */
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2019-10-01")));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2019-10-07"))); /* Mon */
  DSC_ASSERT(dsc_calendar_is_workday(cal, D("2019-10-08")));
  /* 09-27 (Fri) + 1: 09-28 (Sat) off, 09-29 (Sun) worked → 09-29. */
  ASSERT_WD_ADD(cal, "2019-09-27", 1, "2019-09-29");
  /* 09-30 (Mon) + 1: 10-01…04 and 10-07 off, 10-05/06 weekend → 10-08. */
  ASSERT_WD_ADD(cal, "2019-09-30", 1, "2019-10-08");
  /* 10-11 (Fri) + 1: 10-12 (Sat) worked → 10-12. */
  ASSERT_WD_ADD(cal, "2019-10-11", 1, "2019-10-12");
  /* (09-27, 10-12]: 09-29, 09-30, 10-08…12 = 7 working days. */
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2019-09-27"),
                                              D("2019-10-12"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, 7);
  dsc_calendar_destroy(cal);
}

DSC_TEST(new_year_across_years) {
  dsc_calendar_t *cal = shipped();
  dsc_date_t out = DSC_DATE_NONE;
  dsc_detail_t det;

  /* 2019-12-31 (Tue) + 1: 2020-01-01 (Wed) 元旦 off → 2020-01-02 (Thu). */
  ASSERT_WD_ADD(cal, "2019-12-31", 1, "2020-01-02");
  /* 2019-01-01 (Tue) itself is off; 2018-12-31 (Mon, off) and 2018-12-29
   * (Sat, worked) are 2019-notice rows outside the loaded 2019–2026. */
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2019-01-01")));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2018-12-29")));
  assert_gap(dsc_calendar_add_workdays(cal, D("2018-12-29"), 1, &out, &det),
             &det, 2018);
  DSC_ASSERT_EQ(out, DSC_DATE_NONE); /* untouched on failure */
  /* 2018-12-31 is the day before the range: still a gap, never a guess. */
  assert_gap(dsc_calendar_add_workdays(cal, D("2018-12-31"), 1, &out, &det),
             &det, 2018);
  /* 2019-01-01 + 1 → 2019-01-02 (Wed), the first working day loaded. */
  ASSERT_WD_ADD(cal, "2019-01-01", 1, "2019-01-02");
  dsc_calendar_destroy(cal);
}

DSC_TEST(zero_and_negative) {
  dsc_calendar_t *cal = shipped();
  dsc_date_t out = DSC_DATE_NONE;
  int k = -1;
  dsc_detail_t det;

  /* n = 0 gives from itself, working day or not. */
  ASSERT_WD_ADD(cal, "2024-10-01", 0, "2024-10-01");
  ASSERT_WD_ADD(cal, "2024-10-08", 0, "2024-10-08");
  DSC_ASSERT_EQ(dsc_calendar_add_workdays(cal, D("2024-10-08"), -1, &out, &det),
                DSC_MISUSE);
  DSC_ASSERT_STR_EQ(det.field, "n");
  DSC_ASSERT_EQ(out, DSC_DATE_NONE);
  DSC_ASSERT_EQ(dsc_calendar_add_workdays(NULL, D("2024-10-08"), 1, &out, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_add_workdays(cal, D("2024-10-08"), 1, NULL, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_add_workdays(cal, DSC_DATE_NONE, 1, &out, NULL),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, DSC_DATE_NONE,
                                              D("2024-10-08"), &k, NULL),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-10-08"),
                                              D("2024-10-08"), NULL, NULL),
                DSC_MISUSE);
  DSC_ASSERT(!dsc_calendar_is_workday(NULL, D("2024-10-08")));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, INT32_MAX));
  DSC_ASSERT(!dsc_calendar_is_workday(cal, DSC_DATE_NONE));
  /* A huge n is a gap, not an overflow. */
  assert_gap(
      dsc_calendar_add_workdays(cal, D("2024-10-08"), INT32_MAX, &out, &det),
      &det, 2027);

  /* Between a date and itself: 0; reversed: negative. (2024-09-27,
   * 2024-10-30] holds 20 working days (the worked example). */
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-10-03"),
                                              D("2024-10-03"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, 0);
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-09-27"),
                                              D("2024-10-30"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, 20);
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-10-30"),
                                              D("2024-09-27"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, -20);
  /* (10-01, 10-07] is all holiday and weekend: 0. */
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-10-01"),
                                              D("2024-10-07"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, 0);
  dsc_calendar_destroy(cal);
}

/* ---- the calendar gap ---------------------------------------------------- */

DSC_TEST(gap_after_range_names_2027) {
  dsc_calendar_t *cal = shipped();
  dsc_date_t out = DSC_DATE_NONE;
  int k = 0;
  dsc_detail_t det;
  char buf[300];

  /* 2026-12-20 (Sun): only 12-21…25 and 12-28…31 remain, 9 < 20. */
  assert_gap(dsc_calendar_add_workdays(cal, D("2026-12-20"), 20, &out, &det),
             &det, 2027);
  DSC_ASSERT_EQ(out, DSC_DATE_NONE);
  DSC_ASSERT(strstr(det.message, "2027") != NULL);
  DSC_ASSERT_STR_EQ(det.message_zh, "没有2027年的工作日历");
  DSC_ASSERT_STR_EQ(dsc_detail_format(&det, DSC_LANG_EN, buf, sizeof buf),
                    "calendar: no working-day calendar for 2027");
  /* … but the 9th still fits: 12-21…25 (#1–5), 12-28…31 (#6–9). */
  ASSERT_WD_ADD(cal, "2026-12-20", 9, "2026-12-31");
  assert_gap(dsc_calendar_add_workdays(cal, D("2026-12-20"), 10, &out, &det),
             &det, 2027);
  /* From the last loaded day. */
  ASSERT_WD_ADD(cal, "2026-12-31", 0, "2026-12-31");
  assert_gap(dsc_calendar_add_workdays(cal, D("2026-12-31"), 1, &out, &det),
             &det, 2027);
  /* A date in 2027 itself. */
  assert_gap(dsc_calendar_add_workdays(cal, D("2027-03-01"), 0, &out, &det),
             &det, 2027);
  assert_gap(dsc_calendar_workdays_between(cal, D("2026-12-01"),
                                           D("2027-01-05"), &k, &det),
             &det, 2027);
  dsc_calendar_destroy(cal);
}

DSC_TEST(gap_before_range_names_2018) {
  dsc_calendar_t *cal = shipped();
  dsc_date_t out = DSC_DATE_NONE;
  int k = 0;
  dsc_detail_t det;

  assert_gap(dsc_calendar_add_workdays(cal, D("2018-06-15"), 5, &out, &det),
             &det, 2018);
  DSC_ASSERT_STR_EQ(det.message_zh, "没有2018年的工作日历");
  assert_gap(dsc_calendar_workdays_between(cal, D("2018-12-28"),
                                           D("2019-01-10"), &k, &det),
             &det, 2018);
  /* b outside names b's year. */
  assert_gap(dsc_calendar_workdays_between(cal, D("2019-01-10"),
                                           D("2017-05-01"), &k, &det),
             &det, 2017);
  DSC_ASSERT(!dsc_calendar_is_workday(cal, D("2018-06-15"))); /* a Friday */
  dsc_calendar_destroy(cal);
}

/* ---- create ------------------------------------------------------------- */

DSC_TEST(create_validates_rows_and_years) {
  dsc_calendar_t *cal = NULL;
  dsc_detail_t det;
  dsc_calendar_exception_t sat_holiday[] = {{D("2024-10-01"), DSC_DAY_HOLIDAY},
                                            {D("2024-10-05"), DSC_DAY_HOLIDAY}};
  dsc_calendar_exception_t wed_workday[] = {{D("2024-10-09"), DSC_DAY_WORKDAY}};
  dsc_calendar_exception_t dup[] = {{D("2024-10-12"), DSC_DAY_WORKDAY},
                                    {D("2024-10-01"), DSC_DAY_HOLIDAY},
                                    {D("2024-10-12"), DSC_DAY_WORKDAY}};
  dsc_calendar_exception_t bad_kind[] = {{D("2024-10-01"), (dsc_day_kind_t)0}};
  dsc_calendar_exception_t no_date[] = {{DSC_DATE_NONE, DSC_DAY_HOLIDAY}};

  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, sat_holiday, 2, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT(cal == NULL);
  DSC_ASSERT_STR_EQ(det.field, "date");
  DSC_ASSERT_STR_EQ(det.message,
                    "2024-10-05 is a Saturday; a holiday must fall on "
                    "Monday–Friday");
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, wed_workday, 1, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT(strstr(det.message, "2024-10-09 is a Wednesday") != NULL);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, dup, 3, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.message, "2024-10-12 appears twice (rows 1 and 3)");
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, bad_kind, 1, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, no_date, 1, &cal, &det),
                DSC_INVALID);
  /* A duplicate outside the range is still a broken input. */
  dup[0].date = dup[2].date = D("2030-10-12"); /* a Saturday */
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, dup, 3, &cal, &det),
                DSC_INVALID);

  DSC_ASSERT_EQ(dsc_calendar_create(2025, 2024, NULL, 0, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.field, "calendar");
  DSC_ASSERT_EQ(dsc_calendar_create(1899, 2024, NULL, 0, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 10000, NULL, 0, &cal, &det),
                DSC_INVALID);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, NULL, 1, &cal, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, NULL, 0, NULL, &det),
                DSC_MISUSE);
  DSC_ASSERT(cal == NULL);
  dsc_calendar_destroy(NULL);
}

DSC_TEST(create_ignores_rows_outside_range) {
  /* A one-year calendar from all 200 rows uses only that year's. */
  dsc_calendar_exception_t *rows = NULL;
  size_t n = 0;
  dsc_calendar_t *cal = NULL;
  dsc_date_t out = DSC_DATE_NONE;
  int k = 0;
  dsc_detail_t det;

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(DSC_CN_WORKDAYS_CSV,
                                       strlen(DSC_CN_WORKDAYS_CSV), &rows, NULL,
                                       &n, &det),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, rows, n, &cal, &det), DSC_OK);
  dsc_calendar_rows_free(rows, NULL, n);
  DSC_ASSERT_EQ(dsc_calendar_first_year(cal), 2024);
  DSC_ASSERT_EQ(dsc_calendar_last_year(cal), 2024);
  ASSERT_WD_ADD(cal, "2024-09-27", 20, "2024-10-30");
  assert_gap(dsc_calendar_add_workdays(cal, D("2023-12-29"), 15, &out, &det),
             &det, 2023);
  assert_gap(dsc_calendar_add_workdays(cal, D("2024-12-20"), 20, &out, &det),
             &det, 2025);
  /* 2024: 262 Mon–Fri − 19 holidays + 8 make-up days = 251 working days;
   * 2024-01-01 is a holiday, so (01-01, 12-31] holds them all. */
  DSC_ASSERT_EQ(dsc_calendar_workdays_between(cal, D("2024-01-01"),
                                              D("2024-12-31"), &k, &det),
                DSC_OK);
  DSC_ASSERT_EQ(k, 251);
  dsc_calendar_destroy(cal);

  /* No rows at all: the plain Monday–Friday week. 2030-01-01 is a Tuesday;
   * + 4 → 01-07 (Mon) skipping 01-05/06. */
  DSC_ASSERT_EQ(dsc_calendar_create(2030, 2030, NULL, 0, &cal, &det), DSC_OK);
  ASSERT_WD_ADD(cal, "2030-01-01", 4, "2030-01-07");
  dsc_calendar_destroy(cal);
}

DSC_TEST(add_workdays_does_not_walk) {
  /* A million look-ups over the whole range: an ordinal lookup finishes in
   * milliseconds, a day walk would take seconds. Nothing is timed; the test
   * exists so that a walking implementation shows up as a slow test. */
  dsc_calendar_t *cal = shipped();
  dsc_date_t lo = D("2019-01-01");
  long long sum = 0;

  for (int i = 0; i < 1000000; i++) {
    dsc_date_t out = DSC_DATE_NONE;
    dsc_date_t from = lo + (dsc_date_t)(i % 2000);
    DSC_ASSERT(dsc_calendar_add_workdays(cal, from, 60, &out, NULL) == DSC_OK);
    sum += out - from;
  }
  DSC_ASSERT(sum >= 60LL * 1000000);
  dsc_calendar_destroy(cal);
}

/* ---- the CSV loader ----------------------------------------------------- */

#define HDR "date,kind,name\n"

/* Parses text, expecting DSC_INVALID with field "line <line>", a message
 * holding needle, and nothing returned. */
static void expect_csv_error(const char *text, int line, const char *needle) {
  /* Non-NULL garbage in, so that the test sees them cleared. */
  dsc_calendar_exception_t dummy_row = {0, DSC_DAY_HOLIDAY};
  char *dummy_name = NULL;
  dsc_calendar_exception_t *rows = &dummy_row;
  char **names = &dummy_name;
  size_t n = 99;
  dsc_detail_t det;
  char field[32];

  snprintf(field, sizeof field, "line %d", line);
  DSC_ASSERT_EQ(
      dsc_calendar_parse_csv(text, strlen(text), &rows, &names, &n, &det),
      DSC_INVALID);
  DSC_ASSERT(rows == NULL);
  DSC_ASSERT(names == NULL);
  DSC_ASSERT_EQ(n, 0);
  DSC_ASSERT_EQ(det.code, DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.field, field);
  if (strstr(det.message, needle) == NULL)
    DSC_FAIL_("message \"%s\" lacks \"%s\"", det.message, needle);
  DSC_ASSERT(det.message_zh[0] != '\0');
}

DSC_TEST(csv_rejects_bad_rows) {
  char buf[300];
  dsc_calendar_exception_t *rows = NULL;
  size_t n = 0;
  dsc_detail_t det;

  expect_csv_error(HDR "2024-10-01,holiday,国庆节\n"
                       "2024-10-05,holiday,国庆节\n",
                   3, "2024-10-05 is a Saturday");
  expect_csv_error(HDR "2024-10-09,workday,国庆节\n", 2,
                   "2024-10-09 is a Wednesday");
  expect_csv_error(HDR "2024-10-01,holiday,国庆节\n"
                       "2024-10-02,holiday,国庆节\n"
                       "2024-10-01,holiday,国庆节\n",
                   4, "2024-10-01 already appears on line 2");
  expect_csv_error(HDR "2023-02-28,holiday,\n2023-02-30,holiday,x\n", 3,
                   "\"2023-02-30\" is not a real");
  expect_csv_error(HDR "2024-10-01,vacation,国庆节\n", 2,
                   "kind \"vacation\" is neither");
  expect_csv_error(HDR "2024-10-01,holiday\n", 2, "only 2 column");
  expect_csv_error(HDR "2024-10-01\n", 2, "only 1 column");
  expect_csv_error(HDR "2024-10-01,holiday,a,b\n", 2, "more than 3 columns");
  expect_csv_error(HDR "2024-10-01,holiday,\"国庆节\"\n", 2, "quote");
  expect_csv_error(HDR "2024-10-01,holiday,\xE5\x9B\n", 2, "UTF-8");
  expect_csv_error(HDR "2024-10-01,Holiday,x\n", 2, "kind \"Holiday\"");
  expect_csv_error(HDR "2024-1-01,holiday,x\n", 2, "not YYYY-MM-DD");
  expect_csv_error(HDR "2024-10-01,holiday,x\n\n", 3, "empty line");
  expect_csv_error(HDR "\n2024-10-01,holiday,x\n", 2, "empty line");
  expect_csv_error(HDR "2024-10-01,holiday,x\ry\n", 2, "control character");
  expect_csv_error("day,kind,name\n2024-10-01,holiday,x\n", 1, "header");
  expect_csv_error("2024-10-01,holiday,x\n", 1, "header");
  expect_csv_error("\xEF\xBB\xBF", 1, "header");
  /* The first bad line is named: a duplicate on line 3 before a bad kind on
   * line 4. */
  expect_csv_error(HDR "2024-10-01,holiday,x\n2024-10-01,holiday,x\n"
                       "2024-10-02,vacation,x\n",
                   3, "already appears on line 2");

  /* The rendered detail reads "line N: …". */
  DSC_ASSERT_EQ(dsc_calendar_parse_csv(HDR "2024-10-05,holiday,x\n",
                                       strlen(HDR "2024-10-05,holiday,x\n"),
                                       &rows, NULL, &n, &det),
                DSC_INVALID);
  DSC_ASSERT_STR_EQ(dsc_detail_format(&det, DSC_LANG_EN, buf, sizeof buf),
                    "line 2: 2024-10-05 is a Saturday; a holiday must fall "
                    "on Monday–Friday");
  DSC_ASSERT_STR_EQ(dsc_detail_format(&det, DSC_LANG_ZH, buf, sizeof buf),
                    "line 2：2024-10-05是星期六；放假日必须在星期一至星期五");

  /* Input over the size cap is refused before it is read. */
  {
    size_t big_len = DSC_CALENDAR_CSV_MAX + 1;
    char *big = malloc(big_len);
    DSC_ASSERT(big != NULL);
    memset(big, 'x', big_len);
    DSC_ASSERT_EQ(dsc_calendar_parse_csv(big, big_len, &rows, NULL, &n, &det),
                  DSC_INVALID);
    DSC_ASSERT_STR_EQ(det.field, "file");
    free(big);
  }

  /* Empty input and misuse. */
  DSC_ASSERT_EQ(dsc_calendar_parse_csv("", 0, &rows, NULL, &n, &det),
                DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.field, "line 1");
  DSC_ASSERT_EQ(dsc_calendar_parse_csv(NULL, 5, &rows, NULL, &n, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_parse_csv(HDR, strlen(HDR), NULL, NULL, &n, &det),
                DSC_MISUSE);
}

DSC_TEST(csv_accepts_crlf_and_variants) {
  dsc_calendar_exception_t *rows = NULL;
  char **names = NULL;
  size_t n = 0;
  dsc_detail_t det;
  const char *crlf = "date,kind,name\r\n2024-10-01,holiday,国庆节\r\n"
                     "2024-10-12,workday,国庆节\r\n";
  const char *no_final_newline = HDR "2024-10-01,holiday,国庆节\n"
                                     "2024-10-12,workday,";
  const char *bom_mixed = "\xEF\xBB\xBF"
                          "date,kind,name\r\n"
                          "2024-10-01,holiday,国庆节\n"
                          "2024-10-12,workday,国庆节\r\n";

  DSC_ASSERT_EQ(
      dsc_calendar_parse_csv(crlf, strlen(crlf), &rows, &names, &n, &det),
      DSC_OK);
  DSC_ASSERT_EQ(n, 2);
  DSC_ASSERT_EQ(rows[1].date, D("2024-10-12"));
  DSC_ASSERT_EQ(rows[1].kind, DSC_DAY_WORKDAY);
  DSC_ASSERT_STR_EQ(names[0], "国庆节"); /* no CR left on the name */
  DSC_ASSERT_STR_EQ(names[1], "国庆节");
  dsc_calendar_rows_free(rows, names, n);

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(no_final_newline,
                                       strlen(no_final_newline), &rows, &names,
                                       &n, &det),
                DSC_OK);
  DSC_ASSERT_EQ(n, 2);
  DSC_ASSERT_STR_EQ(names[1], ""); /* an empty name is allowed */
  dsc_calendar_rows_free(rows, names, n);

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(bom_mixed, strlen(bom_mixed), &rows,
                                       &names, &n, &det),
                DSC_OK);
  DSC_ASSERT_EQ(n, 2);
  dsc_calendar_rows_free(rows, names, n);

  /* A header alone, with or without its newline: no rows. */
  DSC_ASSERT_EQ(
      dsc_calendar_parse_csv(HDR, strlen(HDR), &rows, &names, &n, &det),
      DSC_OK);
  DSC_ASSERT_EQ(n, 0);
  DSC_ASSERT(rows == NULL && names == NULL);
  DSC_ASSERT_EQ(
      dsc_calendar_parse_csv("date,kind,name", 14, &rows, &names, &n, &det),
      DSC_OK);
  DSC_ASSERT_EQ(n, 0);
  dsc_calendar_rows_free(NULL, NULL, 0);

  /* The length bounds the text: nothing past len is read. */
  DSC_ASSERT_EQ(
      dsc_calendar_parse_csv(crlf, strlen(crlf) - 2, &rows, &names, &n, &det),
      DSC_OK);
  DSC_ASSERT_EQ(n, 2);
  dsc_calendar_rows_free(rows, names, n);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(parse_shipped_csv),
    DSC_TEST_ENTRY(every_day_matches_reference),
    DSC_TEST_ENTRY(property_add_workdays_matches_day_walk),
    DSC_TEST_ENTRY(property_workdays_between_matches_day_walk),
    DSC_TEST_ENTRY(worked_example_national_day_2024),
    DSC_TEST_ENTRY(worked_example_supplement_2025),
    DSC_TEST_ENTRY(worked_example_spring_festival_2025),
    DSC_TEST_ENTRY(worked_example_spring_festival_2026),
    DSC_TEST_ENTRY(worked_example_third_party_new_year_2024),
    DSC_TEST_ENTRY(spring_festival_2020_extension),
    DSC_TEST_ENTRY(national_day_2019_make_up_days),
    DSC_TEST_ENTRY(new_year_across_years),
    DSC_TEST_ENTRY(zero_and_negative),
    DSC_TEST_ENTRY(gap_after_range_names_2027),
    DSC_TEST_ENTRY(gap_before_range_names_2018),
    DSC_TEST_ENTRY(create_validates_rows_and_years),
    DSC_TEST_ENTRY(create_ignores_rows_outside_range),
    DSC_TEST_ENTRY(add_workdays_does_not_walk),
    DSC_TEST_ENTRY(csv_rejects_bad_rows),
    DSC_TEST_ENTRY(csv_accepts_crlf_and_variants),
};
DSC_TEST_MAIN(cases)
