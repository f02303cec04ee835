/* roll_sheet.c: a roll's payment file and its list as sheets (see roll_sheet.h). */
#include "roll_sheet.h"

#include <stdio.h>
#include <string.h>

#include "bank_return_page.h"
#include "bank_sheet.h"
#include "masking.h"
#include "money.h"
#include "roll_pay.h"
#include "sheet.h"

/* Context of a sheet being filled from roll lines. */
struct fill {
    struct sheet *s;
    const struct roll *roll;
};

/* A payment file being written from roll lines. */
struct bank_fill {
    struct bank_sheet *b;
    const char *memo;
};

/* One line of the payment file: the row number the return file names, the person whole. */
static void bank_line(const struct roll_line *l, void *ctx)
{
    struct bank_fill *f = ctx;
    if (!l->bank_account[0])
        return; /* no account: paid in the next file once one is recorded */
    struct bank_line line = {l->id, l->name, l->id_number, l->bank_name, l->bank_account, l->amount_fen, f->memo,
                             l->village};
    bank_sheet_line(f->b, &line);
}

void roll_bank_file_reply(struct req *r, int64_t roll_id)
{
    struct roll roll;
    struct err e = {0};
    struct bank_sheet b;
    if (bank_sheet_begin(r, &b) != 0)
        return;
    char memo[PROGRAMME_NAME_SIZE + 16], stem[48];
    struct bank_fill f = {&b, memo};
    int rc = roll_bank_file_open(r->db, &r->user, roll_id, &roll, &e);
    if (rc == 0) {
        bank_sheet_title(&b, "%s%s%d年代发文件", roll.unit_name, roll.programme, roll.year);
        snprintf(memo, sizeof memo, "%s%d", roll.programme, roll.year);
        if (roll_lines(r->db, roll_id, ROLL_PAYABLE, 0, -1, 0, bank_line, &f) < 0)
            rc = db_fail(r->db, &e);
    }
    if (rc != 0) {
        bank_sheet_free(&b);
        reply_error(r, &e);
        return;
    }
    snprintf(stem, sizeof stem, "roll-%lld-bank", (long long)roll_id);
    bank_sheet_reply(r, &b, stem);
}

int roll_bank_import(struct req *r, const char *data, size_t len, int commit, struct bank_return_result *res,
                     struct err *e)
{
    return roll_bank_return(r->db, &r->user, r->id[0], bank_return_format(r), data, len, r->today, commit, res, e);
}

/* One row of the staff's list: the name masked. */
static void list_line(const struct roll_line *l, void *ctx)
{
    struct fill *f = ctx;
    char name[NAME_SIZE], fen[MONEY_TEXT_SIZE];
    const char *pay = !strcmp(l->pay_state, "paid") ? "已发放" : !strcmp(l->pay_state, "failed") ? "发放失败" : "待发放";
    const char *cells[] = {mask_name(l->name, name, sizeof name), l->village, roll_status_name(l->status),
                           sheet_fen(l->amount_fen, fen), pay, l->pay_reason};
    sheet_row(f->s, cells);
}

int roll_sheet_if_asked(struct req *r, const struct roll *roll)
{
    if (!sheet_asks_for(r, "csv") && !sheet_asks_for(r, "xlsx") && !sheet_asks_for(r, "pdf"))
        return 0;
    static const char *const heads[] = {"姓名", "村", "状态", "金额", "发放", "失败原因", NULL};
    struct sheet s;
    char title[PROGRAMME_NAME_SIZE + NAME_SIZE + 32], name[64];
    snprintf(title, sizeof title, "%s%s%d年资格确认名册", roll->unit_name, roll->programme, roll->year);
    sheet_init(&s, title, heads);
    sheet_money_column(&s, 3);
    struct fill f = {&s, roll};
    snprintf(name, sizeof name, "roll-%lld.csv", (long long)roll->id);
    struct err e = {0};
    if (roll_lines(r->db, roll->id, ROLL_INCLUDED, 0, -1, 0, list_line, &f) < 0) {
        db_fail(r->db, &e);
        reply_error(r, &e);
    } else {
        sheet_reply_by_format(r, &s, name);
    }
    sheet_free(&s);
    return 1;
}
