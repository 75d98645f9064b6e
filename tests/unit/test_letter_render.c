/* Letters rendered (include/disclose/letter.h, "Rendering"): the formats'
 * names; the templates, built in and from a center's directory, and every
 * way loading refuses one; each kind's text with its facts in it and its
 * layout (heading, body, signature); the unnumbered letter's stand-in; the
 * fields as JSON; the A4 HTML's structure, escaping and refusals; and every
 * allocation of each failing once.
 *
 * The templates' wording and the check's rules are test_letter.c's; this
 * file takes the facts it renders from the same kind of full set. */
#include "disclose/letter.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "disclose/alloc.h"
#include "dsc_test.h"
#include "dsc_test_alloc.h"
#include "letter_facts_fixture.h"
#include "letter_int.h"
#include "letter_templates.h"

#ifndef DSC_SOURCE_DIR
#error "tests/CMakeLists.txt defines DSC_SOURCE_DIR for test_letter_render"
#endif

/* ---- facts and helpers --------------------------------------------------- */

/* The outcome a letter of kind reports in these tests. */
static dsc_outcome_t outcome_of(dsc_letter_kind_t kind) {
  return kind == DSC_LETTER_ANSWER           ? DSC_OUTCOME_PARTIALLY_DISCLOSED
         : kind == DSC_LETTER_CLOSING_NOTICE ? DSC_OUTCOME_OTHER_NO_SUPPLEMENT
                                             : DSC_OUTCOME_NONE;
}

static void fail_detail(const char *what, const dsc_detail_t *d) {
  char buf[700];
  DSC_FAIL_("%s: %s", what, dsc_detail_format(d, DSC_LANG_EN, buf, sizeof buf));
}

static dsc_letter_templates_t *load(const char *dir) {
  dsc_letter_templates_t *t = NULL;
  dsc_detail_t d;
  if (dsc_letter_templates_load(dir, &t, &d) != DSC_OK)
    fail_detail("load", &d);
  DSC_ASSERT(t != NULL);
  return t;
}

/* The letter's text; the caller frees it with dsc_free. */
static char *render(const dsc_letter_templates_t *t,
                    const dsc_letter_facts_t *f) {
  char *text = NULL;
  size_t len = 0;
  dsc_detail_t d;
  if (dsc_letter_render_text(t, f, &text, &len, &d) != DSC_OK)
    fail_detail("render", &d);
  DSC_ASSERT_EQ(strlen(text), len);
  return text;
}

static char *html_of(const char *text, const char *title) {
  char *html = NULL;
  size_t len = 0;
  dsc_detail_t d;
  if (dsc_letter_html(text, strlen(text), title, &html, &len, &d) != DSC_OK)
    fail_detail("html", &d);
  DSC_ASSERT_EQ(strlen(html), len);
  return html;
}

static void expect_in(const char *what, const char *text, const char *part) {
  if (strstr(text, part) == NULL)
    DSC_FAIL_("%s: \"%s\" missing in:\n%s", what, part, text);
}

static void expect_not_in(const char *what, const char *text,
                          const char *part) {
  if (strstr(text, part) != NULL)
    DSC_FAIL_("%s: \"%s\" present in:\n%s", what, part, text);
}

/* How often part occurs in s (a plain scan: strstr in a loop is
 * quadratic under ASan, which measures s at every call). */
static size_t count_of(const char *s, const char *part) {
  size_t n = 0, k = strlen(part);
  for (; *s; s++)
    n += strncmp(s, part, k) == 0;
  return n;
}

static bool ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), k = strlen(tail);
  return n >= k && strcmp(s + n - k, tail) == 0;
}

/* A directory of its own under /tmp, for a center's templates. */
typedef struct tdir {
  char path[64];
} tdir_t;

static void tdir_make(tdir_t *t) {
  snprintf(t->path, sizeof t->path, "/tmp/dsc-letters-XXXXXX");
  if (mkdtemp(t->path) == NULL)
    DSC_FAIL_("mkdtemp: %s", strerror(errno));
}

static void tdir_put(const tdir_t *t, const char *name, const char *text,
                     size_t len) {
  char path[512];
  FILE *fp;
  snprintf(path, sizeof path, "%s/%s", t->path, name);
  fp = fopen(path, "wb");
  DSC_ASSERT(fp != NULL);
  DSC_ASSERT_EQ(fwrite(text, 1, len, fp), len);
  DSC_ASSERT_EQ(fclose(fp), 0);
}

static void tdir_unlink(const tdir_t *t, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", t->path, name);
  DSC_ASSERT_EQ(remove(path), 0);
}

/* Removes the directory and what it holds (files and empty folders). */
static void tdir_remove(const tdir_t *t) {
  DIR *dp = opendir(t->path);
  const struct dirent *e;
  DSC_ASSERT(dp != NULL);
  while ((e = readdir(dp)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      tdir_unlink(t, e->d_name);
  closedir(dp);
  DSC_ASSERT_EQ(rmdir(t->path), 0);
}

/* A center's answer template: the layout of the built-in ones, its own
 * wording. */
static const char custom_answer[] =
    "{{agency.full_name}}\n{{title}}\n{{number}}\n\n{{addressee}}：\n"
    "　　本中心自定义的答复：{{legal_basis}}。\n\n{{agency.full_name}}\n"
    "{{agency.seal_caption}}\n{{date}}\n";

/* ---- formats and templates ----------------------------------------------- */

DSC_TEST(format_names) {
  static const struct {
    const char *name;
    dsc_letter_format_t format;
  } names[] = {{"text", DSC_LETTER_TEXT},
               {"html", DSC_LETTER_HTML},
               {"json", DSC_LETTER_JSON}};
  dsc_letter_format_t f = DSC_LETTER_JSON;

  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    DSC_ASSERT_EQ(dsc_letter_format_parse(names[i].name, &f), DSC_OK);
    DSC_ASSERT_EQ(f, names[i].format);
  }
  f = DSC_LETTER_HTML;
  DSC_ASSERT_EQ(dsc_letter_format_parse("HTML", &f), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_letter_format_parse("pdf", &f), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_letter_format_parse("", &f), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_letter_format_parse(NULL, &f), DSC_INVALID);
  DSC_ASSERT_EQ(f, DSC_LETTER_HTML); /* left alone */
  DSC_ASSERT_EQ(dsc_letter_format_parse("text", NULL), DSC_INVALID);
}

/* The source's template of kind, read whole; free() it. */
static char *source_template(dsc_letter_kind_t kind, size_t *len) {
  char path[512];
  FILE *fp;
  char *buf;
  long n;

  snprintf(path, sizeof path, "%s/engine/letters/%s.tmpl", DSC_SOURCE_DIR,
           dsc_letter_kind_name(kind));
  fp = fopen(path, "rb");
  DSC_ASSERT(fp != NULL);
  DSC_ASSERT_EQ(fseek(fp, 0, SEEK_END), 0);
  n = ftell(fp);
  DSC_ASSERT(n > 0);
  rewind(fp);
  buf = malloc((size_t)n + 1);
  DSC_ASSERT(buf != NULL);
  DSC_ASSERT_EQ(fread(buf, 1, (size_t)n, fp), (size_t)n);
  buf[n] = '\0';
  fclose(fp);
  *len = (size_t)n;
  return buf;
}

DSC_TEST(builtins_are_the_source_templates) {
  size_t rows = 0;
  dsc_letter_templates_t *t = load(NULL);

  for (const dsc__letter_file_t *f = dsc__letter_builtins; f->name; f++)
    rows++;
  DSC_ASSERT_EQ(rows, DSC_LETTER__COUNT);
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    size_t len;
    char *src = source_template((dsc_letter_kind_t)k, &len);
    const dsc__letter_file_t *b = dsc__letter_builtin((dsc_letter_kind_t)k);
    DSC_ASSERT(b != NULL);
    DSC_ASSERT_EQ(b->len, len);
    DSC_ASSERT(memcmp(b->text, src, len) == 0);
    DSC_ASSERT_EQ(b->text[len], '\0');
    free(src);
  }
  DSC_ASSERT(dsc__letter_builtin(DSC_LETTER__COUNT) == NULL);
  dsc_letter_templates_free(t);
  dsc_letter_templates_free(NULL);
}

/* The letter of kind comes out the same from both sets of templates. */
static void expect_same_kind(const dsc_letter_templates_t *t,
                             const dsc_letter_templates_t *u,
                             dsc_letter_kind_t kind) {
  dsc_letter_facts_t f = letter_fixture_facts(kind, outcome_of(kind));
  char *a = render(t, &f), *b = render(u, &f);
  DSC_ASSERT_STR_EQ(a, b);
  dsc_free(a);
  dsc_free(b);
}

DSC_TEST(dir_overrides_one_kind) {
  tdir_t dir;
  dsc_letter_templates_t *builtin = load(NULL), *center;
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  char *a;
  char slashed[80];

  tdir_make(&dir);
  tdir_put(&dir, "answer.tmpl", custom_answer, strlen(custom_answer));
  tdir_put(&dir, "README.md", "not a template", 14); /* other files: fine */
  center = load(dir.path);
  a = render(center, &f);
  DSC_ASSERT_STR_EQ(a, "南昌市青云谱区人民政府办公室\n政府信息公开申请答复书\n"
                       "青云谱公开答〔2026〕17号\n\n张三：\n"
                       "　　本中心自定义的答复：《中华人民共和国政府信息公开"
                       "条例》第三十六条第二项。\n\n南昌市青云谱区人民政府办公"
                       "室\n（政府信息公开专用章）\n2026年11月20日\n");
  dsc_free(a);
  /* The other kinds keep the built-in wording. */
  for (int k = 1; k < DSC_LETTER__COUNT; k++)
    expect_same_kind(center, builtin, (dsc_letter_kind_t)k);
  dsc_letter_templates_free(center);

  /* "dir/" is the same directory, and a template saved with CRLF line ends
   * renders with LF ones. */
  {
    char crlf[sizeof custom_answer * 2];
    size_t n = 0;
    for (const char *p = custom_answer; *p; p++) {
      if (*p == '\n')
        crlf[n++] = '\r';
      crlf[n++] = *p;
    }
    tdir_put(&dir, "answer.tmpl", crlf, n);
    snprintf(slashed, sizeof slashed, "%s//", dir.path);
    center = load(slashed);
    f = letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    a = render(center, &f);
    DSC_ASSERT(strchr(a, '\r') == NULL);
    expect_in("crlf", a, "本中心自定义的答复");
    DSC_ASSERT_EQ(count_of(a, "\n"), 10);
    dsc_free(a);
    dsc_letter_templates_free(center);
  }
  /* An empty directory: all built in. */
  tdir_unlink(&dir, "answer.tmpl");
  center = load(dir.path);
  expect_same_kind(center, builtin, DSC_LETTER_ANSWER);
  dsc_letter_templates_free(center);
  tdir_remove(&dir);
  dsc_letter_templates_free(builtin);
}

/* Loading dir fails with DSC_INVALID, field "template", a message holding
 * each of en[] (English) and zh (Chinese, may be NULL). */
static void expect_refused(const char *dir, const char *const *en, size_t nen,
                           const char *zh) {
  dsc_letter_templates_t *t = NULL;
  dsc_detail_t d;

  dsc_detail_clear(&d);
  DSC_ASSERT_EQ(dsc_letter_templates_load(dir, &t, &d), DSC_INVALID);
  DSC_ASSERT(t == NULL);
  DSC_ASSERT_STR_EQ(d.field, "template");
  for (size_t i = 0; i < nen; i++)
    expect_in("message", d.message, en[i]);
  if (zh)
    expect_in("message_zh", d.message_zh, zh);
}

DSC_TEST(load_refusals_name_file_and_line) {
  tdir_t dir;
  char path[400], big_name[200];
  const char *en[3];

  tdir_make(&dir);
  /* An unknown field, on line 3 of the file. */
  tdir_put(&dir, "fee-notice.tmpl", "{{title}}\n{{number}}\n{{agency.nmae}}\n",
           36);
  snprintf(path, sizeof path, "%s/fee-notice.tmpl", dir.path);
  en[0] = path;
  en[1] = "line 3";
  en[2] = "unknown field 'agency.nmae'";
  expect_refused(dir.path, en, 3, "第 3 行");
  /* The template language's other faults, by line. */
  tdir_put(&dir, "fee-notice.tmpl", "{{title}}\n\n{{#text}}\n", 21);
  en[1] = "unclosed section 'text' opened on line 3";
  expect_refused(dir.path, en, 2, NULL);
  /* A control character (a carriage return alone, an escape). */
  tdir_put(&dir, "fee-notice.tmpl", "{{title}}\n\n甲\r乙\n", 19);
  en[1] = "line 3: control character 0x0D";
  expect_refused(dir.path, en, 2, "第 3 行：含有控制字符");
  tdir_put(&dir, "fee-notice.tmpl", "\x1b[31m{{title}}\n", 15);
  en[1] = "line 1: control character 0x1B";
  expect_refused(dir.path, en, 2, NULL);
  /* Larger than the renderer takes. */
  {
    size_t n = ((size_t)1 << 20) + 1;
    char *huge = malloc(n);
    DSC_ASSERT(huge != NULL);
    memset(huge, 'x', n);
    tdir_put(&dir, "fee-notice.tmpl", huge, n);
    free(huge);
    en[1] = "larger than 1 MiB";
    expect_refused(dir.path, en, 2, NULL);
  }
  tdir_unlink(&dir, "fee-notice.tmpl");

  /* A misspelt file name would leave the built-in wording in force. */
  tdir_put(&dir, "answers.tmpl", custom_answer, strlen(custom_answer));
  en[0] = "answers.tmpl";
  en[1] = "is no letter kind's template";
  expect_refused(dir.path, en, 2, "不对应任何文书种类");
  tdir_unlink(&dir, "answers.tmpl");

  /* A directory where a template should be. */
  snprintf(path, sizeof path, "%s/answer.tmpl", dir.path);
  DSC_ASSERT_EQ(mkdir(path, 0700), 0);
  en[0] = path;
  en[1] = "not a regular file";
  expect_refused(dir.path, en, 2, NULL);
  DSC_ASSERT_EQ(rmdir(path), 0);

  /* A directory that cannot be read names its path and the reason. */
  snprintf(path, sizeof path, "%s/missing", dir.path);
  en[0] = "cannot read the template directory";
  en[1] = path;
  en[2] = "No such file or directory";
  expect_refused(path, en, 3, "无法读取模板目录");
  tdir_put(&dir, "plain-file", "x", 1);
  snprintf(path, sizeof path, "%s/plain-file", dir.path);
  en[2] = "Not a directory";
  expect_refused(path, en, 3, NULL);
  tdir_unlink(&dir, "plain-file");

  /* A path too long for the message gives way to the file's name, so the
   * line is never cut off. */
  {
    char deep[512];
    int n = snprintf(deep, sizeof deep, "%s", dir.path);
    memset(big_name, 'd', 150);
    big_name[150] = '\0';
    snprintf(deep + n, sizeof deep - (size_t)n, "/%s", big_name);
    DSC_ASSERT_EQ(mkdir(deep, 0700), 0);
    snprintf(path, sizeof path, "%s/answer.tmpl", big_name);
    tdir_put(&dir, path, "{{nope}}\n", 9);
    en[0] = "answer.tmpl: line 1: unknown field 'nope'";
    expect_refused(deep, en, 1, "answer.tmpl：第 1 行");
    tdir_unlink(&dir, path);
    tdir_unlink(&dir, big_name);
  }
  tdir_remove(&dir);

  DSC_ASSERT_EQ(dsc_letter_templates_load(NULL, NULL, NULL), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_letter_templates_load("/", NULL, NULL), DSC_MISUSE);
}

DSC_TEST(parse_from_bytes_names_the_file) {
  /* The parse from bytes, as the loader calls it: a fault in a template
   * given for one kind is reported under its name, and the others stay
   * built in. */
  dsc__letter_file_t files[DSC_LETTER__COUNT] = {{NULL, NULL, 0}};
  dsc_letter_templates_t *t = NULL;
  dsc_detail_t d;

  files[DSC_LETTER_CONSULTATION] =
      (dsc__letter_file_t){"center/consultation.tmpl", "\n\n{{x}", 6};
  DSC_ASSERT_EQ(dsc__letter_templates_parse(files, &t, &d), DSC_INVALID);
  DSC_ASSERT(t == NULL);
  expect_in("message", d.message, "center/consultation.tmpl: line 3: ");
  DSC_ASSERT_EQ(dsc__letter_templates_parse(NULL, &t, &d), DSC_OK);
  dsc_letter_templates_free(t);
  DSC_ASSERT_EQ(dsc__letter_templates_parse(NULL, NULL, &d), DSC_MISUSE);
}

/* ---- the text ------------------------------------------------------------ */

/* The blocks of text cut at blank lines, as dsc_letter_html reads them:
 * how many, and the number of lines of the first and the last. */
static void blocks_of(const char *text, int *nblocks, int *first, int *last) {
  int lines = 0;
  bool in_block = false;
  *nblocks = *first = *last = 0;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n == 0) {
      in_block = false;
    } else {
      if (!in_block) {
        (*nblocks)++;
        lines = 0;
      }
      in_block = true;
      lines++;
      if (*nblocks == 1)
        *first = lines;
      *last = lines;
    }
    p += n + (nl != NULL);
  }
}

/* The shape every shipped letter has: a heading of agency, title and 文号,
 * a body, and a signature of agency, seal caption and date. */
static void expect_letter_blocks(const char *text) {
  int nblocks, first, last;
  blocks_of(text, &nblocks, &first, &last);
  DSC_ASSERT_EQ(nblocks, 3);
  DSC_ASSERT_EQ(first, 3);
  DSC_ASSERT_EQ(last, 3);
}

DSC_TEST(text_of_every_kind_holds_its_facts) {
  dsc_letter_templates_t *t = load(NULL);
  char number[DSC_LETTER_NUMBER_STRLEN];

  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    const dsc_letter_kind_t kind = (dsc_letter_kind_t)k;
    dsc_letter_facts_t f = letter_fixture_facts(kind, outcome_of(kind));
    char *text = render(t, &f);
    const char *what = dsc_letter_kind_name(kind);

    DSC_ASSERT_EQ(dsc_letter_number_format(letter_fixture_agency.short_name,
                                           kind, 2026, 17, number,
                                           sizeof number, NULL),
                  DSC_OK);
    expect_in(what, text, number);
    expect_in(what, text, dsc_letter_kind_title(kind));
    expect_in(what, text, "南昌市青云谱区人民政府办公室");
    expect_in(what, text, "2026年11月20日");
    expect_in(what, text, "2026年10月30日");
    if (kind == DSC_LETTER_CONSULTATION) {
      expect_in(what, text, "南昌某建设工程有限公司：");
      expect_in(what, text, "2026年12月11日");
      expect_not_in(what, text, "张三");
    } else {
      expect_in(what, text, "张三：");
      expect_in(what, text, "「2025年本区老旧小区改造项目的资金拨付文件」");
    }
    if (kind == DSC_LETTER_SUPPLEMENT_NOTICE)
      expect_in(what, text, "2026年12月4日");
    if (kind == DSC_LETTER_FEE_NOTICE)
      expect_in(what, text, "人民币 200.00 元");
    if (kind == DSC_LETTER_EXTENSION_NOTICE)
      expect_in(what, text, "2026年12月18日");
    /* The layout the HTML reads: a heading of agency, title and 文号, a
     * body, and a signature of agency, seal caption and date; UTF-8 lines
     * ending in LF. */
    expect_letter_blocks(text);
    DSC_ASSERT(strncmp(text, "南昌市青云谱区人民政府办公室\n", 43) == 0);
    DSC_ASSERT(ends_with(text, "\n\n南昌市青云谱区人民政府办公室\n"
                               "（政府信息公开专用章）\n2026年11月20日\n"));
    DSC_ASSERT(strpbrk(text, "\r\t\x01") == NULL);
    expect_not_in(what, text, "{{");
    dsc_free(text);
  }
  /* Every answer outcome renders in the same three blocks. */
  for (int o = 1; o < DSC_OUTCOME__COUNT; o++) {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_ANSWER, (dsc_outcome_t)o);
    char *text;
    if (o == DSC_OUTCOME_OTHER_NO_SUPPLEMENT ||
        o == DSC_OUTCOME_OTHER_FEE_UNPAID)
      continue; /* the two lapses are no answer's */
    text = render(t, &f);
    expect_letter_blocks(text);
    dsc_free(text);
  }
  dsc_letter_templates_free(t);
}

DSC_TEST(text_refusals) {
  dsc_letter_templates_t *t = load(NULL);
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  char untouched[] = "untouched", *text = untouched;
  dsc_detail_t d;

  f.agency.court = NULL;
  DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, &text, NULL, &d), DSC_INVALID);
  DSC_ASSERT(text == NULL);
  DSC_ASSERT_STR_EQ(d.field, "agency.court");
  f = letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  DSC_ASSERT_EQ(dsc_letter_render_text(NULL, &f, &text, NULL, &d), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_letter_render_text(t, NULL, &text, NULL, &d), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, NULL, NULL, &d), DSC_MISUSE);
  dsc_letter_templates_free(t);
}

DSC_TEST(number_zero_gives_one_standin_in_the_number) {
  dsc_letter_templates_t *t = load(NULL);
  char want[DSC_LETTER_NUMBER_STRLEN];
  dsc_detail_t d;

  DSC_ASSERT_EQ(strlen(DSC_LETTER_NUMBER_STANDIN), 1);
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    const dsc_letter_kind_t kind = (dsc_letter_kind_t)k;
    dsc_letter_facts_t f = letter_fixture_facts(kind, outcome_of(kind));
    char *text, *json = NULL, *third;
    const char *nl1, *nl2;

    f.number = 0;
    /* The public check still wants the number. */
    DSC_ASSERT_EQ(dsc_letter_check(&f, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "number");
    text = render(t, &f);
    DSC_ASSERT_EQ(count_of(text, DSC_LETTER_NUMBER_STANDIN), 1);
    /* In the 文号, the heading's third line. */
    snprintf(want, sizeof want, "青云谱公开%s〔2026〕%s号",
             dsc_letter_kind_marker(kind), DSC_LETTER_NUMBER_STANDIN);
    nl1 = strchr(text, '\n');
    nl2 = nl1 ? strchr(nl1 + 1, '\n') : NULL;
    DSC_ASSERT(nl2 != NULL);
    third = strndup(nl2 + 1, strcspn(nl2 + 1, "\n"));
    DSC_ASSERT_STR_EQ(third, want);
    free(third);
    dsc_free(text);
    /* The fields say the same. */
    DSC_ASSERT_EQ(dsc_letter_fields_json(&f, &json, NULL, &d), DSC_OK);
    expect_in("json", json, "〔2026〕\\u0001号");
    dsc_free(json);
  }
  /* Only 0 is let through: other numbers outside 1 … MAX, and every other
   * fault, are refused as by dsc_letter_check. */
  {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    char *text = NULL;
    f.number = -1;
    DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, &text, NULL, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "number");
    f.number = DSC_LETTER_NUMBER_MAX + 1;
    DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, &text, NULL, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "number");
    f.number = 0;
    f.agency.short_name = "青云谱 公开";
    DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, &text, NULL, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "agency.short_name");
    f = letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    f.number = 0;
    f.year = 2025;
    DSC_ASSERT_EQ(dsc_letter_render_text(t, &f, &text, NULL, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "year");
    DSC_ASSERT(text == NULL);
  }
  dsc_letter_templates_free(t);
}

/* ---- the fields as JSON -------------------------------------------------- */

DSC_TEST(fields_json_is_the_fields) {
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    const dsc_letter_kind_t kind = (dsc_letter_kind_t)k;
    dsc_letter_facts_t f = letter_fixture_facts(kind, outcome_of(kind));
    dsc__letter_fields_t *fields = NULL;
    size_t nknown, present = 0, len = 0, i = 0;
    const char *const *known = dsc__letter_known_fields(&nknown);
    const cJSON *m;
    char *json = NULL;
    cJSON *o;

    f.description = "引号\"、反斜杠\\、<尖括号>\n第二行"; /* JSON escapes */
    DSC_ASSERT_EQ(dsc_letter_fields_json(&f, &json, &len, NULL), DSC_OK);
    DSC_ASSERT_EQ(strlen(json), len);
    DSC_ASSERT(strchr(json, '\n') == NULL); /* compact */
    o = cJSON_Parse(json);
    DSC_ASSERT(cJSON_IsObject(o));
    DSC_ASSERT_EQ(dsc__letter_fields_build(&f, &fields, NULL), DSC_OK);
    for (size_t j = 0; j < nknown; j++) {
      const char *v = dsc__letter_field(fields, known[j]);
      const cJSON *item = cJSON_GetObjectItemCaseSensitive(o, known[j]);
      if (v == NULL) {
        DSC_ASSERT(item == NULL);
        continue;
      }
      present++;
      DSC_ASSERT(cJSON_IsString(item));
      DSC_ASSERT_STR_EQ(item->valuestring, v);
    }
    /* Nothing else, and in the table's order. */
    DSC_ASSERT_EQ(cJSON_GetArraySize(o), present);
    cJSON_ArrayForEach(m, o) {
      while (i < nknown && strcmp(known[i], m->string) != 0)
        i++;
      DSC_ASSERT(i < nknown);
    }
    if (kind != DSC_LETTER_CONSULTATION)
      DSC_ASSERT_STR_EQ(
          cJSON_GetObjectItemCaseSensitive(o, "description")->valuestring,
          f.description);
    dsc__letter_fields_free(fields);
    cJSON_Delete(o);
    dsc_free(json);
  }
  {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    char untouched[] = "untouched", *json = untouched;
    dsc_detail_t d;
    f.applicant_name = NULL;
    DSC_ASSERT_EQ(dsc_letter_fields_json(&f, &json, NULL, &d), DSC_INVALID);
    DSC_ASSERT(json == NULL);
    DSC_ASSERT_STR_EQ(d.field, "applicant_name");
    DSC_ASSERT_EQ(dsc_letter_fields_json(NULL, &json, NULL, &d), DSC_MISUSE);
    DSC_ASSERT_EQ(dsc_letter_fields_json(&f, NULL, NULL, &d), DSC_MISUSE);
  }
}

/* ---- the HTML ------------------------------------------------------------ */

DSC_TEST(html_escapes_the_text) {
  dsc_letter_templates_t *t = load(NULL);
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_SUPPLEMENT_NOTICE, DSC_OUTCOME_NONE);
  char *text, *html;

  f.description = "<script>alert('x')</script> & \"引号\" <b>粗</b>";
  text = render(t, &f);
  html = html_of(text, "<标题> & \"它\"");
  expect_in("html", html,
            "「&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
            "&quot;引号&quot; &lt;b&gt;粗&lt;/b&gt;」");
  expect_not_in("html", html, "<script>");
  expect_not_in("html", html, "<b>");
  expect_in("html", html, "<title>&lt;标题&gt; &amp; &quot;它&quot;</title>");
  /* Each & in the document begins an entity: nothing went out raw. */
  for (const char *p = strchr(html, '&'); p; p = strchr(p + 1, '&'))
    DSC_ASSERT(strncmp(p, "&amp;", 5) == 0 || strncmp(p, "&lt;", 4) == 0 ||
               strncmp(p, "&gt;", 4) == 0 || strncmp(p, "&quot;", 6) == 0 ||
               strncmp(p, "&#39;", 5) == 0);
  dsc_free(html);
  dsc_free(text);
  dsc_letter_templates_free(t);
}

DSC_TEST(html_lays_out_heading_body_signature) {
  dsc_letter_templates_t *t = load(NULL);
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_PARTIALLY_DISCLOSED);
  char *text = render(t, &f), *html = html_of(text, NULL);
  const char *body, *footer;
  size_t indented = 0, lines = 0;

  /* A4 print CSS and the families of a government letter. */
  expect_in("css", html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">");
  expect_in("css", html, "<meta charset=\"utf-8\">");
  expect_in("css", html, "@page { size: A4;");
  expect_in("css", html, "\"仿宋\"");
  expect_in("css", html, "\"宋体\"");
  expect_in("css", html, "serif;");
  expect_in("css", html, "break-inside: avoid");
  /* The heading. */
  expect_in("title", html, "<title>政府信息公开申请答复书</title>");
  expect_in("heading", html,
            "<header>\n<p class=\"sender\">南昌市青云谱区人民政府办公室</p>\n"
            "<h1>政府信息公开申请答复书</h1>\n"
            "<p class=\"number\">青云谱公开答〔2026〕17号</p>\n</header>\n");
  /* The body: the salutation flush, each paragraph indented by CSS, not
   * by its ideographic spaces. */
  body = strstr(html, "<div class=\"body\">\n");
  DSC_ASSERT(body != NULL);
  expect_in("body", body,
            "<div class=\"body\">\n<p>张三：</p>\n"
            "<p class=\"indent\">本机关于2026年10月30日");
  footer = strstr(body, "<footer class=\"signature\">");
  DSC_ASSERT(footer != NULL);
  for (const char *p = strstr(body, "<p"); p && p < footer;
       p = strstr(p + 1, "<p"))
    indented += strncmp(p, "<p class=\"indent\">", 18) == 0;
  for (const char *p = strstr(text, "\n\n") + 2; *p != '\n';
       p = strchr(p, '\n') + 1)
    lines += strncmp(p, "\u3000", 3) == 0;
  DSC_ASSERT_EQ(indented, lines);
  expect_not_in("body", html, "\u3000");
  /* The signature. */
  expect_in(
      "signature", footer,
      "<footer class=\"signature\">\n"
      "<p>南昌市青云谱区人民政府办公室</p>\n<p>（政府信息公开专用章）</p>\n"
      "<p>2026年11月20日</p>\n</footer>\n</main>\n</body>\n</html>\n");
  dsc_free(html);
  dsc_free(text);
  dsc_letter_templates_free(t);
}

/* The part of html from its <main> on, the document's end checked. */
static const char *main_of(const char *html) {
  const char *m = strstr(html, "<main>\n");
  DSC_ASSERT(m != NULL);
  DSC_ASSERT(ends_with(m, "</main>\n</body>\n</html>\n"));
  return m;
}

DSC_TEST(html_blocks_of_any_text) {
  static const struct {
    const char *text, *title, *main, *doc_title;
  } cases[] = {
      /* No blank line: all body. */
      {"甲\n　　乙\n", NULL,
       "<main>\n<div class=\"body\">\n<p>甲</p>\n<p class=\"indent\">乙</p>\n"
       "</div>\n</main>\n",
       "政府信息公开文书"},
      /* One: heading and body; a heading of one line is the title. */
      {"标题\n\n正文", NULL,
       "<main>\n<header>\n<h1>标题</h1>\n</header>\n<div class=\"body\">\n"
       "<p>正文</p>\n</div>\n</main>\n",
       "标题"},
      /* Two lines of heading: sender and title; blank lines around and a
       * run of them count once; CRLF is a line end. */
      {"\n\n机关\r\n标题\r\n\r\n\r\n正文\r\n\n\n", NULL,
       "<main>\n<header>\n<p class=\"sender\">机关</p>\n<h1>标题</h1>\n"
       "</header>\n<div class=\"body\">\n<p>正文</p>\n</div>\n</main>\n",
       "标题"},
      /* Four: what lies between the title and the 文号 is centered. */
      {"机关\n标题\n副题\n文号\n\n正文\n\n落款\n日期\n", "另题",
       "<main>\n<header>\n<p class=\"sender\">机关</p>\n<h1>标题</h1>\n"
       "<p class=\"subtitle\">副题</p>\n<p class=\"number\">文号</p>\n"
       "</header>\n<div class=\"body\">\n<p>正文</p>\n</div>\n"
       "<footer class=\"signature\">\n<p>落款</p>\n<p>日期</p>\n</footer>\n"
       "</main>\n",
       "另题"},
      /* Blank lines inside the body only separate; a line of spaces and
       * U+3000 is blank; alignment spaces of the signature go. */
      {"机关\n标题\n号\n\n　　一\n \u3000\t\n二\n\n\n三\n\n　　落款\n", NULL,
       "<main>\n<header>\n<p class=\"sender\">机关</p>\n<h1>标题</h1>\n"
       "<p class=\"number\">号</p>\n</header>\n<div class=\"body\">\n"
       "<p class=\"indent\">一</p>\n<p>二</p>\n<p>三</p>\n</div>\n"
       "<footer class=\"signature\">\n<p>落款</p>\n</footer>\n</main>\n",
       "标题"},
      /* Nothing at all. */
      {"", NULL, "<main>\n<div class=\"body\">\n</div>\n</main>\n",
       "政府信息公开文书"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *html = html_of(cases[i].text, cases[i].title);
    char title[128];
    snprintf(title, sizeof title, "<title>%s</title>", cases[i].doc_title);
    DSC_ASSERT(strncmp(main_of(html), cases[i].main, strlen(cases[i].main)) ==
               0);
    expect_in("title", html, title);
    dsc_free(html);
  }
  /* text NULL with length 0 is the empty letter. */
  {
    char *html = NULL;
    DSC_ASSERT_EQ(dsc_letter_html(NULL, 0, NULL, &html, NULL, NULL), DSC_OK);
    DSC_ASSERT(strncmp(main_of(html), cases[5].main, strlen(cases[5].main)) ==
               0);
    dsc_free(html);
  }
}

DSC_TEST(html_refusals) {
  static const struct {
    const char *text;
    size_t len;
    const char *title, *field, *message;
  } bad[] = {
      {"机关\n标题\n青云谱公开答〔2026〕\x01号\n", 0, NULL, "text",
       "line 3: control character 0x01"},
      {"一\n二\xff\n", 0, NULL, "text", "line 2: invalid UTF-8"},
      {"一\0二", 7, NULL, "text", "line 1: invalid UTF-8 or a NUL byte"},
      {"一\r二\n", 0, NULL, "text", "line 1: control character 0x0D"},
      {"正文", 0, "标\n题", "title", "one line"},
      {"正文", 0, "标\xff", "title", "UTF-8"},
  };
  dsc_detail_t d;
  char untouched[] = "untouched", *html = untouched;

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    dsc_detail_clear(&d);
    size_t len = bad[i].len ? bad[i].len : strlen(bad[i].text);
    DSC_ASSERT_EQ(
        dsc_letter_html(bad[i].text, len, bad[i].title, &html, NULL, &d),
        DSC_INVALID);
    DSC_ASSERT(html == NULL);
    DSC_ASSERT_STR_EQ(d.field, bad[i].field);
    expect_in("message", d.message, bad[i].message);
  }
  /* Tabs are white space, not a fault. */
  html = html_of("机关\n标题\n\n一\t二\n", NULL);
  expect_in("tab", html, "<p>一\t二</p>");
  dsc_free(html);
  /* A text whose HTML would pass the buffer's bound. */
  {
    size_t n = (size_t)3 << 20;
    char *big = malloc(n);
    DSC_ASSERT(big != NULL);
    memset(big, '"', n);
    DSC_ASSERT_EQ(dsc_letter_html(big, n, NULL, &html, NULL, &d), DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "text");
    /* A third of it fits, escaped six times over. */
    DSC_ASSERT_EQ(dsc_letter_html(big, n / 3, NULL, &html, NULL, &d), DSC_OK);
    DSC_ASSERT_EQ(count_of(html, "&quot;"), n / 3);
    dsc_free(html);
    free(big);
  }
  DSC_ASSERT_EQ(dsc_letter_html("x", 1, NULL, NULL, NULL, &d), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_letter_html(NULL, 1, NULL, &html, NULL, &d), DSC_MISUSE);
}

/* ---- out of memory ------------------------------------------------------- */

static dsc_err_t op_load(void *arg, dsc_detail_t *d) {
  dsc_letter_templates_t *t = NULL;
  dsc_err_t err = dsc_letter_templates_load(arg, &t, d);
  DSC_ASSERT((err == DSC_OK) == (t != NULL));
  dsc_letter_templates_free(t);
  return err;
}

typedef struct render_arg {
  const dsc_letter_templates_t *t;
  dsc_letter_facts_t facts;
} render_arg_t;

static dsc_err_t op_render(void *arg, dsc_detail_t *d) {
  render_arg_t *r = arg;
  char *text = NULL;
  dsc_err_t err = dsc_letter_render_text(r->t, &r->facts, &text, NULL, d);
  DSC_ASSERT((err == DSC_OK) == (text != NULL));
  dsc_free(text);
  return err;
}

static dsc_err_t op_json(void *arg, dsc_detail_t *d) {
  render_arg_t *r = arg;
  char *json = NULL;
  dsc_err_t err = dsc_letter_fields_json(&r->facts, &json, NULL, d);
  DSC_ASSERT((err == DSC_OK) == (json != NULL));
  dsc_free(json);
  return err;
}

static dsc_err_t op_html(void *arg, dsc_detail_t *d) {
  char *html = NULL;
  dsc_err_t err = dsc_letter_html(arg, strlen(arg), NULL, &html, NULL, d);
  DSC_ASSERT((err == DSC_OK) == (html != NULL));
  dsc_free(html);
  return err;
}

DSC_TEST(every_allocation_failing_once) {
  tdir_t dir;
  render_arg_t r;
  dsc_letter_templates_t *t = load(NULL);
  char *text;

  dsc_test_fail_each("load built-in", op_load, NULL, false);
  tdir_make(&dir);
  tdir_put(&dir, "answer.tmpl", custom_answer, strlen(custom_answer));
  dsc_test_fail_each("load from a directory", op_load, dir.path, false);
  dsc_test_fail_each("load, all failing", op_load, dir.path, true);
  tdir_remove(&dir);

  r.t = t;
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    r.facts = letter_fixture_facts((dsc_letter_kind_t)k,
                                   outcome_of((dsc_letter_kind_t)k));
    r.facts.number = k % 2 ? 0 : 17; /* the stand-in too */
    dsc_test_fail_each(dsc_letter_kind_name((dsc_letter_kind_t)k), op_render,
                       &r, false);
    dsc_test_fail_each("fields json", op_json, &r, false);
  }
  r.facts =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_PARTIALLY_DISCLOSED);
  text = render(t, &r.facts);
  dsc_test_fail_each("html", op_html, text, false);
  dsc_test_fail_each("html, all failing", op_html, text, true);
  dsc_free(text);
  dsc_letter_templates_free(t);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(format_names),
    DSC_TEST_ENTRY(builtins_are_the_source_templates),
    DSC_TEST_ENTRY(dir_overrides_one_kind),
    DSC_TEST_ENTRY(load_refusals_name_file_and_line),
    DSC_TEST_ENTRY(parse_from_bytes_names_the_file),
    DSC_TEST_ENTRY(text_of_every_kind_holds_its_facts),
    DSC_TEST_ENTRY(text_refusals),
    DSC_TEST_ENTRY(number_zero_gives_one_standin_in_the_number),
    DSC_TEST_ENTRY(fields_json_is_the_fields),
    DSC_TEST_ENTRY(html_escapes_the_text),
    DSC_TEST_ENTRY(html_lays_out_heading_body_signature),
    DSC_TEST_ENTRY(html_blocks_of_any_text),
    DSC_TEST_ENTRY(html_refusals),
    DSC_TEST_ENTRY(every_allocation_failing_once),
};

DSC_TEST_MAIN(cases)
