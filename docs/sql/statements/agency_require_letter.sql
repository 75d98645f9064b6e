-- dsc_agency_require_letter_v1 (DSC_SQL_AGENCY_REQUIRE_LETTER): 3 parameters
SELECT * FROM dsc_w_agency_require_letter($1, $2::boolean, $3)
