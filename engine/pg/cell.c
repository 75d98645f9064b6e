/* Reading the cells of a result: the text, or NULL for SQL NULL and for a
 * cell the result does not have; integers and dates parsed from it. */
#include "cell.h"

#include <stdlib.h>

const char *dsc__cell(const PGresult *res, int row, int col) {
  if (row >= PQntuples(res) || col >= PQnfields(res) ||
      PQgetisnull(res, row, col))
    return NULL;
  return PQgetvalue(res, row, col);
}

int64_t dsc__cell_int(const PGresult *res, int row, int col) {
  const char *v = dsc__cell(res, row, col);
  return v ? strtoll(v, NULL, 10) : 0;
}

dsc_date_t dsc__cell_date(const PGresult *res, int row, int col) {
  const char *v = dsc__cell(res, row, col);
  dsc_date_t d;
  if (v == NULL || dsc_date_parse(v, &d) != DSC_OK)
    return DSC_DATE_NONE;
  return d;
}
