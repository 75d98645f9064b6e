/* Chinese identity numbers: GB 11643-1999 resident identity numbers and
 * GB 32100-2015 unified social credit codes, and masking for display. */
#include "idnum.h"

#include <string.h>

#include "disclose/date.h"
#include "disclose/intake.h"

#define ID_LEN 18

/* GB 11643-1999 §5 / ISO 7064 MOD 11-2: weight of position i is
 * 2^(17-i) mod 11; the check character makes the weighted sum ≡ 1 mod 11,
 * which the table below gives directly from the sum of the first 17. */
static const unsigned char resident_weights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
static const char resident_check_chars[11] = {'1', '0', 'X', '9', '8', '7',
                                              '6', '5', '4', '3', '2'};

/* GB 32100-2015 §4: the 31 code characters in value order, the weights
 * 3^i mod 31, and the first-position registration department codes. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const unsigned char uscc_weights[17] = {
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
static const char uscc_departments[] = "123456789ABCDEFGHNY";

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Length of s if it is at most max + 1, so an over-long untrusted string is
 * never scanned to its end. */
static size_t bounded_len(const char *s, size_t max) {
  size_t n = 0;
  while (n <= max && s[n] != '\0')
    n++;
  return n;
}

dsc__id_status_t dsc__id_resident_check(const char *id) {
  unsigned sum = 0;
  int year = 0, month = 0, day = 0;

  if (id == NULL || bounded_len(id, ID_LEN) != ID_LEN)
    return DSC__ID_BAD_LENGTH;
  for (int i = 0; i < 17; i++)
    if (!is_digit(id[i]))
      return DSC__ID_BAD_CHARS;
  if (!is_digit(id[17]) && id[17] != 'X')
    return DSC__ID_BAD_CHARS;
  /* The first digit of the GB/T 2260 region code is the major region,
   * 1 (North China) to 8 (Hong Kong, Macao, Taiwan). */
  if (id[0] < '1' || id[0] > '8')
    return DSC__ID_BAD_REGION;
  for (int i = 6; i < 10; i++)
    year = year * 10 + (id[i] - '0');
  month = (id[10] - '0') * 10 + (id[11] - '0');
  day = (id[12] - '0') * 10 + (id[13] - '0');
  if (year < 1900 || !dsc_date_valid_ymd(year, month, day))
    return DSC__ID_BAD_BIRTH_DATE;
  for (int i = 0; i < 17; i++)
    sum += (unsigned)(id[i] - '0') * resident_weights[i];
  if (resident_check_chars[sum % 11] != id[17])
    return DSC__ID_BAD_CHECK;
  return DSC__ID_OK;
}

dsc__id_status_t dsc__id_uscc_check(const char *code) {
  unsigned sum = 0, values[ID_LEN];

  if (code == NULL || bounded_len(code, ID_LEN) != ID_LEN)
    return DSC__ID_BAD_LENGTH;
  for (int i = 0; i < ID_LEN; i++) {
    /* strchr would also match the terminating NUL; code[i] is never NUL
     * here because the length is exactly 18. */
    const char *p = strchr(uscc_alphabet, code[i]);
    if (p == NULL)
      return DSC__ID_BAD_CHARS;
    values[i] = (unsigned)(p - uscc_alphabet);
  }
  if (strchr(uscc_departments, code[0]) == NULL)
    return DSC__ID_BAD_DEPARTMENT;
  for (int i = 0; i < 17; i++)
    sum += values[i] * uscc_weights[i];
  if ((31 - sum % 31) % 31 != values[17])
    return DSC__ID_BAD_CHECK;
  return DSC__ID_OK;
}

bool dsc_id_resident_valid(const char *id) {
  return dsc__id_resident_check(id) == DSC__ID_OK;
}

bool dsc_id_uscc_valid(const char *code) {
  return dsc__id_uscc_check(code) == DSC__ID_OK;
}

/* True at the first byte of a UTF-8 code point. Malformed text still masks
 * safely: a stray continuation byte belongs to the character before it, and
 * one at the very start is a character of its own. */
static bool char_start(unsigned char c) { return (c & 0xC0) != 0x80; }

char *dsc_id_mask(const char *id, char *buf, size_t buflen) {
  size_t bytes, chars = 0, keep_head, keep_tail, ci = 0, o = 0;

  if (buflen == 0)
    return buf;
  buf[0] = '\0';
  if (id == NULL)
    return buf;
  bytes = strlen(id);
  /* Every masked character shrinks to one byte, so the mask is never longer
   * than the id; refusing when the id itself would not fit keeps the rule
   * simple and the result whole. */
  if (bytes >= buflen)
    return buf;
  for (size_t i = 0; i < bytes; i++)
    chars += i == 0 || char_start((unsigned char)id[i]);
  if (chars > 10) {
    keep_head = 6;
    keep_tail = 4;
  } else {
    keep_head = 0;
    keep_tail = chars < 2 ? chars : 2;
  }
  for (size_t i = 0; i < bytes; i++) {
    bool start = i == 0 || char_start((unsigned char)id[i]);
    size_t index = start ? ci++ : ci - 1; /* the character this byte is in */
    bool keep = index < keep_head || index >= chars - keep_tail;
    if (keep)
      buf[o++] = id[i];
    else if (start)
      buf[o++] = '*';
  }
  buf[o] = '\0';
  return buf;
}
