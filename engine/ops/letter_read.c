/* Letters: the facts of one letter, gathered from the request's snapshot,
 * the events its letters report and its agency (letter_read.h). Which event
 * each kind reports, and when the kind fits, is said in letter_store.h.
 */
#include "letter_read.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "cell.h"
#include "roles.h"

/* The columns of DSC_SQL_LETTER_READ (pg/sql.c). */
enum {
  COL_ID,
  COL_VERSION,
  COL_STATE,
  COL_HOLD,
  COL_HOLD_LAPSES_ON,
  COL_LAST_ON,
  COL_OUTCOME,
  COL_CHANNEL,
  COL_FORM,
  COL_RECEIVED_ON,
  COL_APPLICANT_NAME,
  COL_DESCRIPTION,
  COL_DUE_ON,
  COL_FEE_AMOUNT_FEN,
  COL_AGENCY, /* nine columns, in dsc_letter_agency_t order */
  COL_ROLES = COL_AGENCY + 9,
  COL_EVENTS,
  COL_EARLIER
};

#define N_AGENCY (sizeof((dsc__letter_read_t *)0)->agency / sizeof(char *))

static bool copy_opt(char **dst, const char *src) {
  *dst = src ? dsc__strdup(src) : NULL;
  return src == NULL || *dst != NULL;
}

static bool parse_opt(cJSON **dst, const char *src) {
  *dst = src ? cJSON_Parse(src) : NULL;
  return src == NULL || *dst != NULL;
}

dsc_err_t dsc__letter_read_copy(const PGresult *res, dsc__letter_read_t *r) {
  bool ok = true;
  memset(r, 0, sizeof *r);
  if (PQntuples(res) != 1)
    return DSC_OK;
  r->actor_found = dsc__cell(res, 0, COL_ROLES) != NULL;
  r->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, COL_ROLES));
  if (dsc__cell(res, 0, COL_ID) == NULL)
    return DSC_OK;
  r->found = true;
  r->id = dsc__cell_int(res, 0, COL_ID);
  r->version = (int)dsc__cell_int(res, 0, COL_VERSION);
  if (dsc_state_parse(dsc__cell(res, 0, COL_STATE), &r->state) != DSC_OK)
    r->state = DSC_STATE_NONE;
  if (dsc__cell(res, 0, COL_HOLD) == NULL ||
      dsc_hold_parse(dsc__cell(res, 0, COL_HOLD), &r->hold) != DSC_OK)
    r->hold = DSC_HOLD_NONE;
  if (dsc__cell(res, 0, COL_OUTCOME) == NULL ||
      dsc_outcome_parse(dsc__cell(res, 0, COL_OUTCOME), &r->outcome) != DSC_OK)
    r->outcome = DSC_OUTCOME_NONE;
  if (dsc__cell(res, 0, COL_FORM) == NULL ||
      dsc_form_parse(dsc__cell(res, 0, COL_FORM), &r->form) != DSC_OK)
    r->form = DSC_FORM_NONE;
  r->hold_lapses_on = dsc__cell_date(res, 0, COL_HOLD_LAPSES_ON);
  r->last_on = dsc__cell_date(res, 0, COL_LAST_ON);
  r->received_on = dsc__cell_date(res, 0, COL_RECEIVED_ON);
  r->due_on = dsc__cell_date(res, 0, COL_DUE_ON);
  r->fee_amount_fen = dsc__cell(res, 0, COL_FEE_AMOUNT_FEN)
                          ? dsc__cell_int(res, 0, COL_FEE_AMOUNT_FEN)
                          : 0;
  ok = copy_opt(&r->channel, dsc__cell(res, 0, COL_CHANNEL)) &&
       copy_opt(&r->applicant_name, dsc__cell(res, 0, COL_APPLICANT_NAME)) &&
       copy_opt(&r->description, dsc__cell(res, 0, COL_DESCRIPTION));
  for (size_t i = 0; ok && i < N_AGENCY; i++)
    ok = copy_opt(&r->agency[i], dsc__cell(res, 0, COL_AGENCY + (int)i));
  ok = ok && parse_opt(&r->events, dsc__cell(res, 0, COL_EVENTS)) &&
       parse_opt(&r->earlier, dsc__cell(res, 0, COL_EARLIER));
  if (!ok) {
    dsc__letter_read_clear(r);
    return DSC_NOMEM;
  }
  return DSC_OK;
}

void dsc__letter_read_clear(dsc__letter_read_t *r) {
  dsc__free(r->channel);
  dsc__free(r->applicant_name);
  dsc__free(r->description);
  for (size_t i = 0; i < N_AGENCY; i++)
    dsc__free(r->agency[i]);
  cJSON_Delete(r->events);
  cJSON_Delete(r->earlier);
  memset(r, 0, sizeof *r);
}

/* ---- The events ---------------------------------------------------------- */

static const char *str_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const cJSON *payload_of(const cJSON *ev) {
  return cJSON_GetObjectItemCaseSensitive(ev, "payload");
}

static const char *payload_str(const cJSON *ev, const char *key) {
  return str_of(payload_of(ev), key);
}

static dsc_date_t date_of(const cJSON *o, const char *key) {
  dsc_date_t d;
  const char *s = str_of(o, key);
  return s && dsc_date_parse(s, &d) == DSC_OK ? d : DSC_DATE_NONE;
}

/* The latest event of action (its name), or NULL. */
static const cJSON *latest(const dsc__letter_read_t *r, const char *action) {
  const cJSON *found = NULL, *ev;
  cJSON_ArrayForEach(ev, r->events) {
    const char *a = str_of(ev, "action");
    if (a && strcmp(a, action) == 0)
      found = ev;
  }
  return found;
}

/* The latest letter of kind, or NULL; with number, the one so numbered. */
static const cJSON *letter_of(const dsc__letter_read_t *r, const char *kind,
                              const char *number) {
  const cJSON *found = NULL, *ev;
  cJSON_ArrayForEach(ev, r->events) {
    const char *a = str_of(ev, "action"), *k = payload_str(ev, "kind"),
               *n = payload_str(ev, "number");
    if (a && strcmp(a, "letter") == 0 && k && strcmp(k, kind) == 0 &&
        (number == NULL || (n && strcmp(n, number) == 0)))
      found = ev;
  }
  return found;
}

/* ---- Gathering ----------------------------------------------------------- */

static dsc_err_t unfit(dsc_detail_t *d, const char *en, const char *zh) {
  return dsc_detail_set(d, DSC_CONFLICT, "kind", en, zh);
}

static dsc_err_t gather_answer(const dsc__letter_read_t *r,
                               const dsc_letter_args_t *args,
                               dsc_letter_facts_t *f, dsc_detail_t *d) {
  const cJSON *draft = latest(r, "draft"),
              *issued = letter_of(r, "answer", NULL);
  const cJSON *supplement = latest(r, "request-supplement");

  if (issued && args->corrects == NULL)
    return dsc_detail_setf(d, DSC_CONFLICT, "corrects",
                           "the answer letter %s was issued already; a "
                           "correction names it (--corrects)",
                           "答复书 %s 已经出具；更正须指明所更正的文书"
                           "（--corrects）",
                           payload_str(issued, "number"));
  if (!issued && (r->state != DSC_STATE_REVIEWED || r->hold != DSC_HOLD_NONE))
    return unfit(d,
                 "an answer letter is issued once its draft is reviewed, "
                 "with nothing awaited (state reviewed, no hold)",
                 "答复书须在拟稿审核通过、且无待办事项时出具（状态 reviewed，"
                 "无暂停）");
  if (draft == NULL || r->outcome == DSC_OUTCOME_NONE)
    return unfit(d, "the request has no reviewed draft to answer with",
                 "该申请没有可据以答复的已审核拟稿");
  f->outcome = r->outcome;
  f->text = payload_str(draft, "text");
  f->law = payload_str(draft, "law");
  f->other_agency = payload_str(draft, "agency");
  f->other_agency_contact = payload_str(draft, "contact");
  f->published_url = payload_str(draft, "url");
  f->channel = payload_str(draft, "channel");
  if (f->channel == NULL)
    f->channel = r->channel; /* provided the way it was asked for */
  f->form = r->form;
  if (supplement) {
    f->supplement_note = payload_str(supplement, "note");
    f->supplement_requested_on = date_of(supplement, "on");
  }
  if (r->earlier) {
    f->earlier_number = str_of(r->earlier, "number");
    f->earlier_date = date_of(r->earlier, "date");
  }
  if (latest(r, "consult-third-party"))
    f->third_party = "第三方";
  return DSC_OK;
}

/* A window's last day: the hold's, when its letter's delivery fixed it;
 * otherwise n working days from the letter's date, the earliest delivery. */
static dsc_err_t window_end(const dsc__letter_read_t *r, dsc_date_t on, int n,
                            const dsc_calendar_t *cal, dsc_date_t *out,
                            dsc_detail_t *d) {
  if (r->hold_lapses_on != DSC_DATE_NONE) {
    *out = r->hold_lapses_on;
    return DSC_OK;
  }
  if (cal == NULL)
    return dsc_detail_set(d, DSC_CALENDAR_GAP, "calendar",
                          "no working-day calendar is loaded",
                          "未载入工作日历");
  return dsc_calendar_add_workdays(cal, on, n, out, d);
}

static dsc_err_t gather_closing(const dsc__letter_read_t *r,
                                dsc_letter_facts_t *f, dsc_detail_t *d) {
  const cJSON *lapse = latest(r, "lapse");
  if (r->state != DSC_STATE_WITHDRAWN || lapse == NULL ||
      (r->outcome != DSC_OUTCOME_OTHER_NO_SUPPLEMENT &&
       r->outcome != DSC_OUTCOME_OTHER_FEE_UNPAID))
    return unfit(
        d,
        "a closing notice reports a request withdrawn because a "
        "supplement or a fee did not come in time",
        "终止处理告知书只用于因逾期不补正或逾期不缴费而不再处理的申请");
  f->outcome = r->outcome;
  if (r->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT) {
    const cJSON *ev = latest(r, "request-supplement");
    const cJSON *notice = letter_of(r, "supplement-notice", NULL);
    f->supplement_requested_on = ev ? date_of(ev, "on") : DSC_DATE_NONE;
    f->supplement_note = ev ? payload_str(ev, "note") : NULL;
    f->supplement_last_day = date_of(lapse, "on");
    f->earlier_number = notice ? payload_str(notice, "number") : NULL;
  } else {
    const cJSON *ev = latest(r, "fee-notice");
    const cJSON *notice = letter_of(r, "fee-notice", NULL);
    f->fee_fen = r->fee_amount_fen;
    f->fee_notified_on = ev ? date_of(ev, "on") : DSC_DATE_NONE;
    f->fee_last_day = date_of(lapse, "on");
    f->earlier_number = notice ? payload_str(notice, "number") : NULL;
  }
  return DSC_OK;
}

dsc_err_t dsc__letter_gather(const dsc__letter_read_t *r,
                             const dsc_letter_args_t *args, dsc_date_t on,
                             const dsc_calendar_t *cal, dsc_letter_facts_t *f,
                             dsc_detail_t *d) {
  const char *kind = dsc_letter_kind_name(args->kind);
  const cJSON *ev;
  dsc_err_t err;

  dsc_letter_facts_init(f);
  f->kind = args->kind;
  f->date = on;
  f->year = 0;
  f->number = 0;
  {
    int y, m, day;
    dsc_date_to_ymd(on, &y, &m, &day);
    f->year = y;
  }
  f->agency = (dsc_letter_agency_t){r->agency[0], r->agency[1], r->agency[2],
                                    r->agency[3], r->agency[4], r->agency[5],
                                    r->agency[6], r->agency[7], r->agency[8]};
  f->applicant_name = r->applicant_name;
  f->received_on = r->received_on;
  f->description = r->description;
  f->corrects = args->corrects;

  if (args->to && args->kind != DSC_LETTER_CONSULTATION)
    return dsc_detail_set(d, DSC_INVALID, "to",
                          "only a consultation is addressed to someone named",
                          "只有征求第三方意见书需要指明收件人");
  if (args->corrects && letter_of(r, kind, args->corrects) == NULL)
    return dsc_detail_setf(d, DSC_CONFLICT, "corrects",
                           "request %lld has no %s letter %s to correct",
                           "申请 %lld 没有可更正的%s文书 %s", (long long)r->id,
                           kind, args->corrects);

  switch (args->kind) {
  case DSC_LETTER_ANSWER:
    return gather_answer(r, args, f, d);
  case DSC_LETTER_SUPPLEMENT_NOTICE:
    ev = latest(r, "request-supplement");
    if (r->hold != DSC_HOLD_SUPPLEMENT || ev == NULL)
      return unfit(d,
                   "a supplement notice goes out while the supplement is "
                   "awaited (request-supplement first)",
                   "补正告知书须在等待补正期间出具（先 request-supplement）");
    f->supplement_note = payload_str(ev, "note");
    f->supplement_requested_on = date_of(ev, "on");
    f->supplement_last_day = r->hold_lapses_on;
    return DSC_OK;
  case DSC_LETTER_EXTENSION_NOTICE:
    ev = latest(r, "extend");
    if (ev == NULL)
      return unfit(d, "no extension is recorded (extend first)",
                   "该申请没有延期记录（先 extend）");
    {
      const cJSON *days =
          cJSON_GetObjectItemCaseSensitive(payload_of(ev), "days");
      f->extension_days = cJSON_IsNumber(days) ? days->valueint : 0;
      f->extension_reason = payload_str(ev, "reason");
      f->extension_due = r->due_on;
      f->extension_approver = str_of(ev, "actor_name");
    }
    return DSC_OK;
  case DSC_LETTER_CONSULTATION:
    ev = latest(r, "consult-third-party");
    if (r->hold != DSC_HOLD_THIRD_PARTY || ev == NULL)
      return unfit(d,
                   "a consultation goes out while the third party is "
                   "consulted (consult-third-party first)",
                   "征求意见书须在征求第三方意见期间出具（先 "
                   "consult-third-party）");
    if (args->to == NULL)
      return dsc_detail_set(d, DSC_INVALID, "to",
                            "the third party's name is required (--to)",
                            "必须填写第三方的名称（--to）");
    f->third_party = args->to;
    f->consultation_info = payload_str(ev, "note");
    if (f->consultation_info == NULL)
      return dsc_detail_set(d, DSC_INVALID, "note",
                            "the consultation records no --note saying which "
                            "information concerns the third party",
                            "征求意见记录没有说明涉及第三方的信息（--note）");
    return window_end(r, on, 15, cal, &f->consultation_last_day, d);
  case DSC_LETTER_FEE_NOTICE:
    ev = latest(r, "fee-notice");
    if (r->hold != DSC_HOLD_FEE || ev == NULL)
      return unfit(d,
                   "a fee notice goes out while the fee is awaited "
                   "(fee-notice first)",
                   "收费通知书须在等待缴费期间出具（先 fee-notice）");
    if (payload_str(ev, "method") == NULL ||
        dsc_fee_method_parse(payload_str(ev, "method"), &f->fee_method, NULL) !=
            DSC_OK)
      f->fee_method = DSC_FEE_CHEAPER; /* refused by the check, named */
    f->fee_arithmetic = payload_str(ev, "arithmetic");
    f->fee_fen = r->fee_amount_fen;
    f->fee_notified_on = date_of(ev, "on");
    err = window_end(r, on, 20, cal, &f->fee_last_day, d);
    return err;
  case DSC_LETTER_CLOSING_NOTICE:
    return gather_closing(r, f, d);
  case DSC_LETTER__COUNT:
    break;
  }
  return dsc_detail_set(d, DSC_INVALID, "kind", "not a letter kind",
                        "不是有效的文书种类");
}
