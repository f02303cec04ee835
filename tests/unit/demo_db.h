/*
 * demo_db.h: the demo's units, users, 120 households and loans (as `bangfu demo` makes them, with
 * fewer households) in a migrated database, for the unit tests that need real loans.
 */
#ifndef BANGFU_TEST_DEMO_DB_H
#define BANGFU_TEST_DEMO_DB_H
#include "auth.h"
#include "db.h"
#include "demo.h"
#include "demo_loans.h"

/* Fills the migrated database db with the demo as of today. 0, or -1. */
static inline int demo_db_fill(struct db *db, struct date today)
{
    char hash[256];
    struct user_ctx admin;
    if (auth_hash_password(DEMO_PASSWORD, hash, sizeof hash) != 0 ||
        db_run(db, "INSERT INTO units (name, kind, path) VALUES ('山亭区', 'district', '/1/')", "") != SQLITE_DONE ||
        db_run(db, "INSERT INTO users (username, password_hash, name, role, unit_id) VALUES "
                   "('admin', ?, '系统管理员', 'admin', 1)", "t", hash) != SQLITE_DONE ||
        user_load(db, 1, &admin) != 0 || demo_units_and_users(db, &admin) != 0 || db_begin(db) != SQLITE_OK)
        return -1;
    if (demo_households(db, &admin, 120, 20261123) != 0) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db) == SQLITE_OK && demo_loans(db, today) == 0 ? 0 : -1;
}

#endif
