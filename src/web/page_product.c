/* page_product.c: the admin's loan products page (/admin/loan-products): the products with their
   terms, a form for a new one, and each product's edit form (deactivation included). Thin over
   product.c; a refused form comes back with what was typed and the error beside its field. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amort.h"
#include "department.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "loan_rules.h"
#include "money.h"
#include "product.h"

/* loan_rules.h's document names taking an int, as the list helpers want them. */
static const char *doc_name(int d)
{
    return loan_doc_name((enum loan_doc)d);
}

/* One product as a table row. */
static void product_row(const struct product *p, void *ctx)
{
    struct req *r = ctx;
    const struct product_terms *t = &p->terms;
    char lo[MONEY_TEXT_SIZE], hi[MONEY_TEXT_SIZE], rlo[RATE_TEXT_SIZE], rhi[RATE_TEXT_SIZE];
    char methods[PRODUCT_LIST_SIZE * 2], kinds[PRODUCT_LIST_SIZE], docs[PRODUCT_LIST_SIZE * 2];
    if (product_bits_names(t->methods, amort_method_name, AMORT__MAX, methods, sizeof methods) != 0 ||
        product_bits_names(t->borrower_kinds, borrower_kind_name, BK__MAX, kinds, sizeof kinds) != 0 ||
        product_bits_names(t->documents, doc_name, LD__MAX, docs, sizeof docs) != 0)
        snprintf(methods, sizeof methods, "（过长，无法显示）");
    html_printf(r, "<tr><td><a href=\"/admin/loan-products/%lld\">%s</a>%s</td><td class=\"num\">%s—%s</td>"
                   "<td class=\"num\">%lld—%lld</td><td>%s</td><td class=\"num\">%s%%—%s%%</td><td>%s</td><td>%s</td>",
                (long long)p->row.id, p->row.name, p->row.is_default ? "（默认）" : "",
                money_format(t->min_fen, lo, sizeof lo), money_format(t->max_fen, hi, sizeof hi),
                (long long)t->min_months, (long long)t->max_months, methods,
                rate_format(t->min_rate_micro, rlo, sizeof rlo), rate_format(t->max_rate_micro, rhi, sizeof rhi),
                t->day_count >= 0 ? amort_day_count_name(t->day_count) : "按还款方式", product_settlement_name(t->settlement));
    if (t->penalty_pct)
        html_printf(r, "<td class=\"num\">%lld%%</td>", (long long)t->penalty_pct);
    else
        html_raw(r, "<td>按系统参数</td>");
    html_printf(r, "<td>%s</td><td>%s</td><td>%s</td><td>", t->subsidy_eligible ? "可贴息" : "不贴息", kinds, docs);
    if (t->min_rating)
        html_printf(r, "信用评定%s及以上", product_rating_grade(t->min_rating));
    else
        html_raw(r, "不要求");
    html_raw(r, "</td><td>");
    if (t->second_max_fen)
        html_printf(r, "最高 %s 元 ", money_format(t->second_max_fen, hi, sizeof hi));
    if (t->second_min_rate_micro >= 0)
        html_printf(r, "利率低至 %s%%", rate_format(t->second_min_rate_micro, rlo, sizeof rlo));
    if (!t->second_max_fen && t->second_min_rate_micro < 0)
        html_raw(r, "同首轮");
    html_printf(r, "</td><td>%s</td><td>%s</td></tr>", extension_review_name(t->extension_review),
                p->row.active ? "启用" : "停用");
}

/* The form values of a product: what was typed after a refusal, else the stored ones (p NULL: a
   new product's defaults). */
struct product_form {
    struct req *r;
    const char *action; /* the form's path, for form_echo */
    const struct product *p;
};

/* A text field's value: typed, else stored. */
static const char *field(const struct product_form *f, const char *name, const char *stored)
{
    return form_echo(f->r, f->action, name, stored);
}

/* A checkbox of a list: typed, else whether the stored bits have it. */
static int ticked(const struct product_form *f, const char *name, const char *code, int stored)
{
    return form_echo_checked(f->r, f->action, name, code, stored);
}

/* One department checkbox of the form. */
static void department_box(int64_t id, const char *name, int active, void *ctx)
{
    const struct product_form *f = ctx;
    if (!active)
        return;
    char code[24], seen[PRODUCT_DEPARTMENTS_SIZE + 2], item[26];
    snprintf(code, sizeof code, "%lld", (long long)id);
    snprintf(seen, sizeof seen, ",%s,", f->p ? f->p->row.departments : "");
    snprintf(item, sizeof item, ",%s,", code);
    html_printf(f->r, "<label><input type=\"checkbox\" name=\"departments\" value=\"%s\"%s> %s</label>", code,
                ticked(f, "departments", code, strstr(seen, item) != NULL) ? " checked" : "", name);
}

/* A labelled <select> of the codes 0..n-1 (code(i) its value, name(i) its words) with the typed or
   stored choice selected, and the field's error; the label is closed. */
static void code_select(const struct product_form *f, const char *label, const char *field_name, const char *stored,
                        int n, const char *(*code)(int), const char *(*name)(int))
{
    const char *now = field(f, field_name, stored);
    html_printf(f->r, "<label>%s<select name=\"%s\">", label, field_name);
    for (int i = 0; i < n; i++)
        html_printf(f->r, "<option value=\"%s\"%s>%s</option>", code(i), !strcmp(now, code(i)) ? " selected" : "",
                    name(i));
    html_raw(f->r, "</select>");
    form_field_error(f->r, field_name);
    html_raw(f->r, "</label>");
}

/* The product form (new when f->p is NULL or editing it). */
static void product_form(const struct product_form *f)
{
    struct req *r = f->r;
    const struct product *p = f->p;
    char lo[MONEY_TEXT_SIZE] = "", hi[MONEY_TEXT_SIZE] = "", rlo[RATE_TEXT_SIZE] = "", rhi[RATE_TEXT_SIZE] = "";
    char mn[24] = "", mx[24] = "", pen[24] = "", top[MONEY_TEXT_SIZE] = "", floor[RATE_TEXT_SIZE] = "";
    if (p && p->terms.second_max_fen)
        money_format_plain(p->terms.second_max_fen, top, sizeof top);
    if (p && p->terms.second_min_rate_micro >= 0)
        rate_format(p->terms.second_min_rate_micro, floor, sizeof floor);
    if (p) {
        money_format_plain(p->terms.min_fen, lo, sizeof lo);
        money_format_plain(p->terms.max_fen, hi, sizeof hi);
        rate_format(p->terms.min_rate_micro, rlo, sizeof rlo);
        rate_format(p->terms.max_rate_micro, rhi, sizeof rhi);
        snprintf(mn, sizeof mn, "%lld", (long long)p->terms.min_months);
        snprintf(mx, sizeof mx, "%lld", (long long)p->terms.max_months);
        if (p->terms.penalty_pct)
            snprintf(pen, sizeof pen, "%lld", (long long)p->terms.penalty_pct);
    }
    html_printf(r, "<form method=\"post\" action=\"%s\" class=\"grid\">", f->action);
    html_csrf(r);
    html_printf(r, "<label class=\"wide\">产品名称<input name=\"name\" required maxlength=\"30\" value=\"%s\">",
                field(f, "name", p ? p->row.name : ""));
    form_field_error(r, "name");
    html_printf(r, "</label><label>金额下限（元）<input name=\"min_amount\" required inputmode=\"decimal\" value=\"%s\">",
                field(f, "min_amount", lo));
    form_field_error(r, "min_fen");
    html_printf(r, "</label><label>金额上限（元）<input name=\"max_amount\" required inputmode=\"decimal\" value=\"%s\">"
                   "</label><label>期限下限（月）<input name=\"min_months\" type=\"number\" min=\"1\" max=\"360\" required "
                   "value=\"%s\">",
                field(f, "max_amount", hi), field(f, "min_months", mn));
    form_field_error(r, "min_months");
    html_printf(r, "</label><label>期限上限（月）<input name=\"max_months\" type=\"number\" min=\"1\" max=\"360\" required "
                   "value=\"%s\"></label><label>最低年利率（%%）<input name=\"min_rate\" required inputmode=\"decimal\" "
                   "value=\"%s\">",
                field(f, "max_months", mx), field(f, "min_rate", rlo));
    form_field_error(r, "min_rate");
    html_printf(r, "</label><label>最高年利率（%%）<input name=\"max_rate\" required inputmode=\"decimal\" value=\"%s\">",
                field(f, "max_rate", rhi));
    form_field_error(r, "max_rate");
    html_raw(r, "</label><fieldset class=\"wide\"><legend>还款方式</legend>");
    for (int m = 0; m < AMORT__MAX; m++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"methods\" value=\"%s\"%s> %s</label>", amort_method_code(m),
                    ticked(f, "methods", amort_method_code(m), p ? (p->terms.methods >> m) & 1 : 1) ? " checked" : "",
                    amort_method_name(m));
    form_field_error(r, "methods");
    const char *dc = field(f, "day_count", p && p->terms.day_count >= 0 ? amort_day_count_code(p->terms.day_count) : "");
    html_printf(r, "</fieldset><label>计息方式<select name=\"day_count\"><option value=\"\"%s>按还款方式（放款时选）</option>",
                *dc ? "" : " selected");
    for (int d = 0; d < AMORT_DAYS__MAX; d++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", amort_day_count_code(d),
                    !strcmp(dc, amort_day_count_code(d)) ? " selected" : "", amort_day_count_name(d));
    html_raw(r, "</select></label>");
    code_select(f, "结息方式", "settlement", p ? p->row.settlement : "due_dates", PS__MAX, product_settlement_code,
                product_settlement_name);
    html_printf(r, "<label>罚息系数（合同利率的 %%，100—200；空为系统参数）<input name=\"penalty_pct\" type=\"number\" "
                   "min=\"100\" max=\"200\" value=\"%s\">",
                field(f, "penalty_pct", pen));
    form_field_error(r, "penalty_pct");
    const char *mr = field(f, "min_rating", p ? p->row.min_rating : "");
    html_printf(r, "</label><label>信用评定要求（本年或上年）<select name=\"min_rating\"><option value=\"\"%s>不要求</option>",
                *mr ? "" : " selected");
    for (int g = 4; g >= 2; g--)
        html_printf(r, "<option value=\"%s\"%s>%s及以上</option>", product_rating_grade(g),
                    !strcmp(mr, product_rating_grade(g)) ? " selected" : "", product_rating_grade(g));
    html_raw(r, "</select>");
    form_field_error(r, "min_rating");
    html_printf(r, "</label><label>第二轮最高金额（元，上一笔按期还清的家庭；空为同首轮）<input name=\"second_cycle_max\" "
                   "inputmode=\"decimal\" value=\"%s\">",
                field(f, "second_cycle_max", top));
    form_field_error(r, "second_cycle_max_fen");
    html_printf(r, "</label><label>第二轮最低年利率（%%；空为同首轮）<input name=\"second_cycle_min_rate\" "
                   "inputmode=\"decimal\" value=\"%s\">",
                field(f, "second_cycle_min_rate", floor));
    form_field_error(r, "second_cycle_min_rate");
    html_raw(r, "</label>");
    code_select(f, "展期审批", "extension_review", p ? p->row.extension_review : "association", ER__MAX,
                extension_review_code, extension_review_name);
    html_printf(r, "<label class=\"inline\"><input type=\"checkbox\" name=\"subsidy_eligible\" value=\"1\"%s> 可享受贴息"
                   "</label><fieldset class=\"wide\"><legend>借款人类别</legend>",
                ticked(f, "subsidy_eligible", "1", p ? p->terms.subsidy_eligible : 1) ? " checked" : "");
    for (int k = 0; k < BK__MAX; k++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"borrower_kinds\" value=\"%s\"%s> %s</label>",
                    borrower_kind_code(k),
                    ticked(f, "borrower_kinds", borrower_kind_code(k), p ? (p->terms.borrower_kinds >> k) & 1 : k == 0)
                        ? " checked" : "",
                    borrower_kind_name(k));
    form_field_error(r, "borrower_kinds");
    html_raw(r, "</fieldset><fieldset class=\"wide\"><legend>所需材料（提交评审前须收齐）</legend>");
    for (int d = 0; d < LD__MAX; d++)
        html_printf(r, "<label><input type=\"checkbox\" name=\"documents\" value=\"%s\"%s> %s</label>",
                    loan_doc_code((enum loan_doc)d),
                    ticked(f, "documents", loan_doc_code((enum loan_doc)d), p ? (p->terms.documents >> d) & 1 : 1)
                        ? " checked" : "",
                    loan_doc_name((enum loan_doc)d));
    html_raw(r, "</fieldset><fieldset class=\"wide\"><legend>评审部门（都不选则为全部启用的部门）</legend>");
    department_list(r->db, department_box, (void *)f);
    form_field_error(r, "departments");
    html_raw(r, "</fieldset>");
    if (p)
        html_printf(r, "<label class=\"inline\"><input type=\"checkbox\" name=\"active\" value=\"1\"%s> 启用（不勾选即停用："
                       "已登记的申请不受影响，新申请不能再选）</label>",
                    ticked(f, "active", "1", p->row.active) ? " checked" : "");
    form_field_error(r, "active");
    html_raw_printf(r, "<p><button class=\"primary\">%s</button></p></form>", p ? "保存修改" : "新建产品");
}

/* The products page, with e (if any) the refusal of the new-product form. */
static void products_page(struct req *r, const struct err *e)
{
    struct err le = {0};
    html_begin(r, "贷款产品");
    html_raw(r, "<h1>贷款产品</h1>");
    html_flash(r);
    html_raw(r, "<p>每笔贷款申请选择一个产品，登记和修改时按产品检查金额、期限和借款人类别，放款时检查还款方式、利率和计息方式。"
                "未选产品的申请按默认产品办理。</p><div class=\"scroll\"><table class=\"list\"><thead><tr><th>产品</th>"
                "<th>金额（元）</th><th>期限（月）</th><th>还款方式</th><th>年利率</th><th>计息方式</th><th>结息</th>"
                "<th>罚息系数</th><th>贴息</th><th>借款人</th><th>所需材料</th><th>信用评定</th><th>第二轮</th><th>展期审批</th><th>状态</th></tr></thead><tbody>");
    int n = product_list(r->db, 0, product_row, r, &le);
    html_raw(r, "</tbody></table></div>");
    if (n < 0)
        html_form_error(r, &le);
    html_raw(r, "<h2>新建产品</h2>");
    if (e)
        html_form_error(r, e);
    product_form(&(struct product_form){r, "/admin/loan-products", NULL});
    html_end(r);
}

void page_products(struct req *r)
{
    products_page(r, NULL);
}

/* Joins the posted values of a repeated field with commas into out (size n). -1 when too long. */
static int posted_list(struct req *r, const char *name, char *out, size_t n)
{
    size_t used = 0;
    *out = '\0';
    for (int i = 0;; i++) {
        const char *v = req_form_nth(r, name, i);
        if (!v)
            return 0;
        if (strchr(v, ',') || (used && text_append(out, n, &used, ",") != 0) || text_append(out, n, &used, v) != 0)
            return -1;
    }
}

/* The posted product form read into in (strings point into the request or the buffers). 0, or -1. */
struct posted_product {
    struct product_input in;
    char methods[PRODUCT_LIST_SIZE], kinds[PRODUCT_LIST_SIZE], documents[PRODUCT_LIST_SIZE];
    char departments[PRODUCT_DEPARTMENTS_SIZE];
};
static int read_posted(struct req *r, struct posted_product *p, struct err *e)
{
    const char *minm = req_form(r, "min_months"), *maxm = req_form(r, "max_months"), *pen = req_form(r, "penalty_pct");
    const char *sub = req_form(r, "subsidy_eligible"), *active = req_form(r, "active");
    memset(p, 0, sizeof *p);
    p->in = (struct product_input){.name = req_form(r, "name"), .min_rate = req_form(r, "min_rate"),
                                   .max_rate = req_form(r, "max_rate"), .day_count = req_form(r, "day_count"),
                                   .settlement = req_form(r, "settlement"), .methods = p->methods,
                                   .borrower_kinds = p->kinds, .documents = p->documents,
                                   .departments = p->departments, .subsidy_eligible = sub && !strcmp(sub, "1"),
                                   .active = active && !strcmp(active, "1"), .min_rating = req_form(r, "min_rating"),
                                   .second_min_rate = req_form(r, "second_cycle_min_rate"),
                                   .extension_review = req_form(r, "extension_review")};
    const char *top = req_form(r, "second_cycle_max");
    if (top && *top && money_parse(top, &p->in.second_max_fen) != 0)
        return err_set(e, 422, "invalid_second_cycle_max", "second_cycle_max_fen",
                       "第二轮最高金额格式不正确，例如 30000 或 30,000.00");
    p->in.min_months = minm ? strtoll(minm, NULL, 10) : 0;
    p->in.max_months = maxm ? strtoll(maxm, NULL, 10) : 0;
    p->in.penalty_pct = pen && *pen ? strtoll(pen, NULL, 10) : 0;
    if (money_parse(req_form(r, "min_amount"), &p->in.min_fen) != 0)
        return err_set(e, 422, "invalid_amount_range", "min_fen", "金额下限格式不正确，例如 5000 或 5,000.00");
    if (money_parse(req_form(r, "max_amount"), &p->in.max_fen) != 0)
        return err_set(e, 422, "invalid_amount_range", "min_fen", "金额上限格式不正确，例如 20000 或 20,000.00");
    if (posted_list(r, "methods", p->methods, sizeof p->methods) || posted_list(r, "borrower_kinds", p->kinds, sizeof p->kinds) ||
        posted_list(r, "documents", p->documents, sizeof p->documents) ||
        posted_list(r, "departments", p->departments, sizeof p->departments))
        return err_set(e, 422, "invalid_methods", "methods", "所选项目过多");
    return 0;
}

void page_products_create(struct req *r)
{
    struct posted_product p;
    struct err e = {0};
    if (read_posted(r, &p, &e) != 0 || product_create(r->db, &r->user, &p.in, &e) < 0) {
        products_page(r, &e);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/loan-products?ok=created");
}

/* A product's edit page, with e (if any) the refusal. */
static void edit_page(struct req *r, const struct err *e)
{
    struct product p;
    struct err ge = {0};
    if (product_get(r->db, r->id[0], &p, &ge) != 0) {
        reply_error(r, &ge);
        return;
    }
    char action[64];
    snprintf(action, sizeof action, "/admin/loan-products/%lld", (long long)p.row.id);
    html_begin(r, "修改贷款产品");
    html_printf(r, "<h1>修改贷款产品：%s</h1><p><a href=\"/admin/loan-products\">返回产品列表</a></p>", p.row.name);
    if (e)
        html_form_error(r, e);
    product_form(&(struct product_form){r, action, &p});
    html_end(r);
}

void page_product_edit(struct req *r)
{
    edit_page(r, NULL);
}

void page_products_update(struct req *r)
{
    struct posted_product p;
    struct err e = {0};
    if (read_posted(r, &p, &e) != 0 || product_update(r->db, &r->user, r->id[0], &p.in, &e) != 0) {
        if (e.status == 404) {
            reply_error(r, &e);
            return;
        }
        edit_page(r, &e);
        r->status = e.status;
        return;
    }
    reply_redirect(r, "/admin/loan-products?ok=updated");
}
