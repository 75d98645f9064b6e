/* The run-until-done helper: the CLI drives the same asynchronous engine as
 * the daemon, one operation at a time (DESIGN principle 3: no second,
 * blocking code path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conninfo.h"

void cli_store_result(dsc_engine_t *e, dsc_result_t *r, void *data) {
  cli_t *c = data;
  (void)e;
  cJSON_Delete(c->res.json);
  c->res = *r;
  r->json = NULL; /* kept in c->res */
  c->done = true;
}

void cli_wait(cli_t *c) {
  while (!c->done)
    uv_run(&c->loop, UV_RUN_ONCE);
  c->done = false;
}

int cli_engine_open(cli_t *c) {
  dsc_engine_options_t opts = {0};
  char *conninfo = dsc_front_conninfo();
  dsc_err_t err;

  if (conninfo == NULL)
    return cli_failf(c, DSC_UNAVAILABLE, "DISCLOSE_DB",
                     "no database configured: set DISCLOSE_DB or run ops/up",
                     "未配置数据库：请设置 DISCLOSE_DB 或运行 ops/up");
  uv_loop_init(&c->loop);
  opts.conninfo = conninfo;
  opts.fail_fast = true;
  opts.connect_timeout_ms = 10000;
  err = dsc_engine_create(&c->loop, &opts, &c->engine);
  free(conninfo);
  if (err != DSC_OK) {
    uv_loop_close(&c->loop);
    return cli_fail(c, err, NULL);
  }
  return 0;
}

static void on_engine_closed(void *data) {
  cli_t *c = data;
  c->engine = NULL;
  c->done = true;
}

void cli_engine_close(cli_t *c) {
  if (c->engine == NULL)
    return;
  dsc_engine_close(c->engine, on_engine_closed, c);
  c->done = false;
  cli_wait(c);
  uv_run(&c->loop, UV_RUN_DEFAULT); /* let every close callback run */
  uv_loop_close(&c->loop);
  cJSON_Delete(c->res.json);
  c->res.json = NULL;
}

int cli_finish(cli_t *c, dsc_err_t started) {
  if (started != DSC_OK)
    return cli_fail(c, started, NULL);
  cli_wait(c);
  if (c->res.err != DSC_OK)
    return cli_fail(c, c->res.err, &c->res.detail);
  return 0;
}
