/* Letter templates (engine/core/template.c): each rule on known cases,
 * every load error with its line, random templates rendered against a
 * slow reference written here from the rules (it shares no code with the
 * renderer), and every allocation failure reported as DSC_NOMEM with
 * nothing leaked. The file passes 700 lines because the reference renderer
 * lives here, apart from the code it checks. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "disclose/alloc.h"
#include "dsc_test.h"
#include "dsc_test_alloc.h"
#include "template.h"

/* ---- fields, lookup and a visible escape -------------------------------- */

static const char *const known[] = {
    "a", "b", "agency.name", "x_1", "applicant.name", "received_on", "reason"};
#define NKNOWN (sizeof known / sizeof known[0])

/* A letter's data: values[i] is known[i]'s value, NULL when absent. */
typedef struct data {
  const char *values[NKNOWN];
  int escapes; /* calls of the escape function */
} data_t;

static const char *lookup(void *ctx, const char *name) {
  const data_t *d = ctx;
  for (size_t i = 0; i < NKNOWN; i++)
    if (strcmp(known[i], name) == 0)
      return d->values[i];
  DSC_FAIL_("lookup of a field the template cannot name: %s", name);
}

/* Brackets each value, so that what was escaped shows in the output. */
static void bracket(void *ctx, dsc__template_out_t *out, const char *value) {
  ((data_t *)ctx)->escapes++;
  dsc__template_out_add(out, "[", 1);
  dsc__template_out_add(out, value, strlen(value));
  dsc__template_out_add(out, "]", 1);
}

/* Parses and renders text (NUL-terminated) with d, which it returns the
 * rendering of (libc's heap). */
static char *render(const char *text, data_t *d) {
  dsc__template_t *t = NULL;
  dsc_detail_t det = {0};
  char *out = NULL, *copy;
  size_t len = 99;
  dsc_err_t err =
      dsc__template_parse(text, strlen(text), known, NKNOWN, &t, &det);

  if (err != DSC_OK)
    DSC_FAIL_("parse of \"%s\": %s: %s", text, dsc_err_name(err), det.message);
  DSC_ASSERT_EQ(dsc__template_render(t, lookup, bracket, d, &out, &len, &det),
                DSC_OK);
  DSC_ASSERT(out != NULL);
  DSC_ASSERT_EQ(len, strlen(out));
  copy = strdup(out);
  dsc__free(out);
  dsc__template_free(t);
  return copy;
}

/* Renders text with d and checks the result and the number of escapes. */
static void expect(const char *text, data_t d, const char *want, int escapes) {
  char *got = render(text, &d);
  DSC_ASSERT_STR_EQ(got, want);
  DSC_ASSERT_EQ(d.escapes, escapes);
  free(got);
}

/* Indexes into known[], for readable data. */
enum { A, B, AGENCY, X1, APPLICANT, RECEIVED, REASON };
#define WITH(...)                                                              \
  (data_t) {                                                                   \
    .values = { __VA_ARGS__ }                                                  \
  }

/* ---- the rules, case by case --------------------------------------------- */

DSC_TEST(literals_pass_through) {
  data_t none = {0};
  expect("", none, "", 0);
  expect("尊敬的申请人：\n您好。\r\n", none, "尊敬的申请人：\n您好。\r\n", 0);
  /* Lone braces and a closing pair are text (Mustache). */
  expect("a } }} {b {x}", none, "a } }} {b {x}", 0);
  /* A byte-order mark at the start is not part of the letter. */
  expect("\xEF\xBB\xBF抬头", none, "抬头", 0);
}

DSC_TEST(fields_are_inserted_escaped) {
  expect("您好，{{applicant.name}}！", WITH([APPLICANT] = "张三"),
         "您好，[张三]！", 1);
  expect("{{ a }}-{{\ta\t}}-{{a}}", WITH([A] = "v"), "[v]-[v]-[v]", 3);
  expect("{{agency.name}}：{{x_1}}", WITH([AGENCY] = "某局", [X1] = "<b>"),
         "[某局]：[<b>]", 2);
  /* Absent: nothing, and no escape call; empty: a value like any other. */
  expect("<{{a}}>", WITH(NULL), "<>", 0);
  expect("<{{a}}>", WITH(""), "<[]>", 1);
  /* A value is never read as a template. */
  expect("{{a}}", WITH("{{b}}"), "[{{b}}]", 1);
  expect("{{a}}}", WITH("v"), "[v]}", 1);
}

DSC_TEST(null_escape_copies_values) {
  dsc__template_t *t = NULL;
  data_t d = WITH("<v>");
  char *out = NULL;

  DSC_ASSERT_EQ(dsc__template_parse("x{{a}}y", 7, known, NKNOWN, &t, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__template_render(t, lookup, NULL, &d, &out, NULL, NULL),
                DSC_OK);
  DSC_ASSERT_STR_EQ(out, "x<v>y");
  dsc__free(out);
  dsc__template_free(t);
  dsc__template_free(NULL);
}

DSC_TEST(sections_present_empty_absent) {
  const char *s = "({{#a}}有{{/a}}|{{^a}}无{{/a}})";
  expect(s, WITH("v"), "(有|)", 0);
  expect(s, WITH(""), "(|无)", 0);
  expect(s, WITH(NULL), "(|无)", 0);
  /* The body's fields are looked up only when it is shown. */
  expect("{{#a}}{{b}}{{/a}}", WITH(NULL, "x"), "", 0);
  expect("{{#a}}{{b}}{{/a}}", WITH("y", "x"), "[x]", 1);
  expect("{{# a }}1{{/ a }}{{^\tb\t}}2{{/b}}", WITH("v"), "12", 0);
}

DSC_TEST(sections_nest) {
  const char *s = "{{#a}}A{{#b}}B{{/b}}{{^b}}b{{/b}}{{/a}}{{^a}}-{{/a}}";
  expect(s, WITH("1", "1"), "AB", 0);
  expect(s, WITH("1", NULL), "Ab", 0);
  expect(s, WITH(NULL, "1"), "-", 0);
  expect("{{#a}}{{#a}}{{a}}{{/a}}{{/a}}", WITH("v"), "[v]", 1);
  expect("{{^a}}{{^b}}{{#x_1}}z{{/x_1}}{{/b}}{{/a}}", WITH([X1] = "1"), "z", 0);
}

DSC_TEST(comments_are_dropped) {
  data_t none = {0};
  expect("a{{! note }}b", none, "ab", 0);
  expect("a{{!}}b", none, "ab", 0);
  expect("a{{!多行\n注释 }}b", none, "ab", 0);
  /* A comment may hold "{{", even of a tag that would be refused, and ends
   * at its first "}}". */
  expect("a{{! {{>p {{unknown {{#x }}b", none, "ab", 0);
  expect("{{! x }} }}", none, " }}", 0);
}

DSC_TEST(standalone_lines_go_whole) {
  const char *s = "头\n{{#a}}\n体\n{{/a}}\n尾\n";
  expect(s, WITH("v"), "头\n体\n尾\n", 0);
  expect(s, WITH(NULL), "头\n尾\n", 0);
  /* Indented, with trailing blanks, or at the start. */
  expect("  {{#a}}  \n体\n\t{{/a}}\t\n", WITH("v"), "体\n", 0);
  expect("{{! 说明 }}\n正文\n", WITH(NULL), "正文\n", 0);
  /* CRLF line ends go with their line. */
  expect("x\r\n{{#a}}\r\ny\r\n{{/a}}\r\nz", WITH("v"), "x\r\ny\r\nz", 0);
  /* The last line needs no line end (Mustache's "standalone without
   * newline"), and the first no previous line. */
  expect("#{{#a}}\n/\n  {{/a}}", WITH("v"), "#\n/\n", 0);
  expect("  {{#a}}\n#{{/a}}\n/", WITH("v"), "#\n/", 0);
  /* A comment over several lines, alone on them. */
  expect("Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n", WITH(NULL),
         "Begin.\nEnd.\n", 0);
  expect("Begin.\n  {{! 缩进 }}  \nEnd.\n", WITH(NULL), "Begin.\nEnd.\n", 0);
  /* Inverted sections too, nested. */
  expect("<\n{{^a}}\n  {{#b}}\n内\n  {{/b}}\n{{/a}}\n>\n", WITH(NULL, "1"),
         "<\n内\n>\n", 0);
}

DSC_TEST(standalone_rule_needs_the_line_alone) {
  /* Text or another tag on the line: the line stays. */
  expect("{{#a}}x{{/a}}\n", WITH("v"), "x\n", 0);
  expect("x {{#a}}\ny\n{{/a}}\n", WITH("v"), "x \ny\n", 0);
  expect("{{#a}}{{/a}}\n", WITH("v"), "\n", 0);
  expect("{{! one }}{{! two }}\n", WITH(NULL), "\n", 0);
  expect("  {{#a}}YES{{/a}}\n  {{#a}}GOOD{{/a}}\n", WITH("v"),
         "  YES\n  GOOD\n", 0);
  /* A field alone on its line is content, never standalone. */
  expect("x\n  {{a}}\ny", WITH(NULL), "x\n  \ny", 0);
  /* A full-width space is text, not a blank. */
  expect("\xE3\x80\x80{{! c }}\n", WITH(NULL), "\xE3\x80\x80\n", 0);
  /* A lone CR is no line end. */
  expect("{{#a}}\rx{{/a}}", WITH("v"), "\rx", 0);
  /* After a byte-order mark the first line still starts the text. */
  expect("\xEF\xBB\xBF{{#a}}\nx\n{{/a}}\n", WITH("v"), "x\n", 0);
}

DSC_TEST(fields_listing) {
  dsc__template_t *t = NULL;
  const char *names[2];

  const char *s = "{{#b}}{{a}}{{/b}}{{a}}{{^x_1}}{{/x_1}}";

  DSC_ASSERT_EQ(dsc__template_parse(s, strlen(s), known, NKNOWN, &t, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__template_fields(t, names, 2), 3);
  DSC_ASSERT_STR_EQ(names[0], "b");
  DSC_ASSERT_STR_EQ(names[1], "a");
  DSC_ASSERT_EQ(dsc__template_fields(t, NULL, 0), 3);
  dsc__template_free(t);
}

/* The example of docs/templates.md, word for word. */
DSC_TEST(doc_example) {
  const char *s = "{{! 示例：这一行不会出现在信中 }}\n"
                  "{{applicant.name}}：\n"
                  "\n"
                  "本机关于 {{received_on}} 收到您的申请。\n"
                  "{{#reason}}\n"
                  "理由：{{reason}}\n"
                  "{{/reason}}\n"
                  "{{^reason}}\n"
                  "（未说明理由）\n"
                  "{{/reason}}\n"
                  "{{agency.name}}\n";
  data_t d = WITH([APPLICANT] = "张三", [RECEIVED] = "2024-03-01",
                  [AGENCY] = "某市某局");
  dsc__template_t *t = NULL;
  char *out = NULL;

  expect(s, d,
         "[张三]：\n"
         "\n"
         "本机关于 [2024-03-01] 收到您的申请。\n"
         "（未说明理由）\n"
         "[某市某局]\n",
         3);
  d.values[REASON] = "x";
  DSC_ASSERT_EQ(dsc__template_parse(s, strlen(s), known, NKNOWN, &t, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__template_render(t, lookup, NULL, &d, &out, NULL, NULL),
                DSC_OK);
  DSC_ASSERT_STR_EQ(out, "张三：\n\n本机关于 2024-03-01 收到您的申请。\n"
                         "理由：x\n某市某局\n");
  dsc__free(out);
  dsc__template_free(t);
}

/* ---- what is refused at load ----------------------------------------------
 */

/* Parses text[0..len) and checks it is refused with the English message
 * want and a Chinese one naming the same line. */
static void refused_n(const char *text, size_t len, const char *want) {
  dsc__template_t *t = (dsc__template_t *)&t;
  dsc_detail_t d = {0};
  char zh[32];
  unsigned line = 0;

  DSC_ASSERT_EQ(dsc__template_parse(text, len, known, NKNOWN, &t, &d),
                DSC_INVALID);
  DSC_ASSERT(t == NULL);
  DSC_ASSERT_EQ(d.code, DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "template");
  DSC_ASSERT_STR_EQ(d.message, want);
  if (sscanf(want, "line %u:", &line) == 1) {
    snprintf(zh, sizeof zh, "第 %u 行：", line);
    if (strncmp(d.message_zh, zh, strlen(zh)) != 0)
      DSC_FAIL_("\"%s\" does not start with \"%s\"", d.message_zh, zh);
  }
}

static void refused(const char *text, const char *want) {
  refused_n(text, strlen(text), want);
}

DSC_TEST(refuses_unknown_and_bad_names) {
  refused("尊敬的{{applicant.name}}：\n{{agency.nmae}}",
          "line 2: unknown field 'agency.nmae'");
  refused("\n\n{{#c}}x{{/c}}", "line 3: unknown field 'c'");
  refused("{{^zz}}{{/zz}}", "line 1: unknown field 'zz'");
  refused("{{Name}}",
          "line 1: bad field name 'Name' (a-z, 0-9, '_' and '.' only)");
  refused("x\n{{名字}}",
          "line 2: bad field name '名字' (a-z, 0-9, '_' and '.' only)");
  refused("{{a..b}}",
          "line 1: bad field name 'a..b' (a-z, 0-9, '_' and '.' only)");
  refused("{{a.}}", "line 1: bad field name 'a.' (a-z, 0-9, '_' and '.' only)");
  refused("{{1a}}", "line 1: bad field name '1a' (a-z, 0-9, '_' and '.' only)");
  refused("{{ }}", "line 1: bad field name '' (a-z, 0-9, '_' and '.' only)");
  refused("{{#}}", "line 1: bad field name '' (a-z, 0-9, '_' and '.' only)");
  refused("{{a b}}",
          "line 1: bad field name 'a b' (a-z, 0-9, '_' and '.' only)");
}

DSC_TEST(refuses_unbalanced_sections) {
  refused("{{#a}}\nx\n", "line 3: unclosed section 'a' opened on line 1");
  refused("{{#a}}\n{{^b}}\n{{/b}}",
          "line 3: unclosed section 'a' opened on line 1");
  refused("{{#a}}\n{{/b}}", "line 2: '{{/b}}' closes 'a', opened on line 1");
  refused("{{#a}}{{#b}}\n\n{{/a}}{{/b}}",
          "line 3: '{{/a}}' closes 'b', opened on line 1");
  refused("x\n\n{{/a}}", "line 3: '{{/a}}' closes no open section");
  refused("{{#a}}{{/a}}{{/a}}", "line 1: '{{/a}}' closes no open section");
}

DSC_TEST(refuses_unterminated_tags) {
  const char *want2 = "line 2: unterminated tag ('{{' without its '}}')";
  const char *want1 = "line 1: unterminated tag ('{{' without its '}}')";
  refused("a\n{{a", want2);
  refused("a\n{{", want2);
  refused("{{a\n}}", want1);
  refused("{{#a\n}}{{/a}}", want1);
  refused("{{! 注释没有结束\n", want1);
  refused("{{a}\n", want1);
}

DSC_TEST(refuses_unsupported_tags) {
  static const char *const tags[] = {"{{{a}}}",     "{{&a}}",      "{{>part}}",
                                     "{{=<% %>=}}", "{{<parent}}", "{{$b}}"};
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
    char text[40], want[160];
    snprintf(text, sizeof text, "ok\n%s", tags[i]);
    snprintf(want, sizeof want,
             "line 2: unsupported tag '{{%c' (no partials, triple braces, "
             "'&', or delimiter changes)",
             tags[i][2]);
    refused(text, want);
  }
}

DSC_TEST(refuses_invalid_utf8) {
  const char *want = "line 2: invalid UTF-8 or a NUL byte";
  refused("ok\n\xff", want);
  refused("ok\n\xC0\xAF", want);     /* overlong '/' */
  refused("ok\n\xED\xA0\x80", want); /* a surrogate */
  refused("ok\n\xE4\xB8", want);     /* cut short */
  refused("ok\n{{! \xfe }}", want);  /* even in a comment */
  refused_n("ok\na\0b", 6, want);
}

DSC_TEST(refuses_deep_nesting_and_size) {
  char deep[12 * (DSC__TEMPLATE_DEPTH + 1) + 1];
  size_t n = 0;
  data_t d = WITH("v");
  char *got, *big;

  /* DSC__TEMPLATE_DEPTH sections deep is fine, one more is not. */
  for (int i = 0; i < DSC__TEMPLATE_DEPTH; i++, n += 6)
    memcpy(deep + n, "{{#a}}", 6);
  for (int i = 0; i < DSC__TEMPLATE_DEPTH; i++, n += 6)
    memcpy(deep + n, "{{/a}}", 6);
  deep[n] = '\0';
  got = render(deep, &d);
  DSC_ASSERT_STR_EQ(got, "");
  free(got);
  memmove(deep + 6, deep, n + 1);
  refused(deep, "line 1: sections nested deeper than 16");

  big = malloc(DSC__TEMPLATE_MAX + 1);
  memset(big, 'x', DSC__TEMPLATE_MAX + 1);
  refused_n(big, DSC__TEMPLATE_MAX + 1, "the template is larger than 1 MiB");
  free(big);
}

/* A rendering past DSC__TEMPLATE_OUT_MAX is refused, not truncated. */
DSC_TEST(refuses_oversized_rendering) {
  dsc__template_t *t = NULL;
  dsc_detail_t det = {0};
  size_t n = DSC__TEMPLATE_OUT_MAX / 2 + 1;
  char *big = malloc(n + 1), *out = (char *)&t;
  data_t d = {0};

  memset(big, 'v', n);
  big[n] = '\0';
  d.values[A] = big;
  DSC_ASSERT_EQ(dsc__template_parse("{{a}}", 5, known, NKNOWN, &t, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__template_render(t, lookup, NULL, &d, &out, NULL, &det),
                DSC_OK);
  dsc__free(out);
  dsc__template_free(t);
  DSC_ASSERT_EQ(dsc__template_parse("{{a}}{{a}}", 10, known, NKNOWN, &t, NULL),
                DSC_OK);
  DSC_ASSERT_EQ(dsc__template_render(t, lookup, NULL, &d, &out, NULL, &det),
                DSC_INVALID);
  DSC_ASSERT(out == NULL);
  DSC_ASSERT_STR_EQ(det.message, "the rendering passes 4 MiB");
  dsc__template_free(t);
  free(big);
}

/* ---- the reference ----------------------------------------------------------
 *
 * Written from the rules alone: cut the text into literal and tag tokens
 * with strstr; decide for each section, closing or comment tag, from the
 * literals beside it, whether it is alone on its line and mark the blanks
 * and line end to drop; then render the token list recursively. Templates
 * here are valid and NUL-free; the reference does not check them. */

typedef struct rtok {
  char kind; /* 't' text, 'v' field, '#', '^', '/', '!' */
  const char *s;
  size_t len;        /* 't': the literal s[0..len) */
  char name[32];     /* the others but '!' */
  size_t head, tail; /* 't': bytes dropped at the start and at the end */
} rtok_t;

#define RTOK_MAX 4096

static size_t ref_lex(const char *text, rtok_t *tok) {
  size_t n = 0;
  const char *p = text, *open;

  while (*p) {
    rtok_t *t = &tok[n++];
    const char *a, *b, *close;
    memset(t, 0, sizeof *t);
    open = strstr(p, "{{");
    if (open != p) {
      t->kind = 't';
      t->s = p;
      t->len = open ? (size_t)(open - p) : strlen(p);
      p += t->len;
      continue;
    }
    close = strstr(open + 2, "}}");
    t->kind = strchr("#^/!", open[2]) ? open[2] : 'v';
    a = open + 2 + (t->kind != 'v');
    b = close;
    while (*a == ' ' || *a == '\t')
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
      b--;
    if (t->kind != '!')
      snprintf(t->name, sizeof t->name, "%.*s", (int)(b - a), a);
    p = close + 2;
  }
  return n;
}

static bool all_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return false;
  return true;
}

static void ref_standalone(rtok_t *tok, size_t n) {
  for (size_t i = 0; i < n; i++) {
    rtok_t *prev = i > 0 ? &tok[i - 1] : NULL;
    rtok_t *next = i + 1 < n ? &tok[i + 1] : NULL;
    size_t cut_prev = 0, cut_next = 0, k;
    bool starts, ends;

    if (!strchr("#^/!", tok[i].kind))
      continue;
    /* Starts a line: nothing before it, or a literal whose last line (the
     * whole of it when it opens the template) is blank. */
    if (prev == NULL) {
      starts = true;
    } else if (prev->kind != 't') {
      starts = false;
    } else {
      const char *nl = NULL;
      for (k = 0; k < prev->len; k++)
        if (prev->s[k] == '\n')
          nl = prev->s + k;
      if (nl == NULL && i - 1 != 0)
        starts = false;
      else {
        const char *from = nl ? nl + 1 : prev->s;
        cut_prev = (size_t)(prev->s + prev->len - from);
        starts = all_blank(from, cut_prev);
      }
    }
    /* Ends a line: nothing after it, a literal of blanks that ends the
     * template, or blanks then a line end. */
    if (next == NULL) {
      ends = true;
    } else if (next->kind != 't') {
      ends = false;
    } else {
      for (k = 0; k < next->len && (next->s[k] == ' ' || next->s[k] == '\t');)
        k++;
      if (k == next->len)
        ends = i + 2 == n;
      else if (next->s[k] == '\n')
        ends = true, k++;
      else if (next->s[k] == '\r' && k + 1 < next->len &&
               next->s[k + 1] == '\n')
        ends = true, k += 2;
      else
        ends = false;
      cut_next = k;
    }
    if (starts && ends) {
      if (prev)
        prev->tail = cut_prev;
      if (next)
        next->head = cut_next;
    }
  }
}

typedef struct sbuf {
  char *p;
  size_t len, cap;
} sbuf_t;

static void sb_add(sbuf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = 2 * (b->len + n + 1);
    b->p = realloc(b->p, b->cap);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static const char *ref_value(const data_t *d, const char *name) {
  for (size_t i = 0; i < NKNOWN; i++)
    if (strcmp(known[i], name) == 0)
      return d->values[i];
  DSC_FAIL_("reference: unknown field %s", name);
}

/* Renders tok[i..] up to the closing tag of the enclosing section (whose
 * index it returns) or the end, writing only when shown. */
static size_t ref_render(const rtok_t *tok, size_t i, size_t n, bool shown,
                         const data_t *d, sbuf_t *out, int *escapes) {
  for (; i < n; i++) {
    const rtok_t *t = &tok[i];
    const char *v =
        t->kind == '!' || t->kind == 't' ? NULL : ref_value(d, t->name);
    switch (t->kind) {
    case 't':
      if (shown)
        sb_add(out, t->s + t->head, t->len - t->head - t->tail);
      break;
    case 'v':
      if (shown && v != NULL) {
        sb_add(out, "[", 1);
        sb_add(out, v, strlen(v));
        sb_add(out, "]", 1);
        ++*escapes;
      }
      break;
    case '#':
    case '^':
      i = ref_render(tok, i + 1, n,
                     shown && ((v != NULL && *v) == (t->kind == '#')), d, out,
                     escapes);
      break;
    case '/':
      return i;
    default:
      break;
    }
  }
  return n;
}

/* ---- the property ----------------------------------------------------------
 */

static const char *const pieces[] = {"x",  "文", "尊敬的", " ",    "  ",
                                     "\t", "\n", "\n",     "\n",   "\r\n",
                                     "}",  "}}", "{x",     "。\n", "\r"};
static const char *const pads[] = {"", "", " ", "\t", "  "};
static const char *const comments[] = {"", " 注释 ", "multi\nline", "{{x",
                                       "\n"};
static const char *const values[] = {NULL, "", "v", "张三", "<&>", "两\n行"};

#define PICK(rng, arr) (arr[dsc_test_rand(rng) % (sizeof arr / sizeof arr[0])])

static void gen_tag(sbuf_t *b, uint64_t *rng, const char *sigil,
                    const char *name) {
  const char *pad1 = PICK(rng, pads), *pad2 = PICK(rng, pads);
  sb_add(b, "{{", 2);
  sb_add(b, sigil, strlen(sigil));
  sb_add(b, pad1, strlen(pad1));
  sb_add(b, name, strlen(name));
  sb_add(b, pad2, strlen(pad2));
  sb_add(b, "}}", 2);
}

/* Sometimes frames a tag as a line of its own. */
static void gen_line_tag(sbuf_t *b, uint64_t *rng, const char *sigil,
                         const char *name) {
  bool alone = dsc_test_rand(rng) % 2;
  if (alone)
    sb_add(b, "\n ", 1 + dsc_test_rand(rng) % 2);
  gen_tag(b, rng, sigil, name);
  if (alone)
    sb_add(b, " \r\n", 1 + dsc_test_rand(rng) % 3);
}

static void gen_seq(sbuf_t *b, uint64_t *rng, int depth) {
  int n = (int)(dsc_test_rand(rng) % 7);

  for (int i = 0; i < n; i++) {
    const char *name = known[dsc_test_rand(rng) % NKNOWN], *s;
    switch (dsc_test_rand(rng) % 10) {
    case 0:
      gen_tag(b, rng, "", name);
      break;
    case 1:
      s = PICK(rng, comments);
      sb_add(b, "{{!", 3);
      sb_add(b, s, strlen(s));
      sb_add(b, "}}", 2);
      break;
    case 2:
    case 3:
      if (depth < 4) {
        gen_line_tag(b, rng, dsc_test_rand(rng) % 2 ? "#" : "^", name);
        gen_seq(b, rng, depth + 1);
        gen_line_tag(b, rng, "/", name);
        break;
      }
      /* fall through */
    default:
      s = PICK(rng, pieces);
      sb_add(b, s, strlen(s));
    }
  }
}

DSC_TEST(random_templates_match_the_reference) {
  uint64_t rng = dsc_test_seed();
  static rtok_t tok[RTOK_MAX];

  for (int round = 0; round < 5000; round++) {
    sbuf_t text = {0}, want = {0};
    data_t d = {0};
    int want_escapes = 0;
    size_t ntok;
    char *got;

    sb_add(&text, "", 0);
    gen_seq(&text, &rng, 0);
    for (size_t i = 0; i < NKNOWN; i++)
      d.values[i] = PICK(&rng, values);
    ntok = ref_lex(text.p, tok);
    DSC_ASSERT(ntok < RTOK_MAX);
    ref_standalone(tok, ntok);
    sb_add(&want, "", 0);
    DSC_ASSERT_EQ(ref_render(tok, 0, ntok, true, &d, &want, &want_escapes),
                  ntok);

    got = render(text.p, &d);
    if (strcmp(got, want.p) != 0 || d.escapes != want_escapes)
      DSC_FAIL_("round %d: template \"%s\"\ngot  \"%s\" (%d escapes)\nwant "
                "\"%s\" (%d escapes)",
                round, text.p, got, d.escapes, want.p, want_escapes);
    free(got);

    /* Without its last closing tag the template is refused. */
    {
      char *close = NULL, *p = text.p;
      dsc__template_t *t = NULL;
      while ((p = strstr(p, "{{/")) != NULL)
        close = p++;
      if (close != NULL) {
        char *end = strstr(close, "}}") + 2;
        memmove(close, end, strlen(end) + 1);
        DSC_ASSERT_EQ(dsc__template_parse(text.p, strlen(text.p), known, NKNOWN,
                                          &t, NULL),
                      DSC_INVALID);
        DSC_ASSERT(t == NULL);
      }
    }
    free(text.p);
    free(want.p);
  }
}

/* ---- out of memory ------------------------------------------------------- */

/* Parse, render and free a template big enough that the operation list
 * and the output both grow. */
static dsc_err_t op_parse_render(void *arg, dsc_detail_t *det) {
  static const char text[] =
      "{{! 答复书 }}\n"
      "{{applicant.name}}：\n"
      "{{#a}}\n"
      "  {{a}}{{b}}{{a}}{{b}}{{a}}{{b}}{{a}}{{b}}{{a}}{{b}}{{a}}{{b}}\n"
      "{{/a}}\n"
      "{{^b}}无{{/b}}{{agency.name}}{{x_1}}{{x_1}}{{x_1}}{{x_1}}{{x_1}}\n";
  data_t d = WITH("一二三四五六七八九十一二三四五六七八九十一二三四五六七",
                  "一二三四五六七八九十一二三四五六七八九十一二三四五六七",
                  "某市某局", "x", "张三");
  dsc__template_t *t = NULL;
  char *out = NULL;
  dsc_err_t err =
      dsc__template_parse(text, sizeof text - 1, known, NKNOWN, &t, det);

  (void)arg;
  if (err == DSC_OK) {
    err = dsc__template_render(t, lookup, bracket, &d, &out, NULL, det);
    DSC_ASSERT((err == DSC_OK) == (out != NULL));
    DSC_ASSERT(err != DSC_OK || strlen(out) > 1024);
  }
  dsc__free(out);
  dsc__template_free(t);
  return err;
}

static void fail_each(bool persistent) {
  /* the template, its list, the output grown */
  DSC_ASSERT(dsc_test_count_op("template", op_parse_render, NULL) >= 4);
  dsc_test_fail_each("template", op_parse_render, NULL, persistent);
}

DSC_TEST(out_of_memory_once) { fail_each(false); }
DSC_TEST(out_of_memory_persistent) { fail_each(true); }

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(literals_pass_through),
    DSC_TEST_ENTRY(fields_are_inserted_escaped),
    DSC_TEST_ENTRY(null_escape_copies_values),
    DSC_TEST_ENTRY(sections_present_empty_absent),
    DSC_TEST_ENTRY(sections_nest),
    DSC_TEST_ENTRY(comments_are_dropped),
    DSC_TEST_ENTRY(standalone_lines_go_whole),
    DSC_TEST_ENTRY(standalone_rule_needs_the_line_alone),
    DSC_TEST_ENTRY(fields_listing),
    DSC_TEST_ENTRY(doc_example),
    DSC_TEST_ENTRY(refuses_unknown_and_bad_names),
    DSC_TEST_ENTRY(refuses_unbalanced_sections),
    DSC_TEST_ENTRY(refuses_unterminated_tags),
    DSC_TEST_ENTRY(refuses_unsupported_tags),
    DSC_TEST_ENTRY(refuses_invalid_utf8),
    DSC_TEST_ENTRY(refuses_deep_nesting_and_size),
    DSC_TEST_ENTRY(refuses_oversized_rendering),
    DSC_TEST_ENTRY(random_templates_match_the_reference),
    DSC_TEST_ENTRY(out_of_memory_once),
    DSC_TEST_ENTRY(out_of_memory_persistent),
};
DSC_TEST_MAIN(cases)
