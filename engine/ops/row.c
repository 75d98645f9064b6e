/* Reading and writing a request's snapshot row (see row.h). */
#include "row.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "engine_int.h"

void dsc__row_clear(dsc__row_t *r) {
  dsc__free(r->assignee);
  dsc__free(r->drafter);
  dsc__free(r->published_url);
  dsc__free(r->events);
  memset(r, 0, sizeof *r);
}

dsc_err_t dsc__row_push_event(dsc__row_t *r, dsc_action_t action, dsc_date_t on,
                              int days, dsc_date_t delivered) {
  if (r->nevents == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 16;
    dsc_clock_event_t *ev = dsc__realloc(r->events, cap * sizeof *ev);
    if (ev == NULL)
      return DSC_NOMEM;
    r->events = ev;
    r->cap = cap;
  }
  r->events[r->nevents++] = (dsc_clock_event_t){action, on, days, delivered};
  /* The workers' bookkeeping (an escalation, a moved deadline) is dated on
   * the pass that wrote it; it must not stop staff from recording what
   * happened before it, such as an answer given on its due date. */
  if (action != DSC_ACTION_ESCALATE && action != DSC_ACTION_DEADLINE_MOVED)
    r->last_on = on;
  return DSC_OK;
}

/* The history column: [[action, "YYYY-MM-DD", days|null,
 * "YYYY-MM-DD"|null], ...]. */
dsc_err_t dsc__row_read_events(dsc__row_t *r, const char *json) {
  cJSON *arr = json ? cJSON_Parse(json) : NULL, *item;
  dsc_err_t err = DSC_OK;

  if (arr == NULL)
    return json ? DSC_INTEGRITY : DSC_OK;
  cJSON_ArrayForEach(item, arr) {
    cJSON *a = cJSON_GetArrayItem(item, 0), *d = cJSON_GetArrayItem(item, 1),
          *n = cJSON_GetArrayItem(item, 2), *w = cJSON_GetArrayItem(item, 3);
    dsc_action_t action;
    dsc_date_t on, delivered = DSC_DATE_NONE;
    if (!cJSON_IsString(a) || !cJSON_IsString(d) ||
        dsc_action_parse(a->valuestring, &action) != DSC_OK ||
        dsc_date_parse(d->valuestring, &on) != DSC_OK ||
        (cJSON_IsString(w) &&
         dsc_date_parse(w->valuestring, &delivered) != DSC_OK)) {
      err = DSC_INTEGRITY;
      break;
    }
    err = dsc__row_push_event(
        r, action, on, cJSON_IsNumber(n) ? (int)n->valuedouble : 0, delivered);
    if (err != DSC_OK)
      break;
  }
  cJSON_Delete(arr);
  return err;
}

static dsc_err_t dup_cell(char **dst, const PGresult *res, int row, int col) {
  const char *v = dsc__cell(res, row, col);
  if (v == NULL)
    return DSC_OK;
  *dst = dsc__strdup(v);
  return *dst ? DSC_OK : DSC_NOMEM;
}

dsc_err_t dsc__row_read(const PGresult *res, int row, int c, dsc__row_t *out) {
  const char *v;
  dsc_err_t err;

  memset(out, 0, sizeof *out);
  out->id = dsc__cell_int(res, row, c + DSC_ROW_ID);
  out->version = (int)dsc__cell_int(res, row, c + DSC_ROW_VERSION);
  if (dsc_state_parse(dsc__cell(res, row, c + DSC_ROW_STATE), &out->state) !=
      DSC_OK)
    return DSC_INTEGRITY;
  v = dsc__cell(res, row, c + DSC_ROW_HOLD);
  out->hold = DSC_HOLD_NONE;
  if (v && dsc_hold_parse(v, &out->hold) != DSC_OK)
    return DSC_INTEGRITY;
  out->hold_since = dsc__cell_date(res, row, c + DSC_ROW_HOLD_SINCE);
  out->hold_lapses_on = dsc__cell_date(res, row, c + DSC_ROW_HOLD_LAPSES_ON);
  v = dsc__cell(res, row, c + DSC_ROW_OUTCOME);
  out->outcome = DSC_OUTCOME_NONE;
  if (v && dsc_outcome_parse(v, &out->outcome) != DSC_OK)
    return DSC_INTEGRITY;
  out->answered_on = dsc__cell_date(res, row, c + DSC_ROW_ANSWERED_ON);
  out->closed_on = dsc__cell_date(res, row, c + DSC_ROW_CLOSED_ON);
  out->received_on = dsc__cell_date(res, row, c + DSC_ROW_RECEIVED_ON);
  out->clock_start = dsc__cell_date(res, row, c + DSC_ROW_CLOCK_START);
  out->due_on = dsc__cell_date(res, row, c + DSC_ROW_DUE_ON);
  out->extended_days = (int)dsc__cell_int(res, row, c + DSC_ROW_EXTENDED_DAYS);
  out->paused_workdays =
      (int)dsc__cell_int(res, row, c + DSC_ROW_PAUSED_WORKDAYS);
  out->supplement_notice_due_on =
      dsc__cell_date(res, row, c + DSC_ROW_SUPPLEMENT_NOTICE_DUE_ON);
  out->calendar_generation =
      dsc__cell_int(res, row, c + DSC_ROW_CALENDAR_GENERATION);
  out->fee_amount_fen = dsc__cell_int(res, row, c + DSC_ROW_FEE_AMOUNT_FEN);
  out->fee_paid_on = dsc__cell_date(res, row, c + DSC_ROW_FEE_PAID_ON);
  out->escalation = (int)dsc__cell_int(res, row, c + DSC_ROW_ESCALATION);
  out->last_on = DSC_DATE_NONE;
  if ((err = dup_cell(&out->assignee, res, row, c + DSC_ROW_ASSIGNEE)) !=
          DSC_OK ||
      (err = dup_cell(&out->drafter, res, row, c + DSC_ROW_DRAFTER)) !=
          DSC_OK ||
      (err = dup_cell(&out->published_url, res, row,
                      c + DSC_ROW_PUBLISHED_URL)) != DSC_OK ||
      (err = dsc__row_read_events(
           out, dsc__cell(res, row, c + DSC_ROW_EVENTS))) != DSC_OK) {
    dsc__row_clear(out);
    return err;
  }
  dsc__row_use_receipt(out, out->received_on);
  return DSC_OK;
}

void dsc__row_use_receipt(dsc__row_t *r, dsc_date_t received_on) {
  if (r->nevents > 0 && r->events[0].action == DSC_ACTION_SUBMIT &&
      received_on != DSC_DATE_NONE)
    r->events[0].on = received_on;
}

dsc_err_t dsc__row_clock(const dsc__row_t *r, const dsc_calendar_t *cal,
                         dsc_date_t today, int due_soon_days, dsc_clock_t *out,
                         dsc_detail_t *detail) {
  return dsc_clock_replay(cal, r->events, r->nevents, today, due_soon_days, out,
                          detail);
}

dsc_date_t dsc__row_clock_date(const dsc__row_t *r) {
  for (size_t i = r->nevents; i-- > 0;)
    if (dsc_clock_moves_with(r->events[i].action))
      return r->events[i].on;
  return r->received_on;
}

void dsc__row_set_clock(dsc__row_t *r, const dsc_clock_t *c,
                        int64_t generation) {
  r->clock_start = c->clock_start;
  r->due_on = c->due_on;
  r->extended_days = c->extended_days;
  r->paused_workdays = c->paused_workdays;
  r->supplement_notice_due_on = c->supplement_notice_due_on;
  r->hold = c->hold;
  r->hold_since = c->hold_since;
  r->hold_lapses_on = c->hold_lapses_on;
  r->calendar_generation = generation;
}

static const char *date_or_null(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  return d == DSC_DATE_NONE ? NULL : dsc_date_format(d, buf);
}

dsc_err_t dsc__row_write(dsc__pg_batch_t *b, const dsc__row_t *r,
                         int expected_version, dsc_action_t action,
                         const char *actor, dsc_date_t on, const char *payload,
                         dsc__pg_result_cb cb, void *arg) {
  char id[24], version[16], hs[DSC_DATE_STRLEN], hl[DSC_DATE_STRLEN];
  char ans[DSC_DATE_STRLEN], closed[DSC_DATE_STRLEN], ond[DSC_DATE_STRLEN];
  char cs[DSC_DATE_STRLEN], due[DSC_DATE_STRLEN], sup[DSC_DATE_STRLEN];
  char paid[DSC_DATE_STRLEN], ext[16], paused[16], gen[24], fee[24], esc[8];

  snprintf(id, sizeof id, "%lld", (long long)r->id);
  snprintf(version, sizeof version, "%d", expected_version);
  snprintf(ext, sizeof ext, "%d", r->extended_days);
  snprintf(paused, sizeof paused, "%d", r->paused_workdays);
  snprintf(gen, sizeof gen, "%lld", (long long)r->calendar_generation);
  snprintf(fee, sizeof fee, "%lld", (long long)r->fee_amount_fen);
  snprintf(esc, sizeof esc, "%d", r->escalation);
  {
    const char *v[25] = {
        id,
        version,
        dsc_state_name(r->state),
        r->hold == DSC_HOLD_NONE ? NULL : dsc_hold_name(r->hold),
        r->hold == DSC_HOLD_NONE ? NULL : date_or_null(r->hold_since, hs),
        r->hold == DSC_HOLD_NONE ? NULL : date_or_null(r->hold_lapses_on, hl),
        r->assignee,
        r->drafter,
        r->outcome == DSC_OUTCOME_NONE ? NULL : dsc_outcome_code(r->outcome),
        date_or_null(r->answered_on, ans),
        date_or_null(r->closed_on, closed),
        r->published_url,
        dsc_action_name(action),
        actor,
        dsc_date_format(on, ond),
        payload ? payload : "{}",
        date_or_null(r->clock_start, cs),
        date_or_null(r->due_on, due),
        ext,
        paused,
        date_or_null(r->supplement_notice_due_on, sup),
        gen,
        r->fee_amount_fen > 0 ? fee : NULL,
        date_or_null(r->fee_paid_on, paid),
        esc,
    };
    /* Every write of a transaction goes as one statement (pgloop.h). */
    return dsc__pg_batch_add_row(b, DSC_SQL_TRANSITION, DSC_SQL_TRANSITION_MANY,
                                 r->id, 25, v, cb, arg);
  }
}
