/* Where the front ends (disclose, disclose-stats, disclosed) find their
 * database. ops/up writes three files next to DSC_DEFAULT_CONNINFO_FILE
 * (var/conninfo): the file itself names no role, so libpq connects as the
 * OS account's name and a staff member's CLI as that member; ".owner"
 * (mode 0600, the operator's) names the schema's owner; ".engine" names the
 * daemon's role. The server's peer authentication decides who may use which
 * role (ops/lib/auth.sh): the files only say which one to ask for. */
#ifndef DSC_CLI_CONNINFO_H
#define DSC_CLI_CONNINFO_H

/* The libpq conninfo of the CLIs: DISCLOSE_DB when set and not empty, else
 * the first line of var/conninfo.owner when this process can read it (the
 * operator), else that of var/conninfo. Returns a malloc'd string the
 * caller frees, or NULL when none gives one. */
char *dsc_front_conninfo(void);

/* The daemon's: DISCLOSE_DB when set and not empty, else the first line of
 * var/conninfo.engine, else that of var/conninfo. Freed by the caller;
 * NULL when none gives one. */
char *dsc_daemon_conninfo(void);

#endif
