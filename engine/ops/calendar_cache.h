/* The working-day calendar an engine holds, loaded once and shared by its
 * operations (internal; calendar_cache.c). */
#ifndef DSC_ENGINE_CALENDAR_CACHE_H
#define DSC_ENGINE_CALENDAR_CACHE_H

#include "engine_int.h"

/* Runs then(op) once the engine holds the working-day calendar, loading it
 * first if needed; fails op with the load's error otherwise. Only from loop
 * callbacks (then may run before this returns). */
void dsc__calendar_need(dsc__op_t *op, void (*then)(dsc__op_t *op));

/* Starts op with the calendar loaded, from a loop callback: one ping round
 * trip first, so that nothing runs inside the public call and an
 * unreachable database is reported as such; then then(op). DSC_OK, or
 * DSC_NOMEM with op discarded: a public call ends with
 * `return dsc__op_start_with_calendar(op, then);`. */
dsc_err_t dsc__op_start_with_calendar(dsc__op_t *op,
                                      void (*then)(dsc__op_t *op));

/* Starts loading the calendar unless it is loaded or loading; the engine
 * is kicked when it arrives (the intake flush waits for it). */
void dsc__calendar_load(dsc_engine_t *e);

/* Drops the loaded calendar: the next need reloads it (after an import, or
 * when the deadline worker sees a newer generation). */
void dsc__calendar_forget(dsc_engine_t *e);

/* Fails every op waiting for the calendar (closing). */
void dsc__calendar_fail_waiters(dsc_engine_t *e, dsc_err_t err,
                                const dsc_detail_t *detail);

#endif
