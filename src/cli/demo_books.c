/* demo_books.c: adjustments and a reversal for the demo's vouchers (see demo_books.h). */
#include "demo_books.h"

#include <stdio.h>

#include "guarantee.h"
#include "relief_fund.h"
#include "user.h"

/* Loads a demo account by username. 0 or -1. */
static int demo_user(struct db *db, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(db, id, u) == 0 ? 0 : -1;
}

int demo_books(struct db *db, struct date today)
{
    struct user_ctx district, town;
    struct err e = {0};
    char interest_on[11], fee_on[11], twice_on[11], reversed_on[11], doc[64];
    date_format(date_add_days(today, -24), interest_on);
    date_format(date_add_days(today, -23), fee_on);
    date_format(date_add_days(today, -40), twice_on);
    date_format(date_add_days(today, -38), reversed_on);
    snprintf(doc, sizeof doc, "捐赠-%.4s-003", twice_on);
    int64_t fund = db_int(db, 0, "SELECT id FROM relief_funds ORDER BY id LIMIT 1", "");
    int64_t twice = -1;
    int ok = demo_user(db, "qu_caiwu", &district) == 0 && demo_user(db, "xj_caiwu", &town) == 0 &&
             guarantee_fund_add(db, &district, "adjustment", 86000, interest_on, "山农信息〔专户〕",
                                "担保基金专户存款结息", today, &e) > 0 &&
             guarantee_fund_add(db, &district, "adjustment", -2000, fee_on, "山农信费〔专户〕", "专户账户管理费", today,
                                &e) > 0 &&
             (twice = relief_fund_income(db, &town, fund, "donation", 3600000, twice_on, doc,
                                         "西集镇商会“三八”捐赠（重复登记）", today, &e)) > 0 &&
             relief_fund_reverse(db, &town, twice, reversed_on, "与捐赠-003 号重复登记", today, &e) > 0;
    if (!ok)
        fprintf(stderr, "错误: 创建演示记账数据失败：%s\n", e.message[0] ? e.message : db_errmsg(db));
    return ok ? 0 : -1;
}
