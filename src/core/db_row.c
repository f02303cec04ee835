/*
 * db_row.c: the functions behind the typed row readers of db_row.h.
 */
#include "db_row.h"

#include <stdlib.h>
#include <string.h>

#include "log.h"

int db_row_strdup(sqlite3_stmt *st, int col, char **out)
{
    *out = strdup(db_text(st, col));
    if (*out)
        return 0;
    log_error("db: out of memory reading column %d", col);
    return -1;
}

struct date db_row_date(sqlite3_stmt *st, int col)
{
    struct date d = {0, 0, 0};
    date_parse(db_text(st, col), &d); /* leaves d at {0,0,0} when not a date */
    return d;
}

int db_row_fail(struct err *e)
{
    return err_set(e, 500, "database_error", NULL, "数据库中的数据超出长度，请联系管理员");
}
