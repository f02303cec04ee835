/* sheet.c: reports as HTML, CSV and PDF from one set of rows (see sheet.h). */
#include "sheet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "date.h"
#include "html.h"
#include "log.h"
#include "money.h"

void sheet_init(struct sheet *s, const char *title, const char *const *heads)
{
    memset(s, 0, sizeof *s);
    snprintf(s->title, sizeof s->title, "%s", title);
    while (s->ncols < TABLE_MAX_COLS && heads[s->ncols]) {
        s->heads[s->ncols] = heads[s->ncols];
        s->widths[s->ncols] = 1;
        s->ncols++;
    }
}

void sheet_money_column(struct sheet *s, int c)
{
    if (c >= 0 && c < s->ncols)
        s->money[c] = 1;
}

void sheet_int_column(struct sheet *s, int c)
{
    if (c >= 0 && c < s->ncols)
        s->kind[c] = SHEET_INT;
}

void sheet_date_column(struct sheet *s, int c)
{
    if (c >= 0 && c < s->ncols)
        s->kind[c] = SHEET_DATE;
}

void sheet_row(struct sheet *s, const char *const *texts)
{
    if ((s->nrows + 1) * s->ncols > s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64 * s->ncols;
        char **grown = realloc(s->cells, (size_t)s->cap * sizeof *s->cells);
        if (!grown)
            abort();
        s->cells = grown;
    }
    for (int c = 0; c < s->ncols; c++)
        s->cells[s->nrows * s->ncols + c] = strdup(texts[c] ? texts[c] : "");
    s->nrows++;
}

const char *sheet_num(long long v, char out[SHEET_NUM_SIZE])
{
    snprintf(out, SHEET_NUM_SIZE, "%lld", v);
    return out;
}

int sheet_scope_subtitle(struct sheet *s, const struct req *r, const char *fmt, ...)
{
    char detail[sizeof s->subtitle];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    int m = n < 0 || (size_t)n >= sizeof detail ? -1
                                                 : snprintf(s->subtitle, sizeof s->subtitle, "统计范围：%s · %s",
                                                            r->user.unit_name, detail);
    if (m < 0 || (size_t)m >= sizeof s->subtitle) {
        s->subtitle[0] = 0;
        log_error("sheet subtitle too long: %s", s->title);
        return -1;
    }
    return 0;
}

const char *sheet_fen(int64_t fen, char *out)
{
    return money_format_plain(fen, out, MONEY_TEXT_SIZE);
}

void sheet_free(struct sheet *s)
{
    for (int i = 0; i < s->nrows * s->ncols; i++)
        free(s->cells[i]);
    free(s->cells);
    s->cells = NULL;
    s->nrows = 0;
}

int64_t sheet_cell_fen(const char *text)
{
    int64_t fen = 0;
    int negative = text[0] == '-';
    if (money_parse(text + negative, &fen) != 0)
        return 0;
    return negative ? -fen : fen;
}

void sheet_html(struct req *r, const struct sheet *s)
{
    html_raw(r, "<table class=\"list\"><thead><tr>");
    for (int c = 0; c < s->ncols; c++)
    {
        html_raw(r, s->money[c] ? "<th class=\"num\">" : "<th>");
        html_printf(r, "%s</th>", s->heads[c]);
    }
    html_raw(r, "</tr></thead><tbody>");
    for (int i = 0; i < s->nrows; i++) {
        html_raw(r, "<tr>");
        for (int c = 0; c < s->ncols; c++) {
            const char *cell = s->cells[i * s->ncols + c];
            html_raw(r, s->money[c] ? "<td class=\"num\">" : "<td>");
            if (s->money[c] && cell[0])
                html_money(r, sheet_cell_fen(cell));
            else
                html_text(r, cell);
            html_raw(r, "</td>");
        }
        html_raw(r, "</tr>");
    }
    if (!s->nrows)
        html_printf(r, "<tr><td colspan=\"%d\">没有数据</td></tr>", s->ncols);
    html_raw(r, "</tbody></table>");
}

/* Appends one CSV field through csv_escape: quoted when needed, and a cell that a spreadsheet
   would run as a formula (= + - @ TAB CR at its start) prefixed with '. */
static void csv_field(struct buf *b, const char *s)
{
    size_t n = CSV_ESCAPE_SIZE(strlen(s));
    char *out = malloc(n);
    if (!out)
        return;
    buf_put(b, out, csv_escape(s, out, n));
    free(out);
}

void sheet_reply_csv_as(struct req *r, const struct sheet *s, const char *filename, int gb18030)
{
    struct buf b;
    buf_init(&b);
    if (!gb18030)
        buf_puts(&b, "\xEF\xBB\xBF");
    for (int c = 0; c < s->ncols; c++) {
        if (c)
            buf_putc(&b, ',');
        csv_field(&b, s->heads[c]);
    }
    buf_puts(&b, "\r\n");
    for (int i = 0; i < s->nrows; i++) {
        for (int c = 0; c < s->ncols; c++) {
            if (c)
                buf_putc(&b, ',');
            csv_field(&b, s->cells[i * s->ncols + c]);
        }
        buf_puts(&b, "\r\n");
    }
    for (int k = 0, first = 1; k < SHEET_AFTER_LINES; k++) /* the PDF's lines under the table, after a blank line */
        if (s->after[k][0]) {
            buf_puts(&b, first ? "\r\n" : "");
            csv_field(&b, s->after[k]);
            buf_puts(&b, "\r\n");
            first = 0;
        }
    size_t len = 0;
    char *data = buf_detach(&b, &len);
    if (gb18030) {
        size_t glen = 0;
        char *g = csv_to_gb18030(data, len, &glen);
        free(data);
        if (!g) {
            struct err e = {0};
            err_set(&e, 500, "internal_error", NULL, "无法转换为 GB18030 编码");
            reply_error(r, &e);
            return;
        }
        data = g;
        len = glen;
    }
    char disposition[160];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
    reply_header(r, "Content-Disposition", disposition);
    reply_bytes(r, gb18030 ? "text/csv; charset=gb18030" : "text/csv; charset=utf-8", data, len);
}

void sheet_reply_csv(struct req *r, const struct sheet *s, const char *filename)
{
    sheet_reply_csv_as(r, s, filename, 0);
}

/* A copy of text for print: dates written 2026年12月5日 (a date grows from 10 bytes to at most 17,
   so twice the length always holds it). The caller frees. */
static char *printed_text(const char *text)
{
    size_t n = 2 * strlen(text) + 1;
    char *out = malloc(n);
    if (!out || date_chinese_in(text, out, n) != 0)
        abort();
    return out;
}

void sheet_reply_pdf(struct req *r, const struct sheet *s)
{
    struct table_doc d = {.title = s->title, .ncols = s->ncols, .nrows = s->nrows, .cells = (const char *const *)s->cells,
                          .landscape = s->landscape, .total_rows = s->total_rows, .maker = r->user.name,
                          .made = r->today};
    /* Amounts print with thousands separators, dates as 2026年12月5日. */
    char **shown = malloc(((size_t)s->nrows * (size_t)s->ncols + 1) * sizeof *shown);
    int64_t *fen = malloc(((size_t)s->nrows * (size_t)s->ncols + 1) * sizeof *fen);
    if (!shown || !fen)
        abort();
    for (int i = 0; i < s->nrows * s->ncols; i++) {
        const char *cell = s->cells[i];
        char money[MONEY_TEXT_SIZE];
        fen[i] = s->money[i % s->ncols] && cell[0] ? sheet_cell_fen(cell) : 0;
        shown[i] = s->money[i % s->ncols] && cell[0] ? strdup(money_format(fen[i], money, sizeof money))
                                                     : printed_text(cell);
        if (!shown[i])
            abort();
    }
    d.cells = (const char *const *)shown;
    char *lines[SHEET_AFTER_LINES + 1] = {0};
    if (s->subtitle[0])
        d.before[0] = lines[SHEET_AFTER_LINES] = printed_text(s->subtitle);
    for (int k = 0, n = 0; k < SHEET_AFTER_LINES; k++)
        if (s->after[k][0])
            d.after[n++] = lines[k] = printed_text(s->after[k]);
    for (int c = 0; c < s->ncols; c++) {
        d.heads[c] = s->heads[c];
        d.widths[c] = s->widths[c];
        d.right[c] = s->money[c] || s->kind[c] == SHEET_INT;
        d.carry[c] = s->carry[c];
        if (s->carry[c] != CARRY_NONE)
            d.fen = fen;
    }
    char *pdf = NULL;
    size_t len = 0;
    const char *why = NULL;
    int rc = report_table(&d, &pdf, &len, &why);
    for (int i = 0; i < s->nrows * s->ncols; i++)
        free(shown[i]);
    free(shown);
    free(fen);
    for (int k = 0; k <= SHEET_AFTER_LINES; k++)
        free(lines[k]);
    if (rc != 0) {
        reply_fail(r, 500, "pdf_failed", why);
        return;
    }
    reply_bytes(r, "application/pdf", pdf, len);
}

int sheet_asks_for(struct req *r, const char *ext)
{
    const char *format = req_query(r, "format");
    size_t n = strlen(r->path), m = strlen(ext);
    if (format)
        return strcmp(format, ext) == 0;
    return n > m + 1 && r->path[n - m - 1] == '.' && strcmp(r->path + n - m, ext) == 0;
}

int sheet_reply_by_format(struct req *r, const struct sheet *s, const char *filename)
{
    if (sheet_asks_for(r, "csv")) {
        sheet_reply_csv(r, s, filename);
        return 1;
    }
    if (sheet_asks_for(r, "xlsx")) {
        char name[SHEET_FILENAME_SIZE];
        size_t n = strcspn(filename, ".");
        snprintf(name, sizeof name, "%.*s.xlsx", (int)n, filename);
        sheet_reply_xlsx(r, s, name);
        return 1;
    }
    if (sheet_asks_for(r, "pdf")) {
        sheet_reply_pdf(r, s);
        return 1;
    }
    return 0;
}
