/*
 * fuzz_json.c: libFuzzer target for JSON request bodies: req_json (size, object, nesting
 * limits), the typed readers of api_util.c on every member, and then the whole path of three
 * API handlers on the demo database — household registration, loan application and schedule
 * preview — as the association's staff member. Every answer must be JSON with a status the API
 * defines; errors must carry a code and a Chinese message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "fuzz_db.h"
#include "handlers.h"
#include "routes.h"

/* Aborts unless r holds a JSON reply with an allowed status (and the error shape when not 2xx). */
static void check_reply(struct req *r)
{
    int s = r->status ? r->status : 200;
    if (s != 200 && s != 201 && s != 400 && s != 403 && s != 404 && s != 409 && s != 413 && s != 422)
        abort();
    json_t *j = json_loadb(r->out.data ? r->out.data : "", r->out.len, 0, NULL);
    if (!j)
        abort();
    if (s >= 400) {
        json_t *e = json_object_get(j, "error");
        if (!json_is_string(json_object_get(e, "code")) || !json_string_length(json_object_get(e, "message")))
            abort();
    }
    json_decref(j);
}

/* Reads every member of an object with each typed reader, as a handler would. */
static void read_members(json_t *o)
{
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        struct err e = {0};
        const char *s;
        int64_t i;
        int b;
        if ((api_str(o, key, &s, &e) == 0) != (json_is_string(v) || json_is_null(v)))
            abort();
        if ((api_int(o, key, 0, &i, &e) == 0) != (json_is_integer(v) || json_is_null(v)))
            abort();
        if ((api_bool(o, key, 0, &b, &e) == 0) != (json_is_boolean(v) || json_is_null(v)))
            abort();
        if (json_is_object(v))
            read_members(v);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct db *db;
    static struct user_ctx assoc;
    if (!db)
        db = fuzz_demo_db("xj_xiehui", &assoc);
    static void (*const handlers[])(struct req *) = {api_households_create, api_loans_create, api_schedule_preview};
    if (size < 1)
        return 0;
    static const struct route api_route = {"POST", "/api/v1/fuzz", NULL, 0, ROUTE_API};
    struct req r = {.db = db, .route = &api_route, .user = assoc, .authed = 1, .via_token = 1, .today = {2026, 11, 23}};
    buf_put(&r.body, (const char *)data + 1, size - 1);
    struct err e = {0};
    json_t *j = req_json(&r, &e);
    if (j)
        read_members(j);
    else if (e.status != 400 && e.status != 413 && e.status != 422)
        abort();
    json_decref(j);
    handlers[data[0] % 3](&r);
    db_rollback(db);
    check_reply(&r);
    buf_free(&r.body);
    buf_free(&r.out);
    free(r.binary);
    return 0;
}
