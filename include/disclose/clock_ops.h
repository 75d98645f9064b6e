/* disclose — engine operations on the working-day calendar and the
 * statutory clock: `calendar import`, `calendar due`, `fee-quote`, and the
 * deadline worker's sweep (CONTRACT §5, §7, §8).
 *
 * Asynchronous like every engine operation (see engine.h): each function
 * returns DSC_OK when queued and calls back on the loop thread with
 * result->json as documented.
 */
#ifndef DISCLOSE_CLOCK_OPS_H
#define DISCLOSE_CLOCK_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "fee.h"

/* The n-th working day strictly after from (wd_add, CONTRACT §7), with the
 * calendar in the database: result->json is {"from", "n", "due_on"}.
 * DSC_INVALID for n < 0 or n > 1000 (field "n"); DSC_CALENDAR_GAP naming
 * the missing year. */
DSC_EXTERN dsc_err_t dsc_calendar_due(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx, dsc_date_t from,
                                      int n, dsc_result_cb cb, void *data);

/* Imports holiday arrangements (the CSV of dsc_calendar_parse_csv; text is
 * copied) as ctx->actor, who must be an admin. Each year that has rows in
 * the file is replaced whole and marked loaded; rows dated 25–31 December
 * of a year that has no other row, when the next year is in the file, are
 * that next year's New Year arrangement (the 2019 notice fixes 2018-12-29
 * and 2018-12-31) and do not mark their year loaded. The loaded years must
 * stay one run without a hole. All or nothing. Then every open request's
 * deadlines are re-derived with the new calendar, and a `deadline-moved`
 * event with the old and new dates is written on each one whose dates
 * changed. result->json: {"years": [..], "rows": N, "generation": G,
 * "moved": M, "rederived": K}.
 * Errors: DSC_INVALID naming the line (see dsc_calendar_parse_csv) or
 * field "file" (a hole in the years), DSC_FORBIDDEN, DSC_NOT_FOUND (actor).
 */
DSC_EXTERN dsc_err_t dsc_calendar_import(dsc_engine_t *engine,
                                         const dsc_ctx_t *ctx, const char *text,
                                         size_t len, dsc_result_cb cb,
                                         void *data);

/* The information-processing fee of request id under 国办函〔2020〕109号
 * (see fee.h): the applicant's number of applications this calendar month
 * is read from the database, by identity number only. Read-only; the actor
 * must be active staff. result->json: {"request_id", "ordinal", "pages",
 * "method", "by_count", "by_volume", "amount" (yuan strings "4700.00"),
 * "arithmetic", "arithmetic_zh"}; "ordinal" and "by_count" are null for an
 * applicant without an identity number. Errors: DSC_NOT_FOUND, DSC_INVALID
 * (pages), DSC_STATUTE (field "applicant.id_number": by count, or the
 * cheaper method, for an applicant without an identity number). */
DSC_EXTERN dsc_err_t dsc_request_fee_quote(dsc_engine_t *engine,
                                           const dsc_ctx_t *ctx, int64_t id,
                                           int pages, dsc_fee_method_t method,
                                           dsc_result_cb cb, void *data);

/* One pass of the deadline worker for the business date ctx->today, as the
 * actor `system`: reloads the calendar if an import moved its generation;
 * re-derives open requests computed with an older calendar (writing
 * `deadline-moved` where dates changed); applies every lapse whose
 * lapses_on is before today, dated lapses_on; writes one `escalate` event
 * when a request becomes due soon and one when it becomes overdue. Every
 * write checks the request's version, so several daemons apply each change
 * once, and a second pass for the same date changes nothing.
 * result->json: {"rederived", "moved", "lapsed", "due_soon", "overdue"}.
 */
DSC_EXTERN dsc_err_t dsc_deadline_sweep(dsc_engine_t *engine,
                                        const dsc_ctx_t *ctx, dsc_result_cb cb,
                                        void *data);

/* `disclose verify`: checks that every request's events are contiguous and
 * their hash chain (migrations/0005) holds; that every history is one the
 * rules allow, replayed through dsc_machine_decide with each actor's roles
 * as staff_history (migration 0012) gives them at the event's recording
 * time, each event leading to the state it records; and that every
 * snapshot equals the replay of its events (version, state, assignee,
 * outcome, answer and closing dates, and the deadline columns where they
 * were computed with the loaded calendar). Read-only. Events whose business
 * date lies more than "late_workdays_limit" working days from the Shanghai
 * day they were recorded are findings, not failures. result->json:
 * {"events", "requests", "snapshots_checked", "ok", "late_workdays_limit",
 * "late_entries_total", "late_entries": [{"request_id", "seq", "action",
 * "actor", "operator" (when recorded by the operator), "on", "at",
 * "workdays": positive when recorded after the business date, null when
 * the calendar cannot count it}] (the first 1000), and "chain_break":
 * {"request_id", "seq", "reason": gap|hash} or "rule_break": {"request_id",
 * "seq", "action", "actor", "field", "reason"} or "snapshot_mismatch":
 * {"request_id", "field", "snapshot", "replay"}}; on the first break err is
 * DSC_INTEGRITY (exit 9) with the json still set. Anchors: verify.h. */
DSC_EXTERN dsc_err_t dsc_verify(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                dsc_result_cb cb, void *data);

#endif /* DISCLOSE_CLOCK_OPS_H */
