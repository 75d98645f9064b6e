/* The annual report's renderings: the dispatcher over its four formats,
 * one file each — report_json.c, report_csv.c, report_markdown.c,
 * report_html.c; the diff of two reports is report_diff.c.
 *
 * The three human formats carry the same tables with the official labels
 * of 国办公开办函〔2021〕30号 (domain/statutes.md §3), explicit zeros, and
 * empty cells only for the section-二 figures not given; what they share
 * is report_shared.c. User text (the agency's name) is cleaned
 * (report_buf.c) and escaped for each format; the labels are ours.
 */
#include "report_int.h"

dsc_err_t dsc_report_render(const dsc_report_t *r, dsc_report_format_t format,
                            char **out, size_t *len) {
  dsc__rbuf_t b = {0};

  if (out != NULL)
    *out = NULL;
  if (len != NULL)
    *len = 0;
  if (r == NULL || out == NULL)
    return DSC_MISUSE;
  switch (format) {
  case DSC_REPORT_JSON:
    dsc__report_json(r, &b);
    break;
  case DSC_REPORT_CSV:
    dsc__report_csv(r, &b);
    break;
  case DSC_REPORT_MD:
    dsc__report_markdown(r, &b);
    break;
  case DSC_REPORT_HTML:
    dsc__report_html(r, &b);
    break;
  default:
    return DSC_MISUSE;
  }
  return dsc__rbuf_finish(&b, out, len);
}
