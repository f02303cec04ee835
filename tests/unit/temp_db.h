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

/* A cmocka fixture holding one fresh migrated database. */
struct temp_db_fixture {
    char dir[64], path[96];
    struct db *db;
};

/* cmocka setup: a struct temp_db_fixture with a fresh database in *state. 0, or -1. */
static inline int temp_db_setup(void **state)
{
    struct temp_db_fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/bangfu-unit-XXXXXX");
    f->db = temp_db_open(f->dir, f->path, sizeof f->path);
    *state = f;
    return f->db ? 0 : -1;
}

/* cmocka teardown of temp_db_setup: removes the database and frees the fixture. */
static inline int temp_db_teardown(void **state)
{
    struct temp_db_fixture *f = *state;
    if (f && f->db)
        temp_db_remove(f->db, f->dir, f->path);
    free(f);
    return 0;
}

#endif
