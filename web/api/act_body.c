/* An action's JSON body onto dsc_action_args_t (api_int.h). One table, so
 * that every key the API takes has one meaning; which keys an action needs
 * and accepts is the engine's rule (act_args.c), checked there for the CLI
 * and the API alike. The keys are the CLI's options with '_' for '-'. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "api_int.h"

typedef enum { TEXT, FLAG, COUNT, AMOUNT, OUTCOME, METHOD, ID, SKIP } kind_t;

typedef struct key {
  const char *name;
  kind_t kind;
  size_t offset; /* into dsc_action_args_t */
} key_t_;

#define AT(field) offsetof(dsc_action_args_t, field)

static const key_t_ keys[] = {
    {"on", SKIP, 0}, /* the context's (api_ctx) */
    {"to", TEXT, AT(to)},
    {"outcome", OUTCOME, AT(outcome)},
    {"text", TEXT, AT(text)},
    {"law", TEXT, AT(law)},
    {"refer_to", TEXT, AT(agency)},
    {"refer_contact", TEXT, AT(contact)},
    {"approve", FLAG, AT(approve)},
    {"comment", TEXT, AT(comment)},
    {"channel", TEXT, AT(channel)},
    {"url", TEXT, AT(url)},
    {"reason", TEXT, AT(reason)},
    {"note", TEXT, AT(note)},
    {"agency", TEXT, AT(agency)},
    {"reply_within", COUNT, AT(days)},
    {"days", COUNT, AT(days)},
    {"amount", AMOUNT, AT(amount_fen)},
    {"pages", COUNT, AT(pages)},
    {"method", METHOD, AT(fee_method)},
    {"backdate_reason", TEXT, AT(backdate_reason)},
    {"delivered_on", TEXT, AT(delivered_on)},
    {"notified_on", TEXT, AT(notified_on)},
    {"authority", TEXT, AT(authority)},
    {"late_reason", TEXT, AT(late_reason)},
    {"duplicate_of", ID, AT(duplicate_of)},
};

static dsc_err_t wrong(dsc_detail_t *d, const char *key, const char *want_en,
                       const char *want_zh) {
  /* One argument list for both formats: each skips the other's word. */
  return dsc_detail_setf(d, DSC_INVALID, key, "must be %s%.0s", "须为%.0s%s",
                         want_en, want_zh);
}

/* A whole number in [0, max] from a JSON number. */
static bool whole(const cJSON *v, double max, double *out) {
  if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > max ||
      v->valuedouble != (double)(long long)v->valuedouble)
    return false;
  *out = v->valuedouble;
  return true;
}

static dsc_err_t take(const key_t_ *k, const cJSON *v, dsc_action_args_t *a,
                      dsc_detail_t *d) {
  char *at = (char *)a + k->offset;
  double n;
  char buf[32];

  switch (k->kind) {
  case SKIP:
    return DSC_OK;
  case TEXT:
    if (!cJSON_IsString(v))
      return wrong(d, k->name, "a string", "字符串");
    *(const char **)(void *)at = v->valuestring;
    return DSC_OK;
  case FLAG:
    if (!cJSON_IsBool(v))
      return wrong(d, k->name, "true or false", "true 或 false");
    *(bool *)(void *)at = cJSON_IsTrue(v);
    return DSC_OK;
  case COUNT:
    if (!whole(v, 100000, &n))
      return wrong(d, k->name, "a whole number", "整数");
    *(int *)(void *)at = (int)n;
    return DSC_OK;
  case ID:
    if (!whole(v, 9007199254740991.0, &n) || n == 0)
      return wrong(d, k->name, "a request id", "申请编号");
    *(int64_t *)(void *)at = (int64_t)n;
    return DSC_OK;
  case AMOUNT: /* 元, as the CLI's --amount: "12.50" (a number is read as
                  its shortest decimal text) */
    if (cJSON_IsNumber(v))
      snprintf(buf, sizeof buf, "%.2f", v->valuedouble);
    else if (!cJSON_IsString(v) || strlen(v->valuestring) >= sizeof buf)
      return wrong(d, k->name, "an amount in yuan (\"12.50\")",
                   "以元计的金额（\"12.50\"）");
    else
      snprintf(buf, sizeof buf, "%s", v->valuestring);
    return dsc_fee_amount_parse(buf, (int64_t *)(void *)at, d);
  case OUTCOME:
    if (!cJSON_IsString(v) ||
        dsc_outcome_parse(v->valuestring, (dsc_outcome_t *)(void *)at) !=
            DSC_OK)
      return wrong(d, k->name, "an outcome code (CONTRACT §6)", "办理结果代码");
    return DSC_OK;
  case METHOD:
    if (!cJSON_IsString(v) ||
        dsc_fee_method_parse(v->valuestring, (dsc_fee_method_t *)(void *)at,
                             NULL) != DSC_OK)
      return wrong(d, k->name, "count or volume", "count 或 volume");
    return DSC_OK;
  }
  return DSC_INTERNAL;
}

dsc_err_t api_action_args(const cJSON *body, dsc_action_args_t *a,
                          dsc_detail_t *d) {
  const cJSON *v;
  memset(a, 0, sizeof *a);
  a->fee_method = DSC_FEE_CHEAPER;
  cJSON_ArrayForEach(v, body) {
    const key_t_ *k = NULL;
    dsc_err_t err;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
      if (strcmp(keys[i].name, v->string) == 0)
        k = &keys[i];
    if (k == NULL)
      return dsc_detail_setf(d, DSC_INVALID, "body", "unknown key \"%.40s\"",
                             "未知字段“%.40s”", v->string);
    if (strcmp(k->name, "refer_to") == 0 &&
        cJSON_GetObjectItemCaseSensitive(body, "agency"))
      return dsc_detail_set(d, DSC_INVALID, "refer_to",
                            "give refer_to or agency, not both",
                            "refer_to 与 agency 只能给一个");
    if ((err = take(k, v, a, d)) != DSC_OK)
      return err;
  }
  return DSC_OK;
}
