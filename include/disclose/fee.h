/* disclose — the information processing fee (信息处理费).
 *
 * 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号; domain/statutes.md
 * §2) lets an agency charge for an application in one of two ways, each
 * progressive (超额累进), and never both for the same application (Art. 3):
 *
 *   by count (按件, Art. 4): by the application's ordinal k among the same
 *     applicant's applications in one calendar month. This application's fee
 *     is the rate of the band k falls in: 1–10 free; 11–30 100 元; above 30,
 *     bands of 10 that cost 100 元 more each, 31–40 200 元, 41–50 300 元, and
 *     in general 10j+1 … 10j+10 (j ≥ 3) 100·(j−1) 元. The month's total for
 *     35 applications is then 10×0 + 20×100 + 5×200 = 3000 元. That the first
 *     band above 30 costs 200 元 is the common reading of "以10件为一档，每
 *     增加一档，收费标准提高100元/件", not a number the text gives.
 *
 *   by volume (按量, Art. 5): by the A4 pages provided, each page at the rate
 *     of its tier: pages 1–30 free, 31–100 10 元, 101–200 20 元, 201 and up
 *     40 元. 250 pages → 30×0 + 70×10 + 100×20 + 50×40 = 4700 元.
 *
 * Amounts are integers in fen (分, 1 元 = 100 fen), never floating point.
 *
 * Everything here is pure: no allocation, no I/O, no global state; safe from
 * any thread.
 */
#ifndef DISCLOSE_FEE_H
#define DISCLOSE_FEE_H

#include <stdint.h>

#include "error.h"
#include "export.h"

/* The ordinal of an application whose applicant has no identity number
 * (neither a resident identity number nor a unified social credit code).
 * 109号 Art. 4 counts "同一申请人" (the same applicant's) applications in the
 * month, and a name alone cannot tell two applicants apart (two people
 * called 张伟), so the count — and with it any fee by count — cannot be
 * established (docs/statutes.md D14). */
#define DSC_FEE_ORDINAL_UNKNOWN 0

/* The bounds dsc_fee_quote accepts. Within them no amount can overflow (the
 * largest is 1 000 000 pages by volume, under 4·10⁹ fen). */
#define DSC_FEE_ORDINAL_MAX 100000
#define DSC_FEE_PAGES_MAX 1000000

/* The largest amount dsc_fee_amount_parse accepts, in 元 (so
 * 10 000 000 000 fen). */
#define DSC_FEE_AMOUNT_MAX_YUAN 100000000

/* The size of the buffer of dsc_fee_amount_format: room for any int64_t
 * ("-92233720368547758.08") and its NUL. */
#define DSC_FEE_AMOUNT_STRLEN 32

/* The size of the arithmetic texts of a quote, NUL included. The longest
 * quote (ordinal DSC_FEE_ORDINAL_MAX, DSC_FEE_PAGES_MAX pages) needs well
 * under half of it. */
#define DSC_FEE_ARITHMETIC_MAX 512

/* How a fee is charged. */
typedef enum dsc_fee_method {
  DSC_FEE_CHEAPER = 0, /* whichever of the two is lower; COUNT on a tie */
  DSC_FEE_BY_COUNT,    /* 按件计收 (Art. 4) */
  DSC_FEE_BY_VOLUME    /* 按量计收 (Art. 5) */
} dsc_fee_method_t;

/* The name of a method: "cheaper", "count" or "volume" ("unknown" for a
 * value outside the enum). Static storage. */
DSC_EXTERN const char *dsc_fee_method_name(dsc_fee_method_t method);

/* Parses the --method argument of `disclose fee-quote` (CONTRACT §5):
 * exactly "count" or "volume". "cheaper" is not accepted: it is what the
 * absence of --method means. OUT: *out, written only on success; detail (may
 * be NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID for any other text (field "method");
 *   DSC_MISUSE when name or out is NULL. */
DSC_EXTERN dsc_err_t dsc_fee_method_parse(const char *name,
                                          dsc_fee_method_t *out,
                                          dsc_detail_t *detail) DSC_MUST_CHECK;

/* A fee quote: a plain value, owned by the caller, needing no cleanup. */
typedef struct dsc_fee_quote {
  dsc_fee_method_t method; /* the method applied: BY_COUNT or BY_VOLUME,
                              never CHEAPER */
  int ordinal;             /* this application's number among the same
                              applicant's applications in the calendar month
                              (1-based); DSC_FEE_ORDINAL_UNKNOWN when the
                              applicant has no identity number */
  int pages;               /* A4 pages to provide */
  int64_t by_count_fen;    /* the fee by count (Art. 4), in fen; -1 when
                              the ordinal is DSC_FEE_ORDINAL_UNKNOWN */
  int64_t by_volume_fen;   /* the fee by volume (Art. 5), in fen */
  int64_t amount_fen;      /* the fee of the method applied, in fen */
  char arithmetic[DSC_FEE_ARITHMETIC_MAX];    /* how it was reckoned, in
                                                 English (see below) */
  char arithmetic_zh[DSC_FEE_ARITHMETIC_MAX]; /* the same in Chinese */
} dsc_fee_quote_t;

/* Quotes the fee of one application: the ordinal-th of its applicant in the
 * calendar month, providing pages A4 pages.
 *
 * Both fees are always computed and shown (by_count_fen, by_volume_fen, and
 * both computations in the arithmetic); only one is charged (Art. 3):
 *   DSC_FEE_CHEAPER: the lower of the two; on a tie, BY_COUNT;
 *   DSC_FEE_BY_COUNT, DSC_FEE_BY_VOLUME: that method, even when it costs
 *     more (the agency chooses the standard, Art. 3).
 * The arithmetic texts read, for example (ordinal 35, 250 pages, CHEAPER):
 *   "by count: application 35 of the month falls in 31–40: 200 yuan;
 *    by volume: 30×0 + 70×10 + 100×20 + 50×40 = 4700 yuan;
 *    cheaper: count, 200.00 yuan"
 *   "按件：本月第35件，属31—40件档：200元；按量：30×0 + 70×10 + 100×20 +
 *    50×40 = 4700元；取较低者：按件，200.00元"
 * (on one line each). The volume part lists the tiers the pages reach
 * ("0×0 = 0 yuan" for no pages). The last part is "cheaper: count (equal),
 * …" / "取较低者：按件（两者相同），…" on a tie, and "chosen: volume, …" /
 * "选定：按量，…" for a named method. Both texts are NUL-terminated and
 * always fit their arrays.
 *
 * An applicant without an identity number (ordinal DSC_FEE_ORDINAL_UNKNOWN)
 * can be quoted by volume only: the count part of the arithmetic then says
 * that the count cannot be established, and by_count_fen is -1. By volume
 * the pages of this one application decide, whoever sent it (Art. 5).
 *
 * OUT: *out, written only on success; detail (may be NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID when ordinal is not DSC_FEE_ORDINAL_UNKNOWN or 1 …
 *     DSC_FEE_ORDINAL_MAX (field "ordinal") or pages is not 0 …
 *     DSC_FEE_PAGES_MAX (field "pages");
 *   DSC_STATUTE (field "applicant.id_number") when the ordinal is
 *     DSC_FEE_ORDINAL_UNKNOWN and method is BY_COUNT or CHEAPER (which
 *     needs the fee by count to compare);
 *   DSC_MISUSE when out is NULL or method is not a dsc_fee_method_t. */
DSC_EXTERN dsc_err_t dsc_fee_quote(int ordinal, int pages,
                                   dsc_fee_method_t method,
                                   dsc_fee_quote_t *out,
                                   dsc_detail_t *detail) DSC_MUST_CHECK;

/* The fee a notice charges (`disclose fee-notice ID [--amount YUAN]
 * [--pages N] [--method count|volume]`): the quote of one method, nothing
 * else. Fees are a tariff, not a sum the agency picks: 109号 Art. 3 lets the
 * agency choose the method, Arts. 4 and 5 fix what each charges, and
 * 条例 Art. 42 allows a fee only where the quote is more than zero.
 *
 * method is BY_COUNT or BY_VOLUME as named, or CHEAPER when none was
 * named: then by count when pages is 0 (no pages were given, so the volume
 * is unknown), else the cheaper of the two (dsc_fee_quote). amount_fen is
 * the amount asked for, in fen, or 0 when none was given (then the quote
 * is charged).
 *
 * OUT: *out, the quote charged (out->amount_fen > 0, out->method the
 * method applied), written only on success; detail (may be NULL) only on
 * failure.
 *
 * Returns DSC_OK;
 *   DSC_STATUTE, field "amount": the quote is zero (Art. 42), or amount_fen
 *     is not the quote — the message gives the quote and its arithmetic;
 *   DSC_STATUTE, field "applicant.id_number": no fee by count without an
 *     identity number (see dsc_fee_quote);
 *   DSC_INVALID: amount_fen < 0 (field "amount"), or ordinal or pages out
 *     of bounds (see dsc_fee_quote);
 *   DSC_MISUSE when out is NULL or method is not a dsc_fee_method_t. */
DSC_EXTERN dsc_err_t dsc_fee_charge(int ordinal, int pages,
                                    dsc_fee_method_t method, int64_t amount_fen,
                                    dsc_fee_quote_t *out,
                                    dsc_detail_t *detail) DSC_MUST_CHECK;

/* Parses the --amount YUAN argument of `disclose fee-notice` (CONTRACT §5):
 * ASCII digits, optionally a '.' and one or two more digits ("123", "123.4",
 * "123.45"), nothing before or after (no sign, space, exponent or full-width
 * digit), greater than zero and at most DSC_FEE_AMOUNT_MAX_YUAN. Exact: no
 * floating point is involved. OUT: *fen, written only on success; detail
 * (may be NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID (field "amount") with a message saying what is wrong: not a
 *     number, negative, more than two decimals, zero, or too large;
 *   DSC_MISUSE when yuan or fen is NULL. */
DSC_EXTERN dsc_err_t dsc_fee_amount_parse(const char *yuan, int64_t *fen,
                                          dsc_detail_t *detail) DSC_MUST_CHECK;

/* Writes fen as yuan with two decimals ("4700.00", "0.05", "-1.50") into
 * buf, which the caller provides (DSC_FEE_AMOUNT_STRLEN bytes, enough for
 * every int64_t). Returns buf. dsc_fee_amount_parse reads back every
 * positive amount up to DSC_FEE_AMOUNT_MAX_YUAN that this writes. */
DSC_EXTERN const char *dsc_fee_amount_format(int64_t fen,
                                             char buf[DSC_FEE_AMOUNT_STRLEN]);

#endif /* DISCLOSE_FEE_H */
