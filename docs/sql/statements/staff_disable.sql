-- dsc_staff_disable_v1 (DSC_SQL_STAFF_DISABLE): 2 parameters
SELECT * FROM dsc_w_staff_disable($1, $2)
