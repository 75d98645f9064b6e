/* disclose-http-bench (issue 15): submissions and transitions per second
 * through the HTTP API, against the same work done in-process in the same
 * run, and the latency at half the HTTP rate.
 *
 *   disclose-http-bench --conninfo CONNINFO --url http://127.0.0.1:PORT
 *                       --clerk LOGIN --handler LOGIN [--n N]
 *                       [--connections K] [--runs R] [--json PATH]
 *
 * The password of the clerk comes from DSC_BENCH_PASSWORD (never argv).
 * CONNINFO connects as the clerk (the staff CLI's path: the database's
 * checks of a staff member, without a session); the API is served by a
 * `disclosed --listen` started by ops/bench as the daemon's role, so every
 * HTTP call pays for what it must: the session check, the binding of the
 * token in the transaction, and the show the API returns after a write.
 *
 * The client is libuv with K keep-alive HTTP/1.1 connections, each with one
 * request outstanding (no pipelining). The latency run is open-loop: a
 * request is due every 1/rate seconds whether or not the last came back,
 * and its latency counts from when it was due (no coordinated omission).
 * Prints one table; --json writes the medians and every sample.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#include "bench.h"
#include "disclose/disclose.h"

#define MAX_CONNS 256
#define RBUF 16384

typedef struct cfg {
  const char *conninfo, *host, *clerk, *handler, *json;
  int port, n, conns, runs;
} cfg_t;

typedef enum { W_SUBMIT, W_ASSIGN } work_t;

typedef struct client client_t;

typedef struct conn {
  uv_tcp_t tcp;
  uv_connect_t connect;
  uv_write_t write;
  client_t *cl;
  char rbuf[RBUF];
  size_t rlen;
  char *req;
  uint64_t due_ns; /* when this request was due (open loop) or sent */
  int64_t item;    /* the index of the work item */
  bool busy;
} conn_t;

struct client {
  uv_loop_t *loop;
  const cfg_t *cfg;
  conn_t conns[MAX_CONNS];
  int nconns, connected;
  char token[64];
  const char *today;
  work_t work;
  int64_t *ids; /* submitted ids, for the assignments */
  int next, done, total, failed;
  /* open loop */
  bool open_loop;
  double rate;
  uint64_t t0;
  uv_timer_t tick;
  int due; /* requests due so far */
  double *lat_ms;
  int nlat;
};

static char *submission_json(const char *today) {
  static const char fmt[] =
      "{\"agency\":\"default\",\"channel\":\"online\",\"received_on\":\"%s\","
      "\"applicant\":{\"type\":\"natural_person\",\"name\":\"张三\"},"
      "\"description\":\"2022年度本机关财政预算执行情况\","
      "\"form\":\"electronic\"}";
  char *s = malloc(sizeof fmt + 16);
  if (s)
    snprintf(s, sizeof fmt + 16, fmt, today);
  return s;
}

/* ---- the HTTP client ------------------------------------------------------
 */

static void send_next(conn_t *c);

static char *request_text(client_t *cl, int64_t item) {
  char *body, *out;
  char path[96];
  size_t cap;
  if (cl->work == W_SUBMIT) {
    body = submission_json(cl->today);
    snprintf(path, sizeof path, "/api/v1/requests");
  } else {
    body = malloc(96);
    if (body)
      snprintf(body, 96, "{\"to\":\"%s\"}", cl->cfg->handler);
    snprintf(path, sizeof path, "/api/v1/requests/%lld/actions/assign",
             (long long)cl->ids[item]);
  }
  if (body == NULL)
    return NULL;
  cap = strlen(body) + 512;
  out = malloc(cap);
  if (out)
    snprintf(out, cap,
             "POST %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n"
             "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
             path, cl->cfg->host, cl->cfg->port, cl->token, strlen(body), body);
  free(body);
  return out;
}

static void on_written(uv_write_t *w, int status) {
  conn_t *c = w->data;
  if (status != 0) {
    fprintf(stderr, "http-bench: write failed: %s\n", uv_strerror(status));
    exit(1);
  }
  (void)c;
}

static void start_request(conn_t *c, int64_t item, uint64_t due_ns) {
  uv_buf_t b;
  c->req = request_text(c->cl, item);
  if (c->req == NULL) {
    fprintf(stderr, "http-bench: out of memory\n");
    exit(1);
  }
  c->item = item;
  c->due_ns = due_ns;
  c->busy = true;
  c->rlen = 0;
  b = uv_buf_init(c->req, (unsigned)strlen(c->req));
  c->write.data = c;
  uv_write(&c->write, (uv_stream_t *)&c->tcp, &b, 1, on_written);
}

static void finished_all(client_t *cl) {
  for (int i = 0; i < cl->nconns; i++)
    uv_read_stop((uv_stream_t *)&cl->conns[i].tcp);
  if (cl->open_loop)
    uv_timer_stop(&cl->tick);
}

/* A whole response arrived: status and body. */
static void on_response(conn_t *c, int status, const char *body, size_t len) {
  client_t *cl = c->cl;
  uint64_t now = bench_now_ns();
  free(c->req);
  c->req = NULL;
  c->busy = false;
  if (status != 200 && status != 201) {
    cl->failed++;
    if (cl->failed <= 3)
      fprintf(stderr, "http-bench: HTTP %d: %.*s\n", status, (int)len, body);
  } else if (cl->work == W_SUBMIT && cl->ids && cl->total > 1 &&
             !cl->open_loop) {
    cJSON *doc = cJSON_ParseWithLength(body, len);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(doc, "id");
    cl->ids[c->item] = cJSON_IsNumber(id) ? (int64_t)id->valuedouble : 0;
    cJSON_Delete(doc);
  }
  if (cl->lat_ms)
    cl->lat_ms[cl->nlat++] = (double)(now - c->due_ns) / 1e6;
  if (++cl->done == cl->total) {
    finished_all(cl);
    return;
  }
  send_next(c);
}

static void send_next(conn_t *c) {
  client_t *cl = c->cl;
  if (cl->open_loop) {
    /* The oldest request due and not yet sent, if any. */
    if (cl->next < cl->due && cl->next < cl->total) {
      uint64_t due = cl->t0 + (uint64_t)((double)cl->next * 1e9 / cl->rate);
      start_request(c, cl->next, due);
      cl->next++;
    }
    return;
  }
  if (cl->next < cl->total) {
    start_request(c, cl->next, bench_now_ns());
    cl->next++;
  }
}

static void on_alloc(uv_handle_t *h, size_t hint, uv_buf_t *b) {
  conn_t *c = h->data;
  (void)hint;
  *b = uv_buf_init(c->rbuf + c->rlen, (unsigned)(RBUF - c->rlen - 1));
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b) {
  conn_t *c = s->data;
  const char *end, *cl;
  long length;
  int status;
  (void)b;
  if (n < 0) {
    fprintf(stderr, "http-bench: connection closed: %s\n", uv_strerror((int)n));
    exit(1);
  }
  c->rlen += (size_t)n;
  c->rbuf[c->rlen] = '\0';
  end = strstr(c->rbuf, "\r\n\r\n");
  if (end == NULL)
    return;
  cl = strcasestr(c->rbuf, "\r\ncontent-length:");
  if (cl == NULL || cl > end || sscanf(c->rbuf, "HTTP/1.1 %d", &status) != 1) {
    fprintf(stderr, "http-bench: unreadable response\n");
    exit(1);
  }
  length = strtol(cl + 17, NULL, 10);
  if ((size_t)(end + 4 - c->rbuf) + (size_t)length > c->rlen)
    return; /* more to come */
  on_response(c, status, end + 4, (size_t)length);
}

static void on_tick(uv_timer_t *t) {
  client_t *cl = t->data;
  double elapsed = (double)(bench_now_ns() - cl->t0) / 1e9;
  int due = (int)(elapsed * cl->rate) + 1;
  cl->due = due < cl->total ? due : cl->total;
  for (int i = 0; i < cl->nconns && cl->next < cl->due; i++)
    if (!cl->conns[i].busy)
      send_next(&cl->conns[i]);
}

/* Runs total requests of work over the connections; returns the seconds it
 * took. rate > 0: open loop at that rate, latencies into lat_ms. */
static double run_http(client_t *cl, work_t work, int total, double rate,
                       double *lat_ms) {
  uint64_t t0;
  cl->work = work;
  cl->next = cl->done = cl->failed = 0;
  cl->total = total;
  cl->open_loop = rate > 0;
  cl->rate = rate;
  cl->lat_ms = lat_ms;
  cl->nlat = 0;
  cl->due = 0;
  t0 = cl->t0 = bench_now_ns();
  for (int i = 0; i < cl->nconns; i++)
    uv_read_start((uv_stream_t *)&cl->conns[i].tcp, on_alloc, on_read);
  if (cl->open_loop) {
    uv_timer_start(&cl->tick, on_tick, 0, 1);
  } else {
    for (int i = 0; i < cl->nconns; i++)
      send_next(&cl->conns[i]);
  }
  /* The engine's handles keep the loop alive: run until this is done. */
  while (cl->done < cl->total)
    uv_run(cl->loop, UV_RUN_ONCE);
  if (cl->failed > 0) {
    fprintf(stderr, "http-bench: %d of %d requests failed\n", cl->failed,
            total);
    exit(1);
  }
  return (double)(bench_now_ns() - t0) / 1e9;
}

static void on_connected(uv_connect_t *req, int status) {
  conn_t *c = req->data;
  if (status != 0) {
    fprintf(stderr, "http-bench: connect: %s\n", uv_strerror(status));
    exit(1);
  }
  c->cl->connected++;
}

static void connect_all(client_t *cl) {
  struct sockaddr_in addr;
  uv_ip4_addr(cl->cfg->host, cl->cfg->port, &addr);
  for (int i = 0; i < cl->nconns; i++) {
    conn_t *c = &cl->conns[i];
    c->cl = cl;
    uv_tcp_init(cl->loop, &c->tcp);
    uv_tcp_nodelay(&c->tcp, 1);
    c->tcp.data = c;
    c->connect.data = c;
    uv_tcp_connect(&c->connect, &c->tcp, (const struct sockaddr *)&addr,
                   on_connected);
  }
  while (cl->connected < cl->nconns)
    uv_run(cl->loop, UV_RUN_ONCE);
}

/* Logs the clerk in with the password of DSC_BENCH_PASSWORD: one blocking
 * exchange over the first connection, before anything is measured. */
static void login(client_t *cl, const char *password) {
  conn_t *c = &cl->conns[0];
  char body[512], req[1024];
  const char *end;
  cJSON *doc;
  const cJSON *tok;
  uv_buf_t b;
  snprintf(body, sizeof body, "{\"login\":\"%s\",\"password\":\"%s\"}",
           cl->cfg->clerk, password);
  snprintf(req, sizeof req,
           "POST /api/v1/session HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: "
           "application/json\r\nContent-Length: %zu\r\n\r\n%s",
           cl->cfg->host, cl->cfg->port, strlen(body), body);
  b = uv_buf_init(req, (unsigned)strlen(req));
  c->write.data = c;
  uv_write(&c->write, (uv_stream_t *)&c->tcp, &b, 1, on_written);
  c->rlen = 0;
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
  cl->work = W_SUBMIT;
  cl->total = 1;
  cl->done = 0;
  c->busy = true;
  c->req = NULL;
  c->item = 0;
  cl->lat_ms = NULL;
  cl->open_loop = false;
  while (cl->done < cl->total)
    uv_run(cl->loop, UV_RUN_ONCE);
  end = strstr(c->rbuf, "\r\n\r\n");
  doc = end ? cJSON_Parse(end + 4) : NULL;
  tok = cJSON_GetObjectItemCaseSensitive(doc, "token");
  if (!cJSON_IsString(tok) || strlen(tok->valuestring) >= sizeof cl->token) {
    fprintf(stderr, "http-bench: login failed: %s\n", c->rbuf);
    exit(1);
  }
  snprintf(cl->token, sizeof cl->token, "%s", tok->valuestring);
  cJSON_Delete(doc);
}

/* ---- in-process -------------------------------------------------------------
 */

typedef struct inproc {
  dsc_engine_t *e;
  const cfg_t *cfg;
  dsc_ctx_t ctx;
  char *json;
  int64_t *ids;
  int next, done, total, inflight;
  work_t work;
} inproc_t;

static void inproc_next(inproc_t *p);

static void on_inproc(dsc_engine_t *e, dsc_result_t *r, void *data) {
  inproc_t *p = data;
  (void)e;
  if (r->err != DSC_OK) {
    fprintf(stderr, "http-bench: in-process: %s: %s\n", dsc_err_name(r->err),
            r->detail.message);
    exit(1);
  }
  p->inflight--;
  p->done++;
  inproc_next(p);
}

static void on_inproc_submit(dsc_engine_t *e, dsc_result_t *r, void *data) {
  inproc_t *p = data;
  if (r->err == DSC_OK)
    p->ids[p->done] = r->id;
  on_inproc(e, r, data);
}

static void inproc_next(inproc_t *p) {
  dsc_action_args_t a = {.to = p->cfg->handler};
  /* As many in flight as the HTTP client has connections: the two ways
   * compared at the same concurrency. */
  while (p->inflight < p->cfg->conns && p->next < p->total) {
    dsc_err_t err =
        p->work == W_SUBMIT
            ? dsc_request_submit(p->e, &p->ctx, p->json, strlen(p->json),
                                 on_inproc_submit, p)
            : dsc_request_act(p->e, &p->ctx, p->ids[p->next], DSC_ACTION_ASSIGN,
                              &a, on_inproc, p);
    if (err != DSC_OK) {
      fprintf(stderr, "http-bench: in-process: %s\n", dsc_err_name(err));
      exit(1);
    }
    p->next++;
    p->inflight++;
  }
}

static double run_inproc(uv_loop_t *loop, inproc_t *p, work_t work, int total) {
  uint64_t t0 = bench_now_ns();
  p->work = work;
  p->next = p->done = p->inflight = 0;
  p->total = total;
  inproc_next(p);
  while (p->done < p->total)
    uv_run(loop, UV_RUN_ONCE);
  return (double)(bench_now_ns() - t0) / 1e9;
}

/* ---- the run
 * ------------------------------------------------------------------ */

static bool parse(int argc, char **argv, cfg_t *c) {
  const char *url = NULL;
  c->n = 2000;
  c->conns = 32;
  c->runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const char *a = argv[i], *v = argv[i + 1];
    if (strcmp(a, "--conninfo") == 0)
      c->conninfo = v;
    else if (strcmp(a, "--url") == 0)
      url = v;
    else if (strcmp(a, "--clerk") == 0)
      c->clerk = v;
    else if (strcmp(a, "--handler") == 0)
      c->handler = v;
    else if (strcmp(a, "--json") == 0)
      c->json = v;
    else if (strcmp(a, "--n") == 0)
      c->n = (int)strtol(v, NULL, 10);
    else if (strcmp(a, "--connections") == 0)
      c->conns = (int)strtol(v, NULL, 10);
    else if (strcmp(a, "--runs") == 0)
      c->runs = (int)strtol(v, NULL, 10);
    else
      return false;
  }
  if (url == NULL || strncmp(url, "http://", 7) != 0)
    return false;
  {
    static char host[64];
    const char *colon = strrchr(url + 7, ':');
    if (colon == NULL || (size_t)(colon - url - 7) >= sizeof host)
      return false;
    memcpy(host, url + 7, (size_t)(colon - url - 7));
    host[colon - url - 7] = '\0';
    c->host = host;
    c->port = (int)strtol(colon + 1, NULL, 10);
  }
  return c->conninfo && c->clerk && c->handler && c->n > 0 && c->conns > 0 &&
         c->conns <= MAX_CONNS && c->runs > 0 && c->runs <= BENCH_MAX_RUNS;
}

static void on_ready(dsc_engine_t *e, dsc_result_t *r, void *data) {
  (void)e;
  *(bool *)data = r->err == DSC_OK;
}

/* Ratios with two decimals: 0.46 and 0.54 are on either side of a goal. */
static void row(const char *name, const bench_metric_t *m, const char *goal) {
  int d = strcmp(m->unit, "×") == 0 ? 2 : 1;
  printf("%-26s %10.*f %-4s %10.*f–%-10.*f %s\n", name, d,
         bench_metric_median(m), m->unit, d, bench_metric_min(m), d,
         bench_metric_max(m), goal);
}

int main(int argc, char **argv) {
  cfg_t cfg = {0};
  static client_t cl;
  inproc_t p = {0};
  uv_loop_t loop;
  dsc_engine_options_t opts = {0};
  const char *password = getenv("DSC_BENCH_PASSWORD");
  char today[DSC_DATE_STRLEN];
  bool ready = false;
  bench_metric_t in_sub = {"inproc_submit_per_s", "/s", {0}, 0},
                 in_asg = {"inproc_assign_per_s", "/s", {0}, 0},
                 h_sub = {"http_submit_per_s", "/s", {0}, 0},
                 h_asg = {"http_assign_per_s", "/s", {0}, 0},
                 ratio_sub = {"http_to_inproc_submit", "×", {0}, 0},
                 ratio_asg = {"http_to_inproc_assign", "×", {0}, 0},
                 p50 = {"http_p50_ms_at_half_rate", "ms", {0}, 0},
                 p99 = {"http_p99_ms_at_half_rate", "ms", {0}, 0};

  if (!parse(argc, argv, &cfg) || password == NULL) {
    fprintf(stderr,
            "usage: DSC_BENCH_PASSWORD=... disclose-http-bench --conninfo C "
            "--url http://HOST:PORT --clerk L --handler L [--n N] "
            "[--connections K] [--runs R] [--json PATH]\n");
    return 2;
  }
  uv_loop_init(&loop);
  dsc_date_format(dsc_date_today_shanghai(), today);
  opts.conninfo = cfg.conninfo;
  opts.fail_fast = true;
  opts.max_queued = 100000;
  opts.connections = 2; /* the daemon's setting: the fair baseline */
  if (dsc_engine_create(&loop, &opts, &p.e) != DSC_OK ||
      dsc_engine_ping(p.e, on_ready, &ready) != DSC_OK)
    return 1;
  while (!ready)
    if (uv_run(&loop, UV_RUN_ONCE) == 0)
      break;
  if (!ready) {
    fprintf(stderr, "http-bench: the database is not reachable\n");
    return 1;
  }
  p.cfg = &cfg;
  p.ctx = (dsc_ctx_t){.actor = cfg.clerk,
                      .on = dsc_date_today_shanghai(),
                      .today = dsc_date_today_shanghai()};
  p.json = submission_json(today);
  p.ids = calloc((size_t)cfg.n, sizeof *p.ids);
  cl.loop = &loop;
  cl.cfg = &cfg;
  cl.today = today;
  cl.nconns = cfg.conns;
  {
    double *lat = calloc((size_t)cfg.n, sizeof *lat);
    uv_timer_init(&loop, &cl.tick);
    cl.tick.data = &cl;
    connect_all(&cl);
    login(&cl, password);
    cl.ids = calloc((size_t)cfg.n, sizeof *cl.ids);
    for (int run = 0; run < cfg.runs; run++) {
      double s, rate;
      bench_metric_add(&in_sub, cfg.n / run_inproc(&loop, &p, W_SUBMIT, cfg.n));
      bench_metric_add(&in_asg, cfg.n / run_inproc(&loop, &p, W_ASSIGN, cfg.n));
      s = run_http(&cl, W_SUBMIT, cfg.n, 0, NULL);
      bench_metric_add(&h_sub, cfg.n / s);
      s = run_http(&cl, W_ASSIGN, cfg.n, 0, NULL);
      bench_metric_add(&h_asg, cfg.n / s);
      bench_metric_add(&ratio_sub, h_sub.samples[run] / in_sub.samples[run]);
      bench_metric_add(&ratio_asg, h_asg.samples[run] / in_asg.samples[run]);
      /* Half the rate just measured, open loop, for about 3 seconds. */
      rate = h_sub.samples[run] / 2;
      {
        int total = (int)(rate * 3) < cfg.n ? (int)(rate * 3) : cfg.n;
        if (total < 50)
          total = 50 < cfg.n ? 50 : cfg.n;
        run_http(&cl, W_SUBMIT, total, rate, lat);
        bench_metric_add(&p50, bench_quantile(lat, (size_t)cl.nlat, 0.5));
        bench_metric_add(&p99, bench_quantile(lat, (size_t)cl.nlat, 0.99));
      }
      fprintf(stderr, "http-bench: run %d of %d done\n", run + 1, cfg.runs);
    }
    free(lat);
  }
  printf("%-26s %10s %-4s %22s %s\n", "figure (median of runs)", "median", "",
         "min–max", "goal");
  row("in-process submissions", &in_sub, "");
  row("HTTP submissions", &h_sub, "");
  row("HTTP/in-process (submit)", &ratio_sub, "≥ 0.5");
  row("in-process assignments", &in_asg, "");
  row("HTTP assignments", &h_asg, "");
  row("HTTP/in-process (assign)", &ratio_asg, "≥ 0.5");
  row("p50 at half the HTTP rate", &p50, "");
  row("p99 at half the HTTP rate", &p99, "< 50 ms");
  if (cfg.json) {
    cJSON *o = cJSON_CreateObject();
    const bench_metric_t *all[] = {&in_sub,    &in_asg,    &h_sub, &h_asg,
                                   &ratio_sub, &ratio_asg, &p50,   &p99};
    char *text;
    FILE *f;
    cJSON_AddNumberToObject(o, "n", cfg.n);
    cJSON_AddNumberToObject(o, "connections", cfg.conns);
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
      cJSON *m = cJSON_AddObjectToObject(o, all[i]->key);
      cJSON_AddNumberToObject(m, "median", bench_metric_median(all[i]));
      cJSON_AddItemToObject(
          m, "samples", cJSON_CreateDoubleArray(all[i]->samples, all[i]->n));
    }
    text = cJSON_Print(o);
    f = fopen(cfg.json, "w");
    if (f == NULL || text == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
      fprintf(stderr, "http-bench: cannot write %s\n", cfg.json);
      return 1;
    }
    cJSON_free(text);
    cJSON_Delete(o);
  }
  for (int i = 0; i < cl.nconns; i++)
    uv_close((uv_handle_t *)&cl.conns[i].tcp, NULL);
  uv_close((uv_handle_t *)&cl.tick, NULL);
  dsc_engine_close(p.e, NULL, NULL);
  uv_run(&loop, UV_RUN_DEFAULT);
  uv_loop_close(&loop);
  free(p.json);
  free(p.ids);
  free(cl.ids);
  return 0;
}
