-- dsc_dash_due_v2 (DSC_SQL_DASH_DUE): 0 parameters
SELECT due_on, assignee, sum(n) FROM (SELECT due_on, assignee, escalated, n FROM dsc_dash_due UNION ALL SELECT due_on, assignee, escalated, n FROM dsc_dash_delta WHERE state IS NOT NULL AND hold IS NULL) c GROUP BY due_on, assignee HAVING sum(n) <> 0
