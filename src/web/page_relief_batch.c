/* page_relief_batch.c: relief batches: the list, a new batch with its preview (who is included,
   who is excluded and why), and the batch page that carries all its applications through the
   steps and prints their receipts and the sign-for list. Thin over relief_batch.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_return_page.h"
#include "form.h"
#include "masking.h"
#include "list_filter.h"
#include "handlers.h"
#include "html.h"
#include "report_scope.h"
#include "record_sheets.h"
#include "list_sheets.h"
#include "money.h"
#include "page_relief.h"
#include "relief_bank_sheet.h"
#include "relief_batch.h"
#include "unit.h"

/* One row of the batch list. */
static void batch_row(const struct relief_batch *b, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<tr><td class=\"num\"><a href=\"/relief/batches/%lld\">%lld</a></td><td>", (long long)b->id,
                (long long)b->id);
    html_text(r, b->title);
    html_raw(r, "</td><td class=\"num\">");
    html_money(r, b->amount_fen);
    html_printf(r, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td><td class=\"num\">", b->total, b->count[RS_PAID]);
    html_money(r, b->paid_fen);
    html_raw(r, "</td></tr>");
}

/* Writes one unit option for the batch form. */
static void unit_option(const struct unit *u, void *ctx)
{
    struct req *r = ctx;
    html_printf(r, "<option value=\"%lld\"%s>", (long long)u->id,
                u->id == req_query_int(r, "village_id", 0) ? " selected" : "");
    html_text(r, u->name);
    html_raw(r, "</option>");
}

/* The most batches the page lists (the totals and the exports hold every match). */
#define BATCHES_SHOWN 50

/* The batch list and the new-batch form, with e (a refused preview) shown at the form and next to
   its field, and what was typed kept. */
static void batches_page(struct req *r, const struct err *e);

void page_relief_batches(struct req *r)
{
    batches_page(r, NULL);
}

static void batches_page(struct req *r, const struct err *e)
{
    struct list_where w = {0};
    struct err we = {0};
    struct batch_filter f = {.limit = BATCHES_SHOWN};
    if (!e && list_where_read(r, &w, &we) == 0) /* after a refused new batch, its query is the form's, not a filter */
        f.village_id = w.village_id, f.from = w.from, f.to = w.to;
    if (we.status && req_query(r, "format")) {
        reply_error(r, &we);
        return;
    }
    if (list_export_if_asked(r, record_batches_sheet, &f, "relief-batches.csv"))
        return;
    html_begin(r, "批量发放");
    html_raw(r, "<h1>救助批次（春节走访慰问、双千帮扶、独女户/双女绝育户奖励）</h1>");
    html_flash(r);
    html_raw(r, "<form class=\"search\" method=\"get\" action=\"/relief/batches\">");
    list_where_fields(r, &w, "建立日期", &we);
    html_raw(r, "<button>筛选</button></form>");
    if (we.status)
        html_form_error(r, &we);
    html_raw(r, "<div class=\"scroll\"><table class=\"list\"><thead><tr><th class=\"num\">批次</th><th>名称</th>"
                "<th class=\"num\">每户（元）</th><th class=\"num\">户数</th><th class=\"num\">已发放</th>"
                "<th class=\"num\">已发金额（元）</th></tr></thead><tbody>");
    int n = relief_batch_list(r->db, &r->user, &f, batch_row, r);
    if (n == 0)
        html_raw(r, "<tr><td colspan=\"6\">没有符合条件的批次</td></tr>");
    html_raw(r, "</tbody></table></div>");
    if (n > BATCHES_SHOWN)
        html_printf(r, "<p class=\"muted\">共 %d 个批次，此处列出最新的 %d 个；导出文件包含全部。</p>", n, BATCHES_SHOWN);
    if (n >= 0)
        html_printf(r, "<p class=\"totals\">共 %lld 个批次、%lld 户（按筛选条件）· 已发金额合计 ", (long long)f.count,
                    (long long)f.households);
    if (n >= 0) {
        char money[FORM_MONEY_SIZE];
        html_text(r, form_money(f.paid_fen, money, sizeof money));
        html_raw(r, "</p>");
    }
    report_format_links(r, "/relief/batches", NULL);
    html_raw(r, "<h2 id=\"new-batch\">新建批次</h2>");
    if (e)
        html_form_error(r, e);
    html_raw(r, "<form method=\"get\" action=\"/relief/batches/new\" class=\"grid\"><label>救助类别<select name=\"category_id\">");
    relief_category_options(r, req_query_int(r, "category_id", 0));
    html_raw(r, "</select></label><label>每户金额（元；按标准的可不填）<input name=\"amount\" inputmode=\"decimal\" value=\"");
    html_text(r, req_query(r, "amount") ? req_query(r, "amount") : ""); /* as typed, even when it did not parse */
    html_raw(r, "\">");
    form_field_error(r, "amount");
    form_field_error(r, "amount_fen");
    html_raw(r, "</label><label>范围<select name=\"village_id\"><option value=\"0\">我负责的全部</option>");
    unit_list(r->db, r->user.unit_path, "village", unit_option, r);
    html_raw(r, "</select>");
    form_field_error(r, "village_id");
    html_raw(r, "</label><p><button class=\"primary\">预览名单</button></p></form>");
    html_end(r);
}

struct preview_ctx {
    struct req *r;
    int excluded_pass; /* 0: write the included, 1: the excluded */
    int n;
};

/* One row of the preview: included households in the first pass, excluded ones in the second. */
static void candidate_row(const struct batch_candidate *c, void *ctx)
{
    struct preview_ctx *p = ctx;
    if (!c->excluded != !p->excluded_pass)
        return;
    html_printf(p->r, "<tr><td class=\"num\">%d</td><td><a href=\"/households/%lld\">", ++p->n, (long long)c->household_id);
    html_text(p->r, c->head_name);
    html_raw(p->r, "</a></td><td>");
    html_text(p->r, c->village);
    html_raw(p->r, "</td><td>");
    html_text(p->r, c->excluded ? c->excluded : "纳入");
    html_raw(p->r, "</td></tr>");
}

/* Reads the batch's input from the query (preview) or the form (create). 0, or -1 with e. */
static int batch_input_from(struct req *r, const char *(*get)(const struct req *, const char *), struct batch_input *in,
                            struct err *e)
{
    const char *c = get(r, "category_id"), *v = get(r, "village_id"), *amount = get(r, "amount");
    in->category_id = c ? strtoll(c, NULL, 10) : 0;
    in->unit_id = v ? strtoll(v, NULL, 10) : 0;
    in->amount_fen = 0;
    if (amount && *amount && money_parse(amount, &in->amount_fen) != 0)
        return err_set(e, 422, "invalid_amount", "amount", "金额格式不正确，例如 1000 或 1000.00");
    return 0;
}

/* The preview page, or the refusal. */
static void preview_page(struct req *r, const struct batch_input *in, const struct err *shown)
{
    struct err e = {0};
    html_begin(r, "批次预览");
    html_raw(r, "<h1>批次预览</h1>");
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<h2>纳入本批次的家庭</h2><table class=\"list\"><thead><tr><th class=\"num\">序号</th><th>户主</th><th>村</th>"
                "<th></th></tr></thead><tbody>");
    struct preview_ctx p = {r, 0, 0};
    int included = relief_batch_preview(r->db, &r->user, in, r->today, candidate_row, &p, &e);
    html_raw(r, "</tbody></table>");
    if (included < 0) {
        html_form_error(r, &e);
        html_end(r);
        r->status = e.status;
        return;
    }
    html_raw(r, "<h2>未纳入的家庭及原因</h2><table class=\"list\"><thead><tr><th class=\"num\">序号</th><th>户主</th><th>村</th>"
                "<th>原因</th></tr></thead><tbody>");
    p.excluded_pass = 1;
    p.n = 0;
    relief_batch_preview(r->db, &r->user, in, r->today, candidate_row, &p, &e);
    html_printf(r, "</tbody></table><form method=\"post\" action=\"/relief/batches\">");
    html_csrf(r);
    char amount[MONEY_TEXT_SIZE] = "";
    if (in->amount_fen)
        money_format_plain(in->amount_fen, amount, sizeof amount);
    html_printf(r, "<input type=\"hidden\" name=\"category_id\" value=\"%lld\"><input type=\"hidden\" name=\"village_id\" "
                   "value=\"%lld\"><input type=\"hidden\" name=\"amount\" value=\"%s\"><p><button class=\"primary\">"
                   "为以上 %d 户建立申请</button></p></form>",
                (long long)in->category_id, (long long)in->unit_id, amount, included);
    html_end(r);
}

/* Counts nothing: the preview's dry run before the page is drawn. */
static void no_candidate(const struct batch_candidate *c, void *ctx)
{
    (void)c, (void)ctx;
}

void page_relief_batch_new(struct req *r)
{
    struct batch_input in;
    struct err e = {0};
    if (batch_input_from(r, req_query, &in, &e) != 0 ||
        relief_batch_preview(r->db, &r->user, &in, r->today, no_candidate, NULL, &e) < 0) {
        batches_page(r, &e); /* the form again as typed, the error next to its field */
        r->status = e.status;
        return;
    }
    preview_page(r, &in, NULL);
}

void page_relief_batch_create(struct req *r)
{
    struct batch_input in;
    struct err e = {0};
    int included = 0;
    int64_t id = batch_input_from(r, req_form, &in, &e) == 0
                     ? relief_batch_create(r->db, &r->user, &in, r->today, &included, NULL, NULL, &e)
                     : -1;
    if (id > 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/relief/batches/%lld?ok=batch", (long long)id);
        reply_redirect(r, loc);
        return;
    }
    preview_page(r, &in, &e);
    r->status = e.status;
}

/* A button that moves the whole batch. */
static void batch_button(struct req *r, int64_t id, const char *action, const char *label, int count)
{
    if (!count)
        return;
    html_printf(r, "<form method=\"post\" class=\"inline\" action=\"/relief/batches/%lld/%s\">", (long long)id, action);
    html_csrf(r);
    html_printf(r, "<button class=\"primary\">%s（%d 户）</button></form> ", label, count);
}

/* A line of the payment file the bank refused last time, with its reason. */
static void failed_line(const struct relief_bank_line *l, void *ctx)
{
    struct req *r = ctx;
    char name[NAME_SIZE];
    if (!l->bank_reason[0])
        return;
    html_printf(r, "<tr><td class=\"num\">%lld</td><td>", (long long)l->id);
    html_text(r, mask_name(l->name, name, sizeof name));
    html_raw(r, "</td><td>");
    html_text(r, l->bank_reason);
    html_raw(r, "</td></tr>");
}

/* The fund <select> of the return file's upload form. */
static void fund_field(struct req *r)
{
    html_raw(r, "<label>资金<select name=\"fund_id\">");
    relief_fund_options(r);
    html_raw(r, "</select></label>");
}

/* The 代发 section: the lines the bank refused last time, those left out for want of an account,
   the download and the upload of the return file. */
static void bank_section(struct req *r, int64_t batch_id)
{
    char base[48];
    int64_t no_account = 0;
    html_raw(r, "<table class=\"list\"><caption>上次代发失败（更正后进入下一个代发文件）</caption><thead><tr><th>序号</th>"
                "<th>户主</th><th>银行说明的原因</th></tr></thead><tbody>");
    int n = relief_bank_lines(r->db, &r->user, batch_id, failed_line, r, &no_account);
    html_raw(r, "</tbody></table>");
    snprintf(base, sizeof base, "/relief/batches/%lld", (long long)batch_id);
    bank_pay_section(r, base, fund_field);
    html_printf(r, "<p class=\"muted\">代发文件含 %d 户", n < 0 ? 0 : n);
    if (no_account)
        html_printf(r, "；另有 %lld 户户主未登记银行账号，不在代发文件中，请登记账号或现金发放", (long long)no_account);
    html_raw(r, "。</p>");
}

/* The batch page, with e after a refused action. */
static void batch_page(struct req *r, const struct err *shown)
{
    struct relief_batch b;
    struct err e = {0};
    if (relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0) {
        html_error_page(r, &e);
        return;
    }
    html_begin(r, "救助批次");
    html_raw(r, "<h1>");
    html_text(r, b.title);
    html_raw(r, "</h1>");
    html_flash(r);
    if (shown)
        html_form_error(r, shown);
    html_raw(r, "<p>每户 ");
    html_money(r, b.amount_fen);
    html_printf(r, " 元 · 共 %d 户：", b.total);
    for (int s = 0; s < RS__MAX; s++)
        if (b.count[s])
            html_printf(r, "%s %d 户；", relief_state_name(s), b.count[s]);
    html_raw(r, "已发放 ");
    html_money(r, b.paid_fen);
    html_raw(r, " 元</p><div class=\"actions\">");
    enum role ro = r->user.role;
    int village = strcmp(r->user.unit_kind, "village") == 0;
    if (ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_VILLAGE)
        batch_button(r, b.id, "verify", "村审核通过", b.count[RS_APPLIED]);
    if ((ro == ROLE_ADMIN || ro == ROLE_RELIEF || ro == ROLE_ASSOCIATION) && !village)
        batch_button(r, b.id, "review", "镇审核通过", b.count[RS_VERIFIED]);
    if ((ro == ROLE_ADMIN || ro == ROLE_ASSOCIATION) && !village)
        batch_button(r, b.id, "approve", "公示期满，批准", b.count[RS_IN_NOTICE]);
    html_raw(r, "</div>");
    if (b.count[RS_REVIEWED])
        html_raw(r, "<p class=\"muted\">已通过镇审核的申请请在“公示”页发布公示，期满后批准。</p>");
    if (b.count[RS_APPROVED] && (ro == ROLE_RELIEF || ro == ROLE_FINANCE)) {
        char action[64];
        snprintf(action, sizeof action, "/relief/batches/%lld/disburse", (long long)b.id);
        html_printf(r, "<h2>整批发放（%d 户）</h2>", b.count[RS_APPROVED]);
        relief_pay_form(r, action);
        bank_section(r, b.id);
    }
    if (b.count[RS_PAID])
        html_printf(r, "<p><a href=\"/relief/batches/%lld/receipts.pdf\">打印全部领款凭证</a> · "
                       "<a href=\"/relief/batches/%lld/signlist.pdf\">打印签领表</a></p>",
                    (long long)b.id, (long long)b.id);
    struct relief_filter f = {.state = -1, .batch_id = b.id};
    html_paging(r, &f.limit, &f.offset);
    relief_table(r, &f, -1);
    char base[48];
    snprintf(base, sizeof base, "/relief/batches/%lld", (long long)b.id);
    report_format_links(r, base, NULL);
    html_end(r);
}

void page_relief_batch_show(struct req *r)
{
    /* the batch's applications as a file, for a batch the user may open (else its 403/404 page) */
    struct relief_filter f = {.state = -1, .batch_id = r->id[0]};
    struct relief_batch b;
    struct err e = {0};
    char name[48];
    snprintf(name, sizeof name, "batch-%lld.csv", (long long)r->id[0]);
    if (req_query(r, "format") && relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0)
        html_error_page(r, &e);
    else if (!list_export_if_asked(r, record_relief_sheet, &f, name))
        batch_page(r, NULL);
}

/* After a batch action: back to the batch, or the page with the refusal. */
static void after_batch(struct req *r, int rc, const struct err *e)
{
    if (rc != 0) {
        batch_page(r, e);
        r->status = e->status;
        return;
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/relief/batches/%lld?ok=relief_step", (long long)r->id[0]);
    reply_redirect(r, loc);
}

/* Moves the whole batch by one step. */
static void batch_step(struct req *r, enum relief_action a)
{
    struct err e = {0};
    int moved = 0;
    after_batch(r, relief_batch_step(r->db, &r->user, r->id[0], a, r->today, &moved, &e), &e);
}

void page_relief_batch_verify(struct req *r)
{
    batch_step(r, RA_VERIFY);
}

void page_relief_batch_review(struct req *r)
{
    batch_step(r, RA_REVIEW);
}

void page_relief_batch_approve(struct req *r)
{
    batch_step(r, RA_APPROVE);
}

/* Asks to confirm paying the batch: its title, the households, the amount each and in all in
   words and figures, the date and method. 1 to go on; 0 when the page has answered. */
static int batch_pay_confirmed(struct req *r, const struct relief_pay_input *in)
{
    struct relief_batch b;
    struct err e = {0};
    if (relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0) {
        reply_error(r, &e);
        return 0;
    }
    int n = b.count[RS_APPROVED];
    char each[FORM_MONEY_SIZE], all[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "确认整批发放「%s」%d 户，每户 %s，合计 %s？发放日期 %s，方式：%s。发放后逐户生成领款凭证。", b.title,
                 n, form_money(b.amount_fen, each, sizeof each), form_money(b.amount_fen * n, all, sizeof all),
                 in->paid_on ? in->paid_on : "", in->method && !strcmp(in->method, "bank") ? "银行转账" : "现金");
    if (step == FORM_EDIT)
        batch_page(r, NULL);
    return step == FORM_CONFIRMED;
}

void page_relief_batch_disburse(struct req *r)
{
    struct err e = {0};
    int paid = 0;
    struct relief_pay_input in = {strtoll(req_form(r, "fund_id") ? req_form(r, "fund_id") : "0", NULL, 10),
                                  req_form(r, "paid_on"), req_form(r, "method"), r->today};
    if (batch_pay_confirmed(r, &in))
        after_batch(r, relief_batch_disburse(r->db, &r->user, r->id[0], &in, &paid, &e), &e);
}

void page_relief_batch_bank_file(struct req *r)
{
    relief_bank_file_reply(r);
}

/* How the batch's return file is checked and confirmed. */
static const struct bank_import batch_import = {relief_bank_import, "银行回盘 · 救助批次", "/relief/batches", after_batch};

void page_relief_batch_bank_return(struct req *r)
{
    struct relief_batch b;
    struct err e = {0};
    if (relief_batch_get(r->db, &r->user, r->id[0], &b, &e) != 0) /* scope before the file is read */
        reply_error(r, &e);
    else
        bank_return_check(r, &batch_import);
}

void page_relief_batch_bank_return_confirm(struct req *r)
{
    bank_return_confirm(r, &batch_import);
}
