/* Identity numbers (GB 11643-1999 resident IDs, GB 32100-2015 unified social
 * credit codes) and masking, against slow references written here from the
 * standards' definitions rather than from the engine's weight tables. */
#include "disclose/intake.h"
#include "dsc_test.h"
#include "idnum.h"

/* ---- references -------------------------------------------------------- */

/* GB 11643 / ISO 7064 MOD 11-2 from first principles: the weight of the
 * i-th character (0-based, of 18) is 2^(17-i) mod 11, and the check value c
 * makes Σ a_i·w_i ≡ 1 (mod 11) with the check character's weight being 1;
 * c = 10 is written 'X'. */
static char ref_resident_check(const char *first17) {
  long sum = 0;
  for (int i = 0; i < 17; i++) {
    long w = 1;
    for (int k = 0; k < 17 - i; k++)
      w = (w * 2) % 11;
    sum += (first17[i] - '0') * w;
  }
  long c = ((1 - sum) % 11 + 11) % 11;
  return c == 10 ? 'X' : (char)('0' + c);
}

/* GB 32100 from first principles: a character's value is its index in the
 * 31-character code set, the weight of position i is 3^i mod 31, and the
 * check value makes the weighted sum plus the check value ≡ 0 (mod 31). */
static const char ref_uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int ref_uscc_value(char c) {
  for (int i = 0; i < 31; i++)
    if (ref_uscc_set[i] == c)
      return i;
  return -1;
}

static char ref_uscc_check(const char *first17) {
  long sum = 0, w = 1;
  for (int i = 0; i < 17; i++) {
    sum += ref_uscc_value(first17[i]) * w;
    w = (w * 3) % 31;
  }
  return ref_uscc_set[(31 - sum % 31) % 31];
}

static int ref_days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return days[m - 1] + (m == 2 && leap);
}

/* A random valid resident ID into id[19]: region first digit 1-8, a real
 * birth date 1900-2099, any sequence number, the reference check char. */
static void random_resident(uint64_t *rng, char id[19]) {
  int y = 1900 + (int)(dsc_test_rand(rng) % 200);
  int m = 1 + (int)(dsc_test_rand(rng) % 12);
  int d = 1 + (int)(dsc_test_rand(rng) % (uint64_t)ref_days_in_month(y, m));
  char birth[32]; /* room for any int, though y, m, d are small */

  id[0] = (char)('1' + dsc_test_rand(rng) % 8);
  for (int i = 1; i < 6; i++)
    id[i] = (char)('0' + dsc_test_rand(rng) % 10);
  snprintf(birth, sizeof birth, "%04d%02d%02d", y, m, d);
  memcpy(id + 6, birth, 8);
  for (int i = 14; i < 17; i++)
    id[i] = (char)('0' + dsc_test_rand(rng) % 10);
  id[17] = ref_resident_check(id);
  id[18] = '\0';
}

/* A random valid USCC into code[19]. */
static void random_uscc(uint64_t *rng, char code[19]) {
  static const char departments[] = "123456789ABCDEFGHNY";
  code[0] = departments[dsc_test_rand(rng) % (sizeof departments - 1)];
  for (int i = 1; i < 17; i++)
    code[i] = ref_uscc_set[dsc_test_rand(rng) % 31];
  code[17] = ref_uscc_check(code);
  code[18] = '\0';
}

/* ---- resident IDs ------------------------------------------------------ */

DSC_TEST(resident_known_samples) {
  /* The worked examples of GB 11643-1999 itself. */
  DSC_ASSERT_EQ(ref_resident_check("11010519491231002"), 'X');
  DSC_ASSERT_EQ(ref_resident_check("44052418800101001"), '4');
  DSC_ASSERT(dsc_id_resident_valid("11010519491231002X"));
  /* The standard's second example is born in 1880: its check digit is
   * right, but our rule admits birth dates from 1900-01-01 only. */
  DSC_ASSERT(!dsc_id_resident_valid("440524188001010014"));
  DSC_ASSERT_EQ(dsc__id_resident_check("440524188001010014"),
                DSC__ID_BAD_BIRTH_DATE);
  /* Lower-case x is the caller's to upper-case. */
  DSC_ASSERT(!dsc_id_resident_valid("11010519491231002x"));
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002x"),
                DSC__ID_BAD_CHARS);
}

static void with_check(char id[19], const char *first17) {
  memcpy(id, first17, 17);
  id[17] = ref_resident_check(first17);
  id[18] = '\0';
}

DSC_TEST(resident_rules) {
  char id[19];

  DSC_ASSERT(!dsc_id_resident_valid(NULL));
  DSC_ASSERT(!dsc_id_resident_valid(""));
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002"),
                DSC__ID_BAD_LENGTH);
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002X1"),
                DSC__ID_BAD_LENGTH);
  DSC_ASSERT_EQ(dsc__id_resident_check("1101051949123100AX"),
                DSC__ID_BAD_CHARS);
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002Y"),
                DSC__ID_BAD_CHARS);
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002\xe2"),
                DSC__ID_BAD_CHARS);
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002X"), DSC__ID_OK);
  DSC_ASSERT_EQ(dsc__id_resident_check("11010519491231002"
                                       "1"),
                DSC__ID_BAD_CHECK);

  /* Region: first digit 1-8. */
  with_check(id, "01010519491231002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_REGION);
  with_check(id, "91010519491231002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_REGION);
  with_check(id, "81000019800101002"); /* 8: Hong Kong, Macao, Taiwan */
  DSC_ASSERT(dsc_id_resident_valid(id));

  /* Birth dates: must exist, from 1900-01-01. */
  with_check(id, "11010519000101002");
  DSC_ASSERT(dsc_id_resident_valid(id));
  with_check(id, "11010518991231002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_BIRTH_DATE);
  with_check(id, "11010519000229002"); /* 1900 was not a leap year */
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_BIRTH_DATE);
  with_check(id, "11010520000229002"); /* 2000 was */
  DSC_ASSERT(dsc_id_resident_valid(id));
  with_check(id, "11010519901301002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_BIRTH_DATE);
  with_check(id, "11010519900100002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_BIRTH_DATE);
  with_check(id, "11010519900431002");
  DSC_ASSERT_EQ(dsc__id_resident_check(id), DSC__ID_BAD_BIRTH_DATE);
}

DSC_TEST(resident_property_random) {
  static const char check_chars[] = "0123456789X";
  uint64_t rng = dsc_test_seed();
  char id[19], bad[19];

  for (int n = 0; n < 20000; n++) {
    random_resident(&rng, id);
    if (!dsc_id_resident_valid(id))
      DSC_FAIL_("valid resident ID refused: %s", id);
    /* Every other check character is refused. */
    for (const char *c = check_chars; *c != '\0'; c++) {
      if (*c == id[17])
        continue;
      memcpy(bad, id, sizeof bad);
      bad[17] = *c;
      if (dsc_id_resident_valid(bad))
        DSC_FAIL_("wrong check character accepted: %s (right: %c)", bad,
                  id[17]);
      if (dsc__id_resident_check(bad) != DSC__ID_BAD_CHECK)
        DSC_FAIL_("%s: expected bad check, got %d", bad,
                  (int)dsc__id_resident_check(bad));
    }
    /* MOD 11-2 catches every single-digit substitution in the body (each
     * weight is non-zero mod 11), whatever else the change breaks. */
    int pos = (int)(dsc_test_rand(&rng) % 17);
    memcpy(bad, id, sizeof bad);
    bad[pos] =
        (char)('0' +
               (bad[pos] - '0' + 1 + (int)(dsc_test_rand(&rng) % 9)) % 10);
    if (dsc_id_resident_valid(bad))
      DSC_FAIL_("substitution at %d accepted: %s (from %s)", pos, bad, id);
  }
}

/* ---- unified social credit codes -------------------------------------- */

DSC_TEST(uscc_known_samples) {
  /* Published codes of real organisations, checked by the reference. */
  static const char *const samples[] = {
      "91350100M000100Y43", "91110000600037341L", "91110108551385082Q",
      "91440300708461136T"};
  for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
    DSC_ASSERT_EQ(ref_uscc_check(samples[i]), samples[i][17]);
    if (!dsc_id_uscc_valid(samples[i]))
      DSC_FAIL_("known-valid USCC refused: %s", samples[i]);
  }
}

DSC_TEST(uscc_rules) {
  char code[19];

  DSC_ASSERT(!dsc_id_uscc_valid(NULL));
  DSC_ASSERT(!dsc_id_uscc_valid(""));
  DSC_ASSERT_EQ(dsc__id_uscc_check("91350100M000100Y4"), DSC__ID_BAD_LENGTH);
  DSC_ASSERT_EQ(dsc__id_uscc_check("91350100M000100Y433"), DSC__ID_BAD_LENGTH);
  DSC_ASSERT_EQ(dsc__id_uscc_check("91350100m000100Y43"), DSC__ID_BAD_CHARS);
  DSC_ASSERT_EQ(dsc__id_uscc_check("91350100M000100Y42"), DSC__ID_BAD_CHECK);
  /* I, O, Z, S, V are not in the code set, wherever they stand. */
  for (const char *c = "IOZSV"; *c != '\0'; c++) {
    memcpy(code, "91350100M000100Y43", 19);
    code[8] = *c;
    DSC_ASSERT_EQ(dsc__id_uscc_check(code), DSC__ID_BAD_CHARS);
    code[8] = 'M';
    code[17] = *c;
    DSC_ASSERT_EQ(dsc__id_uscc_check(code), DSC__ID_BAD_CHARS);
  }
  /* The first character is a registration department: 1-9, A-H, N, Y. */
  for (const char *c = ref_uscc_set; *c != '\0'; c++) {
    bool department = strchr("123456789ABCDEFGHNY", *c) != NULL;
    memcpy(code, "91350100M000100Y43", 19);
    code[0] = *c;
    code[17] = ref_uscc_check(code);
    DSC_ASSERT_EQ(dsc_id_uscc_valid(code), department);
    if (!department)
      DSC_ASSERT_EQ(dsc__id_uscc_check(code), DSC__ID_BAD_DEPARTMENT);
  }
  /* A sum ≡ 0 (mod 31) gives check character '0', not 31. */
  memcpy(code, "10000000000000000", 17);
  code[0] = '1'; /* value 1 · weight 1: sum 1 → check 30 ('Y') */
  code[17] = ref_uscc_check(code);
  code[18] = '\0';
  DSC_ASSERT_EQ(code[17], 'Y');
  DSC_ASSERT(dsc_id_uscc_valid(code));
  /* And a body whose weighted sum is ≡ 0 (mod 31), found by search: its
   * check character is '0' (31 - 0 would be out of range). */
  for (int v = 0; v < 31; v++) {
    memcpy(code, "A0000000000000000", 17);
    code[1] = ref_uscc_set[v];
    code[17] = ref_uscc_check(code);
    if (code[17] == '0') {
      DSC_ASSERT(dsc_id_uscc_valid(code));
      return;
    }
  }
  DSC_FAIL_("no code with check character '0' found");
}

DSC_TEST(uscc_property_random) {
  uint64_t rng = dsc_test_seed();
  char code[19], bad[19];

  for (int n = 0; n < 20000; n++) {
    random_uscc(&rng, code);
    if (!dsc_id_uscc_valid(code))
      DSC_FAIL_("valid USCC refused: %s", code);
    for (const char *c = ref_uscc_set; *c != '\0'; c++) {
      if (*c == code[17])
        continue;
      memcpy(bad, code, sizeof bad);
      bad[17] = *c;
      if (dsc_id_uscc_valid(bad))
        DSC_FAIL_("wrong check character accepted: %s (right: %c)", bad,
                  code[17]);
    }
    /* Every weight is non-zero mod 31 (a prime), so any one substitution
     * in the body changes the sum. */
    int pos = (int)(dsc_test_rand(&rng) % 17);
    memcpy(bad, code, sizeof bad);
    bad[pos] = ref_uscc_set[(ref_uscc_value(bad[pos]) + 1 +
                             (int)(dsc_test_rand(&rng) % 30)) %
                            31];
    if (dsc_id_uscc_valid(bad))
      DSC_FAIL_("substitution at %d accepted: %s (from %s)", pos, bad, code);
  }
}

DSC_TEST(resident_samples_are_not_uscc) {
  /* The intake tests rely on these: a resident ID is no USCC here (its
   * USCC check character would be another), and a USCC is no resident ID. */
  DSC_ASSERT(ref_uscc_check("11010519491231002") != 'X');
  DSC_ASSERT_EQ(dsc__id_uscc_check("11010519491231002X"), DSC__ID_BAD_CHECK);
  DSC_ASSERT_EQ(dsc__id_resident_check("91350100M000100Y43"),
                DSC__ID_BAD_CHARS);
}

/* ---- masking ----------------------------------------------------------- */

static void assert_mask(const char *id, const char *want) {
  char buf[64];
  char *got = dsc_id_mask(id, buf, sizeof buf);
  DSC_ASSERT(got == buf);
  if (strcmp(got, want) != 0)
    DSC_FAIL_("mask(\"%s\") = \"%s\", want \"%s\"", id ? id : "(null)", got,
              want);
}

DSC_TEST(mask_cases) {
  char small[19];

  assert_mask("110101199003071234", "110101********1234");
  assert_mask("11010519491231002X", "110105********002X");
  assert_mask("91350100M000100Y43", "913501********0Y43");
  assert_mask("12345678901", "123456*8901"); /* 11: one masked */
  assert_mask("1234567890", "********90");   /* 10: all but 2 */
  assert_mask("123", "*23");
  assert_mask("12", "12");
  assert_mask("1", "1");
  assert_mask("", "");
  assert_mask(NULL, "");
  /* Characters are code points: one '*' each, never a split sequence. */
  assert_mask("护照E1234567", "********67");
  assert_mask("张三丰ABCDEFGHIJ", "张三丰ABC***GHIJ");
  assert_mask("ABCDEF护照护照GHIJ", "ABCDEF****GHIJ");

  /* The buffer: exactly enough works, one byte short gives "". */
  DSC_ASSERT_STR_EQ(dsc_id_mask("110101199003071234", small, 19),
                    "110101********1234");
  DSC_ASSERT_STR_EQ(dsc_id_mask("110101199003071234", small, 18), "");
  DSC_ASSERT(dsc_id_mask("110101199003071234", NULL, 0) == NULL);
}

DSC_TEST(mask_never_reveals_the_middle) {
  uint64_t rng = dsc_test_seed();
  char id[19], buf[19];

  for (int n = 0; n < 2000; n++) {
    random_resident(&rng, id);
    dsc_id_mask(id, buf, sizeof buf);
    DSC_ASSERT_EQ(strlen(buf), 18);
    DSC_ASSERT(memcmp(buf, id, 6) == 0);
    DSC_ASSERT(memcmp(buf + 14, id + 14, 4) == 0);
    for (int i = 6; i < 14; i++)
      DSC_ASSERT_EQ(buf[i], '*');
  }
}

static const dsc_test_case_t cases[] = {
    DSC_TEST_ENTRY(resident_known_samples),
    DSC_TEST_ENTRY(resident_rules),
    DSC_TEST_ENTRY(resident_property_random),
    DSC_TEST_ENTRY(uscc_known_samples),
    DSC_TEST_ENTRY(uscc_rules),
    DSC_TEST_ENTRY(uscc_property_random),
    DSC_TEST_ENTRY(resident_samples_are_not_uscc),
    DSC_TEST_ENTRY(mask_cases),
    DSC_TEST_ENTRY(mask_never_reveals_the_middle),
};
DSC_TEST_MAIN(cases)
