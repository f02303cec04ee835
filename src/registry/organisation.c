/* organisation.c: cooperatives and demonstration bases as borrowers (see organisation.h). */
#include "organisation.h"

#include <ctype.h>
#include <string.h>

#include "audit.h"
#include "unit.h"

static DB_ROW_READER(organisation_read, ORGANISATION_ROW, struct organisation)
static DB_ROW_READER(org_member_read, ORG_MEMBER_ROW, struct org_member)

static const char *const kinds[ORG__MAX][2] = {
    [ORG_COOPERATIVE] = {"cooperative", "合作社"},
    [ORG_DEMONSTRATION_BASE] = {"demonstration_base", "示范基地"},
};

const char *org_kind_code(int k)
{
    return k >= 0 && k < ORG__MAX ? kinds[k][0] : NULL;
}

const char *org_kind_name(int k)
{
    return k >= 0 && k < ORG__MAX ? kinds[k][1] : NULL;
}

int org_kind_parse(const char *code)
{
    for (int i = 0; code && i < ORG__MAX; i++)
        if (strcmp(code, kinds[i][0]) == 0 || strcmp(code, kinds[i][1]) == 0)
            return i;
    return -1;
}

/* The credit code as typed, trimmed and in capitals, into out; -1 when it cannot be one. */
static int normalise_code(const char *s, char out[CREDIT_CODE_SIZE])
{
    char trimmed[64];
    if (!s || strlen(s) >= sizeof trimmed)
        return -1;
    text_trim(s, trimmed, sizeof trimmed);
    if (strlen(trimmed) != CREDIT_CODE_LEN)
        return -1;
    for (int i = 0; i <= CREDIT_CODE_LEN; i++)
        out[i] = (char)toupper((unsigned char)trimmed[i]);
    return 0;
}

/* Checks the village, legal representative and member households against the actor's scope
   (inside the transaction). 0, or -1 with e. */
static int check_places(struct db *db, const struct user_ctx *actor, const struct organisation_input *in,
                        struct err *e)
{
    struct unit v;
    int in_scope = 0;
    if (unit_get_in_scope(db, in->village_id, actor->unit_path, &v, &in_scope) != 0 || strcmp(v.kind, "village"))
        return err_set(e, 422, "invalid_village", "village_id", "请选择合作社或示范基地所在的村");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "village_id", "该村不在您的管辖范围内");
    if (db_int(db, 0,
               "SELECT 1 FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = ? AND h.village_id = ?",
               "ii", in->legal_rep_member_id, in->village_id) != 1)
        return err_set(e, 422, "invalid_legal_rep", "legal_rep_member_id",
                       "法定代表人应为本村家庭档案中的一名成员（请填写成员编号）");
    if (in->nmembers < 0 || in->nmembers > ORG_MAX_MEMBERS)
        return err_set(e, 422, "invalid_members", "members", "成员家庭最多 %d 户", ORG_MAX_MEMBERS);
    for (int i = 0; i < in->nmembers; i++) {
        int64_t scope = db_int(db, -1,
                               "SELECT in_scope(v.path, ?2) FROM households h JOIN units v ON v.id = h.village_id "
                               "WHERE h.id = ?1",
                               "it", in->members[i], actor->unit_path);
        if (scope < 0)
            return err_set(e, 422, "invalid_members", "members", "成员家庭第 %lld 号不存在", (long long)in->members[i]);
        if (!scope)
            return err_set(e, 403, "out_of_scope", "members", "成员家庭第 %lld 号不在您的管辖范围内",
                           (long long)in->members[i]);
        for (int j = 0; j < i; j++)
            if (in->members[j] == in->members[i])
                return err_set(e, 422, "invalid_members", "members", "成员家庭第 %lld 号重复",
                               (long long)in->members[i]);
    }
    return 0;
}

int64_t organisation_create(struct db *db, const struct user_ctx *actor, const struct organisation_input *in,
                            struct err *e)
{
    char code[CREDIT_CODE_SIZE];
    int kind = org_kind_parse(in->kind);
    if (text_check(in->name, 1, ORG_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "名称应为1到30个字");
    if (kind < 0)
        return err_set(e, 422, "invalid_kind", "kind", "类别应为 cooperative（合作社）或 demonstration_base（示范基地）");
    if (normalise_code(in->credit_code, code) != 0 || !credit_code_valid(code))
        return err_set(e, 422, "invalid_credit_code", "credit_code",
                       "统一社会信用代码无效：应为18位数字或大写字母（不含 I、O、S、V、Z），最后一位校验码须与前17位相符");
    if (in->jobs_created < 0 || in->jobs_created > ORG_JOBS_MAX)
        return err_set(e, 422, "invalid_jobs", "jobs_created", "带动就业人数应在 0 到 100000 之间");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (check_places(db, actor, in, e) != 0) {
        db_rollback(db);
        return -1;
    }
    if (db_int(db, 0, "SELECT 1 FROM organisations WHERE credit_code = ?", "t", code) == 1) {
        db_rollback(db);
        return err_set(e, 409, "duplicate_credit_code", "credit_code", "该统一社会信用代码已登记");
    }
    int ok = db_run(db,
                    "INSERT INTO organisations (name, kind, credit_code, legal_rep_member_id, village_id, jobs_created, "
                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, clock_now())",
                    "tttiiii", in->name, org_kind_code(kind), code, in->legal_rep_member_id, in->village_id,
                    in->jobs_created, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    json_t *members = json_array();
    for (int i = 0; ok && i < in->nmembers; i++) {
        ok = db_run(db, "INSERT INTO organisation_members (organisation_id, household_id) VALUES (?, ?)", "ii", id,
                    in->members[i]) == SQLITE_DONE;
        json_array_append_new(members, json_integer(in->members[i]));
    }
    json_t *after = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o}", "name", in->name, "kind", org_kind_code(kind),
                              "credit_code", code, "legal_rep_member_id", (json_int_t)in->legal_rep_member_id,
                              "village_id", (json_int_t)in->village_id, "jobs_created", (json_int_t)in->jobs_created,
                              "members", members);
    return audit_commit(db, ok, actor, "create", "organisation", id, NULL, after, e) == 0 ? id : -1;
}

/* The columns and joins every organisation read shares. */
#define ORG_FROM                                                                                                      \
    "SELECT " DB_ROW_COLUMNS(ORGANISATION_ROW) ", in_scope(v.path, ?1) FROM organisations o "                       \
    "JOIN units v ON v.id = o.village_id JOIN members rep ON rep.id = o.legal_rep_member_id "

int organisation_get(struct db *db, const struct user_ctx *actor, int64_t id, struct organisation *out,
                     struct err *e)
{
    sqlite3_stmt *st = db_prep(db, ORG_FROM "WHERE o.id = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ti", actor->unit_path, id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW;
    int in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(ORGANISATION_ROW));
    int bad = found && in_scope && organisation_read(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "合作社或示范基地不存在");
    return in_scope ? 0 : err_set(e, 403, "out_of_scope", NULL, "该合作社或示范基地不在您的管辖范围内");
}

int organisation_members(struct db *db, int64_t id, void (*fn)(const struct org_member *, void *), void *ctx,
                         struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ORG_MEMBER_ROW) " FROM organisation_members om "
                                   "JOIN households h ON h.id = om.household_id "
                                   "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "JOIN units v ON v.id = h.village_id WHERE om.organisation_id = ? "
                                   "ORDER BY v.name, h.id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    int n = 0, bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct org_member m;
        bad = org_member_read(st, &m) != 0;
        if (!bad) {
            fn(&m, ctx);
            n++;
        }
    }
    return db_end(st, bad ? db_row_fail(e) : n, e);
}

int64_t organisation_list(struct db *db, const struct user_ctx *actor, int64_t village_id, int limit, int offset,
                          void (*fn)(const struct organisation *, void *), void *ctx, struct err *e)
{
    int64_t total = db_int(db, -1,
                           "SELECT count(*) FROM organisations o JOIN units v ON v.id = o.village_id "
                           "WHERE in_scope(v.path, ?1) AND (?2 = 0 OR o.village_id = ?2)",
                           "ti", actor->unit_path, village_id);
    sqlite3_stmt *st = db_prep(db, ORG_FROM "WHERE in_scope(v.path, ?1) AND (?2 = 0 OR o.village_id = ?2) "
                                            "ORDER BY v.name, o.name, o.id LIMIT ?3 OFFSET ?4");
    if (total < 0 || !st)
        return db_fail(db, e);
    db_bind(st, "tidd", actor->unit_path, village_id, limit, offset);
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct organisation o;
        bad = organisation_read(st, &o) != 0;
        if (!bad)
            fn(&o, ctx);
    }
    return db_end(st, bad ? db_row_fail(e) : total, e);
}

json_t *organisation_json(const struct organisation *o)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:{s:I, s:s, s:I}, s:I, s:i}", "id", (json_int_t)o->id,
                     "name", o->name, "kind", org_kind_code(o->kind), "kind_name", org_kind_name(o->kind),
                     "credit_code", o->credit_code, "village_id", (json_int_t)o->village_id, "village", o->village,
                     "legal_rep", "member_id", (json_int_t)o->legal_rep_member_id, "name", o->legal_rep,
                     "household_id", (json_int_t)o->legal_rep_household_id, "jobs_created",
                     (json_int_t)o->jobs_created, "members_count", o->nmembers);
}

int64_t organisation_member_by_id_number(struct db *db, const char *id_number)
{
    char id[ID_NUMBER_SIZE + 8];
    if (!id_number || strlen(id_number) >= sizeof id)
        return 0;
    text_trim(id_number, id, sizeof id);
    for (char *p = id; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return db_int(db, 0, "SELECT id FROM members WHERE id_number = ?", "t", id);
}
