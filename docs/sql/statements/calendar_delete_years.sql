-- dsc_calendar_delete_years_v2 (DSC_SQL_CALENDAR_DELETE_YEARS): 2 parameters
SELECT dsc_w_calendar_delete_years($1, $2)
