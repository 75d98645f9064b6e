-- dsc_migrate_check_v1 (DSC_SQL_MIGRATE_CHECK): 2 parameters
SELECT checksum = encode(sha256(convert_to($2, 'UTF8')), 'hex') FROM dsc_schema_migrations WHERE name = $1
