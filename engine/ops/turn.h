/* What the engine runs of its subsystems at the end of each loop turn and
 * when it closes (internal). Only engine.c, which registers the turn, and
 * the files that define these include it: no operation calls another
 * subsystem's queue by name. */
#ifndef DSC_ENGINE_TURN_H
#define DSC_ENGINE_TURN_H

#include "engine_int.h"

/* Moves what other threads handed over into the intake queue (submit.c);
 * the inbox's async handle calls it on the loop thread. */
void dsc__submit_take_inbox(dsc_engine_t *e);

/* The group commit (submit.c), run at the end of each loop turn. */
void dsc__submit_flush(dsc_engine_t *e);

/* The staff actions queued in this turn (act.c), read with one statement;
 * run at the end of each loop turn. */
void dsc__act_flush(dsc_engine_t *e);

/* Fails the actions not yet read and those waiting behind another action
 * on their request (closing). */
void dsc__act_close(dsc_engine_t *e);

/* Frees what act.c keeps in the engine (its last moment). */
void dsc__act_free(dsc_engine_t *e);

#endif
