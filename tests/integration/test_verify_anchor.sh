# shellcheck shell=bash
# tests/integration/test_verify_anchor.sh — anchors (issue 11): `disclose
# verify --anchor FILE` appends the chain heads that moved to a file kept
# outside the database; `--against FILE` checks that every anchored event
# still has its anchored hash, which catches an owner who rewrote an event
# and recomputed its request's chain — a rewrite the chain alone cannot
# show.
#
# verify reads staff_history (migration 0012) for the rules, so every case
# here needs 0012.

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

# _va_history — three requests: 1 answered, 2 drafted, 3 assigned.
_va_history() {
  export DISCLOSE_TODAY=2023-03-15
  h_staff
  local id
  id="$(h_submit)"
  h_to answered "$id"
  id="$(h_submit)"
  h_to drafted "$id"
  id="$(h_submit)"
  h_to assigned "$id"
}

# _va_block_lines FILE N — the head lines of the Nth block of FILE.
_va_block_lines() {
  awk -v n="$2" '/^# disclose anchor / { b++; next } b == n' "$1"
}

# _va_said TEXT — the last command's stderr holds TEXT, verbatim.
_va_said() {
  grep -Fq -- "$1" "$T/err" || fail "stderr does not say '$1': $(cat "$T/err")"
}

# _va_rehash ID FROM — as the owner: every hash of request ID from event
# FROM on, recomputed in seq order as the chain trigger would.
_va_rehash() {
  sql "DO \$\$
       DECLARE s integer;
       BEGIN
         FOR s IN $2 .. (SELECT max(seq) FROM request_events WHERE request_id = $1) LOOP
           UPDATE request_events e
              SET hash = dsc_event_hash(
                    (SELECT p.hash FROM request_events p
                      WHERE p.request_id = $1 AND p.seq = s - 1),
                    e.request_id, e.seq, e.action, e.state, e.actor,
                    e.on_date, e.at, e.payload)
            WHERE e.request_id = $1 AND e.seq = s;
         END LOOP;
       END \$\$" >/dev/null
}

# The attack of issue 11: the owner disables the history's triggers, edits
# an event's payload, recomputes the request's chain from that event on,
# and enables the triggers again. Every chain and snapshot still checks out
# — plain verify is green, which is exactly the hole — but the head
# anchored before the edit no longer matches.
t_an_owner_who_rehashes_a_chain_is_caught_by_an_earlier_anchor() {
  _va_history
  expect_exit 0 disclose verify --anchor "$T/anchor"
  expect_match "$(cat "$T/out")" '^anchored: 3 heads appended to '
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       UPDATE request_events SET payload = payload || '{\"text\": \"伪造的答复\"}'
        WHERE request_id = 1 AND seq = 3;" >/dev/null
  _va_rehash 1 3
  sql "ALTER TABLE request_events ENABLE TRIGGER USER" >/dev/null
  expect_eq "$(sql "SELECT payload->>'text' FROM request_events WHERE request_id = 1 AND seq = 3")" \
    伪造的答复 "the edited payload"

  expect_exit 0 disclose verify
  expect_match "$(cat "$T/out")" '^verified: '

  local at
  at="$(awk '/^# disclose anchor /{ print $4; exit }' "$T/anchor")"
  [[ -n "$at" ]] || fail "no block in the anchor file: $(cat "$T/anchor")"
  h_expect_error 9 integrity 'anchor' disclose verify --against "$T/anchor"
  _va_said "request 1: event 5 differs from its anchor of $at"
  expect_exit 9 disclose verify --against "$T/anchor" --json
  expect_eq "$(json .ok)" false "ok"
  expect_eq "$(json .anchor_mismatch.request_id)" 1 "request"
  expect_eq "$(json .anchor_mismatch.seq)" 5 "seq"
  expect_eq "$(json .anchor_mismatch.anchored_at)" "$at" "anchored at"
  # Anchoring again over the rewrite would hide it: refused too, nothing
  # appended.
  cp "$T/anchor" "$T/before"
  expect_exit 9 disclose verify --anchor "$T/anchor"
  _va_said "request 1: event 5 differs from its anchor of $at"
  cmp -s "$T/anchor" "$T/before" || fail "a refused anchoring appended to the file"
}

# A removed last event leaves a contiguous, rehashed-free chain and a
# snapshot that can be set back: only the anchor knows the event existed.
t_a_removed_anchored_event_is_missing() {
  _va_history
  expect_exit 0 disclose appeal 1 --kind reconsideration --as clerk1 --on 2023-03-09
  expect_exit 0 disclose verify --anchor "$T/anchor"
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       DELETE FROM request_events WHERE request_id = 1 AND seq = 6;
       ALTER TABLE request_events ENABLE TRIGGER USER;
       UPDATE requests SET version = 5 WHERE id = 1;" >/dev/null
  expect_exit 0 disclose verify
  h_expect_error 9 integrity 'request 1: event 6, anchored at' disclose verify --against "$T/anchor"
  _va_said 'is missing'
  expect_exit 9 disclose verify --against "$T/anchor" --json
  expect_eq "$(json .anchor_mismatch.hash)" null "the event's hash now"
  h_expect_error 9 integrity 'request 1: event 6, anchored at' disclose verify --anchor "$T/anchor"
}

# The first anchoring records every head; the next ones only the heads
# that moved; a run with nothing new records an empty block (the time the
# heads were seen unchanged). Both options at once check, then append.
t_anchoring_again_appends_only_the_heads_that_moved() {
  _va_history
  expect_exit 0 disclose verify --anchor "$T/anchor" --json
  expect_eq "$(json .anchor.requests)" 3 "heads in the first block"
  expect_eq "$(stat -c %a "$T/anchor")" 600 "mode of a new anchor file"
  expect_match "$(head -1 "$T/anchor")" '^# disclose anchor [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+08:00 t_[0-9a-f]+ requests=3$'
  expect_eq "$(_va_block_lines "$T/anchor" 1)" \
    "$(sql "SELECT request_id || ' ' || seq || ' ' || hash FROM request_events e
             WHERE seq = (SELECT max(seq) FROM request_events x WHERE x.request_id = e.request_id)
             ORDER BY request_id")" "the heads of the first block"

  expect_exit 0 disclose review 2 --approve --as wang --on 2023-03-06
  expect_exit 0 disclose verify --against "$T/anchor" --anchor "$T/anchor" --json
  expect_eq "$(json .against.checked)" 3 "anchored heads checked"
  expect_eq "$(json .anchor.requests)" 1 "heads in the second block"
  expect_eq "$(_va_block_lines "$T/anchor" 2)" \
    "$(sql "SELECT '2 4 ' || hash FROM request_events WHERE request_id = 2 AND seq = 4")" \
    "the second block: request 2's new head only"

  expect_exit 0 disclose verify --anchor "$T/anchor"
  expect_match "$(cat "$T/out")" '^anchored: 0 heads appended to '
  expect_eq "$(grep -c '^# disclose anchor ' "$T/anchor")" 3 "blocks"
  expect_match "$(tail -1 "$T/anchor")" ' requests=0$'
  expect_exit 0 disclose verify --against "$T/anchor"
  expect_match "$(cat "$T/out")" "^anchors hold: 4 heads of $T/anchor unchanged\$"
}

# An anchor file whose line was changed after the fact (or that belongs
# to another database) does not match: exit 9 naming the request.
t_a_tampered_hash_line_fails_against() {
  _va_history
  expect_exit 0 disclose verify --anchor "$T/anchor"
  local hash
  hash="$(sql "SELECT hash FROM request_events WHERE request_id = 3 AND seq = 2")"
  sed "s/^3 2 $hash\$/3 2 $(tr '0-9a-f' '1-9a-f0' <<<"$hash")/" "$T/anchor" >"$T/forged"
  ! cmp -s "$T/anchor" "$T/forged" || fail "the forged file equals the anchor file"
  h_expect_error 9 integrity 'request 3: event 2 differs from its anchor of' \
    disclose verify --against "$T/forged"
  expect_exit 0 disclose verify --against "$T/anchor"
}

# A malformed anchor file is exit 3 naming the file and the line, before
# anything is checked, and nothing is appended to it.
t_a_malformed_anchor_file_appends_nothing() {
  _va_history
  expect_exit 0 disclose verify --anchor "$T/anchor"
  cp "$T/anchor" "$T/bad"
  echo "4 1 not-a-hash" >>"$T/bad"
  cp "$T/bad" "$T/before"
  h_expect_error 3 invalid "anchor: $T/bad line 5: " disclose verify --anchor "$T/bad"
  cmp -s "$T/bad" "$T/before" || fail "a malformed anchor file was appended to"
  h_expect_error 3 invalid "against: $T/bad line 5: " disclose verify --against "$T/bad"
  # A block cut short by an interrupted append: the header promises more.
  head -2 "$T/anchor" >"$T/short"
  cp "$T/short" "$T/before"
  h_expect_error 3 invalid "$T/short line 2: the file ends inside the block of line 1" \
    disclose verify --anchor "$T/short"
  cmp -s "$T/short" "$T/before" || fail "a short anchor file was appended to"
  # A last line without its newline.
  printf '%s' "$(cat "$T/anchor")" >"$T/cut"
  h_expect_error 3 invalid "$T/cut line 4: no newline" disclose verify --against "$T/cut"
}

# Paths that cannot be used name their option: a missing file to check
# against (exit 4), a directory (exit 3), a directory that does not exist
# for a new anchor file (exit 4), a file another run is anchoring to (6).
t_unusable_anchor_paths_name_their_option() {
  _va_history
  h_expect_error 4 not_found "against: $T/nothing: cannot open" \
    disclose verify --against "$T/nothing"
  mkdir "$T/dir"
  h_expect_error 3 invalid "anchor: $T/dir: cannot open for appending" \
    disclose verify --anchor "$T/dir"
  h_expect_error 3 invalid "against: $T/dir: not a regular file" \
    disclose verify --against "$T/dir"
  h_expect_error 4 not_found "anchor: $T/nothing/anchor" \
    disclose verify --anchor "$T/nothing/anchor"
  [[ ! -e "$T/nothing" ]] || fail "a failed anchoring created $T/nothing"
  # A failed verify leaves no new anchor file behind.
  sql "UPDATE requests SET outcome = 'disclosed' WHERE id = 3" >/dev/null
  h_expect_error 9 integrity 'request 3: outcome' disclose verify --anchor "$T/new"
  [[ ! -e "$T/new" ]] || fail "a failed verify left $T/new behind"
  sql "UPDATE requests SET outcome = NULL WHERE id = 3" >/dev/null
  # Another verify holding the file.
  : >"$T/held"
  flock "$T/held" -c "echo \$\$ >'$T/locked.tmp'; mv '$T/locked.tmp' '$T/locked'; exec sleep 30" \
    </dev/null >/dev/null 2>&1 &
  local holder=$! i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$T/locked" ]] && break
    sleep 0.1
  done
  [[ -s "$T/locked" ]] || fail "the other holder never took the lock"
  h_expect_error 6 conflict "anchor" disclose verify --anchor "$T/held"
  kill "$(cat "$T/locked")" "$holder" 2>/dev/null || true
  wait "$holder" 2>/dev/null || true
  [[ ! -s "$T/held" ]] || fail "a refused anchoring wrote to the held file"
}
