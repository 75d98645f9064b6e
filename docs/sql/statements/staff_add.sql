-- dsc_staff_add_v2 (DSC_SQL_STAFF_ADD): 4 parameters
SELECT * FROM dsc_w_staff_add($1, $2, $3::text[], $4)
