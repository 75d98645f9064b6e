-- dsc_agency_set_supplement_v1 (DSC_SQL_AGENCY_SET_SUPPLEMENT): 3 parameters
SELECT * FROM dsc_w_agency_set_supplement($1, $2::int, $3)
