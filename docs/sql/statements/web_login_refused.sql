-- dsc_web_login_refused_v1 (DSC_SQL_WEB_LOGIN_REFUSED): 3 parameters
SELECT dsc_web_login_refused($1, $2, $3)
