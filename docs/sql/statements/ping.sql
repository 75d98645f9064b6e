-- dsc_ping_v1 (DSC_SQL_PING): 0 parameters
SELECT 1
