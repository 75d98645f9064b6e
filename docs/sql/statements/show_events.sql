-- dsc_show_events_v2 (DSC_SQL_SHOW_EVENTS): 1 parameter
SELECT seq, action, state, actor, on_date, to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'), CASE WHEN action = 'letter' THEN payload - 'text' - 'fields' ELSE payload END FROM request_events WHERE request_id = $1 ORDER BY seq
