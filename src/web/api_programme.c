/* api_programme.c: the programmes JSON API: programmes and their amounts, yearly rolls with their
   rows, staff additions and removals, approval, the bank's payment file and its return file.
   Thin over programme.c, roll.c and roll_pay.c. */
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "bank_return_page.h"
#include "handlers.h"
#include "keyset_page.h"
#include "more_sheets.h"
#include "roll_pay.h"
#include "roll_sheet.h"

/* Reads a list of codes or names into a bit set with parse (returns -1 for an unknown one). 0, or
   -1 with e naming the field. */
static int bits_read(json_t *o, const char *key, int (*parse)(const char *), const char *field, unsigned *out,
                     struct err *e)
{
    json_t *a = json_object_get(o, key), *v;
    size_t i;
    *out = 0;
    if (a && !json_is_null(a) && !json_is_array(a))
        return err_set(e, 422, "invalid_type", field, "%s 应为数组", field);
    json_array_foreach(a, i, v)
    {
        int k = parse(json_string_value(v));
        if (k < 0)
            return err_set(e, 422, "invalid_rule", field, "%s 中有无法识别的值", field);
        *out |= 1u << k;
    }
    return 0;
}

/* Reads an optional age (null or absent: -1). */
static int age_read(json_t *rules, const char *key, int *out, struct err *e)
{
    int64_t v = -1;
    if (api_int(rules, key, -1, &v, e) != 0)
        return -1;
    *out = v < -1 || v > 1000 ? 1000 : (int)v; /* out of range: refused by the domain's check */
    return 0;
}

/* Reads the body of POST /programmes into in. 0 or -1 with e. */
static int programme_read(json_t *j, struct programme_input *in, struct err *e)
{
    memset(in, 0, sizeof *in);
    int64_t amount = 0, fund = 0;
    if (api_str(j, "name", &in->name, e) || api_str(j, "beneficiary", &in->beneficiary, e) ||
        api_str(j, "period", &in->period, e) || api_int(j, "amount_fen", 0, &amount, e) ||
        api_str(j, "effective_from", &in->effective_from, e) || api_int(j, "fund_id", 0, &fund, e))
        return -1;
    in->amount_fen = amount;
    in->fund_id = fund;
    json_t *rules = json_object_get(j, "rules");
    if (rules && !json_is_object(rules))
        return err_set(e, 422, "invalid_type", "rules", "rules 应为对象");
    in->min_age = in->max_age = -1;
    in->alive_resident = 1;
    if (!rules)
        return 0;
    if (bits_read(rules, "categories_any", hh_category_parse, "rules.categories_any", &in->categories, e) ||
        bits_read(rules, "relations", programme_relation, "rules.relations", &in->relations, e) ||
        age_read(rules, "min_age", &in->min_age, e) || age_read(rules, "max_age", &in->max_age, e) ||
        api_str(rules, "age_on", &in->age_on, e) || api_str(rules, "sex", &in->sex, e) ||
        api_str(rules, "hukou", &in->hukou, e) || api_bool(rules, "alive_resident", 1, &in->alive_resident, e)) {
        if (strncmp(e->field, "rules.", 6) != 0) {
            char field[64];
            snprintf(field, sizeof field, "rules.%s", e->field);
            snprintf(e->field, sizeof e->field, "%s", field);
        }
        return -1;
    }
    return 0;
}

/* Replies with a programme, or the error. */
static void reply_programme(struct req *r, int status, int64_t id, struct err *e)
{
    struct programme p;
    if (id < 0 || programme_get(r->db, &r->user, id, &p, e) != 0)
        reply_json_error(r, e);
    else
        reply_json(r, status, programme_json(r->db, &p));
}

void api_programmes_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct programme_input in;
    int64_t id = -1;
    if (j && programme_read(j, &in, &e) == 0)
        id = programme_create(r->db, &r->user, &in, r->today, &e);
    reply_programme(r, 201, id, &e);
    json_decref(j);
}

/* Appends a programme to a JSON array. */
static void programme_item(const struct programme *p, void *ctx)
{
    struct req *r = ((void **)ctx)[0];
    json_array_append_new(((void **)ctx)[1], programme_json(r->db, p));
}

void api_programmes_list(struct req *r)
{
    if (list_export_if_asked(r, more_programmes_sheet, NULL, "programmes.csv"))
        return;
    json_t *items = json_array();
    void *ctx[2] = {r, items};
    int n = programme_list(r->db, &r->user, programme_item, ctx);
    api_reply_capped(r, items, n, PROGRAMME_LIST_MAX);
}

void api_programmes_show(struct req *r)
{
    struct err e = {0};
    reply_programme(r, 200, r->id[0], &e);
}

void api_programmes_amount(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t amount = 0;
    const char *from = NULL;
    int rc = -1;
    if (j && !api_int(j, "amount_fen", 0, &amount, &e) && !api_str(j, "effective_from", &from, &e))
        rc = programme_set_amount(r->db, &r->user, r->id[0], amount, from, r->today, &e);
    reply_programme(r, 200, rc == 0 ? r->id[0] : -1, &e);
    json_decref(j);
}

/* Replies with a roll (a page of its rows from ?limit= and ?offset=), or the error. */
static void reply_roll(struct req *r, int status, int64_t id, struct err *e)
{
    struct roll roll;
    int limit, offset;
    api_paging(r, &limit, &offset);
    if (id < 0 || roll_get(r->db, &r->user, id, &roll, e) != 0)
        reply_json_error(r, e);
    else
        reply_json(r, status, roll_json(r->db, &roll, limit, offset));
}

void api_rolls_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t year = 0, unit = 0, id = -1;
    if (j && !api_int(j, "year", 0, &year, &e) && !api_int(j, "unit_id", 0, &unit, &e))
        id = roll_create(r->db, &r->user, r->id[0], year < 0 || year > 9999 ? 0 : (int)year, unit, r->today, &e);
    reply_roll(r, 201, id, &e);
    json_decref(j);
}

/* Appends a roll's summary to a JSON array. */
static void roll_item(const struct roll *x, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:I, s:s, s:i, s:s, s:I, s:I, s:I}", "id", (json_int_t)x->id,
                                         "programme_id", (json_int_t)x->programme_id, "programme", x->programme,
                                         "unit_id", (json_int_t)x->unit_id, "unit", x->unit_name, "year", x->year,
                                         "state", x->state, "rows", (json_int_t)(x->n_new + x->n_continued + x->n_added),
                                         "total_fen", (json_int_t)x->total_fen, "paid_fen", (json_int_t)x->paid_fen));
}

void api_rolls_list(struct req *r)
{
    int64_t programme_id = req_query_int(r, "programme_id", 0);
    if (list_export_if_asked(r, more_rolls_sheet, &programme_id, "rolls.csv"))
        return;
    json_t *items = json_array();
    int64_t n = roll_list(r->db, &r->user, programme_id, roll_item, items);
    api_reply_capped(r, items, n, ROLL_LIST_MAX);
}

void api_rolls_show(struct req *r)
{
    struct err e = {0};
    reply_roll(r, 200, r->id[0], &e);
}

/* Replies with a keyset page (?after=, ?limit=) of one of a roll's lists: {items, total, next, limit}. */
static void reply_roll_page(struct req *r, enum roll_which which)
{
    struct roll roll;
    struct keyset k;
    struct err e = {0};
    json_t *items = json_array();
    int64_t total = -1;
    if (keyset_read(r, 50, ROLL_PAGE_MAX, &k, &e) == 0 && roll_get(r->db, &r->user, r->id[0], &roll, &e) == 0 &&
        (total = roll_page_json(r->db, roll.id, which, &k, items)) < 0)
        err_set(&e, 500, "database_error", NULL, "读取数据失败，请稍后再试");
    if (total < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    json_t *list = api_list(items, total);
    keyset_json(list, &k);
    reply_json(r, 200, list);
}

void api_rolls_rows(struct req *r)
{
    reply_roll_page(r, ROLL_INCLUDED);
}

void api_rolls_excluded(struct req *r)
{
    reply_roll_page(r, ROLL_EXCLUDED);
}

void api_rolls_add(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    int64_t person = 0, household = 0, row = -1;
    const char *reason = NULL;
    if (j && !api_int(j, "person_id", 0, &person, &e) && !api_int(j, "household_id", 0, &household, &e) &&
        !api_str(j, "reason", &reason, &e))
        row = roll_add(r->db, &r->user, r->id[0], person, household, reason, &e);
    reply_roll(r, 200, row < 0 ? -1 : r->id[0], &e);
    json_decref(j);
}

void api_rolls_remove(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int rc = -1;
    if (j && !api_str(j, "reason", &reason, &e))
        rc = roll_remove(r->db, &r->user, r->id[0], r->id[1], reason, &e);
    reply_roll(r, 200, rc == 0 ? r->id[0] : -1, &e);
    json_decref(j);
}

void api_rolls_approve(struct req *r)
{
    struct err e = {0};
    int rc = roll_approve(r->db, &r->user, r->id[0], r->today, &e);
    reply_roll(r, 200, rc == 0 ? r->id[0] : -1, &e);
}

void api_rolls_bank_file(struct req *r)
{
    roll_bank_file_reply(r, r->id[0]);
}

void api_rolls_bank_return(struct req *r)
{
    bank_return_api(r, roll_bank_import);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
#define PROG_RULES                                                                                                 \
    "{\"type\":\"object\",\"properties\":{\"categories_any\":{\"type\":\"array\",\"items\":" API_STR "},"            \
    "\"min_age\":{\"type\":[\"integer\",\"null\"]},\"max_age\":{\"type\":[\"integer\",\"null\"]},\"age_on\":" API_STR \
    ",\"sex\":{\"type\":[\"string\",\"null\"]},\"hukou\":{\"type\":[\"string\",\"null\"]},"                        \
    "\"relations\":{\"type\":[\"array\",\"null\"],\"items\":" API_STR "},\"alive_resident\":" API_BOOL "}}"
#define PROG_ANSWER                                                                                                \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"beneficiary\":{\"enum\":[\"person\",\"household\"]},"       \
            "\"period\":{\"enum\":[\"once\",\"year\",\"month\"]},\"fund_id\":" API_INT ",\"fund\":" API_STR            \
            ",\"amounts\":{\"type\":\"array\",\"items\":" API_OBJ("\"effective_from\":" API_STR ",\"amount_fen\":"    \
            API_INT, "\"effective_from\",\"amount_fen\"") "},\"rules\":" PROG_RULES ",\"active\":" API_BOOL,           \
            "\"id\",\"name\",\"beneficiary\",\"period\",\"fund_id\",\"amounts\",\"rules\"")
#define PROG_BODY                                                                                                  \
    API_OBJ("\"name\":" API_STR ",\"beneficiary\":" API_STR ",\"period\":" API_STR ",\"amount_fen\":" API_INT      \
            ",\"effective_from\":" API_STR ",\"fund_id\":" API_INT ",\"rules\":" PROG_RULES,                        \
            "\"name\",\"beneficiary\",\"period\",\"amount_fen\",\"effective_from\",\"fund_id\"")
#define ROLL_LINE                                                                                                  \
    API_OBJ("\"id\":" API_INT ",\"person_id\":{\"type\":[\"integer\",\"null\"]},\"household_id\":" API_INT          \
            ",\"name\":" API_STR ",\"village\":" API_STR ",\"status\":" API_STR ",\"amount_fen\":" API_INT,            \
            "\"id\",\"household_id\",\"name\",\"status\",\"amount_fen\"")
#define ROLL_ANSWER                                                                                                \
    API_OBJ("\"id\":" API_INT ",\"programme_id\":" API_INT ",\"unit_id\":" API_INT ",\"year\":" API_INT             \
            ",\"ref_date\":" API_STR ",\"state\":{\"enum\":[\"draft\",\"in_notice\",\"approved\"]},\"amount_fen\":"    \
            API_INT ",\"total_fen\":" API_INT ",\"counts\":" API_ANY_OBJ ",\"rows\":{\"type\":\"array\",\"items\":"    \
            ROLL_LINE "},\"rows_total\":" API_INT ",\"excluded\":{\"type\":\"array\",\"items\":" ROLL_LINE "},"       \
            "\"excluded_total\":" API_INT ",\"rows_next\":" API_STR_NULL ",\"excluded_next\":" API_STR_NULL,            \
            "\"id\",\"state\",\"rows\",\"excluded\",\"rows_total\",\"excluded_total\",\"total_fen\"")
const struct api_doc api_docs_programme[] = {
    {"GET", "/api/v1/programmes", "扶助项目（奖励扶助、特别扶助等）及其标准和条件；?format= 导出", "format:string", NULL, API_LIST(PROG_ANSWER), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/programmes", "新建扶助项目（系统管理员）", NULL, PROG_BODY, PROG_ANSWER, 201, "422:invalid_beneficiary 422:invalid_period 422:invalid_amount 422:invalid_age 409:duplicate_name 403:out_of_scope", NULL},
    {"GET", "/api/v1/programmes/{id}", "一个扶助项目", NULL, NULL, PROG_ANSWER, 0, "404:not_found", NULL},
    {"POST", "/api/v1/programmes/{id}/amounts", "调整项目标准（自某日起执行）", NULL, API_OBJ("\"amount_fen\":" API_INT ",\"effective_from\":" API_STR, "\"amount_fen\",\"effective_from\""), PROG_ANSWER, 0, "422:invalid_amount 409:amount_exists 404:not_found", NULL},
    {"POST", "/api/v1/programmes/{id}/rolls", "建立一个单位一个年度的资格确认名册（按登记信息自动计算）", API_PAGING, API_OBJ("\"year\":" API_INT ",\"unit_id\":" API_INT, "\"year\",\"unit_id\""), ROLL_ANSWER, 201, "409:roll_exists 409:no_amount 409:fund_out_of_scope 422:invalid_unit 403:out_of_scope", NULL},
    {"GET", "/api/v1/rolls", "管辖范围内的资格确认名册；?format= 导出", "programme_id:integer format:string", NULL, API_LIST(API_ANY_OBJ), 0, "422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/rolls/{id}", "资格确认名册：名册内人员（新增、继续、补录）与不符合条件的人员及原因（姓名脱敏），分页", API_PAGING, NULL, ROLL_ANSWER, 0, "404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/rolls/{id}/rows", "名册内人员（新增、继续、补录，姓名脱敏），按行号 keyset 分页（after 为上一页的 next，或名册答复中的 rows_next）", API_KEYSET, NULL, API_KEYSET_LIST(ROLL_LINE), 0, "422:invalid_cursor 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/rolls/{id}/excluded", "不列入名册的人员（不符合条件及其原因、移出），按行号 keyset 分页（after 为上一页的 next，或名册答复中的 excluded_next）", API_KEYSET, NULL, API_KEYSET_LIST(ROLL_LINE), 0, "422:invalid_cursor 404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/rolls/{id}/rows", "补录一人（或一户）进名册，须填写理由", NULL, API_OBJ("\"person_id\":" API_INT ",\"household_id\":" API_INT ",\"reason\":" API_STR, "\"reason\""), ROLL_ANSWER, 0, "409:roll_not_draft 409:already_on_roll 422:invalid_reason 404:not_found", NULL},
    {"POST", "/api/v1/rolls/{id}/rows/{id}/remove", "从名册移出一行，须填写理由", NULL, API_OBJ("\"reason\":" API_STR, "\"reason\""), ROLL_ANSWER, 0, "409:roll_not_draft 422:invalid_reason 404:not_found", NULL},
    {"POST", "/api/v1/rolls/{id}/approve", "公示期满且无未处理异议后批准名册", NULL, NULL, ROLL_ANSWER, 0, "409:not_in_notice 409:notice_not_over 409:open_objections 409:same_person", NULL},
    {"GET", "/api/v1/rolls/{id}/bank-file", "代发文件（完整姓名、身份证号、账号；仅救助经办员、财务；下载记入审计）；?format=xlsx，?bank_format= 格式编号（缺省为默认格式）", "format:string bank_format:integer", NULL, NULL, 0, "409:not_approved 403:out_of_scope 422:invalid_bank_format", "csv xlsx"},
    {"POST", "/api/v1/rolls/{id}/bank-return", "导入银行回盘文件（CSV：序号、账号、金额、结果、原因，前三列也可用 ?bank_format= 代发格式的列名）：成功的入账并扣减资金，失败的退回待发并注明原因；重复导入不重复发放", "bank_format:integer", NULL, BANK_RETURN_ANSWER, 0, "422:bad_return_file 422:missing_column 404:not_found 409:insufficient_funds 409:not_approved", NULL},
    {0},
};
