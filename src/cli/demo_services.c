/* demo_services.c: the demo pairs, visits, complaints, courses and relief B角 of 西集镇 (see
   demo_services.h). */
#include "demo_services.h"

#include <stdio.h>
#include <string.h>

#include "pair.h"
#include "relief_backup.h"
#include "complaint.h"
#include "training.h"
#include "visit.h"
#include "user.h"

/* Loads a demo account. 0 or -1. */
static int load(struct db *db, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(db, id, u) == 0 ? 0 : -1;
}

/* Prints what failed and returns -1. */
static int fail(const char *step, const struct err *e)
{
    fprintf(stderr, "错误: 创建演示帮扶服务失败（%s）：%s\n", step, e->message);
    return -1;
}

/* The n-th household (from 0, by id) of a village by name; 0 when there is none. */
static int64_t household_of(struct db *db, const char *village, int n)
{
    return db_int(db, 0, "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id WHERE v.name = ? "
                         "ORDER BY h.id LIMIT 1 OFFSET ?",
                  "ti", village, (int64_t)n);
}

/* Records a visit `ago` days before today, with a next step in `next_in` days (0 none). 0 or -1. */
static int visit(struct db *db, const struct user_ctx *by, int64_t household, int64_t pair_id, long ago,
                 enum visit_kind kind, const char *note, const char *next_step, long next_in, struct date today,
                 struct err *e)
{
    char on[11], next[11];
    struct visit_input in = {.household_id = household, .pair_id = pair_id,
                             .on = date_format(date_add_days(today, -ago), on), .kind = kind, .note = note,
                             .next_step = next_step,
                             .next_on = next_in ? date_format(date_add_days(today, next_in - ago), next) : NULL};
    return visit_create(db, by, &in, today, e) < 0 ? -1 : 0;
}

/* Pairs helper in (its household set here) from the day `ago` days before today. Returns the id or -1. */
static int64_t pair(struct db *db, const struct user_ctx *by, struct pair_input in, int64_t household, long ago,
                    struct date today, struct err *e)
{
    char from[11];
    in.household_id = household;
    in.from = date_format(date_add_days(today, -ago), from);
    return pair_create(db, by, &in, today, e);
}

/* The demo complaints: filed `ago` days before today by the public (by NULL) or staff, resolved
   `done` days after filing (-1: still open) with a satisfaction. 0 or -1. */
static int complaints(struct db *db, const struct user_ctx *staff, struct date today, struct err *e)
{
    static const struct {
        int ago, done, by_staff, village;
        const char *category, *text, *contact, *resolution, *satisfaction;
    } rows[] = {
        {40, 3, 0, 1, "complaint", "村里的救助公示贴出来只有三天就撤了。", "13905386601", "已要求村里补足七天公示期", "满意"},
        {30, 9, 1, 1, "suggestion", "电话反映：希望多办几期大棚蔬菜技术培训。", "赵大爷", "已列入明年培训计划", "基本满意"},
        {20, -1, 0, 0, "complaint", "贷款审批太慢，交了材料半个月没有消息。", "13905386602", NULL, NULL},
        {2, -1, 1, 1, "inquiry", "咨询独女户奖励什么时候发放。", "13905386603", NULL, NULL},
    };
    int64_t xiji = db_int(db, 0, "SELECT id FROM units WHERE name = '西集村'", "");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct complaint_input in = {.text = rows[i].text, .contact = rows[i].contact,
                                     .village_id = rows[i].village ? xiji : 0, .category = rows[i].category};
        struct date due, filed = date_add_days(today, -rows[i].ago);
        int64_t id = complaint_file(db, rows[i].by_staff ? staff : NULL, &in, "demo", filed, &due, e);
        if (id < 0 || (rows[i].done >= 0 &&
                       complaint_resolve(db, staff, id, rows[i].resolution, rows[i].satisfaction,
                                         date_add_days(filed, rows[i].done), e) != 0))
            return -1;
    }
    return 0;
}

/* Two demo courses of the township: households of 西集村 and 东集村 attend (without a member named). 0 or -1. */
static int trainings(struct db *db, const struct user_ctx *by, int64_t township, struct date today, struct err *e)
{
    static const struct {
        const char *title, *place, *trainer;
        int ago, from, n;
    } rows[] = {{"大棚蔬菜种植技术培训", "西集镇农技站", "刘强", 60, 0, 8}, {"农村电商入门", "西集镇文化站", "陈晓", 25, 4, 6}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct training_attendee people[16];
        for (int k = 0; k < rows[i].n; k++)
            people[k] = (struct training_attendee){.household_id = household_of(db, k % 2 ? "东集村" : "西集村",
                                                                                rows[i].from + k / 2)};
        char on[11];
        struct training_input in = {.title = rows[i].title, .on = date_format(date_add_days(today, -rows[i].ago), on),
                                    .unit_id = township, .place = rows[i].place, .trainer = rows[i].trainer,
                                    .nattendees = rows[i].n, .attendees = people};
        if (training_create(db, by, &in, today, e) < 0)
            return -1;
    }
    return 0;
}

/* Names a B角 for each relief application of the township still being handled: the village
   officer of the household's village, else a second association worker (the A角 is who took it
   in). 0 or -1. */
static int relief_backups(struct db *db, const struct user_ctx *by, struct err *e)
{
    int64_t second = db_int(db, 0, "SELECT id FROM users WHERE username = 'xj_xiehui2'", "");
    for (;;) {
        int64_t id = db_int(db, 0, "SELECT a.id FROM relief_applications a JOIN households h ON h.id = a.household_id "
                                   "JOIN units v ON v.id = h.village_id WHERE a.backup_handler_id IS NULL "
                                   "AND a.state NOT IN ('paid', 'rejected') AND in_scope(v.path, ?) ORDER BY a.id LIMIT 1",
                            "t", by->unit_path);
        if (id <= 0)
            return 0;
        int64_t officer = db_int(db, second, "SELECT us.id FROM relief_applications a JOIN households h "
                                             "ON h.id = a.household_id JOIN users us ON us.unit_id = h.village_id "
                                             "AND us.role = 'village' AND us.active = 1 AND us.id IS NOT a.created_by "
                                             "WHERE a.id = ? ORDER BY us.id LIMIT 1",
                                 "i", id);
        if (relief_set_backup(db, by, id, officer, e) != 0)
            return -1;
    }
}

int demo_services(struct db *db, struct date today)
{
    struct user_ctx assoc, officer;
    struct err e = {0};
    if (load(db, "xj_xiehui", &assoc) || load(db, "xj_cun_xiji", &officer))
        return fail("演示账号", &e);
    int64_t township = db_int(db, 0, "SELECT id FROM units WHERE name = '西集镇'", "");
    /* the township government with twelve households of 西集村 (增收 and 就业) */
    struct pair_input unit = {.kind = HELPER_UNIT, .unit_id = township, .goals = 1u << 0 | 1u << 1};
    for (int i = 0; i < 12; i++)
        if (pair(db, &assoc, unit, household_of(db, "西集村", i), 200 - i, today, &e) < 0)
            return fail("单位结对", &e);
    /* a cadre with an account, and a named cadre of the township (技术, 产业) */
    struct pair_input cadre = {.kind = HELPER_CADRE, .user_id = assoc.id, .goals = 1u << 2 | 1u << 3};
    struct pair_input named = {.kind = HELPER_CADRE, .name = "韩立军", .unit_id = township, .phone = "13905381234",
                               .goals = 1u << 0 | 1u << 4};
    if (pair(db, &assoc, cadre, household_of(db, "东集村", 0), 150, today, &e) < 0 ||
        pair(db, &assoc, named, household_of(db, "东集村", 1), 120, today, &e) < 0)
        return fail("干部结对", &e);
    /* 富手拉贫手: two prospering households of 西集村 each help a household of their village */
    for (int i = 0; i < 2; i++) {
        struct pair_input rich = {.kind = HELPER_HOUSEHOLD, .helper_household_id = household_of(db, "西集村", 20 + i),
                                  .goals = 1u << 2};
        if (pair(db, &officer, rich, household_of(db, "西集村", 12 + i), 90 - 30 * i, today, &e) < 0)
            return fail("富手拉贫手", &e);
    }
    /* visits: the township's first pair visited three times, the named cadre's once, a follow-up planned */
    int64_t first = household_of(db, "西集村", 0), dong = household_of(db, "东集村", 1);
    int64_t first_pair = db_int(db, 0, "SELECT id FROM pairs WHERE household_id = ? ORDER BY id LIMIT 1", "i", first);
    int64_t dong_pair = db_int(db, 0, "SELECT id FROM pairs WHERE household_id = ? ORDER BY id LIMIT 1", "i", dong);
    if (visit(db, &officer, first, first_pair, 150, VISIT_ADVICE, "了解家庭收入情况，建议发展大棚蔬菜", NULL, 0, today,
              &e) ||
        visit(db, &officer, first, first_pair, 100, VISIT_TRAINING, "推荐参加镇里的大棚蔬菜种植培训",
              "培训后回访种植准备情况", 30, today, &e) ||
        visit(db, &assoc, first, first_pair, 40, VISIT_GOODS, "送去化肥 50 公斤", "春耕前再看一次", 60, today, &e) ||
        visit(db, &assoc, dong, dong_pair, 60, VISIT_INFORMATION, "送去本周蔬菜批发价格和用工信息", NULL, 0, today,
              &e) ||
        visit(db, &officer, household_of(db, "西集村", 12), 0, 20, VISIT_REFERRAL,
              "介绍申请计生信贷助富贷款，讲明需要的材料", "协助准备贷款材料", 10, today, &e))
        return fail("走访", &e);
    if (complaints(db, &officer, today, &e) != 0)
        return fail("投诉和意见", &e);
    if (trainings(db, &assoc, township, today, &e) != 0)
        return fail("技术培训", &e);
    if (relief_backups(db, &assoc, &e) != 0)
        return fail("救助B角", &e);
    /* an ended pair: a cadre moved away */
    struct pair_input moved = {.kind = HELPER_CADRE, .name = "吴德明", .unit_id = township, .phone = "13905380001",
                               .goals = 1u << 0};
    int64_t id = pair(db, &assoc, moved, household_of(db, "东集村", 2), 300, today, &e);
    char on[11];
    if (id < 0 || pair_end(db, &assoc, id, date_format(date_add_days(today, -30), on), "工作调动，改由镇协会结对", today,
                           &e) != 0)
        return fail("结束结对", &e);
    return 0;
}
