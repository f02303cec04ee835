/* page_bank_format.c: the administrator's page of payment-file formats (代发文件格式): each
   format's columns with their order and headers, its CSV encoding and whether it is the default;
   a form per format and one for a new format. Thin over bank_format.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_format.h"
#include "form.h"
#include "handlers.h"
#include "html.h"

/* The position (1..8, "" when left out) and header of column k in f (NULL: a new format). */
static void column_of(const struct bank_format *f, int k, char pos[4], const char **head)
{
    pos[0] = '\0';
    *head = bank_col_heads[k];
    for (int i = 0; f && i < f->ncols; i++)
        if (f->key[i] == k) {
            snprintf(pos, 4, "%d", i + 1);
            *head = f->head[i];
        }
}

/* One format's form (f NULL: the new format's), posting to action; shown the refusal beside its
   fields when it is the form posted. */
static void format_form(struct req *r, const struct bank_format *f, const char *action)
{
    html_raw(r, "<form method=\"post\" class=\"grid\" action=\"");
    html_text(r, action);
    html_raw(r, "\">");
    html_csrf(r);
    html_raw(r, "<label>格式名称<input name=\"name\" maxlength=\"30\" required value=\"");
    html_text(r, form_echo(r, action, "name", f ? f->name : ""));
    html_raw(r, "\"></label>");
    if (form_posted(r, action))
        form_field_error(r, "name");
    int gb = !strcmp(form_echo(r, action, "encoding", f && f->gb18030 ? "gb18030" : "utf8"), "gb18030");
    html_printf(r, "<label>CSV 编码<select name=\"encoding\"><option value=\"utf8\">UTF-8（带 BOM）</option>"
                   "<option value=\"gb18030\"%s>GB18030（GBK）</option></select></label>",
                gb ? " selected" : "");
    html_printf(r, "<label><input type=\"checkbox\" name=\"is_default\" value=\"1\"%s> 默认格式</label>",
                form_echo_checked(r, action, "is_default", "1", f && f->is_default) ? " checked" : "");
    html_raw(r, "<table class=\"list\"><thead><tr><th>内容</th><th>第几列（空为不要）</th><th>表头</th></tr></thead><tbody>");
    for (int k = 0; k < BC__MAX; k++) {
        char pos[4], name[24];
        const char *head;
        column_of(f, k, pos, &head);
        html_printf(r, "<tr><td>%s</td><td><input name=\"pos_%s\" inputmode=\"numeric\" maxlength=\"1\" size=\"2\" "
                       "aria-label=\"%s 第几列\" value=\"", bank_col_heads[k], bank_col_codes[k], bank_col_heads[k]);
        snprintf(name, sizeof name, "pos_%s", bank_col_codes[k]);
        html_text(r, form_echo(r, action, name, pos));
        snprintf(name, sizeof name, "head_%s", bank_col_codes[k]);
        html_printf(r, "\"></td><td><input name=\"%s\" maxlength=\"20\" aria-label=\"%s 表头\" value=\"", name,
                    bank_col_heads[k]);
        html_text(r, form_echo(r, action, name, head));
        html_raw(r, "\"></td></tr>");
    }
    html_raw(r, "</tbody></table>");
    if (form_posted(r, action))
        form_field_error(r, "columns");
    html_printf(r, "<p><button class=\"primary\">%s</button></p></form>", f ? "保存" : "新建格式");
}

/* A format's section on the page. */
static void format_section(const struct bank_format *f, void *ctx)
{
    struct req *r = ctx;
    char action[48];
    snprintf(action, sizeof action, "/admin/bank-formats/%lld", (long long)f->id);
    html_raw(r, "<h2>");
    html_text(r, f->name);
    html_printf(r, "%s</h2><p class=\"muted\">现在的列：", f->is_default ? "（默认）" : "");
    for (int i = 0; i < f->ncols; i++) {
        html_raw(r, i ? "、" : "");
        html_text(r, f->head[i]);
    }
    html_raw(r, "</p>");
    format_form(r, f, action);
}

/* The page, with the refusal of the form posted at the top. */
static void formats_page(struct req *r, const struct err *e)
{
    html_begin(r, "代发文件格式");
    html_raw(r, "<h1>代发文件格式</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    html_raw(r, "<p>银行（信用社）代发文件的列、顺序和表头。资格确认名册和救助批次下载代发文件时选用；必须有序号、姓名、账号、金额列"
                "（银行回盘文件按序号对应）。银行系统只认 GBK 编码时选 GB18030。</p>");
    if (bank_format_list(r->db, format_section, r) < 0)
        html_raw(r, "<p class=\"error\">读取格式失败</p>");
    html_raw(r, "<h2>新建格式</h2>");
    format_form(r, NULL, "/admin/bank-formats");
    html_end(r);
}

void page_bank_formats(struct req *r)
{
    formats_page(r, NULL);
}

/* Collects the posted columns in the order of their positions into in (codes and headers borrowed
   from the request). 0, or -1 with e (a position not 1..8 or given twice). */
static int columns_posted(struct req *r, struct bank_format_input *in, struct err *e)
{
    int at[BC__MAX];
    for (int i = 0; i < BC__MAX; i++)
        at[i] = -1;
    for (int k = 0; k < BC__MAX; k++) {
        char name[24];
        snprintf(name, sizeof name, "pos_%s", bank_col_codes[k]);
        const char *v = req_form(r, name);
        if (!v || !*v)
            continue;
        char *end;
        long p = strtol(v, &end, 10);
        if (*end || p < 1 || p > BC__MAX || at[p - 1] >= 0)
            return err_set(e, 422, "invalid_columns", "columns", "“%s”的列号应为 1 到 %d，且各列不重复", bank_col_heads[k],
                           BC__MAX);
        at[p - 1] = k;
    }
    for (int i = 0; i < BC__MAX; i++) {
        if (at[i] < 0)
            continue;
        char name[24];
        snprintf(name, sizeof name, "head_%s", bank_col_codes[at[i]]);
        in->keys[in->ncols] = bank_col_codes[at[i]];
        in->heads[in->ncols++] = req_form(r, name);
    }
    return 0;
}

void page_bank_format_save(struct req *r)
{
    struct err e = {0};
    struct bank_format_input in = {.name = req_form(r, "name"), .encoding = req_form(r, "encoding"),
                                    .is_default = req_form(r, "is_default") != NULL};
    int64_t id = r->id[0];
    if (columns_posted(r, &in, &e) == 0 && bank_format_save(r->db, &r->user, id, &in, &e) >= 0) {
        reply_redirect(r, "/admin/bank-formats?ok=updated");
        return;
    }
    formats_page(r, &e);
    r->status = e.status;
}
