-- dsc_submit_v5 (DSC_SQL_SUBMIT): 19 parameters
SELECT * FROM dsc_w_submit($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
