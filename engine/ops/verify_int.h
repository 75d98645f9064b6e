/* What `disclose verify` (verify.c) shares with its helpers: the replay of
 * the rules over a history (verify_rules.c) and the late-entry findings
 * (verify_late.c). Internal. */
#ifndef DSC_ENGINE_VERIFY_INT_H
#define DSC_ENGINE_VERIFY_INT_H

#include <cjson/cJSON.h>
#include <libpq-fe.h>
#include <stdint.h>

#include "disclose/calendar.h"
#include "disclose/machine.h"

/* One event of the verify page (dsc_verify_page_v3) is a JSON array of
 * these columns. */
enum {
  DSC_VEV_SEQ,
  DSC_VEV_ACTION,
  DSC_VEV_STATE,
  DSC_VEV_ON,
  DSC_VEV_TO,
  DSC_VEV_OUTCOME,
  DSC_VEV_HOLD,
  DSC_VEV_ACTOR,
  DSC_VEV_DECISION,
  DSC_VEV_AT_US, /* microseconds since 1970, as text */
  DSC_VEV_AT,    /* "YYYY-MM-DDTHH:MM:SS+08:00" */
  DSC_VEV_OPERATOR
};

/* One event of the page, its strings borrowed from the JSON (NULL when
 * absent or not a string). */
typedef struct dsc__vev {
  int seq;
  const char *action, *state, *on, *to, *outcome, *hold, *actor, *decision;
  const char *at; /* Shanghai time */
  int64_t at_us;  /* 0 when absent */
  /* Who recorded it on the actor's behalf, or NULL. */
  const char *operator_login;
} dsc__vev_t;

/* Reads one event's columns into *out. */
void dsc__vev_read(const cJSON *event, dsc__vev_t *out);

/* ---- the rules through time (verify_rules.c) ---------------------------- */

/* A staff member's roles from one moment on (a row of staff_history). */
typedef struct dsc__staff_span {
  char *login; /* owned */
  unsigned roles;
  bool active;
  int64_t from_us; /* valid_from in microseconds; INT64_MIN: -infinity */
} dsc__staff_span_t;

/* All of staff_history, sorted by login (bytewise) then time: bounded by
 * the changes ever made to staff, not by the requests. */
typedef struct dsc__staff_times {
  dsc__staff_span_t *spans; /* owned */
  size_t n;
} dsc__staff_times_t;

/* Reads dsc_verify_staff_times_v1's rows into *t (cleared first).
 * DSC_NOMEM. */
dsc_err_t dsc__staff_times_read(dsc__staff_times_t *t, const PGresult *res);

/* Frees what t owns and zeroes it. Accepts a zeroed t. */
void dsc__staff_times_clear(dsc__staff_times_t *t);

/* The first event of a history that the rules refuse, and why. */
typedef struct dsc__rule_break {
  int seq;
  char action[32];
  char actor[72];
  dsc_detail_t why; /* field and message, in both languages */
} dsc__rule_break_t;

/* Replays a request's events (the page's array, in seq order) through the
 * machine (dsc_machine_decide) from nothing, each with its actor's roles
 * as staff_history gives them at the event's recording time, and checks
 * that each leads to the state the event records. False, with *out set,
 * at the first event refused. */
bool dsc__verify_rules(const dsc__staff_times_t *t, const cJSON *events,
                       dsc__rule_break_t *out);

/* ---- late entries (verify_late.c) --------------------------------------- */

/* Events whose business date lies more than the agency's window of
 * working days (agencies.backdate_workdays, which also bounds `--on`;
 * migrations/0012) from the day they were recorded are reported. This is
 * the window of an agency the page does not name (the default). */
#define DSC_VERIFY_LATE_WORKDAYS 3
/* The findings listed in the JSON at most; the total is always counted. */
#define DSC_VERIFY_LATE_LISTED 1000

/* Appends to list (a JSON array) the late events of request id — more than
 * limit working days between business date and recording day — at most
 * DSC_VERIFY_LATE_LISTED in all, counting every one in *total. A distance
 * the calendar cannot count is listed with "workdays": null. */
void dsc__verify_late(const dsc_calendar_t *cal, int64_t id, int limit,
                      const cJSON *events, cJSON *list, int64_t *total);

#endif
