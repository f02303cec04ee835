/* demo_loans.c: the demo loan programme of 西集镇 (see demo_loans.h). Everything goes through
   the domain functions as the demo staff would do it through the pages: finance records the
   guarantee fund's income, the association registers applications and ticks documents, the
   reviewers of 经委, 招商办 and 镇计生协会 give their opinions, the association guarantees. */
#include "demo_loans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "followup.h"
#include "guarantee.h"
#include "idcard.h"
#include "loan.h"
#include "servicing.h"
#include "user.h"

/* One demo application: where, how much, what for. */
struct demo_app {
    const char *village;
    int64_t amount_yuan;
    int months;
    const char *type; /* Chinese name, as project_type_parse takes it */
    const char *name;
    int jobs;
    int64_t income_yuan;
    const char *plan_md;
};

/* clang-format off: one Markdown line per source line */
static const char egg_plan[] = "# 蛋鸡养殖场创业方案\n"
                               "\n"
                               "申请人在本村西岭承包闲置场地约 **8 亩**（租期 10 年），新建标准化蛋鸡舍两栋，"
                               "存栏海兰褐蛋鸡 **26,000 只**。申请人从事蛋鸡养殖 6 年，已取得动物防疫条件合格证。\n"
                               "\n"
                               "## 资金用途（贷款 200,000.00 元）\n"
                               "\n"
                               "- 购买 120 日龄青年鸡 26,000 只：约 91,000 元\n"
                               "- 阶梯式鸡笼、自动喂料和清粪设备：约 62,000 元\n"
                               "- 首批饲料和防疫药品：约 47,000 元\n"
                               "\n"
                               "## 预期效益\n"
                               "\n"
                               "- 日产鲜蛋约 **1.3 万枚**（约 800 公斤），由县城两家超市和本镇蛋品收购点定点收购\n"
                               "- 扣除饲料、人工和折旧，预计年纯收入 **15 万元**，36 个月内还清贷款本息\n"
                               "- 安置本村富余劳动力 **6 人**，其中计生困难家庭成员 2 人\n"
                               "\n"
                               "## 风险防范\n"
                               "\n"
                               "1. 严格执行免疫程序，与镇畜牧站签订技术服务协议；\n"
                               "2. 鸡舍和存栏蛋鸡投保政策性养殖保险。\n";

static const char garlic_plan[] =
    "# 大蒜种植创业方案\n"
    "\n"
    "流转本村土地 **10 亩**，种植白皮大蒜，秋季播种、次年五月收获。申请人种植大蒜多年，熟悉田间管理。\n"
    "\n"
    "## 资金用途（贷款 20,000.00 元）\n"
    "\n"
    "- 土地流转费：10 亩 × 600 元 = 6,000 元\n"
    "- 蒜种：8,000 元\n"
    "- 化肥、地膜和农药：4,000 元\n"
    "- 机械播种和收获：2,000 元\n"
    "\n"
    "## 预期效益\n"
    "\n"
    "- 预计亩产鲜蒜 **2,500 斤**，按每斤 2 元计算，年销售收入约 5 万元\n"
    "- 扣除成本后纯收入约 **3 万元**，一年内还清贷款本息\n"
    "- 农忙时雇用本村劳动力 **1 人**\n";

static const char vegetable_plan[] = "# 设施蔬菜大棚\n"
                                     "\n"
                                     "新建冬暖式蔬菜大棚 **4 栋**，种植黄瓜和西红柿。\n"
                                     "\n"
                                     "- 大棚骨架和棚膜：约 36,000 元\n"
                                     "- 种苗、肥料：约 14,000 元\n"
                                     "\n"
                                     "预计年纯收入 **6 万元**。\n";

static const char sheep_plan[] = "# 肉羊养殖\n"
                                 "\n"
                                 "利用自家院落改建羊舍，购进小尾寒羊 **50 只**。\n"
                                 "\n"
                                 "- 购羊：约 22,000 元\n"
                                 "- 羊舍改建和饲草：约 8,000 元\n";

static const char flour_plan[] = "# 石磨面粉加工坊\n"
                                 "\n"
                                 "购置石磨面粉机组两套，收购本地小麦加工石磨面粉，在镇集市和网上销售。\n"
                                 "\n"
                                 "- 设备：约 52,000 元\n"
                                 "- 厂房修缮和收购周转资金：约 28,000 元\n"
                                 "\n"
                                 "预计年纯收入 **7 万元**，雇用 **3 人**。\n";

static const char honeysuckle_plan[] = "# 金银花种植\n"
                                       "\n"
                                       "在村东山坡流转土地 **15 亩**，栽植金银花，与区中药材合作社签订收购协议。\n"
                                       "\n"
                                       "- 种苗和栽植：约 30,000 元\n"
                                       "- 烘干设备：约 30,000 元\n"
                                       "\n"
                                       "第二年起预计年纯收入 **4.5 万元**。\n";

static const char restaurant_plan[] = "# 农家乐餐饮\n"
                                      "\n"
                                      "租用村委会闲置房屋约 **300 平方米**，开办农家乐，接待来龙山的游客。\n"
                                      "\n"
                                      "- 房屋装修：约 55,000 元\n"
                                      "- 厨房设备和桌椅：约 45,000 元\n"
                                      "\n"
                                      "预计年纯收入 **8 万元**，雇用 **4 人**。\n";

static const char nursery_plan[] = "# 桃树苗木繁育基地\n"
                                   "\n"
                                   "流转土地 **30 亩**，繁育优质桃树嫁接苗，供应本区及周边果园。\n"
                                   "\n"
                                   "- 土地流转和整地：约 45,000 元\n"
                                   "- 砧木、接穗和嫁接人工：约 70,000 元\n"
                                   "- 喷灌设施：约 35,000 元\n"
                                   "\n"
                                   "预计年出圃苗木 **15 万株**，年纯收入约 12 万元。\n";

static const char stone_plan[] = "# 石材切割加工厂\n"
                                 "\n"
                                 "新建石材切割加工车间，购置红外线切割机 **3 台**，加工本地青石板材。\n"
                                 "\n"
                                 "- 设备：约 120,000 元\n"
                                 "- 车间和周转资金：约 60,000 元\n";
static const char cattle_plan[] = "# 肉牛养殖\n\n- 新建牛棚一栋，购入西门塔尔牛 **40 头**\n- 青贮玉米自种 20 亩\n";
static const char shop_plan[] = "# 农资门市\n\n- 镇区门面一间，经营化肥、种子、农药\n- 年销售额预计 **60 万元**\n";
static const char mushroom_plan[] = "# 食用菌大棚\n\n- 大棚 4 栋，种植香菇、平菇\n- 与镇合作社签订收购协议\n";
static const char cherry_plan[] = "# 樱桃园改造\n\n- 老樱桃园 **8 亩** 嫁接换种\n- 采摘游与电商销售结合\n";
/* clang-format on */

enum {
    A_DRAFT_DOCS,   /* draft, documents partly received */
    A_DRAFT_NEW,    /* draft, just registered */
    A_REVIEW_FRESH, /* in review, deadline ahead */
    A_REVIEW_LATE,  /* in review, past its deadline */
    A_MORE_INFO,    /* 招商办 asked for the lease contract */
    A_APPROVED,     /* all approved, waiting for the guarantee */
    A_REJECTED,     /* 经委 rejected */
    A_EGG,          /* guaranteed: docs/domain.md's egg farm */
    A_GARLIC,       /* guaranteed: docs/domain.md's garlic field */
    A_LOAN_CURRENT, /* disbursed, every instalment paid on its day */
    A_LOAN_LATE,    /* disbursed, instalments stopped about 40 days ago */
    A_LOAN_PAIDOUT, /* disbursed, stopped paying, paid out by the guarantee and partly recovered */
    A_LOAN_SETTLED, /* disbursed and repaid in full */
    A__MAX
};

static const struct demo_app apps[A__MAX] = {
    [A_DRAFT_DOCS] = {"西集村", 50000, 24, "种植", "设施蔬菜大棚（4栋）", 3, 60000, vegetable_plan},
    [A_DRAFT_NEW] = {"刘家庄村", 30000, 12, "养殖", "肉羊养殖（50只）", 2, 40000, sheep_plan},
    [A_REVIEW_FRESH] = {"东集村", 80000, 24, "加工", "石磨面粉加工坊", 3, 70000, flour_plan},
    [A_REVIEW_LATE] = {"南集村", 60000, 24, "药材", "金银花种植（15亩）", 2, 45000, honeysuckle_plan},
    [A_MORE_INFO] = {"北庄村", 100000, 36, "商贸服务", "农家乐餐饮", 4, 80000, restaurant_plan},
    [A_APPROVED] = {"马庄村", 150000, 36, "林果苗木", "桃树苗木繁育基地（30亩）", 5, 120000, nursery_plan},
    [A_REJECTED] = {"黄庄村", 180000, 36, "加工", "石材切割加工厂", 4, 100000, stone_plan},
    [A_EGG] = {"后林村", 200000, 36, "养殖", "蛋鸡养殖场（2.6万只）", 6, 150000, egg_plan},
    [A_GARLIC] = {"前林村", 20000, 12, "种植", "大蒜种植（10亩）", 1, 30000, garlic_plan},
    [A_LOAN_CURRENT] = {"王楼村", 120000, 24, "养殖", "肉牛养殖（40头）", 3, 90000, cattle_plan},
    [A_LOAN_LATE] = {"李庄村", 60000, 12, "商贸服务", "农资门市", 2, 50000, shop_plan},
    [A_LOAN_PAIDOUT] = {"张洼村", 50000, 12, "种植", "食用菌大棚", 2, 40000, mushroom_plan},
    [A_LOAN_SETTLED] = {"石门村", 30000, 6, "林果苗木", "樱桃园改造（8亩）", 1, 30000, cherry_plan},
};

struct demo {
    struct db *db;
    struct date today;
    struct calendar *cal;
    struct user_ctx assoc, assoc2, jingwei, zhaoshang, pingshen, finance, liaison;
    struct user_ctx district_finance; /* writes the guarantee fund, the district's */
    struct err e;
};

/* Prints what failed and returns -1. */
static int fail(struct demo *d, const char *step)
{
    fprintf(stderr, "错误: 创建演示贷款数据失败（%s）：%s\n", step, d->e.message[0] ? d->e.message : db_errmsg(d->db));
    return -1;
}

/* Loads a demo account by username. 0 or -1. */
static int load_user(struct demo *d, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(d->db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    if (id <= 0 || user_load(d->db, id, u) != 0) {
        snprintf(d->e.message, sizeof d->e.message, "没有演示账号 %s", username);
        return -1;
    }
    return 0;
}

/* The working day n working days before today (n >= 1). */
static struct date working_days_before(const struct demo *d, int n)
{
    struct date day = d->today;
    while (n > 0) {
        day = date_add_days(day, -1);
        if (workday_is_working(&d->cal->cal, day))
            n--;
    }
    return day;
}

/* The lowest-numbered policy-compliant household of a 西集镇 village without an application. */
static int64_t household_in(struct demo *d, const char *village)
{
    int64_t id = db_int(d->db, 0,
                        "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id "
                        "JOIN units t ON t.id = v.parent_id WHERE t.name = '西集镇' AND v.name = ? "
                        "AND h.policy_compliant = 1 AND NOT EXISTS (SELECT 1 FROM loan_applications a "
                        "WHERE a.household_id = h.id) ORDER BY h.id LIMIT 1",
                        "t", village);
    if (id <= 0)
        snprintf(d->e.message, sizeof d->e.message, "%s没有符合政策的家庭", village);
    return id;
}

/* Registers application k as the association on `on`; returns its id or -1. */
static int64_t apply(struct demo *d, int k, struct date on)
{
    const struct demo_app *a = &apps[k];
    int64_t hh = household_in(d, a->village);
    if (hh <= 0)
        return -1;
    struct loan_input in = {
        .household_id = hh,
        .amount_fen = a->amount_yuan * 100,
        .term_months = a->months,
        .project_type = a->type,
        .project_name = a->name,
        .business_plan_md = a->plan_md,
        .expected_jobs = a->jobs,
        .expected_income_fen = a->income_yuan * 100,
    };
    return loan_create(d->db, &d->assoc, &in, on, &d->e);
}

#define ALL_DOCS ((1u << LD__MAX) - 1)

/* Registers application k with every document received and submits it `wd_ago` working days
   before today. Returns the id or -1. loan_review stamps decisions with the real date, so the
   decided applications are submitted fewer than 10 working days ago: decided within the limit. */
static int64_t submitted(struct demo *d, int k, int wd_ago)
{
    struct date on = working_days_before(d, wd_ago);
    int64_t id = apply(d, k, date_add_days(on, -3));
    if (id < 0 || loan_set_documents(d->db, &d->assoc, id, ALL_DOCS, ALL_DOCS, &d->e) != 0 ||
        loan_submit(d->db, &d->assoc, id, 0, 0, on, &d->e) != 0)
        return -1;
    return id;
}

/* Records one department's opinion. 0 or -1. */
static int review(struct demo *d, int64_t id, const struct user_ctx *who, const char *decision, const char *comment)
{
    return loan_review(d->db, who, id, decision, comment, NULL, &d->e);
}

/* Builds a valid resident ID of region 370406 for a birth date and order code (odd = man). */
static void make_id(char id[19], int y, int m, int day, int order)
{
    char first17[18];
    snprintf(first17, sizeof first17, "370406%04d%02d%02d%03d", y, m, day, order);
    snprintf(id, 19, "%s%c", first17, idcard_check_digit(first17));
}

/* A fund income entry dated `days_ago` days before the demo's today; doc_format has one %d, the
   year of that date. */
static int fund_income(struct demo *d, int64_t yuan, long days_ago, const char *doc_format, const char *note)
{
    struct date on = date_add_days(d->today, -days_ago);
    char s[11], doc[64];
    if (snprintf(doc, sizeof doc, doc_format, on.y) >= (int)sizeof doc)
        return -1;
    return guarantee_fund_add(d->db, &d->district_finance, "income", yuan * 100, date_format(on, s), doc, note,
                              d->today, &d->e) > 0
               ? 0
               : -1;
}

/* Takes application k through the review and the guarantee and records the credit union's loan,
   disbursed `days_ago` days before today under contract number contract_format (one %d: the
   year of disbursement). Returns the loan id or -1. */
static int64_t disbursed(struct demo *d, int k, long days_ago, const char *contract_format, const char *method)
{
    int64_t id = submitted(d, k, 10);
    struct guarantee_input g = {.coverage_pct = 100, .pledged_asset = "经营设备及存货"};
    if (id < 0 || review(d, id, &d->pingshen, "approve", "同意") || review(d, id, &d->jingwei, "approve", "同意") ||
        review(d, id, &d->zhaoshang, "approve", "同意") || guarantee_create(d->db, &d->assoc, id, &g, d->today, &d->e) < 0)
        return -1;
    char on[11], contract[32];
    struct date day = date_add_days(d->today, -days_ago);
    date_format(day, on);
    if (snprintf(contract, sizeof contract, contract_format, day.y) >= (int)sizeof contract)
        return -1;
    struct disburse_input in = {id, contract, on, apps[k].amount_yuan * 100, "4.35", method, apps[k].months, NULL};
    return servicing_disburse(d->db, &d->liaison, &in, d->today, &d->e);
}

/* Pays every instalment of a loan that falls due on or before `until`, on its due date. 0 or -1. */
static int pay_until(struct demo *d, int64_t loan_id, struct date until)
{
    struct serviced_loan *l = servicing_alloc();
    int rc = l && servicing_get(d->db, &d->liaison, loan_id, l, &d->e) == 0 ? 0 : -1;
    for (int i = 0; rc == 0 && i < l->terms.nrows && date_cmp(l->rows[i].due_on, until) <= 0; i++) {
        char on[11], receipt[32];
        struct repay_alloc a;
        int duplicate;
        snprintf(receipt, sizeof receipt, "XJXYS-%lld-%02d", (long long)loan_id, l->rows[i].n);
        if (servicing_repay(d->db, &d->liaison, loan_id, date_format(l->rows[i].due_on, on),
                            l->rows[i].principal_fen + l->rows[i].interest_fen, receipt, d->today, &a, &duplicate,
                            &d->e) < 0)
            rc = -1;
    }
    servicing_free(l);
    return rc;
}

/* A disbursed loan the demo visits. */
#define DEMO_LOAN_ROW(X, _) X("id", INT64, id) _ X("disbursed_on", DATE, on)
struct demo_loan {
    DB_ROW_FIELDS(DEMO_LOAN_ROW)
};
/* Reads a DEMO_LOAN_ROW. */
static DB_ROW_READER(demo_loan_read, DEMO_LOAN_ROW, struct demo_loan)

/* Follow-up visits half a year after disbursement to the first loans: jobs and income reported. */
static int visits(struct demo *d)
{
    static const struct {
        int64_t jobs, income_yuan;
        const char *note;
    } seen[] = {{2, 90000, "存栏肉牛40头，已出栏12头，雇用本村2人"},
                {3, 80000, "门市正常经营，带动家人和邻居3人就业"},
                {4, 60000, "食用菌大棚三座投产，雇用本村妇女4人采收"}};
    sqlite3_stmt *st = db_prep(d->db, "SELECT " DB_ROW_COLUMNS(DEMO_LOAN_ROW) " FROM loans ORDER BY id LIMIT 3");
    struct demo_loan loans[3];
    int n = 0;
    while (st && n < 3 && sqlite3_step(st) == SQLITE_ROW)
        if (demo_loan_read(st, &loans[n]) == 0)
            n++;
    if (db_end(st, 0, NULL) != 0)
        return fail(d, "回访");
    for (int i = 0; i < n; i++) {
        struct date when;
        char visited[11];
        if (date_parse(loans[i].on, &when) != 0)
            continue;
        when = date_add_days(when, 180);
        if (date_cmp(when, d->today) > 0)
            continue;
        if (followup_add(d->db, &d->liaison, loans[i].id, date_format(when, visited), seen[i].jobs, seen[i].income_yuan * 100,
                         seen[i].note, d->today, &d->e) < 0)
            return fail(d, "回访");
    }
    return 0;
}

/* Loans at the credit union: one paying on time, one about 40 days late, one paid out by the
   guarantee and partly recovered, one settled. */
static int serviced_loans(struct demo *d)
{
    int64_t current = disbursed(d, A_LOAN_CURRENT, 300, "XJXYS-%d-011", "equal-installment");
    if (current < 0 || pay_until(d, current, d->today))
        return fail(d, "按期还款的贷款");
    int64_t late = disbursed(d, A_LOAN_LATE, 280, "XJXYS-%d-014", "equal-principal");
    if (late < 0 || pay_until(d, late, date_add_days(d->today, -70)))
        return fail(d, "逾期的贷款");
    int64_t paidout = disbursed(d, A_LOAN_PAIDOUT, 330, "XJXYS-%d-087", "monthly-interest");
    int64_t paid = 0;
    char on[11], recovery_doc[32];
    date_format(d->today, on);
    snprintf(recovery_doc, sizeof recovery_doc, "西协追〔%d〕1号", d->today.y); /* 22 bytes: always fits */
    if (paidout < 0 || pay_until(d, paidout, date_add_days(d->today, -240)) ||
        servicing_compensate(d->db, &d->finance, paidout, on, d->today, &paid, &d->e) < 0 ||
        servicing_recover(d->db, &d->finance, paidout, on, paid / 4, "counter_guarantor", recovery_doc, d->today,
                          &d->e) < 0)
        return fail(d, "代偿与追偿");
    int64_t settled = disbursed(d, A_LOAN_SETTLED, 200, "XJXYS-%d-003", "bullet");
    if (settled < 0 || pay_until(d, settled, d->today))
        return fail(d, "已结清的贷款");
    return 0;
}

static int run(struct demo *d)
{
    if (load_user(d, "xj_xiehui", &d->assoc) || load_user(d, "xj_xiehui2", &d->assoc2) ||
        load_user(d, "xj_jingwei", &d->jingwei) || load_user(d, "xj_zhaoshang", &d->zhaoshang) ||
        load_user(d, "xj_pingshen", &d->pingshen) || load_user(d, "xj_caiwu", &d->finance) ||
        load_user(d, "xj_xinyong", &d->liaison) || load_user(d, "qu_caiwu", &d->district_finance))
        return fail(d, "账号");

    /* 担保基金: the district's grant and the township's matching money. */
    if (fund_income(d, 500000, 307, "山财〔%d〕12号", "区财政拨款：计生信贷助富担保基金") ||
        fund_income(d, 200000, 258, "西政发〔%d〕8号", "镇财政拨款：担保基金配套资金"))
        return fail(d, "担保基金收入");

    /* The two guaranteed fixtures of docs/domain.md, the oldest applications. */
    int64_t egg = submitted(d, A_EGG, 9);
    if (egg < 0 || loan_set_backup(d->db, &d->assoc, egg, d->assoc2.id, &d->e) ||
        review(d, egg, &d->pingshen, "approve", "申请人计生政策落实好，养殖经验丰富，同意") ||
        review(d, egg, &d->jingwei, "approve", "蛋品销路稳定，项目可行，同意") ||
        review(d, egg, &d->zhaoshang, "approve", "场地租赁手续齐全，同意"))
        return fail(d, "蛋鸡养殖场申请");
    char id1[19], id2[19], id3[19];
    make_id(id1, 1972, 3, 15, 517);
    make_id(id2, 1979, 11, 2, 533);
    make_id(id3, 1975, 6, 18, 528);
    struct guarantee_input g = {
        .coverage_pct = 100,
        .ncounter = 2,
        .counter = {{"王建华", id1, "同村村民", 6000000}, {"李春生", id2, "朋友", 4500000}},
        .pledged_asset = "新建鸡舍两栋及养殖设备",
    };
    if (guarantee_create(d->db, &d->assoc, egg, &g, d->today, &d->e) < 0)
        return fail(d, "蛋鸡养殖场担保");

    int64_t garlic = submitted(d, A_GARLIC, 8);
    if (garlic < 0 || review(d, garlic, &d->jingwei, "approve", "") ||
        review(d, garlic, &d->zhaoshang, "approve", "同意") ||
        review(d, garlic, &d->pingshen, "approve", "同意，建议尽快办理担保"))
        return fail(d, "大蒜种植申请");
    struct guarantee_input g2 = {
        .coverage_pct = 100,
        .ncounter = 1,
        .counter = {{"张玉珍", id3, "亲属", 3600000}},
    };
    if (guarantee_create(d->db, &d->assoc, garlic, &g2, d->today, &d->e) < 0)
        return fail(d, "大蒜种植担保");

    /* Approved, waiting for the guarantee. */
    int64_t approved = submitted(d, A_APPROVED, 7);
    if (approved < 0 || review(d, approved, &d->pingshen, "approve", "同意") ||
        review(d, approved, &d->zhaoshang, "approve", "同意") ||
        review(d, approved, &d->jingwei, "approve", "苗木市场需求稳定，同意"))
        return fail(d, "苗木基地申请");

    /* Rejected by 经委. */
    int64_t rejected = submitted(d, A_REJECTED, 5);
    if (rejected < 0 || review(d, rejected, &d->pingshen, "approve", "同意") ||
        review(d, rejected, &d->jingwei, "reject",
               "市场风险过大：本镇已有同类石材加工厂5家，产能过剩，且项目环评手续尚未办理"))
        return fail(d, "石材加工申请");

    /* Back with the handler: 招商办 asks for the lease contract. */
    int64_t more = submitted(d, A_MORE_INFO, 4);
    if (more < 0 || review(d, more, &d->jingwei, "approve", "项目可行") ||
        loan_review(d->db, &d->zhaoshang, more, "more_info", "经营场所为租用房屋，请补充场地租赁合同（租期应不短于贷款期限）",
                    "场地租赁合同", &d->e))
        return fail(d, "农家乐申请");

    /* In review past the deadline: 招商办 has not spoken after 15 working days. */
    int64_t late = submitted(d, A_REVIEW_LATE, 15);
    if (late < 0 || loan_set_backup(d->db, &d->assoc, late, d->assoc2.id, &d->e) ||
        review(d, late, &d->pingshen, "approve", "同意") ||
        review(d, late, &d->jingwei, "approve", "已与中药材合作社核实收购协议，同意"))
        return fail(d, "金银花申请");

    /* In review, deadline ahead: 经委 has approved. */
    int64_t fresh = submitted(d, A_REVIEW_FRESH, 2);
    if (fresh < 0 || review(d, fresh, &d->jingwei, "approve", "同意"))
        return fail(d, "面粉加工坊申请");

    /* Drafts: one with documents partly received, one just registered. */
    int64_t draft = apply(d, A_DRAFT_DOCS, working_days_before(d, 3));
    unsigned got = 1u << LD_ID_CARD | 1u << LD_HUKOU | 1u << LD_MARRIAGE | 1u << LD_FAMILY_PLANNING;
    if (draft < 0 || loan_set_documents(d->db, &d->assoc, draft, ALL_DOCS, got, &d->e))
        return fail(d, "蔬菜大棚申请");
    if (apply(d, A_DRAFT_NEW, d->today) < 0)
        return fail(d, "肉羊养殖申请");
    return serviced_loans(d) == 0 ? visits(d) : -1;
}

int demo_loans(struct db *db, struct date today)
{
    struct demo *d = calloc(1, sizeof *d);
    struct calendar *cal = calloc(1, sizeof *cal);
    int rc = -1;
    if (!d || !cal) {
        fprintf(stderr, "错误: 创建演示贷款数据失败：内存不足\n");
    } else {
        d->db = db;
        d->today = today;
        d->cal = cal;
        rc = calendar_load(db, cal) == 0 ? run(d) : fail(d, "工作日历");
    }
    free(cal);
    free(d);
    return rc;
}
