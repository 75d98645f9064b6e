/* The state machine against a slow reference written separately from the
 * rules as plain if/else code, over every combination of the inputs that
 * matter, plus readable cases for the rules people ask about. */
#include "disclose/machine.h"
#include "dsc_test.h"

#include <stdbool.h>

/* ---- The reference ------------------------------------------------------ */

/* What the machine should answer: an error and its field, or a transition. */
typedef struct expect {
  dsc_err_t err;
  const char *field; /* NULL when err is DSC_OK */
  dsc_transition_t t;
} expect_t;

static expect_t fail(dsc_err_t err, const char *field) {
  expect_t e = {
      err,
      field,
      {DSC_STATE_NONE, DSC_HOLD_NONE, DSC_OUTCOME_KEEP, DSC_OUTCOME_NONE}};
  return e;
}

static bool same(const char *a, const char *b) {
  return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static bool open_state(dsc_state_t s) {
  return s == DSC_STATE_RECEIVED || s == DSC_STATE_ASSIGNED ||
         s == DSC_STATE_DRAFTED || s == DSC_STATE_REVIEWED;
}

/* The hold actions share one shape: open, the assigned handler or a
 * supervisor, and a hold to start (from none) or to end (the same kind). */
static expect_t hold_action(const dsc_machine_request_t *req,
                            const dsc_machine_actor_t *actor, dsc_hold_t kind,
                            bool start, expect_t ok) {
  unsigned r = actor->roles;

  if (!open_state(req->state))
    return fail(DSC_CONFLICT, "state");
  if (!(r & DSC_ROLE_HANDLER) && !(r & DSC_ROLE_SUPERVISOR))
    return fail(DSC_FORBIDDEN, "role");
  if (!(r & DSC_ROLE_SUPERVISOR) && !same(actor->login, req->assignee))
    return fail(DSC_FORBIDDEN, "assignee");
  if (start) {
    if (req->hold != DSC_HOLD_NONE)
      return fail(DSC_CONFLICT, "hold");
    ok.t.hold = kind;
  } else {
    if (req->hold != kind)
      return fail(DSC_CONFLICT, "hold");
    ok.t.hold = DSC_HOLD_NONE;
  }
  return ok;
}

static expect_t reference(const dsc_machine_request_t *req, dsc_action_t a,
                          const dsc_machine_actor_t *actor,
                          const dsc_machine_params_t *p) {
  expect_t ok = {DSC_OK,
                 NULL,
                 {req->state, req->hold, DSC_OUTCOME_KEEP, DSC_OUTCOME_NONE}};
  unsigned r = actor->roles;
  bool clerk_or_supervisor =
      (r & DSC_ROLE_CLERK) != 0 || (r & DSC_ROLE_SUPERVISOR) != 0;
  dsc_state_t s = req->state;

  switch (a) {
  case DSC_ACTION_SUBMIT:
    if (s != DSC_STATE_NONE)
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    ok.t.next = DSC_STATE_RECEIVED;
    return ok;
  case DSC_ACTION_ASSIGN:
    if (s != DSC_STATE_RECEIVED && s != DSC_STATE_ASSIGNED)
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    if (!(p->target_roles & DSC_ROLE_HANDLER))
      return fail(DSC_INVALID, "to");
    ok.t.next = DSC_STATE_ASSIGNED;
    return ok;
  case DSC_ACTION_DRAFT:
    if (s != DSC_STATE_ASSIGNED)
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_HANDLER))
      return fail(DSC_FORBIDDEN, "role");
    if (!same(actor->login, req->assignee))
      return fail(DSC_FORBIDDEN, "assignee");
    if (p->outcome == DSC_OUTCOME_NONE ||
        p->outcome == DSC_OUTCOME_OTHER_NO_SUPPLEMENT ||
        p->outcome == DSC_OUTCOME_OTHER_FEE_UNPAID)
      return fail(DSC_INVALID, "outcome");
    ok.t.next = DSC_STATE_DRAFTED;
    ok.t.outcome_effect = DSC_OUTCOME_SET;
    ok.t.outcome = p->outcome;
    return ok;
  case DSC_ACTION_REVIEW:
    if (s != DSC_STATE_DRAFTED)
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_REVIEWER))
      return fail(DSC_FORBIDDEN, "role");
    if (same(actor->login, req->drafter))
      return fail(DSC_FORBIDDEN, "reviewer");
    if (p->approve) {
      ok.t.next = DSC_STATE_REVIEWED;
    } else {
      ok.t.next = DSC_STATE_ASSIGNED;
      ok.t.outcome_effect = DSC_OUTCOME_CLEAR;
    }
    return ok;
  case DSC_ACTION_ANSWER:
    if (s != DSC_STATE_REVIEWED)
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    if (req->hold != DSC_HOLD_NONE)
      return fail(DSC_CONFLICT, "hold");
    ok.t.next = DSC_STATE_ANSWERED;
    return ok;
  case DSC_ACTION_PUBLISH:
    if (s != DSC_STATE_ANSWERED)
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    if (req->outcome != DSC_OUTCOME_DISCLOSED &&
        req->outcome != DSC_OUTCOME_PARTIALLY_DISCLOSED)
      return fail(DSC_CONFLICT, "outcome");
    ok.t.next = DSC_STATE_PUBLISHED;
    return ok;
  case DSC_ACTION_WITHDRAW:
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    ok.t.next = DSC_STATE_WITHDRAWN;
    ok.t.hold = DSC_HOLD_NONE;
    ok.t.outcome_effect = DSC_OUTCOME_SET;
    ok.t.outcome = DSC_OUTCOME_OTHER_OTHER;
    return ok;
  case DSC_ACTION_REQUEST_SUPPLEMENT:
    return hold_action(req, actor, DSC_HOLD_SUPPLEMENT, true, ok);
  case DSC_ACTION_SUPPLEMENT_RECEIVED:
    /* Art. 30: a supplement after its window reopens, for a good reason
     * and by a supervisor, the request the lapse withdrew. */
    if (s == DSC_STATE_WITHDRAWN) {
      if (!(r & DSC_ROLE_HANDLER) && !(r & DSC_ROLE_SUPERVISOR))
        return fail(DSC_FORBIDDEN, "role");
      if (!(r & DSC_ROLE_SUPERVISOR) && !same(actor->login, req->assignee))
        return fail(DSC_FORBIDDEN, "assignee");
      if (req->hold != DSC_HOLD_NONE && req->hold != DSC_HOLD_SUPPLEMENT)
        return fail(DSC_CONFLICT, "hold");
      if (req->hold == DSC_HOLD_SUPPLEMENT ||
          req->outcome != DSC_OUTCOME_OTHER_NO_SUPPLEMENT || !p->late)
        return fail(DSC_CONFLICT, "state");
      if (!(r & DSC_ROLE_SUPERVISOR))
        return fail(DSC_FORBIDDEN, "role");
      ok.t.next = req->assignee ? DSC_STATE_ASSIGNED : DSC_STATE_RECEIVED;
      ok.t.hold = DSC_HOLD_NONE;
      ok.t.outcome_effect = DSC_OUTCOME_CLEAR;
      return ok;
    }
    ok = hold_action(req, actor, DSC_HOLD_SUPPLEMENT, false, ok);
    if (ok.err == DSC_OK && p->late)
      return fail(DSC_INVALID, "late_reason");
    return ok;
  case DSC_ACTION_CONSULT_THIRD_PARTY:
    return hold_action(req, actor, DSC_HOLD_THIRD_PARTY, true, ok);
  case DSC_ACTION_THIRD_PARTY_REPLIED:
    return hold_action(req, actor, DSC_HOLD_THIRD_PARTY, false, ok);
  case DSC_ACTION_CONSULT_AGENCY:
    return hold_action(req, actor, DSC_HOLD_OTHER_AGENCY, true, ok);
  case DSC_ACTION_AGENCY_REPLIED:
    return hold_action(req, actor, DSC_HOLD_OTHER_AGENCY, false, ok);
  case DSC_ACTION_FEE_NOTICE:
    return hold_action(req, actor, DSC_HOLD_FEE, true, ok);
  case DSC_ACTION_FEE_PAID:
    return hold_action(req, actor, DSC_HOLD_FEE, false, ok);
  case DSC_ACTION_EXTEND:
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_SUPERVISOR))
      return fail(DSC_FORBIDDEN, "role");
    return ok;
  case DSC_ACTION_LAPSE:
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_SYSTEM))
      return fail(DSC_FORBIDDEN, "role");
    /* An Art. 17 referral has no window to run out. */
    if (req->hold == DSC_HOLD_NONE || req->hold == DSC_HOLD_SECRECY_REVIEW)
      return fail(DSC_CONFLICT, "hold");
    if (req->hold == DSC_HOLD_SUPPLEMENT) {
      ok.t.next = DSC_STATE_WITHDRAWN;
      ok.t.outcome_effect = DSC_OUTCOME_SET;
      ok.t.outcome = DSC_OUTCOME_OTHER_NO_SUPPLEMENT;
    } else if (req->hold == DSC_HOLD_FEE) {
      ok.t.next = DSC_STATE_WITHDRAWN;
      ok.t.outcome_effect = DSC_OUTCOME_SET;
      ok.t.outcome = DSC_OUTCOME_OTHER_FEE_UNPAID;
    } else if (req->hold == DSC_HOLD_REASONS) { /* Art. 35: no reasons */
      ok.t.next = DSC_STATE_WITHDRAWN;
      ok.t.outcome_effect = DSC_OUTCOME_SET;
      ok.t.outcome = DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE;
    }
    ok.t.hold = DSC_HOLD_NONE;
    return ok;
  case DSC_ACTION_ESCALATE:
  case DSC_ACTION_DEADLINE_MOVED:
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_SYSTEM))
      return fail(DSC_FORBIDDEN, "role");
    return ok;
  case DSC_ACTION_APPEAL:
  case DSC_ACTION_APPEAL_DECIDED:
    if (s == DSC_STATE_NONE)
      return fail(DSC_CONFLICT, "state");
    if (!clerk_or_supervisor)
      return fail(DSC_FORBIDDEN, "role");
    return ok;
  case DSC_ACTION_LETTER:
  case DSC_ACTION_DELIVER:
    /* Letters and their delivery: any existing request, any hold, by
     * whoever keeps the file or the post. */
    if (s == DSC_STATE_NONE)
      return fail(DSC_CONFLICT, "state");
    if (!(r & (DSC_ROLE_CLERK | DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR)))
      return fail(DSC_FORBIDDEN, "role");
    return ok;
  case DSC_ACTION_REFER_SECRECY:
    return hold_action(req, actor, DSC_HOLD_SECRECY_REVIEW, true, ok);
  case DSC_ACTION_SECRECY_REPLIED:
    return hold_action(req, actor, DSC_HOLD_SECRECY_REVIEW, false, ok);
  case DSC_ACTION_DELIVERED:
    /* The letters whose receipt starts a window: consultations and fees. */
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!(r & (DSC_ROLE_CLERK | DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR)))
      return fail(DSC_FORBIDDEN, "role");
    if (req->hold != DSC_HOLD_THIRD_PARTY &&
        req->hold != DSC_HOLD_OTHER_AGENCY && req->hold != DSC_HOLD_FEE)
      return fail(DSC_CONFLICT, "hold");
    return ok;
  case DSC_ACTION_REQUIRE_REASONS:
  case DSC_ACTION_LONGER_PERIOD:
    /* Art. 35: the agency's decisions, with nothing else awaited. */
    if (!open_state(s))
      return fail(DSC_CONFLICT, "state");
    if (!(r & DSC_ROLE_SUPERVISOR))
      return fail(DSC_FORBIDDEN, "role");
    if (req->hold != DSC_HOLD_NONE)
      return fail(DSC_CONFLICT, "hold");
    if (a == DSC_ACTION_REQUIRE_REASONS)
      ok.t.hold = DSC_HOLD_REASONS;
    return ok;
  case DSC_ACTION_REASONS_RECEIVED:
    return hold_action(req, actor, DSC_HOLD_REASONS, false, ok);
  case DSC_ACTION__COUNT:
    break;
  }
  return fail(DSC_MISUSE, "");
}

/* ---- Helpers ------------------------------------------------------------ */

static const char *str(const char *s) { return s ? s : "(null)"; }

static void print_inputs(const dsc_machine_request_t *req, dsc_action_t a,
                         const dsc_machine_actor_t *actor,
                         const dsc_machine_params_t *p) {
  fprintf(stderr,
          "  inputs: state=%s action=%s hold=%s assignee=%s drafter=%s "
          "outcome=%s\n"
          "          actor=%s roles=0x%x approve=%d params.outcome=%s "
          "target_roles=0x%x\n",
          str(dsc_state_name(req->state)), str(dsc_action_name(a)),
          str(dsc_hold_name(req->hold)), str(req->assignee), str(req->drafter),
          str(dsc_outcome_code(req->outcome)), str(actor->login), actor->roles,
          (int)p->approve, str(dsc_outcome_code(p->outcome)), p->target_roles);
}

static void print_transition(const char *what, const dsc_transition_t *t) {
  fprintf(stderr, "  %s: next=%s hold=%s effect=%d outcome=%s\n", what,
          str(dsc_state_name(t->next)), str(dsc_hold_name(t->hold)),
          (int)t->outcome_effect, str(dsc_outcome_code(t->outcome)));
}

/* Runs the machine and the reference on one input; on any disagreement
 * prints everything and returns false. */
static bool agree(const dsc_machine_request_t *req, dsc_action_t a,
                  const dsc_machine_actor_t *actor,
                  const dsc_machine_params_t *p) {
  static const dsc_transition_t poison = {(dsc_state_t)77, (dsc_hold_t)77,
                                          (dsc_outcome_effect_t)77,
                                          (dsc_outcome_t)77};
  expect_t want = reference(req, a, actor, p);
  dsc_transition_t got = poison;
  dsc_detail_t detail;
  dsc_err_t err;
  bool ok;

  dsc_detail_set(&detail, DSC_INTERNAL, "untouched", "untouched", NULL);
  err = dsc_machine_decide(req, a, actor, p, &got, &detail);
  if (want.err == DSC_OK)
    ok = err == DSC_OK && got.next == want.t.next && got.hold == want.t.hold &&
         got.outcome_effect == want.t.outcome_effect &&
         got.outcome == want.t.outcome &&
         strcmp(detail.field, "untouched") == 0;
  else
    ok = err == want.err && detail.code == want.err &&
         strcmp(detail.field, want.field) == 0 && detail.message[0] &&
         detail.message_zh[0] && memcmp(&got, &poison, sizeof got) == 0;
  if (ok)
    return true;
  fprintf(stderr, "machine and reference disagree\n");
  print_inputs(req, a, actor, p);
  fprintf(stderr, "  want: %s field=%s\n", dsc_err_name(want.err),
          str(want.field));
  if (want.err == DSC_OK)
    print_transition("want", &want.t);
  fprintf(stderr, "  got:  %s field=%s message=%s / %s\n", dsc_err_name(err),
          detail.field, detail.message, detail.message_zh);
  print_transition("got", &got);
  return false;
}

static dsc_transition_t decide_ok(dsc_state_t state, dsc_hold_t hold,
                                  dsc_action_t a, const char *login,
                                  unsigned roles) {
  dsc_machine_request_t req = {state, hold, "li", "li", DSC_OUTCOME_DISCLOSED};
  dsc_machine_actor_t actor = {login, roles};
  dsc_machine_params_t p = {true, DSC_OUTCOME_DISCLOSED, DSC_ROLE_HANDLER,
                            false};
  dsc_transition_t t = {DSC_STATE_NONE, DSC_HOLD_NONE, DSC_OUTCOME_KEEP,
                        DSC_OUTCOME_NONE};
  DSC_ASSERT_EQ(dsc_machine_decide(&req, a, &actor, &p, &t, NULL), DSC_OK);
  return t;
}

/* ---- The exhaustive comparison ----------------------------------------- */

static const unsigned role_sets[] = {
    0,
    DSC_ROLE_CLERK,
    DSC_ROLE_HANDLER,
    DSC_ROLE_REVIEWER,
    DSC_ROLE_SUPERVISOR,
    DSC_ROLE_ADMIN,
    DSC_ROLE_SYSTEM,
    DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR,
    DSC_ROLE_HANDLER | DSC_ROLE_REVIEWER,
};

/* Outcomes on the request (publish looks at them) and in draft parameters
 * (draft refuses none and the two lapse outcomes). */
static const dsc_outcome_t request_outcomes[] = {
    DSC_OUTCOME_NONE,
    DSC_OUTCOME_DISCLOSED,
    DSC_OUTCOME_PARTIALLY_DISCLOSED,
    DSC_OUTCOME_WITHHELD_STATE_SECRET,
    DSC_OUTCOME_OTHER_OTHER,
    DSC_OUTCOME_OTHER_NO_SUPPLEMENT};
static const dsc_outcome_t draft_outcomes[] = {
    DSC_OUTCOME_NONE,
    DSC_OUTCOME_DISCLOSED,
    DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS,
    DSC_OUTCOME_OTHER_NO_SUPPLEMENT,
    DSC_OUTCOME_OTHER_FEE_UNPAID,
    DSC_OUTCOME_OTHER_OTHER};
static const unsigned target_sets[] = {0, DSC_ROLE_HANDLER,
                                       DSC_ROLE_CLERK | DSC_ROLE_REVIEWER,
                                       DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR};

/* The actor, the assignee and the drafter are each li, wang or unknown
 * (NULL), so every "is / is not the same person" case comes up, including
 * two unknowns, which are never the same person. */
static const char *const people[] = {"li", "wang", NULL};
static const char *const actors[] = {"li", NULL};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Every combination from one state; returns how many were checked. */
static unsigned long exhaust_state(dsc_state_t s) {
  unsigned long n = 0;

  for (int a = 0; a < DSC_ACTION__COUNT; a++)
    for (size_t li = 0; li < N(actors); li++)
      for (size_t ri = 0; ri < N(role_sets); ri++)
        for (int h = 0; h < DSC_HOLD__COUNT; h++)
          for (size_t ai = 0; ai < N(people); ai++)
            for (size_t di = 0; di < N(people); di++)
              for (int approve = 0; approve <= 1; approve++)
                for (size_t oi = 0; oi < N(request_outcomes); oi++)
                  for (size_t pi = 0; pi < N(draft_outcomes); pi++)
                    for (size_t ti = 0; ti < N(target_sets); ti++) {
                      dsc_machine_request_t req = {s, (dsc_hold_t)h, people[ai],
                                                   people[di],
                                                   request_outcomes[oi]};
                      dsc_machine_actor_t actor = {actors[li], role_sets[ri]};
                      dsc_machine_params_t p = {
                          approve != 0, draft_outcomes[pi], target_sets[ti],
                          /* lateness rides on the verdict's loop: review
                           * reads only the one, supplement-received only
                           * the other, so every case of each comes up */
                          approve != 0};
                      if (!agree(&req, (dsc_action_t)a, &actor, &p))
                        DSC_FAIL_("first mismatch after %lu agreeing cases", n);
                      n++;
                    }
  return n;
}

static void exhaust(dsc_state_t s) {
  unsigned long n = exhaust_state(s);
  unsigned long want = (unsigned long)DSC_ACTION__COUNT * N(actors) *
                       N(role_sets) * DSC_HOLD__COUNT * N(people) * N(people) *
                       2 * N(request_outcomes) * N(draft_outcomes) *
                       N(target_sets);
  DSC_ASSERT_EQ(n, want);
  printf("%s: %lu combinations agree\n", dsc_state_name(s), n);
}

/* One case per starting state, so ctest runs them in parallel. */
DSC_TEST(exhaustive_from_none) { exhaust(DSC_STATE_NONE); }
DSC_TEST(exhaustive_from_received) { exhaust(DSC_STATE_RECEIVED); }
DSC_TEST(exhaustive_from_assigned) { exhaust(DSC_STATE_ASSIGNED); }
DSC_TEST(exhaustive_from_drafted) { exhaust(DSC_STATE_DRAFTED); }
DSC_TEST(exhaustive_from_reviewed) { exhaust(DSC_STATE_REVIEWED); }
DSC_TEST(exhaustive_from_answered) { exhaust(DSC_STATE_ANSWERED); }
DSC_TEST(exhaustive_from_published) { exhaust(DSC_STATE_PUBLISHED); }
DSC_TEST(exhaustive_from_withdrawn) { exhaust(DSC_STATE_WITHDRAWN); }

DSC_TEST(lapse_outcome_of_each_hold) {
  /* Art. 30, 109号, Art. 35 end the request; a consultation's silence
   * (Art. 32, 34) only resumes the clock; the others cannot lapse. */
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_SUPPLEMENT),
                DSC_OUTCOME_OTHER_NO_SUPPLEMENT);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_FEE),
                DSC_OUTCOME_OTHER_FEE_UNPAID);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_REASONS),
                DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_THIRD_PARTY),
                DSC_OUTCOME_NONE);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_OTHER_AGENCY),
                DSC_OUTCOME_NONE);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_SECRECY_REVIEW),
                DSC_OUTCOME_NONE);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD_NONE), DSC_OUTCOME_NONE);
  DSC_ASSERT_EQ(dsc_machine_lapse_outcome(DSC_HOLD__COUNT), DSC_OUTCOME_NONE);
  /* And it is what the decision gives. */
  for (int h = 0; h < DSC_HOLD__COUNT; h++) {
    dsc_machine_request_t req = {DSC_STATE_ASSIGNED, (dsc_hold_t)h, "li", NULL,
                                 DSC_OUTCOME_NONE};
    dsc_machine_actor_t sys = {"system", DSC_ROLE_SYSTEM};
    dsc_transition_t tr;
    if (dsc_machine_decide(&req, DSC_ACTION_LAPSE, &sys, NULL, &tr, NULL) !=
        DSC_OK)
      continue;
    DSC_ASSERT_EQ(tr.outcome_effect == DSC_OUTCOME_SET ? tr.outcome
                                                       : DSC_OUTCOME_NONE,
                  dsc_machine_lapse_outcome((dsc_hold_t)h));
  }
}

DSC_TEST(exhaustive_covers_every_state) {
  /* A new state must get its own exhaustive case above. */
  DSC_ASSERT_EQ(DSC_STATE__COUNT, 8);
  DSC_ASSERT_EQ(DSC_ACTION__COUNT, 29);
  DSC_ASSERT_EQ(DSC_HOLD__COUNT, 7);
}

/* ---- Readable cases ----------------------------------------------------- */

DSC_TEST(four_eyes_refused) {
  dsc_machine_request_t req = {DSC_STATE_DRAFTED, DSC_HOLD_NONE, "li", "wang",
                               DSC_OUTCOME_DISCLOSED};
  dsc_machine_actor_t wang = {"wang", DSC_ROLE_HANDLER | DSC_ROLE_REVIEWER};
  dsc_machine_actor_t zhao = {"zhao", DSC_ROLE_REVIEWER};
  dsc_machine_params_t p = {true, DSC_OUTCOME_NONE, 0, false};
  dsc_transition_t t = {DSC_STATE_NONE, DSC_HOLD_NONE, DSC_OUTCOME_KEEP,
                        DSC_OUTCOME_NONE};
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_REVIEW, &wang, &p, &t, &d),
                DSC_FORBIDDEN);
  DSC_ASSERT_STR_EQ(d.field, "reviewer");
  DSC_ASSERT_STR_EQ(d.message, "four-eyes: the reviewer wrote the draft");
  DSC_ASSERT(d.message_zh[0] != '\0');
  DSC_ASSERT_EQ(t.next, DSC_STATE_NONE); /* untouched */

  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_REVIEW, &zhao, &p, &t, &d),
                DSC_OK);
  DSC_ASSERT_EQ(t.next, DSC_STATE_REVIEWED);
  DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_KEEP);
}

DSC_TEST(reject_returns_to_assigned_and_clears_outcome) {
  dsc_machine_request_t req = {DSC_STATE_DRAFTED, DSC_HOLD_NONE, "li", "li",
                               DSC_OUTCOME_WITHHELD_STATE_SECRET};
  dsc_machine_actor_t zhao = {"zhao", DSC_ROLE_REVIEWER};
  dsc_machine_params_t p = {false, DSC_OUTCOME_NONE, 0, false};
  dsc_transition_t t;

  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_REVIEW, &zhao, &p, &t, NULL), DSC_OK);
  DSC_ASSERT_EQ(t.next, DSC_STATE_ASSIGNED);
  DSC_ASSERT_EQ(t.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_CLEAR);
  DSC_ASSERT_EQ(t.outcome, DSC_OUTCOME_NONE);

  /* The handler, still the assignee, may draft again. */
  req.state = t.next;
  req.outcome = DSC_OUTCOME_NONE;
  {
    dsc_machine_actor_t li = {"li", DSC_ROLE_HANDLER};
    dsc_machine_params_t redraft = {false, DSC_OUTCOME_PARTIALLY_DISCLOSED, 0,
                                    false};
    DSC_ASSERT_EQ(
        dsc_machine_decide(&req, DSC_ACTION_DRAFT, &li, &redraft, &t, NULL),
        DSC_OK);
    DSC_ASSERT_EQ(t.next, DSC_STATE_DRAFTED);
    DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_SET);
    DSC_ASSERT_EQ(t.outcome, DSC_OUTCOME_PARTIALLY_DISCLOSED);
  }
}

DSC_TEST(publish_refused_for_withheld) {
  dsc_machine_actor_t clerk = {"qian", DSC_ROLE_CLERK};
  int withheld = 0;

  for (int o = 0; o < DSC_OUTCOME__COUNT; o++) {
    const char *code = dsc_outcome_code((dsc_outcome_t)o);
    dsc_machine_request_t req = {DSC_STATE_ANSWERED, DSC_HOLD_NONE, "li", "li",
                                 (dsc_outcome_t)o};
    dsc_transition_t t;
    dsc_detail_t d;
    dsc_err_t err =
        dsc_machine_decide(&req, DSC_ACTION_PUBLISH, &clerk, NULL, &t, &d);
    if (o == DSC_OUTCOME_DISCLOSED || o == DSC_OUTCOME_PARTIALLY_DISCLOSED) {
      DSC_ASSERT_EQ(err, DSC_OK);
      DSC_ASSERT_EQ(t.next, DSC_STATE_PUBLISHED);
      continue;
    }
    DSC_ASSERT_EQ(err, DSC_CONFLICT);
    DSC_ASSERT_STR_EQ(d.field, "outcome");
    if (strncmp(code, "withheld.", 9) == 0)
      withheld++;
  }
  DSC_ASSERT_EQ(withheld, 8);
}

DSC_TEST(withdrawn_is_terminal) {
  /* Nothing moves a withdrawn request, whoever asks, whatever it waited
   * for; an appeal may still be recorded against it (Art. 51), and changes
   * nothing. */
  for (int a = 0; a < DSC_ACTION__COUNT; a++)
    for (int h = 0; h < DSC_HOLD__COUNT; h++) {
      dsc_machine_request_t req = {DSC_STATE_WITHDRAWN, (dsc_hold_t)h, "li",
                                   "wang", DSC_OUTCOME_OTHER_NO_SUPPLEMENT};
      dsc_machine_actor_t god = {"li", DSC_ROLE_ALL};
      dsc_machine_params_t p = {true, DSC_OUTCOME_DISCLOSED, DSC_ROLE_HANDLER,
                                false};
      dsc_transition_t t;
      dsc_detail_t d;
      dsc_err_t err =
          dsc_machine_decide(&req, (dsc_action_t)a, &god, &p, &t, &d);
      if (a == DSC_ACTION_APPEAL || a == DSC_ACTION_APPEAL_DECIDED ||
          a == DSC_ACTION_LETTER || a == DSC_ACTION_DELIVER) {
        DSC_ASSERT_EQ(err, DSC_OK);
        DSC_ASSERT_EQ(t.next, DSC_STATE_WITHDRAWN);
        DSC_ASSERT_EQ(t.hold, h);
        DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_KEEP);
        continue;
      }
      DSC_ASSERT_EQ(err, DSC_CONFLICT);
      /* A late supplement (below) is the one way back; without a reason it
       * is refused by the state, or first by a hold it does not end. */
      DSC_ASSERT_STR_EQ(d.field, a == DSC_ACTION_SUPPLEMENT_RECEIVED &&
                                         h != DSC_HOLD_NONE &&
                                         h != DSC_HOLD_SUPPLEMENT
                                     ? "hold"
                                     : "state");
    }
}

DSC_TEST(late_supplement_reopens_by_a_supervisor) {
  /* Art. 30: abandoned only when late 无正当理由. */
  dsc_machine_request_t req = {DSC_STATE_WITHDRAWN, DSC_HOLD_NONE, "li", NULL,
                               DSC_OUTCOME_OTHER_NO_SUPPLEMENT};
  dsc_machine_actor_t boss = {"qian", DSC_ROLE_SUPERVISOR};
  dsc_machine_actor_t li = {"li", DSC_ROLE_HANDLER};
  dsc_machine_params_t late = {false, DSC_OUTCOME_NONE, 0, true};
  dsc_transition_t t;
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &boss,
                                   &late, &t, &d),
                DSC_OK);
  DSC_ASSERT_EQ(t.next, DSC_STATE_ASSIGNED);
  DSC_ASSERT_EQ(t.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_CLEAR);
  req.assignee = NULL;
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &boss,
                                   &late, &t, &d),
                DSC_OK);
  DSC_ASSERT_EQ(t.next, DSC_STATE_RECEIVED);
  /* The handler may not, even with a reason. */
  req.assignee = "li";
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &li,
                                   &late, &t, &d),
                DSC_FORBIDDEN);
  /* Nor a request the applicant withdrew, nor one a fee lapse ended. */
  req.outcome = DSC_OUTCOME_OTHER_OTHER;
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &boss,
                                   &late, &t, &d),
                DSC_CONFLICT);
  req.outcome = DSC_OUTCOME_OTHER_FEE_UNPAID;
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &boss,
                                   &late, &t, &d),
                DSC_CONFLICT);
  /* In time, a reason is a mistake. */
  req = (dsc_machine_request_t){DSC_STATE_ASSIGNED, DSC_HOLD_SUPPLEMENT, "li",
                                NULL, DSC_OUTCOME_NONE};
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_SUPPLEMENT_RECEIVED, &boss,
                                   &late, &t, &d),
                DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "late_reason");
}

DSC_TEST(answer_refused_on_hold) {
  dsc_machine_actor_t clerk = {"qian", DSC_ROLE_CLERK};

  for (int h = 0; h < DSC_HOLD__COUNT; h++) {
    dsc_machine_request_t req = {DSC_STATE_REVIEWED, (dsc_hold_t)h, "li", "li",
                                 DSC_OUTCOME_DISCLOSED};
    dsc_transition_t t;
    dsc_detail_t d;
    dsc_err_t err =
        dsc_machine_decide(&req, DSC_ACTION_ANSWER, &clerk, NULL, &t, &d);
    if (h == DSC_HOLD_NONE) {
      DSC_ASSERT_EQ(err, DSC_OK);
      DSC_ASSERT_EQ(t.next, DSC_STATE_ANSWERED);
    } else {
      DSC_ASSERT_EQ(err, DSC_CONFLICT);
      DSC_ASSERT_STR_EQ(d.field, "hold");
    }
  }
}

DSC_TEST(draft_by_non_assignee_forbidden) {
  dsc_machine_request_t req = {DSC_STATE_ASSIGNED, DSC_HOLD_NONE, "li", NULL,
                               DSC_OUTCOME_NONE};
  dsc_machine_actor_t zhao = {"zhao", DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR};
  dsc_machine_actor_t nobody = {NULL, DSC_ROLE_HANDLER};
  dsc_machine_params_t p = {false, DSC_OUTCOME_DISCLOSED, 0, false};
  dsc_transition_t t;
  dsc_detail_t d;

  /* Being a supervisor does not help: only the assignee drafts. */
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_DRAFT, &zhao, &p, &t, &d),
                DSC_FORBIDDEN);
  DSC_ASSERT_STR_EQ(d.field, "assignee");
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_DRAFT, &nobody, &p, &t, &d),
                DSC_FORBIDDEN);
  DSC_ASSERT_STR_EQ(d.field, "assignee");
  req.assignee = NULL;
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_DRAFT, &zhao, &p, &t, &d),
                DSC_FORBIDDEN);
  DSC_ASSERT_STR_EQ(d.field, "assignee");
}

DSC_TEST(supervisor_handles_holds_without_assignment) {
  dsc_transition_t t =
      decide_ok(DSC_STATE_ASSIGNED, DSC_HOLD_NONE,
                DSC_ACTION_CONSULT_THIRD_PARTY, "zhou", DSC_ROLE_SUPERVISOR);
  DSC_ASSERT_EQ(t.next, DSC_STATE_ASSIGNED);
  DSC_ASSERT_EQ(t.hold, DSC_HOLD_THIRD_PARTY);
  t = decide_ok(DSC_STATE_ASSIGNED, DSC_HOLD_THIRD_PARTY, DSC_ACTION_LAPSE,
                "system", DSC_ROLE_SYSTEM);
  DSC_ASSERT_EQ(t.next, DSC_STATE_ASSIGNED);
  DSC_ASSERT_EQ(t.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(t.outcome_effect, DSC_OUTCOME_KEEP);
  t = decide_ok(DSC_STATE_RECEIVED, DSC_HOLD_SUPPLEMENT, DSC_ACTION_LAPSE,
                "system", DSC_ROLE_SYSTEM);
  DSC_ASSERT_EQ(t.next, DSC_STATE_WITHDRAWN);
  DSC_ASSERT_EQ(t.hold, DSC_HOLD_NONE);
  DSC_ASSERT_EQ(t.outcome, DSC_OUTCOME_OTHER_NO_SUPPLEMENT);
}

DSC_TEST(roles_for_each_action) {
  static const struct {
    dsc_action_t a;
    unsigned roles;
  } want[] = {
      {DSC_ACTION_SUBMIT, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_ASSIGN, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_DRAFT, DSC_ROLE_HANDLER},
      {DSC_ACTION_REVIEW, DSC_ROLE_REVIEWER},
      {DSC_ACTION_ANSWER, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_PUBLISH, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_WITHDRAW, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_REQUEST_SUPPLEMENT, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_SUPPLEMENT_RECEIVED, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_CONSULT_THIRD_PARTY, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_THIRD_PARTY_REPLIED, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_CONSULT_AGENCY, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_AGENCY_REPLIED, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_FEE_NOTICE, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_FEE_PAID, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_EXTEND, DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_LAPSE, DSC_ROLE_SYSTEM},
      {DSC_ACTION_ESCALATE, DSC_ROLE_SYSTEM},
      {DSC_ACTION_DEADLINE_MOVED, DSC_ROLE_SYSTEM},
      {DSC_ACTION_APPEAL, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_APPEAL_DECIDED, DSC_ROLE_CLERK | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_DELIVERED,
       DSC_ROLE_CLERK | DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_REFER_SECRECY, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_SECRECY_REPLIED, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_REQUIRE_REASONS, DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_REASONS_RECEIVED, DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_LONGER_PERIOD, DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_LETTER,
       DSC_ROLE_CLERK | DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
      {DSC_ACTION_DELIVER,
       DSC_ROLE_CLERK | DSC_ROLE_HANDLER | DSC_ROLE_SUPERVISOR},
  };

  DSC_ASSERT_EQ(N(want), DSC_ACTION__COUNT);
  for (size_t i = 0; i < N(want); i++) {
    DSC_ASSERT_EQ(want[i].a, i);
    DSC_ASSERT_EQ(dsc_machine_roles_for(want[i].a), want[i].roles);
    /* ADMIN grants no request action; SYSTEM only the workers' three. */
    DSC_ASSERT(!(dsc_machine_roles_for(want[i].a) & DSC_ROLE_ADMIN));
  }
  DSC_ASSERT_EQ(dsc_machine_roles_for(DSC_ACTION__COUNT), 0);
  DSC_ASSERT_EQ(dsc_machine_roles_for((dsc_action_t)-1), 0);
}

DSC_TEST(states_for_matches_the_state_check) {
  /* The state mask is exactly what the first check refuses by. */
  for (int a = 0; a < DSC_ACTION__COUNT; a++)
    for (int s = 0; s < DSC_STATE__COUNT; s++) {
      dsc_machine_request_t req = {(dsc_state_t)s, DSC_HOLD_NONE, "li", NULL,
                                   DSC_OUTCOME_NONE};
      dsc_machine_actor_t actor = {"li", 0};
      dsc_transition_t t;
      dsc_detail_t d;
      dsc_err_t err =
          dsc_machine_decide(&req, (dsc_action_t)a, &actor, NULL, &t, &d);
      bool allowed = dsc_machine_states_for((dsc_action_t)a) &
                     DSC_STATE_BIT((dsc_state_t)s);
      bool by_state = err == DSC_CONFLICT && strcmp(d.field, "state") == 0;
      DSC_ASSERT_EQ(allowed, !by_state);
      /* With no role at all, an allowed state fails on the role. */
      if (allowed) {
        DSC_ASSERT_EQ(err, DSC_FORBIDDEN);
        DSC_ASSERT_STR_EQ(d.field, "role");
      }
    }
  DSC_ASSERT_EQ(dsc_machine_states_for(DSC_ACTION__COUNT), 0);
}

DSC_TEST(role_message_names_the_roles) {
  dsc_machine_request_t req = {DSC_STATE_NONE, DSC_HOLD_NONE, NULL, NULL,
                               DSC_OUTCOME_NONE};
  dsc_machine_actor_t admin = {"admin", DSC_ROLE_ADMIN};
  dsc_transition_t t;
  dsc_detail_t d;
  char buf[512];

  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_SUBMIT, &admin, NULL, &t, &d),
      DSC_FORBIDDEN);
  DSC_ASSERT_STR_EQ(dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf),
                    "role: submit needs the role clerk or supervisor");
  DSC_ASSERT_STR_EQ(dsc_detail_format(&d, DSC_LANG_ZH, buf, sizeof buf),
                    "role：执行 submit 需要以下角色之一：clerk、supervisor");
}

DSC_TEST(misuse_is_reported) {
  dsc_machine_request_t req = {DSC_STATE_RECEIVED, DSC_HOLD_NONE, NULL, NULL,
                               DSC_OUTCOME_NONE};
  dsc_machine_actor_t actor = {"qian", DSC_ROLE_CLERK};
  dsc_transition_t t;
  dsc_detail_t d;

  DSC_ASSERT_EQ(
      dsc_machine_decide(NULL, DSC_ACTION_ASSIGN, &actor, NULL, &t, &d),
      DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_machine_decide(&req, DSC_ACTION_ASSIGN, NULL, NULL, &t, &d),
                DSC_MISUSE);
  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_ASSIGN, &actor, NULL, NULL, &d),
      DSC_MISUSE);
  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION__COUNT, &actor, NULL, &t, NULL),
      DSC_MISUSE);
  req.state = DSC_STATE__COUNT;
  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_ASSIGN, &actor, NULL, &t, NULL),
      DSC_MISUSE);
  req.state = DSC_STATE_RECEIVED;
  req.hold = (dsc_hold_t)99;
  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_ASSIGN, &actor, NULL, &t, NULL),
      DSC_MISUSE);
  /* NULL params read as zero: an assignment without a target is invalid. */
  req.hold = DSC_HOLD_NONE;
  DSC_ASSERT_EQ(
      dsc_machine_decide(&req, DSC_ACTION_ASSIGN, &actor, NULL, &t, &d),
      DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "to");
}

/* ---- Names -------------------------------------------------------------- */

DSC_TEST(state_names_round_trip) {
  static const char *const names[] = {"none",      "received", "assigned",
                                      "drafted",   "reviewed", "answered",
                                      "published", "withdrawn"};
  dsc_state_t s = DSC_STATE_RECEIVED;

  DSC_ASSERT_EQ(N(names), DSC_STATE__COUNT);
  for (int i = 0; i < DSC_STATE__COUNT; i++) {
    DSC_ASSERT_STR_EQ(dsc_state_name((dsc_state_t)i), names[i]);
    DSC_ASSERT_EQ(dsc_state_parse(names[i], &s), DSC_OK);
    DSC_ASSERT_EQ(s, i);
    DSC_ASSERT_EQ(dsc_state_is_open((dsc_state_t)i),
                  i >= DSC_STATE_RECEIVED && i <= DSC_STATE_REVIEWED);
  }
  DSC_ASSERT(dsc_state_name(DSC_STATE__COUNT) == NULL);
  DSC_ASSERT(dsc_state_name((dsc_state_t)-1) == NULL);
  s = DSC_STATE_ANSWERED;
  DSC_ASSERT_EQ(dsc_state_parse("Received", &s), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_state_parse("received ", &s), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_state_parse("", &s), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_state_parse(NULL, &s), DSC_INVALID);
  DSC_ASSERT_EQ(s, DSC_STATE_ANSWERED); /* untouched */
}

DSC_TEST(hold_names_round_trip) {
  static const char *const names[] = {
      "none", "supplement",     "third_party", "other_agency",
      "fee",  "secrecy_review", "reasons"};
  dsc_hold_t h = DSC_HOLD_NONE;

  DSC_ASSERT_EQ(N(names), DSC_HOLD__COUNT);
  for (int i = 0; i < DSC_HOLD__COUNT; i++) {
    DSC_ASSERT_STR_EQ(dsc_hold_name((dsc_hold_t)i), names[i]);
    DSC_ASSERT_EQ(dsc_hold_parse(names[i], &h), DSC_OK);
    DSC_ASSERT_EQ(h, i);
  }
  DSC_ASSERT(dsc_hold_name(DSC_HOLD__COUNT) == NULL);
  DSC_ASSERT_EQ(dsc_hold_parse("third-party", &h), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_hold_parse(NULL, &h), DSC_INVALID);
}

DSC_TEST(role_names_round_trip) {
  static const struct {
    const char *name;
    unsigned bit;
  } roles[] = {{"clerk", 1},      {"handler", 2}, {"reviewer", 4},
               {"supervisor", 8}, {"admin", 16},  {"system", 32}};
  unsigned all = 0;

  for (size_t i = 0; i < N(roles); i++) {
    dsc_role_t r = DSC_ROLE_ADMIN;
    DSC_ASSERT_STR_EQ(dsc_role_name((dsc_role_t)roles[i].bit), roles[i].name);
    DSC_ASSERT_EQ(dsc_role_parse(roles[i].name, &r), DSC_OK);
    DSC_ASSERT_EQ(r, roles[i].bit);
    all |= roles[i].bit;
  }
  DSC_ASSERT_EQ(all, DSC_ROLE_ALL);
  DSC_ASSERT_EQ(DSC_ROLE_GRANTABLE, DSC_ROLE_ALL & ~32u);
  DSC_ASSERT(dsc_role_name((dsc_role_t)0) == NULL);
  DSC_ASSERT(dsc_role_name((dsc_role_t)3) == NULL);
  DSC_ASSERT(dsc_role_name((dsc_role_t)64) == NULL);
  {
    dsc_role_t r = DSC_ROLE_CLERK;
    DSC_ASSERT_EQ(dsc_role_parse("Clerk", &r), DSC_INVALID);
    DSC_ASSERT_EQ(dsc_role_parse(NULL, &r), DSC_INVALID);
    DSC_ASSERT_EQ(r, DSC_ROLE_CLERK);
  }
}

DSC_TEST(action_names_round_trip) {
  static const char *const names[] = {"submit",
                                      "assign",
                                      "draft",
                                      "review",
                                      "answer",
                                      "publish",
                                      "withdraw",
                                      "request-supplement",
                                      "supplement-received",
                                      "consult-third-party",
                                      "third-party-replied",
                                      "consult-agency",
                                      "agency-replied",
                                      "fee-notice",
                                      "fee-paid",
                                      "extend",
                                      "lapse",
                                      "escalate",
                                      "deadline-moved",
                                      "appeal",
                                      "appeal-decided",
                                      "delivered",
                                      "refer-secrecy",
                                      "secrecy-replied",
                                      "require-reasons",
                                      "reasons-received",
                                      "longer-period",
                                      "letter",
                                      "deliver"};
  dsc_action_t a = DSC_ACTION_SUBMIT;

  DSC_ASSERT_EQ(N(names), DSC_ACTION__COUNT);
  for (int i = 0; i < DSC_ACTION__COUNT; i++) {
    DSC_ASSERT_STR_EQ(dsc_action_name((dsc_action_t)i), names[i]);
    DSC_ASSERT_EQ(dsc_action_parse(names[i], &a), DSC_OK);
    DSC_ASSERT_EQ(a, i);
  }
  DSC_ASSERT(dsc_action_name(DSC_ACTION__COUNT) == NULL);
  DSC_ASSERT_EQ(dsc_action_parse("request_supplement", &a), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_action_parse("fee-quote", &a), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_action_parse(NULL, &a), DSC_INVALID);
}

DSC_TEST(outcomes_in_contract_order) {
  /* CONTRACT §6, copied by hand: the code and the official row label. */
  static const char *const want[][2] = {
      {"disclosed", "(一)予以公开"},
      {"partially_disclosed", "(二)部分公开"},
      {"withheld.state_secret", "(三)1.属于国家秘密"},
      {"withheld.prohibited_by_law", "(三)2.其他法律行政法规禁止公开"},
      {"withheld.security_stability", "(三)3.危及“三安全一稳定”"},
      {"withheld.third_party_rights", "(三)4.保护第三方合法权益"},
      {"withheld.internal_affairs", "(三)5.属于三类内部事务信息"},
      {"withheld.process_information", "(三)6.属于四类过程性信息"},
      {"withheld.enforcement_files", "(三)7.属于行政执法案卷"},
      {"withheld.administrative_query", "(三)8.属于行政查询事项"},
      {"unavailable.not_held", "(四)1.本机关不掌握相关政府信息"},
      {"unavailable.needs_creation", "(四)2.没有现成信息需要另行制作"},
      {"unavailable.still_unclear", "(四)3.补正后申请内容仍不明确"},
      {"not_processed.petition", "(五)1.信访举报投诉类申请"},
      {"not_processed.duplicate", "(五)2.重复申请"},
      {"not_processed.publication", "(五)3.要求提供公开出版物"},
      {"not_processed.excessive", "(五)4.无正当理由大量反复申请"},
      {"not_processed.confirmation",
       "(五)5.要求行政机关确认或重新出具已获取信息"},
      {"other.no_supplement", "(六)1.申请人无正当理由逾期不补正、"
                              "行政机关不再处理其政府信息公开申请"},
      {"other.fee_unpaid", "(六)2.申请人逾期未按收费通知要求缴纳费用、"
                           "行政机关不再处理其政府信息公开申请"},
      {"other.other", "(六)3.其他"},
  };
  dsc_outcome_t o = DSC_OUTCOME_NONE;

  DSC_ASSERT_EQ(N(want), 21);
  DSC_ASSERT_EQ(DSC_OUTCOME__COUNT, 22);
  DSC_ASSERT_EQ(DSC_OUTCOME_NONE, 0);
  DSC_ASSERT_EQ(DSC_OUTCOME_DISCLOSED, 1);
  DSC_ASSERT_EQ(DSC_OUTCOME_OTHER_OTHER, 21);
  for (size_t i = 0; i < N(want); i++) {
    dsc_outcome_t v = (dsc_outcome_t)(i + 1);
    DSC_ASSERT_STR_EQ(dsc_outcome_code(v), want[i][0]);
    DSC_ASSERT_STR_EQ(dsc_outcome_label(v), want[i][1]);
    DSC_ASSERT(dsc_outcome_label(v)[0] != '\0');
    DSC_ASSERT_EQ(dsc_outcome_parse(want[i][0], &o), DSC_OK);
    DSC_ASSERT_EQ(o, v);
  }
  DSC_ASSERT_STR_EQ(dsc_outcome_code(DSC_OUTCOME_NONE), "none");
  DSC_ASSERT_STR_EQ(dsc_outcome_label(DSC_OUTCOME_NONE), "");
  DSC_ASSERT_EQ(dsc_outcome_parse("none", &o), DSC_OK);
  DSC_ASSERT_EQ(o, DSC_OUTCOME_NONE);
  DSC_ASSERT(dsc_outcome_code(DSC_OUTCOME__COUNT) == NULL);
  DSC_ASSERT(dsc_outcome_label(DSC_OUTCOME__COUNT) == NULL);
  DSC_ASSERT_EQ(dsc_outcome_parse("withheld", &o), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_outcome_parse("withheld.state-secret", &o), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_outcome_parse(NULL, &o), DSC_INVALID);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(exhaustive_from_none),
    DSC_TEST_ENTRY(exhaustive_from_received),
    DSC_TEST_ENTRY(exhaustive_from_assigned),
    DSC_TEST_ENTRY(exhaustive_from_drafted),
    DSC_TEST_ENTRY(exhaustive_from_reviewed),
    DSC_TEST_ENTRY(exhaustive_from_answered),
    DSC_TEST_ENTRY(exhaustive_from_published),
    DSC_TEST_ENTRY(exhaustive_from_withdrawn),
    DSC_TEST_ENTRY(lapse_outcome_of_each_hold),
    DSC_TEST_ENTRY(exhaustive_covers_every_state),
    DSC_TEST_ENTRY(four_eyes_refused),
    DSC_TEST_ENTRY(reject_returns_to_assigned_and_clears_outcome),
    DSC_TEST_ENTRY(publish_refused_for_withheld),
    DSC_TEST_ENTRY(withdrawn_is_terminal),
    DSC_TEST_ENTRY(late_supplement_reopens_by_a_supervisor),
    DSC_TEST_ENTRY(answer_refused_on_hold),
    DSC_TEST_ENTRY(draft_by_non_assignee_forbidden),
    DSC_TEST_ENTRY(supervisor_handles_holds_without_assignment),
    DSC_TEST_ENTRY(roles_for_each_action),
    DSC_TEST_ENTRY(states_for_matches_the_state_check),
    DSC_TEST_ENTRY(role_message_names_the_roles),
    DSC_TEST_ENTRY(misuse_is_reported),
    DSC_TEST_ENTRY(state_names_round_trip),
    DSC_TEST_ENTRY(hold_names_round_trip),
    DSC_TEST_ENTRY(role_names_round_trip),
    DSC_TEST_ENTRY(action_names_round_trip),
    DSC_TEST_ENTRY(outcomes_in_contract_order),
};
DSC_TEST_MAIN(cases)
