/* The anchor file's format (engine/core/verify_anchor.c): what verify writes
 * reads back, every malformed line is refused with its number, and every
 * prefix of a file — an append cut short anywhere — is refused unless it
 * ends exactly at the end of a block. */
#include <stdbool.h>
#include <string.h>

#include "disclose/verify.h"
#include "dsc_test.h"

#define HASH_A                                                                 \
  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HASH_B                                                                 \
  "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

typedef struct read_result {
  dsc_err_t err;
  long heads;
  dsc_anchor_head_t last;
  dsc_detail_t why;
} read_result_t;

/* Reads text line by line (each with its newline) as the CLI does. */
static read_result_t read_text(const char *text, size_t len) {
  read_result_t out = {DSC_OK, 0, {0}, {0}};
  dsc_anchor_reader_t r;
  size_t at = 0;

  dsc_anchor_reader_init(&r);
  while (at < len) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
    bool is_head;
    dsc_anchor_head_t h;
    out.err = dsc_anchor_read_line(&r, text + at, n, &h, &is_head, &out.why);
    if (out.err != DSC_OK)
      return out;
    if (is_head) {
      out.heads++;
      out.last = h;
    }
    at += n;
  }
  out.err = dsc_anchor_read_end(&r, &out.why);
  return out;
}

/* Appends s to the string in buf[0..cap). */
static void append(char *buf, size_t cap, const char *s) {
  size_t len = strlen(buf), n = strlen(s);
  DSC_ASSERT(len + n < cap);
  memcpy(buf + len, s, n + 1);
}

static read_result_t read_str(const char *text) {
  return read_text(text, strlen(text));
}

DSC_TEST(what_verify_writes_reads_back) {
  char file[1024];
  size_t n = dsc_anchor_format_header("2026-12-04T22:57:01+08:00",
                                      "dis close\tdb", 2, file, sizeof file);
  read_result_t r;

  DSC_ASSERT(n > 0);
  DSC_ASSERT_STR_EQ(file, "# disclose anchor 2026-12-04T22:57:01+08:00 "
                          "dis close?db requests=2\n");
  append(file, sizeof file,
         "1 7 " HASH_A "\n9223372036854775807 2147483647 " HASH_B "\n");
  n = dsc_anchor_format_header("2026-12-05T09:00:00+08:00", "d", 0,
                               file + strlen(file), sizeof file - strlen(file));
  DSC_ASSERT(n > 0);
  r = read_str(file);
  DSC_ASSERT_EQ(r.err, DSC_OK);
  DSC_ASSERT_EQ(r.heads, 2);
  DSC_ASSERT_EQ(r.last.request_id, INT64_MAX);
  DSC_ASSERT_EQ(r.last.seq, 2147483647);
  DSC_ASSERT_STR_EQ(r.last.hash, HASH_B);
  DSC_ASSERT_STR_EQ(r.last.at, "2026-12-04T22:57:01+08:00");
  DSC_ASSERT_EQ(read_str("").err, DSC_OK);
  /* A database name with " requests=" in it still reads back. */
  n = dsc_anchor_format_header("2026-12-04T22:57:01+08:00", "a requests=9", 1,
                               file, sizeof file);
  DSC_ASSERT(n > 0);
  append(file, sizeof file, "3 1 " HASH_A "\n");
  DSC_ASSERT_EQ(read_str(file).heads, 1);
}

DSC_TEST(headers_are_only_written_for_timestamps) {
  char buf[256];
  DSC_ASSERT_EQ(dsc_anchor_format_header("now please", "d", 1, buf, sizeof buf),
                0);
  DSC_ASSERT_EQ(dsc_anchor_format_header("", "d", 1, buf, sizeof buf), 0);
  DSC_ASSERT_EQ(dsc_anchor_format_header("2026", "d", -1, buf, sizeof buf), 0);
  DSC_ASSERT_EQ(dsc_anchor_format_header("2026", "d", 1, buf, 20), 0);
  DSC_ASSERT(dsc_anchor_format_header("2026", NULL, 1, buf, sizeof buf) > 0);
  DSC_ASSERT_STR_EQ(buf, "# disclose anchor 2026 ? requests=1\n");
}

DSC_TEST(malformed_lines_are_named) {
  static const struct {
    const char *text;
    const char *says; /* in the message */
  } bad[] = {
      {"1 1 " HASH_A "\n", "line 1: a head line before the first header"},
      {"# disclose anchor T x requests=1\n1 1 " HASH_A, "line 2: no newline"},
      {"# disclose anchor T x requests=1\n1 1 " HASH_A " \n", "line 2: a head"},
      {"# disclose anchor T x requests=1\n01 1 " HASH_A "\n", "line 2: a head"},
      {"# disclose anchor T x requests=1\n0 1 " HASH_A "\n", "line 2: a head"},
      {"# disclose anchor T x requests=1\n1 0 " HASH_A "\n", "line 2: a head"},
      {"# disclose anchor T x requests=1\n1 2147483648 " HASH_A "\n",
       "line 2: a head"},
      {"# disclose anchor T x requests=1\n9223372036854775808 1 " HASH_A "\n",
       "line 2: a head"},
      {"# disclose anchor T x requests=1\n1 1 " HASH_A "0\n", "line 2: a head"},
      {"# disclose anchor T x requests=1\n1 1 "
       "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef\n",
       "line 2: the hash"},
      {"# disclose anchor T x requests=1\n1\t1 " HASH_A "\n",
       "line 2: a control character"},
      {"# disclose anchor T x requests=2\n2 1 " HASH_A "\n1 1 " HASH_A "\n",
       "line 3: request ids are not increasing"},
      {"# disclose anchor T x requests=2\n2 1 " HASH_A "\n2 2 " HASH_A "\n",
       "line 3: request ids are not increasing"},
      {"# disclose anchor T x requests=1\n1 1 " HASH_A "\n2 1 " HASH_A "\n",
       "line 3: a head line beyond"},
      {"# disclose anchor T x requests=2\n1 1 " HASH_A
       "\n# disclose anchor T x requests=0\n",
       "line 3: the block of line 1 holds 1 of the 2"},
      {"# disclose anchor T x requests=2\n1 1 " HASH_A "\n",
       "line 2: the file ends inside the block of line 1"},
      {"# disclose anchor T x requests=x\n", "line 1: requests= is not"},
      {"# disclose anchor T x requests=01\n", "line 1: requests= is not"},
      {"# disclose anchor T requests=1\n", "line 1: a header is"},
      {"# disclose anchor T x\n", "line 1: a header is"},
      {"# disclose anchor now! x requests=0\n", "line 1: a header is"},
      {"# some comment\n", "line 1: a head"},
      {"\n", "line 1: a head"},
  };
  char longline[DSC_ANCHOR_LINE_MAX + 2];
  read_result_t r;

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    r = read_str(bad[i].text);
    if (r.err != DSC_INVALID || strstr(r.why.message, bad[i].says) == NULL)
      DSC_FAIL_("case %zu: %s: want \"%s\", got %d \"%s\"", i, bad[i].text,
                bad[i].says, (int)r.err, r.why.message);
    DSC_ASSERT_STR_EQ(r.why.field, "line");
    DSC_ASSERT(r.why.message_zh[0] != '\0');
  }
  memset(longline, '1', sizeof longline - 1);
  longline[sizeof longline - 2] = '\n';
  longline[sizeof longline - 1] = '\0';
  r = read_str(longline);
  DSC_ASSERT_EQ(r.err, DSC_INVALID);
  DSC_ASSERT(strstr(r.why.message, "line 1: longer") != NULL);
  /* A NUL byte is a control character, not the end of the line. */
  r = read_text("# disclose anchor T x requests=0\n\0\n", 35);
  DSC_ASSERT_EQ(r.err, DSC_INVALID);
  DSC_ASSERT(strstr(r.why.message, "line 2: a control character") != NULL);
}

/* Every prefix of a file of three blocks: only those that end where a
 * block ends are whole files. */
DSC_TEST(every_cut_short_append_is_refused) {
  static const char file[] = "# disclose anchor 2026-12-01T01:00:00+08:00 "
                             "db requests=2\n"
                             "1 3 " HASH_A "\n"
                             "4 1 " HASH_B "\n"
                             "# disclose anchor 2026-12-02T01:00:00+08:00 "
                             "db requests=0\n"
                             "# disclose anchor 2026-12-03T01:00:00+08:00 "
                             "db requests=1\n"
                             "1 5 " HASH_B "\n";
  size_t len = sizeof file - 1, ends[4], nends = 0, lines = 0;
  long heads_at[4] = {0, 2, 2, 3};

  /* The ends of the blocks: after lines 3, 4 and 6, and the empty file. */
  ends[nends++] = 0;
  for (size_t i = 0; i < len; i++)
    if (file[i] == '\n' && (++lines == 3 || lines == 4 || lines == 6))
      ends[nends++] = i + 1;
  DSC_ASSERT_EQ(nends, 4);
  for (size_t cut = 0; cut <= len; cut++) {
    read_result_t r = read_text(file, cut);
    long whole = -1;
    for (size_t k = 0; k < nends; k++)
      if (ends[k] == cut)
        whole = heads_at[k];
    if (whole >= 0) {
      DSC_ASSERT_EQ(r.err, DSC_OK);
      DSC_ASSERT_EQ(r.heads, whole);
    } else if (r.err != DSC_INVALID) {
      DSC_FAIL_("a file cut after %zu bytes was read as whole", cut);
    }
  }
}

DSC_TEST(misuse_is_reported) {
  dsc_anchor_reader_t r;
  dsc_anchor_head_t h;
  bool is_head;
  dsc_anchor_reader_init(&r);
  DSC_ASSERT_EQ(dsc_anchor_read_line(NULL, "\n", 1, &h, &is_head, NULL),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_anchor_read_line(&r, NULL, 1, &h, &is_head, NULL),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_anchor_read_end(NULL, NULL), DSC_MISUSE);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(what_verify_writes_reads_back),
    DSC_TEST_ENTRY(headers_are_only_written_for_timestamps),
    DSC_TEST_ENTRY(malformed_lines_are_named),
    DSC_TEST_ENTRY(every_cut_short_append_is_refused),
    DSC_TEST_ENTRY(misuse_is_reported),
};
DSC_TEST_MAIN(cases)
