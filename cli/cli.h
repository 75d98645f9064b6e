/* The staff CLI's shared pieces: argument parsing, the run-until-done
 * helper over the asynchronous engine, and locale-aware output. */
#ifndef DSC_CLI_H
#define DSC_CLI_H

#include <stdbool.h>
#include <stdint.h>

#include "disclose/disclose.h"
#include "identity.h"

#define CLI_MAX_POSITIONAL 4
#define CLI_MAX_ROLES 8

typedef struct cli {
  /* options */
  const char *as, *on_text, *to, *outcome, *text_file, *comment, *channel;
  const char *url, *reason, *name, *kind, *result, *state, *assignee;
  const char *due_within, *note, *reply_within, *agency, *pages, *method;
  const char *amount, *days, *backdate_reason, *limit, *after;
  const char *backdate_workdays;
  const char *supplement_reply; /* agency set --supplement-reply-within */
  /* agency set --<letter setting> VALUE (migrations/0020): which, and its
   * value; one per call */
  const char *letter_setting, *letter_value;
  const char *delivered_on, *notified_on, *authority; /* issue 12 */
  const char *late_reason;
  const char *duplicate_of; /* draft not_processed.duplicate (Art. 36(六)) */
  const char *anchor, *against; /* verify: the anchor files */
  /* issue 14: letter (--format, --corrects), deliver (--letter,
   * --tracking), list --undelivered N, agency set --require-letter, and the
   * draft's facts for its letter (--law, --refer-to, --refer-contact) */
  const char *format, *corrects, *letter, *tracking, *undelivered;
  const char *require_letter, *law, *refer_to, *refer_contact, *number;
  bool preview, list; /* letter --preview, letter --list */
  const char *roles[CLI_MAX_ROLES];
  int nroles;
  bool json, help, approve, reject, overdue, explain;
  bool general; /* appeal --general: about the agency's work, no request */
  const char *pos[CLI_MAX_POSITIONAL];
  int npos;
  /* issue 15: over the network (remote.h) */
  const char *server; /* --server URL or DISCLOSE_SERVER; NULL: in-process */
  const char *cacert; /* --cacert FILE or DISCLOSE_CACERT: a center's CA */
  struct cli_remote *remote; /* the HTTP client while server is set */
  bool as_owner; /* migrate: no identity asked (the schema may not exist
                    yet); the operator's connection */
  /* environment */
  dsc_lang_t lang;
  dsc_ctx_t ctx;
  dsc_front_identity_t identity; /* who is connected; ctx.actor points here */
  /* the engine */
  uv_loop_t loop;
  dsc_engine_t *engine;
  bool done;
  dsc_result_t res; /* copy of the last result; json owned here */
} cli_t;

/* Prints "disclose: <kind>: <message>" on stderr and returns the exit
 * code of err. */
int cli_fail(const cli_t *c, dsc_err_t err, const dsc_detail_t *detail);
int cli_failf(const cli_t *c, dsc_err_t err, const char *field, const char *en,
              const char *zh);

/* Starts the engine (DISCLOSE_DB or the conninfo file). */
int cli_engine_open(cli_t *c);
/* Runs the loop until the pending operation called back. */
void cli_wait(cli_t *c);
/* Waits for the operation `started` queued (its return value given) and
 * returns 0, or prints its error and returns the exit code. */
int cli_finish(cli_t *c, dsc_err_t started);
/* Closes the engine and the loop. */
void cli_engine_close(cli_t *c);
/* The callback every CLI operation uses: stores the result in c->res. */
void cli_store_result(dsc_engine_t *e, dsc_result_t *r, void *data);

/* Shared by the command files (main.c). */
int cli_usage_error(const cli_t *c, const char *en, const char *zh);
/* A positive request id in *out, or an exit code (message printed). */
int cli_parse_id(const cli_t *c, const char *text, const char *field,
                 int64_t *out);
/* A whole number in [lo, hi] in *out, or an exit code (message printed). */
int cli_parse_count(const cli_t *c, const char *text, const char *field, int lo,
                    int hi, int *out);
/* After an action: the request's show object (--json) or a line. */
int cli_report_request(cli_t *c, int64_t id, const char *verb_en,
                       const char *verb_zh);
/* Applies action to the request named by the first argument. */
/* The arguments every action takes from the command line: the backdating
 * reason, a letter's delivery date, the extension notice's date, a late
 * supplement's reason, the request a duplicate repeats (the engine refuses
 * each where it does not belong). 0, or the exit code of a malformed one
 * (message printed). */
int cli_common_args(const cli_t *c, dsc_action_args_t *a);
int cli_act(cli_t *c, dsc_action_t action, const dsc_action_args_t *args,
            const char *verb_en, const char *verb_zh);

/* The clock's commands (clock.c). */
int cli_cmd_request_supplement(cli_t *c);
int cli_cmd_supplement_received(cli_t *c);
int cli_cmd_consult_third_party(cli_t *c);
int cli_cmd_third_party_replied(cli_t *c);
int cli_cmd_consult_agency(cli_t *c);
int cli_cmd_delivered(cli_t *c);
int cli_cmd_refer_secrecy(cli_t *c);
int cli_cmd_secrecy_replied(cli_t *c);
int cli_cmd_agency_replied(cli_t *c);
int cli_cmd_fee_quote(cli_t *c);
int cli_cmd_fee_notice(cli_t *c);
int cli_cmd_fee_paid(cli_t *c);
int cli_cmd_extend(cli_t *c);
int cli_cmd_require_reasons(cli_t *c);
int cli_cmd_reasons_received(cli_t *c);
int cli_cmd_longer_period(cli_t *c);
int cli_cmd_calendar_import(cli_t *c);
int cli_cmd_calendar_due(cli_t *c);

/* The staff commands (staff.c). */
int cli_cmd_staff_add(cli_t *c);
int cli_cmd_staff_roles(cli_t *c);
int cli_cmd_staff_disable(cli_t *c);
int cli_cmd_staff_password(cli_t *c);
/* The agency commands (agency.c). */
int cli_cmd_agency_add(cli_t *c);
int cli_cmd_agency_set(cli_t *c);
/* The letters (letter.c). */
int cli_cmd_letter(cli_t *c);
int cli_cmd_deliver(cli_t *c);
int cli_cmd_list_undelivered(cli_t *c);
int cli_cmd_agency_require_letter(cli_t *c);
/* `disclose verify` (verify.c). */
int cli_cmd_verify(cli_t *c);

/* Human output. */
void cli_print_show(const cli_t *c, const cJSON *o);
void cli_print_list(const cli_t *c, const cJSON *arr);
void cli_print_json(const cJSON *o);
/* show --explain: the day-by-day account of the due date (o is the show
 * object with its "explain"). */
void cli_print_explain(const cli_t *c, const cJSON *o);
/* fee-quote: the arithmetic and the amount. */
void cli_print_fee_quote(const cli_t *c, const cJSON *o);
/* calendar import: what was imported and what moved. */
void cli_print_import(const cli_t *c, const cJSON *o);
/* The locale's name of a hold kind ("third party consultation"). */
const char *cli_hold_label(const cli_t *c, const char *kind);
const char *cli_tr(const cli_t *c, const char *en, const char *zh);

#endif
