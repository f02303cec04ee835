/* demo_aid.c: the demo's aid in kind (see demo_aid.h). */
#include "demo_aid.h"

#include <stdio.h>

#include "aid.h"
#include "user.h"

int demo_aid(struct db *db, struct date today)
{
    struct user_ctx clerk;
    struct err e = {0};
    char on[11];
    int64_t clerk_id = db_int(db, 0, "SELECT id FROM users WHERE username = 'xj_jiuzhu'", "");
    int64_t fund = db_int(db, 0, "SELECT f.id FROM relief_funds f JOIN units u ON u.id = f.unit_id "
                                 "WHERE u.name = '西集镇' ORDER BY f.id LIMIT 1", "");
    /* the day of the Spring Festival visits: 25 January, of last year while this year's is still ahead */
    struct date day = {today.y, 1, 25};
    if (date_cmp(day, today) > 0)
        day.y--;
    date_format(day, on);
    if (clerk_id <= 0 || user_load(db, clerk_id, &clerk) != 0 || fund <= 0) {
        fprintf(stderr, "错误: 创建演示慰问品失败：缺少救助经办员或西集镇的资金\n");
        return -1;
    }
    /* the first four hardship households of 西集镇 each get one item: {item id, quantity} */
    static const int64_t given[][2] = {{1, 2}, {2, 1}, {3, 2}, {4, 1}};
    int64_t last = 0;
    for (int i = 0; i < 4; i++) {
        int64_t hh = db_int(db, 0, "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id "
                                   "JOIN units t ON t.id = v.parent_id JOIN household_category_links l "
                                   "ON l.household_id = h.id AND l.category = 'hardship' WHERE t.name = '西集镇' "
                                   "ORDER BY h.id LIMIT 1 OFFSET ?", "d", i);
        struct aid_input in = {hh, given[i][0], fund, given[i][1], on, "春节走访慰问"};
        if (hh <= 0 || (last = aid_distribute(db, &clerk, &in, today, &e)) < 0) {
            fprintf(stderr, "错误: 创建演示慰问品失败：%s\n", e.message[0] ? e.message : "没有计生困难家庭");
            return -1;
        }
    }
    /* the last one entered twice by mistake: the second entry reversed */
    struct aid_row x;
    if (aid_get(db, &clerk, last, &x, &e) != 0)
        return -1;
    struct aid_input again = {x.household_id, x.item_id, fund, x.quantity, on, "春节走访慰问"};
    int64_t twice = aid_distribute(db, &clerk, &again, today, &e);
    if (twice < 0 || aid_reverse(db, &clerk, twice, "重复录入", today, &e) != 0) {
        fprintf(stderr, "错误: 创建演示慰问品冲销失败：%s\n", e.message);
        return -1;
    }
    return 0;
}
