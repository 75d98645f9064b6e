-- dsc_plan_generic_v1 (DSC_SQL_PLAN_GENERIC): 0 parameters
SELECT set_config('plan_cache_mode', 'force_generic_plan', true)
