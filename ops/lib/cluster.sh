# shellcheck shell=bash
# The DSC_PG_* and DSC_DATADIR_RECORD variables are for the sourcing scripts.
# shellcheck disable=SC2034
# ops/lib/cluster.sh — where the embedded cluster of ops/up lives.
#
# Sourced by ops/up and ops/down so both agree on the paths. Normally the
# cluster lives under the checkout's var/. Under root the server runs as
# `postgres`, which may be unable to reach the checkout (a clone under
# /root, whose mode is 700): then it lives in /var/lib/disclose/<hash>/.

if [[ -n "${DSC_CLUSTER_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_CLUSTER_SH_LOADED=1

# shellcheck source=ops/lib/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

# The file where ops/up records the data directory it used, so ops/down
# stops that cluster even if the rules below would now choose another.
DSC_DATADIR_RECORD="$DSC_REPO/var/datadir"

# Prints the first directory on the way to PATH that the cluster's owner
# cannot enter, and succeeds; fails when every existing component is
# reachable. One process walks the whole path instead of one per parent.
dsc_owner_blocked_at() {
  # shellcheck disable=SC2016 # the script is for the inner bash
  pg_as_owner bash -c '
    path=""
    IFS=/ read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
      [[ -n "$part" ]] || continue
      path+="/$part"
      [[ -e "$path" ]] || break
      if [[ ! -x "$path" ]]; then
        printf "%s\n" "$path"
        exit 0
      fi
    done
    exit 1' _ "$1"
}

# Sets DSC_PG_DATA, DSC_PG_SOCK and DSC_PG_LOG for the embedded cluster;
# DSC_PG_FALLBACK is the directory outside the checkout when one is needed
# (empty otherwise) and DSC_PG_BLOCKER the directory that forced it.
dsc_cluster_locate() {
  DSC_PG_FALLBACK=""
  DSC_PG_BLOCKER=""
  if dsc_is_root && DSC_PG_BLOCKER="$(dsc_owner_blocked_at "$DSC_REPO/var")"; then
    DSC_PG_FALLBACK="/var/lib/disclose/$(dsc_repo_hash)"
    DSC_PG_DATA="$DSC_PG_FALLBACK/data"
    DSC_PG_SOCK="$DSC_PG_FALLBACK/run"
    DSC_PG_LOG="$DSC_PG_FALLBACK/log"
  else
    DSC_PG_DATA="$DSC_REPO/var/pg/data"
    DSC_PG_SOCK="$DSC_REPO/var/run"
    DSC_PG_LOG="$DSC_REPO/var/pg/log"
  fi
}

# Quotes a conninfo value when it needs it (spaces, quotes, backslashes).
dsc_conninfo_quote() {
  local v="$1"
  if [[ "$v" =~ [[:space:]\'\\] ]]; then
    v="${v//\\/\\\\}"
    v="${v//\'/\\\'}"
    printf "'%s'" "$v"
  else
    printf '%s' "$v"
  fi
}

# The libpq conninfos of the embedded cluster's `disclose` database, one per
# kind of client (ops/up writes each to its file under var/):
#   owner  (var/conninfo.owner)  the schema's owner, for the operator;
#   engine (var/conninfo.engine) the daemon's role;
#   staff  (var/conninfo)        no user=: libpq takes the OS account's name,
#                                so each staff member connects as themselves.
dsc_cluster_conninfo() {
  printf 'host=%s dbname=disclose user=%s\n' \
    "$(dsc_conninfo_quote "$DSC_PG_SOCK")" "$DSC_PG_SUPERUSER"
}

dsc_cluster_engine_conninfo() {
  printf 'host=%s dbname=disclose user=%s\n' \
    "$(dsc_conninfo_quote "$DSC_PG_SOCK")" "$DSC_ENGINE_ROLE"
}

dsc_cluster_staff_conninfo() {
  printf 'host=%s dbname=disclose\n' "$(dsc_conninfo_quote "$DSC_PG_SOCK")"
}

# Creates the engine's login role if it is missing (idempotent).
dsc_cluster_ensure_engine_role() {
  "$(pg_bindir)/psql" -XAtq -v ON_ERROR_STOP=1 \
    -d "$(dsc_cluster_conninfo)" -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DSC_ENGINE_ROLE') THEN
        CREATE ROLE $DSC_ENGINE_ROLE LOGIN IN ROLE disclose_app;
      END IF; END \$\$;" </dev/null ||
    dsc_die "could not create the engine's role $DSC_ENGINE_ROLE"
}
