/* relief_rules.c: states, actions, eligibility, amounts and yearly limits of relief (see relief_rules.h). */
#include "relief_rules.h"

#include <stdio.h>
#include <string.h>

#include "household.h"
#include "money.h"

static const struct {
    const char *code, *name;
} states[RS__MAX] = {
    {"applied", "已申请"},   {"verified", "村已审核"}, {"reviewed", "镇已审核"}, {"in_notice", "公示中"},
    {"approved", "已批准"}, {"paid", "已发放"},       {"rejected", "未通过"},
};

static const struct {
    const char *code, *name;
    int from_mask; /* bit per state the action may start from */
    int to;
} actions[RA__MAX] = {
    [RA_VERIFY] = {"verify", "村审核", 1 << RS_APPLIED, RS_VERIFIED},
    [RA_REVIEW] = {"review", "镇审核", 1 << RS_VERIFIED, RS_REVIEWED},
    [RA_NOTICE] = {"notice", "公示", 1 << RS_REVIEWED, RS_IN_NOTICE},
    [RA_APPROVE] = {"approve", "批准", 1 << RS_IN_NOTICE, RS_APPROVED},
    [RA_PAY] = {"disburse", "发放", 1 << RS_APPROVED, RS_PAID},
    [RA_REJECT] = {"reject", "不予通过",
                   1 << RS_APPLIED | 1 << RS_VERIFIED | 1 << RS_REVIEWED | 1 << RS_IN_NOTICE, RS_REJECTED},
    [RA_VOID] = {"void", "作废凭证", 1 << RS_PAID, RS_APPROVED},
};

const char *relief_state_code(int s)
{
    return s >= 0 && s < RS__MAX ? states[s].code : NULL;
}

const char *relief_state_name(int s)
{
    return s >= 0 && s < RS__MAX ? states[s].name : NULL;
}

int relief_state_parse(const char *code)
{
    for (int i = 0; code && i < RS__MAX; i++)
        if (strcmp(code, states[i].code) == 0)
            return i;
    return -1;
}

const char *relief_action_code(int a)
{
    return a >= 0 && a < RA__MAX ? actions[a].code : NULL;
}

const char *relief_action_name(int a)
{
    return a >= 0 && a < RA__MAX ? actions[a].name : NULL;
}

int relief_next_state(enum relief_action a, enum relief_state from)
{
    if ((int)a < 0 || a >= RA__MAX || (int)from < 0 || from >= RS__MAX)
        return -1;
    return actions[a].from_mask & (1 << from) ? actions[a].to : -1;
}

int relief_check_eligible(const struct relief_rule *rule, unsigned household_categories, char *why, size_t n)
{
    if (rule->any_household || (rule->eligible & household_categories))
        return 0;
    size_t used = (size_t)snprintf(why, n, "该户不符合此救助类别的条件：须为");
    for (int c = 0, first = 1; c < HC__MAX && used < n; c++)
        if (rule->eligible & (1u << c)) {
            used += (size_t)snprintf(why + used, n - used, "%s%s", first ? "" : "、", hh_category_name(c));
            first = 0;
        }
    return -1;
}

int relief_check_amount(const struct relief_rule *rule, int64_t amount_fen, char *why, size_t n)
{
    char a[MONEY_TEXT_SIZE], b[MONEY_TEXT_SIZE];
    money_format(rule->min_fen, a, sizeof a);
    money_format(rule->max_fen, b, sizeof b);
    if (rule->standard && amount_fen != rule->min_fen) {
        snprintf(why, n, "此类别按标准发放，金额应为 %s 元", a);
        return -1;
    }
    if (amount_fen < rule->min_fen || amount_fen > rule->max_fen) {
        snprintf(why, n, "金额应在 %s 元到 %s 元之间", a, b);
        return -1;
    }
    return 0;
}

int relief_check_limit(const struct relief_rule *rule, int used_this_year, int year, char *why, size_t n)
{
    if (used_this_year < rule->per_year)
        return 0;
    snprintf(why, n, "该户 %d 年已申请此类救助 %d 次，已达每户每年 %d 次的上限", year, used_this_year, rule->per_year);
    return -1;
}
