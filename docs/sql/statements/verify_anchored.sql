-- dsc_verify_anchored_v1 (DSC_SQL_VERIFY_ANCHORED): 3 parameters
SELECT a.i, e.hash FROM unnest($1::bigint[], $2::int[], $3::text[]) WITH ORDINALITY AS a(request_id, seq, hash, i) LEFT JOIN request_events e ON e.request_id = a.request_id AND e.seq = a.seq WHERE e.hash IS DISTINCT FROM a.hash ORDER BY a.i LIMIT 1
