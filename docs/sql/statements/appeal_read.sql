-- dsc_appeal_read_v1 (DSC_SQL_APPEAL_READ): 2 parameters
SELECT ap.id, ap.request_id, ap.kind, ap.filed_on, ap.result, r.version, r.state, (SELECT e.on_date FROM request_events e WHERE e.request_id = r.id ORDER BY e.seq DESC LIMIT 1), (SELECT roles FROM staff WHERE login = $2 AND active) FROM (SELECT 1) AS one LEFT JOIN appeals ap ON ap.id = $1 LEFT JOIN requests r ON r.id = ap.request_id
