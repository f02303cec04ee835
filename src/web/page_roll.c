/* page_roll.c: a yearly roll's page (names masked): its figures, the rows on it and those
   excluded with their reasons, adding and removing rows with a reason while it is a draft, its
   public notice, the approval after the notice, the payment file and the bank's return file
   (checked, then confirmed with the amount in words). Thin over roll.c, roll_pay.c and notice.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_return_page.h"
#include "form.h"
#include "handlers.h"
#include "html.h"
#include "masking.h"
#include "money.h"
#include "notice.h"
#include "roll_pay.h"
#include "roll_sheet.h"
#include "routes.h"
#include "stash.h"

/* Context of the tables: the request, the roll and whether rows may change. */
struct lines {
    struct req *r;
    const struct roll *roll;
    int editable;
};

/* A yuan amount with its 大写 ("600.00 元（人民币陆佰元整）"). */
static void money_words(struct req *r, int64_t fen)
{
    char words[FORM_MONEY_SIZE];
    html_text(r, form_money(fen, words, sizeof words));
}

/* A row on the roll, with the form removing it. */
static void included_line(const struct roll_line *l, void *ctx)
{
    struct lines *t = ctx;
    char name[NAME_SIZE], amount[MONEY_TEXT_SIZE];
    html_raw(t->r, "<tr><td>");
    html_text(t->r, mask_name(l->name, name, sizeof name));
    html_raw(t->r, "</td><td>");
    html_text(t->r, l->village);
    html_printf(t->r, "</td><td>%s</td><td class=\"num\">%s</td><td>%s", roll_status_name(l->status),
                money_format(l->amount_fen, amount, sizeof amount),
                !strcmp(l->pay_state, "paid") ? "已发放" : !strcmp(l->pay_state, "failed") ? "发放失败：" : "待发放");
    html_text(t->r, l->pay_reason);
    if (!l->bank_account[0])
        html_raw(t->r, "（无银行账户）");
    html_raw(t->r, "</td><td>");
    html_text(t->r, l->reason);
    if (t->editable) {
        html_printf(t->r, "<form method=\"post\" action=\"/rolls/%lld/rows/%lld/remove\" class=\"inline\">",
                    (long long)t->roll->id, (long long)l->id);
        html_csrf(t->r);
        html_raw(t->r, "<input name=\"reason\" required maxlength=\"200\" placeholder=\"移出理由\">"
                       "<button>移出</button></form>");
    }
    html_raw(t->r, "</td></tr>");
}

/* An excluded or removed row, with its reason and the form adding it back. */
static void excluded_line(const struct roll_line *l, void *ctx)
{
    struct lines *t = ctx;
    char name[NAME_SIZE];
    int removed = !strcmp(l->status, "removed");
    html_raw(t->r, "<tr><td>");
    html_text(t->r, mask_name(l->name, name, sizeof name));
    html_raw(t->r, "</td><td>");
    html_text(t->r, l->village);
    html_printf(t->r, "</td><td>%s%s</td><td>", roll_status_name(l->status), l->was_on_roll ? "（上年在册，退出）" : "");
    if (removed) {
        html_text(t->r, l->reason);
    } else {
        int f = 0;
        while (f < ROLL__MAX && strcmp(roll_fail_code(f), l->reason) != 0)
            f++;
        html_text(t->r, f < ROLL__MAX ? roll_fail_name(f) : l->reason);
    }
    if (t->editable) {
        html_printf(t->r, "<form method=\"post\" action=\"/rolls/%lld/rows\" class=\"inline\">", (long long)t->roll->id);
        html_csrf(t->r);
        if (l->member_id)
            html_printf(t->r, "<input type=\"hidden\" name=\"person_id\" value=\"%lld\">", (long long)l->member_id);
        else
            html_printf(t->r, "<input type=\"hidden\" name=\"household_id\" value=\"%lld\">", (long long)l->household_id);
        html_raw(t->r, "<input name=\"reason\" required maxlength=\"200\" placeholder=\"补录理由\"><button>补录</button></form>");
    }
    html_raw(t->r, "</td></tr>");
}

/* The actions of the roll's state for the user's role. */
static void roll_actions(struct req *r, const struct roll *x)
{
    char path[80];
    snprintf(path, sizeof path, "/rolls/%lld/notice", (long long)x->id);
    if (!strcmp(x->state, "draft") && route_allowed("POST", path, r->user.role)) {
        html_printf(r, "<form method=\"post\" action=\"%s\" class=\"grid\"><h3>发布公示</h3>", path);
        html_csrf(r);
        html_printf(r, "<label>公示天数<input name=\"days\" inputmode=\"numeric\" maxlength=\"2\" value=\"%s\"></label>"
                       "<p><button class=\"primary\">发布公示</button></p></form>",
                    form_echo(r, "/notice", "days", "7"));
    }
    if (x->notice_id)
        html_printf(r, "<p>公示：<a href=\"/notices/%lld/manage\">第 %lld 号公示</a>（至 %s）</p>", (long long)x->notice_id,
                    (long long)x->notice_id, x->notice_ends_on);
    snprintf(path, sizeof path, "/rolls/%lld/approve", (long long)x->id);
    if (!strcmp(x->state, "in_notice") && route_allowed("POST", path, r->user.role)) {
        html_printf(r, "<form method=\"post\" action=\"%s\">", path);
        html_csrf(r);
        html_raw(r, "<p><button class=\"primary\">公示期满，批准名册</button></p></form>");
    }
    snprintf(path, sizeof path, "/rolls/%lld/bank-return", (long long)x->id);
    if (!strcmp(x->state, "approved") && route_allowed("POST", path, r->user.role)) {
        snprintf(path, sizeof path, "/rolls/%lld", (long long)x->id);
        bank_pay_section(r, path, NULL);
    }
}

/* The roll's page; e after a refusal. */
static void roll_page(struct req *r, const struct roll *x, const struct err *e)
{
    char title[PROGRAMME_NAME_SIZE + NAME_SIZE + 48];
    snprintf(title, sizeof title, "%s%s%d年资格确认名册", x->unit_name, x->programme, x->year);
    html_begin(r, title);
    html_raw(r, "<h1>");
    html_text(r, title);
    html_raw(r, "</h1>");
    html_flash(r);
    if (e)
        html_form_error(r, e);
    int64_t on = x->n_new + x->n_continued + x->n_added;
    html_printf(r, "<dl class=\"facts\"><dt>状态</dt><dd>%s</dd><dt>参照日</dt><dd>%s</dd><dt>每%s金额</dt><dd>",
                roll_state_name(x->state), x->ref_date, strcmp(x->beneficiary, "person") ? "户" : "人");
    money_words(r, x->amount_fen);
    html_printf(r, "</dd><dt>名册</dt><dd>%lld %s（新增 %lld，继续 %lld，补录 %lld）</dd><dt>合计</dt><dd>", (long long)on,
                strcmp(x->beneficiary, "person") ? "户" : "人", (long long)x->n_new, (long long)x->n_continued,
                (long long)x->n_added);
    money_words(r, x->total_fen);
    html_printf(r, "</dd><dt>不列入</dt><dd>不符合条件 %lld，移出 %lld，其中上年在册退出 %lld</dd><dt>已发放</dt><dd>%lld 人，",
                (long long)x->n_excluded, (long long)x->n_removed, (long long)x->n_exits, (long long)x->n_paid);
    money_words(r, x->paid_fen);
    html_printf(r, "；发放失败待重发 %lld</dd></dl>", (long long)x->n_failed);
    roll_actions(r, x);
    char rows_path[80];
    snprintf(rows_path, sizeof rows_path, "/rolls/%lld/rows", (long long)x->id);
    struct lines t = {r, x, !strcmp(x->state, "draft") && route_allowed("POST", rows_path, r->user.role)};
    int limit, offset;
    html_paging(r, &limit, &offset);
    html_printf(r, "<h2>名册</h2><p><a href=\"/rolls/%lld?format=csv\">导出 CSV</a> · <a href=\"/rolls/%lld?format=xlsx\">"
                   "Excel</a> · <a href=\"/rolls/%lld?format=pdf\">PDF</a></p>",
                (long long)x->id, (long long)x->id, (long long)x->id);
    html_raw(r, "<div class=\"scroll\"><table class=\"list\" id=\"roll-rows\"><thead><tr><th>姓名</th><th>村</th>"
                "<th>状态</th><th class=\"num\">金额（元）</th><th>发放</th><th>备注</th></tr></thead><tbody>");
    int64_t n = roll_lines(r->db, x->id, ROLL_INCLUDED, 0, limit, offset, included_line, &t);
    html_raw(r, "</tbody></table></div>");
    html_pager(r, n, limit, offset, 0);
    html_raw(r, "<h2>不列入名册的人员及原因</h2><div class=\"scroll\"><table class=\"list\" id=\"roll-excluded\"><thead>"
                "<tr><th>姓名</th><th>村</th><th>状态</th><th>原因</th></tr></thead><tbody>");
    int64_t m = roll_lines(r->db, x->id, ROLL_EXCLUDED, 0, ROLL_PAGE_MAX, 0, excluded_line, &t);
    html_raw(r, "</tbody></table></div>");
    if (m > ROLL_PAGE_MAX)
        html_printf(r, "<p class=\"muted\">共 %lld 人，此处列出前 %d 人；其余请通过名册数据接口分页查看。</p>",
                    (long long)m, ROLL_PAGE_MAX);
    html_end(r);
}

/* Loads the roll of id[0] in scope, or replies with the error. 0 or -1. */
static int load(struct req *r, struct roll *x)
{
    struct err e = {0};
    if (roll_get(r->db, &r->user, r->id[0], x, &e) == 0)
        return 0;
    reply_error(r, &e);
    return -1;
}

void page_roll_show(struct req *r)
{
    struct roll x;
    if (load(r, &x) == 0 && !roll_sheet_if_asked(r, &x))
        roll_page(r, &x, NULL);
}

/* After an action on the roll: back to its page with ok, or the page with the refusal. */
static void done(struct req *r, int rc, const struct err *e, const char *ok)
{
    struct roll x;
    if (rc == 0) {
        char loc[64];
        snprintf(loc, sizeof loc, "/rolls/%lld?ok=%s", (long long)r->id[0], ok);
        reply_redirect(r, loc);
    } else if (e->status == 403 || e->status == 404) {
        reply_error(r, e);
    } else if (load(r, &x) == 0) {
        roll_page(r, &x, e);
        r->status = e->status;
    }
}

void page_roll_add(struct req *r)
{
    struct err e = {0};
    const char *p = req_form(r, "person_id"), *h = req_form(r, "household_id");
    int64_t row = roll_add(r->db, &r->user, r->id[0], p ? atoll(p) : 0, h ? atoll(h) : 0, req_form(r, "reason"), &e);
    done(r, row < 0 ? -1 : 0, &e, "updated");
}

void page_roll_remove(struct req *r)
{
    struct err e = {0};
    done(r, roll_remove(r->db, &r->user, r->id[0], r->id[1], req_form(r, "reason"), &e), &e, "updated");
}

void page_roll_notice(struct req *r)
{
    struct err e = {0};
    struct roll x;
    if (load(r, &x) != 0)
        return;
    const char *days = req_form(r, "days");
    struct notice_input in = {.kind = "roll", .roll_id = x.id, .days = days && *days ? atoi(days) : 0};
    int64_t on = x.n_new + x.n_continued + x.n_added;
    char total[FORM_MONEY_SIZE];
    enum form_confirm_step step = form_ask(r, NULL, "公示%s%s%d年资格确认名册：%lld %s，合计 %s，公示 %d 天？发布后名单即固定并公开（姓名脱敏）。",
                                           x.unit_name, x.programme, x.year, (long long)on,
                                           strcmp(x.beneficiary, "person") ? "户" : "人",
                                           form_money(x.total_fen, total, sizeof total), in.days ? in.days : 7);
    if (step == FORM_EDIT)
        roll_page(r, &x, NULL);
    if (step != FORM_CONFIRMED)
        return;
    done(r, notice_create(r->db, &r->user, &in, r->today, &e) > 0 ? 0 : -1, &e, "notice");
}

void page_roll_approve(struct req *r)
{
    struct err e = {0};
    struct roll x;
    if (load(r, &x) != 0)
        return;
    char total[FORM_MONEY_SIZE];
    enum form_confirm_step step =
        form_ask(r, NULL, "批准%s%s%d年资格确认名册：%lld %s，合计 %s？批准后即可制作代发文件。", x.unit_name,
                 x.programme, x.year, (long long)(x.n_new + x.n_continued + x.n_added),
                 strcmp(x.beneficiary, "person") ? "户" : "人", form_money(x.total_fen, total, sizeof total));
    if (step == FORM_EDIT)
        roll_page(r, &x, NULL);
    if (step != FORM_CONFIRMED)
        return;
    done(r, roll_approve(r->db, &r->user, r->id[0], r->today, &e), &e, "relief_step");
}

void page_roll_bank_file(struct req *r)
{
    roll_bank_file_reply(r, r->id[0]);
}

/* bank_import.done: back to the roll, or its page with the refusal. */
static void import_done(struct req *r, int rc, const struct err *e)
{
    done(r, rc, e, "paid");
}

/* How the roll's return file is checked and confirmed. */
static const struct bank_import roll_import = {roll_bank_import, "银行回盘 · 资格确认名册", "/rolls", import_done};

void page_roll_bank_return(struct req *r)
{
    struct roll x;
    if (load(r, &x) == 0)
        bank_return_check(r, &roll_import);
}

void page_roll_bank_return_confirm(struct req *r)
{
    bank_return_confirm(r, &roll_import);
}
