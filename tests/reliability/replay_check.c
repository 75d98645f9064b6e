/* tests/reliability/replay_check.c — every request's snapshot must be the
 * replay of its events through the transition table (issue 6 parts 1 and
 * 4).
 *
 *   rel_replay_check STAFF EVENTS SNAPSHOTS
 *
 * The three files are tab-separated exports made with psql by the scripts
 * (lib.sh, rel_check_replay), NULL as an empty field:
 *
 *   STAFF      login, roles (a text[] literal such as {admin,supervisor})
 *   EVENTS     request_id, seq, action, state, actor, payload (JSON),
 *              ordered by request_id, seq
 *   SNAPSHOTS  id, version, state, hold, outcome, assignee, drafter,
 *              ordered by id
 *
 * For each request the events must be numbered 1, 2, ... without a gap,
 * start with a submit, and each must be one dsc_machine_decide allows from
 * the state, hold, assignee, drafter and outcome the events before it
 * left, by its actor with the actor's roles, leading to the state the
 * event records. A lapse ends one hold: no two lapses of one request name
 * the same hold and lapse date. What the replay ends with (version =
 * number of events, state, hold, outcome, assignee, drafter) must be the
 * snapshot, and every snapshot must have events and every event a
 * snapshot.
 *
 * Prints one line per problem (at most 50, then a count) and a summary
 * "replay_check: R requests, E events, P problems". Exit 0 when there is
 * no problem, 1 otherwise, 2 on usage or an unreadable file.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rel_common.h"

#define PROG "rel_replay_check"
#define MAX_FIELDS 8
#define MAX_STAFF 256
#define MAX_LAPSES 64

typedef struct staff {
  char login[65];
  unsigned roles;
} staff_t;

typedef struct replay {
  int64_t id;
  int seq;
  dsc_state_t state;
  dsc_hold_t hold;
  dsc_outcome_t outcome;
  char assignee[65], drafter[65];
  bool broken; /* one problem per request is enough */
  int nlapses;
  char lapses[MAX_LAPSES][48];
} replay_t;

static staff_t staff[MAX_STAFF];
static int nstaff;
static long problems;
static long nrequests, nevents;

static void problem(replay_t *rp, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void problem(replay_t *rp, const char *fmt, ...) {
  va_list ap;
  if (rp) {
    if (rp->broken)
      return;
    rp->broken = true;
  }
  if (++problems > 50)
    return;
  va_start(ap, fmt);
  fputs(PROG ": ", stdout);
  vprintf(fmt, ap);
  fputc('\n', stdout);
  va_end(ap);
}

/* Splits a line in place into tab-separated fields; returns their number. */
static int split(char *line, char **fields, int max) {
  int n = 0;
  line[strcspn(line, "\n")] = '\0';
  fields[n++] = line;
  for (char *p = line; *p && n < max; p++) {
    if (*p == '\t') {
      *p = '\0';
      fields[n++] = p + 1;
    }
  }
  return n;
}

static unsigned roles_of_literal(const char *lit) {
  unsigned roles = 0;
  char word[32];
  size_t n = 0;

  for (const char *p = lit;; p++) {
    if (*p == '{' || *p == '"')
      continue;
    if (*p == ',' || *p == '}' || *p == '\0') {
      dsc_role_t role;
      word[n] = '\0';
      if (n > 0 && dsc_role_parse(word, &role) == DSC_OK)
        roles |= (unsigned)role;
      n = 0;
      if (*p == '\0')
        break;
      continue;
    }
    if (n + 1 < sizeof word)
      word[n++] = *p;
  }
  return roles;
}

static const staff_t *find_staff(const char *login) {
  for (int i = 0; i < nstaff; i++)
    if (strcmp(staff[i].login, login) == 0)
      return &staff[i];
  return NULL;
}

static bool read_staff(const char *path) {
  FILE *f = fopen(path, "r");
  char line[512], *fld[MAX_FIELDS];

  if (f == NULL) {
    perror(path);
    return false;
  }
  while (fgets(line, sizeof line, f)) {
    if (split(line, fld, MAX_FIELDS) != 2 || nstaff == MAX_STAFF ||
        strlen(fld[0]) > 64) {
      fprintf(stderr, PROG ": %s: bad line\n", path);
      fclose(f);
      return false;
    }
    snprintf(staff[nstaff].login, sizeof staff[nstaff].login, "%s", fld[0]);
    staff[nstaff++].roles = roles_of_literal(fld[1]);
  }
  fclose(f);
  return true;
}

static void replay_start(replay_t *rp, int64_t id) {
  memset(rp, 0, sizeof *rp);
  rp->id = id;
  rp->state = DSC_STATE_NONE;
  rp->hold = DSC_HOLD_NONE;
  rp->outcome = DSC_OUTCOME_NONE;
  nrequests++;
}

static const char *json_string(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* One event of rp's history. */
static void replay_event(replay_t *rp, int seq, const char *action_name,
                         const char *state_name, const char *actor_name,
                         const char *payload_text) {
  dsc_action_t action;
  dsc_state_t recorded;
  const staff_t *who = find_staff(actor_name);
  dsc_machine_request_t req = {
      rp->state, rp->hold, rp->assignee[0] ? rp->assignee : NULL,
      rp->drafter[0] ? rp->drafter : NULL, rp->outcome};
  dsc_machine_actor_t actor = {actor_name, who ? who->roles : 0};
  dsc_machine_params_t params = {false, DSC_OUTCOME_NONE, 0,
                                 rp->state == DSC_STATE_WITHDRAWN};
  dsc_transition_t tr;
  dsc_detail_t d;
  cJSON *payload;
  const char *s;
  char buf[600];

  nevents++;
  if (rp->broken)
    return;
  if (seq != rp->seq + 1) {
    problem(rp, "request %" PRId64 ": event %d follows event %d", rp->id, seq,
            rp->seq);
    return;
  }
  rp->seq = seq;
  if (dsc_action_parse(action_name, &action) != DSC_OK ||
      dsc_state_parse(state_name, &recorded) != DSC_OK) {
    problem(rp, "request %" PRId64 ": event %d has action '%s', state '%s'",
            rp->id, seq, action_name, state_name);
    return;
  }
  if ((seq == 1) != (action == DSC_ACTION_SUBMIT)) {
    problem(rp, "request %" PRId64 ": event %d is a %s", rp->id, seq,
            action_name);
    return;
  }
  if (who == NULL) {
    problem(rp, "request %" PRId64 ": event %d by unknown actor '%s'", rp->id,
            seq, actor_name);
    return;
  }
  payload = cJSON_Parse(payload_text);
  if (payload == NULL) {
    problem(rp, "request %" PRId64 ": event %d: payload is not JSON", rp->id,
            seq);
    return;
  }
  s = json_string(payload, "decision");
  params.approve = s && strcmp(s, "approve") == 0;
  s = json_string(payload, "outcome");
  if (action == DSC_ACTION_DRAFT &&
      (s == NULL || dsc_outcome_parse(s, &params.outcome) != DSC_OK)) {
    problem(rp, "request %" PRId64 ": draft %d without a known outcome", rp->id,
            seq);
    cJSON_Delete(payload);
    return;
  }
  s = json_string(payload, "to");
  if (action == DSC_ACTION_ASSIGN) {
    const staff_t *target = s ? find_staff(s) : NULL;
    if (target == NULL) {
      problem(rp, "request %" PRId64 ": assign %d to unknown staff", rp->id,
              seq);
      cJSON_Delete(payload);
      return;
    }
    params.target_roles = target->roles;
  }
  if (dsc_machine_decide(&req, action, &actor, &params, &tr, &d) != DSC_OK) {
    problem(rp,
            "request %" PRId64 ": event %d (%s by %s) is not allowed from "
            "state %s, hold %s: %s",
            rp->id, seq, action_name, actor_name, dsc_state_name(rp->state),
            dsc_hold_name(rp->hold),
            dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
    cJSON_Delete(payload);
    return;
  }
  if (tr.next != recorded) {
    problem(rp,
            "request %" PRId64 ": event %d (%s) records state %s, the "
            "table says %s",
            rp->id, seq, action_name, state_name, dsc_state_name(tr.next));
    cJSON_Delete(payload);
    return;
  }
  if (action == DSC_ACTION_LAPSE) {
    char key[48];
    const char *lapses_on = json_string(payload, "lapses_on");
    snprintf(key, sizeof key, "%s %s", dsc_hold_name(rp->hold),
             lapses_on ? lapses_on : "?");
    for (int i = 0; i < rp->nlapses; i++)
      if (strcmp(rp->lapses[i], key) == 0)
        problem(rp, "request %" PRId64 ": the %s hold lapsed twice", rp->id,
                key);
    if (rp->nlapses < MAX_LAPSES)
      snprintf(rp->lapses[rp->nlapses++], sizeof rp->lapses[0], "%s", key);
  }
  rp->state = tr.next;
  rp->hold = tr.hold;
  if (tr.outcome_effect == DSC_OUTCOME_SET)
    rp->outcome = tr.outcome;
  else if (tr.outcome_effect == DSC_OUTCOME_CLEAR)
    rp->outcome = DSC_OUTCOME_NONE;
  if (action == DSC_ACTION_ASSIGN)
    snprintf(rp->assignee, sizeof rp->assignee, "%s",
             json_string(payload, "to"));
  if (action == DSC_ACTION_DRAFT)
    snprintf(rp->drafter, sizeof rp->drafter, "%s", actor_name);
  cJSON_Delete(payload);
}

static const char *or_none(const char *s) { return *s ? s : "none"; }

/* The replay of rp against its snapshot line. */
static void compare(replay_t *rp, char **f) {
  long version = strtol(f[1], NULL, 10);
  const char *hold = or_none(f[3]), *outcome = or_none(f[4]);

  if (rp->broken)
    return;
  if (version != rp->seq || strcmp(f[2], dsc_state_name(rp->state)) != 0 ||
      strcmp(hold, dsc_hold_name(rp->hold)) != 0 ||
      strcmp(outcome, dsc_outcome_code(rp->outcome)) != 0 ||
      strcmp(f[5], rp->assignee) != 0 || strcmp(f[6], rp->drafter) != 0)
    problem(rp,
            "request %" PRId64 ": snapshot (version %ld, %s, hold %s, "
            "outcome %s, assignee '%s', drafter '%s') is not the replay of "
            "its events (%d events, %s, hold %s, outcome %s, assignee '%s', "
            "drafter '%s')",
            rp->id, version, f[2], hold, outcome, f[5], f[6], rp->seq,
            dsc_state_name(rp->state), dsc_hold_name(rp->hold),
            dsc_outcome_code(rp->outcome), rp->assignee, rp->drafter);
}

/* Reads the next data line of f into line, split into f; false at EOF. */
static bool next_line(FILE *f, char *line, size_t cap, char **fld, int want,
                      const char *path, int *status) {
  if (!fgets(line, (int)cap, f))
    return false;
  if (strlen(line) + 1 >= cap || split(line, fld, MAX_FIELDS) != want) {
    fprintf(stderr, PROG ": %s: bad line (%d fields wanted)\n", path, want);
    *status = 2;
    return false;
  }
  return true;
}

int main(int argc, char **argv) {
  static char ev_line[1 << 20], snap_line[4096];
  char *ev[MAX_FIELDS], *sn[MAX_FIELDS];
  FILE *fe, *fs;
  bool have_ev, have_sn;
  int status = 0;
  replay_t rp;

  if (argc != 4) {
    fprintf(stderr, "usage: " PROG " STAFF EVENTS SNAPSHOTS\n");
    return 2;
  }
  if (!read_staff(argv[1]))
    return 2;
  fe = fopen(argv[2], "r");
  fs = fopen(argv[3], "r");
  if (fe == NULL || fs == NULL) {
    perror(fe ? argv[3] : argv[2]);
    return 2;
  }
  /* Both files are ordered by request id: walk them together. */
  have_ev = next_line(fe, ev_line, sizeof ev_line, ev, 6, argv[2], &status);
  have_sn = next_line(fs, snap_line, sizeof snap_line, sn, 7, argv[3], &status);
  while (status == 0 && (have_ev || have_sn)) {
    int64_t eid = have_ev ? strtoll(ev[0], NULL, 10) : INT64_MAX;
    int64_t sid = have_sn ? strtoll(sn[0], NULL, 10) : INT64_MAX;
    if (eid < sid) {
      replay_start(&rp, eid);
      problem(&rp, "events of request %" PRId64 " but no snapshot", eid);
      while (have_ev && strtoll(ev[0], NULL, 10) == eid) {
        nevents++;
        have_ev =
            next_line(fe, ev_line, sizeof ev_line, ev, 6, argv[2], &status);
      }
      continue;
    }
    replay_start(&rp, sid);
    if (eid > sid)
      problem(&rp, "request %" PRId64 " has no events", sid);
    while (have_ev && strtoll(ev[0], NULL, 10) == sid) {
      replay_event(&rp, (int)strtol(ev[1], NULL, 10), ev[2], ev[3], ev[4],
                   ev[5]);
      have_ev = next_line(fe, ev_line, sizeof ev_line, ev, 6, argv[2], &status);
    }
    compare(&rp, sn);
    have_sn =
        next_line(fs, snap_line, sizeof snap_line, sn, 7, argv[3], &status);
  }
  fclose(fe);
  fclose(fs);
  if (status != 0)
    return status;
  if (problems > 50)
    printf(PROG ": ... %ld problems in all\n", problems);
  printf("replay_check: %ld requests, %ld events, %ld problems\n", nrequests,
         nevents, problems);
  return problems == 0 ? 0 : 1;
}
