-- dsc_calendar_years_v1 (DSC_SQL_CALENDAR_YEARS): 0 parameters
SELECT y.year, s.generation FROM calendar_years y, calendar_state s ORDER BY y.year
