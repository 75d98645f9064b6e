/* disclose — symbol export and attribute macros. */
#ifndef DISCLOSE_EXPORT_H
#define DISCLOSE_EXPORT_H

/* Every public prototype carries DSC_EXTERN; the library is built with
 * -fvisibility=hidden, so nothing else leaves it. */
#if defined(__GNUC__)
#define DSC_EXTERN __attribute__((visibility("default")))
#define DSC_MUST_CHECK __attribute__((warn_unused_result))
#define DSC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define DSC_EXTERN
#define DSC_MUST_CHECK
#define DSC_PRINTF(fmt, args)
#endif

#endif /* DISCLOSE_EXPORT_H */
