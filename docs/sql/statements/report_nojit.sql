-- dsc_report_nojit_v1 (DSC_SQL_REPORT_NOJIT): 0 parameters
SELECT set_config('jit', 'off', true)
