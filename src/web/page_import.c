/* page_import.c: the household CSV import pages: upload, the check (every bad row with its
   reason, or a preview), and the confirm step that imports everything at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "handlers.h"
#include "household_import.h"
#include "html.h"
#include "stash.h"

/* The upload form with the expected columns. */
static void upload_form(struct req *r)
{
    html_raw(r, "<form method=\"post\" action=\"/households/import\" enctype=\"multipart/form-data\" class=\"card\">");
    html_csrf(r);
    html_raw(r, "<p>CSV 文件第一行为列名：<code>村,户主姓名,户主身份证号,户主手机号,住址,家庭类别,符合政策,成员</code>。"
                "家庭类别用“、”分隔；符合政策填“是”或“否”；成员写成“姓名/身份证号/关系”，多人用“;”分隔。"
                "支持 UTF-8（含或不含 BOM）和电子表格软件导出的 GB18030/GBK 编码。</p>"
                "<label>选择文件<input type=\"file\" name=\"file\" accept=\".csv,text/csv\" required>");
    const struct kv *f = req_form_kv(r, "file"); /* a browser never refills a file field: name the one sent */
    if (f && f->filename && *f->filename) {
        html_raw(r, "<small class=\"muted\">刚才上传的文件：");
        html_text(r, f->filename);
        html_raw(r, "（修改后请重新选择）</small>");
    }
    form_field_error(r, "file");
    html_raw(r, "</label><p><button class=\"primary\">检查文件</button></p></form>");
}

void page_import_form(struct req *r)
{
    html_begin(r, "导入家庭");
    html_raw(r, "<h1>从 CSV 导入家庭档案</h1><p class=\"muted\">先检查全部行；有任何一行有误时不导入任何数据。</p>");
    upload_form(r);
    html_end(r);
}

/* Shows the problems of a checked file. */
static void problems_table(struct req *r, const struct import_result *res)
{
    html_printf(r, "<p class=\"error\" role=\"alert\">共 %d 行，其中 %d 行有误，未导入任何数据。请修改后重新上传。</p>",
                res->rows, res->nproblems + res->more_problems);
    html_raw(r, "<table class=\"list bad-rows\"><thead><tr><th>行号</th><th>问题</th></tr></thead><tbody>");
    for (int i = 0; i < res->nproblems; i++) {
        html_printf(r, "<tr><td>第 %d 行</td><td>", res->problems[i].line);
        html_text(r, res->problems[i].message);
        html_raw(r, "</td></tr>");
    }
    if (res->more_problems)
        html_printf(r, "<tr><td colspan=\"2\">……另有 %d 行有误</td></tr>", res->more_problems);
    html_raw(r, "</tbody></table>");
}

void page_import_upload(struct req *r)
{
    const struct kv *file = req_form_kv(r, "file");
    struct import_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    if (!res) {
        reply_fail(r, 500, "out_of_memory", "内存不足");
        return;
    }
    int rc = file && file->len ? household_import(r->db, &r->user, file->val, file->len, r->today, 0, res, &e)
                               : err_set(&e, 422, "missing_file", "file", "请选择要导入的 CSV 文件");
    html_begin(r, "导入家庭");
    html_raw(r, "<h1>从 CSV 导入家庭档案</h1>");
    if (rc != 0) {
        html_form_error(r, &e);
        upload_form(r);
        r->status = e.status;
    } else if (res->nproblems || res->more_problems) {
        problems_table(r, res);
        upload_form(r);
        r->status = 422;
    } else if (res->rows == 0) {
        err_set(&e, 422, "empty_file", "file", "文件中没有数据行");
        html_form_error(r, &e);
        upload_form(r);
        r->status = 422;
    } else {
        int64_t id = stash_put(r->db, &r->user, "households", res->utf8);
        html_printf(r, "<p class=\"flash\">检查通过：共 %d 户，编码 ", res->rows);
        html_text(r, res->encoding);
        html_printf(r, "。确认后一次性导入。</p><form method=\"post\" action=\"/households/import/%lld\">", (long long)id);
        html_csrf(r);
        html_raw(r, "<button class=\"primary\">确认导入</button> <a href=\"/households/import\">取消</a></form>");
    }
    household_import_free(res);
    free(res);
    html_end(r);
}

void page_import_confirm(struct req *r)
{
    char *content = stash_take(r->db, &r->user, "households", r->id[0]);
    if (!content) {
        reply_fail(r, 404, "not_found", "待导入的文件不存在或已导入");
        return;
    }
    struct import_result *res = calloc(1, sizeof *res);
    struct err e = {0};
    int rc = res ? household_import(r->db, &r->user, content, strlen(content), r->today, 1, res, &e) : -1;
    free(content);
    if (rc == 0 && res->nproblems == 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/households?ok=imported");
        reply_redirect(r, loc);
    } else {
        html_begin(r, "导入家庭");
        html_raw(r, "<h1>导入失败</h1>");
        if (rc != 0)
            html_form_error(r, &e);
        else
            problems_table(r, res);
        upload_form(r);
        r->status = rc != 0 ? e.status : 409;
        html_end(r);
    }
    if (res)
        household_import_free(res);
    free(res);
}
