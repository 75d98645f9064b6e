/* A staff action's arguments and the action table's traits
 * (engine/core/act_args.c, actions.c). The table is checked against a
 * reference written here from the statute, action by action, and the rules
 * that read it — the argument check, the clock's replay, the recorded
 * payload — are checked to follow it. Out of memory: test_alloc.c. */
#include <cjson/cJSON.h>
#include <string.h>

#include "act_args.h"
#include "actions.h"
#include "dsc_test.h"

static dsc_date_t day(const char *s) {
  dsc_date_t d;
  DSC_ASSERT_EQ(dsc_date_parse(s, &d), DSC_OK);
  return d;
}

/* The field the check names for action with args, or "" when it passes. */
static const char *refused_field(dsc_action_t action,
                                 const dsc_action_args_t *args,
                                 dsc_detail_t *d) {
  dsc__act_args_t a;
  dsc_date_t today = day("2026-03-10");

  memset(d, 0, sizeof *d);
  DSC_ASSERT_EQ(dsc__act_args_copy(&a, action, args, today), DSC_OK);
  if (dsc__act_args_check(&a, today, today, d) == DSC_OK)
    d->field[0] = '\0';
  dsc__act_args_clear(&a);
  return d->field;
}

/* ---- the reference: the traits as the 条例 gives them ------------------- */

static bool is_one_of(dsc_action_t a, const dsc_action_t *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (list[i] == a)
      return true;
  return false;
}
#define ONE_OF(a, ...)                                                         \
  is_one_of(a, (const dsc_action_t[]){__VA_ARGS__},                            \
            sizeof((const dsc_action_t[]){__VA_ARGS__}) /                      \
                sizeof(dsc_action_t))

static unsigned reference_traits(dsc_action_t a) {
  unsigned t = 0;
  /* The engine's own (submission, the workers) and the appeals' are not
   * dsc_request_act's. */
  if (!ONE_OF(a, DSC_ACTION_SUBMIT, DSC_ACTION_LAPSE, DSC_ACTION_ESCALATE,
              DSC_ACTION_DEADLINE_MOVED, DSC_ACTION_APPEAL,
              DSC_ACTION_APPEAL_DECIDED, DSC_ACTION_LETTER, DSC_ACTION_DELIVER))
    t |= DSC__ACT_STAFF;
  /* Each start or end of a pause (Arts. 30, 32, 34, 35; 109号), a letter's
   * delivery, the Art. 33 extension and the Art. 35 period have limits of
   * their own; the secrecy determination (Art. 17) has none. */
  if (ONE_OF(a, DSC_ACTION_REQUEST_SUPPLEMENT, DSC_ACTION_SUPPLEMENT_RECEIVED,
             DSC_ACTION_CONSULT_THIRD_PARTY, DSC_ACTION_THIRD_PARTY_REPLIED,
             DSC_ACTION_CONSULT_AGENCY, DSC_ACTION_AGENCY_REPLIED,
             DSC_ACTION_FEE_NOTICE, DSC_ACTION_FEE_PAID, DSC_ACTION_EXTEND,
             DSC_ACTION_DELIVERED, DSC_ACTION_REFER_SECRECY,
             DSC_ACTION_REQUIRE_REASONS, DSC_ACTION_REASONS_RECEIVED,
             DSC_ACTION_LONGER_PERIOD))
    t |= DSC__ACT_CLOCK_CHECKED;
  /* The internal steps of the answer, and the record's bookkeeping, do not
   * touch the 20 working days (Art. 33). */
  if (ONE_OF(a, DSC_ACTION_ASSIGN, DSC_ACTION_DRAFT, DSC_ACTION_REVIEW,
             DSC_ACTION_PUBLISH, DSC_ACTION_ESCALATE, DSC_ACTION_DEADLINE_MOVED,
             DSC_ACTION_APPEAL, DSC_ACTION_APPEAL_DECIDED, DSC_ACTION_LETTER,
             DSC_ACTION_DELIVER))
    t |= DSC__ACT_CLOCK_IGNORES;
  /* The letters whose reply window runs from their delivery: the
   * consultations (Arts. 32, 34) and the fee notice (109号). */
  if (ONE_OF(a, DSC_ACTION_CONSULT_THIRD_PARTY, DSC_ACTION_CONSULT_AGENCY,
             DSC_ACTION_FEE_NOTICE))
    t |= DSC__ACT_TAKES_DELIVERED_ON;
  /* The applicant is told of an extension (Art. 33) and of a longer
   * period (Art. 35). */
  if (ONE_OF(a, DSC_ACTION_EXTEND, DSC_ACTION_LONGER_PERIOD))
    t |= DSC__ACT_TAKES_NOTIFIED_ON;
  /* A reply window (Arts. 30, 35) or a length (Arts. 33, 35) in days. */
  if (ONE_OF(a, DSC_ACTION_REQUEST_SUPPLEMENT, DSC_ACTION_REQUIRE_REASONS,
             DSC_ACTION_EXTEND, DSC_ACTION_LONGER_PERIOD))
    t |= DSC__ACT_RECORDS_DAYS;
  /* The windows the agency sets a default for (migrations/0019). */
  if (ONE_OF(a, DSC_ACTION_REQUEST_SUPPLEMENT, DSC_ACTION_REQUIRE_REASONS))
    t |= DSC__ACT_AGENCY_WINDOW;
  return t;
}

DSC_TEST(the_table_says_what_the_statute_says) {
  static const unsigned every[] = {DSC__ACT_STAFF,
                                   DSC__ACT_CLOCK_CHECKED,
                                   DSC__ACT_CLOCK_IGNORES,
                                   DSC__ACT_TAKES_DELIVERED_ON,
                                   DSC__ACT_TAKES_NOTIFIED_ON,
                                   DSC__ACT_RECORDS_DAYS,
                                   DSC__ACT_AGENCY_WINDOW};
  for (int i = 0; i < DSC_ACTION__COUNT; i++)
    for (size_t k = 0; k < sizeof every / sizeof every[0]; k++) {
      dsc_action_t a = (dsc_action_t)i;
      if (dsc__action_is(a, every[k]) !=
          ((reference_traits(a) & every[k]) != 0))
        DSC_FAIL_("%s: trait %#x is %d in the table", dsc_action_name(a),
                  every[k], (int)dsc__action_is(a, every[k]));
    }
}

DSC_TEST(every_action_has_a_row) {
  for (int a = 0; a < DSC_ACTION__COUNT; a++)
    DSC_ASSERT(dsc__action_is((dsc_action_t)a, 0));
  DSC_ASSERT(!dsc__action_is(DSC_ACTION__COUNT, 0));
  DSC_ASSERT(!dsc__action_is((dsc_action_t)-1, DSC__ACT_STAFF));
}

/* Only staff actions pass the check at all; the others are a misuse of
 * dsc_request_act, whatever their arguments. */
DSC_TEST(only_staff_actions_are_checked) {
  for (int i = 0; i < DSC_ACTION__COUNT; i++) {
    dsc_action_t a = (dsc_action_t)i;
    dsc_detail_t d;
    refused_field(a, NULL, &d);
    if (dsc__action_is(a, DSC__ACT_STAFF))
      DSC_ASSERT(d.code != DSC_MISUSE);
    else
      DSC_ASSERT_EQ(d.code, DSC_MISUSE);
  }
}

/* A delivery or notification date is refused, naming it, by exactly the
 * staff actions without the trait; any other refusal names another field. */
DSC_TEST(date_arguments_follow_the_traits) {
  for (int i = 0; i < DSC_ACTION__COUNT; i++) {
    dsc_action_t a = (dsc_action_t)i;
    dsc_detail_t d;
    dsc_action_args_t delivered = {.delivered_on = "2026-03-09"};
    dsc_action_args_t notified = {.notified_on = "2026-03-10"};
    if (!dsc__action_is(a, DSC__ACT_STAFF))
      continue;
    DSC_ASSERT_EQ(strcmp(refused_field(a, &delivered, &d), "delivered_on") == 0,
                  !dsc__action_is(a, DSC__ACT_TAKES_DELIVERED_ON));
    DSC_ASSERT_EQ(strcmp(refused_field(a, &notified, &d), "notified_on") == 0,
                  !dsc__action_is(a, DSC__ACT_TAKES_NOTIFIED_ON));
  }
}

/* The clock passes over exactly the actions the table says it ignores. */
DSC_TEST(the_clock_ignores_what_the_table_says) {
  for (int i = 0; i < DSC_ACTION__COUNT; i++) {
    dsc_action_t a = (dsc_action_t)i;
    DSC_ASSERT_EQ(dsc_clock_moves_with(a),
                  !dsc__action_is(a, DSC__ACT_CLOCK_IGNORES));
  }
}

/* The event records its days for exactly the actions with the trait; an
 * extension's notification date defaults to the day of the decision. */
DSC_TEST(the_payload_records_what_the_table_says) {
  for (int i = 0; i < DSC_ACTION__COUNT; i++) {
    dsc_action_t a = (dsc_action_t)i;
    dsc_action_args_t args = {.days = 7, .reason = "r"};
    dsc__act_args_t copy;
    char *text;
    cJSON *o, *days, *notified;
    DSC_ASSERT_EQ(dsc__act_args_copy(&copy, a, &args, day("2026-03-10")),
                  DSC_OK);
    text = dsc__act_args_payload(&copy, 0, NULL);
    DSC_ASSERT(text != NULL);
    o = cJSON_Parse(text);
    DSC_ASSERT(o != NULL);
    days = cJSON_GetObjectItemCaseSensitive(o, "days");
    notified = cJSON_GetObjectItemCaseSensitive(o, "notified_on");
    DSC_ASSERT_EQ(days != NULL, dsc__action_is(a, DSC__ACT_RECORDS_DAYS));
    if (days != NULL)
      DSC_ASSERT_EQ(days->valuedouble, 7);
    DSC_ASSERT_EQ(notified != NULL,
                  dsc__action_is(a, DSC__ACT_TAKES_NOTIFIED_ON));
    if (notified != NULL)
      DSC_ASSERT_STR_EQ(notified->valuestring, "2026-03-10");
    cJSON_Delete(o);
    cJSON_free(text);
    dsc__act_args_clear(&copy);
  }
}

/* The copy owns its strings and parses its dates; a date that is not one
 * is refused by the check, naming it, never silently dropped. */
DSC_TEST(the_copy_owns_and_parses) {
  char note[] = "please explain";
  dsc_action_args_t args = {.note = note, .delivered_on = "2026-02-30"};
  dsc__act_args_t a;
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc__act_args_copy(&a, DSC_ACTION_CONSULT_THIRD_PARTY, &args,
                                   day("2026-03-10")),
                DSC_OK);
  note[0] = 'X';
  DSC_ASSERT_STR_EQ(a.note, "please explain");
  DSC_ASSERT(a.bad_delivered_on);
  DSC_ASSERT_EQ(a.delivered_on, DSC_DATE_NONE);
  DSC_ASSERT_EQ(a.notified_on, DSC_DATE_NONE);
  DSC_ASSERT_EQ(
      dsc__act_args_check(&a, day("2026-03-10"), day("2026-03-10"), &d),
      DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "delivered_on");
  dsc__act_args_clear(&a);
  DSC_ASSERT(a.note == NULL);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(the_table_says_what_the_statute_says),
    DSC_TEST_ENTRY(every_action_has_a_row),
    DSC_TEST_ENTRY(only_staff_actions_are_checked),
    DSC_TEST_ENTRY(date_arguments_follow_the_traits),
    DSC_TEST_ENTRY(the_clock_ignores_what_the_table_says),
    DSC_TEST_ENTRY(the_payload_records_what_the_table_says),
    DSC_TEST_ENTRY(the_copy_owns_and_parses),
};

DSC_TEST_MAIN(cases)
