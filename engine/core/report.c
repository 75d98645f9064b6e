/* The annual report of 国办公开办函〔2021〕30号 (domain/statutes.md §3):
 * the format's tables, a report's initialisation and its checks.
 *
 * The labels below are the canonical text of statutes.md §3, full-width
 * brackets and all. The outcome rows take their keys from DSC_OUTCOME_MAP
 * (dsc_outcome_code), so the report cannot list an outcome the machine does
 * not know; their labels are written out here because the format's labels
 * are longer than machine.h's short ones ("（二）部分公开（区分处理的，只计这
 * 一情形，不计其他情形）" and the group titles "（三）不予公开" …), and a test
 * checks that the two agree row by row.
 */
#include "disclose/report.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/fee.h"
#include "report_int.h"
#include "utf8.h"

_Static_assert(DSC_REPORT_ROWS == 25, "section 三 has 25 data rows");
_Static_assert(DSC_OUTCOME__COUNT == 22, "21 outcome rows (and NONE)");
_Static_assert(DSC_REPORT_COLUMNS == 7, "section 三 has 7 data columns");

/* ---- section 三: rows ---------------------------------------------------- */

#define L_RESULTS "三、本年度办理结果"
#define L_WITHHELD "（三）不予公开"
#define L_UNAVAILABLE "（四）无法提供"
#define L_NOT_PROCESSED "（五）不予处理"
#define L_OTHER "（六）其他处理"

/* Row by row, in dsc_report_row_t order; rows 2 … 22 are the outcomes of
 * DSC_OUTCOME_MAP in its order. */
static const dsc__report_row_info_t row_info[DSC_REPORT_ROWS] = {
    {"一、本年新收政府信息公开申请数量", NULL, NULL},
    {"二、上年结转政府信息公开申请数量", NULL, NULL},
    {L_RESULTS, "（一）予以公开", NULL},
    {L_RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
     NULL},
    {L_RESULTS, L_WITHHELD, "1.属于国家秘密"},
    {L_RESULTS, L_WITHHELD, "2.其他法律行政法规禁止公开"},
    {L_RESULTS, L_WITHHELD, "3.危及“三安全一稳定”"},
    {L_RESULTS, L_WITHHELD, "4.保护第三方合法权益"},
    {L_RESULTS, L_WITHHELD, "5.属于三类内部事务信息"},
    {L_RESULTS, L_WITHHELD, "6.属于四类过程性信息"},
    {L_RESULTS, L_WITHHELD, "7.属于行政执法案卷"},
    {L_RESULTS, L_WITHHELD, "8.属于行政查询事项"},
    {L_RESULTS, L_UNAVAILABLE, "1.本机关不掌握相关政府信息"},
    {L_RESULTS, L_UNAVAILABLE, "2.没有现成信息需要另行制作"},
    {L_RESULTS, L_UNAVAILABLE, "3.补正后申请内容仍不明确"},
    {L_RESULTS, L_NOT_PROCESSED, "1.信访举报投诉类申请"},
    {L_RESULTS, L_NOT_PROCESSED, "2.重复申请"},
    {L_RESULTS, L_NOT_PROCESSED, "3.要求提供公开出版物"},
    {L_RESULTS, L_NOT_PROCESSED, "4.无正当理由大量反复申请"},
    {L_RESULTS, L_NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"},
    /* The three sub-rows of （六） are new in 2021 and were seen only in
     * third-party transcriptions of the template (statutes.md §3). */
    {L_RESULTS, L_OTHER,
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"},
    {L_RESULTS, L_OTHER,
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申"
     "请"},
    {L_RESULTS, L_OTHER, "3.其他"},
    {L_RESULTS, "（七）总计", NULL},
    {"四、结转下年度继续办理", NULL, NULL},
};

/* dsc_report_row_label's texts: the rows under 三、本年度办理结果 without
 * that level, l2 and l3 joined by a space; the other rows their l1. Spelled
 * out, since the function returns static storage. */
static const char *const row_labels[DSC_REPORT_ROWS] = {
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    L_WITHHELD " 1.属于国家秘密",
    L_WITHHELD " 2.其他法律行政法规禁止公开",
    L_WITHHELD " 3.危及“三安全一稳定”",
    L_WITHHELD " 4.保护第三方合法权益",
    L_WITHHELD " 5.属于三类内部事务信息",
    L_WITHHELD " 6.属于四类过程性信息",
    L_WITHHELD " 7.属于行政执法案卷",
    L_WITHHELD " 8.属于行政查询事项",
    L_UNAVAILABLE " 1.本机关不掌握相关政府信息",
    L_UNAVAILABLE " 2.没有现成信息需要另行制作",
    L_UNAVAILABLE " 3.补正后申请内容仍不明确",
    L_NOT_PROCESSED " 1.信访举报投诉类申请",
    L_NOT_PROCESSED " 2.重复申请",
    L_NOT_PROCESSED " 3.要求提供公开出版物",
    L_NOT_PROCESSED " 4.无正当理由大量反复申请",
    L_NOT_PROCESSED " 5.要求行政机关确认或重新出具已获取信息",
    L_OTHER " 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    L_OTHER " 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息"
            "公开申请",
    L_OTHER " 3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
};

const dsc__report_row_info_t *dsc__report_row_info(int row) {
  if (row < 0 || row >= DSC_REPORT_ROWS)
    return NULL;
  return &row_info[row];
}

const char *dsc__report_row_path(int row, char buf[DSC__REPORT_PATH_MAX]) {
  const dsc__report_row_info_t *ri = dsc__report_row_info(row);

  buf[0] = '\0';
  if (ri != NULL)
    snprintf(buf, DSC__REPORT_PATH_MAX, "%s%s%s%s", ri->l1,
             ri->l2 ? ri->l2 : "", ri->l3 ? " " : "", ri->l3 ? ri->l3 : "");
  return buf;
}

const char *dsc_report_row_key(dsc_report_row_t row) {
  switch (row) {
  case DSC_REPORT_ROW_NEW:
    return "new";
  case DSC_REPORT_ROW_CARRIED_IN:
    return "carried_in";
  case DSC_REPORT_ROW_HANDLED_TOTAL:
    return "handled_total";
  case DSC_REPORT_ROW_CARRIED_OUT:
    return "carried_out";
  case DSC_REPORT_ROWS:
    return NULL;
  default:
    break;
  }
  if ((int)row > DSC_REPORT_ROW_CARRIED_IN &&
      (int)row < DSC_REPORT_ROW_HANDLED_TOTAL)
    return dsc_outcome_code((dsc_outcome_t)((int)row - 1));
  return NULL;
}

const char *dsc_report_row_label(dsc_report_row_t row) {
  if ((int)row < 0 || (int)row >= DSC_REPORT_ROWS)
    return NULL;
  return row_labels[row];
}

/* ---- section 三: columns ------------------------------------------------- */

const char *dsc__report_column_key(int col) {
  if (col >= 0 && col < DSC_APPLICANT_TYPE_COUNT)
    return dsc_applicant_type_name((dsc_applicant_type_t)col);
  return col == DSC_REPORT_TOTAL_COLUMN ? "total" : NULL;
}

const char *dsc__report_column_label(int col) {
  if (col >= 0 && col < DSC_APPLICANT_TYPE_COUNT)
    return dsc_applicant_type_label((dsc_applicant_type_t)col);
  return col == DSC_REPORT_TOTAL_COLUMN ? "总计" : NULL;
}

bool dsc__report_column_is_org(int col) {
  return col > DSC_APPLICANT_NATURAL_PERSON && col < DSC_APPLICANT_TYPE_COUNT;
}

/* ---- section 四 -----------------------------------------------------------
 */

const char *dsc__report_appeal_kind_key(int kind) {
  static const char *const keys[DSC_REPORT_APPEAL_KINDS] = {
      "reconsideration", "litigation_direct",
      "litigation_after_reconsideration"};
  return kind >= 0 && kind < DSC_REPORT_APPEAL_KINDS ? keys[kind] : NULL;
}

const char *dsc__report_appeal_col_key(int col) {
  static const char *const keys[DSC_REPORT_APPEAL_COLUMNS] = {
      "upheld", "corrected", "other", "pending", "total"};
  return col >= 0 && col < DSC_REPORT_APPEAL_COLUMNS ? keys[col] : NULL;
}

const char *dsc__report_appeal_col_label(int col) {
  static const char *const labels[DSC_REPORT_APPEAL_COLUMNS] = {
      "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
  return col >= 0 && col < DSC_REPORT_APPEAL_COLUMNS ? labels[col] : NULL;
}

/* ---- section 二 -----------------------------------------------------------
 */

static const dsc__active_item_t active_items[DSC__ACTIVE_ITEMS] = {
    {"rules", "made", "规章", "本年制发件数"},
    {"rules", "repealed", "规章", "本年废止件数"},
    {"rules", "in_force", "规章", "现行有效件数"},
    {"normative_documents", "made", "行政规范性文件", "本年制发件数"},
    {"normative_documents", "repealed", "行政规范性文件", "本年废止件数"},
    {"normative_documents", "in_force", "行政规范性文件", "现行有效件数"},
    {NULL, "licensing", "行政许可", "本年处理决定数量"},
    {NULL, "punishment", "行政处罚", "本年处理决定数量"},
    {NULL, "enforcement", "行政强制", "本年处理决定数量"},
    {NULL, "fees_wan_yuan", "行政事业性收费", "本年收费金额（单位：万元）"},
};

const dsc__active_item_t *dsc__active_item(int item) {
  return item >= 0 && item < DSC__ACTIVE_ITEMS ? &active_items[item] : NULL;
}

int dsc__report_wan_yuan_check(const char *s) {
  size_t nwhole = strspn(s, "0123456789"), nfrac = 0;
  const char *p = s + nwhole;

  if (*p == '.') {
    nfrac = strspn(p + 1, "0123456789");
    if (nfrac == 0)
      return 1;
    p += 1 + nfrac;
  }
  if (nwhole == 0 || *p != '\0')
    return 1;
  return nfrac > 4 ? 2 : 0;
}

/* Section 二's counts stay below 10^12 (dsc_report_active_parse's bound). */
#define ACTIVE_DIGITS_MAX 12

/* The item whose JSON path ("rules.made", "licensing") is key; -1. */
static int active_item_of(const char *key) {
  for (int i = 0; i < DSC__ACTIVE_ITEMS; i++) {
    const dsc__active_item_t *it = &active_items[i];
    size_t g = it->group ? strlen(it->group) : 0;

    if (it->group == NULL ? strcmp(key, it->key) == 0
                          : strncmp(key, it->group, g) == 0 && key[g] == '.' &&
                                strcmp(key + g + 1, it->key) == 0)
      return i;
  }
  return -1;
}

dsc_err_t dsc_report_active_set_value(dsc_report_active_t *a, const char *key,
                                      const char *value, dsc_detail_t *detail) {
  int item;
  int64_t n = 0;
  size_t len;

  if (a == NULL || key == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "key",
                          "dsc_report_active_set_value: NULL argument",
                          "dsc_report_active_set_value：参数为空");
  item = active_item_of(key);
  if (item < 0)
    return dsc_detail_setf(detail, DSC_INVALID, "key",
                           "%.64s is not a figure of section 二 (rules.made, "
                           "rules.repealed, rules.in_force, "
                           "normative_documents.made, …, licensing, "
                           "punishment, enforcement, fees_wan_yuan)",
                           "%.64s 不是第二部分的项目（rules.made、"
                           "rules.repealed、rules.in_force、"
                           "normative_documents.made……licensing、punishment、"
                           "enforcement、fees_wan_yuan）",
                           key);
  len = value ? strlen(value) : 0;
  if (item == DSC__ACTIVE_FEES) {
    int bad = len == 0 ? 0 : dsc__report_wan_yuan_check(value);
    if (bad == 1 || len >= sizeof a->fees_wan_yuan)
      return dsc_detail_set(detail, DSC_INVALID, key,
                            "not an amount: write 万元 in digits, such as "
                            "12.34 (zero or more)",
                            "不是金额：请用阿拉伯数字填写万元数，如12.34"
                            "（不小于零）");
    if (bad == 2)
      return dsc_detail_set(detail, DSC_INVALID, key,
                            "too many decimals: at most four",
                            "小数位数过多：最多四位");
    memcpy(a->fees_wan_yuan, len ? value : "", len + 1);
    return DSC_OK;
  }
  if (len > 0 &&
      (strspn(value, "0123456789") != len || len > ACTIVE_DIGITS_MAX))
    return dsc_detail_set(detail, DSC_INVALID, key,
                          "must be a whole number, zero or more, below 10^12 "
                          "(digits only)",
                          "须为小于10^12的非负整数（仅限数字）");
  for (size_t i = 0; i < len; i++)
    n = n * 10 + (value[i] - '0');
  if (len == 0)
    n = -1;
  if (item <= DSC__ACTIVE_RULES_IN_FORCE)
    a->rules[item - DSC__ACTIVE_RULES_MADE] = n;
  else if (item <= DSC__ACTIVE_NORMS_IN_FORCE)
    a->normative_documents[item - DSC__ACTIVE_NORMS_MADE] = n;
  else if (item == DSC__ACTIVE_LICENSING)
    a->licensing = n;
  else if (item == DSC__ACTIVE_PUNISHMENT)
    a->punishment = n;
  else
    a->enforcement = n;
  return DSC_OK;
}

/* ---- the agency's texts ---------------------------------------------------
 */

const char *dsc__report_text_key(int which) {
  static const char *const keys[DSC_REPORT_TEXTS] = {"overview", "problems",
                                                     "other"};
  return which >= 0 && which < DSC_REPORT_TEXTS ? keys[which] : NULL;
}

int dsc__report_text_section(int which) {
  static const int sections[DSC_REPORT_TEXTS] = {0, 4, 5};
  return which >= 0 && which < DSC_REPORT_TEXTS ? sections[which] : -1;
}

int dsc_report_text_of_section(int section) {
  switch (section) {
  case 1:
    return DSC_REPORT_TEXT_OVERVIEW;
  case 5:
    return DSC_REPORT_TEXT_PROBLEMS;
  case 6:
    return DSC_REPORT_TEXT_OTHER;
  default:
    return -1;
  }
}

dsc_err_t dsc_report_text_check(const char *text, size_t len, const char *field,
                                dsc_detail_t *detail) {
  if (text == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, field,
                          "dsc_report_text_check: NULL text",
                          "dsc_report_text_check：文本为空");
  if (len >= DSC_REPORT_TEXT_MAX)
    return dsc_detail_setf(
        detail, DSC_INVALID, field, "too long: %zu bytes, at most %d",
        "过长：%zu 字节，最多 %d 字节", len, DSC_REPORT_TEXT_MAX - 1);
  if (!dsc__utf8_valid(text, len))
    return dsc_detail_set(detail, DSC_INVALID, field, "not valid UTF-8",
                          "不是有效的 UTF-8 文本");
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)text[i];
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
      return dsc_detail_setf(detail, DSC_INVALID, field,
                             "a control character (0x%02X) at byte %zu",
                             "控制字符（0x%02X），位于第 %zu 字节", c, i);
  }
  return DSC_OK;
}

int64_t dsc__active_count(const dsc_report_active_t *a, int item) {
  switch (item) {
  case DSC__ACTIVE_RULES_MADE:
  case DSC__ACTIVE_RULES_REPEALED:
  case DSC__ACTIVE_RULES_IN_FORCE:
    return a->rules[item - DSC__ACTIVE_RULES_MADE];
  case DSC__ACTIVE_NORMS_MADE:
  case DSC__ACTIVE_NORMS_REPEALED:
  case DSC__ACTIVE_NORMS_IN_FORCE:
    return a->normative_documents[item - DSC__ACTIVE_NORMS_MADE];
  case DSC__ACTIVE_LICENSING:
    return a->licensing;
  case DSC__ACTIVE_PUNISHMENT:
    return a->punishment;
  case DSC__ACTIVE_ENFORCEMENT:
    return a->enforcement;
  default:
    return -1;
  }
}

/* ---- shared texts ---------------------------------------------------------
 */

const char *const dsc__report_section_titles[6] = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
};
const char dsc__report_note[] =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const char dsc__report_applicants[] = "申请人情况";
const char dsc__report_org[] = "法人或其他组织";
/* Sections 一 and 五 are the agency's own prose; the rendering leaves a
 * placeholder for it. */
const char dsc__report_placeholder[] = "（由本机关填写）";
/* Not part of the format: our appendix listing the invariants. */
const char dsc__report_checks_title[] = "附：数据勾稽关系检查";

const char *dsc__report_title(const dsc_report_t *r,
                              char buf[DSC__REPORT_TITLE_MAX]) {
  char name[DSC__REPORT_CLEAN_MAX(sizeof r->agency_name)];

  dsc__report_clean(r->agency_name, sizeof r->agency_name, name);
  if (name[0] == '\0')
    dsc__report_clean(r->agency, sizeof r->agency, name);
  snprintf(buf, DSC__REPORT_TITLE_MAX, "%s%d年政府信息公开工作年度报告", name,
           r->year);
  return buf;
}

const char *dsc__report_fees_sentence(const dsc_report_t *r,
                                      char buf[DSC__REPORT_FEES_MAX]) {
  char yuan[DSC_FEE_AMOUNT_STRLEN];

  char notices[DSC_FEE_AMOUNT_STRLEN];

  /* The wording is ours: 30号 asks for the 信息处理费 of 国办函〔2020〕109号
   * in section 六 — the fee notices issued and their amounts, and what was
   * actually collected — but gives no sentence (statutes.md §3). */
  snprintf(buf, DSC__REPORT_FEES_MAX,
           "本年度共发出收费通知%" PRId64 "件，收费金额%s元；实际收取信息处理费"
           "%" PRId64 "件，金额%s元。",
           r->fee_notice_count,
           dsc_fee_amount_format(r->fee_notice_amount_fen, notices),
           r->fee_count, dsc_fee_amount_format(r->fee_amount_fen, yuan));
  return buf;
}

int64_t dsc__report_add(int64_t a, int64_t b) {
  if (b > 0 && a > INT64_MAX - b)
    return INT64_MAX;
  if (b < 0 && a < INT64_MIN - b)
    return INT64_MIN;
  return a + b;
}

/* ---- formats ------------------------------------------------------------- */

const char *dsc_report_format_name(dsc_report_format_t f) {
  switch (f) {
  case DSC_REPORT_JSON:
    return "json";
  case DSC_REPORT_CSV:
    return "csv";
  case DSC_REPORT_MD:
    return "md";
  case DSC_REPORT_HTML:
    return "html";
  default:
    return NULL;
  }
}

dsc_err_t dsc_report_format_parse(const char *name, dsc_report_format_t *out,
                                  dsc_detail_t *detail) {
  static const dsc_report_format_t all[] = {DSC_REPORT_JSON, DSC_REPORT_CSV,
                                            DSC_REPORT_MD, DSC_REPORT_HTML};

  if (out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "format",
                          "dsc_report_format_parse: NULL output",
                          "dsc_report_format_parse：输出参数为空");
  for (size_t i = 0; name != NULL && i < sizeof all / sizeof all[0]; i++)
    if (strcmp(name, dsc_report_format_name(all[i])) == 0) {
      *out = all[i];
      return DSC_OK;
    }
  return dsc_detail_set(detail, DSC_INVALID, "format",
                        "must be json, csv, md or html",
                        "须为 json、csv、md 或 html");
}

/* ---- init ---------------------------------------------------------------- */

void dsc_report_init(dsc_report_t *r, int year, const char *agency,
                     const char *agency_name) {
  if (r == NULL)
    return;
  memset(r, 0, sizeof *r);
  r->year = year;
  if (agency != NULL)
    dsc__utf8_copy_truncated(r->agency, sizeof r->agency, agency,
                             strlen(agency));
  if (agency_name != NULL)
    dsc__utf8_copy_truncated(r->agency_name, sizeof r->agency_name, agency_name,
                             strlen(agency_name));
  dsc__report_active_clear(&r->active);
}

void dsc__report_active_clear(dsc_report_active_t *a) {
  memset(a, 0, sizeof *a);
  for (int i = 0; i < 3; i++)
    a->rules[i] = a->normative_documents[i] = -1;
  a->licensing = a->punishment = a->enforcement = -1;
}

void dsc__report_active_merge(dsc_report_active_t *into,
                              const dsc_report_active_t *over) {
  for (int i = 0; i < 3; i++) {
    if (over->rules[i] >= 0)
      into->rules[i] = over->rules[i];
    if (over->normative_documents[i] >= 0)
      into->normative_documents[i] = over->normative_documents[i];
  }
  if (over->licensing >= 0)
    into->licensing = over->licensing;
  if (over->punishment >= 0)
    into->punishment = over->punishment;
  if (over->enforcement >= 0)
    into->enforcement = over->enforcement;
  if (over->fees_wan_yuan[0] != '\0')
    memcpy(into->fees_wan_yuan, over->fees_wan_yuan,
           sizeof into->fees_wan_yuan);
}

/* ---- checks -------------------------------------------------------------- */

/* Appends one check when it fits; counts it always. */
static void add_check(dsc_report_check_t *out, size_t max, size_t *n,
                      const char *kind, const char *what, int64_t left,
                      int64_t right) {
  if (*n < max) {
    dsc_report_check_t *c = &out[*n];
    snprintf(c->name, sizeof c->name, "%s.%s", kind, what);
    c->ok = left == right;
    c->left = left;
    c->right = right;
  }
  (*n)++;
}

size_t dsc_report_checks(const dsc_report_t *r, dsc_report_check_t *out,
                         size_t max) {
  size_t n = 0;

  if (r == NULL)
    return 0;
  if (out == NULL)
    max = 0;

  /* 1. The header note: 一 + 二 = 三（七） + 四, column by column. */
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
    add_check(out, max, &n, "balance", dsc__report_column_key(c),
              dsc__report_add(r->cells[DSC_REPORT_ROW_NEW][c],
                              r->cells[DSC_REPORT_ROW_CARRIED_IN][c]),
              dsc__report_add(r->cells[DSC_REPORT_ROW_HANDLED_TOTAL][c],
                              r->cells[DSC_REPORT_ROW_CARRIED_OUT][c]));

  /* 2. （七）总计 = the 21 outcome rows. */
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
    int64_t sum = 0;
    for (int o = 1; o < DSC_OUTCOME__COUNT; o++)
      sum = dsc__report_add(sum, r->cells[DSC_REPORT_ROW_OUTCOME(o)][c]);
    add_check(out, max, &n, "results_total", dsc__report_column_key(c),
              r->cells[DSC_REPORT_ROW_HANDLED_TOTAL][c], sum);
  }

  /* 3. 总计 = the six applicant columns, row by row. */
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    int64_t sum = 0;
    for (int c = 0; c < DSC_APPLICANT_TYPE_COUNT; c++)
      sum = dsc__report_add(sum, r->cells[row][c]);
    add_check(out, max, &n, "row_total",
              dsc_report_row_key((dsc_report_row_t)row),
              r->cells[row][DSC_REPORT_TOTAL_COLUMN], sum);
  }

  /* 5. Section 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结. */
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++) {
    int64_t sum = 0;
    for (int c = 0; c < DSC_REPORT_APPEAL_TOTAL; c++)
      sum = dsc__report_add(sum, r->appeals[k][c]);
    add_check(out, max, &n, "appeals_total", dsc__report_appeal_kind_key(k),
              r->appeals[k][DSC_REPORT_APPEAL_TOTAL], sum);
  }

  /* 4. The carry-over chain: this year's 二 = last year's 四. */
  if (r->has_previous)
    for (int c = 0; c < DSC_REPORT_COLUMNS; c++)
      add_check(out, max, &n, "carry_over", dsc__report_column_key(c),
                r->cells[DSC_REPORT_ROW_CARRIED_IN][c],
                r->previous_carried_out[c]);
  return n;
}

void dsc_report_free_text(char *text) {
  if (text != NULL)
    dsc__free(text);
}
