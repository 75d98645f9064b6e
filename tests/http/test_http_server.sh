# shellcheck shell=bash
# tests/http/test_http_server.sh — web/http attacked through
# tests/tools/http_fixture with curl, raw sockets (bash /dev/tcp) and
# tests/tools/http_flood. Every case ends by stopping the fixture with
# SIGTERM and requiring exit 0: under the sanitizer build a leak or a
# use-after-free fails the case there.

# h_start [OPTIONS...] — starts the fixture on a free loopback port
# ($PORT) and the unix socket $T/s; sets FX_PID. Retries another port
# when one is taken.
h_start() {
  local try
  for try in 1 2 3 4 5; do
    PORT=$((20000 + RANDOM % 40000))
    rm -f "$T/fx.out" "$T/fx.err"
    "$HTTP_FIXTURE" "$@" "127.0.0.1:$PORT" "$T/s" >"$T/fx.out" 2>"$T/fx.err" &
    FX_PID=$!
    echo "$FX_PID" >"$T/fx.pid"
    for _ in $(seq 1 100); do
      grep -q ready "$T/fx.out" 2>/dev/null && return 0
      kill -0 "$FX_PID" 2>/dev/null || break
      sleep 0.05
    done
    wait "$FX_PID" 2>/dev/null || true
    grep -q 'cannot listen' "$T/fx.err" || fail "the fixture did not start: $(cat "$T/fx.err")"
  done
  fail "no free port after $try tries"
}

# h_stop — SIGTERM; the fixture must drain, free everything and exit 0.
h_stop() {
  local rc=0
  kill -TERM "$FX_PID"
  wait "$FX_PID" || rc=$?
  rm -f "$T/fx.pid"
  [[ $rc -eq 0 ]] || fail "the fixture exited $rc: $(cat "$T/fx.err")"
}

# h_alive — the fixture still answers a fresh client.
h_alive() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/echo")"
  expect_eq "$code" 200 "a fresh client after the attack"
}

# h_raw REQUEST [SECONDS] — sends REQUEST (printf escapes) on a new
# connection and prints what comes back until the server closes or
# SECONDS (default 3) pass.
h_raw() {
  local out="$T/raw.out"
  (
    exec 3<>"/dev/tcp/127.0.0.1/$PORT"
    # shellcheck disable=SC2059 # the request holds printf escapes
    printf "$1" >&3 2>/dev/null || true
    timeout "${2:-3}" cat <&3 >"$out" || true
  )
  cat "$out"
}

# h_rss — the fixture's resident set, in KiB.
h_rss() {
  awk '/^VmRSS:/ {print $2}' "/proc/$FX_PID/status"
}

t_responses_and_headers() {
  h_start
  expect_exit 0 curl -s -D "$T/h" "http://127.0.0.1:$PORT/echo?a=x%20y&a=z+w" \
    -H 'X-Test: hi' -H 'Cookie: b=1; c=two' -H 'Accept-Language: en;q=0.5, zh-CN'
  expect_eq "$(json -c .)" \
    '{"method":"GET","path":"/echo","peer":"127.0.0.1","tls":false,"lang":"zh","q":"z w","h":"hi","c":"two"}'
  expect_match "$(cat "$T/h")" '^HTTP/1.1 200 '
  expect_match "$(cat "$T/h")" '^content-type: application/json; charset=utf-8'
  expect_match "$(cat "$T/h")" '^cache-control: no-store'
  expect_match "$(cat "$T/h")" '^x-content-type-options: nosniff'
  grep -qi '^strict-transport-security' "$T/h" && fail "HSTS without TLS"
  # The unix socket, and the captures decoded once.
  expect_exit 0 curl -s --unix-socket "$T/s" 'http://x/items/%E5%BC%A0/parts/%252e'
  expect_eq "$(json -c .)" '{"id":"张","part":"%2e"}'
  expect_exit 0 curl -s --unix-socket "$T/s" http://x/echo
  expect_eq "$(json .peer)" unix
  # 404, 405 with Allow, and the conflict of /err in both languages.
  expect_exit 0 curl -s -D "$T/h" "http://127.0.0.1:$PORT/nothing"
  expect_match "$(cat "$T/h")" '^HTTP/1.1 404 '
  expect_eq "$(json -c .error)" '{"kind":"not_found","field":"path","message":"no such resource"}'
  expect_exit 0 curl -s -D "$T/h" -X DELETE "http://127.0.0.1:$PORT/echo"
  expect_match "$(cat "$T/h")" '^HTTP/1.1 405 '
  expect_match "$(cat "$T/h")" '^allow: GET, POST'
  expect_exit 0 curl -s -D "$T/h" "http://127.0.0.1:$PORT/err"
  expect_match "$(cat "$T/h")" '^HTTP/1.1 409 '
  expect_eq "$(json -c .error)" '{"kind":"conflict","field":"state","message":"the request is already answered"}'
  expect_exit 0 curl -s -H 'Accept-Language: zh-CN,zh;q=0.9' "http://127.0.0.1:$PORT/err"
  expect_eq "$(json .error.message)" '申请已答复'
  h_stop
}

t_oversized_content_length_refused_before_body() {
  h_start --max-body 1024
  # Headers only: the body is never sent, so an answer proves the server
  # refused on the Content-Length alone.
  h_raw 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\n' >"$T/r"
  expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 413 '
  # curl without Expect: sends the body straight away; still 413.
  head -c 4096 /dev/zero >"$T/big"
  expect_exit 0 curl -s -o /dev/null -w '%{http_code}' -H 'Expect:' \
    --data-binary @"$T/big" "http://127.0.0.1:$PORT/echo"
  expect_eq "$(cat "$T/out")" 413
  # Within the limit, the body arrives whole.
  head -c 1000 /dev/zero >"$T/ok"
  expect_exit 0 curl -s --data-binary @"$T/ok" "http://127.0.0.1:$PORT/echo"
  expect_eq "$(json .length)" 1000
  h_alive
  h_stop
}

t_oversized_chunked_body() {
  h_start --max-body 1024
  head -c 4096 /dev/zero >"$T/big"
  expect_exit 0 curl -s -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' \
    --data-binary @"$T/big" "http://127.0.0.1:$PORT/echo"
  expect_eq "$(cat "$T/out")" 413
  head -c 500 /dev/zero >"$T/ok"
  expect_exit 0 curl -s -H 'Transfer-Encoding: chunked' --data-binary @"$T/ok" \
    "http://127.0.0.1:$PORT/echo"
  expect_eq "$(json .length)" 500
  h_alive
  h_stop
}

t_oversized_headers() {
  local big
  h_start
  big="$(head -c 20000 /dev/zero | tr '\0' a)"
  expect_exit 0 curl -s -D "$T/h" -H "X-Big: $big" "http://127.0.0.1:$PORT/echo"
  expect_match "$(cat "$T/h")" '^HTTP/1.1 431 '
  expect_match "$(cat "$T/h")" '^Connection: close'
  expect_eq "$(json .error.field)" headers
  # Past h2o's own bound (100 headers, ~400 KiB): 400 and closed, never
  # buffered further.
  big="$(head -c 500000 /dev/zero | tr '\0' a)"
  h_raw "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: $big\r\n\r\n" >"$T/r"
  [[ ! -s "$T/r" ]] || expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 (400|431) '
  h_alive
  h_stop
}

t_malformed_request_line() {
  h_start
  h_raw 'GARBAGE\r\n\r\n' >"$T/r"
  [[ ! -s "$T/r" ]] || expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 400 '
  h_raw 'GET /echo HTTP/9.9 extra\r\n\r\n' >"$T/r"
  [[ ! -s "$T/r" ]] || expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 400 '
  h_raw '\x00\x01\x02\xff\r\n\r\n' >"$T/r"
  [[ ! -s "$T/r" ]] || expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 400 '
  h_alive
  h_stop
}

t_slow_loris_closed_after_timeout() {
  local start elapsed rc closed=0
  h_start --timeout 2000
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"
  start=$SECONDS
  printf 'GET /echo HTTP/1.1\r\n' >&3
  # One header byte a second: each byte is data, yet the request never
  # completes; the server must give up at its timeout, not wait forever.
  for _ in $(seq 1 10); do
    rc=0
    read -r -t 1 -u 3 _ || rc=$?
    if [[ $rc -ne 0 && $rc -le 128 ]]; then
      closed=1
      break
    fi
    printf 'X' >&3 2>/dev/null || { closed=1; break; }
  done
  elapsed=$((SECONDS - start))
  exec 3<&-
  [[ $closed -eq 1 ]] || fail "a slow-loris client kept its connection for 10 s"
  [[ $elapsed -le 5 ]] || fail "closed only after $elapsed s (timeout 2 s)"
  h_alive
  h_stop
}

t_client_leaves_while_slow() {
  h_start
  # HTTP/1.1: the client leaves while /slow waits on its timer.
  curl -s --max-time 0.1 "http://127.0.0.1:$PORT/slow" >/dev/null 2>&1 || true
  # HTTP/2 (prior knowledge, cleartext): h2o notices the stream's end at
  # once, so the handler finds its request gone when the timer fires.
  curl -s --http2-prior-knowledge --max-time 0.1 "http://127.0.0.1:$PORT/slow" \
    >/dev/null 2>&1 || true
  sleep 0.6
  grep -q slow-gone "$T/fx.err" || fail "the /slow handler never saw its client gone"
  # Answered whole when the client waits.
  expect_exit 0 curl -s --max-time 5 "http://127.0.0.1:$PORT/slow"
  expect_eq "$(json .slow)" true
  h_alive
  h_stop
}

t_path_traversal_stays_in_router() {
  local p
  h_start
  for p in '/api/v1/../../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' \
    '/api/v1/%2e%2e/%2e%2e/etc/passwd' '/echo/..%2f..%2fetc/passwd' \
    '/../../../../etc/passwd'; do
    expect_exit 0 curl -s --path-as-is -D "$T/h" "http://127.0.0.1:$PORT$p"
    expect_match "$(cat "$T/h")" '^HTTP/1.1 404 '
    expect_eq "$(json .error.kind)" not_found
  done
  h_raw 'GET ../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >"$T/r"
  expect_match "$(head -n 1 "$T/r")" '^HTTP/1.1 404 '
  h_stop
}

# The flood's client needs a descriptor per connection.
h_raise_nofile() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  [[ "$(ulimit -n)" -ge 10100 ]] || fail "ulimit -n is $(ulimit -n): 10 000 connections need more"
}

# h_flood — starts http_flood with 10 000 idle connections to the fixture
# (FLOOD_PID; it waits up to 15 s for the server to close them all) and
# returns once they are made.
h_flood() {
  "$HTTP_FLOOD" "127.0.0.1:$PORT" 10000 15 >"$T/flood" &
  FLOOD_PID=$!
  for _ in $(seq 1 200); do
    grep -q connected "$T/flood" && return 0
    sleep 0.05
  done
}

t_ten_thousand_idle_connections_capped() {
  local before peak code
  h_raise_nofile
  h_start --timeout 4000
  before="$(h_rss)"
  # A client connected before the flood keeps being served during it.
  exec 4<>"/dev/tcp/127.0.0.1/$PORT"
  h_flood
  expect_match "$(cat "$T/flood")" '^connected '
  printf 'GET /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' >&4
  code="$(timeout 5 head -n 1 <&4 || true)"
  exec 4<&-
  expect_match "$code" '^HTTP/1.1 200 '
  peak="$(h_rss)"
  echo "VmRSS before $before KiB, during the flood $peak KiB" >&2
  [[ $((peak - before)) -lt $((200 * 1024)) ]] ||
    fail "RSS grew by $(((peak - before) / 1024)) MiB during the flood"
  # Over the cap (4096) the newcomers are closed at once; the others by
  # the timeout (4 s): all of them, well within 15 s.
  wait "$FLOOD_PID" || fail "not every connection was closed: $(cat "$T/flood")"
  echo "$(cat "$T/flood")" >&2
  h_alive
  h_stop
}

t_ten_thousand_idle_connections_held() {
  local before peak
  h_raise_nofile
  h_start --timeout 4000 --max-conns 20000
  before="$(h_rss)"
  h_flood
  expect_match "$(cat "$T/flood")" '^connected 10000$'
  # All 10 000 held (a moment for the accepts to catch up with the
  # kernel's backlog), and a fresh client is served beside them.
  sleep 1
  h_alive
  peak="$(h_rss)"
  echo "VmRSS before $before KiB, with 10000 idle connections $peak KiB" >&2
  [[ $((peak - before)) -lt $((200 * 1024)) ]] ||
    fail "RSS grew by $(((peak - before) / 1024)) MiB with 10 000 idle connections"
  wait "$FLOOD_PID" || fail "the timeout did not close every idle connection: $(cat "$T/flood")"
  h_alive
  h_stop
}

t_http2_over_tls() {
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
    -days 1 -subj /CN=localhost >/dev/null 2>&1 || fail "openssl req failed"
  h_start --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
  expect_exit 0 curl -s -k --http2 -D "$T/h" "https://127.0.0.1:$PORT/echo"
  expect_match "$(cat "$T/h")" '^HTTP/2 200'
  expect_match "$(cat "$T/h")" '^strict-transport-security: max-age='
  expect_match "$(cat "$T/h")" '^cache-control: no-store'
  expect_eq "$(json .tls)" true
  expect_exit 0 curl -s -k --http1.1 -D "$T/h" "https://127.0.0.1:$PORT/err"
  expect_match "$(cat "$T/h")" '^HTTP/1.1 409 '
  # A key that is not the certificate's is refused at start.
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/other.pem" -out "$T/c2.pem" \
    -days 1 -subj /CN=x >/dev/null 2>&1
  expect_exit 1 "$HTTP_FIXTURE" --tls-cert "$T/cert.pem" --tls-key "$T/other.pem" "$T/s2"
  expect_match "$(cat "$T/err")" 'tls: cannot load the key'
  expect_exit 1 "$HTTP_FIXTURE" --tls-cert "$T/cert.pem" "$T/s2"
  h_stop
}

t_sigterm_drains_requests_in_flight() {
  h_start
  curl -s --max-time 5 "http://127.0.0.1:$PORT/slow" >"$T/slow" &
  local cpid=$!
  sleep 0.1
  kill -TERM "$FX_PID"
  wait "$cpid" || fail "the request in flight was cut off"
  expect_eq "$(jq -r .slow "$T/slow")" true
  local rc=0
  wait "$FX_PID" || rc=$?
  rm -f "$T/fx.pid"
  expect_eq "$rc" 0 "the fixture's exit after draining"
}

t_bad_listen_specs() {
  local spec
  for spec in 'localhost:80' '1.2.3:80' '127.0.0.1:0' '127.0.0.1:99999' '[::1]' \
    'unix:' 'unix:relative' ':80' ''; do
    expect_exit 1 "$HTTP_FIXTURE" "$spec"
    expect_match "$(cat "$T/err")" 'listen: .* is not HOST:PORT'
  done
  h_start
  expect_exit 1 "$HTTP_FIXTURE" "127.0.0.1:$PORT"
  expect_match "$(cat "$T/err")" "listen: cannot listen on 127.0.0.1:$PORT"
  h_stop
}
