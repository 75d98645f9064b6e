-- dsc_verify_now_v1 (DSC_SQL_VERIFY_NOW): 0 parameters
SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'), current_database()
