# shellcheck shell=bash
# ops/lib/auth.sh — who may connect to the ops/up cluster, and as whom
# (issue 11, part 1). Sourced by ops/lib/pg.sh; pg_init_start --peer calls
# pg_write_auth, and so does nothing else: the test of these rules
# (tests/reliability/peer_auth.sh) starts its cluster the same way, so it
# proves the very lines ops/up installs.
#
# No `trust`: on the socket PostgreSQL asks the kernel who the client is
# (peer) and an ident map says which database roles that OS account may
# use; over TCP (off unless configured, docs/operations.md) a SCRAM
# password. The first line whose database and role match decides; a
# failed check does not fall through to the next line, and what no line
# allows the last two refuse.

if [[ -n "${DSC_AUTH_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_AUTH_SH_LOADED=1

# The cluster's superuser, the owner of the schema: the operator's role.
DSC_PG_SUPERUSER="${DSC_PG_SUPERUSER:-disclose}"
# The daemon's login role (member of disclose_app, migrations/0006).
DSC_ENGINE_ROLE=disclose_engine
# The group role of every staff login (migration 0012); superusers are
# never members, so the staff line can never yield a superuser.
DSC_STAFF_ROLE=disclose_staff
# An OS account name that is also a valid staff login: the whole name,
# lower case, as `disclose staff add` accepts it.
DSC_STAFF_IDENT_REGEX='/^([a-z_][a-z0-9_.-]*)$'

# One pg_hba.conf line, in columns: TYPE DATABASE USER ADDRESS METHOD.
pg_hba_line() {
  printf '%-7s %-9s %-16s %-14s %s\n' "$@"
}

# pg_hba_text — the whole pg_hba.conf.
pg_hba_text() {
  local su="$DSC_PG_SUPERUSER" engine="$DSC_ENGINE_ROLE" staff="+$DSC_STAFF_ROLE"
  local addr
  echo "# Written by ops/lib/auth.sh at every ops/up; edits are overwritten."
  pg_hba_line "# TYPE" DATABASE USER ADDRESS METHOD
  echo "# The operator (root, the installing user) as the owner, any database."
  pg_hba_line local all "$su" "" "peer map=operator"
  echo "# The daemon's OS account as the engine's role."
  pg_hba_line local disclose "$engine" "" "peer map=daemon"
  echo "# Each staff OS account as the staff login of the same name."
  pg_hba_line local disclose "$staff" "" "peer map=staff"
  echo "# TCP, when listen_addresses allows it: SCRAM passwords, staff and engine."
  for addr in 127.0.0.1/32 ::1/128; do
    pg_hba_line host disclose "$staff" "$addr" scram-sha-256
    pg_hba_line host disclose "$engine" "$addr" scram-sha-256
  done
  echo "# Everything else, the superuser over TCP included."
  pg_hba_line local all all "" reject
  pg_hba_line host all all all reject
}

# pg_ident_text DAEMON_OSUSER OPERATOR_OSUSER... — the whole pg_ident.conf.
# Each operator appears once, whatever the order or repetition given.
pg_ident_text() {
  local daemon="$1" op
  shift
  local -A seen=()
  echo "# Written by ops/lib/auth.sh at every ops/up; edits are overwritten."
  echo "# MAPNAME  SYSTEM-USERNAME            PG-USERNAME"
  for op in "$@"; do
    [[ -z "${seen[$op]:-}" ]] || continue
    seen[$op]=1
    printf 'operator   %-26s %s\n' "$op" "$DSC_PG_SUPERUSER"
  done
  printf 'daemon     %-26s %s\n' "$daemon" "$DSC_ENGINE_ROLE"
  printf 'staff      %-26s %s\n' "$DSC_STAFF_IDENT_REGEX" '\1'
}

# pg_write_auth DATADIR DAEMON_OSUSER OPERATOR_OSUSER... — replaces
# pg_hba.conf and pg_ident.conf (each renamed into place, so the server
# never reads half a file), owned by the cluster's owner, mode 0600. The
# caller reloads or starts the server.
pg_write_auth() {
  local data="$1" daemon="$2"
  shift 2
  [[ $# -ge 1 ]] || dsc_die "pg_write_auth: no operator account given"
  dsc_install_file 600 "$DSC_PG_OSUSER:" "$data/pg_hba.conf" "$(pg_hba_text)"
  dsc_install_file 600 "$DSC_PG_OSUSER:" "$data/pg_ident.conf" \
    "$(pg_ident_text "$daemon" "$@")"
}
