/* disclose — the annual report (政府信息公开工作年度报告) in the 2021 format
 * of 国办公开办函〔2021〕30号 (domain/statutes.md §3, CONTRACT §9).
 *
 * One in-memory structure, dsc_report_t, holds every figure of one agency's
 * year; the JSON, CSV, Markdown and HTML renderings are pure functions of
 * it, so the four formats cannot disagree. The compiler (engine, from the
 * database) fills every cell, totals included, from its own counts; the
 * checks then test the format's invariants against those counts rather
 * than assuming them:
 *   balance.<col>        一 + 二 = （七）总计 + 四 (the header note of 三);
 *   results_total.<col>  （七） = the sum of the 21 outcome rows;
 *   row_total.<row>      总计 = the sum of the six applicant columns;
 *   appeals_total.<kind> 总计 = 维持 + 纠正 + 其他 + 尚未审结 (section 四);
 *   carry_over.<col>     二 = last year's 四, when last year's stored report
 *                        is known.
 * Pure: no I/O, no global state; renderings are allocated with the
 * library's allocator (alloc.h) and released with dsc_report_free_text.
 */
#ifndef DISCLOSE_REPORT_H
#define DISCLOSE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "export.h"
#include "intake.h"
#include "machine.h"

/* Section 三's columns: the six applicant types (intake.h order), then 总计. */
#define DSC_REPORT_COLUMNS (DSC_APPLICANT_TYPE_COUNT + 1)
#define DSC_REPORT_TOTAL_COLUMN DSC_APPLICANT_TYPE_COUNT

/* Section 三's 25 rows: 一 new, 二 carried in, the 21 outcome rows in
 * DSC_OUTCOME_MAP order (（一）…（六）3), （七） handled total, 四 carried out.
 * The row of outcome o (1…21) is DSC_REPORT_ROW_OUTCOME(o). */
typedef enum dsc_report_row {
  DSC_REPORT_ROW_NEW = 0,
  DSC_REPORT_ROW_CARRIED_IN = 1,
  DSC_REPORT_ROW_HANDLED_TOTAL = 2 + DSC_OUTCOME__COUNT - 1,
  DSC_REPORT_ROW_CARRIED_OUT,
  DSC_REPORT_ROWS
} dsc_report_row_t;
#define DSC_REPORT_ROW_OUTCOME(o) ((dsc_report_row_t)(1 + (int)(o)))

/* Section 四: three kinds (CONTRACT §5 appeal kinds) × five columns. */
typedef enum dsc_report_appeal_kind {
  DSC_REPORT_RECONSIDERATION = 0, /* 行政复议 */
  DSC_REPORT_LITIGATION_DIRECT,   /* 行政诉讼 未经复议直接起诉 */
  DSC_REPORT_LITIGATION_AFTER,    /* 行政诉讼 复议后起诉 */
  DSC_REPORT_APPEAL_KINDS
} dsc_report_appeal_kind_t;
typedef enum dsc_report_appeal_col {
  DSC_REPORT_UPHELD = 0,   /* 结果维持 */
  DSC_REPORT_CORRECTED,    /* 结果纠正 */
  DSC_REPORT_OTHER,        /* 其他结果 */
  DSC_REPORT_PENDING,      /* 尚未审结 */
  DSC_REPORT_APPEAL_TOTAL, /* 总计 */
  DSC_REPORT_APPEAL_COLUMNS
} dsc_report_appeal_col_t;

/* Section 二 (主动公开), entered per year (`disclose-stats active`, stored
 * in the database) or from the `--active FILE` JSON; -1 (any negative
 * count) = not given, rendered as an empty cell (JSON null). The JSON is
 *   {"rules": {"made": N, "repealed": N, "in_force": N},
 *    "normative_documents": {"made": N, "repealed": N, "in_force": N},
 *    "licensing": N, "punishment": N, "enforcement": N,
 *    "fees_wan_yuan": "12.34"}
 * every key optional (null also means not given), no other key allowed. */
typedef struct dsc_report_active {
  int64_t rules[3]; /* 规章: 本年制发, 本年废止, 现行有效 */
  int64_t normative_documents[3]; /* 行政规范性文件: the same */
  int64_t licensing;              /* 行政许可 本年处理决定数量 */
  int64_t punishment;             /* 行政处罚 */
  int64_t enforcement;            /* 行政强制 */
  char fees_wan_yuan[32]; /* 行政事业性收费 (万元), "" = not given */
} dsc_report_active_t;

/* Sets the section-二 figure named key — its JSON path: "rules.made",
 * "rules.repealed", "rules.in_force", "normative_documents.made" (…
 * ".repealed", ".in_force"), "licensing", "punishment", "enforcement",
 * "fees_wan_yuan" — from value: a non-negative integer below 10^12 in
 * ASCII digits (no sign, no space), for fees_wan_yuan digits with
 * optionally '.' and 1 to 4 digits; NULL or "" takes the figure back (not
 * given). DSC_INVALID naming the key ("key" when the key is not one of
 * these) and *a unchanged otherwise; DSC_MISUSE for a NULL a or key. */
DSC_EXTERN dsc_err_t dsc_report_active_set_value(
    dsc_report_active_t *a, const char *key, const char *value,
    dsc_detail_t *detail) DSC_MUST_CHECK;

/* The agency's own texts: sections 一 总体情况, 五 存在的主要问题及改进情况
 * and 六 其他需要报告的事项 (the last after the fees sentence). */
typedef enum dsc_report_text {
  DSC_REPORT_TEXT_OVERVIEW = 0, /* 一; JSON "overview" */
  DSC_REPORT_TEXT_PROBLEMS,     /* 五; JSON "problems" */
  DSC_REPORT_TEXT_OTHER,        /* 六; JSON "other" */
  DSC_REPORT_TEXTS
} dsc_report_text_t;
/* A text's size limit in bytes, its NUL included. */
#define DSC_REPORT_TEXT_MAX 32768

/* The text of section 1, 5 or 6 (the format's numbering) <-> its index;
 * -1 for any other section. */
DSC_EXTERN int dsc_report_text_of_section(int section);

/* Checks text[0..len) as an agency's text: valid UTF-8, shorter than
 * DSC_REPORT_TEXT_MAX, no control character but line feed and tab.
 * DSC_INVALID naming field otherwise (the message says what is wrong and
 * where); DSC_MISUSE for a NULL text. */
DSC_EXTERN dsc_err_t dsc_report_text_check(const char *text, size_t len,
                                           const char *field,
                                           dsc_detail_t *detail) DSC_MUST_CHECK;

/* The largest count (and the largest fee amount, in fen) that
 * dsc_report_parse_json accepts: every such number is exact in a JSON
 * number read as a double. */
#define DSC_REPORT_COUNT_MAX INT64_C(1000000000000000)

typedef struct dsc_report {
  int year;
  char agency[65];       /* code */
  char agency_name[201]; /* the title's name (UTF-8) */
  int64_t cells[DSC_REPORT_ROWS][DSC_REPORT_COLUMNS];
  int64_t appeals[DSC_REPORT_APPEAL_KINDS][DSC_REPORT_APPEAL_COLUMNS];
  int64_t fee_count;             /* fees paid in the year (section 六) */
  int64_t fee_amount_fen;        /* their sum, in fen */
  int64_t fee_notice_count;      /* fee notices issued in the year */
  int64_t fee_notice_amount_fen; /* their amounts' sum, in fen */
  /* The agency's texts (dsc_report_text_t), UTF-8; "" = not given. */
  char texts[DSC_REPORT_TEXTS][DSC_REPORT_TEXT_MAX];
  bool has_active;
  dsc_report_active_t active;
  bool has_previous; /* last year's stored 四 is known */
  int64_t previous_carried_out[DSC_REPORT_COLUMNS];
} dsc_report_t;

typedef enum dsc_report_format {
  DSC_REPORT_JSON = 0,
  DSC_REPORT_CSV,
  DSC_REPORT_MD,
  DSC_REPORT_HTML
} dsc_report_format_t;

/* "json" | "csv" | "md" | "html" <-> format; name: NULL outside the enum.
 * parse: DSC_INVALID field "format" for anything else (NULL included),
 * DSC_MISUSE when out is NULL. */
DSC_EXTERN const char *dsc_report_format_name(dsc_report_format_t f);
DSC_EXTERN dsc_err_t
dsc_report_format_parse(const char *name, dsc_report_format_t *out,
                        dsc_detail_t *detail) DSC_MUST_CHECK;

/* The JSON key of a section-三 row ("new", "carried_in", an outcome code,
 * "handled_total", "carried_out") and its official label
 * ("一、本年新收政府信息公开申请数量", "（三）不予公开 1.属于国家秘密"…);
 * NULL outside the table. Static storage. */
DSC_EXTERN const char *dsc_report_row_key(dsc_report_row_t row);
DSC_EXTERN const char *dsc_report_row_label(dsc_report_row_t row);

/* Zeroes *r and sets year, agency code and name (copied, truncated to the
 * field sizes at a UTF-8 boundary), active fields to -1/"". */
DSC_EXTERN void dsc_report_init(dsc_report_t *r, int year, const char *agency,
                                const char *agency_name);

/* One invariant and whether it holds. */
typedef struct dsc_report_check {
  char name[48]; /* "balance.natural_person", "row_total.disclosed" */
  bool ok;
  int64_t left, right; /* the two sides compared */
} dsc_report_check_t;

/* Writes the checks (in the order of the header comment: every balance,
 * every results_total, every row_total, every appeals_total, then every
 * carry_over when has_previous) into out[0..max) and returns how many there
 * are in all (which may exceed max). */
DSC_EXTERN size_t dsc_report_checks(const dsc_report_t *r,
                                    dsc_report_check_t *out, size_t max);

/* Renders r. JSON: the CONTRACT §9 object — year, agency, agency_name,
 * applications {columns, rows{key: [7 numbers]}}, appeals {kind: {upheld,
 * corrected, other, pending, total}}, fees {count, amount_yuan (number,
 * at most two decimals): the fees paid}, fee_notices {count, amount_yuan}
 * (the fee notices issued), active (the section-二 object with every key,
 * null for a figure not given; or null), texts {overview, problems, other}
 * (each a string, or null when not given), previous_carried_out (last year's
 * 四, 7 numbers, or null: it makes the carry_over checks survive a round
 * trip), checks [{name, ok, left, right}] — printed with 2-space
 * indentation, keys in a fixed order and scalar-only arrays and objects on
 * one line, so equal reports render byte-identical. CSV (RFC 4180, UTF-8
 * without BOM — `disclose-stats` adds it — CRLF; a text is one quoted
 * field, its lines kept): one table after another, separated by an empty line,
 * each opened by its title line; merged cells flattened (a section-三 row's
 * label is its full path "三、本年度办理结果（三）不予公开 1.属于国家秘密", a
 * column header its levels joined by " / "); explicit zeros. MD: "#"
 * title, "##" section titles, pipe tables flattened as in CSV. HTML: a
 * standalone printable page (UTF-8, inline CSS), a title
 * "<agency name><year>年政府信息公开工作年度报告" (the agency code when the
 * name is empty), the six section titles, one <table> per section with
 * merged header cells (rowspan/colspan) as in the official format, labels
 * in <th> and figures in <td>, explicit zeros, text escaped. Sections 一
 * and 五 hold the agency's text (MD and HTML: a paragraph per line), or
 * the placeholder "（由本机关填写）" when not given. Every format carries
 * the fees sentence of section 六 ("本年度共发出收费通知N件，收费金额X元；
 * 实际收取信息处理费N件，金额X元。", wording ours) followed by the agency's
 * text of 六, and the checks (JSON: "checks"; the others an appendix
 * "附：数据勾稽关系检查"). The agency's code and name are user text: bytes
 * that are not UTF-8 become U+FFFD and control characters spaces in every
 * format, then each format escapes them (a CSV field starting with = + - @
 * gets a leading apostrophe; Markdown backslash-escapes ASCII
 * punctuation).
 *
 * On success *out is a NUL-terminated UTF-8 string owned by the caller
 * (dsc_report_free_text) and *len (when len is not NULL) its length; on
 * failure *out is NULL. DSC_NOMEM; DSC_MISUSE for a NULL r or out or an
 * unknown format. */
DSC_EXTERN dsc_err_t dsc_report_render(const dsc_report_t *r,
                                       dsc_report_format_t format, char **out,
                                       size_t *len) DSC_MUST_CHECK;

/* Side by side: every cell of old and new that differs, in report order
 * (section 二 figures, section 三 row and column, section 四, fees paid,
 * fee notices; the texts are not compared), as a
 * table in the given format. JSON: {"year", "agency" (new_report's),
 * "changes": [{"section", "row", "column", "old", "new"}]} with section
 * "active" | "applications" | "appeals" | "fees" | "fee_notices", row and
 * column the JSON
 * keys of the rendering (column null for a single figure: "licensing",
 * fees "count" / "amount_yuan"), old/new numbers (null: a section-二
 * figure not given; fees_wan_yuan a string); "changes": [] when none. The
 * others: a title "<report title>：数据差异" and a table 部分 | 行 | 列 |
 * 原值 | 新值 with the official labels, or the line "无差异" when none.
 * Ownership and errors as dsc_report_render. */
DSC_EXTERN dsc_err_t dsc_report_render_diff(const dsc_report_t *old_report,
                                            const dsc_report_t *new_report,
                                            dsc_report_format_t format,
                                            char **out,
                                            size_t *len) DSC_MUST_CHECK;

/* Parses a JSON rendering back (for stored compilations): *out as it was
 * rendered, so that rendering it again gives the same bytes. Every key is
 * required except checks, which may be absent and is not read, and
 * fee_notices and texts, which compilations stored before migration 0016
 * lack (then zero and not given); texts as dsc_report_text_check; unknown and
 * repeated keys are refused; year 1 … 9999, counts integers 0 …
 * DSC_REPORT_COUNT_MAX, amount_yuan at most two decimals, strings UTF-8
 * without control characters and fitting their fields. DSC_INVALID (field
 * names the key: "applications.rows.new", "fees.amount_yuan") on anything
 * that is not such a rendering, DSC_NOMEM, DSC_MISUSE for NULL json or
 * out; *out is written only on success. */
DSC_EXTERN dsc_err_t dsc_report_parse_json(const char *json, size_t len,
                                           dsc_report_t *out,
                                           dsc_detail_t *detail) DSC_MUST_CHECK;

/* Parses the `--active FILE` JSON (see dsc_report_active_t): counts are
 * non-negative integers below 10^12, fees_wan_yuan a decimal string
 * (ASCII digits, optionally '.' and 1 to 4 digits). DSC_INVALID naming the
 * key ("rules.made", "(document)" for the document) otherwise; unknown and
 * repeated keys are refused. DSC_NOMEM; DSC_MISUSE for NULL json or out;
 * *out is written only on success. */
DSC_EXTERN dsc_err_t
dsc_report_active_parse(const char *json, size_t len, dsc_report_active_t *out,
                        dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees a rendering. Accepts NULL. */
DSC_EXTERN void dsc_report_free_text(char *text);

#endif /* DISCLOSE_REPORT_H */
