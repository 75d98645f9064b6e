/* Identity-number checks with the reason of a refusal (internal).
 *
 * The public dsc_id_resident_valid / dsc_id_uscc_valid (disclose/intake.h)
 * answer yes or no; the intake validator needs to say *why* a number is
 * refused ("bad check digit" versus "bad birth date"), so the checks live
 * here and return a status. */
#ifndef DSC_ENGINE_IDNUM_H
#define DSC_ENGINE_IDNUM_H

/* Why a number was refused, checked in this order. */
typedef enum dsc__id_status {
  DSC__ID_OK = 0,
  DSC__ID_BAD_LENGTH,     /* not exactly 18 characters (or NULL) */
  DSC__ID_BAD_CHARS,      /* a character outside the number's alphabet */
  DSC__ID_BAD_REGION,     /* resident: region code's first digit not 1-8 */
  DSC__ID_BAD_BIRTH_DATE, /* resident: no such day, or before 1900-01-01 */
  DSC__ID_BAD_DEPARTMENT, /* USCC: first character not a department code */
  DSC__ID_BAD_CHECK       /* the check character does not match */
} dsc__id_status_t;

/* Checks a GB 11643-1999 resident identity number (upper-case 'X' only). */
dsc__id_status_t dsc__id_resident_check(const char *id);

/* Checks a GB 32100-2015 unified social credit code (upper-case only). */
dsc__id_status_t dsc__id_uscc_check(const char *code);

#endif
