/* bank_return_page.c: paying through the credit union on pages and in the API (see bank_return_page.h). */
#include "bank_return_page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_format.h"
#include "form.h"
#include "html.h"
#include "stash.h"

/* An <option> of a bank format. */
static void format_option(const struct bank_format *f, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)f->id, f->is_default ? " selected" : "");
    html_text(r, f->name);
    html_raw(r, f->gb18030 ? "（GB18030）</option>" : "</option>");
}

void bank_pay_section(struct req *r, const char *base, void (*extra)(struct req *r))
{
    html_raw(r, "<h2>代发</h2><form method=\"get\" class=\"grid\" action=\"");
    html_text(r, base);
    html_raw(r, "/bank-file\"><label>代发文件格式<select name=\"bank_format\">");
    bank_format_list(r->db, format_option, r);
    html_raw(r, "</select></label><label>文件类型<select name=\"format\"><option value=\"csv\">CSV</option>"
                "<option value=\"xlsx\">Excel</option></select></label><p><button>下载代发文件</button> "
                "<small class=\"muted\">含完整姓名、身份证号和账号，仅供银行使用；下载记入审计日志</small></p></form>");
    html_raw(r, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"grid\" action=\"");
    html_text(r, base);
    html_raw(r, "/bank-return\">");
    html_csrf(r);
    if (extra)
        extra(r);
    html_raw(r, "<label>代发文件所用格式（回盘文件的列名按此格式读取）<select name=\"bank_format\">");
    bank_format_list(r->db, format_option, r);
    html_raw(r, "</select></label><label>银行回盘文件（CSV：序号、账号、金额、结果、原因，列名也可按代发格式）<input "
                "type=\"file\" name=\"file\" accept=\".csv,text/csv\" required></label><p><button class=\"primary\">"
                "检查回盘文件</button></p></form>");
}

/* A table of lines of the return file (序号 and words), at most BANK_RETURN_MAX_FAILED of n, saying so when more;
   nothing when n is 0. */
static void line_table(struct req *r, const char *head1, const char *head2, const struct bank_failure *lines, int64_t n)
{
    if (!n)
        return;
    html_printf(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>",
                head1, head2);
    for (int64_t i = 0; i < n && i < BANK_RETURN_MAX_FAILED; i++) {
        html_printf(r, "<tr><td>%lld</td><td>", (long long)lines[i].row);
        html_text(r, lines[i].reason);
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
    if (n > BANK_RETURN_MAX_FAILED)
        html_printf(r, "<p class=\"muted\">只列出前 %d 条（共 %lld 条）。</p>", BANK_RETURN_MAX_FAILED, (long long)n);
}

/* The outcome of a checked return file, with the form confirming it (stash id). */
static void check_page(struct req *r, const struct bank_import *im, const struct bank_return_result *res,
                       int64_t stash)
{
    char words[FORM_MONEY_SIZE], base[64];
    snprintf(base, sizeof base, "%s/%lld", im->prefix, (long long)r->id[0]);
    html_begin(r, im->title);
    html_raw(r, "<h1>");
    html_text(r, im->title);
    html_printf(r, "</h1><p>共 %lld 行（编码 %s）：本次入账 %lld 人，合计 ", (long long)res->rows, res->encoding,
                (long long)res->paid);
    html_text(r, form_money(res->paid_fen, words, sizeof words));
    html_printf(r, "；失败 %lld 人；此前已入账 %lld 行（不再重复入账）。</p>", (long long)res->nfailed,
                (long long)res->already_paid);
    if (res->npaid_twice) {
        html_printf(r, "<div class=\"warn-box\" role=\"alert\"><p><strong>重复发放 %lld 笔：</strong>银行回盘显示代发成功，"
                       "但这些申请此前已以现金发放，家庭收到两次。本次不再入账；确认后记入审计日志，请财务追回。</p>",
                    (long long)res->npaid_twice);
        line_table(r, "序号（申请编号）", "情况", res->paid_twice, res->npaid_twice);
        html_raw(r, "</div>");
    }
    line_table(r, "序号", "银行说明的原因", res->failed, res->nfailed);
    html_raw(r, "<form method=\"post\" action=\"");
    html_text(r, base);
    html_printf(r, "/bank-return/%lld\">", (long long)stash);
    html_csrf(r);
    for (int i = 0; i < 2; i++) {
        const char *name = i ? "bank_format" : "fund_id", *v = req_form(r, name);
        if (v) {
            html_printf(r, "<input type=\"hidden\" name=\"%s\" value=\"", name);
            html_text(r, v);
            html_raw(r, "\">");
        }
    }
    html_raw(r, "<p><button class=\"primary\">确认入账</button> <a href=\"");
    html_text(r, base);
    html_raw(r, "\">取消</a></p></form>");
    html_end(r);
}

void bank_return_check(struct req *r, const struct bank_import *im)
{
    const struct kv *file = req_form_kv(r, "file");
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    int rc = !res                    ? err_set(&e, 500, "internal_error", NULL, "内存不足")
             : !file || !file->len ? err_set(&e, 422, "missing_file", "file", "请选择银行回盘文件")
                                   : im->run(r, file->val, file->len, 0, res, &e);
    int64_t stash = -1;
    if (rc == 0) {
        char *copy = strndup(file->val, file->len); /* the file as uploaded (its encoding is read again) */
        stash = copy && strlen(copy) == file->len ? stash_put(r->db, &r->user, "bank_return", copy) : -1;
        free(copy);
        if (stash < 0)
            rc = err_set(&e, 422, "unreadable_file", "file", "文件含有无法保存的字符");
    }
    if (rc == 0)
        check_page(r, im, res, stash);
    else
        im->done(r, -1, &e);
    free(res);
}

void bank_return_confirm(struct req *r, const struct bank_import *im)
{
    struct err e = {0};
    char *text = stash_take(r->db, &r->user, "bank_return", r->id[1]);
    struct bank_return_result *res = calloc(1, sizeof *res);
    int rc = !text ? err_set(&e, 404, "not_found", NULL, "回盘文件已入账或已过期，请重新上传")
             : !res ? err_set(&e, 500, "internal_error", NULL, "内存不足")
                    : im->run(r, text, strlen(text), 1, res, &e);
    free(text);
    free(res);
    im->done(r, rc, &e);
}

int64_t bank_return_format(struct req *r)
{
    const char *v = req_form(r, "bank_format");
    if (!v)
        v = req_query(r, "bank_format");
    char *end = NULL;
    int64_t id = v && *v ? strtoll(v, &end, 10) : 0;
    return id > 0 && end && !*end ? id : v && *v ? -1 : 0; /* -1: not a number, refused as unknown (404) */
}

void bank_return_api(struct req *r, bank_import_fn run)
{
    const struct kv *file = req_form_kv(r, "file");
    const char *data = file ? file->val : r->body.data;
    size_t len = file ? file->len : r->body.len;
    struct bank_return_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    if (!res) {
        err_set(&e, 500, "internal_error", NULL, "内存不足");
        reply_json_error(r, &e);
        return;
    }
    int rc = !data || !len ? err_set(&e, 422, "missing_file", "file", "请上传银行回盘文件（CSV）")
                           : run(r, data, len, 1, res, &e);
    if (rc != 0 && e.status == 422 && res->nproblems) {
        json_t *problems = json_array();
        for (int i = 0; i < res->nproblems && i < BANK_RETURN_MAX_PROBLEMS; i++)
            json_array_append_new(problems, json_string(res->problems[i]));
        reply_json(r, 422, json_pack("{s:{s:s, s:s, s:s, s:o, s:i}}", "error", "code", e.code, "message", e.message,
                                     "field", e.field, "problems", problems, "problems_total", res->nproblems));
    } else if (rc != 0) {
        reply_json_error(r, &e);
    } else {
        json_t *failed = json_array(), *twice = json_array();
        for (int64_t i = 0; i < res->nfailed && i < BANK_RETURN_MAX_FAILED; i++)
            json_array_append_new(failed, json_pack("{s:I, s:s}", "row", (json_int_t)res->failed[i].row, "reason",
                                                    res->failed[i].reason));
        for (int64_t i = 0; i < res->npaid_twice && i < BANK_RETURN_MAX_FAILED; i++)
            json_array_append_new(twice, json_pack("{s:I, s:I, s:s}", "row", (json_int_t)res->paid_twice[i].row,
                                                   "application_id", (json_int_t)res->paid_twice[i].row, "reason",
                                                   res->paid_twice[i].reason));
        reply_json(r, 200, json_pack("{s:I, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:o, s:s}", "rows", (json_int_t)res->rows,
                                     "paid", (json_int_t)res->paid, "failed", failed, "failed_total",
                                     (json_int_t)res->nfailed, "already_paid", (json_int_t)res->already_paid,
                                     "paid_twice", twice, "paid_twice_total", (json_int_t)res->npaid_twice, "paid_fen",
                                     (json_int_t)res->paid_fen, "fund_entry_id",
                                     res->entry_id ? json_integer(res->entry_id) : json_null(), "encoding",
                                     res->encoding));
    }
    free(res);
}
