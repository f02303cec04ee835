/* household_change.c: sensitive household categories waiting for a second person (see household_change.h). */
#include "household_change.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "text.h"

/* A change, its household's head and village, its maker and decider; ?1 the change, ?2 the scope. */
#define CHANGE_FROM                                                                                                 \
    " FROM household_category_changes c JOIN households h ON h.id = c.household_id "                              \
    "JOIN units v ON v.id = h.village_id JOIN members hm ON hm.household_id = h.id AND hm.is_head = 1 "            \
    "JOIN users mu ON mu.id = c.made_by LEFT JOIN users du ON du.id = c.decided_by "
static DB_ROW_READER(change_read, HH_CHANGE_ROW, struct hh_change)

const char *hh_change_state_name(const char *state)
{
    if (state && !strcmp(state, "pending"))
        return "待审批";
    if (state && !strcmp(state, "approved"))
        return "已批准";
    return state && !strcmp(state, "rejected") ? "已驳回" : "未知";
}

/* The codes of a set as a JSON array (new reference). */
static json_t *codes_json(unsigned cats)
{
    json_t *a = json_array();
    for (int k = 0; k < HC__MAX; k++)
        if (cats & (1u << k))
            json_array_append_new(a, json_string(hh_category_code(k)));
    return a;
}

/* What the update's transaction records besides the change: the waiting categories and document. */
struct proposal {
    unsigned add;
    const struct hh_upload *doc;
    int64_t id;
};

/* Binds a document's name, kind, size and bytes at parameters first .. first + 3 (all NULL/0 and ''
   for none). SQLITE_OK or an error code. */
static int bind_document(sqlite3_stmt *st, int first, const struct hh_upload *doc)
{
    int has = doc && doc->data && doc->len;
    int rc = sqlite3_bind_text(st, first, has ? doc->name : "", -1, SQLITE_TRANSIENT);
    if (rc == SQLITE_OK)
        rc = has ? sqlite3_bind_text(st, first + 1, doc_file_kind(doc->data, doc->len), -1, SQLITE_STATIC)
                 : sqlite3_bind_null(st, first + 1);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(st, first + 2, has ? (int64_t)doc->len : 0);
    if (rc == SQLITE_OK)
        rc = has ? sqlite3_bind_blob(st, first + 3, doc->data, (int)doc->len, SQLITE_TRANSIENT)
                 : sqlite3_bind_null(st, first + 3);
    return rc;
}

/* Inside the caller's transaction: stores the waiting change (its document, or none yet when
   p->doc is NULL) and its audit record. 0 or -1. */
static int store_proposal(struct db *db, const struct user_ctx *actor, int64_t household_id, void *ctx)
{
    struct proposal *p = ctx;
    char codes[HH_CATEGORY_JSON_SIZE] = "";
    size_t used = 0;
    for (int k = 0; k < HC__MAX; k++)
        if ((p->add & (1u << k)) && (text_append(codes, sizeof codes, &used, used ? "," : "") != 0 ||
                                     text_append(codes, sizeof codes, &used, hh_category_code(k)) != 0))
            return -1;
    sqlite3_stmt *st = db_prep(db, "INSERT INTO household_category_changes (household_id, categories, doc_name, "
                                   "doc_kind, doc_size, doc_data, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?, clock_now())");
    int ok = st && db_bind(st, "it", household_id, codes) == SQLITE_OK && bind_document(st, 3, p->doc) == SQLITE_OK &&
             sqlite3_bind_int64(st, 7, actor->id) == SQLITE_OK && sqlite3_step(st) == SQLITE_DONE;
    if (st)
        db_done(st);
    if (!ok)
        return -1;
    p->id = sqlite3_last_insert_rowid(db->h);
    json_t *after = json_pack("{s:I, s:o, s:s?}", "change_id", (json_int_t)p->id, "categories", codes_json(p->add),
                              "document", p->doc ? p->doc->name : NULL);
    int rc = audit_write(db, actor, "propose_category", "household", household_id, NULL, after);
    json_decref(after);
    return rc;
}

int64_t household_change_register(struct db *db, const struct user_ctx *actor, const struct household_input *in)
{
    struct household_input now = *in;
    now.categories &= ~HC_SENSITIVE; /* they wait for their document and a second person */
    int64_t id = household_insert(db, actor, &now);
    struct proposal p = {.add = in->categories & HC_SENSITIVE};
    return id > 0 && p.add && store_proposal(db, actor, id, &p) != 0 ? -1 : id;
}

int64_t household_create(struct db *db, const struct user_ctx *actor, const struct household_input *in,
                         struct date today, struct err *e)
{
    if (household_validate(db, actor, in, today, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t id = household_change_register(db, actor, in);
    json_t *after = id > 0 ? household_audit_snapshot(db, actor, id) : NULL;
    if (id < 0 || audit_write(db, actor, "create", "household", id, NULL, after) != 0 ||
        db_commit(db) != SQLITE_OK) {
        json_decref(after);
        db_fail(db, e);
        db_rollback(db);
        return -1;
    }
    json_decref(after);
    return id;
}

int household_change_attach(struct db *db, const struct user_ctx *actor, int64_t change_id, const struct hh_upload *doc,
                            struct err *e)
{
    struct hh_change c;
    if (household_change_get(db, actor, change_id, &c, NULL, e) != 0)
        return -1;
    if (strcmp(c.state, "pending") != 0)
        return err_set(e, 409, "already_decided", NULL, "该变更已%s，不能再上传证明材料", hh_change_state_name(c.state));
    if (c.doc_size > 0)
        return err_set(e, 409, "document_present", "document", "该变更已有证明材料；如有误请驳回后重新申请");
    if (!doc || !doc->name || !*doc->name)
        return err_set(e, 422, "document_required", "document", "请选择证明材料文件（PDF、JPG 或 PNG）");
    if (doc_file_check(doc->name, doc->data, doc->len, "document", e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "UPDATE household_category_changes SET doc_name = ?1, doc_kind = ?2, doc_size = ?3, "
                                   "doc_data = ?4 WHERE id = ?5 AND state = 'pending' AND doc_data IS NULL");
    int ok = st && bind_document(st, 1, doc) == SQLITE_OK && sqlite3_bind_int64(st, 5, change_id) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_DONE && sqlite3_changes(db->h) == 1;
    if (st)
        db_done(st);
    json_t *after = json_pack("{s:I, s:s}", "change_id", (json_int_t)change_id, "document", doc->name);
    return audit_commit(db, ok, actor, "attach_document", "household", c.household_id, NULL, after, e);
}

int64_t household_change_update(struct db *db, const struct user_ctx *actor, int64_t household_id,
                                const struct household_changes *c, const struct hh_upload *doc, struct err *e)
{
    struct household h;
    if (household_get(db, actor, household_id, &h, e) != 0)
        return -1;
    struct proposal p = {.add = c->categories & ~h.categories & HC_SENSITIVE, .doc = doc};
    if (!p.add)
        return household_update(db, actor, household_id, c, e);
    if (!doc || !doc->name || !*doc->name)
        return err_set(e, 422, "document_required", "document",
                       "添加计生特殊家庭类别（失独、伤残）须上传证明材料（PDF、JPG 或 PNG），经另一人审批后生效");
    if (doc_file_check(doc->name, doc->data, doc->len, "document", e) != 0)
        return -1;
    if (db_int(db, 0, "SELECT count(*) FROM household_category_changes WHERE household_id = ? AND state = 'pending'",
               "i", household_id) > 0)
        return err_set(e, 409, "change_pending", "categories", "该家庭已有一项待审批的类别变更，请先审批或驳回");
    struct household_changes now = *c;
    now.categories &= ~p.add; /* the sensitive ones wait; the rest takes effect */
    now.also = store_proposal;
    now.also_ctx = &p;
    return household_update(db, actor, household_id, &now, e) == 0 ? p.id : -1;
}

int64_t household_change_propose(struct db *db, const struct user_ctx *actor, int64_t household_id, unsigned add,
                                 const struct hh_upload *doc, struct err *e)
{
    struct household h;
    if (household_get(db, actor, household_id, &h, e) != 0)
        return -1;
    if (!add || (add & ~HC_SENSITIVE) || (add & h.categories))
        return err_set(e, 422, "invalid_category", "categories",
                       "只能申请该家庭尚无的计生特殊家庭类别（special_lost 失独、special_disabled 伤残）");
    struct household_changes c = {.address = h.address, .head_phone = h.members[0].phone,
                                  .categories = h.categories | add, .policy_compliant = h.policy_compliant};
    return household_change_update(db, actor, household_id, &c, doc, e);
}

int household_change_get(struct db *db, const struct user_ctx *actor, int64_t change_id, struct hh_change *out,
                         unsigned char **data, struct err *e)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(HH_CHANGE_ROW) ", in_scope(v.path, ?2), c.doc_data"
                                   CHANGE_FROM "WHERE c.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", change_id, actor->unit_path);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = err_set(e, 404, "not_found", NULL, "类别变更不存在");
    else if (change_read(st, out) != 0)
        rc = db_row_fail(e);
    else if (!sqlite3_column_int(st, DB_ROW_NCOLS(HH_CHANGE_ROW)))
        rc = err_set(e, 403, "out_of_scope", NULL, "无权查看该家庭");
    else if (data) {
        int n = sqlite3_column_bytes(st, DB_ROW_NCOLS(HH_CHANGE_ROW) + 1);
        *data = malloc(n > 0 ? (size_t)n : 1);
        if (*data && n > 0)
            memcpy(*data, sqlite3_column_blob(st, DB_ROW_NCOLS(HH_CHANGE_ROW) + 1), (size_t)n);
        out->doc_size = n;
        if (!*data)
            rc = err_set(e, 500, "out_of_memory", NULL, "内存不足");
    }
    db_done(st);
    return rc;
}

int household_change_decide(struct db *db, const struct user_ctx *actor, int64_t change_id, int approve,
                            const char *reason, struct err *e)
{
    struct hh_change c;
    if (household_change_get(db, actor, change_id, &c, NULL, e) != 0)
        return -1;
    if (strcmp(c.state, "pending") != 0)
        return err_set(e, 409, "already_decided", NULL, "该变更已%s，不能再审批", hh_change_state_name(c.state));
    if (c.made_by == actor->id)
        return err_set(e, 403, "same_person", NULL, "提交人不能审批自己提交的类别变更，须由另一人审批");
    if (approve && c.doc_size <= 0)
        return err_set(e, 409, "document_missing", "document", "尚未上传证明材料，不能批准；请先上传证明材料");
    if (text_check(reason, approve ? 0 : 1, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "reason_required", "reason", approve ? "说明不能超过200个字" : "请填写驳回理由（1到200个字）");
    struct household h;
    if (household_get(db, actor, c.household_id, &h, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "UPDATE household_category_changes SET state = ?, decided_by = ?, decided_at = clock_now(), "
                        "reason = ? WHERE id = ? AND state = 'pending'",
                    "titi", approve ? "approved" : "rejected", actor->id, reason ? reason : "", change_id) == SQLITE_DONE;
    if (ok && sqlite3_changes(db->h) == 0) { /* decided by someone else since it was read */
        db_rollback(db);
        return err_set(e, 409, "already_decided", NULL, "该变更已由他人审批，不能再审批");
    }
    for (int k = 0; ok && approve && k < HC__MAX; k++)
        if (c.categories & (1u << k))
            ok = db_run(db, "INSERT OR IGNORE INTO household_category_links (household_id, category) VALUES (?, ?)",
                        "it", c.household_id, hh_category_code(k)) == SQLITE_DONE;
    if (ok && approve)
        ok = db_run(db, "UPDATE households SET updated_at = clock_now() WHERE id = ?", "i", c.household_id) == SQLITE_DONE;
    unsigned after_cats = approve ? h.categories | c.categories : h.categories;
    json_t *before = json_pack("{s:I, s:o}", "change_id", (json_int_t)change_id, "categories", codes_json(h.categories));
    json_t *after = json_pack("{s:I, s:o, s:s}", "change_id", (json_int_t)change_id, "categories",
                              codes_json(after_cats), "reason", reason ? reason : "");
    return audit_commit(db, ok, actor, approve ? "approve_category" : "reject_category", "household", c.household_id,
                        before, after, e);
}

int household_change_list(struct db *db, const struct user_ctx *actor, enum hh_change_which which, int64_t household_id,
                          void (*fn)(const struct hh_change *, void *), void *ctx, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(HH_CHANGE_ROW) CHANGE_FROM
                                   "WHERE in_scope(v.path, ?1) AND (?2 = 0 OR (?2 = 1) = (c.state = 'pending')) "
                                   "AND (?3 = 0 OR c.household_id = ?3) ORDER BY c.id DESC");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "tii", actor->unit_path, (int64_t)which, household_id);
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct hh_change c;
        if (change_read(st, &c) != 0) {
            n = db_row_fail(e);
            break;
        }
        fn(&c, ctx);
        n++;
    }
    return db_end(st, n, e);
}
