/* The staff CLI's commands over the HTTP API (remote.h): which command
 * goes to which endpoint (docs/api.md's table), logging in and out, and
 * the calls the in-process command functions make instead of the
 * engine's when c->remote is set. */
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "remote.h"

/* ---- the routes ---------------------------------------------------------
 *
 * The command's own function runs (main.c, clock.c, staff.c, letter.c,
 * agency.c), its engine calls going to the endpoint named (docs/api.md).
 * A command missing from this table has no endpoint: the operator's
 * (calendar, verify, migrate) run on the server.
 */

typedef struct route {
  const char *command;  /* main.c's name ("staff password") */
  const char *endpoint; /* what it calls */
} route_t;

#define ACTION "POST /api/v1/requests/{id}/actions/{action}"

static const route_t routes[] = {
    {"login", "POST /api/v1/session"},
    {"logout", "DELETE /api/v1/session"},
    {"submit", "POST /api/v1/requests"},
    {"show", "GET /api/v1/requests/{id}[?explain=1]"},
    {"list", "GET /api/v1/requests; --undelivered: GET "
             "/api/v1/letters/undelivered"},
    {"assign", ACTION},
    {"draft", ACTION},
    {"review", ACTION},
    {"answer", ACTION},
    {"publish", ACTION},
    {"withdraw", ACTION},
    {"request-supplement", ACTION},
    {"supplement-received", ACTION},
    {"consult-third-party", ACTION},
    {"third-party-replied", ACTION},
    {"consult-agency", ACTION},
    {"agency-replied", ACTION},
    {"fee-notice", ACTION},
    {"fee-paid", ACTION},
    {"delivered", ACTION},
    {"refer-secrecy", ACTION},
    {"secrecy-replied", ACTION},
    {"extend", ACTION},
    {"require-reasons", ACTION},
    {"reasons-received", ACTION},
    {"longer-period", ACTION},
    /* One's own: PUT /api/v1/session/password. */
    {"staff password", "PUT /api/v1/staff/{login}/password"},
    {"fee-quote", "GET /api/v1/requests/{id}/fee-quote"},
    {"appeal", "POST /api/v1/requests/{id}/appeals, POST /api/v1/appeals"},
    {"appeal-decided", "POST /api/v1/appeals/{id}/decision"},
    {"letter", "POST|GET /api/v1/requests/{id}/letters[/{number}]"},
    {"deliver", "POST /api/v1/requests/{id}/deliveries"},
    {"staff add", "POST /api/v1/staff"},
    {"staff roles", "PUT /api/v1/staff/{login}/roles"},
    {"staff disable", "POST /api/v1/staff/{login}/disable"},
    {"agency add", "POST /api/v1/agencies"},
    {"agency set", "PATCH /api/v1/agencies/{code}"},
};

static int not_available(const cli_t *c, const char *command) {
  dsc_detail_t d;
  dsc_detail_setf(&d, DSC_USAGE, "server",
                  "%s is not available over the network: an operator's "
                  "command, run it on the server",
                  "%s 不能通过网络使用：属运维命令，请在服务器上运行", command);
  return cli_fail(c, DSC_USAGE, &d);
}

int cli_remote_main(cli_t *c, const char *name, int (*local)(cli_t *c)) {
  const route_t *r = NULL;
  int rc;

  for (size_t i = 0; i < sizeof routes / sizeof routes[0] && !r; i++)
    if (strcmp(routes[i].command, name) == 0)
      r = &routes[i];
  if (r == NULL)
    return not_available(c, name);
  /* The actor is the member whose session it is: nobody else can be
   * named, and the business date is the server's. */
  if (c->as != NULL)
    return cli_usage_error(
        c,
        "--as is not taken with --server: you act as the member logged in "
        "(disclose --server URL login)",
        "使用 --server 时不接受 --as：以登录的工作人员身份操作"
        "（disclose --server 网址 login）");
  if ((rc = cli_remote_open(c)) == 0)
    rc = local(c);
  cli_remote_close(c);
  return rc;
}

/* ---- login and logout --------------------------------------------------- */

/* The terminal as it was while echo is off, for the signal handler. */
static struct termios saved_tty;
static volatile sig_atomic_t tty_quiet;

static void restore_tty(int sig) {
  if (tty_quiet)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
  signal(sig, SIG_DFL);
  raise(sig);
}

/* One line of standard input into buf (cap bytes), read byte by byte so
 * that no copy stays in stdio's buffer; with a terminal, a prompt on
 * stderr and echo off (restored on a signal too). false when there is no
 * line or it does not fit. */
static bool read_password(const cli_t *c, const char *login, char *buf,
                          size_t cap) {
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_tty) == 0;
  size_t n = 0;
  char ch = 0;

  if (tty) {
    struct termios quiet = saved_tty;
    fprintf(stderr,
            c->lang == DSC_LANG_ZH ? "%s 在 %s 的密码："
                                   : "password for %s at %s: ",
            login, cli_remote_base(c));
    fflush(stderr);
    signal(SIGINT, restore_tty);
    signal(SIGTERM, restore_tty);
    signal(SIGHUP, restore_tty);
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    tty_quiet = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  for (;;) {
    ssize_t got = read(STDIN_FILENO, &ch, 1);
    if (got != 1 || ch == '\n')
      break;
    if (n + 1 >= cap) {
      n = cap; /* too long */
      break;
    }
    buf[n++] = ch;
  }
  if (tty) {
    if (tty_quiet)
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tty);
    tty_quiet = 0;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
  }
  if (n >= cap) {
    sodium_memzero(buf, cap);
    return false;
  }
  if (n > 0 && buf[n - 1] == '\r')
    n--;
  buf[n] = '\0';
  ch = 0;
  return n > 0;
}

/* A token goes into a line of the store: a base64url word, not too
 * long. */
static bool token_ok(const char *t) {
  size_t n = strlen(t);
  if (n == 0 || n >= CLI_REMOTE_TOKEN_MAX)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') ||
          (t[i] >= '0' && t[i] <= '9') || t[i] == '-' || t[i] == '_'))
      return false;
  return true;
}

/* Wipes and frees a body that held a password. */
static void body_wipe(cJSON *body, const char *key) {
  cJSON *pw = cJSON_GetObjectItemCaseSensitive(body, key);
  if (cJSON_IsString(pw))
    sodium_memzero(pw->valuestring, strlen(pw->valuestring));
  cJSON_Delete(body);
}

int cli_cmd_login(cli_t *c) {
  char login[65], password[1024], old[CLI_REMOTE_TOKEN_MAX + 1];
  char pwbuf[4096];
  struct passwd pw, *me = NULL;
  cJSON *body, *token;
  dsc_detail_t d;
  int rc;

  if (c->npos == 1) {
    snprintf(login, sizeof login, "%s", c->pos[0]);
  } else if (getpwuid_r(geteuid(), &pw, pwbuf, sizeof pwbuf, &me) == 0 &&
             me != NULL) {
    snprintf(login, sizeof login, "%s", pw.pw_name);
  } else {
    return cli_usage_error(c, "login LOGIN", "login 登录名");
  }
  /* The store must take the token before a session is opened for it. */
  if ((rc = cli_remote_token_get(c, old, sizeof old)) < 0)
    return -rc;
  sodium_memzero(old, sizeof old);
  if (!read_password(c, login, password, sizeof password))
    return cli_usage_error(c,
                           "login [LOGIN]: give the password on standard "
                           "input, one line (never on the command line)",
                           "login [登录名]：请从标准输入提供密码（一行），"
                           "不得写在命令行上");
  body = cJSON_CreateObject();
  if (body == NULL || !cJSON_AddStringToObject(body, "login", login) ||
      !cJSON_AddStringToObject(body, "password", password)) {
    sodium_memzero(password, sizeof password);
    body_wipe(body, "password");
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  sodium_memzero(password, sizeof password);
  rc = cli_remote_call(c, "POST", "/api/v1/session", body, false, true);
  body_wipe(body, "password");
  if (rc)
    return rc;
  token = cJSON_GetObjectItemCaseSensitive(c->res.json, "token");
  if (!cJSON_IsString(token) || !token_ok(token->valuestring))
    return cli_failf(c, DSC_INTERNAL, "token",
                     "the server gave no usable session token",
                     "服务器未返回可用的会话令牌");
  rc = cli_remote_token_put(c, token->valuestring);
  if (rc != 0) {
    /* Not kept, so not left open either. */
    (void)cli_remote_request(c, "DELETE", "/api/v1/session", NULL,
                             token->valuestring, false, &d);
    return rc;
  }
  token = cJSON_GetObjectItemCaseSensitive(c->res.json, "token");
  if (cJSON_IsString(token))
    sodium_memzero(token->valuestring, strlen(token->valuestring));
  cJSON_DeleteItemFromObjectCaseSensitive(c->res.json, "token");
  if (c->json)
    cli_print_json(c->res.json);
  else
    printf(c->lang == DSC_LANG_ZH ? "已登录：%s（%s）\n"
                                  : "logged in as %s at %s\n",
           login, cli_remote_base(c));
  return 0;
}

int cli_cmd_logout(cli_t *c) {
  char token[CLI_REMOTE_TOKEN_MAX + 1];
  dsc_detail_t d;
  dsc_err_t err;
  int rc = cli_remote_token_get(c, token, sizeof token);

  if (rc < 0)
    return -rc;
  if (rc == 0) {
    printf(c->lang == DSC_LANG_ZH ? "未登录：%s\n" : "not logged in at %s\n",
           cli_remote_base(c));
    return 0;
  }
  err = cli_remote_request(c, "DELETE", "/api/v1/session", NULL, token, false,
                           &d);
  sodium_memzero(token, sizeof token);
  /* An ended session (401) is as good as logged out. Any other failure
   * keeps the token: the session may still be live on the server, and
   * only the token can end it. */
  if (err != DSC_OK && err != DSC_UNAUTHENTICATED)
    return cli_fail(c, err, &d);
  if ((rc = cli_remote_token_put(c, NULL)) != 0)
    return rc;
  printf(c->lang == DSC_LANG_ZH ? "已退出：%s\n" : "logged out of %s\n",
         cli_remote_base(c));
  return 0;
}

/* ---- what the command functions call ------------------------------------
 */

static bool add_text(cJSON *o, const char *key, const char *v) {
  return v == NULL || cJSON_AddStringToObject(o, key, v) != NULL;
}

static bool add_number(cJSON *o, const char *key, double v) {
  return v == 0 || cJSON_AddNumberToObject(o, key, v) != NULL;
}

/* The CLI's parsed arguments as the endpoint's body (web/api/act_body.c
 * reads it back into the same dsc_action_args_t): each field that is not
 * its zero value, under the key named after the CLI's option. */
static cJSON *action_body(const cli_t *c, dsc_action_t action,
                          const dsc_action_args_t *a) {
  char amount[DSC_FEE_AMOUNT_STRLEN];
  bool window = action == DSC_ACTION_REQUEST_SUPPLEMENT ||
                action == DSC_ACTION_REQUIRE_REASONS;
  cJSON *o = cJSON_CreateObject();
  bool ok =
      o != NULL && add_text(o, "on", c->on_text) && add_text(o, "to", a->to) &&
      (a->outcome == DSC_OUTCOME_NONE ||
       add_text(o, "outcome", dsc_outcome_code(a->outcome))) &&
      add_text(o, "text", a->text) && add_text(o, "law", a->law) &&
      /* draft's --refer-to and consult-agency's --agency are one
       * field */
      add_text(o, action == DSC_ACTION_DRAFT ? "refer_to" : "agency",
               a->agency) &&
      add_text(o, "refer_contact", a->contact) &&
      (!a->approve || cJSON_AddTrueToObject(o, "approve") != NULL) &&
      add_text(o, "comment", a->comment) &&
      add_text(o, "channel", a->channel) && add_text(o, "url", a->url) &&
      add_text(o, "reason", a->reason) && add_text(o, "note", a->note) &&
      add_number(o, window ? "reply_within" : "days", a->days) &&
      (a->amount_fen == 0 ||
       add_text(o, "amount", dsc_fee_amount_format(a->amount_fen, amount))) &&
      add_number(o, "pages", a->pages) &&
      (a->fee_method == DSC_FEE_CHEAPER ||
       add_text(o, "method", dsc_fee_method_name(a->fee_method))) &&
      add_text(o, "backdate_reason", a->backdate_reason) &&
      add_text(o, "delivered_on", a->delivered_on) &&
      add_text(o, "notified_on", a->notified_on) &&
      add_text(o, "authority", a->authority) &&
      add_text(o, "late_reason", a->late_reason) &&
      add_number(o, "duplicate_of", (double)a->duplicate_of);
  if (!ok) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

int cli_remote_act(cli_t *c, int64_t id, dsc_action_t action,
                   const dsc_action_args_t *a) {
  char path[128];
  cJSON *body = action_body(c, action, a);
  int rc;
  if (body == NULL)
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  snprintf(path, sizeof path, "/api/v1/requests/%lld/actions/%s", (long long)id,
           dsc_action_name(action));
  rc = cli_remote_call(c, "POST", path, body, true, false);
  cJSON_Delete(body);
  return rc;
}

int cli_remote_show(cli_t *c, int64_t id, bool explain) {
  char path[96];
  snprintf(path, sizeof path, "/api/v1/requests/%lld%s", (long long)id,
           explain ? "?explain=1" : "");
  return cli_remote_call(c, "GET", path, NULL, true, false);
}

/* Appends "&key=value" (the first with '?') to q, escaped; false when it
 * does not fit. */
static bool query_add(cli_t *c, char *q, size_t cap, const char *key,
                      const char *value) {
  char esc[600];
  size_t n = strlen(q);
  int w;
  if (value == NULL)
    return true;
  if (!cli_remote_escape(c, value, esc, sizeof esc))
    return false;
  w = snprintf(q + n, cap - n, "%c%s=%s", n ? '&' : '?', key, esc);
  return w > 0 && (size_t)w < cap - n;
}

int cli_remote_list(cli_t *c, const dsc_list_filter_t *f) {
  char path[2048], q[1900] = "", num[3][24];
  cJSON *items;
  bool ok;
  int rc;

  snprintf(num[0], sizeof num[0], "%d", f->limit);
  snprintf(num[1], sizeof num[1], "%lld", (long long)f->after);
  snprintf(num[2], sizeof num[2], "%d", f->due_within);
  ok = query_add(c, q, sizeof q, "state", f->state) &&
       query_add(c, q, sizeof q, "assignee", f->assignee) &&
       query_add(c, q, sizeof q, "overdue", f->overdue ? "1" : NULL) &&
       query_add(c, q, sizeof q, "due_within",
                 f->due_within_set ? num[2] : NULL) &&
       query_add(c, q, sizeof q, "after", f->after ? num[1] : NULL) &&
       query_add(c, q, sizeof q, "limit", f->limit ? num[0] : NULL);
  if (!ok)
    return cli_failf(c, DSC_INVALID, "list", "the filters are too long",
                     "筛选条件过长");
  snprintf(path, sizeof path, "/api/v1/requests%s", q);
  if ((rc = cli_remote_call(c, "GET", path, NULL, true, false)) != 0)
    return rc;
  /* {"items": [...], "next_after": …}: the items are what the engine's
   * list gives. */
  items = cJSON_DetachItemFromObjectCaseSensitive(c->res.json, "items");
  if (!cJSON_IsArray(items)) {
    cJSON_Delete(items);
    return cli_failf(c, DSC_INTERNAL, "items", "the server gave no list",
                     "服务器未返回列表");
  }
  cJSON_Delete(c->res.json);
  c->res.json = items;
  return 0;
}

int cli_remote_submit(cli_t *c, const char *json, size_t len) {
  dsc_intake_t *intake = NULL;
  const cJSON *id;
  dsc_detail_t d;
  dsc_err_t err;
  cJSON *body;
  int rc;

  /* The engine's own check first, so that a bad file is refused here
   * exactly as in-process (and the JSON is an object). */
  err = dsc_intake_parse(json, len, &intake, &d);
  dsc_intake_destroy(intake);
  if (err != DSC_OK)
    return cli_fail(c, err, &d);
  body = cJSON_ParseWithLength(json, len);
  if (body == NULL || !add_text(body, "on", c->on_text)) {
    cJSON_Delete(body);
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  rc = cli_remote_call(c, "POST", "/api/v1/requests", body, true, false);
  cJSON_Delete(body);
  if (rc)
    return rc;
  id = cJSON_GetObjectItemCaseSensitive(c->res.json, "id");
  if (!cJSON_IsNumber(id))
    return cli_failf(c, DSC_INTERNAL, "id", "the server gave no id",
                     "服务器未返回编号");
  c->res.id = (int64_t)id->valuedouble;
  return 0;
}

/* ---- the other endpoints (docs/api.md: Appeals, Letters,
 * Administration) ---------------------------------------------------------
 */

/* A body with --on, as every body below takes it; NULL when out of
 * memory. */
static cJSON *body_on(const cli_t *c) {
  cJSON *o = cJSON_CreateObject();
  if (o != NULL && !add_text(o, "on", c->on_text)) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* Sends body (built by the caller; ok false: it could not be, out of
 * memory) and frees it. */
static int send_body(cli_t *c, const char *method, const char *path,
                     cJSON *body, bool ok) {
  int rc;
  if (body == NULL || !ok) {
    cJSON_Delete(body);
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  rc = cli_remote_call(c, method, path, body, true, false);
  cJSON_Delete(body);
  return rc;
}

/* path = head, the escaped segment seg (a login, a code, a 文号), tail;
 * false when it does not fit. */
static bool path_with(cli_t *c, char *path, size_t cap, const char *head,
                      const char *seg, const char *tail) {
  char esc[800];
  int n;
  if (!cli_remote_escape(c, seg, esc, sizeof esc))
    return false;
  n = snprintf(path, cap, "%s%s%s", head, esc, tail);
  return n > 0 && (size_t)n < cap;
}

static int too_long(const cli_t *c, const char *field) {
  return cli_failf(c, DSC_INVALID, field, "too long", "过长");
}

int cli_remote_password(cli_t *c, const char *password) {
  char path[1024];
  const cJSON *login;
  cJSON *body;
  bool own;
  int rc = cli_remote_call(c, "GET", "/api/v1/session", NULL, true, false);

  if (rc)
    return rc;
  login = cJSON_GetObjectItemCaseSensitive(c->res.json, "login");
  own = cJSON_IsString(login) && strcmp(login->valuestring, c->pos[0]) == 0;
  if (!own && !path_with(c, path, sizeof path, "/api/v1/staff/", c->pos[0],
                         "/password"))
    return too_long(c, "login");
  body = own ? cJSON_CreateObject() : body_on(c);
  if (body == NULL || !cJSON_AddStringToObject(body, "password", password)) {
    body_wipe(body, "password");
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  rc = cli_remote_call(c, "PUT", own ? "/api/v1/session/password" : path, body,
                       true, true);
  body_wipe(body, "password");
  /* Every session of the member ended with the change: for one's own
   * password, this one too. */
  return rc || !own ? rc : cli_remote_token_put(c, NULL);
}

int cli_remote_fee_quote(cli_t *c, int64_t id, int pages, const char *method) {
  char path[160], q[96] = "", num[24];
  snprintf(num, sizeof num, "%d", pages);
  if (!query_add(c, q, sizeof q, "pages", num) ||
      !query_add(c, q, sizeof q, "method", method))
    return too_long(c, "method");
  snprintf(path, sizeof path, "/api/v1/requests/%lld/fee-quote%s",
           (long long)id, q);
  return cli_remote_call(c, "GET", path, NULL, true, false);
}

int cli_remote_appeal(cli_t *c, int64_t id) {
  char path[96] = "/api/v1/appeals";
  cJSON *body = body_on(c);
  bool ok = body != NULL && add_text(body, "kind", c->kind) &&
            add_text(body, "result", c->result) &&
            (id != 0 || add_text(body, "agency", c->agency));
  if (id != 0)
    snprintf(path, sizeof path, "/api/v1/requests/%lld/appeals", (long long)id);
  return send_body(c, "POST", path, body, ok);
}

int cli_remote_appeal_decide(cli_t *c, int64_t id) {
  char path[96];
  cJSON *body = body_on(c);
  snprintf(path, sizeof path, "/api/v1/appeals/%lld/decision", (long long)id);
  return send_body(c, "POST", path, body,
                   body != NULL && add_text(body, "result", c->result));
}

int cli_remote_letter_issue(cli_t *c, int64_t id, const dsc_letter_args_t *a) {
  char path[96];
  cJSON *body = body_on(c);
  bool ok =
      body != NULL && add_text(body, "kind", dsc_letter_kind_name(a->kind)) &&
      (!a->preview || cJSON_AddTrueToObject(body, "preview") != NULL) &&
      add_text(body, "to", a->to) && add_text(body, "corrects", a->corrects);
  snprintf(path, sizeof path, "/api/v1/requests/%lld/letters", (long long)id);
  return send_body(c, "POST", path, body, ok);
}

int cli_remote_letter_list(cli_t *c, int64_t id) {
  char path[96];
  snprintf(path, sizeof path, "/api/v1/requests/%lld/letters", (long long)id);
  return cli_remote_call(c, "GET", path, NULL, true, false);
}

int cli_remote_letter_get(cli_t *c, int64_t id, const char *number) {
  char head[96], path[1024];
  snprintf(head, sizeof head, "/api/v1/requests/%lld/letters/", (long long)id);
  if (!path_with(c, path, sizeof path, head, number, "?format=json"))
    return too_long(c, "number");
  return cli_remote_call(c, "GET", path, NULL, true, false);
}

int cli_remote_deliver(cli_t *c, int64_t id) {
  char path[96];
  cJSON *body = body_on(c);
  bool ok = body != NULL && add_text(body, "method", c->method) &&
            add_text(body, "tracking", c->tracking) &&
            add_text(body, "letter", c->letter);
  snprintf(path, sizeof path, "/api/v1/requests/%lld/deliveries",
           (long long)id);
  return send_body(c, "POST", path, body, ok);
}

int cli_remote_undelivered(cli_t *c, int days) {
  char path[96];
  snprintf(path, sizeof path, "/api/v1/letters/undelivered?days=%d", days);
  return cli_remote_call(c, "GET", path, NULL, true, false);
}

/* The --role mask as the names the API takes. */
static cJSON *role_names(unsigned roles) {
  cJSON *arr = cJSON_CreateArray();
  for (unsigned bit = 1; arr != NULL && bit <= DSC_ROLE_ALL; bit <<= 1) {
    const char *name = dsc_role_name((dsc_role_t)bit);
    cJSON *s;
    if (!(roles & bit) || name == NULL)
      continue;
    if ((s = cJSON_CreateString(name)) == NULL ||
        !cJSON_AddItemToArray(arr, s)) {
      cJSON_Delete(s);
      cJSON_Delete(arr);
      return NULL;
    }
  }
  return arr;
}

int cli_remote_staff(cli_t *c, const char *verb, unsigned roles) {
  char tail[16], path[1024] = "/api/v1/staff";
  bool add = strcmp(verb, "add") == 0, set_roles = strcmp(verb, "roles") == 0;
  cJSON *body = body_on(c),
        *names = add || set_roles ? role_names(roles) : NULL;
  bool ok = body != NULL && (names != NULL || !(add || set_roles)) &&
            (!add || (add_text(body, "login", c->pos[0]) &&
                      add_text(body, "name", c->name)));

  if (ok && names != NULL)
    ok = cJSON_AddItemToObject(body, "roles", names);
  if (!ok)
    cJSON_Delete(names);
  snprintf(tail, sizeof tail, "/%s", verb);
  if (!add &&
      !path_with(c, path, sizeof path, "/api/v1/staff/", c->pos[0], tail)) {
    cJSON_Delete(body);
    return too_long(c, "login");
  }
  return send_body(c, set_roles ? "PUT" : "POST", path, body, ok);
}

int cli_remote_agency_add(cli_t *c) {
  cJSON *body = body_on(c);
  return send_body(c, "POST", "/api/v1/agencies", body,
                   body != NULL && add_text(body, "code", c->pos[0]) &&
                       add_text(body, "name", c->name));
}

int cli_remote_agency_set(cli_t *c, const char *key, cJSON *value) {
  char path[1024];
  cJSON *body = body_on(c);
  bool ok =
      body != NULL && value != NULL && cJSON_AddItemToObject(body, key, value);
  if (!ok)
    cJSON_Delete(value);
  if (!path_with(c, path, sizeof path, "/api/v1/agencies/", c->pos[0], "")) {
    cJSON_Delete(body);
    return too_long(c, "code");
  }
  return send_body(c, "PATCH", path, body, ok);
}
