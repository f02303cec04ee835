/*
 * table_doc.h: a printed table (A4 portrait): a title, lines under it, a ruled table with a
 * repeated header that flows over pages (a long cell wraps within its column, the row grows),
 * lines after it, signature lines at the right with room for the seal, and "第 N 页 共 M 页" on
 * every page.
 * The public notices and the reports print through it (landscape for wide tables); `large` type is for
 * the village notice board, readable from a step away.
 */
#ifndef BANGFU_TABLE_DOC_H
#define BANGFU_TABLE_DOC_H
#include <stddef.h>

#define TABLE_MAX_COLS 12
#define TABLE_MAX_LINES 8

struct table_doc {
    const char *title;
    const char *before[TABLE_MAX_LINES]; /* lines under the title (NULL ends) */
    const char *after[TABLE_MAX_LINES];  /* lines after the table (NULL ends) */
    const char *sign[TABLE_MAX_LINES];   /* signature lines at the right below a seal space (NULL ends) */
    int ncols;
    const char *heads[TABLE_MAX_COLS];
    float widths[TABLE_MAX_COLS]; /* relative widths; the table spans the page */
    int right[TABLE_MAX_COLS];    /* 1: right-aligned (amounts) */
    int nrows;
    const char *const *cells;     /* nrows × ncols texts, row by row */
    int large;                    /* notice-board type sizes */
    int landscape;                /* A4 landscape, for wide tables */
};

/* Renders the document into malloc'd PDF bytes (*out, *len). 0, or -1 with *err (Chinese). */
int report_table(const struct table_doc *d, char **out, size_t *len, const char **err);

#endif
