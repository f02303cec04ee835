/* guarantee.c: the guarantee fund and guarantees (see guarantee.h). */
#include "guarantee.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "db_row.h"
#include "docno.h"
#include "ledger_entry.h"
#include "idcard.h"
#include "loan_rules.h"
#include "text.h"
#include "unit.h"

int guarantee_fund_status(struct db *db, struct fund_status *out)
{
    /* the balance and the active guarantees' sum kept by migration 112's triggers */
    out->balance_fen = db_int(db, 0, "SELECT balance_fen FROM guarantee_fund_figures WHERE id = 1", "");
    out->guaranteed_outstanding_fen =
        db_int(db, 0, "SELECT guaranteed_outstanding_fen FROM guarantee_fund_figures WHERE id = 1", "");
    out->leverage = db_param_int(db, "guarantee_leverage", 5);
    out->capacity_fen = out->balance_fen * out->leverage - out->guaranteed_outstanding_fen;
    out->paid_out_fen = -db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries "
                                       "WHERE kind = 'payout'", "");
    out->recovered_fen = db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM guarantee_fund_entries "
                                       "WHERE kind = 'recovery'", "");
    out->written_off_fen =
        db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM loan_write_offs WHERE state = 'approved'", "");
    out->recovered_after_write_off_fen =
        db_int(db, 0, "SELECT coalesce(sum(f.amount_fen), 0) FROM guarantee_fund_entries f JOIN loan_write_offs w "
                      "ON w.loan_id = f.loan_id AND w.state = 'approved' WHERE f.kind = 'recovery' "
                      "AND f.on_date > w.on_date", "");
    return 0;
}

int64_t guarantee_fund_add(struct db *db, const struct user_ctx *actor, const char *kind, int64_t amount_fen,
                           const char *on, const char *document_no, const char *note, struct date today,
                           struct err *e)
{
    if (!kind || (strcmp(kind, "income") && strcmp(kind, "adjustment")))
        return err_set(e, 422, "invalid_kind", "kind", "类型应为 income（收入）或 adjustment（调整）");
    if (!strcmp(kind, "income") ? amount_fen <= 0 : amount_fen == 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "收入金额应大于零，调整金额不能为零");
    if (amount_fen > 100000000000LL || amount_fen < -100000000000LL)
        return err_set(e, 422, "invalid_amount", "amount_fen", "金额过大");
    if (ledger_entry_check(on, today, document_no, note, e) != 0)
        return -1;
    if (db_int(db, 0, "SELECT parent_id IS NULL FROM units WHERE id = ?", "i", actor->unit_id) != 1)
        return err_set(e, 403, "district_only", NULL, "担保基金属于全区，只有区级工作人员可以登记收入和调整");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    struct fund_status s;
    guarantee_fund_status(db, &s);
    if (s.balance_fen + amount_fen < 0) {
        db_rollback(db);
        return err_set(e, 409, "insufficient_funds", "amount_fen", "调整后担保基金余额将小于零");
    }
    int64_t id = -1;
    if (db_run(db, "INSERT INTO guarantee_fund_entries (kind, amount_fen, on_date, document_no, note, created_by) "
                   "VALUES (?, ?, ?, ?, ?, ?)",
               "titttI", kind, amount_fen, on, document_no, note ? note : "", actor->id) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    json_t *after = json_pack("{s:s, s:I, s:s, s:s}", "kind", kind, "amount_fen", (json_int_t)amount_fen, "on", on,
                              "document_no", document_no);
    return audit_commit(db, id > 0, actor, "create", "guarantee_fund_entry", id, NULL, after, e) == 0 ? id : -1;
}

/* Validates the guarantee's input; returns 0 or -1 with e filled. */
static int guarantee_validate(const struct guarantee_input *in, struct date today, struct err *e)
{
    if (in->coverage_pct < 0 || in->coverage_pct > 100)
        return err_set(e, 422, "invalid_coverage", "coverage_pct", "担保比例应为 1 到 100");
    if (in->ncounter < 0 || in->ncounter > 2)
        return err_set(e, 422, "invalid_counter_guarantors", "counter_guarantors", "反担保人为一至两人");
    if (in->ncounter == 0 && text_check(in->pledged_asset, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "counter_guarantee_required", "counter_guarantors",
                       "请填写一至两名反担保人，或填写抵（质）押物");
    if (in->pledged_asset && text_check(in->pledged_asset, 0, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_pledged_asset", "pledged_asset", "抵（质）押物说明不能超过200字");
    for (int i = 0; i < in->ncounter; i++) {
        const struct counter_guarantor *c = &in->counter[i];
        char field[64], id[20];
        snprintf(field, sizeof field, "counter_guarantors[%d].name", i);
        if (text_check(c->name, 1, NAME_MAX_CHARS) != 0)
            return err_set(e, 422, "invalid_name", field, "反担保人姓名应为1到30个字");
        snprintf(field, sizeof field, "counter_guarantors[%d].id_number", i);
        snprintf(id, sizeof id, "%s", c->id_number ? c->id_number : "");
        idcard_normalize(id);
        struct idcard_info info;
        enum idcard_error ie = c->id_number && strlen(c->id_number) <= 19 ? idcard_check(id, &info) : IDCARD_LENGTH;
        if (ie != IDCARD_OK)
            return err_set(e, 422, "invalid_id_number", field, "反担保人%s：%s", c->name, idcard_error_message(ie));
        struct date birth = {info.year, info.month, info.day};
        if (date_cmp(birth, today) > 0)
            return err_set(e, 422, "invalid_id_number", field, "反担保人%s：身份证号中的出生日期晚于今天", c->name);
        snprintf(field, sizeof field, "counter_guarantors[%d].relation", i);
        if (text_check(c->relation, 1, 20) != 0)
            return err_set(e, 422, "invalid_relation", field, "请填写反担保人与申请人的关系");
        if (c->income_fen < 0)
            return err_set(e, 422, "invalid_income", field, "收入不能为负数");
    }
    return 0;
}

/* The application being guaranteed: its state and amount, its township and whether it is in the
   scope ?2. */
#define GUARANTEE_APP_ROW(X, _)                                                                                       \
    X("a.state", TEXT(16), state) _ X("a.amount_fen", MONEY, amount) _ X("t.name", TEXT(NAME_SIZE), township) _          \
        X("in_scope(v.path, ?2)", INT, in_scope) _ X("t.id", INT64, township_id)
struct guarantee_app {
    DB_ROW_FIELDS(GUARANTEE_APP_ROW)
};
/* Reads a GUARANTEE_APP_ROW. */
static DB_ROW_READER(guarantee_app_read, GUARANTEE_APP_ROW, struct guarantee_app)

/* A guarantee's columns (g) and its author's name (u). */
#define GUARANTEE_ROW(X, _)                                                                                           \
    X("g.id", INT64, id) _ X("g.letter_no", TEXT(64), letter_no) _ X("g.coverage_pct", INT, coverage_pct) _       \
        X("g.guaranteed_fen", MONEY, guaranteed_fen) _ X("g.pledged_asset", TEXT(NOTE_SIZE), pledged_asset) _      \
        X("g.created_at", TIME, created_at) _ X("u.name", TEXT(NAME_SIZE), created_by)
/* Reads a GUARANTEE_ROW. */
static DB_ROW_READER(guarantee_row_read, GUARANTEE_ROW, struct guarantee_info)

/* A counter-guarantor's columns. */
#define COUNTER_ROW(X, _)                                                                                             \
    X("name", TEXT(NAME_SIZE), name) _ X("id_number", TEXT(20), id_number) _                                     \
        X("relation", TEXT(TEXT_SIZE(20)), relation) _ X("income_fen", MONEY, income_fen)
/* Reads a COUNTER_ROW. */
static DB_ROW_READER(counter_row_read, COUNTER_ROW, struct guarantee_counter_row)

int64_t guarantee_create(struct db *db, const struct user_ctx *actor, int64_t application_id,
                         const struct guarantee_input *in, struct date today, struct err *e)
{
    if (guarantee_validate(in, today, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(GUARANTEE_APP_ROW) " FROM loan_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id "
                                   "WHERE a.id = ?1");
    if (!st) {
        db_rollback(db);
        return db_fail(db, e);
    }
    db_bind(st, "it", application_id, actor->unit_path);
    struct guarantee_app app = {0};
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && guarantee_app_read(st, &app) != 0;
    db_done(st);
    int rc = bad          ? db_row_fail(e)
             : !found     ? err_set(e, 404, "not_found", NULL, "贷款申请不存在")
             : !app.in_scope ? err_set(e, 403, "out_of_scope", NULL, "该申请不在您的管辖范围内")
             : strcmp(app.state, "approved")
                 ? err_set(e, 409, "invalid_state", NULL, "%s（当前状态：%s）",
                           loan_action_refusal(LA_GUARANTEE, (enum loan_state)loan_state_parse(app.state)),
                           loan_state_name((enum loan_state)loan_state_parse(app.state)))
                 : 0;
    int64_t coverage = in->coverage_pct
                           ? in->coverage_pct
                           : db_param_int(db, "guarantee_coverage_pct", 100);
    int64_t guaranteed = (app.amount * coverage + 50) / 100;
    struct fund_status s;
    guarantee_fund_status(db, &s);
    if (rc == 0 && guaranteed > s.capacity_fen)
        rc = err_set(e, 409, "guarantee_capacity_exceeded", NULL,
                     "担保能力不足：担保基金余额 %lld.%02lld 元 × %lld 倍，在保余额 %lld.%02lld 元，本笔需担保 %lld.%02lld 元",
                     (long long)(s.balance_fen / 100), (long long)(s.balance_fen % 100), (long long)s.leverage,
                     (long long)(s.guaranteed_outstanding_fen / 100), (long long)(s.guaranteed_outstanding_fen % 100),
                     (long long)(guaranteed / 100), (long long)(guaranteed % 100));
    if (rc != 0) {
        db_rollback(db);
        return -1;
    }
    /* 担保推荐函 number: per township and year, gapless. */
    char short_name[64], letter[DOCNO_SIZE];
    unit_short_name(app.township, short_name, sizeof short_name);
    if (docno_next(db, app.township_id, DOCNO_GUARANTEE_LETTER, today.y, short_name, letter, sizeof letter, e) < 0) {
        db_rollback(db);
        return -1;
    }
    char day[11];
    int ok = db_run(db,
                    "INSERT INTO guarantees (application_id, letter_no, coverage_pct, guaranteed_fen, "
                    "balance_at_time_fen, outstanding_at_time_fen, leverage, pledged_asset, created_by, given_on) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    "itiiiiitit", application_id, letter, coverage, guaranteed, s.balance_fen,
                    s.guaranteed_outstanding_fen, s.leverage, in->pledged_asset ? in->pledged_asset : "",
                    actor->id, date_format(today, day)) == SQLITE_DONE;
    int64_t gid = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    for (int i = 0; ok && i < in->ncounter; i++) {
        char id[20];
        snprintf(id, sizeof id, "%s", in->counter[i].id_number);
        idcard_normalize(id);
        ok = db_run(db, "INSERT INTO counter_guarantors (guarantee_id, name, id_number, relation, income_fen) "
                        "VALUES (?, ?, ?, ?, ?)",
                    "ittti", gid, in->counter[i].name, id, in->counter[i].relation,
                    in->counter[i].income_fen) == SQLITE_DONE;
    }
    ok = ok && db_run(db, "UPDATE loan_applications SET state = 'guaranteed', updated_at = clock_now() WHERE id = ?",
                      "i", application_id) == SQLITE_DONE;
    json_t *after = json_pack("{s:s, s:I, s:I, s:i}", "letter_no", letter, "coverage_pct", (json_int_t)coverage,
                              "guaranteed_fen", (json_int_t)guaranteed, "counter_guarantors", in->ncounter);
    return audit_commit(db, ok, actor, "guarantee", "loan_application", application_id, NULL, after, e) == 0 ? gid : -1;
}

int guarantee_get(struct db *db, int64_t application_id, struct guarantee_info *g)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(GUARANTEE_ROW) " FROM guarantees g JOIN users u ON u.id = g.created_by "
                                   "WHERE g.application_id = ?");
    if (!st)
        return -1;
    memset(g, 0, sizeof *g);
    db_bind(st, "i", application_id);
    int found = sqlite3_step(st) == SQLITE_ROW && guarantee_row_read(st, g) == 0;
    db_done(st);
    if (!found)
        return -1;
    st = db_prep(db, "SELECT " DB_ROW_COLUMNS(COUNTER_ROW) " FROM counter_guarantors WHERE guarantee_id = ? "
                     "ORDER BY id");
    if (!st)
        return -1;
    db_bind(st, "i", g->id);
    int bad = 0;
    while (!bad && g->ncounter < 2 && sqlite3_step(st) == SQLITE_ROW)
        bad = counter_row_read(st, &g->counter[g->ncounter++]) != 0;
    return db_end(st, bad ? -1 : 0, NULL);
}
