/* write_off.c: write-off (核销) of unrecovered guarantee payouts (see write_off.h). */
#include "write_off.h"

#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "text.h"

/* The loan as a write-off sees it: its state, payout date, the fund figures and scope (?2). */
#define WO_LOAN_ROW(X, _)                                                                                               \
    X("l.state", TEXT(CODE_SIZE), state) _ X("coalesce(l.settled_on, '')", DATE, paid_out_on) _                        \
        X("coalesce((SELECT -sum(amount_fen) FROM guarantee_fund_entries WHERE loan_id = l.id AND kind = 'payout'), "   \
          "0)",                                                                                                          \
          MONEY, paid_out_fen) _                                                                                         \
        X("coalesce((SELECT sum(amount_fen) FROM guarantee_fund_entries WHERE loan_id = l.id AND kind = "               \
          "'recovery'), 0)",                                                                                             \
          MONEY, recovered_fen) _ X("in_scope(v.path, ?2)", INT, in_scope)
struct wo_loan {
    DB_ROW_FIELDS(WO_LOAN_ROW)
};
static DB_ROW_READER(wo_loan_read, WO_LOAN_ROW, struct wo_loan)

/* A write-off as listed. */
#define WRITE_OFF_ROW(X, _)                                                                                             \
    X("w.id", INT64, id) _ X("w.on_date", DATE, on_date) _ X("w.amount_fen", MONEY, amount_fen) _                     \
        X("w.reason", TEXT(TEXT_SIZE(WRITE_OFF_REASON_MAX_CHARS)), reason) _ X("w.state", TEXT(CODE_SIZE), state) _   \
        X("ru.name", TEXT(NAME_SIZE), requested_by) _ X("coalesce(du.name, '')", TEXT(NAME_SIZE), decided_by) _        \
        X("w.decision_note", TEXT(TEXT_SIZE(WRITE_OFF_REASON_MAX_CHARS)), decision_note) _                            \
        X("w.requested_by", INT64, requested_by_id)
struct write_off_row {
    DB_ROW_FIELDS(WRITE_OFF_ROW)
};
static DB_ROW_READER(write_off_row_read, WRITE_OFF_ROW, struct write_off_row)

/* Reads the loan (in the actor's scope) into *l. 0, or -1 with e filled (404, 403, 500). */
static int load_loan(struct db *db, const struct user_ctx *actor, int64_t loan_id, struct wo_loan *l, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(WO_LOAN_ROW) " FROM loans l "
                                   "JOIN units v ON v.id = l.village_id WHERE l.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", loan_id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && wo_loan_read(st, l) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "not_found", NULL, "贷款不存在");
    if (!l->in_scope)
        return err_set(e, 403, "out_of_scope", NULL, "该贷款不在您的管辖范围内");
    return 0;
}

int64_t write_off_request(struct db *db, const struct user_ctx *actor, int64_t loan_id, const char *on,
                          const char *reason, struct date today, struct err *e)
{
    struct date d, paid;
    if (!on || date_parse(on, &d) != 0 || date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "核销日期应为不晚于今天的有效日期 YYYY-MM-DD");
    if (text_check(reason, 1, WRITE_OFF_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写核销原因（%d字以内）", WRITE_OFF_REASON_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct wo_loan l = {0};
    int64_t after_days = db_param_int(db, "write_off_after_days", 180);
    int rc = load_loan(db, actor, loan_id, &l, e);
    if (rc == 0 && (strcmp(l.state, "compensated") != 0 || date_parse(l.paid_out_on, &paid) != 0))
        rc = err_set(e, 409, "not_compensated", NULL, "只有担保基金已代偿的贷款可以核销");
    else if (rc == 0 && date_diff(d, paid) < after_days)
        rc = err_set(e, 409, "too_early", "on", "代偿日 %s 起满 %lld 天后才能核销", l.paid_out_on, (long long)after_days);
    else if (rc == 0 && l.paid_out_fen - l.recovered_fen <= 0)
        rc = err_set(e, 409, "nothing_to_write_off", NULL, "代偿款已全部追回，无需核销");
    else if (rc == 0 && db_int(db, 0, "SELECT 1 FROM loan_write_offs WHERE loan_id = ? AND state IN ('pending', "
                                      "'approved')", "i", loan_id) == 1)
        rc = err_set(e, 409, "write_off_exists", NULL, "该贷款已有核销申请或已核销");
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int64_t amount = l.paid_out_fen - l.recovered_fen;
    int ok = db_run(db, "INSERT INTO loan_write_offs (loan_id, on_date, amount_fen, reason, requested_by) "
                        "VALUES (?, ?, ?, ?, ?)",
                    "ititi", loan_id, on, amount, reason, actor->id) == SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "request_write_off", "loan", loan_id, NULL,
                        json_pack("{s:I, s:s, s:I, s:s}", "write_off_id", (json_int_t)id, "on", on, "amount_fen",
                                  (json_int_t)amount, "reason", reason),
                        e) == 0
               ? id
               : -1;
}

int64_t write_off_decide(struct db *db, const struct user_ctx *actor, int64_t loan_id, int approve, const char *note,
                         struct err *e)
{
    if (!note)
        note = "";
    if (text_check(note, approve ? 0 : 1, WRITE_OFF_REASON_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_note", "note", "不同意核销请写明理由（%d字以内）", WRITE_OFF_REASON_MAX_CHARS);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct wo_loan l = {0};
    int rc = load_loan(db, actor, loan_id, &l, e);
    int64_t id = rc == 0 ? db_int(db, 0, "SELECT id FROM loan_write_offs WHERE loan_id = ? AND state = 'pending'", "i",
                                  loan_id)
                         : 0;
    if (rc == 0 && id <= 0)
        rc = err_set(e, 404, "no_write_off", NULL, "该贷款没有待审批的核销申请");
    else if (rc == 0 && db_int(db, 0, "SELECT requested_by FROM loan_write_offs WHERE id = ?", "i", id) == actor->id)
        rc = err_set(e, 409, "same_person", NULL, "核销须由申请人以外的另一人审批");
    else if (rc == 0 && approve && l.paid_out_fen - l.recovered_fen <= 0)
        rc = err_set(e, 409, "nothing_to_write_off", NULL, "代偿款已全部追回，无需核销");
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    int64_t amount = l.paid_out_fen - l.recovered_fen;
    int ok = approve ? db_run(db,
                              "UPDATE loan_write_offs SET state = 'approved', amount_fen = ?, decided_by = ?, "
                              "decided_at = clock_now(), decision_note = ? WHERE id = ?",
                              "iiti", amount, actor->id, note, id) == SQLITE_DONE
                     : db_run(db,
                              "UPDATE loan_write_offs SET state = 'refused', decided_by = ?, decided_at = clock_now(), "
                              "decision_note = ? WHERE id = ?",
                              "iti", actor->id, note, id) == SQLITE_DONE;
    return audit_commit(db, ok, actor, approve ? "approve_write_off" : "refuse_write_off", "loan", loan_id, NULL,
                        json_pack("{s:I, s:I, s:s}", "write_off_id", (json_int_t)id, "amount_fen",
                                  (json_int_t)(approve ? amount : 0), "note", note),
                        e) == 0
               ? id
               : -1;
}

json_t *write_off_json(struct db *db, int64_t loan_id)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(WRITE_OFF_ROW) " FROM loan_write_offs w "
                                   "JOIN users ru ON ru.id = w.requested_by LEFT JOIN users du ON du.id = w.decided_by "
                                   "WHERE w.loan_id = ? ORDER BY w.id DESC");
    if (!st)
        return NULL;
    db_bind(st, "i", loan_id);
    json_t *items = json_array();
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct write_off_row w;
        bad = write_off_row_read(st, &w) != 0;
        if (!bad)
            json_array_append_new(items, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)w.id,
                                                   "on", w.on_date, "amount_fen", (json_int_t)w.amount_fen, "reason",
                                                   w.reason, "state", w.state, "requested_by", w.requested_by,
                                                   "decided_by", w.decided_by, "decision_note", w.decision_note));
    }
    db_done(st);
    if (bad || rc != SQLITE_DONE) {
        json_decref(items);
        return NULL;
    }
    int64_t paid = -db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries WHERE loan_id = ? "
                                  "AND kind = 'payout'", "i", loan_id);
    int64_t rec = db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries WHERE loan_id = ? "
                                "AND kind = 'recovery'", "i", loan_id);
    int64_t after = db_int(db, 0,
                           "SELECT coalesce(sum(f.amount_fen), 0) FROM guarantee_fund_entries f JOIN loan_write_offs w "
                           "ON w.loan_id = f.loan_id AND w.state = 'approved' WHERE f.loan_id = ? AND f.kind = "
                           "'recovery' AND f.on_date > w.on_date", "i", loan_id);
    return json_pack("{s:o, s:I, s:I, s:I, s:I}", "items", items, "paid_out_fen", (json_int_t)paid, "recovered_fen",
                     (json_int_t)rec, "recovered_after_fen", (json_int_t)after, "unrecovered_fen",
                     (json_int_t)(paid - rec));
}

int write_off_totals(struct db *db, const struct user_ctx *actor, const char *from, const char *to,
                     struct write_off_totals *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prep(
        db, "SELECT count(*), coalesce(sum(w.amount_fen), 0) FROM loan_write_offs w JOIN loans l ON l.id = w.loan_id "
            "JOIN units v ON v.id = l.village_id WHERE w.state = 'approved' AND w.on_date >= ?1 AND w.on_date <= ?2 "
            "AND in_scope(v.path, ?3)");
    if (!st)
        return -1;
    db_bind(st, "ttt", from, to, actor->unit_path);
    int ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        out->loans = sqlite3_column_int64(st, 0);
        out->written_off_fen = sqlite3_column_int64(st, 1);
    }
    db_done(st);
    out->recovered_after_fen = db_int(
        db, -1,
        "SELECT coalesce(sum(f.amount_fen), 0) FROM guarantee_fund_entries f JOIN loan_write_offs w ON w.loan_id = "
        "f.loan_id AND w.state = 'approved' JOIN loans l ON l.id = f.loan_id JOIN units v ON v.id = l.village_id "
        "WHERE f.kind = 'recovery' AND f.on_date > w.on_date AND f.on_date >= ?1 AND f.on_date <= ?2 "
        "AND in_scope(v.path, ?3)",
        "ttt", from, to, actor->unit_path);
    return ok && out->recovered_after_fen >= 0 ? 0 : -1;
}
