-- dsc_appeal_file_v3 (DSC_SQL_APPEAL_FILE): 10 parameters
SELECT * FROM dsc_w_appeal_file($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
