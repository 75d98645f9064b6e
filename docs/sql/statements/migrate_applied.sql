-- dsc_migrate_applied_v1 (DSC_SQL_MIGRATE_APPLIED): 0 parameters
SELECT name FROM dsc_schema_migrations ORDER BY name
