/* tests/fuzz/fuzz_api_body.c — libFuzzer driver for the API's action
 * bodies (web/api/act_body.c, api_action_args): the input is parsed as JSON
 * with cJSON and, when it is an object, mapped onto dsc_action_args_t.
 *
 * Whatever the bytes, nothing may crash or read out of bounds, and:
 *   - a refusal names a field and is DSC_INVALID;
 *   - an accepted body had only keys of the table, and every string the
 *     arguments point at is one of the body's own strings (no copy, no
 *     dangling pointer, nothing invented);
 *   - counts and ids are never negative; an outcome or fee method taken is
 *     one the parsers know.
 * Build: cmake -DDSC_FUZZ=ON -DCMAKE_C_COMPILER=clang (tests/fuzz/). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "api_int.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* True when s is the valuestring of one of o's members. */
static bool is_member_string(const cJSON *o, const char *s) {
  const cJSON *v;
  cJSON_ArrayForEach(v, o) {
    if (cJSON_IsString(v) && v->valuestring == s)
      return true;
  }
  return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cJSON *body = cJSON_ParseWithLength((const char *)data, size);
  dsc_action_args_t a;
  dsc_detail_t d;
  dsc_err_t err;
  const char *const *strings[] = {&a.to,
                                  &a.text,
                                  &a.law,
                                  &a.contact,
                                  &a.comment,
                                  &a.channel,
                                  &a.url,
                                  &a.reason,
                                  &a.note,
                                  &a.agency,
                                  &a.backdate_reason,
                                  &a.delivered_on,
                                  &a.notified_on,
                                  &a.authority,
                                  &a.late_reason};

  if (body == NULL || !cJSON_IsObject(body)) {
    cJSON_Delete(body);
    return 0;
  }
  dsc_detail_clear(&d);
  err = api_action_args(body, &a, &d);
  if (err != DSC_OK) {
    FUZZ_REQUIRE(err == DSC_INVALID);
    FUZZ_REQUIRE(d.field[0] != '\0');
  } else {
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
      FUZZ_REQUIRE(*strings[i] == NULL || is_member_string(body, *strings[i]));
    FUZZ_REQUIRE(a.days >= 0 && a.pages >= 0 && a.duplicate_of >= 0);
    FUZZ_REQUIRE(a.amount_fen >= 0);
    FUZZ_REQUIRE(dsc_outcome_code(a.outcome) != NULL);
    FUZZ_REQUIRE(a.fee_method == DSC_FEE_CHEAPER ||
                 a.fee_method == DSC_FEE_BY_COUNT ||
                 a.fee_method == DSC_FEE_BY_VOLUME);
  }
  cJSON_Delete(body);
  return 0;
}
