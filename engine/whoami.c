/* Who the database says is connected (engine.h, dsc_engine_whoami). The
 * front ends act as this identity: the actor of an action is the connected
 * staff member's login, never a name typed on the command line
 * (migrations/0012 refuses anything else). */
#include "engine_int.h"

static void on_row(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  const char *login = dsc__cell(res, 0, 0);
  const char *kind = dsc__cell(res, 0, 1);
  const char *today = dsc__cell(res, 0, 2);
  cJSON *o = cJSON_CreateObject();

  if (o == NULL || !cJSON_AddStringToObject(o, "login", login ? login : "") ||
      !cJSON_AddStringToObject(o, "kind", kind ? kind : "none") ||
      !cJSON_AddStringToObject(o, "today", today ? today : "")) {
    cJSON_Delete(o);
    op->result.err = DSC_NOMEM;
    return;
  }
  op->result.json = o;
}

static void on_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK)
    dsc__op_fail(op, err, d);
  else
    dsc__op_finish(op);
}

dsc_err_t dsc_engine_whoami(dsc_engine_t *e, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc__pg_batch_t *b;

  if (e == NULL)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, NULL, cb, data, 0, NULL);
  b = op ? dsc__pg_batch_new(e->pg, on_done, op) : NULL;
  if (b == NULL ||
      dsc__pg_batch_add(b, DSC_SQL_WHOAMI, 0, NULL, on_row, op) != DSC_OK) {
    if (b)
      dsc__pg_batch_discard(b);
    dsc__op_discard(op);
    return DSC_NOMEM;
  }
  dsc__pg_batch_send(b);
  return DSC_OK;
}
