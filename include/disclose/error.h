/* disclose — the one error type.
 *
 * Every fallible function returns a dsc_err_t (DSC_OK is 0). The codes, their
 * machine names, their human messages in English and Chinese and their CLI
 * exit codes come from the single table DSC_ERROR_MAP, so no code can lack a
 * message or an exit code (DESIGN principle 9, CONTRACT §3). Codes are
 * appended, never renumbered or reused.
 *
 * The detail of one failure (which field, which rule) travels in a
 * dsc_detail_t, a plain value owned by the caller: the library never keeps
 * error text in global state.
 */
#ifndef DISCLOSE_ERROR_H
#define DISCLOSE_ERROR_H

#include <stddef.h>
#include <stdio.h>

#include "export.h"

/* XX(NAME, kind, exit code, English message, Chinese message) */
#define DSC_ERROR_MAP(XX)                                                      \
  XX(OK, "ok", 0, "done", "完成")                                              \
  XX(USAGE, "usage", 2, "usage", "用法错误")                                   \
  XX(INVALID, "invalid", 3, "invalid input", "输入无效")                       \
  XX(NOT_FOUND, "not_found", 4, "not found", "未找到")                         \
  XX(FORBIDDEN, "forbidden", 5, "forbidden", "无权操作")                       \
  XX(CONFLICT, "conflict", 6, "conflict", "状态冲突")                          \
  XX(STATUTE, "statutory", 7, "statutory rule", "法定规则")                    \
  XX(CALENDAR_GAP, "calendar_gap", 8, "calendar gap", "工作日历缺失")          \
  XX(INTEGRITY, "integrity", 9, "integrity", "完整性错误")                     \
  XX(UNAVAILABLE, "unavailable", 10, "database unavailable", "数据库不可用")   \
  XX(NOMEM, "no_memory", 11, "out of memory", "内存不足")                      \
  XX(BUSY, "busy", 12, "busy: the intake queue is full", "繁忙：受理队列已满") \
  XX(MISUSE, "misuse", 13, "API misuse", "接口误用")                           \
  XX(INTERNAL, "internal", 14, "internal error", "内部错误")                   \
  XX(UNAUTHENTICATED, "unauthenticated", 15, "not logged in", "未登录")        \
  XX(THROTTLED, "throttled", 16, "too many attempts", "尝试次数过多")

typedef enum dsc_err {
#define DSC_ERR_ENUM_(name, kind, exit_code, en, zh) DSC_##name,
  DSC_ERROR_MAP(DSC_ERR_ENUM_)
#undef DSC_ERR_ENUM_
      DSC_ERR__COUNT
} dsc_err_t;

/* The language of human text. JSON, exit codes and kinds never change with
 * it (CONTRACT §2). */
typedef enum dsc_lang { DSC_LANG_EN = 0, DSC_LANG_ZH = 1 } dsc_lang_t;

/* The detail of one failure: the field or rule at fault and what is wrong
 * with it, in English; dsc_detail_format renders it for a language. A plain
 * value: the caller owns it, and it needs no cleanup. */
typedef struct dsc_detail {
  dsc_err_t code;       /* the failure's code, DSC_OK when empty */
  char field[64];       /* field or rule name ("applicant.id_number"), or "" */
  char message[256];    /* English message ("bad check digit") */
  char message_zh[256]; /* Chinese message, or "" to fall back to English */
} dsc_detail_t;

/* The machine name of a code ("invalid", "not_found"), stable across
 * releases; "unknown" for a value outside the table. Static storage. */
DSC_EXTERN const char *dsc_err_name(dsc_err_t err);

/* The human message of a code in the given language. Static storage. */
DSC_EXTERN const char *dsc_strerror(dsc_err_t err, dsc_lang_t lang);

/* The CLI exit code of a code (CONTRACT §3); 1 for a value outside the
 * table. */
DSC_EXTERN int dsc_err_exit_code(dsc_err_t err);

/* Clears a detail to DSC_OK. Accepts NULL. */
DSC_EXTERN void dsc_detail_clear(dsc_detail_t *detail);

/* Records a failure in detail (which may be NULL) and returns err, so that a
 * caller can write `return dsc_detail_set(d, DSC_INVALID, "channel", ...)`.
 * message_zh may be NULL. Over-long text is cut at a UTF-8 boundary. */
DSC_EXTERN dsc_err_t dsc_detail_set(dsc_detail_t *detail, dsc_err_t err,
                                    const char *field, const char *message,
                                    const char *message_zh);

/* Like dsc_detail_set with printf-style English and Chinese messages that
 * share one argument list (the formats must take the same arguments). */
DSC_EXTERN dsc_err_t dsc_detail_setf(dsc_detail_t *detail, dsc_err_t err,
                                     const char *field, const char *fmt_en,
                                     const char *fmt_zh, ...);

#if defined(__GNUC__) && !defined(DSC_DETAIL_SETF_UNCHECKED)
/* Both formats are checked against the one argument list by the compiler
 * (-Wformat): the printf calls are never evaluated. Each call passes at
 * least one argument; without any, use dsc_detail_set. */
#define dsc_detail_setf(detail, err, field, fmt_en, fmt_zh, ...)               \
  ((void)(0 && printf(fmt_en, __VA_ARGS__) && printf(fmt_zh, __VA_ARGS__)),    \
   dsc_detail_setf(detail, err, field, fmt_en, fmt_zh, __VA_ARGS__))
#endif

/* Renders "field: message" (or the code's message when there is no detail)
 * into buf in the given language. Returns buf. */
DSC_EXTERN const char *dsc_detail_format(const dsc_detail_t *detail,
                                         dsc_lang_t lang, char *buf,
                                         size_t buflen);

#endif /* DISCLOSE_ERROR_H */
