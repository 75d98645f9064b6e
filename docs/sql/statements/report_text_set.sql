-- dsc_report_text_set_v1 (DSC_SQL_REPORT_TEXT_SET): 5 parameters
SELECT * FROM dsc_w_report_text_set($1, $2::int, $3::int, $4, $5)
