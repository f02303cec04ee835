/* openapi.c: GET /api/v1/openapi.json, the OpenAPI 3.1 document built from the route table and
   the descriptions beside the handlers (api_doc.h). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "handlers.h"
#include "routes.h"

/* Room for an OpenAPI path ("/api/v1/loans/{id}/repayments/{id2}/reverse") and an operation id. */
#define OPENAPI_PATH_SIZE 256

/* Every table of descriptions, one per api_*.c file. */
static const struct api_doc *const doc_tables[] = {api_docs_auth,     api_docs_units,  api_docs_household,
                                                   api_docs_audit,    api_docs_loan,   api_docs_servicing,
                                                   api_docs_lists,    api_docs_relief, api_docs_notice,
                                                   api_docs_announcement, api_docs_users, api_docs_accounts,
                                                   api_docs_reports, api_docs_category_change,
                                                   api_docs_pairs, api_docs_visits, api_docs_complaints,
                                                   api_docs_trainings, api_docs_product, api_docs_organisation,
                                                   api_docs_lifecycle, api_docs_programme, api_docs_time_limits, api_docs_bank,
                                                   api_docs_campaigns, api_docs_aid, api_docs_subsidy_receipt,
                                                   api_docs_information, api_docs_assessment,
                                                   api_docs_openapi};

const struct api_doc *api_doc_find(const char *method, const char *pattern)
{
    for (size_t t = 0; t < sizeof doc_tables / sizeof doc_tables[0]; t++)
        for (const struct api_doc *d = doc_tables[t]; d->method; d++)
            if (!strcmp(d->method, method) && !strcmp(d->pattern, pattern))
                return d;
    return NULL;
}

const struct api_doc api_docs_openapi[] = {
    {"GET", "/api/v1/openapi.json", "本接口的 OpenAPI 3.1 说明（由路由表和各接口的说明生成）", NULL, NULL,
     "{\"type\":\"object\",\"required\":[\"openapi\",\"paths\"]}", 0, NULL, NULL},
    {0},
};

/* The route's pattern as an OpenAPI path: the second and third {id} become {id2}, {id3}; the
   path parameters go to params. -1 when it does not fit. */
static int openapi_path(const char *pattern, char out[OPENAPI_PATH_SIZE], json_t *params)
{
    size_t o = 0;
    int nid = 0;
    for (const char *p = pattern; *p;) {
        const char *name = NULL;
        char id[8];
        if (!strncmp(p, "{id}", 4)) {
            nid++;
            snprintf(id, sizeof id, nid == 1 ? "id" : "id%d", nid);
            name = id, p += 4;
        } else if (!strncmp(p, "{str}", 5))
            name = "str", p += 5;
        if (name) {
            int n = snprintf(out + o, OPENAPI_PATH_SIZE - o, "{%s}", name);
            if (n < 0 || (size_t)n >= OPENAPI_PATH_SIZE - o)
                return -1;
            o += (size_t)n;
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path", "required",
                                                    1, "schema", "type", strcmp(name, "str") ? "integer" : "string"));
            continue;
        }
        if (o + 1 >= OPENAPI_PATH_SIZE)
            return -1;
        out[o++] = *p++;
    }
    out[o] = '\0';
    return 0;
}

/* A schema from its JSON text; a {"description"} saying so when the text does not parse (the
   OpenAPI test fails on it). */
static json_t *schema_of(const char *text)
{
    json_error_t err;
    json_t *s = text && *text ? json_loads(text, 0, &err) : NULL;
    return s ? s : json_pack("{s:s}", "description", text && *text ? "schema_unparsable" : "未给出");
}

/* Adds the query parameters "name:type ..." to params. */
static void query_params(const char *query, json_t *params)
{
    for (const char *p = query; p && *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " "), colon = strcspn(p, ":");
        if (!n)
            break;
        char name[64], type[16];
        snprintf(name, sizeof name, "%.*s", (int)(colon < n ? colon : n), p);
        snprintf(type, sizeof type, "%.*s", colon < n ? (int)(n - colon - 1) : 6, colon < n ? p + colon + 1 : "string");
        json_t *schema = !strcmp(type, "date") ? json_pack("{s:s, s:s}", "type", "string", "format", "date")
                                               : json_pack("{s:s}", "type", type);
        json_array_append_new(params, json_pack("{s:s, s:s, s:o}", "name", name, "in", "query", "schema", schema));
        p += n;
    }
}

/* The error answers "422:code 404:code ..." grouped by status, each with its codes. */
static void error_responses(const char *errors, json_t *responses)
{
    for (const char *p = errors; p && *p;) {
        p += strspn(p, " ");
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        char status[4], code[64];
        snprintf(status, sizeof status, "%.3s", p);
        snprintf(code, sizeof code, "%.*s", n > 4 ? (int)(n - 4) : 0, p + 4);
        json_t *r = json_object_get(responses, status);
        if (!r) {
            r = json_pack("{s:s, s:{s:{s:{s:s}}}, s:[]}", "description", "错误", "content", "application/json",
                          "schema", "$ref", "#/components/schemas/Error", "x-error-codes");
            json_object_set_new(responses, status, r);
        }
        json_array_append_new(json_object_get(r, "x-error-codes"), json_string(code));
        p += n;
    }
}

/* The media type of a format named in produces. */
static const char *media_type(const char *format)
{
    return !strcmp(format, "csv")    ? "text/csv"
           : !strcmp(format, "xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                     : "application/pdf";
}

/* The operation of one route. */
static json_t *operation(const struct route *rt, const struct api_doc *d, json_t *params)
{
    json_t *op = json_object(), *roles = json_array(), *responses = json_object(), *content = json_object();
    for (int k = 0; k < ROLE__MAX; k++)
        if (!(rt->flags & ROUTE_PUBLIC) && (rt->roles & ROLE_BIT(k)))
            json_array_append_new(roles, json_string(role_code((enum role)k)));
    json_object_set_new(op, "x-roles", roles);
    json_object_set_new(op, "security", rt->flags & ROUTE_PUBLIC ? json_array() : json_pack("[{s:[]}]", "bearer"));
    if (!d) {
        json_object_set_new(op, "x-undescribed", json_true());
        json_object_set_new(op, "parameters", params);
        json_object_set_new(op, "responses", json_pack("{s:{s:s}}", "default", "description", "未说明"));
        json_decref(content), json_decref(responses);
        return op;
    }
    json_object_set_new(op, "summary", json_string(d->summary));
    query_params(d->query, params);
    json_object_set_new(op, "parameters", params);
    if (d->request)
        json_object_set_new(op, "requestBody", json_pack("{s:b, s:{s:{s:o}}}", "required", 1, "content",
                                                         "application/json", "schema", schema_of(d->request)));
    if (d->response)
        json_object_set_new(content, "application/json", json_pack("{s:o}", "schema", schema_of(d->response)));
    for (const char *p = d->produces; p && *p;) {
        size_t n = strcspn(p, " ");
        char format[8];
        snprintf(format, sizeof format, "%.*s", (int)n, p);
        json_object_set_new(content, media_type(format), json_pack("{s:{s:s, s:s}}", "schema", "type", "string",
                                                                   "contentEncoding", "binary"));
        p += n + (p[n] == ' ');
    }
    char status[4];
    snprintf(status, sizeof status, "%d", d->status ? d->status : 200);
    json_object_set_new(responses, status, json_pack("{s:s, s:o}", "description", "成功", "content", content));
    if (!(rt->flags & ROUTE_PUBLIC))
        error_responses("401:unauthorized 403:forbidden", responses);
    error_responses(d->errors, responses);
    json_object_set_new(op, "responses", responses);
    return op;
}

/* The whole document. */
static json_t *openapi_document(void)
{
    json_t *paths = json_object();
    for (int i = 0; i < routes_count; i++) {
        const struct route *rt = &routes[i];
        char path[OPENAPI_PATH_SIZE], method[8];
        json_t *params = json_array();
        if (!(rt->flags & ROUTE_API) || openapi_path(rt->pattern, path, params) != 0) {
            json_decref(params);
            continue;
        }
        size_t k = 0;
        for (; rt->method[k] && k + 1 < sizeof method; k++)
            method[k] = (char)(rt->method[k] | 0x20);
        method[k] = '\0';
        json_t *item = json_object_get(paths, path);
        if (!item)
            json_object_set_new(paths, path, item = json_object());
        json_object_set_new(item, method, operation(rt, api_doc_find(rt->method, rt->pattern), params));
    }
    return json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:s}}, s:{s:o}}}", "openapi", "3.1.0", "info", "title",
        "帮富 Bangfu JSON API", "version", "1", "description",
        "计生协会创业贷款与困难家庭救助系统的接口。金额以分为单位（*_fen），日期为 YYYY-MM-DD（中国时间）。", "paths", paths,
        "components", "securitySchemes", "bearer", "type", "http", "scheme", "bearer", "schemas", "Error",
        schema_of(API_OBJ("\"error\":" API_OBJ("\"code\":" API_STR ",\"message\":" API_STR ",\"field\":{\"type\":[\"string\",\"null\"]}",
                                               "\"code\",\"message\""),
                          "\"error\"")));
}

void api_openapi(struct req *r)
{
    reply_json(r, 200, openapi_document());
}
