/* Civil-date arithmetic (proleptic Gregorian), after Howard Hinnant's
 * days_from_civil / civil_from_days. */
#include "disclose/date.h"

#include <stdio.h>
#include <time.h>

dsc_date_t dsc_date_from_ymd(int year, int month, int day) {
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (dsc_date_t)(era * 146097 + doe - 719468);
}

void dsc_date_to_ymd(dsc_date_t date, int *year, int *month, int *day) {
  int z = date + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;
  int y = yoe + era * 400 + (m <= 2);
  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
}

static bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool dsc_date_valid_ymd(int year, int month, int day) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
    return false;
  return day <= mdays[month - 1] + (month == 2 && is_leap(year));
}

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

dsc_err_t dsc_date_parse(const char *text, dsc_date_t *out) {
  int y, m, d;

  if (text == NULL)
    return DSC_INVALID;
  for (int i = 0; i < 10; i++)
    if (text[i] == '\0')
      return DSC_INVALID;
  if (text[10] != '\0' || text[4] != '-' || text[7] != '-')
    return DSC_INVALID;
  y = digits(text, 4);
  m = digits(text + 5, 2);
  d = digits(text + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !dsc_date_valid_ymd(y, m, d))
    return DSC_INVALID;
  *out = dsc_date_from_ymd(y, m, d);
  return DSC_OK;
}

char *dsc_date_format(dsc_date_t date, char buf[DSC_DATE_STRLEN]) {
  int y, m, d;
  dsc_date_to_ymd(date, &y, &m, &d);
  if (y < 0 || y > 9999) {
    snprintf(buf, DSC_DATE_STRLEN, "0000-00-00");
    return buf;
  }
  snprintf(buf, DSC_DATE_STRLEN, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int dsc_date_weekday(dsc_date_t date) {
  /* 1970-01-01 was a Thursday (ISO 4). */
  int w = (int)((date % 7 + 7) % 7); /* 0 = Thursday */
  return (w + 3) % 7 + 1;
}

dsc_date_t dsc_date_today_shanghai(void) {
  time_t now = time(NULL);
  /* Integer division that rounds toward negative infinity. */
  long long secs = (long long)now + 8 * 3600;
  long long days = secs / 86400 - (secs % 86400 < 0);
  return (dsc_date_t)days;
}
