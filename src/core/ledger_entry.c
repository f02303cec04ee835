/* ledger_entry.c: checks of the fields every fund ledger entry shares (see ledger_entry.h). */
#include "ledger_entry.h"

#include <stddef.h>

#include "date.h"
#include "text.h"

int ledger_entry_date(const char *on, struct date today, struct err *e)
{
    struct date d;
    if (!on || date_parse(on, &d) != 0)
        return err_set(e, 422, "invalid_date", "on", "日期格式应为 YYYY-MM-DD");
    if (date_cmp(d, today) > 0)
        return err_set(e, 422, "invalid_date", "on", "日期不能晚于今天");
    if (d.y < LEDGER_EARLIEST_YEAR)
        return err_set(e, 422, "invalid_date", "on", "日期不能早于 %d 年", LEDGER_EARLIEST_YEAR);
    return 0;
}

int ledger_entry_check(const char *on, struct date today, const char *document_no, const char *note, struct err *e)
{
    if (ledger_entry_date(on, today, e) != 0)
        return -1;
    if (text_check(document_no, 1, DOC_NO_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_document_no", "document_no", "请填写文件号或凭证号（50字以内）");
    if (note && text_check(note, 0, NOTE_MAX_CHARS) != 0)
        return err_set(e, 422, "invalid_note", "note", "备注不能超过200字");
    return 0;
}
