/* The connection's life (see pgloop.h and pgloop_int.h): the socket watch,
 * connecting without blocking, reconnecting with jittered backoff, a lost
 * connection and closing the handle. What travels on the connection is the
 * pipeline's (pgloop.c), which this file calls by name; the pipeline calls
 * back only through the two hooks dsc__pg_create sets (lost, flush).
 *
 * libpq on libuv. The rules this file keeps, from libuv's poll
 * documentation and libpq's asynchronous chapter (the results', from its
 * pipeline chapter, are pgloop.c's):
 *
 * - One uv_poll_t per socket, and never across a libpq call that may close
 *   or replace the socket: while connecting, the poll handle is closed
 *   before each PQconnectPoll and a new one made on PQsocket afterwards
 *   (a multi-host conninfo moves to another socket between attempts).
 *   uv_close removes the descriptor from epoll at once, so the descriptor
 *   is still open when libuv lets go of it.
 * - WRITABLE is watched only while PQflush reports unsent data; READABLE is
 *   always watched, and a readable socket is consumed even while flushing,
 *   so neither side can wait on the other.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "pgloop_int.h"

#define DSC_PG_BACKOFF_MIN_MS 100u
#define DSC_PG_BACKOFF_MAX_MS 5000u

/* ---- logging --------------------------------------------------------- */

static void pg_log(dsc__pg_t *pg, const char *what, const char *why) {
  char line[512];
  if (pg->opts.log == NULL)
    return;
  snprintf(line, sizeof line, "%s%s%s", what, why ? ": " : "", why ? why : "");
  /* libpq messages end in a newline; a log line does not. */
  line[strcspn(line, "\n")] = '\0';
  pg->opts.log(pg->opts.log_data, line);
}

static void quiet_notice(void *arg, const char *message) {
  (void)arg;
  (void)message; /* NOTICEs ("relation exists, skipping") are not errors */
}

/* ---- the socket watch -------------------------------------------------- */

static void on_handle_closed(uv_handle_t *h);
static void on_poll(uv_poll_t *poll, int status, int events);

static void unwatch(dsc__pg_t *pg) {
  if (pg->poll) {
    uv_close((uv_handle_t *)pg->poll, on_handle_closed);
    pg->poll = NULL;
    pg->poll_events = 0;
  }
}

static bool watch(dsc__pg_t *pg, int events) {
  int fd;

  if (pg->poll && pg->poll_events == events)
    return true;
  if (pg->poll == NULL) {
    fd = PQsocket(pg->conn);
    if (fd < 0)
      return false;
    pg->poll = dsc__calloc(1, sizeof *pg->poll);
    if (pg->poll == NULL)
      return false;
    if (uv_poll_init(pg->loop, pg->poll, fd) != 0) {
      /* Not yet known to the loop: free it directly. */
      dsc__free(pg->poll);
      pg->poll = NULL;
      return false;
    }
    pg->poll->data = pg;
    pg->open_handles++;
  }
  if (uv_poll_start(pg->poll, events, on_poll) != 0)
    return false;
  pg->poll_events = events;
  return true;
}

/* ---- connection life cycle ------------------------------------------- */

static void start_connect(dsc__pg_t *pg);

static unsigned backoff_ms(dsc__pg_t *pg) {
  unsigned base = DSC_PG_BACKOFF_MIN_MS;
  uint64_t z;

  for (unsigned i = 1; i < pg->attempts && base < DSC_PG_BACKOFF_MAX_MS; i++)
    base *= 2;
  if (base > DSC_PG_BACKOFF_MAX_MS)
    base = DSC_PG_BACKOFF_MAX_MS;
  /* ±25 % jitter, so that several engines do not reconnect in step. */
  z = (pg->rng += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 31)) * 0xBF58476D1CE4E5B9ull;
  return base - base / 4 + (unsigned)(z % (base / 2 + 1));
}

static void on_timer(uv_timer_t *t) {
  dsc__pg_t *pg = t->data;
  if (pg->state == DSC__PG_CONNECTING) { /* the attempt took too long */
    unwatch(pg);
    PQfinish(pg->conn);
    pg->conn = NULL;
    pg->state = DSC__PG_WAITING;
    if (!pg->outage_logged)
      pg_log(pg, "database unavailable", "connection timed out");
    pg->outage_logged = true;
    if (pg->opts.fail_fast)
      dsc__pg_fail_queue(&pg->pending, "connection timed out");
    uv_timer_start(&pg->timer, on_timer, backoff_ms(pg), 0);
    return;
  }
  if (pg->state == DSC__PG_WAITING)
    start_connect(pg);
}

/* The connection is gone: everything sent has an unknown outcome. */
static void connection_lost(dsc__pg_t *pg, const char *why) {
  char msg[256];

  snprintf(msg, sizeof msg, "%s", why ? why : "connection lost");
  msg[strcspn(msg, "\n")] = '\0';
  /* One line per outage, however many attempts it takes. */
  if (!pg->outage_logged)
    pg_log(pg, "database unavailable", msg);
  pg->outage_logged = true;
  unwatch(pg);
  if (pg->conn)
    PQfinish(pg->conn);
  pg->conn = NULL;
  pg->in_script = false;
  pg->merged_in_flight = 0;
  pg->flushing = false;
  pg->state = DSC__PG_WAITING;
  uv_timer_stop(&pg->timer);
  dsc__pg_fail_queue(&pg->merged, msg);
  dsc__pg_fail_queue(&pg->inflight, msg);
  if (pg->opts.fail_fast)
    dsc__pg_fail_queue(&pg->pending, msg);
  if (pg->state == DSC__PG_WAITING)
    uv_timer_start(&pg->timer, on_timer, backoff_ms(pg), 0);
}

static void connected(dsc__pg_t *pg) {
  dsc__pg_batch_t *setup;

  uv_timer_stop(&pg->timer);
  if (PQsetnonblocking(pg->conn, 1) != 0 ||
      PQenterPipelineMode(pg->conn) != 1) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return;
  }
  PQsetNoticeProcessor(pg->conn, quiet_notice, NULL);
  memset(pg->prepared, 0, sizeof pg->prepared);
  memset(pg->prepare_sent, 0, sizeof pg->prepare_sent);
  if (pg->outage_logged)
    pg_log(pg, "database reachable again", NULL);
  pg->outage_logged = false;
  pg->attempts = 0;
  pg->state = DSC__PG_READY;
  if (!watch(pg, UV_READABLE)) {
    connection_lost(pg, "cannot watch the socket");
    return;
  }
  /* Session settings go first, ahead of any queued work. */
  setup = dsc__pg_batch_new(pg, NULL, NULL);
  if (setup &&
      dsc__pg_batch_add(setup, DSC_SQL_SESSION_SETUP, 0, NULL, NULL, NULL) ==
          DSC_OK &&
      (pg->opts.notify == NULL ||
       dsc__pg_batch_add(setup, DSC_SQL_LISTEN, 0, NULL, NULL, NULL) ==
           DSC_OK)) {
    setup->next = pg->pending.head;
    pg->pending.head = setup;
    pg->outstanding++; /* sent like any batch, finished like one */
    if (pg->pending.tail == NULL)
      pg->pending.tail = setup;
  } else {
    dsc__pg_batch_discard(setup);
  }
  dsc__pg_pump(pg);
}

static void connect_step(dsc__pg_t *pg) {
  PostgresPollingStatusType st;

  unwatch(pg); /* the socket may change inside PQconnectPoll */
  st = PQconnectPoll(pg->conn);
  switch (st) {
  case PGRES_POLLING_READING:
    if (!watch(pg, UV_READABLE))
      connection_lost(pg, "cannot watch the socket");
    break;
  case PGRES_POLLING_WRITING:
    if (!watch(pg, UV_WRITABLE))
      connection_lost(pg, "cannot watch the socket");
    break;
  case PGRES_POLLING_OK:
    connected(pg);
    break;
  case PGRES_POLLING_FAILED:
  case PGRES_POLLING_ACTIVE:
    connection_lost(pg, PQerrorMessage(pg->conn));
    break;
  }
}

static void start_connect(dsc__pg_t *pg) {
  unsigned timeout =
      pg->opts.connect_timeout_ms ? pg->opts.connect_timeout_ms : 10000u;
  pg->attempts++;
  pg->state = DSC__PG_CONNECTING;
  pg->conn = PQconnectStart(pg->conninfo);
  if (pg->conn == NULL) {
    connection_lost(pg, "out of memory");
    return;
  }
  if (PQstatus(pg->conn) == CONNECTION_BAD) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return;
  }
  uv_timer_start(&pg->timer, on_timer, timeout, 0);
  /* libpq: act as if PQconnectPoll had asked for a writable socket. */
  if (!watch(pg, UV_WRITABLE))
    connection_lost(pg, "cannot watch the socket");
}

/* ---- flushing --------------------------------------------------------- */

static bool flush(dsc__pg_t *pg) {
  int r = PQflush(pg->conn);
  if (r < 0) {
    connection_lost(pg, PQerrorMessage(pg->conn));
    return false;
  }
  pg->flushing = (r == 1);
  if (!watch(pg, pg->flushing ? UV_READABLE | UV_WRITABLE : UV_READABLE)) {
    connection_lost(pg, "cannot watch the socket");
    return false;
  }
  return true;
}

/* ---- the socket's events ----------------------------------------------- */

static void on_poll(uv_poll_t *poll, int status, int events) {
  dsc__pg_t *pg = poll->data;

  if (pg->state == DSC__PG_CONNECTING) {
    connect_step(pg);
    return;
  }
  if (pg->state != DSC__PG_READY)
    return;
  if (status < 0) {
    connection_lost(pg, uv_strerror(status));
    return;
  }
  if (events & UV_READABLE) {
    PGnotify *n;
    if (!PQconsumeInput(pg->conn)) {
      connection_lost(pg, PQerrorMessage(pg->conn));
      return;
    }
    while ((n = PQnotifies(pg->conn)) != NULL) {
      if (pg->opts.notify)
        pg->opts.notify(pg->opts.notify_data, n->extra ? n->extra : "");
      PQfreemem(n);
    }
  }
  if (pg->flushing && !flush(pg))
    return;
  dsc__pg_drain(pg);
}

/* ---- public (internal) API --------------------------------------------- */

dsc_err_t dsc__pg_create(uv_loop_t *loop, const char *conninfo,
                         const dsc__pg_options_t *opts, dsc__pg_t **out) {
  dsc__pg_t *pg;

  *out = NULL;
  pg = dsc__calloc(1, sizeof *pg);
  if (pg == NULL)
    return DSC_NOMEM;
  pg->conninfo = dsc__strdup(conninfo ? conninfo : "");
  if (pg->conninfo == NULL) {
    dsc__free(pg);
    return DSC_NOMEM;
  }
  if (opts)
    pg->opts = *opts;
  pg->loop = loop;
  pg->lost = connection_lost;
  pg->flush = flush;
  pg->rng = uv_hrtime() ^ (uint64_t)(uintptr_t)pg;
  uv_timer_init(loop, &pg->timer);
  uv_timer_init(loop, &pg->refuse);
  pg->refuse.data = pg;
  pg->timer.data = pg;
  pg->open_handles = 2;
  start_connect(pg);
  *out = pg;
  return DSC_OK;
}

bool dsc__pg_ready(const dsc__pg_t *pg) { return pg->state == DSC__PG_READY; }

char *dsc__pg_password_verifier(dsc__pg_t *pg, const char *user,
                                const char *password) {
  /* With the algorithm named, libpq computes the verifier locally and
   * uses the connection only for its settings and error text. */
  if (pg->conn == NULL || pg->state != DSC__PG_READY)
    return NULL;
  return PQencryptPasswordConn(pg->conn, password, user, "scram-sha-256");
}

static void on_handle_closed(uv_handle_t *h) {
  dsc__pg_t *pg = h->data;
  if (h != (uv_handle_t *)&pg->timer && h != (uv_handle_t *)&pg->refuse)
    dsc__free(h); /* a poll handle, allocated by watch() */
  if (--pg->open_handles == 0 && pg->state == DSC__PG_CLOSING) {
    void (*cb)(void *) = pg->close_cb;
    void *arg = pg->close_arg;
    dsc__free(pg->conninfo);
    dsc__free(pg);
    if (cb)
      cb(arg);
  }
}

void dsc__pg_close(dsc__pg_t *pg, void (*cb)(void *arg), void *arg) {
  if (pg == NULL || pg->state == DSC__PG_CLOSING)
    return;
  pg->state = DSC__PG_CLOSING;
  pg->close_cb = cb;
  pg->close_arg = arg;
  unwatch(pg);
  if (pg->conn)
    PQfinish(pg->conn);
  pg->conn = NULL;
  dsc__pg_fail_queue(&pg->merged, "engine closed");
  dsc__pg_fail_queue(&pg->inflight, "engine closed");
  dsc__pg_fail_queue(&pg->pending, "engine closed");
  uv_timer_stop(&pg->timer);
  uv_close((uv_handle_t *)&pg->timer, on_handle_closed);
  uv_close((uv_handle_t *)&pg->refuse, on_handle_closed);
}
