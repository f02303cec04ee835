/* api_trainings.c: POST /api/v1/trainings, GET /api/v1/trainings, GET /api/v1/trainings/villages
   (技术培训 with attendance, and the counts by village over a period). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "more_sheets.h"
#include "training.h"

void api_trainings_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e), *list = j ? json_object_get(j, "attendees") : NULL, *v;
    struct training_input in = {0};
    struct training_attendee people[TRAINING_MAX_ATTENDEES];
    int64_t id = -1;
    size_t i;
    int bad = !j || api_str(j, "title", &in.title, &e) || api_str(j, "on", &in.on, &e) ||
              api_int(j, "unit_id", 0, &in.unit_id, &e) || api_str(j, "place", &in.place, &e) ||
              api_str(j, "trainer", &in.trainer, &e);
    if (!bad && list && !json_is_array(list))
        bad = err_set(&e, 422, "invalid_type", "attendees", "attendees 应为数组");
    if (!bad && json_array_size(list) > TRAINING_MAX_ATTENDEES)
        bad = err_set(&e, 422, "too_many_attendees", "attendees", "一次最多登记 %d 名参训人员", TRAINING_MAX_ATTENDEES);
    json_array_foreach(list, i, v)
    {
        if (bad)
            break;
        people[i] = (struct training_attendee){0};
        if (!json_is_object(v) || api_int(v, "household_id", 0, &people[i].household_id, &e) ||
            api_int(v, "member_id", 0, &people[i].member_id, &e)) {
            err_set(&e, 422, "invalid_type", "attendees", "第 %zu 名参训人员应为 {household_id, member_id}", i + 1);
            bad = 1;
        }
    }
    if (!bad) {
        in.nattendees = (int)json_array_size(list);
        in.attendees = people;
        id = training_create(r->db, &r->user, &in, r->today, &e);
    }
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    struct training_filter f = {.id = id};
    json_t *items = json_array();
    api_reply_created(r, items, training_list(r->db, &r->user, &f, training_json_append, items, &e), &e);
}

void api_trainings_list(struct req *r)
{
    struct training_filter f = {.household_id = req_query_int(r, "household_id", 0), .from = req_query(r, "from"),
                                .to = req_query(r, "to")};
    struct err e = {0};
    api_paging(r, &f.limit, &f.offset);
    if (list_export_if_asked(r, more_trainings_sheet, &f, "trainings.csv"))
        return;
    json_t *items = json_array();
    int64_t total = training_list(r->db, &r->user, &f, training_json_append, items, &e);
    api_reply_list(r, items, total, &e);
}

/* Appends one village's counts. */
static void village_item(const struct training_village_row *v, void *ctx)
{
    json_array_append_new(ctx, json_pack("{s:I, s:s, s:I, s:I, s:I}", "village_id", (json_int_t)v->village_id,
                                         "village", v->village, "trainings", (json_int_t)v->trainings, "attendances",
                                         (json_int_t)v->attendances, "households", (json_int_t)v->households));
}

void api_trainings_villages(struct req *r)
{
    struct err e = {0};
    json_t *items = json_array();
    int n = training_by_village(r->db, &r->user, req_query(r, "from"), req_query(r, "to"), village_item, items, &e);
    api_reply_list(r, items, n, &e);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* A course as training_json answers it. */
#define TRAINING_ANSWER                                                                                            \
    API_OBJ("\"id\":" API_INT ",\"title\":" API_STR ",\"on\":" API_STR ",\"unit_id\":" API_INT ",\"unit\":" API_STR \
            ",\"place\":" API_STR ",\"trainer\":" API_STR ",\"attendances\":" API_INT ",\"households\":" API_INT,     \
            "\"id\",\"title\",\"on\",\"unit_id\",\"attendances\",\"households\"")

const struct api_doc api_docs_trainings[] = {
    {"POST", "/api/v1/trainings", "登记一期技术培训及参训家庭和成员", NULL,
     API_OBJ("\"title\":" API_STR ",\"on\":" API_STR ",\"unit_id\":" API_INT ",\"place\":" API_STR ",\"trainer\":" API_STR
             ",\"attendees\":{\"type\":\"array\",\"items\":" API_OBJ("\"household_id\":" API_INT ",\"member_id\":" API_INT,
                                                                  "\"household_id\"") "}",
             "\"title\",\"on\",\"unit_id\",\"place\",\"trainer\""),
     TRAINING_ANSWER, 201,
     "422:invalid_title 422:invalid_date 422:invalid_unit 422:invalid_member 422:duplicate_attendee 403:out_of_scope", NULL},
    {"GET", "/api/v1/trainings", "技术培训（本范围举办或本范围家庭参加的），按日期或参训家庭筛选，分页；?format= 导出",
     "household_id:integer from:date to:date format:string " API_PAGING, NULL, API_LIST(TRAINING_ANSWER), 0,
     "422:invalid_format", API_FORMATS},
    {"GET", "/api/v1/trainings/villages", "各村参训统计：参加的培训期数、参训人次、参训户数（按培训日期区间）",
     "from:date to:date", NULL,
     API_LIST(API_OBJ("\"village_id\":" API_INT ",\"village\":" API_STR ",\"trainings\":" API_INT ",\"attendances\":" API_INT
                      ",\"households\":" API_INT,
                      "\"village_id\",\"village\",\"trainings\",\"attendances\",\"households\"")),
     0, "", NULL},
    {0},
};
