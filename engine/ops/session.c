/* The HTTP API's staff sessions (session.h, migrations/0022): logging in
 * (the throttle, then the password proved by a connection as the member,
 * which opens the session), checking a token, logging out, and setting a
 * password. The database decides each; this file carries the values. */
#include <sodium.h>
#include <string.h>

#include "alloc.h"
#include "disclose/session.h"
#include "engine_int.h"
#include "login.h"
#include "route.h"
#include "utf8.h"

/* Run on the member's own connection (login.c), never on the engine's:
 * only there is session_user the member. */
static const char open_sql[] =
    "SELECT id, login, name, roles, "
    "to_char(idle_expires_at AT TIME ZONE 'Asia/Shanghai', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"'), "
    "to_char(expires_at AT TIME ZONE 'Asia/Shanghai', "
    "'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"') "
    "FROM dsc_web_session_open($1::bytea, $2, $3)";

typedef struct login_state {
  char *login, *password, *client, *agent;
  char token[DSC_SESSION_TOKEN_LEN + 1];
  dsc__login_t *conn; /* the login's connection while it is under way */
  bool throttled;
  dsc_detail_t refusal; /* why PostgreSQL refused, for login_attempts */
} login_state_t;

static void wipe_password(login_state_t *st) {
  if (st->password) {
    sodium_memzero(st->password, strlen(st->password));
    dsc__free(st->password);
    st->password = NULL;
  }
}

static void free_login_state(void *p) {
  login_state_t *st = p;
  if (st == NULL)
    return;
  wipe_password(st);
  sodium_memzero(st->token, sizeof st->token);
  dsc__free(st->login);
  dsc__free(st->client);
  dsc__free(st->agent);
  dsc__free(st);
}

/* {"login", "name", "roles": [...]} from columns login, name and roles (a
 * text[] literal) of row 0, added to o. False when out of memory. */
static bool add_member(cJSON *o, const PGresult *res, int login, int name,
                       int roles) {
  unsigned mask = dsc__roles_from_array(dsc__cell(res, 0, roles));
  cJSON *a;
  if (!cJSON_AddStringToObject(o, "login", dsc__cell(res, 0, login)) ||
      !cJSON_AddStringToObject(o, "name", dsc__cell(res, 0, name)) ||
      (a = cJSON_AddArrayToObject(o, "roles")) == NULL)
    return false;
  for (unsigned bit = 1; bit <= DSC_ROLE_ALL; bit <<= 1)
    if ((mask & bit) &&
        !cJSON_AddItemToArray(
            a, cJSON_CreateString(dsc_role_name((dsc_role_t)bit))))
      return false;
  return true;
}

/* The engine's login ops, so that a closing engine can end them. */
static void forget_login(dsc__op_t *op) {
  dsc__op_queue_t *q = &op->engine->logins, rest = {0};
  dsc__op_t *o;
  while ((o = dsc__op_queue_pop(q)) != NULL)
    if (o != op)
      dsc__op_queue_push(&rest, o);
  *q = rest;
}

void dsc__session_close(dsc_engine_t *e) {
  dsc__op_t *op;
  while ((op = dsc__op_queue_pop(&e->logins)) != NULL) {
    login_state_t *st = op->state;
    dsc__login_cancel(st->conn); /* fails op through on_login */
  }
}

static void on_refusal_recorded(void *arg, dsc_err_t err,
                                const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  (void)d;
  /* The refusal stands even if its record failed: the answer is the
   * same, and the log has the line. */
  (void)err;
  dsc__op_fail(op, DSC_UNAUTHENTICATED, &op->result.detail);
}

static void on_login(void *arg, dsc_err_t err, const dsc_detail_t *d,
                     const PGresult *res) {
  dsc__op_t *op = arg;
  login_state_t *st = op->state;
  cJSON *o;
  char line[400];

  st->conn = NULL;
  forget_login(op);
  if (err == DSC_UNAUTHENTICATED) {
    const char *v[3] = {st->login, st->client, d->message};
    st->refusal = *d;
    snprintf(line, sizeof line, "login refused: %s from %s: %s", st->login,
             st->client, d->message);
    dsc__engine_log(op->engine, line);
    /* What the client hears does not say whether the login exists. */
    dsc_detail_set(&op->result.detail, DSC_UNAUTHENTICATED, "login",
                   "the login or the password was refused", "登录名或密码错误");
    if (op->engine->closing ||
        dsc__op_send_one(op, DSC_SQL_WEB_LOGIN_REFUSED, 3, v, NULL,
                         on_refusal_recorded) != DSC_OK)
      dsc__op_fail(op, DSC_UNAUTHENTICATED, &op->result.detail);
    return;
  }
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (PQntuples(res) != 1) {
    dsc__op_fail(op, DSC_INTERNAL, NULL);
    return;
  }
  o = cJSON_CreateObject();
  if (o == NULL || !cJSON_AddStringToObject(o, "token", st->token) ||
      !cJSON_AddNumberToObject(o, "session",
                               (double)dsc__cell_int(res, 0, 0)) ||
      !add_member(o, res, 1, 2, 3) ||
      !cJSON_AddStringToObject(o, "idle_expires_at", dsc__cell(res, 0, 4)) ||
      !cJSON_AddStringToObject(o, "expires_at", dsc__cell(res, 0, 5))) {
    cJSON_Delete(o);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  op->result.json = o;
  dsc__op_finish(op);
}

static void on_gate(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  login_state_t *st = op->state;
  const char *verdict = PQntuples(res) == 1 ? dsc__cell(res, 0, 0) : NULL;
  st->throttled = verdict == NULL || strcmp(verdict, "ok") != 0;
}

/* Draws the token; its SHA-256, as a bytea literal, in hash_hex (at least
 * 2 + 64 + 1 bytes). */
static void draw_token(login_state_t *st, char *hash_hex, size_t len) {
  unsigned char raw[32], hash[crypto_hash_sha256_BYTES];
  randombytes_buf(raw, sizeof raw);
  sodium_bin2base64(st->token, sizeof st->token, raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw, sizeof raw);
  crypto_hash_sha256(hash, (const unsigned char *)st->token,
                     DSC_SESSION_TOKEN_LEN);
  hash_hex[0] = '\\';
  hash_hex[1] = 'x';
  sodium_bin2hex(hash_hex + 2, len - 2, hash, sizeof hash);
}

static void on_gate_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  login_state_t *st = op->state;
  dsc_detail_t detail;
  char hash_hex[2 + 2 * crypto_hash_sha256_BYTES + 1];
  char line[300];

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->throttled) {
    snprintf(line, sizeof line, "login throttled: %s from %s", st->login,
             st->client);
    dsc__engine_log(op->engine, line);
    dsc_detail_set(&detail, DSC_THROTTLED, "login",
                   "too many failed attempts for this login or address in "
                   "the last minute; wait and try again",
                   "该登录名或地址近一分钟内失败次数过多，请稍后再试");
    dsc__op_fail(op, DSC_THROTTLED, &detail);
    return;
  }
  draw_token(st, hash_hex, sizeof hash_hex);
  {
    const char *v[3] = {hash_hex, st->client, st->agent};
    err = dsc__login_start(op->engine->loop, op->engine->login_conninfo,
                           st->login, st->password, open_sql, 3, v, 0, on_login,
                           op, &st->conn, &detail);
  }
  wipe_password(st); /* libpq holds its own copy until it closes */
  if (err != DSC_OK) {
    dsc__op_fail(op, err, &detail);
    return;
  }
  dsc__op_queue_push(&op->engine->logins, op);
}

/* A login as the staff table allows (dsc__is_identifier), and a password
 * of 1 to 1024 bytes. */
static dsc_err_t check_credentials(const dsc_login_args_t *a, dsc_detail_t *d) {
  size_t n;
  if (a->login == NULL || !dsc__is_identifier(a->login))
    return dsc_detail_set(d, DSC_INVALID, "login",
                          "1 to 64 letters, digits, '_', '-' or '.'",
                          "须为1至64个字母、数字、“_”、“-”或“.”");
  n = a->password ? strlen(a->password) : 0;
  if (n == 0 || n > 1024)
    return dsc_detail_set(d, DSC_INVALID, "password", "1 to 1024 bytes",
                          "须为1至1024字节");
  return DSC_OK;
}

/* A copy of what the client said of itself, cut to at most max bytes on
 * a character boundary; anything not UTF-8 is replaced, for the database
 * takes only UTF-8 text. NULL when out of memory. */
static char *cut_copy(const char *s, size_t max) {
  char *out;
  if (!dsc__utf8_valid(s, strlen(s)))
    s = "(not UTF-8)";
  out = dsc__malloc(max + 1);
  if (out)
    dsc__utf8_copy_truncated(out, max + 1, s, strlen(s));
  return out;
}

dsc_err_t dsc_session_login(dsc_engine_t *e, const dsc_login_args_t *a,
                            dsc_result_cb cb, void *data) {
  static const dsc_ctx_t none = {0};
  dsc__op_t *op;
  login_state_t *st;
  dsc_err_t err;
  const char *client;

  if (a == NULL)
    return DSC_MISUSE;
  if ((err = dsc__op_open(e, &none, cb, data, sizeof *st, free_login_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  client = a->client && a->client[0] ? a->client : "unknown";
  if ((a->login && (st->login = dsc__strdup(a->login)) == NULL) ||
      (a->password && (st->password = dsc__strdup(a->password)) == NULL) ||
      (st->client = cut_copy(client, 100)) == NULL ||
      (a->agent && (st->agent = cut_copy(a->agent, 300)) == NULL))
    return dsc__op_abandon(op);
  if ((err = check_credentials(a, &op->result.detail)) != DSC_OK) {
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  if (sodium_init() < 0)
    return dsc__op_defer_error(op, DSC_INTERNAL, "libsodium",
                               "cannot be initialised", "无法初始化");
  if (e->login_conninfo == NULL)
    return dsc__op_defer_error(
        op, DSC_UNAVAILABLE, "login",
        "this server checks no passwords: start it with DISCLOSE_LOGIN_DB "
        "(docs/operations.md)",
        "本服务未配置密码核验：请以 DISCLOSE_LOGIN_DB 启动");
  {
    const char *v[2] = {st->login, st->client};
    if (dsc__op_send_one(op, DSC_SQL_WEB_LOGIN_GATE, 2, v, on_gate,
                         on_gate_done) != DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}

/* ---- checking and ending --------------------------------------------------
 */

static bool is_token(const char *t) {
  if (t == NULL || strlen(t) != DSC_SESSION_TOKEN_LEN)
    return false;
  return strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                   "0123456789-_") == DSC_SESSION_TOKEN_LEN;
}

static void on_checked(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *o;
  if (PQntuples(res) != 1)
    return; /* no live session: on_check_done says so */
  o = cJSON_CreateObject();
  if (o == NULL ||
      !cJSON_AddNumberToObject(o, "session",
                               (double)dsc__cell_int(res, 0, 0)) ||
      !add_member(o, res, 1, 2, 3) ||
      !cJSON_AddStringToObject(o, "today", dsc__cell(res, 0, 4)) ||
      !cJSON_AddStringToObject(o, "idle_expires_at", dsc__cell(res, 0, 5)) ||
      !cJSON_AddStringToObject(o, "expires_at", dsc__cell(res, 0, 6))) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
}

static dsc_err_t no_session(dsc_detail_t *d) {
  return dsc_detail_set(d, DSC_UNAUTHENTICATED, "session",
                        "no session, or it ended: log in again",
                        "未登录或会话已结束：请重新登录");
}

static void on_check_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  dsc_detail_t detail;
  if (err == DSC_OK && op->result.err != DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
  } else if (op->result.json == NULL) {
    dsc__op_fail(op, no_session(&detail), &detail);
  } else {
    dsc__op_finish(op);
  }
}

static void on_ended(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  const char *ended = PQntuples(res) == 1 ? dsc__cell(res, 0, 0) : NULL;
  cJSON *o = cJSON_CreateObject();
  if (o == NULL ||
      !cJSON_AddBoolToObject(o, "ended", ended && ended[0] == 't')) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
}

static void on_end_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err == DSC_OK && op->result.err != DSC_OK)
    err = op->result.err;
  if (err != DSC_OK)
    dsc__op_fail(op, err, d);
  else
    dsc__op_finish(op);
}

/* One statement on the token: check or end. */
static dsc_err_t token_op(dsc_engine_t *e, const char *token, dsc_sql_id_t id,
                          dsc__pg_result_cb on_row, dsc__pg_done_cb on_done,
                          dsc_result_cb cb, void *data) {
  static const dsc_ctx_t none = {0};
  dsc__op_t *op;
  dsc__pg_t *pg;
  dsc_err_t err;
  const char *v[1] = {token};

  if ((err = dsc__op_open(e, &none, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  if (!is_token(token)) {
    op->result.err = no_session(&op->result.detail);
    dsc__op_defer(op);
    return DSC_OK;
  }
  /* A check reads, and can go to the less busy connection; an end
   * writes, on the engine's own. */
  pg = id == DSC_SQL_WEB_SESSION_CHECK ? dsc__route_spread(e) : e->pg;
  if (dsc__op_send_one_on(op, pg, id, 1, v, on_row, on_done) != DSC_OK)
    return dsc__op_abandon(op);
  return DSC_OK;
}

dsc_err_t dsc_session_check(dsc_engine_t *e, const char *token,
                            dsc_result_cb cb, void *data) {
  return token_op(e, token, DSC_SQL_WEB_SESSION_CHECK, on_checked,
                  on_check_done, cb, data);
}

dsc_err_t dsc_session_end(dsc_engine_t *e, const char *token, dsc_result_cb cb,
                          void *data) {
  return token_op(e, token, DSC_SQL_WEB_SESSION_END, on_ended, on_end_done, cb,
                  data);
}

/* ---- passwords ---------------------------------------------------------- */

static void on_password_set(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *o;
  if (PQntuples(res) != 1)
    return;
  o = cJSON_CreateObject();
  if (o == NULL || !add_member(o, res, 0, 1, 2) ||
      !cJSON_AddBoolToObject(o, "active", dsc__cell(res, 0, 3)[0] == 't')) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
}

static void on_password_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  dsc_detail_t detail;
  if (err == DSC_OK && op->result.err != DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
  } else if (op->result.json == NULL) {
    dsc__detail_unknown_staff(&detail, "login", "");
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
  } else {
    dsc__op_finish(op);
  }
}

dsc_err_t dsc_staff_set_password(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                 const char *login, const char *password,
                                 dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  char *verifier;
  size_t n = password ? strlen(password) : 0;

  if ((err = dsc__op_open(e, ctx, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  if (!dsc__op_require_actor(op))
    return DSC_OK;
  if (login == NULL || !dsc__is_identifier(login))
    return dsc__op_defer_error(op, DSC_INVALID, "login",
                               "1 to 64 letters, digits, '_', '-' or '.'",
                               "须为1至64个字母、数字、“_”、“-”或“.”");
  if (n < 8 || n > 1024)
    return dsc__op_defer_error(op, DSC_INVALID, "password", "8 to 1024 bytes",
                               "须为8至1024字节");
  verifier = dsc__pg_password_verifier(e->pg, login, password);
  if (verifier == NULL)
    return dsc__op_defer_error(op, DSC_UNAVAILABLE, "database",
                               "not connected yet: try again",
                               "尚未连接数据库：请重试");
  {
    const char *v[3] = {login, verifier, op->actor};
    err = dsc__op_send_one(op, DSC_SQL_STAFF_PASSWORD, 3, v, on_password_set,
                           on_password_done);
  }
  PQfreemem(verifier);
  if (err != DSC_OK)
    return dsc__op_abandon(op);
  return DSC_OK;
}
