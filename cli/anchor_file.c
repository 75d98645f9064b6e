/* The anchor file on disk (see anchor_file.h). The CLI reads and writes it
 * between engine operations, never inside a loop callback, and holds of it
 * only what the next step needs: the last anchored head per request for
 * --anchor, one group of heads for --against. */
#define _DEFAULT_SOURCE /* flock(2): a lock of the open file, which closing    \
                           another descriptor of the same file keeps */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "anchor_file.h"

/* ---- errors that name the option and the file --------------------------- */

/* A system call on path failed: "anchor: /x/y: cannot open: No such file or
 * directory". A missing file is not found (exit 4), the rest invalid
 * input (exit 3). */
static int fail_errno(const cli_t *c, const char *field, const char *path,
                      const char *what_en, const char *what_zh, int errnum) {
  dsc_err_t err = errnum == ENOENT ? DSC_NOT_FOUND : DSC_INVALID;
  char en[256], zh[256];
  dsc_detail_t d;

  snprintf(en, sizeof en, "%s: %s: %s", path, what_en, strerror(errnum));
  snprintf(zh, sizeof zh, "%s：%s：%s", path, what_zh, strerror(errnum));
  dsc_detail_set(&d, err, field, en, zh);
  return cli_fail(c, err, &d);
}

/* The reader's complaint about a line, after the file's name. */
static int fail_line(const cli_t *c, const char *field, const char *path,
                     const dsc_detail_t *why) {
  char en[320], zh[320];
  dsc_detail_t d;

  snprintf(en, sizeof en, "%s %s", path, why->message);
  snprintf(zh, sizeof zh, "%s %s", path,
           why->message_zh[0] ? why->message_zh : why->message);
  dsc_detail_set(&d, DSC_INVALID, field, en, zh);
  return cli_fail(c, DSC_INVALID, &d);
}

static int fail_not_regular(const cli_t *c, const char *field,
                            const char *path) {
  char en[256], zh[256];
  dsc_detail_t d;

  snprintf(en, sizeof en, "%s: not a regular file", path);
  snprintf(zh, sizeof zh, "%s：不是普通文件", path);
  dsc_detail_set(&d, DSC_INVALID, field, en, zh);
  return cli_fail(c, DSC_INVALID, &d);
}

int anchor_fail_report(cli_t *c, cJSON *report, const char *key, cJSON *what,
                       const dsc_detail_t *detail) {
  if (report) {
    cJSON_ReplaceItemInObjectCaseSensitive(report, "ok", cJSON_CreateFalse());
    cJSON_AddItemToObject(report, key, what);
    if (c->json)
      cli_print_json(report);
  } else {
    cJSON_Delete(what);
  }
  return cli_fail(c, DSC_INTEGRITY, detail);
}

/* ---- reading ------------------------------------------------------------ */

/* The next line of f, its newline included, into buf; its length, 0 at the
 * end. A line longer than any the format allows is cut one byte beyond
 * the limit, which the reader then refuses. */
static size_t next_line(FILE *f, char buf[DSC_ANCHOR_LINE_MAX + 1]) {
  size_t n = 0;
  int ch;

  while (n <= DSC_ANCHOR_LINE_MAX && (ch = getc(f)) != EOF) {
    buf[n++] = (char)ch;
    if (ch == '\n')
      break;
  }
  return n;
}

/* Called with each head line; new_block when it is its block's first. */
typedef int (*head_fn)(cli_t *c, void *arg, const dsc_anchor_head_t *head,
                       bool new_block);

/* Reads f from where it stands to its end through the library's reader,
 * handing each head to fn; the first malformed line ends it (exit 3,
 * naming field, the file and the line). */
static int each_head(cli_t *c, FILE *f, const char *field, const char *path,
                     head_fn fn, void *arg) {
  char buf[DSC_ANCHOR_LINE_MAX + 1];
  dsc_anchor_reader_t r;
  dsc_anchor_head_t head;
  dsc_detail_t why;
  long block = 0;
  bool is_head;
  size_t n;
  int rc;

  dsc_anchor_reader_init(&r);
  while ((n = next_line(f, buf)) > 0) {
    if (dsc_anchor_read_line(&r, buf, n, &head, &is_head, &why) != DSC_OK)
      return fail_line(c, field, path, &why);
    if (!is_head)
      continue;
    if ((rc = fn(c, arg, &head, r.block_line != block)) != 0)
      return rc;
    block = r.block_line;
  }
  if (ferror(f))
    return fail_errno(c, field, path, "cannot read", "无法读取", errno);
  if (dsc_anchor_read_end(&r, &why) != DSC_OK)
    return fail_line(c, field, path, &why);
  return 0;
}

/* ---- the last anchored head per request (--anchor) ---------------------- */

static size_t home(const anchor_out_t *a, int64_t id) {
  return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ull) >> 17) & (a->cap - 1);
}

static anchor_seen_t *seen_find(const anchor_out_t *a, int64_t id) {
  if (a->cap == 0)
    return NULL;
  for (size_t i = home(a, id);; i = (i + 1) & (a->cap - 1)) {
    if (a->seen[i].id == id)
      return &a->seen[i];
    if (a->seen[i].id == 0)
      return NULL;
  }
}

/* The slot of id, added if new (the table kept at most half full); NULL
 * when out of memory. */
static anchor_seen_t *seen_put(anchor_out_t *a, int64_t id) {
  anchor_seen_t *s = seen_find(a, id);
  size_t i;

  if (s)
    return s;
  if (2 * (a->used + 1) > a->cap) {
    anchor_out_t grown = {.cap = a->cap ? 2 * a->cap : 1024};
    grown.seen = calloc(grown.cap, sizeof *grown.seen);
    if (grown.seen == NULL)
      return NULL;
    for (size_t k = 0; k < a->cap; k++) {
      if (a->seen[k].id == 0)
        continue;
      for (i = home(&grown, a->seen[k].id); grown.seen[i].id != 0;)
        i = (i + 1) & (grown.cap - 1);
      grown.seen[i] = a->seen[k];
    }
    free(a->seen);
    a->seen = grown.seen;
    a->cap = grown.cap;
  }
  for (i = home(a, id); a->seen[i].id != 0;)
    i = (i + 1) & (a->cap - 1);
  a->seen[i].id = id;
  a->used++;
  return &a->seen[i];
}

/* The first 16 hex digits of a hash as a number. */
static uint64_t hash64(const char *hex) {
  uint64_t v = 0;
  for (int i = 0; i < 16 && hex[i]; i++)
    v = (v << 4) | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
  return v;
}

static int remember(cli_t *c, void *arg, const dsc_anchor_head_t *h,
                    bool new_block) {
  anchor_out_t *a = arg;
  anchor_seen_t *s;

  if (new_block) {
    if (a->nblocks == a->blocks_cap) {
      size_t cap = a->blocks_cap ? 2 * a->blocks_cap : 64;
      void *grown = realloc(a->blocks, cap * sizeof *a->blocks);
      if (grown == NULL)
        return cli_fail(c, DSC_NOMEM, NULL);
      a->blocks = grown;
      a->blocks_cap = cap;
    }
    memcpy(a->blocks[a->nblocks++], h->at, DSC_ANCHOR_AT_MAX);
  }
  if ((s = seen_put(a, h->request_id)) == NULL)
    return cli_fail(c, DSC_NOMEM, NULL);
  /* The file is in time order: a later line is the newer head. */
  s->seq = h->seq;
  s->block = (uint32_t)(a->nblocks - 1);
  s->hash64 = hash64(h->hash);
  return 0;
}

void anchor_out_init(anchor_out_t *a) {
  memset(a, 0, sizeof *a);
  a->fd = -1;
}

int anchor_out_open(cli_t *c, const char *path, anchor_out_t *a) {
  struct stat sb;
  FILE *f;
  int fd, rc;

  a->path = path;
  fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    a->created = true;
  else if (errno == EEXIST)
    fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
  if (fd < 0)
    return fail_errno(c, "anchor", path, "cannot open for appending",
                      "无法打开以追加", errno);
  a->fd = fd;
  /* 0600 whatever the umask: the file tells which requests exist. */
  if (a->created && fchmod(fd, 0600) != 0)
    return fail_errno(c, "anchor", path, "cannot set its mode", "无法设置权限",
                      errno);
  if (fstat(fd, &sb) != 0)
    return fail_errno(c, "anchor", path, "cannot stat", "无法读取属性", errno);
  if (!S_ISREG(sb.st_mode))
    return fail_not_regular(c, "anchor", path);
  /* Two runs appending at once would interleave their blocks. */
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK)
      return fail_errno(c, "anchor", path, "cannot lock", "无法加锁", errno);
    return cli_failf(c, DSC_CONFLICT, "anchor",
                     "another disclose verify is anchoring to this file",
                     "另一个 disclose verify 正在向该文件写入锚点");
  }
  /* Read through a second descriptor of the same open file: the very file
   * that is locked, whatever happens to the path meanwhile. */
  fd = dup(a->fd);
  f = fd >= 0 ? fdopen(fd, "r") : NULL;
  if (f == NULL) {
    if (fd >= 0)
      close(fd);
    return fail_errno(c, "anchor", path, "cannot read", "无法读取", errno);
  }
  rc = each_head(c, f, "anchor", path, remember, a);
  fclose(f);
  return rc;
}

/* ---- appending a block (--anchor) --------------------------------------- */

static bool write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

/* A new file's name is durable only once its directory is: best effort,
 * since some file systems refuse fsync on a directory. */
static void sync_directory(const char *path) {
  char *copy = strdup(path);
  int fd = copy ? open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
  free(copy);
}

/* The header, then the spooled head lines, in one go at the file's end,
 * then fsync. On failure the file is cut back to its former length, so
 * that no half block stays behind (where the file allows it). */
static int write_block(cli_t *c, anchor_out_t *a, FILE *spool, const char *at,
                       const char *database, long long n) {
  char header[DSC_ANCHOR_LINE_MAX + 1], buf[65536];
  size_t len = dsc_anchor_format_header(at, database, n, header, sizeof header);
  struct stat sb;
  bool ok;
  int errnum;

  if (len == 0)
    return cli_failf(c, DSC_INTERNAL, "anchor",
                     "the server's time is not a timestamp",
                     "服务器时间格式不正确");
  if (fstat(a->fd, &sb) != 0)
    return fail_errno(c, "anchor", a->path, "cannot stat", "无法读取属性",
                      errno);
  ok = write_all(a->fd, header, len);
  rewind(spool);
  while (ok && (len = fread(buf, 1, sizeof buf, spool)) > 0)
    ok = write_all(a->fd, buf, len);
  ok = ok && !ferror(spool) && fsync(a->fd) == 0;
  if (!ok) {
    errnum = errno;
    /* Cut back to the old length; if even that fails, say so: the file
     * then ends with a partial block that the next run refuses. */
    if (ftruncate(a->fd, sb.st_size) != 0)
      return fail_errno(c, "anchor", a->path,
                        "cannot append, nor cut the partial block off",
                        "无法追加，也无法截去不完整的部分", errnum);
    return fail_errno(c, "anchor", a->path, "cannot append", "无法追加",
                      errnum);
  }
  if (a->created)
    sync_directory(a->path);
  return 0;
}

/* A head of the database that contradicts the file: the request's chain
 * went back behind its anchored head, or the anchored event's hash
 * changed. Either way something was removed or rewritten; appending the
 * new head would hide it. */
static int contradiction(cli_t *c, const anchor_out_t *a, cJSON *report,
                         const anchor_seen_t *s, int seq, const char *hash) {
  const char *at = a->blocks[s->block];
  cJSON *m = cJSON_CreateObject();
  dsc_detail_t d;

  cJSON_AddNumberToObject(m, "request_id", (double)s->id);
  cJSON_AddNumberToObject(m, "seq", s->seq);
  cJSON_AddStringToObject(m, "anchored_at", at);
  cJSON_AddNumberToObject(m, "head_seq", seq);
  cJSON_AddStringToObject(m, "head_hash", hash);
  if (seq < s->seq)
    dsc_detail_setf(&d, DSC_INTEGRITY, "anchor",
                    "request %lld: event %d, anchored at %s, is missing (the "
                    "chain now ends at event %d)",
                    "申请 %lld：%d 号记录（锚定于 %s）已不存在（链现止于 %d "
                    "号记录）",
                    (long long)s->id, s->seq, at, seq);
  else
    dsc_detail_setf(&d, DSC_INTEGRITY, "anchor",
                    "request %lld: event %d differs from its anchor of %s "
                    "(the event or one before it was rewritten)",
                    "申请 %lld：%d 号记录与 %s 的锚定哈希不符（该记录或其之前"
                    "的记录被改写）",
                    (long long)s->id, s->seq, at);
  return anchor_fail_report(c, report, "anchor_mismatch", m, &d);
}

/* One page of heads into the spool, the moved ones only. *after becomes
 * the page's last request id; *more whether a next page may follow. */
static int spool_page(cli_t *c, anchor_out_t *a, cJSON *report, FILE *spool,
                      int64_t *after, bool *more, long long *n) {
  const cJSON *heads = cJSON_GetObjectItemCaseSensitive(c->res.json, "heads");
  const cJSON *h;

  *more = cJSON_GetArraySize(heads) == DSC_VERIFY_HEADS_PAGE;
  cJSON_ArrayForEach(h, heads) {
    int64_t id = (int64_t)cJSON_GetArrayItem(h, 0)->valuedouble;
    int seq = cJSON_GetArrayItem(h, 1)->valueint;
    const char *hash = cJSON_GetStringValue(cJSON_GetArrayItem(h, 2));
    const anchor_seen_t *s = seen_find(a, id);

    *after = id;
    if (hash == NULL || strlen(hash) != DSC_ANCHOR_HASH_LEN)
      return cli_failf(c, DSC_INTERNAL, "anchor",
                       "the database gave a head without a hash",
                       "数据库返回的链头缺少哈希");
    if (s && (seq < s->seq || (seq == s->seq && hash64(hash) != s->hash64)))
      return contradiction(c, a, report, s, seq, hash);
    if (s && seq == s->seq)
      continue; /* not moved since it was anchored */
    if (fprintf(spool, "%lld %d %s\n", (long long)id, seq, hash) < 0)
      return fail_errno(c, "anchor", "(temporary file)", "cannot write",
                        "无法写入", errno);
    (*n)++;
  }
  return 0;
}

int anchor_out_append(cli_t *c, anchor_out_t *a, cJSON *report) {
  char at[DSC_ANCHOR_AT_MAX] = "", database[128] = "";
  FILE *spool = tmpfile();
  long long n = 0;
  int64_t after = 0;
  bool more = true;
  dsc_err_t started;
  cJSON *o;
  int rc = 0;

  /* The block goes to a temporary file first: its header counts its
   * lines, and the heads are read page by page. */
  if (spool == NULL)
    return fail_errno(c, "anchor", "(temporary file)", "cannot create",
                      "无法创建", errno);
  while (rc == 0 && more) {
    started = dsc_verify_heads(c->engine, &c->ctx, after, cli_store_result, c);
    if (started != DSC_OK) {
      rc = cli_fail(c, started, NULL);
      break;
    }
    cli_wait(c);
    if (c->res.err != DSC_OK) {
      rc = cli_fail(c, c->res.err, &c->res.detail);
      break;
    }
    if (at[0] == '\0') { /* the block is dated by its first page */
      snprintf(at, sizeof at, "%s",
               cJSON_GetStringValue(
                   cJSON_GetObjectItemCaseSensitive(c->res.json, "at")));
      snprintf(database, sizeof database, "%s",
               cJSON_GetStringValue(
                   cJSON_GetObjectItemCaseSensitive(c->res.json, "database")));
    }
    rc = spool_page(c, a, report, spool, &after, &more, &n);
  }
  if (rc == 0 && (rc = write_block(c, a, spool, at, database, n)) == 0) {
    a->appended = true;
    o = cJSON_AddObjectToObject(report, "anchor");
    cJSON_AddStringToObject(o, "file", a->path);
    cJSON_AddStringToObject(o, "at", at);
    cJSON_AddNumberToObject(o, "requests", (double)n);
  }
  fclose(spool);
  return rc;
}

void anchor_out_close(anchor_out_t *a) {
  struct stat sb;

  if (a->fd >= 0) {
    /* A file made by this run for nothing leaves no trace. */
    if (a->created && !a->appended && fstat(a->fd, &sb) == 0 && sb.st_size == 0)
      (void)unlink(a->path);
    close(a->fd); /* and the lock with it */
  }
  free(a->seen);
  free(a->blocks);
  anchor_out_init(a);
}

/* ---- checking a file's heads (--against) -------------------------------- */

static int count_head(cli_t *c, void *arg, const dsc_anchor_head_t *h,
                      bool new_block) {
  (void)c;
  (void)h;
  (void)new_block;
  ((anchor_in_t *)arg)->heads++;
  return 0;
}

void anchor_in_init(anchor_in_t *a) { memset(a, 0, sizeof *a); }

int anchor_in_open(cli_t *c, const char *path, anchor_in_t *a) {
  struct stat sb;
  int rc;

  a->path = path;
  a->f = fopen(path, "re");
  if (a->f == NULL)
    return fail_errno(c, "against", path, "cannot open", "无法打开", errno);
  if (fstat(fileno(a->f), &sb) != 0)
    return fail_errno(c, "against", path, "cannot stat", "无法读取属性", errno);
  if (!S_ISREG(sb.st_mode))
    return fail_not_regular(c, "against", path);
  /* Judge the whole file before the long verify, then read it again. */
  if ((rc = each_head(c, a->f, "against", path, count_head, a)) != 0)
    return rc;
  rewind(a->f);
  return 0;
}

typedef struct check_state {
  cJSON *report;
  dsc_anchor_head_t *group;
  size_t n;
  long long checked;
} check_state_t;

/* The group gathered so far against the database. */
static int check_group(cli_t *c, check_state_t *cs) {
  dsc_err_t started;
  cJSON *m;

  if (cs->n == 0)
    return 0;
  started = dsc_verify_anchored(c->engine, &c->ctx, cs->group, cs->n,
                                cli_store_result, c);
  if (started != DSC_OK)
    return cli_fail(c, started, NULL);
  cli_wait(c);
  if (c->res.err == DSC_INTEGRITY) {
    m = cJSON_DetachItemFromObjectCaseSensitive(c->res.json, "mismatch");
    return anchor_fail_report(c, cs->report, "anchor_mismatch", m,
                              &c->res.detail);
  }
  if (c->res.err != DSC_OK)
    return cli_fail(c, c->res.err, &c->res.detail);
  cs->checked += (long long)cs->n;
  cs->n = 0;
  return 0;
}

static int gather(cli_t *c, void *arg, const dsc_anchor_head_t *h,
                  bool new_block) {
  check_state_t *cs = arg;
  (void)new_block;
  cs->group[cs->n++] = *h;
  return cs->n == DSC_VERIFY_ANCHORED_MAX ? check_group(c, cs) : 0;
}

int anchor_in_check(cli_t *c, anchor_in_t *a, cJSON *report) {
  check_state_t cs = {report, NULL, 0, 0};
  cJSON *o;
  int rc;

  cs.group = calloc(DSC_VERIFY_ANCHORED_MAX, sizeof *cs.group);
  if (cs.group == NULL)
    return cli_fail(c, DSC_NOMEM, NULL);
  rc = each_head(c, a->f, "against", a->path, gather, &cs);
  if (rc == 0)
    rc = check_group(c, &cs);
  free(cs.group);
  if (rc == 0) {
    o = cJSON_AddObjectToObject(report, "against");
    cJSON_AddStringToObject(o, "file", a->path);
    cJSON_AddNumberToObject(o, "checked", (double)cs.checked);
  }
  return rc;
}

void anchor_in_close(anchor_in_t *a) {
  if (a->f)
    fclose(a->f);
  anchor_in_init(a);
}
