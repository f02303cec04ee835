/* backup.c: online backups with SQLite's backup API, checked before they count (see backup.h). */
#include "backup.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"

#define BACKUP_PAGES 256      /* pages copied per step: the source is read a little at a time */
#define BACKUP_RESTARTS 3     /* after this many restarts (a write in between), copy in one step */
#define BACKUP_BUSY_TRIES 200 /* 50 ms each: give up after about ten seconds of a locked source */

/* Copies the source connection's database into dst step by step. A write to the source by
   another connection restarts the copy; after BACKUP_RESTARTS restarts the rest is copied in
   one step (one read transaction: in WAL mode that does not hold writers up). Returns
   SQLITE_OK or the error code. */
static int copy_pages(sqlite3 *src, sqlite3 *dst)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return sqlite3_errcode(dst);
    int rc, restarts = 0, busy = 0, last = -1;
    do {
        rc = sqlite3_backup_step(b, restarts < BACKUP_RESTARTS ? BACKUP_PAGES : -1);
        int remaining = sqlite3_backup_remaining(b);
        if (last >= 0 && remaining > last)
            restarts++;
        last = remaining;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (++busy > BACKUP_BUSY_TRIES)
                break;
            sqlite3_sleep(50);
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int fin = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? fin : rc;
}

/* Makes the copy at path one self-contained file (rollback journal instead of WAL) and runs
   PRAGMA integrity_check on it. Returns 0, or -1 with e filled. */
static int verify_copy(const char *path, struct err *e)
{
    sqlite3 *h = NULL;
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
             sqlite3_exec(h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) == SQLITE_OK &&
             sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    const unsigned char *first = ok ? sqlite3_column_text(st, 0) : NULL;
    if (!ok)
        err_set(e, 500, "backup_failed", NULL, "备份副本无法打开：%s", h ? sqlite3_errmsg(h) : "?");
    else if (!first || strcmp((const char *)first, "ok") != 0)
        err_set(e, 500, "backup_corrupt", NULL, "备份副本未通过完整性检查：%s", first ? (const char *)first : "?");
    ok = ok && first && strcmp((const char *)first, "ok") == 0;
    sqlite3_finalize(st);
    sqlite3_close(h);
    return ok ? 0 : -1;
}

/* fsync(2) of a file or directory by path. Returns 0 or -1. */
static int sync_path(const char *path, int directory)
{
    int fd = open(path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* The directory part of path into out (size n): "." when there is none. */
static void dir_of(const char *path, char *out, size_t n)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, n, ".");
    else if (slash == path)
        snprintf(out, n, "/");
    else
        snprintf(out, n, "%.*s", (int)(slash - path), path);
}

/* Removes a half-written copy and its rollback journal. */
static void remove_temp(const char *tmp)
{
    char journal[PATH_MAX + 16];
    snprintf(journal, sizeof journal, "%s-journal", tmp);
    unlink(tmp);
    unlink(journal);
}

int backup_copy(const char *db_path, const char *dest, int64_t *size, struct err *e)
{
    struct stat a, b;
    e->status = 0;
    if (stat(db_path, &a) == 0 && stat(dest, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return err_set(e, 422, "backup_is_database", NULL, "备份文件不能是数据库本身：%s", dest);
    char tmp[PATH_MAX + 8], dir[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", dest) >= (int)sizeof tmp)
        return err_set(e, 422, "backup_path_too_long", NULL, "备份路径过长");
    remove_temp(tmp);
    struct db *src = db_open(db_path, 0, e);
    if (!src)
        return -1;
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = copy_pages(src->h, dst);
    if (rc != SQLITE_OK)
        err_set(e, 500, "backup_failed", NULL, "无法写入备份 %s：%s", dest, dst ? sqlite3_errstr(rc) : "?");
    sqlite3_close(dst);
    db_close(src);
    dir_of(dest, dir, sizeof dir);
    if (rc != SQLITE_OK || verify_copy(tmp, e) != 0 || sync_path(tmp, 0) != 0 || rename(tmp, dest) != 0 ||
        sync_path(dir, 1) != 0) {
        if (!e->status)
            err_set(e, 500, "backup_failed", NULL, "无法保存备份 %s（磁盘已满或无写权限？）", dest);
        remove_temp(tmp);
        return -1;
    }
    if (size)
        *size = stat(dest, &b) == 0 ? (int64_t)b.st_size : 0;
    return 0;
}

char *backup_name(time_t t, char *out, size_t n)
{
    struct tm tm = clock_china_tm(t);
    if (strftime(out, n, "bangfu-%Y%m%d-%H%M%S.db", &tm) == 0 && n)
        out[0] = '\0';
    return out;
}

int backup_name_matches(const char *name, const char *day)
{
    static const char shape[] = "bangfu-########-######.db"; /* '#': a digit */
    if (strlen(name) != sizeof shape - 1)
        return 0;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == '#' ? (name[i] < '0' || name[i] > '9') : name[i] != shape[i])
            return 0;
    return !day || strncmp(name + 7, day, 8) == 0;
}

int backup_into_dir(const char *db_path, const char *dir, char *out, size_t n, int64_t *size, struct err *e)
{
    char name[64];
    if ((size_t)snprintf(out, n, "%s/%s", dir, backup_name(clock_now(), name, sizeof name)) >= n)
        return err_set(e, 422, "backup_path_too_long", NULL, "备份路径过长");
    return backup_copy(db_path, out, size, e);
}

int backup_command(const char *db_path, const char *to)
{
    struct err e = {0};
    char path[PATH_MAX];
    struct stat st;
    int64_t size = 0;
    int rc;
    if (stat(to, &st) == 0 && S_ISDIR(st.st_mode)) {
        rc = backup_into_dir(db_path, to, path, sizeof path, &size, &e);
    } else {
        snprintf(path, sizeof path, "%s", to);
        rc = backup_copy(db_path, to, &size, &e);
    }
    if (rc != 0) {
        fprintf(stderr, "错误: 备份失败：%s\n", e.message);
        return e.status == 422 ? 2 : 1;
    }
    printf("已备份到 %s（%lld 字节，完整性检查通过）\n", path, (long long)size);
    return 0;
}
