-- dsc_migrate_record_v1 (DSC_SQL_MIGRATE_RECORD): 2 parameters
INSERT INTO dsc_schema_migrations (name, checksum) VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'))
