# shellcheck shell=bash
# ops/lib/pg.sh — start and stop a private PostgreSQL cluster.
#
# Sourced, never executed. Our clusters listen on a unix socket only
# (listen_addresses=''), and are owned by an unprivileged user: PostgreSQL
# refuses to run as root, so under root everything runs as the Debian user
# `postgres`. The throwaway clusters of ops/test, ops/bench and the tests
# trust every local connection; the cluster of ops/up is started with
# --peer and trusts nobody (ops/lib/auth.sh).

if [[ -n "${DSC_PG_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_PG_SH_LOADED=1

# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# The superuser initdb creates; clients connect as this role.
DSC_PG_SUPERUSER="${DSC_PG_SUPERUSER:-disclose}"

# shellcheck source=ops/lib/auth.sh
source "$(dirname "${BASH_SOURCE[0]}")/auth.sh"
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
# restrictive umask, and hands them (and the log file) to the owner. The
# server log is the owner's alone (0640, its group): statements with their
# parameters may appear in it. SOCKGROUP, when given, is the only group
# besides the owner that may enter the socket directory.
pg_prepare_dirs() {
  local data="$1" sock="$2" log="$3" sockgroup="${4:-}"
  (umask 022 && mkdir -p "$data" "$sock" "$(dirname "$log")")
  touch "$log"
  pg_chown_owner "$data" "$sock" "$log"
  chmod 700 "$data"
  chmod 640 "$log"
  if [[ -n "$sockgroup" ]]; then
    chgrp "$sockgroup" "$sock"
    chmod 750 "$sock"
  fi
  pg_as_owner test -w "$data" -a -w "$sock" -a -w "$log" ||
    dsc_die "user $(pg_owner_name) cannot write $data, $sock or $log:" \
      "a parent directory blocks it"
}

# The name of the user the cluster runs as, for messages.
pg_owner_name() {
  if dsc_is_root; then echo "$DSC_PG_OSUSER"; else id -un; fi
}

# Runs initdb once; NOSYNC ("--nosync" or "") is for throwaway clusters;
# PEER ("--peer" or "") for the cluster of ops/up, whose initial pg_hba.conf
# then trusts nobody even before pg_write_auth replaces it.
pg_initdb() {
  local data="$1" nosync="$2" peer="${3:-}"
  local -a args=(-D "$data" -U "$DSC_PG_SUPERUSER" --encoding=UTF8)
  if [[ -n "$peer" ]]; then
    args+=(--auth-local=peer --auth-host=scram-sha-256)
  else
    args+=(-A trust)
  fi
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
# SOCKGROUP (may be empty) owns the socket, so its members may connect.
# PG_SETTINGS_CHANGED is 1 when the file's text changed, else 0.
pg_write_settings() {
  local data="$1" sock="$2" sockgroup="$3"
  shift 3
  local conf="$data/disclose.conf" opt text
  text="$(
    echo "# Written by ops/lib/pg.sh at every start; edits are overwritten."
    echo "listen_addresses = ''"
    echo "unix_socket_directories = $(pg_conf_quote "$sock")"
    echo "unix_socket_permissions = 0770"
    # Bind parameters carry applicants' personal data (names, identity and
    # phone numbers): a statement in the log never shows them, whatever
    # else is logged (docs/personal-data.md; test_daemon.sh checks it with
    # every statement logged).
    echo "log_parameter_max_length = 0"
    echo "log_parameter_max_length_on_error = 0"
    if [[ -n "$sockgroup" ]]; then
      echo "unix_socket_group = $(pg_conf_quote "$sockgroup")"
      echo "password_encryption = 'scram-sha-256'"
    fi
    for opt in "$@"; do
      [[ "$opt" == *=* ]] || dsc_die "bad server option '$opt' (want name=value)"
      echo "${opt%%=*} = $(pg_conf_quote "${opt#*=}")"
    done
  )"
  PG_SETTINGS_CHANGED=1
  if [[ -f "$conf" && "$(<"$conf")" == "$text" ]]; then
    PG_SETTINGS_CHANGED=0
  fi
  printf '%s\n' "$text" >"$conf"
  pg_chown_owner "$conf"
  if ! grep -q "^include_if_exists = 'disclose.conf'" "$data/postgresql.conf"; then
    echo "include_if_exists = 'disclose.conf'" >>"$data/postgresql.conf"
  fi
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

# pg_init_start [--nosync] [--peer GROUP DAEMON OPERATORS] DATADIR SOCKDIR
#               LOGFILE [-c name=value | name=value]...
#
# Initialises DATADIR if it holds no cluster yet, writes our settings,
# starts the server and waits until it accepts connections, then creates
# the database `disclose`. A cluster that already runs is left as it is.
# The two flags may also come after the paths (so that wrappers which add
# their own flags and pass the rest on can take them).
#
# --peer is for the cluster of ops/up (issue 11): no trust anywhere. The
# socket belongs to the OS group GROUP (whose members alone may reach it),
# and pg_hba.conf / pg_ident.conf are ops/lib/auth.sh's, with DAEMON the
# OS account of `disclosed` and OPERATORS (comma-separated) the accounts
# that act as the owner; the caller connects as one of them. Both files and
# the settings are rewritten on every call, even when the server runs: a
# settings change restarts it, otherwise it reloads, so a cluster made by
# an earlier trust ops/up is converted.
pg_init_start() {
  local nosync="" peer="" group="" daemon="" operators=""
  local -a paths=() opts=() ops
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --nosync) nosync="--nosync" ;;
      --peer)
        [[ $# -ge 4 ]] || dsc_die "--peer needs GROUP DAEMON OPERATORS"
        peer="--peer" group="$2" daemon="$3" operators="$4"
        shift 3
        ;;
      -c)
        [[ $# -ge 2 ]] || dsc_die "-c needs name=value"
        opts+=("$2")
        shift
        ;;
      *)
        if [[ ${#paths[@]} -lt 3 ]]; then paths+=("$1"); else opts+=("$1"); fi
        ;;
    esac
    shift
  done
  [[ ${#paths[@]} -eq 3 ]] || dsc_die "usage: pg_init_start [--nosync] [--peer GROUP DAEMON OPERATORS] DATADIR SOCKDIR LOGFILE [-c opt=val]..."
  local data="${paths[0]}" sock="${paths[1]}" log="${paths[2]}"
  IFS=, read -ra ops <<<"$operators"
  pg_check_socket_dir "$sock"
  # A server started before its owner joined GROUP can neither give its
  # socket to GROUP nor, once the caller closes var/ to all but GROUP, reach
  # its own files (its shutdown checkpoint would PANIC): stop it while it
  # still can, and start it afresh below.
  if [[ -n "$peer" ]] && pg_is_running "$data" && ! pg_server_in_group "$data" "$group"; then
    dsc_log "the server in $data predates its owner's membership of $group; restarting it"
    pg_stop "$data"
  fi
  if pg_is_running "$data"; then
    dsc_log "PostgreSQL already running in $data"
    if [[ -n "$peer" ]]; then
      pg_prepare_dirs "$data" "$sock" "$log" "$group"
      pg_write_settings "$data" "$sock" "$group" "${opts[@]}"
      pg_write_auth "$data" "$daemon" "${ops[@]}"
      if ((PG_SETTINGS_CHANGED)); then
        pg_restart "$data" "$log"
      else
        pg_reload "$data"
      fi
    fi
  else
    pg_prepare_dirs "$data" "$sock" "$log" "$group"
    [[ -f "$data/PG_VERSION" ]] || pg_initdb "$data" "$nosync" "$peer"
    pg_write_settings "$data" "$sock" "$group" "${opts[@]}"
    if [[ -n "$peer" ]]; then
      pg_write_auth "$data" "$daemon" "${ops[@]}"
    fi
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

# True when the server running DATADIR has the OS group GROUP among its
# groups (a process keeps the groups it started with).
pg_server_in_group() {
  local pid gid
  pid="$(head -n 1 "$1/postmaster.pid" 2>/dev/null)" || return 1
  gid="$(getent group "$2" | cut -d: -f3)"
  [[ "$pid" =~ ^[0-9]+$ && -n "$gid" ]] || return 1
  awk -v g="$gid" '$1 == "Groups:" { for (i = 2; i <= NF; i++) if ($i == g) f = 1 }
    END { exit !f }' "/proc/$pid/status" 2>/dev/null
}

# Settings that only a restart applies (the socket's group): fast mode,
# so clients are disconnected rather than waited for; they reconnect.
pg_restart() {
  local data="$1" log="$2"
  dsc_log "restarting PostgreSQL in $data for its new settings"
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" -l "$log" -m fast -w -t 60 \
    restart </dev/null >/dev/null ||
    dsc_die "PostgreSQL did not restart in $data; see $log"
}

# pg_hba.conf and pg_ident.conf take effect on a reload.
pg_reload() {
  pg_as_owner "$(pg_bindir)/pg_ctl" -D "$1" reload </dev/null >/dev/null ||
    dsc_die "could not reload PostgreSQL in $1"
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

# pg_free_port — a TCP port on 127.0.0.1 that nothing listens on now (a
# guess, checked by connecting; the caller binds it at once).
pg_free_port() {
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  dsc_die "no free TCP port found"
}

# pg_tcp_needs_password DATADIR — for a throwaway trust cluster that also
# listens on 127.0.0.1: every TCP connection must prove a SCRAM password,
# as on the cluster of ops/up, so that the HTTP API's logins (which the
# engine refuses over a connection that asked for none) can be tested.
# The line goes first in pg_hba.conf; the socket stays trust. Reloads.
pg_tcp_needs_password() {
  local data="$1" hba="$1/pg_hba.conf"
  if ! grep -q '^host all all 127.0.0.1/32 scram-sha-256' "$hba"; then
    pg_as_owner sh -c "{ echo 'host all all 127.0.0.1/32 scram-sha-256'; cat '$hba'; } > '$hba.new' && mv '$hba.new' '$hba'"
  fi
  pg_reload "$data"
}
