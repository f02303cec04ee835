/*
 * relief_rules.h: the pure rules of relief (救助): application states and which action moves
 * which state, eligibility of a household for a category, the amount range and the yearly limit.
 * No database, no I/O: relief.c gathers the facts and asks these functions.
 */
#ifndef BANGFU_RELIEF_RULES_H
#define BANGFU_RELIEF_RULES_H
#include <stddef.h>
#include <stdint.h>

#define RELIEF_CATEGORY_NAME_SIZE 64 /* category names and public names (set by migrations) */

enum relief_state {
    RS_APPLIED,   /* 已申请 */
    RS_VERIFIED,  /* 村已审核 */
    RS_REVIEWED,  /* 镇已审核 */
    RS_IN_NOTICE, /* 公示中 */
    RS_APPROVED,  /* 已批准 */
    RS_PAID,      /* 已发放 */
    RS_REJECTED,  /* 未通过 */
    RS__MAX
};

enum relief_action {
    RA_VERIFY,  /* village verification (村审核) */
    RA_REVIEW,  /* township review (镇审核) */
    RA_NOTICE,  /* goes into a public notice */
    RA_APPROVE, /* approval after the notice period */
    RA_PAY,     /* disbursement with a receipt */
    RA_REJECT,  /* refused at any step before approval */
    RA_VOID,    /* the receipt is voided: back to approved, to be paid again */
    RA__MAX
};

/* "applied", ... as in API.md, and the Chinese name; NULL out of range. */
const char *relief_state_code(int s);
const char *relief_state_name(int s);
/* The state for a code, or -1. */
int relief_state_parse(const char *code);
/* The action's code ("verify") and Chinese name ("村审核"); NULL out of range. */
const char *relief_action_code(int a);
const char *relief_action_name(int a);
/* The state an action leads to from `from`, or -1 when the action is not allowed there. */
int relief_next_state(enum relief_action a, enum relief_state from);

/* What a category asks of a household and an amount, as of one date. */
struct relief_rule {
    int standard;        /* 1: a fixed amount (min = max); 0: by case between min and max */
    int any_household;   /* every registered family-planning household is eligible */
    unsigned eligible;   /* else: a household with one of these categories (bit per enum hh_category) */
    int per_year;        /* times per household per calendar year */
    int64_t min_fen, max_fen;
};

/* Whether a household with these categories (bit per enum hh_category) may receive relief of the
   category. Returns 0, or -1 with why (size n) saying in Chinese what is missing. */
int relief_check_eligible(const struct relief_rule *rule, unsigned household_categories, char *why, size_t n);
/* Whether the amount is the standard or within the range. Returns 0, or -1 with why. */
int relief_check_amount(const struct relief_rule *rule, int64_t amount_fen, char *why, size_t n);
/* Whether one more application fits the yearly limit, given the household's applications of the
   category this year that are not rejected. Returns 0, or -1 with why. */
int relief_check_limit(const struct relief_rule *rule, int used_this_year, int year, char *why, size_t n);

#endif
