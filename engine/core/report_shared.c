/* What the human renderings of the annual report share: the layout of the
 * tables CSV, Markdown and HTML all draw (section 二's four small tables,
 * section 四's kinds flattened, the checks' columns, a section-三 column's
 * flat header), the text of a section-二 figure and the agency's texts line
 * by line. The diff (report_diff.c) uses them too.
 *
 * A file of its own so that the formats call down into it and nothing here
 * calls a format: the dispatcher (report_render.c) calls the formats, the
 * formats call these, and no two files call each other (tests/lint/
 * cycles.sh).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "report_int.h"

const dsc__active_table_t dsc__active_tables[DSC__ACTIVE_TABLES] = {
    {"第二十条第（一）项", 3, DSC__ACTIVE_RULES_MADE, 2},
    {"第二十条第（五）项", 1, DSC__ACTIVE_LICENSING, 1},
    {"第二十条第（六）项", 1, DSC__ACTIVE_PUNISHMENT, 2},
    {"第二十条第（八）项", 1, DSC__ACTIVE_FEES, 1},
};
const char dsc__report_active_content[] = "信息内容";

const char *const dsc__report_appeal_kind_paths[DSC_REPORT_APPEAL_KINDS] = {
    "行政复议", "行政诉讼 / 未经复议直接起诉", "行政诉讼 / 复议后起诉"};

const char *const dsc__report_check_columns[DSC__REPORT_CHECK_COLUMNS] = {
    "检查项", "结果", "左侧", "右侧"};

const char *dsc__report_active_value(const dsc_report_t *r, int item,
                                     char buf[DSC__REPORT_VALUE_MAX]) {
  int64_t v;

  buf[0] = '\0';
  if (!r->has_active)
    return buf;
  if (item == DSC__ACTIVE_FEES)
    return dsc__report_clean(r->active.fees_wan_yuan,
                             sizeof r->active.fees_wan_yuan, buf);
  v = dsc__active_count(&r->active, item);
  if (v >= 0)
    snprintf(buf, DSC__REPORT_VALUE_MAX, "%" PRId64, v);
  return buf;
}

const char *dsc__report_column_path(int col,
                                    char buf[DSC__REPORT_VALUE_MAX * 2]) {
  snprintf(buf, DSC__REPORT_VALUE_MAX * 2, "%s / %s%s%s",
           dsc__report_applicants,
           dsc__report_column_is_org(col) ? dsc__report_org : "",
           dsc__report_column_is_org(col) ? " / " : "",
           dsc__report_column_label(col));
  return buf;
}

const char *dsc__report_check_result(const dsc_report_check_t *c) {
  return c->ok ? "通过" : "不符";
}

void dsc__report_text_lines(const dsc_report_t *r, int which, dsc__rbuf_t *b,
                            void (*put)(dsc__rbuf_t *, const char *),
                            const char *placeholder) {
  char *text = dsc__report_text(r, which);
  bool any = false;

  if (text == NULL) {
    b->failed = true;
    return;
  }
  for (char *line = text, *end; *line != '\0'; line = end) {
    end = line + strcspn(line, "\n");
    if (*end != '\0')
      *end++ = '\0';
    if (line[strspn(line, " \t")] != '\0') {
      put(b, line);
      any = true;
    }
  }
  if (!any && placeholder != NULL)
    put(b, placeholder);
  dsc__free(text);
}
