/* tests/tools/http_flood.c — opens COUNT idle connections to a server and
 * holds them, sending nothing, until the server closes them.
 *
 * usage: http_flood ADDR COUNT WAIT_SECONDS
 *   ADDR is HOST:PORT (IPv4) or /path/to/unix.sock.
 * Prints "connected N" (flushed) once every connection is made or
 * refused, then "closed M of N in MS ms" once the server closed them all
 * or WAIT_SECONDS passed. Exit 0 when every connection made was closed by
 * the server in time, 1 otherwise, 2 on a usage error. Raise `ulimit -n`
 * above COUNT first. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define BATCH 256

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int parse_addr(const char *s, struct sockaddr_storage *ss,
                      socklen_t *len) {
  memset(ss, 0, sizeof *ss);
  if (s[0] == '/') {
    struct sockaddr_un *un = (struct sockaddr_un *)ss;
    if (strlen(s) >= sizeof un->sun_path)
      return -1;
    un->sun_family = AF_UNIX;
    memcpy(un->sun_path, s, strlen(s) + 1);
    *len = sizeof *un;
    return 0;
  }
  {
    struct sockaddr_in *in = (struct sockaddr_in *)ss;
    char host[64];
    const char *colon = strrchr(s, ':');
    if (colon == NULL || (size_t)(colon - s) >= sizeof host)
      return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    in->sin_family = AF_INET;
    in->sin_port = htons((unsigned short)strtol(colon + 1, NULL, 10));
    if (inet_pton(AF_INET, host, &in->sin_addr) != 1)
      return -1;
    *len = sizeof *in;
    return 0;
  }
}

/* Waits until the batch's connections are made; closes the failed ones
 * (fd -1). */
static void settle(struct pollfd *p, int n) {
  long deadline = now_ms() + 5000;
  int pending = n;
  while (pending > 0 && now_ms() < deadline) {
    for (int i = 0; i < n; i++)
      p[i].events = p[i].fd >= 0 && p[i].revents == 0 ? POLLOUT : 0;
    if (poll(p, (nfds_t)n, 100) < 0 && errno != EINTR)
      break;
    pending = 0;
    for (int i = 0; i < n; i++) {
      int err = 0;
      socklen_t elen = sizeof err;
      if (p[i].fd < 0 || p[i].events == 0)
        continue;
      if (p[i].revents == 0) {
        pending++;
        continue;
      }
      if (getsockopt(p[i].fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 ||
          err != 0) {
        close(p[i].fd);
        p[i].fd = -1;
      }
    }
  }
  for (int i = 0; i < n; i++)
    p[i].revents = 0;
}

int main(int argc, char **argv) {
  struct sockaddr_storage ss;
  socklen_t slen;
  struct pollfd *p;
  int count, made = 0, closed = 0;
  long start, deadline;

  if (argc != 4 || parse_addr(argv[1], &ss, &slen) != 0 ||
      (count = (int)strtol(argv[2], NULL, 10)) <= 0) {
    fprintf(stderr, "usage: http_flood HOST:PORT|/PATH COUNT WAIT_SECONDS\n");
    return 2;
  }
  p = calloc((size_t)count, sizeof *p);
  if (p == NULL)
    return 2;
  for (int i = 0; i < count; i++) {
    p[i].fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (p[i].fd < 0) {
      fprintf(stderr, "http_flood: socket %d: %s\n", i, strerror(errno));
      return 1;
    }
    if (connect(p[i].fd, (struct sockaddr *)&ss, slen) != 0 &&
        errno != EINPROGRESS && errno != EAGAIN) {
      close(p[i].fd);
      p[i].fd = -1;
    }
    if ((i + 1) % BATCH == 0 || i + 1 == count)
      settle(p + (i / BATCH) * BATCH, i % BATCH + 1);
  }
  for (int i = 0; i < count; i++)
    made += p[i].fd >= 0;
  printf("connected %d\n", made);
  fflush(stdout);

  start = now_ms();
  deadline = start + 1000L * strtol(argv[3], NULL, 10);
  while (closed < made && now_ms() < deadline) {
    for (int i = 0; i < count; i++)
      p[i].events = POLLIN;
    if (poll(p, (nfds_t)count, 200) < 0 && errno != EINTR)
      break;
    for (int i = 0; i < count; i++) {
      char buf[512];
      ssize_t n;
      if (p[i].fd < 0 || p[i].revents == 0)
        continue;
      n = read(p[i].fd, buf, sizeof buf);
      if (n > 0)
        continue; /* a response (408, say) before the close */
      if (n < 0 && (errno == EAGAIN || errno == EINTR))
        continue;
      close(p[i].fd);
      p[i].fd = -1;
      closed++;
    }
  }
  printf("closed %d of %d in %ld ms\n", closed, made, now_ms() - start);
  free(p);
  return closed == made ? 0 : 1;
}
