/* complaint.c: complaints and suggestions with their time limit (see complaint.h). */
#include "complaint.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "calendar.h"
#include "timelimit.h"
#include "unit.h"
#include "user.h"

static const char *const category_codes[COMPLAINT__MAX] = {"complaint", "suggestion", "inquiry"};
static const char *const category_names[COMPLAINT__MAX] = {"投诉", "意见建议", "咨询"};

const char *complaint_category_code(enum complaint_category c)
{
    return c >= 0 && c < COMPLAINT__MAX ? category_codes[c] : "";
}

const char *complaint_category_name(enum complaint_category c)
{
    return c >= 0 && c < COMPLAINT__MAX ? category_names[c] : "";
}

int complaint_category_parse(const char *s)
{
    for (int c = 0; s && c < COMPLAINT__MAX; c++)
        if (!strcmp(s, category_codes[c]) || !strcmp(s, category_names[c]))
            return c;
    return -1;
}

int complaint_satisfaction_valid(const char *s)
{
    return s && (!strcmp(s, "满意") || !strcmp(s, "基本满意") || !strcmp(s, "不满意"));
}

/* The unit that handles a new complaint: the village named (a village; in the actor's scope when
   staff file it), else the staff's own unit, else the district. Returns the id or -1 with e. */
static int64_t complaint_unit(struct db *db, const struct user_ctx *actor, int64_t village_id, struct err *e)
{
    if (!village_id)
        return actor ? actor->unit_id : db_int(db, -1, "SELECT min(id) FROM units WHERE parent_id IS NULL", "");
    struct unit u;
    int in_scope = 0;
    if (unit_get_in_scope(db, village_id, actor ? actor->unit_path : "/", &u, &in_scope) != 0 ||
        strcmp(u.kind, "village") != 0)
        return err_set(e, 422, "invalid_village", "village_id", "请选择所在村");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "village_id", "该村不在您的管辖范围内");
    return u.id;
}

int64_t complaint_file(struct db *db, const struct user_ctx *actor, const struct complaint_input *in,
                       const char *client, struct date today, struct date *due, struct err *e)
{
    int category = in->category && *in->category ? complaint_category_parse(in->category) : COMPLAINT_COMPLAINT;
    if (category < 0)
        return err_set(e, 422, "invalid_category", "category", "类别应为 投诉、意见建议 或 咨询");
    if (!in->text || text_check_multiline(in->text, 5, LONG_TEXT_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_text", "text", "请填写反映的内容（5 到 %d 字）", LONG_TEXT_MAX_CHARS);
    if (in->contact && text_check(in->contact, 0, 50) != 0)
        return err_set(e, 422, "invalid_contact", "contact", "联系方式不能超过 50 字");
    if (!actor && !(in->contact && *in->contact))
        return err_set(e, 422, "invalid_contact", "contact", "请留下联系电话或其他联系方式，以便答复您");
    int64_t unit = complaint_unit(db, actor, in->village_id, e);
    if (unit < 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (!actor && db_int(db, 0, "SELECT count(*) FROM complaints WHERE source = 'public' AND client = ? "
                                "AND filed_at > datetime(clock_now(), '-1 hour')",
                         "t", client ? client : "") >= COMPLAINT_PUBLIC_PER_HOUR) {
        db_rollback(db);
        return err_set(e, 429, "too_many_complaints", NULL, "提交过于频繁，请一小时后再试，或直接电话联系");
    }
    char on[11], due_on[11];
    *due = timelimit_due(db, TIMELIMIT_COMPLAINT, today);
    int ok = db_run(db, "INSERT INTO complaints (unit_id, category, text, contact, source, client, filed_on, due_on, "
                        "handler_id, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "ittttttt" "II", unit, complaint_category_code(category), in->text, in->contact ? in->contact : "",
                    actor ? "staff" : "public", actor ? "" : client ? client : "", date_format(today, on),
                    date_format(*due, due_on), actor ? actor->id : 0, actor ? actor->id : 0) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "unit_id", (json_int_t)unit, "category",
                              complaint_category_code(category), "source", actor ? "staff" : "public", "due_on", due_on);
    struct user_ctx anonymous = {0};
    snprintf(anonymous.username, sizeof anonymous.username, "public");
    return audit_commit(db, ok, actor ? actor : &anonymous, "create", "complaint", id, NULL, after, e) == 0 ? id : -1;
}

/* The complaint being changed: state and whether its unit lies in the scope ?2. */
#define COMPLAINT_CHANGE_ROW(X, _)                                                                                    \
    X("c.state", TEXT(CODE_SIZE), state) _ X("in_scope(n.path, ?2)", INT, in_scope) _ X("n.path", TEXT(160), path)
struct complaint_change {
    DB_ROW_FIELDS(COMPLAINT_CHANGE_ROW)
};
/* Reads a COMPLAINT_CHANGE_ROW. */
static DB_ROW_READER(complaint_change_read, COMPLAINT_CHANGE_ROW, struct complaint_change)

/* Inside the caller's transaction: loads complaint id for a change by the actor. 0 when it is
   open and in scope, else -1 with e (404, 403, 409 already_resolved). */
static int complaint_open_for(struct db *db, const struct user_ctx *actor, int64_t id, struct complaint_change *c,
                              struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(COMPLAINT_CHANGE_ROW) " FROM complaints c "
                                   "JOIN units n ON n.id = c.unit_id WHERE c.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && complaint_change_read(st, c) != 0;
    db_done(st);
    return bad          ? db_row_fail(e)
           : !found     ? err_set(e, 404, "not_found", NULL, "投诉或意见不存在")
           : !c->in_scope ? err_set(e, 403, "out_of_scope", NULL, "该投诉不在您的管辖范围内")
           : strcmp(c->state, "open") ? err_set(e, 409, "already_resolved", NULL, "该投诉已办结")
                                      : 0;
}

/* 0 when account id may handle a complaint of the unit at path: an active account whose unit is
   the complaint's unit, above it or below it. -1 with e naming field. */
static int handler_check(struct db *db, int64_t id, const char *path, const char *field, struct err *e)
{
    if (db_int(db, 0, "SELECT count(*) FROM users u JOIN units n ON n.id = u.unit_id WHERE u.id = ?1 AND u.active = 1 "
                      "AND (in_scope(n.path, ?2) OR in_scope(?2, n.path))",
               "it", id, path) == 1)
        return 0;
    return err_set(e, 422, "invalid_handler", field, "经办人应为本单位或上级单位的在职人员");
}

int complaint_assign(struct db *db, const struct user_ctx *actor, int64_t id, int64_t handler_id, int64_t backup_id,
                     struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct complaint_change c = {0};
    if (complaint_open_for(db, actor, id, &c, e) != 0 ||
        (!handler_id && err_set(e, 422, "invalid_handler", "handler_id", "请选择经办人（A角）")) ||
        (backup_id && backup_id == handler_id && err_set(e, 422, "invalid_handler", "backup_id", "B角应为另一人")) ||
        handler_check(db, handler_id, c.path, "handler_id", e) != 0 ||
        (backup_id && handler_check(db, backup_id, c.path, "backup_id", e) != 0)) {
        db_rollback(db);
        return -1;
    }
    int ok = db_run(db, "UPDATE complaints SET handler_id = ?, backup_id = ? WHERE id = ?", "iIi", handler_id,
                    backup_id, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, "assign", "complaint", id, NULL,
                        json_pack("{s:I, s:I}", "handler_id", (json_int_t)handler_id, "backup_id", (json_int_t)backup_id),
                        e);
}

int complaint_resolve(struct db *db, const struct user_ctx *actor, int64_t id, const char *resolution,
                      const char *satisfaction, struct date today, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct complaint_change c = {0};
    if (complaint_open_for(db, actor, id, &c, e) != 0 ||
        ((!resolution || text_check(resolution, 2, NOTE_MAX_CHARS) != 0) &&
         err_set(e, 422, "invalid_resolution", "resolution", "请填写办理结果（2 到 %d 字）", NOTE_MAX_CHARS)) ||
        (satisfaction && *satisfaction && !complaint_satisfaction_valid(satisfaction) &&
         err_set(e, 422, "invalid_satisfaction", "satisfaction", "满意度应为 满意、基本满意 或 不满意"))) {
        db_rollback(db);
        return -1;
    }
    char on[11];
    const char *sat = satisfaction && *satisfaction ? satisfaction : NULL;
    int ok = db_run(db, "UPDATE complaints SET state = 'resolved', resolution = ?, satisfaction = ?, resolved_on = ?, "
                        "resolved_by = ?, handler_id = coalesce(handler_id, ?4) WHERE id = ? AND state = 'open'",
                    "tttii", resolution, sat, date_format(today, on), actor->id, id) == SQLITE_DONE &&
             sqlite3_changes(db->h) == 1;
    return audit_commit(db, ok, actor, "resolve", "complaint", id, NULL,
                        json_pack("{s:s, s:s}", "resolved_on", on, "satisfaction", sat ? sat : ""), e);
}

/* Reads a COMPLAINT_ROW. */
static DB_ROW_READER(complaint_row_read, COMPLAINT_ROW, struct complaint_row)

/* The complaints of a list: ?1 scope, ?2 today, ?3 state filter, ?4 the due-soon day, ?5 one complaint. */
#define COMPLAINT_LIST_FROM                                                                                           \
    " FROM complaints c JOIN units n ON n.id = c.unit_id LEFT JOIN users a ON a.id = c.handler_id "                  \
    "LEFT JOIN users b ON b.id = c.backup_id WHERE in_scope(n.path, ?1) AND (?5 = 0 OR c.id = ?5) AND (?3 = 0 "      \
    "OR (?3 = 1 AND c.state = 'open') OR (?3 = 2 AND c.state = 'resolved') "                                         \
    "OR (?3 = 3 AND coalesce(c.resolved_on, ?2) > c.due_on) OR (?3 = 4 AND c.state = 'open' AND c.due_on <= ?4))"

int64_t complaint_list(struct db *db, const struct user_ctx *actor, const struct complaint_filter *f,
                       struct date today, void (*fn)(const struct complaint_row *, void *), void *ctx, struct err *e)
{
    char on[11], soon[11];
    date_format(today, on);
    date_format(calendar_add_working_days(db, today, 2), soon);
    int64_t total = db_int(db, -1, "SELECT count(*)" COMPLAINT_LIST_FROM, "ttiti", actor->unit_path, on,
                           (int64_t)f->state, soon, f->id);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(COMPLAINT_ROW) COMPLAINT_LIST_FROM
                                   " ORDER BY c.state = 'resolved', c.due_on, c.id LIMIT ?6 OFFSET ?7");
    if (total < 0 || !st)
        return db_fail(db, e);
    if (f->id && total == 0)
        return db_int(db, 0, "SELECT count(*) FROM complaints WHERE id = ?", "i", f->id)
                   ? err_set(e, 403, "out_of_scope", NULL, "该投诉不在您的管辖范围内")
                   : err_set(e, 404, "not_found", NULL, "投诉或意见不存在");
    db_bind(st, "ttitiii", actor->unit_path, on, (int64_t)f->state, soon, f->id,
            (int64_t)(f->limit > 0 ? f->limit : -1), (int64_t)f->offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct complaint_row x = {0};
        bad = complaint_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

json_t *complaint_json(const struct complaint_row *c)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:b}",
                     "id", (json_int_t)c->id, "unit_id", (json_int_t)c->unit_id, "unit", c->unit, "category",
                     complaint_category_code(c->category), "category_name", complaint_category_name(c->category),
                     "text", c->text, "contact", c->contact, "source", c->source, "filed_on", c->filed_on, "due_on",
                     c->due_on, "handler_id", (json_int_t)c->handler_id, "handler", c->handler, "backup_id",
                     (json_int_t)c->backup_id, "backup", c->backup, "state", c->state, "resolution", c->resolution,
                     "satisfaction", c->satisfaction, "resolved_on", c->resolved_on, "late", c->late);
}
