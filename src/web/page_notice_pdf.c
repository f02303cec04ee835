/* page_notice_pdf.c: a public notice as a PDF for the village notice board (large type, A4),
   from the frozen items: the same masked values the web page shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "handlers.h"
#include "money.h"
#include "notice.h"
#include "table_doc.h"

/* The cells of the items, grown as they come (each cell malloc'd). */
struct cells {
    char **v;
    int n, cap, loan;
};

/* Appends one cell (a copy of s). */
static void cell(struct cells *c, const char *s)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        char **grown = realloc(c->v, (size_t)c->cap * sizeof *c->v);
        if (!grown)
            abort();
        c->v = grown;
    }
    c->v[c->n++] = strdup(s ? s : "");
}

/* Frees the cells. */
static void free_cells(struct cells *c)
{
    for (int i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

/* Appends one item's row. */
static void item_cells(const struct notice_item *x, void *ctx)
{
    struct cells *c = ctx;
    char n[16], amount[MONEY_TEXT_SIZE], term[16];
    snprintf(n, sizeof n, "%d", x->n);
    cell(c, n);
    cell(c, x->masked_name);
    cell(c, x->village);
    cell(c, x->label);
    cell(c, money_format(x->amount_fen, amount, sizeof amount));
    if (c->loan) {
        snprintf(term, sizeof term, "%d", x->term_months);
        cell(c, term);
    }
}

void page_notice_pdf(struct req *r)
{
    struct notice n;
    struct err e = {0};
    if (notice_get(r->db, r->id[0], &n, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    struct cells c = {.loan = strcmp(n.kind, "loan") == 0};
    notice_items(r->db, n.id, item_cells, &c);
    char intro[512], period[160], contact[512], total[128], amount[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE],
        issuer[160], published[DATE_CN_SIZE], from[DATE_CN_SIZE], to[DATE_CN_SIZE];
    snprintf(intro, sizeof intro, "%s", c.loan ? "根据计生信贷助富项目管理规定，现将以下批准的贷款予以公示，接受群众监督。"
                                               : "根据困难家庭救助工作规定，现将以下拟救助对象予以公示，接受群众监督。");
    snprintf(period, sizeof period, "公示期：%s至%s", date_chinese_text(n.starts_on, from),
             date_chinese_text(n.ends_on, to));
    snprintf(contact, sizeof contact, "如有异议，请于公示期内向%s反映%s%s，也可在网上公示页面提交。", n.office,
             n.phone[0] ? "，电话 " : "", n.phone);
    if (money_capital(n.total_fen, capital, sizeof capital) != 0) {
        reply_fail(r, 500, "pdf_failed", "公示合计金额无法写成大写");
        free_cells(&c);
        return;
    }
    snprintf(total, sizeof total, "合计 %d 项，金额 %s 元（%s）。", n.items, money_format(n.total_fen, amount, sizeof amount),
             capital);
    /* signed by the issuing unit on the day the notice was published, not the day it is printed */
    snprintf(issuer, sizeof issuer, "%s计划生育协会（盖章）", n.unit_name);
    date_chinese_text(n.starts_on, published);
    char number[DOCNO_SIZE + 16];
    snprintf(number, sizeof number, "编号：%s", n.doc_no);
    struct table_doc d = {.title = n.title,
                          .before = {*n.doc_no ? number : intro, *n.doc_no ? intro : period, *n.doc_no ? period : NULL},
                          .after = {total, contact},
                          .sign = {issuer, published},
                          .ncols = c.loan ? 6 : 5,
                          .heads = {"序号", "姓名", "村", c.loan ? "项目" : "类别", "金额（元）", "期限（月）"},
                          .widths = {0.6f, 1.1f, 1.1f, 2.6f, 1.5f, 0.9f},
                          .right = {0, 0, 0, 0, 1, 1},
                          .nrows = c.loan ? c.n / 6 : c.n / 5,
                          .cells = (const char *const *)c.v,
                          .large = 1};
    char *pdf = NULL;
    size_t len = 0;
    const char *why = NULL;
    int rc = report_table(&d, &pdf, &len, &why);
    free_cells(&c);
    if (rc != 0) {
        reply_fail(r, 500, "pdf_failed", why);
        return;
    }
    reply_bytes(r, "application/pdf", pdf, len);
}
