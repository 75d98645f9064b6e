/* Letters: dsc_letter_check, which refuses a letter lacking a fact or
 * setting its kind and outcome need (include/disclose/letter.h).
 *
 * The check is what keeps a blank out of a letter that a court may read: a
 * template prints a field unconditionally only where this file has made
 * sure the fact exists (tests/unit/test_letter.c renders every template
 * with random facts that pass the check and fails on any field that comes
 * out empty).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "disclose/letter.h"
#include "letter_int.h"
#include "names.h"

static bool contains(const char *s, const char *part) {
  return s != NULL && strstr(s, part) != NULL;
}

/* True when s names an article ("第十五条", "第15条") or a law by its
 * 《title》: what the reason of a withheld part must cite (Art. 37). */
static bool cites(const char *s) {
  const char *di = strstr(s, "第");
  return (di != NULL && strstr(di, "条") != NULL) ||
         (contains(s, "《") && contains(s, "》"));
}

/* Every string fact, for the encoding rule. */
static const struct string_fact {
  const char *field;
  size_t offset;
  bool multiline;
} string_facts[] = {
#define SF_(name, multi)                                                       \
  { #name, offsetof(dsc_letter_facts_t, name), multi }
    SF_(agency.full_name, false),
    SF_(agency.short_name, false),
    SF_(agency.address, false),
    SF_(agency.phone, false),
    SF_(agency.contact, false),
    SF_(agency.seal_caption, false),
    SF_(agency.reconsideration_body, false),
    SF_(agency.court, false),
    SF_(agency.fee_payment, true),
    SF_(corrects, false),
    SF_(applicant_name, false),
    SF_(representative, false),
    SF_(description, true),
    SF_(text, true),
    SF_(channel, false),
    SF_(published_url, false),
    SF_(law, false),
    SF_(other_agency, false),
    SF_(other_agency_contact, false),
    SF_(earlier_number, false),
    SF_(supplement_note, true),
    SF_(extension_reason, true),
    SF_(extension_approver, false),
    SF_(third_party, false),
    SF_(consultation_info, true),
    SF_(fee_arithmetic, true),
#undef SF_
};
#define N_STRING_FACTS (sizeof string_facts / sizeof string_facts[0])

static const char *string_at(const dsc_letter_facts_t *f, size_t i) {
  const char *const *p =
      (const char *const *)(const void *)((const char *)f +
                                          string_facts[i].offset);
  return *p;
}

static dsc_err_t missing(dsc_detail_t *d, const char *field, const char *en,
                         const char *zh) {
  return dsc_detail_set(d, DSC_INVALID, field, en, zh);
}

/* A date fact that must be given and lie within [lo, hi] (DSC_DATE_NONE:
 * unbounded on that side). The messages say which bound. */
static dsc_err_t need_date(dsc_detail_t *d, const char *field, dsc_date_t v,
                           dsc_date_t lo, dsc_date_t hi, const char *en_range,
                           const char *zh_range) {
  if (!dsc__letter_date_ok(v))
    return missing(d, field, "a date is required for this letter",
                   "该文书必须写明此日期");
  if ((lo != DSC_DATE_NONE && v < lo) || (hi != DSC_DATE_NONE && v > hi))
    return missing(d, field, en_range, zh_range);
  return DSC_OK;
}

/* unnumbered: number 0 passes (a letter rendered before the database
 * numbers it); the 文号's other parts are checked all the same. */
static dsc_err_t check_common(const dsc_letter_facts_t *f, bool unnumbered,
                              dsc_detail_t *d) {
  int year = 0;

  if ((unsigned)f->kind >= DSC_LETTER__COUNT)
    return missing(d, "kind", "unknown letter kind", "未知的文书种类");
  for (size_t i = 0; i < N_STRING_FACTS; i++) {
    const char *s = string_at(f, i);
    if (s != NULL && !dsc__letter_clean_text(s, string_facts[i].multiline))
      return missing(d, string_facts[i].field,
                     string_facts[i].multiline
                         ? "must be UTF-8 without control characters other "
                           "than line ends and tabs"
                         : "must be UTF-8 on one line, without control "
                           "characters",
                     string_facts[i].multiline
                         ? "必须是UTF-8文本，除换行和制表符外不得含控制字符"
                         : "必须是单行UTF-8文本，不得含控制字符");
  }
  if (dsc__letter_blank(f->agency.full_name))
    return missing(d, "agency.full_name",
                   "the agency's full name is not set (the letter's heading "
                   "and signature)",
                   "未设置本机关全称（文书标题和落款）");
  if (dsc__letter_blank(f->agency.seal_caption))
    return missing(d, "agency.seal_caption",
                   "the agency's seal caption is not set",
                   "未设置本机关印章说明文字");
  if (!dsc__letter_date_ok(f->date))
    return missing(d, "date", "the letter's date is required",
                   "必须写明文书日期");
  dsc_date_to_ymd(f->date, &year, NULL, NULL);
  if (f->year != year)
    return dsc_detail_setf(d, DSC_INVALID, "year",
                           "the number's year must be the letter date's "
                           "(%d)",
                           "文号年份必须与文书日期的年份（%d）一致", year);
  {
    char number[DSC_LETTER_NUMBER_STRLEN];
    dsc_err_t err = dsc_letter_number_format(
        f->agency.short_name, f->kind, f->year,
        unnumbered && f->number == 0 ? 1 : f->number, number, sizeof number, d);
    if (err != DSC_OK)
      return err;
  }
  /* The consultation names neither the applicant nor their words. */
  if (f->kind != DSC_LETTER_CONSULTATION) {
    if (dsc__letter_blank(f->applicant_name))
      return missing(d, "applicant_name", "the applicant's name is required",
                     "必须写明申请人姓名或名称");
    if (dsc__letter_blank(f->description))
      return missing(d, "description",
                     "the description of the information requested is "
                     "required",
                     "必须写明申请公开的政府信息内容描述");
  }
  return need_date(d, "received_on", f->received_on, DSC_DATE_NONE, f->date,
                   "the day of receipt is after the letter's date",
                   "收到申请日期晚于文书日期");
}

/* How the information goes out (Art. 36(二), Art. 40). */
static dsc_err_t check_provision(const dsc_letter_facts_t *f, dsc_detail_t *d) {
  static const char *const channels[] = {"in_person", "post", "online", "fax",
                                         "email"};
  bool electronic_only, paper_only;

  if (dsc__letter_blank(f->channel))
    return missing(d, "channel", "how the information is provided is required",
                   "必须写明提供政府信息的方式");
  if (dsc__name_index(channels, 5, f->channel) < 0)
    return missing(d, "channel",
                   "must be one of in_person, post, online, fax, email",
                   "必须是 in_person、post、online、fax、email 之一");
  if (strcmp(f->channel, "in_person") == 0 &&
      dsc__letter_blank(f->agency.address))
    return missing(d, "agency.address",
                   "the agency's address is not set (where the information "
                   "is collected)",
                   "未设置本机关地址（领取政府信息的地点）");
  if (f->form != DSC_FORM_NONE && f->form != DSC_FORM_PAPER &&
      f->form != DSC_FORM_ELECTRONIC)
    return missing(d, "form", "must be paper or electronic",
                   "必须是纸质或电子形式");
  electronic_only =
      strcmp(f->channel, "online") == 0 || strcmp(f->channel, "email") == 0;
  paper_only = strcmp(f->channel, "fax") == 0;
  if ((electronic_only && f->form == DSC_FORM_PAPER) ||
      (paper_only && f->form == DSC_FORM_ELECTRONIC))
    return missing(d, "form", "the form does not fit the channel",
                   "提供形式与提供方式不符");
  return DSC_OK;
}

static bool is_url(const char *s) {
  if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
    return false;
  return strpbrk(s, " \t") == NULL && strstr(s, "\u3000") == NULL &&
         strlen(s) > 8;
}

static dsc_err_t check_other_agency(const dsc_letter_facts_t *f,
                                    dsc_detail_t *d) {
  if (!dsc__letter_blank(f->other_agency) &&
      dsc__letter_blank(f->other_agency_contact))
    return missing(d, "other_agency_contact",
                   "the other agency named needs its contact (Art. 36(五))",
                   "告知其他机关的，必须写明其联系方式（第三十六条第五项）");
  return DSC_OK;
}

static dsc_err_t check_answer(const dsc_letter_facts_t *f, dsc_detail_t *d) {
  const dsc_outcome_t o = f->outcome;

  if (o <= DSC_OUTCOME_NONE || o >= DSC_OUTCOME__COUNT ||
      o == DSC_OUTCOME_OTHER_NO_SUPPLEMENT || o == DSC_OUTCOME_OTHER_FEE_UNPAID)
    return missing(d, "outcome",
                   "an answer needs an outcome other than none and the two "
                   "lapses (which a closing notice reports)",
                   "答复书必须有办理结果，且不能是逾期未补正或未缴费（由不再"
                   "处理告知书告知）");
  if (dsc__letter_blank(f->agency.reconsideration_body))
    return missing(d, "agency.reconsideration_body",
                   "the agency's reconsideration body is not set (the remedy "
                   "notice names it)",
                   "未设置本机关的行政复议机关（救济告知须写明）");
  if (!dsc_letter_refuses_disclosure(o) && dsc__letter_blank(f->agency.court))
    return missing(d, "agency.court",
                   "the agency's court is not set (the remedy notice of this "
                   "answer names it)",
                   "未设置管辖法院（本答复的救济告知须写明）");
  if (!dsc__letter_blank(f->published_url) && !is_url(f->published_url))
    return missing(d, "published_url", "must be an http(s) URL without spaces",
                   "必须是不含空格的 http(s) 网址");
  switch (o) {
  case DSC_OUTCOME_DISCLOSED:
    return dsc__letter_blank(f->published_url) ? check_provision(f, d) : DSC_OK;
  case DSC_OUTCOME_PARTIALLY_DISCLOSED:
    if (dsc__letter_blank(f->text) || !cites(f->text))
      return missing(d, "text",
                     "a partial disclosure must say what is withheld, why, "
                     "and the article it rests on (第…条 or a 《law》)",
                     "部分公开必须说明不予公开的内容、理由及所依据的条款"
                     "（第…条或《法律名称》）");
    return check_provision(f, d);
  case DSC_OUTCOME_WITHHELD_PROHIBITED_BY_LAW:
  case DSC_OUTCOME_WITHHELD_ADMINISTRATIVE_QUERY:
    if (dsc__letter_blank(f->law) || !contains(f->law, "《") ||
        !contains(f->law, "》"))
      return missing(d, "law",
                     "this outcome names the law or regulation it rests on, "
                     "with its 《title》",
                     "此办理结果必须写明所依据的法律、行政法规（含书名号）");
    return DSC_OK;
  case DSC_OUTCOME_UNAVAILABLE_NOT_HELD:
  case DSC_OUTCOME_NOT_PROCESSED_PETITION:
    return check_other_agency(f, d);
  case DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR:
    if (dsc__letter_blank(f->supplement_note))
      return missing(d, "supplement_note",
                     "the answer says what the supplement notice asked for",
                     "必须写明补正告知要求补正的事项");
    return need_date(d, "supplement_requested_on", f->supplement_requested_on,
                     f->received_on, f->date,
                     "the supplement notice's date must lie between the day "
                     "of receipt and the letter's date",
                     "补正告知日期必须在收到申请之日与文书日期之间");
  case DSC_OUTCOME_NOT_PROCESSED_DUPLICATE:
    if (dsc__letter_blank(f->earlier_number))
      return missing(d, "earlier_number",
                     "a duplicate's answer names the earlier answer's number",
                     "重复申请的答复必须写明此前答复的文号");
    return need_date(d, "earlier_date", f->earlier_date, DSC_DATE_NONE, f->date,
                     "the earlier answer's date is after this one's",
                     "此前答复的日期晚于本文书日期");
  case DSC_OUTCOME_NOT_PROCESSED_PUBLICATION:
    if (dsc__letter_blank(f->text) && dsc__letter_blank(f->published_url))
      return missing(d, "text",
                     "a publication's answer says where it can be had (text "
                     "or published_url)",
                     "公开出版物的答复必须告知获取途径（说明或网址）");
    return DSC_OK;
  case DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE:
  case DSC_OUTCOME_OTHER_OTHER:
    if (dsc__letter_blank(f->text))
      return missing(d, "text", "this outcome's answer states its reasons",
                     "此办理结果的答复必须说明理由");
    return DSC_OK;
  case DSC_OUTCOME_WITHHELD_STATE_SECRET:
  case DSC_OUTCOME_WITHHELD_SECURITY_STABILITY:
  case DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS:
  case DSC_OUTCOME_WITHHELD_INTERNAL_AFFAIRS:
  case DSC_OUTCOME_WITHHELD_PROCESS_INFORMATION:
  case DSC_OUTCOME_WITHHELD_ENFORCEMENT_FILES:
  case DSC_OUTCOME_UNAVAILABLE_NEEDS_CREATION:
  case DSC_OUTCOME_NOT_PROCESSED_CONFIRMATION:
    return DSC_OK; /* the template's wording and the article suffice */
  case DSC_OUTCOME_NONE:
  case DSC_OUTCOME_OTHER_NO_SUPPLEMENT:
  case DSC_OUTCOME_OTHER_FEE_UNPAID:
  case DSC_OUTCOME__COUNT:
    break; /* refused above */
  }
  return DSC_OK;
}

static dsc_err_t check_notice(const dsc_letter_facts_t *f, dsc_detail_t *d) {
  const char *const after_en = "the window's last day must come after the "
                               "letter's date";
  const char *const after_zh = "期限的最后一日必须晚于文书日期";

  if (f->kind == DSC_LETTER_SUPPLEMENT_NOTICE) {
    if (dsc__letter_blank(f->supplement_note))
      return missing(d, "supplement_note",
                     "the notice names everything to be supplemented "
                     "(Art. 30)",
                     "补正告知书必须一次性写明需要补正的事项（第三十条）");
    return need_date(d, "supplement_last_day", f->supplement_last_day,
                     f->date + 1, DSC_DATE_NONE, after_en, after_zh);
  }
  if (f->kind == DSC_LETTER_EXTENSION_NOTICE) {
    if (f->extension_days < 1 || f->extension_days > 20)
      return missing(d, "extension_days",
                     "an extension is 1 to 20 working days (Art. 33)",
                     "延长期限为1至20个工作日（第三十三条）");
    if (dsc__letter_blank(f->extension_reason))
      return missing(d, "extension_reason", "the reason is required",
                     "必须写明延期理由");
    if (dsc__letter_blank(f->extension_approver))
      return missing(d, "extension_approver",
                     "the head of the disclosure office must have agreed "
                     "(Art. 33 第二款)",
                     "延期须经政府信息公开工作机构负责人同意（第三十三条第二"
                     "款）");
    return need_date(d, "extension_due", f->extension_due, f->date + 1,
                     DSC_DATE_NONE,
                     "the new due date must come after the "
                     "letter's date",
                     "延期后的答复期限必须晚于文书日期");
  }
  if (f->kind == DSC_LETTER_CONSULTATION) {
    if (dsc__letter_blank(f->third_party))
      return missing(d, "third_party", "the third party's name is required",
                     "必须写明第三方名称");
    if (dsc__letter_blank(f->consultation_info))
      return missing(d, "consultation_info",
                     "the information concerned is required",
                     "必须写明所涉及的政府信息");
    return need_date(d, "consultation_last_day", f->consultation_last_day,
                     f->date + 1, DSC_DATE_NONE, after_en, after_zh);
  }
  if (f->kind == DSC_LETTER_FEE_NOTICE) {
    if (f->fee_method != DSC_FEE_BY_COUNT && f->fee_method != DSC_FEE_BY_VOLUME)
      return missing(d, "fee_method",
                     "the method applied is required: by count or by volume",
                     "必须写明计收方式：按件或按量");
    if (dsc__letter_blank(f->fee_arithmetic))
      return missing(d, "fee_arithmetic",
                     "the notice shows how the fee was reckoned",
                     "收费通知书必须列明计算过程");
    if (f->fee_fen <= 0)
      return missing(d, "fee_fen", "the amount must be more than zero",
                     "收费金额必须大于零");
    if (dsc__letter_blank(f->agency.fee_payment))
      return missing(d, "agency.fee_payment",
                     "the agency has not set how a fee is paid",
                     "未设置本机关信息处理费的缴纳方式");
    return need_date(d, "fee_last_day", f->fee_last_day, f->date + 1,
                     DSC_DATE_NONE, after_en, after_zh);
  }
  return DSC_OK;
}

/* A closing notice reports a window that has run out: it opened on the
 * notice's date and its last day is before the letter's. */
static dsc_err_t check_closing(const dsc_letter_facts_t *f, dsc_detail_t *d) {
  const char *const opened_en = "the notice's date must lie between the day "
                                "of receipt and the letter's date";
  const char *const opened_zh = "告知日期必须在收到申请之日与文书日期之间";
  const char *const ended_en = "the window must have ended before the "
                               "letter's date, and not before it opened";
  const char *const ended_zh = "期限必须在文书日期之前届满，且不早于告知日期";
  dsc_err_t err;

  if (f->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT) {
    if ((err = need_date(d, "supplement_requested_on",
                         f->supplement_requested_on, f->received_on, f->date,
                         opened_en, opened_zh)) != DSC_OK)
      return err;
    return need_date(d, "supplement_last_day", f->supplement_last_day,
                     f->supplement_requested_on, f->date - 1, ended_en,
                     ended_zh);
  }
  if (f->outcome == DSC_OUTCOME_OTHER_FEE_UNPAID) {
    if (f->fee_fen <= 0)
      return missing(d, "fee_fen", "the amount must be more than zero",
                     "收费金额必须大于零");
    if ((err = need_date(d, "fee_notified_on", f->fee_notified_on,
                         f->received_on, f->date, opened_en, opened_zh)) !=
        DSC_OK)
      return err;
    return need_date(d, "fee_last_day", f->fee_last_day, f->fee_notified_on,
                     f->date - 1, ended_en, ended_zh);
  }
  return missing(d, "outcome",
                 "a closing notice reports other.no_supplement or "
                 "other.fee_unpaid",
                 "不再处理告知书仅用于逾期未补正或逾期未缴费");
}

static dsc_err_t check(const dsc_letter_facts_t *facts, bool unnumbered,
                       dsc_detail_t *detail) {
  dsc_err_t err;

  if (facts == NULL)
    return DSC_MISUSE;
  if ((err = check_common(facts, unnumbered, detail)) != DSC_OK)
    return err;
  if (facts->kind == DSC_LETTER_ANSWER)
    return check_answer(facts, detail);
  if (facts->kind == DSC_LETTER_CLOSING_NOTICE)
    return check_closing(facts, detail);
  return check_notice(facts, detail);
}

dsc_err_t dsc_letter_check(const dsc_letter_facts_t *facts,
                           dsc_detail_t *detail) {
  return check(facts, false, detail);
}

dsc_err_t dsc__letter_check_unnumbered(const dsc_letter_facts_t *facts,
                                       dsc_detail_t *detail) {
  return check(facts, true, detail);
}
