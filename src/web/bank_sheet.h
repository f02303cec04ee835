/*
 * bank_sheet.h: writing a payment file (代发文件) for the credit union, for rolls and relief batches
 * alike, in the columns, order and headers of a bank format (bank_format.h): ?bank_format=ID, or
 * the default format. CSV (UTF-8 with a BOM, or GB18030 when the format says so) or, with
 * ?format=xlsx, an Excel workbook. Full names, IDs and accounts: the callers check the role and
 * scope and audit the download before writing.
 */
#ifndef BANGFU_BANK_SHEET_H
#define BANGFU_BANK_SHEET_H
#include <stdint.h>

#include "bank_format.h"
#include "server.h"
#include "sheet.h"

/* One line of a payment file, every field whole. */
struct bank_line {
    int64_t row; /* the 序号 the return file names it by */
    const char *name, *id_number, *bank_name, *account;
    int64_t amount_fen;
    const char *memo, *village;
};

struct bank_sheet {
    struct bank_format format;
    struct sheet s;
};

/* Starts a payment file in the format the request names. 0, or -1 having replied (404 for an
   unknown format). */
int bank_sheet_begin(struct req *r, struct bank_sheet *b);
/* Titles the file (the workbook's sheet title); a title too long for the sheet leaves it 代发文件. */
void bank_sheet_title(struct bank_sheet *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a line in the format's columns. */
void bank_sheet_line(struct bank_sheet *b, const struct bank_line *l);
/* Replies with the file named stem.csv or stem.xlsx (as ?format= asks) and frees the sheet. */
void bank_sheet_reply(struct req *r, struct bank_sheet *b, const char *stem);
/* Frees the sheet without replying (after an error). */
void bank_sheet_free(struct bank_sheet *b);

#endif
