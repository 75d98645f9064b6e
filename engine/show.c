/* Reading requests: the show object of CONTRACT §5 and lists of them.
 * Identity numbers leave the engine masked, whatever the caller. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/intake.h"
#include "engine_int.h"

/* Column positions of DSC_SQL_REQUEST_COLUMNS (sql.c). */
enum {
  C_ID,
  C_AGENCY,
  C_STATE,
  C_CHANNEL,
  C_RECEIVED,
  C_CLOCK_START,
  C_DUE,
  C_EXTENDED,
  C_PAUSED,
  C_SUPPLEMENT_DUE,
  C_HOLD,
  C_HOLD_SINCE,
  C_HOLD_LAPSES,
  C_APPLICANT_TYPE,
  C_APPLICANT_NAME,
  C_ID_NUMBER,
  C_ASSIGNEE,
  C_OUTCOME,
  C_ANSWERED,
  C_CLOSED,
  C_URL,
  C_FORM,
  C_VERSION,
  C_DESCRIPTION
};

static void add_text(cJSON *o, const char *key, const char *v) {
  if (v)
    cJSON_AddStringToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

static void add_bool_or_null(cJSON *o, const char *key, int v) {
  if (v < 0)
    cJSON_AddNullToObject(o, key);
  else
    cJSON_AddBoolToObject(o, key, v);
}

/* One show object (without events) from row `row` of a request result. */
static cJSON *request_json(const PGresult *res, int row) {
  cJSON *o = cJSON_CreateObject(), *hold, *app;
  const char *idn, *h, *answered, *due;
  char masked[64];

  if (o == NULL)
    return NULL;
  cJSON_AddNumberToObject(o, "id", (double)dsc__cell_int(res, row, C_ID));
  add_text(o, "agency", dsc__cell(res, row, C_AGENCY));
  add_text(o, "state", dsc__cell(res, row, C_STATE));
  add_text(o, "channel", dsc__cell(res, row, C_CHANNEL));
  add_text(o, "form", dsc__cell(res, row, C_FORM));
  add_text(o, "received_on", dsc__cell(res, row, C_RECEIVED));
  add_text(o, "clock_start", dsc__cell(res, row, C_CLOCK_START));
  due = dsc__cell(res, row, C_DUE);
  add_text(o, "due_on", due);
  cJSON_AddNumberToObject(o, "extended_days",
                          (double)dsc__cell_int(res, row, C_EXTENDED));
  cJSON_AddNumberToObject(o, "paused_workdays",
                          (double)dsc__cell_int(res, row, C_PAUSED));
  /* Working-day fields need the statutory calendar; until a request has a
   * due date they are null rather than guessed. */
  cJSON_AddNullToObject(o, "workdays_left");
  add_bool_or_null(o, "due_soon", -1);
  add_bool_or_null(o, "overdue", -1);
  add_text(o, "supplement_notice_due_on",
           dsc__cell(res, row, C_SUPPLEMENT_DUE));
  h = dsc__cell(res, row, C_HOLD);
  if (h) {
    hold = cJSON_AddObjectToObject(o, "hold");
    if (hold) {
      cJSON_AddStringToObject(hold, "kind", h);
      add_text(hold, "since", dsc__cell(res, row, C_HOLD_SINCE));
      add_text(hold, "lapses_on", dsc__cell(res, row, C_HOLD_LAPSES));
    }
  } else {
    cJSON_AddNullToObject(o, "hold");
  }
  app = cJSON_AddObjectToObject(o, "applicant");
  if (app) {
    add_text(app, "type", dsc__cell(res, row, C_APPLICANT_TYPE));
    add_text(app, "name", dsc__cell(res, row, C_APPLICANT_NAME));
    idn = dsc__cell(res, row, C_ID_NUMBER);
    add_text(app, "id_number",
             idn ? dsc_id_mask(idn, masked, sizeof masked) : NULL);
  }
  add_text(o, "assignee", dsc__cell(res, row, C_ASSIGNEE));
  add_text(o, "outcome", dsc__cell(res, row, C_OUTCOME));
  answered = dsc__cell(res, row, C_ANSWERED);
  add_text(o, "answered_on", answered);
  /* on_time: answered_on <= due_on (CONTRACT §7); both are ISO dates, so
   * the text comparison is the date comparison. */
  add_bool_or_null(o, "on_time",
                   answered && due ? strcmp(answered, due) <= 0 : -1);
  add_text(o, "closed_on", dsc__cell(res, row, C_CLOSED));
  add_text(o, "published_url", dsc__cell(res, row, C_URL));
  add_text(o, "description", dsc__cell(res, row, C_DESCRIPTION));
  cJSON_AddNumberToObject(o, "version",
                          (double)dsc__cell_int(res, row, C_VERSION));
  return o;
}

/* Event payloads keep what staff wrote; an applicant's identity number
 * appears only in the submit event and is masked here too. */
static cJSON *payload_json(const char *text) {
  cJSON *p = text ? cJSON_Parse(text) : NULL, *app, *idn;
  char masked[64];

  if (p == NULL)
    return NULL;
  app = cJSON_GetObjectItemCaseSensitive(p, "applicant");
  idn = app ? cJSON_GetObjectItemCaseSensitive(app, "id_number") : NULL;
  if (cJSON_IsString(idn))
    cJSON_ReplaceItemInObjectCaseSensitive(
        app, "id_number",
        cJSON_CreateString(
            dsc_id_mask(idn->valuestring, masked, sizeof masked)));
  return p;
}

static cJSON *events_json(const PGresult *res) {
  cJSON *arr = cJSON_CreateArray();
  if (arr == NULL)
    return NULL;
  for (int i = 0; i < PQntuples(res); i++) {
    cJSON *ev = cJSON_CreateObject(), *p;
    if (ev == NULL)
      break;
    cJSON_AddNumberToObject(ev, "seq", (double)dsc__cell_int(res, i, 0));
    add_text(ev, "action", dsc__cell(res, i, 1));
    add_text(ev, "state", dsc__cell(res, i, 2));
    add_text(ev, "actor", dsc__cell(res, i, 3));
    add_text(ev, "on", dsc__cell(res, i, 4));
    add_text(ev, "at", dsc__cell(res, i, 5));
    p = payload_json(dsc__cell(res, i, 6));
    if (p && cJSON_GetArraySize(p) > 0)
      cJSON_AddItemToObject(ev, "data", p);
    else
      cJSON_Delete(p);
    cJSON_AddItemToArray(arr, ev);
  }
  return arr;
}

/* ---- show -------------------------------------------------------------- */

static void on_show_request(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  if (PQntuples(res) == 1)
    op->result.json = request_json(res, 0);
}

static void on_show_events(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *events;
  if (op->result.json == NULL)
    return;
  events = events_json(res);
  if (events)
    cJSON_AddItemToObject(op->result.json, "events", events);
}

static void on_show_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL) {
    dsc_detail_setf(&op->result.detail, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)op->result.id);
    op->result.err = DSC_NOT_FOUND;
  }
  dsc__op_finish(op);
}

dsc_err_t dsc_request_show(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                           dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc__pg_batch_t *b;
  char idbuf[24];
  const char *v[1] = {idbuf};

  if (e == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, ctx, cb, data, 0, NULL);
  if (op == NULL)
    return DSC_NOMEM;
  op->result.id = id;
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
  /* Both statements share the batch's transaction: one consistent view. */
  b = dsc__pg_batch_new(e->pg, on_show_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_SHOW_REQUEST, 1, v, on_show_request, op) ||
      dsc__pg_batch_add(b, DSC_SQL_SHOW_EVENTS, 1, v, on_show_events, op)) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_discard(op);
    return DSC_NOMEM;
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

/* ---- list -------------------------------------------------------------- */

static void on_list_rows(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *arr = cJSON_CreateArray();
  if (arr == NULL)
    return;
  for (int i = 0; i < PQntuples(res); i++) {
    cJSON *o = request_json(res, i);
    if (o)
      cJSON_AddItemToArray(arr, o);
  }
  op->result.json = arr;
}

static void on_list_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL)
    op->result.json = cJSON_CreateArray();
  dsc__op_finish(op);
}

dsc_err_t dsc_request_list(dsc_engine_t *e, const dsc_ctx_t *ctx,
                           const dsc_list_filter_t *filter, dsc_result_cb cb,
                           void *data) {
  static const dsc_list_filter_t all = {0};
  dsc__op_t *op;
  dsc__pg_batch_t *b;
  dsc_state_t state;
  char today[DSC_DATE_STRLEN];

  if (e == NULL || ctx == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  if (filter == NULL)
    filter = &all;
  op = dsc__op_new(e, ctx, cb, data, 0, NULL);
  if (op == NULL)
    return DSC_NOMEM;
  if (filter->state && dsc_state_parse(filter->state, &state) != DSC_OK)
    return dsc__op_defer_error(op, DSC_INVALID, "state",
                               "not a state (received, assigned, drafted, "
                               "reviewed, answered, published, withdrawn)",
                               "不是有效状态");
  if (filter->due_within < 0)
    return dsc__op_defer_error(op, DSC_INVALID, "due-within",
                               "must be a non-negative number of working days",
                               "必须是非负的工作日数");
  {
    const char *v[5] = {filter->state, filter->assignee,
                        filter->overdue ? "true" : "false",
                        dsc_date_format(ctx->today, today), NULL};
    b = dsc__pg_batch_new(e->pg, on_list_done, op);
    if (b == NULL ||
        dsc__pg_batch_add(b, DSC_SQL_LIST, 5, v, on_list_rows, op) != DSC_OK) {
      if (b)
        dsc__pg_batch_discard(b);
      dsc__op_discard(op);
      return DSC_NOMEM;
    }
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}
