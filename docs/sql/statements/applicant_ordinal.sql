-- dsc_applicant_ordinal_v3 (DSC_SQL_APPLICANT_ORDINAL): 1 parameter
SELECT dsc_applicant_ordinal($1)
