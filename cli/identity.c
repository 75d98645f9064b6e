/* The front ends' identity (see identity.h). The database decides who is
 * connected; the command line may only confirm it, except for the
 * operator, who holds the owner's credentials and acts for others
 * (migrations/0012 marks each such event). */
#include "identity.h"

#include <stdio.h>
#include <string.h>

typedef struct ask {
  bool done;
  dsc_err_t err;
  dsc_detail_t detail;
  cJSON *json;
} ask_t;

static void on_whoami(dsc_engine_t *e, dsc_result_t *r, void *data) {
  ask_t *a = data;
  (void)e;
  a->done = true;
  a->err = r->err;
  a->detail = r->detail;
  a->json = r->json;
  r->json = NULL;
}

static void copy_field(char *dst, size_t cap, const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  snprintf(dst, cap, "%s", cJSON_IsString(v) ? v->valuestring : "");
}

dsc_err_t dsc_front_identify(dsc_engine_t *engine, uv_loop_t *loop,
                             const char *as, bool today_pinned, dsc_ctx_t *ctx,
                             dsc_front_identity_t *id, dsc_detail_t *detail) {
  ask_t a = {0};
  char today[16];
  dsc_date_t server_today;
  dsc_err_t err = dsc_engine_whoami(engine, on_whoami, &a);

  if (err != DSC_OK)
    return dsc_detail_set(detail, err, "database",
                          "cannot ask who is connected",
                          "无法查询当前连接的身份");
  while (!a.done)
    uv_run(loop, UV_RUN_ONCE);
  if (a.err != DSC_OK) {
    *detail = a.detail;
    return a.err;
  }
  copy_field(id->login, sizeof id->login, a.json, "login");
  copy_field(id->kind, sizeof id->kind, a.json, "kind");
  copy_field(today, sizeof today, a.json, "today");
  cJSON_Delete(a.json);
  if (dsc_date_parse(today, &server_today) != DSC_OK)
    return dsc_detail_set(detail, DSC_INTERNAL, "today",
                          "the server gave no business date",
                          "服务器未返回业务日期");
  id->actor[0] = '\0';
  ctx->actor = NULL;

  if (strcmp(id->kind, "operator") == 0) {
    if (as != NULL) {
      snprintf(id->actor, sizeof id->actor, "%s", as);
      ctx->actor = as;
    }
    if (!today_pinned)
      ctx->today = server_today;
    return DSC_OK;
  }
  if (today_pinned && ctx->today != server_today)
    return dsc_detail_setf(
        detail, DSC_FORBIDDEN, "DISCLOSE_TODAY",
        "is honoured only for the operator; the business date is the "
        "server's (%s)",
        "仅对运维账户有效；业务日期以服务器为准（%s）", today);
  ctx->today = server_today;
  if (strcmp(id->kind, "staff") == 0) {
    if (as != NULL && strcmp(as, id->login) != 0)
      return dsc_detail_setf(
          detail, DSC_FORBIDDEN, "as",
          "connected as %s: only the operator acts for another staff member",
          "当前以 %s 身份连接：只有运维账户可以代其他工作人员操作", id->login);
    snprintf(id->actor, sizeof id->actor, "%s", id->login);
  } else if (strcmp(id->kind, "engine") == 0) {
    if (as != NULL && strcmp(as, "system") != 0)
      return dsc_detail_setf(detail, DSC_FORBIDDEN, "as",
                             "the daemon's role %s acts only as system",
                             "守护进程角色 %s 只能以 system 身份操作",
                             id->login);
    snprintf(id->actor, sizeof id->actor, "system");
  } else {
    return dsc_detail_setf(
        detail, DSC_FORBIDDEN, "actor",
        "%s is not an active staff member of this center (the operator adds "
        "one with `disclose staff add`)",
        "%s 不是本中心的在职工作人员（运维账户可用 disclose staff add 添加）",
        id->login);
  }
  ctx->actor = id->actor;
  return DSC_OK;
}
