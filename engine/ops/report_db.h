/* The annual report's sections kept in the database (migrations/0016),
 * shared by the compiler (report_compile.c) and the commands that enter
 * and show them (report_sections.c). Internal. */
#ifndef DSC_ENGINE_REPORT_DB_H
#define DSC_ENGINE_REPORT_DB_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "disclose/engine.h"
#include "disclose/report.h"

struct dsc__op;

/* Applies a result of DSC_SQL_REPORT_SECTIONS: the stored section-二
 * figures into *active (which the caller initialised: not given), setting
 * *has_active when any is given, and the texts into r->texts. A stored
 * value this build cannot read (the table's checks make that impossible
 * short of a later migration) is left out rather than failing the report:
 * false is returned so the caller can say so. */
bool dsc__report_sections_apply(const PGresult *res,
                                dsc_report_active_t *active, bool *has_active,
                                dsc_report_t *r);

/* Checks what every operation on an agency's annual report needs: year
 * from 2019 (the 2019 条例) to ctx's year and an agency code; defers the
 * DSC_INVALID refusal naming the field on op and returns false otherwise. */
bool dsc__report_op_check(struct dsc__op *op, const dsc_ctx_t *ctx, int year,
                          const char *agency);

/* DSC_NOT_FOUND, field "agency": no agency with that code. */
dsc_err_t dsc__report_no_agency(dsc_detail_t *detail, const char *agency);

#endif
