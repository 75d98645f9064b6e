/* The workers of `disclosed` (CONTRACT §7, §8): one pass for the business
 * date at start, then on a timer — the deadline sweep (dsc_deadline_sweep),
 * then the statistics sweep (dsc_stats_sweep). Passes never overlap: a tick
 * that finds one running is skipped. */
#ifndef DSC_WORKERS_DEADLINE_WORKER_H
#define DSC_WORKERS_DEADLINE_WORKER_H

#include <stdbool.h>

#include "disclose/disclose.h"

typedef struct deadline_worker {
  dsc_engine_t *engine;
  uv_timer_t timer;
  unsigned interval_ms;
  bool running;        /* a pass is in flight */
  bool once;           /* stop after the first pass */
  bool logged_failure; /* an outage is logged once, not every tick */
  void (*finished)(struct deadline_worker *w, dsc_err_t err); /* --once */
  void *data;
} deadline_worker_t;

/* Starts the worker on loop; the first pass runs at once. */
void deadline_worker_start(deadline_worker_t *w, uv_loop_t *loop,
                           dsc_engine_t *engine);

/* Runs a pass now (a NOTIFY said the calendar changed); skipped when one
 * is in flight, and before the worker started. */
void deadline_worker_poke(deadline_worker_t *w);

/* Stops the timer (the pass in flight, if any, ends with the engine). */
void deadline_worker_stop(deadline_worker_t *w);

/* The business date: DISCLOSE_TODAY, else today in Asia/Shanghai. */
dsc_date_t deadline_worker_today(void);

#endif
