-- dsc_web_session_end_v1 (DSC_SQL_WEB_SESSION_END): 1 parameter
SELECT dsc_web_session_end($1)
