/*
 * chart.h: the chart of accounts (会计科目表) of the association, a 社会团体 keeping its books under
 * 民间非营利组织会计制度: the level-1 accounts with their standard codes are seeded (schema
 * 040_accounts.sql); the administrator edits codes and names and adds sub-accounts. And the one
 * mapping from each money event to the debit and credit account of its voucher (voucher_rules),
 * which the administrator may point at other accounts.
 */
#ifndef BANGFU_CHART_H
#define BANGFU_CHART_H
#include <stdint.h>

#include "db.h"
#include "db_row.h"
#include "err.h"
#include "text.h"
#include "user_ctx.h"

#define ACCOUNT_CODE_MAX_CHARS 12 /* 4 digits for a level-1 account, more for sub-accounts */
#define ACCOUNT_CODE_SIZE (ACCOUNT_CODE_MAX_CHARS + 1)
#define ACCOUNT_NAME_MAX_CHARS 40
#define ACCOUNT_NAME_SIZE TEXT_SIZE(ACCOUNT_NAME_MAX_CHARS)
#define ACCOUNT_SUMMARY_MAX_CHARS 40 /* the opening words of a voucher's 摘要 per event */
#define ACCOUNT_SUMMARY_SIZE TEXT_SIZE(ACCOUNT_SUMMARY_MAX_CHARS)
#define VOUCHER_EVENT_SIZE 32        /* an event code such as guarantee_adjustment_out */
#define ACCOUNTS_MAX 500             /* accounts a chart may hold (the seed has 48) */

/* One account: its code (digits), name and category (asset, liability, net_assets, income,
   expense). */
#define ACCOUNT_ROW(X, _)                                                                                             \
    X("a.id", INT64, id) _ X("a.code", TEXT(ACCOUNT_CODE_SIZE), code) _ X("a.name", TEXT(ACCOUNT_NAME_SIZE), name) _ \
        X("a.category", TEXT(CODE_SIZE), category)
struct account {
    DB_ROW_FIELDS(ACCOUNT_ROW)
};

/* The Chinese name of a category (资产类 ...), NULL for an unknown code. */
const char *account_category_name(const char *category);
/* Calls fn for every account in code order. Returns the count or -1. */
int account_list(struct db *db, void (*fn)(const struct account *, void *), void *ctx);
/* Loads one account. 0, or -1 with 404 not_found. */
int account_get(struct db *db, int64_t id, struct account *out, struct err *e);
/* Adds an account (administrator): code 4–12 digits, name 2–40 characters, a category; 422
   invalid_code / invalid_name / invalid_category, 409 duplicate_code / duplicate_name. Returns its
   id or -1. Audited. */
int64_t account_create(struct db *db, const struct user_ctx *actor, const char *code, const char *name,
                       const char *category, struct err *e);
/* Changes an account's code and name (the same checks); the vouchers show the new ones from then
   on. 0 or -1. Audited with before and after. */
int account_update(struct db *db, const struct user_ctx *actor, int64_t id, const char *code, const char *name,
                   struct err *e);

/* One event's mapping: the event code, its Chinese name (voucher_event_name), the accounts it
   debits and credits and the words opening the voucher's 摘要. */
#define VOUCHER_RULE_ROW(X, _)                                                                                        \
    X("r.event", TEXT(VOUCHER_EVENT_SIZE), event) _ X("r.debit_id", INT64, debit_id) _                                \
        X("d.code", TEXT(ACCOUNT_CODE_SIZE), debit_code) _ X("d.name", TEXT(ACCOUNT_NAME_SIZE), debit_name) _       \
        X("r.credit_id", INT64, credit_id) _ X("c.code", TEXT(ACCOUNT_CODE_SIZE), credit_code) _                     \
        X("c.name", TEXT(ACCOUNT_NAME_SIZE), credit_name) _ X("r.summary", TEXT(ACCOUNT_SUMMARY_SIZE), summary)
struct voucher_rule {
    DB_ROW_FIELDS(VOUCHER_RULE_ROW)
};

/* Every event's rule as a table (event, debit_id, credit_id, summary) for SQL: voucher_rules, and
   for an event that has no row there its default from voucher_rule_defaults (accounts by their
   standard codes; schema 034). voucher_rule_set stores a changed default in voucher_rules. */
#define VOUCHER_RULES_TABLE                                                                                           \
    "(SELECT event, debit_id, credit_id, summary FROM voucher_rules UNION ALL SELECT f.event, fd.id, fc.id, "          \
    "f.summary FROM voucher_rule_defaults f JOIN accounts fd ON fd.code = f.debit_code JOIN accounts fc ON "           \
    "fc.code = f.credit_code WHERE f.event NOT IN (SELECT event FROM voucher_rules))"

/* The Chinese name of a money event (担保基金收入 ...), NULL for an unknown code. */
const char *voucher_event_name(const char *event);
/* Calls fn for every event's mapping in the order of voucher_event_name's list. Returns the count
   or -1. */
int voucher_rule_list(struct db *db, void (*fn)(const struct voucher_rule *, void *), void *ctx);
/* Points an event at other accounts, given by code (administrator): 404 not_found for an unknown
   event, 422 unknown_account (field debit_code or credit_code), 422 same_account when both are one.
   Vouchers of earlier entries follow the new mapping too (they are derived, never stored). 0 or -1.
   Audited. */
int voucher_rule_set(struct db *db, const struct user_ctx *actor, const char *event, const char *debit_code,
                     const char *credit_code, struct err *e);

#endif
