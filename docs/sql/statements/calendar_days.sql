-- dsc_calendar_days_v1 (DSC_SQL_CALENDAR_DAYS): 0 parameters
SELECT day, kind FROM calendar_days ORDER BY day
