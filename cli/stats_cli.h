/* `disclose-stats`, the supervisors' CLI (CONTRACT §9): the pieces its
 * files share — the parsed command line, the engine helpers, error lines
 * and display-width text helpers. */
#ifndef DSC_STATS_CLI_H
#define DSC_STATS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "disclose/disclose.h"
#include "disclose/report.h"
#include "disclose/stats.h"
#include "identity.h"

/* At most this many --set per command (section 二 has ten figures). */
#define STATS_MAX_SETS 32

/* The terminal width every human rendering fits in. */
#define STATS_COLUMNS 80

typedef struct stats {
  /* the command line */
  const char *command; /* "dashboard" | "annual-report" | "active" | "text" */
  const char *as, *due_within, *year, *agency, *format, *active;
  const char *section, *file;
  const char *sets[STATS_MAX_SETS]; /* active --set KEY=VALUE, in order */
  int nsets;
  bool json, watch, diff, help;
  bool no_bom; /* annual-report --no-bom: the CSV without its BOM */
  /* the environment */
  dsc_lang_t lang;
  bool today_fixed; /* DISCLOSE_TODAY was given */
  dsc_ctx_t ctx;
  dsc_front_identity_t identity; /* who is connected; ctx.actor points here */
  /* the engine */
  uv_loop_t loop;
  dsc_engine_t *engine;
  bool done;
  dsc_result_t res; /* the last result; json owned here */
} stats_t;

/* ---- stats_main.c ------------------------------------------------------ */

/* Prints "disclose-stats: <kind>: <message>" on stderr and returns the
 * exit code of err. */
int stats_fail(const stats_t *s, dsc_err_t err, const dsc_detail_t *detail);
int stats_failf(const stats_t *s, dsc_err_t err, const char *field,
                const char *en, const char *zh);
const char *stats_tr(const stats_t *s, const char *en, const char *zh);

/* A usage error (exit DSC_USAGE's code, through stats_fail) whose message,
 * already in the user's language, is printf'd from fmt. */
int stats_usagef(const stats_t *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Starts the engine (DISCLOSE_DB or the conninfo file); notify (may be
 * NULL) receives the NOTIFY payloads of channel `disclose`. Returns 0 or
 * the exit code after printing the error. */
int stats_engine_open(stats_t *s, dsc_log_cb notify, void *notify_data);
/* Runs the loop until the pending operation called back. */
void stats_wait(stats_t *s);
/* Closes the engine, runs the loop dry and closes it. */
void stats_engine_close(stats_t *s);
/* A dsc_result_cb that keeps the result in s->res. */
void stats_store_result(dsc_engine_t *e, dsc_result_t *r, void *data);
/* "Today" for a new operation: DISCLOSE_TODAY, or the Shanghai date now. */
void stats_refresh_today(stats_t *s);
/* Reads a whole file (at most max bytes) into a NUL-terminated malloc'd
 * buffer; NULL when it cannot be read, holds a NUL byte or is larger. */
char *stats_read_file(const char *path, size_t max, size_t *len);

/* ---- the commands ------------------------------------------------------ */

int stats_dashboard(stats_t *s);     /* stats_dashboard.c */
int stats_annual_report(stats_t *s); /* stats_report.c */
int stats_active(stats_t *s);        /* stats_sections.c */
int stats_text(stats_t *s);          /* stats_sections.c */

/* ---- stats_text.c ------------------------------------------------------ */

/* Display columns of UTF-8 text (East Asian wide characters count 2). */
int stats_width(const char *s);
/* Copies s into buf (size n), cut at a character boundary so that it takes
 * at most max display columns ("…" marks a cut). Returns buf. */
char *stats_fit(const char *s, int max, char *buf, size_t n);
/* Prints s left-aligned (or right-aligned) in width display columns. */
void stats_put_left(FILE *f, const char *s, int width);
void stats_put_right(FILE *f, const char *s, int width);
/* Prints v as JSON with 2-space indentation and a final newline; members
 * in their order, so equal documents print byte-identical. */
void stats_put_json(FILE *f, const cJSON *v);

/* --year: 1 to 4 ASCII digits into *out; false otherwise. */
bool stats_parse_year(const char *t, int *out);

/* JSON accessors that tolerate missing members. */
const char *stats_str(const cJSON *o, const char *key);
double stats_num(const cJSON *o, const char *key, double dflt);
bool stats_is_num(const cJSON *o, const char *key);

#endif
