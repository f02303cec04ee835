/* training.c: training courses and their attendance (see training.h). */
#include "training.h"

#include <stdio.h>

#include "audit.h"
#include "unit.h"

/* Checks the course's own fields. 0 or -1 with e. */
static int training_check(struct db *db, const struct user_ctx *actor, const struct training_input *in,
                          struct date today, struct err *e)
{
    struct date on;
    struct unit u;
    int in_scope = 0;
    if (!in->title || text_check(in->title, 1, PROJECT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_title", "title", "请填写培训名称（1 到 %d 字）", PROJECT_NAME_MAX_CHARS);
    if (!in->on || date_parse(in->on, &on) != 0 || date_cmp(on, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "培训日期应为有效日期，且不晚于今天");
    if (!in->place || text_check(in->place, 1, ADDRESS_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_place", "place", "请填写培训地点（1 到 %d 字）", ADDRESS_MAX_CHARS);
    if (!in->trainer || text_check(in->trainer, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_trainer", "trainer", "请填写授课人（1 到 %d 字）", NAME_MAX_CHARS);
    if (in->nattendees < 0 || in->nattendees > TRAINING_MAX_ATTENDEES)
        return err_set(e, 422, "too_many_attendees", "attendees", "一次最多登记 %d 名参训人员", TRAINING_MAX_ATTENDEES);
    if (!in->unit_id || unit_get_in_scope(db, in->unit_id, actor->unit_path, &u, &in_scope) != 0)
        return err_set(e, 422, "invalid_unit", "unit_id", "请选择举办单位");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    return 0;
}

/* Inside the transaction: adds attendee i (its household in the actor's scope, its member of that
   household). 0 or -1 with e naming attendees[i]. */
static int attendee_add(struct db *db, const struct user_ctx *actor, int64_t training, int i,
                        const struct training_attendee *a, struct err *e)
{
    int hh = (int)db_int(db, -1, "SELECT in_scope(v.path, ?2) FROM households h JOIN units v ON v.id = h.village_id "
                                 "WHERE h.id = ?1",
                         "it", a->household_id, actor->unit_path);
    char field[48];
    snprintf(field, sizeof field, "attendees[%d]", i);
    if (hh < 0)
        return err_set(e, 422, "invalid_household", field, "第 %d 名参训人员的家庭不存在", i + 1);
    if (hh == 0)
        return err_set(e, 403, "out_of_scope", field, "第 %d 名参训人员的家庭不在您的管辖范围内", i + 1);
    int64_t member = a->member_id;
    if (!member && a->member_name && *a->member_name &&
        (member = db_int(db, 0, "SELECT id FROM members WHERE household_id = ? AND name = ? ORDER BY id LIMIT 1", "it",
                         a->household_id, a->member_name)) == 0)
        return err_set(e, 422, "invalid_member", field, "第 %d 名参训人员不是该家庭的成员", i + 1);
    if (member && db_int(db, 0, "SELECT count(*) FROM members WHERE id = ? AND household_id = ?", "ii", member,
                         a->household_id) != 1)
        return err_set(e, 422, "invalid_member", field, "第 %d 名参训人员不是该家庭的成员", i + 1);
    if (db_run(db, "INSERT INTO training_attendees (training_id, household_id, member_id) VALUES (?, ?, ?)", "iii",
               training, a->household_id, member) != SQLITE_DONE)
        return err_set(e, 422, "duplicate_attendee", field, "第 %d 名参训人员重复登记", i + 1);
    return 0;
}

int64_t training_create(struct db *db, const struct user_ctx *actor, const struct training_input *in,
                        struct date today, struct err *e)
{
    if (training_check(db, actor, in, today, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO trainings (title, held_on, unit_id, place, trainer, created_by) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                    "ttitti", in->title, in->on, in->unit_id, in->place, in->trainer, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    for (int i = 0; ok && i < in->nattendees; i++)
        if (attendee_add(db, actor, id, i, &in->attendees[i], e) != 0) {
            db_rollback(db);
            return -1;
        }
    json_t *after = json_pack("{s:s, s:s, s:I, s:i}", "title", in->title, "held_on", in->on, "unit_id",
                              (json_int_t)in->unit_id, "attendees", in->nattendees);
    return audit_commit(db, ok, actor, "create", "training", id, NULL, after, e) == 0 ? id : -1;
}

/* Reads a TRAINING_ROW. */
static DB_ROW_READER(training_row_read, TRAINING_ROW, struct training_row)

/* The courses of a list: ?1 scope, ?2 one course, ?3 a household attending, ?4 and ?5 the period. */
#define TRAINING_LIST_FROM                                                                                            \
    " FROM trainings t JOIN units n ON n.id = t.unit_id WHERE (in_scope(n.path, ?1) OR EXISTS (SELECT 1 FROM "      \
    "training_attendees x JOIN households h ON h.id = x.household_id JOIN units v ON v.id = h.village_id "          \
    "WHERE x.training_id = t.id AND in_scope(v.path, ?1))) AND (?2 = 0 OR t.id = ?2) AND (?3 = 0 OR EXISTS "        \
    "(SELECT 1 FROM training_attendees y WHERE y.training_id = t.id AND y.household_id = ?3)) "                     \
    "AND (?4 IS NULL OR t.held_on >= ?4) AND (?5 IS NULL OR t.held_on <= ?5)"

int64_t training_list(struct db *db, const struct user_ctx *actor, const struct training_filter *f,
                      void (*fn)(const struct training_row *, void *), void *ctx, struct err *e)
{
    const char *from = f->from && *f->from ? f->from : NULL, *to = f->to && *f->to ? f->to : NULL;
    int64_t total = db_int(db, -1, "SELECT count(*)" TRAINING_LIST_FROM, "tiitt", actor->unit_path, f->id,
                           f->household_id, from, to);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(TRAINING_ROW) TRAINING_LIST_FROM
                                   " ORDER BY t.held_on DESC, t.id DESC LIMIT ?6 OFFSET ?7");
    if (total < 0 || !st)
        return db_fail(db, e);
    db_bind(st, "tiittii", actor->unit_path, f->id, f->household_id, from, to, (int64_t)(f->limit > 0 ? f->limit : -1),
            (int64_t)f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct training_row x = {0};
        bad = training_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

json_t *training_json(const struct training_row *t)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)t->id, "title", t->title, "on",
                     t->on, "unit_id", (json_int_t)t->unit_id, "unit", t->unit, "place", t->place, "trainer",
                     t->trainer, "attendances", (json_int_t)t->attendances, "households", (json_int_t)t->households);
}

void training_json_append(const struct training_row *t, void *ctx)
{
    json_array_append_new(ctx, training_json(t));
}

/* Reads a TRAINING_VILLAGE_ROW. */
static DB_ROW_READER(training_village_read, TRAINING_VILLAGE_ROW, struct training_village_row)

int training_by_village(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                        void (*fn)(const struct training_village_row *, void *), void *ctx, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(TRAINING_VILLAGE_ROW) " FROM training_attendees a "
                                   "JOIN trainings t ON t.id = a.training_id JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id WHERE in_scope(v.path, ?1) "
                                   "AND (?2 IS NULL OR t.held_on >= ?2) AND (?3 IS NULL OR t.held_on <= ?3) "
                                   "GROUP BY v.id ORDER BY v.path");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttt", actor->unit_path, from && *from ? from : NULL, to && *to ? to : NULL);
    int n = 0, bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct training_village_row x = {0};
        bad = training_village_read(st, &x) != 0;
        if (!bad) {
            fn(&x, ctx);
            n++;
        }
    }
    return db_end(st, bad ? db_row_fail(e) : n, e);
}
