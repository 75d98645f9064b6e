/* disclose — requests: intake, actions, reading.
 *
 * Asynchronous like every engine operation (see engine.h): each function
 * returns DSC_OK when queued and calls back on the loop thread. Every action
 * is one transaction that checks the request's version, updates its snapshot
 * and appends its event; a concurrent change gives DSC_CONFLICT, never a
 * lost update (DESIGN principle 2).
 */
#ifndef DISCLOSE_REQUEST_H
#define DISCLOSE_REQUEST_H

#include "engine.h"
#include "fee.h"
#include "machine.h"

/* Submits an application (the submission JSON of CONTRACT §5; copied).
 * Submissions queued in the same loop turn are committed in one transaction
 * (group commit); the callback runs only after COMMIT, with result->id the
 * new request's id and result->json its show object. A replayed
 * idempotency key gives the first id. Errors: DSC_INVALID naming the field
 * (nothing written), DSC_NOT_FOUND (agency or actor), DSC_FORBIDDEN,
 * DSC_UNAVAILABLE. Returns DSC_BUSY at once when the intake queue is full.
 */
DSC_EXTERN dsc_err_t dsc_request_submit(dsc_engine_t *engine,
                                        const dsc_ctx_t *ctx, const char *json,
                                        size_t len, dsc_result_cb cb,
                                        void *data);

/* As dsc_request_submit, but callable from any thread, concurrently: the
 * submission is validated on the calling thread (invalid input is still
 * reported through cb), then handed to the loop thread, which wakes up
 * (uv_async) and group-commits it with everything else of its turn. cb runs
 * on the loop thread after COMMIT. Back-pressure: returns DSC_BUSY at once,
 * without calling cb, when the engine already holds max_queued submissions
 * not yet committed; DSC_UNAVAILABLE once the engine is closing. A call
 * may overlap dsc_engine_close (it is then refused or failed through cb),
 * but none may start after the close callback ran: the engine is freed.
 * ctx and json are copied. */
DSC_EXTERN dsc_err_t dsc_request_submit_from_thread(
    dsc_engine_t *engine, const dsc_ctx_t *ctx, const char *json, size_t len,
    dsc_result_cb cb, void *data);

/* The arguments an action may take; unused fields stay zero/NULL. Strings
 * are copied. */
typedef struct dsc_action_args {
  const char *to;        /* assign: the handler's login */
  dsc_outcome_t outcome; /* draft */
  const char *text;      /* draft: the answer's text, optional */
  /* draft, for its letter (letter_store.h): the law or regulation a refusal
   * rests on, with its 书名号 (withheld.prohibited_by_law,
   * withheld.administrative_query); the agency that holds the information
   * or handles the petition goes in `agency` and its contact here
   * (Art. 36(五)); `url` where it is already published (Art. 36(一)) or a
   * publication is had; `channel` how the information is provided (default:
   * the channel the application came by). */
  const char *law;
  const char *contact;
  bool approve;                /* review: approve, or reject with comment */
  const char *comment;         /* review --reject: required */
  const char *channel;         /* answer: how the answer was delivered */
  const char *url;             /* publish */
  const char *reason;          /* withdraw: "applicant" (the default); extend:
                                  required text */
  const char *note;            /* request-supplement (required), consult-*: what
                                  was asked */
  const char *agency;          /* consult-agency: the other agency's name */
  int days;                    /* request-supplement, require-reasons: reply
                                  window (0 = the agency's default, 15 unless
                                  set); extend, longer-period: working days,
                                  required */
  int64_t amount_fen;          /* fee-notice: the fee in fen, which must be
                                  the quote (109号); 0 = the quote */
  int pages;                   /* fee-notice: pages for the quote (0 = charge
                                  by count, which needs none) */
  dsc_fee_method_t fee_method; /* fee-notice: the method named, or
                                  DSC_FEE_CHEAPER when none is (see
                                  dsc_fee_charge) */
  const char *backdate_reason; /* why the action is dated further back than
                                  the agency's window (a supervisor's word,
                                  recorded in the event; migrations/0012) */
  const char *delivered_on;    /* consult-*, fee-notice: "YYYY-MM-DD", the
                                  day the letter reached the other side, when
                                  known as it is recorded; its window runs
                                  from then (Art. 32, 34, 109号). NULL: not
                                  yet known (`delivered` records it) */
  const char *notified_on;     /* extend: "YYYY-MM-DD", the day the applicant
                                  was told (Art. 33); NULL: the day of the
                                  extension */
  const char *authority;   /* refer-secrecy: the authority asked (Art. 17) */
  const char *late_reason; /* supplement-received after its window: the good
                              reason a supervisor accepts it for (Art. 30);
                              reopens a request the lapse withdrew */
  int64_t duplicate_of;    /* draft not_processed.duplicate: the id of the
                              same applicant's earlier request, answered,
                              that this one repeats (Art. 36(六)); required
                              for that outcome, refused with any other
                              (0 = none) */
} dsc_action_args_t;

/* Applies a staff action to request id on ctx->on: assign, draft, review,
 * answer, publish, withdraw, and the clock actions request-supplement,
 * supplement-received, consult-third-party, third-party-replied,
 * consult-agency, agency-replied, fee-notice, fee-paid, extend, delivered
 * (the open hold's letter arrived on ctx->on), refer-secrecy and
 * secrecy-replied (CONTRACT §5, §7). A hold whose lapse date passed before
 * ctx->on is lapsed first, in the same transaction, as the deadline worker
 * would. Errors: DSC_NOT_FOUND (the request, a staff member, a draft's
 * duplicate_of), DSC_FORBIDDEN, DSC_CONFLICT (state, hold or a
 * concurrent change), DSC_INVALID (an argument, or a date before the
 * request's last event or after today), DSC_STATUTE (a limit of the
 * 条例: see deadline.h), DSC_CALENDAR_GAP. */
DSC_EXTERN dsc_err_t dsc_request_act(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                     int64_t id, dsc_action_t action,
                                     const dsc_action_args_t *args,
                                     dsc_result_cb cb, void *data);

/* Reads request id: result->json is the show object of CONTRACT §5, with
 * its events; the deadline fields are computed for ctx->today. Identity
 * numbers are masked. DSC_NOT_FOUND; DSC_CALENDAR_GAP or DSC_UNAVAILABLE
 * when the calendar cannot be loaded. */
DSC_EXTERN dsc_err_t dsc_request_show(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx, int64_t id,
                                      dsc_result_cb cb, void *data);

/* As dsc_request_show, plus "explain": how due_on was counted, day by day
 * (`show --explain`): {"clock_start", "due_on", "extended_days",
 * "days": [{"date", "kind": counted|makeup|paused|extended|holiday|weekend,
 * "n"}], "paused": [{"kind", "from", "to", "workdays", "open"}]}, or null
 * while a supplement is awaited. DSC_CALENDAR_GAP when a date needed lies
 * outside the calendar. */
DSC_EXTERN dsc_err_t dsc_request_explain(dsc_engine_t *engine,
                                         const dsc_ctx_t *ctx, int64_t id,
                                         dsc_result_cb cb, void *data);

typedef struct dsc_list_filter {
  const char *state;    /* NULL: any */
  const char *assignee; /* NULL: any */
  bool overdue;         /* only open requests past their due date */
  bool due_within_set;  /* only open requests, not overdue, with at most */
  int due_within;       /* due_within working days left (0: due today) */
  int64_t after;        /* keyset page: only ids after this one (0: all) */
  int limit;            /* at most this many (0: DSC_LIST_DEFAULT_LIMIT;
                           at most DSC_LIST_MAX_LIMIT) */
} dsc_list_filter_t;

#define DSC_LIST_DEFAULT_LIMIT 100
#define DSC_LIST_MAX_LIMIT 1000

/* Lists requests: result->json is an array of at most limit show objects
 * without events, by id, after `after`: the next page starts after the
 * last id of a full one. Requests on hold are never overdue or due within
 * N. DSC_INVALID for an unknown state, a negative due_within, a limit
 * outside 0..1000 or a negative after. */
DSC_EXTERN dsc_err_t dsc_request_list(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx,
                                      const dsc_list_filter_t *filter,
                                      dsc_result_cb cb, void *data);

/* Files an appeal (kind: reconsideration | litigation_direct |
 * litigation_after_reconsideration) against request id on ctx->on; result
 * (may be NULL) records a decision made the same day. result->json is the
 * appeal object. */
DSC_EXTERN dsc_err_t dsc_appeal_file(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                     int64_t request_id, const char *kind,
                                     const char *result, dsc_result_cb cb,
                                     void *data);

/* Files an appeal about the disclosure work of agency (NULL: "default") as
 * a whole, not against one request (Art. 51: e.g. its active disclosure),
 * on ctx->on; counted in the annual report's section 四 like the others.
 * Clerk or supervisor (as for a request's appeal); result as above.
 * result->json is the appeal object with "request_id": null and "agency".
 * DSC_NOT_FOUND (agency, actor), DSC_FORBIDDEN, DSC_INVALID (kind, result,
 * agency, on). */
DSC_EXTERN dsc_err_t dsc_appeal_file_general(
    dsc_engine_t *engine, const dsc_ctx_t *ctx, const char *agency,
    const char *kind, const char *result, dsc_result_cb cb, void *data);

/* Records the decision (upheld | corrected | other) of an undecided appeal
 * on ctx->on. DSC_CONFLICT when it was already decided. */
DSC_EXTERN dsc_err_t dsc_appeal_decide(dsc_engine_t *engine,
                                       const dsc_ctx_t *ctx, int64_t appeal_id,
                                       const char *result, dsc_result_cb cb,
                                       void *data);

#endif /* DISCLOSE_REQUEST_H */
