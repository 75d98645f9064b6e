/* The allocator hook: every allocation of the library, cJSON's included,
 * goes through dsc_set_allocator's table, and every allocation failure is
 * reported as DSC_NOMEM with nothing leaked (ASan's leak checker runs at the
 * end of each test process) and nothing left half-built.
 *
 * The test allocator wraps libc with a header that tags each block, so a
 * block freed through the hook that libc allocated directly (or one the
 * hook allocated that libc frees) is caught: ASan reports the bad free or
 * the header check fails. It can fail the k-th allocation, once ("one
 * shot": later allocations succeed again) or from then on
 * ("persistent"), as SQLite's test_malloc.c does. */
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

/* ---- the test allocator ------------------------------------------------ */

#define TAG_LIVE 0x4453434cu /* "DSCL" */
#define TAG_DEAD 0x44454144u /* "DEAD" */

/* Before every block; the union keeps the block after it aligned for any
 * type. */
typedef union header {
  max_align_t align;
  struct {
    uint32_t tag;
    size_t size;
  } h;
} header_t;

typedef struct counter {
  long live;         /* blocks allocated and not yet freed */
  long calls;        /* successful malloc and realloc calls */
  long attempts;     /* malloc and realloc calls, failed ones included */
  long fail_at;      /* the attempt that fails (1-based); 0: none */
  bool persistent;   /* fail every attempt from fail_at on */
  long failed;       /* attempts failed on purpose */
  long bad_frees;    /* frees of blocks this allocator did not make */
  size_t zero_sizes; /* requests for 0 bytes (the contract says none) */
} counter_t;

static bool should_fail(counter_t *c) {
  c->attempts++;
  if (c->fail_at > 0 && (c->attempts == c->fail_at ||
                         (c->persistent && c->attempts > c->fail_at))) {
    c->failed++;
    return true;
  }
  return false;
}

static void *t_malloc(size_t size, void *ud) {
  counter_t *c = ud;
  header_t *h;
  if (size == 0)
    c->zero_sizes++;
  if (should_fail(c))
    return NULL;
  h = malloc(sizeof *h + size);
  if (h == NULL)
    return NULL;
  h->h.tag = TAG_LIVE;
  h->h.size = size;
  c->live++;
  c->calls++;
  return h + 1;
}

/* The header of a block this allocator made, or NULL (and counted). */
static header_t *header_of(counter_t *c, void *ptr) {
  header_t *h = (header_t *)ptr - 1;
  if (h->h.tag != TAG_LIVE) {
    c->bad_frees++;
    return NULL;
  }
  return h;
}

static void *t_realloc(void *ptr, size_t size, void *ud) {
  counter_t *c = ud;
  header_t *h, *n;
  if (ptr == NULL || size == 0)
    c->zero_sizes++; /* neither may happen: counted as a contract breach */
  if (ptr == NULL)
    return t_malloc(size, ud);
  if ((h = header_of(c, ptr)) == NULL)
    return NULL;
  if (should_fail(c))
    return NULL;
  n = realloc(h, sizeof *n + size);
  if (n == NULL)
    return NULL;
  n->h.size = size;
  c->calls++;
  return n + 1;
}

static void t_free(void *ptr, void *ud) {
  counter_t *c = ud;
  header_t *h;
  if (ptr == NULL) {
    c->zero_sizes++; /* the contract says the library never frees NULL */
    return;
  }
  if ((h = header_of(c, ptr)) == NULL)
    return;
  h->h.tag = TAG_DEAD;
  c->live--;
  free(h);
}

/* Installs a test allocator counting into c, failing as c says. */
static void install(counter_t *c) {
  dsc_allocator_t a = {t_malloc, t_realloc, t_free, c};
  DSC_ASSERT_EQ(dsc_set_allocator(&a), DSC_OK);
}

/* Restores libc and checks the allocator was used by the book. */
static void uninstall(const counter_t *c) {
  DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
  DSC_ASSERT_EQ(c->bad_frees, 0);
  DSC_ASSERT_EQ(c->zero_sizes, 0);
}

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

/* One run of an operation under the test allocator: DSC_OK with the
 * result released, or the error it returned. */
typedef dsc_err_t (*op_fn)(dsc_detail_t *detail);

static dsc_err_t op_intake(dsc_detail_t *detail) {
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

static dsc_err_t op_parse_csv(dsc_detail_t *detail) {
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

static dsc_err_t op_calendar_create(dsc_detail_t *detail) {
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
static dsc_err_t op_act_args(dsc_detail_t *detail) {
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
static dsc_err_t op_shipped_calendar(dsc_detail_t *detail) {
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

/* Runs op once under a counting allocator: it must succeed, allocate
 * through the hook, and give every block back. Returns the number of
 * allocations it made. */
static long count_op(const char *what, op_fn op) {
  counter_t c = {0};
  dsc_detail_t d;
  dsc_err_t err;

  install(&c);
  err = op(&d);
  uninstall(&c);
  if (err != DSC_OK)
    DSC_FAIL_("%s: %s", what, dsc_err_name(err));
  if (c.calls == 0)
    DSC_FAIL_("%s allocated nothing through the hook", what);
  if (c.live != 0)
    DSC_FAIL_("%s: %ld blocks still live after release", what, c.live);
  return c.calls;
}

DSC_TEST(counting_covers_intake) { (void)count_op("intake", op_intake); }

DSC_TEST(counting_covers_calendar) {
  (void)count_op("dsc_calendar_parse_csv", op_parse_csv);
  (void)count_op("dsc_calendar_create", op_calendar_create);
  (void)count_op("the shipped calendar", op_shipped_calendar);
}

/* A calendar lives between create and destroy: blocks are live while it
 * exists, none after. */
DSC_TEST(counting_calendar_lifetime) {
  counter_t c = {0};
  dsc_calendar_t *cal = NULL;

  install(&c);
  DSC_ASSERT_EQ(dsc_calendar_create(2019, 2026, NULL, 0, &cal, NULL), DSC_OK);
  DSC_ASSERT(c.live > 0);
  dsc_calendar_destroy(cal);
  DSC_ASSERT_EQ(c.live, 0);
  uninstall(&c);
}

/* cJSON itself allocates through the hook (cJSON_InitHooks), and stops
 * doing so once libc is restored. */
DSC_TEST(counting_covers_cjson) {
  counter_t c = {0};
  cJSON *o;
  char *text;
  long calls;

  install(&c);
  o = cJSON_Parse("{\"a\": [1, 2, \"three\"]}");
  DSC_ASSERT(o != NULL);
  DSC_ASSERT(c.live >= 5); /* the object, the array, three items */
  text = cJSON_PrintUnformatted(o);
  DSC_ASSERT_STR_EQ(text, "{\"a\":[1,2,\"three\"]}");
  cJSON_free(text);
  cJSON_Delete(o);
  DSC_ASSERT_EQ(c.live, 0);
  uninstall(&c);

  calls = c.calls;
  o = cJSON_CreateObject();
  DSC_ASSERT(o != NULL);
  cJSON_Delete(o);
  DSC_ASSERT_EQ(c.calls, calls);
}

/* A table missing a function is refused and the previous allocator stays
 * in place. */
DSC_TEST(set_allocator_refuses_incomplete_table) {
  counter_t c = {0};
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

/* Fails the k-th allocation of op for k = 1, 2, ... until op no longer
 * reaches the failure. Each failed run must return DSC_NOMEM with the
 * detail saying so and free everything it took; a run whose failure was
 * not reached must succeed. A failure is never swallowed: a run that
 * returned DSC_OK although an allocation failed could have lost a field.
 * With persistent failures every later allocation fails too, as when the
 * heap is really exhausted. */
static void fail_each(const char *what, op_fn op, bool persistent) {
  long needed = count_op(what, op), k;

  for (k = 1;; k++) {
    counter_t c = {.fail_at = k, .persistent = persistent};
    dsc_detail_t d;
    dsc_err_t err;

    install(&c);
    err = op(&d);
    uninstall(&c);
    if (c.live != 0)
      DSC_FAIL_("%s, allocation %ld failing: %ld blocks leaked (%s)", what, k,
                c.live, dsc_err_name(err));
    if (c.failed == 0) {
      if (err != DSC_OK)
        DSC_FAIL_("%s: %s with no allocation failing", what, dsc_err_name(err));
      break;
    }
    if (err != DSC_NOMEM) {
      char buf[600];
      DSC_FAIL_("%s, allocation %ld of %ld failing%s: %s (%s), not no_memory",
                what, k, needed, persistent ? " and all after" : "",
                dsc_err_name(err),
                dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
    }
    DSC_ASSERT_EQ(d.code, DSC_NOMEM);
  }
  /* The loop ends at the first k past the last allocation. */
  DSC_ASSERT_EQ(k, needed + 1);
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
