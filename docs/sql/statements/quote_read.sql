-- dsc_quote_read_v1 (DSC_SQL_QUOTE_READ): 2 parameters
SELECT (SELECT id FROM requests WHERE id = $1), (SELECT roles FROM staff WHERE login = $2 AND active)
