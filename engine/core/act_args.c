/* A staff action's arguments: copied, checked before anything is read,
 * and recorded as the event's payload (act_args.h). */
#include "act_args.h"

#include <string.h>

#include "actions.h"
#include "alloc.h"
#include "disclose/intake.h"
#include "json_put.h"
#include "names.h"
#include "utf8.h"
#include <cjson/cJSON.h>

static bool dup_opt(char **dst, const char *src) {
  if (src == NULL)
    return true;
  *dst = dsc__strdup(src);
  return *dst != NULL;
}

dsc_err_t dsc__act_args_copy(dsc__act_args_t *out, dsc_action_t action,
                             const dsc_action_args_t *args, dsc_date_t on) {
  static const dsc_action_args_t none = {0};
  dsc__act_args_t *a = out;

  if (args == NULL)
    args = &none;
  memset(a, 0, sizeof *a);
  a->action = action;
  a->params.approve = args->approve;
  a->params.outcome = args->outcome;
  a->params.late = args->late_reason != NULL;
  a->days = args->days;
  a->amount_fen = args->amount_fen;
  a->pages = args->pages;
  a->fee_method = args->fee_method;
  a->duplicate_of = args->duplicate_of;
  a->delivered_on = a->notified_on = DSC_DATE_NONE;
  a->bad_delivered_on =
      args->delivered_on &&
      dsc_date_parse(args->delivered_on, &a->delivered_on) != DSC_OK;
  a->bad_notified_on =
      args->notified_on &&
      dsc_date_parse(args->notified_on, &a->notified_on) != DSC_OK;
  /* The extension notice goes out with the decision unless said otherwise. */
  if (dsc__action_is(action, DSC__ACT_TAKES_NOTIFIED_ON) &&
      args->notified_on == NULL)
    a->notified_on = on;
  if (!dup_opt(&a->to, args->to) || !dup_opt(&a->text, args->text) ||
      !dup_opt(&a->comment, args->comment) ||
      !dup_opt(&a->channel, args->channel) || !dup_opt(&a->url, args->url) ||
      !dup_opt(&a->reason, args->reason) || !dup_opt(&a->note, args->note) ||
      !dup_opt(&a->agency, args->agency) ||
      !dup_opt(&a->backdate_reason, args->backdate_reason) ||
      !dup_opt(&a->authority, args->authority) ||
      !dup_opt(&a->late_reason, args->late_reason) ||
      !dup_opt(&a->law, args->law) || !dup_opt(&a->contact, args->contact)) {
    dsc__act_args_clear(a);
    return DSC_NOMEM;
  }
  return DSC_OK;
}

void dsc__act_args_clear(dsc__act_args_t *a) {
  dsc__free(a->to);
  dsc__free(a->text);
  dsc__free(a->comment);
  dsc__free(a->channel);
  dsc__free(a->url);
  dsc__free(a->reason);
  dsc__free(a->note);
  dsc__free(a->agency);
  dsc__free(a->backdate_reason);
  dsc__free(a->authority);
  dsc__free(a->late_reason);
  dsc__free(a->law);
  dsc__free(a->contact);
  memset(a, 0, sizeof *a);
}

/* Free text: valid UTF-8, not blank, at most max code points. */
static bool is_text(const char *s, size_t max) {
  size_t n = s ? strlen(s) : 0;
  bool blank = true;
  if (n == 0 || !dsc__utf8_valid(s, n) || dsc__utf8_length(s, n) > max)
    return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      blank = false;
  return !blank;
}

/* An http(s) URL without spaces or control bytes. NULL (a publish without
 * one, through the library) is not one. */
static bool is_url(const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (s == NULL || n > 2000 ||
      !(strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0))
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
      return false;
  return dsc__utf8_valid(s, n) && n > 8;
}

static dsc_err_t bad_line(dsc_detail_t *d, const char *field, int max) {
  return dsc_detail_setf(d, DSC_INVALID, field,
                         "must be one line of UTF-8 text of at most %d "
                         "characters",
                         "必须是不超过%d字的单行有效UTF-8文本", max);
}

/* The channels of intake's table, and e-mail, by which an answer and the
 * information may also go out (Art. 40: in the form the applicant asked
 * for). */
static bool is_channel(const char *s) {
  return strcmp(s, "email") == 0 ||
         dsc_channel_parse(s, &(dsc_channel_t){0}) == DSC_OK;
}

static dsc_err_t bad_channel(dsc_detail_t *d) {
  return dsc_detail_set(d, DSC_INVALID, "channel",
                        "must be one of in_person, post, online, fax, email",
                        "必须是 in_person、post、online、fax、email 之一");
}

static dsc_err_t bad_text(dsc_detail_t *d, const char *field, bool required) {
  return dsc_detail_set(
      d, DSC_INVALID, field,
      required ? "is required: non-blank UTF-8 text of at most 2000 characters"
               : "must be non-blank UTF-8 text of at most 2000 characters",
      required ? "必须填写：不超过2000字的有效UTF-8文本"
               : "必须是不超过2000字的有效UTF-8文本");
}

/* A date argument: a date, for the actions that take it, not after today. */
static dsc_err_t check_date_arg(const dsc__act_args_t *a, dsc_date_t today,
                                const char *field, dsc_date_t v, bool bad,
                                unsigned trait, dsc_detail_t *d) {
  char x[DSC_DATE_STRLEN], y[DSC_DATE_STRLEN];
  if (!bad && v == DSC_DATE_NONE)
    return DSC_OK;
  if (!dsc__action_is(a->action, trait))
    return dsc_detail_setf(d, DSC_INVALID, field, "%s does not take %s",
                           "%s 不接受 %s", dsc_action_name(a->action), field);
  if (bad)
    return dsc_detail_set(d, DSC_INVALID, field, "must be a date YYYY-MM-DD",
                          "必须是 YYYY-MM-DD 格式的日期");
  if (v > today)
    return dsc_detail_setf(d, DSC_INVALID, field, "%s is after today (%s)",
                           "%s 晚于今天（%s）", dsc_date_format(v, x),
                           dsc_date_format(today, y));
  return DSC_OK;
}

/* Arguments each action needs, checked before anything is read. */
dsc_err_t dsc__act_args_check(const dsc__act_args_t *a, dsc_date_t today,
                              dsc_date_t on, dsc_detail_t *d) {
  dsc_err_t err;
  char x[DSC_DATE_STRLEN], y[DSC_DATE_STRLEN];

  if (!dsc__action_is(a->action, DSC__ACT_STAFF))
    return dsc_detail_set(d, DSC_MISUSE, "action",
                          "not a staff action of dsc_request_act",
                          "不是 dsc_request_act 支持的操作");
  if (a->backdate_reason && !is_text(a->backdate_reason, 2000))
    return bad_text(d, "backdate_reason", false);
  if ((err = check_date_arg(a, today, "delivered_on", a->delivered_on,
                            a->bad_delivered_on, DSC__ACT_TAKES_DELIVERED_ON,
                            d)) != DSC_OK ||
      (err = check_date_arg(a, today, "notified_on", a->notified_on,
                            a->bad_notified_on, DSC__ACT_TAKES_NOTIFIED_ON,
                            d)) != DSC_OK)
    return err;
  /* Art. 33 (Art. 35): the applicant is told of an extension (a longer
   * period), not before it. */
  if (a->notified_on != DSC_DATE_NONE && a->notified_on < on)
    return dsc_detail_setf(
        d, DSC_INVALID, "notified_on", "%s is before the extension (%s)",
        "%s 早于延期决定（%s）", dsc_date_format(a->notified_on, x),
        dsc_date_format(on, y));
  if (a->late_reason && (a->action != DSC_ACTION_SUPPLEMENT_RECEIVED ||
                         !is_text(a->late_reason, 2000)))
    return a->action != DSC_ACTION_SUPPLEMENT_RECEIVED
               ? dsc_detail_setf(d, DSC_INVALID, "late_reason",
                                 "%s does not take late_reason",
                                 "%s 不接受 late_reason",
                                 dsc_action_name(a->action))
               : bad_text(d, "late_reason", false);
  /* Only the outcome of Art. 36(六) names an earlier request. */
  if (a->duplicate_of < 0)
    return dsc_detail_set(d, DSC_INVALID, "duplicate_of",
                          "must be a positive request id", "必须是正整数编号");
  if (a->duplicate_of != 0 &&
      (a->action != DSC_ACTION_DRAFT ||
       a->params.outcome != DSC_OUTCOME_NOT_PROCESSED_DUPLICATE))
    return dsc_detail_setf(d, DSC_INVALID, "duplicate_of",
                           "only a draft of not_processed.duplicate names the "
                           "request it repeats, not %s",
                           "只有 not_processed.duplicate 的拟稿才指明所重复的"
                           "申请，%s 不接受",
                           a->action == DSC_ACTION_DRAFT
                               ? dsc_outcome_code(a->params.outcome)
                               : dsc_action_name(a->action));
  switch (a->action) {
  case DSC_ACTION_ASSIGN:
    if (!dsc__is_identifier(a->to))
      return dsc_detail_set(d, DSC_INVALID, "to", "a staff login is required",
                            "必须指定承办人员的登录名");
    break;
  case DSC_ACTION_DRAFT:
    if (a->params.outcome == DSC_OUTCOME_NONE)
      return dsc_detail_set(d, DSC_INVALID, "outcome",
                            "an outcome code is required",
                            "必须指定办理结果代码");
    if (a->text && !is_text(a->text, 100000))
      return dsc_detail_set(d, DSC_INVALID, "text",
                            "must be non-blank UTF-8 text of at most 100000 "
                            "characters",
                            "必须是不超过100000字的有效UTF-8文本");
    /* What the answer letter will say of the decision (issue 14). */
    if (a->law && !dsc__utf8_is_line(a->law, 500))
      return bad_line(d, "law", 500);
    if (a->agency && !dsc__utf8_is_line(a->agency, 200))
      return bad_line(d, "agency", 200);
    if (a->contact && !dsc__utf8_is_line(a->contact, 500))
      return bad_line(d, "contact", 500);
    if (a->contact && a->agency == NULL)
      return dsc_detail_set(d, DSC_INVALID, "contact",
                            "is the contact of the agency named with --agency",
                            "是 --agency 所指机关的联系方式，须同时填写机关");
    if (a->url && !is_url(a->url))
      return dsc_detail_set(d, DSC_INVALID, "url",
                            "an http(s) URL without spaces is required",
                            "必须提供不含空格的 http(s) 网址");
    if (a->channel && !is_channel(a->channel))
      return bad_channel(d);
    break;
  case DSC_ACTION_REVIEW:
    if (!a->params.approve && !is_text(a->comment, 2000))
      return dsc_detail_set(d, DSC_INVALID, "comment",
                            "a rejection needs a comment (at most 2000 "
                            "characters)",
                            "退回必须填写意见（不超过2000字）");
    break;
  case DSC_ACTION_ANSWER:
    if (a->channel && !is_channel(a->channel))
      return bad_channel(d);
    break;
  case DSC_ACTION_PUBLISH:
    if (!is_url(a->url))
      return dsc_detail_set(d, DSC_INVALID, "url",
                            "an http(s) URL without spaces is required",
                            "必须提供不含空格的 http(s) 网址");
    break;
  case DSC_ACTION_WITHDRAW:
    if (a->reason && strcmp(a->reason, "applicant") != 0)
      return dsc_detail_set(d, DSC_INVALID, "reason",
                            "the only reason staff may give is \"applicant\"",
                            "撤回原因只能是“applicant”（申请人撤回）");
    break;
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    if (!is_text(a->note, 2000))
      return bad_text(d, "note", true);
    break;
  case DSC_ACTION_CONSULT_THIRD_PARTY:
    if (a->note && !is_text(a->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_CONSULT_AGENCY:
    if (!is_text(a->agency, 200))
      return dsc_detail_set(d, DSC_INVALID, "agency",
                            "the consulted agency's name is required (at most "
                            "200 characters)",
                            "必须填写被征求意见机关的名称（不超过200字）");
    if (a->note && !is_text(a->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_FEE_NOTICE:
    if (a->amount_fen < 0)
      return dsc_detail_set(d, DSC_INVALID, "amount", "must be positive",
                            "金额必须为正数");
    if (a->pages < 0)
      return dsc_detail_set(d, DSC_INVALID, "pages", "must not be negative",
                            "页数不能为负数");
    if (a->fee_method != DSC_FEE_CHEAPER && a->fee_method != DSC_FEE_BY_COUNT &&
        a->fee_method != DSC_FEE_BY_VOLUME)
      return dsc_detail_set(d, DSC_INVALID, "method", "must be count or volume",
                            "须为 count（按件）或 volume（按量）");
    break;
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_LONGER_PERIOD:
    if (a->days <= 0)
      return a->action == DSC_ACTION_EXTEND
                 ? dsc_detail_set(d, DSC_INVALID, "days",
                                  "a number of working days (1–20) is "
                                  "required",
                                  "必须指定延长的工作日数（1至20）")
                 : dsc_detail_set(d, DSC_INVALID, "days",
                                  "a number of working days (1–60) is "
                                  "required",
                                  "必须指定延迟答复的工作日数（1至60）");
    if (!is_text(a->reason, 2000))
      return bad_text(d, "reason", true);
    break;
  case DSC_ACTION_REQUIRE_REASONS:
    /* Art. 35: the demand says what the applicant is to explain. */
    if (!is_text(a->note, 2000))
      return bad_text(d, "note", true);
    break;
  case DSC_ACTION_REFER_SECRECY:
    if (!is_text(a->authority, 200))
      return dsc_detail_set(d, DSC_INVALID, "authority",
                            "the authority asked to determine it is required "
                            "(at most 200 characters)",
                            "必须填写报请确定的主管部门或保密行政管理部门（"
                            "不超过200字）");
    if (a->note && !is_text(a->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_FEE_PAID:
  case DSC_ACTION_DELIVERED:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_REASONS_RECEIVED:
  /* not staff actions: refused above */
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
  case DSC_ACTION__COUNT:
    break;
  }
  return DSC_OK;
}

char *dsc__act_args_payload(const dsc__act_args_t *a, int64_t fee_amount_fen,
                            const dsc_fee_quote_t *quote) {
  cJSON *o = cJSON_CreateObject();
  char *text, amount[32];
  dsc_action_t act = a->action;
  bool ok = o != NULL;

  ok = ok && dsc__json_put_string(o, "to", a->to);
  if (act == DSC_ACTION_DRAFT)
    ok = ok && dsc__json_put_string(o, "outcome",
                                    dsc_outcome_code(a->params.outcome));
  ok = ok && dsc__json_put_string(o, "text", a->text);
  if (act == DSC_ACTION_REVIEW)
    ok = ok && dsc__json_put_string(o, "decision",
                                    a->params.approve ? "approve" : "reject");
  ok = ok && dsc__json_put_string(o, "comment", a->comment) &&
       dsc__json_put_string(o, "channel", a->channel) &&
       dsc__json_put_string(o, "url", a->url);
  if (act == DSC_ACTION_WITHDRAW)
    ok = ok && dsc__json_put_string(o, "reason", "applicant");
  if (act == DSC_ACTION_EXTEND || act == DSC_ACTION_LONGER_PERIOD)
    ok = ok && dsc__json_put_string(o, "reason", a->reason);
  ok = ok && dsc__json_put_string(o, "note", a->note) &&
       dsc__json_put_string(o, "agency", a->agency) &&
       dsc__json_put_string(o, "backdate_reason", a->backdate_reason) &&
       dsc__json_put_string(o, "authority", a->authority) &&
       dsc__json_put_string(o, "late_reason", a->late_reason) &&
       dsc__json_put_string(o, "law", a->law) &&
       dsc__json_put_string(o, "contact", a->contact);
  if (a->duplicate_of > 0)
    ok = ok && dsc__json_put_number(o, "duplicate_of", (double)a->duplicate_of);
  if (a->delivered_on != DSC_DATE_NONE)
    ok = ok && dsc__json_put_date(o, "delivered_on", a->delivered_on);
  if (dsc__action_is(act, DSC__ACT_TAKES_NOTIFIED_ON))
    ok = ok && dsc__json_put_date(o, "notified_on", a->notified_on);
  if (dsc__action_is(act, DSC__ACT_RECORDS_DAYS))
    ok = ok && dsc__json_put_number(o, "days", a->days);
  if (act == DSC_ACTION_FEE_NOTICE)
    ok = ok && dsc__json_put_string(
                   o, "amount", dsc_fee_amount_format(fee_amount_fen, amount));
  if (act == DSC_ACTION_FEE_NOTICE && quote != NULL)
    ok =
        ok &&
        dsc__json_put_string(o, "method", dsc_fee_method_name(quote->method)) &&
        dsc__json_put_string(o, "arithmetic", quote->arithmetic);
  text = ok ? cJSON_PrintUnformatted(o) : NULL;
  cJSON_Delete(o);
  return text;
}
