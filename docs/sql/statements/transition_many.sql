-- dsc_transition_many_v2 (DSC_SQL_TRANSITION_MANY): 25 parameters
SELECT n, seq FROM dsc_w_transition_many($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
