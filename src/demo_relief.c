/* demo_relief.c: the demo relief programme of 西集镇 (see demo_relief.h). */
#include "demo_relief.h"

#include <stdio.h>
#include <string.h>

#include "notice.h"
#include "relief.h"
#include "relief_batch.h"
#include "relief_fund.h"
#include "relief_pay.h"
#include "user.h"

struct rdemo {
    struct db *db;
    struct user_ctx clerk, assoc, finance;
    int64_t fund, xiji;
    struct date today;
    struct err e;
};

/* Prints what failed and returns -1. */
static int fail(struct rdemo *d, const char *step)
{
    fprintf(stderr, "错误: 创建演示救助数据失败（%s）：%s\n", step, d->e.message[0] ? d->e.message : db_errmsg(d->db));
    return -1;
}

/* Loads a demo account by username. 0 or -1. */
static int load(struct rdemo *d, const char *username, struct user_ctx *u)
{
    int64_t id = db_int(d->db, 0, "SELECT id FROM users WHERE username = ?", "t", username);
    return id > 0 && user_load(d->db, id, u) == 0 ? 0 : -1;
}

/* A date from its parts. */
static struct date on(int y, int m, int day)
{
    return (struct date){y, m, day};
}

/* The first 西集镇 household of a category with no other single relief yet, or 0. */
static int64_t household_with(struct rdemo *d, const char *category)
{
    return db_int(d->db, 0, "SELECT h.id FROM households h JOIN units v ON v.id = h.village_id "
                            "JOIN household_category_links l ON l.household_id = h.id AND l.category = ?2 "
                            "WHERE v.parent_id = ?1 AND NOT EXISTS (SELECT 1 FROM relief_applications a "
                            "WHERE a.household_id = h.id AND a.batch_id IS NULL) ORDER BY h.id LIMIT 1",
                  "it", d->xiji, category);
}

/* The village of a household. */
static int64_t village_of(struct rdemo *d, int64_t household)
{
    return db_int(d->db, 0, "SELECT village_id FROM households WHERE id = ?", "i", household);
}

/* The fund's income from each source. */
static int income(struct rdemo *d)
{
    static const struct {
        const char *source, *on, *doc, *note;
        int64_t yuan;
    } rows[] = {{"district", "2026-01-10", "山财社〔2026〕5号", "区财政拨付生育关怀资金", 200000},
                {"township", "2026-01-15", "西财〔2026〕2号", "镇财政配套", 80000},
                {"donation", "2026-03-08", "捐赠-2026-003", "西集镇商会“三八”捐赠", 36000},
                {"other", "2026-06-30", "利息-2026-H1", "上半年存款利息", 5000}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (relief_fund_income(d->db, &d->finance, d->fund, rows[i].source, rows[i].yuan * 100, rows[i].on, rows[i].doc,
                               rows[i].note, d->today, &d->e) < 0)
            return fail(d, "资金收入");
    return 0;
}

/* The Spring Festival batch of 2026, from preview to receipts. */
static int spring_festival(struct rdemo *d)
{
    struct batch_input in = {9, 0, d->xiji};
    int n = 0;
    int64_t b = relief_batch_create(d->db, &d->clerk, &in, on(2026, 1, 20), &n, NULL, NULL, &d->e);
    struct notice_input ni = {"relief", d->xiji, NULL, NULL, 7, 0};
    struct relief_pay_input pay = {d->fund, "2026-01-28", "cash", d->today};
    if (b < 0 || relief_batch_step(d->db, &d->clerk, b, RA_VERIFY, on(2026, 1, 20), &n, &d->e) != 0 ||
        relief_batch_step(d->db, &d->clerk, b, RA_REVIEW, on(2026, 1, 20), &n, &d->e) != 0 ||
        notice_create(d->db, &d->clerk, &ni, on(2026, 1, 20), &d->e) < 0 ||
        relief_batch_step(d->db, &d->assoc, b, RA_APPROVE, on(2026, 1, 28), &n, &d->e) != 0 ||
        relief_batch_disburse(d->db, &d->clerk, b, &pay, &n, &d->e) != 0)
        return fail(d, "春节走访慰问批次");
    return 0;
}

/* One single application taken as far as `until` (a state), dated from `start`. */
struct single {
    const char *household_category;
    int64_t category_id, yuan;
    const char *reason;
    enum relief_state until;
    struct date start;
};

/* Takes one application through the steps up to its target state. */
static int single(struct rdemo *d, const struct single *s)
{
    int64_t hh = household_with(d, s->household_category);
    if (!hh)
        return 0;
    struct relief_input in = {hh, s->category_id, s->yuan * 100, s->reason};
    struct date t = s->start, after = date_add_days(s->start, 8);
    char paid[11];
    int64_t id = relief_apply(d->db, &d->clerk, &in, t, &d->e);
    if (id < 0)
        return fail(d, s->reason);
    if (s->until == RS_REJECTED)
        return relief_step(d->db, &d->clerk, id, RA_REJECT, "经村委会核实，该户已享受同类医疗救助", t, &d->e) == 0 ? 0 : fail(d, "不予通过");
    if (s->until >= RS_VERIFIED && relief_step(d->db, &d->clerk, id, RA_VERIFY, NULL, t, &d->e) != 0)
        return fail(d, "村审核");
    if (s->until >= RS_REVIEWED && relief_step(d->db, &d->clerk, id, RA_REVIEW, NULL, t, &d->e) != 0)
        return fail(d, "镇审核");
    struct notice_input ni = {"relief", village_of(d, hh), NULL, NULL, 7, 0};
    if (s->until >= RS_IN_NOTICE && notice_create(d->db, &d->clerk, &ni, t, &d->e) < 0)
        return fail(d, "公示");
    if (s->until >= RS_APPROVED && relief_step(d->db, &d->assoc, id, RA_APPROVE, NULL, after, &d->e) != 0)
        return fail(d, "批准");
    struct relief_pay_input pay = {d->fund, date_format(after, paid), "bank", d->today};
    char receipt[32];
    if (s->until >= RS_PAID && relief_disburse(d->db, &d->clerk, id, &pay, receipt, &d->e) != 0)
        return fail(d, "发放");
    return 0;
}

int demo_relief(struct db *db, struct date today)
{
    struct rdemo d = {.db = db, .today = today};
    d.fund = db_int(db, 0, "SELECT id FROM relief_funds ORDER BY id LIMIT 1", "");
    d.xiji = db_int(db, 0, "SELECT id FROM units WHERE name = '西集镇'", "");
    if (db_run(db, "UPDATE relief_funds SET unit_id = ? WHERE id = ?", "ii", d.xiji, d.fund) != SQLITE_DONE)
        return fail(&d, "资金归属");
    if (load(&d, "xj_jiuzhu", &d.clerk) || load(&d, "xj_xiehui", &d.assoc) || load(&d, "xj_caiwu", &d.finance))
        return fail(&d, "演示账号");
    const struct single singles[] = {
        {"special_disabled", 2, 2000, "独生子女三级伤残，年度扶助", RS_PAID, on(2026, 6, 2)},
        {"one_child", 3, 5000, "独生子女患白血病住院治疗，自付费用较高", RS_PAID, on(2026, 9, 1)},
        {"two_daughters", 4, 3000, "新生儿先天性心脏病筛查与干预", RS_IN_NOTICE, today},
        {"only_daughter", 5, 500, "独女户母亲“两癌”筛查", RS_VERIFIED, on(2026, 11, 18)},
        {"one_child", 7, 3000, "不孕症治疗费用", RS_APPLIED, on(2026, 11, 22)},
        {"hardship", 6, 1500, "输卵管结扎术后并发症复查", RS_REJECTED, on(2026, 10, 9)},
    };
    if (income(&d) || spring_festival(&d))
        return -1;
    for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
        if (single(&d, &singles[i]))
            return -1;
    struct notice_input loans = {"loan", d.xiji, "2026-01-01", "2026-12-31", 7, 0};
    if (notice_create(db, &d.assoc, &loans, today, &d.e) < 0 && strcmp(d.e.code, "nothing_to_notice") != 0)
        return fail(&d, "贷款公示");
    return 0;
}
