/* Applying a lapse (see lapse.h). */
#include "lapse.h"

#include "alloc.h"
#include "json_put.h"

dsc_err_t dsc__lapse_if_due(dsc_engine_t *e, dsc__row_t *r, dsc_date_t on,
                            dsc__pg_batch_t *b, dsc__pg_result_cb cb, void *arg,
                            dsc_detail_t *detail) {
  static const dsc_machine_actor_t system_actor = {"system", DSC_ROLE_SYSTEM};
  dsc_machine_request_t req = {r->state, r->hold, r->assignee, r->drafter,
                               r->outcome};
  dsc_date_t lapses_on = r->hold_lapses_on;
  dsc_hold_t hold = r->hold;
  dsc_transition_t tr;
  dsc_clock_t clock;
  dsc_err_t err;
  cJSON *o;
  char *payload;

  if (!dsc_state_is_open(r->state) || hold == DSC_HOLD_NONE ||
      lapses_on == DSC_DATE_NONE || lapses_on >= on)
    return DSC_OK;
  err = dsc_machine_decide(&req, DSC_ACTION_LAPSE, &system_actor, NULL, &tr,
                           detail);
  if (err != DSC_OK)
    return err;
  if ((err = dsc__row_push_event(r, DSC_ACTION_LAPSE, lapses_on, 0,
                                 DSC_DATE_NONE)) != DSC_OK)
    return err;
  r->state = tr.next;
  r->hold = tr.hold;
  if (tr.outcome_effect == DSC_OUTCOME_SET)
    r->outcome = tr.outcome;
  if (r->state == DSC_STATE_WITHDRAWN)
    r->closed_on = lapses_on;
  if (dsc__row_clock(r, e->calendar, dsc__row_clock_date(r), e->due_soon_days,
                     &clock, NULL) == DSC_OK) {
    dsc__row_set_clock(r, &clock, e->calendar_generation);
  } else {
    r->hold_since = r->hold_lapses_on = DSC_DATE_NONE;
    r->due_on = DSC_DATE_NONE;
    r->calendar_generation = 0;
  }

  /* The event is written whole or not at all (json_put.h). */
  o = cJSON_CreateObject();
  payload = o && dsc__json_put_string(o, "hold", dsc_hold_name(hold)) &&
                    dsc__json_put_date(o, "lapses_on", lapses_on)
                ? cJSON_PrintUnformatted(o)
                : NULL;
  cJSON_Delete(o);
  if (payload == NULL)
    return DSC_NOMEM;
  err = dsc__row_write(b, r, r->version, DSC_ACTION_LAPSE, "system", lapses_on,
                       payload, cb, arg);
  cJSON_free(payload);
  if (err == DSC_OK)
    r->version++;
  return err;
}
