/* disclose — the request state machine.
 *
 * The workflow of one application (登记、审核、办理、答复, Art. 45 of the
 * 条例) as a pure function: given a request's state, hold, assignee, drafter
 * and outcome, an action, the actor and the action's parameters, it says
 * what the request becomes, or which rule refuses the action. No I/O, no
 * allocation, no global state: safe from any thread. The store applies the
 * decision in the transaction that appends the event (DESIGN principle 1).
 *
 * Statutory limits that depend on dates (a supplement notice after 7 working
 * days, a second extension, more than 20 days) are the deadline module's;
 * this one knows only states, holds, roles and outcomes.
 *
 * Every enumeration comes from an X-macro table, so a name, a parser and a
 * value cannot drift apart (STYLE practices 5 and 13). Values are appended,
 * never renumbered: they may be stored.
 */
#ifndef DISCLOSE_MACHINE_H
#define DISCLOSE_MACHINE_H

#include <stdbool.h>

#include "error.h"
#include "export.h"

/* ---- States (CONTRACT §6) ---------------------------------------------- */

/* XX(NAME, name) */
#define DSC_STATE_MAP(XX)                                                      \
  XX(NONE, "none")           /* the request does not exist yet */              \
  XX(RECEIVED, "received")   /* registered (登记) */                         \
  XX(ASSIGNED, "assigned")   /* a handler owns it */                           \
  XX(DRAFTED, "drafted")     /* an answer awaits review */                     \
  XX(REVIEWED, "reviewed")   /* the draft was approved */                      \
  XX(ANSWERED, "answered")   /* the applicant was answered (Art. 36) */        \
  XX(PUBLISHED, "published") /* also actively disclosed (Art. 44) */           \
  XX(WITHDRAWN, "withdrawn") /* closed without an answer; terminal */

typedef enum dsc_state {
#define DSC_STATE_ENUM_(name, str) DSC_STATE_##name,
  DSC_STATE_MAP(DSC_STATE_ENUM_)
#undef DSC_STATE_ENUM_
      DSC_STATE__COUNT
} dsc_state_t;

/* The bit of a state in a state mask (see dsc_machine_states_for). */
#define DSC_STATE_BIT(state) (1u << (unsigned)(state))

/* The state's stable name ("received"; "none" for DSC_STATE_NONE), or NULL
 * for a value outside the table. Static storage. */
DSC_EXTERN const char *dsc_state_name(dsc_state_t state);

/* Parses an exact, case-sensitive state name into *out. Returns DSC_OK, or
 * DSC_INVALID (leaving *out alone) for NULL or an unknown name. */
DSC_EXTERN dsc_err_t dsc_state_parse(const char *name,
                                     dsc_state_t *out) DSC_MUST_CHECK;

/* True for the states in which the answer clock runs: received, assigned,
 * drafted and reviewed. */
DSC_EXTERN bool dsc_state_is_open(dsc_state_t state);

/* ---- Holds: what the request waits for, the clock paused (CONTRACT §7) - */

/* XX(NAME, name) */
#define DSC_HOLD_MAP(XX)                                                       \
  XX(NONE, "none")                     /* waiting for nothing */               \
  XX(SUPPLEMENT, "supplement")         /* 补正, Art. 30 */                   \
  XX(THIRD_PARTY, "third_party")       /* third-party opinion, Art. 32 */      \
  XX(OTHER_AGENCY, "other_agency")     /* another agency's opinion, Art. 34 */ \
  XX(FEE, "fee")                       /* 信息处理费, Art. 42 */          \
  XX(SECRECY_REVIEW, "secrecy_review") /* referred for review, Art. 17 */      \
  XX(REASONS, "reasons")               /* the applicant's reasons, Art. 35 */

typedef enum dsc_hold {
#define DSC_HOLD_ENUM_(name, str) DSC_HOLD_##name,
  DSC_HOLD_MAP(DSC_HOLD_ENUM_)
#undef DSC_HOLD_ENUM_
      DSC_HOLD__COUNT
} dsc_hold_t;

/* The hold's stable name ("supplement"; "none" for DSC_HOLD_NONE, which JSON
 * output renders as null), or NULL for a value outside the table. Static
 * storage. */
DSC_EXTERN const char *dsc_hold_name(dsc_hold_t hold);

/* Parses an exact hold name ("none" included) into *out. Returns DSC_OK, or
 * DSC_INVALID (leaving *out alone) for NULL or an unknown name. */
DSC_EXTERN dsc_err_t dsc_hold_parse(const char *name,
                                    dsc_hold_t *out) DSC_MUST_CHECK;

/* ---- Roles: bit flags, a staff member holds any set (CONTRACT §4) ------- */

/* XX(NAME, name, bit) */
#define DSC_ROLE_MAP(XX)                                                       \
  XX(CLERK, "clerk", 1u)                                                       \
  XX(HANDLER, "handler", 2u)                                                   \
  XX(REVIEWER, "reviewer", 4u)                                                 \
  XX(SUPERVISOR, "supervisor", 8u)                                             \
  XX(ADMIN, "admin", 16u)                                                      \
  XX(SYSTEM, "system", 32u) /* the workers' actor; never granted to staff */

typedef enum dsc_role {
#define DSC_ROLE_ENUM_(name, str, bit) DSC_ROLE_##name = bit,
  DSC_ROLE_MAP(DSC_ROLE_ENUM_)
#undef DSC_ROLE_ENUM_
} dsc_role_t;

/* Every role, and the roles `disclose staff add` may grant (all but the
 * internal actor `system`). */
#define DSC_ROLE_ALL 63u
#define DSC_ROLE_GRANTABLE (DSC_ROLE_ALL & ~(unsigned)DSC_ROLE_SYSTEM)

/* The name of one role ("clerk"), or NULL for 0, a combination of roles or
 * an unknown bit. Static storage. */
DSC_EXTERN const char *dsc_role_name(dsc_role_t role);

/* Parses an exact role name into *out. "system" parses too: refusing to
 * grant it is the caller's business (DSC_ROLE_GRANTABLE). Returns DSC_OK,
 * or DSC_INVALID (leaving *out alone) for NULL or an unknown name. */
DSC_EXTERN dsc_err_t dsc_role_parse(const char *name,
                                    dsc_role_t *out) DSC_MUST_CHECK;

/* ---- Outcomes: the rows of the annual report's section 三 (CONTRACT §6) - */

/* XX(NAME, code, the official row label of the 2021 report format) */
#define DSC_OUTCOME_MAP(XX)                                                    \
  XX(DISCLOSED, "disclosed", "(一)予以公开")                                   \
  XX(PARTIALLY_DISCLOSED, "partially_disclosed", "(二)部分公开")               \
  XX(WITHHELD_STATE_SECRET, "withheld.state_secret", "(三)1.属于国家秘密")     \
  XX(WITHHELD_PROHIBITED_BY_LAW, "withheld.prohibited_by_law",                 \
     "(三)2.其他法律行政法规禁止公开")                                         \
  XX(WITHHELD_SECURITY_STABILITY, "withheld.security_stability",               \
     "(三)3.危及“三安全一稳定”")                                               \
  XX(WITHHELD_THIRD_PARTY_RIGHTS, "withheld.third_party_rights",               \
     "(三)4.保护第三方合法权益")                                               \
  XX(WITHHELD_INTERNAL_AFFAIRS, "withheld.internal_affairs",                   \
     "(三)5.属于三类内部事务信息")                                             \
  XX(WITHHELD_PROCESS_INFORMATION, "withheld.process_information",             \
     "(三)6.属于四类过程性信息")                                               \
  XX(WITHHELD_ENFORCEMENT_FILES, "withheld.enforcement_files",                 \
     "(三)7.属于行政执法案卷")                                                 \
  XX(WITHHELD_ADMINISTRATIVE_QUERY, "withheld.administrative_query",           \
     "(三)8.属于行政查询事项")                                                 \
  XX(UNAVAILABLE_NOT_HELD, "unavailable.not_held",                             \
     "(四)1.本机关不掌握相关政府信息")                                         \
  XX(UNAVAILABLE_NEEDS_CREATION, "unavailable.needs_creation",                 \
     "(四)2.没有现成信息需要另行制作")                                         \
  XX(UNAVAILABLE_STILL_UNCLEAR, "unavailable.still_unclear",                   \
     "(四)3.补正后申请内容仍不明确")                                           \
  XX(NOT_PROCESSED_PETITION, "not_processed.petition",                         \
     "(五)1.信访举报投诉类申请")                                               \
  XX(NOT_PROCESSED_DUPLICATE, "not_processed.duplicate", "(五)2.重复申请")     \
  XX(NOT_PROCESSED_PUBLICATION, "not_processed.publication",                   \
     "(五)3.要求提供公开出版物")                                               \
  XX(NOT_PROCESSED_EXCESSIVE, "not_processed.excessive",                       \
     "(五)4.无正当理由大量反复申请")                                           \
  XX(NOT_PROCESSED_CONFIRMATION, "not_processed.confirmation",                 \
     "(五)5.要求行政机关确认或重新出具已获取信息")                             \
  XX(OTHER_NO_SUPPLEMENT, "other.no_supplement",                               \
     "(六)1.申请人无正当理由逾期不补正、"                       \
     "行政机关不再处理其政府信息公开申请")                                     \
  XX(OTHER_FEE_UNPAID, "other.fee_unpaid",                                     \
     "(六)2.申请人逾期未按收费通知要求缴纳费用、"           \
     "行政机关不再处理其政府信息公开申请")                                     \
  XX(OTHER_OTHER, "other.other", "(六)3.其他")

typedef enum dsc_outcome {
  DSC_OUTCOME_NONE = 0, /* not drafted, or the draft was rejected */
#define DSC_OUTCOME_ENUM_(name, code, label) DSC_OUTCOME_##name,
  DSC_OUTCOME_MAP(DSC_OUTCOME_ENUM_)
#undef DSC_OUTCOME_ENUM_
      DSC_OUTCOME__COUNT
} dsc_outcome_t;

/* The outcome's stable code ("withheld.state_secret"; "none" for
 * DSC_OUTCOME_NONE, which JSON output renders as null), or NULL for a value
 * outside the table. Static storage. */
DSC_EXTERN const char *dsc_outcome_code(dsc_outcome_t outcome);

/* The official Chinese row label of the annual report ("(三)1.属于国家秘密"),
 * "" for DSC_OUTCOME_NONE, NULL for a value outside the table. Static
 * storage, UTF-8. */
DSC_EXTERN const char *dsc_outcome_label(dsc_outcome_t outcome);

/* Parses an exact outcome code ("none" included) into *out. Returns DSC_OK,
 * or DSC_INVALID (leaving *out alone) for NULL or an unknown code. */
DSC_EXTERN dsc_err_t dsc_outcome_parse(const char *code,
                                       dsc_outcome_t *out) DSC_MUST_CHECK;

/* ---- Actions: the events of a request's history (CONTRACT §5) ---------- */

/* XX(NAME, name) — the name is the CLI command and the event's action. */
#define DSC_ACTION_MAP(XX)                                                     \
  XX(SUBMIT, "submit")                                                         \
  XX(ASSIGN, "assign")                                                         \
  XX(DRAFT, "draft")                                                           \
  XX(REVIEW, "review")                                                         \
  XX(ANSWER, "answer")                                                         \
  XX(PUBLISH, "publish")                                                       \
  XX(WITHDRAW, "withdraw")                                                     \
  XX(REQUEST_SUPPLEMENT, "request-supplement")                                 \
  XX(SUPPLEMENT_RECEIVED, "supplement-received")                               \
  XX(CONSULT_THIRD_PARTY, "consult-third-party")                               \
  XX(THIRD_PARTY_REPLIED, "third-party-replied")                               \
  XX(CONSULT_AGENCY, "consult-agency")                                         \
  XX(AGENCY_REPLIED, "agency-replied")                                         \
  XX(FEE_NOTICE, "fee-notice")                                                 \
  XX(FEE_PAID, "fee-paid")                                                     \
  XX(EXTEND, "extend")                                                         \
  XX(LAPSE, "lapse")                                                           \
  XX(ESCALATE, "escalate")                                                     \
  XX(DEADLINE_MOVED, "deadline-moved")                                         \
  XX(APPEAL, "appeal")                                                         \
  XX(APPEAL_DECIDED, "appeal-decided")                                         \
  XX(DELIVERED, "delivered")             /* the open hold's letter arrived */  \
  XX(REFER_SECRECY, "refer-secrecy")     /* Art. 17: asks the authority */     \
  XX(SECRECY_REPLIED, "secrecy-replied") /* its determination came */          \
  XX(REQUIRE_REASONS, "require-reasons") /* Art. 35: the applicant explains */ \
  XX(REASONS_RECEIVED, "reasons-received") /* the explanation came */          \
  XX(LONGER_PERIOD, "longer-period") /* Art. 35: a longer, reasoned period */  \
  XX(LETTER, "letter")               /* a numbered letter issued (issue 14) */ \
  XX(DELIVER, "deliver") /* a letter reached its addressee (送达) */

typedef enum dsc_action {
#define DSC_ACTION_ENUM_(name, str) DSC_ACTION_##name,
  DSC_ACTION_MAP(DSC_ACTION_ENUM_)
#undef DSC_ACTION_ENUM_
      DSC_ACTION__COUNT
} dsc_action_t;

/* The action's stable name ("request-supplement"), or NULL for a value
 * outside the table. Static storage. */
DSC_EXTERN const char *dsc_action_name(dsc_action_t action);

/* Parses an exact action name into *out. Returns DSC_OK, or DSC_INVALID
 * (leaving *out alone) for NULL or an unknown name. */
DSC_EXTERN dsc_err_t dsc_action_parse(const char *name,
                                      dsc_action_t *out) DSC_MUST_CHECK;

/* ---- Deciding a transition --------------------------------------------- */

/* What the machine needs to know about a request. The strings are borrowed
 * for the duration of the call. */
typedef struct dsc_machine_request {
  dsc_state_t state;     /* DSC_STATE_NONE for submit */
  dsc_hold_t hold;       /* what it waits for, or DSC_HOLD_NONE */
  const char *assignee;  /* login of the assigned handler, or NULL */
  const char *drafter;   /* login of the current draft's author, or NULL */
  dsc_outcome_t outcome; /* drafted/answered outcome, or DSC_OUTCOME_NONE */
} dsc_machine_request_t;

/* Who acts. The login is borrowed for the duration of the call. */
typedef struct dsc_machine_actor {
  const char *login; /* staff login, "system" for the workers; may be NULL */
  unsigned roles;    /* DSC_ROLE_* bits; unknown bits are ignored */
} dsc_machine_actor_t;

/* The parameters some actions take; the others ignore them. */
typedef struct dsc_machine_params {
  bool approve;          /* review: approve (true) or reject */
  dsc_outcome_t outcome; /* draft: the outcome drafted */
  unsigned target_roles; /* assign: roles of the staff member assigned to */
  bool late;             /* supplement-received: accepted after its window
                            with a good reason (Art. 30: 无正当理由 only
                            makes the application abandoned) */
} dsc_machine_params_t;

/* What a transition does to the request's outcome. */
typedef enum dsc_outcome_effect {
  DSC_OUTCOME_KEEP,  /* unchanged */
  DSC_OUTCOME_SET,   /* becomes dsc_transition_t.outcome */
  DSC_OUTCOME_CLEAR, /* becomes DSC_OUTCOME_NONE (a rejected draft) */
} dsc_outcome_effect_t;

/* The decision: the request's state and hold after the action (equal to the
 * ones before when the action does not change them) and its outcome. */
typedef struct dsc_transition {
  dsc_state_t next;                    /* state after the action */
  dsc_hold_t hold;                     /* hold after the action */
  dsc_outcome_effect_t outcome_effect; /* what happens to the outcome */
  dsc_outcome_t outcome;               /* the new outcome when SET, else NONE */
} dsc_transition_t;

/* Decides whether actor may apply action to req, and what follows.
 *
 * The checks run in a fixed order and the first failure is returned:
 *   1. the action is not allowed from req->state: DSC_CONFLICT, field
 *      "state";
 *   2. actor->roles holds none of dsc_machine_roles_for(action):
 *      DSC_FORBIDDEN, field "role";
 *   3. the action's own guards, in this order where they apply:
 *      - the actor must be the assignee (draft; the hold actions unless the
 *        actor is a supervisor): DSC_FORBIDDEN, field "assignee";
 *      - the hold the action needs (none to answer or to start a hold, the
 *        matching one to end it, any to lapse): DSC_CONFLICT, field "hold";
 *      - assign: the target must hold the handler role: DSC_INVALID, field
 *        "to";
 *      - draft: a real outcome that is not a lapse's: DSC_INVALID, field
 *        "outcome";
 *      - review: the reviewer did not write the draft (four-eyes):
 *        DSC_FORBIDDEN, field "reviewer";
 *      - publish: the outcome is disclosed or partially_disclosed:
 *        DSC_CONFLICT, field "outcome";
 *      - supplement-received: on an open request, its supplement hold
 *        (DSC_CONFLICT, field "hold") and no late reason (DSC_INVALID,
 *        field "late_reason"); on a withdrawn one, withdrawn by the
 *        supplement's lapse (DSC_CONFLICT, field "state"), with a late
 *        reason (DSC_CONFLICT, field "state") and by a supervisor
 *        (DSC_FORBIDDEN, field "role"); it then reopens the request:
 *        assigned when it has an assignee, else received, the outcome
 *        cleared.
 * On DSC_OK *out holds the transition and *detail is not touched. On an
 * error *out is not touched and *detail (which may be NULL) names the field
 * with an English and a Chinese message. A NULL req, actor or out, or a
 * state, hold or action outside its table, is DSC_MISUSE. params may be NULL
 * for actions that take none (read as all zero). Pure; the strings are
 * borrowed and no pointer is kept. */
DSC_EXTERN dsc_err_t dsc_machine_decide(const dsc_machine_request_t *req,
                                        dsc_action_t action,
                                        const dsc_machine_actor_t *actor,
                                        const dsc_machine_params_t *params,
                                        dsc_transition_t *out,
                                        dsc_detail_t *detail) DSC_MUST_CHECK;

/* The outcome the lapse of `hold` gives the request it ends:
 * other.no_supplement (supplement, Art. 30), other.fee_unpaid (fee, 109号),
 * not_processed.excessive (reasons, Art. 35); DSC_OUTCOME_NONE for the holds
 * whose lapse only resumes the clock and for values outside the table.
 * Read from the machine's own rows, so that whoever reconstructs a history
 * (verify) agrees with what the machine decided. Pure. */
DSC_EXTERN dsc_outcome_t dsc_machine_lapse_outcome(dsc_hold_t hold);

/* The roles of which an actor needs at least one to take the action, as
 * DSC_ROLE_* bits (the store authorises with it in SQL); 0 for a value
 * outside the table. Guards on the assignee and the drafter come on top. */
DSC_EXTERN unsigned dsc_machine_roles_for(dsc_action_t action);

/* Who among the holders of an allowed role may take an action, and the
 * guard particular to it: the parts of the rule beyond roles and states,
 * exported so that the database's copy of the table (migrations/0012) can
 * be generated from, and tested against, this one. */
typedef enum dsc_machine_who {
  DSC_WHO_ANY,                    /* any holder of an allowed role */
  DSC_WHO_ASSIGNEE,               /* only the assignee */
  DSC_WHO_ASSIGNEE_OR_SUPERVISOR, /* the assignee, or a supervisor */
} dsc_machine_who_t;

typedef enum dsc_machine_guard {
  DSC_GUARD_NONE,
  DSC_GUARD_TARGET_HANDLER, /* assign: the target can handle requests */
  DSC_GUARD_DRAFT_OUTCOME,  /* draft: an outcome a person may choose */
  DSC_GUARD_FOUR_EYES,      /* review: not the draft's author */
  DSC_GUARD_PUBLISHABLE,    /* publish: something was disclosed */
  DSC_GUARD_SUPPLEMENT,     /* supplement-received: in time on its hold, or
                               late, by a supervisor, reopening a request the
                               lapse withdrew */
} dsc_machine_guard_t;

/* The who and guard of action's rule into *who and *guard (either may be
 * NULL). DSC_INVALID for a value outside the table, leaving both alone. */
DSC_EXTERN dsc_err_t dsc_machine_rule_info(dsc_action_t action,
                                           dsc_machine_who_t *who,
                                           dsc_machine_guard_t *guard);

/* The states from which the action is allowed, as DSC_STATE_BIT bits; 0 for
 * a value outside the table. */
DSC_EXTERN unsigned dsc_machine_states_for(dsc_action_t action);

#endif /* DISCLOSE_MACHINE_H */
