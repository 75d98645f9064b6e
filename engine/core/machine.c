/* The request state machine: two tables and one function that reads them.
 *
 * RULES holds, per action, who may act from which states and which guards
 * apply; EFFECTS holds what the action does, with a few actions (review,
 * lapse) having one row per case. dsc_machine_decide only walks them, so a
 * rule is changed by editing a row, never by adding a branch.
 */
#include "disclose/machine.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "names.h"

/* ---- Names -------------------------------------------------------------- */

static const char *const state_names[DSC_STATE__COUNT] = {
#define XX(name, str) [DSC_STATE_##name] = str,
    DSC_STATE_MAP(XX)
#undef XX
};

static const char *const hold_names[DSC_HOLD__COUNT] = {
#define XX(name, str) [DSC_HOLD_##name] = str,
    DSC_HOLD_MAP(XX)
#undef XX
};

static const char *const action_names[DSC_ACTION__COUNT] = {
#define XX(name, str) [DSC_ACTION_##name] = str,
    DSC_ACTION_MAP(XX)
#undef XX
};

static const char *const outcome_codes[DSC_OUTCOME__COUNT] = {
    [DSC_OUTCOME_NONE] = "none",
#define XX(name, code, label) [DSC_OUTCOME_##name] = code,
    DSC_OUTCOME_MAP(XX)
#undef XX
};

static const char *const outcome_labels[DSC_OUTCOME__COUNT] = {
    [DSC_OUTCOME_NONE] = "",
#define XX(name, code, label) [DSC_OUTCOME_##name] = label,
    DSC_OUTCOME_MAP(XX)
#undef XX
};

static const struct {
  dsc_role_t role;
  const char *name;
} role_names[] = {
#define XX(name, str, bit) {DSC_ROLE_##name, str},
    DSC_ROLE_MAP(XX)
#undef XX
};

const char *dsc_state_name(dsc_state_t state) {
  return (unsigned)state < DSC_STATE__COUNT ? state_names[state] : NULL;
}

dsc_err_t dsc_state_parse(const char *name, dsc_state_t *out) {
  int i = dsc__name_index(state_names, DSC_STATE__COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_state_t)i;
  return DSC_OK;
}

bool dsc_state_is_open(dsc_state_t state) {
  return state == DSC_STATE_RECEIVED || state == DSC_STATE_ASSIGNED ||
         state == DSC_STATE_DRAFTED || state == DSC_STATE_REVIEWED;
}

const char *dsc_hold_name(dsc_hold_t hold) {
  return (unsigned)hold < DSC_HOLD__COUNT ? hold_names[hold] : NULL;
}

dsc_err_t dsc_hold_parse(const char *name, dsc_hold_t *out) {
  int i = dsc__name_index(hold_names, DSC_HOLD__COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_hold_t)i;
  return DSC_OK;
}

const char *dsc_role_name(dsc_role_t role) {
  for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
    if (role_names[i].role == role)
      return role_names[i].name;
  return NULL;
}

dsc_err_t dsc_role_parse(const char *name, dsc_role_t *out) {
  if (name == NULL || out == NULL)
    return DSC_INVALID;
  for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++)
    if (strcmp(role_names[i].name, name) == 0) {
      *out = role_names[i].role;
      return DSC_OK;
    }
  return DSC_INVALID;
}

const char *dsc_outcome_code(dsc_outcome_t outcome) {
  return (unsigned)outcome < DSC_OUTCOME__COUNT ? outcome_codes[outcome] : NULL;
}

const char *dsc_outcome_label(dsc_outcome_t outcome) {
  return (unsigned)outcome < DSC_OUTCOME__COUNT ? outcome_labels[outcome]
                                                : NULL;
}

dsc_err_t dsc_outcome_parse(const char *code, dsc_outcome_t *out) {
  int i = dsc__name_index(outcome_codes, DSC_OUTCOME__COUNT, code);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_outcome_t)i;
  return DSC_OK;
}

const char *dsc_action_name(dsc_action_t action) {
  return (unsigned)action < DSC_ACTION__COUNT ? action_names[action] : NULL;
}

dsc_err_t dsc_action_parse(const char *name, dsc_action_t *out) {
  int i = dsc__name_index(action_names, DSC_ACTION__COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_action_t)i;
  return DSC_OK;
}

/* ---- The rules ---------------------------------------------------------- */

#define S(x) DSC_STATE_BIT(DSC_STATE_##x)
#define H(x) (1u << DSC_HOLD_##x)
#define R(x) ((unsigned)DSC_ROLE_##x)

/* State sets. The answer clock runs only while a request is open. */
#define OPEN (S(RECEIVED) | S(ASSIGNED) | S(DRAFTED) | S(REVIEWED))
#define EXISTING (OPEN | S(ANSWERED) | S(PUBLISHED) | S(WITHDRAWN))

/* Hold sets: which holds an action accepts before it. */
#define ANY_HOLD                                                               \
  (H(NONE) | H(SUPPLEMENT) | H(THIRD_PARTY) | H(OTHER_AGENCY) | H(FEE) |       \
   H(SECRECY_REVIEW) | H(REASONS))
/* The holds with a window that can run out: a referral under Art. 17 waits
 * for the authority's determination however long it takes. */
#define LAPSING_HOLD                                                           \
  (H(SUPPLEMENT) | H(THIRD_PARTY) | H(OTHER_AGENCY) | H(FEE) | H(REASONS))
/* The holds whose window runs from the other side's receipt of a letter
 * (Art. 32, Art. 34, 109号), so that its delivery is recorded. */
#define DELIVERED_HOLD (H(THIRD_PARTY) | H(OTHER_AGENCY) | H(FEE))

/* Who among those holding the role may act, and the guard particular to
 * one action, checked after the hold (machine.h). */
typedef dsc_machine_who_t who_t;
#define WHO_ANY DSC_WHO_ANY
#define WHO_ASSIGNEE DSC_WHO_ASSIGNEE
#define WHO_ASSIGNEE_OR_SUPERVISOR DSC_WHO_ASSIGNEE_OR_SUPERVISOR

typedef dsc_machine_guard_t check_t;
#define CHECK_NONE DSC_GUARD_NONE
#define CHECK_TARGET_HANDLER DSC_GUARD_TARGET_HANDLER
#define CHECK_DRAFT_OUTCOME DSC_GUARD_DRAFT_OUTCOME
#define CHECK_FOUR_EYES DSC_GUARD_FOUR_EYES
#define CHECK_PUBLISHABLE DSC_GUARD_PUBLISHABLE
#define CHECK_SUPPLEMENT DSC_GUARD_SUPPLEMENT

typedef struct rule {
  unsigned from;  /* DSC_STATE_BIT set the action is allowed from */
  unsigned roles; /* DSC_ROLE_* set, one of which the actor needs */
  who_t who;
  unsigned holds; /* H() set of holds the action accepts */
  check_t check;
} rule_t;

/* XX(action, from, roles, who, holds, check) */
#define RULE_TABLE(XX)                                                         \
  XX(SUBMIT, S(NONE), R(CLERK) | R(SUPERVISOR), WHO_ANY, ANY_HOLD, CHECK_NONE) \
  XX(ASSIGN, S(RECEIVED) | S(ASSIGNED), R(CLERK) | R(SUPERVISOR), WHO_ANY,     \
     ANY_HOLD, CHECK_TARGET_HANDLER)                                           \
  XX(DRAFT, S(ASSIGNED), R(HANDLER), WHO_ASSIGNEE, ANY_HOLD,                   \
     CHECK_DRAFT_OUTCOME)                                                      \
  XX(REVIEW, S(DRAFTED), R(REVIEWER), WHO_ANY, ANY_HOLD, CHECK_FOUR_EYES)      \
  /* Art. 33 counts the answer period net of the holds; a request that still   \
   * waits for a reply, a supplement or a payment is not ready to answer. */   \
  XX(ANSWER, S(REVIEWED), R(CLERK) | R(SUPERVISOR), WHO_ANY, H(NONE),          \
     CHECK_NONE)                                                               \
  /* Art. 44: what was disclosed to one applicant may be disclosed to all. */  \
  XX(PUBLISH, S(ANSWERED), R(CLERK) | R(SUPERVISOR), WHO_ANY, ANY_HOLD,        \
     CHECK_PUBLISHABLE)                                                        \
  XX(WITHDRAW, OPEN, R(CLERK) | R(SUPERVISOR), WHO_ANY, ANY_HOLD, CHECK_NONE)  \
  /* Art. 30: one notice to supplement an unclear application. */              \
  XX(REQUEST_SUPPLEMENT, OPEN, R(HANDLER) | R(SUPERVISOR),                     \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(NONE), CHECK_NONE)                          \
  /* Art. 30: late without good reason is abandoned; with one, a supervisor    \
   * accepts it and the request the lapse withdrew is reopened. */             \
  XX(SUPPLEMENT_RECEIVED, OPEN | S(WITHDRAWN), R(HANDLER) | R(SUPERVISOR),     \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(SUPPLEMENT) | H(NONE), CHECK_SUPPLEMENT)    \
  /* Art. 32: a third party whose rights disclosure may harm is consulted. */  \
  XX(CONSULT_THIRD_PARTY, OPEN, R(HANDLER) | R(SUPERVISOR),                    \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(NONE), CHECK_NONE)                          \
  XX(THIRD_PARTY_REPLIED, OPEN, R(HANDLER) | R(SUPERVISOR),                    \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(THIRD_PARTY), CHECK_NONE)                   \
  /* Art. 34: the agencies that made it jointly are asked. */                  \
  XX(CONSULT_AGENCY, OPEN, R(HANDLER) | R(SUPERVISOR),                         \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(NONE), CHECK_NONE)                          \
  XX(AGENCY_REPLIED, OPEN, R(HANDLER) | R(SUPERVISOR),                         \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(OTHER_AGENCY), CHECK_NONE)                  \
  /* Art. 42 (and 国办函〔2020〕109号): a fee for excessive requests. */ \
  XX(FEE_NOTICE, OPEN, R(HANDLER) | R(SUPERVISOR), WHO_ASSIGNEE_OR_SUPERVISOR, \
     H(NONE), CHECK_NONE)                                                      \
  XX(FEE_PAID, OPEN, R(HANDLER) | R(SUPERVISOR), WHO_ASSIGNEE_OR_SUPERVISOR,   \
     H(FEE), CHECK_NONE)                                                       \
  /* Art. 33: the head of the disclosure office approves an extension; the     \
   * supervisor plays that part. Once and at most 20 days is the deadline      \
   * module's rule. */                                                         \
  XX(EXTEND, OPEN, R(SUPERVISOR), WHO_ANY, ANY_HOLD, CHECK_NONE)               \
  /* Only the workers apply lapses, escalations and recomputed deadlines,      \
   * dated on the day they happened (DESIGN principle 7). */                   \
  XX(LAPSE, OPEN, R(SYSTEM), WHO_ANY, LAPSING_HOLD, CHECK_NONE)                \
  XX(ESCALATE, OPEN, R(SYSTEM), WHO_ANY, ANY_HOLD, CHECK_NONE)                 \
  XX(DEADLINE_MOVED, OPEN, R(SYSTEM), WHO_ANY, ANY_HOLD, CHECK_NONE)           \
  /* Art. 51: reconsideration or litigation may follow any answer, and a       \
   * lapse too, so appeals are recorded whatever the state and change none. */ \
  XX(APPEAL, EXISTING, R(CLERK) | R(SUPERVISOR), WHO_ANY, ANY_HOLD,            \
     CHECK_NONE)                                                               \
  XX(APPEAL_DECIDED, EXISTING, R(CLERK) | R(SUPERVISOR), WHO_ANY, ANY_HOLD,    \
     CHECK_NONE)                                                               \
  /* The receipt of a consultation or fee letter starts its window; the        \
   * clerk who keeps the post's receipts may record it as well. */             \
  XX(DELIVERED, OPEN, R(CLERK) | R(HANDLER) | R(SUPERVISOR), WHO_ANY,          \
     DELIVERED_HOLD, CHECK_NONE)                                               \
  /* Art. 17: what the agency cannot classify goes to the competent or the     \
   * secrecy authority, and the answer waits for its determination. */         \
  XX(REFER_SECRECY, OPEN, R(HANDLER) | R(SUPERVISOR),                          \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(NONE), CHECK_NONE)                          \
  XX(SECRECY_REPLIED, OPEN, R(HANDLER) | R(SUPERVISOR),                        \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(SECRECY_REVIEW), CHECK_NONE)                \
  /* Art. 35: applications clearly beyond a reasonable number or frequency.    \
   * Asking the applicant for reasons, and setting a longer period when they   \
   * are reasonable, are the agency's decisions, so a supervisor's; the        \
   * reasons arrive at whoever keeps the file. */                              \
  XX(REQUIRE_REASONS, OPEN, R(SUPERVISOR), WHO_ANY, H(NONE), CHECK_NONE)       \
  XX(REASONS_RECEIVED, OPEN, R(HANDLER) | R(SUPERVISOR),                       \
     WHO_ASSIGNEE_OR_SUPERVISOR, H(REASONS), CHECK_NONE)                       \
  XX(LONGER_PERIOD, OPEN, R(SUPERVISOR), WHO_ANY, H(NONE), CHECK_NONE)         \
  /* Letters (issue 14) go out whatever the state, the closing notice of a     \
   * lapsed request included; which kind fits the history is the letter        \
   * module's rule. The clerk, who keeps the post, records deliveries too. */  \
  XX(LETTER, EXISTING, R(CLERK) | R(HANDLER) | R(SUPERVISOR), WHO_ANY,         \
     ANY_HOLD, CHECK_NONE)                                                     \
  XX(DELIVER, EXISTING, R(CLERK) | R(HANDLER) | R(SUPERVISOR), WHO_ANY,        \
     ANY_HOLD, CHECK_NONE)

static const rule_t rules[DSC_ACTION__COUNT] = {
#define XX(action, from_, roles_, who_, holds_, check_)                        \
  [DSC_ACTION_##action] = {from_, roles_, who_, holds_, check_},
    RULE_TABLE(XX)
#undef XX
};

/* How an effect row treats the hold, the outcome and the review verdict. */
typedef enum hold_effect { HOLD_KEEP, HOLD_PUT } hold_effect_t;
typedef enum outcome_rule {
  OUT_KEEP,
  OUT_SET,       /* to the row's outcome */
  OUT_SET_PARAM, /* to params->outcome */
  OUT_CLEAR,
} outcome_rule_t;
typedef enum verdict { ANY_VERDICT, APPROVED, REJECTED } verdict_t;

typedef struct effect {
  dsc_action_t action;
  unsigned holds;    /* the row applies to these holds before the action */
  verdict_t verdict; /* and to this review verdict */
  dsc_state_t next;  /* the state after; DSC_STATE_NONE keeps it */
  hold_effect_t hold_effect;
  dsc_hold_t hold; /* the hold after, with HOLD_PUT */
  outcome_rule_t outcome_rule;
  dsc_outcome_t outcome; /* with OUT_SET */
} effect_t;

#define KEEP_STATE DSC_STATE_NONE /* no action leads back to NONE */
/* Back to where the request stood before it was withdrawn: assigned when it
 * has an assignee, received otherwise. */
#define REOPEN DSC_STATE__COUNT
#define ST(x) DSC_STATE_##x
#define HO(x) DSC_HOLD_##x
#define OC(x) DSC_OUTCOME_##x

/* The first row whose action, hold set and verdict match applies; RULES has
 * already checked that some row does. */
static const effect_t effects[] = {
    {DSC_ACTION_SUBMIT, ANY_HOLD, ANY_VERDICT, ST(RECEIVED), HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_ASSIGN, ANY_HOLD, ANY_VERDICT, ST(ASSIGNED), HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_DRAFT, ANY_HOLD, ANY_VERDICT, ST(DRAFTED), HOLD_KEEP, HO(NONE),
     OUT_SET_PARAM, OC(NONE)},
    {DSC_ACTION_REVIEW, ANY_HOLD, APPROVED, ST(REVIEWED), HOLD_KEEP, HO(NONE),
     OUT_KEEP, OC(NONE)},
    /* A rejected draft goes back to its handler, and its outcome with it. */
    {DSC_ACTION_REVIEW, ANY_HOLD, REJECTED, ST(ASSIGNED), HOLD_KEEP, HO(NONE),
     OUT_CLEAR, OC(NONE)},
    {DSC_ACTION_ANSWER, ANY_HOLD, ANY_VERDICT, ST(ANSWERED), HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_PUBLISH, ANY_HOLD, ANY_VERDICT, ST(PUBLISHED), HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    /* The applicant withdrew: report row (六)3, and nothing is awaited. */
    {DSC_ACTION_WITHDRAW, ANY_HOLD, ANY_VERDICT, ST(WITHDRAWN), HOLD_PUT,
     HO(NONE), OUT_SET, OC(OTHER_OTHER)},
    {DSC_ACTION_REQUEST_SUPPLEMENT, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(SUPPLEMENT), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_SUPPLEMENT_RECEIVED, H(SUPPLEMENT), ANY_VERDICT, KEEP_STATE,
     HOLD_PUT, HO(NONE), OUT_KEEP, OC(NONE)},
    /* A late supplement accepted for a good reason (the guard saw to it). */
    {DSC_ACTION_SUPPLEMENT_RECEIVED, H(NONE), ANY_VERDICT, REOPEN, HOLD_PUT,
     HO(NONE), OUT_CLEAR, OC(NONE)},
    {DSC_ACTION_CONSULT_THIRD_PARTY, ANY_HOLD, ANY_VERDICT, KEEP_STATE,
     HOLD_PUT, HO(THIRD_PARTY), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_THIRD_PARTY_REPLIED, ANY_HOLD, ANY_VERDICT, KEEP_STATE,
     HOLD_PUT, HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_CONSULT_AGENCY, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(OTHER_AGENCY), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_AGENCY_REPLIED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_FEE_NOTICE, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(FEE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_FEE_PAID, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT, HO(NONE),
     OUT_KEEP, OC(NONE)},
    {DSC_ACTION_EXTEND, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP, HO(NONE),
     OUT_KEEP, OC(NONE)},
    /* Art. 30: no supplement in time counts as abandoning the application. */
    {DSC_ACTION_LAPSE, H(SUPPLEMENT), ANY_VERDICT, ST(WITHDRAWN), HOLD_PUT,
     HO(NONE), OUT_SET, OC(OTHER_NO_SUPPLEMENT)},
    /* 国办函〔2020〕109号: a fee unpaid in time ends the application too. */
    {DSC_ACTION_LAPSE, H(FEE), ANY_VERDICT, ST(WITHDRAWN), HOLD_PUT, HO(NONE),
     OUT_SET, OC(OTHER_FEE_UNPAID)},
    /* Art. 35: no reasons given are no reasonable reasons — not processed,
     * row (五)4. */
    {DSC_ACTION_LAPSE, H(REASONS), ANY_VERDICT, ST(WITHDRAWN), HOLD_PUT,
     HO(NONE), OUT_SET, OC(NOT_PROCESSED_EXCESSIVE)},
    /* Art. 32 and 34: silence ends the consultation and the clock resumes
     * (for another agency, silence is consent). */
    {DSC_ACTION_LAPSE, H(THIRD_PARTY) | H(OTHER_AGENCY), ANY_VERDICT,
     KEEP_STATE, HOLD_PUT, HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_ESCALATE, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_DEADLINE_MOVED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_APPEAL, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP, HO(NONE),
     OUT_KEEP, OC(NONE)},
    {DSC_ACTION_APPEAL_DECIDED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_DELIVERED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_REFER_SECRECY, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(SECRECY_REVIEW), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_SECRECY_REPLIED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_REQUIRE_REASONS, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(REASONS), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_REASONS_RECEIVED, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_PUT,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_LONGER_PERIOD, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP,
     HO(NONE), OUT_KEEP, OC(NONE)},
    {DSC_ACTION_LETTER, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP, HO(NONE),
     OUT_KEEP, OC(NONE)},
    {DSC_ACTION_DELIVER, ANY_HOLD, ANY_VERDICT, KEEP_STATE, HOLD_KEEP, HO(NONE),
     OUT_KEEP, OC(NONE)},
};

/* ---- Deciding ----------------------------------------------------------- */

/* Two logins name the same person only when both are known. */
static bool same_login(const char *a, const char *b) {
  return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* Writes the names of the roles in mask as "clerk, supervisor" into buf. */
static const char *role_list(unsigned mask, const char *sep, char *buf,
                             size_t cap) {
  size_t len = 0;

  buf[0] = '\0';
  for (size_t i = 0; i < sizeof role_names / sizeof role_names[0]; i++) {
    size_t n = strlen(role_names[i].name), s = len ? strlen(sep) : 0;
    if (!(mask & (unsigned)role_names[i].role) || len + s + n >= cap)
      continue;
    memcpy(buf + len, sep, s);
    memcpy(buf + len + s, role_names[i].name, n + 1);
    len += s + n;
  }
  return buf;
}

static dsc_err_t refuse_state(const dsc_machine_request_t *req,
                              dsc_action_t action, dsc_detail_t *detail) {
  const char *a = action_names[action];

  if (req->state == DSC_STATE_NONE)
    return dsc_detail_setf(detail, DSC_CONFLICT, "state",
                           "cannot %s a request that does not exist",
                           "申请尚不存在，不能执行 %s", a);
  if (action == DSC_ACTION_SUBMIT)
    return dsc_detail_setf(detail, DSC_CONFLICT, "state",
                           "the request exists already (state %s)",
                           "申请已存在（状态 %s）", state_names[req->state]);
  return dsc_detail_setf(
      detail, DSC_CONFLICT, "state", "cannot %s a request that is %s",
      "不能执行 %s：申请状态为 %s", a, state_names[req->state]);
}

static dsc_err_t refuse_role(dsc_action_t action, unsigned roles,
                             dsc_detail_t *detail) {
  char list[96], en[160], zh[160];

  /* The two messages list the roles with different separators, so they are
   * formatted here rather than from one shared argument list. */
  snprintf(en, sizeof en, "%s needs the role %s", action_names[action],
           role_list(roles, " or ", list, sizeof list));
  snprintf(zh, sizeof zh, "执行 %s 需要以下角色之一：%s", action_names[action],
           role_list(roles, "、", list, sizeof list));
  return dsc_detail_set(detail, DSC_FORBIDDEN, "role", en, zh);
}

static dsc_err_t refuse_hold(const dsc_machine_request_t *req,
                             dsc_action_t action, unsigned holds,
                             dsc_detail_t *detail) {
  const char *a = action_names[action];

  if (req->hold == DSC_HOLD_NONE)
    return dsc_detail_setf(detail, DSC_CONFLICT, "hold",
                           "cannot %s: the request is not on hold",
                           "申请未在等待补正、意见或缴费，不能执行 %s", a);
  if (holds == H(NONE))
    return dsc_detail_setf(
        detail, DSC_CONFLICT, "hold", "cannot %s: the request waits for %s",
        "不能执行 %s：申请正在等待 %s", a, hold_names[req->hold]);
  return dsc_detail_setf(detail, DSC_CONFLICT, "hold",
                         "cannot %s: the request waits for %s instead",
                         "不能执行 %s：申请等待的是 %s", a,
                         hold_names[req->hold]);
}

static dsc_err_t refuse_assignee(const dsc_machine_request_t *req,
                                 dsc_action_t action, who_t who,
                                 dsc_detail_t *detail) {
  const char *a = action_names[action];
  const char *assignee = req->assignee ? req->assignee : "none";

  if (who == WHO_ASSIGNEE)
    return dsc_detail_setf(detail, DSC_FORBIDDEN, "assignee",
                           "only the assigned handler may %s (assignee: %s)",
                           "只有承办人可以执行 %s（承办人：%s）", a, assignee);
  return dsc_detail_setf(
      detail, DSC_FORBIDDEN, "assignee",
      "only the assigned handler or a supervisor may %s (assignee: %s)",
      "只有承办人或主管可以执行 %s（承办人：%s）", a, assignee);
}

/* The guard particular to the action; DSC_OK when it passes. */
static dsc_err_t run_check(check_t check, const dsc_machine_request_t *req,
                           const dsc_machine_actor_t *actor,
                           const dsc_machine_params_t *params,
                           dsc_detail_t *detail) {
  switch (check) {
  case CHECK_NONE:
    return DSC_OK;
  case CHECK_TARGET_HANDLER:
    if (params->target_roles & (unsigned)DSC_ROLE_HANDLER)
      return DSC_OK;
    return dsc_detail_set(detail, DSC_INVALID, "to",
                          "requests are assigned to handlers only",
                          "只能分配给承办人（handler）");
  case CHECK_DRAFT_OUTCOME:
    /* The two "no longer processed" rows of (六) follow from a lapse
     * (Art. 30, 109号), never from a handler's choice. */
    if (params->outcome > DSC_OUTCOME_NONE &&
        params->outcome < DSC_OUTCOME__COUNT &&
        params->outcome != DSC_OUTCOME_OTHER_NO_SUPPLEMENT &&
        params->outcome != DSC_OUTCOME_OTHER_FEE_UNPAID)
      return DSC_OK;
    if (params->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT ||
        params->outcome == DSC_OUTCOME_OTHER_FEE_UNPAID)
      return dsc_detail_setf(
          detail, DSC_INVALID, "outcome", "%s follows only from a lapse",
          "%s 只能由逾期自动产生", outcome_codes[params->outcome]);
    return dsc_detail_set(detail, DSC_INVALID, "outcome",
                          "a draft needs an outcome", "答复草稿须选择答复类型");
  case CHECK_FOUR_EYES:
    /* Art. 45 asks for registration, review and handling as separate
     * steps: whoever wrote the answer cannot also approve it. */
    if (!same_login(actor->login, req->drafter))
      return DSC_OK;
    return dsc_detail_set(detail, DSC_FORBIDDEN, "reviewer",
                          "four-eyes: the reviewer wrote the draft",
                          "四眼原则：审核人不得审核自己起草的答复");
  case CHECK_PUBLISHABLE:
    if (req->outcome == DSC_OUTCOME_DISCLOSED ||
        req->outcome == DSC_OUTCOME_PARTIALLY_DISCLOSED)
      return DSC_OK;
    return dsc_detail_setf(
        detail, DSC_CONFLICT, "outcome",
        "only disclosed or partially disclosed answers "
        "are published (the outcome is %s)",
        "只有予以公开或部分公开的答复可以主动公开"
        "（答复类型为 %s）",
        dsc_outcome_code(req->outcome) ? dsc_outcome_code(req->outcome) : "?");
  case CHECK_SUPPLEMENT:
    if (req->state != DSC_STATE_WITHDRAWN) {
      if (req->hold != DSC_HOLD_SUPPLEMENT)
        return dsc_detail_set(detail, DSC_CONFLICT, "hold",
                              "no supplement is awaited", "申请未在等待补正");
      if (params->late)
        return dsc_detail_set(detail, DSC_INVALID, "late_reason",
                              "the supplement is in time: no reason is needed",
                              "补正未逾期，无需说明理由");
      return DSC_OK;
    }
    if (req->outcome != DSC_OUTCOME_OTHER_NO_SUPPLEMENT || !params->late ||
        req->hold != DSC_HOLD_NONE)
      return dsc_detail_set(
          detail, DSC_CONFLICT, "state",
          req->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT
              ? "the supplement window lapsed and the request was withdrawn; "
                "a supervisor may accept a late supplement for a good reason "
                "(--late-reason, Art. 30)"
              : "cannot supplement-received a request that is withdrawn",
          req->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT
              ? "补正期限已届满，申请已视为放弃；有正当理由的，主管可以受理逾期"
                "补正"
                "（--late-reason，第三十条）"
              : "申请已撤回，不能执行 supplement-received");
    if (!(actor->roles & (unsigned)DSC_ROLE_SUPERVISOR))
      return dsc_detail_set(detail, DSC_FORBIDDEN, "role",
                            "only a supervisor accepts a late supplement",
                            "逾期补正只能由主管受理");
    return DSC_OK;
  }
  return DSC_OK;
}

dsc_err_t dsc_machine_decide(const dsc_machine_request_t *req,
                             dsc_action_t action,
                             const dsc_machine_actor_t *actor,
                             const dsc_machine_params_t *params,
                             dsc_transition_t *out, dsc_detail_t *detail) {
  static const dsc_machine_params_t no_params = {false, DSC_OUTCOME_NONE, 0,
                                                 false};
  const rule_t *rule;
  dsc_err_t err;

  if (req == NULL || actor == NULL || out == NULL ||
      (unsigned)action >= DSC_ACTION__COUNT ||
      (unsigned)req->state >= DSC_STATE__COUNT ||
      (unsigned)req->hold >= DSC_HOLD__COUNT)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_machine_decide: a NULL argument or a value "
                          "outside its table",
                          "dsc_machine_decide：参数为空或取值越界");
  if (params == NULL)
    params = &no_params;
  rule = &rules[action];

  if (!(rule->from & DSC_STATE_BIT(req->state)))
    return refuse_state(req, action, detail);
  if (!(rule->roles & actor->roles))
    return refuse_role(action, rule->roles, detail);

  if ((rule->who == WHO_ASSIGNEE ||
       (rule->who == WHO_ASSIGNEE_OR_SUPERVISOR &&
        !(actor->roles & (unsigned)DSC_ROLE_SUPERVISOR))) &&
      !same_login(actor->login, req->assignee))
    return refuse_assignee(req, action, rule->who, detail);
  if (!(rule->holds & (1u << req->hold)))
    return refuse_hold(req, action, rule->holds, detail);
  if ((err = run_check(rule->check, req, actor, params, detail)) != DSC_OK)
    return err;

  for (size_t i = 0; i < sizeof effects / sizeof effects[0]; i++) {
    const effect_t *e = &effects[i];
    if (e->action != action || !(e->holds & (1u << req->hold)) ||
        (e->verdict == APPROVED && !params->approve) ||
        (e->verdict == REJECTED && params->approve))
      continue;
    out->next = e->next == KEEP_STATE ? req->state
                : e->next == REOPEN
                    ? (req->assignee ? DSC_STATE_ASSIGNED : DSC_STATE_RECEIVED)
                    : e->next;
    out->hold = e->hold_effect == HOLD_PUT ? e->hold : req->hold;
    switch (e->outcome_rule) {
    case OUT_KEEP:
      out->outcome_effect = DSC_OUTCOME_KEEP;
      out->outcome = DSC_OUTCOME_NONE;
      break;
    case OUT_SET:
      out->outcome_effect = DSC_OUTCOME_SET;
      out->outcome = e->outcome;
      break;
    case OUT_SET_PARAM:
      out->outcome_effect = DSC_OUTCOME_SET;
      out->outcome = params->outcome;
      break;
    case OUT_CLEAR:
      out->outcome_effect = DSC_OUTCOME_CLEAR;
      out->outcome = DSC_OUTCOME_NONE;
      break;
    }
    return DSC_OK;
  }
  /* Every action's accepted holds are covered by its effect rows; reaching
   * here means the two tables disagree. */
  return dsc_detail_set(detail, DSC_INTERNAL, "", "no effect row matches",
                        "状态表缺少对应的结果行");
}

dsc_outcome_t dsc_machine_lapse_outcome(dsc_hold_t hold) {
  if ((unsigned)hold >= DSC_HOLD__COUNT)
    return DSC_OUTCOME_NONE;
  for (size_t i = 0; i < sizeof effects / sizeof effects[0]; i++)
    if (effects[i].action == DSC_ACTION_LAPSE &&
        (effects[i].holds & (1u << hold)))
      return effects[i].outcome_rule == OUT_SET ? effects[i].outcome
                                                : DSC_OUTCOME_NONE;
  return DSC_OUTCOME_NONE;
}

unsigned dsc_machine_roles_for(dsc_action_t action) {
  return (unsigned)action < DSC_ACTION__COUNT ? rules[action].roles : 0;
}

unsigned dsc_machine_states_for(dsc_action_t action) {
  return (unsigned)action < DSC_ACTION__COUNT ? rules[action].from : 0;
}

dsc_err_t dsc_machine_rule_info(dsc_action_t action, dsc_machine_who_t *who,
                                dsc_machine_guard_t *guard) {
  if ((unsigned)action >= DSC_ACTION__COUNT)
    return DSC_INVALID;
  if (who != NULL)
    *who = rules[action].who;
  if (guard != NULL)
    *guard = rules[action].check;
  return DSC_OK;
}
