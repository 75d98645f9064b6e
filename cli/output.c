/* What the CLI prints: errors, the show object and lists, in the locale's
 * language (CONTRACT §2). JSON output never changes with the locale. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_tr(const cli_t *c, const char *en, const char *zh) {
  return c->lang == DSC_LANG_ZH ? zh : en;
}

int cli_fail(const cli_t *c, dsc_err_t err, const dsc_detail_t *detail) {
  char msg[700];
  dsc_detail_t d;
  if (detail == NULL || detail->code == DSC_OK) {
    dsc_detail_set(&d, err, NULL, dsc_strerror(err, c->lang), NULL);
    detail = &d;
  }
  dsc_detail_format(detail, c->lang, msg, sizeof msg);
  fprintf(stderr, "disclose: %s: %s\n", dsc_err_name(err), msg);
  return dsc_err_exit_code(err);
}

int cli_failf(const cli_t *c, dsc_err_t err, const char *field, const char *en,
              const char *zh) {
  dsc_detail_t d;
  dsc_detail_set(&d, err, field, en, zh);
  return cli_fail(c, err, &d);
}

void cli_print_json(const cJSON *o) {
  char *text = cJSON_Print(o);
  if (text) {
    puts(text);
    cJSON_free(text);
  }
}

static const char *str(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *dash(const char *s) { return s ? s : "—"; }

/* Display columns of UTF-8 text: East Asian wide characters take two, so
 * Chinese and English labels line up (bytes would not). */
static int display_width(const char *s) {
  int w = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    unsigned cp;
    int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
    cp = n == 1 ? *p : (unsigned)(*p & (0xFF >> (n + 1)));
    for (int k = 1; k < n && p[k]; k++)
      cp = (cp << 6) | (p[k] & 0x3F);
    w += (cp >= 0x1100 &&
          (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6)))
             ? 2
             : 1;
    for (int k = 0; k < n && *p; k++)
      p++;
  }
  return w;
}

/* "  label" padded to 15 display columns. */
static void put_label(const cli_t *c, const char *en, const char *zh) {
  const char *l = cli_tr(c, en, zh);
  printf("  %s%*s", l, 15 - display_width(l), "");
}

/* The Chinese word for a state, a role of the desk's vocabulary. */
static const char *state_label(const cli_t *c, const char *state) {
  static const char *const map[][2] = {
      {"received", "已登记"}, {"assigned", "已分办"}, {"drafted", "已拟稿"},
      {"reviewed", "已审核"}, {"answered", "已答复"}, {"published", "已公开"},
      {"withdrawn", "已终止"}};
  if (state == NULL)
    return "—";
  if (c->lang == DSC_LANG_ZH)
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
      if (strcmp(map[i][0], state) == 0)
        return map[i][1];
  return state;
}

void cli_print_show(const cli_t *c, const cJSON *o) {
  const cJSON *app = cJSON_GetObjectItemCaseSensitive(o, "applicant");
  const cJSON *hold = cJSON_GetObjectItemCaseSensitive(o, "hold");
  const cJSON *events = cJSON_GetObjectItemCaseSensitive(o, "events");
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
  const cJSON *ev;
  dsc_outcome_t outcome;
  const char *oc = str(o, "outcome");

  printf("%s #%lld  %s %s\n", cli_tr(c, "Request", "申请"),
         (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0),
         cli_tr(c, "state:", "状态："), state_label(c, str(o, "state")));
  put_label(c, "agency", "机关");
  printf("%s\n", dash(str(o, "agency")));
  put_label(c, "applicant", "申请人");
  printf("%s  (%s)\n", dash(str(app, "name")), dash(str(app, "type")));
  if (str(app, "id_number")) {
    put_label(c, "id number", "证件号码");
    printf("%s\n", str(app, "id_number"));
  }
  put_label(c, "received", "收到日期");
  printf("%s  %s\n", dash(str(o, "received_on")), dash(str(o, "channel")));
  put_label(c, "due", "答复期限");
  printf("%s\n", dash(str(o, "due_on")));
  if (cJSON_IsObject(hold)) {
    put_label(c, "on hold", "中止计时");
    printf("%s %s %s\n", dash(str(hold, "kind")), cli_tr(c, "since", "自"),
           dash(str(hold, "since")));
  }
  put_label(c, "assignee", "承办人");
  printf("%s\n", dash(str(o, "assignee")));
  if (oc && dsc_outcome_parse(oc, &outcome) == DSC_OK) {
    put_label(c, "outcome", "办理结果");
    printf("%s  %s\n", oc, dsc_outcome_label(outcome));
  }
  if (str(o, "answered_on")) {
    put_label(c, "answered", "答复日期");
    printf("%s\n", str(o, "answered_on"));
  }
  if (str(o, "published_url")) {
    put_label(c, "published", "公开网址");
    printf("%s\n", str(o, "published_url"));
  }
  if (cJSON_IsArray(events)) {
    printf("  %s\n", cli_tr(c, "history:", "办理记录："));
    cJSON_ArrayForEach(ev, events) {
      const cJSON *seq = cJSON_GetObjectItemCaseSensitive(ev, "seq");
      printf("   %3d  %s  %-20s %-10s %s\n",
             cJSON_IsNumber(seq) ? (int)seq->valuedouble : 0,
             dash(str(ev, "on")), dash(str(ev, "action")),
             dash(str(ev, "actor")), state_label(c, str(ev, "state")));
    }
  }
}

void cli_print_list(const cli_t *c, const cJSON *arr) {
  const cJSON *o;
  int n = 0;
  printf("%6s  %-10s  %-10s  %-10s  %-12s  %s\n", "#",
         cli_tr(c, "state", "状态"), cli_tr(c, "received", "收到"),
         cli_tr(c, "due", "期限"), cli_tr(c, "assignee", "承办人"),
         cli_tr(c, "applicant", "申请人"));
  cJSON_ArrayForEach(o, arr) {
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    const cJSON *app = cJSON_GetObjectItemCaseSensitive(o, "applicant");
    printf("%6lld  %-10s  %-10s  %-10s  %-12s  %s\n",
           (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0),
           state_label(c, str(o, "state")), dash(str(o, "received_on")),
           dash(str(o, "due_on")), dash(str(o, "assignee")),
           dash(str(app, "name")));
    n++;
  }
  printf(c->lang == DSC_LANG_ZH ? "共 %d 件\n" : "%d request(s)\n", n);
}
