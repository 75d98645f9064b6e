# shellcheck shell=bash
# ops/lib/daemon.sh — the disclosed process that ops/up starts and ops/down
# stops, known by the pid recorded in var/disclosed.pid.

if [[ -n "${DSC_DAEMON_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_DAEMON_SH_LOADED=1

# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DSC_DAEMON_PIDFILE="$DSC_REPO/var/disclosed.pid"
# SIGTERM lets the daemon drain; after this many seconds it is killed.
DSC_DAEMON_STOP_WAIT=10

# The recorded pid, if it still belongs to a disclosed process; a pid
# recycled by an unrelated process is never signalled.
dsc_daemon_pid() {
  local pid
  [[ -f "$DSC_DAEMON_PIDFILE" ]] || return 1
  pid="$(<"$DSC_DAEMON_PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "disclosed" ]] || return 1
  printf '%s\n' "$pid"
}

# The name of the OS account process PID runs as (its effective uid; ps
# is not on every minimal image).
dsc_pid_user() {
  local uid
  uid="$(awk '$1 == "Uid:" { print $3 }' "/proc/$1/status" 2>/dev/null)"
  [[ -n "$uid" ]] && getent passwd "$uid" | cut -d: -f1
}

# SIGTERM, up to DSC_DAEMON_STOP_WAIT seconds to drain, then SIGKILL.
dsc_daemon_stop() {
  local pid i
  if ! pid="$(dsc_daemon_pid)"; then
    rm -f "$DSC_DAEMON_PIDFILE"
    return 0
  fi
  dsc_log "stopping disclosed (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < DSC_DAEMON_STOP_WAIT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    dsc_log "disclosed did not stop in ${DSC_DAEMON_STOP_WAIT}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$DSC_DAEMON_PIDFILE"
}
