/* Reading a result's cells (internal). */
#ifndef DSC_ENGINE_CELL_H
#define DSC_ENGINE_CELL_H

#include <libpq-fe.h>
#include <stdint.h>

#include "disclose/date.h"

/* The cell's text; NULL for SQL NULL or a row or column out of range. The
 * pointer lives as long as res. */
const char *dsc__cell(const PGresult *res, int row, int col);

/* The cell as an integer; 0 for NULL. */
int64_t dsc__cell_int(const PGresult *res, int row, int col);

/* The cell as a date; DSC_DATE_NONE for NULL or a text that is not one. */
dsc_date_t dsc__cell_date(const PGresult *res, int row, int col);

#endif
