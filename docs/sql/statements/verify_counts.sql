-- dsc_verify_counts_v1 (DSC_SQL_VERIFY_COUNTS): 0 parameters
SELECT (SELECT count(*) FROM request_events), (SELECT count(*) FROM requests)
