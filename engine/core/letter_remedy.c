/* Letters: the last days of the remedies against a delivered answer
 * (letter.h, dsc_letter_remedy_dates; docs/letters.md). */
#include <stddef.h>

#include "disclose/letter.h"

/* A period that ends on a day off ends on the next working day. */
static dsc_err_t next_workday(const dsc_calendar_t *cal, dsc_date_t d,
                              dsc_date_t *out, dsc_detail_t *detail) {
  if (dsc_calendar_is_workday(cal, d)) {
    /* is_workday says false outside the calendar: add_workdays(d, 0)
     * checks that the calendar holds d. */
    return dsc_calendar_add_workdays(cal, d, 0, out, detail);
  }
  return dsc_calendar_add_workdays(cal, d, 1, out, detail);
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

dsc_err_t
dsc_letter_remedy_dates(const dsc_calendar_t *cal, dsc_outcome_t outcome,
                        dsc_date_t delivered_on, dsc_date_t *reconsideration_by,
                        dsc_date_t *litigation_by, dsc_detail_t *detail) {
  int y, m, d;
  dsc_date_t recon, lit = DSC_DATE_NONE;
  dsc_err_t err;

  if (cal == NULL || reconsideration_by == NULL || litigation_by == NULL ||
      delivered_on == DSC_DATE_NONE)
    return dsc_detail_set(detail, DSC_MISUSE, "delivered_on",
                          "a calendar, a delivery date and outputs are needed",
                          "需要日历、送达日期和输出");
  dsc_date_to_ymd(delivered_on, &y, &m, &d);
  if (y < 1 || y > 9990)
    return dsc_detail_set(detail, DSC_MISUSE, "delivered_on",
                          "not a date of 0001–9990", "不是有效日期");
  if ((err = next_workday(cal, delivered_on + 60, &recon, detail)) != DSC_OK)
    return err;
  if (!dsc_letter_refuses_disclosure(outcome)) {
    m += 6;
    if (m > 12) {
      m -= 12;
      y++;
    }
    if (d > days_in_month(y, m))
      d = days_in_month(y, m);
    if ((err = next_workday(cal, dsc_date_from_ymd(y, m, d), &lit, detail)) !=
        DSC_OK)
      return err;
  }
  *reconsideration_by = recon;
  *litigation_by = lit;
  return DSC_OK;
}
