/* The annual report module (include/disclose/report.h): the four
 * renderings carry the same figures under the official labels of
 * 国办公开办函〔2021〕30号, the checks compute the format's invariants, the
 * JSON parses back, the diff lists exactly the changed cells, and every
 * allocation failure is DSC_NOMEM with nothing leaked.
 *
 * The labels below are copied by hand from domain/statutes.md §3, not from
 * the implementation's tables; the renderings are read back by small
 * readers written here (CSV, Markdown tables, HTML <td> cells) and by
 * cJSON, not by the module's own parser. */
#include "disclose/report.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose/alloc.h"
#include "dsc_test.h"

/* ---- the official labels, by hand from statutes.md §3 -------------------- */

/* Section 三's 25 rows as statutes.md lists them: the level-1 text, the
 * group (（三）…) and the numbered sub-row, NULL where a row has none. */
static const struct official_row {
  const char *l1, *l2, *l3;
} official[25] = {
    {"一、本年新收政府信息公开申请数量", NULL, NULL},
    {"二、上年结转政府信息公开申请数量", NULL, NULL},
    {"三、本年度办理结果", "（一）予以公开", NULL},
    {"三、本年度办理结果",
     "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", NULL},
    {"三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"},
    {"三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"},
    {"三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"},
    {"三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"},
    {"三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"},
    {"三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"},
    {"三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"},
    {"三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"},
    {"三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"},
    {"三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"},
    {"三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"},
    {"三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"},
    {"三、本年度办理结果", "（五）不予处理", "2.重复申请"},
    {"三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"},
    {"三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"},
    {"三、本年度办理结果", "（五）不予处理",
     "5.要求行政机关确认或重新出具已获取信息"},
    {"三、本年度办理结果", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
    {"三、本年度办理结果", "（六）其他处理",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申"
     "请"},
    {"三、本年度办理结果", "（六）其他处理", "3.其他"},
    {"三、本年度办理结果", "（七）总计", NULL},
    {"四、结转下年度继续办理", NULL, NULL},
};

static const char *const official_titles[6] = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
};

static const char official_note[] =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

static const char *const official_columns[7] = {
    "自然人",       "商业企业", "科研机构", "社会公益组织",
    "法律服务机构", "其他",     "总计"};

static const char *const official_appeal_cols[5] = {
    "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};

static const char *const column_keys[7] = {
    "natural_person", "commercial", "research", "public_interest",
    "legal_services", "other_org",  "total"};

static const char *const appeal_kinds[3] = {
    "reconsideration", "litigation_direct", "litigation_after_reconsideration"};
static const char *const appeal_cols[5] = {"upheld", "corrected", "other",
                                           "pending", "total"};

/* The CSV / Markdown label of a row: its levels as one path, the group
 * and its sub-row separated by a space ("三、本年度办理结果（三）不予公开
 * 1.属于国家秘密"). */
static const char *row_path(int row) {
  static char buf[512];
  const struct official_row *o = &official[row];

  snprintf(buf, sizeof buf, "%s%s%s%s", o->l1, o->l2 ? o->l2 : "",
           o->l3 ? " " : "", o->l3 ? o->l3 : "");
  return buf;
}

/* ---- reports ----------------------------------------------------------------
 */

static uint64_t rnd(uint64_t *st, uint64_t n) { return dsc_test_rand(st) % n; }

/* A count: mostly small, sometimes zero, now and then large. */
static int64_t rnd_count(uint64_t *st) {
  switch (rnd(st, 8)) {
  case 0:
    return 0;
  case 1:
    return (int64_t)rnd(st, 1000000000000ull);
  default:
    return (int64_t)rnd(st, 2000);
  }
}

static const char *const names[] = {
    "某某区人民政府办公室", "A \"quoted\", agency | x\\y", "<b>&amp;</b> 局",
    "=cmd|' /C calc'!A0", ""};

/* Any report: the cells need not add up. */
static void random_report(uint64_t *st, dsc_report_t *r) {
  dsc_report_init(r, 2000 + (int)rnd(st, 100), rnd(st, 2) ? "default" : "a-1",
                  names[rnd(st, sizeof names / sizeof names[0])]);
  for (int row = 0; row < DSC_REPORT_ROWS; row++)
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      r->cells[row][c] = rnd_count(st);
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      r->appeals[k][c] = rnd_count(st);
  r->fee_count = (int64_t)rnd(st, 100);
  r->fee_amount_fen = rnd(st, 4) == 0 ? 0 : (int64_t)rnd(st, 100000000000ull);
  r->has_active = rnd(st, 3) != 0;
  if (r->has_active) {
    int64_t *counts[] = {&r->active.rules[0],
                         &r->active.rules[1],
                         &r->active.rules[2],
                         &r->active.normative_documents[0],
                         &r->active.normative_documents[1],
                         &r->active.normative_documents[2],
                         &r->active.licensing,
                         &r->active.punishment,
                         &r->active.enforcement};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
      *counts[i] = rnd(st, 4) == 0 ? -1 : (int64_t)rnd(st, 100000);
    if (rnd(st, 4) != 0) {
      int decimals = (int)rnd(st, 5);
      snprintf(r->active.fees_wan_yuan, sizeof r->active.fees_wan_yuan,
               "%d%s%.*s", (int)rnd(st, 100000), decimals ? "." : "", decimals,
               "7053");
    }
  }
  r->has_previous = rnd(st, 2) != 0;
  for (int c = 0; r->has_previous && c < DSC_REPORT_COLUMNS; c++)
    r->previous_carried_out[c] = rnd_count(st);
  r->fee_notice_count = (int64_t)rnd(st, 100);
  r->fee_notice_amount_fen = (int64_t)rnd(st, 100000000ull);
  for (int t = 0; t < DSC_REPORT_TEXTS; t++)
    if (rnd(st, 2))
      snprintf(r->texts[t], sizeof r->texts[t], "%s\n\t%s",
               names[rnd(st, sizeof names / sizeof names[0])],
               names[rnd(st, sizeof names / sizeof names[0])]);
}

/* A report whose figures add up the way a compiler's do. */
static void consistent_report(uint64_t *st, dsc_report_t *r) {
  dsc_report_init(r, 2023, "default", "某某区人民政府办公室");
  for (int c = 0; c < DSC_APPLICANT_TYPE_COUNT; c++) {
    int64_t handled = 0;
    for (int o = 1; o < DSC_OUTCOME__COUNT; o++) {
      r->cells[DSC_REPORT_ROW_OUTCOME(o)][c] = (int64_t)rnd(st, 20);
      handled += r->cells[DSC_REPORT_ROW_OUTCOME(o)][c];
    }
    r->cells[DSC_REPORT_ROW_HANDLED_TOTAL][c] = handled;
    r->cells[DSC_REPORT_ROW_CARRIED_IN][c] = (int64_t)rnd(st, 30);
    r->cells[DSC_REPORT_ROW_CARRIED_OUT][c] = (int64_t)rnd(st, 30);
    r->cells[DSC_REPORT_ROW_NEW][c] = handled +
                                      r->cells[DSC_REPORT_ROW_CARRIED_OUT][c] -
                                      r->cells[DSC_REPORT_ROW_CARRIED_IN][c];
    if (r->cells[DSC_REPORT_ROW_NEW][c] < 0) { /* carry more out instead */
      r->cells[DSC_REPORT_ROW_CARRIED_OUT][c] -=
          r->cells[DSC_REPORT_ROW_NEW][c];
      r->cells[DSC_REPORT_ROW_NEW][c] = 0;
    }
  }
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    int64_t sum = 0;
    for (int c = 0; c < DSC_APPLICANT_TYPE_COUNT; c++)
      sum += r->cells[row][c];
    r->cells[row][DSC_REPORT_TOTAL_COLUMN] = sum;
  }
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++) {
    int64_t sum = 0;
    for (int c = 0; c < DSC_REPORT_APPEAL_TOTAL; c++)
      sum += r->appeals[k][c] = (int64_t)rnd(st, 5);
    r->appeals[k][DSC_REPORT_APPEAL_TOTAL] = sum;
  }
  r->fee_count = 2;
  r->fee_amount_fen = 38000;
  r->fee_notice_count = 3;
  r->fee_notice_amount_fen = 50000;
}

static char *render(const dsc_report_t *r, dsc_report_format_t f) {
  char *out = NULL;
  size_t len = 0;
  dsc_err_t err = dsc_report_render(r, f, &out, &len);

  if (err != DSC_OK)
    DSC_FAIL_("render %s: %s", dsc_report_format_name(f), dsc_err_name(err));
  DSC_ASSERT(out != NULL);
  DSC_ASSERT_EQ(len, strlen(out));
  return out;
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool contains(const char *hay, const char *needle) {
  return strstr(hay, needle) != NULL;
}

static int count_of(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
    n++;
  return n;
}

/* A decimal integer that is the whole of s. */
static int64_t number(const char *s) {
  char *end;
  long long v;

  if (s == NULL || *s == '\0')
    DSC_FAIL_("not a number: \"%s\"", s ? s : "(null)");
  v = strtoll(s, &end, 10);
  if (*end != '\0')
    DSC_FAIL_("not a number: \"%s\"", s);
  return (int64_t)v;
}

/* ---- a small CSV reader (RFC 4180, CRLF) --------------------------------- */

#define CSV_RECORDS 256
#define CSV_FIELDS 24
typedef struct csv_doc {
  int n;
  int nf[CSV_RECORDS];
  char *f[CSV_RECORDS][CSV_FIELDS];
} csv_doc_t;

static void csv_read(const char *s, csv_doc_t *d) {
  memset(d, 0, sizeof *d);
  while (*s != '\0') {
    int nf = 0;
    DSC_ASSERT(d->n < CSV_RECORDS);
    for (;;) {
      size_t cap = strlen(s) + 1, len = 0;
      char *field = malloc(cap);
      DSC_ASSERT(field != NULL);
      if (*s == '"') {
        for (s++;; s++) {
          if (*s == '\0')
            DSC_FAIL_("unterminated quoted CSV field");
          if (*s == '"' && s[1] == '"') {
            field[len++] = '"';
            s++;
          } else if (*s == '"') {
            s++;
            break;
          } else {
            field[len++] = *s;
          }
        }
      } else {
        while (*s != ',' && *s != '\r' && *s != '\n' && *s != '\0') {
          if (*s == '"')
            DSC_FAIL_("a quote inside an unquoted CSV field");
          field[len++] = *s++;
        }
      }
      field[len] = '\0';
      DSC_ASSERT(nf < CSV_FIELDS);
      d->f[d->n][nf++] = field;
      if (*s == ',') {
        s++;
        continue;
      }
      if (s[0] == '\r' && s[1] == '\n') {
        s += 2;
        break;
      }
      DSC_FAIL_("CSV record not ended by CRLF (at \"%.20s\")", s);
    }
    d->nf[d->n++] = nf;
  }
}

static void csv_free(csv_doc_t *d) {
  for (int i = 0; i < d->n; i++)
    for (int j = 0; j < d->nf[i]; j++)
      free(d->f[i][j]);
}

/* The only record whose first field is label; fails unless there is
 * exactly one. */
static int csv_find(const csv_doc_t *d, const char *label) {
  int at = -1;
  for (int i = 0; i < d->n; i++)
    if (strcmp(d->f[i][0], label) == 0) {
      if (at >= 0)
        DSC_FAIL_("CSV: \"%s\" twice", label);
      at = i;
    }
  if (at < 0)
    DSC_FAIL_("CSV: no record \"%s\"", label);
  return at;
}

/* ---- Markdown tables --------------------------------------------------------
 */

#define MD_CELLS 24
/* Splits the table row at line (up to its newline) into cells, trimmed of
 * the spaces around them; returns the count, 0 if the line is no row. */
static int md_cells(const char *line, char cells[MD_CELLS][512]) {
  int n = 0;
  const char *p = line, *eol = strchr(line, '\n');

  if (eol == NULL)
    eol = line + strlen(line);
  if (*p != '|')
    return 0;
  p++;
  while (p < eol) {
    const char *q = p;
    size_t len = 0;
    while (q < eol && !(*q == '|' && q[-1] != '\\'))
      q++;
    if (q >= eol)
      break;
    while (p < q && *p == ' ')
      p++;
    len = (size_t)(q - p);
    while (len > 0 && p[len - 1] == ' ')
      len--;
    DSC_ASSERT(n < MD_CELLS && len < 512);
    memcpy(cells[n], p, len);
    cells[n][len] = '\0';
    n++;
    p = q + 1;
  }
  return n;
}

/* The only line of md that is a table row whose first cell is label. */
static const char *md_find_row(const char *md, const char *label) {
  static char cells[MD_CELLS][512];
  const char *found = NULL;

  for (const char *line = md; line != NULL && *line != '\0';) {
    if (md_cells(line, cells) > 0 && strcmp(cells[0], label) == 0) {
      if (found != NULL)
        DSC_FAIL_("MD: \"%s\" twice", label);
      found = line;
    }
    line = strchr(line, '\n');
    if (line != NULL)
      line++;
  }
  if (found == NULL)
    DSC_FAIL_("MD: no row \"%s\"", label);
  return found;
}

static const char *next_line(const char *line) {
  const char *p = strchr(line, '\n');
  DSC_ASSERT(p != NULL);
  return p + 1;
}

/* ---- HTML -------------------------------------------------------------------
 */

/* The <table>…</table> right after the <h2> whose text is title. */
static char *html_table_after(const char *html, const char *title) {
  char h2[256];
  const char *p, *end;
  char *t;

  snprintf(h2, sizeof h2, "<h2>%s</h2>", title);
  p = strstr(html, h2);
  if (p == NULL)
    DSC_FAIL_("HTML: no heading %s", h2);
  p = strstr(p, "<table");
  DSC_ASSERT(p != NULL);
  end = strstr(p, "</table>");
  DSC_ASSERT(end != NULL);
  t = malloc((size_t)(end - p) + 1);
  DSC_ASSERT(t != NULL);
  memcpy(t, p, (size_t)(end - p));
  t[end - p] = '\0';
  return t;
}

/* The contents of the <td> cells of table, in order, as numbers; returns
 * how many. */
static int html_td_numbers(const char *table, int64_t *out, int max) {
  int n = 0;
  for (const char *p = table; (p = strstr(p, "<td")) != NULL;) {
    char text[64];
    const char *gt = strchr(p, '>'), *close = strstr(p, "</td>");
    DSC_ASSERT(gt != NULL && close != NULL && close > gt);
    DSC_ASSERT((size_t)(close - gt - 1) < sizeof text);
    memcpy(text, gt + 1, (size_t)(close - gt - 1));
    text[close - gt - 1] = '\0';
    DSC_ASSERT(n < max);
    out[n++] = number(text);
    p = close;
  }
  return n;
}

/* ---- (1) the four formats carry the same figures ------------------------- */

static void check_json_figures(const dsc_report_t *r, const char *json) {
  static const char *const top[] = {
      "year", "agency", "agency_name",          "applications", "appeals",
      "fees", "active", "previous_carried_out", "checks"};
  cJSON *doc = cJSON_Parse(json), *apps, *rows, *cols, *it;
  int i = 0;

  DSC_ASSERT(doc != NULL);
  for (size_t k = 0; k < sizeof top / sizeof top[0]; k++)
    if (!cJSON_HasObjectItem(doc, top[k]))
      DSC_FAIL_("JSON: no key %s", top[k]);
  DSC_ASSERT_EQ(cJSON_GetObjectItem(doc, "year")->valuedouble, r->year);
  apps = cJSON_GetObjectItem(doc, "applications");
  cols = cJSON_GetObjectItem(apps, "columns");
  DSC_ASSERT_EQ(cJSON_GetArraySize(cols), 7);
  cJSON_ArrayForEach(it, cols)
      DSC_ASSERT_STR_EQ(it->valuestring, column_keys[i++]);
  rows = cJSON_GetObjectItem(apps, "rows");
  DSC_ASSERT_EQ(cJSON_GetArraySize(rows), 25);
  for (int row = 0; row < 25; row++) {
    const char *key = dsc_report_row_key((dsc_report_row_t)row);
    cJSON *a = cJSON_GetObjectItem(rows, key);
    if (a == NULL)
      DSC_FAIL_("JSON: no row %s", key);
    DSC_ASSERT_EQ(cJSON_GetArraySize(a), 7);
    for (int c = 0; c < 7; c++)
      DSC_ASSERT_EQ(cJSON_GetArrayItem(a, c)->valuedouble, r->cells[row][c]);
  }
  for (int k = 0; k < 3; k++) {
    cJSON *kind = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "appeals"),
                                      appeal_kinds[k]);
    DSC_ASSERT(kind != NULL);
    DSC_ASSERT_EQ(cJSON_GetArraySize(kind), 5);
    for (int c = 0; c < 5; c++)
      DSC_ASSERT_EQ(cJSON_GetObjectItem(kind, appeal_cols[c])->valuedouble,
                    r->appeals[k][c]);
  }
  it = cJSON_GetObjectItem(doc, "fees");
  DSC_ASSERT_EQ(cJSON_GetObjectItem(it, "count")->valuedouble, r->fee_count);
  DSC_ASSERT(cJSON_GetObjectItem(it, "amount_yuan")->valuedouble ==
             (double)r->fee_amount_fen / 100.0);
  DSC_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(doc, "active")) ==
             !r->has_active);
  DSC_ASSERT(cJSON_IsNull(cJSON_GetObjectItem(doc, "previous_carried_out")) ==
             !r->has_previous);
  DSC_ASSERT_EQ(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "checks")),
                r->has_previous ? 49 : 42);
  cJSON_ArrayForEach(it, cJSON_GetObjectItem(doc, "checks")) {
    DSC_ASSERT(cJSON_IsString(cJSON_GetObjectItem(it, "name")));
    DSC_ASSERT(cJSON_IsBool(cJSON_GetObjectItem(it, "ok")));
    DSC_ASSERT(cJSON_IsNumber(cJSON_GetObjectItem(it, "left")));
    DSC_ASSERT(cJSON_IsNumber(cJSON_GetObjectItem(it, "right")));
  }
  cJSON_Delete(doc);
}

static void check_csv_figures(const dsc_report_t *r, const char *csv) {
  csv_doc_t d;
  int at;

  csv_read(csv, &d);
  for (int row = 0; row < 25; row++) {
    at = csv_find(&d, row_path(row));
    DSC_ASSERT_EQ(d.nf[at], 8);
    for (int c = 0; c < 7; c++)
      DSC_ASSERT_EQ(number(d.f[at][c + 1]), r->cells[row][c]);
  }
  at = csv_find(&d, "行政复议 / 结果维持");
  DSC_ASSERT_EQ(d.nf[at], 15);
  DSC_ASSERT_EQ(d.nf[at + 1], 15);
  for (int i = 0; i < 15; i++)
    DSC_ASSERT_EQ(number(d.f[at + 1][i]), r->appeals[i / 5][i % 5]);
  csv_free(&d);
}

static void check_md_figures(const dsc_report_t *r, const char *md) {
  static char cells[MD_CELLS][512];
  const char *line;

  for (int row = 0; row < 25; row++) {
    DSC_ASSERT_EQ(md_cells(md_find_row(md, row_path(row)), cells), 8);
    for (int c = 0; c < 7; c++)
      DSC_ASSERT_EQ(number(cells[c + 1]), r->cells[row][c]);
  }
  line = md_find_row(md, "行政复议 / 结果维持");
  line = next_line(next_line(line)); /* past the delimiter row */
  DSC_ASSERT_EQ(md_cells(line, cells), 15);
  for (int i = 0; i < 15; i++)
    DSC_ASSERT_EQ(number(cells[i]), r->appeals[i / 5][i % 5]);
}

static void check_html_figures(const dsc_report_t *r, const char *html) {
  int64_t v[200];
  char *t = html_table_after(html, official_titles[2]);

  DSC_ASSERT_EQ(html_td_numbers(t, v, 200), 25 * 7);
  for (int i = 0; i < 25 * 7; i++)
    DSC_ASSERT_EQ(v[i], r->cells[i / 7][i % 7]);
  free(t);
  t = html_table_after(html, official_titles[3]);
  DSC_ASSERT_EQ(html_td_numbers(t, v, 200), 15);
  for (int i = 0; i < 15; i++)
    DSC_ASSERT_EQ(v[i], r->appeals[i / 5][i % 5]);
  free(t);
}

DSC_TEST(formats_carry_the_same_figures) {
  uint64_t st = dsc_test_seed();

  for (int i = 0; i < 40; i++) {
    dsc_report_t r;
    char *s;

    random_report(&st, &r);
    check_json_figures(&r, s = render(&r, DSC_REPORT_JSON));
    dsc_report_free_text(s);
    check_csv_figures(&r, s = render(&r, DSC_REPORT_CSV));
    dsc_report_free_text(s);
    check_md_figures(&r, s = render(&r, DSC_REPORT_MD));
    dsc_report_free_text(s);
    check_html_figures(&r, s = render(&r, DSC_REPORT_HTML));
    dsc_report_free_text(s);
  }
}

/* ---- (2) the official labels, verbatim ------------------------------------
 */

DSC_TEST(official_labels_in_every_format) {
  uint64_t st = 7;
  dsc_report_t r;
  char *csv, *md, *html, want[600];
  csv_doc_t d;
  int at;

  random_report(&st, &r);
  csv = render(&r, DSC_REPORT_CSV);
  md = render(&r, DSC_REPORT_MD);
  html = render(&r, DSC_REPORT_HTML);

  /* Section titles: a CSV line, a "##" heading, an <h2>. */
  csv_read(csv, &d);
  for (int s = 0; s < 6; s++) {
    at = csv_find(&d, official_titles[s]);
    DSC_ASSERT_EQ(d.nf[at], 1);
    snprintf(want, sizeof want, "\n## %s\n", official_titles[s]);
    DSC_ASSERT(contains(md, want));
    snprintf(want, sizeof want, "<h2>%s</h2>", official_titles[s]);
    DSC_ASSERT_EQ(count_of(html, want), 1);
  }

  /* Section 三, CSV: the header row and every row's full path. */
  at = csv_find(&d, official_note);
  DSC_ASSERT_EQ(d.nf[at], 8);
  for (int c = 0; c < 7; c++) {
    snprintf(want, sizeof want, "申请人情况 / %s%s",
             c >= 1 && c <= 5 ? "法人或其他组织 / " : "", official_columns[c]);
    DSC_ASSERT_STR_EQ(d.f[at][c + 1], want);
  }
  for (int row = 0; row < 25; row++) {
    DSC_ASSERT_EQ(csv_find(&d, row_path(row)), at + 1 + row);
    snprintf(want, sizeof want, "| %s |", row_path(row));
    DSC_ASSERT_EQ(count_of(md, want), 1);
  }
  csv_free(&d);

  /* Section 三, HTML: each label once as a cell's whole text, the groups
   * spanning their rows, the header block merged as in the format. */
  for (int row = 0; row < 25; row++) {
    const struct official_row *o = &official[row];
    snprintf(want, sizeof want, ">%s</th>",
             o->l3   ? o->l3
             : o->l2 ? o->l2
                     : o->l1);
    if (count_of(html, want) != 1)
      DSC_FAIL_("HTML: %s appears %d times", want, count_of(html, want));
  }
  DSC_ASSERT(contains(html, "<th rowspan=\"22\">三、本年度办理结果</th>"));
  DSC_ASSERT(contains(html, "<th rowspan=\"8\">（三）不予公开</th>"));
  DSC_ASSERT(contains(html, "<th rowspan=\"3\">（四）无法提供</th>"));
  DSC_ASSERT(contains(html, "<th rowspan=\"5\">（五）不予处理</th>"));
  DSC_ASSERT(contains(html, "<th rowspan=\"3\">（六）其他处理</th>"));
  DSC_ASSERT(contains(html, "<th colspan=\"2\">（一）予以公开</th>"));
  DSC_ASSERT(contains(html, "<th colspan=\"2\">（七）总计</th>"));
  DSC_ASSERT(contains(
      html, "<th colspan=\"3\">一、本年新收政府信息公开申请数量</th>"));
  DSC_ASSERT(contains(html, "<th colspan=\"3\">四、结转下年度继续办理</th>"));
  snprintf(want, sizeof want, "<th rowspan=\"3\" colspan=\"3\">%s</th>",
           official_note);
  DSC_ASSERT(contains(html, want));
  DSC_ASSERT(contains(html, "<th colspan=\"7\">申请人情况</th>"));
  DSC_ASSERT(contains(html, "<th rowspan=\"2\">自然人</th>"
                            "<th colspan=\"5\">法人或其他组织</th>"
                            "<th rowspan=\"2\">总计</th>"));
  DSC_ASSERT(contains(html, "<th>商业企业</th><th>科研机构</th>"
                            "<th>社会公益组织</th><th>法律服务机构</th>"
                            "<th>其他</th>"));
  /* No subtotal rows: 25 data rows, each with seven figures. */
  DSC_ASSERT_EQ(count_of(html, "</tr>"),
                3 + 25 /* 三 */ + 4 /* 四 */ + 14 /* 二 */ + 1 +
                    (r.has_previous ? 49 : 42) /* checks */);

  /* Section 四. */
  DSC_ASSERT(contains(html, "<th rowspan=\"2\" colspan=\"5\">行政复议</th>"
                            "<th colspan=\"10\">行政诉讼</th>"));
  DSC_ASSERT(contains(html, "<th colspan=\"5\">未经复议直接起诉</th>"
                            "<th colspan=\"5\">复议后起诉</th>"));
  for (int k = 0; k < 3; k++)
    for (int c = 0; c < 5; c++) {
      static const char *const kinds[3] = {
          "行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"};
      snprintf(want, sizeof want, "%s / %s", kinds[k], official_appeal_cols[c]);
      DSC_ASSERT(contains(csv, want));
      DSC_ASSERT(contains(md, want));
    }
  DSC_ASSERT_EQ(count_of(html,
                         "<th>结果维持</th><th>结果纠正</th><th>其他结果</th>"
                         "<th>尚未审结</th><th>总计</th>"),
                3);

  /* Section 二: the four headings and their rows. */
  {
    static const char *const headings[4] = {
        "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
        "第二十条第（八）项"};
    static const char *const rows2[6] = {"规章",     "行政规范性文件",
                                         "行政许可", "行政处罚",
                                         "行政强制", "行政事业性收费"};
    for (int i = 0; i < 4; i++) {
      snprintf(want, sizeof want, "\r\n%s\r\n信息内容,", headings[i]);
      DSC_ASSERT(contains(csv, want));
      snprintf(want, sizeof want, "**%s**", headings[i]);
      DSC_ASSERT(contains(md, want));
      snprintf(want, sizeof want, "<th colspan=\"4\">%s</th>", headings[i]);
      DSC_ASSERT(contains(html, want));
    }
    for (int i = 0; i < 6; i++) {
      snprintf(want, sizeof want, "\r\n%s,", rows2[i]);
      DSC_ASSERT(contains(csv, want));
      snprintf(want, sizeof want, "| %s |", rows2[i]);
      DSC_ASSERT(contains(md, want));
      snprintf(want, sizeof want, "<th>%s</th>", rows2[i]);
      DSC_ASSERT(contains(html, want));
    }
    DSC_ASSERT(
        contains(csv, "信息内容,本年制发件数,本年废止件数,现行有效件数\r\n"));
    DSC_ASSERT(count_of(csv, "信息内容,本年处理决定数量\r\n") == 2);
    DSC_ASSERT(contains(csv, "信息内容,本年收费金额（单位：万元）\r\n"));
  }

  /* Sections 一, 五 and 六. */
  {
    char yuan[300];
    snprintf(yuan, sizeof yuan,
             "本年度共发出收费通知%" PRId64 "件，收费金额%" PRId64
             ".%02d元；实际收取信息处理费%" PRId64 "件，金额%" PRId64
             ".%02d元。",
             r.fee_notice_count, r.fee_notice_amount_fen / 100,
             (int)(r.fee_notice_amount_fen % 100), r.fee_count,
             r.fee_amount_fen / 100, (int)(r.fee_amount_fen % 100));
    DSC_ASSERT(contains(csv, yuan));
    DSC_ASSERT(contains(md, yuan));
    DSC_ASSERT(contains(html, yuan));
  }
  dsc_report_free_text(csv);
  dsc_report_free_text(md);
  dsc_report_free_text(html);
}

/* The public label and key functions. */
DSC_TEST(row_keys_and_labels) {
  DSC_ASSERT_STR_EQ(dsc_report_row_key(DSC_REPORT_ROW_NEW), "new");
  DSC_ASSERT_STR_EQ(dsc_report_row_key(DSC_REPORT_ROW_CARRIED_IN),
                    "carried_in");
  DSC_ASSERT_STR_EQ(dsc_report_row_key(DSC_REPORT_ROW_HANDLED_TOTAL),
                    "handled_total");
  DSC_ASSERT_STR_EQ(dsc_report_row_key(DSC_REPORT_ROW_CARRIED_OUT),
                    "carried_out");
  DSC_ASSERT(dsc_report_row_key(DSC_REPORT_ROWS) == NULL);
  DSC_ASSERT(dsc_report_row_key((dsc_report_row_t)-1) == NULL);
  DSC_ASSERT(dsc_report_row_label(DSC_REPORT_ROWS) == NULL);
  DSC_ASSERT_STR_EQ(dsc_report_row_label(DSC_REPORT_ROW_OUTCOME(
                        DSC_OUTCOME_WITHHELD_STATE_SECRET)),
                    "（三）不予公开 1.属于国家秘密");
  for (int row = 0; row < 25; row++) {
    const struct official_row *o = &official[row];
    char want[512];
    if (o->l2 == NULL)
      snprintf(want, sizeof want, "%s", o->l1);
    else
      snprintf(want, sizeof want, "%s%s%s", o->l2, o->l3 ? " " : "",
               o->l3 ? o->l3 : "");
    DSC_ASSERT_STR_EQ(dsc_report_row_label((dsc_report_row_t)row), want);
  }
  /* Outcome rows carry the machine's codes, in DSC_OUTCOME_MAP order, and
   * the machine's short labels agree with the format's: the same group
   * marker, and the machine's text after it ends (sub-rows) or starts
   * (（一）, （二）) the format's. */
  for (int o = 1; o < DSC_OUTCOME__COUNT; o++) {
    const char *label =
        dsc_report_row_label(DSC_REPORT_ROW_OUTCOME((dsc_outcome_t)o));
    const char *m = dsc_outcome_label((dsc_outcome_t)o);
    const char *close = strchr(m, ')');
    char marker[32];
    size_t ml, rl, ll = strlen(label);

    DSC_ASSERT_STR_EQ(
        dsc_report_row_key(DSC_REPORT_ROW_OUTCOME((dsc_outcome_t)o)),
        dsc_outcome_code((dsc_outcome_t)o));
    DSC_ASSERT(m[0] == '(' && close != NULL);
    /* "(三)" → "（三）" */
    snprintf(marker, sizeof marker, "（%.*s）", (int)(close - m - 1), m + 1);
    ml = strlen(marker);
    rl = strlen(close + 1);
    if (strncmp(label, marker, ml) != 0 ||
        !(strcmp(label + ll - rl, close + 1) == 0 ||
          strncmp(label + ml, close + 1, rl) == 0))
      DSC_FAIL_("outcome %s: machine label %s, report label %s",
                dsc_outcome_code((dsc_outcome_t)o), m, label);
  }
}

DSC_TEST(format_names) {
  dsc_report_format_t f = DSC_REPORT_JSON;
  dsc_detail_t d;
  static const char *const n[4] = {"json", "csv", "md", "html"};

  for (int i = 0; i < 4; i++) {
    DSC_ASSERT_EQ(dsc_report_format_parse(n[i], &f, &d), DSC_OK);
    DSC_ASSERT_EQ(f, i);
    DSC_ASSERT_STR_EQ(dsc_report_format_name(f), n[i]);
  }
  DSC_ASSERT_EQ(dsc_report_format_parse("JSON", &f, &d), DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "format");
  DSC_ASSERT_EQ(dsc_report_format_parse(NULL, &f, &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_report_format_parse("xml", &f, &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_report_format_parse("csv", NULL, &d), DSC_MISUSE);
  DSC_ASSERT(dsc_report_format_name((dsc_report_format_t)9) == NULL);
}

/* ---- (3) checks
 * -------------------------------------------------------------- */

static bool check_named(const dsc_report_check_t *c, size_t n, const char *name,
                        bool *ok) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(c[i].name, name) == 0) {
      *ok = c[i].ok;
      return true;
    }
  return false;
}

DSC_TEST(checks_consistent_report_all_ok) {
  uint64_t st = dsc_test_seed();
  dsc_report_t r;
  dsc_report_check_t c[64];
  size_t n;
  int i = 0;

  consistent_report(&st, &r);
  n = dsc_report_checks(&r, c, 64);
  DSC_ASSERT_EQ(n, 7 + 7 + 25 + 3);
  for (size_t k = 0; k < n; k++)
    if (!c[k].ok)
      DSC_FAIL_("%s: %" PRId64 " != %" PRId64, c[k].name, c[k].left,
                c[k].right);
  /* The order and names of report.h. */
  for (int col = 0; col < 7; col++) {
    char want[64];
    snprintf(want, sizeof want, "balance.%s", column_keys[col]);
    DSC_ASSERT_STR_EQ(c[i++].name, want);
  }
  for (int col = 0; col < 7; col++) {
    char want[64];
    snprintf(want, sizeof want, "results_total.%s", column_keys[col]);
    DSC_ASSERT_STR_EQ(c[i++].name, want);
  }
  for (int row = 0; row < 25; row++) {
    char want[64];
    snprintf(want, sizeof want, "row_total.%s",
             dsc_report_row_key((dsc_report_row_t)row));
    DSC_ASSERT_STR_EQ(c[i++].name, want);
  }
  for (int k = 0; k < 3; k++) {
    char want[64];
    snprintf(want, sizeof want, "appeals_total.%s", appeal_kinds[k]);
    DSC_ASSERT_STR_EQ(c[i++].name, want);
  }
  /* Sides: 一 + 二 on the left of the balance. */
  DSC_ASSERT_EQ(c[0].left, r.cells[0][0] + r.cells[1][0]);
  DSC_ASSERT_EQ(c[0].right, r.cells[23][0] + r.cells[24][0]);

  /* With last year's 四 known and equal: seven more, all ok. */
  r.has_previous = true;
  memcpy(r.previous_carried_out, r.cells[DSC_REPORT_ROW_CARRIED_IN],
         sizeof r.previous_carried_out);
  n = dsc_report_checks(&r, c, 64);
  DSC_ASSERT_EQ(n, 49);
  for (size_t k = 0; k < n; k++)
    DSC_ASSERT(c[k].ok);
  DSC_ASSERT_STR_EQ(c[42].name, "carry_over.natural_person");
  DSC_ASSERT_STR_EQ(c[48].name, "carry_over.total");

  /* A short array: the count is still the whole. */
  DSC_ASSERT_EQ(dsc_report_checks(&r, c, 3), 49);
  DSC_ASSERT_EQ(dsc_report_checks(&r, NULL, 0), 49);
}

/* Corrupting any one cell fails exactly the checks it takes part in,
 * derived here from the rules of statutes.md §3. */
DSC_TEST(checks_corrupt_one_cell_fails_exactly_its_checks) {
  uint64_t st = dsc_test_seed();
  dsc_report_t good, r;
  dsc_report_check_t c[64];

  consistent_report(&st, &good);
  good.has_previous = true;
  memcpy(good.previous_carried_out, good.cells[DSC_REPORT_ROW_CARRIED_IN],
         sizeof good.previous_carried_out);

  for (int row = 0; row < 25; row++)
    for (int col = 0; col < 7; col++) {
      size_t n, failed = 0, expected = 0;
      char name[64];
      bool ok;

      r = good;
      r.cells[row][col] += 1 + (int64_t)rnd(&st, 5);
      n = dsc_report_checks(&r, c, 64);
      DSC_ASSERT_EQ(n, 49);
      for (size_t k = 0; k < n; k++)
        failed += !c[k].ok;

      snprintf(name, sizeof name, "row_total.%s",
               dsc_report_row_key((dsc_report_row_t)row));
      DSC_ASSERT(check_named(c, n, name, &ok) && !ok);
      expected++;
      if (row <= 1 || row >= 23) {
        snprintf(name, sizeof name, "balance.%s", column_keys[col]);
        DSC_ASSERT(check_named(c, n, name, &ok) && !ok);
        expected++;
      }
      if (row >= 2 && row <= 23) {
        snprintf(name, sizeof name, "results_total.%s", column_keys[col]);
        DSC_ASSERT(check_named(c, n, name, &ok) && !ok);
        expected++;
      }
      if (row == 1) {
        snprintf(name, sizeof name, "carry_over.%s", column_keys[col]);
        DSC_ASSERT(check_named(c, n, name, &ok) && !ok);
        expected++;
      }
      if (failed != expected)
        DSC_FAIL_("cell [%d][%d]: %zu checks failed, expected %zu", row, col,
                  failed, expected);
    }

  for (int k = 0; k < 3; k++)
    for (int col = 0; col < 5; col++) {
      size_t n, failed = 0;
      char name[64];
      bool ok;

      r = good;
      r.appeals[k][col]++;
      n = dsc_report_checks(&r, c, 64);
      for (size_t i = 0; i < n; i++)
        failed += !c[i].ok;
      DSC_ASSERT_EQ(failed, 1);
      snprintf(name, sizeof name, "appeals_total.%s", appeal_kinds[k]);
      DSC_ASSERT(check_named(c, n, name, &ok) && !ok);
    }

  /* Last year's 四 differing: only the chain breaks. */
  r = good;
  r.previous_carried_out[2]++;
  {
    size_t n = dsc_report_checks(&r, c, 64), failed = 0;
    for (size_t i = 0; i < n; i++)
      failed += !c[i].ok;
    DSC_ASSERT_EQ(failed, 1);
    DSC_ASSERT(!c[44].ok);
    DSC_ASSERT_STR_EQ(c[44].name, "carry_over.research");
  }
}

/* The checks reach every format: a failing one is marked in each. */
DSC_TEST(checks_in_every_format) {
  uint64_t st = 3;
  dsc_report_t r;
  char *s;

  consistent_report(&st, &r);
  r.cells[DSC_REPORT_ROW_NEW][0]++;
  s = render(&r, DSC_REPORT_JSON);
  DSC_ASSERT(
      contains(s, "{\"name\": \"balance.natural_person\", \"ok\": false"));
  DSC_ASSERT(contains(s, "{\"name\": \"balance.commercial\", \"ok\": true"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_CSV);
  DSC_ASSERT(contains(s, "\r\nbalance.natural_person,不符,"));
  DSC_ASSERT(contains(s, "\r\nbalance.commercial,通过,"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_MD);
  DSC_ASSERT(contains(s, "| balance.natural_person | 不符 |"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_HTML);
  DSC_ASSERT(
      contains(s, "<th>balance.natural_person</th><td class=\"fail\">不符"));
  dsc_report_free_text(s);
}

/* ---- (4) explicit zeros
 * ------------------------------------------------------ */

DSC_TEST(all_zero_report_renders_zero_in_every_cell) {
  dsc_report_t r;
  char *s;
  csv_doc_t d;
  int at;
  static char cells[MD_CELLS][512];
  int64_t v[200];
  char *t;

  dsc_report_init(&r, 2023, "default", "零局");
  check_json_figures(&r, s = render(&r, DSC_REPORT_JSON));
  DSC_ASSERT(contains(s, "\"new\": [0, 0, 0, 0, 0, 0, 0]"));
  DSC_ASSERT(contains(s, "\"amount_yuan\": 0}"));
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_CSV);
  csv_read(s, &d);
  for (int row = 0; row < 25; row++) {
    at = csv_find(&d, row_path(row));
    for (int c = 1; c <= 7; c++)
      DSC_ASSERT_STR_EQ(d.f[at][c], "0");
  }
  at = csv_find(&d, "行政复议 / 结果维持");
  for (int i = 0; i < 15; i++)
    DSC_ASSERT_STR_EQ(d.f[at + 1][i], "0");
  /* Section 二 not given: empty cells, not zeros. */
  DSC_ASSERT(contains(s, "\r\n规章,,,\r\n"));
  DSC_ASSERT(contains(s, "\r\n行政许可,\r\n"));
  DSC_ASSERT(contains(s, "本年度共发出收费通知0件，收费金额0.00元；"
                         "实际收取信息处理费0件，金额0.00元。"));
  csv_free(&d);
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_MD);
  for (int row = 0; row < 25; row++) {
    DSC_ASSERT_EQ(md_cells(md_find_row(s, row_path(row)), cells), 8);
    for (int c = 1; c <= 7; c++)
      DSC_ASSERT_STR_EQ(cells[c], "0");
  }
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_HTML);
  t = html_table_after(s, official_titles[2]);
  DSC_ASSERT_EQ(html_td_numbers(t, v, 200), 175);
  DSC_ASSERT_EQ(count_of(t, "<td>0</td>"), 175);
  free(t);
  t = html_table_after(s, official_titles[3]);
  DSC_ASSERT_EQ(count_of(t, "<td>0</td>"), 15);
  free(t);
  dsc_report_free_text(s);
}

/* ---- (5) determinism
 * ---------------------------------------------------------- */

DSC_TEST(render_is_byte_identical) {
  uint64_t st = dsc_test_seed();

  for (int i = 0; i < 10; i++) {
    dsc_report_t a, b;
    uint64_t st2;

    st2 = st;
    random_report(&st, &a);
    random_report(&st2, &b);
    for (int f = 0; f < 4; f++) {
      char *x = render(&a, (dsc_report_format_t)f);
      char *y = render(&a, (dsc_report_format_t)f);
      char *z = render(&b, (dsc_report_format_t)f);
      DSC_ASSERT_STR_EQ(x, y);
      DSC_ASSERT_STR_EQ(x, z);
      dsc_report_free_text(x);
      dsc_report_free_text(y);
      dsc_report_free_text(z);
    }
  }
}

/* The JSON layout: two-space indentation, no tab, integers as integers. */
DSC_TEST(json_layout) {
  dsc_report_t r;
  char *s;

  dsc_report_init(&r, 2023, "default", "某局");
  r.cells[0][0] = 1000000;
  r.cells[0][6] = 999999999999999;
  r.fee_amount_fen = 123450;
  s = render(&r, DSC_REPORT_JSON);
  DSC_ASSERT(!contains(s, "\t"));
  DSC_ASSERT(!contains(s, "e+"));
  DSC_ASSERT(!contains(s, "E+"));
  DSC_ASSERT(
      starts_with(s, "{\n  \"year\": 2023,\n  \"agency\": \"default\",\n"
                     "  \"agency_name\": \"某局\",\n  \"applications\": {\n"
                     "    \"columns\": [\"natural_person\", \"commercial\", "
                     "\"research\", \"public_interest\", "
                     "\"legal_services\", \"other_org\", \"total\"],\n"
                     "    \"rows\": {\n"
                     "      \"new\": [1000000, 0, 0, 0, 0, 0, "
                     "999999999999999],\n"));
  DSC_ASSERT(contains(s, "      \"new\": [1000000, 0, 0, 0, 0, 0, "
                         "999999999999999],\n      \"carried_in\": [0, 0"));
  DSC_ASSERT(contains(s,
                      "  \"fees\": {\"count\": 0, \"amount_yuan\": 1234.5},\n"
                      "  \"fee_notices\": {\"count\": 0, \"amount_yuan\": 0},\n"
                      "  \"active\": null,\n"
                      "  \"texts\": {\"overview\": null, \"problems\": null, "
                      "\"other\": null},\n"
                      "  \"previous_carried_out\": null,\n"
                      "  \"checks\": [\n    {\"name\": "));
  DSC_ASSERT(contains(s, "    \"reconsideration\": {\"upheld\": 0, "
                         "\"corrected\": 0, \"other\": 0, \"pending\": 0, "
                         "\"total\": 0},\n"));
  DSC_ASSERT(s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] == '}');
  dsc_report_free_text(s);
}

/* ---- (6) the JSON round trip
 * ------------------------------------------------- */

DSC_TEST(json_round_trip) {
  uint64_t st = dsc_test_seed();

  for (int i = 0; i < 200; i++) {
    dsc_report_t r, back;
    dsc_detail_t d;
    char *a, *b;
    dsc_err_t err;

    random_report(&st, &r);
    a = render(&r, DSC_REPORT_JSON);
    err = dsc_report_parse_json(a, strlen(a), &back, &d);
    if (err != DSC_OK)
      DSC_FAIL_("parse: %s %s: %s\n%s", dsc_err_name(err), d.field, d.message,
                a);
    b = render(&back, DSC_REPORT_JSON);
    DSC_ASSERT_STR_EQ(a, b);
    /* And the figures themselves came back. */
    DSC_ASSERT(memcmp(back.cells, r.cells, sizeof r.cells) == 0);
    DSC_ASSERT(memcmp(back.appeals, r.appeals, sizeof r.appeals) == 0);
    DSC_ASSERT_EQ(back.fee_amount_fen, r.fee_amount_fen);
    DSC_ASSERT_EQ(back.fee_count, r.fee_count);
    DSC_ASSERT_EQ(back.fee_notice_count, r.fee_notice_count);
    DSC_ASSERT_EQ(back.fee_notice_amount_fen, r.fee_notice_amount_fen);
    for (int t = 0; t < DSC_REPORT_TEXTS; t++)
      DSC_ASSERT_STR_EQ(back.texts[t], r.texts[t]);
    DSC_ASSERT_EQ(back.year, r.year);
    DSC_ASSERT_STR_EQ(back.agency_name, r.agency_name);
    DSC_ASSERT_EQ(back.has_active, r.has_active);
    if (r.has_active)
      DSC_ASSERT(memcmp(&back.active, &r.active, sizeof r.active) == 0);
    DSC_ASSERT_EQ(back.has_previous, r.has_previous);
    if (r.has_previous)
      DSC_ASSERT(memcmp(back.previous_carried_out, r.previous_carried_out,
                        sizeof r.previous_carried_out) == 0);
    dsc_report_free_text(a);
    dsc_report_free_text(b);
  }
}

/* Things that are not a rendering are refused, naming the key. */
DSC_TEST(parse_json_refuses_non_renderings) {
  uint64_t st = 11;
  dsc_report_t r, back;
  dsc_detail_t d;
  char *good, buf[40000];
  static const struct {
    const char *from, *to, *field;
  } edits[] = {
      {"\"year\": ", "\"bogus\": 1, \"year\": ", "bogus"},
      {"\"fees\": {\"count\": ", "\"fees\": {\"count\": -", "fees.count"},
      {"\"amount_yuan\": 380", "\"amount_yuan\": 380.001", "fees.amount_yuan"},
      {"\"count\": 2,", "\"count\": 2.5,", "fees.count"},
      {"\"count\": 2,", "\"count\": \"2\",", "fees.count"},
      {"[12345,", "[\"12345\",", "applications.rows.carried_out"},
      {"[12345,", "[1.5,", "applications.rows.carried_out"},
      {"[12345,", "[-12345,", "applications.rows.carried_out"},
      {"[12345,", "[1e16,", "applications.rows.carried_out"},
      {"[12345,", "[1, 12345,", "applications.rows.carried_out"},
      {"\"new\": [", "\"new\": [1, ", "applications.rows.new"},
      {"\"natural_person\", \"commercial\"",
       "\"commercial\", \"natural_person\"", "applications.columns"},
      {"\"upheld\": ", "\"upheld\": true, \"x\": ",
       "appeals.reconsideration.x"},
      {"\"agency\": \"default\"", "\"agency\": 7", "agency"},
      {"\"year\": 2023", "\"year\": 0", "year"},
      {"\"active\": null", "\"active\": {\"licensing\": \"5\"}",
       "active.licensing"},
      {"\"active\": null", "\"active\": {\"rules\": {\"made\": 1, \"x\": 2}}",
       "active.rules.x"},
      {"\"previous_carried_out\": null", "\"previous_carried_out\": [1]",
       "previous_carried_out"},
      {"\"year\": 2023,", "\"year\": 2023, \"year\": 2023,", "year"},
  };

  consistent_report(&st, &r);
  r.cells[DSC_REPORT_ROW_CARRIED_OUT][0] = 12345; /* a figure to edit */
  good = render(&r, DSC_REPORT_JSON);
  DSC_ASSERT_EQ(dsc_report_parse_json(good, strlen(good), &back, &d), DSC_OK);
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    const char *at = strstr(good, edits[i].from);
    size_t pre;

    DSC_ASSERT(at != NULL);
    pre = (size_t)(at - good);
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)pre, good, edits[i].to,
             at + strlen(edits[i].from));
    memset(&d, 0, sizeof d);
    back.year = 1;
    if (dsc_report_parse_json(buf, strlen(buf), &back, &d) != DSC_INVALID)
      DSC_FAIL_("edit %zu (%s) was accepted", i, edits[i].to);
    DSC_ASSERT_STR_EQ(d.field, edits[i].field);
    DSC_ASSERT_EQ(back.year, 1); /* *out untouched */
  }
  /* A key missing. */
  {
    const char *at = strstr(good, "  \"fees\": ");
    const char *eol = strchr(at, '\n');
    snprintf(buf, sizeof buf, "%.*s%s", (int)(at - good), good, eol + 1);
    DSC_ASSERT_EQ(dsc_report_parse_json(buf, strlen(buf), &back, &d),
                  DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "fees");
  }
  DSC_ASSERT_EQ(dsc_report_parse_json("[]", 2, &back, &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_report_parse_json("{", 1, &back, &d), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_report_parse_json(good, strlen(good) - 3, &back, &d),
                DSC_INVALID);
  DSC_ASSERT_EQ(dsc_report_parse_json(NULL, 0, &back, &d), DSC_MISUSE);
  dsc_report_free_text(good);
}

/* ---- (7) user text is escaped
 * ------------------------------------------------- */

DSC_TEST(agency_name_is_escaped) {
  dsc_report_t r;
  char *s;
  cJSON *doc;
  csv_doc_t d;

  dsc_report_init(&r, 2023, "default", "<script>&\"'x,|\\");
  s = render(&r, DSC_REPORT_HTML);
  DSC_ASSERT(!contains(s, "<script>"));
  DSC_ASSERT(contains(s, "<title>&lt;script&gt;&amp;&quot;&#39;x,|\\2023年政府"
                         "信息公开工作年度报告</title>"));
  DSC_ASSERT(contains(s, "<h1>&lt;script&gt;&amp;&quot;&#39;x,|\\2023年"));
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_JSON);
  doc = cJSON_Parse(s);
  DSC_ASSERT(doc != NULL);
  DSC_ASSERT_STR_EQ(cJSON_GetObjectItem(doc, "agency_name")->valuestring,
                    "<script>&\"'x,|\\");
  cJSON_Delete(doc);
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_CSV);
  csv_read(s, &d);
  DSC_ASSERT_STR_EQ(d.f[0][0],
                    "<script>&\"'x,|\\2023年政府信息公开工作年度报告");
  DSC_ASSERT_EQ(d.nf[0], 1);
  csv_free(&d);
  dsc_report_free_text(s);

  s = render(&r, DSC_REPORT_MD);
  DSC_ASSERT(starts_with(s, "# \\<script\\>\\&\\\"\\'x\\,\\|\\\\2023年"));
  dsc_report_free_text(s);

  /* A formula is not one in a spreadsheet; a line break cannot split a
   * CSV line or the Markdown title; bad UTF-8 becomes U+FFFD. */
  dsc_report_init(&r, 2023, "default", "=1+1\n\xff");
  s = render(&r, DSC_REPORT_CSV);
  DSC_ASSERT(starts_with(s, "'=1+1 \xEF\xBF\xBD"
                            "2023年"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_MD);
  DSC_ASSERT(starts_with(s, "# \\=1\\+1 \xEF\xBF\xBD"
                            "2023年"));
  dsc_report_free_text(s);
}

/* ---- (8) the --active file
 * ------------------------------------------------------ */

static dsc_err_t active(const char *json, dsc_report_active_t *a,
                        dsc_detail_t *d) {
  memset(d, 0, sizeof *d);
  return dsc_report_active_parse(json, strlen(json), a, d);
}

DSC_TEST(active_parse_good) {
  dsc_report_active_t a;
  dsc_detail_t d;

  DSC_ASSERT_EQ(active("{\"rules\": {\"made\": 1, \"repealed\": 2, "
                       "\"in_force\": 30}, \"normative_documents\": "
                       "{\"made\": 4, \"repealed\": 0, \"in_force\": 60}, "
                       "\"licensing\": 700, \"punishment\": 8, "
                       "\"enforcement\": 0, \"fees_wan_yuan\": \"12.3456\"}",
                       &a, &d),
                DSC_OK);
  DSC_ASSERT_EQ(a.rules[0], 1);
  DSC_ASSERT_EQ(a.rules[1], 2);
  DSC_ASSERT_EQ(a.rules[2], 30);
  DSC_ASSERT_EQ(a.normative_documents[2], 60);
  DSC_ASSERT_EQ(a.licensing, 700);
  DSC_ASSERT_EQ(a.punishment, 8);
  DSC_ASSERT_EQ(a.enforcement, 0);
  DSC_ASSERT_STR_EQ(a.fees_wan_yuan, "12.3456");

  /* Every key optional; null is "not given" too. */
  DSC_ASSERT_EQ(
      active("{\"licensing\": 5, \"rules\": {\"made\": null}}", &a, &d),
      DSC_OK);
  DSC_ASSERT_EQ(a.licensing, 5);
  DSC_ASSERT_EQ(a.rules[0], -1);
  DSC_ASSERT_EQ(a.rules[2], -1);
  DSC_ASSERT_EQ(a.normative_documents[0], -1);
  DSC_ASSERT_EQ(a.punishment, -1);
  DSC_ASSERT_STR_EQ(a.fees_wan_yuan, "");
  DSC_ASSERT_EQ(active("{}", &a, &d), DSC_OK);
  DSC_ASSERT_EQ(active(" {\"fees_wan_yuan\": \"0\"} \n", &a, &d), DSC_OK);
  DSC_ASSERT_STR_EQ(a.fees_wan_yuan, "0");
  DSC_ASSERT_EQ(active("{\"licensing\": 999999999999}", &a, &d), DSC_OK);
}

DSC_TEST(active_parse_bad) {
  static const struct {
    const char *json, *field;
  } bad[] = {
      {"{\"permits\": 1}", "permits"},
      {"{\"rules\": {\"made\": 1, \"enacted\": 2}}", "rules.enacted"},
      {"{\"licensing\": -1}", "licensing"},
      {"{\"rules\": {\"repealed\": -3}}", "rules.repealed"},
      {"{\"punishment\": \"12\"}", "punishment"},
      {"{\"enforcement\": 1.5}", "enforcement"},
      {"{\"enforcement\": true}", "enforcement"},
      {"{\"licensing\": 1000000000000}", "licensing"},
      {"{\"normative_documents\": [1, 2, 3]}", "normative_documents"},
      {"{\"fees_wan_yuan\": \"1.23456\"}", "fees_wan_yuan"},
      {"{\"fees_wan_yuan\": 12.5}", "fees_wan_yuan"},
      {"{\"fees_wan_yuan\": \"-1\"}", "fees_wan_yuan"},
      {"{\"fees_wan_yuan\": \"1.\"}", "fees_wan_yuan"},
      {"{\"fees_wan_yuan\": \"\"}", "fees_wan_yuan"},
      {"{\"fees_wan_yuan\": \"１２\"}", "fees_wan_yuan"},
      {"{\"licensing\": 1, \"licensing\": 2}", "licensing"},
      {"[1]", "(document)"},
      {"{\"licensing\": 1", "(document)"},
      {"{} {}", "(document)"},
  };
  dsc_report_active_t a;
  dsc_detail_t d;

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    memset(&a, 0x5a, sizeof a);
    if (active(bad[i].json, &a, &d) != DSC_INVALID)
      DSC_FAIL_("accepted: %s", bad[i].json);
    DSC_ASSERT_EQ(d.code, DSC_INVALID);
    if (strcmp(d.field, bad[i].field) != 0)
      DSC_FAIL_("%s: field \"%s\", expected \"%s\"", bad[i].json, d.field,
                bad[i].field);
    DSC_ASSERT_EQ(a.licensing, 0x5a5a5a5a5a5a5a5a); /* untouched */
  }
  DSC_ASSERT_EQ(active("{\"fees_wan_yuan\": \"1.23456\"}", &a, &d),
                DSC_INVALID);
  DSC_ASSERT(contains(d.message, "decimals"));
  DSC_ASSERT_EQ(dsc_report_active_parse(NULL, 0, &a, &d), DSC_MISUSE);
}

/* A parsed --active file renders in section 二 of every format. */
DSC_TEST(active_figures_rendered) {
  dsc_report_t r;
  dsc_detail_t d;
  const char *json = "{\"rules\": {\"made\": 1, \"in_force\": 30}, "
                     "\"licensing\": 700, \"fees_wan_yuan\": \"12.34\"}";
  char *s;

  dsc_report_init(&r, 2023, "default", "某局");
  DSC_ASSERT_EQ(dsc_report_active_parse(json, strlen(json), &r.active, &d),
                DSC_OK);
  r.has_active = true;
  s = render(&r, DSC_REPORT_CSV);
  DSC_ASSERT(contains(s, "\r\n规章,1,,30\r\n"));
  DSC_ASSERT(contains(s, "\r\n行政许可,700\r\n"));
  DSC_ASSERT(contains(s, "\r\n行政处罚,\r\n"));
  DSC_ASSERT(contains(s, "\r\n行政事业性收费,12.34\r\n"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_MD);
  DSC_ASSERT(contains(s, "| 规章 | 1 |  | 30 |\n"));
  DSC_ASSERT(contains(s, "| 行政事业性收费 | 12.34 |\n"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_HTML);
  DSC_ASSERT(contains(s, "<tr><th>规章</th><td>1</td><td></td><td>30</td>"));
  DSC_ASSERT(contains(s, "<tr><th>行政许可</th><td colspan=\"3\">700</td>"));
  DSC_ASSERT(
      contains(s, "<th>行政事业性收费</th><td colspan=\"3\">12.34</td>"));
  dsc_report_free_text(s);
  s = render(&r, DSC_REPORT_JSON);
  DSC_ASSERT(contains(s, "  \"active\": {\n"
                         "    \"rules\": {\"made\": 1, \"repealed\": null, "
                         "\"in_force\": 30},\n"
                         "    \"normative_documents\": {\"made\": null, "
                         "\"repealed\": null, \"in_force\": null},\n"
                         "    \"licensing\": 700,\n"
                         "    \"punishment\": null,\n"
                         "    \"enforcement\": null,\n"
                         "    \"fees_wan_yuan\": \"12.34\"\n  },\n"));
  dsc_report_free_text(s);
}

/* ---- (9) the diff
 * -------------------------------------------------------------- */

static char *diff(const dsc_report_t *a, const dsc_report_t *b,
                  dsc_report_format_t f) {
  char *out = NULL;
  size_t len;

  DSC_ASSERT_EQ(dsc_report_render_diff(a, b, f, &out, &len), DSC_OK);
  DSC_ASSERT_EQ(len, strlen(out));
  return out;
}

DSC_TEST(diff_lists_exactly_the_changed_cells) {
  uint64_t st = dsc_test_seed();

  for (int round = 0; round < 20; round++) {
    dsc_report_t a, b;
    bool changed[25][7] = {{false}};
    int nchanged = 0, seen = 0;
    cJSON *doc, *it;
    char *s;

    random_report(&st, &a);
    a.has_active = false;
    b = a;
    for (int k = 0; k < 1 + (int)rnd(&st, 12); k++) {
      int row = (int)rnd(&st, 25), col = (int)rnd(&st, 7);
      if (!changed[row][col]) {
        changed[row][col] = true;
        nchanged++;
        b.cells[row][col] += 1 + (int64_t)rnd(&st, 9);
      }
    }
    b.appeals[2][3]++;
    b.fee_amount_fen += 5;

    s = diff(&a, &b, DSC_REPORT_JSON);
    doc = cJSON_Parse(s);
    DSC_ASSERT(doc != NULL);
    DSC_ASSERT_EQ(cJSON_GetObjectItem(doc, "year")->valuedouble, b.year);
    DSC_ASSERT_EQ(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "changes")),
                  nchanged + 2);
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(doc, "changes")) {
      const char *sec = cJSON_GetObjectItem(it, "section")->valuestring;
      const char *row = cJSON_GetObjectItem(it, "row")->valuestring;
      cJSON *col = cJSON_GetObjectItem(it, "column");
      double o = cJSON_GetObjectItem(it, "old")->valuedouble;
      double n = cJSON_GetObjectItem(it, "new")->valuedouble;

      if (strcmp(sec, "applications") == 0) {
        int ri = -1, ci = -1;
        for (int x = 0; x < 25; x++)
          if (strcmp(dsc_report_row_key((dsc_report_row_t)x), row) == 0)
            ri = x;
        for (int x = 0; x < 7; x++)
          if (strcmp(column_keys[x], col->valuestring) == 0)
            ci = x;
        DSC_ASSERT(ri >= 0 && ci >= 0);
        DSC_ASSERT(changed[ri][ci]);
        changed[ri][ci] = false; /* listed once */
        DSC_ASSERT_EQ(o, a.cells[ri][ci]);
        DSC_ASSERT_EQ(n, b.cells[ri][ci]);
        seen++;
      } else if (strcmp(sec, "appeals") == 0) {
        DSC_ASSERT_STR_EQ(row, "litigation_after_reconsideration");
        DSC_ASSERT_STR_EQ(col->valuestring, "pending");
        DSC_ASSERT_EQ(n - o, 1);
      } else {
        DSC_ASSERT_STR_EQ(sec, "fees");
        DSC_ASSERT_STR_EQ(row, "amount_yuan");
        DSC_ASSERT(cJSON_IsNull(col));
        DSC_ASSERT(o == (double)a.fee_amount_fen / 100.0);
        DSC_ASSERT(n == (double)b.fee_amount_fen / 100.0);
      }
    }
    DSC_ASSERT_EQ(seen, nchanged);
    cJSON_Delete(doc);
    dsc_report_free_text(s);

    /* The human formats list as many lines. */
    s = diff(&a, &b, DSC_REPORT_CSV);
    DSC_ASSERT_EQ(count_of(s, "\r\n"), 3 + nchanged + 2);
    DSC_ASSERT(contains(s, "\r\n部分,行,列,原值,新值\r\n"));
    dsc_report_free_text(s);
    s = diff(&a, &b, DSC_REPORT_MD);
    DSC_ASSERT_EQ(count_of(s, "\n| "), 2 + nchanged + 2);
    dsc_report_free_text(s);
    s = diff(&a, &b, DSC_REPORT_HTML);
    DSC_ASSERT_EQ(count_of(s, "<tr>"), 1 + nchanged + 2);
    dsc_report_free_text(s);
  }
}

DSC_TEST(diff_labels_and_no_differences) {
  uint64_t st = 5;
  dsc_report_t a, b;
  char *s;

  consistent_report(&st, &a);
  b = a;
  s = diff(&a, &b, DSC_REPORT_JSON);
  DSC_ASSERT(contains(s, "\"changes\": []"));
  dsc_report_free_text(s);
  for (int f = 1; f < 4; f++) {
    s = diff(&a, &b, (dsc_report_format_t)f);
    DSC_ASSERT(contains(s, "无差异"));
    dsc_report_free_text(s);
  }

  b.cells[DSC_REPORT_ROW_OUTCOME(DSC_OUTCOME_WITHHELD_STATE_SECRET)][1] += 2;
  b.has_active = true;
  b.active.licensing = 7;
  s = diff(&a, &b, DSC_REPORT_CSV);
  {
    char want[1024];
    snprintf(want, sizeof want,
             "\r\n三、收到和处理政府信息公开申请情况,%s,商业企业,%" PRId64
             ",%" PRId64 "\r\n",
             row_path(4), a.cells[4][1], b.cells[4][1]);
    DSC_ASSERT(contains(s, want));
  }
  DSC_ASSERT(contains(
      s, "\r\n二、主动公开政府信息情况,行政许可,本年处理决定数量,,7\r\n"));
  dsc_report_free_text(s);
  s = diff(&a, &b, DSC_REPORT_JSON);
  DSC_ASSERT(contains(s, "{\"section\": \"active\", \"row\": \"licensing\", "
                         "\"column\": null, \"old\": null, \"new\": 7}"));
  DSC_ASSERT(contains(s, "{\"section\": \"applications\", \"row\": "
                         "\"withheld.state_secret\", \"column\": "
                         "\"commercial\""));
  dsc_report_free_text(s);
}

/* ---- misuse
 * ---------------------------------------------------------------------- */

DSC_TEST(misuse) {
  dsc_report_t r;
  char *out = (char *)1;
  size_t len = 9;

  dsc_report_init(&r, 2023, "default", "x");
  DSC_ASSERT_EQ(dsc_report_render(NULL, DSC_REPORT_JSON, &out, &len),
                DSC_MISUSE);
  DSC_ASSERT(out == NULL);
  DSC_ASSERT_EQ(dsc_report_render(&r, (dsc_report_format_t)7, &out, &len),
                DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_report_render(&r, DSC_REPORT_JSON, NULL, &len), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_report_render_diff(&r, NULL, DSC_REPORT_JSON, &out, &len),
                DSC_MISUSE);
  /* len is optional. */
  DSC_ASSERT_EQ(dsc_report_render(&r, DSC_REPORT_MD, &out, NULL), DSC_OK);
  dsc_report_free_text(out);
  dsc_report_free_text(NULL);
  dsc_report_init(NULL, 2023, "a", "b");
  DSC_ASSERT_EQ(dsc_report_checks(NULL, NULL, 0), 0);

  /* init truncates at a code point and sets 二 to "not given". */
  {
    char name[400];
    for (int i = 0; i < 133; i++)
      memcpy(name + 3 * i, "局", 3);
    name[399] = '\0';
    dsc_report_init(&r, 2023, "default", name);
    DSC_ASSERT_EQ(strlen(r.agency_name), 198); /* 66 × 3 bytes */
    DSC_ASSERT_EQ(r.active.rules[1], -1);
    DSC_ASSERT_EQ(r.active.enforcement, -1);
    DSC_ASSERT_STR_EQ(r.active.fees_wan_yuan, "");
    DSC_ASSERT(!r.has_active && !r.has_previous);
  }
}

/* ---- (10) allocation failure
 * ----------------------------------------------------- */

typedef struct counter {
  long live, attempts, fail_at, failed;
  bool persistent;
} counter_t;

static bool should_fail(counter_t *c) {
  c->attempts++;
  if (c->fail_at > 0 && (c->attempts == c->fail_at ||
                         (c->persistent && c->attempts > c->fail_at))) {
    c->failed++;
    return true;
  }
  return false;
}

static void *t_malloc(size_t size, void *ud) {
  counter_t *c = ud;
  void *p;
  if (should_fail(c))
    return NULL;
  p = malloc(size);
  if (p != NULL)
    c->live++;
  return p;
}

static void *t_realloc(void *ptr, size_t size, void *ud) {
  counter_t *c = ud;
  if (should_fail(c))
    return NULL;
  return realloc(ptr, size);
}

static void t_free(void *ptr, void *ud) {
  counter_t *c = ud;
  c->live--;
  free(ptr);
}

typedef dsc_err_t (*op_fn)(const dsc_report_t *r, int variant);

static dsc_err_t op_render(const dsc_report_t *r, int f) {
  char *out = (char *)1;
  size_t len = 7;
  dsc_err_t err = dsc_report_render(r, (dsc_report_format_t)f, &out, &len);
  if (err != DSC_OK) {
    DSC_ASSERT(out == NULL);
    DSC_ASSERT_EQ(len, 0);
  }
  dsc_report_free_text(out);
  return err;
}

static dsc_err_t op_diff(const dsc_report_t *r, int f) {
  dsc_report_t z = *r;
  char *out = NULL;
  dsc_err_t err;

  z.cells[3][3]++;
  err = dsc_report_render_diff(r, &z, (dsc_report_format_t)f, &out, NULL);
  if (err != DSC_OK)
    DSC_ASSERT(out == NULL);
  dsc_report_free_text(out);
  return err;
}

/* The JSON rendering, made without the test allocator, parsed under it. */
static char *parse_input;

static dsc_err_t op_parse(const dsc_report_t *r, int variant) {
  dsc_report_t back;
  dsc_detail_t d;
  dsc_err_t err;
  (void)r;
  (void)variant;
  back.year = -5;
  err = dsc_report_parse_json(parse_input, strlen(parse_input), &back, &d);
  if (err != DSC_OK) {
    DSC_ASSERT_EQ(d.code, err);
    DSC_ASSERT_EQ(back.year, -5);
  }
  return err;
}

static dsc_err_t op_active(const dsc_report_t *r, int variant) {
  static const char json[] = "{\"rules\": {\"made\": 1}, \"licensing\": 2, "
                             "\"fees_wan_yuan\": \"3.5\"}";
  dsc_report_active_t a;
  dsc_detail_t d;
  (void)r;
  (void)variant;
  return dsc_report_active_parse(json, strlen(json), &a, &d);
}

/* Fails the k-th allocation of op for k = 1, 2, … until op no longer
 * reaches the failure: each failed run returns DSC_NOMEM and leaves no
 * block behind. */
static void fail_each(const char *what, op_fn op, const dsc_report_t *r,
                      int variant, bool persistent) {
  long k;

  for (k = 1;; k++) {
    counter_t c = {.fail_at = k, .persistent = persistent};
    dsc_allocator_t a = {t_malloc, t_realloc, t_free, &c};
    dsc_err_t err;

    DSC_ASSERT_EQ(dsc_set_allocator(&a), DSC_OK);
    err = op(r, variant);
    DSC_ASSERT_EQ(dsc_set_allocator(NULL), DSC_OK);
    if (c.live != 0)
      DSC_FAIL_("%s %d, allocation %ld failing: %ld blocks leaked", what,
                variant, k, c.live);
    if (c.failed == 0) {
      DSC_ASSERT_EQ(err, DSC_OK);
      break;
    }
    if (err != DSC_NOMEM)
      DSC_FAIL_("%s %d, allocation %ld failing: %s, not no_memory", what,
                variant, k, dsc_err_name(err));
  }
  DSC_ASSERT(k > 1); /* it allocated at all */
}

DSC_TEST(allocation_failure_is_nomem_without_leaks) {
  uint64_t st = dsc_test_seed();
  dsc_report_t r;

  random_report(&st, &r);
  for (int f = 0; f < 4; f++) {
    fail_each("render", op_render, &r, f, false);
    fail_each("render", op_render, &r, f, true);
    fail_each("diff", op_diff, &r, f, false);
  }
  parse_input = render(&r, DSC_REPORT_JSON);
  fail_each("parse_json", op_parse, &r, 0, false);
  fail_each("parse_json", op_parse, &r, 0, true);
  dsc_report_free_text(parse_input);
  fail_each("active_parse", op_active, &r, 0, false);
  fail_each("active_parse", op_active, &r, 0, true);
}

/* ---- issue 12: section 二 entered per key, the agency's texts, fee
 * notices ------------------------------------------------------------- */

DSC_TEST(active_set_value_validates_each_key) {
  dsc_report_active_t a, before;
  dsc_report_t r;
  dsc_detail_t d;
  static const struct {
    const char *key, *value, *field;
  } bad[] = {
      {"rules.made", "-1", "rules.made"},
      {"rules.made", "1.5", "rules.made"},
      {"licensing", " 3", "licensing"},
      {"licensing", "1000000000000", "licensing"},
      {"punishment", "三", "punishment"},
      {"fees_wan_yuan", "-2", "fees_wan_yuan"},
      {"fees_wan_yuan", "1.23456", "fees_wan_yuan"},
      {"fees_wan_yuan", "1.", "fees_wan_yuan"},
      {"rules", "1", "key"},
      {"rules.made.x", "1", "key"},
      {"normative_documents.abolished", "1", "key"},
      {"", "1", "key"},
  };

  dsc_report_init(&r, 2025, "default", "");
  a = r.active;
  DSC_ASSERT_EQ(dsc_report_active_set_value(&a, "rules.made", "3", &d), DSC_OK);
  DSC_ASSERT_EQ(
      dsc_report_active_set_value(&a, "normative_documents.in_force", "0", &d),
      DSC_OK);
  DSC_ASSERT_EQ(
      dsc_report_active_set_value(&a, "enforcement", "999999999999", &d),
      DSC_OK);
  DSC_ASSERT_EQ(dsc_report_active_set_value(&a, "fees_wan_yuan", "12.3456", &d),
                DSC_OK);
  DSC_ASSERT_EQ(a.rules[0], 3);
  DSC_ASSERT_EQ(a.rules[1], -1);
  DSC_ASSERT_EQ(a.normative_documents[2], 0);
  DSC_ASSERT_EQ(a.enforcement, 999999999999);
  DSC_ASSERT_STR_EQ(a.fees_wan_yuan, "12.3456");
  /* An empty value takes a figure back. */
  DSC_ASSERT_EQ(dsc_report_active_set_value(&a, "rules.made", "", &d), DSC_OK);
  DSC_ASSERT_EQ(a.rules[0], -1);
  DSC_ASSERT_EQ(dsc_report_active_set_value(&a, "fees_wan_yuan", NULL, &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(a.fees_wan_yuan, "");
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    before = a;
    memset(&d, 0, sizeof d);
    if (dsc_report_active_set_value(&a, bad[i].key, bad[i].value, &d) !=
        DSC_INVALID)
      DSC_FAIL_("%s=%s was accepted", bad[i].key, bad[i].value);
    DSC_ASSERT_STR_EQ(d.field, bad[i].field);
    DSC_ASSERT(memcmp(&a, &before, sizeof a) == 0);
  }
  DSC_ASSERT_EQ(dsc_report_active_set_value(NULL, "licensing", "1", &d),
                DSC_MISUSE);
}

DSC_TEST(text_check_and_sections) {
  static char big[DSC_REPORT_TEXT_MAX + 1];
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_report_text_of_section(1), DSC_REPORT_TEXT_OVERVIEW);
  DSC_ASSERT_EQ(dsc_report_text_of_section(5), DSC_REPORT_TEXT_PROBLEMS);
  DSC_ASSERT_EQ(dsc_report_text_of_section(6), DSC_REPORT_TEXT_OTHER);
  DSC_ASSERT_EQ(dsc_report_text_of_section(2), -1);
  DSC_ASSERT_EQ(dsc_report_text_check("一行\n\t二行", 14, "file", &d), DSC_OK);
  DSC_ASSERT_EQ(dsc_report_text_check("a\rb", 3, "file", &d), DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "file");
  DSC_ASSERT_EQ(dsc_report_text_check("a\xff", 2, "file", &d), DSC_INVALID);
  memset(big, 'x', sizeof big - 1);
  DSC_ASSERT_EQ(dsc_report_text_check(big, DSC_REPORT_TEXT_MAX - 1, "f", &d),
                DSC_OK);
  DSC_ASSERT_EQ(dsc_report_text_check(big, DSC_REPORT_TEXT_MAX, "f", &d),
                DSC_INVALID);
}

DSC_TEST(texts_and_fee_notices_in_every_format) {
  static dsc_report_t r;
  char *json, *csv, *md, *html;

  dsc_report_init(&r, 2025, "default", "某局");
  snprintf(r.texts[DSC_REPORT_TEXT_OVERVIEW], DSC_REPORT_TEXT_MAX,
           "本年度总体情况良好。\n<b>第二段</b> *强调*");
  snprintf(r.texts[DSC_REPORT_TEXT_OTHER], DSC_REPORT_TEXT_MAX,
           "=人大代表建议办理情况");
  r.fee_notice_count = 2;
  r.fee_notice_amount_fen = 48000;
  r.fee_count = 1;
  r.fee_amount_fen = 38000;
  json = render(&r, DSC_REPORT_JSON);
  csv = render(&r, DSC_REPORT_CSV);
  md = render(&r, DSC_REPORT_MD);
  html = render(&r, DSC_REPORT_HTML);

  DSC_ASSERT(contains(json,
                      "  \"fees\": {\"count\": 1, \"amount_yuan\": 380},\n"
                      "  \"fee_notices\": {\"count\": 2, "
                      "\"amount_yuan\": 480},\n"));
  DSC_ASSERT(contains(json, "\"texts\": {\"overview\": \"本年度总体情况良好。"
                            "\\n<b>第二段</b> *强调*\", \"problems\": null, "
                            "\"other\": \"=人大代表建议办理情况\"}"));
  /* Sections 一 and 六 carry the text; 五 keeps the placeholder. */
  DSC_ASSERT(contains(csv,
                      "一、总体情况\r\n\"本年度总体情况良好。\n<b>第二段</b> "
                      "*强调*\"\r\n"));
  DSC_ASSERT(
      contains(csv, "五、存在的主要问题及改进情况\r\n（由本机关填写）\r\n"));
  DSC_ASSERT(contains(csv, "实际收取信息处理费1件，金额380.00元。\r\n"
                           "'=人大代表建议办理情况\r\n"));
  DSC_ASSERT(contains(md, "## 一、总体情况\n\n本年度总体情况良好。\n\n"
                          "\\<b\\>第二段\\<\\/b\\> \\*强调\\*\n\n"));
  DSC_ASSERT(count_of(md, "（由本机关填写）") == 1);
  DSC_ASSERT(contains(html, "<p>本年度总体情况良好。</p>\n"
                            "<p>&lt;b&gt;第二段&lt;/b&gt; *强调*</p>\n"));
  DSC_ASSERT(contains(html, "本年度共发出收费通知2件，收费金额480.00元；"
                            "实际收取信息处理费1件，金额380.00元。</p>\n"
                            "<p>=人大代表建议办理情况</p>"));
  dsc_report_free_text(json);
  dsc_report_free_text(csv);
  dsc_report_free_text(md);
  dsc_report_free_text(html);
}

/* A compilation stored before migration 0016 has no fee_notices and no
 * texts: it still parses (the diff reads it). */
DSC_TEST(parse_json_accepts_a_compilation_from_before_0016) {
  static dsc_report_t r, back;
  char *json, *a, *z, *cut;
  dsc_detail_t d;

  dsc_report_init(&r, 2024, "default", "某局");
  r.fee_count = 1;
  json = render(&r, DSC_REPORT_JSON);
  cut = strstr(json, "  \"fee_notices\"");
  DSC_ASSERT(cut != NULL);
  memmove(cut, strchr(cut, '\n') + 1, strlen(strchr(cut, '\n') + 1) + 1);
  cut = strstr(json, "  \"texts\"");
  DSC_ASSERT(cut != NULL);
  memmove(cut, strchr(cut, '\n') + 1, strlen(strchr(cut, '\n') + 1) + 1);
  DSC_ASSERT(!contains(json, "texts"));
  DSC_ASSERT_EQ(dsc_report_parse_json(json, strlen(json), &back, &d), DSC_OK);
  DSC_ASSERT_EQ(back.fee_count, 1);
  DSC_ASSERT_EQ(back.fee_notice_count, 0);
  a = render(&r, DSC_REPORT_JSON);
  z = render(&back, DSC_REPORT_JSON);
  DSC_ASSERT_STR_EQ(a, z);
  dsc_report_free_text(json);
  dsc_report_free_text(a);
  dsc_report_free_text(z);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(formats_carry_the_same_figures),
    DSC_TEST_ENTRY(official_labels_in_every_format),
    DSC_TEST_ENTRY(row_keys_and_labels),
    DSC_TEST_ENTRY(format_names),
    DSC_TEST_ENTRY(checks_consistent_report_all_ok),
    DSC_TEST_ENTRY(checks_corrupt_one_cell_fails_exactly_its_checks),
    DSC_TEST_ENTRY(checks_in_every_format),
    DSC_TEST_ENTRY(all_zero_report_renders_zero_in_every_cell),
    DSC_TEST_ENTRY(render_is_byte_identical),
    DSC_TEST_ENTRY(json_layout),
    DSC_TEST_ENTRY(json_round_trip),
    DSC_TEST_ENTRY(parse_json_refuses_non_renderings),
    DSC_TEST_ENTRY(agency_name_is_escaped),
    DSC_TEST_ENTRY(active_parse_good),
    DSC_TEST_ENTRY(active_parse_bad),
    DSC_TEST_ENTRY(active_figures_rendered),
    DSC_TEST_ENTRY(diff_lists_exactly_the_changed_cells),
    DSC_TEST_ENTRY(diff_labels_and_no_differences),
    DSC_TEST_ENTRY(misuse),
    DSC_TEST_ENTRY(allocation_failure_is_nomem_without_leaks),
    DSC_TEST_ENTRY(active_set_value_validates_each_key),
    DSC_TEST_ENTRY(text_check_and_sections),
    DSC_TEST_ENTRY(texts_and_fee_notices_in_every_format),
    DSC_TEST_ENTRY(parse_json_accepts_a_compilation_from_before_0016),
};
DSC_TEST_MAIN(cases)
