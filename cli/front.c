/* The two CLIs' shared front end (see front.h): the run-until-done helper,
 * the whole-file reader and the option table. */
#include "front.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conninfo.h"

/* ---- the engine, run until done ---------------------------------------- */

dsc_err_t dsc_front_engine_open(uv_loop_t *loop, dsc_log_cb notify,
                                void *notify_data, dsc_engine_t **engine,
                                dsc_detail_t *detail) {
  dsc_engine_options_t opts = {0};
  char *conninfo = dsc_front_conninfo();
  dsc_err_t err;

  dsc_detail_clear(detail);
  if (conninfo == NULL)
    return dsc_detail_set(
        detail, DSC_UNAVAILABLE, "DISCLOSE_DB",
        "no database configured: set DISCLOSE_DB or run ops/up",
        "未配置数据库：请设置 DISCLOSE_DB 或运行 ops/up");
  uv_loop_init(loop);
  opts.conninfo = conninfo;
  opts.fail_fast = true;
  opts.connect_timeout_ms = 10000;
  opts.notify = notify;
  opts.notify_data = notify_data;
  err = dsc_engine_create(loop, &opts, engine);
  free(conninfo);
  if (err != DSC_OK)
    uv_loop_close(loop);
  return err;
}

void dsc_front_wait(uv_loop_t *loop, bool *done) {
  while (!*done)
    uv_run(loop, UV_RUN_ONCE);
  *done = false;
}

void dsc_front_keep_result(dsc_result_t *res, bool *done, dsc_result_t *r) {
  cJSON_Delete(res->json);
  *res = *r;
  r->json = NULL; /* kept in *res */
  *done = true;
}

static void on_engine_closed(void *data) { *(bool *)data = true; }

void dsc_front_engine_close(uv_loop_t *loop, dsc_engine_t **engine,
                            dsc_result_t *res) {
  /* A flag of its own, not the operations' done: dsc_engine_close fails
   * the operations still queued, whose callbacks set that one before the
   * engine has closed. */
  bool closed = false;

  if (*engine != NULL) {
    dsc_engine_close(*engine, on_engine_closed, &closed);
    dsc_front_wait(loop, &closed);
    *engine = NULL;
  }
  uv_run(loop, UV_RUN_DEFAULT); /* let every close callback run */
  uv_loop_close(loop);
  cJSON_Delete(res->json);
  res->json = NULL;
}

/* ---- input files ------------------------------------------------------- */

char *dsc_front_read_file(const char *path, size_t max, size_t *len) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  char *buf;
  size_t n = 0;

  if (f == NULL)
    return NULL;
  buf = malloc(max + 1);
  if (buf) {
    n = fread(buf, 1, max + 1, f);
    buf[n > max ? max : n] = '\0';
    if (ferror(f)) { /* a directory, an I/O error: not an empty document */
      free(buf);
      buf = NULL;
    }
  }
  if (f != stdin)
    fclose(f);
  *len = n; /* n > max tells the caller the input was too long */
  return buf;
}

/* ---- the command line -------------------------------------------------- */

const dsc_front_flag_t *dsc_front_flag_find(const dsc_front_flag_t *table,
                                            size_t n, const char *name) {
  for (size_t k = 0; k < n; k++)
    if (strcmp(table[k].name, name) == 0)
      return &table[k];
  return NULL;
}

bool dsc_front_flag_set(const dsc_front_flag_t *f, void *opts, int argc,
                        char **argv, int *i) {
  if (!f->takes_value) {
    *(bool *)((char *)opts + f->offset) = true;
    return true;
  }
  if (*i + 1 >= argc)
    return false;
  *(const char **)((char *)opts + f->offset) = argv[++*i];
  return true;
}
