/* household.c: the household registry's rules and SQL (see household.h). */
#include "household.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "idcard.h"
#include "masking.h"
#include "text.h"

/* Each category with the category it lies within (parent; -1 for none): a 独女户 is a
   独生子女家庭, a 双女绝育户 is a 双女户 (DOMAIN: household categories nest). */
static const struct {
    const char *code, *name;
    int parent;
} categories[HC__MAX] = {
    [HC_ONE_CHILD] = {"one_child", "独生子女家庭", -1},
    [HC_ONLY_DAUGHTER] = {"only_daughter", "独女户", HC_ONE_CHILD},
    [HC_TWO_DAUGHTERS] = {"two_daughters", "双女户", -1},
    [HC_TWO_DAUGHTERS_STERILISED] = {"two_daughters_sterilised", "双女绝育户", HC_TWO_DAUGHTERS},
    [HC_SPECIAL_LOST] = {"special_lost", "计生特殊家庭-失独", -1},
    [HC_SPECIAL_DISABLED] = {"special_disabled", "计生特殊家庭-伤残", -1},
    [HC_HARDSHIP] = {"hardship", "计生困难家庭", -1},
    [HC_MODEL] = {"model", "计生模范家庭", -1},
};

const char *const hh_relations[] = {"配偶", "子女", "父母", "兄弟姐妹", "孙子女", "其他"};
const int hh_relations_count = sizeof hh_relations / sizeof hh_relations[0];

const char *hh_category_code(int c)
{
    return c >= 0 && c < HC__MAX ? categories[c].code : NULL;
}

const char *hh_category_name(int c)
{
    return c >= 0 && c < HC__MAX ? categories[c].name : NULL;
}

int hh_category_parse(const char *s)
{
    for (int i = 0; s && i < HC__MAX; i++)
        if (strcmp(s, categories[i].code) == 0 || strcmp(s, categories[i].name) == 0)
            return i;
    return -1;
}

unsigned hh_category_set_parse(const char *codes)
{
    unsigned cats = 0;
    for (const char *s = codes; s && *s;) {
        size_t len = strcspn(s, ",");
        for (int c = 0; c < HC__MAX; c++)
            if (strlen(categories[c].code) == len && strncmp(s, categories[c].code, len) == 0)
                cats |= 1u << c;
        s += len + (s[len] == ',');
    }
    return cats;
}

unsigned hh_category_closure(unsigned cats)
{
    unsigned out = cats & ((1u << HC__MAX) - 1);
    for (int c = 0; c < HC__MAX; c++)
        for (int p = categories[c].parent; (cats & (1u << c)) && p >= 0; p = categories[p].parent)
            out |= 1u << p;
    return out;
}

unsigned hh_category_within(unsigned cats)
{
    unsigned out = 0;
    for (int c = 0; c < HC__MAX; c++)
        if (hh_category_closure(1u << c) & cats)
            out |= 1u << c;
    return out;
}

int hh_category_codes_json(unsigned cats, char *out, size_t n)
{
    size_t used = 0;
    int rc = text_copy(out, n, "[");
    used = rc == 0 ? 1 : 0;
    for (int c = 0; rc == 0 && c < HC__MAX; c++)
        if (cats & (1u << c))
            rc = text_append(out, n, &used, used > 1 ? ",\"" : "\"") || text_append(out, n, &used, categories[c].code) ||
                 text_append(out, n, &used, "\"");
    return rc == 0 ? text_append(out, n, &used, "]") : -1;
}

/* ---- validation ------------------------------------------------------------------------- */

/* 1 if the relation is one of hh_relations. */
static int relation_valid(const char *s)
{
    for (int i = 0; s && i < hh_relations_count; i++)
        if (strcmp(s, hh_relations[i]) == 0)
            return 1;
    return 0;
}

/* Normalizes a sex given as M/F/男/女 to 'M'/'F'; 0 when absent, '?' when unrecognised. */
static char sex_of(const char *s)
{
    if (!s || !*s)
        return 0;
    if (!strcmp(s, "M") || !strcmp(s, "男"))
        return 'M';
    if (!strcmp(s, "F") || !strcmp(s, "女"))
        return 'F';
    return '?';
}

#define PARENT_MIN_AGE 18 /* the youngest a member recorded as the head's parent (父母) may be */

/* The birth date in a checked, normalized resident ID. */
static struct date id_birth(const char *id)
{
    struct idcard_info info = {0};
    (void)idcard_check(id, &info); /* checked by person_validate before */
    return (struct date){info.year, info.month, info.day};
}

/* A member recorded as the head's parent (父母) must be born before the head and be at least
   PARENT_MIN_AGE years old today. 0, or -1 with e filled (field names the member's relation). */
static int parent_check(const char *relation, const char *name, const char *member_id, const char *head_id,
                        struct date today, const char *field, struct err *e)
{
    if (!relation || strcmp(relation, "父母") != 0)
        return 0;
    struct date birth = id_birth(member_id);
    if (date_cmp(birth, id_birth(head_id)) >= 0)
        return err_set(e, 422, "invalid_relation", field, "%s：出生晚于户主，不能登记为户主的父母", name);
    if (date_cmp(date_add_months(birth, 12 * PARENT_MIN_AGE), today) > 0)
        return err_set(e, 422, "invalid_relation", field, "%s：不满 %d 周岁，不能登记为户主的父母", name, PARENT_MIN_AGE);
    return 0;
}

/* Validates one person; prefix names the field ("head", "members[2]"). The normalized ID is
   written to idbuf (20 bytes). Returns 0 or -1 with e filled. */
static int person_validate(struct db *db, const struct member_input *m, const char *prefix, int is_head,
                           struct date today, char *idbuf, struct err *e)
{
    char field[64];
    snprintf(field, sizeof field, "%s.name", prefix);
    if (text_check(m->name, 1, NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", field, "姓名应为1到30个字，不能含控制字符");
    snprintf(field, sizeof field, "%s.id_number", prefix);
    snprintf(idbuf, 20, "%s", m->id_number ? m->id_number : "");
    if (m->id_number && strlen(m->id_number) > 19)
        return err_set(e, 422, "invalid_id_number", field, "%s：%s", m->name, idcard_error_message(IDCARD_LENGTH));
    idcard_normalize(idbuf);
    struct idcard_info info;
    enum idcard_error ie = idcard_check(idbuf, &info);
    if (ie != IDCARD_OK)
        return err_set(e, 422, "invalid_id_number", field, "%s：%s", m->name, idcard_error_message(ie));
    struct date birth = {info.year, info.month, info.day};
    if (date_cmp(birth, today) > 0)
        return err_set(e, 422, "invalid_id_number", field, "%s：身份证号中的出生日期晚于今天", m->name);
    char sex = sex_of(m->sex);
    snprintf(field, sizeof field, "%s.sex", prefix);
    if (sex == '?')
        return err_set(e, 422, "invalid_sex", field, "性别应为 男 或 女");
    if (sex && sex != info.sex)
        return err_set(e, 422, "sex_mismatch", field, "%s：填写的性别与身份证号不符（身份证号为%s性）", m->name,
                       info.sex == 'M' ? "男" : "女");
    if (m->birth_date && *m->birth_date) {
        struct date bd;
        snprintf(field, sizeof field, "%s.birth_date", prefix);
        if (date_parse(m->birth_date, &bd) != 0)
            return err_set(e, 422, "invalid_date", field, "出生日期格式应为 YYYY-MM-DD");
        if (date_cmp(bd, birth) != 0)
            return err_set(e, 422, "birth_date_mismatch", field, "%s：填写的出生日期与身份证号不符", m->name);
    }
    snprintf(field, sizeof field, "%s.phone", prefix);
    if (is_head && (!m->phone || !*m->phone))
        return err_set(e, 422, "invalid_phone", field, "请填写户主手机号");
    if (m->phone && *m->phone && !phone_valid(m->phone))
        return err_set(e, 422, "invalid_phone", field, "%s：手机号应为以1开头的11位数字", m->name);
    snprintf(field, sizeof field, "%s.relation", prefix);
    if (!is_head && !relation_valid(m->relation))
        return err_set(e, 422, "invalid_relation", field, "%s：与户主关系应为 配偶、子女、父母、兄弟姐妹、孙子女 或 其他",
                       m->name);
    return member_status_check(&m->status, prefix, birth, today, e);
}

/* Refuses (409) an ID already in the database, naming the existing household. */
static int id_unused(struct db *db, const char *id, const char *field, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT m.household_id, hm.name, v.name FROM members m "
                                   "JOIN households h ON h.id = m.household_id JOIN units v ON v.id = h.village_id "
                                   "LEFT JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
                                   "WHERE m.id_number = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "t", id);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        char masked[32], head[96];
        mask_id(id, masked, sizeof masked);
        mask_name(db_text(st, 1), head, sizeof head);
        rc = err_set(e, 409, "duplicate_id_number", field, "身份证号 %s 已登记在第 %lld 号家庭（%s，户主 %s）", masked,
                     (long long)sqlite3_column_int64(st, 0), db_text(st, 2), head);
    }
    db_done(st);
    return rc;
}

int household_validate(struct db *db, const struct user_ctx *actor, const struct household_input *in,
                       struct date today, struct err *e)
{
    if (db_int(db, 0,
               "SELECT 1 FROM units WHERE id = ?1 AND kind = 'village' AND in_scope(path, ?2)", "it",
               in->village_id, actor->unit_path) != 1)
        return err_set(e, in->village_id && db_int(db, 0, "SELECT 1 FROM units WHERE id = ? AND kind = 'village'",
                                                   "i", in->village_id) == 1
                              ? 403
                              : 422,
                       "invalid_village", "village_id", "所属村无效或不在您的管辖范围内");
    if (in->address && text_check(in->address, 0, ADDRESS_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_address", "address", "住址不能超过100个字");
    if (in->nmembers < 0 || in->nmembers > HH_MAX_MEMBERS - 1)
        return err_set(e, 422, "too_many_members", "members", "家庭成员最多 %d 人", HH_MAX_MEMBERS - 1);
    char ids[HH_MAX_MEMBERS][20];
    if (person_validate(db, &in->head, "head", 1, today, ids[0], e) != 0 || id_unused(db, ids[0], "head.id_number", e))
        return -1;
    for (int i = 0; i < in->nmembers; i++) {
        char prefix[32], field[64];
        snprintf(prefix, sizeof prefix, "members[%d]", i);
        snprintf(field, sizeof field, "%s.id_number", prefix);
        char relation_field[64];
        snprintf(relation_field, sizeof relation_field, "%s.relation", prefix);
        if (person_validate(db, &in->members[i], prefix, 0, today, ids[i + 1], e) != 0 ||
            id_unused(db, ids[i + 1], field, e) ||
            parent_check(in->members[i].relation, in->members[i].name, ids[i + 1], ids[0], today, relation_field, e))
            return -1;
        for (int j = 0; j <= i; j++)
            if (strcmp(ids[j], ids[i + 1]) == 0)
                return err_set(e, 422, "repeated_id_number", field, "同一身份证号在本家庭中填写了两次");
    }
    return 0;
}

/* ---- writes ----------------------------------------------------------------------------- */

/* Inserts one member row. Returns SQLITE_DONE on success. */
static int member_insert(struct db *db, int64_t household_id, const struct member_input *m, int is_head)
{
    char id[20];
    snprintf(id, sizeof id, "%s", m->id_number);
    idcard_normalize(id);
    struct idcard_info info;
    if (idcard_check(id, &info) != IDCARD_OK)
        return SQLITE_CONSTRAINT;
    char birth[11];
    snprintf(birth, sizeof birth, "%04d-%02d-%02d", info.year, info.month, info.day);
    char sex[2] = {info.sex, 0}, account[BANK_ACCOUNT_SIZE];
    if (bank_account_normalize(m->status.bank_account, account, sizeof account) != 0)
        return SQLITE_CONSTRAINT;
    const char *s_died = m->status.died_on, *s_moved = m->status.moved_out_on;
    return db_run(db,
                  "INSERT INTO members (household_id, name, id_number, sex, birth_date, relation, phone, is_head, "
                  "hukou, bank_name, bank_account, died_on, moved_out_on) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  "ittttttittttt", household_id, m->name, id, sex, birth, is_head ? "户主" : m->relation,
                  m->phone ? m->phone : "", (int64_t)is_head, hukou_code(hukou_parse(m->status.hukou)),
                  m->status.bank_name ? m->status.bank_name : "", account, s_died && *s_died ? s_died : NULL,
                  s_moved && *s_moved ? s_moved : NULL);
}

int64_t household_insert(struct db *db, const struct user_ctx *actor, const struct household_input *in)
{
    if (db_run(db, "INSERT INTO households (village_id, address, policy_compliant, created_by) VALUES (?, ?, ?, ?)",
               "itiI", in->village_id, in->address ? in->address : "", (int64_t)(in->policy_compliant ? 1 : 0),
               actor->id) != SQLITE_DONE)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(db->h);
    if (member_insert(db, id, &in->head, 1) != SQLITE_DONE)
        return -1;
    for (int i = 0; i < in->nmembers; i++)
        if (member_insert(db, id, &in->members[i], 0) != SQLITE_DONE)
            return -1;
    for (int c = 0; c < HC__MAX; c++)
        if ((in->categories & (1u << c)) &&
            db_run(db, "INSERT INTO household_category_links (household_id, category) VALUES (?, ?)", "it", id,
                   hh_category_code(c)) != SQLITE_DONE)
            return -1;
    return id;
}

json_t *household_audit_snapshot(struct db *db, const struct user_ctx *actor, int64_t id)
{
    struct household h;
    struct err e;
    return household_get(db, actor, id, &h, &e) == 0 ? household_json(&h, 0) : json_null();
}

int household_update(struct db *db, const struct user_ctx *actor, int64_t id, const struct household_changes *c,
                     struct err *e)
{
    struct household h;
    if (household_get(db, actor, id, &h, e) != 0)
        return -1;
    if (c->address && text_check(c->address, 0, ADDRESS_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_address", "address", "住址不能超过100个字");
    if (!c->head_phone || !phone_valid(c->head_phone))
        return err_set(e, 422, "invalid_phone", "head.phone", "手机号应为以1开头的11位数字");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = household_json(&h, 0);
    int ok = db_run(db, "UPDATE households SET address = ?, policy_compliant = ?, updated_at = clock_now() "
                        "WHERE id = ?",
                    "tii", c->address ? c->address : "", (int64_t)(c->policy_compliant ? 1 : 0), id) == SQLITE_DONE &&
             db_run(db, "UPDATE members SET phone = ? WHERE household_id = ? AND is_head = 1", "ti", c->head_phone,
                    id) == SQLITE_DONE &&
             db_run(db, "DELETE FROM household_category_links WHERE household_id = ?", "i", id) == SQLITE_DONE;
    for (int k = 0; ok && k < HC__MAX; k++)
        if (c->categories & (1u << k))
            ok = db_run(db, "INSERT INTO household_category_links (household_id, category) VALUES (?, ?)", "it", id,
                        hh_category_code(k)) == SQLITE_DONE;
    if (ok && c->also)
        ok = c->also(db, actor, id, c->also_ctx) == 0;
    json_t *after = ok ? household_audit_snapshot(db, actor, id) : NULL;
    return audit_commit(db, ok, actor, "update", "household", id, before, after, e);
}

int64_t household_add_member(struct db *db, const struct user_ctx *actor, int64_t id,
                             const struct member_input *m, struct date today, struct err *e)
{
    struct household h;
    if (household_get(db, actor, id, &h, e) != 0)
        return -1;
    if (h.nmembers >= HH_MAX_MEMBERS)
        return err_set(e, 422, "too_many_members", "members", "家庭成员最多 %d 人", HH_MAX_MEMBERS);
    char idn[20];
    if (person_validate(db, m, "member", 0, today, idn, e) != 0 || id_unused(db, idn, "member.id_number", e) != 0 ||
        parent_check(m->relation, m->name, idn, h.members[0].id_number, today, "member.relation", e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = household_json(&h, 0);
    int64_t mid = -1;
    if (member_insert(db, id, m, 0) == SQLITE_DONE) {
        mid = sqlite3_last_insert_rowid(db->h);
        json_t *after = household_audit_snapshot(db, actor, id);
        if (audit_write(db, actor, "add_member", "household", id, before, after) != 0 || db_commit(db) != SQLITE_OK)
            mid = -1;
        json_decref(after);
    }
    json_decref(before);
    if (mid < 0) {
        db_fail(db, e);
        db_rollback(db);
    }
    return mid;
}

int household_update_member(struct db *db, const struct user_ctx *actor, int64_t id, int64_t member_id,
                            const struct member_status_input *s, struct date today, struct err *e)
{
    struct household h;
    if (household_get(db, actor, id, &h, e) != 0)
        return -1;
    const struct member *m = NULL;
    for (int i = 0; i < h.nmembers; i++)
        if (h.members[i].id == member_id)
            m = &h.members[i];
    if (!m)
        return err_set(e, 404, "not_found", "member_id", "该家庭没有这名成员");
    struct date birth;
    char account[BANK_ACCOUNT_SIZE];
    if (date_parse(m->birth_date, &birth) != 0)
        return err_set(e, 500, "database_error", NULL, "成员出生日期无效");
    if (member_status_check(s, "member", birth, today, e) != 0 ||
        bank_account_normalize(s->bank_account, account, sizeof account) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = household_json(&h, 0);
    int ok = db_run(db, "UPDATE members SET hukou = ?, bank_name = ?, bank_account = ?, died_on = ?, moved_out_on = ? "
                        "WHERE id = ? AND household_id = ?",
                    "tttttii", hukou_code(hukou_parse(s->hukou)), s->bank_name ? s->bank_name : "", account,
                    s->died_on && *s->died_on ? s->died_on : NULL,
                    s->moved_out_on && *s->moved_out_on ? s->moved_out_on : NULL, member_id, id) == SQLITE_DONE &&
             db_run(db, "UPDATE households SET updated_at = clock_now() WHERE id = ?", "i", id) == SQLITE_DONE;
    json_t *after = ok ? household_audit_snapshot(db, actor, id) : NULL;
    return audit_commit(db, ok, actor, "update_member", "household", id, before, after, e);
}

void household_audit_id_view(struct db *db, const struct user_ctx *actor, int64_t id)
{
    audit_write(db, actor, "view_id_number", "household", id, NULL, NULL);
}

void household_audit_account_view(struct db *db, const struct user_ctx *actor, int64_t id)
{
    audit_write(db, actor, "view_bank_account", "household", id, NULL, NULL);
}

/* ---- reads ------------------------------------------------------------------------------ */

char member_sex_char(const char *code)
{
    return code[0];
}

static DB_ROW_READER(household_read, HOUSEHOLD_ROW, struct household)
static DB_ROW_READER(member_read, MEMBER_ROW, struct member)
static DB_ROW_READER(household_row_read, HOUSEHOLD_LIST_ROW, struct household_row)

int household_get(struct db *db, const struct user_ctx *actor, int64_t id, struct household *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(HOUSEHOLD_ROW) ", in_scope(v.path, ?2) "
                                   "FROM households h JOIN units v ON v.id = h.village_id "
                                   "LEFT JOIN units t ON t.id = v.parent_id WHERE h.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && household_read(st, out) != 0;
    int in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(HOUSEHOLD_ROW));
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "家庭档案不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该家庭不在您的管辖范围内");
    st = db_prep(db, "SELECT " DB_ROW_COLUMNS(MEMBER_ROW) " FROM members "
                     "WHERE household_id = ? ORDER BY is_head DESC, id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    while (!bad && sqlite3_step(st) == SQLITE_ROW && out->nmembers < HH_MAX_MEMBERS)
        bad = member_read(st, &out->members[out->nmembers++]) != 0;
    if (db_end(st, 0, e) != 0)
        return -1;
    if (bad)
        return db_row_fail(e);
    st = db_prep(db, "SELECT category FROM household_category_links WHERE household_id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int c = hh_category_parse(db_text(st, 0));
        if (c >= 0)
            out->categories |= 1u << c;
    }
    return db_end(st, 0, e);
}

json_t *household_json(const struct household *h, int full)
{
    int full_ids = (full & HH_FULL_IDS) != 0;
    json_t *cats = json_array(), *members = json_array(), *head = NULL;
    for (int c = 0; c < HC__MAX; c++)
        if (h->categories & (1u << c))
            json_array_append_new(cats, json_string(hh_category_code(c)));
    for (int i = 0; i < h->nmembers; i++) {
        const struct member *m = &h->members[i];
        char masked[32];
        /* a masked ID hides the birth date in its digits: only the year goes beside it */
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s}", "id", (json_int_t)m->id, "name", m->name,
                              "id_number", full_ids ? m->id_number : mask_id(m->id_number, masked, sizeof masked),
                              "sex", m->sex == 'M' ? "M" : "F", "birth_year", atoi(m->birth_date), "relation",
                              m->relation, "phone", m->phone);
        if (full_ids)
            json_object_set_new(o, "birth_date", json_string(m->birth_date));
        char account[BANK_ACCOUNT_SIZE];
        json_object_set_new(o, "hukou", hukou_code(m->hukou) ? json_string(hukou_code(m->hukou)) : json_null());
        json_object_set_new(o, "died_on", *m->died_on ? json_string(m->died_on) : json_null());
        json_object_set_new(o, "moved_out_on", *m->moved_out_on ? json_string(m->moved_out_on) : json_null());
        json_object_set_new(o, "bank",
                            *m->bank_account
                                ? json_pack("{s:s, s:s}", "name", m->bank_name, "account",
                                            full & HH_FULL_ACCOUNTS ? m->bank_account
                                                                    : mask_account(m->bank_account, account, sizeof account))
                                : json_null());
        if (m->is_head)
            head = o;
        else
            json_array_append_new(members, o);
    }
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:o, s:b, s:o, s:s, s:s}", "id", (json_int_t)h->id, "village_id",
                     (json_int_t)h->village_id, "village", h->village_name, "township", h->township_name, "head",
                     head ? head : json_null(), "address", h->address, "categories", cats, "policy_compliant",
                     h->policy_compliant, "members", members, "created_at", h->created_at, "updated_at",
                     h->updated_at);
}

/* 1 when q looks like the start of a resident ID (6+ digits, maybe ending in X). */
static int looks_like_id(const char *q)
{
    size_t n = strlen(q);
    if (n < 6 || n > 18)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)q[i]) && !(i == 17 && (q[i] == 'X' || q[i] == 'x')))
            return 0;
    return 1;
}

#define HH_ROW_COLUMNS DB_ROW_COLUMNS(HOUSEHOLD_LIST_ROW) " "
#define HH_FILTERS                                                                                                 \
    " AND in_scope(v.path, ?2) AND (?3 = 0 OR h.village_id = ?3) AND (?4 IS NULL OR EXISTS "          \
    "(SELECT 1 FROM household_category_links c WHERE c.household_id = h.id "                                      \
    "AND c.category IN (SELECT value FROM json_each(?4))))"
#define HH_BY_MEMBER                                                                                               \
    "FROM members m JOIN households h ON h.id = m.household_id JOIN units v ON v.id = h.village_id "

/* Searches by a member's name or resident-ID prefix walk that index in order and stop at the
   page; their counts stop at HOUSEHOLD_COUNT_CAP + 1, so a one-character search stays fast. The
   list without a search text counts exactly (LIMIT ?5 bound to -1): the scope's households. */
static const char *const search_sql[3][2] = {
    /* browse: newest first */
    {"SELECT " HH_ROW_COLUMNS "FROM households h JOIN units v ON v.id = h.village_id "
     "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 WHERE ?1 IS NULL" HH_FILTERS
     " ORDER BY h.id DESC LIMIT ?5 OFFSET ?6",
     "SELECT count(*) FROM (SELECT 1 FROM households h JOIN units v ON v.id = h.village_id WHERE ?1 IS NULL" HH_FILTERS
     " LIMIT ?5)"},
    /* any member's name starts with ?1, in name order */
    {"SELECT DISTINCT " HH_ROW_COLUMNS HH_BY_MEMBER
     "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
     "WHERE m.name >= ?1 AND m.name < ?1 || char(1114111)" HH_FILTERS
     " ORDER BY m.name, m.household_id LIMIT ?5 OFFSET ?6",
     "SELECT count(*) FROM (SELECT DISTINCT m.household_id " HH_BY_MEMBER
     "WHERE m.name >= ?1 AND m.name < ?1 || char(1114111)" HH_FILTERS " LIMIT ?5)"},
    /* any member's resident ID starts with ?1, in ID order */
    {"SELECT DISTINCT " HH_ROW_COLUMNS HH_BY_MEMBER
     "JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "
     "WHERE m.id_number >= ?1 AND m.id_number < ?1 || 'Z'" HH_FILTERS " ORDER BY m.id_number LIMIT ?5 OFFSET ?6",
     "SELECT count(*) FROM (SELECT DISTINCT m.household_id " HH_BY_MEMBER
     "WHERE m.id_number >= ?1 AND m.id_number < ?1 || 'Z'" HH_FILTERS " LIMIT ?5)"},
};

int64_t household_search(struct db *db, const struct user_ctx *actor, const struct household_filter *f,
                         void (*fn)(const struct household_row *, void *), void *ctx, struct err *e)
{
    char q[96] = "";
    text_trim(f->q, q, sizeof q);
    if (!text_utf8_valid(q))
        return err_set(e, 422, "invalid_query", "q", "搜索内容无效");
    int mode = !*q ? 0 : looks_like_id(q) ? 2 : 1;
    if (mode == 2)
        idcard_normalize(q);
    /* A category filter finds the households tagged with it or with a category nested in it. */
    char within[HH_CATEGORY_JSON_SIZE];
    const char *cat = NULL;
    if (f->category >= 0 && f->category < HC__MAX) {
        if (hh_category_codes_json(hh_category_within(1u << f->category), within, sizeof within) != 0)
            return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
        cat = within;
    }
    int64_t total = db_int(db, -1, search_sql[mode][1], "ttitd", *q ? q : NULL, actor->unit_path, f->village_id, cat,
                           mode == 0 ? -1 : HOUSEHOLD_COUNT_CAP + 1);
    if (total < 0)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, search_sql[mode][0]);
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ttitdd", *q ? q : NULL, actor->unit_path, f->village_id, cat, f->limit, f->offset);
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct household_row row = {0};
        if (household_row_read(st, &row) != 0) {
            db_done(st);
            return db_row_fail(e);
        }
        fn(&row, ctx);
    }
    return db_end(st, total, e);
}

int household_stats(struct db *db, const struct user_ctx *actor, struct household_stats *out)
{
    memset(out, 0, sizeof *out);
    /* From the figures kept by village (migration 099), not by counting every member. */
    out->households = db_int(db, -1,
                             "SELECT coalesce(sum(f.households), 0) FROM units v JOIN household_figures f "
                             "ON f.village_id = v.id WHERE in_scope(v.path, ?1)",
                             "t", actor->unit_path);
    out->members = db_int(db, -1,
                          "SELECT coalesce(sum(f.members), 0) FROM units v JOIN household_figures f "
                          "ON f.village_id = v.id WHERE in_scope(v.path, ?1)",
                          "t", actor->unit_path);
    /* Households counted once per category of their closure: a 独女户 counts as a 独生子女家庭. The kept
       figures give each set of categories as a mask of 1 << sort; its codes are listed back for the parser. */
    sqlite3_stmt *st = db_prep(db, "SELECT (SELECT group_concat(code) FROM household_categories WHERE (f.mask >> sort) & 1), "
                                   "sum(f.households) FROM units v JOIN household_category_figures f "
                                   "ON f.village_id = v.id WHERE in_scope(v.path, ?1) GROUP BY f.mask");
    if (!st || out->households < 0)
        return -1;
    db_bind(st, "t", actor->unit_path);
    while (sqlite3_step(st) == SQLITE_ROW) {
        unsigned cats = hh_category_closure(hh_category_set_parse(db_text(st, 0)));
        for (int c = 0; c < HC__MAX; c++)
            if (cats & (1u << c))
                out->by_category[c] += sqlite3_column_int64(st, 1);
    }
    return db_end(st, 0, NULL);
}
