/* api_units.c: /api/v1/units and /api/v1/departments. */
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "department.h"
#include "handlers.h"
#include "admin_sheets.h"
#include "unit.h"

/* Appends one unit to a JSON array. */
static void unit_item(const struct unit *u, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)u->id, "name", u->name, "kind",
                                         u->kind, "parent_id",
                                         u->parent_id ? json_integer(u->parent_id) : json_null()));
}

void api_units_list(struct req *r)
{
    if (list_export_if_asked(r, admin_units_sheet, NULL, "units.csv"))
        return;
    json_t *items = json_array();
    int n = unit_list(r->db, r->user.unit_path, NULL, unit_item, items);
    api_reply_list(r, items, n, NULL);
}

void api_units_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *name, *kind;
    int64_t parent;
    if (!j || api_str(j, "name", &name, &e) || api_str(j, "kind", &kind, &e) ||
        api_int(j, "parent_id", 0, &parent, &e)) {
        json_decref(j);
        reply_json_error(r, &e);
        return;
    }
    int64_t id = unit_create(r->db, &r->user, name, kind, parent, &e);
    json_decref(j);
    struct unit u;
    if (id < 0 || unit_get(r->db, id, &u) != 0) {
        reply_json_error(r, &e);
        return;
    }
    json_t *arr = json_array();
    unit_item(&u, arr);
    reply_json(r, 201, json_incref(json_array_get(arr, 0)));
    json_decref(arr);
}

/* Appends one department to a JSON array. */
static void department_item(int64_t id, const char *name, int active, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id, "name", name, "active", active));
}

void api_departments_list(struct req *r)
{
    if (list_export_if_asked(r, admin_departments_sheet, NULL, "departments.csv"))
        return;
    json_t *items = json_array();
    int n = department_list(r->db, department_item, items);
    api_reply_list(r, items, n, NULL);
}

void api_departments_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *name;
    if (!j || api_str(j, "name", &name, &e)) {
        json_decref(j);
        reply_json_error(r, &e);
        return;
    }
    int64_t id = department_create(r->db, &r->user, name, &e);
    if (id < 0)
        reply_json_error(r, &e);
    else
        reply_json(r, 201, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id, "name", name, "active", 1));
    json_decref(j);
}

/* A unit (unit_item) and a department (department_item), in the lists and as the answer of their creation. */
#define UNIT_ANSWER API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"kind\":" "{\"enum\":[\"district\",\"township\",\"village\"]}" ",\"parent_id\":" API_INT_NULL "", "\"id\",\"name\",\"kind\",\"parent_id\"")
#define DEPARTMENT_ANSWER API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"active\":" API_BOOL "", "\"id\",\"name\",\"active\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_units[] = {
    {"GET", "/api/v1/units", "管辖范围内的单位（区、镇、村）；?format= 导出", "format:string", NULL, API_LIST(UNIT_ANSWER), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/units", "新建镇或村：答复新单位", NULL, API_OBJ("\"name\":" API_STR ",\"kind\":" API_STR ",\"parent_id\":" API_INT, "\"name\",\"kind\",\"parent_id\""), UNIT_ANSWER, 201, "422:invalid_name 422:invalid_kind 422:invalid_parent 422:invalid_type 403:out_of_scope", NULL},
    {"GET", "/api/v1/departments", "评审部门；?format= 导出", "format:string", NULL, API_LIST(DEPARTMENT_ANSWER), 0, "422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/departments", "新建评审部门：答复新部门", NULL, API_OBJ("\"name\":" API_STR, "\"name\""), DEPARTMENT_ANSWER, 201, "409:duplicate_department 422:invalid_name 422:invalid_type", NULL},
    {0},
};
