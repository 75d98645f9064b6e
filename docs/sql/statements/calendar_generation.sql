-- dsc_calendar_generation_v1 (DSC_SQL_CALENDAR_GENERATION): 0 parameters
SELECT generation FROM calendar_state
