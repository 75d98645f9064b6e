/* The allocator hook: every allocation of the library, cJSON's included,
 * goes through dsc_set_allocator's table, and every allocation failure is
 * reported as DSC_NOMEM with nothing leaked (ASan's leak checker runs at the
 * end of each test process) and nothing left half-built.
 *
 * The test allocator (dsc_test_alloc.h, which the other unit tests use too)
 * wraps libc with a header that tags each block, so a block freed through
 * the hook that libc allocated directly (or one the hook allocated that
 * libc frees) is caught: ASan reports the bad free or the header check
 * fails. It can fail the k-th allocation, once ("one shot": later
 * allocations succeed again) or from then on ("persistent"), as SQLite's
 * test_malloc.c does. */
#include "disclose/alloc.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act_args.h"
#include "cn_workdays_fixture.h"
#include "disclose/calendar.h"
#include "disclose/date.h"
#include "disclose/intake.h"
#include "dsc_test.h"
#include "dsc_test_alloc.h"

/* ---- inputs ------------------------------------------------------------ */

/* A submission with every field, so that every string is copied. */
static const char full_json[] =
    "{\"agency\": \"default\", \"channel\": \"online\","
    " \"received_on\": \"2023-03-01\","
    " \"applicant\": {\"type\": \"natural_person\", \"name\": \"张三\","
    " \"id_number\": \"11010519491231002x\", \"phone\": \"+86 10 6512 3456\","
    " \"email\": \"zhangsan@example.cn\", \"address\": \"北京市东城区\"},"
    " \"description\": \"2022 年度财政预算\", \"form\": \"electronic\","
    " \"idempotency_key\": \"web-1\"}";

/* A short holiday file: the 2024 arrangement's first rows. */
static const char small_csv[] = "date,kind,name\n"
                                "2024-01-01,holiday,元旦\n"
                                "2024-02-04,workday,春节\n"
                                "2024-02-12,holiday,春节\n"
                                "2024-02-13,holiday,春节\n"
                                "2024-02-18,workday,春节\n";

static dsc_err_t op_intake(void *arg, dsc_detail_t *detail) {
  (void)arg;
  dsc_intake_t *in = NULL;
  dsc_err_t err = dsc_intake_parse(full_json, strlen(full_json), &in, detail);
  if (err == DSC_OK) {
    DSC_ASSERT(in != NULL);
    DSC_ASSERT_STR_EQ(in->applicant_name, "张三");
    DSC_ASSERT_STR_EQ(in->id_number, "11010519491231002X");
    DSC_ASSERT_STR_EQ(in->idempotency_key, "web-1");
  } else {
    DSC_ASSERT(in == NULL);
  }
  dsc_intake_destroy(in);
  return err;
}

static dsc_err_t op_parse_csv(void *arg, dsc_detail_t *detail) {
  (void)arg;
  dsc_calendar_exception_t *rows = (dsc_calendar_exception_t *)1;
  char **names = (char **)1;
  size_t n = 99;
  dsc_err_t err = dsc_calendar_parse_csv(small_csv, strlen(small_csv), &rows,
                                         &names, &n, detail);
  if (err == DSC_OK) {
    DSC_ASSERT_EQ(n, 5);
    DSC_ASSERT_STR_EQ(names[4], "春节");
    DSC_ASSERT_EQ(rows[4].kind, DSC_DAY_WORKDAY);
  } else {
    /* All or nothing: the outputs are cleared on failure. */
    DSC_ASSERT(rows == NULL);
    DSC_ASSERT(names == NULL);
    DSC_ASSERT_EQ(n, 0);
  }
  dsc_calendar_rows_free(rows, names, n);
  return err;
}

static dsc_err_t op_calendar_create(void *arg, dsc_detail_t *detail) {
  (void)arg;
  const dsc_calendar_exception_t rows[] = {
      {dsc_date_from_ymd(2024, 1, 1), DSC_DAY_HOLIDAY}, /* a Monday */
      {dsc_date_from_ymd(2024, 2, 4), DSC_DAY_WORKDAY}, /* a Sunday */
  };
  dsc_calendar_t *cal = NULL;
  dsc_date_t due;
  dsc_err_t err = dsc_calendar_create(2023, 2025, rows, 2, &cal, detail);

  if (err == DSC_OK) {
    DSC_ASSERT(cal != NULL);
    /* 2023-12-29 (Fri) + 1 working day skips the New Year holiday. */
    DSC_ASSERT_EQ(dsc_calendar_add_workdays(
                      cal, dsc_date_from_ymd(2023, 12, 29), 1, &due, NULL),
                  DSC_OK);
    DSC_ASSERT_EQ(due, dsc_date_from_ymd(2024, 1, 2));
    dsc_calendar_destroy(cal);
  }
  return err;
}

/* A staff action's arguments copied and recorded (core/act_args.c): every
 * string owned, and the payload built through cJSON. */
static dsc_err_t op_act_args(void *arg, dsc_detail_t *detail) {
  (void)arg;
  const dsc_action_args_t args = {.to = "li",
                                  .text = "t",
                                  .comment = "c",
                                  .channel = "post",
                                  .url = "u",
                                  .reason = "r",
                                  .note = "n",
                                  .agency = "a",
                                  .backdate_reason = "b",
                                  .authority = "au",
                                  .late_reason = "l",
                                  .days = 5,
                                  .notified_on = "2026-03-10"};
  dsc__act_args_t a;
  dsc_err_t err = dsc__act_args_copy(&a, DSC_ACTION_EXTEND, &args,
                                     dsc_date_from_ymd(2026, 3, 10));
  char *payload = NULL;

  if (err == DSC_OK && (payload = dsc__act_args_payload(&a, 0, NULL)) == NULL)
    err = DSC_NOMEM;
  cJSON_free(payload);
  dsc__act_args_clear(&a);
  if (err == DSC_NOMEM)
    dsc_detail_set(detail, DSC_NOMEM, "", "out of memory", "内存不足");
  return err;
}

/* Loads the shipped 2019–2026 calendar from its CSV, then frees it all. */
static dsc_err_t op_shipped_calendar(void *arg, dsc_detail_t *detail) {
  (void)arg;
  dsc_calendar_exception_t *rows = NULL;
  size_t n = 0;
  dsc_calendar_t *cal = NULL;
  dsc_err_t err =
      dsc_calendar_parse_csv(DSC_CN_WORKDAYS_CSV, strlen(DSC_CN_WORKDAYS_CSV),
                             &rows, NULL, &n, detail);
  if (err == DSC_OK)
    err = dsc_calendar_create(2019, 2026, rows, n, &cal, detail);
  dsc_calendar_destroy(cal);
  dsc_calendar_rows_free(rows, NULL, n);
  return err;
}

/* ---- counting: everything goes through the hook ------------------------ */

DSC_TEST(counting_covers_intake) {
  (void)dsc_test_count_op("intake", op_intake, NULL);
}

DSC_TEST(counting_covers_calendar) {
  (void)dsc_test_count_op("dsc_calendar_parse_csv", op_parse_csv, NULL);
  (void)dsc_test_count_op("dsc_calendar_create", op_calendar_create, NULL);
  (void)dsc_test_count_op("the shipped calendar", op_shipped_calendar, NULL);
}

/* A calendar lives between create and destroy: blocks are live while it
 * exists, none after. */
DSC_TEST(counting_calendar_lifetime) {
  dsc_test_counter_t c = {0};
  dsc_calendar_t *cal = NULL;

  dsc_test_alloc_install(&c);
  DSC_ASSERT_EQ(dsc_calendar_create(2019, 2026, NULL, 0, &cal, NULL), DSC_OK);
  DSC_ASSERT(c.live > 0);
  dsc_calendar_destroy(cal);
  DSC_ASSERT_EQ(c.live, 0);
  dsc_test_alloc_uninstall(&c);
}

/* cJSON itself allocates through the hook (cJSON_InitHooks), and stops
 * doing so once libc is restored. */
DSC_TEST(counting_covers_cjson) {
  dsc_test_counter_t c = {0};
  cJSON *o;
  char *text;
  long calls;

  dsc_test_alloc_install(&c);
  o = cJSON_Parse("{\"a\": [1, 2, \"three\"]}");
  DSC_ASSERT(o != NULL);
  DSC_ASSERT(c.live >= 5); /* the object, the array, three items */
  text = cJSON_PrintUnformatted(o);
  DSC_ASSERT_STR_EQ(text, "{\"a\":[1,2,\"three\"]}");
  cJSON_free(text);
  cJSON_Delete(o);
  DSC_ASSERT_EQ(c.live, 0);
  dsc_test_alloc_uninstall(&c);

  calls = c.calls;
  o = cJSON_CreateObject();
  DSC_ASSERT(o != NULL);
  cJSON_Delete(o);
  DSC_ASSERT_EQ(c.calls, calls);
}

/* A table missing a function is refused and the previous allocator stays
 * in place. */
DSC_TEST(set_allocator_refuses_incomplete_table) {
  dsc_test_counter_t c = {0};
  dsc_allocator_t no_free = {t_malloc, t_realloc, NULL, &c};
  dsc_allocator_t no_malloc = {NULL, t_realloc, t_free, &c};
  dsc_allocator_t no_realloc = {t_malloc, NULL, t_free, &c};
  dsc_calendar_t *cal = NULL;

  DSC_ASSERT_EQ(dsc_set_allocator(&no_free), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_set_allocator(&no_malloc), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_set_allocator(&no_realloc), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_calendar_create(2024, 2024, NULL, 0, &cal, NULL), DSC_OK);
  DSC_ASSERT_EQ(c.attempts, 0); /* still libc */
  dsc_calendar_destroy(cal);
  DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
}

/* ---- failing: every allocation failure is DSC_NOMEM, cleanly ----------- */

static void fail_each(const char *what, dsc_test_op_fn op, bool persistent) {
  dsc_test_fail_each(what, op, NULL, persistent);
}

DSC_TEST(failing_intake_once) { fail_each("intake", op_intake, false); }

DSC_TEST(failing_intake_persistent) { fail_each("intake", op_intake, true); }

DSC_TEST(failing_calendar_parse_csv) {
  fail_each("dsc_calendar_parse_csv", op_parse_csv, false);
  fail_each("dsc_calendar_parse_csv", op_parse_csv, true);
}

DSC_TEST(failing_calendar_create) {
  fail_each("dsc_calendar_create", op_calendar_create, false);
  fail_each("dsc_calendar_create", op_calendar_create, true);
}

DSC_TEST(failing_act_args) {
  fail_each("dsc__act_args_copy", op_act_args, false);
  fail_each("dsc__act_args_copy", op_act_args, true);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(counting_covers_intake),
    DSC_TEST_ENTRY(counting_covers_calendar),
    DSC_TEST_ENTRY(counting_calendar_lifetime),
    DSC_TEST_ENTRY(counting_covers_cjson),
    DSC_TEST_ENTRY(set_allocator_refuses_incomplete_table),
    DSC_TEST_ENTRY(failing_intake_once),
    DSC_TEST_ENTRY(failing_intake_persistent),
    DSC_TEST_ENTRY(failing_calendar_parse_csv),
    DSC_TEST_ENTRY(failing_calendar_create),
    DSC_TEST_ENTRY(failing_act_args),
};
DSC_TEST_MAIN(cases)
