-- dsc_staff_set_roles_v1 (DSC_SQL_STAFF_SET_ROLES): 3 parameters
SELECT * FROM dsc_w_staff_roles($1, $2::text[], $3)
