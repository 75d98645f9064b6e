/* Letters: the kinds, the 文号, and the Chinese date and amount
 * (include/disclose/letter.h, letter_int.h). The check that a letter has
 * every fact it needs is letter_check.c; the fields a template is rendered
 * with are built in letter_fields.c.
 */
#include "disclose/letter.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "letter_int.h"
#include "names.h"
#include "utf8.h"

/* ---- kinds --------------------------------------------------------------- */

static const char *const kind_names[] = {
#define KIND_NAME_(name, cli, title, marker) cli,
    DSC_LETTER_KIND_MAP(KIND_NAME_)
#undef KIND_NAME_
};
static const char *const kind_titles[] = {
#define KIND_TITLE_(name, cli, title, marker) title,
    DSC_LETTER_KIND_MAP(KIND_TITLE_)
#undef KIND_TITLE_
};
static const char *const kind_markers[] = {
#define KIND_MARKER_(name, cli, title, marker) marker,
    DSC_LETTER_KIND_MAP(KIND_MARKER_)
#undef KIND_MARKER_
};

const char *dsc_letter_kind_name(dsc_letter_kind_t kind) {
  return (unsigned)kind < DSC_LETTER__COUNT ? kind_names[kind] : NULL;
}

const char *dsc_letter_kind_title(dsc_letter_kind_t kind) {
  return (unsigned)kind < DSC_LETTER__COUNT ? kind_titles[kind] : NULL;
}

const char *dsc_letter_kind_marker(dsc_letter_kind_t kind) {
  return (unsigned)kind < DSC_LETTER__COUNT ? kind_markers[kind] : NULL;
}

dsc_err_t dsc_letter_kind_parse(const char *name, dsc_letter_kind_t *out) {
  int i = dsc__name_index(kind_names, DSC_LETTER__COUNT, name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_letter_kind_t)i;
  return DSC_OK;
}

void dsc_letter_facts_init(dsc_letter_facts_t *facts) {
  if (facts == NULL)
    return;
  memset(facts, 0, sizeof *facts);
  facts->kind = DSC_LETTER_ANSWER;
  facts->outcome = DSC_OUTCOME_NONE;
  facts->form = DSC_FORM_NONE;
  facts->fee_method = DSC_FEE_CHEAPER;
  facts->date = DSC_DATE_NONE;
  facts->received_on = DSC_DATE_NONE;
  facts->earlier_date = DSC_DATE_NONE;
  facts->supplement_requested_on = DSC_DATE_NONE;
  facts->supplement_last_day = DSC_DATE_NONE;
  facts->extension_due = DSC_DATE_NONE;
  facts->consultation_last_day = DSC_DATE_NONE;
  facts->fee_notified_on = DSC_DATE_NONE;
  facts->fee_last_day = DSC_DATE_NONE;
}

bool dsc_letter_refuses_disclosure(dsc_outcome_t outcome) {
  /* By the code's group, so that an outcome appended to withheld.* joins
   * the reconsideration-first letters without a change here. */
  const char *code = dsc_outcome_code(outcome);
  return outcome == DSC_OUTCOME_PARTIALLY_DISCLOSED ||
         (code != NULL && strncmp(code, "withheld.", 9) == 0);
}

/* ---- text ---------------------------------------------------------------- */

bool dsc__letter_blank(const char *s) {
  if (s == NULL)
    return true;
  while (*s) {
    if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
      s++;
    else if (strncmp(s, "\u3000", 3) == 0) /* the ideographic space */
      s += 3;
    else
      return false;
  }
  return true;
}

bool dsc__letter_clean_text(const char *s, bool multiline) {
  if (!dsc__utf8_valid(s, strlen(s)))
    return false;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p < 0x20 || *p == 0x7F) && !(multiline && (*p == '\n' || *p == '\t')))
      return false;
  return true;
}

/* ---- dates and amounts --------------------------------------------------- */

bool dsc__letter_date_ok(dsc_date_t d) {
  return d != DSC_DATE_NONE && d >= dsc_date_from_ymd(1, 1, 1) &&
         d <= dsc_date_from_ymd(9999, 12, 31);
}

char *dsc__letter_date_format(dsc_date_t date,
                              char buf[DSC__LETTER_DATE_STRLEN]) {
  int y = 0, m = 0, d = 0;
  if (dsc__letter_date_ok(date))
    dsc_date_to_ymd(date, &y, &m, &d);
  snprintf(buf, DSC__LETTER_DATE_STRLEN, "%d年%d月%d日", y, m, d);
  return buf;
}

char *dsc__letter_amount_format(int64_t fen,
                                char buf[DSC__LETTER_AMOUNT_STRLEN]) {
  char yuan[DSC_FEE_AMOUNT_STRLEN];
  snprintf(buf, DSC__LETTER_AMOUNT_STRLEN, "人民币 %s 元",
           dsc_fee_amount_format(fen, yuan));
  return buf;
}

/* ---- the 文号 ------------------------------------------------------------ */

dsc_err_t dsc_letter_number_format(const char *short_name,
                                   dsc_letter_kind_t kind, int year, int number,
                                   char *buf, size_t buflen,
                                   dsc_detail_t *detail) {
  char seq[16];

  if (dsc__letter_blank(short_name))
    return dsc_detail_set(detail, DSC_INVALID, "agency.short_name",
                          "the agency has no short name for the document "
                          "number",
                          "未设置本机关文号所用的简称");
  if (!dsc__letter_clean_text(short_name, false) ||
      dsc__utf8_length(short_name, strlen(short_name)) >
          DSC_LETTER_SHORT_NAME_MAX ||
      strchr(short_name, ' ') != NULL || strstr(short_name, "\u3000") != NULL)
    return dsc_detail_setf(
        detail, DSC_INVALID, "agency.short_name",
        "must be UTF-8 of at most %d characters without "
        "spaces or control characters",
        "必须是不超过%d个字符、不含空格和控制字符的UTF-8文本",
        DSC_LETTER_SHORT_NAME_MAX);
  if ((unsigned)kind >= DSC_LETTER__COUNT)
    return dsc_detail_set(detail, DSC_INVALID, "kind", "unknown letter kind",
                          "未知的文书种类");
  if (year < 1000 || year > 9999)
    return dsc_detail_setf(detail, DSC_INVALID, "year",
                           "%d is not a four-digit year", "%d 不是四位年份",
                           year);
  if (number < 1 || number > DSC_LETTER_NUMBER_MAX)
    return dsc_detail_setf(detail, DSC_INVALID, "number", "must be 1 to %d",
                           "必须在1至%d之间", DSC_LETTER_NUMBER_MAX);
  if (buf == NULL)
    return DSC_MISUSE;
  snprintf(seq, sizeof seq, "%d", number);
  return dsc__letter_number_write(short_name, kind, year, seq, buf, buflen)
             ? DSC_OK
             : DSC_MISUSE;
}

bool dsc__letter_number_write(const char *short_name, dsc_letter_kind_t kind,
                              int year, const char *seq, char *buf,
                              size_t buflen) {
  int n = snprintf(buf, buflen, "%s%s〔%d〕%s号", short_name,
                   kind_markers[kind], year, seq);
  if (n < 0 || (size_t)n >= buflen) {
    if (buflen > 0)
      buf[0] = '\0';
    return false;
  }
  return true;
}
