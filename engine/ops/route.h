/* The connections of the staff actions (internal; route.c). */
#ifndef DSC_ENGINE_ROUTE_H
#define DSC_ENGINE_ROUTE_H

#include "engine_int.h"

/* Routing (route.c): the connection a read group of staff actions goes
 * to — the engine's own, or once busy is true the second one, opened then,
 * when it has fewer actions under way — and the count of actions under
 * way on each, which begin adds to and end takes from. */
dsc__pg_t *dsc__route_pick(dsc_engine_t *e, bool busy);
void dsc__route_begin(dsc_engine_t *e, const dsc__pg_t *pg);
void dsc__route_end(dsc_engine_t *e, const dsc__pg_t *pg);

/* The connection for work that needs no order against other work (a read,
 * a session check, a group of submissions, each its own transaction): the
 * engine's own, or, when the engine spreads its work (options.connections
 * 2), the one with fewer batches outstanding, the second opened the first
 * time the engine's own has any. */
dsc__pg_t *dsc__route_spread(dsc_engine_t *e);

#endif
