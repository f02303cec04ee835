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
    struct date today;
    struct user_ctx clerk, reviewer, assoc, finance; /* verify, review, approve: three people */
    int64_t fund, xiji;
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

/* The day `days` days before the demo's today: the demo is dated relative to the day it is made
   (its figures were first written for 2026-11-23, so "317 days ago" was 2026-01-10). */
static struct date ago(const struct rdemo *d, long days)
{
    return date_add_days(d->today, -days);
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

/* The fund's income from each source. Document numbers carry the year of their date. */
static int income(struct rdemo *d)
{
    static const struct {
        const char *source;
        long days_ago;
        const char *doc_format, *note; /* doc_format: one %d, the year */
        int64_t yuan;
    } rows[] = {{"district", 317, "山财社〔%d〕5号", "区财政拨付生育关怀资金", 200000},
                {"township", 312, "西财〔%d〕2号", "镇财政配套", 80000},
                {"donation", 260, "捐赠-%d-003", "西集镇商会“三八”捐赠", 36000},
                {"other", 146, "利息-%d-H1", "上半年存款利息", 5000}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct date on = ago(d, rows[i].days_ago);
        char day[11], doc[64];
        if (snprintf(doc, sizeof doc, rows[i].doc_format, on.y) >= (int)sizeof doc ||
            relief_fund_income(d->db, &d->finance, d->fund, rows[i].source, rows[i].yuan * 100, date_format(on, day),
                               doc, rows[i].note, d->today, &d->e) < 0)
            return fail(d, "资金收入");
    }
    return 0;
}

/* The Spring Festival batch, from preview to receipts: started on 20 January of this year (of
   last year when that is less than eight days ago), paid eight days later. */
static int spring_festival(struct rdemo *d)
{
    struct batch_input in = {9, 0, d->xiji};
    int n = 0;
    struct date start = {d->today.y, 1, 20};
    if (date_diff(d->today, start) < 8)
        start.y--;
    struct date paid_on = date_add_days(start, 8);
    char paid[11];
    int64_t b = relief_batch_create(d->db, &d->clerk, &in, start, &n, NULL, NULL, &d->e);
    struct notice_input ni = {"relief", d->xiji, NULL, NULL, 7, 0, 0};
    struct relief_pay_input pay = {d->fund, date_format(paid_on, paid), "cash", d->today};
    if (b < 0 || relief_batch_step(d->db, &d->clerk, b, RA_VERIFY, start, &n, &d->e) != 0 ||
        relief_batch_step(d->db, &d->reviewer, b, RA_REVIEW, start, &n, &d->e) != 0 ||
        notice_create(d->db, &d->clerk, &ni, start, &d->e) < 0 ||
        relief_batch_step(d->db, &d->assoc, b, RA_APPROVE, paid_on, &n, &d->e) != 0 ||
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
    if (s->until >= RS_REVIEWED && relief_step(d->db, &d->reviewer, id, RA_REVIEW, NULL, t, &d->e) != 0)
        return fail(d, "镇审核");
    struct notice_input ni = {"relief", village_of(d, hh), NULL, NULL, 7, 0, 0};
    if (s->until >= RS_IN_NOTICE && notice_create(d->db, &d->clerk, &ni, t, &d->e) < 0)
        return fail(d, "公示");
    if (s->until >= RS_APPROVED && relief_step(d->db, &d->assoc, id, RA_APPROVE, NULL, after, &d->e) != 0)
        return fail(d, "批准");
    struct relief_pay_input pay = {d->fund, date_format(after, paid), "bank", d->today};
    char receipt[RELIEF_RECEIPT_NO_SIZE];
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
    if (load(&d, "xj_jiuzhu", &d.clerk) || load(&d, "xj_xiehui2", &d.reviewer) || load(&d, "xj_xiehui", &d.assoc) || load(&d, "xj_caiwu", &d.finance))
        return fail(&d, "演示账号");
    const struct single singles[] = {
        {"special_disabled", 2, 2000, "独生子女三级伤残，年度扶助", RS_PAID, ago(&d, 174)},
        {"one_child", 3, 5000, "独生子女患白血病住院治疗，自付费用较高", RS_PAID, ago(&d, 83)},
        {"two_daughters", 4, 3000, "新生儿先天性心脏病筛查与干预", RS_IN_NOTICE, today},
        {"only_daughter", 5, 500, "独女户母亲“两癌”筛查", RS_VERIFIED, ago(&d, 5)},
        {"one_child", 7, 3000, "不孕症治疗费用", RS_APPLIED, ago(&d, 1)},
        {"hardship", 6, 1500, "输卵管结扎术后并发症复查", RS_REJECTED, ago(&d, 45)},
    };
    if (income(&d) || spring_festival(&d))
        return -1;
    for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
        if (single(&d, &singles[i]))
            return -1;
    char from[11], to[11]; /* the loans approved in the last year */
    struct notice_input loans = {"loan", d.xiji, date_format(ago(&d, 326), from), date_format(today, to), 7, 0, 0};
    if (notice_create(db, &d.assoc, &loans, today, &d.e) < 0 && strcmp(d.e.code, "nothing_to_notice") != 0)
        return fail(&d, "贷款公示");
    return 0;
}
