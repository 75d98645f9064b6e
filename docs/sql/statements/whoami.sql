-- dsc_whoami_v2 (DSC_SQL_WHOAMI): 0 parameters
SELECT session_user, dsc_whoami(), dsc_business_today()
