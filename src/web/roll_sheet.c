/* roll_sheet.c: a roll's payment file and its list as sheets (see roll_sheet.h). */
#include "roll_sheet.h"

#include <stdio.h>
#include <string.h>

#include "masking.h"
#include "money.h"
#include "roll_pay.h"
#include "sheet.h"

/* Context of a sheet being filled from roll lines. */
struct fill {
    struct sheet *s;
    const struct roll *roll;
    int64_t skipped; /* unpaid rows without a bank account (not in the payment file) */
};

/* One line of the payment file: the row number the return file names, the person whole. */
static void bank_line(const struct roll_line *l, void *ctx)
{
    struct fill *f = ctx;
    if (!l->bank_account[0]) {
        f->skipped++;
        return;
    }
    char row[24], fen[MONEY_TEXT_SIZE], memo[PROGRAMME_NAME_SIZE + 16];
    snprintf(row, sizeof row, "%lld", (long long)l->id);
    snprintf(memo, sizeof memo, "%s%d", f->roll->programme, f->roll->year);
    const char *cells[] = {row, l->name, l->id_number, l->bank_name, l->bank_account, sheet_fen(l->amount_fen, fen),
                           memo, l->village};
    sheet_row(f->s, cells);
}

void roll_bank_file_reply(struct req *r, int64_t roll_id)
{
    struct roll roll;
    struct err e = {0};
    if (roll_bank_file_open(r->db, &r->user, roll_id, &roll, &e) != 0) {
        reply_error(r, &e);
        return;
    }
    static const char *const heads[] = {"序号", "姓名", "身份证号", "开户银行", "账号", "金额", "摘要", "村", NULL};
    struct sheet s;
    char title[PROGRAMME_NAME_SIZE + NAME_SIZE + 32];
    snprintf(title, sizeof title, "%s%s%d年代发文件", roll.unit_name, roll.programme, roll.year);
    sheet_init(&s, title, heads);
    sheet_money_column(&s, 5);
    struct fill f = {&s, &roll, 0};
    if (roll_lines(r->db, roll_id, ROLL_PAYABLE, -1, 0, bank_line, &f) < 0) {
        sheet_free(&s);
        db_fail(r->db, &e);
        reply_error(r, &e);
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "roll-%lld-bank.%s", (long long)roll_id, sheet_asks_for(r, "xlsx") ? "xlsx" : "csv");
    if (sheet_asks_for(r, "xlsx"))
        sheet_reply_xlsx(r, &s, name);
    else
        sheet_reply_csv(r, &s, name);
    sheet_free(&s);
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
    struct fill f = {&s, roll, 0};
    snprintf(name, sizeof name, "roll-%lld.csv", (long long)roll->id);
    struct err e = {0};
    if (roll_lines(r->db, roll->id, ROLL_INCLUDED, -1, 0, list_line, &f) < 0) {
        db_fail(r->db, &e);
        reply_error(r, &e);
    } else {
        sheet_reply_by_format(r, &s, name);
    }
    sheet_free(&s);
    return 1;
}
