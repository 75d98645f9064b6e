/* The statutory clock's commands (CONTRACT §5, §7): supplements,
 * consultations, fees, the extension and the working-day calendar. Split
 * from main.c, which keeps the command table and the workflow's own steps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "front.h"
#include "remote.h"

int cli_cmd_request_supplement(cli_t *c) {
  dsc_action_args_t a = {.note = c->note};
  int rc;
  if (c->note == NULL)
    return cli_usage_error(
        c, "request-supplement ID --note TEXT [--reply-within N]",
        "request-supplement 编号 --note 补正内容 "
        "[--reply-within 工作日数]");
  if (c->reply_within &&
      (rc = cli_parse_count(c, c->reply_within, "reply-within",
                            DSC_CLOCK_SUPPLEMENT_REPLY_MIN,
                            DSC_CLOCK_SUPPLEMENT_REPLY_MAX, &a.days)) != 0)
    return rc;
  return cli_act(c, DSC_ACTION_REQUEST_SUPPLEMENT, &a, "supplement requested",
                 "已要求补正");
}

int cli_cmd_supplement_received(cli_t *c) {
  dsc_action_args_t a = {.late_reason = c->late_reason};
  return cli_act(
      c, DSC_ACTION_SUPPLEMENT_RECEIVED, &a,
      c->late_reason ? "late supplement accepted; the request is open again "
                       "and the clock starts again"
                     : "supplement received; the clock starts again",
      c->late_reason ? "已受理逾期补正，申请恢复办理，重新计算答复期限"
                     : "已收到补正材料，重新计算答复期限");
}

int cli_cmd_consult_third_party(cli_t *c) {
  dsc_action_args_t a = {.note = c->note};
  return cli_act(c, DSC_ACTION_CONSULT_THIRD_PARTY, &a,
                 "third party consulted; the clock is paused",
                 "已征求第三方意见，暂停计算期限");
}

int cli_cmd_third_party_replied(cli_t *c) {
  return cli_act(c, DSC_ACTION_THIRD_PARTY_REPLIED, NULL,
                 "third party replied; the clock runs again",
                 "第三方已答复，恢复计算期限");
}

int cli_cmd_consult_agency(cli_t *c) {
  dsc_action_args_t a = {.agency = c->agency, .note = c->note};
  if (c->agency == NULL)
    return cli_usage_error(
        c, "consult-agency ID --agency NAME [--note TEXT]",
        "consult-agency 编号 --agency 机关名称 [--note 说明]");
  return cli_act(c, DSC_ACTION_CONSULT_AGENCY, &a,
                 "other agency consulted; the clock is paused",
                 "已征求其他机关意见，暂停计算期限");
}

int cli_cmd_delivered(cli_t *c) {
  return cli_act(c, DSC_ACTION_DELIVERED, NULL,
                 "delivery recorded; the other side's window runs from it",
                 "已登记送达日期，对方期限自送达之日起计算");
}

int cli_cmd_refer_secrecy(cli_t *c) {
  dsc_action_args_t a = {.authority = c->authority, .note = c->note};
  if (c->authority == NULL)
    return cli_usage_error(c, "refer-secrecy ID --authority NAME [--note TEXT]",
                           "refer-secrecy 编号 --authority "
                           "主管部门或保密行政管理部门 [--note 说明]");
  return cli_act(c, DSC_ACTION_REFER_SECRECY, &a,
                 "referred for determination (Art. 17); the clock is paused",
                 "已报请有关部门确定（第十七条），暂停计算期限");
}

int cli_cmd_secrecy_replied(cli_t *c) {
  return cli_act(c, DSC_ACTION_SECRECY_REPLIED, NULL,
                 "determination received; the clock runs again",
                 "已收到确定意见，恢复计算期限");
}

/* Art. 35: applications clearly beyond a reasonable number or frequency. */
int cli_cmd_require_reasons(cli_t *c) {
  dsc_action_args_t a = {.note = c->note};
  int rc;
  if (c->note == NULL)
    return cli_usage_error(
        c, "require-reasons ID --note TEXT [--reply-within N]",
        "require-reasons 编号 --note 需说明的内容 [--reply-within 工作日数]");
  if (c->reply_within &&
      (rc = cli_parse_count(c, c->reply_within, "reply-within",
                            DSC_CLOCK_SUPPLEMENT_REPLY_MIN,
                            DSC_CLOCK_SUPPLEMENT_REPLY_MAX, &a.days)) != 0)
    return rc;
  return cli_act(c, DSC_ACTION_REQUIRE_REASONS, &a,
                 "reasons required (Art. 35); the clock is paused",
                 "已要求申请人说明理由（第三十五条），暂停计算期限");
}

int cli_cmd_reasons_received(cli_t *c) {
  return cli_act(c, DSC_ACTION_REASONS_RECEIVED, NULL,
                 "reasons received; the clock runs again",
                 "已收到申请人说明的理由，恢复计算期限");
}

int cli_cmd_longer_period(cli_t *c) {
  dsc_action_args_t a = {.reason = c->reason};
  char en[80], zh[80];
  int rc;
  if (c->days == NULL || c->reason == NULL)
    return cli_usage_error(
        c, "longer-period ID --days N --reason TEXT [--notified-on DATE]",
        "longer-period 编号 --days 工作日数 --reason 理由 "
        "[--notified-on 告知日期]");
  /* Over 60 is the statute's refusal (exit 7), as with extend. */
  if ((rc = cli_parse_count(c, c->days, "days", 1, 1000, &a.days)) != 0)
    return rc;
  snprintf(en, sizeof en, "answer period lengthened by %d working days",
           a.days);
  snprintf(zh, sizeof zh, "已确定延迟答复%d个工作日", a.days);
  return cli_act(c, DSC_ACTION_LONGER_PERIOD, &a, en, zh);
}

int cli_cmd_agency_replied(cli_t *c) {
  return cli_act(c, DSC_ACTION_AGENCY_REPLIED, NULL,
                 "other agency replied; the clock runs again",
                 "其他机关已答复，恢复计算期限");
}

int cli_cmd_fee_quote(cli_t *c) {
  dsc_fee_method_t method = DSC_FEE_CHEAPER;
  dsc_detail_t d;
  dsc_err_t err;
  int64_t id;
  int pages, rc;

  if (c->pages == NULL)
    return cli_usage_error(
        c, "fee-quote ID --pages N [--method count|volume]",
        "fee-quote 编号 --pages 页数 [--method count|volume]");
  if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0 ||
      (rc = cli_parse_count(c, c->pages, "pages", 0, DSC_FEE_PAGES_MAX,
                            &pages)) != 0)
    return rc;
  if (c->method && (err = dsc_fee_method_parse(c->method, &method, &d)) != 0)
    return cli_fail(c, err, &d);
  rc = c->remote
           ? cli_remote_fee_quote(
                 c, id, pages, c->method ? dsc_fee_method_name(method) : NULL)
           : cli_finish(c, dsc_request_fee_quote(c->engine, &c->ctx, id, pages,
                                                 method, cli_store_result, c));
  if (rc)
    return rc;
  if (c->json)
    cli_print_json(c->res.json);
  else
    cli_print_fee_quote(c, c->res.json);
  return 0;
}

/* The amount of the request's last fee notice, from its history. */
static const char *last_fee_amount(const cJSON *show) {
  const cJSON *events = cJSON_GetObjectItemCaseSensitive(show, "events");
  const char *amount = NULL;
  const cJSON *ev;
  cJSON_ArrayForEach(ev, events) {
    const cJSON *action = cJSON_GetObjectItemCaseSensitive(ev, "action");
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(ev, "data");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(data, "amount");
    if (cJSON_IsString(action) &&
        strcmp(action->valuestring, "fee-notice") == 0 && cJSON_IsString(a))
      amount = a->valuestring;
  }
  return amount;
}

int cli_cmd_fee_notice(cli_t *c) {
  dsc_action_args_t a = {0};
  dsc_detail_t d;
  dsc_err_t err;
  const char *amount;
  int64_t id;
  int rc;

  if (c->amount &&
      (err = dsc_fee_amount_parse(c->amount, &a.amount_fen, &d)) != DSC_OK)
    return cli_fail(c, err, &d);
  if (c->pages && (rc = cli_parse_count(c, c->pages, "pages", 0,
                                        DSC_FEE_PAGES_MAX, &a.pages)) != 0)
    return rc;
  if (c->method &&
      (err = dsc_fee_method_parse(c->method, &a.fee_method, &d)) != DSC_OK)
    return cli_fail(c, err, &d);
  if (c->json)
    return cli_act(c, DSC_ACTION_FEE_NOTICE, &a, "", "");
  if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) != 0)
    return rc;
  if ((rc = cli_common_args(c, &a)) != 0)
    return rc;
  /* Say what was charged: without --amount, the engine chose the quote.
   * The notice is given already, so a failed read only shortens the line.
   * Over the network the action's reply is the request as it now stands. */
  amount = NULL;
  if (c->remote) {
    if ((rc = cli_remote_act(c, id, DSC_ACTION_FEE_NOTICE, &a)) != 0)
      return rc;
    amount = last_fee_amount(c->res.json);
  } else {
    rc = cli_finish(c, dsc_request_act(c->engine, &c->ctx, id,
                                       DSC_ACTION_FEE_NOTICE, &a,
                                       cli_store_result, c));
    if (rc)
      return rc;
    if (dsc_request_show(c->engine, &c->ctx, id, cli_store_result, c) ==
        DSC_OK) {
      cli_wait(c);
      if (c->res.err == DSC_OK)
        amount = last_fee_amount(c->res.json);
    }
  }
  if (amount)
    printf(c->lang == DSC_LANG_ZH ? "申请 %lld：已发出收费通知，%s 元\n"
                                  : "request %lld: fee notice given, %s yuan\n",
           (long long)id, amount);
  else
    printf(c->lang == DSC_LANG_ZH ? "申请 %lld：已发出收费通知\n"
                                  : "request %lld: fee notice given\n",
           (long long)id);
  return 0;
}

int cli_cmd_fee_paid(cli_t *c) {
  return cli_act(c, DSC_ACTION_FEE_PAID, NULL, "fee paid; the clock runs again",
                 "已缴纳信息处理费，恢复计算期限");
}

int cli_cmd_extend(cli_t *c) {
  dsc_action_args_t a = {.reason = c->reason};
  char en[80], zh[80];
  int rc;
  if (c->days == NULL || c->reason == NULL)
    return cli_usage_error(c, "extend ID --days N --reason TEXT",
                           "extend 编号 --days 工作日数 --reason 理由");
  /* Over 20 is the statute's refusal (exit 7), so only the form is
   * checked here. */
  if ((rc = cli_parse_count(c, c->days, "days", 1, 1000, &a.days)) != 0)
    return rc;
  snprintf(en, sizeof en, "deadline extended by %d working days", a.days);
  snprintf(zh, sizeof zh, "答复期限已延长%d个工作日", a.days);
  return cli_act(c, DSC_ACTION_EXTEND, &a, en, zh);
}

int cli_cmd_calendar_import(cli_t *c) {
  size_t len = 0;
  char *text = dsc_front_read_file(c->pos[0], DSC_CALENDAR_CSV_MAX, &len);
  int rc;

  if (text == NULL)
    return cli_failf(c, DSC_INVALID, "file", "cannot be read", "无法读取");
  if (len > DSC_CALENDAR_CSV_MAX) {
    free(text);
    return cli_failf(c, DSC_INVALID, "file", "larger than 1 MiB", "超过 1 MiB");
  }
  rc = cli_finish(c, dsc_calendar_import(c->engine, &c->ctx, text, len,
                                         cli_store_result, c));
  free(text);
  if (rc)
    return rc;
  if (c->json)
    cli_print_json(c->res.json);
  else
    cli_print_import(c, c->res.json);
  return 0;
}

int cli_cmd_calendar_due(cli_t *c) {
  dsc_date_t from;
  const cJSON *due;
  int n, rc;

  if (dsc_date_parse(c->pos[0], &from) != DSC_OK)
    return cli_failf(c, DSC_INVALID, "from", "not a date (YYYY-MM-DD)",
                     "不是有效日期（YYYY-MM-DD）");
  if ((rc = cli_parse_count(c, c->pos[1], "n", 0, 1000, &n)) != 0)
    return rc;
  rc = cli_finish(
      c, dsc_calendar_due(c->engine, &c->ctx, from, n, cli_store_result, c));
  if (rc)
    return rc;
  due = cJSON_GetObjectItemCaseSensitive(c->res.json, "due_on");
  if (c->json)
    cli_print_json(c->res.json);
  else if (cJSON_IsString(due))
    puts(due->valuestring);
  return 0;
}
