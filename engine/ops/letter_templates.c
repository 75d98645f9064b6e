/* Letters: loading the six templates (dsc_letter_templates_load,
 * include/disclose/letter.h): a center's files from a directory where it
 * keeps them, the built-in ones for the rest. Only the reading is here; the
 * checks and the parse are the core's (core/letter_render.c), on bytes.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "disclose/letter.h"
#include "letter_templates.h"
#include "template.h"

#define FIELD "template"

/* The directory, or a template file in it, cannot be read: the path and
 * the system's words for errno err. */
static dsc_err_t unreadable(dsc_detail_t *d, bool is_dir, const char *path,
                            int err) {
  char why[128];

  if (strerror_r(err, why, sizeof why) != 0)
    snprintf(why, sizeof why, "error %d", err);
  if (is_dir)
    return dsc_detail_setf(d, DSC_INVALID, FIELD,
                           "cannot read the template directory %s: %s",
                           "无法读取模板目录 %s：%s", path, why);
  return dsc_detail_setf(d, DSC_INVALID, FIELD,
                         "cannot read the template file %s: %s",
                         "无法读取模板文件 %s：%s", path, why);
}

/* Refuses a *.tmpl file in dir that names no kind: a center that saved
 * "answers.tmpl" would otherwise see its wording ignored without a word. */
static dsc_err_t check_names(const char *dir, dsc_detail_t *d) {
  DIR *dp = opendir(dir);
  const struct dirent *e;
  dsc_err_t err = DSC_OK;

  if (dp == NULL)
    return unreadable(d, true, dir, errno);
  /* readdir is safe on a stream no other thread uses (POSIX 2008 leaves
   * only a shared stream unsafe; glibc deprecates readdir_r). */
  // cppcheck-suppress readdirCalled
  while (err == DSC_OK && (e = readdir(dp)) != NULL) {
    size_t n = strlen(e->d_name);
    char stem[256];
    dsc_letter_kind_t kind;

    if (e->d_name[0] == '.' || n <= 5 ||
        strcmp(e->d_name + n - 5, ".tmpl") != 0)
      continue;
    snprintf(stem, sizeof stem, "%.*s", (int)(n - 5), e->d_name);
    if (dsc_letter_kind_parse(stem, &kind) != DSC_OK)
      err = dsc_detail_setf(
          d, DSC_INVALID, FIELD,
          "%s/%s is no letter kind's template (answer, supplement-notice, "
          "extension-notice, consultation, fee-notice, closing-notice)",
          "%s/%s 不对应任何文书种类（answer、supplement-notice、"
          "extension-notice、consultation、fee-notice、closing-notice）",
          dir, e->d_name);
  }
  closedir(dp);
  return err;
}

/* Reads path into *text (dsc__free it) and *len: *text stays NULL (the
 * built-in one serves) when there is no such file. At most one byte past
 * the largest template is read, so that the parse refuses a larger one. */
static dsc_err_t read_template(const char *path, char **text, size_t *len,
                               dsc_detail_t *d) {
  struct stat st;
  char *buf;
  size_t n = 0;
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return errno == ENOENT ? DSC_OK : unreadable(d, false, path, errno);
  /* A FIFO or a device in a template's place must not hang the load or
   * feed it forever: only a regular file is read. */
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return unreadable(d, false, path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return dsc_detail_setf(d, DSC_INVALID, FIELD,
                           "the template %s is not a regular file",
                           "模板 %s 不是普通文件", path);
  }
  if ((buf = dsc__malloc(DSC__TEMPLATE_MAX + 2)) == NULL) {
    close(fd);
    return dsc_detail_set(d, DSC_NOMEM, FIELD, "out of memory", "内存不足");
  }
  while (n <= DSC__TEMPLATE_MAX) {
    ssize_t r = read(fd, buf + n, DSC__TEMPLATE_MAX + 1 - n);
    if (r == 0)
      break;
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int err = errno;
      close(fd);
      dsc__free(buf);
      return unreadable(d, false, path, err);
    }
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  *text = buf;
  *len = n;
  return DSC_OK;
}

dsc_err_t dsc_letter_templates_load(const char *dir,
                                    dsc_letter_templates_t **out,
                                    dsc_detail_t *detail) {
  dsc__letter_file_t files[DSC_LETTER__COUNT];
  char *paths[DSC_LETTER__COUNT] = {NULL}, *texts[DSC_LETTER__COUNT] = {NULL};
  size_t dlen;
  dsc_err_t err;

  if (out == NULL)
    return DSC_MISUSE;
  *out = NULL;
  if (dir == NULL)
    return dsc__letter_templates_parse(NULL, out, detail);
  if ((err = check_names(dir, detail)) != DSC_OK)
    return err;
  memset(files, 0, sizeof files);
  /* "dir/" names the same files as "dir", and reads better without "//". */
  for (dlen = strlen(dir); dlen > 1 && dir[dlen - 1] == '/'; dlen--)
    ;
  for (int k = 0; k < DSC_LETTER__COUNT && err == DSC_OK; k++) {
    const char *kind = dsc_letter_kind_name((dsc_letter_kind_t)k);
    size_t cap = dlen + strlen(kind) + sizeof "/.tmpl";

    if ((paths[k] = dsc__malloc(cap)) == NULL) {
      err =
          dsc_detail_set(detail, DSC_NOMEM, FIELD, "out of memory", "内存不足");
      break;
    }
    snprintf(paths[k], cap, "%.*s/%s.tmpl", (int)dlen, dir, kind);
    err = read_template(paths[k], &texts[k], &files[k].len, detail);
    files[k].name = paths[k];
    files[k].text = texts[k]; /* NULL: the built-in one */
  }
  if (err == DSC_OK)
    err = dsc__letter_templates_parse(files, out, detail);
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    dsc__free(texts[k]);
    dsc__free(paths[k]);
  }
  return err;
}
