-- dsc_report_active_set_v1 (DSC_SQL_REPORT_ACTIVE_SET): 5 parameters
SELECT * FROM dsc_w_report_active_set($1, $2::int, $3::text[], $4::text[], $5)
