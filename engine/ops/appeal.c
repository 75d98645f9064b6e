/* Appeals: reconsideration and litigation (Art. 51; annual report section
 * 四). Over a request, filing and deciding are events in the request's
 * history, written with the request's version check like any action. An
 * appeal about the agency's disclosure work as a whole has no request: it
 * names its agency, the state machine has nothing to say about it, and
 * the same roles as for a request's appeal (clerk or supervisor) file and
 * decide it; the database checks them again and records who did
 * (migrations/0016). */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "engine_int.h"
#include "report_db.h"
#include "row.h"

typedef struct appeal_state {
  int64_t request_id, appeal_id;
  char kind[48], result[16];
  char agency[65]; /* a general appeal's agency code */
  bool decide;
  bool general; /* no request: about the agency's work */
  /* read back */
  bool found, actor_found, decided;
  unsigned actor_roles;
  int version;
  dsc_state_t state;
  dsc_date_t last_on, filed_on;
} appeal_state_t;

static bool one_of(const char *s, const char *const *set) {
  for (; s && *set; set++)
    if (strcmp(s, *set) == 0)
      return true;
  return false;
}

static const char *const kinds[] = {"reconsideration", "litigation_direct",
                                    "litigation_after_reconsideration", NULL};
static const char *const results[] = {"upheld", "corrected", "other", NULL};

/* The rule of a general appeal (no request, so no state machine): clerk or
 * supervisor, as CONTRACT §4 has it for appeals. */
static dsc_err_t general_allowed(const char *actor, unsigned roles,
                                 dsc_detail_t *detail) {
  if (roles & (DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR))
    return DSC_OK;
  return dsc_detail_setf(detail, DSC_FORBIDDEN, "role",
                         "%s may not record appeals (needs clerk or "
                         "supervisor)",
                         "%s 无权登记复议诉讼（需要 clerk 或 supervisor 角色）",
                         actor);
}

static cJSON *appeal_json(const PGresult *res) {
  cJSON *o = cJSON_CreateObject();
  const char *v;
  if (o == NULL)
    return NULL;
  cJSON_AddNumberToObject(o, "id", (double)dsc__cell_int(res, 0, 0));
  if (dsc__cell(res, 0, 1))
    cJSON_AddNumberToObject(o, "request_id", (double)dsc__cell_int(res, 0, 1));
  else
    cJSON_AddNullToObject(o, "request_id");
  cJSON_AddStringToObject(o, "kind", dsc__cell(res, 0, 2));
  cJSON_AddStringToObject(o, "filed_on", dsc__cell(res, 0, 3));
  for (int col = 4; col <= 5; col++) {
    const char *key = col == 4 ? "result" : "decided_on";
    v = dsc__cell(res, 0, col);
    if (v)
      cJSON_AddStringToObject(o, key, v);
    else
      cJSON_AddNullToObject(o, key);
  }
  if (PQnfields(res) > 6 && dsc__cell(res, 0, 6))
    cJSON_AddStringToObject(o, "agency", dsc__cell(res, 0, 6));
  return o;
}

static void on_written(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  if (PQntuples(res) == 1) {
    op->result.json = appeal_json(res);
    op->result.id = dsc__cell_int(res, 0, 0);
  }
}

static void on_write_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL) {
    dsc_detail_set(&op->result.detail, DSC_CONFLICT, "version",
                   "the request or appeal changed underneath; read it again",
                   "申请或复议诉讼记录已被他人更改，请重新读取");
    op->result.err = DSC_CONFLICT;
  }
  dsc__op_finish(op);
}

static void on_read(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  appeal_state_t *st = op->state;
  int base = st->decide ? 5 : 1; /* version column in each statement */

  if (PQntuples(res) != 1)
    return;
  if (st->general && !st->decide) {
    /* dsc_agency_actor_read_v1: agency id, roles */
    st->found = dsc__cell(res, 0, 0) != NULL;
    st->actor_found = dsc__cell(res, 0, 1) != NULL;
    st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 1));
    return;
  }
  if (st->decide) {
    /* dsc_appeal_read_v1: id, request_id, kind, filed_on, result, version,
     * state, last_on, roles */
    st->found = dsc__cell(res, 0, 0) != NULL;
    st->request_id = dsc__cell_int(res, 0, 1);
    st->filed_on = dsc__cell_date(res, 0, 3);
    st->decided = dsc__cell(res, 0, 4) != NULL;
    st->general = st->found && dsc__cell(res, 0, 1) == NULL;
    st->last_on = st->general ? st->filed_on : dsc__cell_date(res, 0, 7);
    st->actor_found = dsc__cell(res, 0, 8) != NULL;
    st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 8));
  } else {
    /* dsc_action_read_v2: the row columns (row.h), then the roles */
    dsc__row_t row;
    st->found = dsc__cell(res, 0, 0) != NULL &&
                dsc__row_read(res, 0, 0, &row) == DSC_OK;
    if (st->found) {
      st->last_on = row.last_on;
      dsc__row_clear(&row);
    }
    st->actor_found = dsc__cell(res, 0, DSC_ROW_NCOLUMNS) != NULL;
    st->actor_roles =
        dsc__roles_from_array(dsc__cell(res, 0, DSC_ROW_NCOLUMNS));
  }
  st->version = (int)dsc__cell_int(res, 0, base);
  if (dsc__cell(res, 0, base + 1) == NULL ||
      dsc_state_parse(dsc__cell(res, 0, base + 1), &st->state) != DSC_OK)
    st->state = DSC_STATE_NONE;
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  appeal_state_t *st = op->state;
  dsc_machine_request_t req = {0};
  dsc_machine_actor_t actor = {op->actor, st->actor_roles};
  dsc_machine_params_t params = {0};
  dsc_transition_t tr;
  dsc_detail_t detail;
  dsc__pg_batch_t *b;
  char rid[24], aid[24], ver[16], on[DSC_DATE_STRLEN];
  char a[DSC_DATE_STRLEN], c[DSC_DATE_STRLEN];

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->found) {
    if (st->decide)
      dsc_detail_setf(&detail, DSC_NOT_FOUND, "appeal_id", "no appeal %lld",
                      "没有编号为 %lld 的复议诉讼记录",
                      (long long)st->appeal_id);
    else if (st->general)
      dsc__report_no_agency(&detail, st->agency);
    else
      dsc_detail_setf(&detail, DSC_NOT_FOUND, "id", "no request %lld",
                      "没有编号为 %lld 的申请", (long long)st->request_id);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (op->on < st->last_on) {
    dsc_detail_setf(&detail, DSC_INVALID, "on",
                    st->general ? "%s is before the appeal was filed (%s)"
                                : "%s is before the request's last event (%s)",
                    st->general ? "%s 早于该复议诉讼的登记日期（%s）"
                                : "%s 早于该申请的上一次操作（%s）",
                    dsc_date_format(op->on, a),
                    dsc_date_format(st->last_on, c));
    dsc__op_fail(op, DSC_INVALID, &detail);
    return;
  }
  req.state = st->state;
  if (st->general)
    err = general_allowed(op->actor, st->actor_roles, &detail);
  else
    err = dsc_machine_decide(
        &req, st->decide ? DSC_ACTION_APPEAL_DECIDED : DSC_ACTION_APPEAL,
        &actor, &params, &tr, &detail);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &detail);
    return;
  }
  if (st->decide && st->decided) {
    dsc_detail_setf(&detail, DSC_CONFLICT, "appeal_id",
                    "appeal %lld was already decided",
                    "复议诉讼记录 %lld 已有结果", (long long)st->appeal_id);
    dsc__op_fail(op, DSC_CONFLICT, &detail);
    return;
  }

  snprintf(rid, sizeof rid, "%lld", (long long)st->request_id);
  snprintf(aid, sizeof aid, "%lld", (long long)st->appeal_id);
  snprintf(ver, sizeof ver, "%d", st->version);
  dsc_date_format(op->on, on);
  b = dsc__pg_batch_new(op->engine->pg, on_write_done, op);
  if (b == NULL || dsc__op_bind_session(op, b) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  if (st->decide) {
    char payload[96];
    snprintf(payload, sizeof payload,
             "{\"appeal_id\": %lld, \"result\": \"%s\"}",
             (long long)st->appeal_id, st->result);
    const char *v[7] = {aid,
                        st->general ? NULL : rid,
                        st->general ? NULL : ver,
                        op->actor,
                        payload,
                        st->result,
                        on};
    err = dsc__pg_batch_add(b, DSC_SQL_APPEAL_DECIDE, 7, v, on_written, op);
  } else {
    char payload[128];
    snprintf(payload, sizeof payload, "{\"kind\": \"%s\"%s%s%s}", st->kind,
             st->result[0] ? ", \"result\": \"" : "", st->result,
             st->result[0] ? "\"" : "");
    const char *v[10] = {st->general ? NULL : rid,
                         st->general ? NULL : ver,
                         op->actor,
                         on,
                         payload,
                         st->kind,
                         on,
                         st->result[0] ? st->result : NULL,
                         st->result[0] ? on : NULL,
                         st->general ? st->agency : NULL};
    err = dsc__pg_batch_add(b, DSC_SQL_APPEAL_FILE, 10, v, on_written, op);
  }
  if (err != DSC_OK) {
    dsc__pg_batch_discard(b);
    dsc__op_fail(op, err, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static dsc_err_t appeal_start(dsc_engine_t *e, const dsc_ctx_t *ctx,
                              bool decide, int64_t id, const char *agency,
                              const char *kind, const char *result,
                              dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  appeal_state_t *st;
  dsc__pg_batch_t *b;
  char idbuf[24];
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, NULL, &op)) != DSC_OK)
    return err;
  st = op->state;
  st->decide = decide;
  if (decide)
    st->appeal_id = id;
  else
    st->request_id = id;
  st->last_on = DSC_DATE_NONE;
  st->general = !decide && id == 0;

  if (!dsc__op_require_actor_on(op, ctx))
    return DSC_OK;
  if (!decide && !one_of(kind, kinds))
    return dsc__op_defer_error(op, DSC_INVALID, "kind",
                               "one of reconsideration, litigation_direct, "
                               "litigation_after_reconsideration",
                               "须为 reconsideration、litigation_direct、"
                               "litigation_after_reconsideration 之一");
  if ((decide || result) && !one_of(result, results))
    return dsc__op_defer_error(op, DSC_INVALID, "result",
                               "one of upheld, corrected, other",
                               "须为 upheld、corrected、other 之一");
  if (kind)
    snprintf(st->kind, sizeof st->kind, "%s", kind);
  if (result)
    snprintf(st->result, sizeof st->result, "%s", result);
  if (st->general) {
    snprintf(st->agency, sizeof st->agency, "%s", agency ? agency : "default");
    if (!dsc__is_identifier(st->agency))
      return dsc__op_defer_error(
          op, DSC_INVALID, "agency",
          "an agency code is 1–64 letters, digits, _ . -",
          "机关代码须为1至64个字母、数字或 _ . -");
  } else if (id <= 0) {
    return dsc__op_defer_error(op, DSC_NOT_FOUND, decide ? "appeal_id" : "id",
                               "no such record", "没有该记录");
  }

  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  b = dsc__pg_batch_new(e->pg, on_read_done, op);
  {
    const char *v[3] = {idbuf, op->actor, NULL};
    const char *g[2] = {st->agency, op->actor};
    err =
        b == NULL ? DSC_NOMEM
        : st->general
            ? dsc__pg_batch_add(b, DSC_SQL_AGENCY_ACTOR_READ, 2, g, on_read, op)
        : decide ? dsc__pg_batch_add(b, DSC_SQL_APPEAL_READ, 2, v, on_read, op)
                 : dsc__pg_batch_add(b, DSC_SQL_ACTION_READ, 3, v, on_read, op);
  }
  if (err != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_discard(op);
    return err;
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

dsc_err_t dsc_appeal_file(dsc_engine_t *e, const dsc_ctx_t *ctx,
                          int64_t request_id, const char *kind,
                          const char *result, dsc_result_cb cb, void *data) {
  if (request_id == 0) /* 0 is the general appeal's, never a request's */
    request_id = -1;
  return appeal_start(e, ctx, false, request_id, NULL, kind, result, cb, data);
}

dsc_err_t dsc_appeal_file_general(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                  const char *agency, const char *kind,
                                  const char *result, dsc_result_cb cb,
                                  void *data) {
  return appeal_start(e, ctx, false, 0, agency, kind, result, cb, data);
}

dsc_err_t dsc_appeal_decide(dsc_engine_t *e, const dsc_ctx_t *ctx,
                            int64_t appeal_id, const char *result,
                            dsc_result_cb cb, void *data) {
  return appeal_start(e, ctx, true, appeal_id, NULL, NULL, result, cb, data);
}
