/* demo_lifecycle.c: the demo's loans later in their life (see demo_lifecycle.h): an extended loan
   (展期, asked for by the liaison and approved by the association), a written-off loan (paid out by
   the guarantee, partly recovered, written off by finance and approved by the association's second
   worker), and a second-cycle borrower rated 优秀 whose first loan was repaid. Everything goes
   through the domain functions as the demo staff. */
#include "demo_lifecycle.h"

#include <stdio.h>
#include <string.h>

#include "extension.h"
#include "guarantee.h"
#include "loan.h"
#include "rating.h"
#include "servicing.h"
#include "user.h"
#include "write_off.h"

struct life {
    struct db *db;
    struct date today;
    struct user_ctx assoc, assoc2, liaison, finance, reviewers[3];
    struct err e;
};

/* Prints what failed and returns -1. */
static int failed(struct life *d, const char *step)
{
    fprintf(stderr, "错误: 创建演示展期、核销和信用户数据失败（%s）：%s\n", step,
            d->e.message[0] ? d->e.message : db_errmsg(d->db));
    return -1;
}

/* The date `days` days before the demo's today as text into out. */
static const char *ago(const struct life *d, long days, char out[11])
{
    return date_format(date_add_days(d->today, -days), out);
}

/* Loads the demo account `username` into u. 0 or -1. */
static int account(struct life *d, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(d->db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(d->db, id, u) == 0 ? 0 : -1;
}

/* An application of the first policy-compliant household of the 西集镇 village without one (or of
   household hh when not 0), reviewed, guaranteed and disbursed `days_ago` days ago. Returns the loan
   id or -1. */
static int64_t lent(struct life *d, const char *village, int64_t hh, int64_t yuan, int months, const char *project,
                    long days_ago, const char *contract, const char *method)
{
    if (!hh)
        hh = db_int(d->db, 0,
                    "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id JOIN units t ON t.id = "
                    "v.parent_id WHERE t.name = '西集镇' AND v.name = ? AND h.policy_compliant = 1 AND NOT EXISTS "
                    "(SELECT 1 FROM loan_applications a WHERE a.household_id = h.id) ORDER BY h.id LIMIT 1",
                    "t", village);
    char on[11];
    struct date applied = date_add_days(d->today, -days_ago - 20);
    struct loan_input in = {.household_id = hh, .amount_fen = yuan * 100, .term_months = months,
                            .project_type = "种植", .project_name = project, .expected_jobs = 1,
                            .expected_income_fen = yuan * 50};
    const unsigned all = (1u << LD__MAX) - 1;
    int64_t id = hh > 0 ? loan_create(d->db, &d->assoc, &in, applied, &d->e) : -1;
    if (id < 0 || loan_set_documents(d->db, &d->assoc, id, all, all, &d->e) ||
        loan_submit(d->db, &d->assoc, id, 0, 0, applied, &d->e))
        return -1;
    for (int k = 0; k < 3; k++)
        if (loan_review(d->db, &d->reviewers[k], id, "approve", "同意", NULL, &d->e))
            return -1;
    struct guarantee_input g = {.coverage_pct = 100, .pledged_asset = "农机具及大棚设施"};
    if (guarantee_create(d->db, &d->assoc, id, &g, d->today, &d->e) < 0)
        return -1;
    struct disburse_input loan = {id, contract, ago(d, days_ago, on), yuan * 100, "4.35", method, months, NULL};
    return servicing_disburse(d->db, &d->liaison, &loan, d->today, &d->e);
}

/* Pays every instalment of the loan due on or before `until`, on its due date. 0 or -1. */
static int paid_up_to(struct life *d, int64_t loan_id, struct date until)
{
    struct serviced_loan *l = servicing_alloc();
    int rc = l && servicing_get(d->db, &d->liaison, loan_id, l, &d->e) == 0 ? 0 : -1;
    for (int i = 0; rc == 0 && i < l->terms.nrows; i++) {
        const struct repay_row *r = &l->rows[i];
        int64_t owed = r->principal_fen - r->paid_principal_fen + r->interest_fen - r->paid_interest_fen;
        if (owed <= 0 || date_cmp(r->due_on, until) > 0)
            continue;
        char on[11], receipt[40];
        struct repay_alloc a;
        int dup;
        snprintf(receipt, sizeof receipt, "XJXYS-L%lld-%02d", (long long)loan_id, r->n);
        rc = servicing_repay(d->db, &d->liaison, loan_id, date_format(r->due_on, on), owed, receipt, d->today, &a,
                             &dup, &d->e) < 0
                 ? -1
                 : 0;
    }
    servicing_free(l);
    return rc;
}

/* A loan extended 50 days ago by 18 months after a hailstorm, paid since as the new schedule asks. */
static int extended(struct life *d)
{
    char on[11];
    int64_t id = lent(d, "王楼村", 0, 80000, 12, "苹果园（12亩）", 200, "XJXYS-ZQ-001", "equal-principal");
    struct extension_input in = {.on = ago(d, 50, on), .months = 18, .reason = "冰雹灾害，苹果减产七成，经营困难"};
    if (id < 0 || paid_up_to(d, id, date_add_days(d->today, -50)) ||
        extension_request(d->db, &d->liaison, id, &in, d->today, NULL, &d->e) < 0 ||
        extension_decide(d->db, &d->assoc, id, 1, "经核实受灾属实，同意展期", &d->e) < 0 || paid_up_to(d, id, d->today))
        return failed(d, "展期的贷款");
    return 0;
}

/* A loan nobody repaid: paid out by the guarantee 200 days ago, a tenth recovered, the rest
   written off 10 days ago by finance and approved by the association's second worker. */
static int written_off(struct life *d)
{
    char on[11], rec[11], off[11];
    int64_t paid = 0;
    int64_t id = lent(d, "南集村", 0, 40000, 12, "西瓜大棚", 330, "XJXYS-HX-001", "equal-principal");
    if (id < 0 || servicing_compensate(d->db, &d->finance, id, ago(d, 200, on), d->today, &paid, &d->e) < 0 ||
        servicing_recover(d->db, &d->finance, id, ago(d, 100, rec), paid / 10, "borrower", "西协追〔演示〕2号",
                          d->today, &d->e) < 0 ||
        write_off_request(d->db, &d->finance, id, ago(d, 10, off), "借款人外出务工多年下落不明，反担保人无偿还能力",
                          d->today, &d->e) < 0 ||
        write_off_decide(d->db, &d->assoc2, id, 1, "经协会会议研究，同意核销", &d->e) < 0)
        return failed(d, "核销的贷款");
    return 0;
}

/* A household whose first loan (利随本清, six months) was repaid, rated 优秀 last year and this year,
   now applying for its second loan. */
static int second_cycle(struct life *d)
{
    int64_t first = lent(d, "北庄村", 0, 30000, 6, "花生种植（20亩）", 330, "XJXYS-XY-001", "bullet");
    if (first < 0 || paid_up_to(d, first, d->today))
        return failed(d, "第一次贷款");
    int64_t hh = db_int(d->db, 0, "SELECT a.household_id FROM loans l JOIN loan_applications a ON a.id = "
                                  "l.application_id WHERE l.id = ?", "i", first);
    if (rating_set(d->db, &d->liaison, hh, d->today.y - 1, "较好", "首次贷款按期付息", d->today, &d->e) < 0 ||
        rating_set(d->db, &d->liaison, hh, d->today.y, "优秀", "贷款到期一次还清，无逾期；带动两户种植", d->today,
                   &d->e) < 0)
        return failed(d, "信用评定");
    struct loan_input in = {.household_id = hh, .amount_fen = 5000000, .term_months = 12, .project_type = "种植",
                            .project_name = "花生种植扩大到40亩", .expected_jobs = 2, .expected_income_fen = 4000000};
    if (loan_create(d->db, &d->assoc, &in, d->today, &d->e) < 0)
        return failed(d, "第二次贷款申请");
    return 0;
}

int demo_lifecycle(struct db *db, struct date today)
{
    struct life d = {.db = db, .today = today};
    if (account(&d, "xj_xiehui", &d.assoc) || account(&d, "xj_xiehui2", &d.assoc2) ||
        account(&d, "xj_xinyong", &d.liaison) || account(&d, "xj_caiwu", &d.finance) ||
        account(&d, "xj_pingshen", &d.reviewers[0]) || account(&d, "xj_jingwei", &d.reviewers[1]) ||
        account(&d, "xj_zhaoshang", &d.reviewers[2]))
        return failed(&d, "账号");
    return extended(&d) || written_off(&d) || second_cycle(&d) ? -1 : 0;
}
