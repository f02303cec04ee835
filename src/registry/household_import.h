/*
 * household_import.h: CSV import of households (UTF-8 with or without BOM, or GB18030 as
 * Chinese spreadsheets export it). Every row is checked first; nothing is imported unless all
 * rows are valid, and then all rows go in one transaction with one audit record.
 *
 * Columns (by header name, any order): 村, 户主姓名, 户主身份证号, 户主手机号, 住址, 家庭类别,
 * 符合政策, 成员. 家庭类别: names separated by 、 or ; — 符合政策: 是/否 — 成员: people
 * separated by ; each as 姓名/身份证号/关系. A village name may be written 镇名/村名.
 */
#ifndef BANGFU_HOUSEHOLD_IMPORT_H
#define BANGFU_HOUSEHOLD_IMPORT_H
#include <stddef.h>

#include "date.h"
#include "db.h"
#include "err.h"
#include "user.h"

#define IMPORT_MAX_PROBLEMS 500
#define IMPORT_MAX_ROWS 20000

struct import_problem {
    int line; /* physical line in the file, 1-based */
    char message[320];
};

struct import_result {
    const char *encoding; /* "UTF-8", "UTF-8-BOM" or "GB18030" */
    int rows;             /* data rows read */
    int nproblems;        /* problems found (at most IMPORT_MAX_PROBLEMS kept) */
    int more_problems;    /* rows with problems beyond those kept */
    struct import_problem problems[IMPORT_MAX_PROBLEMS];
    char *utf8;           /* the file as UTF-8 (malloc'd; household_import_free) */
    size_t utf8_len;
};

/* Reads and checks every row of the file (raw bytes in any supported encoding). With commit
   and no problems, imports all rows in one transaction. Returns 0 when the file could be read
   (check res->nproblems), or -1 with e filled (unreadable encoding, no header, too many rows,
   database error). */
int household_import(struct db *db, const struct user_ctx *actor, const char *data, size_t len, struct date today,
                     int commit, struct import_result *res, struct err *e);
void household_import_free(struct import_result *res);


#endif
