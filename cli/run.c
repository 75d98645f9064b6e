/* The run-until-done helper of `disclose`: the CLI drives the same
 * asynchronous engine as the daemon, one operation at a time (DESIGN
 * principle 3: no second, blocking code path). The work is front.c's,
 * shared with disclose-stats; this file gives it cli_t's fields and prints
 * the errors as `disclose`. */
#include "cli.h"
#include "front.h"

void cli_store_result(dsc_engine_t *e, dsc_result_t *r, void *data) {
  cli_t *c = data;
  (void)e;
  dsc_front_keep_result(&c->res, &c->done, r);
}

void cli_wait(cli_t *c) { dsc_front_wait(&c->loop, &c->done); }

int cli_engine_open(cli_t *c) {
  dsc_detail_t d;
  dsc_err_t err = dsc_front_engine_open(&c->loop, NULL, NULL, &c->engine, &d);

  return err != DSC_OK ? cli_fail(c, err, &d) : 0;
}

void cli_engine_close(cli_t *c) {
  if (c->engine != NULL)
    dsc_front_engine_close(&c->loop, &c->engine, &c->res);
}

int cli_finish(cli_t *c, dsc_err_t started) {
  if (started != DSC_OK)
    return cli_fail(c, started, NULL);
  cli_wait(c);
  if (c->res.err != DSC_OK)
    return cli_fail(c, c->res.err, &c->res.detail);
  return 0;
}
