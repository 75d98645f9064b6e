/* Administrative operations: staff and agencies (CONTRACT §4: admin only).
 * Read the actor's roles, then write through the database's functions
 * (migrations/0012, which check the role again); a taken login or code is
 * a conflict, never an overwrite. Staff are disabled, never deleted. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/deadline.h"
#include "engine_int.h"
#include "utf8.h"

typedef struct admin_state {
  dsc_sql_id_t insert;      /* DSC_SQL_STAFF_ADD, _SET_ROLES, _DISABLE or
                               DSC_SQL_AGENCY_ADD, _SET, _SET_SUPPLEMENT,
                               _SET_LETTER */
  char *key, *name, *roles; /* login or code; roles only for staff */
  const char *setting;      /* agency set of a letter setting: its name
                               (static storage, from letter_settings) */
  bool actor_found;
  unsigned actor_roles;
  bool inserted;
} admin_state_t;

static void free_admin_state(void *p) {
  admin_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->key);
  dsc__free(st->name);
  dsc__free(st->roles);
  dsc__free(st);
}

/* The agency operations: add, and the settings, which take the code, a
 * number and the actor. */
static bool is_agency_op(dsc_sql_id_t insert) {
  return insert == DSC_SQL_AGENCY_ADD || insert == DSC_SQL_AGENCY_SET ||
         insert == DSC_SQL_AGENCY_SET_SUPPLEMENT ||
         insert == DSC_SQL_AGENCY_SET_LETTER ||
         insert == DSC_SQL_AGENCY_REQUIRE_LETTER;
}

static bool is_name(const char *s) { return dsc__utf8_is_line(s, 200); }

static void on_inserted(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  admin_state_t *st = op->state;
  cJSON *o;

  st->inserted = PQntuples(res) == 1;
  if (!st->inserted)
    return;
  o = cJSON_CreateObject();
  if (o == NULL)
    return;
  if (!is_agency_op(st->insert)) {
    cJSON *roles = cJSON_AddArrayToObject(o, "roles");
    unsigned mask = dsc__roles_from_array(dsc__cell(res, 0, 2));
    const char *active = PQnfields(res) > 3 ? dsc__cell(res, 0, 3) : "t";
    cJSON_AddStringToObject(o, "login", dsc__cell(res, 0, 0));
    cJSON_AddStringToObject(o, "name", dsc__cell(res, 0, 1));
    for (unsigned bit = 1; roles && bit <= DSC_ROLE_ALL; bit <<= 1)
      if (mask & bit)
        cJSON_AddItemToArray(
            roles, cJSON_CreateString(dsc_role_name((dsc_role_t)bit)));
    cJSON_AddBoolToObject(o, "active", active && active[0] == 't');
  } else {
    op->result.id = dsc__cell_int(res, 0, 0);
    cJSON_AddNumberToObject(o, "id", (double)op->result.id);
    cJSON_AddStringToObject(o, "code", dsc__cell(res, 0, 1));
    cJSON_AddStringToObject(o, "name", dsc__cell(res, 0, 2));
    if (st->insert == DSC_SQL_AGENCY_SET_LETTER) /* setting, value */
      cJSON_AddStringToObject(o, dsc__cell(res, 0, 3), dsc__cell(res, 0, 4));
    else if (st->insert == DSC_SQL_AGENCY_REQUIRE_LETTER)
      cJSON_AddBoolToObject(o, "letter_required",
                            dsc__cell(res, 0, 3) &&
                                dsc__cell(res, 0, 3)[0] == 't');
    else if (PQnfields(res) > 3) /* the setting changed, by its column's name */
      cJSON_AddNumberToObject(o, PQfname(res, 3),
                              (double)dsc__cell_int(res, 0, 3));
  }
  op->result.json = o;
}

static void on_insert_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  admin_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->inserted && (st->insert == DSC_SQL_STAFF_SET_ROLES ||
                        st->insert == DSC_SQL_STAFF_DISABLE)) {
    dsc__detail_unknown_staff(&op->result.detail, "login", st->key);
    op->result.err = DSC_NOT_FOUND;
  } else if (!st->inserted && st->insert != DSC_SQL_AGENCY_ADD &&
             is_agency_op(st->insert)) {
    dsc_detail_setf(&op->result.detail, DSC_NOT_FOUND, "code",
                    "no agency \"%s\"", "没有机关“%s”", st->key);
    op->result.err = DSC_NOT_FOUND;
  } else if (!st->inserted) {
    if (st->insert == DSC_SQL_STAFF_ADD)
      dsc_detail_setf(&op->result.detail, DSC_CONFLICT, "login",
                      "staff member \"%s\" already exists", "人员“%s”已存在",
                      st->key);
    else
      dsc_detail_setf(&op->result.detail, DSC_CONFLICT, "code",
                      "agency \"%s\" already exists", "机关“%s”已存在",
                      st->key);
    op->result.err = DSC_CONFLICT;
  }
  dsc__op_finish(op);
}

static void on_actor(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  admin_state_t *st = op->state;
  st->actor_found = PQntuples(res) == 1;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 0));
}

static void on_actor_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  admin_state_t *st = op->state;
  dsc__pg_batch_t *b;
  dsc_detail_t detail;
  /* staff add: login, name, roles, actor; agency add: code, name, actor;
   * staff roles: login, roles, actor; staff disable: login, actor. */
  const char *v[4] = {st->key, st->name, st->roles, op->actor};
  int n = 4;

  if (st->insert == DSC_SQL_AGENCY_SET_LETTER) {
    v[1] = st->setting; /* code, setting, value (in name), actor */
    v[2] = st->name;
    v[3] = op->actor;
  } else if (is_agency_op(st->insert)) {
    v[2] = op->actor; /* agency set: code, the window (in name), actor */
    n = 3;
  } else if (st->insert == DSC_SQL_STAFF_SET_ROLES) {
    v[1] = st->roles;
    v[2] = op->actor;
    n = 3;
  } else if (st->insert == DSC_SQL_STAFF_DISABLE) {
    v[1] = op->actor;
    n = 2;
  }
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (!(st->actor_roles & DSC_ROLE_ADMIN)) {
    dsc_detail_setf(&detail, DSC_FORBIDDEN, "role", "%s is not an admin",
                    "%s 不是管理员", op->actor);
    dsc__op_fail(op, DSC_FORBIDDEN, &detail);
    return;
  }
  b = dsc__pg_batch_new(op->engine->pg, on_insert_done, op);
  if (b == NULL || dsc__op_bind_session(op, b) != DSC_OK ||
      dsc__pg_batch_add(b, st->insert, n, v, on_inserted, op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static dsc_err_t admin_start(dsc_engine_t *e, const dsc_ctx_t *ctx,
                             dsc_sql_id_t insert, const char *key,
                             const char *name, const char *setting,
                             unsigned roles, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  admin_state_t *st;
  dsc__pg_batch_t *b;
  char rolebuf[96];
  bool staff = !is_agency_op(insert);
  bool named = insert == DSC_SQL_STAFF_ADD || insert == DSC_SQL_AGENCY_ADD;
  bool roled = insert == DSC_SQL_STAFF_ADD || insert == DSC_SQL_STAFF_SET_ROLES;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_admin_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->insert = insert;
  st->setting = setting;
  st->key = key ? dsc__strdup(key) : NULL;
  st->name = name ? dsc__strdup(name) : NULL;
  st->roles = dsc__strdup(dsc__roles_to_array(roles, rolebuf, sizeof rolebuf));
  if ((key && st->key == NULL) || (name && st->name == NULL) ||
      st->roles == NULL)
    return dsc__op_abandon(op);

  if (!dsc__op_require_actor(op))
    return DSC_OK;
  if (!dsc__is_identifier(st->key))
    return dsc__op_defer_error(op, DSC_INVALID, staff ? "login" : "code",
                               "1 to 64 letters, digits, '_', '-' or '.'",
                               "须为1至64个字母、数字、“_”、“-”或“.”");
  if (staff && strcmp(st->key, "system") == 0)
    return dsc__op_defer_error(op, DSC_INVALID, "login",
                               "\"system\" is reserved for the workers",
                               "“system”为系统保留账号");
  if (named && !is_name(st->name))
    return dsc__op_defer_error(op, DSC_INVALID, "name",
                               "1 to 200 characters, no control characters",
                               "须为1至200个字符，不含控制字符");
  if (roled && (roles == 0 || (roles & ~(unsigned)DSC_ROLE_GRANTABLE)))
    return dsc__op_defer_error(op, DSC_INVALID, "role",
                               "at least one of clerk, handler, reviewer, "
                               "supervisor, admin",
                               "至少指定 clerk、handler、reviewer、"
                               "supervisor、admin 之一");

  b = dsc__pg_batch_new(e->pg, on_actor_done, op);
  {
    const char *v[1] = {op->actor};
    if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_STAFF_ROLES, 1, v, on_actor,
                                       op) != DSC_OK) {
      if (b)
        dsc__pg_batch_discard(b);
      return dsc__op_abandon(op);
    }
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

dsc_err_t dsc_staff_add(dsc_engine_t *e, const dsc_ctx_t *ctx,
                        const char *login, const char *name, unsigned roles,
                        dsc_result_cb cb, void *data) {
  return admin_start(e, ctx, DSC_SQL_STAFF_ADD, login, name, NULL, roles, cb,
                     data);
}

dsc_err_t dsc_agency_add(dsc_engine_t *e, const dsc_ctx_t *ctx,
                         const char *code, const char *name, dsc_result_cb cb,
                         void *data) {
  return admin_start(e, ctx, DSC_SQL_AGENCY_ADD, code, name, NULL, 0, cb, data);
}

dsc_err_t dsc_staff_set_roles(dsc_engine_t *e, const dsc_ctx_t *ctx,
                              const char *login, unsigned roles,
                              dsc_result_cb cb, void *data) {
  return admin_start(e, ctx, DSC_SQL_STAFF_SET_ROLES, login, NULL, NULL, roles,
                     cb, data);
}

dsc_err_t dsc_staff_disable(dsc_engine_t *e, const dsc_ctx_t *ctx,
                            const char *login, dsc_result_cb cb, void *data) {
  return admin_start(e, ctx, DSC_SQL_STAFF_DISABLE, login, NULL, NULL, 0, cb,
                     data);
}

/* An agency's setting of `workdays` in lo..hi, named `field` in errors. */
static dsc_err_t agency_set(dsc_engine_t *e, const dsc_ctx_t *ctx,
                            dsc_sql_id_t insert, const char *field, int lo,
                            int hi, const char *code, int workdays,
                            dsc_result_cb cb, void *data) {
  char n[16];
  if (workdays < lo || workdays > hi) {
    dsc__op_t *op = e && ctx ? dsc__op_new(e, ctx, cb, data, 0, NULL) : NULL;
    if (op == NULL)
      return e && ctx ? DSC_NOMEM : DSC_MISUSE;
    op->result.err =
        dsc_detail_setf(&op->result.detail, DSC_INVALID, field,
                        "%d to %d working days", "须为%d至%d个工作日", lo, hi);
    dsc__op_defer(op);
    return DSC_OK;
  }
  snprintf(n, sizeof n, "%d", workdays);
  return admin_start(e, ctx, insert, code, n, NULL, 0, cb, data);
}

dsc_err_t dsc_agency_set_backdate(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                  const char *code, int workdays,
                                  dsc_result_cb cb, void *data) {
  return agency_set(e, ctx, DSC_SQL_AGENCY_SET, "backdate-workdays", 0, 60,
                    code, workdays, cb, data);
}

dsc_err_t dsc_agency_set_supplement_window(dsc_engine_t *e,
                                           const dsc_ctx_t *ctx,
                                           const char *code, int workdays,
                                           dsc_result_cb cb, void *data) {
  return agency_set(e, ctx, DSC_SQL_AGENCY_SET_SUPPLEMENT,
                    "supplement-reply-within", DSC_CLOCK_SUPPLEMENT_REPLY_MIN,
                    DSC_CLOCK_SUPPLEMENT_REPLY_MAX, code, workdays, cb, data);
}

/* What an agency's letters say of it (migrations/0020; docs/letters.md):
 * the names of `agency set --<name>` with '-' for '_', each a line of
 * text of at most 200 characters. */
static const char *const letter_settings[] = {
    "full_name",    "short_name",           "address", "phone",      "contact",
    "seal_caption", "reconsideration_body", "court",   "fee_payment"};

dsc_err_t dsc_agency_set_letter(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                const char *code, const char *setting,
                                const char *value, dsc_result_cb cb,
                                void *data) {
  const char *known = NULL;
  dsc__op_t *op;
  dsc_err_t err;

  for (size_t i = 0; setting != NULL &&
                     i < sizeof letter_settings / sizeof letter_settings[0];
       i++)
    if (strcmp(letter_settings[i], setting) == 0)
      known = letter_settings[i];
  if (known != NULL && is_name(value)) {
    return admin_start(e, ctx, DSC_SQL_AGENCY_SET_LETTER, code, value, known, 0,
                       cb, data);
  }
  if ((err = dsc__op_open(e, ctx, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  if (known == NULL)
    return dsc__op_defer_error(
        op, DSC_INVALID, "setting",
        "not a letter setting: full_name, short_name, address, phone, "
        "contact, seal_caption, reconsideration_body, court or fee_payment",
        "不是公文设置项：full_name、short_name、address、phone、contact、"
        "seal_caption、reconsideration_body、court 或 fee_payment");
  op->result.err =
      dsc_detail_setf(&op->result.detail, DSC_INVALID, "value",
                      "%s must be one line of at most 200 characters",
                      "%s 须为不超过200字的一行文字", known);
  dsc__op_defer(op);
  return DSC_OK;
}

/* Whether an answer waits for its 答复书 (migrations/0021). */
dsc_err_t dsc_agency_require_letter(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                    const char *code, bool required,
                                    dsc_result_cb cb, void *data) {
  return admin_start(e, ctx, DSC_SQL_AGENCY_REQUIRE_LETTER, code,
                     required ? "true" : "false", NULL, 0, cb, data);
}
