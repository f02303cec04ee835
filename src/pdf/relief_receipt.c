/* relief_receipt.c: 领款凭证 and 签领表 (see relief_receipt.h). */
#include "relief_receipt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "masking.h"
#include "money.h"
#include "pdf.h"

/* A5 landscape is 595 x 420 pt, half an A4 portrait page: one receipt fills either. */
#define RECEIPT_HEIGHT 421.0f
#define LEFT 40.0f
#define RIGHT 555.0f
#define ROW 30.0f      /* a ruled row of the receipt */
#define SIGN_ROW 80.0f /* the row with the signature and thumbprint boxes */
#define LABEL_GRAY 0.93f

/* Saves and frees the document; the PDF bytes or NULL with *err. */
static char *finish(struct pdf *p, size_t *len, const char **err)
{
    char *out;
    int rc = pdf_save(p, &out, len);
    pdf_free(p);
    if (rc != 0) {
        *err = "PDF 生成失败";
        return NULL;
    }
    return out;
}

/* "2026-03-15" (or a longer time stamp starting with it) as 2026年3月15日; anything else as it is. */
static const char *date_cn(const char *iso, char *out, size_t n)
{
    char day[11];
    struct date d;
    snprintf(day, sizeof day, "%s", iso);
    if (date_parse(day, &d) == 0)
        snprintf(out, n, "%d年%d月%d日", d.y, d.m, d.d);
    else
        snprintf(out, n, "%s", iso);
    return out;
}

/* The payment method as printed. */
static const char *method_cn(const char *method)
{
    return strcmp(method, "bank") == 0 ? "银行转账" : strcmp(method, "cash") == 0 ? "现金" : method;
}

/* Draws text in the cell (x, y, w, h) at size, smaller when it would not fit, vertically centred
   and placed by align: 0 from the left, 0.5 centred, 1 to the right (6 pt from the edges). */
static void cell_text(struct pdf *p, float x, float y, float w, float h, float size, const char *s, float align)
{
    float room = w - 12, tw = pdf_text_width(p, size, s);
    if (tw > room && tw > 0) {
        size = size * room / tw;
        tw = room;
    }
    pdf_text(p, x + 6 + (room - tw) * align, y + (h - size) / 2, size, s);
}

/* A label cell: shaded, its text centred. */
static void label_cell(struct pdf *p, float x, float y, float w, float h, const char *s)
{
    pdf_fill_rect(p, x, y, w, h, LABEL_GRAY);
    cell_text(p, x, y, w, h, 10.5f, s, 0.5f);
}

/* The ruled table of one receipt with its top at y; returns the y below it. The cells are
   filled first and ruled last, so no shading covers a rule. */
static float receipt_table(struct pdf *p, const struct relief_receipt *r, float y)
{
    const float c1 = 128, c2 = 300, c3 = 384, top = y; /* column edges between LEFT and RIGHT */
    char id[24], amount[MONEY_TEXT_SIZE], figures[MONEY_TEXT_SIZE + 4], capital[MONEY_CAPITAL_SIZE];
    mask_id(r->id_number, id, sizeof id);
    snprintf(figures, sizeof figures, "¥%s", money_format(r->amount_fen, amount, sizeof amount));
    if (money_capital(r->amount_fen, capital, sizeof capital) != 0)
        snprintf(capital, sizeof capital, "（金额无效）");
    const char *rows[3][4] = {{"领款人姓名", r->recipient, "身份证号", id},
                              {"所在村", r->village, "救助类别", r->category},
                              {"金额（小写）", figures, "发放方式", method_cn(r->method)}};
    for (int i = 0; i < 3; i++, y += ROW) {
        label_cell(p, LEFT, y, c1 - LEFT, ROW, rows[i][0]);
        cell_text(p, c1, y, c2 - c1, ROW, i == 2 ? 12.5f : 11.5f, rows[i][1], 0);
        label_cell(p, c2, y, c3 - c2, ROW, rows[i][2]);
        cell_text(p, c3, y, RIGHT - c3, ROW, 11.5f, rows[i][3], 0);
    }
    label_cell(p, LEFT, y, c1 - LEFT, ROW, "金额（大写）");
    cell_text(p, c1, y, RIGHT - c1, ROW, 12.5f, capital, 0);
    y += ROW;
    label_cell(p, LEFT, y, c1 - LEFT, ROW, "资金来源");
    cell_text(p, c1, y, RIGHT - c1, ROW, 11.5f, r->fund, 0);
    y += ROW;
    label_cell(p, LEFT, y, c1 - LEFT, SIGN_ROW, "领款人签字");
    label_cell(p, c2, y, c3 - c2, SIGN_ROW, "按手印");
    float box = SIGN_ROW - 16, bx = (c3 + RIGHT - box) / 2, by = y + 8; /* a square to press the thumb in */
    pdf_line_dashed(p, bx, by, bx + box, by, 0.5f, 2);
    pdf_line_dashed(p, bx, by + box, bx + box, by + box, 0.5f, 2);
    pdf_line_dashed(p, bx, by, bx, by + box, 0.5f, 2);
    pdf_line_dashed(p, bx + box, by, bx + box, by + box, 0.5f, 2);
    y += SIGN_ROW;
    for (int i = 1; i <= 5; i++)
        pdf_line(p, LEFT, top + i * ROW, RIGHT, top + i * ROW, 0.5f);
    pdf_line(p, c1, top, c1, y, 0.5f);
    for (int i = 0; i < 2; i++) { /* the second label column: the first three rows and the last */
        float x = i ? c3 : c2;
        pdf_line(p, x, top, x, top + 3 * ROW, 0.5f);
        pdf_line(p, x, y - SIGN_ROW, x, y, 0.5f);
    }
    pdf_rect(p, LEFT, top, RIGHT - LEFT, y - top, 1.4f);
    return y;
}

/* Draws one receipt in the 595 x 421 pt band whose top is at top. */
static void receipt_draw(struct pdf *p, const struct relief_receipt *r, const struct receipt_print *print,
                         const char *lian, float top)
{
    char line[512], when[40];
    pdf_text_center(p, 297.5f, top + 24, 19, "计划生育困难家庭救助领款凭证");
    pdf_line(p, 166, top + 50, 429, top + 50, 1.2f);
    pdf_line(p, 166, top + 53, 429, top + 53, 0.5f);
    /* the payer, the date centred and the number: each smaller rather than into the next */
    snprintf(line, sizeof line, "发放日期：%s", date_cn(r->paid_on, when, sizeof when));
    float half = pdf_text_width(p, 10.5f, line) / 2 + 8;
    cell_text(p, 297.5f - half, top + 60, 2 * half, 22, 10.5f, line, 0.5f);
    snprintf(line, sizeof line, "付款单位：%s", r->payer);
    cell_text(p, LEFT - 6, top + 60, 297.5f - half - LEFT + 6, 22, 10.5f, line, 0);
    snprintf(line, sizeof line, "No. %s", r->receipt_no);
    cell_text(p, 297.5f + half, top + 60, RIGHT + 6 - 297.5f - half, 22, 11.5f, line, 1);
    float y = receipt_table(p, r, top + 84);
    const char *people[3][2] = {{"审批人：", r->approver}, {"审核人：", r->reviewer}, {"经办人：", r->handler}};
    for (int i = 0; i < 3; i++) {
        snprintf(line, sizeof line, "%s%s", people[i][0], people[i][1]);
        pdf_text(p, LEFT + 6 + i * 176.0f, y + 13, 10.5f, line);
    }
    if (r->voided) {
        snprintf(line, sizeof line, "本凭证已于%s作废，作废原因：%s", date_cn(r->voided_on, when, sizeof when),
                 r->void_reason);
        float size = pdf_wrap_measure(p, RIGHT - LEFT - 12, 10, line) > 2 ? 8 : 10; /* room for two lines */
        pdf_wrap(p, LEFT + 6, y + 34, RIGHT - LEFT - 12, size, size * 1.3f, line, 1);
        pdf_stamp(p, 445, top + 205, 50, 15, "作  废"); /* over the blank right of the table */
    }
    if (print && print->n > 1) { /* black on white, framed: a photocopy or a mono printer keeps it */
        pdf_format(p, line, sizeof line, "补打 · 第%d次打印 · %s · 操作员 %s", print->n,
                   date_cn(print->on, when, sizeof when), print->operator_name);
        pdf_style(p, PDF_BOLD);
        float w = pdf_text_width(p, 9, line);
        pdf_rect(p, LEFT - 2, top + 6, w + 8, 15, 1.2f);
        pdf_text(p, LEFT + 2, top + 9, 9, line);
        pdf_style(p, 0);
    }
    pdf_text(p, LEFT, top + 392, 9, lian);
    pdf_text_right(p, RIGHT, top + 392, 9, "救助资金专用");
}

/* Adds an A4 page with the dashed cut line between its two halves. */
static void cut_page(struct pdf *p)
{
    pdf_page_a4(p);
    pdf_line_dashed(p, 18, RECEIPT_HEIGHT, 577, RECEIPT_HEIGHT, 0.6f, 4);
    pdf_fill_rect(p, 262, RECEIPT_HEIGHT - 6, 71, 12, 1);
    pdf_text_center(p, 297.5f, RECEIPT_HEIGHT - 4.5f, 8, "沿虚线剪开");
}

char *receipt_pdf(const struct relief_receipt *const *r, int n, enum receipt_layout layout,
                  const struct receipt_print *print, size_t *len, const char **err)
{
    static const char *const lian[] = {"第一联 财务留存（领款人签字并按手印后交回）", "第一联 存根",
                                        "第二联 领款人留存"};
    *len = 0;
    if (n < 1) {
        *err = "没有可打印的领款凭证";
        return NULL;
    }
    struct pdf *p = pdf_new("救助领款凭证", err);
    if (!p)
        return NULL;
    for (int i = 0; i < n; i++) {
        float top = 0;
        if (layout == RECEIPT_A4_LIAN) { /* the same receipt twice, each 联 named */
            cut_page(p);
            receipt_draw(p, r[i], print ? &print[i] : NULL, lian[1], 0);
            receipt_draw(p, r[i], print ? &print[i] : NULL, lian[2], RECEIPT_HEIGHT);
            continue;
        }
        if (layout == RECEIPT_A4_TWO) {
            if (i % 2 == 0) {
                cut_page(p);
            } else {
                top = RECEIPT_HEIGHT;
            }
        } else {
            pdf_page_a5_landscape(p);
        }
        receipt_draw(p, r[i], print ? &print[i] : NULL, lian[0], top);
    }
    return finish(p, len, err);
}

/* ---- the sign-for list ------------------------------------------------------------------------ */

#define LIST_LEFT 36.0f
#define LIST_HEAD_Y 76.0f
#define LIST_HEAD 26.0f
#define LIST_ROW 27.0f
#define LIST_ROWS 16 /* rows per page */
#define LIST_COLS 8

static const float list_x[LIST_COLS + 1] = {36, 72, 188, 260, 344, 480, 564, 718, 806};

/* Pages the list needs: LIST_ROWS rows a page, and the two total rows together on the last. */
static int list_pages(int n)
{
    int pages = n > 0 ? (n + LIST_ROWS - 1) / LIST_ROWS : 1;
    int last = n - (pages - 1) * LIST_ROWS;
    return last + 2 > LIST_ROWS ? pages + 1 : pages;
}

/* Starts page `page` of the list of n receipts: title, payer, column headers and the page number. Returns the
   y where the first row goes. */
static float list_page(struct pdf *p, const char *title, const char *payer, int n, int page, int pages)
{
    static const char *const heads[LIST_COLS] = {"序号", "凭证号",  "村",         "户主姓名",
                                                 "身份证号", "金额（元）", "领款人签字", "日期"};
    char line[160];
    pdf_page_a4_landscape(p);
    cell_text(p, LIST_LEFT, 26, list_x[LIST_COLS] - LIST_LEFT, 17, 17, title, 0.5f);
    if (*payer) {
        snprintf(line, sizeof line, "付款单位：%s", payer);
        pdf_text(p, LIST_LEFT, 56, 10.5f, line);
    }
    snprintf(line, sizeof line, "签领表（共 %d 张凭证）", n);
    pdf_text_right(p, list_x[LIST_COLS], 56, 10.5f, line);
    pdf_fill_rect(p, LIST_LEFT, LIST_HEAD_Y, list_x[LIST_COLS] - LIST_LEFT, LIST_HEAD, LABEL_GRAY);
    for (int c = 0; c < LIST_COLS; c++)
        cell_text(p, list_x[c], LIST_HEAD_Y, list_x[c + 1] - list_x[c], LIST_HEAD, 10.5f, heads[c], 0.5f);
    snprintf(line, sizeof line, "第 %d 页 共 %d 页", page, pages);
    pdf_text_center(p, pdf_width(p) / 2, pdf_height(p) - 30, 9.5f, line);
    return LIST_HEAD_Y + LIST_HEAD;
}

/* Rules the grid of a page with `rows` rows under the header; the column lines stop after
   `cols` rows (the total rows below span the width). */
static void list_grid(struct pdf *p, int cols, int rows)
{
    const float top = LIST_HEAD_Y + LIST_HEAD, y_cols = top + cols * LIST_ROW, y = top + rows * LIST_ROW;
    for (int k = 0; k < rows; k++)
        pdf_line(p, LIST_LEFT, top + k * LIST_ROW, list_x[LIST_COLS], top + k * LIST_ROW, k ? 0.5f : 0.9f);
    for (int c = 1; c < LIST_COLS; c++)
        pdf_line(p, list_x[c], LIST_HEAD_Y, list_x[c], y_cols, 0.5f);
    pdf_rect(p, LIST_LEFT, LIST_HEAD_Y, list_x[LIST_COLS] - LIST_LEFT, y - LIST_HEAD_Y, 1.2f);
}

/* One receipt's row of the list with its top at y. */
static void list_row(struct pdf *p, int i, const struct relief_receipt *r, float y)
{
    char cells[LIST_COLS][MONEY_TEXT_SIZE + 40];
    snprintf(cells[0], sizeof cells[0], "%d", i + 1);
    snprintf(cells[1], sizeof cells[1], "%s", r->receipt_no);
    mask_id(r->id_number, cells[4], sizeof cells[4]);
    money_format(r->amount_fen, cells[5], sizeof cells[5]);
    snprintf(cells[6], sizeof cells[6], "%s", r->voided ? "作废" : "");
    snprintf(cells[7], sizeof cells[7], "%s", r->paid_on);
    const char *text[LIST_COLS] = {cells[0], cells[1], r->village, r->recipient, cells[4], cells[5], cells[6], cells[7]};
    pdf_gray(p, r->voided ? 0.45f : 0);
    for (int c = 0; c < LIST_COLS; c++) /* amounts to the right, numbers and marks centred */
        cell_text(p, list_x[c], y, list_x[c + 1] - list_x[c], LIST_ROW, 10.5f, text[c],
                  c == 5 ? 1 : c == 0 || c == 6 ? 0.5f : 0);
    if (r->voided) { /* struck through: not paid, not counted */
        float tw = pdf_text_width(p, 10.5f, cells[5]);
        pdf_line(p, list_x[6] - 8 - tw, y + LIST_ROW / 2, list_x[6] - 4, y + LIST_ROW / 2, 0.7f);
    }
    pdf_gray(p, 0);
}

/* The two total rows (count and amount of the receipts not void; the amount in 大写) with
   their top at y, and the sign-off line below them. */
static void list_total(struct pdf *p, const struct relief_receipt *const *r, int n, float y)
{
    int count = 0, voided = 0;
    int64_t total = 0;
    for (int i = 0; i < n; i++) {
        if (r[i]->voided) {
            voided++;
        } else {
            count++;
            total += r[i]->amount_fen;
        }
    }
    char line[256], amount[MONEY_TEXT_SIZE], capital[MONEY_CAPITAL_SIZE];
    snprintf(line, sizeof line, "合计：%d 户", count);
    cell_text(p, list_x[0], y, list_x[5] - list_x[0], LIST_ROW, 11, line, 0);
    cell_text(p, list_x[5], y, list_x[6] - list_x[5], LIST_ROW, 11, money_format(total, amount, sizeof amount), 1);
    pdf_line(p, list_x[5], y, list_x[5], y + LIST_ROW, 0.5f);
    pdf_line(p, list_x[6], y, list_x[6], y + LIST_ROW, 0.5f);
    if (voided) {
        snprintf(line, sizeof line, "另有作废凭证 %d 张，不计入合计", voided);
        cell_text(p, list_x[6], y, list_x[8] - list_x[6], LIST_ROW, 10, line, 0);
    }
    if (money_capital(total, capital, sizeof capital) != 0)
        snprintf(capital, sizeof capital, "（金额无效）");
    snprintf(line, sizeof line, "合计金额（大写）：%s", capital);
    cell_text(p, list_x[0], y + LIST_ROW, list_x[8] - list_x[0], LIST_ROW, 11, line, 0);
    pdf_text(p, LIST_LEFT + 6, y + 2 * LIST_ROW + 14, 10.5f,
             "经办人：                    审核人：                    监发人：                    村（居）委会（盖章）：");
}

char *signlist_pdf(const char *title, const struct relief_receipt *const *r, int n, size_t *len, const char **err)
{
    *len = 0;
    if (n < 0) {
        *err = "签领表的行数无效";
        return NULL;
    }
    struct pdf *p = pdf_new(title, err);
    if (!p)
        return NULL;
    int pages = list_pages(n), page = 0, rows = 0; /* rows: on the current page */
    const char *payer = n > 0 ? r[0]->payer : "";
    float y = 0;
    for (int i = 0; i <= n; i++) {
        int last = i == n;
        if (page == 0 || rows + (last ? 2 : 1) > LIST_ROWS) {
            if (page > 0)
                list_grid(p, rows, rows);
            y = list_page(p, title, payer, n, ++page, pages);
            rows = 0;
        }
        if (last)
            break;
        list_row(p, i, r[i], y);
        y += LIST_ROW;
        rows++;
    }
    list_total(p, r, n, y);
    list_grid(p, rows, rows + 2);
    return finish(p, len, err);
}
