/* disclose — intake: parsing and validating a submission.
 *
 * A submission is the JSON document of CONTRACT §5 ("Submission JSON").
 * dsc_intake_parse checks it completely — size, encoding, syntax, keys,
 * types, enumerations, dates, lengths, identity-number check digits — and
 * either returns a fully validated dsc_intake_t or refuses it with
 * DSC_INVALID and a detail naming the JSON path at fault ("applicant.name").
 * Nothing is ever truncated or repaired silently.
 *
 * Pure functions: no I/O, no global state, safe from any thread.
 */
#ifndef DISCLOSE_INTAKE_H
#define DISCLOSE_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "export.h"

/* The largest submission accepted, in bytes. */
#define DSC_INTAKE_MAX_BYTES 65536

/* How the application reached the agency. Stored and reported by name;
 * values are appended, never renumbered. */
typedef enum dsc_channel {
  DSC_CHANNEL_IN_PERSON = 0, /* "in_person" */
  DSC_CHANNEL_POST = 1,      /* "post" */
  DSC_CHANNEL_ONLINE = 2,    /* "online" */
  DSC_CHANNEL_FAX = 3        /* "fax" */
} dsc_channel_t;
#define DSC_CHANNEL_COUNT 4

/* How a letter was sent (channel post), which decides its day of receipt
 * under Art. 31(二) of the 条例. Values are appended, never renumbered. */
typedef enum dsc_post_kind {
  DSC_POST_KIND_NONE = 0,       /* not stated (never accepted as input) */
  DSC_POST_KIND_REGISTERED = 1, /* "registered": 挂号信, EMS, 快递 — any
                                   mail the agency signs for */
  DSC_POST_KIND_ORDINARY = 2    /* "ordinary": 平常信函, no signature */
} dsc_post_kind_t;

/* The facts of receipt a submission may state (Art. 31), each date
 * DSC_DATE_NONE when not given. At most one date is set in a parsed
 * intake: the one the channel's rule uses (dsc_receipt_rule). */
typedef struct dsc_receipt {
  dsc_post_kind_t post_kind; /* channel post only */
  dsc_date_t handed_in_on;   /* in_person: the day handed in, (一) */
  dsc_date_t signed_on;      /* post, registered: the day the agency signed
                                for it, (二) */
  dsc_date_t confirmed_on;   /* post ordinary, online, fax: the day the
                                agency confirmed receipt with the applicant,
                                (二) and (三) */
} dsc_receipt_t;

/* Who applied. The order is the column order of the annual report's
 * applications table (2021 format), so a value indexes a column. */
typedef enum dsc_applicant_type {
  DSC_APPLICANT_NATURAL_PERSON = 0,  /* "natural_person"  自然人 */
  DSC_APPLICANT_COMMERCIAL = 1,      /* "commercial"      商业企业 */
  DSC_APPLICANT_RESEARCH = 2,        /* "research"        科研机构 */
  DSC_APPLICANT_PUBLIC_INTEREST = 3, /* "public_interest" 社会公益组织 */
  DSC_APPLICANT_LEGAL_SERVICES = 4,  /* "legal_services"  法律服务机构 */
  DSC_APPLICANT_OTHER_ORG = 5        /* "other_org"       其他 */
} dsc_applicant_type_t;
#define DSC_APPLICANT_TYPE_COUNT 6

/* The form in which the applicant asked to receive the information. */
typedef enum dsc_form {
  DSC_FORM_NONE = 0,      /* not stated ("none"; never accepted as input) */
  DSC_FORM_PAPER = 1,     /* "paper" */
  DSC_FORM_ELECTRONIC = 2 /* "electronic" */
} dsc_form_t;

/* A validated submission. Every string is NUL-terminated, valid UTF-8 and
 * owned by the intake: dsc_intake_destroy frees them all. */
typedef struct dsc_intake {
  char *agency;              /* agency code; "default" when absent */
  dsc_channel_t channel;     /* required */
  dsc_receipt_t receipt;     /* the Art. 31 facts given */
  dsc_date_t received_on;    /* the Art. 31 day of receipt: the channel's fact
                                when given (dsc_receipt_derive), else
                                received_on as given; DSC_DATE_NONE when
                                neither (the caller then uses the day of
                                registration) */
  const char *received_from; /* the JSON field received_on was taken from:
                                "handed_in_on", "signed_on", "confirmed_on"
                                or "received_on"; NULL when absent. Static
                                storage. */
  dsc_applicant_type_t applicant_type; /* required */
  char *applicant_name;                /* required, not blank */
  char *id_number;   /* NULL when absent; upper-cased, check digit verified:
                        a resident ID for a natural person, a unified social
                        credit code for an organisation. Mask it
                        (dsc_id_mask) before showing it anywhere. */
  char *phone;       /* NULL when absent */
  char *email;       /* NULL when absent */
  char *address;     /* NULL when absent; may hold line breaks and tabs */
  char *description; /* required, not blank; may hold line breaks and tabs */
  dsc_form_t form;   /* DSC_FORM_NONE when absent */
  char *idempotency_key; /* NULL when absent; printable ASCII */
} dsc_intake_t;

/* Parses and validates the submission json[0..len) (need not be
 * NUL-terminated) and on success stores a new intake in *out (OUT), which
 * the caller releases with dsc_intake_destroy. The input is not kept.
 *
 * Returns DSC_OK; DSC_INVALID when the submission is refused — *out is then
 * NULL and detail (which may be NULL) names the JSON path at fault
 * ("applicant.id_number", or "(document)" for the document as a whole) and
 * says what is wrong in English and Chinese, never echoing an identity
 * number; DSC_NOMEM when memory runs out; DSC_MISUSE when json or out is
 * NULL. The rules are listed at the top of engine/core/intake.c. */
DSC_EXTERN dsc_err_t dsc_intake_parse(const char *json, size_t len,
                                      dsc_intake_t **out,
                                      dsc_detail_t *detail) DSC_MUST_CHECK;

/* Frees an intake and every string it owns. Accepts NULL. */
DSC_EXTERN void dsc_intake_destroy(dsc_intake_t *intake);

/* The machine name of a channel ("in_person", "post", "online", "fax");
 * "unknown" for a value outside the enumeration. Static storage. */
DSC_EXTERN const char *dsc_channel_name(dsc_channel_t channel);

/* Parses a channel's machine name (exact, case-sensitive) into *out (OUT).
 * Returns DSC_OK, or DSC_INVALID for any other text or NULL (then *out is
 * unchanged). */
DSC_EXTERN dsc_err_t dsc_channel_parse(const char *name,
                                       dsc_channel_t *out) DSC_MUST_CHECK;

/* The machine name of a letter's kind ("registered", "ordinary", and
 * "none" for DSC_POST_KIND_NONE); "unknown" outside the enumeration.
 * Static storage. */
DSC_EXTERN const char *dsc_post_kind_name(dsc_post_kind_t kind);

/* Parses "registered" or "ordinary" (exact) into *out (OUT). Returns
 * DSC_OK, or DSC_INVALID for any other text — "none" included — or NULL. */
DSC_EXTERN dsc_err_t dsc_post_kind_parse(const char *name,
                                         dsc_post_kind_t *out) DSC_MUST_CHECK;

/* ---- Art. 31: the day of receipt ----------------------------------------
 * 行政机关收到政府信息公开申请的时间: (一) in person, the day handed in; (二)
 * by post, the day the agency signs for it, or for an ordinary letter the
 * day it confirms receipt with the applicant; (三) online or by fax, the day
 * both sides confirm. E-mail is the channel online. */

/* The name of the receipt field whose date is the day of receipt for
 * channel (and, for post, kind): "handed_in_on", "signed_on" or
 * "confirmed_on"; NULL for post of no stated kind or a channel outside the
 * enumeration. Static storage. */
DSC_EXTERN const char *dsc_receipt_rule(dsc_channel_t channel,
                                        dsc_post_kind_t kind);

/* Derives the day of receipt from the facts r of a submission of channel
 * `channel` and the received_on it states (DSC_DATE_NONE when absent).
 * Pure. Checks, in this order, refusing with DSC_INVALID and the detail
 * naming the field:
 *   1. post_kind only with channel post ("post_kind");
 *   2. a letter's signed_on or confirmed_on needs its post_kind
 *      ("post_kind");
 *   3. handed_in_on, signed_on, confirmed_on (in that order), when given,
 *      only where dsc_receipt_rule names it (the field itself);
 *   4. a stated post_kind needs its date (the field of the rule);
 *   5. received_on, when given with the rule's date, equal to it
 *      ("received_on").
 * On DSC_OK *out (OUT) is the rule's date when given, else received_on
 * (possibly DSC_DATE_NONE), and *from (OUT, may be NULL) the field it came
 * from as in dsc_intake_t.received_from. DSC_MISUSE when r or out is
 * NULL. */
DSC_EXTERN dsc_err_t dsc_receipt_derive(dsc_channel_t channel,
                                        const dsc_receipt_t *r,
                                        dsc_date_t received_on, dsc_date_t *out,
                                        const char **from,
                                        dsc_detail_t *detail) DSC_MUST_CHECK;

/* The machine name of an applicant type ("natural_person" … "other_org");
 * "unknown" for a value outside the enumeration. Static storage. */
DSC_EXTERN const char *dsc_applicant_type_name(dsc_applicant_type_t type);

/* Parses an applicant type's machine name (exact, case-sensitive) into *out
 * (OUT). Returns DSC_OK, or DSC_INVALID for any other text or NULL (then
 * *out is unchanged). */
DSC_EXTERN dsc_err_t dsc_applicant_type_parse(
    const char *name, dsc_applicant_type_t *out) DSC_MUST_CHECK;

/* The official Chinese column label of an applicant type in the annual
 * report: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他;
 * "未知" outside the enumeration. Static storage, UTF-8. */
DSC_EXTERN const char *dsc_applicant_type_label(dsc_applicant_type_t type);

/* The machine name of a form ("paper", "electronic", and "none" for
 * DSC_FORM_NONE); "unknown" outside the enumeration. Static storage. */
DSC_EXTERN const char *dsc_form_name(dsc_form_t form);

/* Parses "paper" or "electronic" (exact) into *out (OUT). Returns DSC_OK, or
 * DSC_INVALID for any other text — "none" included — or NULL. */
DSC_EXTERN dsc_err_t dsc_form_parse(const char *name,
                                    dsc_form_t *out) DSC_MUST_CHECK;

/* ---- Identity numbers ---------------------------------------------------
 * Pure checks on NUL-terminated text; NULL is never valid. They never
 * change case: callers that accept lower-case input upper-case it first
 * (dsc_intake_parse does). */

/* True when id is a citizen identity number of GB 11643-1999: exactly 18
 * characters, 17 digits and a check character '0'–'9' or 'X' (upper-case)
 * satisfying ISO 7064 MOD 11-2 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4
 * 2); the region code's first digit 1–8; the birth date in characters 7–14
 * (YYYYMMDD) a day that exists, on or after 1900-01-01. */
DSC_EXTERN bool dsc_id_resident_valid(const char *id);

/* True when code is a unified social credit code of GB 32100-2015: exactly
 * 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (upper-case; no I,
 * O, Z, S, V), a first character (registration department) among 1–9, A–H,
 * N, Y, and a check character equal to 31 − (Σ value·weight mod 31) with
 * weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 (31 gives '0'). */
DSC_EXTERN bool dsc_id_uscc_valid(const char *code);

/* Writes a masked copy of id into buf (buflen bytes) and returns buf. Ids
 * over 10 characters keep their first 6 and last 4 characters and every
 * character between becomes one '*' ("110101199003071234" →
 * "110101********1234"); shorter ids keep only their last 2. Characters are
 * UTF-8 code points; the result is never longer than id, so buflen >=
 * strlen(id) + 1 always suffices. When buf is too small, or id is NULL, buf
 * receives "" (a cut-off mask could mislead). buf may be NULL only when
 * buflen is 0. */
DSC_EXTERN char *dsc_id_mask(const char *id, char *buf, size_t buflen);

#endif /* DISCLOSE_INTAKE_H */
