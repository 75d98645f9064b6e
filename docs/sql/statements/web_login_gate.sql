-- dsc_web_login_gate_v1 (DSC_SQL_WEB_LOGIN_GATE): 2 parameters
SELECT dsc_web_login_gate($1, $2)
