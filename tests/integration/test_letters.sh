# shellcheck shell=bash
# tests/integration/test_letters.sh — the answer letters (issue 14). What
# an agency's letters say of it is the agency's setting, an admin's, one
# per call (migrations/0020; docs/letters.md).

# shellcheck source=tests/integration/fixtures/helpers.sh
source "$(dirname "${BASH_SOURCE[0]}")/fixtures/helpers.sh"

t_letter_settings_are_an_admins_one_at_a_time() {
  local before
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  before="$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL")"
  h_expect_error 5 forbidden "" disclose agency set default --court 南昌市青云谱区人民法院 --as clerk1
  h_expect_error 4 not_found code disclose agency set nowhere --court 南昌市青云谱区人民法院 --as admin
  h_expect_error 2 usage "" disclose agency set default --court 甲 --phone 0791-1 --as admin
  h_expect_error 2 usage "" disclose agency set default --court 甲 --backdate-workdays 5 --as admin
  h_expect_error 3 invalid value disclose agency set default --court "$(printf '第一行\n第二行')" --as admin
  h_expect_error 3 invalid value disclose agency set default --court "$(printf '院%.0s' $(seq 201))" --as admin
  h_expect_error 3 invalid value disclose agency set default --court "   " --as admin
  expect_eq "$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL")" "$before" "nothing written by the refusals"

  expect_exit 0 disclose agency set default --court 南昌市青云谱区人民法院 --as admin --json
  expect_eq "$(json .court)" 南昌市青云谱区人民法院
  expect_exit 0 disclose agency set default --short-name 青云谱公开 --as admin
  expect_exit 0 disclose agency set default --fee-payment "户名：青云谱区财政局；账号：1234" --as admin --json
  expect_eq "$(json .fee_payment)" "户名：青云谱区财政局；账号：1234"
  expect_exit 0 disclose agency set default --reconsideration-body "南昌市青云谱区人民政府" --as admin --json
  expect_eq "$(sql "SELECT short_name || '|' || court || '|' || reconsideration_body || '|' || coalesce(phone, '-') FROM agencies WHERE code = 'default'")" \
    "青云谱公开|南昌市青云谱区人民法院|南昌市青云谱区人民政府|-"
  # Set again, it is replaced: a correction of the setting, not a second one.
  expect_exit 0 disclose agency set default --court 南昌铁路运输法院 --as admin
  expect_eq "$(sql "SELECT court FROM agencies WHERE code = 'default'")" 南昌铁路运输法院
}

# Called directly, the database's function refuses a clerk, and a setting
# that is not one even from an admin.
t_the_letter_setting_function_checks_for_itself() {
  expect_exit 0 disclose staff add clerk1 --name 王文员 --role clerk --as admin
  expect_exit 0 disclose staff add root1 --name 管理员 --role admin --as admin
  h_psql_refused clerk1 "SELECT dsc_w_agency_set_letter('default', 'court', 'X', 'clerk1')"
  h_psql_refused clerk1 "SELECT dsc_w_agency_set_letter('default', 'court', 'X', 'root1')"
  h_psql_refused root1 "SELECT dsc_w_agency_set_letter('default', 'name', 'X', 'root1')"
  h_psql_refused root1 "UPDATE agencies SET court = 'X'"
  expect_eq "$(sql "SELECT count(*) FROM agencies WHERE court IS NOT NULL OR name = 'X'")" 0
}

# ---- Issued letters (migrations/0021) ---------------------------------------
#
# Dates: March 2024 has no holiday (test_statutory.sh). Applications are
# received Fri 03-01, assigned that day, drafted Tue 03-05, reviewed Wed
# 03-06; letters and answers are dated Thu 03-07.

COURT=南昌市青云谱区人民法院
ZS_ID=110101198001011232 # a resident identity number (GB 11643)
RECON=南昌市青云谱区人民政府

# _l_agency — every setting a letter may need, for the agency default; and
# a supervisor, boss.
_l_agency() {
  h_staff
  expect_exit 0 disclose staff add boss --name 钱主任 --role supervisor --as admin
  expect_exit 0 disclose agency set default --full-name 南昌市青云谱区人民政府办公室 --as admin
  expect_exit 0 disclose agency set default --short-name 青云谱公开 --as admin
  expect_exit 0 disclose agency set default --address 南昌市青云谱区井冈山大道1号 --as admin
  expect_exit 0 disclose agency set default --phone 0791-88888888 --as admin
  expect_exit 0 disclose agency set default --seal-caption "（政府信息公开专用章）" --as admin
  expect_exit 0 disclose agency set default --reconsideration-body "$RECON" --as admin
  expect_exit 0 disclose agency set default --court "$COURT" --as admin
  expect_exit 0 disclose agency set default --fee-payment "户名：青云谱区财政局；账号：1234" --as admin
}

# _l_reviewed OUTCOME [DRAFT OPTIONS...] — an application received 03-01,
# drafted with OUTCOME and the options, reviewed; prints its id.
_l_reviewed() {
  local outcome="$1" id
  shift
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose draft "$id" --outcome "$outcome" "$@" --as li --on 2024-03-05
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-06
  printf '%s\n' "$id"
}

# _l_issue ID KIND [OPTIONS...] — issues the letter on 03-07 as clerk1;
# $T/letter.json keeps it, $T/letter.txt its text.
_l_issue() {
  local id="$1" kind="$2"
  shift 2
  expect_exit 0 disclose letter "$id" --kind "$kind" "$@" --as clerk1 --on 2024-03-07 --json
  cp "$T/out" "$T/letter.json"
  jq -j .text "$T/letter.json" >"$T/letter.txt"
}

# _l_says TEXT... — the issued letter holds each TEXT.
_l_says() {
  local s
  for s in "$@"; do
    grep -Fq -- "$s" "$T/letter.txt" || fail "the letter does not say '$s':
$(cat "$T/letter.txt")"
  done
}

# _l_never TEXT... — the issued letter holds none of them.
_l_never() {
  local s
  for s in "$@"; do
    if grep -Fq -- "$s" "$T/letter.txt"; then
      fail "the letter says '$s' and must not"
    fi
  done
}

# Every outcome an answer can have: the letter names the applicant, the
# day of receipt, the request's words, the article (each outcome's own
# wording), the 文号 in sequence, and the remedy notice with the agency's
# bodies — direct litigation only where the answer does not refuse
# disclosure (《行政复议法》2023 第二十三条).
t_an_answer_letter_for_every_outcome() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id n=0 earlier
  # outcome | draft options (tab-separated) | what the letter says
  while IFS='|' read -r outcome opts says; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    IFS=$'\t' read -r -a o <<<"$opts"
    id="$(_l_reviewed "$outcome" "${o[@]}")"
    _l_issue "$id" answer
    _l_says 张三 2024年3月1日 本机关2024年度财政预算执行情况 "青云谱公开答〔2024〕${n}号" \
      南昌市青云谱区人民政府办公室 "（政府信息公开专用章）" 2024年3月7日 "$says" "$RECON"
    case "$outcome" in
    withheld.* | partially_disclosed) _l_never "$COURT" ;;
    *) _l_says "$COURT" ;;
    esac
    expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
    [[ "$outcome" == disclosed ]] && earlier="$id"
  done <<EOF2
disclosed||予以公开
partially_disclosed|--text	$FIXTURES/letter_partial.txt	--channel	in_person|南昌市青云谱区井冈山大道1号
withheld.state_secret||国家秘密
withheld.prohibited_by_law|--law	《中华人民共和国统计法》第二十五条|《中华人民共和国统计法》第二十五条
withheld.security_stability||社会稳定
withheld.third_party_rights||第三方合法权益
withheld.internal_affairs||内部事务信息
withheld.process_information||过程性信息
withheld.enforcement_files||行政执法案卷
withheld.administrative_query|--law	《中华人民共和国不动产登记暂行条例》第二十七条|《中华人民共和国不动产登记暂行条例》第二十七条
unavailable.not_held|--refer-to	南昌市财政局	--refer-contact	0791-86666666|南昌市财政局
unavailable.needs_creation||加工、分析
not_processed.petition||信访
not_processed.publication|--url	https://www.example.gov.cn/gb/2024/1|https://www.example.gov.cn/gb/2024/1
not_processed.confirmation||确认或者重新出具
other.other|--text	$FIXTURES/letter_partial.txt|第三十七条
EOF2
  # A repeat names the earlier answer's 文号 and date (Art. 36(六)).
  id="$(h_letter 2024-03-08 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-08
  expect_exit 0 disclose draft "$id" --outcome not_processed.duplicate --duplicate-of "$earlier" --as li --on 2024-03-08
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-08
  expect_exit 0 disclose letter "$id" --kind answer --as clerk1 --on 2024-03-11 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  _l_says "青云谱公开答〔2024〕1号" "2024年3月7日" "青云谱公开答〔2024〕$((n + 1))号" "$COURT"
}

# Still unclear after a supplement: the answer says when the supplement
# was asked for and what; the supplement notice before it says the
# window's last day; excessive requests say why.
t_letters_that_report_the_history() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose request-supplement "$id" --note 请写明所需预算的具体科目 --reply-within 7 --as li --on 2024-03-04
  expect_exit 0 disclose letter "$id" --kind supplement-notice --as clerk1 --on 2024-03-04 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  # 7 working days after Mon 03-04: Wed 03-13.
  _l_says "青云谱公开补〔2024〕1号" 请写明所需预算的具体科目 2024年3月13日 张三
  expect_exit 0 disclose supplement-received "$id" --as li --on 2024-03-06
  expect_exit 0 disclose draft "$id" --outcome unavailable.still_unclear --as li --on 2024-03-07
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-07
  _l_issue "$id" answer
  _l_says 2024年3月4日 请写明所需预算的具体科目 "青云谱公开答〔2024〕1号" "$COURT"

  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose require-reasons "$id" --note 请说明申请用途 --as boss --on 2024-03-04
  expect_exit 0 disclose reasons-received "$id" --as li --on 2024-03-05
  printf '申请人一年内提出同类申请二百余件，说明的理由与申请内容无关。\n' >"$T/why.txt"
  expect_exit 0 disclose draft "$id" --outcome not_processed.excessive --text "$T/why.txt" --as li --on 2024-03-06
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-06
  _l_issue "$id" answer
  _l_says 二百余件 "青云谱公开答〔2024〕2号" 明显超过合理范围
}

# The notices: an extension (Art. 33) names the new due date, the reason
# and who approved it; a fee notice (109号) the arithmetic, the amount and
# the last day to pay; a consultation (Art. 32) is addressed to the third
# party and says neither the applicant's name nor words.
t_the_notices_say_what_the_clock_says() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id due
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose extend "$id" --days 20 --reason 需要调取多个年度的档案 --as boss --on 2024-03-20
  expect_exit 0 disclose show "$id" --json
  due="$(json .due_on)"
  expect_exit 0 disclose letter "$id" --kind extension-notice --as clerk1 --on 2024-03-20 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  _l_says "青云谱公开延〔2024〕1号" 需要调取多个年度的档案 负责人同意 20个工作日 "$(date -d "$due" +%Y年%-m月%-d日)"

  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose fee-notice "$id" --pages 1100 --method volume --as li --on 2024-03-04
  expect_exit 0 disclose letter "$id" --kind fee-notice --as clerk1 --on 2024-03-04 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  # Not yet delivered: the 20 working days count from the letter's date,
  # the earliest delivery (Mon 03-04 → Mon 04-01).
  _l_says "青云谱公开费〔2024〕1号" 2024年4月1日 "户名：青云谱区财政局；账号：1234" 人民币

  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose consult-third-party "$id" --note 某公司2023年度纳税信息 --as li --on 2024-03-04 --delivered-on 2024-03-05
  h_expect_error 3 invalid to disclose letter "$id" --kind consultation --as clerk1 --on 2024-03-05
  expect_exit 0 disclose letter "$id" --kind consultation --to 南昌某某有限公司 --as clerk1 --on 2024-03-05 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  # Delivered Tue 03-05: 15 working days → Tue 03-26.
  _l_says "青云谱公开征〔2024〕1号" 南昌某某有限公司 某公司2023年度纳税信息 2024年3月26日
  _l_never 张三 本机关2024年度财政预算执行情况
}

# A request that lapsed for want of a supplement gets its closing notice,
# naming the notice whose window ran out.
t_a_lapsed_request_gets_its_closing_notice() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  h_expect_error 6 conflict kind disclose letter "$id" --kind closing-notice --as clerk1 --on 2024-03-04
  expect_exit 0 disclose request-supplement "$id" --note 请写明所需预算的具体科目 --reply-within 7 --as li --on 2024-03-04
  expect_exit 0 disclose letter "$id" --kind supplement-notice --as clerk1 --on 2024-03-04
  # Its window ended Wed 03-13; the deadline worker applies the lapse.
  expect_exit 0 disclosed --once
  expect_exit 0 disclose letter "$id" --kind closing-notice --as clerk1 --on 2024-03-15 --json
  expect_eq "$(jq -r .number "$T/out")" "青云谱公开终〔2024〕1号"
  jq -j .text "$T/out" >"$T/letter.txt"
  _l_says 2024年3月13日 "青云谱公开补〔2024〕1号"

  # A fee not paid in time: delivered Tue 03-05, 20 working days from the
  # day after → Tue 04-02; the closing notice names the amount and both
  # dates.
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  expect_exit 0 disclose fee-notice "$id" --pages 1100 --method volume --delivered-on 2024-03-05 --as li --on 2024-03-04
  expect_exit 0 disclose letter "$id" --kind fee-notice --as clerk1 --on 2024-03-04 --json
  jq -j .text "$T/out" >"$T/letter.txt"
  _l_says 2024年4月2日
  expect_exit 0 disclosed --once
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '[.state, .outcome]')" '["withdrawn","other.fee_unpaid"]'
  expect_exit 0 disclose letter "$id" --kind closing-notice --as clerk1 --on 2024-04-08 --json
  expect_eq "$(jq -r .number "$T/out")" "青云谱公开终〔2024〕2号"
  jq -j .text "$T/out" >"$T/letter.txt"
  _l_says 2024年3月4日 2024年4月2日 人民币 "青云谱公开费〔2024〕1号"
  # The letters of the request, in order.
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json -c '[.letters[].number]')" '["青云谱公开费〔2024〕1号","青云谱公开终〔2024〕2号"]'
  expect_exit 0 disclose letter "$id" --list --json
  expect_eq "$(json -c '[.[] | [.number, .kind, .date, .delivered_on]]')" \
    '[["青云谱公开费〔2024〕1号","fee-notice","2024-03-04",null],["青云谱公开终〔2024〕2号","closing-notice","2024-04-08",null]]'
  expect_exit 0 disclose letter "$id" --list
  expect_eq "$(wc -l <"$T/out" | tr -d ' ')" 2
}

# Two processes issuing 200 letters at once for one agency get 1…200, no
# gap, no number twice: the counter's row is locked by the transaction
# that takes it (migrations/0021).
t_numbers_have_no_gap_and_no_repeat_under_concurrency() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id ids=() i
  for i in 1 2; do
    id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
    expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
    expect_exit 0 disclose extend "$id" --days 10 --reason 需要调取档案 --as boss --on 2024-03-04
    ids+=("$id")
  done
  for i in 0 1; do
    (
      for _ in $(seq 100); do
        disclose letter "${ids[$i]}" --kind extension-notice --as clerk1 --on 2024-03-05 \
          >/dev/null 2>>"$T/errs.$i" || echo "failed" >>"$T/errs.$i"
      done
    ) &
  done
  wait
  for i in 0 1; do
    [[ ! -s "$T/errs.$i" ]] || fail "process $i: $(head -3 "$T/errs.$i")"
  done
  expect_eq "$(sql "SELECT count(*), count(DISTINCT n), min(n), max(n) FROM letters WHERE kind = 'extension-notice'")" "200|200|1|200"
  expect_eq "$(sql "SELECT last FROM letter_numbers WHERE kind = 'extension-notice' AND year = 2024")" 200
  expect_exit 0 disclose verify
}

# A failed issue leaves no hole: the number is taken in the transaction
# that records the letter, and rolled back with it. A new year starts at 1.
t_a_failed_issue_leaves_no_hole_and_a_year_restarts() {
  export DISCLOSE_TODAY=2025-01-15
  _l_agency
  local id
  id="$(h_letter 2024-12-02 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-12-02
  expect_exit 0 disclose extend "$id" --days 10 --reason 需要调取档案 --as boss --on 2024-12-03
  expect_exit 0 disclose letter "$id" --kind extension-notice --as clerk1 --on 2024-12-03
  # A letter the database refuses after its number was taken: the owner
  # adds a constraint that the second letter's row breaks.
  sql "ALTER TABLE letters ADD CONSTRAINT t_refuse CHECK (n <> 2)"
  expect_exit 3 disclose letter "$id" --kind extension-notice --as clerk1 --on 2024-12-04
  sql "ALTER TABLE letters DROP CONSTRAINT t_refuse"
  expect_eq "$(sql "SELECT last FROM letter_numbers WHERE year = 2024 AND kind = 'extension-notice'")" 1 "the refused issue took no number"
  expect_exit 0 disclose letter "$id" --kind extension-notice --as clerk1 --on 2024-12-04 --json
  expect_eq "$(json .number)" "青云谱公开延〔2024〕2号"
  expect_exit 0 disclose letter "$id" --kind extension-notice --as clerk1 --on 2025-01-02 --json
  expect_eq "$(json .number)" "青云谱公开延〔2025〕1号"
}

# The letter is in the request's chain: editing its text in the store
# makes verify fail naming the request.
t_an_edited_letter_fails_verify() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(_l_reviewed disclosed)"
  _l_issue "$id" answer
  expect_eq "$(jq -r .sha256 "$T/letter.json")" "$(sha256sum <"$T/letter.txt" | cut -c1-64)" "the digest is the text's"
  expect_exit 0 disclose verify
  sql "ALTER TABLE request_events DISABLE TRIGGER USER;
       UPDATE request_events SET payload = jsonb_set(payload, '{text}', to_jsonb(replace(payload->>'text', '予以公开', '不予公开')))
        WHERE request_id = $id AND action = 'letter';
       ALTER TABLE request_events ENABLE TRIGGER USER"
  expect_exit 9 disclose verify
  grep -Fq "$id" "$T/err" || grep -Fq "$id" "$T/out" || fail "verify does not name request $id: $(cat "$T/err" "$T/out")"
}

# Refusals: a kind that does not fit the state or history (6), a missing
# setting named (3), a second answer letter without --corrects (6), a
# preview writes nothing, a correction names the letter it corrects.
t_letters_refused_and_corrected() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  h_expect_error 6 conflict kind disclose letter "$id" --kind answer --as clerk1 --on 2024-03-07
  h_expect_error 6 conflict kind disclose letter "$id" --kind supplement-notice --as clerk1 --on 2024-03-07
  h_expect_error 6 conflict kind disclose letter "$id" --kind extension-notice --as clerk1 --on 2024-03-07
  h_expect_error 6 conflict kind disclose letter "$id" --kind fee-notice --as clerk1 --on 2024-03-07
  h_expect_error 3 invalid kind disclose letter "$id" --kind memo --as clerk1 --on 2024-03-07
  h_expect_error 3 invalid format disclose letter "$id" --kind answer --format pdf --as clerk1 --on 2024-03-07
  h_expect_error 4 not_found id disclose letter 999999 --kind answer --as clerk1 --on 2024-03-07
  h_expect_error 5 forbidden role disclose letter "$id" --kind answer --as wang --on 2024-03-07
  id="$(_l_reviewed disclosed)"
  sql "UPDATE agencies SET court = NULL WHERE code = 'default'"
  h_expect_error 3 invalid agency.court disclose letter "$id" --kind answer --as clerk1 --on 2024-03-07
  sql "UPDATE agencies SET court = '$COURT' WHERE code = 'default'"
  # A preview stores nothing and numbers nothing.
  local before
  before="$(db_fingerprint)"
  expect_exit 0 disclose letter "$id" --kind answer --preview --as clerk1 --on 2024-03-07 --json
  expect_eq "$(json .number)" null
  expect_eq "$(json .preview)" true
  grep -Fq "青云谱公开答〔2024〕××号" <<<"$(json .text)" || fail "the preview's 文号: $(json .text | head -4)"
  expect_eq "$(db_fingerprint)" "$before" "a preview wrote something"
  _l_issue "$id" answer
  expect_eq "$(jq -r .number "$T/letter.json")" "青云谱公开答〔2024〕1号"
  # Printed again, it is the text as issued, whatever the templates say now.
  mkdir "$T/tmpl"
  printf '{{title}}\n{{number}}\n改过的模板\n' >"$T/tmpl/answer.tmpl"
  DISCLOSE_LETTERS_DIR="$T/tmpl" expect_exit 0 disclose letter "$id" --number "青云谱公开答〔2024〕1号" --json
  expect_eq "$(jq -j .text "$T/out" | sha256sum)" "$(sha256sum <"$T/letter.txt")" "the reprint is the issued text"
  expect_eq "$(json -c '[.kind, .sha256 == '"$(jq .sha256 "$T/letter.json")"', .delivered_on]')" '["answer",true,null]'
  h_expect_error 4 not_found number disclose letter "$id" --number "青云谱公开答〔2024〕7号"
  # A center's template is used for the letters issued after it.
  DISCLOSE_LETTERS_DIR="$T/tmpl" expect_exit 0 disclose letter "$id" --kind answer --corrects "青云谱公开答〔2024〕1号" --preview --as clerk1 --on 2024-03-07
  grep -Fq 改过的模板 "$T/out" || fail "the center's template was not used: $(cat "$T/out")"
  printf '{{title}}\n{{agency.nmae}}\n' >"$T/tmpl/answer.tmpl"
  DISCLOSE_LETTERS_DIR="$T/tmpl" h_expect_error 3 invalid template disclose letter "$id" --kind answer --corrects "青云谱公开答〔2024〕1号" --preview --as clerk1 --on 2024-03-07
  grep -Fq "line 2" "$T/err" || fail "the refusal names no line: $(cat "$T/err")"
  # The A4 page of the stored letter.
  expect_exit 0 disclose letter "$id" --number "青云谱公开答〔2024〕1号" --format html
  grep -Fq '<h1' "$T/out" && grep -Fq '青云谱公开答〔2024〕1号' "$T/out" && grep -Fq '@page' "$T/out" ||
    fail "the HTML letter: $(head -c 600 "$T/out")"
  h_expect_error 6 conflict corrects disclose letter "$id" --kind answer --as clerk1 --on 2024-03-07
  h_expect_error 6 conflict corrects disclose letter "$id" --kind answer --corrects "青云谱公开答〔2024〕9号" --as clerk1 --on 2024-03-07
  _l_issue "$id" answer --corrects "青云谱公开答〔2024〕1号"
  expect_eq "$(jq -r '[.number, .corrects] | join(" ")' "$T/letter.json")" "青云谱公开答〔2024〕2号 青云谱公开答〔2024〕1号"
  _l_says 更正 "青云谱公开答〔2024〕1号"
  # The answer is dated as its (latest) letter.
  h_expect_error 3 invalid on disclose answer "$id" --as clerk1 --on 2024-03-08
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
}

# An agency that requires the letter refuses an answer without it.
t_an_agency_may_require_the_answer_letter() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  h_expect_error 5 forbidden "" disclose agency set default --require-letter yes --as clerk1
  h_expect_error 3 invalid require-letter disclose agency set default --require-letter maybe --as admin
  expect_exit 0 disclose agency set default --require-letter yes --as admin --json
  expect_eq "$(json .letter_required)" true
  id="$(_l_reviewed disclosed)"
  h_expect_error 6 conflict letter disclose answer "$id" --as clerk1 --on 2024-03-07
  _l_issue "$id" answer
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
  expect_exit 0 disclose agency set default --require-letter no --as admin
  id="$(_l_reviewed disclosed)"
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
}

# Delivery: recorded once, not before the letter, and what the remedy
# periods count from; list --undelivered finds the answers still out.
t_delivery_drives_the_remedy_dates() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id refused
  id="$(_l_reviewed disclosed)"
  _l_issue "$id" answer
  expect_exit 0 disclose answer "$id" --as clerk1 --on 2024-03-07
  refused="$(_l_reviewed withheld.state_secret)"
  _l_issue "$refused" answer
  expect_exit 0 disclose answer "$refused" --as clerk1 --on 2024-03-07
  expect_exit 0 disclose list --undelivered 30 --json
  expect_eq "$(json -c '[.[].request_id]')" "[$id,$refused]"
  expect_exit 0 disclose list --undelivered 60 --json
  expect_eq "$(json -c '.')" "[]"
  expect_exit 0 disclose show "$id" --json
  expect_eq "$(json .remedy)" null "no remedy dates before delivery"
  h_expect_error 3 invalid method disclose deliver "$id" --method pigeon --as clerk1 --on 2024-03-08
  h_expect_error 3 invalid on disclose deliver "$id" --method post --as clerk1 --on 2024-03-06
  h_expect_error 4 not_found letter disclose deliver "$id" --method post --letter 青云谱公开答〔2024〕9号 --as clerk1 --on 2024-03-08
  expect_exit 0 disclose deliver "$id" --method post --tracking EMS1234567 --as clerk1 --on 2024-03-11 --json
  expect_eq "$(json -c '[.number, .delivered_on, .method, .tracking]')" '["青云谱公开答〔2024〕1号","2024-03-11","post","EMS1234567"]'
  h_expect_error 4 not_found letter disclose deliver "$id" --method post --as clerk1 --on 2024-03-12
  expect_exit 0 disclose show "$id" --json
  # 60 days after Mon 03-11 is Fri 05-10; 6 months is Wed 09-11.
  expect_eq "$(json -c '.remedy')" '{"delivered_on":"2024-03-11","reconsideration_by":"2024-05-10","litigation_by":"2024-09-11"}'
  expect_eq "$(json -c '.letters[0] | [.kind, .number, .date, .delivered_on, .delivery_method]')" '["answer","青云谱公开答〔2024〕1号","2024-03-07","2024-03-11","post"]'
  # Refusing disclosure: reconsideration first, no direct litigation. 60
  # days after Fri 03-08 is Tue 05-07.
  expect_exit 0 disclose deliver "$refused" --method in_person --as clerk1 --on 2024-03-08
  expect_exit 0 disclose show "$refused" --json
  expect_eq "$(json -c '.remedy')" '{"delivered_on":"2024-03-08","reconsideration_by":"2024-05-07","litigation_by":null}'
  expect_exit 0 disclose list --undelivered 0 --json
  expect_eq "$(json -c '.')" "[]"
  expect_exit 0 disclose verify
}

# The database's own word: the write functions check the actor, and no
# staff role writes the letters or the counters directly.
t_the_letter_store_checks_for_itself() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(_l_reviewed disclosed)"
  _l_issue "$id" answer
  h_psql_refused li "UPDATE letters SET sha256 = repeat('0', 64)"
  h_psql_refused li "UPDATE letter_numbers SET last = 0"
  h_psql_refused li "DELETE FROM letters"
  h_psql_refused li "SELECT dsc_w_letter_issue($id, (SELECT version FROM requests WHERE id = $id), 'clerk1', '2024-03-07', 'answer', E'X\\x01', E'T', '{}', NULL)"
  h_psql_refused wang "SELECT dsc_w_letter_issue($id, (SELECT version FROM requests WHERE id = $id), 'wang', '2024-03-07', 'answer', E'X\\x01', E'T', '{}', NULL)"
  expect_eq "$(sql "SELECT count(*) FROM letters")" 1
  # Delivery: a reviewer may not record it, through the CLI or the
  # function, nor may anyone record it under another's name; the agency's
  # letter rule is an admin's.
  h_expect_error 5 forbidden role disclose deliver "$id" --method post --as wang --on 2024-03-08
  h_psql_refused wang "SELECT dsc_w_letter_deliver($id, (SELECT version FROM requests WHERE id = $id), 'wang', '2024-03-08', '青云谱公开答〔2024〕1号', 'post', NULL)"
  h_psql_refused li "SELECT dsc_w_letter_deliver($id, (SELECT version FROM requests WHERE id = $id), 'clerk1', '2024-03-08', '青云谱公开答〔2024〕1号', 'post', NULL)"
  h_psql_refused li "UPDATE letters SET delivered_on = '2024-03-08'"
  h_psql_refused clerk1 "SELECT dsc_w_agency_require_letter('default', true, 'clerk1')"
  h_psql_refused clerk1 "SELECT dsc_w_agency_require_letter('default', true, 'admin')"
  expect_eq "$(sql "SELECT count(*) FROM letters WHERE delivered_on IS NOT NULL")" 0
  expect_eq "$(sql "SELECT letter_required FROM agencies WHERE code = 'default'")" f
}

# The letters' index (the `letters` table) must agree with the letter
# events: an owner's edit of a digest or a number there is found too.
t_an_edited_letter_index_fails_verify() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(_l_reviewed disclosed)"
  _l_issue "$id" answer
  expect_exit 0 disclose verify
  sql "UPDATE letters SET number = '青云谱公开答〔2024〕99号' WHERE request_id = $id"
  expect_exit 9 disclose verify --json
  expect_eq "$(json -c '.chain_break | [.request_id, .reason]')" "[$id,\"index\"]"
  sql "UPDATE letters SET number = '青云谱公开答〔2024〕1号' WHERE request_id = $id"
  expect_exit 0 disclose verify
  sql "DELETE FROM letters WHERE request_id = $id"
  expect_exit 9 disclose verify --json
  expect_eq "$(json -c '.chain_break | [.request_id, .reason]')" "[$id,\"index\"]"
}

# The draft's facts for its letter are checked before anything is written.
t_the_drafts_letter_facts_are_checked() {
  export DISCLOSE_TODAY=2024-04-15
  _l_agency
  local id
  id="$(h_letter 2024-03-01 张三 "$ZS_ID")"
  expect_exit 0 disclose assign "$id" --to li --as clerk1 --on 2024-03-01
  h_expect_error 3 invalid law disclose draft "$id" --outcome withheld.prohibited_by_law --law "$(printf '《统计法》\n第二行')" --as li --on 2024-03-05
  h_expect_error 3 invalid contact disclose draft "$id" --outcome unavailable.not_held --refer-contact 0791-1 --as li --on 2024-03-05
  h_expect_error 3 invalid agency disclose draft "$id" --outcome unavailable.not_held --refer-to "   " --as li --on 2024-03-05
  h_expect_error 3 invalid url disclose draft "$id" --outcome disclosed --url ftp://example.gov.cn/a --as li --on 2024-03-05
  h_expect_error 3 invalid channel disclose draft "$id" --outcome disclosed --channel pigeon --as li --on 2024-03-05
  # A refusal that names no law is refused when its letter is asked for.
  expect_exit 0 disclose draft "$id" --outcome withheld.prohibited_by_law --as li --on 2024-03-05
  expect_exit 0 disclose review "$id" --approve --as wang --on 2024-03-06
  h_expect_error 3 invalid law disclose letter "$id" --kind answer --as clerk1 --on 2024-03-07
}
