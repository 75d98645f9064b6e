/* Reading requests: the show object of CONTRACT §5 and lists of them.
 * Identity numbers leave the engine masked, whatever the caller. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/deadline.h"
#include "disclose/intake.h"
#include "disclose/letter.h"
#include "disclose/personal.h"
#include "engine_int.h"
#include "route.h"
#include "row.h"

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
  C_DESCRIPTION,
  C_EVENTS
};

/* What show and list need to compute the live deadline fields. */
typedef struct view {
  const dsc_calendar_t *cal;
  dsc_date_t today;
  int due_soon_days;
  /* list filters applied after the clock is known */
  bool only_overdue, only_due_within;
  int due_within;
  bool explain;
} view_t;

static void add_text(cJSON *o, const char *key, const char *v) {
  if (v)
    cJSON_AddStringToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

static void add_date(cJSON *o, const char *key, dsc_date_t d) {
  char buf[DSC_DATE_STRLEN];
  add_text(o, key, d == DSC_DATE_NONE ? NULL : dsc_date_format(d, buf));
}

/* The deadline fields (CONTRACT §5, §7) from the replayed clock. */
static void add_clock(cJSON *o, const dsc_clock_t *c) {
  cJSON *hold;

  add_date(o, "clock_start", c->clock_start);
  add_date(o, "due_on", c->due_on);
  cJSON_AddNumberToObject(o, "extended_days", c->extended_days);
  /* Art. 35's longer period, beside the one extension of Art. 33. */
  cJSON_AddNumberToObject(o, "longer_period_days", c->longer_period_days);
  cJSON_AddNumberToObject(o, "paused_workdays", c->paused_workdays);
  if (c->workdays_left_known)
    cJSON_AddNumberToObject(o, "workdays_left", c->workdays_left);
  else
    cJSON_AddNullToObject(o, "workdays_left");
  cJSON_AddBoolToObject(o, "due_soon", c->due_soon);
  cJSON_AddBoolToObject(o, "overdue", c->overdue);
  add_date(o, "supplement_notice_due_on", c->supplement_notice_due_on);
  if (c->hold != DSC_HOLD_NONE && (hold = cJSON_AddObjectToObject(o, "hold"))) {
    cJSON_AddStringToObject(hold, "kind", dsc_hold_name(c->hold));
    add_date(hold, "since", c->hold_since);
    add_date(hold, "lapses_on", c->hold_lapses_on);
    /* A letter's window runs from its delivery (Art. 32, 34, 109号): null
     * while the receipt is not recorded, and lapses_on with it. */
    if (c->hold == DSC_HOLD_THIRD_PARTY || c->hold == DSC_HOLD_OTHER_AGENCY ||
        c->hold == DSC_HOLD_FEE)
      add_date(hold, "delivered_on", c->hold_delivered_on);
  } else {
    cJSON_AddNullToObject(o, "hold");
  }
}

/* The stored deadline columns, when the clock cannot be replayed (a date
 * after the loaded calendar): nothing relative to today is guessed. */
static void add_stored_clock(cJSON *o, const PGresult *res, int row) {
  const char *h = dsc__cell(res, row, C_HOLD);
  cJSON *hold;

  add_text(o, "clock_start", dsc__cell(res, row, C_CLOCK_START));
  add_text(o, "due_on", dsc__cell(res, row, C_DUE));
  cJSON_AddNumberToObject(o, "extended_days",
                          (double)dsc__cell_int(res, row, C_EXTENDED));
  /* Not stored apart: the stored due date includes it. */
  cJSON_AddNullToObject(o, "longer_period_days");
  cJSON_AddNumberToObject(o, "paused_workdays",
                          (double)dsc__cell_int(res, row, C_PAUSED));
  cJSON_AddNullToObject(o, "workdays_left");
  cJSON_AddFalseToObject(o, "due_soon");
  cJSON_AddFalseToObject(o, "overdue");
  add_text(o, "supplement_notice_due_on",
           dsc__cell(res, row, C_SUPPLEMENT_DUE));
  if (h && (hold = cJSON_AddObjectToObject(o, "hold"))) {
    cJSON_AddStringToObject(hold, "kind", h);
    add_text(hold, "since", dsc__cell(res, row, C_HOLD_SINCE));
    add_text(hold, "lapses_on", dsc__cell(res, row, C_HOLD_LAPSES));
  } else {
    cJSON_AddNullToObject(o, "hold");
  }
}

static const char *day_kind_name(dsc_clock_day_kind_t k) {
  switch (k) {
  case DSC_CLOCK_DAY_COUNTED:
    return "counted";
  case DSC_CLOCK_DAY_MAKEUP:
    return "makeup";
  case DSC_CLOCK_DAY_PAUSED:
    return "paused";
  case DSC_CLOCK_DAY_EXTENDED:
    return "extended";
  case DSC_CLOCK_DAY_HOLIDAY:
    return "holiday";
  case DSC_CLOCK_DAY_WEEKEND:
    return "weekend";
  }
  return "unknown";
}

/* The day-by-day account of `show --explain`. */
static cJSON *explain_json(const dsc_clock_explain_t *ex) {
  cJSON *o = cJSON_CreateObject(), *days, *spans;

  if (o == NULL)
    return NULL;
  add_date(o, "clock_start", ex->clock_start);
  add_date(o, "due_on", ex->due_on);
  cJSON_AddNumberToObject(o, "extended_days", ex->extended_days);
  cJSON_AddNumberToObject(o, "longer_period_days", ex->longer_period_days);
  /* Art. 30: the restart voided the old period's extension. */
  if (ex->voided_extension_days > 0) {
    cJSON *v = cJSON_AddObjectToObject(o, "voided_extension");
    if (v) {
      cJSON_AddNumberToObject(v, "days", ex->voided_extension_days);
      add_date(v, "on", ex->voided_extension_on);
    }
  }
  days = cJSON_AddArrayToObject(o, "days");
  for (size_t i = 0; days && i < ex->ndays; i++) {
    cJSON *d = cJSON_CreateObject();
    if (d == NULL)
      break;
    add_date(d, "date", ex->days[i].date);
    cJSON_AddStringToObject(d, "kind", day_kind_name(ex->days[i].kind));
    if (ex->days[i].ordinal > 0)
      cJSON_AddNumberToObject(d, "n", ex->days[i].ordinal);
    else
      cJSON_AddNullToObject(d, "n");
    cJSON_AddItemToArray(days, d);
  }
  spans = cJSON_AddArrayToObject(o, "paused");
  for (size_t i = 0; spans && i < ex->nspans; i++) {
    cJSON *sp = cJSON_CreateObject();
    if (sp == NULL)
      break;
    cJSON_AddStringToObject(sp, "kind", dsc_hold_name(ex->spans[i].kind));
    add_date(sp, "from", ex->spans[i].from);
    add_date(sp, "to", ex->spans[i].to);
    cJSON_AddNumberToObject(sp, "workdays", ex->spans[i].workdays);
    cJSON_AddBoolToObject(sp, "open", ex->spans[i].open);
    cJSON_AddItemToArray(spans, sp);
  }
  return o;
}

/* One show object (without events) from row `row` of a request result.
 * *keep says whether the list filters of v keep it. */
static cJSON *request_json(const PGresult *res, int row, const view_t *v,
                           bool *keep, dsc_err_t *clock_err,
                           dsc_detail_t *clock_detail) {
  cJSON *o = cJSON_CreateObject(), *app;
  const char *idn;
  char masked[64];
  dsc__row_t hist = {0};
  dsc_clock_t clock;
  dsc_err_t err;

  *keep = true;
  if (o == NULL)
    return NULL;
  err = dsc__row_read_events(&hist, dsc__cell(res, row, C_EVENTS));
  dsc__row_use_receipt(&hist, dsc__cell_date(res, row, C_RECEIVED));
  if (err == DSC_OK)
    err = dsc__row_clock(&hist, v->cal, v->today, v->due_soon_days, &clock,
                         clock_detail);
  if (clock_err)
    *clock_err = err;

  cJSON_AddNumberToObject(o, "id", (double)dsc__cell_int(res, row, C_ID));
  add_text(o, "agency", dsc__cell(res, row, C_AGENCY));
  add_text(o, "state", dsc__cell(res, row, C_STATE));
  add_text(o, "channel", dsc__cell(res, row, C_CHANNEL));
  add_text(o, "form", dsc__cell(res, row, C_FORM));
  add_text(o, "received_on", dsc__cell(res, row, C_RECEIVED));
  if (err == DSC_OK)
    add_clock(o, &clock);
  else
    add_stored_clock(o, res, row);
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
  add_text(o, "answered_on", dsc__cell(res, row, C_ANSWERED));
  /* on_time: answered_on <= due_on (CONTRACT §7). */
  if (err == DSC_OK && clock.on_time >= 0)
    cJSON_AddBoolToObject(o, "on_time", clock.on_time);
  else
    cJSON_AddNullToObject(o, "on_time");
  add_text(o, "closed_on", dsc__cell(res, row, C_CLOSED));
  add_text(o, "published_url", dsc__cell(res, row, C_URL));
  add_text(o, "description", dsc__cell(res, row, C_DESCRIPTION));
  cJSON_AddNumberToObject(o, "version",
                          (double)dsc__cell_int(res, row, C_VERSION));

  if (v->only_overdue && !(err == DSC_OK && clock.overdue))
    *keep = false;
  if (v->only_due_within &&
      !(err == DSC_OK && clock.workdays_left_known && !clock.overdue &&
        clock.workdays_left <= v->due_within))
    *keep = false;
  if (v->explain && err == DSC_OK) {
    dsc_clock_explain_t ex = {0};
    if (dsc_clock_explain(v->cal, hist.events, hist.nevents, v->today, &ex,
                          clock_detail) == DSC_OK) {
      cJSON *e = ex.ndays ? explain_json(&ex) : cJSON_CreateNull();
      if (e)
        cJSON_AddItemToObject(o, "explain", e);
    } else if (clock_err) {
      *clock_err = clock_detail->code;
    }
    dsc_clock_explain_free(&ex);
  }
  dsc__row_clear(&hist);
  return o;
}

/* Event payloads keep what staff wrote; an applicant's identity number
 * appears only in the submit event and is masked here too. */
/* Replaces the string field key of o by its mask (include/disclose/
 * personal.h); the mask of a field too long for the buffer is "". */
static void mask_field(cJSON *o, const char *key,
                       char *(*mask)(const char *, char *, size_t)) {
  cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL, *m;
  char masked[DSC_PERSONAL_MASK_SIZE(2000)];

  if (!cJSON_IsString(v))
    return;
  m = cJSON_CreateString(mask(v->valuestring, masked, sizeof masked));
  /* Out of memory, the field goes rather than stay in clear. */
  if (m == NULL || !cJSON_ReplaceItemInObjectCaseSensitive(o, key, m)) {
    cJSON_Delete(m);
    cJSON_DeleteItemFromObjectCaseSensitive(o, key);
  }
}

/* An event's payload as shown: the applicant's identity number, phone,
 * e-mail and address masked (issue 11: shown masked everywhere). */
static cJSON *payload_json(const char *text) {
  cJSON *p = text ? cJSON_Parse(text) : NULL, *app;

  if (p == NULL)
    return NULL;
  app = cJSON_GetObjectItemCaseSensitive(p, "applicant");
  mask_field(app, "id_number", dsc_personal_mask_id);
  mask_field(app, "phone", dsc_personal_mask_phone);
  mask_field(app, "email", dsc_personal_mask_email);
  mask_field(app, "address", dsc_personal_mask_address);
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

typedef struct show_state {
  int64_t id;
  view_t view;
  dsc_err_t clock_err;
  dsc_detail_t clock_detail;
  /* list filters, and the keyset page: rows after `after`, at most
   * `limit` of them kept; `scanned` rows of the last page read */
  char *state, *assignee;
  bool overdue;
  int64_t after;
  int limit, scanned, kept;
} show_state_t;

static void free_show_state(void *p) {
  show_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->state);
  dsc__free(st->assignee);
  dsc__free(st);
}

static void on_show_request(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  show_state_t *st = op->state;
  bool keep;
  if (PQntuples(res) == 1)
    op->result.json = request_json(res, 0, &st->view, &keep, &st->clock_err,
                                   &st->clock_detail);
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

/* The remedy periods, from the delivery of the latest answer letter
 * (dsc_letter_remedy_dates): null until it is delivered, and when the
 * calendar does not reach their end. */
static void add_remedy(cJSON *o, const cJSON *answer, const view_t *view) {
  const cJSON *outcome = cJSON_GetObjectItemCaseSensitive(o, "outcome");
  const cJSON *on = cJSON_GetObjectItemCaseSensitive(answer, "delivered_on");
  dsc_outcome_t code = DSC_OUTCOME_NONE;
  dsc_date_t delivered, recon, lit;
  cJSON *r;

  if (!cJSON_IsString(on) || dsc_date_parse(on->valuestring, &delivered) ||
      !cJSON_IsString(outcome) ||
      dsc_outcome_parse(outcome->valuestring, &code) != DSC_OK ||
      dsc_letter_remedy_dates(view->cal, code, delivered, &recon, &lit, NULL) !=
          DSC_OK ||
      (r = cJSON_AddObjectToObject(o, "remedy")) == NULL) {
    cJSON_AddNullToObject(o, "remedy");
    return;
  }
  add_date(r, "delivered_on", delivered);
  add_date(r, "reconsideration_by", recon);
  add_date(r, "litigation_by", lit);
}

/* The request's letters (migrations/0021): number, date, digest and
 * delivery of each, and the remedy dates of its answer. */
static void on_show_letters(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  show_state_t *st = op->state;
  cJSON *arr, *answer = NULL;
  if (op->result.json == NULL)
    return;
  arr = cJSON_AddArrayToObject(op->result.json, "letters");
  for (int i = 0; arr && i < PQntuples(res); i++) {
    cJSON *l = cJSON_CreateObject();
    if (l == NULL || !cJSON_AddItemToArray(arr, l)) {
      cJSON_Delete(l);
      break;
    }
    add_text(l, "kind", dsc__cell(res, i, 0));
    add_text(l, "number", dsc__cell(res, i, 1));
    add_text(l, "date", dsc__cell(res, i, 2));
    add_text(l, "sha256", dsc__cell(res, i, 3));
    add_text(l, "corrects", dsc__cell(res, i, 4));
    add_text(l, "delivered_on", dsc__cell(res, i, 5));
    add_text(l, "delivery_method", dsc__cell(res, i, 6));
    add_text(l, "tracking", dsc__cell(res, i, 7));
    if (strcmp(dsc__cell(res, i, 0), "answer") == 0)
      answer = l;
  }
  add_remedy(op->result.json, answer, &st->view);
}

static void on_show_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  show_state_t *st = op->state;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.json == NULL) {
    dsc_detail_setf(&op->result.detail, DSC_NOT_FOUND, "id", "no request %lld",
                    "没有编号为 %lld 的申请", (long long)st->id);
    op->result.err = DSC_NOT_FOUND;
  } else if (st->view.explain && st->clock_err != DSC_OK) {
    /* An explanation that cannot be given is an error, not a silent gap. */
    dsc__op_fail(op, st->clock_err, &st->clock_detail);
    return;
  }
  op->result.id = st->id;
  dsc__op_finish(op);
}

static void send_show(dsc__op_t *op) {
  show_state_t *st = op->state;
  dsc__pg_batch_t *b;
  char idbuf[24];
  const char *v[1] = {idbuf};

  st->view.cal = op->engine->calendar;
  snprintf(idbuf, sizeof idbuf, "%lld", (long long)st->id);
  /* Both statements share the batch's transaction: one consistent view. */
  b = dsc__pg_batch_new(dsc__route_spread(op->engine), on_show_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_SHOW_REQUEST, 1, v, on_show_request, op) ||
      dsc__pg_batch_add(b, DSC_SQL_SHOW_EVENTS, 1, v, on_show_events, op) ||
      dsc__pg_batch_add(b, DSC_SQL_SHOW_LETTERS, 1, v, on_show_letters, op)) {
    if (b)
      dsc__pg_batch_discard(b);
    op->result.err = DSC_NOMEM;
    dsc_detail_set(&op->result.detail, DSC_NOMEM, NULL, NULL, NULL);
    dsc__op_defer(op);
    return;
  }
  dsc__pg_batch_send(b);
}

static dsc_err_t show(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                      bool explain, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  show_state_t *st;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_show_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->id = id;
  st->view.today = ctx->today;
  st->view.due_soon_days = e->due_soon_days;
  st->view.explain = explain;
  /* The calendar is loaded first, so the rows are turned into show
   * objects as they arrive; sending is all that may happen here. */
  dsc__calendar_need(op, send_show);
  return DSC_OK;
}

dsc_err_t dsc_request_show(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                           dsc_result_cb cb, void *data) {
  return show(e, ctx, id, false, cb, data);
}

dsc_err_t dsc_request_explain(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                              dsc_result_cb cb, void *data) {
  return show(e, ctx, id, true, cb, data);
}

/* ---- list -------------------------------------------------------------- */

static void on_list_rows(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  show_state_t *st = op->state;
  cJSON *arr = op->result.json ? op->result.json : cJSON_CreateArray();

  op->result.json = arr;
  st->scanned = PQntuples(res);
  if (arr == NULL) {
    op->result.err = DSC_NOMEM;
    return;
  }
  for (int i = 0; i < st->scanned; i++) {
    bool keep;
    cJSON *o;
    st->after = dsc__cell_int(res, i, C_ID);
    if (st->kept >= st->limit)
      break;
    o = request_json(res, i, &st->view, &keep, NULL, NULL);
    if (o == NULL) {
      op->result.err = DSC_NOMEM;
    } else if (keep) {
      cJSON_AddItemToArray(arr, o);
      st->kept++;
    } else {
      cJSON_Delete(o);
    }
  }
}

static void send_list(dsc__op_t *op);

/* The stored due date narrows the rows; the calendar decides each one
 * (overdue, due within N), so a page of rows may keep fewer than the
 * limit: the next page is read until the limit is reached or the rows
 * run out. */
static void on_list_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  show_state_t *st = op->state;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (op->result.err != DSC_OK) {
    dsc__op_fail(op, op->result.err, NULL);
    return;
  }
  if (op->result.json == NULL)
    op->result.json = cJSON_CreateArray();
  if (op->result.json != NULL && st->kept < st->limit &&
      st->scanned == st->limit) {
    send_list(op);
    return;
  }
  dsc__op_finish(op);
}

static void send_list(dsc__op_t *op) {
  show_state_t *st = op->state;
  dsc__pg_batch_t *b;
  char today[DSC_DATE_STRLEN], after[24], limit[16];
  const char *v[7] = {st->state,
                      st->assignee,
                      st->view.only_overdue ? "true" : "false",
                      dsc_date_format(st->view.today, today),
                      st->view.only_due_within ? "true" : "false",
                      after,
                      limit};

  snprintf(after, sizeof after, "%lld", (long long)st->after);
  snprintf(limit, sizeof limit, "%d", st->limit);
  st->view.cal = op->engine->calendar;
  b = dsc__pg_batch_new(dsc__route_spread(op->engine), on_list_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_LIST, 7, v, on_list_rows, op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    op->result.err = DSC_NOMEM;
    dsc_detail_set(&op->result.detail, DSC_NOMEM, NULL, NULL, NULL);
    dsc__op_defer(op);
    return;
  }
  dsc__pg_batch_send(b);
}

dsc_err_t dsc_request_list(dsc_engine_t *e, const dsc_ctx_t *ctx,
                           const dsc_list_filter_t *filter, dsc_result_cb cb,
                           void *data) {
  static const dsc_list_filter_t all = {0};
  dsc__op_t *op;
  show_state_t *st;
  dsc_state_t state;

  if (e == NULL || ctx == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  if (filter == NULL)
    filter = &all;
  op = dsc__op_new(e, ctx, cb, data, sizeof *st, free_show_state);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  if (filter->state && dsc_state_parse(filter->state, &state) != DSC_OK)
    return dsc__op_defer_error(op, DSC_INVALID, "state",
                               "not a state (received, assigned, drafted, "
                               "reviewed, answered, published, withdrawn)",
                               "不是有效状态");
  if (filter->due_within_set && filter->due_within < 0)
    return dsc__op_defer_error(op, DSC_INVALID, "due-within",
                               "must be a non-negative number of working days",
                               "必须是非负的工作日数");
  if (filter->limit < 0 || filter->limit > DSC_LIST_MAX_LIMIT)
    return dsc__op_defer_error(op, DSC_INVALID, "limit",
                               "must be 1 to 1000 (0: the default, 100)",
                               "必须为1至1000（0表示默认的100）");
  if (filter->after < 0)
    return dsc__op_defer_error(op, DSC_INVALID, "after", "must be a request id",
                               "必须是申请编号");
  st->after = filter->after;
  st->limit = filter->limit ? filter->limit : DSC_LIST_DEFAULT_LIMIT;
  if ((filter->state && (st->state = dsc__strdup(filter->state)) == NULL) ||
      (filter->assignee &&
       (st->assignee = dsc__strdup(filter->assignee)) == NULL))
    return dsc__op_abandon(op);
  st->view.today = ctx->today;
  st->view.due_soon_days = e->due_soon_days;
  st->view.only_overdue = filter->overdue;
  st->view.only_due_within = filter->due_within_set;
  st->view.due_within = filter->due_within;
  dsc__calendar_need(op, send_list);
  return DSC_OK;
}
