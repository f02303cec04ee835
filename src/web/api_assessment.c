/* api_assessment.c: GET /api/v1/reports/assessment (考核: per unit its figures and score, or the
   sheet as a file) and the admin's weights, GET and POST /api/v1/assessment/weights. */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "assessment_sheet.h"
#include "handlers.h"

/* The weights as {code: weight}. */
static json_t *weights_json(const struct assess_weights *w)
{
    json_t *o = json_object();
    for (int i = 0; i < AS__ITEMS; i++)
        json_object_set_new(o, assess_item_code(i), json_integer(w->w[i]));
    return o;
}

void api_assessment(struct req *r)
{
    struct assessment a;
    struct sheet s;
    if (assessment_open(r, &a, &s))
        return;
    if (req_query(r, "format"))
        reply_fail(r, 422, "invalid_format", "format 应为 csv、xlsx 或 pdf");
    else {
        char from[11], to[11], asof[11];
        json_t *items = json_array(), *officers = json_array();
        for (int i = 0; i < a.n; i++)
            json_array_append_new(items, assess_json(&a.rows[i]));
        for (int i = 0; i < a.n_officers; i++)
            json_array_append_new(officers, assess_json(&a.officers[i]));
        reply_json(r, 200,
                   json_pack("{s:{s:s, s:s, s:s, s:s}, s:o, s:o, s:I, s:o}", "period", "code", a.period.code, "from",
                             date_format(a.period.from, from), "to", date_format(a.period.to, to), "asof",
                             date_format(a.period.asof, asof), "weights", weights_json(&a.weights), "items", items,
                             "total", (json_int_t)a.n, "officers", officers));
    }
    assessment_close(&a, &s);
}

void api_assessment_weights(struct req *r)
{
    struct assess_weights w;
    assess_weights_get(r->db, &w);
    reply_json(r, 200, weights_json(&w));
}

void api_assessment_weights_set(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct assess_weights w;
    int bad = !j;
    for (int i = 0; i < AS__ITEMS && !bad; i++) {
        int64_t v = -1;
        bad = api_int(j, assess_item_code(i), -1, &v, &e) != 0;
        if (!bad && (v < 0 || v > 100))
            bad = err_set(&e, 422, "invalid_weight", assess_item_code(i), "%s的权重应为 0 到 100 的整数",
                          assess_item_name(i));
        w.w[i] = (int)v;
    }
    json_decref(j);
    if (bad || assess_weights_set(r->db, &r->user, &w, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    api_assessment_weights(r);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
#define AS_WEIGHTS                                                                                                 \
    API_OBJ("\"pairing\":" API_INT ",\"visits\":" API_INT ",\"training\":" API_INT ",\"information\":" API_INT     \
            ",\"timeliness\":" API_INT ",\"satisfaction\":" API_INT ",\"overdue\":" API_INT,                       \
            "\"pairing\",\"visits\",\"training\",\"information\",\"timeliness\",\"satisfaction\",\"overdue\"")
#define AS_RATE API_OBJ("\"num\":" API_INT ",\"den\":" API_INT ",\"points\":" API_STR, "\"num\",\"den\",\"points\"")
#define AS_RATES                                                                                                   \
    API_OBJ("\"pairing\":" AS_RATE ",\"visits\":" AS_RATE ",\"training\":" AS_RATE ",\"information\":" AS_RATE     \
            ",\"timeliness\":" AS_RATE ",\"satisfaction\":" AS_RATE ",\"overdue\":" AS_RATE,                       \
            "\"pairing\",\"visits\",\"training\",\"information\",\"timeliness\",\"satisfaction\",\"overdue\"")
#define AS_ROW                                                                                                     \
    API_OBJ("\"unit_id\":" API_INT ",\"unit\":" API_STR ",\"kind\":" API_STR ",\"households\":" API_INT             \
            ",\"villages\":" API_INT ",\"paired\":" API_INT ",\"visits\":" API_INT ",\"visited\":" API_INT          \
            ",\"trainings\":" API_INT ",\"attendances\":" API_INT ",\"trained\":" API_INT                           \
            ",\"information_items\":" API_INT ",\"information_villages\":" API_INT ",\"loans_handled\":" API_INT     \
            ",\"relief_handled\":" API_INT ",\"handled\":" API_INT ",\"on_time\":" API_INT ",\"open_late\":" API_INT \
            ",\"complaints\":" API_INT ",\"rated\":" API_INT ",\"satisfied\":" API_INT                              \
            ",\"basically_satisfied\":" API_INT ",\"unsatisfied\":" API_INT ",\"loans_active\":" API_INT             \
            ",\"loans_overdue\":" API_INT ",\"rates\":" AS_RATES ",\"score\":" API_STR ",\"score_milli\":" API_INT      \
            ",\"user_id\":" API_INT ",\"officer\":" API_STR,                                                         \
            "\"unit_id\",\"unit\",\"kind\",\"households\",\"paired\",\"visited\",\"trained\",\"handled\","           \
            "\"on_time\",\"complaints\",\"loans_overdue\",\"rates\",\"score\",\"score_milli\"")

const struct api_doc api_docs_assessment[] = {
    {"GET", "/api/v1/reports/assessment",
     "工作考核：本范围每个镇、村（items）和每名村计生专干（officers：本村数字，走访和按时办结为本人的）在季度（?quarter=2027Q1）或月份（?month=2027-01）的各项数字、比率和得分；?format= 导出",
     "quarter:string month:string unit_id:integer format:string", NULL,
     API_OBJ("\"period\":" API_OBJ("\"code\":" API_STR ",\"from\":" API_STR ",\"to\":" API_STR ",\"asof\":" API_STR,
                                   "\"code\",\"from\",\"to\",\"asof\"") ",\"weights\":" AS_WEIGHTS
             ",\"items\":" API_ARRAY(AS_ROW) ",\"total\":" API_INT ",\"officers\":" API_ARRAY(AS_ROW),
             "\"period\",\"weights\",\"items\",\"total\",\"officers\""),
     0, "422:invalid_period 422:period_not_begun 422:invalid_format 403:out_of_scope 404:unit_not_found", API_FORMATS},
    {"GET", "/api/v1/assessment/weights", "考核权重（七项，合计 100）", NULL, NULL, AS_WEIGHTS, 0, "", NULL},
    {"POST", "/api/v1/assessment/weights", "设置考核权重（管理员；每项 0 到 100 的整数，合计 100）", NULL, AS_WEIGHTS,
     AS_WEIGHTS, 0, "422:invalid_weight 422:weights_not_100", NULL},
    {0},
};
