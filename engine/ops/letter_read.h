/* Letters (internal): what the store holds that a letter may say, read in
 * one statement (DSC_SQL_LETTER_READ), and the facts of one letter gathered
 * from it (letter_store.h says which event each kind reports).
 */
#ifndef DSC_ENGINE_LETTER_READ_H
#define DSC_ENGINE_LETTER_READ_H

#include <cjson/cJSON.h>
#include <libpq-fe.h>

#include "disclose/calendar.h"
#include "disclose/letter.h"
#include "disclose/letter_store.h"

/* The read's row, copied out of the result (owned strings, owned JSON). */
typedef struct dsc__letter_read {
  bool found, actor_found;
  unsigned actor_roles;
  int64_t id;
  int version;
  dsc_state_t state;
  dsc_hold_t hold;
  dsc_outcome_t outcome;
  dsc_form_t form;
  dsc_date_t hold_lapses_on, last_on, received_on, due_on;
  int64_t fee_amount_fen;
  char *channel, *applicant_name, *description;
  char *agency[9]; /* full_name … fee_payment, in dsc_letter_agency_t order */
  cJSON *events;   /* array of {seq, action, on, actor_name, payload} */
  cJSON *earlier;  /* {number, date} of a repeated request's answer, or NULL */
} dsc__letter_read_t;

/* Copies row 0 of a DSC_SQL_LETTER_READ result into *r (cleared first).
 * DSC_OK or DSC_NOMEM (r then cleared). */
dsc_err_t dsc__letter_read_copy(const PGresult *res, dsc__letter_read_t *r);

/* Frees what *r owns and zeroes it. */
void dsc__letter_read_clear(dsc__letter_read_t *r);

/* Gathers the facts of a letter of kind args->kind dated on from r into
 * *facts, whose strings borrow from r and args. cal counts a window whose
 * delivery is not known yet. number is 0 (not yet numbered).
 *
 * Returns DSC_OK; DSC_CONFLICT (field "kind") when the kind does not fit
 * the request's state, hold or history, or (field "corrects") an answer
 * letter already issued or a correction naming none of this request's
 * letters of the kind; DSC_INVALID ("to"); DSC_CALENDAR_GAP. The facts'
 * own completeness is dsc_letter_check's, later. */
dsc_err_t dsc__letter_gather(const dsc__letter_read_t *r,
                             const dsc_letter_args_t *args, dsc_date_t on,
                             const dsc_calendar_t *cal,
                             dsc_letter_facts_t *facts, dsc_detail_t *detail);

#endif
