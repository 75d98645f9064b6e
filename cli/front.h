/* What the two CLIs — `disclose` (main.c, run.c, …; cli.h) and
 * `disclose-stats` (stats_*.c; stats_cli.h) — share besides conninfo.c,
 * identity.c and lang.c: the run-until-done helper over the asynchronous
 * engine (DESIGN principle 3: the CLIs drive the same engine as the daemon,
 * one operation at a time, with no second, blocking code path), the
 * whole-file reader and the option table of a command line.
 *
 * Each CLI keeps its own struct (cli_t, stats_t), its messages and its
 * exit codes: these functions take the fields they work on and return
 * codes, and the callers print. */
#ifndef DSC_CLI_FRONT_H
#define DSC_CLI_FRONT_H

#include <stdbool.h>
#include <stddef.h>

#include "disclose/disclose.h"

/* ---- the engine, run until done ---------------------------------------- */

/* Initialises *loop and creates the engine on it (OUT: *engine), connecting
 * to DISCLOSE_DB or the conninfo file (dsc_front_conninfo), failing fast
 * and giving up connecting after 10 s; notify (may be NULL) receives the
 * NOTIFY payloads of channel `disclose`. DSC_OK; or the error with *detail
 * set — its code DSC_OK when the error's own message says it all — and no
 * loop left open: DSC_UNAVAILABLE (field DISCLOSE_DB) when no database is
 * configured, else what dsc_engine_create returns. */
dsc_err_t dsc_front_engine_open(uv_loop_t *loop, dsc_log_cb notify,
                                void *notify_data, dsc_engine_t **engine,
                                dsc_detail_t *detail);

/* Runs loop until *done — which the pending operation's callback sets —
 * and clears it for the next operation. */
void dsc_front_wait(uv_loop_t *loop, bool *done);

/* The work of a CLI's dsc_result_cb: moves *r into *res (freeing the JSON
 * *res held; r->json becomes NULL, so the JSON is now the CLI's) and sets
 * *done. */
void dsc_front_keep_result(dsc_result_t *res, bool *done, dsc_result_t *r);

/* Closes *engine, when not NULL, and runs loop until it has closed (then
 * *engine is NULL); runs loop until every other close callback has run,
 * closes it and frees res->json. */
void dsc_front_engine_close(uv_loop_t *loop, dsc_engine_t **engine,
                            dsc_result_t *res);

/* ---- input files ------------------------------------------------------- */

/* The file at path ("-": standard input) in a NUL-terminated buffer the
 * caller frees (free), at most max bytes of it; *len is the count read,
 * max + 1 when the file is longer, which tells the caller to refuse it.
 * NULL when the file cannot be opened (*len untouched, errno set) or read
 * (a directory, an I/O error), or memory is short. */
char *dsc_front_read_file(const char *path, size_t max, size_t *len);

/* ---- the command line -------------------------------------------------- */

/* One option in a CLI's table: where it goes in the CLI's options struct —
 * a const char * set to the next argument when it takes a value, else a
 * bool set to true — and, for disclose-stats, the commands that take it
 * (a bit set; disclose's options are checked by each command, and leave it
 * 0). */
typedef struct dsc_front_flag {
  const char *name; /* "--as" */
  size_t offset;    /* of the const char * or bool in the options struct */
  bool takes_value;
  unsigned commands; /* disclose-stats: the commands that take it */
} dsc_front_flag_t;

/* A table row: DSC_FRONT_STR_FLAG(cli_t, "--as", as, 0). */
#define DSC_FRONT_STR_FLAG(type, name, field, commands)                        \
  { name, offsetof(type, field), true, commands }
#define DSC_FRONT_BOOL_FLAG(type, name, field, commands)                       \
  { name, offsetof(type, field), false, commands }

/* The option of table[0..n) named name; NULL when there is none. */
const dsc_front_flag_t *dsc_front_flag_find(const dsc_front_flag_t *table,
                                            size_t n, const char *name);

/* Sets option f, found at argv[*i], in opts (the struct its offset is in):
 * a switch to true; a value option to argv[*i + 1], advancing *i past it.
 * false, setting nothing, when a value option is the last argument. */
bool dsc_front_flag_set(const dsc_front_flag_t *f, void *opts, int argc,
                        char **argv, int *i);

#endif
