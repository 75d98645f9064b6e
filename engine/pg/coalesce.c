/* The row coalescer (see pgloop.h, dsc__pg_batch_add_row, and
 * pgloop_int.h): the rows of a transaction sent as few executions of their
 * statements of several rows as their keys allow, each row's parameters as
 * one element of that statement's arrays, and each such execution's result
 * split into the synthetic result the row's own statement would have
 * returned, delivered to the row.
 *
 * Here too, as the lowest of the pipeline's files, the one execution of a
 * statement that all sending goes through, prepared on its first use on
 * the connection: the pipeline (pgloop.c) sends a batch's own statements
 * with it, the coalescer its rows.
 */
#include <stdint.h>
#include <stdlib.h>

#include "alloc.h"
#include "pgarray.h"
#include "pgloop_int.h"

/* Prepares statement id first if this connection has not yet been asked
 * to, then sends one execution of it; b expects the prepare's answer. */
bool dsc__pg_send_exec(dsc__pg_t *pg, dsc__pg_batch_t *b, dsc_sql_id_t id,
                       int nparams, const char *const *values) {
  const dsc_sql_t *sql = dsc__sql(id);
  if (!pg->prepare_sent[id]) {
    if (!PQsendPrepare(pg->conn, sql->name, sql->text, sql->nparams, NULL))
      return false;
    pg->prepare_sent[id] = true;
    b->expect[b->nexpect++] =
        (dsc__pg_expect_t){.kind = DSC__PG_EXPECT_PREPARE, .prepared = id};
  }
  return PQsendQueryPrepared(pg->conn, sql->name, nparams, values, NULL, NULL,
                             0) == 1;
}

/* One execution of set->many for the rows of set, carried by b. */
static bool send_rowset(dsc__pg_t *pg, dsc__pg_batch_t *b,
                        dsc__pg_rowset_t *set) {
  int nparams = set->rows[0]->nparams;
  dsc__pgarray_t arrays[DSC_PG_MAX_PARAMS];
  const char *values[DSC_PG_MAX_PARAMS] = {0};
  bool ok = true;

  for (int k = 0; k < nparams; k++) {
    dsc__pgarray_init(&arrays[k]);
    for (int j = 0; j < set->n; j++)
      dsc__pgarray_add(&arrays[k], set->rows[j]->values[k]);
    ok = (values[k] = dsc__pgarray_finish(&arrays[k])) != NULL && ok;
  }
  ok = ok && dsc__pg_send_exec(pg, b, set->many, nparams, values);
  for (int k = 0; k < nparams; k++)
    dsc__pgarray_free(&arrays[k]);
  if (ok)
    b->expect[b->nexpect++] =
        (dsc__pg_expect_t){.kind = DSC__PG_EXPECT_ROWS, .rows = set};
  return ok;
}

/* A slot of the table that numbers the rows of one key. */
typedef struct key_count {
  int64_t key;
  dsc_sql_id_t many;
  int count; /* 0: free */
} key_count_t;

/* For each row, how many rows of the same statement and key come before it
 * in the transaction: its round. */
static int number_rounds(dsc__pg_stmt_t *const *rows, int n, int *round) {
  size_t cap = 16, mask;
  key_count_t *t;
  int max = 0;

  while (cap < 2 * (size_t)n)
    cap *= 2;
  if ((t = dsc__calloc(cap, sizeof *t)) == NULL)
    return -1;
  mask = cap - 1;
  for (int j = 0; j < n; j++) {
    uint64_t h = ((uint64_t)rows[j]->key ^ ((uint64_t)rows[j]->many << 40)) *
                 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 20) & mask;
    while (t[i].count > 0 &&
           (t[i].key != rows[j]->key || t[i].many != rows[j]->many))
      i = (i + 1) & mask;
    t[i].key = rows[j]->key;
    t[i].many = rows[j]->many;
    round[j] = t[i].count++;
    if (round[j] > max)
      max = round[j];
  }
  dsc__free(t);
  return max;
}

/* Sends the rows of a transaction, carried by its last batch b: by rounds
 * (a key's first row in the first round, its second in the next, ...), so
 * that no statement of several rows sees one key twice and the rows of a
 * key run in the order they were added; in each round, the rows of one
 * statement go as one execution of its statement of several rows, or of
 * itself when there is only one. */
bool dsc__pg_send_rows(dsc__pg_t *pg, dsc__pg_batch_t *b, dsc__pg_stmt_t **rows,
                       int n) {
  int *round = dsc__calloc((size_t)n, sizeof *round);
  bool *sent = dsc__calloc((size_t)n, sizeof *sent);
  int max = round ? number_rounds(rows, n, round) : -1;
  bool ok = max >= 0 && sent != NULL &&
            (b->rowsets = dsc__calloc((size_t)n, sizeof *b->rowsets)) != NULL;

  for (int r = 0; ok && r <= max; r++)
    for (int j = 0; ok && j < n; j++) {
      dsc__pg_rowset_t *set;
      int m = 0;
      if (round[j] != r || sent[j])
        continue;
      set = &b->rowsets[b->nrowsets];
      if ((set->rows = dsc__calloc((size_t)(n - j), sizeof *set->rows)) ==
          NULL) {
        ok = false;
        break;
      }
      b->nrowsets++;
      set->many = rows[j]->many;
      for (int k = j; k < n; k++)
        if (round[k] == r && !sent[k] && rows[k]->many == set->many) {
          set->rows[m++] = rows[k];
          sent[k] = true;
        }
      set->n = m;
      if (m == 1) {
        ok = dsc__pg_send_exec(pg, b, rows[j]->id, rows[j]->nparams,
                               (const char *const *)rows[j]->values);
        if (ok)
          b->expect[b->nexpect++] =
              (dsc__pg_expect_t){.kind = DSC__PG_EXPECT_EXEC, .stmt = rows[j]};
      } else {
        ok = send_rowset(pg, b, set);
      }
    }
  dsc__free(round);
  dsc__free(sent);
  return ok;
}

/* The result of a statement of several rows, split into one result per
 * row with the columns after the first (the row's position, from 1), as
 * the statement of one row would have returned it. Delivered as that
 * statement's result would be (held until the commit in a mergeable
 * batch). False, having delivered none, when it could not be split: the
 * pipeline then fails the batch. */
bool dsc__pg_deliver_rows(dsc__pg_batch_t *b, dsc__pg_rowset_t *set,
                          const PGresult *res) {
  int ncols = PQnfields(res), ntuples = PQntuples(res);
  PGresAttDesc attrs[DSC_PG_MAX_PARAMS];
  PGresult **out;
  bool ok = ncols >= 1 && ncols - 1 <= DSC_PG_MAX_PARAMS;

  out = ok ? dsc__calloc((size_t)set->n, sizeof *out) : NULL;
  ok = out != NULL;
  for (int c = 1; ok && c < ncols; c++)
    attrs[c - 1] =
        (PGresAttDesc){PQfname(res, c),   PQftable(res, c), PQftablecol(res, c),
                       PQfformat(res, c), PQftype(res, c),  PQfsize(res, c),
                       PQfmod(res, c)};
  for (int j = 0; ok && j < set->n; j++)
    ok = (out[j] = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK)) != NULL &&
         PQsetResultAttrs(out[j], ncols - 1, ncols > 1 ? attrs : NULL) == 1;
  for (int t = 0; ok && t < ntuples; t++) {
    long n = strtol(PQgetvalue(res, t, 0), NULL, 10);
    PGresult *r;
    if (n < 1 || n > set->n) {
      ok = false;
      break;
    }
    r = out[n - 1];
    for (int c = 1; ok && c < ncols; c++)
      ok =
          PQsetvalue(r, PQntuples(r), c - 1,
                     PQgetisnull(res, t, c) ? NULL : PQgetvalue(res, t, c),
                     PQgetisnull(res, t, c) ? -1 : PQgetlength(res, t, c)) == 1;
  }
  for (int j = 0; out && j < set->n; j++) {
    dsc__pg_stmt_t *s = set->rows[j];
    if (ok && b->mergeable && s->cb) {
      s->held = out[j];
      continue;
    }
    if (ok && s->cb && b->err == DSC_OK)
      s->cb(s->arg, out[j]);
    PQclear(out[j]);
  }
  dsc__free(out);
  return ok;
}
