-- dsc_letter_deliver_v1 (DSC_SQL_LETTER_DELIVER): 7 parameters
SELECT * FROM dsc_w_letter_deliver($1::bigint, $2::int, $3, $4::date, $5, $6, $7)
