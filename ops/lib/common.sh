# shellcheck shell=bash
# ops/lib/common.sh — shared helpers for ops/up, ops/down and ops/test.
#
# Sourced, never executed. Every function either succeeds or ends the
# calling script through dsc_die, so callers can stay linear under
# `set -euo pipefail`.

if [[ -n "${DSC_COMMON_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_COMMON_SH_LOADED=1

# The repository root, found from this file's own location so the scripts
# work from any current directory and from any clone path.
DSC_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
export DSC_REPO

# The Debian packages a build needs (libh2o-dev and libssl-dev for the HTTP
# server, web/http); the compiler is checked separately
# because either build-essential or a bare gcc + make will do.
DSC_BASE_PACKAGES=(cmake pkg-config libuv1-dev libcjson-dev libpq-dev libsodium-dev
  libh2o-dev libssl-dev libcurl4-openssl-dev
  postgresql-15 postgresql-client-15)

# Progress goes to stderr so that stdout stays usable for values.
dsc_log() {
  printf 'ops: %s\n' "$*" >&2
}

# One clear line, then stop: the scripts never limp on after a failed step.
dsc_die() {
  printf 'ops: error: %s\n' "$*" >&2
  exit 1
}

# True when the script runs as root; PostgreSQL and apt both care.
dsc_is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

# Runs a command as root: directly when we are root, through sudo when we
# are not (apt-get needs root; nothing else in the scripts does).
dsc_as_root() {
  if dsc_is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    dsc_die "need root to run '$*' and sudo is not installed; run as root"
  fi
}

# `dpkg -s` also succeeds for packages removed with their config files
# left behind, so the Status line decides, not the exit code alone.
dsc_pkg_installed() {
  local status
  status="$(dpkg -s "$1" 2>/dev/null | sed -n 's/^Status: //p')" || return 1
  [[ "$status" == "install ok installed" ]]
}

# A C compiler and make: build-essential, or gcc + make + libc headers
# that a minimal image may already carry without the meta-package.
dsc_have_compiler() {
  dsc_pkg_installed build-essential && return 0
  dsc_pkg_installed gcc && dsc_pkg_installed make &&
    dsc_pkg_installed libc6-dev
}

# Prints, one per line, the packages among the base set plus the extras
# given that are not installed yet.
dsc_missing_packages() {
  local pkg
  dsc_have_compiler || echo build-essential
  for pkg in "${DSC_BASE_PACKAGES[@]}" "$@"; do
    dsc_pkg_installed "$pkg" || echo "$pkg"
  done
}

# Installs only what is missing, so a second run touches neither the
# network nor apt's lock. `apt-get update` runs only when something must
# be installed: a fresh image has empty package lists.
#
# Installing postgresql-15 makes Debian create (and, with an init system,
# start) a `main` cluster on localhost:5432. We never use it and leave it
# alone: our clusters set listen_addresses='' and keep their sockets in
# their own directories, so nothing of ours binds a TCP port or collides
# with /var/run/postgresql.
dsc_install_deps() {
  local -a missing
  mapfile -t missing < <(dsc_missing_packages "$@")
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 ||
    dsc_die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  dsc_log "installing: ${missing[*]}"
  dsc_as_root apt-get update
  dsc_as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}

# Configures and builds the repository into BUILD_DIR; further arguments go
# to the configure step (cache variables, build type). Re-running it is an
# incremental build.
dsc_build() {
  local dir="$1"
  shift
  cmake -S "$DSC_REPO" -B "$dir" "$@"
  cmake --build "$dir" -j"$(nproc)"
}

# A short, stable name for this checkout, for directories outside it.
dsc_repo_hash() {
  printf '%s' "$DSC_REPO" | sha256sum | cut -c1-12
}

# dsc_install_file MODE OWNER FILE TEXT — FILE holds TEXT and a newline,
# with MODE from the start (a temporary file renamed into place, so no
# reader sees it half-written or with looser permissions). OWNER is a
# chown argument ("user:group", "user:"), applied only when we are root;
# empty keeps ours.
dsc_install_file() {
  local mode="$1" owner="$2" file="$3" tmp
  tmp="$(mktemp "$file.XXXXXX")"
  printf '%s\n' "$4" >"$tmp"
  chmod "$mode" "$tmp"
  if [[ -n "$owner" ]] && dsc_is_root; then
    chown "$owner" "$tmp"
  fi
  mv -f "$tmp" "$file"
}
