# shellcheck shell=bash
# tests/reliability/peer_auth.sh — issue 11, part 1: who may connect to the
# cluster of ops/up, and as whom.
#
# Each case starts a private cluster with `pg_init_start --peer`, the very
# call ops/up makes, so pg_hba.conf and pg_ident.conf are ops/lib/auth.sh's
# own lines (never a copy). It creates OS accounts (removed by the EXIT
# trap, with the group): a staff member LI, an OS account MAL that has a
# login role but is not staff, the daemon's account D, and OUT, who is not
# in the socket's group; the roles are made by plain SQL (CREATE ROLE ...
# IN ROLE disclose_staff), as migration 0012 and `disclose staff add` will.
# Every refusal has a positive control next to it (LI does reach LI; D does
# reach the engine's role; root does reach the owner and may COPY TO
# PROGRAM), so a cluster nobody can reach fails the case instead of passing
# it.
#
#   t_peer_auth          a fresh cluster: peer on the socket, SCRAM on TCP
#                        (enabled here on 127.0.0.1), nothing else.
#   t_peer_auth_converts a trust cluster as an earlier ops/up made it: LI
#                        connects as the superuser and runs a program as
#                        postgres; then --peer on the running cluster, and
#                        both are refused.
#
# Needs root (useradd, runuser); skipped (77) otherwise.

# shellcheck source=tests/reliability/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PA_GROUP=""
PA_ACCOUNTS=()
PA_SOCK=""
PA_PORT=""
# Names: PA_LI, PA_WANG (a staff role without an OS account), PA_MAL, PA_D,
# PA_OUT; set by _pa_accounts.
PA_LI="" PA_WANG="" PA_MAL="" PA_D="" PA_OUT=""

# shellcheck disable=SC2317 # invoked through the EXIT trap
_pa_cleanup() {
  local status=$? u
  for u in "${PA_ACCOUNTS[@]}"; do
    userdel "$u" >/dev/null 2>&1 || echo "peer_auth: could not remove user $u" >&2
  done
  if [[ -n "$PA_GROUP" ]]; then
    groupdel "$PA_GROUP" >/dev/null 2>&1 ||
      echo "peer_auth: could not remove group $PA_GROUP" >&2
  fi
  (exit "$status")
  rel_cleanup
}

_pa_require_root() {
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "skipped: peer_auth creates OS accounts (useradd) and needs root" >&2
    exit 77
  fi
}

# _pa_accounts — the group and the accounts, with a random suffix so that
# two runs on one machine never share (or delete) each other's. The
# cluster's owner joins the group: PostgreSQL can give its socket only to a
# group it is in (groupdel removes it again).
_pa_accounts() {
  local tag u
  tag="$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')"
  PA_GROUP="dsct_g$tag"
  PA_LI="dsct_li$tag" PA_WANG="dsct_wang$tag" PA_MAL="dsct_mal$tag"
  PA_D="dsct_d$tag" PA_OUT="dsct_out$tag"
  groupadd "$PA_GROUP"
  for u in "$PA_LI" "$PA_MAL" "$PA_D" "$PA_OUT"; do
    useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$u"
    PA_ACCOUNTS+=("$u")
  done
  for u in "$PA_LI" "$PA_MAL" "$PA_D" "$DSC_PG_OSUSER"; do
    usermod -aG "$PA_GROUP" "$u"
  done
}

# _pa_free_port — a TCP port on 127.0.0.1 that nothing listens on.
_pa_free_port() {
  local p i
  for ((i = 0; i < 50; i++)); do
    p=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  fail "no free TCP port found"
}

# _pa_cluster NAME [--peer] [-c name=value]... — starts the private cluster
# NAME on port PA_PORT (rel_cluster_start: the EXIT trap stops it); --peer
# as ops/up, with the socket's group, the daemon's account PA_D and root as
# the operator. PGPORT: pg_init_start's own psql and createdb find the
# server by it.
_pa_cluster() {
  local name="$1"
  shift
  local -a peer=()
  if [[ "${1:-}" == --peer ]]; then
    peer=(--peer "$PA_GROUP" "$PA_D" root)
    shift
  fi
  PGPORT="$PA_PORT" rel_cluster_start "$name" "${peer[@]}" -c "port=$PA_PORT" "$@"
  PA_SOCK="$REL_SOCK"
}

# _pa_psql OSUSER CONNINFO SQL [PASSWORD] — runs SQL as OS account OSUSER
# (root directly), with nothing of our environment but PASSWORD; the output
# and errors are left in $T/out. Returns psql's status.
_pa_psql() {
  local user="$1" conn="$2" sql="$3" pw="${4:-}"
  local -a cmd=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8)
  [[ -z "$pw" ]] || cmd+=("PGPASSWORD=$pw")
  cmd+=("$(pg_bindir)/psql" -XAtqw -v ON_ERROR_STOP=1 -d "$conn" -c "$sql")
  if [[ "$user" != root ]]; then
    cmd=(runuser -u "$user" -- "${cmd[@]}")
  fi
  (cd / && "${cmd[@]}") >"$T/out" 2>&1 </dev/null
}

# The conninfo of the socket, of TCP on 127.0.0.1.
_pa_sock() { echo "host=$PA_SOCK port=$PA_PORT dbname=${2:-disclose} user=$1"; }
_pa_tcp() { echo "host=127.0.0.1 port=$PA_PORT dbname=disclose user=$1"; }

# _pa_allowed OSUSER CONNINFO WANT [PASSWORD] — the connection succeeds and
# `SELECT session_user` says WANT.
_pa_allowed() {
  _pa_psql "$1" "$2" "select session_user" "${4:-}" ||
    fail "$1 could not connect with '$2': $(cat "$T/out")"
  expect_eq "$(cat "$T/out")" "$3" "session_user of $1 with '$2'"
}

# _pa_refused OSUSER CONNINFO WHY [PASSWORD] — the connection fails, and
# the error says WHY (an extended regex).
_pa_refused() {
  if _pa_psql "$1" "$2" "select session_user" "${4:-}"; then
    fail "$1 connected with '$2' as $(cat "$T/out")"
  fi
  grep -qE "$3" "$T/out" || fail "$1 with '$2': refused, but not for /$3/: $(cat "$T/out")"
}

# The roles, by plain SQL as the operator (root -> the owner).
_pa_roles() {
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" "
    DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'disclose_staff') THEN
        CREATE ROLE disclose_staff NOLOGIN;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'disclose_engine') THEN
        CREATE ROLE disclose_engine LOGIN;
      END IF;
    END \$\$;
    CREATE ROLE $PA_LI LOGIN IN ROLE disclose_staff;
    CREATE ROLE $PA_WANG LOGIN IN ROLE disclose_staff;
    CREATE ROLE $PA_MAL LOGIN;" || fail "creating the roles: $(cat "$T/out")"
}

# The socket as the three kinds of client see it.
_pa_check_socket() {
  local peer_failed='Peer authentication failed'
  local rejected='pg_hba.conf rejects connection'
  # The operator, the daemon, a staff member: each as its own role only.
  _pa_allowed root "$(_pa_sock "$DSC_PG_SUPERUSER")" "$DSC_PG_SUPERUSER"
  _pa_allowed root "$(_pa_sock "$DSC_PG_SUPERUSER" postgres)" "$DSC_PG_SUPERUSER"
  _pa_allowed "$PA_D" "$(_pa_sock disclose_engine)" disclose_engine
  _pa_allowed "$PA_LI" "$(_pa_sock "$PA_LI")" "$PA_LI"
  _pa_refused "$PA_LI" "$(_pa_sock "$DSC_PG_SUPERUSER")" "$peer_failed"
  _pa_refused "$PA_LI" "$(_pa_sock "$DSC_PG_SUPERUSER" postgres)" "$peer_failed"
  _pa_refused "$PA_LI" "$(_pa_sock disclose_engine)" "$peer_failed"
  _pa_refused "$PA_LI" "$(_pa_sock "$PA_WANG")" "$peer_failed"
  _pa_refused "$PA_LI" "$(_pa_sock "$PA_LI" postgres)" "$rejected"
  _pa_refused "$PA_D" "$(_pa_sock "$DSC_PG_SUPERUSER")" "$peer_failed"
  _pa_refused root "$(_pa_sock disclose_engine)" "$peer_failed"
  # Not staff: a login role of its own name is not enough, nor is the owner.
  _pa_refused "$PA_MAL" "$(_pa_sock "$PA_MAL")" "$rejected"
  _pa_refused "$PA_MAL" "$(_pa_sock "$DSC_PG_SUPERUSER")" "$peer_failed"
  # Not in the socket's group: the socket directory is closed to it.
  _pa_refused "$PA_OUT" "$(_pa_sock "$PA_LI")" "Permission denied"
}

# A staff member runs no program on the server; the owner could (positive
# control: the statements are right, only the privilege is missing).
_pa_check_program() {
  local li denied='permission denied|must be superuser'
  li="$(_pa_sock "$PA_LI")"
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" \
    "COPY (SELECT 1) TO PROGRAM 'cat >/dev/null'" ||
    fail "the owner could not COPY TO PROGRAM: $(cat "$T/out")"
  if _pa_psql "$PA_LI" "$li" "COPY (SELECT 1) TO PROGRAM 'id'"; then
    fail "$PA_LI ran COPY TO PROGRAM: $(cat "$T/out")"
  fi
  grep -qE "$denied" "$T/out" || fail "COPY TO PROGRAM: $(cat "$T/out")"
  if _pa_psql "$PA_LI" "$li" "CREATE TEMP TABLE x (t text); COPY x FROM PROGRAM 'id'"; then
    fail "$PA_LI ran COPY FROM PROGRAM: $(cat "$T/out")"
  fi
  grep -qE "$denied" "$T/out" || fail "COPY FROM PROGRAM: $(cat "$T/out")"
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" \
    "select rolsuper from pg_roles where rolname = '$PA_LI'" ||
    fail "reading pg_roles: $(cat "$T/out")"
  expect_eq "$(cat "$T/out")" f "$PA_LI is a superuser"
}

# The configuration the server loaded: no trust, no line it could not read.
_pa_check_rules() {
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" "
    select (select count(*) from pg_hba_file_rules) || ' ' ||
           (select count(*) from pg_hba_file_rules
            where auth_method = 'trust' or error is not null) || ' ' ||
           (select count(*) from pg_ident_file_mappings where error is not null)" ||
    fail "reading pg_hba_file_rules: $(cat "$T/out")"
  local -a n
  read -r -a n <"$T/out"
  ((n[0] >= 5)) || fail "only ${n[0]} pg_hba.conf rules loaded"
  expect_eq "${n[1]} ${n[2]}" "0 0" "trust rules or errors, and ident errors"
}

t_peer_auth() {
  _pa_require_root
  rel_init
  trap _pa_cleanup EXIT
  _pa_accounts
  PA_PORT="$(_pa_free_port)"
  _pa_cluster peer --peer -c listen_addresses=127.0.0.1
  _pa_roles
  _pa_check_rules
  _pa_check_socket
  _pa_check_program

  # TCP: a SCRAM password, for staff and the engine only.
  _pa_refused "$PA_LI" "$(_pa_tcp "$PA_LI")" "no password supplied"
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" "
    ALTER ROLE $PA_LI PASSWORD 'li-secret-1';
    ALTER ROLE $PA_MAL PASSWORD 'mal-secret-1';
    ALTER ROLE $DSC_PG_SUPERUSER PASSWORD 'owner-secret-1'" ||
    fail "setting passwords: $(cat "$T/out")"
  _pa_psql root "$(_pa_sock "$DSC_PG_SUPERUSER")" \
    "select split_part(rolpassword, '\$', 1) from pg_authid where rolname = '$PA_LI'" ||
    fail "reading pg_authid: $(cat "$T/out")"
  expect_eq "$(cat "$T/out")" SCRAM-SHA-256 "how $PA_LI's password is stored"
  _pa_allowed "$PA_OUT" "$(_pa_tcp "$PA_LI")" "$PA_LI" li-secret-1
  _pa_refused "$PA_OUT" "$(_pa_tcp "$PA_LI")" "password authentication failed" wrong
  _pa_refused "$PA_OUT" "$(_pa_tcp "$PA_MAL")" "pg_hba.conf rejects connection" mal-secret-1
  _pa_refused "$PA_OUT" "$(_pa_tcp "$DSC_PG_SUPERUSER")" \
    "pg_hba.conf rejects connection" owner-secret-1
}

t_peer_auth_converts() {
  _pa_require_root
  rel_init
  trap _pa_cleanup EXIT
  _pa_accounts
  PA_PORT="$(_pa_free_port)"
  # As an earlier ops/up left it (trust; here with a socket anyone may use):
  # the attack of issue 11 works, which shows this case can fail.
  _pa_cluster old -c unix_socket_permissions=0777
  chmod 755 "$PA_SOCK"
  _pa_roles
  _pa_allowed "$PA_LI" "$(_pa_sock "$DSC_PG_SUPERUSER")" "$DSC_PG_SUPERUSER"
  _pa_psql "$PA_LI" "$(_pa_sock "$DSC_PG_SUPERUSER")" \
    "COPY (SELECT 1) TO PROGRAM 'cat >/dev/null'" ||
    fail "under trust, $PA_LI could not COPY TO PROGRAM: $(cat "$T/out")"

  # ops/up's call on the running cluster rewrites its settings (restart)
  # and its authentication.
  _pa_cluster old --peer
  _pa_check_rules
  _pa_check_socket
  _pa_check_program
}
