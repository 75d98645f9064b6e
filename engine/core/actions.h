/* What each action is, as columns of one table (internal): which layer
 * takes it, what it does to the statutory clock, and which optional
 * arguments it accepts. One row per action, so that a new action is
 * described once instead of in a list in every file that asks. */
#ifndef DSC_ENGINE_ACTIONS_H
#define DSC_ENGINE_ACTIONS_H

#include <stdbool.h>

#include "disclose/machine.h"

typedef enum dsc__action_trait {
  /* A staff action of dsc_request_act; the others are the engine's own
   * (submit, lapse, escalate, deadline-moved) or an appeal's. */
  DSC__ACT_STAFF = 1u << 0,
  /* Its statutory limits are checked against the clock before it is
   * written (dsc_clock_check). */
  DSC__ACT_CLOCK_CHECKED = 1u << 1,
  /* The clock's replay passes over it: it neither starts, pauses, resumes
   * nor ends anything (dsc_clock_moves_with is false). */
  DSC__ACT_CLOCK_IGNORES = 1u << 2,
  /* It sends a letter whose delivery date may be known as it is recorded
   * (--delivered-on): a consultation or a fee notice (Art. 32, 34, 109号). */
  DSC__ACT_TAKES_DELIVERED_ON = 1u << 3,
  /* It is told to the applicant on a day of its own (--notified-on): an
   * extension (Art. 33) or a longer period (Art. 35). */
  DSC__ACT_TAKES_NOTIFIED_ON = 1u << 4,
  /* Its event records a number of days: a reply window or a length. */
  DSC__ACT_RECORDS_DAYS = 1u << 5,
  /* Its reply window, when not given, is the agency's default (0019). */
  DSC__ACT_AGENCY_WINDOW = 1u << 6,
} dsc__action_trait_t;

/* True when action has every trait of mask; false for a value outside the
 * table. */
bool dsc__action_is(dsc_action_t action, unsigned mask);

#endif
