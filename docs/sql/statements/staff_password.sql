-- dsc_staff_password_v1 (DSC_SQL_STAFF_PASSWORD): 3 parameters
SELECT * FROM dsc_w_staff_password($1, $2, $3)
