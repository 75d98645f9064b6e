/* Business dates against a day-by-day reference walk. */
#include "disclose/date.h"
#include "dsc_test.h"

DSC_TEST(round_trip_against_day_walk) {
  /* Walk day by day from 1900-01-01 to 2100-12-31 with a naive calendar and
   * check every conversion and weekday against it. */
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = 1900, m = 1, d = 1, wd = 1; /* 1900-01-01 was a Monday */
  dsc_date_t date = dsc_date_from_ymd(1900, 1, 1);

  while (y <= 2100) {
    int yy, mm, dd, leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    DSC_ASSERT_EQ(dsc_date_from_ymd(y, m, d), date);
    dsc_date_to_ymd(date, &yy, &mm, &dd);
    DSC_ASSERT_EQ(yy, y);
    DSC_ASSERT_EQ(mm, m);
    DSC_ASSERT_EQ(dd, d);
    DSC_ASSERT_EQ(dsc_date_weekday(date), wd);
    DSC_ASSERT(dsc_date_valid_ymd(y, m, d));
    if (++d > mdays[m - 1] + (m == 2 && leap)) {
      DSC_ASSERT(!dsc_date_valid_ymd(y, m, d));
      d = 1;
      if (++m > 12)
        m = 1, y++;
    }
    wd = wd % 7 + 1;
    date++;
  }
}

DSC_TEST(epoch_is_zero) {
  DSC_ASSERT_EQ(dsc_date_from_ymd(1970, 1, 1), 0);
  DSC_ASSERT_EQ(dsc_date_weekday(0), 4);
}

DSC_TEST(parse_accepts_only_real_dates) {
  dsc_date_t d = 0;
  char buf[DSC_DATE_STRLEN];
  DSC_ASSERT_EQ(dsc_date_parse("2024-02-29", &d), DSC_OK);
  DSC_ASSERT_STR_EQ(dsc_date_format(d, buf), "2024-02-29");
  DSC_ASSERT_EQ(dsc_date_parse("2023-02-29", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-02-30", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-13-01", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-00-10", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-1-01", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-01-01 ", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse(" 2023-01-01", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023/01/01", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("0000-01-01", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse("2023-01-0", &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_date_parse(NULL, &d), DSC_INVALID);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(round_trip_against_day_walk),
    DSC_TEST_ENTRY(epoch_is_zero),
    DSC_TEST_ENTRY(parse_accepts_only_real_dates),
};
DSC_TEST_MAIN(cases)
