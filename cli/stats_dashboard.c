/* disclose-stats dashboard [--json] [--due-within N] [--watch]
 * (CONTRACT §9): the deadline picture of the open requests, in the
 * locale's language, fitting 80 columns; --watch redraws it when requests
 * or the calendar change (NOTIFY disclose) and every minute. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stats_cli.h"

/* printf formats chosen by language: both literals stay visible to the
 * format checker. */
#define TRV(v, en, zh) ((v)->lang == DSC_LANG_ZH ? (zh) : (en))

#define RED "\x1b[31m"
#define YELLOW "\x1b[33m"
#define BOLD "\x1b[1m"
#define RESET "\x1b[0m"

/* Most lines of the overdue list before "… and N more". */
#define OVERDUE_LINES 10
/* The widest bar of the chart, in columns. */
#define BAR_MAX 40
/* Redraws in --watch: at most one per second, and one every minute. */
#define WATCH_DEBOUNCE_MS 1000
#define WATCH_PERIOD_MS 60000

typedef struct view {
  FILE *f;
  dsc_lang_t lang;
  bool color;
} view_t;

static const char *tr(const view_t *v, const char *en, const char *zh) {
  return v->lang == DSC_LANG_ZH ? zh : en;
}

static void paint(const view_t *v, const char *code) {
  if (v->color)
    fputs(code, v->f);
}

static long long count(const cJSON *o, const char *key) {
  return (long long)stats_num(o, key, 0);
}

static const char *state_label(const view_t *v, const char *state) {
  static const char *const map[][2] = {
      {"received", "已登记"}, {"assigned", "已分办"}, {"drafted", "已拟稿"},
      {"reviewed", "已审核"}, {"answered", "已答复"}, {"published", "已公开"},
      {"withdrawn", "已终止"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], state) == 0)
      return tr(v, map[i][0], map[i][1]);
  return state;
}

static const char *hold_label(const view_t *v, const char *kind) {
  static const char *const map[][3] = {
      {"supplement", "supplement", "等待补正"},
      {"third_party", "third party", "征求第三方意见"},
      {"other_agency", "other agency", "征求其他机关意见"},
      {"fee", "fee", "等待缴费"},
      {"secrecy_review", "secrecy review", "报请确定"},
      {"reasons", "reasons (Art. 35)", "说明理由"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp(map[i][0], kind) == 0)
      return tr(v, map[i][1], map[i][2]);
  return kind;
}

/* "label N" for every member of o, wrapped at 80 columns under an indent
 * of two. */
static void put_counts(const view_t *v, const cJSON *o, bool holds) {
  const cJSON *m;
  int col = 2;
  bool first = true;

  fputs("  ", v->f);
  cJSON_ArrayForEach(m, o) {
    char item[128];
    int w;
    if (m->string == NULL)
      continue;
    snprintf(item, sizeof item, "%s %lld",
             holds ? hold_label(v, m->string) : state_label(v, m->string),
             cJSON_IsNumber(m) ? (long long)m->valuedouble : 0LL);
    w = stats_width(item);
    if (!first && col + 3 + w > STATS_COLUMNS) {
      fputs("\n  ", v->f);
      col = 2;
    } else if (!first) {
      fputs("   ", v->f);
      col += 3;
    }
    fputs(item, v->f);
    col += w;
    first = false;
  }
  if (first)
    fputs(tr(v, "none", "无"), v->f);
  fputc('\n', v->f);
}

static long long sum_members(const cJSON *o) {
  const cJSON *m;
  long long n = 0;
  cJSON_ArrayForEach(m, o) if (cJSON_IsNumber(m)) n +=
      (long long)m->valuedouble;
  return n;
}

static void put_summary(const view_t *v, const cJSON *d) {
  const cJSON *by_state = cJSON_GetObjectItemCaseSensitive(d, "by_state");
  const cJSON *on_hold = cJSON_GetObjectItemCaseSensitive(d, "on_hold");
  long long due_soon = count(d, "due_soon"), overdue = count(d, "overdue");
  int days = (int)stats_num(d, "due_soon_days", 5);

  fprintf(v->f, TRV(v, "Open requests: %lld\n", "在办申请：%lld 件\n"),
          count(d, "open"));
  put_counts(v, by_state, false);
  fprintf(v->f, TRV(v, "On hold, clock paused: %lld\n", "暂停计时：%lld 件\n"),
          sum_members(on_hold));
  put_counts(v, on_hold, true);
  fprintf(v->f,
          TRV(v, "Due soon (%d working days or fewer): ",
              "即将到期（%d个工作日内）："),
          days);
  if (due_soon > 0)
    paint(v, YELLOW);
  fprintf(v->f, TRV(v, "%lld", "%lld 件"), due_soon);
  if (due_soon > 0)
    paint(v, RESET);
  fputs(tr(v, "    Overdue: ", "    已逾期："), v->f);
  if (overdue > 0)
    paint(v, RED);
  fprintf(v->f, TRV(v, "%lld", "%lld 件"), overdue);
  if (overdue > 0)
    paint(v, RESET);
  fputc('\n', v->f);
}

/* ---- the chart of working days left ------------------------------------ */

static void put_buckets(const view_t *v, const cJSON *d) {
  static const char *const rows[][3] = {
      {"overdue", "overdue", "已逾期"},
      {"0-2", "0-2", "0-2"},
      {"3-5", "3-5", "3-5"},
      {"6-10", "6-10", "6-10"},
      {"11-20", "11-20", "11-20"},
      {"more", "more", "20以上"},
      {"unknown", "past calendar", "超出日历"}};
  enum { NROWS = sizeof rows / sizeof rows[0] };
  const cJSON *b = cJSON_GetObjectItemCaseSensitive(d, "buckets");
  long long n[NROWS], max = 0;
  int labelw = 0, numw = 1, barmax;

  if (!cJSON_IsObject(b))
    return;
  for (int i = 0; i < NROWS; i++) {
    char digits[24];
    n[i] = count(b, rows[i][0]);
    if (n[i] > max)
      max = n[i];
    if (i == NROWS - 1 && n[i] == 0)
      continue; /* "unknown" only when there is any */
    if (stats_width(tr(v, rows[i][1], rows[i][2])) > labelw)
      labelw = stats_width(tr(v, rows[i][1], rows[i][2]));
    snprintf(digits, sizeof digits, "%lld", n[i]);
    if ((int)strlen(digits) > numw)
      numw = (int)strlen(digits);
  }
  barmax = STATS_COLUMNS - 2 - labelw - 2 - 2 - numw;
  if (barmax > BAR_MAX)
    barmax = BAR_MAX;
  fputc('\n', v->f);
  fputs(tr(v, "Working days left (open requests not on hold)\n",
           "剩余工作日分布（在办且未暂停计时的申请）\n"),
        v->f);
  for (int i = 0; i < NROWS; i++) {
    long long len = max > 0 ? (n[i] * barmax + max / 2) / max : 0;
    if (i == NROWS - 1 && n[i] == 0)
      continue;
    if (n[i] > 0 && len == 0)
      len = 1;
    fputs("  ", v->f);
    stats_put_left(v->f, tr(v, rows[i][1], rows[i][2]), labelw);
    fputs("  ", v->f);
    if (i == 0)
      paint(v, RED);
    else if (i <= 2)
      paint(v, YELLOW);
    for (long long k = 0; k < len; k++)
      fputs("█", v->f);
    if (i <= 2)
      paint(v, RESET);
    fprintf(v->f, "%*s  %*lld\n", (int)(barmax - len), "", numw, n[i]);
  }
}

/* ---- per assignee ------------------------------------------------------ */

/* "name (login)" (names are shown when the engine gives them), the login
 * alone, or "(unassigned)"; at most max display columns. */
static const char *person(const view_t *v, const char *login, const char *name,
                          int max, char *buf, size_t n) {
  char full[256];
  if (login == NULL)
    return stats_fit(tr(v, "(unassigned)", "（未分办）"), max, buf, n);
  if (name && *name && strcmp(name, login) != 0)
    snprintf(full, sizeof full, "%s (%s)", name, login);
  else
    snprintf(full, sizeof full, "%s", login);
  return stats_fit(full, max, buf, n);
}

static const char *assignee_label(const view_t *v, const cJSON *a, char *buf,
                                  size_t n) {
  return person(v, stats_str(a, "login"), stats_str(a, "name"), 30, buf, n);
}

static const char *overdue_label(const view_t *v, const cJSON *o, char *buf,
                                 size_t n) {
  return person(v, stats_str(o, "assignee"), stats_str(o, "assignee_name"), 24,
                buf, n);
}

static void put_count_cell(const view_t *v, long long n, int width,
                           const char *code) {
  char digits[24];
  snprintf(digits, sizeof digits, "%lld", n);
  fputs("  ", v->f);
  if (n > 0 && code)
    paint(v, code);
  stats_put_right(v->f, digits, width);
  if (n > 0 && code)
    paint(v, RESET);
}

static void put_assignees(const view_t *v, const cJSON *d) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(d, "by_assignee"), *a;
  const char *h_name = tr(v, "Assignee", "承办人"),
             *h_open = tr(v, "Open", "在办");
  const char *h_soon = tr(v, "Due soon", "即将到期"),
             *h_late = tr(v, "Overdue", "已逾期");
  int namew = stats_width(h_name);
  int w_open = stats_width(h_open), w_soon = stats_width(h_soon),
      w_late = stats_width(h_late);
  char buf[128];

  fputc('\n', v->f);
  if (cJSON_GetArraySize(list) == 0) {
    fputs(tr(v, "Per assignee: no open request\n", "承办人：无在办申请\n"),
          v->f);
    return;
  }
  cJSON_ArrayForEach(a, list) {
    int w = stats_width(assignee_label(v, a, buf, sizeof buf));
    if (w > namew)
      namew = w;
  }
  stats_put_left(v->f, h_name, namew);
  fputs("  ", v->f);
  stats_put_right(v->f, h_open, w_open);
  fputs("  ", v->f);
  stats_put_right(v->f, h_soon, w_soon);
  fputs("  ", v->f);
  stats_put_right(v->f, h_late, w_late);
  fputc('\n', v->f);
  cJSON_ArrayForEach(a, list) {
    stats_put_left(v->f, assignee_label(v, a, buf, sizeof buf), namew);
    put_count_cell(v, count(a, "open"), w_open, NULL);
    put_count_cell(v, count(a, "due_soon"), w_soon, YELLOW);
    put_count_cell(v, count(a, "overdue"), w_late, RED);
    fputc('\n', v->f);
  }
}

/* ---- the overdue list -------------------------------------------------- */

static void put_overdue(const view_t *v, const cJSON *d) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(d, "overdue_list"), *o;
  long long total = count(d, "overdue"), shown = 0;
  const char *h_id = "#", *h_who = tr(v, "Assignee", "承办人");
  const char *h_due = tr(v, "Due on", "答复期限"),
             *h_by = tr(v, "Overdue by", "逾期");
  int idw = 6, whow = stats_width(h_who);
  char buf[128];

  fputc('\n', v->f);
  if (total <= 0 && cJSON_GetArraySize(list) == 0) {
    fputs(tr(v, "Overdue requests: none\n", "逾期申请：无\n"), v->f);
    return;
  }
  fputs(tr(v, "Overdue requests\n", "逾期申请\n"), v->f);
  cJSON_ArrayForEach(o, list) {
    int w = stats_width(overdue_label(v, o, buf, sizeof buf));
    if (w > whow)
      whow = w;
  }
  fputs("  ", v->f);
  stats_put_right(v->f, h_id, idw);
  fputs("  ", v->f);
  stats_put_left(v->f, h_who, whow);
  fputs("  ", v->f);
  stats_put_left(v->f, h_due, 10);
  fprintf(v->f, "  %s\n", h_by);
  cJSON_ArrayForEach(o, list) {
    const char *due = stats_str(o, "due_on");
    long long days = count(o, "workdays_overdue");
    char id[24];
    if (shown == OVERDUE_LINES)
      break;
    snprintf(id, sizeof id, "%lld", count(o, "id"));
    paint(v, RED);
    fputs("  ", v->f);
    stats_put_right(v->f, id, idw);
    fputs("  ", v->f);
    stats_put_left(v->f, overdue_label(v, o, buf, sizeof buf), whow);
    fputs("  ", v->f);
    stats_put_left(v->f, due ? due : "—", 10);
    if (v->lang == DSC_LANG_ZH)
      fprintf(v->f, "  %lld个工作日", days);
    else
      fprintf(v->f, "  %lld working day%s", days, days == 1 ? "" : "s");
    paint(v, RESET);
    fputc('\n', v->f);
    shown++;
  }
  if (total < (long long)cJSON_GetArraySize(list))
    total = cJSON_GetArraySize(list);
  if (total > shown)
    fprintf(v->f, TRV(v, "  … and %lld more\n", "  … 另有 %lld 件\n"),
            total - shown);
}

/* Letters sent whose receipt is not recorded: their windows have not
 * begun, and nothing will lapse until someone records the delivery. */
static void put_undelivered(const view_t *v, const cJSON *d) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(d, "undelivered"), *o;
  int shown = 0;

  if (cJSON_GetArraySize(list) == 0)
    return;
  fputc('\n', v->f);
  fprintf(v->f,
          TRV(v, "Letters without a recorded delivery: %d\n",
              "未登记送达的文书：%d 件\n"),
          cJSON_GetArraySize(list));
  cJSON_ArrayForEach(o, list) {
    const char *since = stats_str(o, "since");
    if (shown++ == OVERDUE_LINES)
      break;
    fprintf(v->f, "  #%-6lld %s  %s %s\n", count(o, "id"),
            hold_label(v, stats_str(o, "hold") ? stats_str(o, "hold") : "?"),
            tr(v, "sent", "发出"), since ? since : "—");
  }
}

/* ---- the year ---------------------------------------------------------- */

static void put_year(const view_t *v, const cJSON *d) {
  const cJSON *rate = cJSON_GetObjectItemCaseSensitive(d, "on_time_rate");
  const cJSON *med =
      cJSON_GetObjectItemCaseSensitive(d, "median_workdays_to_answer");
  char rate_text[32], med_text[32];

  if (cJSON_IsNumber(rate)) {
    /* Percent with one decimal, rounded half up without libm. */
    long long tenths = (long long)(rate->valuedouble * 1000.0 + 0.5);
    snprintf(rate_text, sizeof rate_text, "%lld.%lld%%", tenths / 10,
             tenths % 10);
  } else {
    snprintf(rate_text, sizeof rate_text, "%s", tr(v, "n/a", "无"));
  }
  if (cJSON_IsNumber(med)) {
    double m = med->valuedouble;
    if (m == (double)(long long)m)
      snprintf(med_text, sizeof med_text, "%lld", (long long)m);
    else
      snprintf(med_text, sizeof med_text, "%.1f", m);
  } else {
    snprintf(med_text, sizeof med_text, "%s", tr(v, "n/a", "无"));
  }
  fputc('\n', v->f);
  if (!cJSON_IsNumber(rate) && !cJSON_IsNumber(med)) {
    fprintf(v->f, TRV(v, "This year: %lld answered\n", "本年已答复 %lld 件\n"),
            count(d, "answered_this_year"));
    return;
  }
  fprintf(v->f,
          TRV(v,
              "This year: %lld answered, %s on time, median %s working "
              "days to answer\n",
              "本年已答复 %lld 件，按期答复率 %s，答复用时中位数 %s "
              "个工作日\n"),
          count(d, "answered_this_year"), rate_text, med_text);
}

static void render_human(const view_t *v, const cJSON *d) {
  const char *as_of = stats_str(d, "as_of");
  const char *ends = stats_str(d, "calendar_ends_on");

  paint(v, BOLD);
  fprintf(v->f,
          TRV(v, "Disclosure requests: dashboard as of %s",
              "政府信息公开申请办理看板（截至 %s）"),
          as_of ? as_of : "—");
  paint(v, RESET);
  fputs("\n\n", v->f);
  put_summary(v, d);
  put_buckets(v, d);
  put_assignees(v, d);
  put_overdue(v, d);
  put_undelivered(v, d);
  put_year(v, d);
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "calendar_warning"))) {
    paint(v, YELLOW);
    fprintf(v->f,
            TRV(v,
                "! the working-day calendar ends on %s: import next "
                "year's arrangement",
                "！工作日历截至 %s：请导入下一年度的节假日安排"),
            ends ? ends : "—");
    paint(v, RESET);
    fputc('\n', v->f);
  }
}

/* ---- running it -------------------------------------------------------- */

typedef struct watch {
  stats_t *s;
  int due_soon_days;
  view_t view;
  bool tty;
  uv_timer_t debounce, periodic;
  uv_signal_t sigint, sigterm;
  bool in_flight, pending, stopping, started;
  uint64_t last_render; /* uv_now of the last redraw */
  int renders;
  int exit_code;
} watch_t;

static void print_dashboard(watch_t *w, const cJSON *d) {
  if (w->s->watch) {
    if (w->tty)
      fputs("\x1b[H\x1b[2J", stdout);
    else if (w->renders > 0 && !w->s->json)
      puts("================================================================"
           "================");
  }
  if (w->s->json)
    stats_put_json(stdout, d);
  else
    render_human(&w->view, d);
  fflush(stdout);
  w->renders++;
}

static void stop(watch_t *w);
static void request(watch_t *w);

static void on_engine_closed(void *data) {
  watch_t *w = data;
  w->s->engine = NULL;
}

static void on_handle_closed(uv_handle_t *h) { (void)h; }

static void stop(watch_t *w) {
  if (w->stopping)
    return;
  w->stopping = true;
  if (w->started) {
    uv_close((uv_handle_t *)&w->debounce, on_handle_closed);
    uv_close((uv_handle_t *)&w->periodic, on_handle_closed);
    uv_close((uv_handle_t *)&w->sigint, on_handle_closed);
    uv_close((uv_handle_t *)&w->sigterm, on_handle_closed);
  }
  dsc_engine_close(w->s->engine, on_engine_closed, w);
}

static void on_timer(uv_timer_t *t);

/* Starts a redraw: now when the last one is a second old, else once it
 * is; one already waiting or running absorbs this one. */
static void schedule(watch_t *w) {
  uint64_t now, wait = 0;
  if (w->stopping)
    return;
  if (w->in_flight) {
    w->pending = true;
    return;
  }
  if (uv_is_active((uv_handle_t *)&w->debounce))
    return;
  uv_update_time(&w->s->loop);
  now = uv_now(&w->s->loop);
  if (w->renders > 0 && now < w->last_render + WATCH_DEBOUNCE_MS)
    wait = w->last_render + WATCH_DEBOUNCE_MS - now;
  uv_timer_start(&w->debounce, on_timer, wait, 0);
}

static void on_result(dsc_engine_t *e, dsc_result_t *r, void *data) {
  watch_t *w = data;
  (void)e;
  w->in_flight = false;
  if (w->stopping)
    return;
  if (r->err != DSC_OK) {
    int code = stats_fail(w->s, r->err, &r->detail);
    /* A watch that showed something keeps going: the next change or
     * minute tries again. */
    if (!w->s->watch || w->renders == 0) {
      w->exit_code = code;
      stop(w);
    }
    return;
  }
  print_dashboard(w, r->json);
  uv_update_time(&w->s->loop);
  w->last_render = uv_now(&w->s->loop);
  if (!w->s->watch) {
    stop(w);
    return;
  }
  if (w->pending) {
    w->pending = false;
    schedule(w);
  }
}

static void request(watch_t *w) {
  dsc_err_t err;
  if (w->stopping)
    return;
  stats_refresh_today(w->s);
  err = dsc_dashboard(w->s->engine, &w->s->ctx, w->due_soon_days, on_result, w);
  if (err != DSC_OK) {
    int code = stats_fail(w->s, err, NULL);
    if (w->renders == 0) {
      w->exit_code = code;
      stop(w);
    }
    return;
  }
  w->in_flight = true;
}

static void on_timer(uv_timer_t *t) { request(t->data); }

static void on_period(uv_timer_t *t) { schedule(t->data); }

static void on_notify(void *data, const char *payload) {
  watch_t *w = data;
  if (strcmp(payload, "requests") == 0 || strcmp(payload, "calendar") == 0)
    schedule(w);
}

static void on_signal(uv_signal_t *h, int signum) {
  (void)signum;
  stop(h->data);
}

/* --due-within N: a strict count of working days. */
static int parse_days(const stats_t *s, int *out) {
  const char *t = s->due_within;
  size_t n = strlen(t);
  long v = 0;
  if (n == 0 || n > 4 || strspn(t, "0123456789") != n)
    goto bad;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (t[i] - '0');
  if (v < 1 || v > 250)
    goto bad;
  *out = (int)v;
  return 0;
bad:
  return stats_failf(s, DSC_INVALID, "due-within",
                     "must be a whole number of working days from 1 to 250",
                     "必须是1至250之间的整数（工作日）");
}

static bool want_color(void) {
  const char *no = getenv("NO_COLOR");
  return isatty(STDOUT_FILENO) && (no == NULL || *no == '\0');
}

int stats_dashboard(stats_t *s) {
  static watch_t w;
  int rc;

  w.s = s;
  w.view.f = stdout;
  w.view.lang = s->lang;
  w.tty = isatty(STDOUT_FILENO) != 0;
  w.view.color = want_color();
  if (s->due_within && (rc = parse_days(s, &w.due_soon_days)) != 0)
    return rc;
  if ((rc = stats_engine_open(s, s->watch ? on_notify : NULL, &w)) != 0)
    return rc;
  if (s->watch) {
    uv_timer_init(&s->loop, &w.debounce);
    uv_timer_init(&s->loop, &w.periodic);
    uv_signal_init(&s->loop, &w.sigint);
    uv_signal_init(&s->loop, &w.sigterm);
    w.debounce.data = w.periodic.data = &w;
    w.sigint.data = w.sigterm.data = &w;
    uv_signal_start(&w.sigint, on_signal, SIGINT);
    uv_signal_start(&w.sigterm, on_signal, SIGTERM);
    uv_timer_start(&w.periodic, on_period, WATCH_PERIOD_MS, WATCH_PERIOD_MS);
    w.started = true;
  }
  request(&w);
  uv_run(&s->loop, UV_RUN_DEFAULT);
  stop(&w); /* nothing when it stopped already */
  uv_run(&s->loop, UV_RUN_DEFAULT);
  uv_loop_close(&s->loop);
  return w.exit_code;
}
