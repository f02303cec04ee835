/* commands.h: the database commands behind main.c: init, demo, upgrade, logins, gen. */
#ifndef BANGFU_COMMANDS_H
#define BANGFU_COMMANDS_H

/* Creates a new database: schema, reference data, the district and user admin; with demo, the
   demo township too. Refuses an existing file. Returns an exit status (0, 1, 2). */
int commands_init(const char *path, const char *admin_password_file, const char *district, int demo);
/* Opens an existing database, refuses one newer than this program and upgrades an older one:
   first a checked backup (into backup_dir, or next to the database when NULL), then every
   pending migration in one transaction. Returns 0 or 1 (message printed). */
int commands_upgrade(const char *path, const char *backup_dir);
/* Prints the demo accounts and their password. Returns an exit status. */
int commands_logins(const char *path);
/* Adds generated households (their people with hukou and bank accounts, and services for a tenth
   of them), disbursed loans, paid relief and services for `services` unpaired households
   (demo_bench_services.h) to an existing demo database (for benchmarks), upgrading its schema
   first; people alone gives hukou and accounts to the members of an older benchmark database that
   lack them. */
int commands_gen(const char *path, long households, long loans, long relief, long services, int people);

#endif
