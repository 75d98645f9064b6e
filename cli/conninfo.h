/* Where the front ends (disclose, disclosed) find their database. */
#ifndef DSC_CLI_CONNINFO_H
#define DSC_CLI_CONNINFO_H

/* The libpq conninfo: DISCLOSE_DB when set and not empty, else the first
 * line of the file ops/up wrote (DSC_DEFAULT_CONNINFO_FILE). Returns a
 * malloc'd string the caller frees, or NULL when neither gives one. */
char *dsc_front_conninfo(void);

#endif
