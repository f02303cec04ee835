/* demo_products.c: the demo's loan products and cooperative (see demo_products.h). */
#include "demo_products.h"

#include <stdio.h>
#include <string.h>

#include "guarantee.h"
#include "loan.h"
#include "organisation.h"
#include "product.h"
#include "servicing.h"
#include "user.h"

/* The demo's cooperative: a valid 统一社会信用代码 of the 农民专业合作社 kind (93) registered in
   山亭区 (370406); the check character U is GB 32100's for the first 17. */
#define DEMO_COOP_CODE "93370406MA3C8K2P1U"
#define DEMO_COOP_VILLAGE "后林村"

/* Who acts in the demo and what failed. */
struct demo {
    struct db *db;
    struct date today;
    struct user_ctx admin, assoc, jingwei, zhaoshang, pingshen, liaison;
    struct err e;
};

/* Prints what failed and returns -1. */
static int fail(struct demo *d, const char *step)
{
    fprintf(stderr, "错误: 创建演示贷款产品数据失败（%s）：%s\n", step, d->e.message[0] ? d->e.message : db_errmsg(d->db));
    return -1;
}

/* Loads a demo account by username. 0 or -1. */
static int load_user(struct demo *d, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(d->db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(d->db, id, u) == 0 ? 0 : -1;
}

/* The n-th (0-based) policy-compliant household of a 西集镇 village with no application yet. */
static int64_t free_household(struct demo *d, const char *village, int n)
{
    return db_int(d->db, 0,
                  "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id JOIN units t ON t.id = v.parent_id "
                  "WHERE t.name = '西集镇' AND v.name = ? AND h.policy_compliant = 1 AND NOT EXISTS (SELECT 1 FROM "
                  "loan_applications a WHERE a.household_id = h.id) ORDER BY h.id LIMIT 1 OFFSET ?",
                  "ti", village, (int64_t)n);
}

/* The demo products: small start-up loans for households and loans for cooperatives (their ids
   returned), and a 信用户 product with 按季结息, a rating required, second-cycle terms and the
   departments' joint review of extensions (so the products page shows every rule). 0, or -1. */
static int products(struct demo *d, int64_t *small, int64_t *coop)
{
    struct product_input s = {.name = "小额创业贷款", .min_fen = 500000, .max_fen = 2000000, .min_months = 3,
                              .max_months = 24, .methods = "equal-installment,bullet", .min_rate = "3.45",
                              .max_rate = "6.00", .day_count = "", .settlement = "due_dates", .subsidy_eligible = 1,
                              .borrower_kinds = "household",
                              .documents = "id_card,hukou,marriage,family_planning,business_plan,implementation_plan",
                              .departments = "", .active = 1};
    struct product_input c = {.name = "合作社产业带动贷款", .min_fen = 10000000, .max_fen = 50000000, .min_months = 12,
                              .max_months = 36, .methods = "equal-principal,quarterly-interest", .min_rate = "4.35",
                              .max_rate = "6.50", .day_count = "", .settlement = "due_dates", .penalty_pct = 150,
                              .subsidy_eligible = 1, .borrower_kinds = "organisation", .documents = NULL,
                              .departments = "", .active = 1};
    struct product_input q = {.name = "信用户按季结息贷款", .min_fen = 2000000, .max_fen = 10000000, .min_months = 6,
                              .max_months = 24, .methods = "monthly-interest,bullet", .min_rate = "4.35",
                              .max_rate = "6.00", .day_count = "actual360", .settlement = "quarter_20th",
                              .subsidy_eligible = 1, .borrower_kinds = "household", .documents = NULL,
                              .departments = "", .active = 1, .min_rating = "较好", .second_max_fen = 15000000,
                              .second_min_rate = "3.85", .extension_review = "joint"};
    *small = product_create(d->db, &d->admin, &s, &d->e);
    *coop = *small > 0 ? product_create(d->db, &d->admin, &c, &d->e) : -1;
    return *small > 0 && *coop > 0 && product_create(d->db, &d->admin, &q, &d->e) > 0 ? 0 : -1;
}

/* A draft application for 15,000 yuan under the small-loan product. 0 or -1. */
static int small_application(struct demo *d, int64_t product)
{
    struct loan_input in = {.household_id = free_household(d, "西集村", 0), .amount_fen = 1500000, .term_months = 12,
                            .project_type = "商贸服务", .project_name = "便民小超市进货", .expected_jobs = 1,
                            .expected_income_fen = 2000000, .product_id = product,
                            .business_plan_md = "# 便民小超市\n\n- 村口门店一间，补充日用品和农资小件库存\n"
                                                "- 小额贷款 **1.5 万元**，12 个月等额本息\n"};
    return in.household_id > 0 && loan_create(d->db, &d->assoc, &in, d->today, &d->e) > 0 ? 0 : -1;
}

/* The cooperative of 后林村: its legal representative heads a household of the village, four
   more households are members. Returns its id or -1. */
static int64_t cooperative(struct demo *d)
{
    struct organisation_input *in = &(struct organisation_input){
        .name = "西集镇鑫源蛋鸡养殖专业合作社", .kind = "cooperative", .credit_code = DEMO_COOP_CODE, .jobs_created = 18};
    in->village_id = db_int(d->db, 0,
                            "SELECT v.id FROM units v JOIN units t ON t.id = v.parent_id WHERE t.name = '西集镇' "
                            "AND v.name = ?",
                            "t", DEMO_COOP_VILLAGE);
    for (int i = 0; i < 5; i++) {
        int64_t hh = free_household(d, DEMO_COOP_VILLAGE, i);
        if (hh <= 0)
            return -1;
        in->members[in->nmembers++] = hh;
    }
    in->legal_rep_member_id =
        db_int(d->db, 0, "SELECT id FROM members WHERE household_id = ? AND is_head = 1", "i", in->members[0]);
    return organisation_create(d->db, &d->assoc, in, &d->e);
}

/* The cooperative's loan: 300,000 yuan over 24 months, reviewed, guaranteed and disbursed 30
   days ago at 4.35 % with interest every quarter. 0 or -1. */
static int cooperative_loan(struct demo *d, int64_t org, int64_t product)
{
    struct loan_input in = {.organisation_id = org, .amount_fen = 30000000, .term_months = 24,
                            .project_type = "养殖", .project_name = "合作社蛋鸡标准化养殖小区", .expected_jobs = 18,
                            .expected_income_fen = 40000000, .product_id = product,
                            .business_plan_md = "# 蛋鸡标准化养殖小区\n\n- 合作社统一建设鸡舍 6 栋，成员分户饲养\n"
                                                "- 统一供料、统一防疫、统一销售\n- 带动 **18** 人就业\n"};
    struct date submitted = date_add_days(d->today, -45), lent = date_add_days(d->today, -30);
    char on[11];
    struct guarantee_input g = {.coverage_pct = 100, .pledged_asset = "合作社鸡舍及养殖设备"};
    int64_t id = loan_create(d->db, &d->assoc, &in, submitted, &d->e);
    if (id < 0 || loan_set_documents(d->db, &d->assoc, id, (1u << LD__MAX) - 1, (1u << LD__MAX) - 1, &d->e) ||
        loan_submit(d->db, &d->assoc, id, 0, 0, submitted, &d->e) ||
        loan_review(d->db, &d->pingshen, id, "approve", "合作社带动成员户增收，同意", NULL, &d->e) ||
        loan_review(d->db, &d->jingwei, id, "approve", "产业带动作用明显，同意", NULL, &d->e) ||
        loan_review(d->db, &d->zhaoshang, id, "approve", "同意", NULL, &d->e) ||
        guarantee_create(d->db, &d->assoc, id, &g, d->today, &d->e) < 0)
        return -1;
    struct disburse_input di = {id, "", date_format(lent, on), 30000000, "4.35", "quarterly-interest", 24, NULL};
    char contract[32];
    snprintf(contract, sizeof contract, "鲁农信借字%d第0388号", lent.y);
    di.contract_no = contract;
    return servicing_disburse(d->db, &d->liaison, &di, d->today, &d->e) > 0 ? 0 : -1;
}

int demo_products(struct db *db, struct date today)
{
    struct demo d = {.db = db, .today = today};
    int64_t small, coop, org;
    if (load_user(&d, "admin", &d.admin) || load_user(&d, "xj_xiehui", &d.assoc) ||
        load_user(&d, "xj_jingwei", &d.jingwei) || load_user(&d, "xj_zhaoshang", &d.zhaoshang) ||
        load_user(&d, "xj_pingshen", &d.pingshen) || load_user(&d, "xj_xinyong", &d.liaison))
        return fail(&d, "账号");
    if (products(&d, &small, &coop) != 0)
        return fail(&d, "贷款产品");
    if (small_application(&d, small) != 0)
        return fail(&d, "小额贷款申请");
    if ((org = cooperative(&d)) < 0)
        return fail(&d, "合作社");
    return cooperative_loan(&d, org, coop) == 0 ? 0 : fail(&d, "合作社贷款");
}
