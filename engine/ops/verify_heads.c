/* The database's side of anchors (disclose/verify.h): one page of chain
 * heads at a time, and one group of anchored heads checked at a time, so
 * that neither the table nor the anchor file is ever held whole. The
 * front end reads and writes the file between two calls. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/verify.h"
#include "engine_int.h"
#include "pgarray.h"

/* ---- heads -------------------------------------------------------------- */

static void on_heads(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  cJSON *heads = cJSON_GetObjectItemCaseSensitive(op->result.json, "heads");

  for (int i = 0; heads && i < PQntuples(res); i++) {
    cJSON *h = cJSON_CreateArray();
    if (h == NULL)
      return;
    cJSON_AddItemToArray(heads, h);
    cJSON_AddItemToArray(h,
                         cJSON_CreateNumber((double)dsc__cell_int(res, i, 0)));
    cJSON_AddItemToArray(h,
                         cJSON_CreateNumber((double)dsc__cell_int(res, i, 1)));
    cJSON_AddItemToArray(h, cJSON_CreateString(dsc__cell(res, i, 2)));
  }
}

static void on_now(void *arg, const PGresult *res) {
  dsc__op_t *op = arg;
  if (PQntuples(res) == 1) {
    cJSON_AddStringToObject(op->result.json, "at", dsc__cell(res, 0, 0));
    cJSON_AddStringToObject(op->result.json, "database", dsc__cell(res, 0, 1));
  }
}

/* Ends op once its batch answered. */
static void on_read_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  if (err != DSC_OK)
    dsc__op_fail(op, err, d);
  else
    dsc__op_finish(op);
}

/* Sends the batch (which the op's statements were added to) or, if adding
 * failed, defers the failure: nothing calls back inside the public call. */
static dsc_err_t send_or_defer(dsc__op_t *op, dsc__pg_batch_t *b, bool added) {
  if (added) {
    dsc__pg_batch_send(b);
    return DSC_OK;
  }
  if (b)
    dsc__pg_batch_discard(b);
  cJSON_Delete(op->result.json);
  op->result.json = NULL;
  return dsc__op_defer_error(op, DSC_NOMEM, NULL, NULL, NULL);
}

dsc_err_t dsc_verify_heads(dsc_engine_t *e, const dsc_ctx_t *ctx,
                           int64_t after_id, dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  dsc_err_t err;
  dsc__pg_batch_t *b;
  char after[24];
  const char *v[1] = {after};

  if ((err = dsc__op_open(e, ctx, cb, data, 0, NULL, &op)) != DSC_OK)
    return err;
  op->result.json = cJSON_CreateObject();
  if (op->result.json == NULL ||
      cJSON_AddArrayToObject(op->result.json, "heads") == NULL)
    return dsc__op_abandon(op);
  snprintf(after, sizeof after, "%lld", (long long)after_id);
  /* One transaction: the time stamped is the time the heads were read. */
  b = dsc__pg_batch_new(e->pg, on_read_done, op);
  return send_or_defer(op, b,
                       b &&
                           dsc__pg_batch_add(b, DSC_SQL_VERIFY_NOW, 0, NULL,
                                             on_now, op) == DSC_OK &&
                           dsc__pg_batch_add(b, DSC_SQL_VERIFY_HEADS, 1, v,
                                             on_heads, op) == DSC_OK);
}

/* ---- anchored heads ----------------------------------------------------- */

typedef struct anchored_state {
  dsc_anchor_head_t *heads; /* owned copy */
  size_t n;
  bool mismatch;
  size_t index; /* of the first mismatch */
  char found[DSC_ANCHOR_HASH_LEN + 1];
  bool missing;
} anchored_state_t;

static void free_anchored(void *p) {
  anchored_state_t *st = p;
  if (st)
    dsc__free(st->heads);
  dsc__free(st);
}

static void on_anchored(void *arg, const PGresult *res) {
  anchored_state_t *st = ((dsc__op_t *)arg)->state;
  const char *hash;
  int64_t i;

  if (PQntuples(res) != 1)
    return;
  i = dsc__cell_int(res, 0, 0);
  if (i < 1 || (size_t)i > st->n)
    return;
  hash = dsc__cell(res, 0, 1);
  st->mismatch = true;
  st->index = (size_t)i - 1;
  st->missing = hash == NULL;
  snprintf(st->found, sizeof st->found, "%s", hash ? hash : "");
}

static void on_anchored_done(void *arg, dsc_err_t err, const dsc_detail_t *d) {
  dsc__op_t *op = arg;
  anchored_state_t *st = op->state;
  const dsc_anchor_head_t *h;
  cJSON *o, *m;

  if (err != DSC_OK) {
    dsc__op_fail(op, err, d);
    return;
  }
  o = op->result.json = cJSON_CreateObject();
  if (o == NULL) {
    dsc__op_fail(op, DSC_NOMEM, NULL);
    return;
  }
  cJSON_AddNumberToObject(o, "checked",
                          (double)(st->mismatch ? st->index : st->n));
  if (st->mismatch) {
    h = &st->heads[st->index];
    m = cJSON_AddObjectToObject(o, "mismatch");
    cJSON_AddNumberToObject(m, "request_id", (double)h->request_id);
    cJSON_AddNumberToObject(m, "seq", h->seq);
    cJSON_AddStringToObject(m, "anchored_at", h->at);
    cJSON_AddStringToObject(m, "anchored_hash", h->hash);
    if (st->missing)
      cJSON_AddNullToObject(m, "hash");
    else
      cJSON_AddStringToObject(m, "hash", st->found);
    dsc_detail_setf(&op->result.detail, DSC_INTEGRITY, "anchor",
                    st->missing
                        ? "request %lld: event %d, anchored at %s, is missing"
                        : "request %lld: event %d differs from its anchor of "
                          "%s (the event or one before it was rewritten)",
                    st->missing ? "申请 %lld：%d 号记录（锚定于 %s）已不存在"
                                : "申请 %lld：%d 号记录与 %s 的锚定哈希不符"
                                  "（该记录或其之前的记录被改写）",
                    (long long)h->request_id, h->seq, h->at);
    op->result.err = DSC_INTEGRITY;
  }
  dsc__op_finish(op);
}

/* heads[i]'s columns as three array literals for the statement. */
static bool anchored_arrays(const anchored_state_t *st, dsc__pgarray_t a[3]) {
  char id[24], seq[16];
  for (size_t i = 0; i < st->n; i++) {
    snprintf(id, sizeof id, "%lld", (long long)st->heads[i].request_id);
    snprintf(seq, sizeof seq, "%d", st->heads[i].seq);
    dsc__pgarray_add(&a[0], id);
    dsc__pgarray_add(&a[1], seq);
    dsc__pgarray_add(&a[2], st->heads[i].hash);
  }
  return dsc__pgarray_finish(&a[0]) && dsc__pgarray_finish(&a[1]) &&
         dsc__pgarray_finish(&a[2]);
}

dsc_err_t dsc_verify_anchored(dsc_engine_t *e, const dsc_ctx_t *ctx,
                              const dsc_anchor_head_t *heads, size_t n,
                              dsc_result_cb cb, void *data) {
  dsc__op_t *op;
  anchored_state_t *st;
  dsc__pgarray_t a[3];
  dsc__pg_batch_t *b = NULL;
  dsc_err_t err;
  bool added;

  if (e == NULL || ctx == NULL || heads == NULL || n == 0 ||
      n > DSC_VERIFY_ANCHORED_MAX)
    return DSC_MISUSE;
  if (e->closing)
    return DSC_UNAVAILABLE;
  op = dsc__op_new(e, ctx, cb, data, sizeof *st, free_anchored);
  if (op == NULL)
    return DSC_NOMEM;
  st = op->state;
  st->heads = dsc__calloc(n, sizeof *st->heads);
  if (st->heads == NULL)
    return dsc__op_abandon(op);
  memcpy(st->heads, heads, n * sizeof *heads);
  st->n = n;
  for (int k = 0; k < 3; k++)
    dsc__pgarray_init(&a[k]);
  added = anchored_arrays(st, a);
  if (added) {
    const char *v[3] = {a[0].buf, a[1].buf, a[2].buf};
    b = dsc__pg_batch_new(e->pg, on_anchored_done, op);
    added = b && dsc__pg_batch_add(b, DSC_SQL_VERIFY_ANCHORED, 3, v,
                                   on_anchored, op) == DSC_OK;
  }
  err = send_or_defer(op, b, added);
  for (int k = 0; k < 3; k++)
    dsc__pgarray_free(&a[k]);
  return err;
}
