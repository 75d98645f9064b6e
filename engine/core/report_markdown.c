/* The annual report as Markdown: "#" title, "##" section titles, pipe
 * tables flattened as in CSV (a section-三 row's label is its full path, a
 * column's header its levels joined by " / "). Like every human format
 * (report_render.c) it carries the official labels of
 * 国办公开办函〔2021〕30号 (domain/statutes.md §3), explicit zeros, and
 * empty cells only for the section-二 figures not given.
 *
 * User text (the agency's name and texts) is cleaned (report_buf.c) and
 * escaped so that it cannot make Markdown of its own; the labels are ours.
 * The text and cell writers are shared with the diff (report_diff.c).
 */
#include <stdio.h>

#include "report_int.h"

/* Text in a Markdown line or table cell. User text has every ASCII
 * punctuation character backslash-escaped (CommonMark allows it for all of
 * them), so it cannot open a link, emphasis or an HTML tag; our labels only
 * need '|' escaped, and hold none. */
void dsc__rbuf_md_text(dsc__rbuf_t *b, const char *s, bool user) {
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
  dsc__rbuf_md_text(b, s, false);
  dsc__rbuf_str(b, "\n\n");
}

void dsc__rbuf_md_para(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_md_text(b, s, false);
  dsc__rbuf_str(b, "\n\n");
}

/* A line of the agency's text: user text, escaped as such. */
static void md_user_para(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_md_text(b, s, true);
  dsc__rbuf_str(b, "\n\n");
}

void dsc__rbuf_md_cell(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_str(b, " ");
  dsc__rbuf_md_text(b, s, false);
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
  for (int c = 0; c < DSC__REPORT_CHECK_COLUMNS; c++)
    dsc__rbuf_md_cell(b, dsc__report_check_columns[c]);
  dsc__rbuf_str(b, "\n| --- | --- | ---: | ---: |\n");
  for (size_t i = 0; i < n; i++) {
    dsc__rbuf_str(b, "|");
    dsc__rbuf_md_cell(b, checks[i].name);
    dsc__rbuf_md_cell(b, dsc__report_check_result(&checks[i]));
    md_num(b, checks[i].left);
    md_num(b, checks[i].right);
    dsc__rbuf_str(b, "\n");
  }
}

void dsc__report_markdown(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_PATH_MAX];
  char value[DSC__REPORT_VALUE_MAX], head[DSC__REPORT_VALUE_MAX * 2];

  dsc__rbuf_str(b, "# ");
  dsc__rbuf_md_text(b, dsc__report_title(r, title), true);
  dsc__rbuf_str(b, "\n\n");

  md_heading(b, dsc__report_section_titles[0]);
  dsc__report_text_lines(r, DSC_REPORT_TEXT_OVERVIEW, b, md_user_para,
                         dsc__report_placeholder);

  md_heading(b, dsc__report_section_titles[1]);
  for (int t = 0; t < DSC__ACTIVE_TABLES; t++) {
    const dsc__active_table_t *at = &dsc__active_tables[t];

    dsc__rbuf_str(b, "**");
    dsc__rbuf_md_text(b, at->heading, false);
    dsc__rbuf_str(b, "**\n\n|");
    dsc__rbuf_md_cell(b, dsc__report_active_content);
    for (int c = 0; c < at->ncols; c++)
      dsc__rbuf_md_cell(b, dsc__active_item(at->first + c)->col_label);
    dsc__rbuf_str(b, "\n");
    md_rule(b, at->ncols);
    for (int j = 0; j < at->nrows; j++) {
      dsc__rbuf_str(b, "|");
      dsc__rbuf_md_cell(b,
                        dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++)
        dsc__rbuf_md_cell(b, dsc__report_active_value(
                                 r, at->first + j * at->ncols + c, value));
      dsc__rbuf_str(b, "\n");
    }
    dsc__rbuf_str(b, "\n");
  }

  md_heading(b, dsc__report_section_titles[2]);
  dsc__rbuf_str(b, "|");
  dsc__rbuf_md_cell(b, dsc__report_note);
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
    dsc__rbuf_md_cell(b, dsc__report_column_path(c, head));
  dsc__rbuf_str(b, "\n");
  md_rule(b, DSC_REPORT_COLUMNS);
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    dsc__rbuf_str(b, "|");
    dsc__rbuf_md_cell(b, dsc__report_row_path(row, text));
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
      snprintf(head, sizeof head, "%s / %s", dsc__report_appeal_kind_paths[k],
               dsc__report_appeal_col_label(c));
      dsc__rbuf_md_cell(b, head);
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
  dsc__report_text_lines(r, DSC_REPORT_TEXT_PROBLEMS, b, md_user_para,
                         dsc__report_placeholder);
  md_heading(b, dsc__report_section_titles[5]);
  dsc__rbuf_md_para(b, dsc__report_fees_sentence(r, text));
  dsc__report_text_lines(r, DSC_REPORT_TEXT_OTHER, b, md_user_para, NULL);

  md_checks(r, b);
}
