/* Who acts: the front ends' identity, from the database connection. */
#ifndef DSC_CLI_IDENTITY_H
#define DSC_CLI_IDENTITY_H

#include <stdbool.h>

#include "disclose/disclose.h"

/* The identity settled for one command. */
typedef struct dsc_front_identity {
  char login[72]; /* the connected database role */
  char kind[16];  /* operator | staff | engine | none (dsc_engine_whoami) */
  char actor[72]; /* who acts; "" when nobody is named (the operator's reads) */
} dsc_front_identity_t;

/* Asks the database who is connected (running loop until it answers) and
 * settles ctx->actor (pointing into *id) and ctx->today (CONTRACT §2, §5):
 *   - the operator acts as `as` (--as or DISCLOSE_ACTOR; may be NULL), and
 *     a pinned today (today_pinned: ctx->today already holds
 *     DISCLOSE_TODAY) is honoured;
 *   - a staff member acts as themselves: `as` naming anyone else is
 *     DSC_FORBIDDEN (field "as");
 *   - the daemon's role acts as `system` only;
 *   - any other role is DSC_FORBIDDEN (field "actor").
 * For everyone but the operator, "today" is the server's business date,
 * and a DISCLOSE_TODAY that differs from it is DSC_FORBIDDEN. *detail
 * names the field. */
dsc_err_t dsc_front_identify(dsc_engine_t *engine, uv_loop_t *loop,
                             const char *as, bool today_pinned, dsc_ctx_t *ctx,
                             dsc_front_identity_t *id, dsc_detail_t *detail);

#endif
