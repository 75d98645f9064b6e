/* The statement registry (engine/pg/sql.c) as files a review shows as a
 * diff, and the check that each still prepares against the schema
 * (issue 13, part 5; docs/sql/README.md).
 *
 *   sql_golden write DIR
 *       One file per statement, DIR/<id in lower case>.sql: a header line
 *       "-- dsc_submit_v5 (DSC_SQL_SUBMIT): 19 parameters", with ", reads
 *       the request row" when the text selects DSC_SQL_ROW_COLUMNS, then
 *       the text exactly as the engine sends it and a newline.
 *
 *   sql_golden prepare FILE...
 *       Connects to $DISCLOSE_DB and, for each file as `write` writes it,
 *       prepares the text under its name as the engine does
 *       (PQsendPrepare, no parameter types: the server infers them) and
 *       describes it. A statement fails when the server refuses it, when
 *       the server counts other parameters than the header, or when it
 *       reads the request row and the row's columns are not DSC_ROW_ID …
 *       DSC_ROW_EVENTS in this order (the server, not a count of commas,
 *       says what the list selects). Prints one line per failure naming
 *       the statement and exits 1 if there is any.
 *
 * tests/integration/test_sql_golden.sh runs both. The files are read back
 * rather than the registry prepared directly so that its self-test can
 * plant a broken statement; in the real test they are the registry's,
 * written a moment before. */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

/* A statement's file name and header: DSC_SQL_SUBMIT's id. */
static const char *const ids[DSC_SQL__COUNT] = {
#define ID_NAME(name) "DSC_SQL_" #name,
    DSC_SQL_ID_MAP(ID_NAME)
#undef ID_NAME
};

/* The names the server gives the request row's columns: the column's own
 * for r.<column>, and the aggregate's for the history's subquery. */
static const char *const row_names[DSC_ROW_NCOLUMNS] = {
#define COLUMN_NAME(name, column) #column,
#define LAST_NAME(name, text) "json_agg",
    DSC_ROW_COLUMN_MAP(COLUMN_NAME, LAST_NAME)
#undef COLUMN_NAME
#undef LAST_NAME
};

#define ROW_MARK ", reads the request row"
/* No statement comes near it: the longest is about 3 kB. */
#define MAX_TEXT (256 * 1024)
/* How long one answer of the server may take before the tool gives up. */
#define WAIT_MS 30000

static int write_all(const char *dir) {
  for (int i = 0; i < DSC_SQL__COUNT; i++) {
    const dsc_sql_t *s = dsc__sql((dsc_sql_id_t)i);
    char path[4096], file[64];
    size_t n = strlen(ids[i]) - strlen("DSC_SQL_");
    FILE *f;

    if (s == NULL || s->name == NULL || s->text == NULL) {
      fprintf(stderr, "sql_golden: %s has no entry in the registry\n", ids[i]);
      return 1;
    }
    if (n >= sizeof file)
      return 1;
    for (size_t k = 0; k < n; k++) {
      char c = ids[i][strlen("DSC_SQL_") + k];
      file[k] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    file[n] = '\0';
    snprintf(path, sizeof path, "%s/%s.sql", dir, file);
    if ((f = fopen(path, "w")) == NULL) {
      fprintf(stderr, "sql_golden: %s: %s\n", path, strerror(errno));
      return 1;
    }
    fprintf(f, "-- %s (%s): %d parameter%s%s\n%s\n", s->name, ids[i],
            s->nparams, s->nparams == 1 ? "" : "s",
            strstr(s->text, DSC_SQL_ROW_COLUMNS) ? ROW_MARK : "", s->text);
    if (fclose(f) != 0) {
      fprintf(stderr, "sql_golden: %s: %s\n", path, strerror(errno));
      return 1;
    }
  }
  return 0;
}

/* ---- talking to the server, never blocking inside libpq ---------------- */

static bool wait_socket(PGconn *conn, short events) {
  struct pollfd p = {.fd = PQsocket(conn), .events = events};
  int r;
  do
    r = poll(&p, 1, WAIT_MS);
  while (r < 0 && errno == EINTR);
  return r > 0;
}

static PGconn *connect_db(const char *conninfo) {
  PGconn *conn = PQconnectStart(conninfo);
  PostgresPollingStatusType st = PGRES_POLLING_WRITING;

  if (conn == NULL || PQstatus(conn) == CONNECTION_BAD) {
    fprintf(stderr, "sql_golden: cannot connect: %s",
            conn ? PQerrorMessage(conn) : "out of memory\n");
    PQfinish(conn);
    return NULL;
  }
  /* libpq: act as if PQconnectPoll had asked for a writable socket. */
  while (st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
    if (!wait_socket(conn, st == PGRES_POLLING_READING ? POLLIN : POLLOUT)) {
      st = PGRES_POLLING_FAILED;
      break;
    }
    st = PQconnectPoll(conn);
  }
  if (st == PGRES_POLLING_FAILED || PQsetnonblocking(conn, 1) != 0) {
    fprintf(stderr, "sql_golden: cannot connect: %s", PQerrorMessage(conn));
    PQfinish(conn);
    return NULL;
  }
  return conn;
}

/* The one result of the command just sent (NULL when the connection
 * failed), read to the end: its caller clears it. */
static PGresult *answer(PGconn *conn) {
  PGresult *first = NULL, *r;
  int f;

  while ((f = PQflush(conn)) == 1)
    if (!wait_socket(conn, POLLIN | POLLOUT) || !PQconsumeInput(conn))
      return NULL;
  if (f < 0)
    return NULL;
  for (;;) {
    while (PQisBusy(conn))
      if (!wait_socket(conn, POLLIN) || !PQconsumeInput(conn)) {
        PQclear(first);
        return NULL;
      }
    if ((r = PQgetResult(conn)) == NULL)
      return first;
    if (first == NULL)
      first = r;
    else
      PQclear(r);
  }
}

/* ---- prepare ----------------------------------------------------------- */

typedef struct statement {
  char name[64], id[64];
  int nparams;
  bool row;
  char *text; /* owned */
} statement_t;

/* Reads a file as `write` writes it; false, with a message, when it is not
 * one. */
static bool read_statement(const char *path, statement_t *st) {
  FILE *f = fopen(path, "r");
  char header[512];
  size_t len;
  int used = 0;

  memset(st, 0, sizeof *st);
  if (f == NULL) {
    fprintf(stderr, "%s: %s\n", path, strerror(errno));
    return false;
  }
  if (fgets(header, sizeof header, f) == NULL ||
      sscanf(header, "-- %63s (%63[^)]): %d parameter%n", st->name, st->id,
             &st->nparams, &used) != 3 ||
      used == 0 || (st->text = malloc(MAX_TEXT)) == NULL) {
    fprintf(stderr,
            "%s: not a statement file (its first line is not "
            "\"-- name (DSC_SQL_ID): N parameters\")\n",
            path);
    fclose(f);
    return false;
  }
  st->row = strstr(header, ROW_MARK) != NULL;
  len = fread(st->text, 1, MAX_TEXT - 1, f);
  fclose(f);
  /* The file's last newline is the file's, not the statement's. */
  if (len > 0 && st->text[len - 1] == '\n')
    len--;
  st->text[len] = '\0';
  return true;
}

/* The request row's columns in res, from some column on: true when found
 * whole and in order. */
static bool has_row(const PGresult *res) {
  int n = PQnfields(res);
  for (int c0 = 0; c0 + DSC_ROW_NCOLUMNS <= n; c0++) {
    int k = 0;
    while (k < DSC_ROW_NCOLUMNS &&
           strcmp(PQfname(res, c0 + k), row_names[k]) == 0)
      k++;
    if (k == DSC_ROW_NCOLUMNS)
      return true;
  }
  return false;
}

/* Prepares and describes one statement; prints what is wrong and returns
 * false if anything is, or -1 when the connection is lost. */
static int check_one(PGconn *conn, const char *path) {
  statement_t st;
  PGresult *res;
  int ok = 1;

  if (!read_statement(path, &st)) {
    free(st.text);
    return 0;
  }
  if (!PQsendPrepare(conn, st.name, st.text, st.nparams, NULL) ||
      (res = answer(conn)) == NULL) {
    fprintf(stderr, "sql_golden: connection lost: %s", PQerrorMessage(conn));
    free(st.text);
    return -1;
  }
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    printf("%s (%s, %s): does not prepare: %s", st.name, st.id, path,
           PQresultErrorMessage(res));
    PQclear(res);
    free(st.text);
    return 0;
  }
  PQclear(res);
  if (!PQsendDescribePrepared(conn, st.name) || (res = answer(conn)) == NULL) {
    fprintf(stderr, "sql_golden: connection lost: %s", PQerrorMessage(conn));
    free(st.text);
    return -1;
  }
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    printf("%s (%s): cannot be described: %s", st.name, st.id,
           PQresultErrorMessage(res));
    ok = 0;
  } else {
    if (PQnparams(res) != st.nparams) {
      printf("%s (%s): the server counts %d parameters, the registry %d\n",
             st.name, st.id, PQnparams(res), st.nparams);
      ok = 0;
    }
    if (st.row && !has_row(res)) {
      printf("%s (%s): the request row's columns are not %d in the order of "
             "DSC_ROW_COLUMN_MAP (sql.h); the result's:",
             st.name, st.id, (int)DSC_ROW_NCOLUMNS);
      for (int c = 0; c < PQnfields(res); c++)
        printf(" %s", PQfname(res, c));
      printf("\n");
      ok = 0;
    }
  }
  PQclear(res);
  free(st.text);
  return ok;
}

static int prepare_all(int nfiles, char **files) {
  const char *conninfo = getenv("DISCLOSE_DB");
  PGconn *conn;
  int failed = 0;

  if (conninfo == NULL || *conninfo == '\0') {
    fprintf(stderr, "sql_golden: DISCLOSE_DB is not set\n");
    return 2;
  }
  if ((conn = connect_db(conninfo)) == NULL)
    return 1;
  for (int i = 0; i < nfiles; i++) {
    int r = check_one(conn, files[i]);
    if (r < 0) {
      PQfinish(conn);
      return 1;
    }
    failed += !r;
  }
  PQfinish(conn);
  if (failed) {
    printf("%d of %d statements failed\n", failed, nfiles);
    return 1;
  }
  printf("all %d statements prepare\n", nfiles);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "write") == 0)
    return write_all(argv[2]);
  if (argc >= 3 && strcmp(argv[1], "prepare") == 0)
    return prepare_all(argc - 2, argv + 2);
  fprintf(stderr, "usage: sql_golden write DIR\n"
                  "       sql_golden prepare FILE...\n");
  return 2;
}
