/* Letters: the six templates parsed from their bytes, a letter's text
 * rendered with them, and its fields as JSON (include/disclose/letter.h,
 * "Rendering"). The HTML layout of a text is letter_html.c's; reading a
 * center's template files is engine/ops/letter_templates.c's, so that this
 * layer stays pure.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "disclose/letter.h"
#include "letter_int.h"
#include "letter_templates.h"
#include "names.h"
#include "template.h"

struct dsc_letter_templates {
  dsc__template_t *t[DSC_LETTER__COUNT]; /* by kind */
};

static const char *const format_names[] = {"text", "html", "json"};

dsc_err_t dsc_letter_format_parse(const char *name, dsc_letter_format_t *out) {
  int i = dsc__name_index(format_names,
                          sizeof format_names / sizeof format_names[0], name);
  if (i < 0 || out == NULL)
    return DSC_INVALID;
  *out = (dsc_letter_format_t)i;
  return DSC_OK;
}

static dsc_err_t nomem(dsc_detail_t *d) {
  return dsc_detail_set(d, DSC_NOMEM, "letter", "out of memory", "内存不足");
}

/* ---- the templates --------------------------------------------------------
 */

const dsc__letter_file_t *dsc__letter_builtin(dsc_letter_kind_t kind) {
  char want[64];
  const char *name = dsc_letter_kind_name(kind);

  if (name == NULL)
    return NULL;
  snprintf(want, sizeof want, "%s.tmpl", name);
  for (const dsc__letter_file_t *f = dsc__letter_builtins; f->name; f++)
    if (strcmp(f->name, want) == 0)
      return f;
  return NULL;
}

void dsc_letter_templates_free(dsc_letter_templates_t *t) {
  if (t == NULL)
    return;
  for (int k = 0; k < DSC_LETTER__COUNT; k++)
    dsc__template_free(t->t[k]);
  dsc__free(t);
}

/* A fault of the template called name, whose own message is inner's
 * ("line 4: …"): the same code, field "template", the name in front. A
 * long path gives way to the file's own name, so that the line number is
 * never cut off the end of the message. */
static dsc_err_t fault_in(dsc_detail_t *d, const char *name, bool builtin,
                          const dsc_detail_t *inner) {
  char en[sizeof inner->message + 160], zh[sizeof inner->message_zh + 160];
  const char *slash = strrchr(name, '/');

  if (strlen(name) > 120 && slash != NULL)
    name = slash + 1;
  snprintf(en, sizeof en, "%s%s: %s", builtin ? "built-in " : "", name,
           inner->message);
  snprintf(zh, sizeof zh, "%s%s：%s", builtin ? "内置模板 " : "", name,
           inner->message_zh[0] ? inner->message_zh : inner->message);
  return dsc_detail_set(d, inner->code, "template", en, zh);
}

/* The template language lets any byte through as text, but a letter's
 * lines end in LF and hold no control character but tabs: a carriage
 * return or an escape would print as garbage, and dsc_letter_html refuses
 * them. CRLF line ends pass (the renderer keeps the CR; render_text drops
 * it). NUL is the parser's to refuse. */
static dsc_err_t check_controls(const dsc__letter_file_t *f,
                                dsc_detail_t *inner) {
  size_t line = 1;

  for (size_t i = 0; i < f->len; i++) {
    unsigned char c = (unsigned char)f->text[i];
    if (c == '\n')
      line++;
    else if ((c < 0x20 || c == 0x7F) && c != '\t' && c != '\0' &&
             !(c == '\r' && i + 1 < f->len && f->text[i + 1] == '\n'))
      return dsc_detail_setf(
          inner, DSC_INVALID, "template",
          "line %zu: control character 0x%02X (only tabs and line ends may "
          "be used)",
          "第 %zu 行：含有控制字符 0x%02X（只允许制表符和换行）", line, c);
  }
  return DSC_OK;
}

dsc_err_t dsc__letter_templates_parse(const dsc__letter_file_t *files,
                                      dsc_letter_templates_t **out,
                                      dsc_detail_t *detail) {
  dsc_letter_templates_t *t;
  size_t nknown;
  const char *const *known = dsc__letter_known_fields(&nknown);

  if (out == NULL)
    return DSC_MISUSE;
  *out = NULL;
  if ((t = dsc__calloc(1, sizeof *t)) == NULL)
    return nomem(detail);
  for (int k = 0; k < DSC_LETTER__COUNT; k++) {
    bool builtin = files == NULL || files[k].text == NULL;
    const dsc__letter_file_t *f =
        builtin ? dsc__letter_builtin((dsc_letter_kind_t)k) : &files[k];
    dsc_detail_t inner;
    dsc_err_t err;

    if (f == NULL) { /* the build embeds all six; a test holds it to that */
      dsc_letter_templates_free(t);
      return dsc_detail_setf(
          detail, DSC_INTERNAL, "template", "no built-in template for %s",
          "缺少 %s 的内置模板", dsc_letter_kind_name((dsc_letter_kind_t)k));
    }
    memset(&inner, 0, sizeof inner);
    if ((err = check_controls(f, &inner)) == DSC_OK)
      err =
          dsc__template_parse(f->text, f->len, known, nknown, &t->t[k], &inner);
    if (err != DSC_OK) {
      dsc_letter_templates_free(t);
      return err == DSC_NOMEM ? nomem(detail)
                              : fault_in(detail, f->name, builtin, &inner);
    }
  }
  *out = t;
  return DSC_OK;
}

/* ---- a letter -------------------------------------------------------------
 */

/* The renderer's lookup, on the letter's fields. */
static const char *lookup(void *ctx, const char *name) {
  return dsc__letter_field(ctx, name);
}

/* Drops each CR that ends a line (a template saved with CRLF), in place;
 * returns the new length. */
static size_t crlf_to_lf(char *s, size_t len) {
  size_t o = 0;

  for (size_t i = 0; i < len; i++)
    if (!(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n'))
      s[o++] = s[i];
  s[o] = '\0';
  return o;
}

dsc_err_t dsc_letter_render_text(const dsc_letter_templates_t *t,
                                 const dsc_letter_facts_t *facts, char **text,
                                 size_t *len, dsc_detail_t *detail) {
  dsc__letter_fields_t *fields = NULL;
  char *out = NULL;
  size_t n = 0;
  dsc_err_t err;

  if (t == NULL || facts == NULL || text == NULL)
    return DSC_MISUSE;
  *text = NULL;
  if ((err = dsc__letter_fields_build_unnumbered(facts, &fields, detail)) !=
      DSC_OK)
    return err;
  /* The check has passed facts->kind: the index is in range. */
  err = dsc__template_render(t->t[facts->kind], lookup, NULL, fields, &out, &n,
                             detail);
  dsc__letter_fields_free(fields);
  if (err != DSC_OK)
    return err;
  n = crlf_to_lf(out, n);
  *text = out;
  if (len != NULL)
    *len = n;
  return DSC_OK;
}

dsc_err_t dsc_letter_fields_json(const dsc_letter_facts_t *facts, char **json,
                                 size_t *len, dsc_detail_t *detail) {
  dsc__letter_fields_t *fields = NULL;
  size_t nknown;
  const char *const *known = dsc__letter_known_fields(&nknown);
  cJSON *o;
  char *s = NULL;
  dsc_err_t err;

  if (facts == NULL || json == NULL)
    return DSC_MISUSE;
  *json = NULL;
  if ((err = dsc__letter_fields_build_unnumbered(facts, &fields, detail)) !=
      DSC_OK)
    return err;
  if ((o = cJSON_CreateObject()) != NULL) {
    bool ok = true;
    for (size_t i = 0; i < nknown && ok; i++) {
      const char *v = dsc__letter_field(fields, known[i]);
      ok = v == NULL || cJSON_AddStringToObject(o, known[i], v) != NULL;
    }
    if (ok)
      s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
  }
  dsc__letter_fields_free(fields);
  if (s == NULL) /* every failure above is an allocation's */
    return nomem(detail);
  *json = s;
  if (len != NULL)
    *len = strlen(s);
  return DSC_OK;
}
