/*
 * relief_fund.h: the relief funds (人口和计划生育公益金 and others) and their append-only ledger:
 * income by source, one debit per relief payment, reversing entries for corrections and voided
 * receipts. Every entry stores the fund's balance after it, which can never be negative: a
 * posting is checked and written inside the caller's BEGIN IMMEDIATE transaction, so two clerks
 * paying at the same moment cannot both spend the last yuan.
 */
#ifndef BANGFU_RELIEF_FUND_H
#define BANGFU_RELIEF_FUND_H
#include <stdint.h>

#include "date.h"
#include "db.h"
#include "db_row.h"
#include "err.h"
#include "user.h"
#include "text.h"

enum relief_source { SRC_DISTRICT, SRC_TOWNSHIP, SRC_DONATION, SRC_OTHER, SRC__MAX };
/* "district" ... and 区财政拨款 ...; NULL out of range. */
const char *relief_source_code(int s);
const char *relief_source_name(int s);
/* The source for a code or a Chinese name, or -1. */
int relief_source_parse(const char *s);

#define RELIEF_FUND_MAX 32                   /* funds listed at most */
#define RELIEF_INCOME_MAX_FEN 100000000000LL /* one income entry: at most 10 亿元 */

/* A fund belongs to a unit (the district or a township): only users whose scope holds that unit
   read its ledger or write to it, and it pays only applications at or below that unit. */
/* A fund and its unit (the figures are summed after). */
#define RELIEF_FUND_ROW(X, _)                                                                                           \
    X("f.id", INT64, id) _ X("f.name", TEXT(FUND_NAME_SIZE), name) _ X("f.active", INT, active) _                    \
        X("f.unit_id", INT64, unit_id) _ X("u.name", TEXT(NAME_SIZE), unit_name)
struct relief_fund {
    DB_ROW_FIELDS(RELIEF_FUND_ROW)
    int64_t balance_fen;
    int64_t income_fen[SRC__MAX]; /* received per source, net of reversed income */
    int64_t paid_fen;             /* relief disbursed, net of voided receipts (programme payments, 项目代发, are
                                     in the ledger and the balance, not here) */
};

/* Calls fn for every fund in the actor's scope, in id order. Returns the count or -1. */
int relief_fund_list(struct db *db, const struct user_ctx *actor, void (*fn)(const struct relief_fund *, void *),
                     void *ctx);
/* The same with only each fund's balance filled (income_fen and paid_fen 0): one indexed read per
   fund, where relief_fund_list sums each fund's whole ledger (the dashboard's tiles). */
int relief_fund_balances(struct db *db, const struct user_ctx *actor, void (*fn)(const struct relief_fund *, void *),
                         void *ctx);
/* Loads one fund in the actor's scope with its figures. Returns 0, or -1 with 404 (unknown) or
   403 out_of_scope in e. */
int relief_fund_get(struct db *db, const struct user_ctx *actor, int64_t id, struct relief_fund *out, struct err *e);
/* Creates a fund (finance, admin) belonging to the actor's unit. Returns its id or -1 with e. Audited. */
int64_t relief_fund_create(struct db *db, const struct user_ctx *actor, const char *name, struct err *e);

/* Books income from a source with its date (not after today) and document number, to a fund in
   the actor's scope. Returns the entry id or -1. Audited. */
int64_t relief_fund_income(struct db *db, const struct user_ctx *actor, int64_t fund_id, const char *source,
                           int64_t amount_fen, const char *on, const char *document_no, const char *note,
                           struct date today, struct err *e);
/* Reverses an income entry of a fund in the actor's scope (a correction) on a date (not after
   today, not before the entry) with a reason: the opposite amount, pointing at the entry. Refused when already reversed, when not income, or when the balance would go below
   zero (409 insufficient_funds). Returns the new entry id or -1. Audited. */
int64_t relief_fund_reverse(struct db *db, const struct user_ctx *actor, int64_t entry_id, const char *on,
                            const char *reason, struct date today, struct err *e);

/* One posting inside the caller's transaction, to a fund in the actor's scope (403 otherwise): kind "disbursement" (amount < 0, payment_id set) or
   "reversal" (reverses_id set). Refuses with 409 insufficient_funds when the balance would go
   below zero. Returns the entry id or -1 with e. */
int64_t relief_fund_post(struct db *db, const struct user_ctx *actor, int64_t fund_id, const char *kind,
                         int64_t amount_fen, const char *on, const char *note, int64_t payment_id,
                         int64_t reverses_id, struct err *e);

/* One debit for the rows of a programme's roll paid by one bank return, inside the caller's
   transaction: kind "programme" (amount < 0) pointing at the roll, with the return's document
   number. 409 insufficient_funds when the balance would go below zero. Returns the entry id or -1. */
int64_t relief_fund_post_roll(struct db *db, const struct user_ctx *actor, int64_t fund_id, int64_t amount_fen,
                              const char *on, const char *document_no, const char *note, int64_t roll_id,
                              struct err *e);

/* The Chinese name of an entry kind: 收入, 发放, 冲正, 项目代发 (the code itself when unknown). */
const char *relief_entry_kind_name(const char *kind);
/* The fund an entry belongs to, or 0. */
int64_t relief_fund_of_entry(struct db *db, int64_t entry_id);

#define FUND_CODE_SIZE 16 /* entry kinds and income sources */

/* A ledger entry with the running balance; a disbursement's receipt; whether a later entry
   reverses it. The note's SQL names a sensitive category by its public name when ?4 is 1. */
#define RELIEF_FUND_ENTRY_ROW(X, _)                                                                                     \
    X("e.id", INT64, id) _ X("e.kind", TEXT(FUND_CODE_SIZE), kind) _                                                  \
        X("coalesce(e.source, '')", TEXT(FUND_CODE_SIZE), source) /* code, "" when none */ _                          \
        X("e.amount_fen", MONEY, amount_fen) _                                                                      \
        X("e.on_date", DATE, on) _ X("e.document_no", TEXT(DOC_NO_SIZE), document_no) _                              \
        X("CASE WHEN ?4 = 1 AND c.sensitive = 1 AND c.public_name <> '' "                                            \
          "THEN replace(e.note, c.name, c.public_name) ELSE e.note END",                                               \
          TEXT(NOTE_SIZE), note) _                                                                                     \
        X("coalesce(p.receipt_no, '')", TEXT(DOC_NO_SIZE), receipt_no) /* disbursements */ _                          \
        X("coalesce(e.reverses_id, 0)", INT64, reverses_id) _                                                          \
        X("EXISTS (SELECT 1 FROM relief_fund_entries r WHERE r.reverses_id = e.id)", INT,                              \
          reversed) /* a later entry reverses this one */
struct relief_fund_entry {
    DB_ROW_FIELDS(RELIEF_FUND_ENTRY_ROW)
    int64_t balance_after_fen; /* running in date order (relief_fund_ledger) */
};
/* The fund's balance at the start of day `from` (the sum of its entries dated before it): a
   ledger's 期初余额. 0 for NULL or "". */
int64_t relief_fund_opening(struct db *db, int64_t fund_id, const char *from);
/* Calls fn for the fund's entries dated within [from, to] (either may be NULL), in the order of
   their dates and, on one date, of their booking (as a ledger is kept); each carries the running
   balance in that order (balance_after_fen: relief_fund_opening(from) plus the entries up to it). With public_names, a disbursement's note names a sensitive
   category by its public name (for readers outside the relief roles). The fund must have been
   loaded with relief_fund_get (scope). Returns the count or -1. */
int relief_fund_ledger(struct db *db, int64_t fund_id, const char *from, const char *to, int public_names,
                       void (*fn)(const struct relief_fund_entry *, void *), void *ctx);
/* relief_fund_ledger, calling fn only for the entries from position offset (0 first), at most
   limit of them; each still carries the balance after it over the whole period, so every page's
   balances are those of the full ledger. Returns the count of all entries of the period or -1. */
int relief_fund_ledger_page(struct db *db, int64_t fund_id, const char *from, const char *to, int public_names, int limit,
                            int offset, void (*fn)(const struct relief_fund_entry *, void *), void *ctx);
/* 1 when the role handles relief applications (and so may see sensitive category names): admin,
   association, relief clerk, finance. */
int relief_fund_real_names(enum role role);

#endif
