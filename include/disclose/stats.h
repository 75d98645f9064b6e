/* disclose — the supervisors' figures: the deadline dashboard and the
 * compilation of the annual report (CONTRACT §9).
 *
 * Asynchronous like every engine operation (engine.h).
 */
#ifndef DISCLOSE_STATS_H
#define DISCLOSE_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "report.h"

/* The dashboard for ctx->today (CONTRACT §9). result->json holds at least
 * the CONTRACT fields — as_of, open, by_state, on_hold, due_soon, overdue,
 * overdue_ids, by_assignee [{login, name, open, due_soon, overdue}],
 * answered_this_year, on_time_rate (null with no answer), and
 * median_workdays_to_answer (working days from clock start to answer, net
 * of paused days; null with no answer) — and also:
 *   "buckets": {"overdue", "0-2", "3-5", "6-10", "11-20", "more"} (open
 *     requests not on hold by working days left; "unknown" for those whose
 *     due date lies past the calendar),
 *   "overdue_list": [{"id", "assignee", "assignee_name", "due_on",
 *     "workdays_overdue"}]
 *     (most overdue first, at most 50),
 *   "due_soon_days": N, "calendar_ends_on": DATE, "calendar_warning": bool
 *     (the calendar ends within 60 days of today).
 * due_soon_days <= 0 uses the engine's setting. Any staff member may read
 * it. Errors: DSC_NOT_FOUND (actor), DSC_CALENDAR_GAP (today outside the
 * calendar), DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_dashboard(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                   int due_soon_days, dsc_result_cb cb,
                                   void *data);

/* Compiles the annual report of agency (NULL: "default") for year, as of
 * now — after applying, as the deadline worker would (dsc_deadline_sweep
 * for ctx->today), every lapse that is due, so that a lapsed request counts
 * under its lapse outcome — and stores it when it differs from the last stored
 * compilation of that (agency, year). Section 二 holds the figures entered
 * for the year (dsc_report_active_enter); active (may be NULL: the
 * `--active FILE` figures) overrides them figure by figure where it gives
 * one. The texts entered (dsc_report_text_enter) fill sections 一, 五, 六;
 * section 六 also counts the fee notices issued and the fees paid.
 * The actor must be a supervisor or admin (or `system`, for the statistics
 * worker). result->json: {"report": <the JSON rendering of report.h, parsed>,
 * "stored": bool (a new compilation was stored), "compilations": N (stored
 * for that year), "previous": <the compilation stored before the newest,
 * or null>, "moved": [{"id", "old": {...}, "new": {...}}] (requests
 * counted differently by the two, at most 200)}. The report's carry-over
 * check uses the newest stored compilation of year - 1.
 * Errors: DSC_INVALID (year before 2019 or after today's year; field
 * "year"), DSC_NOT_FOUND (agency, actor), DSC_FORBIDDEN. */
DSC_EXTERN dsc_err_t dsc_report_compile(dsc_engine_t *engine,
                                        const dsc_ctx_t *ctx, int year,
                                        const char *agency,
                                        const dsc_report_active_t *active,
                                        dsc_result_cb cb, void *data);

/* The annual report's sections entered by the agency (migrations/0016),
 * per agency (NULL: "default") and year (2019 to today's year). Each entry
 * is appended with its actor, never overwritten; the report uses the
 * newest entry of each figure and text. result->json of all three: the
 * sections as they now stand, {"year", "agency", "active": [{"key", "row",
 * "column", "value" (count, 万元 string or null), "entered_by",
 * "entered_at"}] for the ten figures of section 二 in the report's order,
 * "texts": [{"section" (1, 5, 6), "title", "text", "entered_by",
 * "entered_at"}]}; nulls for what was never entered. Errors: DSC_INVALID
 * (year, agency, a key or value — field the key —, section, text; nothing
 * is written), DSC_NOT_FOUND (agency, actor), DSC_FORBIDDEN. */

/* Enters section 二's figures keys[i] = values[i] (i < n), all or none:
 * keys and values as dsc_report_active_set_value ("" takes a figure
 * back); a key given twice is refused. Supervisors only. */
DSC_EXTERN dsc_err_t dsc_report_active_enter(
    dsc_engine_t *engine, const dsc_ctx_t *ctx, int year, const char *agency,
    const char *const *keys, const char *const *values, size_t n,
    dsc_result_cb cb, void *data);

/* Enters the text of section 1, 5 or 6 (text[0..len), as
 * dsc_report_text_check). Supervisors only. */
DSC_EXTERN dsc_err_t dsc_report_text_enter(dsc_engine_t *engine,
                                           const dsc_ctx_t *ctx, int year,
                                           const char *agency, int section,
                                           const char *text, size_t len,
                                           dsc_result_cb cb, void *data);

/* Reads the sections as they stand; any staff member. */
DSC_EXTERN dsc_err_t dsc_report_sections_read(dsc_engine_t *engine,
                                              const dsc_ctx_t *ctx, int year,
                                              const char *agency,
                                              dsc_result_cb cb, void *data);

/* The statistics worker's pass (CONTRACT §8): for every agency, compiles
 * and stores each year that has ended (before ctx->today's year, from the
 * first year holding a request) and has no stored compilation yet, as the
 * actor `system`. A second pass changes nothing. result->json:
 * {"compiled": [{"agency", "year"}]}. */
DSC_EXTERN dsc_err_t dsc_stats_sweep(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                     dsc_result_cb cb, void *data);

#endif /* DISCLOSE_STATS_H */
