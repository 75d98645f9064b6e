-- dsc_agency_add_v2 (DSC_SQL_AGENCY_ADD): 3 parameters
SELECT * FROM dsc_w_agency_add($1, $2, $3)
