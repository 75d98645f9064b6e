/* The statutory clock: one pass over the history, then a few O(1) calendar
 * look-ups (CONTRACT §7, include/disclose/deadline.h). Over 700 lines
 * because the replay, the statutory checks and the day-by-day explanation
 * share the replay's state and its rules; they are tested as one against
 * the reference model in tests/unit/test_deadline.c.
 *
 * The replay keeps only what the show object needs: the clock's start, the
 * extension, the open hold and the running count of paused working days.
 * A paused span's working days are counted when it closes, against the
 * clock_start of that moment. That is exact: holds never overlap, so a span
 * opens and closes between two restarts, and a restart (a supplement, Art.
 * 30) voids every span before it, which is why the count goes back to zero
 * when a supplement is requested. Nothing is allocated on this path; the
 * explanation alone keeps the spans, in an array the size of the history.
 */
#include "disclose/deadline.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "actions.h"
#include "alloc.h"

/* ---- Small helpers ------------------------------------------------------ */

/* The dates the date module can name; anything else (DSC_DATE_NONE,
 * garbage) in an event is the caller's mistake. */
static bool is_date(dsc_date_t d) {
  return d >= dsc_date_from_ymd(1, 1, 1) &&
         d <= dsc_date_from_ymd(9999, 12, 31);
}

static dsc_date_t min_date(dsc_date_t a, dsc_date_t b) { return a < b ? a : b; }
static dsc_date_t max_date(dsc_date_t a, dsc_date_t b) { return a > b ? a : b; }

/* "YYYY-MM-DD", or "none" for a missing date, for messages. */
static const char *fmt_date(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  if (!is_date(d)) {
    memcpy(buf, "none", 5);
    return buf;
  }
  return dsc_date_format(d, buf);
}

/* The holds that stop the clock (Art. 32, 34, 109号). A supplement does not
 * stop it but restarts it (Art. 30), so it never makes a span. */
static bool hold_pauses(dsc_hold_t h) {
  switch (h) {
  case DSC_HOLD_THIRD_PARTY:
  case DSC_HOLD_OTHER_AGENCY:
  case DSC_HOLD_FEE:
  case DSC_HOLD_SECRECY_REVIEW:
  case DSC_HOLD_REASONS:
    return true;
  case DSC_HOLD_NONE:
  case DSC_HOLD_SUPPLEMENT:
  case DSC_HOLD__COUNT:
    return false;
  }
  return false;
}

/* The window of a hold whose letter's receipt starts it, in working days
 * after the delivery (Art. 32, Art. 34: 自收到征求意见书之日起15个工作日;
 * 109号: 收到收费通知次日起20个工作日); 0 for the other holds. */
static int delivered_window(dsc_hold_t h) {
  switch (h) {
  case DSC_HOLD_THIRD_PARTY:
  case DSC_HOLD_OTHER_AGENCY:
    return DSC_CLOCK_CONSULT_DAYS;
  case DSC_HOLD_FEE:
    return DSC_CLOCK_FEE_DAYS;
  case DSC_HOLD_NONE:
  case DSC_HOLD_SUPPLEMENT:
  case DSC_HOLD_SECRECY_REVIEW:
  case DSC_HOLD_REASONS:
  case DSC_HOLD__COUNT:
    return 0;
  }
  return 0;
}

/* The last day of a span that ends on `end`: a reply or payment after the
 * lapse date ends it on the lapse date (CONTRACT §7); a hold that cannot
 * lapse ends when it ends. Never before the span's start. */
static dsc_date_t span_end(dsc_date_t since, dsc_date_t lapses_on,
                           dsc_date_t end) {
  if (lapses_on != DSC_DATE_NONE)
    end = min_date(end, lapses_on);
  return max_date(since, end);
}

/* The paused working days of the span (from, to] that count against a clock
 * started on clock_start: the d with max(from, clock_start) < d <= to. No
 * clock, nothing counts; an empty span needs no calendar. */
static dsc_err_t span_workdays(const dsc_calendar_t *cal,
                               dsc_date_t clock_start, dsc_date_t from,
                               dsc_date_t to, int *out, dsc_detail_t *detail) {
  dsc_date_t lo;

  *out = 0;
  if (clock_start == DSC_DATE_NONE)
    return DSC_OK;
  lo = max_date(from, clock_start);
  if (to <= lo)
    return DSC_OK;
  return dsc_calendar_workdays_between(cal, lo, to, out, detail);
}

/* wd_add with a count that may exceed int (a lenient history with an absurd
 * extension): past INT_MAX the calendar reports the gap it would anyway. */
static dsc_err_t add_workdays(const dsc_calendar_t *cal, dsc_date_t from,
                              long long n, dsc_date_t *out,
                              dsc_detail_t *detail) {
  return dsc_calendar_add_workdays(cal, from, n > INT_MAX ? INT_MAX : (int)n,
                                   out, detail);
}

/* ---- The replay --------------------------------------------------------- */

/* Where the explanation collects the spans; cap is the number of events,
 * and each span starts with one. */
typedef struct span_sink {
  dsc_clock_span_t *v;
  size_t n, cap;
} span_sink_t;

typedef struct replay {
  const dsc_calendar_t *cal;
  dsc_detail_t *detail;
  dsc_clock_t c;     /* being built */
  dsc_date_t last;   /* the latest event date so far */
  int paused;        /* counted working days of the closed spans */
  bool abandoned;    /* closed by the supplement's lapse (Art. 30) */
  span_sink_t *sink; /* NULL except for the explanation */
} replay_t;

/* A history the state machine could not have written. */
static dsc_err_t bad_event(replay_t *r, size_t i, const dsc_clock_event_t *ev,
                           const char *en, const char *zh) {
  const char *name = dsc_action_name(ev->action);
  char buf[DSC_DATE_STRLEN], msg_en[200], msg_zh[200];

  /* Each language its own explanation (one argument list cannot hold the
   * English for one and the Chinese for the other). */
  snprintf(msg_en, sizeof msg_en, "event %zu (%s on %s): %s", i + 1,
           name != NULL ? name : "?", fmt_date(ev->on, buf), en);
  snprintf(msg_zh, sizeof msg_zh, "第%zu个事件（%s，%s）：%s", i + 1,
           name != NULL ? name : "?", buf, zh);
  return dsc_detail_set(r->detail, DSC_MISUSE, "events", msg_en, msg_zh);
}

/* Opens a hold. A supplement's or an Art. 35 demand's window of `days`
 * runs from the notice (statutes.md D2, D30); the window of a letter to a third
 * party, another agency or the fee payer runs from its delivery, so it has no
 * lapse date until the delivery is known; a referral has none at all. A lapse
 * date must lie in the calendar: the show object carries it. */
static dsc_err_t open_hold(replay_t *r, dsc_hold_t kind,
                           const dsc_clock_event_t *ev, int days) {
  dsc_date_t lapses = DSC_DATE_NONE, from = DSC_DATE_NONE;
  dsc_err_t rc = DSC_OK;

  if (kind == DSC_HOLD_SUPPLEMENT || kind == DSC_HOLD_REASONS)
    from = ev->on;
  else if (delivered_window(kind) > 0 && ev->delivered != DSC_DATE_NONE)
    from = ev->delivered;
  if (from != DSC_DATE_NONE)
    rc = dsc_calendar_add_workdays(r->cal, from, days, &lapses, r->detail);
  if (rc != DSC_OK)
    return rc;
  r->c.hold = kind;
  r->c.hold_since = ev->on;
  r->c.hold_lapses_on = lapses;
  r->c.hold_delivered_on =
      delivered_window(kind) > 0 ? ev->delivered : DSC_DATE_NONE;
  if (hold_pauses(kind) && r->sink != NULL && r->sink->n < r->sink->cap)
    r->sink->v[r->sink->n++] = (dsc_clock_span_t){.kind = kind,
                                                  .from = ev->on,
                                                  .to = ev->on,
                                                  .workdays = 0,
                                                  .open = true};
  return DSC_OK;
}

/* Ends the open hold on `end`. A reply, payment or lapse dated after the
 * lapse date ends the span on the lapse date (CONTRACT §7): the clock ran
 * again from then. */
static dsc_err_t close_hold(replay_t *r, dsc_date_t end) {
  dsc_hold_t kind = r->c.hold;
  dsc_date_t since = r->c.hold_since;
  dsc_date_t to = span_end(since, r->c.hold_lapses_on, end);
  int days = 0;
  dsc_err_t rc;

  r->c.hold = DSC_HOLD_NONE;
  r->c.hold_since = r->c.hold_lapses_on = DSC_DATE_NONE;
  r->c.hold_delivered_on = DSC_DATE_NONE;
  if (!hold_pauses(kind))
    return DSC_OK;
  rc = span_workdays(r->cal, r->c.clock_start, since, to, &days, r->detail);
  if (rc != DSC_OK)
    return rc;
  r->paused += days;
  if (r->sink != NULL && r->sink->n > 0) {
    dsc_clock_span_t *s = &r->sink->v[r->sink->n - 1];
    s->to = to;
    s->workdays = days;
    s->open = false;
  }
  return DSC_OK;
}

/* The clock stops and will restart from the supplement (Art. 30): nothing
 * paused so far can count against the new start. */
static void void_spans(replay_t *r) {
  r->paused = 0;
  if (r->sink != NULL)
    for (size_t i = 0; i < r->sink->n; i++)
      r->sink->v[i].workdays = 0;
}

/* Guards: what the machine guarantees, checked so that a corrupt history is
 * reported instead of counted. */
static dsc_err_t need_idle(replay_t *r, size_t i, const dsc_clock_event_t *ev) {
  if (r->c.closed)
    return bad_event(r, i, ev, "the request is already closed", "申请已经办结");
  if (r->c.hold != DSC_HOLD_NONE)
    return bad_event(r, i, ev, "another hold is still open",
                     "仍有未结束的中止事项");
  return DSC_OK;
}

static dsc_err_t need_hold(replay_t *r, size_t i, const dsc_clock_event_t *ev,
                           dsc_hold_t hold) {
  if (r->c.hold != hold)
    return bad_event(r, i, ev, "the hold it ends is not open",
                     "所结束的中止事项并未开始");
  return DSC_OK;
}

static dsc_err_t need_open(replay_t *r, size_t i, const dsc_clock_event_t *ev) {
  if (r->c.closed)
    return bad_event(r, i, ev, "the request is already closed", "申请已经办结");
  return DSC_OK;
}

bool dsc_clock_moves_with(dsc_action_t action) {
  return (unsigned)action < DSC_ACTION__COUNT &&
         !dsc__action_is(action, DSC__ACT_CLOCK_IGNORES);
}

/* Starts a pausing hold of `days` after the idle check. */
static dsc_err_t start_pause(replay_t *r, size_t i, const dsc_clock_event_t *ev,
                             dsc_hold_t kind, int days) {
  dsc_err_t rc = need_idle(r, i, ev);
  return rc != DSC_OK ? rc : open_hold(r, kind, ev, days);
}

/* Ends the hold `kind` on ev->on after checking it is the open one. */
static dsc_err_t end_pause(replay_t *r, size_t i, const dsc_clock_event_t *ev,
                           dsc_hold_t kind) {
  dsc_err_t rc = need_hold(r, i, ev, kind);
  return rc != DSC_OK ? rc : close_hold(r, ev->on);
}

static dsc_err_t apply(replay_t *r, size_t i, const dsc_clock_event_t *ev) {
  dsc_clock_t *c = &r->c;
  dsc_hold_t kind;
  dsc_err_t rc;

  switch (ev->action) {
  case DSC_ACTION_SUBMIT:
    if (i != 0)
      return bad_event(r, i, ev, "a request is submitted only once",
                       "申请只能提交一次");
    c->received_on = c->clock_start = ev->on;
    return dsc_calendar_add_workdays(r->cal, ev->on,
                                     DSC_CLOCK_SUPPLEMENT_NOTICE_DAYS,
                                     &c->supplement_notice_due_on, r->detail);
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    if (ev->days < 1)
      return bad_event(r, i, ev, "a reply window of at least 1 working day",
                       "补正期限至少为1个工作日");
    if ((rc = need_idle(r, i, ev)) != DSC_OK ||
        (rc = open_hold(r, DSC_HOLD_SUPPLEMENT, ev, ev->days)) != DSC_OK)
      return rc;
    c->supplement_requested = true;
    c->clock_start = DSC_DATE_NONE;
    void_spans(r);
    return DSC_OK;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    /* Lenient: a supplement after its lapse date still restarts the clock
     * on the day it came (dsc_clock_check refuses new ones). After the
     * lapse, a supervisor's acceptance for a good reason reopens the
     * request the lapse closed (Art. 30: abandoned only 无正当理由). */
    if (c->closed && r->abandoned) {
      c->closed = false;
      c->closed_on = DSC_DATE_NONE;
      r->abandoned = false;
    } else if ((rc = end_pause(r, i, ev, DSC_HOLD_SUPPLEMENT)) != DSC_OK) {
      return rc;
    }
    c->clock_start = ev->on;
    void_spans(r);
    /* The new period is a new period (Art. 30: 答复期限自行政机关收到补正
     * 的申请之日起计算): an extension of the old one is void, and the new
     * one may have its own (Art. 33). */
    if (c->extended_days > 0) {
      c->voided_extension_days = c->extended_days;
      c->voided_extension_on = ev->on;
      c->extended_days = 0;
    }
    return DSC_OK;
  case DSC_ACTION_CONSULT_THIRD_PARTY:
    return start_pause(r, i, ev, DSC_HOLD_THIRD_PARTY, DSC_CLOCK_CONSULT_DAYS);
  case DSC_ACTION_CONSULT_AGENCY:
    return start_pause(r, i, ev, DSC_HOLD_OTHER_AGENCY, DSC_CLOCK_CONSULT_DAYS);
  case DSC_ACTION_FEE_NOTICE:
    return start_pause(r, i, ev, DSC_HOLD_FEE, DSC_CLOCK_FEE_DAYS);
  case DSC_ACTION_THIRD_PARTY_REPLIED:
    return end_pause(r, i, ev, DSC_HOLD_THIRD_PARTY);
  case DSC_ACTION_AGENCY_REPLIED:
    return end_pause(r, i, ev, DSC_HOLD_OTHER_AGENCY);
  case DSC_ACTION_FEE_PAID:
    return end_pause(r, i, ev, DSC_HOLD_FEE);
  case DSC_ACTION_REFER_SECRECY:
    return start_pause(r, i, ev, DSC_HOLD_SECRECY_REVIEW, 0);
  case DSC_ACTION_SECRECY_REPLIED:
    return end_pause(r, i, ev, DSC_HOLD_SECRECY_REVIEW);
  case DSC_ACTION_REQUIRE_REASONS:
    if (ev->days < 1)
      return bad_event(r, i, ev, "a reply window of at least 1 working day",
                       "说明理由的期限至少为1个工作日");
    if ((rc = start_pause(r, i, ev, DSC_HOLD_REASONS, ev->days)) != DSC_OK)
      return rc;
    c->reasons_requested = true;
    return DSC_OK;
  case DSC_ACTION_REASONS_RECEIVED:
    return end_pause(r, i, ev, DSC_HOLD_REASONS);
  case DSC_ACTION_LONGER_PERIOD:
    if ((rc = need_open(r, i, ev)) != DSC_OK)
      return rc;
    if (ev->days < 1)
      return bad_event(r, i, ev, "a longer period of at least 1 working day",
                       "延迟答复的期限至少为1个工作日");
    c->longer_period_days = ev->days;
    return DSC_OK;
  case DSC_ACTION_DELIVERED:
    if (delivered_window(c->hold) == 0 || c->hold_delivered_on != DSC_DATE_NONE)
      return bad_event(r, i, ev, "no letter awaits its delivery",
                       "没有等待送达的文书");
    c->hold_delivered_on = ev->on;
    return dsc_calendar_add_workdays(r->cal, ev->on, delivered_window(c->hold),
                                     &c->hold_lapses_on, r->detail);
  case DSC_ACTION_EXTEND:
    if ((rc = need_open(r, i, ev)) != DSC_OK)
      return rc;
    if (ev->days < 1)
      return bad_event(r, i, ev, "an extension of at least 1 working day",
                       "延长期限至少为1个工作日");
    c->extended_days = ev->days;
    return DSC_OK;
  case DSC_ACTION_LAPSE:
    kind = c->hold;
    if (kind == DSC_HOLD_NONE || c->hold_lapses_on == DSC_DATE_NONE)
      return bad_event(r, i, ev, "nothing is awaited that could lapse",
                       "没有可逾期的中止事项");
    if ((rc = close_hold(r, ev->on)) != DSC_OK)
      return rc;
    /* A consultation's silence resumes the clock (Art. 32, 34); a missing
     * supplement, payment or explanation ends the request (Art. 30, 109号,
     * Art. 35). */
    if (kind == DSC_HOLD_SUPPLEMENT || kind == DSC_HOLD_FEE ||
        kind == DSC_HOLD_REASONS) {
      c->closed = true;
      c->closed_on = ev->on;
      r->abandoned = kind == DSC_HOLD_SUPPLEMENT;
    }
    return DSC_OK;
  case DSC_ACTION_ANSWER:
    if ((rc = need_idle(r, i, ev)) != DSC_OK)
      return rc;
    c->closed = true;
    c->answered_on = c->closed_on = ev->on;
    return DSC_OK;
  case DSC_ACTION_WITHDRAW:
    if ((rc = need_open(r, i, ev)) != DSC_OK)
      return rc;
    if (c->hold != DSC_HOLD_NONE && (rc = close_hold(r, ev->on)) != DSC_OK)
      return rc;
    c->closed = true;
    c->closed_on = ev->on;
    return DSC_OK;
  case DSC_ACTION_ASSIGN:
  case DSC_ACTION_DRAFT:
  case DSC_ACTION_REVIEW:
  case DSC_ACTION_PUBLISH:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
    return DSC_OK;
  case DSC_ACTION__COUNT:
    break;
  }
  return bad_event(r, i, ev, "not an action", "不是有效的操作");
}

/* Checks the event's date: a date, and not before the one before it. A
 * lapse is the exception: the worker dates it on the hold's lapse date,
 * which may precede an extension recorded while the worker had not yet run,
 * so it need only follow the hold's start. */
static dsc_err_t check_date(replay_t *r, size_t i,
                            const dsc_clock_event_t *ev) {
  dsc_date_t not_before = r->last;

  if (!is_date(ev->on))
    return bad_event(r, i, ev, "not a date", "不是有效日期");
  if (ev->action == DSC_ACTION_LAPSE && r->c.hold != DSC_HOLD_NONE)
    not_before = r->c.hold_since;
  if (not_before != DSC_DATE_NONE && ev->on < not_before) {
    char buf[DSC_DATE_STRLEN];
    char en[80], zh[80];
    fmt_date(not_before, buf);
    snprintf(en, sizeof en, "dated before %s: dates go backwards", buf);
    snprintf(zh, sizeof zh, "日期早于%s：日期不能倒退", buf);
    return bad_event(r, i, ev, en, zh);
  }
  r->last = max_date(r->last, ev->on);
  return DSC_OK;
}

/* What follows from the events: the open hold projected to today, the due
 * date, and the fields relative to today. */
static dsc_err_t finish(replay_t *r, dsc_date_t today, int due_soon_days) {
  dsc_clock_t *c = &r->c;
  long long paused = r->paused;
  dsc_err_t rc;

  if (c->hold != DSC_HOLD_NONE) {
    c->lapse_due =
        c->hold_lapses_on != DSC_DATE_NONE && today > c->hold_lapses_on;
    if (hold_pauses(c->hold)) {
      dsc_date_t to = span_end(c->hold_since, c->hold_lapses_on, today);
      int days = 0;
      rc = span_workdays(r->cal, c->clock_start, c->hold_since, to, &days,
                         r->detail);
      if (rc != DSC_OK)
        return rc;
      paused += days;
      if (r->sink != NULL && r->sink->n > 0) {
        r->sink->v[r->sink->n - 1].to = to;
        r->sink->v[r->sink->n - 1].workdays = days;
      }
    }
  }
  c->paused_workdays = (int)paused;
  if (c->clock_start != DSC_DATE_NONE) {
    rc = add_workdays(r->cal, c->clock_start,
                      DSC_CLOCK_ANSWER_DAYS + (long long)c->extended_days +
                          c->longer_period_days + paused,
                      &c->due_on, r->detail);
    if (rc != DSC_OK)
      return rc;
  }
  if (c->answered_on != DSC_DATE_NONE && c->due_on != DSC_DATE_NONE)
    c->on_time = c->answered_on <= c->due_on;
  if (!c->closed && c->due_on != DSC_DATE_NONE && c->hold == DSC_HOLD_NONE) {
    rc = dsc_calendar_workdays_between(r->cal, today, c->due_on,
                                       &c->workdays_left, r->detail);
    if (rc != DSC_OK)
      return rc;
    c->workdays_left_known = true;
    c->overdue = today > c->due_on;
    c->due_soon = !c->overdue && c->workdays_left <= due_soon_days;
  }
  return DSC_OK;
}

static dsc_err_t run(const dsc_calendar_t *cal, const dsc_clock_event_t *events,
                     size_t n, dsc_date_t today, int due_soon_days,
                     dsc_clock_t *out, span_sink_t *sink,
                     dsc_detail_t *detail) {
  replay_t r = {
      .cal = cal, .detail = detail, .last = DSC_DATE_NONE, .sink = sink};
  dsc_err_t rc;

  if (cal == NULL || events == NULL || out == NULL || n == 0)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_clock_replay: NULL argument or no events",
                          "dsc_clock_replay：参数为空或没有事件");
  if (!is_date(today))
    return dsc_detail_set(detail, DSC_MISUSE, "today", "today is not a date",
                          "today不是有效日期");
  if (events[0].action != DSC_ACTION_SUBMIT)
    return bad_event(&r, 0, &events[0], "the history must begin with submit",
                     "历史记录必须以提交开始");
  r.c = (dsc_clock_t){
      .received_on = DSC_DATE_NONE,
      .clock_start = DSC_DATE_NONE,
      .due_on = DSC_DATE_NONE,
      .supplement_notice_due_on = DSC_DATE_NONE,
      .hold = DSC_HOLD_NONE,
      .hold_since = DSC_DATE_NONE,
      .hold_lapses_on = DSC_DATE_NONE,
      .hold_delivered_on = DSC_DATE_NONE,
      .voided_extension_on = DSC_DATE_NONE,
      .answered_on = DSC_DATE_NONE,
      .closed_on = DSC_DATE_NONE,
      .on_time = -1,
  };
  for (size_t i = 0; i < n; i++) {
    if (dsc__action_is(events[i].action, DSC__ACT_CLOCK_IGNORES))
      continue;
    if ((rc = check_date(&r, i, &events[i])) != DSC_OK ||
        (rc = apply(&r, i, &events[i])) != DSC_OK)
      return rc;
  }
  rc = finish(&r, today,
              due_soon_days > 0 ? due_soon_days : DSC_CLOCK_DUE_SOON_DEFAULT);
  if (rc != DSC_OK)
    return rc;
  *out = r.c;
  return DSC_OK;
}

dsc_err_t dsc_clock_replay(const dsc_calendar_t *cal,
                           const dsc_clock_event_t *events, size_t n,
                           dsc_date_t today, int due_soon_days,
                           dsc_clock_t *out, dsc_detail_t *detail) {
  return run(cal, events, n, today, due_soon_days, out, NULL, detail);
}

/* ---- The statutory checks ----------------------------------------------- */

/* Art. 30: one notice, within 7 working days of receipt, with a reasonable
 * window (ours: 1–60 working days). */
static dsc_err_t check_supplement_notice(const dsc_calendar_t *cal,
                                         const dsc_clock_t *c,
                                         const dsc_clock_event_t *ev,
                                         dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], due[DSC_DATE_STRLEN], recv[DSC_DATE_STRLEN];
  dsc_date_t lapses;

  /* Art. 30's 合理的补正期限: an applicant given less than a working week
   * could hardly gather what was asked for (issue 12.2). */
  if (ev->days < DSC_CLOCK_SUPPLEMENT_REPLY_MIN ||
      ev->days > DSC_CLOCK_SUPPLEMENT_REPLY_MAX)
    return dsc_detail_setf(
        detail, DSC_INVALID, "reply_within",
        "the reply window must be %d–%d working days, not %d",
        "补正期限须为%d至%d个工作日，而不是%d", DSC_CLOCK_SUPPLEMENT_REPLY_MIN,
        DSC_CLOCK_SUPPLEMENT_REPLY_MAX, ev->days);
  fmt_date(ev->on, on);
  fmt_date(c->supplement_notice_due_on, due);
  fmt_date(c->received_on, recv);
  if (c->supplement_requested)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "supplement",
        "a supplement notice was already given for the request received on "
        "%s; Art. 30 allows one notice, saying everything at once (一次性)",
        "%s收到的申请已经发出过补正通知；第三十条规定应一次性告知申请人补正",
        recv);
  if (ev->on > c->supplement_notice_due_on)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "on",
        "%s is too late for a supplement notice: it was due by %s, 7 working "
        "days after receipt on %s (Art. 30)",
        "%s发出补正通知已逾期：应在%s前发出，即自收到申请之日（%s）起7个"
        "工作日内（第三十条）",
        on, due, recv);
  return dsc_calendar_add_workdays(cal, ev->on, ev->days, &lapses, detail);
}

/* A supplement or payment after the last day of its window comes too late:
 * the application was abandoned on that day (Art. 30, 109号). */
static dsc_err_t check_in_time(const dsc_clock_t *c,
                               const dsc_clock_event_t *ev, dsc_hold_t hold,
                               dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], lapses[DSC_DATE_STRLEN];

  if (c->hold != hold || c->hold_lapses_on == DSC_DATE_NONE ||
      ev->on <= c->hold_lapses_on)
    return DSC_OK;
  fmt_date(ev->on, on);
  fmt_date(c->hold_lapses_on, lapses);
  if (hold == DSC_HOLD_REASONS)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "on",
        "the reasons came on %s, after their last day %s: the request was not "
        "processed as of %s (Art. 35)",
        "说明理由于%s收到，已超过期限%s：自%s起不予处理（第三十五条）", on,
        lapses, lapses);
  if (hold == DSC_HOLD_SUPPLEMENT)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "on",
        "the supplement came on %s, after its last day %s: the application "
        "counts as abandoned as of %s (Art. 30)",
        "补正材料于%s收到，已超过补正期限%s：申请自%s起视为放弃（第三十条）",
        on, lapses, lapses);
  return dsc_detail_setf(
      detail, DSC_STATUTE, "on",
      "the fee was paid on %s, after its last day %s: the application counts "
      "as abandoned as of %s (国办函〔2020〕109号)",
      "信息处理费于%s缴纳，已超过缴费期限%s：申请自%s起视为放弃"
      "（国办函〔2020〕109号）",
      on, lapses, lapses);
}

/* Art. 33: one extension of at most 20 working days, decided on or before
 * the due date. */
static dsc_err_t check_extend(const dsc_calendar_t *cal, const dsc_clock_t *c,
                              const dsc_clock_event_t *ev,
                              dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], due[DSC_DATE_STRLEN];
  dsc_date_t extended;

  if (ev->days < 1)
    return dsc_detail_setf(detail, DSC_INVALID, "days",
                           "an extension is at least 1 working day, not %d",
                           "延长期限至少为1个工作日，而不是%d", ev->days);
  if (ev->days > DSC_CLOCK_EXTENSION_MAX)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "days",
        "an extension may not exceed %d working days (Art. 33), not %d",
        "延长的期限最长不得超过%d个工作日（第三十三条），而不是%d",
        DSC_CLOCK_EXTENSION_MAX, ev->days);
  fmt_date(ev->on, on);
  fmt_date(c->due_on, due);
  if (c->extended_days > 0)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "extend",
        "the answer period was already extended by %d working days, to %s; "
        "Art. 33 allows one extension",
        "答复期限已经延长过%d个工作日，至%s；第三十三条只允许延长一次",
        c->extended_days, due);
  if (c->hold == DSC_HOLD_SUPPLEMENT || c->due_on == DSC_DATE_NONE) {
    char since[DSC_DATE_STRLEN], lapses[DSC_DATE_STRLEN];
    fmt_date(c->hold_since, since);
    fmt_date(c->hold_lapses_on, lapses);
    return dsc_detail_setf(
        detail, DSC_CONFLICT, "hold",
        "there is no due date to extend: the supplement asked for on %s is "
        "awaited until %s, and the period restarts when it comes",
        "尚无答复期限可以延长：%s要求补正，补正期限至%s，收到补正后重新计算",
        since, lapses);
  }
  if (ev->on > c->due_on)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "on",
        "%s is after the due date %s: an extension must be decided on or "
        "before it (Art. 33)",
        "%s已超过答复期限%s：延长须在期限届满前（含当日）决定（第三十三条）",
        on, due);
  return dsc_calendar_add_workdays(cal, c->due_on, ev->days, &extended, detail);
}

/* Art. 35: reasons asked for once, with a window an applicant can meet (the
 * bounds of Art. 30's supplement window: the article names none). */
static dsc_err_t check_reasons_demand(const dsc_clock_t *c,
                                      const dsc_clock_event_t *ev,
                                      dsc_detail_t *detail) {
  if (ev->days < DSC_CLOCK_SUPPLEMENT_REPLY_MIN ||
      ev->days > DSC_CLOCK_SUPPLEMENT_REPLY_MAX)
    return dsc_detail_setf(
        detail, DSC_INVALID, "reply_within",
        "the reply window must be %d–%d working days, not %d",
        "说明理由的期限须为%d至%d个工作日，而不是%d",
        DSC_CLOCK_SUPPLEMENT_REPLY_MIN, DSC_CLOCK_SUPPLEMENT_REPLY_MAX,
        ev->days);
  if (c->reasons_requested)
    return dsc_detail_set(detail, DSC_STATUTE, "reasons",
                          "the applicant was already asked for reasons for "
                          "this request (Art. 35)",
                          "已就该申请要求申请人说明理由（第三十五条）");
  return DSC_OK;
}

/* Art. 35: a longer period (确定延迟答复的合理期限) follows reasons found
 * reasonable, so only once they are in; once; and, like the extension,
 * decided before the period it lengthens has run out. */
static dsc_err_t check_longer_period(const dsc_calendar_t *cal,
                                     const dsc_clock_t *c,
                                     const dsc_clock_event_t *ev,
                                     dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], due[DSC_DATE_STRLEN];
  dsc_date_t longer;

  if (ev->days < 1)
    return dsc_detail_setf(detail, DSC_INVALID, "days",
                           "a longer period is at least 1 working day, not %d",
                           "延迟答复的期限至少为1个工作日，而不是%d", ev->days);
  if (ev->days > DSC_CLOCK_LONGER_PERIOD_MAX)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "days",
        "a longer period of %d working days is beyond what we accept as "
        "reasonable (Art. 35: 合理期限; at most %d)",
        "延迟答复%d个工作日超出合理期限（第三十五条；最长%d个工作日）",
        ev->days, DSC_CLOCK_LONGER_PERIOD_MAX);
  if (!c->reasons_requested || c->hold == DSC_HOLD_REASONS)
    return dsc_detail_set(
        detail, DSC_STATUTE, "reasons",
        "a longer period follows the applicant's reasons, found reasonable: "
        "require-reasons first, and record them with reasons-received "
        "(Art. 35)",
        "确定延迟答复的合理期限须以申请人说明的理由合理为前提：应先要求说明"
        "理由并登记收到（第三十五条）");
  fmt_date(ev->on, on);
  fmt_date(c->due_on, due);
  if (c->longer_period_days > 0)
    return dsc_detail_setf(detail, DSC_STATUTE, "longer_period",
                           "a longer period of %d working days was already "
                           "set, to %s (Art. 35)",
                           "已经确定延迟答复%d个工作日，至%s（第三十五条）",
                           c->longer_period_days, due);
  if (c->due_on == DSC_DATE_NONE)
    return dsc_detail_set(detail, DSC_CONFLICT, "hold",
                          "there is no due date to lengthen: a supplement is "
                          "awaited",
                          "尚无答复期限：正在等待补正");
  if (ev->on > c->due_on)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "on",
        "%s is after the due date %s: a longer period must be set on or "
        "before it (Art. 35, 33)",
        "%s已超过答复期限%s：延迟答复须在期限届满前（含当日）确定"
        "（第三十五条、第三十三条）",
        on, due);
  return dsc_calendar_add_workdays(cal, c->due_on, ev->days, &longer, detail);
}

/* A hold opened after the due date cannot rescue a late request: the
 * consultations of Art. 32 and 34, the referral of Art. 17, the fee notice
 * of 109号 and the supplement notice of Art. 30 all belong to the answer
 * period (an extension included), so none may start after it. */
static dsc_err_t check_before_due(const dsc_clock_t *c,
                                  const dsc_clock_event_t *ev,
                                  dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], due[DSC_DATE_STRLEN];
  const char *what = dsc_action_name(ev->action);

  if (c->due_on == DSC_DATE_NONE || ev->on <= c->due_on)
    return DSC_OK;
  return dsc_detail_setf(
      detail, DSC_STATUTE, "on",
      "%s is after the due date %s: %s belongs to the answer period (Art. "
      "33) and cannot stop a clock that has run out",
      "%s已超过答复期限%s：%s 须在答复期限内进行（第三十三条），不能中止已届满"
      "的期限",
      fmt_date(ev->on, on), fmt_date(c->due_on, due), what);
}

/* Opening a hold: within the answer period, with a delivery date (when the
 * letter's receipt is already known) not before the letter was sent, and
 * the lapse date inside the calendar. */
static dsc_err_t check_opening(const dsc_calendar_t *cal, const dsc_clock_t *c,
                               const dsc_clock_event_t *ev, int days,
                               dsc_detail_t *detail) {
  dsc_date_t lapses, from = ev->on;
  dsc_err_t rc = check_before_due(c, ev, detail);

  if (rc != DSC_OK)
    return rc;
  if (ev->delivered != DSC_DATE_NONE) {
    char on[DSC_DATE_STRLEN], delivered[DSC_DATE_STRLEN];
    if (!is_date(ev->delivered) || ev->delivered < ev->on)
      return dsc_detail_setf(
          detail, DSC_INVALID, "delivered_on",
          "the letter cannot arrive on %s, before it was sent on %s",
          "文书不能在发出（%s）之前的%s送达",
          fmt_date(ev->delivered, delivered), fmt_date(ev->on, on));
    from = ev->delivered;
  }
  return days > 0 ? dsc_calendar_add_workdays(cal, from, days, &lapses, detail)
                  : DSC_OK;
}

/* The receipt of the open hold's letter, which starts its window: once,
 * for a letter that is awaited, not before it was sent. */
static dsc_err_t check_delivered(const dsc_calendar_t *cal,
                                 const dsc_clock_t *c,
                                 const dsc_clock_event_t *ev,
                                 dsc_detail_t *detail) {
  char on[DSC_DATE_STRLEN], other[DSC_DATE_STRLEN];
  int days = delivered_window(c->hold);
  dsc_date_t lapses;

  if (days == 0)
    return dsc_detail_set(detail, DSC_CONFLICT, "hold",
                          "no consultation or fee letter awaits its delivery",
                          "没有等待送达的征求意见书或收费通知");
  if (c->hold_delivered_on != DSC_DATE_NONE)
    return dsc_detail_setf(detail, DSC_CONFLICT, "delivered_on",
                           "the %s letter's delivery is already recorded (%s)",
                           "%s文书的送达日期已经登记（%s）",
                           dsc_hold_name(c->hold),
                           fmt_date(c->hold_delivered_on, other));
  if (ev->on < c->hold_since)
    return dsc_detail_setf(
        detail, DSC_INVALID, "on",
        "the letter cannot arrive on %s, before it was sent on %s",
        "文书不能在发出（%s）之前的%s送达", fmt_date(ev->on, on),
        fmt_date(c->hold_since, other));
  return dsc_calendar_add_workdays(cal, ev->on, days, &lapses, detail);
}

dsc_err_t dsc_clock_check(const dsc_calendar_t *cal, const dsc_clock_t *clock,
                          const dsc_clock_event_t *ev, dsc_detail_t *detail) {
  dsc_err_t rc;

  if (cal == NULL || clock == NULL || ev == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_clock_check: NULL argument",
                          "dsc_clock_check：参数为空");
  if (!is_date(ev->on) || !is_date(clock->received_on))
    return dsc_detail_set(detail, DSC_MISUSE, "on",
                          "dsc_clock_check: the event or the clock has no date",
                          "dsc_clock_check：事件或时钟没有日期");
  switch (ev->action) {
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    rc = check_before_due(clock, ev, detail);
    return rc != DSC_OK ? rc : check_supplement_notice(cal, clock, ev, detail);
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    return check_in_time(clock, ev, DSC_HOLD_SUPPLEMENT, detail);
  case DSC_ACTION_FEE_PAID:
    return check_in_time(clock, ev, DSC_HOLD_FEE, detail);
  case DSC_ACTION_EXTEND:
    return check_extend(cal, clock, ev, detail);
  case DSC_ACTION_FEE_NOTICE:
    return check_opening(cal, clock, ev, DSC_CLOCK_FEE_DAYS, detail);
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_CONSULT_AGENCY:
    return check_opening(cal, clock, ev, DSC_CLOCK_CONSULT_DAYS, detail);
  case DSC_ACTION_REFER_SECRECY:
    return check_opening(cal, clock, ev, 0, detail);
  case DSC_ACTION_DELIVERED:
    return check_delivered(cal, clock, ev, detail);
  case DSC_ACTION_REQUIRE_REASONS:
    if ((rc = check_before_due(clock, ev, detail)) != DSC_OK ||
        (rc = check_reasons_demand(clock, ev, detail)) != DSC_OK)
      return rc;
    return check_opening(cal, clock, ev, ev->days, detail);
  case DSC_ACTION_REASONS_RECEIVED:
    return check_in_time(clock, ev, DSC_HOLD_REASONS, detail);
  case DSC_ACTION_LONGER_PERIOD:
    return check_longer_period(cal, clock, ev, detail);
  case DSC_ACTION_SUBMIT:
  case DSC_ACTION_ASSIGN:
  case DSC_ACTION_DRAFT:
  case DSC_ACTION_REVIEW:
  case DSC_ACTION_ANSWER:
  case DSC_ACTION_PUBLISH:
  case DSC_ACTION_WITHDRAW:
  case DSC_ACTION_THIRD_PARTY_REPLIED:
  case DSC_ACTION_AGENCY_REPLIED:
  case DSC_ACTION_LAPSE:
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
  case DSC_ACTION_SECRECY_REPLIED:
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
  case DSC_ACTION__COUNT:
    return DSC_OK;
  }
  return DSC_OK;
}

/* ---- The explanation ---------------------------------------------------- */

/* True when d lies in a span that counts against the clock. */
static bool paused_on(const dsc_clock_span_t *spans, size_t n,
                      dsc_date_t clock_start, dsc_date_t d) {
  for (size_t i = 0; i < n; i++)
    if (spans[i].workdays > 0 && max_date(spans[i].from, clock_start) < d &&
        d <= spans[i].to)
      return true;
  return false;
}

/* Labels clock_start+1 … due_on into days[0 .. due_on - clock_start). */
static void label_days(const dsc_calendar_t *cal, const dsc_clock_span_t *spans,
                       size_t nspans, dsc_date_t clock_start,
                       dsc_clock_day_t *days, size_t ndays) {
  int k = 0;

  for (size_t i = 0; i < ndays; i++) {
    dsc_date_t d = clock_start + 1 + (dsc_date_t)i;
    bool weekend = dsc_date_weekday(d) >= 6;
    dsc_clock_day_t *day = &days[i];

    day->date = d;
    day->ordinal = 0;
    if (!dsc_calendar_is_workday(cal, d)) {
      day->kind = weekend ? DSC_CLOCK_DAY_WEEKEND : DSC_CLOCK_DAY_HOLIDAY;
    } else if (paused_on(spans, nspans, clock_start, d)) {
      day->kind = DSC_CLOCK_DAY_PAUSED;
    } else {
      day->ordinal = ++k;
      day->kind = weekend                     ? DSC_CLOCK_DAY_MAKEUP
                  : k > DSC_CLOCK_ANSWER_DAYS ? DSC_CLOCK_DAY_EXTENDED
                                              : DSC_CLOCK_DAY_COUNTED;
    }
  }
}

dsc_err_t dsc_clock_explain(const dsc_calendar_t *cal,
                            const dsc_clock_event_t *events, size_t n,
                            dsc_date_t today, dsc_clock_explain_t *out,
                            dsc_detail_t *detail) {
  span_sink_t sink = {NULL, 0, 0};
  dsc_clock_explain_t ex = {.clock_start = DSC_DATE_NONE,
                            .due_on = DSC_DATE_NONE,
                            .voided_extension_on = DSC_DATE_NONE};
  dsc_clock_t clock;
  dsc_err_t rc;

  if (cal == NULL || events == NULL || out == NULL || n == 0)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_clock_explain: NULL argument or no events",
                          "dsc_clock_explain：参数为空或没有事件");
  sink.v = dsc__calloc(n, sizeof *sink.v);
  if (sink.v == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, "", NULL, NULL);
  sink.cap = n;
  rc = run(cal, events, n, today, 0, &clock, &sink, detail);
  if (rc != DSC_OK) {
    dsc__free(sink.v);
    return rc;
  }
  ex.clock_start = clock.clock_start;
  ex.due_on = clock.due_on;
  ex.extended_days = clock.extended_days;
  ex.longer_period_days = clock.longer_period_days;
  ex.voided_extension_days = clock.voided_extension_days;
  ex.voided_extension_on = clock.voided_extension_on;
  if (sink.n > 0) {
    ex.spans = sink.v;
    ex.nspans = sink.n;
  } else {
    dsc__free(sink.v);
  }
  if (clock.due_on != DSC_DATE_NONE) {
    ex.ndays = (size_t)(clock.due_on - clock.clock_start);
    ex.days = dsc__calloc(ex.ndays, sizeof *ex.days);
    if (ex.days == NULL) {
      dsc__free(ex.spans);
      return dsc_detail_set(detail, DSC_NOMEM, "", NULL, NULL);
    }
    label_days(cal, ex.spans, ex.nspans, clock.clock_start, ex.days, ex.ndays);
  }
  *out = ex;
  return DSC_OK;
}

void dsc_clock_explain_free(dsc_clock_explain_t *ex) {
  if (ex == NULL)
    return;
  dsc__free(ex->days);
  dsc__free(ex->spans);
  ex->days = NULL;
  ex->spans = NULL;
  ex->ndays = ex->nspans = 0;
}
