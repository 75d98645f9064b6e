# disclosed: CONTRACT §8 — starts, connects, stops cleanly on a signal.

t_once_exits_zero() {
  expect_exit 0 disclosed --once
}

t_once_without_database_is_unavailable() {
  DISCLOSE_DB="host=/nonexistent-dir dbname=x user=x connect_timeout=2" \
    expect_exit 10 disclosed --once
}

t_sigterm_drains_and_exits_zero() {
  disclosed 2>"$T/daemon.err" &
  local pid=$! i
  for i in $(seq 1 100); do
    grep -q 'database reachable' "$T/daemon.err" && break
    sleep 0.1
  done
  grep -q 'database reachable' "$T/daemon.err" ||
    fail "the daemon never reached the database: $(cat "$T/daemon.err")"
  kill -TERM "$pid"
  local rc=0
  wait "$pid" || rc=$?
  expect_eq "$rc" 0 "exit status after SIGTERM"
  grep -q 'SIGTERM received' "$T/daemon.err" || fail "no shutdown line"
}
