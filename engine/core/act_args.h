/* A staff action's own rules (internal): its arguments copied out of the
 * caller's, checked before anything is read, and recorded as the event's
 * payload; and the rules that rest on what the read brought back — the
 * request's history and, for a repeat, the earlier request. Pure: the
 * operation (ops/act.c) reads and writes, these decide. */
#ifndef DSC_ENGINE_ACT_ARGS_H
#define DSC_ENGINE_ACT_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "disclose/deadline.h"
#include "disclose/fee.h"
#include "disclose/machine.h"
#include "disclose/request.h"

typedef struct dsc__act_args {
  dsc_action_t action;
  dsc_machine_params_t params; /* approve, outcome, late; target_roles is
                                  the read's */
  char *to, *text, *comment, *channel, *url, *reason, *note, *agency;
  char *backdate_reason, *authority, *late_reason; /* owned, NULL: not given */
  char *law, *contact; /* draft: the law cited, the agency referred to's
                          contact (issue 14) */
  dsc_date_t delivered_on, notified_on;   /* DSC_DATE_NONE when not given */
  bool bad_delivered_on, bad_notified_on; /* given, but not a date */
  int days, pages;
  int64_t amount_fen;
  dsc_fee_method_t fee_method; /* fee-notice: as named; CHEAPER: none */
  int64_t duplicate_of;        /* draft: the earlier request repeated (0:
                                  none) */
} dsc__act_args_t;

/* What the database said of a draft's duplicate_of (dsc_duplicate_of,
 * migration 0017); all false when nothing was said. */
typedef struct dsc__act_earlier {
  bool found, identified, same_applicant, answered;
} dsc__act_earlier_t;

/* Copies action and args (NULL: none given) into *out, parsing the dates;
 * an extension or a longer period is told to the applicant on `on` unless
 * args say otherwise. DSC_NOMEM, with *out cleared. */
dsc_err_t dsc__act_args_copy(dsc__act_args_t *out, dsc_action_t action,
                             const dsc_action_args_t *args, dsc_date_t on);

/* Frees what the arguments own and zeroes them. Accepts zeroed ones. */
void dsc__act_args_clear(dsc__act_args_t *a);

/* The arguments each action needs and accepts, checked before anything is
 * read: DSC_INVALID naming the field, or DSC_MISUSE for an action that is
 * not a staff action. today and on are the context's. */
dsc_err_t dsc__act_args_check(const dsc__act_args_t *a, dsc_date_t today,
                              dsc_date_t on, dsc_detail_t *detail);

/* The event's payload as JSON text (free with cJSON_free): what the
 * arguments said, and for a fee notice the amount charged
 * (fee_amount_fen) with the quote's method and arithmetic when quote is
 * not NULL. NULL when out of memory. */
char *dsc__act_args_payload(const dsc__act_args_t *a, int64_t fee_amount_fen,
                            const dsc_fee_quote_t *quote);

/* True for the drafts whose outcome rests on the request's history. */
bool dsc__act_needs_history(const dsc__act_args_t *a);

/* The history a draft's outcome needs (Art. 30 for still_unclear, Art. 35
 * for excessive), against the clock before the action. DSC_OK for an
 * action that needs none, DSC_STATUTE otherwise. */
dsc_err_t dsc__act_check_history(const dsc__act_args_t *a,
                                 const dsc_clock_t *before,
                                 dsc_detail_t *detail);

/* Art. 36(六): a draft of not_processed.duplicate of request id names an
 * earlier request of the same applicant, answered (earlier: what the read
 * said of it). DSC_OK for any other action; DSC_STATUTE, or DSC_NOT_FOUND
 * for an earlier request that does not exist. */
dsc_err_t dsc__act_check_duplicate(const dsc__act_args_t *a, int64_t id,
                                   const dsc__act_earlier_t *earlier,
                                   dsc_detail_t *detail);

#endif
