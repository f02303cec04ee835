/* api_util.c: typed JSON field access for API handlers (see api_util.h). */
#include "api_util.h"

#include "db_row.h"

int api_str(json_t *o, const char *key, const char **out, struct err *e)
{
    json_t *v = json_object_get(o, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return err_set(e, 422, "invalid_type", key, "字段 %s 应为字符串", key);
    *out = json_string_value(v);
    return 0;
}

int api_int(json_t *o, const char *key, int64_t dflt, int64_t *out, struct err *e)
{
    json_t *v = json_object_get(o, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v))
        return err_set(e, 422, "invalid_type", key, "字段 %s 应为整数", key);
    *out = json_integer_value(v);
    return 0;
}

int api_bool(json_t *o, const char *key, int dflt, int *out, struct err *e)
{
    json_t *v = json_object_get(o, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_boolean(v))
        return err_set(e, 422, "invalid_type", key, "字段 %s 应为 true 或 false", key);
    *out = json_is_true(v);
    return 0;
}

void api_paging(struct req *r, int *limit, int *offset)
{
    int64_t l = req_query_int(r, "limit", 50), o = req_query_int(r, "offset", 0);
    *limit = (int)(l < 1 ? 50 : l > 500 ? 500 : l);
    *offset = (int)(o < 0 ? 0 : o > 100000000 ? 100000000 : o);
}

json_t *api_list(json_t *items, int64_t total)
{
    return json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)total);
}

void api_reply_created(struct req *r, json_t *items, int64_t listed, struct err *e)
{
    if (listed != 1) {
        if (!e->status)
            db_row_fail(e);
        reply_json_error(r, e);
    } else
        reply_json(r, 201, json_incref(json_array_get(items, 0)));
    json_decref(items);
}

void api_reply_list(struct req *r, json_t *items, int64_t total, struct err *e)
{
    if (total < 0) {
        json_decref(items);
        struct err failed = {0};
        if (!e || !e->status) {
            e = &failed;
            db_fail(r->db, e);
        }
        reply_json_error(r, e);
        return;
    }
    reply_json(r, 200, api_list(items, total));
}

void api_reply_capped(struct req *r, json_t *items, int64_t n, int64_t max)
{
    if (n < 0) {
        api_reply_list(r, items, n, NULL);
        return;
    }
    json_t *list = api_list(items, n);
    json_object_set_new(list, "total_capped", json_boolean(n > max));
    reply_json(r, 200, list);
}
