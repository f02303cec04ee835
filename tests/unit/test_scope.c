/*
 * test_scope.c: the SQL function in_scope(path, scope) that every scope check uses (db.c), and the
 * password rule (auth_password_policy), and the setting an unknown user's login is checked against.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "db.h"

/* in_scope(path, scope) as SQL evaluates it: 1, 0, or -1 for NULL. */
static int in_scope(struct db *db, const char *path, const char *scope)
{
    return (int)db_int(db, -2, "SELECT coalesce(in_scope(?, ?), -1)", "tt", path, scope);
}

static void test_in_scope(void **state)
{
    (void)state;
    char dir[] = "/tmp/bangfu-scope-XXXXXX", file[64];
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/t.db", dir);
    struct err e = {0};
    struct db *db = db_open(file, 1, &e);
    assert_non_null(db);
    assert_int_equal(in_scope(db, "/1/2/7/", "/1/"), 1);   /* a village in the district */
    assert_int_equal(in_scope(db, "/1/2/7/", "/1/2/"), 1); /* in its township */
    assert_int_equal(in_scope(db, "/1/2/", "/1/2/"), 1);   /* the unit itself */
    assert_int_equal(in_scope(db, "/1/3/9/", "/1/2/"), 0); /* the other township's village */
    assert_int_equal(in_scope(db, "/1/2/", "/1/2/7/"), 0); /* the township is above the village */
    assert_int_equal(in_scope(db, "/1/22/", "/1/2/"), 0);  /* '/1/22/' does not start with '/1/2/' */
    assert_int_equal(in_scope(db, NULL, "/1/"), 0);        /* no unit: nobody's */
    assert_int_equal(in_scope(db, "/1/2/", NULL), -1);     /* no scope: NULL, never true */
    assert_int_equal(in_scope(db, "/1/2/", ""), -1);
    assert_int_equal((int)db_int(db, -2, "SELECT count(*) FROM (SELECT 1 WHERE in_scope('/1/', NULL))", ""), 0);
    /* the C side of the same rule, for paths already read (no NULL result there: 0) */
    assert_int_equal(path_in_scope("/1/2/7/", "/1/2/"), 1);
    assert_int_equal(path_in_scope("/1/22/", "/1/2/"), 0);
    assert_int_equal(path_in_scope("/1/2/", "/1/2/7/"), 0);
    assert_int_equal(path_in_scope(NULL, "/1/"), 0);
    assert_int_equal(path_in_scope("/1/2/", NULL), 0);
    assert_int_equal(path_in_scope("/1/2/", ""), 0);
    db_close(db);
    unlink(file);
    rmdir(dir);
}

/* Writes the n-th string over the alphabet of unit paths and their neighbours in byte order ('.', '/', '0',
   '1', '2', '9', ':') of length 1 to 3 into out; returns 0, or -1 once n is past the last. */
static int nth_path(int n, char out[8])
{
    static const char alphabet[] = "./0129:";
    int k = (int)sizeof alphabet - 1;
    for (int len = 1, count = k; len <= 3; len++, count *= k) {
        if (n < count) {
            for (int i = len - 1; i >= 0; i--, n /= k)
                out[i] = alphabet[n % k];
            out[len] = '\0';
            return 0;
        }
        n -= count;
    }
    return -1;
}

/* The range form of the scope rule (path_scope_end, SQL scope_end) agrees with path_in_scope for every
   pair of the 399 short strings over the paths' alphabet (7 + 49 + 343), and the SQL range with SQL in_scope on a table
   with an index on the path (the planner may use it: the rows are the same). */
static void test_scope_range(void **state)
{
    (void)state;
    char end[8];
    assert_int_equal(path_scope_end("/1/2/", end, sizeof end), 0);
    assert_string_equal(end, "/1/20"); /* '/' + 1 is '0': '/1/2/7/' and '/1/2//' below it, '/1/22/' above */
    assert_int_equal(path_scope_end("", end, sizeof end), -1);
    assert_int_equal(path_scope_end(NULL, end, sizeof end), -1);
    assert_int_equal(path_scope_end("/1/2/3/", end, 4), -1); /* too long for out: no range, no rows */
    char p[8], sc[8];
    long pairs = 0;
    for (int i = 0; nth_path(i, sc) == 0; i++) {
        assert_int_equal(path_scope_end(sc, end, sizeof end), 0);
        for (int j = 0; nth_path(j, p) == 0; j++, pairs++)
            assert_int_equal(path_in_scope(p, sc), strcmp(p, sc) >= 0 && strcmp(p, end) < 0);
    }
    assert_int_equal(pairs, 399L * 399L);
    char dir[] = "/tmp/bangfu-range-XXXXXX", file[64];
    assert_non_null(mkdtemp(dir));
    snprintf(file, sizeof file, "%s/t.db", dir);
    struct err e = {0};
    struct db *db = db_open(file, 1, &e);
    assert_non_null(db);
    assert_int_equal(db_exec(db, "CREATE TABLE p (path TEXT); CREATE INDEX p_path ON p(path);"), SQLITE_OK);
    assert_int_equal(db_begin(db), SQLITE_OK); /* one commit, not 399 */
    for (int i = 0; nth_path(i, p) == 0; i++)
        assert_int_equal(db_run(db, "INSERT INTO p VALUES (?)", "t", p), SQLITE_DONE);
    assert_int_equal(db_commit(db), SQLITE_OK);
    for (int i = 0; nth_path(i, sc) == 0; i++)
        assert_int_equal(db_int(db, -1, "SELECT count(*) FROM p a FULL JOIN (SELECT path FROM p WHERE path >= ?1 AND "
                                        "path < scope_end(?1)) b USING (path) WHERE (b.path IS NULL) = in_scope(a.path, ?1)",
                                "t", sc),
                         0);
    assert_int_equal(db_int(db, -1, "SELECT count(*) FROM p WHERE path >= ?1 AND path < scope_end(?1)", "t", ""), 0);
    db_close(db);
    unlink(file);
    rmdir(dir);
}

/* The rule's verdict: 0 accepted, else -1 with weak_password. */
static int policy(const char *username, const char *password)
{
    struct err e = {0};
    int rc = auth_password_policy(username, password, &e);
    if (rc != 0)
        assert_string_equal(e.code, "weak_password");
    return rc;
}

static void test_password_policy(void **state)
{
    (void)state;
    assert_int_equal(policy("xj_caiwu", "12345678"), -1);   /* 8 characters */
    assert_int_equal(policy("xj_caiwu", "aaaaaaaaaa"), -1); /* one kind */
    assert_int_equal(policy("xj_caiwu", "          "), -1); /* ten spaces: one kind */
    assert_int_equal(policy("xj_caiwu", "ABCDEFGHIJKL"), -1);
    assert_int_equal(policy("xj_caiwu1", "XJ_CAIWU1"), -1);   /* too short anyway */
    assert_int_equal(policy("xj_caiwu12", "XJ_caiwu12"), -1); /* the username, any case */
    assert_int_equal(policy("xj_caiwu", "Password123"), -1);  /* common, any case */
    assert_int_equal(policy("xj_caiwu", "woaini1314"), -1);
    assert_int_equal(policy("xj_caiwu", NULL), -1);
    assert_int_equal(policy("xj_caiwu", "密码密码密码密码密码1"), 0); /* eleven characters, two kinds */
    assert_int_equal(policy("xj_caiwu", "密码1"), -1);                /* 7 bytes are 3 characters: short */
    assert_int_equal(policy("xj_caiwu", "Xiji-2026-cw"), 0);
    assert_int_equal(policy("xj_caiwu", "longenough1"), 0);
    char longest[AUTH_PASSWORD_MAX + 2];
    memset(longest, 'a', sizeof longest);
    longest[0] = '1';
    longest[AUTH_PASSWORD_MAX] = '\0';
    assert_int_equal(policy("xj_caiwu", longest), 0);
    longest[AUTH_PASSWORD_MAX] = 'a';
    longest[AUTH_PASSWORD_MAX + 1] = '\0';
    assert_int_equal(policy("xj_caiwu", longest), -1); /* 129 bytes */
}

/* A login for an unknown name is checked against a setting of the same algorithm and cost as a
   new hash ("$y$" and the cost field up to the salt), so it takes as long; no password matches it. */
static void test_unknown_user_setting(void **state)
{
    (void)state;
    char hash[128];
    assert_int_equal(auth_hash_password("Xiji-2026-cw", hash, sizeof hash), 0);
    const char *setting = auth_unknown_user_setting();
    const char *cost_end = strchr(hash + 3, '$');
    assert_non_null(cost_end);
    assert_int_equal(strncmp(setting, hash, (size_t)(cost_end - hash + 1)), 0); /* "$y$j9T$" with libcrypt's default */
    assert_string_equal(auth_unknown_user_setting(), setting);                /* made once */
    assert_int_equal(auth_check_password("", setting), 0);
    assert_int_equal(auth_check_password("Xiji-2026-cw", setting), 0);
    assert_int_equal(auth_check_password("Xiji-2026-cw", hash), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_scope),
        cmocka_unit_test(test_scope_range),
        cmocka_unit_test(test_password_policy),
        cmocka_unit_test(test_unknown_user_setting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
