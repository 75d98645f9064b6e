/* The annual report as CSV, Markdown and HTML, the rendering dispatcher,
 * and the diff of two reports. Over 700 lines: one file per format, as
 * report_json.c, is issue 13's part 4, still to do.
 *
 * The three human formats carry the same tables with the official labels
 * of 国办公开办函〔2021〕30号 (domain/statutes.md §3), explicit zeros, and
 * empty cells only for the section-二 figures not given:
 *   CSV   one table after another, separated by an empty line, each opened
 *         by its title line; merged cells are flattened (a section-三 row's
 *         label is its full path, a column's header its levels joined by
 *         " / "), so a spreadsheet needs no merged cells;
 *   MD    "#" title, "##" section titles, pipe tables flattened as in CSV;
 *   HTML  a standalone printable page, one table per section with the
 *         format's merged header cells (rowspan/colspan); labels are <th>,
 *         figures <td>.
 * User text (the agency's name) is cleaned (report_buf.c) and escaped for
 * each format; the labels are ours.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/fee.h"
#include "report_int.h"

/* ---- shared pieces --------------------------------------------------------
 */

/* Section 二's four small tables: heading, columns, first item, rows; the
 * items of row j, column c are first + j * ncols + c. */
static const struct active_table {
  const char *heading;
  int ncols;
  int first;
  int nrows;
} active_tables[4] = {
    {"第二十条第（一）项", 3, DSC__ACTIVE_RULES_MADE, 2},
    {"第二十条第（五）项", 1, DSC__ACTIVE_LICENSING, 1},
    {"第二十条第（六）项", 1, DSC__ACTIVE_PUNISHMENT, 2},
    {"第二十条第（八）项", 1, DSC__ACTIVE_FEES, 1},
};
#define ACTIVE_CONTENT "信息内容"

/* Section 四's kinds, flattened. */
static const char *const appeal_kind_paths[DSC_REPORT_APPEAL_KINDS] = {
    "行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"};
#define APPEAL_RECONSIDERATION "行政复议"
#define APPEAL_LITIGATION "行政诉讼"
#define APPEAL_DIRECT "未经复议直接起诉"
#define APPEAL_AFTER "复议后起诉"

/* Room for any figure's text, a cleaned fees_wan_yuan included. */
#define VALUE_MAX 128

/* The text of a section-二 figure: "" when not given. */
static const char *active_value(const dsc_report_t *r, int item,
                                char buf[VALUE_MAX]) {
  int64_t v;

  buf[0] = '\0';
  if (!r->has_active)
    return buf;
  if (item == DSC__ACTIVE_FEES)
    return dsc__report_clean(r->active.fees_wan_yuan,
                             sizeof r->active.fees_wan_yuan, buf);
  v = dsc__active_count(&r->active, item);
  if (v >= 0)
    snprintf(buf, VALUE_MAX, "%" PRId64, v);
  return buf;
}

/* A section-三 column's flat header: "申请人情况 / 法人或其他组织 / 商业企业".
 */
static const char *column_path(int col, char buf[VALUE_MAX * 2]) {
  snprintf(buf, VALUE_MAX * 2, "%s / %s%s%s", dsc__report_applicants,
           dsc__report_column_is_org(col) ? dsc__report_org : "",
           dsc__report_column_is_org(col) ? " / " : "",
           dsc__report_column_label(col));
  return buf;
}

static const char *check_result(const dsc_report_check_t *c) {
  return c->ok ? "通过" : "不符";
}

static const char *const check_columns[4] = {"检查项", "结果", "左侧", "右侧"};

/* The agency's text `which` line by line: put(b, line) for each non-empty
 * line, or put(b, placeholder) when there is none and placeholder is not
 * NULL. Out of memory fails the buffer. */
static void text_lines(const dsc_report_t *r, int which, dsc__rbuf_t *b,
                       void (*put)(dsc__rbuf_t *, const char *),
                       const char *placeholder) {
  char *text = dsc__report_text(r, which);
  bool any = false;

  if (text == NULL) {
    b->failed = true;
    return;
  }
  for (char *line = text, *end; *line != '\0'; line = end) {
    end = line + strcspn(line, "\n");
    if (*end != '\0')
      *end++ = '\0';
    if (line[strspn(line, " \t")] != '\0') {
      put(b, line);
      any = true;
    }
  }
  if (!any && placeholder != NULL)
    put(b, placeholder);
  dsc__free(text);
}

/* ---- CSV ------------------------------------------------------------------
 */

/* One field, prefix then s, quoted when s must be (RFC 4180). */
static void csv_field_after(dsc__rbuf_t *b, const char *prefix, const char *s) {
  bool quote = strpbrk(s, ",\"\r\n") != NULL;

  if (quote)
    dsc__rbuf_add(b, "\"", 1);
  dsc__rbuf_str(b, prefix);
  for (const char *q; quote && (q = strchr(s, '"')) != NULL; s = q + 1) {
    dsc__rbuf_add(b, s, (size_t)(q - s) + 1);
    dsc__rbuf_add(b, "\"", 1);
  }
  dsc__rbuf_str(b, s);
  if (quote)
    dsc__rbuf_add(b, "\"", 1);
}

static void csv_field(dsc__rbuf_t *b, const char *s) {
  csv_field_after(b, "", s);
}

/* User text as a field: a leading = + - @ would make a spreadsheet read a
 * formula, so such text is prefixed with an apostrophe (the usual CSV
 * injection guard), inside the quotes when the field is quoted. */
static void csv_user_field(dsc__rbuf_t *b, const char *s) {
  csv_field_after(b, s[0] != '\0' && strchr("=+-@", s[0]) != NULL ? "'" : "",
                  s);
}

static void csv_sep(dsc__rbuf_t *b) { dsc__rbuf_add(b, ",", 1); }
static void csv_eol(dsc__rbuf_t *b) { dsc__rbuf_add(b, "\r\n", 2); }

static void csv_line(dsc__rbuf_t *b, const char *s) {
  csv_field(b, s);
  csv_eol(b);
}

/* Section `which`'s text as one field, its lines kept (a quoted field may
 * hold line breaks: a spreadsheet shows one cell), or the placeholder. */
static void csv_text(const dsc_report_t *r, int which, dsc__rbuf_t *b,
                     const char *placeholder) {
  char *text = dsc__report_text(r, which);

  if (text == NULL) {
    b->failed = true;
    return;
  }
  if (text[strspn(text, " \t\n")] != '\0') {
    csv_user_field(b, text);
    csv_eol(b);
  } else if (placeholder != NULL) {
    csv_line(b, placeholder);
  }
  dsc__free(text);
}

static void csv_checks(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc_report_check_t checks[DSC__REPORT_CHECKS_MAX];
  size_t n = dsc_report_checks(r, checks, DSC__REPORT_CHECKS_MAX);

  csv_line(b, dsc__report_checks_title);
  for (int c = 0; c < 4; c++) {
    if (c > 0)
      csv_sep(b);
    csv_field(b, check_columns[c]);
  }
  csv_eol(b);
  for (size_t i = 0; i < n; i++) {
    csv_field(b, checks[i].name);
    csv_sep(b);
    csv_field(b, check_result(&checks[i]));
    csv_sep(b);
    dsc__rbuf_i64(b, checks[i].left);
    csv_sep(b);
    dsc__rbuf_i64(b, checks[i].right);
    csv_eol(b);
  }
}

static void render_csv(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_PATH_MAX];
  char value[VALUE_MAX], head[VALUE_MAX * 2];

  csv_user_field(b, dsc__report_title(r, title));
  csv_eol(b);
  csv_eol(b);

  /* 一 */
  csv_line(b, dsc__report_section_titles[0]);
  csv_text(r, DSC_REPORT_TEXT_OVERVIEW, b, dsc__report_placeholder);
  csv_eol(b);

  /* 二: its four small tables. */
  for (int t = 0; t < 4; t++) {
    const struct active_table *at = &active_tables[t];

    if (t == 0)
      csv_line(b, dsc__report_section_titles[1]);
    csv_line(b, at->heading);
    csv_field(b, ACTIVE_CONTENT);
    for (int c = 0; c < at->ncols; c++) {
      csv_sep(b);
      csv_field(b, dsc__active_item(at->first + c)->col_label);
    }
    csv_eol(b);
    for (int j = 0; j < at->nrows; j++) {
      csv_field(b, dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++) {
        csv_sep(b);
        csv_field(b, active_value(r, at->first + j * at->ncols + c, value));
      }
      csv_eol(b);
    }
    csv_eol(b);
  }

  /* 三 */
  csv_line(b, dsc__report_section_titles[2]);
  csv_field(b, dsc__report_note);
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
    csv_sep(b);
    csv_field(b, column_path(c, head));
  }
  csv_eol(b);
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    csv_field(b, dsc__report_row_path(row, text));
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
      csv_sep(b);
      dsc__rbuf_i64(b, r->cells[row][c]);
    }
    csv_eol(b);
  }
  csv_eol(b);

  /* 四: fifteen columns, one row. */
  csv_line(b, dsc__report_section_titles[3]);
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      if (k + c > 0)
        csv_sep(b);
      snprintf(head, sizeof head, "%s / %s", appeal_kind_paths[k],
               dsc__report_appeal_col_label(c));
      csv_field(b, head);
    }
  csv_eol(b);
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      if (k + c > 0)
        csv_sep(b);
      dsc__rbuf_i64(b, r->appeals[k][c]);
    }
  csv_eol(b);
  csv_eol(b);

  /* 五, 六 */
  csv_line(b, dsc__report_section_titles[4]);
  csv_text(r, DSC_REPORT_TEXT_PROBLEMS, b, dsc__report_placeholder);
  csv_eol(b);
  csv_line(b, dsc__report_section_titles[5]);
  csv_line(b, dsc__report_fees_sentence(r, text));
  csv_text(r, DSC_REPORT_TEXT_OTHER, b, NULL);
  csv_eol(b);

  csv_checks(r, b);
}

/* ---- Markdown -------------------------------------------------------------
 */

/* Text in a Markdown line or table cell. User text has every ASCII
 * punctuation character backslash-escaped (CommonMark allows it for all of
 * them), so it cannot open a link, emphasis or an HTML tag; our labels only
 * need '|' escaped, and hold none. */
static void md_text(dsc__rbuf_t *b, const char *s, bool user) {
  const char *run = s;

  for (; *s != '\0'; s++) {
    unsigned char c = (unsigned char)*s;
    bool punct = (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
                 (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);

    if (c == '|' || (user && punct)) {
      dsc__rbuf_add(b, run, (size_t)(s - run));
      dsc__rbuf_add(b, "\\", 1);
      run = s;
    }
  }
  dsc__rbuf_add(b, run, (size_t)(s - run));
}

static void md_heading(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, "## ");
  md_text(b, s, false);
  dsc__rbuf_str(b, "\n\n");
}

static void md_para(dsc__rbuf_t *b, const char *s) {
  md_text(b, s, false);
  dsc__rbuf_str(b, "\n\n");
}

/* A line of the agency's text: user text, escaped as such. */
static void md_user_para(dsc__rbuf_t *b, const char *s) {
  md_text(b, s, true);
  dsc__rbuf_str(b, "\n\n");
}

static void md_cell(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, " ");
  md_text(b, s, false);
  dsc__rbuf_str(b, " |");
}

static void md_num(dsc__rbuf_t *b, int64_t v) {
  dsc__rbuf_str(b, " ");
  dsc__rbuf_i64(b, v);
  dsc__rbuf_str(b, " |");
}

/* The delimiter row: the first column left, the n others right-aligned. */
static void md_rule(dsc__rbuf_t *b, int n) {
  dsc__rbuf_str(b, "| --- |");
  for (int i = 0; i < n; i++)
    dsc__rbuf_str(b, " ---: |");
  dsc__rbuf_str(b, "\n");
}

static void md_checks(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc_report_check_t checks[DSC__REPORT_CHECKS_MAX];
  size_t n = dsc_report_checks(r, checks, DSC__REPORT_CHECKS_MAX);

  md_heading(b, dsc__report_checks_title);
  dsc__rbuf_str(b, "|");
  for (int c = 0; c < 4; c++)
    md_cell(b, check_columns[c]);
  dsc__rbuf_str(b, "\n| --- | --- | ---: | ---: |\n");
  for (size_t i = 0; i < n; i++) {
    dsc__rbuf_str(b, "|");
    md_cell(b, checks[i].name);
    md_cell(b, check_result(&checks[i]));
    md_num(b, checks[i].left);
    md_num(b, checks[i].right);
    dsc__rbuf_str(b, "\n");
  }
}

static void render_md(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_PATH_MAX];
  char value[VALUE_MAX], head[VALUE_MAX * 2];

  dsc__rbuf_str(b, "# ");
  md_text(b, dsc__report_title(r, title), true);
  dsc__rbuf_str(b, "\n\n");

  md_heading(b, dsc__report_section_titles[0]);
  text_lines(r, DSC_REPORT_TEXT_OVERVIEW, b, md_user_para,
             dsc__report_placeholder);

  md_heading(b, dsc__report_section_titles[1]);
  for (int t = 0; t < 4; t++) {
    const struct active_table *at = &active_tables[t];

    dsc__rbuf_str(b, "**");
    md_text(b, at->heading, false);
    dsc__rbuf_str(b, "**\n\n|");
    md_cell(b, ACTIVE_CONTENT);
    for (int c = 0; c < at->ncols; c++)
      md_cell(b, dsc__active_item(at->first + c)->col_label);
    dsc__rbuf_str(b, "\n");
    md_rule(b, at->ncols);
    for (int j = 0; j < at->nrows; j++) {
      dsc__rbuf_str(b, "|");
      md_cell(b, dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++)
        md_cell(b, active_value(r, at->first + j * at->ncols + c, value));
      dsc__rbuf_str(b, "\n");
    }
    dsc__rbuf_str(b, "\n");
  }

  md_heading(b, dsc__report_section_titles[2]);
  dsc__rbuf_str(b, "|");
  md_cell(b, dsc__report_note);
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
    md_cell(b, column_path(c, head));
  dsc__rbuf_str(b, "\n");
  md_rule(b, DSC_REPORT_COLUMNS);
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    dsc__rbuf_str(b, "|");
    md_cell(b, dsc__report_row_path(row, text));
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      md_num(b, r->cells[row][c]);
    dsc__rbuf_str(b, "\n");
  }
  dsc__rbuf_str(b, "\n");

  /* 四: no label column in the format; the first column is a figure too,
   * so every column is right-aligned. */
  md_heading(b, dsc__report_section_titles[3]);
  dsc__rbuf_str(b, "|");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      snprintf(head, sizeof head, "%s / %s", appeal_kind_paths[k],
               dsc__report_appeal_col_label(c));
      md_cell(b, head);
    }
  dsc__rbuf_str(b, "\n|");
  for (int i = 0; i < DSC_REPORT_APPEAL_KINDS * DSC_REPORT_APPEAL_COLUMNS; i++)
    dsc__rbuf_str(b, " ---: |");
  dsc__rbuf_str(b, "\n|");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      md_num(b, r->appeals[k][c]);
  dsc__rbuf_str(b, "\n\n");

  md_heading(b, dsc__report_section_titles[4]);
  text_lines(r, DSC_REPORT_TEXT_PROBLEMS, b, md_user_para,
             dsc__report_placeholder);
  md_heading(b, dsc__report_section_titles[5]);
  md_para(b, dsc__report_fees_sentence(r, text));
  text_lines(r, DSC_REPORT_TEXT_OTHER, b, md_user_para, NULL);

  md_checks(r, b);
}

/* ---- HTML -----------------------------------------------------------------
 */

static void html_text(dsc__rbuf_t *b, const char *s) {
  const char *run = s;

  for (; *s != '\0'; s++) {
    const char *e = NULL;

    switch (*s) {
    case '&':
      e = "&amp;";
      break;
    case '<':
      e = "&lt;";
      break;
    case '>':
      e = "&gt;";
      break;
    case '"':
      e = "&quot;";
      break;
    case '\'':
      e = "&#39;";
      break;
    default:
      continue;
    }
    dsc__rbuf_add(b, run, (size_t)(s - run));
    dsc__rbuf_str(b, e);
    run = s + 1;
  }
  dsc__rbuf_add(b, run, (size_t)(s - run));
}

/* <tag rowspan colspan>text</tag>; spans of 1 are left out. */
static void html_cell(dsc__rbuf_t *b, const char *tag, int rowspan, int colspan,
                      const char *text) {
  dsc__rbuf_str(b, "<");
  dsc__rbuf_str(b, tag);
  if (rowspan > 1) {
    dsc__rbuf_str(b, " rowspan=\"");
    dsc__rbuf_i64(b, rowspan);
    dsc__rbuf_str(b, "\"");
  }
  if (colspan > 1) {
    dsc__rbuf_str(b, " colspan=\"");
    dsc__rbuf_i64(b, colspan);
    dsc__rbuf_str(b, "\"");
  }
  dsc__rbuf_str(b, ">");
  html_text(b, text);
  dsc__rbuf_str(b, "</");
  dsc__rbuf_str(b, tag);
  dsc__rbuf_str(b, ">");
}

static void html_num(dsc__rbuf_t *b, int64_t v) {
  dsc__rbuf_str(b, "<td>");
  dsc__rbuf_i64(b, v);
  dsc__rbuf_str(b, "</td>");
}

static const char html_style[] =
    "<style>\n"
    "body { font-family: \"SimSun\", \"Songti SC\", serif; margin: 2em; }\n"
    "h1 { font-size: 1.5em; text-align: center; }\n"
    "h2 { font-size: 1.15em; margin-top: 1.5em; }\n"
    "table { border-collapse: collapse; margin: 0.5em 0 1em; }\n"
    "th, td { border: 1px solid #000; padding: 0.2em 0.5em; }\n"
    "th { font-weight: normal; text-align: center; }\n"
    "tbody th { text-align: left; }\n"
    "td { text-align: right; min-width: 3em; }\n"
    ".fail { color: #b00000; font-weight: bold; }\n"
    "@media print {\n"
    "  body { margin: 0; font-size: 10.5pt; }\n"
    "  h2 { break-after: avoid; page-break-after: avoid; }\n"
    "  tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "}\n"
    "</style>\n";

static void html_head(dsc__rbuf_t *b, const char *title) {
  dsc__rbuf_str(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
                   "<meta charset=\"utf-8\">\n<title>");
  html_text(b, title);
  dsc__rbuf_str(b, "</title>\n");
  dsc__rbuf_str(b, html_style);
  dsc__rbuf_str(b, "</head>\n<body>\n<h1>");
  html_text(b, title);
  dsc__rbuf_str(b, "</h1>\n");
}

static void html_tail(dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "</body>\n</html>\n");
}

static void html_h2(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, "<h2>");
  html_text(b, s);
  dsc__rbuf_str(b, "</h2>\n");
}

static void html_p(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, "<p>");
  html_text(b, s);
  dsc__rbuf_str(b, "</p>\n");
}

/* Section 二 as the format has it: one four-column table, each item's
 * heading row spanning it, single-figure items spanning three columns. */
static void html_active(const dsc_report_t *r, dsc__rbuf_t *b) {
  char value[VALUE_MAX];

  dsc__rbuf_str(b, "<table id=\"section-2\">\n<tbody>\n");
  for (int t = 0; t < 4; t++) {
    const struct active_table *at = &active_tables[t];
    int span = 3 / at->ncols;

    dsc__rbuf_str(b, "<tr>");
    html_cell(b, "th", 1, 4, at->heading);
    dsc__rbuf_str(b, "</tr>\n<tr>");
    html_cell(b, "th", 1, 1, ACTIVE_CONTENT);
    for (int c = 0; c < at->ncols; c++)
      html_cell(b, "th", 1, span, dsc__active_item(at->first + c)->col_label);
    dsc__rbuf_str(b, "</tr>\n");
    for (int j = 0; j < at->nrows; j++) {
      dsc__rbuf_str(b, "<tr>");
      html_cell(b, "th", 1, 1,
                dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++)
        html_cell(b, "td", 1, span,
                  active_value(r, at->first + j * at->ncols + c, value));
      dsc__rbuf_str(b, "</tr>\n");
    }
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
}

/* How many rows from row on share the label level (1 or 2) of row. */
static int run_length(int row, int level) {
  const dsc__report_row_info_t *a = dsc__report_row_info(row);
  int n = 1;

  for (int k = row + 1; k < DSC_REPORT_ROWS; k++) {
    const dsc__report_row_info_t *z = dsc__report_row_info(k);
    const char *x = level == 1 ? a->l1 : a->l2, *y = level == 1 ? z->l1 : z->l2;
    if (y == NULL || strcmp(x, y) != 0)
      break;
    n++;
  }
  return n;
}

/* Section 三: three label columns (三、… / （三）… / 1.…) whose cells span
 * the rows they group and the levels a row lacks; the header block of the
 * format above the seven figures. */
static void html_applications(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "<table id=\"section-3\">\n<thead>\n<tr>");
  html_cell(b, "th", 3, 3, dsc__report_note);
  html_cell(b, "th", 1, DSC_REPORT_COLUMNS, dsc__report_applicants);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  html_cell(b, "th", 2, 1, dsc__report_column_label(0));
  html_cell(b, "th", 1, DSC_APPLICANT_TYPE_COUNT - 1, dsc__report_org);
  html_cell(b, "th", 2, 1, dsc__report_column_label(DSC_REPORT_TOTAL_COLUMN));
  dsc__rbuf_str(b, "</tr>\n<tr>");
  for (int c = 1; c < DSC_APPLICANT_TYPE_COUNT; c++)
    html_cell(b, "th", 1, 1, dsc__report_column_label(c));
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");

  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    const dsc__report_row_info_t *ri = dsc__report_row_info(row);
    const dsc__report_row_info_t *prev =
        row > 0 ? dsc__report_row_info(row - 1) : NULL;

    dsc__rbuf_str(b, "<tr>");
    if (prev == NULL || strcmp(prev->l1, ri->l1) != 0)
      html_cell(b, "th", ri->l2 ? run_length(row, 1) : 1, ri->l2 ? 1 : 3,
                ri->l1);
    if (ri->l2 != NULL &&
        (prev == NULL || prev->l2 == NULL || strcmp(prev->l2, ri->l2) != 0))
      html_cell(b, "th", ri->l3 ? run_length(row, 2) : 1, ri->l3 ? 1 : 2,
                ri->l2);
    if (ri->l3 != NULL)
      html_cell(b, "th", 1, 1, ri->l3);
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      html_num(b, r->cells[row][c]);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
}

static void html_appeals(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "<table id=\"section-4\">\n<thead>\n<tr>");
  html_cell(b, "th", 2, DSC_REPORT_APPEAL_COLUMNS, APPEAL_RECONSIDERATION);
  html_cell(b, "th", 1, 2 * DSC_REPORT_APPEAL_COLUMNS, APPEAL_LITIGATION);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  html_cell(b, "th", 1, DSC_REPORT_APPEAL_COLUMNS, APPEAL_DIRECT);
  html_cell(b, "th", 1, DSC_REPORT_APPEAL_COLUMNS, APPEAL_AFTER);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      html_cell(b, "th", 1, 1, dsc__report_appeal_col_label(c));
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n<tr>");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      html_num(b, r->appeals[k][c]);
  dsc__rbuf_str(b, "</tr>\n</tbody>\n</table>\n");
}

static void html_checks(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc_report_check_t checks[DSC__REPORT_CHECKS_MAX];
  size_t n = dsc_report_checks(r, checks, DSC__REPORT_CHECKS_MAX);

  html_h2(b, dsc__report_checks_title);
  dsc__rbuf_str(b, "<table id=\"checks\">\n<thead>\n<tr>");
  for (int c = 0; c < 4; c++)
    html_cell(b, "th", 1, 1, check_columns[c]);
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");
  for (size_t i = 0; i < n; i++) {
    dsc__rbuf_str(b, "<tr>");
    html_cell(b, "th", 1, 1, checks[i].name);
    dsc__rbuf_str(b, checks[i].ok ? "<td>" : "<td class=\"fail\">");
    html_text(b, check_result(&checks[i]));
    dsc__rbuf_str(b, "</td>");
    html_num(b, checks[i].left);
    html_num(b, checks[i].right);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
}

static void render_html(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_FEES_MAX];

  html_head(b, dsc__report_title(r, title));
  html_h2(b, dsc__report_section_titles[0]);
  text_lines(r, DSC_REPORT_TEXT_OVERVIEW, b, html_p, dsc__report_placeholder);
  html_h2(b, dsc__report_section_titles[1]);
  html_active(r, b);
  html_h2(b, dsc__report_section_titles[2]);
  html_applications(r, b);
  html_h2(b, dsc__report_section_titles[3]);
  html_appeals(r, b);
  html_h2(b, dsc__report_section_titles[4]);
  text_lines(r, DSC_REPORT_TEXT_PROBLEMS, b, html_p, dsc__report_placeholder);
  html_h2(b, dsc__report_section_titles[5]);
  html_p(b, dsc__report_fees_sentence(r, text));
  text_lines(r, DSC_REPORT_TEXT_OTHER, b, html_p, NULL);
  html_checks(r, b);
  html_tail(b);
}

/* ---- rendering ------------------------------------------------------------
 */

dsc_err_t dsc_report_render(const dsc_report_t *r, dsc_report_format_t format,
                            char **out, size_t *len) {
  dsc__rbuf_t b = {0};

  if (out != NULL)
    *out = NULL;
  if (len != NULL)
    *len = 0;
  if (r == NULL || out == NULL)
    return DSC_MISUSE;
  switch (format) {
  case DSC_REPORT_JSON:
    dsc__report_json(r, &b);
    break;
  case DSC_REPORT_CSV:
    render_csv(r, &b);
    break;
  case DSC_REPORT_MD:
    render_md(r, &b);
    break;
  case DSC_REPORT_HTML:
    render_html(r, &b);
    break;
  default:
    return DSC_MISUSE;
  }
  return dsc__rbuf_finish(&b, out, len);
}

/* ---- the diff -------------------------------------------------------------
 */

/* One value of a changed cell. */
typedef enum { V_NULL, V_COUNT, V_YUAN, V_TEXT } vkind_t;
typedef struct value {
  vkind_t kind;
  int64_t n;            /* V_COUNT: the count; V_YUAN: fen */
  char text[VALUE_MAX]; /* V_TEXT: cleaned */
} value_t;

typedef enum {
  SEC_ACTIVE = 1,       /* 二: row = item */
  SEC_APPLICATIONS = 2, /* 三: row, col */
  SEC_APPEALS = 3,      /* 四: row = kind, col */
  SEC_FEES = 5          /* 六: row 0 count, 1 amount paid; 2, 3 noticed */
} section_t;

typedef struct change {
  section_t section;
  int row, col;
  value_t old_value, new_value;
} change_t;

#define CHANGES_MAX                                                            \
  (DSC__ACTIVE_ITEMS + DSC_REPORT_ROWS * DSC_REPORT_COLUMNS +                  \
   DSC_REPORT_APPEAL_KINDS * DSC_REPORT_APPEAL_COLUMNS + 4)

static value_t count_value(int64_t n) {
  value_t v = {.kind = V_COUNT, .n = n};
  return v;
}

static value_t active_item_value(const dsc_report_t *r, int item) {
  value_t v = {.kind = V_NULL};
  char text[DSC__REPORT_CLEAN_MAX(sizeof r->active.fees_wan_yuan)];

  if (!r->has_active)
    return v;
  if (item == DSC__ACTIVE_FEES) {
    dsc__report_clean(r->active.fees_wan_yuan, sizeof r->active.fees_wan_yuan,
                      text);
    if (text[0] != '\0') {
      v.kind = V_TEXT;
      snprintf(v.text, sizeof v.text, "%s", text);
    }
    return v;
  }
  v.n = dsc__active_count(&r->active, item);
  v.kind = v.n < 0 ? V_NULL : V_COUNT;
  return v;
}

static bool value_eq(const value_t *a, const value_t *b) {
  if (a->kind != b->kind)
    return false;
  switch (a->kind) {
  case V_NULL:
    return true;
  case V_COUNT:
  case V_YUAN:
    return a->n == b->n;
  case V_TEXT:
    return strcmp(a->text, b->text) == 0;
  }
  return false;
}

static void note(change_t *ch, size_t *n, section_t s, int row, int col,
                 value_t a, value_t z) {
  if (value_eq(&a, &z))
    return;
  ch[*n] = (change_t){s, row, col, a, z};
  (*n)++;
}

/* Every differing cell of a and z, in the order of the report. */
static size_t diff_cells(const dsc_report_t *a, const dsc_report_t *z,
                         change_t ch[CHANGES_MAX]) {
  size_t n = 0;

  for (int i = 0; i < DSC__ACTIVE_ITEMS; i++)
    note(ch, &n, SEC_ACTIVE, i, 0, active_item_value(a, i),
         active_item_value(z, i));
  for (int row = 0; row < DSC_REPORT_ROWS; row++)
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      note(ch, &n, SEC_APPLICATIONS, row, c, count_value(a->cells[row][c]),
           count_value(z->cells[row][c]));
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      note(ch, &n, SEC_APPEALS, k, c, count_value(a->appeals[k][c]),
           count_value(z->appeals[k][c]));
  note(ch, &n, SEC_FEES, 0, 0, count_value(a->fee_count),
       count_value(z->fee_count));
  note(ch, &n, SEC_FEES, 1, 0,
       (value_t){.kind = V_YUAN, .n = a->fee_amount_fen},
       (value_t){.kind = V_YUAN, .n = z->fee_amount_fen});
  note(ch, &n, SEC_FEES, 2, 0, count_value(a->fee_notice_count),
       count_value(z->fee_notice_count));
  note(ch, &n, SEC_FEES, 3, 0,
       (value_t){.kind = V_YUAN, .n = a->fee_notice_amount_fen},
       (value_t){.kind = V_YUAN, .n = z->fee_notice_amount_fen});
  return n;
}

static const char *section_key(const change_t *c) {
  switch (c->section) {
  case SEC_ACTIVE:
    return "active";
  case SEC_APPLICATIONS:
    return "applications";
  case SEC_APPEALS:
    return "appeals";
  case SEC_FEES:
    return c->row < 2 ? "fees" : "fee_notices";
  }
  return "";
}

/* The JSON keys of a change's row and column (column NULL: a single
 * figure). */
static void change_keys(const change_t *c, const char **row, const char **col) {
  const dsc__active_item_t *it;

  switch (c->section) {
  case SEC_ACTIVE:
    it = dsc__active_item(c->row);
    *row = it->group ? it->group : it->key;
    *col = it->group ? it->key : NULL;
    return;
  case SEC_APPLICATIONS:
    *row = dsc_report_row_key((dsc_report_row_t)c->row);
    *col = dsc__report_column_key(c->col);
    return;
  case SEC_APPEALS:
    *row = dsc__report_appeal_kind_key(c->row);
    *col = dsc__report_appeal_col_key(c->col);
    return;
  case SEC_FEES:
    *row = c->row % 2 == 0 ? "count" : "amount_yuan";
    *col = NULL;
    return;
  }
}

/* The official labels of a change's section, row and column. */
static void change_labels(const change_t *c, const char **section,
                          const char **row, const char **col,
                          char path[DSC__REPORT_PATH_MAX]) {
  const dsc__active_item_t *it;

  *section = dsc__report_section_titles[c->section];
  switch (c->section) {
  case SEC_ACTIVE:
    it = dsc__active_item(c->row);
    *row = it->row_label;
    *col = it->col_label;
    return;
  case SEC_APPLICATIONS:
    *row = dsc__report_row_path(c->row, path);
    *col = dsc__report_column_label(c->col);
    return;
  case SEC_APPEALS:
    *row = appeal_kind_paths[c->row];
    *col = dsc__report_appeal_col_label(c->col);
    return;
  case SEC_FEES:
    *row = c->row < 2 ? "实际收取信息处理费" : "发出收费通知";
    *col = c->row % 2 == 0 ? "件数" : "金额（元）";
    return;
  }
}

static const char *value_text(const value_t *v, char buf[VALUE_MAX]) {
  buf[0] = '\0';
  switch (v->kind) {
  case V_NULL:
    break;
  case V_COUNT:
    snprintf(buf, VALUE_MAX, "%" PRId64, v->n);
    break;
  case V_YUAN:
    dsc_fee_amount_format(v->n, buf);
    break;
  case V_TEXT:
    snprintf(buf, VALUE_MAX, "%s", v->text);
    break;
  }
  return buf;
}

static void json_value(dsc__rbuf_t *b, const value_t *v) {
  switch (v->kind) {
  case V_NULL:
    dsc__rbuf_str(b, "null");
    break;
  case V_COUNT:
    dsc__rbuf_i64(b, v->n);
    break;
  case V_YUAN:
    dsc__rbuf_json_yuan(b, v->n);
    break;
  case V_TEXT:
    dsc__rbuf_json_str(b, v->text);
    break;
  }
}

static const char *const diff_columns[5] = {"部分", "行", "列", "原值", "新值"};
static const char no_differences[] = "无差异";

static void diff_json(const dsc_report_t *z, const change_t *ch, size_t n,
                      dsc__rbuf_t *b) {
  char text[DSC__REPORT_CLEAN_MAX(sizeof z->agency)];

  dsc__rbuf_str(b, "{\n  \"year\": ");
  dsc__rbuf_i64(b, z->year);
  dsc__rbuf_str(b, ",\n  \"agency\": ");
  dsc__rbuf_json_str(b, dsc__report_clean(z->agency, sizeof z->agency, text));
  dsc__rbuf_str(b,
                n == 0 ? ",\n  \"changes\": []\n}\n" : ",\n  \"changes\": [\n");
  for (size_t i = 0; i < n; i++) {
    const char *row = "", *col = NULL;

    change_keys(&ch[i], &row, &col);
    dsc__rbuf_str(b, "    {\"section\": ");
    dsc__rbuf_json_str(b, section_key(&ch[i]));
    dsc__rbuf_str(b, ", \"row\": ");
    dsc__rbuf_json_str(b, row);
    dsc__rbuf_str(b, ", \"column\": ");
    if (col != NULL)
      dsc__rbuf_json_str(b, col);
    else
      dsc__rbuf_str(b, "null");
    dsc__rbuf_str(b, ", \"old\": ");
    json_value(b, &ch[i].old_value);
    dsc__rbuf_str(b, ", \"new\": ");
    json_value(b, &ch[i].new_value);
    dsc__rbuf_str(b, i + 1 < n ? "},\n" : "}\n  ]\n}\n");
  }
}

/* The five texts of a change's line. */
static void change_texts(const change_t *c, const char *t[5],
                         char path[DSC__REPORT_PATH_MAX],
                         char old_text[VALUE_MAX], char new_text[VALUE_MAX]) {
  change_labels(c, &t[0], &t[1], &t[2], path);
  t[3] = value_text(&c->old_value, old_text);
  t[4] = value_text(&c->new_value, new_text);
}

#define DIFF_SUFFIX "：数据差异"
#define DIFF_TITLE_MAX (DSC__REPORT_TITLE_MAX + sizeof DIFF_SUFFIX)

/* The diff's title: the report's, then DIFF_SUFFIX. */
static const char *diff_title(const dsc_report_t *z, char buf[DIFF_TITLE_MAX]) {
  char title[DSC__REPORT_TITLE_MAX];

  snprintf(buf, DIFF_TITLE_MAX, "%s%s", dsc__report_title(z, title),
           DIFF_SUFFIX);
  return buf;
}

static void diff_csv(const dsc_report_t *z, const change_t *ch, size_t n,
                     dsc__rbuf_t *b) {
  char title[DIFF_TITLE_MAX], path[DSC__REPORT_PATH_MAX];
  char o[VALUE_MAX], w[VALUE_MAX];
  const char *t[5];

  csv_user_field(b, diff_title(z, title));
  csv_eol(b);
  csv_eol(b);
  if (n == 0) {
    csv_line(b, no_differences);
    return;
  }
  for (int c = 0; c < 5; c++) {
    if (c > 0)
      csv_sep(b);
    csv_field(b, diff_columns[c]);
  }
  csv_eol(b);
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    for (int c = 0; c < 5; c++) {
      if (c > 0)
        csv_sep(b);
      csv_field(b, t[c]);
    }
    csv_eol(b);
  }
}

static void diff_md(const dsc_report_t *z, const change_t *ch, size_t n,
                    dsc__rbuf_t *b) {
  char title[DIFF_TITLE_MAX], path[DSC__REPORT_PATH_MAX];
  char o[VALUE_MAX], w[VALUE_MAX];
  const char *t[5];

  dsc__rbuf_str(b, "# ");
  md_text(b, diff_title(z, title), true);
  dsc__rbuf_str(b, "\n\n");
  if (n == 0) {
    md_para(b, no_differences);
    return;
  }
  dsc__rbuf_str(b, "|");
  for (int c = 0; c < 5; c++)
    md_cell(b, diff_columns[c]);
  dsc__rbuf_str(b, "\n| --- | --- | --- | ---: | ---: |\n");
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    dsc__rbuf_str(b, "|");
    for (int c = 0; c < 5; c++)
      md_cell(b, t[c]);
    dsc__rbuf_str(b, "\n");
  }
}

static void diff_html(const dsc_report_t *z, const change_t *ch, size_t n,
                      dsc__rbuf_t *b) {
  char title[DIFF_TITLE_MAX], path[DSC__REPORT_PATH_MAX];
  char o[VALUE_MAX], w[VALUE_MAX];
  const char *t[5];

  html_head(b, diff_title(z, title));
  if (n == 0) {
    html_p(b, no_differences);
    html_tail(b);
    return;
  }
  dsc__rbuf_str(b, "<table id=\"changes\">\n<thead>\n<tr>");
  for (int c = 0; c < 5; c++)
    html_cell(b, "th", 1, 1, diff_columns[c]);
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    dsc__rbuf_str(b, "<tr>");
    for (int c = 0; c < 3; c++)
      html_cell(b, "th", 1, 1, t[c]);
    html_cell(b, "td", 1, 1, t[3]);
    html_cell(b, "td", 1, 1, t[4]);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
  html_tail(b);
}

dsc_err_t dsc_report_render_diff(const dsc_report_t *old_report,
                                 const dsc_report_t *new_report,
                                 dsc_report_format_t format, char **out,
                                 size_t *len) {
  change_t ch[CHANGES_MAX];
  dsc__rbuf_t b = {0};
  size_t n;

  if (out != NULL)
    *out = NULL;
  if (len != NULL)
    *len = 0;
  if (old_report == NULL || new_report == NULL || out == NULL)
    return DSC_MISUSE;
  n = diff_cells(old_report, new_report, ch);
  switch (format) {
  case DSC_REPORT_JSON:
    diff_json(new_report, ch, n, &b);
    break;
  case DSC_REPORT_CSV:
    diff_csv(new_report, ch, n, &b);
    break;
  case DSC_REPORT_MD:
    diff_md(new_report, ch, n, &b);
    break;
  case DSC_REPORT_HTML:
    diff_html(new_report, ch, n, &b);
    break;
  default:
    return DSC_MISUSE;
  }
  return dsc__rbuf_finish(&b, out, len);
}
