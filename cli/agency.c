/* `disclose agency add | set` (CONTRACT §4: admin only): the agencies a
 * center serves, and their settings. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "remote.h"

int cli_cmd_agency_add(cli_t *c) {
  int rc;
  if (c->name == NULL)
    return cli_failf(c, DSC_USAGE, NULL, "agency add CODE --name NAME",
                     "agency add 代码 --name 名称");
  rc = c->remote ? cli_remote_agency_add(c)
                 : cli_finish(c, dsc_agency_add(c->engine, &c->ctx, c->pos[0],
                                                c->name, cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else
      printf("%s %s\n", cli_tr(c, "added agency", "已添加机关"), c->pos[0]);
  }
  return rc;
}

/* `agency set CODE --court TEXT` and the other letter settings: what the
 * agency's letters say of it (migrations/0020, docs/letters.md). */
static int set_letter_setting(cli_t *c) {
  int rc =
      c->remote
          ? cli_remote_agency_set(c, c->letter_setting,
                                  cJSON_CreateString(c->letter_value))
          : cli_finish(c, dsc_agency_set_letter(
                              c->engine, &c->ctx, c->pos[0], c->letter_setting,
                              c->letter_value, cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else
      printf("%s %s: %s = %s\n", cli_tr(c, "letter setting of", "公文设置："),
             c->pos[0], c->letter_setting, c->letter_value);
  }
  return rc;
}

/* One setting per call, so that a refusal leaves nothing half set:
 * --backdate-workdays N, how far back staff may date an action (CONTRACT
 * §5; migrations/0012), or --supplement-reply-within N, the applicant's
 * default window for a supplement or for reasons (Art. 30, 35;
 * migrations/0019), or one of the letter settings. */
int cli_cmd_agency_set(cli_t *c) {
  bool backdate = c->backdate_workdays != NULL;
  const char *text = backdate ? c->backdate_workdays : c->supplement_reply;
  const char *field =
      backdate ? "backdate-workdays" : "supplement-reply-within";
  int lo = backdate ? 0 : DSC_CLOCK_SUPPLEMENT_REPLY_MIN;
  int hi = backdate ? 60 : DSC_CLOCK_SUPPLEMENT_REPLY_MAX;
  int n, rc;

  if (c->require_letter != NULL && c->letter_setting == NULL &&
      c->backdate_workdays == NULL && c->supplement_reply == NULL)
    return cli_cmd_agency_require_letter(c);
  if (c->letter_setting != NULL && c->backdate_workdays == NULL &&
      c->supplement_reply == NULL && c->require_letter == NULL)
    return set_letter_setting(c);
  if (c->letter_setting != NULL || c->require_letter != NULL ||
      (c->backdate_workdays == NULL) == (c->supplement_reply == NULL))
    return cli_failf(c, DSC_USAGE, NULL,
                     "agency set CODE (--backdate-workdays N | "
                     "--supplement-reply-within N | one letter setting, "
                     "e.g. --court TEXT)",
                     "agency set 代码 (--backdate-workdays 天数 | "
                     "--supplement-reply-within 天数 | 一项公文设置，如 "
                     "--court 文字)");
  if ((rc = cli_parse_count(c, text, field, lo, hi, &n)) != 0)
    return rc;
  if (c->remote)
    rc = cli_remote_agency_set(
        c, backdate ? "backdate_workdays" : "supplement_reply_within",
        cJSON_CreateNumber(n));
  else
    rc = cli_finish(
        c, backdate
               ? dsc_agency_set_backdate(c->engine, &c->ctx, c->pos[0], n,
                                         cli_store_result, c)
               : dsc_agency_set_supplement_window(c->engine, &c->ctx, c->pos[0],
                                                  n, cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else if (backdate)
      printf("%s %s: %d\n",
             cli_tr(c, "backdating window (working days) of",
                    "可补录的工作日数："),
             c->pos[0], n);
    else
      printf("%s %s: %d\n",
             cli_tr(c, "applicant's default reply window (working days) of",
                    "申请人补正或说明理由的默认期限（工作日）："),
             c->pos[0], n);
  }
  return rc;
}
