-- dsc_report_store_v3 (DSC_SQL_REPORT_STORE): 5 parameters
SELECT * FROM dsc_w_report_store($1, $2, $3, $4, $5)
