/* relief_batch.c: relief batches (see relief_batch.h). */
#include "relief_batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "household.h"
#include "relief.h"
#include "relief_category.h"
#include "unit.h"

/* The batch's unit: in scope and a township or village; fills its path and name. 0 or -1 with e. */
static int batch_unit(struct db *db, const struct user_ctx *actor, int64_t unit_id, char *path, size_t pn, char *name,
                      size_t nn, struct err *e)
{
    struct unit u;
    int in_scope = 0;
    int found = unit_get_in_scope(db, unit_id ? unit_id : actor->unit_id, actor->unit_path, &u, &in_scope) == 0;
    int ok = found && strcmp(u.kind, "district") != 0;
    if (found) {
        snprintf(path, pn, "%s", u.path);
        snprintf(name, nn, "%s", u.name);
    }
    if (!ok)
        return err_set(e, 422, "invalid_unit", "village_id", "请选择批量发放的镇或村");
    return in_scope ? 0 : err_set(e, 403, "out_of_scope", "village_id", "该单位不在您的管辖范围内");
}

/* A candidate household (h), its head's name (m) and village (v); the count of this year's
   applications in the category follows. */
#define CANDIDATE_ROW(X, _)                                                                                           \
    X("h.id", INT64, household_id) _ X("m.name", TEXT(NAME_SIZE), head_name) _ X("v.name", TEXT(NAME_SIZE), village)
/* Reads a CANDIDATE_ROW. */
static DB_ROW_READER(candidate_read, CANDIDATE_ROW, struct batch_candidate)

/* Collects the candidates of a batch into a malloc'd array (*out, count returned; -1 with e). */
static int candidates(struct db *db, const struct user_ctx *actor, const struct batch_input *in, struct date today,
                      struct relief_category *c, char *unit_name, size_t nn, struct batch_candidate **out, struct err *e)
{
    char path[160], on[11], why[256], eligible[HH_CATEGORY_JSON_SIZE];
    struct relief_rule rule;
    date_format(today, on);
    *out = NULL;
    if (batch_unit(db, actor, in->unit_id, path, sizeof path, unit_name, nn, e) != 0 ||
        relief_category_get(db, in->category_id, on, c, e) != 0)
        return -1;
    relief_category_rule(c, &rule);
    /* The households tagged with an eligible category or one nested in it (独女户 for 独生子女家庭). */
    if (hh_category_codes_json(hh_category_within(c->eligible), eligible, sizeof eligible) != 0)
        return err_set(e, 500, "internal_error", NULL, "家庭类别过多");
    int64_t amount = in->amount_fen ? in->amount_fen : c->standard ? c->min_fen : 0;
    if (amount <= 0 || relief_check_amount(&rule, amount, why, sizeof why) != 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "%s", amount <= 0 ? "请填写每户金额" : why);
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(CANDIDATE_ROW) ", (SELECT count(*) FROM relief_applications a "
            "WHERE a.household_id = h.id AND a.category_id = ?2 AND a.year = ?3 AND a.state <> 'rejected'), "
            RELIEF_HEAD_COLUMNS " FROM households h "
            "JOIN units v ON v.id = h.village_id JOIN members m ON m.household_id = h.id AND m.is_head = 1 "
            "WHERE in_scope(v.path, ?1) AND (?4 = 1 OR EXISTS (SELECT 1 FROM household_category_links l "
            "WHERE l.household_id = h.id AND l.category IN (SELECT value FROM json_each(?5)))) ORDER BY v.name, h.id");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "tiddt", path, in->category_id, today.y, c->any_household, eligible);
    int n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            struct batch_candidate *grown = realloc(*out, (size_t)cap * sizeof **out);
            if (!grown) {
                db_done(st);
                free(*out);
                *out = NULL;
                return err_set(e, 500, "out_of_memory", NULL, "内存不足");
            }
            *out = grown;
        }
        struct batch_candidate *x = &(*out)[n++];
        if (candidate_read(st, x) != 0) {
            db_done(st);
            free(*out);
            *out = NULL;
            return db_row_fail(e);
        }
        struct relief_head head;
        relief_head_read(st, DB_ROW_NCOLS(CANDIDATE_ROW) + 1, &head);
        enum roll_fail f = relief_category_check_head(c, &head.p, today.y, why, sizeof why);
        x->excluded = f != ROLL_OK ? roll_fail_name(f)
                      : sqlite3_column_int(st, DB_ROW_NCOLS(CANDIDATE_ROW)) >= rule.per_year
                          ? "本年度已享受（或已申请）此类救助"
                          : NULL;
    }
    return db_end(st, n, e);
}

int relief_batch_preview(struct db *db, const struct user_ctx *actor, const struct batch_input *in, struct date today,
                         void (*fn)(const struct batch_candidate *, void *), void *ctx, struct err *e)
{
    struct relief_category c;
    struct batch_candidate *list;
    char unit_name[NAME_SIZE];
    int n = candidates(db, actor, in, today, &c, unit_name, sizeof unit_name, &list, e), included = 0;
    for (int i = 0; i < n; i++) {
        included += !list[i].excluded;
        fn(&list[i], ctx);
    }
    free(list);
    return n < 0 ? -1 : included;
}

int64_t relief_batch_create(struct db *db, const struct user_ctx *actor, const struct batch_input *in,
                            struct date today, int *included, void (*fn)(const struct batch_candidate *, void *),
                            void *ctx, struct err *e)
{
    struct relief_category c;
    struct batch_candidate *list;
    char unit_name[NAME_SIZE], title[NAME_SIZE + RELIEF_CATEGORY_NAME_SIZE + 16]; /* "西集镇 2026年春节走访慰问" */
    *included = 0;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int n = candidates(db, actor, in, today, &c, unit_name, sizeof unit_name, &list, e);
    int64_t amount = in->amount_fen ? in->amount_fen : c.min_fen, id = -1;
    snprintf(title, sizeof title, "%s %d年%s", unit_name, today.y, c.name);
    if (n >= 0 && db_run(db, "INSERT INTO relief_batches (category_id, unit_id, amount_fen, title, created_by) "
                             "VALUES (?, ?, ?, ?, ?)", "iiiti", in->category_id, in->unit_id ? in->unit_id : actor->unit_id,
                         amount, title, actor->id) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    for (int i = 0; id > 0 && i < n; i++) {
        if (list[i].excluded) {
            if (fn)
                fn(&list[i], ctx);
            continue;
        }
        struct relief_input ri = {list[i].household_id, in->category_id, amount, c.name};
        if (relief_apply_in_txn(db, actor, &ri, id, today, e) < 0)
            id = -1;
        else
            (*included)++;
    }
    free(list);
    if (id > 0 && *included == 0) {
        err_set(e, 409, "nothing_to_do", NULL, "没有可纳入本批次的家庭");
        id = -1;
    }
    if (id < 0) {
        db_rollback(db);
        *included = 0;
        return -1;
    }
    json_t *after = json_pack("{s:I, s:I, s:i}", "category_id", (json_int_t)in->category_id, "amount_fen",
                              (json_int_t)amount, "applications", *included);
    return audit_commit(db, 1, actor, "create", "relief_batch", id, NULL, after, e) == 0 ? id : -1;
}

/* The ids of the batch's applications in a state within the actor's scope (malloc'd; count
   returned, -1 on error). */
static int batch_ids(struct db *db, const struct user_ctx *actor, int64_t batch_id, enum relief_state s, int64_t **ids)
{
    sqlite3_stmt *st = db_prep(db, "SELECT a.id FROM relief_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id WHERE a.batch_id = ?1 AND a.state = ?2 "
                                   "AND in_scope(v.path, ?3) ORDER BY a.id");
    *ids = NULL;
    if (!st)
        return -1;
    db_bind(st, "itt", batch_id, relief_state_code(s), actor->unit_path);
    int n = 0, cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            int64_t *grown = realloc(*ids, (size_t)cap * sizeof **ids);
            if (!grown) {
                n = -1;
                break;
            }
            *ids = grown;
        }
        (*ids)[n++] = sqlite3_column_int64(st, 0);
    }
    return db_end(st, n, NULL);
}

/* Ends a batch action: commits when rc is 0 and something moved, else rolls back. */
static int batch_finish(struct db *db, int rc, int moved, const char *what, struct err *e)
{
    if (rc == 0 && moved == 0)
        rc = err_set(e, 409, "nothing_to_do", NULL, "本批次没有可%s的申请", what);
    if (rc == 0 && db_commit(db) != SQLITE_OK)
        rc = db_fail(db, e);
    if (rc != 0)
        db_rollback(db);
    return rc;
}

int relief_batch_step(struct db *db, const struct user_ctx *actor, int64_t batch_id, enum relief_action a,
                      struct date today, int *moved, struct err *e)
{
    static const enum relief_state from[RA__MAX] = {[RA_VERIFY] = RS_APPLIED, [RA_REVIEW] = RS_VERIFIED,
                                                     [RA_APPROVE] = RS_IN_NOTICE};
    struct relief_batch b;
    *moved = 0;
    if (a != RA_VERIFY && a != RA_REVIEW && a != RA_APPROVE)
        return err_set(e, 422, "invalid_action", "action", "批量操作只能是村审核、镇审核或批准");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t *ids = NULL;
    int rc = relief_batch_get(db, actor, batch_id, &b, e);
    int n = rc ? 0 : batch_ids(db, actor, batch_id, from[a], &ids);
    if (n < 0)
        rc = db_fail(db, e);
    for (int i = 0; rc == 0 && i < n; i++) {
        struct err one = {0};
        if (relief_step_in_txn(db, actor, ids[i], a, NULL, today, &one) == 0)
            (*moved)++;
        else if (strcmp(one.code, "objection_open") != 0) /* held by an objection: the rest go on */
            rc = -1, *e = one;
    }
    free(ids);
    if (rc != 0)
        *moved = 0;
    return batch_finish(db, rc, *moved, relief_action_name(a), e);
}

int relief_batch_disburse(struct db *db, const struct user_ctx *actor, int64_t batch_id,
                          const struct relief_pay_input *in, int *paid, struct err *e)
{
    struct relief_batch b;
    *paid = 0;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t *ids = NULL;
    int rc = relief_batch_get(db, actor, batch_id, &b, e);
    int n = rc ? 0 : batch_ids(db, actor, batch_id, RS_APPROVED, &ids);
    if (n < 0)
        rc = db_fail(db, e);
    for (int i = 0; rc == 0 && i < n; i++) {
        char receipt[32];
        if (relief_disburse_in_txn(db, actor, ids[i], in, receipt, e) != 0)
            rc = -1;
        else
            (*paid)++;
    }
    free(ids);
    if (rc != 0)
        *paid = 0;
    return batch_finish(db, rc, *paid, "发放", e);
}

/* The batch's columns; scope path ?1: batches of units within it, and the batches covering it (a village
   officer sees the township's batch to verify the village's part). */
#define BATCH_SELECT                                                                                            \
    "SELECT " DB_ROW_COLUMNS(RELIEF_BATCH_ROW) " FROM relief_batches b JOIN relief_categories c ON c.id = b.category_id "             \
    "JOIN units u ON u.id = b.unit_id LEFT JOIN users cu ON cu.id = b.created_by "                              \
    "WHERE (in_scope(u.path, ?1) OR in_scope(?1, u.path)) "

/* Fills a batch from a row of BATCH_SELECT. */
static DB_ROW_READER(batch_row, RELIEF_BATCH_ROW, struct relief_batch)

/* Counts a batch's applications per state and the amount paid. */
static void batch_counts(struct db *db, struct relief_batch *b)
{
    sqlite3_stmt *st = db_prep(db, "SELECT state, count(*), sum(amount_fen) FROM relief_applications "
                                   "WHERE batch_id = ? GROUP BY state");
    if (!st)
        return;
    db_bind(st, "i", b->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        int s = relief_state_parse(db_text(st, 0));
        if (s < 0)
            continue;
        b->count[s] = sqlite3_column_int(st, 1);
        b->total += b->count[s];
        if (s == RS_PAID)
            b->paid_fen = sqlite3_column_int64(st, 2);
    }
    db_done(st);
}

int relief_batch_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_batch *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, BATCH_SELECT "AND b.id = ?2");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "ti", actor->unit_path, id);
    memset(out, 0, sizeof *out);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && batch_row(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (found) {
        batch_counts(db, out);
        return 0;
    }
    if (db_int(db, 0, "SELECT count(*) FROM relief_batches WHERE id = ?", "i", id) > 0)
        return err_set(e, 403, "out_of_scope", NULL, "该批次不在您的管辖范围内");
    return err_set(e, 404, "not_found", NULL, "批次不存在");
}

int relief_batch_list(struct db *db, const struct user_ctx *actor, struct batch_filter *f,
                      void (*fn)(const struct relief_batch *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, BATCH_SELECT "AND (?2 = 0 OR b.unit_id = ?2) "
                                   "AND (?3 IS NULL OR date(b.created_at, '+8 hours') >= ?3) "
                                   "AND (?4 IS NULL OR date(b.created_at, '+8 hours') <= ?4) ORDER BY b.id DESC");
    if (!st)
        return -1;
    char from[11], to[11];
    db_bind(st, "titt", actor->unit_path, f->village_id, f->from.y ? date_format(f->from, from) : NULL,
            f->to.y ? date_format(f->to, to) : NULL);
    f->count = f->households = f->paid_fen = 0;
    int bad = 0;
    while (!bad && sqlite3_step(st) == SQLITE_ROW) {
        struct relief_batch b;
        memset(&b, 0, sizeof b);
        if ((bad = batch_row(st, &b) != 0))
            break;
        batch_counts(db, &b);
        if (f->count++ < f->limit)
            fn(&b, ctx);
        f->households += b.total, f->paid_fen += b.paid_fen;
    }
    return db_end(st, bad ? -1 : (int)f->count, NULL);
}

json_t *relief_batch_json(const struct relief_batch *b)
{
    json_t *counts = json_object();
    for (int s = 0; s < RS__MAX; s++)
        if (b->count[s])
            json_object_set_new(counts, relief_state_code(s), json_integer(b->count[s]));
    return json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:i, s:o, s:I}", "id", (json_int_t)b->id, "title", b->title,
                     "category_id", (json_int_t)b->category_id, "category", b->category, "unit_id",
                     (json_int_t)b->unit_id, "unit", b->unit_name, "amount_fen", (json_int_t)b->amount_fen,
                     "applications_total", b->total, "states", counts, "paid_fen", (json_int_t)b->paid_fen);
}
