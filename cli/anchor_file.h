/* `disclose verify --anchor FILE` and `--against FILE`: the anchor file on
 * disk (its format: include/disclose/verify.h). Every function returns the
 * exit code, 0 when done, having printed the one error line otherwise. */
#ifndef DSC_CLI_ANCHOR_FILE_H
#define DSC_CLI_ANCHOR_FILE_H

#include <stdio.h>
#include <sys/types.h>

#include "cli.h"

/* The last anchored head of one request. */
typedef struct anchor_seen {
  int64_t id; /* 0: free slot */
  int seq;
  uint32_t block;  /* index into the blocks' timestamps */
  uint64_t hash64; /* the first 16 hex digits of the hash: enough to tell
                      a rewritten hash from the anchored one */
} anchor_seen_t;

/* The file --anchor appends to: opened for appending (created 0600 if
 * missing), locked against a second `verify --anchor`, and read once for
 * the last anchored head of every request in it. */
typedef struct anchor_out {
  const char *path;
  int fd; /* -1: not open */
  bool created, appended;
  anchor_seen_t *seen; /* open addressing, cap a power of two */
  size_t cap, used;
  char (*blocks)[DSC_ANCHOR_AT_MAX]; /* each block's timestamp */
  size_t nblocks, blocks_cap;
} anchor_out_t;

/* The file --against checks: read through once to judge its form before
 * verify runs, then again to check it in groups. */
typedef struct anchor_in {
  const char *path;
  FILE *f;
  long long heads; /* head lines in it */
} anchor_in_t;

void anchor_out_init(anchor_out_t *a);
int anchor_out_open(cli_t *c, const char *path, anchor_out_t *a);
/* After a green verify: appends the heads that moved since the file last
 * recorded them as one block, and fsyncs. Adds "anchor": {"file", "at",
 * "requests"} to report. A head that went back, or an anchored head whose
 * hash changed, is DSC_INTEGRITY and appends nothing. */
int anchor_out_append(cli_t *c, anchor_out_t *a, cJSON *report);
/* Closes; a file this run created and left empty is removed again. */
void anchor_out_close(anchor_out_t *a);

void anchor_in_init(anchor_in_t *a);
int anchor_in_open(cli_t *c, const char *path, anchor_in_t *a);
/* After a green verify: every anchored head against the database, in
 * groups of DSC_VERIFY_ANCHORED_MAX. Adds "against": {"file", "checked"}
 * to report, or on the first mismatch "anchor_mismatch" (and "ok": false)
 * and fails with DSC_INTEGRITY. */
int anchor_in_check(cli_t *c, anchor_in_t *a, cJSON *report);
void anchor_in_close(anchor_in_t *a);

/* For an integrity failure found after verify itself was green: marks
 * report not ok and adds what broke (taken) under key, prints it with
 * --json, then the one error line from detail. */
int anchor_fail_report(cli_t *c, cJSON *report, const char *key, cJSON *what,
                       const dsc_detail_t *detail);

#endif
