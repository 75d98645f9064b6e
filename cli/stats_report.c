/* disclose-stats annual-report --year YYYY [--agency A]
 *   [--format json|csv|md|html] [--active FILE] [--diff] [--no-bom]
 *   (CONTRACT §9)
 *
 * Compiles the year through the engine (which stores the compilation when
 * it differs from the last one) and prints the report's rendering — and
 * nothing else, so two runs over the same data print the same bytes. With
 * --diff: the cells that changed since the compilation stored before the
 * newest, then the requests counted differently. */
#include <stdlib.h>
#include <string.h>

#include "stats_cli.h"

/* The largest --active file read. */
#define ACTIVE_FILE_MAX (64u * 1024u)

static int usage(const stats_t *s, const char *en, const char *zh) {
  return stats_failf(s, DSC_USAGE, NULL, en, zh);
}

/* The UTF-8 byte-order mark a CSV starts with: the people who open it use
 * Excel on Windows, which reads a CSV without one in the ANSI code page
 * and shows Chinese as garbage. --no-bom leaves it out for other tools. */
static void put_bom(const stats_t *s, dsc_report_format_t format) {
  if (format == DSC_REPORT_CSV && !s->no_bom)
    fputs("\xEF\xBB\xBF", stdout);
}

/* Writes a rendering exactly as the renderer gave it. */
static void put_text(const char *text, size_t len) {
  fwrite(text, 1, len, stdout);
}

/* Parses a compilation from the engine's document: an object (a parsed
 * rendering) or a string holding one. */
static dsc_err_t parse_report(const cJSON *v, dsc_report_t *out,
                              dsc_detail_t *d) {
  char *text;
  dsc_err_t err;
  if (cJSON_IsString(v))
    return dsc_report_parse_json(v->valuestring, strlen(v->valuestring), out,
                                 d);
  if (!cJSON_IsObject(v))
    return dsc_detail_set(d, DSC_INTERNAL, "report",
                          "the engine returned no report",
                          "引擎未返回年度报告");
  text = cJSON_PrintUnformatted(v);
  if (text == NULL)
    return dsc_detail_set(d, DSC_NOMEM, NULL, "out of memory", "内存不足");
  err = dsc_report_parse_json(text, strlen(text), out, d);
  cJSON_free(text);
  return err;
}

/* ---- the moved requests ------------------------------------------------ */

/* How a compilation counted one request, in the report's vocabulary
 * (always Chinese, like the rest of the rendering): "自然人：本年新收；
 * (一)予以公开", or "未计入" when it did not count the request at all. */
static void describe(const cJSON *o, char *buf, size_t n) {
  const char *parts[4];
  const char *type = stats_str(o, "applicant_type");
  const char *code = stats_str(o, "outcome");
  dsc_applicant_type_t t;
  dsc_outcome_t outcome;
  int np = 0, used;

  if (!cJSON_IsObject(o)) {
    snprintf(buf, n, "未计入");
    return;
  }
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "carried_in")))
    parts[np++] = "上年结转";
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "new")) ||
      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "is_new")))
    parts[np++] = "本年新收";
  if (code && dsc_outcome_parse(code, &outcome) == DSC_OK &&
      dsc_outcome_label(outcome) && *dsc_outcome_label(outcome))
    parts[np++] = dsc_outcome_label(outcome);
  else if (code)
    parts[np++] = code;
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "carried_out")))
    parts[np++] = "结转下年度继续办理";
  used = snprintf(buf, n, "%s：",
                  type && dsc_applicant_type_parse(type, &t) == DSC_OK
                      ? dsc_applicant_type_label(t)
                      : (type ? type : "—"));
  for (int i = 0; i < np && used >= 0 && (size_t)used < n; i++) {
    int k =
        snprintf(buf + used, n - (size_t)used, "%s%s", i ? "；" : "", parts[i]);
    if (k < 0)
      break;
    used += k;
  }
}

static long long item_id(const cJSON *m) {
  return (long long)stats_num(m, "id", 0);
}

static int by_id(const void *a, const void *b) {
  long long x = item_id(*(cJSON *const *)a), y = item_id(*(cJSON *const *)b);
  return (x > y) - (x < y);
}

/* Puts the array's items in the order of their ids (stable output whatever
 * order the engine chose). */
static void sort_moved(cJSON *moved) {
  int n = cJSON_GetArraySize(moved);
  cJSON **items;
  if (n < 2)
    return;
  items = malloc((size_t)n * sizeof *items);
  if (items == NULL)
    return; /* the engine's order, then */
  for (int i = 0; i < n; i++)
    items[i] = cJSON_DetachItemFromArray(moved, 0);
  qsort(items, (size_t)n, sizeof *items, by_id);
  for (int i = 0; i < n; i++)
    cJSON_AddItemToArray(moved, items[i]);
  free(items);
}

static void csv_field(const char *s) {
  if (strpbrk(s, ",\"\r\n") == NULL) {
    fputs(s, stdout);
    return;
  }
  putchar('"');
  for (; *s; s++) {
    if (*s == '"')
      putchar('"');
    putchar(*s);
  }
  putchar('"');
}

static void html_text(const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&':
      fputs("&amp;", stdout);
      break;
    case '<':
      fputs("&lt;", stdout);
      break;
    case '>':
      fputs("&gt;", stdout);
      break;
    case '"':
      fputs("&quot;", stdout);
      break;
    default:
      putchar(*s);
    }
  }
}

/* The moved requests as one more table of the rendering, with Chinese
 * labels whatever the locale, like the report's. */
static void put_moved_rows(const cJSON *moved, dsc_report_format_t format) {
  const char *title = "统计口径发生变化的申请";
  const char *h_id = "申请编号", *h_old = "原统计", *h_new = "现统计";
  const cJSON *m;

  switch (format) {
  case DSC_REPORT_CSV:
    printf("\r\n");
    csv_field(title);
    printf("\r\n");
    csv_field(h_id);
    putchar(',');
    csv_field(h_old);
    putchar(',');
    csv_field(h_new);
    printf("\r\n");
    break;
  case DSC_REPORT_MD:
    printf("\n### %s\n\n| %s | %s | %s |\n| ---: | --- | --- |\n", title, h_id,
           h_old, h_new);
    break;
  case DSC_REPORT_HTML:
    printf("<h2>");
    html_text(title);
    printf("</h2>\n<table class=\"moved\">\n<thead><tr><th>");
    html_text(h_id);
    printf("</th><th>");
    html_text(h_old);
    printf("</th><th>");
    html_text(h_new);
    printf("</th></tr></thead>\n<tbody>\n");
    break;
  case DSC_REPORT_JSON:
    return;
  }
  cJSON_ArrayForEach(m, moved) {
    char old_text[512], new_text[512];
    describe(cJSON_GetObjectItemCaseSensitive(m, "old"), old_text,
             sizeof old_text);
    describe(cJSON_GetObjectItemCaseSensitive(m, "new"), new_text,
             sizeof new_text);
    switch (format) {
    case DSC_REPORT_CSV:
      printf("%lld,", item_id(m));
      csv_field(old_text);
      putchar(',');
      csv_field(new_text);
      printf("\r\n");
      break;
    case DSC_REPORT_MD:
      printf("| %lld | %s | %s |\n", item_id(m), old_text, new_text);
      break;
    case DSC_REPORT_HTML:
      printf("<tr><td>%lld</td><td>", item_id(m));
      html_text(old_text);
      printf("</td><td>");
      html_text(new_text);
      printf("</td></tr>\n");
      break;
    case DSC_REPORT_JSON:
      break;
    }
  }
  if (format == DSC_REPORT_HTML)
    printf("</tbody>\n</table>\n");
}

/* The diff rendering, then the moved requests: for HTML inside the page
 * (before </body>), for JSON both in one object. */
static int put_diff(const stats_t *s, const char *diff, size_t len,
                    cJSON *moved, dsc_report_format_t format) {
  bool any = cJSON_GetArraySize(moved) > 0;

  if (format == DSC_REPORT_JSON) {
    cJSON *doc = cJSON_CreateObject();
    cJSON *d = cJSON_ParseWithLength(diff, len);
    cJSON *m = cJSON_IsArray(moved) ? cJSON_Duplicate(moved, true)
                                    : cJSON_CreateArray();
    if (doc == NULL || d == NULL || m == NULL) {
      cJSON_Delete(doc);
      cJSON_Delete(d);
      cJSON_Delete(m);
      return stats_failf(s, DSC_INTERNAL, "diff",
                         "the difference is not valid JSON",
                         "差异结果不是有效的 JSON");
    }
    cJSON_AddItemToObject(doc, "diff", d);
    cJSON_AddItemToObject(doc, "moved", m);
    stats_put_json(stdout, doc);
    cJSON_Delete(doc);
    return 0;
  }
  if (format == DSC_REPORT_HTML && any) {
    const char *end = NULL;
    for (const char *p = diff; (p = strstr(p, "</body>")) != NULL; p++)
      end = p;
    if (end) {
      put_text(diff, (size_t)(end - diff));
      put_moved_rows(moved, format);
      put_text(end, len - (size_t)(end - diff));
      return 0;
    }
  }
  put_text(diff, len);
  if (any)
    put_moved_rows(moved, format);
  return 0;
}

/* ---- the command ------------------------------------------------------- */

static int report(stats_t *s, int year, dsc_report_format_t format) {
  static dsc_report_t now, before;
  cJSON *doc = s->res.json;
  const cJSON *previous = cJSON_GetObjectItemCaseSensitive(doc, "previous");
  cJSON *moved = cJSON_GetObjectItemCaseSensitive(doc, "moved");
  dsc_detail_t d;
  dsc_err_t err;
  char *text = NULL;
  size_t len = 0;
  int rc;

  dsc_detail_clear(&d);
  err = parse_report(cJSON_GetObjectItemCaseSensitive(doc, "report"), &now, &d);
  if (err != DSC_OK)
    return stats_fail(s, err, &d);
  if (!s->diff) {
    err = dsc_report_render(&now, format, &text, &len);
    if (err != DSC_OK)
      return stats_fail(s, err, NULL);
    put_bom(s, format);
    put_text(text, len);
    dsc_report_free_text(text);
    return 0;
  }
  if (previous == NULL || cJSON_IsNull(previous)) {
    printf(s->lang == DSC_LANG_ZH
               ? "%d 年度仅存有一次汇编结果：无可比较的内容\n"
               : "only one compilation of %d is stored: nothing to compare\n",
           year);
    return 0;
  }
  err = parse_report(previous, &before, &d);
  if (err != DSC_OK)
    return stats_fail(s, err, &d);
  err = dsc_report_render_diff(&before, &now, format, &text, &len);
  if (err != DSC_OK)
    return stats_fail(s, err, NULL);
  sort_moved(moved);
  put_bom(s, format);
  rc = put_diff(s, text, len, moved, format);
  dsc_report_free_text(text);
  return rc;
}

int stats_annual_report(stats_t *s) {
  static dsc_report_active_t active;
  dsc_report_format_t format = DSC_REPORT_JSON;
  dsc_detail_t d;
  dsc_err_t err;
  bool has_active = false;
  int year, rc;

  if (s->year == NULL)
    return usage(s, "annual-report needs --year YYYY",
                 "annual-report 需要 --year 年份");
  if (!stats_parse_year(s->year, &year))
    return stats_failf(s, DSC_INVALID, "year", "must be a year (YYYY)",
                       "必须是年份（YYYY）");
  if (s->format &&
      (err = dsc_report_format_parse(s->format, &format, &d)) != DSC_OK)
    return stats_fail(s, err, &d);
  if (s->active) {
    size_t len = 0;
    char *json = stats_read_file(s->active, ACTIVE_FILE_MAX, &len);
    if (json == NULL)
      return stats_failf(s, DSC_INVALID, "active",
                         "cannot be read, holds a NUL byte or exceeds 64 KiB",
                         "无法读取、含有空字节或超过 64 KiB");
    dsc_detail_clear(&d);
    err = dsc_report_active_parse(json, len, &active, &d);
    free(json);
    if (err != DSC_OK)
      return stats_fail(s, err, &d);
    has_active = true;
  }

  if ((rc = stats_engine_open(s, NULL, NULL)) != 0)
    return rc;
  err = dsc_report_compile(s->engine, &s->ctx, year, s->agency,
                           has_active ? &active : NULL, stats_store_result, s);
  if (err != DSC_OK) {
    rc = stats_fail(s, err, NULL);
  } else {
    stats_wait(s);
    if (s->res.err != DSC_OK)
      rc = stats_fail(s, s->res.err, &s->res.detail);
    else
      rc = report(s, year, format);
  }
  stats_engine_close(s);
  return rc;
}
