-- dsc_calendar_bump_v2 (DSC_SQL_CALENDAR_BUMP): 1 parameter
SELECT generation, notified FROM dsc_w_calendar_bump($1)
