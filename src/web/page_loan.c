/* page_loan.c: the loan application pages: list, new application, the application page with its
   documents, submission, review opinions and guarantee, and the reviewers' queue. Thin over
   loan.c and guarantee.c; the business plan is Markdown rendered safely (html_markdown). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "list_filter.h"
#include "loan_book.h"
#include "guarantee.h"
#include "handlers.h"
#include "household.h"
#include "html.h"
#include "keyset_page.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "loan.h"
#include "masking.h"
#include "money.h"
#include "organisation.h"
#include "product.h"
#include "servicing.h"
#include "rating.h"
#include "time_limit_view.h"

/* One row of an application list. */
static void loan_row(const struct loan_row *l, void *ctx)
{
    struct req *r = ctx;
    struct date due;
    int late = l->state == LS_IN_REVIEW && date_parse(l->review_due_on, &due) == 0 && date_cmp(r->today, due) > 0;
    html_raw_printf(r, "<tr%s><td class=\"num\"><a href=\"/loans/%lld\">%lld</a></td><td>", late ? " class=\"late\"" : "",
                (long long)l->id, (long long)l->id);
    html_text(r, l->applicant);
    html_raw(r, "</td><td>");
    html_text(r, l->village);
    html_raw(r, "</td><td>");
    html_text(r, project_type_name(l->project_type));
    html_raw(r, " · ");
    html_text(r, l->project_name);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, l->amount_fen);
    html_printf(r, "</td><td class=\"num\">%d</td><td>%s</td><td>", l->term_months, loan_state_name(l->state));
    html_text(r, l->review_due_on);
    html_raw(r, late ? " <strong class=\"warn\">已超期</strong>" : "");
    html_raw(r, "</td><td>");
    html_text(r, l->handler);
    struct loan_figures fig;
    struct err e = {0};
    if (l->loan_id && loan_figures_get(r->db, &r->user, l->loan_id, r->today, &fig, &e) == 0) {
        html_printf(r, "</td><td class=\"num\">%ld</td><td class=\"num\">", fig.dpd);
        html_money(r, fig.penalty_fen);
    } else {
        html_raw(r, "</td><td class=\"num\">—</td><td class=\"num\">—");
    }
    html_raw(r, "</td></tr>");
}

/* The table of applications for a filter, with the pager. */
static void loan_table(struct req *r, struct loan_filter *f)
{
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>申请人</th><th>村</th><th>项目</th>"
                "<th class=\"num\">金额（元）</th><th class=\"num\">期限（月）</th><th>状态</th><th>评审期限</th>"
                "<th>经办人（A角）</th><th class=\"num\">逾期天数</th><th class=\"num\">罚息复利（元）</th></tr></thead><tbody>");
    struct err e = {0};
    int64_t total = loan_list(r->db, &r->user, f, r->today, loan_row, r, &e);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        keyset_pager(r, f->page, total);
}

/* Reads the page's ?after=, ?limit= and ?offset= into k for f; a cursor this program did not hand out is
   said above the list, which then shows the first page. */
static void loan_page_read(struct req *r, struct loan_filter *f, struct keyset *k)
{
    struct err ke = {0};
    if (keyset_read(r, 20, 200, k, &ke) != 0)
        html_form_error(r, &ke);
    f->page = k;
}

void page_loans(struct req *r)
{
    struct loan_filter f = {.state = loan_state_parse(req_query(r, "state"))};
    const char *late = req_query(r, "late");
    f.late_only = late && !strcmp(late, "1");
    struct list_where w;
    struct err we = {0};
    if (list_where_page(r, &w, &we) != 0)
        return;
    f.village_id = w.village_id, f.from = w.from, f.to = w.to;
    if (list_export_if_asked(r, record_loans_sheet, &f, "loan-applications.csv"))
        return;
    html_begin(r, "贷款申请");
    html_raw(r, "<div class=\"titlebar\"><h1>计生信贷助富 · 贷款申请</h1><span class=\"muted\">新申请请在家庭档案页点击“申请贷款”"
                "</span></div>");
    html_flash(r);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/loans\"><label>状态<select name=\"state\">"
                "<option value=\"\">全部</option>");
    for (int s = 0; s < LS__MAX; s++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", loan_state_code((enum loan_state)s),
                    s == f.state ? " selected" : "", loan_state_name((enum loan_state)s));
    html_raw(r, "</select></label>");
    list_where_fields(r, &w, "提交日期", &we);
    html_printf(r, "<label class=\"inline-check\"><input type=\"checkbox\" name=\"late\" value=\"1\"%s>"
                   "只看评审超期</label><button>筛选</button></form>",
                f.late_only ? " checked" : "");
    if (we.status)
        html_form_error(r, &we);
    int64_t count = 0, amount = 0;
    struct err te = {0};
    if (loan_list_totals(r->db, &r->user, &f, r->today, &count, &amount, &te) == 0)
        list_totals_line(r, count, "申请金额", amount);
    struct keyset k;
    loan_page_read(r, &f, &k);
    loan_table(r, &f);
    report_format_links(r, "/loans", NULL);
    html_end(r);
}

void page_review_queue(struct req *r)
{
    struct loan_filter f = {.state = -1, .department = r->user.department_id ? r->user.department_id : -1};
    if (list_export_if_asked(r, record_loans_sheet, &f, "reviews.csv"))
        return;
    html_begin(r, "待评审");
    html_raw(r, "<h1>待我部门评审</h1><p class=\"muted\">");
    html_text(r, r->user.department_name);
    html_raw(r, " · 按评审期限排列，最早到期的在前</p>");
    html_flash(r);
    struct keyset k;
    loan_page_read(r, &f, &k);
    loan_table(r, &f);
    report_format_links(r, "/reviews", NULL);
    html_end(r);
}

/* Who an application form is for: a household or an organisation, with its name and village. */
struct form_borrower {
    int64_t household_id, organisation_id;
    char name[NAME_SIZE], village[NAME_SIZE];
};

/* One <option> of the product select (the chosen one selected). */
struct product_choice {
    struct req *r;
    int64_t selected;
    enum borrower_kind kind;
};

/* Writes a product as an option with its ranges, if it takes the borrower's kind. */
static void product_option(const struct product *p, void *ctx)
{
    const struct product_choice *c = ctx;
    if (!(p->terms.borrower_kinds & (1u << c->kind)))
        return;
    char lo[MONEY_TEXT_SIZE], hi[MONEY_TEXT_SIZE];
    html_printf(c->r, "<option value=\"%lld\"%s>%s（%s—%s 元，%lld—%lld 个月）</option>", (long long)p->row.id,
                p->row.id == c->selected || (!c->selected && p->row.is_default) ? " selected" : "", p->row.name,
                money_format(p->terms.min_fen, lo, sizeof lo), money_format(p->terms.max_fen, hi, sizeof hi),
                (long long)p->terms.min_months, (long long)p->terms.max_months);
}

/* The application form, new (id 0) or editing application id (values kept after a refusal). */
static void loan_form(struct req *r, const struct form_borrower *b, int64_t id, const struct loan_input *in,
                      const struct err *e)
{
    html_begin(r, id ? "修改贷款申请" : "申请贷款");
    if (id)
        html_printf(r, "<h1>修改贷款申请 第 %lld 号</h1>", (long long)id);
    else
        html_raw(r, "<h1>计生信贷助富 · 贷款申请</h1>");
    html_printf(r, "<p>%s：<a href=\"/%s/%lld\">", b->organisation_id ? "申请单位" : "申请家庭",
                b->organisation_id ? "organisations" : "households",
                (long long)(b->organisation_id ? b->organisation_id : b->household_id));
    html_text(r, b->name);
    html_raw(r, "</a>（");
    html_text(r, b->village);
    html_raw(r, "）</p>");
    if (e)
        html_form_error(r, e);
    if (id)
        html_printf(r, "<form method=\"post\" action=\"/loans/%lld/edit\" class=\"grid\">", (long long)id);
    else
        html_raw(r, "<form method=\"post\" action=\"/loans\" class=\"grid\">");
    html_csrf(r);
    if (b->organisation_id)
        html_printf(r, "<input type=\"hidden\" name=\"organisation_id\" value=\"%lld\">", (long long)b->organisation_id);
    else
        html_printf(r, "<input type=\"hidden\" name=\"household_id\" value=\"%lld\">", (long long)b->household_id);
    const char *posted = id ? "/edit" : "/loans"; /* money as typed, even when it did not parse */
    struct product_choice pc = {r, in->product_id, b->organisation_id ? BK_ORGANISATION : BK_HOUSEHOLD};
    struct err pe = {0};
    html_raw(r, "<label class=\"wide\">贷款产品<select name=\"product_id\">");
    if (product_list(r->db, 1, product_option, &pc, &pe) < 0)
        html_raw(r, "<option value=\"\">（产品读取失败）</option>");
    html_raw(r, "</select>");
    form_field_error(r, "product_id");
    html_raw(r, "</label>");
    char amount[MONEY_TEXT_SIZE] = "";
    if (in->amount_fen)
        money_format_plain(in->amount_fen, amount, sizeof amount);
    html_raw(r, "<label>贷款金额（元，在所选产品的范围内）<input name=\"amount\" required inputmode=\"decimal\" value=\"");
    html_text(r, form_echo(r, posted, "amount", amount));
    html_printf(r, "\"></label><label>期限（月）<input name=\"term_months\" type=\"number\" min=\"1\" max=\"360\" "
                   "required value=\"%lld\"></label><label>项目类型<select name=\"project_type\">",
                (long long)(in->term_months ? in->term_months : 12));
    for (int p = 0; p < PT__MAX; p++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", project_type_code((enum project_type)p),
                    in->project_type && !strcmp(in->project_type, project_type_code((enum project_type)p)) ? " selected"
                                                                                                           : "",
                    project_type_name((enum project_type)p));
    html_raw(r, "</select></label><label>项目名称<input name=\"project_name\" required maxlength=\"50\" value=\"");
    html_text(r, in->project_name);
    html_printf(r, "\"></label><label>预计带动就业（人）<input name=\"expected_jobs\" type=\"number\" min=\"0\" "
                   "value=\"%lld\"></label>",
                (long long)in->expected_jobs);
    char income[MONEY_TEXT_SIZE] = "";
    if (in->expected_income_fen)
        money_format_plain(in->expected_income_fen, income, sizeof income);
    html_raw(r, "<label>预计年收入（元）<input name=\"expected_income\" inputmode=\"decimal\" value=\"");
    html_text(r, form_echo(r, posted, "expected_income", income));
    html_raw(r, "\"></label><label class=\"wide\">创业方案（可用格式标记，见下方格式说明）"
                "<textarea name=\"business_plan_md\" rows=\"12\">");
    html_text(r, in->business_plan_md);
    html_raw(r, "</textarea></label>");
    html_format_help(r);
    html_raw_printf(r, "<p><button class=\"primary\">%s</button></p></form>", id ? "保存修改" : "登记申请");
    html_end(r);
}

/* Loads the borrower named by the form's or query's household_id or organisation_id (in scope). */
static int form_borrower(struct req *r, const char *household, const char *organisation, struct form_borrower *b,
                         struct err *e)
{
    memset(b, 0, sizeof *b);
    if (organisation && *organisation) {
        struct organisation o;
        if (organisation_get(r->db, &r->user, strtoll(organisation, NULL, 10), &o, e) != 0)
            return -1;
        b->organisation_id = o.id;
        b->household_id = o.legal_rep_household_id;
        return text_copy(b->name, sizeof b->name, o.name) || text_copy(b->village, sizeof b->village, o.village)
                   ? err_set(e, 500, "internal", NULL, "名称过长")
                   : 0;
    }
    struct household *h = malloc(sizeof *h);
    int rc = !h ? err_set(e, 500, "out_of_memory", NULL, "内存不足")
                : household_get(r->db, &r->user, household ? strtoll(household, NULL, 10) : 0, h, e);
    if (rc == 0) {
        b->household_id = h->id;
        rc = text_copy(b->name, sizeof b->name, h->members[0].name) ||
                     text_copy(b->village, sizeof b->village, h->village_name)
                 ? err_set(e, 500, "internal", NULL, "名称过长")
                 : 0;
    }
    free(h);
    return rc;
}

void page_loan_new(struct req *r)
{
    struct form_borrower b;
    struct err e = {0};
    if (form_borrower(r, req_query(r, "household_id"), req_query(r, "organisation_id"), &b, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct loan_input in = {.household_id = b.organisation_id ? 0 : b.household_id, .organisation_id = b.organisation_id};
    loan_form(r, &b, 0, &in, NULL);
}

/* Reads the application form into in (strings point into the request). 0, or -1 with 422 in e
   for an amount that is not money. */
static int posted_input(struct req *r, struct loan_input *in, struct err *e)
{
    const char *jobs = req_form(r, "expected_jobs"), *term = req_form(r, "term_months");
    const char *product = req_form(r, "product_id");
    in->project_type = req_form(r, "project_type");
    in->project_name = req_form(r, "project_name");
    in->business_plan_md = req_form(r, "business_plan_md");
    in->expected_jobs = jobs && *jobs ? strtoll(jobs, NULL, 10) : 0;
    in->term_months = term ? strtoll(term, NULL, 10) : 0;
    in->product_id = product && *product ? strtoll(product, NULL, 10) : 0;
    const char *amount = req_form(r, "amount"), *income = req_form(r, "expected_income");
    if (money_parse(amount, &in->amount_fen) != 0)
        return err_set(e, 422, "invalid_amount", "amount", "贷款金额格式不正确，例如 200000 或 200,000.00");
    if (income && *income && money_parse(income, &in->expected_income_fen) != 0)
        return err_set(e, 422, "invalid_income", "expected_income", "预计年收入格式不正确");
    return 0;
}

void page_loan_create(struct req *r)
{
    struct form_borrower b;
    struct err e = {0};
    if (form_borrower(r, req_form(r, "household_id"), req_form(r, "organisation_id"), &b, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct loan_input in = {.household_id = b.organisation_id ? 0 : b.household_id, .organisation_id = b.organisation_id};
    int64_t id = posted_input(r, &in, &e) == 0 ? loan_create(r->db, &r->user, &in, r->today, &e) : -1;
    if (id < 0) {
        loan_form(r, &b, 0, &in, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/loans/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* The documents checklist: a form for those who collect them (saving the ticks, or submitting
   them with the application: what was ticked is never lost), a list otherwise. */
static void documents_section(struct req *r, const struct loan_app *a, int can_edit)
{
    html_raw(r, "<h2>申请材料</h2>");
    if (can_edit)
        html_printf(r, "<form method=\"post\" action=\"/loans/%lld/documents\">", (long long)a->id);
    if (can_edit)
        html_csrf(r);
    html_raw(r, "<ul class=\"docs\">");
    const char *posted = form_posted(r, "/submit") ? "/submit" : "/documents";
    for (int d = 0; d < LD__MAX; d++) {
        int got = form_echo_checked(r, posted, "doc", loan_doc_code((enum loan_doc)d), (a->documents & (1u << d)) != 0);
        const char *optional = (a->required & (1u << d)) ? "" : "（本产品不要求）";
        if (can_edit)
            html_printf(r, "<li><label><input type=\"checkbox\" name=\"doc\" value=\"%s\"%s> %s%s</label></li>",
                        loan_doc_code((enum loan_doc)d), got ? " checked" : "", loan_doc_name((enum loan_doc)d), optional);
        else
            html_printf(r, "<li>%s %s%s</li>", got ? "✓" : "✗", loan_doc_name((enum loan_doc)d), optional);
    }
    int asked = 0; /* requested documents not yet received */
    for (int i = 0; i < a->nrequested; i++) {
        const struct loan_requested_doc *q = &a->requested[i];
        asked += !q->received;
        if (can_edit)
            html_printf(r, "<li><label><input type=\"checkbox\" name=\"req\" value=\"%lld\"%s> %s（%s要求）</label></li>",
                        (long long)q->id, q->received ? " checked" : "", q->name, q->department);
        else
            html_printf(r, "<li>%s %s（%s要求）</li>", q->received ? "✓" : "✗", q->name, q->department);
    }
    html_raw(r, "</ul>");
    if (can_edit)
        html_printf(r, "<input type=\"hidden\" name=\"documents_form\" value=\"1\"><p><button>保存材料情况</button> "
                       "<button class=\"primary\" formaction=\"/loans/%lld/submit\">保存并提交联合评审</button></p></form>",
                    (long long)a->id);
    if ((a->required & ~a->documents) || asked)
        html_printf(r, "<p><a class=\"button\" href=\"/loans/%lld/notice.pdf\">打印一次性告知书（PDF）</a></p>",
                    (long long)a->id);
}

/* While an application waits for more material: what each department asked, at the top. */
static void more_info_banner(struct req *r, const struct loan_app *a)
{
    if (a->state != LS_MORE_INFO)
        return;
    html_raw(r, "<section class=\"warn-box\" role=\"note\"><h2>评审部门要求补充材料</h2><ul>");
    for (int i = 0; i < a->nreviews; i++) {
        const struct loan_review_row *v = &a->reviews[i];
        if (v->round == a->round && review_decision_parse(v->decision) == RD_MORE_INFO)
            html_printf(r, "<li>%s（%s）：%s</li>", v->department, v->reviewer, v->comment);
    }
    html_raw(r, "</ul><p>补齐材料后请在下方保存材料情况，再重新提交联合评审。</p></section>");
}

/* What a department's row says when it has not spoken: 待评审 while its round is open, else that
   the round ended without its opinion. */
static const char *pending_name(const struct loan_app *a, const struct loan_review_row *v)
{
    return v->round == a->round && a->state == LS_IN_REVIEW ? "待评审" : "未评审（本轮已结束）";
}

/* Opinions of every round, newest round first. */
static void reviews_section(struct req *r, const struct loan_app *a)
{
    if (!a->nreviews)
        return;
    html_raw(r, "<h2>联合评审意见</h2><table class=\"list\"><thead><tr><th>轮次</th><th>部门</th><th>意见</th>"
                "<th>说明</th><th>评审人</th><th>时间</th></tr></thead><tbody>");
    for (int i = 0; i < a->nreviews; i++) {
        const struct loan_review_row *v = &a->reviews[i];
        int d = review_decision_parse(v->decision);
        html_printf(r, "<tr><td>第 %d 轮</td><td>", v->round);
        html_text(r, v->department);
        html_printf(r, "</td><td class=\"decision-%s\">%s</td><td>", d >= 0 ? v->decision : "pending",
                    d >= 0 ? review_decision_name((enum review_decision)d) : pending_name(a, v));
        html_text(r, v->comment);
        html_raw(r, "</td><td>");
        html_text(r, v->reviewer);
        html_raw(r, "</td><td>");
        html_china_time(r, v->at);
        html_raw(r, "</td></tr>");
    }
    html_printf(r, "</tbody></table><p><a href=\"/loans/%lld/review-form.pdf\">打印联合评审意见表（PDF）</a></p>",
                (long long)a->id);
}

/* 1 if the reviewer's department still has to speak in the current round. */
static int my_turn(const struct req *r, const struct loan_app *a)
{
    if (r->user.role != ROLE_REVIEWER || a->state != LS_IN_REVIEW)
        return 0;
    for (int i = 0; i < a->nreviews; i++)
        if (a->reviews[i].round == a->round && a->reviews[i].department_id == r->user.department_id)
            return a->reviews[i].decision[0] == '\0';
    return 0;
}

/* The guarantee block: the guarantee given, or the form to give it. */
static void guarantee_section(struct req *r, const struct loan_app *a)
{
    struct guarantee_info g;
    if (guarantee_get(r->db, a->id, &g) == 0) {
        html_raw(r, "<h2>担保</h2><dl class=\"facts\"><dt>推荐函编号</dt><dd>");
        html_text(r, g.letter_no);
        html_printf(r, "</dd><dt>担保比例</dt><dd>%d%%</dd><dt>担保金额</dt><dd>", g.coverage_pct);
        html_money(r, g.guaranteed_fen);
        html_raw(r, " 元</dd><dt>反担保</dt><dd>");
        for (int i = 0; i < g.ncounter; i++) {
            html_raw(r, i ? "；" : "");
            html_text(r, g.counter[i].name);
            html_raw(r, "（");
            html_text(r, g.counter[i].relation);
            html_raw(r, "）");
        }
        html_text(r, g.pledged_asset);
        html_printf(r, "</dd></dl><p><a class=\"button\" href=\"/loans/%lld/guarantee-letter.pdf\">打印担保推荐函（PDF）"
                       "</a></p>",
                    (long long)a->id);
        return;
    }
    if (a->state != LS_APPROVED || (r->user.role != ROLE_ASSOCIATION && r->user.role != ROLE_ADMIN))
        return;
    struct fund_status s;
    guarantee_fund_status(r->db, &s);
    html_raw(r, "<h2>办理担保</h2><p class=\"muted\">担保基金余额 ");
    html_money(r, s.balance_fen);
    html_printf(r, " 元 × %lld 倍，在保余额 ", (long long)s.leverage);
    html_money(r, s.guaranteed_outstanding_fen);
    html_raw(r, " 元，尚可担保 ");
    html_money(r, s.capacity_fen > 0 ? s.capacity_fen : 0);
    html_printf(r, " 元。</p><form method=\"post\" action=\"/loans/%lld/guarantee\" class=\"grid\">", (long long)a->id);
    html_csrf(r);
    const char *gf = "/guarantee";
    html_printf(r, "<label>担保比例（%%）<input name=\"coverage_pct\" type=\"number\" min=\"1\" max=\"100\" "
                   "value=\"%s\"></label>",
                form_echo(r, gf, "coverage_pct", "100"));
    for (int i = 0; i < 2; i++)
        html_printf(r, "<fieldset><legend>反担保人 %d%s</legend><label>姓名<input name=\"cg_name\" value=\"%s\"></label>"
                       "<label>身份证号<input name=\"cg_id_number\" class=\"mono\" maxlength=\"18\" value=\"%s\"></label>"
                       "<label>与申请人关系<input name=\"cg_relation\" value=\"%s\"></label></fieldset>",
                    i + 1, i ? "（可不填）" : "", form_echo_nth(r, gf, "cg_name", i, ""),
                    form_echo_nth(r, gf, "cg_id_number", i, ""), form_echo_nth(r, gf, "cg_relation", i, ""));
    html_printf(r, "<label class=\"wide\">或抵（质）押物<input name=\"pledged_asset\" maxlength=\"200\" value=\"%s\">"
                   "</label><p><button class=\"primary\">办理担保</button></p></form>",
                form_echo(r, gf, "pledged_asset", ""));
}

/* Context for the B角 <select>: the page and the current backup handler. */
struct backup_select {
    struct req *r;
    int64_t current, handler;
};

/* One <option> per active association user other than the A角. */
static void backup_option(const struct user_row *u, void *ctx)
{
    struct backup_select *bs = ctx;
    if (u->role != ROLE_ASSOCIATION || !u->active || u->id == bs->handler)
        return;
    html_printf(bs->r, "<option value=\"%lld\"%s>", (long long)u->id, u->id == bs->current ? " selected" : "");
    html_text(bs->r, u->name);
    html_raw(bs->r, "</option>");
}

/* The form assigning the backup handler (B角), for association staff. */
static int backup_form(struct req *r, const struct loan_app *a)
{
    if ((r->user.role != ROLE_ASSOCIATION && r->user.role != ROLE_ADMIN) || !loan_state_open(a->state))
        return 0;
    struct backup_select bs = {r, a->backup_handler_id, a->handler_id};
    html_printf(r, "<form method=\"post\" action=\"/loans/%lld/backup\" class=\"inline\">", (long long)a->id);
    html_csrf(r);
    html_raw(r, "<select name=\"backup_handler_id\" aria-label=\"B角\"><option value=\"0\">未指定</option>");
    form_user_options(r, backup_option, &bs);
    html_raw(r, "</select><button>指定B角</button></form>");
    return 1;
}

/* For a guaranteed application, the liaison's disbursement form; for a disbursed one, the link
   to its loan account. */
static void disbursement_section(struct req *r, const struct loan_app *a)
{
    int64_t loan = servicing_loan_of(r->db, a->id);
    if (loan) {
        html_printf(r, "<p><a class=\"button\" href=\"/accounts/%lld\">查看贷款与还款情况</a></p>", (long long)loan);
        return;
    }
    if (a->state != LS_GUARANTEED || (r->user.role != ROLE_LIAISON && r->user.role != ROLE_FINANCE))
        return;
    char amount[MONEY_TEXT_SIZE], today[11], term[16];
    date_format(r->today, today);
    snprintf(term, sizeof term, "%d", a->term_months);
    const char *d = "/disburse", *method = form_echo(r, d, "method", ""), *day_count = form_echo(r, d, "day_count", "");
    html_printf(r, "<h2>登记放款（信用社）</h2><form method=\"post\" action=\"/loans/%lld/disburse\" class=\"grid\">",
                (long long)a->id);
    html_csrf(r);
    html_printf(r, "<label>借款合同号<input name=\"contract_no\" required maxlength=\"50\" value=\"%s\"></label>"
                   "<label>放款日期<input name=\"disbursed_on\" type=\"date\" required value=\"%s\"></label>"
                   "<label>放款金额（元，不超过批准金额）<input name=\"principal\" required value=\"%s\"></label>"
                   "<label>年利率（%%）<input name=\"annual_rate\" required value=\"%s\"></label>"
                   "<label>期限（月）<input name=\"term_months\" type=\"number\" required value=\"%s\"></label>"
                   "<label>还款方式<select name=\"method\">",
                form_echo(r, d, "contract_no", ""), form_echo(r, d, "disbursed_on", today),
                form_echo(r, d, "principal", money_format_plain(a->amount_fen, amount, sizeof amount)),
                form_echo(r, d, "annual_rate", "4.35"), form_echo(r, d, "term_months", term));
    for (int m = 0; m < AMORT__MAX; m++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", amort_method_code(m),
                    strcmp(method, amort_method_code(m)) ? "" : " selected", amort_method_name(m));
    html_raw(r, "</select></label><label>计息方式<select name=\"day_count\"><option value=\"\">按还款方式默认"
                "（等额本息、等额本金按月，其余按日）</option>");
    for (int dc = 0; dc < AMORT_DAYS__MAX; dc++)
        html_printf(r, "<option value=\"%s\"%s>%s</option>", amort_day_count_code(dc),
                    strcmp(day_count, amort_day_count_code(dc)) ? "" : " selected", amort_day_count_name(dc));
    html_raw(r, "</select></label><p><button class=\"primary\">登记放款</button></p></form>");
}

/* The withdrawal (撤回) form: a reason, asked for confirmation when sent. */
static void withdraw_form(struct req *r, const struct loan_app *a)
{
    html_printf(r, "<details class=\"withdraw\"%s><summary>撤回申请</summary><form method=\"post\" "
                   "action=\"/loans/%lld/withdraw\">",
                form_posted(r, "/withdraw") ? " open" : "", (long long)a->id);
    html_csrf(r);
    html_printf(r, "<label>撤回原因（必填，撤回后该家庭可以重新申请）<textarea name=\"reason\" rows=\"2\" "
                   "maxlength=\"%d\">%s</textarea></label><p><button>撤回申请</button></p></form></details>",
                LOAN_WITHDRAW_REASON_MAX_CHARS, form_echo(r, "/withdraw", "reason", ""));
}

/* Whether the user collects documents and submits (the A/B handlers' roles). */
static int may_intake(const struct req *r)
{
    return r->user.role == ROLE_ASSOCIATION || r->user.role == ROLE_ADMIN || r->user.role == ROLE_VILLAGE;
}

/* The application page; e (if any) is a refusal to show at the top. */
static void loan_page(struct req *r, const struct err *e)
{
    struct loan_app *a = calloc(1, sizeof *a);
    struct err ge = {0};
    if (!a || loan_get(r->db, &r->user, r->id[0], a, &ge) != 0) {
        free(a);
        reply_error(r, &ge);
        return;
    }
    char title[64];
    snprintf(title, sizeof title, "贷款申请 %lld", (long long)a->id);
    html_begin(r, title);
    html_printf(r, "<div class=\"titlebar\"><h1>贷款申请 第 %lld 号</h1><span class=\"state state-%s\">%s</span>",
                (long long)a->id, loan_state_code(a->state), loan_state_name(a->state));
    if (loan_review_late(a, r->today))
        html_raw(r, "<strong class=\"warn\">评审已超期</strong>");
    html_raw(r, "</div>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    more_info_banner(r, a);
    html_raw_printf(r, "<dl class=\"facts\"><dt>%s</dt><dd>", a->organisation_id ? "申请单位" : "申请人");
    char href[HTML_HREF_SIZE];
    if (a->organisation_id)
        snprintf(href, sizeof href, "/organisations/%lld", (long long)a->organisation_id);
    else
        snprintf(href, sizeof href, "/households/%lld", (long long)a->household_id);
    html_link(r, href, a->applicant);
    html_raw(r, "（");
    html_text(r, a->township);
    html_raw(r, " · ");
    html_text(r, a->village);
    html_printf(r, "）</dd><dt>贷款产品</dt><dd>");
    html_text(r, a->product);
    html_printf(r, "</dd><dt>贷款次数</dt><dd>第 %lld 次贷款</dd><dt>项目</dt><dd>",
                (long long)rating_loan_cycle(r->db, a->id));
    html_text(r, project_type_name(a->project_type));
    html_raw(r, " · ");
    html_text(r, a->project_name);
    html_raw(r, "</dd><dt>金额</dt><dd>");
    html_money(r, a->amount_fen);
    html_printf(r, " 元，%d 个月</dd><dt>预计带动就业</dt><dd>%lld 人</dd><dt>预计年收入</dt><dd>", a->term_months,
                (long long)a->expected_jobs);
    html_money(r, a->expected_income_fen);
    html_raw(r, " 元</dd><dt>经办人（A角）</dt><dd>");
    html_text(r, a->handler);
    html_raw(r, "</dd><dt>B角</dt><dd>");
    if (!backup_form(r, a))
        html_text(r, *a->backup_handler ? a->backup_handler : "未指定");
    html_raw(r, "</dd><dt>提交评审</dt><dd>");
    html_text(r, *a->submitted_on ? a->submitted_on : "未提交");
    html_raw(r, "</dd><dt>评审期限</dt><dd>");
    html_text(r, *a->review_due_on ? a->review_due_on : "—");
    if (a->state == LS_WITHDRAWN) {
        html_raw(r, "</dd><dt>撤回原因</dt><dd>");
        html_text(r, a->withdrawn_reason);
    }
    html_raw(r, "</dd></dl>");
    time_limit_section(r, TK_LOAN, a->id);
    if (may_intake(r) && loan_action_allowed(LA_EDIT, a->state))
        html_printf(r, "<p><a class=\"button\" href=\"/loans/%lld/edit\">修改申请（金额、期限、项目）</a></p>", (long long)a->id);
    html_raw(r, "<h2>创业方案</h2><div class=\"markdown\">");
    html_markdown(r, a->business_plan_md);
    html_raw(r, "</div>");
    int editable = may_intake(r) && loan_action_allowed(LA_EDIT_DOCUMENTS, a->state);
    documents_section(r, a, editable);
    if (may_intake(r) && loan_action_allowed(LA_WITHDRAW, a->state))
        withdraw_form(r, a);
    reviews_section(r, a);
    if (my_turn(r, a)) {
        html_printf(r, "<h2>本部门意见（");
        html_text(r, r->user.department_name);
        html_printf(r, "）</h2><form method=\"post\" action=\"/loans/%lld/reviews\" class=\"grid\">", (long long)a->id);
        html_csrf(r);
        html_raw(r, "<div class=\"checks\">");
        for (int d = 0; d < RD__MAX; d++) /* no default: an opinion is chosen, never assumed */
            html_printf(r, "<label><input type=\"radio\" name=\"decision\" value=\"%s\"%s required> %s</label>",
                        review_decision_code((enum review_decision)d),
                        form_echo_checked(r, "/reviews", "decision", review_decision_code((enum review_decision)d), 0)
                            ? " checked" : "",
                        review_decision_name((enum review_decision)d));
        html_printf(r, "</div><label class=\"wide\">意见说明（不同意或补充材料时必填）<textarea name=\"comment\" rows=\"3\" "
                       "maxlength=\"1000\">%s</textarea></label>"
                       "<label class=\"wide\">需补充的其他材料（七项之外的，如场地租赁合同；多项用顿号分开，仅在要求补充材料时填写）"
                       "<input name=\"requested_documents\" maxlength=\"400\" value=\"%s\"></label>"
                       "<p><button class=\"primary\">提交意见</button></p></form>",
                    form_echo(r, "/reviews", "comment", ""), form_echo(r, "/reviews", "requested_documents", ""));
    }
    guarantee_section(r, a);
    disbursement_section(r, a);
    html_end(r);
    loan_app_free(a);
    free(a);
}

void page_loan_show(struct req *r)
{
    loan_page(r, NULL);
}

/* After an action: back to the page with a flash, or the page again with the refusal. */
static void after_action(struct req *r, int rc, const struct err *e, const char *ok)
{
    if (rc == 0) {
        char loc[80];
        snprintf(loc, sizeof loc, "/loans/%lld?ok=%s", (long long)r->id[0], ok);
        reply_redirect(r, loc);
    } else if (e->status == 404 || e->status == 403) {
        reply_error(r, e);
    } else {
        loan_page(r, e);
        r->status = e->status;
    }
}

/* The documents ticked on the posted checklist. */
static unsigned posted_documents(const struct req *r)
{
    unsigned received = 0;
    const char *v;
    for (int i = 0; (v = req_form_nth(r, "doc", i)); i++)
        if (loan_doc_parse(v) >= 0)
            received |= 1u << loan_doc_parse(v);
    return received;
}

/* Records the reviewers' requested documents as ticked ("req") on the posted checklist. 0 or -1 (e). */
static int save_requested(struct req *r, struct err *e)
{
    struct loan_app *a = calloc(1, sizeof *a);
    if (!a)
        return err_set(e, 500, "no_memory", NULL, "内存不足");
    int rc = loan_get(r->db, &r->user, r->id[0], a, e);
    for (int i = 0; rc == 0 && i < a->nrequested; i++) {
        int ticked = 0;
        const char *v;
        for (int k = 0; (v = req_form_nth(r, "req", k)); k++)
            ticked |= strtoll(v, NULL, 10) == a->requested[i].id;
        if (ticked != a->requested[i].received)
            rc = loan_set_requested(r->db, &r->user, r->id[0], a->requested[i].id, ticked, e);
    }
    loan_app_free(a);
    free(a);
    return rc;
}

void page_loan_documents(struct req *r)
{
    struct err e = {0};
    int rc = loan_set_documents(r->db, &r->user, r->id[0], (1u << LD__MAX) - 1, posted_documents(r), &e);
    if (rc == 0)
        rc = save_requested(r, &e);
    after_action(r, rc, &e, "updated");
}

void page_loan_submit(struct req *r)
{
    unsigned given = 0, received = 0;
    if (req_form(r, "documents_form")) { /* submitted with the checklist: what is ticked counts */
        given = (1u << LD__MAX) - 1;
        received = posted_documents(r);
    }
    struct err e = {0};
    if (given && save_requested(r, &e) != 0) {
        after_action(r, -1, &e, "");
        return;
    }
    after_action(r, loan_submit(r->db, &r->user, r->id[0], given, received, r->today, &e), &e, "submitted");
}

/* The applicant (masked as on notices) and the amount in words and figures, for a question. 0, or
   -1 when the application cannot be read (its error answered). */
static int loan_words(struct req *r, char *who, size_t nwho, char *amount, size_t namount)
{
    struct loan_app *a = calloc(1, sizeof *a);
    struct err e = {0};
    if (!a || loan_get(r->db, &r->user, r->id[0], a, &e) != 0) {
        free(a);
        reply_error(r, &e);
        return -1;
    }
    mask_name(a->applicant, who, nwho);
    form_money(a->amount_fen, amount, namount);
    loan_app_free(a);
    free(a);
    return 0;
}

/* After form_ask: 1 to go on when confirmed; the page drawn again (what was typed kept) for
   返回修改; 0 when the page has answered. */
static int loan_go(struct req *r, enum form_confirm_step step)
{
    if (step == FORM_EDIT)
        loan_page(r, NULL);
    return step == FORM_CONFIRMED;
}

void page_loan_review(struct req *r)
{
    const char *decision = req_form(r, "decision"), *comment = req_form(r, "comment"),
               *requested = req_form(r, "requested_documents");
    int d = review_decision_parse(decision);
    struct err e = {0};
    if (loan_review_check(decision, comment, requested, &e) != 0) { /* refused before any confirmation */
        after_action(r, -1, &e, "");
        return;
    }
    char who[NAME_SIZE], amount[FORM_MONEY_SIZE];
    if (loan_words(r, who, sizeof who, amount, sizeof amount) != 0 ||
        !loan_go(r, form_ask(r, NULL, "确认对第 %lld 号申请（%s，%s）提出本部门意见：%s%s%s？", (long long)r->id[0], who, amount,
                  review_decision_name((enum review_decision)d), comment && *comment ? "。说明：" : "",
                  comment ? comment : "")))
        return;
    after_action(r, loan_review(r->db, &r->user, r->id[0], decision, comment, requested, &e), &e, "reviewed");
}

void page_loan_withdraw(struct req *r)
{
    const char *reason = req_form(r, "reason");
    struct err e = {0};
    if (!reason || !*reason) {
        err_set(&e, 422, "invalid_reason", "reason", "请写明撤回原因");
        after_action(r, -1, &e, "");
        return;
    }
    char who[NAME_SIZE], amount[FORM_MONEY_SIZE];
    if (loan_words(r, who, sizeof who, amount, sizeof amount) != 0 ||
        !loan_go(r, form_ask(r, NULL, "确认撤回第 %lld 号申请（%s，%s）？撤回原因：%s", (long long)r->id[0], who, amount, reason)))
        return;
    after_action(r, loan_withdraw(r->db, &r->user, r->id[0], reason, &e), &e, "loan_withdrawn");
}

void page_loan_guarantee(struct req *r)
{
    struct guarantee_input in = {0};
    const char *cov = req_form(r, "coverage_pct");
    in.coverage_pct = cov && *cov ? strtoll(cov, NULL, 10) : 0;
    in.pledged_asset = req_form(r, "pledged_asset");
    for (int i = 0; i < 2; i++) {
        const char *name = req_form_nth(r, "cg_name", i);
        if (!name || !*name)
            continue;
        in.counter[in.ncounter++] = (struct counter_guarantor){
            .name = name, .id_number = req_form_nth(r, "cg_id_number", i), .relation = req_form_nth(r, "cg_relation", i)};
    }
    char who[NAME_SIZE], amount[FORM_MONEY_SIZE];
    if (loan_words(r, who, sizeof who, amount, sizeof amount) != 0 ||
        !loan_go(r, form_ask(r, NULL, "确认为第 %lld 号申请（%s，贷款 %s）办理担保？担保比例 %lld%%，反担保人：%s%s%s，抵（质）押物：%s",
                  (long long)r->id[0], who, amount, (long long)in.coverage_pct, in.ncounter ? in.counter[0].name : "无",
                  in.ncounter > 1 ? "、" : "", in.ncounter > 1 ? in.counter[1].name : "",
                  in.pledged_asset && *in.pledged_asset ? in.pledged_asset : "无")))
        return;
    struct err e = {0};
    after_action(r, guarantee_create(r->db, &r->user, r->id[0], &in, r->today, &e) < 0 ? -1 : 0, &e, "guaranteed");
}

void page_loan_backup(struct req *r)
{
    const char *v = req_form(r, "backup_handler_id");
    struct err e = {0};
    after_action(r, loan_set_backup(r->db, &r->user, r->id[0], v ? strtoll(v, NULL, 10) : 0, &e), &e, "updated");
}

void page_loan_disburse(struct req *r)
{
    const char *term = req_form(r, "term_months");
    struct disburse_input in = {.application_id = r->id[0], .contract_no = req_form(r, "contract_no"),
                                .disbursed_on = req_form(r, "disbursed_on"), .annual_rate = req_form(r, "annual_rate"),
                                .method = req_form(r, "method"), .term_months = term ? strtoll(term, NULL, 10) : 0,
                                .day_count = req_form(r, "day_count")};
    if (in.day_count && !in.day_count[0])
        in.day_count = NULL; /* the form's "default" choice */
    struct err e = {0};
    int64_t id = -1;
    if (money_parse(req_form(r, "principal"), &in.principal_fen) != 0) {
        err_set(&e, 422, "invalid_principal", "principal", "放款金额格式不正确");
    } else {
        char who[NAME_SIZE], applied[FORM_MONEY_SIZE], principal[FORM_MONEY_SIZE];
        int m = amort_method_parse(in.method);
        if (loan_words(r, who, sizeof who, applied, sizeof applied) != 0 ||
            !loan_go(r, form_ask(r, NULL, "确认放款 %s给 %s？第 %lld 号申请，借款合同号 %s，放款日期 %s，年利率 %s%%，%lld 个月，%s。",
                      form_money(in.principal_fen, principal, sizeof principal), who, (long long)r->id[0],
                      in.contract_no ? in.contract_no : "", in.disbursed_on ? in.disbursed_on : "",
                      in.annual_rate ? in.annual_rate : "", (long long)in.term_months, m >= 0 ? amort_method_name(m) : "")))
            return;
        id = servicing_disburse(r->db, &r->user, &in, r->today, &e);
    }
    if (id < 0) {
        after_action(r, -1, &e, "");
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/accounts/%lld?ok=disbursed", (long long)id);
    reply_redirect(r, loc);
}

/* The edit form of application r->id[0] with in (the stored values, or what was typed) and e.
   Returns 0, or -1 when the application could not be shown (its error answered). */
static int edit_page(struct req *r, const struct loan_input *in, const struct err *e)
{
    struct loan_app *a = calloc(1, sizeof *a);
    struct err ge = {0};
    int rc = -1;
    if (!a || loan_get(r->db, &r->user, r->id[0], a, &ge) != 0) {
        if (!ge.status)
            err_set(&ge, 500, "out_of_memory", NULL, "内存不足");
        reply_error(r, &ge);
    } else if (!loan_action_allowed(LA_EDIT, a->state)) {
        err_set(&ge, 409, "invalid_state", NULL, "%s（当前状态：%s）", loan_action_refusal(LA_EDIT, a->state),
                loan_state_name(a->state));
        reply_error(r, &ge);
    } else {
        struct loan_input stored = {a->household_id, a->amount_fen, a->term_months, project_type_code(a->project_type),
                                    a->project_name, a->business_plan_md, a->expected_jobs, a->expected_income_fen,
                                    a->product_id, a->organisation_id};
        struct form_borrower b = {.household_id = a->household_id, .organisation_id = a->organisation_id};
        memcpy(b.name, a->applicant, sizeof b.name);
        memcpy(b.village, a->village, sizeof b.village);
        loan_form(r, &b, a->id, in ? in : &stored, e);
        rc = 0;
    }
    if (a)
        loan_app_free(a);
    free(a);
    return rc;
}

void page_loan_edit(struct req *r)
{
    (void)edit_page(r, NULL, NULL); /* an error has been answered by edit_page itself */
}

void page_loan_update(struct req *r)
{
    struct loan_input in = {0};
    struct err e = {0};
    if (posted_input(r, &in, &e) == 0 && loan_update(r->db, &r->user, r->id[0], &in, &e) == 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/loans/%lld?ok=edited", (long long)r->id[0]);
        reply_redirect(r, loc);
        return;
    }
    if (e.status == 403 || e.status == 404) {
        reply_error(r, &e);
        return;
    }
    if (edit_page(r, &in, &e) == 0)
        r->status = e.status;
}
