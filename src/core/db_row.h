/*
 * db_row.h: typed row access, the one way a query's row is read into a struct. A row shape is
 * one X-macro listing, per column, its SQL expression (a string literal), its type and the struct
 * field, with `_` between the entries (as kcgi/openradtool generate from a table description):
 *
 *   #define LOAN_LIST_ROW(X, _)                                  \
 *       X("a.id", INT64, id) _                                   \
 *       X("hm.name", TEXT(NAME_SIZE), applicant) _               \
 *       X("a.state", ENUM(enum loan_state, loan_state_parse), state)
 *
 * From that list:
 *   DB_ROW_FIELDS(LIST)       declares the fields inside a struct (which may hold more fields);
 *   DB_ROW_COLUMNS(LIST)      is the SELECT column list as one string literal,
 *                             "a.id, hm.name, a.state", so the SQL stays a literal;
 *   DB_ROW_NCOLS(LIST)        is the number of columns: the index of the first column a query
 *                             selects after the row (a scope flag, a count);
 *   DB_ROW_READER(fn, LIST, struct t)
 *                             defines `int fn(sqlite3_stmt *st, struct t *out)`, which copies
 *                             columns 0.. of the current row by index. A text longer than its
 *                             field is an error (-1, logged by db_copy), never silent; so is a
 *                             failed allocation. 0 otherwise.
 *
 * Types: INT (int), INT64 and MONEY (int64_t; MONEY is fen), TEXT(size) (char[size], size one of
 * the named sizes of text.h), DATE (char[DB_DATE_SIZE], yyyy-mm-dd), TIME (char[DB_TIME_SIZE],
 * a stored timestamp), DAY (struct date parsed from yyyy-mm-dd; NULL or "" is {0,0,0}), STR (char *,
 * strdup'd: the owner frees it) and ENUM(type, parse) (a text code turned into an enum by parse).
 * NULL reads as 0 for numbers and "" for text.
 *
 * A struct owned by a module without SQL (repay.h's schedule row) is declared there by hand and
 * read by a list kept beside the SQL; its fields may be paths (`terms.rate_micro`). Two lists
 * joined (`#define BOTH(X, _) A(X, _) _ B(X, _)`) read one row into one struct.
 */
#ifndef BANGFU_DB_ROW_H
#define BANGFU_DB_ROW_H
#include <sqlite3.h>
#include <stdint.h>

#include "date.h"
#include "db.h"

#define DB_DATE_SIZE 11 /* yyyy-mm-dd and the NUL */
#define DB_TIME_SIZE 24 /* a stored timestamp (yyyy-mm-dd hh:mm:ss, room for fractions) */

/* Copies column col as text into a malloc'd string at *out (NULL as ""). 0, or -1 when out of
   memory. */
int db_row_strdup(sqlite3_stmt *st, int col, char **out);
/* Column col as a date; NULL, "" or not a date gives {0,0,0}. */
struct date db_row_date(sqlite3_stmt *st, int col);
/* Fills e as a 500 for a row that did not fit its struct (the reader logged which column) and
   returns -1. */
int db_row_fail(struct err *e);

/* Each type as (kind, a, b): the reader and the declaration dispatch on kind. */
#define DB_ROW_T_INT int, ~, ~
#define DB_ROW_T_INT64 int64, ~, ~
#define DB_ROW_T_MONEY int64, ~, ~
#define DB_ROW_T_TEXT(size) text, size, ~
#define DB_ROW_T_DATE text, DB_DATE_SIZE, ~
#define DB_ROW_T_TIME text, DB_TIME_SIZE, ~
#define DB_ROW_T_DAY day, ~, ~
#define DB_ROW_T_STR str, ~, ~
#define DB_ROW_T_ENUM(type, parse) enum, type, parse

/* Declarations. */
#define DB_ROW_DECL_int(f, a, b) int f;
#define DB_ROW_DECL_int64(f, a, b) int64_t f;
#define DB_ROW_DECL_text(f, size, b) char f[size];
#define DB_ROW_DECL_day(f, a, b) struct date f;
#define DB_ROW_DECL_str(f, a, b) char *f;
#define DB_ROW_DECL_enum(f, type, parse) type f;
#define DB_ROW_DECL3_(f, kind, a, b) DB_ROW_DECL_##kind(f, a, b)
#define DB_ROW_DECL2_(f, t) DB_ROW_DECL3_(f, t)
#define DB_ROW_DECL_(col, type, f) DB_ROW_DECL2_(f, DB_ROW_T_##type)
#define DB_ROW_FIELDS(LIST) LIST(DB_ROW_DECL_, )

/* The column list. */
#define DB_ROW_COL_(col, type, f) col
#define DB_ROW_COLUMNS(LIST) LIST(DB_ROW_COL_, ", ")

/* The column count. */
#define DB_ROW_ONE_(col, type, f) +1
#define DB_ROW_NCOLS(LIST) (0 LIST(DB_ROW_ONE_, ))

/* Reading one column: statements over st, the column counter c, out and the result rc. */
#define DB_ROW_GET_int(f, a, b) out->f = sqlite3_column_int(st, c++);
#define DB_ROW_GET_int64(f, a, b) out->f = sqlite3_column_int64(st, c++);
#define DB_ROW_GET_text(f, size, b) rc |= db_copy(out->f, sizeof out->f, st, c++);
#define DB_ROW_GET_day(f, a, b) out->f = db_row_date(st, c++);
#define DB_ROW_GET_str(f, a, b) rc |= db_row_strdup(st, c++, &out->f);
#define DB_ROW_GET_enum(f, type, parse) out->f = (type)parse(db_text(st, c++));
#define DB_ROW_GET3_(f, kind, a, b) DB_ROW_GET_##kind(f, a, b)
#define DB_ROW_GET2_(f, t) DB_ROW_GET3_(f, t)
#define DB_ROW_GET_(col, type, f) DB_ROW_GET2_(f, DB_ROW_T_##type)

#define DB_ROW_READER(fn, LIST, type)                                                                                  \
    int fn(sqlite3_stmt *st, type *out)                                                                                \
    {                                                                                                                  \
        int c = 0, rc = 0;                                                                                             \
        LIST(DB_ROW_GET_, )                                                                                            \
        return rc ? -1 : 0;                                                                                            \
    }

#endif
