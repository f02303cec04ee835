/* sheet_xlsx.c: a sheet as an Excel workbook through libxlsxwriter (see sheet.h): the header row
   frozen, amounts as numbers in 元 with the #,##0.00 format, counts as whole numbers, dates as
   dates, columns as wide as their content, the sheet named after the report in Chinese. Text is
   always written as a string cell, so a value starting with = + - @ is never a formula. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "date.h"
#include "money.h"
#include "sheet.h"

/* Excel's limits: a sheet name of at most 31 characters; a column at most 255 wide (we stop at 60). */
#define XLSX_SHEET_NAME_CHARS 31
#define XLSX_SHEET_NAME_SIZE (XLSX_SHEET_NAME_CHARS * 4 + 1)
#define XLSX_MAX_WIDTH 60.0
/* Where the workbook is written before it is read back into the reply. */
#define XLSX_TMP_TEMPLATE "/tmp/bangfu-xlsx-XXXXXX"

/* The sheet name: the title's first 31 characters, without the characters Excel refuses. */
static void sheet_name(const char *title, char out[XLSX_SHEET_NAME_SIZE])
{
    size_t o = 0;
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)title; *p && chars < XLSX_SHEET_NAME_CHARS;) {
        size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        if (!strchr("[]:*?/\\'", *p) && o + n < XLSX_SHEET_NAME_SIZE) {
            memcpy(out + o, p, n);
            o += n, chars++;
        }
        for (size_t i = 0; i < n && *p; i++)
            p++;
    }
    out[o] = '\0';
    if (!o)
        snprintf(out, XLSX_SHEET_NAME_SIZE, "报表");
}

/* How wide a text shows: a CJK (non-ASCII) character takes two columns. */
static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x80)
            w += 1;
        else if ((*p & 0xC0) != 0x80)
            w += 2;
    return w;
}

/* A whole number cell: 1 and *v when the text is one (at most 15 digits, Excel's precision). */
static int cell_int(const char *text, double *v)
{
    const char *p = text + (text[0] == '-');
    size_t n = strlen(p);
    if (!n || n > 15 || strspn(p, "0123456789") != n)
        return 0;
    *v = strtod(text, NULL);
    return 1;
}

/* A date cell's day, written YYYY-MM-DD or 2026年11月23日 (as printed documents write dates). 0, or -1. */
static int cell_date(const char *text, struct date *d)
{
    int n = 0;
    if (date_parse(text, d) == 0)
        return 0;
    return sscanf(text, "%d年%d月%d日%n", &d->y, &d->m, &d->d, &n) == 3 && text[n] == '\0' && date_valid(*d) ? 0 : -1;
}

/* Writes one cell in the column's type; text when the value is not of that type ("合计", ""). */
static lxw_error write_cell(lxw_worksheet *ws, int row, int c, const struct sheet *s, const char *text,
                            lxw_format *money, lxw_format *whole, lxw_format *day)
{
    double v;
    struct date d;
    if (!text[0])
        return LXW_NO_ERROR;
    if (s->money[c] && (strspn(text, "-0123456789.") == strlen(text)))
        return worksheet_write_number(ws, row, c, (double)sheet_cell_fen(text) / 100.0, money);
    if (s->kind[c] == SHEET_INT && cell_int(text, &v))
        return worksheet_write_number(ws, row, c, v, whole);
    if (s->kind[c] == SHEET_DATE && cell_date(text, &d) == 0) {
        lxw_datetime dt = {.year = d.y, .month = d.m, .day = d.d};
        return worksheet_write_datetime(ws, row, c, &dt, day);
    }
    return worksheet_write_string(ws, row, c, text, NULL);
}

/* Writes the sheet's workbook to path. 0, or -1 with *why. */
static int write_workbook(const struct sheet *s, const char *path, const char **why)
{
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        *why = "无法创建 Excel 文件";
        return -1;
    }
    lxw_doc_properties props = {.title = (char *)s->title, .subject = (char *)s->subtitle};
    workbook_set_properties(wb, &props);
    char name[XLSX_SHEET_NAME_SIZE];
    sheet_name(s->title, name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    lxw_format *head = workbook_add_format(wb), *money = workbook_add_format(wb), *whole = workbook_add_format(wb),
               *day = workbook_add_format(wb);
    format_set_bold(head);
    format_set_num_format(money, "#,##0.00");
    format_set_num_format(whole, "0");
    format_set_num_format(day, "yyyy-mm-dd");
    lxw_error rc = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
    double widths[TABLE_MAX_COLS];
    for (int c = 0; c < s->ncols && !rc; c++) {
        widths[c] = text_width(s->heads[c]);
        rc = worksheet_write_string(ws, 0, c, s->heads[c], head);
    }
    for (int i = 0; i < s->nrows && !rc; i++)
        for (int c = 0; c < s->ncols && !rc; c++) {
            const char *text = s->cells[i * s->ncols + c];
            double w = text_width(text) + (s->money[c] ? 3 : 0); /* thousands separators */
            if (w > widths[c])
                widths[c] = w;
            rc = write_cell(ws, i + 1, c, s, text, money, whole, day);
        }
    lxw_worksheet *notes = NULL; /* the PDF's lines under the table, on a sheet of their own: the table stays data */
    for (int k = 0, row = 0; k < SHEET_AFTER_LINES && !rc; k++)
        if (s->after[k][0]) {
            if (!notes && !(notes = workbook_add_worksheet(wb, "说明")))
                rc = LXW_ERROR_MEMORY_MALLOC_FAILED;
            if (!rc)
                rc = worksheet_write_string(notes, row++, 0, s->after[k], NULL);
        }
    for (int c = 0; c < s->ncols && !rc; c++)
        rc = worksheet_set_column(ws, c, c, widths[c] + 2 > XLSX_MAX_WIDTH ? XLSX_MAX_WIDTH : widths[c] + 2, NULL);
    if (!rc)
        worksheet_freeze_panes(ws, 1, 0);
    lxw_error closed = workbook_close(wb);
    if (rc || closed) {
        *why = lxw_strerror(rc ? rc : closed);
        return -1;
    }
    return 0;
}

/* Reads the whole file at path into a malloc'd buffer. 0, or -1. */
static int read_file(const char *path, char **out, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    int rc = -1;
    long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (*out = malloc((size_t)n + 1))) {
        if (fread(*out, 1, (size_t)n, f) == (size_t)n)
            *len = (size_t)n, rc = 0;
        else
            free(*out), *out = NULL;
    }
    fclose(f);
    return rc;
}

void sheet_reply_xlsx(struct req *r, const struct sheet *s, const char *filename)
{
    char path[] = XLSX_TMP_TEMPLATE;
    int fd = mkstemp(path);
    const char *why = "无法创建临时文件";
    char *data = NULL;
    size_t len = 0;
    int rc = fd < 0 ? -1 : 0;
    if (fd >= 0) {
        close(fd);
        rc = write_workbook(s, path, &why);
        if (!rc && read_file(path, &data, &len) != 0)
            rc = -1, why = "无法读取 Excel 文件";
        unlink(path);
    }
    if (rc) {
        reply_fail(r, 500, "xlsx_failed", why);
        return;
    }
    char disposition[SHEET_FILENAME_SIZE + 40];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
    reply_header(r, "Content-Disposition", disposition);
    reply_bytes(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data, len);
}
