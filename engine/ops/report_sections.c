/* The annual report's sections entered by the agency (migrations/0016):
 * section 二's figures and the texts of sections 一, 五 and 六, per agency
 * and year. A supervisor enters them (`disclose-stats active`, `text`);
 * every entry is appended with the actor the database checked, and the
 * newest entry of each figure or text is what the report uses.
 *
 * Each operation validates everything before it reads (a bad key or value
 * writes nothing), reads the agency and the actor's roles, refuses a
 * missing agency or role with a clear message, then writes and reads the
 * sections back in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "disclose/stats.h"
#include "engine_int.h"
#include "pgarray.h"
#include "report_db.h"
#include "report_int.h"

typedef struct sections_state {
  int year;
  char agency[65];
  /* what to write: nothing (a read), figures, or a text */
  enum { SEC_READ, SEC_ACTIVE, SEC_TEXT } what;
  dsc__pgarray_t keys, values;
  int section;
  char *text;
  /* read back */
  bool agency_found, actor_found;
  unsigned actor_roles;
  bool written;
  cJSON *doc;
} sections_state_t;

static void free_sections_state(void *p) {
  sections_state_t *st = p;
  if (st == NULL)
    return;
  dsc__pgarray_free(&st->keys);
  dsc__pgarray_free(&st->values);
  dsc__free(st->text);
  cJSON_Delete(st->doc);
  dsc__free(st);
}

/* ---- shared with the compiler (report_db.h) -------------------------------
 */

bool dsc__report_op_check(dsc__op_t *op, const dsc_ctx_t *ctx, int year,
                          const char *agency) {
  int this_year;

  dsc_date_to_ymd(ctx->today, &this_year, NULL, NULL);
  if (year < 2019 || year > this_year) {
    dsc__op_defer_error(op, DSC_INVALID, "year",
                        "must be a year from 2019 (the 2019 条例) to this year",
                        "年份须在2019年（条例施行）至本年之间");
    return false;
  }
  if (!dsc__is_identifier(agency)) {
    dsc__op_defer_error(op, DSC_INVALID, "agency",
                        "an agency code is 1–64 letters, digits, _ . -",
                        "机关代码须为1至64个字母、数字或 _ . -");
    return false;
  }
  return true;
}

dsc_err_t dsc__report_no_agency(dsc_detail_t *detail, const char *agency) {
  return dsc_detail_setf(detail, DSC_NOT_FOUND, "agency",
                         "no agency with code \"%s\"", "没有代码为“%s”的机关",
                         agency);
}

/* DSC_SQL_REPORT_SECTIONS: kind, key, value, section, entered_by,
 * entered_at. */
bool dsc__report_sections_apply(const PGresult *res,
                                dsc_report_active_t *active, bool *has_active,
                                dsc_report_t *r) {
  bool ok = true;

  for (int i = 0; i < PQntuples(res); i++) {
    const char *kind = dsc__cell(res, i, 0), *value = dsc__cell(res, i, 2);

    if (strcmp(kind, "active") == 0) {
      if (dsc_report_active_set_value(active, dsc__cell(res, i, 1), value,
                                      NULL) != DSC_OK)
        ok = false;
      else if (value != NULL)
        *has_active = true;
    } else {
      int t = dsc_report_text_of_section((int)dsc__cell_int(res, i, 3));
      size_t n = value ? strlen(value) : 0;
      if (t < 0 || value == NULL ||
          dsc_report_text_check(value, n, "text", NULL) != DSC_OK)
        ok = false;
      else if (r != NULL)
        memcpy(r->texts[t], value, n + 1);
    }
  }
  return ok;
}

/* ---- the document -------------------------------------------------------- */

/* A figure's value as the report has it: a count, the 万元 string, or
 * null. */
static cJSON *figure_json(const char *key, const char *value) {
  if (value == NULL)
    return cJSON_CreateNull();
  if (strcmp(key, "fees_wan_yuan") == 0)
    return cJSON_CreateString(value);
  return cJSON_CreateNumber((double)strtoll(value, NULL, 10));
}

/* {"year", "agency", "active": [{key, row, column, value, entered_by,
 * entered_at}] for the ten figures in the report's order, "texts":
 * [{section, title, text, entered_by, entered_at}] for 一, 五, 六}; a
 * figure or text never entered has nulls. */
static void on_sections(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  sections_state_t *st = op->state;
  cJSON *doc = cJSON_CreateObject(), *active, *texts;

  if (doc == NULL)
    return;
  cJSON_AddNumberToObject(doc, "year", st->year);
  cJSON_AddStringToObject(doc, "agency", st->agency);
  active = cJSON_AddArrayToObject(doc, "active");
  texts = cJSON_AddArrayToObject(doc, "texts");
  for (int item = 0; active && item < DSC__ACTIVE_ITEMS; item++) {
    const dsc__active_item_t *it = dsc__active_item(item);
    char key[64];
    int row = -1;
    cJSON *o = cJSON_CreateObject();

    if (o == NULL)
      break;
    snprintf(key, sizeof key, "%s%s%s", it->group ? it->group : "",
             it->group ? "." : "", it->key);
    for (int i = 0; i < PQntuples(res) && row < 0; i++)
      if (strcmp(dsc__cell(res, i, 0), "active") == 0 &&
          strcmp(dsc__cell(res, i, 1), key) == 0)
        row = i;
    cJSON_AddStringToObject(o, "key", key);
    cJSON_AddStringToObject(o, "row", it->row_label);
    cJSON_AddStringToObject(o, "column", it->col_label);
    cJSON_AddItemToObject(
        o, "value", figure_json(key, row < 0 ? NULL : dsc__cell(res, row, 2)));
    cJSON_AddItemToObject(o, "entered_by",
                          row < 0 ? cJSON_CreateNull()
                                  : cJSON_CreateString(dsc__cell(res, row, 4)));
    cJSON_AddItemToObject(o, "entered_at",
                          row < 0 ? cJSON_CreateNull()
                                  : cJSON_CreateString(dsc__cell(res, row, 5)));
    cJSON_AddItemToArray(active, o);
  }
  for (int t = 0; texts && t < DSC_REPORT_TEXTS; t++) {
    static const int numbers[DSC_REPORT_TEXTS] = {1, 5, 6};
    cJSON *o = cJSON_CreateObject();
    int row = -1;

    if (o == NULL)
      break;
    for (int i = 0; i < PQntuples(res) && row < 0; i++)
      if (strcmp(dsc__cell(res, i, 0), "text") == 0 &&
          dsc__cell_int(res, i, 3) == numbers[t])
        row = i;
    cJSON_AddNumberToObject(o, "section", numbers[t]);
    cJSON_AddStringToObject(
        o, "title", dsc__report_section_titles[dsc__report_text_section(t)]);
    for (int c = 2; c <= 5; c++) {
      static const char *const keys[] = {"text", NULL, "entered_by",
                                         "entered_at"};
      if (keys[c - 2] == NULL)
        continue;
      cJSON_AddItemToObject(o, keys[c - 2],
                            row < 0
                                ? cJSON_CreateNull()
                                : cJSON_CreateString(dsc__cell(res, row, c)));
    }
    cJSON_AddItemToArray(texts, o);
  }
  cJSON_Delete(st->doc);
  st->doc = doc;
}

static void on_written(void *arg, const PGresult *res) {
  sections_state_t *st = ((dsc__op_t *)arg)->state;
  st->written = PQntuples(res) > 0;
}

static void on_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  sections_state_t *st = op->state;
  dsc_detail_t detail;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->what != SEC_READ && !st->written) {
    /* The agency went between the read and the write. */
    dsc__report_no_agency(&detail, st->agency);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (st->doc == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  op->result.json = st->doc;
  st->doc = NULL;
  dsc__op_finish(op);
}

/* ---- read the agency and the actor, then write ----------------------------
 */

static void on_agency(void *arg, const PGresult *res) {
  sections_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) != 1)
    return;
  st->agency_found = dsc__cell(res, 0, 0) != NULL;
  st->actor_found = dsc__cell(res, 0, 1) != NULL;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 1));
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  sections_state_t *st = op->state;
  dsc_detail_t detail;
  dsc__pg_batch_t *b;
  char year[8], section[8];
  const char *v[2] = {st->agency, year};

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (!st->agency_found) {
    dsc__report_no_agency(&detail, st->agency);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  /* Reading is open to every member, like the report's other figures;
   * entering them is the supervisor's, who answers for the report. */
  if (st->what != SEC_READ && !(st->actor_roles & DSC_ROLE_SUPERVISOR)) {
    dsc_detail_setf(&detail, DSC_FORBIDDEN, "role",
                    "%s may not enter the annual report's sections (needs "
                    "supervisor)",
                    "%s 无权填写年度报告内容（需要 supervisor 角色）",
                    op->actor);
    dsc__op_fail(op, DSC_FORBIDDEN, &detail);
    return;
  }
  snprintf(year, sizeof year, "%d", st->year);
  snprintf(section, sizeof section, "%d", st->section);
  b = dsc__pg_batch_new(op->engine->pg, on_done, op);
  if (b == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  err = dsc__op_bind_session(op, b);
  if (err == DSC_OK && st->what == SEC_ACTIVE) {
    const char *w[5] = {st->agency, year, dsc__pgarray_finish(&st->keys),
                        dsc__pgarray_finish(&st->values), op->actor};
    err = w[2] == NULL || w[3] == NULL
              ? DSC_NOMEM
              : dsc__pg_batch_add(b, DSC_SQL_REPORT_ACTIVE_SET, 5, w,
                                  on_written, op);
  } else if (err == DSC_OK && st->what == SEC_TEXT) {
    const char *w[5] = {st->agency, year, section, st->text, op->actor};
    err = dsc__pg_batch_add(b, DSC_SQL_REPORT_TEXT_SET, 5, w, on_written, op);
  }
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_REPORT_SECTIONS, 2, v, on_sections, op);
  if (err != DSC_OK) {
    dsc__pg_batch_discard(b);
    dsc__op_fail(op, err, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

/* Starts an operation: checks what every one needs (actor, year, agency),
 * then prepare (may be NULL) the rest; reads the agency and the actor. */
static dsc_err_t start(dsc_engine_t *e, const dsc_ctx_t *ctx, int year,
                       const char *agency,
                       dsc_err_t (*prepare)(dsc__op_t *op, const void *arg),
                       const void *arg, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  sections_state_t *st;
  dsc__pg_batch_t *b;
  dsc_err_t err;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_sections_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->year = year;
  snprintf(st->agency, sizeof st->agency, "%s", agency ? agency : "default");
  dsc__pgarray_init(&st->keys);
  dsc__pgarray_init(&st->values);
  if (!dsc__op_require_actor(op) ||
      !dsc__report_op_check(op, ctx, year, st->agency))
    return DSC_OK;
  if (prepare != NULL && (err = prepare(op, arg)) != DSC_OK) {
    if (err == DSC_NOMEM)
      return dsc__op_abandon(op);
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  b = dsc__pg_batch_new(e->pg, on_read_done, op);
  {
    const char *v[2] = {st->agency, op->actor};
    if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_AGENCY_ACTOR_READ, 2, v,
                                       on_agency, op) != DSC_OK) {
      if (b)
        dsc__pg_batch_discard(b);
      return dsc__op_abandon(op);
    }
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}

/* ---- the public operations -------------------------------------------- */

typedef struct active_args {
  const char *const *keys, *const *values;
  size_t n;
} active_args_t;

static dsc_err_t prepare_active(dsc__op_t *op, const void *arg) {
  const active_args_t *a = arg;
  sections_state_t *st = op->state;
  dsc_report_active_t scratch;

  st->what = SEC_ACTIVE;
  if (a->n == 0)
    return dsc_detail_set(&op->result.detail, DSC_INVALID, "set",
                          "nothing to enter: give KEY=VALUE",
                          "没有要填写的内容：请给出 项目=数值");
  dsc__report_active_clear(&scratch);
  for (size_t i = 0; i < a->n; i++) {
    dsc_err_t err = dsc_report_active_set_value(
        &scratch, a->keys[i], a->values[i], &op->result.detail);
    if (err != DSC_OK)
      return err;
    for (size_t j = 0; j < i; j++)
      if (strcmp(a->keys[i], a->keys[j]) == 0)
        return dsc_detail_set(&op->result.detail, DSC_INVALID, a->keys[i],
                              "given twice", "重复给出");
    dsc__pgarray_add(&st->keys, a->keys[i]);
    dsc__pgarray_add(&st->values, a->values[i] ? a->values[i] : "");
  }
  return st->keys.failed || st->values.failed ? DSC_NOMEM : DSC_OK;
}

dsc_err_t dsc_report_active_enter(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                  int year, const char *agency,
                                  const char *const *keys,
                                  const char *const *values, size_t n,
                                  dsc_result_cb cb, void *data) {
  active_args_t a = {keys, values, n};
  if (n > 0 && (keys == NULL || values == NULL))
    return DSC_MISUSE;
  for (size_t i = 0; i < n; i++)
    if (keys[i] == NULL)
      return DSC_MISUSE;
  return start(e, ctx, year, agency, prepare_active, &a, cb, data);
}

typedef struct text_args {
  int section;
  const char *text;
  size_t len;
} text_args_t;

static dsc_err_t prepare_text(dsc__op_t *op, const void *arg) {
  const text_args_t *a = arg;
  sections_state_t *st = op->state;
  dsc_err_t err;

  st->what = SEC_TEXT;
  st->section = a->section;
  if (dsc_report_text_of_section(a->section) < 0)
    return dsc_detail_set(&op->result.detail, DSC_INVALID, "section",
                          "must be 1 (总体情况), 5 (存在的主要问题及改进情况) "
                          "or 6 (其他需要报告的事项)",
                          "须为 1（总体情况）、5（存在的主要问题及改进情况）"
                          "或 6（其他需要报告的事项）");
  if ((err = dsc_report_text_check(a->text, a->len, "text",
                                   &op->result.detail)) != DSC_OK)
    return err;
  st->text = dsc__malloc(a->len + 1);
  if (st->text == NULL)
    return DSC_NOMEM;
  memcpy(st->text, a->text, a->len);
  st->text[a->len] = '\0';
  return DSC_OK;
}

dsc_err_t dsc_report_text_enter(dsc_engine_t *e, const dsc_ctx_t *ctx, int year,
                                const char *agency, int section,
                                const char *text, size_t len, dsc_result_cb cb,
                                void *data) {
  text_args_t a = {section, text, len};
  if (text == NULL)
    return DSC_MISUSE;
  return start(e, ctx, year, agency, prepare_text, &a, cb, data);
}

dsc_err_t dsc_report_sections_read(dsc_engine_t *e, const dsc_ctx_t *ctx,
                                   int year, const char *agency,
                                   dsc_result_cb cb, void *data) {
  return start(e, ctx, year, agency, NULL, NULL, cb, data);
}
