/* demo_bank.c: the demo's second bank format (see demo_bank.h). */
#include "demo_bank.h"

int demo_bank_formats(struct db *db)
{
    return db_run(db, "INSERT INTO bank_formats (name, columns, encoding, is_default, updated_by) VALUES "
                      "('山亭农商银行（GBK）', '[{\"key\":\"row\",\"head\":\"序号\"},{\"key\":\"account\",\"head\":\"卡号\"},"
                      "{\"key\":\"name\",\"head\":\"户名\"},{\"key\":\"amount\",\"head\":\"金额\"},"
                      "{\"key\":\"memo\",\"head\":\"用途\"}]', 'gb18030', 0, 1)", "") == SQLITE_DONE ? 0 : -1;
}
