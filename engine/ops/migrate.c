/* `disclose migrate`: applies the migrations compiled into the library.
 *
 * Each file runs in its own transaction that first takes one advisory lock,
 * so concurrent runs serialise and each file is applied once; the
 * bookkeeping table records every file with its SHA-256, and a file whose
 * text changed after it was applied stops everything (DSC_INTEGRITY). */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "engine_int.h"
#include "migrate.h"

typedef struct migrate_state {
  int count;         /* migrations in this build */
  int next_check;    /* index for the check callbacks */
  int pending;       /* first unapplied migration, or -1 */
  bool changed;      /* an applied file's text changed */
  char unknown[128]; /* an applied migration this build does not know */
  dsc_err_t failure;
  dsc_detail_t detail;
  cJSON *applied;
} migrate_state_t;

static void free_migrate_state(void *p) {
  migrate_state_t *st = p;
  if (st) {
    cJSON_Delete(st->applied);
    dsc__free(st);
  }
}

static void begin_round(dsc__op_t *op);

static void fail_after_rollback(void *arg, dsc_err_t err,
                                const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;
  (void)err;
  (void)d;
  dsc__op_fail(op, st->failure, &st->detail);
}

/* Ends the open transaction and fails with what went wrong first. */
static void rollback_and_fail(dsc__op_t *op, dsc_err_t err,
                              const dsc_detail_t *d) {
  migrate_state_t *st = op->state;
  st->failure = err;
  if (d)
    st->detail = *d;
  else
    dsc_detail_set(&st->detail, err, "migrate", NULL, NULL);
  if (dsc__pg_script(op->engine->pg, dsc__sql_rollback, NULL,
                     fail_after_rollback, op) != DSC_OK)
    dsc__op_fail(op, err, d);
}

static void on_committed(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  if (st->pending < 0) { /* the last round had nothing to apply */
    cJSON *o = cJSON_CreateObject();
    if (o) {
      int applied_now = cJSON_GetArraySize(st->applied);
      cJSON_AddItemToObject(o, "applied", st->applied);
      st->applied = NULL;
      cJSON_AddNumberToObject(o, "already", st->count - applied_now);
    }
    op->result.json = o;
    dsc__op_finish(op);
    return;
  }
  cJSON_AddItemToArray(st->applied,
                       cJSON_CreateString(dsc__migrations[st->pending].name));
  begin_round(op);
}

static void on_recorded(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK) {
    rollback_and_fail(op, err, d);
    return;
  }
  if (dsc__pg_script(op->engine->pg, dsc__sql_commit, NULL, on_committed, op) !=
      DSC_OK)
    rollback_and_fail(op, DSC_NOMEM, NULL);
}

static void on_applied(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;
  const dsc__migration_t *m = &dsc__migrations[st->pending];
  const char *v[2] = {m->name, m->sql};
  dsc__pg_batch_t *b;
  dsc_detail_t detail;

  if (err != DSC_OK) {
    dsc_detail_setf(&detail, err, "migration", "%s: %s", "%s：%s", m->name,
                    d ? d->message : "failed");
    rollback_and_fail(op, err, &detail);
    return;
  }
  b = dsc__pg_batch_new(op->engine->pg, on_recorded, op);
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_MIGRATE_RECORD, 2, v, NULL,
                                     NULL) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    rollback_and_fail(op, DSC_NOMEM, NULL);
    return;
  }
  dsc__pg_batch_send(b);
}

static void on_applied_row(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;

  for (int i = 0; i < PQntuples(res); i++) {
    const char *name = dsc__cell(res, i, 0);
    bool known = false;
    for (int k = 0; k < st->count; k++)
      if (strcmp(dsc__migrations[k].name, name) == 0)
        known = true;
    if (!known && st->unknown[0] == '\0')
      snprintf(st->unknown, sizeof st->unknown, "%s", name);
  }
}

static void on_check_row(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;
  int i = st->next_check++;
  const char *same = dsc__cell(res, 0, 0);

  if (PQntuples(res) == 0) {
    if (st->pending < 0)
      st->pending = i;
  } else if (same == NULL || strcmp(same, "t") != 0) {
    if (!st->changed)
      dsc_detail_setf(&st->detail, DSC_INTEGRITY, "migration",
                      "%s was changed after it was applied; add a new "
                      "migration instead",
                      "%s 在应用后被修改；请新增迁移文件",
                      dsc__migrations[i].name);
    st->changed = true;
  }
}

static void on_checked(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;
  dsc_detail_t detail;

  if (err != DSC_OK) {
    rollback_and_fail(op, err, d);
    return;
  }
  if (st->changed) {
    detail = st->detail;
    rollback_and_fail(op, DSC_INTEGRITY, &detail);
    return;
  }
  if (st->unknown[0]) {
    dsc_detail_setf(&detail, DSC_INTEGRITY, "migration",
                    "the database has %s, which this build does not know: "
                    "it is newer than this program",
                    "数据库包含本程序不认识的迁移 %s：数据库比程序新",
                    st->unknown);
    rollback_and_fail(op, DSC_INTEGRITY, &detail);
    return;
  }
  if (st->pending < 0) {
    if (dsc__pg_script(op->engine->pg, dsc__sql_commit, NULL, on_committed,
                       op) != DSC_OK)
      rollback_and_fail(op, DSC_NOMEM, NULL);
    return;
  }
  if (dsc__pg_script(op->engine->pg, dsc__migrations[st->pending].sql, NULL,
                     on_applied, op) != DSC_OK)
    rollback_and_fail(op, DSC_NOMEM, NULL);
}

static void on_begun(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  migrate_state_t *st = op->state;
  dsc__pg_batch_t *b;

  if (err != DSC_OK) {
    rollback_and_fail(op, err, d);
    return;
  }
  st->next_check = 0;
  st->pending = -1;
  b = dsc__pg_batch_new(op->engine->pg, on_checked, op);
  if (b == NULL || dsc__pg_batch_add(b, DSC_SQL_MIGRATE_APPLIED, 0, NULL,
                                     on_applied_row, op) != DSC_OK)
    goto nomem;
  for (int i = 0; i < st->count; i++) {
    const char *v[2] = {dsc__migrations[i].name, dsc__migrations[i].sql};
    if (dsc__pg_batch_add(b, DSC_SQL_MIGRATE_CHECK, 2, v, on_check_row, op) !=
        DSC_OK)
      goto nomem;
  }
  dsc__pg_batch_send(b);
  return;
nomem:
  if (b)
    dsc__pg_batch_discard(b);
  rollback_and_fail(op, DSC_NOMEM, NULL);
}

static void begin_round(dsc__op_t *op) {
  if (dsc__pg_script(op->engine->pg, dsc__sql_migrate_begin, NULL, on_begun,
                     op) != DSC_OK)
    dsc__op_fail(op, DSC_NOMEM, NULL);
}

dsc_err_t dsc_migrate(dsc_engine_t *e, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  migrate_state_t *st;

  if (e == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, NULL, cb, data, sizeof *st, free_migrate_state);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  if ((st->applied = cJSON_CreateArray()) == NULL)
    return dsc__op_abandon(op);
  while (dsc__migrations[st->count].name)
    st->count++;
  if (dsc__pg_script(e->pg, dsc__sql_migrate_begin, NULL, on_begun, op) !=
      DSC_OK)
    return dsc__op_abandon(op);
  return DSC_OK;
}
