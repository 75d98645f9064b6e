/* disclose — anchors: the chain heads kept outside the database.
 *
 * The hash chain (migrations/0005) shows that no event was edited unless
 * someone recomputed every later hash, which the schema's owner can do.
 * An anchor defeats that: the newest hash of each request, written down
 * somewhere the owner cannot reach (another machine, WORM media), fixes
 * every event up to it, because each hash covers the one before it.
 * `disclose verify --anchor FILE` appends the heads that moved since FILE
 * last recorded them; `disclose verify --against FILE` checks that every
 * anchored event still exists with exactly the anchored hash.
 *
 * The anchor file is text, one block per anchoring, appended only:
 *
 *   # disclose anchor 2026-12-04T22:57:01+08:00 disclose requests=2
 *   1 7 3f0c…(64 hex digits)
 *   5 2 a91b…
 *
 * The header gives the server's time of the reading (Shanghai time), the
 * database's name (any text without control characters) and the number
 * of head lines that follow; each head line is `<request id> <seq>
 * <hash>`, request ids strictly increasing within a block. Every line ends
 * with a newline. Anything else — a short block, a line cut short by an
 * interrupted append, a stray word — makes the file malformed: it is
 * evidence, so nothing is guessed and nothing is appended to it.
 *
 * The reader below is pure (no I/O, no allocation): the front end reads
 * the file, line by line, and the library judges each line. The two
 * database operations are asynchronous like every engine operation
 * (engine.h): they return at once and call back on the loop thread.
 */
#ifndef DISCLOSE_VERIFY_H
#define DISCLOSE_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* A SHA-256 in lower-case hex, as dsc_event_hash gives it. */
#define DSC_ANCHOR_HASH_LEN 64
/* The longest block timestamp, NUL included. */
#define DSC_ANCHOR_AT_MAX 40
/* The longest line the reader accepts, newline included. */
#define DSC_ANCHOR_LINE_MAX 512
/* Heads per dsc_verify_heads page (the statement's LIMIT). */
#define DSC_VERIFY_HEADS_PAGE 1000
/* Anchored heads one dsc_verify_anchored call checks at most. */
#define DSC_VERIFY_ANCHORED_MAX 1000

/* One anchored head: a plain value. */
typedef struct dsc_anchor_head {
  int64_t request_id;
  int seq;
  char hash[DSC_ANCHOR_HASH_LEN + 1];
  char at[DSC_ANCHOR_AT_MAX]; /* the timestamp of its block's header */
} dsc_anchor_head_t;

/* Where the reader is in an anchor file: a plain value, no cleanup. */
typedef struct dsc_anchor_reader {
  long line;           /* lines read so far */
  long block_line;     /* the line of the current block's header; 0: none */
  long long announced; /* head lines its header announces */
  long long remaining; /* of those, still to come */
  int64_t last_id;     /* the request id of its previous head line */
  char at[DSC_ANCHOR_AT_MAX]; /* its timestamp */
} dsc_anchor_reader_t;

/* Starts reading a file from its first line. */
DSC_EXTERN void dsc_anchor_reader_init(dsc_anchor_reader_t *reader);

/* Reads the next line of the file: text[0..len), its newline included
 * (the last line of a file cut short has none, which is an error). On
 * DSC_OK, *is_head tells whether it was a head line, and then *head holds
 * it with its block's timestamp. On DSC_INVALID (field "line"), detail
 * (may be NULL) says "line N: what is wrong" and the reader must not be
 * used further. DSC_MISUSE for a NULL reader, text, head or is_head. */
DSC_EXTERN dsc_err_t dsc_anchor_read_line(dsc_anchor_reader_t *reader,
                                          const char *text, size_t len,
                                          dsc_anchor_head_t *head,
                                          bool *is_head,
                                          dsc_detail_t *detail) DSC_MUST_CHECK;

/* At the end of the file: DSC_INVALID (field "line") when its last block
 * holds fewer head lines than its header announces. */
DSC_EXTERN dsc_err_t dsc_anchor_read_end(const dsc_anchor_reader_t *reader,
                                         dsc_detail_t *detail) DSC_MUST_CHECK;

/* Writes the header line of a block of n heads, newline included, into
 * buf[0..cap) (NUL-terminated). at is the time dsc_verify_heads reported;
 * control characters in the database name become '?', so the line reads
 * back. Returns the line's length, or 0 when it does not fit, at is not a
 * timestamp token, or n is negative. */
DSC_EXTERN size_t dsc_anchor_format_header(const char *at, const char *database,
                                           long long n, char *buf, size_t cap);

/* One page of chain heads: the last event of each request whose id is
 * greater than after_id, in id order, at most DSC_VERIFY_HEADS_PAGE
 * (fewer: the last page). Read-only. result->json: {"at": the server's
 * time as "YYYY-MM-DDTHH:MM:SS+08:00", "database": its name, "heads":
 * [[request_id, seq, "hash"], ...]}. Errors: DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_verify_heads(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx, int64_t after_id,
                                      dsc_result_cb cb, void *data);

/* Checks that each of heads[0..n) (copied; n ≤ DSC_VERIFY_ANCHORED_MAX)
 * names an event that exists with exactly that hash. Read-only.
 * result->json: {"checked": how many held before the first that did not,
 * and then "mismatch": {"request_id", "seq", "anchored_at",
 * "anchored_hash", "hash": the event's hash now, or null when the event
 * is missing}}; with a mismatch err is DSC_INTEGRITY (exit 9), field
 * "anchor", naming the request, the event and the block's timestamp.
 * DSC_MISUSE when n is 0 or too large or heads is NULL. */
DSC_EXTERN dsc_err_t dsc_verify_anchored(dsc_engine_t *engine,
                                         const dsc_ctx_t *ctx,
                                         const dsc_anchor_head_t *heads,
                                         size_t n, dsc_result_cb cb,
                                         void *data);

#endif /* DISCLOSE_VERIFY_H */
