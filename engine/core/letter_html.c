/* Letters: a letter's text laid out as one A4 HTML5 document
 * (dsc_letter_html, include/disclose/letter.h). The text is the record, so
 * the layout reads everything from it, by a rule a center's template keeps
 * (docs/templates.md, "Layout"): blank lines cut it into heading, body and
 * signature. The look follows the national format for official documents
 * (GB/T 9704-2012): A4 with its type width, the title centered and larger,
 * the 文号 under it at the right, 16pt body text (三号) indented two
 * characters, the signature and date at the bottom right. The line pitch
 * is tighter than the standard's 22 lines a page, so that a usual answer
 * (tests/print) fits one sheet.
 */
#include <stdbool.h>
#include <string.h>

#include "alloc.h"
#include "disclose/letter.h"
#include "rbuf.h"
#include "utf8.h"

#define FIELD "text"
#define U3000 "\xE3\x80\x80" /* the ideographic space, 3 bytes */

/* The families a Chinese government letter is set in, by the names their
 * fonts carry on Windows, macOS and Debian (AR PL, Noto CJK), so that any
 * machine picks the nearest it has: 仿宋 for the text, 小标宋 or 宋体 for
 * the title, 宋体 after 仿宋 since most machines outside government lack
 * the latter. */
#define SONG_FAMILIES                                                          \
  "\"SimSun\", \"宋体\", \"Songti SC\", \"STSong\", \"AR PL SungtiL GB\", "  \
  "\"AR PL UMing CN\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif"

static const char head[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-CN\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, "
    "initial-scale=1\">\n"
    "<style>\n"
    /* GB/T 9704's type area is 156 mm wide, 28 mm from the left edge; a
     * letter takes less of the top (no 版头), so that a usual answer fits
     * one page. The screen's sheet below repeats these margins. */
    "@page { size: A4; margin: 30mm 26mm 25mm 28mm; }\n"
    "html { color: #000; background: #fff; }\n"
    "body { margin: 0; font-family: \"FangSong\", \"仿宋\", "
    "\"FangSong_GB2312\", \"仿宋_GB2312\", \"STFangsong\", "
    "\"华文仿宋\", " SONG_FAMILIES "; font-size: 16pt; line-height: 1.4; }\n"
    /* On a screen, a sheet of the same size and type area. */
    "@media screen {\n"
    "  html { background: #e8e8e8; }\n"
    "  body { box-sizing: border-box; width: 210mm; min-height: 297mm; "
    "margin: 0 auto; padding: 30mm 26mm 25mm 28mm; background: #fff; }\n"
    "}\n"
    "p, h1 { margin: 0; overflow-wrap: anywhere; }\n"
    "header { margin-bottom: 0.75em; break-after: avoid; "
    "page-break-after: avoid; }\n"
    ".sender { text-align: center; letter-spacing: 0.1em; }\n"
    "h1 { font-family: \"方正小标宋简体\", \"FZXiaoBiaoSong-B05S\", "
    "\"小标宋\", " SONG_FAMILIES "; font-size: 22pt; font-weight: normal; "
    "text-align: center; line-height: 1.4; margin: 0.3em 0 0.4em; }\n"
    ".subtitle { text-align: center; }\n"
    ".number { text-align: right; }\n"
    ".body p { text-align: justify; orphans: 2; widows: 2; "
    "break-inside: avoid; page-break-inside: avoid; }\n"
    ".body p.indent { text-indent: 2em; }\n"
    /* The signature: a box at the right, two characters in, the lines
     * centered on each other (the sender over the date), as signed
     * letters are; the seal is stamped over it. */
    ".signature { display: table; margin: 1em 2em 0 auto; "
    "text-align: center; break-inside: avoid; page-break-inside: avoid; }\n"
    "</style>\n"
    "<title>";

/* A line of the text: s[0..n), its line end (and a CR before it) left off. */
typedef struct line {
  const char *s;
  size_t n;
  bool blank; /* empty, or only spaces, tabs and U+3000 */
} line_t;

static bool starts_u3000(const char *s, size_t n) {
  return n >= 3 && memcmp(s, U3000, 3) == 0;
}

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    if (s[i] == ' ' || s[i] == '\t')
      i++;
    else if (starts_u3000(s + i, n - i))
      i += 3;
    else
      return false;
  }
  return true;
}

/* Leading spaces, tabs and U+3000 removed: alignment is the layout's. */
static line_t trimmed(line_t l) {
  while (l.n > 0 &&
         (l.s[0] == ' ' || l.s[0] == '\t' || starts_u3000(l.s, l.n))) {
    size_t k = l.s[0] == ' ' || l.s[0] == '\t' ? 1 : 3;
    l.s += k;
    l.n -= k;
  }
  return l;
}

/* Cuts text[0..len) into lines, checking each: UTF-8, no NUL, no control
 * character but tabs. *lines (dsc__free) holds *n of them. */
static dsc_err_t split(const char *text, size_t len, line_t **lines, size_t *n,
                       dsc_detail_t *d) {
  size_t count = 1, at = 0, i = 0;
  line_t *v;

  for (size_t k = 0; k < len; k++)
    count += text[k] == '\n';
  if ((v = dsc__calloc(count, sizeof *v)) == NULL)
    return dsc_detail_set(d, DSC_NOMEM, "letter", "out of memory", "内存不足");
  for (i = 0; i < count; i++) {
    const char *nl = memchr(text + at, '\n', len - at);
    size_t end = nl ? (size_t)(nl - text) : len;
    line_t *l = &v[i];

    l->s = text + at;
    l->n = end - at;
    if (nl != NULL && l->n > 0 && l->s[l->n - 1] == '\r')
      l->n--; /* CRLF: a line end all the same */
    if (!dsc__utf8_valid(l->s, l->n)) {
      dsc__free(v);
      return dsc_detail_setf(
          d, DSC_INVALID, FIELD, "line %zu: invalid UTF-8 or a NUL byte",
          "第 %zu 行：含有无效的 UTF-8 字节或 NUL 字节", i + 1);
    }
    for (size_t k = 0; k < l->n; k++) {
      unsigned char c = (unsigned char)l->s[k];
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        dsc__free(v);
        return dsc_detail_setf(
            d, DSC_INVALID, FIELD,
            "line %zu: control character 0x%02X (a letter holds none but "
            "tabs; a stand-in must be replaced by the number first)",
            "第 %zu 行：含有控制字符 0x%02X（文书只允许制表符；"
            "文号占位符须先替换为编号）",
            i + 1, c);
      }
    }
    l->blank = is_blank(l->s, l->n);
    at = end + 1;
  }
  *lines = v;
  *n = count;
  return DSC_OK;
}

static void put_p(dsc__rbuf_t *b, const char *cls, line_t l) {
  dsc__rbuf_str(b, cls ? "<p class=\"" : "<p>");
  if (cls) {
    dsc__rbuf_str(b, cls);
    dsc__rbuf_str(b, "\">");
  }
  dsc__rbuf_html(b, l.s, l.n);
  dsc__rbuf_str(b, "</p>\n");
}

/* The heading h[0..n): sender, title, what else, 文号. */
static void put_heading(dsc__rbuf_t *b, const line_t *h, size_t n) {
  line_t title = trimmed(h[n == 1 ? 0 : 1]);

  dsc__rbuf_str(b, "<header>\n");
  if (n >= 2)
    put_p(b, "sender", trimmed(h[0]));
  dsc__rbuf_str(b, "<h1>");
  dsc__rbuf_html(b, title.s, title.n);
  dsc__rbuf_str(b, "</h1>\n");
  for (size_t i = 2; i + 1 < n; i++)
    put_p(b, "subtitle", trimmed(h[i]));
  if (n >= 3)
    put_p(b, "number", trimmed(h[n - 1]));
  dsc__rbuf_str(b, "</header>\n");
}

/* The body: a paragraph a line; those that begin with U+3000 indented. */
static void put_body(dsc__rbuf_t *b, const line_t *v, size_t n) {
  dsc__rbuf_str(b, "<div class=\"body\">\n");
  for (size_t i = 0; i < n; i++)
    if (!v[i].blank)
      put_p(b, starts_u3000(v[i].s, v[i].n) ? "indent" : NULL, trimmed(v[i]));
  dsc__rbuf_str(b, "</div>\n");
}

static void put_signature(dsc__rbuf_t *b, const line_t *v, size_t n) {
  dsc__rbuf_str(b, "<footer class=\"signature\">\n");
  for (size_t i = 0; i < n; i++)
    put_p(b, NULL, trimmed(v[i]));
  dsc__rbuf_str(b, "</footer>\n");
}

/* The most the document can take for lines v[0..n) and a title of tlen
 * bytes: every byte escaped ("&quot;" is 6), every line in the longest
 * markup, the fixed parts. */
static size_t bound(const line_t *v, size_t n, size_t tlen) {
  size_t total = sizeof head + 6 * tlen + 256;
  for (size_t i = 0; i < n; i++)
    total += 6 * v[i].n + 32;
  return total;
}

static bool clean_title(const char *t) {
  size_t n = strlen(t);
  if (!dsc__utf8_valid(t, n))
    return false;
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F)
      return false;
  return true;
}

dsc_err_t dsc_letter_html(const char *text, size_t len, const char *title,
                          char **html, size_t *hlen, dsc_detail_t *detail) {
  dsc__rbuf_t b = {0};
  line_t *v = NULL;
  size_t n = 0, first, last, fb, lb, body_from, body_to;
  bool has_heading = false, has_signature = false;
  dsc_err_t err;

  if (html == NULL || (text == NULL && len > 0))
    return DSC_MISUSE;
  *html = NULL;
  if (title != NULL && !clean_title(title))
    return dsc_detail_set(detail, DSC_INVALID, "title",
                          "must be UTF-8 on one line, without control "
                          "characters",
                          "必须是单行UTF-8文本，不得含控制字符");
  if ((err = split(text ? text : "", len, &v, &n, detail)) != DSC_OK)
    return err;
  if (bound(v, n, title ? strlen(title) : 0) >= DSC__RBUF_MAX) {
    dsc__free(v);
    return dsc_detail_set(detail, DSC_INVALID, FIELD,
                          "too long to lay out as a letter",
                          "文本过长，无法排版为文书");
  }

  /* The text without its leading and trailing blank lines is v[first ..
   * last]; fb and lb are its first and last blank lines. */
  for (first = 0; first < n && v[first].blank; first++)
    ;
  for (last = n; last > first && v[last - 1].blank; last--)
    ;
  for (fb = first; fb < last && !v[fb].blank; fb++)
    ;
  for (lb = last; lb > fb && !v[lb - 1].blank; lb--)
    ;
  body_from = first;
  body_to = last;
  if (fb < last) { /* at least two blocks: the first is the heading */
    has_heading = true;
    body_from = fb;
    /* A third block, when anything but blank lines lies between the
     * heading and the last block: the last is the signature. */
    for (size_t i = fb; i < lb - 1 && !has_signature; i++)
      has_signature = !v[i].blank;
    if (has_signature)
      body_to = lb - 1;
  }

  dsc__rbuf_str(&b, head);
  if (title != NULL)
    dsc__rbuf_html(&b, title, strlen(title));
  else if (has_heading) {
    line_t t = trimmed(v[fb - first == 1 ? first : first + 1]);
    dsc__rbuf_html(&b, t.s, t.n);
  } else
    dsc__rbuf_str(&b, "政府信息公开文书");
  dsc__rbuf_str(&b, "</title>\n</head>\n<body>\n<main>\n");
  if (has_heading)
    put_heading(&b, v + first, fb - first);
  put_body(&b, v + body_from, body_to - body_from);
  if (has_signature)
    put_signature(&b, v + lb, last - lb);
  dsc__rbuf_str(&b, "</main>\n</body>\n</html>\n");
  dsc__free(v);
  if ((err = dsc__rbuf_finish(&b, html, hlen)) != DSC_OK)
    return dsc_detail_set(detail, err, "letter", "out of memory", "内存不足");
  return DSC_OK;
}
