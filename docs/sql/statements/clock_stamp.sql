-- dsc_clock_stamp_v2 (DSC_SQL_CLOCK_STAMP): 3 parameters
SELECT * FROM dsc_w_clock_stamp($1, $2, $3)
