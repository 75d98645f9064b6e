/* disclose — the letters of a request (答复书, 告知书, 通知书, 意见书).
 *
 * Every outcome ends in a formal letter, and some steps of the handling
 * send one too (domain/letters.md, issue 14): the answer (答复书, Arts. 36
 * and 37 of the 2019 《政府信息公开条例》), the supplement notice (Art. 30),
 * the extension notice (Art. 33), the consultation of a third party (Art.
 * 32), the fee notice (国办函〔2020〕109号) and the notice closing a lapsed
 * request. A letter is numbered (文号) per agency, year and kind, and its
 * wording lives in a template file per kind (engine/letters/, editable by a
 * disclosure center without recompiling; docs/letters.md).
 *
 * This header holds what a letter may say: its kind, the agency's settings
 * and the facts the engine gathers from the request's history
 * (dsc_letter_facts_t), the 文号's format, and dsc_letter_check, which
 * refuses a letter that would need a fact or setting it lacks — a letter is
 * never printed with a blank where a fact belongs. The applicant's identity
 * number is not among the facts: no letter can show it.
 *
 * Pure functions: no I/O, no allocation, no global state; safe from any
 * thread. Values of the enumerations are appended, never renumbered.
 */
#ifndef DISCLOSE_LETTER_H
#define DISCLOSE_LETTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calendar.h"
#include "date.h"
#include "error.h"
#include "export.h"
#include "fee.h"
#include "intake.h"
#include "machine.h"

/* ---- Kinds -------------------------------------------------------------- */

/* XX(NAME, name in the CLI, Chinese title, 文号 marker). The marker is the
 * character after the agency's short name in the 文号, so that each kind
 * has its own sequence that a reader can tell apart: 答 answer, 补 补正,
 * 延 延期, 征 征求意见, 费 收费, 终 终止处理 (the request is no longer
 * processed, Art. 30 / 109号). */
#define DSC_LETTER_KIND_MAP(XX)                                                \
  XX(ANSWER, "answer", "政府信息公开申请答复书", "答")                         \
  XX(SUPPLEMENT_NOTICE, "supplement-notice", "政府信息公开申请补正告知书",     \
     "补")                                                                     \
  XX(EXTENSION_NOTICE, "extension-notice", "政府信息公开申请延期答复告知书",   \
     "延")                                                                     \
  XX(CONSULTATION, "consultation", "政府信息公开征求第三方意见书", "征")       \
  XX(FEE_NOTICE, "fee-notice", "政府信息公开信息处理费收费通知书", "费")       \
  XX(CLOSING_NOTICE, "closing-notice", "政府信息公开申请不再处理告知书", "终")

typedef enum dsc_letter_kind {
#define DSC_LETTER_KIND_ENUM_(name, cli, title, marker) DSC_LETTER_##name,
  DSC_LETTER_KIND_MAP(DSC_LETTER_KIND_ENUM_)
#undef DSC_LETTER_KIND_ENUM_
      DSC_LETTER__COUNT
} dsc_letter_kind_t;

/* The kind's CLI name ("supplement-notice"), or NULL for a value outside the
 * table. Static storage. */
DSC_EXTERN const char *dsc_letter_kind_name(dsc_letter_kind_t kind);

/* The kind's Chinese title ("政府信息公开申请答复书"), or NULL for a value
 * outside the table. Static storage, UTF-8. */
DSC_EXTERN const char *dsc_letter_kind_title(dsc_letter_kind_t kind);

/* The kind's 文号 marker ("答"), or NULL for a value outside the table.
 * Static storage, UTF-8. */
DSC_EXTERN const char *dsc_letter_kind_marker(dsc_letter_kind_t kind);

/* Parses an exact, case-sensitive CLI name into *out. Returns DSC_OK, or
 * DSC_INVALID (leaving *out alone) for NULL or an unknown name. */
DSC_EXTERN dsc_err_t
dsc_letter_kind_parse(const char *name, dsc_letter_kind_t *out) DSC_MUST_CHECK;

/* ---- The agency's settings ---------------------------------------------- */

/* What a letter says about its sender. Strings are borrowed (the caller
 * keeps them alive while it uses the facts); NULL or blank means "not set".
 * Which ones a letter needs is dsc_letter_check's business: a missing one is
 * refused naming it ("agency.court"). */
typedef struct dsc_letter_agency {
  const char *full_name; /* heading and signature: "南昌市青云谱区人民政府
                            办公室"; every letter */
  const char *short_name; /* the 文号's prefix: "青云谱公开"; every letter */
  const char *address;      /* where the information is collected and the
                               supplement handed in: in-person answers */
  const char *phone;        /* contact telephone; optional */
  const char *contact;      /* contact person; optional */
  const char *seal_caption; /* the text printed where the seal goes:
                               "（政府信息公开专用章）"; every letter */
  const char *reconsideration_body; /* 行政复议机关: every answer */
  const char *court;       /* the court of first instance: answers where direct
                              litigation is open */
  const char *fee_payment; /* how a fee is paid (account, payment code,
                              office): fee notices */
} dsc_letter_agency_t;

/* ---- What a letter may say ---------------------------------------------- */

/* The facts of one letter, gathered by the engine from the request's
 * snapshot, its events and the agency. Strings are borrowed, UTF-8; NULL or
 * blank (only spaces, tabs, line ends or U+3000) means absent. Dates are
 * business dates, DSC_DATE_NONE when absent: start from
 * dsc_letter_facts_init, since a zeroed struct reads every date as
 * 1970-01-01. Which facts a kind and outcome need is listed with
 * dsc_letter_check and in docs/letters.md. */
typedef struct dsc_letter_facts {
  dsc_letter_kind_t kind;     /* which letter */
  dsc_letter_agency_t agency; /* the sender's settings */
  int number;                 /* the sequence number in the agency's year and
                                 kind, 1 … DSC_LETTER_NUMBER_MAX */
  int year;                   /* the sequence's year: the letter date's */
  dsc_date_t date;            /* the letter's date: the business date of the
                                 action that issues it */
  const char *corrects;       /* the 文号 of the letter this one corrects
                                 (更正), or NULL */

  /* The request (every kind but the consultation, which names neither the
   * applicant nor the applicant's words to the third party). */
  const char *applicant_name; /* a person's or an organisation's name */
  const char *representative; /* 代理人, or NULL */
  dsc_date_t received_on;     /* the day of receipt (Art. 31) */
  const char *description;    /* the applicant's words, quoted as given */

  /* The answer (kind ANSWER), and the lapse a closing notice reports
   * (OTHER_NO_SUPPLEMENT or OTHER_FEE_UNPAID). */
  dsc_outcome_t outcome;
  const char *text;          /* the handler's words: what is provided, what is
                                withheld and why, the reasons */
  const char *channel;       /* how the information is provided: "in_person",
                                "post", "online", "fax" or "email" */
  dsc_form_t form;           /* paper or electronic (Art. 40); DSC_FORM_NONE:
                                electronic online and by e-mail, paper
                                otherwise */
  const char *published_url; /* where it was published (Art. 36(一)) or where
                                a publication is had (Art. 39) */
  const char *law;           /* the law or regulation named, with its 书名号:
                                "《中华人民共和国统计法》第二十五条"
                                (withheld.prohibited_by_law,
                                withheld.administrative_query) */
  const char *other_agency;  /* the agency responsible (Art. 36(五)) or the
                                body that handles a petition (Art. 39) */
  const char *other_agency_contact; /* its contact: needed with other_agency */
  const char *earlier_number; /* the earlier answer's 文号 (duplicate), or the
                                 notice's whose window lapsed (closing) */
  dsc_date_t earlier_date;    /* the earlier answer's date (duplicate) */

  /* The supplement (Art. 30): the notice, a still-unclear answer, a
   * closing for no supplement. */
  const char *supplement_note;        /* what must be added */
  dsc_date_t supplement_requested_on; /* the day the notice was issued */
  dsc_date_t supplement_last_day;     /* the window's last day */

  /* The extension (Art. 33 第二款). */
  int extension_days;             /* working days added, 1 … 20 */
  const char *extension_reason;   /* why */
  dsc_date_t extension_due;       /* the new due date */
  const char *extension_approver; /* the head of the disclosure office who
                                     agreed (负责人同意) */

  /* The consultation of a third party (Art. 32). For an answer
   * withheld.third_party_rights, third_party says a consultation was held
   * (the answer does not name the party). */
  const char *third_party;          /* the addressee */
  const char *consultation_info;    /* the information concerned */
  dsc_date_t consultation_last_day; /* the 15-working-day window's last day */

  /* The fee (109号): the notice, and a closing for a fee unpaid. */
  dsc_fee_method_t fee_method; /* BY_COUNT or BY_VOLUME: the method applied */
  const char *fee_arithmetic;  /* how it was reckoned, in Chinese (the
                                  quote's arithmetic_zh) */
  int64_t fee_fen;             /* the amount, in fen, > 0 */
  dsc_date_t fee_notified_on;  /* the day the fee notice was issued */
  dsc_date_t fee_last_day;     /* the last day to pay */
} dsc_letter_facts_t;

/* The largest sequence number, and the longest short name in characters
 * (the agency setting's own limit, migrations/0020): together they bound a
 * 文号 to DSC_LETTER_NUMBER_STRLEN bytes. */
#define DSC_LETTER_NUMBER_MAX 999999
#define DSC_LETTER_SHORT_NAME_MAX 200
/* The short name (up to 4 bytes a character), a marker (3 bytes), "〔" and
 * "〕" (3 each), four digits of year, six of number, "号" (3) and the NUL. */
#define DSC_LETTER_NUMBER_STRLEN                                               \
  (4 * DSC_LETTER_SHORT_NAME_MAX + 3 + 3 + 4 + 3 + 6 + 3 + 1)

/* Clears *facts: every string NULL, every number 0, every date
 * DSC_DATE_NONE, kind ANSWER, outcome NONE, form NONE, fee method CHEAPER
 * (which no letter accepts: the notice names the method applied). Accepts
 * NULL. */
DSC_EXTERN void dsc_letter_facts_init(dsc_letter_facts_t *facts);

/* Writes the 文号 `{short_name}{marker}〔{year}〕{number}号`
 * ("青云谱公开答〔2026〕17号") into buf[0..buflen), NUL-terminated.
 * OUT: buf, written only on success; detail (may be NULL) only on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID, field "agency.short_name": blank, longer than
 *     DSC_LETTER_SHORT_NAME_MAX characters, not UTF-8, or holding a control
 *     character or a space;
 *   DSC_INVALID, field "kind", "year" (not 1000 … 9999) or "number" (not
 *     1 … DSC_LETTER_NUMBER_MAX);
 *   DSC_MISUSE when buf is NULL or buflen is smaller than the 文号 needs
 *     (DSC_LETTER_NUMBER_STRLEN is always enough). */
DSC_EXTERN dsc_err_t dsc_letter_number_format(
    const char *short_name, dsc_letter_kind_t kind, int year, int number,
    char *buf, size_t buflen, dsc_detail_t *detail) DSC_MUST_CHECK;

/* True for the outcomes whose answer refuses disclosure (不予公开): every
 * withheld.* and partially_disclosed (for its withheld part). Against such
 * an answer the applicant must first apply for reconsideration
 * (《行政复议法》2023 第二十三条第一款第四项), so its letter offers no direct
 * litigation. */
DSC_EXTERN bool dsc_letter_refuses_disclosure(dsc_outcome_t outcome);

/* The last days of the remedies against an answer delivered on
 * delivered_on (the delivery is when the applicant knows of it):
 * reconsideration within 60 days (《行政复议法》2023 第二十条) and, unless
 * the answer refuses disclosure, litigation within 6 months (《行政诉讼法》
 * 第四十六条). The day of delivery does not count, a month period ends on
 * the same day of the sixth month after (its last day when the month is
 * shorter), and a period ending on a day that is not a working day ends on
 * the next working day (《民事诉讼法》第八十五条, applied by 《行政复议法》
 * 第八十八条 and 《行政诉讼法》第一百零一条). OUT: *reconsideration_by;
 * *litigation_by, DSC_DATE_NONE when the answer refuses disclosure (then
 * reconsideration comes first). Written only on success; detail (may be
 * NULL) only on failure.
 *
 * Returns DSC_OK; DSC_CALENDAR_GAP when cal does not hold the days needed;
 * DSC_MISUSE for a NULL cal or output, or delivered_on not a date. */
DSC_EXTERN dsc_err_t dsc_letter_remedy_dates(
    const dsc_calendar_t *cal, dsc_outcome_t outcome, dsc_date_t delivered_on,
    dsc_date_t *reconsideration_by, dsc_date_t *litigation_by,
    dsc_detail_t *detail) DSC_MUST_CHECK;

/* Checks that facts hold everything its kind (and, for an answer or a
 * closing notice, its outcome) needs, so that no template field it uses
 * renders blank. detail (may be NULL) is written only on failure, naming the
 * fact or setting at fault, in English and Chinese. The rules, in the order
 * they are checked:
 *   every letter: kind; each string given must be UTF-8 without control
 *     characters (line ends and tabs only in description, text,
 *     supplement_note, extension_reason, consultation_info, fee_arithmetic,
 *     agency.fee_payment); agency.full_name; agency.seal_caption; date;
 *     year (the date's); the 文号 (agency.short_name, number: see
 *     dsc_letter_number_format);
 *   every kind but consultation: applicant_name, received_on (not after
 *     date), description;
 *   answer: outcome (not none, not the two lapses, which a closing notice
 *     reports); agency.reconsideration_body; agency.court unless the answer
 *     refuses disclosure; and by outcome —
 *       disclosed: published_url (http or https) or channel;
 *       partially_disclosed: text naming the article of the withheld part
 *         (holding "第…条" or a 《title》), channel;
 *       channel in_person: agency.address; form: paper online or by e-mail
 *         and electronic by fax are refused;
 *       withheld.prohibited_by_law, withheld.administrative_query: law
 *         (holding a 《title》);
 *       unavailable.not_held, not_processed.petition: other_agency_contact
 *         when other_agency is given;
 *       unavailable.still_unclear: supplement_note, supplement_requested_on
 *         (between received_on and date);
 *       not_processed.duplicate: earlier_number, earlier_date (before date);
 *       not_processed.publication: text or published_url;
 *       not_processed.excessive, other.other: text;
 *   supplement-notice: supplement_note, supplement_last_day (after date);
 *   extension-notice: extension_days (1 … 20, Art. 33), extension_reason,
 *     extension_due (after date), extension_approver;
 *   consultation: third_party, consultation_info, consultation_last_day
 *     (after date), received_on (not after date);
 *   fee-notice: fee_method (count or volume), fee_arithmetic, fee_fen > 0,
 *     fee_last_day (after date), agency.fee_payment;
 *   closing-notice: outcome other.no_supplement with supplement_requested_on
 *     and supplement_last_day (from the one to the day before date), or
 *     other.fee_unpaid with fee_fen > 0, fee_notified_on and fee_last_day
 *     (likewise).
 * Facts a kind does not use are ignored.
 *
 * Returns DSC_OK; DSC_INVALID naming the first fact or setting at fault;
 * DSC_MISUSE when facts is NULL. */
DSC_EXTERN dsc_err_t dsc_letter_check(const dsc_letter_facts_t *facts,
                                      dsc_detail_t *detail) DSC_MUST_CHECK;

/* ---- Rendering ---------------------------------------------------------- */

/* Unlike the functions above, these allocate what they return (freed with
 * dsc_free, declared in alloc.h, included here for it), and
 * dsc_letter_templates_load reads files; none keeps global state. */
#include "alloc.h"

/* The forms a letter is shown in: its plain text (the record), the A4 HTML
 * laid out from that text (dsc_letter_html), or the engine's JSON result,
 * which carries the text and the fields (dsc_letter_fields_json). */
typedef enum dsc_letter_format {
  DSC_LETTER_TEXT,
  DSC_LETTER_HTML,
  DSC_LETTER_JSON
} dsc_letter_format_t;

/* Parses an exact, case-sensitive format name, "text", "html" or "json",
 * into *out. Returns DSC_OK, or DSC_INVALID (leaving *out alone) for NULL,
 * a NULL out, or any other name. */
DSC_EXTERN dsc_err_t dsc_letter_format_parse(
    const char *name, dsc_letter_format_t *out) DSC_MUST_CHECK;

/* The sequence number's stand-in: a letter rendered with facts.number == 0
 * (not yet numbered) carries this byte where the number goes in its 文号;
 * the database replaces it with the number it assigns, in the transaction
 * that stores the letter. A control character, so no fact can contain it
 * (dsc_letter_check refuses control characters). */
#define DSC_LETTER_NUMBER_STANDIN "\x01"

/* The six templates, parsed: read-only once loaded, so one set serves any
 * number of letters, from any thread. */
typedef struct dsc_letter_templates dsc_letter_templates_t;

/* Loads the six templates: the built-in ones (engine/letters/<kind>.tmpl
 * embedded in the library at build time, like migrations), each replaced by
 * dir/<kind>.tmpl (the kind's CLI name: answer.tmpl, fee-notice.tmpl …)
 * when dir is not NULL and that file exists. The engine passes the value of
 * DISCLOSE_LETTERS_DIR (docs/templates.md). Every template is parsed
 * against the fields a letter may have (docs/letters.md), so a misspelt
 * field is found here, not in a letter. A template's lines may end in LF or
 * CRLF (a letter's lines end in LF either way); it holds no control
 * character but tabs. Reads the directory and its files (blocking: load
 * once, at start-up or per command, not on the loop).
 *
 * OUT: *out, a set the caller frees with dsc_letter_templates_free; NULL on
 * failure. detail (may be NULL) is written only on failure.
 *
 * Returns DSC_OK;
 *   DSC_INVALID, field "template", the message naming the file (the path,
 *     or only its name when the path is long; "built-in answer.tmpl" for a
 *     built-in one) and, for a fault inside it, "line N": an unknown field
 *     or any other fault of the template language (docs/templates.md), a
 *     control character, a file over 1 MiB; a file dir/<name>.tmpl whose
 *     name is no kind's (a misspelt file would otherwise be ignored); a
 *     dir, or a template file in it, that cannot be read (naming the path
 *     and the system's reason);
 *   DSC_NOMEM;
 *   DSC_MISUSE when out is NULL. */
DSC_EXTERN dsc_err_t
dsc_letter_templates_load(const char *dir, dsc_letter_templates_t **out,
                          dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees a set of templates. Accepts NULL. */
DSC_EXTERN void dsc_letter_templates_free(dsc_letter_templates_t *t);

/* Checks facts (dsc_letter_check, except that number 0 is accepted and
 * renders as DSC_LETTER_NUMBER_STANDIN) and renders the letter's plain text
 * with the template of facts->kind: UTF-8, every line ending in \n, laid out
 * as docs/templates.md "Layout" says (heading, blank line, body, blank
 * line, signature).
 *
 * OUT: *text, NUL-terminated, which the caller frees with dsc_free
 * (alloc.h); *len (when len is not NULL), its length in bytes. Both written
 * only on success (*text is NULL on failure); detail (may be NULL) only on
 * failure.
 *
 * Returns DSC_OK; what dsc_letter_check returns (DSC_INVALID naming the
 * fact or setting at fault), but never for number 0; DSC_INVALID, field
 * "template", when the letter would pass 4 MiB; DSC_NOMEM; DSC_MISUSE when
 * t, facts or text is NULL. */
DSC_EXTERN dsc_err_t dsc_letter_render_text(
    const dsc_letter_templates_t *t, const dsc_letter_facts_t *facts,
    char **text, size_t *len, dsc_detail_t *detail) DSC_MUST_CHECK;

/* The letter's fields (docs/letters.md, "The fields a template may use":
 * name → string value, only those present, in that table's order) as a
 * JSON object text, for the JSON format and for storage beside the text.
 * Same check as dsc_letter_render_text: with number 0, the field "number"
 * holds the stand-in (written \u0001 in the JSON).
 *
 * OUT: *json, NUL-terminated compact JSON, which the caller frees with
 * dsc_free; *len (when len is not NULL), its length. Written only on
 * success (*json is NULL on failure); detail (may be NULL) only on failure.
 *
 * Returns DSC_OK; what dsc_letter_check returns (but never for number 0);
 * DSC_NOMEM; DSC_MISUSE when facts or json is NULL. */
DSC_EXTERN dsc_err_t
dsc_letter_fields_json(const dsc_letter_facts_t *facts, char **json,
                       size_t *len, dsc_detail_t *detail) DSC_MUST_CHECK;

/* Lays out a letter's text (as rendered above, or as stored — the stored
 * text is the record, so the HTML is a pure function of it and can never
 * disagree with it) as one A4 HTML5 document. The text's blank lines (empty,
 * or only spaces, tabs and U+3000) cut it into blocks:
 *   - the heading, the first block when there are two or more: its first
 *     line the sender, its second the title (<h1>, centered, larger), its
 *     last from the third on the 文号 (right-aligned under the title), any
 *     between centered under the title; a heading of one line is the title;
 *   - the signature, the last block when there are three or more: sender,
 *     seal caption, date, each line on its own, bottom right;
 *   - the body, everything between (all of a text without a blank line):
 *     one paragraph a line, a line starting with U+3000 an indented
 *     paragraph (the ideographic spaces become a 2-character indent), any
 *     other line flush left; blank lines inside the body only separate.
 * Leading and trailing blank lines are ignored; "\r\n" counts as a line
 * end. Print CSS: @page { size: A4 } with GB/T 9704's 156 mm type width
 * (margins 30, 26, 25, 28 mm), fonts naming the common 仿宋 and 宋体
 * families with serif fallback, 16pt body text, a 22pt title, page breaks
 * avoided inside paragraphs and the signature and after the heading; on a
 * screen, the same sheet. Everything from the text and the title is
 * HTML-escaped. title is the document's <title> (may be NULL: the title
 * line of the heading, or 政府信息公开文书 without one). The layout a
 * template must keep is docs/templates.md's "Layout".
 *
 * OUT: *html, NUL-terminated UTF-8, which the caller frees with dsc_free;
 * *hlen (when hlen is not NULL), its length. Written only on success
 * (*html is NULL on failure); detail (may be NULL) only on failure.
 *
 * Returns DSC_OK; DSC_INVALID, field "text": not UTF-8, a NUL or another
 * control character than tab and line end (such as the unreplaced
 * stand-in), naming the line, or so long that the HTML would pass 16 MiB;
 * DSC_INVALID, field "title": not UTF-8 on one line without control
 * characters; DSC_NOMEM; DSC_MISUSE when html is NULL, or text is NULL and
 * len is not 0. */
DSC_EXTERN dsc_err_t dsc_letter_html(const char *text, size_t len,
                                     const char *title, char **html,
                                     size_t *hlen,
                                     dsc_detail_t *detail) DSC_MUST_CHECK;

#endif /* DISCLOSE_LETTER_H */
