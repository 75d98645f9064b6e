# docs/openapi.yaml held to the server (issue 15): the routes the server
# registers are exactly the operations the file lists, and every one of
# them, called on a running daemon, answers with a status the file lists
# for it — never the router's own 404 (field "path") or 405.

# shellcheck source=tests/integration/fixtures/http.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/http.sh"

OPENAPI="${DSC_SOURCE_DIR:?}/docs/openapi.yaml"

# The file's operations, "METHOD PATH CODE CODE..." a line (the layout the
# file's header promises: a path at two spaces, a method at four, a quoted
# status at eight).
_o_operations() {
  awk '
    /^paths:/ { inpaths = 1; next }
    !inpaths { next }
    /^  \/[^ ]*:$/ { flush(); path = substr($1, 1, length($1) - 1); next }
    /^    (get|post|put|patch|delete):$/ { flush(); method = toupper(substr($1, 1, length($1) - 1)); codes = ""; next }
    /^        "[0-9][0-9][0-9]":$/ { c = $1; gsub(/[":]/, "", c); codes = codes " " c; next }
    function flush() { if (method != "") print method, path codes; method = "" }
    END { flush() }
  ' "$OPENAPI"
}

# The routes of web/api/*.c, "METHOD PATH" a line: every dsc_http_route
# call, wherever clang-format broke its lines.
_o_routes() {
  cat "$DSC_SOURCE_DIR"/web/api/*.c | tr -s ' \n' '  ' |
    grep -oE 'dsc_http_route\([^,()]*, *"[A-Z]+", *"[^"]+"' |
    sed -E 's/^dsc_http_route\([^,]*, *"([A-Z]+)", *"([^"]+)"/\1 \2/'
}

t_the_file_lists_exactly_the_servers_routes() {
  _o_operations | awk '{ print $1, $2 }' | sort >"$T/file"
  _o_routes | sort >"$T/server"
  [[ -s "$T/file" && -s "$T/server" ]] || fail "nothing read: $(head -3 "$T/file" "$T/server")"
  if ! diff "$T/file" "$T/server" >"$T/diff"; then
    fail "docs/openapi.yaml (<) and the server's routes (>) differ: $(cat "$T/diff")"
  fi
  # The reading itself can fail: a route the file lacks is caught.
  printf 'GET /api/v1/nowhere\n' >>"$T/server"
  sort -o "$T/server" "$T/server"
  ! diff -q "$T/file" "$T/server" >/dev/null || fail "the comparison cannot fail"
}

t_every_listed_operation_answers_as_listed() {
  _a_start
  local admin id method path codes url got field n=0
  expect_exit 0 disclose staff roles "$A_ADMIN" --role admin --role clerk \
    --role supervisor --as admin
  admin="$(_a_login "$A_ADMIN")"
  id="$(_a_submit "$admin")"
  while read -r method path codes; do
    url="${path//\{id\}/$id}"
    url="${url//\{action\}/assign}"
    url="${url//\{login\}/$A_LI}"
    url="${url//\{code\}/default}"
    url="${url//\{year\}/2026}"
    url="${url//\{section\}/1}"
    url="${url//\{number\}/nonesuch}"
    case "$method" in
      GET | DELETE) got="$(a_api "$method" "$url" "" -H "$(a_bearer "$admin")")" ;;
      *) got="$(a_api "$method" "$url" '{}' -H "$(a_bearer "$admin")")" ;;
    esac
    field="$(jq -r '.error.field? // ""' "$T/out" 2>/dev/null || true)"
    if [[ "$got" == 405 || ("$got" == 404 && "$field" == path) ]]; then
      fail "$method $path ($url): the router has no such route ($got)"
    fi
    [[ " $codes " == *" $got "* ]] ||
      fail "$method $path ($url) answered $got, which the file does not list ($codes): $(head -c 300 "$T/out")"
    # A session was needed unless the file says otherwise (security: []).
    n=$((n + 1))
    if [[ "$method $path" == "DELETE /api/v1/session" ]]; then
      admin="$(_a_login "$A_ADMIN")" # that call logged out
    fi
  done < <(_o_operations)
  [[ $n -ge 20 ]] || fail "only $n operations read from $OPENAPI"
}

t_protected_operations_refuse_without_a_session() {
  _a_start
  local method path codes got
  while read -r method path codes; do
    [[ "$path" == /api/v1/health || "$method $path" == "POST /api/v1/session" ]] && continue
    got="$(a_api "$method" "$(sed -E 's/\{[^}]+\}/1/g' <<<"$path")" '{}')"
    [[ "$got" == 401 || ("$got" == 404 && "$path" == *"{"*) ]] ||
      fail "$method $path without a session answered $got"
  done < <(_o_operations)
}
