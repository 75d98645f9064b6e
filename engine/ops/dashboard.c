/* The supervisors' dashboard (CONTRACT §9): counts that the database keeps
 * per state, hold, assignee and due date as requests change (migration
 * 0008), working days from the calendar in C. Nothing is read row by row
 * except the overdue list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/stats.h"
#include "engine_int.h"

#define MAX_ASSIGNEES 1024
#define NET_DAYS_MAX 400 /* histogram bound for the median; more is clipped */

typedef struct assignee {
  char login[65];
  char name[201];
  long open, due_soon, overdue;
} assignee_t;

typedef struct dash_state {
  int due_soon_days;
  bool actor_found;
  long by_state[DSC_STATE__COUNT];
  long on_hold[DSC_HOLD__COUNT];
  long open;
  long buckets[7]; /* overdue, 0-2, 3-5, 6-10, 11-20, more, unknown */
  long due_soon, overdue;
  assignee_t *assignees;
  int nassignees;
  cJSON *overdue_ids, *overdue_list;
  cJSON *undelivered; /* letters sent, their receipt not recorded */
  long answered, on_time, on_time_known;
  long net_days[NET_DAYS_MAX + 1];
  long net_known;
  dsc_err_t err;
  dsc_detail_t detail;
} dash_state_t;

static void free_dash_state(void *p) {
  dash_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->assignees);
  cJSON_Delete(st->overdue_ids);
  cJSON_Delete(st->overdue_list);
  cJSON_Delete(st->undelivered);
  dsc__free(st);
}

static assignee_t *find_assignee(dash_state_t *st, const char *login) {
  for (int i = 0; i < st->nassignees; i++)
    if (strcmp(st->assignees[i].login, login) == 0)
      return &st->assignees[i];
  if (st->nassignees == MAX_ASSIGNEES)
    return NULL;
  snprintf(st->assignees[st->nassignees].login, 65, "%s", login);
  return &st->assignees[st->nassignees++];
}

static void on_actor(void *arg, const PGresult *res) {
  dash_state_t *st = ((dsc__op_t *)arg)->state;
  st->actor_found = PQntuples(res) == 1;
}

/* state, hold, assignee, count, the assignee's name */
static void on_states(void *arg, const PGresult *res) {
  dash_state_t *st = ((dsc__op_t *)arg)->state;
  for (int i = 0; i < PQntuples(res); i++) {
    dsc_state_t s;
    dsc_hold_t h = DSC_HOLD_NONE;
    const char *hold = dsc__cell(res, i, 1), *login = dsc__cell(res, i, 2);
    long n = (long)dsc__cell_int(res, i, 3);
    if (dsc_state_parse(dsc__cell(res, i, 0), &s) != DSC_OK)
      continue;
    if (hold && dsc_hold_parse(hold, &h) != DSC_OK)
      continue;
    st->by_state[s] += n;
    st->on_hold[h] += n;
    st->open += n;
    if (login) {
      assignee_t *a = find_assignee(st, login);
      if (a) {
        a->open += n;
        if (dsc__cell(res, i, 4))
          snprintf(a->name, sizeof a->name, "%s", dsc__cell(res, i, 4));
      }
    }
  }
}

/* due_on, assignee, count — open requests not on hold */
static void on_due(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  dash_state_t *st = op->state;
  const dsc_calendar_t *cal = op->engine->calendar;

  for (int i = 0; i < PQntuples(res); i++) {
    dsc_date_t due = dsc__cell_date(res, i, 0);
    const char *login = dsc__cell(res, i, 1);
    long n = (long)dsc__cell_int(res, i, 2);
    assignee_t *a = login ? find_assignee(st, login) : NULL;
    int left, b;
    if (due == DSC_DATE_NONE ||
        dsc_calendar_workdays_between(cal, op->today, due, &left, NULL) !=
            DSC_OK) {
      st->buckets[6] += n;
      continue;
    }
    if (op->today > due) {
      b = 0;
      st->overdue += n;
      if (a)
        a->overdue += n;
    } else {
      b = left <= 2 ? 1 : left <= 5 ? 2 : left <= 10 ? 3 : left <= 20 ? 4 : 5;
      if (left <= st->due_soon_days) {
        st->due_soon += n;
        if (a)
          a->due_soon += n;
      }
    }
    st->buckets[b] += n;
  }
}

/* id, assignee, due_on, the assignee's name — the overdue requests, most
 * overdue first */
static void on_undelivered(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  dash_state_t *st = op->state;

  st->undelivered = cJSON_CreateArray();
  for (int i = 0; st->undelivered && i < PQntuples(res); i++) {
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
      continue;
    cJSON_AddNumberToObject(o, "id", (double)dsc__cell_int(res, i, 0));
    cJSON_AddStringToObject(o, "hold", dsc__cell(res, i, 1));
    cJSON_AddStringToObject(o, "since", dsc__cell(res, i, 2));
    if (dsc__cell(res, i, 3))
      cJSON_AddStringToObject(o, "assignee", dsc__cell(res, i, 3));
    else
      cJSON_AddNullToObject(o, "assignee");
    cJSON_AddItemToArray(st->undelivered, o);
  }
}

static void on_overdue(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  dash_state_t *st = op->state;
  char buf[DSC_DATE_STRLEN];

  st->overdue_ids = cJSON_CreateArray();
  st->overdue_list = cJSON_CreateArray();
  if (st->overdue_ids == NULL || st->overdue_list == NULL)
    return;
  for (int i = 0; i < PQntuples(res); i++) {
    int64_t id = dsc__cell_int(res, i, 0);
    dsc_date_t due = dsc__cell_date(res, i, 2);
    int late = 0;
    cJSON_AddItemToArray(st->overdue_ids, cJSON_CreateNumber((double)id));
    if (i >= 50)
      continue;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
      continue;
    if (dsc_calendar_workdays_between(op->engine->calendar, due, op->today,
                                      &late, NULL) != DSC_OK)
      late = 0;
    cJSON_AddNumberToObject(o, "id", (double)id);
    if (dsc__cell(res, i, 1))
      cJSON_AddStringToObject(o, "assignee", dsc__cell(res, i, 1));
    else
      cJSON_AddNullToObject(o, "assignee");
    if (dsc__cell(res, i, 3))
      cJSON_AddStringToObject(o, "assignee_name", dsc__cell(res, i, 3));
    else
      cJSON_AddNullToObject(o, "assignee_name");
    cJSON_AddStringToObject(o, "due_on", dsc_date_format(due, buf));
    cJSON_AddNumberToObject(o, "workdays_overdue", late);
    cJSON_AddItemToArray(st->overdue_list, o);
  }
}

/* clock_start, answered_on, paused_workdays, on_time (null unknown), count
 * — requests answered this year */
static void on_answered(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  dash_state_t *st = op->state;

  for (int i = 0; i < PQntuples(res); i++) {
    dsc_date_t start = dsc__cell_date(res, i, 0);
    dsc_date_t answered = dsc__cell_date(res, i, 1);
    int paused = (int)dsc__cell_int(res, i, 2), days;
    const char *on_time = dsc__cell(res, i, 3);
    long n = (long)dsc__cell_int(res, i, 4);
    st->answered += n;
    if (on_time) {
      st->on_time_known += n;
      if (on_time[0] == 't')
        st->on_time += n;
    }
    if (start == DSC_DATE_NONE ||
        dsc_calendar_workdays_between(op->engine->calendar, start, answered,
                                      &days, NULL) != DSC_OK)
      continue;
    days -= paused;
    days = days < 0 ? 0 : days > NET_DAYS_MAX ? NET_DAYS_MAX : days;
    st->net_days[days] += n;
    st->net_known += n;
  }
}

/* The median of the histogram: the lower middle for an even count, so the
 * figure is always a whole number of working days. */
static int median_days(const dash_state_t *st) {
  long seen = 0, want = (st->net_known + 1) / 2;
  for (int d = 0; d <= NET_DAYS_MAX; d++) {
    seen += st->net_days[d];
    if (seen >= want)
      return d;
  }
  return NET_DAYS_MAX;
}

static int cmp_login(const void *a, const void *b) {
  return strcmp(((const assignee_t *)a)->login, ((const assignee_t *)b)->login);
}

static cJSON *build(dsc__op_t *op) {
  dash_state_t *st = op->state;
  const dsc_calendar_t *cal = op->engine->calendar;
  static const char *const bucket_names[7] = {
      "overdue", "0-2", "3-5", "6-10", "11-20", "more", "unknown"};
  char buf[DSC_DATE_STRLEN], ends[DSC_DATE_STRLEN];
  cJSON *o = cJSON_CreateObject(), *x;
  dsc_date_t end;

  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject(o, "as_of", dsc_date_format(op->today, buf));
  cJSON_AddNumberToObject(o, "open", (double)st->open);
  x = cJSON_AddObjectToObject(o, "by_state");
  for (int s = 0; x && s < DSC_STATE__COUNT; s++)
    if (dsc_state_is_open((dsc_state_t)s))
      cJSON_AddNumberToObject(x, dsc_state_name((dsc_state_t)s),
                              (double)st->by_state[s]);
  x = cJSON_AddObjectToObject(o, "on_hold");
  for (int h = 1; x && h < DSC_HOLD__COUNT; h++)
    cJSON_AddNumberToObject(x, dsc_hold_name((dsc_hold_t)h),
                            (double)st->on_hold[h]);
  cJSON_AddNumberToObject(o, "due_soon", (double)st->due_soon);
  cJSON_AddNumberToObject(o, "overdue", (double)st->overdue);
  cJSON_AddItemToObject(o, "overdue_ids",
                        st->overdue_ids ? st->overdue_ids
                                        : cJSON_CreateArray());
  st->overdue_ids = NULL;
  qsort(st->assignees, (size_t)st->nassignees, sizeof *st->assignees,
        cmp_login);
  x = cJSON_AddArrayToObject(o, "by_assignee");
  for (int i = 0; x && i < st->nassignees; i++) {
    cJSON *a = cJSON_CreateObject();
    if (a == NULL)
      break;
    cJSON_AddStringToObject(a, "login", st->assignees[i].login);
    cJSON_AddStringToObject(a, "name", st->assignees[i].name);
    cJSON_AddNumberToObject(a, "open", (double)st->assignees[i].open);
    cJSON_AddNumberToObject(a, "due_soon", (double)st->assignees[i].due_soon);
    cJSON_AddNumberToObject(a, "overdue", (double)st->assignees[i].overdue);
    cJSON_AddItemToArray(x, a);
  }
  cJSON_AddNumberToObject(o, "answered_this_year", (double)st->answered);
  if (st->on_time_known > 0)
    cJSON_AddNumberToObject(o, "on_time_rate",
                            (double)st->on_time / (double)st->on_time_known);
  else
    cJSON_AddNullToObject(o, "on_time_rate");
  if (st->net_known > 0)
    cJSON_AddNumberToObject(o, "median_workdays_to_answer", median_days(st));
  else
    cJSON_AddNullToObject(o, "median_workdays_to_answer");
  x = cJSON_AddObjectToObject(o, "buckets");
  for (int b = 0; x && b < 7; b++)
    cJSON_AddNumberToObject(x, bucket_names[b], (double)st->buckets[b]);
  cJSON_AddItemToObject(o, "overdue_list",
                        st->overdue_list ? st->overdue_list
                                         : cJSON_CreateArray());
  st->overdue_list = NULL;
  cJSON_AddItemToObject(o, "undelivered",
                        st->undelivered ? st->undelivered
                                        : cJSON_CreateArray());
  st->undelivered = NULL;
  cJSON_AddNumberToObject(o, "due_soon_days", st->due_soon_days);
  end = dsc_date_from_ymd(dsc_calendar_last_year(cal), 12, 31);
  cJSON_AddStringToObject(o, "calendar_ends_on", dsc_date_format(end, ends));
  /* A supervisor must see, two months ahead, that next year's State Council
   * arrangement has not been imported: deadlines past it are unknown. */
  cJSON_AddBoolToObject(o, "calendar_warning", end - op->today < 60);
  return o;
}

static void on_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  dash_state_t *st = op->state;
  dsc_detail_t detail;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  op->result.json = build(op);
  if (op->result.json == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__op_finish(op);
}

static void send_reads(dsc__op_t *op) {
  dash_state_t *st = op->state;
  dsc__pg_batch_t *b;
  char today[DSC_DATE_STRLEN], first[DSC_DATE_STRLEN];
  const char *actor[1] = {op->actor};
  const char *t[1] = {today};
  const char *year[2] = {first, today};
  int n, y;

  dsc_date_format(op->today, today);
  dsc_date_to_ymd(op->today, &y, NULL, NULL);
  dsc_date_format(dsc_date_from_ymd(y, 1, 1), first);
  /* The calendar must hold today: every figure is relative to it. */
  if (dsc_calendar_workdays_between(op->engine->calendar, op->today, op->today,
                                    &n, &st->detail) != DSC_OK) {
    dsc__op_fail(op, st->detail.code, &st->detail);
    return;
  }
  b = dsc__pg_batch_new(op->engine->pg, on_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_STAFF_ROLES, 1, actor, on_actor, op) ||
      dsc__pg_batch_add(b, DSC_SQL_DASH_STATES, 0, NULL, on_states, op) ||
      dsc__pg_batch_add(b, DSC_SQL_DASH_DUE, 0, NULL, on_due, op) ||
      dsc__pg_batch_add(b, DSC_SQL_DASH_OVERDUE, 1, t, on_overdue, op) ||
      dsc__pg_batch_add(b, DSC_SQL_DASH_ANSWERED, 2, year, on_answered, op) ||
      dsc__pg_batch_add(b, DSC_SQL_DASH_UNDELIVERED, 0, NULL, on_undelivered,
                        op)) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

dsc_err_t dsc_dashboard(dsc_engine_t *e, const dsc_ctx_t *ctx,
                        int due_soon_days, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  dash_state_t *st;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_dash_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->due_soon_days = due_soon_days > 0 ? due_soon_days : e->due_soon_days;
  st->assignees = dsc__calloc(MAX_ASSIGNEES, sizeof *st->assignees);
  if (st->assignees == NULL)
    return dsc__op_abandon(op);
  if (!dsc__op_require_actor(op))
    return DSC_OK;
  return dsc__op_start_with_calendar(op, send_reads);
}
