/* page_letters.c: the reminder letters (催收通知书, 还款提醒函) of the loans overdue or due within
   ?days= (1..366, 30 when absent), one A4 page a loan, for the scope or one village (?village_id=),
   as a PDF on the staff site and in the API. Thin over reminder.c and reminder_letter.c. */
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "reminder.h"
#include "reminder_letter.h"
#include "unit.h"

struct letters {
    struct pdf *pdf;
    struct date today;
};

/* Adds one loan's letter. */
static void letter(const struct reminder *m, void *ctx)
{
    struct letters *c = ctx;
    reminder_letter_page(c->pdf, m, c->today);
}

void page_due_letters(struct req *r)
{
    int64_t days = req_query_int(r, "days", 30), village = req_query_int(r, "village_id", 0);
    if (days < 1 || days > 366) {
        reply_fail(r, 422, "invalid_days", "days 应为 1 到 366 之间的天数");
        return;
    }
    if (village) {
        struct unit u;
        int in_scope = 0;
        if (unit_get_in_scope(r->db, village, r->user.unit_path, &u, &in_scope) != 0 || strcmp(u.kind, "village")) {
            reply_fail(r, 404, "not_found", "村不存在");
            return;
        }
        if (!in_scope) {
            reply_fail(r, 403, "out_of_scope", "该村不在您的管辖范围内");
            return;
        }
    }
    const char *why = NULL;
    struct pdf *p = reminder_letters_new(&why);
    if (!p) {
        reply_fail(r, 500, "pdf_failed", why);
        return;
    }
    struct err e = {0};
    struct letters c = {p, r->today};
    int n = reminder_list(r->db, &r->user, village, r->today, (int)days, letter, &c, &e);
    if (n < 0) {
        pdf_free(p);
        reply_json_error(r, &e);
        return;
    }
    if (n == 0)
        reminder_letters_none(p, (int)days, r->today);
    char *pdf = NULL;
    size_t len = 0;
    if (reminder_letters_finish(p, &pdf, &len, &why) != 0) {
        reply_fail(r, 500, "pdf_failed", why ? why : "PDF 生成失败");
        return;
    }
    reply_bytes(r, "application/pdf", pdf, len);
}
