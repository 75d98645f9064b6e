/* Over 700 lines: the argument rules are to move to the core and the
 * second connection's routing to the engine (issue 13, part 4, still to
 * do).
 *
 * Staff actions on a request: read the snapshot and its history, let the
 * pure transition table and the pure statutory clock decide, write the new
 * snapshot and the event in one statement that checks the version (DESIGN
 * principles 1, 2 and 6). Two round trips, and no lock held between them:
 * a concurrent change makes the write find no row, which is reported as a
 * conflict rather than overwritten. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/fee.h"
#include "disclose/intake.h"
#include "engine_int.h"
#include "lapse.h"
#include "pgarray.h"
#include "row.h"
#include "utf8.h"

typedef struct act_state {
  dsc_engine_t *engine;
  bool owner;    /* holds its request: the engine's only action under way on
                    it (see "one action at a time" below) */
  bool answered; /* its row of the merged read arrived */
  int64_t id;
  dsc_action_t action;
  dsc_machine_params_t params;
  char *to, *text, *comment, *channel, *url, *reason, *note, *agency;
  char *backdate_reason, *authority, *late_reason;
  dsc_date_t delivered_on, notified_on;   /* DSC_DATE_NONE when not given */
  bool bad_delivered_on, bad_notified_on; /* given, but not a date */
  int days, pages;
  int64_t amount_fen;
  dsc_fee_method_t fee_method; /* fee-notice: as named; CHEAPER: none */
  /* read back */
  bool found;
  dsc__row_t row;
  bool actor_found, target_found;
  unsigned actor_roles;
  int ordinal; /* the applicant's applications this month, for the quote */
  int agency_reply_days; /* the agency's default reply window (0019), 0 if
                            unknown */
  int64_t duplicate_of;  /* draft: the earlier request repeated (0: none) */
  struct {
    bool found, identified, same_applicant, answered;
  } earlier; /* what dsc_duplicate_of said of duplicate_of (migration 0017) */
  int writes, wrote;
  dsc__pg_t *pg; /* the connection of its read, and of its write */
} act_state_t;

static void release(act_state_t *st);

static void free_act_state(void *p) {
  act_state_t *st = p;
  if (st == NULL)
    return;
  if (st->owner)
    release(st);
  dsc__free(st->to);
  dsc__free(st->text);
  dsc__free(st->comment);
  dsc__free(st->channel);
  dsc__free(st->url);
  dsc__free(st->reason);
  dsc__free(st->note);
  dsc__free(st->agency);
  dsc__free(st->backdate_reason);
  dsc__free(st->authority);
  dsc__free(st->late_reason);
  dsc__row_clear(&st->row);
  dsc__free(st);
}

static bool dup_opt(char **dst, const char *src) {
  if (src == NULL)
    return true;
  *dst = dsc__strdup(src);
  return *dst != NULL;
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

static bool is_url(const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n > 2000 ||
      !(strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0))
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
      return false;
  return dsc__utf8_valid(s, n) && n > 8;
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
static dsc_err_t check_date_arg(const act_state_t *st, const dsc_ctx_t *ctx,
                                const char *field, dsc_date_t v, bool bad,
                                bool allowed, dsc_detail_t *d) {
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  if (!bad && v == DSC_DATE_NONE)
    return DSC_OK;
  if (!allowed)
    return dsc_detail_setf(d, DSC_INVALID, field, "%s does not take %s",
                           "%s 不接受 %s", dsc_action_name(st->action), field);
  if (bad)
    return dsc_detail_set(d, DSC_INVALID, field, "must be a date YYYY-MM-DD",
                          "必须是 YYYY-MM-DD 格式的日期");
  if (v > ctx->today)
    return dsc_detail_setf(d, DSC_INVALID, field, "%s is after today (%s)",
                           "%s 晚于今天（%s）", dsc_date_format(v, a),
                           dsc_date_format(ctx->today, b));
  return DSC_OK;
}

/* Arguments each action needs, checked before anything is read. */
static dsc_err_t check_args(const act_state_t *st, const dsc_ctx_t *ctx,
                            dsc_detail_t *d) {
  dsc_err_t err;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];

  if (st->backdate_reason && !is_text(st->backdate_reason, 2000))
    return bad_text(d, "backdate_reason", false);
  if ((err = check_date_arg(st, ctx, "delivered_on", st->delivered_on,
                            st->bad_delivered_on,
                            st->action == DSC_ACTION_CONSULT_THIRD_PARTY ||
                                st->action == DSC_ACTION_CONSULT_AGENCY ||
                                st->action == DSC_ACTION_FEE_NOTICE,
                            d)) != DSC_OK ||
      (err = check_date_arg(st, ctx, "notified_on", st->notified_on,
                            st->bad_notified_on,
                            st->action == DSC_ACTION_EXTEND ||
                                st->action == DSC_ACTION_LONGER_PERIOD,
                            d)) != DSC_OK)
    return err;
  /* Art. 33 (Art. 35): the applicant is told of an extension (a longer
   * period), not before it. */
  if (st->notified_on != DSC_DATE_NONE && st->notified_on < ctx->on)
    return dsc_detail_setf(
        d, DSC_INVALID, "notified_on", "%s is before the extension (%s)",
        "%s 早于延期决定（%s）", dsc_date_format(st->notified_on, a),
        dsc_date_format(ctx->on, b));
  if (st->late_reason && (st->action != DSC_ACTION_SUPPLEMENT_RECEIVED ||
                          !is_text(st->late_reason, 2000)))
    return st->action != DSC_ACTION_SUPPLEMENT_RECEIVED
               ? dsc_detail_setf(d, DSC_INVALID, "late_reason",
                                 "%s does not take late_reason",
                                 "%s 不接受 late_reason",
                                 dsc_action_name(st->action))
               : bad_text(d, "late_reason", false);
  /* Only the outcome of Art. 36(六) names an earlier request. */
  if (st->duplicate_of < 0)
    return dsc_detail_set(d, DSC_INVALID, "duplicate_of",
                          "must be a positive request id", "必须是正整数编号");
  if (st->duplicate_of != 0 &&
      (st->action != DSC_ACTION_DRAFT ||
       st->params.outcome != DSC_OUTCOME_NOT_PROCESSED_DUPLICATE))
    return dsc_detail_setf(d, DSC_INVALID, "duplicate_of",
                           "only a draft of not_processed.duplicate names the "
                           "request it repeats, not %s",
                           "只有 not_processed.duplicate 的拟稿才指明所重复的"
                           "申请，%s 不接受",
                           st->action == DSC_ACTION_DRAFT
                               ? dsc_outcome_code(st->params.outcome)
                               : dsc_action_name(st->action));
  switch (st->action) {
  case DSC_ACTION_ASSIGN:
    if (!dsc__is_identifier(st->to))
      return dsc_detail_set(d, DSC_INVALID, "to", "a staff login is required",
                            "必须指定承办人员的登录名");
    break;
  case DSC_ACTION_DRAFT:
    if (st->params.outcome == DSC_OUTCOME_NONE)
      return dsc_detail_set(d, DSC_INVALID, "outcome",
                            "an outcome code is required",
                            "必须指定办理结果代码");
    if (st->text && !is_text(st->text, 100000))
      return dsc_detail_set(d, DSC_INVALID, "text",
                            "must be non-blank UTF-8 text of at most 100000 "
                            "characters",
                            "必须是不超过100000字的有效UTF-8文本");
    break;
  case DSC_ACTION_REVIEW:
    if (!st->params.approve && !is_text(st->comment, 2000))
      return dsc_detail_set(d, DSC_INVALID, "comment",
                            "a rejection needs a comment (at most 2000 "
                            "characters)",
                            "退回必须填写意见（不超过2000字）");
    break;
  case DSC_ACTION_ANSWER:
    /* The channels of intake's table, and e-mail, by which an answer may
     * also go out (Art. 40: in the form the applicant asked for). */
    if (st->channel && strcmp(st->channel, "email") != 0 &&
        dsc_channel_parse(st->channel, &(dsc_channel_t){0}) != DSC_OK)
      return dsc_detail_set(d, DSC_INVALID, "channel",
                            "must be one of in_person, post, online, fax, "
                            "email",
                            "必须是 in_person、post、online、fax、email 之一");
    break;
  case DSC_ACTION_PUBLISH:
    if (!is_url(st->url))
      return dsc_detail_set(d, DSC_INVALID, "url",
                            "an http(s) URL without spaces is required",
                            "必须提供不含空格的 http(s) 网址");
    break;
  case DSC_ACTION_WITHDRAW:
    if (st->reason && strcmp(st->reason, "applicant") != 0)
      return dsc_detail_set(d, DSC_INVALID, "reason",
                            "the only reason staff may give is \"applicant\"",
                            "撤回原因只能是“applicant”（申请人撤回）");
    break;
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    if (!is_text(st->note, 2000))
      return bad_text(d, "note", true);
    break;
  case DSC_ACTION_CONSULT_THIRD_PARTY:
    if (st->note && !is_text(st->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_CONSULT_AGENCY:
    if (!is_text(st->agency, 200))
      return dsc_detail_set(d, DSC_INVALID, "agency",
                            "the consulted agency's name is required (at most "
                            "200 characters)",
                            "必须填写被征求意见机关的名称（不超过200字）");
    if (st->note && !is_text(st->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_FEE_NOTICE:
    if (st->amount_fen < 0)
      return dsc_detail_set(d, DSC_INVALID, "amount", "must be positive",
                            "金额必须为正数");
    if (st->pages < 0)
      return dsc_detail_set(d, DSC_INVALID, "pages", "must not be negative",
                            "页数不能为负数");
    if (st->fee_method != DSC_FEE_CHEAPER &&
        st->fee_method != DSC_FEE_BY_COUNT &&
        st->fee_method != DSC_FEE_BY_VOLUME)
      return dsc_detail_set(d, DSC_INVALID, "method", "must be count or volume",
                            "须为 count（按件）或 volume（按量）");
    break;
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_LONGER_PERIOD:
    if (st->days <= 0)
      return st->action == DSC_ACTION_EXTEND
                 ? dsc_detail_set(d, DSC_INVALID, "days",
                                  "a number of working days (1–20) is "
                                  "required",
                                  "必须指定延长的工作日数（1至20）")
                 : dsc_detail_set(d, DSC_INVALID, "days",
                                  "a number of working days (1–60) is "
                                  "required",
                                  "必须指定延迟答复的工作日数（1至60）");
    if (!is_text(st->reason, 2000))
      return bad_text(d, "reason", true);
    break;
  case DSC_ACTION_REQUIRE_REASONS:
    /* Art. 35: the demand says what the applicant is to explain. */
    if (!is_text(st->note, 2000))
      return bad_text(d, "note", true);
    break;
  case DSC_ACTION_REFER_SECRECY:
    if (!is_text(st->authority, 200))
      return dsc_detail_set(d, DSC_INVALID, "authority",
                            "the authority asked to determine it is required "
                            "(at most 200 characters)",
                            "必须填写报请确定的主管部门或保密行政管理部门（"
                            "不超过200字）");
    if (st->note && !is_text(st->note, 2000))
      return bad_text(d, "note", false);
    break;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_FEE_PAID:
  case DSC_ACTION_DELIVERED:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_REASONS_RECEIVED:
    break;
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION__COUNT:
    return dsc_detail_set(d, DSC_MISUSE, "action",
                          "not a staff action of dsc_request_act",
                          "不是 dsc_request_act 支持的操作");
  }
  return DSC_OK;
}

/* True for the actions whose statutory limits the clock checks. */
static bool is_clock_action(dsc_action_t a) {
  return a == DSC_ACTION_REQUEST_SUPPLEMENT ||
         a == DSC_ACTION_SUPPLEMENT_RECEIVED ||
         a == DSC_ACTION_CONSULT_THIRD_PARTY ||
         a == DSC_ACTION_THIRD_PARTY_REPLIED ||
         a == DSC_ACTION_CONSULT_AGENCY || a == DSC_ACTION_AGENCY_REPLIED ||
         a == DSC_ACTION_FEE_NOTICE || a == DSC_ACTION_FEE_PAID ||
         a == DSC_ACTION_EXTEND || a == DSC_ACTION_DELIVERED ||
         a == DSC_ACTION_REFER_SECRECY || a == DSC_ACTION_REQUIRE_REASONS ||
         a == DSC_ACTION_REASONS_RECEIVED || a == DSC_ACTION_LONGER_PERIOD;
}

static char *payload_for(const act_state_t *st, const dsc_fee_quote_t *quote) {
  cJSON *o = cJSON_CreateObject();
  char *text, amount[32];
  if (o == NULL)
    return NULL;
  if (st->to)
    cJSON_AddStringToObject(o, "to", st->to);
  if (st->action == DSC_ACTION_DRAFT)
    cJSON_AddStringToObject(o, "outcome", dsc_outcome_code(st->params.outcome));
  if (st->text)
    cJSON_AddStringToObject(o, "text", st->text);
  if (st->action == DSC_ACTION_REVIEW)
    cJSON_AddStringToObject(o, "decision",
                            st->params.approve ? "approve" : "reject");
  if (st->comment)
    cJSON_AddStringToObject(o, "comment", st->comment);
  if (st->channel)
    cJSON_AddStringToObject(o, "channel", st->channel);
  if (st->url)
    cJSON_AddStringToObject(o, "url", st->url);
  if (st->action == DSC_ACTION_WITHDRAW)
    cJSON_AddStringToObject(o, "reason", "applicant");
  if (st->action == DSC_ACTION_EXTEND || st->action == DSC_ACTION_LONGER_PERIOD)
    cJSON_AddStringToObject(o, "reason", st->reason);
  if (st->note)
    cJSON_AddStringToObject(o, "note", st->note);
  if (st->agency)
    cJSON_AddStringToObject(o, "agency", st->agency);
  if (st->backdate_reason)
    cJSON_AddStringToObject(o, "backdate_reason", st->backdate_reason);
  if (st->authority)
    cJSON_AddStringToObject(o, "authority", st->authority);
  if (st->late_reason)
    cJSON_AddStringToObject(o, "late_reason", st->late_reason);
  if (st->duplicate_of > 0)
    cJSON_AddNumberToObject(o, "duplicate_of", (double)st->duplicate_of);
  if (st->delivered_on != DSC_DATE_NONE)
    cJSON_AddStringToObject(o, "delivered_on",
                            dsc_date_format(st->delivered_on, amount));
  if (st->action == DSC_ACTION_EXTEND || st->action == DSC_ACTION_LONGER_PERIOD)
    cJSON_AddStringToObject(o, "notified_on",
                            dsc_date_format(st->notified_on, amount));
  if (st->action == DSC_ACTION_REQUEST_SUPPLEMENT ||
      st->action == DSC_ACTION_EXTEND ||
      st->action == DSC_ACTION_REQUIRE_REASONS ||
      st->action == DSC_ACTION_LONGER_PERIOD)
    cJSON_AddNumberToObject(o, "days", st->days);
  if (st->action == DSC_ACTION_FEE_NOTICE) {
    cJSON_AddStringToObject(
        o, "amount", dsc_fee_amount_format(st->row.fee_amount_fen, amount));
    if (quote) {
      cJSON_AddStringToObject(o, "method", dsc_fee_method_name(quote->method));
      cJSON_AddStringToObject(o, "arithmetic", quote->arithmetic);
    }
  }
  text = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return text;
}

/* ---- step 3: the result of the write ----------------------------------- */

static void on_written(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  if (PQntuples(res) == 1)
    st->wrote++;
}

static void on_write_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->wrote != st->writes) {
    dsc_detail_set(&op->result.detail, DSC_CONFLICT, "version",
                   "the request changed underneath; read it again",
                   "申请已被他人更改，请重新读取");
    op->result.err = DSC_CONFLICT;
  } else {
    op->result.id = st->id;
  }
  dsc__op_finish(op);
}

/* ---- step 2: decide and write ------------------------------------------ */

/* The fee of a notice: the 109号 quote of the method named, or without
 * one by count (the cheaper method when pages are given), and nothing
 * else — an amount given must be that quote (Arts. 3–5). A quote of
 * nothing is a refusal (条例 Art. 42), and so is a fee by count for an
 * applicant without an identity number, whose count cannot be established
 * (D14). dsc_fee_charge decides; the ordinal came with the read. */
static dsc_err_t fee_from_quote(act_state_t *st, dsc_fee_quote_t *q,
                                dsc_detail_t *d) {
  dsc_err_t err = dsc_fee_charge(st->ordinal, st->pages, st->fee_method,
                                 st->amount_fen, q, d);
  if (err == DSC_OK)
    st->amount_fen = q->amount_fen;
  return err;
}

/* True for the drafts whose outcome rests on the request's history. */
static bool needs_history(const act_state_t *st) {
  return st->action == DSC_ACTION_DRAFT &&
         (st->params.outcome == DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR ||
          st->params.outcome == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE);
}

/* Art. 35: "not processed, excessive" (row (五)4) is the answer to reasons
 * found unreasonable, so the applicant must have been asked for them and
 * have given them; reasons never given end the request by the lapse. */
static dsc_err_t check_excessive_history(const dsc_clock_t *clock,
                                         dsc_detail_t *d) {
  if (!clock->reasons_requested)
    return dsc_detail_set(
        d, DSC_STATUTE, "outcome",
        "not_processed.excessive needs the applicant asked for reasons "
        "first (require-reasons, Art. 35)",
        "not_processed.excessive 须先要求申请人说明理由（require-reasons，第三"
        "十五条）");
  if (clock->hold == DSC_HOLD_REASONS)
    return dsc_detail_set(d, DSC_STATUTE, "outcome",
                          "not_processed.excessive needs the reasons received "
                          "(or their window lapsed): they are still awaited "
                          "(Art. 35)",
                          "not_processed.excessive 须在收到申请人说明的理由之后"
                          "：理由仍在等待中（第三十五条）");
  return DSC_OK;
}

/* Outcomes that rest on the request's history (issue 12.4): "still unclear
 * after the supplement" (row (四)3) needs a supplement asked for under Art.
 * 30 and received; without one, the applicant was never given the chance
 * the article requires. */
static dsc_err_t check_outcome_history(const act_state_t *st,
                                       const dsc_clock_t *clock,
                                       dsc_detail_t *d) {
  if (!needs_history(st))
    return DSC_OK;
  if (st->params.outcome == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE)
    return check_excessive_history(clock, d);
  if (!clock->supplement_requested)
    return dsc_detail_set(
        d, DSC_STATUTE, "outcome",
        "unavailable.still_unclear needs a supplement requested first: an "
        "unclear application is answered only after the applicant was asked "
        "to supplement it (Art. 30)",
        "unavailable.still_unclear "
        "须先告知补正：申请内容不明确的，应先一次性告知"
        "申请人补正（第三十条）");
  if (clock->hold == DSC_HOLD_SUPPLEMENT)
    return dsc_detail_set(
        d, DSC_STATUTE, "outcome",
        "unavailable.still_unclear needs the supplement received: it is "
        "still awaited (Art. 30)",
        "unavailable.still_unclear "
        "须在收到补正材料之后：补正仍在等待中（第三十条）");
  return DSC_OK;
}

/* 条例 Art. 36(六): 行政机关已就申请人提出的政府信息公开申请作出答复、申请人
 * 重复申请公开相同政府信息的，告知申请人不予重复处理. "Not processed again"
 * is an answer only where there was an answer before: the draft names the
 * earlier request, which must be another application of the same applicant
 * (the same identity number — never the same name, D14 — to the same
 * agency) and must have been answered. An applicant without an identity
 * number cannot be shown to have applied before (D32). Whether the
 * information sought is the same is the handler's judgment, reviewed like
 * every draft. The facts came with the read (dsc_duplicate_of). */
static dsc_err_t check_duplicate(const act_state_t *st, dsc_detail_t *d) {
  long long n = (long long)st->duplicate_of;

  if (st->action != DSC_ACTION_DRAFT ||
      st->params.outcome != DSC_OUTCOME_NOT_PROCESSED_DUPLICATE)
    return DSC_OK;
  if (n == 0)
    return dsc_detail_set(
        d, DSC_STATUTE, "duplicate_of",
        "not_processed.duplicate names the earlier request it repeats "
        "(--duplicate-of N): an application is declined as a repeat only of "
        "one already answered (Art. 36(六))",
        "not_processed.duplicate 须指明所重复的在先申请（--duplicate-of "
        "编号）：行政机关已作出答复的，方可告知不予重复处理（第三十六条第"
        "六项）");
  if (n == st->id)
    return dsc_detail_setf(
        d, DSC_STATUTE, "duplicate_of",
        "request %lld cannot repeat itself: name the earlier request that was "
        "answered (Art. 36(六))",
        "第 %lld 号申请不能重复其自身：应指明已作出答复的在先申请（第三十六条"
        "第六项）",
        n);
  if (!st->earlier.found)
    return dsc_detail_setf(d, DSC_NOT_FOUND, "duplicate_of", "no request %lld",
                           "没有编号为 %lld 的申请", n);
  if (!st->earlier.identified)
    return dsc_detail_set(
        d, DSC_STATUTE, "applicant.id_number",
        "the applicant has no identity number (resident identity number or "
        "unified social credit code), so they cannot be identified and this "
        "application cannot be shown to repeat one of theirs (Art. 36(六))",
        "申请人无身份证件号码（居民身份证号码或统一社会信用代码），无法确认"
        "申请人身份，不能认定为重复申请（第三十六条第六项）");
  if (!st->earlier.same_applicant)
    return dsc_detail_setf(
        d, DSC_STATUTE, "duplicate_of",
        "request %lld is not the same applicant's (the same identity number, "
        "to the same agency): only the applicant's own application is "
        "repeated (Art. 36(六))",
        "第 %lld 号申请不是同一申请人（同一身份证件号码、向同一机关）提出的："
        "只有申请人本人重复申请的，方可不予重复处理（第三十六条第六项）",
        n);
  if (!st->earlier.answered)
    return dsc_detail_setf(
        d, DSC_STATUTE, "duplicate_of",
        "request %lld had not been answered when this application was "
        "received: an application is declined as a repeat only of one "
        "already answered (Art. 36(六))",
        "收到本申请时第 %lld 号申请尚未答复：行政机关已作出答复后申请人重复申请"
        "的，方可告知不予重复处理（第三十六条第六项）",
        n);
  return DSC_OK;
}

/* What the action does to the snapshot's own columns; the clock's columns
 * follow from the replay. */
static void apply_transition(dsc__op_t *op, const dsc_transition_t *tr) {
  act_state_t *st = op->state;
  dsc__row_t *r = &st->row;

  r->state = tr->next;
  r->hold = tr->hold;
  if (tr->outcome_effect == DSC_OUTCOME_SET)
    r->outcome = tr->outcome;
  else if (tr->outcome_effect == DSC_OUTCOME_CLEAR)
    r->outcome = DSC_OUTCOME_NONE;
  switch (st->action) {
  case DSC_ACTION_ASSIGN:
    dsc__free(r->assignee);
    r->assignee = dsc__strdup(st->to); /* st->to stays for the payload */
    break;
  case DSC_ACTION_DRAFT:
    dsc__free(r->drafter);
    r->drafter = dsc__strdup(op->actor);
    break;
  case DSC_ACTION_PUBLISH:
    dsc__free(r->published_url);
    r->published_url = dsc__strdup(st->url);
    break;
  case DSC_ACTION_ANSWER:
    r->answered_on = r->closed_on = op->on;
    break;
  case DSC_ACTION_WITHDRAW:
    r->closed_on = op->on;
    break;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    /* A late supplement accepted reopens what the lapse closed. */
    if (tr->next != DSC_STATE_WITHDRAWN)
      r->closed_on = DSC_DATE_NONE;
    break;
  case DSC_ACTION_FEE_NOTICE:
    r->fee_amount_fen = st->amount_fen;
    break;
  case DSC_ACTION_FEE_PAID:
    r->fee_paid_on = op->on;
    break;
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_REVIEW:
  case DSC_ACTION_REQUEST_SUPPLEMENT:
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_CONSULT_AGENCY:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_DELIVERED:
  case DSC_ACTION_REFER_SECRECY:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_REQUIRE_REASONS:
  case DSC_ACTION_REASONS_RECEIVED:
  case DSC_ACTION_LONGER_PERIOD:
  case DSC_ACTION__COUNT:
    break;
  }
}

/* The clock after the action. When it cannot be computed (a date after the
 * loaded calendar), the columns keep what is known, the due date becomes
 * unknown, and generation 0 asks the re-derivation to fill them in once the
 * calendar reaches them: the action itself is never blocked by it. */
static void settle_clock(dsc__op_t *op) {
  act_state_t *st = op->state;
  dsc_engine_t *e = op->engine;
  dsc__row_t *r = &st->row;
  dsc_clock_t after;

  if (dsc__row_clock(r, e->calendar, dsc__row_clock_date(r), e->due_soon_days,
                     &after, NULL) == DSC_OK) {
    dsc__row_set_clock(r, &after, e->calendar_generation);
    return;
  }
  if (st->action == DSC_ACTION_SUPPLEMENT_RECEIVED)
    r->clock_start = op->on;
  if (st->action == DSC_ACTION_REQUEST_SUPPLEMENT)
    r->clock_start = DSC_DATE_NONE;
  if (r->hold == DSC_HOLD_NONE)
    r->hold_since = r->hold_lapses_on = DSC_DATE_NONE;
  r->due_on = DSC_DATE_NONE;
  r->calendar_generation = 0;
}

static void decide_and_write(dsc__op_t *op) {
  act_state_t *st = op->state;
  dsc_engine_t *e = op->engine;
  dsc__row_t *r = &st->row;
  dsc_machine_actor_t actor = {op->actor, st->actor_roles};
  dsc_machine_request_t req;
  dsc_transition_t tr;
  dsc_fee_quote_t quote;
  bool quoted = false;
  dsc_detail_t d;
  dsc_err_t err;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  int version = r->version;
  dsc_hold_t lapsed_hold;
  dsc_date_t lapsed_on;
  dsc__pg_batch_t *batch;
  char *payload;

  if (!st->found) {
    dsc_detail_setf(&d, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)st->id);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&d, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (st->action == DSC_ACTION_ASSIGN && !st->target_found) {
    dsc__detail_unknown_staff(&d, "to", st->to);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (op->on < r->last_on || op->on < r->received_on) {
    dsc_date_t limit =
        r->last_on > r->received_on ? r->last_on : r->received_on;
    dsc_detail_setf(&d, DSC_INVALID, "on",
                    "%s is before the request's last event (%s)",
                    "%s 早于该申请的上一次操作（%s）",
                    dsc_date_format(op->on, a), dsc_date_format(limit, b));
    dsc__op_fail(op, DSC_INVALID, &d);
    return;
  }

  batch = dsc__pg_batch_new(st->pg, on_write_done, op);
  if (batch == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  /* Writes of actions decided together share one commit (pgloop.h). */
  dsc__pg_batch_set_mergeable(batch);
  /* A hold that lapsed before this action is lapsed first, dated on its
   * lapse day, exactly as the deadline worker would have done. */
  lapsed_hold = r->hold;
  lapsed_on = r->hold_lapses_on;
  err = dsc__lapse_if_due(e, r, op->on, batch, on_written, op, &d);
  if (err == DSC_OK && r->version != version) {
    st->writes++;
    version = r->version;
  } else {
    lapsed_hold = DSC_HOLD_NONE;
  }
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, &d);
    return;
  }

  req = (dsc_machine_request_t){r->state, r->hold, r->assignee, r->drafter,
                                r->outcome};
  err = dsc_machine_decide(&req, st->action, &actor, &st->params, &tr, &d);
  if (err == DSC_CONFLICT && lapsed_hold != DSC_HOLD_NONE)
    /* The action came after its window closed: say so, not "wrong state". */
    err = dsc_detail_setf(&d, DSC_STATUTE, "on",
                          "the %s hold lapsed on %s, before %s: the request "
                          "is %s now (CONTRACT §7; a late supplement with a "
                          "good reason is a supervisor's, --late-reason)",
                          "%s 暂停期已于 %s 届满，早于 %s：该申请现为 %s 状态"
                          "（有正当理由的逾期补正由主管以 --late-reason 受理）",
                          dsc_hold_name(lapsed_hold),
                          dsc_date_format(lapsed_on, a),
                          dsc_date_format(op->on, b), dsc_state_name(r->state));
  /* A notice that names no window gives the agency's (migrations/0019). */
  if ((st->action == DSC_ACTION_REQUEST_SUPPLEMENT ||
       st->action == DSC_ACTION_REQUIRE_REASONS) &&
      st->days == 0)
    st->days = st->agency_reply_days > 0 ? st->agency_reply_days
                                         : DSC_CLOCK_SUPPLEMENT_REPLY_DEFAULT;
  if (err == DSC_OK && (is_clock_action(st->action) || needs_history(st))) {
    dsc_clock_t before;
    dsc_clock_event_t ev = {st->action, op->on, st->days, st->delivered_on};
    err = dsc__row_clock(r, e->calendar, op->on, e->due_soon_days, &before, &d);
    if (err == DSC_OK && is_clock_action(st->action))
      err = dsc_clock_check(e->calendar, &before, &ev, &d);
    if (err == DSC_OK)
      err = check_outcome_history(st, &before, &d);
  }
  if (err == DSC_OK)
    err = check_duplicate(st, &d);
  if (err == DSC_OK && st->action == DSC_ACTION_FEE_NOTICE) {
    err = fee_from_quote(st, &quote, &d);
    quoted = err == DSC_OK;
  }
  if (err == DSC_OK)
    err =
        dsc__row_push_event(r, st->action, op->on, st->days, st->delivered_on);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, err == DSC_NOMEM ? NULL : &d);
    return;
  }
  apply_transition(op, &tr);
  if ((st->action == DSC_ACTION_ASSIGN && r->assignee == NULL) ||
      (st->action == DSC_ACTION_DRAFT && r->drafter == NULL) ||
      (st->action == DSC_ACTION_PUBLISH && r->published_url == NULL)) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  settle_clock(op);

  payload = payload_for(st, quoted ? &quote : NULL);
  err = payload ? dsc__row_write(batch, r, version, st->action, op->actor,
                                 op->on, payload, on_written, op)
                : DSC_NOMEM;
  cJSON_free(payload);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, NULL);
    return;
  }
  st->writes++;
  dsc__pg_batch_send(batch);
}

/* ---- one action at a time per request ---------------------------------- */

/* An action holds its request from its call until it ends: a later action
 * of this engine on the same request waits, in call order, and reads only
 * after the one before it committed, so that two actions of one loop turn
 * on one request both apply, in order, instead of reading the same version
 * and losing one to the version check. (Actions of other engines still
 * meet the version check.) The requests held are an open-addressing table
 * with linear probing. */
typedef struct busy_slot {
  int64_t id;              /* 0: free */
  dsc__op_queue_t waiting; /* later actions on it, in call order */
} busy_slot_t;

struct dsc__act_busy {
  busy_slot_t *slots;
  size_t cap, used; /* cap: a power of two */
  /* Actions sent and not yet ended on the engine's connection and on the
   * second one (see group_pg). */
  unsigned inflight_main, inflight_second;
};

static size_t busy_home(const struct dsc__act_busy *t, int64_t id) {
  return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 17) & (t->cap - 1);
}

static busy_slot_t *busy_find(struct dsc__act_busy *t, int64_t id) {
  if (t == NULL || t->cap == 0)
    return NULL;
  for (size_t i = busy_home(t, id);; i = (i + 1) & (t->cap - 1)) {
    if (t->slots[i].id == id)
      return &t->slots[i];
    if (t->slots[i].id == 0)
      return NULL;
  }
}

/* Adds id (not present); NULL when out of memory. */
static busy_slot_t *busy_add(struct dsc__act_busy *t, int64_t id) {
  size_t i;

  if (2 * (t->used + 1) > t->cap) {
    struct dsc__act_busy grown = {0};
    grown.cap = t->cap ? 2 * t->cap : 64;
    grown.slots = dsc__calloc(grown.cap, sizeof *grown.slots);
    if (grown.slots == NULL)
      return NULL;
    for (size_t k = 0; k < t->cap; k++) {
      if (t->slots[k].id == 0)
        continue;
      for (i = busy_home(&grown, t->slots[k].id); grown.slots[i].id != 0;)
        i = (i + 1) & (grown.cap - 1);
      grown.slots[i] = t->slots[k];
      grown.used++;
    }
    dsc__free(t->slots);
    t->slots = grown.slots;
    t->cap = grown.cap;
    t->used = grown.used;
  }
  for (i = busy_home(t, id); t->slots[i].id != 0;)
    i = (i + 1) & (t->cap - 1);
  memset(&t->slots[i], 0, sizeof t->slots[i]);
  t->slots[i].id = id;
  t->used++;
  return &t->slots[i];
}

/* Removes a slot, moving back the entries after it that probing would no
 * longer reach (deletion without tombstones). */
static void busy_remove(struct dsc__act_busy *t, busy_slot_t *slot) {
  size_t mask = t->cap - 1, i = (size_t)(slot - t->slots), j = i;

  t->slots[i].id = 0;
  t->used--;
  for (;;) {
    size_t home;
    j = (j + 1) & mask;
    if (t->slots[j].id == 0)
      return;
    home = busy_home(t, t->slots[j].id);
    /* The entry at j stays unless its home lies cyclically outside (i, j]. */
    if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
      continue;
    t->slots[i] = t->slots[j];
    t->slots[j].id = 0;
    i = j;
  }
}

/* The op ended: the next action waiting on its request holds it and goes
 * to the next merged read; with none, the request is free. */
static void release(act_state_t *st) {
  dsc_engine_t *e = st->engine;
  busy_slot_t *slot = busy_find(e->act_busy, st->id);
  dsc__op_t *next = slot ? dsc__op_queue_pop(&slot->waiting) : NULL;

  if (st->pg != NULL && st->pg == e->act_pg && e->act_busy->inflight_second > 0)
    e->act_busy->inflight_second--;
  else if (st->pg != NULL && e->act_busy->inflight_main > 0)
    e->act_busy->inflight_main--;
  st->owner = false;
  if (next == NULL) {
    if (slot)
      busy_remove(e->act_busy, slot);
    return;
  }
  ((act_state_t *)next->state)->owner = true;
  if (e->closing) {
    dsc__op_fail(next, DSC_UNAVAILABLE, NULL);
    return;
  }
  dsc__op_queue_push(&e->acts, next);
  dsc__engine_kick(e);
}

/* Queues a validated action for the next merged read, or behind the action
 * under way on its request. DSC_NOMEM (op untouched). */
static dsc_err_t enqueue(dsc__op_t *op) {
  dsc_engine_t *e = op->engine;
  act_state_t *st = op->state;
  busy_slot_t *slot;

  if (e->act_busy == NULL &&
      (e->act_busy = dsc__calloc(1, sizeof *e->act_busy)) == NULL)
    return DSC_NOMEM;
  if ((slot = busy_find(e->act_busy, st->id)) != NULL) {
    dsc__op_queue_push(&slot->waiting, op);
    return DSC_OK;
  }
  if (busy_add(e->act_busy, st->id) == NULL)
    return DSC_NOMEM;
  st->owner = true;
  dsc__op_queue_push(&e->acts, op);
  dsc__engine_kick(e);
  return DSC_OK;
}

void dsc__act_close(dsc_engine_t *e) {
  dsc__op_queue_t waiting = {0};
  dsc__op_t *op;

  for (size_t i = 0; e->act_busy && i < e->act_busy->cap; i++) {
    busy_slot_t *slot = &e->act_busy->slots[i];
    while (slot->id != 0 && (op = dsc__op_queue_pop(&slot->waiting)) != NULL)
      dsc__op_queue_push(&waiting, op);
  }
  while ((op = dsc__op_queue_pop(&e->acts)) != NULL)
    dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
  while ((op = dsc__op_queue_pop(&waiting)) != NULL)
    dsc__op_fail(op, DSC_UNAVAILABLE, NULL);
}

void dsc__act_free(dsc_engine_t *e) {
  if (e->act_busy)
    dsc__free(e->act_busy->slots);
  dsc__free(e->act_busy);
  e->act_busy = NULL;
}

/* ---- step 1: the merged read ------------------------------------------- */

/* At most this many actions share one read statement. */
#define DSC_ACT_READ_MAX 1000

typedef struct read_group {
  int n;
  dsc__op_t *ops[];
} read_group_t;

/* Rows of the merged read: one per action, led by its position. */
static void on_read_rows(void *arg, const PGresult *res) {
  read_group_t *g = arg;

  for (int i = 0; i < PQntuples(res); i++) {
    int64_t n = dsc__cell_int(res, i, 0);
    act_state_t *st;
    if (n < 1 || n > g->n)
      continue;
    st = g->ops[n - 1]->state;
    st->answered = true;
    st->actor_found = dsc__cell(res, i, 1 + DSC_ROW_NCOLUMNS) != NULL;
    st->actor_roles =
        dsc__roles_from_array(dsc__cell(res, i, 1 + DSC_ROW_NCOLUMNS));
    st->target_found = dsc__cell(res, i, 2 + DSC_ROW_NCOLUMNS) != NULL;
    st->params.target_roles =
        dsc__roles_from_array(dsc__cell(res, i, 2 + DSC_ROW_NCOLUMNS));
    st->agency_reply_days = (int)dsc__cell_int(res, i, 3 + DSC_ROW_NCOLUMNS);
    if (dsc__cell(res, i, 1) != NULL)
      st->found = dsc__row_read(res, i, 1, &st->row) == DSC_OK;
  }
}

static void on_ordinal(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  if (PQntuples(res) == 1)
    st->ordinal = (int)dsc__cell_int(res, 0, 0);
}

static bool cell_true(const PGresult *res, int col) {
  const char *v = dsc__cell(res, 0, col);
  return v != NULL && v[0] == 't';
}

static void on_earlier(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  /* No row: the asker may not read the request (then it was not found
   * either, and that is what is said). */
  if (PQntuples(res) == 1) {
    st->earlier.found = cell_true(res, 0);
    st->earlier.identified = cell_true(res, 1);
    st->earlier.same_applicant = cell_true(res, 2);
    st->earlier.answered = cell_true(res, 3);
  }
}

static void send_group(dsc_engine_t *e, dsc__pg_t *pg, read_group_t *g);

static void on_group_read(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  read_group_t *g = arg;

  for (int i = 0; i < g->n; i++) {
    dsc__op_t *op = g->ops[i];
    act_state_t *st = op->state;
    if (err != DSC_OK && g->n > 1 && err != DSC_UNAVAILABLE) {
      /* Find the one action that made the read fail: each reads alone. */
      read_group_t *one = dsc__malloc(sizeof *one + sizeof one->ops[0]);
      if (one == NULL) {
        dsc__op_fail(op, DSC_NOMEM, NULL);
        continue;
      }
      one->n = 1;
      one->ops[0] = op;
      st->answered = st->found = false;
      memset(&st->earlier, 0, sizeof st->earlier);
      dsc__row_clear(&st->row);
      send_group(op->engine, st->pg, one);
    } else if (err != DSC_OK) {
      dsc__op_fail(op, err, d);
    } else if (!st->answered) {
      dsc__op_fail(op, DSC_INTERNAL, NULL);
    } else {
      dsc__calendar_need(op, decide_and_write);
    }
  }
  dsc__free(g);
}

/* One batch: the read of every action of the group, plus the applicant's
 * ordinal for each fee notice (every notice charges the quote) and, for a
 * draft naming the request it repeats, what check_duplicate needs of that
 * one — read in the same transaction as the request. */
static void send_group(dsc_engine_t *e, dsc__pg_t *pg, read_group_t *g) {
  dsc__pg_batch_t *b = dsc__pg_batch_new(pg, on_group_read, g);
  dsc__pgarray_t ids, actors, targets;
  const char *v[3];
  dsc_err_t err = b ? DSC_OK : DSC_NOMEM;
  char num[24];

  dsc__pgarray_init(&ids);
  dsc__pgarray_init(&actors);
  dsc__pgarray_init(&targets);
  for (int i = 0; i < g->n; i++) {
    act_state_t *st = g->ops[i]->state;
    if (st->pg == NULL) { /* not when read again alone */
      if (pg == e->act_pg)
        e->act_busy->inflight_second++;
      else
        e->act_busy->inflight_main++;
    }
    st->pg = pg;
    snprintf(num, sizeof num, "%lld", (long long)st->id);
    dsc__pgarray_add(&ids, num);
    dsc__pgarray_add(&actors, g->ops[i]->actor);
    /* Only an assignment's target is looked up. */
    dsc__pgarray_add(&targets, st->action == DSC_ACTION_ASSIGN ? st->to : NULL);
  }
  v[0] = dsc__pgarray_finish(&ids);
  v[1] = dsc__pgarray_finish(&actors);
  v[2] = dsc__pgarray_finish(&targets);
  if (v[0] == NULL || v[1] == NULL || v[2] == NULL)
    err = DSC_NOMEM;
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_ACTION_READ_MANY, 3, v, on_read_rows, g);
  for (int i = 0; i < g->n && err == DSC_OK; i++) {
    act_state_t *st = g->ops[i]->state;
    if (st->action == DSC_ACTION_FEE_NOTICE) {
      const char *id[1] = {num};
      snprintf(num, sizeof num, "%lld", (long long)st->id);
      err = dsc__pg_batch_add(b, DSC_SQL_APPLICANT_ORDINAL, 1, id, on_ordinal,
                              g->ops[i]);
    } else if (st->duplicate_of > 0) { /* check_args: a draft's only */
      char earlier[24];
      const char *v2[2] = {num, earlier};
      snprintf(num, sizeof num, "%lld", (long long)st->id);
      snprintf(earlier, sizeof earlier, "%lld", (long long)st->duplicate_of);
      err = dsc__pg_batch_add(b, DSC_SQL_DUPLICATE_OF, 2, v2, on_earlier,
                              g->ops[i]);
    }
  }
  dsc__pgarray_free(&ids);
  dsc__pgarray_free(&actors);
  dsc__pgarray_free(&targets);
  if (err != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    for (int i = 0; i < g->n; i++)
      dsc__op_fail(g->ops[i], err, NULL);
    dsc__free(g);
    return;
  }
  dsc__pg_batch_send(b);
}

/* The connection of a read group (and of its writes). Once a turn brings
 * more than DSC_ACT_READ_MAX actions, the engine opens a second connection
 * and from then on sends each group to the one with fewer actions under
 * way, so that the server works on two processes (two cores) at once and
 * the two keep busy independently. Actions on one request never run at
 * the same time (see "one action at a time"), so the two never write the
 * same request. An engine that never has that many actions in one turn
 * (the CLI) keeps one connection. */
static dsc__pg_t *group_pg(dsc_engine_t *e, bool busy) {
  const struct dsc__act_busy *t = e->act_busy;
  if (busy && e->act_pg == NULL && e->conninfo != NULL &&
      dsc__pg_create(e->loop, e->conninfo, &e->act_pg_options, &e->act_pg) !=
          DSC_OK)
    e->act_pg = NULL;
  if (e->act_pg == NULL || t->inflight_main <= t->inflight_second)
    return e->pg;
  return e->act_pg;
}

void dsc__act_flush(dsc_engine_t *e) {
  /* Groups of equal size, DSC_ACT_READ_MAX at most. */
  int groups = ((int)e->acts.count + DSC_ACT_READ_MAX - 1) / DSC_ACT_READ_MAX;
  for (int k = 0; k < groups; k++) {
    int left = groups - k;
    int n = ((int)e->acts.count + left - 1) / left;
    read_group_t *g = dsc__malloc(sizeof *g + (size_t)n * sizeof g->ops[0]);
    if (g == NULL) {
      dsc__op_t *op;
      while ((op = dsc__op_queue_pop(&e->acts)) != NULL)
        dsc__op_fail(op, DSC_NOMEM, NULL);
      return;
    }
    g->n = n;
    for (int i = 0; i < n; i++)
      g->ops[i] = dsc__op_queue_pop(&e->acts);
    send_group(e, group_pg(e, groups > 1), g);
  }
}

dsc_err_t dsc_request_act(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                          dsc_action_t action, const dsc_action_args_t *args,
                          dsc_result_cb cb, void *data) {
  static const dsc_action_args_t none = {0};
  dsc__op_t *op;
  act_state_t *st;
  dsc_err_t err;

  if (e == NULL || ctx == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  if (args == NULL)
    args = &none;
  op = dsc__op_new(e, ctx, cb, data, sizeof *st, free_act_state);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  st->engine = e;
  st->id = id;
  st->action = action;
  st->params.approve = args->approve;
  st->params.outcome = args->outcome;
  st->params.late = args->late_reason != NULL;
  st->days = args->days;
  st->amount_fen = args->amount_fen;
  st->pages = args->pages;
  st->fee_method = args->fee_method;
  st->duplicate_of = args->duplicate_of;
  st->delivered_on = st->notified_on = DSC_DATE_NONE;
  st->bad_delivered_on =
      args->delivered_on &&
      dsc_date_parse(args->delivered_on, &st->delivered_on) != DSC_OK;
  st->bad_notified_on =
      args->notified_on &&
      dsc_date_parse(args->notified_on, &st->notified_on) != DSC_OK;
  /* The extension notice goes out with the decision unless said otherwise. */
  if ((action == DSC_ACTION_EXTEND || action == DSC_ACTION_LONGER_PERIOD) &&
      args->notified_on == NULL)
    st->notified_on = ctx->on;
  if (!dup_opt(&st->to, args->to) || !dup_opt(&st->text, args->text) ||
      !dup_opt(&st->comment, args->comment) ||
      !dup_opt(&st->channel, args->channel) || !dup_opt(&st->url, args->url) ||
      !dup_opt(&st->reason, args->reason) || !dup_opt(&st->note, args->note) ||
      !dup_opt(&st->agency, args->agency) ||
      !dup_opt(&st->backdate_reason, args->backdate_reason) ||
      !dup_opt(&st->authority, args->authority) ||
      !dup_opt(&st->late_reason, args->late_reason)) {
    dsc__op_discard(op);
    return DSC_NOMEM;
  }

  if (!dsc__op_require_actor(op))
    return DSC_OK;
  if ((err = dsc__check_on(ctx, &op->result.detail)) != DSC_OK ||
      (err = check_args(st, ctx, &op->result.detail)) != DSC_OK) {
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");

  if ((err = enqueue(op)) != DSC_OK) {
    dsc__op_discard(op);
    return err;
  }
  return DSC_OK;
}
