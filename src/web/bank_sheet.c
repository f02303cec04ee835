/* bank_sheet.c: payment files in a bank format (see bank_sheet.h). */
#include "bank_sheet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "money.h"

int bank_sheet_begin(struct req *r, struct bank_sheet *b)
{
    struct err e = {0};
    const char *q = req_query(r, "bank_format");
    char *end = NULL;
    int64_t id = q && *q ? strtoll(q, &end, 10) : 0;
    int rc = q && *q && (*end || id <= 0)
                 ? err_set(&e, 422, "invalid_bank_format", "bank_format", "代发文件格式编号不正确")
                 : bank_format_get(r->db, id, &b->format, &e);
    if (rc != 0) {
        reply_error(r, &e);
        return -1;
    }
    const char *heads[BC__MAX + 1];
    for (int i = 0; i < b->format.ncols; i++)
        heads[i] = b->format.head[i];
    heads[b->format.ncols] = NULL;
    sheet_init(&b->s, "代发文件", heads); /* the sheet keeps the pointers: they live in b->format */
    for (int i = 0; i < b->format.ncols; i++)
        if (b->format.key[i] == BC_AMOUNT)
            sheet_money_column(&b->s, i);
    return 0;
}

void bank_sheet_title(struct bank_sheet *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->s.title, sizeof b->s.title, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof b->s.title) /* never a cut title: the plain one */
        snprintf(b->s.title, sizeof b->s.title, "代发文件");
}

void bank_sheet_line(struct bank_sheet *b, const struct bank_line *l)
{
    char row[SHEET_NUM_SIZE], fen[MONEY_TEXT_SIZE];
    const char *by_key[BC__MAX] = {
        [BC_ROW] = sheet_num(l->row, row), [BC_NAME] = l->name,  [BC_ID_NUMBER] = l->id_number,
        [BC_BANK] = l->bank_name,          [BC_ACCOUNT] = l->account, [BC_AMOUNT] = sheet_fen(l->amount_fen, fen),
        [BC_MEMO] = l->memo,               [BC_VILLAGE] = l->village};
    const char *cells[BC__MAX];
    for (int i = 0; i < b->format.ncols; i++)
        cells[i] = by_key[b->format.key[i]] ? by_key[b->format.key[i]] : "";
    sheet_row(&b->s, cells);
}

void bank_sheet_reply(struct req *r, struct bank_sheet *b, const char *stem)
{
    char name[SHEET_FILENAME_SIZE];
    int xlsx = sheet_asks_for(r, "xlsx");
    snprintf(name, sizeof name, "%s.%s", stem, xlsx ? "xlsx" : "csv");
    if (xlsx)
        sheet_reply_xlsx(r, &b->s, name);
    else
        sheet_reply_csv_as(r, &b->s, name, b->format.gb18030);
    sheet_free(&b->s);
}

void bank_sheet_free(struct bank_sheet *b)
{
    sheet_free(&b->s);
}
