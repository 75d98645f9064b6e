-- dsc_dash_states_v3 (DSC_SQL_DASH_STATES): 0 parameters
SELECT state, hold, assignee, sum(n), (SELECT name FROM staff WHERE login = assignee) FROM (SELECT state, hold, assignee, n FROM dsc_dash_states UNION ALL SELECT state, hold, assignee, n FROM dsc_dash_delta WHERE state IS NOT NULL) c GROUP BY state, hold, assignee HAVING sum(n) <> 0
