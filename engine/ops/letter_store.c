/* Letters as stored (letter_store.h): recording a delivery (送达), an
 * issued letter printed again, a request's letters, and the answers not
 * yet delivered. The delivery date is what the remedy periods count from
 * (show.c prints them). Issuing is letter_issue.c's.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/letter_store.h"
#include "engine_int.h"
#include "utf8.h"

typedef struct deliver_state {
  int64_t id;
  char *number, method[16], *tracking;
  /* read back */
  bool found, actor_found;
  unsigned actor_roles;
  int version;
  dsc_state_t state;
  cJSON *letters;
  char *kind;
} deliver_state_t;

static void free_state(void *p) {
  deliver_state_t *st = p;
  dsc__free(st->number);
  dsc__free(st->tracking);
  dsc__free(st->kind);
  cJSON_Delete(st->letters);
  dsc__free(st);
}

static const char *const methods[] = {"post", "email", "in_person", "online"};

static bool is_method(const char *m) {
  for (size_t i = 0; m && i < sizeof methods / sizeof *methods; i++)
    if (strcmp(m, methods[i]) == 0)
      return true;
  return false;
}

static const char *str_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void on_written(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  deliver_state_t *st = op->state;
  cJSON *o;
  /* dsc_w_letter_deliver: seq, number, kind, delivered_on */
  if (PQntuples(res) != 1)
    return;
  o = cJSON_CreateObject();
  if (o == NULL) {
    op->result.err = DSC_NOMEM;
    return;
  }
  cJSON_AddNumberToObject(o, "request_id", (double)st->id);
  cJSON_AddStringToObject(o, "number", dsc__cell(res, 0, 1));
  cJSON_AddStringToObject(o, "kind", dsc__cell(res, 0, 2));
  cJSON_AddStringToObject(o, "delivered_on", dsc__cell(res, 0, 3));
  cJSON_AddStringToObject(o, "method", st->method);
  if (st->tracking)
    cJSON_AddStringToObject(o, "tracking", st->tracking);
  else
    cJSON_AddNullToObject(o, "tracking");
  if (cJSON_GetObjectItemCaseSensitive(o, "tracking") == NULL) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
  op->result.id = st->id;
}

static void on_write_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_end_write(arg, err, d,
                    "the request or the letter changed underneath; read it "
                    "again",
                    "申请或文书已被他人更改，请重新读取");
}

static void on_read(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  deliver_state_t *st = op->state;
  /* dsc_letter_deliver_read_v1: id, version, state, last_on, roles,
   * letters */
  if (PQntuples(res) != 1)
    return;
  st->actor_found = dsc__cell(res, 0, 4) != NULL;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 4));
  st->found = dsc__cell(res, 0, 0) != NULL;
  if (!st->found)
    return;
  st->version = (int)dsc__cell_int(res, 0, 1);
  if (dsc_state_parse(dsc__cell(res, 0, 2), &st->state) != DSC_OK)
    st->state = DSC_STATE_NONE;
  if (dsc__cell(res, 0, 5) &&
      (st->letters = cJSON_Parse(dsc__cell(res, 0, 5))) == NULL)
    op->result.err = DSC_NOMEM;
}

/* Picks the letter to deliver: the one named, or the only undelivered
 * one. DSC_OK with st->number and st->kind set. */
static dsc_err_t pick_letter(deliver_state_t *st, dsc_date_t on,
                             dsc_detail_t *d) {
  const cJSON *l, *pick = NULL;
  int undelivered = 0;
  dsc_date_t date;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];

  cJSON_ArrayForEach(l, st->letters) {
    bool open =
        cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(l, "delivered_on"));
    const char *n = str_of(l, "number");
    if (st->number ? (n && strcmp(n, st->number) == 0) : open)
      pick = l;
    undelivered += open;
  }
  if (st->number == NULL && undelivered != 1)
    return undelivered == 0
               ? dsc_detail_setf(d, DSC_NOT_FOUND, "letter",
                                 "request %lld has no letter awaiting "
                                 "delivery",
                                 "申请 %lld 没有待送达的文书",
                                 (long long)st->id)
               : dsc_detail_setf(d, DSC_INVALID, "letter",
                                 "request %lld has %d letters awaiting "
                                 "delivery: name one (--letter 文号)",
                                 "申请 %lld 有 %d 份待送达的文书，请指明"
                                 "（--letter 文号）",
                                 (long long)st->id, undelivered);
  if (pick == NULL)
    return dsc_detail_setf(
        d, DSC_NOT_FOUND, "letter", "request %lld has no letter %s",
        "申请 %lld 没有文号为 %s 的文书", (long long)st->id, st->number);
  if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(pick, "delivered_on")))
    return dsc_detail_setf(
        d, DSC_CONFLICT, "letter", "%s was delivered already (%s)",
        "%s 已经送达（%s）", str_of(pick, "number"),
        str_of(pick, "delivered_on") ? str_of(pick, "delivered_on") : "?");
  if (dsc_date_parse(str_of(pick, "date"), &date) == DSC_OK && on < date)
    return dsc_detail_setf(d, DSC_INVALID, "on",
                           "%s is before the letter's date (%s)",
                           "%s 早于文书的日期（%s）", dsc_date_format(on, a),
                           dsc_date_format(date, b));
  if (st->number == NULL &&
      (st->number = dsc__strdup(str_of(pick, "number"))) == NULL)
    return DSC_NOMEM;
  if ((st->kind = dsc__strdup(str_of(pick, "kind"))) == NULL)
    return DSC_NOMEM;
  return DSC_OK;
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *rd) {
  dsc__op_t *op = arg;
  deliver_state_t *st = op->state;
  dsc_machine_request_t req = {0};
  dsc_machine_actor_t actor = {op->actor, 0};
  dsc_machine_params_t params = {0};
  dsc_transition_t tr;
  dsc_detail_t d;
  char rid[24], ver[16], on[DSC_DATE_STRLEN];

  if (err == DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, rd);
    return;
  }
  memset(&d, 0, sizeof d);
  if (!st->found)
    err = dsc_detail_setf(&d, DSC_NOT_FOUND, "id", "no request %lld",
                          "没有编号为 %lld 的申请", (long long)st->id);
  else if (!st->actor_found)
    err = dsc__detail_unknown_staff(&d, "actor", op->actor);
  else {
    req.state = st->state;
    actor.roles = st->actor_roles;
    err =
        dsc_machine_decide(&req, DSC_ACTION_DELIVER, &actor, &params, &tr, &d);
    if (err == DSC_OK)
      err = pick_letter(st, op->on, &d);
  }
  if (err != DSC_OK) {
    dsc__op_fail(op, err, err == DSC_NOMEM ? NULL : &d);
    return;
  }
  snprintf(rid, sizeof rid, "%lld", (long long)st->id);
  snprintf(ver, sizeof ver, "%d", st->version);
  dsc_date_format(op->on, on);
  {
    const char *v[7] = {rid,        ver,        op->actor,   on,
                        st->number, st->method, st->tracking};
    if (dsc__op_send_one(op, DSC_SQL_LETTER_DELIVER, 7, v, on_written,
                         on_write_done) != DSC_OK)
      dsc__op_fail(op, DSC_NOMEM, NULL);
  }
}

dsc_err_t dsc_letter_deliver(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                             const char *number, const char *method,
                             const char *tracking, dsc_result_cb cb,
                             void *data) {
  dsc__op_t *op;
  deliver_state_t *st;
  char idbuf[24];
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_state, &op)) !=
      DSC_OK)
    return err;
  st = op->state;
  st->id = id;
  if ((number && (st->number = dsc__strdup(number)) == NULL) ||
      (tracking && (st->tracking = dsc__strdup(tracking)) == NULL))
    return dsc__op_abandon(op);
  if (!dsc__op_require_actor_on(op, ctx))
    return DSC_OK;
  if (!is_method(method))
    return dsc__op_defer_error(op, DSC_INVALID, "method",
                               "one of post, email, in_person, online",
                               "须为 post、email、in_person、online 之一");
  snprintf(st->method, sizeof st->method, "%s", method);
  if (tracking && !dsc__utf8_is_line(tracking, 200))
    return dsc__op_defer_error(op, DSC_INVALID, "tracking",
                               "one line of UTF-8 text, at most 200 characters",
                               "须为不超过200字的单行有效UTF-8文本");
  if (number && !dsc__utf8_is_line(number, 200))
    return dsc__op_defer_error(op, DSC_INVALID, "letter",
                               "a document number (文号) of this request",
                               "须为该申请某一文书的文号");
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  {
    const char *v[2] = {idbuf, op->actor};
    if (dsc__op_send_one(op, DSC_SQL_LETTER_DELIVER_READ, 2, v, on_read,
                         on_read_done) != DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}

/* ---- The answers not yet delivered --------------------------------------- */

static void on_undelivered(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *a = cJSON_CreateArray();
  bool ok = a != NULL;
  for (int i = 0; ok && i < PQntuples(res); i++) {
    cJSON *o = cJSON_CreateObject();
    dsc_date_t date = dsc__cell_date(res, i, 2);
    ok = o != NULL && cJSON_AddItemToArray(a, o);
    if (!ok) {
      cJSON_Delete(o);
      break;
    }
    ok = cJSON_AddNumberToObject(o, "request_id",
                                 (double)dsc__cell_int(res, i, 0)) &&
         cJSON_AddStringToObject(o, "number", dsc__cell(res, i, 1)) &&
         cJSON_AddStringToObject(o, "date", dsc__cell(res, i, 2)) &&
         cJSON_AddNumberToObject(o, "days", (double)(op->today - date));
  }
  if (!ok) {
    cJSON_Delete(a);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = a;
}

static void on_json_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err == DSC_OK && op->result.err != DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  dsc__op_finish(op);
}

dsc_err_t dsc_letter_undelivered(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                 int days, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  char before[DSC_DATE_STRLEN];
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  if (days < 0 || days > 36500)
    return dsc__op_defer_error(op, DSC_INVALID, "days",
                               "a number of days, 0 or more",
                               "须为不小于0的天数");
  dsc_date_format(op->today - days, before);
  {
    const char *v[1] = {before};
    if (dsc__op_send_one(op, DSC_SQL_LETTER_UNDELIVERED, 1, v, on_undelivered,
                         on_json_done) != DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}

/* ---- An issued letter, as stored ----------------------------------------- */

typedef struct get_state {
  int64_t id;
  char *number;
} get_state_t;

static void free_get_state(void *p) {
  get_state_t *st = p;
  dsc__free(st->number);
  dsc__free(st);
}

static void add_cell(cJSON *o, const char *key, const char *v) {
  if (v)
    cJSON_AddStringToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

static void on_got(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  get_state_t *st = op->state;
  cJSON *payload, *o;
  const char *keys[] = {"kind", "number", "date", "text", "sha256"};
  if (PQntuples(res) != 1)
    return;
  payload = cJSON_Parse(dsc__cell(res, 0, 0));
  o = cJSON_CreateObject();
  if (payload == NULL || o == NULL) {
    cJSON_Delete(payload);
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  cJSON_AddNumberToObject(o, "request_id", (double)st->id);
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
    add_cell(o, keys[i], str_of(payload, keys[i]));
  cJSON_AddItemToObject(
      o, "fields", cJSON_DetachItemFromObjectCaseSensitive(payload, "fields"));
  add_cell(o, "corrects", str_of(payload, "corrects"));
  cJSON_AddFalseToObject(o, "preview");
  add_cell(o, "delivered_on", dsc__cell(res, 0, 1));
  add_cell(o, "delivery_method", dsc__cell(res, 0, 2));
  add_cell(o, "tracking", dsc__cell(res, 0, 3));
  cJSON_Delete(payload);
  if (cJSON_GetObjectItemCaseSensitive(o, "tracking") == NULL) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
  op->result.id = st->id;
}

static void on_got_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  get_state_t *st = op->state;
  if (err == DSC_OK && op->result.err != DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL) {
    dsc_detail_setf(&op->result.detail, DSC_NOT_FOUND, "number",
                    "request %lld has no letter %s",
                    "申请 %lld 没有文号为 %s 的文书", (long long)st->id,
                    st->number);
    op->result.err = DSC_NOT_FOUND;
  }
  dsc__op_finish(op);
}

dsc_err_t dsc_letter_get(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                         const char *number, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  get_state_t *st;
  char idbuf[24];
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_get_state, &op)) !=
      DSC_OK)
    return err;
  st = op->state;
  st->id = id;
  if (!dsc__utf8_is_line(number, 200))
    return dsc__op_defer_error(op, DSC_INVALID, "number",
                               "a document number (文号) of this request",
                               "须为该申请某一文书的文号");
  if ((st->number = dsc__strdup(number)) == NULL)
    return dsc__op_abandon(op);
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  {
    const char *v[2] = {idbuf, st->number};
    if (dsc__op_send_one(op, DSC_SQL_LETTER_GET, 2, v, on_got, on_got_done) !=
        DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}

/* ---- A request's letters --------------------------------------------------
 */

static void on_listed(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  static const char *const keys[] = {
      "kind",         "number",          "date",    "sha256", "corrects",
      "delivered_on", "delivery_method", "tracking"};
  cJSON *a = cJSON_CreateArray();
  bool ok = a != NULL;
  for (int i = 0; ok && i < PQntuples(res); i++) {
    cJSON *o = cJSON_CreateObject();
    ok = o != NULL && cJSON_AddItemToArray(a, o);
    if (!ok) {
      cJSON_Delete(o);
      break;
    }
    for (int k = 0; k < (int)(sizeof keys / sizeof *keys); k++)
      add_cell(o, keys[k], dsc__cell(res, i, k));
    ok = cJSON_GetObjectItemCaseSensitive(o, "tracking") != NULL;
  }
  if (!ok) {
    cJSON_Delete(a);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = a;
}

dsc_err_t dsc_letter_list(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                          dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  char idbuf[24];
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  op->result.id = id;
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  {
    const char *v[1] = {idbuf};
    if (dsc__op_send_one(op, DSC_SQL_SHOW_LETTERS, 1, v, on_listed,
                         on_json_done) != DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}
