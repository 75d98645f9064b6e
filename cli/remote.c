/* The staff CLI's HTTP client and its session token store (remote.h).
 *
 * Blocking libcurl, one easy handle reused for the few calls a command
 * makes: in remote mode the CLI has no event loop of its own, and a staff
 * member waits for each answer anyway. Every call bounds its time and the
 * reply's size, speaks only http and https, follows no redirect, and
 * verifies the server's certificate (libcurl's default CA store, or the
 * center's own CA from --cacert); there is deliberately no way to skip
 * the verification. */
#include "remote.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPLY_MAX (16u << 20) /* the largest reply read (a long list) */
#define STORE_MAX (1u << 20)  /* the largest token file read */
#define CONNECT_TIMEOUT_S 10L /* to reach the server, TLS included */
#define TIMEOUT_S 120L        /* for a whole call */
#define PATH_MAX_ 4096        /* file names of the store */

struct cli_remote {
  CURL *curl;
  char base[CLI_REMOTE_URL_MAX]; /* "https://desk.example.gov.cn[/prefix]" */
  char errbuf[CURL_ERROR_SIZE];
};

typedef struct reply {
  char *data; /* NUL-terminated; NULL when empty */
  size_t len, cap;
} reply_t;

/* ---- setting up --------------------------------------------------------- */

static bool is_loopback(const char *host) {
  return strcmp(host, "localhost") == 0 || strncmp(host, "127.", 4) == 0 ||
         strcmp(host, "[::1]") == 0;
}

/* Checks url and writes its normal form, without the trailing '/', into
 * base. 0 or the exit code (message printed). */
static int check_url(const cli_t *c, const char *url, char *base, size_t cap) {
  CURLU *u = curl_url();
  char *scheme = NULL, *host = NULL, *user = NULL, *query = NULL,
       *fragment = NULL, *whole = NULL;
  int rc = 0;
  size_t n;

  if (u == NULL)
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  if (strlen(url) >= cap ||
      curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
      curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
      curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
      (strcmp(scheme, "https") != 0 && strcmp(scheme, "http") != 0)) {
    rc = cli_failf(c, DSC_USAGE, "server",
                   "not an http(s) URL (https://desk.example.gov.cn)",
                   "不是 http(s) 网址（如 https://desk.example.gov.cn）");
    goto out;
  }
  if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK ||
      curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK ||
      curl_url_get(u, CURLUPART_FRAGMENT, &fragment, 0) == CURLUE_OK) {
    rc = cli_failf(c, DSC_USAGE, "server",
                   "give the server's address alone: no user, password, "
                   "query or fragment",
                   "只需服务器地址：不得含用户名、密码、查询串或片段");
    goto out;
  }
  /* A password, and then the token, would cross the network in clear. */
  if (strcmp(scheme, "http") == 0 && !is_loopback(host)) {
    rc = cli_failf(c, DSC_USAGE, "server",
                   "plain http only to this machine (127.0.0.1, localhost); "
                   "use https",
                   "明文 http 仅限本机（127.0.0.1、localhost）；请使用 https");
    goto out;
  }
  if (curl_url_get(u, CURLUPART_URL, &whole, 0) != CURLUE_OK ||
      strlen(whole) >= cap) {
    rc = cli_failf(c, DSC_USAGE, "server", "too long", "过长");
    goto out;
  }
  n = strlen(whole);
  while (n > 0 && whole[n - 1] == '/')
    n--;
  memcpy(base, whole, n);
  base[n] = '\0';
out:
  curl_free(scheme);
  curl_free(host);
  curl_free(user);
  curl_free(query);
  curl_free(fragment);
  curl_free(whole);
  curl_url_cleanup(u);
  return rc;
}

int cli_remote_open(cli_t *c) {
  struct cli_remote *r;
  int rc;

  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    return cli_failf(c, DSC_INTERNAL, NULL, "libcurl cannot start",
                     "libcurl 无法初始化");
  r = calloc(1, sizeof *r);
  c->remote = r;
  if (r == NULL || (r->curl = curl_easy_init()) == NULL)
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  if ((rc = check_url(c, c->server, r->base, sizeof r->base)) != 0)
    return rc;
  if (c->cacert && access(c->cacert, R_OK) != 0)
    return cli_failf(c, DSC_INVALID, "cacert", "cannot be read", "无法读取");
  return 0;
}

void cli_remote_close(cli_t *c) {
  if (c->remote == NULL)
    return;
  curl_easy_cleanup(c->remote->curl);
  free(c->remote);
  c->remote = NULL;
  cJSON_Delete(c->res.json);
  c->res.json = NULL;
  curl_global_cleanup();
}

const char *cli_remote_base(const cli_t *c) { return c->remote->base; }

bool cli_remote_escape(cli_t *c, const char *s, char *out, size_t cap) {
  char *e = curl_easy_escape(c->remote->curl, s, 0);
  bool ok = e != NULL && strlen(e) < cap;
  if (ok)
    memcpy(out, e, strlen(e) + 1);
  curl_free(e);
  return ok;
}

/* ---- the token store ----------------------------------------------------
 *
 * $XDG_CONFIG_HOME/disclose/sessions (default ~/.config/disclose/), one
 * line per server: "URL TOKEN". A token is a credential as good as the
 * password for its lifetime, so the file is the user's alone: created 0600
 * in a 0700 directory, replaced by rename, and refused when others may
 * read it (OpenSSH refuses a private key in the same case).
 */

typedef struct store_paths {
  char config[PATH_MAX_ - 64]; /* $XDG_CONFIG_HOME or ~/.config */
  char dir[PATH_MAX_];         /* …/disclose */
  char file[PATH_MAX_];        /* …/disclose/sessions */
} store_paths_t;

static int store_paths(const cli_t *c, store_paths_t *p) {
  const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
  struct passwd pw, *found = NULL;
  char buf[4096];
  int n;

  /* The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored. */
  if (xdg && xdg[0] == '/') {
    n = snprintf(p->config, sizeof p->config, "%s", xdg);
  } else {
    if (home == NULL || home[0] != '/') {
      if (getpwuid_r(geteuid(), &pw, buf, sizeof buf, &found) != 0 ||
          found == NULL)
        return cli_failf(c, DSC_UNAVAILABLE, "HOME",
                         "no home directory to keep the session in",
                         "没有可保存会话的主目录");
      home = pw.pw_dir;
    }
    n = snprintf(p->config, sizeof p->config, "%s/.config", home);
  }
  if (n < 0 || (size_t)n + sizeof "/disclose/sessions" > sizeof p->config)
    return cli_failf(c, DSC_UNAVAILABLE, "XDG_CONFIG_HOME", "too long", "过长");
  snprintf(p->dir, sizeof p->dir, "%s/disclose", p->config);
  snprintf(p->file, sizeof p->file, "%s/disclose/sessions", p->config);
  return 0;
}

/* "PATH: WHAT" refused, exit 5 (forbidden): the store is not the user's
 * alone. */
static int store_refused(const cli_t *c, const char *path, const char *en,
                         const char *zh, unsigned mode) {
  dsc_detail_t d;
  dsc_detail_setf(&d, DSC_FORBIDDEN, "session store",
                  "%s %s (mode %04o): the tokens in it may have been read; "
                  "remove it and log in again",
                  "%s %s（权限 %04o）：其中的令牌可能已被他人读取；"
                  "请删除该文件后重新登录",
                  path, cli_tr(c, en, zh), mode);
  return cli_fail(c, DSC_FORBIDDEN, &d);
}

/* Reads the store into *text (malloc'd, NUL-terminated; NULL when there is
 * no file yet). 0, or the exit code (message printed). */
static int store_load(const cli_t *c, const store_paths_t *p, char **text) {
  struct stat st;
  size_t len = 0;
  char *buf;
  int fd = open(p->file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

  *text = NULL;
  if (fd < 0 && errno == ENOENT)
    return 0;
  if (fd < 0 && errno == ELOOP)
    return store_refused(c, p->file, "is a symbolic link", "是符号链接", 0777);
  if (fd < 0)
    return cli_failf(c, DSC_UNAVAILABLE, "session store", strerror(errno),
                     strerror(errno));
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return store_refused(c, p->file, "is not a regular file", "不是普通文件",
                         (unsigned)st.st_mode & 07777);
  }
  if (st.st_uid != geteuid() || (st.st_mode & 077) != 0) {
    close(fd);
    return store_refused(
        c, p->file,
        st.st_uid != geteuid() ? "is not owned by you"
                               : "may be read or written by others",
        st.st_uid != geteuid() ? "不属于当前用户" : "可被他人读取或修改",
        (unsigned)st.st_mode & 07777);
  }
  buf = malloc(STORE_MAX + 1);
  while (buf != NULL && len <= STORE_MAX) {
    ssize_t got = read(fd, buf + len, STORE_MAX + 1 - len);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break;
    len += (size_t)got;
  }
  close(fd);
  if (buf == NULL)
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  if (len > STORE_MAX) {
    sodium_memzero(buf, STORE_MAX + 1);
    free(buf);
    return cli_failf(c, DSC_INVALID, "session store", "larger than 1 MiB",
                     "超过 1 MiB");
  }
  buf[len] = '\0';
  *text = buf;
  return 0;
}

static void wipe_free(char *text) {
  if (text != NULL) {
    sodium_memzero(text, strlen(text));
    free(text);
  }
}

/* The line of text for url: its token's start and length, or NULL. */
static const char *store_find(const char *text, const char *url, size_t *len) {
  size_t ulen = strlen(url);
  for (const char *line = text; line && *line;) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    if (n > ulen + 1 && memcmp(line, url, ulen) == 0 && line[ulen] == ' ') {
      *len = n - ulen - 1;
      return line + ulen + 1;
    }
    line = end ? end + 1 : NULL;
  }
  return NULL;
}

int cli_remote_token_get(cli_t *c, char *out, size_t cap) {
  store_paths_t p;
  char *text;
  const char *tok;
  size_t n = 0;
  int rc;

  out[0] = '\0';
  if ((rc = store_paths(c, &p)) != 0 || (rc = store_load(c, &p, &text)) != 0)
    return -rc;
  tok = text ? store_find(text, c->remote->base, &n) : NULL;
  if (tok != NULL && n < cap) {
    memcpy(out, tok, n);
    out[n] = '\0';
  }
  wipe_free(text);
  return out[0] != '\0';
}

/* Makes dir (0700) when missing and checks that it is the user's alone to
 * write in: another who may write there could put a file of theirs in
 * the store's place. */
static int store_dir(const cli_t *c, const store_paths_t *p) {
  char path[sizeof p->dir];
  struct stat st;

  /* The missing parts of the path too (the XDG spec: 0700). */
  memcpy(path, p->dir, sizeof path);
  for (char *slash = strchr(path + 1, '/');; slash = strchr(slash + 1, '/')) {
    if (slash)
      *slash = '\0';
    if (mkdir(path, 0700) != 0 && errno != EEXIST) {
      dsc_detail_t d;
      dsc_detail_setf(&d, DSC_UNAVAILABLE, "session store", "%s: %s", "%s：%s",
                      path, strerror(errno));
      return cli_fail(c, DSC_UNAVAILABLE, &d);
    }
    if (slash == NULL)
      break;
    *slash = '/';
  }
  if (lstat(p->dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
      st.st_uid != geteuid() || (st.st_mode & 022) != 0)
    return store_refused(c, p->dir, "is not a directory only you may write in",
                         "不是仅当前用户可写的目录",
                         (unsigned)st.st_mode & 07777);
  return 0;
}

/* Writes text to a new file in the store's directory, created 0600 with
 * O_EXCL (mkstemp), and renames it over the store. */
static int store_replace(const cli_t *c, const store_paths_t *p,
                         const char *text) {
  char tmp[PATH_MAX_ + 32];
  size_t len = strlen(text), done = 0;
  int fd, saved;

  snprintf(tmp, sizeof tmp, "%s/.sessions.XXXXXX", p->dir);
  if ((fd = mkstemp(tmp)) < 0)
    return cli_failf(c, DSC_UNAVAILABLE, "session store", strerror(errno),
                     strerror(errno));
  while (done < len) {
    ssize_t n = write(fd, text + done, len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  saved = errno;
  if (done == len && fchmod(fd, 0600) == 0 && fsync(fd) == 0 &&
      close(fd) == 0) {
    fd = -1;
    if (rename(tmp, p->file) == 0)
      return 0;
    saved = errno;
  }
  if (fd >= 0)
    close(fd);
  unlink(tmp);
  return cli_failf(c, DSC_UNAVAILABLE, "session store", strerror(saved),
                   strerror(saved));
}

int cli_remote_token_put(cli_t *c, const char *token) {
  const char *url = c->remote->base;
  size_t ulen = strlen(url);
  store_paths_t p;
  char *old = NULL, *text;
  size_t len = 0, cap;
  int rc;

  if ((rc = store_paths(c, &p)) != 0 || (rc = store_dir(c, &p)) != 0 ||
      (rc = store_load(c, &p, &old)) != 0)
    return rc;
  /* The old lines, a newline the last may lack, the new line, NUL. */
  cap = (old ? strlen(old) : 0) + ulen + CLI_REMOTE_TOKEN_MAX + 4;
  text = malloc(cap);
  if (text == NULL) {
    wipe_free(old);
    return cli_failf(c, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  /* Every other server's line as it was; this server's replaced. */
  for (const char *line = old; line && *line;) {
    const char *end = strchr(line, '\n');
    size_t n = end ? (size_t)(end - line) : strlen(line);
    if (n > 0 &&
        !(n > ulen && memcmp(line, url, ulen) == 0 && line[ulen] == ' ')) {
      memcpy(text + len, line, n);
      len += n;
      text[len++] = '\n';
    }
    line = end ? end + 1 : NULL;
  }
  if (token != NULL)
    len += (size_t)snprintf(text + len, cap - len, "%s %.*s\n", url,
                            CLI_REMOTE_TOKEN_MAX, token);
  text[len] = '\0';
  rc = store_replace(c, &p, text);
  wipe_free(text);
  wipe_free(old);
  return rc;
}

/* ---- one call ----------------------------------------------------------- */

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *data) {
  reply_t *r = data;
  size_t add = size * nmemb;
  if (add > REPLY_MAX - r->len)
    return 0; /* libcurl stops: CURLE_WRITE_ERROR */
  if (r->len + add + 1 > r->cap) {
    size_t cap = r->cap ? r->cap : 4096;
    char *p;
    while (cap < r->len + add + 1)
      cap *= 2;
    if ((p = realloc(r->data, cap)) == NULL)
      return 0;
    r->data = p;
    r->cap = cap;
  }
  memcpy(r->data + r->len, ptr, add);
  r->len += add;
  r->data[r->len] = '\0';
  return add;
}

/* The code of an error body's kind, through the one error table; DSC_OK
 * for a kind this CLI does not know. */
static dsc_err_t err_of_kind(const char *kind) {
#define DSC_KIND_(name, k, exit_code, en, zh)                                  \
  if (strcmp(kind, k) == 0)                                                    \
    return DSC_##name;
  DSC_ERROR_MAP(DSC_KIND_)
#undef DSC_KIND_
  return DSC_OK;
}

/* For a reply without an error body (a proxy's page): the status's code,
 * as web/http/errors.c maps the other way. */
static dsc_err_t err_of_status(long status) {
  switch (status) {
  case 400:
    return DSC_USAGE;
  case 401:
    return DSC_UNAUTHENTICATED;
  case 403:
    return DSC_FORBIDDEN;
  case 404:
    return DSC_NOT_FOUND;
  case 409:
    return DSC_CONFLICT;
  case 422:
    return DSC_INVALID;
  case 429:
    return DSC_THROTTLED;
  default:
    return status >= 500 ? DSC_UNAVAILABLE : DSC_INTERNAL;
  }
}

static const char *str_of(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The error of a non-2xx reply into *d. */
static dsc_err_t reply_error(long status, const reply_t *rep, dsc_detail_t *d) {
  cJSON *doc = rep->data ? cJSON_ParseWithLength(rep->data, rep->len) : NULL;
  const cJSON *e = cJSON_GetObjectItemCaseSensitive(doc, "error");
  const char *kind = str_of(e, "kind"), *message = str_of(e, "message");
  dsc_err_t err = kind ? err_of_kind(kind) : DSC_OK;

  if (err == DSC_OK || message == NULL) {
    err = err_of_status(status);
    dsc_detail_setf(d, err, "server", "the server answered HTTP %ld",
                    "服务器返回 HTTP %ld", status);
  } else {
    /* The server wrote the message in our language (Accept-Language). */
    dsc_detail_set(d, err, str_of(e, "field"), message, message);
  }
  cJSON_Delete(doc);
  return err;
}

static void set_options(cli_t *c, reply_t *rep) {
  CURL *h = c->remote->curl;
  curl_easy_reset(h);
  c->remote->errbuf[0] = '\0';
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->remote->errbuf);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, TIMEOUT_S);
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
  /* No redirect is followed: the API never sends one, and a token must
   * not go where the user did not point it. */
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (c->cacert)
    curl_easy_setopt(h, CURLOPT_CAINFO, c->cacert);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "disclose-cli");
  curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)REPLY_MAX);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, rep);
}

static bool is_tls_failure(CURLcode cc) {
  return cc == CURLE_PEER_FAILED_VERIFICATION ||
         cc == CURLE_SSL_CONNECT_ERROR || cc == CURLE_SSL_CACERT_BADFILE ||
         cc == CURLE_SSL_CERTPROBLEM || cc == CURLE_SSL_ISSUER_ERROR;
}

dsc_err_t cli_remote_request(cli_t *c, const char *method, const char *path,
                             const cJSON *body, const char *token,
                             bool body_secret, dsc_detail_t *d) {
  struct cli_remote *r = c->remote;
  char url[CLI_REMOTE_URL_MAX + 2048], bearer[CLI_REMOTE_TOKEN_MAX + 32];
  struct curl_slist *headers = NULL, *more;
  char *text = NULL;
  reply_t rep = {0};
  long status = 0;
  CURLcode cc;
  dsc_err_t err = DSC_OK;

  dsc_detail_clear(d);
  if ((size_t)snprintf(url, sizeof url, "%s%s", r->base, path) >= sizeof url)
    return dsc_detail_set(d, DSC_USAGE, NULL, "the address is too long",
                          "地址过长");
  if (body != NULL && (text = cJSON_PrintUnformatted(body)) == NULL)
    return dsc_detail_set(d, DSC_NOMEM, NULL, "out of memory", "内存不足");
  set_options(c, &rep);
  curl_easy_setopt(r->curl, CURLOPT_URL, url);
  more = curl_slist_append(headers, "Accept: application/json");
  more = more ? curl_slist_append(headers = more, c->lang == DSC_LANG_ZH
                                                      ? "Accept-Language: zh-CN"
                                                      : "Accept-Language: en")
              : NULL;
  more = more ? curl_slist_append(headers = more, "Expect:") : NULL;
  if (more && token) {
    snprintf(bearer, sizeof bearer, "Authorization: Bearer %s", token);
    more = curl_slist_append(headers = more, bearer);
    sodium_memzero(bearer, sizeof bearer);
  }
  if (more && text)
    more = curl_slist_append(headers = more, "Content-Type: application/json");
  if (more == NULL) {
    curl_slist_free_all(headers);
    cJSON_free(text);
    return dsc_detail_set(d, DSC_NOMEM, NULL, "out of memory", "内存不足");
  }
  headers = more;
  curl_easy_setopt(r->curl, CURLOPT_HTTPHEADER, headers);
  if (text) {
    curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, text);
    curl_easy_setopt(r->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(text));
  }
  if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0)
    curl_easy_setopt(r->curl, CURLOPT_CUSTOMREQUEST, method);
  else if (strcmp(method, "POST") == 0 && text == NULL)
    curl_easy_setopt(r->curl, CURLOPT_POSTFIELDS, "");

  cc = curl_easy_perform(r->curl);
  curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  if (text && body_secret)
    sodium_memzero(text, strlen(text));
  cJSON_free(text);

  if (cc != CURLE_OK) {
    const char *why = r->errbuf[0] ? r->errbuf : curl_easy_strerror(cc);
    if (is_tls_failure(cc))
      err = dsc_detail_setf(
          d, DSC_UNAVAILABLE, "tls",
          "%s: the server's certificate cannot be verified (%s); a center's "
          "own CA is given with --cacert FILE",
          "%s：无法验证服务器证书（%s）；本中心自有的 CA 证书可用 --cacert "
          "文件 指定",
          r->base, why);
    else
      err = dsc_detail_setf(d, DSC_UNAVAILABLE, "server",
                            "%s cannot be reached: %s", "无法连接 %s：%s",
                            r->base, why);
  } else if (status >= 200 && status < 300) {
    cJSON *doc = rep.len ? cJSON_ParseWithLength(rep.data, rep.len)
                         : cJSON_CreateObject();
    if (doc == NULL)
      err = dsc_detail_set(d, DSC_INTERNAL, "server",
                           "the server's reply is not JSON",
                           "服务器的答复不是 JSON");
    cJSON_Delete(c->res.json);
    c->res.json = doc;
  } else if (status >= 300 && status < 400) {
    err = dsc_detail_setf(
        d, DSC_UNAVAILABLE, "server",
        "%s answered with a redirect (HTTP %ld), which is "
        "not followed: give the API's own address",
        "%s 返回重定向（HTTP %ld），不予跟随：请给出接口本身的地址", r->base,
        status);
  } else {
    err = reply_error(status, &rep, d);
  }
  if (rep.data)
    sodium_memzero(rep.data, rep.len); /* a login's reply holds a token */
  free(rep.data);
  return err;
}

int cli_remote_call(cli_t *c, const char *method, const char *path,
                    const cJSON *body, bool auth, bool body_secret) {
  char token[CLI_REMOTE_TOKEN_MAX + 1];
  dsc_detail_t d;
  dsc_err_t err;
  int rc = 0;

  if (auth && (rc = cli_remote_token_get(c, token, sizeof token)) <= 0) {
    if (rc < 0)
      return -rc;
    dsc_detail_setf(&d, DSC_UNAUTHENTICATED, "session",
                    "not logged in at %s: disclose --server %s login",
                    "尚未登录 %s：请运行 disclose --server %s login",
                    c->remote->base, c->remote->base);
    return cli_fail(c, DSC_UNAUTHENTICATED, &d);
  }
  err = cli_remote_request(c, method, path, body, auth ? token : NULL,
                           body_secret, &d);
  if (auth)
    sodium_memzero(token, sizeof token);
  if (err == DSC_UNAUTHENTICATED && auth)
    dsc_detail_setf(&d, DSC_UNAUTHENTICATED, "session",
                    "the session at %s has ended: log in again (disclose "
                    "--server %s login)",
                    "%s 的会话已结束：请重新登录（disclose --server %s login）",
                    c->remote->base, c->remote->base);
  return err == DSC_OK ? 0 : cli_fail(c, err, &d);
}
