/* Compiling the annual report from the database (CONTRACT §9).
 *
 * One batch reads every count — the classes of the year's requests (by
 * applicant type and outcome) and the 总计 column counted on its own, in
 * one statement that also gives the classification's fingerprint; appeals;
 * fees — with the stored compilations of the year and last year's newest.
 * The pure report module renders the JSON; when it differs from the newest
 * stored one, a second batch stores it with the classification (the ids of
 * each class's requests), guarded by the fingerprint so a change in between
 * stores nothing (the caller then simply compiles again). */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/clock_ops.h"
#include "disclose/stats.h"
#include "engine_int.h"
#include "report_db.h"
#include "report_int.h"

typedef struct compile_state {
  int year;
  char agency[65];
  dsc_report_active_t active;
  bool has_active;
  /* read */
  bool agency_found, actor_found;
  unsigned actor_roles;
  char agency_name[201];
  int stored_count;
  char *newest, *second, *last_year;
  char digest[40];
  dsc_report_t report;
  dsc_report_active_t stored_active; /* section 二 as entered */
  bool has_stored_active;
  bool bad_row;     /* a class with an unknown applicant type */
  bool bad_section; /* a stored figure or text this build cannot read */
  /* result */
  char *rendered;
  bool stored;
  int attempts;
  cJSON *moved;
} compile_state_t;

static void free_compile_state(void *p) {
  compile_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->newest);
  dsc__free(st->second);
  dsc__free(st->last_year);
  dsc_report_free_text(st->rendered);
  cJSON_Delete(st->moved);
  dsc__free(st);
}

static void year_bounds(int year, char first[DSC_DATE_STRLEN],
                        char last[DSC_DATE_STRLEN]) {
  snprintf(first, DSC_DATE_STRLEN, "%04d-01-01", year);
  snprintf(last, DSC_DATE_STRLEN, "%04d-12-31", year);
}

static char *dup_or_null(const char *s) { return s ? dsc__strdup(s) : NULL; }

static void on_read(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) != 1)
    return;
  st->agency_found = dsc__cell(res, 0, 0) != NULL;
  if (st->agency_found)
    snprintf(st->agency_name, sizeof st->agency_name, "%s",
             dsc__cell(res, 0, 1));
  st->actor_found = dsc__cell(res, 0, 2) != NULL;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 2));
  st->stored_count = (int)dsc__cell_int(res, 0, 3);
  st->newest = dup_or_null(dsc__cell(res, 0, 4));
  st->second = dup_or_null(dsc__cell(res, 0, 5));
  st->last_year = dup_or_null(dsc__cell(res, 0, 6));
}

static int outcome_row(const char *code) {
  dsc_outcome_t o;
  if (code == NULL || dsc_outcome_parse(code, &o) != DSC_OK ||
      o == DSC_OUTCOME_NONE)
    return -1;
  return (int)DSC_REPORT_ROW_OUTCOME(o);
}

/* One pass over the year's classes (DSC_SQL_REPORT_TALLY): grouping(t),
 * grouping(outcome), t, is_new, carried_in, outcome, carried_out, count,
 * then — counted by the database — new, carried in, carried out, closed,
 * and the fingerprint. A row with grouping(t) = 0 is a class, counted
 * under its applicant type; the others fill the 总计 column: per outcome,
 * and with grouping(outcome) = 1 the year's totals. */
static void on_tally(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  int64_t(*c)[DSC_REPORT_COLUMNS] = st->report.cells;
  const int T = DSC_REPORT_TOTAL_COLUMN;

  for (int i = 0; i < PQntuples(res); i++) {
    const char *outcome = dsc__cell(res, i, 5);
    int64_t n = dsc__cell_int(res, i, 7);
    int row;
    if (i == 0 && dsc__cell(res, i, 12))
      snprintf(st->digest, sizeof st->digest, "%s", dsc__cell(res, i, 12));
    if (dsc__cell_int(res, i, 0) == 0) {
      dsc_applicant_type_t t;
      if (dsc_applicant_type_parse(dsc__cell(res, i, 2), &t) != DSC_OK) {
        st->bad_row = true;
        continue;
      }
      if (dsc__cell(res, i, 3)[0] == 't')
        c[DSC_REPORT_ROW_NEW][t] += n;
      if (dsc__cell(res, i, 4)[0] == 't')
        c[DSC_REPORT_ROW_CARRIED_IN][t] += n;
      if (dsc__cell(res, i, 6)[0] == 't')
        c[DSC_REPORT_ROW_CARRIED_OUT][t] += n;
      if (outcome) {
        c[DSC_REPORT_ROW_HANDLED_TOTAL][t] += n;
        if ((row = outcome_row(outcome)) >= 0)
          c[row][t] += n;
      }
    } else if (dsc__cell_int(res, i, 1) == 1) { /* the year's totals */
      c[DSC_REPORT_ROW_NEW][T] = dsc__cell_int(res, i, 8);
      c[DSC_REPORT_ROW_CARRIED_IN][T] = dsc__cell_int(res, i, 9);
      c[DSC_REPORT_ROW_CARRIED_OUT][T] = dsc__cell_int(res, i, 10);
      c[DSC_REPORT_ROW_HANDLED_TOTAL][T] = dsc__cell_int(res, i, 11);
    } else if ((row = outcome_row(outcome)) >= 0) {
      c[row][T] = n;
    }
  }
}

/* kind, upheld, corrected, other, pending, total */
static void on_appeals(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  for (int i = 0; i < PQntuples(res); i++) {
    const char *kind = dsc__cell(res, i, 0);
    int k = strcmp(kind, "reconsideration") == 0 ? DSC_REPORT_RECONSIDERATION
            : strcmp(kind, "litigation_direct") == 0
                ? DSC_REPORT_LITIGATION_DIRECT
                : DSC_REPORT_LITIGATION_AFTER;
    for (int col = 0; col < DSC_REPORT_APPEAL_COLUMNS; col++)
      st->report.appeals[k][col] = dsc__cell_int(res, i, 1 + col);
  }
}

static void on_fees(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1) {
    st->report.fee_count = dsc__cell_int(res, 0, 0);
    st->report.fee_amount_fen = dsc__cell_int(res, 0, 1);
  }
}

static void on_fee_notices(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1) {
    st->report.fee_notice_count = dsc__cell_int(res, 0, 0);
    st->report.fee_notice_amount_fen = dsc__cell_int(res, 0, 1);
  }
}

/* Section 二 and the texts as entered (migrations/0016). */
static void on_sections(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  if (!dsc__report_sections_apply(res, &st->stored_active,
                                  &st->has_stored_active, &st->report))
    st->bad_section = true;
}

/* ---- the result -------------------------------------------------------- */

static cJSON *classification(const PGresult *res, int row, int col) {
  cJSON *o;
  if (dsc__cell(res, row, col) == NULL)
    return cJSON_CreateNull();
  o = cJSON_CreateObject();
  if (o == NULL)
    return NULL;
  cJSON_AddStringToObject(o, "applicant_type", dsc__cell(res, row, col));
  cJSON_AddBoolToObject(o, "new", dsc__cell(res, row, col + 1)[0] == 't');
  cJSON_AddBoolToObject(o, "carried_in",
                        dsc__cell(res, row, col + 2)[0] == 't');
  if (dsc__cell(res, row, col + 3))
    cJSON_AddStringToObject(o, "outcome", dsc__cell(res, row, col + 3));
  else
    cJSON_AddNullToObject(o, "outcome");
  cJSON_AddBoolToObject(o, "carried_out",
                        dsc__cell(res, row, col + 4)[0] == 't');
  return o;
}

static void on_moved(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  st->moved = cJSON_CreateArray();
  for (int i = 0; st->moved && i < PQntuples(res); i++) {
    cJSON *m = cJSON_CreateObject();
    if (m == NULL)
      break;
    cJSON_AddNumberToObject(m, "id", (double)dsc__cell_int(res, i, 0));
    cJSON_AddItemToObject(m, "old", classification(res, i, 1));
    cJSON_AddItemToObject(m, "new", classification(res, i, 6));
    cJSON_AddItemToArray(st->moved, m);
  }
}

static void on_stored(void *arg, const PGresult *res) {
  compile_state_t *st = ((dsc__op_t *)arg)->state;
  st->stored = PQntuples(res) == 1;
}

static void send_reads(dsc__op_t *op);

static void on_written(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  compile_state_t *st = op->state;
  const char *previous;
  cJSON *o;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->stored && st->rendered && st->attempts < 5 &&
      (st->newest == NULL || strcmp(st->newest, st->rendered) != 0)) {
    /* The data changed between reading and storing: compile again. */
    send_reads(op);
    return;
  }
  if (st->stored)
    st->stored_count++;
  previous = st->stored ? st->newest : st->second;
  o = op->result.json = cJSON_CreateObject();
  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddItemToObject(o, "report", cJSON_Parse(st->rendered));
  cJSON_AddBoolToObject(o, "stored", st->stored);
  cJSON_AddNumberToObject(o, "compilations", st->stored_count);
  cJSON_AddItemToObject(o, "previous",
                        previous ? cJSON_Parse(previous) : cJSON_CreateNull());
  cJSON_AddItemToObject(o, "moved",
                        st->moved ? st->moved : cJSON_CreateArray());
  st->moved = NULL;
  dsc__op_finish(op);
}

/* ---- the counts arrived ------------------------------------------------ */

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  compile_state_t *st = op->state;
  dsc_detail_t detail;
  char year[8];
  dsc__pg_batch_t *b;
  size_t len;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (!st->actor_found) {
    dsc__detail_unknown_staff(&detail, "actor", op->actor);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (!(st->actor_roles &
        (DSC_ROLE_SUPERVISOR | DSC_ROLE_ADMIN | DSC_ROLE_SYSTEM))) {
    dsc_detail_setf(&detail, DSC_FORBIDDEN, "role",
                    "%s may not compile the annual report (needs supervisor "
                    "or admin)",
                    "%s 无权编制年度报告（需要 supervisor 或 admin 角色）",
                    op->actor);
    dsc__op_fail(op, DSC_FORBIDDEN, &detail);
    return;
  }
  if (!st->agency_found) {
    dsc__report_no_agency(&detail, st->agency);
    dsc__op_fail(op, DSC_NOT_FOUND, &detail);
    return;
  }
  if (st->bad_row) {
    /* Counting without it would publish figures that silently leave a
     * request out. */
    dsc_detail_setf(&detail, DSC_INTEGRITY, "applicant_type",
                    "a request of %s has an applicant type this engine does "
                    "not know",
                    "%s 有申请人类型无法识别的申请", st->agency);
    dsc__op_fail(op, DSC_INTEGRITY, &detail);
    return;
  }
  if (st->bad_section) {
    dsc_detail_setf(&detail, DSC_INTEGRITY, "active",
                    "a stored figure or text of %s's report is not one this "
                    "engine can read",
                    "%s 年度报告中存有无法识别的填报内容", st->agency);
    dsc__op_fail(op, DSC_INTEGRITY, &detail);
    return;
  }
  snprintf(st->report.agency_name, sizeof st->report.agency_name, "%s",
           st->agency_name);
  /* Section 二: the figures entered for the year, each replaced by the
   * `--active FILE` figure where the file gives one (the file is this
   * run's explicit input; what it leaves out stays as entered). */
  st->report.active = st->stored_active;
  if (st->has_active)
    dsc__report_active_merge(&st->report.active, &st->active);
  st->report.has_active = st->has_stored_active || st->has_active;
  /* The carry-over chain checks against last year's newest compilation. */
  if (st->last_year) {
    dsc_report_t prev;
    if (dsc_report_parse_json(st->last_year, strlen(st->last_year), &prev,
                              NULL) == DSC_OK) {
      st->report.has_previous = true;
      memcpy(st->report.previous_carried_out,
             prev.cells[DSC_REPORT_ROW_CARRIED_OUT],
             sizeof st->report.previous_carried_out);
    }
  }
  dsc_report_free_text(st->rendered);
  st->rendered = NULL;
  err = dsc_report_render(&st->report, DSC_REPORT_JSON, &st->rendered, &len);
  if (err != DSC_OK) {
    dsc__op_fail(op, err, NULL);
    return;
  }
  snprintf(year, sizeof year, "%d", st->year);
  b = dsc__pg_batch_new(op->engine->pg, on_written, op);
  if (b == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  err = dsc__op_bind_session(op, b);
  if (err == DSC_OK)
    err = dsc__pg_batch_add(b, DSC_SQL_REPORT_NOJIT, 0, NULL, NULL, NULL);
  if (err == DSC_OK &&
      (st->newest == NULL || strcmp(st->newest, st->rendered) != 0)) {
    const char *v[5] = {st->agency, year, op->actor, st->rendered, st->digest};
    err = dsc__pg_batch_add(b, DSC_SQL_REPORT_STORE, 5, v, on_stored, op);
  }
  if (err == DSC_OK) {
    const char *v[2] = {st->agency, year};
    err = dsc__pg_batch_add(b, DSC_SQL_REPORT_MOVED, 2, v, on_moved, op);
  }
  if (err != DSC_OK) {
    dsc__pg_batch_discard(b);
    dsc__op_fail(op, err, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static void send_reads(dsc__op_t *op) {
  compile_state_t *st = op->state;
  char first[DSC_DATE_STRLEN], last[DSC_DATE_STRLEN], year[8];
  const char *range[3] = {st->agency, first, last};
  const char *read[3] = {st->agency, year, op->actor};
  dsc__pg_batch_t *b;

  st->attempts++;
  dsc__free(st->newest);
  dsc__free(st->second);
  dsc__free(st->last_year);
  st->newest = st->second = st->last_year = NULL;
  st->digest[0] = '\0';
  cJSON_Delete(st->moved);
  st->moved = NULL;
  dsc_report_init(&st->report, st->year, st->agency, "");
  dsc__report_active_clear(&st->stored_active);
  st->has_stored_active = st->bad_section = false;
  year_bounds(st->year, first, last);
  snprintf(year, sizeof year, "%d", st->year);
  b = dsc__pg_batch_new(op->engine->pg, on_read_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_NOJIT, 0, NULL, NULL, NULL) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_READ, 3, read, on_read, op) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_TALLY, 2, read, on_tally, op) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_APPEALS, 3, range, on_appeals, op) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_FEES, 3, range, on_fees, op) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_FEE_NOTICES, 3, range, on_fee_notices,
                        op) ||
      dsc__pg_batch_add(b, DSC_SQL_REPORT_SECTIONS, 2, read, on_sections, op)) {
    if (b)
      dsc__pg_batch_discard(b);
    op->result.err = DSC_NOMEM;
    dsc_detail_set(&op->result.detail, DSC_NOMEM, NULL, NULL, NULL);
    dsc__op_defer(op);
    return;
  }
  dsc__pg_batch_send(b);
}

static void on_swept(dsc_engine_t *e, dsc_result_t *r, void *data) {
  dsc__op_t *op = data;
  (void)e;
  if (r->err != DSC_OK) {
    dsc__op_fail(op, r->err, &r->detail);
    return;
  }
  send_reads(op);
}

dsc_err_t dsc_report_compile(dsc_engine_t *e, const dsc_ctx_t *ctx, int year,
                             const char *agency,
                             const dsc_report_active_t *active,
                             dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  compile_state_t *st;

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_compile_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->year = year;
  snprintf(st->agency, sizeof st->agency, "%s", agency ? agency : "default");
  if (active) {
    st->active = *active;
    st->has_active = true;
  }
  if (!dsc__op_require_actor(op) ||
      !dsc__report_op_check(op, ctx, year, st->agency))
    return DSC_OK;
  /* A lapse is due as of its lapse day once today is past it (CONTRACT
   * §7): the deadline sweep applies what the worker has not yet, so the
   * report counts a lapsed request under its lapse outcome, not as open. */
  {
    dsc_ctx_t system = *ctx;
    system.actor = "system";
    system.on = ctx->today;
    if (dsc_deadline_sweep(e, &system, on_swept, op) != DSC_OK)
      return dsc__op_abandon(op);
  }
  return DSC_OK;
}

/* ---- the statistics worker --------------------------------------------- */

typedef struct stats_state {
  char (*agencies)[65];
  int *years;
  int n, next;
  cJSON *compiled;
  dsc_ctx_t ctx;
} stats_state_t;

static void free_stats_state(void *p) {
  stats_state_t *st = p;
  if (st == NULL)
    return;
  dsc__free(st->agencies);
  dsc__free(st->years);
  cJSON_Delete(st->compiled);
  dsc__free(st);
}

static void compile_next(dsc__op_t *op);

static void on_compiled(dsc_engine_t *e, dsc_result_t *r, void *data) {
  dsc__op_t *op = data;
  stats_state_t *st = op->state;
  (void)e;
  if (r->err != DSC_OK) {
    dsc__op_fail(op, r->err, &r->detail);
    return;
  }
  {
    cJSON *c = cJSON_CreateObject();
    if (c) {
      cJSON_AddStringToObject(c, "agency", st->agencies[st->next]);
      cJSON_AddNumberToObject(c, "year", st->years[st->next]);
      cJSON_AddItemToArray(st->compiled, c);
    }
  }
  st->next++;
  compile_next(op);
}

static void compile_next(dsc__op_t *op) {
  stats_state_t *st = op->state;
  cJSON *o;
  dsc_err_t err;

  if (st->next < st->n) {
    st->ctx.actor = op->actor;
    err = dsc_report_compile(op->engine, &st->ctx, st->years[st->next],
                             st->agencies[st->next], NULL, on_compiled, op);
    if (err != DSC_OK)
      dsc__op_fail(op, err, NULL);
    return;
  }
  o = op->result.json = cJSON_CreateObject();
  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddItemToObject(o, "compiled", st->compiled);
  st->compiled = NULL;
  dsc__op_finish(op);
}

static void on_due_rows(void *arg, const PGresult *res) {
  stats_state_t *st = ((dsc__op_t *)arg)->state;
  int n = PQntuples(res);
  if (n == 0)
    return;
  st->agencies = dsc__calloc((size_t)n, sizeof *st->agencies);
  st->years = dsc__calloc((size_t)n, sizeof *st->years);
  if (st->agencies == NULL || st->years == NULL)
    return;
  for (int i = 0; i < n; i++) {
    snprintf(st->agencies[i], 65, "%s", dsc__cell(res, i, 0));
    st->years[i] = (int)dsc__cell_int(res, i, 1);
  }
  st->n = n;
}

static void on_due_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  compile_next(op);
}

dsc_err_t dsc_stats_sweep(dsc_engine_t *e, const dsc_ctx_t *ctx,
                          dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  stats_state_t *st;
  dsc__pg_batch_t *b;
  char year[8];
  int this_year;
  const char *v[1] = {year};

  if ((err = dsc__op_open(e, ctx, cb, data, sizeof *st, free_stats_state,
                          &op)) != DSC_OK)
    return err;
  st = op->state;
  st->ctx = *ctx;
  st->compiled = cJSON_CreateArray();
  if (st->compiled == NULL)
    return dsc__op_abandon(op);
  if (!dsc__op_require_actor(op))
    return DSC_OK;
  dsc_date_to_ymd(ctx->today, &this_year, NULL, NULL);
  snprintf(year, sizeof year, "%d", this_year);
  b = dsc__pg_batch_new(e->pg, on_due_done, op);
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_STATS_DUE, 1, v, on_due_rows,
                                     op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    return dsc__op_abandon(op);
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}
