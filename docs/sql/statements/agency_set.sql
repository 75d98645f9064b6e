-- dsc_agency_set_v1 (DSC_SQL_AGENCY_SET): 3 parameters
SELECT * FROM dsc_w_agency_set($1, $2::int, $3)
