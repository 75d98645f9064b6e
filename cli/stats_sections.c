/* disclose-stats active --year YYYY [--agency A] [--set KEY=VALUE …] [--json]
 * disclose-stats text --year YYYY [--agency A] --section 1|5|6 [--file F]
 *   [--json]
 *
 * The annual report's sections the agency writes itself (migrations/0016):
 * section 二's figures, and the texts of sections 一, 五 and 六. Without
 * --set or --file they show what is entered; with them a supervisor enters
 * (every entry is kept with who made it; the report uses the newest). A
 * bad key or value is refused before anything is written. */
#include <stdlib.h>
#include <string.h>

#include "stats_cli.h"

/* The largest --file read: a text must stay below DSC_REPORT_TEXT_MAX, and
 * a few bytes more (a BOM, CRs) are taken off before it is checked. */
#define TEXT_FILE_MAX (2u * DSC_REPORT_TEXT_MAX)

/* Parses --year (exit 3 naming it) into *year. */
static int need_year(stats_t *s, const char *command, int *year) {
  if (s->year == NULL) {
    return stats_usagef(s, "%s %s", command,
                        stats_tr(s, "needs --year YYYY", "需要 --year 年份"));
  }
  if (!stats_parse_year(s->year, year))
    return stats_failf(s, DSC_INVALID, "year", "must be a year (YYYY)",
                       "必须是年份（YYYY）");
  return 0;
}

/* Runs the pending operation started with err, prints its document (JSON
 * with --json, else print(s, doc, arg)) and closes the engine; 0 or the
 * exit code. */
static int finish(stats_t *s, dsc_err_t err,
                  void (*print)(const stats_t *, const cJSON *, int), int arg) {
  int rc = 0;

  if (err != DSC_OK) {
    rc = stats_fail(s, err, NULL);
  } else {
    stats_wait(s);
    if (s->res.err != DSC_OK)
      rc = stats_fail(s, s->res.err, &s->res.detail);
    else if (s->json)
      stats_put_json(stdout, s->res.json);
    else
      print(s, s->res.json, arg);
  }
  stats_engine_close(s);
  return rc;
}

/* One figure's value as text: "" when not given. */
static void value_text(const cJSON *v, char *buf, size_t n) {
  if (cJSON_IsNumber(v))
    snprintf(buf, n, "%.0f", v->valuedouble);
  else if (cJSON_IsString(v))
    snprintf(buf, n, "%s", v->valuestring);
  else
    snprintf(buf, n, "%s", "");
}

/* Who entered it and when: "admin 2026-01-05 10:00", or "". */
static void entered_text(const cJSON *o, char *buf, size_t n) {
  const char *by = stats_str(o, "entered_by"), *at = stats_str(o, "entered_at");
  if (by == NULL || at == NULL)
    snprintf(buf, n, "%s", "");
  else
    snprintf(buf, n, "%s %.16s", by, at);
}

static void print_active(const stats_t *s, const cJSON *doc, int unused) {
  (void)unused;
  const cJSON *it;

  printf("%d %s %s\n", (int)stats_num(doc, "year", 0),
         stats_str(doc, "agency") ? stats_str(doc, "agency") : "",
         "二、主动公开政府信息情况");
  cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "active")) {
    char label[256], value[64], who[160];
    snprintf(label, sizeof label, "%s %s", stats_str(it, "row"),
             stats_str(it, "column"));
    value_text(cJSON_GetObjectItemCaseSensitive(it, "value"), value,
               sizeof value);
    entered_text(it, who, sizeof who);
    stats_put_left(stdout, stats_str(it, "key"), 30);
    stats_put_left(stdout, label, 36);
    stats_put_right(stdout, value[0] ? value : "—", 12);
    printf("  %s\n", who[0] ? who : stats_tr(s, "(not entered)", "（未填写）"));
  }
}

int stats_active(stats_t *s) {
  const char *keys[STATS_MAX_SETS], *values[STATS_MAX_SETS];
  char pairs[STATS_MAX_SETS][128];
  int year, rc;
  dsc_err_t err;

  if ((rc = need_year(s, "active", &year)) != 0)
    return rc;
  /* KEY=VALUE: split here, checked by the engine (which names the key). */
  for (int i = 0; i < s->nsets; i++) {
    const char *eq = strchr(s->sets[i], '=');
    if (eq == NULL || eq == s->sets[i] || strlen(s->sets[i]) >= sizeof pairs[i])
      return stats_failf(s, DSC_INVALID, "set",
                         "must be KEY=VALUE, such as rules.made=3",
                         "须为 项目=数值，如 rules.made=3");
    snprintf(pairs[i], sizeof pairs[i], "%s", s->sets[i]);
    pairs[i][eq - s->sets[i]] = '\0';
    keys[i] = pairs[i];
    values[i] = pairs[i] + (eq - s->sets[i]) + 1;
  }
  if ((rc = stats_engine_open(s, NULL, NULL)) != 0)
    return rc;
  err = s->nsets > 0
            ? dsc_report_active_enter(s->engine, &s->ctx, year, s->agency, keys,
                                      values, (size_t)s->nsets,
                                      stats_store_result, s)
            : dsc_report_sections_read(s->engine, &s->ctx, year, s->agency,
                                       stats_store_result, s);
  return finish(s, err, print_active, 0);
}

/* --section N: 1, 5 or 6, the sections that hold the agency's text. */
static bool parse_section(const char *t, int *out) {
  if (t == NULL || t[0] < '0' || t[0] > '9' || t[1] != '\0' ||
      dsc_report_text_of_section(t[0] - '0') < 0)
    return false;
  *out = t[0] - '0';
  return true;
}

/* A text file as people write them: a BOM (Notepad's) is dropped and CRLF
 * line ends become LF, in place; returns the new length. */
static size_t normalise_text(char *text, size_t len) {
  size_t o = 0, i = 0;
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  for (; i < len; i++)
    if (!(text[i] == '\r' && i + 1 < len && text[i + 1] == '\n'))
      text[o++] = text[i];
  text[o] = '\0';
  return o;
}

static void print_text(const stats_t *s, const cJSON *doc, int section) {
  const cJSON *it;
  cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "texts")) {
    const char *text = stats_str(it, "text");
    char who[160];
    if ((int)stats_num(it, "section", 0) != section)
      continue;
    entered_text(it, who, sizeof who);
    printf("%s%s%s%s\n", stats_str(it, "title"), who[0] ? "  (" : "", who,
           who[0] ? ")" : "");
    if (text == NULL)
      printf("%s\n", stats_tr(s, "(not entered)", "（未填写）"));
    else
      printf("%s%s", text,
             text[0] && text[strlen(text) - 1] == '\n' ? "" : "\n");
  }
}

int stats_text(stats_t *s) {
  char *text = NULL;
  size_t len = 0;
  int year, section = 0, rc;
  dsc_err_t err;

  if ((rc = need_year(s, "text", &year)) != 0)
    return rc;
  if (s->section == NULL) {
    return stats_usagef(
        s, "text %s",
        stats_tr(s, "needs --section 1|5|6", "需要 --section 1|5|6"));
  }
  if (!parse_section(s->section, &section))
    return stats_failf(s, DSC_INVALID, "section",
                       "must be 1 (总体情况), 5 (存在的主要问题及改进情况) "
                       "or 6 (其他需要报告的事项)",
                       "须为 1（总体情况）、5（存在的主要问题及改进情况）"
                       "或 6（其他需要报告的事项）");
  if (s->file) {
    text = stats_read_file(s->file, TEXT_FILE_MAX, &len);
    if (text == NULL)
      return stats_failf(s, DSC_INVALID, "file",
                         "cannot be read, holds a NUL byte or exceeds 64 KiB",
                         "无法读取、含有空字节或超过 64 KiB");
    len = normalise_text(text, len);
  }
  if ((rc = stats_engine_open(s, NULL, NULL)) != 0) {
    free(text);
    return rc;
  }
  err = text ? dsc_report_text_enter(s->engine, &s->ctx, year, s->agency,
                                     section, text, len, stats_store_result, s)
             : dsc_report_sections_read(s->engine, &s->ctx, year, s->agency,
                                        stats_store_result, s);
  rc = finish(s, err, print_text, section);
  free(text);
  return rc;
}
