/* calendar.c: the stored working-day calendar (see calendar.h). */
#include "calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "log.h"
#include "text.h"

/* Loads every special day into c. The admin cannot enter more than CALENDAR_MAX_DAYS (calendar_set
 * refuses), so more rows mean a damaged database: that fails loudly rather than dropping days. */
int calendar_load(struct db *db, struct calendar *c)
{
    sqlite3_stmt *st = db_prep(db, "SELECT day, kind FROM holidays ORDER BY day");
    c->cal.days = c->days;
    c->cal.count = 0;
    if (!st)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->cal.count == CALENDAR_MAX_DAYS) {
            log_error("calendar: more than %d special days in holidays", CALENDAR_MAX_DAYS);
            db_done(st);
            return -1;
        }
        struct workday_special *s = &c->days[c->cal.count];
        if (date_parse(db_text(st, 0), &s->day) == 0) {
            s->kind = strcmp(db_text(st, 1), "off") == 0 ? WORKDAY_OFF : WORKDAY_WORK;
            c->cal.count++;
        }
    }
    return db_end(st, 0, NULL);
}

struct date calendar_add_working_days(struct db *db, struct date start, int n)
{
    struct calendar *c = malloc(sizeof *c);
    struct date d = start;
    if (c && calendar_load(db, c) == 0)
        d = workday_add(&c->cal, start, n);
    else
        d = workday_add(NULL, start, n);
    free(c);
    return d;
}

int calendar_set(struct db *db, const struct user_ctx *actor, const char *day, const char *kind, const char *name,
                 struct err *e)
{
    struct date d;
    if (!day || date_parse(day, &d) != 0)
        return err_set(e, 422, "invalid_date", "day", "日期格式应为 YYYY-MM-DD");
    if (!kind || (strcmp(kind, "off") && strcmp(kind, "work")))
        return err_set(e, 422, "invalid_kind", "kind", "类型应为 放假（off）或 调休上班（work）");
    if (text_check(name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "名称应为1到30个字，例如“春节”");
    int weekend = date_weekday(d) >= 6;
    if (!strcmp(kind, "work") && !weekend)
        return err_set(e, 422, "not_a_weekend", "day", "调休上班日应为周六或周日");
    if (db_int(db, 0, "SELECT 1 FROM holidays WHERE day = ?", "t", day) != 1 &&
        db_int(db, 0, "SELECT count(*) FROM holidays", "") >= CALENDAR_MAX_DAYS)
        return err_set(e, 422, "calendar_full", "day", "日历已有 2048 个特殊日，请先删除不再需要的年份");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *after = json_pack("{s:s, s:s, s:s}", "day", day, "kind", kind, "name", name);
    int ok = db_run(db, "INSERT OR REPLACE INTO holidays (day, kind, name) VALUES (?, ?, ?)", "ttt", day, kind, name) ==
                 SQLITE_DONE;
    return audit_commit(db, ok, actor, "set", "holiday", 0, NULL, after, e);
}

int calendar_remove(struct db *db, const struct user_ctx *actor, const char *day, struct err *e)
{
    if (!day || db_int(db, 0, "SELECT 1 FROM holidays WHERE day = ?", "t", day) != 1)
        return err_set(e, 404, "not_found", "day", "该日期不在日历中");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = json_pack("{s:s}", "day", day);
    int ok = db_run(db, "DELETE FROM holidays WHERE day = ?", "t", day) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "remove", "holiday", 0, before, NULL, e);
}

int calendar_list(struct db *db, int year, void (*fn)(const char *, const char *, const char *, void *), void *ctx)
{
    char from[12], to[12];
    snprintf(from, sizeof from, "%04d-01-01", year);
    snprintf(to, sizeof to, "%04d-12-31", year);
    sqlite3_stmt *st = db_prep(db, "SELECT day, kind, name FROM holidays WHERE day BETWEEN ? AND ? ORDER BY day");
    if (!st)
        return -1;
    db_bind(st, "tt", from, to);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        fn(db_text(st, 0), db_text(st, 1), db_text(st, 2), ctx);
        n++;
    }
    return db_end(st, n, NULL);
}
