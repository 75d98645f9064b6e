/* tests/reliability/rel_common.c — see rel_common.h. */
#include "rel_common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static bool write_all(int fd, const char *buf, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, buf, len);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return false;
    }
    buf += n;
    len -= (size_t)n;
  }
  return true;
}

bool rel_log_open(rel_log_t *log, const char *path) {
  struct stat sb;
  off_t end;
  char c;

  log->fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (log->fd < 0 || fstat(log->fd, &sb) != 0) {
    fprintf(stderr, "cannot open %s: %s\n", path, strerror(errno));
    return false;
  }
  /* SIGKILL can cut a write(2) short at a page boundary: a last line
   * without its newline was never finished, so never acknowledged. */
  end = sb.st_size;
  while (end > 0 && pread(log->fd, &c, 1, end - 1) == 1 && c != '\n')
    end--;
  if (end != sb.st_size && ftruncate(log->fd, end) != 0) {
    fprintf(stderr, "cannot truncate %s: %s\n", path, strerror(errno));
    return false;
  }
  return true;
}

bool rel_log_line(rel_log_t *log, bool sync, const char *fmt, ...) {
  char line[1024];
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(line, sizeof line - 1, fmt, ap);
  va_end(ap);
  if (n < 0)
    return false;
  if ((size_t)n > sizeof line - 2)
    n = (int)(sizeof line - 2);
  line[n++] = '\n';
  if (!write_all(log->fd, line, (size_t)n) || (sync && fsync(log->fd) != 0)) {
    fprintf(stderr, "writing a log line: %s\n", strerror(errno));
    return false;
  }
  return true;
}

void rel_log_close(rel_log_t *log) {
  if (log->fd >= 0)
    close(log->fd);
  log->fd = -1;
}

int64_t rel_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

char *rel_submission(const char *key, const char *received_on) {
  static const char fmt[] =
      "{\"agency\": \"default\", \"channel\": \"online\", "
      "\"received_on\": \"%s\", "
      "\"applicant\": {\"type\": \"natural_person\", \"name\": \"张三\", "
      "\"id_number\": \"11010519491231002X\", \"phone\": \"13800000000\"}, "
      "\"description\": \"2023年度本机关财政预算执行情况\", "
      "\"form\": \"electronic\", \"idempotency_key\": \"%s\"}";
  size_t cap = sizeof fmt + strlen(key) + strlen(received_on);
  char *json = malloc(cap);

  if (json != NULL)
    snprintf(json, cap, fmt, received_on, key);
  return json;
}

const char *rel_conninfo(const char *prog) {
  const char *c = getenv("DISCLOSE_DB");
  if (c == NULL || *c == '\0') {
    fprintf(stderr, "%s: DISCLOSE_DB is not set\n", prog);
    return NULL;
  }
  return c;
}

bool rel_parse_long(const char *s, long min, long max, long *out) {
  char *end;
  long v;

  if (s == NULL || *s == '\0')
    return false;
  errno = 0;
  v = strtol(s, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max)
    return false;
  *out = v;
  return true;
}

uint64_t rel_rand(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

unsigned rel_below(uint64_t *state, unsigned n) {
  return (unsigned)(rel_rand(state) % n);
}

const char *rel_date(dsc_date_t d, char buf[DSC_DATE_STRLEN]) {
  return dsc_date_format(d, buf);
}
