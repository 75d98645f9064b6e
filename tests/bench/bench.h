/* tests/bench/bench.h — shared parts of disclose-bench (issue 5): time,
 * statistics, memory readings, child processes (psql, pgbench), and the
 * figures a run collects.
 *
 * The bench drives the engine through the public C API only; what it
 * needs to say to PostgreSQL directly (loading a data set with COPY-speed
 * SQL, EXPLAIN, counting the rows a sweep visits, the naive baseline) goes
 * through psql and pgbench as child processes: no C file under tests/ may
 * make a blocking libpq call (tests/lint/banned.sh). */
#ifndef DSC_BENCH_H
#define DSC_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BENCH_MAX_RUNS 20

/* ---- time ---------------------------------------------------------------- */

/* Monotonic nanoseconds. */
uint64_t bench_now_ns(void);

/* ---- statistics ---------------------------------------------------------- */

/* One figure measured once per run: its samples and how to show them. */
typedef struct bench_metric {
  const char *key;  /* results.json key of the median, e.g. "intake_per_s" */
  const char *unit; /* "/s", "ms", "MiB", "tps" */
  double samples[BENCH_MAX_RUNS];
  int n;
} bench_metric_t;

void bench_metric_add(bench_metric_t *m, double v);
double bench_metric_median(const bench_metric_t *m);
double bench_metric_min(const bench_metric_t *m);
double bench_metric_max(const bench_metric_t *m);

/* The q-quantile (0..1) of v[0..n), sorting v in place; 0 when n == 0. */
double bench_quantile(double *v, size_t n, double q);

/* ---- memory -------------------------------------------------------------- */

/* The process's resident set and its high-water mark, in KiB, from
 * /proc/self/status (VmRSS, VmHWM); 0 when unknown. */
long bench_rss_kib(void);
long bench_hwm_kib(void);

/* Resets the high-water mark (Linux: "5" into /proc/self/clear_refs). True
 * when it worked. */
bool bench_hwm_reset(void);

/* ---- child processes ----------------------------------------------------- */

/* Runs argv (argv[0] looked up on PATH) with stdin from stdin_path (NULL:
 * /dev/null), and collects its stdout into *out (NUL-terminated, malloc'd;
 * may be NULL when unwanted). stderr is the bench's. Returns the exit
 * status, or -1 when it could not be run. */
int bench_run(const char *const *argv, const char *stdin_path, char **out);

/* Starts argv like bench_run without waiting, stdout to /dev/null; returns
 * the pid or -1. bench_wait waits for it and returns its exit status. */
int bench_spawn(const char *const *argv, const char *stdin_path);
int bench_wait(int pid);

/* Runs the SQL text with psql on conninfo (-X, ON_ERROR_STOP, unaligned,
 * tuples only); stdout into *out as bench_run. Returns psql's status. */
int bench_psql(const char *conninfo, const char *sql, char **out);

/* A psql started without waiting: its pid and its script's temporary
 * file, removed by bench_psql_join. */
typedef struct bench_job {
  int pid;
  char path[64];
} bench_job_t;

/* Starts psql on conninfo with the SQL text, stdout discarded. False when
 * it could not be started. */
bool bench_psql_start(const char *conninfo, const char *sql, bench_job_t *job);

/* Waits for the job; returns psql's exit status (-1: never ran). */
int bench_psql_join(bench_job_t *job);

/* The first line of psql output as a number (0 when none). */
double bench_first_number(const char *text);

/* Writes text into a new temporary file; its path goes to path (at least
 * 64 bytes). False on failure. */
bool bench_temp_file(const char *text, char *path, size_t pathlen);

/* ---- messages ------------------------------------------------------------ */

void bench_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
