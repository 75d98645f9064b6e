/* The deadline worker (see deadline_worker.h). */
#include "deadline_worker.h"

#include <stdio.h>
#include <stdlib.h>

dsc_date_t deadline_worker_today(void) {
  const char *t = getenv("DISCLOSE_TODAY");
  dsc_date_t d;
  if (t && *t && dsc_date_parse(t, &d) == DSC_OK)
    return d;
  return dsc_date_today_shanghai();
}

static void report_failure(deadline_worker_t *w, const char *what,
                           const dsc_result_t *r) {
  char msg[512];
  if (w->engine == NULL)
    return; /* stopped: the pass was cancelled by our own shutdown */
  if (!w->logged_failure || w->once)
    fprintf(stderr, "disclosed: %s: %s\n", what,
            dsc_detail_format(&r->detail, DSC_LANG_EN, msg, sizeof msg));
  w->logged_failure = true;
}

static void end_pass(deadline_worker_t *w, dsc_err_t err) {
  w->running = false;
  if (w->once && w->finished)
    w->finished(w, err);
}

/* The statistics worker (CONTRACT §8): a year that ended is compiled once
 * for every agency; on 1 January that is last year. */
static void on_stats(dsc_engine_t *e, dsc_result_t *r, void *data) {
  deadline_worker_t *w = data;
  const cJSON *c;
  (void)e;
  if (r->err != DSC_OK) {
    report_failure(w, "statistics worker", r);
  } else {
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(r->json, "compiled")) {
      fprintf(stderr,
              "disclosed: statistics worker: compiled the %d annual report "
              "of %s\n",
              cJSON_GetObjectItem(c, "year")->valueint,
              cJSON_GetObjectItem(c, "agency")->valuestring);
    }
  }
  end_pass(w, r->err);
}

static void on_pass(dsc_engine_t *e, dsc_result_t *r, void *data) {
  deadline_worker_t *w = data;
  dsc_ctx_t ctx = {
      .actor = "system", .on = DSC_DATE_NONE, .today = DSC_DATE_NONE};
  if (r->err != DSC_OK) {
    report_failure(w, "deadline worker", r);
    end_pass(w, r->err);
    return;
  } else {
    const cJSON *o = r->json;
    int lapsed = cJSON_GetObjectItem(o, "lapsed")->valueint;
    int moved = cJSON_GetObjectItem(o, "moved")->valueint;
    int soon = cJSON_GetObjectItem(o, "due_soon")->valueint;
    int overdue = cJSON_GetObjectItem(o, "overdue")->valueint;
    if (w->logged_failure)
      fprintf(stderr, "disclosed: workers: recovered\n");
    w->logged_failure = false;
    if (lapsed || moved || soon || overdue)
      fprintf(stderr,
              "disclosed: deadline worker: %d lapsed, %d deadlines moved, "
              "%d due soon, %d overdue\n",
              lapsed, moved, soon, overdue);
  }
  ctx.today = ctx.on = deadline_worker_today();
  if (dsc_stats_sweep(e, &ctx, on_stats, w) != DSC_OK)
    end_pass(w, DSC_NOMEM);
}

static void run_pass(deadline_worker_t *w) {
  dsc_ctx_t ctx = {
      .actor = "system", .on = DSC_DATE_NONE, .today = DSC_DATE_NONE};
  dsc_err_t err;

  if (w->running)
    return;
  ctx.today = ctx.on = deadline_worker_today();
  w->running = true;
  err = dsc_deadline_sweep(w->engine, &ctx, on_pass, w);
  if (err != DSC_OK) {
    w->running = false;
    if (w->once && w->finished)
      w->finished(w, err);
  }
}

static void on_tick(uv_timer_t *t) { run_pass(t->data); }

void deadline_worker_poke(deadline_worker_t *w) {
  if (w->engine && !w->once)
    run_pass(w);
}

void deadline_worker_start(deadline_worker_t *w, uv_loop_t *loop,
                           dsc_engine_t *engine) {
  const char *s = getenv("DISCLOSE_SWEEP_SECONDS");
  long seconds = s && *s ? strtol(s, NULL, 10) : 60;

  w->engine = engine;
  w->interval_ms =
      (unsigned)(seconds > 0 && seconds < 86400 ? seconds : 60) * 1000u;
  uv_timer_init(loop, &w->timer);
  w->timer.data = w;
  if (w->once) {
    run_pass(w);
    return;
  }
  uv_timer_start(&w->timer, on_tick, 0, w->interval_ms);
}

static void on_timer_closed(uv_handle_t *h) { (void)h; }

void deadline_worker_stop(deadline_worker_t *w) {
  if (w->engine == NULL)
    return;
  uv_timer_stop(&w->timer);
  uv_close((uv_handle_t *)&w->timer, on_timer_closed);
  w->engine = NULL;
}
