/* The information processing fee of 国办函〔2020〕109号 (domain/statutes.md
 * §2): both progressive methods, the choice between them, and amounts in
 * fen read and written without floating point.
 */
#include "disclose/fee.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* ---- the statute's numbers --------------------------------------------- */

/* Art. 4 (按件计收), for the k-th application of one applicant in one
 * calendar month:
 *   （一）10件以下（含10件）的，不收费                    k ≤ 10: 0
 *   （二）11—30件（含30件）的部分：100元/件               11 ≤ k ≤ 30: 100 元
 *   （三）31件以上的部分：以10件为一档，每增加一档，收费标准提高100元/件
 *        k > 30: bands 31–40, 41–50, …; the first costs 200 元, each next
 *        band 100 元 more.
 * That the first band above 30 costs 200 元 (100 more than 11–30) rather
 * than 100 is an interpretation, the common one; the text gives no example
 * (statutes.md §2). Change first_band_yuan here if the reading changes. */
static const struct count_rule {
  int free_last;       /* the last free ordinal: 10 */
  int flat_last;       /* the last ordinal of the 100 元 band: 30 */
  int flat_yuan;       /* the rate of 11–30: 100 元 */
  int band_width;      /* ordinals per band above flat_last: 10 */
  int first_band_yuan; /* the rate of 31–40: 200 元 (interpretation) */
  int band_step_yuan;  /* the increase per further band: 100 元 */
} count_rule = {10, 30, 100, 10, 200, 100};

/* Art. 5 (按量计收), per A4 page, each page at the rate of its tier:
 *   （一）30页以下（含30页）的，不收费
 *   （二）31—100页（含100页）的部分：10元/页
 *   （三）101—200页（含200页）的部分：20元/页
 *   （四）201页以上的部分：40元/页 */
static const struct volume_tier {
  int last;      /* the last page of the tier (the last tier: unbounded) */
  int yuan_page; /* the rate of each page of the tier */
} volume_tiers[] = {{30, 0}, {100, 10}, {200, 20}, {DSC_FEE_PAGES_MAX, 40}};
#define N_VOLUME_TIERS (sizeof volume_tiers / sizeof volume_tiers[0])

/* No overflow within the bounds: ordinal ≤ 100 000 gives at most band
 * j = (100 000 − 31) / 10 = 9996, a rate of 200 + 9996·100 = 999 800 元, so
 * every int of the count computation stays below 10⁶; pages ≤ 1 000 000 give
 * at most 30·0 + 70·10 + 100·20 + 999 800·40 = 39 994 700 元 =
 * 3 999 470 000 fen, which exceeds INT32_MAX but not INT64_MAX (≈ 9.2·10¹⁸):
 * the per-tier products are taken in int64_t, and each page count and rate
 * fits an int. dsc_fee_amount_parse stops accumulating digits once the
 * integer part passes DSC_FEE_AMOUNT_MAX_YUAN, so its value stays below
 * 10⁹ yuan, 10¹¹ fen. */
_Static_assert(DSC_FEE_PAGES_MAX <= 1000000 && DSC_FEE_ORDINAL_MAX <= 100000,
               "the overflow argument above assumes these bounds");

#define FEN_PER_YUAN 100

/* ---- bounded, UTF-8-safe text building --------------------------------- */

typedef struct text {
  char *buf;
  size_t cap; /* sizeof buf, > 0 */
  size_t len; /* strlen(buf) */
} text_t;

/* Cuts a trailing incomplete UTF-8 sequence off buf[0..len) and returns the
 * new length. */
static size_t utf8_trim(const char *buf, size_t len) {
  size_t i = len, need;
  unsigned char lead;

  if (len == 0)
    return 0;
  i = len - 1;
  while (i > 0 && ((unsigned char)buf[i] & 0xC0) == 0x80)
    i--;
  lead = (unsigned char)buf[i];
  need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
  return i + need > len ? i : len;
}

/* Appends to t; text that does not fit is cut at a UTF-8 boundary (never the
 * case for a quote within bounds, whose texts are a fraction of the array).
 */
static void DSC_PRINTF(2, 3) text_add(text_t *t, const char *fmt, ...) {
  va_list ap;
  int n;

  if (t->len + 1 >= t->cap)
    return;
  va_start(ap, fmt);
  n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
  va_end(ap);
  if (n < 0) {
    t->buf[t->len] = '\0';
    return;
  }
  if ((size_t)n >= t->cap - t->len) {
    t->len = utf8_trim(t->buf, t->cap - 1);
    t->buf[t->len] = '\0';
    return;
  }
  t->len += (size_t)n;
}

/* ---- methods ------------------------------------------------------------ */

const char *dsc_fee_method_name(dsc_fee_method_t method) {
  switch (method) {
  case DSC_FEE_CHEAPER:
    return "cheaper";
  case DSC_FEE_BY_COUNT:
    return "count";
  case DSC_FEE_BY_VOLUME:
    return "volume";
  default:
    return "unknown";
  }
}

static const char *method_name_zh(dsc_fee_method_t method) {
  return method == DSC_FEE_BY_VOLUME ? "按量" : "按件";
}

dsc_err_t dsc_fee_method_parse(const char *name, dsc_fee_method_t *out,
                               dsc_detail_t *detail) {
  if (name == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "method",
                          "dsc_fee_method_parse: NULL argument",
                          "dsc_fee_method_parse：参数为空");
  if (strcmp(name, "count") == 0) {
    *out = DSC_FEE_BY_COUNT;
    return DSC_OK;
  }
  if (strcmp(name, "volume") == 0) {
    *out = DSC_FEE_BY_VOLUME;
    return DSC_OK;
  }
  return dsc_detail_set(detail, DSC_INVALID, "method",
                        "must be count or volume",
                        "须为 count（按件）或 volume（按量）");
}

/* ---- the two fees ------------------------------------------------------- */

/* The band of ordinal k (≥ 1): its first and last ordinals and its rate. */
static void count_band(int k, int *first, int *last, int *yuan) {
  const struct count_rule *r = &count_rule;
  int j;

  if (k <= r->free_last) {
    *first = 1;
    *last = r->free_last;
    *yuan = 0;
  } else if (k <= r->flat_last) {
    *first = r->free_last + 1;
    *last = r->flat_last;
    *yuan = r->flat_yuan;
  } else {
    j = (k - r->flat_last - 1) / r->band_width;
    *first = r->flat_last + 1 + j * r->band_width;
    *last = *first + r->band_width - 1;
    *yuan = r->first_band_yuan + j * r->band_step_yuan;
  }
}

/* The fee by count of the ordinal-th application, with its arithmetic;
 * -1 for DSC_FEE_ORDINAL_UNKNOWN, whose count cannot be established. */
static int64_t fee_by_count(int ordinal, text_t *en, text_t *zh) {
  int first, last, yuan;

  if (ordinal == DSC_FEE_ORDINAL_UNKNOWN) {
    text_add(en, "by count: the applicant has no identity number, so the "
                 "month's count cannot be established (Art. 4)");
    text_add(zh, "按件：申请人无身份证件号码，无法确定本月申请件数（第四条）");
    return -1;
  }
  count_band(ordinal, &first, &last, &yuan);
  text_add(en, "by count: application %d of the month falls in %d–%d: %d yuan",
           ordinal, first, last, yuan);
  text_add(zh, "按件：本月第%d件，属%d—%d件档：%d元", ordinal, first, last,
           yuan);
  return (int64_t)yuan * FEN_PER_YUAN;
}

/* The fee by volume of pages pages, with its arithmetic: one term per tier
 * the pages reach (the free tier always, so that 0 pages read "0×0"). */
static int64_t fee_by_volume(int pages, text_t *en, text_t *zh) {
  int64_t yuan = 0;
  int prev_last = 0;

  text_add(en, "by volume: ");
  text_add(zh, "按量：");
  for (size_t i = 0; i < N_VOLUME_TIERS; i++) {
    const struct volume_tier *t = &volume_tiers[i];
    int n = pages - prev_last;

    if (n > t->last - prev_last)
      n = t->last - prev_last;
    if (n < 0)
      n = 0;
    if (i == 0 || n > 0) {
      const char *sep = i == 0 ? "" : " + ";
      text_add(en, "%s%d×%d", sep, n, t->yuan_page);
      text_add(zh, "%s%d×%d", sep, n, t->yuan_page);
    }
    yuan += (int64_t)n * t->yuan_page;
    prev_last = t->last;
  }
  text_add(en, " = %" PRId64 " yuan", yuan);
  text_add(zh, " = %" PRId64 "元", yuan);
  return yuan * FEN_PER_YUAN;
}

dsc_err_t dsc_fee_quote(int ordinal, int pages, dsc_fee_method_t method,
                        dsc_fee_quote_t *out, dsc_detail_t *detail) {
  dsc_fee_quote_t q;
  text_t en, zh;
  char amount[DSC_FEE_AMOUNT_STRLEN];
  bool tie;

  if (out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "quote",
                          "dsc_fee_quote: NULL output",
                          "dsc_fee_quote：输出参数为空");
  switch (method) {
  case DSC_FEE_CHEAPER:
  case DSC_FEE_BY_COUNT:
  case DSC_FEE_BY_VOLUME:
    break;
  default:
    return dsc_detail_setf(detail, DSC_MISUSE, "method",
                           "dsc_fee_quote: no such method %d",
                           "dsc_fee_quote：无此方式 %d", (int)method);
  }
  if ((ordinal < 1 && ordinal != DSC_FEE_ORDINAL_UNKNOWN) ||
      ordinal > DSC_FEE_ORDINAL_MAX)
    return dsc_detail_setf(
        detail, DSC_INVALID, "ordinal",
        "the application's number in the month must be 1 to %d, not %d",
        "本月申请序号须在1至%d之间，而非%d", DSC_FEE_ORDINAL_MAX, ordinal);
  if (pages < 0 || pages > DSC_FEE_PAGES_MAX)
    return dsc_detail_setf(
        detail, DSC_INVALID, "pages", "pages must be 0 to %d, not %d",
        "页数须在0至%d之间，而非%d", DSC_FEE_PAGES_MAX, pages);
  /* Art. 4 counts the same applicant's applications; without an identity
   * number there is no "same applicant" to count (D14): no fee by count,
   * and no cheaper method either, since that compares with the fee by
   * count. The volume of this one application needs no count (Art. 5). */
  if (ordinal == DSC_FEE_ORDINAL_UNKNOWN && method != DSC_FEE_BY_VOLUME)
    return dsc_detail_set(
        detail, DSC_STATUTE, "applicant.id_number",
        "the applicant has no identity number (resident identity number or "
        "unified social credit code), so 109号's monthly count cannot be "
        "established: no fee by count may be charged, only by volume "
        "(Arts. 4, 5)",
        "申请人无身份证件号码（居民身份证号码或统一社会信用代码），"
        "无法确定109号规定的本月申请件数：不得按件收费，只能按量收费"
        "（第四条、第五条）");

  memset(&q, 0, sizeof q);
  q.ordinal = ordinal;
  q.pages = pages;
  en = (text_t){q.arithmetic, sizeof q.arithmetic, 0};
  zh = (text_t){q.arithmetic_zh, sizeof q.arithmetic_zh, 0};

  q.by_count_fen = fee_by_count(ordinal, &en, &zh);
  text_add(&en, "; ");
  text_add(&zh, "；");
  q.by_volume_fen = fee_by_volume(pages, &en, &zh);

  /* Art. 3: one method per application, never both. */
  tie = q.by_count_fen == q.by_volume_fen;
  if (method == DSC_FEE_CHEAPER)
    q.method =
        q.by_volume_fen < q.by_count_fen ? DSC_FEE_BY_VOLUME : DSC_FEE_BY_COUNT;
  else
    q.method = method;
  q.amount_fen =
      q.method == DSC_FEE_BY_COUNT ? q.by_count_fen : q.by_volume_fen;

  dsc_fee_amount_format(q.amount_fen, amount);
  if (method == DSC_FEE_CHEAPER) {
    text_add(&en, "; cheaper: %s%s, %s yuan", dsc_fee_method_name(q.method),
             tie ? " (equal)" : "", amount);
    text_add(&zh, "；取较低者：%s%s，%s元", method_name_zh(q.method),
             tie ? "（两者相同）" : "", amount);
  } else {
    text_add(&en, "; chosen: %s, %s yuan", dsc_fee_method_name(q.method),
             amount);
    text_add(&zh, "；选定：%s，%s元", method_name_zh(q.method), amount);
  }

  *out = q;
  return DSC_OK;
}

/* ---- the notice: the quote, nothing else -------------------------------- */

/* The arithmetic of the method applied alone ("by count: application 11 of
 * the month falls in 11–30: 100 yuan"), for a refusal's message, which has
 * no room for both methods. */
static void method_arithmetic(const dsc_fee_quote_t *q, char *en, char *zh,
                              size_t cap) {
  text_t ten = {en, cap, 0}, tzh = {zh, cap, 0};

  en[0] = zh[0] = '\0';
  if (q->method == DSC_FEE_BY_VOLUME)
    (void)fee_by_volume(q->pages, &ten, &tzh);
  else
    (void)fee_by_count(q->ordinal, &ten, &tzh);
}

dsc_err_t dsc_fee_charge(int ordinal, int pages, dsc_fee_method_t method,
                         int64_t amount_fen, dsc_fee_quote_t *out,
                         dsc_detail_t *detail) {
  dsc_fee_quote_t q;
  dsc_err_t err;
  char quoted[DSC_FEE_AMOUNT_STRLEN], asked[DSC_FEE_AMOUNT_STRLEN];
  char how[DSC_FEE_ARITHMETIC_MAX], how_zh[DSC_FEE_ARITHMETIC_MAX];

  if (out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "quote",
                          "dsc_fee_charge: NULL output",
                          "dsc_fee_charge：输出参数为空");
  if (amount_fen < 0)
    return dsc_detail_set(detail, DSC_INVALID, "amount",
                          "negative: the amount must be more than zero",
                          "金额为负数：金额须大于零");
  /* No method named: by count, which needs no pages; with pages, the one
   * the applicant is better off with. Never both (Art. 3). */
  if (method == DSC_FEE_CHEAPER && pages == 0)
    method = DSC_FEE_BY_COUNT;
  err = dsc_fee_quote(ordinal, pages, method, &q, detail);
  if (err != DSC_OK)
    return err;

  method_arithmetic(&q, how, how_zh, sizeof how);
  dsc_fee_amount_format(q.amount_fen, quoted);
  /* Both messages take the same arguments (dsc_detail_setf): each skips
   * the other language's arithmetic with "%.0s". */
  /* 条例 Art. 42: a fee only for what exceeds the free part of the tariff. */
  if (q.amount_fen <= 0)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "amount",
        "the quote is %s yuan (%s%.0s): no fee may be charged (Art. 42)",
        "按收费标准应收 %s 元（%.0s%s）：不得收费（条例第四十二条）", quoted,
        how, how_zh);
  /* 109号 Arts. 3–5: the tariff of the method applied, to the fen. */
  if (amount_fen != 0 && amount_fen != q.amount_fen)
    return dsc_detail_setf(
        detail, DSC_STATUTE, "amount",
        "%s yuan is not the tariff: the 109号 quote is %s yuan (%s%.0s)",
        "%s 元不符合收费标准：按109号应收 %s 元（%.0s%s）",
        dsc_fee_amount_format(amount_fen, asked), quoted, how, how_zh);
  *out = q;
  return DSC_OK;
}

/* ---- amounts ------------------------------------------------------------ */

dsc_err_t dsc_fee_amount_parse(const char *yuan, int64_t *fen,
                               dsc_detail_t *detail) {
  const char *p = yuan;
  bool negative = false;
  int64_t whole = 0, frac = 0, value;
  int nwhole = 0, nfrac = 0;

  if (yuan == NULL || fen == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "amount",
                          "dsc_fee_amount_parse: NULL argument",
                          "dsc_fee_amount_parse：参数为空");

  /* The shape first: [-]digits[.digits], ASCII only, nothing around it. */
  if (*p == '-') {
    negative = true;
    p++;
  }
  for (; *p >= '0' && *p <= '9'; p++, nwhole++)
    if (whole <= DSC_FEE_AMOUNT_MAX_YUAN) /* saturate: see the proof above */
      whole = whole * 10 + (*p - '0');
  if (*p == '.') {
    for (p++; *p >= '0' && *p <= '9'; p++, nfrac++)
      if (nfrac < 2)
        frac = frac * 10 + (*p - '0');
    if (nfrac == 0)
      nwhole = 0; /* "5." is not a number */
  }
  if (nwhole == 0 || *p != '\0')
    return dsc_detail_set(
        detail, DSC_INVALID, "amount",
        "not a number: write yuan in digits with at most two decimals, "
        "such as 123.45",
        "不是数字：请用阿拉伯数字填写元数，最多两位小数，如123.45");

  /* Then the value. */
  if (negative)
    return dsc_detail_set(detail, DSC_INVALID, "amount",
                          "negative: the amount must be more than zero",
                          "金额为负数：金额须大于零");
  if (nfrac > 2)
    return dsc_detail_set(detail, DSC_INVALID, "amount",
                          "too many decimals: at most two (fen)",
                          "小数位数过多：最多两位（到分）");
  if (nfrac == 1)
    frac *= 10;
  value = whole * FEN_PER_YUAN + frac;
  if (value > (int64_t)DSC_FEE_AMOUNT_MAX_YUAN * FEN_PER_YUAN)
    return dsc_detail_setf(detail, DSC_INVALID, "amount",
                           "too large: at most %d yuan", "金额过大：最多%d元",
                           DSC_FEE_AMOUNT_MAX_YUAN);
  if (value == 0)
    return dsc_detail_set(detail, DSC_INVALID, "amount",
                          "zero: the amount must be more than zero",
                          "金额为零：金额须大于零");
  *fen = value;
  return DSC_OK;
}

const char *dsc_fee_amount_format(int64_t fen,
                                  char buf[DSC_FEE_AMOUNT_STRLEN]) {
  /* The magnitude in unsigned arithmetic, so INT64_MIN has one too. */
  uint64_t mag = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

  snprintf(buf, DSC_FEE_AMOUNT_STRLEN, "%s%" PRIu64 ".%02" PRIu64,
           fen < 0 ? "-" : "", mag / FEN_PER_YUAN, mag % FEN_PER_YUAN);
  return buf;
}
