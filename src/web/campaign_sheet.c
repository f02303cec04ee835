/* campaign_sheet.c: campaigns as sheets (see campaign_sheet.h). */
#include "campaign_sheet.h"

#include <stdio.h>
#include <string.h>

#include "money.h"
#include "record_sheets.h"

const char *campaign_rate(const struct campaign *c, char out[16])
{
    if (c->target_households <= 0)
        snprintf(out, 16, "—");
    else
        snprintf(out, 16, "%.2f%%", 100.0 * (double)c->households_reached / (double)c->target_households);
    return out;
}

/* One campaign of the list. */
static void list_row(const struct campaign *c, void *ctx)
{
    char target[SHEET_NUM_SIZE], reached[SHEET_NUM_SIZE], paid[SHEET_NUM_SIZE], min[MONEY_TEXT_SIZE],
        amount[MONEY_TEXT_SIZE], rate[16];
    const char *cells[] = {c->name, c->unit_name, c->programme, c->from, c->to, sheet_num(c->target_households, target),
                           sheet_fen(c->min_amount_fen, min), sheet_num(c->households_reached, reached),
                           campaign_rate(c, rate), sheet_num(c->households_paid, paid), sheet_fen(c->amount_fen, amount)};
    sheet_row(ctx, cells);
}

int campaign_list_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"活动", "范围", "扶助项目", "开始日期", "结束日期", "目标户数", "每户最低（元）",
                                        "已达标户数", "完成率", "已帮扶户数", "帮扶金额（元）", NULL};
    (void)arg;
    sheet_init(s, "帮扶活动", heads);
    sheet_date_column(s, 3);
    sheet_date_column(s, 4);
    sheet_int_column(s, 5);
    sheet_money_column(s, 6);
    sheet_int_column(s, 7);
    sheet_int_column(s, 9);
    sheet_money_column(s, 10);
    s->landscape = 1;
    scope_subtitle(r, s);
    char today[11];
    int n = campaign_list(r->db, &r->user, NULL, NULL, date_format(r->today, today), list_row, s);
    if (n > CAMPAIGN_LIST_MAX)
        snprintf(s->after[0], sizeof s->after[0], "只列出最近 %d 个活动（共 %d 个）。", CAMPAIGN_LIST_MAX, n);
    return n < 0 ? -1 : 0;
}

int campaign_sheet(struct req *r, const void *arg, struct sheet *s)
{
    static const char *const heads[] = {"单位", "已帮扶户数", "已达标户数", "帮扶金额（元）", NULL};
    const struct campaign *c = arg;
    char title[CAMPAIGN_NAME_SIZE + 32], paid[SHEET_NUM_SIZE], reached[SHEET_NUM_SIZE], amount[MONEY_TEXT_SIZE],
        min[MONEY_TEXT_SIZE], words[MONEY_CAPITAL_SIZE], rate[16];
    snprintf(title, sizeof title, "帮扶活动进度：%s", c->name);
    sheet_init(s, title, heads);
    sheet_int_column(s, 1);
    sheet_int_column(s, 2);
    sheet_money_column(s, 3);
    if (sheet_scope_subtitle(s, r, "%s %s 至 %s，统计至 %s", c->unit_name, c->from, c->to, c->as_of) != 0 ||
        money_capital(c->min_amount_fen, words, sizeof words) != 0)
        return -1;
    for (int i = 0; i < c->nunits; i++) {
        const char *cells[] = {c->units[i].unit, sheet_num(c->units[i].households_paid, paid),
                               sheet_num(c->units[i].households_reached, reached),
                               sheet_fen(c->units[i].amount_fen, amount)};
        sheet_row(s, cells);
    }
    const char *total[] = {"合计", sheet_num(c->households_paid, paid), sheet_num(c->households_reached, reached),
                           sheet_fen(c->amount_fen, amount)};
    sheet_row(s, total);
    s->total_rows = 1;
    snprintf(s->after[0], sizeof s->after[0], "扶助项目：%s；目标 %lld 户，每户在活动期内累计不少于 %s 元（%s）。",
             c->programme, (long long)c->target_households, money_format(c->min_amount_fen, min, sizeof min), words);
    snprintf(s->after[1], sizeof s->after[1], "已达标 %lld 户，完成率 %s%s", (long long)c->households_reached,
             campaign_rate(c, rate), c->complete ? "。" : "（仅为您管辖范围内的部分）。");
    return 0;
}
