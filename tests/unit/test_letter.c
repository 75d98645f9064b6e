/* Letters: kinds and 文号, the Chinese date and amount, the legal basis and
 * flags of every outcome, every refusal of dsc_letter_check, the template
 * files (syntax, known fields, and that no field they print can come out
 * blank for facts the check passes), and the field list of docs/letters.md.
 *
 * The renderer is another module's (engine/core/template.c); the template
 * tests here use a small independent walker of the same Mustache subset,
 * which also evaluates sections against a letter's fields, so a template
 * that prints a field where the check does not guarantee it is caught.
 *
 * Over 700 lines: the refusal table and the template walker belong with the
 * rules they test, and splitting them would leave each half without the
 * facts it is built from. */
#include "disclose/letter.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disclose/alloc.h"
#include "dsc_test.h"
#include "dsc_test_alloc.h"
#include "letter_facts_fixture.h"
#include "letter_int.h"

#ifndef DSC_SOURCE_DIR
#error "tests/CMakeLists.txt defines DSC_SOURCE_DIR for test_letter"
#endif

#define D(y, m, d) dsc_date_from_ymd(y, m, d)

/* ---- facts that pass ----------------------------------------------------- */

static bool answer_outcome(dsc_outcome_t o) {
  return o != DSC_OUTCOME_NONE && o != DSC_OUTCOME_OTHER_NO_SUPPLEMENT &&
         o != DSC_OUTCOME_OTHER_FEE_UNPAID;
}

/* ---- kinds and numbers --------------------------------------------------- */

DSC_TEST(kind_names_round_trip) {
  const char *markers[DSC_LETTER__COUNT];
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    dsc_letter_kind_t back = DSC_LETTER__COUNT;
    DSC_ASSERT(dsc_letter_kind_name((dsc_letter_kind_t)k) != NULL);
    DSC_ASSERT_EQ(dsc_letter_kind_parse(dsc_letter_kind_name(k), &back),
                  DSC_OK);
    DSC_ASSERT_EQ(back, k);
    DSC_ASSERT(strstr(dsc_letter_kind_title(k), "政府信息公开") != NULL);
    markers[k] = dsc_letter_kind_marker(k);
    DSC_ASSERT_EQ(strlen(markers[k]), 3); /* one CJK character */
    for (int j = 0; j < k; j++)
      DSC_ASSERT(strcmp(markers[j], markers[k]) != 0);
  }
  DSC_ASSERT_STR_EQ(dsc_letter_kind_name(DSC_LETTER_SUPPLEMENT_NOTICE),
                    "supplement-notice");
  DSC_ASSERT_STR_EQ(dsc_letter_kind_marker(DSC_LETTER_ANSWER), "答");
  DSC_ASSERT(dsc_letter_kind_name(DSC_LETTER__COUNT) == NULL);
  DSC_ASSERT(dsc_letter_kind_title((dsc_letter_kind_t)-1) == NULL);
  DSC_ASSERT_EQ(dsc_letter_kind_parse("Answer", &(dsc_letter_kind_t){0}),
                DSC_INVALID);
  DSC_ASSERT_EQ(dsc_letter_kind_parse(NULL, &(dsc_letter_kind_t){0}),
                DSC_INVALID);
}

DSC_TEST(number_format) {
  char buf[DSC_LETTER_NUMBER_STRLEN];
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_letter_number_format("青云谱公开", DSC_LETTER_ANSWER, 2026,
                                         17, buf, sizeof buf, &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(buf, "青云谱公开答〔2026〕17号");
  DSC_ASSERT_EQ(dsc_letter_number_format("青云谱公开",
                                         DSC_LETTER_SUPPLEMENT_NOTICE, 2026, 3,
                                         buf, sizeof buf, &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(buf, "青云谱公开补〔2026〕3号");
  DSC_ASSERT_EQ(dsc_letter_number_format("X", DSC_LETTER_CLOSING_NOTICE, 2027,
                                         DSC_LETTER_NUMBER_MAX, buf, sizeof buf,
                                         &d),
                DSC_OK);
  DSC_ASSERT_STR_EQ(buf, "X终〔2027〕999999号");

  /* The longest short name, in four-byte characters, fits the documented
   * size exactly; one character more is refused. */
  {
    char name[4 * DSC_LETTER_SHORT_NAME_MAX + 8];
    for (int i = 0; i < DSC_LETTER_SHORT_NAME_MAX; i++)
      memcpy(name + 4 * i, "\xF0\xA0\x80\x80", 4); /* U+20000 𠀀 */
    name[4 * DSC_LETTER_SHORT_NAME_MAX] = '\0';
    DSC_ASSERT_EQ(dsc_letter_number_format(name, DSC_LETTER_FEE_NOTICE, 9999,
                                           DSC_LETTER_NUMBER_MAX, buf,
                                           sizeof buf, &d),
                  DSC_OK);
    DSC_ASSERT_EQ(strlen(buf) + 1, DSC_LETTER_NUMBER_STRLEN);
    memcpy(name + 4 * DSC_LETTER_SHORT_NAME_MAX - 4, "AB", 3);
    DSC_ASSERT_EQ(dsc_letter_number_format(name, DSC_LETTER_FEE_NOTICE, 9999,
                                           DSC_LETTER_NUMBER_MAX, buf,
                                           sizeof buf, &d),
                  DSC_INVALID);
    DSC_ASSERT_STR_EQ(d.field, "agency.short_name");
  }

  {
    static const struct {
      const char *short_name;
      int kind, year, number;
      const char *field;
    } bad[] = {{NULL, 0, 2026, 1, "agency.short_name"},
               {" \t", 0, 2026, 1, "agency.short_name"},
               {"青云谱 公开", 0, 2026, 1, "agency.short_name"},
               {"青云谱\n公开", 0, 2026, 1, "agency.short_name"},
               {"青云谱\xff", 0, 2026, 1, "agency.short_name"},
               {"青云谱", DSC_LETTER__COUNT, 2026, 1, "kind"},
               {"青云谱", 0, 999, 1, "year"},
               {"青云谱", 0, 10000, 1, "year"},
               {"青云谱", 0, 2026, 0, "number"},
               {"青云谱", 0, 2026, DSC_LETTER_NUMBER_MAX + 1, "number"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
      dsc_detail_clear(&d);
      DSC_ASSERT_EQ(dsc_letter_number_format(
                        bad[i].short_name, (dsc_letter_kind_t)bad[i].kind,
                        bad[i].year, bad[i].number, buf, sizeof buf, &d),
                    DSC_INVALID);
      DSC_ASSERT_STR_EQ(d.field, bad[i].field);
      DSC_ASSERT(d.message_zh[0] != '\0');
    }
  }
  /* Too small a buffer is the caller's mistake, and leaves it empty. */
  DSC_ASSERT_EQ(dsc_letter_number_format("青云谱公开", DSC_LETTER_ANSWER, 2026,
                                         17, buf, 10, &d),
                DSC_MISUSE);
  DSC_ASSERT_STR_EQ(buf, "");
  DSC_ASSERT_EQ(dsc_letter_number_format("青云谱公开", DSC_LETTER_ANSWER, 2026,
                                         17, NULL, 0, &d),
                DSC_MISUSE);
}

/* ---- dates and amounts --------------------------------------------------- */

/* The slow reference: walks from 1970-01-01 a year and then a month at a
 * time, sharing nothing with dsc_date_to_ymd. */
static void reference_date(dsc_date_t days, char *buf, size_t cap) {
  static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int y = 1970, m = 0;
  long left = days;

  for (;;) {
    int len = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
    if (left < len)
      break;
    left -= len;
    y++;
  }
  for (;;) {
    int len =
        mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    if (left < len)
      break;
    left -= len;
    m++;
  }
  snprintf(buf, cap, "%d年%d月%ld日", y, m + 1, left + 1);
}

DSC_TEST(date_format_examples) {
  char buf[DSC__LETTER_DATE_STRLEN];
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(D(2026, 11, 20), buf),
                    "2026年11月20日");
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(D(2027, 1, 4), buf),
                    "2027年1月4日");
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(D(1970, 1, 1), buf),
                    "1970年1月1日");
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(D(2100, 12, 31), buf),
                    "2100年12月31日");
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(D(9999, 12, 31), buf),
                    "9999年12月31日");
  DSC_ASSERT(dsc__letter_date_ok(D(1, 1, 1)));
  DSC_ASSERT(!dsc__letter_date_ok(D(1, 1, 1) - 1));
  DSC_ASSERT(!dsc__letter_date_ok(D(9999, 12, 31) + 1));
  DSC_ASSERT(!dsc__letter_date_ok(DSC_DATE_NONE));
  DSC_ASSERT(!dsc__letter_date_ok(INT32_MAX));
}

DSC_TEST(date_format_matches_reference) {
  uint64_t rng = dsc_test_seed();
  const dsc_date_t lo = D(1970, 1, 1), hi = D(2100, 12, 31);
  char got[DSC__LETTER_DATE_STRLEN], want[64];

  for (dsc_date_t d = lo; d <= lo + 800; d++) { /* the first leap years */
    reference_date(d, want, sizeof want);
    DSC_ASSERT_STR_EQ(dsc__letter_date_format(d, got), want);
  }
  for (int i = 0; i < 200000; i++) {
    dsc_date_t d =
        lo + (dsc_date_t)(dsc_test_rand(&rng) % (uint64_t)(hi - lo + 1));
    reference_date(d, want, sizeof want);
    DSC_ASSERT_STR_EQ(dsc__letter_date_format(d, got), want);
  }
  reference_date(hi, want, sizeof want);
  DSC_ASSERT_STR_EQ(dsc__letter_date_format(hi, got), want);
}

DSC_TEST(amount_format) {
  char buf[DSC__LETTER_AMOUNT_STRLEN];
  DSC_ASSERT_STR_EQ(dsc__letter_amount_format(1250, buf), "人民币 12.50 元");
  DSC_ASSERT_STR_EQ(dsc__letter_amount_format(5, buf), "人民币 0.05 元");
  DSC_ASSERT_STR_EQ(dsc__letter_amount_format(470000, buf),
                    "人民币 4700.00 元");
  DSC_ASSERT_STR_EQ(dsc__letter_amount_format(INT64_MAX, buf),
                    "人民币 92233720368547758.07 元");
}

/* ---- fields by outcome --------------------------------------------------- */

static dsc__letter_fields_t *build(const dsc_letter_facts_t *f) {
  dsc__letter_fields_t *out = NULL;
  dsc_detail_t d;
  dsc_err_t err = dsc__letter_fields_build(f, &out, &d);
  if (err != DSC_OK) {
    char buf[600];
    DSC_FAIL_("build: %s", dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
  }
  return out;
}

/* The flag of outcome o, written out from the code. */
static void flag_name(dsc_outcome_t o, char *buf, size_t cap) {
  snprintf(buf, cap, "outcome_%s", dsc_outcome_code(o));
  for (char *p = buf; *p; p++)
    if (*p == '.')
      *p = '_';
}

DSC_TEST(outcome_flags_and_legal_basis) {
#define REG "《中华人民共和国政府信息公开条例》"
  static const char *const basis[DSC_OUTCOME__COUNT] = {
      [DSC_OUTCOME_DISCLOSED] = REG "第三十六条第二项",
      [DSC_OUTCOME_PARTIALLY_DISCLOSED] = REG "第三十七条",
      [DSC_OUTCOME_WITHHELD_STATE_SECRET] =
          REG "第十四条、《中华人民共和国保守国家秘密法》",
      [DSC_OUTCOME_WITHHELD_PROHIBITED_BY_LAW] =
          REG "第十四条、《中华人民共和国统计法》第三十九条",
      [DSC_OUTCOME_WITHHELD_SECURITY_STABILITY] = REG "第十四条",
      [DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS] = REG "第十五条",
      [DSC_OUTCOME_WITHHELD_INTERNAL_AFFAIRS] = REG "第十六条第一款",
      [DSC_OUTCOME_WITHHELD_PROCESS_INFORMATION] = REG "第十六条第二款",
      [DSC_OUTCOME_WITHHELD_ENFORCEMENT_FILES] = REG "第十六条第二款",
      [DSC_OUTCOME_WITHHELD_ADMINISTRATIVE_QUERY] = REG "第三十六条第七项",
      [DSC_OUTCOME_UNAVAILABLE_NOT_HELD] = REG "第三十六条第四项",
      [DSC_OUTCOME_UNAVAILABLE_NEEDS_CREATION] = REG "第三十八条",
      [DSC_OUTCOME_UNAVAILABLE_STILL_UNCLEAR] = REG "第三十条",
      [DSC_OUTCOME_NOT_PROCESSED_PETITION] = REG "第三十九条第一款",
      [DSC_OUTCOME_NOT_PROCESSED_DUPLICATE] = REG "第三十六条第六项",
      [DSC_OUTCOME_NOT_PROCESSED_PUBLICATION] = REG "第三十九条第二款",
      [DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE] = REG "第三十五条",
      [DSC_OUTCOME_NOT_PROCESSED_CONFIRMATION] = REG "第三十九条",
      [DSC_OUTCOME_OTHER_NO_SUPPLEMENT] = REG "第三十条",
      [DSC_OUTCOME_OTHER_FEE_UNPAID] =
          "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
  };
  size_t nknown;
  const char *const *known = dsc__letter_known_fields(&nknown);

  for (int o = 1; o < DSC_OUTCOME__COUNT; o++) {
    dsc_letter_kind_t kind =
        answer_outcome(o) ? DSC_LETTER_ANSWER : DSC_LETTER_CLOSING_NOTICE;
    dsc_letter_facts_t f = letter_fixture_facts(kind, o);
    dsc__letter_fields_t *fields = build(&f);
    bool refuses = strncmp(dsc_outcome_code(o), "withheld.", 9) == 0 ||
                   o == DSC_OUTCOME_PARTIALLY_DISCLOSED;
    char flag[96];
    bool listed = false;

    flag_name(o, flag, sizeof flag);
    for (size_t i = 0; i < nknown; i++)
      listed = listed || strcmp(known[i], flag) == 0;
    DSC_ASSERT(listed);
    /* Exactly one outcome flag is set, this one. */
    for (int p = 1; p < DSC_OUTCOME__COUNT; p++) {
      char other[96];
      flag_name(p, other, sizeof other);
      if (p == o)
        DSC_ASSERT_STR_EQ(dsc__letter_field(fields, other), "1");
      else
        DSC_ASSERT(dsc__letter_field(fields, other) == NULL);
    }
    DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "outcome"),
                      dsc_outcome_code(o));
    DSC_ASSERT_EQ(dsc_letter_refuses_disclosure(o), refuses);
    if (kind == DSC_LETTER_ANSWER) {
      DSC_ASSERT_EQ(dsc__letter_field(fields, "refuses_disclosure") != NULL,
                    refuses);
      DSC_ASSERT_EQ(dsc__letter_field(fields, "litigation_open") != NULL,
                    !refuses);
    } else {
      DSC_ASSERT(dsc__letter_field(fields, "refuses_disclosure") == NULL);
      DSC_ASSERT(dsc__letter_field(fields, "litigation_open") == NULL);
    }
    if (basis[o] == NULL)
      DSC_ASSERT(dsc__letter_field(fields, "legal_basis") == NULL);
    else
      DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "legal_basis"), basis[o]);
    dsc__letter_fields_free(fields);
  }
  DSC_ASSERT(!dsc_letter_refuses_disclosure(DSC_OUTCOME_NONE));
  DSC_ASSERT(!dsc_letter_refuses_disclosure(DSC_OUTCOME__COUNT));

  /* The facts that add to an article. */
  {
    static const struct {
      dsc_outcome_t outcome;
      const char *url, *other_agency, *third_party, *basis;
    } more[] = {
        {DSC_OUTCOME_DISCLOSED, "https://www.qyp.gov.cn/xxgk/1.html", NULL,
         NULL, REG "第三十六条第一项"},
        {DSC_OUTCOME_UNAVAILABLE_NOT_HELD, NULL,
         "南昌市青云谱区住房和城乡建设局", NULL,
         REG "第三十六条第四项、第五项"},
        {DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS, NULL, NULL, "某公司",
         REG "第十五条、第三十二条"},
    };
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
      dsc_letter_facts_t f =
          letter_fixture_facts(DSC_LETTER_ANSWER, more[i].outcome);
      dsc__letter_fields_t *fields;
      f.published_url = more[i].url;
      f.other_agency = more[i].other_agency;
      f.other_agency_contact = "0791-86666666";
      f.third_party = more[i].third_party;
      fields = build(&f);
      DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "legal_basis"),
                        more[i].basis);
      dsc__letter_fields_free(fields);
    }
  }
  /* Each notice's article. */
  {
    static const struct {
      dsc_letter_kind_t kind;
      const char *basis;
    } notices[] = {
        {DSC_LETTER_SUPPLEMENT_NOTICE, REG "第三十条"},
        {DSC_LETTER_EXTENSION_NOTICE, REG "第三十三条第二款"},
        {DSC_LETTER_CONSULTATION, REG "第三十二条"},
        {DSC_LETTER_FEE_NOTICE,
         REG "第四十二条、《政府信息公开信息处理费管理办法》（国办函〔2020〕"
             "109号）"},
    };
    for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++) {
      dsc_letter_facts_t f =
          letter_fixture_facts(notices[i].kind, DSC_OUTCOME_NONE);
      dsc__letter_fields_t *fields = build(&f);
      DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "legal_basis"),
                        notices[i].basis);
      DSC_ASSERT(dsc__letter_field(fields, "outcome") == NULL);
      dsc__letter_fields_free(fields);
    }
  }
#undef REG
}

DSC_TEST(common_fields) {
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  dsc__letter_fields_t *fields;

  f.representative = "李四";
  f.form = DSC_FORM_ELECTRONIC;
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "number"),
                    "青云谱公开答〔2026〕17号");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "title"),
                    "政府信息公开申请答复书");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "date"), "2026年11月20日");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "received_on"), "2026年10月30日");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "addressee"),
                    "张三（代理人：李四）");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "agency.court"),
                    "南昌铁路运输法院");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "channel_post"), "1");
  DSC_ASSERT(dsc__letter_field(fields, "channel_email") == NULL);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "form"), "电子");
  DSC_ASSERT(dsc__letter_field(fields, "no_such_field") == NULL);
  DSC_ASSERT(dsc__letter_field(NULL, "date") == NULL);
  dsc__letter_fields_free(fields);

  /* A blank fact is an absent field; an answer that provides nothing has
   * no channel paragraph, whatever the channel. */
  f = letter_fixture_facts(DSC_LETTER_ANSWER,
                           DSC_OUTCOME_WITHHELD_STATE_SECRET);
  f.text = " \u3000\n";
  f.agency.phone = "";
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "addressee"), "张三");
  DSC_ASSERT(dsc__letter_field(fields, "text") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "agency.phone") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "channel") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "channel_post") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "form") == NULL);
  dsc__letter_fields_free(fields);

  /* Form by channel when not given. */
  f = letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  f.channel = "online";
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "form"), "电子");
  dsc__letter_fields_free(fields);
  f.channel = "in_person";
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "form"), "纸质");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "channel_in_person"), "1");
  dsc__letter_fields_free(fields);

  /* The consultation tells the third party neither who applied nor what
   * they wrote. */
  f = letter_fixture_facts(DSC_LETTER_CONSULTATION, DSC_OUTCOME_NONE);
  fields = build(&f);
  DSC_ASSERT(dsc__letter_field(fields, "applicant_name") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "addressee") == NULL);
  DSC_ASSERT(dsc__letter_field(fields, "description") == NULL);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "consultation_last_day"),
                    "2026年12月11日");
  dsc__letter_fields_free(fields);

  /* The fee notice. */
  f = letter_fixture_facts(DSC_LETTER_FEE_NOTICE, DSC_OUTCOME_NONE);
  f.fee_method = DSC_FEE_BY_VOLUME;
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "fee_amount"),
                    "人民币 200.00 元");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "fee_method"), "按量计收");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "number"),
                    "青云谱公开费〔2026〕17号");
  dsc__letter_fields_free(fields);

  f = letter_fixture_facts(DSC_LETTER_EXTENSION_NOTICE, DSC_OUTCOME_NONE);
  fields = build(&f);
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "extension_days"), "20");
  DSC_ASSERT_STR_EQ(dsc__letter_field(fields, "extension_due"),
                    "2026年12月18日");
  dsc__letter_fields_free(fields);
  dsc__letter_fields_free(NULL);
}

/* ---- every refusal ------------------------------------------------------- */

typedef void (*mutate_fn)(dsc_letter_facts_t *f);

#define MUT(name, body)                                                        \
  static void name(dsc_letter_facts_t *f) { body; }
MUT(m_kind, f->kind = (dsc_letter_kind_t)99)
MUT(m_desc_utf8, f->description = "资金\xff文件")
MUT(m_name_newline, f->applicant_name = "张\n三")
MUT(m_text_cr, f->text = "第十五条\r")
MUT(m_full_name, f->agency.full_name = NULL)
MUT(m_seal, f->agency.seal_caption = "\u3000")
MUT(m_date, f->date = DSC_DATE_NONE)
MUT(m_date_far, f->date = INT32_MAX)
MUT(m_year, f->year = 2025)
MUT(m_short_name, f->agency.short_name = NULL)
MUT(m_short_space, f->agency.short_name = "青云谱 公开")
MUT(m_number, f->number = 0)
MUT(m_applicant, f->applicant_name = "  ")
MUT(m_description, f->description = NULL)
MUT(m_received, f->received_on = DSC_DATE_NONE)
MUT(m_received_late, f->received_on = D(2026, 11, 21))
MUT(m_outcome_none, f->outcome = DSC_OUTCOME_NONE)
MUT(m_outcome_lapse, f->outcome = DSC_OUTCOME_OTHER_NO_SUPPLEMENT)
MUT(m_outcome_far, f->outcome = DSC_OUTCOME__COUNT)
MUT(m_body, f->agency.reconsideration_body = NULL)
MUT(m_court, f->agency.court = NULL)
MUT(m_url, f->published_url = "ftp://www.qyp.gov.cn/1.html")
MUT(m_url_space, f->published_url = "https://www.qyp.gov.cn/a b")
MUT(m_channel, f->channel = NULL)
MUT(m_channel_bad, f->channel = "pigeon")
MUT(m_in_person, (f->channel = "in_person", f->agency.address = NULL))
MUT(m_form, f->form = (dsc_form_t)7)
MUT(m_online_paper, (f->channel = "online", f->form = DSC_FORM_PAPER))
MUT(m_fax_electronic, (f->channel = "fax", f->form = DSC_FORM_ELECTRONIC))
MUT(m_text, f->text = NULL)
MUT(m_text_uncited, f->text = "涉及个人隐私的内容不予公开。")
MUT(m_law, f->law = NULL)
MUT(m_law_unbracketed, f->law = "统计法第三十九条")
MUT(m_other_agency,
    (f->other_agency = "区住建局", f->other_agency_contact = NULL))
MUT(m_note, f->supplement_note = NULL)
MUT(m_requested, f->supplement_requested_on = DSC_DATE_NONE)
MUT(m_requested_early, f->supplement_requested_on = D(2026, 10, 29))
MUT(m_earlier_number, f->earlier_number = NULL)
MUT(m_earlier_date, f->earlier_date = DSC_DATE_NONE)
MUT(m_earlier_late, f->earlier_date = D(2026, 11, 21))
MUT(m_publication, (f->text = NULL, f->published_url = NULL))
MUT(m_last_day_today, f->supplement_last_day = f->date)
MUT(m_ext_days0, f->extension_days = 0)
MUT(m_ext_days21, f->extension_days = 21)
MUT(m_ext_reason, f->extension_reason = NULL)
MUT(m_ext_approver, f->extension_approver = "")
MUT(m_ext_due, f->extension_due = f->date)
MUT(m_third_party, f->third_party = NULL)
MUT(m_info, f->consultation_info = NULL)
MUT(m_consult_day, f->consultation_last_day = DSC_DATE_NONE)
MUT(m_fee_method, f->fee_method = DSC_FEE_CHEAPER)
MUT(m_fee_arith, f->fee_arithmetic = NULL)
MUT(m_fee_fen, f->fee_fen = 0)
MUT(m_fee_payment, f->agency.fee_payment = NULL)
MUT(m_fee_day, f->fee_last_day = f->date)
MUT(m_closing_outcome, f->outcome = DSC_OUTCOME_DISCLOSED)
MUT(m_closing_requested, f->supplement_requested_on = DSC_DATE_NONE)
MUT(m_closing_open, f->supplement_last_day = f->date)
MUT(m_closing_before, f->supplement_last_day = D(2026, 11, 1))
MUT(m_closing_notified, f->fee_notified_on = D(2026, 11, 21))
MUT(m_closing_fee_open, f->fee_last_day = D(2026, 11, 20))
#undef MUT

#define ANS DSC_LETTER_ANSWER
#define O(x) DSC_OUTCOME_##x
static const struct refusal {
  dsc_letter_kind_t kind;
  dsc_outcome_t outcome;
  mutate_fn mutate;
  const char *field;
} refusals[] = {
    {ANS, O(DISCLOSED), m_kind, "kind"},
    {ANS, O(DISCLOSED), m_desc_utf8, "description"},
    {ANS, O(DISCLOSED), m_name_newline, "applicant_name"},
    {ANS, O(DISCLOSED), m_text_cr, "text"},
    {ANS, O(DISCLOSED), m_full_name, "agency.full_name"},
    {ANS, O(DISCLOSED), m_seal, "agency.seal_caption"},
    {ANS, O(DISCLOSED), m_date, "date"},
    {ANS, O(DISCLOSED), m_date_far, "date"},
    {ANS, O(DISCLOSED), m_year, "year"},
    {ANS, O(DISCLOSED), m_short_name, "agency.short_name"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_short_space, "agency.short_name"},
    {ANS, O(DISCLOSED), m_number, "number"},
    {ANS, O(DISCLOSED), m_applicant, "applicant_name"},
    {DSC_LETTER_SUPPLEMENT_NOTICE, O(NONE), m_description, "description"},
    {ANS, O(DISCLOSED), m_received, "received_on"},
    {ANS, O(DISCLOSED), m_received_late, "received_on"},
    {DSC_LETTER_CONSULTATION, O(NONE), m_received, "received_on"},
    {ANS, O(DISCLOSED), m_outcome_none, "outcome"},
    {ANS, O(DISCLOSED), m_outcome_lapse, "outcome"},
    {ANS, O(DISCLOSED), m_outcome_far, "outcome"},
    {ANS, O(WITHHELD_STATE_SECRET), m_body, "agency.reconsideration_body"},
    {ANS, O(DISCLOSED), m_court, "agency.court"},
    {ANS, O(UNAVAILABLE_NOT_HELD), m_court, "agency.court"},
    {ANS, O(DISCLOSED), m_url, "published_url"},
    {ANS, O(NOT_PROCESSED_PUBLICATION), m_url_space, "published_url"},
    {ANS, O(DISCLOSED), m_channel, "channel"},
    {ANS, O(DISCLOSED), m_channel_bad, "channel"},
    {ANS, O(DISCLOSED), m_in_person, "agency.address"},
    {ANS, O(DISCLOSED), m_form, "form"},
    {ANS, O(DISCLOSED), m_online_paper, "form"},
    {ANS, O(PARTIALLY_DISCLOSED), m_fax_electronic, "form"},
    {ANS, O(PARTIALLY_DISCLOSED), m_text, "text"},
    {ANS, O(PARTIALLY_DISCLOSED), m_text_uncited, "text"},
    {ANS, O(PARTIALLY_DISCLOSED), m_channel, "channel"},
    {ANS, O(WITHHELD_PROHIBITED_BY_LAW), m_law, "law"},
    {ANS, O(WITHHELD_PROHIBITED_BY_LAW), m_law_unbracketed, "law"},
    {ANS, O(WITHHELD_ADMINISTRATIVE_QUERY), m_law, "law"},
    {ANS, O(UNAVAILABLE_NOT_HELD), m_other_agency, "other_agency_contact"},
    {ANS, O(NOT_PROCESSED_PETITION), m_other_agency, "other_agency_contact"},
    {ANS, O(UNAVAILABLE_STILL_UNCLEAR), m_note, "supplement_note"},
    {ANS, O(UNAVAILABLE_STILL_UNCLEAR), m_requested, "supplement_requested_on"},
    {ANS, O(UNAVAILABLE_STILL_UNCLEAR), m_requested_early,
     "supplement_requested_on"},
    {ANS, O(NOT_PROCESSED_DUPLICATE), m_earlier_number, "earlier_number"},
    {ANS, O(NOT_PROCESSED_DUPLICATE), m_earlier_date, "earlier_date"},
    {ANS, O(NOT_PROCESSED_DUPLICATE), m_earlier_late, "earlier_date"},
    {ANS, O(NOT_PROCESSED_PUBLICATION), m_publication, "text"},
    {ANS, O(NOT_PROCESSED_EXCESSIVE), m_text, "text"},
    {ANS, O(OTHER_OTHER), m_text, "text"},
    {DSC_LETTER_SUPPLEMENT_NOTICE, O(NONE), m_note, "supplement_note"},
    {DSC_LETTER_SUPPLEMENT_NOTICE, O(NONE), m_last_day_today,
     "supplement_last_day"},
    {DSC_LETTER_EXTENSION_NOTICE, O(NONE), m_ext_days0, "extension_days"},
    {DSC_LETTER_EXTENSION_NOTICE, O(NONE), m_ext_days21, "extension_days"},
    {DSC_LETTER_EXTENSION_NOTICE, O(NONE), m_ext_reason, "extension_reason"},
    {DSC_LETTER_EXTENSION_NOTICE, O(NONE), m_ext_approver,
     "extension_approver"},
    {DSC_LETTER_EXTENSION_NOTICE, O(NONE), m_ext_due, "extension_due"},
    {DSC_LETTER_CONSULTATION, O(NONE), m_third_party, "third_party"},
    {DSC_LETTER_CONSULTATION, O(NONE), m_info, "consultation_info"},
    {DSC_LETTER_CONSULTATION, O(NONE), m_consult_day, "consultation_last_day"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_fee_method, "fee_method"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_fee_arith, "fee_arithmetic"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_fee_fen, "fee_fen"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_fee_payment, "agency.fee_payment"},
    {DSC_LETTER_FEE_NOTICE, O(NONE), m_fee_day, "fee_last_day"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_NO_SUPPLEMENT), m_closing_outcome,
     "outcome"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_NO_SUPPLEMENT), m_closing_requested,
     "supplement_requested_on"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_NO_SUPPLEMENT), m_closing_open,
     "supplement_last_day"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_NO_SUPPLEMENT), m_closing_before,
     "supplement_last_day"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_FEE_UNPAID), m_fee_fen, "fee_fen"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_FEE_UNPAID), m_closing_notified,
     "fee_notified_on"},
    {DSC_LETTER_CLOSING_NOTICE, O(OTHER_FEE_UNPAID), m_closing_fee_open,
     "fee_last_day"},
};
#undef ANS
#undef O

DSC_TEST(check_refusals_name_their_field) {
  for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
    const struct refusal *r = &refusals[i];
    dsc_letter_facts_t f = letter_fixture_facts(r->kind, r->outcome);
    dsc__letter_fields_t *fields = NULL;
    dsc_detail_t d;

    /* The facts pass before the change, and fail after it naming the
     * field, with a message in both languages; the fields are not built. */
    dsc_detail_clear(&d);
    if (dsc_letter_check(&f, &d) != DSC_OK)
      DSC_FAIL_("refusal %zu (%s): base facts refused: %s", i, r->field,
                d.field);
    r->mutate(&f);
    DSC_ASSERT_EQ(dsc_letter_check(&f, &d), DSC_INVALID);
    if (strcmp(d.field, r->field) != 0)
      DSC_FAIL_("refusal %zu: field \"%s\", expected \"%s\" (%s)", i, d.field,
                r->field, d.message);
    DSC_ASSERT(d.message[0] != '\0' && d.message_zh[0] != '\0');
    DSC_ASSERT_EQ(d.code, DSC_INVALID);
    DSC_ASSERT_EQ(dsc__letter_fields_build(&f, &fields, &d), DSC_INVALID);
    DSC_ASSERT(fields == NULL);
  }
  DSC_ASSERT_EQ(dsc_letter_check(NULL, NULL), DSC_MISUSE);
  DSC_ASSERT_EQ(
      dsc__letter_fields_build(NULL, &(dsc__letter_fields_t *){0}, NULL),
      DSC_MISUSE);
  {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    DSC_ASSERT_EQ(dsc__letter_fields_build(&f, NULL, NULL), DSC_MISUSE);
  }
}

DSC_TEST(check_passes_what_it_may) {
  /* Every outcome an answer may have passes with the full facts, and so
   * does every notice; a refusal of disclosure needs no court, and a
   * consultation no applicant. */
  for (int o = 1; o < DSC_OUTCOME__COUNT; o++) {
    dsc_letter_facts_t f = letter_fixture_facts(
        answer_outcome(o) ? DSC_LETTER_ANSWER : DSC_LETTER_CLOSING_NOTICE, o);
    DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
    if (dsc_letter_refuses_disclosure(o)) {
      f.agency.court = NULL;
      DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
    }
  }
  for (int k = 1; k < DSC_LETTER__COUNT; k++) {
    dsc_letter_facts_t f = letter_fixture_facts(
        k, k == DSC_LETTER_CLOSING_NOTICE ? DSC_OUTCOME_OTHER_FEE_UNPAID
                                          : DSC_OUTCOME_NONE);
    DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
  }
  {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_CONSULTATION, DSC_OUTCOME_NONE);
    f.applicant_name = NULL;
    f.description = NULL;
    DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
  }
  {
    dsc_letter_facts_t f =
        letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
    f.channel = NULL;
    f.published_url = "https://www.qyp.gov.cn/xxgk/1.html";
    DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
    f = letter_fixture_facts(DSC_LETTER_ANSWER,
                             DSC_OUTCOME_PARTIALLY_DISCLOSED);
    f.text = "施工方案中涉及商业秘密的部分（见《中华人民共和国政府信息公开"
             "条例》）不予公开。";
    DSC_ASSERT_EQ(dsc_letter_check(&f, NULL), DSC_OK);
  }
}

/* ---- the templates ------------------------------------------------------- */

typedef struct buf {
  char *p;
  size_t len, cap;
} buf_t;

static void buf_add(buf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    DSC_ASSERT(b->p != NULL);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static char *read_file(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  buf_t b = {NULL, 0, 0};
  char chunk[4096];
  size_t n;

  if (fp == NULL)
    DSC_FAIL_("cannot open %s", path);
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
    buf_add(&b, chunk, n);
  fclose(fp);
  buf_add(&b, "", 0);
  *len = b.len;
  return b.p;
}

static char *template_of(dsc_letter_kind_t kind, size_t *len) {
  char path[512];
  snprintf(path, sizeof path, "%s/engine/letters/%s.tmpl", DSC_SOURCE_DIR,
           dsc_letter_kind_name(kind));
  return read_file(path, len);
}

static bool is_known(const char *name) {
  size_t n;
  const char *const *known = dsc__letter_known_fields(&n);
  for (size_t i = 0; i < n; i++)
    if (strcmp(known[i], name) == 0)
      return true;
  return false;
}

/* A name of the subset: [a-z][a-z0-9_]* segments joined by '.'. */
static bool valid_name(const char *s) {
  bool start = true;
  if (*s == '\0')
    return false;
  for (; *s; s++) {
    if (start && !(*s >= 'a' && *s <= 'z'))
      return false;
    if (*s == '.') {
      start = true;
      continue;
    }
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
      return false;
    start = false;
  }
  return !start;
}

static bool blank(const char *s) { return dsc__letter_blank(s); }

/* Walks template t[0..len): checks the subset's syntax and that every name
 * is a known field, and, when fields is not NULL, evaluates the sections
 * against them and appends what shows to out — failing when a field it
 * prints is absent or blank. what names the template in messages. The
 * standalone rule is not applied: the output's blank lines do not matter
 * here. */
static void walk(const char *what, const char *t, size_t len,
                 const dsc__letter_fields_t *fields, buf_t *out) {
  struct {
    char name[64];
    bool shown;
    int line;
  } stack[16];
  int depth = 0, line = 1;
  size_t i = 0;

  while (i < len) {
    bool shown = depth == 0 || stack[depth - 1].shown;
    const char *open = strstr(t + i, "{{");
    size_t lit = open ? (size_t)(open - (t + i)) : len - i;
    char tag[128], name[64];
    size_t tlen, a, z;
    const char *close;

    for (size_t k = 0; k < lit; k++)
      line += t[i + k] == '\n';
    if (shown && out)
      buf_add(out, t + i, lit);
    if (open == NULL)
      break;
    close = strstr(open + 2, "}}");
    if (close == NULL)
      DSC_FAIL_("%s:%d: unterminated tag", what, line);
    tlen = (size_t)(close - (open + 2));
    if (open[2] == '!') { /* a comment, of any length */
      for (const char *p = open; p < close; p++)
        line += *p == '\n';
      i = (size_t)(close + 2 - t);
      continue;
    }
    if (tlen >= sizeof tag)
      DSC_FAIL_("%s:%d: tag too long", what, line);
    memcpy(tag, open + 2, tlen);
    tag[tlen] = '\0';
    if (memchr(tag, '\n', tlen))
      DSC_FAIL_("%s:%d: a tag across lines", what, line);
    i = (size_t)(close + 2 - t);
    if (strchr("{&>=", tag[0]) != NULL)
      DSC_FAIL_("%s:%d: unsupported tag {{%c", what, line, tag[0]);
    a = strchr("#^/", tag[0]) != NULL ? 1 : 0;
    while (tag[a] == ' ' || tag[a] == '\t')
      a++;
    z = tlen;
    while (z > a && (tag[z - 1] == ' ' || tag[z - 1] == '\t'))
      z--;
    if (z - a >= sizeof name)
      DSC_FAIL_("%s:%d: name too long", what, line);
    memcpy(name, tag + a, z - a);
    name[z - a] = '\0';
    if (!valid_name(name))
      DSC_FAIL_("%s:%d: bad field name \"%s\"", what, line, name);
    if (!is_known(name))
      DSC_FAIL_("%s:%d: unknown field \"%s\"", what, line, name);
    if (tag[0] == '#' || tag[0] == '^') {
      const char *v = fields ? dsc__letter_field(fields, name) : NULL;
      bool present = v != NULL && v[0] != '\0';
      if (depth == 16)
        DSC_FAIL_("%s:%d: sections nested too deep", what, line);
      snprintf(stack[depth].name, sizeof stack[depth].name, "%s", name);
      stack[depth].line = line;
      stack[depth].shown = shown && (tag[0] == '#' ? present : !present);
      depth++;
    } else if (tag[0] == '/') {
      if (depth == 0)
        DSC_FAIL_("%s:%d: {{/%s}} closes nothing", what, line, name);
      if (strcmp(stack[depth - 1].name, name) != 0)
        DSC_FAIL_("%s:%d: {{/%s}} closes \"%s\" of line %d", what, line, name,
                  stack[depth - 1].name, stack[depth - 1].line);
      depth--;
    } else if (shown && fields) {
      const char *v = dsc__letter_field(fields, name);
      if (v == NULL || blank(v))
        DSC_FAIL_("%s:%d: field \"%s\" would print blank", what, line, name);
      buf_add(out, v, strlen(v));
    }
  }
  if (depth != 0)
    DSC_FAIL_("%s: section \"%s\" of line %d is not closed", what,
              stack[depth - 1].name, stack[depth - 1].line);
}

DSC_TEST(templates_parse_and_name_known_fields) {
  char dirpath[512];
  DIR *dir;
  const struct dirent *e;
  int seen = 0;

  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    size_t len;
    char *t = template_of(k, &len);
    /* Valid UTF-8 (the renderer refuses anything else) and no tab or
     * carriage return, which would print unevenly. */
    DSC_ASSERT(strlen(t) == len);
    DSC_ASSERT(strpbrk(t, "\r\t") == NULL);
    walk(dsc_letter_kind_name(k), t, len, NULL, NULL);
    /* Every letter carries its heading, number, date and signature. */
    DSC_ASSERT(strstr(t, "{{agency.full_name}}") != NULL);
    DSC_ASSERT(strstr(t, "{{number}}") != NULL);
    DSC_ASSERT(strstr(t, "{{title}}") != NULL);
    DSC_ASSERT(strstr(t, "{{date}}") != NULL);
    DSC_ASSERT(strstr(t, "{{agency.seal_caption}}") != NULL);
    free(t);
  }
  /* And nothing else lives in the folder but the templates and README. */
  snprintf(dirpath, sizeof dirpath, "%s/engine/letters", DSC_SOURCE_DIR);
  dir = opendir(dirpath);
  DSC_ASSERT(dir != NULL);
  while ((e = readdir(dir)) != NULL) {
    const char *dot = strrchr(e->d_name, '.');
    dsc_letter_kind_t kind;
    char stem[256];
    if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
      continue;
    DSC_ASSERT(dot != NULL && strcmp(dot, ".tmpl") == 0);
    snprintf(stem, sizeof stem, "%.*s", (int)(dot - e->d_name), e->d_name);
    if (dsc_letter_kind_parse(stem, &kind) != DSC_OK)
      DSC_FAIL_("engine/letters/%s is no letter kind's template", e->d_name);
    seen++;
  }
  closedir(dir);
  DSC_ASSERT_EQ(seen, DSC_LETTER__COUNT);
}

DSC_TEST(walker_evaluates_sections) {
  /* The walker is the oracle of the next test: check it against a small
   * template whose output is known. */
  dsc_letter_facts_t f =
      letter_fixture_facts(DSC_LETTER_ANSWER, DSC_OUTCOME_DISCLOSED);
  dsc__letter_fields_t *fields = build(&f);
  buf_t out = {NULL, 0, 0};
  const char *t = "{{! c }}{{#text}}A{{/text}}{{^text}}B{{/text}}"
                  "{{#agency.contact}}[{{ agency.contact }}]{{/agency.contact}}"
                  "{{^channel_fax}}C{{/channel_fax}}";
  walk("inline", t, strlen(t), fields, &out);
  DSC_ASSERT_STR_EQ(out.p, "A[王芳]C");
  free(out.p);
  dsc__letter_fields_free(fields);
}

/* Facts drawn at random around the full ones: each optional fact kept,
 * dropped or changed, so that most combinations the check passes are
 * rendered. */
static dsc_letter_facts_t random_facts(uint64_t *rng) {
  dsc_letter_kind_t kind =
      (dsc_letter_kind_t)(dsc_test_rand(rng) % DSC_LETTER__COUNT);
  dsc_outcome_t o = (dsc_outcome_t)(dsc_test_rand(rng) % DSC_OUTCOME__COUNT);
  dsc_letter_facts_t f = letter_fixture_facts(kind, o);
  static const char *const channels[] = {"in_person", "post", "online", "fax",
                                         "email"};
#define COIN(n) (dsc_test_rand(rng) % (n) == 0)
  if (COIN(3))
    f.representative = "李四";
  if (COIN(3))
    f.corrects = "青云谱公开答〔2026〕16号";
  if (COIN(3))
    f.agency.contact = NULL;
  if (COIN(3))
    f.agency.phone = NULL;
  if (COIN(3))
    f.agency.address = NULL;
  if (COIN(4))
    f.agency.court = NULL;
  if (COIN(4))
    f.text = COIN(2) ? NULL
                     : "详见附件清单（依据《中华人民共和国政府信息公开条例》"
                       "第十五条）。";
  if (COIN(2))
    f.channel = COIN(6) ? NULL : channels[dsc_test_rand(rng) % 5];
  if (COIN(3))
    f.form = (dsc_form_t)(dsc_test_rand(rng) % 3);
  if (COIN(3))
    f.published_url = "https://www.qyp.gov.cn/xxgk/2026/1.html";
  if (COIN(3))
    f.other_agency = "南昌市青云谱区住房和城乡建设局";
  if (COIN(2))
    f.other_agency_contact = COIN(2) ? NULL : "0791-86666666";
  if (COIN(3))
    f.third_party = "南昌某建设工程有限公司";
  if (COIN(5))
    f.earlier_number = NULL;
  if (COIN(5))
    f.law = NULL;
  if (COIN(5))
    f.fee_method = (dsc_fee_method_t)(dsc_test_rand(rng) % 3);
#undef COIN
  return f;
}

static void expect_in(const char *what, const char *text, const char *part,
                      bool present) {
  if ((strstr(text, part) != NULL) != present)
    DSC_FAIL_("%s: \"%s\" %s in:\n%s", what, part,
              present ? "missing" : "present", text);
}

DSC_TEST(templates_print_no_blank_for_facts_that_pass) {
  uint64_t rng = dsc_test_seed();
  char *t[DSC_LETTER__COUNT];
  size_t len[DSC_LETTER__COUNT];
  int passed[DSC_LETTER__COUNT][DSC_OUTCOME__COUNT] = {{0}};

  for (int k = 0; k < DSC_LETTER__COUNT; k++)
    t[k] = template_of(k, &len[k]);
  for (int i = 0; i < 30000; i++) {
    dsc_letter_facts_t f = random_facts(&rng);
    dsc__letter_fields_t *fields = NULL;
    buf_t out = {NULL, 0, 0};
    const char *what = dsc_letter_kind_name(f.kind);

    if (dsc__letter_fields_build(&f, &fields, NULL) != DSC_OK)
      continue;
    passed[f.kind][f.outcome]++;
    walk(what, t[f.kind], len[f.kind], fields, &out);
    expect_in(what, out.p, "青云谱公开", true);
    expect_in(what, out.p, "2026年11月20日", true);
    expect_in(what, out.p, "（政府信息公开专用章）", true);
    expect_in(what, out.p, "2026年10月30日", true);
    if (f.kind == DSC_LETTER_CONSULTATION) {
      expect_in(what, out.p, "南昌某建设工程有限公司：", true);
      expect_in(what, out.p, "张三", false);
      expect_in(what, out.p, "老旧小区", false);
    } else {
      expect_in(what, out.p, "张三", true);
      expect_in(what, out.p, "「2025年本区老旧小区改造项目的资金拨付文件」",
                true);
    }
    if (f.kind == DSC_LETTER_ANSWER) {
      /* The remedy notice: reconsideration always; direct litigation only
       * where disclosure was not refused. */
      expect_in(what, out.p, "六十日内向南昌市青云谱区人民政府申请行政复议",
                true);
      if (dsc_letter_refuses_disclosure(f.outcome)) {
        expect_in(what, out.p, "第二十三条第一款第四项", true);
        expect_in(what, out.p, "应当先申请行政复议", true);
        expect_in(what, out.p, "六个月", false);
        expect_in(what, out.p, "南昌铁路运输法院", false);
      } else {
        expect_in(what, out.p, "六个月内向南昌铁路运输法院提起行政诉讼", true);
        expect_in(what, out.p, "第二十三条", false);
      }
      expect_in(what, out.p,
                dsc__letter_field(fields, "legal_basis")
                    ? dsc__letter_field(fields, "legal_basis")
                    : "特此答复",
                true);
    } else {
      expect_in(what, out.p, "行政复议", false);
    }
    if (f.corrects)
      expect_in(what, out.p, "青云谱公开答〔2026〕16号", true);
    free(out.p);
    dsc__letter_fields_free(fields);
  }
  /* Every kind, and every outcome a letter of the kind reports, was
   * rendered at least once. */
  for (int o = 1; o < DSC_OUTCOME__COUNT; o++)
    if (answer_outcome(o))
      DSC_ASSERT(passed[DSC_LETTER_ANSWER][o] > 0);
  DSC_ASSERT(
      passed[DSC_LETTER_CLOSING_NOTICE][DSC_OUTCOME_OTHER_NO_SUPPLEMENT] > 0);
  DSC_ASSERT(passed[DSC_LETTER_CLOSING_NOTICE][DSC_OUTCOME_OTHER_FEE_UNPAID] >
             0);
  for (int k = 1; k < DSC_LETTER__COUNT; k++) {
    int total = 0;
    for (int o = 0; o < DSC_OUTCOME__COUNT; o++)
      total += passed[k][o];
    DSC_ASSERT(total > 0);
  }
  for (int k = 0; k < DSC_LETTER__COUNT; k++)
    free(t[k]);
}

/* ---- the documented field list ------------------------------------------- */

DSC_TEST(docs_list_every_field) {
  char path[512];
  size_t len, n;
  char *doc, *line, *next;
  const char *const *known = dsc__letter_known_fields(&n);
  bool *documented = calloc(n, sizeof *documented);
  int rows = 0;

  snprintf(path, sizeof path, "%s/docs/letters.md", DSC_SOURCE_DIR);
  doc = read_file(path, &len);
  /* The field table of the section "## The fields a template may use":
   * rows "| `name` | …". Each names a known field, and each known field has
   * a row. */
  bool in_section = false;
  for (line = doc; line != NULL; line = next) {
    char name[64];
    const char *end;
    size_t i;
    next = strchr(line, '\n');
    if (next != NULL)
      *next++ = '\0';
    if (strncmp(line, "## ", 3) == 0)
      in_section = strcmp(line, "## The fields a template may use") == 0;
    if (!in_section || strncmp(line, "| `", 3) != 0)
      continue;
    end = strchr(line + 3, '`');
    DSC_ASSERT(end != NULL && (size_t)(end - (line + 3)) < sizeof name);
    snprintf(name, sizeof name, "%.*s", (int)(end - (line + 3)), line + 3);
    for (i = 0; i < n && strcmp(known[i], name) != 0; i++)
      ;
    if (i == n)
      DSC_FAIL_("docs/letters.md lists \"%s\", which is no field", name);
    documented[i] = true;
    rows++;
  }
  for (size_t i = 0; i < n; i++)
    if (!documented[i])
      DSC_FAIL_("docs/letters.md does not document field \"%s\"", known[i]);
  DSC_ASSERT(rows > 0);
  free(documented);
  free(doc);
}

/* ---- out of memory ------------------------------------------------------- */

/* Builds the fields of the facts arg: NOMEM leaves none. */
static dsc_err_t op_fields_build(void *arg, dsc_detail_t *d) {
  dsc__letter_fields_t *fields = NULL;
  dsc_err_t err = dsc__letter_fields_build(arg, &fields, d);

  DSC_ASSERT((err == DSC_OK) == (fields != NULL));
  dsc__letter_fields_free(fields);
  return err;
}

DSC_TEST(fields_build_out_of_memory) {
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    dsc_letter_facts_t f = letter_fixture_facts(
        k, k == DSC_LETTER_ANSWER           ? DSC_OUTCOME_DISCLOSED
           : k == DSC_LETTER_CLOSING_NOTICE ? DSC_OUTCOME_OTHER_FEE_UNPAID
                                            : DSC_OUTCOME_NONE);
    f.representative = "李四";
    dsc_test_fail_each(dsc_letter_kind_name(k), op_fields_build, &f, false);
  }
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(kind_names_round_trip),
    DSC_TEST_ENTRY(number_format),
    DSC_TEST_ENTRY(date_format_examples),
    DSC_TEST_ENTRY(date_format_matches_reference),
    DSC_TEST_ENTRY(amount_format),
    DSC_TEST_ENTRY(outcome_flags_and_legal_basis),
    DSC_TEST_ENTRY(common_fields),
    DSC_TEST_ENTRY(check_refusals_name_their_field),
    DSC_TEST_ENTRY(check_passes_what_it_may),
    DSC_TEST_ENTRY(templates_parse_and_name_known_fields),
    DSC_TEST_ENTRY(walker_evaluates_sections),
    DSC_TEST_ENTRY(templates_print_no_blank_for_facts_that_pass),
    DSC_TEST_ENTRY(docs_list_every_field),
    DSC_TEST_ENTRY(fields_build_out_of_memory),
};

DSC_TEST_MAIN(cases)
