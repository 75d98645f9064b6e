/* The rules of a staff action that rest on what its read brought back:
 * the request's history, for the outcomes that need one, and the earlier
 * request a repeat names (act_args.h). */
#include "act_args.h"

bool dsc__act_needs_history(const dsc__act_args_t *a) {
  return a->action == DSC_ACTION_DRAFT &&
         (a->params.outcome == DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR ||
          a->params.outcome == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE);
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
dsc_err_t dsc__act_check_history(const dsc__act_args_t *a,
                                 const dsc_clock_t *clock, dsc_detail_t *d) {
  if (!dsc__act_needs_history(a))
    return DSC_OK;
  if (a->params.outcome == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE)
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
 * every draft. The facts came with the read (dsc_duplicate_of, as earlier). */
dsc_err_t dsc__act_check_duplicate(const dsc__act_args_t *a, int64_t id,
                                   const dsc__act_earlier_t *earlier,
                                   dsc_detail_t *d) {
  long long n = (long long)a->duplicate_of;

  if (a->action != DSC_ACTION_DRAFT ||
      a->params.outcome != DSC_OUTCOME_NOT_PROCESSED_DUPLICATE)
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
  if (n == id)
    return dsc_detail_setf(
        d, DSC_STATUTE, "duplicate_of",
        "request %lld cannot repeat itself: name the earlier request that was "
        "answered (Art. 36(六))",
        "第 %lld 号申请不能重复其自身：应指明已作出答复的在先申请（第三十六条"
        "第六项）",
        n);
  if (!earlier->found)
    return dsc_detail_setf(d, DSC_NOT_FOUND, "duplicate_of", "no request %lld",
                           "没有编号为 %lld 的申请", n);
  if (!earlier->identified)
    return dsc_detail_set(
        d, DSC_STATUTE, "applicant.id_number",
        "the applicant has no identity number (resident identity number or "
        "unified social credit code), so they cannot be identified and this "
        "application cannot be shown to repeat one of theirs (Art. 36(六))",
        "申请人无身份证件号码（居民身份证号码或统一社会信用代码），无法确认"
        "申请人身份，不能认定为重复申请（第三十六条第六项）");
  if (!earlier->same_applicant)
    return dsc_detail_setf(
        d, DSC_STATUTE, "duplicate_of",
        "request %lld is not the same applicant's (the same identity number, "
        "to the same agency): only the applicant's own application is "
        "repeated (Art. 36(六))",
        "第 %lld 号申请不是同一申请人（同一身份证件号码、向同一机关）提出的："
        "只有申请人本人重复申请的，方可不予重复处理（第三十六条第六项）",
        n);
  if (!earlier->answered)
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
