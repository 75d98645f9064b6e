/* The requests with a staff action under way, and the actions waiting
 * behind each, in call order (internal; act.c keeps "one action at a time
 * per request" with it). An open-addressing table with linear probing and
 * deletion without tombstones: it holds at most the actions of a few loop
 * turns, and is looked up once per action. */
#ifndef DSC_ENGINE_BUSY_H
#define DSC_ENGINE_BUSY_H

#include <stdbool.h>
#include <stdint.h>

#include "engine_int.h"

typedef struct dsc__busy dsc__busy_t;

/* Claims request id (> 0) for op: *holds is true when no action was under
 * way on it, so op holds it now; false when op was queued behind the
 * holder. *table is made on first use. DSC_NOMEM (op not queued). */
dsc_err_t dsc__busy_claim(dsc__busy_t **table, int64_t id, dsc__op_t *op,
                          bool *holds);

/* The holder of id ended: returns the first op waiting on id, which holds
 * it now, or NULL when none waits and id is free again. */
dsc__op_t *dsc__busy_pass(dsc__busy_t *table, int64_t id);

/* Moves every waiting op, of every request, to the end of *into (for
 * failing them when the engine closes). */
void dsc__busy_drain(dsc__busy_t *table, dsc__op_queue_t *into);

/* Frees the table (its queues must be empty). Accepts NULL. */
void dsc__busy_free(dsc__busy_t *table);

#endif
