/* `disclose`: the staff CLI (CONTRACT §5) over the C API. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "front.h"
#include "identity.h"
#include "lang.h"
#include "remote.h"

typedef struct command {
  const char *name; /* "staff add" style names use two words */
  int min_pos, max_pos;
  int (*run)(cli_t *c);
  const char *usage;
} command_t;

/* ---- helpers ----------------------------------------------------------- */

int cli_usage_error(const cli_t *c, const char *en, const char *zh) {
  return cli_failf(c, DSC_USAGE, NULL, en, zh);
}

/* A usage error ending with what the caller typed, through the error table
 * like every other failure (exit DSC_USAGE's code). */
static int usage_of(const cli_t *c, const char *en, const char *zh,
                    const char *what) {
  char m_en[512], m_zh[512];
  snprintf(m_en, sizeof m_en, "%s%s", en, what);
  snprintf(m_zh, sizeof m_zh, "%s%s", zh, what);
  return cli_failf(c, DSC_USAGE, NULL, m_en, m_zh);
}

int cli_parse_id(const cli_t *c, const char *text, const char *field,
                 int64_t *out) {
  char *end;
  long long v;
  *out = 0;
  if (text == NULL || *text < '0' || *text > '9')
    goto bad;
  errno = 0;
  v = strtoll(text, &end, 10);
  if (*end != '\0' || v <= 0 || errno == ERANGE)
    goto bad;
  *out = v;
  return 0;
bad:
  return cli_failf(c, DSC_INVALID, field, "must be a positive whole number",
                   "必须是正整数");
}

/* A count given on the command line (--pages, --days, N): ASCII digits
 * only, no sign or space, from min to max. */
int cli_parse_count(const cli_t *c, const char *text, const char *field,
                    int min, int max, int *out) {
  long v = 0;
  size_t n = text ? strlen(text) : 0;
  dsc_detail_t d;

  for (size_t i = 0; i < n; i++)
    if (text[i] < '0' || text[i] > '9')
      n = 0;
  if (n > 0 && n <= 9) {
    for (size_t i = 0; i < n; i++)
      v = v * 10 + (text[i] - '0');
    if (v >= min && v <= max) {
      *out = (int)v;
      return 0;
    }
  }
  dsc_detail_setf(&d, DSC_INVALID, field,
                  "must be a whole number from %d to %d",
                  "必须是%d至%d之间的整数", min, max);
  return cli_fail(c, DSC_INVALID, &d);
}

/* After an action: print the request's show object (--json) or a line.
 * Over the network the action's reply is that show object already. */
int cli_report_request(cli_t *c, int64_t id, const char *verb_en,
                       const char *verb_zh) {
  int rc;
  if (!c->json) {
    printf(c->lang == DSC_LANG_ZH ? "申请 %lld：%s\n" : "request %lld: %s\n",
           (long long)id, cli_tr(c, verb_en, verb_zh));
    return 0;
  }
  if (c->remote) {
    cli_print_json(c->res.json);
    return 0;
  }
  rc = cli_finish(
      c, dsc_request_show(c->engine, &c->ctx, id, cli_store_result, c));
  if (rc == 0)
    cli_print_json(c->res.json);
  return rc;
}

/* ---- commands ---------------------------------------------------------- */

static int cmd_migrate(cli_t *c) {
  const cJSON *applied, *m;
  int rc = cli_finish(c, dsc_migrate(c->engine, cli_store_result, c));
  if (rc)
    return rc;
  if (c->json) {
    cli_print_json(c->res.json);
    return 0;
  }
  applied = cJSON_GetObjectItemCaseSensitive(c->res.json, "applied");
  cJSON_ArrayForEach(m, applied)
      printf("%s %s\n", cli_tr(c, "applied", "已应用"), m->valuestring);
  if (cJSON_GetArraySize(applied) == 0)
    puts(cli_tr(c, "schema up to date", "数据库结构已是最新"));
  return 0;
}

static int cmd_submit(cli_t *c) {
  size_t len = 0;
  char *json = dsc_front_read_file(c->pos[0], 1u << 20, &len);
  int rc;
  int64_t id;

  if (json == NULL)
    return cli_failf(c, DSC_INVALID, "file", "cannot be read", "无法读取");
  if (len > (1u << 20)) {
    free(json);
    return cli_failf(c, DSC_INVALID, "file", "larger than 1 MiB", "超过 1 MiB");
  }
  rc = c->remote ? cli_remote_submit(c, json, len)
                 : cli_finish(c, dsc_request_submit(c->engine, &c->ctx, json,
                                                    len, cli_store_result, c));
  free(json);
  if (rc)
    return rc;
  id = c->res.id;
  if (!c->json) {
    printf("%lld\n", (long long)id);
    return 0;
  }
  return cli_report_request(c, id, "", "");
}

int cli_common_args(const cli_t *c, dsc_action_args_t *a) {
  a->backdate_reason = c->backdate_reason;
  a->delivered_on = c->delivered_on;
  a->notified_on = c->notified_on;
  a->late_reason = c->late_reason;
  return c->duplicate_of ? cli_parse_id(c, c->duplicate_of, "duplicate_of",
                                        &a->duplicate_of)
                         : 0;
}

int cli_act(cli_t *c, dsc_action_t action, const dsc_action_args_t *args,
            const char *verb_en, const char *verb_zh) {
  int64_t id;
  dsc_action_args_t a = {0};
  int rc = cli_parse_id(c, c->pos[0], "id", &id);
  if (rc)
    return rc;
  if (args != NULL)
    a = *args;
  if ((rc = cli_common_args(c, &a)) != 0)
    return rc;
  rc = c->remote ? cli_remote_act(c, id, action, &a)
                 : cli_finish(c, dsc_request_act(c->engine, &c->ctx, id, action,
                                                 &a, cli_store_result, c));
  return rc ? rc : cli_report_request(c, id, verb_en, verb_zh);
}

static int cmd_assign(cli_t *c) {
  dsc_action_args_t a = {.to = c->to};
  if (c->to == NULL)
    return cli_usage_error(c, "assign ID --to LOGIN",
                           "assign 编号 --to 登录名");
  return cli_act(c, DSC_ACTION_ASSIGN, &a, "assigned", "已分办");
}

static int cmd_draft(cli_t *c) {
  /* What the answer letter will say of the decision (issue 14). */
  dsc_action_args_t a = {.law = c->law,
                         .agency = c->refer_to,
                         .contact = c->refer_contact,
                         .url = c->url,
                         .channel = c->channel};
  char *text = NULL;
  size_t len = 0;
  int rc;
  if (c->outcome == NULL)
    return cli_usage_error(
        c,
        "draft ID --outcome CODE [--text FILE] [--duplicate-of N] [--law "
        "TEXT] [--refer-to AGENCY [--refer-contact TEXT]] [--url URL] "
        "[--channel CHANNEL]",
        "draft 编号 --outcome 结果代码 [--text 文件] [--duplicate-of 编号] "
        "[--law 法律依据] [--refer-to 机关 [--refer-contact 联系方式]] "
        "[--url 网址] [--channel 提供方式]");
  if (dsc_outcome_parse(c->outcome, &a.outcome) != DSC_OK)
    return cli_failf(c, DSC_INVALID, "outcome",
                     "not an outcome code (see CONTRACT §6)",
                     "不是有效的办理结果代码");
  if (c->text_file) {
    text = dsc_front_read_file(c->text_file, 1u << 20, &len);
    if (text == NULL || len > (1u << 20) || strlen(text) != len) {
      free(text);
      return cli_failf(c, DSC_INVALID, "text",
                       "cannot be read, holds a NUL byte or exceeds 1 MiB",
                       "无法读取、含有空字节或超过 1 MiB");
    }
    a.text = text;
  }
  rc = cli_act(c, DSC_ACTION_DRAFT, &a, "drafted", "已拟稿");
  free(text);
  return rc;
}

static int cmd_review(cli_t *c) {
  dsc_action_args_t a = {.approve = c->approve, .comment = c->comment};
  if (c->approve == c->reject)
    return cli_usage_error(c, "review ID (--approve | --reject --comment TEXT)",
                           "review 编号 (--approve | --reject --comment 意见)");
  return cli_act(c, DSC_ACTION_REVIEW, &a,
                 c->approve ? "approved" : "returned to the handler",
                 c->approve ? "审核通过" : "已退回承办人");
}

static int cmd_answer(cli_t *c) {
  dsc_action_args_t a = {.channel = c->channel};
  return cli_act(c, DSC_ACTION_ANSWER, &a, "answered", "已答复");
}

static int cmd_publish(cli_t *c) {
  dsc_action_args_t a = {.url = c->url};
  if (c->url == NULL)
    return cli_usage_error(c, "publish ID --url URL",
                           "publish 编号 --url 网址");
  return cli_act(c, DSC_ACTION_PUBLISH, &a, "published", "已公开");
}

static int cmd_withdraw(cli_t *c) {
  dsc_action_args_t a = {.reason = c->reason};
  return cli_act(c, DSC_ACTION_WITHDRAW, &a, "withdrawn", "已撤回");
}

/* ---- the statutory clock (CONTRACT §5, §7) ------------------------------ */

static int print_appeal(cli_t *c) {
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(c->res.json, "id");
  if (c->json)
    cli_print_json(c->res.json);
  else
    printf(c->lang == DSC_LANG_ZH ? "复议诉讼记录 %lld\n" : "appeal %lld\n",
           (long long)(cJSON_IsNumber(id) ? id->valuedouble : 0));
  return 0;
}

/* appeal ID --kind KIND: over a request; appeal --general [--agency A]
 * --kind KIND: about the agency's disclosure work as a whole (section 四
 * counts both). --general is explicit so that a forgotten ID is a usage
 * error, not an appeal without a request. */
static int cmd_appeal(cli_t *c) {
  int64_t id;
  int rc;
  if (c->kind == NULL || c->general != (c->npos == 0) ||
      (c->agency && !c->general))
    return cli_usage_error(
        c, "appeal (ID | --general [--agency A]) --kind KIND [--result RESULT]",
        "appeal (编号 | --general [--agency 机关]) --kind 类型 [--result "
        "结果]");
  if (c->general)
    rc = c->remote ? cli_remote_appeal(c, 0)
                   : cli_finish(c, dsc_appeal_file_general(
                                       c->engine, &c->ctx, c->agency, c->kind,
                                       c->result, cli_store_result, c));
  else if ((rc = cli_parse_id(c, c->pos[0], "id", &id)) == 0)
    rc = c->remote
             ? cli_remote_appeal(c, id)
             : cli_finish(c, dsc_appeal_file(c->engine, &c->ctx, id, c->kind,
                                             c->result, cli_store_result, c));
  return rc ? rc : print_appeal(c);
}

static int cmd_appeal_decided(cli_t *c) {
  int64_t id;
  int rc = cli_parse_id(c, c->pos[0], "appeal_id", &id);
  if (rc)
    return rc;
  if (c->result == NULL)
    return cli_usage_error(c, "appeal-decided APPEAL_ID --result RESULT",
                           "appeal-decided 记录编号 --result 结果");
  rc = c->remote
           ? cli_remote_appeal_decide(c, id)
           : cli_finish(c, dsc_appeal_decide(c->engine, &c->ctx, id, c->result,
                                             cli_store_result, c));
  return rc ? rc : print_appeal(c);
}

static int cmd_show(cli_t *c) {
  int64_t id;
  int rc = cli_parse_id(c, c->pos[0], "id", &id);
  if (rc)
    return rc;
  if (c->remote)
    rc = cli_remote_show(c, id, c->explain);
  else
    rc = cli_finish(c, c->explain ? dsc_request_explain(c->engine, &c->ctx, id,
                                                        cli_store_result, c)
                                  : dsc_request_show(c->engine, &c->ctx, id,
                                                     cli_store_result, c));
  if (rc)
    return rc;
  if (c->json)
    cli_print_json(c->res.json);
  else if (c->explain)
    cli_print_explain(c, c->res.json);
  else
    cli_print_show(c, c->res.json);
  return 0;
}

static int cmd_list(cli_t *c) {
  dsc_list_filter_t f = {
      .state = c->state, .assignee = c->assignee, .overdue = c->overdue};
  int rc;
  if (c->undelivered)
    return cli_cmd_list_undelivered(c);
  if (c->due_within) {
    char *end;
    long n = strtol(c->due_within, &end, 10);
    if (*c->due_within == '\0' || *end != '\0' || n < 0 || n > 1000)
      return cli_failf(c, DSC_INVALID, "due-within",
                       "a number of working days from 0 to 1000",
                       "须为0至1000的工作日数");
    f.due_within = (int)n;
    f.due_within_set = true;
  }
  if (c->limit) {
    char *end;
    long n = strtol(c->limit, &end, 10);
    if (*c->limit == '\0' || *end != '\0' || n < 1 || n > DSC_LIST_MAX_LIMIT)
      return cli_failf(c, DSC_INVALID, "limit", "a number from 1 to 1000",
                       "须为1至1000的数");
    f.limit = (int)n;
  }
  if (c->after && (rc = cli_parse_id(c, c->after, "after", &f.after)) != 0)
    return rc;
  rc = c->remote ? cli_remote_list(c, &f)
                 : cli_finish(c, dsc_request_list(c->engine, &c->ctx, &f,
                                                  cli_store_result, c));
  if (rc)
    return rc;
  if (c->json) {
    cli_print_json(c->res.json);
    return 0;
  }
  cli_print_list(c, c->res.json);
  /* A full page: where the next one starts. */
  if (cJSON_GetArraySize(c->res.json) ==
      (f.limit ? f.limit : DSC_LIST_DEFAULT_LIMIT)) {
    const cJSON *last =
        cJSON_GetArrayItem(c->res.json, cJSON_GetArraySize(c->res.json) - 1);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(last, "id");
    printf("%s --after %lld\n",
           cli_tr(c, "more: disclose list …", "还有更多：disclose list …"),
           cJSON_IsNumber(id) ? (long long)id->valuedouble : 0LL);
  }
  return 0;
}

static const command_t commands[] = {
    {"migrate", 0, 0, cmd_migrate, "migrate"},
    {"login", 0, 1, cli_cmd_login, "--server URL login [LOGIN] < password"},
    {"logout", 0, 0, cli_cmd_logout, "--server URL logout"},
    {"staff add", 1, 1, cli_cmd_staff_add,
     "staff add LOGIN --name NAME --role ROLE [--role ROLE...]"},
    {"staff roles", 1, 1, cli_cmd_staff_roles,
     "staff roles LOGIN --role ROLE [--role ROLE...]"},
    {"staff disable", 1, 1, cli_cmd_staff_disable, "staff disable LOGIN"},
    {"staff password", 1, 1, cli_cmd_staff_password,
     "staff password LOGIN < FILE (the new password, one line)"},
    {"agency set", 1, 1, cli_cmd_agency_set,
     "agency set CODE (--backdate-workdays N | --supplement-reply-within N | "
     "--full-name | --short-name | --address | --phone | --contact | "
     "--seal-caption | --reconsideration-body | --court | --fee-payment "
     "TEXT | --require-letter yes|no)"},
    {"agency add", 1, 1, cli_cmd_agency_add, "agency add CODE --name NAME"},
    {"submit", 1, 1, cmd_submit, "submit FILE|-"},
    {"assign", 1, 1, cmd_assign, "assign ID --to LOGIN"},
    {"draft", 1, 1, cmd_draft,
     "draft ID --outcome CODE [--text FILE] [--duplicate-of N] [--law TEXT] "
     "[--refer-to AGENCY [--refer-contact TEXT]] [--url URL] [--channel "
     "CHANNEL]"},
    {"review", 1, 1, cmd_review,
     "review ID (--approve | --reject --comment TEXT)"},
    {"answer", 1, 1, cmd_answer, "answer ID [--channel CHANNEL]"},
    {"publish", 1, 1, cmd_publish, "publish ID --url URL"},
    {"request-supplement", 1, 1, cli_cmd_request_supplement,
     "request-supplement ID --note TEXT [--reply-within N]"},
    {"supplement-received", 1, 1, cli_cmd_supplement_received,
     "supplement-received ID [--late-reason TEXT]"},
    {"consult-third-party", 1, 1, cli_cmd_consult_third_party,
     "consult-third-party ID [--note TEXT] [--delivered-on DATE]"},
    {"third-party-replied", 1, 1, cli_cmd_third_party_replied,
     "third-party-replied ID"},
    {"consult-agency", 1, 1, cli_cmd_consult_agency,
     "consult-agency ID --agency NAME [--note TEXT] [--delivered-on DATE]"},
    {"agency-replied", 1, 1, cli_cmd_agency_replied, "agency-replied ID"},
    {"fee-quote", 1, 1, cli_cmd_fee_quote,
     "fee-quote ID --pages N [--method count|volume]"},
    {"fee-notice", 1, 1, cli_cmd_fee_notice,
     "fee-notice ID [--amount YUAN] [--pages N] [--method count|volume]"},
    {"fee-paid", 1, 1, cli_cmd_fee_paid, "fee-paid ID"},
    {"delivered", 1, 1, cli_cmd_delivered, "delivered ID [--on DATE]"},
    {"refer-secrecy", 1, 1, cli_cmd_refer_secrecy,
     "refer-secrecy ID --authority NAME [--note TEXT]"},
    {"secrecy-replied", 1, 1, cli_cmd_secrecy_replied, "secrecy-replied ID"},
    {"extend", 1, 1, cli_cmd_extend,
     "extend ID --days N --reason TEXT [--notified-on DATE]"},
    {"require-reasons", 1, 1, cli_cmd_require_reasons,
     "require-reasons ID --note TEXT [--reply-within N]"},
    {"reasons-received", 1, 1, cli_cmd_reasons_received, "reasons-received ID"},
    {"longer-period", 1, 1, cli_cmd_longer_period,
     "longer-period ID --days N --reason TEXT [--notified-on DATE]"},
    {"withdraw", 1, 1, cmd_withdraw, "withdraw ID [--reason applicant]"},
    {"appeal", 0, 1, cmd_appeal,
     "appeal (ID | --general [--agency A]) --kind KIND [--result RESULT]"},
    {"appeal-decided", 1, 1, cmd_appeal_decided,
     "appeal-decided APPEAL_ID --result RESULT"},
    {"letter", 1, 1, cli_cmd_letter,
     "letter ID (--kind KIND [--preview] [--to NAME] [--corrects NUMBER] | "
     "--number NUMBER) [--format text|html|json] | letter ID --list"},
    {"deliver", 1, 1, cli_cmd_deliver,
     "deliver ID --method post|email|in_person|online [--on DATE] "
     "[--tracking NO] [--letter NUMBER]"},
    {"show", 1, 1, cmd_show, "show ID [--explain]"},
    {"list", 0, 0, cmd_list,
     "list [--state S] [--overdue] [--due-within N] [--assignee LOGIN] "
     "[--limit N] [--after ID] | list --undelivered DAYS"},
    {"verify", 0, 0, cli_cmd_verify, "verify [--against FILE] [--anchor FILE]"},
    {"calendar import", 1, 1, cli_cmd_calendar_import,
     "calendar import FILE|-"},
    {"calendar due", 2, 2, cli_cmd_calendar_due, "calendar due FROM N"},
};

static void print_help(const cli_t *c) {
  printf("%s\n\n",
         cli_tr(c, "disclose — the staff CLI of the disclosure center",
                "disclose — 政府信息公开申请办理命令行"));
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    printf("  disclose %s\n", commands[i].usage);
  printf("\n%s\n",
         cli_tr(c,
                "Every command takes --as LOGIN, --on YYYY-MM-DD, --json, "
                "--help. Environment: DISCLOSE_DB, DISCLOSE_TODAY, "
                "DISCLOSE_ACTOR.\n"
                "Over the network: --server URL (or DISCLOSE_SERVER) on "
                "every command, after `login`; --cacert FILE (or "
                "DISCLOSE_CACERT) for a center's own CA; no --as.",
                "所有命令均接受 --as 登录名、--on 日期、--json、--help。"
                "环境变量：DISCLOSE_DB、DISCLOSE_TODAY、DISCLOSE_ACTOR。\n"
                "通过网络使用：先 login，之后每个命令加 --server 网址（或 "
                "DISCLOSE_SERVER）；本中心自有 CA 用 --cacert 文件（或 "
                "DISCLOSE_CACERT）；不接受 --as。"));
}

/* ---- argument parsing -------------------------------------------------- */

#define STR_FLAG(n, field) DSC_FRONT_STR_FLAG(cli_t, n, field, 0)
#define BOOL_FLAG(n, field) DSC_FRONT_BOOL_FLAG(cli_t, n, field, 0)

static const dsc_front_flag_t flags[] = {
    STR_FLAG("--as", as),
    STR_FLAG("--server", server),
    STR_FLAG("--cacert", cacert),
    STR_FLAG("--on", on_text),
    STR_FLAG("--to", to),
    STR_FLAG("--outcome", outcome),
    STR_FLAG("--text", text_file),
    STR_FLAG("--comment", comment),
    STR_FLAG("--channel", channel),
    STR_FLAG("--url", url),
    STR_FLAG("--reason", reason),
    STR_FLAG("--name", name),
    STR_FLAG("--kind", kind),
    STR_FLAG("--result", result),
    STR_FLAG("--state", state),
    STR_FLAG("--assignee", assignee),
    STR_FLAG("--due-within", due_within),
    STR_FLAG("--note", note),
    STR_FLAG("--backdate-reason", backdate_reason),
    STR_FLAG("--limit", limit),
    STR_FLAG("--backdate-workdays", backdate_workdays),
    STR_FLAG("--supplement-reply-within", supplement_reply),
    STR_FLAG("--after", after),
    STR_FLAG("--reply-within", reply_within),
    STR_FLAG("--agency", agency),
    STR_FLAG("--pages", pages),
    STR_FLAG("--method", method),
    STR_FLAG("--amount", amount),
    STR_FLAG("--days", days),
    STR_FLAG("--delivered-on", delivered_on),
    STR_FLAG("--notified-on", notified_on),
    STR_FLAG("--authority", authority),
    STR_FLAG("--late-reason", late_reason),
    STR_FLAG("--duplicate-of", duplicate_of),
    STR_FLAG("--anchor", anchor),
    STR_FLAG("--against", against),
    STR_FLAG("--format", format),
    STR_FLAG("--corrects", corrects),
    STR_FLAG("--number", number),
    STR_FLAG("--letter", letter),
    STR_FLAG("--tracking", tracking),
    STR_FLAG("--undelivered", undelivered),
    STR_FLAG("--require-letter", require_letter),
    STR_FLAG("--law", law),
    STR_FLAG("--refer-to", refer_to),
    STR_FLAG("--refer-contact", refer_contact),
    BOOL_FLAG("--preview", preview),
    BOOL_FLAG("--list", list),
    BOOL_FLAG("--json", json),
    BOOL_FLAG("--help", help),
    BOOL_FLAG("--approve", approve),
    BOOL_FLAG("--reject", reject),
    BOOL_FLAG("--overdue", overdue),
    BOOL_FLAG("--explain", explain),
    BOOL_FLAG("--general", general),
};

/* `agency set`'s letter settings (migrations/0020): each option names one,
 * and one is set per call. */
static const char *letter_setting_of(const char *option) {
  static const struct {
    const char *option, *setting;
  } settings[] = {
      {"--full-name", "full_name"},
      {"--short-name", "short_name"},
      {"--address", "address"},
      {"--phone", "phone"},
      {"--contact", "contact"},
      {"--seal-caption", "seal_caption"},
      {"--reconsideration-body", "reconsideration_body"},
      {"--court", "court"},
      {"--fee-payment", "fee_payment"},
  };
  for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
    if (strcmp(settings[i].option, option) == 0)
      return settings[i].setting;
  return NULL;
}

static int parse_args(cli_t *c, int argc, char **argv, const char **words,
                      int *nwords) {
  *nwords = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const dsc_front_flag_t *f;
    if (strcmp(a, "-h") == 0)
      a = "--help";
    if (strcmp(a, "--role") == 0) {
      if (i + 1 >= argc || c->nroles == CLI_MAX_ROLES)
        return cli_usage_error(c, "--role needs a value", "--role 缺少取值");
      c->roles[c->nroles++] = argv[++i];
      continue;
    }
    if (letter_setting_of(a) != NULL) {
      if (i + 1 >= argc)
        return usage_of(c, "a value is needed after ", "缺少取值：", a);
      if (c->letter_setting != NULL)
        return cli_usage_error(c, "one letter setting per call",
                               "每次只能设置一项公文设置");
      c->letter_setting = letter_setting_of(a);
      c->letter_value = argv[++i];
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') {
      f = dsc_front_flag_find(flags, sizeof flags / sizeof flags[0], a);
      if (f == NULL)
        return usage_of(c, "unknown option: ", "未知选项：", a);
      if (!dsc_front_flag_set(f, c, argc, argv, &i))
        return usage_of(c, "a value is needed after ", "缺少取值：", a);
      continue;
    }
    if (*nwords >= CLI_MAX_POSITIONAL + 2)
      return cli_usage_error(c, "too many arguments", "参数过多");
    words[(*nwords)++] = a;
  }
  return 0;
}

int main(int argc, char **argv) {
  static cli_t c;
  const char *words[CLI_MAX_POSITIONAL + 2];
  const command_t *cmd = NULL;
  int nwords, rc, used = 0;
  const char *today = getenv("DISCLOSE_TODAY");

  c.lang = dsc_front_lang();
  if ((rc = parse_args(&c, argc, argv, words, &nwords)) != 0)
    return rc;
  if (nwords == 0) {
    if (c.help) {
      print_help(&c);
      return 0;
    }
    return cli_usage_error(&c, "no command (disclose --help lists them)",
                           "未指定命令（disclose --help 列出全部命令）");
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0] && !cmd; i++) {
    const char *name = commands[i].name, *space = strchr(name, ' ');
    if (space == NULL && strcmp(words[0], name) == 0) {
      cmd = &commands[i];
      used = 1;
    } else if (space && nwords >= 2 &&
               strncmp(words[0], name, (size_t)(space - name)) == 0 &&
               words[0][space - name] == '\0' &&
               strcmp(words[1], space + 1) == 0) {
      cmd = &commands[i];
      used = 2;
    }
  }
  if (cmd == NULL)
    return usage_of(&c, "unknown command: ", "未知命令：", words[0]);
  if (c.help) {
    printf("disclose %s\n", cmd->usage);
    return 0;
  }
  for (int i = used; i < nwords; i++)
    c.pos[c.npos++] = words[i];
  if (c.npos < cmd->min_pos || c.npos > cmd->max_pos)
    return usage_of(&c, "disclose ", "disclose ", cmd->usage);

  if (c.on_text && dsc_date_parse(c.on_text, &c.ctx.on) != DSC_OK)
    return cli_failf(&c, DSC_INVALID, "on", "not a date (YYYY-MM-DD)",
                     "不是有效日期（YYYY-MM-DD）");
  /* Over the network (issue 15): the server decides who acts and when. */
  if (c.server == NULL)
    c.server = getenv("DISCLOSE_SERVER");
  if (c.cacert == NULL)
    c.cacert = getenv("DISCLOSE_CACERT");
  if (c.cacert && *c.cacert == '\0')
    c.cacert = NULL;
  if (c.server && *c.server)
    return cli_remote_main(&c, cmd->name, cmd->run);
  if (cmd->run == cli_cmd_login || cmd->run == cli_cmd_logout)
    return usage_of(&c, "disclose ", "disclose ", cmd->usage);

  /* The business dates and who acts (CONTRACT §2): the database says who
   * is connected; only the operator may pin today or act for another. */
  if (today && *today && dsc_date_parse(today, &c.ctx.today) != DSC_OK)
    return cli_failf(&c, DSC_INVALID, "DISCLOSE_TODAY",
                     "not a date (YYYY-MM-DD)", "不是有效日期（YYYY-MM-DD）");
  if (!(today && *today))
    c.ctx.today = dsc_date_today_shanghai();
  c.ctx.actor = c.as ? c.as : getenv("DISCLOSE_ACTOR");

  c.as_owner = cmd->run == cmd_migrate;
  if ((rc = cli_engine_open(&c)) != 0)
    return rc;
  if (!c.as_owner) {
    dsc_detail_t d;
    dsc_err_t err =
        dsc_front_identify(c.engine, &c.loop, c.ctx.actor, today && *today,
                           &c.ctx, &c.identity, &d);
    if (err != DSC_OK) {
      rc = cli_fail(&c, err, &d);
      cli_engine_close(&c);
      return rc;
    }
  }
  if (c.on_text == NULL)
    c.ctx.on = c.ctx.today;
  rc = cmd->run(&c);
  cli_engine_close(&c);
  return rc;
}
