/* The engine's connections (engine_int.h, "routing"): its own, and a
 * second one opened for busy turns. An engine resource, kept apart from
 * the work that uses it: act.c asks which connection a read group goes to,
 * and says when each action sent on it ends; reads and submission groups
 * ask dsc__route_spread. */
#include "route.h"

/* Once a turn brings more actions than one read group holds, the engine
 * opens a second connection and from then on sends each group to the one
 * with fewer actions under way, so that the server works on two processes
 * (two cores) at once and the two keep busy independently. Actions on one
 * request never run at the same time (busy.h), so the two never write the
 * same request. An engine that never has that many actions in one turn
 * (the CLI) keeps one connection. */
dsc__pg_t *dsc__route_pick(dsc_engine_t *e, bool busy) {
  if (busy && e->act_pg == NULL && e->conninfo != NULL &&
      dsc__pg_create(e->loop, e->conninfo, &e->act_pg_options, &e->act_pg) !=
          DSC_OK)
    e->act_pg = NULL;
  if (e->act_pg == NULL || e->act_inflight_main <= e->act_inflight_second)
    return e->pg;
  return e->act_pg;
}

dsc__pg_t *dsc__route_spread(dsc_engine_t *e) {
  if (!e->spread)
    return e->pg;
  if (e->act_pg == NULL && dsc__pg_outstanding(e->pg) > 0 &&
      e->conninfo != NULL &&
      dsc__pg_create(e->loop, e->conninfo, &e->act_pg_options, &e->act_pg) !=
          DSC_OK)
    e->act_pg = NULL;
  if (e->act_pg == NULL ||
      dsc__pg_outstanding(e->pg) <= dsc__pg_outstanding(e->act_pg))
    return e->pg;
  return e->act_pg;
}

void dsc__route_begin(dsc_engine_t *e, const dsc__pg_t *pg) {
  if (pg != NULL && pg == e->act_pg)
    e->act_inflight_second++;
  else if (pg != NULL)
    e->act_inflight_main++;
}

void dsc__route_end(dsc_engine_t *e, const dsc__pg_t *pg) {
  if (pg != NULL && pg == e->act_pg && e->act_inflight_second > 0)
    e->act_inflight_second--;
  else if (pg != NULL && e->act_inflight_main > 0)
    e->act_inflight_main--;
}
