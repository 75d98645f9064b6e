/* `disclose-stats`: the supervisors' CLI (CONTRACT §9) — the deadline
 * dashboard and the annual report — over the same asynchronous engine as
 * `disclose` and `disclosed`. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"
#include "lang.h"
#include "stats_cli.h"

/* ---- errors ------------------------------------------------------------ */

const char *stats_tr(const stats_t *s, const char *en, const char *zh) {
  return s->lang == DSC_LANG_ZH ? zh : en;
}

int stats_fail(const stats_t *s, dsc_err_t err, const dsc_detail_t *detail) {
  char msg[700];
  dsc_detail_t d;
  if (detail == NULL || detail->code == DSC_OK) {
    dsc_detail_set(&d, err, NULL, dsc_strerror(err, s->lang), NULL);
    detail = &d;
  }
  dsc_detail_format(detail, s->lang, msg, sizeof msg);
  fflush(stdout);
  fprintf(stderr, "disclose-stats: %s: %s\n", dsc_err_name(err), msg);
  return dsc_err_exit_code(err);
}

int stats_failf(const stats_t *s, dsc_err_t err, const char *field,
                const char *en, const char *zh) {
  dsc_detail_t d;
  dsc_detail_set(&d, err, field, en, zh);
  return stats_fail(s, err, &d);
}

/* ---- the engine -------------------------------------------------------- */

void stats_store_result(dsc_engine_t *e, dsc_result_t *r, void *data) {
  stats_t *s = data;
  (void)e;
  dsc_front_keep_result(&s->res, &s->done, r);
}

void stats_wait(stats_t *s) { dsc_front_wait(&s->loop, &s->done); }

int stats_engine_open(stats_t *s, dsc_log_cb notify, void *notify_data) {
  dsc_detail_t detail;
  dsc_err_t err =
      dsc_front_engine_open(&s->loop, notify, notify_data, &s->engine, &detail);

  if (err != DSC_OK)
    return stats_fail(s, err, &detail);
  /* Who reads and compiles: the connected identity (CONTRACT §2). */
  err = dsc_front_identify(s->engine, &s->loop, s->ctx.actor, s->today_fixed,
                           &s->ctx, &s->identity, &detail);
  if (err != DSC_OK) {
    int rc = stats_fail(s, err, &detail);
    stats_engine_close(s);
    return rc;
  }
  s->ctx.on = s->ctx.today;
  return 0;
}

void stats_engine_close(stats_t *s) {
  dsc_front_engine_close(&s->loop, &s->engine, &s->res);
}

void stats_refresh_today(stats_t *s) {
  if (!s->today_fixed)
    s->ctx.today = dsc_date_today_shanghai();
  s->ctx.on = s->ctx.today;
}

char *stats_read_file(const char *path, size_t max, size_t *len) {
  char *buf = dsc_front_read_file(path, max, len);

  if (buf != NULL && (*len > max || memchr(buf, '\0', *len) != NULL)) {
    free(buf);
    buf = NULL;
  }
  return buf;
}

/* ---- the command line -------------------------------------------------- */

enum {
  FOR_DASHBOARD = 1,
  FOR_REPORT = 2,
  FOR_ACTIVE = 4, /* active: section 二's figures */
  FOR_TEXT = 8,   /* text: sections 一, 五, 六 */
  FOR_SECTIONS = FOR_ACTIVE | FOR_TEXT,
  FOR_ALL = 15
};

#define STR_FLAG(n, field, cmds) DSC_FRONT_STR_FLAG(stats_t, n, field, cmds)
#define BOOL_FLAG(n, field, cmds) DSC_FRONT_BOOL_FLAG(stats_t, n, field, cmds)

static const dsc_front_flag_t flags[] = {
    STR_FLAG("--as", as, FOR_ALL),
    BOOL_FLAG("--help", help, FOR_ALL),
    BOOL_FLAG("--json", json, FOR_DASHBOARD | FOR_SECTIONS),
    STR_FLAG("--due-within", due_within, FOR_DASHBOARD),
    BOOL_FLAG("--watch", watch, FOR_DASHBOARD),
    STR_FLAG("--year", year, FOR_REPORT | FOR_SECTIONS),
    STR_FLAG("--agency", agency, FOR_REPORT | FOR_SECTIONS),
    STR_FLAG("--format", format, FOR_REPORT),
    STR_FLAG("--active", active, FOR_REPORT),
    BOOL_FLAG("--diff", diff, FOR_REPORT),
    BOOL_FLAG("--no-bom", no_bom, FOR_REPORT),
    STR_FLAG("--section", section, FOR_TEXT),
    STR_FLAG("--file", file, FOR_TEXT),
};

/* --set KEY=VALUE may be given several times (active only). */
static const dsc_front_flag_t set_flag = {"--set", 0, true, FOR_ACTIVE};
#define GIVEN_MAX (sizeof flags / sizeof flags[0] + STATS_MAX_SETS)

static const char usage_dashboard[] =
    "disclose-stats dashboard [--json] [--due-within N] [--watch]";
static const char usage_report[] =
    "disclose-stats annual-report --year YYYY [--agency A]\n"
    "      [--format json|csv|md|html] [--active FILE] [--diff] [--no-bom]";
static const char usage_active[] =
    "disclose-stats active --year YYYY [--agency A] [--set KEY=VALUE ...] "
    "[--json]";
static const char usage_text[] =
    "disclose-stats text --year YYYY [--agency A] --section 1|5|6 "
    "[--file FILE] [--json]";

static void print_help(const stats_t *s) {
  printf("%s\n\n  %s\n  %s\n  %s\n  %s\n\n%s\n",
         stats_tr(s, "disclose-stats — the supervisors' figures",
                  "disclose-stats — 政府信息公开统计（负责人使用）"),
         usage_dashboard, usage_report, usage_active, usage_text,
         stats_tr(s,
                  "Both take --as LOGIN and --help. Environment: "
                  "DISCLOSE_DB,\nDISCLOSE_TODAY, DISCLOSE_ACTOR, NO_COLOR.",
                  "均接受 --as 登录名、--help。环境变量：DISCLOSE_DB、"
                  "DISCLOSE_TODAY、DISCLOSE_ACTOR、NO_COLOR。"));
}

int stats_usagef(const stats_t *s, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return stats_failf(s, DSC_USAGE, NULL, msg, msg);
}

static int usage_line(const stats_t *s, const char *what, const char *arg) {
  return stats_usagef(s, "%s: %s", what, arg);
}

static int parse_args(stats_t *s, int argc, char **argv,
                      const dsc_front_flag_t **given, int *ngiven) {
  *ngiven = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const dsc_front_flag_t *f;
    if (strcmp(a, "-h") == 0)
      a = "--help";
    if (a[0] != '-' || a[1] == '\0') {
      if (s->command != NULL)
        return usage_line(s, stats_tr(s, "unexpected argument", "多余的参数"),
                          a);
      s->command = a;
      continue;
    }
    f = dsc_front_flag_find(flags, sizeof flags / sizeof flags[0], a);
    if (strcmp(a, set_flag.name) == 0) {
      if (i + 1 >= argc || s->nsets == STATS_MAX_SETS) {
        return stats_usagef(s, "--set %s",
                            stats_tr(s, "needs KEY=VALUE (at most 32 times)",
                                     "需要 项目=数值（最多 32 次）"));
      }
      s->sets[s->nsets++] = argv[++i];
      if (*ngiven < (int)GIVEN_MAX)
        given[(*ngiven)++] = &set_flag;
      continue;
    }
    if (f == NULL)
      return usage_line(s, stats_tr(s, "unknown option", "未知选项"), a);
    if (!dsc_front_flag_set(f, s, argc, argv, &i))
      return stats_usagef(s, "%s %s", a,
                          stats_tr(s, "needs a value", "缺少取值"));
    if (*ngiven < (int)GIVEN_MAX)
      given[(*ngiven)++] = f;
  }
  return 0;
}

int main(int argc, char **argv) {
  static stats_t s;
  const dsc_front_flag_t *given[GIVEN_MAX];
  const char *today = getenv("DISCLOSE_TODAY");
  unsigned which;
  int ngiven, rc;

  s.lang = dsc_front_lang();
  if ((rc = parse_args(&s, argc, argv, given, &ngiven)) != 0)
    return rc;
  if (s.command == NULL) {
    if (s.help) {
      print_help(&s);
      return 0;
    }
    return usage_line(&s, stats_tr(&s, "no command", "未指定命令"),
                      "dashboard | annual-report | active | text (--help)");
  }
  if (strcmp(s.command, "dashboard") == 0)
    which = FOR_DASHBOARD;
  else if (strcmp(s.command, "annual-report") == 0)
    which = FOR_REPORT;
  else if (strcmp(s.command, "active") == 0)
    which = FOR_ACTIVE;
  else if (strcmp(s.command, "text") == 0)
    which = FOR_TEXT;
  else
    return usage_line(&s, stats_tr(&s, "unknown command", "未知命令"),
                      s.command);
  if (s.help) {
    printf("%s\n", which == FOR_DASHBOARD ? usage_dashboard
                   : which == FOR_REPORT  ? usage_report
                   : which == FOR_ACTIVE  ? usage_active
                                          : usage_text);
    return 0;
  }
  for (int i = 0; i < ngiven; i++)
    if ((given[i]->commands & which) == 0) {
      return stats_usagef(&s, "%s %s: %s", given[i]->name,
                          stats_tr(&s, "is not an option of", "不适用于"),
                          s.command);
    }

  /* The business date (CONTRACT §2) and the actor. */
  if (today && *today) {
    if (dsc_date_parse(today, &s.ctx.today) != DSC_OK)
      return stats_failf(&s, DSC_INVALID, "DISCLOSE_TODAY",
                         "not a date (YYYY-MM-DD)",
                         "不是有效日期（YYYY-MM-DD）");
    s.today_fixed = true;
  }
  stats_refresh_today(&s);
  s.ctx.actor = s.as ? s.as : getenv("DISCLOSE_ACTOR");

  if (which == FOR_DASHBOARD)
    return stats_dashboard(&s);
  if (which == FOR_ACTIVE)
    return stats_active(&s);
  if (which == FOR_TEXT)
    return stats_text(&s);
  return stats_annual_report(&s);
}
