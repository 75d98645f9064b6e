/* `disclose verify`: who could have done this, then? Every history is
 * replayed through the same transition table the engine decides with
 * (engine/core/machine.c), each event with the roles its actor held when it was
 * recorded (staff_history, migration 0012). A chain that hashes correctly
 * proves only that nobody edited it afterwards; this proves that every
 * event was one the rules allowed — a review by the draft's author, an
 * assignment by someone who was not a clerk yet, a transition the table
 * does not have are all reported, however they were written. Events that
 * the operator recorded on a member's behalf name that member as their
 * actor, and are judged by that member's roles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "engine_int.h"
#include "verify_int.h"

static const char *column(const cJSON *event, int col) {
  const cJSON *x = cJSON_GetArrayItem(event, col);
  return cJSON_IsString(x) ? x->valuestring : NULL;
}

void dsc__vev_read(const cJSON *ev, dsc__vev_t *v) {
  const cJSON *seq = cJSON_GetArrayItem(ev, DSC_VEV_SEQ);
  const char *at_us = column(ev, DSC_VEV_AT_US);

  v->seq = cJSON_IsNumber(seq) ? seq->valueint : 0;
  v->action = column(ev, DSC_VEV_ACTION);
  v->state = column(ev, DSC_VEV_STATE);
  v->on = column(ev, DSC_VEV_ON);
  v->to = column(ev, DSC_VEV_TO);
  v->outcome = column(ev, DSC_VEV_OUTCOME);
  v->hold = column(ev, DSC_VEV_HOLD);
  v->actor = column(ev, DSC_VEV_ACTOR);
  v->decision = column(ev, DSC_VEV_DECISION);
  v->at = column(ev, DSC_VEV_AT);
  v->at_us = at_us ? strtoll(at_us, NULL, 10) : 0;
  v->operator_login = column(ev, DSC_VEV_OPERATOR);
}

/* ---- staff_history ------------------------------------------------------ */

void dsc__staff_times_clear(dsc__staff_times_t *t) {
  for (size_t i = 0; i < t->n; i++)
    dsc__free(t->spans[i].login);
  dsc__free(t->spans);
  t->spans = NULL;
  t->n = 0;
}

dsc_err_t dsc__staff_times_read(dsc__staff_times_t *t, const PGresult *res) {
  int n = PQntuples(res);
  const char *active;

  dsc__staff_times_clear(t);
  if (n == 0)
    return DSC_OK;
  t->spans = dsc__calloc((size_t)n, sizeof *t->spans);
  if (t->spans == NULL)
    return DSC_NOMEM;
  for (int i = 0; i < n; i++) {
    dsc__staff_span_t *s = &t->spans[i];
    const char *login = dsc__cell(res, i, 0);
    s->login = dsc__strdup(login ? login : "");
    if (s->login == NULL)
      return DSC_NOMEM; /* t->n spans are owned so far */
    t->n++;
    s->roles = dsc__roles_from_array(dsc__cell(res, i, 1));
    active = dsc__cell(res, i, 2);
    s->active = active && active[0] == 't';
    s->from_us = dsc__cell_int(res, i, 3);
  }
  return DSC_OK;
}

/* The row of login in force at at_us: the latest one from at_us or
 * before; NULL when there is none (not a staff member yet). */
static const dsc__staff_span_t *span_at(const dsc__staff_times_t *t,
                                        const char *login, int64_t at_us) {
  const dsc__staff_span_t *found = NULL;
  size_t lo = 0, hi = t->n;

  if (login == NULL)
    return NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(t->spans[mid].login, login) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t i = lo; i < t->n && strcmp(t->spans[i].login, login) == 0 &&
                      t->spans[i].from_us <= at_us;
       i++)
    found = &t->spans[i];
  return found;
}

/* The roles login held at at_us, none while disabled. */
static unsigned roles_at(const dsc__staff_times_t *t, const char *login,
                         int64_t at_us) {
  const dsc__staff_span_t *s = span_at(t, login, at_us);
  return s && s->active ? s->roles : 0;
}

/* ---- the replay --------------------------------------------------------- */

static bool refuse(dsc__rule_break_t *out, const dsc__vev_t *v,
                   const dsc_detail_t *why) {
  out->seq = v->seq;
  snprintf(out->action, sizeof out->action, "%s", v->action ? v->action : "?");
  snprintf(out->actor, sizeof out->actor, "%s", v->actor ? v->actor : "?");
  out->why = *why;
  return false;
}

/* The machine's refusal for lack of a role, with the roles the actor held
 * then: "review needs the role reviewer (zhao then: handler)". */
static void add_roles_then(dsc_detail_t *why, const char *actor,
                           unsigned roles) {
  char list[96] = "", en[512], zh[512]; /* cut by dsc_detail_set */
  size_t len = 0;

  for (unsigned bit = 1; bit <= DSC_ROLE_ALL; bit <<= 1) {
    const char *name = dsc_role_name((dsc_role_t)bit);
    if ((roles & bit) && name && len + strlen(name) + 3 < sizeof list)
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                              len ? ", " : "", name);
  }
  snprintf(en, sizeof en, "%s (%s then: %s)", why->message, actor,
           len ? list : "no role");
  snprintf(zh, sizeof zh, "%s（%s 当时的角色：%s）",
           why->message_zh[0] ? why->message_zh : why->message, actor,
           len ? list : "无");
  dsc_detail_set(why, why->code, why->field, en, zh);
}

/* Who acted, as the machine sees them: the roles of the time, or a
 * refusal when the actor was no staff member or was disabled then. */
static bool actor_then(const dsc__staff_times_t *t, const char *actor,
                       int64_t at_us, unsigned *roles, dsc_detail_t *why) {
  const dsc__staff_span_t *s = span_at(t, actor, at_us);

  if (s == NULL) {
    dsc_detail_setf(why, DSC_FORBIDDEN, "actor",
                    "%s was no staff member when the event was recorded",
                    "记录该事件时 %s 不是工作人员", actor ? actor : "?");
    return false;
  }
  if (!s->active) {
    dsc_detail_setf(why, DSC_FORBIDDEN, "actor",
                    "%s was disabled when the event was recorded",
                    "记录该事件时 %s 的账号已停用", actor);
    return false;
  }
  *roles = s->roles;
  return true;
}

/* What the action's parameters were, from the event. */
static dsc_machine_params_t params_of(const dsc__staff_times_t *t,
                                      const dsc__vev_t *v, dsc_action_t action,
                                      dsc_state_t before,
                                      dsc_state_t recorded) {
  dsc_machine_params_t p = {false, DSC_OUTCOME_NONE, 0, false};

  if (action == DSC_ACTION_DRAFT &&
      dsc_outcome_parse(v->outcome, &p.outcome) != DSC_OK)
    p.outcome = DSC_OUTCOME_NONE; /* the machine refuses a draft without */
  if (action == DSC_ACTION_REVIEW)
    p.approve = v->decision ? strcmp(v->decision, "approve") == 0
                            : recorded == DSC_STATE_REVIEWED;
  if (action == DSC_ACTION_ASSIGN)
    p.target_roles = roles_at(t, v->to, v->at_us);
  /* A supplement received by a withdrawn request was accepted late (the
   * engine records the reason); the machine still checks who and why. */
  if (action == DSC_ACTION_SUPPLEMENT_RECEIVED)
    p.late = before == DSC_STATE_WITHDRAWN;
  return p;
}

/* What the transition does to the replayed request (as act.c applies it). */
static void apply(dsc_machine_request_t *req, const dsc_transition_t *tr,
                  dsc_action_t action, const dsc__vev_t *v) {
  req->state = tr->next;
  req->hold = tr->hold;
  if (tr->outcome_effect == DSC_OUTCOME_SET)
    req->outcome = tr->outcome;
  else if (tr->outcome_effect == DSC_OUTCOME_CLEAR)
    req->outcome = DSC_OUTCOME_NONE;
  if (action == DSC_ACTION_ASSIGN)
    req->assignee = v->to;
  else if (action == DSC_ACTION_DRAFT)
    req->drafter = v->actor;
}

bool dsc__verify_rules(const dsc__staff_times_t *t, const cJSON *events,
                       dsc__rule_break_t *out) {
  dsc_machine_request_t req = {DSC_STATE_NONE, DSC_HOLD_NONE, NULL, NULL,
                               DSC_OUTCOME_NONE};
  const cJSON *ev;

  cJSON_ArrayForEach(ev, events) {
    dsc__vev_t v;
    dsc_machine_actor_t who = {NULL, 0};
    dsc_machine_params_t params;
    dsc_action_t action;
    dsc_state_t recorded;
    dsc_transition_t tr;
    dsc_detail_t why;

    dsc__vev_read(ev, &v);
    who.login = v.actor;
    if (dsc_action_parse(v.action, &action) != DSC_OK) {
      dsc_detail_setf(&why, DSC_CONFLICT, "action",
                      "%s is no action of the rules", "%s 不是办理规则中的操作",
                      v.action ? v.action : "?");
      return refuse(out, &v, &why);
    }
    if (dsc_state_parse(v.state, &recorded) != DSC_OK) {
      dsc_detail_set(&why, DSC_CONFLICT, "state",
                     "the event records a state the rules do not have",
                     "该事件记录的状态不在办理规则之中");
      return refuse(out, &v, &why);
    }
    if (!actor_then(t, v.actor, v.at_us, &who.roles, &why))
      return refuse(out, &v, &why);
    params = params_of(t, &v, action, req.state, recorded);
    if (dsc_machine_decide(&req, action, &who, &params, &tr, &why) != DSC_OK) {
      if (strcmp(why.field, "role") == 0)
        add_roles_then(&why, v.actor, who.roles);
      return refuse(out, &v, &why);
    }
    if (tr.next != recorded) {
      dsc_detail_setf(&why, DSC_CONFLICT, "state",
                      "%s leads from %s to %s, but the event records %s",
                      "按规则 %s 应使状态由 %s 变为 %s，但记录为 %s", v.action,
                      dsc_state_name(req.state), dsc_state_name(tr.next),
                      dsc_state_name(recorded));
      return refuse(out, &v, &why);
    }
    if (action == DSC_ACTION_LAPSE && v.hold &&
        strcmp(v.hold, dsc_hold_name(req.hold)) != 0) {
      dsc_detail_setf(&why, DSC_CONFLICT, "hold",
                      "the lapse ends a %s hold, but the request waited for %s",
                      "该逾期事件结束的是 %s，但申请当时等待的是 %s", v.hold,
                      dsc_hold_name(req.hold));
      return refuse(out, &v, &why);
    }
    apply(&req, &tr, action, &v);
  }
  return true;
}
