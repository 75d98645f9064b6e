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

dsc_err_t dsc_engine_whoami(dsc_engine_t *e, dsc_result_cb cb, void *data) {
  return dsc__op_single(e, DSC_SQL_WHOAMI, on_row, cb, data);
}
