-- dsc_verify_heads_v1 (DSC_SQL_VERIFY_HEADS): 1 parameter
SELECT r.id, h.seq, h.hash FROM requests r, LATERAL (SELECT e.seq, e.hash FROM request_events e WHERE e.request_id = r.id ORDER BY e.seq DESC LIMIT 1) h WHERE r.id > $1::bigint ORDER BY r.id LIMIT 1000
