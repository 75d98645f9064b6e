/* tests/integration/c/annual_generate.c — a generated year for the annual
 * report's end-to-end test (annual_report.sh), on the public C API only.
 *
 *   annual_generate SEED OUTDIR [N]
 *
 * With a fixed-seed PRNG, plans N (default 400) applications received on
 * working days from 2024-01-02 to 2025-12-20, every applicant type, each on
 * a random path through the workflow — assign, supplement notices answered
 * or left to lapse, fee notices paid or left unpaid, third-party and
 * other-agency consultations answered or left silent, extensions, drafts
 * of every outcome a handler may choose (some rejected once), reviews,
 * answers in the year of receipt, the next one or never, publication,
 * withdrawal by the applicant — and appeals of the three kinds decided in
 * either year or left pending. It then drives the engine of DISCLOSE_DB
 * through every event in date order, each action dated (ctx.on =
 * ctx.today) on its own business date, and runs the deadline sweep on the
 * day after each planned lapse. Nothing is dated after 2025-12-31 and no
 * hold is left open at the end, so nothing changes when a worker later
 * runs for a date in January 2026.
 *
 * Every refusal by the engine is a bug (in this planner or in the engine):
 * the event is printed and the program exits 1. When the simulation is
 * over, the engine's list of requests is compared with the plan (state,
 * outcome, closing date) so that a wrong lapse date is caught here and not
 * blamed on the report.
 *
 * From the plan alone — never from the engine — it computes what the 2024
 * and 2025 annual reports must say (CONTRACT §9 year attribution: `new`
 * counts requests received in the year, an outcome row those answered or
 * withdrawn in it, `carried_in` those received before it and still open at
 * its start, `carried_out` those open at its end; an appeal counts under
 * its result in the year decided and as pending at the end of every year
 * it was open; fees count the fees paid in the year, fee_notices the
 * notices issued in it) and writes
 * OUTDIR/expected_2024.json and OUTDIR/expected_2025.json:
 *
 *   {"year": Y, "applications": {"columns": [7 keys], "rows": {"new":
 *    [7 numbers], "carried_in": [...], <21 outcome codes>, "handled_total",
 *    "carried_out"}}, "appeals": {KIND: {"upheld", "corrected", "other",
 *    "pending", "total"}}, "fees": {"count": N, "amount_fen": N},
 *    "fee_notices": {"count": N, "amount_fen": N}}
 *
 * One request in twenty belongs to a second agency, `district`, created
 * here: its figures must not leak into the report of `default`, and its
 * own expected reports are OUTDIR/expected_district_YEAR.json. Also
 * written: OUTDIR/requests.tsv (the plan, one request a line, for
 * debugging).
 * The plan must cover what the test claims to cover (every outcome and
 * applicant type in both years, carry-over both ways, every appeal kind
 * decided under every result and pending, fees in both years); a seed that
 * does not is refused with exit 3. Prints one summary line on success.
 * Exit 2 on usage errors.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "disclose/clock_ops.h"
#include "disclose/engine.h"
#include "disclose/intake.h"
#include "disclose/request.h"

#define FIRST_RECEIVED "2024-01-02"
#define LAST_RECEIVED "2025-12-20"
#define LAST_DAY "2025-12-31" /* nothing is dated after it */
#define WORKDAYS 640          /* working days fetched after 2023-12-31 */
#define MAX_EV 40
#define MAX_AP 3
#define COLS 7 /* six applicant types and the total */
#define ROWS 25

static const char *const CLERK = "clerk1";
static const char *const HANDLER = "handler1";
static const char *const REVIEWER = "reviewer1";
static const char *const ADMIN = "admin";

static const char *const APPEAL_KINDS[3] = {
    "reconsideration", "litigation_direct", "litigation_after_reconsideration"};
static const char *const APPEAL_RESULTS[3] = {"upheld", "corrected", "other"};
static const char *const CHANNELS[4] = {"in_person", "post", "online", "fax"};
/* The agency under test, and another one served by the same center whose
 * requests (one in 20) must not leak into the first one's report. */
static const char *const AGENCIES[2] = {"default", "district"};

typedef enum ev_kind { EV_SUBMIT, EV_ACT, EV_APPEAL, EV_DECIDE } ev_kind_t;

typedef struct ev {
  dsc_date_t on;
  ev_kind_t kind;
  dsc_action_t action; /* EV_ACT */
  const char *actor;
  dsc_action_args_t args;    /* EV_ACT; strings are literals */
  int appeal;                /* EV_APPEAL, EV_DECIDE: index in req.ap */
  const char *result;        /* EV_APPEAL (decided the same day), EV_DECIDE */
  const struct req *repeats; /* a draft of not_processed.duplicate: the
                                earlier request, whose id is known by then */
} ev_t;

typedef struct appeal {
  int kind;           /* index in APPEAL_KINDS */
  dsc_date_t filed;   /* filed on */
  dsc_date_t decided; /* DSC_DATE_NONE while pending */
  int result;         /* index in APPEAL_RESULTS, when decided */
  int64_t id;
} appeal_t;

typedef struct gen gen_t;

typedef struct req {
  gen_t *g;
  int index;
  int agency; /* index in AGENCIES */
  int type;   /* dsc_applicant_type_t: the report's column */
  int64_t id;
  dsc_date_t received;
  dsc_date_t closed;     /* answered, withdrawn or lapsed; NONE if open */
  dsc_outcome_t outcome; /* when closed */
  const char *path;      /* what the planner chose, for requests.tsv */
  dsc_date_t fee_paid;   /* NONE unless a fee was paid */
  int64_t fee_fen;
  dsc_date_t fee_noticed; /* NONE unless a fee notice was issued */
  int64_t notice_fen;
  char id_number[19]; /* the applicant's, or "" */
  appeal_t ap[MAX_AP];
  int nap;
  ev_t ev[MAX_EV];
  int nev, next;
  char submission[1024];
} req_t;

struct gen {
  uv_loop_t loop;
  dsc_engine_t *engine;
  uint64_t rng;
  dsc_date_t last_day;
  dsc_date_t wd[WORKDAYS]; /* the n-th working day after 2023-12-31 */
  int nwd;
  req_t *reqs;
  int nreq;
  dsc_date_t *sweeps; /* dates on which the deadline sweep runs */
  int nsweeps;
  int outcome_turn; /* round-robin over the drafted outcomes */
  int pending;      /* operations in flight */
  int failures;
  int listed;
  int64_t list_after; /* the last id of the page read (list pages) */
  int list_page;      /* how many that page held */
};

/* ---- small helpers ------------------------------------------------------ */

static dsc_date_t date_of(const char *s) {
  dsc_date_t d;
  if (dsc_date_parse(s, &d) != DSC_OK) {
    fprintf(stderr, "annual_generate: bad date literal %s\n", s);
    exit(1);
  }
  return d;
}

static const char *fmt(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  if (d == DSC_DATE_NONE) {
    snprintf(buf, DSC_DATE_STRLEN, "-");
    return buf;
  }
  return dsc_date_format(d, buf);
}

/* splitmix64 */
static uint64_t next_u64(gen_t *g) {
  uint64_t z = (g->rng += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int rnd(gen_t *g, int lo, int hi) {
  return lo + (int)(next_u64(g) % (uint64_t)(hi - lo + 1));
}

/* True with probability percent/100. */
static bool chance(gen_t *g, int percent) { return rnd(g, 1, 100) <= percent; }

static void fail_plan(const req_t *r, const char *what) {
  fprintf(stderr, "annual_generate: request #%d: %s\n", r->index, what);
  exit(1);
}

/* ---- the working-day calendar (fetched from the engine) ---------------- */

/* Index of the first working day strictly after d. */
static int wd_after(const gen_t *g, dsc_date_t d) {
  int lo = 0, hi = g->nwd;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (g->wd[mid] <= d)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* wd_add(d, n) of CONTRACT §7; FAR_FUTURE past the fetched working days,
 * which reach well beyond the last day anything may happen on. */
#define FAR_FUTURE (INT32_MAX / 2)
static dsc_date_t wd_add(const gen_t *g, dsc_date_t d, int n) {
  int i;
  if (n == 0 || d >= FAR_FUTURE)
    return d;
  i = wd_after(g, d) + n - 1;
  return i < g->nwd ? g->wd[i] : FAR_FUTURE;
}

static bool is_workday(const gen_t *g, dsc_date_t d) {
  int i = wd_after(g, d);
  return i > 0 && g->wd[i - 1] == d;
}

/* ---- planning ------------------------------------------------------------ */

typedef enum fate {
  FATE_ANSWER,
  FATE_WITHDRAW,
  FATE_SUPPLEMENT_LAPSE,
  FATE_FEE_LAPSE,
  FATE_STALL
} fate_t;

/* Where on its path a withdrawn or stalled request stops. */
enum {
  STOP_AFTER_ASSIGN,
  STOP_IN_FEE,
  STOP_IN_CONSULT,
  STOP_AFTER_DRAFT,
  STOP_AFTER_REVIEW,
  STOP_NEVER
};

typedef struct plan {
  gen_t *g;
  req_t *r;
  dsc_date_t cur; /* the date of the last event */
  bool fast;      /* every step on the same day */
} plan_t;

static ev_t *push(plan_t *p, dsc_date_t on, ev_kind_t kind, const char *actor) {
  req_t *r = p->r;
  ev_t *e;
  if (r->nev >= MAX_EV)
    fail_plan(r, "too many events");
  if (on < p->cur)
    fail_plan(r, "planned an event before the previous one");
  e = &r->ev[r->nev++];
  memset(e, 0, sizeof *e);
  e->on = on;
  e->kind = kind;
  e->actor = actor;
  p->cur = on;
  return e;
}

static ev_t *act(plan_t *p, dsc_date_t on, dsc_action_t action,
                 const char *actor) {
  ev_t *e = push(p, on, EV_ACT, actor);
  e->action = action;
  return e;
}

/* A fee notice's arguments: the volume method named, its pages and the
 * amount, which must be that method's quote. */
static void fee_args(ev_t *e, int pages, int64_t fen) {
  e->args.amount_fen = fen;
  e->args.pages = pages;
  e->args.fee_method = DSC_FEE_BY_VOLUME;
}

/* A later working day: `lo`..`hi` working days after the last event (0 =
 * the same day), or the same day on a fast path. */
static dsc_date_t later(plan_t *p, int lo, int hi) {
  if (p->fast)
    return p->cur;
  return wd_add(p->g, p->cur, rnd(p->g, lo, hi));
}

static void add_sweep(gen_t *g, dsc_date_t d) {
  dsc_date_t *s = realloc(g->sweeps, (size_t)(g->nsweeps + 1) * sizeof *s);
  if (s == NULL) {
    perror("annual_generate");
    exit(1);
  }
  g->sweeps = s;
  g->sweeps[g->nsweeps++] = d;
}

static void close_as(req_t *r, dsc_date_t on, dsc_outcome_t outcome) {
  r->closed = on;
  r->outcome = outcome;
}

/* The outcomes a handler may draft without a history behind them: all but
 * the two lapses' (CONTRACT §6) and "still unclear after the supplement",
 * which only a supplemented request may have (issue 12.4). */
static dsc_outcome_t draftable(int i) {
  static dsc_outcome_t list[DSC_OUTCOME__COUNT];
  static int n;
  if (n == 0)
    for (int o = DSC_OUTCOME_NONE + 1; o < DSC_OUTCOME__COUNT; o++)
      if (o != DSC_OUTCOME_OTHER_NO_SUPPLEMENT &&
          o != DSC_OUTCOME_OTHER_FEE_UNPAID &&
          o != DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR)
        list[n++] = (dsc_outcome_t)o;
  return list[i % n];
}

static int draftable_count(void) { return DSC_OUTCOME__COUNT - 1 - 3; }

/* An outcome a draft may carry without anything planned for it: not a
 * repeat (it names an earlier request) nor excessive (reasons first). */
static dsc_outcome_t plain_outcome(gen_t *g) {
  dsc_outcome_t o;
  do
    o = draftable(rnd(g, 0, draftable_count() - 1));
  while (o == DSC_OUTCOME_NOT_PROCESSED_DUPLICATE ||
         o == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE);
  return o;
}

/* Art. 36(六): an earlier application of r's applicant (a natural person
 * with an identity number, at the same agency) answered before r was
 * received, or NULL when the plan so far has none. */
static const req_t *answered_before(const gen_t *g, const req_t *r) {
  if (r->type != DSC_APPLICANT_NATURAL_PERSON)
    return NULL;
  for (int j = 0; j < r->index; j++) {
    const req_t *o = &g->reqs[j];
    if (o->agency == r->agency && o->type == r->type &&
        o->id_number[0] != '\0' && o->closed != DSC_DATE_NONE &&
        o->closed < r->received && o->outcome != DSC_OUTCOME_OTHER_OTHER &&
        o->outcome != DSC_OUTCOME_OTHER_NO_SUPPLEMENT &&
        o->outcome != DSC_OUTCOME_OTHER_FEE_UNPAID)
      return o;
  }
  return NULL;
}

/* A resident identity number with a valid GB 11643 check digit. */
static void resident_id(gen_t *g, char out[19]) {
  static const int w[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                            3, 7, 9,  10, 5, 8, 4, 2};
  static const char check[] = "10X98765432";
  int sum = 0;
  snprintf(out, 19, "110105%04d%02d%02d%03d", rnd(g, 1950, 2004), rnd(g, 1, 12),
           rnd(g, 1, 28), rnd(g, 1, 999));
  for (int i = 0; i < 17; i++)
    sum += (out[i] - '0') * w[i];
  out[17] = check[sum % 11];
  out[18] = '\0';
}

/* r's submission; with the identity number `id` when given (a repeat),
 * else one in two natural persons have one. */
static void make_submission(gen_t *g, req_t *r, const char *id) {
  static const char *const names[6] = {"申请人",         "某某贸易有限公司",
                                       "某某研究院",     "某某公益基金会",
                                       "某某律师事务所", "某某村民委员会"};
  char day[DSC_DATE_STRLEN], idpart[64] = "";
  r->id_number[0] = '\0';
  if (id != NULL)
    snprintf(r->id_number, sizeof r->id_number, "%s", id);
  else if (r->type == DSC_APPLICANT_NATURAL_PERSON && chance(g, 50))
    resident_id(g, r->id_number);
  if (r->id_number[0] != '\0')
    snprintf(idpart, sizeof idpart, ", \"id_number\": \"%s\"", r->id_number);
  snprintf(r->submission, sizeof r->submission,
           "{\"agency\": \"%s\", \"channel\": \"%s\", "
           "\"received_on\": \"%s\", \"applicant\": {\"type\": \"%s\", "
           "\"name\": \"%s%d\"%s}, "
           "\"description\": \"请公开第%d号文件及其附件\", "
           "\"form\": \"%s\"}",
           AGENCIES[r->agency], CHANNELS[rnd(g, 0, 3)],
           dsc_date_format(r->received, day),
           dsc_applicant_type_name((dsc_applicant_type_t)r->type),
           names[r->type], r->index, idpart, r->index,
           chance(g, 50) ? "paper" : "electronic");
}

static void plan_appeal(plan_t *p, int kind, dsc_date_t filed) {
  gen_t *g = p->g;
  req_t *r = p->r;
  appeal_t *a;
  ev_t *e;
  int how = rnd(g, 1, 100);
  dsc_date_t decided = DSC_DATE_NONE;

  if (r->nap >= MAX_AP || filed > g->last_day)
    return;
  a = &r->ap[r->nap];
  a->kind = kind;
  a->filed = filed;
  a->decided = DSC_DATE_NONE;
  a->result = rnd(g, 0, 2);
  if (how <= 15)
    decided = filed; /* decided the day it is recorded */
  else if (how <= 75)
    decided = wd_add(g, filed, rnd(g, 5, 250));
  e = push(p, filed, EV_APPEAL, CLERK);
  e->appeal = r->nap;
  if (decided == filed) {
    e->result = APPEAL_RESULTS[a->result];
    a->decided = decided;
  } else if (decided != DSC_DATE_NONE && decided <= g->last_day) {
    e = push(p, decided, EV_DECIDE, CLERK);
    e->appeal = r->nap;
    e->result = APPEAL_RESULTS[a->result];
    a->decided = decided;
  }
  r->nap++;
  /* Reconsideration upheld, then litigation (Art. 51). */
  if (kind == 0 && a->decided != DSC_DATE_NONE && chance(g, 40))
    plan_appeal(p, 2, wd_add(g, a->decided, rnd(g, 1, 15)));
}

/* Appeals against a closed request, or (rarely) an open one (inaction). */
static void plan_appeals(plan_t *p) {
  gen_t *g = p->g;
  req_t *r = p->r;
  if (r->closed != DSC_DATE_NONE) {
    p->cur = r->closed; /* sort_events puts them after publication */
    if (chance(g, 30))
      plan_appeal(p, rnd(g, 0, 2), wd_add(g, r->closed, rnd(g, 1, 40)));
  } else if (chance(g, 12)) {
    plan_appeal(p, 1, wd_add(g, p->cur, rnd(g, 10, 60)));
  }
}

/* Sorts the request's events by date, keeping the planned order of events
 * on one date (the post-closing ones — publication, appeals — interleave).
 */
static void sort_events(req_t *r) {
  for (int i = 1; i < r->nev; i++) {
    ev_t e = r->ev[i];
    int j = i;
    while (j > 0 && r->ev[j - 1].on > e.on) {
      r->ev[j] = r->ev[j - 1];
      j--;
    }
    r->ev[j] = e;
  }
}

/* force_fast: answered the day it was received (the year's edge days). */
static void plan_request(gen_t *g, req_t *r, dsc_date_t received,
                         bool force_fast) {
  plan_t p = {g, r, received, false};
  int roll = force_fast ? 1 : rnd(g, 1, 100), stop;
  fate_t fate = roll <= 70   ? FATE_ANSWER
                : roll <= 79 ? FATE_WITHDRAW
                : roll <= 84 ? FATE_SUPPLEMENT_LAPSE
                : roll <= 89 ? FATE_FEE_LAPSE
                             : FATE_STALL;
  dsc_date_t d, end, lapse;
  bool supplemented = false; /* a supplement asked for and received */
  dsc_outcome_t outcome;
  const req_t *repeats;
  ev_t *e;

  r->received = received;
  r->closed = r->fee_paid = r->fee_noticed = DSC_DATE_NONE;
  r->outcome = DSC_OUTCOME_NONE;
  p.fast = force_fast || chance(g, 5);
  stop = fate == FATE_WITHDRAW || fate == FATE_STALL
             ? rnd(g, STOP_AFTER_ASSIGN, STOP_AFTER_REVIEW)
             : STOP_NEVER;
  r->path = fate == FATE_ANSWER             ? "answer"
            : fate == FATE_WITHDRAW         ? "withdraw"
            : fate == FATE_SUPPLEMENT_LAPSE ? "supplement-lapse"
            : fate == FATE_FEE_LAPSE        ? "fee-lapse"
                                            : "stall";
  make_submission(g, r, NULL);
  push(&p, received, EV_SUBMIT, CLERK);

  /* assign */
  e = act(&p, later(&p, 0, 1), DSC_ACTION_ASSIGN, CLERK);
  e->args.to = HANDLER;

  /* Art. 30: one supplement notice, within 7 working days of receipt. */
  if (fate == FATE_SUPPLEMENT_LAPSE ||
      (!force_fast && fate != FATE_FEE_LAPSE && chance(g, 10))) {
    int from = p.cur == received ? 0 : 1;
    dsc_date_t notice = wd_add(g, received, p.fast ? from : rnd(g, from, 7));
    int within = (int[]){5, 10, 15, 20, 30}[rnd(g, 0, 4)];
    lapse = wd_add(g, notice, within);
    if (fate == FATE_SUPPLEMENT_LAPSE) {
      if (lapse + 1 <= g->last_day) {
        e = act(&p, notice, DSC_ACTION_REQUEST_SUPPLEMENT, HANDLER);
        e->args.note = "请补充所需信息的名称、文号或者便于查询的其他特征性描述";
        e->args.days = within;
        close_as(r, lapse, DSC_OUTCOME_OTHER_NO_SUPPLEMENT);
        add_sweep(g, lapse + 1);
        p.cur = lapse + 1;
        goto appeals;
      }
      fate = FATE_STALL; /* it could not lapse in time */
      stop = STOP_AFTER_REVIEW;
    } else {
      d = wd_add(g, notice, p.fast ? 1 : rnd(g, 1, within));
      if (d <= g->last_day) {
        e = act(&p, notice, DSC_ACTION_REQUEST_SUPPLEMENT, HANDLER);
        e->args.note = "请补正申请内容";
        e->args.days = within == 15 ? 0 : within; /* 0: the default 15 */
        act(&p, d, DSC_ACTION_SUPPLEMENT_RECEIVED, HANDLER);
        supplemented = true;
      }
    }
  }
  if (stop == STOP_AFTER_ASSIGN)
    goto stopped;

  /* 109号: a fee notice soon after the clock starts, paid or not. */
  if (fate == FATE_FEE_LAPSE || stop == STOP_IN_FEE ||
      (!force_fast && fate != FATE_SUPPLEMENT_LAPSE && chance(g, 15))) {
    dsc_date_t notice = wd_add(g, p.cur, rnd(g, 1, 5));
    /* A notice charges the 109号 tariff exactly: 31–100 pages by volume
     * (Art. 5) cost 10 yuan a page beyond the first 30. */
    int pages = rnd(g, 31, 100);
    int64_t fen = (int64_t)(pages - 30) * 10 * 100;
    lapse = wd_add(g, notice, 20);
    if (fate == FATE_FEE_LAPSE) {
      if (lapse + 1 <= g->last_day) {
        e = act(&p, notice, DSC_ACTION_FEE_NOTICE, HANDLER);
        fee_args(e, pages, fen);
        r->fee_noticed = notice;
        r->notice_fen = fen;
        close_as(r, lapse, DSC_OUTCOME_OTHER_FEE_UNPAID);
        add_sweep(g, lapse + 1);
        p.cur = lapse + 1;
        goto appeals;
      }
      fate = FATE_STALL;
      stop = STOP_AFTER_DRAFT;
    } else if (stop == STOP_IN_FEE) {
      d = wd_add(g, notice, rnd(g, 1, 19)); /* before it lapses */
      if (d <= g->last_day) {
        e = act(&p, notice, DSC_ACTION_FEE_NOTICE, HANDLER);
        fee_args(e, pages, fen);
        r->fee_noticed = notice;
        r->notice_fen = fen;
        if (fate == FATE_WITHDRAW) {
          act(&p, d, DSC_ACTION_WITHDRAW, CLERK);
          close_as(r, d, DSC_OUTCOME_OTHER_OTHER);
          goto appeals;
        }
        /* A stalled request pays and then waits. */
        act(&p, d, DSC_ACTION_FEE_PAID, HANDLER);
        r->fee_paid = d;
        r->fee_fen = fen;
      }
      goto stopped;
    } else {
      d = wd_add(g, notice, p.fast ? 1 : rnd(g, 1, 20));
      if (d <= g->last_day) {
        e = act(&p, notice, DSC_ACTION_FEE_NOTICE, HANDLER);
        fee_args(e, pages, fen);
        r->fee_noticed = notice;
        r->notice_fen = fen;
        act(&p, d, DSC_ACTION_FEE_PAID, HANDLER);
        r->fee_paid = d;
        r->fee_fen = fen;
      }
    }
  }

  /* Art. 33: one extension, well before the due date. */
  if (!force_fast && chance(g, 10)) {
    d = later(&p, 0, 2);
    if (d > g->last_day)
      goto stopped;
    e = act(&p, d, DSC_ACTION_EXTEND, ADMIN);
    e->args.days = rnd(g, 1, 20);
    e->args.reason = "需要调取档案";
  }

  /* Art. 32 / 34: a consultation, answered or left to lapse. */
  if (stop == STOP_IN_CONSULT || (!force_fast && chance(g, 12))) {
    bool agency = chance(g, 50);
    dsc_date_t start = later(&p, 0, 3);
    lapse = wd_add(g, start, 15);
    if (stop == STOP_IN_CONSULT) {
      d = wd_add(g, start, rnd(g, 1, 14));
      if (d > g->last_day)
        goto stopped;
      e = act(&p, start,
              agency ? DSC_ACTION_CONSULT_AGENCY
                     : DSC_ACTION_CONSULT_THIRD_PARTY,
              HANDLER);
      e->args.agency = agency ? "某某区财政局" : NULL;
      if (fate == FATE_WITHDRAW) {
        act(&p, d, DSC_ACTION_WITHDRAW, CLERK);
        close_as(r, d, DSC_OUTCOME_OTHER_OTHER);
        goto appeals;
      }
      act(&p, d,
          agency ? DSC_ACTION_AGENCY_REPLIED : DSC_ACTION_THIRD_PARTY_REPLIED,
          HANDLER);
      goto stopped;
    }
    if (chance(g, 30) && wd_add(g, lapse, 8) <= g->last_day) {
      /* Silence: the next action comes after the lapse date, which
       * applies the lapse first (or a sweep did). */
      e = act(&p, start,
              agency ? DSC_ACTION_CONSULT_AGENCY
                     : DSC_ACTION_CONSULT_THIRD_PARTY,
              HANDLER);
      e->args.agency = agency ? "某某区自然资源局" : NULL;
      e->args.note = "请于15个工作日内提出意见";
      p.cur = lapse;
      p.fast = false;
    } else {
      d = wd_add(g, start, p.fast ? 1 : rnd(g, 1, 15));
      if (d <= g->last_day) {
        e = act(&p, start,
                agency ? DSC_ACTION_CONSULT_AGENCY
                       : DSC_ACTION_CONSULT_THIRD_PARTY,
                HANDLER);
        e->args.agency = agency ? "某某区住房和城乡建设局" : NULL;
        act(&p, d,
            agency ? DSC_ACTION_AGENCY_REPLIED : DSC_ACTION_THIRD_PARTY_REPLIED,
            HANDLER);
      }
    }
  }

  /* draft, sometimes rejected once */
  outcome = draftable(g->outcome_turn++);
  if (supplemented && chance(g, 50))
    outcome = DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR;
  /* A repeat is the same applicant's, so it carries the earlier one's
   * identity number; without an earlier answer it is something else. */
  repeats = outcome == DSC_OUTCOME_NOT_PROCESSED_DUPLICATE
                ? answered_before(g, r)
                : NULL;
  if (outcome == DSC_OUTCOME_NOT_PROCESSED_DUPLICATE && repeats == NULL)
    outcome = plain_outcome(g);
  if (repeats != NULL)
    make_submission(g, r, repeats->id_number);
  /* Art. 35: "not processed, excessive" answers reasons asked for and
   * found unreasonable. */
  if (outcome == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE) {
    dsc_date_t ask = later(&p, 0, 2);
    if (ask > g->last_day)
      goto stopped;
    e = act(&p, ask, DSC_ACTION_REQUIRE_REASONS, ADMIN);
    e->args.note = "请说明申请的用途和理由";
    e->args.days = 10;
    d = wd_add(g, ask, p.fast ? 1 : rnd(g, 1, 10));
    if (d > g->last_day)
      goto stopped;
    act(&p, d, DSC_ACTION_REASONS_RECEIVED, HANDLER);
  }
  d = later(&p, 1, 8);
  if (d > g->last_day)
    goto stopped;
  if (!force_fast && chance(g, 10)) {
    e = act(&p, d, DSC_ACTION_DRAFT, HANDLER);
    e->args.outcome = plain_outcome(g);
    d = later(&p, 0, 2);
    if (d > g->last_day)
      goto stopped;
    e = act(&p, d, DSC_ACTION_REVIEW, REVIEWER);
    e->args.approve = false;
    e->args.comment = "答复依据不充分，请重新拟稿";
    d = later(&p, 0, 3);
    if (d > g->last_day)
      goto stopped;
  }
  e = act(&p, d, DSC_ACTION_DRAFT, HANDLER);
  e->args.outcome = outcome;
  e->repeats = repeats;
  e->args.text = "经查，现答复如下。";
  if (stop == STOP_AFTER_DRAFT)
    goto stopped;

  d = later(&p, 0, 3);
  if (d > g->last_day)
    goto stopped;
  e = act(&p, d, DSC_ACTION_REVIEW, REVIEWER);
  e->args.approve = true;
  if (stop == STOP_AFTER_REVIEW)
    goto stopped;

  /* the answer: soon, late, or never within the two years */
  d = !force_fast && chance(g, 15) ? wd_add(g, p.cur, rnd(g, 20, 150))
                                   : later(&p, 0, 3);
  if (d > g->last_day)
    goto stopped;
  e = act(&p, d, DSC_ACTION_ANSWER, CLERK);
  e->args.channel = CHANNELS[rnd(g, 0, 3)];
  close_as(r, d, outcome);
  if ((outcome == DSC_OUTCOME_DISCLOSED ||
       outcome == DSC_OUTCOME_PARTIALLY_DISCLOSED) &&
      chance(g, 50)) {
    d = later(&p, 0, 30);
    if (d <= g->last_day) {
      e = act(&p, d, DSC_ACTION_PUBLISH, CLERK);
      e->args.url = "https://www.example.gov.cn/zwgk/ysqgk/1.html";
    }
  }
  goto appeals;

stopped:
  /* Withdrawn by the applicant where the path stopped, or left open. */
  if (fate == FATE_WITHDRAW) {
    end = later(&p, 0, 10);
    if (end <= g->last_day) {
      e = act(&p, end, DSC_ACTION_WITHDRAW, CLERK);
      if (chance(g, 50))
        e->args.reason = "applicant";
      close_as(r, end, DSC_OUTCOME_OTHER_OTHER);
    }
  }

appeals:
  plan_appeals(&p);
  sort_events(r);
}

/* Received dates: uniform over the working days of the range, with the
 * year's edges forced in. */
static void plan_all(gen_t *g) {
  static const char *const edges[] = {
      "2024-01-02", "2024-12-31", "2024-12-31", "2024-12-30", "2025-01-02",
      "2025-01-02", "2025-12-19", "2025-12-18", "2024-12-27", "2025-12-01"};
  dsc_date_t first = date_of(FIRST_RECEIVED), last = date_of(LAST_RECEIVED);
  int lo = wd_after(g, first - 1), hi = wd_after(g, last) - 1;

  for (int i = 0; i < g->nreq; i++) {
    req_t *r = &g->reqs[i];
    dsc_date_t received;
    r->g = g;
    r->index = i;
    /* every applicant type, in every part of the range */
    r->type = i < 12 ? i % DSC_APPLICANT_TYPE_COUNT
                     : rnd(g, 0, DSC_APPLICANT_TYPE_COUNT - 1);
    if (i < (int)(sizeof edges / sizeof edges[0]))
      received = date_of(edges[i]);
    else
      received = g->wd[rnd(g, lo, hi)];
    if (!is_workday(g, received))
      fail_plan(r, "received on a day off");
    r->agency = i >= 12 && i % 20 == 19;
    plan_request(g, r, received, i == 1 || i == 4 || i == 6);
  }
}

/* ---- driving the engine -------------------------------------------------- */

static void wait_all(gen_t *g) {
  while (g->pending > 0)
    uv_run(&g->loop, UV_RUN_ONCE);
}

static void report_failure(gen_t *g, const char *what, dsc_result_t *res) {
  char buf[700];
  fprintf(stderr, "annual_generate: %s: %s: %s\n", what, dsc_err_name(res->err),
          dsc_detail_format(&res->detail, DSC_LANG_EN, buf, sizeof buf));
  g->failures++;
}

static void on_simple(dsc_engine_t *e, dsc_result_t *res, void *data) {
  gen_t *g = data;
  (void)e;
  g->pending--;
  if (res->err != DSC_OK)
    report_failure(g, "set-up", res);
}

/* The context of one calendar_due: which slot it fills. */
typedef struct due_slot {
  gen_t *g;
  int n;
} due_slot_t;

static void on_due(dsc_engine_t *e, dsc_result_t *res, void *data) {
  due_slot_t *s = data;
  gen_t *g = s->g;
  const cJSON *due;
  (void)e;
  g->pending--;
  if (res->err != DSC_OK) {
    report_failure(g, "calendar due", res);
    return;
  }
  due = cJSON_GetObjectItemCaseSensitive(res->json, "due_on");
  if (!cJSON_IsString(due) ||
      dsc_date_parse(due->valuestring, &g->wd[s->n - 1]) != DSC_OK) {
    fprintf(stderr, "annual_generate: calendar due gave no due_on\n");
    g->failures++;
  }
}

static void fetch_workdays(gen_t *g) {
  static due_slot_t slots[WORKDAYS];
  dsc_ctx_t ctx = {.actor = ADMIN,
                   .on = date_of("2024-01-02"),
                   .today = date_of("2024-01-02")};
  dsc_date_t from = date_of("2023-12-31");
  for (int n = 1; n <= WORKDAYS; n++) {
    slots[n - 1] = (due_slot_t){g, n};
    if (dsc_calendar_due(g->engine, &ctx, from, n, on_due, &slots[n - 1]) !=
        DSC_OK) {
      fprintf(stderr, "annual_generate: dsc_calendar_due refused\n");
      exit(1);
    }
    g->pending++;
  }
  wait_all(g);
  if (g->failures)
    exit(1);
  g->nwd = WORKDAYS;
  for (int i = 1; i < g->nwd; i++)
    if (g->wd[i] <= g->wd[i - 1]) {
      fprintf(stderr, "annual_generate: working days out of order\n");
      exit(1);
    }
}

static void add_staff(gen_t *g) {
  dsc_ctx_t ctx = {.actor = ADMIN,
                   .on = date_of("2024-01-02"),
                   .today = date_of("2024-01-02")};
  struct {
    const char *login, *name;
    unsigned roles;
  } staff[] = {{CLERK, "登记员", DSC_ROLE_CLERK},
               {HANDLER, "承办人", DSC_ROLE_HANDLER},
               {REVIEWER, "审核人", DSC_ROLE_REVIEWER}};
  if (dsc_agency_add(g->engine, &ctx, AGENCIES[1], "某区政务服务中心",
                     on_simple, g) != DSC_OK) {
    fprintf(stderr, "annual_generate: dsc_agency_add refused\n");
    exit(1);
  }
  g->pending++;
  for (size_t i = 0; i < sizeof staff / sizeof staff[0]; i++) {
    if (dsc_staff_add(g->engine, &ctx, staff[i].login, staff[i].name,
                      staff[i].roles, on_simple, g) != DSC_OK) {
      fprintf(stderr, "annual_generate: dsc_staff_add refused\n");
      exit(1);
    }
    g->pending++;
  }
  wait_all(g);
  if (g->failures)
    exit(1);
}

static const char *event_name(const ev_t *e) {
  switch (e->kind) {
  case EV_SUBMIT:
    return "submit";
  case EV_ACT:
    return dsc_action_name(e->action);
  case EV_APPEAL:
    return "appeal";
  case EV_DECIDE:
    return "appeal-decided";
  }
  return "?";
}

static void on_event(dsc_engine_t *eng, dsc_result_t *res, void *data) {
  req_t *r = data;
  gen_t *g = r->g;
  const ev_t *e = &r->ev[r->next];
  (void)eng;
  g->pending--;
  if (res->err != DSC_OK) {
    char what[160], day[DSC_DATE_STRLEN];
    snprintf(what, sizeof what,
             "request #%d (id %" PRId64 ", %s) event %d %s on %s", r->index,
             r->id, r->path, r->next + 1, event_name(e), fmt(e->on, day));
    report_failure(g, what, res);
    return;
  }
  if (e->kind == EV_SUBMIT)
    r->id = res->id;
  if (e->kind == EV_APPEAL) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(res->json, "id");
    r->ap[e->appeal].id = cJSON_IsNumber(id) ? (int64_t)id->valuedouble : 0;
    if (r->ap[e->appeal].id <= 0) {
      fprintf(stderr, "annual_generate: appeal without an id\n");
      g->failures++;
    }
  }
  r->next++;
}

static void start_event(gen_t *g, req_t *r) {
  const ev_t *e = &r->ev[r->next];
  dsc_ctx_t ctx = {.actor = e->actor, .on = e->on, .today = e->on};
  dsc_err_t err = DSC_MISUSE;

  switch (e->kind) {
  case EV_SUBMIT:
    err = dsc_request_submit(g->engine, &ctx, r->submission,
                             strlen(r->submission), on_event, r);
    break;
  case EV_ACT: {
    /* Letters reach the other side the day they are sent, so that their
     * windows (Art. 32, 34, 109号: from the receipt) end where the plan
     * expects; the engine copies the string. */
    dsc_action_args_t args = e->args;
    char delivered[DSC_DATE_STRLEN];
    if (e->action == DSC_ACTION_CONSULT_AGENCY ||
        e->action == DSC_ACTION_CONSULT_THIRD_PARTY ||
        e->action == DSC_ACTION_FEE_NOTICE)
      args.delivered_on = dsc_date_format(e->on, delivered);
    if (e->repeats != NULL)
      args.duplicate_of = e->repeats->id;
    err =
        dsc_request_act(g->engine, &ctx, r->id, e->action, &args, on_event, r);
    break;
  }
  case EV_APPEAL:
    err = dsc_appeal_file(g->engine, &ctx, r->id,
                          APPEAL_KINDS[r->ap[e->appeal].kind], e->result,
                          on_event, r);
    break;
  case EV_DECIDE:
    err = dsc_appeal_decide(g->engine, &ctx, r->ap[e->appeal].id, e->result,
                            on_event, r);
    break;
  }
  if (err != DSC_OK) {
    fprintf(stderr, "annual_generate: request #%d: %s not queued: %s\n",
            r->index, event_name(e), dsc_err_name(err));
    exit(1);
  }
  g->pending++;
}

static void on_swept(dsc_engine_t *e, dsc_result_t *res, void *data) {
  gen_t *g = data;
  (void)e;
  g->pending--;
  if (res->err != DSC_OK)
    report_failure(g, "deadline sweep", res);
}

static int cmp_date(const void *a, const void *b) {
  dsc_date_t x = *(const dsc_date_t *)a, y = *(const dsc_date_t *)b;
  return x < y ? -1 : x > y;
}

/* Every event in date order: on each date the sweep first (when one is
 * due), then rounds, each starting the next event of every request that
 * has one that day, all of a round in flight together. */
static void simulate(gen_t *g) {
  int ndates = g->nsweeps, k = 0;
  dsc_date_t *dates;

  for (int i = 0; i < g->nreq; i++)
    ndates += g->reqs[i].nev;
  dates = malloc((size_t)ndates * sizeof *dates);
  if (dates == NULL) {
    perror("annual_generate");
    exit(1);
  }
  for (int i = 0; i < g->nsweeps; i++)
    dates[k++] = g->sweeps[i];
  for (int i = 0; i < g->nreq; i++)
    for (int j = 0; j < g->reqs[i].nev; j++)
      dates[k++] = g->reqs[i].ev[j].on;
  qsort(dates, (size_t)ndates, sizeof *dates, cmp_date);
  qsort(g->sweeps, (size_t)g->nsweeps, sizeof *g->sweeps, cmp_date);

  for (int i = 0; i < ndates; i++) {
    dsc_date_t day = dates[i];
    if (i > 0 && day == dates[i - 1])
      continue;
    if (bsearch(&day, g->sweeps, (size_t)g->nsweeps, sizeof *g->sweeps,
                cmp_date) != NULL) {
      dsc_ctx_t ctx = {.actor = "system", .on = day, .today = day};
      if (dsc_deadline_sweep(g->engine, &ctx, on_swept, g) != DSC_OK) {
        fprintf(stderr, "annual_generate: sweep not queued\n");
        exit(1);
      }
      g->pending++;
      wait_all(g);
    }
    for (;;) {
      int started = 0;
      for (int j = 0; j < g->nreq && !g->failures; j++) {
        req_t *r = &g->reqs[j];
        if (r->next < r->nev && r->ev[r->next].on < day) {
          fprintf(stderr, "annual_generate: request #%d left behind\n", j);
          exit(1);
        }
        if (r->next < r->nev && r->ev[r->next].on == day) {
          start_event(g, r);
          started++;
        }
      }
      wait_all(g);
      if (g->failures)
        exit(1);
      if (started == 0)
        break;
    }
  }
  free(dates);
}

/* ---- checking the plan against the engine's list ---------------------- */

static bool is_closed_state(const char *state) {
  return strcmp(state, "answered") == 0 || strcmp(state, "published") == 0 ||
         strcmp(state, "withdrawn") == 0;
}

static void on_list(dsc_engine_t *e, dsc_result_t *res, void *data) {
  gen_t *g = data;
  const cJSON *item;
  (void)e;
  g->pending--;
  if (res->err != DSC_OK) {
    report_failure(g, "list", res);
    return;
  }
  g->list_page = cJSON_GetArraySize(res->json);
  cJSON_ArrayForEach(item, res->json) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "id");
    if (cJSON_IsNumber(id) && (int64_t)id->valuedouble > g->list_after)
      g->list_after = (int64_t)id->valuedouble;
    const char *state =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "state"));
    const char *outcome =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "outcome"));
    const char *closed = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(item, "closed_on"));
    const char *received = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(item, "received_on"));
    const char *agency =
        cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "agency"));
    const char *type = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(item, "applicant"), "type"));
    req_t *r = NULL;
    char want_closed[DSC_DATE_STRLEN], want_received[DSC_DATE_STRLEN];
    bool ok;

    for (int i = 0; i < g->nreq && cJSON_IsNumber(id); i++)
      if (g->reqs[i].id == (int64_t)id->valuedouble)
        r = &g->reqs[i];
    if (r == NULL || state == NULL || received == NULL || type == NULL ||
        agency == NULL) {
      fprintf(stderr, "annual_generate: the list holds a request not "
                      "planned, or one without state, received_on or type\n");
      g->failures++;
      continue;
    }
    g->listed++;
    fmt(r->closed, want_closed);
    fmt(r->received, want_received);
    ok = strcmp(received, want_received) == 0 &&
         strcmp(agency, AGENCIES[r->agency]) == 0 &&
         strcmp(type, dsc_applicant_type_name((dsc_applicant_type_t)r->type)) ==
             0;
    if (r->closed == DSC_DATE_NONE)
      ok = ok && !is_closed_state(state) && closed == NULL;
    else
      ok = ok && is_closed_state(state) && closed != NULL &&
           strcmp(closed, want_closed) == 0 && outcome != NULL &&
           strcmp(outcome, dsc_outcome_code(r->outcome)) == 0;
    if (!ok) {
      fprintf(stderr,
              "annual_generate: request #%d (id %" PRId64 ", %s): planned "
              "received %s %s closed %s outcome %s; the engine has received "
              "%s %s state %s closed %s outcome %s\n",
              r->index, r->id, r->path, want_received,
              dsc_applicant_type_name((dsc_applicant_type_t)r->type),
              want_closed,
              r->closed == DSC_DATE_NONE ? "-" : dsc_outcome_code(r->outcome),
              received, type, state, closed ? closed : "-",
              outcome ? outcome : "-");
      g->failures++;
    }
  }
}

#define LIST_PAGE 150

static void check_list(gen_t *g) {
  dsc_ctx_t ctx = {.actor = ADMIN, .on = g->last_day, .today = g->last_day};
  dsc_list_filter_t filter;
  memset(&filter, 0, sizeof filter);
  /* Page by page, each after the last id of the one before, until a page is
   * not full: pages of 150, so that the 400 requests take three. */
  filter.limit = LIST_PAGE;
  g->list_after = 0;
  do {
    filter.after = g->list_after;
    if (dsc_request_list(g->engine, &ctx, &filter, on_list, g) != DSC_OK) {
      fprintf(stderr, "annual_generate: list not queued\n");
      exit(1);
    }
    g->pending++;
    wait_all(g);
  } while (g->failures == 0 && g->list_page == LIST_PAGE);
  if (g->failures == 0 && g->listed != g->nreq) {
    fprintf(stderr,
            "annual_generate: the engine lists %d requests, %d "
            "were planned\n",
            g->listed, g->nreq);
    g->failures++;
  }
  if (g->failures)
    exit(1);
}

/* ---- the expected report --------------------------------------------------
 */

typedef struct expected {
  int64_t cells[ROWS][COLS];
  int64_t appeals[3][5];
  int64_t fee_count, fee_fen;
  int64_t notice_count, notice_fen;
} expected_t;

/* Section 三's rows: new, carried_in, the 21 outcomes, handled_total,
 * carried_out. */
static const char *row_key(int row) {
  if (row == 0)
    return "new";
  if (row == 1)
    return "carried_in";
  if (row == ROWS - 2)
    return "handled_total";
  if (row == ROWS - 1)
    return "carried_out";
  return dsc_outcome_code((dsc_outcome_t)(row - 1));
}

static void compute(const gen_t *g, int agency, int year, expected_t *x) {
  dsc_date_t first = dsc_date_from_ymd(year, 1, 1);
  dsc_date_t last = dsc_date_from_ymd(year, 12, 31);

  memset(x, 0, sizeof *x);
  for (int i = 0; i < g->nreq; i++) {
    const req_t *r = &g->reqs[i];
    int t = r->type;
    if (r->agency != agency)
      continue;
    bool open_at_start = r->closed == DSC_DATE_NONE || r->closed >= first;
    bool open_at_end = r->closed == DSC_DATE_NONE || r->closed > last;
    if (r->received >= first && r->received <= last)
      x->cells[0][t]++;
    if (r->received < first && open_at_start)
      x->cells[1][t]++;
    if (r->closed != DSC_DATE_NONE && r->closed >= first && r->closed <= last) {
      x->cells[1 + (int)r->outcome][t]++;
      x->cells[ROWS - 2][t]++;
    }
    if (r->received <= last && open_at_end)
      x->cells[ROWS - 1][t]++;
    if (r->fee_paid != DSC_DATE_NONE && r->fee_paid >= first &&
        r->fee_paid <= last) {
      x->fee_count++;
      x->fee_fen += r->fee_fen;
    }
    if (r->fee_noticed != DSC_DATE_NONE && r->fee_noticed >= first &&
        r->fee_noticed <= last) {
      x->notice_count++;
      x->notice_fen += r->notice_fen;
    }
    for (int k = 0; k < r->nap; k++) {
      const appeal_t *a = &r->ap[k];
      if (a->decided != DSC_DATE_NONE && a->decided >= first &&
          a->decided <= last)
        x->appeals[a->kind][a->result]++;
      if (a->filed <= last &&
          (a->decided == DSC_DATE_NONE || a->decided > last))
        x->appeals[a->kind][3]++;
    }
  }
  for (int row = 0; row < ROWS; row++)
    for (int c = 0; c < COLS - 1; c++)
      x->cells[row][COLS - 1] += x->cells[row][c];
  for (int k = 0; k < 3; k++)
    x->appeals[k][4] = x->appeals[k][0] + x->appeals[k][1] + x->appeals[k][2] +
                       x->appeals[k][3];
}

static void write_expected(const char *dir, int agency, int year,
                           const expected_t *x) {
  static const char *const cols[COLS] = {
      "natural_person", "commercial", "research", "public_interest",
      "legal_services", "other_org",  "total"};
  static const char *const appeal_cols[5] = {"upheld", "corrected", "other",
                                             "pending", "total"};
  cJSON *o = cJSON_CreateObject(), *apps, *rows, *appeals, *fees, *columns;
  char path[4096], *text;
  FILE *f;

  cJSON_AddNumberToObject(o, "year", year);
  cJSON_AddStringToObject(o, "agency", AGENCIES[agency]);
  apps = cJSON_AddObjectToObject(o, "applications");
  columns = cJSON_AddArrayToObject(apps, "columns");
  for (int c = 0; c < COLS; c++)
    cJSON_AddItemToArray(columns, cJSON_CreateString(cols[c]));
  rows = cJSON_AddObjectToObject(apps, "rows");
  for (int row = 0; row < ROWS; row++) {
    cJSON *a = cJSON_AddArrayToObject(rows, row_key(row));
    for (int c = 0; c < COLS; c++)
      cJSON_AddItemToArray(a, cJSON_CreateNumber((double)x->cells[row][c]));
  }
  appeals = cJSON_AddObjectToObject(o, "appeals");
  for (int k = 0; k < 3; k++) {
    cJSON *a = cJSON_AddObjectToObject(appeals, APPEAL_KINDS[k]);
    for (int c = 0; c < 5; c++)
      cJSON_AddNumberToObject(a, appeal_cols[c], (double)x->appeals[k][c]);
  }
  fees = cJSON_AddObjectToObject(o, "fees");
  cJSON_AddNumberToObject(fees, "count", (double)x->fee_count);
  cJSON_AddNumberToObject(fees, "amount_fen", (double)x->fee_fen);
  fees = cJSON_AddObjectToObject(o, "fee_notices");
  cJSON_AddNumberToObject(fees, "count", (double)x->notice_count);
  cJSON_AddNumberToObject(fees, "amount_fen", (double)x->notice_fen);

  text = cJSON_Print(o);
  if (agency == 0)
    snprintf(path, sizeof path, "%s/expected_%d.json", dir, year);
  else
    snprintf(path, sizeof path, "%s/expected_%s_%d.json", dir, AGENCIES[agency],
             year);
  f = fopen(path, "w");
  if (text == NULL || f == NULL || fprintf(f, "%s\n", text) < 0 ||
      fclose(f) != 0) {
    perror(path);
    exit(1);
  }
  cJSON_free(text);
  cJSON_Delete(o);
}

static void write_plan(const gen_t *g, const char *dir) {
  char path[4096], a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN], c[DSC_DATE_STRLEN];
  FILE *f;
  snprintf(path, sizeof path, "%s/requests.tsv", dir);
  f = fopen(path, "w");
  if (f == NULL) {
    perror(path);
    exit(1);
  }
  fprintf(f,
          "index\tid\tagency\tpath\ttype\treceived\tclosed\toutcome\tfee_paid\t"
          "fee_fen\tappeals\n");
  for (int i = 0; i < g->nreq; i++) {
    const req_t *r = &g->reqs[i];
    fprintf(f, "%d\t%" PRId64 "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%" PRId64 "\t", i,
            r->id, AGENCIES[r->agency], r->path,
            dsc_applicant_type_name((dsc_applicant_type_t)r->type),
            fmt(r->received, a), fmt(r->closed, b),
            r->closed == DSC_DATE_NONE ? "-" : dsc_outcome_code(r->outcome),
            fmt(r->fee_paid, c), r->fee_fen);
    for (int k = 0; k < r->nap; k++)
      fprintf(f, "%s%s:%s..%s:%s", k ? "," : "", APPEAL_KINDS[r->ap[k].kind],
              fmt(r->ap[k].filed, a), fmt(r->ap[k].decided, b),
              r->ap[k].decided == DSC_DATE_NONE
                  ? "pending"
                  : APPEAL_RESULTS[r->ap[k].result]);
    fputc('\n', f);
  }
  if (fclose(f) != 0) {
    perror(path);
    exit(1);
  }
}

/* The generated data must exercise what the test claims it does. */
static bool covers(const expected_t x[2]) {
  bool ok = true;
  for (int y = 0; y < 2; y++) {
    for (int row = 2; row < ROWS - 2; row++)
      if (x[y].cells[row][COLS - 1] == 0) {
        fprintf(stderr, "annual_generate: no %s in %d\n", row_key(row),
                2024 + y);
        ok = false;
      }
    for (int c = 0; c < COLS - 1; c++)
      if (x[y].cells[0][c] == 0 || x[y].cells[ROWS - 1][c] == 0) {
        fprintf(stderr,
                "annual_generate: column %d empty in new or "
                "carried_out of %d\n",
                c, 2024 + y);
        ok = false;
      }
    if (x[y].fee_count == 0) {
      fprintf(stderr, "annual_generate: no fee paid in %d\n", 2024 + y);
      ok = false;
    }
  }
  if (x[1].cells[1][COLS - 1] == 0) {
    fprintf(stderr, "annual_generate: nothing carried into 2025\n");
    ok = false;
  }
  for (int k = 0; k < 3; k++)
    for (int c = 0; c < 4; c++)
      if (x[0].appeals[k][c] + x[1].appeals[k][c] == 0) {
        fprintf(stderr, "annual_generate: no %s appeal in column %d\n",
                APPEAL_KINDS[k], c);
        ok = false;
      }
  return ok;
}

/* ---- main ------------------------------------------------------------------
 */

static int usage(void) {
  fprintf(stderr, "usage: annual_generate SEED OUTDIR [N]\n");
  return 2;
}

int main(int argc, char **argv) {
  static gen_t g;
  const char *conninfo = getenv("DISCLOSE_DB");
  dsc_engine_options_t opts;
  expected_t x[2];
  char *end;
  int appeals = 0, fees = 0;

  if (argc < 3 || argc > 4)
    return usage();
  g.rng = strtoull(argv[1], &end, 10);
  if (*argv[1] == '\0' || *end != '\0')
    return usage();
  g.nreq = 400;
  if (argc == 4) {
    long n = strtol(argv[3], &end, 10);
    if (*end != '\0' || n < 12 || n > 5000)
      return usage();
    g.nreq = (int)n;
  }
  if (conninfo == NULL || *conninfo == '\0') {
    fprintf(stderr, "annual_generate: DISCLOSE_DB is not set\n");
    return 2;
  }
  g.last_day = date_of(LAST_DAY);
  g.reqs = calloc((size_t)g.nreq, sizeof *g.reqs);
  if (g.reqs == NULL) {
    perror("annual_generate");
    return 1;
  }

  memset(&opts, 0, sizeof opts);
  opts.conninfo = conninfo;
  opts.fail_fast = true;
  if (uv_loop_init(&g.loop) != 0 ||
      dsc_engine_create(&g.loop, &opts, &g.engine) != DSC_OK) {
    fprintf(stderr, "annual_generate: cannot create the engine\n");
    return 1;
  }

  fetch_workdays(&g);
  plan_all(&g);
  compute(&g, 0, 2024, &x[0]);
  compute(&g, 0, 2025, &x[1]);
  if (!covers(x)) {
    fprintf(stderr,
            "annual_generate: seed %s does not cover the cases the "
            "test needs; choose another\n",
            argv[1]);
    return 3;
  }
  add_staff(&g);
  simulate(&g);
  check_list(&g);

  write_plan(&g, argv[2]);
  write_expected(argv[2], 0, 2024, &x[0]);
  write_expected(argv[2], 0, 2025, &x[1]);
  compute(&g, 1, 2024, &x[0]);
  write_expected(argv[2], 1, 2024, &x[0]);
  compute(&g, 1, 2025, &x[1]);
  write_expected(argv[2], 1, 2025, &x[1]);

  dsc_engine_close(g.engine, NULL, NULL);
  uv_run(&g.loop, UV_RUN_DEFAULT);
  if (uv_loop_close(&g.loop) != 0) {
    fprintf(stderr, "annual_generate: the loop did not wind down\n");
    return 1;
  }
  for (int i = 0; i < g.nreq; i++) {
    appeals += g.reqs[i].nap;
    fees += g.reqs[i].fee_paid != DSC_DATE_NONE;
  }
  printf("requests %d appeals %d fees_paid %d sweeps %d\n", g.nreq, appeals,
         fees, g.nsweeps);
  free(g.reqs);
  free(g.sweeps);
  return 0;
}
