/* table_doc.c: printed tables over pages (see table_doc.h). */
#include "table_doc.h"

#include <stdio.h>

#include "pdf.h"

#define MARGIN 42.0f
#define BOTTOM 60.0f
#define SEAL_SPACE 36.0f /* above the signature lines, where the seal goes */

/* Type sizes and row height for the ordinary and the notice-board variant. */
struct sizes {
    float title, text, cell, row;
};

/* Column x positions from the relative widths (x[ncols] is the right edge). */
static void columns(const struct table_doc *d, float page_width, float *x)
{
    float total = 0;
    for (int c = 0; c < d->ncols; c++)
        total += d->widths[c] > 0 ? d->widths[c] : 1;
    x[0] = MARGIN;
    for (int c = 0; c < d->ncols; c++)
        x[c + 1] = x[c] + (page_width - 2 * MARGIN) * (d->widths[c] > 0 ? d->widths[c] : 1) / total;
}

/* Draws the header row at y, each head wrapped within its column; returns the y of the first data row. */
static float header(struct pdf *p, const struct table_doc *d, const float *x, float y, const struct sizes *s, int draw)
{
    int lines = 1;
    for (int c = 0; c < d->ncols; c++) {
        int n = pdf_wrap_measure(p, x[c + 1] - x[c] - 6, s->cell, d->heads[c]);
        lines = n > lines ? n : lines;
    }
    float leading = s->cell * 1.25f, h = s->row + (float)(lines - 1) * leading;
    if (draw) {
        pdf_fill_rect(p, x[0], y, x[d->ncols] - x[0], h, 0.9f);
        for (int c = 0; c < d->ncols; c++) {
            int n = pdf_wrap_measure(p, x[c + 1] - x[c] - 6, s->cell, d->heads[c]);
            float top = y + (h - (float)n * leading) / 2 + (leading - s->cell) / 2;
            pdf_wrap(p, x[c] + 3, top, x[c + 1] - x[c] - 6, s->cell, leading, d->heads[c], 1);
            pdf_line(p, x[c], y, x[c], y + h, 0.4f);
        }
        pdf_rect(p, x[0], y, x[d->ncols] - x[0], h, 0.8f);
    }
    return y + h;
}

/* The text of cell (i, c), "" for NULL. */
static const char *cell_text(const struct table_doc *d, int i, int c)
{
    const char *cell = d->cells[i * d->ncols + c];
    return cell ? cell : "";
}

/* Height of row i: one line, or as many as its longest left-aligned cell wraps to within its
   column (a long project name wraps and never runs into the amount beside it). */
static float row_height(struct pdf *p, const struct table_doc *d, const float *x, int i, const struct sizes *s)
{
    int lines = 1;
    for (int c = 0; c < d->ncols; c++)
        if (!d->right[c]) {
            int n = pdf_wrap_measure(p, x[c + 1] - x[c] - 8, s->cell, cell_text(d, i, c));
            lines = n > lines ? n : lines;
        }
    return s->row + (float)(lines - 1) * s->cell * 1.25f;
}

/* Draws row i at y, h high: left-aligned cells wrapped within their columns, amounts on one line
   at the right edge (pdf_text_right shrinks nothing: a money column is sized for its amounts). */
static void draw_row(struct pdf *p, const struct table_doc *d, const float *x, int i, float y, float h,
                     const struct sizes *s)
{
    float top = y + (s->row - s->cell) / 2;
    for (int c = 0; c < d->ncols; c++) {
        if (d->right[c])
            pdf_text_right(p, x[c + 1] - 4, top, s->cell, cell_text(d, i, c));
        else
            pdf_wrap(p, x[c] + 4, top, x[c + 1] - x[c] - 8, s->cell, s->cell * 1.25f, cell_text(d, i, c), 1);
        pdf_line(p, x[c], y, x[c], y + h, 0.4f);
    }
    pdf_line(p, x[d->ncols], y, x[d->ncols], y + h, 0.4f);
    pdf_line(p, x[0], y + h, x[d->ncols], y + h, 0.4f);
}

/* Starts page number `page` (from 1) of `pages` when drawing; returns the new page number. */
static int next_page(struct pdf *p, const struct table_doc *d, int draw, int page, int pages)
{
    if (draw) {
        char foot[64];
        if (d->landscape)
            pdf_page_a4_landscape(p);
        else
            pdf_page_a4(p);
        snprintf(foot, sizeof foot, "第 %d 页 共 %d 页", page + 1, pages);
        pdf_text_center(p, pdf_width(p) / 2, pdf_height(p) - 36, 9, foot);
    }
    return page + 1;
}

/* The signature lines, right-aligned below a space for the seal (盖章), on the last page or a new
   one when they do not fit; returns the number of pages. */
static int sign(struct pdf *p, const struct table_doc *d, const struct sizes *s, int draw, int page, int pages,
                float y, float width, float height)
{
    int n = 0;
    while (n < TABLE_MAX_LINES && d->sign[n])
        n++;
    if (!n)
        return page;
    y += SEAL_SPACE;
    if (y + (float)n * s->text * 1.5f > height - BOTTOM) {
        page = next_page(p, d, draw, page, pages);
        y = MARGIN + SEAL_SPACE;
    }
    for (int k = 0; draw && k < n; k++)
        pdf_text_right(p, width - MARGIN - 24, y + (float)k * s->text * 1.5f, s->text, d->sign[k]);
    return page;
}

/* Lays out (and with draw, draws) the whole document; returns the number of pages. */
static int layout(struct pdf *p, const struct table_doc *d, const struct sizes *s, int draw, int pages)
{
    float x[TABLE_MAX_COLS + 1], y = 0, height = d->landscape ? 595 : 842, width = d->landscape ? 842 : 595;
    int page = 0;
    columns(d, width, x);
    for (int i = 0; i <= d->nrows; i++) {
        if (i == 0 || (i < d->nrows && y + row_height(p, d, x, i, s) > height - BOTTOM)) {
            page = next_page(p, d, draw, page, pages);
            y = MARGIN;
            if (draw)
                pdf_text_center(p, width / 2, y, s->title, d->title);
            y += s->title + 14;
            for (int k = 0; page == 1 && k < TABLE_MAX_LINES && d->before[k]; k++)
                y = draw ? pdf_wrap(p, MARGIN, y, width - 2 * MARGIN, s->text, s->text * 1.5f, d->before[k], 1)
                         : y + s->text * 1.5f * (float)pdf_wrap_measure(p, width - 2 * MARGIN, s->text, d->before[k]);
            y = header(p, d, x, y + 6, s, draw);
        }
        if (i == d->nrows)
            break;
        float h = row_height(p, d, x, i, s);
        if (draw)
            draw_row(p, d, x, i, y, h, s);
        y += h;
    }
    y += 10;
    for (int k = 0; k < TABLE_MAX_LINES && d->after[k]; k++) {
        float need = s->text * 1.5f * (float)pdf_wrap_measure(p, width - 2 * MARGIN, s->text, d->after[k]);
        if (y + need > height - BOTTOM) {
            page = next_page(p, d, draw, page, pages);
            y = MARGIN;
        }
        y = draw ? pdf_wrap(p, MARGIN, y, width - 2 * MARGIN, s->text, s->text * 1.5f, d->after[k], 1) : y + need;
    }
    return sign(p, d, s, draw, page, pages, y, width, height);
}

int report_table(const struct table_doc *d, char **out, size_t *len, const char **err)
{
    static const struct sizes normal = {16, 11, 10, 18}, large = {24, 15, 14, 26};
    const struct sizes *s = d->large ? &large : &normal;
    if (d->ncols < 1 || d->ncols > TABLE_MAX_COLS) {
        *err = "表格列数不正确";
        return -1;
    }
    struct pdf *p = pdf_new(d->title, err);
    if (!p)
        return -1;
    int pages = layout(p, d, s, 0, 0);
    layout(p, d, s, 1, pages);
    int rc = pdf_save(p, out, len);
    if (rc != 0)
        *err = pdf_error(p) ? pdf_error(p) : "PDF 生成失败";
    pdf_free(p);
    return rc;
}
