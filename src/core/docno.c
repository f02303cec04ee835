/* docno.c: the one numbering service (see docno.h). */
#include "docno.h"

#include <stdio.h>

const char *docno_kind_name(enum docno_kind kind)
{
    static const char *const names[] = {"relief_receipt", "guarantee_letter", "settlement", "notice"};
    return names[kind];
}

int docno_format(enum docno_kind kind, const char *unit_short, int year, int64_t seq, char *out, size_t n,
                 struct err *e)
{
    static const char *const marks[] = {"", "担", "结", "公示"}; /* between the unit and 〔year〕 */
    int len = kind == DOCNO_RELIEF_RECEIPT
                  ? snprintf(out, n, "%s-%04d-%06lld", unit_short, year, (long long)seq)
                  : snprintf(out, n, "%s%s〔%04d〕%03lld号", unit_short, marks[kind], year, (long long)seq);
    if (len < 0 || (size_t)len >= n)
        return err_set(e, 500, "docno_too_long", NULL, "文书编号过长（%s）", unit_short);
    return 0;
}

int64_t docno_next(struct db *db, int64_t unit_id, enum docno_kind kind, int year, const char *unit_short, char *out,
                   size_t n, struct err *e)
{
    int64_t seq = db_int(db, -1,
                         "INSERT INTO docno_counters (unit_id, kind, year, last) VALUES (?, ?, ?, 1) "
                         "ON CONFLICT (unit_id, kind, year) DO UPDATE SET last = last + 1 RETURNING last",
                         "itd", unit_id, docno_kind_name(kind), year);
    if (seq < 1)
        return db_fail(db, e);
    return docno_format(kind, unit_short, year, seq, out, n, e) == 0 ? seq : -1;
}
