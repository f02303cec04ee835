/* demo.c: the demo township, its accounts and generated households (see demo.h). */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "household.h"
#include "idcard.h"

static const char *const xiji_villages[] = {"西集村", "东集村", "南集村", "北庄村", "马庄村",
                                            "后林村", "前林村", "黄庄村", "刘家庄村", "王楼村",
                                            "李庄村", "张洼村", "石门村", "枣园村", "龙山村"};
static const char *const fengmao_villages[] = {"冯卯村", "欧峪村", "岩马村", "朝阳村", "东湖村"};

const struct demo_account demo_accounts[] = {
    {"xj_xiehui", "孙丽华", "association", "西集镇", NULL, "协会工作人员（西集镇）"},
    {"xj_xiehui2", "马建国", "association", "西集镇", NULL, "协会工作人员，B角（西集镇）"},
    {"xj_pingshen", "王秀英", "reviewer", "西集镇", "镇计生协会", "评审员·镇计生协会（西集镇）"},
    {"xj_jingwei", "赵志强", "reviewer", "西集镇", "经委", "评审员·经委（西集镇）"},
    {"xj_zhaoshang", "刘洪涛", "reviewer", "西集镇", "招商办", "评审员·招商办（西集镇）"},
    {"xj_xinyong", "陈立新", "liaison", "西集镇", NULL, "信用社联络员（西集镇）"},
    {"xj_jiuzhu", "杨桂兰", "relief", "西集镇", NULL, "救助经办员（西集镇）"},
    {"xj_caiwu", "周敏", "finance", "西集镇", NULL, "财务（西集镇）"},
    {"xj_cun_xiji", "张春梅", "village", "西集村", NULL, "村计生专干（西集村）"},
    {"xj_cun_dongji", "李红霞", "village", "东集村", NULL, "村计生专干（东集村）"},
    {"shenji", "吴文静", "auditor", NULL, NULL, "审计（山亭区）"},
    {"fm_xiehui", "郑海燕", "association", "冯卯镇", NULL, "协会工作人员（冯卯镇，邻镇）"},
    {"fm_caiwu", "钱永刚", "finance", "冯卯镇", NULL, "财务（冯卯镇，邻镇）"},
    {"fm_cun_fengmao", "孔令霞", "village", "冯卯村", NULL, "村计生专干（冯卯村，邻镇）"},
    {"qu_caiwu", "褚晓燕", "finance", NULL, NULL, "财务（山亭区：担保基金）"},
};
const int demo_accounts_count = sizeof demo_accounts / sizeof demo_accounts[0];

/* Creates one unit under parent with the right path. Returns its id or -1. */
static int64_t add_unit(struct db *db, const char *name, const char *kind, int64_t parent)
{
    if (db_run(db, "INSERT INTO units (name, kind, parent_id, path) VALUES (?, ?, ?, '')", "tti", name, kind, parent) !=
        SQLITE_DONE)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(db->h);
    return db_run(db, "UPDATE units SET path = (SELECT path FROM units WHERE id = ?) || ? || '/' WHERE id = ?", "iii",
                  parent, id, id) == SQLITE_DONE
               ? id
               : -1;
}

int demo_units_and_users(struct db *db, const struct user_ctx *admin)
{
    if (db_begin(db) != SQLITE_OK)
        return -1;
    int64_t xiji = add_unit(db, "西集镇", "township", admin->unit_id);
    int64_t fengmao = add_unit(db, "冯卯镇", "township", admin->unit_id);
    int ok = xiji > 0 && fengmao > 0 &&
             db_run(db, "UPDATE units SET phone = '0632-8811234', address = '西集镇人民政府计生协会办公室' WHERE id = ?",
                    "i", xiji) == SQLITE_DONE;
    for (size_t i = 0; ok && i < sizeof xiji_villages / sizeof *xiji_villages; i++)
        ok = add_unit(db, xiji_villages[i], "village", xiji) > 0;
    for (size_t i = 0; ok && i < sizeof fengmao_villages / sizeof *fengmao_villages; i++)
        ok = add_unit(db, fengmao_villages[i], "village", fengmao) > 0;
    char hash[256];
    ok = ok && auth_hash_password(DEMO_PASSWORD, hash, sizeof hash) == 0;
    for (int i = 0; ok && i < demo_accounts_count; i++) {
        const struct demo_account *a = &demo_accounts[i];
        ok = db_run(db,
                    "INSERT INTO users (username, password_hash, name, role, unit_id, department_id, phone) "
                    "VALUES (?, ?, ?, ?, coalesce((SELECT id FROM units WHERE name = ?), ?), "
                    "(SELECT id FROM departments WHERE name = ?), ?)",
                    "tttttitt", a->username, hash, a->name, a->role, a->unit, admin->unit_id, a->department,
                    "13905321234") == SQLITE_DONE;
    }
    if (!ok) {
        db_rollback(db);
        return -1;
    }
    return db_commit(db) == SQLITE_OK ? 0 : -1;
}

/* xorshift64*: a small deterministic generator for repeatable demo data. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

/* A uniform integer in [0, n). */
static unsigned pick(uint64_t *s, unsigned n)
{
    return (unsigned)(next_random(s) % n);
}

static const char *const surnames[] = {
    "张", "王", "李", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "田", "董", "袁", "潘", "于",
    "蒋", "蔡", "杜", "程", "苏", "魏", "吕", "丁", "任", "沈", "姜", "崔", "孔", "颜", "褚", "欧阳", "司马"};
static const char *const male_given[] = {"建国", "志强", "国栋", "海涛", "立新", "庆华", "学军", "振东", "玉民", "长江",
                                         "洪波", "德胜", "文博", "子豪", "浩然", "宇航", "俊杰", "明", "伟", "磊",
                                         "军", "勇", "强", "涛", "鹏"};
static const char *const female_given[] = {"秀英", "桂兰", "丽华", "春梅", "红霞", "玉珍", "凤英", "翠萍", "海燕",
                                           "文静", "晓燕", "雪梅", "欣怡", "梓涵", "雨桐", "思琪", "芳", "娟",
                                           "敏", "静", "丽", "艳", "霞", "婷"};

/* A person generator: unique IDs by construction (see next_person). */
struct person_gen {
    uint64_t adult_seq, child_seq;
};

/* Builds the k-th unique resident ID of a birth-date range: day k % days, then order codes. */
static void make_id(char id[19], struct date first, long days, uint64_t k, char sex)
{
    static const char *const regions[] = {"370406", "370402", "370403", "370404", "370405", "370481"};
    struct date birth = date_add_days(first, (long)(k % (uint64_t)days));
    uint64_t rest = k / (uint64_t)days;
    unsigned order = (unsigned)(rest % 500) * 2 + (sex == 'M' ? 1 : 0);
    const char *region = regions[(rest / 500) % (sizeof regions / sizeof *regions)];
    char first17[18];
    snprintf(first17, sizeof first17, "%s%04d%02d%02d%03u", region, birth.y, birth.m, birth.d, order);
    snprintf(id, 19, "%s%c", first17, idcard_check_digit(first17));
}

/* Fills a name for the sex, with the given surname. */
static void make_name(char *out, size_t n, const char *surname, char sex, uint64_t *s)
{
    const char *given = sex == 'M' ? male_given[pick(s, sizeof male_given / sizeof *male_given)]
                                   : female_given[pick(s, sizeof female_given / sizeof *female_given)];
    snprintf(out, n, "%s%s", surname, given);
}

int demo_households(struct db *db, const struct user_ctx *admin, long n, uint64_t seed)
{
    int64_t villages[64];
    int nv = 0;
    sqlite3_stmt *st = db_prep(db, "SELECT id FROM units WHERE kind = 'village' ORDER BY id");
    if (!st)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW && nv < 64)
        villages[nv++] = sqlite3_column_int64(st, 0);
    if (db_end(st, 0, NULL) != 0 || !nv)
        return -1;
    struct date adults_from = {1961, 1, 1}, children_from = {1997, 1, 1};
    long adult_days = date_diff((struct date){1996, 12, 31}, adults_from) + 1;
    long child_days = date_diff((struct date){2024, 12, 31}, children_from) + 1;
    struct person_gen g = {
        (uint64_t)db_int(db, 0, "SELECT count(*) FROM members WHERE birth_date < '1997-01-01'", ""),
        (uint64_t)db_int(db, 0, "SELECT count(*) FROM members WHERE birth_date >= '1997-01-01'", "")};
    uint64_t s = seed * 0x9E3779B97F4A7C15ULL + 1;
    for (long h = 0; h < n; h++) {
        char names[4][64], ids[4][19], phone[12], address[128];
        struct household_input in = {0};
        in.village_id = villages[h % nv];
        const char *surname = surnames[pick(&s, sizeof surnames / sizeof *surnames)];
        char head_sex = pick(&s, 4) ? 'M' : 'F';
        make_name(names[0], sizeof names[0], surname, head_sex, &s);
        make_id(ids[0], adults_from, adult_days, g.adult_seq++, head_sex);
        static const char *const prefixes[] = {"138", "139", "150", "151", "158", "186", "187", "135", "136", "159"};
        snprintf(phone, sizeof phone, "%s%08u", prefixes[pick(&s, 10)], pick(&s, 100000000));
        snprintf(address, sizeof address, "%u号", 1 + pick(&s, 300));
        in.head = (struct member_input){.name = names[0], .id_number = ids[0], .phone = phone};
        in.address = address;
        in.policy_compliant = pick(&s, 20) != 0;
        unsigned roll = pick(&s, 100);
        int nchildren = 1, daughters = 0;
        if (roll < 35) {
            in.categories = 1u << HC_ONE_CHILD;
        } else if (roll < 50) {
            in.categories = 1u << HC_ONLY_DAUGHTER | 1u << HC_ONE_CHILD;
            daughters = 1;
        } else if (roll < 62) {
            in.categories = 1u << HC_TWO_DAUGHTERS;
            nchildren = daughters = 2;
        } else if (roll < 66) {
            in.categories = 1u << HC_TWO_DAUGHTERS | 1u << HC_TWO_DAUGHTERS_STERILISED;
            nchildren = daughters = 2;
        } else if (roll < 68) {
            in.categories = 1u << HC_SPECIAL_LOST;
            nchildren = 0;
        } else if (roll < 70) {
            in.categories = 1u << HC_SPECIAL_DISABLED | 1u << HC_ONE_CHILD;
        } else if (roll < 80) {
            in.categories = 1u << HC_HARDSHIP | (pick(&s, 2) ? 1u << HC_ONE_CHILD : 0);
        } else if (roll < 85) {
            in.categories = 1u << HC_MODEL | 1u << HC_ONE_CHILD;
        } else {
            nchildren = 2;
        }
        if (pick(&s, 100) < 85) {
            char sex = head_sex == 'M' ? 'F' : 'M';
            make_name(names[1], sizeof names[1], surnames[pick(&s, sizeof surnames / sizeof *surnames)], sex, &s);
            make_id(ids[1], adults_from, adult_days, g.adult_seq++, sex);
            in.members[in.nmembers++] = (struct member_input){.name = names[1], .id_number = ids[1], .relation = "配偶"};
        }
        for (int c = 0; c < nchildren; c++) {
            char sex = c < daughters ? 'F' : (pick(&s, 2) ? 'M' : 'F');
            int slot = in.nmembers + 1;
            make_name(names[slot], sizeof names[slot], surname, sex, &s);
            make_id(ids[slot], children_from, child_days, g.child_seq++, sex);
            in.members[in.nmembers++] =
                (struct member_input){.name = names[slot], .id_number = ids[slot], .relation = "子女"};
        }
        if (household_insert(db, admin, &in) < 0)
            return -1;
    }
    return 0;
}

int demo_bench_loans(struct db *db, long n, struct date today)
{
    char t[11];
    date_format(today, t);
    int ok =
        db_run(db,
               "INSERT INTO loan_applications (household_id, state, amount_fen, term_months, project_type, project_name, "
               "handler_id, round, submitted_on, review_due_on, decided_on) SELECT h.id, 'disbursed', 2000000 + (h.id % 181) "
               "* 100000, 36, 'livestock', '压力测试项目', 1, 1, date(?2, '-700 days'), date(?2, '-680 days'), "
               "date(?2, '-692 days') FROM households h "
               "WHERE h.policy_compliant = 1 "
               "AND NOT EXISTS (SELECT 1 FROM loan_applications a WHERE a.household_id = h.id) ORDER BY h.id LIMIT ?1",
               "it", (int64_t)n, t) == SQLITE_DONE &&
        db_run(db,
               "INSERT INTO loans (application_id, contract_no, disbursed_on, principal_fen, rate_micro, method, "
               "term_months, created_by, village_id) SELECT a.id, 'BENCH-' || a.id, date(?1, '-691 days', '+' || "
               "(a.id % 600) || ' days'), a.amount_fen, 4350000, 'equal-principal', 36, 1, (SELECT village_id FROM households WHERE "
               "id = a.household_id) FROM loan_applications a WHERE a.project_name = "
               "'压力测试项目' AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.application_id = a.id)",
               "t", t) == SQLITE_DONE &&
        /* paid up to today, except every 7th loan (stopped 2 months ago) and every 13th (8 months ago) */
        db_run(db,
               "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 36), "
               "rows AS (SELECT l.id AS loan_id, k.n AS n, date(l.disbursed_on, '+' || k.n || ' months') AS due_on, "
               "CASE WHEN k.n < 36 THEN l.principal_fen / 36 ELSE l.principal_fen - 35 * (l.principal_fen / 36) END AS p, "
               "(l.principal_fen - (k.n - 1) * (l.principal_fen / 36)) * 435 / 120000 AS i, "
               "CASE WHEN l.id % 13 = 0 THEN date(?1, '-8 months') WHEN l.id % 7 = 0 THEN date(?1, '-2 months') "
               "ELSE ?1 END AS stop FROM loans l, k WHERE l.contract_no LIKE 'BENCH-%' AND NOT EXISTS "
               "(SELECT 1 FROM loan_schedule s WHERE s.loan_id = l.id)) "
               "INSERT INTO loan_schedule (loan_id, n, due_on, principal_fen, interest_fen, paid_principal_fen, "
               "paid_interest_fen, settled) SELECT loan_id, n, due_on, p, i, CASE WHEN due_on < stop THEN p ELSE 0 END, "
               "CASE WHEN due_on < stop THEN i ELSE 0 END, due_on < stop FROM rows",
               "t", t) == SQLITE_DONE &&
        db_run(db,
               "UPDATE loans SET outstanding_principal_fen = (SELECT coalesce(sum(principal_fen - paid_principal_fen), 0) "
               "FROM loan_schedule WHERE loan_id = loans.id), oldest_unpaid_due = (SELECT min(due_on) FROM loan_schedule "
               "WHERE loan_id = loans.id AND settled = 0) WHERE contract_no LIKE 'BENCH-%'",
               "") == SQLITE_DONE;
    return ok ? 0 : -1;
}

int demo_bench_relief(struct db *db, long n, struct date today)
{
    /* Everything happens in year y, from 2 January to 6 November at the latest: the latest year
       whose 8 November is not after today. */
    int y = today.y - (date_cmp(today, (struct date){today.y, 11, 8}) < 0);
    char jan2[11], jan5[11], jan8[11], jan10[11], jan11[11];
    date_format((struct date){y, 1, 2}, jan2);
    date_format((struct date){y, 1, 5}, jan5);
    date_format((struct date){y, 1, 8}, jan8);
    date_format((struct date){y, 1, 10}, jan10);
    date_format((struct date){y, 1, 11}, jan11);
    int64_t total = (int64_t)n * 100000;
    int64_t before = db_int(db, 0, "SELECT balance_after_fen FROM relief_fund_entries WHERE fund_id = 1 ORDER BY id DESC "
                                   "LIMIT 1", "");
    int64_t first = db_int(db, 0, "SELECT coalesce(max(id), 0) FROM relief_payments", "") + 1;
    int ok = db_run(db, "INSERT INTO notices (kind, unit_id, title, starts_on, ends_on, created_by) VALUES ('relief', 1, "
                        "'压力测试公示', ?, ?, 1)", "tt", jan2, jan8) == SQLITE_DONE;
    int64_t notice = sqlite3_last_insert_rowid(db->h);
    ok = ok &&
        db_run(db, "INSERT INTO relief_fund_entries (fund_id, kind, source, amount_fen, balance_after_fen, on_date, "
                   "document_no, note, created_by) VALUES (1, 'income', 'district', ?1, ?2, ?3, 'BENCH', "
                   "'压力测试', 1)", "iit", total, before + total, jan5) == SQLITE_DONE &&
        db_run(db, "INSERT INTO relief_applications (household_id, category_id, amount_fen, reason, state, applied_on, "
                   "year, created_by, verified_by, verified_on, reviewed_by, reviewed_on, notice_id, approved_by, approved_on) "
                   "SELECT h.id, 10, 100000, '压力测试', 'paid', ?3, ?4, 1, 1, ?3, 1, ?3, ?2, 1, ?5 FROM households h "
                   "WHERE NOT EXISTS (SELECT 1 FROM relief_applications a WHERE a.household_id = h.id) ORDER BY h.id "
                   "LIMIT ?1",
               "iitit", (int64_t)n, notice, jan2, (int64_t)y, jan10) == SQLITE_DONE &&
        db_run(db, "INSERT INTO relief_payments (application_id, fund_id, township_id, year, seq, receipt_no, amount_fen, "
                   "paid_on, method, handler_id) SELECT a.id, 1, t.id, ?1, s.base + row_number() OVER "
                   "(PARTITION BY t.id ORDER BY a.id), replace(replace(t.name, '街道', ''), '镇', '') || '-' || ?1 || '-' || "
                   "printf('%06d', s.base + row_number() OVER (PARTITION BY t.id ORDER BY a.id)), a.amount_fen, "
                   "date(?2, '+' || (a.id % 300) || ' days'), 'bank', 1 FROM relief_applications a "
                   "JOIN households h ON h.id = a.household_id JOIN units v ON v.id = h.village_id "
                   "JOIN units t ON t.id = v.parent_id JOIN (SELECT u.id AS tid, (SELECT coalesce(max(last), 0) FROM "
                   "docno_counters x WHERE x.unit_id = u.id AND x.kind = 'relief_receipt' AND x.year = ?1) AS base "
                   "FROM units u "
                   "WHERE u.kind = 'township') s ON s.tid = t.id WHERE a.reason = '压力测试' AND NOT EXISTS "
                   "(SELECT 1 FROM relief_payments p WHERE p.application_id = a.id)", "it", (int64_t)y, jan11) == SQLITE_DONE &&
        db_run(db, "INSERT INTO relief_fund_entries (fund_id, kind, amount_fen, balance_after_fen, on_date, note, "
                   "payment_id, created_by) SELECT 1, 'disbursement', -p.amount_fen, ?1 - sum(p.amount_fen) OVER "
                   "(ORDER BY p.id), p.paid_on, '压力测试', p.id, 1 FROM relief_payments p WHERE p.id >= ?2 ORDER BY p.id",
               "ii", before + total, first) == SQLITE_DONE &&
        db_run(db, "INSERT INTO docno_counters (unit_id, kind, year, last) SELECT township_id, 'relief_receipt', year, "
                   "max(seq) FROM relief_payments WHERE id >= ?1 GROUP BY township_id, year "
                   "ON CONFLICT (unit_id, kind, year) DO UPDATE SET last = max(last, excluded.last)",
               "i", first) == SQLITE_DONE;
    return ok ? 0 : -1;
}
