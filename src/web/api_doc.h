/*
 * api_doc.h: the description of each JSON API route, kept beside its handler (one table per
 * api_*.c file, ended by an entry with method NULL) and gathered by openapi.c into the OpenAPI
 * 3.1 document GET /api/v1/openapi.json. The route table gives method, path, roles and whether the
 * route is public; the entry gives the rest. Schemas are JSON Schema text ("" or NULL: none given).
 */
#ifndef BANGFU_API_DOC_H
#define BANGFU_API_DOC_H

struct api_doc {
    const char *method, *pattern; /* as in the route table */
    const char *summary;          /* in Chinese, one line */
    const char *query;            /* the query parameters: "name:type name:type" (type integer, string, date) */
    const char *request;          /* JSON Schema of the body */
    const char *response;         /* JSON Schema of the success answer */
    int status;                   /* the success status (200 when 0) */
    const char *errors;           /* the error answers: "422:invalid_state 404:not_found" */
    const char *produces;         /* other media types the route can answer ("csv xlsx pdf", "pdf") */
};

/* A list answer's schema: {items: [ITEM], total} with ITEM a JSON Schema text. */
#define API_LIST(item) "{\"type\":\"object\",\"required\":[\"items\",\"total\"],\"properties\":{\"items\":{\"type\":\"array\",\"items\":" item "},\"total\":{\"type\":\"integer\"}}}"
/* A list answer with totals over every matching row besides total: props and required name them. */
#define API_TOTALS(item, props, required) "{\"type\":\"object\",\"required\":[\"items\",\"total\"," required "],\"properties\":{\"items\":{\"type\":\"array\",\"items\":" item "},\"total\":{\"type\":\"integer\"}," props "}}"
/* An object schema with the given required integer/string members, as JSON text. */
#define API_OBJ(props, required) "{\"type\":\"object\",\"required\":[" required "],\"properties\":{" props "}}"
#define API_INT "{\"type\":\"integer\"}"
#define API_STR "{\"type\":\"string\"}"
#define API_ANY_OBJ "{\"type\":\"object\"}"
#define API_BOOL "{\"type\":\"boolean\"}"
#define API_STR_NULL "{\"type\":[\"string\",\"null\"]}"
#define API_INT_NULL "{\"type\":[\"integer\",\"null\"]}"
#define API_ARRAY(item) "{\"type\":\"array\",\"items\":" item "}"
#define API_STRS API_ARRAY(API_STR)
/* A role code. */
#define API_ROLE "{\"enum\":[\"admin\",\"association\",\"reviewer\",\"liaison\",\"relief\",\"finance\",\"village\",\"auditor\"]}"
/* The paging query parameters. */
#define API_PAGING "limit:integer offset:integer"
/* The answer to importing a bank's return file (rolls and relief batches); paid_twice: 成功 lines for
   applications paid in cash before (reported, not booked). */
#define BANK_RETURN_ANSWER                                                                                         \
    API_OBJ("\"rows\":" API_INT ",\"paid\":" API_INT ",\"failed\":{\"type\":\"array\",\"items\":"                    \
            API_OBJ("\"row\":" API_INT ",\"reason\":" API_STR, "\"row\",\"reason\"") "},\"failed_total\":" API_INT    \
            ",\"already_paid\":" API_INT ",\"paid_twice\":{\"type\":\"array\",\"items\":"                              \
            API_OBJ("\"row\":" API_INT ",\"application_id\":" API_INT ",\"reason\":" API_STR,                           \
                    "\"row\",\"application_id\",\"reason\"") "},\"paid_twice_total\":" API_INT                          \
            ",\"paid_fen\":" API_INT,                                                                              \
            "\"rows\",\"paid\",\"failed\",\"already_paid\",\"paid_twice\",\"paid_twice_total\",\"paid_fen\"")
/* A keyset-paged list (keyset.h): ?after= the previous answer's `next` (opaque, passed back unchanged),
   ?limit=; ?offset= still skips rows after the cursor (it walks them: after= is preferred). */
#define API_KEYSET "after:string limit:integer offset:integer"
/* The answer of a keyset-paged list: items, total, next (the cursor of the next page, null on the last), limit. */
#define API_KEYSET_PROPS "\"next\":{\"type\":[\"string\",\"null\"]},\"limit\":{\"type\":\"integer\"}"
#define API_KEYSET_LIST(item) API_TOTALS(item, API_KEYSET_PROPS, "\"next\",\"limit\"")
/* A keyset-paged list with totals over every matching row (as API_TOTALS). */
#define API_KEYSET_TOTALS(item, props, required)                                                                   \
    API_TOTALS(item, props "," API_KEYSET_PROPS, required ",\"next\",\"limit\"")
/* The formats a report answers besides JSON (?format=). */
#define API_FORMATS "csv xlsx pdf"

extern const struct api_doc api_docs_auth[], api_docs_units[], api_docs_household[], api_docs_audit[],
    api_docs_loan[], api_docs_servicing[], api_docs_lists[], api_docs_relief[], api_docs_notice[],
    api_docs_announcement[], api_docs_users[], api_docs_accounts[], api_docs_reports[], api_docs_openapi[],
    api_docs_category_change[], api_docs_pairs[], api_docs_visits[], api_docs_complaints[], api_docs_trainings[],
    api_docs_product[], api_docs_organisation[], api_docs_lifecycle[], api_docs_programme[], api_docs_time_limits[],
    api_docs_bank[], api_docs_campaigns[], api_docs_aid[],
    api_docs_subsidy_receipt[], api_docs_information[], api_docs_assessment[];

/* The entry for a route, or NULL when none describes it. */
const struct api_doc *api_doc_find(const char *method, const char *pattern);

#endif
