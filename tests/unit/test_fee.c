/* The information processing fee (国办函〔2020〕109号, domain/statutes.md §2):
 * the worked examples, every band and tier edge, both methods against slow
 * references written here from the statute's text, the choice between the
 * methods, and amounts parsed and written without floating point. */
#include "disclose/fee.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dsc_test.h"

/* ---- helpers ------------------------------------------------------------ */

static dsc_fee_quote_t quote(int ordinal, int pages, dsc_fee_method_t method) {
  dsc_fee_quote_t q;
  dsc_detail_t det;
  dsc_err_t rc;

  memset(&det, 0, sizeof det);
  rc = dsc_fee_quote(ordinal, pages, method, &q, &det);
  if (rc != DSC_OK)
    DSC_FAIL_("dsc_fee_quote(%d, %d, %s): %s %s: %s", ordinal, pages,
              dsc_fee_method_name(method), dsc_err_name(rc), det.field,
              det.message);
  return q;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- the independent references ----------------------------------------- */

/* Art. 4 read as written, one application at a time: 10件以下 free; 11—30
 * 100元/件; above 30, every started group of 10 beyond 30 is one more 档 and
 * each 档 raises the rate by 100元/件 over the 11—30 rate (the common reading,
 * statutes.md §2). In yuan. */
static int64_t ref_count_yuan(int k) {
  int bands_above_30;

  if (k <= 10)
    return 0;
  if (k <= 30)
    return 100;
  bands_above_30 = (k - 30 + 9) / 10; /* ceil((k − 30) / 10) */
  return 100 + 100 * (int64_t)bands_above_30;
}

/* The month's total for n applications, part by part as Art. 4 lists its
 * parts ("……的部分"): the 1–10 part, the 11–30 part, then each group of 10
 * above 30 at its own rate. In yuan. */
static int64_t ref_count_total_yuan(int n) {
  int64_t total = 0;
  int in_part;

  in_part = n > 30 ? 20 : n > 10 ? n - 10 : 0;
  total += (int64_t)in_part * 100;
  for (int band = 1; 30 + (band - 1) * 10 < n; band++) {
    int lo = 30 + (band - 1) * 10 + 1, hi = lo + 9;
    in_part = (n < hi ? n : hi) - lo + 1;
    total += (int64_t)in_part * (100 + 100 * band);
  }
  return total;
}

/* Art. 5, one page at a time: the rate of page p. In yuan. */
static int64_t ref_page_rate_yuan(int p) {
  if (p <= 30)
    return 0;
  if (p <= 100)
    return 10;
  if (p <= 200)
    return 20;
  return 40;
}

/* The fee by volume of pages pages by walking them. In yuan. */
static int64_t ref_volume_yuan(int pages) {
  int64_t total = 0;
  for (int p = 1; p <= pages; p++)
    total += ref_page_rate_yuan(p);
  return total;
}

/* ---- worked examples (statutes.md §2) ----------------------------------- */

DSC_TEST(worked_example_35_applications_cost_3000_in_the_month) {
  int64_t total_fen = 0;

  for (int k = 1; k <= 35; k++)
    total_fen += quote(k, 0, DSC_FEE_BY_COUNT).by_count_fen;
  /* 10×0 + 20×100 + 5×200 */
  DSC_ASSERT_EQ(total_fen, 3000 * 100);
  DSC_ASSERT_EQ(ref_count_total_yuan(35), 3000);
  /* The 35th application itself is in 31–40. */
  DSC_ASSERT_EQ(quote(35, 0, DSC_FEE_BY_COUNT).amount_fen, 200 * 100);
}

DSC_TEST(worked_example_250_pages_cost_4700) {
  dsc_fee_quote_t q = quote(35, 250, DSC_FEE_BY_VOLUME);

  DSC_ASSERT_EQ(q.by_volume_fen, 4700 * 100);
  DSC_ASSERT_EQ(q.amount_fen, 4700 * 100);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_STR_EQ(q.arithmetic,
                    "by count: application 35 of the month falls in 31–40: "
                    "200 yuan; by volume: 30×0 + 70×10 + 100×20 + 50×40 = "
                    "4700 yuan; chosen: volume, 4700.00 yuan");
  DSC_ASSERT_STR_EQ(q.arithmetic_zh,
                    "按件：本月第35件，属31—40件档：200元；按量：30×0 + 70×10 "
                    "+ 100×20 + 50×40 = 4700元；选定：按量，4700.00元");
}

DSC_TEST(worked_examples_together_cheaper_is_count) {
  dsc_fee_quote_t q = quote(35, 250, DSC_FEE_CHEAPER);

  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.ordinal, 35);
  DSC_ASSERT_EQ(q.pages, 250);
  DSC_ASSERT_EQ(q.by_count_fen, 20000);
  DSC_ASSERT_EQ(q.by_volume_fen, 470000);
  DSC_ASSERT_EQ(q.amount_fen, 20000);
  DSC_ASSERT_STR_EQ(q.arithmetic,
                    "by count: application 35 of the month falls in 31–40: "
                    "200 yuan; by volume: 30×0 + 70×10 + 100×20 + 50×40 = "
                    "4700 yuan; cheaper: count, 200.00 yuan");
  DSC_ASSERT_STR_EQ(q.arithmetic_zh,
                    "按件：本月第35件，属31—40件档：200元；按量：30×0 + 70×10 "
                    "+ 100×20 + 50×40 = 4700元；取较低者：按件，200.00元");
}

/* ---- edges -------------------------------------------------------------- */

DSC_TEST(count_band_edges) {
  static const struct {
    int k, yuan, first, last;
  } cases[] = {
      {1, 0, 1, 10},
      {10, 0, 1, 10},
      {11, 100, 11, 30},
      {30, 100, 11, 30},
      {31, 200, 31, 40},
      {40, 200, 31, 40},
      {41, 300, 41, 50},
      {50, 300, 41, 50},
      {51, 400, 51, 60},
      {100, 800, 91, 100},
      {101, 900, 101, 110},
      {99999, 999800, 99991, 100000},
      {100000, 999800, 99991, 100000},
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    dsc_fee_quote_t q = quote(cases[i].k, 0, DSC_FEE_BY_COUNT);
    char band[128];

    if (q.by_count_fen != (int64_t)cases[i].yuan * 100)
      DSC_FAIL_("k = %d: %" PRId64 " fen, want %d yuan", cases[i].k,
                q.by_count_fen, cases[i].yuan);
    snprintf(band, sizeof band,
             "by count: application %d of the month falls in %d–%d: %d "
             "yuan; ",
             cases[i].k, cases[i].first, cases[i].last, cases[i].yuan);
    if (!starts_with(q.arithmetic, band))
      DSC_FAIL_("k = %d: \"%s\" does not start with \"%s\"", cases[i].k,
                q.arithmetic, band);
    snprintf(band, sizeof band, "按件：本月第%d件，属%d—%d件档：%d元；",
             cases[i].k, cases[i].first, cases[i].last, cases[i].yuan);
    if (!starts_with(q.arithmetic_zh, band))
      DSC_FAIL_("k = %d: \"%s\" does not start with \"%s\"", cases[i].k,
                q.arithmetic_zh, band);
  }
}

DSC_TEST(volume_page_edges) {
  static const struct {
    int pages, yuan;
    const char *terms;
  } cases[] = {
      {0, 0, "0×0 = 0"},
      {1, 0, "1×0 = 0"},
      {30, 0, "30×0 = 0"},
      {31, 10, "30×0 + 1×10 = 10"},
      {100, 700, "30×0 + 70×10 = 700"},
      {101, 720, "30×0 + 70×10 + 1×20 = 720"},
      {200, 2700, "30×0 + 70×10 + 100×20 = 2700"},
      {201, 2740, "30×0 + 70×10 + 100×20 + 1×40 = 2740"},
      {1000000, 39994700, "30×0 + 70×10 + 100×20 + 999800×40 = 39994700"},
  };

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    dsc_fee_quote_t q = quote(1, cases[i].pages, DSC_FEE_BY_VOLUME);
    char want[256];

    if (q.by_volume_fen != (int64_t)cases[i].yuan * 100)
      DSC_FAIL_("%d pages: %" PRId64 " fen, want %d yuan", cases[i].pages,
                q.by_volume_fen, cases[i].yuan);
    snprintf(want, sizeof want, "; by volume: %s yuan; ", cases[i].terms);
    if (strstr(q.arithmetic, want) == NULL)
      DSC_FAIL_("%d pages: \"%s\" lacks \"%s\"", cases[i].pages, q.arithmetic,
                want);
    snprintf(want, sizeof want, "；按量：%s元；", cases[i].terms);
    if (strstr(q.arithmetic_zh, want) == NULL)
      DSC_FAIL_("%d pages: \"%s\" lacks \"%s\"", cases[i].pages,
                q.arithmetic_zh, want);
  }
}

/* ---- properties against the references ---------------------------------- */

DSC_TEST(property_count_matches_reference) {
  int64_t month_fen = 0;

  for (int k = 1; k <= 5000; k++) {
    dsc_fee_quote_t q = quote(k, 0, DSC_FEE_BY_COUNT);

    if (q.by_count_fen != ref_count_yuan(k) * 100)
      DSC_FAIL_("k = %d: %" PRId64 " fen, reference %" PRId64 " yuan", k,
                q.by_count_fen, ref_count_yuan(k));
    month_fen += q.by_count_fen;
    if (month_fen != ref_count_total_yuan(k) * 100)
      DSC_FAIL_("month of %d: %" PRId64 " fen, reference %" PRId64 " yuan", k,
                month_fen, ref_count_total_yuan(k));
  }
  /* And the rate never falls as k grows (progressive). */
  for (int k = 2; k <= DSC_FEE_ORDINAL_MAX; k += 97)
    DSC_ASSERT(quote(k, 0, DSC_FEE_BY_COUNT).by_count_fen >=
               quote(k - 1, 0, DSC_FEE_BY_COUNT).by_count_fen);
}

DSC_TEST(property_volume_matches_page_walk) {
  int64_t walked = 0; /* the fee of p pages, one page at a time */

  for (int p = 0; p <= 5000; p++) {
    dsc_fee_quote_t q;

    if (p > 0)
      walked += ref_page_rate_yuan(p);
    q = quote(1, p, DSC_FEE_BY_VOLUME);
    if (q.by_volume_fen != walked * 100)
      DSC_FAIL_("%d pages: %" PRId64 " fen, walk %" PRId64 " yuan", p,
                q.by_volume_fen, walked);
  }
}

DSC_TEST(property_random_quotes_match_references) {
  uint64_t state = dsc_test_seed();

  for (int i = 0; i < 200; i++) {
    int k = 1 + (int)(dsc_test_rand(&state) % DSC_FEE_ORDINAL_MAX);
    /* Mostly small page counts, some up to the bound (a walk of at most
     * 10⁶ pages each). */
    int pages = (int)(dsc_test_rand(&state) %
                      (i % 10 == 0 ? DSC_FEE_PAGES_MAX + 1 : 5001));
    dsc_fee_quote_t q = quote(k, pages, DSC_FEE_CHEAPER);
    int64_t c = ref_count_yuan(k) * 100, v = ref_volume_yuan(pages) * 100;

    if (q.by_count_fen != c || q.by_volume_fen != v)
      DSC_FAIL_("(%d, %d): count %" PRId64 " volume %" PRId64
                ", reference %" PRId64 " %" PRId64,
                k, pages, q.by_count_fen, q.by_volume_fen, c, v);
    DSC_ASSERT_EQ(q.amount_fen, v < c ? v : c);
    DSC_ASSERT_EQ(q.method, v < c ? DSC_FEE_BY_VOLUME : DSC_FEE_BY_COUNT);
    DSC_ASSERT_EQ(q.ordinal, k);
    DSC_ASSERT_EQ(q.pages, pages);
  }
}

/* ---- the choice (Art. 3) ------------------------------------------------ */

DSC_TEST(cheaper_picks_the_lower) {
  /* 35th application (200 yuan) and 40 pages (100 yuan): volume. */
  dsc_fee_quote_t q = quote(35, 40, DSC_FEE_CHEAPER);

  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.amount_fen, 10000);
  DSC_ASSERT(ends_with(q.arithmetic, "; cheaper: volume, 100.00 yuan"));
  DSC_ASSERT(ends_with(q.arithmetic_zh, "；取较低者：按量，100.00元"));

  /* 5th application (free) and 500 pages: count. */
  q = quote(5, 500, DSC_FEE_CHEAPER);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.amount_fen, 0);
  DSC_ASSERT_EQ(q.by_volume_fen, (2700 + 300 * 40) * 100);
  DSC_ASSERT(ends_with(q.arithmetic, "; cheaper: count, 0.00 yuan"));
}

DSC_TEST(cheaper_tie_picks_count) {
  /* Both free. */
  dsc_fee_quote_t q = quote(1, 0, DSC_FEE_CHEAPER);

  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.amount_fen, 0);
  DSC_ASSERT_STR_EQ(q.arithmetic,
                    "by count: application 1 of the month falls in 1–10: 0 "
                    "yuan; by volume: 0×0 = 0 yuan; cheaper: count (equal), "
                    "0.00 yuan");
  DSC_ASSERT_STR_EQ(q.arithmetic_zh,
                    "按件：本月第1件，属1—10件档：0元；按量：0×0 = 0元；"
                    "取较低者：按件（两者相同），0.00元");

  /* Both 100 yuan: the 11th application, 40 pages. */
  q = quote(11, 40, DSC_FEE_CHEAPER);
  DSC_ASSERT_EQ(q.by_count_fen, 10000);
  DSC_ASSERT_EQ(q.by_volume_fen, 10000);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.amount_fen, 10000);
  DSC_ASSERT(ends_with(q.arithmetic, "; cheaper: count (equal), 100.00 yuan"));
  DSC_ASSERT(
      ends_with(q.arithmetic_zh, "；取较低者：按件（两者相同），100.00元"));
}

DSC_TEST(named_method_is_applied_as_named) {
  /* Count although volume is free. */
  dsc_fee_quote_t q = quote(35, 10, DSC_FEE_BY_COUNT);

  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.by_volume_fen, 0);
  DSC_ASSERT_EQ(q.amount_fen, 20000);
  DSC_ASSERT(ends_with(q.arithmetic, "; chosen: count, 200.00 yuan"));
  DSC_ASSERT(ends_with(q.arithmetic_zh, "；选定：按件，200.00元"));

  /* Volume although count is free; never the sum of both. */
  q = quote(3, 250, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.by_count_fen, 0);
  DSC_ASSERT_EQ(q.amount_fen, 470000);

  q = quote(35, 250, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.amount_fen, 20000);
  DSC_ASSERT(q.amount_fen != q.by_count_fen + q.by_volume_fen);
}

/* ---- an applicant without an identity number (D14) ---------------------- */

DSC_TEST(unknown_ordinal_quotes_by_volume_only) {
  static const dsc_fee_method_t counted[] = {DSC_FEE_BY_COUNT, DSC_FEE_CHEAPER};
  dsc_fee_quote_t q, untouched;
  dsc_detail_t det;

  memset(&untouched, 0x5A, sizeof untouched);
  for (size_t i = 0; i < sizeof counted / sizeof counted[0]; i++) {
    for (int pages = 0; pages <= 250; pages += 250) {
      memcpy(&q, &untouched, sizeof q);
      dsc_detail_clear(&det);
      DSC_ASSERT_EQ(
          dsc_fee_quote(DSC_FEE_ORDINAL_UNKNOWN, pages, counted[i], &q, &det),
          DSC_STATUTE);
      DSC_ASSERT_STR_EQ(det.field, "applicant.id_number");
      DSC_ASSERT(starts_with(det.message, "the applicant has no identity "
                                          "number"));
      DSC_ASSERT(starts_with(det.message_zh, "申请人无身份证件号码"));
      DSC_ASSERT(memcmp(&q, &untouched, sizeof q) == 0);
    }
  }
  /* By volume the pages decide, whoever sent them (Art. 5). */
  q = quote(DSC_FEE_ORDINAL_UNKNOWN, 250, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.ordinal, DSC_FEE_ORDINAL_UNKNOWN);
  DSC_ASSERT_EQ(q.by_count_fen, -1);
  DSC_ASSERT_EQ(q.amount_fen, 470000);
  DSC_ASSERT_STR_EQ(q.arithmetic,
                    "by count: the applicant has no identity number, so the "
                    "month's count cannot be established (Art. 4); by "
                    "volume: 30×0 + 70×10 + 100×20 + 50×40 = 4700 yuan; "
                    "chosen: volume, 4700.00 yuan");
  DSC_ASSERT(starts_with(q.arithmetic_zh, "按件：申请人无身份证件号码"));
  DSC_ASSERT(ends_with(q.arithmetic_zh, "；选定：按量，4700.00元"));
}

/* ---- the notice charges the quote, nothing else (Art. 3, Art. 42) -------- */

static dsc_err_t charge(int ordinal, int pages, dsc_fee_method_t method,
                        int64_t fen, dsc_fee_quote_t *q, dsc_detail_t *det) {
  dsc_detail_clear(det);
  return dsc_fee_charge(ordinal, pages, method, fen, q, det);
}

DSC_TEST(charge_accepts_the_quote_and_nothing_else) {
  dsc_fee_quote_t q;
  dsc_detail_t det;

  /* The 11th application, no method, no pages: by count, 100 yuan. */
  DSC_ASSERT_EQ(charge(11, 0, DSC_FEE_CHEAPER, 0, &q, &det), DSC_OK);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(q.amount_fen, 10000);
  DSC_ASSERT_EQ(charge(11, 0, DSC_FEE_CHEAPER, 10000, &q, &det), DSC_OK);
  DSC_ASSERT_EQ(q.amount_fen, 10000);

  DSC_ASSERT_EQ(charge(11, 0, DSC_FEE_CHEAPER, 9999, &q, &det), DSC_STATUTE);
  DSC_ASSERT_STR_EQ(det.field, "amount");
  DSC_ASSERT_STR_EQ(det.message,
                    "99.99 yuan is not the tariff: the 109号 quote is 100.00 "
                    "yuan (by count: application 11 of the month falls in "
                    "11–30: 100 yuan)");
  DSC_ASSERT_STR_EQ(det.message_zh,
                    "99.99 元不符合收费标准：按109号应收 100.00 "
                    "元（按件：本月第11件，属11—30件档：100元）");

  /* With pages and no method, the cheaper: count (100) rather than
   * volume (4700); named, the method named. */
  DSC_ASSERT_EQ(charge(11, 250, DSC_FEE_CHEAPER, 470000, &q, &det),
                DSC_STATUTE);
  DSC_ASSERT_EQ(charge(11, 250, DSC_FEE_BY_VOLUME, 470000, &q, &det), DSC_OK);
  DSC_ASSERT_EQ(q.method, DSC_FEE_BY_VOLUME);
  DSC_ASSERT(ends_with(q.arithmetic, "; chosen: volume, 4700.00 yuan"));
  DSC_ASSERT_EQ(charge(11, 250, DSC_FEE_BY_VOLUME, 10000, &q, &det),
                DSC_STATUTE);
  DSC_ASSERT_STR_EQ(det.message,
                    "100.00 yuan is not the tariff: the 109号 quote is 4700.00 "
                    "yuan (by volume: 30×0 + 70×10 + 100×20 + 50×40 = 4700 "
                    "yuan)");

  /* A quote of nothing: no amount at all (条例 Art. 42). */
  DSC_ASSERT_EQ(charge(1, 0, DSC_FEE_CHEAPER, 10000, &q, &det), DSC_STATUTE);
  DSC_ASSERT_STR_EQ(det.field, "amount");
  DSC_ASSERT_STR_EQ(det.message,
                    "the quote is 0.00 yuan (by count: application 1 of the "
                    "month falls in 1–10: 0 yuan): no fee may be charged "
                    "(Art. 42)");
  DSC_ASSERT(ends_with(det.message_zh, "不得收费（条例第四十二条）"));
  DSC_ASSERT_EQ(charge(1, 0, DSC_FEE_CHEAPER, 0, &q, &det), DSC_STATUTE);
  DSC_ASSERT_EQ(charge(20, 30, DSC_FEE_BY_VOLUME, 0, &q, &det), DSC_STATUTE);

  /* No identity number: by volume only. */
  DSC_ASSERT_EQ(
      charge(DSC_FEE_ORDINAL_UNKNOWN, 0, DSC_FEE_CHEAPER, 0, &q, &det),
      DSC_STATUTE);
  DSC_ASSERT_STR_EQ(det.field, "applicant.id_number");
  DSC_ASSERT_EQ(
      charge(DSC_FEE_ORDINAL_UNKNOWN, 40, DSC_FEE_CHEAPER, 10000, &q, &det),
      DSC_STATUTE);
  DSC_ASSERT_STR_EQ(det.field, "applicant.id_number");
  DSC_ASSERT_EQ(
      charge(DSC_FEE_ORDINAL_UNKNOWN, 40, DSC_FEE_BY_VOLUME, 10000, &q, &det),
      DSC_OK);
  DSC_ASSERT_EQ(q.amount_fen, 10000);

  /* Misuse and bad input. */
  DSC_ASSERT_EQ(charge(11, 0, DSC_FEE_CHEAPER, -1, &q, &det), DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.field, "amount");
  DSC_ASSERT_EQ(charge(11, -1, DSC_FEE_BY_VOLUME, 0, &q, &det), DSC_INVALID);
  DSC_ASSERT_STR_EQ(det.field, "pages");
  DSC_ASSERT_EQ(charge(11, 0, DSC_FEE_CHEAPER, 0, NULL, &det), DSC_MISUSE);
  DSC_ASSERT_EQ(charge(11, 0, (dsc_fee_method_t)7, 0, &q, &det), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_fee_charge(11, 0, DSC_FEE_CHEAPER, 1, &q, NULL),
                DSC_STATUTE);
}

/* For random ordinals (the unknown one included), pages, methods and
 * amounts, an amount is accepted iff it is the reference quote of the
 * method applied, that quote is more than zero, and the method does not
 * need a count the applicant's missing identity number cannot give. The
 * reference is the band formula and the page walk above, and the choice
 * written out from Art. 3 and CONTRACT §5 here. */
DSC_TEST(property_charge_accepted_iff_the_quote) {
  uint64_t state = dsc_test_seed();
  int accepted = 0, refused = 0;

  for (int i = 0; i < 3000; i++) {
    uint64_t r = dsc_test_rand(&state);
    int k = i % 7 == 0   ? DSC_FEE_ORDINAL_UNKNOWN
            : i % 3 == 0 ? 1 + (int)(r % DSC_FEE_ORDINAL_MAX)
                         : 1 + (int)(r % 60);
    int pages = i % 5 == 0 ? 0 : (int)(dsc_test_rand(&state) % 1200);
    dsc_fee_method_t m = (dsc_fee_method_t)(dsc_test_rand(&state) % 3);
    int64_t c = k == DSC_FEE_ORDINAL_UNKNOWN ? -1 : ref_count_yuan(k) * 100;
    int64_t v = ref_volume_yuan(pages) * 100, ref, fen;
    bool by_volume, ok;
    dsc_fee_quote_t q;
    dsc_detail_t det;
    dsc_err_t rc, want;

    /* The method applied: as named; unnamed, by count without pages, else
     * the lower fee (count on a tie). */
    by_volume = m == DSC_FEE_BY_VOLUME ||
                (m == DSC_FEE_CHEAPER && pages > 0 && c >= 0 && v < c);
    ref = by_volume ? v : c;
    /* The amount asked: none, the quote, a fen either side, or any. */
    switch (dsc_test_rand(&state) % 4) {
    case 0:
      fen = 0;
      break;
    case 1:
      fen = ref > 0 ? ref : 100;
      break;
    case 2:
      fen = ref + (dsc_test_rand(&state) % 2 ? 1 : -1);
      fen = fen > 0 ? fen : 1;
      break;
    default:
      fen = 1 + (int64_t)(dsc_test_rand(&state) % 10000000);
    }
    ok = (by_volume || k != DSC_FEE_ORDINAL_UNKNOWN) && ref > 0 &&
         (fen == 0 || fen == ref);
    want = ok ? DSC_OK : DSC_STATUTE;
    rc = charge(k, pages, m, fen, &q, &det);
    if (rc != want)
      DSC_FAIL_("(%d, %d, %s, %" PRId64 "): %s %s, expected %s (reference "
                "%" PRId64 ")",
                k, pages, dsc_fee_method_name(m), fen, dsc_err_name(rc),
                det.message, dsc_err_name(want), ref);
    if (ok) {
      DSC_ASSERT_EQ(q.amount_fen, ref);
      DSC_ASSERT_EQ(q.method, by_volume ? DSC_FEE_BY_VOLUME : DSC_FEE_BY_COUNT);
      accepted++;
    } else {
      DSC_ASSERT_STR_EQ(det.field, !by_volume && k == DSC_FEE_ORDINAL_UNKNOWN
                                       ? "applicant.id_number"
                                       : "amount");
      refused++;
    }
  }
  /* Both outcomes were exercised. */
  DSC_ASSERT(accepted > 100 && refused > 100);
}

/* ---- bounds and misuse -------------------------------------------------- */

DSC_TEST(quote_rejects_out_of_bounds) {
  static const struct {
    int ordinal, pages;
    const char *field;
  } bad[] = {
      {-1, 10, "ordinal"},
      {DSC_FEE_ORDINAL_MAX + 1, 0, "ordinal"},
      {-2147483647 - 1, 0, "ordinal"},
      {1, -1, "pages"},
      {1, DSC_FEE_PAGES_MAX + 1, "pages"},
      {1, 2147483647, "pages"},
  };
  dsc_fee_quote_t q, untouched;
  dsc_detail_t det;

  memset(&untouched, 0x5A, sizeof untouched);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    memcpy(&q, &untouched, sizeof q);
    dsc_detail_clear(&det);
    DSC_ASSERT_EQ(
        dsc_fee_quote(bad[i].ordinal, bad[i].pages, DSC_FEE_CHEAPER, &q, &det),
        DSC_INVALID);
    DSC_ASSERT_EQ(det.code, DSC_INVALID);
    DSC_ASSERT_STR_EQ(det.field, bad[i].field);
    DSC_ASSERT(det.message[0] != '\0' && det.message_zh[0] != '\0');
    DSC_ASSERT(memcmp(&q, &untouched, sizeof q) == 0);
    /* A NULL detail is allowed. */
    DSC_ASSERT_EQ(
        dsc_fee_quote(bad[i].ordinal, bad[i].pages, DSC_FEE_CHEAPER, &q, NULL),
        DSC_INVALID);
  }
  DSC_ASSERT_STR_EQ(det.message, "pages must be 0 to 1000000, not 2147483647");

  dsc_detail_clear(&det);
  DSC_ASSERT_EQ(dsc_fee_quote(1, 0, DSC_FEE_CHEAPER, NULL, &det), DSC_MISUSE);
  DSC_ASSERT_EQ(det.code, DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_fee_quote(1, 0, (dsc_fee_method_t)3, &q, &det), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_fee_quote(1, 0, (dsc_fee_method_t)-1, &q, NULL),
                DSC_MISUSE);

  /* The bounds themselves are accepted. */
  q = quote(DSC_FEE_ORDINAL_MAX, DSC_FEE_PAGES_MAX, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_EQ(q.amount_fen, 3999470000LL);
}

DSC_TEST(longest_arithmetic_fits) {
  static const int ordinals[] = {
      1, 9, 10, 99, 100, 9999, 10000, 99990, 99991, DSC_FEE_ORDINAL_MAX};
  static const int pages[] = {0,     30,     999,   9999,
                              99999, 999999, 25125, DSC_FEE_PAGES_MAX};
  static const dsc_fee_method_t methods[] = {DSC_FEE_CHEAPER, DSC_FEE_BY_COUNT,
                                             DSC_FEE_BY_VOLUME};
  size_t longest = 0, longest_zh = 0;
  dsc_fee_quote_t q;

  /* Every text ends with its amount: nothing was cut. */
  for (size_t i = 0; i < sizeof ordinals / sizeof ordinals[0]; i++)
    for (size_t j = 0; j < sizeof pages / sizeof pages[0]; j++)
      for (size_t m = 0; m < 3; m++) {
        char amount[DSC_FEE_AMOUNT_STRLEN], tail[64];

        q = quote(ordinals[i], pages[j], methods[m]);
        dsc_fee_amount_format(q.amount_fen, amount);
        snprintf(tail, sizeof tail, ", %s yuan", amount);
        DSC_ASSERT(ends_with(q.arithmetic, tail));
        snprintf(tail, sizeof tail, "，%s元", amount);
        DSC_ASSERT(ends_with(q.arithmetic_zh, tail));
        if (strlen(q.arithmetic) > longest)
          longest = strlen(q.arithmetic);
        if (strlen(q.arithmetic_zh) > longest_zh)
          longest_zh = strlen(q.arithmetic_zh);
      }
  /* A wide margin below the array, so a rewording cannot silently cut. */
  DSC_ASSERT(longest < DSC_FEE_ARITHMETIC_MAX / 2);
  DSC_ASSERT(longest_zh < DSC_FEE_ARITHMETIC_MAX / 2);

  q = quote(DSC_FEE_ORDINAL_MAX, DSC_FEE_PAGES_MAX, DSC_FEE_BY_VOLUME);
  DSC_ASSERT_STR_EQ(q.arithmetic,
                    "by count: application 100000 of the month falls in "
                    "99991–100000: 999800 yuan; by volume: 30×0 + 70×10 + "
                    "100×20 + 999800×40 = 39994700 yuan; chosen: volume, "
                    "39994700.00 yuan");
  DSC_ASSERT_STR_EQ(q.arithmetic_zh,
                    "按件：本月第100000件，属99991—100000件档：999800元；"
                    "按量：30×0 + 70×10 + 100×20 + 999800×40 = 39994700元；"
                    "选定：按量，39994700.00元");

  /* A tie among the longest numbers: 99990th (999700 yuan), 25125 pages. */
  q = quote(99990, 25125, DSC_FEE_CHEAPER);
  DSC_ASSERT_EQ(q.by_count_fen, q.by_volume_fen);
  DSC_ASSERT(ends_with(q.arithmetic, "cheaper: count (equal), 999700.00 yuan"));
}

/* ---- method names ------------------------------------------------------- */

DSC_TEST(method_names_and_parse) {
  static const char *const bad[] = {"cheaper", "",        "Count", " count",
                                    "count ",  "volumes", "按件",  "c"};
  dsc_fee_method_t m = DSC_FEE_CHEAPER;
  dsc_detail_t det;

  DSC_ASSERT_STR_EQ(dsc_fee_method_name(DSC_FEE_CHEAPER), "cheaper");
  DSC_ASSERT_STR_EQ(dsc_fee_method_name(DSC_FEE_BY_COUNT), "count");
  DSC_ASSERT_STR_EQ(dsc_fee_method_name(DSC_FEE_BY_VOLUME), "volume");
  DSC_ASSERT_STR_EQ(dsc_fee_method_name((dsc_fee_method_t)42), "unknown");

  DSC_ASSERT_EQ(dsc_fee_method_parse("count", &m, &det), DSC_OK);
  DSC_ASSERT_EQ(m, DSC_FEE_BY_COUNT);
  DSC_ASSERT_EQ(dsc_fee_method_parse("volume", &m, NULL), DSC_OK);
  DSC_ASSERT_EQ(m, DSC_FEE_BY_VOLUME);

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    m = DSC_FEE_BY_VOLUME;
    dsc_detail_clear(&det);
    DSC_ASSERT_EQ(dsc_fee_method_parse(bad[i], &m, &det), DSC_INVALID);
    DSC_ASSERT_STR_EQ(det.field, "method");
    DSC_ASSERT_EQ(m, DSC_FEE_BY_VOLUME);
  }
  DSC_ASSERT_EQ(dsc_fee_method_parse(NULL, &m, &det), DSC_MISUSE);
  DSC_ASSERT_EQ(dsc_fee_method_parse("count", NULL, &det), DSC_MISUSE);
}

/* ---- amounts ------------------------------------------------------------ */

DSC_TEST(amount_parse_accepts) {
  static const struct {
    const char *text;
    int64_t fen;
  } good[] = {
      {"123", 12300},
      {"123.4", 12340},
      {"123.45", 12345},
      {"1", 100},
      {"0.01", 1},
      {"0.1", 10},
      {"0.10", 10},
      {"007", 700},
      {"4700.00", 470000},
      {"99999999.99", 9999999999LL},
      {"100000000", 10000000000LL},
      {"100000000.0", 10000000000LL},
      {"100000000.00", 10000000000LL},
      {"0000000000000000000000000001.5", 150},
  };

  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    int64_t fen = -1;
    dsc_detail_t det;
    dsc_err_t rc = dsc_fee_amount_parse(good[i].text, &fen, &det);

    if (rc != DSC_OK)
      DSC_FAIL_("\"%s\": %s %s", good[i].text, dsc_err_name(rc), det.message);
    if (fen != good[i].fen)
      DSC_FAIL_("\"%s\": %" PRId64 " fen, want %" PRId64, good[i].text, fen,
                good[i].fen);
  }
}

DSC_TEST(amount_parse_rejects) {
  static const struct {
    const char *text;
    const char *why; /* the start of the English message */
  } bad[] = {
      {"-5", "negative"},
      {"-0.5", "negative"},
      {"0", "zero"},
      {"0.00", "zero"},
      {"000.0", "zero"},
      {"1.234", "too many decimals"},
      {"0.001", "too many decimals"},
      {"1e3", "not a number"},
      {" 5", "not a number"},
      {"5 ", "not a number"},
      {"", "not a number"},
      {"１２", "not a number"}, /* full-width digits */
      {"5.", "not a number"},
      {".5", "not a number"},
      {"+5", "not a number"},
      {"-", "not a number"},
      {"--5", "not a number"},
      {".", "not a number"},
      {"1.2.3", "not a number"},
      {"1,000", "not a number"},
      {"0x10", "not a number"},
      {"12\n", "not a number"},
      {"五", "not a number"},
      {"nan", "not a number"},
      {"inf", "not a number"},
      {"100000000.01", "too large"},
      {"100000001", "too large"},
      {"999999999999999999999999999999", "too large"},
  };

  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    int64_t fen = 42;
    dsc_detail_t det;
    dsc_err_t rc;

    dsc_detail_clear(&det);
    rc = dsc_fee_amount_parse(bad[i].text, &fen, &det);
    if (rc != DSC_INVALID)
      DSC_FAIL_("\"%s\": %s, want invalid", bad[i].text, dsc_err_name(rc));
    DSC_ASSERT_STR_EQ(det.field, "amount");
    if (!starts_with(det.message, bad[i].why))
      DSC_FAIL_("\"%s\": \"%s\" does not say \"%s\"", bad[i].text, det.message,
                bad[i].why);
    DSC_ASSERT(det.message_zh[0] != '\0');
    DSC_ASSERT_EQ(fen, 42);
    DSC_ASSERT_EQ(dsc_fee_amount_parse(bad[i].text, &fen, NULL), DSC_INVALID);
  }
  {
    dsc_detail_t det;
    int64_t fen;
    char buf[256];

    DSC_ASSERT_EQ(dsc_fee_amount_parse("100000000.01", &fen, &det),
                  DSC_INVALID);
    DSC_ASSERT_STR_EQ(det.message, "too large: at most 100000000 yuan");
    DSC_ASSERT_STR_EQ(dsc_detail_format(&det, DSC_LANG_ZH, buf, sizeof buf),
                      "amount：金额过大：最多100000000元");
    DSC_ASSERT_EQ(dsc_fee_amount_parse(NULL, &fen, &det), DSC_MISUSE);
    DSC_ASSERT_EQ(dsc_fee_amount_parse("5", NULL, &det), DSC_MISUSE);
  }
}

DSC_TEST(amount_format_and_round_trip) {
  static const struct {
    int64_t fen;
    const char *text;
  } cases[] = {
      {0, "0.00"},
      {1, "0.01"},
      {5, "0.05"},
      {10, "0.10"},
      {100, "1.00"},
      {470000, "4700.00"},
      {12345, "123.45"},
      {-150, "-1.50"},
      {10000000000LL, "100000000.00"},
      {INT64_MAX, "92233720368547758.07"},
      {INT64_MIN, "-92233720368547758.08"},
  };
  char buf[DSC_FEE_AMOUNT_STRLEN];
  uint64_t state = dsc_test_seed();

  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    DSC_ASSERT(dsc_fee_amount_format(cases[i].fen, buf) == buf);
    DSC_ASSERT_STR_EQ(buf, cases[i].text);
  }
  /* format ∘ parse is the identity on 1 … 10¹⁰ fen. */
  for (int i = 0; i < 100000; i++) {
    int64_t fen = (int64_t)(dsc_test_rand(&state) % 10000000000ULL) + 1, back;

    if (i < 100)
      fen = i + 1;
    else if (i < 200)
      fen = 10000000000LL - (i - 100);
    dsc_fee_amount_format(fen, buf);
    if (dsc_fee_amount_parse(buf, &back, NULL) != DSC_OK || back != fen)
      DSC_FAIL_("%" PRId64 " → \"%s\" → %" PRId64, fen, buf, back);
  }
  /* parse ∘ format normalises to two decimals. */
  {
    int64_t fen;
    DSC_ASSERT_EQ(dsc_fee_amount_parse("123.4", &fen, NULL), DSC_OK);
    DSC_ASSERT_STR_EQ(dsc_fee_amount_format(fen, buf), "123.40");
    DSC_ASSERT_EQ(dsc_fee_amount_parse("007", &fen, NULL), DSC_OK);
    DSC_ASSERT_STR_EQ(dsc_fee_amount_format(fen, buf), "7.00");
  }
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(worked_example_35_applications_cost_3000_in_the_month),
    DSC_TEST_ENTRY(worked_example_250_pages_cost_4700),
    DSC_TEST_ENTRY(worked_examples_together_cheaper_is_count),
    DSC_TEST_ENTRY(count_band_edges),
    DSC_TEST_ENTRY(volume_page_edges),
    DSC_TEST_ENTRY(property_count_matches_reference),
    DSC_TEST_ENTRY(property_volume_matches_page_walk),
    DSC_TEST_ENTRY(property_random_quotes_match_references),
    DSC_TEST_ENTRY(cheaper_picks_the_lower),
    DSC_TEST_ENTRY(cheaper_tie_picks_count),
    DSC_TEST_ENTRY(named_method_is_applied_as_named),
    DSC_TEST_ENTRY(unknown_ordinal_quotes_by_volume_only),
    DSC_TEST_ENTRY(charge_accepts_the_quote_and_nothing_else),
    DSC_TEST_ENTRY(property_charge_accepted_iff_the_quote),
    DSC_TEST_ENTRY(quote_rejects_out_of_bounds),
    DSC_TEST_ENTRY(longest_arithmetic_fits),
    DSC_TEST_ENTRY(method_names_and_parse),
    DSC_TEST_ENTRY(amount_parse_accepts),
    DSC_TEST_ENTRY(amount_parse_rejects),
    DSC_TEST_ENTRY(amount_format_and_round_trip),
};
DSC_TEST_MAIN(cases)
