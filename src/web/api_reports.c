/* api_reports.c: the quarterly report (季度工作报表) in the JSON API with the figures its page
   shows, and as the figures sheet in CSV or Excel (one value a cell) or the composed PDF
   (?format=, or the older path /api/v1/reports/quarterly.pdf). */
#include "api_doc.h"
#include "api_util.h"
#include "handlers.h"
#include "quarterly_report.h"

void api_quarterly(struct req *r)
{
    struct quarterly_report *q = quarterly_report_load(r);
    if (!q)
        return;
    if (!quarterly_reply_file(r, q)) {
        if (req_query(r, "format"))
            reply_fail(r, 422, "invalid_format", "format 应为 csv、xlsx 或 pdf");
        else
            reply_json(r, 200, quarterly_report_json(q));
    }
    quarterly_report_free(q);
}

/* JSON Schema texts of the report's parts. */
#define Q_GRADE API_OBJ("\"loans\":" API_INT ",\"outstanding_fen\":" API_INT, "\"loans\",\"outstanding_fen\"")
#define Q_LOANS                                                                                                    \
    API_OBJ("\"applications\":" API_INT ",\"approved\":" API_INT ",\"rejected\":" API_INT ",\"decided\":" API_INT     \
            ",\"decided_on_time\":" API_INT ",\"on_time_rate\":" API_STR ",\"disbursed_loans\":" API_INT                  \
            ",\"disbursed_fen\":" API_INT ",\"active_loans\":" API_INT ",\"outstanding_fen\":" API_INT                    \
            ",\"par30_fen\":" API_INT ",\"par30_rate\":" API_STR ",\"grades\":" API_OBJ(                                  \
                "\"normal\":" Q_GRADE ",\"special_mention\":" Q_GRADE ",\"substandard\":" Q_GRADE ",\"doubtful\":" Q_GRADE \
                ",\"loss\":" Q_GRADE, "\"normal\",\"special_mention\",\"substandard\",\"doubtful\",\"loss\"")             \
            ",\"payouts_fen\":" API_INT ",\"recoveries_fen\":" API_INT,                                                  \
            "\"applications\",\"approved\",\"rejected\",\"decided\",\"decided_on_time\",\"on_time_rate\","              \
            "\"disbursed_loans\",\"disbursed_fen\",\"active_loans\",\"outstanding_fen\",\"par30_fen\",\"par30_rate\","  \
            "\"grades\",\"payouts_fen\",\"recoveries_fen\"")
#define Q_MONTH                                                                                                    \
    API_OBJ("\"month\":" API_STR ",\"disbursed_fen\":" API_INT ",\"outstanding_fen\":" API_INT ",\"par30_fen\":" API_INT \
            ",\"par30_rate\":" API_STR, "\"month\",\"disbursed_fen\",\"outstanding_fen\",\"par30_fen\",\"par30_rate\"")
#define Q_RELIEF                                                                                                   \
    API_OBJ("\"payments\":" API_INT ",\"amount_fen\":" API_INT ",\"categories\":{\"type\":\"array\",\"items\":"      \
            API_OBJ("\"category\":" API_STR ",\"payments\":" API_INT ",\"amount_fen\":" API_INT,                       \
                    "\"category\",\"payments\",\"amount_fen\"") "}",                                                   \
            "\"payments\",\"amount_fen\",\"categories\"")
#define Q_OUTCOMES API_OBJ("\"visited\":" API_INT ",\"jobs\":" API_INT ",\"income_fen\":" API_INT, "\"visited\",\"jobs\",\"income_fen\"")
#define Q_SUBSIDY                                                                                                  \
    API_OBJ("\"loans\":" API_INT ",\"interest_paid_fen\":" API_INT ",\"eligible_interest_fen\":" API_INT              \
            ",\"subsidy_fen\":" API_INT ",\"subsidy_capital\":" API_STR,                                               \
            "\"loans\",\"interest_paid_fen\",\"eligible_interest_fen\",\"subsidy_fen\",\"subsidy_capital\"")
#define Q_REPORT                                                                                                   \
    API_OBJ("\"quarter\":" API_STR ",\"name\":" API_STR ",\"unit\":" API_STR ",\"from\":" API_STR ",\"to\":" API_STR  \
            ",\"draft\":" API_BOOL ",\"loans\":" Q_LOANS ",\"months\":{\"type\":\"array\",\"items\":" Q_MONTH "}"       \
            ",\"relief\":" Q_RELIEF ",\"outcomes\":" Q_OUTCOMES ",\"subsidy\":" Q_SUBSIDY,                            \
            "\"quarter\",\"name\",\"unit\",\"from\",\"to\",\"draft\",\"loans\",\"months\",\"relief\",\"outcomes\","     \
            "\"subsidy\"")

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
const struct api_doc api_docs_reports[] = {
    {"GET", "/api/v1/reports/quarterly", "季度工作报表：页面上的全部数字；?format=csv、xlsx（一格一个数）或 pdf（含图表的报表）",
     "quarter:string unit_id:integer format:string", NULL, Q_REPORT, 0,
     "422:invalid_quarter 422:quarter_not_begun 422:invalid_format 403:out_of_scope 404:unit_not_found", API_FORMATS},
    {"GET", "/api/v1/reports/quarterly.pdf", "季度工作报表 PDF（同 /reports/quarterly?format=pdf）", "quarter:string unit_id:integer",
     NULL, NULL, 0, "422:invalid_quarter 422:quarter_not_begun 403:out_of_scope 404:unit_not_found", "pdf"},
    {0},
};
