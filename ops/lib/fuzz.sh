# shellcheck shell=bash
# ops/lib/fuzz.sh — the fuzzing step of ops/test (issue 6, part 5).
#
# Sourced, never executed. dsc_fuzz installs clang and its libFuzzer
# runtime, builds the drivers of tests/fuzz/ with -DDSC_FUZZ=ON into a
# build directory of their own (build-fuzz/, so build-test/ stays gcc), and
# runs each one, side by side, for a bounded time from its committed
# corpus. New inputs go to a scratch corpus under build-fuzz/fuzz-run/,
# never into tests/fuzz/corpus/. A crash (or leak, or broken invariant)
# fails the step and prints the reproducer and the commands that turn it
# into a corpus case.
#
#   DSC_FUZZ_SECONDS  seconds each driver runs (default 60); 0 skips
#   DSC_FUZZ_BUILD    the build directory (default build-fuzz)

if [[ -n "${DSC_FUZZ_SH_LOADED:-}" ]]; then
  return 0
fi
DSC_FUZZ_SH_LOADED=1

# shellcheck source=ops/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# clang alone lacks libFuzzer and the sanitizer runtimes (libclang-rt-14-dev
# is only recommended, and we install without recommends); llvm-14 brings
# llvm-symbolizer, without which a crash's stack has no file:line.
DSC_FUZZ_PACKAGES=(clang libclang-rt-14-dev llvm-14)
DSC_FUZZ_SYMBOLIZER=/usr/lib/llvm-14/bin/llvm-symbolizer

# The drivers: name (tests/fuzz/fuzz_NAME.c), corpus and dictionary.
DSC_FUZZ_DRIVERS=(intake calendar_csv http_route api_body)
declare -A DSC_FUZZ_CORPUS=([intake]=intake [calendar_csv]=calendar [http_route]=http_route [api_body]=api_body)
declare -A DSC_FUZZ_DICT=([intake]=intake.dict [calendar_csv]=calendar.dict [http_route]=http_route.dict [api_body]=api_body.dict)

# Configures build-fuzz/ for clang with DSC_FUZZ=ON and builds only the
# drivers (and the engine they link), not the rest of the tree.
dsc_fuzz_build() {
  local dir="$1" name
  local -a targets=()
  for name in "${DSC_FUZZ_DRIVERS[@]}"; do
    targets+=(--target "fuzz_$name")
  done
  cmake -S "$DSC_REPO" -B "$dir" -DDSC_FUZZ=ON -DCMAKE_C_COMPILER=clang \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$dir" -j"$(nproc)" "${targets[@]}"
}

# Starts driver NAME in the background for SECONDS, its output in
# RUN/NAME/log; the caller reads its pid from $!.
dsc_fuzz_start() {
  local dir="$1" run="$2" name="$3" seconds="$4"
  local out="$run/$name"
  rm -rf "$out/artifacts" "$out/log"
  mkdir -p "$out/corpus" "$out/artifacts"
  # libFuzzer writes new inputs into the first directory only: the scratch
  # corpus; the committed one is read.
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    ASAN_SYMBOLIZER_PATH="$DSC_FUZZ_SYMBOLIZER" \
    "$dir/bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/" \
    -dict="$DSC_REPO/tests/fuzz/${DSC_FUZZ_DICT[$name]}" \
    "$out/corpus" "$DSC_REPO/tests/fuzz/corpus/${DSC_FUZZ_CORPUS[$name]}" \
    >"$out/log" 2>&1 </dev/null &
}

# Reports driver NAME after it ended with STATUS: its figures, or the
# crash with what to do about it. Returns non-zero on a crash.
dsc_fuzz_report() {
  local dir="$1" run="$2" name="$3" status="$4"
  local out="$run/$name" bin="$dir/bin/fuzz_$name" runs rate artifact
  local corpus="tests/fuzz/corpus/${DSC_FUZZ_CORPUS[$name]}"
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log")"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out/log")"
  artifact="$(find "$out/artifacts" -type f | head -n 1)"
  if [[ $status -eq 0 && -z "$artifact" ]]; then
    dsc_log "fuzz_$name: ${runs:-?} runs, ${rate:-?} exec/s, no crash"
    return 0
  fi
  {
    echo "---- fuzz_$name failed (status $status); the end of $out/log ----"
    tail -n 60 "$out/log"
    echo "----"
  } >&2
  if [[ -z "$artifact" ]]; then
    dsc_log "fuzz_$name failed without a reproducer: see $out/log"
    return 1
  fi
  dsc_log "fuzz_$name crashed; reproducer: $artifact"
  dsc_log "  reproduce: $bin $artifact"
  local case
  for case in "$corpus"/*; do
    if cmp -s "$case" "$artifact"; then
      dsc_log "  it is the committed corpus case $case: the bug it records" \
        "is not fixed (or is back)"
      return 1
    fi
  done
  dsc_log "  minimise:  $bin -minimize_crash=1 -runs=100000" \
    "-artifact_prefix=$out/artifacts/min- $artifact"
  dsc_log "  keep it:   cp <the smallest $out/artifacts/min-*>" \
    "$corpus/crash-<what-it-breaks>"
  dsc_log "  (a corpus case is replayed by every later run, so the bug stays fixed)"
  return 1
}

# dsc_fuzz [CTEST-ARGS...] — the whole step. With ctest arguments (a
# focused run such as `ops/test -R machine`) it runs only when
# DSC_FUZZ_SECONDS is set explicitly.
dsc_fuzz() {
  local seconds="${DSC_FUZZ_SECONDS:-60}" dir="${DSC_FUZZ_BUILD:-build-fuzz}"
  local run name status failed=0
  local -A pids=()
  if [[ $# -gt 0 && -z "${DSC_FUZZ_SECONDS:-}" ]]; then
    dsc_log "fuzzing skipped for a focused run (set DSC_FUZZ_SECONDS to fuzz)"
    return 0
  fi
  [[ "$seconds" =~ ^[0-9]+$ ]] ||
    dsc_die "DSC_FUZZ_SECONDS must be a whole number of seconds, not '$seconds'"
  if [[ "$seconds" -eq 0 ]]; then
    dsc_log "fuzzing skipped (DSC_FUZZ_SECONDS=0)"
    return 0
  fi
  dsc_install_deps "${DSC_FUZZ_PACKAGES[@]}"
  dsc_log "building the fuzzers into $dir (clang, libFuzzer, ASan, UBSan)"
  dsc_fuzz_build "$dir"
  run="$dir/fuzz-run"
  dsc_log "fuzzing ${DSC_FUZZ_DRIVERS[*]} for ${seconds}s each, side by side"
  for name in "${DSC_FUZZ_DRIVERS[@]}"; do
    dsc_fuzz_start "$dir" "$run" "$name" "$seconds"
    pids[$name]=$!
  done
  for name in "${DSC_FUZZ_DRIVERS[@]}"; do
    status=0
    wait "${pids[$name]}" || status=$?
    dsc_fuzz_report "$dir" "$run" "$name" "$status" || failed=1
  done
  return "$failed"
}
