/* demo_information.c: the demo information items of 西集镇 (see demo_information.h). */
#include "demo_information.h"

#include <stdio.h>

#include "information.h"
#include "unit.h"
#include "user.h"

/* Collects the villages of the township as recipients. */
struct villages {
    struct info_recipient v[32];
    int n;
};

/* Keeps one village as a whole-village recipient. */
static void village(const struct unit *u, void *ctx)
{
    struct villages *vs = ctx;
    if (vs->n < (int)(sizeof vs->v / sizeof vs->v[0]))
        vs->v[vs->n++] = (struct info_recipient){.village_id = u->id};
}

int demo_information(struct db *db, struct date today)
{
    struct user_ctx assoc;
    struct err e = {0};
    int64_t uid = db_int(db, 0, "SELECT id FROM users WHERE username = 'xj_xiehui'", "");
    int64_t township = db_int(db, 0, "SELECT id FROM units WHERE name = '西集镇'", "");
    struct unit t;
    struct villages vs = {0};
    if (uid <= 0 || user_load(db, uid, &assoc) != 0 || unit_get(db, township, &t) != 0 ||
        unit_list(db, t.path, "village", village, &vs) <= 0) {
        fprintf(stderr, "错误: 创建演示信息服务失败（演示账号或西集镇）\n");
        return -1;
    }
    struct info_recipient jobs[3];
    for (int i = 0; i < 3; i++)
        jobs[i] = (struct info_recipient){.household_id = db_int(db, 0, "SELECT h.id FROM households h JOIN units v ON "
                                                                       "v.id = h.village_id WHERE v.name = '西集村' "
                                                                       "ORDER BY h.id LIMIT 1 OFFSET ?",
                                                                 "i", (int64_t)i)};
    static const struct {
        int kind, ago, whole, only_first;
        const char *title, *text;
    } rows[] = {
        {INFO_MARKET, 50, 1, 0, "本周蔬菜批发价格", "西集批发市场：黄瓜每斤 1.8 元，西红柿每斤 2.2 元，青椒每斤 2.5 元，比上周略涨。"},
        {INFO_JOBS, 35, 0, 0, "县食品厂招收季节工", "县食品厂招收包装工 20 名，每月 3500 元，管午饭，报名找镇劳动保障所。"},
        {INFO_TECHNOLOGY, 20, 1, 1, "大棚蔬菜冬季防冻要点", "夜间加盖草帘，棚内温度不低于 8 度；雪后及时清除棚顶积雪。"},
        {INFO_MARKET, 5, 1, 0, "生猪出栏价格", "本周生猪出栏价每公斤 15.6 元，仔猪每头 480 元。"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char on[11];
        struct info_input in = {.title = rows[i].title, .kind = rows[i].kind,
                                .on = date_format(date_add_days(today, -rows[i].ago), on), .unit_id = township,
                                .text = rows[i].text, .nrecipients = rows[i].whole ? (rows[i].only_first ? 1 : vs.n) : 3,
                                .recipients = rows[i].whole ? vs.v : jobs};
        if (info_create(db, &assoc, &in, today, &e) < 0) {
            fprintf(stderr, "错误: 创建演示信息服务失败：%s\n", e.message);
            return -1;
        }
    }
    return 0;
}
