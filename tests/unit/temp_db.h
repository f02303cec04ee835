/*
 * temp_db.h: a migrated database in a fresh temporary directory for the unit tests that need one,
 * and its removal (the database, its -wal and -shm files and the directory).
 */
#ifndef BANGFU_TEST_TEMP_DB_H
#define BANGFU_TEST_TEMP_DB_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "db.h"

/* Opens and migrates t.db in a new directory made from the template dir ("/tmp/bangfu-x-XXXXXX",
   rewritten in place); path (96 bytes) gets the file's path. The database, or NULL. */
static inline struct db *temp_db_open(char *dir, char *path, size_t n)
{
    struct err e = {0};
    if (!mkdtemp(dir) || snprintf(path, n, "%s/t.db", dir) >= (int)n)
        return NULL;
    struct db *db = db_open(path, 1, &e);
    if (db && db_migrate(db, NULL, &e) != 0) {
        db_close(db);
        return NULL;
    }
    return db;
}

/* Closes the database and removes its files and directory. */
static inline void temp_db_remove(struct db *db, const char *dir, const char *path)
{
    char p[160];
    db_close(db);
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
    rmdir(dir);
}

#endif
