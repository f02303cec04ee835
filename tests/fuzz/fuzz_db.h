/*
 * fuzz_db.h: the demo database for fuzz targets that need the domain (statement import, API
 * handlers): created once per process with `bangfu demo`'s own code in a fresh temporary
 * folder, then opened; and the demo user acting in it.
 */
#ifndef BANGFU_FUZZ_DB_H
#define BANGFU_FUZZ_DB_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "db.h"
#include "user.h"

static char fuzz_demo_dir[] = "/dev/shm/bangfu-fuzz-XXXXXX"; /* memory: commits need no disk */
static char fuzz_demo_path[64];                               /* the demo database's file, once created */

/* Removes the demo database and its folder when the run ends normally (a crash leaves them for
   a look). */
static void fuzz_demo_remove(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char file[80];
        snprintf(file, sizeof file, "%s%s", fuzz_demo_path, suffixes[i]);
        unlink(file);
    }
    rmdir(fuzz_demo_dir);
}

/* Opens (creating on first call) the demo database and loads the user with the given login into
   *u. Aborts when that fails: a fuzz run without its database would prove nothing. */
static struct db *fuzz_demo_db(const char *username, struct user_ctx *u)
{
    char *path = fuzz_demo_path;
    if (!path[0]) {
        if (!mkdtemp(fuzz_demo_dir))
            abort();
        snprintf(path, sizeof fuzz_demo_path, "%s/demo.db", fuzz_demo_dir);
        atexit(fuzz_demo_remove);
        FILE *quiet = freopen("/dev/null", "w", stdout); /* the demo logins are printed */
        if (!quiet || commands_init(path, NULL, "山亭区", 1) != 0)
            abort();
    }
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    int64_t id = db ? db_int(db, 0, "SELECT id FROM users WHERE username = ?", "t", username) : 0;
    if (!db || user_load(db, id, u) != 0)
        abort();
    return db;
}

#endif
