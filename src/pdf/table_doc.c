/* table_doc.c: printed tables over pages (see table_doc.h). */
#include "table_doc.h"

#include <stdio.h>

#include "money.h"
#include "pdf.h"
#include "text.h"

#define MARGIN 42.0f
#define BOTTOM 60.0f
#define PAD 4.0f           /* a cell's text keeps this far from its rules */
#define MIN_CELL_SIZE 6.0f /* the smallest type a crowded table shrinks to */
#define SHORT_EM 7.0f      /* a cell text this many ems wide or less never wraps (a date: 2026年11月23日) */
#define SIGN_LINE_SIZE (NAME_SIZE + 192) /* the signature line: its labels, the maker's name and the date */

/* Type sizes and the one-line row height for the ordinary and the notice-board variant. */
struct sizes {
    float title, text, cell, row;
};

/* A document being laid out: its sizes (cell type possibly shrunk), page size and column edges
   (x[ncols] is the right edge). */
struct lay {
    const struct table_doc *d;
    struct sizes s;
    float width, height, x[TABLE_MAX_COLS + 1];
    int first_total; /* index of the first total row (nrows when none) */
};

/* Row i's text in column c ("" for none). */
static const char *cell_of(const struct table_doc *d, int i, int c)
{
    const char *t = d->cells[i * d->ncols + c];
    return t ? t : "";
}

/* Column c's widest text at type size `size`, with its padding: its cells, and its head as two
   lines (a head may wrap; the cells decide how wide a column is). */
static float natural_width(struct pdf *p, const struct table_doc *d, int c, float size)
{
    float w = pdf_text_width(p, size, d->heads[c]) / 2 + size;
    for (int i = 0; i < d->nrows; i++) {
        float t = pdf_text_width(p, size, cell_of(d, i, c));
        w = t > w ? t : w;
    }
    return w + 2 * PAD;
}

/* The narrowest column c may be at `size`: amounts never wrap, nor do short texts (dates, numbers,
   up to SHORT_EM characters); longer text wraps down to SHORT_EM characters' width. */
static float least_width(const struct table_doc *d, int c, float size, float natural)
{
    float shortest = SHORT_EM * size + 2 * PAD;
    return d->right[c] || natural <= shortest ? natural : shortest;
}

/* Sets the column edges from the content: every column its widest text when they all fit, the
   spare room shared by d->widths; otherwise wrapping columns shrink towards their least width in
   proportion to what they lose, and when even the least widths do not fit the cells' type gets
   smaller (down to MIN_CELL_SIZE; beyond that pdf_wrap breaks between characters). */
static void columns(struct pdf *p, struct lay *L)
{
    const struct table_doc *d = L->d;
    float avail = L->width - 2 * MARGIN, nat[TABLE_MAX_COLS], least[TABLE_MAX_COLS], w[TABLE_MAX_COLS];
    for (;;) {
        float sum_nat = 0, sum_least = 0;
        for (int c = 0; c < d->ncols; c++) {
            nat[c] = natural_width(p, d, c, L->s.cell);
            least[c] = least_width(d, c, L->s.cell, nat[c]);
            sum_nat += nat[c], sum_least += least[c];
        }
        if (sum_nat <= avail) {
            float share = 0;
            for (int c = 0; c < d->ncols; c++)
                share += d->widths[c] > 0 ? d->widths[c] : 1;
            for (int c = 0; c < d->ncols; c++)
                w[c] = nat[c] + (avail - sum_nat) * (d->widths[c] > 0 ? d->widths[c] : 1) / share;
            break;
        }
        if (sum_least <= avail || L->s.cell <= MIN_CELL_SIZE) {
            float lose = sum_nat - sum_least, room = avail - sum_least;
            for (int c = 0; c < d->ncols; c++)
                w[c] = lose > 0 && room > 0 ? least[c] + (nat[c] - least[c]) * room / lose : avail * least[c] / sum_least;
            break;
        }
        L->s.cell = L->s.cell * 0.92f > MIN_CELL_SIZE ? L->s.cell * 0.92f : MIN_CELL_SIZE;
        L->s.row = L->s.cell * 1.8f;
    }
    L->x[0] = MARGIN;
    for (int c = 0; c < d->ncols; c++)
        L->x[c + 1] = L->x[c] + w[c];
}

/* Line spacing of wrapped cell text. */
static float leading(const struct lay *L)
{
    return L->s.cell * 1.25f;
}

/* Height of a row of texts (one per column; NULL heads uses the column heads). */
static float row_height(struct pdf *p, const struct lay *L, const char *const *texts)
{
    int lines = 1;
    for (int c = 0; c < L->d->ncols; c++) {
        int n = pdf_wrap_measure(p, L->x[c + 1] - L->x[c] - 2 * PAD, L->s.cell, texts[c]);
        lines = n > lines ? n : lines;
    }
    return L->s.row + (float)(lines - 1) * leading(L);
}

/* Draws a row of texts at y, h high: each wrapped within its column and centred in the row's
   height, amounts right-aligned; the rules around it. */
static void draw_row(struct pdf *p, const struct lay *L, float y, float h, const char *const *texts)
{
    const struct table_doc *d = L->d;
    for (int c = 0; c < d->ncols; c++) {
        float cw = L->x[c + 1] - L->x[c] - 2 * PAD;
        int n = pdf_wrap_measure(p, cw, L->s.cell, texts[c]);
        float top = y + (h - (float)n * leading(L)) / 2 + (leading(L) - L->s.cell) / 2;
        if (d->right[c] && n == 1)
            pdf_text_right(p, L->x[c + 1] - PAD, top, L->s.cell, texts[c]);
        else
            pdf_wrap(p, L->x[c] + PAD, top, cw, L->s.cell, leading(L), texts[c], 1);
        pdf_line(p, L->x[c], y, L->x[c], y + h, 0.4f);
    }
    pdf_line(p, L->x[d->ncols], y, L->x[d->ncols], y + h, 0.4f);
    pdf_line(p, L->x[0], y + h, L->x[d->ncols], y + h, 0.4f);
}

/* Row i's texts. */
static void row_texts(const struct table_doc *d, int i, const char **texts)
{
    for (int c = 0; c < d->ncols; c++)
        texts[c] = cell_of(d, i, c);
}

/* The running figures of a ledger: this page's sums, the period's sums so far, the balance. */
struct carry {
    int64_t page[TABLE_MAX_COLS], total[TABLE_MAX_COLS], balance[TABLE_MAX_COLS];
};

/* Adds row i to the running figures (a total row changes nothing). */
static void carry_add(const struct lay *L, struct carry *k, int i)
{
    const struct table_doc *d = L->d;
    if (!d->fen || i >= L->first_total)
        return;
    for (int c = 0; c < d->ncols; c++) {
        int64_t v = d->fen[i * d->ncols + c];
        if (d->carry[c] == CARRY_SUM)
            k->page[c] += v, k->total[c] += v;
        else if (d->carry[c] == CARRY_BALANCE)
            k->balance[c] = v;
    }
}

/* Draws (with draw) a carry row at y: the label across the columns before the first carried one,
   then figs (sums) and, when with_balance, the balance. Returns its height. */
static float carry_row(struct pdf *p, const struct lay *L, float y, const char *label, const int64_t *figs,
                       const int64_t *balance, int draw)
{
    const struct table_doc *d = L->d;
    if (!draw)
        return L->s.row;
    char text[TABLE_MAX_COLS][MONEY_TEXT_SIZE];
    int first = d->ncols;
    for (int c = d->ncols - 1; c >= 0; c--)
        if (d->carry[c] != CARRY_NONE)
            first = c;
    float top = y + (L->s.row - L->s.cell) / 2;
    pdf_style(p, PDF_BOLD);
    pdf_text(p, L->x[0] + PAD, top, L->s.cell, label);
    pdf_style(p, 0);
    for (int c = first; c < d->ncols; c++) {
        text[c][0] = '\0';
        if (d->carry[c] == CARRY_SUM)
            money_format(figs[c], text[c], sizeof text[c]);
        else if (d->carry[c] == CARRY_BALANCE && balance)
            money_format(balance[c], text[c], sizeof text[c]);
        pdf_text_right(p, L->x[c + 1] - PAD, top, L->s.cell, text[c]);
        pdf_line(p, L->x[c], y, L->x[c], y + L->s.row, 0.4f);
    }
    pdf_line(p, L->x[0], y, L->x[0], y + L->s.row, 0.4f);
    pdf_line(p, L->x[d->ncols], y, L->x[d->ncols], y + L->s.row, 0.4f);
    pdf_line(p, L->x[0], y + L->s.row, L->x[d->ncols], y + L->s.row, 0.4f);
    return L->s.row;
}

/* Draws the header row at y; returns the y of the first data row. */
static float header(struct pdf *p, const struct lay *L, float y, int draw)
{
    float h = row_height(p, L, L->d->heads);
    if (draw) {
        pdf_fill_rect(p, L->x[0], y, L->x[L->d->ncols] - L->x[0], h, 0.9f);
        draw_row(p, L, y, h, L->d->heads);
        pdf_rect(p, L->x[0], y, L->x[L->d->ncols] - L->x[0], h, 0.8f);
    }
    return y + h;
}

/* The title's type size: the document's, smaller when the one line would not fit. */
static float title_size(struct pdf *p, const struct lay *L)
{
    float size = L->s.title;
    while (size > 8 && pdf_text_width(p, size, L->d->title) > L->width - 2 * MARGIN)
        size *= 0.95f;
    return size;
}

/* Adds page number `page` (from 1) of `pages` with its number at the foot. */
static void new_page(struct pdf *p, const struct lay *L, int page, int pages)
{
    char foot[64];
    if (L->d->landscape)
        pdf_page_a4_landscape(p);
    else
        pdf_page_a4(p);
    snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", page, pages);
    pdf_text_center(p, L->width / 2, L->height - 36, 9, foot);
}

/* Starts page number `page` (from 1) of `pages`: the page number, the title, (on the first page)
   the lines under it, the header and, on later pages of a ledger, 承前页. Returns the y below. */
static float page_start(struct pdf *p, const struct lay *L, int draw, int page, int pages, const struct carry *k)
{
    const struct table_doc *d = L->d;
    float y = MARGIN, size = title_size(p, L);
    if (draw) {
        new_page(p, L, page, pages);
        pdf_text_center(p, L->width / 2, y, size, d->title);
    }
    y += size + 14;
    for (int j = 0; page == 1 && j < TABLE_MAX_LINES && d->before[j]; j++)
        y = pdf_wrap(p, MARGIN, y, L->width - 2 * MARGIN, L->s.text, L->s.text * 1.5f, d->before[j], draw);
    y = header(p, L, y + 6, draw);
    if (d->fen && page > 1)
        y += carry_row(p, L, y, "承前页", k->total, k->balance, draw);
    return y;
}

/* The lines after the table into lines (TABLE_MAX_LINES + 1): d->after and the signature lines
   (制表人, 审核人, 负责人, 制表日期: one line when it fits the width, else two), written into sign
   (SIGN_LINE_SIZE). Returns their number. */
static int closing_lines(struct pdf *p, const struct lay *L, char *sign, const char **lines)
{
    const struct table_doc *d = L->d;
    char made[DATE_CN_SIZE];
    int n = 0;
    for (int j = 0; j < TABLE_MAX_LINES && d->after[j]; j++)
        lines[n++] = d->after[j];
    if (!d->maker)
        return n;
    const char *fmt = "制表人：%s      审核人：__________%s负责人：__________      制表日期：%s%s";
    const char *seal = d->seal ? "      （盖章）" : "";
    pdf_format(p, sign, SIGN_LINE_SIZE, fmt, d->maker, "      ", date_chinese(d->made, made), seal);
    if (pdf_text_width(p, L->s.text, sign) > L->width - 2 * MARGIN)
        pdf_format(p, sign, SIGN_LINE_SIZE, fmt, d->maker, "\n", made, seal);
    lines[n++] = sign;
    return n;
}

/* The height of the lines after the table (with the gap above them). */
static float closing_height(struct pdf *p, const struct lay *L)
{
    char sign[SIGN_LINE_SIZE];
    const char *lines[TABLE_MAX_LINES + 1];
    int n = closing_lines(p, L, sign, lines);
    float h = 10;
    for (int j = 0; j < n; j++)
        h += L->s.text * 1.5f * (float)pdf_wrap_measure(p, L->width - 2 * MARGIN, L->s.text, lines[j]);
    return h;
}

/* The height row i needs on its page before a break: its own, a ledger's two foot rows and, for
   the last data row, the total rows and the lines after the table (so neither a total nor the
   signatures stand on a page alone; when they cannot fit on one page, the lines go on). */
static float room_for(struct pdf *p, const struct lay *L, int i)
{
    const char *texts[TABLE_MAX_COLS];
    row_texts(L->d, i, texts);
    float need = row_height(p, L, texts) + (L->d->fen ? 2 * L->s.row : 0);
    if (i != L->first_total - 1)
        return need;
    for (int t = L->first_total; t < L->d->nrows; t++) {
        row_texts(L->d, t, texts);
        need += row_height(p, L, texts);
    }
    float lines = closing_height(p, L);
    return need + (need + lines < L->height / 2 ? lines : 0);
}

/* The lines after the table, each moved to a new page when it does not fit. */
static int closing(struct pdf *p, const struct lay *L, float y, int draw, int page, int pages, const char *const *lines,
                   int n)
{
    for (int j = 0; j < n; j++) {
        float need = L->s.text * 1.5f * (float)pdf_wrap_measure(p, L->width - 2 * MARGIN, L->s.text, lines[j]);
        if (y + need > L->height - BOTTOM) {
            if (draw)
                new_page(p, L, page + 1, pages);
            page++;
            y = MARGIN;
        }
        y = pdf_wrap(p, MARGIN, y, L->width - 2 * MARGIN, L->s.text, L->s.text * 1.5f, lines[j], draw);
    }
    return page;
}

/* Lays out (and with draw, draws) the whole document; returns the number of pages. */
static int layout(struct pdf *p, const struct lay *L, int draw, int pages)
{
    const struct table_doc *d = L->d;
    struct carry k = {0};
    int page = 1, on_page = 0;
    float y = page_start(p, L, draw, page, pages, &k), limit = L->height - BOTTOM;
    for (int i = 0; i < d->nrows; i++) {
        const char *texts[TABLE_MAX_COLS];
        row_texts(d, i, texts);
        float h = row_height(p, L, texts);
        int breaks = i < L->first_total ? y + room_for(p, L, i) > limit : y + h > limit;
        if (breaks && on_page > 0) {
            if (d->fen) {
                y += carry_row(p, L, y, "本页小计", k.page, NULL, draw);
                carry_row(p, L, y, "过次页", k.total, k.balance, draw);
            }
            for (int c = 0; c < TABLE_MAX_COLS; c++)
                k.page[c] = 0;
            y = page_start(p, L, draw, ++page, pages, &k);
            on_page = 0;
        }
        if (d->fen && i == L->first_total)
            y += carry_row(p, L, y, "本页小计", k.page, NULL, draw);
        if (draw)
            draw_row(p, L, y, h, texts);
        y += h;
        on_page++;
        carry_add(L, &k, i);
    }
    if (d->fen && L->first_total == d->nrows)
        y += carry_row(p, L, y, "本页小计", k.page, NULL, draw);
    char sign[SIGN_LINE_SIZE];
    const char *lines[TABLE_MAX_LINES + 1];
    int n = closing_lines(p, L, sign, lines);
    return closing(p, L, y + 10, draw, page, pages, lines, n);
}

int report_table(const struct table_doc *d, char **out, size_t *len, const char **err)
{
    static const struct sizes normal = {16, 11, 10, 18}, large = {24, 15, 14, 26};
    if (d->ncols < 1 || d->ncols > TABLE_MAX_COLS || d->total_rows < 0 || d->total_rows > d->nrows) {
        *err = "表格列数不正确";
        return -1;
    }
    struct pdf *p = pdf_new(d->title, err);
    if (!p)
        return -1;
    if (d->draft)
        pdf_draft(p);
    struct lay L = {.d = d, .s = d->large ? large : normal, .width = d->landscape ? 842 : 595,
                    .height = d->landscape ? 595 : 842, .first_total = d->nrows - d->total_rows};
    columns(p, &L);
    int pages = layout(p, &L, 0, 0);
    layout(p, &L, 1, pages);
    int rc = pdf_save(p, out, len);
    if (rc != 0)
        *err = pdf_error(p) ? pdf_error(p) : "PDF 生成失败";
    pdf_free(p);
    return rc;
}
