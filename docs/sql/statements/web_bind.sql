-- dsc_web_bind_v1 (DSC_SQL_WEB_BIND): 1 parameter
SELECT dsc_web_bind($1)
