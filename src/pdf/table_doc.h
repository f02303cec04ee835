/*
 * table_doc.h: a printed table (A4 portrait or landscape): a title, lines under it, a ruled table
 * with a repeated header that flows over pages, lines after it, the signature lines of a report
 * (制表人 / 审核人 / 负责人 / 制表日期), signature lines at the right below room for the seal (a
 * notice's issuing unit and date) and "第 N 页 共 M 页" on every page.
 *
 * Columns are as wide as their content needs: amounts (right-aligned columns) never wrap; other
 * columns wrap their text inside the cell when the page is too narrow for every column's longest
 * text, and when even that cannot fit the cells' type gets smaller. So no cell runs into the next.
 * The title is one line (never broken inside a word), set smaller when it is too long.
 *
 * A ledger (carry) sums the amount columns of each page: 本页小计 at the foot of every page,
 * 过次页 (the period's totals so far and the balance) at the foot of every page but the last, and
 * 承前页 (the same figures) at the head of the next.
 *
 * The public notices and the reports print through it; `large` type is for the village notice
 * board, readable from a step away.
 */
#ifndef BANGFU_TABLE_DOC_H
#define BANGFU_TABLE_DOC_H
#include <stddef.h>
#include <stdint.h>

#include "date.h"

#define TABLE_MAX_COLS 18
#define TABLE_MAX_LINES 8

/* What a carry column holds (table_doc.carry). */
enum table_carry { CARRY_NONE, CARRY_SUM, CARRY_BALANCE };

struct table_doc {
    const char *title;
    const char *before[TABLE_MAX_LINES]; /* lines under the title (NULL ends) */
    const char *after[TABLE_MAX_LINES];  /* lines after the table (NULL ends) */
    const char *sign[TABLE_MAX_LINES];   /* signature lines at the right below a seal space (NULL ends) */
    int ncols;
    const char *heads[TABLE_MAX_COLS];
    float widths[TABLE_MAX_COLS]; /* how spare room is shared among the columns (0: as 1) */
    int right[TABLE_MAX_COLS];    /* 1: right-aligned (amounts), never wrapped */
    int nrows;
    const char *const *cells;     /* nrows × ncols texts, row by row */
    int large;                    /* notice-board type sizes */
    int landscape;                /* A4 landscape, for wide tables */
    int total_rows;               /* the last total_rows rows are totals: never on a page without a data row */
    int draft;                    /* the 草稿 watermark on every page */
    const char *maker;            /* when set: 制表人 maker, 审核人, 负责人 and 制表日期 made end the document */
    struct date made;
    int seal;                     /* the signature line ends with （盖章） (a claim sent to the district) */
    /* A ledger: carry[c] says what column c carries over pages; fen holds nrows × ncols amounts
       (only those of carry columns are read; rows that are no entries, such as 期初余额 and the
       totals, hold 0 in CARRY_SUM columns). NULL: no carry rows. */
    enum table_carry carry[TABLE_MAX_COLS];
    const int64_t *fen;
};

/* Renders the document into malloc'd PDF bytes (*out, *len). 0, or -1 with *err (Chinese). */
int report_table(const struct table_doc *d, char **out, size_t *len, const char **err);

#endif
