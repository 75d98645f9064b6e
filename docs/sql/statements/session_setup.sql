-- dsc_session_setup_v1 (DSC_SQL_SESSION_SETUP): 0 parameters
SELECT set_config('DateStyle', 'ISO, YMD', false), set_config('TimeZone', 'Asia/Shanghai', false)
