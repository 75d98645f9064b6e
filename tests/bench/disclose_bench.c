/* tests/bench/disclose_bench.c — the benchmark suite of issue 5.
 *
 *   disclose-bench --conninfo CONNINFO [--data-conninfo CONNINFO] [--quick]
 *                  [--scenario NAME]... [--runs N] [--json PATH]
 *                  [--threads N] [--cap SECONDS]
 *
 * Drives the engine through its public C API against a real PostgreSQL and
 * prints one table: scenario, operations, median of the runs, min–max, the
 * ratio to the baseline measured in the same run, and the target of issue
 * 5. --json writes the same figures (see docs/performance.md for the keys).
 *
 * Scenarios (in the order they run):
 *   rss           peak RSS of the process with 10 k submissions in flight,
 *                 made on the loop thread, then from threads
 *   baseline      pgbench: one ~300-byte INSERT per transaction, 1 client
 *                 (the naive way; measured with pgbench because no C file
 *                 here may make a blocking libpq call); each run right
 *                 before the intake run of the same number
 *   intake        N threads calling dsc_request_submit_from_thread
 *   lifecycle     assign → draft → review → answer, many requests in flight
 *   backpressure  threads submitting far past max_queued for a few seconds
 *   sweep         one dsc_deadline_sweep pass over 1 M open requests
 *   dashboard     dsc_dashboard with 1 M open and 5 M total requests
 *   annual_report dsc_report_compile for a year holding 1 M requests
 *
 * The first five use the database of --conninfo; the last three a data set
 * loaded with bulk SQL through psql into --data-conninfo (by default the
 * same database: give a separate one, as ops/bench does, so that the
 * requests the first scenarios create do not change the data set's
 * counts).
 *
 * Exit status: 0 when every selected scenario ran (whatever its speed), 1
 * when one failed, 2 on a usage error. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uv.h>

#include "bench.h"
#include "bench_data.h"
#include "disclose/disclose.h"

/* ---- configuration ------------------------------------------------------- */

enum {
  SC_BASELINE,
  SC_RSS,
  SC_INTAKE,
  SC_LIFECYCLE,
  SC_BACKPRESSURE,
  SC_SWEEP,
  SC_DASHBOARD,
  SC_ANNUAL,
  SC__COUNT
};

static const char *const scenario_names[SC__COUNT] = {
    "baseline",     "rss",   "intake",    "lifecycle",
    "backpressure", "sweep", "dashboard", "annual_report"};

typedef struct cfg {
  const char *conninfo;
  const char *data_conninfo;
  const char *json_path;
  bool quick;
  bool stored; /* --stored: load the data set before the other scenarios */
  int runs;
  unsigned scenarios; /* bit per SC_* */
  int threads;        /* intake and back-pressure submitters */
  int intake_n;       /* submissions per intake run */
  int lifecycle_n;    /* requests per lifecycle run */
  int window;         /* lifecycle: actions in flight */
  double cap_s;       /* longest intake or lifecycle run, seconds */
  int rss_n;          /* submissions in flight for the rss scenario */
  double bp_s;        /* back-pressure: seconds of overload per run */
  int baseline_s;     /* pgbench -T per run */
  bench_data_cfg_t data;
} cfg_t;

/* ---- the bench ----------------------------------------------------------- */

typedef struct bench {
  cfg_t cfg;
  uv_loop_t loop;
  dsc_engine_t *engine; /* --conninfo */
  dsc_engine_t *data;   /* --data-conninfo */
  unsigned nonce;       /* makes idempotency keys unique across runs */
  dsc_date_t today;     /* the business date of every scenario */
  char today_s[DSC_DATE_STRLEN];
  /* received requests of the main database, for the lifecycle */
  int64_t *pool;
  size_t pool_n, pool_cap, pool_used;
  bool data_ready;
  bench_data_t dset;
  int failures;
  bool ran[SC__COUNT];
  /* figures */
  bench_metric_t baseline_tps;
  bench_metric_t rss_peak, rss_base, rss_threads_peak;
  bench_metric_t intake_rate, intake_p50, intake_p99, intake_busy;
  bench_metric_t intake_acked;
  bench_metric_t life_rate, life_errors, life_done;
  bench_metric_t bp_rate, bp_rss_growth, bp_busy, bp_rss_max;
  bench_metric_t sweep_ms, sweep_visited, sweep_lapsed;
  bench_metric_t dash_ms;
  bench_metric_t report_ms;
  double report_first_ms;
  bool report_first_stored;
  long intake_submitted, life_transitions, bp_accepted_total;
  double bp_rate_min, bp_rate_max, bp_rss_min_mib, bp_rss_max_mib;
  cJSON *extra; /* everything else that goes to results.json */
} bench_t;

static const dsc_ctx_t *ctx_as(bench_t *b, const char *actor, dsc_ctx_t *c) {
  c->actor = actor;
  c->on = c->today = b->today;
  return c;
}

/* ---- waiting for the engine ---------------------------------------------- */

typedef struct call {
  bool done;
  dsc_err_t err;
  dsc_detail_t detail;
  int64_t id;
  cJSON *json;
} call_t;

static void on_call(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  call_t *c = data;
  (void)engine;
  c->done = true;
  c->err = r->err;
  c->detail = r->detail;
  c->id = r->id;
  c->json = r->json;
  r->json = NULL;
}

static void run_until(bench_t *b, const bool *flag) {
  while (!*flag)
    uv_run(&b->loop, UV_RUN_ONCE);
}

/* Waits for the call that `started` says was queued. */
static dsc_err_t call_wait(bench_t *b, call_t *c, dsc_err_t started) {
  if (started != DSC_OK) {
    c->done = true;
    c->err = started;
    dsc_detail_set(&c->detail, started, NULL, NULL, NULL);
    return started;
  }
  run_until(b, &c->done);
  return c->err;
}

static void call_clear(call_t *c) {
  cJSON_Delete(c->json);
  memset(c, 0, sizeof *c);
}

static void print_err(const char *what, dsc_err_t err, const dsc_detail_t *d) {
  char buf[600];
  bench_log("%s: %s (%s)", what,
            d ? dsc_detail_format(d, DSC_LANG_EN, buf, sizeof buf)
              : dsc_strerror(err, DSC_LANG_EN),
            dsc_err_name(err));
}

static double ms_since(uint64_t t0) {
  return (double)(bench_now_ns() - t0) / 1e6;
}

/* Whether a scenario whose runs each take long does one more: always up to
 * three (a median needs them), then only while the scenario has used less
 * than budget_s, so that a slow engine cannot push the whole bench past
 * its ten minutes. The table shows how many runs were made. */
static bool another_run(const bench_t *b, int done, uint64_t t0,
                        double budget_s) {
  if (done >= b->cfg.runs)
    return false;
  if (done < 3)
    return true;
  return ms_since(t0) / 1000 < budget_s;
}

static void pool_push(bench_t *b, int64_t id) {
  if (b->pool_n == b->pool_cap) {
    size_t cap = b->pool_cap ? 2 * b->pool_cap : 65536;
    int64_t *p = realloc(b->pool, cap * sizeof *p);
    if (p == NULL)
      return;
    b->pool = p;
    b->pool_cap = cap;
  }
  b->pool[b->pool_n++] = id;
}

/* One valid application (CONTRACT §5) of about 450 bytes, with its own
 * idempotency key and applicant name. */
static int submission_json(char *buf, size_t len, const char *received,
                           const char *key, long n) {
  return snprintf(
      buf, len,
      "{\"agency\": \"default\", \"channel\": \"online\", "
      "\"received_on\": \"%s\", "
      "\"applicant\": {\"type\": \"natural_person\", \"name\": \"申请人%ld\", "
      "\"id_number\": \"11010519491231002X\", \"phone\": \"13800000000\", "
      "\"email\": \"bench@example.cn\", "
      "\"address\": \"北京市朝阳区某路1号\"}, "
      "\"description\": \"2025年度本机关财政预算执行情况及相关会议纪要（第%ld"
      "号）\", "
      "\"form\": \"electronic\", \"idempotency_key\": \"%s\"}",
      received, n, n, key);
}

/* ---- bulk submissions on the loop thread (set-up, rss) --------------------
 */

typedef struct bulk {
  bench_t *b;
  int accepted, acked, failed, busy;
  bool done;
  int64_t *ids; /* acked ids, in any order; may be NULL */
  int nids;
  dsc_detail_t first_error;
  bool has_error;
} bulk_t;

static void on_bulk(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  bulk_t *k = data;
  (void)engine;
  if (r->err == DSC_OK) {
    k->acked++;
    if (k->ids)
      k->ids[k->nids++] = r->id;
  } else {
    k->failed++;
    if (!k->has_error) {
      k->first_error = r->detail;
      k->has_error = true;
    }
  }
  if (k->acked + k->failed == k->accepted)
    k->done = true;
}

/* Submits n applications received on `received` (registered that day) in
 * one loop turn at most `chunk` at a time, waiting for each chunk; ids (n
 * slots, may be NULL) receives the new ids. Returns the number acked. */
static int submit_bulk(bench_t *b, dsc_engine_t *e, int n, dsc_date_t received,
                       const char *key_prefix, int chunk, int64_t *ids) {
  char date[DSC_DATE_STRLEN], key[96], json[1024];
  dsc_ctx_t ctx = {.actor = "admin", .on = received, .today = received};
  int total = 0;

  dsc_date_format(received, date);
  for (int start = 0; start < n; start += chunk) {
    bulk_t k = {.b = b, .ids = ids ? ids + total : NULL};
    int end = start + chunk < n ? start + chunk : n;
    for (int i = start; i < end; i++) {
      int len;
      dsc_err_t err;
      snprintf(key, sizeof key, "%s-%d", key_prefix, i);
      len = submission_json(json, sizeof json, date, key, i);
      err = dsc_request_submit(e, &ctx, json, (size_t)len, on_bulk, &k);
      if (err == DSC_OK)
        k.accepted++;
      else if (err == DSC_BUSY)
        k.busy++;
      else {
        print_err("dsc_request_submit", err, NULL);
        break;
      }
    }
    if (k.accepted > 0)
      run_until(b, &k.done);
    if (k.has_error)
      print_err("a set-up submission", k.first_error.code, &k.first_error);
    total += k.acked;
    if (k.acked < end - start)
      break;
  }
  return total;
}

/* ---- baseline -------------------------------------------------------------
 */

/* pgbench -n -f SCRIPT -c 1 -T S: one INSERT of a ~300-byte row per
 * transaction from one connection, committed with the server's durability.
 * Its "tps = N (without initial connection time)" line is the figure. */
static const char baseline_script[] =
    "INSERT INTO bench_baseline (payload) VALUES "
    "('baseline: one row of about three hundred bytes, inserted and "
    "committed alone from one connection, the naive way a job system "
    "enqueues: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
    "abcdef0123456789abcdef0123456789abcdef0123456789abcdef01234567');\n";

static bool baseline_setup(bench_t *b) {
  static const char setup[] =
      "CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, "
      "created_at timestamptz NOT NULL DEFAULT now(), payload text NOT "
      "NULL);\n"
      "TRUNCATE bench_baseline;\n";
  char path[256];
  const char *argv[] = {"pgbench",       "-n", "-f", path, "-c", "1", "-T", "2",
                        b->cfg.conninfo, NULL};
  char *out = NULL;

  if (bench_psql(b->cfg.conninfo, setup, NULL) != 0 ||
      !bench_temp_file(baseline_script, path, sizeof path)) {
    bench_log("baseline: cannot create its table or script");
    b->failures++;
    return false;
  }
  /* Untimed: the first seconds on a new table run several times slower
   * (new pages, new WAL segments) than the steady state measured. */
  bench_run(argv, NULL, &out);
  free(out);
  unlink(path);
  return true;
}

/* One run: pgbench -n -f SCRIPT -c 1 -T S, one INSERT of a ~300-byte row
 * per transaction from one connection, committed with the server's
 * durability. Its "tps = N (without initial connection time)" line is the
 * figure. */
static bool baseline_run(bench_t *b, int run) {
  char path[256], secs[16], *out = NULL, *p;
  const char *argv[] = {
      "pgbench",       "-n", "-f", path, "-c", "1", "-T", secs,
      b->cfg.conninfo, NULL};
  int rc;

  if (!bench_temp_file(baseline_script, path, sizeof path)) {
    b->failures++;
    return false;
  }
  snprintf(secs, sizeof secs, "%d", b->cfg.baseline_s);
  rc = bench_run(argv, NULL, &out);
  unlink(path);
  p = out ? strstr(out, "tps = ") : NULL;
  if (rc != 0 || p == NULL) {
    bench_log("baseline: pgbench failed (status %d)%s%s", rc, out ? ":\n" : "",
              out ? out : "");
    free(out);
    b->failures++;
    return false;
  }
  bench_metric_add(&b->baseline_tps, strtod(p + 6, NULL));
  bench_log("baseline run %d: %.0f tps (pgbench, 1 client, %d s)", run + 1,
            strtod(p + 6, NULL), b->cfg.baseline_s);
  free(out);
  return true;
}

static void baseline_teardown(bench_t *b) {
  bench_psql(b->cfg.conninfo, "DROP TABLE IF EXISTS bench_baseline;\n", NULL);
}

static void sc_baseline(bench_t *b) {
  if (!baseline_setup(b))
    return;
  for (int run = 0; run < b->cfg.runs; run++)
    if (!baseline_run(b, run))
      break;
  baseline_teardown(b);
}

/* ---- rss ------------------------------------------------------------------
 */

/* Peak RSS of the whole process (engine, libpq, libuv, cJSON and this
 * bench's own small state) while rss_n submissions are in flight: all made
 * in one loop turn before the loop runs, then the loop runs until every
 * one is acknowledged. The high-water mark is reset first, so earlier
 * scenarios do not count. */
static void sc_rss(bench_t *b) {
  for (int run = 0; run < b->cfg.runs && run < 3; run++) {
    char date[DSC_DATE_STRLEN], key[96], json[1024];
    dsc_ctx_t ctx = {0};
    bulk_t k = {.b = b};
    long base, peak;
    struct rusage ru;
    bool reset = bench_hwm_reset();
    int n = b->cfg.rss_n;

    k.ids = malloc((size_t)n * sizeof *k.ids);
    if (k.ids == NULL) {
      b->failures++;
      return;
    }
    base = bench_rss_kib();
    ctx_as(b, "admin", &ctx);
    dsc_date_format(b->today, date);
    for (int i = 0; i < n; i++) {
      int len;
      dsc_err_t err;
      snprintf(key, sizeof key, "rss-%08x-%d-%d", b->nonce, run, i);
      len = submission_json(json, sizeof json, date, key, i);
      err = dsc_request_submit(b->engine, &ctx, json, (size_t)len, on_bulk, &k);
      if (err == DSC_OK)
        k.accepted++;
      else if (err == DSC_BUSY)
        k.busy++;
      else {
        print_err("rss: dsc_request_submit", err, NULL);
        break;
      }
    }
    if (k.accepted > 0)
      run_until(b, &k.done);
    peak = bench_hwm_kib();
    if (!reset && getrusage(RUSAGE_SELF, &ru) == 0)
      peak = ru.ru_maxrss;
    for (int i = 0; i < k.nids; i++)
      pool_push(b, k.ids[i]);
    free(k.ids);
    if (k.has_error)
      print_err("rss: a submission", k.first_error.code, &k.first_error);
    if (k.failed > 0 || k.acked == 0) {
      b->failures++;
      return;
    }
    bench_metric_add(&b->rss_peak, (double)peak / 1024.0);
    bench_metric_add(&b->rss_base, (double)base / 1024.0);
    bench_log("rss run %d: %d in flight (%d refused busy), peak %.1f MiB "
              "(%.1f MiB before submitting)%s",
              run + 1, k.accepted, k.busy, (double)peak / 1024.0,
              (double)base / 1024.0,
              reset ? "" : " [lifetime peak: clear_refs unavailable]");
  }
}

/* ---- submitter threads (intake, back-pressure) ----------------------------
 */

typedef struct feed feed_t;

typedef struct feed_slot {
  feed_t *f;
  uint64_t submit_ns, ack_ns;
  bool ok;
} feed_slot_t;

typedef struct feeder {
  feed_t *f;
  int index;
  uv_thread_t thread;
} feeder_t;

struct feed {
  bench_t *b;
  dsc_engine_t *engine;
  dsc_ctx_t ctx;
  char received[DSC_DATE_STRLEN];
  char key_prefix[48];
  int total;          /* indices to hand out */
  feed_slot_t *slots; /* per submission (intake), or NULL (back-pressure) */
  bool nap_on_busy;
  bool give_up_on_busy; /* rss: nobody drains the queue meanwhile */
  atomic_int next;
  atomic_int submitted;
  atomic_long busy;
  atomic_int sync_failed;
  atomic_bool stop;
  atomic_int threads_done;
  int nthreads;
  uv_async_t wake;
  uv_timer_t cap, sample;
  bool done;
  /* loop thread */
  int acked, failed;
  uint64_t start_ns, last_ack_ns;
  dsc_detail_t first_error;
  bool has_error;
  bool pool_ids;
  /* back-pressure samples */
  int nsamples;
  double rate[64];
  double rss_mib[64];
  int acked_at_last;
  uint64_t last_sample_ns;
};

static void feed_check_done(feed_t *f) {
  if (atomic_load(&f->threads_done) == f->nthreads &&
      f->acked + f->failed == atomic_load(&f->submitted))
    f->done = true;
}

static void feed_ack(feed_t *f, dsc_result_t *r) {
  f->last_ack_ns = bench_now_ns();
  if (r->err == DSC_OK) {
    f->acked++;
    if (f->pool_ids)
      pool_push(f->b, r->id);
  } else {
    f->failed++;
    if (!f->has_error) {
      f->first_error = r->detail;
      f->has_error = true;
    }
  }
  feed_check_done(f);
}

static void on_feed_slot(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  feed_slot_t *s = data;
  (void)engine;
  s->ack_ns = bench_now_ns();
  s->ok = r->err == DSC_OK;
  feed_ack(s->f, r);
}

static void on_feed_plain(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  (void)engine;
  feed_ack(data, r);
}

static void on_feed_wake(uv_async_t *h) { feed_check_done(h->data); }

static void on_feed_cap(uv_timer_t *t) {
  feed_t *f = t->data;
  atomic_store(&f->stop, true);
  uv_timer_stop(&f->sample); /* the overload is over: the queue drains */
}

static void on_feed_sample(uv_timer_t *t) {
  feed_t *f = t->data;
  uint64_t now = bench_now_ns();
  if (f->nsamples < 64 && f->last_sample_ns != 0) {
    f->rate[f->nsamples] = (double)(f->acked - f->acked_at_last) /
                           ((double)(now - f->last_sample_ns) / 1e9);
    f->rss_mib[f->nsamples] = (double)bench_rss_kib() / 1024.0;
    f->nsamples++;
  }
  f->acked_at_last = f->acked;
  f->last_sample_ns = now;
}

static void nap_us(long us) {
  struct timespec ts = {0, us * 1000};
  nanosleep(&ts, NULL);
}

static void feed_thread(void *arg) {
  feeder_t *t = arg;
  feed_t *f = t->f;
  char json[1024], key[96];

  while (!atomic_load(&f->stop)) {
    int i = atomic_fetch_add(&f->next, 1);
    int len;
    if (i >= f->total)
      break;
    snprintf(key, sizeof key, "%s-%d", f->key_prefix, i);
    len = submission_json(json, sizeof json, f->received, key, i);
    for (;;) {
      dsc_err_t err;
      feed_slot_t *s = f->slots ? &f->slots[i] : NULL;
      if (s)
        s->submit_ns = bench_now_ns();
      err = dsc_request_submit_from_thread(
          f->engine, &f->ctx, json, (size_t)len,
          s ? on_feed_slot : on_feed_plain, s ? (void *)s : (void *)f);
      if (err == DSC_OK) {
        atomic_fetch_add(&f->submitted, 1);
        break;
      }
      if (err == DSC_BUSY) {
        atomic_fetch_add(&f->busy, 1);
        if (atomic_load(&f->stop) || f->give_up_on_busy)
          break;
        if (f->nap_on_busy)
          nap_us(50);
        continue;
      }
      atomic_fetch_add(&f->sync_failed, 1);
      break;
    }
  }
  atomic_fetch_add(&f->threads_done, 1);
  uv_async_send(&f->wake);
}

static void on_handle_closed(uv_handle_t *h) { (void)h; }

/* Runs the feed's threads until they have handed out every index (or the
 * cap or duration passed) and every accepted submission was answered. */
static bool feed_run(bench_t *b, feed_t *f, double cap_s, double sample_s) {
  feeder_t *threads = calloc((size_t)f->nthreads, sizeof *threads);
  int started = 0;

  if (threads == NULL)
    return false;
  uv_async_init(&b->loop, &f->wake, on_feed_wake);
  f->wake.data = f;
  uv_timer_init(&b->loop, &f->cap);
  f->cap.data = f;
  uv_timer_init(&b->loop, &f->sample);
  f->sample.data = f;
  /* The loop's clock stood still while psql or pgbench ran: without this
   * the timers would fire early. */
  uv_update_time(&b->loop);
  f->start_ns = bench_now_ns();
  /* With samples, the cap comes just after the last one is taken. */
  uv_timer_start(&f->cap, on_feed_cap,
                 (uint64_t)(cap_s * 1000) + (sample_s > 0 ? 50 : 0), 0);
  if (sample_s > 0) {
    f->last_sample_ns = f->start_ns;
    uv_timer_start(&f->sample, on_feed_sample, (uint64_t)(sample_s * 1000),
                   (uint64_t)(sample_s * 1000));
  }
  for (int i = 0; i < f->nthreads; i++) {
    threads[i].f = f;
    threads[i].index = i;
    if (uv_thread_create(&threads[i].thread, feed_thread, &threads[i]) != 0)
      break;
    started++;
  }
  if (started < f->nthreads) {
    bench_log("cannot start the submitter threads");
    atomic_store(&f->stop, true);
    atomic_fetch_add(&f->threads_done, f->nthreads - started);
  }
  run_until(b, &f->done);
  for (int i = 0; i < started; i++)
    uv_thread_join(&threads[i].thread);
  free(threads);
  uv_timer_stop(&f->cap);
  uv_timer_stop(&f->sample);
  uv_close((uv_handle_t *)&f->wake, on_handle_closed);
  uv_close((uv_handle_t *)&f->cap, on_handle_closed);
  uv_close((uv_handle_t *)&f->sample, on_handle_closed);
  uv_run(&b->loop, UV_RUN_NOWAIT);
  return started == f->nthreads;
}

/* ---- rss, from threads ---------------------------------------------------
 */

/* The same, with the submissions made by the submitter threads while the
 * loop does not run: they are validated on those threads (their memory
 * comes from the threads' malloc arenas) and wait in the engine's inbox
 * until the loop takes them. */
static void rss_threads_run(bench_t *b, int run) {
  feed_t *f = calloc(1, sizeof *f);
  feeder_t *threads = calloc((size_t)b->cfg.threads, sizeof *threads);
  long base, peak;
  bool reset;
  int started = 0;

  if (f == NULL || threads == NULL) {
    free(f);
    free(threads);
    b->failures++;
    return;
  }
  f->b = b;
  f->engine = b->engine;
  ctx_as(b, "admin", &f->ctx);
  dsc_date_format(b->today, f->received);
  snprintf(f->key_prefix, sizeof f->key_prefix, "rsst-%08x-%d", b->nonce, run);
  f->total = b->cfg.rss_n;
  f->nthreads = b->cfg.threads;
  f->give_up_on_busy = true;
  f->pool_ids = true;
  atomic_init(&f->next, 0);
  atomic_init(&f->submitted, 0);
  atomic_init(&f->busy, 0);
  atomic_init(&f->sync_failed, 0);
  atomic_init(&f->stop, false);
  atomic_init(&f->threads_done, 0);
  uv_async_init(&b->loop, &f->wake, on_feed_wake);
  f->wake.data = f;
  reset = bench_hwm_reset();
  base = bench_rss_kib();
  for (int i = 0; i < f->nthreads; i++) {
    threads[i].f = f;
    threads[i].index = i;
    if (uv_thread_create(&threads[i].thread, feed_thread, &threads[i]) != 0)
      break;
    started++;
  }
  for (int i = 0; i < started; i++)
    uv_thread_join(&threads[i].thread);
  atomic_fetch_add(&f->threads_done, f->nthreads - started);
  f->start_ns = bench_now_ns();
  run_until(b, &f->done);
  peak = bench_hwm_kib();
  uv_close((uv_handle_t *)&f->wake, on_handle_closed);
  uv_run(&b->loop, UV_RUN_NOWAIT);
  if (f->has_error)
    print_err("rss (threads): a submission", f->first_error.code,
              &f->first_error);
  bench_log("rss (threads) run %d: %d in flight (%ld refused busy), peak "
            "%.1f MiB (%.1f MiB before submitting)%s",
            run + 1, atomic_load(&f->submitted), (long)atomic_load(&f->busy),
            (double)peak / 1024.0, (double)base / 1024.0,
            reset ? "" : " [lifetime peak: clear_refs unavailable]");
  if (started < f->nthreads || f->failed > 0 || f->acked == 0)
    b->failures++;
  else
    bench_metric_add(&b->rss_threads_peak, (double)peak / 1024.0);
  free(threads);
  free(f);
}

/* ---- intake ---------------------------------------------------------------
 */

static void intake_run(bench_t *b, int run) {
  feed_t *f = calloc(1, sizeof *f);
  double *lat;
  size_t nlat = 0;
  double secs, rate;
  int n = b->cfg.intake_n;

  if (f == NULL || (f->slots = calloc((size_t)n, sizeof *f->slots)) == NULL) {
    free(f);
    b->failures++;
    return;
  }
  f->b = b;
  f->engine = b->engine;
  ctx_as(b, "admin", &f->ctx);
  dsc_date_format(b->today, f->received);
  snprintf(f->key_prefix, sizeof f->key_prefix, "in-%08x-%d", b->nonce, run);
  f->total = n;
  f->nthreads = b->cfg.threads;
  f->nap_on_busy = true;
  f->pool_ids = true;
  for (int i = 0; i < n; i++)
    f->slots[i].f = f;
  atomic_init(&f->next, 0);
  atomic_init(&f->submitted, 0);
  atomic_init(&f->busy, 0);
  atomic_init(&f->sync_failed, 0);
  atomic_init(&f->stop, false);
  atomic_init(&f->threads_done, 0);
  if (!feed_run(b, f, b->cfg.cap_s, 0)) {
    b->failures++;
    free(f->slots);
    free(f);
    return;
  }
  lat = malloc((size_t)n * sizeof *lat);
  for (int i = 0; lat && i < n; i++)
    if (f->slots[i].ok)
      lat[nlat++] = (double)(f->slots[i].ack_ns - f->slots[i].submit_ns) / 1e6;
  secs = (double)(f->last_ack_ns - f->start_ns) / 1e9;
  rate = secs > 0 ? f->acked / secs : 0;
  if (f->has_error)
    print_err("intake: a submission failed", f->first_error.code,
              &f->first_error);
  if (atomic_load(&f->sync_failed) > 0)
    bench_log("intake: %d submit calls failed at once",
              atomic_load(&f->sync_failed));
  bench_log("intake run %d: %d acknowledged of %d accepted in %.2f s "
            "(%.0f/s), %ld busy returns%s",
            run + 1, f->acked, atomic_load(&f->submitted), secs, rate,
            (long)atomic_load(&f->busy),
            f->acked < n ? " [stopped at the time cap]" : "");
  if (f->failed > 0 || atomic_load(&f->sync_failed) > 0 || f->acked == 0)
    b->failures++;
  if (f->acked > 0) {
    bench_metric_add(&b->intake_rate, rate);
    bench_metric_add(&b->intake_p50, bench_quantile(lat, nlat, 0.50));
    bench_metric_add(&b->intake_p99, bench_quantile(lat, nlat, 0.99));
    bench_metric_add(&b->intake_busy, (double)atomic_load(&f->busy));
    bench_metric_add(&b->intake_acked, (double)f->acked);
    b->intake_submitted = f->acked;
  }
  free(lat);
  free(f->slots);
  free(f);
}

/* The intake runs, each right after a baseline run when the baseline is
 * measured too: the machine's disk and CPU are shared, and a ratio is
 * fairest between figures taken minutes apart at most. */
static void sc_intake(bench_t *b, bool with_baseline) {
  if (with_baseline && !baseline_setup(b))
    with_baseline = false;
  for (int run = 0; run < b->cfg.runs; run++) {
    if (with_baseline)
      baseline_run(b, run);
    intake_run(b, run);
  }
  if (with_baseline)
    baseline_teardown(b);
}

/* ---- lifecycle ------------------------------------------------------------
 */

typedef struct life life_t;

typedef struct chain {
  life_t *lf;
  int64_t id;
  int step; /* 0 assign, 1 draft, 2 review, 3 answer, 4 done */
} chain_t;

struct life {
  bench_t *b;
  chain_t *chains;
  const int64_t *ids;
  size_t nids, next;
  int inflight;
  long transitions, errors;
  bool stop, done;
  uint64_t start_ns, last_ns;
  dsc_ctx_t clerk, handler, reviewer;
  dsc_detail_t first_error;
  int first_error_step;
  bool has_error;
  uv_timer_t cap;
};

static void on_life(dsc_engine_t *engine, dsc_result_t *r, void *data);

static void life_error(life_t *lf, int step, dsc_err_t err,
                       const dsc_detail_t *d) {
  lf->errors++;
  if (!lf->has_error) {
    lf->has_error = true;
    lf->first_error_step = step;
    if (d)
      lf->first_error = *d;
    else
      dsc_detail_set(&lf->first_error, err, NULL, NULL, NULL);
  }
}

/* Starts the chain's next action; false when it could not be queued (the
 * chain is then over). */
static bool life_issue(chain_t *c) {
  life_t *lf = c->lf;
  dsc_action_args_t a;
  const dsc_ctx_t *ctx = &lf->clerk;
  dsc_action_t action = DSC_ACTION_ASSIGN;
  dsc_err_t err;

  memset(&a, 0, sizeof a);
  switch (c->step) {
  case 0:
    a.to = "bench_h";
    break;
  case 1:
    action = DSC_ACTION_DRAFT;
    ctx = &lf->handler;
    a.outcome = DSC_OUTCOME_DISCLOSED;
    a.text = "经检索，现将相关信息提供如下。";
    break;
  case 2:
    action = DSC_ACTION_REVIEW;
    ctx = &lf->reviewer;
    a.approve = true;
    break;
  default:
    action = DSC_ACTION_ANSWER;
    a.channel = "online";
    break;
  }
  err = dsc_request_act(lf->b->engine, ctx, c->id, action, &a, on_life, c);
  if (err != DSC_OK) {
    life_error(lf, c->step, err, NULL);
    return false;
  }
  lf->inflight++;
  return true;
}

/* Gives the chain the next request, until one could be started. */
static void life_refill(chain_t *c) {
  life_t *lf = c->lf;
  while (!lf->stop && lf->next < lf->nids) {
    c->id = lf->ids[lf->next++];
    c->step = 0;
    if (life_issue(c))
      return;
  }
  c->step = 4;
}

static void life_check_done(life_t *lf) {
  if (lf->inflight == 0)
    lf->done = true;
}

static void on_life(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  chain_t *c = data;
  life_t *lf = c->lf;
  (void)engine;
  lf->inflight--;
  lf->last_ns = bench_now_ns();
  if (r->err == DSC_OK) {
    lf->transitions++;
    c->step++;
  } else {
    life_error(lf, c->step, r->err, &r->detail);
    c->step = 4;
  }
  if (c->step < 4 && !lf->stop) {
    if (!life_issue(c))
      life_refill(c);
  } else {
    life_refill(c);
  }
  life_check_done(lf);
}

static void on_life_cap(uv_timer_t *t) {
  life_t *lf = t->data;
  lf->stop = true;
}

static const char *const life_steps[] = {"assign", "draft", "review", "answer"};

static void sc_lifecycle(bench_t *b) {
  int n = b->cfg.lifecycle_n, window = b->cfg.window;

  for (int run = 0; run < b->cfg.runs; run++) {
    life_t lf;
    size_t avail = b->pool_n - b->pool_used;
    double secs, rate;

    /* Requests left by the intake are moved first; more are submitted
     * (untimed) only when fewer are left than a run could use. */
    int want = n < 25000 ? n : 25000;
    if (avail < (size_t)want) {
      char prefix[48];
      int need = want - (int)avail, got;
      int64_t *ids = malloc((size_t)need * sizeof *ids);
      uint64_t t0 = bench_now_ns();
      if (ids == NULL) {
        b->failures++;
        return;
      }
      snprintf(prefix, sizeof prefix, "lc-%08x-%d", b->nonce, run);
      got = submit_bulk(b, b->engine, need, b->today, prefix, 5000, ids);
      for (int i = 0; i < got; i++)
        pool_push(b, ids[i]);
      free(ids);
      bench_log("lifecycle: submitted %d requests to move (%.1f s, untimed)",
                got, ms_since(t0) / 1000);
      avail = b->pool_n - b->pool_used;
      if (avail == 0) {
        b->failures++;
        return;
      }
    }
    memset(&lf, 0, sizeof lf);
    lf.b = b;
    lf.ids = b->pool + b->pool_used;
    lf.nids = avail < (size_t)n ? avail : (size_t)n;
    ctx_as(b, "admin", &lf.clerk);
    ctx_as(b, "bench_h", &lf.handler);
    ctx_as(b, "bench_r", &lf.reviewer);
    lf.chains = calloc((size_t)window, sizeof *lf.chains);
    if (lf.chains == NULL) {
      b->failures++;
      return;
    }
    uv_timer_init(&b->loop, &lf.cap);
    lf.cap.data = &lf;
    uv_update_time(&b->loop); /* see feed_run */
    lf.start_ns = lf.last_ns = bench_now_ns();
    uv_timer_start(&lf.cap, on_life_cap, (uint64_t)(b->cfg.cap_s * 1000), 0);
    for (int i = 0; i < window; i++) {
      lf.chains[i].lf = &lf;
      life_refill(&lf.chains[i]);
    }
    life_check_done(&lf);
    run_until(b, &lf.done);
    uv_timer_stop(&lf.cap);
    uv_close((uv_handle_t *)&lf.cap, on_handle_closed);
    uv_run(&b->loop, UV_RUN_NOWAIT);
    secs = (double)(lf.last_ns - lf.start_ns) / 1e9;
    rate = secs > 0 ? (double)lf.transitions / secs : 0;
    if (lf.has_error) {
      char what[96];
      snprintf(what, sizeof what,
               "lifecycle: %ld actions failed; the first (%s)", lf.errors,
               life_steps[lf.first_error_step & 3]);
      print_err(what, lf.first_error.code, &lf.first_error);
    }
    bench_log("lifecycle run %d: %ld transitions of %zu requests in %.2f s "
              "(%.0f/s), %ld errors%s",
              run + 1, lf.transitions, lf.next, secs, rate, lf.errors,
              lf.transitions < 4 * (long)lf.nids ? " [stopped at the time cap]"
                                                 : "");
    free(lf.chains);
    b->pool_used += lf.next; /* the requests the run took up */
    if (lf.transitions == 0) {
      b->failures++;
      return;
    }
    if (lf.errors > 0)
      b->failures++;
    bench_metric_add(&b->life_rate, rate);
    bench_metric_add(&b->life_errors, (double)lf.errors);
    bench_metric_add(&b->life_done, (double)lf.transitions);
    b->life_transitions = lf.transitions;
  }
}

/* ---- back-pressure --------------------------------------------------------
 */

/* The threads submit without pause for bp_s seconds, retrying after a
 * 50 µs nap on every DSC_BUSY: far more than the engine can commit, so the
 * queue stays full. Every second the loop samples the acknowledgements per
 * second and the process's RSS; then the queue drains. */
static void sc_backpressure(bench_t *b) {
  /* Three runs at most: each ends with a full queue to drain. */
  for (int run = 0; run < b->cfg.runs && run < 3; run++) {
    feed_t *f = calloc(1, sizeof *f);
    double rmin = 0, rmax = 0, smin = 0, smax = 0, rates[64];
    int first, used;
    double secs;

    if (f == NULL) {
      b->failures++;
      return;
    }
    f->b = b;
    f->engine = b->engine;
    ctx_as(b, "admin", &f->ctx);
    dsc_date_format(b->today, f->received);
    snprintf(f->key_prefix, sizeof f->key_prefix, "bp-%08x-%d", b->nonce, run);
    f->total = 100000000;
    f->nthreads = b->cfg.threads;
    f->nap_on_busy = true;
    f->pool_ids = true;
    atomic_init(&f->next, 0);
    atomic_init(&f->submitted, 0);
    atomic_init(&f->busy, 0);
    atomic_init(&f->sync_failed, 0);
    atomic_init(&f->stop, false);
    atomic_init(&f->threads_done, 0);
    if (!feed_run(b, f, b->cfg.bp_s, 1.0)) {
      b->failures++;
      free(f);
      return;
    }
    secs = (double)(f->last_ack_ns - f->start_ns) / 1e9;
    /* The first second fills the queue: the flat part comes after. */
    first = f->nsamples > 1 ? 1 : 0;
    used = 0;
    for (int i = first; i < f->nsamples; i++) {
      rates[used++] = f->rate[i];
      if (i == first || f->rate[i] < rmin)
        rmin = f->rate[i];
      if (i == first || f->rate[i] > rmax)
        rmax = f->rate[i];
      if (i == first || f->rss_mib[i] < smin)
        smin = f->rss_mib[i];
      if (i == first || f->rss_mib[i] > smax)
        smax = f->rss_mib[i];
    }
    if (f->has_error)
      print_err("backpressure: a submission failed", f->first_error.code,
                &f->first_error);
    {
      char series[64 * 24] = "";
      size_t used_len = 0;
      for (int i = 0; i < f->nsamples && used_len < sizeof series - 24; i++)
        used_len += (size_t)snprintf(series + used_len,
                                     sizeof series - used_len, "%s%.0f/%.1f",
                                     i ? " " : "", f->rate[i], f->rss_mib[i]);
      bench_log("backpressure run %d: acks/s / RSS MiB, second by second: %s",
                run + 1, series);
    }
    bench_log("backpressure run %d: %d accepted, %ld busy returns in %.1f s; "
              "acks/s per second after the first %.0f–%.0f; RSS "
              "%.1f–%.1f MiB",
              run + 1, atomic_load(&f->submitted), (long)atomic_load(&f->busy),
              secs, rmin, rmax, smin, smax);
    if (f->failed > 0 || f->acked == 0 || used == 0)
      b->failures++;
    if (used > 0) {
      bench_metric_add(&b->bp_rate, bench_quantile(rates, (size_t)used, 0.5));
      bench_metric_add(&b->bp_busy, (double)atomic_load(&f->busy));
      bench_metric_add(&b->bp_rss_growth, smax - smin);
      bench_metric_add(&b->bp_rss_max, smax);
      if (b->bp_rate_min == 0 || rmin < b->bp_rate_min)
        b->bp_rate_min = rmin;
      if (rmax > b->bp_rate_max)
        b->bp_rate_max = rmax;
      if (b->bp_rss_min_mib == 0 || smin < b->bp_rss_min_mib)
        b->bp_rss_min_mib = smin;
      if (smax > b->bp_rss_max_mib)
        b->bp_rss_max_mib = smax;
      b->bp_accepted_total += atomic_load(&f->submitted);
    }
    free(f);
  }
}

/* ---- the data set (sweep, dashboard, annual report) ------------------------
 */

/* The set-up submissions and actions of bench_data.c, on the data engine. */
static int data_submit(void *arg, int n, dsc_date_t received,
                       const char *key_prefix, int64_t *ids) {
  bench_t *b = arg;
  return submit_bulk(b, b->data, n, received, key_prefix, 5000, ids);
}

typedef struct acts {
  bench_t *b;
  int inflight, ok, failed;
  bool done;
  dsc_detail_t first_error;
  bool has_error;
} acts_t;

static void on_acts(dsc_engine_t *engine, dsc_result_t *r, void *data) {
  acts_t *a = data;
  (void)engine;
  a->inflight--;
  if (r->err == DSC_OK)
    a->ok++;
  else {
    a->failed++;
    if (!a->has_error) {
      a->first_error = r->detail;
      a->has_error = true;
    }
  }
  if (a->inflight == 0)
    a->done = true;
}

static int data_request_supplement(void *arg, const int64_t *ids, int n,
                                   dsc_date_t on, int days) {
  bench_t *b = arg;
  dsc_ctx_t ctx = {.actor = "admin", .on = on, .today = on};
  int ok = 0;

  for (int start = 0; start < n; start += 1000) {
    acts_t a = {.b = b};
    int end = start + 1000 < n ? start + 1000 : n;
    for (int i = start; i < end; i++) {
      dsc_action_args_t args;
      memset(&args, 0, sizeof args);
      args.note = "请补正申请内容：所需信息的名称、文号或便于查询的其他特征";
      args.days = days;
      if (dsc_request_act(b->data, &ctx, ids[i], DSC_ACTION_REQUEST_SUPPLEMENT,
                          &args, on_acts, &a) == DSC_OK)
        a.inflight++;
      else
        a.failed++;
    }
    if (a.inflight > 0)
      run_until(b, &a.done);
    if (a.has_error)
      print_err("data set: request-supplement", a.first_error.code,
                &a.first_error);
    ok += a.ok;
  }
  return ok;
}

static dsc_date_t data_add_workdays(void *arg, dsc_date_t from, int n) {
  bench_t *b = arg;
  dsc_ctx_t ctx = {.actor = "admin", .on = b->today, .today = b->today};
  call_t c = {0};
  dsc_date_t out = DSC_DATE_NONE;
  cJSON *due;

  if (call_wait(b, &c, dsc_calendar_due(b->data, &ctx, from, n, on_call, &c)) ==
          DSC_OK &&
      (due = cJSON_GetObjectItemCaseSensitive(c.json, "due_on")) != NULL &&
      cJSON_IsString(due) && dsc_date_parse(due->valuestring, &out) != DSC_OK)
    out = DSC_DATE_NONE;
  if (c.err != DSC_OK)
    print_err("dsc_calendar_due", c.err, &c.detail);
  call_clear(&c);
  return out;
}

static bool data_prepare(bench_t *b) {
  bench_data_hooks_t hooks = {b, data_submit, data_request_supplement,
                              data_add_workdays};
  if (b->data_ready)
    return true;
  if (!bench_data_prepare(&b->cfg.data, b->cfg.data_conninfo, b->today, &hooks,
                          &b->dset))
    return false;
  b->data_ready = true;
  return true;
}

/* ---- sweep ----------------------------------------------------------------
 */

static double json_number(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static bool timed_sweep(bench_t *b, dsc_date_t today, double *ms,
                        cJSON **json) {
  dsc_ctx_t ctx = {.actor = "system", .on = today, .today = today};
  call_t c = {0};
  uint64_t t0 = bench_now_ns();
  dsc_err_t err =
      call_wait(b, &c, dsc_deadline_sweep(b->data, &ctx, on_call, &c));
  *ms = ms_since(t0);
  if (err != DSC_OK) {
    print_err("dsc_deadline_sweep", err, &c.detail);
    call_clear(&c);
    return false;
  }
  *json = c.json;
  c.json = NULL;
  return true;
}

static void sc_sweep(bench_t *b) {
  double ms;
  cJSON *res = NULL, *plans;
  uint64_t t0;

  if (!data_prepare(b)) {
    b->failures++;
    return;
  }
  /* Warm-up, on a date where nothing is due: loads the calendar and the
   * statements' plans. */
  if (!timed_sweep(b, b->dset.warmup_day, &ms, &res)) {
    b->failures++;
    return;
  }
  bench_log("sweep warm-up (%s): %.1f ms", b->dset.warmup_s, ms);
  cJSON_Delete(res);
  plans = bench_data_explain(&b->dset, b->cfg.data_conninfo, 0);
  if (plans)
    cJSON_AddItemToObject(b->extra, "sweep_plans", plans);
  t0 = bench_now_ns();
  for (int run = 0; run < BENCH_DATA_MAX_RUNS && another_run(b, run, t0, 30);
       run++) {
    bench_visit_t v;
    char *text;
    if (!bench_data_count_visits(&b->dset, b->cfg.data_conninfo, run, &v)) {
      b->failures++;
      return;
    }
    if (!timed_sweep(b, b->dset.sweep_day[run], &ms, &res)) {
      b->failures++;
      return;
    }
    text = cJSON_PrintUnformatted(res);
    bench_log("sweep run %d (today %s): %.1f ms, %ld rows visited (stale %ld, "
              "lapse %ld, escalate %ld); result %s",
              run + 1, b->dset.sweep_day_s[run], ms,
              v.stale + v.lapse + v.escalate, v.stale, v.lapse, v.escalate,
              text ? text : "?");
    cJSON_free(text);
    bench_metric_add(&b->sweep_ms, ms);
    bench_metric_add(&b->sweep_visited,
                     (double)(v.stale + v.lapse + v.escalate));
    bench_metric_add(&b->sweep_lapsed, json_number(res, "lapsed"));
    if ((long)json_number(res, "lapsed") != v.lapse)
      bench_log("sweep run %d: %ld holds were due to lapse, %.0f lapsed",
                run + 1, v.lapse, json_number(res, "lapsed"));
    cJSON_Delete(res);
  }
}

/* ---- dashboard ------------------------------------------------------------
 */

static void sc_dashboard(bench_t *b) {
  dsc_ctx_t ctx = {0};
  uint64_t t_start;
  if (!data_prepare(b)) {
    b->failures++;
    return;
  }
  ctx_as(b, "admin", &ctx);
  t_start = bench_now_ns();
  for (int run = -1; run < 0 || another_run(b, run, t_start, 30); run++) {
    call_t c = {0};
    uint64_t t0 = bench_now_ns();
    double ms;
    dsc_err_t err =
        call_wait(b, &c, dsc_dashboard(b->data, &ctx, 0, on_call, &c));
    ms = ms_since(t0);
    if (err != DSC_OK) {
      print_err("dsc_dashboard", err, &c.detail);
      call_clear(&c);
      b->failures++;
      return;
    }
    bench_log("dashboard %s %d: %.1f ms (open %.0f, overdue %.0f, due_soon "
              "%.0f, answered_this_year %.0f)",
              run < 0 ? "warm-up" : "run", run + 1, ms,
              json_number(c.json, "open"), json_number(c.json, "overdue"),
              json_number(c.json, "due_soon"),
              json_number(c.json, "answered_this_year"));
    if (run >= 0)
      bench_metric_add(&b->dash_ms, ms);
    call_clear(&c);
  }
}

/* ---- annual report --------------------------------------------------------
 */

static void sc_annual(bench_t *b) {
  dsc_ctx_t ctx = {0};
  uint64_t t_start;
  if (!data_prepare(b)) {
    b->failures++;
    return;
  }
  ctx_as(b, "admin", &ctx);
  t_start = bench_now_ns();
  for (int run = 0; another_run(b, run, t_start, 45); run++) {
    call_t c = {0};
    uint64_t t0 = bench_now_ns();
    double ms;
    const cJSON *stored;
    dsc_err_t err = call_wait(b, &c,
                              dsc_report_compile(b->data, &ctx, b->dset.year,
                                                 "default", NULL, on_call, &c));
    ms = ms_since(t0);
    if (err != DSC_OK) {
      print_err("dsc_report_compile", err, &c.detail);
      call_clear(&c);
      b->failures++;
      return;
    }
    stored = cJSON_GetObjectItemCaseSensitive(c.json, "stored");
    bench_log("annual_report run %d (%d): %.1f ms, stored %s, compilations "
              "%.0f",
              run + 1, b->dset.year, ms, cJSON_IsTrue(stored) ? "yes" : "no",
              json_number(c.json, "compilations"));
    if (run == 0) {
      b->report_first_ms = ms;
      b->report_first_stored = cJSON_IsTrue(stored);
    }
    bench_metric_add(&b->report_ms, ms);
    call_clear(&c);
  }
}

/* ---- output ---------------------------------------------------------------
 */

static void fmt_num(char *buf, size_t len, double v) {
  if (v >= 100)
    snprintf(buf, len, "%.0f", v);
  else if (v >= 10)
    snprintf(buf, len, "%.1f", v);
  else
    snprintf(buf, len, "%.2f", v);
}

/* Display width of UTF-8 text: one column per code point (the table uses
 * only narrow symbols: – — × ≥ ≤ →). */
static int text_width(const char *s) {
  int w = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80)
      w++;
  return w;
}

static void cell(const char *s, int width, bool right) {
  int pad = width - text_width(s);
  if (right)
    printf(" %*s%s |", pad > 0 ? pad : 0, "", s);
  else
    printf(" %s%*s |", s, pad > 0 ? pad : 0, "");
}

static void print_row(const char *scenario, const char *ops,
                      const bench_metric_t *m, const char *unit, double ratio,
                      const char *target) {
  char med[48] = "—", lo[32], hi[32], range[80] = "—", r[16] = "—";
  char nruns[16];
  if (m && m->n > 0) {
    fmt_num(med, sizeof med, bench_metric_median(m));
    if (*unit)
      snprintf(med + strlen(med), sizeof med - strlen(med), " %s", unit);
    fmt_num(lo, sizeof lo, bench_metric_min(m));
    fmt_num(hi, sizeof hi, bench_metric_max(m));
    snprintf(range, sizeof range, "%s–%s", lo, hi);
  } else if (m) {
    snprintf(med, sizeof med, "failed");
  }
  if (ratio > 0)
    snprintf(r, sizeof r, "%.2f×", ratio);
  snprintf(nruns, sizeof nruns, "%d", m ? m->n : 0);
  printf("|");
  cell(scenario, 15, false);
  cell(ops, 44, false);
  cell(nruns, 4, true);
  cell(med, 14, true);
  cell(range, 17, true);
  cell(r, 7, true);
  cell(target, 22, false);
  printf("\n");
}

static void print_table(bench_t *b) {
  double base = bench_metric_median(&b->baseline_tps);
  char ops[128];
  bool has_base = b->baseline_tps.n > 0;

  printf("\n");
  printf("|");
  cell("scenario", 15, false);
  cell("operations", 44, false);
  cell("runs", 4, true);
  cell("median", 14, true);
  cell("min–max", 17, true);
  cell("ratio", 7, true);
  cell("target (issue 5)", 22, false);
  printf("\n");
  printf("|-----------------|----------------------------------------------|"
         "------|----------------|-------------------|---------|---------------"
         "---------|\n");
  if (b->ran[SC_BASELINE]) {
    snprintf(ops, sizeof ops, "1 INSERT/txn, 1 client, pgbench %d s",
             b->cfg.baseline_s);
    print_row("baseline", ops, &b->baseline_tps, "tps", has_base ? 1.0 : 0,
              "(the reference)");
  }
  if (b->ran[SC_INTAKE]) {
    snprintf(ops, sizeof ops, "%d threads: %.0f of %d acked (%.0f-s cap)",
             b->cfg.threads, bench_metric_median(&b->intake_acked),
             b->cfg.intake_n, b->cfg.cap_s);
    print_row("intake", ops, &b->intake_rate, "/s",
              has_base && b->intake_rate.n
                  ? bench_metric_median(&b->intake_rate) / base
                  : 0,
              "≥ 50000/s, ≥ 10×");
    print_row("  ack p50", "submit call → callback", &b->intake_p50, "ms", 0,
              "");
    print_row("  ack p99", "submit call → callback", &b->intake_p99, "ms", 0,
              "");
  }
  if (b->ran[SC_LIFECYCLE]) {
    snprintf(ops, sizeof ops, "%d in flight: %.0f of %d (%.0f-s cap)",
             b->cfg.window, bench_metric_median(&b->life_done),
             4 * b->cfg.lifecycle_n, b->cfg.cap_s);
    print_row("lifecycle", ops, &b->life_rate, "/s",
              has_base && b->life_rate.n
                  ? bench_metric_median(&b->life_rate) / base
                  : 0,
              "≥ 20000/s");
  }
  if (b->ran[SC_SWEEP]) {
    snprintf(ops, sizeof ops, "%ld open, %.0f rows visited (median)",
             b->cfg.data.open, bench_metric_median(&b->sweep_visited));
    print_row("sweep", ops, &b->sweep_ms, "ms", 0, "≤ 50 ms");
  }
  if (b->ran[SC_DASHBOARD]) {
    snprintf(ops, sizeof ops, "%ld open / %ld total", b->cfg.data.open,
             b->cfg.data.total);
    print_row("dashboard", ops, &b->dash_ms, "ms", 0, "≤ 100 ms");
  }
  if (b->ran[SC_ANNUAL]) {
    snprintf(ops, sizeof ops, "year %d: %ld requests%s", b->dset.year,
             b->cfg.data.year_n,
             b->report_first_stored ? ", run 1 stores" : "");
    print_row("annual_report", ops, &b->report_ms, "ms", 0, "≤ 1000 ms");
  }
  if (b->ran[SC_RSS]) {
    snprintf(ops, sizeof ops, "peak, %d submissions in flight", b->cfg.rss_n);
    print_row("rss", ops, &b->rss_peak, "MiB", 0, "≤ 64 MiB");
    print_row("  from threads", "the same, submitted from 4 threads",
              &b->rss_threads_peak, "MiB", 0, "≤ 64 MiB");
  }
  if (b->ran[SC_BACKPRESSURE]) {
    snprintf(ops, sizeof ops, "%d threads past max_queued, %.0f s",
             b->cfg.threads, b->cfg.bp_s);
    print_row("backpressure", ops, &b->bp_rate, "/s", 0, "flat throughput");
    print_row("  busy returns", "DSC_BUSY per run", &b->bp_busy, "", 0,
              "at once, no growth");
    print_row("  RSS growth", "max − min RSS after the first second",
              &b->bp_rss_growth, "MiB", 0, "flat memory");
  }
  printf("\n");
}

static void json_metric(cJSON *o, const char *key, const bench_metric_t *m) {
  if (m->n > 0)
    cJSON_AddNumberToObject(o, key, bench_metric_median(m));
  else
    cJSON_AddNullToObject(o, key);
}

static cJSON *json_runs(const bench_metric_t *m, const char *unit) {
  cJSON *o = cJSON_CreateObject(), *a = cJSON_AddArrayToObject(o, "runs");
  for (int i = 0; i < m->n; i++)
    cJSON_AddItemToArray(a, cJSON_CreateNumber(m->samples[i]));
  if (m->n > 0) {
    cJSON_AddNumberToObject(o, "median", bench_metric_median(m));
    cJSON_AddNumberToObject(o, "min", bench_metric_min(m));
    cJSON_AddNumberToObject(o, "max", bench_metric_max(m));
  }
  cJSON_AddStringToObject(o, "unit", unit);
  return o;
}

static bool mkdir_parents(const char *path) {
  char buf[1024];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      return false;
    *p = '/';
  }
  return true;
}

static bool write_json(bench_t *b) {
  cJSON *o = cJSON_CreateObject(), *runs;
  double base = bench_metric_median(&b->baseline_tps);
  char *text;
  FILE *f;
  bool ok;

  cJSON_AddNumberToObject(o, "format", 1);
  cJSON_AddBoolToObject(o, "quick", b->cfg.quick);
  cJSON_AddNumberToObject(o, "runs", b->cfg.runs);
  json_metric(o, "baseline_tps", &b->baseline_tps);
  json_metric(o, "intake_per_s", &b->intake_rate);
  if (b->baseline_tps.n > 0 && b->intake_rate.n > 0)
    cJSON_AddNumberToObject(o, "intake_ratio",
                            bench_metric_median(&b->intake_rate) / base);
  else
    cJSON_AddNullToObject(o, "intake_ratio");
  json_metric(o, "intake_ack_p50_ms", &b->intake_p50);
  json_metric(o, "intake_ack_p99_ms", &b->intake_p99);
  json_metric(o, "lifecycle_per_s", &b->life_rate);
  if (b->baseline_tps.n > 0 && b->life_rate.n > 0)
    cJSON_AddNumberToObject(o, "lifecycle_ratio",
                            bench_metric_median(&b->life_rate) / base);
  else
    cJSON_AddNullToObject(o, "lifecycle_ratio");
  json_metric(o, "sweep_ms", &b->sweep_ms);
  json_metric(o, "sweep_rows_visited", &b->sweep_visited);
  json_metric(o, "dashboard_ms", &b->dash_ms);
  json_metric(o, "annual_report_ms", &b->report_ms);
  if (b->report_ms.n > 0)
    cJSON_AddNumberToObject(o, "annual_report_first_ms", b->report_first_ms);
  else
    cJSON_AddNullToObject(o, "annual_report_first_ms");
  json_metric(o, "rss_mib", &b->rss_peak);
  json_metric(o, "rss_threads_mib", &b->rss_threads_peak);
  json_metric(o, "backpressure_per_s", &b->bp_rate);
  json_metric(o, "backpressure_busy", &b->bp_busy);
  json_metric(o, "backpressure_rss_growth_mib", &b->bp_rss_growth);

  runs = cJSON_AddObjectToObject(o, "scenarios");
  cJSON_AddItemToObject(runs, "baseline", json_runs(&b->baseline_tps, "tps"));
  cJSON_AddItemToObject(runs, "intake", json_runs(&b->intake_rate, "/s"));
  cJSON_AddItemToObject(runs, "intake_ack_p50",
                        json_runs(&b->intake_p50, "ms"));
  cJSON_AddItemToObject(runs, "intake_ack_p99",
                        json_runs(&b->intake_p99, "ms"));
  cJSON_AddItemToObject(runs, "intake_busy", json_runs(&b->intake_busy, ""));
  cJSON_AddItemToObject(runs, "intake_acked",
                        json_runs(&b->intake_acked, "submissions"));
  cJSON_AddItemToObject(runs, "lifecycle", json_runs(&b->life_rate, "/s"));
  cJSON_AddItemToObject(runs, "lifecycle_transitions",
                        json_runs(&b->life_done, "transitions"));
  cJSON_AddItemToObject(runs, "lifecycle_errors",
                        json_runs(&b->life_errors, ""));
  cJSON_AddItemToObject(runs, "sweep", json_runs(&b->sweep_ms, "ms"));
  cJSON_AddItemToObject(runs, "sweep_rows_visited",
                        json_runs(&b->sweep_visited, "rows"));
  cJSON_AddItemToObject(runs, "sweep_lapsed",
                        json_runs(&b->sweep_lapsed, "rows"));
  cJSON_AddItemToObject(runs, "dashboard", json_runs(&b->dash_ms, "ms"));
  cJSON_AddItemToObject(runs, "annual_report", json_runs(&b->report_ms, "ms"));
  cJSON_AddItemToObject(runs, "rss", json_runs(&b->rss_peak, "MiB"));
  cJSON_AddItemToObject(runs, "rss_before", json_runs(&b->rss_base, "MiB"));
  cJSON_AddItemToObject(runs, "rss_threads",
                        json_runs(&b->rss_threads_peak, "MiB"));
  cJSON_AddItemToObject(runs, "backpressure", json_runs(&b->bp_rate, "/s"));
  cJSON_AddItemToObject(runs, "backpressure_busy", json_runs(&b->bp_busy, ""));
  cJSON_AddItemToObject(runs, "backpressure_rss_growth",
                        json_runs(&b->bp_rss_growth, "MiB"));
  cJSON_AddItemToObject(runs, "backpressure_rss_max",
                        json_runs(&b->bp_rss_max, "MiB"));

  {
    cJSON *sizes = cJSON_AddObjectToObject(o, "sizes");
    cJSON_AddNumberToObject(sizes, "threads", b->cfg.threads);
    cJSON_AddNumberToObject(sizes, "intake", b->cfg.intake_n);
    cJSON_AddNumberToObject(sizes, "lifecycle", b->cfg.lifecycle_n);
    cJSON_AddNumberToObject(sizes, "lifecycle_window", b->cfg.window);
    cJSON_AddNumberToObject(sizes, "rss_in_flight", b->cfg.rss_n);
    cJSON_AddNumberToObject(sizes, "backpressure_s", b->cfg.bp_s);
    cJSON_AddNumberToObject(sizes, "baseline_s", b->cfg.baseline_s);
    cJSON_AddNumberToObject(sizes, "time_cap_s", b->cfg.cap_s);
    cJSON_AddNumberToObject(sizes, "data_open", (double)b->cfg.data.open);
    cJSON_AddNumberToObject(sizes, "data_total", (double)b->cfg.data.total);
    cJSON_AddNumberToObject(sizes, "data_year", (double)b->cfg.data.year_n);
  }
  cJSON_AddItemReferenceToObject(o, "environment", b->extra);

  text = cJSON_Print(o);
  cJSON_Delete(o);
  if (text == NULL)
    return false;
  if (!mkdir_parents(b->cfg.json_path) ||
      (f = fopen(b->cfg.json_path, "w")) == NULL) {
    bench_log("cannot write %s: %s", b->cfg.json_path, strerror(errno));
    cJSON_free(text);
    return false;
  }
  ok = fputs(text, f) >= 0 && fputc('\n', f) != EOF;
  ok = fclose(f) == 0 && ok;
  cJSON_free(text);
  if (ok)
    bench_log("wrote %s", b->cfg.json_path);
  return ok;
}

/* The machine and the server's settings, printed and kept for the JSON. */
static void describe_environment(bench_t *b) {
  static const char *const settings_sql =
      "SELECT name || '=' || setting || coalesce(unit, '') FROM pg_settings "
      "WHERE name IN ('server_version', 'fsync', 'synchronous_commit', "
      "'full_page_writes', 'wal_level', 'wal_sync_method', 'shared_buffers', "
      "'max_wal_size', 'checkpoint_timeout', 'wal_buffers', 'commit_delay', "
      "'work_mem', 'maintenance_work_mem', 'max_connections', "
      "'effective_cache_size', 'random_page_cost', 'autovacuum', "
      "'max_parallel_workers_per_gather', 'jit') ORDER BY name;\n";
  char *out = NULL, line[256];
  FILE *f;
  cJSON *pg = cJSON_AddObjectToObject(b->extra, "postgres");
  long nproc = sysconf(_SC_NPROCESSORS_ONLN);

  cJSON_AddNumberToObject(b->extra, "nproc", (double)nproc);
  if ((f = fopen("/proc/cpuinfo", "r")) != NULL) {
    while (fgets(line, sizeof line, f) != NULL) {
      if (strncmp(line, "model name", 10) == 0 && strchr(line, ':')) {
        char *v = strchr(line, ':') + 2;
        v[strcspn(v, "\n")] = '\0';
        cJSON_AddStringToObject(b->extra, "cpu", v);
        break;
      }
    }
    fclose(f);
  }
  if ((f = fopen("/proc/pressure/io", "r")) != NULL) {
    if (fgets(line, sizeof line, f) != NULL) {
      line[strcspn(line, "\n")] = '\0';
      cJSON_AddStringToObject(b->extra, "io_pressure_at_start", line);
    }
    fclose(f);
  }
  if ((f = fopen("/proc/loadavg", "r")) != NULL) {
    if (fgets(line, sizeof line, f) != NULL) {
      line[strcspn(line, "\n")] = '\0';
      cJSON_AddStringToObject(b->extra, "loadavg_at_start", line);
    }
    fclose(f);
  }
  bench_log("machine: %ld cores%s%s, load average at start %s", nproc,
            cJSON_GetObjectItem(b->extra, "cpu") ? ", " : "",
            cJSON_GetObjectItem(b->extra, "cpu")
                ? cJSON_GetObjectItem(b->extra, "cpu")->valuestring
                : "",
            cJSON_GetObjectItem(b->extra, "loadavg_at_start")
                ? cJSON_GetObjectItem(b->extra, "loadavg_at_start")->valuestring
                : "?");
  if (bench_psql(b->cfg.conninfo, settings_sql, &out) == 0 && out) {
    char *save = out, *nl;
    fprintf(stderr, "disclose-bench: PostgreSQL:");
    while (*save) {
      char *eq;
      nl = strchr(save, '\n');
      if (nl)
        *nl = '\0';
      eq = strchr(save, '=');
      if (eq) {
        *eq = '\0';
        cJSON_AddStringToObject(pg, save, eq + 1);
        fprintf(stderr, " %s=%s", save, eq + 1);
      }
      if (!nl)
        break;
      save = nl + 1;
    }
    fputc('\n', stderr);
  }
  free(out);
}

/* ---- options --------------------------------------------------------------
 */

static int usage(void) {
  fprintf(stderr,
          "usage: disclose-bench --conninfo CONNINFO [--data-conninfo "
          "CONNINFO]\n"
          "                      [--quick] [--scenario NAME]... [--runs N] "
          "[--json PATH]\n"
          "                      [--threads N] [--cap SECONDS] "
          "[--data-total N] [--stored]\n"
          "scenarios: baseline rss intake lifecycle backpressure sweep "
          "dashboard annual_report\n"
          "           (default: all; a comma-separated list is accepted)\n");
  return 2;
}

static bool parse_int(const char *s, int lo, int hi, int *out) {
  char *end;
  long v;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno || *s == '\0' || *end != '\0' || v < lo || v > hi)
    return false;
  *out = (int)v;
  return true;
}

static bool add_scenarios(cfg_t *c, const char *list) {
  char buf[256];
  size_t i = 0;
  snprintf(buf, sizeof buf, "%s", list);
  while (buf[i]) {
    size_t len = strcspn(buf + i, ",");
    bool found = false;
    for (int s = 0; s < SC__COUNT; s++) {
      if (strlen(scenario_names[s]) == len &&
          strncmp(scenario_names[s], buf + i, len) == 0) {
        c->scenarios |= 1u << s;
        found = true;
      }
    }
    if (!found) {
      fprintf(stderr, "disclose-bench: unknown scenario \"%.*s\"\n", (int)len,
              buf + i);
      return false;
    }
    i += len;
    if (buf[i] == ',')
      i++;
  }
  return true;
}

static int parse_args(cfg_t *c, int argc, char **argv) {
  int runs = 0, threads = 0, cap = 0, data_total = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--quick") == 0) {
      c->quick = true;
      continue;
    }
    if (strcmp(a, "--stored") == 0) {
      c->stored = true;
      continue;
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
      return usage();
    if (v == NULL)
      return usage();
    i++;
    if (strcmp(a, "--conninfo") == 0)
      c->conninfo = v;
    else if (strcmp(a, "--data-conninfo") == 0)
      c->data_conninfo = v;
    else if (strcmp(a, "--json") == 0)
      c->json_path = v;
    else if (strcmp(a, "--scenario") == 0) {
      if (!add_scenarios(c, v))
        return 2;
    } else if (strcmp(a, "--runs") == 0) {
      if (!parse_int(v, 1, BENCH_DATA_MAX_RUNS, &runs))
        return usage();
    } else if (strcmp(a, "--threads") == 0) {
      if (!parse_int(v, 1, 64, &threads))
        return usage();
    } else if (strcmp(a, "--cap") == 0) {
      if (!parse_int(v, 1, 3600, &cap))
        return usage();
    } else if (strcmp(a, "--data-total") == 0) {
      if (!parse_int(v, 100000, 50000000, &data_total))
        return usage();
    } else
      return usage();
  }
  if (c->conninfo == NULL)
    c->conninfo = getenv("DISCLOSE_DB");
  if (c->conninfo == NULL || *c->conninfo == '\0') {
    fprintf(stderr,
            "disclose-bench: --conninfo (or DISCLOSE_DB) is required\n");
    return usage();
  }
  if (c->data_conninfo == NULL)
    c->data_conninfo = c->conninfo;
  if (c->scenarios == 0)
    c->scenarios = (1u << SC__COUNT) - 1;
  c->threads = threads ? threads : 4;
  c->window = 2000;
  if (c->quick) {
    c->runs = runs ? runs : 1;
    c->intake_n = 2000;
    c->lifecycle_n = 1000;
    c->window = 500;
    c->cap_s = cap ? cap : 10;
    c->rss_n = 2000;
    c->bp_s = 3;
    c->baseline_s = 2;
    c->data.open = 20000;
    c->data.total = 100000;
    c->data.year_n = 20000;
    c->data.lapse_per_run = 50;
    c->data.due_soon = 500;
  } else {
    c->runs = runs ? runs : 5;
    c->intake_n = 100000;
    c->lifecycle_n = 100000;
    c->cap_s = cap ? cap : 6;
    c->rss_n = 10000;
    c->bp_s = 4;
    c->baseline_s = 3;
    c->data.open = 1000000;
    c->data.total = 5000000;
    c->data.year_n = 1000000;
    c->data.lapse_per_run = 300;
    c->data.due_soon = 25000;
  }
  if (data_total > 0) {
    /* The same proportions as the full data set: a fifth open, a fifth in
     * the report's year. */
    c->data.total = data_total;
    c->data.open = data_total / 5;
    c->data.year_n = data_total / 5;
  }
  c->data.runs = c->runs;
  return 0;
}

/* ---- main -----------------------------------------------------------------
 */

static bool open_engine(bench_t *b, const char *conninfo, dsc_engine_t **out,
                        const char *what) {
  dsc_engine_options_t o;
  call_t c = {0};

  memset(&o, 0, sizeof o);
  o.conninfo = conninfo;
  o.fail_fast = true;
  if (dsc_engine_create(&b->loop, &o, out) != DSC_OK) {
    bench_log("cannot create the %s engine", what);
    return false;
  }
  if (call_wait(b, &c, dsc_migrate(*out, on_call, &c)) != DSC_OK) {
    print_err(what, c.err, &c.detail);
    call_clear(&c);
    return false;
  }
  call_clear(&c);
  return true;
}

static bool add_staff(bench_t *b, const char *login, const char *name,
                      unsigned roles) {
  dsc_ctx_t ctx = {0};
  call_t c = {0};
  dsc_err_t err = call_wait(b, &c,
                            dsc_staff_add(b->engine, ctx_as(b, "admin", &ctx),
                                          login, name, roles, on_call, &c));
  call_clear(&c);
  if (err != DSC_OK && err != DSC_CONFLICT) {
    print_err("dsc_staff_add", err, NULL);
    return false;
  }
  return true;
}

/* A running system, not a fresh database: on an empty requests table the
 * engine's connection plans its statements for an empty table (the submit
 * statement's replay lookup becomes a sequential scan of requests) and
 * keeps those plans until autovacuum analyzes the table, which may take
 * minutes. The bench measures the steady state: some requests first, then
 * ANALYZE, which makes every connection plan again. */
static void warm_up(bench_t *b) {
  char prefix[48];
  int n = b->cfg.quick ? 500 : 2000, got;
  uint64_t t0 = bench_now_ns();

  snprintf(prefix, sizeof prefix, "warm-%08x", b->nonce);
  got = submit_bulk(b, b->engine, n, b->today, prefix, 1000, NULL);
  if (bench_psql(b->cfg.conninfo, "ANALYZE requests, request_events;\n",
                 NULL) != 0)
    bench_log("warm-up: ANALYZE failed");
  bench_log("warm-up: %d submissions and ANALYZE in %.1f s (untimed)", got,
            ms_since(t0) / 1000);
}

static void on_engine_closed(void *data) { *(bool *)data = true; }

int main(int argc, char **argv) {
  static bench_t bench;
  bench_t *b = &bench;
  int rc;
  uint64_t t0 = bench_now_ns();
  bool closed_main = false, closed_data = false;

  if ((rc = parse_args(&b->cfg, argc, argv)) != 0)
    return rc;
  b->nonce = (unsigned)time(NULL) ^ ((unsigned)getpid() << 16);
  b->today = dsc_date_from_ymd(BENCH_TODAY_Y, BENCH_TODAY_M, BENCH_TODAY_D);
  dsc_date_format(b->today, b->today_s);
  b->extra = cJSON_CreateObject();
  if (uv_loop_init(&b->loop) != 0 || b->extra == NULL)
    return 1;
  describe_environment(b);
  bench_log("business date %s; %s mode, %d run%s per scenario", b->today_s,
            b->cfg.quick ? "quick" : "full", b->cfg.runs,
            b->cfg.runs == 1 ? "" : "s");
  if (!open_engine(b, b->cfg.conninfo, &b->engine, "migrate") ||
      !add_staff(b, "bench_h", "基准承办人", DSC_ROLE_HANDLER) ||
      !add_staff(b, "bench_r", "基准审核人", DSC_ROLE_REVIEWER)) {
    dsc_engine_close(b->engine, NULL, NULL);
    uv_run(&b->loop, UV_RUN_DEFAULT);
    return 1;
  }
  if (b->cfg.scenarios & ((1u << SC_RSS) | (1u << SC_INTAKE) |
                          (1u << SC_LIFECYCLE) | (1u << SC_BACKPRESSURE)))
    warm_up(b);
  if (b->cfg.scenarios &
      ((1u << SC_SWEEP) | (1u << SC_DASHBOARD) | (1u << SC_ANNUAL))) {
    if (strcmp(b->cfg.data_conninfo, b->cfg.conninfo) == 0)
      bench_log("note: the data set shares the database of the other "
                "scenarios: its open/total counts include their requests");
    if (!open_engine(b, b->cfg.data_conninfo, &b->data, "migrate (data)"))
      b->failures++;
  }
  /* --stored: the throughput scenarios run on a database that already
   * holds the data set (how they grow with the rows stored). */
  if (b->cfg.stored) {
    if (b->data == NULL &&
        !open_engine(b, b->cfg.data_conninfo, &b->data, "migrate (data)"))
      b->failures++;
    else if (!data_prepare(b))
      b->failures++;
  }

  for (int s = 0; s < SC__COUNT; s++) {
    uint64_t ts;
    if (!(b->cfg.scenarios & (1u << s)))
      continue;
    if (s >= SC_SWEEP && b->data == NULL)
      continue;
    bench_log("---- %s", scenario_names[s]);
    ts = bench_now_ns();
    b->ran[s] = true;
    switch (s) {
    case SC_BASELINE:
      /* measured between the intake runs when both are asked for */
      if (!(b->cfg.scenarios & (1u << SC_INTAKE)))
        sc_baseline(b);
      break;
    case SC_RSS:
      /* Memory does not vary like time: three runs at most. */
      sc_rss(b);
      for (int run = 0; run < b->cfg.runs && run < 3; run++)
        rss_threads_run(b, run);
      break;
    case SC_INTAKE:
      sc_intake(b, (b->cfg.scenarios & (1u << SC_BASELINE)) != 0);
      break;
    case SC_LIFECYCLE:
      sc_lifecycle(b);
      break;
    case SC_BACKPRESSURE:
      sc_backpressure(b);
      break;
    case SC_SWEEP:
      sc_sweep(b);
      break;
    case SC_DASHBOARD:
      sc_dashboard(b);
      break;
    case SC_ANNUAL:
      sc_annual(b);
      break;
    default:
      break;
    }
    bench_log("%s took %.1f s", scenario_names[s], ms_since(ts) / 1000);
  }
  if (b->data_ready)
    cJSON_AddNumberToObject(b->extra, "data_load_s", b->dset.load_s);
  cJSON_AddNumberToObject(b->extra, "total_s", ms_since(t0) / 1000);
  {
    FILE *f = fopen("/proc/loadavg", "r");
    char line[128];
    if (f && fgets(line, sizeof line, f) != NULL) {
      line[strcspn(line, "\n")] = '\0';
      cJSON_AddStringToObject(b->extra, "loadavg_at_end", line);
      bench_log("load average at the end: %s", line);
    }
    if (f)
      fclose(f);
  }

  print_table(b);
  if (b->cfg.json_path && !write_json(b))
    b->failures++;

  dsc_engine_close(b->engine, on_engine_closed, &closed_main);
  if (b->data)
    dsc_engine_close(b->data, on_engine_closed, &closed_data);
  else
    closed_data = true;
  run_until(b, &closed_main);
  run_until(b, &closed_data);
  uv_run(&b->loop, UV_RUN_DEFAULT);
  if (uv_loop_close(&b->loop) != 0)
    bench_log("the loop did not wind down");
  bench_data_free(&b->dset);
  cJSON_Delete(b->extra);
  free(b->pool);
  bench_log("total %.1f s, %d failure%s", ms_since(t0) / 1000, b->failures,
            b->failures == 1 ? "" : "s");
  return b->failures == 0 ? 0 : 1;
}
