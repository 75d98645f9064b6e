/* Submission intake: the validator of CONTRACT §5 "Submission JSON".
 * Over 700 lines because it is one document's grammar: the fields' rules
 * and the Art. 31 receipt rule read the same object in one order, which
 * the first failure reported depends on.
 *
 * The rules, in the order they are checked; the first failure is reported
 * as DSC_INVALID with the JSON path as the detail's field ("(document)" for
 * the document as a whole):
 *
 *  1. The raw document: at most DSC_INTAKE_MAX_BYTES (64 KiB) bytes, no NUL
 *     byte, well-formed UTF-8 — checked on the bytes before any parsing.
 *  2. Lexical strictness cJSON lacks (RFC 8259 §7): no raw control
 *     character inside a string (it must be escaped), none outside one but
 *     the four JSON whitespace bytes.
 *  3. JSON syntax (cJSON), then nothing but whitespace after the value, and
 *     the value an object.
 *  4. In the top-level object and in "applicant": no unknown key, no key
 *     twice (cJSON keeps both; we refuse rather than pick one). Keys are
 *     compared exactly, after cJSON has decoded their escapes.
 *  5. Each field, in this order — agency, channel, received_on,
 *     post_kind, handed_in_on, signed_on, confirmed_on, then the day of
 *     receipt (rule 8), applicant.{type, name, id_number, phone, email,
 *     address}, description, form, idempotency_key: required ones present
 *     (channel, applicant, applicant.type, applicant.name, description);
 *     each value of its JSON type (null is never accepted: leave an
 *     optional key out); enumerations spelled exactly; the dates days that
 *     exist, written YYYY-MM-DD.
 *  6. Every string field, present:
 *       - no control character: U+0000–U+001F, U+007F–U+009F, and the
 *         Unicode line/paragraph separators U+2028/U+2029. The free-text
 *         fields description and address may hold tab, line feed and
 *         CR LF pairs (HTML forms submit textarea line breaks as CR LF); a
 *         lone CR is refused everywhere, since on a terminal it overwrites
 *         the line it ends.
 *       - not empty nor blank (white space only, counting U+00A0,
 *         U+2000–U+200B, U+202F, U+205F, U+3000 and U+FEFF as white).
 *         Optional fields too: an empty phone is left out, not sent as "".
 *       - at most its limit in code points: agency 64, applicant.name 200,
 *         phone 32, email 254, address 500, description 5000,
 *         idempotency_key 128; applicant.id_number exactly 18. Over-long
 *         text is refused, never cut.
 *  7. Formats: agency only ASCII letters, digits, '_', '-', '.';
 *     applicant.id_number (ASCII letters upper-cased first) a GB 11643
 *     resident identity number for a natural person and a GB 32100 unified
 *     social credit code for every organisation type; phone only digits,
 *     spaces, '+', '-', '(', ')' with at least 5 digits; email exactly one
 *     '@', something before it, and after it a domain with an inner '.'
 *     (no leading, trailing or doubled dot), no white space; idempotency_key
 *     printable ASCII without space (0x21–0x7E).
 *  8. The day of receipt (Art. 31 of the 条例), right after the receipt
 *     fields: each channel has its fact — in_person handed_in_on, post
 *     signed_on (post_kind registered) or confirmed_on (post_kind
 *     ordinary), online and fax confirmed_on. A fact of another channel is
 *     refused; received_on, given too, must equal the fact, which becomes
 *     received_on. Without a fact, received_on as given (or, in the
 *     caller, the day of registration). dsc_receipt_derive lists the order
 *     of the checks.
 *
 * "\u0000" needs care: cJSON decodes it to a NUL byte, which would silently
 * cut the string short. The scan of rule 2 works on a private copy of the
 * document and rewrites each such escape to "\u0001" before cJSON sees it;
 * U+0001 is a control character that rule 6 refuses in every field (and a
 * key containing it is unknown), so the refusal names the field at fault.
 *
 * Messages never echo the submitted value: an identity number must not leak
 * into logs, and arbitrary text must not reach a terminal.
 */
#include "disclose/intake.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "idnum.h"
#include "names.h"
#include "utf8.h"

#define DOCUMENT "(document)"

/* Length limits, in code points. */
#define MAX_AGENCY 64
#define MAX_NAME 200
#define ID_NUMBER_LEN 18
#define MAX_PHONE 32
#define MAX_EMAIL 254
#define MAX_ADDRESS 500
#define MAX_DESCRIPTION 5000
#define MAX_IDEMPOTENCY_KEY 128
#define MIN_PHONE_DIGITS 5

/* ---- enumerations ------------------------------------------------------ */

static const char *const channel_names[DSC_CHANNEL_COUNT] = {
    "in_person", "post", "online", "fax"};
static const char *const post_kind_names[] = {NULL, "registered", "ordinary"};
static const char *const applicant_type_names[DSC_APPLICANT_TYPE_COUNT] = {
    "natural_person",  "commercial",     "research",
    "public_interest", "legal_services", "other_org"};
/* The column headings of the 2021 annual-report format. */
static const char *const applicant_type_labels[DSC_APPLICANT_TYPE_COUNT] = {
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};

const char *dsc_channel_name(dsc_channel_t channel) {
  switch (channel) {
  case DSC_CHANNEL_IN_PERSON:
  case DSC_CHANNEL_POST:
  case DSC_CHANNEL_ONLINE:
  case DSC_CHANNEL_FAX:
    return channel_names[channel];
  }
  return "unknown";
}

dsc_err_t dsc_channel_parse(const char *name, dsc_channel_t *out) {
  int i = dsc__name_index(channel_names, DSC_CHANNEL_COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_channel_t)i;
  return DSC_OK;
}

const char *dsc_applicant_type_name(dsc_applicant_type_t type) {
  switch (type) {
  case DSC_APPLICANT_NATURAL_PERSON:
  case DSC_APPLICANT_COMMERCIAL:
  case DSC_APPLICANT_RESEARCH:
  case DSC_APPLICANT_PUBLIC_INTEREST:
  case DSC_APPLICANT_LEGAL_SERVICES:
  case DSC_APPLICANT_OTHER_ORG:
    return applicant_type_names[type];
  }
  return "unknown";
}

dsc_err_t dsc_applicant_type_parse(const char *name,
                                   dsc_applicant_type_t *out) {
  int i = dsc__name_index(applicant_type_names, DSC_APPLICANT_TYPE_COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_applicant_type_t)i;
  return DSC_OK;
}

const char *dsc_applicant_type_label(dsc_applicant_type_t type) {
  switch (type) {
  case DSC_APPLICANT_NATURAL_PERSON:
  case DSC_APPLICANT_COMMERCIAL:
  case DSC_APPLICANT_RESEARCH:
  case DSC_APPLICANT_PUBLIC_INTEREST:
  case DSC_APPLICANT_LEGAL_SERVICES:
  case DSC_APPLICANT_OTHER_ORG:
    return applicant_type_labels[type];
  }
  return "未知";
}

const char *dsc_form_name(dsc_form_t form) {
  switch (form) {
  case DSC_FORM_NONE:
    return "none";
  case DSC_FORM_PAPER:
    return "paper";
  case DSC_FORM_ELECTRONIC:
    return "electronic";
  }
  return "unknown";
}

dsc_err_t dsc_form_parse(const char *name, dsc_form_t *out) {
  if (name == NULL || out == NULL)
    return DSC_INVALID;
  if (strcmp(name, "paper") == 0)
    *out = DSC_FORM_PAPER;
  else if (strcmp(name, "electronic") == 0)
    *out = DSC_FORM_ELECTRONIC;
  else
    return DSC_INVALID;
  return DSC_OK;
}

const char *dsc_post_kind_name(dsc_post_kind_t kind) {
  switch (kind) {
  case DSC_POST_KIND_NONE:
    return "none";
  case DSC_POST_KIND_REGISTERED:
  case DSC_POST_KIND_ORDINARY:
    return post_kind_names[kind];
  }
  return "unknown";
}

dsc_err_t dsc_post_kind_parse(const char *name, dsc_post_kind_t *out) {
  int i =
      dsc__name_index(post_kind_names,
                      sizeof post_kind_names / sizeof post_kind_names[0], name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_post_kind_t)i;
  return DSC_OK;
}

/* ---- Art. 31: the day of receipt --------------------------------------- */

#define HANDED_IN_ON "handed_in_on"
#define SIGNED_ON "signed_on"
#define CONFIRMED_ON "confirmed_on"

const char *dsc_receipt_rule(dsc_channel_t channel, dsc_post_kind_t kind) {
  switch (channel) {
  case DSC_CHANNEL_IN_PERSON:
    return HANDED_IN_ON; /* (一) 以提交之日为收到申请之日 */
  case DSC_CHANNEL_POST:
    if (kind == DSC_POST_KIND_REGISTERED)
      return SIGNED_ON; /* (二) 以行政机关签收之日为收到申请之日 */
    if (kind == DSC_POST_KIND_ORDINARY)
      return CONFIRMED_ON; /* (二) 平常信函…确认之日为收到申请之日 */
    return NULL;
  case DSC_CHANNEL_ONLINE:
  case DSC_CHANNEL_FAX:
    return CONFIRMED_ON; /* (三) 以双方确认之日为收到申请之日 */
  }
  return NULL;
}

/* Refuses a fact the channel's rule does not use. */
static dsc_err_t refuse_fact(dsc_detail_t *d, const char *field,
                             dsc_channel_t channel, dsc_post_kind_t kind) {
  const char *rule = dsc_receipt_rule(channel, kind);

  if (channel == DSC_CHANNEL_POST && rule == NULL)
    return dsc_detail_set(
        d, DSC_INVALID, field,
        "does not apply to channel post: a letter's day of receipt is "
        "signed_on (post_kind registered) or confirmed_on (post_kind "
        "ordinary) (Art. 31)",
        "不适用于 post 渠道：邮寄的收到申请之日为 signed_on（post_kind 为 "
        "registered）或 confirmed_on（post_kind 为 ordinary）（第三十一条）");
  if (channel == DSC_CHANNEL_POST)
    return dsc_detail_setf(
        d, DSC_INVALID, field,
        "does not apply to channel post with post_kind %s: its day of "
        "receipt is %s (Art. 31)",
        "不适用于 post_kind 为 %s 的 post 渠道：其收到申请之日为 %s"
        "（第三十一条）",
        dsc_post_kind_name(kind), rule);
  return dsc_detail_setf(d, DSC_INVALID, field,
                         "does not apply to channel %s: its day of receipt "
                         "is %s (Art. 31)",
                         "不适用于 %s 渠道：其收到申请之日为 %s（第三十一条）",
                         dsc_channel_name(channel), rule ? rule : "?");
}

/* Refuses a received_on that differs from the rule's date, saying why in
 * the words of Art. 31. One argument list serves both languages: "%.0s"
 * skips the other language's reason. */
static dsc_err_t refuse_mismatch(dsc_detail_t *d, const char *rule,
                                 dsc_date_t fact) {
  static const struct {
    const char *rule, *en, *zh;
  } why[] = {
      {HANDED_IN_ON,
       "an application handed in is received the day it is handed in "
       "(Art. 31(1))",
       "当面提交的，以提交之日为收到申请之日（第三十一条第（一）项）"},
      {SIGNED_ON,
       "registered post is received the day the agency signs for it "
       "(Art. 31(2))",
       "邮寄的，以行政机关签收之日为收到申请之日（第三十一条第（二）项）"},
      {CONFIRMED_ON,
       "an ordinary letter, an online or a fax application is received the "
       "day receipt is confirmed (Art. 31(2), (3))",
       "平常信函、互联网和传真提交的，以确认之日为收到申请之日"
       "（第三十一条第（二）、（三）项）"}};
  char day[DSC_DATE_STRLEN];
  size_t i = 0;

  while (i + 1 < sizeof why / sizeof why[0] && strcmp(why[i].rule, rule) != 0)
    i++;
  return dsc_detail_setf(d, DSC_INVALID, "received_on",
                         "must equal %s (%s): %s%.0s",
                         "必须与 %s（%s）相同：%.0s%s", why[i].rule,
                         dsc_date_format(fact, day), why[i].en, why[i].zh);
}

dsc_err_t dsc_receipt_derive(dsc_channel_t channel, const dsc_receipt_t *r,
                             dsc_date_t received_on, dsc_date_t *out,
                             const char **from, dsc_detail_t *d) {
  const struct {
    const char *name;
    dsc_date_t on;
  } facts[] = {{HANDED_IN_ON, r ? r->handed_in_on : DSC_DATE_NONE},
               {SIGNED_ON, r ? r->signed_on : DSC_DATE_NONE},
               {CONFIRMED_ON, r ? r->confirmed_on : DSC_DATE_NONE}};
  const char *rule;
  dsc_date_t fact = DSC_DATE_NONE;

  if (r == NULL || out == NULL)
    return dsc_detail_set(d, DSC_MISUSE, "",
                          "dsc_receipt_derive: r and out must not be NULL",
                          "dsc_receipt_derive：r 与 out 不能为 NULL");
  rule = dsc_receipt_rule(channel, r->post_kind);
  if (r->post_kind != DSC_POST_KIND_NONE && channel != DSC_CHANNEL_POST)
    return dsc_detail_setf(
        d, DSC_INVALID, "post_kind", "applies only to channel post, not %s",
        "仅适用于 post 渠道，不适用于 %s", dsc_channel_name(channel));
  if (channel == DSC_CHANNEL_POST && rule == NULL &&
      (r->signed_on != DSC_DATE_NONE || r->confirmed_on != DSC_DATE_NONE))
    return dsc_detail_set(
        d, DSC_INVALID, "post_kind",
        "required with signed_on or confirmed_on: registered (signed for) or "
        "ordinary (Art. 31(2))",
        "填写 signed_on 或 confirmed_on 时必填：registered（需签收）或 "
        "ordinary（第三十一条第（二）项）");
  for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
    if (facts[i].on == DSC_DATE_NONE)
      continue;
    if (rule == NULL || strcmp(facts[i].name, rule) != 0)
      return refuse_fact(d, facts[i].name, channel, r->post_kind);
    fact = facts[i].on;
  }
  if (r->post_kind != DSC_POST_KIND_NONE && fact == DSC_DATE_NONE)
    return dsc_detail_setf(d, DSC_INVALID, rule,
                           "required when post_kind is %s (Art. 31(2))",
                           "post_kind 为 %s 时必填（第三十一条第（二）项）",
                           dsc_post_kind_name(r->post_kind));
  if (fact != DSC_DATE_NONE && received_on != DSC_DATE_NONE &&
      received_on != fact)
    return refuse_mismatch(d, rule, fact);
  *out = fact != DSC_DATE_NONE ? fact : received_on;
  if (from != NULL)
    *from = fact != DSC_DATE_NONE          ? rule
            : received_on != DSC_DATE_NONE ? "received_on"
                                           : NULL;
  return DSC_OK;
}

/* ---- the intake record ------------------------------------------------- */

void dsc_intake_destroy(dsc_intake_t *intake) {
  if (intake == NULL)
    return;
  dsc__free(intake->agency);
  dsc__free(intake->applicant_name);
  dsc__free(intake->id_number);
  dsc__free(intake->phone);
  dsc__free(intake->email);
  dsc__free(intake->address);
  dsc__free(intake->description);
  dsc__free(intake->idempotency_key);
  dsc__free(intake);
}

static dsc_err_t dup_string(const char *s, const char *field, char **out,
                            dsc_detail_t *d) {
  char *copy = dsc__strdup(s);

  if (copy == NULL)
    return dsc_detail_set(d, DSC_NOMEM, field, "out of memory", "内存不足");
  *out = copy;
  return DSC_OK;
}

/* ---- rules 1-3: the raw document --------------------------------------- */

static dsc_err_t check_raw(const char *json, size_t len, dsc_detail_t *d) {
  if (len > DSC_INTAKE_MAX_BYTES)
    return dsc_detail_setf(d, DSC_INVALID, DOCUMENT, "larger than %d bytes",
                           "超过 %d 字节", DSC_INTAKE_MAX_BYTES);
  if (memchr(json, '\0', len) != NULL)
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "contains a NUL byte",
                          "含有 NUL 字节");
  if (!dsc__utf8_valid(json, len))
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "not valid UTF-8",
                          "不是有效的 UTF-8 编码");
  return DSC_OK;
}

static bool json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Rule 2 on doc[0..len), a private copy: refuses raw control characters and
 * rewrites each "\u0000" escape to "\u0001" (see the top of the file). The
 * scan tracks string and escape state, so "\\u0000" (an escaped backslash
 * followed by the text u0000) is left alone; cJSON checks everything else
 * about the syntax. */
static dsc_err_t scan_lexical(char *doc, size_t len, dsc_detail_t *d) {
  enum { OUTSIDE, IN_STRING, AFTER_BACKSLASH } state = OUTSIDE;

  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)doc[i];
    switch (state) {
    case OUTSIDE:
      if (c < 0x20 && !json_space((char)c))
        return dsc_detail_setf(d, DSC_INVALID, DOCUMENT,
                               "not valid JSON: control character at byte %zu",
                               "不是有效的 JSON：第 %zu 字节为控制字符", i);
      if (c == '"')
        state = IN_STRING;
      break;
    case IN_STRING:
      if (c < 0x20)
        return dsc_detail_setf(
            d, DSC_INVALID, DOCUMENT,
            "not valid JSON: unescaped control character in a string at "
            "byte %zu",
            "不是有效的 JSON：第 %zu 字节为字符串中未转义的控制字符", i);
      if (c == '"')
        state = OUTSIDE;
      else if (c == '\\')
        state = AFTER_BACKSLASH;
      break;
    case AFTER_BACKSLASH:
      if (c == 'u' && len - i > 4 && memcmp(doc + i + 1, "0000", 4) == 0)
        doc[i + 4] = '1';
      state = IN_STRING;
      break;
    }
  }
  return DSC_OK;
}

/* Rule 3: parses doc[0..len) into *root (OUT). */
static dsc_err_t parse_json(const char *doc, size_t len, cJSON **root,
                            dsc_detail_t *d) {
  const char *end = NULL;
  size_t at;
  unsigned long failures = dsc__alloc_failures();

  *root = cJSON_ParseWithLengthOpts(doc, len, &end, 0);
  if (*root == NULL) {
    /* cJSON says NULL for bad JSON and for no memory alike. */
    if (dsc__alloc_failures() != failures)
      return dsc_detail_set(d, DSC_NOMEM, DOCUMENT, "out of memory",
                            "内存不足");
    /* cJSON points end at the failure; an empty document has none. */
    at = (end != NULL && end >= doc && end <= doc + len) ? (size_t)(end - doc)
                                                         : 0;
    return dsc_detail_setf(d, DSC_INVALID, DOCUMENT,
                           "not valid JSON (at byte %zu)",
                           "不是有效的 JSON（第 %zu 字节）", at);
  }
  /* cJSON's own trailing check wants a NUL inside len; we check the rest
   * of the buffer for JSON whitespace ourselves. */
  at = (size_t)(end - doc);
  while (at < len && json_space(doc[at]))
    at++;
  if (at < len)
    return dsc_detail_setf(d, DSC_INVALID, DOCUMENT,
                           "unexpected text after the JSON value (at byte "
                           "%zu)",
                           "JSON 值之后有多余内容（第 %zu 字节）", at);
  if (!cJSON_IsObject(*root))
    return dsc_detail_set(d, DSC_INVALID, DOCUMENT, "must be a JSON object",
                          "必须是 JSON 对象");
  return DSC_OK;
}

/* ---- rule 4: keys ------------------------------------------------------ */

enum {
  TOP_AGENCY,
  TOP_CHANNEL,
  TOP_RECEIVED_ON,
  TOP_POST_KIND,
  TOP_HANDED_IN_ON,
  TOP_SIGNED_ON,
  TOP_CONFIRMED_ON,
  TOP_APPLICANT,
  TOP_DESCRIPTION,
  TOP_FORM,
  TOP_IDEMPOTENCY_KEY,
  TOP__COUNT
};
static const char *const top_keys[TOP__COUNT] = {
    "agency",      "channel", "received_on",    "post_kind",
    HANDED_IN_ON,  SIGNED_ON, CONFIRMED_ON,     "applicant",
    "description", "form",    "idempotency_key"};

enum {
  APP_TYPE,
  APP_NAME,
  APP_ID_NUMBER,
  APP_PHONE,
  APP_EMAIL,
  APP_ADDRESS,
  APP__COUNT
};
static const char *const applicant_keys[APP__COUNT] = {
    "type", "name", "id_number", "phone", "email", "address"};

/* Records a refusal of key `key` of the object at `prefix`. The key is
 * untrusted text that ends up in the detail's field: control characters
 * become '?' so that it cannot drive a terminal, the empty key is shown as
 * "" and a long one is cut to fit. */
static dsc_err_t refuse_key(dsc_detail_t *d, const char *prefix,
                            const char *key, const char *en, const char *zh) {
  char field[sizeof d->field + 8];
  size_t p = strlen(prefix);

  memcpy(field, prefix, p);
  if (key[0] == '\0') /* the empty key: still name something */
    key = "\"\"";
  dsc__utf8_copy_truncated(field + p, sizeof field - p, key, strlen(key));
  for (char *c = field + p; *c != '\0'; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7F)
      *c = '?';
  return dsc_detail_set(d, DSC_INVALID, field, en, zh);
}

/* Files every member of obj into slots[] by its key (one of names[n]),
 * refusing unknown and repeated keys. Linear: any key not in names[] ends
 * the scan. */
static dsc_err_t collect_keys(const cJSON *obj, const char *prefix,
                              const char *const *names, size_t n,
                              const cJSON **slots, dsc_detail_t *d) {
  for (const cJSON *m = obj->child; m != NULL; m = m->next) {
    const char *key = m->string != NULL ? m->string : "";
    size_t k = 0;
    while (k < n && strcmp(key, names[k]) != 0)
      k++;
    if (k == n)
      return refuse_key(d, prefix, key, "unknown field", "未知字段");
    if (slots[k] != NULL)
      return refuse_key(d, prefix, key, "duplicate key", "键重复");
    slots[k] = m;
  }
  return DSC_OK;
}

/* ---- rules 5-6: values ------------------------------------------------- */

static dsc_err_t refuse(dsc_detail_t *d, const char *field, const char *en,
                        const char *zh) {
  return dsc_detail_set(d, DSC_INVALID, field, en, zh);
}

static dsc_err_t refuse_required(dsc_detail_t *d, const char *field) {
  return refuse(d, field, "required", "必填");
}

/* The byte length of the white-space code point at s (see rule 6), or 0. */
static size_t space_at(const char *s) {
  const unsigned char *p = (const unsigned char *)s;

  if (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r')
    return 1;
  if (p[0] == 0xC2 && p[1] == 0xA0) /* U+00A0 */
    return 2;
  if (p[0] == 0xE2 && p[1] == 0x80 &&
      ((p[2] >= 0x80 && p[2] <= 0x8B) || p[2] == 0xAF)) /* U+2000-200B, 202F */
    return 3;
  if (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) /* U+205F */
    return 3;
  if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
    return 3;
  if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) /* U+FEFF */
    return 3;
  return 0;
}

static bool is_blank(const char *s) {
  while (*s != '\0') {
    size_t n = space_at(s);
    if (n == 0)
      return false;
    s += n;
  }
  return true;
}

/* True when the valid UTF-8 string s holds a character rule 6 forbids;
 * multiline admits tab, line feed and CR LF. */
static bool has_control(const char *s, bool multiline) {
  const unsigned char *p = (const unsigned char *)s;

  for (size_t i = 0; p[i] != '\0'; i++) {
    unsigned char c = p[i];
    if (c < 0x20) {
      if (multiline &&
          (c == '\t' || c == '\n' || (c == '\r' && p[i + 1] == '\n')))
        continue;
      return true;
    }
    if (c == 0x7F)
      return true;
    if (c == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) /* C1 controls */
      return true;
    if (c == 0xE2 && p[i + 1] == 0x80 &&
        (p[i + 2] == 0xA8 || p[i + 2] == 0xA9) && !multiline)
      return true; /* U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR */
  }
  return false;
}

/* Checks that item is a string obeying rule 6 with at most max code points
 * and points *out (OUT) at it (owned by the cJSON tree). */
static dsc_err_t get_string(const cJSON *item, const char *field,
                            bool multiline, size_t max, const char **out,
                            dsc_detail_t *d) {
  const char *s;
  size_t n;

  if (!cJSON_IsString(item) || item->valuestring == NULL)
    return refuse(d, field, "must be a string", "必须是字符串");
  s = item->valuestring;
  n = strlen(s);
  /* The document was valid UTF-8, but cJSON built this string from
   * escapes; it is cheap to be sure. */
  if (!dsc__utf8_valid(s, n))
    return refuse(d, field, "not valid UTF-8", "不是有效的 UTF-8 编码");
  if (has_control(s, multiline))
    return refuse(d, field,
                  multiline ? "contains a control character"
                            : "contains a control character or line break",
                  multiline ? "含有控制字符" : "含有控制字符或换行符");
  if (is_blank(s))
    return refuse(d, field, "must not be empty or blank", "不能为空或只含空白");
  if (dsc__utf8_length(s, n) > max)
    return dsc_detail_setf(d, DSC_INVALID, field, "longer than %zu characters",
                           "超过 %zu 个字符", max);
  *out = s;
  return DSC_OK;
}

/* get_string, then a private copy in *out (OUT). */
static dsc_err_t copy_string(const cJSON *item, const char *field,
                             bool multiline, size_t max, char **out,
                             dsc_detail_t *d) {
  const char *s = NULL;
  dsc_err_t err = get_string(item, field, multiline, max, &s, d);
  return err != DSC_OK ? err : dup_string(s, field, out, d);
}

/* ---- rule 7: formats --------------------------------------------------- */

static bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z');
}

static dsc_err_t check_agency(const char *s, dsc_detail_t *d) {
  for (; *s != '\0'; s++)
    if (!ascii_alnum(*s) && *s != '_' && *s != '-' && *s != '.')
      return refuse(d, "agency",
                    "may contain only letters, digits, '_', '-' and '.'",
                    "只能包含字母、数字、“_”、“-”和“.”");
  return DSC_OK;
}

#define ID_FIELD "applicant.id_number"

static dsc_err_t refuse_resident(dsc__id_status_t st, const char *id,
                                 dsc_detail_t *d) {
  switch (st) {
  case DSC__ID_OK:
    return DSC_OK;
  case DSC__ID_BAD_REGION:
    return refuse(d, ID_FIELD, "bad region code", "地址码无效");
  case DSC__ID_BAD_BIRTH_DATE:
    return refuse(d, ID_FIELD, "bad birth date", "出生日期码无效");
  case DSC__ID_BAD_CHECK:
    return refuse(d, ID_FIELD, "bad check digit", "校验码错误");
  case DSC__ID_BAD_LENGTH:
  case DSC__ID_BAD_CHARS:
  case DSC__ID_BAD_DEPARTMENT:
    break;
  }
  if (dsc_id_uscc_valid(id))
    return refuse(d, ID_FIELD,
                  "a natural person needs a resident identity number, not a "
                  "unified social credit code",
                  "自然人应填写居民身份证号码，而非统一社会信用代码");
  return refuse(d, ID_FIELD, "must be 17 digits followed by a digit or X",
                "必须为 17 位数字加 1 位数字或 X");
}

static dsc_err_t refuse_uscc(dsc__id_status_t st, const char *code,
                             dsc_detail_t *d) {
  if (st == DSC__ID_OK)
    return DSC_OK;
  if (dsc_id_resident_valid(code))
    return refuse(d, ID_FIELD,
                  "an organisation needs a unified social credit code, not a "
                  "resident identity number",
                  "法人或其他组织应填写统一社会信用代码，而非居民身份证号码");
  switch (st) {
  case DSC__ID_OK:
    return DSC_OK;
  case DSC__ID_BAD_DEPARTMENT:
    return refuse(d, ID_FIELD,
                  "bad registration department code (first character)",
                  "登记管理部门码（第 1 位）无效");
  case DSC__ID_BAD_CHECK:
    return refuse(d, ID_FIELD, "bad check digit", "校验码错误");
  case DSC__ID_BAD_LENGTH:
  case DSC__ID_BAD_CHARS:
  case DSC__ID_BAD_REGION:
  case DSC__ID_BAD_BIRTH_DATE:
    break;
  }
  return refuse(d, ID_FIELD,
                "may contain only digits and capital letters other than I, "
                "O, Z, S and V",
                "只能包含数字和除 I、O、Z、S、V 以外的大写字母");
}

/* applicant.id_number into in->id_number, upper-cased and checked against
 * the applicant type already parsed. */
static dsc_err_t take_id_number(const cJSON *item, dsc_intake_t *in,
                                dsc_detail_t *d) {
  const char *s = NULL;
  dsc_err_t err = get_string(item, ID_FIELD, false, SIZE_MAX, &s, d);

  if (err != DSC_OK)
    return err;
  if (dsc__utf8_length(s, strlen(s)) != ID_NUMBER_LEN)
    return refuse(d, ID_FIELD, "must be exactly 18 characters", "必须为 18 位");
  if ((err = dup_string(s, ID_FIELD, &in->id_number, d)) != DSC_OK)
    return err;
  for (char *c = in->id_number; *c != '\0'; c++)
    if (*c >= 'a' && *c <= 'z')
      *c = (char)(*c - 'a' + 'A');
  if (in->applicant_type == DSC_APPLICANT_NATURAL_PERSON)
    return refuse_resident(dsc__id_resident_check(in->id_number), in->id_number,
                           d);
  return refuse_uscc(dsc__id_uscc_check(in->id_number), in->id_number, d);
}

static dsc_err_t check_phone(const char *s, dsc_detail_t *d) {
  int digits = 0;

  for (; *s != '\0'; s++) {
    if (*s >= '0' && *s <= '9')
      digits++;
    else if (*s != ' ' && *s != '+' && *s != '-' && *s != '(' && *s != ')')
      return refuse(d, "applicant.phone",
                    "may contain only digits, spaces, '+', '-', '(' and ')'",
                    "只能包含数字、空格、“+”、“-”、“(”和“)”");
  }
  if (digits < MIN_PHONE_DIGITS)
    return refuse(d, "applicant.phone", "must contain at least 5 digits",
                  "至少应包含 5 位数字");
  return DSC_OK;
}

static dsc_err_t check_email(const char *s, dsc_detail_t *d) {
  const char *at = NULL, *domain;
  size_t dlen;

  for (const char *p = s; *p != '\0'; p++) {
    if (space_at(p) != 0)
      return refuse(d, "applicant.email", "must not contain spaces",
                    "不能包含空格");
    if (*p == '@') {
      if (at != NULL)
        return refuse(d, "applicant.email", "must contain exactly one '@'",
                      "必须恰好包含一个“@”");
      at = p;
    }
  }
  if (at == NULL)
    return refuse(d, "applicant.email", "must contain exactly one '@'",
                  "必须恰好包含一个“@”");
  if (at == s)
    return refuse(d, "applicant.email", "needs a name before the '@'",
                  "“@”之前应有用户名");
  domain = at + 1;
  dlen = strlen(domain);
  if (dlen < 3 || strchr(domain, '.') == NULL || domain[0] == '.' ||
      domain[dlen - 1] == '.' || strstr(domain, "..") != NULL)
    return refuse(d, "applicant.email",
                  "needs a domain such as example.org after the '@'",
                  "“@”之后应为域名，如 example.org");
  return DSC_OK;
}

static dsc_err_t check_idempotency_key(const char *s, dsc_detail_t *d) {
  for (; *s != '\0'; s++)
    if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7E)
      return refuse(d, "idempotency_key",
                    "may contain only printable ASCII characters, no spaces",
                    "只能包含可打印的 ASCII 字符，不含空格");
  return DSC_OK;
}

/* ---- the document ------------------------------------------------------ */

/* A date field, when present, into *out (OUT): a string naming a day that
 * exists. */
static dsc_err_t take_date(const cJSON *item, const char *field,
                           dsc_date_t *out, dsc_detail_t *d) {
  if (item == NULL)
    return DSC_OK;
  if (!cJSON_IsString(item))
    return refuse(d, field, "must be a string", "必须是字符串");
  if (dsc_date_parse(item->valuestring, out) != DSC_OK)
    return refuse(d, field, "must be a date that exists, written YYYY-MM-DD",
                  "必须是存在的日期，格式为 YYYY-MM-DD");
  return DSC_OK;
}

/* The receipt fields and rule 8: in->received_on becomes the day of
 * receipt (Art. 31). */
static dsc_err_t take_receipt(const cJSON *const *f, dsc_intake_t *in,
                              dsc_detail_t *d) {
  dsc_receipt_t *r = &in->receipt;
  dsc_err_t err;

  if (f[TOP_POST_KIND] != NULL) {
    if (!cJSON_IsString(f[TOP_POST_KIND]))
      return refuse(d, "post_kind", "must be a string", "必须是字符串");
    if (dsc_post_kind_parse(f[TOP_POST_KIND]->valuestring, &r->post_kind) !=
        DSC_OK)
      return refuse(d, "post_kind", "must be one of registered, ordinary",
                    "必须是以下之一：registered、ordinary");
  }
  if ((err = take_date(f[TOP_HANDED_IN_ON], HANDED_IN_ON, &r->handed_in_on,
                       d)) != DSC_OK ||
      (err = take_date(f[TOP_SIGNED_ON], SIGNED_ON, &r->signed_on, d)) !=
          DSC_OK ||
      (err = take_date(f[TOP_CONFIRMED_ON], CONFIRMED_ON, &r->confirmed_on,
                       d)) != DSC_OK)
    return err;
  return dsc_receipt_derive(in->channel, r, in->received_on, &in->received_on,
                            &in->received_from, d);
}

static dsc_err_t take_applicant(const cJSON *obj, dsc_intake_t *in,
                                dsc_detail_t *d) {
  const cJSON *f[APP__COUNT] = {NULL};
  dsc_err_t err;

  if (obj == NULL)
    return refuse_required(d, "applicant");
  if (!cJSON_IsObject(obj))
    return refuse(d, "applicant", "must be an object", "必须是对象");
  if ((err = collect_keys(obj, "applicant.", applicant_keys, APP__COUNT, f,
                          d)) != DSC_OK)
    return err;

  if (f[APP_TYPE] == NULL)
    return refuse_required(d, "applicant.type");
  if (!cJSON_IsString(f[APP_TYPE]))
    return refuse(d, "applicant.type", "must be a string", "必须是字符串");
  if (dsc_applicant_type_parse(f[APP_TYPE]->valuestring, &in->applicant_type) !=
      DSC_OK)
    return refuse(d, "applicant.type",
                  "must be one of natural_person, commercial, research, "
                  "public_interest, legal_services, other_org",
                  "必须是以下之一：natural_person、commercial、research、"
                  "public_interest、legal_services、other_org");

  if (f[APP_NAME] == NULL)
    return refuse_required(d, "applicant.name");
  if ((err = copy_string(f[APP_NAME], "applicant.name", false, MAX_NAME,
                         &in->applicant_name, d)) != DSC_OK)
    return err;

  if (f[APP_ID_NUMBER] != NULL &&
      (err = take_id_number(f[APP_ID_NUMBER], in, d)) != DSC_OK)
    return err;

  if (f[APP_PHONE] != NULL) {
    if ((err = copy_string(f[APP_PHONE], "applicant.phone", false, MAX_PHONE,
                           &in->phone, d)) != DSC_OK ||
        (err = check_phone(in->phone, d)) != DSC_OK)
      return err;
  }
  if (f[APP_EMAIL] != NULL) {
    if ((err = copy_string(f[APP_EMAIL], "applicant.email", false, MAX_EMAIL,
                           &in->email, d)) != DSC_OK ||
        (err = check_email(in->email, d)) != DSC_OK)
      return err;
  }
  if (f[APP_ADDRESS] != NULL &&
      (err = copy_string(f[APP_ADDRESS], "applicant.address", true, MAX_ADDRESS,
                         &in->address, d)) != DSC_OK)
    return err;
  return DSC_OK;
}

static dsc_err_t take_document(const cJSON *root, dsc_intake_t *in,
                               dsc_detail_t *d) {
  const cJSON *f[TOP__COUNT] = {NULL};
  dsc_err_t err;

  if ((err = collect_keys(root, "", top_keys, TOP__COUNT, f, d)) != DSC_OK)
    return err;

  if (f[TOP_AGENCY] == NULL)
    err = dup_string("default", "agency", &in->agency, d);
  else if ((err = copy_string(f[TOP_AGENCY], "agency", false, MAX_AGENCY,
                              &in->agency, d)) == DSC_OK)
    err = check_agency(in->agency, d);
  if (err != DSC_OK)
    return err;

  if (f[TOP_CHANNEL] == NULL)
    return refuse_required(d, "channel");
  if (!cJSON_IsString(f[TOP_CHANNEL]))
    return refuse(d, "channel", "must be a string", "必须是字符串");
  if (dsc_channel_parse(f[TOP_CHANNEL]->valuestring, &in->channel) != DSC_OK)
    return refuse(d, "channel", "must be one of in_person, post, online, fax",
                  "必须是以下之一：in_person、post、online、fax");

  if ((err = take_date(f[TOP_RECEIVED_ON], "received_on", &in->received_on,
                       d)) != DSC_OK ||
      (err = take_receipt(f, in, d)) != DSC_OK)
    return err;

  if ((err = take_applicant(f[TOP_APPLICANT], in, d)) != DSC_OK)
    return err;

  if (f[TOP_DESCRIPTION] == NULL)
    return refuse_required(d, "description");
  if ((err = copy_string(f[TOP_DESCRIPTION], "description", true,
                         MAX_DESCRIPTION, &in->description, d)) != DSC_OK)
    return err;

  if (f[TOP_FORM] != NULL) {
    if (!cJSON_IsString(f[TOP_FORM]))
      return refuse(d, "form", "must be a string", "必须是字符串");
    if (dsc_form_parse(f[TOP_FORM]->valuestring, &in->form) != DSC_OK)
      return refuse(d, "form", "must be one of paper, electronic",
                    "必须是以下之一：paper、electronic");
  }

  if (f[TOP_IDEMPOTENCY_KEY] != NULL) {
    if ((err = copy_string(f[TOP_IDEMPOTENCY_KEY], "idempotency_key", false,
                           MAX_IDEMPOTENCY_KEY, &in->idempotency_key, d)) !=
            DSC_OK ||
        (err = check_idempotency_key(in->idempotency_key, d)) != DSC_OK)
      return err;
  }
  return DSC_OK;
}

dsc_err_t dsc_intake_parse(const char *json, size_t len, dsc_intake_t **out,
                           dsc_detail_t *detail) {
  char *doc = NULL;
  cJSON *root = NULL;
  dsc_intake_t *in = NULL;
  dsc_err_t err;

  dsc_detail_clear(detail);
  if (out != NULL)
    *out = NULL;
  if (json == NULL || out == NULL)
    return dsc_detail_set(detail, DSC_MISUSE, "",
                          "dsc_intake_parse: json and out must not be NULL",
                          "dsc_intake_parse：json 与 out 不能为 NULL");
  if ((err = check_raw(json, len, detail)) != DSC_OK)
    return err;

  /* A private, NUL-terminated copy: scan_lexical rewrites "\u0000". */
  doc = dsc__malloc(len + 1);
  if (doc == NULL)
    return dsc_detail_set(detail, DSC_NOMEM, DOCUMENT, "out of memory",
                          "内存不足");
  memcpy(doc, json, len);
  doc[len] = '\0';

  if ((err = scan_lexical(doc, len, detail)) != DSC_OK ||
      (err = parse_json(doc, len, &root, detail)) != DSC_OK)
    goto done;

  in = dsc__calloc(1, sizeof *in);
  if (in == NULL) {
    err = dsc_detail_set(detail, DSC_NOMEM, DOCUMENT, "out of memory",
                         "内存不足");
    goto done;
  }
  in->received_on = DSC_DATE_NONE;
  in->receipt.handed_in_on = DSC_DATE_NONE;
  in->receipt.signed_on = DSC_DATE_NONE;
  in->receipt.confirmed_on = DSC_DATE_NONE;
  in->form = DSC_FORM_NONE;
  err = take_document(root, in, detail);

done:
  cJSON_Delete(root);
  dsc__free(doc);
  if (err != DSC_OK) {
    dsc_intake_destroy(in);
    return err;
  }
  *out = in;
  return DSC_OK;
}
