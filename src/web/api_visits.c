/* api_visits.c: POST /api/v1/visits and GET /api/v1/visits (走访帮扶, with the loan follow-up visits). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "list_sheets.h"
#include "money.h"
#include "visit.h"

void api_visits_create(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct visit_input in = {0};
    const char *kind = NULL;
    int64_t id = -1;
    if (j && !api_int(j, "household_id", 0, &in.household_id, &e) && !api_int(j, "pair_id", 0, &in.pair_id, &e) &&
        !api_str(j, "on", &in.on, &e) && !api_str(j, "kind", &kind, &e) && !api_str(j, "note", &in.note, &e) &&
        !api_str(j, "next_step", &in.next_step, &e) && !api_str(j, "next_on", &in.next_on, &e)) {
        in.kind = visit_kind_parse(kind);
        id = visit_create(r->db, &r->user, &in, r->today, &e);
    }
    json_decref(j);
    if (id < 0) {
        reply_json_error(r, &e);
        return;
    }
    struct visit_filter f = {.kind = -1, .visit_id = id};
    json_t *items = json_array();
    api_reply_created(r, items, visit_list(r->db, &r->user, &f, visit_json_append, items, &e), &e);
}

/* Reads the list's query: household_id, unit_id, pair_id, kind, from, to and the paging. 0 or -1 with e. */
static int visit_filter_read(struct req *r, struct visit_filter *f, struct err *e)
{
    const char *kind = req_query(r, "kind");
    *f = (struct visit_filter){.household_id = req_query_int(r, "household_id", 0),
                               .unit_id = req_query_int(r, "unit_id", 0), .pair_id = req_query_int(r, "pair_id", 0),
                               .kind = kind && *kind ? visit_kind_parse(kind) : -1, .from = req_query(r, "from"),
                               .to = req_query(r, "to")};
    if (kind && *kind && f->kind < 0)
        return err_set(e, 422, "invalid_kind", "kind", "未知的帮扶方式");
    api_paging(r, &f->limit, &f->offset);
    return 0;
}

/* One visit as a sheet row. */
static void visit_sheet_row(const struct visit_row *v, void *ctx)
{
    char income[MONEY_TEXT_SIZE] = "", jobs[24] = "";
    if (v->kind == VISIT_LOAN_FOLLOWUP) {
        snprintf(jobs, sizeof jobs, "%lld", (long long)v->jobs);
        sheet_fen(v->income_fen, income);
    }
    const char *cells[] = {v->on, v->village, v->head, visit_kind_name(v->kind), v->note, v->next_step, v->next_on,
                           jobs, income, v->by};
    sheet_row(ctx, cells);
}

/* arg: struct visit_filter (paging ignored). A list_sheet_fn. */
static int visit_list_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"走访日期", "村", "户主", "帮扶方式", "情况", "下一步", "下一步日期",
                                        "带动就业（人）", "年收入（元）", "记录人", NULL};
    sheet_init(s, "走访帮扶记录", heads);
    sheet_date_column(s, 0);
    sheet_date_column(s, 6);
    sheet_int_column(s, 7);
    sheet_money_column(s, 8);
    s->widths[4] = 3, s->widths[5] = 1.6f;
    s->landscape = 1;
    char t[11];
    snprintf(s->subtitle, sizeof s->subtitle, "范围：%s · 导出日期 %s", r->user.unit_name, date_format(r->today, t));
    struct visit_filter all = *(const struct visit_filter *)arg;
    all.limit = LIST_EXPORT_MAX, all.offset = 0;
    struct err e = {0};
    int64_t n = visit_list(r->db, &r->user, &all, visit_sheet_row, s, &e);
    if (n > LIST_EXPORT_MAX)
        snprintf(s->after[0], sizeof s->after[0], "共 %lld 条，本表只列出前 %d 条", (long long)n, LIST_EXPORT_MAX);
    return n < 0 ? -1 : 0;
}

void api_visits_list(struct req *r)
{
    struct visit_filter f;
    struct err e = {0};
    if (visit_filter_read(r, &f, &e) != 0) {
        reply_json_error(r, &e);
        return;
    }
    if (list_export_if_asked(r, visit_list_sheet, &f, "visits.csv"))
        return;
    json_t *items = json_array();
    int64_t total = visit_list(r->db, &r->user, &f, visit_json_append, items, &e);
    api_reply_list(r, items, total, &e);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
/* A visit as visit_json answers it. */
#define VISIT_ANSWER                                                                                                \
    API_OBJ("\"id\":" API_INT ",\"household_id\":" API_INT ",\"head\":" API_STR ",\"village\":" API_STR             \
            ",\"pair_id\":" API_INT ",\"on\":" API_STR ",\"kind\":{\"enum\":[\"advice\",\"training\","             \
            "\"information\",\"goods\",\"referral\",\"loan_followup\"]},\"kind_name\":" API_STR ",\"note\":" API_STR \
            ",\"next_step\":" API_STR ",\"next_on\":" API_STR ",\"by\":" API_STR ",\"loan_id\":" API_INT            \
            ",\"jobs_created\":" API_INT ",\"income_fen\":" API_INT,                                                \
            "\"id\",\"household_id\",\"on\",\"kind\",\"kind_name\",\"note\"")

const struct api_doc api_docs_visits[] = {
    {"GET", "/api/v1/visits", "走访帮扶记录（含贷款回访，kind=loan_followup），按家庭、单位、结对、方式、日期筛选，分页；?format= 导出",
     "household_id:integer unit_id:integer pair_id:integer kind:string from:date to:date format:string " API_PAGING,
     NULL, API_LIST(VISIT_ANSWER), 0, "422:invalid_kind 403:out_of_scope 422:invalid_format", API_FORMATS},
    {"POST", "/api/v1/visits", "登记走访帮扶（咨询建议、培训推荐、信息服务、实物帮扶、贷款救助转介）及下一步", NULL,
     API_OBJ("\"household_id\":" API_INT ",\"pair_id\":" API_INT ",\"on\":" API_STR ",\"kind\":" API_STR
             ",\"note\":" API_STR ",\"next_step\":" API_STR ",\"next_on\":" API_STR,
             "\"household_id\",\"on\",\"kind\",\"note\""),
     VISIT_ANSWER, 201, "422:invalid_kind 422:invalid_date 422:invalid_note 422:invalid_pair 404:not_found 403:out_of_scope",
     NULL},
    {0},
};
