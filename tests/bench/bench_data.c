/* tests/bench/bench_data.c — the data set of the sweep, dashboard and
 * annual-report scenarios (see bench_data.h). */
#include "bench_data.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "disclose/error.h"
/* The engine's statement registry (internal): the sweep's statements are
 * explained by their exact text, not by a copy that could drift. */
#include "sql.h"

#define OPEN_STATES "('received', 'assigned', 'drafted', 'reviewed')"
#define DUE_SOON_DAYS 5 /* the engine's default (engine.h) */
#define LAST_DUE "2026-12-31"

static int format_sql(char **out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A malloc'd SQL text built with printf (the bench's own numbers and
 * dates only: no outside input reaches it). */
static int format_sql(char **out, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  *out = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (*out == NULL)
    return -1;
  va_start(ap, fmt);
  vsnprintf(*out, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return n;
}

static const char *fmt_date(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  return dsc_date_format(d, buf);
}

static double seconds_since(uint64_t t0) {
  return (double)(bench_now_ns() - t0) / 1e9;
}

/* ---- the bulk load -------------------------------------------------------
 */

/* Secondary indexes of requests (not those of its constraints) are dropped
 * before the load and rebuilt after it with their own definitions: building
 * an index over sorted data is many times faster than maintaining nine
 * indexes row by row. */
static const char drop_indexes_sql[] =
    "CREATE TABLE IF NOT EXISTS bench_index_defs (name text PRIMARY KEY, "
    "def text NOT NULL);\n"
    "INSERT INTO bench_index_defs SELECT indexname, indexdef FROM pg_indexes "
    "i WHERE schemaname = 'public' AND tablename = 'requests' AND NOT EXISTS "
    "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
    "ON CONFLICT DO NOTHING;\n"
    "SELECT format('DROP INDEX IF EXISTS %I', name) FROM bench_index_defs "
    "\\gexec\n";

static const char rebuild_indexes_sql[] =
    "SET maintenance_work_mem = '512MB';\n"
    "SELECT def FROM (SELECT def, row_number() OVER (ORDER BY name) AS n "
    "FROM bench_index_defs) x WHERE n %% 2 = %d \\gexec\n";

static const char staff_sql[] =
    "INSERT INTO staff (login, name, roles) SELECT 'h' || lpad(g::text, 3, "
    "'0'), '承办人' || g, ARRAY['handler'] FROM generate_series(1, 50) g "
    "ON CONFLICT DO NOTHING;\n";

/* Closed requests: year_n received in the report's year, the rest spread
 * over the three years before it; answered 5 to 34 days after receipt
 * (those of late December in the next year), 1 in 40 also published, 1 in
 * 25 extended. Half of them (parity) per session. */
static char *closed_sql(const bench_data_cfg_t *c, int year, long gen,
                        int part) {
  long closed = c->total - c->open;
  long year_n = c->year_n < closed ? c->year_n : closed;
  long earlier = closed - year_n;
  char *sql;

  format_sql(
      &sql,
      "SET session_replication_role = replica;\n"
      "INSERT INTO requests (agency_id, version, state, channel, form, "
      "received_on, clock_start, applicant_type, applicant_name, "
      "applicant_phone, description, assignee, drafter, outcome, "
      "answered_on, closed_on, published_url, due_on, extended_days, "
      "calendar_generation)\n"
      "SELECT 1, CASE WHEN g %% 40 = 0 THEN 6 ELSE 5 END, "
      "CASE WHEN g %% 40 = 0 THEN 'published' ELSE 'answered' END, "
      "(ARRAY['online', 'post', 'in_person', 'fax'])[1 + g %% 4], "
      "CASE WHEN g %% 3 = 0 THEN 'paper' ELSE 'electronic' END, d, d, "
      "CASE g %% 50 WHEN 0 THEN 'commercial' WHEN 1 THEN 'research' "
      "WHEN 2 THEN 'public_interest' ELSE 'natural_person' END, "
      "'申请人' || (g %% 300000), '1380000' || lpad((g %% 10000)::text, 4, "
      "'0'), '关于' || (g %% 997) || "
      "'号文件及其附件、本机关财政预算执行情况与相关会议纪要的政府信息公开申请'"
      ", "
      "h, h, (ARRAY['disclosed', 'disclosed', 'disclosed', 'disclosed', "
      "'partially_disclosed', 'partially_disclosed', 'unavailable.not_held', "
      "'withheld.third_party_rights', 'not_processed.duplicate', "
      "'other.other'])[1 + g %% 10], "
      "d + 5 + (g %% 30)::int, d + 5 + (g %% 30)::int, "
      "CASE WHEN g %% 40 = 0 THEN 'https://www.example.gov.cn/xxgk/' || g "
      "END, d + CASE WHEN g %% 25 = 0 THEN 56 ELSE 28 END, "
      "CASE WHEN g %% 25 = 0 THEN 20 ELSE 0 END, %ld\n"
      "FROM (SELECT g, CASE WHEN g <= %ld "
      "THEN date '%d-01-01' + ((g - 1) * 365 / %ld)::int "
      "ELSE date '%d-01-01' + ((g - %ld - 1) * (date '%d-01-01' - "
      "date '%d-01-01') / %ld)::int END AS d, "
      "'h' || lpad((1 + g %% 50)::text, 3, '0') AS h "
      "FROM generate_series(%d::bigint, %ld::bigint, 2) g) s;\n",
      gen, year_n, year, year_n > 0 ? year_n : 1, year - 3, year_n, year,
      year - 3, earlier > 0 ? earlier : 1, 1 + part, closed);
  return sql;
}

/* Open requests not read by the sweep: 1 in 100 overdue and escalated
 * long ago, 1 in 100 on a third-party consultation that lapses after the
 * bench, the rest due between the day after the last pass's due-soon
 * threshold and the end of 2026, in the four open states. Their receipt
 * dates (the four weeks before today) do not give their due dates by the
 * statutory clock: the dashboard reads only the stored columns, and the
 * sweep never reads these rows. */
static char *open_sql(long n, dsc_date_t today, dsc_date_t far_start, long gen,
                      int part) {
  char t[DSC_DATE_STRLEN], f[DSC_DATE_STRLEN];
  char *sql;

  fmt_date(today, t);
  fmt_date(far_start, f);
  format_sql(
      &sql,
      "SET session_replication_role = replica;\n"
      "INSERT INTO requests (agency_id, version, state, channel, form, "
      "received_on, clock_start, applicant_type, applicant_name, "
      "applicant_phone, description, assignee, drafter, outcome, hold, "
      "hold_since, hold_lapses_on, due_on, escalation, calendar_generation)\n"
      "SELECT 1, CASE st WHEN 'received' THEN 1 WHEN 'assigned' THEN 2 "
      "WHEN 'drafted' THEN 3 ELSE 4 END + CASE WHEN g %% 100 < 2 THEN 1 "
      "ELSE 0 END, st, "
      "(ARRAY['online', 'post', 'in_person', 'fax'])[1 + g %% 4], "
      "CASE WHEN g %% 3 = 0 THEN 'paper' ELSE 'electronic' END, "
      "r, r, "
      "CASE g %% 50 WHEN 0 THEN 'commercial' WHEN 1 THEN 'research' "
      "ELSE 'natural_person' END, "
      "'申请人' || (g %% 300000), '1390000' || lpad((g %% 10000)::text, 4, "
      "'0'), '关于' || (g %% 997) || "
      "'号文件及其附件、本机关财政预算执行情况与相关会议纪要的政府信息公开申请'"
      ", "
      "CASE WHEN st <> 'received' THEN h END, "
      "CASE WHEN st IN ('drafted', 'reviewed') THEN h END, "
      "CASE WHEN st IN ('drafted', 'reviewed') THEN 'disclosed' END, "
      "CASE WHEN g %% 100 = 1 THEN 'third_party' END, "
      "CASE WHEN g %% 100 = 1 THEN date '%s' - 3 END, "
      "CASE WHEN g %% 100 = 1 THEN date '%s' + 40 END, "
      "CASE WHEN g %% 100 = 0 THEN date '%s' - 1 - ((g / 100) %% 30)::int "
      "ELSE date '%s' + ((g * 7919) %% (date '" LAST_DUE "' - date '%s' + "
      "1))::int END, "
      "CASE WHEN g %% 100 = 0 THEN 2 ELSE 0 END, %ld\n"
      "FROM (SELECT g, date '%s' - (g %% 28)::int AS r, "
      "(ARRAY['received', 'assigned', 'drafted', 'reviewed'])[1 + (g / 7) %% "
      "4] AS st, 'h' || lpad((1 + g %% 50)::text, 3, '0') AS h "
      "FROM generate_series(%d::bigint, %ld::bigint, 2) g) s;\n",
      t, t, t, f, f, gen, t, 1 + part, n);
  return sql;
}

/* Runs two psql sessions at once and waits for both. */
static bool run_pair(const char *conninfo, char *sql[2], const char *what) {
  bench_job_t job[2];
  bool ok = true;
  int started = 0;

  for (int i = 0; i < 2; i++) {
    if (sql[i] == NULL || !bench_psql_start(conninfo, sql[i], &job[i])) {
      ok = false;
      break;
    }
    started++;
  }
  for (int i = 0; i < started; i++)
    if (bench_psql_join(&job[i]) != 0)
      ok = false;
  if (!ok)
    bench_log("data set: %s failed", what);
  return ok;
}

static bool psql_ok(const char *conninfo, const char *sql, const char *what) {
  if (bench_psql(conninfo, sql, NULL) == 0)
    return true;
  bench_log("data set: %s failed", what);
  return false;
}

static bool bulk_load(const bench_data_cfg_t *c, const char *conninfo,
                      const bench_data_t *d, long bulk_open,
                      dsc_date_t far_start) {
  char *sql[2] = {NULL, NULL};
  bool ok;
  uint64_t t0 = bench_now_ns();

  if (!psql_ok(conninfo, drop_indexes_sql, "dropping the indexes"))
    return false;
  for (int i = 0; i < 2; i++)
    sql[i] = closed_sql(c, d->year, d->generation, i);
  ok = run_pair(conninfo, sql, "loading the closed requests");
  free(sql[0]);
  free(sql[1]);
  bench_log("data set: %ld closed requests in %.1f s", c->total - c->open,
            seconds_since(t0));
  if (!ok)
    return false;
  t0 = bench_now_ns();
  for (int i = 0; i < 2; i++)
    sql[i] = open_sql(bulk_open, d->sweep_day[0], far_start, d->generation, i);
  ok = run_pair(conninfo, sql, "loading the open requests");
  free(sql[0]);
  free(sql[1]);
  bench_log("data set: %ld open requests in %.1f s", bulk_open,
            seconds_since(t0));
  if (!ok)
    return false;
  t0 = bench_now_ns();
  for (int i = 0; i < 2; i++)
    format_sql(&sql[i], rebuild_indexes_sql, i);
  ok = run_pair(conninfo, sql, "rebuilding the indexes");
  free(sql[0]);
  free(sql[1]);
  if (!ok)
    return false;
  bench_log("data set: indexes rebuilt in %.1f s", seconds_since(t0));
  t0 = bench_now_ns();
  ok = psql_ok(conninfo,
               "DROP TABLE bench_index_defs;\n"
               "VACUUM (ANALYZE) requests;\n"
               "CHECKPOINT;\n",
               "VACUUM and CHECKPOINT");
  bench_log("data set: VACUUM (ANALYZE) and CHECKPOINT in %.1f s",
            seconds_since(t0));
  return ok;
}

/* ---- rows made through the API -------------------------------------------
 */

/* The receipt date whose 20-working-day answer period ends on due. */
static dsc_date_t receipt_for_due(const bench_data_hooks_t *h, dsc_date_t due) {
  dsc_date_t r = due - 28;
  for (int i = 0; i < 20; i++) {
    dsc_date_t got = h->add_workdays(h->arg, r, 20);
    if (got == DSC_DATE_NONE)
      return DSC_DATE_NONE;
    if (got == due)
      return r;
    r += got < due ? 1 : -1;
  }
  return DSC_DATE_NONE;
}

/* Requests received on the receipt date of the first pass's threshold,
 * escalated as due soon already (as yesterday's pass would have left
 * them). Their keys are fixed, so a second attempt replays them. */
static bool make_due_soon(const bench_data_cfg_t *c, const char *conninfo,
                          const bench_data_t *d, const bench_data_hooks_t *h) {
  dsc_date_t due = d->threshold[0];
  dsc_date_t r = receipt_for_due(h, due);
  char rs[DSC_DATE_STRLEN], ds[DSC_DATE_STRLEN], *sql, *out = NULL;
  long updated;
  int got;

  if (r == DSC_DATE_NONE) {
    bench_log("data set: no receipt date gives the due date %s",
              fmt_date(due, ds));
    return false;
  }
  if (due <= d->sweep_day[d->runs - 1]) {
    bench_log("data set: the due-soon requests (due %s) would become overdue "
              "during the sweep runs",
              fmt_date(due, ds));
    return false;
  }
  got = h->submit(h->arg, c->due_soon, r, "bench-soon", NULL);
  if (got != c->due_soon) {
    bench_log("data set: %d of %d due-soon requests submitted", got,
              c->due_soon);
    return false;
  }
  format_sql(&sql,
             "UPDATE requests SET escalation = 1 WHERE idempotency_key LIKE "
             "'bench-soon-%%' AND received_on = '%s' AND due_on = '%s' "
             "AND escalation = 0;\n"
             "SELECT count(*) FROM requests WHERE idempotency_key LIKE "
             "'bench-soon-%%' AND escalation = 1;\n",
             fmt_date(r, rs), fmt_date(due, ds));
  if (sql == NULL || bench_psql(conninfo, sql, &out) != 0) {
    free(sql);
    free(out);
    return false;
  }
  updated = (long)bench_first_number(out);
  free(sql);
  free(out);
  bench_log("data set: %ld requests received %s, due %s, escalated as due "
            "soon",
            updated, rs, ds);
  return updated == c->due_soon;
}

/* For each sweep run, lapse_per_run requests received three weeks before
 * today with a supplement requested the same day, whose reply window ends
 * on the day before that run's date (run 0: the warm-up's date). */
static bool make_lapsing(const bench_data_cfg_t *c, const char *conninfo,
                         const bench_data_t *d, const bench_data_hooks_t *h) {
  dsc_date_t s = d->sweep_day[0] - 21;
  unsigned nonce = (unsigned)time(NULL) ^ ((unsigned)getpid() << 12);
  int64_t *ids = malloc((size_t)c->lapse_per_run * sizeof *ids);
  bool ok = ids != NULL;

  for (int k = 0; ok && k < d->runs; k++) {
    dsc_date_t lapses = k == 0 ? d->warmup_day : d->sweep_day[k - 1];
    char prefix[64], ls[DSC_DATE_STRLEN], *sql, *out = NULL;
    int days = 0, got;
    long found;

    for (int n = 1; n <= 60; n++) {
      dsc_date_t x = h->add_workdays(h->arg, s, n);
      if (x == lapses) {
        days = n;
        break;
      }
      if (x == DSC_DATE_NONE || x > lapses)
        break;
    }
    if (days == 0) {
      bench_log("data set: no reply window from %s ends on %s",
                fmt_date(s, prefix), fmt_date(lapses, ls));
      ok = false;
      break;
    }
    snprintf(prefix, sizeof prefix, "bench-lapse-%08x-%d", nonce, k);
    got = h->submit(h->arg, c->lapse_per_run, s, prefix, ids);
    if (got != c->lapse_per_run ||
        h->request_supplement(h->arg, ids, got, s, days) != got) {
      bench_log("data set: the holds of run %d could not be made", k + 1);
      ok = false;
      break;
    }
    format_sql(&sql,
               "SELECT count(*) FROM requests WHERE idempotency_key LIKE "
               "'%s-%%' AND hold = 'supplement' AND hold_lapses_on = '%s' "
               "AND state IN " OPEN_STATES ";\n",
               prefix, fmt_date(lapses, ls));
    if (sql == NULL || bench_psql(conninfo, sql, &out) != 0) {
      ok = false;
    } else {
      found = (long)bench_first_number(out);
      if (found != got) {
        bench_log("data set: %ld of the %d holds of run %d lapse on %s", found,
                  got, k + 1, ls);
        ok = false;
      }
    }
    free(sql);
    free(out);
  }
  free(ids);
  if (ok)
    bench_log("data set: %d holds lapsing before each of %d sweep runs",
              c->lapse_per_run, d->runs);
  return ok;
}

/* ---- prepare -------------------------------------------------------------
 */

bool bench_data_prepare(const bench_data_cfg_t *c, const char *conninfo,
                        dsc_date_t today, const bench_data_hooks_t *h,
                        bench_data_t *d) {
  char params[256], *out = NULL, *sql;
  long api_open = (long)c->due_soon + (long)c->lapse_per_run * c->runs;
  long bulk_open = c->open - api_open;
  dsc_date_t far_start;
  bool reuse;
  int y, m, dd;

  memset(d, 0, sizeof *d);
  dsc_date_to_ymd(today, &y, &m, &dd);
  d->year = y - 1;
  d->runs = c->runs < BENCH_DATA_MAX_RUNS ? c->runs : BENCH_DATA_MAX_RUNS;
  d->warmup_day = today - 3;
  fmt_date(d->warmup_day, d->warmup_s);
  for (int k = 0; k < d->runs; k++) {
    d->sweep_day[k] = today + k;
    fmt_date(d->sweep_day[k], d->sweep_day_s[k]);
    d->threshold[k] = h->add_workdays(h->arg, d->sweep_day[k], DUE_SOON_DAYS);
    if (d->threshold[k] == DSC_DATE_NONE)
      return false;
    fmt_date(d->threshold[k], d->threshold_s[k]);
  }
  far_start = d->threshold[d->runs - 1] + 1;
  if (bulk_open < 0 || c->total < c->open) {
    bench_log("data set: sizes do not add up");
    return false;
  }

  snprintf(params, sizeof params,
           "v1 open=%ld total=%ld year_n=%ld due_soon=%d today=%s", c->open,
           c->total, c->year_n, c->due_soon, d->sweep_day_s[0]);
  if (bench_psql(conninfo,
                 "SELECT to_regclass('bench_dataset') IS NOT NULL AS have "
                 "\\gset\n"
                 "\\if :have\n"
                 "SELECT coalesce((SELECT params FROM bench_dataset LIMIT 1), "
                 "'none');\n"
                 "\\else\n"
                 "SELECT 'none';\n"
                 "\\endif\n"
                 "SELECT generation FROM calendar_state;\n",
                 &out) != 0 ||
      out == NULL) {
    free(out);
    bench_log("data set: cannot query the data database");
    return false;
  }
  reuse =
      strncmp(out, params, strlen(params)) == 0 && out[strlen(params)] == '\n';
  d->generation =
      strtol(strchr(out, '\n') ? strchr(out, '\n') + 1 : "1", NULL, 10);
  free(out);

  if (reuse) {
    bench_log("data set: reusing the one already loaded (%s)", params);
  } else {
    uint64_t t0 = bench_now_ns();
    bench_log("data set: loading %ld requests, %ld open, %ld received in %d",
              c->total, c->open, c->year_n, d->year);
    /* The rows made through the API come last, with the highest ids, as
     * recent requests would: a plan that walks the primary key to find
     * them pays for every row before them. */
    if (!psql_ok(conninfo, staff_sql, "adding the handlers") ||
        !bulk_load(c, conninfo, d, bulk_open, far_start) ||
        !make_due_soon(c, conninfo, d, h))
      return false;
    d->load_s = seconds_since(t0);
    format_sql(&sql,
               "CREATE TABLE IF NOT EXISTS bench_dataset (params text NOT "
               "NULL);\n"
               "DELETE FROM bench_dataset;\n"
               "INSERT INTO bench_dataset VALUES ('%s');\n",
               params);
    if (sql == NULL || !psql_ok(conninfo, sql, "recording the data set")) {
      free(sql);
      return false;
    }
    free(sql);
    bench_log("data set: loaded in %.1f s", d->load_s);
  }
  if (!make_lapsing(c, conninfo, d, h))
    return false;
  if (!psql_ok(conninfo, "ANALYZE requests;\n", "ANALYZE"))
    return false;
  if (bench_psql(conninfo,
                 "SELECT count(*) FILTER (WHERE state IN " OPEN_STATES
                 ") || ' open of ' || count(*) FROM requests;\n",
                 &out) == 0 &&
      out) {
    out[strcspn(out, "\n")] = '\0';
    bench_log("data set: %s requests", out);
  }
  free(out);
  return true;
}

bool bench_data_count_visits(const bench_data_t *d, const char *conninfo,
                             int run, bench_visit_t *v) {
  char *sql, *out = NULL, yesterday[DSC_DATE_STRLEN];
  bool ok;

  /* The ranges the pages read (dsc_sweep_stale_v2, dsc_sweep_lapses_v2,
   * dsc_sweep_escalate_v3 at level 0 up to the threshold and at level 1
   * up to yesterday): every row in them is returned by some page. */
  fmt_date(d->sweep_day[run] - 1, yesterday);
  format_sql(
      &sql,
      "SELECT (SELECT count(*) FROM requests r WHERE r.state IN " OPEN_STATES
      " AND r.calendar_generation < %ld) || ' ' || "
      "(SELECT count(*) FROM requests r WHERE r.state IN " OPEN_STATES
      " AND r.hold IS NOT NULL AND r.hold_lapses_on < '%s') || ' ' || "
      "(SELECT count(*) FROM requests r WHERE r.state IN " OPEN_STATES
      " AND r.hold IS NULL AND ((r.escalation = 0 AND r.due_on <= '%s') "
      "OR (r.escalation = 1 AND r.due_on <= '%s')));\n",
      d->generation, d->sweep_day_s[run], d->threshold_s[run], yesterday);
  ok = sql != NULL && bench_psql(conninfo, sql, &out) == 0 && out != NULL &&
       sscanf(out, "%ld %ld %ld", &v->stale, &v->lapse, &v->escalate) == 3;
  free(sql);
  free(out);
  if (!ok)
    bench_log("sweep: cannot count the rows the pass will read");
  return ok;
}

/* ---- EXPLAIN -------------------------------------------------------------
 */

/* What one plan says about the requests table: its scan node, the index,
 * and the rows its filter threw away. */
static cJSON *plan_summary(const char *plan) {
  cJSON *o = cJSON_CreateObject();
  const char *p;
  char scan[160] = "", index[96] = "";
  long removed = 0;
  bool seq = false;

  for (p = plan; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    char line[512];
    const char *s;
    snprintf(line, sizeof line, "%.*s", (int)(len < 511 ? len : 511), p);
    if (strstr(line, "Seq Scan on requests"))
      seq = true;
    if ((s = strstr(line, "Index Scan using ")) != NULL ||
        (s = strstr(line, "Index Only Scan using ")) != NULL ||
        (s = strstr(line, "Bitmap Index Scan on ")) != NULL ||
        (s = strstr(line, "Seq Scan on requests")) != NULL) {
      /* The first scan of requests (the outer query) is the one that
       * matters; the events' subquery comes later in the plan. */
      if (scan[0] == '\0' &&
          (strstr(s, " on requests") || strstr(s, "Bitmap Index Scan on "))) {
        const char *u = strstr(s, "using ");
        const char *on = strstr(s, "Scan on ");
        snprintf(scan, sizeof scan, "%s", s);
        if (u)
          sscanf(u + 6, "%95s", index);
        else if (strncmp(s, "Bitmap", 6) == 0 && on)
          sscanf(on + 8, "%95s", index);
      }
    }
    if (removed == 0 && (s = strstr(line, "Rows Removed by Filter: ")) != NULL)
      removed = strtol(s + 24, NULL, 10);
    p = nl ? nl + 1 : NULL;
  }
  cJSON_AddStringToObject(o, "scan", scan);
  if (index[0])
    cJSON_AddStringToObject(o, "index", index);
  else
    cJSON_AddNullToObject(o, "index");
  cJSON_AddBoolToObject(o, "seq_scan", seq);
  cJSON_AddNumberToObject(o, "rows_removed_by_filter", (double)removed);
  cJSON_AddStringToObject(o, "plan", plan);
  return o;
}

cJSON *bench_data_explain(const bench_data_t *d, const char *conninfo,
                          int run) {
  /* Each page statement with its first page's parameters as the sweep
   * passes them (sweep.c); the escalation statement once per level. */
  enum { STALE, LAPSES, DUE_SOON, OVERDUE, NPAGES };
  static const dsc_sql_id_t ids[NPAGES] = {
      DSC_SQL_SWEEP_STALE, DSC_SQL_SWEEP_LAPSES, DSC_SQL_SWEEP_ESCALATE,
      DSC_SQL_SWEEP_ESCALATE};
  static const char *const suffix[NPAGES] = {"", "", " (due soon)",
                                             " (overdue)"};
  char yesterday[DSC_DATE_STRLEN];
  cJSON *all = cJSON_CreateObject();

  fmt_date(d->sweep_day[run] - 1, yesterday);
  for (int i = 0; i < NPAGES; i++) {
    const dsc_sql_t *s = dsc__sql(ids[i]);
    char arg[96], key[96], *sql = NULL, *out = NULL, *mark;
    cJSON *one;

    if (s == NULL)
      continue;
    if (i == STALE)
      snprintf(arg, sizeof arg, "'%ld', '-1', '0'", d->generation);
    else if (i == LAPSES)
      snprintf(arg, sizeof arg, "'%s', '0001-01-01', '0'", d->sweep_day_s[run]);
    else if (i == DUE_SOON)
      snprintf(arg, sizeof arg, "'0', '%s', '0001-01-01', '0'",
               d->threshold_s[run]);
    else
      snprintf(arg, sizeof arg, "'1', '%s', '0001-01-01', '0'", yesterday);
    snprintf(key, sizeof key, "%s%s", s->name, suffix[i]);
    format_sql(&sql,
               "PREPARE bench_p AS %s;\n"
               "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY "
               "OFF) EXECUTE bench_p(%s);\n"
               "\\echo ====generic\n"
               "SET plan_cache_mode = force_generic_plan;\n"
               "EXPLAIN (COSTS OFF) EXECUTE bench_p(%s);\n",
               s->text, arg, arg);
    if (sql == NULL || bench_psql(conninfo, sql, &out) != 0 || out == NULL) {
      bench_log("sweep: EXPLAIN %s failed", key);
      free(sql);
      free(out);
      continue;
    }
    free(sql);
    one = cJSON_AddObjectToObject(all, key);
    mark = strstr(out, "====generic\n");
    if (mark) {
      cJSON *g, *cu;
      *mark = '\0';
      cu = plan_summary(out);
      g = plan_summary(mark + 12);
      cJSON_AddItemToObject(one, "custom", cu);
      cJSON_AddItemToObject(one, "generic", g);
      bench_log("EXPLAIN %s(%s): custom plan: %s; generic plan: %s%s", key, arg,
                cJSON_GetObjectItem(cu, "scan")->valuestring,
                cJSON_GetObjectItem(g, "scan")->valuestring,
                cJSON_IsTrue(cJSON_GetObjectItem(cu, "seq_scan")) ||
                        cJSON_IsTrue(cJSON_GetObjectItem(g, "seq_scan"))
                    ? " — SEQUENTIAL SCAN"
                    : "");
      fprintf(stderr, "%s", out);
    }
    free(out);
  }
  return all;
}

void bench_data_free(bench_data_t *d) { (void)d; }
