/* page_loan.c: the loan application pages: list, new application, the application page with its
   documents, submission, review opinions and guarantee, and the reviewers' queue. Thin over
   loan.c and guarantee.c; the business plan is Markdown rendered safely (html_markdown). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guarantee.h"
#include "handlers.h"
#include "household.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "loan.h"
#include "money.h"
#include "servicing.h"

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
    html_raw(r, "</td></tr>");
}

/* The table of applications for a filter, with the pager. */
static void loan_table(struct req *r, struct loan_filter *f)
{
    html_raw(r, "<table class=\"list\"><thead><tr><th class=\"num\">编号</th><th>申请人</th><th>村</th><th>项目</th>"
                "<th class=\"num\">金额（元）</th><th class=\"num\">期限（月）</th><th>状态</th><th>评审期限</th>"
                "<th>经办人（A角）</th></tr></thead><tbody>");
    struct err e = {0};
    int64_t total = loan_list(r->db, &r->user, f, r->today, loan_row, r, &e);
    html_raw(r, "</tbody></table>");
    if (total < 0)
        html_form_error(r, &e);
    else
        html_pager(r, total, f->limit, f->offset, 0);
}

void page_loans(struct req *r)
{
    struct loan_filter f = {.state = loan_state_parse(req_query(r, "state"))};
    const char *late = req_query(r, "late");
    f.late_only = late && !strcmp(late, "1");
    html_paging(r, &f.limit, &f.offset);
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
    html_printf(r, "</select></label><label class=\"inline-check\"><input type=\"checkbox\" name=\"late\" value=\"1\"%s>"
                   "只看评审超期</label><button>筛选</button></form>",
                f.late_only ? " checked" : "");
    loan_table(r, &f);
    report_format_links(r, "/loans", NULL);
    html_end(r);
}

void page_review_queue(struct req *r)
{
    struct loan_filter f = {.state = -1, .department = r->user.department_id ? r->user.department_id : -1};
    html_paging(r, &f.limit, &f.offset);
    html_begin(r, "待评审");
    html_raw(r, "<h1>待我部门评审</h1><p class=\"muted\">");
    html_text(r, r->user.department_name);
    html_raw(r, " · 按评审期限排列，最早到期的在前</p>");
    html_flash(r);
    loan_table(r, &f);
    html_end(r);
}

/* The new-application form (values kept after a refusal). */
static void loan_form(struct req *r, const struct household *h, const struct loan_input *in, const struct err *e)
{
    html_begin(r, "申请贷款");
    html_raw(r, "<h1>计生信贷助富 · 贷款申请</h1><p>申请家庭：<a href=\"/households/");
    html_printf(r, "%lld\">", (long long)h->id);
    html_text(r, h->members[0].name);
    html_raw(r, "</a>（");
    html_text(r, h->village_name);
    html_raw(r, "）</p>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"post\" action=\"/loans\" class=\"grid\">");
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"household_id\" value=\"%lld\">", (long long)h->id);
    char amount[40] = "";
    if (in->amount_fen)
        money_format_plain(in->amount_fen, amount, sizeof amount);
    html_raw(r, "<label>贷款金额（元，2万—20万）<input name=\"amount\" required inputmode=\"decimal\" value=\"");
    html_text(r, amount);
    html_printf(r, "\"></label><label>期限（月，6—36）<input name=\"term_months\" type=\"number\" min=\"6\" max=\"36\" "
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
    char income[40] = "";
    if (in->expected_income_fen)
        money_format_plain(in->expected_income_fen, income, sizeof income);
    html_raw(r, "<label>预计年收入（元）<input name=\"expected_income\" inputmode=\"decimal\" value=\"");
    html_text(r, income);
    html_raw(r, "\"></label><label class=\"wide\">创业方案（可用 Markdown：# 标题、- 列表、**加粗**）"
                "<textarea name=\"business_plan_md\" rows=\"12\">");
    html_text(r, in->business_plan_md);
    html_raw(r, "</textarea></label><p><button class=\"primary\">登记申请</button></p></form>");
    html_end(r);
}

/* Loads the household named by the household_id field or query value. */
static int form_household(struct req *r, const char *id, struct household *h, struct err *e)
{
    return household_get(r->db, &r->user, id ? strtoll(id, NULL, 10) : 0, h, e);
}

void page_loan_new(struct req *r)
{
    struct household h;
    struct err e = {0};
    if (form_household(r, req_query(r, "household_id"), &h, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct loan_input in = {.household_id = h.id};
    loan_form(r, &h, &in, NULL);
}

void page_loan_create(struct req *r)
{
    struct household h;
    struct err e = {0};
    if (form_household(r, req_form(r, "household_id"), &h, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    const char *jobs = req_form(r, "expected_jobs"), *term = req_form(r, "term_months");
    struct loan_input in = {.household_id = h.id, .project_type = req_form(r, "project_type"),
                            .project_name = req_form(r, "project_name"),
                            .business_plan_md = req_form(r, "business_plan_md"),
                            .expected_jobs = jobs && *jobs ? strtoll(jobs, NULL, 10) : 0,
                            .term_months = term ? strtoll(term, NULL, 10) : 0};
    const char *amount = req_form(r, "amount"), *income = req_form(r, "expected_income");
    int64_t id = -1;
    if (money_parse(amount, &in.amount_fen) != 0)
        err_set(&e, 422, "invalid_amount", "amount", "贷款金额格式不正确，例如 200000 或 200,000.00");
    else if (income && *income && money_parse(income, &in.expected_income_fen) != 0)
        err_set(&e, 422, "invalid_income", "expected_income", "预计年收入格式不正确");
    else
        id = loan_create(r->db, &r->user, &in, r->today, &e);
    if (id < 0) {
        loan_form(r, &h, &in, &e);
        r->status = e.status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/loans/%lld?ok=created", (long long)id);
    reply_redirect(r, loc);
}

/* The documents checklist: a form for those who collect them, a list otherwise. */
static void documents_section(struct req *r, const struct loan_app *a, int can_edit)
{
    html_raw(r, "<h2>申请材料</h2>");
    if (can_edit)
        html_printf(r, "<form method=\"post\" action=\"/loans/%lld/documents\">", (long long)a->id);
    if (can_edit)
        html_csrf(r);
    html_raw(r, "<ul class=\"docs\">");
    for (int d = 0; d < LD__MAX; d++) {
        int got = (a->documents & (1u << d)) != 0;
        if (can_edit)
            html_printf(r, "<li><label><input type=\"checkbox\" name=\"doc\" value=\"%s\"%s> %s</label></li>",
                        loan_doc_code((enum loan_doc)d), got ? " checked" : "", loan_doc_name((enum loan_doc)d));
        else
            html_printf(r, "<li>%s %s</li>", got ? "✓" : "✗", loan_doc_name((enum loan_doc)d));
    }
    html_raw(r, "</ul>");
    if (can_edit)
        html_raw(r, "<p><button>保存材料情况</button></p></form>");
    if (a->documents != (1u << LD__MAX) - 1)
        html_printf(r, "<p><a class=\"button\" href=\"/loans/%lld/notice.pdf\">打印一次性告知书（PDF）</a></p>",
                    (long long)a->id);
}

/* Opinions of every round, newest round first. */
static void reviews_section(struct req *r, const struct loan_app *a)
{
    if (!a->nreviews)
        return;
    html_raw(r, "<h2>联合评审意见</h2><table class=\"list\"><thead><tr><th>轮次</th><th>部门</th><th>意见</th>"
                "<th>说明</th><th>评审人</th><th>时间（UTC）</th></tr></thead><tbody>");
    for (int i = 0; i < a->nreviews; i++) {
        const struct loan_review_row *v = &a->reviews[i];
        int d = review_decision_parse(v->decision);
        html_printf(r, "<tr><td>第 %d 轮</td><td>", v->round);
        html_text(r, v->department);
        html_printf(r, "</td><td class=\"decision-%s\">%s</td><td>", d >= 0 ? v->decision : "pending",
                    d >= 0 ? review_decision_name((enum review_decision)d) : "待评审");
        html_text(r, v->comment);
        html_raw(r, "</td><td>");
        html_text(r, v->reviewer);
        html_raw(r, "</td><td>");
        html_text(r, v->at);
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
    html_raw(r, "<label>担保比例（%）<input name=\"coverage_pct\" type=\"number\" min=\"1\" max=\"100\" value=\"100\">"
                "</label>");
    for (int i = 0; i < 2; i++)
        html_printf(r, "<fieldset><legend>反担保人 %d%s</legend><label>姓名<input name=\"cg_name\"></label>"
                       "<label>身份证号<input name=\"cg_id_number\" class=\"mono\" maxlength=\"18\"></label>"
                       "<label>与申请人关系<input name=\"cg_relation\"></label></fieldset>",
                    i + 1, i ? "（可不填）" : "");
    html_raw(r, "<label class=\"wide\">或抵（质）押物<input name=\"pledged_asset\" maxlength=\"200\"></label>"
                "<p><button class=\"primary\">确认担保</button></p></form>");
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
static void backup_form(struct req *r, const struct loan_app *a)
{
    if ((r->user.role != ROLE_ASSOCIATION && r->user.role != ROLE_ADMIN) || !loan_state_open(a->state))
        return;
    struct backup_select bs = {r, a->backup_handler_id, a->handler_id};
    html_printf(r, "<form method=\"post\" action=\"/loans/%lld/backup\" class=\"inline\">", (long long)a->id);
    html_csrf(r);
    html_raw(r, "<select name=\"backup_handler_id\" aria-label=\"B角\"><option value=\"0\">未指定</option>");
    user_list(r->db, r->user.unit_path, "", 500, 0, backup_option, &bs);
    html_raw(r, "</select><button>指定B角</button></form>");
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
    char amount[40];
    html_printf(r, "<h2>登记放款（信用社）</h2><form method=\"post\" action=\"/loans/%lld/disburse\" class=\"grid\">",
                (long long)a->id);
    html_csrf(r);
    html_printf(r, "<label>借款合同号<input name=\"contract_no\" required maxlength=\"50\"></label>"
                   "<label>放款日期<input name=\"disbursed_on\" type=\"date\" required value=\"%04d-%02d-%02d\"></label>"
                   "<label>放款金额（元，不超过批准金额）<input name=\"principal\" required value=\"%s\"></label>"
                   "<label>年利率（%%）<input name=\"annual_rate\" required value=\"4.35\"></label>"
                   "<label>期限（月）<input name=\"term_months\" type=\"number\" required value=\"%d\"></label>"
                   "<label>还款方式<select name=\"method\">",
                r->today.y, r->today.m, r->today.d, money_format_plain(a->amount_fen, amount, sizeof amount),
                a->term_months);
    for (int m = 0; m < AMORT__MAX; m++)
        html_printf(r, "<option value=\"%s\">%s</option>", amort_method_code(m), amort_method_name(m));
    html_raw(r, "</select></label><label>计息方式<select name=\"day_count\"><option value=\"\">按还款方式默认"
                "（等额本息、等额本金按月，其余按日）</option>");
    for (int dc = 0; dc < AMORT_DAYS__MAX; dc++)
        html_printf(r, "<option value=\"%s\">%s</option>", amort_day_count_code(dc), amort_day_count_name(dc));
    html_raw(r, "</select></label><p><button class=\"primary\">登记放款</button></p></form>");
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
    html_raw(r, "<dl class=\"facts\"><dt>申请人</dt><dd>");
    html_printf(r, "<a href=\"/households/%lld\">", (long long)a->household_id);
    html_text(r, a->applicant);
    html_raw(r, "</a>（");
    html_text(r, a->township);
    html_raw(r, " · ");
    html_text(r, a->village);
    html_raw(r, "）</dd><dt>项目</dt><dd>");
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
    html_text(r, *a->backup_handler ? a->backup_handler : "未指定");
    html_raw(r, " ");
    backup_form(r, a);
    html_raw(r, "</dd><dt>提交评审</dt><dd>");
    html_text(r, *a->submitted_on ? a->submitted_on : "未提交");
    html_raw(r, "</dd><dt>评审期限</dt><dd>");
    html_text(r, *a->review_due_on ? a->review_due_on : "—");
    html_raw(r, "</dd></dl><h2>创业方案</h2><div class=\"markdown\">");
    html_markdown(r, a->business_plan_md);
    html_raw(r, "</div>");
    int editable = may_intake(r) && loan_action_allowed(LA_EDIT_DOCUMENTS, a->state);
    documents_section(r, a, editable);
    if (editable) {
        html_printf(r, "<form method=\"post\" action=\"/loans/%lld/submit\">", (long long)a->id);
        html_csrf(r);
        html_raw(r, "<button class=\"primary\">提交联合评审</button></form>");
    }
    reviews_section(r, a);
    if (my_turn(r, a)) {
        html_printf(r, "<h2>本部门意见（");
        html_text(r, r->user.department_name);
        html_printf(r, "）</h2><form method=\"post\" action=\"/loans/%lld/reviews\" class=\"grid\">", (long long)a->id);
        html_csrf(r);
        html_raw(r, "<div class=\"checks\">");
        for (int d = 0; d < RD__MAX; d++)
            html_printf(r, "<label><input type=\"radio\" name=\"decision\" value=\"%s\"%s required> %s</label>",
                        review_decision_code((enum review_decision)d), d == 0 ? " checked" : "",
                        review_decision_name((enum review_decision)d));
        html_raw(r, "</div><label class=\"wide\">意见说明（不同意或补充材料时必填）<textarea name=\"comment\" rows=\"3\" "
                    "maxlength=\"1000\"></textarea></label><p><button class=\"primary\">提交意见</button></p></form>");
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

void page_loan_documents(struct req *r)
{
    unsigned received = 0;
    const char *v;
    for (int i = 0; (v = req_form_nth(r, "doc", i)); i++)
        if (loan_doc_parse(v) >= 0)
            received |= 1u << loan_doc_parse(v);
    struct err e = {0};
    after_action(r, loan_set_documents(r->db, &r->user, r->id[0], (1u << LD__MAX) - 1, received, &e), &e, "updated");
}

void page_loan_submit(struct req *r)
{
    struct err e = {0};
    after_action(r, loan_submit(r->db, &r->user, r->id[0], r->today, &e), &e, "submitted");
}

void page_loan_review(struct req *r)
{
    struct err e = {0};
    after_action(r, loan_review(r->db, &r->user, r->id[0], req_form(r, "decision"), req_form(r, "comment"), &e), &e,
                 "reviewed");
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
    if (money_parse(req_form(r, "principal"), &in.principal_fen) != 0)
        err_set(&e, 422, "invalid_principal", "principal", "放款金额格式不正确");
    else
        id = servicing_disburse(r->db, &r->user, &in, r->today, &e);
    if (id < 0) {
        after_action(r, -1, &e, "");
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/accounts/%lld?ok=disbursed", (long long)id);
    reply_redirect(r, loc);
}
