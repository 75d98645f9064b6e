/* Letters: the fields a template is rendered with (letter_int.h), built
 * from facts that dsc_letter_check has passed. docs/letters.md explains
 * each field; tests/unit/test_letter.c keeps that list and this table
 * together, and checks every template against it.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/letter.h"
#include "letter_int.h"
#include "names.h"

/* XX(ID, name). The outcome flags run in DSC_OUTCOME_MAP order, each named
 * "outcome_" and the code with '.' turned into '_' (a template name has no
 * dots but the agency's). */
#define FIELD_MAP(XX)                                                          \
  XX(AGENCY_FULL_NAME, "agency.full_name")                                     \
  XX(AGENCY_SHORT_NAME, "agency.short_name")                                   \
  XX(AGENCY_ADDRESS, "agency.address")                                         \
  XX(AGENCY_PHONE, "agency.phone")                                             \
  XX(AGENCY_CONTACT, "agency.contact")                                         \
  XX(AGENCY_SEAL_CAPTION, "agency.seal_caption")                               \
  XX(AGENCY_RECONSIDERATION_BODY, "agency.reconsideration_body")               \
  XX(AGENCY_COURT, "agency.court")                                             \
  XX(AGENCY_FEE_PAYMENT, "agency.fee_payment")                                 \
  XX(TITLE, "title")                                                           \
  XX(NUMBER, "number")                                                         \
  XX(DATE, "date")                                                             \
  XX(CORRECTS, "corrects")                                                     \
  XX(ADDRESSEE, "addressee")                                                   \
  XX(APPLICANT_NAME, "applicant_name")                                         \
  XX(REPRESENTATIVE, "representative")                                         \
  XX(RECEIVED_ON, "received_on")                                               \
  XX(DESCRIPTION, "description")                                               \
  XX(LEGAL_BASIS, "legal_basis")                                               \
  XX(OUTCOME, "outcome")                                                       \
  XX(OUTCOME_DISCLOSED, "outcome_disclosed")                                   \
  XX(OUTCOME_PARTIALLY_DISCLOSED, "outcome_partially_disclosed")               \
  XX(OUTCOME_WITHHELD_STATE_SECRET, "outcome_withheld_state_secret")           \
  XX(OUTCOME_WITHHELD_PROHIBITED_BY_LAW, "outcome_withheld_prohibited_by_law") \
  XX(OUTCOME_WITHHELD_SECURITY_STABILITY,                                      \
     "outcome_withheld_security_stability")                                    \
  XX(OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS,                                      \
     "outcome_withheld_third_party_rights")                                    \
  XX(OUTCOME_WITHHELD_INTERNAL_AFFAIRS, "outcome_withheld_internal_affairs")   \
  XX(OUTCOME_WITHHELD_PROCESS_INFORMATION,                                     \
     "outcome_withheld_process_information")                                   \
  XX(OUTCOME_WITHHELD_ENFORCEMENT_FILES, "outcome_withheld_enforcement_files") \
  XX(OUTCOME_WITHHELD_ADMINISTRATIVE_QUERY,                                    \
     "outcome_withheld_administrative_query")                                  \
  XX(OUTCOME_UNAVAILABLE_NOT_HELD, "outcome_unavailable_not_held")             \
  XX(OUTCOME_UNAVAILABLE_NEEDS_CREATION, "outcome_unavailable_needs_creation") \
  XX(OUTCOME_UNAVAILABLE_STILL_UNCLEAR, "outcome_unavailable_still_unclear")   \
  XX(OUTCOME_NOT_PROCESSED_PETITION, "outcome_not_processed_petition")         \
  XX(OUTCOME_NOT_PROCESSED_DUPLICATE, "outcome_not_processed_duplicate")       \
  XX(OUTCOME_NOT_PROCESSED_PUBLICATION, "outcome_not_processed_publication")   \
  XX(OUTCOME_NOT_PROCESSED_EXCESSIVE, "outcome_not_processed_excessive")       \
  XX(OUTCOME_NOT_PROCESSED_CONFIRMATION, "outcome_not_processed_confirmation") \
  XX(OUTCOME_OTHER_NO_SUPPLEMENT, "outcome_other_no_supplement")               \
  XX(OUTCOME_OTHER_FEE_UNPAID, "outcome_other_fee_unpaid")                     \
  XX(OUTCOME_OTHER_OTHER, "outcome_other_other")                               \
  XX(REFUSES_DISCLOSURE, "refuses_disclosure")                                 \
  XX(LITIGATION_OPEN, "litigation_open")                                       \
  XX(TEXT, "text")                                                             \
  XX(CHANNEL, "channel")                                                       \
  XX(CHANNEL_IN_PERSON, "channel_in_person")                                   \
  XX(CHANNEL_POST, "channel_post")                                             \
  XX(CHANNEL_ONLINE, "channel_online")                                         \
  XX(CHANNEL_FAX, "channel_fax")                                               \
  XX(CHANNEL_EMAIL, "channel_email")                                           \
  XX(FORM, "form")                                                             \
  XX(PUBLISHED_URL, "published_url")                                           \
  XX(LAW, "law")                                                               \
  XX(OTHER_AGENCY, "other_agency")                                             \
  XX(OTHER_AGENCY_CONTACT, "other_agency_contact")                             \
  XX(EARLIER_NUMBER, "earlier_number")                                         \
  XX(EARLIER_DATE, "earlier_date")                                             \
  XX(SUPPLEMENT_NOTE, "supplement_note")                                       \
  XX(SUPPLEMENT_REQUESTED_ON, "supplement_requested_on")                       \
  XX(SUPPLEMENT_LAST_DAY, "supplement_last_day")                               \
  XX(EXTENSION_DAYS, "extension_days")                                         \
  XX(EXTENSION_REASON, "extension_reason")                                     \
  XX(EXTENSION_DUE, "extension_due")                                           \
  XX(EXTENSION_APPROVER, "extension_approver")                                 \
  XX(THIRD_PARTY, "third_party")                                               \
  XX(CONSULTED, "consulted")                                                   \
  XX(CONSULTATION_INFO, "consultation_info")                                   \
  XX(CONSULTATION_LAST_DAY, "consultation_last_day")                           \
  XX(FEE_METHOD, "fee_method")                                                 \
  XX(FEE_ARITHMETIC, "fee_arithmetic")                                         \
  XX(FEE_AMOUNT, "fee_amount")                                                 \
  XX(FEE_NOTIFIED_ON, "fee_notified_on")                                       \
  XX(FEE_LAST_DAY, "fee_last_day")

typedef enum field {
#define FIELD_ENUM_(id, name) F_##id,
  FIELD_MAP(FIELD_ENUM_)
#undef FIELD_ENUM_
      F__COUNT
} field_t;

static const char *const field_names[] = {
#define FIELD_NAME_(id, name) name,
    FIELD_MAP(FIELD_NAME_)
#undef FIELD_NAME_
};

/* The flag of outcome o is F_OUTCOME_DISCLOSED + (o − 1). */
_Static_assert(F_OUTCOME_OTHER_OTHER - F_OUTCOME_DISCLOSED ==
                   DSC_OUTCOME_OTHER_OTHER - DSC_OUTCOME_DISCLOSED,
               "one flag per outcome, in DSC_OUTCOME_MAP order");

struct dsc__letter_fields {
  char *value[F__COUNT]; /* NULL: absent */
};

const char *const *dsc__letter_known_fields(size_t *n) {
  if (n)
    *n = F__COUNT;
  return field_names;
}

const char *dsc__letter_field(const dsc__letter_fields_t *f, const char *name) {
  int i;
  if (f == NULL)
    return NULL;
  i = dsc__name_index(field_names, F__COUNT, name);
  return i < 0 ? NULL : f->value[i];
}

void dsc__letter_fields_free(dsc__letter_fields_t *f) {
  if (f == NULL)
    return;
  for (size_t i = 0; i < F__COUNT; i++)
    dsc__free(f->value[i]);
  dsc__free(f);
}

/* ---- the articles -------------------------------------------------------- */

#define REG "《中华人民共和国政府信息公开条例》"
#define FEE_RULES "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

/* The article each outcome's answer rests on (domain/statutes.md §1; the
 * interpretive ones are marked in docs/letters.md). Where the facts add to
 * it (the law named, a second item) legal_basis() appends. other.other has
 * none: its answer is the handler's text alone. */
static const char *const outcome_basis[DSC_OUTCOME__COUNT] = {
    [DSC_OUTCOME_DISCLOSED] = REG "第三十六条第二项",
    [DSC_OUTCOME_PARTIALLY_DISCLOSED] = REG "第三十七条",
    [DSC_OUTCOME_WITHHELD_STATE_SECRET] =
        REG "第十四条、《中华人民共和国保守国家秘密法》",
    [DSC_OUTCOME_WITHHELD_PROHIBITED_BY_LAW] = REG "第十四条",
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
    [DSC_OUTCOME_OTHER_FEE_UNPAID] = FEE_RULES,
};

/* The article of each notice; answers and closing notices go by outcome. */
static const char *const kind_basis[DSC_LETTER__COUNT] = {
    [DSC_LETTER_SUPPLEMENT_NOTICE] = REG "第三十条",
    [DSC_LETTER_EXTENSION_NOTICE] = REG "第三十三条第二款",
    [DSC_LETTER_CONSULTATION] = REG "第三十二条",
    [DSC_LETTER_FEE_NOTICE] = REG "第四十二条、" FEE_RULES,
};

/* ---- building ------------------------------------------------------------ */

typedef struct builder {
  dsc__letter_fields_t *f;
  bool nomem; /* an allocation failed: the build fails as a whole */
} builder_t;

/* Sets field id to the concatenation of the strings that follow, up to a
 * NULL. */
static void put_cat(builder_t *b, field_t id, ...) {
  va_list ap;
  const char *p;
  size_t len = 0, at = 0;
  char *v;

  va_start(ap, id);
  while ((p = va_arg(ap, const char *)) != NULL)
    len += strlen(p);
  va_end(ap);
  if ((v = dsc__malloc(len + 1)) == NULL) {
    b->nomem = true;
    return;
  }
  va_start(ap, id);
  while ((p = va_arg(ap, const char *)) != NULL) {
    size_t n = strlen(p);
    memcpy(v + at, p, n);
    at += n;
  }
  va_end(ap);
  v[at] = '\0';
  dsc__free(b->f->value[id]);
  b->f->value[id] = v;
}

/* Sets field id to s when s says something; leaves it absent otherwise. */
static void put(builder_t *b, field_t id, const char *s) {
  if (!dsc__letter_blank(s))
    put_cat(b, id, s, (const char *)NULL);
}

static void put_flag(builder_t *b, field_t id, bool on) {
  if (on)
    put_cat(b, id, "1", (const char *)NULL);
}

static void put_date(builder_t *b, field_t id, dsc_date_t date) {
  char buf[DSC__LETTER_DATE_STRLEN];
  if (dsc__letter_date_ok(date))
    put_cat(b, id, dsc__letter_date_format(date, buf), (const char *)NULL);
}

static void put_int(builder_t *b, field_t id, int v) {
  char buf[16];
  snprintf(buf, sizeof buf, "%d", v);
  put_cat(b, id, buf, (const char *)NULL);
}

static void put_common(builder_t *b, const dsc_letter_facts_t *f) {
  char number[DSC_LETTER_NUMBER_STRLEN];

  put(b, F_AGENCY_FULL_NAME, f->agency.full_name);
  put(b, F_AGENCY_SHORT_NAME, f->agency.short_name);
  put(b, F_AGENCY_ADDRESS, f->agency.address);
  put(b, F_AGENCY_PHONE, f->agency.phone);
  put(b, F_AGENCY_CONTACT, f->agency.contact);
  put(b, F_AGENCY_SEAL_CAPTION, f->agency.seal_caption);
  put(b, F_AGENCY_RECONSIDERATION_BODY, f->agency.reconsideration_body);
  put(b, F_AGENCY_COURT, f->agency.court);
  put(b, F_AGENCY_FEE_PAYMENT, f->agency.fee_payment);
  put(b, F_TITLE, dsc_letter_kind_title(f->kind));
  /* The check formatted the 文号 already: neither can fail. Number 0 got
   * past it only on the unnumbered path: the stand-in takes its place. */
  if (f->number == 0 ? dsc__letter_number_write(
                           f->agency.short_name, f->kind, f->year,
                           DSC_LETTER_NUMBER_STANDIN, number, sizeof number)
                     : dsc_letter_number_format(f->agency.short_name, f->kind,
                                                f->year, f->number, number,
                                                sizeof number, NULL) == DSC_OK)
    put(b, F_NUMBER, number);
  put_date(b, F_DATE, f->date);
  put(b, F_CORRECTS, f->corrects);
  put_date(b, F_RECEIVED_ON, f->received_on);
  if (f->kind == DSC_LETTER_CONSULTATION)
    return; /* the third party learns neither who applied nor their words */
  put(b, F_APPLICANT_NAME, f->applicant_name);
  put(b, F_REPRESENTATIVE, f->representative);
  put(b, F_DESCRIPTION, f->description);
  if (dsc__letter_blank(f->representative))
    put(b, F_ADDRESSEE, f->applicant_name);
  else
    put_cat(b, F_ADDRESSEE, f->applicant_name, "（代理人：", f->representative,
            "）", (const char *)NULL);
}

/* How the information goes out: the channel, its flag, and the form (Art.
 * 40), paper unless the channel is electronic or the facts say otherwise. */
static void put_provision(builder_t *b, const dsc_letter_facts_t *f) {
  static const struct {
    const char *name;
    field_t flag;
    bool electronic;
  } channels[] = {{"in_person", F_CHANNEL_IN_PERSON, false},
                  {"post", F_CHANNEL_POST, false},
                  {"online", F_CHANNEL_ONLINE, true},
                  {"fax", F_CHANNEL_FAX, false},
                  {"email", F_CHANNEL_EMAIL, true}};

  if (dsc__letter_blank(f->channel))
    return;
  for (size_t i = 0; i < sizeof channels / sizeof channels[0]; i++)
    if (strcmp(f->channel, channels[i].name) == 0) {
      bool electronic = f->form == DSC_FORM_NONE
                            ? channels[i].electronic
                            : f->form == DSC_FORM_ELECTRONIC;
      put(b, F_CHANNEL, f->channel);
      put_flag(b, channels[i].flag, true);
      put(b, F_FORM, electronic ? "电子" : "纸质");
    }
}

static void put_legal_basis(builder_t *b, const dsc_letter_facts_t *f) {
  const dsc_outcome_t o = f->outcome;
  const char *basis;

  if (f->kind != DSC_LETTER_ANSWER && f->kind != DSC_LETTER_CLOSING_NOTICE) {
    put(b, F_LEGAL_BASIS, kind_basis[f->kind]);
    return;
  }
  basis = outcome_basis[o];
  /* The law forbidding disclosure is part of the decision's basis; the law
   * of an administrative query is where the applicant is sent, which the
   * template says in its own sentence. */
  if (o == DSC_OUTCOME_WITHHELD_PROHIBITED_BY_LAW) {
    put_cat(b, F_LEGAL_BASIS, basis, "、", f->law, (const char *)NULL);
    return;
  }
  if (o == DSC_OUTCOME_DISCLOSED && !dsc__letter_blank(f->published_url))
    basis = REG "第三十六条第一项";
  else if (o == DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS &&
           !dsc__letter_blank(f->third_party))
    basis = REG "第十五条、第三十二条";
  else if (o == DSC_OUTCOME_UNAVAILABLE_NOT_HELD &&
           !dsc__letter_blank(f->other_agency))
    basis = REG "第三十六条第四项、第五项";
  put(b, F_LEGAL_BASIS, basis);
}

static void put_outcome(builder_t *b, const dsc_letter_facts_t *f) {
  char amount[DSC__LETTER_AMOUNT_STRLEN];

  put(b, F_OUTCOME, dsc_outcome_code(f->outcome));
  put_flag(b, (field_t)(F_OUTCOME_DISCLOSED + (f->outcome - 1)), true);
  if (f->kind == DSC_LETTER_ANSWER) {
    put_flag(b, F_REFUSES_DISCLOSURE,
             dsc_letter_refuses_disclosure(f->outcome));
    put_flag(b, F_LITIGATION_OPEN, !dsc_letter_refuses_disclosure(f->outcome));
    put(b, F_TEXT, f->text);
    /* The channel paragraph belongs to answers that provide information
     * themselves; the channel the letter itself goes by is not its
     * business. */
    if ((f->outcome == DSC_OUTCOME_DISCLOSED &&
         dsc__letter_blank(f->published_url)) ||
        f->outcome == DSC_OUTCOME_PARTIALLY_DISCLOSED)
      put_provision(b, f);
    put(b, F_PUBLISHED_URL, f->published_url);
    put(b, F_LAW, f->law);
    put(b, F_OTHER_AGENCY, f->other_agency);
    put(b, F_OTHER_AGENCY_CONTACT, f->other_agency_contact);
    put_flag(b, F_CONSULTED,
             f->outcome == DSC_OUTCOME_WITHHELD_THIRD_PARTY_RIGHTS &&
                 !dsc__letter_blank(f->third_party));
  }
  put(b, F_EARLIER_NUMBER, f->earlier_number);
  put_date(b, F_EARLIER_DATE, f->earlier_date);
  put(b, F_SUPPLEMENT_NOTE, f->supplement_note);
  put_date(b, F_SUPPLEMENT_REQUESTED_ON, f->supplement_requested_on);
  put_date(b, F_SUPPLEMENT_LAST_DAY, f->supplement_last_day);
  if (f->fee_fen > 0)
    put(b, F_FEE_AMOUNT, dsc__letter_amount_format(f->fee_fen, amount));
  put_date(b, F_FEE_NOTIFIED_ON, f->fee_notified_on);
  put_date(b, F_FEE_LAST_DAY, f->fee_last_day);
}

static void put_notice(builder_t *b, const dsc_letter_facts_t *f) {
  char amount[DSC__LETTER_AMOUNT_STRLEN];

  if (f->kind == DSC_LETTER_SUPPLEMENT_NOTICE) {
    put(b, F_SUPPLEMENT_NOTE, f->supplement_note);
    put_date(b, F_SUPPLEMENT_LAST_DAY, f->supplement_last_day);
  } else if (f->kind == DSC_LETTER_EXTENSION_NOTICE) {
    put_int(b, F_EXTENSION_DAYS, f->extension_days);
    put(b, F_EXTENSION_REASON, f->extension_reason);
    put_date(b, F_EXTENSION_DUE, f->extension_due);
    put(b, F_EXTENSION_APPROVER, f->extension_approver);
  } else if (f->kind == DSC_LETTER_CONSULTATION) {
    put(b, F_THIRD_PARTY, f->third_party);
    put(b, F_CONSULTATION_INFO, f->consultation_info);
    put_date(b, F_CONSULTATION_LAST_DAY, f->consultation_last_day);
  } else if (f->kind == DSC_LETTER_FEE_NOTICE) {
    put(b, F_FEE_METHOD,
        f->fee_method == DSC_FEE_BY_COUNT ? "按件计收" : "按量计收");
    put(b, F_FEE_ARITHMETIC, f->fee_arithmetic);
    put(b, F_FEE_AMOUNT, dsc__letter_amount_format(f->fee_fen, amount));
    put_date(b, F_FEE_LAST_DAY, f->fee_last_day);
  }
}

static dsc_err_t build(const dsc_letter_facts_t *facts, bool unnumbered,
                       dsc__letter_fields_t **out, dsc_detail_t *detail) {
  builder_t b = {NULL, false};
  dsc_err_t err;

  if (out == NULL)
    return DSC_MISUSE;
  *out = NULL;
  if ((err = unnumbered ? dsc__letter_check_unnumbered(facts, detail)
                        : dsc_letter_check(facts, detail)) != DSC_OK)
    return err;
  if ((b.f = dsc__calloc(1, sizeof *b.f)) == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, "letter", "out of memory",
                          "内存不足");
  put_common(&b, facts);
  put_legal_basis(&b, facts);
  if (facts->kind == DSC_LETTER_ANSWER ||
      facts->kind == DSC_LETTER_CLOSING_NOTICE)
    put_outcome(&b, facts);
  else
    put_notice(&b, facts);
  if (b.nomem) {
    dsc__letter_fields_free(b.f);
    return dsc_detail_set(detail, DSC_NOMEM, "letter", "out of memory",
                          "内存不足");
  }
  *out = b.f;
  return DSC_OK;
}

dsc_err_t dsc__letter_fields_build(const dsc_letter_facts_t *facts,
                                   dsc__letter_fields_t **out,
                                   dsc_detail_t *detail) {
  return build(facts, false, out, detail);
}

dsc_err_t dsc__letter_fields_build_unnumbered(const dsc_letter_facts_t *facts,
                                              dsc__letter_fields_t **out,
                                              dsc_detail_t *detail) {
  return build(facts, true, out, detail);
}
