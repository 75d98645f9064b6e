/* tests/bench/bench_util.c — time, statistics, memory readings and child
 * processes for disclose-bench (see bench.h). */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- statistics ---------------------------------------------------------- */

void bench_metric_add(bench_metric_t *m, double v) {
  if (m->n < BENCH_MAX_RUNS)
    m->samples[m->n++] = v;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double bench_quantile(double *v, size_t n, double q) {
  size_t i;
  if (n == 0)
    return 0;
  qsort(v, n, sizeof *v, cmp_double);
  /* nearest rank */
  i = (size_t)(q * (double)n);
  if (i >= n)
    i = n - 1;
  return v[i];
}

double bench_metric_median(const bench_metric_t *m) {
  double v[BENCH_MAX_RUNS];
  if (m->n == 0)
    return 0;
  memcpy(v, m->samples, (size_t)m->n * sizeof v[0]);
  qsort(v, (size_t)m->n, sizeof v[0], cmp_double);
  if (m->n % 2 == 1)
    return v[m->n / 2];
  return (v[m->n / 2 - 1] + v[m->n / 2]) / 2;
}

double bench_metric_min(const bench_metric_t *m) {
  double r = m->n ? m->samples[0] : 0;
  for (int i = 1; i < m->n; i++)
    if (m->samples[i] < r)
      r = m->samples[i];
  return r;
}

double bench_metric_max(const bench_metric_t *m) {
  double r = m->n ? m->samples[0] : 0;
  for (int i = 1; i < m->n; i++)
    if (m->samples[i] > r)
      r = m->samples[i];
  return r;
}

/* ---- memory -------------------------------------------------------------- */

static long status_field_kib(const char *name) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  size_t len = strlen(name);
  long v = 0;

  if (f == NULL)
    return 0;
  while (fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, name, len) == 0 && line[len] == ':') {
      v = strtol(line + len + 1, NULL, 10);
      break;
    }
  }
  fclose(f);
  return v;
}

long bench_rss_kib(void) { return status_field_kib("VmRSS"); }
long bench_hwm_kib(void) { return status_field_kib("VmHWM"); }

bool bench_hwm_reset(void) {
  int fd = open("/proc/self/clear_refs", O_WRONLY);
  bool ok;
  if (fd < 0)
    return false;
  ok = write(fd, "5", 1) == 1;
  close(fd);
  return ok;
}

/* ---- child processes ----------------------------------------------------- */

static int spawn(const char *const *argv, const char *stdin_path, int out_fd) {
  posix_spawn_file_actions_t fa;
  pid_t pid;
  int rc;

  if (posix_spawn_file_actions_init(&fa) != 0)
    return -1;
  posix_spawn_file_actions_addopen(
      &fa, 0, stdin_path ? stdin_path : "/dev/null", O_RDONLY, 0);
  if (out_fd >= 0)
    posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
  else
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  /* posix_spawn's argv is char *const[]: the strings are not written. */
  rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)(uintptr_t)argv,
                    environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    fprintf(stderr, "disclose-bench: cannot run %s: %s\n", argv[0],
            strerror(rc));
    return -1;
  }
  return (int)pid;
}

int bench_wait(int pid) {
  int status;
  if (pid < 0)
    return -1;
  while (waitpid((pid_t)pid, &status, 0) < 0) {
    if (errno != EINTR)
      return -1;
  }
  if (WIFEXITED(status))
    return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

int bench_spawn(const char *const *argv, const char *stdin_path) {
  return spawn(argv, stdin_path, -1);
}

int bench_run(const char *const *argv, const char *stdin_path, char **out) {
  int fds[2], pid;
  char *buf = NULL;
  size_t len = 0, cap = 0;

  if (out)
    *out = NULL;
  if (pipe(fds) != 0)
    return -1;
  pid = spawn(argv, stdin_path, fds[1]);
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return -1;
  }
  for (;;) {
    ssize_t n;
    if (cap - len < 4096) {
      size_t ncap = cap ? 2 * cap : 8192;
      char *nbuf = realloc(buf, ncap);
      if (nbuf == NULL)
        break;
      buf = nbuf;
      cap = ncap;
    }
    n = read(fds[0], buf + len, cap - len - 1);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += (size_t)n;
  }
  close(fds[0]);
  if (buf)
    buf[len] = '\0';
  if (out)
    *out = buf;
  else
    free(buf);
  return bench_wait(pid);
}

bool bench_temp_file(const char *text, char *path, size_t pathlen) {
  const char *dir = getenv("TMPDIR");
  size_t len = strlen(text);
  int fd;

  snprintf(path, pathlen, "%s/disclose-bench.XXXXXX",
           dir && *dir ? dir : "/tmp");
  fd = mkstemp(path);
  if (fd < 0)
    return false;
  while (len > 0) {
    ssize_t n = write(fd, text, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      close(fd);
      unlink(path);
      return false;
    }
    text += n;
    len -= (size_t)n;
  }
  close(fd);
  return true;
}

int bench_psql(const char *conninfo, const char *sql, char **out) {
  char path[256];
  int rc;
  const char *argv[] = {
      "psql", "-X",     "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
      "-d",   conninfo, "-f", path, NULL};

  if (out)
    *out = NULL;
  if (!bench_temp_file(sql, path, sizeof path))
    return -1;
  rc = bench_run(argv, NULL, out);
  unlink(path);
  return rc;
}

bool bench_psql_start(const char *conninfo, const char *sql, bench_job_t *job) {
  const char *argv[] = {
      "psql", "-X",     "-q", "-A",      "-t", "-v", "ON_ERROR_STOP=1",
      "-d",   conninfo, "-f", job->path, NULL};
  job->pid = -1;
  if (!bench_temp_file(sql, job->path, sizeof job->path))
    return false;
  job->pid = bench_spawn(argv, NULL);
  if (job->pid < 0) {
    unlink(job->path);
    return false;
  }
  return true;
}

int bench_psql_join(bench_job_t *job) {
  int rc = bench_wait(job->pid);
  if (job->pid >= 0)
    unlink(job->path);
  job->pid = -1;
  return rc;
}

double bench_first_number(const char *text) {
  return text ? strtod(text, NULL) : 0;
}

void bench_log(const char *fmt, ...) {
  va_list ap;
  fputs("disclose-bench: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}
