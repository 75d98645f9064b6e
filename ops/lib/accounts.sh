# shellcheck shell=bash
# The DSC_* account variables are for ops/up.
# shellcheck disable=SC2034
# ops/lib/accounts.sh — the OS accounts around the ops/up cluster (issue 11).
#
# Sourced by ops/up. Under root it creates (once) the OS group `disclose`,
# whose members alone reach the cluster's socket and var/ (staff, the
# daemon, the cluster's owner), and the system user `disclosed` that runs
# the daemon: no shell, no home, no privileges. Without root it creates
# nothing: the invoking user's own group stands in for `disclose` and the
# daemon runs as that user; dsc_accounts_root_would says what root would
# set up instead.

if [[ -n "${DSC_ACCOUNTS_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_ACCOUNTS_SH_LOADED=1

# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

DSC_STAFF_GROUP=disclose
DSC_SERVICE_USER=disclosed

# True when OS account USER is a member of GROUP (primary or supplementary).
dsc_in_group() {
  id -nG "$1" 2>/dev/null | tr ' ' '\n' | grep -qx "$2"
}

# The account that installed this checkout: the sudo caller, or ourselves
# when not root; empty for a plain root session.
dsc_installing_user() {
  if ! dsc_is_root; then
    id -un
  elif [[ -n "${SUDO_USER:-}" && "$SUDO_USER" != root ]] &&
    id -u "$SUDO_USER" >/dev/null 2>&1; then
    printf '%s\n' "$SUDO_USER"
  fi
}

# Adds USER to the staff group unless already there.
dsc_join_staff_group() {
  if ! dsc_in_group "$1" "$DSC_STAFF_GROUP"; then
    dsc_log "adding $1 to the group $DSC_STAFF_GROUP"
    usermod -aG "$DSC_STAFF_GROUP" "$1"
  fi
}

# Sets, for the rest of ops/up:
#   DSC_SOCKET_GROUP   the OS group of var/ and the socket;
#   DSC_DAEMON_OSUSER  the account disclosed runs as (mapped to the engine);
#   DSC_OPERATORS      comma-separated accounts mapped to the owner;
#   DSC_OPERATOR       the one that owns var/conninfo.owner;
#   DSC_AS_DAEMON      the command prefix that runs a command as the daemon's
#                      account: setpriv, not runuser, because it replaces
#                      itself with the command (no parent stays behind), so
#                      $! of a background start is the daemon's own pid; no
#                      privilege can be regained through set-uid files.
# Under root, creates the group and the service user when missing and puts
# the service user, the cluster's owner (PostgreSQL can give its socket
# only to a group it is in) and the installing user in the group.
dsc_accounts_setup() {
  local installer
  installer="$(dsc_installing_user)"
  if ! dsc_is_root; then
    DSC_SOCKET_GROUP="$(id -gn)"
    DSC_DAEMON_OSUSER="$installer"
    DSC_OPERATORS="root,$installer"
    DSC_OPERATOR="$installer"
    DSC_AS_DAEMON=()
    return 0
  fi
  if ! getent group "$DSC_STAFF_GROUP" >/dev/null; then
    dsc_log "creating the group $DSC_STAFF_GROUP (staff, the daemon, PostgreSQL)"
    groupadd --system "$DSC_STAFF_GROUP"
  fi
  if ! id -u "$DSC_SERVICE_USER" >/dev/null 2>&1; then
    dsc_log "creating the system user $DSC_SERVICE_USER (runs the daemon)"
    useradd --system --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin --comment "disclose daemon" "$DSC_SERVICE_USER"
  fi
  dsc_join_staff_group "$DSC_SERVICE_USER"
  dsc_join_staff_group "$DSC_PG_OSUSER"
  if [[ -n "$installer" ]]; then
    dsc_join_staff_group "$installer"
  fi
  DSC_SOCKET_GROUP="$DSC_STAFF_GROUP"
  DSC_DAEMON_OSUSER="$DSC_SERVICE_USER"
  DSC_OPERATORS="root${installer:+,$installer}"
  DSC_OPERATOR="${installer:-root}"
  DSC_AS_DAEMON=(setpriv --reuid="$DSC_SERVICE_USER"
    --regid="$(id -g "$DSC_SERVICE_USER")" --init-groups --no-new-privs --)
}

# Runs a command as the daemon's account (see DSC_AS_DAEMON).
dsc_as_daemon_user() {
  "${DSC_AS_DAEMON[@]}" "$@"
}

# What ops/up would set up as root, for a run without it.
dsc_accounts_root_would() {
  cat <<EOF

Not root, so no accounts were created: the daemon runs as $DSC_DAEMON_OSUSER,
and the group $DSC_SOCKET_GROUP stands in for the staff group. As root,
ops/up would instead:
  groupadd --system $DSC_STAFF_GROUP          # staff, the daemon and PostgreSQL
  useradd --system --user-group --no-create-home --shell /usr/sbin/nologin $DSC_SERVICE_USER
  usermod -aG $DSC_STAFF_GROUP $DSC_SERVICE_USER; usermod -aG $DSC_STAFF_GROUP postgres
  chown root:$DSC_STAFF_GROUP var; chmod 0750 var   # the socket group: $DSC_STAFF_GROUP
and run disclosed as $DSC_SERVICE_USER (ops/disclosed.service does the same).
EOF
}
