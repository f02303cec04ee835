/* demo_announcements.c: the demo announcements of 西集镇 (see demo_announcements.h). */
#include "demo_announcements.h"

#include <stdio.h>
#include <string.h>

#include "announcement.h"
#include "user.h"

/* The loan programme's announcement, as first published (version 1). */
static const char loan_v1[] =
    "为帮助计划生育家庭发展生产、增收致富，西集镇计划生育协会联合镇经委、招商办和农村信用联社，继续开展"
    "“计生信贷助富”（帮富工程）贷款工作。现将有关事项公告如下。\n"
    "\n"
    "## 一、申请条件\n"
    "\n"
    "1. 本镇计划生育家庭，**符合计划生育政策**；\n"
    "2. 有创业方案和项目实施方案，项目属于种植、养殖、林果苗木、加工、药材或商贸服务；\n"
    "3. 没有逾期未还或由担保基金代偿的本项目贷款。\n"
    "\n"
    "## 二、贷款金额、期限和还款方式\n"
    "\n"
    "- 金额：每户 **2万元至20万元**；\n"
    "- 期限：**6至36个月**；\n"
    "- 还款方式：等额本息、等额本金、按月付息到期还本、按季付息到期还本或利随本清，由信用社与借款人在合同中约定；\n"
    "- 利率按农村信用联社规定执行，符合条件的可申请*贴息*。\n"
    "\n"
    "贷款由镇计划生育协会担保，农村信用联社发放。\n"
    "\n"
    "## 三、需要提交的材料\n"
    "\n"
    "1. 身份证\n"
    "2. 户口簿\n"
    "3. 结婚证\n"
    "4. 计划生育证明\n"
    "5. 创业方案\n"
    "6. 项目实施方案\n"
    "7. 反担保材料（一至两名反担保人，或抵押物）\n"
    "\n"
    "材料不全的，工作人员会**一次性告知**需要补齐的全部材料（一次性告知书），不让群众多跑路。\n"
    "\n"
    "## 四、申请办法\n"
    "\n"
    "1. 到所在村计生专干或镇计划生育协会办公室提出申请；\n"
    "2. 受理人员就是您的**首接负责人**，从受理到放款全程负责，外出时由B角接办；\n"
    "3. 材料齐全后，提交镇计生协会、经委、招商办**联合评审**；\n"
    "4. 评审通过后由协会办理担保，信用社签订合同并放款。\n"
    "\n"
    "## 五、办理时限\n"
    "\n"
    "联合评审自材料齐全提交之日起 **10 个工作日**内办结。超过时限的，可向镇计划生育协会反映。\n"
    "\n"
    "咨询电话：0632-8811234（西集镇计划生育协会办公室）\n";

/* Version 2 adds the warning against fees. */
static const char loan_v2_tail[] =
    "\n"
    "> 协会和信用社办理贷款**不收取任何费用**。如有人以协会名义收取“好处费”“手续费”，请立即举报。\n";

static const char relief_body[] = "根据区计划生育协会安排，现发放本年度独女户、双女绝育户奖励。\n"
                                  "\n"
                                  "## 奖励对象和标准\n"
                                  "\n"
                                  "- 本镇**独女户**和**双女绝育户**；\n"
                                  "- 每户每年 **600 元**。\n"
                                  "\n"
                                  "## 办理方式\n"
                                  "\n"
                                  "1. 村计生专干核对名单，镇审核后在各村公示栏和本网站**公示 7 天**；\n"
                                  "2. 公示期内对名单有异议的，可在网上公示页面提交，或电话反映；\n"
                                  "3. 公示期满无异议的，凭户主**身份证**和**户口簿**领取，在领款凭证上签字并按手印。\n"
                                  "\n"
                                  "咨询电话：0632-8811234\n";

/* Loads a demo account. 0 or -1. */
static int load(struct db *db, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(db, id, u) == 0 ? 0 : -1;
}

/* Prints what failed and returns -1. */
static int fail(const char *step, const struct err *e)
{
    fprintf(stderr, "错误: 创建演示公告失败（%s）：%s\n", step, e->message);
    return -1;
}

int demo_announcements(struct db *db, struct date today)
{
    struct user_ctx assoc, clerk;
    struct err e = {0};
    if (load(db, "xj_xiehui", &assoc) || load(db, "xj_jiuzhu", &clerk))
        return fail("演示账号", &e);
    char from[11], relief_from[11];
    snprintf(from, sizeof from, "%04d-01-05", today.y);
    snprintf(relief_from, sizeof relief_from, "%04d-%02d-01", today.y, today.m);
    struct ann_input loan = {"关于开展计生信贷助富贷款申请工作的公告", loan_v1, 0, from, NULL, 1};
    int64_t id = ann_create(db, &assoc, &loan, today, &e);
    if (id < 0)
        return fail("贷款公告", &e);
    char v2[sizeof loan_v1 + sizeof loan_v2_tail];
    snprintf(v2, sizeof v2, "%s%s", loan_v1, loan_v2_tail);
    loan.body_md = v2;
    loan.publish = 0;
    if (ann_save(db, &assoc, id, 1, &loan, today, &e) != 0)
        return fail("贷款公告第2版", &e);
    char relief_title[96];
    snprintf(relief_title, sizeof relief_title, "%d年度独女户、双女绝育户奖励发放通知", today.y);
    struct ann_input relief = {relief_title, relief_body, 0, relief_from, NULL, 1};
    if (ann_create(db, &clerk, &relief, today, &e) < 0)
        return fail("救助公告", &e);
    struct ann_input draft = {"春节走访慰问工作安排",
                              "走访对象：计生困难家庭、计生特殊家庭。\n\n（待补充走访时间和标准）\n",
                              0,
                              NULL,
                              NULL,
                              0};
    if (ann_create(db, &assoc, &draft, today, &e) < 0)
        return fail("公告草稿", &e);
    return 0;
}
