-- dsc_duplicate_of_v1 (DSC_SQL_DUPLICATE_OF): 2 parameters
SELECT found, identified, same_applicant, answered FROM dsc_duplicate_of($1, $2)
