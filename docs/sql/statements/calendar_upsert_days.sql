-- dsc_calendar_upsert_days_v2 (DSC_SQL_CALENDAR_UPSERT_DAYS): 4 parameters
SELECT dsc_w_calendar_upsert_days($1, $2, $3, $4)
