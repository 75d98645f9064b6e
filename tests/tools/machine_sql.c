/* Prints the state machine of engine/core/machine.c as the rows of the
 * database's copy (migrations/0012: dsc_machine_rule, dsc_machine_step).
 *
 *   machine_sql sql   the INSERT statements pasted into the migration
 *   machine_sql tsv   the same rows, tab-separated and sorted, which
 *                     tests/integration/test_identity.sh compares with the
 *                     tables of a migrated database
 *
 * The rows are found by asking dsc_machine_decide, not by reading the C
 * tables, so they say what the machine does: for every action, state, hold
 * and review verdict, an actor holding every role who is the assignee and
 * not the drafter either may act (a step) or may not; the request with or
 * without an assignee, withdrawn by a lapse or not, and the supplement late
 * or in time, so that a late supplement's reopening (to assigned or to
 * received) has its rows. Each row is printed once. */
#include <stdio.h>
#include <string.h>

#include "disclose/machine.h"

static const char *who_name(dsc_machine_who_t who) {
  switch (who) {
  case DSC_WHO_ANY:
    return "any";
  case DSC_WHO_ASSIGNEE:
    return "assignee";
  case DSC_WHO_ASSIGNEE_OR_SUPERVISOR:
    return "assignee_or_supervisor";
  }
  return "?";
}

static const char *guard_name(dsc_machine_guard_t guard) {
  switch (guard) {
  case DSC_GUARD_NONE:
    return "none";
  case DSC_GUARD_TARGET_HANDLER:
    return "target_handler";
  case DSC_GUARD_DRAFT_OUTCOME:
    return "draft_outcome";
  case DSC_GUARD_FOUR_EYES:
    return "four_eyes";
  case DSC_GUARD_PUBLISHABLE:
    return "publishable";
  case DSC_GUARD_SUPPLEMENT:
    return "supplement";
  }
  return "?";
}

/* "{clerk,supervisor}" */
static void roles_literal(unsigned mask, char *buf, size_t cap) {
  size_t len = 0;
  buf[len++] = '{';
  for (unsigned bit = 1; bit <= DSC_ROLE_SYSTEM; bit <<= 1) {
    const char *name = dsc_role_name((dsc_role_t)bit);
    if (!(mask & bit) || name == NULL)
      continue;
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", len > 1 ? "," : "",
                            name);
  }
  snprintf(buf + len, cap - len, "}");
}

static const char *effect_name(const dsc_transition_t *t,
                               dsc_outcome_t chosen) {
  switch (t->outcome_effect) {
  case DSC_OUTCOME_KEEP:
    return "keep";
  case DSC_OUTCOME_CLEAR:
    return "clear";
  case DSC_OUTCOME_SET:
    return t->outcome == chosen ? "chosen" : "set";
  }
  return "?";
}

/* The step rows printed so far, to print each once. */
#define MAX_STEPS 2048
static char seen[MAX_STEPS][160];
static int nseen;

static int first_time(const char *row) {
  for (int i = 0; i < nseen; i++)
    if (strcmp(seen[i], row) == 0)
      return 0;
  if (nseen < MAX_STEPS)
    snprintf(seen[nseen++], sizeof seen[0], "%s", row);
  return 1;
}

int main(int argc, char **argv) {
  int sql = argc == 2 && strcmp(argv[1], "sql") == 0;
  int tsv = argc == 2 && strcmp(argv[1], "tsv") == 0;
  /* A drafted outcome no fixed effect row sets, to tell "chosen" apart. */
  const dsc_outcome_t chosen = DSC_OUTCOME_WITHHELD_STATE_SECRET;
  char roles[128];
  int first = 1;

  if (!sql && !tsv) {
    fprintf(stderr, "usage: machine_sql sql|tsv\n");
    return 2;
  }
  if (sql)
    printf("INSERT INTO dsc_machine_rule (action, roles, who, guard) VALUES");
  for (int a = 0; a < DSC_ACTION__COUNT; a++) {
    dsc_machine_who_t who;
    dsc_machine_guard_t guard;
    if (dsc_machine_rule_info((dsc_action_t)a, &who, &guard) != DSC_OK)
      return 1;
    roles_literal(dsc_machine_roles_for((dsc_action_t)a), roles, sizeof roles);
    if (sql)
      printf("%s\n  ('%s', '%s', '%s', '%s')", first ? "" : ",",
             dsc_action_name((dsc_action_t)a), roles, who_name(who),
             guard_name(guard));
    else
      printf("rule\t%s\t%s\t%s\t%s\n", dsc_action_name((dsc_action_t)a), roles,
             who_name(who), guard_name(guard));
    first = 0;
  }
  if (sql)
    printf(";\n\nINSERT INTO dsc_machine_step (action, from_state, from_hold, "
           "to_state, to_hold, outcome_effect, outcome) VALUES");
  first = 1;
  for (int a = 0; a < DSC_ACTION__COUNT; a++)
    for (int s = 0; s < DSC_STATE__COUNT; s++)
      for (int h = 0; h < DSC_HOLD__COUNT; h++)
        for (int k = 0; k < 16; k++) {
          /* k: the verdict (and the supplement's lateness), the assignee,
           * and the outcome the request has. */
          int v = !(k & 1);
          dsc_machine_request_t req = {(dsc_state_t)s, (dsc_hold_t)h,
                                       (k & 2) ? NULL : "a", "d",
                                       (k & 4) ? DSC_OUTCOME_OTHER_NO_SUPPLEMENT
                                               : DSC_OUTCOME_DISCLOSED};
          dsc_machine_actor_t actor = {"a", DSC_ROLE_ALL};
          dsc_machine_params_t params = {v == 1, chosen, DSC_ROLE_HANDLER,
                                         (k & 8) != 0};
          dsc_transition_t t;
          const char *outcome;
          char row[160];
          if (dsc_machine_decide(&req, (dsc_action_t)a, &actor, &params, &t,
                                 NULL) != DSC_OK)
            continue;
          /* Only review reads the verdict: one row for the others. */
          if (v == 0 && a != DSC_ACTION_REVIEW)
            continue;
          outcome = t.outcome_effect == DSC_OUTCOME_SET && t.outcome != chosen
                        ? dsc_outcome_code(t.outcome)
                        : NULL;
          snprintf(row, sizeof row, "%s\t%s\t%s\t%s\t%s\t%s\t%s",
                   dsc_action_name((dsc_action_t)a),
                   dsc_state_name((dsc_state_t)s), dsc_hold_name((dsc_hold_t)h),
                   dsc_state_name(t.next), dsc_hold_name(t.hold),
                   effect_name(&t, chosen), outcome ? outcome : "");
          if (!first_time(row))
            continue;
          if (sql) {
            printf("%s\n  ('%s', '%s', '%s', '%s', '%s', '%s', %s%s%s)",
                   first ? "" : ",", dsc_action_name((dsc_action_t)a),
                   dsc_state_name((dsc_state_t)s), dsc_hold_name((dsc_hold_t)h),
                   dsc_state_name(t.next), dsc_hold_name(t.hold),
                   effect_name(&t, chosen), outcome ? "'" : "",
                   outcome ? outcome : "NULL", outcome ? "'" : "");
          } else {
            printf("step\t%s\n", row);
          }
          first = 0;
        }
  if (sql)
    printf(";\n");
  return 0;
}
