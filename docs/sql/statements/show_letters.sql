-- dsc_show_letters_v1 (DSC_SQL_SHOW_LETTERS): 1 parameter
SELECT kind, number, letter_date, sha256, corrects, delivered_on, delivery_method, delivery_tracking FROM letters WHERE request_id = $1 ORDER BY seq
