/* tests/reliability/rel_common.h — what the reliability drivers share: an
 * append-only log whose lines reach the disk before the driver goes on
 * (the "ack log": a line in it is a promise the database must keep), the
 * wall clock in milliseconds (comparable with `date +%s%3N` in the shell
 * scripts), submissions with idempotency keys, and a small deterministic
 * random generator.
 *
 * No blocking libpq call here or in any driver (tests/lint/banned.sh):
 * the drivers talk to PostgreSQL only through the engine, and the scripts
 * check the database with psql.
 */
#ifndef REL_COMMON_H
#define REL_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclose/disclose.h"

/* An append-only log file. */
typedef struct rel_log {
  int fd;
} rel_log_t;

/* Opens (creating) path for appending. A last line without its newline —
 * a writer SIGKILLed inside write(2), which the kernel may cut short at a
 * page boundary — was never finished and is cut off. False (message
 * printed) on failure. */
bool rel_log_open(rel_log_t *log, const char *path);

/* Writes one line (fmt without the newline) with a single write(2) and,
 * when sync is true, fsyncs before returning. False on failure. */
bool rel_log_line(rel_log_t *log, bool sync, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void rel_log_close(rel_log_t *log);

/* Milliseconds since the epoch (CLOCK_REALTIME). */
int64_t rel_now_ms(void);

/* A natural person's application received on received_on (YYYY-MM-DD)
 * with the given idempotency key: a malloc'd JSON text (free with free),
 * or NULL when out of memory. */
char *rel_submission(const char *key, const char *received_on);

/* DISCLOSE_DB, or NULL (with a message) when it is not set. */
const char *rel_conninfo(const char *prog);

/* Parses a decimal integer in [min, max]; false otherwise. */
bool rel_parse_long(const char *s, long min, long max, long *out);

/* splitmix64: a deterministic sequence from *state. */
uint64_t rel_rand(uint64_t *state);

/* A number in [0, n) (n > 0). */
unsigned rel_below(uint64_t *state, unsigned n);

/* The date as YYYY-MM-DD in buf. */
const char *rel_date(dsc_date_t d, char buf[DSC_DATE_STRLEN]);

#endif /* REL_COMMON_H */
