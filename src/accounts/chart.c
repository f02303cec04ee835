/* chart.c: the chart of accounts and the event → accounts mapping (see chart.h). */
#include "chart.h"

#include <string.h>

#include "audit.h"

/* The account categories of 民间非营利组织会计制度, in the order of the chart. */
static const struct {
    const char *code, *name;
} categories[] = {
    {"asset", "资产类"},  {"liability", "负债类"}, {"net_assets", "净资产类"},
    {"income", "收入类"}, {"expense", "费用类"},
};

/* Every money event a voucher is made of, in the order the mapping is listed. */
static const struct {
    const char *code, *name;
} events[] = {
    {"guarantee_income", "担保基金收入"},
    {"guarantee_adjustment_in", "担保基金调增"},
    {"guarantee_adjustment_out", "担保基金调减"},
    {"guarantee_payout", "担保代偿"},
    {"guarantee_recovery", "代偿追偿收回"},
    {"relief_income_district", "救助资金收入（区财政拨款）"},
    {"relief_income_township", "救助资金收入（镇财政拨款）"},
    {"relief_income_donation", "救助资金收入（社会捐赠）"},
    {"relief_income_other", "救助资金收入（其他）"},
    {"relief_payment_bank", "救助金发放（转账）"},
    {"relief_payment_cash", "救助金发放（现金）"},
    {"programme_payment", "扶助项目代发（银行）"},
    {"loan_write_off", "代偿款核销"},
    {"guarantee_recovery_written_off", "核销后收回代偿款"},
    {"subsidy_received", "收到财政贴息资金"},
};

const char *account_category_name(const char *category)
{
    for (size_t i = 0; category && i < sizeof categories / sizeof categories[0]; i++)
        if (strcmp(categories[i].code, category) == 0)
            return categories[i].name;
    return NULL;
}

const char *voucher_event_name(const char *event)
{
    for (size_t i = 0; event && i < sizeof events / sizeof events[0]; i++)
        if (strcmp(events[i].code, event) == 0)
            return events[i].name;
    return NULL;
}

/* Reads an ACCOUNT_ROW and a VOUCHER_RULE_ROW. */
static DB_ROW_READER(account_read, ACCOUNT_ROW, struct account) static DB_ROW_READER(rule_read, VOUCHER_RULE_ROW,
                                                                                     struct voucher_rule)

    int account_list(struct db *db, void (*fn)(const struct account *, void *), void *ctx)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ACCOUNT_ROW) " FROM accounts a ORDER BY a.code");
    if (!st)
        return -1;
    int n = 0, rc;
    struct account a;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (account_read(st, &a) != 0) {
            rc = -1;
            break;
        }
        fn(&a, ctx);
        n++;
    }
    db_done(st);
    return rc == SQLITE_DONE ? n : -1;
}

int account_get(struct db *db, int64_t id, struct account *out, struct err *e)
{
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(ACCOUNT_ROW) " FROM accounts a WHERE a.id = ?");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "i", id);
    int rc = sqlite3_step(st);
    int bad = rc == SQLITE_ROW && account_read(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    return rc == SQLITE_ROW ? 0 : err_set(e, 404, "not_found", NULL, "会计科目不存在");
}

/* Checks an account's code and name, and that no other account (than `self`) has them. 0 or -1. */
static int account_check(struct db *db, int64_t self, const char *code, const char *name, struct err *e)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 4 || n > ACCOUNT_CODE_MAX_CHARS || strspn(code, "0123456789") != n)
        return err_set(e, 422, "invalid_code", "code", "科目编号应为4到12位数字");
    if (text_check(name, 2, ACCOUNT_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "科目名称应为2到40个字");
    if (db_int(db, 0, "SELECT 1 FROM accounts WHERE code = ? AND id <> ?", "ti", code, self) == 1)
        return err_set(e, 409, "duplicate_code", "code", "科目编号 %s 已被使用", code);
    if (db_int(db, 0, "SELECT 1 FROM accounts WHERE name = ? AND id <> ?", "ti", name, self) == 1)
        return err_set(e, 409, "duplicate_name", "name", "科目名称“%s”已被使用", name);
    return 0;
}

/* 0 when the actor is the administrator, else -1 with 403. */
static int admin_only(const struct user_ctx *actor, struct err *e)
{
    return actor->role == ROLE_ADMIN ? 0 : err_set(e, 403, "forbidden", NULL, "只有系统管理员可以修改会计科目");
}

int64_t account_create(struct db *db, const struct user_ctx *actor, const char *code, const char *name,
                       const char *category, struct err *e)
{
    if (admin_only(actor, e) != 0 || account_check(db, 0, code, name, e) != 0)
        return -1;
    if (!account_category_name(category))
        return err_set(e, 422, "invalid_category", "category",
                       "科目类别应为 asset、liability、net_assets、income 或 expense");
    if (db_int(db, 0, "SELECT count(*) FROM accounts", "") >= ACCOUNTS_MAX)
        return err_set(e, 409, "too_many_accounts", NULL, "会计科目最多 %d 个", ACCOUNTS_MAX);
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int ok = db_run(db, "INSERT INTO accounts (code, name, category) VALUES (?, ?, ?)", "ttt", code, name, category) ==
             SQLITE_DONE;
    int64_t id = ok ? sqlite3_last_insert_rowid(db->h) : -1;
    return audit_commit(db, ok, actor, "create", "account", id, NULL,
                        json_pack("{s:s, s:s, s:s}", "code", code, "name", name, "category", category), e) == 0
               ? id
               : -1;
}

int account_update(struct db *db, const struct user_ctx *actor, int64_t id, const char *code, const char *name,
                   struct err *e)
{
    struct account was;
    if (admin_only(actor, e) != 0 || account_get(db, id, &was, e) != 0 || account_check(db, id, code, name, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    /* the default rules name accounts by code (schema 034): they follow the account to its new code */
    int ok = db_run(db, "UPDATE accounts SET code = ?, name = ? WHERE id = ?", "tti", code, name, id) == SQLITE_DONE &&
             db_run(db, "UPDATE voucher_rule_defaults SET debit_code = ? WHERE debit_code = ?", "tt", code, was.code) ==
                 SQLITE_DONE &&
             db_run(db, "UPDATE voucher_rule_defaults SET credit_code = ? WHERE credit_code = ?", "tt", code, was.code) ==
                 SQLITE_DONE;
    return audit_commit(db, ok, actor, "update", "account", id,
                        json_pack("{s:s, s:s}", "code", was.code, "name", was.name),
                        json_pack("{s:s, s:s}", "code", code, "name", name), e);
}

int voucher_rule_list(struct db *db, void (*fn)(const struct voucher_rule *, void *), void *ctx)
{
    sqlite3_stmt *st =
        db_prep(db, "SELECT " DB_ROW_COLUMNS(
                        VOUCHER_RULE_ROW) " FROM " VOUCHER_RULES_TABLE " r "
                                          "JOIN accounts d ON d.id = r.debit_id JOIN accounts c ON c.id = r.credit_id "
                                          "WHERE r.event = ?");
    if (!st)
        return -1;
    int n = 0;
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        db_bind(st, "t", events[i].code);
        struct voucher_rule x;
        int rc = sqlite3_step(st);
        int bad = rc == SQLITE_ROW && rule_read(st, &x) != 0;
        sqlite3_reset(st);
        if (bad || (rc != SQLITE_ROW && rc != SQLITE_DONE)) {
            db_done(st);
            return -1;
        }
        if (rc == SQLITE_ROW) {
            fn(&x, ctx);
            n++;
        }
    }
    db_done(st);
    return n;
}

int voucher_rule_set(struct db *db, const struct user_ctx *actor, const char *event, const char *debit_code,
                     const char *credit_code, struct err *e)
{
    if (admin_only(actor, e) != 0)
        return -1;
    if (!voucher_event_name(event))
        return err_set(e, 404, "not_found", NULL, "没有这种资金事项");
    int64_t debit = db_int(db, 0, "SELECT id FROM accounts WHERE code = ?", "t", debit_code ? debit_code : "");
    int64_t credit = db_int(db, 0, "SELECT id FROM accounts WHERE code = ?", "t", credit_code ? credit_code : "");
    if (!debit)
        return err_set(e, 422, "unknown_account", "debit_code", "借方科目编号不存在");
    if (!credit)
        return err_set(e, 422, "unknown_account", "credit_code", "贷方科目编号不存在");
    if (debit == credit)
        return err_set(e, 422, "same_account", "credit_code", "借方和贷方不能是同一个科目");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    json_t *before = json_pack(
        "{s:I, s:I}", "debit_id",
        (json_int_t)db_int(db, 0, "SELECT debit_id FROM " VOUCHER_RULES_TABLE " r WHERE event = ?", "t", event),
        "credit_id", (json_int_t)db_int(db, 0, "SELECT credit_id FROM " VOUCHER_RULES_TABLE " r WHERE event = ?", "t", event));
    /* an event still on its default gets its row in voucher_rules (with the default's words) */
    int ok = db_run(db,
                    "INSERT INTO voucher_rules (event, debit_id, credit_id, summary) SELECT ?3, ?1, ?2, summary FROM "
                    VOUCHER_RULES_TABLE " r WHERE r.event = ?3 "
                    "ON CONFLICT (event) DO UPDATE SET debit_id = ?1, credit_id = ?2",
                    "iit", debit, credit, event) == SQLITE_DONE &&
             sqlite3_changes(db->h) == 1;
    int64_t rowid = db_int(db, 0, "SELECT rowid FROM voucher_rules WHERE event = ?", "t", event);
    return audit_commit(
        db, ok, actor, "update", "voucher_rule", rowid, before,
        json_pack("{s:s, s:s, s:s}", "event", event, "debit_code", debit_code, "credit_code", credit_code), e);
}
