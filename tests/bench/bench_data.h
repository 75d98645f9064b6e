/* tests/bench/bench_data.h — the data set of the sweep, dashboard and
 * annual-report scenarios of disclose-bench (issue 5).
 *
 * Most rows are written by bulk SQL through psql (INSERT … SELECT
 * generate_series in two parallel sessions, the table's secondary indexes
 * dropped during the load and rebuilt after it, foreign-key triggers off),
 * because loading millions of requests through the API would take longer
 * than the whole bench may. The rows a deadline-worker pass acts on or
 * stands next to — holds that lapse during the bench and requests already
 * escalated as due soon — are made through the engine's API instead, so
 * their history and their stored deadline columns agree exactly, as the
 * sweep's replay expects.
 *
 * The business dates (Monday 2026-03-23 is "today"):
 *   - run k of the sweep (0-based) is the pass for today + k days;
 *   - the warm-up pass is for today - 3 (the Friday before), when nothing
 *     is due;
 *   - the holds of run k lapse on the day before run k's date (run 0: the
 *     Friday of the warm-up), so each pass applies one set;
 *   - the due-soon requests (escalation 1 already) are due on the first
 *     pass's due-soon threshold: none is overdue yet, none needs writing,
 *     so no pass should read them (they sit in the escalation index, next
 *     to the candidates);
 *   - every other open request is due after the last pass's threshold (up
 *     to 2026-12-31), or overdue and escalated long ago, or on a hold that
 *     lapses after the bench: none is read by the sweep.
 */
#ifndef DSC_BENCH_DATA_H
#define DSC_BENCH_DATA_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "disclose/date.h"

#define BENCH_TODAY_Y 2026
#define BENCH_TODAY_M 3
#define BENCH_TODAY_D 23
#define BENCH_DATA_MAX_RUNS 10

typedef struct bench_data_cfg {
  long open;         /* open requests */
  long total;        /* all requests */
  long year_n;       /* requests received in the report's year */
  int lapse_per_run; /* holds that lapse in each sweep run */
  int due_soon;      /* open requests already escalated as due soon */
  int runs;          /* sweep runs to prepare holds for */
} bench_data_cfg_t;

/* What the set-up needs from the engine (disclose_bench.c), run on the
 * loop thread: submissions received (and registered) on a date, the
 * `request-supplement` action with a reply window, and wd_add. Each
 * returns how many succeeded / DSC_DATE_NONE on failure. */
typedef struct bench_data_hooks {
  void *arg;
  int (*submit)(void *arg, int n, dsc_date_t received, const char *key_prefix,
                int64_t *ids);
  int (*request_supplement)(void *arg, const int64_t *ids, int n, dsc_date_t on,
                            int days);
  dsc_date_t (*add_workdays)(void *arg, dsc_date_t from, int n);
} bench_data_hooks_t;

typedef struct bench_data {
  int year; /* the annual report's year */
  long generation;
  double load_s; /* bulk load and index rebuild; 0 when reused */
  dsc_date_t warmup_day;
  char warmup_s[DSC_DATE_STRLEN];
  int runs;
  dsc_date_t sweep_day[BENCH_DATA_MAX_RUNS];
  char sweep_day_s[BENCH_DATA_MAX_RUNS][DSC_DATE_STRLEN];
  dsc_date_t threshold[BENCH_DATA_MAX_RUNS]; /* wd_add(day, 5) */
  char threshold_s[BENCH_DATA_MAX_RUNS][DSC_DATE_STRLEN];
} bench_data_t;

/* Loads the data set into the database of conninfo unless a previous run
 * left the same one there (the table bench_dataset says which), then adds
 * the lapsing holds for cfg->runs sweep runs. False on failure (printed). */
bool bench_data_prepare(const bench_data_cfg_t *cfg, const char *conninfo,
                        dsc_date_t today, const bench_data_hooks_t *hooks,
                        bench_data_t *out);

/* The rows sweep run `run` will read, phase by phase, counted with the
 * WHERE clauses of the sweep's statements (engine/pg/sql.c). */
typedef struct bench_visit {
  long stale, lapse, escalate;
} bench_visit_t;

bool bench_data_count_visits(const bench_data_t *d, const char *conninfo,
                             int run, bench_visit_t *out);

/* EXPLAIN (ANALYZE) of the sweep's three page statements, by their text in
 * the engine's statement registry, with the parameters of run `run`'s
 * first page of each phase (the escalation statement twice: due soon and
 * overdue), as a custom plan and as the generic plan a prepared statement
 * falls back to after five executions. Prints a summary and returns
 * {"<statement name>[ (due soon)| (overdue)]": {"custom"|"generic":
 * {"scan", "index", "seq_scan", "rows_removed_by_filter", "plan"}}}, or
 * NULL. */
cJSON *bench_data_explain(const bench_data_t *d, const char *conninfo, int run);

void bench_data_free(bench_data_t *d);

#endif
