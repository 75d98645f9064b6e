-- dsc_agency_set_letter_v1 (DSC_SQL_AGENCY_SET_LETTER): 4 parameters
SELECT * FROM dsc_w_agency_set_letter($1, $2, $3, $4)
