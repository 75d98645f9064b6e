/* What the CLI prints: errors, the show object and lists, in the locale's
 * language (CONTRACT §2). JSON output never changes with the locale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* cli_tr for printf formats: both literals stay visible to the format
 * checker. */
#define TR(c, en, zh) ((c)->lang == DSC_LANG_ZH ? (zh) : (en))

const char *cli_tr(const cli_t *c, const char *en, const char *zh) {
  return c->lang == DSC_LANG_ZH ? zh : en;
}

int cli_fail(const cli_t *c, dsc_err_t err, const dsc_detail_t *detail) {
  char msg[700];
  dsc_detail_t d;
  if (detail == NULL || detail->code == DSC_OK) {
    dsc_detail_set(&d, err, NULL, dsc_strerror(err, c->lang), NULL);
    detail = &d;
  }
  dsc_detail_format(detail, c->lang, msg, sizeof msg);
  fprintf(stderr, "disclose: %s: %s\n", dsc_err_name(err), msg);
  return dsc_err_exit_code(err);
}

int cli_failf(const cli_t *c, dsc_err_t err, const char *field, const char *en,
              const char *zh) {
  dsc_detail_t d;
  dsc_detail_set(&d, err, field, en, zh);
  return cli_fail(c, err, &d);
}

void cli_print_json(const cJSON *o) {
  char *text = cJSON_Print(o);
  if (text) {
    puts(text);
    cJSON_free(text);
  }
}

static const char *str(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *dash(const char *s) { return s ? s : "—"; }

/* Display columns of UTF-8 text: East Asian wide characters take two, so
 * Chinese and English labels line up (bytes would not). */
static int display_width(const char *s) {
  int w = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    unsigned cp;
    int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    cp = n == 1 ? *p : (unsigned)(*p & (0xFF >> (n + 1)));
    for (int k = 1; k < n && p[k]; k++)
      cp = (cp << 6) | (p[k] & 0x3F);
    w += (cp >= 0x1100 &&
          (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6)))
             ? 2
             : 1;
    for (int k = 0; k < n && *p; k++)
      p++;
  }
  return w;
}

/* "  label" padded to 15 display columns. */
static void put_label(const cli_t *c, const char *en, const char *zh) {
  const char *l = cli_tr(c, en, zh);
  printf("  %s%*s", l, 15 - display_width(l), "");
}

/* The Chinese word for a state, a role of the desk's vocabulary. */
static const char *state_label(const cli_t *c, const char *state) {
  static const char *const map[][2] = {
      {"received", "已登记"}, {"assigned", "已分办"}, {"drafted", "已拟稿"},
      {"reviewed", "已审核"}, {"answered", "已答复"}, {"published", "已公开"},
      {"withdrawn", "已终止"}};
  if (state == NULL)
    return "—";
  if (c->lang == DSC_LANG_ZH)
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
      if (strcmp(map[i][0], state) == 0)
        return map[i][1];
  return state;
}

const char *cli_hold_label(const cli_t *c, const char *kind) {
  static const char *const map[][3] = {
      {"supplement", "supplement awaited", "等待补正"},
      {"third_party", "third party consultation", "征求第三方意见"},
      {"other_agency", "other agency consultation", "征求其他机关意见"},
      {"fee", "fee awaited", "等待缴纳信息处理费"},
      {"secrecy_review", "referred for determination (Art. 17)",
       "报请有关部门确定（第十七条）"},
      {"reasons", "applicant's reasons awaited (Art. 35)",
       "等待申请人说明理由（第三十五条）"}};
  if (kind == NULL)
    return "—";
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], kind) == 0)
      return cli_tr(c, map[i][1], map[i][2]);
  return kind;
}

static int num(const cJSON *o, const char *key, int dflt) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? (int)v->valuedouble : dflt;
}

static bool is_true(const cJSON *o, const char *key) {
  return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static bool open_state(const char *state) {
  dsc_state_t s;
  return state && dsc_state_parse(state, &s) == DSC_OK && dsc_state_is_open(s);
}

/* "N working days" / "N个工作日". */
static void put_workdays(const cli_t *c, int n) {
  if (c->lang == DSC_LANG_ZH)
    printf("%d个工作日", n);
  else
    printf("%d working day%s", n, n == 1 || n == -1 ? "" : "s");
}

/* True when the history holds an event of this action. */
static bool has_event(const cJSON *events, const char *action) {
  const cJSON *ev;
  cJSON_ArrayForEach(ev, events) {
    const char *a = str(ev, "action");
    if (a && strcmp(a, action) == 0)
      return true;
  }
  return false;
}

/* The deadline lines of show (CONTRACT §5, §7). */
static void print_clock(const cli_t *c, const cJSON *o) {
  const cJSON *hold = cJSON_GetObjectItemCaseSensitive(o, "hold");
  const cJSON *left = cJSON_GetObjectItemCaseSensitive(o, "workdays_left");
  const cJSON *on_time = cJSON_GetObjectItemCaseSensitive(o, "on_time");
  const cJSON *events = cJSON_GetObjectItemCaseSensitive(o, "events");
  bool open = open_state(str(o, "state"));
  int extended = num(o, "extended_days", 0),
      longer = num(o, "longer_period_days", 0),
      paused = num(o, "paused_workdays", 0);

  put_label(c, "clock start", "起算日期");
  printf("%s\n", dash(str(o, "clock_start")));
  put_label(c, "due", "答复期限");
  printf("%s", dash(str(o, "due_on")));
  if (is_true(o, "overdue"))
    printf("  %s", cli_tr(c, "(overdue)", "（已逾期）"));
  else if (is_true(o, "due_soon"))
    printf("  %s", cli_tr(c, "(due soon)", "（即将到期）"));
  putchar('\n');
  if (cJSON_IsObject(hold)) {
    put_label(c, "on hold", "暂停计时");
    printf("%s", cli_hold_label(c, str(hold, "kind")));
    printf(TR(c, ", since %s", "，自 %s 起"), dash(str(hold, "since")));
    if (str(hold, "delivered_on"))
      printf(TR(c, ", delivered %s", "，%s 送达"), str(hold, "delivered_on"));
    if (str(hold, "lapses_on"))
      printf(TR(c, ", lapses on %s", "，%s 届满"), str(hold, "lapses_on"));
    else if (strcmp(dash(str(hold, "kind")), "supplement") != 0 &&
             strcmp(dash(str(hold, "kind")), "secrecy_review") != 0)
      printf("%s", cli_tr(c, ", delivery not recorded: no window yet",
                          "，尚未登记送达，期限未起算"));
    putchar('\n');
  } else if (cJSON_IsNumber(left)) {
    int n = (int)left->valuedouble;
    put_label(c, "days left", "剩余工作日");
    if (n < 0) {
      printf("%s", cli_tr(c, "overdue by ", "已逾期"));
      put_workdays(c, -n);
    } else {
      put_workdays(c, n);
    }
    putchar('\n');
  }
  if (extended > 0) {
    put_label(c, "extended", "延长期限");
    put_workdays(c, extended);
    putchar('\n');
  }
  if (longer > 0) {
    put_label(c, "longer period", "延迟答复");
    put_workdays(c, longer);
    printf("%s", cli_tr(c, " (Art. 35)", "（第三十五条）"));
    putchar('\n');
  }
  if (paused > 0) {
    put_label(c, "paused", "暂停工作日");
    put_workdays(c, paused);
    putchar('\n');
  }
  if (open && str(o, "supplement_notice_due_on") &&
      !has_event(events, "request-supplement")) {
    put_label(c, "supplement by", "补正告知截止");
    printf("%s\n", str(o, "supplement_notice_due_on"));
  }
  if (cJSON_IsBool(on_time)) {
    put_label(c, "on time", "按期答复");
    printf("%s\n", cJSON_IsTrue(on_time)
                       ? cli_tr(c, "yes", "是")
                       : cli_tr(c, "no (late)", "否（逾期）"));
  }
}

/* The request's letters (issue 14): 文号, kind, date, delivery; then the
 * remedy periods once the answer is delivered. */
static void print_letters(const cli_t *c, const cJSON *o) {
  const cJSON *letters = cJSON_GetObjectItemCaseSensitive(o, "letters");
  const cJSON *remedy = cJSON_GetObjectItemCaseSensitive(o, "remedy");
  const cJSON *l;
  if (cJSON_GetArraySize(letters) > 0) {
    printf("  %s\n", cli_tr(c, "letters:", "文书："));
    cJSON_ArrayForEach(l, letters) {
      printf("   %s  %s  %s", dash(str(l, "number")), dash(str(l, "kind")),
             dash(str(l, "date")));
      if (str(l, "delivered_on"))
        printf("  %s %s (%s)", cli_tr(c, "delivered", "送达"),
               str(l, "delivered_on"), dash(str(l, "delivery_method")));
      else
        printf("  %s", cli_tr(c, "not delivered", "未送达"));
      printf("\n");
    }
  }
  if (cJSON_IsObject(remedy)) {
    put_label(c, "reconsider by", "复议期限");
    printf("%s\n", dash(str(remedy, "reconsideration_by")));
    put_label(c, "sue by", "起诉期限");
    printf("%s\n",
           str(remedy, "litigation_by")
               ? str(remedy, "litigation_by")
               : cli_tr(c, "after reconsideration only", "须先申请行政复议"));
  }
}

void cli_print_show(const cli_t *c, const cJSON *o) {
  const cJSON *app = cJSON_GetObjectItemCaseSensitive(o, "applicant");
  const cJSON *events = cJSON_GetObjectItemCaseSensitive(o, "events");
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
  const cJSON *ev;
  dsc_outcome_t outcome;
  const char *oc = str(o, "outcome");

  printf("%s #%lld  %s %s\n", cli_tr(c, "Request", "申请"),
         (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0),
         cli_tr(c, "state:", "状态："), state_label(c, str(o, "state")));
  put_label(c, "agency", "机关");
  printf("%s\n", dash(str(o, "agency")));
  put_label(c, "applicant", "申请人");
  printf("%s  (%s)\n", dash(str(app, "name")), dash(str(app, "type")));
  if (str(app, "id_number")) {
    put_label(c, "id number", "证件号码");
    printf("%s\n", str(app, "id_number"));
  }
  put_label(c, "received", "收到日期");
  printf("%s  %s\n", dash(str(o, "received_on")), dash(str(o, "channel")));
  print_clock(c, o);
  put_label(c, "assignee", "承办人");
  printf("%s\n", dash(str(o, "assignee")));
  if (oc && dsc_outcome_parse(oc, &outcome) == DSC_OK) {
    put_label(c, "outcome", "办理结果");
    printf("%s  %s\n", oc, dsc_outcome_label(outcome));
  }
  if (str(o, "answered_on")) {
    put_label(c, "answered", "答复日期");
    printf("%s\n", str(o, "answered_on"));
  }
  if (str(o, "closed_on") && !str(o, "answered_on")) {
    put_label(c, "closed", "终止日期");
    printf("%s\n", str(o, "closed_on"));
  }
  if (str(o, "published_url")) {
    put_label(c, "published", "公开网址");
    printf("%s\n", str(o, "published_url"));
  }
  print_letters(c, o);
  if (cJSON_IsArray(events)) {
    printf("  %s\n", cli_tr(c, "history:", "办理记录："));
    cJSON_ArrayForEach(ev, events) {
      const cJSON *seq = cJSON_GetObjectItemCaseSensitive(ev, "seq");
      printf("   %3d  %s  %-20s %-10s %s\n",
             cJSON_IsNumber(seq) ? (int)seq->valuedouble : 0,
             dash(str(ev, "on")), dash(str(ev, "action")),
             dash(str(ev, "actor")), state_label(c, str(ev, "state")));
    }
  }
}

/* s, then spaces up to width display columns, then the gap. */
static void put_cell(const char *s, int width) {
  printf("%s%*s  ", s,
         width - display_width(s) > 0 ? width - display_width(s) : 0, "");
}

void cli_print_list(const cli_t *c, const cJSON *arr) {
  const cJSON *o;
  int n = 0;
  printf("%6s  ", "#");
  put_cell(cli_tr(c, "state", "状态"), 10);
  put_cell(cli_tr(c, "received", "收到"), 10);
  put_cell(cli_tr(c, "due", "期限"), 10);
  put_cell(cli_tr(c, "left", "剩余"), 5);
  put_cell(cli_tr(c, "assignee", "承办人"), 12);
  printf("%s\n", cli_tr(c, "applicant", "申请人"));
  cJSON_ArrayForEach(o, arr) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *app = cJSON_GetObjectItemCaseSensitive(o, "applicant");
    const cJSON *left = cJSON_GetObjectItemCaseSensitive(o, "workdays_left");
    char lbuf[16];
    if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(o, "hold")))
      snprintf(lbuf, sizeof lbuf, "%s", cli_tr(c, "hold", "暂停"));
    else if (cJSON_IsNumber(left))
      snprintf(lbuf, sizeof lbuf, "%d%s", (int)left->valuedouble,
               is_true(o, "overdue") ? "!" : "");
    else
      snprintf(lbuf, sizeof lbuf, "—");
    printf("%6lld  ", (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0));
    put_cell(state_label(c, str(o, "state")), 10);
    put_cell(dash(str(o, "received_on")), 10);
    put_cell(dash(str(o, "due_on")), 10);
    put_cell(lbuf, 5);
    put_cell(dash(str(o, "assignee")), 12);
    printf("%s\n", dash(str(app, "name")));
    n++;
  }
  printf(c->lang == DSC_LANG_ZH ? "共 %d 件\n" : "%d request(s)\n", n);
}

/* ---- show --explain ---------------------------------------------------- */

static const char *weekday_label(const cli_t *c, const char *date) {
  static const char *const en[] = {"Mon", "Tue", "Wed", "Thu",
                                   "Fri", "Sat", "Sun"};
  static const char *const zh[] = {"周一", "周二", "周三", "周四",
                                   "周五", "周六", "周日"};
  dsc_date_t d;
  int w;
  if (date == NULL || dsc_date_parse(date, &d) != DSC_OK)
    return "";
  w = dsc_date_weekday(d);
  if (w < 1 || w > 7)
    return "";
  return c->lang == DSC_LANG_ZH ? zh[w - 1] : en[w - 1];
}

/* The hold kind of the paused span that holds date (from < date <= to). */
static const char *span_kind(const cJSON *spans, const char *date) {
  const cJSON *sp;
  cJSON_ArrayForEach(sp, spans) {
    const char *from = str(sp, "from"), *to = str(sp, "to");
    /* ISO dates compare as strings. */
    if (from && to && strcmp(from, date) < 0 && strcmp(date, to) <= 0)
      return str(sp, "kind");
  }
  return NULL;
}

static void print_day(const cli_t *c, const cJSON *day, const cJSON *spans) {
  const char *date = str(day, "date"), *kind = str(day, "kind");
  int n = num(day, "n", 0);

  if (date == NULL || kind == NULL)
    return;
  printf("    %s  %s  ", date, weekday_label(c, date));
  if (strcmp(kind, "counted") == 0)
    printf(TR(c, "working day %d", "第%d个工作日"), n);
  else if (strcmp(kind, "makeup") == 0)
    printf(TR(c, "make-up working day %d", "调休上班日，第%d个工作日"), n);
  else if (strcmp(kind, "extended") == 0)
    printf(TR(c, "extension day %d", "延长期第%d日"),
           n - DSC_CLOCK_ANSWER_DAYS);
  else if (strcmp(kind, "paused") == 0)
    printf(TR(c, "paused (%s)", "暂停计算（%s）"),
           cli_hold_label(c, span_kind(spans, date)));
  else if (strcmp(kind, "holiday") == 0)
    printf("%s", cli_tr(c, "holiday", "法定节假日"));
  else if (strcmp(kind, "weekend") == 0)
    printf("%s", cli_tr(c, "weekend", "周末"));
  else
    printf("%s", kind);
  putchar('\n');
}

void cli_print_explain(const cli_t *c, const cJSON *o) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
  const cJSON *ex = cJSON_GetObjectItemCaseSensitive(o, "explain");
  const cJSON *days, *spans, *day, *sp;
  int extended;

  printf(TR(c, "Request #%lld: how the due date is counted\n",
            "申请 #%lld  答复期限计算明细\n"),
         (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0));
  if (!cJSON_IsObject(ex)) {
    const cJSON *hold = cJSON_GetObjectItemCaseSensitive(o, "hold");
    printf("  %s\n", cli_tr(c, "no due date: a supplement is awaited",
                            "正在等待补正，暂无答复期限"));
    if (cJSON_IsObject(hold) && str(hold, "lapses_on")) {
      put_label(c, "lapses on", "补正期限");
      printf("%s\n", str(hold, "lapses_on"));
    }
    return;
  }
  days = cJSON_GetObjectItemCaseSensitive(ex, "days");
  spans = cJSON_GetObjectItemCaseSensitive(ex, "paused");
  put_label(c, "clock start", "起算日期");
  printf("%s  %s\n", dash(str(ex, "clock_start")),
         weekday_label(c, str(ex, "clock_start")));
  cJSON_ArrayForEach(day, days) print_day(c, day, spans);
  cJSON_ArrayForEach(sp, spans) {
    put_label(c, "paused", "暂停计算");
    printf(TR(c, "%s %s → %s: ", "%s %s 至 %s："),
           cli_hold_label(c, str(sp, "kind")), dash(str(sp, "from")),
           dash(str(sp, "to")));
    put_workdays(c, num(sp, "workdays", 0));
    if (is_true(sp, "open"))
      printf("%s", cli_tr(c, " (still open)", "（尚未结束）"));
    putchar('\n');
  }
  extended = num(ex, "extended_days", 0);
  if (extended > 0) {
    put_label(c, "extended", "延长期限");
    put_workdays(c, extended);
    putchar('\n');
  }
  {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(ex, "voided_extension");
    if (cJSON_IsObject(v)) {
      put_label(c, "voided", "延长作废");
      put_workdays(c, num(v, "days", 0));
      printf(TR(c,
                " of extension voided: the supplement of %s restarted the "
                "period (Art. 30)",
                "的延长已作废：%s 收到补正后重新计算答复期限（第三十条）"),
             dash(str(v, "on")));
      putchar('\n');
    }
  }
  put_label(c, "due", "答复期限");
  printf("%s  %s\n", dash(str(ex, "due_on")),
         weekday_label(c, str(ex, "due_on")));
}

/* ---- fee-quote, calendar import ---------------------------------------- */

void cli_print_fee_quote(const cli_t *c, const cJSON *o) {
  const char *method = str(o, "method");
  bool volume = method && strcmp(method, "volume") == 0;
  printf("%s\n",
         dash(str(o, c->lang == DSC_LANG_ZH ? "arithmetic_zh" : "arithmetic")));
  if (c->lang == DSC_LANG_ZH)
    printf("应收信息处理费：%s 元（%s）\n", dash(str(o, "amount")),
           volume ? "按量计收" : "按件计收");
  else
    printf("fee: %s yuan (%s)\n", dash(str(o, "amount")),
           volume ? "by volume" : "by count");
}

void cli_print_import(const cli_t *c, const cJSON *o) {
  const cJSON *years = cJSON_GetObjectItemCaseSensitive(o, "years"), *y;
  bool first = true;

  printf("%s", cli_tr(c, "imported years ", "已导入 "));
  cJSON_ArrayForEach(y, years) {
    if (!cJSON_IsNumber(y))
      continue;
    printf("%s%d", first ? "" : cli_tr(c, ", ", "、"), (int)y->valuedouble);
    first = false;
  }
  if (c->lang == DSC_LANG_ZH)
    printf(" 年的节假日安排（%d 行）；%d 件未办结申请的期限已调整\n",
           num(o, "rows", 0), num(o, "moved", 0));
  else
    printf(" (%d rows); %d open requests' deadlines moved\n", num(o, "rows", 0),
           num(o, "moved", 0));
}
