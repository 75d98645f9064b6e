/* The deadline worker's pass, page by page (internal): refresh the
 * calendar, re-derive stale deadlines, apply lapses, write escalations.
 * `calendar import` runs the first two phases after it commits. */
#ifndef DSC_ENGINE_SWEEP_H
#define DSC_ENGINE_SWEEP_H

#include "engine_int.h"
#include "row.h"

typedef struct dsc__sweep dsc__sweep_t;
struct dsc__sweep {
  dsc__op_t *op;      /* the operation the pass serves; failed on error */
  dsc_date_t today;   /* the business date */
  bool rederive_only; /* stop after re-deriving (calendar import) */
  void (*done)(dsc__sweep_t *sw); /* the pass ended well */
  /* progress */
  int phase;
  /* The keyset of the phase's pages: after (after_gen or after_date,
   * after_id), by the index each page walks; `started` once a page of the
   * phase has returned rows. */
  bool started;
  int64_t after_gen;     /* calendar_generation (stale page) */
  dsc_date_t after_date; /* hold_lapses_on (lapses) or due_on (escalations) */
  int64_t after_id;
  int page_rows;
  int rederived, moved, lapsed, due_soon, overdue;
};

/* Starts the pass. sw must be the first member of sw->op's state (the
 * calendar reload resumes from the op) and live until done runs or sw->op
 * is failed. */
void dsc__sweep_run(dsc__sweep_t *sw);

#endif
