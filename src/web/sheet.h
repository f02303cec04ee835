/*
 * sheet.h: a report as rows of text cells, given once and sent three ways: an HTML table on the
 * page, CSV for spreadsheets (UTF-8 with BOM so Chinese Excel and WPS open it right; amounts as
 * plain numbers in yuan with two decimals), and a printed PDF (table_doc.h).
 */
#ifndef BANGFU_SHEET_H
#define BANGFU_SHEET_H
#include <stdint.h>

#include "server.h"
#include "table_doc.h"

/* Room for a download's file name ("portfolio.xlsx"). */
#define SHEET_FILENAME_SIZE 96

/* What a column holds besides text and amounts, for XLSX cells of the right type. */
enum sheet_kind { SHEET_TEXT = 0, SHEET_INT, SHEET_DATE };
#define SHEET_AFTER_LINES 3
#define SHEET_LINE_SIZE 512

struct sheet {
    char title[160];
    char subtitle[256];
    char after[SHEET_AFTER_LINES][SHEET_LINE_SIZE]; /* lines under the table in the PDF, CSV and XLSX ("" none) */
    int ncols;
    const char *heads[TABLE_MAX_COLS];
    int money[TABLE_MAX_COLS]; /* 1: the column holds amounts (right-aligned; plain yuan in CSV) */
    int kind[TABLE_MAX_COLS];  /* SHEET_INT or SHEET_DATE: how XLSX stores the column (money[] wins) */
    float widths[TABLE_MAX_COLS];
    int landscape;             /* print on A4 landscape */
    int total_rows;            /* the last rows are totals (printed with at least one data row) */
    enum table_carry carry[TABLE_MAX_COLS]; /* a ledger's page sums and balance (table_doc.h) */
    char **cells;              /* nrows × ncols, each malloc'd */
    int nrows, cap;
};

/* Starts a sheet with a title and its column heads (NULL-terminated list). */
void sheet_init(struct sheet *s, const char *title, const char *const *heads);
/* Marks column c as amounts. */
void sheet_money_column(struct sheet *s, int c);
/* Marks column c as whole numbers (counts, days) or as dates YYYY-MM-DD. */
void sheet_int_column(struct sheet *s, int c);
void sheet_date_column(struct sheet *s, int c);
/* Appends a row: ncols texts; amounts are given as fen through sheet_fen. */
void sheet_row(struct sheet *s, const char *const *texts);
/* Formats a whole number for a cell (ids, counts, days); buffer of SHEET_NUM_SIZE. Returns out. */
#define SHEET_NUM_SIZE 24
const char *sheet_num(long long v, char out[SHEET_NUM_SIZE]);
/* The subtitle every list and record sheet carries: "统计范围：<the user's unit> · " and the detail
   made from fmt (the day or period it is of). 0, or -1 when it does not fit (the subtitle is then
   left empty and the error logged: never a cut sentence). */
int sheet_scope_subtitle(struct sheet *s, const struct req *r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Formats fen for a money cell ("1234.50"); buffer of MONEY_TEXT_SIZE. */
const char *sheet_fen(int64_t fen, char *out);
/* The fen of a money cell written by sheet_fen ("-" allowed before it); 0 when the text is not an amount. */
int64_t sheet_cell_fen(const char *text);
void sheet_free(struct sheet *s);

/* Writes the sheet as an HTML table (amounts with separators). */
void sheet_html(struct req *r, const struct sheet *s);
/* Replies with the sheet as a CSV download named filename. */
void sheet_reply_csv(struct req *r, const struct sheet *s, const char *filename);
/* The same, in GB18030 without a BOM when gb18030 (for a bank whose system reads only GBK). */
void sheet_reply_csv_as(struct req *r, const struct sheet *s, const char *filename, int gb18030);
/* Replies with the sheet as a PDF, signed 制表人 with the user's name and 制表日期 today. */
void sheet_reply_pdf(struct req *r, const struct sheet *s);
/* Replies with the sheet as an Excel workbook (sheet_xlsx.c) named filename. */
void sheet_reply_xlsx(struct req *r, const struct sheet *s, const char *filename);
/* 1 when the query's format or the path's extension names ext ("csv", "xlsx", "pdf"). */
int sheet_asks_for(struct req *r, const char *ext);
/* Replies in the format the path or ?format= asks for: csv, xlsx or pdf (filename is the CSV
   name; the workbook gets the same name ending .xlsx), or returns 0 to let the caller render the
   page. Returns 1 when it replied. */
int sheet_reply_by_format(struct req *r, const struct sheet *s, const char *filename);

#endif
