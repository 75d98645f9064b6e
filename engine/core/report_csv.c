/* The annual report as CSV: one table after another, separated by an empty
 * line, each opened by its title line; merged cells are flattened (a
 * section-三 row's label is its full path, a column's header its levels
 * joined by " / "), so a spreadsheet needs no merged cells. Like every
 * human format (report_render.c) it carries the official labels of
 * 国办公开办函〔2021〕30号 (domain/statutes.md §3), explicit zeros, and
 * empty cells only for the section-二 figures not given.
 *
 * User text (the agency's name and texts) is cleaned (report_buf.c),
 * quoted as RFC 4180 wants and guarded against formula injection; the
 * labels are ours. The field writers are shared with the diff
 * (report_diff.c).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "report_int.h"

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

void dsc__rbuf_csv_field(dsc__rbuf_t *b, const char *s) {
  csv_field_after(b, "", s);
}

/* User text as a field: a leading = + - @ would make a spreadsheet read a
 * formula, so such text is prefixed with an apostrophe (the usual CSV
 * injection guard), inside the quotes when the field is quoted. */
void dsc__rbuf_csv_user_field(dsc__rbuf_t *b, const char *s) {
  csv_field_after(b, s[0] != '\0' && strchr("=+-@", s[0]) != NULL ? "'" : "",
                  s);
}

void dsc__rbuf_csv_sep(dsc__rbuf_t *b) { dsc__rbuf_add(b, ",", 1); }
void dsc__rbuf_csv_eol(dsc__rbuf_t *b) { dsc__rbuf_add(b, "\r\n", 2); }

void dsc__rbuf_csv_line(dsc__rbuf_t *b, const char *s) {
  dsc__rbuf_csv_field(b, s);
  dsc__rbuf_csv_eol(b);
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
    dsc__rbuf_csv_user_field(b, text);
    dsc__rbuf_csv_eol(b);
  } else if (placeholder != NULL) {
    dsc__rbuf_csv_line(b, placeholder);
  }
  dsc__free(text);
}

static void csv_checks(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc_report_check_t checks[DSC__REPORT_CHECKS_MAX];
  size_t n = dsc_report_checks(r, checks, DSC__REPORT_CHECKS_MAX);

  dsc__rbuf_csv_line(b, dsc__report_checks_title);
  for (int c = 0; c < DSC__REPORT_CHECK_COLUMNS; c++) {
    if (c > 0)
      dsc__rbuf_csv_sep(b);
    dsc__rbuf_csv_field(b, dsc__report_check_columns[c]);
  }
  dsc__rbuf_csv_eol(b);
  for (size_t i = 0; i < n; i++) {
    dsc__rbuf_csv_field(b, checks[i].name);
    dsc__rbuf_csv_sep(b);
    dsc__rbuf_csv_field(b, dsc__report_check_result(&checks[i]));
    dsc__rbuf_csv_sep(b);
    dsc__rbuf_i64(b, checks[i].left);
    dsc__rbuf_csv_sep(b);
    dsc__rbuf_i64(b, checks[i].right);
    dsc__rbuf_csv_eol(b);
  }
}

void dsc__report_csv(const dsc_report_t *r, dsc__rbuf_t *b) {
  char title[DSC__REPORT_TITLE_MAX], text[DSC__REPORT_PATH_MAX];
  char value[DSC__REPORT_VALUE_MAX], head[DSC__REPORT_VALUE_MAX * 2];

  dsc__rbuf_csv_user_field(b, dsc__report_title(r, title));
  dsc__rbuf_csv_eol(b);
  dsc__rbuf_csv_eol(b);

  /* 一 */
  dsc__rbuf_csv_line(b, dsc__report_section_titles[0]);
  csv_text(r, DSC_REPORT_TEXT_OVERVIEW, b, dsc__report_placeholder);
  dsc__rbuf_csv_eol(b);

  /* 二: its four small tables. */
  for (int t = 0; t < DSC__ACTIVE_TABLES; t++) {
    const dsc__active_table_t *at = &dsc__active_tables[t];

    if (t == 0)
      dsc__rbuf_csv_line(b, dsc__report_section_titles[1]);
    dsc__rbuf_csv_line(b, at->heading);
    dsc__rbuf_csv_field(b, dsc__report_active_content);
    for (int c = 0; c < at->ncols; c++) {
      dsc__rbuf_csv_sep(b);
      dsc__rbuf_csv_field(b, dsc__active_item(at->first + c)->col_label);
    }
    dsc__rbuf_csv_eol(b);
    for (int j = 0; j < at->nrows; j++) {
      dsc__rbuf_csv_field(
          b, dsc__active_item(at->first + j * at->ncols)->row_label);
      for (int c = 0; c < at->ncols; c++) {
        dsc__rbuf_csv_sep(b);
        dsc__rbuf_csv_field(b, dsc__report_active_value(
                                   r, at->first + j * at->ncols + c, value));
      }
      dsc__rbuf_csv_eol(b);
    }
    dsc__rbuf_csv_eol(b);
  }

  /* 三 */
  dsc__rbuf_csv_line(b, dsc__report_section_titles[2]);
  dsc__rbuf_csv_field(b, dsc__report_note);
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
    dsc__rbuf_csv_sep(b);
    dsc__rbuf_csv_field(b, dsc__report_column_path(c, head));
  }
  dsc__rbuf_csv_eol(b);
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    dsc__rbuf_csv_field(b, dsc__report_row_path(row, text));
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
      dsc__rbuf_csv_sep(b);
      dsc__rbuf_i64(b, r->cells[row][c]);
    }
    dsc__rbuf_csv_eol(b);
  }
  dsc__rbuf_csv_eol(b);

  /* 四: fifteen columns, one row. */
  dsc__rbuf_csv_line(b, dsc__report_section_titles[3]);
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      if (k + c > 0)
        dsc__rbuf_csv_sep(b);
      snprintf(head, sizeof head, "%s / %s", dsc__report_appeal_kind_paths[k],
               dsc__report_appeal_col_label(c));
      dsc__rbuf_csv_field(b, head);
    }
  dsc__rbuf_csv_eol(b);
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      if (k + c > 0)
        dsc__rbuf_csv_sep(b);
      dsc__rbuf_i64(b, r->appeals[k][c]);
    }
  dsc__rbuf_csv_eol(b);
  dsc__rbuf_csv_eol(b);

  /* 五, 六 */
  dsc__rbuf_csv_line(b, dsc__report_section_titles[4]);
  csv_text(r, DSC_REPORT_TEXT_PROBLEMS, b, dsc__report_placeholder);
  dsc__rbuf_csv_eol(b);
  dsc__rbuf_csv_line(b, dsc__report_section_titles[5]);
  dsc__rbuf_csv_line(b, dsc__report_fees_sentence(r, text));
  csv_text(r, DSC_REPORT_TEXT_OTHER, b, NULL);
  dsc__rbuf_csv_eol(b);

  csv_checks(r, b);
}
