/* disclose — the statutory clock of one request (CONTRACT §7).
 *
 * A pure function of the request's history and the working-day calendar:
 * the engine hands over the clock-relevant events in order (dsc_clock_event_t)
 * and gets back every deadline field of the show object, so that a calendar
 * correction re-derives them by replaying the same events (DESIGN principle
 * 6) and `verify` can check a snapshot against its history. No I/O, no global
 * state, no allocation except in dsc_clock_explain.
 *
 * The rules, with their articles (domain/statutes.md §1, §2, §4):
 *   - the answer is due on wd_add(clock_start, 20 + extended_days +
 *     paused_workdays) (Art. 33 ¶2); the day an event happens never counts;
 *   - clock_start is received_on, or the date the supplement arrived when one
 *     was requested: the count restarts (Art. 30). While a supplement is
 *     awaited there is no clock_start and no due date;
 *   - a supplement notice is allowed once ("一次性"), until
 *     wd_add(received_on, 7) inclusive (Art. 30); its hold lapses on
 *     wd_add(notice date, reply_within) and the request is then withdrawn with
 *     other.no_supplement;
 *   - third-party (Art. 32) and other-agency (Art. 34) consultations and fee
 *     notices (109号, see statutes.md §2) pause the clock: the working days d
 *     with start < d <= end are paused, end being the reply, the payment or
 *     the lapse. Their windows run from the day the other side received the
 *     letter (收到征求意见书之日, 收到收费通知次日): consultations lapse on
 *     wd_add(delivered, 15) and the clock resumes; an unpaid fee lapses on
 *     wd_add(delivered, 20) and the request is withdrawn with
 *     other.fee_unpaid. Until the delivery is recorded nothing can lapse.
 *     An Art. 17 referral for secrecy review pauses the clock too, without
 *     a window. Only paused days after clock_start count (a restart voids
 *     what came before, an extension included);
 *   - no hold may be opened after the due date: it cannot rescue a late
 *     request;
 *   - one extension of 1..20 working days, on or before the due date (Art.
 *     33 ¶2), once per period: the restart of Art. 30 voids an earlier one.
 *   - Art. 35: for applications clearly beyond a reasonable number or
 *     frequency, the applicant may be asked for reasons, once, within the
 *     answer period: the hold `reasons` pauses the clock like a
 *     consultation, its window of 5–60 working days runs from the demand,
 *     and its lapse ends the request as not processed (row (五)4). Once
 *     the reasons are in, a longer period of 1..60 working days may be set
 *     (合理期限), once, on or before the due date; it adds to the due date
 *     like the extension and, decided for the applicant's volume rather
 *     than for one period, survives a restart.
 * A hold that is still open is projected to `today`: its span counts the
 * paused working days through min(today, lapses_on), so workdays_left stands
 * still while the clock is stopped.
 */
#ifndef DISCLOSE_DEADLINE_H
#define DISCLOSE_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "export.h"
#include "machine.h"

/* The statutory numbers (CONTRACT §7). */
#define DSC_CLOCK_ANSWER_DAYS 20           /* Art. 33 */
#define DSC_CLOCK_SUPPLEMENT_NOTICE_DAYS 7 /* Art. 30 */
#define DSC_CLOCK_SUPPLEMENT_REPLY_DEFAULT 15
#define DSC_CLOCK_SUPPLEMENT_REPLY_MIN 5  /* the least "reasonable" window */
#define DSC_CLOCK_SUPPLEMENT_REPLY_MAX 60 /* a "reasonable" window, our cap */
#define DSC_CLOCK_CONSULT_DAYS 15         /* Art. 32, Art. 34 */
#define DSC_CLOCK_FEE_DAYS 20             /* 109号, statutes.md §2 */
#define DSC_CLOCK_EXTENSION_MAX 20        /* Art. 33 */
#define DSC_CLOCK_LONGER_PERIOD_MAX 60    /* Art. 35's 合理期限, our cap */
#define DSC_CLOCK_DUE_SOON_DEFAULT 5

/* One event of the request's history, as far as the clock cares. Events of
 * other actions (assign, draft, review, publish, escalate, deadline-moved,
 * appeal…) may be passed too and are ignored. */
typedef struct dsc_clock_event {
  dsc_action_t action;  /* SUBMIT first; REQUEST_SUPPLEMENT, SUPPLEMENT_
                           RECEIVED, CONSULT_THIRD_PARTY, THIRD_PARTY_REPLIED,
                           CONSULT_AGENCY, AGENCY_REPLIED, FEE_NOTICE,
                           FEE_PAID, EXTEND, LAPSE, ANSWER, WITHDRAW */
  dsc_date_t on;        /* the business date of the event */
  int days;             /* REQUEST_SUPPLEMENT, REQUIRE_REASONS: reply
                           window; EXTEND, LONGER_PERIOD: days */
  dsc_date_t delivered; /* CONSULT_THIRD_PARTY, CONSULT_AGENCY, FEE_NOTICE:
                           the day the letter reached the other side when
                           known as it was sent, else DSC_DATE_NONE (a
                           DELIVERED event records it later, on its own
                           date). DSC_DATE_NONE for every other action. */
} dsc_clock_event_t;

/* True when events of this action move the clock (submit, the holds and
 * their ends, extend, lapse, answer, withdraw); false for those replay
 * ignores (assign, draft, review, publish, escalate, deadline-moved,
 * appeals) and for values outside the table. */
DSC_EXTERN bool dsc_clock_moves_with(dsc_action_t action);

/* Everything the show object says about time (CONTRACT §5, §7). Dates are
 * DSC_DATE_NONE where the show object has null. */
typedef struct dsc_clock {
  dsc_date_t received_on;
  dsc_date_t clock_start;              /* NONE while a supplement is awaited */
  dsc_date_t due_on;                   /* NONE while a supplement is awaited */
  int extended_days;                   /* 0 or the one extension */
  int paused_workdays;                 /* closed spans + the open one */
  dsc_date_t supplement_notice_due_on; /* wd_add(received_on, 7) */
  bool supplement_requested;           /* the one notice was given */
  bool reasons_requested;              /* Art. 35: reasons were asked for */
  int longer_period_days;              /* Art. 35: 0 or the longer period */
  dsc_hold_t hold;                     /* the open hold, or NONE */
  dsc_date_t hold_since, hold_lapses_on; /* lapses_on NONE: cannot lapse
                                            (yet): its letter's delivery is
                                            not recorded, or an Art. 17
                                            referral, which has no window */
  dsc_date_t hold_delivered_on;   /* the open hold's letter reached the other
                                     side (third party, other agency, fee) */
  int voided_extension_days;      /* an extension a restart voided (Art. 30) */
  dsc_date_t voided_extension_on; /* the restart that voided it */
  bool lapse_due; /* the open hold's lapses_on is before today */
  bool closed;    /* answered, withdrawn or lapsed into withdrawn */
  dsc_date_t answered_on, closed_on;
  /* Relative to today; meaningful only when open (not closed) with a due
   * date and no hold: otherwise workdays_left_known is false and due_soon and
   * overdue are false. */
  bool workdays_left_known;
  int workdays_left; /* workdays_between(today, due_on); < 0 once overdue */
  bool due_soon;     /* not overdue and workdays_left <= due_soon_days */
  bool overdue;      /* today > due_on */
  int on_time;       /* -1 unknown (not answered), 0 late, 1 on time */
} dsc_clock_t;

/* Replays events[0..n) (in history order; events[0] must be SUBMIT) against
 * cal as of today, with due_soon_days (<= 0: DSC_CLOCK_DUE_SOON_DEFAULT), into
 * *out. Replay is lenient: it does not re-check the statutory limits (a
 * history written under an earlier calendar stays replayable); a reply,
 * payment or supplement after its lapse date ends the span on lapses_on.
 * *out is written only on success; detail (may be NULL) only on failure.
 *
 * Returns DSC_OK; DSC_CALENDAR_GAP when a date needed lies outside cal (field
 * "calendar", naming the year); DSC_MISUSE for NULL pointers, n == 0, today
 * or an event's date not a date, events[0] not SUBMIT, or dates going
 * backwards, and for a history the state machine could not have written
 * (field "events", naming the event): a second SUBMIT, a hold started while
 * one is open or after the request closed, a reply, payment, supplement or
 * lapse without its hold, an answer with a hold open, an extension after
 * the request closed, a supplement window or extension under 1 day. Events
 * the clock ignores are not checked at all. A LAPSE, which the worker dates
 * on its hold's lapses_on, may precede an event recorded before the worker
 * ran (an extension); it need only be on or after the hold's start. */
DSC_EXTERN dsc_err_t dsc_clock_replay(const dsc_calendar_t *cal,
                                      const dsc_clock_event_t *events, size_t n,
                                      dsc_date_t today, int due_soon_days,
                                      dsc_clock_t *out,
                                      dsc_detail_t *detail) DSC_MUST_CHECK;

/* Checks the statutory limits of applying ev to a request whose clock (as of
 * ev->on, i.e. replayed with today = ev->on) is *clock, after the state
 * machine allowed it. Pure; writes detail (may be NULL) only on failure.
 *
 * Returns DSC_OK, or
 *   DSC_STATUTE: request-supplement after supplement_notice_due_on, or a
 *     second one (field "on" / "supplement"); supplement-received,
 *     fee-paid or reasons-received after the hold lapsed (field "on");
 *     extend a second time in the period (field "extend"), with days > 20
 *     (field "days"), or after due_on (field "on"); a hold opened
 *     (request-supplement, consult-*, refer-secrecy, fee-notice,
 *     require-reasons) after due_on (field "on"); require-reasons a second
 *     time (field "reasons"); longer-period without reasons received
 *     (field "reasons"), a second time (field "longer_period"), with days
 *     > 60 (field "days") or after due_on (field "on");
 *   DSC_INVALID: reply_within or extend days < 1, reply_within > 60 (field
 *     "reply_within" / "days"; require-reasons: 5–60); longer-period days
 *     < 1 (field "days"); a delivery date before the letter was sent
 *     (field "delivered_on", or "on" for delivered);
 *   DSC_CONFLICT: extend while a supplement is awaited (no due date; field
 *     "hold"); delivered without an open consultation or fee hold (field
 *     "hold") or a second time (field "delivered_on");
 *   DSC_CALENDAR_GAP as dsc_clock_replay, when a date the event sets lies
 *     outside cal: a hold's lapse date (request-supplement, consult-*,
 *     fee-notice) or the extended due date;
 *   DSC_MISUSE for NULL pointers, or ev->on or clock->received_on not a
 *     date.
 * Both messages (English and Chinese) name the dates involved. */
DSC_EXTERN dsc_err_t dsc_clock_check(const dsc_calendar_t *cal,
                                     const dsc_clock_t *clock,
                                     const dsc_clock_event_t *ev,
                                     dsc_detail_t *detail) DSC_MUST_CHECK;

/* How one day between clock_start and due_on was counted. */
typedef enum dsc_clock_day_kind {
  DSC_CLOCK_DAY_COUNTED = 1, /* a working day that counts toward the 20 */
  DSC_CLOCK_DAY_MAKEUP,      /* a make-up Saturday/Sunday: counted */
  DSC_CLOCK_DAY_PAUSED,      /* a working day inside a paused span */
  DSC_CLOCK_DAY_EXTENDED,    /* a working day added by the extension */
  DSC_CLOCK_DAY_HOLIDAY,     /* a Monday–Friday off */
  DSC_CLOCK_DAY_WEEKEND      /* an ordinary Saturday/Sunday */
} dsc_clock_day_kind_t;

typedef struct dsc_clock_day {
  dsc_date_t date;
  dsc_clock_day_kind_t kind;
  int ordinal; /* 1.. for COUNTED/MAKEUP/EXTENDED days, else 0 */
} dsc_clock_day_t;

typedef struct dsc_clock_span {
  dsc_hold_t kind;
  dsc_date_t from, to; /* days d with from < d <= to; to projected if open */
  int workdays;        /* the paused working days of it that count */
  bool open;
} dsc_clock_span_t;

/* The day-by-day account behind due_on, for `show --explain`. */
typedef struct dsc_clock_explain {
  dsc_date_t clock_start, due_on;
  int extended_days;
  int longer_period_days;         /* Art. 35's longer period, or 0 */
  int voided_extension_days;      /* an extension the restart voided, or 0 */
  dsc_date_t voided_extension_on; /* the restart that voided it */
  dsc_clock_day_t *days;          /* clock_start+1 … due_on, in order */
  size_t ndays;
  dsc_clock_span_t *spans; /* paused spans, in order */
  size_t nspans;
} dsc_clock_explain_t;

/* Replays like dsc_clock_replay and fills *out with new arrays (free with
 * dsc_clock_explain_free). When there is no due date (a supplement awaited)
 * out->days is NULL and ndays 0. Errors as dsc_clock_replay, plus
 * DSC_NOMEM. */
DSC_EXTERN dsc_err_t dsc_clock_explain(const dsc_calendar_t *cal,
                                       const dsc_clock_event_t *events,
                                       size_t n, dsc_date_t today,
                                       dsc_clock_explain_t *out,
                                       dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees the arrays of an explanation; accepts NULL and a zeroed struct. */
DSC_EXTERN void dsc_clock_explain_free(dsc_clock_explain_t *ex);

#endif /* DISCLOSE_DEADLINE_H */
