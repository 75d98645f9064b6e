/* Where the front ends (disclose, disclosed) find their database. */
#ifndef DSC_CLI_CONNINFO_H
#define DSC_CLI_CONNINFO_H

/* The libpq conninfo: DISCLOSE_DB when set and not empty, else the first
 * line of the file ops/up wrote (DSC_DEFAULT_CONNINFO_FILE). Returns a
 * malloc'd string the caller frees, or NULL when neither gives one. */
char *dsc_front_conninfo(void);

/* For `disclose migrate`, which changes the schema and so connects as its
 * owner (least privilege, migrations/0006): DISCLOSE_DB when set, else the
 * file's ".owner" twin that ops/up writes, else the same as above. */
char *dsc_front_owner_conninfo(void);

#endif
