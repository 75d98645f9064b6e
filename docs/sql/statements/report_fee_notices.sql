-- dsc_report_fee_notices_v1 (DSC_SQL_REPORT_FEE_NOTICES): 3 parameters
SELECT count(*), coalesce(sum(round((n.payload->>'amount')::numeric * 100)), 0)::bigint FROM request_events n JOIN requests r ON r.id = n.request_id JOIN agencies a ON a.id = r.agency_id AND a.code = $1 WHERE n.action = 'fee-notice' AND n.on_date BETWEEN $2::date AND $3::date
