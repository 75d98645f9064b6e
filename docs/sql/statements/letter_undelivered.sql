-- dsc_letter_undelivered_v1 (DSC_SQL_LETTER_UNDELIVERED): 1 parameter
SELECT l.request_id, l.number, l.letter_date FROM letters l WHERE l.kind = 'answer' AND l.delivered_on IS NULL AND l.letter_date <= $1::date AND NOT EXISTS (SELECT 1 FROM letters c WHERE c.request_id = l.request_id AND c.kind = 'answer' AND c.seq > l.seq) ORDER BY l.letter_date, l.request_id LIMIT 1000
