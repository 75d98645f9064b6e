-- dsc_web_session_check_v1 (DSC_SQL_WEB_SESSION_CHECK): 1 parameter
SELECT id, login, name, roles, today, to_char(idle_expires_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'), to_char(expires_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') FROM dsc_web_session_check($1)
