/* `disclose calendar import FILE` (CONTRACT §5, §7): all or nothing, then
 * every open deadline re-derived with the corrected calendar.
 *
 * Steps: parse and validate the CSV (pure, in the call); read the actor's
 * roles and the loaded years; write the years in one transaction that bumps
 * the calendar's generation; drop the cached calendar and run the
 * re-derivation phase of the deadline sweep. The generation makes the
 * re-derivation crash-safe: if this process dies after the commit, the
 * deadline worker's next pass finds the requests still stamped with the old
 * generation and finishes the job. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "calendar_cache.h"
#include "disclose/clock_ops.h"
#include "engine_int.h"
#include "pgarray.h"
#include "sweep.h"

typedef struct import_state {
  dsc__sweep_t sweep; /* first: the sweep resumes from the op's state */
  dsc_calendar_exception_t *rows;
  char **names;
  size_t nrows;
  int years[64]; /* the years the file replaces, ascending */
  int nyears;
  /* read back */
  bool actor_found;
  unsigned actor_roles;
  int loaded[512];
  int nloaded;
  int64_t generation;
} import_state_t;

static void free_import_state(void *p) {
  import_state_t *st = p;
  if (st == NULL)
    return;
  dsc_calendar_rows_free(st->rows, st->names, st->nrows);
  dsc__free(st);
}

static int year_of(dsc_date_t d) {
  int y;
  dsc_date_to_ymd(d, &y, NULL, NULL);
  return y;
}

static bool late_december(dsc_date_t d) {
  int m, day;
  dsc_date_to_ymd(d, NULL, &m, &day);
  return m == 12 && day >= 25;
}

static bool has_year(const import_state_t *st, int y) {
  for (int i = 0; i < st->nyears; i++)
    if (st->years[i] == y)
      return true;
  return false;
}

/* The years the file replaces: every year with a row, except a year whose
 * only rows are 25–31 December when the next year is in the file (they are
 * the next year's New Year arrangement, statutes.md §4). */
static dsc_err_t find_years(import_state_t *st, dsc_detail_t *d) {
  int candidates[64], n = 0;

  for (size_t i = 0; i < st->nrows; i++) {
    int y = year_of(st->rows[i].date);
    bool seen = false;
    for (int k = 0; k < n; k++)
      seen = seen || candidates[k] == y;
    if (!seen) {
      if (n == 64)
        return dsc_detail_set(d, DSC_INVALID, "file",
                              "more than 64 years in one file",
                              "一个文件中的年份超过64个");
      candidates[n++] = y;
    }
  }
  for (int k = 0; k < n; k++) {
    int y = candidates[k];
    bool next = false, only_late = true;
    for (int j = 0; j < n; j++)
      next = next || candidates[j] == y + 1;
    for (size_t i = 0; i < st->nrows; i++)
      if (year_of(st->rows[i].date) == y && !late_december(st->rows[i].date))
        only_late = false;
    if (!(next && only_late))
      st->years[st->nyears++] = y;
  }
  /* ascending, for the messages and the contiguity check */
  for (int i = 1; i < st->nyears; i++)
    for (int j = i; j > 0 && st->years[j - 1] > st->years[j]; j--) {
      int t = st->years[j];
      st->years[j] = st->years[j - 1];
      st->years[j - 1] = t;
    }
  if (st->nyears == 0)
    return dsc_detail_set(d, DSC_INVALID, "file", "holds no rows",
                          "文件中没有任何日期行");
  return DSC_OK;
}

/* ---- step 3: re-derived ------------------------------------------------ */

static void on_rederived(dsc__sweep_t *sw) {
  dsc__op_t *op = sw->op;
  import_state_t *st = op->state;
  cJSON *o = op->result.json = cJSON_CreateObject(), *years;

  if (o == NULL || (years = cJSON_AddArrayToObject(o, "years")) == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  for (int i = 0; i < st->nyears; i++)
    cJSON_AddItemToArray(years, cJSON_CreateNumber(st->years[i]));
  cJSON_AddNumberToObject(o, "rows", (double)st->nrows);
  cJSON_AddNumberToObject(o, "generation", (double)st->generation);
  cJSON_AddNumberToObject(o, "rederived", sw->rederived);
  cJSON_AddNumberToObject(o, "moved", sw->moved);
  dsc__op_finish(op);
}

/* ---- step 2: written --------------------------------------------------- */

static void on_generation(void *arg, const PGresult *res) {
  import_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) == 1)
    st->generation = dsc__cell_int(res, 0, 0);
}

static void on_written(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  import_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  dsc__calendar_forget(op->engine);
  st->sweep.op = op;
  st->sweep.today = op->today;
  st->sweep.rederive_only = true;
  st->sweep.done = on_rederived;
  dsc__sweep_run(&st->sweep);
}

/* The column `what` of the rows (0 day, 1 kind, 2 name) or the years (3)
 * as a PostgreSQL array literal in a (see pgarray.h). */
static void array_literal(const import_state_t *st, int what,
                          dsc__pgarray_t *a) {
  char text[DSC_DATE_STRLEN];

  dsc__pgarray_init(a);
  if (what == 3) {
    for (int i = 0; i < st->nyears; i++) {
      snprintf(text, sizeof text, "%d", st->years[i]);
      dsc__pgarray_add(a, text);
    }
    return;
  }
  for (size_t i = 0; i < st->nrows; i++)
    dsc__pgarray_add(
        a, what == 0 ? dsc_date_format(st->rows[i].date, text)
           : what == 1
               ? (st->rows[i].kind == DSC_DAY_HOLIDAY ? "holiday" : "workday")
               : st->names[i]);
}

static void write_years(dsc__op_t *op) {
  import_state_t *st = op->state;
  dsc__pgarray_t cols[4];
  const char *days, *kinds, *names, *years;
  char source[128];
  dsc__pg_batch_t *b = NULL;
  dsc_err_t err = DSC_NOMEM;

  for (int c = 0; c < 4; c++)
    array_literal(st, c, &cols[c]);
  days = dsc__pgarray_finish(&cols[0]);
  kinds = dsc__pgarray_finish(&cols[1]);
  names = dsc__pgarray_finish(&cols[2]);
  years = dsc__pgarray_finish(&cols[3]);
  snprintf(source, sizeof source, "disclose calendar import by %s", op->actor);
  if (days && kinds && names && years &&
      (b = dsc__pg_batch_new(op->engine->pg, on_written, op)) != NULL) {
    /* Each statement names the actor: the database checks the role. */
    const char *del[2] = {years, op->actor};
    const char *ins[4] = {days, kinds, names, op->actor};
    const char *yrs[3] = {years, source, op->actor};
    const char *bump[1] = {op->actor};
    err =
        dsc__pg_batch_add(b, DSC_SQL_CALENDAR_DELETE_YEARS, 2, del, NULL, NULL);
    if (err == DSC_OK && st->nrows > 0)
      err = dsc__pg_batch_add(b, DSC_SQL_CALENDAR_UPSERT_DAYS, 4, ins, NULL,
                              NULL);
    if (err == DSC_OK)
      err = dsc__pg_batch_add(b, DSC_SQL_CALENDAR_UPSERT_YEARS, 3, yrs, NULL,
                              NULL);
    if (err == DSC_OK)
      err = dsc__pg_batch_add(b, DSC_SQL_CALENDAR_BUMP, 1, bump, on_generation,
                              op);
  }
  for (int c = 0; c < 4; c++)
    dsc__pgarray_free(&cols[c]);
  if (err != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_fail(op, err, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

/* ---- step 1: who asks, and which years are loaded ---------------------- */

static void on_read(void *arg, const PGresult *res) {
  import_state_t *st = ((dsc__op_t *)arg)->state;
  if (PQntuples(res) != 1)
    return;
  st->actor_found = dsc__cell(res, 0, 0) != NULL;
  st->actor_roles = dsc__roles_from_array(dsc__cell(res, 0, 0));
}

static void on_years(void *arg, const PGresult *res) {
  import_state_t *st = ((dsc__op_t *)arg)->state;
  for (int i = 0; i < PQntuples(res) && st->nloaded < 512; i++)
    st->loaded[st->nloaded++] = (int)dsc__cell_int(res, i, 0);
}

/* Loaded and imported years must form one run: a hole would count its
 * holidays as working days (DESIGN principle 5). */
static bool leaves_hole(const import_state_t *st, int *missing) {
  int lo = 9999, hi = 0;
  for (int i = 0; i < st->nloaded; i++) {
    lo = st->loaded[i] < lo ? st->loaded[i] : lo;
    hi = st->loaded[i] > hi ? st->loaded[i] : hi;
  }
  for (int i = 0; i < st->nyears; i++) {
    lo = st->years[i] < lo ? st->years[i] : lo;
    hi = st->years[i] > hi ? st->years[i] : hi;
  }
  for (int y = lo; y <= hi; y++) {
    bool found = has_year(st, y);
    for (int i = 0; i < st->nloaded && !found; i++)
      found = st->loaded[i] == y;
    if (!found) {
      *missing = y;
      return true;
    }
  }
  return false;
}

static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  import_state_t *st = op->state;
  dsc_detail_t detail;
  int missing;

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
    dsc_detail_setf(&detail, DSC_FORBIDDEN, "role",
                    "%s may not import the calendar (needs admin)",
                    "%s 无权导入工作日历（需要 admin 角色）", op->actor);
    dsc__op_fail(op, DSC_FORBIDDEN, &detail);
    return;
  }
  if (leaves_hole(st, &missing)) {
    dsc_detail_setf(&detail, DSC_INVALID, "file",
                    "the loaded years would have a hole: %d is missing; "
                    "import it in the same file",
                    "导入后年份将不连续：缺少 %d 年，请在同一文件中一并导入",
                    missing);
    dsc__op_fail(op, DSC_INVALID, &detail);
    return;
  }
  write_years(op);
}

dsc_err_t dsc_calendar_import(dsc_engine_t *e, const dsc_ctx_t *ctx,
                              const char *text, size_t len, dsc_result_cb cb,
                              void *data) {
  dsc__op_t *op;
  import_state_t *st;
  dsc__pg_batch_t *b;
  dsc_err_t err;
  const char *v[1];

  if (e == NULL || ctx == NULL || (text == NULL && len > 0))
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, ctx, cb, data, sizeof *st, free_import_state);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  if (!dsc__op_require_actor(op))
    return DSC_OK;
  err = dsc_calendar_parse_csv(text, len, &st->rows, &st->names, &st->nrows,
                               &op->result.detail);
  if (err == DSC_OK)
    err = find_years(st, &op->result.detail);
  if (err == DSC_NOMEM)
    return dsc__op_abandon(op);
  if (err != DSC_OK) {
    op->result.err = err;
    dsc__op_defer(op);
    return DSC_OK;
  }
  v[0] = op->actor;
  b = dsc__pg_batch_new(e->pg, on_read_done, op);
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_STAFF_ROLES, 1, v, on_read, op) != DSC_OK ||
      dsc__pg_batch_add(b, DSC_SQL_CALENDAR_YEARS, 0, NULL, on_years, op) !=
          DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    return dsc__op_abandon(op);
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}
