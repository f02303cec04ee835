/* product_rules.c: the pure rules of loan products (see product_rules.h). */
#include "product_rules.h"

#include <stdio.h>
#include <string.h>

#include "amort.h"
#include "money.h"

/* The methods that repay principal before maturity, which 按季结息 does not take (amort.h). */
#define PRODUCT_AMORTISING_METHODS (1u << AMORT_EQUAL_INSTALLMENT | 1u << AMORT_EQUAL_PRINCIPAL)

/* A table of stable codes and their Chinese names, indexed by an enum. */
typedef const char *const code_names[2];

/* Column col (0 code, 1 name) of entry i of table t (n entries), or NULL when i is out of range. */
static const char *table_word(const code_names *t, int n, int i, int col)
{
    return i >= 0 && i < n ? t[i][col] : NULL;
}

/* The index of code in table t (n entries), or -1. */
static int table_parse(const code_names *t, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(code, t[i][0]) == 0)
            return i;
    return -1;
}

static const code_names kinds[BK__MAX] = {
    [BK_HOUSEHOLD] = {"household", "家庭"},
    [BK_ORGANISATION] = {"organisation", "合作社/示范基地"},
};
static const code_names settlements[PS__MAX] = {
    [PS_DUE_DATES] = {"due_dates", "按还款日结息"},
    [PS_QUARTER_20TH] = {"quarter_20th", "按季结息（每季末月20日）"},
};
static const code_names reviews[ER__MAX] = {
    [ER_ASSOCIATION] = {"association", "协会审批"},
    [ER_JOINT] = {"joint", "各部门联合评审"},
};

const char *borrower_kind_code(int k) { return table_word(kinds, BK__MAX, k, 0); }
const char *borrower_kind_name(int k) { return table_word(kinds, BK__MAX, k, 1); }
int borrower_kind_parse(const char *code) { return table_parse(kinds, BK__MAX, code); }
const char *product_settlement_code(int s) { return table_word(settlements, PS__MAX, s, 0); }
const char *product_settlement_name(int s) { return table_word(settlements, PS__MAX, s, 1); }
int product_settlement_parse(const char *code) { return table_parse(settlements, PS__MAX, code); }
const char *extension_review_code(int r) { return table_word(reviews, ER__MAX, r, 0); }
const char *extension_review_name(int r) { return table_word(reviews, ER__MAX, r, 1); }
int extension_review_parse(const char *code) { return table_parse(reviews, ER__MAX, code); }

static const char *const rating_grades[] = {NULL, "差", "一般", "较好", "优秀"};
#define RATING_RANKS (int)(sizeof rating_grades / sizeof rating_grades[0])

int product_rating_rank(const char *grade)
{
    for (int i = 1; grade && i < RATING_RANKS; i++)
        if (!strcmp(grade, rating_grades[i]))
            return i;
    return 0;
}

const char *product_rating_grade(int rank)
{
    return rank > 0 && rank < RATING_RANKS ? rating_grades[rank] : NULL;
}

int product_codes_bits(const char *csv, int (*parse)(const char *), unsigned *bits)
{
    char code[64];
    *bits = 0;
    for (const char *p = csv ? csv : ""; *p;) {
        size_t len = strcspn(p, ",");
        if (len == 0 || len >= sizeof code)
            return -1;
        memcpy(code, p, len);
        code[len] = '\0';
        int i = parse(code);
        if (i < 0 || i >= 32 || (*bits & (1u << i)))
            return -1;
        *bits |= 1u << i;
        p += len + (p[len] == ',');
        if (p[-1] == ',' && !*p) /* a trailing comma */
            return -1;
    }
    return 0;
}

/* Joins what each set bit names (code or name) with sep into out; -1 when it does not fit. */
static int join_bits(unsigned bits, const char *(*word)(int), int max, const char *sep, char *out, size_t n)
{
    size_t used = 0;
    if (n)
        *out = '\0';
    for (int i = 0; i < max; i++)
        if ((bits & (1u << i)) && ((used && text_append(out, n, &used, sep) != 0) ||
                                   text_append(out, n, &used, word(i)) != 0)) {
            if (n)
                *out = '\0';
            return -1;
        }
    return 0;
}

int product_bits_codes(unsigned bits, const char *(*code)(int), int max, char *out, size_t n)
{
    return join_bits(bits, code, max, ",", out, n);
}

int product_bits_names(unsigned bits, const char *(*name)(int), int max, char *out, size_t n)
{
    return join_bits(bits, name, max, "、", out, n);
}

int product_validate(const struct product_terms *p, struct err *e)
{
    if (p->min_fen < 1 || p->max_fen > AMORT_PRINCIPAL_MAX_FEN || p->min_fen > p->max_fen)
        return err_set(e, 422, "invalid_amount_range", "min_fen", "金额范围无效：下限应大于零且不高于上限");
    if (p->min_months < 1 || p->max_months > AMORT_TERM_MAX_MONTHS || p->min_months > p->max_months)
        return err_set(e, 422, "invalid_term_range", "min_months", "期限范围无效：应为 1 到 360 个月，下限不高于上限");
    if (!p->methods || p->methods >= (1u << AMORT__MAX))
        return err_set(e, 422, "invalid_methods", "methods", "请至少选择一种还款方式");
    if (p->min_rate_micro < 0 || p->max_rate_micro > AMORT_RATE_MAX_MICRO || p->min_rate_micro > p->max_rate_micro)
        return err_set(e, 422, "invalid_rate_range", "min_rate", "利率范围无效：应在 0 到 24 之间，下限不高于上限");
    if (p->day_count < -1 || p->day_count >= AMORT_DAYS__MAX)
        return err_set(e, 422, "invalid_day_count", "day_count", "计息方式应为 month（按月计息）、actual360（按日计息）或不限");
    if (p->penalty_pct != 0 && (p->penalty_pct < PRODUCT_PENALTY_MIN_PCT || p->penalty_pct > PRODUCT_PENALTY_MAX_PCT))
        return err_set(e, 422, "invalid_penalty", "penalty_pct", "罚息系数应为合同利率的 100%% 到 200%%（或不填，按系统参数）");
    if (!p->borrower_kinds || p->borrower_kinds >= (1u << BK__MAX))
        return err_set(e, 422, "invalid_borrower_kinds", "borrower_kinds", "请至少选择一类借款人（家庭或合作社/示范基地）");
    if (p->settlement != PS_DUE_DATES && p->settlement != PS_QUARTER_20TH)
        return err_set(e, 422, "invalid_settlement", "settlement",
                       "结息方式应为 due_dates（按还款日结息）或 quarter_20th（按季结息）");
    if (p->settlement == PS_QUARTER_20TH && (p->methods & PRODUCT_AMORTISING_METHODS))
        return err_set(e, 422, "invalid_settlement_methods", "methods",
                       "按季结息的产品只能选到期一次还本的还款方式：按月付息到期还本、按季付息到期还本、利随本清");
    if (p->settlement == PS_QUARTER_20TH && p->day_count != AMORT_DAYS_ACTUAL360)
        return err_set(e, 422, "invalid_settlement_day_count", "day_count",
                       "按季结息的产品应按日计息（actual360）：利息按结息日之间的实际天数计算");
    if (p->min_rating != 0 && (p->min_rating < 2 || p->min_rating >= RATING_RANKS))
        return err_set(e, 422, "invalid_min_rating", "min_rating", "信用评定要求应为 优秀、较好、一般 或不要求");
    if (p->second_max_fen != 0 && (p->second_max_fen < p->max_fen || p->second_max_fen > AMORT_PRINCIPAL_MAX_FEN))
        return err_set(e, 422, "invalid_second_cycle_max", "second_cycle_max_fen",
                       "第二轮贷款的最高金额应不低于产品的最高金额（或不设）");
    if (p->second_min_rate_micro != -1 &&
        (p->second_min_rate_micro < 0 || p->second_min_rate_micro > p->min_rate_micro))
        return err_set(e, 422, "invalid_second_cycle_rate", "second_cycle_min_rate",
                       "第二轮贷款的最低年利率应在 0 到产品最低年利率之间（或不设）");
    if (p->extension_review < 0 || p->extension_review >= ER__MAX)
        return err_set(e, 422, "invalid_extension_review", "extension_review",
                       "展期审批方式应为 association（协会审批）或 joint（各部门联合评审）");
    return 0;
}

/* An amount as a message gives it: whole yuan without decimals ("20000"), else "5000.50". */
static const char *yuan(int64_t fen, char *out, size_t n)
{
    if (fen % 100 == 0)
        snprintf(out, n, "%lld", (long long)(fen / 100));
    else
        money_format_plain(fen, out, n);
    return out;
}

int product_check_application(const struct product_terms *p, const char *product_name, enum borrower_kind kind,
                              const struct borrower_record *b, int64_t amount_fen, int64_t term_months,
                              struct err *e)
{
    char lo[MONEY_TEXT_SIZE], hi[MONEY_TEXT_SIZE], top[MONEY_TEXT_SIZE];
    const struct borrower_record none = {0};
    if (!b)
        b = &none;
    if ((unsigned)kind >= BK__MAX || !(p->borrower_kinds & (1u << kind)))
        return err_set(e, 422, "borrower_not_allowed", "product_id", "产品“%s”不接受%s申请", product_name,
                       borrower_kind_name(kind) ? borrower_kind_name(kind) : "此类借款人");
    if (kind == BK_HOUSEHOLD && p->min_rating && b->rating_rank < p->min_rating) {
        if (!b->rating_rank)
            return err_set(e, 422, "rating_required", "household_id",
                           "产品“%s”要求家庭信用评定为%s及以上（本年或上年）；该户本年和上年都没有评定", product_name,
                           product_rating_grade(p->min_rating));
        return err_set(e, 422, "rating_required", "household_id",
                       "产品“%s”要求家庭信用评定为%s及以上（本年或上年）；该户 %d 年评定为%s", product_name,
                       product_rating_grade(p->min_rating), b->rating_year, product_rating_grade(b->rating_rank));
    }
    int64_t max = p->second_max_fen && b->second_cycle ? p->second_max_fen : p->max_fen;
    if (amount_fen > max && p->second_max_fen && amount_fen <= p->second_max_fen)
        return err_set(e, 422, "second_cycle_required", "amount_fen",
                       "贷款金额超过 %s 元、最高 %s 元的，只贷给上一笔贷款按期还清的家庭（第二轮贷款，产品：%s）",
                       yuan(p->max_fen, hi, sizeof hi), yuan(p->second_max_fen, top, sizeof top), product_name);
    if (amount_fen < p->min_fen || amount_fen > max)
        return err_set(e, 422, "invalid_amount", "amount_fen", "贷款金额应在 %s 元到 %s 元之间（产品：%s）",
                       yuan(p->min_fen, lo, sizeof lo), yuan(max, hi, sizeof hi), product_name);
    if (term_months < p->min_months || term_months > p->max_months)
        return err_set(e, 422, "invalid_term", "term_months", "贷款期限应为 %lld 到 %lld 个月（产品：%s）",
                       (long long)p->min_months, (long long)p->max_months, product_name);
    return 0;
}

int product_check_disbursement(const struct product_terms *p, const char *product_name, int second_cycle, int method,
                               int64_t rate_micro, int day_count, struct err *e)
{
    char lo[RATE_TEXT_SIZE], hi[RATE_TEXT_SIZE], names[PRODUCT_LIST_SIZE];
    int64_t floor = second_cycle && p->second_min_rate_micro >= 0 ? p->second_min_rate_micro : p->min_rate_micro;
    if (method < 0 || method >= AMORT__MAX || !(p->methods & (1u << method))) {
        product_bits_names(p->methods, amort_method_name, AMORT__MAX, names, sizeof names);
        return err_set(e, 422, "invalid_method", "method", "产品“%s”的还款方式只能是：%s", product_name, names);
    }
    if (rate_micro < floor && rate_micro >= p->second_min_rate_micro && p->second_min_rate_micro >= 0)
        return err_set(e, 422, "invalid_rate", "annual_rate",
                       "年利率应在 %s%% 到 %s%% 之间（产品：%s）；低至 %s%% 的利率只给上一笔贷款按期还清的家庭（第二轮贷款）",
                       rate_format(floor, lo, sizeof lo), rate_format(p->max_rate_micro, hi, sizeof hi), product_name,
                       rate_format(p->second_min_rate_micro, names, sizeof names));
    if (rate_micro < floor || rate_micro > p->max_rate_micro)
        return err_set(e, 422, "invalid_rate", "annual_rate", "年利率应在 %s%% 到 %s%% 之间（产品：%s）",
                       rate_format(floor, lo, sizeof lo), rate_format(p->max_rate_micro, hi, sizeof hi), product_name);
    if (p->day_count >= 0 && day_count != p->day_count)
        return err_set(e, 422, "invalid_day_count", "day_count", "产品“%s”的计息方式为%s", product_name,
                       amort_day_count_name(p->day_count));
    return 0;
}
