-- dsc_stats_due_v1 (DSC_SQL_STATS_DUE): 1 parameter
SELECT a.code, y FROM agencies a, LATERAL generate_series((SELECT extract(year FROM min(received_on))::int FROM requests r WHERE r.agency_id = a.id), $1::int - 1) AS y WHERE NOT EXISTS (SELECT 1 FROM annual_reports x WHERE x.agency_id = a.id AND x.year = y) ORDER BY a.code, y
