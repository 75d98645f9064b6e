/* The annual report as HTML: a standalone printable page, one table per
 * section with the format's merged header cells (rowspan/colspan); labels
 * are <th>, figures <td>. Like every human format (report_render.c) it
 * carries the official labels of 国办公开办函〔2021〕30号
 * (domain/statutes.md §3), explicit zeros, and empty cells only for the
 * section-二 figures not given.
 *
 * User text (the agency's name and texts) is cleaned (report_buf.c) and
 * escaped; the labels are ours. The page's head and tail, paragraphs and
 * cells are shared with the diff (report_diff.c).
 */
#include <string.h>

#include "report_int.h"

/* Section 四's kinds, as the format's merged header cells name them. */
#define APPEAL_RECONSIDERATION "行政复议"
#define APPEAL_LITIGATION "行政诉讼"
#define APPEAL_DIRECT "未经复议直接起诉"
#define APPEAL_AFTER "复议后起诉"

static void html_text(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_html(b, s, strlen(s));
}

/* <tag rowspan colspan>text</tag>; spans of 1 are left out. */
void dsc__rbuf_html_cell(dsc__rbuf_t *b, const char *tag, int rowspan,
                         int colspan, const char *text) {
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

void dsc__rbuf_html_head(dsc__rbuf_t *b, const char *title) {
  dsc__rbuf_str(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
                   "<meta charset=\"utf-8\">\n<title>");
  html_text(b, title);
  dsc__rbuf_str(b, "</title>\n");
  dsc__rbuf_str(b, html_style);
  dsc__rbuf_str(b, "</head>\n<body>\n<h1>");
  html_text(b, title);
  dsc__rbuf_str(b, "</h1>\n");
}

void dsc__rbuf_html_tail(dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "</body>\n</html>\n");
}

static void html_h2(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, "<h2>");
  html_text(b, s);
  dsc__rbuf_str(b, "</h2>\n");
}

void dsc__rbuf_html_p(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, "<p>");
  html_text(b, s);
  dsc__rbuf_str(b, "</p>\n");
}

/* Section 二 as the format has it: one four-column table, each item's
 * heading row spanning it, single-figure items spanning three columns. */
static void html_active(const dsc_report_t *r, dsc__rbuf_t *b) {
  char value[DSC__REPORT_VALUE_MAX];

  dsc__rbuf_str(b, "<table id=\"section-2\">\n<tbody>\n");
  for (int t = 0; t < DSC__ACTIVE_TABLES; t++) {
    const dsc__active_table_t *at = &dsc__active_tables[t];
    int span = 3 / at->ncols;

    dsc__rbuf_str(b, "<tr>");
    dsc__rbuf_html_cell(b, "th", 1, 4, at->heading);
    dsc__rbuf_str(b, "</tr>\n<tr>");
    dsc__rbuf_html_cell(b, "th", 1, 1, dsc__report_active_content);
    for (int c = 0; c < at->ncols; c++)
      dsc__rbuf_html_cell(b, "th", 1, span,
                          dsc__active_item(at->first + c)->col_label);
    dsc__rbuf_str(b, "</tr>\n");
    for (int j = 0; j < at->nrows; j++) {
      dsc__rbuf_str(b, "<tr>");
      dsc__rbuf_html_cell(
          b, "th", 1, 1,
          dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++)
        dsc__rbuf_html_cell(
            b, "td", 1, span,
            dsc__report_active_value(r, at->first + j * at->ncols + c, value));
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
  dsc__rbuf_html_cell(b, "th", 3, 3, dsc__report_note);
  dsc__rbuf_html_cell(b, "th", 1, DSC_REPORT_COLUMNS, dsc__report_applicants);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  dsc__rbuf_html_cell(b, "th", 2, 1, dsc__report_column_label(0));
  dsc__rbuf_html_cell(b, "th", 1, DSC_APPLICANT_TYPE_COUNT - 1,
                      dsc__report_org);
  dsc__rbuf_html_cell(b, "th", 2, 1,
                      dsc__report_column_label(DSC_REPORT_TOTAL_COLUMN));
  dsc__rbuf_str(b, "</tr>\n<tr>");
  for (int c = 1; c < DSC_APPLICANT_TYPE_COUNT; c++)
    dsc__rbuf_html_cell(b, "th", 1, 1, dsc__report_column_label(c));
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");

  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    const dsc__report_row_info_t *ri = dsc__report_row_info(row);
    const dsc__report_row_info_t *prev =
        row > 0 ? dsc__report_row_info(row - 1) : NULL;

    dsc__rbuf_str(b, "<tr>");
    if (prev == NULL || strcmp(prev->l1, ri->l1) != 0)
      dsc__rbuf_html_cell(b, "th", ri->l2 ? run_length(row, 1) : 1,
                          ri->l2 ? 1 : 3, ri->l1);
    if (ri->l2 != NULL &&
        (prev == NULL || prev->l2 == NULL || strcmp(prev->l2, ri->l2) != 0))
      dsc__rbuf_html_cell(b, "th", ri->l3 ? run_length(row, 2) : 1,
                          ri->l3 ? 1 : 2, ri->l2);
    if (ri->l3 != NULL)
      dsc__rbuf_html_cell(b, "th", 1, 1, ri->l3);
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      html_num(b, r->cells[row][c]);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
}

static void html_appeals(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "<table id=\"section-4\">\n<thead>\n<tr>");
  dsc__rbuf_html_cell(b, "th", 2, DSC_REPORT_APPEAL_COLUMNS,
                      APPEAL_RECONSIDERATION);
  dsc__rbuf_html_cell(b, "th", 1, 2 * DSC_REPORT_APPEAL_COLUMNS,
                      APPEAL_LITIGATION);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  dsc__rbuf_html_cell(b, "th", 1, DSC_REPORT_APPEAL_COLUMNS, APPEAL_DIRECT);
  dsc__rbuf_html_cell(b, "th", 1, DSC_REPORT_APPEAL_COLUMNS, APPEAL_AFTER);
  dsc__rbuf_str(b, "</tr>\n<tr>");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      dsc__rbuf_html_cell(b, "th", 1, 1, dsc__report_appeal_col_label(c));
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
  for (int c = 0; c < DSC__REPORT_CHECK_COLUMNS; c++)
    dsc__rbuf_html_cell(b, "th", 1, 1, dsc__report_check_columns[c]);
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");
  for (size_t i = 0; i < n; i++) {
    dsc__rbuf_str(b, "<tr>");
    dsc__rbuf_html_cell(b, "th", 1, 1, checks[i].name);
    dsc__rbuf_str(b, checks[i].ok ? "<td>" : "<td class=\"fail\">");
    html_text(b, dsc__report_check_result(&checks[i]));
    dsc__rbuf_str(b, "</td>");
    html_num(b, checks[i].left);
    html_num(b, checks[i].right);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
}

void dsc__report_html(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_FEES_MAX];

  dsc__rbuf_html_head(b, dsc__report_title(r, title));
  html_h2(b, dsc__report_section_titles[0]);
  dsc__report_text_lines(r, DSC_REPORT_TEXT_OVERVIEW, b, dsc__rbuf_html_p,
                         dsc__report_placeholder);
  html_h2(b, dsc__report_section_titles[1]);
  html_active(r, b);
  html_h2(b, dsc__report_section_titles[2]);
  html_applications(r, b);
  html_h2(b, dsc__report_section_titles[3]);
  html_appeals(r, b);
  html_h2(b, dsc__report_section_titles[4]);
  dsc__report_text_lines(r, DSC_REPORT_TEXT_PROBLEMS, b, dsc__rbuf_html_p,
                         dsc__report_placeholder);
  html_h2(b, dsc__report_section_titles[5]);
  dsc__rbuf_html_p(b, dsc__report_fees_sentence(r, text));
  dsc__report_text_lines(r, DSC_REPORT_TEXT_OTHER, b, dsc__rbuf_html_p, NULL);
  html_checks(r, b);
  dsc__rbuf_html_tail(b);
}
