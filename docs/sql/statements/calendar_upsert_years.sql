-- dsc_calendar_upsert_years_v2 (DSC_SQL_CALENDAR_UPSERT_YEARS): 3 parameters
SELECT dsc_w_calendar_upsert_years($1, $2, $3)
