# shellcheck shell=bash
# ops/lib/pg.sh — start and stop a private PostgreSQL cluster.
#
# Sourced, never executed. Our clusters listen on a unix socket only
# (listen_addresses=''), use trust authentication for the superuser
# `disclose`, and are owned by an unprivileged user: PostgreSQL refuses to
# run as root, so under root everything runs as the Debian user `postgres`.

if [[ -n "${DSC_PG_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_PG_SH_LOADED=1

# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The superuser initdb creates; clients connect as this role.
DSC_PG_SUPERUSER="${DSC_PG_SUPERUSER:-disclose}"
# The OS user that owns and runs clusters when we are root.
DSC_PG_OSUSER="${DSC_PG_OSUSER:-postgres}"
# sun_path is 108 bytes with its NUL; the socket file adds "/.s.PGSQL.5432".
DSC_PG_SOCKET_MAX=107

# Server binaries are not on PATH on Debian; the version is pinned to the
# one CONTRACT.md installs, overridable for other layouts.
pg_bindir() {
  local dir="${DSC_PG_BINDIR:-/usr/lib/postgresql/15/bin}"
  [[ -x "$dir/pg_ctl" ]] ||
    dsc_die "no PostgreSQL server binaries in $dir (is postgresql-15 installed?)"
  printf '%s\n' "$dir"
}

# Runs a command as the cluster's owner. As root that is `postgres`, with
# the current directory moved to / because ours may be unreachable for it;
# otherwise the command runs as ourselves.
pg_as_owner() {
  if ! dsc_is_root; then
    "$@"
    return
  fi
  id -u "$DSC_PG_OSUSER" >/dev/null 2>&1 ||
    dsc_die "user $DSC_PG_OSUSER does not exist (is postgresql-15 installed?)"
  if command -v runuser >/dev/null 2>&1; then
    (cd / && runuser -u "$DSC_PG_OSUSER" -- "$@")
  else
    (cd / && su "$DSC_PG_OSUSER" -s /bin/bash -c "$(printf '%q ' "$@")")
  fi
}

# Gives a path to the cluster's owner when we are root; a no-op otherwise.
pg_chown_owner() {
  if dsc_is_root; then
    chown "$DSC_PG_OSUSER:" "$@"
  fi
}

# Fails early with a message a human can act on, instead of the server's
# "Unix-domain socket path ... is too long" buried in a log file.
pg_check_socket_dir() {
  local sock="$1/.s.PGSQL.5432"
  local len
  len="$(LC_ALL=C; printf '%s' "$sock" | wc -c)"
  if ((len > DSC_PG_SOCKET_MAX)); then
    dsc_die "socket path $sock is $len bytes; unix sockets allow $DSC_PG_SOCKET_MAX." \
      "Use a shorter socket directory (a checkout at a shorter path)."
  fi
}

# True when DATADIR holds a cluster whose postmaster is running.
pg_is_running() {
  local bin
  [[ -f "$1/PG_VERSION" ]] || return 1
  bin="$(pg_bindir)" || return 1
  pg_as_owner "$bin/pg_ctl" status -D "$1" >/dev/null 2>&1
}

# initdb prefers C.UTF-8 (UTF-8 character classes, byte-order collation);
# images without that locale still get a UTF-8 database with --no-locale.
pg_locale_args() {
  if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then
    echo --locale=C.UTF-8
  else
    echo --no-locale
  fi
}

# Creates the directories with modes the owner can use even under a
# restrictive umask, and hands them (and the log file) to the owner.
pg_prepare_dirs() {
  local data="$1" sock="$2" log="$3"
  (umask 022 && mkdir -p "$data" "$sock" "$(dirname "$log")")
  touch "$log"
  pg_chown_owner "$data" "$sock" "$log"
  chmod 700 "$data"
  pg_as_owner test -w "$data" -a -w "$sock" -a -w "$log" ||
    dsc_die "user $(pg_owner_name) cannot write $data, $sock or $log:" \
      "a parent directory blocks it"
}

# The name of the user the cluster runs as, for messages.
pg_owner_name() {
  if dsc_is_root; then echo "$DSC_PG_OSUSER"; else id -un; fi
}

# Runs initdb once; NOSYNC ("--nosync" or "") is for throwaway clusters.
pg_initdb() {
  local data="$1" nosync="$2"
  local -a args=(-D "$data" -A trust -U "$DSC_PG_SUPERUSER" --encoding=UTF8)
  args+=("$(pg_locale_args)")
  if [[ -n "$nosync" ]]; then
    args+=(--nosync)
  fi
  dsc_log "initdb $data"
  pg_as_owner "$(pg_bindir)/initdb" "${args[@]}" >/dev/null ||
    dsc_die "initdb failed for $data"
}

# Quotes a value for postgresql.conf: single quotes, doubled inside.
pg_conf_quote() {
  printf "'%s'" "${1//\'/\'\'}"
}

# Writes our settings into disclose.conf, included from postgresql.conf.
# The file is rewritten on every start so the socket directory and the
# caller's extra options are always the ones asked for this time; a later
# setting wins in PostgreSQL's configuration, so the include goes last.
pg_write_settings() {
  local data="$1" sock="$2"
  shift 2
  local conf="$data/disclose.conf" opt
  {
    echo "# Written by ops/lib/pg.sh at every start; edits are overwritten."
    echo "listen_addresses = ''"
    echo "unix_socket_directories = $(pg_conf_quote "$sock")"
    echo "unix_socket_permissions = 0770"
    for opt in "$@"; do
      [[ "$opt" == *=* ]] || dsc_die "bad server option '$opt' (want name=value)"
      echo "${opt%%=*} = $(pg_conf_quote "${opt#*=}")"
    done
  } >"$conf"
  pg_chown_owner "$conf"
  if ! grep -q "^include_if_exists = 'disclose.conf'" "$data/postgresql.conf"; then
    echo "include_if_exists = 'disclose.conf'" >>"$data/postgresql.conf"
  fi
}

# Turns "-c name=value" pairs and bare "name=value" words into name=value.
pg_parse_options() {
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == "-c" ]]; then
      [[ $# -ge 2 ]] || dsc_die "-c needs name=value"
      printf '%s\n' "$2"
      shift 2
    else
      printf '%s\n' "$1"
      shift
    fi
  done
}

# Creates database NAME on the cluster at SOCKDIR unless it exists. The
# query goes on stdin because psql interpolates :'name' only there.
pg_create_db() {
  local sock="$1" name="$2" exists
  exists="$("$(pg_bindir)/psql" -h "$sock" -U "$DSC_PG_SUPERUSER" -d postgres \
    -XAtq -v ON_ERROR_STOP=1 -v name="$name" \
    <<<"select 1 from pg_database where datname = :'name'")" ||
    dsc_die "cannot query the cluster at $sock"
  if [[ "$exists" != "1" ]]; then
    "$(pg_bindir)/createdb" -h "$sock" -U "$DSC_PG_SUPERUSER" "$name" </dev/null ||
      dsc_die "createdb $name failed"
  fi
}

# pg_init_start [--nosync] DATADIR SOCKDIR LOGFILE [-c name=value | name=value]...
#
# Initialises DATADIR if it holds no cluster yet, writes our settings,
# starts the server and waits until it accepts connections, then creates
# the database `disclose`. A cluster that already runs is left as it is.
pg_init_start() {
  local nosync=""
  if [[ "${1:-}" == "--nosync" ]]; then
    nosync="--nosync"
    shift
  fi
  [[ $# -ge 3 ]] || dsc_die "usage: pg_init_start [--nosync] DATADIR SOCKDIR LOGFILE [-c opt=val]..."
  local data="$1" sock="$2" log="$3"
  shift 3
  local -a opts
  mapfile -t opts < <(pg_parse_options "$@")
  pg_check_socket_dir "$sock"
  if pg_is_running "$data"; then
    dsc_log "PostgreSQL already running in $data"
  else
    pg_prepare_dirs "$data" "$sock" "$log"
    [[ -f "$data/PG_VERSION" ]] || pg_initdb "$data" "$nosync"
    pg_write_settings "$data" "$sock" "${opts[@]}"
    pg_start "$data" "$log"
  fi
  pg_create_db "$sock" disclose
}

# Starts the server with pg_ctl and waits up to 60 s; on failure the end of
# the server log says why.
pg_start() {
  local data="$1" log="$2"
  dsc_log "starting PostgreSQL in $data (log $log)"
  if ! pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
    </dev/null >/dev/null; then
    tail -n 30 "$log" >&2 || true
    dsc_die "PostgreSQL did not start in $data; see $log"
  fi
}

# pg_stop DATADIR — fast shutdown; nothing to do when nothing runs there.
pg_stop() {
  local data="$1"
  [[ -f "$data/PG_VERSION" ]] || return 0
  pg_is_running "$data" || return 0
  dsc_log "stopping PostgreSQL in $data"
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -m fast -w -t 60 stop \
    </dev/null >/dev/null
}
