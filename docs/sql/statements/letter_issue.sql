-- dsc_letter_issue_v1 (DSC_SQL_LETTER_ISSUE): 9 parameters
SELECT * FROM dsc_w_letter_issue($1::bigint, $2::int, $3, $4::date, $5, $6, $7, $8::jsonb, $9)
