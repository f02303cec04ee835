/* api_organisation.c: /api/v1/organisations (cooperatives and demonstration bases as borrowers):
   register, list and show in scope, with their member households. Thin over organisation.c. */
#include <stdlib.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "organisation.h"
#include "record_sheets.h"

/* Appends one member household. */
static void member_item(const struct org_member *m, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s}", "household_id", (json_int_t)m->household_id, "head",
                                         m->head, "village", m->village));
}

/* Answers with the organisation and its members, or the error. */
static void reply_organisation(struct req *r, int status, int64_t id)
{
    struct organisation o;
    struct err e = {0};
    json_t *members = json_array();
    if (organisation_get(r->db, &r->user, id, &o, &e) != 0 || organisation_members(r->db, id, member_item, members, &e) < 0) {
        json_decref(members);
        reply_json_error(r, &e);
        return;
    }
    json_t *j = organisation_json(&o);
    json_object_set_new(j, "members", members);
    reply_json(r, status, j);
}

void api_organisations_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e), *members = j ? json_object_get(j, "members") : NULL, *m;
    struct organisation_input *in = calloc(1, sizeof *in);
    int64_t id = -1;
    size_t i;
    int ok = in && j && !api_str(j, "name", &in->name, &e) && !api_str(j, "kind", &in->kind, &e) &&
             !api_str(j, "credit_code", &in->credit_code, &e) &&
             !api_int(j, "legal_rep_member_id", 0, &in->legal_rep_member_id, &e) &&
             !api_int(j, "village_id", 0, &in->village_id, &e) && !api_int(j, "jobs_created", 0, &in->jobs_created, &e);
    if (ok && members && !json_is_null(members)) {
        if (!json_is_array(members) || json_array_size(members) > ORG_MAX_MEMBERS)
            ok = !err_set(&e, 422, "invalid_members", "members", "members 应为家庭编号的数组（最多 %d 户）", ORG_MAX_MEMBERS);
        json_array_foreach(members, i, m)
        {
            if (!ok)
                break;
            if (!json_is_integer(m))
                ok = !err_set(&e, 422, "invalid_members", "members", "members 应为家庭编号（整数）的数组");
            else
                in->members[in->nmembers++] = json_integer_value(m);
        }
    }
    if (!in)
        err_set(&e, 500, "out_of_memory", NULL, "内存不足");
    if (ok)
        id = organisation_create(r->db, &r->user, in, &e);
    free(in);
    json_decref(j);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_organisation(r, 201, id);
}

void api_organisations_show(struct req *r)
{
    reply_organisation(r, 200, r->id[0]);
}

/* Appends one organisation. */
static void organisation_item(const struct organisation *o, void *ctx)
{
    json_array_append_new(ctx, organisation_json(o));
}

void api_organisations_list(struct req *r)
{
    int limit, offset;
    struct err e = {0};
    api_paging(r, &limit, &offset);
    int64_t village = req_query_int(r, "village_id", 0);
    if (list_export_if_asked(r, record_organisations_sheet, &village, "organisations.csv"))
        return;
    json_t *items = json_array();
    int64_t total = organisation_list(r->db, &r->user, village, limit, offset,
                                      organisation_item, items, &e);
    api_reply_list(r, items, total, &e);
}

/* An organisation's JSON Schema. */
#define ORG_SCHEMA                                                                                                   \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"kind\":{\"enum\":[\"cooperative\",\"demonstration_base\"]}"   \
            ",\"kind_name\":" API_STR ",\"credit_code\":" API_STR ",\"village_id\":" API_INT ",\"village\":" API_STR   \
            ",\"legal_rep\":" API_OBJ("\"member_id\":" API_INT ",\"name\":" API_STR ",\"household_id\":" API_INT,       \
                                      "\"member_id\",\"name\",\"household_id\"")                                     \
            ",\"jobs_created\":" API_INT ",\"members_count\":" API_INT,                                              \
            "\"id\",\"name\",\"kind\",\"credit_code\",\"village_id\",\"legal_rep\",\"jobs_created\",\"members_count\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_organisation[] = {
    {"GET", "/api/v1/organisations", "管辖范围内的合作社、示范基地，分页（?village_id= 一个村）",
     "village_id:integer format:string " API_PAGING, NULL, API_LIST(ORG_SCHEMA), 0, "422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/organisations/{id}", "一个合作社或示范基地及其成员家庭", NULL, NULL, ORG_SCHEMA, 0,
     "404:not_found 403:out_of_scope", NULL},
    {"POST", "/api/v1/organisations",
     "登记合作社或示范基地（统一社会信用代码按 GB 32100 校验；法定代表人为本村家庭成员；成员家庭来自家庭档案）", NULL,
     API_OBJ("\"name\":" API_STR ",\"kind\":{\"enum\":[\"cooperative\",\"demonstration_base\"]},\"credit_code\":" API_STR
             ",\"legal_rep_member_id\":" API_INT ",\"village_id\":" API_INT ",\"jobs_created\":" API_INT
             ",\"members\":{\"type\":\"array\",\"items\":" API_INT "}",
             "\"name\",\"kind\",\"credit_code\",\"legal_rep_member_id\",\"village_id\""),
     ORG_SCHEMA, 201,
     "422:invalid_name 422:invalid_kind 422:invalid_credit_code 422:invalid_village 422:invalid_legal_rep "
     "422:invalid_members 422:invalid_jobs 403:out_of_scope 409:duplicate_credit_code",
     NULL},
    {0},
};
