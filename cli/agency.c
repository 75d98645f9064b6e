/* `disclose agency add | set` (CONTRACT §4: admin only): the agencies a
 * center serves, and their settings. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cli_cmd_agency_add(cli_t *c) {
  int rc;
  if (c->name == NULL)
    return cli_failf(c, DSC_USAGE, NULL, "agency add CODE --name NAME",
                     "agency add 代码 --name 名称");
  rc = cli_finish(c, dsc_agency_add(c->engine, &c->ctx, c->pos[0], c->name,
                                    cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else
      printf("%s %s\n", cli_tr(c, "added agency", "已添加机关"), c->pos[0]);
  }
  return rc;
}

/* --backdate-workdays N: how far back staff may date an action (CONTRACT
 * §5; migrations/0012). */
int cli_cmd_agency_set(cli_t *c) {
  char *end;
  long n;
  int rc;

  if (c->backdate_workdays == NULL)
    return cli_failf(c, DSC_USAGE, NULL,
                     "agency set CODE --backdate-workdays N",
                     "agency set 代码 --backdate-workdays 天数");
  n = strtol(c->backdate_workdays, &end, 10);
  if (*c->backdate_workdays == '\0' || *end != '\0' || n < 0 || n > 60)
    return cli_failf(c, DSC_INVALID, "backdate-workdays",
                     "a number of working days from 0 to 60",
                     "须为0至60的工作日数");
  rc = cli_finish(c, dsc_agency_set_backdate(c->engine, &c->ctx, c->pos[0],
                                             (int)n, cli_store_result, c));
  if (rc == 0) {
    if (c->json)
      cli_print_json(c->res.json);
    else
      printf("%s %s: %ld\n",
             cli_tr(c, "backdating window (working days) of",
                    "可补录的工作日数："),
             c->pos[0], n);
  }
  return rc;
}
