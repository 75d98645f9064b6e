-- dsc_letter_get_v1 (DSC_SQL_LETTER_GET): 2 parameters
SELECT e.payload, l.delivered_on, l.delivery_method, l.delivery_tracking FROM letters l JOIN request_events e ON e.request_id = l.request_id AND e.seq = l.seq WHERE l.request_id = $1 AND l.number = $2
