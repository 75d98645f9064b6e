-- dsc_appeal_decide_v3 (DSC_SQL_APPEAL_DECIDE): 7 parameters
SELECT * FROM dsc_w_appeal_decide($1, $2, $3, $4, $5, $6, $7)
