-- dsc_staff_roles_v1 (DSC_SQL_STAFF_ROLES): 1 parameter
SELECT roles FROM staff WHERE login = $1 AND active
