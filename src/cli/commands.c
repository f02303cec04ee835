/* commands.c: init, demo, upgrade, logins and gen (see commands.h). */
#include "commands.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "backup.h"
#include "clock.h"
#include "db.h"
#include "demo.h"
#include "demo_bank.h"
#include "demo_books.h"
#include "demo_announcements.h"
#include "demo_categories.h"
#include "demo_services.h"
#include "demo_bench_services.h"
#include "demo_information.h"
#include "demo_lifecycle.h"
#include "demo_loans.h"
#include "demo_products.h"
#include "demo_people.h"
#include "demo_programmes.h"
#include "demo_campaigns.h"
#include "demo_aid.h"
#include "demo_relief.h"
#include "text.h"
#include "unit.h"

/* Reads the first line of a password file into out. Returns 0 or -1 (message printed). */
static int read_password_file(const char *file, char *out, size_t n)
{
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, "错误: 无法读取密码文件 %s\n", file);
        return -1;
    }
    char line[256] = "";
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    text_trim(line, out, n);
    if (strlen(out) < 8) {
        fprintf(stderr, "错误: 管理员密码至少8位（%s）\n", file);
        return -1;
    }
    return 0;
}

int commands_init(const char *path, const char *admin_password_file, const char *district, int demo)
{
    if (access(path, F_OK) == 0) {
        fprintf(stderr, "错误: %s 已存在，不会覆盖\n", path);
        return 2;
    }
    if (text_check(district, 1, 30) != 0) {
        fprintf(stderr, "错误: --district 区名应为1到30个字\n");
        return 2;
    }
    char password[256];
    int generated = 0;
    if (admin_password_file) {
        if (read_password_file(admin_password_file, password, sizeof password) != 0)
            return 2;
    } else if (demo) {
        snprintf(password, sizeof password, "%s", DEMO_PASSWORD);
    } else {
        auth_random_hex(password, 8);
        generated = 1;
    }
    struct err e = {0};
    struct db *db = db_open(path, 1, &e);
    if (!db || db_migrate(db, NULL, &e) != 0) {
        fprintf(stderr, "错误: %s\n", e.message);
        db_close(db);
        unlink(path);
        return 1;
    }
    char hash[256];
    int ok = auth_hash_password(password, hash, sizeof hash) == 0 && db_begin(db) == SQLITE_OK &&
             db_run(db, "INSERT INTO units (name, kind, path) VALUES (?, 'district', '/1/')", "t", district) ==
                 SQLITE_DONE &&
             db_run(db, "INSERT INTO users (username, password_hash, name, role, unit_id) "
                        "VALUES ('admin', ?, '系统管理员', 'admin', 1)",
                    "t", hash) == SQLITE_DONE &&
             db_run(db, "UPDATE relief_funds SET unit_id = 1 WHERE unit_id IS NULL", "") == SQLITE_DONE &&
             db_commit(db) == SQLITE_OK;
    struct user_ctx admin;
    if (ok && demo) {
        ok = user_load(db, 1, &admin) == 0 && demo_units_and_users(db, &admin) == 0 && db_begin(db) == SQLITE_OK &&
             demo_households(db, &admin, 600, 20261123) == 0 && db_commit(db) == SQLITE_OK &&
             demo_loans(db, clock_today()) == 0 && demo_lifecycle(db, clock_today()) == 0 &&
             demo_relief(db, clock_today()) == 0 &&
             demo_announcements(db, clock_today()) == 0 && demo_books(db, clock_today()) == 0 &&
             demo_categories(db) == 0 && demo_services(db, clock_today()) == 0 &&
             demo_information(db, clock_today()) == 0 &&
             demo_products(db, clock_today()) == 0 && demo_programmes(db, clock_today()) == 0 &&
             demo_bank_formats(db) == 0 && demo_campaigns(db, clock_today()) == 0 &&
             demo_aid(db, clock_today()) == 0;
    }
    if (!ok) {
        fprintf(stderr, "错误: 初始化数据库失败：%s\n", db_errmsg(db));
        db_close(db);
        unlink(path);
        return 1;
    }
    db_close(db);
    printf("已创建数据库 %s（区：%s）\n", path, district);
    if (generated)
        printf("管理员账号 admin，初始密码 %s（请登录后修改）\n", password);
    return 0;
}

/* Backs the database at path up before an upgrade to version `known`: into backup_dir, or else
   next to it, as NAME.pre-vN-YYYYMMDD-HHMMSS.bak (N = known). out (size n) gets the path.
   Returns 0 or -1 with e filled. */
static int pre_upgrade_backup(const char *path, const char *backup_dir, int known, char *out, size_t n, struct err *e)
{
    const char *slash = strrchr(path, '/');
    char stamp[32];
    struct tm tm = clock_china_tm(clock_now());
    if (strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm) == 0)
        return err_set(e, 500, "backup_failed", NULL, "无法生成备份文件名");
    int len = backup_dir ? snprintf(out, n, "%s/%s.pre-v%d-%s.bak", backup_dir, slash ? slash + 1 : path, known, stamp)
                         : snprintf(out, n, "%s.pre-v%d-%s.bak", path, known, stamp);
    if (len < 0 || (size_t)len >= n)
        return err_set(e, 422, "backup_path_too_long", NULL, "备份路径过长");
    return backup_copy(path, out, NULL, e);
}

int commands_upgrade(const char *path, const char *backup_dir)
{
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    if (!db) {
        fprintf(stderr, "错误: %s\n", e.message);
        return 1;
    }
    int have = (int)db_int(db, 0, "PRAGMA user_version", ""), known = db_schema_version(), applied = 0;
    char saved[PATH_MAX] = "";
    if (have > 0 && have < known && pre_upgrade_backup(path, backup_dir, known, saved, sizeof saved, &e) != 0) {
        fprintf(stderr, "错误: 升级前的备份失败，数据库没有升级：%s\n", e.message);
        db_close(db);
        return 1;
    }
    int rc = db_migrate(db, &applied, &e);
    db_close(db);
    if (rc != 0) {
        fprintf(stderr, "错误: %s\n", e.message);
        if (saved[0])
            fprintf(stderr, "升级前的备份：%s\n", saved);
        return 1;
    }
    if (applied)
        fprintf(stderr, "数据库已从版本 %d 升级到 %d（%d 个迁移），升级前的备份：%s\n", have, known, applied,
                saved[0] ? saved : "无（空数据库）");
    return 0;
}

int commands_logins(const char *path)
{
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    if (!db) {
        fprintf(stderr, "错误: %s\n", e.message);
        return 2;
    }
    printf("演示账号（密码均为 %s）：\n", DEMO_PASSWORD);
    printf("  %-14s %s\n", "admin", "系统管理员（山亭区）");
    for (int i = 0; i < demo_accounts_count; i++)
        if (db_int(db, 0, "SELECT 1 FROM users WHERE username = ?", "t", demo_accounts[i].username) == 1)
            printf("  %-14s %s\n", demo_accounts[i].username, demo_accounts[i].note);
    db_close(db);
    return 0;
}

int commands_gen(const char *path, long n, long loans, long relief, long services, int people)
{
    if (commands_upgrade(path, NULL) != 0)
        return 1;
    struct err e = {0};
    struct db *db = db_open(path, 0, &e);
    struct user_ctx admin;
    if (!db || user_load(db, 1, &admin) != 0) {
        fprintf(stderr, "错误: %s\n", db ? "数据库中没有管理员账号" : e.message);
        db_close(db);
        return 2;
    }
    int64_t seed = db_int(db, 0, "SELECT max(id) FROM households", "");
    int ok = db_begin(db) == SQLITE_OK && (!n || demo_households(db, &admin, n, (uint64_t)seed + 7) == 0) &&
             (!(n || people) || demo_people(db) == 0) &&
             (!loans || demo_bench_loans(db, loans, clock_today()) == 0) &&
             (!relief || demo_bench_relief(db, relief, clock_today()) == 0) &&
             (!n || demo_bench_services(db, n / 10 > 0 ? n / 10 : 1, clock_today()) == 0) &&
             (!services || demo_bench_services(db, services, clock_today()) == 0) && db_commit(db) == SQLITE_OK;
    if (!ok)
        fprintf(stderr, "错误: %s\n", db_errmsg(db));
    db_close(db);
    return ok ? 0 : 1;
}
