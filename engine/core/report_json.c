/* Over 700 lines because the writer and the two parsers mirror each other
 * key by key and change together.
 *
 * The annual report as JSON (CONTRACT §9): the rendering, printed by hand
 * so that key order, indentation and number forms are fixed (cJSON_Print
 * indents with tabs and prints large numbers as 1e+06), and the two
 * parsers, which use cJSON.
 *
 * Layout: objects one member per line, indented by two spaces; an array or
 * object whose members are all scalars on one line ("new": [1, 2, …],
 * "reconsideration": {"upheld": 0, …}). Counts are integers, the fee
 * amount a number of yuan with at most two decimals.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "report_int.h"
#include "utf8.h"

/* ---- rendering ------------------------------------------------------------
 */

static void indent(dsc__rbuf_t *b, int n) {
  static const char spaces[] = "        ";
  dsc__rbuf_add(b, spaces, (size_t)n);
}

/* "key": at the given indentation. */
static void key(dsc__rbuf_t *b, int n, const char *k) {
  indent(b, n);
  dsc__rbuf_json_str(b, k);
  dsc__rbuf_add(b, ": ", 2);
}

/* A count of section 二: null when not given (negative). */
static void active_count(dsc__rbuf_t *b, int64_t v) {
  if (v < 0)
    dsc__rbuf_str(b, "null");
  else
    dsc__rbuf_i64(b, v);
}

/* The section-二 object, its closing brace at indentation n. */
static void json_active(const dsc_report_active_t *a, dsc__rbuf_t *b, int n) {
  char fees[DSC__REPORT_CLEAN_MAX(sizeof a->fees_wan_yuan)];
  const char *group = NULL;

  dsc__rbuf_str(b, "{\n");
  for (int i = 0; i < DSC__ACTIVE_FEES; i++) {
    const dsc__active_item_t *it = dsc__active_item(i);

    if (it->group != NULL) {
      if (group == NULL || strcmp(group, it->group) != 0) {
        if (group != NULL)
          dsc__rbuf_str(b, "},\n");
        key(b, n + 2, it->group);
        dsc__rbuf_str(b, "{");
        group = it->group;
      } else {
        dsc__rbuf_str(b, ", ");
      }
      dsc__rbuf_json_str(b, it->key);
      dsc__rbuf_add(b, ": ", 2);
      active_count(b, dsc__active_count(a, i));
      continue;
    }
    if (group != NULL) {
      dsc__rbuf_str(b, "},\n");
      group = NULL;
    }
    key(b, n + 2, it->key);
    active_count(b, dsc__active_count(a, i));
    dsc__rbuf_str(b, ",\n");
  }
  key(b, n + 2, dsc__active_item(DSC__ACTIVE_FEES)->key);
  dsc__report_clean(a->fees_wan_yuan, sizeof a->fees_wan_yuan, fees);
  if (fees[0] == '\0')
    dsc__rbuf_str(b, "null");
  else
    dsc__rbuf_json_str(b, fees);
  dsc__rbuf_str(b, "\n");
  indent(b, n);
  dsc__rbuf_str(b, "}");
}

/* {"overview": …, "problems": …, "other": …} on one line: strings, or
 * null for a text not given. */
static void json_texts(const dsc_report_t *r, dsc__rbuf_t *b) {
  dsc__rbuf_str(b, "{");
  for (int i = 0; i < DSC_REPORT_TEXTS; i++) {
    char *text = dsc__report_text(r, i);

    if (i > 0)
      dsc__rbuf_str(b, ", ");
    dsc__rbuf_json_str(b, dsc__report_text_key(i));
    dsc__rbuf_add(b, ": ", 2);
    if (text == NULL)
      b->failed = true;
    else if (text[0] == '\0')
      dsc__rbuf_str(b, "null");
    else
      dsc__rbuf_json_str(b, text);
    dsc__free(text);
  }
  dsc__rbuf_str(b, "}");
}

/* [n, n, …] of the seven columns. */
static void columns(dsc__rbuf_t *b, const int64_t v[DSC_REPORT_COLUMNS]) {
  dsc__rbuf_str(b, "[");
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
    if (c > 0)
      dsc__rbuf_str(b, ", ");
    dsc__rbuf_i64(b, v[c]);
  }
  dsc__rbuf_str(b, "]");
}

void dsc__report_json(const dsc_report_t *r, dsc__rbuf_t *b) {
  char text[DSC__REPORT_CLEAN_MAX(sizeof r->agency_name)];
  dsc_report_check_t checks[DSC__REPORT_CHECKS_MAX];
  size_t nchecks;

  dsc__rbuf_str(b, "{\n");
  key(b, 2, "year");
  dsc__rbuf_i64(b, r->year);
  dsc__rbuf_str(b, ",\n");
  key(b, 2, "agency");
  dsc__rbuf_json_str(b, dsc__report_clean(r->agency, sizeof r->agency, text));
  dsc__rbuf_str(b, ",\n");
  key(b, 2, "agency_name");
  dsc__rbuf_json_str(
      b, dsc__report_clean(r->agency_name, sizeof r->agency_name, text));
  dsc__rbuf_str(b, ",\n");

  key(b, 2, "applications");
  dsc__rbuf_str(b, "{\n");
  key(b, 4, "columns");
  dsc__rbuf_str(b, "[");
  for (int c = 0; c < DSC_REPORT_COLUMNS; c++) {
    if (c > 0)
      dsc__rbuf_str(b, ", ");
    dsc__rbuf_json_str(b, dsc__report_column_key(c));
  }
  dsc__rbuf_str(b, "],\n");
  key(b, 4, "rows");
  dsc__rbuf_str(b, "{\n");
  for (int row = 0; row < DSC_REPORT_ROWS; row++) {
    key(b, 6, dsc_report_row_key((dsc_report_row_t)row));
    columns(b, r->cells[row]);
    dsc__rbuf_str(b, row + 1 < DSC_REPORT_ROWS ? ",\n" : "\n");
  }
  dsc__rbuf_str(b, "    }\n  },\n");

  key(b, 2, "appeals");
  dsc__rbuf_str(b, "{\n");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++) {
    key(b, 4, dsc__report_appeal_kind_key(k));
    dsc__rbuf_str(b, "{");
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++) {
      if (c > 0)
        dsc__rbuf_str(b, ", ");
      dsc__rbuf_json_str(b, dsc__report_appeal_col_key(c));
      dsc__rbuf_add(b, ": ", 2);
      dsc__rbuf_i64(b, r->appeals[k][c]);
    }
    dsc__rbuf_str(b, k + 1 < DSC_REPORT_APPEAL_KINDS ? "},\n" : "}\n");
  }
  dsc__rbuf_str(b, "  },\n");

  key(b, 2, "fees");
  dsc__rbuf_str(b, "{\"count\": ");
  dsc__rbuf_i64(b, r->fee_count);
  dsc__rbuf_str(b, ", \"amount_yuan\": ");
  dsc__rbuf_json_yuan(b, r->fee_amount_fen);
  dsc__rbuf_str(b, "},\n");

  key(b, 2, "fee_notices");
  dsc__rbuf_str(b, "{\"count\": ");
  dsc__rbuf_i64(b, r->fee_notice_count);
  dsc__rbuf_str(b, ", \"amount_yuan\": ");
  dsc__rbuf_json_yuan(b, r->fee_notice_amount_fen);
  dsc__rbuf_str(b, "},\n");

  key(b, 2, "active");
  if (r->has_active)
    json_active(&r->active, b, 2);
  else
    dsc__rbuf_str(b, "null");
  dsc__rbuf_str(b, ",\n");

  key(b, 2, "texts");
  json_texts(r, b);
  dsc__rbuf_str(b, ",\n");

  key(b, 2, "previous_carried_out");
  if (r->has_previous)
    columns(b, r->previous_carried_out);
  else
    dsc__rbuf_str(b, "null");
  dsc__rbuf_str(b, ",\n");

  key(b, 2, "checks");
  dsc__rbuf_str(b, "[\n");
  nchecks = dsc_report_checks(r, checks, DSC__REPORT_CHECKS_MAX);
  for (size_t i = 0; i < nchecks; i++) {
    indent(b, 4);
    dsc__rbuf_str(b, "{\"name\": ");
    dsc__rbuf_json_str(b, checks[i].name);
    dsc__rbuf_str(b, checks[i].ok ? ", \"ok\": true" : ", \"ok\": false");
    dsc__rbuf_str(b, ", \"left\": ");
    dsc__rbuf_i64(b, checks[i].left);
    dsc__rbuf_str(b, ", \"right\": ");
    dsc__rbuf_i64(b, checks[i].right);
    dsc__rbuf_str(b, i + 1 < nchecks ? "},\n" : "}\n");
  }
  dsc__rbuf_str(b, "  ]\n}\n");
}

/* ---- parsing: the document ------------------------------------------------
 */

/* No rendering comes near this; a stored one that does is not ours. */
#define JSON_MAX_BYTES ((size_t)1 << 20)

#define DOCUMENT "(document)"

static bool json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parses doc[0..len) into *root (OUT), an object. */
static dsc_err_t parse_doc(const char *doc, size_t len, cJSON **root,
                           dsc_detail_t *d) {
  const char *end = NULL;
  unsigned long failures = dsc__alloc_failures();
  size_t at;

  *root = NULL;
  if (len > JSON_MAX_BYTES)
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "too large (over 1 MiB)",
                          "过大（超过 1 MiB）");
  if (memchr(doc, '\0', len) != NULL)
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "contains a NUL byte",
                          "含有 NUL 字节");
  *root = cJSON_ParseWithLengthOpts(doc, len, &end, 0);
  if (*root == NULL) {
    if (dsc__alloc_failures() != failures)
      return dsc_detail_set(d, DSC_NOMEM, DOCUMENT, "out of memory",
                            "内存不足");
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "not valid JSON",
                          "不是有效的 JSON");
  }
  at = (size_t)(end - doc);
  while (at < len && json_space(doc[at]))
    at++;
  if (at < len)
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT,
                          "unexpected text after the JSON value",
                          "JSON 值之后有多余内容");
  if (!cJSON_IsObject(*root))
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "must be a JSON object",
                          "必须是 JSON 对象");
  return DSC_OK;
}

/* ---- parsing: fields ----------------------------------------------------- */

/* The detail field "prefix" "key" (prefix ends in '.' or is ""), with
 * control characters of an untrusted key shown as '?'. */
static dsc_err_t refuse(dsc_detail_t *d, const char *prefix, const char *k,
                        const char *en, const char *zh) {
  char field[sizeof d->field];
  size_t p = strlen(prefix);

  if (p >= sizeof field)
    p = sizeof field - 1;
  memcpy(field, prefix, p);
  if (k[0] == '\0' && p == 0)
    k = "\"\"";
  dsc__utf8_copy_truncated(field + p, sizeof field - p, k, strlen(k));
  for (char *c = field; *c != '\0'; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7F)
      *c = '?';
  return dsc_detail_set(d, DSC_INVALID, field, en, zh);
}

/* Files each member of obj into slots[] by its key (one of names[n]),
 * refusing unknown and repeated keys. */
static dsc_err_t collect(const cJSON *obj, const char *prefix,
                         const char *const *names, size_t n,
                         const cJSON **slots, dsc_detail_t *d) {
  for (size_t k = 0; k < n; k++)
    slots[k] = NULL;
  for (const cJSON *m = obj->child; m != NULL; m = m->next) {
    const char *k = m->string != NULL ? m->string : "";
    size_t i = 0;

    while (i < n && strcmp(k, names[i]) != 0)
      i++;
    if (i == n)
      return refuse(d, prefix, k, "unknown key", "未知的键");
    if (slots[i] != NULL)
      return refuse(d, prefix, k, "duplicate key", "键重复");
    slots[i] = m;
  }
  return DSC_OK;
}

/* Refuses the first of names[n] missing from slots. */
static dsc_err_t require_all(const char *prefix, const char *const *names,
                             size_t n, const cJSON **slots, dsc_detail_t *d) {
  for (size_t i = 0; i < n; i++)
    if (slots[i] == NULL)
      return refuse(d, prefix, names[i], "required", "必填");
  return DSC_OK;
}

/* A JSON number that is an integer in 0 … max. */
static bool is_count(const cJSON *v, double max) {
  double x;

  if (!cJSON_IsNumber(v))
    return false;
  x = v->valuedouble;
  return x >= 0 && x <= max && x == (double)(int64_t)x;
}

static dsc_err_t get_count(const cJSON *v, double max, const char *prefix,
                           const char *k, int64_t *out, dsc_detail_t *d) {
  if (!cJSON_IsNumber(v))
    return refuse(d, prefix, k, "must be a number", "须为数字");
  if (v->valuedouble < 0)
    return refuse(d, prefix, k, "negative: must be zero or more",
                  "为负数：须为零或正整数");
  if (!is_count(v, max))
    return refuse(d, prefix, k, "must be a whole number within range",
                  "须为范围内的整数");
  *out = (int64_t)v->valuedouble;
  return DSC_OK;
}

/* A string of at most cap-1 bytes, UTF-8, no control character. */
static dsc_err_t get_text(const cJSON *v, const char *prefix, const char *k,
                          char *out, size_t cap, dsc_detail_t *d) {
  size_t n;

  if (!cJSON_IsString(v) || v->valuestring == NULL)
    return refuse(d, prefix, k, "must be a string", "须为字符串");
  n = strlen(v->valuestring);
  if (n >= cap)
    return refuse(d, prefix, k, "too long", "过长");
  if (!dsc__utf8_valid(v->valuestring, n))
    return refuse(d, prefix, k, "not valid UTF-8", "不是有效的 UTF-8");
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)v->valuestring[i] < 0x20 || v->valuestring[i] == 0x7F)
      return refuse(d, prefix, k, "contains a control character",
                    "含有控制字符");
  memcpy(out, v->valuestring, n + 1);
  return DSC_OK;
}

/* ---- parsing: section 二 ----------------------------------------------------
 */

/* Counts of section 二 stay below 10^12 (report.h). */
#define ACTIVE_COUNT_MAX 999999999999.0

/* A count of section 二, or null for not given (-1). */
static dsc_err_t get_active_count(const cJSON *v, const char *prefix,
                                  const char *k, int64_t *out,
                                  dsc_detail_t *d) {
  if (v == NULL || cJSON_IsNull(v)) {
    *out = -1;
    return DSC_OK;
  }
  return get_count(v, ACTIVE_COUNT_MAX, prefix, k, out, d);
}

/* fees_wan_yuan: digits, optionally '.' and one to four digits. */
static dsc_err_t get_wan_yuan(const cJSON *v, const char *prefix, char *out,
                              size_t cap, dsc_detail_t *d) {
  static const char k[] = "fees_wan_yuan";
  int bad;

  out[0] = '\0';
  if (v == NULL || cJSON_IsNull(v))
    return DSC_OK;
  if (!cJSON_IsString(v) || v->valuestring == NULL)
    return refuse(d, prefix, k, "must be a string such as \"12.34\"",
                  "须为字符串，如 \"12.34\"");
  bad = dsc__report_wan_yuan_check(v->valuestring);
  if (bad == 1)
    return refuse(d, prefix, k,
                  "not a number: write 万元 in digits, such as 12.34",
                  "不是数字：请用阿拉伯数字填写万元数，如12.34");
  if (bad == 2)
    return refuse(d, prefix, k, "too many decimals: at most four",
                  "小数位数过多：最多四位");
  if (strlen(v->valuestring) >= cap)
    return refuse(d, prefix, k, "too long", "过长");
  memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
  return DSC_OK;
}

static const char *const active_keys[] = {"rules",       "normative_documents",
                                          "licensing",   "punishment",
                                          "enforcement", "fees_wan_yuan"};
#define N_ACTIVE_KEYS (sizeof active_keys / sizeof active_keys[0])
static const char *const triple_keys[] = {"made", "repealed", "in_force"};

/* rules / normative_documents: an object (or null) of three counts. */
static dsc_err_t get_triple(const cJSON *v, const char *prefix, const char *k,
                            int64_t out[3], dsc_detail_t *d) {
  char sub[64];
  const cJSON *slots[3];
  dsc_err_t err;

  out[0] = out[1] = out[2] = -1;
  if (v == NULL || cJSON_IsNull(v))
    return DSC_OK;
  if (!cJSON_IsObject(v))
    return refuse(d, prefix, k, "must be an object", "须为对象");
  snprintf(sub, sizeof sub, "%s%s.", prefix, k);
  if ((err = collect(v, sub, triple_keys, 3, slots, d)) != DSC_OK)
    return err;
  for (int i = 0; i < 3; i++)
    if ((err = get_active_count(slots[i], sub, triple_keys[i], &out[i], d)) !=
        DSC_OK)
      return err;
  return DSC_OK;
}

/* The section-二 object at v into *out; prefix names it in details. */
static dsc_err_t get_active(const cJSON *v, const char *prefix,
                            dsc_report_active_t *out, dsc_detail_t *d) {
  const cJSON *slots[N_ACTIVE_KEYS];
  dsc_err_t err;

  if ((err = collect(v, prefix, active_keys, N_ACTIVE_KEYS, slots, d)) !=
          DSC_OK ||
      (err = get_triple(slots[0], prefix, active_keys[0], out->rules, d)) !=
          DSC_OK ||
      (err = get_triple(slots[1], prefix, active_keys[1],
                        out->normative_documents, d)) != DSC_OK ||
      (err = get_active_count(slots[2], prefix, active_keys[2], &out->licensing,
                              d)) != DSC_OK ||
      (err = get_active_count(slots[3], prefix, active_keys[3],
                              &out->punishment, d)) != DSC_OK ||
      (err = get_active_count(slots[4], prefix, active_keys[4],
                              &out->enforcement, d)) != DSC_OK)
    return err;
  return get_wan_yuan(slots[5], prefix, out->fees_wan_yuan,
                      sizeof out->fees_wan_yuan, d);
}

dsc_err_t dsc_report_active_parse(const char *json, size_t len,
                                  dsc_report_active_t *out,
                                  dsc_detail_t *detail) {
  dsc_report_active_t a;
  cJSON *root = NULL;
  dsc_err_t err;

  if (json == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "active",
                          "dsc_report_active_parse: NULL argument",
                          "dsc_report_active_parse：参数为空");
  memset(&a, 0, sizeof a);
  err = parse_doc(json, len, &root, detail);
  if (err == DSC_OK)
    err = get_active(root, "", &a, detail);
  cJSON_Delete(root);
  if (err == DSC_OK)
    *out = a;
  return err;
}

/* ---- parsing: a rendering -------------------------------------------------
 */

/* The required keys first (TOP_CHECKS is the first optional one). */
static const char *const top_keys[] = {
    "year",    "agency",      "agency_name", "applications",
    "appeals", "fees",        "active",      "previous_carried_out",
    "checks",  "fee_notices", "texts"};
enum {
  TOP_YEAR,
  TOP_AGENCY,
  TOP_AGENCY_NAME,
  TOP_APPLICATIONS,
  TOP_APPEALS,
  TOP_FEES,
  TOP_ACTIVE,
  TOP_PREVIOUS,
  TOP_CHECKS,
  TOP_FEE_NOTICES,
  TOP_TEXTS,
  TOP__COUNT
};
_Static_assert(sizeof top_keys / sizeof top_keys[0] == TOP__COUNT,
               "one key per slot");

/* An array of the seven columns' counts. */
static dsc_err_t get_columns(const cJSON *v, const char *prefix, const char *k,
                             int64_t out[DSC_REPORT_COLUMNS], dsc_detail_t *d) {
  const cJSON *it;
  int c = 0;

  if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != DSC_REPORT_COLUMNS)
    return refuse(d, prefix, k, "must be an array of 7 numbers",
                  "须为 7 个数字的数组");
  cJSON_ArrayForEach(it, v) {
    dsc_err_t err =
        get_count(it, (double)DSC_REPORT_COUNT_MAX, prefix, k, &out[c++], d);
    if (err != DSC_OK)
      return err;
  }
  return DSC_OK;
}

static dsc_err_t get_applications(const cJSON *v, dsc_report_t *r,
                                  dsc_detail_t *d) {
  static const char *const keys[] = {"columns", "rows"};
  static const char prefix[] = "applications.";
  const char *row_keys[DSC_REPORT_ROWS];
  const cJSON *slots[2], *rows[DSC_REPORT_ROWS], *it;
  dsc_err_t err;
  int c = 0;

  if (!cJSON_IsObject(v))
    return refuse(d, "", "applications", "must be an object", "须为对象");
  if ((err = collect(v, prefix, keys, 2, slots, d)) != DSC_OK ||
      (err = require_all(prefix, keys, 2, slots, d)) != DSC_OK)
    return err;

  /* The columns must be ours, in our order: the arrays mean nothing
   * otherwise. */
  if (!cJSON_IsArray(slots[0]) ||
      cJSON_GetArraySize(slots[0]) != DSC_REPORT_COLUMNS)
    return refuse(d, prefix, "columns", "must list the 7 columns",
                  "须列出 7 列");
  cJSON_ArrayForEach(it, slots[0]) {
    if (!cJSON_IsString(it) ||
        strcmp(it->valuestring, dsc__report_column_key(c)) != 0)
      return refuse(d, prefix, "columns", "not the report's columns",
                    "与报告的列不符");
    c++;
  }

  if (!cJSON_IsObject(slots[1]))
    return refuse(d, prefix, "rows", "must be an object", "须为对象");
  for (int row = 0; row < DSC_REPORT_ROWS; row++)
    row_keys[row] = dsc_report_row_key((dsc_report_row_t)row);
  if ((err = collect(slots[1], "applications.rows.", row_keys, DSC_REPORT_ROWS,
                     rows, d)) != DSC_OK ||
      (err = require_all("applications.rows.", row_keys, DSC_REPORT_ROWS, rows,
                         d)) != DSC_OK)
    return err;
  for (int row = 0; row < DSC_REPORT_ROWS; row++)
    if ((err = get_columns(rows[row], "applications.rows.", row_keys[row],
                           r->cells[row], d)) != DSC_OK)
      return err;
  return DSC_OK;
}

static dsc_err_t get_appeals(const cJSON *v, dsc_report_t *r, dsc_detail_t *d) {
  const char *kinds[DSC_REPORT_APPEAL_KINDS], *cols[DSC_REPORT_APPEAL_COLUMNS];
  const cJSON *slots[DSC_REPORT_APPEAL_KINDS],
      *cells[DSC_REPORT_APPEAL_COLUMNS];
  char prefix[64];
  dsc_err_t err;

  if (!cJSON_IsObject(v))
    return refuse(d, "", "appeals", "must be an object", "须为对象");
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++)
    kinds[k] = dsc__report_appeal_kind_key(k);
  for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
    cols[c] = dsc__report_appeal_col_key(c);
  if ((err = collect(v, "appeals.", kinds, DSC_REPORT_APPEAL_KINDS, slots,
                     d)) != DSC_OK ||
      (err = require_all("appeals.", kinds, DSC_REPORT_APPEAL_KINDS, slots,
                         d)) != DSC_OK)
    return err;
  for (int k = 0; k < DSC_REPORT_APPEAL_KINDS; k++) {
    if (!cJSON_IsObject(slots[k]))
      return refuse(d, "appeals.", kinds[k], "must be an object", "须为对象");
    snprintf(prefix, sizeof prefix, "appeals.%s.", kinds[k]);
    if ((err = collect(slots[k], prefix, cols, DSC_REPORT_APPEAL_COLUMNS, cells,
                       d)) != DSC_OK ||
        (err = require_all(prefix, cols, DSC_REPORT_APPEAL_COLUMNS, cells,
                           d)) != DSC_OK)
      return err;
    for (int c = 0; c < DSC_REPORT_APPEAL_COLUMNS; c++)
      if ((err = get_count(cells[c], (double)DSC_REPORT_COUNT_MAX, prefix,
                           cols[c], &r->appeals[k][c], d)) != DSC_OK)
        return err;
  }
  return DSC_OK;
}

/* fees or fee_notices (name): {count, amount_yuan} into *count, *fen. */
static dsc_err_t get_fees(const cJSON *v, const char *name, int64_t *count,
                          int64_t *amount_fen, dsc_detail_t *d) {
  static const char *const keys[] = {"count", "amount_yuan"};
  const cJSON *slots[2];
  char prefix[16];
  dsc_err_t err;
  double yuan;
  int64_t fen;

  snprintf(prefix, sizeof prefix, "%s.", name);
  if (!cJSON_IsObject(v))
    return refuse(d, "", name, "must be an object", "须为对象");
  if ((err = collect(v, prefix, keys, 2, slots, d)) != DSC_OK ||
      (err = require_all(prefix, keys, 2, slots, d)) != DSC_OK ||
      (err = get_count(slots[0], (double)DSC_REPORT_COUNT_MAX, prefix, "count",
                       count, d)) != DSC_OK)
    return err;
  if (!cJSON_IsNumber(slots[1]))
    return refuse(d, prefix, "amount_yuan", "must be a number", "须为数字");
  yuan = slots[1]->valuedouble;
  if (!(yuan >= 0 && yuan * 100 <= (double)DSC_REPORT_COUNT_MAX))
    return refuse(d, prefix, "amount_yuan", "out of range", "超出范围");
  /* Exactly two decimals or fewer, without reading the text: the rendering
   * "12.34" and the double fen / 100.0 are both the correctly rounded value
   * of the same decimal, so they compare equal; three decimals do not
   * survive the trip through fen. */
  fen = (int64_t)(yuan * 100 + 0.5);
  if ((double)fen / 100.0 != yuan)
    return refuse(d, prefix, "amount_yuan",
                  "too many decimals: at most two (fen)",
                  "小数位数过多：最多两位（到分）");
  *amount_fen = fen;
  return DSC_OK;
}

/* texts: {overview, problems, other}, each a text or null. */
static dsc_err_t get_texts(const cJSON *v, dsc_report_t *r, dsc_detail_t *d) {
  const char *keys[DSC_REPORT_TEXTS];
  const cJSON *slots[DSC_REPORT_TEXTS];
  char field[32];
  dsc_err_t err;

  if (!cJSON_IsObject(v))
    return refuse(d, "", "texts", "must be an object", "须为对象");
  for (int i = 0; i < DSC_REPORT_TEXTS; i++)
    keys[i] = dsc__report_text_key(i);
  if ((err = collect(v, "texts.", keys, DSC_REPORT_TEXTS, slots, d)) != DSC_OK)
    return err;
  for (int i = 0; i < DSC_REPORT_TEXTS; i++) {
    const cJSON *t = slots[i];
    size_t n;

    if (t == NULL || cJSON_IsNull(t))
      continue;
    snprintf(field, sizeof field, "texts.%s", keys[i]);
    if (!cJSON_IsString(t) || t->valuestring == NULL)
      return refuse(d, "texts.", keys[i], "must be a string or null",
                    "须为字符串或 null");
    n = strlen(t->valuestring);
    if ((err = dsc_report_text_check(t->valuestring, n, field, d)) != DSC_OK)
      return err;
    memcpy(r->texts[i], t->valuestring, n + 1);
  }
  return DSC_OK;
}

dsc_err_t dsc_report_parse_json(const char *json, size_t len, dsc_report_t *out,
                                dsc_detail_t *detail) {
  dsc_report_t r;
  const cJSON *slots[TOP__COUNT];
  cJSON *root = NULL;
  dsc_err_t err;
  const cJSON *v;

  if (json == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "report",
                          "dsc_report_parse_json: NULL argument",
                          "dsc_report_parse_json：参数为空");
  dsc_report_init(&r, 0, NULL, NULL);
  if ((err = parse_doc(json, len, &root, detail)) != DSC_OK)
    goto done;
  /* checks are derived: present or not, they are not read. */
  if ((err = collect(root, "", top_keys, TOP__COUNT, slots, detail)) !=
          DSC_OK ||
      (err = require_all("", top_keys, TOP_CHECKS, slots, detail)) != DSC_OK)
    goto done;

  v = slots[TOP_YEAR];
  if (!is_count(v, 9999) || v->valuedouble < 1) {
    err = refuse(detail, "", "year", "must be a year, 1 to 9999",
                 "须为年份（1至9999）");
    goto done;
  }
  r.year = (int)v->valuedouble;
  if ((err = get_text(slots[TOP_AGENCY], "", "agency", r.agency,
                      sizeof r.agency, detail)) != DSC_OK ||
      (err = get_text(slots[TOP_AGENCY_NAME], "", "agency_name", r.agency_name,
                      sizeof r.agency_name, detail)) != DSC_OK ||
      (err = get_applications(slots[TOP_APPLICATIONS], &r, detail)) != DSC_OK ||
      (err = get_appeals(slots[TOP_APPEALS], &r, detail)) != DSC_OK ||
      (err = get_fees(slots[TOP_FEES], "fees", &r.fee_count, &r.fee_amount_fen,
                      detail)) != DSC_OK)
    goto done;
  /* Compilations stored before migration 0016 have neither. */
  if ((slots[TOP_FEE_NOTICES] != NULL &&
       (err =
            get_fees(slots[TOP_FEE_NOTICES], "fee_notices", &r.fee_notice_count,
                     &r.fee_notice_amount_fen, detail)) != DSC_OK) ||
      (slots[TOP_TEXTS] != NULL &&
       (err = get_texts(slots[TOP_TEXTS], &r, detail)) != DSC_OK))
    goto done;

  v = slots[TOP_ACTIVE];
  if (!cJSON_IsNull(v)) {
    if (!cJSON_IsObject(v)) {
      err = refuse(detail, "", "active", "must be an object or null",
                   "须为对象或 null");
      goto done;
    }
    if ((err = get_active(v, "active.", &r.active, detail)) != DSC_OK)
      goto done;
    r.has_active = true;
  }

  v = slots[TOP_PREVIOUS];
  if (!cJSON_IsNull(v)) {
    if ((err = get_columns(v, "", "previous_carried_out",
                           r.previous_carried_out, detail)) != DSC_OK)
      goto done;
    r.has_previous = true;
  }

  v = slots[TOP_CHECKS];
  if (v != NULL && !cJSON_IsArray(v)) {
    err = refuse(detail, "", "checks", "must be an array", "须为数组");
    goto done;
  }
  *out = r;

done:
  cJSON_Delete(root);
  return err;
}
