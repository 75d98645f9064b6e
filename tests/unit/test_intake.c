/* Submission intake: what parses, and for every rule an input it refuses
 * with DSC_INVALID and the exact JSON path. */
#include "disclose/intake.h"
#include "dsc_test.h"

/* ---- helpers ----------------------------------------------------------- */

/* Prints s[0..len) with everything outside printable ASCII escaped, cut
 * after 200 bytes, so a failing input can be read and pasted back. */
static void print_input(const char *s, size_t len) {
  fputc('"', stderr);
  for (size_t i = 0; i < len && i < 200; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\')
      fprintf(stderr, "\\%c", c);
    else if (c >= 0x20 && c < 0x7F)
      fputc(c, stderr);
    else
      fprintf(stderr, "\\x%02x", c);
  }
  fprintf(stderr, len > 200 ? "\"... (%zu bytes)\n" : "\"\n", len);
}

/* Parses json[0..len) expecting success; returns the intake. */
static dsc_intake_t *parse_ok_n(const char *json, size_t len) {
  dsc_intake_t *in = NULL;
  dsc_detail_t d;
  dsc_err_t err = dsc_intake_parse(json, len, &in, &d);
  if (err != DSC_OK || in == NULL) {
    char buf[600];
    fprintf(stderr, "refused: %s\ninput: ",
            dsc_detail_format(&d, DSC_LANG_EN, buf, sizeof buf));
    print_input(json, len);
    DSC_FAIL_("expected DSC_OK, got %s", dsc_err_name(err));
  }
  return in;
}

static dsc_intake_t *parse_ok(const char *json) {
  return parse_ok_n(json, strlen(json));
}

/* Parses json[0..len) expecting DSC_INVALID naming `field`; returns false
 * (after printing why) when it does not. The detail goes to *out_d. */
static bool refused_as(const char *json, size_t len, const char *field,
                       dsc_detail_t *out_d) {
  dsc_intake_t *in = (dsc_intake_t *)&in; /* must be reset to NULL */
  dsc_detail_t d;
  dsc_err_t err = dsc_intake_parse(json, len, &in, &d);
  bool ok = err == DSC_INVALID && in == NULL && d.code == DSC_INVALID &&
            strcmp(d.field, field) == 0 && d.message[0] != '\0' &&
            d.message_zh[0] != '\0';
  if (!ok) {
    fprintf(stderr,
            "want invalid at \"%s\"; got %s at \"%s\": %s / %s%s\ninput: ",
            field, dsc_err_name(err), d.field, d.message, d.message_zh,
            in == NULL ? "" : " (and *out was not NULL)");
    print_input(json, len);
    if (err == DSC_OK)
      dsc_intake_destroy(in);
  }
  if (out_d != NULL)
    *out_d = d;
  return ok;
}

/* A string of n copies of the UTF-8 character c (heap; caller frees). */
static char *repeat(const char *c, size_t n) {
  size_t cl = strlen(c);
  char *s = malloc(n * cl + 1);
  DSC_ASSERT(s != NULL);
  for (size_t i = 0; i < n; i++)
    memcpy(s + i * cl, c, cl);
  s[n * cl] = '\0';
  return s;
}

/* The document fmt with its one "%s" replaced by arg (heap; caller frees).
 * Used instead of snprintf so the format is not a run-time string. */
static char *fill(const char *fmt, const char *arg) {
  const char *hole = strstr(fmt, "%s");
  size_t a = strlen(arg), h, t;
  char *s;
  DSC_ASSERT(hole != NULL);
  h = (size_t)(hole - fmt);
  t = strlen(hole + 2);
  s = malloc(h + a + t + 1);
  DSC_ASSERT(s != NULL);
  memcpy(s, fmt, h);
  memcpy(s + h, arg, a);
  memcpy(s + h + a, hole + 2, t + 1);
  return s;
}

/* Documents around one field: the rest is a minimal valid submission. */
#define NAME_OK "\"name\":\"张三\""
#define MIN_APPLICANT "\"applicant\":{\"type\":\"natural_person\"," NAME_OK "}"
#define DOC_TOP(extra)                                                         \
  "{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"d\"," extra "}"
#define DOC_APP(extra)                                                         \
  "{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\"," NAME_OK  \
  "," extra "},\"description\":\"d\"}"
#define DOC_ORG(extra)                                                         \
  "{\"channel\":\"post\",\"applicant\":{\"type\":\"commercial\"," NAME_OK      \
  "," extra "},\"description\":\"d\"}"

#define RESIDENT_OK "11010519491231002X"
#define USCC_OK "91350100M000100Y43"

/* ---- accepted documents ------------------------------------------------ */

DSC_TEST(full_submission) {
  static const char json[] =
      "{\n"
      "  \"agency\": \"default\",\n"
      "  \"channel\": \"online\",\n"
      "  \"received_on\": \"2023-03-01\",\n"
      "  \"applicant\": {\n"
      "    \"type\": \"natural_person\",\n"
      "    \"name\": \"张三\",\n"
      "    \"id_number\": \"11010519491231002x\",\n"
      "    \"phone\": \"+86 (10) 6512-3456\",\n"
      "    \"email\": \"zhangsan@example.cn\",\n"
      "    \"address\": \"北京市东城区\\n某某街\\t1 号\"\n"
      "  },\n"
      "  \"description\": \"2022 年度财政预算\\r\\n说明 \\u00e9\",\n"
      "  \"form\": \"electronic\",\n"
      "  \"idempotency_key\": \"web-2023-03-01/abc~1\"\n"
      "}\n";
  dsc_intake_t *in = parse_ok(json);

  DSC_ASSERT_STR_EQ(in->agency, "default");
  DSC_ASSERT_EQ(in->channel, DSC_CHANNEL_ONLINE);
  DSC_ASSERT_EQ(in->received_on, dsc_date_from_ymd(2023, 3, 1));
  DSC_ASSERT_EQ(in->applicant_type, DSC_APPLICANT_NATURAL_PERSON);
  DSC_ASSERT_STR_EQ(in->applicant_name, "张三");
  DSC_ASSERT_STR_EQ(in->id_number, RESIDENT_OK); /* upper-cased */
  DSC_ASSERT_STR_EQ(in->phone, "+86 (10) 6512-3456");
  DSC_ASSERT_STR_EQ(in->email, "zhangsan@example.cn");
  DSC_ASSERT_STR_EQ(in->address, "北京市东城区\n某某街\t1 号");
  DSC_ASSERT_STR_EQ(in->description, "2022 年度财政预算\r\n说明 é");
  DSC_ASSERT_EQ(in->form, DSC_FORM_ELECTRONIC);
  DSC_ASSERT_STR_EQ(in->idempotency_key, "web-2023-03-01/abc~1");
  dsc_intake_destroy(in);
}

DSC_TEST(minimal_submission_gets_defaults) {
  dsc_intake_t *in = parse_ok("{\"channel\":\"post\",\"applicant\":{\"type\":"
                              "\"commercial\",\"name\":\"某某有限公司\"},"
                              "\"description\":\"x\"}");
  DSC_ASSERT_STR_EQ(in->agency, "default");
  DSC_ASSERT_EQ(in->channel, DSC_CHANNEL_POST);
  DSC_ASSERT_EQ(in->received_on, DSC_DATE_NONE);
  DSC_ASSERT_EQ(in->applicant_type, DSC_APPLICANT_COMMERCIAL);
  DSC_ASSERT_STR_EQ(in->applicant_name, "某某有限公司");
  DSC_ASSERT(in->id_number == NULL);
  DSC_ASSERT(in->phone == NULL);
  DSC_ASSERT(in->email == NULL);
  DSC_ASSERT(in->address == NULL);
  DSC_ASSERT_STR_EQ(in->description, "x");
  DSC_ASSERT_EQ(in->form, DSC_FORM_NONE);
  DSC_ASSERT(in->idempotency_key == NULL);
  dsc_intake_destroy(in);
  dsc_intake_destroy(NULL);
}

DSC_TEST(organisation_with_uscc) {
  dsc_intake_t *in = parse_ok(DOC_ORG("\"id_number\":\"91350100m000100y43\""));
  DSC_ASSERT_STR_EQ(in->id_number, USCC_OK);
  dsc_intake_destroy(in);
}

/* Inputs on the right side of every boundary. */
DSC_TEST(accepted_edge_cases) {
  static const char *const docs[] = {
      /* White space around the value; key order free. */
      " \r\n\t{\"description\":\"d\"," MIN_APPLICANT ",\"channel\":\"fax\"}"
      " \n",
      "{\"channel\":\"in_person\"," MIN_APPLICANT ",\"description\":\"d\"}",
      /* An escaped backslash followed by the text u0000 is no NUL. */
      DOC_TOP("\"idempotency_key\":\"a\\\\u0000\""),
      /* Escapes that decode to ordinary text, a surrogate pair included. */
      "{\"chan\\u006eel\":\"post\"," MIN_APPLICANT
      ",\"description\":\"\\ud83d\\ude00 \\\"q\\\" \\/\"}",
      /* Free text may hold line breaks, tabs, CR LF, U+2028. */
      DOC_TOP("\"form\":\"paper\""),
      DOC_APP("\"address\":\"a\\r\\nb\\tc\\nd\u2028e\""),
      DOC_TOP("\"received_on\":\"2024-02-29\""),
      DOC_TOP("\"agency\":\"Dept_01.sub-a\""),
      DOC_TOP("\"idempotency_key\":\"!~\""),
      DOC_APP("\"phone\":\"12345\""),
      DOC_APP("\"email\":\"张三@例子.中国\""),
      DOC_APP("\"email\":\"a.b+c@mail.example.org\""),
      DOC_APP("\"id_number\":\"" RESIDENT_OK "\""),
      /* Leading and inner spaces are kept, not trimmed. */
      ("{\"channel\":\"post\",\"applicant\":{\"type\":\"other_org\",\"name\":"
       "\" 某 协会 \"},\"description\":\"d\"}"),
  };
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
    dsc_intake_destroy(parse_ok(docs[i]));
}

/* Lengths are counted in code points: the limit passes, one more fails. */
DSC_TEST(length_limits_in_code_points) {
  static const struct {
    const char *fmt, *field, *ch;
    size_t max;
  } limits[] = {
      {DOC_TOP("\"agency\":\"%s\""), "agency", "a", 64},
      {"{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
       "\"name\":\"%s\"},\"description\":\"d\"}",
       "applicant.name", "张", 200},
      {DOC_APP("\"phone\":\"%s\""), "applicant.phone", "1", 32},
      {DOC_APP("\"address\":\"%s\""), "applicant.address", "路", 500},
      {"{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"%s\"}",
       "description", "信", 5000},
      {DOC_TOP("\"idempotency_key\":\"%s\""), "idempotency_key", "k", 128},
  };
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
    char *at = repeat(limits[i].ch, limits[i].max);
    char *over = repeat(limits[i].ch, limits[i].max + 1);
    char *ok_doc = fill(limits[i].fmt, at);
    char *bad_doc = fill(limits[i].fmt, over);
    dsc_detail_t d;

    dsc_intake_destroy(parse_ok(ok_doc));
    if (!refused_as(bad_doc, strlen(bad_doc), limits[i].field, &d))
      DSC_FAIL_("over-long %s accepted or misreported", limits[i].field);
    DSC_ASSERT(strstr(d.message, "longer than") != NULL);
    free(at), free(over), free(ok_doc), free(bad_doc);
  }

  /* email: 254 with a valid shape passes, 255 fails. */
  char *local = repeat("a", 254 - 12);
  char *addr = fill("%s@example.org", local);
  char *doc = fill(DOC_APP("\"email\":\"%s\""), addr);
  DSC_ASSERT_EQ(strlen(addr), 254);
  dsc_intake_destroy(parse_ok(doc));
  free(doc), free(addr), free(local);
  local = repeat("a", 255 - 12);
  addr = fill("%s@example.org", local);
  doc = fill(DOC_APP("\"email\":\"%s\""), addr);
  DSC_ASSERT(refused_as(doc, strlen(doc), "applicant.email", NULL));
  free(doc), free(addr), free(local);
}

/* The 64 KiB limit is on bytes: 65536 pass, 65537 fail. */
DSC_TEST(document_size_limit) {
  static const char base[] = DOC_TOP("\"form\":\"paper\"");
  char *doc = malloc(DSC_INTAKE_MAX_BYTES + 1);
  DSC_ASSERT(doc != NULL);
  memcpy(doc, base, sizeof base - 1);
  memset(doc + sizeof base - 1, ' ',
         DSC_INTAKE_MAX_BYTES + 1 - (sizeof base - 1));
  dsc_intake_destroy(parse_ok_n(doc, DSC_INTAKE_MAX_BYTES));
  DSC_ASSERT(refused_as(doc, DSC_INTAKE_MAX_BYTES + 1, "(document)", NULL));
  free(doc);
}

/* ---- refused documents: one row per rule ------------------------------- */

typedef struct bad_case {
  const char *json;
  size_t len; /* 0: strlen(json) */
  const char *field;
} bad_case_t;

#define BAD(json, field)                                                       \
  { json, 0, field }

static const bad_case_t bad_cases[] = {
    /* The document. */
    BAD("", "(document)"),
    BAD("   ", "(document)"),
    BAD("{", "(document)"),
    BAD("{\"channel\":\"post\",}", "(document)"),
    BAD("{'channel':'post'}", "(document)"),
    BAD(DOC_TOP("\"form\":\"paper\"") " x", "(document)"),
    BAD(DOC_TOP("\"form\":\"paper\"") "{}", "(document)"),
    BAD("[]", "(document)"),
    BAD("[" DOC_TOP("\"form\":\"paper\"") "]", "(document)"),
    BAD("\"post\"", "(document)"),
    BAD("null", "(document)"),
    BAD("42", "(document)"),
    {DOC_TOP("\"form\":\"paper\""), sizeof(DOC_TOP("\"form\":\"paper\"")),
     "(document)"}, /* the terminating NUL counted in */
    {"{\"channel\":\"post\"\0," MIN_APPLICANT ",\"description\":\"d\"}",
     sizeof("{\"channel\":\"post\"\0," MIN_APPLICANT
            ",\"description\":\"d\"}") -
         1,
     "(document)"},
    BAD(DOC_APP("\"name\":\"\xe5\xbc\xa0\xff\""), "(document)"),
    BAD(DOC_TOP("\"agency\":\"\xc0\xaf\""), "(document)"),     /* overlong */
    BAD(DOC_TOP("\"agency\":\"\xed\xa0\x80\""), "(document)"), /* surrogate */
    BAD(DOC_TOP("\"agency\":\"\xe5\xbc\""), "(document)"),     /* truncated */
    BAD("\x01" DOC_TOP("\"form\":\"paper\""), "(document)"),
    BAD(DOC_TOP("\"form\":\"paper\"") "\x0c", "(document)"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"a\nb\"}",
        "(document)"), /* raw line feed inside a string */
    BAD(DOC_TOP("\"agency\":\"a\tb\""), "(document)"),
    BAD(DOC_TOP("\"agency\":\"\\ud800\""), "(document)"), /* lone surrogate */
    BAD(DOC_TOP("\"agency\":\"\\x41\""), "(document)"),   /* bad escape */
    BAD(DOC_TOP("\"agency\":\"\\u12\""), "(document)"),

    /* Keys. */
    BAD("{\"channel\":\"post\",\"channel\":\"fax\"," MIN_APPLICANT
        ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":\"post\",\"chann\\u0065l\":\"post\"," MIN_APPLICANT
        ",\"description\":\"d\"}",
        "channel"), /* the same key once decoded */
    BAD(DOC_APP("\"name\":\"李四\""), "applicant.name"),
    BAD(DOC_TOP("\"nickname\":\"x\""), "nickname"),
    BAD(DOC_TOP("\"Channel\":\"post\""), "Channel"),
    BAD(DOC_TOP("\"received\":\"2023-03-01\""), "received"),
    BAD(DOC_APP("\"nickname\":\"x\""), "applicant.nickname"),
    BAD(DOC_APP("\"extra\":{\"a\":1}"), "applicant.extra"),
    BAD(DOC_APP("\"Name\":\"x\""), "applicant.Name"),
    BAD(DOC_TOP("\"\\u001b[31m\":1"), "?[31m"), /* never a raw ESC */
    BAD(DOC_APP("\"na\\u0000me\":\"x\""), "applicant.na?me"),
    BAD(DOC_TOP("\"\":1"), "\"\""), /* the empty key */
    BAD(DOC_APP("\"\":1"), "applicant.\"\""),

    /* Required fields. */
    BAD("{" MIN_APPLICANT ",\"description\":\"d\"}", "channel"),
    BAD("{\"channel\":\"post\",\"description\":\"d\"}", "applicant"),
    BAD("{\"channel\":\"post\",\"applicant\":{" NAME_OK
        "},\"description\":\"d\"}",
        "applicant.type"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"research\"},"
        "\"description\":\"d\"}",
        "applicant.name"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT "}", "description"),
    BAD("{}", "channel"),

    /* Types; null is never a value. */
    BAD("{\"channel\":1," MIN_APPLICANT ",\"description\":\"d\"}", "channel"),
    BAD("{\"channel\":null," MIN_APPLICANT ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":[\"post\"]," MIN_APPLICANT ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":\"post\",\"applicant\":\"张三\",\"description\":\"d\"}",
        "applicant"),
    BAD("{\"channel\":\"post\",\"applicant\":[],\"description\":\"d\"}",
        "applicant"),
    BAD("{\"channel\":\"post\",\"applicant\":null,\"description\":\"d\"}",
        "applicant"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":1," NAME_OK
        "},\"description\":\"d\"}",
        "applicant.type"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":42},\"description\":\"d\"}",
        "applicant.name"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":null},\"description\":\"d\"}",
        "applicant.name"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":null}",
        "description"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":true}",
        "description"),
    BAD(DOC_TOP("\"received_on\":20230301"), "received_on"),
    BAD(DOC_TOP("\"received_on\":null"), "received_on"),
    BAD(DOC_TOP("\"agency\":null"), "agency"),
    BAD(DOC_TOP("\"form\":1"), "form"),
    BAD(DOC_TOP("\"idempotency_key\":123"), "idempotency_key"),
    BAD(DOC_APP("\"id_number\":110105194912310020"), "applicant.id_number"),
    BAD(DOC_APP("\"phone\":null"), "applicant.phone"),
    BAD(DOC_APP("\"phone\":13800138000"), "applicant.phone"),
    BAD(DOC_APP("\"email\":{}"), "applicant.email"),
    BAD(DOC_APP("\"address\":[\"a\"]"), "applicant.address"),

    /* Enumerations, spelled exactly. */
    BAD("{\"channel\":\"email\"," MIN_APPLICANT ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":\"Online\"," MIN_APPLICANT ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":\"post \"," MIN_APPLICANT ",\"description\":\"d\"}",
        "channel"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"person\"," NAME_OK
        "},\"description\":\"d\"}",
        "applicant.type"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"\"," NAME_OK
        "},\"description\":\"d\"}",
        "applicant.type"),
    BAD(DOC_TOP("\"form\":\"pdf\""), "form"),
    BAD(DOC_TOP("\"form\":\"none\""), "form"),

    /* Dates. */
    BAD(DOC_TOP("\"received_on\":\"2023-02-30\""), "received_on"),
    BAD(DOC_TOP("\"received_on\":\"2023-02-29\""), "received_on"),
    BAD(DOC_TOP("\"received_on\":\"2023-2-3\""), "received_on"),
    BAD(DOC_TOP("\"received_on\":\"2023/03/01\""), "received_on"),
    BAD(DOC_TOP("\"received_on\":\"2023-03-01T00:00:00\""), "received_on"),
    BAD(DOC_TOP("\"received_on\":\"\""), "received_on"),

    /* Empty, blank, control characters. */
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"\"},\"description\":\"d\"}",
        "applicant.name"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"\\u3000 \"},\"description\":\"d\"}",
        "applicant.name"), /* ideographic space */
    BAD("{\"channel\":\"post\"," MIN_APPLICANT
        ",\"description\":\" \\n\\t \\r\\n\"}",
        "description"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"\"}",
        "description"),
    BAD(DOC_APP("\"address\":\"\\u00a0\""), "applicant.address"),
    BAD(DOC_TOP("\"agency\":\"\""), "agency"),
    BAD(DOC_TOP("\"idempotency_key\":\"\""), "idempotency_key"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"张\\u0000三\"},\"description\":\"d\"}",
        "applicant.name"), /* would cut the name short */
    BAD("{\"channel\":\"post\"," MIN_APPLICANT
        ",\"description\":\"abc\\u0000def\"}",
        "description"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"张\\n三\"},\"description\":\"d\"}",
        "applicant.name"),
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"张\\u0085三\"},\"description\":\"d\"}",
        "applicant.name"), /* C1 control */
    BAD("{\"channel\":\"post\",\"applicant\":{\"type\":\"natural_person\","
        "\"name\":\"张\\u2028三\"},\"description\":\"d\"}",
        "applicant.name"), /* line separator */
    BAD("{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"a\\rb\"}",
        "description"), /* lone CR */
    BAD("{\"channel\":\"post\"," MIN_APPLICANT
        ",\"description\":\"a\\u001b[2Jb\"}",
        "description"),
    BAD("{\"channel\":\"post\"," MIN_APPLICANT
        ",\"description\":\"a\\u007fb\"}",
        "description"),
    BAD(DOC_APP("\"phone\":\"12345\\u001b\""), "applicant.phone"),
    BAD(DOC_TOP("\"idempotency_key\":\"ab\\n\""), "idempotency_key"),

    /* Identity numbers. */
    BAD(DOC_APP("\"id_number\":\"110105194912310021\""),
        "applicant.id_number"), /* bad check digit */
    BAD(DOC_APP("\"id_number\":\"11010519491231002\""),
        "applicant.id_number"), /* 17 */
    BAD(DOC_APP("\"id_number\":\"11010519491231002X0\""),
        "applicant.id_number"), /* 19 */
    BAD(DOC_APP("\"id_number\":\"11010519490231002X\""),
        "applicant.id_number"), /* 1949-02-31 */
    BAD(DOC_APP("\"id_number\":\"A1010519491231002X\""), "applicant.id_number"),
    BAD(DOC_APP("\"id_number\":\"" USCC_OK "\""),
        "applicant.id_number"), /* a person with an organisation's code */
    BAD(DOC_APP("\"id_number\":\"１1010519491231002X\""),
        "applicant.id_number"), /* full-width digit: 18 code points */
    BAD(DOC_ORG("\"id_number\":\"91350100M000100Y44\""),
        "applicant.id_number"), /* bad USCC check */
    BAD(DOC_ORG("\"id_number\":\"91350100M000100I43\""), "applicant.id_number"),
    BAD(DOC_ORG("\"id_number\":\"01350100M000100Y43\""), "applicant.id_number"),
    BAD(DOC_ORG("\"id_number\":\"" RESIDENT_OK "\""),
        "applicant.id_number"), /* an organisation with a person's ID */
    BAD(DOC_ORG("\"id_number\":\"\""), "applicant.id_number"),

    /* Formats. */
    BAD(DOC_APP("\"phone\":\"abc12345\""), "applicant.phone"),
    BAD(DOC_APP("\"phone\":\"1234\""), "applicant.phone"),
    BAD(DOC_APP("\"phone\":\"(01) 2-3\""), "applicant.phone"),
    BAD(DOC_APP("\"phone\":\"１２３４５６\""), "applicant.phone"),
    BAD(DOC_APP("\"email\":\"zhangsan.example.cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@b@example.cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"@example.cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@localhost\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@example.cn.\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@.example.cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@example..cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a b@example.cn\""), "applicant.email"),
    BAD(DOC_APP("\"email\":\"a@example.cn\\u3000\""), "applicant.email"),
    BAD(DOC_TOP("\"agency\":\"def ault\""), "agency"),
    BAD(DOC_TOP("\"agency\":\"部门\""), "agency"),
    BAD(DOC_TOP("\"agency\":\"a/b\""), "agency"),
    BAD(DOC_TOP("\"idempotency_key\":\"a b\""), "idempotency_key"),
    BAD(DOC_TOP("\"idempotency_key\":\"键\""), "idempotency_key"),
    BAD(DOC_TOP("\"idempotency_key\":\"a\\u007f\""), "idempotency_key"),

    /* The first failure in document order wins. */
    BAD("{\"channel\":\"fax\",\"agency\":\"x y\",\"description\":\"\"}",
        "agency"),
    BAD("{\"channel\":\"mail\",\"description\":\"\"}", "channel"),
};

DSC_TEST(refusals_table) {
  size_t failed = 0, n = sizeof bad_cases / sizeof bad_cases[0];

  for (size_t i = 0; i < n; i++) {
    const bad_case_t *c = &bad_cases[i];
    size_t len = c->len != 0 ? c->len : strlen(c->json);
    if (!refused_as(c->json, len, c->field, NULL)) {
      fprintf(stderr, "  (row %zu)\n", i);
      failed++;
    }
  }
  if (failed != 0)
    DSC_FAIL_("%zu of %zu refusals wrong", failed, n);
  DSC_ASSERT(n >= 40);
}

/* Inputs too big for the table: built at run time. */
DSC_TEST(refusals_generated) {
  /* Nesting past cJSON's limit fails cleanly, without a deep recursion. */
  size_t depth = 5000;
  char *deep = malloc(2 * depth + 1);
  DSC_ASSERT(deep != NULL);
  memset(deep, '[', depth);
  memset(deep + depth, ']', depth);
  DSC_ASSERT(refused_as(deep, 2 * depth, "(document)", NULL));
  free(deep);

  /* 65 KiB of otherwise valid document. */
  char *desc = repeat("x", 65 * 1024);
  char *doc = fill(
      "{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"%s\"}", desc);
  DSC_ASSERT(refused_as(doc, strlen(doc), "(document)", NULL));
  free(doc), free(desc);
}

DSC_TEST(messages) {
  dsc_detail_t d;
  static const char bad_check[] =
      DOC_APP("\"id_number\":\"110105194912310021\"");
  static const char org_resident[] =
      DOC_ORG("\"id_number\":\"" RESIDENT_OK "\"");
  static const char unknown[] = DOC_APP("\"nickname\":\"x\"");
  static const char missing[] = "{\"channel\":\"post\"," MIN_APPLICANT "}";

  DSC_ASSERT(
      refused_as(bad_check, strlen(bad_check), "applicant.id_number", &d));
  DSC_ASSERT_STR_EQ(d.message, "bad check digit");
  DSC_ASSERT_STR_EQ(d.message_zh, "校验码错误");
  DSC_ASSERT(strstr(d.message, "1101") == NULL);

  DSC_ASSERT(refused_as(org_resident, strlen(org_resident),
                        "applicant.id_number", &d));
  DSC_ASSERT(strstr(d.message, "1101") == NULL);
  DSC_ASSERT(strstr(d.message, "unified social credit code") != NULL);

  DSC_ASSERT(refused_as(unknown, strlen(unknown), "applicant.nickname", &d));
  DSC_ASSERT_STR_EQ(d.message, "unknown field");
  DSC_ASSERT(refused_as(missing, strlen(missing), "description", &d));
  DSC_ASSERT_STR_EQ(d.message, "required");
  DSC_ASSERT_STR_EQ(d.message_zh, "必填");

  /* The enumeration refusal lists the allowed values. */
  static const char bad_channel[] =
      "{\"channel\":\"email\"," MIN_APPLICANT ",\"description\":\"d\"}";
  DSC_ASSERT(refused_as(bad_channel, strlen(bad_channel), "channel", &d));
  DSC_ASSERT(strstr(d.message, "in_person, post, online, fax") != NULL);
}

DSC_TEST(misuse_and_null_detail) {
  dsc_intake_t *in = (dsc_intake_t *)&in;
  dsc_detail_t d;

  DSC_ASSERT_EQ(dsc_intake_parse(NULL, 0, &in, &d), DSC_MISUSE);
  DSC_ASSERT(in == NULL);
  DSC_ASSERT_EQ(dsc_intake_parse("{}", 2, NULL, &d), DSC_MISUSE);
  /* detail may be NULL. */
  DSC_ASSERT_EQ(dsc_intake_parse("{}", 2, &in, NULL), DSC_INVALID);
  DSC_ASSERT(in == NULL);
  /* The input need not be NUL-terminated: only len bytes are read. */
  static const char two_docs[] =
      "{\"channel\":\"post\"," MIN_APPLICANT ",\"description\":\"d\"}garbage";
  dsc_intake_destroy(parse_ok_n(two_docs, sizeof two_docs - 1 - 7));
}

/* Every prefix of a valid document is refused, and random byte damage is
 * either refused with a field or accepted — never a crash or a leak (ASan
 * checks both). */
DSC_TEST(damage_never_crashes) {
  static const char json[] =
      "{\"agency\":\"default\",\"channel\":\"online\",\"received_on\":"
      "\"2023-03-01\",\"applicant\":{\"type\":\"natural_person\",\"name\":"
      "\"张三\",\"id_number\":\"" RESIDENT_OK "\",\"phone\":\"010-12345\","
      "\"email\":\"a@b.cn\",\"address\":\"北京\"},\"description\":\"d\\n\","
      "\"form\":\"paper\",\"idempotency_key\":\"k1\"}";
  size_t len = sizeof json - 1;
  uint64_t rng = dsc_test_seed();
  char buf[sizeof json];

  dsc_intake_destroy(parse_ok(json));
  for (size_t n = 0; n < len; n++) {
    dsc_intake_t *in = NULL;
    dsc_detail_t d;
    if (dsc_intake_parse(json, n, &in, &d) != DSC_INVALID || in != NULL) {
      print_input(json, n);
      DSC_FAIL_("prefix of %zu bytes not refused", n);
    }
  }
  for (int round = 0; round < 20000; round++) {
    dsc_intake_t *in = NULL;
    dsc_detail_t d;
    int flips = 1 + (int)(dsc_test_rand(&rng) % 3);
    memcpy(buf, json, sizeof json);
    for (int k = 0; k < flips; k++)
      buf[dsc_test_rand(&rng) % len] = (char)(dsc_test_rand(&rng) & 0xFF);
    dsc_err_t err = dsc_intake_parse(buf, len, &in, &d);
    if (err == DSC_OK) {
      DSC_ASSERT(in != NULL && in->applicant_name != NULL &&
                 in->description != NULL && in->agency != NULL);
      dsc_intake_destroy(in);
    } else if (err != DSC_INVALID || in != NULL || d.field[0] == '\0') {
      print_input(buf, len);
      DSC_FAIL_("damaged input gave %s at \"%s\"", dsc_err_name(err), d.field);
    }
  }
}

/* ---- Art. 31: the day of receipt by channel ----------------------------- */

/* A submission of channel ch with the receipt fields facts (a JSON member
 * list, may be empty), into buf. */
static const char *receipt_doc(char *buf, size_t size, const char *ch,
                               const char *facts) {
  int n = snprintf(buf, size,
                   "{\"channel\":\"%s\",%s%s" MIN_APPLICANT
                   ",\"description\":\"d\"}",
                   ch, facts, facts[0] != '\0' ? "," : "");
  DSC_ASSERT(n > 0 && (size_t)n < size);
  return buf;
}

static dsc_date_t ymd(const char *s) {
  dsc_date_t d = DSC_DATE_NONE;
  if (dsc_date_parse(s, &d) != DSC_OK)
    DSC_FAIL_("bad date literal %s", s);
  return d;
}

/* Art. 31: each channel's fact fixes received_on; received_on alone, or
 * nothing, stays accepted (paper registered on the day). */
DSC_TEST(receipt_date_by_channel) {
  static const struct {
    const char *channel, *facts, *received_on, *from;
  } rows[] = {
      /* (一) in person: the day handed in. */
      {"in_person", "\"handed_in_on\":\"2023-03-06\"", "2023-03-06",
       "handed_in_on"},
      /* (二) registered post, EMS, courier: the day the agency signed. */
      {"post", "\"post_kind\":\"registered\",\"signed_on\":\"2023-03-06\"",
       "2023-03-06", "signed_on"},
      /* (二) an ordinary letter: the day receipt was confirmed. */
      {"post", "\"post_kind\":\"ordinary\",\"confirmed_on\":\"2023-03-07\"",
       "2023-03-07", "confirmed_on"},
      /* (三) online (e-mail included) and fax: the day both confirmed. */
      {"online", "\"confirmed_on\":\"2023-03-08\"", "2023-03-08",
       "confirmed_on"},
      {"fax", "\"confirmed_on\":\"2024-02-29\"", "2024-02-29", "confirmed_on"},
      /* received_on may repeat the derived day, in any key order. */
      {"post",
       "\"received_on\":\"2023-03-06\",\"signed_on\":\"2023-03-06\","
       "\"post_kind\":\"registered\"",
       "2023-03-06", "signed_on"},
      {"in_person",
       "\"handed_in_on\":\"2023-03-06\",\"received_on\":\"2023-03-06\"",
       "2023-03-06", "handed_in_on"},
      /* No fact: received_on as given, or the business date later. */
      {"post", "\"received_on\":\"2023-03-01\"", "2023-03-01", "received_on"},
      {"online", "\"received_on\":\"2023-03-01\"", "2023-03-01", "received_on"},
      {"in_person", "", NULL, NULL},
      {"fax", "", NULL, NULL},
  };
  char buf[512];

  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    dsc_intake_t *in =
        parse_ok(receipt_doc(buf, sizeof buf, rows[i].channel, rows[i].facts));
    dsc_date_t want =
        rows[i].received_on ? ymd(rows[i].received_on) : DSC_DATE_NONE;
    if (in->received_on != want)
      DSC_FAIL_("row %zu: received_on %d, want %d", i, (int)in->received_on,
                (int)want);
    if (rows[i].from == NULL)
      DSC_ASSERT(in->received_from == NULL);
    else
      DSC_ASSERT_STR_EQ(in->received_from, rows[i].from);
    dsc_intake_destroy(in);
  }
}

/* Each receipt refusal names its field, and is about the receipt rule —
 * not the "unknown field" of a validator that lacks it. */
DSC_TEST(receipt_refusals) {
  static const struct {
    const char *channel, *facts, *field, *says;
  } rows[] = {
      /* Fields that do not belong to the channel. */
      {"online", "\"signed_on\":\"2023-03-06\"", "signed_on", "online"},
      {"fax", "\"handed_in_on\":\"2023-03-06\"", "handed_in_on", "fax"},
      {"in_person", "\"confirmed_on\":\"2023-03-06\"", "confirmed_on",
       "in_person"},
      {"in_person", "\"signed_on\":\"2023-03-06\"", "signed_on", "in_person"},
      {"online", "\"post_kind\":\"registered\"", "post_kind", "post"},
      {"post", "\"post_kind\":\"registered\",\"confirmed_on\":\"2023-03-06\"",
       "confirmed_on", "registered"},
      {"post", "\"post_kind\":\"ordinary\",\"signed_on\":\"2023-03-06\"",
       "signed_on", "ordinary"},
      {"post", "\"handed_in_on\":\"2023-03-06\"", "handed_in_on", "post"},
      /* A letter's date needs its kind, a kind its date. */
      {"post", "\"signed_on\":\"2023-03-06\"", "post_kind", "required"},
      {"post", "\"confirmed_on\":\"2023-03-06\"", "post_kind", "required"},
      {"post", "\"post_kind\":\"registered\"", "signed_on", "required"},
      {"post", "\"post_kind\":\"ordinary\",\"received_on\":\"2023-03-06\"",
       "confirmed_on", "required"},
      /* received_on must agree with the channel's fact. */
      {"post",
       "\"post_kind\":\"registered\",\"signed_on\":\"2023-03-06\","
       "\"received_on\":\"2023-03-03\"",
       "received_on", "2023-03-06"},
      {"online",
       "\"confirmed_on\":\"2023-03-08\",\"received_on\":\"2023-03-09\"",
       "received_on", "confirmed_on"},
      {"in_person",
       "\"received_on\":\"2023-03-07\",\"handed_in_on\":\"2023-03-06\"",
       "received_on", "handed_in_on"},
      /* Types, enumerations, dates. */
      {"post", "\"post_kind\":\"EMS\",\"signed_on\":\"2023-03-06\"",
       "post_kind", "registered, ordinary"},
      {"post", "\"post_kind\":1", "post_kind", "string"},
      {"post", "\"post_kind\":null", "post_kind", "string"},
      {"post", "\"post_kind\":\"registered\",\"signed_on\":\"2023-02-29\"",
       "signed_on", "YYYY-MM-DD"},
      {"in_person", "\"handed_in_on\":20230306", "handed_in_on", "string"},
      {"online", "\"confirmed_on\":\"2023-3-8\"", "confirmed_on", "YYYY-MM-DD"},
      {"online", "\"confirmed_on\":null", "confirmed_on", "string"},
      {"online",
       "\"confirmed_on\":\"2023-03-08\",\"confirmed_on\":\"2023-03-08\"",
       "confirmed_on", "duplicate"},
  };
  char buf[512];
  size_t failed = 0;

  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const char *doc =
        receipt_doc(buf, sizeof buf, rows[i].channel, rows[i].facts);
    dsc_detail_t d;
    if (!refused_as(doc, strlen(doc), rows[i].field, &d) ||
        strstr(d.message, rows[i].says) == NULL ||
        strcmp(d.message, "unknown field") == 0) {
      fprintf(stderr, "  (row %zu: %s / %s)\n", i, d.message, d.message_zh);
      failed++;
    }
  }
  if (failed != 0)
    DSC_FAIL_("%zu receipt refusals wrong", failed);
}

/* The property: for random channels, letter kinds, facts and dates in
 * 2019-2026, the intake's received_on (or its refusal) is what Art. 31
 * says, as written out plainly below without any code of intake.c. */
enum { REF_IN_PERSON, REF_POST, REF_ONLINE, REF_FAX };
enum { REF_KIND_NONE, REF_REGISTERED, REF_ORDINARY };
enum { F_HANDED, F_SIGNED, F_CONFIRMED, F_COUNT };
static const char *const ref_channels[] = {"in_person", "post", "online",
                                           "fax"};
static const char *const ref_kinds[] = {NULL, "registered", "ordinary"};
static const char *const ref_facts[F_COUNT] = {"handed_in_on", "signed_on",
                                               "confirmed_on"};

typedef struct ref_case {
  int channel, kind;
  dsc_date_t fact[F_COUNT]; /* DSC_DATE_NONE: not given */
  dsc_date_t received_on;   /* DSC_DATE_NONE: not given */
} ref_case_t;

/* Art. 31 written out: which fact is the day of receipt. */
static int ref_rule(int channel, int kind) {
  if (channel == REF_IN_PERSON)
    return F_HANDED; /* (一) 以提交之日 */
  if (channel == REF_POST && kind == REF_REGISTERED)
    return F_SIGNED; /* (二) 以行政机关签收之日 */
  if (channel == REF_POST && kind == REF_ORDINARY)
    return F_CONFIRMED; /* (二) 平常信函: 确认之日 */
  if (channel == REF_POST)
    return -1;        /* a letter of no stated kind: no rule to apply */
  return F_CONFIRMED; /* (三) 互联网、传真: 双方确认之日 */
}

/* The expected outcome: the date accepted (*want), or the field refused. */
static const char *ref_expect(const ref_case_t *c, dsc_date_t *want) {
  int rule = ref_rule(c->channel, c->kind);
  bool any_letter_date = c->fact[F_SIGNED] != DSC_DATE_NONE ||
                         c->fact[F_CONFIRMED] != DSC_DATE_NONE;

  if (c->kind != REF_KIND_NONE && c->channel != REF_POST)
    return "post_kind";
  if (c->channel == REF_POST && c->kind == REF_KIND_NONE && any_letter_date)
    return "post_kind";
  for (int f = 0; f < F_COUNT; f++)
    if (c->fact[f] != DSC_DATE_NONE && f != rule)
      return ref_facts[f];
  if (c->kind != REF_KIND_NONE && c->fact[rule] == DSC_DATE_NONE)
    return ref_facts[rule];
  if (rule >= 0 && c->fact[rule] != DSC_DATE_NONE) {
    if (c->received_on != DSC_DATE_NONE && c->received_on != c->fact[rule])
      return "received_on";
    *want = c->fact[rule];
    return NULL;
  }
  *want = c->received_on;
  return NULL;
}

static void add_member(char *buf, size_t size, const char *key,
                       const char *value) {
  size_t n = strlen(buf);
  int k = snprintf(buf + n, size - n, "\"%s\":\"%s\",", key, value);
  DSC_ASSERT(k > 0 && (size_t)k < size - n);
}

DSC_TEST(property_receipt_matches_reference) {
  uint64_t rng = dsc_test_seed();
  dsc_date_t lo = ymd("2019-01-01"), hi = ymd("2026-12-31");
  int accepted = 0, derived = 0, refused[F_COUNT + 2] = {0};

  for (int iter = 0; iter < 50000; iter++) {
    ref_case_t c = {0};
    char facts[256] = "", doc[512], date[DSC_DATE_STRLEN];
    dsc_date_t want = DSC_DATE_NONE,
               day = lo + (dsc_date_t)(dsc_test_rand(&rng) %
                                       (uint64_t)(hi - lo + 1));
    const char *field;
    dsc_intake_t *in = NULL;
    dsc_detail_t d;
    dsc_err_t err;

    c.channel = (int)(dsc_test_rand(&rng) % 4);
    c.kind = (int)(dsc_test_rand(&rng) % 3);
    for (int f = 0; f < F_COUNT; f++)
      c.fact[f] = DSC_DATE_NONE;
    if (dsc_test_rand(&rng) % 2 == 0) {
      /* A consistent application: the channel's own fact only. */
      if (c.channel != REF_POST)
        c.kind = REF_KIND_NONE;
      else if (c.kind == REF_KIND_NONE)
        c.kind = REF_REGISTERED;
      c.fact[ref_rule(c.channel, c.kind)] = day;
    } else {
      for (int f = 0; f < F_COUNT; f++)
        if (dsc_test_rand(&rng) % 3 == 0)
          c.fact[f] =
              lo + (dsc_date_t)(dsc_test_rand(&rng) % (uint64_t)(hi - lo + 1));
    }
    switch (dsc_test_rand(&rng) % 3) {
    case 0:
      c.received_on = DSC_DATE_NONE;
      break;
    case 1: /* the same day as a fact, when there is one */
      c.received_on = day;
      for (int f = 0; f < F_COUNT; f++)
        if (c.fact[f] != DSC_DATE_NONE)
          c.received_on = c.fact[f];
      break;
    default:
      c.received_on =
          lo + (dsc_date_t)(dsc_test_rand(&rng) % (uint64_t)(hi - lo + 1));
    }

    if (ref_kinds[c.kind])
      add_member(facts, sizeof facts, "post_kind", ref_kinds[c.kind]);
    for (int f = 0; f < F_COUNT; f++)
      if (c.fact[f] != DSC_DATE_NONE)
        add_member(facts, sizeof facts, ref_facts[f],
                   dsc_date_format(c.fact[f], date));
    if (c.received_on != DSC_DATE_NONE)
      add_member(facts, sizeof facts, "received_on",
                 dsc_date_format(c.received_on, date));
    if (facts[0] != '\0')
      facts[strlen(facts) - 1] = '\0'; /* the last comma */
    receipt_doc(doc, sizeof doc, ref_channels[c.channel], facts);

    field = ref_expect(&c, &want);
    err = dsc_intake_parse(doc, strlen(doc), &in, &d);
    if (field == NULL) {
      if (err != DSC_OK || in->received_on != want) {
        fprintf(stderr, "input: %s\n", doc);
        DSC_FAIL_("got %s (%s: %s), want received_on %s", dsc_err_name(err),
                  d.field, d.message, dsc_date_format(want, date));
      }
      accepted++;
      derived += c.received_on != want;
      dsc_intake_destroy(in);
    } else {
      if (err != DSC_INVALID || strcmp(d.field, field) != 0) {
        fprintf(stderr, "input: %s\n", doc);
        if (err == DSC_OK)
          dsc_intake_destroy(in);
        DSC_FAIL_("got %s at \"%s\" (%s), want a refusal at \"%s\"",
                  dsc_err_name(err), d.field, d.message, field);
      }
      for (int f = 0; f < F_COUNT; f++)
        refused[f] += strcmp(field, ref_facts[f]) == 0;
      refused[F_COUNT] += strcmp(field, "post_kind") == 0;
      refused[F_COUNT + 1] += strcmp(field, "received_on") == 0;
    }
  }
  /* The draw reached every outcome, many times. */
  DSC_ASSERT(accepted > 10000 && derived > 1000);
  for (int i = 0; i < F_COUNT + 2; i++)
    if (refused[i] < 100)
      DSC_FAIL_("refusal %d met only %d times", i, refused[i]);
}

/* ---- enumerations ------------------------------------------------------ */

DSC_TEST(enum_names_round_trip) {
  dsc_channel_t ch;
  dsc_applicant_type_t ty;
  dsc_form_t fo;
  static const char *const labels[DSC_APPLICANT_TYPE_COUNT] = {
      "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"};

  for (int i = 0; i < DSC_CHANNEL_COUNT; i++) {
    DSC_ASSERT_EQ(dsc_channel_parse(dsc_channel_name((dsc_channel_t)i), &ch),
                  DSC_OK);
    DSC_ASSERT_EQ(ch, i);
  }
  DSC_ASSERT_STR_EQ(dsc_channel_name(DSC_CHANNEL_IN_PERSON), "in_person");
  DSC_ASSERT_STR_EQ(dsc_channel_name(DSC_CHANNEL_FAX), "fax");
  DSC_ASSERT_STR_EQ(dsc_channel_name((dsc_channel_t)99), "unknown");
  DSC_ASSERT_EQ(dsc_channel_parse("FAX", &ch), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_channel_parse(NULL, &ch), DSC_INVALID);

  for (int i = 0; i < DSC_APPLICANT_TYPE_COUNT; i++) {
    DSC_ASSERT_EQ(dsc_applicant_type_parse(
                      dsc_applicant_type_name((dsc_applicant_type_t)i), &ty),
                  DSC_OK);
    DSC_ASSERT_EQ(ty, i);
    DSC_ASSERT_STR_EQ(dsc_applicant_type_label((dsc_applicant_type_t)i),
                      labels[i]);
  }
  DSC_ASSERT_STR_EQ(dsc_applicant_type_name(DSC_APPLICANT_NATURAL_PERSON),
                    "natural_person");
  DSC_ASSERT_STR_EQ(dsc_applicant_type_name(DSC_APPLICANT_OTHER_ORG),
                    "other_org");
  DSC_ASSERT_STR_EQ(dsc_applicant_type_name((dsc_applicant_type_t)-1),
                    "unknown");
  DSC_ASSERT_EQ(dsc_applicant_type_parse("other", &ty), DSC_INVALID);

  DSC_ASSERT_STR_EQ(dsc_form_name(DSC_FORM_NONE), "none");
  DSC_ASSERT_STR_EQ(dsc_form_name(DSC_FORM_PAPER), "paper");
  DSC_ASSERT_STR_EQ(dsc_form_name(DSC_FORM_ELECTRONIC), "electronic");
  DSC_ASSERT_EQ(dsc_form_parse("electronic", &fo), DSC_OK);
  DSC_ASSERT_EQ(fo, DSC_FORM_ELECTRONIC);
  DSC_ASSERT_EQ(dsc_form_parse("none", &fo), DSC_INVALID);

  dsc_post_kind_t pk = DSC_POST_KIND_NONE;
  DSC_ASSERT_STR_EQ(dsc_post_kind_name(DSC_POST_KIND_NONE), "none");
  DSC_ASSERT_STR_EQ(dsc_post_kind_name(DSC_POST_KIND_REGISTERED), "registered");
  DSC_ASSERT_STR_EQ(dsc_post_kind_name(DSC_POST_KIND_ORDINARY), "ordinary");
  DSC_ASSERT_STR_EQ(dsc_post_kind_name((dsc_post_kind_t)7), "unknown");
  DSC_ASSERT_EQ(dsc_post_kind_parse("ordinary", &pk), DSC_OK);
  DSC_ASSERT_EQ(pk, DSC_POST_KIND_ORDINARY);
  DSC_ASSERT_EQ(dsc_post_kind_parse("none", &pk), DSC_INVALID);
  DSC_ASSERT_EQ(dsc_post_kind_parse(NULL, &pk), DSC_INVALID);
  DSC_ASSERT_EQ(pk, DSC_POST_KIND_ORDINARY);
}

/* The rule per channel, and dsc_receipt_derive called directly. */
DSC_TEST(receipt_rule_and_derive) {
  dsc_receipt_t r = {DSC_POST_KIND_NONE, DSC_DATE_NONE, DSC_DATE_NONE,
                     DSC_DATE_NONE};
  dsc_date_t out = 0;
  const char *from = "x";
  dsc_detail_t d;

  DSC_ASSERT_STR_EQ(dsc_receipt_rule(DSC_CHANNEL_IN_PERSON, DSC_POST_KIND_NONE),
                    "handed_in_on");
  DSC_ASSERT_STR_EQ(
      dsc_receipt_rule(DSC_CHANNEL_POST, DSC_POST_KIND_REGISTERED),
      "signed_on");
  DSC_ASSERT_STR_EQ(dsc_receipt_rule(DSC_CHANNEL_POST, DSC_POST_KIND_ORDINARY),
                    "confirmed_on");
  DSC_ASSERT(dsc_receipt_rule(DSC_CHANNEL_POST, DSC_POST_KIND_NONE) == NULL);
  DSC_ASSERT_STR_EQ(dsc_receipt_rule(DSC_CHANNEL_ONLINE, DSC_POST_KIND_NONE),
                    "confirmed_on");
  DSC_ASSERT_STR_EQ(dsc_receipt_rule(DSC_CHANNEL_FAX, DSC_POST_KIND_NONE),
                    "confirmed_on");
  DSC_ASSERT(dsc_receipt_rule((dsc_channel_t)9, DSC_POST_KIND_NONE) == NULL);

  /* Nothing given: nothing derived, nothing named. */
  DSC_ASSERT_EQ(
      dsc_receipt_derive(DSC_CHANNEL_FAX, &r, DSC_DATE_NONE, &out, &from, &d),
      DSC_OK);
  DSC_ASSERT_EQ(out, DSC_DATE_NONE);
  DSC_ASSERT(from == NULL);
  r.confirmed_on = ymd("2023-03-08");
  DSC_ASSERT_EQ(
      dsc_receipt_derive(DSC_CHANNEL_FAX, &r, DSC_DATE_NONE, &out, NULL, &d),
      DSC_OK);
  DSC_ASSERT_EQ(out, ymd("2023-03-08"));
  /* A channel outside the enumeration has no rule: its facts are refused. */
  DSC_ASSERT_EQ(
      dsc_receipt_derive((dsc_channel_t)9, &r, DSC_DATE_NONE, &out, &from, &d),
      DSC_INVALID);
  DSC_ASSERT_STR_EQ(d.field, "confirmed_on");
  DSC_ASSERT_EQ(
      dsc_receipt_derive(DSC_CHANNEL_FAX, NULL, DSC_DATE_NONE, &out, &from, &d),
      DSC_MISUSE);
  DSC_ASSERT_EQ(
      dsc_receipt_derive(DSC_CHANNEL_FAX, &r, DSC_DATE_NONE, NULL, &from, &d),
      DSC_MISUSE);

  /* The mismatch message names both days, the rule and the article, in
   * both languages. */
  static const char doc[] =
      "{\"channel\":\"post\",\"post_kind\":\"registered\",\"signed_on\":"
      "\"2023-03-06\",\"received_on\":\"2023-03-03\"," MIN_APPLICANT
      ",\"description\":\"d\"}";
  DSC_ASSERT(refused_as(doc, strlen(doc), "received_on", &d));
  DSC_ASSERT_STR_EQ(d.message,
                    "must equal signed_on (2023-03-06): registered post is "
                    "received the day the agency signs for it (Art. 31(2))");
  DSC_ASSERT(strstr(d.message_zh, "签收之日") != NULL);
  DSC_ASSERT(strstr(d.message_zh, "第三十一条") != NULL);
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(full_submission),
    DSC_TEST_ENTRY(minimal_submission_gets_defaults),
    DSC_TEST_ENTRY(organisation_with_uscc),
    DSC_TEST_ENTRY(accepted_edge_cases),
    DSC_TEST_ENTRY(length_limits_in_code_points),
    DSC_TEST_ENTRY(document_size_limit),
    DSC_TEST_ENTRY(refusals_table),
    DSC_TEST_ENTRY(refusals_generated),
    DSC_TEST_ENTRY(messages),
    DSC_TEST_ENTRY(misuse_and_null_detail),
    DSC_TEST_ENTRY(damage_never_crashes),
    DSC_TEST_ENTRY(enum_names_round_trip),
    DSC_TEST_ENTRY(receipt_date_by_channel),
    DSC_TEST_ENTRY(receipt_refusals),
    DSC_TEST_ENTRY(property_receipt_matches_reference),
    DSC_TEST_ENTRY(receipt_rule_and_derive),
};
DSC_TEST_MAIN(cases)
