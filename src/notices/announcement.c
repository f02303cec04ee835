/* announcement.c: announcements (公告), their versions and publishing (see announcement.h). */
#include "announcement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "text.h"
#include "unit.h"

static const char *const state_codes[ANN__MAX] = {"draft", "published", "withdrawn"};
static const char *const state_names[ANN__MAX] = {"草稿", "已发布", "已撤回"};

const char *ann_state_code(enum ann_state s)
{
    return (unsigned)s < ANN__MAX ? state_codes[s] : NULL;
}

const char *ann_state_name(enum ann_state s)
{
    return (unsigned)s < ANN__MAX ? state_names[s] : "";
}

/* The state for its code (ANN_DRAFT for anything unknown: the schema allows no other). */
static enum ann_state state_parse(const char *code)
{
    for (int i = 0; i < ANN__MAX; i++)
        if (strcmp(code, state_codes[i]) == 0)
            return (enum ann_state)i;
    return ANN_DRAFT;
}

void ann_free(struct announcement *a)
{
    free(a->body_md);
    a->body_md = NULL;
}

/* Checked input, ready to store. body is malloc'd (CRLF made LF): free it. */
struct checked {
    int64_t unit_id;
    char unit_path[160];
    char from[11], until[11]; /* until "" when open-ended */
    char *body;
};

/* Copies s with every CR before LF (and any lone CR) dropped. malloc'd, or NULL for NULL. */
static char *lf_only(const char *s)
{
    if (!s)
        return NULL;
    char *out = malloc(strlen(s) + 1), *o = out;
    if (!out)
        return NULL;
    for (; *s; s++)
        if (*s != '\r')
            *o++ = *s;
    *o = '\0';
    return out;
}

/* Checks the input of a create or save. Fills c (free c->body). 0 or -1 with e. */
static int check_input(struct db *db, const struct user_ctx *actor, const struct ann_input *in, struct date today,
                       struct checked *c, struct err *e)
{
    memset(c, 0, sizeof *c);
    if (text_check(in->title, 2, ANN_TITLE_MAX) != 0)
        return err_set(e, 422, "invalid_title", "title", "请填写标题（2到%d字，一行）", ANN_TITLE_MAX);
    c->body = lf_only(in->body_md);
    if (!c->body || text_check_multiline(c->body, 1, (size_t)-1) != 0)
        return err_set(e, 422, "invalid_body", "body_md", "请填写正文（不能含控制字符）");
    size_t chars = text_chars(c->body);
    if (chars > ANN_BODY_MAX)
        return err_set(e, 422, "body_too_long", "body_md", "正文不能超过 %d 字（现有 %zu 字），请分成几则公告",
                       ANN_BODY_MAX, chars);
    struct date d, u;
    if (in->publish_from && *in->publish_from) {
        if (date_parse(in->publish_from, &d) != 0)
            return err_set(e, 422, "invalid_date", "publish_from", "发布日期应为 YYYY-MM-DD");
    } else {
        d = today;
    }
    date_format(d, c->from);
    if (in->publish_until && *in->publish_until) {
        if (date_parse(in->publish_until, &u) != 0)
            return err_set(e, 422, "invalid_date", "publish_to", "截止日期应为 YYYY-MM-DD");
        if (date_cmp(u, d) < 0)
            return err_set(e, 422, "invalid_period", "publish_to", "截止日期不能早于发布日期");
        date_format(u, c->until);
    }
    c->unit_id = in->unit_id ? in->unit_id : actor->unit_id;
    struct unit unit;
    int in_scope = 0;
    int found = unit_get_in_scope(db, c->unit_id, actor->unit_path, &unit, &in_scope) == 0;
    if (found && text_copy(c->unit_path, sizeof c->unit_path, unit.path) != 0)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 422, "invalid_unit", "unit_id", "请选择公告的范围（全区、镇或村）");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "unit_id", "该单位不在您的管辖范围内");
    return 0;
}

/* The audit record of an announcement's settings and text (a new reference). */
static json_t *audit_json(int64_t unit_id, const char *from, const char *until, int version, const char *title,
                          const char *body)
{
    json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:I}", "unit_id", (json_int_t)unit_id, "publish_from", from, "version",
                          version, "title", title, "body_chars", (json_int_t)text_chars(body));
    json_object_set_new(o, "publish_to", *until ? json_string(until) : json_null());
    return o;
}

/* Publishes a draft inside the caller's transaction: 409 unless a draft, 422 when its period
   (ending on until, "" for none) ended before today. 0 or -1 with e (the caller rolls back). */
static int publish_in_txn(struct db *db, const struct user_ctx *actor, int64_t id, enum ann_state state,
                          const char *until, struct date today, struct err *e)
{
    char on[11];
    date_format(today, on);
    if (state != ANN_DRAFT)
        return err_set(e, 409, "invalid_state", NULL, "只有草稿可以发布（该公告%s）", ann_state_name(state));
    if (*until && strcmp(until, on) < 0)
        return err_set(e, 422, "period_over", "publish_to", "发布期已于 %s 结束，请修改发布期后再发布", until);
    if (db_run(db,
               "UPDATE announcements SET state = 'published', published_by = ?, published_at = clock_now() "
               "WHERE id = ?",
               "ii", actor->id, id) != SQLITE_DONE)
        return db_fail(db, e);
    return 0;
}

int64_t ann_create(struct db *db, const struct user_ctx *actor, const struct ann_input *in, struct date today,
                   struct err *e)
{
    struct checked c;
    int rc = check_input(db, actor, in, today, &c, e);
    if (rc != 0) {
        free(c.body);
        return -1;
    }
    if (db_begin(db) != SQLITE_OK) {
        free(c.body);
        return db_fail(db, e);
    }
    int64_t id = -1;
    if (db_run(db, "INSERT INTO announcements (unit_id, publish_from, publish_until, created_by) VALUES (?, ?, ?, ?)",
               "itti", c.unit_id, c.from, *c.until ? c.until : NULL, actor->id) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    int ok = id > 0 && db_run(db,
                              "INSERT INTO announcement_versions (announcement_id, n, title, body_md, saved_by) "
                              "VALUES (?, 1, ?, ?, ?)",
                              "itti", id, in->title, c.body, actor->id) == SQLITE_DONE;
    if (ok && in->publish && publish_in_txn(db, actor, id, ANN_DRAFT, c.until, today, e) != 0) {
        free(c.body);
        db_rollback(db);
        return -1;
    }
    json_t *after = audit_json(c.unit_id, c.from, c.until, 1, in->title, c.body);
    json_object_set_new(after, "state", json_string(in->publish ? "published" : "draft"));
    free(c.body);
    return audit_commit(db, ok, actor, "create", "announcement", id, NULL, after, e) == 0 ? id : -1;
}

/* The columns of a list row (see list_row), then the tables with the current version. */
#define ANN_ROW_COLUMNS DB_ROW_COLUMNS(ANN_ROW) " "
#define ANN_FROM                                                                                                       \
    "FROM announcements a JOIN units u ON u.id = a.unit_id JOIN announcement_versions v ON "                           \
    "v.announcement_id = a.id AND v.n = (SELECT max(n) FROM announcement_versions WHERE announcement_id = a.id) "
/* A list row. */
#define ANN_LIST_SELECT "SELECT " ANN_ROW_COLUMNS ANN_FROM
/* A whole announcement (see ann_row_full). */
#define ANN_SELECT                                                                                                     \
    "SELECT " ANN_ROW_COLUMNS ", " DB_ROW_COLUMNS(ANN_DETAIL_ROW) ", u.path " ANN_FROM                                 \
    "JOIN users sv ON sv.id = v.saved_by JOIN users cr ON cr.id = a.created_by "                                       \
    "LEFT JOIN users pb ON pb.id = a.published_by LEFT JOIN users wb ON wb.id = a.withdrawn_by "

/* Fills a list row from the ANN_ROW_COLUMNS of a row. */
static DB_ROW_READER(list_row_read, ANN_ROW, struct ann_row)
/* The rest of a row of ANN_SELECT, after the list row's columns. */
static DB_ROW_READER_FROM(ann_detail_read, ANN_DETAIL_ROW, struct announcement, DB_ROW_NCOLS(ANN_ROW))
static DB_ROW_READER(version_read, ANN_VERSION_ROW, struct ann_version)
/* The column of ANN_SELECT after the announcement: the unit's path. */
#define ANN_PATH_COL (DB_ROW_NCOLS(ANN_ROW) + DB_ROW_NCOLS(ANN_DETAIL_ROW))

/* Fills an announcement from a row of ANN_SELECT (the body is copied: free with ann_free).
   0, or -1 when the row does not fit (nothing left to free). */
static int ann_row_full(sqlite3_stmt *st, struct announcement *a)
{
    memset(a, 0, sizeof *a);
    if (list_row_read(st, &a->head) == 0 && ann_detail_read(st, a) == 0)
        return 0;
    ann_free(a);
    return -1;
}

int ann_get(struct db *db, const struct user_ctx *actor, int64_t id, struct announcement *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, ANN_SELECT "WHERE a.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && ann_row_full(st, out) != 0;
    int in_scope = found && path_in_scope(db_text(st, ANN_PATH_COL), actor->unit_path);
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "公告不存在");
    if (!in_scope) {
        ann_free(out);
        return err_set(e, 403, "out_of_scope", NULL, "该公告不在您的管辖范围内");
    }
    return 0;
}

int ann_get_public(struct db *db, int64_t id, struct date today, struct announcement *out, struct err *e)
{
    char on[11];
    date_format(today, on);
    sqlite3_stmt *st = db_prep(db, ANN_SELECT "WHERE a.id = ?1 AND a.state = 'published' AND a.publish_from <= ?2 AND "
                                              "(a.publish_until IS NULL OR a.publish_until >= ?2)");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, on);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && ann_row_full(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return found ? 0 : err_set(e, 404, "not_found", NULL, "公告不存在或已不在发布期内");
}

/* One saved version: its title and text, who saved it and when. */
#define ANN_VERSION_TEXT_ROW(X, _)                                                                                    \
    X("v.title", TEXT(ANN_TITLE_SIZE), head.title) _ X("v.body_md", STR, body_md) _                                \
        X("u.name", TEXT(NAME_SIZE), saved_by) _ X("v.saved_at", TIME, head.saved_at)
/* Reads an ANN_VERSION_TEXT_ROW (the body malloc'd). */
static DB_ROW_READER(ann_version_read, ANN_VERSION_TEXT_ROW, struct announcement)

int ann_get_version(struct db *db, int64_t id, int n, struct announcement *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ANN_VERSION_TEXT_ROW) " FROM announcement_versions v "
                                   "JOIN users u ON u.id = v.saved_by WHERE v.announcement_id = ? AND v.n = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "id", id, n);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = 0;
    if (found) {
        memset(out, 0, sizeof *out);
        out->head.id = id;
        out->head.version = n;
        bad = ann_version_read(st, out) != 0;
    }
    db_done(st);
    if (bad) {
        ann_free(out);
        return db_row_fail(e);
    }
    return found ? 0 : err_set(e, 404, "not_found", NULL, "该版本不存在");
}

/* Takes the write lock and loads the announcement for a change by the actor: 404, 403 out of
   scope, 409 when already withdrawn. 0 with the transaction open (a freed body), or -1 with e
   and nothing open. */
static int begin_change(struct db *db, const struct user_ctx *actor, int64_t id, struct announcement *a, struct err *e)
{
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int rc = ann_get(db, actor, id, a, e);
    if (rc == 0 && a->head.state == ANN_WITHDRAWN) {
        ann_free(a);
        rc = err_set(e, 409, "withdrawn", NULL, "该公告已撤回，不能再修改或发布");
    }
    if (rc != 0)
        db_rollback(db);
    return rc;
}

int ann_save(struct db *db, const struct user_ctx *actor, int64_t id, int base_version, const struct ann_input *in,
             struct date today, struct err *e)
{
    struct checked c;
    struct announcement a;
    if (check_input(db, actor, in, today, &c, e) != 0) {
        free(c.body);
        return -1;
    }
    if (begin_change(db, actor, id, &a, e) != 0) {
        free(c.body);
        return -1;
    }
    char on[11];
    date_format(today, on);
    int rc = 0;
    if (base_version && base_version != a.head.version)
        rc = err_set(e, 409, "edit_conflict", "version", "该公告已被%s改为第 %d 版（%s），请刷新后在新版本上修改",
                     a.saved_by, a.head.version, a.head.saved_at);
    else if (a.head.state == ANN_PUBLISHED && *c.until && strcmp(c.until, on) < 0)
        rc = err_set(e, 422, "invalid_period", "publish_to", "已发布的公告截止日期不能早于今天；要提前结束请撤回");
    int changed = strcmp(a.head.title, in->title) != 0 || strcmp(a.body_md, c.body) != 0;
    int version = a.head.version + changed;
    json_t *before =
        audit_json(a.head.unit_id, a.head.publish_from, a.head.publish_until, a.head.version, a.head.title, a.body_md);
    if (rc == 0 && (db_run(db, "UPDATE announcements SET unit_id = ?, publish_from = ?, publish_until = ? WHERE id = ?",
                           "itti", c.unit_id, c.from, *c.until ? c.until : NULL, id) != SQLITE_DONE ||
                    (changed && db_run(db,
                                       "INSERT INTO announcement_versions (announcement_id, n, title, body_md, "
                                       "saved_by) VALUES (?, ?, ?, ?, ?)",
                                       "idtti", id, version, in->title, c.body, actor->id) != SQLITE_DONE)))
        rc = db_fail(db, e);
    int publish = rc == 0 && in->publish && a.head.state == ANN_DRAFT;
    if (publish)
        rc = publish_in_txn(db, actor, id, a.head.state, c.until, today, e);
    json_t *after = audit_json(c.unit_id, c.from, c.until, version, in->title, c.body);
    if (publish)
        json_object_set_new(after, "state", json_string("published"));
    free(c.body);
    ann_free(&a);
    if (rc != 0) {
        json_decref(before);
        json_decref(after);
        db_rollback(db);
        return -1;
    }
    return audit_commit(db, 1, actor, "edit", "announcement", id, before, after, e);
}

int ann_publish(struct db *db, const struct user_ctx *actor, int64_t id, struct date today, struct err *e)
{
    struct announcement a;
    if (begin_change(db, actor, id, &a, e) != 0)
        return -1;
    int rc = publish_in_txn(db, actor, id, a.head.state, a.head.publish_until, today, e);
    json_t *after = json_pack("{s:s, s:i, s:s}", "state", "published", "version", a.head.version, "publish_from",
                              a.head.publish_from);
    ann_free(&a);
    if (rc != 0) {
        json_decref(after);
        db_rollback(db);
        return -1;
    }
    return audit_commit(db, 1, actor, "publish", "announcement", id, NULL, after, e);
}

int ann_withdraw(struct db *db, const struct user_ctx *actor, int64_t id, const char *reason, struct err *e)
{
    struct announcement a;
    if (text_check(reason, 2, 200) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写撤回原因（2到200字）");
    if (begin_change(db, actor, id, &a, e) != 0)
        return -1;
    json_t *before = json_pack("{s:s}", "state", ann_state_code(a.head.state));
    ann_free(&a);
    int ok = db_run(db,
                    "UPDATE announcements SET state = 'withdrawn', withdrawn_by = ?, withdrawn_at = clock_now(), "
                    "withdraw_reason = ? WHERE id = ?",
                    "iti", actor->id, reason, id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:s}", "state", "withdrawn", "reason", reason);
    return audit_commit(db, ok, actor, "withdraw", "announcement", id, before, after, e);
}

int64_t ann_list(struct db *db, const struct user_ctx *actor, const char *state, int limit, int offset,
                 void (*fn)(const struct ann_row *, void *), void *ctx)
{
    int64_t total = db_int(db, -1,
                           "SELECT count(*) FROM announcements a JOIN units u ON u.id = a.unit_id WHERE "
                           "in_scope(u.path, ?1) AND (?2 IS NULL OR a.state = ?2)",
                           "tt", actor->unit_path, state);
    sqlite3_stmt *st =
        db_prep(db, ANN_LIST_SELECT "WHERE in_scope(u.path, ?1) AND "
                                    "(?2 IS NULL OR a.state = ?2) ORDER BY a.id DESC LIMIT ?3 OFFSET ?4");
    if (!st || total < 0)
        return -1;
    db_bind(st, "ttdd", actor->unit_path, state, limit, offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct ann_row x = {0};
        bad = list_row_read(st, &x) != 0;
        if (!bad)
            fn(&x, ctx);
    }
    return db_end(st, bad ? -1 : total, NULL);
}

int ann_list_public(struct db *db, int64_t unit_id, struct date today, int limit,
                    void (*fn)(const struct ann_row *, void *), void *ctx)
{
    char on[11];
    date_format(today, on);
    sqlite3_stmt *st =
        db_prep(db, ANN_LIST_SELECT
                "WHERE a.state = 'published' AND a.publish_from <= ?1 AND (a.publish_until IS NULL OR "
                "a.publish_until >= ?1) AND (?2 = 0 OR EXISTS (SELECT 1 FROM units c WHERE c.id = ?2 AND "
                "(in_scope(c.path, u.path) OR in_scope(u.path, c.path)))) "
                "ORDER BY a.publish_from DESC, a.id DESC LIMIT ?3");
    if (!st)
        return -1;
    db_bind(st, "tid", on, unit_id, limit);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct ann_row x = {0};
        if (list_row_read(st, &x) != 0) {
            n = -1;
            break;
        }
        fn(&x, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

int ann_versions(struct db *db, int64_t id, void (*fn)(const struct ann_version *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ANN_VERSION_ROW) " FROM announcement_versions v JOIN users u ON u.id = v.saved_by "
                                   "WHERE v.announcement_id = ? ORDER BY v.n DESC");
    if (!st)
        return -1;
    db_bind(st, "i", id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct ann_version v = {0};
        if (version_read(st, &v) != 0) {
            n = -1;
            break;
        }
        fn(&v, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* Appends a version to a JSON array. */
static void version_json(const struct ann_version *v, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:i, s:s, s:s, s:s}", "n", v->n, "title", v->title, "saved_by", v->saved_by,
                                         "saved_at", v->saved_at));
}

json_t *ann_json(struct db *db, const struct announcement *a)
{
    json_t *versions = json_array();
    ann_versions(db, a->head.id, version_json, versions);
    json_t *o =
        json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:o}", "id", (json_int_t)a->head.id,
                  "state", ann_state_code(a->head.state), "unit_id", (json_int_t)a->head.unit_id, "unit",
                  a->head.unit_name, "unit_kind", a->unit_kind, "title", a->head.title, "body_md", a->body_md,
                  "version", a->head.version, "publish_from", a->head.publish_from, "saved_by", a->saved_by, "saved_at",
                  a->head.saved_at, "created_by", a->created_by, "versions", versions);
    json_object_set_new(o, "publish_to", *a->head.publish_until ? json_string(a->head.publish_until) : json_null());
    if (*a->published_at)
        json_object_set_new(o, "published_at", json_string(a->published_at));
    if (a->head.state == ANN_WITHDRAWN) {
        json_object_set_new(o, "withdrawn_at", json_string(a->withdrawn_at));
        json_object_set_new(o, "withdraw_reason", json_string(a->withdraw_reason));
    }
    return o;
}
