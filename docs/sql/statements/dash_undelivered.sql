-- dsc_dash_undelivered_v1 (DSC_SQL_DASH_UNDELIVERED): 0 parameters
SELECT r.id, r.hold, r.hold_since, r.assignee FROM requests r WHERE r.hold IN ('third_party', 'other_agency', 'fee') AND r.hold_lapses_on IS NULL ORDER BY r.id LIMIT 1000
