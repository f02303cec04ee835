/* demo_programmes.c: the demo programmes of 西集镇 (see demo_programmes.h). */
#include "demo_programmes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "notice.h"
#include "roll_pay.h"
#include "user.h"

struct pdemo {
    struct db *db;
    struct user_ctx admin, clerk, assoc, finance; /* the roll's maker, its approver and the payer differ */
    int64_t xiji, fund;
    struct err e;
};

/* Prints what failed and returns -1. */
static int fail(struct pdemo *d, const char *step)
{
    fprintf(stderr, "错误: 创建演示扶助项目失败（%s）：%s\n", step, d->e.message[0] ? d->e.message : db_errmsg(d->db));
    return -1;
}

/* Loads a demo account by username. 0 or -1. */
static int load(struct pdemo *d, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(d->db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(d->db, id, u) == 0 ? 0 : -1;
}

/* Hukou and bank accounts for the township's people (one in six 非农业; accounts for those of 55
   or more, but one in seventeen without), and one death in the year. 0 or -1. */
static int registry_facts(struct pdemo *d, struct date today)
{
    char born[11], died[11];
    snprintf(born, sizeof born, "%04d-12-31", today.y - 55);
    date_format(date_add_days(today, -20), died);
    int ok = db_run(d->db, "UPDATE members SET hukou = CASE WHEN id % 6 = 0 THEN 'urban' ELSE 'rural' END "
                           "WHERE household_id IN (SELECT h.id FROM households h JOIN units v ON v.id = h.village_id "
                           "WHERE v.parent_id = ?)", "i", d->xiji) == SQLITE_DONE &&
             db_run(d->db, "UPDATE members SET bank_name = '山亭农商银行', bank_account = '62179955' || printf('%011d', id) "
                           "WHERE birth_date <= ? AND id % 17 <> 0 AND hukou IS NOT NULL", "t", born) == SQLITE_DONE &&
             db_run(d->db, "UPDATE members SET died_on = ? WHERE id = (SELECT min(m.id) FROM members m JOIN "
                           "household_category_links c ON c.household_id = m.household_id AND c.category = 'one_child' "
                           "WHERE m.birth_date <= ? AND m.hukou = 'rural')", "tt", died, born) == SQLITE_DONE;
    return ok ? 0 : -1;
}

/* The bank's return file for the roll's payable rows: all paid but the first (a closed account). */
static void return_line(const struct roll_line *l, void *ctx)
{
    struct buf *b = ctx;
    if (!l->bank_account[0])
        return;
    int first = !strchr(b->data, '\n') || strstr(b->data, "\n") == strrchr(b->data, '\n');
    buf_printf(b, "%lld,%s,%lld.%02lld,%s,%s\n", (long long)l->id, l->bank_account, (long long)(l->amount_fen / 100),
               (long long)(l->amount_fen % 100), first ? "失败" : "成功", first ? "户名与账号不符" : "");
}

/* Last year's roll: made, noticed and approved in January, paid through the credit union. */
static int last_year(struct pdemo *d, int64_t programme, struct date today)
{
    struct date made = {today.y, 1, 10}, approved = {today.y, 1, 20}, paid = {today.y, 1, 25};
    if (date_cmp(today, (struct date){today.y, 2, 1}) < 0)
        return 0; /* too early in the year for a finished roll: only this year's draft */
    int64_t roll = roll_create(d->db, &d->clerk, programme, today.y - 1, d->xiji, made, &d->e);
    struct notice_input ni = {.kind = "roll", .roll_id = roll, .days = 7};
    if (roll < 0 || notice_create(d->db, &d->assoc, &ni, made, &d->e) < 0 ||
        roll_approve(d->db, &d->assoc, roll, approved, &d->e) != 0)
        return fail(d, "上年名册");
    struct roll r;
    char on[11], doc[DOC_NO_SIZE];
    if (roll_get(d->db, &d->finance, roll, &r, &d->e) != 0)
        return fail(d, "上年名册");
    snprintf(doc, sizeof doc, "山区财〔%d〕3号", today.y);
    if (relief_fund_income(d->db, &d->finance, d->fund, "district", r.total_fen * 2 + 10000000, date_format(made, on), doc,
                           "奖励扶助资金（区财政拨付）", today, &d->e) < 0)
        return fail(d, "奖励扶助资金");
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "序号,账号,金额,结果,原因\n");
    struct bank_return_result *res = calloc(1, sizeof *res);
    int rc = res && roll_lines(d->db, roll, ROLL_PAYABLE, 0, -1, 0, return_line, &b) >= 0 &&
                     roll_bank_return(d->db, &d->finance, roll, 0, b.data, b.len, paid, 1, res, &d->e) == 0
                 ? 0
                 : fail(d, "银行回盘");
    free(res);
    buf_free(&b);
    return rc;
}

int demo_programmes(struct db *db, struct date today)
{
    struct pdemo d = {.db = db};
    d.xiji = db_int(db, 0, "SELECT id FROM units WHERE name = '西集镇'", "");
    if (load(&d, "admin", &d.admin) || load(&d, "xj_jiuzhu", &d.clerk) || load(&d, "xj_xiehui", &d.assoc) ||
        load(&d, "xj_caiwu", &d.finance))
        return fail(&d, "演示账号");
    /* the entitlements are paid from a fund of their own (the district's 奖励扶助 money), not from the
       township's relief fund */
    d.fund = relief_fund_create(db, &d.finance, "计划生育奖励扶助资金", &d.e);
    if (d.fund < 0)
        return fail(&d, "奖励扶助资金");
    if (registry_facts(&d, today) != 0)
        return fail(&d, "户籍与银行账户");
    struct programme_input reward = {.name = "农村部分计划生育家庭奖励扶助", .beneficiary = "person", .period = "year",
                                     .amount_fen = 96000, .effective_from = "2020-01-01", .fund_id = d.fund,
                                     .categories = 1u << HC_ONE_CHILD | 1u << HC_TWO_DAUGHTERS, .min_age = 60,
                                     .max_age = -1, .age_on = "12-31", .hukou = "rural", .alive_resident = 1};
    struct programme_input daughters = {.name = "独女户/双女绝育户年度奖励", .beneficiary = "household", .period = "year",
                                        .amount_fen = 60000, .effective_from = "2020-01-01", .fund_id = d.fund,
                                        .categories = 1u << HC_ONLY_DAUGHTER | 1u << HC_TWO_DAUGHTERS_STERILISED,
                                        .min_age = -1, .max_age = -1, .alive_resident = 1};
    int64_t id = programme_create(db, &d.admin, &reward, today, &d.e);
    if (id < 0 || programme_create(db, &d.admin, &daughters, today, &d.e) < 0)
        return fail(&d, "扶助项目");
    if (last_year(&d, id, today) != 0)
        return -1;
    return roll_create(db, &d.clerk, id, today.y, d.xiji, today, &d.e) > 0 ? 0 : fail(&d, "本年名册");
}
