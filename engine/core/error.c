/* The error table's functions, generated from DSC_ERROR_MAP. */
/* dsc_detail_setf is defined here, not called through error.h's check. */
#define DSC_DETAIL_SETF_UNCHECKED
#include "disclose/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

const char *dsc_err_name(dsc_err_t err) {
  switch (err) {
#define XX(name, kind, exit_code, en, zh)                                      \
  case DSC_##name:                                                             \
    return kind;
    DSC_ERROR_MAP(XX)
#undef XX
  case DSC_ERR__COUNT:
    break;
  }
  return "unknown";
}

const char *dsc_strerror(dsc_err_t err, dsc_lang_t lang) {
  switch (err) {
#define XX(name, kind, exit_code, en, zh)                                      \
  case DSC_##name:                                                             \
    return lang == DSC_LANG_ZH ? zh : en;
    DSC_ERROR_MAP(XX)
#undef XX
  case DSC_ERR__COUNT:
    break;
  }
  return lang == DSC_LANG_ZH ? "未知错误" : "unknown error";
}

int dsc_err_exit_code(dsc_err_t err) {
  switch (err) {
#define XX(name, kind, exit_code, en, zh)                                      \
  case DSC_##name:                                                             \
    return exit_code;
    DSC_ERROR_MAP(XX)
#undef XX
  case DSC_ERR__COUNT:
    break;
  }
  return 1;
}

void dsc_detail_clear(dsc_detail_t *detail) {
  if (detail != NULL)
    memset(detail, 0, sizeof *detail);
}

static void copy_text(char *dst, size_t cap, const char *src) {
  if (src == NULL) {
    dst[0] = '\0';
    return;
  }
  dsc__utf8_copy_truncated(dst, cap, src, strlen(src));
}

dsc_err_t dsc_detail_set(dsc_detail_t *detail, dsc_err_t err, const char *field,
                         const char *message, const char *message_zh) {
  if (detail == NULL)
    return err;
  detail->code = err;
  copy_text(detail->field, sizeof detail->field, field);
  copy_text(detail->message, sizeof detail->message, message);
  copy_text(detail->message_zh, sizeof detail->message_zh, message_zh);
  return err;
}

dsc_err_t dsc_detail_setf(dsc_detail_t *detail, dsc_err_t err,
                          const char *field, const char *fmt_en,
                          const char *fmt_zh, ...) {
  char en[256], zh[256];
  va_list ap;

  if (detail == NULL)
    return err;
    /* Both formats are literals at every call site and take the same
     * arguments, which error.h's dsc_detail_setf macro has the compiler
     * check at each call; here they are parameters. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  va_start(ap, fmt_zh);
  vsnprintf(en, sizeof en, fmt_en, ap);
  va_end(ap);
  zh[0] = '\0';
  if (fmt_zh != NULL) {
    va_start(ap, fmt_zh);
    vsnprintf(zh, sizeof zh, fmt_zh, ap);
    va_end(ap);
  }
#pragma GCC diagnostic pop
  return dsc_detail_set(detail, err, field, en, fmt_zh ? zh : NULL);
}

const char *dsc_detail_format(const dsc_detail_t *detail, dsc_lang_t lang,
                              char *buf, size_t buflen) {
  const char *msg;

  if (buflen == 0)
    return buf;
  if (detail == NULL || detail->code == DSC_OK) {
    snprintf(buf, buflen, "%s", dsc_strerror(DSC_OK, lang));
    return buf;
  }
  msg = detail->message;
  if (lang == DSC_LANG_ZH && detail->message_zh[0] != '\0')
    msg = detail->message_zh;
  if (msg[0] == '\0')
    msg = dsc_strerror(detail->code, lang);
  if (detail->field[0] != '\0')
    snprintf(buf, buflen, "%s%s%s", detail->field,
             lang == DSC_LANG_ZH ? "：" : ": ", msg);
  else
    snprintf(buf, buflen, "%s", msg);
  return buf;
}
