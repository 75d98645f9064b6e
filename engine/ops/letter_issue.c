/* Letters: issuing one (or previewing it), letter_store.h. One read of what
 * the letter may say, the pure check and rendering (core/letter*.c), then
 * one statement that numbers, stores and digests it (migrations/0021).
 * The calendar is loaded first, for a window whose delivery is unknown.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "engine_int.h"
#include "letter_read.h"
#include "utf8.h"

typedef struct issue_state {
  int64_t id;
  dsc_letter_kind_t kind;
  bool preview;
  char *to, *corrects;
  const dsc_letter_templates_t *templates; /* borrowed, or own_templates */
  dsc_letter_templates_t *own_templates;
  dsc__letter_read_t read;
  char *fields; /* the fields' JSON, as sent */
} issue_state_t;

static void free_state(void *p) {
  issue_state_t *st = p;
  dsc__free(st->to);
  dsc__free(st->corrects);
  dsc_letter_templates_free(st->own_templates);
  dsc__letter_read_clear(&st->read);
  dsc__free(st->fields);
  dsc__free(st);
}

/* Replaces each stand-in byte of s (in place, into a new string) with
 * with: a preview's "××", the JSON's number. NULL when out of memory. */
static char *replace_standin(const char *s, const char *with) {
  size_t n = 0, w = strlen(with), len = strlen(s);
  char *out, *p;
  for (const char *q = s; *q; q++)
    n += *q == DSC_LETTER_NUMBER_STANDIN[0];
  out = dsc__malloc(len + n * w + 1);
  if (out == NULL)
    return NULL;
  for (p = out; *s; s++) {
    if (*s == DSC_LETTER_NUMBER_STANDIN[0]) {
      memcpy(p, with, w);
      p += w;
    } else {
      *p++ = *s;
    }
  }
  *p = '\0';
  return out;
}

static void put_string_or_null(cJSON *o, const char *key, const char *v) {
  if (v)
    cJSON_AddStringToObject(o, key, v);
  else
    cJSON_AddNullToObject(o, key);
}

/* The result document; text and number already final. Owns nothing of
 * its arguments. NULL when out of memory. */
static cJSON *letter_json(const issue_state_t *st, const char *date,
                          const char *number, const char *sha256,
                          const char *text) {
  cJSON *o = cJSON_CreateObject(), *fields = NULL;
  char *f = NULL;
  if (o == NULL)
    return NULL;
  cJSON_AddNumberToObject(o, "request_id", (double)st->id);
  cJSON_AddStringToObject(o, "kind", dsc_letter_kind_name(st->kind));
  put_string_or_null(o, "number", number);
  cJSON_AddStringToObject(o, "date", date);
  cJSON_AddStringToObject(o, "text", text);
  put_string_or_null(o, "sha256", sha256);
  f = replace_standin(st->fields, number ? number : "××");
  fields = f ? cJSON_Parse(f) : NULL;
  dsc__free(f);
  if (fields == NULL || !cJSON_AddItemToObject(o, "fields", fields)) {
    cJSON_Delete(fields);
    cJSON_Delete(o);
    return NULL;
  }
  put_string_or_null(o, "corrects", st->corrects);
  cJSON_AddBoolToObject(o, "preview", st->preview);
  if (cJSON_GetObjectItemCaseSensitive(o, "preview") == NULL) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

static void on_issued(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  issue_state_t *st = op->state;
  char on[DSC_DATE_STRLEN];
  /* dsc_w_letter_issue: seq, n, number, sha256, body */
  if (PQntuples(res) != 1)
    return;
  op->result.json =
      letter_json(st, dsc_date_format(op->on, on), dsc__cell(res, 0, 2),
                  dsc__cell(res, 0, 3), dsc__cell(res, 0, 4));
  op->result.id = st->id;
  if (op->result.json == NULL)
    op->result.err = DSC_NOMEM;
}

static void on_issue_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_end_write(arg, err, d,
                    "the request changed underneath; read it again",
                    "申请已被他人更改，请重新读取");
}

/* The 文号 with the stand-in where its sequence number goes:
 * "青云谱公开答〔2026〕\x01号". The check has passed the short name. */
static void number_with_standin(const dsc_letter_facts_t *f, char *buf,
                                size_t n) {
  snprintf(buf, n, "%s%s〔%d〕%s号", f->agency.short_name,
           dsc_letter_kind_marker(f->kind), f->year, DSC_LETTER_NUMBER_STANDIN);
}

static void on_read(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  issue_state_t *st = op->state;
  if (dsc__letter_read_copy(res, &st->read) != DSC_OK)
    op->result.err = DSC_NOMEM;
}

/* The checks on what was read, in the order an action's are made. */
static dsc_err_t check_read(dsc__op_t *op, dsc_detail_t *d) {
  issue_state_t *st = op->state;
  const dsc__letter_read_t *r = &st->read;
  dsc_machine_request_t req = {r->state, r->hold, NULL, NULL, r->outcome};
  dsc_machine_actor_t actor = {op->actor, r->actor_roles};
  dsc_machine_params_t params = {0};
  dsc_transition_t tr;
  char a[DSC_DATE_STRLEN], b[DSC_DATE_STRLEN];

  if (!r->found)
    return dsc_detail_setf(d, DSC_NOT_FOUND, "id", "no request %lld",
                           "没有编号为 %lld 的申请", (long long)st->id);
  if (!r->actor_found)
    return dsc__detail_unknown_staff(d, "actor", op->actor);
  if (op->on < r->last_on)
    return dsc_detail_setf(
        d, DSC_INVALID, "on", "%s is before the request's last event (%s)",
        "%s 早于该申请的上一次操作（%s）", dsc_date_format(op->on, a),
        dsc_date_format(r->last_on, b));
  return dsc_machine_decide(&req, DSC_ACTION_LETTER, &actor, &params, &tr, d);
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *rd) {
  dsc__op_t *op = arg;
  issue_state_t *st = op->state;
  dsc_letter_facts_t facts;
  dsc_letter_args_t args = {st->kind, st->preview, st->to, st->corrects, NULL};
  dsc_detail_t d;
  char *text = NULL;
  size_t len = 0, flen = 0;
  char number[DSC_LETTER_NUMBER_STRLEN + 8];

  if (err == DSC_OK)
    err = op->result.err;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, rd);
    return;
  }
  memset(&d, 0, sizeof d);
  if ((err = check_read(op, &d)) != DSC_OK ||
      (err = dsc__letter_gather(&st->read, &args, op->on, op->engine->calendar,
                                &facts, &d)) != DSC_OK) {
    dsc__op_fail(op, err, &d);
    return;
  }
  if (st->templates == NULL) {
    if ((err = dsc_letter_templates_load(NULL, &st->own_templates, &d)) !=
        DSC_OK) {
      dsc__op_fail(op, err, &d);
      return;
    }
    st->templates = st->own_templates;
  }
  if ((err = dsc_letter_render_text(st->templates, &facts, &text, &len, &d)) !=
          DSC_OK ||
      (err = dsc_letter_fields_json(&facts, &st->fields, &flen, &d)) !=
          DSC_OK) {
    dsc_free(text);
    dsc__op_fail(op, err, &d);
    return;
  }
  number_with_standin(&facts, number, sizeof number);

  if (st->preview) {
    char on[DSC_DATE_STRLEN];
    char *shown = replace_standin(text, "××");
    op->result.json =
        shown ? letter_json(st, dsc_date_format(op->on, on), NULL, NULL, shown)
              : NULL;
    op->result.id = st->id;
    dsc__free(shown);
    dsc_free(text);
    if (op->result.json == NULL)
      dsc__op_fail(op, DSC_NOMEM, NULL);
    else
      dsc__op_finish(op);
    return;
  }

  {
    char rid[24], ver[16], on[DSC_DATE_STRLEN];
    const char *v[9] = {rid,    ver,  op->actor,  on,          NULL,
                        number, text, st->fields, st->corrects};
    snprintf(rid, sizeof rid, "%lld", (long long)st->id);
    snprintf(ver, sizeof ver, "%d", st->read.version);
    dsc_date_format(op->on, on);
    v[4] = dsc_letter_kind_name(st->kind);
    err = dsc__op_send_one(op, DSC_SQL_LETTER_ISSUE, 9, v, on_issued,
                           on_issue_done);
    dsc_free(text);
    if (err != DSC_OK)
      dsc__op_fail(op, err, NULL);
  }
}

static void send_read(dsc__op_t *op) {
  issue_state_t *st = op->state;
  char id[24];
  const char *v[2] = {id, op->actor};
  snprintf(id, sizeof id, "%lld", (long long)st->id);
  if (dsc__op_send_one(op, DSC_SQL_LETTER_READ, 2, v, on_read, on_read_done) !=
      DSC_OK)
    dsc__op_fail(op, DSC_NOMEM, NULL);
}

dsc_err_t dsc_letter_issue(dsc_engine_t *e, const dsc_ctx_t *ctx, int64_t id,
                           const dsc_letter_args_t *args, dsc_result_cb cb,
                           void *data) {
  dsc__op_t *op;
  issue_state_t *st;
  dsc_err_t err;

  if (args == NULL)
    return DSC_MISUSE;
  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_state, &op)) !=
      DSC_OK)
    return err;
  st = op->state;
  st->id = id;
  st->kind = args->kind;
  st->preview = args->preview;
  st->templates = args->templates;
  if ((args->to && (st->to = dsc__strdup(args->to)) == NULL) ||
      (args->corrects && (st->corrects = dsc__strdup(args->corrects)) == NULL))
    return dsc__op_abandon(op);

  if (!dsc__op_require_actor_on(op, ctx))
    return DSC_OK;
  if (dsc_letter_kind_name(args->kind) == NULL)
    return dsc__op_defer_error(
        op, DSC_INVALID, "kind",
        "one of answer, supplement-notice, extension-notice, consultation, "
        "fee-notice, closing-notice",
        "须为 answer、supplement-notice、extension-notice、consultation、"
        "fee-notice、closing-notice 之一");
  if (args->to && !dsc__utf8_is_line(args->to, 200))
    return dsc__op_defer_error(op, DSC_INVALID, "to",
                               "one line of UTF-8 text, at most 200 characters",
                               "须为不超过200字的单行有效UTF-8文本");
  if (args->corrects && !dsc__utf8_is_line(args->corrects, 200))
    return dsc__op_defer_error(op, DSC_INVALID, "corrects",
                               "a document number (文号) of this request",
                               "须为该申请某一文书的文号");
  if (id <= 0)
    return dsc__op_defer_error(op, DSC_NOT_FOUND, "id", "no such request",
                               "没有该申请");
  return dsc__op_start_with_calendar(op, send_read);
}
