/* Lapses (CONTRACT §7): a hold whose reply, supplement or payment did not
 * come by its lapses_on ends as of that day (internal). Shared by the
 * deadline worker and by staff actions that arrive after a lapse the worker
 * has not applied yet, so both write the same event on the same date. */
#ifndef DSC_ENGINE_LAPSE_H
#define DSC_ENGINE_LAPSE_H

#include "engine_int.h"
#include "row.h"

/* When r's hold lapsed before `on` (lapses_on < on), applies the lapse to r
 * in memory — a supplement or an unpaid fee withdraws the request with
 * other.no_supplement / other.fee_unpaid and closed_on = lapses_on; a
 * consultation ends and the clock resumes — adds its write (actor `system`,
 * dated lapses_on) to b, and moves r->version to the version after it.
 * Otherwise does nothing. cb receives the write's row as dsc__row_write
 * says. Returns DSC_OK, DSC_NOMEM, or the machine's refusal (an internal
 * inconsistency). */
dsc_err_t dsc__lapse_if_due(dsc_engine_t *e, dsc__row_t *r, dsc_date_t on,
                            dsc__pg_batch_t *b, dsc__pg_result_cb cb, void *arg,
                            dsc_detail_t *detail);

#endif
