/* Renders a sample letter to standard output, from built-in facts of a
 * realistic request to a district government office (南昌市青云谱区), with
 * a real 文号:
 *
 *   letter_sample --kind KIND [--outcome CODE] [--format text|html]
 *                 [--templates DIR]
 *
 * KIND is a letter kind's CLI name (answer, supplement-notice, …); CODE an
 * outcome code for an answer (default disclosed) or a closing notice
 * (other.no_supplement, the default, or other.fee_unpaid). --templates
 * renders with a center's templates (as DISCLOSE_LETTERS_DIR does), so an
 * edit can be previewed without a database. The print test
 * (tests/print/test_letter_print.sh) and the examples of docs/letters.md
 * (tests/tools/letter_examples.sh) come from this tool. A build tool, not
 * installed. Exit status 0, 2 for a usage error, 3 for facts or templates
 * refused (the message on standard error). */
#include <stdio.h>
#include <string.h>

#include "disclose/disclose.h"

#define D(y, m, d) dsc_date_from_ymd(y, m, d)

static const dsc_letter_agency_t agency = {
    "南昌市青云谱区人民政府办公室",
    "青云谱府办公开",
    "南昌市青云谱区井冈山大道318号",
    "0791-88651234",
    "刘婷",
    "（政府信息公开专用章）",
    "南昌市青云谱区人民政府",
    "南昌铁路运输法院",
    "通过江西省非税收入缴款平台缴纳，缴款码随本通知书送达。"};

/* The facts of the sample letter of kind and outcome: a request made on
 * 2026-10-30 by 张三 about a renovation programme's funding, each kind in a
 * scenario of its own (the supplement notice of 11-03 is the one the
 * closing notice of 11-16 reports; the others are dated 11-20). */
static dsc_letter_facts_t sample(dsc_letter_kind_t kind, dsc_outcome_t o) {
  dsc_letter_facts_t f;

  dsc_letter_facts_init(&f);
  f.kind = kind;
  f.outcome = o;
  f.agency = agency;
  f.year = 2026;
  f.date = D(2026, 11, 20);
  f.number = 17;
  f.applicant_name = "张三";
  f.received_on = D(2026, 10, 30);
  f.description = "2025年青云谱区老旧小区改造项目的资金拨付文件";
  switch (kind) {
  case DSC_LETTER_ANSWER:
    f.number = 42;
    f.channel = "post";
    f.law = "《中华人民共和国统计法》第三十九条";
    f.earlier_number = "青云谱府办公开答〔2026〕9号";
    f.earlier_date = D(2026, 6, 12);
    f.supplement_note = "请写明所需文件的名称、文号或者形成时间等特征性描述。";
    f.supplement_requested_on = D(2026, 11, 3);
    f.published_url = o == DSC_OUTCOME_NOT_PROCESSED_PUBLICATION
                          ? "https://www.qyp.gov.cn/xxgk/zfgb/2026/"
                          : NULL;
    f.other_agency = o == DSC_OUTCOME_UNAVAILABLE_NOT_HELD ||
                             o == DSC_OUTCOME_NOT_PROCESSED_PETITION
                         ? "南昌市青云谱区住房和城乡建设局"
                         : NULL;
    f.other_agency_contact = f.other_agency ? "0791-88653321" : NULL;
    if (o == DSC_OUTCOME_PARTIALLY_DISCLOSED)
      f.text = "资金拨付文件附件所载施工单位负责人的个人银行账户信息属于"
               "个人隐私，依据《中华人民共和国政府信息公开条例》第十五条"
               "不予公开，已作遮盖处理。";
    else if (o == DSC_OUTCOME_NOT_PROCESSED_EXCESSIVE)
      f.text = "您自2026年10月1日起以相同内容提出政府信息公开申请28件，"
               "且未说明合理理由。";
    else if (o == DSC_OUTCOME_OTHER_OTHER)
      f.text = "经核实，您所申请的事项已由本机关另行书面答复。";
    break;
  case DSC_LETTER_SUPPLEMENT_NOTICE:
    f.number = 5;
    f.date = D(2026, 11, 3);
    f.supplement_note = "请写明所需文件的名称、文号或者形成时间等特征性描述，"
                        "并说明所指“洪都街道片区”包含的具体小区名称。";
    f.supplement_last_day = D(2026, 11, 12);
    break;
  case DSC_LETTER_EXTENSION_NOTICE:
    f.number = 8;
    f.extension_days = 20;
    f.extension_reason = "您申请的信息涉及多个年度、多个项目的档案，需要调取、"
                         "核查和区分处理，无法在法定期限内答复。";
    f.extension_due = D(2026, 12, 18);
    f.extension_approver = "陈明";
    break;
  case DSC_LETTER_CONSULTATION:
    f.number = 3;
    f.third_party = "南昌市某建设工程有限公司";
    f.consultation_info = "贵公司与南昌市青云谱区住房和城乡建设局签订的老旧"
                          "小区改造施工合同中的分项报价明细。";
    f.consultation_last_day = D(2026, 12, 11);
    break;
  case DSC_LETTER_FEE_NOTICE:
    f.number = 2;
    f.fee_method = DSC_FEE_BY_COUNT;
    f.fee_arithmetic = "按件：本月第35件，属31—40件档：200元";
    f.fee_fen = 20000;
    f.fee_last_day = D(2026, 12, 18);
    break;
  case DSC_LETTER_CLOSING_NOTICE:
    f.number = 4;
    f.date = D(2026, 11, 16);
    f.supplement_requested_on = D(2026, 11, 3);
    f.supplement_last_day = D(2026, 11, 12);
    f.fee_fen = 20000;
    f.fee_notified_on = D(2026, 11, 3);
    f.fee_last_day = D(2026, 11, 13);
    f.earlier_number = o == DSC_OUTCOME_OTHER_FEE_UNPAID
                           ? "青云谱府办公开费〔2026〕2号"
                           : "青云谱府办公开补〔2026〕5号";
    break;
  case DSC_LETTER__COUNT:
    break;
  }
  return f;
}

static int usage(void) {
  fputs("usage: letter_sample --kind KIND [--outcome CODE] "
        "[--format text|html] [--templates DIR]\n",
        stderr);
  return 2;
}

static int refused(const char *what, const dsc_detail_t *d) {
  char buf[700];
  fprintf(stderr, "letter_sample: %s: %s\n", what,
          dsc_detail_format(d, DSC_LANG_EN, buf, sizeof buf));
  return 3;
}

int main(int argc, char **argv) {
  const char *kind_s = NULL, *outcome_s = NULL, *format_s = "text", *dir = NULL;
  dsc_letter_kind_t kind;
  dsc_outcome_t outcome = DSC_OUTCOME_NONE;
  dsc_letter_format_t format;
  dsc_letter_templates_t *t = NULL;
  dsc_letter_facts_t f;
  dsc_detail_t d;
  char *text = NULL, *out = NULL;
  size_t len = 0, olen = 0;
  int rc = 0;

  for (int i = 1; i < argc; i++) {
    const char **slot = strcmp(argv[i], "--kind") == 0        ? &kind_s
                        : strcmp(argv[i], "--outcome") == 0   ? &outcome_s
                        : strcmp(argv[i], "--format") == 0    ? &format_s
                        : strcmp(argv[i], "--templates") == 0 ? &dir
                                                              : NULL;
    if (slot == NULL || i + 1 == argc)
      return usage();
    *slot = argv[++i];
  }
  if (dsc_letter_kind_parse(kind_s, &kind) != DSC_OK ||
      dsc_letter_format_parse(format_s, &format) != DSC_OK ||
      format == DSC_LETTER_JSON)
    return usage();
  if (kind == DSC_LETTER_ANSWER || kind == DSC_LETTER_CLOSING_NOTICE) {
    const char *dflt =
        kind == DSC_LETTER_ANSWER ? "disclosed" : "other.no_supplement";
    if (dsc_outcome_parse(outcome_s ? outcome_s : dflt, &outcome) != DSC_OK)
      return usage();
  } else if (outcome_s != NULL) {
    return usage();
  }

  f = sample(kind, outcome);
  if (dsc_letter_templates_load(dir, &t, &d) != DSC_OK)
    return refused("templates", &d);
  if (dsc_letter_render_text(t, &f, &text, &len, &d) != DSC_OK)
    rc = refused("facts", &d);
  else if (format == DSC_LETTER_TEXT)
    fwrite(text, 1, len, stdout);
  else if (dsc_letter_html(text, len, NULL, &out, &olen, &d) != DSC_OK)
    rc = refused("html", &d);
  else
    fwrite(out, 1, olen, stdout);
  dsc_free(out);
  dsc_free(text);
  dsc_letter_templates_free(t);
  return rc;
}
