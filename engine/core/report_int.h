/* The annual report's internals, shared by engine/report*.c only (STYLE
 * practice 1: the interface other modules may use is
 * include/disclose/report.h).
 *
 * report.c          the format's tables (rows, columns, labels), init,
 *                   checks;
 * report_buf.c      the text cleaning every rendering goes through (the
 *                   bounded output buffer is rbuf.c's);
 * report_shared.c   what the human renderings share: the tables' layout,
 *                   a figure's text, a text's lines;
 * report_json.c     the JSON rendering and the two JSON parsers;
 * report_csv.c, report_markdown.c, report_html.c  one rendering each;
 * report_render.c   the dispatcher (dsc_report_render);
 * report_diff.c     the diff of two reports, in every format.
 * Calls go one way, dispatcher → formats → shared pieces (report_shared.c,
 * report_buf.c, report.c); the diff uses the formats' escaping.
 */
#ifndef DSC_ENGINE_REPORT_INT_H
#define DSC_ENGINE_REPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclose/report.h"
#include "rbuf.h"

/* ---- the format's tables (report.c) ------------------------------------ */

/* A section-三 row's label in up to three levels, as the official table
 * nests them: l1 "三、本年度办理结果", l2 "（三）不予公开", l3
 * "1.属于国家秘密". A row without a deeper level has NULL there. */
typedef struct dsc__report_row_info {
  const char *l1;
  const char *l2;
  const char *l3;
} dsc__report_row_info_t;

/* The levels of row (0 … DSC_REPORT_ROWS-1); NULL outside. */
const dsc__report_row_info_t *dsc__report_row_info(int row);

/* The full path of a row, levels joined as in the CSV ("三、本年度办理结果
 * （三）不予公开 1.属于国家秘密": l1 and l2 abut, l3 follows a space) into
 * buf (DSC__REPORT_PATH_MAX bytes). Returns buf. */
#define DSC__REPORT_PATH_MAX 256
const char *dsc__report_row_path(int row, char buf[DSC__REPORT_PATH_MAX]);

/* Section 三's columns (0 … DSC_REPORT_COLUMNS-1): the JSON key
 * ("natural_person" … "total") and the official label ("自然人" … "总计"). */
const char *dsc__report_column_key(int col);
const char *dsc__report_column_label(int col);
/* True for the five columns under 法人或其他组织. */
bool dsc__report_column_is_org(int col);

/* Section 四: kind keys ("reconsideration", "litigation_direct",
 * "litigation_after_reconsideration"), column keys ("upheld" … "total")
 * and column labels ("结果维持" … "总计"). */
const char *dsc__report_appeal_kind_key(int kind);
const char *dsc__report_appeal_col_key(int col);
const char *dsc__report_appeal_col_label(int col);

/* Section 二's items, in the order of the JSON object and of the tables. */
enum {
  DSC__ACTIVE_RULES_MADE,
  DSC__ACTIVE_RULES_REPEALED,
  DSC__ACTIVE_RULES_IN_FORCE,
  DSC__ACTIVE_NORMS_MADE,
  DSC__ACTIVE_NORMS_REPEALED,
  DSC__ACTIVE_NORMS_IN_FORCE,
  DSC__ACTIVE_LICENSING,
  DSC__ACTIVE_PUNISHMENT,
  DSC__ACTIVE_ENFORCEMENT,
  DSC__ACTIVE_FEES,
  DSC__ACTIVE_ITEMS
};
typedef struct dsc__active_item {
  const char *group;     /* JSON object ("rules"), or NULL at the top */
  const char *key;       /* JSON key ("made", "licensing") */
  const char *row_label; /* 规章, 行政许可, 行政事业性收费… */
  const char *col_label; /* 本年制发件数, 本年处理决定数量… */
} dsc__active_item_t;
const dsc__active_item_t *dsc__active_item(int item);
/* The count of a counted item (< 0: not given); -1 for DSC__ACTIVE_FEES. */
int64_t dsc__active_count(const dsc_report_active_t *a, int item);

/* Every figure of *a not given (-1, ""). */
void dsc__report_active_clear(dsc_report_active_t *a);
/* The figures `over` gives replace those of *into; the others stay. */
void dsc__report_active_merge(dsc_report_active_t *into,
                              const dsc_report_active_t *over);

/* The title: "<agency name><year>年政府信息公开工作年度报告", the agency
 * code standing in for an empty name, cleaned (dsc__report_clean). */
#define DSC__REPORT_TITLE_MAX 768
const char *dsc__report_title(const dsc_report_t *r,
                              char buf[DSC__REPORT_TITLE_MAX]);

/* The sentence of section 六 (wording ours, statutes.md §3). */
#define DSC__REPORT_FEES_MAX 256
const char *dsc__report_fees_sentence(const dsc_report_t *r,
                                      char buf[DSC__REPORT_FEES_MAX]);

/* Every check (dsc_report_checks) fits this. */
#define DSC__REPORT_CHECKS_MAX                                                 \
  (3 * DSC_REPORT_COLUMNS + DSC_REPORT_ROWS + DSC_REPORT_APPEAL_KINDS)

/* a + b, saturating at the int64_t range instead of overflowing. */
int64_t dsc__report_add(int64_t a, int64_t b);

/* The official texts shared by the renderers. */
extern const char *const dsc__report_section_titles[6];
extern const char dsc__report_note[];        /* 勾稽关系 header note */
extern const char dsc__report_applicants[];  /* 申请人情况 */
extern const char dsc__report_org[];         /* 法人或其他组织 */
extern const char dsc__report_placeholder[]; /* （由本机关填写） */
extern const char dsc__report_checks_title[];

/* ---- text (report_buf.c) ----------------------------------------------- */

/* The output buffer, dsc__rbuf_t, is rbuf.h's. */

/* Copies the user text field[0..cap) (which need not be NUL-terminated)
 * into dst, replacing each byte that is not part of well-formed UTF-8 by
 * U+FFFD and each control character (C0, DEL) by a space, so that no
 * rendering can be broken by it. dst holds DSC__REPORT_CLEAN_MAX(cap). */
#define DSC__REPORT_CLEAN_MAX(cap) (3 * (cap) + 1)
const char *dsc__report_clean(const char *field, size_t cap, char *dst);

/* Text r->texts[which] cleaned as dsc__report_clean does but keeping its
 * line feeds and tabs, in a new allocation (dsc__free); NULL when out of
 * memory. */
char *dsc__report_text(const dsc_report_t *r, int which);

/* The JSON key of a text ("overview", "problems", "other"), and the
 * section title index (dsc__report_section_titles) it belongs to. */
const char *dsc__report_text_key(int which);
int dsc__report_text_section(int which);

/* 0 when s is a 万元 amount as section 二 takes it (ASCII digits,
 * optionally '.' and one to four digits), 1 when it is not a number, 2
 * when it has more than four decimals. */
int dsc__report_wan_yuan_check(const char *s);

/* A JSON string literal of s (already clean: '"' and '\\' escaped, and the
 * line feeds and tabs a text keeps written as \n and \t). */
void dsc__rbuf_json_str(dsc__rbuf_t *b, const char *s);
/* Yuan as a JSON number from fen: "380", "12.5", "0.05", "-1.5". */
void dsc__rbuf_json_yuan(dsc__rbuf_t *b, int64_t fen);

/* ---- what the human renderings share (report_shared.c) ----------------- */

/* Room for any figure's text, a cleaned fees_wan_yuan included. */
#define DSC__REPORT_VALUE_MAX 128

/* Section 二's four small tables: heading, columns, first item, rows; the
 * item of row j, column c is first + j * ncols + c. */
#define DSC__ACTIVE_TABLES 4
typedef struct dsc__active_table {
  const char *heading; /* 第二十条第（一）项 … */
  int ncols;
  int first; /* DSC__ACTIVE_… */
  int nrows;
} dsc__active_table_t;
extern const dsc__active_table_t dsc__active_tables[DSC__ACTIVE_TABLES];
/* Their first column's header (信息内容). */
extern const char dsc__report_active_content[];

/* Section 四's kinds, flattened: "行政复议", "行政诉讼 / 未经复议直接起诉",
 * "行政诉讼 / 复议后起诉". */
extern const char *const dsc__report_appeal_kind_paths[DSC_REPORT_APPEAL_KINDS];

/* The checks' table: its column headers and a check's result (通过, 不符). */
#define DSC__REPORT_CHECK_COLUMNS 4
extern const char *const dsc__report_check_columns[DSC__REPORT_CHECK_COLUMNS];
const char *dsc__report_check_result(const dsc_report_check_t *c);

/* The text of a section-二 figure into buf: "" when not given. Returns
 * buf. */
const char *dsc__report_active_value(const dsc_report_t *r, int item,
                                     char buf[DSC__REPORT_VALUE_MAX]);

/* A section-三 column's flat header into buf: "申请人情况 / 法人或其他组织 /
 * 商业企业". Returns buf. */
const char *dsc__report_column_path(int col,
                                    char buf[DSC__REPORT_VALUE_MAX * 2]);

/* The agency's text `which` line by line: put(b, line) for each non-empty
 * line, or put(b, placeholder) when there is none and placeholder is not
 * NULL. Out of memory fails the buffer. */
void dsc__report_text_lines(const dsc_report_t *r, int which, dsc__rbuf_t *b,
                            void (*put)(dsc__rbuf_t *, const char *),
                            const char *placeholder);

/* ---- the renderings (report_json.c, report_csv.c, report_markdown.c,
 * report_html.c), each appending the whole document of r to b ------------ */

/* The CONTRACT §9 object of r, ending in a newline. */
void dsc__report_json(const dsc_report_t *r, dsc__rbuf_t *b);
void dsc__report_csv(const dsc_report_t *r, dsc__rbuf_t *b);
void dsc__report_markdown(const dsc_report_t *r, dsc__rbuf_t *b);
void dsc__report_html(const dsc_report_t *r, dsc__rbuf_t *b);

/* ---- each format's escaping, which the diff (report_diff.c) shares ------ */

/* CSV (report_csv.c, RFC 4180 with CRLF line ends): a field, quoted when
 * it must be; user text as a field, guarded against formula injection; the
 * separator; the line end; a line of one field. */
void dsc__rbuf_csv_field(dsc__rbuf_t *b, const char *s);
void dsc__rbuf_csv_user_field(dsc__rbuf_t *b, const char *s);
void dsc__rbuf_csv_sep(dsc__rbuf_t *b);
void dsc__rbuf_csv_eol(dsc__rbuf_t *b);
void dsc__rbuf_csv_line(dsc__rbuf_t *b, const char *s);

/* Markdown (report_markdown.c): text in a line or table cell (user: every
 * ASCII punctuation character escaped, else only '|'); a paragraph of our
 * text; a table cell " s |" of our text. */
void dsc__rbuf_md_text(dsc__rbuf_t *b, const char *s, bool user);
void dsc__rbuf_md_para(dsc__rbuf_t *b, const char *s);
void dsc__rbuf_md_cell(dsc__rbuf_t *b, const char *s);

/* HTML (report_html.c): a standalone page's head (title, style, <h1>) and
 * tail; a paragraph; a cell <tag rowspan colspan>text</tag> (spans of 1
 * left out). Text is escaped. */
void dsc__rbuf_html_head(dsc__rbuf_t *b, const char *title);
void dsc__rbuf_html_tail(dsc__rbuf_t *b);
void dsc__rbuf_html_p(dsc__rbuf_t *b, const char *s);
void dsc__rbuf_html_cell(dsc__rbuf_t *b, const char *tag, int rowspan,
                         int colspan, const char *text);

#endif
