/* disclose — a request's letters in the store: issue (or preview), deliver,
 * and find the answers not yet delivered (issue 14, parts 2–4 and 8).
 *
 * What a letter says is letter.h's business, pure; this module gathers its
 * facts from the request's snapshot, events and agency, has the database
 * number it (文号: per agency, year and kind, no gap, no reuse) in the
 * transaction that records it as an event of the request, and records its
 * delivery (送达), from which the remedy periods run. An issued letter is
 * never changed: a correction is a new letter naming the one it corrects.
 *
 * Each call is asynchronous like every engine operation (engine.h): it
 * returns DSC_OK and calls cb once on the loop, or returns an error and
 * never calls it. Results are JSON documents described with each call.
 */
#ifndef DISCLOSE_LETTER_STORE_H
#define DISCLOSE_LETTER_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "engine.h"
#include "export.h"
#include "letter.h"

/* The templates (letter.h); declared here too, as C11 allows. */
typedef struct dsc_letter_templates dsc_letter_templates_t;

/* What to issue. */
typedef struct dsc_letter_args {
  dsc_letter_kind_t kind;
  bool preview;         /* render only: nothing is stored or numbered */
  const char *to;       /* consultation: the third party addressed;
                           refused for the other kinds */
  const char *corrects; /* the 文号 of this request's letter of the same kind
                           that this one corrects (更正), or NULL */
  const dsc_letter_templates_t *templates; /* borrowed, must outlive the
                                              call; NULL: the built-in ones */
} dsc_letter_args_t;

/* Issues (or previews) a letter of request id dated ctx->on, as ctx->actor
 * (clerk, handler or supervisor). The facts come from the record: the
 * answer's from the reviewed draft (outcome, text, law, the agency
 * referred to, the channel), a notice's from the event it announces
 * (request-supplement, extend, consult-third-party, fee-notice, the lapse
 * for a closing notice); the agency's settings from the agency. Which kind
 * fits the request:
 *   answer: state reviewed without a hold, or a correction of an issued
 *     答复书 (answered, published); one 答复书 unless correcting;
 *   supplement-notice: a supplement awaited (hold supplement);
 *   extension-notice: an extension recorded;
 *   consultation: a third party consulted (hold third_party), args->to;
 *   fee-notice: a fee awaited (hold fee);
 *   closing-notice: withdrawn by a lapse (other.no_supplement,
 *     other.fee_unpaid).
 * A window's last day printed in a consultation or fee notice is the
 * hold's when its letter's delivery is known, otherwise counted from the
 * letter's date (the earliest delivery), so the addressee is never told a
 * later day than the engine will keep.
 *
 * result->json: {"request_id", "kind", "number" (null in a preview), "date",
 * "text", "sha256" (null in a preview), "fields": {…}, "corrects",
 * "preview"}. In a preview the 文号's sequence number is "××".
 * Errors: DSC_NOT_FOUND (request, actor), DSC_FORBIDDEN (role), DSC_CONFLICT
 * (the kind does not fit the state, hold or history — field "kind", or an
 * answer letter already issued — field "corrects"; a concurrent change),
 * DSC_INVALID (a fact or agency setting the letter needs, named — e.g.
 * "agency.court"; "to"; "on"), DSC_CALENDAR_GAP, DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_letter_issue(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx, int64_t id,
                                      const dsc_letter_args_t *args,
                                      dsc_result_cb cb,
                                      void *data) DSC_MUST_CHECK;

/* Records that a letter of request id reached its addressee on ctx->on
 * (not before the letter's date, not after today), by method ("post",
 * "email", "in_person", "online"), with an optional tracking number.
 * number is the letter's 文号; NULL picks the request's only undelivered
 * letter (refused, field "letter", when there are several or none).
 * result->json: {"request_id", "number", "kind", "delivered_on", "method",
 * "tracking"}. Errors: DSC_NOT_FOUND (request, letter, actor),
 * DSC_FORBIDDEN, DSC_CONFLICT (already delivered; a concurrent change),
 * DSC_INVALID ("method", "tracking", "on"). */
DSC_EXTERN dsc_err_t dsc_letter_deliver(dsc_engine_t *engine,
                                        const dsc_ctx_t *ctx, int64_t id,
                                        const char *number, const char *method,
                                        const char *tracking, dsc_result_cb cb,
                                        void *data) DSC_MUST_CHECK;

/* An issued letter of request id, numbered number (its 文号), as stored:
 * result->json is {"request_id", "kind", "number", "date", "text",
 * "sha256", "fields", "corrects", "preview": false, "delivered_on",
 * "delivery_method", "tracking"} — the text exactly as issued, whatever the
 * templates say now. Errors: DSC_NOT_FOUND (field "number"),
 * DSC_INVALID ("number"), DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_letter_get(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                    int64_t id, const char *number,
                                    dsc_result_cb cb,
                                    void *data) DSC_MUST_CHECK;

/* The letters of request id, in the order issued: result->json is an
 * array of {"kind", "number", "date", "sha256", "corrects", "delivered_on",
 * "delivery_method", "tracking"} (empty for a request without letters or
 * one the reader may not see). Errors: DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_letter_list(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                     int64_t id, dsc_result_cb cb,
                                     void *data) DSC_MUST_CHECK;

/* The answer letters (答复书, the latest of each request) issued at least
 * days calendar days before ctx->today and not delivered: result->json is
 * an array of {"request_id", "number", "date", "days"} oldest first, at most
 * 1000. Errors: DSC_INVALID ("days" negative), DSC_UNAVAILABLE. */
DSC_EXTERN dsc_err_t dsc_letter_undelivered(dsc_engine_t *engine,
                                            const dsc_ctx_t *ctx, int days,
                                            dsc_result_cb cb,
                                            void *data) DSC_MUST_CHECK;

#endif /* DISCLOSE_LETTER_STORE_H */
