/* The personal-data key file: reading it with its checks (a regular file,
 * ours, no group or other bits), parsing and writing its lines, and the
 * operator's operations on it — generate, rotate, retire.
 *
 * The file's text holds the root keys in hex, so it is read into and
 * written from libsodium's guarded memory, never the library's heap, and
 * its content never appears in an error message (only line numbers). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "disclose/personal.h"
#include "personal_int.h"

/* A key file is one short line per key; anything larger is not one. */
#define KEYFILE_MAX_BYTES (128 * 1024)
#define KEY_HEX (2 * DSC__PERSONAL_KEY_BYTES)
#define FIELD "key_file"
/* The longest line we write: "match " + a 10-digit id + ' ' + hex + '\n'. */
#define LINE_MAX_BYTES (6 + 10 + 1 + KEY_HEX + 1)

static const char header_text[] =
    "# disclose personal-data keys (docs/personal-data.md). Keep mode 0600.\n"
    "# The first `ID HEX` line is the current key; the others open older\n"
    "# values. The `match` key never changes with rotation.\n";

dsc_err_t dsc__personal_sodium_init(dsc_detail_t *detail) {
  /* sodium_init is idempotent and thread-safe (it takes its own lock), so
   * each entry point that needs libsodium calls it instead of asking the
   * application for a set-up step or keeping a flag of our own, which would
   * be global state. It returns 1 when already initialised. */
  if (sodium_init() < 0)
    return dsc_detail_set(detail, DSC_INTERNAL, "libsodium",
                          "libsodium could not be initialised",
                          "libsodium 初始化失败");
  return DSC_OK;
}

unsigned char *dsc__keyfile_root(const dsc__keyfile_t *kf, size_t i) {
  return kf->roots + i * DSC__PERSONAL_KEY_BYTES;
}

unsigned char *dsc__keyfile_match_root(const dsc__keyfile_t *kf) {
  return dsc__keyfile_root(kf, DSC__PERSONAL_MAX_KEYS);
}

void dsc__keyfile_clear(dsc__keyfile_t *kf) {
  if (kf->ids != NULL)
    dsc__free(kf->ids);
  sodium_free(kf->roots); /* wipes; accepts NULL */
  memset(kf, 0, sizeof *kf);
}

static dsc_err_t keyfile_alloc(dsc__keyfile_t *kf, dsc_detail_t *detail) {
  memset(kf, 0, sizeof *kf);
  kf->ids = dsc__calloc(DSC__PERSONAL_MAX_KEYS, sizeof *kf->ids);
  kf->roots =
      sodium_allocarray(DSC__PERSONAL_MAX_KEYS + 1, DSC__PERSONAL_KEY_BYTES);
  if (kf->ids == NULL || kf->roots == NULL) {
    dsc__keyfile_clear(kf);
    return dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", NULL);
  }
  return DSC_OK;
}

/* ---- errors ------------------------------------------------------------ */

/* An I/O failure the caller cannot fix by changing the file: the system's
 * own words. */
static dsc_err_t io_error(const char *path, const char *what, int err,
                          dsc_detail_t *detail) {
  char why[128];
  if (strerror_r(err, why, sizeof why) != 0)
    snprintf(why, sizeof why, "error %d", err);
  return dsc_detail_setf(detail, DSC_INTERNAL, FIELD, "key file %s: %s: %s",
                         "密钥文件 %s：%s：%s", path, what, why);
}

static dsc_err_t open_error(const char *path, int err, dsc_detail_t *detail) {
  switch (err) {
  case ENOENT:
  case ENOTDIR:
    return dsc_detail_setf(detail, DSC_NOT_FOUND, FIELD,
                           "key file %s does not exist", "密钥文件 %s 不存在",
                           path);
  case EACCES:
  case EPERM:
    return dsc_detail_setf(detail, DSC_FORBIDDEN, FIELD,
                           "key file %s may not be read by this user",
                           "当前用户无权读取密钥文件 %s", path);
  case ELOOP:
    return dsc_detail_setf(detail, DSC_INVALID, FIELD,
                           "key file %s is a symbolic link: name the file "
                           "itself",
                           "密钥文件 %s 是符号链接，请指定文件本身", path);
  default:
    return io_error(path, "open", err, detail);
  }
}

static dsc_err_t create_error(const char *path, int err, dsc_detail_t *detail) {
  switch (err) {
  case EEXIST:
    return dsc_detail_setf(detail, DSC_CONFLICT, FIELD,
                           "%s already exists: a key file is never "
                           "overwritten",
                           "%s 已存在：密钥文件从不被覆盖", path);
  case ENOENT:
  case ENOTDIR:
    return dsc_detail_setf(detail, DSC_NOT_FOUND, FIELD,
                           "the directory of key file %s does not exist",
                           "密钥文件 %s 所在目录不存在", path);
  case EACCES:
  case EPERM:
  case EROFS:
    return dsc_detail_setf(detail, DSC_FORBIDDEN, FIELD,
                           "key file %s may not be created by this user",
                           "当前用户无权创建密钥文件 %s", path);
  default:
    return io_error(path, "create", err, detail);
  }
}

/* ---- reading ----------------------------------------------------------- */

/* The checks on the open file itself (fstat, so nothing can be swapped in
 * between the check and the read): a regular file, owned by the effective
 * user, readable and writable by nobody else. */
static dsc_err_t check_stat(const char *path, const struct stat *st,
                            dsc_detail_t *detail) {
  if (S_ISDIR(st->st_mode))
    return dsc_detail_setf(detail, DSC_INVALID, FIELD,
                           "key file %s is a directory, not a file",
                           "密钥文件 %s 是目录，不是文件", path);
  if (!S_ISREG(st->st_mode))
    return dsc_detail_setf(detail, DSC_INVALID, FIELD,
                           "key file %s is not a regular file",
                           "密钥文件 %s 不是普通文件", path);
  if (st->st_uid != geteuid())
    return dsc_detail_setf(detail, DSC_FORBIDDEN, FIELD,
                           "key file %s belongs to uid %u, not to this user "
                           "(uid %u)",
                           "密钥文件 %s 属于 uid %u，而非当前用户（uid %u）",
                           path, (unsigned)st->st_uid, (unsigned)geteuid());
  if ((st->st_mode & 077) != 0)
    return dsc_detail_setf(detail, DSC_FORBIDDEN, FIELD,
                           "key file %s has mode %04o: group or others may "
                           "access it (chmod 600 it)",
                           "密钥文件 %s 的权限为 %04o：组或其他用户可访问"
                           "（请 chmod 600）",
                           path, (unsigned)(st->st_mode & 07777));
  return DSC_OK;
}

/* Reads the checked file into guarded memory: *text (sodium_free it) and
 * *len. */
static dsc_err_t read_checked(const char *path, char **text, size_t *len,
                              dsc_detail_t *detail) {
  struct stat st;
  char *buf = NULL;
  size_t n = 0;
  dsc_err_t err = DSC_OK;
  /* O_NOFOLLOW: a rotation renames a new file over path, which would turn
   * a symbolic link into a file and leave its target stale. O_NONBLOCK: a
   * FIFO put in the key file's place must not hang the open; it is refused
   * as not a regular file. */
  int fd =
      open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return open_error(path, errno, detail);
  if (fstat(fd, &st) != 0)
    err = io_error(path, "stat", errno, detail);
  else
    err = check_stat(path, &st, detail);
  if (err == DSC_OK && (buf = sodium_malloc(KEYFILE_MAX_BYTES + 1)) == NULL)
    err = dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", NULL);
  while (err == DSC_OK && n <= KEYFILE_MAX_BYTES) {
    ssize_t r = read(fd, buf + n, KEYFILE_MAX_BYTES + 1 - n);
    if (r < 0 && errno != EINTR)
      err = io_error(path, "read", errno, detail);
    else if (r == 0)
      break;
    else if (r > 0)
      n += (size_t)r;
  }
  if (err == DSC_OK && n > KEYFILE_MAX_BYTES)
    err = dsc_detail_setf(detail, DSC_INVALID, FIELD,
                          "key file %s is larger than %d KiB: not a key file",
                          "密钥文件 %s 超过 %d KiB，不是密钥文件", path,
                          KEYFILE_MAX_BYTES / 1024);
  close(fd);
  if (err != DSC_OK) {
    sodium_free(buf);
    return err;
  }
  *text = buf;
  *len = n;
  return DSC_OK;
}

/* Splits s[0..len) at spaces and tabs into at most max tokens; returns the
 * count, or max + 1 when there are more. */
static size_t split(const char *s, size_t len, const char **tok, size_t *tlen,
                    size_t max) {
  size_t n = 0, i = 0;

  for (;;) {
    size_t start;
    while (i < len && (s[i] == ' ' || s[i] == '\t'))
      i++;
    if (i == len)
      return n;
    start = i;
    while (i < len && s[i] != ' ' && s[i] != '\t')
      i++;
    if (n == max)
      return max + 1;
    tok[n] = s + start;
    tlen[n] = i - start;
    n++;
  }
}

/* A key id: 1 to 10 decimal digits, 1 … 4294967295. */
static bool parse_id(const char *s, size_t len, uint32_t *out) {
  uint64_t v = 0;

  if (len == 0 || len > 10)
    return false;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  if (v == 0 || v > UINT32_MAX)
    return false;
  *out = (uint32_t)v;
  return true;
}

/* A key: exactly 64 hex digits, not all zero (a placeholder left in a
 * template must not become a real key). */
static bool parse_key(unsigned char *root, const char *s, size_t len) {
  size_t bin_len = 0;

  return len == KEY_HEX &&
         sodium_hex2bin(root, DSC__PERSONAL_KEY_BYTES, s, len, NULL, &bin_len,
                        NULL) == 0 &&
         bin_len == DSC__PERSONAL_KEY_BYTES &&
         !sodium_is_zero(root, DSC__PERSONAL_KEY_BYTES);
}

static dsc_err_t bad_line(const char *path, unsigned lineno, const char *what,
                          dsc_detail_t *detail) {
  return dsc_detail_setf(detail, DSC_INVALID, FIELD, "key file %s line %u: %s",
                         "密钥文件 %s 第 %u 行：%s", path, lineno, what);
}

static const char line_form[] =
    "expected `ID HEX` or `match ID HEX` (ID 1-4294967295, HEX 64 hex "
    "digits, not all zero)";

/* Parses one line that is neither blank nor a comment. */
static dsc_err_t parse_line(const char *path, unsigned lineno, const char *s,
                            size_t len, dsc__keyfile_t *kf, bool *have_match,
                            dsc_detail_t *detail) {
  const char *tok[3];
  size_t tlen[3], nt = split(s, len, tok, tlen, 3);
  uint32_t id;

  if (nt == 3 && tlen[0] == 5 && memcmp(tok[0], "match", 5) == 0) {
    if (*have_match)
      return bad_line(path, lineno, "a second `match` line", detail);
    if (!parse_id(tok[1], tlen[1], &kf->match_id) ||
        !parse_key(dsc__keyfile_match_root(kf), tok[2], tlen[2]))
      return bad_line(path, lineno, line_form, detail);
    *have_match = true;
    return DSC_OK;
  }
  if (nt != 2 || !parse_id(tok[0], tlen[0], &id))
    return bad_line(path, lineno, line_form, detail);
  for (size_t i = 0; i < kf->n; i++)
    if (kf->ids[i] == id)
      return bad_line(path, lineno, "a key id that appears twice", detail);
  if (kf->n == DSC__PERSONAL_MAX_KEYS)
    return bad_line(path, lineno, "more than 1024 keys", detail);
  if (!parse_key(dsc__keyfile_root(kf, kf->n), tok[1], tlen[1]))
    return bad_line(path, lineno, line_form, detail);
  kf->ids[kf->n++] = id;
  return DSC_OK;
}

static dsc_err_t parse(const char *path, const char *text, size_t len,
                       dsc__keyfile_t *kf, dsc_detail_t *detail) {
  size_t pos = 0;
  unsigned lineno = 0;
  bool have_match = false;

  while (pos < len) {
    const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
    size_t ll = nl ? (size_t)(nl - line) : len - pos, first = 0;
    dsc_err_t err;

    pos += ll + (nl != NULL);
    lineno++;
    if (ll > 0 && line[ll - 1] == '\r')
      ll--;
    while (first < ll && (line[first] == ' ' || line[first] == '\t'))
      first++;
    if (first == ll || line[first] == '#')
      continue;
    err = parse_line(path, lineno, line, ll, kf, &have_match, detail);
    if (err != DSC_OK)
      return err;
  }
  if (kf->n == 0)
    return dsc_detail_setf(detail, DSC_INVALID, FIELD,
                           "key file %s holds no key (`ID HEX` line)",
                           "密钥文件 %s 中没有密钥（`ID HEX` 行）", path);
  if (!have_match)
    return dsc_detail_setf(detail, DSC_INVALID, FIELD,
                           "key file %s has no `match ID HEX` line",
                           "密钥文件 %s 缺少 `match ID HEX` 行", path);
  return DSC_OK;
}

dsc_err_t dsc__keyfile_read(const char *path, dsc__keyfile_t *kf,
                            dsc_detail_t *detail) {
  char *text = NULL;
  size_t len = 0;
  dsc_err_t err;

  memset(kf, 0, sizeof *kf);
  err = read_checked(path, &text, &len, detail);
  if (err == DSC_OK)
    err = keyfile_alloc(kf, detail);
  if (err == DSC_OK)
    err = parse(path, text, len, kf, detail);
  sodium_free(text);
  if (err != DSC_OK)
    dsc__keyfile_clear(kf);
  return err;
}

/* ---- writing ----------------------------------------------------------- */

/* Appends one key line to buf at *len (room is the caller's sizing). */
static void put_line(char *buf, size_t *len, const char *prefix, uint32_t id,
                     const unsigned char *root) {
  *len += (size_t)snprintf(buf + *len, LINE_MAX_BYTES, "%s%lu ", prefix,
                           (unsigned long)id);
  sodium_bin2hex(buf + *len, KEY_HEX + 1, root, DSC__PERSONAL_KEY_BYTES);
  *len += KEY_HEX;
  buf[(*len)++] = '\n';
}

/* The file's text for kf, in guarded memory (*text, sodium_free it). */
static dsc_err_t serialize(const dsc__keyfile_t *kf, char **text, size_t *len,
                           dsc_detail_t *detail) {
  size_t n = 0;
  char *buf =
      sodium_malloc(sizeof header_text + (kf->n + 1) * LINE_MAX_BYTES + 1);

  if (buf == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", NULL);
  memcpy(buf, header_text, sizeof header_text - 1);
  n = sizeof header_text - 1;
  for (size_t i = 0; i < kf->n; i++)
    put_line(buf, &n, "", kf->ids[i], dsc__keyfile_root(kf, i));
  put_line(buf, &n, "match ", kf->match_id, dsc__keyfile_match_root(kf));
  *text = buf;
  *len = n;
  return DSC_OK;
}

/* Opens the directory holding path, so that a new entry in it can be made
 * durable (sync_dir) — before anything changes, since it allocates. */
static dsc_err_t open_dir(const char *path, int *fd, dsc_detail_t *detail) {
  const char *slash = strrchr(path, '/');
  char *dir = slash == NULL   ? dsc__strdup(".")
              : slash == path ? dsc__strdup("/")
                              : dsc__strndup(path, (size_t)(slash - path));

  if (dir == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", NULL);
  *fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  dsc__free(dir);
  return *fd < 0 ? create_error(path, errno, detail) : DSC_OK;
}

/* fsyncs and closes the directory opened by open_dir. */
static dsc_err_t sync_dir(const char *path, int fd, dsc_detail_t *detail) {
  dsc_err_t err = DSC_OK;

  if (fsync(fd) != 0)
    err = io_error(path, "fsync of its directory", errno, detail);
  close(fd);
  return err;
}

/* Creates path (never replacing anything), mode 0600, with text, and
 * fsyncs it. On failure nothing is left at path. */
static dsc_err_t write_new(const char *path, const char *text, size_t len,
                           dsc_detail_t *detail) {
  size_t done = 0;
  dsc_err_t err = DSC_OK;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                S_IRUSR | S_IWUSR);

  if (fd < 0)
    return create_error(path, errno, detail);
  while (err == DSC_OK && done < len) {
    ssize_t w = write(fd, text + done, len - done);
    if (w < 0 && errno != EINTR)
      err = io_error(path, "write", errno, detail);
    else if (w > 0)
      done += (size_t)w;
  }
  if (err == DSC_OK && fsync(fd) != 0)
    err = io_error(path, "fsync", errno, detail);
  if (close(fd) != 0 && err == DSC_OK)
    err = io_error(path, "close", errno, detail);
  if (err != DSC_OK)
    unlink(path);
  return err;
}

/* Writes kf as a new file at path. */
static dsc_err_t create_keyfile(const char *path, const dsc__keyfile_t *kf,
                                dsc_detail_t *detail) {
  char *text = NULL;
  size_t len = 0;
  dsc_err_t err = serialize(kf, &text, &len, detail);

  if (err == DSC_OK)
    err = write_new(path, text, len, detail);
  sodium_free(text);
  return err;
}

/* Replaces the key file at path with kf, atomically: a complete new file
 * "<path>.new" (O_EXCL, which also keeps two rotations from racing) renamed
 * over it, then the directory synced. */
static dsc_err_t replace_keyfile(const char *path, const dsc__keyfile_t *kf,
                                 dsc_detail_t *detail) {
  size_t plen = strlen(path);
  char *tmp = dsc__malloc(plen + sizeof ".new");
  int dir_fd = -1;
  dsc_err_t err;

  if (tmp == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", NULL);
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".new", sizeof ".new");
  err = open_dir(path, &dir_fd, detail);
  if (err == DSC_OK)
    err = create_keyfile(tmp, kf, detail);
  if (err == DSC_OK && rename(tmp, path) != 0) {
    err = io_error(path, "rename", errno, detail);
    unlink(tmp);
  }
  dsc__free(tmp);
  if (dir_fd >= 0) {
    dsc_err_t sync_err = sync_dir(path, dir_fd, detail);
    err = err != DSC_OK ? err : sync_err;
  }
  return err;
}

/* ---- the operator's operations ----------------------------------------- */

dsc_err_t dsc_personal_key_generate(const char *path, dsc_detail_t *detail) {
  dsc__keyfile_t kf;
  int dir_fd = -1;
  dsc_err_t err;

  if (path == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, FIELD, "no path", NULL);
  err = dsc__personal_sodium_init(detail);
  if (err == DSC_OK)
    err = keyfile_alloc(&kf, detail);
  if (err != DSC_OK)
    return err;
  err = open_dir(path, &dir_fd, detail);
  if (err != DSC_OK) {
    dsc__keyfile_clear(&kf);
    return err;
  }
  kf.n = 1;
  kf.ids[0] = 1;
  kf.match_id = 1;
  randombytes_buf(dsc__keyfile_root(&kf, 0), DSC__PERSONAL_KEY_BYTES);
  randombytes_buf(dsc__keyfile_match_root(&kf), DSC__PERSONAL_KEY_BYTES);
  err = create_keyfile(path, &kf, detail);
  if (err == DSC_OK)
    err = sync_dir(path, dir_fd, detail);
  else
    close(dir_fd);
  dsc__keyfile_clear(&kf);
  return err;
}

/* Reads the key file an operation is about to change, with the checks of
 * loading. */
static dsc_err_t read_for_change(const char *path, dsc__keyfile_t *kf,
                                 dsc_detail_t *detail) {
  dsc_err_t err;

  if (path == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, FIELD, "no path", NULL);
  err = dsc__personal_sodium_init(detail);
  return err == DSC_OK ? dsc__keyfile_read(path, kf, detail) : err;
}

dsc_err_t dsc_personal_key_rotate(const char *path, uint32_t *new_id,
                                  dsc_detail_t *detail) {
  dsc__keyfile_t kf;
  uint32_t max = 0;
  dsc_err_t err;

  err = read_for_change(path, &kf, detail);
  if (err != DSC_OK)
    return err;
  for (size_t i = 0; i < kf.n; i++)
    max = kf.ids[i] > max ? kf.ids[i] : max;
  if (max == UINT32_MAX || kf.n == DSC__PERSONAL_MAX_KEYS) {
    dsc__keyfile_clear(&kf);
    return dsc_detail_setf(detail, DSC_CONFLICT, FIELD,
                           "key file %s has no room for another key: retire "
                           "old keys first",
                           "密钥文件 %s 已无法再添加密钥：请先停用旧密钥",
                           path);
  }
  /* The new key goes first: the first line is the current key. */
  memmove(kf.ids + 1, kf.ids, kf.n * sizeof *kf.ids);
  memmove(dsc__keyfile_root(&kf, 1), dsc__keyfile_root(&kf, 0),
          kf.n * DSC__PERSONAL_KEY_BYTES);
  kf.ids[0] = max + 1;
  randombytes_buf(dsc__keyfile_root(&kf, 0), DSC__PERSONAL_KEY_BYTES);
  kf.n++;
  err = replace_keyfile(path, &kf, detail);
  if (err == DSC_OK && new_id != NULL)
    *new_id = kf.ids[0];
  dsc__keyfile_clear(&kf);
  return err;
}

dsc_err_t dsc_personal_key_retire(const char *path, uint32_t id,
                                  dsc_detail_t *detail) {
  dsc__keyfile_t kf;
  size_t i = 0;
  dsc_err_t err;

  err = read_for_change(path, &kf, detail);
  if (err != DSC_OK)
    return err;
  while (i < kf.n && kf.ids[i] != id)
    i++;
  if (i == kf.n)
    err = dsc_detail_setf(
        detail, DSC_NOT_FOUND, FIELD, "key file %s holds no key %lu",
        "密钥文件 %s 中没有密钥 %lu", path, (unsigned long)id);
  else if (i == 0)
    err = dsc_detail_setf(detail, DSC_CONFLICT, FIELD,
                          "key %lu is the current key of %s: rotate first",
                          "密钥 %lu 是 %s 的当前密钥：请先轮换",
                          (unsigned long)id, path);
  if (err == DSC_OK) {
    memmove(kf.ids + i, kf.ids + i + 1, (kf.n - i - 1) * sizeof *kf.ids);
    memmove(dsc__keyfile_root(&kf, i), dsc__keyfile_root(&kf, i + 1),
            (kf.n - i - 1) * DSC__PERSONAL_KEY_BYTES);
    kf.n--;
    err = replace_keyfile(path, &kf, detail);
  }
  dsc__keyfile_clear(&kf);
  return err;
}
