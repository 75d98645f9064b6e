/* The differences of two annual reports (dsc_report_render_diff): every
 * figure that changed, in the order of the report, with its section, row
 * and column by key (JSON) or by official label (CSV, Markdown, HTML), and
 * its old and new value. Each human format writes its table with the
 * escaping of its own file (report_csv.c, report_markdown.c,
 * report_html.c), so user text is as safe here as in the report.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "disclose/fee.h"
#include "report_int.h"

/* One value of a changed cell. */
typedef enum { V_NULL, V_COUNT, V_YUAN, V_TEXT } vkind_t;
typedef struct value {
  vkind_t kind;
  int64_t n;                        /* V_COUNT: the count; V_YUAN: fen */
  char text[DSC__REPORT_VALUE_MAX]; /* V_TEXT: cleaned */
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
    *row = dsc__report_appeal_kind_paths[c->row];
    *col = dsc__report_appeal_col_label(c->col);
    return;
  case SEC_FEES:
    *row = c->row < 2 ? "实际收取信息处理费" : "发出收费通知";
    *col = c->row % 2 == 0 ? "件数" : "金额（元）";
    return;
  }
}

static const char *value_text(const value_t *v,
                              char buf[DSC__REPORT_VALUE_MAX]) {
  buf[0] = '\0';
  switch (v->kind) {
  case V_NULL:
    break;
  case V_COUNT:
    snprintf(buf, DSC__REPORT_VALUE_MAX, "%" PRId64, v->n);
    break;
  case V_YUAN:
    dsc_fee_amount_format(v->n, buf);
    break;
  case V_TEXT:
    snprintf(buf, DSC__REPORT_VALUE_MAX, "%s", v->text);
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
                         char old_text[DSC__REPORT_VALUE_MAX],
                         char new_text[DSC__REPORT_VALUE_MAX]) {
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
  char o[DSC__REPORT_VALUE_MAX], w[DSC__REPORT_VALUE_MAX];
  const char *t[5];

  dsc__rbuf_csv_user_field(b, diff_title(z, title));
  dsc__rbuf_csv_eol(b);
  dsc__rbuf_csv_eol(b);
  if (n == 0) {
    dsc__rbuf_csv_line(b, no_differences);
    return;
  }
  for (int c = 0; c < 5; c++) {
    if (c > 0)
      dsc__rbuf_csv_sep(b);
    dsc__rbuf_csv_field(b, diff_columns[c]);
  }
  dsc__rbuf_csv_eol(b);
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    for (int c = 0; c < 5; c++) {
      if (c > 0)
        dsc__rbuf_csv_sep(b);
      dsc__rbuf_csv_field(b, t[c]);
    }
    dsc__rbuf_csv_eol(b);
  }
}

static void diff_md(const dsc_report_t *z, const change_t *ch, size_t n,
                    dsc__rbuf_t *b) {
  char title[DIFF_TITLE_MAX], path[DSC__REPORT_PATH_MAX];
  char o[DSC__REPORT_VALUE_MAX], w[DSC__REPORT_VALUE_MAX];
  const char *t[5];

  dsc__rbuf_str(b, "# ");
  dsc__rbuf_md_text(b, diff_title(z, title), true);
  dsc__rbuf_str(b, "\n\n");
  if (n == 0) {
    dsc__rbuf_md_para(b, no_differences);
    return;
  }
  dsc__rbuf_str(b, "|");
  for (int c = 0; c < 5; c++)
    dsc__rbuf_md_cell(b, diff_columns[c]);
  dsc__rbuf_str(b, "\n| --- | --- | --- | ---: | ---: |\n");
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    dsc__rbuf_str(b, "|");
    for (int c = 0; c < 5; c++)
      dsc__rbuf_md_cell(b, t[c]);
    dsc__rbuf_str(b, "\n");
  }
}

static void diff_html(const dsc_report_t *z, const change_t *ch, size_t n,
                      dsc__rbuf_t *b) {
  char title[DIFF_TITLE_MAX], path[DSC__REPORT_PATH_MAX];
  char o[DSC__REPORT_VALUE_MAX], w[DSC__REPORT_VALUE_MAX];
  const char *t[5];

  dsc__rbuf_html_head(b, diff_title(z, title));
  if (n == 0) {
    dsc__rbuf_html_p(b, no_differences);
    dsc__rbuf_html_tail(b);
    return;
  }
  dsc__rbuf_str(b, "<table id=\"changes\">\n<thead>\n<tr>");
  for (int c = 0; c < 5; c++)
    dsc__rbuf_html_cell(b, "th", 1, 1, diff_columns[c]);
  dsc__rbuf_str(b, "</tr>\n</thead>\n<tbody>\n");
  for (size_t i = 0; i < n; i++) {
    change_texts(&ch[i], t, path, o, w);
    dsc__rbuf_str(b, "<tr>");
    for (int c = 0; c < 3; c++)
      dsc__rbuf_html_cell(b, "th", 1, 1, t[c]);
    dsc__rbuf_html_cell(b, "td", 1, 1, t[3]);
    dsc__rbuf_html_cell(b, "td", 1, 1, t[4]);
    dsc__rbuf_str(b, "</tr>\n");
  }
  dsc__rbuf_str(b, "</tbody>\n</table>\n");
  dsc__rbuf_html_tail(b);
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
