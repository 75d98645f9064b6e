/* A staff member's password, proved to PostgreSQL: one connection as the
 * member, one statement, closed (login.h). Its own small state machine
 * rather than a dsc__pg_t: a login needs neither the pipeline nor the
 * prepared registry, and must tell a refused password from an outage,
 * which the long-lived connection never has to.
 *
 * The socket rules are connection.c's: a new uv_poll_t after every
 * PQconnectPoll (the socket may change), and the watch closed before
 * PQfinish closes the descriptor. */
#include "login.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "pgloop.h"

#define DSC_LOGIN_MAX_KEYWORDS 48

struct dsc__login {
  uv_loop_t *loop;
  PGconn *conn;
  uv_poll_t *poll; /* the current watch, or NULL */
  uv_timer_t timer;
  int open_handles; /* the timer and the watches not yet closed */
  bool spoke;       /* the startup packet went out: a failure after it is
                       the server's answer to the login */
  bool querying;
  bool done;
  char *sql;
  int nparams;
  char **params;
  PGresult *res;
  dsc__login_cb cb;
  void *arg;
};
typedef struct dsc__login login_t;

static void on_poll(uv_poll_t *h, int status, int events);

static void release(login_t *l) {
  if (--l->open_handles > 0)
    return;
  for (int i = 0; i < l->nparams; i++)
    dsc__free(l->params[i]);
  dsc__free(l->params);
  dsc__free(l->sql);
  dsc__free(l);
}

static void on_poll_closed(uv_handle_t *h) {
  login_t *l = h->data;
  dsc__free(h);
  release(l);
}

static void on_timer_closed(uv_handle_t *h) { release(h->data); }

static void unwatch(login_t *l) {
  if (l->poll) {
    uv_close((uv_handle_t *)l->poll, on_poll_closed);
    l->poll = NULL;
  }
}

static bool watch(login_t *l, int events) {
  int fd = PQsocket(l->conn);
  if (fd < 0)
    return false;
  if (l->poll == NULL) {
    l->poll = dsc__calloc(1, sizeof *l->poll);
    if (l->poll == NULL)
      return false;
    if (uv_poll_init(l->loop, l->poll, fd) != 0) {
      dsc__free(l->poll);
      l->poll = NULL;
      return false;
    }
    l->poll->data = l;
    l->open_handles++;
  }
  return uv_poll_start(l->poll, events, on_poll) == 0;
}

/* Calls back once, then lets go of everything. */
static void finish(login_t *l, dsc_err_t err, const dsc_detail_t *detail) {
  dsc_detail_t d;
  if (l->done)
    return;
  l->done = true;
  if (detail == NULL) {
    dsc_detail_set(&d, err, NULL, NULL, NULL);
    detail = &d;
  }
  l->cb(l->arg, err, detail, err == DSC_OK ? l->res : NULL);
  PQclear(l->res);
  l->res = NULL;
  unwatch(l);
  PQfinish(l->conn); /* after the watch let go of the descriptor */
  l->conn = NULL;
  uv_timer_stop(&l->timer);
  uv_close((uv_handle_t *)&l->timer, on_timer_closed);
}

/* libpq's message, without its newline, in the detail. */
static void fail_with_message(login_t *l, dsc_err_t err, const char *field) {
  dsc_detail_t d;
  char msg[200];
  snprintf(msg, sizeof msg, "%s",
           l->conn ? PQerrorMessage(l->conn) : "connection failed");
  msg[strcspn(msg, "\n")] = '\0';
  dsc_detail_setf(&d, err, field, "%s", "%s", msg);
  finish(l, err, &d);
}

/* A connection the server closed after the startup packet: the login was
 * refused, unless the server said it is busy or not up (SQLSTATE classes
 * 53 and 57, whose messages libpq passes on as text only). */
static void connection_refused(login_t *l) {
  static const char *const outage[] = {"too many", "starting up",
                                       "shutting down", "recovery",
                                       "not yet accepting"};
  const char *msg = PQerrorMessage(l->conn);
  for (size_t i = 0; i < sizeof outage / sizeof outage[0]; i++)
    if (strstr(msg, outage[i])) {
      fail_with_message(l, DSC_UNAVAILABLE, "database");
      return;
    }
  fail_with_message(l, l->spoke ? DSC_UNAUTHENTICATED : DSC_UNAVAILABLE,
                    l->spoke ? "login" : "database");
}

static void send_statement(login_t *l) {
  dsc_detail_t d;
  int flushed;

  /* A trust or peer line would have let the login in whatever the
   * password: such a server proves nothing, and is refused. */
  if (!PQconnectionUsedPassword(l->conn)) {
    dsc_detail_set(&d, DSC_UNAUTHENTICATED, "login_conninfo",
                   "the login database let the login in without asking for "
                   "its password (a trust or peer line): refused; give "
                   "staff logins scram-sha-256 there (docs/operations.md)",
                   "登录数据库未核验密码即放行（trust 或 peer）：已拒绝；"
                   "请为员工登录配置 scram-sha-256");
    finish(l, DSC_UNAUTHENTICATED, &d);
    return;
  }
  if (PQsetnonblocking(l->conn, 1) != 0 ||
      PQsendQueryParams(l->conn, l->sql, l->nparams, NULL,
                        (const char *const *)l->params, NULL, NULL, 0) != 1) {
    fail_with_message(l, DSC_UNAVAILABLE, "database");
    return;
  }
  l->querying = true;
  flushed = PQflush(l->conn);
  if (flushed < 0 ||
      !watch(l, flushed ? UV_READABLE | UV_WRITABLE : UV_READABLE))
    fail_with_message(l, DSC_UNAVAILABLE, "database");
}

static void connect_step(login_t *l) {
  PostgresPollingStatusType st;

  unwatch(l); /* the socket may change inside PQconnectPoll */
  st = PQconnectPoll(l->conn);
  if (PQstatus(l->conn) == CONNECTION_AWAITING_RESPONSE ||
      PQstatus(l->conn) == CONNECTION_AUTH_OK)
    l->spoke = true;
  switch (st) {
  case PGRES_POLLING_READING:
    if (!watch(l, UV_READABLE))
      fail_with_message(l, DSC_UNAVAILABLE, "database");
    break;
  case PGRES_POLLING_WRITING:
    if (!watch(l, UV_WRITABLE))
      fail_with_message(l, DSC_UNAVAILABLE, "database");
    break;
  case PGRES_POLLING_OK:
    send_statement(l);
    break;
  case PGRES_POLLING_FAILED:
  case PGRES_POLLING_ACTIVE:
  default:
    connection_refused(l);
    break;
  }
}

/* Reads what arrived; at the end of the results, delivers the first. */
static void read_results(login_t *l) {
  dsc_detail_t d;
  PGresult *r;
  ExecStatusType st;

  if (PQconsumeInput(l->conn) != 1) {
    fail_with_message(l, DSC_UNAVAILABLE, "database");
    return;
  }
  while (!PQisBusy(l->conn)) {
    r = PQgetResult(l->conn);
    if (r == NULL) {
      if (l->res == NULL) {
        fail_with_message(l, DSC_UNAVAILABLE, "database");
        return;
      }
      st = PQresultStatus(l->res);
      if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
        finish(l, DSC_OK, NULL);
      } else {
        dsc_err_t err = dsc__pg_result_error(l->res, &d);
        finish(l, err, &d);
      }
      return;
    }
    if (l->res == NULL)
      l->res = r;
    else
      PQclear(r);
  }
}

static void on_poll(uv_poll_t *h, int status, int events) {
  login_t *l = h->data;
  int flushed;

  if (l->done)
    return;
  if (!l->querying) {
    connect_step(l);
    return;
  }
  if (status < 0) {
    fail_with_message(l, DSC_UNAVAILABLE, "database");
    return;
  }
  if (events & UV_WRITABLE) {
    flushed = PQflush(l->conn);
    if (flushed < 0 ||
        !watch(l, flushed ? UV_READABLE | UV_WRITABLE : UV_READABLE)) {
      fail_with_message(l, DSC_UNAVAILABLE, "database");
      return;
    }
  }
  if (events & UV_READABLE)
    read_results(l);
}

static void on_timeout(uv_timer_t *t) {
  login_t *l = t->data;
  dsc_detail_t d;
  if (l->conn && !l->spoke &&
      (PQstatus(l->conn) == CONNECTION_BAD || PQsocket(l->conn) < 0)) {
    /* The start failed at once (see dsc__login_start). */
    connection_refused(l);
    return;
  }
  dsc_detail_set(&d, DSC_UNAVAILABLE, "database",
                 "the login database did not answer in time",
                 "登录数据库未及时应答");
  finish(l, DSC_UNAVAILABLE, &d);
}

/* The conninfo's own settings, except who connects: user and password are
 * the login's. */
static int keywords_from(PQconninfoOption *opts, const char **kw,
                         const char **val, int max) {
  int n = 0;
  for (PQconninfoOption *o = opts; o->keyword && n < max - 3; o++) {
    if (o->val == NULL || strcmp(o->keyword, "user") == 0 ||
        strcmp(o->keyword, "password") == 0 ||
        strcmp(o->keyword, "passfile") == 0)
      continue;
    kw[n] = o->keyword;
    val[n++] = o->val;
  }
  return n;
}

dsc_err_t dsc__login_start(uv_loop_t *loop, const char *conninfo,
                           const char *user, const char *password,
                           const char *sql, int nparams,
                           const char *const *params, unsigned timeout_ms,
                           dsc__login_cb cb, void *arg, dsc__login_t **out,
                           dsc_detail_t *detail) {
  const char *kw[DSC_LOGIN_MAX_KEYWORDS], *val[DSC_LOGIN_MAX_KEYWORDS];
  PQconninfoOption *opts;
  char *parse_error = NULL;
  login_t *l;
  int n;

  *out = NULL;
  opts = PQconninfoParse(conninfo, &parse_error);
  if (opts == NULL) {
    PQfreemem(parse_error);
    return dsc_detail_set(detail, DSC_INVALID, "login_conninfo",
                          "not a libpq conninfo", "不是有效的 libpq 连接串");
  }
  l = dsc__calloc(1, sizeof *l);
  if (l == NULL || (l->sql = dsc__strdup(sql)) == NULL ||
      (nparams > 0 &&
       (l->params = dsc__calloc((size_t)nparams, sizeof *l->params)) == NULL)) {
    PQconninfoFree(opts);
    if (l)
      dsc__free(l->sql);
    dsc__free(l);
    return DSC_NOMEM;
  }
  l->nparams = nparams;
  for (int i = 0; i < nparams; i++)
    if (params[i] && (l->params[i] = dsc__strdup(params[i])) == NULL) {
      PQconninfoFree(opts);
      l->open_handles = 1;
      release(l);
      return DSC_NOMEM;
    }
  n = keywords_from(opts, kw, val, DSC_LOGIN_MAX_KEYWORDS);
  kw[n] = "user";
  val[n++] = user;
  kw[n] = "password";
  val[n++] = password;
  kw[n] = NULL;
  val[n] = NULL;
  l->conn = PQconnectStartParams(kw, val, 0);
  PQconninfoFree(opts);
  if (l->conn == NULL) {
    l->open_handles = 1;
    release(l);
    return DSC_NOMEM;
  }
  *out = l;
  l->loop = loop;
  l->cb = cb;
  l->arg = arg;
  uv_timer_init(loop, &l->timer);
  l->timer.data = l;
  l->open_handles = 1;
  if (PQstatus(l->conn) == CONNECTION_BAD) {
    /* Reported from the loop, never from inside this call. */
    uv_timer_start(&l->timer, on_timeout, 0, 0);
    return DSC_OK;
  }
  uv_timer_start(&l->timer, on_timeout, timeout_ms ? timeout_ms : 10000, 0);
  /* Right after PQconnectStartParams libpq is polled as if it had asked
   * to write (libpq's "Database Connection Control Functions"); the first
   * step runs from the loop, so no callback runs inside this call. */
  if (!watch(l, UV_WRITABLE))
    uv_timer_start(&l->timer, on_timeout, 0, 0);
  return DSC_OK;
}

void dsc__login_cancel(dsc__login_t *l) {
  dsc_detail_t d;
  dsc_detail_set(&d, DSC_UNAVAILABLE, "database", "the engine is closing",
                 "引擎正在关闭");
  finish(l, DSC_UNAVAILABLE, &d);
}
