-- dsc_verify_staff_times_v1 (DSC_SQL_VERIFY_STAFF_TIMES): 0 parameters
SELECT login, roles, active, CASE WHEN valid_from = '-infinity' THEN '-9223372036854775808' WHEN valid_from = 'infinity' THEN '9223372036854775807' ELSE ((extract(epoch FROM valid_from) * 1000000)::bigint)::text END FROM staff_history ORDER BY login COLLATE "C", valid_from, ctid
