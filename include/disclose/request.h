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

/* The arguments an action may take; unused fields stay zero/NULL. Strings
 * are copied. */
typedef struct dsc_action_args {
  const char *to;        /* assign: the handler's login */
  dsc_outcome_t outcome; /* draft */
  const char *text;      /* draft: the answer's text, optional */
  bool approve;          /* review: approve, or reject with comment */
  const char *comment;   /* review --reject: required */
  const char *channel;   /* answer: how the answer was delivered */
  const char *url;       /* publish */
  const char *reason;    /* withdraw: "applicant" (the default) */
} dsc_action_args_t;

/* Applies a staff action (assign, draft, review, answer, publish, withdraw)
 * to request id on ctx->on. result->json is the request's show object
 * afterwards. Errors: DSC_NOT_FOUND, DSC_FORBIDDEN, DSC_CONFLICT (state,
 * hold or a concurrent change), DSC_INVALID (an argument, or a date before
 * the request's last event or after today). */
DSC_EXTERN dsc_err_t dsc_request_act(dsc_engine_t *engine, const dsc_ctx_t *ctx,
                                     int64_t id, dsc_action_t action,
                                     const dsc_action_args_t *args,
                                     dsc_result_cb cb, void *data);

/* Reads request id: result->json is the show object of CONTRACT §5, with
 * its events. Identity numbers are masked. DSC_NOT_FOUND. */
DSC_EXTERN dsc_err_t dsc_request_show(dsc_engine_t *engine,
                                      const dsc_ctx_t *ctx, int64_t id,
                                      dsc_result_cb cb, void *data);

typedef struct dsc_list_filter {
  const char *state;    /* NULL: any */
  const char *assignee; /* NULL: any */
  bool overdue;         /* only open requests past their due date */
  int due_within;       /* > 0: only open requests due within N working
                           days of today; 0: no such filter */
} dsc_list_filter_t;

/* Lists requests: result->json is an array of show objects without
 * events, by id. */
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

/* Records the decision (upheld | corrected | other) of an undecided appeal
 * on ctx->on. DSC_CONFLICT when it was already decided. */
DSC_EXTERN dsc_err_t dsc_appeal_decide(dsc_engine_t *engine,
                                       const dsc_ctx_t *ctx, int64_t appeal_id,
                                       const char *result, dsc_result_cb cb,
                                       void *data);

#endif /* DISCLOSE_REQUEST_H */
