-- dsc_agency_actor_read_v1 (DSC_SQL_AGENCY_ACTOR_READ): 2 parameters
SELECT a.id, (SELECT roles FROM staff WHERE login = $2 AND active) FROM (SELECT 1) AS one LEFT JOIN agencies a ON a.code = $1
