-- dsc_listen_v1 (DSC_SQL_LISTEN): 0 parameters
LISTEN disclose
