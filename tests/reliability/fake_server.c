/* tests/reliability/fake_server.c — stands in for PostgreSQL's socket
 * while the server is down, to count the engines' connection attempts
 * (db_outage.sh, issue 6 part 2: "the engine backs off").
 *
 *   rel_fake_server SOCKET_PATH LOG
 *
 * Listens on the unix socket SOCKET_PATH (e.g. DIR/.s.PGSQL.5432) until
 * SIGTERM or SIGINT; accepts every connection, writes "<ms> <pid>" to LOG
 * (epoch milliseconds and the connecting process, from SO_PEERCRED) and
 * closes it at once, which libpq reports as a failed attempt. Removes
 * SOCKET_PATH when it stops. Exit 0, 1 on failure, 2 on usage.
 */
#define _GNU_SOURCE /* struct ucred */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "rel_common.h"

#define PROG "rel_fake_server"

static volatile sig_atomic_t stopping;

static void on_signal(int signum) {
  (void)signum;
  stopping = 1;
}

int main(int argc, char **argv) {
  struct sockaddr_un addr;
  struct sigaction sa;
  rel_log_t log;
  int fd, status = 0;

  if (argc != 3 || strlen(argv[1]) >= sizeof addr.sun_path) {
    fprintf(stderr, "usage: " PROG " SOCKET_PATH LOG\n");
    return 2;
  }
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  if (!rel_log_open(&log, argv[2]))
    return 1;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  memcpy(addr.sun_path, argv[1], strlen(argv[1]) + 1);
  unlink(argv[1]);
  fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 ||
      listen(fd, 64) != 0) {
    fprintf(stderr, PROG ": %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  while (!stopping) {
    struct pollfd p = {fd, POLLIN, 0};
    struct ucred cred;
    socklen_t len = sizeof cred;
    int c;

    if (poll(&p, 1, -1) < 0) {
      if (errno == EINTR)
        continue;
      status = 1;
      break;
    }
    c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0)
      continue;
    if (getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0)
      cred.pid = 0;
    if (!rel_log_line(&log, false, "%lld %ld", (long long)rel_now_ms(),
                      (long)cred.pid))
      status = 1;
    close(c);
  }
  close(fd);
  unlink(argv[1]);
  rel_log_close(&log);
  return status;
}
