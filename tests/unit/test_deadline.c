/* The statutory clock (engine/core/deadline.c): checked against a slow,
 * independent day-by-day reference on thousands of random histories, against
 * hand-counted cases around the holidays of the shipped calendar, and rule
 * by rule for every refusal of dsc_clock_check.
 *
 * The reference shares nothing with the engine but the date module: it reads
 * the fixture CSV itself into a table of working days, walks one date at a
 * time (never dsc_calendar_add_workdays or _workdays_between), keeps every
 * paused span and counts them only at the end, against the final
 * clock_start, where the engine counts each span when it closes. */
#include "disclose/deadline.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_workdays_fixture.h"
#include "disclose/alloc.h"
#include "disclose/calendar.h"
#include "dsc_test.h"

/* ---- helpers ------------------------------------------------------------ */

static dsc_date_t D(const char *s) {
  dsc_date_t d = DSC_DATE_NONE;
  if (dsc_date_parse(s, &d) != DSC_OK)
    DSC_FAIL_("bad date literal %s", s);
  return d;
}

/* Up to 8 dates formatted at once in one expression. */
static const char *S(dsc_date_t d) {
  static char bufs[8][DSC_DATE_STRLEN];
  static unsigned next;
  char *b = bufs[next++ % 8];
  if (d == DSC_DATE_NONE) {
    snprintf(b, DSC_DATE_STRLEN, "none");
    return b;
  }
  return dsc_date_format(d, b);
}

static int year_of(dsc_date_t d) {
  int y;
  dsc_date_to_ymd(d, &y, NULL, NULL);
  return y;
}

#define ASSERT_DATE(got, want)                                                 \
  do {                                                                         \
    dsc_date_t got_ = (got);                                                   \
    const char *want_ = (want);                                                \
    if (want_ == NULL ? got_ != DSC_DATE_NONE : got_ != D(want_))              \
      DSC_FAIL_("%s: %s, expected %s", #got, S(got_), want_ ? want_ : "none"); \
  } while (0)

/* The shipped calendar, loaded 2019–2026 like the migration does. */
static dsc_calendar_t *shipped(void) {
  dsc_calendar_exception_t *rows = NULL;
  char **names = NULL;
  size_t n = 0;
  dsc_calendar_t *cal = NULL;
  dsc_detail_t det;

  DSC_ASSERT_EQ(dsc_calendar_parse_csv(DSC_CN_WORKDAYS_CSV,
                                       strlen(DSC_CN_WORKDAYS_CSV), &rows,
                                       &names, &n, &det),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_calendar_create(2019, 2026, rows, n, &cal, &det), DSC_OK);
  dsc_calendar_rows_free(rows, names, n);
  return cal;
}

/* Events in a literal list. */
#define EV(action, on, days)                                                   \
  (dsc_clock_event_t) { DSC_ACTION_##action, D(on), days, DSC_DATE_NONE }
/* A letter sent on `on` and delivered on `delivered`. */
#define EVD(action, on, delivered)                                             \
  (dsc_clock_event_t) { DSC_ACTION_##action, D(on), 0, D(delivered) }

static dsc_clock_t replay_ok(const dsc_calendar_t *cal,
                             const dsc_clock_event_t *ev, size_t n,
                             const char *today) {
  dsc_clock_t c;
  dsc_detail_t det;
  dsc_err_t rc;

  memset(&c, 0xA5, sizeof c);
  rc = dsc_clock_replay(cal, ev, n, D(today), 0, &c, &det);
  if (rc != DSC_OK)
    DSC_FAIL_("replay: %s %s: %s", dsc_err_name(rc), det.field, det.message);
  return c;
}

/* ---- the independent reference: working days -------------------------- */

#define REF_FIRST_YEAR 2019
#define REF_LAST_YEAR 2026
#define REF_DAYS 2922 /* 2019-01-01 … 2026-12-31 */

typedef struct ref_cal {
  dsc_date_t start, end;
  bool work[REF_DAYS];
} ref_cal_t;

static ref_cal_t REF;

static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++)
    v = v * 10 + (s[i] - '0');
  return v;
}

/* 2019-01-01 was a Tuesday, so day offset k from it is a Saturday when
 * k % 7 == 4 and a Sunday when k % 7 == 5. */
static bool ref_weekend(dsc_date_t d) {
  long off = (((long)d - (long)REF.start) % 7 + 7) % 7;
  return off == 4 || off == 5;
}

static void ref_load(void) {
  const char *p = strchr(DSC_CN_WORKDAYS_CSV, '\n') + 1; /* the header */

  REF.start = dsc_date_from_ymd(REF_FIRST_YEAR, 1, 1);
  REF.end = dsc_date_from_ymd(REF_LAST_YEAR, 12, 31);
  DSC_ASSERT_EQ(REF.end - REF.start + 1, REF_DAYS);
  for (dsc_date_t d = REF.start; d <= REF.end; d++)
    REF.work[d - REF.start] = !ref_weekend(d);
  while (*p != '\0') {
    dsc_date_t d =
        dsc_date_from_ymd(digits(p, 4), digits(p + 5, 2), digits(p + 8, 2));
    DSC_ASSERT(strncmp(p + 11, "holiday,", 8) == 0 ||
               strncmp(p + 11, "workday,", 8) == 0);
    if (d >= REF.start && d <= REF.end)
      REF.work[d - REF.start] = p[11] == 'w';
    p = strchr(p, '\n') + 1;
  }
}

static bool ref_in(dsc_date_t d) { return d >= REF.start && d <= REF.end; }

static bool ref_workday(dsc_date_t d) {
  return ref_in(d) && REF.work[d - REF.start];
}

/* The n-th working day after from, one date at a time; a gap names the
 * year like the calendar does. */
static bool ref_add(dsc_date_t from, long n, dsc_date_t *out, int *gap) {
  dsc_date_t d = from;
  if (!ref_in(from)) {
    *gap = year_of(from);
    return false;
  }
  while (n > 0) {
    d++;
    if (!ref_in(d)) {
      *gap = REF_LAST_YEAR + 1;
      return false;
    }
    n -= ref_workday(d);
  }
  *out = d;
  return true;
}

/* Working days d with a < d <= b (minus those of (b, a] when b < a). */
static bool ref_between(dsc_date_t a, dsc_date_t b, int *out, int *gap) {
  int k = 0;
  if (!ref_in(a) || !ref_in(b)) {
    *gap = year_of(!ref_in(a) ? a : b);
    return false;
  }
  for (dsc_date_t d = (a < b ? a : b) + 1; d <= (a < b ? b : a); d++)
    k += ref_workday(d);
  *out = a <= b ? k : -k;
  return true;
}

/* ---- the independent reference: the clock ------------------------------ */

#define MAX_EVENTS 64

typedef struct ref_span {
  dsc_hold_t kind;
  dsc_date_t from, to; /* to is the projection while open */
  bool open;
  int counted; /* working days d, max(from, clock_start) < d <= to */
} ref_span_t;

typedef struct ref_clock {
  dsc_clock_t c;
  bool abandoned; /* withdrawn by the supplement's lapse */
  ref_span_t spans[MAX_EVENTS];
  size_t nspans;
} ref_clock_t;

static dsc_date_t dmin(dsc_date_t a, dsc_date_t b) { return a < b ? a : b; }
static dsc_date_t dmax(dsc_date_t a, dsc_date_t b) { return a > b ? a : b; }

/* The working days a letter's addressee has, counted from its receipt
 * (Art. 32, 34; 109号); 0 for the holds whose window is not a letter's. */
static int ref_letter_window(dsc_hold_t h) {
  return h == DSC_HOLD_THIRD_PARTY || h == DSC_HOLD_OTHER_AGENCY ? 15
         : h == DSC_HOLD_FEE                                     ? 20
                                                                 : 0;
}

/* Where a span that ends on `end` stops: at the lapse date, if any. */
static dsc_date_t ref_stop(dsc_date_t end, dsc_date_t lapses_on) {
  return lapses_on == DSC_DATE_NONE ? end : dmin(end, lapses_on);
}

/* The rules of CONTRACT §7 in the most obvious way, on a history the state
 * machine could have written. Returns DSC_OK or DSC_CALENDAR_GAP with the
 * missing year in *gap. */
static dsc_err_t ref_replay(const dsc_clock_event_t *ev, size_t n,
                            dsc_date_t today, int soon, ref_clock_t *r,
                            int *gap) {
  dsc_clock_t *c = &r->c;
  ref_span_t *open = NULL;
  int ext = 0, longer = 0;

  memset(r, 0, sizeof *r);
  c->received_on = c->clock_start = c->due_on = DSC_DATE_NONE;
  c->supplement_notice_due_on = c->hold_since = c->hold_lapses_on =
      DSC_DATE_NONE;
  c->hold_delivered_on = c->voided_extension_on = DSC_DATE_NONE;
  c->answered_on = c->closed_on = DSC_DATE_NONE;
  c->hold = DSC_HOLD_NONE;
  c->on_time = -1;

  for (size_t i = 0; i < n; i++) {
    const dsc_clock_event_t *e = &ev[i];
    dsc_hold_t h = DSC_HOLD_NONE;
    int window = 0;

    switch (e->action) {
    case DSC_ACTION_SUBMIT:
      c->received_on = c->clock_start = e->on;
      if (!ref_add(e->on, 7, &c->supplement_notice_due_on, gap))
        return DSC_CALENDAR_GAP;
      break;
    case DSC_ACTION_REQUEST_SUPPLEMENT:
      h = DSC_HOLD_SUPPLEMENT, window = e->days;
      c->supplement_requested = true;
      c->clock_start = DSC_DATE_NONE;
      break;
    case DSC_ACTION_SUPPLEMENT_RECEIVED:
      if (c->closed) { /* accepted late: the request is open again */
        c->closed = false;
        c->closed_on = DSC_DATE_NONE;
        r->abandoned = false;
      }
      c->clock_start = e->on;
      c->hold = DSC_HOLD_NONE;
      if (ext > 0) { /* a new period: the old one's extension is void */
        c->voided_extension_days = ext;
        c->voided_extension_on = e->on;
        ext = 0;
      }
      break;
    case DSC_ACTION_REFER_SECRECY:
      h = DSC_HOLD_SECRECY_REVIEW;
      break;
    case DSC_ACTION_REQUIRE_REASONS: /* Art. 35: a pause, from the demand */
      h = DSC_HOLD_REASONS, window = e->days;
      c->reasons_requested = true;
      break;
    case DSC_ACTION_LONGER_PERIOD: /* survives a restart */
      longer = e->days;
      break;
    case DSC_ACTION_DELIVERED:
      c->hold_delivered_on = e->on;
      if (!ref_add(e->on, ref_letter_window(c->hold), &c->hold_lapses_on, gap))
        return DSC_CALENDAR_GAP;
      break;
    case DSC_ACTION_CONSULT_THIRD_PARTY:
      h = DSC_HOLD_THIRD_PARTY, window = 15;
      break;
    case DSC_ACTION_CONSULT_AGENCY:
      h = DSC_HOLD_OTHER_AGENCY, window = 15;
      break;
    case DSC_ACTION_FEE_NOTICE:
      h = DSC_HOLD_FEE, window = 20;
      break;
    case DSC_ACTION_THIRD_PARTY_REPLIED:
    case DSC_ACTION_AGENCY_REPLIED:
    case DSC_ACTION_FEE_PAID:
    case DSC_ACTION_SECRECY_REPLIED:
    case DSC_ACTION_REASONS_RECEIVED:
      open->to = ref_stop(e->on, c->hold_lapses_on);
      open->open = false;
      open = NULL;
      c->hold = DSC_HOLD_NONE;
      break;
    case DSC_ACTION_LAPSE:
      if (open != NULL) {
        open->to = c->hold_lapses_on; /* the worker dates it so */
        open->open = false;
        open = NULL;
      }
      if (c->hold == DSC_HOLD_SUPPLEMENT || c->hold == DSC_HOLD_FEE ||
          c->hold == DSC_HOLD_REASONS) {
        c->closed = true;
        c->closed_on = e->on;
        r->abandoned = c->hold == DSC_HOLD_SUPPLEMENT;
      }
      c->hold = DSC_HOLD_NONE;
      break;
    case DSC_ACTION_EXTEND:
      ext = e->days;
      break;
    case DSC_ACTION_ANSWER:
      c->closed = true;
      c->answered_on = c->closed_on = e->on;
      break;
    case DSC_ACTION_WITHDRAW:
      if (open != NULL) {
        open->to = ref_stop(e->on, c->hold_lapses_on);
        open->open = false;
        open = NULL;
      }
      c->hold = DSC_HOLD_NONE;
      c->closed = true;
      c->closed_on = e->on;
      break;
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
    case DSC_ACTION__COUNT:
      break; /* the clock ignores them */
    }
    if (h != DSC_HOLD_NONE) {
      c->hold = h;
      c->hold_since = e->on;
      c->hold_lapses_on = c->hold_delivered_on = DSC_DATE_NONE;
      if ((h == DSC_HOLD_SUPPLEMENT || h == DSC_HOLD_REASONS) &&
          !ref_add(e->on, window, &c->hold_lapses_on, gap))
        return DSC_CALENDAR_GAP;
      /* A letter's window runs from its receipt, once that is known. */
      if (window > 0 && h != DSC_HOLD_SUPPLEMENT && h != DSC_HOLD_REASONS &&
          e->delivered != DSC_DATE_NONE) {
        c->hold_delivered_on = e->delivered;
        if (!ref_add(e->delivered, window, &c->hold_lapses_on, gap))
          return DSC_CALENDAR_GAP;
      }
      if (h != DSC_HOLD_SUPPLEMENT) {
        open = &r->spans[r->nspans++];
        *open = (ref_span_t){h, e->on, DSC_DATE_NONE, true, 0};
      }
    }
    if (c->hold == DSC_HOLD_NONE)
      c->hold_since = c->hold_lapses_on = c->hold_delivered_on = DSC_DATE_NONE;
  }

  if (c->hold != DSC_HOLD_NONE) {
    c->lapse_due =
        c->hold_lapses_on != DSC_DATE_NONE && today > c->hold_lapses_on;
    if (open != NULL) {
      open->to = dmax(open->from, ref_stop(today, c->hold_lapses_on));
      /* A window without end projects to today, which must be counted. */
      if (c->clock_start != DSC_DATE_NONE &&
          open->to > dmax(open->from, c->clock_start) && !ref_in(open->to)) {
        *gap = year_of(open->to);
        return DSC_CALENDAR_GAP;
      }
    }
  }
  /* Only what follows the (last) clock start counts. */
  for (size_t i = 0; i < r->nspans; i++) {
    ref_span_t *s = &r->spans[i];
    if (c->clock_start == DSC_DATE_NONE)
      continue;
    for (dsc_date_t d = dmax(s->from, c->clock_start) + 1; d <= s->to; d++)
      s->counted += ref_workday(d);
    c->paused_workdays += s->counted;
  }
  c->extended_days = ext;
  c->longer_period_days = longer;
  if (c->clock_start != DSC_DATE_NONE &&
      !ref_add(c->clock_start, 20L + ext + longer + c->paused_workdays,
               &c->due_on, gap))
    return DSC_CALENDAR_GAP;
  if (c->answered_on != DSC_DATE_NONE)
    c->on_time = c->answered_on <= c->due_on;
  if (!c->closed && c->due_on != DSC_DATE_NONE && c->hold == DSC_HOLD_NONE) {
    if (!ref_between(today, c->due_on, &c->workdays_left, gap))
      return DSC_CALENDAR_GAP;
    c->workdays_left_known = true;
    c->overdue = today > c->due_on;
    c->due_soon = !c->overdue && c->workdays_left <= soon;
  }
  return DSC_OK;
}

/* dsc_clock_check's rules, on the reference clock as of ev->on. */
static dsc_err_t ref_check(const dsc_clock_t *c, const dsc_clock_event_t *ev,
                           const char **field, int *gap) {
  dsc_date_t x;
  bool late = c->due_on != DSC_DATE_NONE && ev->on > c->due_on;
  int window = ev->action == DSC_ACTION_FEE_NOTICE ? 20 : 15;

  *field = "";
  switch (ev->action) {
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    if (late) /* no hold opens after the due date */
      return *field = "on", DSC_STATUTE;
    if (ev->days < 5 || ev->days > 60) /* a reasonable window: 5–60 */
      return *field = "reply_within", DSC_INVALID;
    if (c->supplement_requested)
      return *field = "supplement", DSC_STATUTE;
    if (ev->on > c->supplement_notice_due_on)
      return *field = "on", DSC_STATUTE;
    return ref_add(ev->on, ev->days, &x, gap) ? DSC_OK : DSC_CALENDAR_GAP;
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    if (c->hold == DSC_HOLD_SUPPLEMENT && ev->on > c->hold_lapses_on)
      return *field = "on", DSC_STATUTE;
    return DSC_OK;
  case DSC_ACTION_FEE_PAID:
    if (c->hold == DSC_HOLD_FEE && c->hold_lapses_on != DSC_DATE_NONE &&
        ev->on > c->hold_lapses_on)
      return *field = "on", DSC_STATUTE;
    return DSC_OK;
  case DSC_ACTION_EXTEND:
    if (ev->days < 1)
      return *field = "days", DSC_INVALID;
    if (ev->days > 20)
      return *field = "days", DSC_STATUTE;
    if (c->extended_days > 0)
      return *field = "extend", DSC_STATUTE;
    if (c->clock_start == DSC_DATE_NONE)
      return *field = "hold", DSC_CONFLICT;
    if (ev->on > c->due_on)
      return *field = "on", DSC_STATUTE;
    return ref_add(c->clock_start,
                   20L + ev->days + c->longer_period_days + c->paused_workdays,
                   &x, gap)
               ? DSC_OK
               : DSC_CALENDAR_GAP;
  case DSC_ACTION_REQUIRE_REASONS:
    if (late)
      return *field = "on", DSC_STATUTE;
    if (ev->days < 5 || ev->days > 60)
      return *field = "reply_within", DSC_INVALID;
    if (c->reasons_requested) /* once */
      return *field = "reasons", DSC_STATUTE;
    return ref_add(ev->on, ev->days, &x, gap) ? DSC_OK : DSC_CALENDAR_GAP;
  case DSC_ACTION_REASONS_RECEIVED:
    if (c->hold == DSC_HOLD_REASONS && ev->on > c->hold_lapses_on)
      return *field = "on", DSC_STATUTE;
    return DSC_OK;
  case DSC_ACTION_LONGER_PERIOD:
    if (ev->days < 1)
      return *field = "days", DSC_INVALID;
    if (ev->days > 60)
      return *field = "days", DSC_STATUTE;
    if (!c->reasons_requested || c->hold == DSC_HOLD_REASONS)
      return *field = "reasons", DSC_STATUTE; /* only reasonable reasons */
    if (c->longer_period_days > 0)
      return *field = "longer_period", DSC_STATUTE;
    if (c->clock_start == DSC_DATE_NONE)
      return *field = "hold", DSC_CONFLICT;
    if (late)
      return *field = "on", DSC_STATUTE;
    return ref_add(c->clock_start,
                   20L + c->extended_days + ev->days + c->paused_workdays, &x,
                   gap)
               ? DSC_OK
               : DSC_CALENDAR_GAP;
  case DSC_ACTION_FEE_NOTICE:
  case DSC_ACTION_CONSULT_THIRD_PARTY:
  case DSC_ACTION_CONSULT_AGENCY:
    if (late)
      return *field = "on", DSC_STATUTE;
    if (ev->delivered != DSC_DATE_NONE && ev->delivered < ev->on)
      return *field = "delivered_on", DSC_INVALID;
    return ref_add(ev->delivered != DSC_DATE_NONE ? ev->delivered : ev->on,
                   window, &x, gap)
               ? DSC_OK
               : DSC_CALENDAR_GAP;
  case DSC_ACTION_REFER_SECRECY:
    return late ? (*field = "on", DSC_STATUTE) : DSC_OK;
  case DSC_ACTION_DELIVERED:
    if (ref_letter_window(c->hold) == 0)
      return *field = "hold", DSC_CONFLICT;
    if (c->hold_delivered_on != DSC_DATE_NONE)
      return *field = "delivered_on", DSC_CONFLICT;
    if (ev->on < c->hold_since)
      return *field = "on", DSC_INVALID;
    return ref_add(ev->on, ref_letter_window(c->hold), &x, gap)
               ? DSC_OK
               : DSC_CALENDAR_GAP;
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

/* ---- comparing ------------------------------------------------------------
 */

typedef struct ctx {
  unsigned long long seed;
  int iter;
  const dsc_clock_event_t *ev;
  size_t n;
  dsc_date_t today;
} ctx_t;

static void dump(const ctx_t *x) {
  fprintf(stderr, "seed %llu, case %d, today %s, %zu events:\n", x->seed,
          x->iter, S(x->today), x->n);
  for (size_t i = 0; i < x->n; i++)
    fprintf(stderr, "  %2zu %-20s %s days=%d\n", i + 1,
            dsc_action_name(x->ev[i].action), S(x->ev[i].on), x->ev[i].days);
}

#define CMP_FAIL(x, ...)                                                       \
  do {                                                                         \
    dump(x);                                                                   \
    DSC_FAIL_(__VA_ARGS__);                                                    \
  } while (0)

#define CMP(x, field)                                                          \
  do {                                                                         \
    if ((long long)got->field != (long long)want->field)                       \
      CMP_FAIL(x, "%s: engine %lld, reference %lld", #field,                   \
               (long long)got->field, (long long)want->field);                 \
  } while (0)

#define CMP_DATE(x, field)                                                     \
  do {                                                                         \
    if (got->field != want->field)                                             \
      CMP_FAIL(x, "%s: engine %s, reference %s", #field, S(got->field),        \
               S(want->field));                                                \
  } while (0)

static void compare_clock(const ctx_t *x, const dsc_clock_t *got,
                          const dsc_clock_t *want) {
  CMP_DATE(x, received_on);
  CMP_DATE(x, clock_start);
  CMP_DATE(x, due_on);
  CMP(x, extended_days);
  CMP(x, longer_period_days);
  CMP(x, reasons_requested);
  CMP(x, paused_workdays);
  CMP_DATE(x, supplement_notice_due_on);
  CMP(x, supplement_requested);
  CMP(x, hold);
  CMP_DATE(x, hold_since);
  CMP_DATE(x, hold_lapses_on);
  CMP_DATE(x, hold_delivered_on);
  CMP(x, voided_extension_days);
  CMP_DATE(x, voided_extension_on);
  CMP(x, lapse_due);
  CMP(x, closed);
  CMP_DATE(x, answered_on);
  CMP_DATE(x, closed_on);
  CMP(x, workdays_left_known);
  if (want->workdays_left_known)
    CMP(x, workdays_left);
  CMP(x, due_soon);
  CMP(x, overdue);
  CMP(x, on_time);
}

/* The gap's detail: the calendar's own, naming the year. */
static void assert_gap_detail(const ctx_t *x, const dsc_detail_t *det,
                              int year) {
  char want[64];
  snprintf(want, sizeof want, "no working-day calendar for %d", year);
  if (det->code != DSC_CALENDAR_GAP || strcmp(det->field, "calendar") != 0 ||
      strcmp(det->message, want) != 0)
    CMP_FAIL(x, "gap detail: %s / %s, expected \"%s\"", det->field,
             det->message, want);
}

/* Replays with engine and reference and compares every field. */
static dsc_err_t replay_both(const ctx_t *x, const dsc_calendar_t *cal,
                             dsc_clock_t *out, ref_clock_t *ref) {
  dsc_detail_t det;
  /* due_soon_days 0 … 7 by case, 0 meaning the default of 5. */
  int gap = 0, soon = x->iter % 8;
  dsc_err_t rc = dsc_clock_replay(cal, x->ev, x->n, x->today, soon, out, &det);
  dsc_err_t want =
      ref_replay(x->ev, x->n, x->today, soon > 0 ? soon : 5, ref, &gap);

  if (rc != want)
    CMP_FAIL(x, "replay: engine %s (%s), reference %s", dsc_err_name(rc),
             rc != DSC_OK ? det.message : "", dsc_err_name(want));
  if (rc == DSC_CALENDAR_GAP)
    assert_gap_detail(x, &det, gap);
  else
    compare_clock(x, out, &ref->c);
  return rc;
}

/* The explanation against the reference's spans and working days. */
static void check_explain(const ctx_t *x, const dsc_calendar_t *cal,
                          const ref_clock_t *ref) {
  const dsc_clock_t *c = &ref->c;
  dsc_clock_explain_t ex;
  dsc_detail_t det;
  int ordinal = 0, paused = 0, paused_in_range = 0, sum = 0;
  dsc_err_t rc = dsc_clock_explain(cal, x->ev, x->n, x->today, &ex, &det);

  if (rc != DSC_OK)
    CMP_FAIL(x, "explain: %s %s", dsc_err_name(rc), det.message);
  if (ex.clock_start != c->clock_start || ex.due_on != c->due_on ||
      ex.extended_days != c->extended_days ||
      ex.longer_period_days != c->longer_period_days ||
      ex.voided_extension_days != c->voided_extension_days ||
      ex.voided_extension_on != c->voided_extension_on)
    CMP_FAIL(x, "explain: start %s due %s ext %d", S(ex.clock_start),
             S(ex.due_on), ex.extended_days);
  if (ex.nspans != ref->nspans)
    CMP_FAIL(x, "explain: %zu spans, reference %zu", ex.nspans, ref->nspans);
  for (size_t i = 0; i < ex.nspans; i++) {
    const dsc_clock_span_t *s = &ex.spans[i];
    const ref_span_t *w = &ref->spans[i];
    if (s->kind != w->kind || s->from != w->from || s->to != w->to ||
        s->open != w->open || s->workdays != w->counted)
      CMP_FAIL(x,
               "explain span %zu: %s %s..%s open %d counts %d; reference "
               "%s %s..%s open %d counts %d",
               i, dsc_hold_name(s->kind), S(s->from), S(s->to), s->open,
               s->workdays, dsc_hold_name(w->kind), S(w->from), S(w->to),
               w->open, w->counted);
    sum += s->workdays;
  }
  if (sum != c->paused_workdays)
    CMP_FAIL(x, "explain: spans sum to %d, paused_workdays %d", sum,
             c->paused_workdays);
  if (c->due_on == DSC_DATE_NONE) {
    if (ex.days != NULL || ex.ndays != 0)
      CMP_FAIL(x, "explain: days listed without a due date");
    dsc_clock_explain_free(&ex);
    return;
  }
  if (ex.ndays != (size_t)(c->due_on - c->clock_start))
    CMP_FAIL(x, "explain: %zu days for %s..%s", ex.ndays, S(c->clock_start),
             S(c->due_on));
  for (size_t i = 0; i < ref->nspans; i++)
    for (dsc_date_t d = dmax(ref->spans[i].from, c->clock_start) + 1;
         d <= ref->spans[i].to && d <= c->due_on; d++)
      paused_in_range += ref_workday(d);
  for (size_t i = 0; i < ex.ndays; i++) {
    const dsc_clock_day_t *day = &ex.days[i];
    dsc_date_t d = c->clock_start + 1 + (dsc_date_t)i;
    bool in_span = false;
    dsc_clock_day_kind_t want;
    int want_ord = 0;

    for (size_t k = 0; k < ref->nspans; k++)
      in_span |=
          d > dmax(ref->spans[k].from, c->clock_start) && d <= ref->spans[k].to;
    if (!ref_workday(d))
      want = ref_weekend(d) ? DSC_CLOCK_DAY_WEEKEND : DSC_CLOCK_DAY_HOLIDAY;
    else if (in_span)
      want = DSC_CLOCK_DAY_PAUSED, paused++;
    else {
      want_ord = ++ordinal;
      want = ref_weekend(d)  ? DSC_CLOCK_DAY_MAKEUP
             : want_ord > 20 ? DSC_CLOCK_DAY_EXTENDED
                             : DSC_CLOCK_DAY_COUNTED;
    }
    if (day->date != d || day->kind != want || day->ordinal != want_ord)
      CMP_FAIL(x, "explain day %s: kind %d ordinal %d, expected %s %d %d",
               S(day->date), (int)day->kind, day->ordinal, S(d), (int)want,
               want_ord);
  }
  /* Every working day up to due_on is either counted or paused. */
  if (ordinal + paused !=
          20 + c->extended_days + c->longer_period_days + c->paused_workdays ||
      paused != paused_in_range)
    CMP_FAIL(x, "explain: %d counted + %d paused", ordinal, paused);
  /* And when every paused day comes before the due date (the usual case),
   * exactly 20 + extension are counted. */
  if (paused_in_range == c->paused_workdays &&
      ordinal != 20 + c->extended_days + c->longer_period_days)
    CMP_FAIL(x, "explain: %d counted days", ordinal);
  dsc_clock_explain_free(&ex);
}

/* ---- random histories ---------------------------------------------------- */

static int rnd(uint64_t *s, int n) {
  return (int)(dsc_test_rand(s) % (uint64_t)n);
}

/* A date near `at`: within -before … +after days. */
static dsc_date_t near(uint64_t *s, dsc_date_t at, int before, int after) {
  return at - before + rnd(s, before + after + 1);
}

static const dsc_action_t ignored_actions[] = {
    DSC_ACTION_ASSIGN,   DSC_ACTION_DRAFT,          DSC_ACTION_REVIEW,
    DSC_ACTION_ESCALATE, DSC_ACTION_DEADLINE_MOVED, DSC_ACTION_APPEAL};

/* The next event a machine-valid history could have, given the reference
 * clock c as of the last event (cur). Dates and windows stray past the
 * statutory limits on purpose; the caller asks dsc_clock_check. */
static dsc_clock_event_t next_event(uint64_t *s, const dsc_clock_t *c,
                                    dsc_date_t cur) {
  dsc_clock_event_t e = {DSC_ACTION_ASSIGN, cur + rnd(s, 4), 0, DSC_DATE_NONE};
  dsc_date_t due = c->due_on != DSC_DATE_NONE ? c->due_on : cur + 20;
  dsc_date_t lapses =
      c->hold_lapses_on != DSC_DATE_NONE ? c->hold_lapses_on : cur + 20;
  int pick = rnd(s, 100);

  switch (c->hold) {
  case DSC_HOLD_NONE:
    if (pick < 4) {
      e.action = rnd(s, 2) ? DSC_ACTION_REFER_SECRECY : DSC_ACTION_DELIVERED;
      e.on = near(s, due, 25, 3);
    } else if (pick < 15) {
      e.action = DSC_ACTION_REQUEST_SUPPLEMENT;
      e.on = near(s, c->supplement_notice_due_on, 12, 2);
      e.days = rnd(s, 10) == 0 ? rnd(s, 71) : 1 + rnd(s, 30);
    } else if (pick < 30) {
      e.action = DSC_ACTION_CONSULT_THIRD_PARTY;
      e.on = near(s, due, 25, 3);
    } else if (pick < 42) {
      e.action = DSC_ACTION_CONSULT_AGENCY;
      e.on = near(s, due, 25, 3);
    } else if (pick < 54) {
      e.action = DSC_ACTION_FEE_NOTICE;
      e.on = near(s, due, 20, 2);
    } else if (pick < 66) {
      e.action = DSC_ACTION_EXTEND;
      e.on = near(s, due, 10, 2);
      e.days = rnd(s, 8) == 0 ? rnd(s, 26) : 1 + rnd(s, 20);
    } else if (pick < 78) {
      e.action = DSC_ACTION_ANSWER;
      e.on = near(s, due, 20, 6);
    } else if (pick < 84) {
      e.action = DSC_ACTION_WITHDRAW;
      e.on = cur + rnd(s, 30);
    } else if (pick < 89) {
      e.action = DSC_ACTION_REQUIRE_REASONS;
      e.on = near(s, due, 25, 3);
      e.days = rnd(s, 10) == 0 ? rnd(s, 71) : 5 + rnd(s, 30);
    } else if (pick < 94) {
      e.action = DSC_ACTION_LONGER_PERIOD;
      e.on = near(s, due, 10, 2);
      e.days = rnd(s, 8) == 0 ? rnd(s, 75) : 1 + rnd(s, 60);
    } else {
      e.action = ignored_actions[rnd(s, 6)];
    }
    break;
  case DSC_HOLD_SUPPLEMENT:
  case DSC_HOLD_THIRD_PARTY:
  case DSC_HOLD_OTHER_AGENCY:
  case DSC_HOLD_FEE:
  case DSC_HOLD_SECRECY_REVIEW:
  case DSC_HOLD_REASONS:
    if (pick < 30 && c->hold != DSC_HOLD_SUPPLEMENT &&
        c->hold != DSC_HOLD_REASONS &&
        (c->hold_delivered_on == DSC_DATE_NONE || pick < 3)) {
      e.action = DSC_ACTION_DELIVERED; /* the letter arrives */
      e.on = c->hold_since + rnd(s, 8);
    } else if (pick < 50) {
      e.action = c->hold == DSC_HOLD_SUPPLEMENT ? DSC_ACTION_SUPPLEMENT_RECEIVED
                 : c->hold == DSC_HOLD_FEE      ? DSC_ACTION_FEE_PAID
                 : c->hold == DSC_HOLD_THIRD_PARTY
                     ? DSC_ACTION_THIRD_PARTY_REPLIED
                 : c->hold == DSC_HOLD_OTHER_AGENCY ? DSC_ACTION_AGENCY_REPLIED
                 : c->hold == DSC_HOLD_REASONS ? DSC_ACTION_REASONS_RECEIVED
                                               : DSC_ACTION_SECRECY_REPLIED;
      e.on = rnd(s, 2) ? near(s, lapses, 3, 3) : c->hold_since + rnd(s, 25);
    } else if (pick < 75 && c->hold_lapses_on != DSC_DATE_NONE) {
      e.action = DSC_ACTION_LAPSE; /* the worker dates it on lapses_on */
      e.on = c->hold_lapses_on;
      return e;
    } else if (pick < 83) {
      e.action = DSC_ACTION_WITHDRAW;
      e.on = cur + rnd(s, 30);
    } else if (pick < 92) {
      e.action = DSC_ACTION_EXTEND;
      e.on = near(s, due, 10, 2);
      e.days = 1 + rnd(s, 20);
    } else {
      e.action = ignored_actions[rnd(s, 6)];
    }
    break;
  case DSC_HOLD__COUNT:
    break;
  }
  if (e.on < cur)
    e.on = cur;
  /* Half the letters go out with their delivery known, now and then on a
   * day before they were sent. */
  if ((e.action == DSC_ACTION_CONSULT_THIRD_PARTY ||
       e.action == DSC_ACTION_CONSULT_AGENCY ||
       e.action == DSC_ACTION_FEE_NOTICE) &&
      rnd(s, 2))
    e.delivered = e.on - 1 + rnd(s, 8);
  return e;
}

/* How often the property met each refusal of dsc_clock_check, so that it
 * can insist on meeting them all. */
static const struct refusal {
  dsc_action_t action;
  dsc_err_t code;
  const char *field;
} refusals[] = {
    {DSC_ACTION_REQUEST_SUPPLEMENT, DSC_INVALID, "reply_within"},
    {DSC_ACTION_REQUEST_SUPPLEMENT, DSC_STATUTE, "supplement"},
    {DSC_ACTION_REQUEST_SUPPLEMENT, DSC_STATUTE, "on"},
    {DSC_ACTION_REQUEST_SUPPLEMENT, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_SUPPLEMENT_RECEIVED, DSC_STATUTE, "on"},
    {DSC_ACTION_FEE_PAID, DSC_STATUTE, "on"},
    {DSC_ACTION_EXTEND, DSC_INVALID, "days"},
    {DSC_ACTION_EXTEND, DSC_STATUTE, "days"},
    {DSC_ACTION_EXTEND, DSC_STATUTE, "extend"},
    {DSC_ACTION_EXTEND, DSC_CONFLICT, "hold"},
    {DSC_ACTION_EXTEND, DSC_STATUTE, "on"},
    {DSC_ACTION_EXTEND, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_FEE_NOTICE, DSC_STATUTE, "on"},
    {DSC_ACTION_FEE_NOTICE, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_CONSULT_THIRD_PARTY, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_CONSULT_AGENCY, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_CONSULT_THIRD_PARTY, DSC_STATUTE, "on"},
    {DSC_ACTION_CONSULT_AGENCY, DSC_STATUTE, "on"},
    {DSC_ACTION_REFER_SECRECY, DSC_STATUTE, "on"},
    {DSC_ACTION_CONSULT_THIRD_PARTY, DSC_INVALID, "delivered_on"},
    {DSC_ACTION_FEE_NOTICE, DSC_INVALID, "delivered_on"},
    {DSC_ACTION_DELIVERED, DSC_CONFLICT, "hold"},
    {DSC_ACTION_DELIVERED, DSC_CONFLICT, "delivered_on"},
    {DSC_ACTION_DELIVERED, DSC_CALENDAR_GAP, ""},
    {DSC_ACTION_REQUIRE_REASONS, DSC_INVALID, "reply_within"},
    {DSC_ACTION_REQUIRE_REASONS, DSC_STATUTE, "reasons"},
    {DSC_ACTION_REQUIRE_REASONS, DSC_STATUTE, "on"},
    {DSC_ACTION_REASONS_RECEIVED, DSC_STATUTE, "on"},
    {DSC_ACTION_LONGER_PERIOD, DSC_INVALID, "days"},
    {DSC_ACTION_LONGER_PERIOD, DSC_STATUTE, "days"},
    {DSC_ACTION_LONGER_PERIOD, DSC_STATUTE, "reasons"},
    {DSC_ACTION_LONGER_PERIOD, DSC_STATUTE, "longer_period"},
    {DSC_ACTION_LONGER_PERIOD, DSC_STATUTE, "on"},
};
static long refusal_seen[sizeof refusals / sizeof refusals[0]];

static void count_refusal(dsc_action_t action, dsc_err_t code,
                          const char *field) {
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
    if (refusals[i].action == action && refusals[i].code == code &&
        strcmp(refusals[i].field, field) == 0)
      refusal_seen[i]++;
}

static void compare_check(const ctx_t *x, const dsc_calendar_t *cal,
                          const dsc_clock_event_t *e, dsc_err_t *rc_out) {
  ctx_t y = *x;
  dsc_clock_t clock;
  ref_clock_t ref;
  dsc_detail_t det;
  const char *field;
  int gap = 0;
  dsc_err_t rc, want;

  /* The clock as of the event's day. */
  y.today = e->on;
  if (replay_both(&y, cal, &clock, &ref) != DSC_OK) {
    *rc_out = DSC_CALENDAR_GAP;
    return;
  }
  rc = dsc_clock_check(cal, &clock, e, &det);
  want = ref_check(&ref.c, e, &field, &gap);
  if (rc != want ||
      (rc != DSC_OK && rc != DSC_CALENDAR_GAP && strcmp(det.field, field) != 0))
    CMP_FAIL(&y, "check %s on %s days %d: engine %s %s (%s), reference %s %s",
             dsc_action_name(e->action), S(e->on), e->days, dsc_err_name(rc),
             det.field, rc != DSC_OK ? det.message : "", dsc_err_name(want),
             field);
  if (rc == DSC_CALENDAR_GAP)
    assert_gap_detail(&y, &det, gap);
  if (rc != DSC_OK && (det.message[0] == '\0' || det.message_zh[0] == '\0'))
    CMP_FAIL(&y, "check: a refusal without both messages");
  if (rc != DSC_OK)
    count_refusal(e->action, rc, field);
  *rc_out = rc;
}

/* Builds one random history in ev[0 .. *n), checking dsc_clock_check before
 * every event; returns the last event's date. */
static dsc_date_t random_history(uint64_t *s, const ctx_t *x0,
                                 const dsc_calendar_t *cal,
                                 dsc_clock_event_t *ev, size_t *n) {
  dsc_date_t lo = D("2019-01-01"), hi = D("2026-06-30");
  dsc_date_t cur = lo + rnd(s, hi - lo + 1);

  /* One in ten late in the calendar's last year, where dates run out. */
  if (rnd(s, 10) == 0)
    cur = D("2026-09-01") + rnd(s, 122);
  int steps = 1 + rnd(s, 16);
  ctx_t x = *x0;

  ev[0] = (dsc_clock_event_t){DSC_ACTION_SUBMIT, cur, 0, DSC_DATE_NONE};
  *n = 1;
  x.ev = ev;
  for (int step = 0; step < steps && *n < MAX_EVENTS; step++) {
    ref_clock_t ref;
    dsc_clock_event_t e;
    dsc_err_t rc;
    int gap;

    x.n = *n;
    if (ref_replay(ev, *n, cur, 5, &ref, &gap) != DSC_OK)
      break; /* a date beyond the calendar: nothing more to add */
    if (ref.abandoned && rnd(s, 2)) {
      /* A supervisor accepts the late supplement for a good reason. */
      ev[(*n)++] = (dsc_clock_event_t){DSC_ACTION_SUPPLEMENT_RECEIVED,
                                       cur + rnd(s, 10), 0, DSC_DATE_NONE};
      cur = ev[*n - 1].on;
      continue;
    }
    if (ref.c.closed) {
      /* Appeals and publication may follow; the clock ignores them. */
      if (rnd(s, 2))
        ev[(*n)++] = (dsc_clock_event_t){rnd(s, 2) ? DSC_ACTION_PUBLISH
                                                   : DSC_ACTION_APPEAL,
                                         cur + rnd(s, 40), 0, DSC_DATE_NONE};
      break;
    }
    e = next_event(s, &ref.c, cur);
    compare_check(&x, cal, &e, &rc);
    if (rc == DSC_CALENDAR_GAP)
      break;
    /* Refused events enter now and then anyway, as a history written
     * under another calendar would have them; replay is lenient. Only
     * windows the replay cannot take (< 1 day) stay out. */
    if ((e.action == DSC_ACTION_REQUEST_SUPPLEMENT ||
         e.action == DSC_ACTION_EXTEND ||
         e.action == DSC_ACTION_REQUIRE_REASONS ||
         e.action == DSC_ACTION_LONGER_PERIOD) &&
        e.days < 1)
      continue;
    /* Nor a delivery the machine would not have written, nor a letter
     * delivered before it was sent. */
    if (rc != DSC_OK && (e.action == DSC_ACTION_DELIVERED || rc == DSC_INVALID))
      continue;
    if (rc != DSC_OK && rnd(s, 3) != 0)
      continue;
    ev[(*n)++] = e;
    cur = dmax(cur, e.on);
  }
  return cur;
}

static void property_run(int cases, bool explain) {
  dsc_calendar_t *cal = shipped();
  uint64_t seed = dsc_test_seed();
  dsc_clock_event_t ev[MAX_EVENTS];
  int with_hold = 0, closed = 0, gaps = 0, supp = 0, paused = 0, ext = 0;

  ref_load();
  for (int iter = 0; iter < cases; iter++) {
    /* One stream per case, so a failing case replays on its own. */
    uint64_t s = seed * 1000003u + (uint64_t)iter;
    ctx_t x = {(unsigned long long)seed, iter, ev, 0, 0};
    dsc_clock_t clock;
    ref_clock_t ref;
    dsc_date_t last;
    size_t n = 0;

    last = random_history(&s, &x, cal, ev, &n);
    x.n = n;
    switch (rnd(&s, 4)) {
    case 0: /* around the open hold's lapse or the due date */
      x.today = near(&s, last, 0, 3);
      break;
    case 1:
      x.today = near(&s, last, 3, 0); /* before the last event, even */
      break;
    default:
      x.today = last + rnd(&s, 90);
      break;
    }
    if (replay_both(&x, cal, &clock, &ref) != DSC_OK) {
      gaps++;
      continue;
    }
    with_hold += clock.hold != DSC_HOLD_NONE;
    closed += clock.closed;
    supp += clock.supplement_requested;
    paused += clock.paused_workdays > 0;
    ext += clock.extended_days > 0;
    if (explain)
      check_explain(&x, cal, &ref);
  }
  /* The generator reaches every corner it is meant to. */
  fprintf(stderr,
          "%d cases: %d gaps, %d on hold, %d closed, %d supplemented, %d "
          "paused, %d extended\n",
          cases, gaps, with_hold, closed, supp, paused, ext);
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
    fprintf(stderr, "  refused %s %s %s: %ld\n",
            dsc_action_name(refusals[i].action), dsc_err_name(refusals[i].code),
            refusals[i].field, refusal_seen[i]);
    DSC_ASSERT(refusal_seen[i] > 0);
  }
  DSC_ASSERT(gaps > 0 && with_hold > cases / 20 && closed > cases / 10 &&
             supp > cases / 20 && paused > cases / 10 && ext > cases / 20);
  dsc_calendar_destroy(cal);
}

DSC_TEST(property_replay_and_check_match_reference) {
  property_run(100000, false);
}

DSC_TEST(property_explain_matches_reference) { property_run(20000, true); }

/* The reference itself agrees with the worked examples of statutes.md §4, so
 * the property tests compare against something right. */
DSC_TEST(reference_agrees_with_worked_examples) {
  static const struct {
    const char *from;
    int n;
    const char *due;
  } ex[] = {{"2024-09-27", 20, "2024-10-30"}, {"2024-09-27", 40, "2024-11-27"},
            {"2025-09-26", 7, "2025-10-13"},  {"2025-01-20", 20, "2025-02-21"},
            {"2026-02-10", 20, "2026-03-16"}, {"2023-12-29", 15, "2024-01-22"}};
  int gap = 0;

  ref_load();
  for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
    dsc_date_t d = DSC_DATE_NONE;
    DSC_ASSERT(ref_add(D(ex[i].from), ex[i].n, &d, &gap));
    ASSERT_DATE(d, ex[i].due);
  }
  DSC_ASSERT(!ref_add(D("2026-12-15"), 20, &(dsc_date_t){0}, &gap));
  DSC_ASSERT_EQ(gap, 2027);
}

/* ---- hand-counted cases -------------------------------------------------- */

DSC_TEST(plain_request_contract_example) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                            EV(ASSIGN, "2023-03-01", 0)};
  /* CONTRACT §5's show object: received 2023-03-01 (Wed), no holiday until
   * 04-05: #1–2 03-02, 03, #3–7 03-06…10, #8–12 03-13…17, #13–17 03-20…24,
   * #18–20 03-27…29 → due 2023-03-29; supplement notice by #7 = 03-10. On
   * 03-13 the working days left are (03-13, 03-29] = 12. */
  dsc_clock_t c = replay_ok(cal, ev, 2, "2023-03-13");

  ASSERT_DATE(c.received_on, "2023-03-01");
  ASSERT_DATE(c.clock_start, "2023-03-01");
  ASSERT_DATE(c.due_on, "2023-03-29");
  ASSERT_DATE(c.supplement_notice_due_on, "2023-03-10");
  DSC_ASSERT_EQ(c.extended_days, 0);
  DSC_ASSERT_EQ(c.paused_workdays, 0);
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_NONE);
  ASSERT_DATE(c.hold_since, NULL);
  ASSERT_DATE(c.hold_lapses_on, NULL);
  DSC_ASSERT(!c.supplement_requested && !c.closed && !c.lapse_due);
  DSC_ASSERT(c.workdays_left_known);
  DSC_ASSERT_EQ(c.workdays_left, 12);
  DSC_ASSERT(!c.due_soon && !c.overdue);
  DSC_ASSERT_EQ(c.on_time, -1);
  ASSERT_DATE(c.answered_on, NULL);
  ASSERT_DATE(c.closed_on, NULL);

  /* 03-22: (03-22, 03-29] = 03-23, 24, 27, 28, 29 = 5 → due soon. */
  c = replay_ok(cal, ev, 2, "2023-03-22");
  DSC_ASSERT_EQ(c.workdays_left, 5);
  DSC_ASSERT(c.due_soon && !c.overdue);
  /* 03-21: 6 left, not yet due soon with the default of 5… */
  c = replay_ok(cal, ev, 2, "2023-03-21");
  DSC_ASSERT_EQ(c.workdays_left, 6);
  DSC_ASSERT(!c.due_soon);
  /* … but due soon with 6. */
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ev, 2, D("2023-03-21"), 6, &c, NULL),
                DSC_OK);
  DSC_ASSERT(c.due_soon);
  /* On the due date: 0 left, due soon, not overdue. */
  c = replay_ok(cal, ev, 2, "2023-03-29");
  DSC_ASSERT_EQ(c.workdays_left, 0);
  DSC_ASSERT(c.due_soon && !c.overdue);
  /* The next day, a Thursday: overdue by one working day. */
  c = replay_ok(cal, ev, 2, "2023-03-30");
  DSC_ASSERT_EQ(c.workdays_left, -1);
  DSC_ASSERT(c.overdue && !c.due_soon);
  /* Saturday 04-01: still -2 (03-30, 03-31), overdue. */
  c = replay_ok(cal, ev, 2, "2023-04-01");
  DSC_ASSERT_EQ(c.workdays_left, -2);
  DSC_ASSERT(c.overdue);
  dsc_calendar_destroy(cal);
}

DSC_TEST(answered_on_time_and_late) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                            EV(ANSWER, "2023-03-29", 0),
                            EV(PUBLISH, "2023-04-20", 0)};
  /* Due 2023-03-29 (see above); answered that day: on time, closed, and the
   * fields relative to today are off even long after. */
  dsc_clock_t c = replay_ok(cal, ev, 3, "2023-06-01");

  DSC_ASSERT(c.closed);
  ASSERT_DATE(c.answered_on, "2023-03-29");
  ASSERT_DATE(c.closed_on, "2023-03-29");
  ASSERT_DATE(c.due_on, "2023-03-29");
  DSC_ASSERT_EQ(c.on_time, 1);
  DSC_ASSERT(!c.workdays_left_known && !c.overdue && !c.due_soon);
  DSC_ASSERT_EQ(c.workdays_left, 0);

  ev[1].on = D("2023-03-30");
  c = replay_ok(cal, ev, 3, "2023-06-01");
  DSC_ASSERT_EQ(c.on_time, 0);
  DSC_ASSERT(!c.overdue);

  /* Withdrawn: closed without an answer, on_time unknown. */
  ev[1] = EV(WITHDRAW, "2023-03-10", 0);
  c = replay_ok(cal, ev, 2, "2023-06-01");
  DSC_ASSERT(c.closed);
  ASSERT_DATE(c.closed_on, "2023-03-10");
  ASSERT_DATE(c.answered_on, NULL);
  ASSERT_DATE(c.due_on, "2023-03-29");
  DSC_ASSERT_EQ(c.on_time, -1);
  dsc_calendar_destroy(cal);
}

DSC_TEST(spring_festival_2025) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2025-01-20", 0)};
  /* 2025-01-20 (Mon) + 20: #1–4 01-21…24, 01-25 (Sat) off, #5 01-26 (Sun,
   * make-up), #6 01-27; 01-28…31, 02-03, 02-04 off, 02-01/02 weekend;
   * #7–10 02-05…08 (02-08 Sat make-up), #11–15 02-10…14, #16–20
   * 02-17…21 → 2025-02-21 (Fri). Notice window #7 = 02-05. */
  dsc_clock_t c = replay_ok(cal, ev, 1, "2025-01-20");

  ASSERT_DATE(c.due_on, "2025-02-21");
  ASSERT_DATE(c.supplement_notice_due_on, "2025-02-05");
  DSC_ASSERT_EQ(c.workdays_left, 20);
  /* In the middle of the holiday, 02-01: (02-01, 02-21] holds #7–20. */
  c = replay_ok(cal, ev, 1, "2025-02-01");
  DSC_ASSERT_EQ(c.workdays_left, 14);
  dsc_calendar_destroy(cal);
}

DSC_TEST(spring_festival_2026) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2026-02-10", 0)};
  /* 2026-02-10 (Tue) + 20: #1–3 02-11…13, #4 02-14 (Sat, make-up), 02-15
   * (Sun) off; 02-16…20 and 02-23 off, 02-21/22 weekend; #5–9 02-24…28
   * (02-28 Sat make-up), #10–14 03-02…06, #15–19 03-09…13, #20 03-16 →
   * 2026-03-16 (Mon). Notice: #7 = 02-26. */
  dsc_clock_t c = replay_ok(cal, ev, 1, "2026-02-10");

  ASSERT_DATE(c.due_on, "2026-03-16");
  ASSERT_DATE(c.supplement_notice_due_on, "2026-02-26");
  dsc_calendar_destroy(cal);
}

DSC_TEST(national_day_2024_with_extension) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2024-09-27", 0),
                            EV(EXTEND, "2024-10-30", 20)};
  /* 2024-09-27 (Fri) + 20: #1 09-29 (Sun, make-up), #2 09-30; 10-01…04 and
   * 10-07 off, 10-05/06 weekend; #3–7 10-08…12 (10-12 Sat make-up), #8–12
   * 10-14…18, #13–17 10-21…25, #18–20 10-28…30 → 2024-10-30 (Wed).
   * Extended by 20 on that very day: #21–22 10-31, 11-01, #23–27
   * 11-04…08, #28–32 11-11…15, #33–37 11-18…22, #38–40 11-25…27 →
   * 2024-11-27 (Wed). */
  dsc_clock_t c = replay_ok(cal, ev, 1, "2024-09-27");
  dsc_clock_explain_t ex;
  dsc_detail_t det;

  ASSERT_DATE(c.due_on, "2024-10-30");
  c = replay_ok(cal, ev, 2, "2024-10-31");
  ASSERT_DATE(c.due_on, "2024-11-27");
  DSC_ASSERT_EQ(c.extended_days, 20);
  DSC_ASSERT(!c.overdue);
  DSC_ASSERT_EQ(c.workdays_left, 19);

  /* The explanation, day by day around the holiday. */
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 2, D("2024-10-31"), &ex, &det),
                DSC_OK);
  ASSERT_DATE(ex.clock_start, "2024-09-27");
  ASSERT_DATE(ex.due_on, "2024-11-27");
  DSC_ASSERT_EQ(ex.extended_days, 20);
  DSC_ASSERT_EQ(ex.nspans, 0);
  DSC_ASSERT(ex.spans == NULL);
  DSC_ASSERT_EQ(ex.ndays, 61); /* 09-28 … 11-27 */
  {
    static const struct {
      const char *date;
      dsc_clock_day_kind_t kind;
      int ordinal;
    } want[] = {
        {"2024-09-28", DSC_CLOCK_DAY_WEEKEND, 0},
        {"2024-09-29", DSC_CLOCK_DAY_MAKEUP, 1},
        {"2024-09-30", DSC_CLOCK_DAY_COUNTED, 2},
        {"2024-10-01", DSC_CLOCK_DAY_HOLIDAY, 0},
        {"2024-10-04", DSC_CLOCK_DAY_HOLIDAY, 0},
        {"2024-10-05", DSC_CLOCK_DAY_WEEKEND, 0},
        {"2024-10-06", DSC_CLOCK_DAY_WEEKEND, 0},
        {"2024-10-07", DSC_CLOCK_DAY_HOLIDAY, 0},
        {"2024-10-08", DSC_CLOCK_DAY_COUNTED, 3},
        {"2024-10-12", DSC_CLOCK_DAY_MAKEUP, 7},
        {"2024-10-13", DSC_CLOCK_DAY_WEEKEND, 0},
        {"2024-10-30", DSC_CLOCK_DAY_COUNTED, 20},
        {"2024-10-31", DSC_CLOCK_DAY_EXTENDED, 21},
        {"2024-11-02", DSC_CLOCK_DAY_WEEKEND, 0},
        {"2024-11-27", DSC_CLOCK_DAY_EXTENDED, 40},
    };
    int counted = 0;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
      const dsc_clock_day_t *d = &ex.days[D(want[i].date) - D("2024-09-28")];
      ASSERT_DATE(d->date, want[i].date);
      DSC_ASSERT_EQ(d->kind, want[i].kind);
      DSC_ASSERT_EQ(d->ordinal, want[i].ordinal);
    }
    for (size_t i = 0; i < ex.ndays; i++)
      counted += ex.days[i].ordinal > 0;
    DSC_ASSERT_EQ(counted, 40);
  }
  dsc_clock_explain_free(&ex);
  DSC_ASSERT(ex.days == NULL && ex.ndays == 0);
  dsc_clock_explain_free(&ex); /* twice is harmless */
  dsc_clock_explain_free(NULL);
  dsc_calendar_destroy(cal);
}

DSC_TEST(spring_festival_2020_extension) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2020-01-20", 0)};
  /* 国办发明电〔2020〕1号 extended the holiday to 02-02: 01-31 (Fri) is off
   * and 02-01 (Sat) is no longer a make-up day. From 2020-01-20 (Mon):
   * #1–3 01-21…23; 01-24 off, 01-25/26 weekend, 01-27…31 off, 02-01/02
   * weekend; #4–8 02-03…07, #9–13 02-10…14, #14–18 02-17…21, #19–20
   * 02-24, 25 → due 2020-02-25 (Tue). Notice window: #7 = 02-06. Had
   * 02-01 still been worked, the due date would be 02-24 and the notice
   * 02-05. */
  dsc_clock_t c = replay_ok(cal, ev, 1, "2020-01-20");
  dsc_clock_explain_t ex;

  ASSERT_DATE(c.due_on, "2020-02-25");
  ASSERT_DATE(c.supplement_notice_due_on, "2020-02-06");
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 1, D("2020-01-20"), &ex, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(ex.ndays, 36); /* 01-21 … 02-25 */
  DSC_ASSERT_EQ(ex.days[D("2020-01-23") - D("2020-01-21")].ordinal, 3);
  DSC_ASSERT_EQ(ex.days[D("2020-01-24") - D("2020-01-21")].kind,
                DSC_CLOCK_DAY_HOLIDAY);
  DSC_ASSERT_EQ(ex.days[D("2020-01-31") - D("2020-01-21")].kind,
                DSC_CLOCK_DAY_HOLIDAY);
  DSC_ASSERT_EQ(ex.days[D("2020-02-01") - D("2020-01-21")].kind,
                DSC_CLOCK_DAY_WEEKEND);
  DSC_ASSERT_EQ(ex.days[D("2020-02-03") - D("2020-01-21")].kind,
                DSC_CLOCK_DAY_COUNTED);
  DSC_ASSERT_EQ(ex.days[D("2020-02-03") - D("2020-01-21")].ordinal, 4);
  DSC_ASSERT_EQ(ex.days[35].ordinal, 20);
  dsc_clock_explain_free(&ex);
  dsc_calendar_destroy(cal);
}

DSC_TEST(third_party_across_new_year) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {
      EV(SUBMIT, "2023-12-25", 0),
      EVD(CONSULT_THIRD_PARTY, "2023-12-29", "2023-12-29"),
      EV(LAPSE, "2024-01-22", 0)};
  /* Received 2023-12-25 (Mon): unpaused, #1–4 12-26…29, 2024-01-01 off,
   * #5–8 01-02…05, #9–13 01-08…12, #14–18 01-15…19, #19–20 01-22, 23 →
   * 2024-01-23. The third party is asked on 12-29 (Fri), day 4: its 15
   * days are 12-30/31 weekend, 01-01 off, #1–4 01-02…05, #5–9 01-08…12,
   * #10–14 01-15…19, #15 01-22 → lapses 2024-01-22 (Mon). */
  dsc_clock_t c = replay_ok(cal, ev, 2, "2024-01-10");
  dsc_clock_explain_t ex;

  DSC_ASSERT_EQ(c.hold, DSC_HOLD_THIRD_PARTY);
  ASSERT_DATE(c.hold_since, "2023-12-29");
  ASSERT_DATE(c.hold_lapses_on, "2024-01-22");
  DSC_ASSERT(!c.lapse_due && !c.workdays_left_known);
  /* Projected to 01-10: (12-29, 01-10] = 01-02…05, 08…10 = 7 paused. */
  DSC_ASSERT_EQ(c.paused_workdays, 7);
  /* On the lapse day itself not yet due; the day after it is. */
  c = replay_ok(cal, ev, 2, "2024-01-22");
  DSC_ASSERT(!c.lapse_due);
  DSC_ASSERT_EQ(c.paused_workdays, 15);
  c = replay_ok(cal, ev, 2, "2024-01-23");
  DSC_ASSERT(c.lapse_due);
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_THIRD_PARTY);
  DSC_ASSERT_EQ(c.paused_workdays, 15); /* no more than the window */

  /* The worker's lapse: the 15 paused days push 2024-01-23 on by 15
   * working days: #21–23 01-24…26, #24–28 01-29…02-02, #29 02-04 (Sun,
   * make-up), #30–34 02-05…09 (02-09 除夕 is worked), 02-10/11 weekend,
   * 02-12…16 off, 02-17 (Sat) off, #35 02-18 (Sun, make-up) →
   * 2024-02-18, a Sunday. */
  c = replay_ok(cal, ev, 3, "2024-01-23");
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_NONE);
  DSC_ASSERT(!c.lapse_due && !c.closed);
  DSC_ASSERT_EQ(c.paused_workdays, 15);
  ASSERT_DATE(c.due_on, "2024-02-18");
  DSC_ASSERT(c.workdays_left_known);
  DSC_ASSERT_EQ(c.workdays_left, 15); /* (01-23, 02-18]: #21–35 */

  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 3, D("2024-01-23"), &ex, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(ex.nspans, 1);
  DSC_ASSERT_EQ(ex.spans[0].kind, DSC_HOLD_THIRD_PARTY);
  ASSERT_DATE(ex.spans[0].from, "2023-12-29");
  ASSERT_DATE(ex.spans[0].to, "2024-01-22");
  DSC_ASSERT_EQ(ex.spans[0].workdays, 15);
  DSC_ASSERT(!ex.spans[0].open);
  {
    int k[8] = {0};
    for (size_t i = 0; i < ex.ndays; i++)
      k[ex.days[i].kind]++;
    DSC_ASSERT_EQ(k[DSC_CLOCK_DAY_PAUSED], 15);
    DSC_ASSERT_EQ(k[DSC_CLOCK_DAY_COUNTED] + k[DSC_CLOCK_DAY_MAKEUP], 20);
    DSC_ASSERT_EQ(k[DSC_CLOCK_DAY_EXTENDED], 0);
    /* The make-up Sundays 02-04 and 02-18, no other. */
    DSC_ASSERT_EQ(k[DSC_CLOCK_DAY_MAKEUP], 2);
    DSC_ASSERT_EQ(ex.days[ex.ndays - 1].kind, DSC_CLOCK_DAY_MAKEUP);
    DSC_ASSERT_EQ(ex.days[ex.ndays - 1].ordinal, 20);
    /* 2024-01-01 inside the span is a holiday, not paused. */
    DSC_ASSERT_EQ(ex.days[D("2024-01-01") - D("2023-12-26")].kind,
                  DSC_CLOCK_DAY_HOLIDAY);
    DSC_ASSERT_EQ(ex.days[D("2024-01-02") - D("2023-12-26")].kind,
                  DSC_CLOCK_DAY_PAUSED);
    DSC_ASSERT_EQ(ex.days[D("2023-12-29") - D("2023-12-26")].ordinal, 4);
    DSC_ASSERT_EQ(ex.days[D("2024-01-23") - D("2023-12-26")].ordinal, 5);
  }
  dsc_clock_explain_free(&ex);
  dsc_calendar_destroy(cal);
}

DSC_TEST(supplement_notice_window_2025) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2025-09-26", 0)};
  /* 2025-09-26 (Fri) + 7: #1 09-28 (Sun, make-up), #2–3 09-29, 30;
   * 10-01…03 and 10-06…08 off, 10-04/05 weekend; #4–6 10-09, 10, 11 (Sat,
   * make-up); #7 10-13 (Mon) → 2025-10-13. */
  dsc_clock_t c = replay_ok(cal, ev, 1, "2025-09-26");

  ASSERT_DATE(c.supplement_notice_due_on, "2025-10-13");
  dsc_calendar_destroy(cal);
}

DSC_TEST(consultation_shifts_due_by_its_working_days) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                            EVD(CONSULT_AGENCY, "2023-03-10", "2023-03-10"),
                            EV(AGENCY_REPLIED, "2023-03-15", 0)};
  /* Unpaused due 2023-03-29. The other agency is asked on 03-10 (Fri) and
   * answers 03-15 (Wed): (03-10, 03-15] holds 03-13, 14, 15 = 3 working
   * days, so due moves 3 working days on: 03-30, 03-31, 04-03 →
   * 2023-04-03 (Mon). The consultation lapses on 03-10 + 15 = 03-31. */
  dsc_clock_t c = replay_ok(cal, ev, 2, "2023-03-14");

  DSC_ASSERT_EQ(c.hold, DSC_HOLD_OTHER_AGENCY);
  ASSERT_DATE(c.hold_lapses_on, "2023-03-31");
  DSC_ASSERT_EQ(c.paused_workdays, 2); /* 03-13, 14 so far */
  ASSERT_DATE(c.due_on, "2023-03-31");
  c = replay_ok(cal, ev, 3, "2023-03-20");
  DSC_ASSERT_EQ(c.paused_workdays, 3);
  ASSERT_DATE(c.due_on, "2023-04-03");
  /* A reply dated after the lapse date ends the span on the lapse date:
   * (03-10, 03-31] = 15 working days; 03-29 + 15 = 03-30, 31, 04-03, 04,
   * (04-05 清明 off) 06, 07, 10…14, 17…20 → 2023-04-20. */
  ev[2].on = D("2023-04-10");
  c = replay_ok(cal, ev, 3, "2023-04-10");
  DSC_ASSERT_EQ(c.paused_workdays, 15);
  ASSERT_DATE(c.due_on, "2023-04-20");
  /* The same for a third party, through the worker's lapse. */
  ev[1].action = DSC_ACTION_CONSULT_THIRD_PARTY;
  ev[2] = EV(LAPSE, "2023-03-31", 0);
  c = replay_ok(cal, ev, 3, "2023-04-10");
  DSC_ASSERT_EQ(c.paused_workdays, 15);
  ASSERT_DATE(c.due_on, "2023-04-20");
  dsc_calendar_destroy(cal);
}

DSC_TEST(fee_pauses_and_lapses_into_withdrawal) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                            EVD(FEE_NOTICE, "2023-03-10", "2023-03-10"),
                            EV(FEE_PAID, "2023-03-17", 0)};
  /* Fee notice 03-10 (Fri): 20 to pay, #1–5 03-13…17, #6–10 03-20…24,
   * #11–15 03-27…31, #16–17 04-03, 04, 04-05 清明 off, #18–19 04-06, 07,
   * #20 04-10 → lapses 2023-04-10. Paid 03-17: 5 paused, due 03-29 + 5 =
   * 03-30, 31, 04-03, 04, 06 → 2023-04-06. */
  dsc_clock_t c = replay_ok(cal, ev, 2, "2023-03-10");

  DSC_ASSERT_EQ(c.hold, DSC_HOLD_FEE);
  ASSERT_DATE(c.hold_lapses_on, "2023-04-10");
  c = replay_ok(cal, ev, 3, "2023-03-17");
  DSC_ASSERT_EQ(c.paused_workdays, 5);
  ASSERT_DATE(c.due_on, "2023-04-06");
  /* Unpaid: the worker's lapse on 04-10 withdraws the request that day;
   * the span is the whole window, 20 days, and due_on stays reported. */
  ev[2] = EV(LAPSE, "2023-04-10", 0);
  c = replay_ok(cal, ev, 3, "2023-04-11");
  DSC_ASSERT(c.closed);
  ASSERT_DATE(c.closed_on, "2023-04-10");
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(c.paused_workdays, 20);
  DSC_ASSERT(!c.workdays_left_known && !c.lapse_due);
  DSC_ASSERT_EQ(c.on_time, -1);
  /* 03-29 + 20: #1–2 03-30, 31, #3–4 04-03, 04, 04-05 清明 off, #5–6
   * 04-06, 07, #7–11 04-10…14, #12–16 04-17…21, #17 04-23 (Sun, 劳动节
   * make-up), #18–20 04-24…26 → 2023-04-26. */
  ASSERT_DATE(c.due_on, "2023-04-26");
  dsc_calendar_destroy(cal);
}

DSC_TEST(supplement_restarts_the_clock) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {
      EV(SUBMIT, "2023-03-01", 0),
      EVD(CONSULT_THIRD_PARTY, "2023-03-02", "2023-03-02"),
      EV(THIRD_PARTY_REPLIED, "2023-03-03", 0), /* 1 paused day, 03-03 */
      EV(EXTEND, "2023-03-03", 5),
      EV(REQUEST_SUPPLEMENT, "2023-03-06", 15),
      EV(SUPPLEMENT_RECEIVED, "2023-03-20", 0),
  };
  /* Before the notice: due 03-29 + 5 ext + 1 paused = 6 on: 03-30, 31,
   * 04-03, 04, 06, 07 → 2023-04-07. */
  dsc_clock_t c = replay_ok(cal, ev, 4, "2023-03-03");
  dsc_clock_explain_t ex;

  DSC_ASSERT_EQ(c.paused_workdays, 1);
  ASSERT_DATE(c.due_on, "2023-04-07");
  /* The notice of 03-06 (Mon, #3 of its 7) with 15 to reply: #1–4
   * 03-07…10, #5–9 03-13…17, #10–14 03-20…24, #15 03-27 → lapses 03-27.
   * The clock stops: no start, no due date, nothing paused counts. */
  c = replay_ok(cal, ev, 5, "2023-03-08");
  DSC_ASSERT(c.supplement_requested);
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_SUPPLEMENT);
  ASSERT_DATE(c.hold_since, "2023-03-06");
  ASSERT_DATE(c.hold_lapses_on, "2023-03-27");
  ASSERT_DATE(c.clock_start, NULL);
  ASSERT_DATE(c.due_on, NULL);
  DSC_ASSERT_EQ(c.paused_workdays, 0);
  DSC_ASSERT(!c.workdays_left_known && !c.lapse_due);
  ASSERT_DATE(c.received_on, "2023-03-01");
  ASSERT_DATE(c.supplement_notice_due_on, "2023-03-10");
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 5, D("2023-03-08"), &ex, NULL),
                DSC_OK);
  DSC_ASSERT(ex.days == NULL && ex.ndays == 0);
  ASSERT_DATE(ex.due_on, NULL);
  DSC_ASSERT_EQ(ex.nspans, 1);
  DSC_ASSERT_EQ(ex.spans[0].workdays, 0); /* voided by the restart */
  dsc_clock_explain_free(&ex);

  /* The supplement comes on 03-20: the 20 days restart from it, the
   * earlier paused day no longer counts, and the extension of the old
   * period is void (Art. 30: a new period; issue 12.6). 03-20 + 20:
   * #1–4 03-21…24, #5–9 03-27…31, #10–11 04-03, 04, 04-05 清明 off,
   * #12–13 04-06, 07, #14–18 04-10…14, #19–20 04-17, 18 → 2023-04-18. */
  c = replay_ok(cal, ev, 6, "2023-03-20");
  ASSERT_DATE(c.clock_start, "2023-03-20");
  DSC_ASSERT_EQ(c.paused_workdays, 0);
  DSC_ASSERT_EQ(c.extended_days, 0);
  DSC_ASSERT_EQ(c.voided_extension_days, 5);
  ASSERT_DATE(c.voided_extension_on, "2023-03-20");
  ASSERT_DATE(c.due_on, "2023-04-18");
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(c.workdays_left, 20);

  /* A supplement after the lapse date still restarts the replayed clock on
   * its own day (replay is lenient; dsc_clock_check refuses it). */
  ev[5].on = D("2023-03-28");
  c = replay_ok(cal, ev, 6, "2023-03-28");
  ASSERT_DATE(c.clock_start, "2023-03-28");

  /* No supplement: the worker's lapse on 03-27 withdraws it that day. */
  ev[5] = EV(LAPSE, "2023-03-27", 0);
  c = replay_ok(cal, ev, 6, "2023-03-28");
  DSC_ASSERT(c.closed);
  ASSERT_DATE(c.closed_on, "2023-03-27");
  ASSERT_DATE(c.due_on, NULL);
  ASSERT_DATE(c.clock_start, NULL);
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(c.on_time, -1);
  /* Before the worker ran: still held, the lapse due. */
  c = replay_ok(cal, ev, 5, "2023-03-28");
  DSC_ASSERT(c.lapse_due && !c.closed);
  dsc_calendar_destroy(cal);
}

DSC_TEST(ignored_actions_change_nothing) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t plain[] = {EV(SUBMIT, "2024-09-27", 0)};
  dsc_clock_event_t busy[] = {
      EV(SUBMIT, "2024-09-27", 0),   EV(ASSIGN, "2024-09-27", 0),
      EV(DRAFT, "2024-10-08", 0),    EV(REVIEW, "2024-10-09", 0),
      EV(ESCALATE, "2024-10-10", 0), EV(DEADLINE_MOVED, "2024-10-10", 0),
      EV(APPEAL, "2024-10-11", 0),   EV(APPEAL_DECIDED, "2024-10-12", 0),
      EV(PUBLISH, "2024-10-12", 0),
  };
  dsc_clock_t a = replay_ok(cal, plain, 1, "2024-10-14");
  dsc_clock_t b = replay_ok(cal, busy, 9, "2024-10-14");
  ctx_t x = {0, 0, busy, 9, D("2024-10-14")};

  ASSERT_DATE(b.due_on, "2024-10-30");
  compare_clock(&x, &b, &a);
  dsc_calendar_destroy(cal);
}

DSC_TEST(calendar_gap_names_the_year) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2026-12-15", 0)};
  dsc_clock_t c;
  dsc_clock_explain_t ex = {0};
  dsc_detail_t det;

  /* 2026-12-15 + 7 = 12-24 is still in the calendar, but + 20 runs into
   * 2027, which it does not hold. */
  memset(&c, 0x5A, sizeof c);
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ev, 1, D("2026-12-15"), 0, &c, &det),
                DSC_CALENDAR_GAP);
  DSC_ASSERT_STR_EQ(det.field, "calendar");
  DSC_ASSERT_STR_EQ(det.message, "no working-day calendar for 2027");
  DSC_ASSERT(det.message_zh[0] != '\0');
  DSC_ASSERT_EQ(c.received_on, (dsc_date_t)0x5A5A5A5A); /* untouched */
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 1, D("2026-12-15"), &ex, &det),
                DSC_CALENDAR_GAP);
  DSC_ASSERT(ex.days == NULL && ex.spans == NULL);
  /* Before the calendar. */
  ev[0].on = D("2018-12-20");
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ev, 1, D("2018-12-20"), 0, &c, &det),
                DSC_CALENDAR_GAP);
  DSC_ASSERT_STR_EQ(det.message, "no working-day calendar for 2018");
  /* An open request looked at from 2027: workdays_left needs today. */
  ev[0].on = D("2026-06-01");
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ev, 1, D("2027-01-04"), 0, &c, &det),
                DSC_CALENDAR_GAP);
  DSC_ASSERT_STR_EQ(det.message, "no working-day calendar for 2027");
  /* … but a closed one does not. */
  {
    dsc_clock_event_t done[] = {EV(SUBMIT, "2026-06-01", 0),
                                EV(ANSWER, "2026-06-10", 0)};
    DSC_ASSERT_EQ(dsc_clock_replay(cal, done, 2, D("2027-01-04"), 0, &c, &det),
                  DSC_OK);
    DSC_ASSERT_EQ(c.on_time, 1);
  }
  dsc_calendar_destroy(cal);
}

DSC_TEST(misuse_and_corrupt_histories) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ok[] = {EV(SUBMIT, "2023-03-01", 0)};
  dsc_clock_t c;
  dsc_clock_explain_t ex;
  dsc_detail_t det;
  static const struct {
    dsc_clock_event_t ev[3];
    size_t n;
  } bad[] = {
      /* not beginning with submit */
      {{{DSC_ACTION_ASSIGN, 19417, 0, DSC_DATE_NONE}}, 1},
      /* dates going backwards */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_ANSWER, 19416, 0, DSC_DATE_NONE}},
       2},
      /* a reply with no consultation */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_THIRD_PARTY_REPLIED, 19418, 0, DSC_DATE_NONE}},
       2},
      /* the wrong reply */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_CONSULT_AGENCY, 19418, 0, DSC_DATE_NONE},
        {DSC_ACTION_FEE_PAID, 19419, 0, DSC_DATE_NONE}},
       3},
      /* a second hold while one is open */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_FEE_NOTICE, 19418, 0, DSC_DATE_NONE},
        {DSC_ACTION_CONSULT_AGENCY, 19419, 0, DSC_DATE_NONE}},
       3},
      /* an answer with a hold open */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_FEE_NOTICE, 19418, 0, DSC_DATE_NONE},
        {DSC_ACTION_ANSWER, 19419, 0, DSC_DATE_NONE}},
       3},
      /* a clock event after the request closed */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_WITHDRAW, 19418, 0, DSC_DATE_NONE},
        {DSC_ACTION_EXTEND, 19419, 5, DSC_DATE_NONE}},
       3},
      /* a second submit */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_SUBMIT, 19418, 0, DSC_DATE_NONE}},
       2},
      /* a lapse with nothing to lapse */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_LAPSE, 19418, 0, DSC_DATE_NONE}},
       2},
      /* a lapse before its hold began */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_CONSULT_AGENCY, 19420, 0, 19420},
        {DSC_ACTION_LAPSE, 19419, 0, DSC_DATE_NONE}},
       3},
      /* a delivery with no letter awaited */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_DELIVERED, 19418, 0, DSC_DATE_NONE}},
       2},
      /* a lapse of a consultation whose letter was never delivered */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_CONSULT_AGENCY, 19418, 0, DSC_DATE_NONE},
        {DSC_ACTION_LAPSE, 19440, 0, DSC_DATE_NONE}},
       3},
      /* no window */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION_REQUEST_SUPPLEMENT, 19418, 0, DSC_DATE_NONE}},
       2},
      /* not a date */
      {{{DSC_ACTION_SUBMIT, DSC_DATE_NONE, 0, DSC_DATE_NONE}}, 1},
      /* not an action */
      {{{DSC_ACTION_SUBMIT, 19417, 0, DSC_DATE_NONE},
        {DSC_ACTION__COUNT, 19418, 0, DSC_DATE_NONE}},
       2},
  };

  DSC_ASSERT_EQ(D("2023-03-01"), 19417);
  DSC_ASSERT_EQ(dsc_clock_replay(NULL, ok, 1, D("2023-03-01"), 0, &c, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_replay(cal, NULL, 1, D("2023-03-01"), 0, &c, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ok, 0, D("2023-03-01"), 0, &c, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ok, 1, D("2023-03-01"), 0, NULL, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_replay(cal, ok, 1, DSC_DATE_NONE, 0, &c, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ok, 1, D("2023-03-01"), NULL, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ok, 0, D("2023-03-01"), &ex, &det),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_check(NULL, &c, &ok[0], &det), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_check(cal, NULL, &ok[0], &det), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_clock_check(cal, &c, NULL, &det), DSC_MISUSE);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    dsc_err_t rc = dsc_clock_replay(cal, bad[i].ev, bad[i].n, D("2023-03-10"),
                                    0, &c, &det);
    if (rc != DSC_MISUSE)
      DSC_FAIL_("bad history %zu: %s", i, dsc_err_name(rc));
    DSC_ASSERT(det.message[0] != '\0' && det.message_zh[0] != '\0');
    DSC_ASSERT_EQ(
        dsc_clock_explain(cal, bad[i].ev, bad[i].n, D("2023-03-10"), &ex, NULL),
        DSC_MISUSE);
  }
  /* A worker's lapse dated on lapses_on may follow a later extension. */
  {
    dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                              EVD(CONSULT_AGENCY, "2023-03-10", "2023-03-10"),
                              EV(EXTEND, "2023-04-03", 10),
                              EV(LAPSE, "2023-03-31", 0)};
    c = replay_ok(cal, ev, 4, "2023-04-03");
    DSC_ASSERT_EQ(c.paused_workdays, 15);
    DSC_ASSERT_EQ(c.extended_days, 10);
  }
  dsc_calendar_destroy(cal);
}

/* ---- dsc_clock_check: every statutory refusal ---------------------------- */

/* Replays events as of ev's day and checks ev. */
static dsc_err_t check_after(const dsc_calendar_t *cal,
                             const dsc_clock_event_t *hist, size_t n,
                             dsc_clock_event_t ev, dsc_detail_t *det) {
  dsc_clock_t c;
  dsc_err_t rc = dsc_clock_replay(cal, hist, n, ev.on, 0, &c, det);
  if (rc != DSC_OK)
    DSC_FAIL_("replay before check: %s %s", dsc_err_name(rc), det->message);
  memset(det, 0, sizeof *det);
  return dsc_clock_check(cal, &c, &ev, det);
}

#define ASSERT_REFUSED(rc, det, want_code, fld)                                \
  do {                                                                         \
    DSC_ASSERT_EQ(rc, want_code);                                              \
    DSC_ASSERT_EQ((det).code, want_code);                                      \
    DSC_ASSERT_STR_EQ((det).field, fld);                                       \
    DSC_ASSERT((det).message[0] != '\0' && (det).message_zh[0] != '\0');       \
  } while (0)

#define ASSERT_MENTIONS(det, text)                                             \
  do {                                                                         \
    if (strstr((det).message, text) == NULL ||                                 \
        strstr((det).message_zh, text) == NULL)                                \
      DSC_FAIL_("\"%s\" / \"%s\" do not name %s", (det).message,               \
                (det).message_zh, text);                                       \
  } while (0)

DSC_TEST(check_supplement_notice_window) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2025-09-26", 0)};
  dsc_detail_t det;
  dsc_err_t rc;

  /* Due by 2025-10-13 (see supplement_notice_window_2025): on day 7 it is
   * allowed, on the day after refused, naming both dates. */
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-10-13", 15), &det);
  DSC_ASSERT_EQ(rc, DSC_OK);
  DSC_ASSERT_EQ(det.code, DSC_OK); /* detail untouched */
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-10-14", 15), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "on");
  ASSERT_MENTIONS(det, "2025-10-13");
  ASSERT_MENTIONS(det, "2025-09-26");
  ASSERT_MENTIONS(det, "2025-10-14");
  /* The reply window: 5 … 60 (issue 12.2: at least a working week). */
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-09-29", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "reply_within");
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-09-29", 4), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "reply_within");
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-09-29", 61), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "reply_within");
  DSC_ASSERT_EQ(
      check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-09-29", 5), &det),
      DSC_OK);
  DSC_ASSERT_EQ(
      check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-09-29", 60), &det),
      DSC_OK);
  /* An invalid window is reported before a late date. */
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2025-10-20", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "reply_within");
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_second_supplement_notice) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2023-03-01", 0),
                           EV(REQUEST_SUPPLEMENT, "2023-03-02", 5),
                           EV(SUPPLEMENT_RECEIVED, "2023-03-03", 0)};
  dsc_detail_t det;
  /* Art. 30's "一次性": still inside the 7 days (03-10), refused anyway. */
  dsc_err_t rc =
      check_after(cal, h, 3, EV(REQUEST_SUPPLEMENT, "2023-03-06", 10), &det);

  ASSERT_REFUSED(rc, det, DSC_STATUTE, "supplement");
  ASSERT_MENTIONS(det, "2023-03-01");
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_extension_rules) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2023-03-01", 0),
                           EV(EXTEND, "2023-03-20", 20)};
  dsc_detail_t det;
  dsc_err_t rc;

  /* Due 2023-03-29: on it allowed, the day after refused. */
  DSC_ASSERT_EQ(check_after(cal, h, 1, EV(EXTEND, "2023-03-29", 20), &det),
                DSC_OK);
  rc = check_after(cal, h, 1, EV(EXTEND, "2023-03-30", 20), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "on");
  ASSERT_MENTIONS(det, "2023-03-29");
  ASSERT_MENTIONS(det, "2023-03-30");
  /* 21 days: statutory; 0 days: invalid; 20 and 1: fine. */
  rc = check_after(cal, h, 1, EV(EXTEND, "2023-03-20", 21), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "days");
  rc = check_after(cal, h, 1, EV(EXTEND, "2023-03-20", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "days");
  rc = check_after(cal, h, 1, EV(EXTEND, "2023-03-20", -3), &det);
  ASSERT_REFUSED(rc, det, DSC_INVALID, "days");
  DSC_ASSERT_EQ(check_after(cal, h, 1, EV(EXTEND, "2023-03-20", 1), &det),
                DSC_OK);
  /* A second one, even of 1 day and well in time. */
  rc = check_after(cal, h, 2, EV(EXTEND, "2023-03-21", 1), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "extend");
  /* The message names the extended due date, 03-29 + 20 = 2023-04-26 (see
   * fee_pauses_and_lapses_into_withdrawal). */
  ASSERT_MENTIONS(det, "2023-04-26");
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_extension_while_supplement_awaited) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2023-03-01", 0),
                           EV(REQUEST_SUPPLEMENT, "2023-03-06", 15)};
  dsc_detail_t det;
  dsc_err_t rc = check_after(cal, h, 2, EV(EXTEND, "2023-03-08", 10), &det);

  ASSERT_REFUSED(rc, det, DSC_CONFLICT, "hold");
  ASSERT_MENTIONS(det, "2023-03-06");
  ASSERT_MENTIONS(det, "2023-03-27");
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_extension_during_consultation) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {
      EV(SUBMIT, "2023-03-01", 0),
      EVD(CONSULT_THIRD_PARTY, "2023-03-28", "2023-03-28")};
  dsc_detail_t det;
  /* Asked on 03-28, day 19: projected to 04-03 the due date has moved by
   * 03-29, 30, 31, 04-03 = 4, from #20 03-29 to #24 04-04, so 04-03 is in
   * time. */
  DSC_ASSERT_EQ(check_after(cal, h, 2, EV(EXTEND, "2023-04-03", 20), &det),
                DSC_OK);
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_supplement_and_payment_after_lapse) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t supp[] = {EV(SUBMIT, "2023-03-01", 0),
                              EV(REQUEST_SUPPLEMENT, "2023-03-06", 15)};
  dsc_clock_event_t fee[] = {EV(SUBMIT, "2023-03-01", 0),
                             EVD(FEE_NOTICE, "2023-03-10", "2023-03-10")};
  dsc_detail_t det;
  dsc_err_t rc;

  /* Supplement window lapses 2023-03-27 (see supplement_restarts_…). */
  DSC_ASSERT_EQ(
      check_after(cal, supp, 2, EV(SUPPLEMENT_RECEIVED, "2023-03-27", 0), &det),
      DSC_OK);
  rc =
      check_after(cal, supp, 2, EV(SUPPLEMENT_RECEIVED, "2023-03-28", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "on");
  ASSERT_MENTIONS(det, "2023-03-27");
  ASSERT_MENTIONS(det, "2023-03-28");
  /* Fee window lapses 2023-04-10 (see fee_pauses_…). */
  DSC_ASSERT_EQ(check_after(cal, fee, 2, EV(FEE_PAID, "2023-04-10", 0), &det),
                DSC_OK);
  rc = check_after(cal, fee, 2, EV(FEE_PAID, "2023-04-11", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "on");
  ASSERT_MENTIONS(det, "2023-04-10");
  /* A late consultation reply is not refused: the clock resumed anyway. */
  {
    dsc_clock_event_t tp[] = {
        EV(SUBMIT, "2023-03-01", 0),
        EVD(CONSULT_THIRD_PARTY, "2023-03-10", "2023-03-10")};
    DSC_ASSERT_EQ(
        check_after(cal, tp, 2, EV(THIRD_PARTY_REPLIED, "2023-04-20", 0), &det),
        DSC_OK);
  }
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_fee_notice_after_due) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2023-03-01", 0)};
  dsc_detail_t det;
  dsc_err_t rc;

  DSC_ASSERT_EQ(check_after(cal, h, 1, EV(FEE_NOTICE, "2023-03-29", 0), &det),
                DSC_OK);
  rc = check_after(cal, h, 1, EV(FEE_NOTICE, "2023-03-30", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_STATUTE, "on");
  ASSERT_MENTIONS(det, "2023-03-29");
  dsc_calendar_destroy(cal);
}

DSC_TEST(check_calendar_gap) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t h[] = {EV(SUBMIT, "2026-11-16", 0)};
  dsc_detail_t det;
  dsc_err_t rc;

  /* Received 2026-11-16 (Mon): due 2026-12-14. An extension of 20 from
   * there runs into 2027. */
  {
    dsc_clock_t c = replay_ok(cal, h, 1, "2026-11-16");
    ASSERT_DATE(c.due_on, "2026-12-14");
  }
  rc = check_after(cal, h, 1, EV(EXTEND, "2026-12-01", 20), &det);
  ASSERT_REFUSED(rc, det, DSC_CALENDAR_GAP, "calendar");
  DSC_ASSERT_STR_EQ(det.message, "no working-day calendar for 2027");
  /* 5 more stay in December: 12-15 … 12-21. */
  DSC_ASSERT_EQ(check_after(cal, h, 1, EV(EXTEND, "2026-12-01", 5), &det),
                DSC_OK);
  /* A consultation from 12-14 lapses 15 days on, in 2027. */
  rc = check_after(cal, h, 1, EV(CONSULT_AGENCY, "2026-12-14", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_CALENDAR_GAP, "calendar");
  rc = check_after(cal, h, 1, EV(CONSULT_THIRD_PARTY, "2026-12-14", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_CALENDAR_GAP, "calendar");
  rc = check_after(cal, h, 1, EV(FEE_NOTICE, "2026-12-14", 0), &det);
  ASSERT_REFUSED(rc, det, DSC_CALENDAR_GAP, "calendar");
  /* A 60-day supplement window from 11-20 does too; a 15-day one not. */
  rc = check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2026-11-20", 60), &det);
  ASSERT_REFUSED(rc, det, DSC_CALENDAR_GAP, "calendar");
  DSC_ASSERT_EQ(
      check_after(cal, h, 1, EV(REQUEST_SUPPLEMENT, "2026-11-20", 15), &det),
      DSC_OK);
  dsc_calendar_destroy(cal);
}

/* ---- allocation failures in the explanation ----------------------------- */

static long fail_countdown = -1; /* fail when it reaches 0; -1 never */

static void *failing_malloc(size_t size, void *ud) {
  (void)ud;
  if (fail_countdown == 0)
    return NULL;
  if (fail_countdown > 0)
    fail_countdown--;
  return malloc(size);
}

static void *failing_realloc(void *p, size_t size, void *ud) {
  (void)ud;
  if (fail_countdown == 0)
    return NULL;
  if (fail_countdown > 0)
    fail_countdown--;
  return realloc(p, size);
}

static void failing_free(void *p, void *ud) {
  (void)ud;
  free(p);
}

DSC_TEST(explain_survives_allocation_failure) {
  static const dsc_allocator_t a = {failing_malloc, failing_realloc,
                                    failing_free, NULL};
  dsc_calendar_t *cal;
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2023-03-01", 0),
                            EVD(CONSULT_AGENCY, "2023-03-10", "2023-03-10"),
                            EV(AGENCY_REPLIED, "2023-03-15", 0)};
  int succeeded = 0;

  DSC_ASSERT_EQ(dsc_set_allocator(&a), DSC_OK);
  cal = shipped();
  /* Fail the first, second, … allocation until the call needs no more;
   * LeakSanitizer checks nothing is left behind. */
  for (long k = 0; k < 10 && !succeeded; k++) {
    dsc_clock_explain_t ex = {.ndays = 7};
    dsc_detail_t det;
    dsc_err_t rc;

    fail_countdown = k;
    rc = dsc_clock_explain(cal, ev, 3, D("2023-03-20"), &ex, &det);
    fail_countdown = -1;
    if (rc == DSC_OK) {
      DSC_ASSERT(k >= 2); /* spans and days */
      DSC_ASSERT_EQ(ex.nspans, 1);
      DSC_ASSERT_EQ(ex.ndays, (size_t)(D("2023-04-03") - D("2023-03-01")));
      dsc_clock_explain_free(&ex);
      succeeded = 1;
    } else {
      DSC_ASSERT_EQ(rc, DSC_NOMEM);
      DSC_ASSERT_EQ(det.code, DSC_NOMEM);
      DSC_ASSERT_EQ(ex.ndays, 7); /* *out untouched */
    }
  }
  DSC_ASSERT(succeeded);
  dsc_calendar_destroy(cal);
  DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
}

/* ---- issue 12: windows from delivery, no hold after the due date, the
 * restart voids the extension ------------------------------------------- */

DSC_TEST(consultation_window_runs_from_delivery) {
  dsc_calendar_t *cal = shipped();
  /* Art. 32: 15 working days from the third party's receipt. Consulted on
   * Mon 2024-03-04, delivered Wed 03-06: #1–2 03-07, 08, #3–7 03-11…15,
   * #8–12 03-18…22, #13–15 03-25…27 → lapses 2024-03-27. */
  dsc_clock_event_t ev[] = {
      EV(SUBMIT, "2024-03-01", 0),
      EVD(CONSULT_THIRD_PARTY, "2024-03-04", "2024-03-06"),
      EV(THIRD_PARTY_REPLIED, "2024-03-26", 0)};
  dsc_clock_t c = replay_ok(cal, ev, 2, "2024-03-26");
  dsc_detail_t det;

  ASSERT_DATE(c.hold_delivered_on, "2024-03-06");
  ASSERT_DATE(c.hold_lapses_on, "2024-03-27");
  DSC_ASSERT(!c.lapse_due);
  /* The reply of 03-26 is in time; counted from the sending it would not
   * be (03-04 + 15 = 03-25). */
  DSC_ASSERT_EQ(check_after(cal, ev, 2, ev[2], &det), DSC_OK);
  c = replay_ok(cal, ev, 3, "2024-03-26");
  /* Paused: (03-04, 03-26] = 16 working days. */
  DSC_ASSERT_EQ(c.paused_workdays, 16);
  c = replay_ok(cal, ev, 2, "2024-03-28");
  DSC_ASSERT(c.lapse_due);
  dsc_calendar_destroy(cal);
}

DSC_TEST(undelivered_letter_cannot_lapse_until_delivery_recorded) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2024-03-01", 0),
                            EV(FEE_NOTICE, "2024-03-04", 0),
                            EV(DELIVERED, "2024-03-08", 0)};
  dsc_clock_t c = replay_ok(cal, ev, 2, "2024-06-28");
  dsc_detail_t det;

  /* Months later, with no delivery recorded, the window has not begun:
   * nothing lapses and the clock stays stopped. */
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_FEE);
  ASSERT_DATE(c.hold_lapses_on, NULL);
  ASSERT_DATE(c.hold_delivered_on, NULL);
  DSC_ASSERT(!c.lapse_due && !c.workdays_left_known);
  /* 109号: 20 working days from the receipt on Fri 03-08: #1–5 03-11…15,
   * #6–10 03-18…22, #11–15 03-25…29, #16–18 04-01…03, 04-04…06 清明
   * (04-07 Sun worked) #19, #20 04-08 → lapses 2024-04-08. */
  DSC_ASSERT_EQ(check_after(cal, ev, 2, ev[2], &det), DSC_OK);
  c = replay_ok(cal, ev, 3, "2024-03-08");
  ASSERT_DATE(c.hold_delivered_on, "2024-03-08");
  ASSERT_DATE(c.hold_lapses_on, "2024-04-08");
  /* Once only, and only while such a letter is awaited. */
  ASSERT_REFUSED(check_after(cal, ev, 3, EV(DELIVERED, "2024-03-11", 0), &det),
                 det, DSC_CONFLICT, "delivered_on");
  ASSERT_REFUSED(check_after(cal, ev, 1, EV(DELIVERED, "2024-03-11", 0), &det),
                 det, DSC_CONFLICT, "hold");
  /* A letter cannot arrive before it was sent. */
  ASSERT_REFUSED(check_after(cal, ev, 1,
                             EVD(CONSULT_AGENCY, "2024-03-04", "2024-03-01"),
                             &det),
                 det, DSC_INVALID, "delivered_on");
  dsc_calendar_destroy(cal);
}

DSC_TEST(referral_pauses_without_a_window) {
  dsc_calendar_t *cal = shipped();
  /* Art. 17: referred on 03-04, determined on 04-30: the clock stops for
   * all of it, and no lapse can end it. */
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2024-03-01", 0),
                            EV(REFER_SECRECY, "2024-03-04", 0),
                            EV(SECRECY_REPLIED, "2024-03-11", 0)};
  dsc_clock_t c = replay_ok(cal, ev, 2, "2024-05-31");
  DSC_ASSERT_EQ(c.hold, DSC_HOLD_SECRECY_REVIEW);
  ASSERT_DATE(c.hold_lapses_on, NULL);
  DSC_ASSERT(!c.lapse_due);
  c = replay_ok(cal, ev, 3, "2024-03-11");
  /* (03-04, 03-11] = 5 paused: due 03-29 + 5 = 04-08 (04-04…06 off, 04-07
   * worked): 04-01, 02, 03, 07, 08. */
  DSC_ASSERT_EQ(c.paused_workdays, 5);
  ASSERT_DATE(c.due_on, "2024-04-08");
  dsc_calendar_destroy(cal);
}

DSC_TEST(no_hold_opens_after_the_due_date) {
  dsc_calendar_t *cal = shipped();
  /* Received Fri 2024-03-01: due 03-29. On 04-01 no consultation, referral
   * or fee notice can stop a clock that has run out. */
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2024-03-01", 0)};
  static const dsc_action_t holds[] = {
      DSC_ACTION_CONSULT_THIRD_PARTY, DSC_ACTION_CONSULT_AGENCY,
      DSC_ACTION_FEE_NOTICE, DSC_ACTION_REFER_SECRECY,
      DSC_ACTION_REQUEST_SUPPLEMENT};
  dsc_detail_t det;

  for (size_t i = 0; i < sizeof holds / sizeof holds[0]; i++) {
    dsc_clock_event_t late = {holds[i], D("2024-04-01"), 15, DSC_DATE_NONE};
    dsc_clock_event_t last = {holds[i], D("2024-03-29"), 15, DSC_DATE_NONE};
    ASSERT_REFUSED(check_after(cal, ev, 1, late, &det), det, DSC_STATUTE, "on");
    ASSERT_MENTIONS(det, "2024-03-29");
    if (holds[i] != DSC_ACTION_REQUEST_SUPPLEMENT) /* its own 7 days */
      DSC_ASSERT_EQ(check_after(cal, ev, 1, last, &det), DSC_OK);
  }
  dsc_calendar_destroy(cal);
}

DSC_TEST(restart_voids_an_earlier_extension) {
  dsc_calendar_t *cal = shipped();
  /* The sequence: submit 2024-03-01, extended by 20 on 03-04,
   * supplement asked on 03-05 and received 03-15. The new period is 20
   * working days from 03-15 (Art. 30), without the old extension: 04-15,
   * not 05-14. */
  dsc_clock_event_t ev[] = {
      EV(SUBMIT, "2024-03-01", 0), EV(EXTEND, "2024-03-04", 20),
      EV(REQUEST_SUPPLEMENT, "2024-03-05", 15),
      EV(SUPPLEMENT_RECEIVED, "2024-03-15", 0), EV(EXTEND, "2024-03-20", 10)};
  dsc_clock_t c = replay_ok(cal, ev, 4, "2024-03-15");
  dsc_clock_explain_t ex;
  dsc_detail_t det;

  ASSERT_DATE(c.due_on, "2024-04-15");
  DSC_ASSERT_EQ(c.extended_days, 0);
  DSC_ASSERT_EQ(c.voided_extension_days, 20);
  ASSERT_DATE(c.voided_extension_on, "2024-03-15");
  DSC_ASSERT_EQ(dsc_clock_explain(cal, ev, 4, D("2024-03-15"), &ex, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(ex.voided_extension_days, 20);
  ASSERT_DATE(ex.voided_extension_on, "2024-03-15");
  dsc_clock_explain_free(&ex);
  /* The new period may have its own extension, once. */
  DSC_ASSERT_EQ(check_after(cal, ev, 4, ev[4], &det), DSC_OK);
  ASSERT_REFUSED(check_after(cal, ev, 5, EV(EXTEND, "2024-03-21", 5), &det),
                 det, DSC_STATUTE, "extend");
  dsc_calendar_destroy(cal);
}

/* A history the machine could not have written is explained in each
 * language in that language (the Chinese once carried the English). */
DSC_TEST(impossible_history_explained_in_both_languages) {
  dsc_calendar_t *cal = shipped();
  dsc_clock_event_t ev[] = {EV(SUBMIT, "2024-03-01", 0),
                            EV(SUBMIT, "2024-03-04", 0)};
  dsc_clock_t c;
  dsc_detail_t det;

  DSC_ASSERT_EQ(dsc_clock_replay(cal, ev, 2, D("2024-03-05"), 0, &c, &det),
                DSC_MISUSE);
  DSC_ASSERT_STR_EQ(det.message,
                    "event 2 (submit on 2024-03-04): a request is submitted "
                    "only once");
  DSC_ASSERT_STR_EQ(det.message_zh,
                    "第2个事件（submit，2024-03-04）：申请只能提交一次");
  dsc_calendar_destroy(cal);
}

DSC_TEST(late_supplement_reopens_and_restarts) {
  dsc_calendar_t *cal = shipped();
  /* Notice 03-04 with 15 days: lapses 03-25, withdrawn as of that day. A
   * supervisor accepts the supplement of 04-01 for a good reason (Art. 30):
   * open again, the count restarts from 04-01: #1–2 04-02, 03, (04-04…06
   * off) #3 04-07 (Sun, worked), #4–8 04-08…12, #9–13 04-15…19, #14–18
   * 04-22…26, #19 04-28 (Sun, worked), #20 04-29. */
  dsc_clock_event_t ev[] = {
      EV(SUBMIT, "2024-03-01", 0), EV(REQUEST_SUPPLEMENT, "2024-03-04", 15),
      EV(LAPSE, "2024-03-25", 0), EV(SUPPLEMENT_RECEIVED, "2024-04-01", 0)};
  dsc_clock_t c = replay_ok(cal, ev, 3, "2024-03-26");

  DSC_ASSERT(c.closed);
  ASSERT_DATE(c.closed_on, "2024-03-25");
  c = replay_ok(cal, ev, 4, "2024-04-01");
  DSC_ASSERT(!c.closed);
  ASSERT_DATE(c.closed_on, NULL);
  ASSERT_DATE(c.clock_start, "2024-04-01");
  ASSERT_DATE(c.due_on, "2024-04-29");
  dsc_calendar_destroy(cal);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(property_replay_and_check_match_reference),
    DSC_TEST_ENTRY(property_explain_matches_reference),
    DSC_TEST_ENTRY(reference_agrees_with_worked_examples),
    DSC_TEST_ENTRY(plain_request_contract_example),
    DSC_TEST_ENTRY(answered_on_time_and_late),
    DSC_TEST_ENTRY(spring_festival_2025),
    DSC_TEST_ENTRY(spring_festival_2026),
    DSC_TEST_ENTRY(national_day_2024_with_extension),
    DSC_TEST_ENTRY(spring_festival_2020_extension),
    DSC_TEST_ENTRY(third_party_across_new_year),
    DSC_TEST_ENTRY(supplement_notice_window_2025),
    DSC_TEST_ENTRY(consultation_shifts_due_by_its_working_days),
    DSC_TEST_ENTRY(fee_pauses_and_lapses_into_withdrawal),
    DSC_TEST_ENTRY(supplement_restarts_the_clock),
    DSC_TEST_ENTRY(ignored_actions_change_nothing),
    DSC_TEST_ENTRY(calendar_gap_names_the_year),
    DSC_TEST_ENTRY(misuse_and_corrupt_histories),
    DSC_TEST_ENTRY(check_supplement_notice_window),
    DSC_TEST_ENTRY(check_second_supplement_notice),
    DSC_TEST_ENTRY(check_extension_rules),
    DSC_TEST_ENTRY(check_extension_while_supplement_awaited),
    DSC_TEST_ENTRY(check_extension_during_consultation),
    DSC_TEST_ENTRY(check_supplement_and_payment_after_lapse),
    DSC_TEST_ENTRY(check_fee_notice_after_due),
    DSC_TEST_ENTRY(check_calendar_gap),
    DSC_TEST_ENTRY(explain_survives_allocation_failure),
    DSC_TEST_ENTRY(consultation_window_runs_from_delivery),
    DSC_TEST_ENTRY(undelivered_letter_cannot_lapse_until_delivery_recorded),
    DSC_TEST_ENTRY(referral_pauses_without_a_window),
    DSC_TEST_ENTRY(no_hold_opens_after_the_due_date),
    DSC_TEST_ENTRY(restart_voids_an_earlier_extension),
    DSC_TEST_ENTRY(impossible_history_explained_in_both_languages),
    DSC_TEST_ENTRY(late_supplement_reopens_and_restarts),
};
DSC_TEST_MAIN(cases)
