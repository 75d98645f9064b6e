/* The facts the letter tests render (test_letter.c, test_letter_render.c):
 * every fact a kind and outcome may need, within the windows the check
 * demands, for a letter of 2026-11-20 on 张三's request of 2026-10-30 to
 * 南昌市青云谱区人民政府办公室. Tests assert on these very strings, so a
 * change here is a change to both files' expectations. Static: each test
 * binary includes it once. */
#ifndef DSC_LETTER_FACTS_FIXTURE_H
#define DSC_LETTER_FACTS_FIXTURE_H

#include "disclose/letter.h"

static const dsc_letter_agency_t letter_fixture_agency = {
    "南昌市青云谱区人民政府办公室",
    "青云谱公开",
    "南昌市青云谱区井冈山大道318号",
    "0791-88888888",
    "王芳",
    "（政府信息公开专用章）",
    "南昌市青云谱区人民政府",
    "南昌铁路运输法院",
    "通过江西省非税收入缴款系统缴纳，缴款码随本通知书送达。"};

/* Every fact kind and outcome may need, within the windows the check
 * demands; the letter is dated 2026-11-20. */
static dsc_letter_facts_t letter_fixture_facts(dsc_letter_kind_t kind,
                                               dsc_outcome_t o) {
  dsc_letter_facts_t f;

  dsc_letter_facts_init(&f);
  f.kind = kind;
  f.outcome = o;
  f.agency = letter_fixture_agency;
  f.number = 17;
  f.year = 2026;
  f.date = dsc_date_from_ymd(2026, 11, 20);
  f.applicant_name = "张三";
  f.received_on = dsc_date_from_ymd(2026, 10, 30);
  f.description = "2025年本区老旧小区改造项目的资金拨付文件";
  if (kind == DSC_LETTER_ANSWER) {
    f.text = "其中涉及个人银行账户的内容属于个人隐私，依据《中华人民共和国政府"
             "信息公开条例》第十五条不予公开。";
    f.channel = "post";
    f.law = "《中华人民共和国统计法》第三十九条";
    f.earlier_number = "青云谱公开答〔2026〕3号";
    f.earlier_date = dsc_date_from_ymd(2026, 3, 2);
    f.supplement_note = "请写明所需文件的名称、文号或者形成时间";
    f.supplement_requested_on = dsc_date_from_ymd(2026, 11, 2);
  } else if (kind == DSC_LETTER_SUPPLEMENT_NOTICE) {
    f.supplement_note = "请写明所需文件的名称、文号或者形成时间";
    f.supplement_last_day = dsc_date_from_ymd(2026, 12, 4);
  } else if (kind == DSC_LETTER_EXTENSION_NOTICE) {
    f.extension_days = 20;
    f.extension_reason = "所申请信息数量较大，需要调取、核查多个年度的档案。";
    f.extension_due = dsc_date_from_ymd(2026, 12, 18);
    f.extension_approver = "李明";
  } else if (kind == DSC_LETTER_CONSULTATION) {
    f.third_party = "南昌某建设工程有限公司";
    f.consultation_info = "贵公司与区住建局签订的施工合同中的报价明细";
    f.consultation_last_day = dsc_date_from_ymd(2026, 12, 11);
  } else if (kind == DSC_LETTER_FEE_NOTICE) {
    f.fee_method = DSC_FEE_BY_COUNT;
    f.fee_arithmetic = "按件：本月第35件，属31—40件档：200元";
    f.fee_fen = 20000;
    f.fee_last_day = dsc_date_from_ymd(2026, 12, 18);
  } else if (kind == DSC_LETTER_CLOSING_NOTICE) {
    f.supplement_requested_on = dsc_date_from_ymd(2026, 11, 2);
    f.supplement_last_day = dsc_date_from_ymd(2026, 11, 16);
    f.fee_fen = 20000;
    f.fee_notified_on = dsc_date_from_ymd(2026, 11, 2);
    f.fee_last_day = dsc_date_from_ymd(2026, 11, 19);
    f.earlier_number = "青云谱公开补〔2026〕5号";
  }
  return f;
}

#endif
