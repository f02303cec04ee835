/* relief_fund.c: relief funds and their append-only ledger (see relief_fund.h). */
#include "relief_fund.h"

#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "ledger_entry.h"
#include "money.h"
#include "text.h"

static const struct {
    const char *code, *name;
} sources[SRC__MAX] = {
    {"district", "区财政拨款"}, {"township", "镇财政拨款"}, {"donation", "社会捐助"}, {"other", "其他"}};

const char *relief_source_code(int s)
{
    return s >= 0 && s < SRC__MAX ? sources[s].code : NULL;
}

const char *relief_source_name(int s)
{
    return s >= 0 && s < SRC__MAX ? sources[s].name : NULL;
}

int relief_source_parse(const char *s)
{
    for (int i = 0; s && i < SRC__MAX; i++)
        if (strcmp(s, sources[i].code) == 0 || strcmp(s, sources[i].name) == 0)
            return i;
    return -1;
}

/* A fund's balance: its last entry's (relief_fund_entries_fund). */
static int64_t fund_balance(struct db *db, int64_t fund_id)
{
    return db_int(db, 0, "SELECT balance_after_fen FROM relief_fund_entries WHERE fund_id = ? ORDER BY id DESC LIMIT 1",
                  "i", fund_id);
}

/* Fills a fund's figures from the ledger. */
static void fund_figures(struct db *db, struct relief_fund *f)
{
    f->balance_fen = fund_balance(db, f->id);
    memset(f->income_fen, 0, sizeof f->income_fen);
    sqlite3_stmt *st = db_prep(db, "SELECT source, sum(amount_fen) FROM relief_fund_entries "
                                   "WHERE fund_id = ? AND source IS NOT NULL GROUP BY source");
    if (st) {
        db_bind(st, "i", f->id);
        while (sqlite3_step(st) == SQLITE_ROW) {
            int s = relief_source_parse(db_text(st, 0));
            if (s >= 0)
                f->income_fen[s] = sqlite3_column_int64(st, 1);
        }
        db_done(st);
    }
    f->paid_fen = -db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM relief_fund_entries "
                                 "WHERE fund_id = ? AND source IS NULL AND kind <> 'programme'", "i", f->id);
}

/* The columns of a fund and whether its unit is in the scope ?2; the fund is ?1 or every fund. */
#define FUND_SELECT                                                                                                   \
    "SELECT " DB_ROW_COLUMNS(RELIEF_FUND_ROW) ", in_scope(u.path, ?2) FROM relief_funds f "                         \
    "JOIN units u ON u.id = f.unit_id "

/* Copies a fund row of FUND_SELECT into out. */
static DB_ROW_READER(fund_row, RELIEF_FUND_ROW, struct relief_fund)
static DB_ROW_READER(fund_entry_read, RELIEF_FUND_ENTRY_ROW, struct relief_fund_entry)

/* The funds in the actor's scope, in id order, each with its balance and, when `sums`, its income
   by source and what it paid (fund_figures); else only the balance (the last entry's, one indexed
   read). Returns the count or -1. */
static int fund_each(struct db *db, const struct user_ctx *actor, int sums, void (*fn)(const struct relief_fund *, void *),
                     void *ctx)
{
    sqlite3_stmt *st = db_prep(db, FUND_SELECT "WHERE in_scope(u.path, ?2) ORDER BY f.id");
    if (!st)
        return -1;
    db_bind(st, "it", (int64_t)0, actor->unit_path);
    struct relief_fund rows[RELIEF_FUND_MAX];
    int n = 0, bad = 0;
    while (!bad && n < RELIEF_FUND_MAX && sqlite3_step(st) == SQLITE_ROW) {
        memset(&rows[n], 0, sizeof rows[n]);
        bad = fund_row(st, &rows[n++]) != 0;
    }
    if (db_end(st, bad ? -1 : 0, NULL) != 0)
        return -1;
    for (int i = 0; i < n; i++) {
        if (sums)
            fund_figures(db, &rows[i]);
        else
            rows[i].balance_fen = fund_balance(db, rows[i].id);
        fn(&rows[i], ctx);
    }
    return n;
}

int relief_fund_list(struct db *db, const struct user_ctx *actor, void (*fn)(const struct relief_fund *, void *),
                     void *ctx)
{
    return fund_each(db, actor, 1, fn, ctx);
}

int relief_fund_balances(struct db *db, const struct user_ctx *actor, void (*fn)(const struct relief_fund *, void *),
                         void *ctx)
{
    return fund_each(db, actor, 0, fn, ctx);
}

/* Reads fund id into out when it is in the actor's scope, with its balance and, when `sums`, its
   income by source and what it paid (fund_figures, which sums its ledger). 0, or -1 with e (404, 403). */
static int fund_get(struct db *db, const struct user_ctx *actor, int64_t id, int sums, struct relief_fund *out,
                    struct err *e)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = db_prep(db, FUND_SELECT "WHERE f.id = ?1");
    if (!st)
        return db_fail(db, e);
    db_bind(st, "it", id, actor->unit_path);
    int found = sqlite3_step(st) == SQLITE_ROW,
        in_scope = found && sqlite3_column_int(st, DB_ROW_NCOLS(RELIEF_FUND_ROW)) == 1;
    int bad = found && fund_row(st, out) != 0;
    db_done(st);
    if (bad)
        return db_row_fail(e);
    if (!found)
        return err_set(e, 404, "fund_not_found", "fund_id", "资金不存在");
    if (!in_scope)
        return err_set(e, 403, "out_of_scope", "fund_id", "该资金不属于您的管辖范围");
    if (sums)
        fund_figures(db, out);
    else
        out->balance_fen = fund_balance(db, out->id);
    return 0;
}

int relief_fund_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_fund *out, struct err *e)
{
    return fund_get(db, actor, id, 1, out, e);
}

int64_t relief_fund_create(struct db *db, const struct user_ctx *actor, const char *name, struct err *e)
{
    if (text_check(name, 2, FUND_NAME_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_name", "name", "资金名称应为2到40个字");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    if (db_int(db, 0, "SELECT count(*) FROM relief_funds WHERE name = ?", "t", name) > 0) {
        db_rollback(db);
        return err_set(e, 409, "duplicate_fund", "name", "已有同名资金");
    }
    int64_t id = -1;
    if (db_run(db, "INSERT INTO relief_funds (name, unit_id) VALUES (?, ?)", "ti", name, actor->unit_id) ==
        SQLITE_DONE)
        id = sqlite3_last_insert_rowid(db->h);
    return audit_commit(db, id > 0, actor, "create", "relief_fund", id, NULL, json_pack("{s:s}", "name", name), e) == 0
               ? id
               : -1;
}

/* What an entry points at: the payment it disburses, the entry it reverses, the roll it pays (0: none). */
struct post_refs {
    int64_t payment_id, reverses_id, roll_id;
};

/* Inserts one entry after checking the balance, inside the caller's transaction. source, document
   and note may be NULL. Returns the id or -1 with e. */
static int64_t post(struct db *db, const struct user_ctx *actor, int64_t fund_id, const char *kind, const char *source,
                    int64_t amount_fen, const char *on, const char *document_no, const char *note,
                    struct post_refs refs, struct err *e)
{
    struct relief_fund f;
    if (fund_get(db, actor, fund_id, 0, &f, e) != 0) /* the balance alone: a booking never sums the ledger */
        return -1;
    int64_t balance = f.balance_fen;
    if (balance + amount_fen < 0) {
        char have[32];
        snprintf(have, sizeof have, "%lld.%02lld", (long long)(balance / 100), (long long)(balance % 100));
        return err_set(e, 409, "insufficient_funds", "fund_id", "资金余额不足：当前余额 %s 元", have);
    }
    if (db_run(db, "INSERT INTO relief_fund_entries (fund_id, kind, source, amount_fen, balance_after_fen, on_date, "
                   "document_no, note, payment_id, reverses_id, created_by, roll_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               "ittiitttIIII", fund_id, kind, source, amount_fen, balance + amount_fen, on,
               document_no ? document_no : "", note ? note : "", refs.payment_id, refs.reverses_id, actor->id,
               refs.roll_id) != SQLITE_DONE)
        return db_fail(db, e);
    return sqlite3_last_insert_rowid(db->h);
}

int64_t relief_fund_post(struct db *db, const struct user_ctx *actor, int64_t fund_id, const char *kind,
                         int64_t amount_fen, const char *on, const char *note, int64_t payment_id,
                         int64_t reverses_id, struct err *e)
{
    return post(db, actor, fund_id, kind, NULL, amount_fen, on, NULL, note, (struct post_refs){payment_id, reverses_id, 0},
                e);
}

int64_t relief_fund_post_roll(struct db *db, const struct user_ctx *actor, int64_t fund_id, int64_t amount_fen,
                              const char *on, const char *document_no, const char *note, int64_t roll_id,
                              struct err *e)
{
    if (amount_fen >= 0 || roll_id <= 0)
        return err_set(e, 500, "internal_error", NULL, "项目发放的金额应为负数并指向名册");
    return post(db, actor, fund_id, "programme", NULL, amount_fen, on, document_no, note,
                (struct post_refs){0, 0, roll_id}, e);
}

int64_t relief_fund_income(struct db *db, const struct user_ctx *actor, int64_t fund_id, const char *source,
                           int64_t amount_fen, const char *on, const char *document_no, const char *note,
                           struct date today, struct err *e)
{
    int s = relief_source_parse(source);
    if (s < 0)
        return err_set(e, 422, "invalid_source", "source", "来源应为 区财政拨款、镇财政拨款、社会捐助 或 其他");
    if (amount_fen <= 0)
        return err_set(e, 422, "invalid_amount", "amount_fen", "收入金额应大于零");
    if (amount_fen > RELIEF_INCOME_MAX_FEN) {
        char max[MONEY_TEXT_SIZE];
        money_format(RELIEF_INCOME_MAX_FEN, max, sizeof max);
        return err_set(e, 422, "invalid_amount", "amount_fen", "一笔收入不能超过 %s 元", max);
    }
    if (ledger_entry_check(on, today, document_no, note, e) != 0)
        return -1;
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    int64_t id = post(db, actor, fund_id, "income", relief_source_code(s), amount_fen, on, document_no, note,
                      (struct post_refs){0, 0, 0}, e);
    if (id < 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:I, s:s, s:I, s:s, s:s}", "fund_id", (json_int_t)fund_id, "source",
                              relief_source_code(s), "amount_fen", (json_int_t)amount_fen, "on", on, "document_no",
                              document_no);
    return audit_commit(db, 1, actor, "create", "relief_fund_entry", id, NULL, after, e) == 0 ? id : -1;
}

/* An entry to be reversed: its fund, kind, source, amount and document, how many entries reverse
   it already, and whether it is dated after the reversal's day ?1. */
#define REVERSED_ENTRY_ROW(X, _)                                                                                      \
    X("fund_id", INT64, fund_id) _ X("kind", TEXT(FUND_CODE_SIZE), kind) _ X("source", TEXT(FUND_CODE_SIZE), source) _                 \
        X("amount_fen", MONEY, amount) _ X("document_no", TEXT(DOC_NO_SIZE), doc) _                                        \
        X("(SELECT count(*) FROM relief_fund_entries r WHERE r.reverses_id = e.id)", INT, reversed) _              \
        X("on_date > ?1", INT, early)
struct reversed_entry {
    DB_ROW_FIELDS(REVERSED_ENTRY_ROW)
};
/* Reads a REVERSED_ENTRY_ROW. */
static DB_ROW_READER(reversed_entry_read, REVERSED_ENTRY_ROW, struct reversed_entry)

int64_t relief_fund_reverse(struct db *db, const struct user_ctx *actor, int64_t entry_id, const char *on,
                            const char *reason, struct date today, struct err *e)
{
    if (ledger_entry_date(on, today, e) != 0)
        return -1;
    if (text_check(reason, 2, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_reason", "reason", "请填写冲正原因（2到200字）");
    if (db_begin(db) != SQLITE_OK)
        return db_fail(db, e);
    sqlite3_stmt *st = db_prep(db, "SELECT " DB_ROW_COLUMNS(REVERSED_ENTRY_ROW) " FROM relief_fund_entries e WHERE id = ?2");
    if (!st) {
        db_rollback(db);
        return db_fail(db, e);
    }
    db_bind(st, "ti", on, entry_id);
    struct reversed_entry x = {0};
    int found = sqlite3_step(st) == SQLITE_ROW, bad = found && reversed_entry_read(st, &x) != 0;
    db_done(st);
    struct relief_fund f; /* scope first: another unit's entry says nothing about itself */
    int rc = bad                                             ? db_row_fail(e)
             : !found                                        ? err_set(e, 404, "entry_not_found", NULL, "账目不存在")
             : relief_fund_get(db, actor, x.fund_id, &f, e) ? -1
             : strcmp(x.kind, "income") ? err_set(e, 409, "not_income", NULL, "只能冲正收入；发放请作废领款凭证")
             : x.reversed > 0           ? err_set(e, 409, "already_reversed", NULL, "该笔收入已冲正")
             : x.early                  ? err_set(e, 422, "invalid_date", "on", "冲正日期不能早于被冲正的收入日期")
                                        : 0;
    int64_t id = rc ? -1
                    : post(db, actor, x.fund_id, "reversal", x.source, -x.amount, on, x.doc, reason,
                           (struct post_refs){0, entry_id, 0}, e);
    if (id < 0) {
        db_rollback(db);
        return -1;
    }
    json_t *after = json_pack("{s:I, s:I, s:s}", "reverses_id", (json_int_t)entry_id, "amount_fen",
                              (json_int_t)-x.amount, "reason", reason);
    return audit_commit(db, 1, actor, "reverse", "relief_fund_entry", id, NULL, after, e) == 0 ? id : -1;
}

const char *relief_entry_kind_name(const char *kind)
{
    static const struct {
        const char *kind, *name;
    } kinds[] = {{"income", "收入"}, {"disbursement", "发放"}, {"reversal", "冲正"}, {"programme", "项目代发"}};
    for (size_t i = 0; kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kind, kinds[i].kind) == 0)
            return kinds[i].name;
    return kind;
}

int64_t relief_fund_of_entry(struct db *db, int64_t entry_id)
{
    return db_int(db, 0, "SELECT fund_id FROM relief_fund_entries WHERE id = ?", "i", entry_id);
}

int relief_fund_real_names(enum role role)
{
    return role == ROLE_ADMIN || role == ROLE_ASSOCIATION || role == ROLE_RELIEF || role == ROLE_FINANCE;
}

int64_t relief_fund_opening(struct db *db, int64_t fund_id, const char *from)
{
    if (!from || !*from)
        return 0;
    return db_int(db, 0, "SELECT coalesce(sum(amount_fen), 0) FROM relief_fund_entries WHERE fund_id = ? AND on_date < ?",
                  "it", fund_id, from);
}

int relief_fund_ledger(struct db *db, int64_t fund_id, const char *from, const char *to, int public_names,
                       void (*fn)(const struct relief_fund_entry *, void *), void *ctx)
{
    int64_t balance = relief_fund_opening(db, fund_id, from);
    /* a payment's note starts with its category's name: the public name replaces it (a voided
       receipt's reversal points at the payment's entry) */
    sqlite3_stmt *st = db_prep(
        db, "SELECT " DB_ROW_COLUMNS(RELIEF_FUND_ENTRY_ROW) " FROM relief_fund_entries e LEFT JOIN relief_payments p ON p.id = e.payment_id "
            "LEFT JOIN relief_fund_entries d ON d.id = e.reverses_id "
            "LEFT JOIN relief_payments pp ON pp.id = coalesce(e.payment_id, d.payment_id) "
            "LEFT JOIN relief_applications a ON a.id = pp.application_id "
            "LEFT JOIN relief_categories c ON c.id = a.category_id "
            "WHERE e.fund_id = ?1 AND (?2 IS NULL OR e.on_date >= ?2) AND (?3 IS NULL OR e.on_date <= ?3) "
            "ORDER BY e.on_date, e.id");
    if (!st)
        return -1;
    db_bind(st, "itti", fund_id, from && *from ? from : NULL, to && *to ? to : NULL, (int64_t)(public_names != 0));
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct relief_fund_entry x = {0};
        if (fund_entry_read(st, &x) != 0) {
            n = -1;
            break;
        }
        balance += x.amount_fen;
        x.balance_after_fen = balance;
        fn(&x, ctx);
        n++;
    }
    return db_end(st, n, NULL);
}

/* The window of relief_fund_ledger_page: the caller's fn and the entries to pass on. */
struct ledger_window {
    void (*fn)(const struct relief_fund_entry *, void *);
    void *ctx;
    int limit, offset, seen;
};

/* Passes on an entry inside the window. */
static void window_entry(const struct relief_fund_entry *x, void *ctx)
{
    struct ledger_window *w = ctx;
    int at = w->seen++;
    if (at >= w->offset && at - w->offset < w->limit)
        w->fn(x, w->ctx);
}

int relief_fund_ledger_page(struct db *db, int64_t fund_id, const char *from, const char *to, int public_names, int limit,
                            int offset, void (*fn)(const struct relief_fund_entry *, void *), void *ctx)
{
    struct ledger_window w = {fn, ctx, limit, offset, 0};
    return relief_fund_ledger(db, fund_id, from, to, public_names, window_entry, &w);
}
