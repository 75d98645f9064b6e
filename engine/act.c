/* Staff actions on a request: read the snapshot, let the pure transition
 * table decide, write the new snapshot and the event in one statement that
 * checks the version (DESIGN principles 1 and 2). Two round trips, and no
 * lock held between them: a concurrent change makes the write find no row,
 * which is reported as a conflict rather than overwritten. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "engine_int.h"
#include "utf8.h"

typedef struct act_state {
  int64_t id;
  dsc_action_t action;
  dsc_machine_params_t params;
  char *to, *text, *comment, *channel, *url, *reason;
  /* read back */
  bool found;
  int version;
  dsc_machine_request_t req;
  char *assignee, *drafter, *published_url;
  dsc_date_t received_on, hold_since, hold_lapses_on, answered_on, closed_on;
  dsc_date_t last_on;
  bool actor_found, target_found;
  unsigned actor_roles;
  bool wrote;
} act_state_t;

static void free_act_state(void *p) {
  act_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->to);
  dsc__free(st->text);
  dsc__free(st->comment);
  dsc__free(st->channel);
  dsc__free(st->url);
  dsc__free(st->reason);
  dsc__free(st->assignee);
  dsc__free(st->drafter);
  dsc__free(st->published_url);
  dsc__free(st);
}

static bool dup_opt(char **dst, const char *src) {
  if (src == NULL)
    return true;
  *dst = dsc__strdup(src);
  return *dst != NULL;
}

/* Free text: valid UTF-8, not blank, at most max code points. */
static bool is_text(const char *s, size_t max) {
  size_t n = s ? strlen(s) : 0;
  bool blank = true;
  if (n == 0 || !dsc__utf8_valid(s, n) || dsc__utf8_length(s, n) > max)
    return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      blank = false;
  return !blank;
}

static bool is_url(const char *s) {
  size_t n = s ? strlen(s) : 0;
  if (n > 2000 ||
      !(strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0))
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
      return false;
  return dsc__utf8_valid(s, n) && n > 8;
}

/* Arguments each action needs, checked before anything is read. */
static dsc_err_t check_args(const act_state_t *st, dsc_detail_t *d) {
  switch (st->action) {
  case DSC_ACTION_ASSIGN:
    if (!dsc__is_identifier(st->to))
      return dsc_detail_set(d, DSC_INVALID, "to", "a staff login is required",
                            "必须指定承办人员的登录名");
    break;
  case DSC_ACTION_DRAFT:
    if (st->params.outcome == DSC_OUTCOME_NONE)
      return dsc_detail_set(d, DSC_INVALID, "outcome",
                            "an outcome code is required",
                            "必须指定办理结果代码");
    if (st->text && !is_text(st->text, 100000))
      return dsc_detail_set(d, DSC_INVALID, "text",
                            "must be non-blank UTF-8 text of at most 100000 "
                            "characters",
                            "必须是不超过100000字的有效UTF-8文本");
    break;
  case DSC_ACTION_REVIEW:
    if (!st->params.approve && !is_text(st->comment, 2000))
      return dsc_detail_set(d, DSC_INVALID, "comment",
                            "a rejection needs a comment (at most 2000 "
                            "characters)",
                            "退回必须填写意见（不超过2000字）");
    break;
  case DSC_ACTION_ANSWER:
    if (st->channel && strcmp(st->channel, "in_person") != 0 &&
        strcmp(st->channel, "post") != 0 &&
        strcmp(st->channel, "online") != 0 && strcmp(st->channel, "fax") != 0 &&
        strcmp(st->channel, "email") != 0)
      return dsc_detail_set(d, DSC_INVALID, "channel",
                            "must be one of in_person, post, online, fax, "
                            "email",
                            "必须是 in_person、post、online、fax、email 之一");
    break;
  case DSC_ACTION_PUBLISH:
    if (!is_url(st->url))
      return dsc_detail_set(d, DSC_INVALID, "url",
                            "an http(s) URL without spaces is required",
                            "必须提供不含空格的 http(s) 网址");
    break;
  case DSC_ACTION_WITHDRAW:
    if (st->reason && strcmp(st->reason, "applicant") != 0)
      return dsc_detail_set(d, DSC_INVALID, "reason",
                            "the only reason staff may give is \"applicant\"",
                            "撤回原因只能是“applicant”（申请人撤回）");
    break;
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_REQUEST_SUPPLEMENT:
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_CONSULT_AGENCY:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_FEE_NOTICE:
  case DSC_ACTION_FEE_PAID:
  case DSC_ACTION_EXTEND:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION__COUNT:
    return dsc_detail_set(d, DSC_MISUSE, "action",
                          "not a staff action of dsc_request_act",
                          "不是 dsc_request_act 支持的操作");
  }
  return DSC_OK;
}

static char *payload_for(const act_state_t *st) {
  cJSON *o = cJSON_CreateObject();
  char *text;
  if (o == NULL)
    return NULL;
  if (st->to)
    cJSON_AddStringToObject(o, "to", st->to);
  if (st->action == DSC_ACTION_DRAFT)
    cJSON_AddStringToObject(o, "outcome", dsc_outcome_code(st->params.outcome));
  if (st->text)
    cJSON_AddStringToObject(o, "text", st->text);
  if (st->action == DSC_ACTION_REVIEW)
    cJSON_AddStringToObject(o, "decision",
                            st->params.approve ? "approve" : "reject");
  if (st->comment)
    cJSON_AddStringToObject(o, "comment", st->comment);
  if (st->channel)
    cJSON_AddStringToObject(o, "channel", st->channel);
  if (st->url)
    cJSON_AddStringToObject(o, "url", st->url);
  if (st->action == DSC_ACTION_WITHDRAW)
    cJSON_AddStringToObject(o, "reason", "applicant");
  text = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  return text;
}

/* ---- step 3: the result of the write ----------------------------------- */

static void on_written(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  st->wrote = PQntuples(res) == 1;
}

static void on_write_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->wrote) {
    dsc_detail_set(&op->result.detail, DSC_CONFLICT, "version",
                   "the request changed underneath; read it again",
                   "申请已被他人更改，请重新读取");
    op->result.err = DSC_CONFLICT;
  } else {
    op->result.id = st->id;
  }
  dsc__op_finish(op);
}

/* ---- step 2: decide and write ------------------------------------------ */

static const char *date_or_null(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  return d == DSC_DATE_NONE ? NULL : dsc_date_format(d, buf);
}

static void decide_and_write(dsc__op_t *op) {
  act_state_t *st = op->state;
  dsc_machine_actor_t actor = {op->actor, st->actor_roles};
  dsc_transition_t tr;
  dsc_detail_t d;
  dsc_err_t err;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];
  char id[24], version[16], hs[DSC_DATE_STRLEN], hl[DSC_DATE_STRLEN];
  char ans[DSC_DATE_STRLEN], closed[DSC_DATE_STRLEN], on[DSC_DATE_STRLEN];
  const char *assignee, *drafter, *outcome, *url;
  dsc_date_t answered = st->answered_on, closed_on = st->closed_on;
  dsc_date_t hold_since = st->hold_since, hold_lapses = st->hold_lapses_on;
  dsc__pg_batch_t *batch;
  char *payload;

  if (!st->found) {
    dsc_detail_setf(&d, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)st->id);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&d, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (st->action == DSC_ACTION_ASSIGN && !st->target_found) {
    dsc__detail_unknown_staff(&d, "to", st->to);
    dsc__op_fail(op, DSC_NOT_FOUND, &d);
    return;
  }
  if (op->on < st->last_on || op->on < st->received_on) {
    dsc_date_t limit =
        st->last_on > st->received_on ? st->last_on : st->received_on;
    dsc_detail_setf(&d, DSC_INVALID, "on",
                    "%s is before the request's last event (%s)",
                    "%s 早于该申请的上一次操作（%s）",
                    dsc_date_format(op->on, a), dsc_date_format(limit, b));
    dsc__op_fail(op, DSC_INVALID, &d);
    return;
  }
  st->req.assignee = st->assignee;
  st->req.drafter = st->drafter;
  err = dsc_machine_decide(&st->req, st->action, &actor, &st->params, &tr, &d);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &d);
    return;
  }

  assignee = st->action == DSC_ACTION_ASSIGN ? st->to : st->assignee;
  drafter = st->action == DSC_ACTION_DRAFT ? op->actor : st->drafter;
  outcome = tr.outcome_effect == DSC_OUTCOME_SET ? dsc_outcome_code(tr.outcome)
            : tr.outcome_effect == DSC_OUTCOME_CLEAR
                ? NULL
                : (st->req.outcome == DSC_OUTCOME_NONE
                       ? NULL
                       : dsc_outcome_code(st->req.outcome));
  url = st->action == DSC_ACTION_PUBLISH ? st->url : st->published_url;
  if (st->action == DSC_ACTION_ANSWER)
    answered = closed_on = op->on;
  if (st->action == DSC_ACTION_WITHDRAW)
    closed_on = op->on;
  if (tr.hold == DSC_HOLD_NONE)
    hold_since = hold_lapses = DSC_DATE_NONE;

  payload = payload_for(st);
  batch = payload ? dsc__pg_batch_new(op->engine->pg, on_write_done, op) : NULL;
  if (batch == NULL) {
    cJSON_free(payload);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  snprintf(id, sizeof id, "%lld", (long long)st->id);
  snprintf(version, sizeof version, "%d", st->version);
  {
    const char *v[16] = {
        id,
        version,
        dsc_state_name(tr.next),
        tr.hold == DSC_HOLD_NONE ? NULL : dsc_hold_name(tr.hold),
        date_or_null(hold_since, hs),
        date_or_null(hold_lapses, hl),
        assignee,
        drafter,
        outcome,
        date_or_null(answered, ans),
        date_or_null(closed_on, closed),
        url,
        dsc_action_name(st->action),
        op->actor,
        dsc_date_format(op->on, on),
        payload,
    };
    err = dsc__pg_batch_add(batch, DSC_SQL_TRANSITION, 16, v, on_written, op);
  }
  cJSON_free(payload);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(batch);
    dsc__op_fail(op, err, NULL);
    return;
  }
  dsc__pg_batch_send(batch);
}

/* ---- step 1: read ------------------------------------------------------ */

static bool dup_cell(char **dst, const PGresult *res, int col) {
  const char *v = dsc__cell(res, 0, col);
  return dup_opt(dst, v);
}

static void on_read(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  act_state_t *st = op->state;
  const char *v;

  if (PQntuples(res) != 1)
    return;
  st->found = dsc__cell(res, 0, 0) != NULL;
  st->actor_found = dsc__cell(res, 0, 14) != NULL;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 14));
  st->target_found = dsc__cell(res, 0, 15) != NULL;
  st->params.target_roles = dsc__roles_from_array(dsc__cell(res, 0, 15));
  if (!st->found)
    return;
  st->version = (int)dsc__cell_int(res, 0, 1);
  if (dsc_state_parse(dsc__cell(res, 0, 2), &st->req.state) != DSC_OK)
    st->req.state = DSC_STATE_NONE;
  v = dsc__cell(res, 0, 3);
  if (v == NULL || dsc_hold_parse(v, &st->req.hold) != DSC_OK)
    st->req.hold = DSC_HOLD_NONE;
  dup_cell(&st->assignee, res, 4);
  dup_cell(&st->drafter, res, 5);
  v = dsc__cell(res, 0, 6);
  if (v == NULL || dsc_outcome_parse(v, &st->req.outcome) != DSC_OK)
    st->req.outcome = DSC_OUTCOME_NONE;
  st->received_on = dsc__cell_date(res, 0, 7);
  st->hold_since = dsc__cell_date(res, 0, 8);
  st->hold_lapses_on = dsc__cell_date(res, 0, 9);
  st->answered_on = dsc__cell_date(res, 0, 10);
  st->closed_on = dsc__cell_date(res, 0, 11);
  dup_cell(&st->published_url, res, 12);
  st->last_on = dsc__cell_date(res, 0, 13);
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  decide_and_write(op);
}

dsc_err_t dsc_request_act(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                          dsc_action_t action, const dsc_action_args_t *args,
                          dsc_result_cb cb, void *data) {
  static const dsc_action_args_t none = {0};
  dsc__op_t *op;
  act_state_t *st;
  dsc__pg_batch_t *batch;
  dsc_err_t err;
  char idbuf[24];

  if (e == NULL || ctx == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  if (args == NULL)
    args = &none;
  op = dsc__op_new(e, ctx, cb, data, sizeof *st, free_act_state);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  st->id = id;
  st->action = action;
  st->params.approve = args->approve;
  st->params.outcome = args->outcome;
  st->received_on = st->last_on = DSC_DATE_NONE;
  if (!dup_opt(&st->to, args->to) || !dup_opt(&st->text, args->text) ||
      !dup_opt(&st->comment, args->comment) ||
      !dup_opt(&st->channel, args->channel) || !dup_opt(&st->url, args->url) ||
      !dup_opt(&st->reason, args->reason)) {
    dsc__op_discard(op);
    return DSC_NOMEM;
  }

  if (!dsc__op_require_actor(op))
    return DSC_OK;
  if ((err = dsc__check_on(ctx, &op->result.detail)) != DSC_OK ||
      (err = check_args(st, &op->result.detail)) != DSC_OK) {
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");

  batch = dsc__pg_batch_new(e->pg, on_read_done, op);
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  {
    const char *v[3] = {idbuf, op->actor, st->to};
    err = batch
              ? dsc__pg_batch_add(batch, DSC_SQL_ACTION_READ, 3, v, on_read, op)
              : DSC_NOMEM;
  }
  if (err != DSC_OK) {
    if (batch)
      dsc__pg_batch_discard(batch);
    dsc__op_discard(op);
    return err;
  }
  dsc__pg_batch_send(batch);
  return DSC_OK;
}
