/* tests/fuzz/fuzz_intake.c — libFuzzer driver for dsc_intake_parse, the
 * validator of every submission (CONTRACT §5 "Submission JSON").
 *
 * Each input is parsed as a submission. Whatever the bytes, the parse must
 * not crash, leak or read out of bounds (ASan, UBSan, LeakSanitizer), and:
 *   - it succeeds or refuses with DSC_INVALID, nothing else;
 *   - a refusal leaves *out NULL and names a field: a path of the
 *     submission, "(document)", or a key it refuses as unknown or
 *     repeated; field and messages are printable UTF-8;
 *   - a document over 64 KiB, holding a NUL byte or not UTF-8 is refused
 *     as "(document)";
 *   - an accepted intake has every required field, enumerations in range,
 *     and every string valid UTF-8, free of control characters (tab, LF and
 *     CR LF allowed in the free-text fields), not blank and within its
 *     documented length; the identity number passes its check digit;
 *   - the day of receipt follows Art. 31: at most the channel's own fact
 *     is set (handed_in_on in person, signed_on for registered post,
 *     confirmed_on for an ordinary letter, online and fax), post_kind only
 *     on post, and received_on equals that fact when there is one;
 *   - with one allocation failed (chosen from the input's hash), the parse
 *     returns DSC_NOMEM and frees everything: running out of memory is
 *     never mistaken for invalid input, and never crashes.
 * Build: cmake -DDSC_FUZZ=ON -DCMAKE_C_COMPILER=clang (tests/fuzz/). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "disclose/intake.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The paths dsc_intake_parse may name besides refused keys. */
static const char *const known_fields[] = {"(document)",
                                           "agency",
                                           "channel",
                                           "received_on",
                                           "post_kind",
                                           "handed_in_on",
                                           "signed_on",
                                           "confirmed_on",
                                           "applicant",
                                           "applicant.type",
                                           "applicant.name",
                                           "applicant.id_number",
                                           "applicant.phone",
                                           "applicant.email",
                                           "applicant.address",
                                           "description",
                                           "form",
                                           "idempotency_key"};

static bool known_field(const char *f) {
  for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
    if (strcmp(f, known_fields[i]) == 0)
      return true;
  return false;
}

/* True when s holds only JSON/Unicode white space as intake.c counts it
 * (rule 6), so an accepted field that is blank is caught. */
static bool blank(const char *s) {
  static const char *const spaces[] = {
      "\xC2\xA0",     "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82",
      "\xE2\x80\x83", "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86",
      "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89", "\xE2\x80\x8A",
      "\xE2\x80\x8B", "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE3\x80\x80",
      "\xEF\xBB\xBF"};
  while (*s != '\0') {
    size_t n = 0;
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      n = 1;
    for (size_t i = 0; n == 0 && i < sizeof spaces / sizeof spaces[0]; i++)
      if (strncmp(s, spaces[i], strlen(spaces[i])) == 0)
        n = strlen(spaces[i]);
    if (n == 0)
      return false;
    s += n;
  }
  return true;
}

/* A string field of an accepted intake: present (or NULL when optional),
 * valid UTF-8, not blank, at most max code points, no control character
 * (multiline: tab, LF and CR LF allowed), no C1 control, and no U+2028/9
 * outside the free-text fields. */
static void check_text(const char *s, bool required, bool multiline,
                       size_t max) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n;

  if (s == NULL) {
    FUZZ_REQUIRE(!required);
    return;
  }
  n = fuzz_utf8_length(s, strlen(s));
  FUZZ_REQUIRE(n != SIZE_MAX);
  FUZZ_REQUIRE(n >= 1 && n <= max);
  FUZZ_REQUIRE(!blank(s));
  for (size_t i = 0; p[i] != '\0'; i++) {
    if (p[i] < 0x20) {
      FUZZ_REQUIRE(multiline);
      FUZZ_REQUIRE(p[i] == '\t' || p[i] == '\n' ||
                   (p[i] == '\r' && p[i + 1] == '\n'));
    }
    FUZZ_REQUIRE(p[i] != 0x7F);
    FUZZ_REQUIRE(!(p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F));
    if (!multiline)
      FUZZ_REQUIRE(!(p[i] == 0xE2 && p[i + 1] == 0x80 &&
                     (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)));
  }
}

/* Art. 31, restated: the one fact the channel uses, and received_on. */
static void check_receipt(const dsc_intake_t *in) {
  const dsc_receipt_t *r = &in->receipt;
  dsc_date_t fact = DSC_DATE_NONE;

  FUZZ_REQUIRE(in->channel == DSC_CHANNEL_POST
                   ? r->post_kind == DSC_POST_KIND_NONE ||
                         r->post_kind == DSC_POST_KIND_REGISTERED ||
                         r->post_kind == DSC_POST_KIND_ORDINARY
                   : r->post_kind == DSC_POST_KIND_NONE);
  if (in->channel != DSC_CHANNEL_IN_PERSON)
    FUZZ_REQUIRE(r->handed_in_on == DSC_DATE_NONE);
  if (in->channel != DSC_CHANNEL_POST ||
      r->post_kind != DSC_POST_KIND_REGISTERED)
    FUZZ_REQUIRE(r->signed_on == DSC_DATE_NONE);
  if (in->channel == DSC_CHANNEL_IN_PERSON ||
      (in->channel == DSC_CHANNEL_POST &&
       r->post_kind != DSC_POST_KIND_ORDINARY))
    FUZZ_REQUIRE(r->confirmed_on == DSC_DATE_NONE);
  if (r->post_kind != DSC_POST_KIND_NONE)
    FUZZ_REQUIRE(r->signed_on != DSC_DATE_NONE ||
                 r->confirmed_on != DSC_DATE_NONE);
  if (r->handed_in_on != DSC_DATE_NONE)
    fact = r->handed_in_on;
  if (r->signed_on != DSC_DATE_NONE)
    fact = r->signed_on;
  if (r->confirmed_on != DSC_DATE_NONE)
    fact = r->confirmed_on;
  if (fact != DSC_DATE_NONE) {
    FUZZ_REQUIRE(in->received_on == fact);
    FUZZ_REQUIRE(in->received_from != NULL &&
                 strcmp(in->received_from, "received_on") != 0);
  } else {
    FUZZ_REQUIRE((in->received_on == DSC_DATE_NONE) ==
                 (in->received_from == NULL));
  }
}

static void check_accepted(const dsc_intake_t *in) {
  int year, month, day;

  FUZZ_REQUIRE(in != NULL);
  check_text(in->agency, true, false, 64);
  for (const char *c = in->agency; *c != '\0'; c++)
    FUZZ_REQUIRE((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
                 (*c >= 'a' && *c <= 'z') || *c == '_' || *c == '-' ||
                 *c == '.');
  FUZZ_REQUIRE((unsigned)in->channel < DSC_CHANNEL_COUNT);
  FUZZ_REQUIRE((unsigned)in->applicant_type < DSC_APPLICANT_TYPE_COUNT);
  FUZZ_REQUIRE(in->form == DSC_FORM_NONE || in->form == DSC_FORM_PAPER ||
               in->form == DSC_FORM_ELECTRONIC);
  if (in->received_on != DSC_DATE_NONE) {
    dsc_date_to_ymd(in->received_on, &year, &month, &day);
    FUZZ_REQUIRE(dsc_date_valid_ymd(year, month, day));
  }
  check_receipt(in);
  check_text(in->applicant_name, true, false, 200);
  check_text(in->id_number, false, false, 18);
  if (in->id_number != NULL) {
    FUZZ_REQUIRE(strlen(in->id_number) == 18);
    FUZZ_REQUIRE(in->applicant_type == DSC_APPLICANT_NATURAL_PERSON
                     ? dsc_id_resident_valid(in->id_number)
                     : dsc_id_uscc_valid(in->id_number));
  }
  check_text(in->phone, false, false, 32);
  if (in->phone != NULL) {
    int digits = 0;
    for (const char *c = in->phone; *c != '\0'; c++) {
      FUZZ_REQUIRE((*c >= '0' && *c <= '9') || strchr(" +-()", *c) != NULL);
      digits += *c >= '0' && *c <= '9';
    }
    FUZZ_REQUIRE(digits >= 5);
  }
  check_text(in->email, false, false, 254);
  if (in->email != NULL) {
    const char *at = strchr(in->email, '@');
    FUZZ_REQUIRE(at != NULL && at != in->email && strchr(at + 1, '@') == NULL);
    FUZZ_REQUIRE(strchr(at + 1, '.') != NULL && strstr(at, "..") == NULL);
    FUZZ_REQUIRE(strchr(in->email, ' ') == NULL);
  }
  check_text(in->address, false, true, 500);
  check_text(in->description, true, true, 5000);
  check_text(in->idempotency_key, false, false, 128);
  if (in->idempotency_key != NULL)
    for (const char *c = in->idempotency_key; *c != '\0'; c++)
      FUZZ_REQUIRE((unsigned char)*c >= 0x21 && (unsigned char)*c <= 0x7E);
}

static void check_refused(const dsc_detail_t *d, const uint8_t *data,
                          size_t size) {
  FUZZ_REQUIRE(d->code == DSC_INVALID);
  FUZZ_REQUIRE(fuzz_printable_text(d->field, sizeof d->field));
  FUZZ_REQUIRE(d->field[0] != '\0');
  FUZZ_REQUIRE(memchr(d->message, '\0', sizeof d->message) != NULL &&
               d->message[0] != '\0' && fuzz_utf8_valid(d->message));
  FUZZ_REQUIRE(memchr(d->message_zh, '\0', sizeof d->message_zh) != NULL &&
               fuzz_utf8_valid(d->message_zh));
  if (!known_field(d->field))
    FUZZ_REQUIRE(strcmp(d->message, "unknown field") == 0 ||
                 strcmp(d->message, "duplicate key") == 0);
  /* Rule 1: the raw document is judged before anything else. */
  if (size > DSC_INTAKE_MAX_BYTES || memchr(data, '\0', size) != NULL ||
      fuzz_utf8_length((const char *)data, size) == SIZE_MAX)
    FUZZ_REQUIRE(strcmp(d->field, "(document)") == 0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_alloc_install();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  dsc_intake_t *in = (dsc_intake_t *)1; /* must be set to NULL on failure */
  dsc_detail_t d;
  dsc_err_t err;
  size_t allocations;

  /* The input is handed over exactly as read: no NUL terminator, so ASan
   * sees any read past its end. */
  fuzz_alloc_arm(SIZE_MAX);
  err = dsc_intake_parse((const char *)data, size, &in, &d);
  allocations = fuzz_alloc_count;
  FUZZ_REQUIRE(err == DSC_OK || err == DSC_INVALID);
  if (err == DSC_OK) {
    check_accepted(in);
    dsc_intake_destroy(in);
  } else {
    FUZZ_REQUIRE(in == NULL);
    check_refused(&d, data, size);
  }

  /* Again, with one of the allocations the first run made failing. */
  if (allocations > 0) {
    in = (dsc_intake_t *)1;
    fuzz_alloc_arm((size_t)(fuzz_hash(data, size) % allocations));
    err = dsc_intake_parse((const char *)data, size, &in, &d);
    FUZZ_REQUIRE(fuzz_alloc_failed == 1);
    fuzz_alloc_arm(SIZE_MAX);
    FUZZ_REQUIRE(err == DSC_NOMEM);
    FUZZ_REQUIRE(in == NULL);
  }
  return 0;
}
