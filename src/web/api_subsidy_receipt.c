/* api_subsidy_receipt.c: /api/v1/subsidy-receipts — the interest subsidy (贴息) received from
   finance: list, record, reverse. Thin over subsidy_receipt.c. */
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "subsidy_receipt.h"

/* Replies with the list (status 200 or 201). */
static void reply_receipts(struct req *r, int status)
{
    struct err e = {0};
    json_t *list = subsidy_receipt_list_json(r->db, &e);
    if (!list)
        reply_json_error(r, &e);
    else
        reply_json(r, status, list);
}

/* Answers a write: its refusal e (id < 0), else 201 with the list; frees the request body j. */
static void answer(struct req *r, json_t *j, int64_t id, const struct err *e)
{
    json_decref(j);
    if (id < 0)
        reply_json_error(r, e);
    else
        reply_receipts(r, 201);
}

void api_subsidy_receipts(struct req *r)
{
    reply_receipts(r, 200);
}

void api_subsidy_receipt_add(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    struct subsidy_receipt_input in = {0};
    int64_t id = j && !api_str(j, "quarter", &in.quarter, &e) && !api_str(j, "on", &in.on, &e) &&
                         !api_int(j, "amount_fen", 0, &in.amount_fen, &e) &&
                         !api_str(j, "document_no", &in.document_no, &e)
                     ? subsidy_receipt_add(r->db, &r->user, &in, r->today, &e)
                     : -1;
    answer(r, j, id, &e);
}

void api_subsidy_receipt_reverse(struct req *r)
{
    struct err e = {0};
    json_t *j = req_json(r, &e);
    const char *reason = NULL;
    int64_t id = j && !api_str(j, "reason", &reason, &e)
                     ? subsidy_receipt_reverse(r->db, &r->user, r->id[0], reason, r->today, &e)
                     : -1;
    answer(r, j, id, &e);
}

#define RECEIPTS_ANSWER                                                                                                 \
    API_OBJ("\"items\":{\"type\":\"array\",\"items\":" API_OBJ(                                                        \
                "\"id\":" API_INT ",\"quarter\":" API_STR ",\"on\":" API_STR ",\"amount_fen\":" API_INT                \
                ",\"document_no\":" API_STR ",\"note\":" API_STR ",\"reverses_id\":{\"type\":[\"integer\",\"null\"]}"    \
                ",\"reversed\":" API_BOOL ",\"recorded_by\":" API_STR,                                                 \
                "\"id\",\"quarter\",\"on\",\"amount_fen\",\"document_no\",\"note\",\"reverses_id\",\"reversed\","      \
                "\"recorded_by\"") "},\"total\":" API_INT ",\"net_fen\":" API_INT,                                      \
            "\"items\",\"total\",\"net_fen\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_subsidy_receipt[] = {
    {"GET", "/api/v1/subsidy-receipts", "收到的财政贴息资金（含冲正），新的在前，及净额", NULL, NULL, RECEIPTS_ANSWER, 0,
     NULL, NULL},
    {"POST", "/api/v1/subsidy-receipts", "登记收到的财政贴息资金（区级财务）：季度、到账日期、金额、文号；生成记账凭证", NULL,
     API_OBJ("\"quarter\":" API_STR ",\"on\":" API_STR ",\"amount_fen\":" API_INT ",\"document_no\":" API_STR,
             "\"quarter\",\"on\",\"amount_fen\",\"document_no\""),
     RECEIPTS_ANSWER, 201, "403:district_only 422:invalid_quarter 422:invalid_date 422:invalid_amount 422:invalid_document_no",
     NULL},
    {"POST", "/api/v1/subsidy-receipts/{id}/reverse", "冲正一笔贴息资金到账记录（须写原因；生成红字凭证）", NULL,
     API_OBJ("\"reason\":" API_STR, "\"reason\""), RECEIPTS_ANSWER, 201,
     "403:district_only 404:not_found 409:already_reversed 409:is_reversal 422:invalid_reason", NULL},
    {0},
};
