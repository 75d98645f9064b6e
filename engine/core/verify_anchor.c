/* The anchor file's format (see disclose/verify.h): a pure, line-at-a-time
 * reader and the header's writer. Strict on purpose: the file is evidence,
 * so a line that is not exactly what `verify --anchor` writes is reported
 * with its number rather than skipped. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "disclose/verify.h"

static const char header_prefix[] = "# disclose anchor ";
static const char count_key[] = " requests=";

void dsc_anchor_reader_init(dsc_anchor_reader_t *r) {
  if (r)
    memset(r, 0, sizeof *r);
}

/* A timestamp token: what to_char gives for the server's time, loosely —
 * digits and the punctuation of ISO 8601, no space. */
static bool is_at_token(const char *s, size_t n) {
  if (n == 0 || n >= DSC_ANCHOR_AT_MAX)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == ':' ||
          s[i] == 'T' || s[i] == '+' || s[i] == '.' || s[i] == 'Z'))
      return false;
  return true;
}

/* Decimal digits without a sign or a leading zero, at most max: the value
 * into *out. */
static bool parse_decimal(const char *s, size_t n, long long max,
                          long long *out) {
  long long v = 0;
  if (n == 0 || n > 19 || (s[0] == '0' && n > 1))
    return false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9' || v > (max - (s[i] - '0')) / 10)
      return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

static dsc_err_t bad_line(const dsc_anchor_reader_t *r, dsc_detail_t *d,
                          const char *en, const char *zh) {
  char m[200], m_zh[200];
  /* The two messages take different texts, so each is formatted alone. */
  snprintf(m, sizeof m, "line %ld: %s", r->line, en);
  snprintf(m_zh, sizeof m_zh, "第 %ld 行：%s", r->line, zh);
  return dsc_detail_set(d, DSC_INVALID, "line", m, m_zh);
}

static dsc_err_t short_block(const dsc_anchor_reader_t *r, dsc_detail_t *d) {
  return dsc_detail_setf(
      d, DSC_INVALID, "line",
      "line %ld: the block of line %ld holds %lld of the %lld heads its "
      "header announces",
      "第 %ld 行：第 %ld 行开始的记录块只有 %lld 条，少于其标题所写的 %lld 条",
      r->line, r->block_line, r->announced - r->remaining, r->announced);
}

static dsc_err_t read_header(dsc_anchor_reader_t *r, const char *s, size_t n,
                             dsc_detail_t *d) {
  const char *at = s + sizeof header_prefix - 1, *space, *key = NULL;
  size_t keylen = sizeof count_key - 1;
  long long count;

  if (r->remaining > 0)
    return short_block(r, d);
  space = memchr(at, ' ', n - (size_t)(at - s));
  for (const char *p = s + n - keylen; space && p > space; p--)
    if (memcmp(p, count_key, keylen) == 0) {
      key = p;
      break;
    }
  if (space == NULL || key == NULL || key == space ||
      !is_at_token(at, (size_t)(space - at)))
    return bad_line(r, d,
                    "a header is `# disclose anchor <time> <database> "
                    "requests=<n>`",
                    "标题行应为 `# disclose anchor <时间> <数据库> "
                    "requests=<条数>`");
  if (!parse_decimal(key + keylen, n - (size_t)(key + keylen - s),
                     1000000000000000LL, &count))
    return bad_line(r, d, "requests= is not a count", "requests= 不是条数");
  memcpy(r->at, at, (size_t)(space - at));
  r->at[space - at] = '\0';
  r->block_line = r->line;
  r->announced = r->remaining = count;
  r->last_id = 0;
  return DSC_OK;
}

static dsc_err_t read_head(dsc_anchor_reader_t *r, const char *s, size_t n,
                           dsc_anchor_head_t *head, dsc_detail_t *d) {
  const char *sp1 = memchr(s, ' ', n), *sp2, *hash;
  long long id, seq;

  sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - s)) : NULL;
  hash = sp2 ? sp2 + 1 : NULL;
  if (hash == NULL || (size_t)(s + n - hash) != DSC_ANCHOR_HASH_LEN ||
      !parse_decimal(s, (size_t)(sp1 - s), LLONG_MAX, &id) || id == 0 ||
      !parse_decimal(sp1 + 1, (size_t)(sp2 - sp1 - 1), INT_MAX, &seq) ||
      seq == 0)
    return bad_line(r, d, "a head is `<request id> <seq> <64 hex digits>`",
                    "链头行应为 `<申请编号> <序号> <64位十六进制哈希>`");
  for (int i = 0; i < DSC_ANCHOR_HASH_LEN; i++)
    if (!((hash[i] >= '0' && hash[i] <= '9') ||
          (hash[i] >= 'a' && hash[i] <= 'f')))
      return bad_line(r, d, "the hash is not 64 lower-case hex digits",
                      "哈希不是64位小写十六进制数");
  if (r->block_line == 0)
    return bad_line(r, d, "a head line before the first header",
                    "链头行出现在第一个标题行之前");
  if (r->remaining == 0)
    return bad_line(r, d,
                    "a head line beyond what its block's header announces",
                    "链头行超出记录块标题所写的条数");
  if (id <= r->last_id)
    return bad_line(r, d, "request ids are not increasing within the block",
                    "同一记录块内的申请编号未按升序排列");
  head->request_id = id;
  head->seq = (int)seq;
  memcpy(head->hash, hash, DSC_ANCHOR_HASH_LEN);
  head->hash[DSC_ANCHOR_HASH_LEN] = '\0';
  memcpy(head->at, r->at, sizeof head->at);
  r->last_id = id;
  r->remaining--;
  return DSC_OK;
}

dsc_err_t dsc_anchor_read_line(dsc_anchor_reader_t *r, const char *text,
                               size_t len, dsc_anchor_head_t *head,
                               bool *is_head, dsc_detail_t *d) {
  size_t n;

  if (r == NULL || text == NULL || head == NULL || is_head == NULL)
    return dsc_detail_set(d, DSC_MISUSE, "", "dsc_anchor_read_line: NULL",
                          NULL);
  r->line++;
  *is_head = false;
  if (len > DSC_ANCHOR_LINE_MAX)
    return bad_line(r, d, "longer than any line verify writes",
                    "长度超出校验命令所写的任何行");
  if (len == 0 || text[len - 1] != '\n')
    return bad_line(r, d, "no newline at its end: an append was cut short",
                    "行尾没有换行符：上次追加未完成");
  n = len - 1;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
      return bad_line(r, d, "a control character", "含有控制字符");
  if (n >= sizeof header_prefix - 1 &&
      memcmp(text, header_prefix, sizeof header_prefix - 1) == 0)
    return read_header(r, text, n, d);
  if (read_head(r, text, n, head, d) != DSC_OK)
    return DSC_INVALID;
  *is_head = true;
  return DSC_OK;
}

dsc_err_t dsc_anchor_read_end(const dsc_anchor_reader_t *r, dsc_detail_t *d) {
  if (r == NULL)
    return dsc_detail_set(d, DSC_MISUSE, "", "dsc_anchor_read_end: NULL", NULL);
  if (r->remaining == 0)
    return DSC_OK;
  return dsc_detail_setf(
      d, DSC_INVALID, "line",
      "line %ld: the file ends inside the block of line %ld, which holds "
      "%lld of the %lld heads its header announces",
      "第 %ld 行：文件在第 %ld 行开始的记录块中结束，该块只有 %lld 条，"
      "少于其标题所写的 %lld 条",
      r->line, r->block_line, r->announced - r->remaining, r->announced);
}

size_t dsc_anchor_format_header(const char *at, const char *database,
                                long long n, char *buf, size_t cap) {
  char db[128];
  size_t len = 0;
  int w;

  if (at == NULL || buf == NULL || n < 0 || !is_at_token(at, strlen(at)))
    return 0;
  /* The name is the database's own; only what would break the line goes. */
  for (const char *p = database ? database : ""; *p && len + 1 < sizeof db; p++)
    db[len++] = ((unsigned char)*p < 0x20 || *p == 0x7f) ? '?' : *p;
  if (len == 0)
    db[len++] = '?';
  db[len] = '\0';
  w = snprintf(buf, cap, "%s%s %s%s%lld\n", header_prefix, at, db, count_key,
               n);
  if (w < 0 || (size_t)w >= cap || (size_t)w > DSC_ANCHOR_LINE_MAX)
    return 0;
  return (size_t)w;
}
