/* Letters (internal): the fields a letter's template is rendered with, and
 * the Chinese ways of writing a date and an amount that they use.
 *
 * The facts (include/disclose/letter.h) say what happened; the fields say
 * it the way a letter writes it: "2026年11月20日", "人民币 12.50 元", the
 * 文号, the addressee with the representative, one flag per outcome, the
 * article a decision rests on. The template renderer (template.h) asks for
 * them one name at a time through dsc__letter_field; a template naming a
 * field outside dsc__letter_known_fields is refused when it is loaded.
 * docs/letters.md lists and explains every field (a unit test holds the list
 * and the document together).
 *
 * Pure: no I/O, no global mutable state. */
#ifndef DSC_ENGINE_LETTER_INT_H
#define DSC_ENGINE_LETTER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disclose/date.h"
#include "disclose/error.h"
#include "disclose/letter.h"

/* True when s is NULL or holds only spaces, tabs, line ends and ideographic
 * spaces (U+3000): a fact that would print as nothing counts as absent. */
bool dsc__letter_blank(const char *s);

/* True when s is UTF-8 without control characters, line ends and tabs
 * allowed only when multiline: a name or a 文号 on two lines would break the
 * letter's layout, a carriage return or an escape would corrupt it. */
bool dsc__letter_clean_text(const char *s, bool multiline);

/* True for a date a letter can write: not DSC_DATE_NONE, years 1 … 9999
 * (which also keeps dsc_date_to_ymd's arithmetic far from overflow). */
bool dsc__letter_date_ok(dsc_date_t date);

/* "9999年12月31日" is 17 bytes; room to spare for the NUL. */
#define DSC__LETTER_DATE_STRLEN 24
/* "人民币 " (10 bytes), the amount (DSC_FEE_AMOUNT_STRLEN), " 元" (4). */
#define DSC__LETTER_AMOUNT_STRLEN (DSC_FEE_AMOUNT_STRLEN + 16)

/* Writes date as a letter writes it, without leading zeros:
 * "2026年11月20日", "2027年1月4日". Returns buf. date must be a valid date
 * (not DSC_DATE_NONE) in years 1 … 9999. */
char *dsc__letter_date_format(dsc_date_t date,
                              char buf[DSC__LETTER_DATE_STRLEN]);

/* Writes fen as a letter writes an amount: "人民币 12.50 元". Returns buf. */
char *dsc__letter_amount_format(int64_t fen,
                                char buf[DSC__LETTER_AMOUNT_STRLEN]);

/* The fields of one letter: name → value, each value owned. */
typedef struct dsc__letter_fields dsc__letter_fields_t;

/* Checks facts (dsc_letter_check) and, when they pass, builds the fields of
 * the letter into *out, which the caller frees with dsc__letter_fields_free.
 * Nothing is kept from facts: the values are copied.
 *
 * A field is present only when its fact is (so a template's {{#name}}
 * section shows exactly when there is something to say); a flag is "1"
 * when it holds and absent otherwise. Returns DSC_OK; what dsc_letter_check
 * returns (detail naming the fact at fault); DSC_NOMEM; DSC_MISUSE when
 * facts or out is NULL. *out is NULL on failure. */
dsc_err_t dsc__letter_fields_build(const dsc_letter_facts_t *facts,
                                   dsc__letter_fields_t **out,
                                   dsc_detail_t *detail);

/* dsc__letter_fields_build for a letter not numbered yet: number 0 passes
 * the check (dsc__letter_check_unnumbered) and the field `number` holds
 * DSC_LETTER_NUMBER_STANDIN where the sequence number goes. Any other
 * number is checked and written as usual. */
dsc_err_t dsc__letter_fields_build_unnumbered(const dsc_letter_facts_t *facts,
                                              dsc__letter_fields_t **out,
                                              dsc_detail_t *detail);

/* dsc_letter_check, except that number 0 (not numbered yet) passes: the
 * render path's check (letter.h, "Rendering"). dsc_letter_check itself
 * keeps refusing 0, since a letter stored or shown must have its number. */
dsc_err_t dsc__letter_check_unnumbered(const dsc_letter_facts_t *facts,
                                       dsc_detail_t *detail);

/* Writes the 文号 with seq as its sequence number (the decimal, or the
 * stand-in) into buf[0..buflen): the one place its pattern is spelt. The
 * parts are not checked (dsc_letter_number_format does that). False, buf
 * emptied, when it does not fit. */
bool dsc__letter_number_write(const char *short_name, dsc_letter_kind_t kind,
                              int year, const char *seq, char *buf,
                              size_t buflen);

/* The value of field name, or NULL when the letter has none (or the name is
 * not a known field). The string lives as long as f. Its shape fits the
 * renderer's lookup callback; the caller adapts the first argument. */
const char *dsc__letter_field(const dsc__letter_fields_t *f, const char *name);

/* Frees f and its values. Accepts NULL. */
void dsc__letter_fields_free(dsc__letter_fields_t *f);

/* Every field name any letter may have, *n of them (static storage): what a
 * template may name. */
const char *const *dsc__letter_known_fields(size_t *n);

#endif
