/* api_accounts.c: /api/v1/accounts and /api/v1/voucher-rules (the chart of accounts and the event
   mapping), /api/v1/reports/vouchers and /api/v1/reports/trial-balance. */
#include <stdlib.h>
#include <string.h>

#include "account_sheets.h"
#include "api_doc.h"
#include "api_util.h"
#include "chart.h"
#include "handlers.h"
#include "trial_balance.h"
#include "voucher.h"

/* One account as JSON. */
static json_t *account_json(const struct account *a)
{
    return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)a->id, "code", a->code, "name", a->name, "category",
                     a->category);
}

/* Appends one account to a JSON array. */
static void account_item(const struct account *a, void *ctx)
{
    json_array_append_new(ctx, account_json(a));
}

void api_accounts_list(struct req *r)
{
    json_t *items = json_array();
    api_reply_list(r, items, account_list(r->db, account_item, items), NULL);
}

/* Answers with account id (status), or the error. */
static void account_reply(struct req *r, int64_t id, int status, struct err *e)
{
    struct account a;
    if (id <= 0 || account_get(r->db, id, &a, e) != 0)
        reply_json_error(r, e);
    else
        reply_json(r, status, account_json(&a));
}

void api_accounts_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *code, *name, *category;
    int64_t id = -1;
    if (j && !api_str(j, "code", &code, &e) && !api_str(j, "name", &name, &e) && !api_str(j, "category", &category, &e))
        id = account_create(r->db, &r->user, code, name, category, &e);
    account_reply(r, id, 201, &e);
    json_decref(j);
}

void api_accounts_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *code, *name;
    int64_t id = -1;
    if (j && !api_str(j, "code", &code, &e) && !api_str(j, "name", &name, &e) &&
        account_update(r->db, &r->user, r->id[0], code, name, &e) == 0)
        id = r->id[0];
    account_reply(r, id, 200, &e);
    json_decref(j);
}

/* Appends one event's mapping to a JSON array. */
static void rule_item(const struct voucher_rule *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "event", x->event, "name",
                                         voucher_event_name(x->event), "summary", x->summary, "debit_code",
                                         x->debit_code, "debit_name", x->debit_name, "credit_code", x->credit_code,
                                         "credit_name", x->credit_name));
}

void api_voucher_rules_list(struct req *r)
{
    json_t *items = json_array();
    api_reply_list(r, items, voucher_rule_list(r->db, rule_item, items), NULL);
}

/* Looks for one event's mapping: the event asked for and, when found, its JSON in a one-item array. */
struct rule_pick {
    const char *event;
    json_t *found;
};

/* Keeps the mapping of the event asked for. */
static void rule_pick(const struct voucher_rule *x, void *ctx)
{
    struct rule_pick *p = ctx;
    if (strcmp(x->event, p->event) == 0)
        rule_item(x, p->found);
}

void api_voucher_rules_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *debit, *credit;
    if (!j || api_str(j, "debit_code", &debit, &e) || api_str(j, "credit_code", &credit, &e) ||
        voucher_rule_set(r->db, &r->user, r->str, debit, credit, &e) != 0) {
        json_decref(j);
        reply_json_error(r, &e);
        return;
    }
    json_decref(j);
    struct rule_pick p = {r->str, json_array()};
    voucher_rule_list(r->db, rule_pick, &p);
    if (json_array_size(p.found) == 1)
        reply_json(r, 200, json_incref(json_array_get(p.found, 0)));
    else
        reply_fail(r, 500, "internal", "读取记账规则失败");
    json_decref(p.found);
}

/* Appends one voucher as JSON. */
static void voucher_item(const struct voucher *v, void *ctx)
{
    json_array_append_new(
        ctx, json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:{s:s, s:s}, s:I, s:b, s:s, s:s, s:s, s:s, s:I, s:s}",
                       "number", v->number, "date", v->on, "event", v->event, "summary", v->summary, "debit", "code",
                       v->debit_code, "name", v->debit_name, "credit", "code", v->credit_code, "name", v->credit_name,
                       "amount_fen", (json_int_t)v->amount_fen, "red", v->amount_fen < 0, "reverses", v->reverses,
                       "book", v->book, "unit", v->unit_name, "ledger", v->ledger, "entry_id", (json_int_t)v->entry_id,
                       "document_no", v->document_no));
}

/* Sums the amounts of a JSON voucher list. */
static json_int_t voucher_total(json_t *items)
{
    json_int_t t = 0;
    size_t i;
    json_t *v;
    json_array_foreach(items, i, v) t += json_integer_value(json_object_get(v, "amount_fen"));
    return t;
}

void api_report_vouchers(struct req *r)
{
    char from[11], to[11];
    struct sheet s;
    if (!account_report_start(r, "to", voucher_sheet, "vouchers", from, to, &s))
        return;
    sheet_free(&s);
    struct err e = {0};
    json_t *items = json_array();
    int n = voucher_list(r->db, r->user.unit_path, from, to, voucher_item, items, &e);
    if (n < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    json_int_t t = voucher_total(items);
    reply_json(r, 200,
               json_pack("{s:s, s:s, s:o, s:i, s:I, s:I}", "from", from, "to", to, "items", items, "total", n,
                         "debit_total_fen", t, "credit_total_fen", t));
}

/* The JSON of a trial balance: the accounts with figures and the column totals. */
static json_t *trial_balance_json(const struct tb_line *lines, int n, const char *from, const char *as_of)
{
    json_t *items = json_array();
    int64_t sums[TB_COLS] = {0};
    for (int i = 0; i < n; i++) {
        const struct tb_line *l = &lines[i];
        if (!l->opening_fen && !l->debit_fen && !l->credit_fen)
            continue;
        int64_t v[TB_COLS];
        tb_columns(l, v);
        for (int k = 0; k < TB_COLS; k++)
            sums[k] += v[k];
        json_array_append_new(items,
                              json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "code", l->account.code,
                                        "name", l->account.name, "category", l->account.category, "opening_debit_fen",
                                        (json_int_t)v[0], "opening_credit_fen", (json_int_t)v[1], "debit_fen",
                                        (json_int_t)v[2], "credit_fen", (json_int_t)v[3], "closing_debit_fen",
                                        (json_int_t)v[4], "closing_credit_fen", (json_int_t)v[5]));
    }
    return json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}, s:b}", "from", from, "as_of", as_of, "accounts",
                     items, "totals", "opening_debit_fen", (json_int_t)sums[0], "opening_credit_fen",
                     (json_int_t)sums[1], "debit_fen", (json_int_t)sums[2], "credit_fen", (json_int_t)sums[3],
                     "closing_debit_fen", (json_int_t)sums[4], "closing_credit_fen", (json_int_t)sums[5], "balanced",
                     sums[0] == sums[1] && sums[2] == sums[3] && sums[4] == sums[5]);
}

void api_report_trial_balance(struct req *r)
{
    char from[11], as_of[11];
    struct sheet s;
    if (!account_report_start(r, "as_of", trial_balance_sheet, "trial-balance", from, as_of, &s))
        return;
    sheet_free(&s);
    struct err e = {0};
    struct tb_line *lines;
    int n = trial_balance(r->db, r->user.unit_path, from, as_of, &lines, &e);
    if (n < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 200, trial_balance_json(lines, n, from, as_of));
    free(lines);
}

#define ACCOUNT_JSON                                                                                                   \
    API_OBJ("\"id\":" API_INT ",\"code\":" API_STR ",\"name\":" API_STR ",\"category\":" API_STR,                      \
            "\"id\",\"code\",\"name\",\"category\"")
#define RULE_JSON                                                                                                      \
    API_OBJ("\"event\":" API_STR ",\"name\":" API_STR ",\"summary\":" API_STR ",\"debit_code\":" API_STR               \
            ",\"debit_name\":" API_STR ",\"credit_code\":" API_STR ",\"credit_name\":" API_STR,                        \
            "\"event\",\"name\",\"debit_code\",\"credit_code\"")
#define SIDE_JSON API_OBJ("\"code\":" API_STR ",\"name\":" API_STR, "\"code\",\"name\"")
#define VOUCHER_JSON                                                                                                   \
    API_OBJ("\"number\":" API_STR ",\"date\":" API_STR ",\"event\":" API_STR ",\"summary\":" API_STR                   \
            ",\"debit\":" SIDE_JSON ",\"credit\":" SIDE_JSON ",\"amount_fen\":" API_INT ",\"red\":" API_BOOL           \
            ",\"reverses\":" API_STR ",\"book\":" API_STR ",\"unit\":" API_STR ",\"ledger\":" API_STR                  \
            ",\"entry_id\":" API_INT ",\"document_no\":" API_STR,                                                      \
            "\"number\",\"date\",\"summary\",\"debit\",\"credit\",\"amount_fen\",\"red\",\"book\"")
#define TB_LINE_JSON                                                                                                   \
    API_OBJ("\"code\":" API_STR ",\"name\":" API_STR ",\"category\":" API_STR ",\"opening_debit_fen\":" API_INT        \
            ",\"opening_credit_fen\":" API_INT ",\"debit_fen\":" API_INT ",\"credit_fen\":" API_INT                    \
            ",\"closing_debit_fen\":" API_INT ",\"closing_credit_fen\":" API_INT,                                      \
            "\"code\",\"name\",\"opening_debit_fen\",\"opening_credit_fen\",\"debit_fen\",\"credit_fen\","             \
            "\"closing_debit_fen\",\"closing_credit_fen\"")

const struct api_doc api_docs_accounts[] = {
    {"GET", "/api/v1/accounts", "会计科目表（民间非营利组织会计制度的一级科目及自设的明细科目），按编号排序", NULL,
     NULL, API_LIST(ACCOUNT_JSON), 0, NULL, NULL},
    {"POST", "/api/v1/accounts", "新增会计科目（系统管理员）", NULL,
     API_OBJ("\"code\":" API_STR ",\"name\":" API_STR ",\"category\":" API_STR, "\"code\",\"name\",\"category\""),
     ACCOUNT_JSON, 201, "422:invalid_code 422:invalid_name 422:invalid_category 409:duplicate_code 409:duplicate_name",
     NULL},
    {"PUT", "/api/v1/accounts/{id}", "修改会计科目的编号和名称（系统管理员）", NULL,
     API_OBJ("\"code\":" API_STR ",\"name\":" API_STR, "\"code\",\"name\""), ACCOUNT_JSON, 0,
     "404:not_found 422:invalid_code 422:invalid_name 409:duplicate_code 409:duplicate_name", NULL},
    {"GET", "/api/v1/voucher-rules", "每种资金事项的记账规则：借方科目和贷方科目", NULL, NULL, API_LIST(RULE_JSON), 0,
     NULL, NULL},
    {"PUT", "/api/v1/voucher-rules/{str}", "修改一种资金事项的借方和贷方科目（系统管理员）", NULL,
     API_OBJ("\"debit_code\":" API_STR ",\"credit_code\":" API_STR, "\"debit_code\",\"credit_code\""), RULE_JSON, 0,
     "404:not_found 422:unknown_account 422:same_account", NULL},
    {"GET", "/api/v1/reports/vouchers", "期间内的记账凭证（每笔资金收支一张，冲正为红字凭证），按账簿和凭证号排列",
     "from:date to:date unit_id:integer format:string", NULL,
     API_OBJ("\"from\":" API_STR ",\"to\":" API_STR ",\"items\":{\"type\":\"array\",\"items\":" VOUCHER_JSON
             "},\"total\":" API_INT ",\"debit_total_fen\":" API_INT ",\"credit_total_fen\":" API_INT,
             "\"from\",\"to\",\"items\",\"total\",\"debit_total_fen\",\"credit_total_fen\""),
     0, "422:invalid_period 403:out_of_scope", API_FORMATS},
    {"GET", "/api/v1/reports/trial-balance", "试算平衡表：各科目期初余额、本期借贷方发生额和期末余额",
     "from:date as_of:date unit_id:integer format:string", NULL,
     API_OBJ("\"from\":" API_STR ",\"as_of\":" API_STR ",\"accounts\":{\"type\":\"array\",\"items\":" TB_LINE_JSON
             "},\"totals\":" API_ANY_OBJ ",\"balanced\":" API_BOOL,
             "\"from\",\"as_of\",\"accounts\",\"totals\",\"balanced\""),
     0, "422:invalid_period 403:out_of_scope", API_FORMATS},
    {0},
};
