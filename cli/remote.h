/* `disclose --server URL …`: the staff CLI over the HTTP API (issue 15;
 * docs/api.md, docs/operations.md "Staff on their own machines").
 *
 * remote.c is the client: one blocking libcurl handle (the CLI has no
 * event loop of its own in this mode), the session token store in
 * $XDG_CONFIG_HOME/disclose/sessions, and the error bodies mapped back
 * through the one error table. remote_cmds.c says which command goes to
 * which endpoint, and does login, logout and the calls the in-process
 * commands make (show, list, submit, every action of a request, the fee
 * quote, appeals, letters and their delivery, staff and agencies).
 *
 * The command functions of main.c, clock.c … run unchanged for the
 * commands the API serves: they check their options as in-process, and
 * where they would call the engine they call cli_remote_* instead when
 * c->remote is set. So the output and the exit codes are the in-process
 * CLI's, by construction. */
#ifndef DSC_CLI_REMOTE_H
#define DSC_CLI_REMOTE_H

#include <stdbool.h>
#include <stdint.h>

#include "cli.h"

/* The longest --server URL taken, and the longest token kept. */
#define CLI_REMOTE_URL_MAX 512
#define CLI_REMOTE_TOKEN_MAX 128

/* ---- remote.c: the client and the token store ---------------------------
 */

/* Sets up c->remote for c->server (already chosen from --server or
 * DISCLOSE_SERVER): the URL must be http(s)://host[:port][/prefix] without
 * credentials, query or fragment, and plain http only to the loopback
 * (a password and a token never cross a network in clear). 0, or the exit
 * code (message printed). */
int cli_remote_open(cli_t *c);
/* Frees c->remote and libcurl's global state. Accepts c->remote NULL. */
void cli_remote_close(cli_t *c);

/* The server's URL as the token store keys it (no trailing '/'). */
const char *cli_remote_base(const cli_t *c);

/* One request: method ("GET", "POST", "PUT", "DELETE") on path (starting
 * with "/api/v1/", query included, already escaped), with body (NULL: no
 * body) as application/json; with auth, the stored session's
 * "Authorization: Bearer" header (no session stored: exit 15, saying how
 * to log in). On a 2xx status the reply's JSON is in c->res.json (an empty
 * object for an empty reply) and 0 is returned; otherwise the error body's
 * kind, field and message are printed as the in-process CLI prints an
 * error and its exit code is returned (kind → dsc_err_t through
 * DSC_ERROR_MAP, then dsc_err_exit_code); a 401 of an authenticated call
 * says to log in again. body_secret: the body holds a password, and its
 * text is wiped once sent. */
int cli_remote_call(cli_t *c, const char *method, const char *path,
                    const cJSON *body, bool auth, bool body_secret);

/* cli_remote_call's work without printing: token (NULL: none) as the
 * bearer; DSC_OK with the reply's JSON in c->res.json, or the error with
 * *d set. */
dsc_err_t cli_remote_request(cli_t *c, const char *method, const char *path,
                             const cJSON *body, const char *token,
                             bool body_secret, dsc_detail_t *d);

/* Escapes s for a URL's query (curl_easy_escape) into out; false when it
 * does not fit. */
bool cli_remote_escape(cli_t *c, const char *s, char *out, size_t cap);

/* The session token stored for this server, in out (cap bytes): 1 when
 * there is one, 0 when there is none, or minus the exit code when the
 * store may not be read (group- or world-readable, not the user's: exit
 * 5; message printed). */
int cli_remote_token_get(cli_t *c, char *out, size_t cap);
/* Stores token for this server (token NULL: forgets it), creating the
 * directory 0700 and writing the file 0600 through a new file renamed
 * over the old, so that it is never readable by others. 0, or the exit
 * code (message printed). */
int cli_remote_token_put(cli_t *c, const char *token);

/* ---- remote_cmds.c: the commands --------------------------------------- */

/* Runs command `name` (main.c's table) against the server: those the API
 * serves through their own run function (local), login and logout here,
 * the operator's (calendar, verify, migrate), which have no endpoint,
 * refused as not available over the network (exit 2). --as is a usage
 * error; DISCLOSE_TODAY is the server's business. */
int cli_remote_main(cli_t *c, const char *name, int (*local)(cli_t *c));

/* `disclose --server URL login [LOGIN]` and `logout` (in main.c's table;
 * without a server they are usage errors). */
int cli_cmd_login(cli_t *c);
int cli_cmd_logout(cli_t *c);

/* What the command functions call instead of the engine when c->remote is
 * set; each leaves the reply's JSON in c->res.json and returns 0, or
 * prints the error and returns its exit code. */
/* POST …/actions/{action}: a (the CLI's parsed arguments) as the body, and
 * --on; c->res.json is the request as it now stands (its show object). */
int cli_remote_act(cli_t *c, int64_t id, dsc_action_t action,
                   const dsc_action_args_t *a);
/* GET /api/v1/requests/{id}[?explain=1]: the show object. */
int cli_remote_show(cli_t *c, int64_t id, bool explain);
/* GET /api/v1/requests?…: c->res.json is the array of show objects, as
 * dsc_request_list gives it. */
int cli_remote_list(cli_t *c, const dsc_list_filter_t *f);
/* POST /api/v1/requests: the submission json[0..len), checked first as
 * the engine checks it, with --on; c->res.json is the new request's show
 * object and c->res.id its id. */
int cli_remote_submit(cli_t *c, const char *json, size_t len);
/* `staff password LOGIN`: for one's own login PUT
 * /api/v1/session/password, which ends one's sessions (the token is
 * forgotten); for another's (an admin's) PUT /api/v1/staff/{login}/password.
 * c->res.json is the staff record. */
int cli_remote_password(cli_t *c, const char *password);

/* The bodies below carry --on as "on", as the actions' do. */
/* GET /api/v1/requests/{id}/fee-quote?pages=N[&method=M] (method NULL: the
 * cheaper): what dsc_request_fee_quote gives. */
int cli_remote_fee_quote(cli_t *c, int64_t id, int pages, const char *method);
/* POST /api/v1/requests/{id}/appeals, or with id 0 (appeal --general) POST
 * /api/v1/appeals with --agency: --kind and --result; the appeal. */
int cli_remote_appeal(cli_t *c, int64_t id);
/* POST /api/v1/appeals/{id}/decision with --result: the appeal. */
int cli_remote_appeal_decide(cli_t *c, int64_t id);
/* POST /api/v1/requests/{id}/letters: a's kind, preview, to and corrects
 * (a->templates is the server's: DISCLOSE_LETTERS_DIR there); the letter. */
int cli_remote_letter_issue(cli_t *c, int64_t id, const dsc_letter_args_t *a);
/* GET /api/v1/requests/{id}/letters: the array dsc_letter_list gives. */
int cli_remote_letter_list(cli_t *c, int64_t id);
/* GET /api/v1/requests/{id}/letters/{number}?format=json: the stored
 * letter, as dsc_letter_get gives it (the CLI formats it as in-process). */
int cli_remote_letter_get(cli_t *c, int64_t id, const char *number);
/* POST /api/v1/requests/{id}/deliveries with --method, --tracking,
 * --letter: the delivery. */
int cli_remote_deliver(cli_t *c, int64_t id);
/* GET /api/v1/letters/undelivered?days=N: the array
 * dsc_letter_undelivered gives. */
int cli_remote_undelivered(cli_t *c, int days);
/* `staff add` (POST /api/v1/staff with --name), `staff roles` (PUT
 * /api/v1/staff/{login}/roles) or `staff disable` (POST
 * /api/v1/staff/{login}/disable) for c->pos[0]; roles is the --role mask
 * (unused by disable). The staff record. */
int cli_remote_staff(cli_t *c, const char *verb, unsigned roles);
/* POST /api/v1/agencies: c->pos[0] with --name; the agency. */
int cli_remote_agency_add(cli_t *c);
/* PATCH /api/v1/agencies/{code} with the one setting key (PATCH's name,
 * '_' for '-') set to value (taken over, freed here): the engine's reply
 * to that one setting. */
int cli_remote_agency_set(cli_t *c, const char *key, cJSON *value);

#endif
