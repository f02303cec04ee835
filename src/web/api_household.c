/* api_household.c: POST/GET /api/v1/households and GET /api/v1/households/{id}. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "household.h"
#include "household_change.h"
#include "masking.h"
#include "pair.h"
#include "part_sheets.h"
#include "visit.h"
#include "rating.h"

/* Reads a person's status (hukou, bank {name, account}, died_on, moved_out_on) from o. 0 or -1
   with e naming the field within o. */
static int status_read(json_t *o, struct member_status_input *s, struct err *e)
{
    json_t *bank = json_object_get(o, "bank");
    if (bank && !json_is_null(bank) && !json_is_object(bank))
        return err_set(e, 422, "invalid_type", "bank", "bank 应为对象 {name, account}");
    if (api_str(o, "hukou", &s->hukou, e) || api_str(o, "died_on", &s->died_on, e) ||
        api_str(o, "moved_out_on", &s->moved_out_on, e))
        return -1;
    if (json_is_object(bank) && (api_str(bank, "name", &s->bank_name, e) || api_str(bank, "account", &s->bank_account, e))) {
        char field[64];
        snprintf(field, sizeof field, "bank.%s", e->field);
        snprintf(e->field, sizeof e->field, "%s", field);
        return -1;
    }
    return 0;
}

/* Reads one person object into m; prefix names fields in errors. Returns 0 or -1. */
static int person_read(json_t *o, struct member_input *m, const char *prefix, struct err *e)
{
    if (!json_is_object(o))
        return err_set(e, 422, "invalid_type", prefix, "%s 应为对象", prefix);
    if (api_str(o, "name", &m->name, e) || api_str(o, "id_number", &m->id_number, e) ||
        api_str(o, "phone", &m->phone, e) || api_str(o, "relation", &m->relation, e) ||
        api_str(o, "sex", &m->sex, e) || api_str(o, "birth_date", &m->birth_date, e) ||
        status_read(o, &m->status, e)) {
        char field[64];
        snprintf(field, sizeof field, "%s.%s", prefix, e->field);
        snprintf(e->field, sizeof e->field, "%s", field);
        return -1;
    }
    return 0;
}

/* Reads the API body into in. Returns 0 or -1 with e filled. */
static int household_read(json_t *j, struct household_input *in, struct err *e)
{
    memset(in, 0, sizeof *in);
    if (api_int(j, "village_id", 0, &in->village_id, e) || api_str(j, "address", &in->address, e) ||
        api_bool(j, "policy_compliant", 0, &in->policy_compliant, e) ||
        person_read(json_object_get(j, "head"), &in->head, "head", e))
        return -1;
    json_t *cats = json_object_get(j, "categories"), *v;
    size_t i;
    if (cats && !json_is_array(cats))
        return err_set(e, 422, "invalid_type", "categories", "categories 应为数组");
    json_array_foreach(cats, i, v)
    {
        int c = hh_category_parse(json_string_value(v));
        if (c < 0)
            return err_set(e, 422, "invalid_category", "categories", "未知的家庭类别");
        in->categories |= 1u << c;
    }
    json_t *members = json_object_get(j, "members");
    if (members && !json_is_array(members))
        return err_set(e, 422, "invalid_type", "members", "members 应为数组");
    if (json_array_size(members) > HH_MAX_MEMBERS - 1)
        return err_set(e, 422, "too_many_members", "members", "家庭成员最多 %d 人", HH_MAX_MEMBERS - 1);
    json_array_foreach(members, i, v)
    {
        char prefix[32];
        snprintf(prefix, sizeof prefix, "members[%zu]", i);
        if (person_read(v, &in->members[in->nmembers++], prefix, e))
            return -1;
    }
    return 0;
}

/* Replies with the household, full IDs and bank accounts for roles that may see them (each view
   audited). */
static void reply_household(struct req *r, int status, int64_t id)
{
    struct household h;
    struct err e = {0};
    if (household_get(r->db, &r->user, id, &h, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *pairs = json_array(), *visits = json_array();
    struct pair_filter f = {.kind = -1, .household_id = id};
    struct visit_filter vf = {.kind = -1, .household_id = id, .limit = HOUSEHOLD_VISITS_SHOWN};
    int64_t nvisits = 0;
    if (pair_list(r->db, &r->user, &f, pair_json_append, pairs, &e) < 0 ||
        (nvisits = visit_list(r->db, &r->user, &vf, visit_json_append, visits, &e)) < 0) {
        json_decref(pairs);
        json_decref(visits);
        reply_json_error(r, &e);
        return;
    }
    int full = 0;
    if (role_sees_full_id(r->user.role)) {
        household_audit_id_view(r->db, &r->user, id);
        full |= HH_FULL_IDS;
    }
    int accounts = 0;
    for (int i = 0; i < h.nmembers; i++)
        accounts |= h.members[i].bank_account[0] != '\0';
    if (role_sees_full_account(r->user.role)) {
        if (accounts) /* nothing to see, nothing to record */
            household_audit_account_view(r->db, &r->user, id);
        full |= HH_FULL_ACCOUNTS;
    }
    json_t *j = household_json(&h, full), *credit = rating_history_json(r->db, id);
    if (!credit) {
        json_decref(j);
        json_decref(pairs);
        json_decref(visits);
        reply_fail(r, 500, "database_error", "数据库错误");
        return;
    }
    json_object_set_new(j, "pairs", pairs);
    json_object_set_new(j, "visits", visits);
    json_object_set_new(j, "visits_total", json_integer(nvisits));
    /* the credit rating (信用户), loan cycle and past loans (rating.h) */
    json_object_set_new(j, "credit", credit);
    reply_json(r, status, j);
}

void api_households_member_update(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct member_status_input s = {0};
    if (j && !json_is_object(j))
        err_set(&e, 422, "invalid_type", NULL, "请求体应为对象");
    if (json_is_object(j) && status_read(j, &s, &e) == 0 &&
        household_update_member(r->db, &r->user, r->id[0], r->id[1], &s, r->today, &e) == 0)
        reply_household(r, 200, r->id[0]);
    else
        reply_json_error(r, &e);
    json_decref(j);
}

void api_households_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct household_input in;
    int64_t id = -1;
    if (j && household_read(j, &in, &e) == 0)
        id = household_create(r->db, &r->user, &in, r->today, &e);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_household(r, 201, id);
    json_decref(j);
}

void api_households_show(struct req *r)
{
    struct household h;
    struct err e = {0};
    if (!req_query(r, "format"))
        reply_household(r, 200, r->id[0]);
    else if (household_get(r->db, &r->user, r->id[0], &h, &e) != 0)
        reply_json_error(r, &e);
    else
        part_members_export(r, &h);
}

/* Appends one search row (IDs always masked in lists). */
static void row_item(const struct household_row *h, void *ctx)
{
    char masked[32];
    json_t *cats = json_array();
    for (int c = 0; c < HC__MAX; c++)
        if (h->categories & (1u << c))
            json_array_append_new(cats, json_string(hh_category_code(c)));
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:b, s:i}", "id", (json_int_t)h->id,
                                         "head_name", h->head_name, "id_number",
                                         mask_id(h->head_id_number, masked, sizeof masked), "phone", h->head_phone,
                                         "village", h->village_name, "categories", cats, "policy_compliant",
                                         h->policy_compliant, "members", h->nmembers));
}

void api_households_list(struct req *r)
{
    struct household_filter f = {.q = req_query(r, "q"), .village_id = req_query_int(r, "village_id", 0),
                                 .category = -1};
    const char *cat = req_query(r, "category");
    struct err e = {0};
    if (cat && *cat && (f.category = hh_category_parse(cat)) < 0) {
        err_set(&e, 422, "invalid_category", "category", "未知的家庭类别");
        reply_json_error(r, &e);
        return;
    }
    api_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, record_households_sheet, &f, "households.csv"))
        return;
    json_t *items = json_array();
    int64_t total = household_search(r->db, &r->user, &f, row_item, items, &e);
    if (total < 0) {
        json_decref(items);
        reply_json_error(r, &e);
        return;
    }
    json_t *list = api_list(items, total > HOUSEHOLD_COUNT_CAP ? HOUSEHOLD_COUNT_CAP : total);
    json_object_set_new(list, "total_capped", json_boolean(total > HOUSEHOLD_COUNT_CAP));
    reply_json(r, 200, list);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* A person in a household body: the head or a member. */
#define HH_STATUS_PROPS                                                                                            \
    "\"hukou\":{\"type\":[\"string\",\"null\"]},\"died_on\":{\"type\":[\"string\",\"null\"]},"                          \
    "\"moved_out_on\":{\"type\":[\"string\",\"null\"]},\"bank\":{\"type\":[\"object\",\"null\"],\"properties\":{"     \
    "\"name\":" API_STR ",\"account\":" API_STR "}}"
#define HH_PERSON_IN                                                                                               \
    API_OBJ("\"name\":" API_STR ",\"id_number\":" API_STR ",\"phone\":" API_STR ",\"relation\":" API_STR           \
            ",\"sex\":" API_STR ",\"birth_date\":" API_STR "," HH_STATUS_PROPS,                                    \
            "\"name\",\"id_number\"")
/* The body of POST /households. */
#define HH_BODY                                                                                                    \
    API_OBJ("\"village_id\":" API_INT ",\"address\":" API_STR ",\"policy_compliant\":{\"type\":\"boolean\"},"         \
            "\"head\":" HH_PERSON_IN ",\"categories\":{\"type\":\"array\",\"items\":" API_STR "},"                \
            "\"members\":{\"type\":\"array\",\"items\":" HH_PERSON_IN "}",                                        \
            "\"village_id\",\"head\"")
/* A person as household_json answers it (birth_date only with the full ID). */
#define HH_PERSON_OUT                                                                                              \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"id_number\":" API_STR ",\"sex\":{\"enum\":[\"M\",\"F\"]},"      \
            "\"birth_year\":" API_INT ",\"relation\":" API_STR ",\"phone\":" API_STR ",\"birth_date\":" API_STR   \
            "," HH_STATUS_PROPS,                                                                                      \
            "\"id\",\"name\",\"id_number\",\"sex\",\"birth_year\",\"relation\",\"phone\",\"hukou\",\"died_on\","           \
            "\"moved_out_on\",\"bank\"")
/* A household with its head and members. */
#define HH_ANSWER                                                                                                  \
    API_OBJ("\"id\":" API_INT ",\"village_id\":" API_INT ",\"village\":" API_STR ",\"township\":" API_STR             \
            ",\"head\":" HH_PERSON_OUT ",\"address\":" API_STR ",\"categories\":{\"type\":\"array\",\"items\":" API_STR \
            "},\"policy_compliant\":{\"type\":\"boolean\"},\"members\":{\"type\":\"array\",\"items\":" HH_PERSON_OUT    \
            "},\"pairs\":{\"type\":\"array\",\"items\":" API_ANY_OBJ "},\"visits\":{\"type\":\"array\",\"items\":" API_ANY_OBJ "},\"visits_total\":" API_INT ",\"created_at\":" API_STR ",\"updated_at\":" API_STR,                                                 \
            "\"id\",\"village_id\",\"village\",\"township\",\"head\",\"address\",\"categories\",\"policy_compliant\","  \
            "\"members\",\"created_at\",\"updated_at\"")

const struct api_doc api_docs_household[] = {
    {"GET", "/api/v1/households", "家庭查询（姓名或身份证号前缀、村、类别），分页；?format= 导出（身份证号脱敏）", "q:string village_id:integer category:string format:string " API_PAGING "", NULL, API_OBJ("\"items\":" API_ARRAY(API_OBJ("\"id\":" API_INT ",\"head_name\":" API_STR ",\"id_number\":" API_STR ",\"phone\":" API_STR ",\"village\":" API_STR ",\"categories\":" API_STRS ",\"policy_compliant\":" API_BOOL ",\"members\":" API_INT "", "\"id\",\"head_name\",\"id_number\",\"phone\",\"village\",\"categories\",\"policy_compliant\",\"members\"")) ",\"total\":" API_INT ",\"total_capped\":" API_BOOL, "\"items\",\"total\",\"total_capped\""), 0, "422:invalid_category 422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/households", "登记家庭及成员", NULL, HH_BODY, HH_ANSWER, 201, "422:invalid_id_number 409:duplicate_id_number 403:out_of_scope", NULL},
    {"GET", "/api/v1/households/{id}", "一户家庭及其成员（银行账号仅对救助经办员、财务完整显示，并记入审计）；?format= 导出成员（身份证号脱敏、只有出生年份；能看完整号码的角色加 reveal=1 时为完整号码并记审计）", "format:string reveal:integer", NULL, HH_ANSWER, 0, "404:not_found 403:out_of_scope 422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/households/{id}/members/{id}", "成员的户籍、银行账户、死亡日期、迁出日期", NULL, API_OBJ(HH_STATUS_PROPS, ""), HH_ANSWER, 0, "422:invalid_hukou 422:invalid_bank_account 422:invalid_date 404:not_found 403:out_of_scope", NULL},
    {0},
};
