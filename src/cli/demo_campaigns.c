/* demo_campaigns.c: the demo campaigns (see demo_campaigns.h). */
#include "demo_campaigns.h"

#include <stdio.h>

#include "campaign.h"
#include "user.h"

int demo_campaigns(struct db *db, struct date today)
{
    struct user_ctx admin;
    struct err e = {0};
    char name[2][CAMPAIGN_NAME_SIZE], from[2][11], to[2][11];
    /* The Spring Festival batch of demo_relief starts on 20 January (of last year when that is less than
       eight days ago): the campaign runs over that festival's first quarter. */
    int festival = today.y - (date_diff(today, (struct date){today.y, 1, 20}) < 8);
    snprintf(name[0], sizeof name[0], "%d年春节走访慰问", festival);
    snprintf(from[0], sizeof from[0], "%04d-01-01", festival);
    snprintf(to[0], sizeof to[0], "%04d-03-31", festival);
    snprintf(name[1], sizeof name[1], "双千帮扶（%d年）", today.y);
    snprintf(from[1], sizeof from[1], "%04d-01-01", today.y);
    snprintf(to[1], sizeof to[1], "%04d-12-31", today.y);
    const struct campaign_input in[] = {
        {name[0], 60, 50000, from[0], to[0],
         db_int(db, 0, "SELECT programme_id FROM relief_categories WHERE code = 'spring_festival'", ""),
         db_int(db, 0, "SELECT id FROM units WHERE name = '西集镇'", "")},
        {name[1], 1000, 100000, from[1], to[1],
         db_int(db, 0, "SELECT programme_id FROM relief_categories WHERE code = 'double_thousand'", ""), 0},
    };
    if (user_load(db, 1, &admin) != 0) {
        fprintf(stderr, "错误: 创建演示帮扶活动失败：无法读取管理员账号\n");
        return -1;
    }
    for (int i = 0; i < 2; i++)
        if (campaign_create(db, &admin, &in[i], &e) < 0) {
            fprintf(stderr, "错误: 创建演示帮扶活动失败（%s）：%s\n", in[i].name, e.message);
            return -1;
        }
    return 0;
}
