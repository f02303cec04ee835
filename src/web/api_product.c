/* api_product.c: /api/v1/loan-products (list for every staff role; create and change for the
   admin). A PUT changes only the fields it gives (active: false deactivates). Thin over product.c. */
#include <stdio.h>
#include <string.h>

#include "amort.h"
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "loan_rules.h"
#include "money.h"
#include "product.h"
#include "text.h"

/* Room for a product's fields read from JSON or from the stored product. */
struct product_body {
    struct product_input in;
    char methods[PRODUCT_LIST_SIZE], kinds[PRODUCT_LIST_SIZE], documents[PRODUCT_LIST_SIZE];
    char departments[PRODUCT_DEPARTMENTS_SIZE], min_rate[RATE_TEXT_SIZE], max_rate[RATE_TEXT_SIZE];
    char second_min_rate[RATE_TEXT_SIZE], min_rating[CODE_SIZE];
};

/* Reads the nullable string member key into out (null: ""); absent: out kept. 0, or -1 with 422. */
static int api_nullable_text(json_t *o, const char *key, char *out, size_t n, struct err *e)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return 0;
    if (!json_is_null(v) && (!json_is_string(v) || text_copy(out, n, json_string_value(v)) != 0))
        return err_set(e, 422, "invalid_type", key, "字段 %s 应为字符串或 null", key);
    if (json_is_null(v))
        *out = '\0';
    return 0;
}

/* Reads array member key (strings, or integers when ints) into out comma-separated; *set = 1 when
   present. 0, or -1 with 422 naming the field. */
static int api_list_csv(json_t *o, const char *key, int ints, char *out, size_t n, int *set, struct err *e)
{
    json_t *v = json_object_get(o, key), *x;
    size_t i, used = 0;
    *set = v && !json_is_null(v);
    if (!*set)
        return 0;
    if (!json_is_array(v))
        return err_set(e, 422, "invalid_type", key, "字段 %s 应为数组", key);
    *out = '\0';
    json_array_foreach(v, i, x)
    {
        char num[24];
        const char *s = json_string_value(x);
        if (ints && json_is_integer(x)) {
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(x));
            s = num;
        }
        if (!s || (ints && !json_is_integer(x)) || strchr(s, ',') || (i && text_append(out, n, &used, ",") != 0) ||
            text_append(out, n, &used, s) != 0)
            return err_set(e, 422, "invalid_type", key, "字段 %s 应为%s数组（不超过 %zu 字节）", key,
                           ints ? "整数" : "字符串", n - 1);
    }
    return 0;
}

/* Overlays the JSON body's fields on b (which holds the stored product, or defaults). 0, or -1. */
static int read_body(json_t *j, struct product_body *b, struct err *e)
{
    struct product_input *in = &b->in;
    const char *min_rate = NULL, *max_rate = NULL, *day_count = in->day_count, *name = NULL, *settlement = NULL;
    const char *ext = NULL;
    int set, subsidy = in->subsidy_eligible, active = in->active;
    if (!j || api_str(j, "name", &name, e) || api_int(j, "min_fen", in->min_fen, &in->min_fen, e) ||
        api_int(j, "max_fen", in->max_fen, &in->max_fen, e) ||
        api_int(j, "min_months", in->min_months, &in->min_months, e) ||
        api_int(j, "max_months", in->max_months, &in->max_months, e) || api_str(j, "min_rate", &min_rate, e) ||
        api_str(j, "max_rate", &max_rate, e) || api_str(j, "settlement", &settlement, e) ||
        api_str(j, "extension_review", &ext, e) ||
        api_int(j, "penalty_pct", in->penalty_pct, &in->penalty_pct, e) ||
        api_bool(j, "subsidy_eligible", subsidy, &subsidy, e) || api_bool(j, "active", active, &active, e))
        return -1;
    if (name) /* absent: kept */
        in->name = name;
    if (settlement)
        in->settlement = settlement;
    if (ext)
        in->extension_review = ext;
    json_t *dc = json_object_get(j, "day_count");
    if (dc && !json_is_null(dc) && !json_is_string(dc))
        return err_set(e, 422, "invalid_type", "day_count", "字段 day_count 应为 month、actual360 或 null");
    if (dc)
        day_count = json_is_null(dc) ? "" : json_string_value(dc);
    if (json_object_get(j, "penalty_pct") && json_is_null(json_object_get(j, "penalty_pct")))
        in->penalty_pct = 0;
    if (min_rate && text_copy(b->min_rate, sizeof b->min_rate, min_rate) != 0)
        return err_set(e, 422, "invalid_rate_range", "min_rate", "最低年利率格式不正确");
    if (max_rate && text_copy(b->max_rate, sizeof b->max_rate, max_rate) != 0)
        return err_set(e, 422, "invalid_rate_range", "max_rate", "最高年利率格式不正确");
    if (api_list_csv(j, "methods", 0, b->methods, sizeof b->methods, &set, e) ||
        api_list_csv(j, "borrower_kinds", 0, b->kinds, sizeof b->kinds, &set, e) ||
        api_list_csv(j, "documents", 0, b->documents, sizeof b->documents, &set, e))
        return -1;
    if (set)
        in->documents = b->documents;
    if (api_list_csv(j, "departments", 1, b->departments, sizeof b->departments, &set, e))
        return -1;
    json_t *top = json_object_get(j, "second_cycle_max_fen");
    if (top && !json_is_null(top) && !json_is_integer(top))
        return err_set(e, 422, "invalid_type", "second_cycle_max_fen", "字段 second_cycle_max_fen 应为整数（分）或 null");
    if (top)
        in->second_max_fen = json_is_null(top) ? 0 : json_integer_value(top);
    if (api_nullable_text(j, "min_rating", b->min_rating, sizeof b->min_rating, e) ||
        api_nullable_text(j, "second_cycle_min_rate", b->second_min_rate, sizeof b->second_min_rate, e))
        return -1;
    in->day_count = day_count;
    in->subsidy_eligible = subsidy;
    in->active = active;
    return 0;
}

/* A body's defaults for a new product: every document, due-date settlement, subsidy eligible. */
static void body_defaults(struct product_body *b)
{
    memset(b, 0, sizeof *b);
    b->in = (struct product_input){.methods = b->methods, .min_rate = b->min_rate, .max_rate = b->max_rate,
                                   .day_count = "", .settlement = "due_dates", .subsidy_eligible = 1,
                                   .borrower_kinds = b->kinds, .documents = NULL, .departments = b->departments,
                                   .active = 1, .min_rating = b->min_rating, .second_min_rate = b->second_min_rate};
}

/* A body holding the stored product p (a PUT changes only what it gives). */
static void body_of(const struct product *p, struct product_body *b)
{
    body_defaults(b);
    memcpy(b->methods, p->row.methods, sizeof b->methods);
    memcpy(b->kinds, p->row.borrower_kinds, sizeof b->kinds);
    memcpy(b->documents, p->row.documents, sizeof b->documents);
    memcpy(b->departments, p->row.departments, sizeof b->departments);
    rate_format(p->terms.min_rate_micro, b->min_rate, sizeof b->min_rate);
    rate_format(p->terms.max_rate_micro, b->max_rate, sizeof b->max_rate);
    b->in.name = p->row.name;
    b->in.min_fen = p->terms.min_fen;
    b->in.max_fen = p->terms.max_fen;
    b->in.min_months = p->terms.min_months;
    b->in.max_months = p->terms.max_months;
    b->in.day_count = p->row.day_count;
    b->in.settlement = p->row.settlement;
    b->in.extension_review = p->row.extension_review;
    b->in.penalty_pct = p->terms.penalty_pct;
    b->in.subsidy_eligible = p->terms.subsidy_eligible;
    b->in.documents = b->documents;
    b->in.active = p->row.active;
    memcpy(b->min_rating, p->row.min_rating, sizeof b->min_rating);
    b->in.second_max_fen = p->terms.second_max_fen;
    if (p->terms.second_min_rate_micro >= 0)
        rate_format(p->terms.second_min_rate_micro, b->second_min_rate, sizeof b->second_min_rate);
}

/* Answers with the product as stored now. */
static void reply_product(struct req *r, int status, int64_t id)
{
    struct product p;
    struct err e = {0};
    if (product_get(r->db, id, &p, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, status, product_json(&p));
}

/* Appends one product to a JSON array. */
static void product_item(const struct product *p, void *ctx)
{
    json_array_append_new(ctx, product_json(p));
}

void api_products_list(struct req *r)
{
    struct err e = {0};
    json_t *items = json_array();
    const char *active = req_query(r, "active");
    int n = product_list(r->db, active && !strcmp(active, "1"), product_item, items, &e);
    api_reply_list(r, items, n, &e);
}

void api_products_show(struct req *r)
{
    reply_product(r, 200, r->id[0]);
}

void api_products_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct product_body b;
    body_defaults(&b);
    int64_t id = read_body(j, &b, &e) == 0 ? product_create(r->db, &r->user, &b.in, &e) : -1;
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_product(r, 201, id);
}

void api_products_update(struct req *r)
{
    struct err e = {0};
    struct product p;
    struct product_body b;
    if (product_get(r->db, r->id[0], &p, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    body_of(&p, &b);
    json_t *j = req_json(r, &e);
    int rc = read_body(j, &b, &e) == 0 ? product_update(r->db, &r->user, r->id[0], &b.in, &e) : -1;
    json_decref(j);
    if (rc != 0)
        reply_json_error(r, &e);
    else
        reply_product(r, 200, r->id[0]);
}

/* A product's JSON Schema (what every answer carries). */
#define PRODUCT_SCHEMA                                                                                               \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"min_fen\":" API_INT ",\"max_fen\":" API_INT                   \
            ",\"min_months\":" API_INT ",\"max_months\":" API_INT ",\"methods\":{\"type\":\"array\",\"items\":" API_STR \
            "},\"min_rate\":" API_STR ",\"max_rate\":" API_STR ",\"day_count\":{\"type\":[\"string\",\"null\"]}"      \
            ",\"settlement\":{\"enum\":[\"due_dates\",\"quarter_20th\"]},\"penalty_pct\":{\"type\":[\"integer\",\"null\"]}" \
            ",\"subsidy_eligible\":" API_BOOL ",\"borrower_kinds\":{\"type\":\"array\",\"items\":{\"enum\":[\"household\",\"organisation\"]}}" \
            ",\"documents\":{\"type\":\"array\",\"items\":" API_STR "},\"departments\":{\"type\":\"array\",\"items\":" API_INT \
            "},\"is_default\":" API_BOOL ",\"active\":" API_BOOL ",\"min_rating\":{\"enum\":[\"一般\",\"较好\",\"优秀\",null]}"  \
            ",\"second_cycle_max_fen\":{\"type\":[\"integer\",\"null\"]},\"second_cycle_min_rate\":{\"type\":[\"string\",\"null\"]}" \
            ",\"extension_review\":{\"enum\":[\"association\",\"joint\"]}", \
            "\"id\",\"name\",\"min_fen\",\"max_fen\",\"min_months\",\"max_months\",\"methods\",\"min_rate\",\"max_rate\","  \
            "\"day_count\",\"settlement\",\"penalty_pct\",\"subsidy_eligible\",\"borrower_kinds\",\"documents\","     \
            "\"departments\",\"is_default\",\"active\",\"min_rating\",\"second_cycle_max_fen\",\"second_cycle_min_rate\",\"extension_review\"")
/* A product's fields as a request gives them. */
#define PRODUCT_BODY_PROPS                                                                                           \
    "\"name\":" API_STR ",\"min_fen\":" API_INT ",\"max_fen\":" API_INT ",\"min_months\":" API_INT                   \
    ",\"max_months\":" API_INT ",\"methods\":{\"type\":\"array\",\"items\":" API_STR "},\"min_rate\":" API_STR        \
    ",\"max_rate\":" API_STR ",\"day_count\":{\"type\":[\"string\",\"null\"]},\"settlement\":" API_STR               \
    ",\"penalty_pct\":{\"type\":[\"integer\",\"null\"]},\"subsidy_eligible\":" API_BOOL                                \
    ",\"borrower_kinds\":{\"type\":\"array\",\"items\":" API_STR "},\"documents\":{\"type\":\"array\",\"items\":"     \
    API_STR "},\"departments\":{\"type\":\"array\",\"items\":" API_INT "},\"min_rating\":{\"type\":[\"string\",\"null\"]}" \
    ",\"second_cycle_max_fen\":{\"type\":[\"integer\",\"null\"]},\"second_cycle_min_rate\":{\"type\":[\"string\",\"null\"]}" \
    ",\"extension_review\":{\"enum\":[\"association\",\"joint\"]}"
#define PRODUCT_ERRORS                                                                                               \
    "422:invalid_name 422:invalid_amount_range 422:invalid_term_range 422:invalid_methods 422:invalid_rate_range "  \
    "422:invalid_day_count 422:invalid_penalty 422:invalid_borrower_kinds 422:invalid_documents "                    \
    "422:invalid_departments 422:invalid_settlement 422:invalid_settlement_methods 422:invalid_settlement_day_count " \
    "422:invalid_min_rating 422:invalid_second_cycle_max 422:invalid_second_cycle_rate 422:invalid_extension_review " \
    "409:duplicate_name"

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_product[] = {
    {"GET", "/api/v1/loan-products", "贷款产品（默认产品在前；?active=1 只列启用的）", "active:integer", NULL,
     API_LIST(PRODUCT_SCHEMA), 0, NULL, NULL},
    {"GET", "/api/v1/loan-products/{id}", "一个贷款产品", NULL, NULL, PRODUCT_SCHEMA, 0, "404:not_found", NULL},
    {"POST", "/api/v1/loan-products", "新建贷款产品（金额、期限、还款方式、利率、计息、罚息、贴息、借款人类别、所需材料、评审部门）",
     NULL,
     API_OBJ(PRODUCT_BODY_PROPS, "\"name\",\"min_fen\",\"max_fen\",\"min_months\",\"max_months\",\"methods\","
                                 "\"min_rate\",\"max_rate\",\"borrower_kinds\""),
     PRODUCT_SCHEMA, 201, PRODUCT_ERRORS, NULL},
    {"PUT", "/api/v1/loan-products/{id}", "修改贷款产品（只改给出的字段；active=false 停用，默认产品不能停用）", NULL,
     API_OBJ(PRODUCT_BODY_PROPS ",\"active\":" API_BOOL, ""), PRODUCT_SCHEMA, 0,
     PRODUCT_ERRORS " 404:not_found 409:default_product", NULL},
    {0},
};
