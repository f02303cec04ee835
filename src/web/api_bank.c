/* api_bank.c: paying relief batches through the credit union (the payment file and the bank's
   return file) and the bank formats the payment files follow (their columns, order, headers and
   encoding). Thin over relief_bank.c and bank_format.c; rolls use the same pieces (api_programme.c). */
#include <stdio.h>
#include <string.h>

#include "api_doc.h"
#include "api_util.h"
#include "bank_format.h"
#include "bank_return_page.h"
#include "handlers.h"
#include "relief_bank_sheet.h"

void api_relief_batch_bank_file(struct req *r)
{
    relief_bank_file_reply(r);
}

void api_relief_batch_bank_return(struct req *r)
{
    bank_return_api(r, relief_bank_import);
}

/* Appends a format to the list. */
static void format_item(const struct bank_format *f, void *ctx)
{
    json_array_append_new(ctx, bank_format_json(f));
}

void api_bank_formats_list(struct req *r)
{
    json_t *items = json_array();
    int n = bank_format_list(r->db, format_item, items);
    if (n < 0) {
        struct err e = {0};
        json_decref(items);
        db_fail(r->db, &e);
        reply_json_error(r, &e);
        return;
    }
    reply_json(r, 200, json_pack("{s:o, s:i}", "items", items, "total", n));
}

/* Reads {name, encoding, is_default, columns: [{key, head}]} into in (strings borrowed from j).
   0, or -1 with e. */
static int format_body(json_t *j, struct bank_format_input *in, struct err *e)
{
    json_t *cols = json_object_get(j, "columns"), *c;
    size_t i;
    memset(in, 0, sizeof *in);
    in->name = json_string_value(json_object_get(j, "name"));
    in->encoding = json_string_value(json_object_get(j, "encoding"));
    if (!in->encoding && !json_object_get(j, "encoding"))
        in->encoding = "utf8";
    in->is_default = json_is_true(json_object_get(j, "is_default"));
    if (!json_is_array(cols) || json_array_size(cols) > BC__MAX)
        return err_set(e, 422, "invalid_columns", "columns", "columns 应为 1 到 %d 个 {key, head}", BC__MAX);
    json_array_foreach(cols, i, c)
    {
        in->keys[i] = json_string_value(json_object_get(c, "key"));
        in->heads[i] = json_string_value(json_object_get(c, "head"));
        in->ncols++;
    }
    return 0;
}

/* Saves format id (0: a new one) from the body; answers it (201 when new). */
static void format_save(struct req *r, int64_t id)
{
    struct err e = {0};
    struct bank_format_input in;
    struct bank_format f;
    json_t *j = req_json(r, &e);
    int64_t saved = j && format_body(j, &in, &e) == 0 ? bank_format_save(r->db, &r->user, id, &in, &e) : -1;
    json_decref(j);
    if (saved < 0 || bank_format_get(r->db, saved, &f, &e) != 0)
        reply_json_error(r, &e);
    else
        reply_json(r, id ? 200 : 201, bank_format_json(&f));
}

void api_bank_formats_create(struct req *r)
{
    format_save(r, 0);
}

void api_bank_formats_update(struct req *r)
{
    format_save(r, r->id[0]);
}

/* The descriptions of this file's routes for GET /api/v1/openapi.json (api_doc.h). */
#define BANK_FORMAT                                                                                                \
    API_OBJ("\"id\":" API_INT ",\"name\":" API_STR ",\"encoding\":{\"enum\":[\"utf8\",\"gb18030\"]},\"is_default\":"  \
            API_BOOL ",\"columns\":" API_ARRAY(API_OBJ("\"key\":{\"enum\":[\"row\",\"name\",\"id_number\",\"bank\","  \
            "\"account\",\"amount\",\"memo\",\"village\"]},\"head\":" API_STR, "\"key\",\"head\"")),                   \
            "\"id\",\"name\",\"encoding\",\"is_default\",\"columns\"")
#define BANK_FORMAT_BODY                                                                                           \
    API_OBJ("\"name\":" API_STR ",\"encoding\":" API_STR ",\"is_default\":" API_BOOL ",\"columns\":"               \
            API_ARRAY(API_OBJ("\"key\":" API_STR ",\"head\":" API_STR, "\"key\"")), "\"name\",\"columns\"")

const struct api_doc api_docs_bank[] = {
    {"GET", "/api/v1/relief-batches/{id}/bank-file", "救助批次的代发文件：已批准待发放、户主登记了银行账号的申请（序号为申请编号；完整姓名、身份证号、账号，仅救助经办员、财务；下载记入审计）；?format=xlsx，?bank_format= 格式编号（缺省为默认格式）", "format:string bank_format:integer", NULL, NULL, 0, "409:nothing_to_pay 404:not_found 403:out_of_scope 422:invalid_bank_format", "csv xlsx"},
    {"POST", "/api/v1/relief-batches/{id}/bank-return", "导入救助批次的银行回盘文件（CSV：序号、账号、金额、结果、原因，前三列也可用 ?bank_format= 代发格式的列名；?fund_id= 发放所用资金）：成功的逐户发放并出领款凭证、扣减资金，失败的留在待发放并注明银行原因；重复导入不重复发放；已现金发放又被银行代发成功的列入 paid_twice（记入审计，不入账）", "fund_id:integer bank_format:integer", NULL, BANK_RETURN_ANSWER, 0, "422:bad_return_file 422:missing_column 422:missing_file 422:invalid_fund 422:fund_not_for_unit 409:insufficient_funds 404:not_found 403:out_of_scope", NULL},
    {"GET", "/api/v1/bank-formats", "代发文件格式：列、顺序、表头和编码（默认格式在前）", NULL, NULL, API_LIST(BANK_FORMAT), 0, NULL, NULL},
    {"POST", "/api/v1/bank-formats", "新建代发文件格式（系统管理员）；须含序号、姓名、账号、金额列", NULL, BANK_FORMAT_BODY, BANK_FORMAT, 201, "422:invalid_name 422:invalid_encoding 422:invalid_columns 422:invalid_head 409:duplicate_name", NULL},
    {"PUT", "/api/v1/bank-formats/{id}", "修改代发文件格式（系统管理员）；is_default 为 true 时设为默认格式", NULL, BANK_FORMAT_BODY, BANK_FORMAT, 0, "422:invalid_name 422:invalid_encoding 422:invalid_columns 422:invalid_head 409:duplicate_name 409:default_needed 404:not_found", NULL},
    {0},
};
