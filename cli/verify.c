/* `disclose verify [--against FILE] [--anchor FILE]` (CONTRACT §5): the
 * chains, the rules and the snapshots (dsc_verify), then the anchored heads
 * of FILE (--against), then the heads that moved appended to FILE
 * (--anchor). Both files are judged before the long verify starts, and
 * nothing is appended unless everything before it was green. */
#include <string.h>

#include "anchor_file.h"
#include "cli.h"

/* Human output lists this many late entries; --json lists more. */
#define LATE_SHOWN 50

static double number(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static const char *text(const cJSON *o, const char *key) {
  const char *s =
      cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
  return s ? s : "?";
}

/* The findings: events recorded far from their business date. */
static void print_late(const cli_t *c, const cJSON *o) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(o, "late_entries"), *e;
  double total = number(o, "late_entries_total");
  int shown = 0;

  if (total <= 0)
    return;
  printf(c->lang == DSC_LANG_ZH
             ? "补录提示：%.0f 条记录的登记时间与其业务日期相差超过 %.0f "
               "个工作日\n"
             : "late entries: %.0f events recorded more than %.0f working "
               "days from their business date\n",
         total, number(o, "late_workdays_limit"));
  cJSON_ArrayForEach(e, list) {
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(e, "workdays");
    char days[24];
    if (shown++ == LATE_SHOWN)
      break;
    if (cJSON_IsNumber(w))
      snprintf(days, sizeof days, "%d", w->valueint);
    else
      snprintf(days, sizeof days, "?");
    printf(c->lang == DSC_LANG_ZH
               ? "  申请 %.0f 第 %.0f 条（%s，%s）：业务日期 %s，登记于 %s，"
                 "相差 %s 个工作日\n"
               : "  request %.0f event %.0f (%s by %s): on %s, recorded %s, "
                 "%s working days apart\n",
           number(e, "request_id"), number(e, "seq"), text(e, "action"),
           text(e, "actor"), text(e, "on"), text(e, "at"), days);
  }
  if (total > LATE_SHOWN)
    printf(c->lang == DSC_LANG_ZH ? "  …另有 %.0f 条（--json 列出更多）\n"
                                  : "  … and %.0f more (--json lists more)\n",
           total - LATE_SHOWN);
}

static void print_report(const cli_t *c, const cJSON *o) {
  const cJSON *against = cJSON_GetObjectItemCaseSensitive(o, "against");
  const cJSON *anchor = cJSON_GetObjectItemCaseSensitive(o, "anchor");

  if (c->json) {
    cli_print_json(o);
    return;
  }
  printf(
      c->lang == DSC_LANG_ZH
          ? "校验通过：%.0f 条记录的哈希链完整，%.0f 件申请的状态与记录一致\n"
          : "verified: %.0f events chained, %.0f snapshots equal to "
            "their events\n",
      number(o, "events"), number(o, "snapshots_checked"));
  print_late(c, o);
  if (against && c->lang == DSC_LANG_ZH)
    printf("锚点核对通过：%s 中的 %.0f 条链头与数据库一致\n",
           text(against, "file"), number(against, "checked"));
  else if (against)
    printf("anchors hold: %.0f heads of %s unchanged\n",
           number(against, "checked"), text(against, "file"));
  if (anchor)
    printf(c->lang == DSC_LANG_ZH ? "已锚定：%.0f 条链头追加至 %s（%s）\n"
                                  : "anchored: %.0f heads appended to %s "
                                    "(%s)\n",
           number(anchor, "requests"), text(anchor, "file"),
           text(anchor, "at"));
}

int cli_cmd_verify(cli_t *c) {
  anchor_in_t against;
  anchor_out_t anchor;
  cJSON *report = NULL;
  dsc_err_t started;
  int rc = 0;

  anchor_in_init(&against);
  anchor_out_init(&anchor);
  if (c->against)
    rc = anchor_in_open(c, c->against, &against);
  if (rc == 0 && c->anchor)
    rc = anchor_out_open(c, c->anchor, &anchor);
  if (rc == 0) {
    started = dsc_verify(c->engine, &c->ctx, cli_store_result, c);
    if (started != DSC_OK)
      rc = cli_fail(c, started, NULL);
  }
  if (rc == 0) {
    cli_wait(c);
    report = c->res.json; /* ours now: the next operations replace res */
    c->res.json = NULL;
    if (c->json && report && c->res.err != DSC_OK)
      cli_print_json(report);
    if (c->res.err != DSC_OK)
      rc = cli_fail(c, c->res.err, &c->res.detail);
    else if (report == NULL)
      rc = cli_fail(c, DSC_NOMEM, NULL);
  }
  if (rc == 0 && c->against)
    rc = anchor_in_check(c, &against, report);
  if (rc == 0 && c->anchor)
    rc = anchor_out_append(c, &anchor, report);
  if (rc == 0)
    print_report(c, report);
  anchor_in_close(&against);
  anchor_out_close(&anchor);
  cJSON_Delete(report);
  return rc;
}
