/* `disclose staff add | roles | disable | password` (CONTRACT §4: admin
 * only, but for one's own password). A staff member is a database login
 * (migrations/0012): adding one creates the login, changing roles changes
 * its group roles, disabling it ends its sessions and forbids new ones, a
 * password lets it log in to the HTTP API (migrations/0022). Nobody is
 * deleted: the history names them.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "remote.h"

/* The --role flags as a mask; 0 (and a printed error in *rc) when one is
 * not a staff role, or none was given and `usage` says how. */
static unsigned parse_roles(cli_t *c, const char *usage_en,
                            const char *usage_zh, int *rc) {
  unsigned roles = 0;
  for (int i = 0; i < c->nroles; i++) {
    dsc_role_t r;
    if (dsc_role_parse(c->roles[i], &r) != DSC_OK || r == DSC_ROLE_SYSTEM) {
      *rc = cli_failf(c, DSC_INVALID, "role",
                      "one of clerk, handler, reviewer, supervisor, admin",
                      "须为 clerk、handler、reviewer、supervisor、admin 之一");
      return 0;
    }
    roles |= (unsigned)r;
  }
  if (roles == 0)
    *rc = cli_failf(c, DSC_USAGE, NULL, usage_en, usage_zh);
  return roles;
}

/* The staff record (--json) or one line. */
static void print_staff(const cli_t *c, const char *en, const char *zh) {
  if (c->json)
    cli_print_json(c->res.json);
  else
    printf("%s %s\n", cli_tr(c, en, zh), c->pos[0]);
}

int cli_cmd_staff_add(cli_t *c) {
  static const char usage_en[] =
      "staff add LOGIN --name NAME --role ROLE [--role ...]";
  static const char usage_zh[] =
      "staff add 登录名 --name 姓名 --role 角色 [--role ...]";
  int rc = 0;
  unsigned roles = parse_roles(c, usage_en, usage_zh, &rc);

  if (rc != 0)
    return rc;
  if (c->name == NULL)
    return cli_failf(c, DSC_USAGE, NULL, usage_en, usage_zh);
  rc = c->remote
           ? cli_remote_staff(c, "add", roles)
           : cli_finish(c, dsc_staff_add(c->engine, &c->ctx, c->pos[0], c->name,
                                         roles, cli_store_result, c));
  if (rc == 0)
    print_staff(c, "added staff member", "已添加人员");
  return rc;
}

int cli_cmd_staff_roles(cli_t *c) {
  int rc = 0;
  unsigned roles =
      parse_roles(c, "staff roles LOGIN --role ROLE [--role ...]",
                  "staff roles 登录名 --role 角色 [--role ...]", &rc);

  if (rc != 0)
    return rc;
  rc = c->remote
           ? cli_remote_staff(c, "roles", roles)
           : cli_finish(c, dsc_staff_set_roles(c->engine, &c->ctx, c->pos[0],
                                               roles, cli_store_result, c));
  if (rc == 0)
    print_staff(c, "changed the roles of", "已变更角色：");
  return rc;
}

int cli_cmd_staff_disable(cli_t *c) {
  int rc = c->remote
               ? cli_remote_staff(c, "disable", 0)
               : cli_finish(c, dsc_staff_disable(c->engine, &c->ctx, c->pos[0],
                                                 cli_store_result, c));
  if (rc == 0)
    print_staff(c, "disabled staff member", "已停用人员");
  return rc;
}

/* The password is read from standard input, one line, never from the
 * command line (which other users see in ps) nor echoed: a terminal gets a
 * prompt and echo off is the caller's (`read -s`), a script pipes it. */
int cli_cmd_staff_password(cli_t *c) {
  char buf[1100];
  size_t n;
  int rc;

  if (fgets(buf, sizeof buf, stdin) == NULL)
    return cli_failf(c, DSC_USAGE, NULL,
                     "staff password LOGIN: give the new password on standard "
                     "input, one line",
                     "staff password 登录名：请从标准输入提供新密码（一行）");
  n = strcspn(buf, "\r\n");
  buf[n] = '\0';
  rc = c->remote
           ? cli_remote_password(c, buf)
           : cli_finish(c, dsc_staff_set_password(c->engine, &c->ctx, c->pos[0],
                                                  buf, cli_store_result, c));
  sodium_memzero(buf, sizeof buf);
  if (rc == 0)
    print_staff(c, "set the password of", "已设置密码：");
  return rc;
}
